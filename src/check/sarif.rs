//! `copydesk check --format sarif`: SARIF 2.1.0 for code-scanning tools.
//!
//! One run, one rule per diagnostic code, one result per finding; regions use 1-based lines
//! and columns counted in Unicode scalar values (`columnKind: unicodeCodePoints`).

use std::io::Write;

use ropey::Rope;
use serde_json::{Value, json};

use super::Article;
use crate::analysis::{Analysis, Code, Severity, Span};
use crate::text::position::line_column;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Hint | Severity::Off => "none",
    }
}

fn description(code: Code) -> &'static str {
    match code {
        Code::UnbalancedQuote => "A quotation mark with no partner.",
        Code::MisusedQuoteMark => "A closing guillemet used to open a quote, or the reverse.",
        Code::UnattributedQuote => "A quote that no one is said to have said.",
        Code::UnnamedSource => "A quote attributed only to a role or an institution.",
        Code::NameVariant => "One name spelled several ways.",
    }
}

fn region(rope: &Rope, span: &Span) -> Value {
    let (start_line, start_column) = line_column(rope, span.start);
    let (end_line, end_column) = line_column(rope, span.end);
    json!({
        "startLine": start_line, "startColumn": start_column,
        "endLine": end_line, "endColumn": end_column,
    })
}

fn location(path: &str, rope: &Rope, span: &Span) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": path.replace('\\', "/")},
        "region": region(rope, span),
    }})
}

pub(crate) fn print(out: &mut impl Write, results: &[(Article, Analysis)]) -> std::io::Result<()> {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": {"text": description(*c)},
                "defaultConfiguration": {"level": level(c.default_severity())},
            })
        })
        .collect();
    let mut sarif_results = Vec::new();
    for (article, analysis) in results {
        let rope = Rope::from_str(&article.text);
        for f in analysis
            .findings
            .iter()
            .filter(|f| f.severity > Severity::Off)
        {
            let rule_index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|fix| {
                    json!({
                        "description": {"text": fix.title},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": article.path.replace('\\', "/")},
                            "replacements": fix.edits.iter().map(|e| json!({
                                "deletedRegion": region(&rope, &e.span),
                                "insertedContent": {"text": e.text},
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
            sarif_results.push(json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [location(&article.path, &rope, &f.span)],
                "relatedLocations": f.related.iter().enumerate().map(|(i, r)| {
                    let mut l = location(&article.path, &rope, &r.span);
                    l["id"] = json!(i);
                    l["message"] = json!({"text": r.message});
                    l
                }).collect::<Vec<_>>(),
                "fixes": fixes,
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

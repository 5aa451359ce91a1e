//! `copydesk check`: the editor's findings, printed for the terminal and CI.
//!
//! Human output looks like a compiler's (`path:line:col: severity[code]: message`, then the
//! line with carets under the span). `--format json` prints one JSON document whose schema is
//! documented in the README and versioned by its `"version"` field.
//!
//! Exit status: 0 when clean, 1 when a finding is at warning level or above, 2 on usage or
//! I/O errors.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ropey::Rope;
use serde_json::{Value, json};

use crate::analysis::{self, Analysis, Language, Severity, Span};
use crate::text::position::{line_column, line_text};
use crate::workspace::{IndexedArticle, Workspace, scan, style};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// The version of the JSON output schema.
pub const JSON_SCHEMA_VERSION: u32 = 1;

mod sarif;

/// One article read for checking.
pub(crate) struct Article {
    pub(crate) path: String,
    pub(crate) text: String,
    /// Notes about other articles, by the span of the finding they explain.
    pub(crate) notes: Vec<(Span, String)>,
}

/// Runs the check and returns the exit status.
pub fn run(paths: &[PathBuf], format: Format, language: Option<&str>) -> u8 {
    let language = match language.map(|l| (l, Language::parse(l))) {
        None => None,
        Some((_, Some(l))) => Some(l),
        Some((given, None)) => {
            eprintln!(
                "copydesk: unknown language `{given}`; use `fr` or `en` (or leave it out to detect it)"
            );
            return 2;
        }
    };
    let (articles, mut problems) = collect(paths);
    // The house style: copydesk.toml in the first folder given or its ancestors.
    let workspace = Workspace::default();
    if let Some(style_path) = find_style(paths) {
        workspace.load_style(&style_path);
        if let Some((err, text)) = workspace.style_state().error {
            let rope = Rope::from_str(&text);
            let (line, col) = line_column(&rope, err.span.start);
            eprintln!(
                "copydesk: {}:{line}:{col}: {}",
                style_path.display(),
                err.message
            );
            problems.push((
                style_path.display().to_string(),
                "malformed house style file".to_string(),
            ));
        }
    }
    for (path, reason) in &problems {
        eprintln!("copydesk: skipped {path}: {reason}");
    }
    let (_, forced) = workspace.style();
    let language = language.or(forced);
    let index = |article: &Article| {
        let path = Path::new(&article.path);
        let mut options = workspace.options_for(path, None);
        options.language = language.or(options.language);
        let analysis = analysis::analyze(&article.text, &options);
        let indexed = std::sync::Arc::new(
            IndexedArticle::new(
                path.to_path_buf(),
                Rope::from_str(&article.text),
                &article.text,
                analysis,
                None,
            )
            .analysed_with(&options),
        );
        workspace.put(indexed.clone());
        indexed
    };
    // Articles are analysed on every core; the results keep the order they were given in.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = articles.len().div_ceil(workers).max(1);
    let indexed: Vec<_> = std::thread::scope(|scope| {
        let parts: Vec<_> = articles
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(index).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let results: Vec<(Article, Analysis)> = articles
        .into_iter()
        .zip(&indexed)
        .map(|(article, indexed)| {
            let mut analysis = indexed.analysis.clone();
            let folder = workspace.findings(indexed);
            let mut notes = Vec::new();
            analysis.findings = folder
                .into_iter()
                .map(|f| {
                    for e in f.elsewhere.iter() {
                        let (line, col) = line_column(&e.article.rope, e.span.start);
                        notes.push((
                            f.finding.span.clone(),
                            format!("{}:{line}:{col}: {}", e.article.path.display(), e.message),
                        ));
                    }
                    f.finding.into_owned()
                })
                .collect();
            (Article { notes, ..article }, analysis)
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Human => print_human(&mut out, &results),
        Format::Json => print_json(&mut out, &results, &problems),
        Format::Sarif => sarif::print(&mut out, &results),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("copydesk: cannot write the report: {e}");
            return 2;
        }
    }
    if !problems.is_empty() {
        return 2;
    }
    let loud = results
        .iter()
        .flat_map(|(_, a)| &a.findings)
        .any(|f| f.severity >= Severity::Warning);
    u8::from(loud)
}

/// Reads every article named on the command line; folders are walked for `.txt` and `.md`.
fn collect(paths: &[PathBuf]) -> (Vec<Article>, Vec<(String, String)>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => match scan::decode(bytes) {
                    Ok(text) => articles.push(Article {
                        path: "<stdin>".to_string(),
                        text,
                        notes: Vec::new(),
                    }),
                    Err(skip) => problems.push(("<stdin>".to_string(), skip.to_string())),
                },
                Err(e) => problems.push(("<stdin>".to_string(), e.to_string())),
            }
            continue;
        }
        if !path.exists() {
            problems.push((
                path.display().to_string(),
                "no such file or folder; give article files (.txt, .md) or folders holding them"
                    .to_string(),
            ));
            continue;
        }
        let (found, walk_errors) = scan::articles_under(path);
        for (p, e) in walk_errors {
            problems.push((p.display().to_string(), e));
        }
        if found.is_empty() && path.is_dir() {
            eprintln!("copydesk: no .txt or .md article under {}", path.display());
        }
        for file in found {
            match scan::read_article(&file) {
                Ok(text) => articles.push(Article {
                    path: display(&file),
                    text,
                    notes: Vec::new(),
                }),
                Err(skip) => problems.push((display(&file), skip.to_string())),
            }
        }
    }
    (articles, problems)
}

/// `copydesk.toml` in the first folder given (or the folder of the first file), or in the
/// nearest ancestor that has one.
fn find_style(paths: &[PathBuf]) -> Option<PathBuf> {
    let first = paths.iter().find(|p| p.as_os_str() != "-")?;
    let start = if first.is_dir() {
        first.clone()
    } else {
        first.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    start
        .ancestors()
        .map(|a| a.join(style::FILE_NAME))
        .find(|p| p.is_file())
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn print_human(out: &mut impl Write, results: &[(Article, Analysis)]) -> std::io::Result<()> {
    let mut counts = [0usize; 5];
    for (article, analysis) in results {
        let rope = Rope::from_str(&article.text);
        for f in analysis
            .findings
            .iter()
            .filter(|f| f.severity > Severity::Off)
        {
            counts[f.severity as usize] += 1;
            let (line, col) = line_column(&rope, f.span.start);
            writeln!(
                out,
                "{}:{line}:{col}: {}[{}]: {}",
                article.path,
                f.severity.as_str(),
                f.code,
                f.message
            )?;
            write_snippet(out, &rope, &f.span, line, col)?;
            for r in &f.related {
                let (rl, rc) = line_column(&rope, r.span.start);
                writeln!(out, "  = note: {}:{rl}:{rc}: {}", article.path, r.message)?;
            }
            for (_, note) in article.notes.iter().filter(|(s, _)| *s == f.span) {
                writeln!(out, "  = note: {note}")?;
            }
            if let Some(fix) = f.fixes.iter().find(|x| x.preferred) {
                writeln!(out, "  = fix: {}", fix.title)?;
            }
            writeln!(out)?;
        }
    }
    let total: usize = counts.iter().sum();
    writeln!(
        out,
        "{} article{} checked: {} finding{} ({} error, {} warning, {} info, {} hint)",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        total,
        if total == 1 { "" } else { "s" },
        counts[Severity::Error as usize],
        counts[Severity::Warning as usize],
        counts[Severity::Info as usize],
        counts[Severity::Hint as usize],
    )
}

/// The line holding the span, with carets under the span (to the line end if it goes on).
fn write_snippet(
    out: &mut impl Write,
    rope: &Rope,
    span: &Span,
    line: usize,
    col: usize,
) -> std::io::Result<()> {
    let text = line_text(rope, span.start);
    let (end_line, end_col) = line_column(rope, span.end);
    let line_chars = text.chars().count();
    let width = if end_line == line {
        end_col.saturating_sub(col).max(1)
    } else {
        line_chars.saturating_sub(col - 1).max(1)
    };
    let gutter = line.to_string().len();
    writeln!(out, "{:gutter$} |", "")?;
    writeln!(out, "{line} | {text}")?;
    writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(col - 1),
        "^".repeat(width)
    )
}

fn point(rope: &Rope, offset: usize) -> Value {
    let (line, column) = line_column(rope, offset);
    json!({ "line": line, "column": column, "offset": offset })
}

fn print_json(
    out: &mut impl Write,
    results: &[(Article, Analysis)],
    problems: &[(String, String)],
) -> std::io::Result<()> {
    let mut total = 0;
    let files: Vec<Value> = results
        .iter()
        .map(|(article, analysis)| {
            let rope = Rope::from_str(&article.text);
            let findings: Vec<Value> = analysis
                .findings
                .iter()
                .filter(|f| f.severity > Severity::Off)
                .map(|f| {
                    total += 1;
                    json!({
                        "code": f.code.as_str(),
                        "severity": f.severity.as_str(),
                        "message": f.message,
                        "start": point(&rope, f.span.start),
                        "end": point(&rope, f.span.end),
                        "related": f.related.iter().map(|r| json!({
                            "message": r.message,
                            "start": point(&rope, r.span.start),
                            "end": point(&rope, r.span.end),
                        })).collect::<Vec<_>>(),
                        "fixes": f.fixes.iter().map(|x| json!({
                            "title": x.title,
                            "preferred": x.preferred,
                            "edits": x.edits.iter().map(|e| json!({
                                "start": point(&rope, e.span.start),
                                "end": point(&rope, e.span.end),
                                "text": e.text,
                            })).collect::<Vec<_>>(),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "path": article.path,
                "language": analysis.language.code(),
                "findings": findings,
            })
        })
        .collect();
    let report = json!({
        "version": JSON_SCHEMA_VERSION,
        "files": files,
        "skipped": problems.iter().map(|(p, r)| json!({"path": p, "reason": r})).collect::<Vec<_>>(),
        "summary": { "files": results.len(), "findings": total },
    });
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

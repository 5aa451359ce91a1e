//! From analysis data (byte spans, findings, fixes) to protocol types, and back.
//!
//! Position arithmetic is delegated to `text::position`; this module only assembles
//! `Diagnostic`s, `TextEdit`s and `WorkspaceEdit`s, and reads back what a diagnostic carries in
//! its `data` field.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentChanges, Location,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use super::state::{ClientFeatures, Snapshot};
use crate::analysis::{Finding, Fix, Replacement, Severity, Span};
use crate::text::position::range_of;
use crate::workspace::Workspace;

/// The diagnostic `source` of everything copydesk reports.
pub const SOURCE: &str = "copydesk";

/// What a diagnostic carries in `Diagnostic.data`: the document version it was computed from
/// and its fixes, ready to become code actions without re-running the analysis.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DiagnosticData {
    pub version: i32,
    pub fixes: Vec<FixData>,
}

/// One fix as carried in [`DiagnosticData`].
///
/// A fix of more than [`MAX_INLINE_EDITS`] edits (the "every mention" fix of a name) travels
/// `deferred`, without its edits: the code action takes them from the analysis of the same
/// version. Carrying them would make every diagnostic of a long document as big as the document
/// (a 1 MB document's diagnostics were 31 MB of JSON).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixData {
    pub title: String,
    pub preferred: bool,
    pub edits: Vec<TextEdit>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deferred: bool,
}

/// Edits a fix may carry inline in `Diagnostic.data`; bigger fixes are deferred.
pub const MAX_INLINE_EDITS: usize = 8;

pub fn range(snapshot: &Snapshot, span: &Span) -> Range {
    range_of(snapshot.rope(), span, snapshot.encoding)
}

pub fn location(snapshot: &Snapshot, span: &Span) -> Location {
    Location::new(snapshot.uri.clone(), range(snapshot, span))
}

pub fn severity(severity: Severity) -> Option<DiagnosticSeverity> {
    match severity {
        Severity::Off => None,
        Severity::Hint => Some(DiagnosticSeverity::HINT),
        Severity::Info => Some(DiagnosticSeverity::INFORMATION),
        Severity::Warning => Some(DiagnosticSeverity::WARNING),
        Severity::Error => Some(DiagnosticSeverity::ERROR),
    }
}

pub fn text_edits(snapshot: &Snapshot, edits: &[Replacement]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(range(snapshot, &e.span), e.text.clone()))
        .collect()
}

pub fn fix_data(snapshot: &Snapshot, fix: &Fix) -> FixData {
    FixData {
        title: fix.title.clone(),
        preferred: fix.preferred,
        edits: text_edits(snapshot, &fix.edits),
        deferred: false,
    }
}

/// A fix as carried in a diagnostic: inline when small, deferred otherwise.
fn carried_fix(snapshot: &Snapshot, fix: &Fix) -> FixData {
    if fix.edits.len() <= MAX_INLINE_EDITS {
        return fix_data(snapshot, fix);
    }
    FixData {
        title: fix.title.clone(),
        preferred: fix.preferred,
        edits: Vec::new(),
        deferred: true,
    }
}

/// The diagnostics of an analysed article, cross-article findings included (findings
/// switched off are left out).
pub fn diagnostics(
    snapshot: &Snapshot,
    workspace: &Workspace,
    features: &ClientFeatures,
) -> Vec<Diagnostic> {
    workspace
        .findings(&snapshot.article)
        .iter()
        .filter_map(|f| {
            let mut d = diagnostic(snapshot, &f.finding, features)?;
            if features.related_information && !f.elsewhere.is_empty() {
                let related = d.related_information.get_or_insert_with(Vec::new);
                related.extend(f.elsewhere.iter().filter_map(|e| {
                    Some(DiagnosticRelatedInformation {
                        location: Location::new(
                            Uri::from_file_path(&e.article.path)?,
                            range_of(&e.article.rope, &e.span, snapshot.encoding),
                        ),
                        message: e.message.clone(),
                    })
                }));
            }
            Some(d)
        })
        .collect()
}

fn diagnostic(
    snapshot: &Snapshot,
    finding: &Finding,
    features: &ClientFeatures,
) -> Option<Diagnostic> {
    let severity = severity(finding.severity)?;
    let related = features.related_information.then(|| {
        finding
            .related
            .iter()
            .map(|r| DiagnosticRelatedInformation {
                location: location(snapshot, &r.span),
                message: r.message.clone(),
            })
            .collect::<Vec<_>>()
    });
    let data = DiagnosticData {
        version: snapshot.version(),
        fixes: finding
            .fixes
            .iter()
            .map(|f| carried_fix(snapshot, f))
            .collect(),
    };
    Some(Diagnostic {
        range: range(snapshot, &finding.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.code.as_str().to_string())),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: related.filter(|r| !r.is_empty()),
        data: serde_json::to_value(data).ok(),
        ..Diagnostic::default()
    })
}

/// Reads back what [`diagnostics`] put in `Diagnostic.data`.
pub fn read_data(diagnostic: &Diagnostic) -> Option<DiagnosticData> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return None;
    }
    serde_json::from_value(diagnostic.data.clone()?).ok()
}

/// A workspace edit on one document: versioned `documentChanges` when the client supports
/// them, plain `changes` otherwise.
pub fn workspace_edit(
    uri: &Uri,
    version: i32,
    edits: Vec<TextEdit>,
    features: &ClientFeatures,
) -> WorkspaceEdit {
    workspace_edit_multi(vec![(uri.clone(), Some(version), edits)], features)
}

/// A workspace edit over several documents; `None` as version for files not open.
pub fn workspace_edit_multi(
    per_file: Vec<(Uri, Option<i32>, Vec<TextEdit>)>,
    features: &ClientFeatures,
) -> WorkspaceEdit {
    if features.document_changes {
        let edits = per_file
            .into_iter()
            .map(|(uri, version, edits)| TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            })
            .collect();
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(edits)),
            ..WorkspaceEdit::default()
        }
    } else {
        let changes: HashMap<Uri, Vec<TextEdit>> = per_file
            .into_iter()
            .map(|(uri, _, edits)| (uri, edits))
            .collect();
        WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }
    }
}

/// Sorts replacements and drops any that overlap an earlier one (edits must not overlap).
pub fn disjoint(mut edits: Vec<Replacement>) -> Vec<Replacement> {
    edits.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.text).cmp(&(b.span.start, b.span.end, &b.text))
    });
    edits.dedup();
    let mut out: Vec<Replacement> = Vec::with_capacity(edits.len());
    for e in edits {
        if out.last().is_none_or(|last| last.span.end <= e.span.start) {
            out.push(e);
        }
    }
    out
}

/// The diagnostic of one finding (empty when its severity is off).
pub fn diagnostics_for(
    snapshot: &Snapshot,
    finding: &Finding,
    features: &ClientFeatures,
) -> Vec<Diagnostic> {
    diagnostic(snapshot, finding, features)
        .into_iter()
        .collect()
}

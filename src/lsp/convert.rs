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

/// What a diagnostic carries in `Diagnostic.data`: the document version it was computed from.
///
/// Its fixes do not travel with it: a code action on a diagnostic of the current version takes
/// them from the analysis of that version (the finding with the diagnostic's range, code and
/// message). Carrying them made a long document's diagnostics twice as big (a 1 MB document:
/// 1 MB of the 2.2 MB published on every keystroke). `fixes`, when a client sends some back,
/// are used as they are.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DiagnosticData {
    pub version: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<FixData>,
}

/// One fix with its edits, ready to become a code action.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixData {
    pub title: String,
    pub preferred: bool,
    pub edits: Vec<TextEdit>,
}

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
    }
}

/// One diagnostic as copydesk builds it: the protocol's `Diagnostic` with its `data` still
/// typed and its message borrowed from the finding.
///
/// A 1 MB document has thousands of diagnostics: turning each `data` into a
/// `serde_json::Value` tree (as `Diagnostic.data` requires) and the whole notification into
/// another was most of the cost of publishing them. [`publish_frame`] writes these straight
/// to JSON; [`WireDiagnostic::into_diagnostic`] gives the protocol type for the other paths
/// (pull diagnostics, code actions). Both serialise to the same JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireDiagnostic<'a> {
    pub range: Range,
    pub severity: DiagnosticSeverity,
    pub code: &'static str,
    pub source: &'static str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_information: Option<Vec<DiagnosticRelatedInformation>>,
    pub data: DiagnosticData,
}

impl WireDiagnostic<'_> {
    /// The protocol type (for pull diagnostics and code actions).
    pub fn into_diagnostic(self) -> Diagnostic {
        Diagnostic {
            range: self.range,
            severity: Some(self.severity),
            code: Some(NumberOrString::String(self.code.to_string())),
            source: Some(self.source.to_string()),
            message: self.message.to_string(),
            related_information: self.related_information,
            data: serde_json::to_value(self.data).ok(),
            ..Diagnostic::default()
        }
    }
}

/// The diagnostics of an analysed article, cross-article findings included (findings
/// switched off are left out).
pub fn diagnostics(
    snapshot: &Snapshot,
    workspace: &Workspace,
    features: &ClientFeatures,
) -> Vec<Diagnostic> {
    let findings = workspace.findings(&snapshot.article);
    wire_diagnostics(snapshot, &findings, features)
        .into_iter()
        .map(WireDiagnostic::into_diagnostic)
        .collect()
}

/// The framed `textDocument/publishDiagnostics` notification (headers included) carrying the
/// diagnostics of [`diagnostics`], serialised without an intermediate `serde_json::Value`.
pub fn publish_frame(
    snapshot: &Snapshot,
    workspace: &Workspace,
    features: &ClientFeatures,
) -> Vec<u8> {
    let findings = workspace.findings(&snapshot.article);
    let diagnostics = wire_diagnostics(snapshot, &findings, features);
    publish_frame_of(&snapshot.uri, &diagnostics, Some(snapshot.version()))
}

/// A framed `textDocument/publishDiagnostics` notification with these diagnostics.
pub fn publish_frame_of(
    uri: &Uri,
    diagnostics: &[WireDiagnostic<'_>],
    version: Option<i32>,
) -> Vec<u8> {
    #[derive(Serialize)]
    struct Params<'a> {
        uri: &'a Uri,
        diagnostics: &'a [WireDiagnostic<'a>],
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }
    #[derive(Serialize)]
    struct Notification<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: Params<'a>,
    }
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: Params {
            uri,
            diagnostics,
            version,
        },
    })
    .unwrap_or_default();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// The diagnostics of folder findings, in their order (findings switched off are left out).
pub fn wire_diagnostics<'a>(
    snapshot: &Snapshot,
    findings: &'a [crate::workspace::names::FolderFinding<'_>],
    features: &ClientFeatures,
) -> Vec<WireDiagnostic<'a>> {
    let mut ranges = Ranges::new(snapshot);
    // Keyed by the shared list's address: `findings` holds every list alive meanwhile.
    let mut elsewhere: rustc_hash::FxHashMap<*const _, Vec<DiagnosticRelatedInformation>> =
        rustc_hash::FxHashMap::default();
    findings
        .iter()
        .filter_map(|f| {
            let mut d = wire_diagnostic(snapshot, &f.finding, features, &mut ranges)?;
            if features.related_information && !f.elsewhere.is_empty() {
                // The places elsewhere are shared by the findings of one entity: converted
                // once for all of them.
                let places = elsewhere.entry(f.elsewhere.as_ptr()).or_insert_with(|| {
                    f.elsewhere
                        .iter()
                        .filter_map(|e| {
                            Some(DiagnosticRelatedInformation {
                                location: Location::new(
                                    Uri::from_file_path(&e.article.path)?,
                                    range_of(&e.article.rope, &e.span, snapshot.encoding),
                                ),
                                message: e.message.clone(),
                            })
                        })
                        .collect::<Vec<_>>()
                });
                let related = d.related_information.get_or_insert_with(Vec::new);
                related.extend(places.iter().cloned());
            }
            Some(d)
        })
        .collect()
}

/// The editor ranges of one article's spans, each converted once: the related places of a
/// name's findings (the first mention of each spelling) recur on every finding of that name,
/// thousands of times in a long document.
struct Ranges<'s> {
    snapshot: &'s Snapshot,
    memo: rustc_hash::FxHashMap<(usize, usize), Range>,
}

impl<'s> Ranges<'s> {
    fn new(snapshot: &'s Snapshot) -> Self {
        Ranges {
            snapshot,
            memo: rustc_hash::FxHashMap::default(),
        }
    }

    fn of(&mut self, span: &Span) -> Range {
        let snapshot = self.snapshot;
        *self
            .memo
            .entry((span.start, span.end))
            .or_insert_with(|| range(snapshot, span))
    }
}

fn wire_diagnostic<'a>(
    snapshot: &Snapshot,
    finding: &'a Finding,
    features: &ClientFeatures,
    ranges: &mut Ranges<'_>,
) -> Option<WireDiagnostic<'a>> {
    let severity = severity(finding.severity)?;
    let related = features.related_information.then(|| {
        finding
            .related
            .iter()
            .map(|r| DiagnosticRelatedInformation {
                location: Location::new(snapshot.uri.clone(), ranges.of(&r.span)),
                message: r.message.clone(),
            })
            .collect::<Vec<_>>()
    });
    let data = DiagnosticData {
        version: snapshot.version(),
        fixes: Vec::new(),
    };
    Some(WireDiagnostic {
        range: range(snapshot, &finding.span),
        severity,
        code: finding.code.as_str(),
        source: SOURCE,
        message: &finding.message,
        related_information: related.filter(|r| !r.is_empty()),
        data,
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
    wire_diagnostic(snapshot, finding, features, &mut Ranges::new(snapshot))
        .into_iter()
        .map(WireDiagnostic::into_diagnostic)
        .collect()
}

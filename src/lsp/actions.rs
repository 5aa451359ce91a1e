//! Code actions: quick fixes for findings and the `source.fixAll.copydesk` action.
//!
//! A diagnostic's fixes travel in its `data` (see `convert::DiagnosticData`) together with the
//! version they were computed from. When that version is still the document's, the fix is used
//! as is; otherwise the fixes are taken from the analysis of the current version, so an edit
//! never applies to text the client no longer has. Every edit is versioned when the client
//! supports `documentChanges`.

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic,
};

use super::convert::{self, FixData};
use super::state::{ClientFeatures, Snapshot};
use crate::analysis::{Code, Replacement};
use crate::text::position::span_of;

/// The kind of the action that applies every name-variant fix of a document.
pub const FIX_ALL_KIND: &str = "source.fixAll.copydesk";

pub fn code_actions(
    snapshot: &Snapshot,
    params: &CodeActionParams,
    features: &ClientFeatures,
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_ref();
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut out = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        let requested = span_of(snapshot.rope(), params.range, snapshot.encoding);
        let mut seen_current = false;
        for diagnostic in &params.context.diagnostics {
            match convert::read_data(diagnostic) {
                Some(data) if data.version == snapshot.version() => {
                    for fix in data.fixes {
                        out.push(quick_fix(snapshot, fix, diagnostic, features));
                    }
                }
                Some(_) => seen_current = true,
                None => {}
            }
        }
        // Stale diagnostics (or a client that sent none): fixes from the current analysis.
        if seen_current || params.context.diagnostics.is_empty() {
            for finding in &snapshot.analysis().findings {
                let touches =
                    finding.span.start <= requested.end && requested.start <= finding.span.end;
                if !touches || finding.fixes.is_empty() {
                    continue;
                }
                let diagnostics = convert::diagnostics_for(snapshot, finding, features);
                for fix in &finding.fixes {
                    let data = convert::fix_data(snapshot, fix);
                    out.push(quick_fix_with(
                        snapshot,
                        data,
                        diagnostics.clone(),
                        features,
                    ));
                }
            }
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL_KIND);
    if only.is_some() && wants(&fix_all) || only.is_none() {
        if let Some(action) = fix_all_action(snapshot, features) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

fn quick_fix(
    snapshot: &Snapshot,
    fix: FixData,
    diagnostic: &Diagnostic,
    features: &ClientFeatures,
) -> CodeActionOrCommand {
    quick_fix_with(snapshot, fix, vec![diagnostic.clone()], features)
}

fn quick_fix_with(
    snapshot: &Snapshot,
    fix: FixData,
    diagnostics: Vec<Diagnostic>,
    features: &ClientFeatures,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(diagnostics),
        is_preferred: Some(fix.preferred),
        edit: Some(convert::workspace_edit(
            &snapshot.uri,
            snapshot.version(),
            fix.edits,
            features,
        )),
        ..CodeAction::default()
    })
}

/// Every preferred name-variant fix of the document, as one edit.
fn fix_all_action(snapshot: &Snapshot, features: &ClientFeatures) -> Option<CodeAction> {
    let replacements: Vec<Replacement> = snapshot
        .analysis()
        .findings
        .iter()
        .filter(|f| f.code == Code::NameVariant)
        .filter_map(|f| f.fixes.iter().find(|fix| fix.preferred))
        .flat_map(|fix| fix.edits.iter().cloned())
        .collect();
    let replacements = convert::disjoint(replacements);
    if replacements.is_empty() {
        return None;
    }
    let edits = convert::text_edits(snapshot, &replacements);
    Some(CodeAction {
        title: "Use one spelling for every name (copydesk)".to_string(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(convert::workspace_edit(
            &snapshot.uri,
            snapshot.version(),
            edits,
            features,
        )),
        ..CodeAction::default()
    })
}

//! Code actions: quick fixes for findings and the `source.fixAll.copydesk` action.
//!
//! A diagnostic carries in its `data` the version it was computed from (see
//! `convert::DiagnosticData`), not its fixes. When that version is still the document's, its
//! fixes are those of the same finding in that version's analysis; otherwise the fixes are
//! taken from the analysis of the current version at the requested range, so an edit never
//! applies to text the client no longer has. Every edit is versioned when the client
//! supports `documentChanges`.

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile,
    CreateFileOptions, Diagnostic, DocumentChangeOperation, DocumentChanges, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, ResourceOp, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use super::convert::{self, FixData};
use super::state::{ClientFeatures, Snapshot, State};
use crate::analysis::{Code, Replacement};
use crate::text::position::range_of;
use crate::text::position::span_of;
use crate::workspace::{names, style};

/// The kind of the action that applies every name-variant fix of a document.
pub const FIX_ALL_KIND: &str = "source.fixAll.copydesk";

pub fn code_actions(
    snapshot: &Snapshot,
    params: &CodeActionParams,
    state: &State,
) -> Vec<CodeActionOrCommand> {
    let features = &state.features();
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
                    let fixes = if data.fixes.is_empty() {
                        fixes_of(snapshot, state, diagnostic)
                    } else {
                        data.fixes
                    };
                    for fix in fixes {
                        out.push(quick_fix(snapshot, fix, diagnostic, features));
                    }
                }
                Some(_) => seen_current = true,
                None => {}
            }
        }
        // Stale diagnostics (or a client that sent none): fixes from the current analysis.
        if seen_current || params.context.diagnostics.is_empty() {
            for finding in state
                .workspace
                .findings(&snapshot.article)
                .iter()
                .map(|f| &f.finding)
            {
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
    if wants(&CodeActionKind::QUICKFIX) {
        let requested = span_of(snapshot.rope(), params.range, snapshot.encoding);
        out.extend(
            attribution_placeholders(snapshot, &requested, features)
                .into_iter()
                .map(CodeActionOrCommand::CodeAction),
        );
    }
    if wants(&CodeActionKind::QUICKFIX) {
        let requested = span_of(snapshot.rope(), params.range, snapshot.encoding);
        if let Some(m) = state
            .workspace
            .findings(&snapshot.article)
            .iter()
            .map(|f| &f.finding)
            .filter(|f| f.code == Code::NameVariant)
            .find(|f| f.span.start <= requested.end && requested.start <= f.span.end)
            .and_then(|f| snapshot.analysis().mention_at(f.span.start))
        {
            let entity = snapshot.analysis().mentions[m].entity;
            out.extend(every_article(snapshot, entity, state).map(CodeActionOrCommand::CodeAction));
            out.extend(
                prefer_in_house_style(snapshot, entity, state)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction),
            );
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL_KIND);
    if only.is_some() && wants(&fix_all) || only.is_none() {
        if let Some(action) = fix_all_action(snapshot, state, features) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

/// The fixes of a diagnostic of the current version (they do not travel in its `data`, see
/// `convert::DiagnosticData`): those of the finding of the current analysis with the
/// diagnostic's range, code and message (a client that rewrote the message gets those of the
/// first finding with that range and code). The diagnostic's version is the snapshot's, so the
/// analysis is the one the diagnostic was made from.
fn fixes_of(snapshot: &Snapshot, state: &State, diagnostic: &Diagnostic) -> Vec<FixData> {
    let span = span_of(snapshot.rope(), diagnostic.range, snapshot.encoding);
    let code = match &diagnostic.code {
        Some(NumberOrString::String(code)) => code.as_str(),
        _ => return Vec::new(),
    };
    let findings = state.workspace.findings(&snapshot.article);
    let mut here = findings
        .iter()
        .map(|f| &f.finding)
        .filter(|f| f.span == span && f.code.as_str() == code);
    // The same message when the client kept it as sent; else the first at that range.
    let first = here.clone().next();
    here.find(|f| f.message == diagnostic.message)
        .or(first)
        .map(|f| {
            f.fixes
                .iter()
                .map(|fix| convert::fix_data(snapshot, fix))
                .collect()
        })
        .unwrap_or_default()
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

/// For an unattributed quote: insert an attribution placeholder after it, in the article's
/// language (`, a déclaré …` / `, … said`). The placeholder names no one: the writer fills it.
fn attribution_placeholders(
    snapshot: &Snapshot,
    requested: &crate::analysis::Span,
    features: &ClientFeatures,
) -> Vec<CodeAction> {
    let analysis = snapshot.analysis();
    let placeholder = match analysis.language {
        crate::analysis::Language::French => ", a déclaré …",
        crate::analysis::Language::English => ", … said",
    };
    analysis
        .findings
        .iter()
        .filter(|f| f.code == Code::UnattributedQuote)
        .filter(|f| f.span.start <= requested.end && requested.start <= f.span.end)
        .filter_map(|f| {
            let quote = analysis
                .quotes
                .iter()
                .filter(|q| {
                    q.span().start <= f.span.start
                        && f.span.start < q.span().end.max(q.span().start + 1)
                })
                .min_by_key(|q| q.span().len())?;
            let at = quote.close.as_ref()?.end;
            let edit = Replacement {
                span: at..at,
                text: placeholder.to_string(),
            };
            Some(CodeAction {
                title: format!(
                    "Add an attribution placeholder: « {} »",
                    placeholder.trim_start_matches(", ")
                ),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(convert::diagnostics_for(snapshot, f, features)),
                edit: Some(convert::workspace_edit(
                    &snapshot.uri,
                    snapshot.version(),
                    convert::text_edits(snapshot, &[edit]),
                    features,
                )),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// "Use X in every article": one workspace edit over every article that names the entity,
/// offered when other articles of the folder spell it otherwise.
fn every_article(snapshot: &Snapshot, entity: usize, state: &State) -> Option<CodeAction> {
    state.sync_open();
    let (surname, first, others) = state.workspace.canonical(&snapshot.article, entity)?;
    let mut per_file = Vec::new();
    let here = names::respell(&snapshot.article, entity, &surname, first.as_deref());
    if !here.is_empty() {
        per_file.push((
            snapshot.uri.clone(),
            Some(snapshot.version()),
            convert::text_edits(snapshot, &convert::disjoint(here)),
        ));
    }
    for (path, (article, entities)) in names::group_by_article(&others) {
        let replacements: Vec<Replacement> = entities
            .iter()
            .flat_map(|&e| names::respell(&article, e, &surname, first.as_deref()))
            .collect();
        if replacements.is_empty() {
            continue;
        }
        let Some(uri) = Uri::from_file_path(&path) else {
            continue;
        };
        let edits = convert::disjoint(replacements)
            .iter()
            .map(|r| {
                TextEdit::new(
                    range_of(&article.rope, &r.span, snapshot.encoding),
                    r.text.clone(),
                )
            })
            .collect();
        per_file.push((uri, article.open_version, edits));
    }
    // Only worth offering when another article is involved.
    if per_file.len() < 2 && !per_file.iter().any(|(u, _, _)| *u != snapshot.uri) {
        return None;
    }
    let name = match &first {
        Some(f) => format!("{f} {surname}"),
        None => surname.clone(),
    };
    Some(CodeAction {
        title: format!("Use « {name} » in every article"),
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(convert::workspace_edit_multi(per_file, &state.features())),
        ..CodeAction::default()
    })
}

/// "Prefer X in the house style": adds the entity's canonical spelling (and its variants) to
/// `[names]` in copydesk.toml, keeping the file's comments and formatting.
fn prefer_in_house_style(snapshot: &Snapshot, entity: usize, state: &State) -> Vec<CodeAction> {
    let Some(style_path) = state.workspace.style_path_for(&snapshot.article.path) else {
        return Vec::new();
    };
    let Some(style_uri) = Uri::from_file_path(&style_path) else {
        return Vec::new();
    };
    let exists = style_path.is_file();
    let features = state.features();
    if !exists && !features.create_files {
        return Vec::new();
    }
    let current = if exists {
        match std::fs::read_to_string(&style_path) {
            Ok(t) => t,
            Err(_) => return Vec::new(),
        }
    } else {
        String::new()
    };
    let analysis = snapshot.analysis();
    let e = &analysis.entities[entity];
    // Every spelling the article uses, as written (full names where a first name is).
    let mut spellings: Vec<String> = Vec::new();
    for &m in &e.mentions {
        let Some(mention) = analysis.mentions.get(m) else {
            continue;
        };
        let Some(written) = snapshot.rope().get_byte_slice(mention.name.clone()) else {
            continue;
        };
        let written = written.to_string();
        if !spellings.contains(&written) {
            spellings.push(written);
        }
    }
    let (surname, first, _) = state
        .workspace
        .canonical(&snapshot.article, entity)
        .unwrap_or((e.surname.clone(), e.first_name.clone(), Vec::new()));
    let canonical = match &first {
        Some(f) => format!("{f} {surname}"),
        None => surname,
    };
    let mut choices = vec![canonical];
    choices.extend(
        spellings
            .iter()
            .filter(|s| s.contains(' ') || e.first_name.is_none())
            .cloned(),
    );
    choices.dedup();
    let mut out = Vec::new();
    for preferred in choices.into_iter().take(3) {
        let variants: Vec<String> = spellings
            .iter()
            .filter(|s| **s != preferred)
            .cloned()
            .collect();
        if variants.is_empty() {
            continue;
        }
        let Ok(new_text) = style::prefer_name(&current, &preferred, &variants) else {
            continue;
        };
        let rope = ropey::Rope::from_str(&current);
        let whole = range_of(&rope, &(0..current.len()), snapshot.encoding);
        let edit = TextEdit::new(whole, new_text);
        let workspace_edit = if exists {
            convert::workspace_edit_multi(vec![(style_uri.clone(), None, vec![edit])], &features)
        } else {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                        uri: style_uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: style_uri.clone(),
                            version: None,
                        },
                        edits: vec![OneOf::Left(edit)],
                    }),
                ])),
                ..WorkspaceEdit::default()
            }
        };
        out.push(CodeAction {
            title: format!("Prefer « {preferred} » in the house style"),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(workspace_edit),
            ..CodeAction::default()
        });
    }
    out
}

/// Every preferred name-variant fix of the document, as one edit.
fn fix_all_action(
    snapshot: &Snapshot,
    state: &State,
    features: &ClientFeatures,
) -> Option<CodeAction> {
    let replacements: Vec<Replacement> = state
        .workspace
        .findings(&snapshot.article)
        .iter()
        .map(|f| &f.finding)
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

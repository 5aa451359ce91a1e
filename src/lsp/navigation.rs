//! Navigation between mentions: go to definition, references, highlights and rename.
//!
//! A person's definition is their first full-name mention; from a quote, the definition is
//! the speaker mention its attribution used.

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, Location, PrepareRenameResponse, TextEdit, Uri,
    WorkspaceEdit,
};

use super::convert;
use super::cancel::Cancel;
use super::state::{Snapshot, State};
use crate::analysis::{Analysis, Mention, Replacement, Span};
use crate::text::position::range_of;
use crate::workspace::names::group_by_article;

/// Where the entity under the cursor is defined, or the speaker of the quote under it.
pub fn definition(snapshot: &Snapshot, offset: usize) -> Option<Location> {
    let analysis = snapshot.analysis();
    if let Some(m) = analysis.mention_at(offset) {
        let entity = &analysis.entities[analysis.mentions[m].entity];
        let def = &analysis.mentions[entity.definition];
        return Some(convert::location(snapshot, &def.span));
    }
    let q = analysis.quote_at(offset)?;
    let attribution = analysis.quotes[q].attribution.as_ref()?;
    let span = attribution
        .mention
        .map(|m| analysis.mentions[m].span.clone())
        .unwrap_or_else(|| attribution.speaker.clone());
    Some(convert::location(snapshot, &span))
}

/// Every mention of the entity under the cursor, whatever its spelling, in this article and
/// in every other article of the folder (open or not).
pub fn references(
    snapshot: &Snapshot,
    offset: usize,
    include_declaration: bool,
    state: &State,
    cancel: &Cancel,
) -> Option<Vec<Location>> {
    let analysis = snapshot.analysis();
    let m = analysis.mention_at(offset)?;
    let e = analysis.mentions[m].entity;
    let entity = &analysis.entities[e];
    let mut out: Vec<Location> = entity
        .mentions
        .iter()
        .filter(|&&i| include_declaration || i != entity.definition)
        .map(|&i| convert::location(snapshot, &analysis.mentions[i].span))
        .collect();
    state.sync_open();
    for found in state.workspace.matches(&snapshot.article, e) {
        if cancel.is_cancelled() {
            return None;
        }
        let Some(uri) = Uri::from_file_path(&found.article.path) else {
            continue;
        };
        let other = &found.article.analysis;
        for &i in &other.entities[found.entity].mentions {
            if let Some(mention) = other.mentions.get(i) {
                out.push(Location::new(
                    uri.clone(),
                    range_of(&found.article.rope, &mention.span, snapshot.encoding),
                ));
            }
        }
    }
    Some(out)
}

/// Every mention of the entity under the cursor; the definition is marked as a write.
pub fn highlights(snapshot: &Snapshot, offset: usize) -> Option<Vec<DocumentHighlight>> {
    let analysis = snapshot.analysis();
    let m = analysis.mention_at(offset)?;
    let entity = &analysis.entities[analysis.mentions[m].entity];
    Some(
        entity
            .mentions
            .iter()
            .map(|&i| DocumentHighlight {
                range: convert::range(snapshot, &analysis.mentions[i].span),
                kind: Some(if i == entity.definition {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    )
}

/// Which part of a name the cursor is on: renaming it renames that part everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NamePart {
    FirstName,
    Surname,
}

fn part_at(mention: &Mention, offset: usize) -> Option<(NamePart, Span)> {
    let within = |s: &Span| s.start <= offset && offset <= s.end;
    if let Some(first) = mention.first_name.as_ref().filter(|s| within(s)) {
        return Some((NamePart::FirstName, first.clone()));
    }
    if within(&mention.surname) || within(&mention.span) {
        return Some((NamePart::Surname, mention.surname.clone()));
    }
    None
}

pub fn prepare_rename(snapshot: &Snapshot, offset: usize) -> Option<PrepareRenameResponse> {
    let analysis = snapshot.analysis();
    let m = analysis.mention_at(offset)?;
    let (_, span) = part_at(&analysis.mentions[m], offset)?;
    Some(PrepareRenameResponse::Range(convert::range(
        snapshot, &span,
    )))
}

/// Renames the part of the name under the cursor in every mention of its entity, in this
/// article and in every other article of the folder (closed ones included). Titles and the
/// other part of the name stay.
pub fn rename(
    snapshot: &Snapshot,
    offset: usize,
    new_name: &str,
    state: &State,
    cancel: &Cancel,
) -> Result<WorkspaceEdit, String> {
    let features = state.features();
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return Err("a name must be one line of text".to_string());
    }
    let analysis = snapshot.analysis();
    let m = analysis
        .mention_at(offset)
        .ok_or("no person, place or organisation here to rename")?;
    let (part, _) = part_at(&analysis.mentions[m], offset)
        .ok_or("place the cursor on the first name or the surname")?;
    let entity = analysis.mentions[m].entity;
    let edits = rename_edits(analysis, entity, part, new_name);
    let edits = convert::text_edits(snapshot, &convert::disjoint(edits));
    let mut per_file = vec![(snapshot.uri.clone(), Some(snapshot.version()), edits)];
    state.sync_open();
    for (path, (article, entities)) in
        group_by_article(&state.workspace.matches(&snapshot.article, entity))
    {
        if cancel.is_cancelled() {
            return Err("cancelled".to_string());
        }
        let Some(uri) = Uri::from_file_path(&path) else {
            continue;
        };
        let replacements: Vec<Replacement> = entities
            .iter()
            .flat_map(|&e| rename_edits(&article.analysis, e, part, new_name))
            .collect();
        let edits: Vec<TextEdit> = convert::disjoint(replacements)
            .iter()
            .map(|r| {
                TextEdit::new(
                    range_of(&article.rope, &r.span, snapshot.encoding),
                    r.text.clone(),
                )
            })
            .collect();
        if !edits.is_empty() {
            per_file.push((uri, article.open_version, edits));
        }
    }
    Ok(convert::workspace_edit_multi(per_file, &features))
}

fn rename_edits(
    analysis: &Analysis,
    mention: usize,
    part: NamePart,
    new: &str,
) -> Vec<Replacement> {
    let entity = &analysis.entities[analysis.mentions[mention].entity];
    entity
        .mentions
        .iter()
        .filter_map(|&i| {
            let m = &analysis.mentions[i];
            let span = match part {
                NamePart::FirstName => m.first_name.clone()?,
                NamePart::Surname => m.surname.clone(),
            };
            Some(Replacement {
                span,
                text: new.to_string(),
            })
        })
        .collect()
}

//! Navigation between mentions: go to definition, references, highlights and rename.
//!
//! A person's definition is their first full-name mention; from a quote, the definition is
//! the speaker mention its attribution used.

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, Location, PrepareRenameResponse, WorkspaceEdit,
};

use super::convert;
use super::state::{ClientFeatures, Snapshot};
use crate::analysis::{Analysis, Mention, Replacement, Span};

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

/// Every mention of the entity under the cursor, whatever its spelling.
pub fn references(
    snapshot: &Snapshot,
    offset: usize,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let analysis = snapshot.analysis();
    let m = analysis.mention_at(offset)?;
    let entity = &analysis.entities[analysis.mentions[m].entity];
    Some(
        entity
            .mentions
            .iter()
            .filter(|&&i| include_declaration || i != entity.definition)
            .map(|&i| convert::location(snapshot, &analysis.mentions[i].span))
            .collect(),
    )
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

/// Renames the part of the name under the cursor in every mention of its entity. Titles and
/// the other part of the name stay.
pub fn rename(
    snapshot: &Snapshot,
    offset: usize,
    new_name: &str,
    features: &ClientFeatures,
) -> Result<WorkspaceEdit, String> {
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
    let edits = rename_edits(analysis, m, part, new_name);
    let edits = convert::text_edits(snapshot, &convert::disjoint(edits));
    Ok(convert::workspace_edit(
        &snapshot.uri,
        snapshot.version(),
        edits,
        features,
    ))
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

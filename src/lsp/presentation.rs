//! What the editor shows about people and quotes: hovers, inlay hints, document symbols,
//! semantic tokens and name completion.

use std::collections::BTreeMap;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, DocumentSymbol, Hover, HoverContents,
    InlayHint, InlayHintKind, InlayHintLabel, MarkupContent, MarkupKind, Range, SemanticToken,
    SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend, SymbolKind,
    TextEdit,
};

use super::convert;
use super::state::{ClientFeatures, Snapshot};
use crate::analysis::{
    Analysis, AttributionMethod, Entity, EntityKind, MissingReason, Quote, QuoteKind, Span,
};
use crate::text::position::{line_column, position_at, range_of};

/// Semantic token types, in legend order.
pub const TOKEN_TYPES: [&str; 4] = ["person", "place", "organization", "quote"];
/// Semantic token modifiers, in legend order: `declaration` marks an entity's definition.
pub const TOKEN_MODIFIERS: [&str; 1] = ["declaration"];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organisation => "organisation",
    }
}

/// The first words of a quote, for lists (`« Je pense que nous avons… »`).
pub fn first_words(text: &str, quote: &Quote, max_words: usize) -> String {
    let content = text.get(quote.content()).unwrap_or("").trim();
    let words: Vec<&str> = content.split_whitespace().collect();
    let mut out = words[..words.len().min(max_words)].join(" ");
    if words.len() > max_words {
        out.push('…');
    }
    out
}

/// The spellings of an entity's mentions (name without title) with their counts, canonical
/// spellings excluded.
fn other_spellings(text: &str, analysis: &Analysis, entity: &Entity) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &entity.mentions {
        let m = &analysis.mentions[i];
        let surname_differs = text.get(m.surname.clone()) != Some(entity.surname.as_str());
        let first_differs = m
            .first_name
            .as_ref()
            .is_some_and(|f| text.get(f.clone()) != entity.first_name.as_deref());
        if surname_differs || first_differs {
            let spelled = text.get(m.name.clone()).unwrap_or("").to_string();
            *counts.entry(spelled).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

fn markup(features: &ClientFeatures, markdown: String) -> HoverContents {
    HoverContents::Markup(MarkupContent {
        kind: if features.markdown_hover {
            MarkupKind::Markdown
        } else {
            MarkupKind::PlainText
        },
        value: if features.markdown_hover {
            markdown
        } else {
            markdown.replace("**", "").replace('*', "")
        },
    })
}

/// Hover on a mention (who is who) or on a quote (who said it, and how we know).
pub fn hover(snapshot: &Snapshot, offset: usize, features: &ClientFeatures) -> Option<Hover> {
    let analysis = snapshot.analysis();
    let text = snapshot.rope().to_string();
    if let Some(m) = analysis.mention_at(offset) {
        let mention = &analysis.mentions[m];
        let value = entity_card(snapshot, &text, mention.entity, mention.ambiguous);
        return Some(Hover {
            contents: markup(features, value),
            range: Some(convert::range(snapshot, &mention.span)),
        });
    }
    let q = analysis.quote_at(offset)?;
    let value = quote_card(snapshot, &text, q);
    Some(Hover {
        contents: markup(features, value),
        range: Some(convert::range(snapshot, &analysis.quotes[q].span())),
    })
}

fn entity_card(snapshot: &Snapshot, text: &str, e: usize, ambiguous: bool) -> String {
    let analysis = snapshot.analysis();
    let entity = &analysis.entities[e];
    let mut lines = vec![format!("**{}** ({})", entity.name, kind_name(entity.kind))];
    if let Some(role) = &entity.role {
        lines.push(format!("*{role}*"));
    }
    let spellings = other_spellings(text, analysis, entity);
    if !spellings.is_empty() {
        let list: Vec<String> = spellings
            .iter()
            .map(|(s, n)| format!("{s} ({n}×)"))
            .collect();
        lines.push(format!("Also spelled: {}", list.join(", ")));
    }
    let def = &analysis.mentions[entity.definition];
    let (line, _) = line_column(snapshot.rope(), def.span.start);
    lines.push(format!(
        "{} mention{} in this article; first full mention on line {line}: “{}”",
        entity.mentions.len(),
        if entity.mentions.len() == 1 { "" } else { "s" },
        text.get(def.span.clone()).unwrap_or("")
    ));
    let quotes: Vec<String> = analysis
        .quotes_of(e)
        .map(|(_, q)| format!("“{}”", first_words(text, q, 6)))
        .collect();
    if !quotes.is_empty() {
        lines.push(format!("Quoted {}×: {}", quotes.len(), quotes.join(" · ")));
    }
    if ambiguous {
        let others: Vec<&str> = analysis
            .entities
            .iter()
            .enumerate()
            .filter(|(i, o)| *i != e && o.kind == entity.kind && o.surname == entity.surname)
            .map(|(_, o)| o.name.as_str())
            .collect();
        lines.push(format!(
            "Ambiguous: this surname could also mean {}; linked to the most recently mentioned.",
            if others.is_empty() {
                "someone else".to_string()
            } else {
                others.join(", ")
            }
        ));
    }
    lines.join("\n\n")
}

fn method_text(method: &AttributionMethod, text: &str, analysis: &Analysis) -> String {
    match method {
        AttributionMethod::Incise => "inverted incise after the quote".to_string(),
        AttributionMethod::CueBefore => "speaker and reporting cue before the quote".to_string(),
        AttributionMethod::CueThat => "reporting verb + que/that in the same clause".to_string(),
        AttributionMethod::SourcePhrase => {
            "source phrase (selon, d’après, according to…)".to_string()
        }
        AttributionMethod::Participle => "participle or nominal cue".to_string(),
        AttributionMethod::Pronoun { pronoun } => format!(
            "pronoun “{}” → the person it refers to",
            text.get(pronoun.clone()).unwrap_or("")
        ),
        AttributionMethod::Context => {
            "speaker inferred from the sentence before (its subject)".to_string()
        }
        AttributionMethod::Exchange => {
            "the other side of a question-and-answer exchange (the party questioned, or questioning)"
                .to_string()
        }
        AttributionMethod::Echo { from } => format!(
            "the same words are quoted with their speaker elsewhere in the article{}",
            quoted_from(text, analysis, *from)
        ),
        AttributionMethod::Continuation { from } => format!(
            "speaker inferred from the previous paragraph{}",
            quoted_from(text, analysis, *from)
        ),
    }
}

/// ` (“first words”)` of quote `from`, when there is one.
fn quoted_from(text: &str, analysis: &Analysis, from: usize) -> String {
    analysis
        .quotes
        .get(from)
        .map(|q| format!(" (“{}”)", first_words(text, q, 4)))
        .unwrap_or_default()
}

/// The display name of a quote's speaker: the entity's canonical name, else the words.
pub fn speaker_name(text: &str, analysis: &Analysis, quote: &Quote) -> Option<String> {
    let a = quote.attribution.as_ref()?;
    Some(match a.entity {
        Some(e) => analysis.entities[e].name.clone(),
        None => text.get(a.speaker.clone()).unwrap_or("").trim().to_string(),
    })
}

fn quote_card(snapshot: &Snapshot, text: &str, q: usize) -> String {
    let analysis = snapshot.analysis();
    let quote = &analysis.quotes[q];
    let kind = match quote.kind {
        QuoteKind::Speech => "Quote",
        QuoteKind::Partial => "Partial quote",
        QuoteKind::Title => "Title or name in quotes (not speech)",
        QuoteKind::Scare => "Scare quote",
    };
    let mut lines = vec![format!("**{kind}**: “{}”", first_words(text, quote, 8))];
    match &quote.attribution {
        Some(a) => {
            let name = speaker_name(text, analysis, quote).unwrap_or_default();
            let role = a
                .entity
                .and_then(|e| analysis.entities[e].role.clone())
                .map(|r| format!(", {r}"))
                .unwrap_or_default();
            let unnamed = if a.named { "" } else { " (unnamed source)" };
            lines.push(format!("Speaker: **{name}**{role}{unnamed}"));
            lines.push(format!(
                "Found by: {}",
                method_text(&a.method, text, analysis)
            ));
        }
        None if quote.kind == QuoteKind::Speech => {
            let why = match quote.missing {
                Some(MissingReason::Impersonal) => "only an impersonal construction",
                Some(MissingReason::BrokenContinuation) => {
                    "it would continue the previous paragraph's quote, but something intervenes"
                }
                _ => "no reporting cue nearby",
            };
            lines.push(format!("No speaker: {why}."));
            let candidates = nearest_people(analysis, quote.span().start, 3);
            if !candidates.is_empty() {
                lines.push(format!(
                    "Nearest candidate speakers: {}",
                    candidates.join(", ")
                ));
            }
        }
        None => {}
    }
    lines.join("\n\n")
}

/// The people mentioned closest to `offset`, each once: those mentioned before it first
/// (nearest first: they are the ones who could have said it), then those after.
fn nearest_people(analysis: &Analysis, offset: usize, limit: usize) -> Vec<String> {
    let mut by_distance: Vec<(bool, usize, usize)> = analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| {
            (
                m.span.start > offset,
                m.span.start.abs_diff(offset),
                m.entity,
            )
        })
        .collect();
    by_distance.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, e) in by_distance {
        let name = &analysis.entities[e].name;
        if !out.contains(name) {
            out.push(name.clone());
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// `— Speaker` after quotes whose speaker is not named in their own sentence.
pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Vec<InlayHint> {
    let analysis = snapshot.analysis();
    let text = snapshot.rope().to_string();
    let wanted = crate::text::position::span_of(snapshot.rope(), range, snapshot.encoding);
    analysis
        .quotes
        .iter()
        .filter(|q| {
            q.attribution.as_ref().is_some_and(|a| {
                matches!(
                    a.method,
                    AttributionMethod::Pronoun { .. }
                        | AttributionMethod::Continuation { .. }
                        | AttributionMethod::Context
                        | AttributionMethod::Echo { .. }
                        | AttributionMethod::Exchange
                )
            })
        })
        .filter(|q| q.span().end >= wanted.start && q.span().end <= wanted.end)
        .filter_map(|q| {
            let name = speaker_name(&text, analysis, q)?;
            Some(InlayHint {
                position: position_at(snapshot.rope(), q.span().end, snapshot.encoding),
                label: InlayHintLabel::String(format!("— {name}")),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

/// The article's speakers, each with their quotes as children.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be filled in.
pub fn symbols(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let analysis = snapshot.analysis();
    let text = snapshot.rope().to_string();
    // Speaker key → (name, role, the span naming them first, quotes).
    let mut speakers: Vec<(String, Option<String>, Span, Vec<usize>)> = Vec::new();
    for (qi, q) in analysis.quotes.iter().enumerate() {
        let Some(a) = &q.attribution else { continue };
        let name = speaker_name(&text, analysis, q).unwrap_or_default();
        let (role, anchor) = match a.entity {
            Some(e) => {
                let ent = &analysis.entities[e];
                (
                    ent.role.clone(),
                    analysis.mentions[ent.definition].span.clone(),
                )
            }
            None => (None, a.speaker.clone()),
        };
        match speakers.iter_mut().find(|s| s.0 == name) {
            Some(s) => s.3.push(qi),
            None => speakers.push((name, role, anchor, vec![qi])),
        }
    }
    speakers
        .into_iter()
        .map(|(name, role, anchor, quotes)| {
            let children: Vec<DocumentSymbol> = quotes
                .iter()
                .map(|&qi| {
                    let q = &analysis.quotes[qi];
                    let range = convert::range(snapshot, &q.span());
                    DocumentSymbol {
                        name: format!("“{}”", first_words(&text, q, 6)),
                        detail: None,
                        kind: SymbolKind::STRING,
                        tags: None,
                        deprecated: None,
                        range,
                        selection_range: range,
                        children: None,
                    }
                })
                .collect();
            let start = quotes
                .iter()
                .map(|&q| analysis.quotes[q].span().start)
                .chain([anchor.start])
                .min()
                .unwrap_or(anchor.start);
            let end = quotes
                .iter()
                .map(|&q| analysis.quotes[q].span().end)
                .chain([anchor.end])
                .max()
                .unwrap_or(anchor.end);
            DocumentSymbol {
                name,
                detail: role,
                kind: SymbolKind::OBJECT,
                tags: None,
                deprecated: None,
                range: range_of(snapshot.rope(), &(start..end), snapshot.encoding),
                selection_range: convert::range(snapshot, &anchor),
                children: Some(children),
            }
        })
        .collect()
}

/// Semantic tokens for mentions (person, place, organization) and quotes. Tokens never
/// overlap and never span lines: a quote's token is cut around the mentions inside it and at
/// line ends.
pub fn semantic_tokens(snapshot: &Snapshot) -> SemanticTokens {
    let analysis = snapshot.analysis();
    let rope = snapshot.rope();
    // (span, type, modifiers)
    let mut tokens: Vec<(Span, u32, u32)> = Vec::new();
    for (i, m) in analysis.mentions.iter().enumerate() {
        let ty = match m.kind {
            EntityKind::Person => 0,
            EntityKind::Place => 1,
            EntityKind::Organisation => 2,
        };
        let is_def = analysis
            .entities
            .get(m.entity)
            .is_some_and(|e| e.definition == i);
        tokens.push((m.span.clone(), ty, u32::from(is_def)));
    }
    let mut mention_spans: Vec<Span> = analysis.mentions.iter().map(|m| m.span.clone()).collect();
    mention_spans.sort_by_key(|s| s.start);
    for q in analysis.quotes.iter().filter(|q| q.nested_in.is_none()) {
        let mut cursor = q.span().start;
        let end = q.span().end;
        let start = cursor;
        for m in mention_spans
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
        {
            if m.start > cursor {
                tokens.push((cursor..m.start, 3, 0));
            }
            cursor = m.end;
        }
        if cursor < end {
            tokens.push((cursor..end, 3, 0));
        }
    }
    tokens.sort_by_key(|t| (t.0.start, t.0.end));
    let mut data = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    let mut last_end = 0usize;
    for (span, ty, mods) in tokens {
        if span.start < last_end {
            continue; // overlapping: keep the first
        }
        last_end = span.end;
        // Split at line ends.
        let mut piece_start = span.start;
        while piece_start < span.end {
            let start = position_at(rope, piece_start, snapshot.encoding);
            let line_end_byte = {
                let line = start.line as usize;
                let next = if line + 1 < rope.len_lines() {
                    rope.line_to_byte(line + 1)
                } else {
                    rope.len_bytes()
                };
                next.min(span.end)
            };
            let end = position_at(rope, line_end_byte, snapshot.encoding);
            let length = if end.line == start.line {
                end.character - start.character
            } else {
                // The piece runs to the line terminator: measure the line's content.
                let content_end = crate::text::position::offset_at(
                    rope,
                    tower_lsp_server::ls_types::Position::new(start.line, u32::MAX),
                    snapshot.encoding,
                );
                position_at(rope, content_end, snapshot.encoding).character - start.character
            };
            if length > 0 {
                let delta_line = start.line - prev_line;
                let delta_start = if delta_line == 0 {
                    start.character - prev_start
                } else {
                    start.character
                };
                data.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length,
                    token_type: ty,
                    token_modifiers_bitset: mods,
                });
                prev_line = start.line;
                prev_start = start.character;
            }
            piece_start = line_end_byte.max(piece_start + 1);
        }
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}

/// Folds a word for prefix matching: lowercase without diacritics.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Canonical spellings of known entities that start like the word before the cursor.
pub fn completion(snapshot: &Snapshot, offset: usize) -> Option<Vec<CompletionItem>> {
    let text = snapshot.rope().to_string();
    let offset = offset.min(text.len());
    let before = text.get(..offset)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '’')
        .last()
        .map(|(i, _)| i)?;
    let prefix = &before[start..];
    if prefix.chars().count() < 2 {
        return None;
    }
    let folded = fold(prefix);
    let range = convert::range(snapshot, &(start..offset));
    let mut items: Vec<CompletionItem> = Vec::new();
    let analysis = snapshot.analysis();
    for entity in &analysis.entities {
        // Every spelling the article uses for this entity leads to the canonical one.
        let spelled: Vec<String> = entity
            .mentions
            .iter()
            .filter_map(|&m| text.get(analysis.mentions.get(m)?.surname.clone()))
            .map(fold)
            .collect();
        let mut labels = vec![(entity.name.clone(), vec![fold(&entity.name)])];
        if entity.surname != entity.name {
            let mut keys = spelled;
            keys.push(fold(&entity.surname));
            labels.push((entity.surname.clone(), keys));
        }
        for (label, keys) in labels {
            let matches = keys.iter().any(|k| k.starts_with(&folded));
            if matches && label != prefix && !items.iter().any(|i| i.label == label) {
                items.push(CompletionItem {
                    label: label.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(format!("{} ({})", entity.name, kind_name(entity.kind))),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, label))),
                    ..CompletionItem::default()
                });
            }
        }
    }
    Some(items)
}

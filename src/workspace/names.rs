//! Names across articles: which entities of other articles are the same person, place or
//! organisation, and what that means for spellings.
//!
//! Every indexed article's entities are keyed by the transliteration-aware spelling keys of
//! their surname (`variants::spelling_keys`) in an inverted index, so finding the same name
//! elsewhere touches only the articles that share a key; each candidate is then verified with
//! `variants::same_name`.
//!
//! Spellings are weighed across articles of the **same language** only: a French article
//! writes Prigojine and an English one Prigozhin, and both are right. When the spellings of
//! one name differ across the folder, the canonical spelling is chosen over all of them
//! (house style, the language's convention, the most used, the first full name) and the
//! article's `name-variant` findings are recomputed against it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use dashmap::DashMap;

use super::IndexedArticle;
use crate::analysis::variants::{self, Spelling, StyleNames, collect_spellings, spelling_id};
use crate::analysis::{Code, Entity, Finding, HouseStyle, Mention, Span};

/// Spelling key → the articles with an entity whose surname has that key.
#[derive(Debug, Default)]
pub struct NameIndex {
    by_key: DashMap<String, HashSet<PathBuf>>,
    keys_of: DashMap<PathBuf, Vec<String>>,
}

/// The keys under which an entity is indexed.
fn entity_keys(entity: &Entity) -> Vec<String> {
    let mut keys = variants::spelling_keys(&entity.surname);
    keys.push(variants::fold(&entity.surname));
    keys.sort();
    keys.dedup();
    keys
}

/// What the folder needs to know of one entity of an article, computed when it is indexed.
#[derive(Debug, Clone, Default)]
pub struct EntityNames {
    /// Spelling keys of the surname (sorted): entities of two articles can only be the same
    /// person when they share one.
    pub keys: Vec<String>,
    /// Spellings of the surname in the article.
    pub surnames: Vec<Spelling>,
    /// Spellings of the first name in the article.
    pub first_names: Vec<Spelling>,
}

impl EntityNames {
    /// The names of every entity of an analysed article.
    pub fn of(text: &str, analysis: &crate::analysis::Analysis) -> Vec<EntityNames> {
        analysis
            .entities
            .iter()
            .map(|entity| {
                let ms: Vec<&Mention> = entity
                    .mentions
                    .iter()
                    .filter_map(|&m| analysis.mentions.get(m))
                    .collect();
                EntityNames {
                    keys: entity_keys(entity),
                    surnames: collect_spellings(text, &ms, |m| Some(m.surname.clone())),
                    first_names: collect_spellings(text, &ms, |m| m.first_name.clone()),
                }
            })
            .collect()
    }

    fn shares_a_key(&self, other: &EntityNames) -> bool {
        self.keys
            .iter()
            .any(|k| other.keys.binary_search(k).is_ok())
    }
}

impl NameIndex {
    /// Records (or replaces) an article's entities.
    pub fn insert(&self, article: &IndexedArticle) {
        self.remove(&article.path);
        let mut keys: Vec<String> = article
            .names
            .iter()
            .flat_map(|n| n.keys.iter().cloned())
            .collect();
        keys.sort();
        keys.dedup();
        for k in &keys {
            self.by_key
                .entry(k.clone())
                .or_default()
                .insert(article.path.clone());
        }
        self.keys_of.insert(article.path.clone(), keys);
    }

    pub fn remove(&self, path: &std::path::Path) {
        if let Some((_, keys)) = self.keys_of.remove(path) {
            for k in keys {
                if let Some(mut set) = self.by_key.get_mut(&k) {
                    set.remove(path);
                }
            }
        }
    }

    /// Articles other than `except` that may name the same entity (`keys`: its spelling keys).
    pub fn candidates(&self, keys: &[String], except: &std::path::Path) -> HashSet<PathBuf> {
        let mut out = HashSet::new();
        for k in keys {
            if let Some(set) = self.by_key.get(k) {
                out.extend(set.iter().filter(|p| p.as_path() != except).cloned());
            }
        }
        out
    }
}

/// An entity of another article that is the same as one of this article's.
#[derive(Debug, Clone)]
pub struct Match {
    pub article: Arc<IndexedArticle>,
    pub entity: usize,
}

/// A place in another article that explains a finding.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    pub article: Arc<IndexedArticle>,
    pub span: Span,
    pub message: String,
}

/// A finding with the places in other articles that explain it.
#[derive(Debug, Clone)]
pub struct FolderFinding {
    pub finding: Finding,
    pub elsewhere: Vec<Elsewhere>,
}

/// The file name shown for an article in messages.
pub fn short_name(article: &IndexedArticle) -> String {
    article
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| article.path.display().to_string())
}

fn mentions_of(article: &IndexedArticle, entity: usize) -> Vec<&Mention> {
    article.analysis.entities[entity]
        .mentions
        .iter()
        .filter_map(|&m| article.analysis.mentions.get(m))
        .collect()
}

/// The spellings of one part of an entity's name in one article.
fn spellings(article: &IndexedArticle, entity: usize, first_names: bool) -> &[Spelling] {
    match article.names.get(entity) {
        Some(n) if first_names => &n.first_names,
        Some(n) => &n.surnames,
        None => &[],
    }
}

/// Merges spellings by spelling id, adding counts.
fn merge(into: &mut Vec<Spelling>, from: &[Spelling]) {
    for s in from {
        match into
            .iter_mut()
            .find(|x| spelling_id(&x.text) == spelling_id(&s.text))
        {
            Some(x) => x.count += s.count,
            None => into.push(Spelling {
                // Other articles' positions do not compete for "first full mention".
                first: usize::MAX,
                first_full: None,
                ..s.clone()
            }),
        }
    }
}

/// The entity at `entity` of `article` in the other articles of the folder.
pub fn matches(
    index: &NameIndex,
    lookup: &dyn Fn(&std::path::Path) -> Option<Arc<IndexedArticle>>,
    article: &IndexedArticle,
    entity: usize,
) -> Vec<Match> {
    let (Some(e), Some(names)) = (
        article.analysis.entities.get(entity),
        article.names.get(entity),
    ) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = index
        .candidates(&names.keys, &article.path)
        .into_iter()
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Some(other) = lookup(&path) else { continue };
        for (i, f) in other.analysis.entities.iter().enumerate() {
            let shares = other.names.get(i).is_some_and(|n| n.shares_a_key(names));
            if shares && f.kind == e.kind && variants::same_name(&e.name, &f.name, e.kind) {
                out.push(Match {
                    article: other.clone(),
                    entity: i,
                });
            }
        }
    }
    out
}

/// Places in other articles listed on one finding.
const MAX_ELSEWHERE: usize = 50;

/// This article's findings in the light of the folder.
pub fn folder_findings(
    index: &NameIndex,
    lookup: &dyn Fn(&std::path::Path) -> Option<Arc<IndexedArticle>>,
    article: &IndexedArticle,
    style: &HouseStyle,
) -> Vec<FolderFinding> {
    let own = || {
        article
            .analysis
            .findings
            .iter()
            .cloned()
            .map(|finding| FolderFinding {
                finding,
                elsewhere: Vec::new(),
            })
            .collect()
    };
    let style_names = StyleNames::new(style);
    let language = article.analysis.language;
    // Per entity of this article whose spellings differ across same-language articles: the
    // canonical surname and first name, and the other articles' spellings.
    let mut overlay = style.clone();
    let mut decorated: Vec<(usize, Vec<Match>, String)> = Vec::new();
    for (ei, entity) in article.analysis.entities.iter().enumerate() {
        if style_names.ignored(&entity.name) || style_names.ignored(&entity.surname) {
            continue;
        }
        let others: Vec<Match> = matches(index, lookup, article, ei)
            .into_iter()
            .filter(|m| m.article.analysis.language == language)
            .collect();
        if others.is_empty() {
            continue;
        }
        let mut surnames = spellings(article, ei, false).to_vec();
        let mut firsts = spellings(article, ei, true).to_vec();
        let here_s = surnames.clone();
        for m in &others {
            merge(&mut surnames, spellings(&m.article, m.entity, false));
            merge(&mut firsts, spellings(&m.article, m.entity, true));
        }
        let differs = |all: &[Spelling]| {
            all.iter()
                .map(|s| spelling_id(&s.text))
                .collect::<HashSet<_>>()
                .len()
                > 1
        };
        if !differs(&surnames) && !differs(&firsts) {
            continue;
        }
        let (canon_s, _) = variants::canonical(&surnames, entity.kind, language, &style_names);
        let (canon_f, _) = variants::canonical(&firsts, entity.kind, language, &style_names);
        if differs(&surnames) {
            let variants: Vec<String> = surnames
                .iter()
                .filter(|s| spelling_id(&s.text) != spelling_id(&canon_s))
                .map(|s| s.text.clone())
                .collect();
            overlay.names.push((canon_s.clone(), variants));
        }
        if differs(&firsts) && !canon_f.is_empty() {
            let variants: Vec<String> = firsts
                .iter()
                .filter(|s| spelling_id(&s.text) != spelling_id(&canon_f))
                .map(|s| s.text.clone())
                .collect();
            overlay.names.push((canon_f.clone(), variants));
        }
        let total: usize = surnames
            .iter()
            .filter(|s| spelling_id(&s.text) == spelling_id(&canon_s))
            .map(|s| s.count)
            .sum();
        let mut elsewhere_words = Vec::new();
        for m in &others {
            for s in spellings(&m.article, m.entity, false) {
                if spelling_id(&s.text) != spelling_id(&canon_s) {
                    elsewhere_words.push(format!(
                        "{} in {} ({}×)",
                        s.text,
                        short_name(&m.article),
                        s.count
                    ));
                }
            }
        }
        let here: Vec<String> = here_s
            .iter()
            .filter(|s| spelling_id(&s.text) != spelling_id(&canon_s))
            .map(|s| format!("{} ({}×) in this article", s.text, s.count))
            .collect();
        let mut parts = here;
        parts.extend(elsewhere_words);
        let summary = if parts.is_empty() {
            String::new()
        } else {
            format!(
                "{canon_s} ({total}× across the folder) is also spelled {}",
                parts.join(", ")
            )
        };
        decorated.push((ei, others, summary));
    }
    if decorated.is_empty() {
        return own();
    }
    // Recompute name-variant findings with the folder's canonical spellings.
    let text = article.rope.to_string();
    let mut recomputed = Vec::new();
    variants::check(
        &text,
        &article.analysis.mentions,
        &article.analysis.entities,
        language,
        &overlay,
        &mut recomputed,
    );
    style.apply_severities(&mut recomputed);
    let mut out: Vec<FolderFinding> = article
        .analysis
        .findings
        .iter()
        .filter(|f| f.code != Code::NameVariant)
        .cloned()
        .map(|finding| FolderFinding {
            finding,
            elsewhere: Vec::new(),
        })
        .collect();
    for mut finding in recomputed {
        let mut elsewhere = Vec::new();
        let entity = article
            .analysis
            .mentions
            .iter()
            .find(|m| m.span.start <= finding.span.start && finding.span.end <= m.span.end)
            .map(|m| m.entity);
        if let Some((_, others, summary)) = decorated.iter().find(|(e, _, _)| Some(*e) == entity) {
            if !summary.is_empty() {
                finding.message = summary.clone();
            }
            'others: for m in others {
                for &mi in &m.article.analysis.entities[m.entity].mentions {
                    if elsewhere.len() >= MAX_ELSEWHERE {
                        break 'others;
                    }
                    if let Some(mention) = m.article.analysis.mentions.get(mi) {
                        let Some(spelled) = m.article.rope.get_byte_slice(mention.name.clone())
                        else {
                            continue;
                        };
                        elsewhere.push(Elsewhere {
                            article: m.article.clone(),
                            span: mention.name.clone(),
                            message: format!("spelled « {spelled} » in {}", short_name(&m.article)),
                        });
                    }
                }
            }
        }
        out.push(FolderFinding { finding, elsewhere });
    }
    out.sort_by_key(|f| (f.finding.span.start, f.finding.span.end));
    out
}

/// The folder's canonical spelling of an entity's surname and first name, over the articles
/// in the same language, with those articles' matching entities.
pub fn folder_canonical(
    index: &NameIndex,
    lookup: &dyn Fn(&std::path::Path) -> Option<Arc<IndexedArticle>>,
    article: &IndexedArticle,
    entity: usize,
    style: &HouseStyle,
) -> Option<(String, Option<String>, Vec<Match>)> {
    let e = article.analysis.entities.get(entity)?;
    let language = article.analysis.language;
    let others: Vec<Match> = matches(index, lookup, article, entity)
        .into_iter()
        .filter(|m| m.article.analysis.language == language)
        .collect();
    let mut surnames = spellings(article, entity, false).to_vec();
    let mut firsts = spellings(article, entity, true).to_vec();
    for m in &others {
        merge(&mut surnames, spellings(&m.article, m.entity, false));
        merge(&mut firsts, spellings(&m.article, m.entity, true));
    }
    let style_names = StyleNames::new(style);
    let (s, _) = variants::canonical(&surnames, e.kind, language, &style_names);
    let first = (!firsts.is_empty())
        .then(|| variants::canonical(&firsts, e.kind, language, &style_names).0)
        .filter(|f| !f.is_empty());
    Some((s, first, others))
}

/// The replacements that make every mention of an entity in one article use `surname` (and
/// `first_name` where a first name is written).
pub fn respell(
    article: &IndexedArticle,
    entity: usize,
    surname: &str,
    first_name: Option<&str>,
) -> Vec<crate::analysis::Replacement> {
    let mut out = Vec::new();
    for m in mentions_of(article, entity) {
        let written = article
            .rope
            .get_byte_slice(m.surname.clone())
            .map(|s| s.to_string());
        if written
            .as_deref()
            .is_some_and(|w| spelling_id(w) != spelling_id(surname))
        {
            out.push(crate::analysis::Replacement {
                span: m.surname.clone(),
                text: surname.to_string(),
            });
        }
        if let (Some(span), Some(first)) = (m.first_name.clone(), first_name) {
            let written = article
                .rope
                .get_byte_slice(span.clone())
                .map(|s| s.to_string());
            if written
                .as_deref()
                .is_some_and(|w| spelling_id(w) != spelling_id(first))
            {
                out.push(crate::analysis::Replacement {
                    span,
                    text: first.to_string(),
                });
            }
        }
    }
    out
}

/// Renames or re-spells a name part in every mention of the matched entities:
/// (article, replacements) per article.
pub fn group_by_article(matches: &[Match]) -> HashMap<PathBuf, (Arc<IndexedArticle>, Vec<usize>)> {
    let mut out: HashMap<PathBuf, (Arc<IndexedArticle>, Vec<usize>)> = HashMap::new();
    for m in matches {
        out.entry(m.article.path.clone())
            .or_insert_with(|| (m.article.clone(), Vec::new()))
            .1
            .push(m.entity);
    }
    out
}

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
//! article's `name-variant` findings are recomputed against it — for the entities whose
//! spellings the folder weighs otherwise only, when the article's own findings were checked
//! on its text with the current style (the others' are the article's own).
//!
//! The folder's names are summed by group (one entity name, kind and language): an article
//! reads the folder only through the groups of its entities' names. When an article's names
//! change, [`changed_groups`] says which groups changed and [`reads_any`] which other
//! articles read one of them: only those can have other cross-article findings.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use dashmap::DashMap;

use super::IndexedArticle;
use crate::analysis::variants::{self, Spelling, StyleNames, collect_spellings, spelling_id};
use crate::analysis::{Code, Entity, EntityKind, Finding, HouseStyle, Language, Mention, Span};

/// Spelling key → the articles with an entity whose surname has that key.
///
/// Articles are numbered once per path (`ids`, `paths`): an article puts its number, not its
/// path, under each of its keys (hashing a path walks its components; an article has dozens
/// of keys).
#[derive(Debug, Default)]
pub struct NameIndex {
    by_key: DashMap<String, rustc_hash::FxHashSet<u32>>,
    keys_of: DashMap<PathBuf, Vec<String>>,
    ids: DashMap<PathBuf, u32>,
    paths: std::sync::RwLock<Vec<PathBuf>>,
}

/// The keys under which an entity is indexed.
fn entity_keys(entity: &Entity, memo: &mut variants::KeyMemo) -> Vec<String> {
    let mut keys = memo.spelling_keys(&entity.surname).to_vec();
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
        EntityNames::of_with(text, analysis, &mut variants::KeyMemo::default())
    }

    /// [`EntityNames::of`], with spelling keys from `memo` (kept from one article to the next
    /// by folder indexing). Same result.
    pub fn of_with(
        text: &str,
        analysis: &crate::analysis::Analysis,
        memo: &mut variants::KeyMemo,
    ) -> Vec<EntityNames> {
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
                    keys: entity_keys(entity, memo),
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
    /// The number of an article's path (the same for the life of the index).
    fn id_of(&self, path: &std::path::Path) -> u32 {
        if let Some(id) = self.ids.get(path) {
            return *id;
        }
        *self.ids.entry(path.to_path_buf()).or_insert_with(|| {
            let mut paths = self.paths.write().unwrap_or_else(|e| e.into_inner());
            paths.push(path.to_path_buf());
            u32::try_from(paths.len() - 1).unwrap_or(u32::MAX)
        })
    }

    /// Records (or replaces) an article's entities.
    pub fn insert(&self, article: &IndexedArticle) {
        self.remove(&article.path);
        let id = self.id_of(&article.path);
        let mut keys: Vec<String> = article
            .names
            .iter()
            .flat_map(|n| n.keys.iter().cloned())
            .collect();
        keys.sort();
        keys.dedup();
        for k in &keys {
            match self.by_key.get_mut(k.as_str()) {
                Some(mut set) => {
                    set.insert(id);
                }
                None => {
                    self.by_key.entry(k.clone()).or_default().insert(id);
                }
            }
        }
        self.keys_of.insert(article.path.clone(), keys);
    }

    pub fn remove(&self, path: &std::path::Path) {
        if let Some((_, keys)) = self.keys_of.remove(path) {
            let Some(id) = self.ids.get(path).map(|id| *id) else {
                return;
            };
            for k in keys {
                if let Some(mut set) = self.by_key.get_mut(&k) {
                    set.remove(&id);
                }
            }
        }
    }

    /// Articles other than `except` that may name the same entity (`keys`: its spelling keys).
    pub fn candidates(&self, keys: &[String], except: &std::path::Path) -> HashSet<PathBuf> {
        let mut ids: rustc_hash::FxHashSet<u32> = rustc_hash::FxHashSet::default();
        for k in keys {
            if let Some(set) = self.by_key.get(k) {
                ids.extend(set.iter().copied());
            }
        }
        let paths = self.paths.read().unwrap_or_else(|e| e.into_inner());
        ids.into_iter()
            .filter_map(|id| paths.get(id as usize))
            .filter(|p| p.as_path() != except)
            .cloned()
            .collect()
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

/// A finding with the places in other articles that explain it. The article's own findings
/// are borrowed from its analysis (a long document has thousands; copying them, fixes and
/// all, for every publish was a tenth of a keystroke); recomputed ones are owned.
#[derive(Debug, Clone)]
pub struct FolderFinding<'a> {
    pub finding: std::borrow::Cow<'a, Finding>,
    /// Shared by the findings of one entity (they list the same places).
    pub elsewhere: Arc<[Elsewhere]>,
}

/// The folder's names, summed once per workspace generation so that checking every article
/// stays linear in the folder (a name in 2,000 articles is merged once, not once per article).
///
/// One group per distinct entity name, kind and language: its members (article, entity) and
/// their spellings added up. An article's entity is then weighed against the groups whose
/// names are the same name (`variants::same_name`, decided once per pair of distinct names).
#[derive(Debug, Default)]
pub struct FolderNames {
    groups: HashMap<GroupKey, NameGroup>,
    /// Spelling key → the groups with an entity indexed under it.
    by_key: HashMap<String, Vec<GroupKey>>,
    same: std::sync::Mutex<HashMap<(String, String), bool>>,
    /// What [`folder_findings`] checked again with these sums.
    pub rechecks: Rechecks,
}

/// How much `name-variant` checking [`folder_findings`] did again for the folder: never
/// changes a result, says what was skipped.
#[derive(Debug, Default)]
pub struct Rechecks {
    /// Articles whose every entity was checked again.
    pub whole: std::sync::atomic::AtomicUsize,
    /// Entities checked again in the other articles (those the folder can change).
    pub entities: std::sync::atomic::AtomicUsize,
}

/// One group of the folder's names: an entity name, its kind, the article's language.
pub type GroupKey = (EntityKind, String, Language);

#[derive(Debug, Default)]
struct NameGroup {
    /// (article, entity), in path order.
    members: Vec<(Arc<IndexedArticle>, usize)>,
    /// Article path → indexes in `members`.
    by_path: HashMap<PathBuf, Vec<usize>>,
    surnames: Vec<Spelling>,
    first_names: Vec<Spelling>,
    /// Per surname spelling id: a few articles that use it and how many do.
    spelled: Vec<SpelledIn>,
}

/// The articles of a group that spell a surname one way.
#[derive(Debug)]
struct SpelledIn {
    id: String,
    /// (article, as written, mentions), for the first articles.
    named: Vec<(Arc<IndexedArticle>, String, usize)>,
    articles: usize,
}

impl FolderNames {
    /// Sums the names of `articles`.
    pub fn build(articles: &[Arc<IndexedArticle>]) -> FolderNames {
        let mut out = FolderNames::default();
        for article in articles {
            let language = article.analysis.language;
            for (i, (entity, names)) in article
                .analysis
                .entities
                .iter()
                .zip(&article.names)
                .enumerate()
            {
                let key = (entity.kind, entity.name.clone(), language);
                let group = out.groups.entry(key.clone()).or_insert_with(|| {
                    for k in &names.keys {
                        out.by_key.entry(k.clone()).or_default().push(key.clone());
                    }
                    NameGroup::default()
                });
                group
                    .by_path
                    .entry(article.path.clone())
                    .or_default()
                    .push(group.members.len());
                group.members.push((article.clone(), i));
                merge(&mut group.surnames, &names.surnames);
                merge(&mut group.first_names, &names.first_names);
                for spelling in &names.surnames {
                    let id = spelling_id(&spelling.text);
                    let at = match group.spelled.iter().position(|x| x.id == id) {
                        Some(at) => at,
                        None => {
                            group.spelled.push(SpelledIn {
                                id,
                                named: Vec::new(),
                                articles: 0,
                            });
                            group.spelled.len() - 1
                        }
                    };
                    let entry = &mut group.spelled[at];
                    entry.articles += 1;
                    // One more than shown, in case one of them is the article being checked.
                    if entry.named.len() <= ARTICLES_NAMED {
                        entry
                            .named
                            .push((article.clone(), spelling.text.clone(), spelling.count));
                    }
                }
            }
        }
        out
    }

    fn same_name(&self, a: &str, b: &str, kind: EntityKind) -> bool {
        if a == b {
            return true;
        }
        let pair = (a.to_owned(), b.to_owned());
        let mut same = self.same.lock().unwrap_or_else(|e| e.into_inner());
        *same
            .entry(pair)
            .or_insert_with(|| variants::same_name(a, b, kind))
    }

    /// The groups (same language) that hold the same name as `entity` of `article`.
    fn groups_of(&self, article: &IndexedArticle, entity: usize) -> Vec<&NameGroup> {
        let (Some(e), Some(names)) = (
            article.analysis.entities.get(entity),
            article.names.get(entity),
        ) else {
            return Vec::new();
        };
        let language = article.analysis.language;
        let mut keys: Vec<&GroupKey> = names
            .keys
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .filter(|(kind, name, lang)| {
                *kind == e.kind && *lang == language && self.same_name(&e.name, name, e.kind)
            })
            .collect();
        keys.sort_by(|a, b| a.1.cmp(&b.1));
        keys.dedup();
        keys.iter().filter_map(|k| self.groups.get(*k)).collect()
    }
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

/// What the folder sums of one entity of an article: its spelling keys, its spellings (with
/// their counts, not their places) and its mentions' names as written.
type Signature<'a> = (
    &'a [String],
    Vec<(&'a str, usize)>,
    Vec<(&'a str, usize)>,
    Vec<&'a str>,
);

/// An article's entities by group, in entity order, each as the folder sums it.
fn signatures(article: &IndexedArticle) -> HashMap<GroupKey, Vec<Signature<'_>>> {
    let written: Vec<&str> = article.mention_names.split('\0').collect();
    fn counted(s: &[Spelling]) -> Vec<(&str, usize)> {
        s.iter().map(|x| (x.text.as_str(), x.count)).collect()
    }
    let mut out: HashMap<GroupKey, Vec<Signature<'_>>> = HashMap::new();
    for (i, entity) in article.analysis.entities.iter().enumerate() {
        let names = article.names.get(i);
        let key = (entity.kind, entity.name.clone(), article.analysis.language);
        let signature = (
            names.map_or(&[][..], |n| n.keys.as_slice()),
            names.map(|n| counted(&n.surnames)).unwrap_or_default(),
            names.map(|n| counted(&n.first_names)).unwrap_or_default(),
            entity
                .mentions
                .iter()
                .map(|&m| written.get(m).copied().unwrap_or(""))
                .collect(),
        );
        out.entry(key).or_default().push(signature);
    }
    out
}

/// The groups of names whose members from one article differ between two versions of it
/// (`old`: `None` for an article new to the folder). Other articles' cross-article findings
/// read the folder's names through groups only ([`FolderNames`]): those that read none of
/// these are the same, but for the places in this article they point at.
pub fn changed_groups(old: Option<&IndexedArticle>, new: &IndexedArticle) -> Vec<GroupKey> {
    let before = old.map(signatures).unwrap_or_default();
    let after = signatures(new);
    let changed: HashSet<&GroupKey> = before
        .iter()
        .filter(|(k, s)| after.get(*k) != Some(*s))
        .chain(after.iter().filter(|(k, s)| before.get(*k) != Some(*s)))
        .map(|(k, _)| k)
        .collect();
    changed.into_iter().cloned().collect()
}

/// Whether `article`'s cross-article findings may read one of `groups`: one of its entities
/// is of the same kind and language as the group and the same name (what
/// [`FolderNames`] looks up, without its narrowing by spelling key).
pub fn reads_any(article: &IndexedArticle, groups: &[GroupKey]) -> bool {
    let language = article.analysis.language;
    groups
        .iter()
        .filter(|(_, _, lang)| *lang == language)
        .any(|(kind, name, _)| {
            article.analysis.entities.iter().any(|e| {
                e.kind == *kind && (e.name == *name || variants::same_name(&e.name, name, e.kind))
            })
        })
}

/// Takes `from`'s counts off `into` (by spelling id), dropping spellings left with none.
fn subtract(into: &mut Vec<Spelling>, from: &[Spelling]) {
    for s in from {
        let id = spelling_id(&s.text);
        if let Some(x) = into.iter_mut().find(|x| spelling_id(&x.text) == id) {
            x.count = x.count.saturating_sub(s.count);
        }
    }
    into.retain(|x| x.count > 0);
}

/// Articles named per spelling in a message: beyond, "and N more articles".
const ARTICLES_NAMED: usize = 3;

/// Places in other articles listed on one finding.
const MAX_ELSEWHERE: usize = 50;

/// This article's findings in the light of the folder (`folder`: the folder's names summed,
/// this article included; `lookup`: the current version of an indexed article).
pub fn folder_findings<'a>(
    folder: &FolderNames,
    lookup: &dyn Fn(&std::path::Path) -> Option<Arc<IndexedArticle>>,
    article: &'a IndexedArticle,
    style: &HouseStyle,
) -> Vec<FolderFinding<'a>> {
    let none: Arc<[Elsewhere]> = Arc::from(Vec::new());
    let own = || {
        article
            .analysis
            .findings
            .iter()
            .map(|finding| FolderFinding {
                finding: std::borrow::Cow::Borrowed(finding),
                elsewhere: none.clone(),
            })
            .collect()
    };
    let style_names = StyleNames::new(style);
    let language = article.analysis.language;
    let is_here = |a: &Arc<IndexedArticle>| a.path.as_os_str() == article.path.as_os_str();
    let own_in = |g: &NameGroup| g.by_path.get(&article.path).map_or(0, Vec::len);
    // Per entity of this article whose spellings differ across same-language articles: the
    // canonical surname and first name, and the other articles' entities of that name.
    let mut overlay = style.clone();
    let mut decorated: Vec<(usize, Vec<Match>, String)> = Vec::new();
    for (ei, entity) in article.analysis.entities.iter().enumerate() {
        if style_names.ignored(&entity.name) || style_names.ignored(&entity.surname) {
            continue;
        }
        let groups = folder.groups_of(article, ei);
        if !groups.iter().any(|g| g.members.len() > own_in(g)) {
            continue;
        }
        // This article's spellings first (their positions count), then the folder's others.
        let mut surnames = spellings(article, ei, false).to_vec();
        let mut firsts = spellings(article, ei, true).to_vec();
        let here_s = surnames.clone();
        let mut elsewhere_s: Vec<Spelling> = Vec::new();
        let mut elsewhere_f: Vec<Spelling> = Vec::new();
        for g in &groups {
            merge(&mut elsewhere_s, &g.surnames);
            merge(&mut elsewhere_f, &g.first_names);
            for &m in g.by_path.get(&article.path).into_iter().flatten() {
                let (a, i) = &g.members[m];
                subtract(&mut elsewhere_s, spellings(a, *i, false));
                subtract(&mut elsewhere_f, spellings(a, *i, true));
            }
        }
        merge(&mut surnames, &elsewhere_s);
        merge(&mut firsts, &elsewhere_f);
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
        let canon_s_id = spelling_id(&canon_s);
        if differs(&surnames) {
            let variants: Vec<String> = surnames
                .iter()
                .filter(|s| spelling_id(&s.text) != canon_s_id)
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
            .filter(|s| spelling_id(&s.text) == canon_s_id)
            .map(|s| s.count)
            .sum();
        // The other articles' entities shown as related places (the first few suffice), in
        // their current version: an edit that moved text without changing names keeps the
        // folder's sums but not their positions.
        let others: Vec<Match> = groups
            .iter()
            .flat_map(|g| g.members.iter())
            .filter(|(a, _)| !is_here(a))
            .take(MAX_ELSEWHERE)
            .filter_map(|(a, i)| {
                let current = lookup(&a.path).unwrap_or_else(|| a.clone());
                (*i < current.analysis.entities.len()).then_some(Match {
                    article: current,
                    entity: *i,
                })
            })
            .collect();
        let mut parts: Vec<String> = here_s
            .iter()
            .filter(|s| spelling_id(&s.text) != canon_s_id)
            .map(|s| format!("{} ({}×) in this article", s.text, s.count))
            .collect();
        for g in &groups {
            for spelled in g.spelled.iter().filter(|x| x.id != canon_s_id) {
                let shown: Vec<_> = spelled
                    .named
                    .iter()
                    .filter(|(a, ..)| !is_here(a))
                    .take(ARTICLES_NAMED)
                    .collect();
                let here = usize::from(spelled.named.len() > shown.len());
                for (a, text, count) in &shown {
                    parts.push(format!("{text} in {} ({count}×)", short_name(a)));
                }
                let more = spelled.articles.saturating_sub(shown.len() + here);
                if more > 0 {
                    parts.push(format!("and in {more} more articles"));
                }
            }
        }
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
    // Recompute name-variant findings with the folder's canonical spellings: those of every
    // entity, or, when the article's own ones were checked on this text with this style,
    // only those of the entities the folder can change (see `rechecked_entities`); the
    // others' are the article's own.
    let text = article.rope.to_string();
    let locate = MentionLocator::new(&article.analysis);
    let rechecked = rechecked_entities(article, &text, style, &overlay, &decorated, &locate);
    let mut recomputed = Vec::new();
    let mut out: Vec<FolderFinding> = Vec::new();
    let counter = match &rechecked {
        None => (&folder.rechecks.whole, 1),
        Some(r) => (&folder.rechecks.entities, r.len()),
    };
    counter
        .0
        .fetch_add(counter.1, std::sync::atomic::Ordering::Relaxed);
    match &rechecked {
        None => variants::check(
            &text,
            &article.analysis.mentions,
            &article.analysis.entities,
            language,
            &overlay,
            &mut recomputed,
        ),
        Some(rechecked) => {
            let entities: Vec<Entity> = rechecked
                .iter()
                .map(|&e| article.analysis.entities[e].clone())
                .collect();
            variants::check(
                &text,
                &article.analysis.mentions,
                &entities,
                language,
                &overlay,
                &mut recomputed,
            );
        }
    }
    style.apply_severities(&mut recomputed);
    for finding in &article.analysis.findings {
        let kept = finding.code != Code::NameVariant
            || rechecked.as_ref().is_some_and(|r| {
                locate
                    .entity_of(&finding.span)
                    .is_some_and(|e| r.binary_search(&e).is_err())
            });
        if kept {
            out.push(FolderFinding {
                finding: std::borrow::Cow::Borrowed(finding),
                elsewhere: none.clone(),
            });
        }
    }
    // The places of each decorated entity, listed once for all its findings.
    let mut listed: Vec<Option<Arc<[Elsewhere]>>> = vec![None; decorated.len()];
    for mut finding in recomputed {
        let mut elsewhere = none.clone();
        let entity = locate.entity_of(&finding.span);
        if let Some(di) = decorated.iter().position(|(e, _, _)| Some(*e) == entity) {
            let (_, others, summary) = &decorated[di];
            if !summary.is_empty() {
                finding.message = summary.clone();
            }
            elsewhere = listed[di]
                .get_or_insert_with(|| places_of(others).into())
                .clone();
        }
        out.push(FolderFinding {
            finding: std::borrow::Cow::Owned(finding),
            elsewhere,
        });
    }
    out.sort_by_key(|f| (f.finding.span.start, f.finding.span.end));
    out
}

/// The places in other articles listed on a finding: the mentions of the matched entities, in
/// their current version, up to [`MAX_ELSEWHERE`].
fn places_of(others: &[Match]) -> Vec<Elsewhere> {
    let mut elsewhere = Vec::new();
    'others: for m in others {
        for &mi in &m.article.analysis.entities[m.entity].mentions {
            if elsewhere.len() >= MAX_ELSEWHERE {
                break 'others;
            }
            if let Some(mention) = m.article.analysis.mentions.get(mi) {
                let Some(spelled) = m.article.rope.get_byte_slice(mention.name.clone()) else {
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
    elsewhere
}

/// Finds the mention whose span holds a finding's span: the first in text order, as a walk
/// over the mentions would; by binary search when the mentions are in text order and do not
/// overlap (then at most one holds it).
struct MentionLocator<'a> {
    mentions: &'a [Mention],
    ordered: bool,
}

impl<'a> MentionLocator<'a> {
    fn new(analysis: &'a crate::analysis::Analysis) -> Self {
        let mentions = analysis.mentions.as_slice();
        let ordered = mentions
            .windows(2)
            .all(|w| w[0].span.start <= w[0].span.end && w[0].span.end <= w[1].span.start);
        MentionLocator { mentions, ordered }
    }

    /// The entity of the mention holding `span`.
    fn entity_of(&self, span: &Span) -> Option<usize> {
        let holds = |m: &&Mention| m.span.start <= span.start && span.end <= m.span.end;
        if !self.ordered || span.is_empty() {
            return self.mentions.iter().find(holds).map(|m| m.entity);
        }
        // The last mention starting at or before `span.start` is the only one that can hold it.
        let i = self
            .mentions
            .partition_point(|m| m.span.start <= span.start);
        i.checked_sub(1)
            .and_then(|i| self.mentions.get(i))
            .filter(holds)
            .map(|m| m.entity)
    }
}

/// The entities of `article` whose `name-variant` findings must be checked again for the
/// folder (sorted), or `None` when every entity must be: the article's own findings were
/// not checked on this text with this style (a Markdown article is checked through its
/// mask; an article indexed before a style change), or its mentions do not let a finding be
/// told to one entity. The others are checked exactly as the analysis checked them: their
/// spellings have the same preferred spelling under `overlay` as under `style`.
fn rechecked_entities<'t>(
    article: &IndexedArticle,
    text: &'t str,
    style: &HouseStyle,
    overlay: &HouseStyle,
    decorated: &[(usize, Vec<Match>, String)],
    locate: &MentionLocator<'_>,
) -> Option<Vec<usize>> {
    if article.variants_style.as_ref() != Some(style) || !locate.ordered {
        return None;
    }
    let analysis = &article.analysis;
    // Every finding of an entity is told to it: its mentions are its own, and a finding's
    // span (a surname, a first name or both) lies in the mention it was raised on.
    let within = |part: &Span, m: &Mention| m.span.start <= part.start && part.end <= m.span.end;
    let owned = analysis.entities.iter().enumerate().all(|(e, entity)| {
        entity.mentions.iter().all(|&m| {
            analysis.mentions.get(m).is_some_and(|m| {
                m.entity == e
                    && within(&m.surname, m)
                    && m.first_name.as_ref().is_none_or(|f| within(f, m))
            })
        })
    }) && analysis
        .findings
        .iter()
        .filter(|f| f.code == Code::NameVariant)
        .all(|f| locate.entity_of(&f.span).is_some());
    if !owned {
        return None;
    }
    let changed = StyleNames::new(style).differences(&StyleNames::new(overlay));
    let mut out: Vec<usize> = decorated.iter().map(|(e, ..)| *e).collect();
    if !changed.is_empty() {
        let mut folded: HashMap<&str, bool> = HashMap::new();
        let mut touched = |written: Option<&'t str>| {
            written.is_some_and(|w| {
                *folded
                    .entry(w)
                    .or_insert_with(|| changed.contains(&variants::fold(w)))
            })
        };
        for (e, entity) in analysis.entities.iter().enumerate() {
            let hit = entity.mentions.iter().any(|&m| {
                let m = &analysis.mentions[m];
                touched(text.get(m.surname.clone()))
                    || touched(m.first_name.clone().and_then(|f| text.get(f)))
            });
            if hit {
                out.push(e);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
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

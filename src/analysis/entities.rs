//! Linking mentions into entities: full name first, then surname and title + surname.
//!
//! The journalistic convention (ANALYSIS.md §3): a person is introduced by full name
//! (`Evgueni Prigojine`, the entity's **definition**), then named by surname (`Prigojine`) or
//! title + surname (`M. Prigojine`). [`link`] works in two passes:
//! 1. every full-name mention of a person, in text order, joins an earlier person whose surname
//!    is the same name ([`variants`]) and whose first name is compatible (equal, an initial, or a
//!    variant: Evgueni / Evgeny), with no conflicting gender; otherwise it starts a new person.
//!    So Bill and Hillary Clinton, or Mr and Mrs Trump, stay two people;
//! 2. every other mention, in text order: a surname joins the people whose surname matches
//!    (the most recently mentioned one when several do, and the mention is then `ambiguous`);
//!    otherwise places and organisations join the entity of the same name (gazetteer group or
//!    verified variant), and anything else starts a new entity.
//!
//! Candidates are found through [`variants::spelling_keys`] buckets, so linking stays
//! linear in the number of mentions. The surest mention decides an entity's kind; the
//! canonical spelling of each name part follows ANALYSIS.md §4.3 ([`variants::canonical`]);
//! titles and appositions give the role.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use super::{
    Entity, EntityKind, Evidence, Gender, HouseStyle, Language, Mention, MentionForm, lexicon,
    variants::{self, KeyMemo, Part, StyleNames, fold},
};

/// An entity while it is being built.
struct Draft<'t> {
    kind: EntityKind,
    evidence: Evidence,
    /// (start offset, mention index) of the full names of pass 1, sorted by position.
    full: Vec<(usize, usize)>,
    /// (start offset, mention index) of the mentions of pass 2, sorted by position. Two lists,
    /// each filled in text order, so that adding a mention is an append, not an insertion.
    rest: Vec<(usize, usize)>,
    /// Distinct surnames (or names) as written.
    surnames: Vec<&'t str>,
    /// Distinct first names as written.
    firsts: Vec<&'t str>,
    gender: Option<Gender>,
}

/// Adds `(pos, mi)` to a list sorted by position, before any entry at the same position.
fn add_sorted(list: &mut Vec<(usize, usize)>, pos: usize, mi: usize) {
    if list.last().is_none_or(|&(p, _)| p < pos) {
        list.push((pos, mi));
    } else {
        let at = list.partition_point(|&(p, _)| p < pos);
        list.insert(at, (pos, mi));
    }
}

impl<'t> Draft<'t> {
    fn add(&mut self, mi: usize, m: &Mention, text: &'t str, pass1: bool) {
        let list = if pass1 {
            &mut self.full
        } else {
            &mut self.rest
        };
        add_sorted(list, m.span.start, mi);
        let s = &text[m.surname.clone()];
        if !self.surnames.contains(&s) {
            self.surnames.push(s);
        }
        if let Some(f) = &m.first_name {
            let f = &text[f.clone()];
            if !self.firsts.contains(&f) {
                self.firsts.push(f);
            }
        }
        if self.gender.is_none() {
            self.gender = m.gender;
        }
        if m.evidence > self.evidence {
            self.evidence = m.evidence;
            self.kind = m.kind;
        }
    }

    fn is_empty(&self) -> bool {
        self.full.is_empty() && self.rest.is_empty()
    }

    /// The latest mention position before `pos`.
    fn last_before(&self, pos: usize) -> Option<usize> {
        let last = |l: &[(usize, usize)]| {
            let i = l.partition_point(|&(p, _)| p < pos);
            (i > 0).then(|| l[i - 1].0)
        };
        match (last(&self.full), last(&self.rest)) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// The position of the first mention.
    fn first_position(&self) -> Option<usize> {
        match (self.full.first(), self.rest.first()) {
            (Some(a), Some(b)) => Some(a.0.min(b.0)),
            (a, b) => a.or(b).map(|x| x.0),
        }
    }

    /// The position of the latest full name (pass 1 only adds full names).
    fn last_full(&self) -> Option<usize> {
        self.full.last().map(|x| x.0)
    }

    /// Every mention index, sorted by position (pass 2 first on a tie, as an insertion
    /// into one sorted list would place it).
    fn merged(&self) -> Vec<(usize, usize)> {
        let (a, b) = (&self.full, &self.rest);
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if b[j].0 <= a[i].0 {
                out.push(b[j]);
                j += 1;
            } else {
                out.push(a[i]);
                i += 1;
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        out
    }
}

/// Memoised name comparisons (spellings repeat a lot in one article): every spelling is a
/// slice of the text, so the caches are keyed by slices and a lookup allocates nothing.
struct Matcher<'a, 't> {
    style: &'a StyleNames,
    cache: HashMap<(&'t str, &'t str, bool), bool>,
    surnames: HashMap<(&'t str, &'t str), bool>,
    firsts: HashMap<(&'t str, &'t str), bool>,
}

impl<'t> Matcher<'_, 't> {
    fn word(&mut self, a: &'t str, b: &'t str, kind: EntityKind, part: Part) -> bool {
        if a == b {
            return true;
        }
        let key = (a, b, part == Part::FirstName);
        if let Some(&r) = self.cache.get(&key) {
            return r;
        }
        let r = self.style.equivalent(a, b) || variants::same_word(a, b, kind, part);
        self.cache.insert(key, r);
        r
    }

    /// A mention's surname (`s`) against one spelling of an entity's surname (`e`).
    fn surname(&mut self, s: &'t str, e: &'t str) -> bool {
        if s == e {
            return true;
        }
        if let Some(&r) = self.surnames.get(&(s, e)) {
            return r;
        }
        let r = self.surname_uncached(s, e);
        self.surnames.insert((s, e), r);
        r
    }

    fn surname_uncached(&mut self, s: &'t str, e: &'t str) -> bool {
        if fold(s) == fold(e) || self.style.equivalent(s, e) {
            return true;
        }
        let sw: Vec<&str> = s.split_whitespace().collect();
        let ew: Vec<&str> = e.split_whitespace().collect();
        if sw.len() == ew.len() {
            return sw
                .iter()
                .zip(&ew)
                .all(|(a, b)| self.word(a, b, EntityKind::Person, Part::Surname));
        }
        if sw.len() == 1 && ew.len() > 1 {
            let last = ew[ew.len() - 1];
            return self.word(s, last, EntityKind::Person, Part::Surname)
                || fold(s) == fold(ew[0]) && ew[0].chars().next().is_some_and(char::is_uppercase);
        }
        false
    }

    fn first(&mut self, a: &'t str, b: &'t str) -> bool {
        if a == b {
            return true;
        }
        if let Some(&r) = self.firsts.get(&(a, b)) {
            return r;
        }
        let r = self.first_uncached(a, b);
        self.firsts.insert((a, b), r);
        r
    }

    fn first_uncached(&mut self, a: &'t str, b: &'t str) -> bool {
        let (fa, fb) = (fold(a), fold(b));
        if fa == fb || self.style.equivalent(a, b) {
            return true;
        }
        // An initial: `J.` / `John`.
        let initial = |x: &str, y: &str| {
            x.len() <= 3 && x.ends_with('.') && y.starts_with(x.trim_end_matches('.'))
        };
        if initial(&fa, &fb) || initial(&fb, &fa) {
            return true;
        }
        self.word(a, b, EntityKind::Person, Part::FirstName)
    }
}

/// `f(key)`, computed once per key.
fn cached<'t, V: Clone>(cache: &mut HashMap<&'t str, V>, key: &'t str, f: impl Fn(&str) -> V) -> V {
    if let Some(v) = cache.get(key) {
        return v.clone();
    }
    let v = f(key);
    cache.insert(key, v.clone());
    v
}

fn gender_ok(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// The bucket keys of a mention's surname: those of its last word.
fn keys(s: &str, memo: &mut KeyMemo) -> Vec<String> {
    let last = s.split_whitespace().last().unwrap_or(s);
    memo.spelling_keys(last).to_vec()
}

/// `L’ONG Secours Andes Solidarité …` then `Secours Andes Solidarité appelle …`: a name of
/// several words read as a person's only by a guess or a verb, that the article shows elsewhere
/// by a cue to be an organisation's or a place's, is that.
fn retype_names_shown_otherwise(text: &str, mentions: &mut [Mention]) {
    // (`L’équipe d’Élodie Marchand-Kouassi`: a first name says a person, whatever the cue.)
    let first_names = &lexicon::common_names().first_names;
    let personal = |name: &str| {
        name.split_whitespace()
            .next()
            .is_some_and(|w| first_names.contains_key(&fold(w)))
    };
    let shown: HashMap<String, EntityKind> = mentions
        .iter()
        .filter(|m| m.kind != EntityKind::Person && m.evidence >= Evidence::Cue)
        .filter_map(|m| {
            let name = text.get(m.name.clone())?;
            (name.split_whitespace().count() >= 2 && !personal(name)).then(|| (fold(name), m.kind))
        })
        .collect();
    if shown.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.kind == EntityKind::Person
            && m.evidence <= Evidence::Cue
            && m.title.is_none()
            && m.role.is_none()
        {
            if let Some(&kind) = text.get(m.name.clone()).and_then(|n| shown.get(&fold(n))) {
                m.kind = kind;
            }
        }
    }
}

/// Links mentions into entities and sets each mention's `entity`.
pub fn link(
    text: &str,
    mentions: Vec<Mention>,
    language: Language,
    style: &HouseStyle,
) -> (Vec<Mention>, Vec<Entity>) {
    link_with(text, mentions, language, style, &mut KeyMemo::default())
}

/// [`link`], taking spelling keys from (and adding them to) `memo`, which a caller reading
/// many articles keeps from one to the next. Same result.
pub fn link_with<'t>(
    text: &'t str,
    mut mentions: Vec<Mention>,
    language: Language,
    style: &HouseStyle,
    memo: &mut KeyMemo,
) -> (Vec<Mention>, Vec<Entity>) {
    retype_names_shown_otherwise(text, &mut mentions);
    let memo = std::cell::RefCell::new(memo);
    let names = StyleNames::new(style);
    let mut matcher = Matcher {
        style: &names,
        cache: HashMap::default(),
        surnames: HashMap::default(),
        firsts: HashMap::default(),
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; mentions.len()];
    let mut people: HashMap<String, Vec<usize>> = HashMap::default();
    let mut others: HashMap<String, Vec<usize>> = HashMap::default();
    let new_draft = |m: &Mention| Draft {
        kind: m.kind,
        evidence: m.evidence,
        full: Vec::new(),
        rest: Vec::new(),
        surnames: Vec::new(),
        firsts: Vec::new(),
        gender: None,
    };
    let style_key = |s: &str| names.preferred(s).map(|p| format!("#style {}", fold(p)));
    // Bucket keys by spelling, computed once per distinct spelling.
    let mut person_key_cache: HashMap<&'t str, Rc<[String]>> = HashMap::default();
    let person_keys_uncached = |s: &str| -> Rc<[String]> {
        let mut k = keys(s, &mut memo.borrow_mut());
        if let Some(g) = lexicon::common_names()
            .people
            .group(s.split_whitespace().last().unwrap_or(s))
        {
            k.push(format!("#group {g}"));
        }
        if let Some(p) = style_key(s) {
            k.push(p);
        }
        k.into()
    };
    let common = lexicon::common_names();
    let mut other_key_cache: HashMap<&'t str, Rc<[String]>> = HashMap::default();
    let other_keys_uncached = |name: &str| -> Rc<[String]> {
        let mut ks = memo.borrow_mut().spelling_keys(name).to_vec();
        for (tag, groups) in [("place", &common.places), ("org", &common.organisations)] {
            if let Some(g) = groups.group(name) {
                ks.push(format!("#{tag} {g}"));
            }
        }
        if let Some(p) = style_key(name) {
            ks.push(p);
        }
        ks.into()
    };
    // Places and organisations: same name (memoised by the pair of spellings and the kind).
    let mut same_other: HashMap<(&str, &str, EntityKind), bool> = HashMap::default();

    // Pass 1: full names of people.
    for mi in 0..mentions.len() {
        let m = &mentions[mi];
        let Some(first_span) = m.first_name.clone() else {
            continue;
        };
        if m.kind != EntityKind::Person {
            continue;
        }
        let sur = &text[m.surname.clone()];
        let first = &text[first_span];
        let mut gender = m.gender;
        if gender.is_none() {
            gender = lexicon::common_names().first_name_gender(&fold(first));
        }
        let ks = cached(&mut person_key_cache, sur, person_keys_uncached);
        let mut best: Option<(usize, usize)> = None;
        let mut seen = Vec::new();
        for k in ks.iter() {
            for &e in people.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if seen.contains(&e) {
                    continue;
                }
                seen.push(e);
                let d = &drafts[e];
                if !gender_ok(gender, d.gender) {
                    continue;
                }
                if !d.surnames.iter().any(|s| matcher.surname(sur, s)) {
                    continue;
                }
                if !d.firsts.iter().all(|f| matcher.first(first, f)) {
                    continue;
                }
                let recent = d.last_full().unwrap_or(0);
                if best.is_none_or(|(_, r)| recent > r) {
                    best = Some((e, recent));
                }
            }
        }
        let e = match best {
            Some((e, _)) => e,
            None => {
                drafts.push(new_draft(m));
                let e = drafts.len() - 1;
                for k in ks.iter() {
                    people.entry(k.clone()).or_default().push(e);
                }
                e
            }
        };
        drafts[e].add(mi, m, text, true);
        if drafts[e].gender.is_none() {
            drafts[e].gender = gender;
        }
        owner[mi] = Some(e);
    }

    // Pass 2: every other mention, in text order.
    for mi in 0..mentions.len() {
        if owner[mi].is_some() {
            continue;
        }
        let m = &mentions[mi];
        let sur = &text[m.surname.clone()];
        let sure_other = m.kind != EntityKind::Person && m.evidence >= Evidence::Cue;
        if !sure_other {
            let ks = cached(&mut person_key_cache, sur, person_keys_uncached);
            let mut cands: Vec<usize> = Vec::new();
            for k in ks.iter() {
                for &e in people.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                    if cands.contains(&e) || !gender_ok(m.gender, drafts[e].gender) {
                        continue;
                    }
                    if drafts[e].surnames.iter().any(|s| matcher.surname(sur, s)) {
                        cands.push(e);
                    }
                }
            }
            if !cands.is_empty() {
                let pos = m.span.start;
                let e = cands
                    .iter()
                    .copied()
                    .filter_map(|e| drafts[e].last_before(pos).map(|p| (e, p)))
                    .max_by_key(|&(_, p)| p)
                    .map(|(e, _)| e)
                    .or_else(|| {
                        cands
                            .iter()
                            .copied()
                            .min_by_key(|&e| drafts[e].first_position().unwrap_or(0))
                    })
                    .unwrap_or(cands[0]);
                mentions[mi].ambiguous = cands.len() > 1;
                mentions[mi].kind = EntityKind::Person;
                let m = &mentions[mi];
                drafts[e].add(mi, m, text, false);
                owner[mi] = Some(e);
                continue;
            }
            if m.kind == EntityKind::Person {
                drafts.push(new_draft(m));
                let e = drafts.len() - 1;
                for k in ks.iter() {
                    people.entry(k.clone()).or_default().push(e);
                }
                drafts[e].add(mi, m, text, false);
                owner[mi] = Some(e);
                continue;
            }
        }
        // Places, organisations, and unknown names.
        let name = &text[m.name.clone()];
        let ks = cached(&mut other_key_cache, name, other_keys_uncached);
        let mut found = None;
        'search: for k in ks.iter() {
            for &e in others.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                let d = &drafts[e];
                let compatible = d.kind == m.kind
                    || d.evidence == Evidence::Guess
                    || m.evidence == Evidence::Guess;
                if !compatible {
                    continue;
                }
                let kind = if m.evidence >= d.evidence {
                    m.kind
                } else {
                    d.kind
                };
                let same = d.surnames.iter().any(|&s| {
                    *same_other.entry((s, name, kind)).or_insert_with(|| {
                        fold(s) == fold(name)
                            || names.equivalent(s, name)
                            || variants::same_name(s, name, kind)
                    })
                });
                if same {
                    found = Some(e);
                    break 'search;
                }
            }
        }
        let e = match found {
            Some(e) => e,
            None => {
                drafts.push(new_draft(m));
                let e = drafts.len() - 1;
                for k in ks.iter() {
                    others.entry(k.clone()).or_default().push(e);
                }
                e
            }
        };
        drafts[e].add(mi, m, text, false);
        owner[mi] = Some(e);
    }

    // Order entities by first mention; finalise kinds, forms and names.
    let mut order: Vec<usize> = (0..drafts.len())
        .filter(|&e| !drafts[e].is_empty())
        .collect();
    order.sort_by_key(|&e| drafts[e].first_position().unwrap_or(0));
    let mut new_index = vec![usize::MAX; drafts.len()];
    for (n, &e) in order.iter().enumerate() {
        new_index[e] = n;
    }
    for (mi, o) in owner.iter().enumerate() {
        if let Some(e) = o {
            mentions[mi].entity = new_index[*e];
        }
    }
    let mut entities = Vec::with_capacity(order.len());
    let mut alias: HashMap<(&str, EntityKind), bool> = HashMap::default();
    for &e in &order {
        let d = &drafts[e];
        let d_mentions: Vec<usize> = d.merged().into_iter().map(|(_, mi)| mi).collect();
        for &mi in &d_mentions {
            let m = &mut mentions[mi];
            m.kind = d.kind;
            if d.kind == EntityKind::Person {
                if m.form == MentionForm::Name {
                    m.form = if m.title.is_some() {
                        MentionForm::TitleSurname
                    } else {
                        MentionForm::Surname
                    };
                }
            } else {
                m.form = MentionForm::Name;
                m.first_name = None;
                m.surname = m.name.clone();
            }
        }
        let mut ms: Vec<&Mention> = d_mentions
            .iter()
            .map(|&i| &mentions[i])
            .filter(|m| {
                let name = &text[m.name.clone()];
                !*alias
                    .entry((name, d.kind))
                    .or_insert_with(|| variants::is_alias(name, d.kind))
            })
            .collect();
        if ms.is_empty() {
            ms = d_mentions.iter().map(|&i| &mentions[i]).collect();
        }
        let surnames = variants::collect_spellings(text, &ms, |m| Some(m.surname.clone()));
        let firsts = variants::collect_spellings(text, &ms, |m| m.first_name.clone());
        let (mut surname, _) = variants::canonical(&surnames, d.kind, language, &names);
        if surname.chars().count() > 3 && !surname.chars().any(char::is_lowercase) {
            // A dateline in capitals (`MOSCOW —`): the data file knows how it is written.
            let common = lexicon::common_names();
            let groups = match d.kind {
                EntityKind::Place => &common.places,
                EntityKind::Organisation => &common.organisations,
                EntityKind::Person => &common.people,
            };
            if let Some(g) = groups.group(&surname)
                && let Some(s) = groups.groups[g].iter().find(|s| fold(s) == fold(&surname))
            {
                surname = s.clone();
            }
        }
        let first_name =
            (!firsts.is_empty()).then(|| variants::canonical(&firsts, d.kind, language, &names).0);
        let definition = d_mentions
            .iter()
            .copied()
            .find(|&i| mentions[i].form == MentionForm::FullName)
            .unwrap_or(d_mentions[0]);
        // Middle names as the definition writes them (`Saïf al-Islam Kadhafi`).
        let def = &mentions[definition];
        let middle = match &def.first_name {
            Some(f) if f.end <= def.surname.start => text[f.end..def.surname.start].trim(),
            _ => "",
        };
        let name = match &first_name {
            Some(f) if middle.is_empty() => format!("{f} {surname}"),
            Some(f) => format!("{f} {middle} {surname}"),
            None => surname.clone(),
        };
        let role = mentions[definition]
            .role
            .clone()
            .or_else(|| d_mentions.iter().find_map(|&i| mentions[i].role.clone()));
        let gender = d_mentions
            .iter()
            .find_map(|&i| mentions[i].gender)
            .or(d.gender);
        entities.push(Entity {
            kind: d.kind,
            name,
            first_name,
            surname,
            definition,
            mentions: d_mentions,
            role,
            gender,
        });
    }
    (mentions, entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{names, segment};

    fn run(text: &str, lang: Language) -> (Vec<Mention>, Vec<Entity>) {
        let paras = segment::paragraphs(text, false);
        let ms = names::find_mentions(text, &paras, &[], lang);
        link(text, ms, lang, &HouseStyle::default())
    }

    fn entity_names(es: &[Entity]) -> Vec<&str> {
        es.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn surname_attaches_to_full_name() {
        let (ms, es) = run(
            "Evgueni Prigojine a parlé. Selon M. Prigojine, tout va bien. Prigozhin se tait.",
            Language::French,
        );
        assert_eq!(entity_names(&es), ["Evgueni Prigojine"]);
        assert_eq!(es[0].mentions.len(), 3);
        assert_eq!(es[0].definition, 0);
        assert!(ms.iter().all(|m| m.entity == 0));
    }

    #[test]
    fn family_members_stay_apart() {
        let (ms, es) = run(
            "Bill Clinton and Hillary Clinton arrived. Mr. Trump met Melania Trump and Donald Trump. Clinton spoke. Mrs. Trump smiled.",
            Language::English,
        );
        let n = entity_names(&es);
        assert!(n.contains(&"Bill Clinton") && n.contains(&"Hillary Clinton"));
        assert!(n.contains(&"Melania Trump") && n.contains(&"Donald Trump"));
        let clinton = ms.iter().find(|m| &"Bill Clinton and Hillary Clinton arrived. Mr. Trump met Melania Trump and Donald Trump. Clinton spoke. Mrs. Trump smiled."[m.span.clone()] == "Clinton").unwrap();
        assert!(clinton.ambiguous);
        let mrs = ms
            .iter()
            .find(|m| m.title.as_deref() == Some("Mrs."))
            .unwrap();
        assert_eq!(es[mrs.entity].name, "Melania Trump");
    }

    #[test]
    fn role_from_title_and_apposition() {
        let (_, es) = run(
            "Le président ukrainien Volodymyr Zelensky a parlé au porte-parole du Kremlin, Dmitri Peskov, puis à Michael Kofman, directeur des études au groupe CNA, dans un podcast.",
            Language::French,
        );
        let role = |n: &str| es.iter().find(|e| e.name == n).and_then(|e| e.role.clone());
        assert_eq!(
            role("Volodymyr Zelensky").as_deref(),
            Some("président ukrainien")
        );
        assert_eq!(
            role("Dmitri Peskov").as_deref(),
            Some("porte-parole du Kremlin")
        );
        assert_eq!(
            role("Michael Kofman").as_deref(),
            Some("directeur des études au groupe CNA")
        );
        let cna = es.iter().find(|e| e.name == "CNA").unwrap();
        assert_eq!(cna.kind, EntityKind::Organisation);
    }
}

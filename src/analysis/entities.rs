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

use std::collections::HashMap;

use super::{
    Entity, EntityKind, Evidence, Gender, HouseStyle, Language, Mention, MentionForm,
    lexicon,
    variants::{self, Part, StyleNames, fold},
};

/// An entity while it is being built.
struct Draft {
    kind: EntityKind,
    evidence: Evidence,
    /// Mention indices, sorted by position.
    mentions: Vec<usize>,
    /// Start offsets of those mentions, sorted (for recency).
    positions: Vec<usize>,
    /// Distinct surnames (or names) as written.
    surnames: Vec<String>,
    /// Distinct first names as written.
    firsts: Vec<String>,
    gender: Option<Gender>,
}

impl Draft {
    fn add(&mut self, mi: usize, m: &Mention, text: &str) {
        let at = self.positions.partition_point(|&p| p < m.span.start);
        self.positions.insert(at, m.span.start);
        self.mentions.insert(at, mi);
        let s = &text[m.surname.clone()];
        if !self.surnames.iter().any(|x| x == s) {
            self.surnames.push(s.to_string());
        }
        if let Some(f) = &m.first_name {
            let f = &text[f.clone()];
            if !self.firsts.iter().any(|x| x == f) {
                self.firsts.push(f.to_string());
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

    /// The latest mention before `pos`.
    fn last_before(&self, pos: usize) -> Option<usize> {
        let i = self.positions.partition_point(|&p| p < pos);
        (i > 0).then(|| self.positions[i - 1])
    }
}

/// Memoised name comparisons (spellings repeat a lot in one article).
struct Matcher<'a> {
    style: &'a StyleNames,
    cache: HashMap<(String, String, bool), bool>,
}

impl Matcher<'_> {
    fn word(&mut self, a: &str, b: &str, kind: EntityKind, part: Part) -> bool {
        if a == b {
            return true;
        }
        let key = (a.to_string(), b.to_string(), part == Part::FirstName);
        if let Some(&r) = self.cache.get(&key) {
            return r;
        }
        let r = self.style.equivalent(a, b) || variants::same_word(a, b, kind, part);
        self.cache.insert(key, r);
        r
    }

    /// A mention's surname (`s`) against one spelling of an entity's surname (`e`).
    fn surname(&mut self, s: &str, e: &str) -> bool {
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

    fn first(&mut self, a: &str, b: &str) -> bool {
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

fn gender_ok(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// The bucket keys of a mention's surname: those of its last word.
fn keys(s: &str) -> Vec<String> {
    let last = s.split_whitespace().last().unwrap_or(s);
    variants::spelling_keys(last)
}

/// Links mentions into entities and sets each mention's `entity`.
pub fn link(
    text: &str,
    mut mentions: Vec<Mention>,
    language: Language,
    style: &HouseStyle,
) -> (Vec<Mention>, Vec<Entity>) {
    let names = StyleNames::new(style);
    let mut matcher = Matcher {
        style: &names,
        cache: HashMap::new(),
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; mentions.len()];
    let mut people: HashMap<String, Vec<usize>> = HashMap::new();
    let mut others: HashMap<String, Vec<usize>> = HashMap::new();
    let new_draft = |m: &Mention| Draft {
        kind: m.kind,
        evidence: m.evidence,
        mentions: Vec::new(),
        positions: Vec::new(),
        surnames: Vec::new(),
        firsts: Vec::new(),
        gender: None,
    };
    let style_key = |s: &str| names.preferred(s).map(|p| format!("#style {}", fold(p)));
    let person_keys = |s: &str| {
        let mut k = keys(s);
        if let Some(g) = lexicon::common_names().people.group(s.split_whitespace().last().unwrap_or(s)) {
            k.push(format!("#group {g}"));
        }
        if let Some(p) = style_key(s) {
            k.push(p);
        }
        k
    };

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
            gender = lexicon::common_names().first_names.get(&fold(first)).copied();
        }
        let ks = person_keys(sur);
        let mut best: Option<(usize, usize)> = None;
        let mut seen = Vec::new();
        for k in &ks {
            for &e in people.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if seen.contains(&e) {
                    continue;
                }
                seen.push(e);
                let d = &drafts[e];
                if !gender_ok(gender, d.gender) {
                    continue;
                }
                let sn = d.surnames.clone();
                if !sn.iter().any(|s| matcher.surname(sur, s)) {
                    continue;
                }
                let fs = d.firsts.clone();
                if !fs.iter().all(|f| matcher.first(first, f)) {
                    continue;
                }
                let recent = d.positions.last().copied().unwrap_or(0);
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
                for k in ks {
                    people.entry(k).or_default().push(e);
                }
                e
            }
        };
        drafts[e].add(mi, m, text);
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
            let ks = person_keys(sur);
            let mut cands: Vec<usize> = Vec::new();
            for k in &ks {
                for &e in people.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                    if cands.contains(&e) || !gender_ok(m.gender, drafts[e].gender) {
                        continue;
                    }
                    let sn = drafts[e].surnames.clone();
                    if sn.iter().any(|s| matcher.surname(sur, s)) {
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
                            .min_by_key(|&e| drafts[e].positions.first().copied().unwrap_or(0))
                    })
                    .unwrap_or(cands[0]);
                mentions[mi].ambiguous = cands.len() > 1;
                mentions[mi].kind = EntityKind::Person;
                let m = &mentions[mi];
                drafts[e].add(mi, m, text);
                owner[mi] = Some(e);
                continue;
            }
            if m.kind == EntityKind::Person {
                drafts.push(new_draft(m));
                let e = drafts.len() - 1;
                for k in ks {
                    people.entry(k).or_default().push(e);
                }
                drafts[e].add(mi, m, text);
                owner[mi] = Some(e);
                continue;
            }
        }
        // Places, organisations, and unknown names.
        let name = &text[m.name.clone()];
        let mut ks = variants::spelling_keys(name);
        let common = lexicon::common_names();
        for (tag, groups) in [("place", &common.places), ("org", &common.organisations)] {
            if let Some(g) = groups.group(name) {
                ks.push(format!("#{tag} {g}"));
            }
        }
        if let Some(p) = style_key(name) {
            ks.push(p);
        }
        let mut found = None;
        'search: for k in &ks {
            for &e in others.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                let d = &drafts[e];
                let compatible = d.kind == m.kind
                    || d.evidence == Evidence::Guess
                    || m.evidence == Evidence::Guess;
                if !compatible {
                    continue;
                }
                let kind = if m.evidence >= d.evidence { m.kind } else { d.kind };
                let same = d.surnames.iter().any(|s| {
                    fold(s) == fold(name)
                        || names.equivalent(s, name)
                        || variants::same_name(s, name, kind)
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
                for k in ks {
                    others.entry(k).or_default().push(e);
                }
                e
            }
        };
        drafts[e].add(mi, m, text);
        owner[mi] = Some(e);
    }

    // Order entities by first mention; finalise kinds, forms and names.
    let mut order: Vec<usize> = (0..drafts.len()).filter(|&e| !drafts[e].mentions.is_empty()).collect();
    order.sort_by_key(|&e| drafts[e].positions[0]);
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
    for &e in &order {
        let d = &drafts[e];
        for &mi in &d.mentions {
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
        let mut ms: Vec<&Mention> = d
            .mentions
            .iter()
            .map(|&i| &mentions[i])
            .filter(|m| !variants::is_alias(&text[m.name.clone()], d.kind))
            .collect();
        if ms.is_empty() {
            ms = d.mentions.iter().map(|&i| &mentions[i]).collect();
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
        let first_name = (!firsts.is_empty())
            .then(|| variants::canonical(&firsts, d.kind, language, &names).0);
        let definition = d
            .mentions
            .iter()
            .copied()
            .find(|&i| mentions[i].form == MentionForm::FullName)
            .unwrap_or(d.mentions[0]);
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
            .or_else(|| d.mentions.iter().find_map(|&i| mentions[i].role.clone()));
        let gender = d.mentions.iter().find_map(|&i| mentions[i].gender).or(d.gender);
        entities.push(Entity {
            kind: d.kind,
            name,
            first_name,
            surname,
            definition,
            mentions: d.mentions.clone(),
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
        let mrs = ms.iter().find(|m| m.title.as_deref() == Some("Mrs.")).unwrap();
        assert_eq!(es[mrs.entity].name, "Melania Trump");
    }

    #[test]
    fn role_from_title_and_apposition() {
        let (_, es) = run(
            "Le président ukrainien Volodymyr Zelensky a parlé au porte-parole du Kremlin, Dmitri Peskov, puis à Michael Kofman, directeur des études au groupe CNA, dans un podcast.",
            Language::French,
        );
        let role = |n: &str| es.iter().find(|e| e.name == n).and_then(|e| e.role.clone());
        assert_eq!(role("Volodymyr Zelensky").as_deref(), Some("président ukrainien"));
        assert_eq!(role("Dmitri Peskov").as_deref(), Some("porte-parole du Kremlin"));
        assert_eq!(role("Michael Kofman").as_deref(), Some("directeur des études au groupe CNA"));
        let cna = es.iter().find(|e| e.name == "CNA").unwrap();
        assert_eq!(cna.kind, EntityKind::Organisation);
    }
}

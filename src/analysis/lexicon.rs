//! Per-language word lists (reporting verbs, cue phrases, titles, function words), kept as
//! data files under `lexicon/` so that a new language is a new file, not new code.
//!
//! Each language has `lexicon/<lang>/attribution.toml`, compiled into the binary with
//! `include_str!` and parsed once on first use. Words are stored lower case with the
//! typographic apostrophe folded to `'`; look them up with a word passed through
//! [`normalize`].

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::{Gender, Language};

/// The words attribution needs for one language: what a reporting cue looks like, who can be
/// a speaker, and what is never one.
#[derive(Debug, Default)]
pub struct AttributionLexicon {
    /// Every inflected form of every reporting verb (`déclaré`, `said`).
    pub verbs: HashSet<String>,
    /// Auxiliaries and glue between a subject and a compound reporting verb (`a`, `has`).
    pub auxiliaries: HashSet<String>,
    /// Subject pronouns and what they refer to.
    pub pronouns: HashMap<String, PronounKind>,
    /// `que`, `that`.
    pub complementisers: HashSet<String>,
    pub determiners: HashSet<String>,
    pub prepositions: HashSet<String>,
    /// Words that may sit between a verb and its subject (`également`, `Sunday`).
    pub adverbs: HashSet<String>,
    /// Capitalised words that are not names (sentence-initial function words, months).
    pub not_names: HashSet<String>,
    /// Courtesy titles glued to a name (`M.`, `Mrs`, `Lord`) and the gender they imply.
    pub honorifics: HashMap<String, Option<Gender>>,
    /// Role and institution nouns: a speaker made of these alone is unnamed.
    pub roles: HashSet<String>,
    /// `selon`, `according to`: the speaker follows.
    pub source_phrases: Vec<Vec<String>>,
    /// `affirmant`, `saying`: the speaker is the subject of the clause.
    pub participles: HashSet<String>,
    /// `dans un communiqué`, `in a statement`.
    pub nominal_cues: Vec<Vec<String>>,
    /// `il a été décidé`, `on estime`, `it was said`: a cue with no speaker.
    pub impersonal: Vec<Vec<String>>,
    /// `émission`, `show`: a quoted phrase right after one is a title.
    pub title_introducers: HashSet<String>,
    /// Line openings of "read also" links and teasers.
    pub read_also: Vec<Vec<String>>,
    /// Abbreviations whose period does not end a sentence (`M.`, `Dr.`, `U.S.`).
    pub abbreviations: HashSet<String>,
    /// Adjectives come after the noun (`un responsable américain`): a role phrase may go on
    /// after its head noun.
    pub adjectives_follow_nouns: bool,
}

/// What a subject pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    Masculine,
    Feminine,
    Plural,
}

impl PronounKind {
    /// Whether a person of gender `gender` (unknown: `None`) can be this pronoun's referent.
    pub fn agrees_with(self, gender: Option<Gender>) -> bool {
        match (self, gender) {
            (PronounKind::Plural, _) => false,
            (_, None) => true,
            (PronounKind::Masculine, Some(g)) => g == Gender::Masculine,
            (PronounKind::Feminine, Some(g)) => g == Gender::Feminine,
        }
    }

    pub fn gender(self) -> Option<Gender> {
        match self {
            PronounKind::Masculine => Some(Gender::Masculine),
            PronounKind::Feminine => Some(Gender::Feminine),
            PronounKind::Plural => None,
        }
    }
}

impl AttributionLexicon {
    pub fn is_verb(&self, w: &str) -> bool {
        self.verbs.contains(w)
    }
    pub fn pronoun(&self, w: &str) -> Option<PronounKind> {
        self.pronouns.get(w).copied()
    }
    pub fn honorific(&self, w: &str) -> Option<Option<Gender>> {
        self.honorifics.get(w).copied()
    }
    /// Whether `words` (normalised) start with one of `phrases`; returns the phrase length.
    pub fn starts_with_phrase<'a>(
        phrases: &[Vec<String>],
        words: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<usize> {
        phrases
            .iter()
            .filter(|p| {
                p.iter()
                    .enumerate()
                    .all(|(i, w)| words(i) == Some(w.as_str()))
            })
            .map(Vec::len)
            .max()
    }
}

/// Lower-cases `word` into `buf` and folds the typographic apostrophe to `'`.
pub fn normalize<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => buf.push('\''),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
    buf.as_str()
}

/// The attribution lexicon of `language`, parsed on first use.
pub fn attribution(language: Language) -> &'static AttributionLexicon {
    static FR: LazyLock<AttributionLexicon> =
        LazyLock::new(|| load(include_str!("lexicon/fr/attribution.toml"), "fr"));
    static EN: LazyLock<AttributionLexicon> =
        LazyLock::new(|| load(include_str!("lexicon/en/attribution.toml"), "en"));
    match language {
        Language::French => &FR,
        Language::English => &EN,
    }
}

/// Abbreviations and read-also markers of every language, for the language-blind segmenter.
pub fn all_languages() -> [&'static AttributionLexicon; 2] {
    [
        attribution(Language::French),
        attribution(Language::English),
    ]
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawFile {
    inflection: HashMap<String, Vec<String>>,
    verbs: RawVerbs,
    grammar: RawGrammar,
    speakers: RawSpeakers,
    cues: RawCues,
    titles: RawTitles,
    segments: RawSegments,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawVerbs {
    regular: Vec<String>,
    extra: Vec<String>,
    exclude: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawGrammar {
    auxiliaries: Vec<String>,
    pronouns_masculine: Vec<String>,
    pronouns_feminine: Vec<String>,
    pronouns_plural: Vec<String>,
    complementisers: Vec<String>,
    determiners: Vec<String>,
    prepositions: Vec<String>,
    adverbs: Vec<String>,
    not_names: Vec<String>,
    adjectives_follow_nouns: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSpeakers {
    honorifics: HashMap<String, String>,
    roles: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawCues {
    source_phrases: Vec<String>,
    participles: Vec<String>,
    nominal: Vec<String>,
    impersonal: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawTitles {
    introducers: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSegments {
    read_also: Vec<String>,
    abbreviations: Vec<String>,
}

fn load(source: &str, code: &str) -> AttributionLexicon {
    // The files are compiled in and covered by tests: a parse error is a build defect.
    let raw: RawFile = toml::from_str(source)
        .unwrap_or_else(|e| panic!("lexicon/{code}/attribution.toml is invalid: {e}"));
    let mut buf = String::new();
    let mut set = |words: &[String]| -> HashSet<String> {
        words
            .iter()
            .map(|w| normalize(w, &mut buf).to_owned())
            .collect()
    };
    let exclude = set(&raw.verbs.exclude);
    let mut verbs = HashSet::new();
    for lemma in &raw.verbs.regular {
        let lemma = lemma.trim_start_matches("s'").trim_start_matches("se ");
        if lemma.contains(' ') {
            continue;
        }
        verbs.insert(lemma.to_owned());
        for (ending, endings) in &raw.inflection {
            if let Some(stem) = lemma.strip_suffix(ending.as_str()) {
                for e in endings {
                    verbs.insert(format!("{stem}{e}"));
                }
            }
        }
    }
    verbs.extend(
        set(&raw.verbs.extra)
            .into_iter()
            .filter(|w| !w.contains(' ')),
    );
    verbs.retain(|w| !exclude.contains(w));

    let mut pronouns = HashMap::new();
    for (list, kind) in [
        (&raw.grammar.pronouns_masculine, PronounKind::Masculine),
        (&raw.grammar.pronouns_feminine, PronounKind::Feminine),
        (&raw.grammar.pronouns_plural, PronounKind::Plural),
    ] {
        for p in set(list) {
            pronouns.insert(p, kind);
        }
    }
    let honorifics = raw
        .speakers
        .honorifics
        .iter()
        .map(|(k, g)| {
            let gender = match g.as_str() {
                "m" => Some(Gender::Masculine),
                "f" => Some(Gender::Feminine),
                _ => None,
            };
            (normalize(k, &mut String::new()).to_owned(), gender)
        })
        .collect();
    let phrases = |list: &[String]| -> Vec<Vec<String>> {
        list.iter()
            .map(|p| {
                p.split_whitespace()
                    .map(|w| normalize(w, &mut String::new()).to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect()
    };
    AttributionLexicon {
        verbs,
        auxiliaries: set(&raw.grammar.auxiliaries),
        pronouns,
        complementisers: set(&raw.grammar.complementisers),
        determiners: set(&raw.grammar.determiners),
        prepositions: set(&raw.grammar.prepositions),
        adverbs: set(&raw.grammar.adverbs),
        not_names: set(&raw.grammar.not_names),
        honorifics,
        roles: set(&raw.speakers.roles),
        source_phrases: phrases(&raw.cues.source_phrases),
        participles: set(&raw.cues.participles),
        nominal_cues: phrases(&raw.cues.nominal),
        impersonal: phrases(&raw.cues.impersonal),
        title_introducers: set(&raw.titles.introducers),
        read_also: phrases(&raw.segments.read_also),
        abbreviations: set(&raw.segments.abbreviations),
        adjectives_follow_nouns: raw.grammar.adjectives_follow_nouns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lexicons_load_and_inflect() {
        let fr = attribution(Language::French);
        for w in [
            "déclaré",
            "déclare",
            "a",
            "ajouté",
            "estime",
            "dit",
            "affirmait",
        ] {
            assert!(fr.is_verb(w) || fr.auxiliaries.contains(w), "{w}");
        }
        assert!(!fr.is_verb("croire"));
        assert_eq!(fr.pronoun("elle"), Some(PronounKind::Feminine));
        assert_eq!(fr.honorific("mme"), Some(Some(Gender::Feminine)));
        let en = attribution(Language::English);
        for w in ["said", "says", "told", "added", "warned"] {
            assert!(en.is_verb(w), "{w}");
        }
        assert!(!en.is_verb("believed"));
        assert!(en.source_phrases.iter().any(|p| p == &["according", "to"]));
    }

    #[test]
    fn normalize_folds_case_and_apostrophes() {
        let mut b = String::new();
        assert_eq!(normalize("D’après", &mut b), "d'après");
        assert_eq!(normalize("ÉTAT", &mut b), "état");
    }
}

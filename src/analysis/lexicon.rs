//! Per-language word lists (reporting verbs, cue phrases, titles, function words), kept as
//! data files under `lexicon/` so that a new language is a new file, not new code.
//!
//! Each language has `lexicon/<lang>/attribution.toml`, compiled into the binary with
//! `include_str!` and parsed once on first use. Words are stored lower case with the
//! typographic apostrophe folded to `'`; look them up with a word passed through
//! [`normalize`].

// Word tables hash short lexicon words on every token: the Fx hash, not SipHash.
pub use rustc_hash::FxHashMap;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::{Gender, Language};

/// What a normalised word is for attribution: one lookup answers every word-class question.
pub mod word {
    pub const VERB: u32 = 1;
    pub const AUX: u32 = 1 << 1;
    pub const COMPL: u32 = 1 << 2;
    pub const DET: u32 = 1 << 3;
    pub const PREP: u32 = 1 << 4;
    pub const ADVERB: u32 = 1 << 5;
    pub const NOT_NAME: u32 = 1 << 6;
    pub const ROLE: u32 = 1 << 7;
    pub const PARTICIPLE: u32 = 1 << 8;
    pub const PRONOUN: u32 = 1 << 9;
    pub const HONORIFIC: u32 = 1 << 10;
    /// The first word of a source phrase (`selon`, `according`).
    pub const SOURCE: u32 = 1 << 11;
    /// The first word of a nominal cue (`dans`, `in`).
    pub const NOMINAL: u32 = 1 << 12;
    /// The first word of an impersonal construction (`il`, `on`, `it`).
    pub const IMPERSONAL: u32 = 1 << 13;
    /// The first word of a "read also" line opening.
    pub const READ_ALSO: u32 = 1 << 14;
    pub const TITLE_INTRO: u32 = 1 << 15;
    pub const ABBREVIATION: u32 = 1 << 16;
    /// The first word of a postnominal complement of a role (`familiar with`, `proche du`).
    pub const POSTNOMINAL: u32 = 1 << 17;
}

/// Everything the lexicon says about one normalised word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Bits of [`word`].
    pub flags: u32,
    pub pronoun: Option<PronounKind>,
    pub honorific: Option<Option<Gender>>,
}

/// The words attribution needs for one language: what a reporting cue looks like, who can be
/// a speaker, and what is never one.
#[derive(Debug, Default)]
pub struct AttributionLexicon {
    /// Every inflected form of every reporting verb (`déclaré`, `said`).
    pub verbs: HashSet<String>,
    /// Multi-word reporting verbs, inflected (`fait valoir`, `mis en garde`).
    pub verb_phrases: Vec<Vec<String>>,
    /// Auxiliaries and glue between a subject and a compound reporting verb (`a`, `has`).
    pub auxiliaries: HashSet<String>,
    /// Subject pronouns and what they refer to.
    pub pronouns: HashMap<String, PronounKind>,
    /// `que`, `that`.
    pub complementisers: HashSet<String>,
    pub determiners: HashSet<String>,
    pub prepositions: HashSet<String>,
    /// Prepositions that open a role's complement (`de`, `of`, `for`): a role phrase goes
    /// on through them; any other preposition ends it.
    pub complement_prepositions: HashSet<String>,
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
    /// Every word of the sets above, with its classes: one fast lookup per word.
    pub words: FxHashMap<String, WordInfo>,
    /// Person roles that name one person, grouped by role (masculine and feminine forms of
    /// one noun: `auteur`, `autrice`). A definite role speaker (`l’autrice`) resolves first to
    /// a person introduced with a form of the same role.
    pub role_forms: Vec<Vec<String>>,
    /// Wider groups of person roles that can name the same person (`autrice` for someone
    /// introduced as `romancière`; `the judge` for a `magistrate`).
    pub role_families: Vec<Vec<String>>,
    /// The grammatical gender a person role noun gives (`autrice` → feminine).
    pub role_genders: HashMap<String, Gender>,
    /// Phrases after a role noun that keep the phrase going (`familiar with`, `close to`).
    pub postnominal: Vec<Vec<String>>,
    /// Possessive determiners and whose they are (`her` → feminine; `son` → anyone).
    pub possessives: HashMap<String, Option<PronounKind>>,
    /// Things that carry slogans (`sign`, `banderole`, `T-shirt`): a short quote just after
    /// one is a slogan, not speech.
    pub slogan_carriers: HashSet<String>,
    /// Verbs of singing or chanting (`entonnait`, `chanted`): what they quote is a song, an
    /// anthem or a chant, not speech.
    pub performance_verbs: HashSet<String>,
    /// Articles contracted with a preposition (`du`, `au`): a short capitalised quote right
    /// after one is the name of an organisation or a thing, not speech.
    pub title_contractions: HashSet<String>,
    /// Verbs that give a name (`surnommé`, `nicknamed`): a short capitalised quote a few words
    /// after one (`ont surnommé le décor « la Baleine »`) is the name given.
    pub naming_verbs: HashSet<String>,
    /// Person roles that name an office (`président`, `minister`): a definite one (`le
    /// président`) may be a holder the article never names, so it resolves by role only,
    /// unless a person modifier (`la future maire`, `l’ancien ministre`) describes someone.
    pub office_roles: HashSet<String>,
    /// Words in a role phrase that describe a person rather than an office (`futur`,
    /// `ancienne`, `ans`, `former`): such a definite phrase may refer back to the last person.
    pub person_modifiers: HashSet<String>,
    /// Epithets for the person being talked about (`l’intéressé`): after one speaker talks
    /// about another, they name the one talked about, not the last speaker.
    pub topic_epithets: HashSet<String>,
    /// Phrases that stand for an office (`la cheffe du gouvernement` for `ministre`, `the head
    /// of state` for `president`): each phrase's words (split at spaces and apostrophes) and
    /// the role it refers back to.
    pub role_periphrases: Vec<(Vec<String>, String)>,
    /// Nouns that take up any unnamed source quoted just before (`cette source`, `the
    /// source`), whatever noun introduced it.
    pub source_nouns: HashSet<String>,
    /// Nouns that describe a person by who they are rather than by an office or a trade
    /// (`la mère de famille`, `le jeune homme`, `the widow`, `the resident`): after a definite
    /// or demonstrative article, such a noun refers back to the person being talked about.
    pub person_nouns: HashSet<String>,
    /// The agent endings that name a person plainly enough for such a noun to head a speaker
    /// phrase of its own after a determiner (`un banquier`, `une urbaniste`, `a columnist`),
    /// unlike the ambiguous ones (`-ant`, `-ent`, `-er`: `l’argument`, `the letter`).
    pub agent_head_endings: Vec<String>,
    /// Word endings that make a word a person description (`-year-old`).
    pub person_suffixes: Vec<String>,
    /// Endings of a capitalised noun that names a person by origin (`la Clermontoise`, `the
    /// Argentinian`): after a definite article, such a demonym is an epithet for a person.
    pub demonym_endings: Vec<String>,
    /// Endings of a lowercase noun that names a person by what they do (`-aire`, `-eur`,
    /// `-ist`): after a definite article, such a noun refers back to a person.
    pub agent_endings: Vec<String>,
    /// Nouns with an agent ending that are institutions, documents or things
    /// (`le secteur`, `the paper`).
    pub agent_exceptions: HashSet<String>,
    /// Noun endings that show a feminine person (`-euse`, `-trice`).
    pub feminine_endings: Vec<String>,
    /// Disjunctive pronouns after a source phrase (`selon lui`, `according to her`).
    pub disjunctive: HashMap<String, PronounKind>,
    /// Relative pronouns (`qui`, `which`): they open a clause inside a noun phrase.
    pub relatives: HashSet<String>,
    /// Subordinating conjunctions (`though`, `tandis`): a clause of its own starts there.
    pub subordinators: HashSet<String>,
    /// Prepositions that introduce an agent (`par`, `by`): `led by X` modifies a subject.
    pub agent_prepositions: HashSet<String>,
    /// Endings of past participles and gerunds (`é`, `ed`): a capitalised word with one,
    /// followed by a preposition, opens a participial phrase, not a name.
    pub participle_endings: Vec<String>,
    /// Reporting verbs whose object follows them (`told Al Jazeera`): the words after such
    /// a verb are the addressee, never an inverted subject.
    pub addressee_first: HashSet<String>,
    /// Object clitics that stand for a quote just given (`l’affirme`, `le raconte`).
    pub resumptive: HashSet<String>,
    /// First-person words (`je`, `nous`, `I`, `my`): a quote with one is someone's own words.
    pub first_person: HashSet<String>,
    /// Second-person words (`you`, `vous`): a question with one is put to someone.
    pub second_person: HashSet<String>,
    /// Object pronouns that may stand between a quote and its inverted verb (`» lui a demandé
    /// X`).
    pub object_clitics: HashSet<String>,
    /// Nouns that take up a quote just given (`La formule est signée de X`, `The line came
    /// from X`).
    pub quote_nouns: HashSet<String>,
    /// Sentence connectives that may open a sentence before its subject (`Mais il …`, `But
    /// he …`).
    pub connectives: HashSet<String>,
    /// The openings of a cleft sentence (`c’ est`, `c’ était`), read up to its `que`: `C’est
    /// là que X a croisé …` has X as its subject.
    pub cleft_openers: Vec<Vec<String>>,
    /// Words of time that make a verbless opening phrase an adverbial (`Quelques minutes plus
    /// tard,`, `Two hours later,`), not the subject in apposition.
    pub time_words: HashSet<String>,
}

/// What a subject pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    Masculine,
    Feminine,
    Plural,
    /// One person of either gender (French `son`, `sa`: the possessor's gender is unknown).
    Any,
}

impl PronounKind {
    /// Whether a person of gender `gender` (unknown: `None`) can be this pronoun's referent.
    pub fn agrees_with(self, gender: Option<Gender>) -> bool {
        match (self, gender) {
            (PronounKind::Plural, _) => false,
            (PronounKind::Any, _) | (_, None) => true,
            (PronounKind::Masculine, Some(g)) => g == Gender::Masculine,
            (PronounKind::Feminine, Some(g)) => g == Gender::Feminine,
        }
    }

    pub fn gender(self) -> Option<Gender> {
        match self {
            PronounKind::Masculine => Some(Gender::Masculine),
            PronounKind::Feminine => Some(Gender::Feminine),
            PronounKind::Plural | PronounKind::Any => None,
        }
    }
}

impl AttributionLexicon {
    /// What the lexicon knows of normalised word `w` (nothing: the default).
    #[inline]
    pub fn info(&self, w: &str) -> WordInfo {
        self.words.get(w).copied().unwrap_or_default()
    }
    /// Whether normalised word `w` has every class in `flags` (bits of [`word`]).
    #[inline]
    pub fn is(&self, w: &str, flags: u32) -> bool {
        self.info(w).flags & flags == flags
    }
    pub fn is_verb(&self, w: &str) -> bool {
        self.is(w, word::VERB)
    }
    pub fn pronoun(&self, w: &str) -> Option<PronounKind> {
        self.info(w).pronoun
    }
    pub fn honorific(&self, w: &str) -> Option<Option<Gender>> {
        self.info(w).honorific
    }
    /// Whether `w` is a person role listed in the role forms or families.
    pub fn is_person_role(&self, w: &str) -> bool {
        self.role_forms.iter().any(|f| f.iter().any(|x| x == w))
            || self.role_families.iter().any(|f| f.iter().any(|x| x == w))
    }
    /// How closely two role nouns name the same person: 0 (same role, any gender form),
    /// 1 (same family), `None` (unrelated).
    pub fn role_kinship(&self, a: &str, b: &str) -> Option<u8> {
        if a == b
            || self
                .role_forms
                .iter()
                .any(|f| f.iter().any(|x| x == a) && f.iter().any(|x| x == b))
        {
            return Some(0);
        }
        self.role_families
            .iter()
            .any(|f| f.iter().any(|x| x == a) && f.iter().any(|x| x == b))
            .then_some(1)
    }
    /// Whether `words` (normalised) start with one of `phrases`; returns the phrase length.
    pub fn starts_with_phrase<'a>(
        phrases: &[Vec<String>],
        words: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<usize> {
        // `*` stands for any one word (`il est * que`).
        phrases
            .iter()
            .filter(|p| {
                p.iter().enumerate().all(|(i, w)| match words(i) {
                    Some(x) => w == "*" || x == w,
                    None => false,
                })
            })
            .map(Vec::len)
            .max()
    }
}

/// Lower-cases `word` into `buf` and folds the typographic apostrophe to `'`.
pub fn normalize<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    normalize_into(word, buf);
    buf.as_str()
}

/// [`normalize`], appending to `out`.
#[inline]
pub fn normalize_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
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

/// Endings of `-er` verbs whose stem's last vowel takes a grave accent, or whose `l`/`t`
/// doubles (`tempérer` → `tempère`, `relever` → `relève`, `rappeler` → `rappelle`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawStemChange {
    endings: Vec<String>,
}

/// The stems a `-er` lemma's stem takes before the endings of a stem change: the last `é` or
/// `e` before one final consonant turns `è`, and before `l` or `t` the consonant may double.
fn changed_stems(stem: &str) -> Vec<String> {
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n < 3 || !chars[n - 1].is_alphabetic() || "aeiouyéèêë".contains(chars[n - 1]) {
        return Vec::new();
    }
    let vowel = chars[n - 2];
    if vowel != 'é' && vowel != 'e' {
        return Vec::new();
    }
    let head: String = chars[..n - 2].iter().collect();
    let mut out = vec![format!("{head}è{}", chars[n - 1])];
    if vowel == 'e' && matches!(chars[n - 1], 'l' | 't') {
        out.push(format!("{stem}{}", chars[n - 1]));
    }
    out
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawFile {
    inflection: HashMap<String, Vec<String>>,
    stem_change: RawStemChange,
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
    addressee_first: Vec<String>,
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
    complement_prepositions: Vec<String>,
    disjunctive_masculine: Vec<String>,
    disjunctive_feminine: Vec<String>,
    disjunctive_plural: Vec<String>,
    relatives: Vec<String>,
    subordinators: Vec<String>,
    agent_prepositions: Vec<String>,
    participle_endings: Vec<String>,
    resumptive: Vec<String>,
    first_person: Vec<String>,
    #[serde(default)]
    second_person: Vec<String>,
    #[serde(default)]
    object_clitics: Vec<String>,
    #[serde(default)]
    quote_nouns: Vec<String>,
    connectives: Vec<String>,
    #[serde(default)]
    cleft_openers: Vec<String>,
    #[serde(default)]
    time_words: Vec<String>,
    possessives_masculine: Vec<String>,
    possessives_feminine: Vec<String>,
    possessives_plural: Vec<String>,
    possessives_any: Vec<String>,
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
    role_forms: Vec<String>,
    role_families: Vec<String>,
    feminine_roles: Vec<String>,
    masculine_roles: Vec<String>,
    postnominal: Vec<String>,
    office_roles: Vec<String>,
    person_modifiers: Vec<String>,
    topic_epithets: Vec<String>,
    #[serde(default)]
    role_periphrases: Vec<String>,
    #[serde(default)]
    source_nouns: Vec<String>,
    #[serde(default)]
    person_nouns: Vec<String>,
    #[serde(default)]
    agent_head_endings: Vec<String>,
    person_suffixes: Vec<String>,
    demonym_endings: Vec<String>,
    #[serde(default)]
    agent_endings: Vec<String>,
    #[serde(default)]
    agent_exceptions: Vec<String>,
    #[serde(default)]
    feminine_endings: Vec<String>,
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
    slogan_carriers: Vec<String>,
    performance_verbs: Vec<String>,
    contractions: Vec<String>,
    naming_verbs: Vec<String>,
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
    let mut verbs = HashSet::default();
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
        if let Some(stem) = lemma.strip_suffix("er") {
            for changed in changed_stems(stem) {
                for e in &raw.stem_change.endings {
                    verbs.insert(format!("{changed}{e}"));
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

    let mut pronouns = HashMap::default();
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
    // Multi-word reporting verbs (not the reflexive ones, read as one word with `se`).
    let multi_word_verbs: Vec<String> = raw
        .verbs
        .extra
        .iter()
        .filter(|w| w.contains(' ') && !w.starts_with("se ") && !w.starts_with("s'"))
        .cloned()
        .collect();
    let verb_phrases = phrases(&multi_word_verbs);
    // Word endings, normalised like the words they are compared with.
    let endings = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|w| normalize(w, &mut String::new()).to_owned())
            .collect()
    };
    // `"auteur autrice"`: one group per string, words separated by spaces.
    let groups = |list: &[String]| -> Vec<Vec<String>> {
        list.iter()
            .map(|g| {
                g.split_whitespace()
                    .map(|w| normalize(w, &mut String::new()).to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|g| !g.is_empty())
            .collect()
    };
    let mut role_genders = HashMap::default();
    for (list, g) in [
        (&raw.speakers.feminine_roles, Gender::Feminine),
        (&raw.speakers.masculine_roles, Gender::Masculine),
    ] {
        for w in list {
            role_genders.insert(normalize(w, &mut String::new()).to_owned(), g);
        }
    }
    let mut possessives = HashMap::default();
    for (list, kind) in [
        (
            &raw.grammar.possessives_masculine,
            Some(PronounKind::Masculine),
        ),
        (
            &raw.grammar.possessives_feminine,
            Some(PronounKind::Feminine),
        ),
        (&raw.grammar.possessives_plural, Some(PronounKind::Plural)),
        (&raw.grammar.possessives_any, None),
    ] {
        for w in list {
            possessives.insert(normalize(w, &mut String::new()).to_owned(), kind);
        }
    }
    // Lemmas of the regular classes get their inflections, like reporting verbs.
    let mut performance_verbs = HashSet::default();
    for w in &raw.titles.performance_verbs {
        let w = normalize(w, &mut String::new()).to_owned();
        for (ending, endings) in &raw.inflection {
            if let Some(stem) = w.strip_suffix(ending.as_str()) {
                for e in endings {
                    performance_verbs.insert(format!("{stem}{e}"));
                }
            }
        }
        performance_verbs.insert(w);
    }
    let mut disjunctive = HashMap::default();
    for (list, kind) in [
        (&raw.grammar.disjunctive_masculine, PronounKind::Masculine),
        (&raw.grammar.disjunctive_feminine, PronounKind::Feminine),
        (&raw.grammar.disjunctive_plural, PronounKind::Plural),
    ] {
        for w in list {
            disjunctive.insert(normalize(w, &mut String::new()).to_owned(), kind);
        }
    }
    let mut lex = AttributionLexicon {
        role_forms: groups(&raw.speakers.role_forms),
        role_families: groups(&raw.speakers.role_families),
        role_genders,
        postnominal: phrases(&raw.speakers.postnominal),
        possessives,
        slogan_carriers: set(&raw.titles.slogan_carriers),
        performance_verbs,
        title_contractions: set(&raw.titles.contractions),
        naming_verbs: set(&raw.titles.naming_verbs),
        office_roles: set(&raw.speakers.office_roles),
        person_modifiers: set(&raw.speakers.person_modifiers),
        topic_epithets: set(&raw.speakers.topic_epithets),
        source_nouns: set(&raw.speakers.source_nouns),
        person_nouns: set(&raw.speakers.person_nouns),
        role_periphrases: raw
            .speakers
            .role_periphrases
            .iter()
            .filter_map(|p| {
                let (phrase, role) = p.split_once('=')?;
                let words = phrase
                    .split(|c: char| c.is_whitespace() || c == '\'' || c == '\u{2019}')
                    .filter(|w| !w.is_empty())
                    .map(|w| normalize(w, &mut String::new()).to_owned())
                    .collect();
                Some((words, role.trim().to_owned()))
            })
            .collect(),
        person_suffixes: endings(&raw.speakers.person_suffixes),
        demonym_endings: endings(&raw.speakers.demonym_endings),
        agent_endings: endings(&raw.speakers.agent_endings),
        agent_head_endings: endings(&raw.speakers.agent_head_endings),
        agent_exceptions: set(&raw.speakers.agent_exceptions),
        feminine_endings: endings(&raw.speakers.feminine_endings),
        disjunctive,
        relatives: set(&raw.grammar.relatives),
        subordinators: set(&raw.grammar.subordinators),
        agent_prepositions: set(&raw.grammar.agent_prepositions),
        participle_endings: raw.grammar.participle_endings.clone(),
        addressee_first: set(&raw.verbs.addressee_first),
        resumptive: set(&raw.grammar.resumptive),
        first_person: set(&raw.grammar.first_person),
        second_person: set(&raw.grammar.second_person),
        object_clitics: set(&raw.grammar.object_clitics),
        quote_nouns: set(&raw.grammar.quote_nouns),
        connectives: set(&raw.grammar.connectives),
        time_words: set(&raw.grammar.time_words),
        cleft_openers: raw
            .grammar
            .cleft_openers
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .map(|w| normalize(w, &mut String::new()).to_owned())
                    .collect()
            })
            .collect(),
        verbs,
        verb_phrases,
        auxiliaries: set(&raw.grammar.auxiliaries),
        pronouns,
        complementisers: set(&raw.grammar.complementisers),
        determiners: set(&raw.grammar.determiners),
        prepositions: set(&raw.grammar.prepositions),
        complement_prepositions: set(&raw.grammar.complement_prepositions),
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
        words: FxHashMap::default(),
    };
    lex.words = word_table(&lex);
    lex
}

/// The merged word table of a lexicon: each word of each set, with its classes.
fn word_table(lex: &AttributionLexicon) -> FxHashMap<String, WordInfo> {
    let mut words: FxHashMap<String, WordInfo> = FxHashMap::default();
    let mut add = |w: &str, flag: u32| words.entry(w.to_owned()).or_default().flags |= flag;
    for (set, flag) in [
        (&lex.verbs, word::VERB),
        (&lex.auxiliaries, word::AUX),
        (&lex.complementisers, word::COMPL),
        (&lex.determiners, word::DET),
        (&lex.prepositions, word::PREP),
        (&lex.adverbs, word::ADVERB),
        (&lex.not_names, word::NOT_NAME),
        (&lex.roles, word::ROLE),
        (&lex.participles, word::PARTICIPLE),
        (&lex.title_introducers, word::TITLE_INTRO),
        (&lex.abbreviations, word::ABBREVIATION),
    ] {
        for w in set {
            add(w, flag);
        }
    }
    for (phrases, flag) in [
        (&lex.source_phrases, word::SOURCE),
        (&lex.nominal_cues, word::NOMINAL),
        (&lex.impersonal, word::IMPERSONAL),
        (&lex.read_also, word::READ_ALSO),
        (&lex.postnominal, word::POSTNOMINAL),
    ] {
        for p in phrases {
            add(&p[0], flag);
        }
    }
    for w in lex.pronouns.keys() {
        add(w, word::PRONOUN);
    }
    for w in lex.honorifics.keys() {
        add(w, word::HONORIFIC);
    }
    for (w, k) in &lex.pronouns {
        words.get_mut(w.as_str()).expect("added").pronoun = Some(*k);
    }
    for (w, g) in &lex.honorifics {
        words.get_mut(w.as_str()).expect("added").honorific = Some(*g);
    }
    words
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

// ---------------------------------------------------------------------------------------------
// Names: titles, function words, first names, places and organisations (`names.toml` files).
// ---------------------------------------------------------------------------------------------

pub use names_data::{CommonNames, NamesLexicon, SpellingGroups, common_names, names};

mod names_data {
    use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
    use std::sync::LazyLock;

    use serde::Deserialize;

    use crate::analysis::{Gender, Language, variants::fold};

    /// One language's words for finding and typing mentions (`lexicon/<lang>/names.toml`).
    /// Every key is folded with [`fold`] (lowercase, no diacritics, straight apostrophes).
    #[derive(Debug, Default)]
    pub struct NamesLexicon {
        /// Capitalised at a sentence start, never a name there.
        pub function_words: HashSet<String>,
        /// Never a mention (capitalised common nouns, `I`), months and days.
        pub never: HashSet<String>,
        /// Nationality words, masculine singular (`russe`, `ukrainian`).
        pub demonyms: HashSet<String>,
        /// Honorifics and capitalised titles right before a name, by their words.
        pub titles: HashMap<String, Option<Gender>>,
        /// Longest title, in words.
        pub title_max_words: usize,
        /// Role nouns before a name or heading an apposition.
        pub roles: HashMap<String, Option<Gender>>,
        pub role_max_words: usize,
        /// Determiners before a role noun, with the gender they give.
        pub determiners: HashMap<String, Option<Gender>>,
        /// Words before a role noun that belong to the role (`ancien`, `former`, `defence`).
        pub role_modifiers: HashSet<String>,
        /// Relationship nouns (`père`, `wife`): a role, never a title.
        pub relations: HashSet<String>,
        pub org_prefixes: HashSet<String>,
        pub org_heads: HashSet<String>,
        pub org_words: HashSet<String>,
        pub place_cues: HashSet<String>,
        pub work_cues: HashSet<String>,
        /// Reporting verbs after a name, as folded word sequences.
        pub person_verbs: Vec<Vec<String>>,
    }

    #[derive(Deserialize)]
    struct RawLexicon {
        function_words: Vec<String>,
        never: Vec<String>,
        months: Vec<String>,
        days: Vec<String>,
        demonyms: Vec<String>,
        titles: HashMap<String, String>,
        roles: HashMap<String, String>,
        determiners: HashMap<String, String>,
        role_modifiers: Vec<String>,
        relations: Vec<String>,
        org_prefixes: Vec<String>,
        org_heads: Vec<String>,
        org_words: Vec<String>,
        place_cues: Vec<String>,
        work_cues: Vec<String>,
        person_verbs: Vec<String>,
    }

    fn gender(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::Masculine),
            "f" => Some(Gender::Feminine),
            _ => None,
        }
    }

    fn set(words: &[String]) -> HashSet<String> {
        words.iter().map(|w| fold(w)).collect()
    }

    fn gendered(map: &HashMap<String, String>) -> (HashMap<String, Option<Gender>>, usize) {
        let mut max = 1;
        let out = map
            .iter()
            .map(|(k, v)| {
                let k = fold(k);
                max = max.max(k.split_whitespace().count());
                (k, gender(v))
            })
            .collect();
        (out, max)
    }

    fn load(source: &str, file: &str) -> NamesLexicon {
        let raw: RawLexicon = match toml::from_str(source) {
            Ok(raw) => raw,
            Err(e) => panic!("lexicon {file} is malformed: {e}"),
        };
        let mut never = set(&raw.never);
        never.extend(set(&raw.months));
        never.extend(set(&raw.days));
        let (titles, title_max_words) = gendered(&raw.titles);
        let (roles, role_max_words) = gendered(&raw.roles);
        let (determiners, _) = gendered(&raw.determiners);
        NamesLexicon {
            function_words: set(&raw.function_words),
            never,
            demonyms: set(&raw.demonyms),
            titles,
            title_max_words,
            roles,
            role_max_words,
            determiners,
            role_modifiers: set(&raw.role_modifiers),
            relations: set(&raw.relations),
            org_prefixes: set(&raw.org_prefixes),
            org_heads: set(&raw.org_heads),
            org_words: set(&raw.org_words),
            place_cues: set(&raw.place_cues),
            work_cues: set(&raw.work_cues),
            person_verbs: raw
                .person_verbs
                .iter()
                .map(|v| fold(v).split_whitespace().map(str::to_string).collect())
                .collect(),
        }
    }

    static FR: LazyLock<NamesLexicon> =
        LazyLock::new(|| load(include_str!("lexicon/fr/names.toml"), "fr/names.toml"));
    static EN: LazyLock<NamesLexicon> =
        LazyLock::new(|| load(include_str!("lexicon/en/names.toml"), "en/names.toml"));

    /// The name words of one language.
    pub fn names(language: Language) -> &'static NamesLexicon {
        match language {
            Language::French => &FR,
            Language::English => &EN,
        }
    }

    /// Groups of spellings that name one thing, "French|English|others".
    #[derive(Debug, Default)]
    pub struct SpellingGroups {
        /// Each group's spellings as written; `[0]` is French, `[1]` English.
        pub groups: Vec<Vec<String>>,
        /// Folded spelling → group index.
        pub index: HashMap<String, usize>,
        /// Longest spelling, in words.
        pub max_words: usize,
        /// Folded aliases (written after `;`): abbreviations and synonyms that name the same
        /// thing but are not spellings of its name (`USA` for `États-Unis`).
        pub aliases: HashSet<String>,
    }

    impl SpellingGroups {
        fn new(entries: &[String]) -> Self {
            let mut out = SpellingGroups::default();
            for entry in entries {
                let (names, aliases) = entry.split_once(';').unwrap_or((entry, ""));
                let spellings: Vec<String> = names
                    .split('|')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                let g = out.groups.len();
                let aliases: Vec<&str> = aliases
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                for s in spellings
                    .iter()
                    .map(String::as_str)
                    .chain(aliases.iter().copied())
                {
                    let f = fold(s);
                    out.max_words = out.max_words.max(f.split_whitespace().count());
                    out.index.entry(f).or_insert(g);
                }
                for a in aliases {
                    out.aliases.insert(fold(a));
                }
                out.groups.push(spellings);
            }
            out
        }

        /// The group a spelling belongs to.
        pub fn group(&self, spelling: &str) -> Option<usize> {
            self.index.get(&fold(spelling)).copied()
        }

        /// An abbreviation or synonym of a group's name, not a spelling of it.
        pub fn is_alias(&self, spelling: &str) -> bool {
            !self.aliases.is_empty() && self.aliases.contains(&fold(spelling))
        }

        /// The group's spelling in `language`'s convention.
        pub fn preferred(&self, group: usize, language: Language) -> &str {
            let g = &self.groups[group];
            match language {
                Language::French => &g[0],
                Language::English => g.get(1).unwrap_or(&g[0]),
            }
        }
    }

    /// Language-independent name data (`lexicon/names.toml`).
    #[derive(Debug, Default)]
    pub struct CommonNames {
        /// Lowercase words allowed between the capitalised words of a name.
        pub particles: HashSet<String>,
        /// Prefixes hyphenated to a name (`al-Assad`).
        pub hyphen_prefixes: HashSet<String>,
        /// Folded first name → gender.
        pub first_names: HashMap<String, Gender>,
        pub places: SpellingGroups,
        pub organisations: SpellingGroups,
        /// Names of people (surnames and first names) spelled differently by convention.
        pub people: SpellingGroups,
    }

    impl CommonNames {
        /// The gender of a folded first name; a compound first name not in the list takes
        /// the gender of its first part (`anne-sophie` → `anne`, `karl-heinz` → `karl`).
        pub fn first_name_gender(&self, folded: &str) -> Option<Gender> {
            if let Some(g) = self.first_names.get(folded) {
                return Some(*g);
            }
            let (head, tail) = folded.split_once('-')?;
            if tail.is_empty() || self.hyphen_prefixes.contains(head) {
                return None;
            }
            self.first_names.get(head).copied()
        }
    }

    #[derive(Deserialize)]
    struct RawCommon {
        particles: Vec<String>,
        hyphen_prefixes: Vec<String>,
        first_names: RawFirstNames,
        places: RawGroups,
        organisations: RawGroups,
        people: RawGroups,
    }

    #[derive(Deserialize)]
    struct RawFirstNames {
        male: Vec<String>,
        female: Vec<String>,
    }

    #[derive(Deserialize)]
    struct RawGroups {
        groups: Vec<String>,
    }

    static COMMON: LazyLock<CommonNames> = LazyLock::new(|| {
        let raw: RawCommon = match toml::from_str(include_str!("lexicon/names.toml")) {
            Ok(raw) => raw,
            Err(e) => panic!("lexicon names.toml is malformed: {e}"),
        };
        let mut first_names = HashMap::default();
        for n in &raw.first_names.female {
            first_names.insert(fold(n), Gender::Feminine);
        }
        for n in &raw.first_names.male {
            first_names.insert(fold(n), Gender::Masculine);
        }
        CommonNames {
            particles: set(&raw.particles),
            hyphen_prefixes: set(&raw.hyphen_prefixes),
            first_names,
            places: SpellingGroups::new(&raw.places.groups),
            organisations: SpellingGroups::new(&raw.organisations.groups),
            people: SpellingGroups::new(&raw.people.groups),
        }
    });

    /// The language-independent name data.
    pub fn common_names() -> &'static CommonNames {
        &COMMON
    }
}

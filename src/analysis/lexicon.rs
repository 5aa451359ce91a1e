//! Per-language word lists (reporting verbs, cue phrases, titles, function words), kept as
//! data files under `lexicon/` so that a new language is a new file, not new code.

// ---------------------------------------------------------------------------------------------
// Names: titles, function words, first names, places and organisations (`names.toml` files).
// ---------------------------------------------------------------------------------------------

pub use names_data::{CommonNames, NamesLexicon, SpellingGroups, common_names, names};

mod names_data {
    use std::collections::{HashMap, HashSet};
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
        /// Each group's spellings as written; [0] is French, [1] English.
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
                let aliases: Vec<&str> =
                    aliases.split('|').map(str::trim).filter(|s| !s.is_empty()).collect();
                for s in spellings.iter().map(String::as_str).chain(aliases.iter().copied()) {
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
        let mut first_names = HashMap::new();
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

//! Which language an article is written in: French or English.

/// A language copydesk has lexicons for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    French,
    English,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Language> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "french" | "français" | "francais" => Some(Language::French),
            "en" | "english" | "anglais" => Some(Language::English),
            _ => None,
        }
    }
}

/// Guesses the language from frequent function words.
pub fn detect(text: &str) -> Language {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "une", "est", "que", "qui", "dans", "pour", "avec", "sur", "du",
        "au", "pas", "il", "elle", "a", "et", "en",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "is", "that", "was", "for", "with", "on", "he", "she", "said",
        "it", "in", "his", "her", "by", "from", "has",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        let w = word.to_lowercase();
        if FR.contains(&w.as_str()) {
            fr += 1;
        }
        if EN.contains(&w.as_str()) {
            en += 1;
        }
    }
    if en > fr {
        Language::English
    } else {
        Language::French
    }
}

//! Which language an article is written in: French or English, and which language a
//! paragraph is written in when it says enough to tell.

use std::sync::LazyLock;

use super::lexicon::FxHashMap;

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

/// Function words [`detect`] counts. Each is 1 to [`MAX_LISTED`] ASCII letters (checked
/// when compiled): [`detect`] compares ASCII words in a small buffer.
const FR: &[&str] = &[
    "le", "la", "les", "des", "une", "est", "que", "qui", "dans", "pour", "avec", "sur", "du",
    "au", "pas", "il", "elle", "a", "et", "en",
];
const EN: &[&str] = &[
    "the", "of", "and", "to", "is", "that", "was", "for", "with", "on", "he", "she", "said", "it",
    "in", "his", "her", "by", "from", "has",
];
const MAX_LISTED: usize = 4;

const fn longest(words: &[&str]) -> usize {
    let mut i = 0;
    let mut max = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        let mut j = 0;
        while j < w.len() {
            assert!(w[j].is_ascii_lowercase());
            j += 1;
        }
        if w.len() > max {
            max = w.len();
        }
        i += 1;
    }
    max
}
const _: () = assert!(longest(FR) <= MAX_LISTED && longest(EN) <= MAX_LISTED);

/// Guesses the language from frequent function words.
pub fn detect(text: &str) -> Language {
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        if word.is_ascii() {
            // A longer ASCII word is none of the listed ones.
            if word.len() <= MAX_LISTED {
                let mut buf = [0u8; MAX_LISTED];
                let w = &mut buf[..word.len()];
                w.copy_from_slice(word.as_bytes());
                w.make_ascii_lowercase();
                fr += usize::from(FR.iter().any(|x| x.as_bytes() == w));
                en += usize::from(EN.iter().any(|x| x.as_bytes() == w));
            }
            continue;
        }
        // Not ASCII: a few letters lowercase to ASCII ones (K, the Kelvin sign, to k).
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

/// Words that mark French prose (function words, elided articles, common reporting verbs).
/// Words shared with English (`a`, `on`, `en`, `in`, `s`, `t`) are left out of both lists.
const FRENCH_MARKERS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "au",
    "aux",
    "un",
    "une",
    "est",
    "sont",
    "ont",
    "été",
    "que",
    "qui",
    "qu",
    "dans",
    "pour",
    "avec",
    "sur",
    "par",
    "pas",
    "ne",
    "il",
    "elle",
    "ils",
    "elles",
    "nous",
    "vous",
    "je",
    "et",
    "ou",
    "mais",
    "ce",
    "cette",
    "ces",
    "nos",
    "notre",
    "leur",
    "leurs",
    "son",
    "sa",
    "ses",
    "très",
    "plus",
    "à",
    "l",
    "d",
    "n",
    "c",
    "j",
    "selon",
    "déclaré",
    "affirmé",
    "ajouté",
    "estimé",
    "expliqué",
    "indiqué",
    "souligné",
    "précisé",
    "dit",
    "estime",
    "explique",
    "ajoute",
    "affirme",
];

/// Words that mark English prose.
const ENGLISH_MARKERS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "that",
    "this",
    "these",
    "for",
    "with",
    "from",
    "by",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "it",
    "his",
    "her",
    "their",
    "our",
    "has",
    "have",
    "had",
    "will",
    "would",
    "not",
    "but",
    "an",
    "said",
    "says",
    "told",
    "added",
    "according",
];

/// How many French and English marker words the first [`MAX_VOTING_WORDS`] words of `text`
/// hold. Bounded: a paragraph of any length costs at most that many words.
pub fn votes(text: &str) -> (usize, usize) {
    let (mut fr, mut en) = (0usize, 0usize);
    let mut buf = [0u8; 16];
    let bytes = text.as_bytes();
    let mut words = 0usize;
    let mut i = 0usize;
    while i < bytes.len() && words < MAX_VOTING_WORDS {
        // The next word: a run of letters (ASCII fast path).
        let b = bytes[i];
        let letter_len = |i: usize| -> usize {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                1
            } else if b.is_ascii() {
                0
            } else {
                let c = text[i..].chars().next().expect("on a char boundary");
                if c.is_alphabetic() { c.len_utf8() } else { 0 }
            }
        };
        let n = if b.is_ascii_alphabetic() {
            1
        } else {
            letter_len(i)
        };
        if n == 0 {
            i += if b.is_ascii() {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        }
        let start = i;
        i += n;
        while i < bytes.len() {
            let n = letter_len(i);
            if n == 0 {
                break;
            }
            i += n;
        }
        words += 1;
        let word = &text[start..i];
        // The markers are at most 8 letters (16 bytes with accents).
        if word.len() > buf.len() {
            continue;
        }
        let w = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            word
        } else {
            let mut n = 0;
            let mut fits = true;
            for c in word.chars().flat_map(char::to_lowercase) {
                if n + c.len_utf8() > buf.len() {
                    fits = false;
                    break;
                }
                n += c.encode_utf8(&mut buf[n..]).len();
            }
            if !fits {
                continue;
            }
            match std::str::from_utf8(&buf[..n]) {
                Ok(w) => w,
                Err(_) => continue,
            }
        };
        match markers().get(w) {
            Some(Language::French) => fr += 1,
            Some(Language::English) => en += 1,
            None => {}
        }
    }
    (fr, en)
}

/// Every marker word and its language, for one lookup per word.
fn markers() -> &'static FxHashMap<&'static str, Language> {
    static MARKERS: LazyLock<FxHashMap<&'static str, Language>> = LazyLock::new(|| {
        let mut m = FxHashMap::default();
        for w in ENGLISH_MARKERS {
            m.insert(*w, Language::English);
        }
        for w in FRENCH_MARKERS {
            m.insert(*w, Language::French);
        }
        m
    });
    &MARKERS
}

/// Words read by [`votes`] (and so by [`detect_paragraph`]).
pub const MAX_VOTING_WORDS: usize = 40;
/// Marker words a paragraph needs before its language is told.
const MIN_PARAGRAPH_VOTES: usize = 3;

/// The language of one paragraph, when it says enough to tell: at least three marker words,
/// and at least twice as many (plus one) as the other language has. `None` when the paragraph
/// is too short or too mixed.
pub fn detect_paragraph(text: &str) -> Option<Language> {
    decide(votes(text))
}

/// [`detect_paragraph`] from the votes.
pub fn decide((fr, en): (usize, usize)) -> Option<Language> {
    if fr >= MIN_PARAGRAPH_VOTES && fr > 2 * en {
        Some(Language::French)
    } else if en >= MIN_PARAGRAPH_VOTES && en > 2 * fr {
        Some(Language::English)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `detect` as first written: every word lowercased, then looked up.
    fn detect_by_lowercasing(text: &str) -> (usize, usize) {
        let (mut fr, mut en) = (0, 0);
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(5000)
        {
            let w = word.to_lowercase();
            fr += usize::from(FR.contains(&w.as_str()));
            en += usize::from(EN.contains(&w.as_str()));
        }
        (fr, en)
    }

    #[test]
    fn detect_counts_as_lowercasing_every_word_does() {
        let words = [
            "Le", "LA", "the", "THE", "The", "Said", "SAID", "élu", "Élysée", "À", "a", "A", "It",
            "\u{212A}", "İl", "iT", "Dans", "dans", "withe", "From", "hAs", "ſhe", "Ünd", "x",
        ];
        let seps = [" ", ", ", "’", "« ", "\n", "-", "1"];
        let mut seed = 7u64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(seed % 60) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(words[(seed >> 33) as usize % words.len()]);
                text.push_str(seps[(seed >> 20) as usize % seps.len()]);
            }
            let (fr, en) = detect_by_lowercasing(&text);
            let expected = if en > fr {
                Language::English
            } else {
                Language::French
            };
            assert_eq!(detect(&text), expected, "{text}");
        }
    }

    #[test]
    fn paragraphs_tell_their_language_when_long_enough() {
        assert_eq!(
            detect_paragraph(
                "« Nous ne laisserons pas tomber nos partenaires », a déclaré M. Dupont."
            ),
            Some(Language::French)
        );
        assert_eq!(
            detect_paragraph("“We will not abandon our partners,” Mr. Smith told reporters."),
            Some(Language::English)
        );
        assert_eq!(detect_paragraph("Kyiv, 12 mars."), None);
        assert_eq!(detect_paragraph("« Oui », a-t-il dit."), None);
        assert_eq!(
            detect_paragraph("LE GOUVERNEMENT EST DANS L’IMPASSE"),
            Some(Language::French)
        );
        // Mixed: an English sentence quoting a French slogan.
        assert_eq!(
            detect_paragraph("The crowd chanted « on ne lâche rien » as the police moved in."),
            None
        );
    }
}

//! Mentions: the capitalised words that name people, places and organisations.
//!
//! [`find_mentions`] reads each paragraph as a stream of word and punctuation tokens, cut into
//! sentences, and finds **runs** of capitalised words, joined by particles when the run is a
//! person's name (`Charles de Gaulle`, `Mohammed bin Salman`), by hyphens and apostrophes
//! inside a word (`Rostov-on-Don`, `O’Brien`). Around each run it reads:
//! - a **title** right before it (`M.`, `Lord`, `President`, `Secretary of State`, or a role
//!   noun such as `le président ukrainien`): kept apart from the name, giving gender and role;
//! - a **role** in apposition (`Michael Kofman, directeur des études …,` and
//!   `le porte-parole du Kremlin, Dmitri Peskov`);
//! - **kind** cues: the gazetteer and known organisations and people (`lexicon/names.toml`),
//!   `groupe`/`ministère de`, acronyms, place nouns (`ville de`), first names, reporting verbs.
//!
//! What is not a mention: function words at a sentence start (`Le`, `The`, `Cependant`), month
//! and day names, nationality words, capitalised common nouns (`État`), a capitalised word at a
//! sentence start that never occurs mid-sentence and is not followed by another capitalised
//! word, the title of a work after `émission`/`show` (`Meet the Press`), and in a title-case
//! headline any word the rest of the article does not confirm. Mentions inside quotes are
//! mentions like any other.
//!
//! Words are slices of the text; lexicon lookups fold only capitalised words and their
//! neighbours, so the pass stays linear.
//!
//! A paragraph's mentions depend on its own tokens and on little else: whether a word is one of
//! the article's mid-sentence capitals (or a close spelling of one), and whether the tokens
//! just outside the paragraph are capitalised. [`find_mentions_reusing`] keeps each paragraph's
//! reading with those answers ([`TokenCache`]) and reads it again only when one changed.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::cell::RefCell;

use unicode_normalization::char::is_combining_mark;

use super::reuse::ByText;

use super::{
    EntityKind, Evidence, Gender, Language, Mention, MentionForm, Quote, Span,
    lexicon::{self, CommonNames, NamesLexicon},
    segment::Paragraph,
    variants::{self, fold},
};

/// One token of a paragraph: a word or one punctuation character.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
    /// Starts with a capital letter (or is `al-Assad`-like).
    cap: bool,
    /// Ends with an abbreviation dot (`M.`, `Dr.`, `W.`).
    abbrev: bool,
    /// First word of a sentence, or right after an opening quote mark or a colon.
    soft_start: bool,
    /// The punctuation character (`'\0'` for words).
    ch: char,
}

/// A sentence: a range of tokens.
#[derive(Debug, Clone, Copy)]
struct Sentence {
    start: usize,
    end: usize,
    title_case: bool,
}

const ELISIONS: &[&str] = &[
    "l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

const OPENING_QUOTES: &[char] = &['«', '“', '„', '‹', '‚', '"', '»'];

fn is_connector(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '’' | '\'')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Cuts one paragraph into tokens.
fn tokenize(text: &str, span: Span, common: &CommonNames, lex: &NamesLexicon, out: &mut Vec<Tok>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let base = span.start;
    let bytes = s.as_bytes();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if is_connector(d)
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    iter.next();
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            }
            push_word(s, base, i, end, common, lex, bytes, &mut iter, out);
        } else if c.is_whitespace() || is_combining_mark(c) || c.is_control() {
            continue;
        } else {
            out.push(Tok {
                start: base + i,
                end: base + i + c.len_utf8(),
                word: false,
                cap: false,
                abbrev: false,
                soft_start: false,
                ch: c,
            });
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn push_word(
    s: &str,
    base: usize,
    start: usize,
    mut end: usize,
    common: &CommonNames,
    lex: &NamesLexicon,
    bytes: &[u8],
    iter: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    out: &mut Vec<Tok>,
) {
    let mut start = start;
    // Elision: l’Ukraine → l’ + Ukraine (lowercase prefix only; O’Brien stays whole).
    if let Some(pos) = s[start..end].find(['’', '\'']) {
        let prefix = &s[start..start + pos];
        if ELISIONS.contains(&prefix.to_lowercase().as_str()) {
            let apos_len = s[start + pos..].chars().next().map_or(1, char::len_utf8);
            let cut = start + pos + apos_len;
            out.push(word_tok(s, base, start, cut, common));
            start = cut;
        }
    }
    // Possessive: Prigozhin’s → Prigozhin + ’s.
    let w = &s[start..end];
    for suffix in ["’s", "'s"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            let cut = end - suffix.len();
            out.push(word_tok(s, base, start, cut, common));
            out.push(word_tok(s, base, cut, end, common));
            return;
        }
    }
    // Abbreviation dot: M., Dr., W., St.
    let mut abbrev = false;
    if bytes.get(end) == Some(&b'.') {
        let w = &s[start..end];
        let single_cap = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        let known = w.len() <= 5 && {
            let mut f = fold(w);
            f.push('.');
            lex.titles.contains_key(&f) || ABBREVIATIONS.contains(&f.as_str())
        };
        if single_cap || known {
            end += 1;
            abbrev = true;
            iter.next();
        }
    }
    let mut t = word_tok(s, base, start, end, common);
    t.abbrev = abbrev;
    out.push(t);
}

/// Lowercase words a title-case headline keeps lowercase.
const SMALL_WORDS: &[&str] = &[
    "with", "from", "into", "over", "upon", "that", "than", "after", "about", "under", "amid",
    "pour", "dans", "avec", "sans", "sous", "vers", "chez", "entre", "contre", "selon",
];

const ABBREVIATIONS: &[&str] = &[
    "st.", "gen.", "col.", "lt.", "sen.", "rep.", "gov.", "mr.", "mrs.", "ms.", "dr.", "prof.",
    "mgr.", "jr.", "sr.", "capt.", "adm.", "sgt.", "rev.", "pr.",
];

fn word_tok(s: &str, base: usize, start: usize, end: usize, common: &CommonNames) -> Tok {
    let w = &s[start..end];
    let first = w.chars().next().unwrap_or(' ');
    let mut cap = first.is_uppercase();
    if !cap && let Some(h) = w.find('-') {
        // al-Assad, el-Sissi, bin-Laden
        let after = w[h + 1..].chars().next();
        cap = after.is_some_and(char::is_uppercase)
            && common.hyphen_prefixes.contains(&w[..h].to_lowercase());
    }
    Tok {
        start: base + start,
        end: base + end,
        word: true,
        cap,
        abbrev: false,
        soft_start: false,
        ch: '\0',
    }
}

/// Splits tokens into sentences and marks soft starts.
fn sentences(text: &str, toks: &mut [Tok], from: usize, out: &mut Vec<Sentence>) {
    let mut start = from;
    let mut expect_start = true;
    // The next word token after each token (one backward pass, so the forward scan below
    // stays linear on runs of punctuation).
    let mut next_word = vec![usize::MAX; toks.len() - from];
    let mut after = usize::MAX;
    for i in (from..toks.len()).rev() {
        next_word[i - from] = after;
        if toks[i].word {
            after = i;
        }
    }
    for i in from..toks.len() {
        let t = toks[i];
        if t.word {
            if expect_start {
                toks[i].soft_start = true;
                expect_start = false;
            }
            continue;
        }
        match t.ch {
            '.' | '!' | '?' | '…' => {
                let next_word = toks.get(next_word[i - from]);
                let ends = next_word.is_none_or(|n| {
                    text[n.start..]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_lowercase())
                });
                if ends {
                    out.push(Sentence {
                        start,
                        end: i + 1,
                        title_case: false,
                    });
                    start = i + 1;
                    expect_start = true;
                }
            }
            ':' => expect_start = true,
            // An opening mark is followed by a word without a space.
            c if OPENING_QUOTES.contains(&c)
                && toks.get(i + 1).is_some_and(|n| n.word && n.start == t.end) =>
            {
                expect_start = true;
            }
            _ => {}
        }
    }
    if start < toks.len() {
        out.push(Sentence {
            start,
            end: toks.len(),
            title_case: false,
        });
    }
}

/// The lexicons a search needs, with the article's mid-sentence capitalised words.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lex: &'static NamesLexicon,
    common: &'static CommonNames,
    /// The article's capitalised words seen mid-sentence (outside title-case lines).
    mid: &'a HashSet<&'a str>,
    /// Those words (five letters or more) by spelling key, to recognise a variant spelling at
    /// a sentence start (`Blinkin later said…` after `Antony Blinken`).
    mid_keys: &'a HashMap<String, Vec<&'a str>>,
    /// Every token folded, one space apart (see [`Ctx::phrase`]); `fspans[i]` is token `i`'s.
    folded: &'a str,
    fspans: &'a [(usize, usize)],
    /// Per token: a capitalised word that may be part of a name in its sentence.
    names: Vec<bool>,
    /// [`Ctx::close_to_mid`] answers by spelling, for the whole article.
    close_memo: &'a RefCell<HashMap<Box<str>, bool>>,
    /// What was asked of `mid` and `mid_keys` (word, close variant, answer): the reading of
    /// this paragraph stands as long as every answer does.
    asked: RefCell<Vec<(&'a str, bool, bool)>>,
    /// The token before the first one (in an earlier paragraph) is a capitalised first name.
    before_first: bool,
    /// The token after the last one (in a later paragraph) is a capitalised word.
    after_last: bool,
}

impl<'a> Ctx<'a> {
    fn s(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// The folded token ([`fold`] of its text), computed once per token.
    fn f(&self, i: usize) -> &'a str {
        let (a, b) = self.fspans[i];
        &self.folded[a..b]
    }

    /// The folded words of `toks[i..i+n]`, space-separated: a slice of the folded tokens,
    /// which are stored one space apart.
    fn phrase(&self, i: usize, n: usize) -> Option<&'a str> {
        if n == 0 || i + n > self.toks.len() {
            return None;
        }
        if !self.toks[i..i + n].iter().all(|t| t.word) {
            return None;
        }
        Some(&self.folded[self.fspans[i].0..self.fspans[i + n - 1].1])
    }

    /// A variant spelling of a word seen mid-sentence (memoised per spelling).
    fn close_to_mid(&self, w: &'a str) -> bool {
        let r = close_to_memo(w, self.mid_keys, self.close_memo);
        self.asked.borrow_mut().push((w, true, r));
        r
    }

    /// Whether `w` is one of the article's mid-sentence capitals (the question is kept).
    fn in_mid(&self, w: &'a str) -> bool {
        let r = self.mid.contains(w);
        self.asked.borrow_mut().push((w, false, r));
        r
    }

    fn known(&self, f: &str) -> bool {
        self.common.places.index.contains_key(f)
            || self.common.organisations.index.contains_key(f)
            || self.common.people.index.contains_key(f)
            || self.common.first_names.contains_key(f)
    }

    fn known_place_or_org(&self, f: &str) -> bool {
        self.common.places.index.contains_key(f) || self.common.organisations.index.contains_key(f)
    }

    fn is_first_name(&self, i: usize) -> bool {
        self.common.first_name_gender(self.f(i)).is_some()
    }

    fn is_demonym(&self, f: &str) -> bool {
        let d = &self.lex.demonyms;
        if d.contains(f) {
            return true;
        }
        for suffix in ["s", "es", "e", "nes", "ne", "ns"] {
            if let Some(stem) = f.strip_suffix(suffix)
                && d.contains(stem)
            {
                return true;
            }
        }
        false
    }

    /// A capitalised word that may be part of a name here (computed once per token).
    fn name_word(&self, i: usize) -> bool {
        self.names.get(i).copied().unwrap_or(false)
    }

    fn compute_name_word(&self, i: usize, title_case: bool) -> bool {
        let t = self.toks[i];
        if !t.word || !t.cap {
            return false;
        }
        let w = self.s(i);
        // (`L’` cut from `L’ONG` at a sentence start is an article, not a name.)
        if !w.chars().next().is_some_and(char::is_alphabetic) || w.ends_with(['’', '\'']) {
            return false;
        }
        let f = self.f(i);
        let bare = f.trim_end_matches('.');
        // A title word after a first name and before no name is a surname (`Antoine Cheikh,`).
        let after_first_name = if i > 0 {
            self.toks[i - 1].word
                && self.toks[i - 1].cap
                && self.common.first_name_gender(self.f(i - 1)).is_some()
        } else {
            self.before_first
        };
        let before_capital = match self.toks.get(i + 1) {
            Some(n) => n.word && n.cap,
            None => self.after_last,
        };
        let surname_after_first_name = after_first_name && !before_capital;
        if self.lex.never.contains(f)
            || self.lex.never.contains(bare)
            || self.is_demonym(f)
            || (self.lex.titles.contains_key(f) && !t.abbrev && !surname_after_first_name)
            || self.lex.roles.contains_key(f)
        {
            return false;
        }
        if title_case {
            return self.in_mid(w) || self.known(f) || t.abbrev;
        }
        if t.soft_start && self.lex.function_words.contains(f) {
            return false;
        }
        true
    }

    fn is_particle(&self, i: usize) -> bool {
        let t = self.toks[i];
        t.word && !t.cap && self.common.particles.contains(self.f(i))
    }

    /// The longest title starting at `i` (capitalised demonyms may precede it:
    /// `Ukrainian President`): (tokens, gender).
    fn title_at(&self, i: usize, end: usize) -> Option<(usize, Option<Gender>)> {
        let mut k = i;
        while k < end && k < i + 2 && self.toks[k].word && self.toks[k].cap {
            if self.is_demonym(self.f(k)) {
                k += 1;
            } else {
                break;
            }
        }
        if !self.toks.get(k).is_some_and(|t| t.word && t.cap) {
            return None;
        }
        for n in (1..=self.lex.title_max_words).rev() {
            if k + n > end {
                continue;
            }
            let Some(p) = self.phrase(k, n) else { continue };
            // A title must be written capitalised (`President Obama`, not `president`).
            if let Some(g) = self.lex.titles.get(p) {
                return Some((k + n - i, *g));
            }
        }
        None
    }

    /// A role noun (one or two words) ending at token `k`: (start token, gender).
    fn role_ending_at(&self, k: usize, lo: usize) -> Option<(usize, Option<Gender>)> {
        for n in (1..=self.lex.role_max_words).rev() {
            if k + 1 < n || k + 1 - n < lo {
                continue;
            }
            let r = k + 1 - n;
            if let Some(p) = self.phrase(r, n)
                && let Some(g) = self.lex.roles.get(p)
            {
                return Some((r, *g));
            }
        }
        None
    }

    fn is_preposition_or_article(&self, k: usize) -> bool {
        matches!(
            self.f(k),
            "de" | "du"
                | "des"
                | "d'"
                | "le"
                | "la"
                | "les"
                | "l'"
                | "au"
                | "aux"
                | "a"
                | "à"
                | "en"
                | "par"
                | "pour"
                | "sur"
                | "avec"
                | "of"
                | "the"
                | "at"
                | "for"
                | "in"
                | "on"
                | "by"
                | "to"
                | "an"
                | "with"
                | "from"
        )
    }

    /// Words before a name that make it a person's role or title:
    /// `le président ukrainien`, `le porte-parole du Kremlin,`, `Kremlin spokesman`.
    fn role_before(&self, name: usize, lo: usize) -> Option<RoleBefore> {
        if name == lo {
            return None;
        }
        let mut k = name - 1;
        let apposition = !self.toks[k].word && self.toks[k].ch == ',';
        if apposition {
            if k == lo {
                return None;
            }
            k -= 1;
        }
        if !self.toks[k].word || self.is_preposition_or_article(k) {
            return None;
        }
        let floor = k.saturating_sub(6).max(lo);
        let mut r = k;
        loop {
            if !self.toks[r].word {
                return None;
            }
            // Right before the name, only adjectives and `de`-complements
            // (`le président ukrainien X`, not `chercheuse au centre X`).
            if !apposition
                && r < k
                && matches!(
                    self.f(r + 1),
                    "au" | "aux"
                        | "a"
                        | "à"
                        | "at"
                        | "in"
                        | "for"
                        | "with"
                        | "chez"
                        | "pour"
                        | "par"
                        | "sur"
                        | "dans"
                        | "en"
                        | "of"
                        | "from"
                        | "to"
                        | "by"
                        | "on"
                )
            {
                return None;
            }
            if let Some((start, gender)) = self.role_ending_at(r, floor) {
                let mut start = start;
                // Qualifiers: `Kremlin spokesman`, `former defence minister`, `ancien chef`.
                let mut ext = 0;
                while ext < 2 && start > lo && self.toks[start - 1].word {
                    let f = self.f(start - 1);
                    let cap_qualifier = self.toks[start - 1].cap
                        && !self.lex.function_words.contains(f)
                        && !self.lex.titles.contains_key(f);
                    if cap_qualifier || self.lex.role_modifiers.contains(f) {
                        start -= 1;
                        ext += 1;
                    } else {
                        break;
                    }
                }
                let (det, det_gender, has_det) = self.determiner_before(start, lo);
                if apposition && !has_det {
                    return None;
                }
                let relation = (start..=r).any(|x| self.lex.relations.contains(self.f(x)));
                return Some(RoleBefore {
                    det,
                    role: start,
                    last: k,
                    apposition: apposition || relation,
                    gender: gender.or(det_gender),
                });
            }
            if r == floor {
                return None;
            }
            r -= 1;
        }
    }

    /// A determiner right before token `i`: (its first token if it belongs in a title, gender,
    /// whether there is one).
    fn determiner_before(&self, i: usize, lo: usize) -> (Option<usize>, Option<Gender>, bool) {
        if i == lo {
            return (None, None, false);
        }
        for n in [2usize, 1] {
            if i < lo + n {
                continue;
            }
            if let Some(p) = self.phrase(i - n, n)
                && let Some(g) = self.lex.determiners.get(p)
            {
                let in_title = matches!(p, "le" | "la" | "l'" | "the");
                return (in_title.then_some(i - n), *g, true);
            }
        }
        (None, None, false)
    }

    /// `X, directeur des études sur la Russie au groupe CNA,`: the role phrase after a name.
    fn role_after(&self, last: usize, hi: usize) -> Option<(usize, usize)> {
        let comma = last + 1;
        if comma >= hi || self.toks[comma].word || self.toks[comma].ch != ',' {
            return None;
        }
        let start = comma + 1;
        let mut end = start;
        while end < hi && self.toks[end].word && end - start < 20 {
            end += 1;
        }
        if end == start || (end < hi && self.toks[end].word) {
            return None;
        }
        // The phrase ends a clause, and names nobody else.
        if end < hi
            && !matches!(
                self.toks[end].ch,
                ',' | '.' | ';' | ')' | '—' | '–' | '!' | '?' | ':'
            )
        {
            return None;
        }
        if (start..end).any(|k| self.toks[k].cap && self.is_first_name(k)) {
            return None;
        }
        let window = (start + 3).min(end);
        let found = (start..window).any(|k| self.role_ending_at(k, start).is_some());
        if !found {
            return None;
        }
        let mut s = start;
        if self.lex.determiners.contains_key(self.f(s)) && s + 1 < end {
            s += 1;
        }
        Some((s, end - 1))
    }

    fn person_verb_after(&self, last: usize, hi: usize) -> bool {
        self.lex.person_verbs.iter().any(|v| {
            v.iter().enumerate().all(|(n, w)| {
                last + 1 + n < hi && self.toks[last + 1 + n].word && self.f(last + 1 + n) == *w
            })
        })
    }
}

struct RoleBefore {
    /// Determiner that belongs to the title (`le`, `la`, `the`).
    det: Option<usize>,
    role: usize,
    /// Last token of the role phrase.
    last: usize,
    /// A comma separates the role from the name (`le porte-parole du Kremlin, Dmitri Peskov`).
    apposition: bool,
    gender: Option<Gender>,
}

/// Finds the mentions of people, places and organisations, in text order.
/// `entity` is left at 0; [`super::entities::link`] sets it.
pub fn find_mentions(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &[Quote],
    language: Language,
) -> Vec<Mention> {
    find_mentions_reusing(text, paragraphs, quotes, language, None)
}

/// One paragraph read for names from its text alone: its tokens and sentences (title-case
/// lines marked), every token folded, and its mid-sentence capitalised words. Offsets are
/// relative to the paragraph's start, sentence bounds to its first token.
#[derive(Debug)]
pub struct ParagraphTokens {
    toks: Vec<Tok>,
    sents: Vec<Sentence>,
    /// Every token folded, one space apart; `fspans[i]` is token `i`'s.
    folded: String,
    fspans: Vec<(usize, usize)>,
    /// The tokens that are capitalised words seen mid-sentence (outside title-case lines).
    mid: Vec<usize>,
}

/// Reads one paragraph's text (see [`ParagraphTokens`]).
fn read_paragraph(s: &str, common: &CommonNames, lex: &NamesLexicon) -> ParagraphTokens {
    read_spans(s, std::iter::once(0..s.len()), common, lex)
}

/// Reads the paragraphs at `spans` of `text` as one (offsets into `text`): each paragraph's
/// tokens and sentences are its own, title-case lines, folded tokens and mid-sentence capitals
/// are those of all of them.
fn read_spans(
    s: &str,
    spans: impl Iterator<Item = Span>,
    common: &CommonNames,
    lex: &NamesLexicon,
) -> ParagraphTokens {
    let mut toks = Vec::new();
    let mut sents = Vec::new();
    for span in spans {
        let from = toks.len();
        tokenize(s, span, common, lex, &mut toks);
        sentences(s, &mut toks, from, &mut sents);
    }
    // Title-case lines (headlines): every longer word capitalised.
    for x in &mut sents {
        let mut caps = 0;
        let mut lower_long = false;
        for t in &toks[x.start..x.end] {
            if !t.word {
                continue;
            }
            let w = &s[t.start..t.end];
            if t.cap {
                caps += 1;
            } else if w.chars().count() >= 4 && !SMALL_WORDS.contains(&w) {
                lower_long = true;
                break;
            }
        }
        x.title_case = caps >= 3 && !lower_long;
    }
    let mut mid = Vec::new();
    for x in sents.iter().filter(|x| !x.title_case) {
        for (i, t) in toks.iter().enumerate().take(x.end).skip(x.start) {
            if t.word && t.cap && !t.soft_start {
                mid.push(i);
            }
        }
    }
    // Every token folded once, one space apart, so that a phrase of words is a slice.
    let mut folded = String::with_capacity(s.len() / 2);
    let mut fspans = Vec::with_capacity(toks.len());
    for t in &toks {
        let a = folded.len();
        for c in s[t.start..t.end].chars() {
            variants::push_folded(c, &mut folded);
        }
        fspans.push((a, folded.len()));
        folded.push(' ');
    }
    ParagraphTokens {
        toks,
        sents,
        folded,
        fspans,
        mid,
    }
}

/// One paragraph's mentions (offsets relative to its start) and what of the rest of the
/// article they were read with: the answers about the article's mid-sentence capitals, and
/// the tokens at either side of the paragraph. Reused when every answer is still the same.
#[derive(Debug)]
pub struct ParagraphNames {
    mentions: Vec<Mention>,
    /// (word, asked whether it is a close variant of a mid-sentence capital rather than one,
    /// answer).
    asked: Vec<(Box<str>, bool, bool)>,
    before_first: bool,
    after_last: bool,
}

/// What the names pass keeps from one analysis of a document to the next (see
/// [`find_mentions_reusing`]): each paragraph's tokens by its text, each paragraph's mentions
/// by its text and what they were read with, the spelling keys of mid-sentence capitals. All
/// depend on the language's lexicon too.
#[derive(Debug, Default)]
pub struct TokenCache {
    language: Option<Language>,
    pub paragraphs: ByText<std::sync::Arc<ParagraphTokens>>,
    /// A few readings per paragraph text (the same text may stand in several places).
    pub mentions: ByText<Vec<ParagraphNames>>,
    keys: ByText<Vec<String>>,
}

/// Readings kept per paragraph text (a repeated paragraph read in different surroundings).
const MAX_READINGS: usize = 4;

/// [`close_to`], remembered by spelling for the whole article.
fn close_to_memo(
    w: &str,
    mid_keys: &HashMap<String, Vec<&str>>,
    memo: &RefCell<HashMap<Box<str>, bool>>,
) -> bool {
    let known = memo.borrow().get(w).copied();
    known.unwrap_or_else(|| {
        let r = close_to(w, mid_keys);
        memo.borrow_mut().insert(w.into(), r);
        r
    })
}

/// Whether `w` is a variant spelling (five letters or more) of a mid-sentence capital.
fn close_to(w: &str, mid_keys: &HashMap<String, Vec<&str>>) -> bool {
    w.chars().count() >= 5
        && variants::spelling_keys(w).iter().any(|k| {
            mid_keys.get(k).is_some_and(|ws| {
                ws.iter()
                    .any(|m| variants::same_word(w, m, EntityKind::Person, variants::Part::Surname))
            })
        })
}

/// [`find_mentions`], reading each paragraph apart: its tokens (from its text alone) and its
/// mentions (from its tokens, the article's mid-sentence capitals it asks about, and whether
/// the tokens next to it are capitalised) are taken from `cache` when a paragraph of the same
/// text was read before and everything it asked has the same answer. What is summed over the
/// article is only the set of mid-sentence capitals, from each paragraph's own list.
pub fn find_mentions_reusing(
    text: &str,
    paragraphs: &[Paragraph],
    _quotes: &[Quote],
    language: Language,
    cache: Option<&mut TokenCache>,
) -> Vec<Mention> {
    let lex = lexicon::names(language);
    let common = lexicon::common_names();
    let Some(cache) = cache else {
        // Nothing to keep: the article is read as one, the same reading without the
        // per-paragraph bookkeeping (no neighbour of a paragraph's tokens is hidden from it).
        let whole = read_spans(text, paragraphs.iter().map(|p| p.span.clone()), common, lex);
        let mid: HashSet<&str> = whole
            .mid
            .iter()
            .map(|&i| &text[whole.toks[i].start..whole.toks[i].end])
            .collect();
        let mut mid_keys: HashMap<String, Vec<&str>> = HashMap::default();
        for &w in &mid {
            if w.chars().count() >= 5 && !w.chars().all(char::is_uppercase) {
                for k in variants::spelling_keys(w) {
                    mid_keys.entry(k).or_default().push(w);
                }
            }
        }
        let memo = RefCell::new(HashMap::default());
        return read_names(
            text, &whole, lex, common, &mid, &mid_keys, &memo, false, false,
        )
        .mentions;
    };
    if cache.language != Some(language) {
        cache.paragraphs.clear();
        cache.mentions.clear();
        cache.keys.clear();
        cache.language = Some(language);
    }
    cache.paragraphs.start();
    cache.mentions.start();
    cache.keys.start();
    let reads: Vec<std::sync::Arc<ParagraphTokens>> = paragraphs
        .iter()
        .map(|p| {
            let s = &text[p.span.clone()];
            cache
                .paragraphs
                .get_or(s, || std::sync::Arc::new(read_paragraph(s, common, lex)))
                .clone()
        })
        .collect();
    let mut mid: HashSet<&str> = HashSet::default();
    for (p, r) in paragraphs.iter().zip(&reads) {
        let base = p.span.start;
        for &i in &r.mid {
            mid.insert(&text[base + r.toks[i].start..base + r.toks[i].end]);
        }
    }
    let mut mid_keys: HashMap<String, Vec<&str>> = HashMap::default();
    for &w in &mid {
        if w.chars().count() >= 5 && !w.chars().all(char::is_uppercase) {
            for k in cache.keys.get_or(w, || variants::spelling_keys(w)) {
                mid_keys.entry(k.clone()).or_default().push(w);
            }
        }
    }
    // The tokens on either side of each paragraph (the last token of the previous paragraph
    // that has tokens, the first of the next): a name word reads its neighbours.
    let n = reads.len();
    let mut before_first = vec![false; n];
    let mut last = false;
    for (pi, r) in reads.iter().enumerate() {
        before_first[pi] = last;
        if let Some(t) = r.toks.last() {
            let f = &r.folded[r.fspans[r.toks.len() - 1].0..r.fspans[r.toks.len() - 1].1];
            last = t.word && t.cap && common.first_name_gender(f).is_some();
        }
    }
    let mut after_last = vec![false; n];
    let mut next = false;
    for (pi, r) in reads.iter().enumerate().rev() {
        after_last[pi] = next;
        if let Some(t) = r.toks.first() {
            next = t.word && t.cap;
        }
    }
    let memo = RefCell::new(HashMap::default());
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let s = &text[p.span.clone()];
        let (bf, al) = (before_first[pi], after_last[pi]);
        let fits = |kept: &ParagraphNames| {
            kept.before_first == bf
                && kept.after_last == al
                && kept.asked.iter().all(|(w, close, answer)| {
                    let now = if *close {
                        close_to_memo(w, &mid_keys, &memo)
                    } else {
                        mid.contains(&**w)
                    };
                    now == *answer
                })
        };
        let read = &reads[pi];
        let base = p.span.start;
        let shift = |m: Mention| Mention {
            span: m.span.start + base..m.span.end + base,
            name: m.name.start + base..m.name.end + base,
            first_name: m.first_name.as_ref().map(|f| f.start + base..f.end + base),
            surname: m.surname.start + base..m.surname.end + base,
            ..m
        };
        let (slot, reused, computed) = cache.mentions.slot(s);
        let kept = match slot.iter().position(fits) {
            Some(k) => {
                *reused += 1;
                k
            }
            None => {
                *computed += 1;
                if slot.len() >= MAX_READINGS {
                    slot.remove(0);
                }
                slot.push(read_names(
                    s, read, lex, common, &mid, &mid_keys, &memo, bf, al,
                ));
                slot.len() - 1
            }
        };
        out.extend(slot[kept].mentions.iter().cloned().map(shift));
    }
    out
}

/// The mentions of one paragraph (text `s`, read as `read`), with what they asked.
#[allow(clippy::too_many_arguments)]
fn read_names<'a>(
    s: &'a str,
    read: &'a ParagraphTokens,
    lex: &'static NamesLexicon,
    common: &'static CommonNames,
    mid: &'a HashSet<&'a str>,
    mid_keys: &'a HashMap<String, Vec<&'a str>>,
    close_memo: &'a RefCell<HashMap<Box<str>, bool>>,
    before_first: bool,
    after_last: bool,
) -> ParagraphNames {
    let mut ctx = Ctx {
        text: s,
        toks: &read.toks,
        lex,
        common,
        mid,
        mid_keys,
        folded: &read.folded,
        fspans: &read.fspans,
        names: Vec::new(),
        close_memo,
        asked: RefCell::new(Vec::new()),
        before_first,
        after_last,
    };
    let mut names = vec![false; read.toks.len()];
    for x in &read.sents {
        for (i, n) in names.iter_mut().enumerate().take(x.end).skip(x.start) {
            *n = ctx.compute_name_word(i, x.title_case);
        }
    }
    ctx.names = names;
    let mut mentions = Vec::new();
    for x in &read.sents {
        scan_sentence(&ctx, *x, &mut mentions);
    }
    let asked = ctx
        .asked
        .into_inner()
        .into_iter()
        .map(|(w, close, answer)| (Box::from(w), close, answer))
        .collect();
    ParagraphNames {
        mentions,
        asked,
        before_first,
        after_last,
    }
}

fn scan_sentence(ctx: &Ctx<'_>, s: Sentence, out: &mut Vec<Mention>) {
    let toks = ctx.toks;
    let (lo, hi) = (s.start, s.end);
    let mut title: Option<(usize, usize, Option<Gender>)> = None;
    let mut i = lo;
    while i < hi {
        let t = toks[i];
        if !t.word {
            title = None;
            i += 1;
            continue;
        }
        // The title of a work: `l’émission Meet the Press`.
        if !t.cap && ctx.lex.work_cues.contains(ctx.f(i)) && i + 1 < hi && toks[i + 1].cap {
            let mut j = i + 1;
            while j < hi
                && toks[j].word
                && (toks[j].cap || matches!(ctx.f(j), "the" | "of" | "a" | "and" | "in" | "on"))
            {
                j += 1;
            }
            i = j;
            title = None;
            continue;
        }
        if t.cap
            && let Some((n, gender)) = ctx.title_at(i, hi)
            && i + n < hi
            && ctx.name_word(i + n)
        {
            // `la Dr Fournier`, `le Pr Martin`: an article before a neutral title says
            // the gender.
            let gender = gender.or_else(|| ctx.determiner_before(i, lo).1);
            title = Some((i, i + n, gender));
            i += n;
            continue;
        }
        if !ctx.name_word(i) {
            title = None;
            i += 1;
            continue;
        }
        let (words, next) = build_run(ctx, i, hi, title.is_some());
        let t_here = title.filter(|&(_, e, _)| e == i);
        title = None;
        i = next;
        emit_runs(ctx, &words, t_here, lo, hi, out);
    }
}

/// The tokens of a run of capitalised words starting at `i` (particles included), and the
/// token after it.
fn build_run(ctx: &Ctx<'_>, i: usize, hi: usize, titled: bool) -> (Vec<usize>, usize) {
    let toks = ctx.toks;
    let mut words = vec![i];
    let mut j = i + 1;
    while j < hi && words.len() < 8 {
        if ctx.name_word(j) {
            words.push(j);
            j += 1;
            continue;
        }
        // Particles inside a name: `Charles de Gaulle`, `Ursula von der Leyen`.
        let mut k = j;
        while k < hi && k < j + 2 && ctx.is_particle(k) {
            k += 1;
        }
        let org_connector = k == j && {
            let last = ctx.f(*words.last().unwrap_or(&i));
            ctx.lex.org_words.contains(last) && matches!(ctx.f(j), "of" | "de" | "du" | "des")
        };
        if org_connector {
            k = j + 1;
            if k < hi && toks[k].word && matches!(ctx.f(k), "the" | "la") {
                k += 1;
            }
        }
        if k > j && k < hi && ctx.name_word(k) {
            let person = titled || ctx.is_first_name(words[0]);
            let right_known = ctx.known_place_or_org(ctx.f(k));
            if org_connector || (person && !right_known) {
                words.extend(j..=k);
                j = k + 1;
                continue;
            }
        }
        break;
    }
    (words, j)
}

/// Turns a run into mentions: splits it where it holds several names, applies the
/// sentence-start rule, and reads title, role and kind cues.
fn emit_runs(
    ctx: &Ctx<'_>,
    words: &[usize],
    title: Option<(usize, usize, Option<Gender>)>,
    lo: usize,
    hi: usize,
    out: &mut Vec<Mention>,
) {
    // Split before a first name that follows a non-first-name (`Défense Sébastien Lecornu`).
    let mut parts: Vec<&[usize]> = Vec::new();
    let mut from = 0;
    for n in 1..words.len() {
        let (prev, cur) = (words[n - 1], words[n]);
        if ctx.toks[prev].cap
            && ctx.toks[cur].cap
            && ctx.is_first_name(cur)
            && !ctx.is_first_name(prev)
            && !ctx.toks[prev].abbrev
            && (ctx.known_place_or_org(ctx.f(prev))
                || n - from == 1 && from == 0 && title.is_none() && ctx.toks[prev].soft_start
                // `le député de la Drôme Yannick Brossard`: one capitalised word after a
                // preposition or article is the role's complement, a first name and a
                // surname after it are the person.
                || n == 1
                    && words.len() >= 3
                    && title.is_none()
                    && prev > lo
                    && (ctx.is_preposition_or_article(prev - 1)
                        // `auprès de 20 Minutes Raphaël Tessandier`: a name opened by a number.
                        || ctx.s(prev - 1).chars().all(|c| c.is_ascii_digit()))
                    && !matches!(ctx.f(prev), "saint" | "sainte" | "san" | "santa" | "st"))
        {
            parts.push(&words[from..n]);
            from = n;
        } else if n - from == 1
            && words.len() - n >= 2
            && is_acronym(ctx.s(prev))
            && !ctx.lex.org_prefixes.contains(ctx.f(prev))
            && (ctx.is_first_name(cur)
                || words[n..]
                    .iter()
                    .all(|&w| !is_acronym(ctx.s(w)) && !ctx.lex.org_words.contains(ctx.f(w))))
        {
            // `a déclaré à l’AFP Julio Ramírez`: an acronym before a first name and a surname
            // names an organisation, not the first word of a person's name.
            parts.push(&words[from..n]);
            from = n;
        }
    }
    parts.push(&words[from..]);
    for (n, part) in parts.iter().enumerate() {
        let title = if n == 0 { title } else { None };
        emit(ctx, part, title, lo, hi, out);
    }
}

/// An all-capitals word of two letters or more (`AFP`, `CNRS`), which names an organisation.
fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_uppercase() || c == '-' || c == '.')
}

fn emit(
    ctx: &Ctx<'_>,
    words: &[usize],
    title: Option<(usize, usize, Option<Gender>)>,
    lo: usize,
    hi: usize,
    out: &mut Vec<Mention>,
) {
    let toks = ctx.toks;
    let Some((&w0, &wn)) = words.first().zip(words.last()) else {
        return;
    };
    let first_text = ctx.s(w0);
    let first_fold = ctx.f(w0);
    // Sentence-start rule.
    if toks[w0].soft_start
        && words.len() == 1
        && title.is_none()
        && !ctx.in_mid(first_text)
        && !ctx.known(first_fold)
        && !ctx.close_to_mid(first_text)
    {
        return;
    }
    // Hyphenated pair of known names: `Ukraine-Russie`.
    if words.len() == 1 && first_text.contains('-') && !ctx.known(first_fold) {
        let pieces: Vec<&str> = first_text.split('-').collect();
        if pieces.len() >= 2
            && pieces
                .iter()
                .all(|p| p.chars().next().is_some_and(char::is_uppercase))
            && pieces.iter().any(|p| ctx.known_place_or_org(&fold(p)))
        {
            let mut at = toks[w0].start;
            for p in pieces {
                let span = at..at + p.len();
                at += p.len() + 1;
                let f = fold(p);
                let kind = if ctx.common.places.index.contains_key(&f) {
                    EntityKind::Place
                } else {
                    EntityKind::Organisation
                };
                let evidence = if ctx.known_place_or_org(&f) {
                    Evidence::Known
                } else {
                    Evidence::Guess
                };
                out.push(plain(span, kind, evidence));
            }
            return;
        }
    }
    let mut words = words;
    let mut org_cue = false;
    // `Groupe Wagner`, `Wagner Group`: the organisation's noun is not its name.
    if words.len() >= 2 && ctx.lex.org_prefixes.contains(first_fold) {
        words = &words[1..];
        org_cue = true;
    }
    if words.len() >= 2
        && let Some(&last) = words.last()
        && ctx.lex.org_prefixes.contains(ctx.f(last))
    {
        words = &words[..words.len() - 1];
        org_cue = true;
    }
    let wn = *words.last().unwrap_or(&wn);
    let w0 = words[0];
    let name_span = toks[w0].start..toks[wn].end;
    let name_text = &ctx.text[name_span.clone()];
    let name_fold: Cow<'_, str> = if w0 == wn {
        Cow::Borrowed(ctx.f(w0))
    } else {
        Cow::Owned(fold(name_text))
    };
    // Cues before the name.
    let before = |n: usize| -> Vec<&str> {
        (1..=n)
            .filter_map(|d| w0.checked_sub(d))
            .filter(|&k| k >= lo)
            .take_while(|&k| toks[k].word)
            .map(|k| ctx.f(k))
            .collect()
    };
    let prev = before(3);
    // (`central bank Governor Hisham Abdel-Fattah`: words before a title or role qualify the
    // title, not the name.)
    // (`l’équipe d’Élodie Marchand-Kouassi`: a first name makes it a person's team.)
    if !(words.len() >= 2 && ctx.is_first_name(w0))
        && prev
            .iter()
            .take_while(|p| !ctx.lex.titles.contains_key(**p) && !ctx.lex.roles.contains_key(**p))
            .any(|p| ctx.lex.org_prefixes.contains(*p))
    {
        org_cue = true;
    }
    // `Santa Rosa`, `San Isidro`, `São Paulo`: a saint's name opening a run names a place.
    let saint_first = words.len() >= 2
        && matches!(
            first_fold,
            "san" | "santa" | "santo" | "sao" | "são" | "saint" | "sainte" | "st" | "st."
        );
    let place_cue = saint_first || prev.iter().take(2).any(|p| ctx.lex.place_cues.contains(*p));
    // `ministère de la Défense`: the head belongs to the organisation's name.
    let mut span_start = name_span.start;
    let mut org_head = false;
    {
        let mut k = w0;
        let mut connectors = 0;
        while k > lo
            && connectors < 2
            && toks[k - 1].word
            && matches!(
                ctx.f(k - 1),
                "de" | "du" | "des" | "la" | "d'" | "of" | "the"
            )
        {
            k -= 1;
            connectors += 1;
        }
        if connectors > 0 && k > lo && toks[k - 1].word && ctx.lex.org_heads.contains(ctx.f(k - 1))
        {
            span_start = toks[k - 1].start;
            org_head = true;
        }
    }
    // A company's legal or trade acronym after its name (`Amsellem BTP`, `Renault SA`); not a
    // regnal number (`Jean-Paul II`).
    let acronym_tail = words.len() >= 2 && {
        let last = ctx.s(*words.last().unwrap_or(&w0));
        let letters = last.chars().filter(|c| c.is_alphabetic()).count();
        (2..=5).contains(&letters)
            && !last.chars().any(char::is_lowercase)
            && !last
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
    };
    let org_word = acronym_tail
        || words.len() >= 2 && words.iter().any(|&k| ctx.lex.org_words.contains(ctx.f(k)));
    let acronym = words.len() == 1 && {
        let letters = name_text.chars().filter(|c| c.is_alphabetic()).count();
        (2..=6).contains(&letters) && !name_text.chars().any(char::is_lowercase)
    };
    // Title and role.
    let mut gender = None;
    let mut title_text = None;
    let mut role = None;
    let mut mention_start = span_start;
    if let Some((ts, _, g)) = title {
        gender = g;
        mention_start = toks[ts].start;
        let tt = &ctx.text[toks[ts].start..toks[title.map_or(ts, |t| t.1) - 1].end];
        title_text = Some(tt.to_string());
        // A capitalised title that is a role (`President`, `Secretary of State`) is one.
        let f = fold(tt);
        if !matches!(
            f.as_str(),
            "m." | "mme"
                | "mr"
                | "mr."
                | "mrs"
                | "mrs."
                | "ms"
                | "ms."
                | "mlle"
                | "monsieur"
                | "madame"
                | "lord"
                | "lady"
                | "sir"
                | "dame"
                | "dr"
                | "dr."
        ) {
            role = Some(tt.to_string());
        }
    }
    let known_place = ctx.common.places.index.contains_key(name_fold.as_ref());
    let known_org = ctx
        .common
        .organisations
        .index
        .contains_key(name_fold.as_ref());
    if title.is_none()
        && !known_place
        && !known_org
        && !org_head
        && let Some(rb) = ctx.role_before(w0, lo)
    {
        let role_text = &ctx.text[toks[rb.role].start..toks[rb.last].end];
        // A first name of the other gender says the role is someone else's (`Interrogé par
        // la présidente, Gérard Malvoisin a …`): the role is not this person's.
        let first_gender = (words.len() >= 2)
            .then(|| ctx.common.first_name_gender(ctx.f(w0)))
            .flatten();
        let clash =
            rb.apposition && matches!((first_gender, rb.gender), (Some(a), Some(b)) if a != b);
        if !clash {
            role = Some(role_text.to_string());
            gender = rb.gender;
        }
        if !rb.apposition {
            let ts = rb.det.unwrap_or(rb.role);
            mention_start = toks[ts].start;
            title_text = Some(ctx.text[toks[ts].start..toks[rb.last].end].to_string());
        }
    }
    let person_cue = title_text.is_some() || role.is_some();
    if !known_place
        && !known_org
        && !org_head
        && let Some((a, b)) = ctx.role_after(wn, hi)
    {
        role = Some(ctx.text[toks[a].start..toks[b].end].to_string());
    }
    let appos_cue = role.is_some();
    let verb_cue = ctx.person_verb_after(wn, hi);
    // A first name alone (`Fatoumata a prévu de partir`) names a person as surely as a full
    // name; known places and organisations were ruled out above.
    // A single hyphenated word is more often a place named after someone (`Suzanne-Lenglen`).
    let first_name_cue = if words.len() >= 2 {
        ctx.is_first_name(w0)
    } else {
        ctx.common.first_names.contains_key(ctx.f(w0))
    };
    let last_fold = ctx.f(wn);
    let people_known = ctx.common.people.index.contains_key(last_fold);
    let (kind, evidence) = if known_place && !person_cue {
        (EntityKind::Place, Evidence::Known)
    } else if known_org && !person_cue {
        (EntityKind::Organisation, Evidence::Known)
    } else if org_cue || org_head || org_word {
        (EntityKind::Organisation, Evidence::Cue)
    } else if person_cue || first_name_cue || appos_cue {
        (EntityKind::Person, Evidence::Cue)
    } else if place_cue {
        (EntityKind::Place, Evidence::Cue)
    } else if people_known {
        (EntityKind::Person, Evidence::Known)
    } else if acronym {
        (EntityKind::Organisation, Evidence::Cue)
    } else if verb_cue {
        (EntityKind::Person, Evidence::Cue)
    } else if words.len() >= 2 || looks_like_surname(last_fold) {
        (EntityKind::Person, Evidence::Guess)
    } else {
        (EntityKind::Organisation, Evidence::Guess)
    };
    if kind != EntityKind::Person {
        let mut m = plain(span_start..name_span.end, kind, evidence);
        m.span = span_start..name_span.end;
        out.push(m);
        return;
    }
    // A first name alone (`Fatoumata, 34 ans`) names a person too.
    if gender.is_none() && words.len() >= 2 {
        gender = ctx.common.first_name_gender(ctx.f(w0));
    } else if gender.is_none() && !people_known {
        gender = ctx.common.first_names.get(ctx.f(w0)).copied();
    }
    // First name and surname.
    let particle_first = ctx.common.particles.contains(ctx.f(w0));
    let (first_name, surname, form) = if words.len() >= 2 && !particle_first {
        let mut k = 1;
        while k + 1 < words.len()
            && toks[words[k]].cap
            && (toks[words[k]].abbrev
                || ctx.is_first_name(words[k])
                || ctx.s(words[k]).starts_with(char::is_lowercase))
        {
            k += 1;
        }
        (
            Some(toks[w0].start..toks[w0].end),
            toks[words[k]].start..toks[wn].end,
            MentionForm::FullName,
        )
    } else if title_text.is_some() {
        (None, name_span.clone(), MentionForm::TitleSurname)
    } else {
        (None, name_span.clone(), MentionForm::Surname)
    };
    out.push(Mention {
        span: mention_start..name_span.end,
        name: name_span,
        first_name,
        surname,
        title: title_text,
        form,
        kind,
        gender,
        entity: 0,
        ambiguous: false,
        role,
        evidence,
    });
}

fn plain(span: Span, kind: EntityKind, evidence: Evidence) -> Mention {
    Mention {
        span: span.clone(),
        name: span.clone(),
        first_name: None,
        surname: span,
        title: None,
        form: MentionForm::Name,
        kind,
        gender: None,
        entity: 0,
        ambiguous: false,
        role: None,
        evidence,
    }
}

/// Surname endings frequent in news copy (Slavic, Caucasian, Romanian, Greek, Turkish…).
fn looks_like_surname(f: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ov", "ova", "ev", "eva", "ine", "in", "ina", "enko", "sky", "ski", "ska", "skyy", "skiy",
        "skaya", "ich", "itch", "vich", "yan", "ian", "dze", "shvili", "escu", "poulos", "oglu",
        "yev", "off", "ow", "owa", "yk", "uk", "chuk", "ko",
    ];
    f.len() > 4 && ENDINGS.iter().any(|e| f.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment;

    fn mentions(text: &str, lang: Language) -> Vec<(String, EntityKind, Option<String>)> {
        let paras = segment::paragraphs(text, false);
        find_mentions(text, &paras, &[], lang)
            .into_iter()
            .map(|m| (text[m.name.clone()].to_string(), m.kind, m.title.clone()))
            .collect()
    }

    fn names(text: &str, lang: Language) -> Vec<String> {
        mentions(text, lang).into_iter().map(|m| m.0).collect()
    }

    #[test]
    fn titles_are_apart() {
        let m = mentions(
            "Hier, M. Durand a parlé à Lord Richard Smith.",
            Language::French,
        );
        assert_eq!(m[0].0, "Durand");
        assert_eq!(m[0].2.as_deref(), Some("M."));
        assert_eq!(m[1].0, "Richard Smith");
        assert_eq!(m[1].2.as_deref(), Some("Lord"));
    }

    #[test]
    fn sentence_start_words() {
        let n = names(
            "Cependant, la Russie avance. Dimanche, rien. Les Ukrainiens attendent. Hier Vilnius.",
            Language::French,
        );
        assert_eq!(n, ["Russie", "Vilnius"]);
    }

    #[test]
    fn an_acronym_is_not_the_first_word_of_a_name() {
        let text = "« Le bilan va s’alourdir », a dit à l’AFP Julio Ramírez Cáceres. Les actions BNP Paribas SA ont baissé.";
        let a = crate::analysis::analyze(text, &Default::default());
        let n: Vec<&str> = a.mentions.iter().map(|m| &text[m.span.clone()]).collect();
        assert_eq!(n, ["AFP", "Julio Ramírez Cáceres", "BNP Paribas SA"]);
    }

    #[test]
    fn particles_hyphens_apostrophes() {
        let n = names(
            "On cite Valéry Giscard d’Estaing, Charles de Gaulle, Jean-Yves Le Drian et Conor O’Brien à Rostov-on-Don.",
            Language::French,
        );
        assert_eq!(
            n,
            [
                "Valéry Giscard d’Estaing",
                "Charles de Gaulle",
                "Jean-Yves Le Drian",
                "Conor O’Brien",
                "Rostov-on-Don"
            ]
        );
    }

    #[test]
    fn english_titles_and_roles() {
        let m = mentions(
            "Ukrainian President Volodymyr Zelensky met Secretary of State Antony Blinken and Kremlin spokesman Dmitry Peskov in June.",
            Language::English,
        );
        let n: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            n,
            [
                "Volodymyr Zelensky",
                "Antony Blinken",
                "Kremlin",
                "Dmitry Peskov"
            ]
        );
        assert_eq!(m[0].2.as_deref(), Some("Ukrainian President"));
        assert_eq!(m[1].2.as_deref(), Some("Secretary of State"));
    }

    #[test]
    fn work_titles_are_not_mentions() {
        let n = names(
            "Il l’a dit lors de l’émission Meet the Press de NBC.",
            Language::French,
        );
        assert_eq!(n, ["NBC"]);
    }

    #[test]
    fn bad_input_never_panics() {
        let long = "A".repeat(10_000);
        for t in [
            "",
            "\0\0\0",
            "ÉÉÉ ÀÀÀ",
            "M. \u{2028} Blinken",
            "\u{301}\u{301}Poutine\u{301}",
            "l’",
            "’s",
            "«»“”\"",
            "M.",
            "De la de la",
            long.as_str(),
            "Jean-‐Yves O’’Brien al- -Assad",
        ] {
            let paras = segment::paragraphs(t, false);
            for m in find_mentions(t, &paras, &[], Language::French) {
                assert!(t.is_char_boundary(m.span.start) && t.is_char_boundary(m.span.end));
                assert!(t.get(m.name.clone()).is_some());
            }
        }
    }
}

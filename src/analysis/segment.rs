//! Paragraphs and sentences: the units attribution and quote pairing reason about.
//!
//! A paragraph is where quote marks pair (a quote never spans two paragraphs except as a
//! multi-paragraph continuation) and the unit of a quote's continuation. Its kind says whether
//! it is running prose or something that breaks a continuation: a sub-heading, or a "read
//! also" link / teaser line pasted between two paragraphs of copy.
//!
//! Sentences are cut with quotes in mind: punctuation inside « … » or “ … ” does not end the
//! sentence that carries the quote (`« Vraiment ? », a-t-il demandé.` is one sentence), and
//! abbreviations (`M.`, `Mme`, `Dr.`, `U.S.`, initials) do not end one either.

use super::lexicon::{self, AttributionLexicon, word};
use super::reuse::ByText;
use super::{Language, Span, lang};

/// What a paragraph is, for the copy desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// Running text.
    Prose,
    /// A sub-heading or title line.
    Heading,
    /// A "read also" / "Lire aussi" line or teaser that breaks a quote's continuation.
    ReadAlso,
}

/// One paragraph of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The paragraph's text, without its line terminator.
    pub span: Span,
    pub kind: ParagraphKind,
    /// The paragraph's language, set only when the paragraph is clearly written in another
    /// language than the article as a whole ([`lang::detect`]): an English article quoting a
    /// French paragraph. `None` for paragraphs in the article's language or too short to tell.
    pub language: Option<Language>,
}

/// Cuts the text into paragraphs. In plain text every non-blank line is a paragraph; in
/// Markdown, blank lines separate paragraphs and `#` lines are headings.
pub fn paragraphs(text: &str, markdown: bool) -> Vec<Paragraph> {
    paragraphs_reusing(text, markdown, None)
}

/// [`paragraphs`], reading each paragraph's kind and language from `cache` when a paragraph
/// of the same text was read before (they depend on nothing else but the article's
/// language, which is applied afterwards).
pub fn paragraphs_reusing(
    text: &str,
    markdown: bool,
    cache: Option<&mut ParagraphCache>,
) -> Vec<Paragraph> {
    paragraphs_in(text, markdown, lang::detect(text), cache)
}

/// [`paragraphs_reusing`] when the caller has `lang::detect(text)` in hand already (`article`):
/// a paragraph gets a language of its own only when it differs from that one.
pub fn paragraphs_in(
    text: &str,
    markdown: bool,
    article: Language,
    mut cache: Option<&mut ParagraphCache>,
) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut buf = String::new();
    if let Some(c) = cache.as_deref_mut() {
        c.start(markdown);
    }
    let mut push = |span: Span, out: &mut Vec<Paragraph>| {
        push_block(
            text,
            span,
            markdown,
            article,
            out,
            &mut buf,
            cache.as_deref_mut(),
        );
    };
    if !markdown {
        for line in lines(text) {
            push(line, &mut out);
        }
        return out;
    }
    let mut block: Option<Span> = None;
    for line in lines(text) {
        let s = text[line.clone()].trim();
        if s.is_empty() {
            if let Some(b) = block.take() {
                push(b, &mut out);
            }
        } else if s.starts_with('#') {
            if let Some(b) = block.take() {
                push(b, &mut out);
            }
            out.push(Paragraph {
                span: line,
                kind: ParagraphKind::Heading,
                language: None,
            });
        } else {
            block = Some(match block {
                Some(b) => b.start..line.end,
                None => line,
            });
        }
    }
    if let Some(b) = block {
        push(b, &mut out);
    }
    out
}

/// What a paragraph's text alone says about it: its kind and, for prose, the language it is
/// clearly written in (before comparing it with the article's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockReading {
    kind: ParagraphKind,
    language: Option<Language>,
}

fn read_block(s: &str, markdown: bool, buf: &mut String) -> BlockReading {
    let kind = classify(s, markdown, buf);
    let language = if kind == ParagraphKind::Prose {
        lang::detect_paragraph(s)
    } else {
        None
    };
    BlockReading { kind, language }
}

/// Paragraph readings by paragraph text, kept from one segmentation of a document to the
/// next (see [`paragraphs_reusing`]).
#[derive(Debug, Default)]
pub struct ParagraphCache {
    markdown: bool,
    pub readings: ByText<BlockReading>,
}

impl ParagraphCache {
    /// Begins a segmentation (readings depend on the Markdown flag too).
    fn start(&mut self, markdown: bool) {
        if markdown != self.markdown {
            self.readings.clear();
            self.markdown = markdown;
        }
        self.readings.start();
    }

    fn reading(&mut self, s: &str, markdown: bool, buf: &mut String) -> BlockReading {
        *self.readings.get_or(s, || read_block(s, markdown, buf))
    }
}

/// Whether any byte of `x` is `\n` or `\r` (eight bytes at a time).
#[inline]
fn has_line_break(x: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    zero(x ^ (LO * u64::from(b'\n'))) | zero(x ^ (LO * u64::from(b'\r'))) != 0
}

/// Lines of `text`, without terminators (`\n`, `\r\n`, `\r`).
fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // Skip eight bytes at a time while none is a line break.
            while i + 8 <= bytes.len()
                && !has_line_break(u64::from_le_bytes(
                    bytes[i..i + 8].try_into().expect("8 bytes"),
                ))
            {
                i += 8;
            }
            if i >= bytes.len() {
                break;
            }
            let b = bytes[i];
            if b == b'\n' || b == b'\r' {
                let line = start..i;
                i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
                return Some(line);
            }
            i += 1;
        }
        if start <= bytes.len() && start != usize::MAX {
            let line = start..bytes.len();
            start = usize::MAX;
            return Some(line);
        }
        None
    })
}

fn push_block(
    text: &str,
    span: Span,
    markdown: bool,
    article: Language,
    out: &mut Vec<Paragraph>,
    buf: &mut String,
    cache: Option<&mut ParagraphCache>,
) {
    let s = &text[span.clone()];
    if s.trim().is_empty() {
        return;
    }
    let reading = match cache {
        Some(cache) => cache.reading(s, markdown, buf),
        None => read_block(s, markdown, buf),
    };
    out.push(Paragraph {
        span,
        kind: reading.kind,
        language: reading.language.filter(|&l| l != article),
    });
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'
}

/// Whether the line may open with a "read also" phrase: its first word (split at an elision
/// the way [`split_elision`] does) is the first word of one, in some language.
fn may_read_also(s: &str, buf: &mut String) -> bool {
    let Some(first) = s.split(|c: char| !is_word_char(c)).find(|w| !w.is_empty()) else {
        return false;
    };
    let w = lexicon::normalize(first, buf);
    let w = match w.find('\'') {
        Some(i) if i + 1 < w.len() && i < 7 => &w[..=i],
        _ => w,
    };
    lexicon::all_languages()
        .iter()
        .any(|l| l.is(w, word::READ_ALSO))
}

/// Decides whether a line is prose, a heading or a "read also"/teaser line.
fn classify(s: &str, markdown: bool, buf: &mut String) -> ParagraphKind {
    let s = s.trim();
    if may_read_also(s, buf) && read_also(s) {
        return ParagraphKind::ReadAlso;
    }
    if markdown && s.starts_with('#') {
        return ParagraphKind::Heading;
    }
    let body = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '”' | '"' | '’' | '\'' | ')' | '*' | '_' | '›')
    });
    let last = body.chars().last().unwrap_or('.');
    // A teaser: "Topic: headline …", cut off mid-sentence.
    let colon_early = s
        .split_whitespace()
        .take(6)
        .any(|w| w.ends_with(':') || w == ":");
    if (body.ends_with('…') || body.ends_with("...")) && colon_early {
        return ParagraphKind::ReadAlso;
    }
    let starts_with_quote = s.starts_with(['«', '“', '"', '‘', '»', '—', '–', '-']);
    if !matches!(last, '.' | '!' | '?' | '…' | ':' | ';' | ',')
        && !starts_with_quote
        && s.split_whitespace().take(26).count() <= 25
    {
        return if colon_early {
            ParagraphKind::ReadAlso
        } else {
            ParagraphKind::Heading
        };
    }
    ParagraphKind::Prose
}

/// Whether the (trimmed) line opens with a "read also" phrase of some language.
fn read_also(s: &str) -> bool {
    let mut buf = String::new();
    let first: Vec<&str> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    let mut norm = Vec::with_capacity(first.len());
    for w in &first {
        norm.push(lexicon::normalize(w, &mut buf).to_owned());
    }
    // Elided words are split the way the lexicon writes them (`d' après`).
    let norm: Vec<String> = norm.iter().flat_map(|w| split_elision(w)).collect();
    for lex in lexicon::all_languages() {
        if AttributionLexicon::starts_with_phrase(&lex.read_also, |i| {
            norm.get(i).map(String::as_str)
        })
        .is_some()
        {
            return true;
        }
    }
    false
}

/// `d'après` → `d'`, `après`; other words unchanged.
fn split_elision(w: &str) -> Vec<String> {
    if let Some(i) = w.find('\'') {
        let (a, b) = w.split_at(i + 1);
        if !b.is_empty() && a.len() <= 7 {
            return vec![a.to_owned(), b.to_owned()];
        }
    }
    vec![w.to_owned()]
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '«' | '“' | '‹' | '„')
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '»' | '”' | '›')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The run of word characters (letters, digits, `.`, `-`) ending at the current position of
/// [`sentences`], kept up to date char by char so that an abbreviation test never scans back.
#[derive(Default)]
struct WordRun {
    /// Start of the run (after the last other char).
    start: usize,
    /// Letters seen so far in the paragraph.
    letters: usize,
    /// `letters` at `start`.
    letters_at_start: usize,
    /// The last period of the run, if any.
    last_dot: Option<usize>,
}

impl WordRun {
    #[inline]
    fn step(&mut self, i: usize, c: char) {
        if c.is_alphanumeric() || c == '.' || c == '-' {
            if c == '.' {
                self.last_dot = Some(i);
            } else if c.is_alphabetic() {
                self.letters += 1;
            }
        } else {
            self.start = i + c.len_utf8();
            self.letters_at_start = self.letters;
            self.last_dot = None;
        }
    }
}

/// Longest word (in bytes) that can be an abbreviation of the lexicons (16 chars).
const MAX_ABBREVIATION_BYTES: usize = 64;

/// Whether the word ending right before byte `dot` (a period) is an abbreviation or an
/// initial, so the period does not end the sentence. The word runs back to the last char that
/// is not a letter, digit, `.` or `-`, or to `start` (the sentence start); `letters_at_start`
/// is `run.letters` when the sentence started.
fn is_abbreviation(
    s: &str,
    start: usize,
    letters_at_start: usize,
    dot: usize,
    run: &WordRun,
    buf: &mut String,
) -> bool {
    let (word_start, letters_before) = if run.start >= start {
        (run.start, run.letters_at_start)
    } else {
        (start, letters_at_start)
    };
    if word_start >= dot {
        return false;
    }
    let word = &s[word_start..dot];
    let letters = run.letters - letters_before;
    let mut chars = word.chars();
    // A single capital letter is an initial (J. K. Rowling); U.S. and friends contain dots.
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    if run.last_dot.is_some_and(|d| d >= word_start) && letters <= 4 {
        return true;
    }
    if word.len() > MAX_ABBREVIATION_BYTES {
        return false;
    }
    let w = lexicon::normalize(word, buf);
    lexicon::all_languages()
        .iter()
        .any(|l| l.is(w, word::ABBREVIATION))
}

/// Cuts `span` (a paragraph) into sentences. Punctuation inside quotation marks and after
/// abbreviations does not end a sentence.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let s = &text[span.clone()];
    let bytes = s.as_bytes();
    let base = span.start;
    let mut depth: u32 = 0;
    let mut straight_open = false;
    let mut start = 0usize;
    let mut letters_at_start = 0usize;
    let mut last_inner_terminal = false;
    let mut run = WordRun::default();
    let mut buf = String::new();
    let mut i = 0usize;
    // A live page's entry opens with its time (`12h35 —`, `9:41am -`): a sentence of its own.
    if let Some(n) = live_entry_time(s) {
        push_sentence(s, base, 0..n, &mut out);
        start = n;
        i = n;
    }
    while i < bytes.len() {
        let b = bytes[i];
        // Fast paths: ASCII letters and digits only reset `last_inner_terminal`; a space
        // only ends the word run.
        if b.is_ascii_alphanumeric() {
            if b.is_ascii_alphabetic() {
                run.letters += 1;
            }
            last_inner_terminal = false;
            i += 1;
            continue;
        }
        if b == b' ' {
            run.step(i, ' ');
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("on a char boundary");
        let mut next_i = i + c.len_utf8();
        let mut stepped = false;
        let mut end_here = None;
        if is_opening_mark(c) {
            depth = depth.saturating_add(1);
        } else if is_closing_mark(c) || (c == '"' && straight_open) {
            if c == '"' {
                straight_open = false;
            } else {
                depth = depth.saturating_sub(1);
            }
            if depth == 0 && !straight_open && last_inner_terminal {
                end_here = Some(i + c.len_utf8());
            }
        } else if c == '"' {
            straight_open = true;
        } else if is_terminal(c) {
            if depth == 0 && !straight_open {
                if c != '.' || !is_abbreviation(s, start, letters_at_start, i, &run, &mut buf) {
                    run.step(i, c);
                    stepped = true;
                    // Take the run of terminal punctuation and closing brackets.
                    let mut end = i + c.len_utf8();
                    while let Some(d) = s[end..].chars().next() {
                        if is_terminal(d) || d == ')' {
                            run.step(end, d);
                            end += d.len_utf8();
                        } else {
                            break;
                        }
                    }
                    next_i = end;
                    end_here = Some(end);
                }
            } else {
                last_inner_terminal = true;
                run.step(i, c);
                i = next_i;
                continue;
            }
        }
        if !stepped {
            run.step(i, c);
        }
        if !c.is_whitespace() && !is_terminal(c) && !is_closing_mark(c) && c != '"' {
            last_inner_terminal = false;
        }
        if let Some(end) = end_here {
            // A sentence ends only if the next one starts like a sentence.
            let rest = &s[end..];
            let next = rest.trim_start().chars().next();
            let starts = match next {
                None => true,
                Some(n) => n.is_uppercase() || n.is_numeric() || is_opening_mark(n) || n == '"',
            };
            if starts && rest.starts_with(char::is_whitespace) || next.is_none() {
                push_sentence(s, base, start..end, &mut out);
                start = end;
                letters_at_start = run.letters;
                last_inner_terminal = false;
            }
        }
        i = next_i;
    }
    push_sentence(s, base, start..s.len(), &mut out);
    out
}

/// The length of a live page entry's time stamp and the dash after it at the start of `s`
/// (`12h35 — `, `11:05 –`, `9.41am -`, `1635 GMT —`), if `s` opens with one.
pub(crate) fn live_entry_time(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let hours = digits(0);
    if !(1..=4).contains(&hours) {
        return None;
    }
    let mut i = hours;
    if hours <= 2 && matches!(b.get(i), Some(b'h' | b'H' | b':' | b'.')) {
        i += 1;
        let minutes = digits(i);
        if minutes != 0 && minutes != 2 {
            return None;
        }
        i += minutes;
    } else if hours <= 2 {
        return None;
    }
    // An optional meridiem or zone: `am`, `p.m.`, ` GMT`.
    let rest = &s[i..];
    let word = rest.trim_start_matches(' ');
    let zone_len = word
        .bytes()
        .take_while(|c| c.is_ascii_alphabetic() || *c == b'.')
        .count();
    let zone = &word[..zone_len];
    if !zone.is_empty()
        && matches!(
            zone.to_ascii_lowercase().as_str(),
            "am" | "pm" | "a.m." | "p.m." | "gmt" | "bst" | "cet" | "cest" | "utc" | "et" | "pt"
        )
    {
        i = s.len() - word.len() + zone_len;
    } else if hours > 2 {
        // `1635 GMT`: four digits are a time only with their zone.
        return None;
    }
    let after = s[i..].trim_start();
    let dash = after.chars().next()?;
    if !matches!(dash, '—' | '–' | '-') {
        return None;
    }
    let end = s.len() - after.len() + dash.len_utf8();
    s[end..].starts_with(char::is_whitespace).then_some(end)
}

fn push_sentence(s: &str, base: usize, span: Span, out: &mut Vec<Sentence>) {
    let piece = &s[span.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    out.push(base + span.start + lead..base + span.end - trail);
}

type Sentence = Span;

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<ParagraphKind> {
        paragraphs(text, false)
            .into_iter()
            .map(|p| p.kind)
            .collect()
    }

    fn cut(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s])
            .collect()
    }

    #[test]
    fn a_live_entry_time_is_a_sentence_of_its_own() {
        assert_eq!(
            cut("12h35 — Sur franceinfo, elle a été claire."),
            ["12h35 —", "Sur franceinfo, elle a été claire."]
        );
        assert_eq!(
            cut("9:41am - The minister spoke."),
            ["9:41am -", "The minister spoke."]
        );
        assert_eq!(cut("1635 GMT – Rain."), ["1635 GMT –", "Rain."]);
        // Not a time: a score, a year, a number.
        assert_eq!(cut("2024 - une année noire."), ["2024 - une année noire."]);
        assert_eq!(cut("29-28 samedi."), ["29-28 samedi."]);
        assert_eq!(cut("12 — douze."), ["12 — douze."]);
    }

    #[test]
    fn every_non_blank_line_is_a_paragraph() {
        let t = "Une phrase.\r\n\r\nDeux phrases.\rTrois.\n";
        let p = paragraphs(t, false);
        assert_eq!(p.len(), 3);
        assert_eq!(&t[p[1].span.clone()], "Deux phrases.");
    }

    #[test]
    fn read_also_and_headings() {
        assert_eq!(
            kinds(
                "Lire aussi : Le grand entretien\nRead more: The story.\nLa suite du texte\nUn paragraphe normal."
            ),
            vec![
                ParagraphKind::ReadAlso,
                ParagraphKind::ReadAlso,
                ParagraphKind::Heading,
                ParagraphKind::Prose
            ]
        );
        assert_eq!(
            kinds("Sport - Tennis: la joueuse annonce sa retraite Elle a dit…"),
            vec![ParagraphKind::ReadAlso]
        );
    }

    #[test]
    fn markdown_blocks() {
        let t = "# Titre\n\nLigne un\nligne deux.\n\nAutre.\n";
        let p = paragraphs(t, true);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].kind, ParagraphKind::Heading);
        assert_eq!(&t[p[1].span.clone()], "Ligne un\nligne deux.");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            cut("M. Dupont et Mme Durand sont là. Le Dr. Who aussi. J. K. Rowling a écrit."),
            vec![
                "M. Dupont et Mme Durand sont là.",
                "Le Dr. Who aussi.",
                "J. K. Rowling a écrit."
            ]
        );
        assert_eq!(
            cut("The U.S. Army said so. Mr. Smith agreed."),
            vec!["The U.S. Army said so.", "Mr. Smith agreed."]
        );
    }

    #[test]
    fn quotes_keep_their_sentence() {
        assert_eq!(
            cut("« Vraiment ? Oui. », a-t-il demandé. « Enfin ! » Il est parti."),
            vec![
                "« Vraiment ? Oui. », a-t-il demandé.",
                "« Enfin ! »",
                "Il est parti."
            ]
        );
        assert_eq!(
            cut("“We won. Finally,” she said. “It was hard.”"),
            vec!["“We won. Finally,” she said.", "“It was hard.”"]
        );
    }
    // The sentence cutter before it was made incremental, as the reference.
    fn ref_is_abbreviation(text: &str, start: usize, dot: usize) -> bool {
        let before = &text[start..dot];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        if word.is_empty() {
            return false;
        }
        let mut chars = word.chars();
        // A single capital letter is an initial (J. K. Rowling); U.S. and friends contain dots.
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            return true;
        }
        if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
            return true;
        }
        let mut buf = String::new();
        let w = lexicon::normalize(word, &mut buf);
        lexicon::all_languages()
            .iter()
            .any(|l| l.abbreviations.contains(w))
    }

    /// Cuts `span` (a paragraph) into sentences. Punctuation inside quotation marks and after
    /// abbreviations does not end a sentence.
    fn reference_sentences(text: &str, span: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let s = &text[span.clone()];
        let base = span.start;
        let mut depth: u32 = 0;
        let mut straight_open = false;
        let mut start = 0usize;
        let mut last_inner_terminal = false;
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let mut end_here = None;
            if is_opening_mark(c) {
                depth = depth.saturating_add(1);
            } else if is_closing_mark(c) || (c == '"' && straight_open) {
                if c == '"' {
                    straight_open = false;
                } else {
                    depth = depth.saturating_sub(1);
                }
                if depth == 0 && !straight_open && last_inner_terminal {
                    end_here = Some(i + c.len_utf8());
                }
            } else if c == '"' {
                straight_open = true;
            } else if is_terminal(c) {
                if depth == 0 && !straight_open {
                    if c != '.' || !ref_is_abbreviation(s, start, i) {
                        // Take the run of terminal punctuation and closing brackets.
                        let mut end = i + c.len_utf8();
                        while let Some(&(j, d)) = iter.peek() {
                            if is_terminal(d) || d == ')' {
                                end = j + d.len_utf8();
                                iter.next();
                            } else {
                                break;
                            }
                        }
                        end_here = Some(end);
                    }
                } else {
                    last_inner_terminal = true;
                    continue;
                }
            }
            if !c.is_whitespace() && !is_terminal(c) && !is_closing_mark(c) && c != '"' {
                last_inner_terminal = false;
            }
            if let Some(end) = end_here {
                // A sentence ends only if the next one starts like a sentence.
                let rest = &s[end..];
                let next = rest.trim_start().chars().next();
                let starts = match next {
                    None => true,
                    Some(n) => n.is_uppercase() || n.is_numeric() || is_opening_mark(n) || n == '"',
                };
                if starts && rest.starts_with(char::is_whitespace) || next.is_none() {
                    push_sentence(s, base, start..end, &mut out);
                    start = end;
                    last_inner_terminal = false;
                }
            }
        }
        push_sentence(s, base, start..s.len(), &mut out);
        out
    }

    #[test]
    fn sentences_match_the_reference() {
        let samples = [
            "M. Dupont et Mme Durand sont là. Le Dr. Who aussi. J. K. Rowling a écrit.",
            "The U.S. Army said so. Mr. Smith agreed. U.S.A. B.B.C. 1.000.000 ok. A.B.C.D.E.F. Go.",
            "« Vraiment ? Oui. », a-t-il demandé. « Enfin ! » Il est parti... (Oui.) Non!? « ",
            "“We won. Finally,” she said. “It was hard.” \"Yes.\" He left. etc. Etc. N° 5. Vol. 2.",
            "a.b.c.d.e.f.g. H. i-j.k. L’État. É. Éric. ÉTATS-UNIS. Gén. Col. Ier. \u{a0}X. Y.\u{202f}Z.",
            "Il a dit : « Il a dit : « oui. » » ». Puis. Fin.",
            "x. y.\tZ!) ) A.. B... C… D?! «E.» F\u{301}. G.\n H.",
        ];
        for s in samples {
            for k in 0..s.len() {
                if !s.is_char_boundary(k) {
                    continue;
                }
                let t = &s[k..];
                assert_eq!(
                    sentences(t, 0..t.len()),
                    reference_sentences(t, 0..t.len()),
                    "{t:?}"
                );
            }
        }
        let long =
            "a.b.".repeat(50) + " X. " + &"U.S. Army. ".repeat(20) + &"é.".repeat(40) + " Y.";
        assert_eq!(
            sentences(&long, 0..long.len()),
            reference_sentences(&long, 0..long.len())
        );
    }

    #[test]
    fn abbreviations_are_short() {
        for l in lexicon::all_languages() {
            assert!(l.abbreviations.iter().all(|a| a.chars().count() <= 16));
        }
    }
}

//! Quotation marks: finding them, pairing them, and telling speech from titles.
//!
//! One linear pass per paragraph reads every mark (« » ‹ › “ ” ‘ ’ and straight `"` `'`),
//! decides whether it opens or closes (an apostrophe inside a word, `l’armée`, `don’t`,
//! `Prigozhin’s`, `players’ union`, is not a quote mark), and pairs marks with a stack, so
//! quotes nest. Straight quotes, which have no direction, pair left to right.
//!
//! A quote left open at the end of a paragraph is a multi-paragraph quote when the next
//! paragraph opens with a mark of the same kind (« or the older » in French, “ in English);
//! each paragraph's piece is its own [`Quote`], chained by `continues`. Any other mark with no
//! partner raises `unbalanced-quote`; a closing guillemet used to open (`d’ »extraordinaires »`)
//! or the reverse raises `misused-quote-mark` with a fix that replaces the mark.
//!
//! Each quote is then classified: a title or name (`l’émission « Envoyé spécial »`, “Meet the
//! Press”), speech (a sentence or more), a partial quote (a few words in the writer's
//! sentence) or a scare quote (one or two words).

use super::lexicon::{self, AttributionLexicon, word};
use super::segment::Paragraph;
use super::{Code, Finding, Fix, Language, Quote, QuoteKind, Related, Replacement, Span};

/// Deeper nesting is not read (no prose nests quotes more than three deep).
const MAX_DEPTH: usize = 16;
/// More quotes than this in one article are not read (a book holds a few thousand).
const MAX_QUOTES: usize = 100_000;
/// A quote is classified on at most this many bytes of its words.
const CLASSIFY_WINDOW: usize = 4000;
/// Quotes left open in one paragraph that get the whole window; the others (hostile input:
/// no prose leaves dozens of quotes open in a paragraph) get [`SHORT_WINDOW`].
const MAX_LONG_WINDOWS: usize = 32;
const SHORT_WINDOW: usize = 64;
/// At most this many findings about marks: past that, the text is not prose.
const MAX_MARK_FINDINGS: usize = 10_000;

/// The kinds of marks that pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// « »
    Guillemet,
    /// ‹ ›
    SingleGuillemet,
    /// “ ” (and „ “)
    Double,
    /// ‘ ’
    Single,
    /// "
    StraightDouble,
    /// '
    StraightSingle,
}

impl Family {
    fn open_char(self) -> &'static str {
        match self {
            Family::Guillemet => "«",
            Family::SingleGuillemet => "‹",
            Family::Double => "“",
            Family::Single => "‘",
            Family::StraightDouble => "\"",
            Family::StraightSingle => "'",
        }
    }
    fn close_char(self) -> &'static str {
        match self {
            Family::Guillemet => "»",
            Family::SingleGuillemet => "›",
            Family::Double => "”",
            Family::Single => "’",
            Family::StraightDouble => "\"",
            Family::StraightSingle => "'",
        }
    }
}

/// An opening mark waiting for its partner.
#[derive(Debug, Clone)]
struct Open {
    family: Family,
    /// Index of the quote slot this mark opened.
    slot: usize,
}

/// Quote slots as they are built, in the order of their opening marks.
struct Builder {
    quotes: Vec<Quote>,
    /// Slots that turned out not to be quotes (an unpaired straight apostrophe).
    dead: Vec<bool>,
    /// For each slot: the family, and whether its opening mark was misused.
    family: Vec<Family>,
    misused_open: Vec<bool>,
}

/// What a mark does, once its neighbours are known.
enum Action {
    Open(Family, bool),
    Close(Family, bool),
    /// A straight `"`: closes an open one, else opens.
    Toggle,
    Ignore,
}

/// Finds every quote in the article.
pub fn find_quotes(
    text: &str,
    paragraphs: &[Paragraph],
    language: Language,
    findings: &mut Vec<Finding>,
) -> Vec<Quote> {
    let lex = lexicon::attribution(language);
    let mut b = Builder {
        quotes: Vec::new(),
        dead: Vec::new(),
        family: Vec::new(),
        misused_open: Vec::new(),
    };
    // The outermost quote left open by the previous paragraph, continued by this one.
    let mut pending: Option<(usize, Family)> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        pending = scan_paragraph(text, paragraphs, pi, para, pending.take(), &mut b, findings);
    }
    // Misused opening marks get their fix now that their partner is known.
    for slot in 0..b.quotes.len() {
        if b.misused_open[slot] && !b.dead[slot] {
            let q = &b.quotes[slot];
            let fam = b.family[slot];
            let inner_space = q
                .close
                .as_ref()
                .and_then(|c| text[..c.start].chars().next_back())
                .filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}'));
            let next = text[q.open.end..].chars().next();
            let mut fix_text = fam.open_char().to_owned();
            if let (Some(sp), Some(n)) = (inner_space, next)
                && !n.is_whitespace()
            {
                fix_text.push(sp);
            }
            let wrong = &text[q.open.clone()];
            let mut f = Finding::new(
                Code::MisusedQuoteMark,
                q.open.clone(),
                format!(
                    "Closing mark {wrong} used to open a quote: replace it with {}.",
                    fam.open_char()
                ),
            );
            f.fixes.push(Fix {
                title: format!("Replace with {}", fam.open_char()),
                edits: vec![Replacement {
                    span: q.open.clone(),
                    text: fix_text,
                }]
                .into(),
                preferred: true,
            });
            push_capped(findings, f);
        }
    }
    let Builder { quotes, dead, .. } = b;
    let mut quotes = compact(quotes, &dead);
    let mut buf = String::new();
    // Quotes left open run to the end of their paragraph, so their windows overlap: past a
    // few per paragraph (hostile input only), each is judged on a short window.
    let mut open_in_paragraph = (usize::MAX, 0usize);
    for i in 0..quotes.len() {
        let mut window = CLASSIFY_WINDOW;
        if quotes[i].close.is_none() {
            if open_in_paragraph.0 != quotes[i].paragraph {
                open_in_paragraph = (quotes[i].paragraph, 0);
            }
            open_in_paragraph.1 += 1;
            if open_in_paragraph.1 > MAX_LONG_WINDOWS {
                window = SHORT_WINDOW;
            }
        }
        let kind = classify(text, paragraphs, &quotes, i, lex, window, &mut buf);
        quotes[i].kind = kind;
    }
    titles_in_lists(text, paragraphs, &mut quotes);
    same_title_everywhere(text, paragraphs, &mut quotes);
    quotes
}

/// The words a closed quote holds, trimmed of spaces and of a final full stop, when they are
/// few enough to be a title (at most eight words).
fn title_words<'t>(text: &'t str, q: &Quote, paragraphs: &[Paragraph]) -> Option<&'t str> {
    q.close.as_ref()?;
    let span = quoted_text(q, paragraphs);
    if span.len() > 120 {
        return None;
    }
    let words = text
        .get(span)?
        .trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ',');
    let n = words.split_whitespace().count();
    (1..=8).contains(&n).then_some(words)
}

/// `devant « Ciel de plomb » et « Les Disparus de Kerlann »`, `“Succession,” “Severance” and
/// “The Bear”`: a short quote joined to a title by a comma, `et`, `and`, `ou` or `or` is a
/// title of the same list.
fn titles_in_lists(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote]) {
    let joined = |a: &Quote, b: &Quote| {
        let (Some(close), true) = (&a.close, a.paragraph == b.paragraph) else {
            return false;
        };
        let between = text.get(close.end..b.open.start).unwrap_or("x");
        let between = between.trim_matches(|c: char| c.is_whitespace() || c == ',');
        between.is_empty() || matches!(between, "et" | "and" | "ou" | "or")
    };
    // Both ways along the text, so that a title spreads along its whole list.
    for i in 1..quotes.len() {
        let (a, b) = (&quotes[i - 1], &quotes[i]);
        if a.kind == QuoteKind::Title
            && b.kind != QuoteKind::Title
            && b.nested_in.is_none()
            && a.nested_in.is_none()
            && joined(a, b)
            && title_words(text, b, paragraphs).is_some()
        {
            quotes[i].kind = QuoteKind::Title;
        }
    }
    for i in (1..quotes.len()).rev() {
        let (a, b) = (&quotes[i - 1], &quotes[i]);
        if b.kind == QuoteKind::Title
            && a.kind != QuoteKind::Title
            && a.nested_in.is_none()
            && b.nested_in.is_none()
            && joined(a, b)
            && title_words(text, a, paragraphs).is_some()
        {
            quotes[i - 1].kind = QuoteKind::Title;
        }
    }
}

/// `« Les Heures creuses »` in a headline, then `la pièce « Les Heures creuses »`: once the
/// article shows a quoted phrase is a title, the same words quoted elsewhere are that title.
fn same_title_everywhere(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote]) {
    let titles: Vec<&str> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Title)
        .filter_map(|q| title_words(text, q, paragraphs))
        .collect();
    if titles.is_empty() {
        return;
    }
    for q in quotes.iter_mut() {
        if q.kind == QuoteKind::Title || q.continues.is_some() {
            continue;
        }
        if title_words(text, q, paragraphs).is_some_and(|w| titles.contains(&w)) {
            q.kind = QuoteKind::Title;
        }
    }
}

fn push_capped(findings: &mut Vec<Finding>, f: Finding) {
    if findings.len() < MAX_MARK_FINDINGS {
        findings.push(f);
    }
}

/// Drops dead slots and renumbers `nested_in` / `continues`.
fn compact(quotes: Vec<Quote>, dead: &[bool]) -> Vec<Quote> {
    if !dead.iter().any(|d| *d) {
        return quotes;
    }
    let mut map = vec![None; quotes.len()];
    let mut n = 0;
    for (i, d) in dead.iter().enumerate() {
        if !d {
            map[i] = Some(n);
            n += 1;
        }
    }
    quotes
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dead[*i])
        .map(|(_, mut q)| {
            q.nested_in = q.nested_in.and_then(|i| map[i]);
            q.continues = q.continues.and_then(|i| map[i]);
            q
        })
        .collect()
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

fn is_opener_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '\'' | '’' | '/')
    })
}

/// Bytes that may start a quote mark in UTF-8: `"`, `'`, and the lead bytes of « » (C2) and
/// ‹ › „ “ ” ‘ ’ (E2).
static MAY_START_MARK: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// Reads one paragraph's marks. Returns the quote this paragraph leaves open for the next.
fn scan_paragraph(
    text: &str,
    paragraphs: &[Paragraph],
    pi: usize,
    para: &Paragraph,
    pending: Option<(usize, Family)>,
    b: &mut Builder,
    findings: &mut Vec<Finding>,
) -> Option<(usize, Family)> {
    let s = &text[para.span.clone()];
    let base = para.span.start;
    let mut stack: Vec<Open> = Vec::new();
    let first_mark = s.char_indices().find(|(_, c)| !c.is_whitespace());
    let last_close_guillemet = s.rfind('»');
    let mut seen_low_double = false;
    let bytes = s.as_bytes();
    let mut pos = 0;
    loop {
        // Only marks do anything: jump from one byte that may start a mark to the next.
        while pos < bytes.len() && !MAY_START_MARK[usize::from(bytes[pos])] {
            pos += 1;
        }
        let Some(c) = s[pos..].chars().next() else {
            break;
        };
        let i = pos;
        pos += c.len_utf8();
        if !matches!(
            c,
            '«' | '»' | '‹' | '›' | '„' | '“' | '”' | '‘' | '’' | '\'' | '"'
        ) {
            continue;
        }
        let prev = s[..i].chars().next_back();
        let next = s[pos..].chars().next();
        let at_start = first_mark.is_some_and(|(j, _)| j == i);
        let action = match c {
            '«' => {
                let right_flanking = !is_space(prev)
                    && !is_opener_context(prev)
                    && (is_space(next) || next.is_some_and(|n| n.is_ascii_punctuation()));
                if right_flanking && stack.iter().any(|o| o.family == Family::Guillemet) {
                    Action::Close(Family::Guillemet, true)
                } else {
                    Action::Open(Family::Guillemet, false)
                }
            }
            '»' => {
                let continuing = at_start && pending.is_some_and(|(_, f)| f == Family::Guillemet);
                let open_guillemet = stack.iter().any(|o| o.family == Family::Guillemet);
                if continuing {
                    Action::Open(Family::Guillemet, false)
                } else if is_opener_context(prev) && is_word(next) {
                    Action::Open(Family::Guillemet, true)
                } else if !open_guillemet
                    && is_opener_context(prev)
                    && is_space(next)
                    && next.is_some()
                    && last_close_guillemet.is_some_and(|j| j > i)
                {
                    // Careless spacing on both sides, nothing open, and a closer later on.
                    Action::Open(Family::Guillemet, true)
                } else {
                    Action::Close(Family::Guillemet, false)
                }
            }
            '‹' => Action::Open(Family::SingleGuillemet, false),
            '›' => Action::Close(Family::SingleGuillemet, false),
            '„' => {
                seen_low_double = true;
                Action::Open(Family::Double, false)
            }
            '“' => {
                let german_open =
                    stack.last().is_some_and(|o| o.family == Family::Double) && is_word(prev);
                let right_flanking = !is_opener_context(prev)
                    && (is_space(next) || next.is_some_and(|n| n.is_ascii_punctuation()));
                if german_open && right_flanking && seen_low_double {
                    Action::Close(Family::Double, false)
                } else if right_flanking && stack.iter().any(|o| o.family == Family::Double) {
                    Action::Close(Family::Double, true)
                } else {
                    Action::Open(Family::Double, false)
                }
            }
            '”' => {
                let continuing = at_start && pending.is_some_and(|(_, f)| f == Family::Double);
                if continuing || (is_opener_context(prev) && is_word(next)) {
                    Action::Open(Family::Double, !continuing)
                } else {
                    Action::Close(Family::Double, false)
                }
            }
            '‘' => {
                if is_word(prev) && is_word(next) {
                    Action::Ignore
                } else {
                    Action::Open(Family::Single, false)
                }
            }
            '’' | '\'' => {
                let fam = if c == '’' {
                    Family::Single
                } else {
                    Family::StraightSingle
                };
                let open = stack.iter().any(|o| o.family == fam);
                if is_word(prev) && is_word(next) {
                    Action::Ignore
                } else if open && !is_opener_context(prev) && !is_word(next) {
                    // `players’ union` inside ‘…’: a plural possessive when another closer follows.
                    let possessive = prev == Some('s')
                        && next == Some(' ')
                        && s[i + c.len_utf8()..]
                            .chars()
                            .nth(1)
                            .is_some_and(|c| c.is_lowercase())
                        && later_closer(s, i + c.len_utf8(), c);
                    if possessive {
                        Action::Ignore
                    } else {
                        Action::Close(fam, false)
                    }
                } else if c == '\''
                    && is_opener_context(prev)
                    && is_word(next)
                    && prev != Some('\'')
                {
                    Action::Open(fam, false)
                } else {
                    Action::Ignore
                }
            }
            '"' => Action::Toggle,
            _ => Action::Ignore,
        };
        let span = base + i..base + i + c.len_utf8();
        // Bounds for hostile input: nesting deeper than any prose, or more quotes than any
        // article holds, is not read further.
        let action = match action {
            Action::Open(..) | Action::Toggle
                if stack.len() >= MAX_DEPTH || b.quotes.len() >= MAX_QUOTES =>
            {
                Action::Ignore
            }
            a => a,
        };
        match action {
            Action::Ignore => {}
            Action::Toggle => {
                if stack.iter().any(|o| o.family == Family::StraightDouble) {
                    close(b, &mut stack, Family::StraightDouble, span, false, findings);
                } else {
                    open(
                        b,
                        &mut stack,
                        Family::StraightDouble,
                        span,
                        false,
                        pi,
                        at_start,
                        pending,
                    );
                }
            }
            Action::Open(f, misused) => {
                open(b, &mut stack, f, span, misused, pi, at_start, pending);
            }
            Action::Close(f, misused) => {
                close(b, &mut stack, f, span, misused, findings);
            }
        }
    }
    // What stays open: the outermost may continue in the next paragraph.
    let mut leaves_open = None;
    if let Some(outer) = stack.first() {
        let next_para = paragraphs.get(pi + 1);
        let next_opens = next_para.is_some_and(|np| {
            let first = text[np.span.clone()].trim_start().chars().next();
            match outer.family {
                Family::Guillemet => matches!(first, Some('«' | '»')),
                Family::Double => matches!(first, Some('“' | '”' | '"')),
                Family::StraightDouble => matches!(first, Some('"' | '“')),
                Family::Single => first == Some('‘'),
                Family::SingleGuillemet => first == Some('‹'),
                Family::StraightSingle => false,
            }
        });
        if next_opens && outer.family != Family::StraightSingle {
            leaves_open = Some((outer.slot, outer.family));
        }
    }
    for (k, o) in stack.iter().enumerate() {
        if k == 0 && leaves_open.is_some() {
            continue;
        }
        if o.family == Family::StraightSingle {
            b.dead[o.slot] = true;
            continue;
        }
        let q = &b.quotes[o.slot];
        push_capped(
            findings,
            Finding::new(
                Code::UnbalancedQuote,
                q.open.clone(),
                format!(
                    "Opening {} is never closed: add the closing {} where the quote ends (if the quote runs on, open the next paragraph with {}).",
                    &text[q.open.clone()],
                    o.family.close_char(),
                    o.family.open_char()
                ),
            ),
        );
    }
    leaves_open
}

/// Whether another right-flanking `mark` follows within a short window (bounded lookahead).
fn later_closer(s: &str, from: usize, mark: char) -> bool {
    let end = (from + 400).min(s.len());
    let end = (end..=s.len())
        .find(|&e| s.is_char_boundary(e))
        .unwrap_or(s.len());
    let window = &s[from..end];
    let mut prev = None;
    let mut it = window.chars().peekable();
    while let Some(c) = it.next() {
        if c == mark && !is_space(prev) && !is_word(it.peek().copied()) {
            return true;
        }
        prev = Some(c);
    }
    false
}

#[allow(clippy::too_many_arguments)]
fn open(
    b: &mut Builder,
    stack: &mut Vec<Open>,
    family: Family,
    span: Span,
    misused: bool,
    pi: usize,
    at_start: bool,
    pending: Option<(usize, Family)>,
) {
    let continues = pending
        .filter(|_| at_start && stack.is_empty())
        .map(|(q, _)| q);
    let slot = b.quotes.len();
    b.quotes.push(Quote {
        open: span,
        close: None,
        paragraph: pi,
        kind: QuoteKind::Speech,
        nested_in: stack.last().map(|o| o.slot),
        continues,
        attribution: None,
        missing: None,
    });
    b.dead.push(false);
    b.family.push(family);
    b.misused_open.push(misused);
    stack.push(Open { family, slot });
}

fn close(
    b: &mut Builder,
    stack: &mut Vec<Open>,
    family: Family,
    span: Span,
    misused: bool,
    findings: &mut Vec<Finding>,
) {
    let Some(k) = stack.iter().rposition(|o| o.family == family) else {
        if family != Family::StraightSingle && family != Family::Single {
            push_capped(
                findings,
                Finding::new(
                    Code::UnbalancedQuote,
                    span,
                    format!(
                        "Closing {} has no opening mark: add {} where the quote starts, or remove this one.",
                        family.close_char(),
                        family.open_char()
                    ),
                ),
            );
        }
        return;
    };
    // Marks opened inside and never closed.
    for o in stack.drain(k + 1..) {
        if o.family == Family::StraightSingle {
            b.dead[o.slot] = true;
            continue;
        }
        let q = &b.quotes[o.slot];
        let mut f = Finding::new(
            Code::UnbalancedQuote,
            q.open.clone(),
            format!(
                "Opening {} is never closed: add the closing {} where the inner quote ends, or remove this one.",
                o.family.open_char(),
                o.family.close_char()
            ),
        );
        f.related.push(Related {
            span: span.clone(),
            message: "the enclosing quote closes here".into(),
        });
        push_capped(findings, f);
    }
    let o = stack.pop().expect("rposition found it");
    if misused {
        let fix_text = family.close_char().to_owned();
        let mut f = Finding::new(
            Code::MisusedQuoteMark,
            span.clone(),
            format!(
                "Opening mark {} used to close a quote: replace it with {}.",
                family.open_char(),
                family.close_char()
            ),
        );
        f.fixes.push(Fix {
            title: format!("Replace with {}", family.close_char()),
            edits: vec![Replacement {
                span: span.clone(),
                text: fix_text,
            }]
            .into(),
            preferred: true,
        });
        push_capped(findings, f);
    }
    b.quotes[o.slot].close = Some(span);
}

/// The quoted words of `quote`: up to the closing mark, or to the end of the paragraph when
/// the quote runs on (multi-paragraph or unclosed).
pub fn quoted_text(quote: &Quote, paragraphs: &[Paragraph]) -> Span {
    match &quote.close {
        Some(c) => quote.open.end..c.start.max(quote.open.end),
        None => {
            let end = paragraphs
                .get(quote.paragraph)
                .map_or(quote.open.end, |p| p.span.end.max(quote.open.end));
            quote.open.end..end
        }
    }
}

const SMALL_TITLE_WORDS: &[&str] = &[
    "the", "of", "a", "an", "and", "in", "on", "at", "to", "for", "de", "du", "des", "la", "le",
    "les", "et", "à", "en", "d", "l", "by", "with", "or",
];

/// Whether `w`, lower-cased and trimmed of non-letters, is one of [`SMALL_TITLE_WORDS`]
/// (without allocating).
fn is_small_title_word(w: &str) -> bool {
    let core = w.trim_matches(|c: char| !c.is_alphabetic());
    core.len() <= 16
        && SMALL_TITLE_WORDS
            .iter()
            .any(|sw| core.chars().flat_map(char::to_lowercase).eq(sw.chars()))
}

/// Whether a title noun names the quote right after its closing mark: `“Today” programme`
/// (English puts the title before its noun) or an apposition `« … », l’hymne repris …` (a
/// comma, a determiner, a title noun not followed by a reporting verb).
fn titled_after(text: &str, q: &Quote, lex: &AttributionLexicon, buf: &mut String) -> bool {
    let Some(close) = &q.close else {
        return false;
    };
    let mut end = (close.end + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &text[close.end..end];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let rest = &rest[..line_end];
    let comma = rest.trim_start().starts_with(',');
    let mut words = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | ','))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
    let Some(first) = words.next() else {
        return false;
    };
    let first = lexicon::normalize(first, buf).to_owned();
    if !comma {
        // Only the English order: a title noun glued after the quote (not `« … » chanson`).
        return !lex.adjectives_follow_nouns && lex.is(&first, word::TITLE_INTRO);
    }
    // `« Les Heures creuses », adaptation du roman …`: an apposed title noun without its
    // article, then its complement.
    if lex.is(&first, word::TITLE_INTRO) {
        let next = words.next().map(|w| lexicon::normalize(w, buf).to_owned());
        return next.is_some_and(|w| lex.is(&w, word::PREP));
    }
    // `l’hymne`: the elided article was cut at its apostrophe.
    if !lex.is(&first, word::DET) && !lex.is(&format!("{first}'"), word::DET) {
        return false;
    }
    // The title noun, after up to three modifiers (`son septième roman`, `le huitième et
    // dernier épisode`, `his latest album`).
    for _ in 0..4 {
        let Some(noun) = words.next() else {
            return false;
        };
        let noun = lexicon::normalize(noun, buf).to_owned();
        if lex.is(&noun, word::TITLE_INTRO) {
            let next = words.next().map(|w| lexicon::normalize(w, buf).to_owned());
            return next.is_none_or(|w| !lex.is(&w, word::VERB) && !lex.is(&w, word::AUX));
        }
        if lex.is(&noun, word::VERB)
            || lex.is(&noun, word::AUX)
            || lex.is(&noun, word::PREP)
            || lex.is(&noun, word::DET)
        {
            return false;
        }
    }
    false
}

/// `« La Saison des vitres », de Solène Ardouin, Verdier, 288 p.`: a credit line, the quote
/// then `de`/`by` and a name of two capitalised words, is a work's title.
fn credited_after(text: &str, q: &Quote) -> bool {
    let Some(close) = &q.close else {
        return false;
    };
    let mut end = (close.end + 80).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &text[close.end..end];
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let Some(rest) = rest.trim_start().strip_prefix(',') else {
        return false;
    };
    let mut words = rest.split_whitespace();
    if !matches!(words.next(), Some("de" | "by")) {
        return false;
    }
    let capital = |w: Option<&str>| {
        w.and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let (a, b) = (words.next(), words.next());
    capital(a) && capital(b) && b.is_some_and(|b| b.ends_with(',') || b.ends_with('.'))
}

/// Speech, partial, title or scare quote.
fn classify(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &[Quote],
    i: usize,
    lex: &AttributionLexicon,
    window: usize,
    buf: &mut String,
) -> QuoteKind {
    let q = &quotes[i];
    let mut content_span = quoted_text(q, paragraphs);
    // A quote that runs to the end of a huge paragraph is judged on its first words.
    if content_span.len() > window {
        let mut end = content_span.start + window;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        content_span.end = end;
    }
    let content = text[content_span.clone()].trim();

    // Italics around or inside the marks: a title in Markdown.
    let before = text[..q.open.start].chars().next_back();
    let after = q.close.as_ref().and_then(|c| text[c.end..].chars().next());
    let italic = |c: Option<char>| matches!(c, Some('*' | '_'));
    if (italic(before) && italic(after))
        || (content.len() > 2
            && ((content.starts_with('*') && content.ends_with('*'))
                || (content.starts_with('_') && content.ends_with('_'))))
    {
        return QuoteKind::Title;
    }
    let runs_on = q.close.is_none()
        && quotes
            .iter()
            .skip(i + 1)
            .take(4)
            .any(|n| n.continues == Some(i));
    if q.continues.is_some() || runs_on {
        return QuoteKind::Speech;
    }
    let inner = content
        .trim_start_matches(['…', '.', ' ', '\u{a0}', '\u{202f}', '-', '—'])
        .trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    // The words (with a letter or digit), up to nine: past eight, only "many" matters.
    let mut word_buf: [&str; 9] = [""; 9];
    let mut n = 0;
    for w in inner.split(|c: char| c.is_whitespace()) {
        if w.chars().any(char::is_alphanumeric) {
            word_buf[n] = w;
            n += 1;
            if n == word_buf.len() {
                break;
            }
        }
    }
    let words = &word_buf[..n];
    // The word right before the opening mark: émission, show, opération …
    let mut lead_start = paragraphs
        .get(q.paragraph)
        .map_or(0, |p| p.span.start)
        .max(q.open.start.saturating_sub(200));
    while !text.is_char_boundary(lead_start) {
        lead_start += 1;
    }
    let lead = &text[lead_start..q.open.start];
    // (`un slogan : « … »`: a colon after a title word still introduces the title.)
    let prev_word = lead
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '(' | ','))
        .find(|w| !w.is_empty() && *w != ":")
        .unwrap_or("");
    let prev_norm = lexicon::normalize(
        prev_word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
        buf,
    );
    let ends_terminal = inner.ends_with(['.', '!', '?', '…']) || inner.ends_with("...");
    let first_alpha = inner.chars().find(|c| c.is_alphabetic());
    let capitalised = first_alpha.is_some_and(char::is_uppercase)
        || (first_alpha.is_none() && inner.chars().next().is_some_and(char::is_numeric));
    // `l’émission « Envoyé spécial »`: a capitalised name right after a title word; also
    // behind an article (`surnommé « le Viking »`), and, where the full stop sits inside the
    // marks, with it (`a plan known as “Vision 2040.”`).
    let named_after_article = words.len() >= 2
        && lex.is(lexicon::normalize(words[0], &mut String::new()), word::DET)
        && words[1].chars().next().is_some_and(char::is_uppercase);
    let short_with_stop = inner.ends_with('.') && n <= 4 && !lex.adjectives_follow_nouns;
    // Two-word introducers (`known as`, `mot d’ordre`).
    let mut lead_words = lead
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | ','))
        .filter(|w| !w.is_empty() && *w != ":")
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'')
        });
    let (last, before) = (lead_words.next(), lead_words.next());
    let pair = match (before, last) {
        (Some(b), Some(l)) => {
            let (mut b1, mut b2) = (String::new(), String::new());
            format!(
                "{} {}",
                lexicon::normalize(b, &mut b1),
                lexicon::normalize(l, &mut b2)
            )
        }
        _ => String::new(),
    };
    // The introducer stands right before the mark, not across a sentence or another quote.
    let glued = lead
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ':' || c == ',');
    let introduced =
        glued && (lex.is(prev_norm, word::TITLE_INTRO) || lex.is(&pair, word::TITLE_INTRO));
    // `le porte-parole du « Conseil de défense de Kalinets »`: a capitalised name after a
    // contracted article, with no verb or pronoun in it, names an organisation.
    let after_contraction = lex.adjectives_follow_nouns
        && lex.title_contractions.contains(prev_norm)
        && (1..=6).contains(&n)
        && !ends_terminal
        && !inner.contains([',', ';', ':'])
        && words.iter().all(|w| {
            let mut b = String::new();
            let w = lexicon::normalize(w.trim_matches(|c: char| !c.is_alphanumeric()), &mut b);
            !lex.is(w, word::VERB) && !lex.is(w, word::AUX) && lex.pronoun(w).is_none()
        });
    // `ont surnommé le décor « la Baleine »`: a name given a few words after a naming verb.
    let named_by_verb = glued
        && n <= 6
        && !inner.contains([',', ';', ':'])
        && lead
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '’' | '\''))
            .filter(|w| !w.is_empty())
            .take(4)
            .take_while(|w| !w.ends_with(['.', '!', '?', ';', ':', '»', '”', '"']))
            .any(|w| {
                let mut b = String::new();
                lex.naming_verbs
                    .contains(lexicon::normalize(w.trim_end_matches(','), &mut b))
            });
    if named_by_verb && (!ends_terminal || short_with_stop) && (capitalised || named_after_article)
    {
        return QuoteKind::Title;
    }
    if glued && capitalised && after_contraction {
        return QuoteKind::Title;
    }
    if introduced
        && n <= 8
        && (!ends_terminal || short_with_stop)
        && (capitalised || named_after_article)
    {
        return QuoteKind::Title;
    }
    // `des pancartes proclamant « Touche pas à mon roman »`, `signs reading “Fix Our Roads.”`:
    // a short quote a few words after something that carries slogans.
    let one_sentence = !inner
        .trim_end_matches(['.', '!', '?', '…'])
        .contains(['.', '!', '?', ';', ':']);
    if n <= 8 && one_sentence && !lead.trim_end().ends_with(':') {
        let near = lead
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '(' | ','))
            .filter(|w| !w.is_empty())
            .take(4);
        let mut b = String::new();
        if near
            .map(|w| {
                lexicon::normalize(
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
                    &mut b,
                )
                .to_owned()
            })
            .any(|w| lex.slogan_carriers.contains(&w))
        {
            return QuoteKind::Title;
        }
    }
    if n <= 8 && one_sentence && !lead.trim_end().ends_with(':') {
        // `les supporters chantaient encore « Allez Castres ! »`: sung or chanted words.
        let mut b = String::new();
        let sung = lead
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '’' | '\''))
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                lex.performance_verbs
                    .contains(lexicon::normalize(w, &mut b))
            });
        if sung || titled_after(text, q, lex, &mut b) || credited_after(text, q) {
            return QuoteKind::Title;
        }
    }
    // `“Save Maple Street.”`: a short title-case phrase, even with a full stop, is a name.
    let terminal_only = ends_terminal && one_sentence && (2..=6).contains(&n);
    let title_case = (terminal_only || (2..=8).contains(&n) && !ends_terminal)
        // A comma closing the quote (`the "Clean Water Act,"`) is the sentence's, not the
        // title's.
        && !inner.trim_end_matches(',').contains([',', ';', ':'])
        && words.iter().enumerate().all(|(k, w)| {
            let first = w.chars().find(|c| c.is_alphabetic());
            first.is_some_and(char::is_uppercase)
                || (k > 0 && is_small_title_word(w))
                || first.is_none()
        })
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            >= 2;
    if title_case {
        return QuoteKind::Title;
    }
    let after_colon = lead.trim_end().ends_with(':');
    let starts_ellipsis = content.starts_with(['…', '.']);
    if n == 0 {
        return QuoteKind::Scare;
    }
    if (capitalised || starts_ellipsis) && (n >= 3 || ends_terminal) {
        return QuoteKind::Speech;
    }
    if after_colon && n >= 3 {
        return QuoteKind::Speech;
    }
    if n >= 8 {
        return QuoteKind::Speech;
    }
    if n <= 2 && !ends_terminal {
        return QuoteKind::Scare;
    }
    QuoteKind::Partial
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment;

    fn run(text: &str, lang: Language) -> (Vec<Quote>, Vec<Finding>) {
        let p = segment::paragraphs(text, false);
        let mut f = Vec::new();
        let q = find_quotes(text, &p, lang, &mut f);
        (q, f)
    }

    fn contents(text: &str, lang: Language) -> Vec<String> {
        let p = segment::paragraphs(text, false);
        let (q, _) = run(text, lang);
        q.iter()
            .map(|q| text[quoted_text(q, &p)].trim().to_owned())
            .collect()
    }

    #[test]
    fn guillemets_with_any_spacing() {
        let t = "Il a dit « oui », puis «\u{202f}non\u{202f}» et «\u{a0}peut-être\u{a0}».";
        let (q, f) = run(t, Language::French);
        assert_eq!(q.len(), 3);
        assert!(f.is_empty(), "{f:?}");
        assert!(q.iter().all(|q| q.close.is_some()));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let t = "L’armée n’a pas bougé, don’t, Prigozhin’s men, the players’ union, l'État.";
        let (q, f) = run(t, Language::English);
        assert!(q.is_empty(), "{q:?}");
        assert!(f.is_empty(), "{f:?}");
        let t = "He called it ‘the players’ union’ and left.";
        assert_eq!(contents(t, Language::English), vec!["the players’ union"]);
    }

    #[test]
    fn nesting() {
        let t = "« Il m’a dit : “ Partez ”, et je suis parti », raconte-t-elle.";
        let (q, f) = run(t, Language::French);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].nested_in, Some(0));
        let t = "« La menace « grandit » vraiment », dit-il.";
        let (q, _) = run(t, Language::French);
        assert_eq!(q[1].nested_in, Some(0));
        assert_eq!(
            q[0].close.as_ref().map(|c| c.start),
            Some(t.find("»,").unwrap())
        );
    }

    #[test]
    fn straight_quotes_pair_left_to_right_and_odd_one_is_flagged() {
        let t = "He said \"yes\" and \"no\" and \"maybe.";
        let (q, f) = run(t, Language::English);
        assert_eq!(q.iter().filter(|q| q.close.is_some()).count(), 2);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, Code::UnbalancedQuote);
    }

    #[test]
    fn misused_closing_guillemet_gets_a_fix() {
        let t = "Il a qualifié les événements d' »extraordinaires », hier.";
        let (q, f) = run(t, Language::French);
        assert_eq!(q.len(), 1);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::MisusedQuoteMark);
        assert_eq!(f[0].fixes[0].edits[0].text, "« ");
        assert_eq!(q[0].kind, QuoteKind::Scare);
    }

    #[test]
    fn multi_paragraph_quotes_are_not_errors() {
        let t = "« Premier paragraphe du discours.\n« Deuxième paragraphe.\n» Troisième, à l’ancienne. »\n";
        let (q, f) = run(t, Language::French);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(q.len(), 3);
        assert_eq!(q[1].continues, Some(0));
        assert_eq!(q[2].continues, Some(1));
        let t = "“First paragraph.\n“Second one,” she said.\n";
        let (q, f) = run(t, Language::English);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(q[1].continues, Some(0));
        let t = "“Never closed.\nPlain text.\n";
        let (_, f) = run(t, Language::English);
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn titles_are_not_speech() {
        let t = "He spoke on “Meet the Press” and on the show “Tonight with friends” about “Make America Great Again”.";
        let (q, _) = run(t, Language::English);
        assert!(q.iter().all(|q| q.kind == QuoteKind::Title), "{q:?}");
        let t = "Invité de l’émission « Complément d’enquête », il a parlé.";
        let (q, _) = run(t, Language::French);
        assert_eq!(q[0].kind, QuoteKind::Title);
        let t = "Il lit « *Le Rouge et le noir* » chaque été.";
        let (q, _) = run(t, Language::French);
        assert_eq!(q[0].kind, QuoteKind::Title);
    }

    #[test]
    fn kinds() {
        let t = "Il juge la situation « fragile ». « Nous ne céderons pas », dit-il. Elle dénonce « une dérive très inquiétante ».";
        let (q, _) = run(t, Language::French);
        let k: Vec<_> = q.iter().map(|q| q.kind).collect();
        assert_eq!(
            k,
            vec![QuoteKind::Scare, QuoteKind::Speech, QuoteKind::Partial]
        );
    }
}

//! Attribution: who said each quote, or why no one is said to have said it.
//!
//! For each quote the copy desk looks, in order of reliability, for:
//! 1. an inverted incise after it (`« … », a déclaré M. X`, `», a-t-il ajouté`, `,” said X`,
//!    `,” she added`) or inside it (`« …, dit-il, … »`);
//! 2. a source phrase (`selon X`, `d’après X`, `according to X`);
//! 3. a reporting cue before it in the same sentence, whose subject is the speaker
//!    (`X a déclaré : «`, `X said that … “`, `X a qualifié … d’« … »`), or a participle or
//!    nominal cue (`affirmant`, `saying`, `dans un communiqué`) whose clause subject is;
//! 4. a lead-in sentence ending with a colon in the previous paragraph;
//! 5. context: a cue-less quote opening a sentence right after a sentence of the same paragraph
//!    whose subject is a person (`Volkov read a statement. “I am ashamed.”`), or followed by a
//!    sentence that resumes it (`« … » Mireille Tardieu l’affirme.`) or whose subject is a
//!    person named in full (`“I lost everything.” Maria Lopes, 52, stood …`); an answer after
//!    a question in an interview section takes the person its sub-heading names (`Trois
//!    questions à X`);
//! 6. continuation: the previous quote of the same paragraph, or of the previous paragraph when
//!    nothing (a "read also" line, a heading, another speaker) intervenes.
//!
//! A definite role phrase (`la metteuse en scène`, `the 34-year-old`) is the person the article
//! introduced with that role or a related one; failing that, when it describes a person rather
//! than an office (`le président` stays unnamed unless `futur`, `ancien`, an age … says
//! otherwise), the nearest person of agreeing gender a few paragraphs back. Epithets count as
//! such descriptions: an age noun (`le septuagénaire`), a court epithet (`le prévenu`,
//! `l’intéressée`), or a demonym after a definite article (`la Clermontoise`, `the
//! Argentinian`; endings in the lexicon's `demonym_endings`), never an institution. A phrase
//! standing for an office (`la cheffe du gouvernement`, lexicon `role_periphrases`) refers back
//! to that office's holder; a bare unnamed source (`cette source`, `the official`) takes up
//! the unnamed source quoted just before or the nearest one introduced with an indefinite
//! article. Nouns for a person by who they are (`la mère de famille`, `the widow`, lexicon
//! `person_nouns`) and demonstrative descriptions (`cette aide-soignante`) refer back the same
//! way; a possessive one (`sa professeure`) only to someone introduced in that role. An
//! office no one in reach was introduced with is the last speaker's when the article gave them
//! that role anywhere before, else the office of the person named in full as the subject of
//! the sentence just before (`Arnaud Vételay est monté à la tribune. Le ministre …`).
//!
//! A cue-less quote that opens its own sentence takes the subject of the sentence before when
//! that sentence reports speech or the quote speaks in the first person; titles, scare and
//! partial quotes before it in the paragraph do not stop this, and the subject may sit behind a
//! cleft (`C’est là que X …`) or a source opening (`Pour elle, …`). An entry of a live page
//! (`12h35 — …`) is read on its own: its pronouns do not reach into the entry before. A quote
//! still without a speaker whose words another quote repeats with one (a headline quoting the
//! body) is that speaker's ([`AttributionMethod::Echo`]). A capitalised first word that the
//! names pass took for no mention is never a speaker without a reporting verb (`Power cuts
//! could last …`).
//!
//! Exchanges of questions and answers (trials, interviews, often laid out with dialogue
//! dashes) alternate speakers ([`AttributionMethod::Exchange`]): a cue-less paragraph after a
//! question put to someone (`?` and `you`/`vous`, or `Mr Lamb`) answers it, and is the other
//! party's — the last other speaker, or a person a paragraph of narrative brought in (`On
//! cross-examination, defense attorney X …`); the next question after a short answer is the
//! questioner's; the first question after a lead-in ending with a colon is asked by the last
//! person the lead-in names. A rhetorical question after a long statement stays its
//! speaker's. `X, pour qui « … »` and `selon qui` take the relative's antecedent, behind an
//! apposition. Between an inverted verb and its subject, times (`jeudi matin`, `la semaine
//! dernière`), addressees (`auprès de 20 Minutes`, `lui`) and a second role phrase in
//! apposition (`le médiateur de l’OCBO, le diplomate X`) are read through; a dateline
//! (`PARIS (AFP) –`) and openers that follow one another (`In the camp, 20km from the
//! border, X …`) are skipped to find a sentence's subject.
//!
//! A sentence about the words just quoted names their speaker (`La formule est signée de X`,
//! `Le courriel est adressé … par X`; lexicon `quote_nouns`); a narrative infinitive (`Et de
//! prévenir : « … »`), a gerund (`en dénonçant « … »`) and a relative clause on the speaker
//! (`X, qui a reconnu une « … »`) go on with the speaker before. A pronoun tells the gender of
//! whoever it took up; a description given an age (`la professeure, 52 ans`) is never a
//! person the article gave another age; an organisation the article typed by a cue anywhere
//! is an unnamed source.
//!
//! The speaker words are found in the text by this module (title + name, a name in apposition
//! to a role, a role or institution alone, a pronoun); when the names pass has found mentions,
//! the speaker is linked to the mention under those words. Pronouns resolve to the subject of a
//! previous sentence, the last speaker, or the last person-like name, with gender from titles.
//! Every window is bounded (the quote's sentence, a few paragraphs back), so the pass is linear
//! in the size of the article.
//!
//! Raises `unattributed-quote` on speech with no speaker (saying why) and `unnamed-source` on
//! quotes attributed to a role or institution only.

use super::lang;
use super::lexicon::FxHashMap as HashMap;
use super::lexicon::{self, AttributionLexicon, PronounKind, WordInfo, word};
use super::quotes::quoted_text;
use super::reuse::ByText;
use super::segment::{self, Paragraph, ParagraphKind};
use super::{
    Attribution, AttributionMethod, Code, Entity, Finding, Gender, Language, Mention,
    MissingReason, Quote, QuoteKind, Span,
};

/// Fills `attribution` or `missing` on every quote and raises `unattributed-quote` and
/// `unnamed-source`.
pub fn attribute(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &mut [Quote],
    mentions: &[Mention],
    entities: &[Entity],
    language: Language,
    findings: &mut Vec<Finding>,
) {
    attribute_reusing(
        text, paragraphs, quotes, mentions, entities, language, findings, None,
    )
}

/// Tokenised paragraphs kept from one analysis of a document to the next (see
/// [`attribute_reusing`]): a paragraph's tokens and sentences depend only on its text, the
/// spans of its quotes and the lexicon it is read with, and are reused when all three are the
/// same. Offsets are kept relative to the paragraph's start.
#[derive(Default)]
pub struct TokenCache {
    /// A few tokenisations per paragraph text (the same text may have other quotes).
    pub paragraphs: ByText<Vec<CachedToks>>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("reused", &self.paragraphs.reused)
            .field("computed", &self.paragraphs.computed)
            .finish_non_exhaustive()
    }
}

/// One paragraph's tokens as kept by [`TokenCache`], with what they were read from.
pub struct CachedToks {
    language: Language,
    /// The paragraph's quote spans, relative to its start.
    quotes: Vec<(usize, usize)>,
    /// Spans relative to the paragraph's start.
    toks: Toks,
}

impl Toks {
    /// The same tokens with every span moved by `+by` or `-by`.
    fn shifted(&self, by: usize, forward: bool) -> Toks {
        let m = |x: usize| if forward { x + by } else { x - by };
        Toks {
            toks: self
                .toks
                .iter()
                .map(|t| Tok {
                    span: m(t.span.start)..m(t.span.end),
                    ..t.clone()
                })
                .collect(),
            norm: self.norm.clone(),
            sentences: self
                .sentences
                .iter()
                .map(|s| m(s.start)..m(s.end))
                .collect(),
        }
    }
}

/// [`attribute`], taking each paragraph's tokens from `cache` when the same paragraph was read
/// before with the same quotes and lexicon. Same result as [`attribute`].
#[allow(clippy::too_many_arguments)]
pub fn attribute_reusing(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &mut [Quote],
    mentions: &[Mention],
    entities: &[Entity],
    language: Language,
    findings: &mut Vec<Finding>,
    mut cache: Option<&mut TokenCache>,
) {
    if let Some(cache) = cache.as_deref_mut() {
        cache.paragraphs.start();
    }
    if quotes.is_empty() {
        return;
    }
    let lex = lexicon::attribution(language);
    let mut cx = Cx {
        text,
        paragraphs,
        lex,
        language,
        mentions,
        entities,
        cache: Vec::new(),
        live: Vec::new(),
        last_speaker: None,
        office_holders: HashMap::default(),
        reuse: cache,
    };
    // Pass 1: direct attribution, in text order (pronouns need the speakers before them).
    for qi in 0..quotes.len() {
        if quotes[qi].nested_in.is_some() || quotes[qi].kind == QuoteKind::Title {
            continue;
        }
        cx.use_paragraph(quotes, quotes[qi].paragraph);
        // (`« On roule ou pas ? », a-t-on entendu`: no one's words, whoever the sentence
        // before was about.)
        let found = cx.direct(quotes, qi).or_else(|| {
            if cx.impersonal(quotes, qi) {
                None
            } else {
                cx.context(quotes, qi)
            }
        });
        if found.is_none() {
            // `« … », a-t-il précisé, estimant que « … »`: the participle's subject is the
            // speaker of the quote before it in the sentence.
            if let Some((from, cue)) = cx.participle_after_quote(quotes, qi) {
                if let Some(a) = quotes[from].attribution.clone() {
                    quotes[qi].attribution = Some(Attribution {
                        method: AttributionMethod::Participle,
                        cue: Some(cue),
                        ..a
                    });
                    continue;
                }
            }
        }
        if let Some(found) = found {
            if found.speaker.named || found.speaker.pronoun.is_none() {
                // With its gender, so a pronoun of the other gender never refers to it.
                let speaker = cx.with_entity_gender(found.speaker.clone());
                cx.last_speaker = Some((speaker, quotes[qi].paragraph));
            }
            quotes[qi].attribution = Some(cx.to_attribution(found));
        }
    }
    // Pass 2: multi-paragraph quotes share a speaker, whichever piece names it.
    for qi in 0..quotes.len() {
        if let Some(prev) = quotes[qi].continues {
            if quotes[qi].attribution.is_none() && quotes[prev].attribution.is_some() {
                quotes[qi].attribution = Some(continued(&quotes[prev], prev));
            }
        }
    }
    for qi in (0..quotes.len()).rev() {
        if let Some(prev) = quotes[qi].continues {
            if quotes[prev].attribution.is_none() && quotes[qi].attribution.is_some() {
                quotes[prev].attribution = Some(continued(&quotes[qi], qi));
            }
        }
    }
    // Pass 3: continuation of the previous quote (same paragraph, then previous paragraph).
    for qi in 0..quotes.len() {
        if quotes[qi].nested_in.is_some()
            || quotes[qi].attribution.is_some()
            || quotes[qi].kind != QuoteKind::Speech
        {
            continue;
        }
        cx.use_paragraph(quotes, quotes[qi].paragraph);
        match cx.continuation(quotes, qi) {
            Ok(from) => {
                quotes[qi].attribution = Some(
                    cx.other_party(quotes, qi, from)
                        .unwrap_or_else(|| continued(&quotes[from], from)),
                );
            }
            Err(reason) => {
                if reason == MissingReason::NoCue {
                    if let Some(a) = cx.questioner(quotes, qi) {
                        quotes[qi].attribution = Some(a);
                        continue;
                    }
                }
                let reason = if reason == MissingReason::NoCue && cx.impersonal(quotes, qi) {
                    MissingReason::Impersonal
                } else {
                    reason
                };
                quotes[qi].missing = Some(reason);
            }
        }
    }
    // Pass 4: a quote with no speaker whose words are quoted again with a speaker (the
    // headline `‘We will not sign our own death certificate’: …` and the body's `“We will not
    // sign our own death certificate,” said …`) is theirs.
    echoes(text, paragraphs, quotes);
    // Pass 5: nested quotes are reported by whoever speaks the enclosing quote.
    for qi in 0..quotes.len() {
        if let Some(outer) = quotes[qi].nested_in {
            quotes[qi].attribution = quotes[outer].attribution.clone();
            quotes[qi].missing = None;
        }
    }
    // Findings.
    for q in quotes.iter() {
        if q.nested_in.is_some() || q.kind == QuoteKind::Title {
            continue;
        }
        let in_prose = paragraphs
            .get(q.paragraph)
            .is_some_and(|p| p.kind == ParagraphKind::Prose);
        let span = q.span().start..quoted_text(q, paragraphs).end.max(q.span().end);
        if let Some(a) = &q.attribution {
            if !a.named && matches!(q.kind, QuoteKind::Speech | QuoteKind::Partial) {
                let who = text.get(a.speaker.clone()).unwrap_or("");
                findings.push(Finding::new(
                    Code::UnnamedSource,
                    span,
                    format!(
                        "Quote attributed to an unnamed source ({who}): name the speaker if the house style asks for named sources."
                    ),
                ));
            }
        } else if q.kind == QuoteKind::Speech && in_prose {
            let why = match q.missing.unwrap_or(MissingReason::NoCue) {
                MissingReason::NoCue => {
                    "no reporting cue nearby (« …, a déclaré X », “…,” X said, selon X)".to_owned()
                }
                MissingReason::Impersonal => {
                    "only an impersonal or agentless construction introduces it (« il a été décidé que », “it was said”)".to_owned()
                }
                MissingReason::BrokenContinuation => {
                    let what = cx.breaker(q.paragraph);
                    format!("it would continue the previous paragraph's quote, but {what} comes in between")
                }
            };
            findings.push(Finding::new(
                Code::UnattributedQuote,
                span,
                format!("Quote with no speaker: {why}. Say who said it."),
            ));
        }
    }
}

/// The fewest words a quote must have for its echo elsewhere to name its speaker.
const ECHO_MIN_WORDS: usize = 3;

/// How many quotes holding an orphan's first words are compared with it, nearest first.
const ECHO_MAX_CANDIDATES: usize = 64;

/// Gives each unattributed speech or partial quote of at least [`ECHO_MIN_WORDS`] words the
/// speaker of another quote that contains the same words (case, apostrophes and punctuation
/// aside) and has a speaker of its own. The quotes with a speaker are indexed by each run of
/// [`ECHO_MIN_WORDS`] words they hold, so that an orphan is compared only with the quotes that
/// hold its first words: linear in the size of the article.
fn echoes(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote]) {
    let words_of = |q: &Quote| -> Vec<String> {
        text.get(quoted_text(q, paragraphs))
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let orphans: Vec<usize> = (0..quotes.len())
        .filter(|&qi| {
            let q = &quotes[qi];
            q.attribution.is_none()
                && q.nested_in.is_none()
                && matches!(q.kind, QuoteKind::Speech | QuoteKind::Partial)
        })
        .collect();
    if orphans.is_empty() {
        return;
    }
    let sources: Vec<(usize, Vec<String>)> = (0..quotes.len())
        .filter(|&qi| {
            quotes[qi].attribution.is_some()
                && quotes[qi].nested_in.is_none()
                && quotes[qi].kind != QuoteKind::Title
        })
        .map(|qi| (qi, words_of(&quotes[qi])))
        .collect();
    let mut by_words: HashMap<&[String], Vec<usize>> = HashMap::default();
    for (n, (_, w)) in sources.iter().enumerate() {
        for run in w.windows(ECHO_MIN_WORDS) {
            let list = by_words.entry(run).or_default();
            if list.last() != Some(&n) {
                list.push(n);
            }
        }
    }
    for qi in orphans {
        let words = words_of(&quotes[qi]);
        if words.len() < ECHO_MIN_WORDS {
            continue;
        }
        let Some(candidates) = by_words.get(&words[..ECHO_MIN_WORDS]) else {
            continue;
        };
        // The nearest quote that holds the same words.
        let nearest = candidates.partition_point(|&n| sources[n].0 < qi);
        let lo = nearest.saturating_sub(ECHO_MAX_CANDIDATES / 2);
        let hi = (nearest + ECHO_MAX_CANDIDATES / 2).min(candidates.len());
        let from = candidates[lo..hi]
            .iter()
            .map(|&n| &sources[n])
            .filter(|(_, w)| w.windows(words.len()).any(|win| win == words.as_slice()))
            .min_by_key(|(si, _)| si.abs_diff(qi))
            .map(|(si, _)| *si);
        if let Some(from) = from {
            let a = quotes[from]
                .attribution
                .clone()
                .expect("sources are attributed");
            quotes[qi].attribution = Some(Attribution {
                method: AttributionMethod::Echo { from },
                cue: None,
                ..a
            });
            quotes[qi].missing = None;
        }
    }
}

/// Whether paragraph `p` holds a quote (`quotes` in text order).
fn has_quote(quotes: &[Quote], p: usize) -> bool {
    quotes
        .get(quotes.partition_point(|q| q.paragraph < p))
        .is_some_and(|q| q.paragraph == p)
}

fn continued(from_quote: &Quote, from: usize) -> Attribution {
    let a = from_quote
        .attribution
        .clone()
        .expect("called on attributed quotes");
    Attribution {
        method: AttributionMethod::Continuation { from },
        cue: None,
        ..a
    }
}

/// The speaker words found for a quote, before they become an [`Attribution`].
#[derive(Debug, Clone)]
struct Speaker {
    span: Span,
    named: bool,
    gender: Option<Gender>,
    /// For a pronoun: the pronoun itself, and what it refers to.
    pronoun: Option<Span>,
    plural: bool,
}

struct Found {
    speaker: Speaker,
    method: Method,
    cue: Option<Span>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Incise,
    CueBefore,
    CueThat,
    Source,
    Participle,
    Context,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Punct,
}

/// A word or punctuation mark of a paragraph.
#[derive(Debug, Clone)]
struct Tok {
    span: Span,
    /// Range of the lower-cased, apostrophe-folded form in [`Toks::norm`].
    norm: std::ops::Range<u32>,
    kind: TokKind,
    /// Inside some quote's words (or a quote mark).
    quoted: bool,
    sentence: u32,
    /// What the lexicon says of the normalised word.
    info: WordInfo,
}

/// One paragraph cut into tokens and sentences.
struct Toks {
    toks: Vec<Tok>,
    norm: String,
    sentences: Vec<Span>,
}

impl Toks {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| {
            &self.norm[t.norm.start as usize..t.norm.end as usize]
        })
    }
    /// What the lexicon says of token `i` (nothing past the end).
    #[inline]
    fn info(&self, i: usize) -> WordInfo {
        self.toks.get(i).map_or(WordInfo::default(), |t| t.info)
    }
    /// Whether token `i` is in the word class `flag` (a bit of [`word`]).
    #[inline]
    fn has(&self, i: usize, flag: u32) -> bool {
        self.toks.get(i).is_some_and(|t| t.info.flags & flag != 0)
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }
    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && self.w(i) == p)
    }
    /// First token at or after byte `pos`.
    fn at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < pos)
    }
}

const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn tokenize(text: &str, para: &Paragraph, quote_spans: &[Span], lex: &AttributionLexicon) -> Toks {
    let s = &text[para.span.clone()];
    let base = para.span.start;
    let mut toks = Vec::with_capacity(s.len() / 5 + 1);
    let mut norm = String::with_capacity(s.len());
    let push = |toks: &mut Vec<Tok>, norm: &mut String, span: Span, kind: TokKind| {
        let n0 = norm.len();
        lexicon::normalize_into(&text[span.clone()], norm);
        let info = lex.info(&norm[n0..]);
        toks.push(Tok {
            span,
            norm: n0 as u32..norm.len() as u32,
            kind,
            quoted: false,
            sentence: 0,
            info,
        });
    };
    let bytes = s.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            s[i..].chars().next().expect("on a char boundary")
        };
        if c.is_whitespace() || c == '\u{feff}' {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            // A word: letters, digits, inner hyphens and apostrophes, inner dots of U.S.
            let mut end = i + c.len_utf8();
            // Tracked as the word grows: every char so far is a capital or a period; the word
            // has a period; the length of the run of letters/digits ending the word.
            let mut caps_and_dots = c.is_uppercase();
            let mut has_dot = false;
            let mut seg_len = 1usize;
            let mut apostrophe: Option<(usize, char)> = None;
            while end < bytes.len() {
                let db = bytes[end];
                if db.is_ascii_alphanumeric() {
                    end += 1;
                    seg_len += 1;
                    caps_and_dots &= db.is_ascii_uppercase();
                    continue;
                }
                let j = end;
                let d = s[j..].chars().next().expect("on a char boundary");
                // `U.S.`, `U.N.`: single capitals joined by periods are one word.
                if d == '.' && seg_len == 1 && caps_and_dots {
                    let mut rest = s[j + 1..].chars();
                    let (n1, n2) = (rest.next(), rest.next());
                    if n1.is_some_and(char::is_uppercase) && matches!(n2, Some('.')) || has_dot {
                        end = j + 1;
                        has_dot = true;
                        seg_len = 0;
                        continue;
                    }
                }
                if d.is_alphanumeric() || d == '\u{301}' {
                    end = j + d.len_utf8();
                    if d.is_alphanumeric() {
                        seg_len += 1;
                    } else {
                        seg_len = 0;
                    }
                    caps_and_dots &= d.is_uppercase();
                } else if matches!(d, '-' | '\'' | '’' | '‑') {
                    let after = s[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(char::is_alphanumeric) {
                        if apostrophe.is_none() && matches!(d, '\'' | '’') {
                            apostrophe = Some((j - i, d));
                        }
                        end = j + d.len_utf8();
                        seg_len = 0;
                        caps_and_dots = false;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            // Split elisions (l’armée → l’ + armée) and possessives (Kofman’s → Kofman + ’s).
            let mut start = i;
            if let Some((k, ap)) = apostrophe {
                let head = &word[..k];
                // A head that normalises to an elision has at most 6 chars.
                let elided = head.len() <= 24 && {
                    let mut b2 = String::new();
                    ELISIONS.contains(&lexicon::normalize(head, &mut b2))
                };
                if elided {
                    let cut = i + k + ap.len_utf8();
                    push(
                        &mut toks,
                        &mut norm,
                        base + start..base + cut,
                        TokKind::Word,
                    );
                    start = cut;
                } else if &word[k + ap.len_utf8()..] == "s" {
                    push(&mut toks, &mut norm, base + i..base + i + k, TokKind::Word);
                    start = i + k;
                }
            }
            if start < end {
                push(
                    &mut toks,
                    &mut norm,
                    base + start..base + end,
                    TokKind::Word,
                );
            }
            i = end;
            continue;
        }
        push(
            &mut toks,
            &mut norm,
            base + i..base + i + c.len_utf8(),
            TokKind::Punct,
        );
        i += c.len_utf8();
    }
    // Which tokens are quoted words; which sentence each token is in.
    let mut qi = 0;
    for t in toks.iter_mut() {
        while qi < quote_spans.len() && quote_spans[qi].end <= t.span.start {
            qi += 1;
        }
        // Quote spans may nest; the outermost covers the inner ones, checking a few suffices.
        t.quoted = quote_spans[qi..]
            .iter()
            .take(4)
            .any(|q| q.start <= t.span.start && t.span.end <= q.end);
    }
    let sentences = segment::sentences(text, para.span.clone());
    let mut si = 0usize;
    for t in toks.iter_mut() {
        while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
            si += 1;
        }
        t.sentence = si as u32;
    }
    // Multi-word reporting verbs (`a fait valoir`, `a mis en garde`): the first word is the
    // verb, the words after it are read like adverbs after a verb.
    for i in 0..toks.len() {
        for phrase in &lex.verb_phrases {
            let fits = phrase.iter().enumerate().all(|(d, w)| {
                toks.get(i + d).is_some_and(|t| {
                    t.kind == TokKind::Word
                        && norm[t.norm.start as usize..t.norm.end as usize] == **w
                })
            });
            if fits {
                toks[i].info.flags |= word::VERB;
                for t in &mut toks[i + 1..i + phrase.len()] {
                    t.info.flags |= word::ADVERB;
                }
                break;
            }
        }
    }
    Toks {
        toks,
        norm,
        sentences,
    }
}

struct Cx<'a> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    /// The lexicon of the paragraph being read (the article's, or the paragraph's own when it
    /// is written in the other language).
    lex: &'static AttributionLexicon,
    /// The article's language.
    language: Language,
    mentions: &'a [Mention],
    entities: &'a [Entity],
    /// Tokenised paragraphs, by paragraph index (tokenised on demand).
    cache: Vec<Option<std::rc::Rc<Toks>>>,
    /// The paragraphs in `cache` (so that evicting old ones does not rescan it).
    live: Vec<usize>,
    last_speaker: Option<(Speaker, usize)>,
    /// The person each office was last found to be held by (`ministre` → Arnaud Vételay),
    /// when the article gave it by description only: a later `le ministre` is them too.
    office_holders: HashMap<String, Speaker>,
    /// Tokens kept from the previous analysis of the document, when there is one.
    reuse: Option<&'a mut TokenCache>,
}

/// How far back (in paragraphs) a pronoun looks for its referent.
const PRONOUN_REACH: usize = 3;
/// How many tokens back a name is looked for (pronouns, roles).
const MAX_LOOKBACK_TOKENS: usize = 300;
/// How many earlier quotes of a paragraph are considered for a continuation.
const MAX_LOOKBACK_QUOTES: usize = 50;
/// How many paragraphs an interview section's answers may run after its sub-heading.
const MAX_INTERVIEW_PARAGRAPHS: usize = 12;
/// How many of a person's first mentions are read for the age the article gives them.
const AGE_MENTIONS: usize = 8;
/// How far back (in paragraphs) the role given to the last speaker is looked for.
const OFFICE_REACH: usize = 40;
/// The most words an answer has for the next cue-less question to be the other party's.
const EXCHANGE_ANSWER_WORDS: usize = 12;
/// How far back (in paragraphs) a definite role looks for the person it names.
const ROLE_REACH: usize = 6;
/// The longest speaker phrase read, in tokens.
const NP_REACH: usize = 14;
/// The longest introductory adverbial or participial phrase skipped before a sentence's
/// subject, in tokens (`Interrogée sur l’hypothèse d’un remaniement en cas de survie de son
/// gouvernement, la cheffe du gouvernement …`).
const MAX_OPENER_TOKENS: usize = 20;

/// How many words may stand between a cleft's `c’est` and its `que` (`C’est à ce moment-là
/// que`).
const MAX_CLEFT_TOKENS: usize = 6;

/// How many tokens a modifier between a subject and its verb may span (`Un banquier ayant
/// travaillé sur le dossier résume`).
const MAX_MODIFIER_TOKENS: usize = 12;
/// How far back (in paragraphs) a definite person description (`la metteuse en scène`, `the
/// 34-year-old`) looks for the last person when no one was introduced with its role.
const PERSON_REACH: usize = 4;
/// How far back (in paragraphs) such a description accepts a person of unknown gender.
const PERSON_REACH_ANY_GENDER: usize = 1;
/// How many person mentions such a description considers, nearest first.
const MAX_PERSON_CANDIDATES: usize = 40;

impl<'a> Cx<'a> {
    fn toks(&mut self, quotes: &[Quote], pi: usize) -> std::rc::Rc<Toks> {
        if self.cache.len() < self.paragraphs.len() {
            self.cache.resize(self.paragraphs.len(), None);
        }
        if let Some(t) = &self.cache[pi] {
            return t.clone();
        }
        let lo = quotes.partition_point(|q| q.paragraph < pi);
        let hi = quotes.partition_point(|q| q.paragraph <= pi);
        let spans: Vec<Span> = quotes[lo..hi]
            .iter()
            .map(|q| q.open.start..quoted_text(q, self.paragraphs).end.max(q.span().end))
            .collect();
        let language = self.language_of(quotes, pi);
        let lex = lexicon::attribution(language);
        let para = &self.paragraphs[pi];
        let t = std::rc::Rc::new(match self.reuse.as_deref_mut() {
            None => tokenize(self.text, para, &spans, lex),
            Some(reuse) => {
                let base = para.span.start;
                let relative: Vec<(usize, usize)> = spans
                    .iter()
                    .map(|s| (s.start.wrapping_sub(base), s.end.wrapping_sub(base)))
                    .collect();
                let (slot, reused, computed) = reuse.paragraphs.slot(&self.text[para.span.clone()]);
                match slot
                    .iter()
                    .find(|c| c.language == language && c.quotes == relative)
                {
                    Some(kept) => {
                        *reused += 1;
                        kept.toks.shifted(base, true)
                    }
                    None => {
                        *computed += 1;
                        let toks = tokenize(self.text, para, &spans, lex);
                        if slot.len() >= 4 {
                            slot.remove(0);
                        }
                        slot.push(CachedToks {
                            language,
                            quotes: relative,
                            toks: toks.shifted(base, false),
                        });
                        toks
                    }
                }
            }
        });
        // Keep only a small window of tokenised paragraphs alive.
        if pi >= ROLE_REACH + 2 {
            let floor = pi - ROLE_REACH - 1;
            let cache = &mut self.cache;
            self.live.retain(|&p| {
                if p < floor {
                    cache[p] = None;
                }
                p >= floor
            });
        }
        self.cache[pi] = Some(t.clone());
        self.live.push(pi);
        t
    }

    /// Reads the quotes of paragraph `pi` with that paragraph's lexicon.
    fn use_paragraph(&mut self, quotes: &[Quote], pi: usize) {
        self.lex = lexicon::attribution(self.language_of(quotes, pi));
    }

    /// The language whose cues paragraph `pi` uses: the article's, unless the paragraph is
    /// written in the other language ([`Paragraph::language`]) and its narration (the words
    /// outside its quotes) does not say otherwise: `« … », a déclaré X.` in an English
    /// article reads with French cues, `“Nous ne céderons pas,” said X.` with English ones.
    fn language_of(&self, quotes: &[Quote], pi: usize) -> Language {
        let para = &self.paragraphs[pi];
        let Some(other) = para.language.filter(|&l| l != self.language) else {
            return self.language;
        };
        let lo = quotes.partition_point(|q| q.paragraph < pi);
        let hi = quotes.partition_point(|q| q.paragraph <= pi);
        let (mut fr, mut en) = (0usize, 0usize);
        let mut pos = para.span.start;
        let mut tally = |from: usize, to: usize| {
            if from < to {
                let (f, e) = lang::votes(&self.text[from..to]);
                fr += f;
                en += e;
            }
        };
        for q in quotes[lo..hi].iter().filter(|q| q.nested_in.is_none()) {
            tally(pos, q.open.start.min(para.span.end));
            pos = pos.max(quoted_text(q, self.paragraphs).end.max(q.span().end));
        }
        tally(pos, para.span.end);
        let (theirs, ours) = match other {
            Language::French => (fr, en),
            Language::English => (en, fr),
        };
        if theirs >= ours { other } else { self.language }
    }

    fn to_attribution(&self, f: Found) -> Attribution {
        let mut mention = self.mention_in(&f.speaker.span);
        // `Météo-France` read as the mention `Météo`: a mention cut inside a hyphenated word
        // is not the speaker.
        mention = mention.filter(|&m| {
            self.mentions.get(m).is_none_or(|m| {
                let cut = |p: usize| {
                    f.speaker.span.contains(&p)
                        && (self.text[..p].ends_with('-') || self.text[p..].starts_with('-'))
                };
                !cut(m.span.start) && !cut(m.span.end)
            })
        });
        if !f.speaker.named {
            // A role or institution is that entity only when the name is the phrase's head
            // (`the Pentagon`), not a modifier (`a Delgado campaign official`).
            let end = self.text[..f.speaker.span.end]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
            mention = mention.filter(|&m| self.mentions.get(m).is_some_and(|m| m.span.end >= end));
        }
        let method = match f.method {
            _ if f.method == Method::Context => AttributionMethod::Context,
            _ if f.speaker.pronoun.is_some() => AttributionMethod::Pronoun {
                pronoun: f.speaker.pronoun.clone().unwrap_or_default(),
            },
            Method::Incise => AttributionMethod::Incise,
            Method::CueBefore => AttributionMethod::CueBefore,
            Method::CueThat => AttributionMethod::CueThat,
            Method::Source => AttributionMethod::SourcePhrase,
            Method::Participle | Method::Context => AttributionMethod::Participle,
        };
        // An organisation, known as one or typed so by a cue (`Sarvodaya Pharma`, `l’ONG X`),
        // names no one:
        // its words are an unnamed source's.
        let organisation = mention.and_then(|m| self.mentions.get(m)).is_some_and(|m| {
            let kind = self.entities.get(m.entity).map_or(m.kind, |e| e.kind);
            let last = self.text[m.name.clone()].split_whitespace().last();
            let org_word = last.is_some_and(|w| {
                lexicon::names(self.language)
                    .org_words
                    .contains(&super::variants::fold(w))
            });
            kind == super::EntityKind::Organisation
                && m.title.is_none()
                && (org_word
                    || m.evidence != super::Evidence::Guess
                    || self.entities.get(m.entity).is_some_and(|e| {
                        e.mentions.iter().any(|&mi| {
                            self.mentions
                                .get(mi)
                                .is_some_and(|o| o.evidence != super::Evidence::Guess)
                        })
                    }))
        });
        Attribution {
            speaker: f.speaker.span,
            mention,
            entity: mention.and_then(|m| self.mentions.get(m)).map(|m| m.entity),
            method,
            cue: f.cue,
            named: f.speaker.named && !organisation,
        }
    }

    /// The normalised words of `span`, split at spaces and apostrophes ([`word_break`]),
    /// empty pieces left out.
    fn phrase_words(&self, span: &Span) -> Vec<String> {
        let mut buf = String::new();
        self.text
            .get(span.clone())
            .unwrap_or_default()
            .split(word_break)
            .filter(|w| !w.is_empty())
            .map(|w| lexicon::normalize(w, &mut buf).to_owned())
            .collect()
    }

    /// The mention under the speaker words, if the names pass found one.
    fn mention_in(&self, span: &Span) -> Option<usize> {
        if self.mentions.is_empty() {
            return None;
        }
        let i = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[i..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .enumerate()
            .max_by_key(|(_, m)| m.span.end.min(span.end) - m.span.start.max(span.start))
            .map(|(k, _)| i + k)
    }

    // ---- Speaker phrases -------------------------------------------------------------------

    fn is_cap(&self, t: &Toks, i: usize) -> bool {
        t.toks.get(i).is_some_and(|tok| {
            if tok.kind != TokKind::Word {
                return false;
            }
            let w = &self.text[tok.span.clone()];
            if w.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
            // `al-Rashidi`, `el-Sissi`: a short lower-case particle glued to a capitalised name.
            let b = w.as_bytes();
            b.iter().take(4).position(|&x| x == b'-').is_some_and(|p| {
                p >= 1
                    && b[..p].iter().all(u8::is_ascii_lowercase)
                    && w[p + 1..].chars().next().is_some_and(char::is_uppercase)
            })
        })
    }

    /// A word that can be part of a name: capitalised, not a function word.
    fn is_name_word(&self, t: &Toks, i: usize) -> bool {
        self.is_cap(t, i)
            && !t.has(i, word::NOT_NAME)
            && !t.has(i, word::PRONOUN)
            && t.info(i).honorific.is_none()
            && !self.is_verb_at(t, i)
    }

    fn is_particle(&self, t: &Toks, i: usize) -> bool {
        matches!(
            t.w(i),
            "de" | "du"
                | "d'"
                | "von"
                | "van"
                | "der"
                | "den"
                | "bin"
                | "ben"
                | "ibn"
                | "al"
                | "da"
                | "di"
                | "del"
                | "la"
                | "le"
                | "el"
                | "dos"
                | "das"
                | "of"
        )
    }

    /// An honorific at `i` (with its period, if any) directly before a name: returns the index
    /// of the name's first word and the gender the title implies.
    fn honorific_at(&self, t: &Toks, i: usize) -> Option<(usize, Option<Gender>)> {
        let g = t.info(i).honorific?;
        // English role titles count only when capitalised (President Obama, not the president).
        if !self.is_cap(t, i) {
            return None;
        }
        let mut j = i + 1;
        if t.is_punct(j, ".") {
            j += 1;
        }
        // Lord Richard Dannatt, M. Blinken; chains like Secretary of State Antony Blinken.
        let mut k = j;
        while k < t.toks.len() && k < j + 4 && t.info(k).honorific.is_some() {
            k += 1;
            if t.is_punct(k, ".") {
                k += 1;
            }
        }
        if self.is_name_word(t, k) {
            Some((k, g))
        } else {
            None
        }
    }

    /// The end (exclusive) of the name run starting at `i`.
    fn name_run_end(&self, t: &Toks, i: usize) -> usize {
        let mut j = i;
        while j < t.toks.len() && j < i + 6 {
            if self.is_name_word(t, j) {
                j += 1;
            } else if j > i && self.is_particle(t, j) && self.is_name_word(t, j + 1) {
                j += 2;
            } else if j > i && t.is_punct(j, ".") && t.w(j - 1).chars().count() == 1 {
                // An initial: George W. Bush.
                j += 1;
            } else {
                break;
            }
        }
        while j > i && t.is_punct(j - 1, ".") {
            j -= 1;
        }
        j
    }

    /// The end of an addressee's name starting at `i` (`à l’AFP`, `to Reuters`): an acronym
    /// is a name of its own, so `à l’AFP Oleksandr Tkatchenko` stops after `AFP`.
    fn addressee_end(&self, t: &Toks, i: usize) -> usize {
        let end = self.name_run_end(t, i);
        let word = &self.text[t.toks[i].span.clone()];
        let acronym = word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase());
        if acronym && end > i + 1 {
            return i + 1;
        }
        // `auprès de 20 Minutes Raphaël Tessandier`: a person's name that the names pass
        // found inside the run starts the speaker.
        (i + 1..end)
            .find(|&k| {
                let at = t.toks[k].span.start;
                let m = self.mentions.partition_point(|m| m.span.start < at);
                self.mentions
                    .get(m)
                    .is_some_and(|m| m.span.start == at && m.kind == super::EntityKind::Person)
            })
            .unwrap_or(end)
    }

    /// The start of the name run ending (exclusive) at `end`, with its honorific.
    fn name_run_start(&self, t: &Toks, end: usize, lo: usize) -> (usize, Option<Gender>) {
        let mut j = end;
        while j > lo {
            let particle =
                j - 1 > lo && j < end && self.is_particle(t, j - 1) && self.is_name_word(t, j - 2);
            let initial = j - 1 > lo
                && t.is_punct(j - 1, ".")
                && self.is_name_word(t, j - 2)
                && t.w(j - 2).chars().count() == 1;
            if self.is_name_word(t, j - 1) || particle || initial {
                j -= 1;
            } else {
                break;
            }
        }
        // Titles before the name: M., Mme, Lord, President.
        let mut gender = None;
        loop {
            let mut k = j;
            if k > lo && t.is_punct(k - 1, ".") {
                k -= 1;
            }
            if k > lo && self.is_cap(t, k - 1) {
                if let Some(g) = t.info(k - 1).honorific {
                    gender = gender.or(g);
                    j = k - 1;
                    continue;
                }
            }
            break;
        }
        (j, gender)
    }

    fn speaker_span(t: &Toks, a: usize, b: usize) -> Span {
        t.toks[a].span.start..t.toks[b - 1].span.end
    }

    /// Reads a speaker phrase forward from `i` (after an inverted verb or a source phrase).
    fn np_forward(&self, t: &Toks, i: usize, hi: usize) -> Option<Speaker> {
        self.np_forward_with(t, i, hi, false)
    }

    fn np_forward_with(&self, t: &Toks, mut i: usize, hi: usize, lenient: bool) -> Option<Speaker> {
        let hi = hi.min(t.toks.len()).min(i + NP_REACH);
        // `selon lui,`, `according to her.`: a disjunctive pronoun standing alone.
        if let Some(&p) = self.lex.disjunctive.get(t.w(i)) {
            if i < hi && !t.toks[i].quoted && !t.is_word(i + 1) {
                return Some(self.pronoun_speaker(t, i, p));
            }
        }
        // Skip adverbs, days and short prepositional phrases (`à l’AFP`, `to reporters`).
        let mut guard = 0;
        while i < hi && guard < 6 {
            guard += 1;
            let w = t.w(i);
            let addressee = matches!(w, "à" | "au" | "aux" | "to" | "devant" | "sur" | "auprès");
            if t.has(i, word::ADVERB)
                && !t.has(i, word::PRONOUN)
                && !self.is_cap(t, i)
                && !addressee
            {
                i += 1;
            } else if addressee {
                i += 1;
                // `auprès de l’AFP`, `auprès du Monde`.
                if w == "auprès" && t.has(i, word::PREP) {
                    i += 1;
                }
                if t.has(i, word::DET) {
                    i += 1;
                }
                // `auprès de 20 Minutes`: a number opening the outlet's name.
                if t.w(i).chars().all(|c| c.is_ascii_digit()) && self.is_name_word(t, i + 1) {
                    i += 1;
                }
                i = if self.is_name_word(t, i) {
                    self.addressee_end(t, i)
                } else {
                    i + 1
                };
            } else if let Some(c) = t
                .is_punct(i, ",")
                .then(|| (i + 1..hi.min(i + 6)).find(|&k| t.is_punct(k, ",")))
                .flatten()
                .filter(|&c| {
                    // `a prévenu, jeudi matin, le médiateur …`: a time or manner set off by
                    // commas between the verb and its subject.
                    c > i + 1
                        && (i + 1..c).all(|k| {
                            t.is_word(k)
                                && !t.has(k, word::DET)
                                && !self.is_name_word(t, k)
                                && t.info(k).pronoun.is_none()
                        })
                })
            {
                i = c + 1;
            } else if t.has(i, word::DET)
                && !t.has(i, word::PREP)
                && self.lex.time_words.contains(t.w(i + 1))
            {
                // `a dit la semaine dernière Matthias Oberreiter`: a time, not the speaker.
                i += 2;
                if i + 1 < hi
                    && t.is_word(i)
                    && !self.is_cap(t, i)
                    && !t.has(i, word::DET)
                    && !t.has(i, word::ROLE)
                    && (self.is_name_word(t, i + 1) || t.has(i + 1, word::DET))
                {
                    i += 1;
                }
            } else if matches!(w, "dans" | "lors" | "par" | "via" | "pendant") {
                // `a réagi dans un communiqué la Fédération …`, `a dit lors d’une conférence
                // de presse le maire`: the setting of the words, then their speaker.
                i = self.setting_end(t, i, hi);
            } else {
                break;
            }
        }
        if i >= hi || t.toks[i].quoted {
            return None;
        }
        if let Some(p) = t.info(i).pronoun {
            return Some(self.pronoun_speaker(t, i, p));
        }
        if let Some((name, g)) = self.honorific_at(t, i) {
            let end = self.name_run_end(t, name);
            return Some(Speaker {
                span: Self::speaker_span(t, i, end),
                named: true,
                gender: g,
                pronoun: None,
                plural: false,
            });
        }
        if self.is_name_word(t, i) && !t.has(i, word::ROLE) {
            let end = self.name_run_end(t, i);
            // `Finance Minister Khaled Mansour`: capitalised words before a title modify it.
            if let Some((name, g)) = self.honorific_at(t, end) {
                let name_end = self.name_run_end(t, name);
                return Some(named(t, end, name_end, g));
            }
            // `Michael Kofman, directeur …` or `Kremlin spokesman Dmitry Peskov`.
            if end < hi && t.has(end, word::ROLE) && !self.is_cap(t, end) {
                return self.role_forward_with(t, i, hi, lenient);
            }
            return Some(Speaker {
                span: Self::speaker_span(t, i, end),
                named: true,
                gender: None,
                pronoun: None,
                plural: false,
            });
        }
        self.role_forward_with(t, i, hi, lenient)
    }

    /// The end of a phrase of setting that opens at the preposition `i` (`dans un
    /// communiqué`, `lors d’une conférence de presse`, `au micro de France Inter`): its
    /// determiners and lowercase words, and names after a preposition inside it; it stops at
    /// a determiner, honorific or name that follows a word of its own, where the subject
    /// starts.
    fn setting_end(&self, t: &Toks, mut i: usize, hi: usize) -> usize {
        let mut after_prep = true;
        i += 1;
        while i < hi && t.is_word(i) && !t.toks[i].quoted {
            if t.has(i, word::PREP) && !self.is_cap(t, i) {
                after_prep = true;
                i += 1;
                // `de la`, `d’une`: the article of the preposition's object.
                if t.has(i, word::DET) && !t.has(i, word::PREP) {
                    i += 1;
                }
                continue;
            }
            if self.is_name_word(t, i) || self.honorific_at(t, i).is_some() {
                if !after_prep {
                    break;
                }
                i = self.addressee_end(t, i);
            } else if t.has(i, word::DET) || t.info(i).pronoun.is_some() {
                if !after_prep {
                    break;
                }
                i += 1;
                continue;
            } else {
                i += 1;
            }
            after_prep = false;
        }
        i
    }

    /// A role phrase read forward (`le porte-parole du Kremlin, Dmitri Peskov`,
    /// `un responsable américain`, `the Kremlin spokesman Dmitry Peskov`). `lenient` accepts
    /// any determiner + noun phrase (after `selon`, `d’après`, anything is a source).
    fn role_forward_with(
        &self,
        t: &Toks,
        start: usize,
        hi: usize,
        lenient: bool,
    ) -> Option<Speaker> {
        let mut i = start;
        let det = t.has(i, word::DET) && !self.is_name_word(t, i);
        if det {
            i += 1;
        }
        let mut has_role = false;
        let mut after_prep = false;
        let mut last = i;
        while i < hi && t.is_word(i) && !t.toks[i].quoted {
            let w = t.w(i);
            // `state Sen. Dolores Whitfield`: a lowercase modifier of a title.
            if !self.is_cap(t, i) {
                if let Some((name, g)) = self.honorific_at(t, i + 1) {
                    let end = self.name_run_end(t, name);
                    return Some(named(t, i + 1, end, g));
                }
            }
            if let Some((name, g)) = self.honorific_at(t, i) {
                let end = self.name_run_end(t, name);
                return Some(named(t, i, end, g));
            }
            if self.is_name_word(t, i) && !t.has(i, word::ROLE) {
                let end = self.name_run_end(t, i);
                if det && i == start + 1 && !t.has(end, word::ROLE) {
                    // `the League of Women Voters said`, `selon le Kremlin`, `la Fédération
                    // nationale des …`: an institution; its phrase may go on.
                    has_role = true;
                    i = end;
                    last = i;
                    continue;
                }
                // `a senior Latin American negotiator`, `the Kremlin spokesman`: capitalised
                // words between the determiner and a lowercase noun modify that noun.
                if det
                    && !after_prep
                    && end < hi
                    && t.is_word(end)
                    && !self.is_cap(t, end)
                    && !t.toks[end].quoted
                    && !self.is_verb_at(t, end)
                    && !t.has(end, word::AUX)
                    && !t.has(end, word::PREP)
                    && !t.has(end, word::DET)
                    && !t.has(end, word::COMPL)
                    && (t.has(end, word::ROLE) || self.agent_noun(t.w(end)))
                {
                    i = end;
                    continue;
                }
                // `Shop owner Luis Ortega`, `Met Office meteorologist Alex Chen`: a capitalised
                // modifier of the role noun.
                if (end - i == 1 || self.is_name_word(t, end + 1))
                    && t.has(end, word::ROLE)
                    && !self.is_cap(t, end)
                {
                    i = end;
                    continue;
                }
                let multi = end - i >= 2;
                // `a deckhand from the Mary Ellen`, `un membre de la Croix-Rouge`: a name with
                // its own determiner inside a complement is a place or a body, not the person.
                if after_prep
                    && i > start + 1
                    && t.has(i - 1, word::DET)
                    && !t.has(i - 1, word::PREP)
                {
                    // `le député de la Drôme Yannick Brossard`: unless the names pass read a
                    // person's name ending the run after the place.
                    let run = Self::speaker_span(t, i, end);
                    if let Some(m) = self.mention_in(&run).map(|mi| &self.mentions[mi]) {
                        if m.kind == super::EntityKind::Person
                            && m.name.start > run.start
                            && m.name.end == run.end
                        {
                            let from = t.at(m.name.start);
                            return Some(named(t, from, end, m.gender));
                        }
                    }
                    i = end;
                    last = i;
                    continue;
                }
                // `The leader of South Lyde District Council, Paul Etheridge`: a body named
                // after the role's preposition is its complement, not the person.
                let body = after_prep
                    && self
                        .mention_in(&Self::speaker_span(t, i, end))
                        .is_some_and(|m| {
                            let m = &self.mentions[m];
                            self.entities.get(m.entity).map_or(m.kind, |e| e.kind)
                                != super::EntityKind::Person
                        });
                // `la glaciologue Hélène Giraud`: any noun right before a full name is a role.
                if !body && (!after_prep || multi) && (has_role || !det || multi && !after_prep) {
                    return Some(named(t, i, end, None));
                }
                i = end;
                last = i;
                continue;
            }
            // (`the head of state`: a word after a preposition is its object, not a verb.)
            if self.is_verb_at(t, i) && !(i > start && t.has(i - 1, word::PREP))
                || t.has(i, word::AUX) && i > start
                || t.has(i, word::COMPL)
                || matches!(
                    w,
                    "qui"
                        | "who"
                        | "lors"
                        | "dans"
                        | "devant"
                        | "auprès"
                        | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "après"
                        | "after"
                        | "avant"
                        | "before"
                        | "when"
                        | "quand"
                        | "while"
                        | "alors"
                        | "et"
                        | "and"
                        | "but"
                        | "mais"
                )
            {
                break;
            }
            if i > start + 1 && t.has(i, word::DET) && !t.has(i, word::PREP) && !after_prep {
                break;
            }
            // `… de 29 ans les a rejoints`: an object clitic before a verb ends the phrase.
            if i > start + 1
                && t.has(i, word::DET)
                && (t.has(i + 1, word::AUX) || self.is_verb_at(t, i + 1))
            {
                break;
            }
            // `un critique sous couvert d’anonymat`, `le buteur au micro de …`: a preposition
            // that opens no complement ends a noun phrase, listed role or not.
            if !has_role
                && i > start + usize::from(det)
                && self.lex.prepositions.contains(w)
                && !self.lex.complement_prepositions.contains(w)
            {
                break;
            }
            // `familiar with the matter`, `proche du dossier`: the phrase goes on.
            if has_role {
                if let Some(n) = self.phrase_at(t, i, &self.lex.postnominal, word::POSTNOMINAL) {
                    i += n;
                    last = i;
                    after_prep = true;
                    continue;
                }
                // `un diplomate occidental impliqué dans …`, `a spokesman speaking on …`: a
                // participle right after the head or its adjective, opening a complement, is a
                // reduced relative clause, not part of the speaker's description (`du comité`,
                // `de la majorité`, after a determiner, are nouns).
                if i > start + 1
                    && !self.is_cap(t, i)
                    && !self.is_cap(t, i - 1)
                    && !t.has(i - 1, word::DET)
                    && !t.has(i - 1, word::PREP)
                    && !t.has(i, word::ROLE)
                    && self.has_participle_ending(w)
                    && (t.has(i + 1, word::PREP) || !t.is_word(i + 1))
                {
                    break;
                }
                // `le ministre lundi`, `l’attaquant au micro de …`: the phrase has ended.
                let adverb = self.lex.adverbs.contains(w) && !self.lex.roles.contains(w);
                let other_prep = self.lex.prepositions.contains(w)
                    && !self.lex.complement_prepositions.contains(w);
                if other_prep {
                    // `Le médiateur ukrainien pour les droits humains, Mykola Savtchouk, a …`.
                    if let Some(sp) = self.apposition_after(t, i, hi) {
                        return Some(sp);
                    }
                }
                if adverb || other_prep {
                    break;
                }
            }
            // `co-founder and chief executive Maya Castellanos`: two roles of one person.
            if has_role
                && matches!(w, "and" | "et")
                && (i + 1..hi.min(i + 4))
                    .take_while(|&k| t.is_word(k) && !self.is_cap(t, k))
                    .any(|k| t.has(k, word::ROLE))
            {
                i += 1;
                last = i;
                continue;
            }
            if self.lex.prepositions.contains(w) {
                after_prep = true;
            } else if t.has(i, word::ROLE)
                // `Un banquier …`, `une urbaniste …`: a noun of agent right after the
                // determiner heads the phrase as a role would.
                || det
                    && i == start + 1
                    && !has_role
                    && self.agent_noun(w)
                    && self.lex.agent_head_endings.iter().any(|e| w.ends_with(e.as_str()))
            {
                has_role = true;
            } else if has_role && !after_prep && !self.lex.adjectives_follow_nouns {
                // English: `the campaign released …` — the head noun ends the phrase.
                break;
            }
            i += 1;
            last = i;
        }
        if last <= start {
            return None;
        }
        // Apposition: `…, Dmitri Peskov` right after the role (`Son entraîneur, Philippe
        // Morel, …`: a full name in apposition needs no listed role).
        let phrase_ok = has_role || lenient && det && last > start + 1;
        if t.is_punct(last, ",") && (phrase_ok || det && last > start + 1) {
            let j = last + 1;
            if let Some((name, g)) = self.honorific_at(t, j) {
                let end = self.name_run_end(t, name);
                return Some(named(t, j, end, g));
            }
            if self.is_name_word(t, j) {
                let end = self.name_run_end(t, j);
                let closed =
                    end >= t.toks.len() || !t.is_word(end) || self.lex.verbs.contains(t.w(end));
                if closed && (phrase_ok || end - j >= 2) {
                    return Some(named(t, j, end, None));
                }
            }
            // `le médiateur de l’OCBO, le diplomate Henrik Solvang,`: a second role phrase
            // in apposition that names the person.
            if phrase_ok && t.has(j, word::DET) && !t.has(j, word::PREP) {
                if let Some(sp) = self
                    .role_forward_with(t, j, hi, false)
                    .filter(|sp| sp.named && sp.span.start > t.toks[j].span.start)
                {
                    return Some(sp);
                }
            }
        }
        if !phrase_ok {
            return None;
        }
        let gender = self.det_gender(t.w(start));
        let plural = t.w(last - 1).ends_with('s') && !singular_det(t.w(start))
            || matches!(t.w(start), "les" | "des" | "ces" | "leurs" | "several");
        Some(Speaker {
            span: Self::speaker_span(t, start, last),
            named: false,
            gender,
            pronoun: None,
            plural,
        })
    }

    /// A full name in apposition after a prepositional phrase that starts at `i` (`pour les
    /// droits humains, Mykola Savtchouk,`): the phrase has no verb or quote, and the name is
    /// closed by a comma, a verb or the end of the sentence.
    fn apposition_after(&self, t: &Toks, i: usize, hi: usize) -> Option<Speaker> {
        let hi = hi.max(i).min(t.toks.len()).min(i + 10);
        let sent = t.toks.get(i)?.sentence;
        for k in i + 1..hi {
            let tok = &t.toks[k];
            if tok.quoted || tok.sentence != sent || self.is_verb_at(t, k) {
                return None;
            }
            if t.is_punct(k, ",") {
                let (j, g) = match self.honorific_at(t, k + 1) {
                    Some((n, g)) => (n, g),
                    None => (k + 1, None),
                };
                if !self.is_name_word(t, j) {
                    return None;
                }
                let end = self.name_run_end(t, j);
                let closed = end >= t.toks.len()
                    || t.is_punct(end, ",")
                    || self.verb_group_end(t, end).is_some();
                if closed && (end - j >= 2 || g.is_some()) {
                    return Some(named(t, k + 1, end, g));
                }
                return None;
            }
            if !t.is_word(k) {
                return None;
            }
        }
        None
    }

    fn det_gender(&self, det: &str) -> Option<Gender> {
        match det {
            "le" | "un" | "son" | "ce" | "cet" => Some(Gender::Masculine),
            "la" | "une" | "cette" => Some(Gender::Feminine),
            _ => None,
        }
    }

    /// Reads a speaker phrase backward from `end` (exclusive), the subject of a verb.
    fn np_backward(&self, t: &Toks, end: usize, lo: usize) -> Option<Speaker> {
        let mut j = end;
        // Skip adverbs, negation, reflexive pronouns between subject and verb.
        let mut guard = 0;
        while j > lo && guard < 5 {
            let w = t.w(j - 1);
            if (t.has(j - 1, word::ADVERB)
                || matches!(
                    w,
                    "s'" | "se"
                        | "n'"
                        | "ne"
                        | "lui"
                        | "l'"
                        | "leur"
                        | "nous"
                        | "vous"
                        | "m'"
                        | "me"
                ))
                && !t.has(j - 1, word::PRONOUN)
                && !self.is_cap(t, j - 1)
            {
                j -= 1;
                guard += 1;
            } else {
                break;
            }
        }
        let j = Self::before_parenthesis(t, j, lo);
        if j <= lo || t.toks[j - 1].quoted {
            return None;
        }
        let w = t.w(j - 1);
        if let Some(p) = t.info(j - 1).pronoun {
            return Some(self.pronoun_speaker(t, j - 1, p));
        }
        if t.is_punct(j - 1, ",") {
            return self.apposition_backward(t, j - 1, lo);
        }
        if matches!(w, "qui" | "who") {
            let k = if t.is_punct(j - 2, ",") { j - 2 } else { j - 1 };
            return self.np_backward(t, k, lo);
        }
        if self.is_name_word(t, j - 1) && !(t.has(j - 1, word::ROLE) && j - 1 == lo) {
            let (s, g) = self.name_run_start(t, j, lo);
            // A lone capitalised word after a preposition belongs to a role (`chef de Wagner`).
            let before = if s > lo { t.w(s - 1) } else { "" };
            let single = j - s == 1;
            if single && (self.lex.is(before, word::PREP) || self.lex.is(before, word::DET)) {
                return self.role_backward(t, j, lo);
            }
            // `the League of Women Voters`, `le Kremlin`: a name after a determiner is an
            // institution; after `role of the …` it is the role's complement.
            if s > lo && self.lex.is(before, word::DET) && t.is_word(s - 1) {
                let k = s - 1;
                let prep_before = k > lo && t.has(k - 1, word::PREP);
                if prep_before {
                    return self.role_backward(t, j, lo);
                }
                return Some(Speaker {
                    span: Self::speaker_span(t, k, j),
                    named: false,
                    gender: None,
                    pronoun: None,
                    plural: false,
                });
            }
            if s > lo && self.lex.is(before, word::PREP) && self.within_role_complement(t, s, lo) {
                return self.role_backward(t, j, lo);
            }
            if single && self.within_role_complement(t, s, lo) {
                return self.role_backward(t, j, lo);
            }
            return Some(named(t, s, j, g));
        }
        if t.is_word(j - 1) {
            return self.role_backward(t, j, lo);
        }
        None
    }

    /// Whether a capitalised word at `s` sits inside `det role de … X` (the role's complement).
    fn within_role_complement(&self, t: &Toks, s: usize, lo: usize) -> bool {
        let mut k = s;
        let mut saw_prep = false;
        while k > lo && s - k < 8 {
            if !t.is_word(k - 1) {
                return false;
            }
            if t.has(k - 1, word::PREP) {
                saw_prep = true;
            } else if t.has(k - 1, word::DET) && saw_prep {
                // keep looking for the head determiner
            } else if t.has(k - 1, word::ROLE) && saw_prep {
                return true;
            }
            k -= 1;
        }
        false
    }

    /// `…, directeur des études, a déclaré` / `Michael Kofman, directeur…, a déclaré`.
    /// `Sen. Ruth Abernathy (D-Maine)`: where a phrase ending at `end` ends once a closing
    /// parenthesis and what it holds are left out.
    fn before_parenthesis(t: &Toks, end: usize, lo: usize) -> usize {
        if end <= lo || !t.is_punct(end - 1, ")") {
            return end;
        }
        (lo..end - 1)
            .rev()
            .take(12)
            .find(|&k| t.is_punct(k, "("))
            .unwrap_or(end)
    }

    fn apposition_backward(&self, t: &Toks, comma: usize, lo: usize) -> Option<Speaker> {
        // Comma-delimited segments, nearest first.
        let mut seg_end = comma;
        let mut role: Option<Speaker> = None;
        for _ in 0..4 {
            let mut seg_start = seg_end;
            while seg_start > lo
                && !t.is_punct(seg_start - 1, ",")
                && seg_end - seg_start < NP_REACH
            {
                seg_start -= 1;
            }
            if seg_start == seg_end {
                break;
            }
            // `The army delegation, led by Gen. X, said`: an agent phrase modifies the subject.
            let agent = self.lex.agent_prepositions.contains(t.w(seg_start + 1));
            let is_adverbial = t.has(seg_start, word::PREP)
                || agent
                || t.has(seg_start, word::ADVERB)
                || t.has(seg_start, word::NOT_NAME) && !t.has(seg_start, word::DET);
            if !is_adverbial {
                let seg_end = Self::before_parenthesis(t, seg_end, seg_start);
                if let Some(sp) = self.np_backward_plain(t, seg_end, seg_start) {
                    if sp.named || sp.pronoun.is_some() {
                        return Some(sp);
                    }
                    if role.is_none() {
                        role = Some(sp);
                    }
                }
            }
            if seg_start <= lo + 1 {
                break;
            }
            seg_end = seg_start - 1;
        }
        role
    }

    /// [`Self::np_backward`] within a segment, without apposition recursion.
    fn np_backward_plain(&self, t: &Toks, end: usize, lo: usize) -> Option<Speaker> {
        if end <= lo || t.is_punct(end - 1, ",") {
            return None;
        }
        self.np_backward(t, end, lo)
    }

    /// A role phrase ending (exclusive) at `end`: back to its determiner.
    fn role_backward(&self, t: &Toks, end: usize, lo: usize) -> Option<Speaker> {
        let mut k = end;
        let mut has_role = false;
        while k > lo && end - k < NP_REACH {
            let w = t.w(k - 1);
            if !t.is_word(k - 1) || t.toks[k - 1].quoted {
                break;
            }
            if t.has(k - 1, word::ROLE) {
                has_role = true;
            }
            if w == "'s" && k - 1 > lo && self.is_name_word(t, k - 2) {
                // `Delgado’s team`: the possessor opens the phrase like a determiner.
                k = self.name_run_start(t, k - 1, lo).0;
                has_role = true;
                break;
            }
            if t.has(k - 1, word::DET) && !t.has(k - 1, word::PREP) {
                // `des` is also a preposition (`des études`): a determiner only at a boundary.
                k -= 1;
                let boundary = k == lo
                    || !t.is_word(k - 1)
                    || t.has(k - 1, word::COMPL)
                    || matches!(t.w(k - 1), "et" | "and" | "mais" | "but");
                if boundary || !t.has(k - 1, word::PREP) {
                    break;
                }
                continue;
            }
            let object_of_prep = k - 1 > lo && t.has(k - 2, word::PREP);
            if self.is_verb_at(t, k - 1) && !object_of_prep
                || t.has(k - 1, word::AUX)
                || t.has(k - 1, word::COMPL)
                || self.lex.relatives.contains(w)
            {
                break;
            }
            k -= 1;
        }
        // Any determiner + noun phrase at a clause boundary is the subject of its verb.
        let at_boundary = k == lo
            || !t.is_word(k - 1)
            || t.has(k - 1, word::COMPL)
            || self.lex.relatives.contains(t.w(k - 1))
            || matches!(t.w(k - 1), "et" | "and" | "mais" | "but" | "qui" | "who");
        let det = t.has(k, word::DET);
        if k == end || !(has_role || det && at_boundary && end - k >= 2) {
            return None;
        }
        // `des` opening the phrase is a plural determiner.
        let gender = self.det_gender(t.w(k));
        let plural = matches!(t.w(k), "les" | "des" | "ces" | "leurs" | "several" | "some")
            || !singular_det(t.w(k))
                && t.w(end - 1).ends_with('s')
                && !t.w(end - 1).ends_with("ss");
        Some(Speaker {
            span: Self::speaker_span(t, k, end),
            named: false,
            gender,
            pronoun: None,
            plural,
        })
    }

    fn pronoun_speaker(&self, t: &Toks, i: usize, p: PronounKind) -> Speaker {
        Speaker {
            span: t.toks[i].span.clone(),
            named: false,
            gender: p.gender(),
            pronoun: Some(t.toks[i].span.clone()),
            plural: p == PronounKind::Plural,
        }
    }

    // ---- Cues ------------------------------------------------------------------------------

    fn is_verb_at(&self, t: &Toks, i: usize) -> bool {
        let Some(tok) = t.toks.get(i) else {
            return false;
        };
        if tok.kind != TokKind::Word || tok.quoted {
            return false;
        }
        if !t.has(i, word::VERB) {
            return false;
        }
        // Capitalised mid-sentence: a name (United States); after a determiner: a noun.
        let first_of_sentence = i == 0 || t.toks[i - 1].sentence != tok.sentence;
        let capital = self.text[tok.span.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if capital && !first_of_sentence {
            return false;
        }
        // `Met Office meteorologist …`, `Said Ahmed …`: a capital opening a run of names.
        if capital && i + 1 < t.toks.len() && t.is_word(i + 1) && self.is_cap(t, i + 1) {
            return false;
        }
        if i > 0 && t.has(i - 1, word::DET) && t.is_word(i - 1) && !t.has(i - 1, word::AUX) {
            // (`Une assesseure l’interroge : « … »`: an object pronoun, then the verb that
            // introduces the quote.)
            let clitic = self.lex.object_clitics.contains(t.w(i - 1))
                || matches!(t.w(i - 1), "l'" | "la" | "le" | "les");
            let introduces = t.is_punct(i + 1, ":") || t.toks.get(i + 1).is_some_and(|n| n.quoted);
            return clitic && introduces && i >= 2 && t.is_word(i - 2) && !t.has(i - 2, word::PREP);
        }
        true
    }

    /// `dit-il`, `a-t-elle`, `ajoute-t-on`: an inverted verb with its pronoun.
    fn inversion(&self, t: &Toks, i: usize) -> Option<(PronounKind, Span, bool)> {
        let tok = t.toks.get(i)?;
        if tok.kind != TokKind::Word {
            return None;
        }
        let w = t.w(i);
        let (head, pron) = w.rsplit_once('-')?;
        let euphonic = head.ends_with("-t");
        let head = head.strip_suffix("-t").unwrap_or(head);
        let is_aux = self.lex.is(head, word::AUX);
        // A verb missing from the lexicon still inverts its subject in an incise
        // (`lâche-t-il`, `sourit-elle`): the euphonic `-t-` or a third-person ending in
        // `-t`/`-d` marks a verb; modal and impersonal heads (`faut-il`) do not report speech.
        let unlisted_verb = (euphonic || head.ends_with('t') || head.ends_with('d'))
            && head.chars().count() > 3
            && !matches!(
                head,
                "faut" | "peut" | "doit" | "sait" | "vaut" | "fait" | "était"
            );
        if !(self.lex.is(head, word::VERB) || is_aux || unlisted_verb) {
            return None;
        }
        let pspan = tok.span.end - pron.len()..tok.span.end;
        if pron == "on" {
            return None;
        }
        let p = self.lex.pronoun(pron)?;
        Some((p, pspan, is_aux))
    }

    /// The longest phrase of `phrases` starting at token `i`; `first` is the class of their
    /// first words (the phrases are only compared where the token has it).
    fn phrase_at(&self, t: &Toks, i: usize, phrases: &[Vec<String>], first: u32) -> Option<usize> {
        if !t.has(i, first) || t.toks[i].quoted {
            return None;
        }
        AttributionLexicon::starts_with_phrase(phrases, |k| {
            let j = i + k;
            (j < t.toks.len() && !t.toks[j].quoted).then(|| t.w(j))
        })
    }

    // ---- Direct attribution ----------------------------------------------------------------

    fn direct(&mut self, quotes: &[Quote], qi: usize) -> Option<Found> {
        let q = &quotes[qi];
        let pi = q.paragraph;
        let t = self.toks(quotes, pi);
        let open = t.at(q.open.start);
        let sent = t.toks.get(open).map_or(0, |tk| tk.sentence);
        let s_lo = t.toks.partition_point(|tk| tk.sentence < sent);
        let s_hi = t.toks.partition_point(|tk| tk.sentence <= sent);
        // After the quote, up to the next quote of the sentence.
        if let Some(close) = &q.close {
            let after = t.at(close.end);
            let close_sent = t
                .toks
                .get(after.saturating_sub(1))
                .map_or(sent, |tk| tk.sentence);
            let mut c_hi = t.toks.partition_point(|tk| tk.sentence <= close_sent);
            // `“Did you get a good look at his face?” Kessling asked.`: a question or an
            // exclamation ends its sentence inside the marks; its incise is the next one.
            let asks = self.text[quoted_text(q, self.paragraphs)]
                .trim_end()
                .ends_with(['?', '!']);
            if asks && after == c_hi && after < t.toks.len() {
                let next = t.toks[after].sentence;
                c_hi = t.toks.partition_point(|tk| tk.sentence <= next);
            }
            let mut hi = after;
            while hi < c_hi && !t.toks[hi].quoted {
                hi += 1;
            }
            if let Some(f) = self.incise_after(&t, after, hi, qi) {
                // `Le maire, X, pour qui « … », a demandé une réunion`: a verb after the quote
                // with a thing after it is the sentence's own verb, not an incise, when a
                // named source stands before the quote.
                let thing = !f.speaker.named
                    && f.speaker.pronoun.is_none()
                    && !self.person_like(&f.speaker)
                    && !self.institution(&t, &f.speaker);
                if thing {
                    if let Some(g) = self
                        .cue_before(&t, s_lo, open, quotes, qi)
                        .filter(|g| g.speaker.named)
                    {
                        return Some(self.resolve(quotes, qi, g));
                    }
                }
                return Some(self.resolve(quotes, qi, f));
            }
        }
        if let Some(f) = self.incise_inside(&t, quotes, qi) {
            return Some(self.resolve(quotes, qi, f));
        }
        if let Some(f) = self.collective_on(&t, s_lo, open) {
            return Some(f);
        }
        if let Some(f) = self.cue_before(&t, s_lo, open, quotes, qi) {
            return Some(self.resolve(quotes, qi, f));
        }
        // `Le chancelier s’est montré prudent : « … »`: a lead-in ending with a colon.
        if open > s_lo + 1 && t.is_punct(open - 1, ":") {
            if let Some(sp) = self.lead_in_subject(&t, s_lo, open - 1) {
                let f = Found {
                    speaker: sp,
                    method: Method::CueBefore,
                    cue: Some(t.toks[open - 1].span.clone()),
                };
                return Some(self.resolve(quotes, qi, f));
            }
        }
        // A lead-in ending with a colon in the previous paragraph.
        if open - s_lo < 8
            && t.toks[s_lo..open]
                .iter()
                .all(|tk| tk.quoted || tk.kind == TokKind::Punct)
            && pi > 0
        {
            let prev = &self.paragraphs[pi - 1];
            if prev.kind == ParagraphKind::Prose
                && self.text[prev.span.clone()].trim_end().ends_with(':')
            {
                let pt = self.toks(quotes, pi - 1);
                let n = pt.toks.len();
                let last_sent = pt.toks.last().map_or(0, |tk| tk.sentence);
                let lo = pt.toks.partition_point(|tk| tk.sentence < last_sent);
                if let Some(f) = self.cue_before(&pt, lo, n, quotes, qi) {
                    return Some(self.resolve(quotes, qi, f));
                }
                // `Claire Morvan est revenue sur la procédure :` then the quote.
                if n > lo + 1 {
                    if let Some(sp) = self.lead_in_subject(&pt, lo, n - 1) {
                        let f = Found {
                            speaker: sp,
                            method: Method::CueBefore,
                            cue: Some(pt.toks[n - 1].span.clone()),
                        };
                        return Some(self.resolve(quotes, qi, f));
                    }
                }
            }
        }
        let _ = s_hi;
        // A partial quote (or speech woven into the sentence) takes the clause's subject.
        let woven = quotes[qi].kind != QuoteKind::Speech || {
            let c = quoted_text(&quotes[qi], self.paragraphs);
            self.text[c]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        };
        if woven && open > s_lo && !self.impersonal_in(&t, s_lo.max(open.saturating_sub(60)), open)
        {
            if let Some(sp) = self
                .sentence_subject(&t, s_lo, open)
                .filter(|sp| !self.stray_capital(sp))
            {
                let f = Found {
                    speaker: sp,
                    method: Method::CueBefore,
                    cue: None,
                };
                return Some(self.resolve(quotes, qi, f));
            }
        }
        None
    }

    /// The person or role a relative clause opening at `rel` is about, behind its comma and an
    /// apposition (`Nadia Bensaïd, déléguée SUD Santé, pour qui …` → Nadia Bensaïd).
    fn relative_antecedent(&self, t: &Toks, lo: usize, rel: usize) -> Option<Speaker> {
        let mut end = rel;
        if end > lo && t.is_punct(end - 1, ",") {
            end -= 1;
        }
        // Back over an apposition between two commas to the name before it.
        if let Some(c) = (lo..end).rev().take(8).find(|&k| t.is_punct(k, ",")) {
            let named_before = self.np_backward(t, c, lo).is_some_and(|sp| sp.named);
            if c + 1 < end && !self.is_name_word(t, c + 1) && named_before {
                end = c;
            }
        }
        self.np_backward(t, end, lo)
            .filter(|sp| sp.pronoun.is_none() && (self.person_like(sp) || !sp.named))
    }

    /// In an exchange of questions and answers, the quote of the other party that a cue-less
    /// quote `qi` takes its speaker from, instead of continuing quote `from` of the paragraph
    /// before: when `from` (closed) or `qi` is a question put to someone (it ends with `?` and
    /// has a second-person word), the speaker is the last one quoted, shortly before, other
    /// than `from`'s (`“Did you see his face?” Kessling asked.` / `“Yes, from close by.”`).
    fn other_party(&mut self, quotes: &[Quote], qi: usize, from: usize) -> Option<Attribution> {
        if quotes[from].paragraph == quotes[qi].paragraph || quotes[from].close.is_none() {
            return None;
        }
        // Put to someone: with `you`/`vous`, or calling them by title and name (`…, Mr Lamb.`).
        let t = self.toks(quotes, quotes[qi].paragraph);
        let inside = quoted_text(&quotes[qi], self.paragraphs);
        let (a, b) = (t.at(inside.start), t.at(inside.end));
        let by_name = || {
            (a..b).any(|k| {
                t.info(k).honorific.is_some()
                    && self.is_cap(&t, k)
                    && (k == a || t.is_punct(k - 1, ","))
                    && self.is_name_word(&t, k + 1 + usize::from(t.is_punct(k + 1, ".")))
            })
        };
        let asks = |k: usize| self.asks(&quotes[k]);
        let question = |k: usize| asks(k) && self.says_you(&quotes[k]);
        // (The next question follows a short answer; after a statement, a question with `vous`
        // is more often the same speaker's: `Qu’est-ce que vous voulez qu’ils retrouvent ?`.)
        let short = |k: usize| {
            self.text[quoted_text(&quotes[k], self.paragraphs)]
                .split_whitespace()
                .count()
                <= EXCHANGE_ANSWER_WORDS
        };
        // (Once an answer was read as such, the next question needs no `you`: `“Is that man in
        // the courtroom today?”`.)
        let answered = quotes[from]
            .attribution
            .as_ref()
            .is_some_and(|a| a.method == AttributionMethod::Exchange);
        let exchange = question(from)
            || question(qi) && short(from)
            || answered && (asks(qi) || self.says_you(&quotes[qi]) || by_name());
        if !exchange {
            return None;
        }
        // (The questioner may be unnamed: `Une assesseure l’interroge : « … ? »`.)
        let from_attribution = quotes[from].attribution.as_ref()?;
        let entity = if from_attribution.named {
            Some(from_attribution.entity?)
        } else {
            None
        };
        let reach = quotes[from].paragraph.saturating_sub(4);
        // A question is the questioner's, who asked the last question; an answer is the
        // answerer's, who gave the last answer.
        // (Failing that, the last other speaker: a judge's turn may be a statement.)
        let asking = asks(qi);
        let party = |k: usize| {
            quotes[k].nested_in.is_none()
                && quotes[k]
                    .attribution
                    .as_ref()
                    .is_some_and(|a| a.named && a.entity.is_some() && a.entity != entity)
        };
        let before = || {
            (0..from)
                .rev()
                .take_while(|&k| quotes[k].paragraph >= reach)
        };
        let other = before()
            .find(|&k| party(k) && asks(k) == asking)
            .or_else(|| before().find(|&k| party(k)));
        // A person brought in by a paragraph of narrative since (`On cross-examination, defense
        // attorney Paul Heston asked why …`) is the one questioning now.
        let since = other.map_or(reach, |k| quotes[k].paragraph + 1);
        let narrated = (since..quotes[qi].paragraph)
            .rev()
            .filter(|&p| self.paragraphs[p].kind == ParagraphKind::Prose && !has_quote(quotes, p))
            .find_map(|p| self.last_person_in(p, entity));
        if let Some(mi) = narrated {
            return Some(self.exchange_with(mi));
        }
        let other = other?;
        Some(Attribution {
            method: AttributionMethod::Exchange,
            cue: None,
            ..continued(&quotes[other], other)
        })
    }

    /// `Under cross-examination by Mr Keeble, the following exchange took place:` then `“You
    /// had drunk four pints, hadn’t you?”`: a question put to someone that opens the paragraph
    /// after a lead-in ending with a colon, with no quote of its own, is asked by the last
    /// person that lead-in names.
    fn questioner(&mut self, quotes: &[Quote], qi: usize) -> Option<Attribution> {
        let q = &quotes[qi];
        let pi = q.paragraph;
        if pi == 0 || q.nested_in.is_some() {
            return None;
        }
        let put = self.asks(q) && self.says_you(q);
        let prev = &self.paragraphs[pi - 1];
        let lead_in = prev.kind == ParagraphKind::Prose
            && self.text[prev.span.clone()].trim_end().ends_with(':')
            && !has_quote(quotes, pi - 1);
        if !(put && self.opens_paragraph(q) && lead_in) {
            return None;
        }
        let mi = self.last_person_in(pi - 1, None)?;
        Some(self.exchange_with(mi))
    }

    /// Whether a quote ends with a question mark.
    fn asks(&self, q: &Quote) -> bool {
        self.text[quoted_text(q, self.paragraphs)]
            .trim_end()
            .ends_with('?')
    }

    /// Whether a quote speaks to someone in the second person (`you`, `vous`; `Avez-vous …`:
    /// the pronoun after the hyphen).
    fn says_you(&self, q: &Quote) -> bool {
        let mut buf = String::new();
        self.text[quoted_text(q, self.paragraphs)]
            .split(|c: char| word_break(c) || c == '-' || c == ',')
            .any(|w| {
                self.lex
                    .second_person
                    .contains(lexicon::normalize(w, &mut buf))
            })
    }

    /// Whether a quote opens its paragraph, after a dialogue dash if any (`— « … »`).
    fn opens_paragraph(&self, q: &Quote) -> bool {
        let para = &self.paragraphs[q.paragraph];
        self.text[para.span.start..q.open.start]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-'))
            .is_empty()
    }

    /// The last person mention of paragraph `p` that is not of entity `except`.
    fn last_person_in(&self, p: usize, except: Option<usize>) -> Option<usize> {
        let span = self.paragraphs[p].span.clone();
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        (first..self.mentions.len())
            .take_while(|&mi| self.mentions[mi].span.start < span.end)
            .filter(|&mi| {
                let m = &self.mentions[mi];
                let kind = self.entities.get(m.entity).map_or(m.kind, |e| e.kind);
                kind == super::EntityKind::Person && Some(m.entity) != except
            })
            .last()
    }

    /// The attribution of a quote in an exchange to the person of mention `mi`.
    fn exchange_with(&self, mi: usize) -> Attribution {
        let m = &self.mentions[mi];
        Attribution {
            speaker: m.span.clone(),
            mention: Some(mi),
            entity: Some(m.entity),
            method: AttributionMethod::Exchange,
            cue: None,
            named: true,
        }
    }

    /// The end of a dateline opening a paragraph's first sentence (`HALVORSUND, March 19
    /// (Reuters) -`, `PARIS (AFP) –`): a word in capitals, then, before any verb, a dash.
    fn dateline_end(&self, t: &Toks, lo: usize, hi: usize) -> Option<usize> {
        if lo != 0 || !t.is_word(lo) {
            return None;
        }
        let first = self.text.get(t.toks[lo].span.clone())?;
        let capitals = first.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && first.chars().all(|c| !c.is_lowercase());
        if !capitals {
            return None;
        }
        let dash = (lo + 1..hi.min(lo + 14))
            .take_while(|&k| !self.is_verb_at(t, k) && !t.toks[k].quoted)
            .find(|&k| t.is_punct(k, "-") || t.is_punct(k, "–") || t.is_punct(k, "—"))?;
        (dash + 1 < hi).then_some(dash + 1)
    }

    /// The subject of a lead-in sentence ending with a colon at `colon` and no reporting
    /// verb (`X s’est montré plus amer :`, `Her message was blunt:`): a person or role, or
    /// the possessor of a possessive subject (`Son message était laconique :`).
    fn lead_in_subject(&self, t: &Toks, lo: usize, colon: usize) -> Option<Speaker> {
        if self.impersonal_in(t, lo.max(colon.saturating_sub(60)), colon) {
            return None;
        }
        if let Some(sp) = self
            .sentence_subject(t, lo, colon)
            .filter(|sp| !self.stray_capital(sp))
        {
            return Some(sp);
        }
        // `Among the last speakers was Ava Martinez, a fifth-grader, who read from a note:`:
        // the person a relative clause ending at the colon is about.
        if let Some(rel) = (lo + 1..colon)
            .rev()
            .find(|&k| t.is_punct(k - 1, ",") && matches!(t.w(k), "who" | "qui"))
        {
            // Back over an apposition (`, a fifth-grader at Westview,`) to the name.
            let mut end = rel - 1;
            if let Some(c) = (lo..end).rev().find(|&k| t.is_punct(k, ",")) {
                if t.has(c + 1, word::DET) && c + 2 < end && !self.is_cap(t, c + 2) {
                    end = c;
                }
            }
            if let Some(sp) = self
                .np_backward(t, end, lo)
                .filter(|sp| sp.named && self.person_like(sp))
            {
                return Some(sp);
            }
        }
        let kind = *self.lex.possessives.get(t.w(lo))?;
        if !t.is_word(lo) || t.toks[lo].quoted {
            return None;
        }
        let kind = kind.unwrap_or(PronounKind::Any);
        Some(self.pronoun_speaker(t, lo, kind))
    }

    /// `», a déclaré M. X`, `», a-t-il ajouté`, `,” said X`, `,” X said`, `», selon X`,
    /// `» pour l’Ukraine, a ajouté Lord Dannatt`.
    fn incise_after(&self, t: &Toks, lo: usize, hi: usize, _qi: usize) -> Option<Found> {
        let reach = hi.min(lo + 16);
        let mut i = lo;
        while i < reach {
            let after_comma = i == lo
                || t.is_punct(i - 1, ",")
                || (i > lo && t.is_punct(i - 1, "—"))
                || (i > lo
                    && self.lex.object_clitics.contains(t.w(i - 1))
                    && (i - 1 == lo || t.is_punct(i - 2, ",")));
            if after_comma {
                if let Some(f) = self.on_speaking_for(t, i, hi) {
                    return Some(f);
                }
            }
            if let Some((p, pspan, is_aux)) = self.inversion(t, i) {
                let mut cue_end = t.toks[i].span.end;
                if is_aux && self.reporting_participle(t, i + 1) {
                    cue_end = t.toks[i + 1].span.end;
                } else if is_aux {
                    i += 1;
                    continue;
                }
                if i > lo + 10 && !after_comma {
                    return None;
                }
                return Some(Found {
                    speaker: Speaker {
                        span: pspan.clone(),
                        named: false,
                        gender: p.gender(),
                        pronoun: Some(pspan),
                        plural: p == PronounKind::Plural,
                    },
                    method: Method::Incise,
                    cue: Some(t.toks[i].span.start..cue_end),
                });
            }
            if let Some(n) = self.phrase_at(t, i, &self.lex.source_phrases, word::SOURCE) {
                // `» pour l’Ukraine, a ajouté …` completes the quote; `, pour X,` is a source.
                if t.w(i) == "pour" && !(i > 0 && t.is_punct(i - 1, ",")) {
                    i += 1;
                    continue;
                }
                if let Some(sp) = self.np_forward_with(t, i + n, hi, true) {
                    return Some(Found {
                        speaker: sp,
                        method: Method::Source,
                        cue: Some(Self::speaker_span(t, i, i + n)),
                    });
                }
            }
            // A compound tense: aux (+ aux, adverb) + participle: `s’est emporté`.
            // (Not a noun after a preposition: `the head of state told`.)
            let after_prep = i > lo && t.has(i - 1, word::PREP);
            let (vstart, vend) =
                if let Some(end) = self.verb_group_end(t, i).filter(|_| !after_prep) {
                    (i, end)
                } else {
                    if self.is_verb_like_stop(t, i) {
                        return None;
                    }
                    i += 1;
                    continue;
                };
            let cue = Some(t.toks[vstart].span.start..t.toks[vend - 1].span.end);
            // Verb first: the speaker follows (French inversion, `said Kofman`); never after a
            // verb whose addressee follows it (`told Al Jazeera`).
            let addressee = self.lex.addressee_first.contains(t.w(vend - 1));
            if (after_comma || vstart == lo) && !addressee {
                // After an inverted reporting verb, any noun phrase is its subject
                // (`a confié l’autrice`, `said the report`).
                if let Some(sp) = self.np_forward_with(t, vend, hi, true) {
                    return Some(Found {
                        speaker: sp,
                        method: Method::Incise,
                        cue,
                    });
                }
            }
            // Speaker first: `,” Kofman said`, `,” the official said`, `,” she added`; not a
            // verb coordinated with the sentence's own (`» des distributeurs et rappelle`).
            let coordinated =
                vstart > lo && matches!(t.w(vstart - 1), "et" | "and" | "mais" | "but");
            if vstart > lo && vstart <= lo + NP_REACH && !coordinated {
                let start_ok = lo == 0
                    || t.is_punct(lo - 1, ",")
                    || t.toks[lo - 1].quoted
                    || t.is_punct(lo, ",");
                let sub_lo = if t.is_punct(lo, ",") { lo + 1 } else { lo };
                if start_ok {
                    if let Some(sp) = self.np_backward(t, vstart, sub_lo) {
                        let first = t.at(sp.span.start);
                        if sp.span.start == t.toks[sub_lo].span.start
                            || sp.named && self.modifier_prefix(t, sub_lo, first)
                        {
                            return Some(Found {
                                speaker: sp,
                                method: Method::Incise,
                                cue,
                            });
                        }
                    }
                }
            }
            return None;
        }
        None
    }

    /// Whether token `i` completes an inverted auxiliary into a reporting verb (`a-t-il
    /// déclaré`): a verb of the lexicon, or, right after the inversion, any lowercase past
    /// participle (`a-t-il pesté`, `a-t-elle balayé`), since an inverted compound tense after a
    /// quote reports it; `été` (a passive) does not.
    fn reporting_participle(&self, t: &Toks, i: usize) -> bool {
        if i >= t.toks.len() || !t.is_word(i) {
            return false;
        }
        if t.has(i, word::VERB) {
            return true;
        }
        let w = t.w(i);
        w.chars().all(|c| c.is_lowercase())
            && self.has_participle_ending(w)
            && !w.ends_with("ant")
            && w != "été"
            && !self.lex.auxiliaries.contains(w)
    }

    /// The end (exclusive) of a verb group starting at `i`: a reporting verb, or auxiliaries
    /// and adverbs followed by one (`a déclaré`, `s’est emporté`, `has also said`).
    fn verb_group_end(&self, t: &Toks, i: usize) -> Option<usize> {
        if self.is_verb_at(t, i) {
            return Some(i + 1);
        }
        if !self.lex.auxiliaries.contains(t.w(i)) || !t.is_word(i) || t.toks[i].quoted {
            return None;
        }
        let mut k = i + 1;
        while k < t.toks.len() && k <= i + 3 {
            if self.is_verb_at(t, k) {
                return Some(k + 1);
            }
            let w = t.w(k);
            let glue = t.is_word(k)
                && (self.lex.auxiliaries.contains(w) || self.lex.adverbs.contains(w))
                && !self.lex.pronouns.contains_key(w)
                && !self.is_cap(t, k);
            if !glue {
                break;
            }
            k += 1;
        }
        None
    }

    /// Whether tokens `lo..hi` can be the modifiers of a speaker name that follows them: a
    /// title phrase (`U.S. District Judge`, `Northvale Chief Executive`) or a role with a
    /// comma before an apposed name (`a union spokesman,`). No verb, clause word or quote.
    fn modifier_prefix(&self, t: &Toks, lo: usize, hi: usize) -> bool {
        if hi <= lo || hi - lo > NP_REACH {
            return false;
        }
        (lo..hi).all(|k| {
            let tok = &t.toks[k];
            if tok.quoted {
                return false;
            }
            if tok.kind == TokKind::Punct {
                return matches!(t.w(k), "," | "." | "&" | "-" | "'s");
            }
            let w = t.w(k);
            // `co-founder and chief executive`: two roles joined.
            let joins_roles = matches!(w, "and" | "et")
                && k > lo
                && t.has(k - 1, word::ROLE)
                && (k + 1..hi.min(k + 4)).any(|x| t.has(x, word::ROLE) && !self.is_cap(t, x));
            if joins_roles {
                return true;
            }
            !self.is_verb_at(t, k)
                && !self.lex.complementisers.contains(w)
                && !self.lex.subordinators.contains(w)
                && !self.lex.pronouns.contains_key(w)
                && !matches!(
                    w,
                    "who" | "which" | "qui" | "que" | "and" | "et" | "but" | "mais"
                )
                && !self.lex.participles.contains(w)
        })
    }

    /// A word that ends the search for an incise (a finite verb of another clause).
    fn is_verb_like_stop(&self, t: &Toks, i: usize) -> bool {
        let sentence_end = t.is_punct(i, ".")
            && t.toks
                .get(i + 1)
                .is_none_or(|n| n.sentence != t.toks[i].sentence);
        sentence_end || t.is_punct(i, ";") || t.is_punct(i, ":")
    }

    /// `« Nous …, dit-il, … »`: an incise between commas inside the quote.
    fn incise_inside(&self, t: &Toks, quotes: &[Quote], qi: usize) -> Option<Found> {
        let q = &quotes[qi];
        let c = quoted_text(q, self.paragraphs);
        let lo = t.at(c.start);
        let hi = t.at(c.end).min(lo + 400);
        let closes = |k: usize| t.is_punct(k, ",") || t.is_punct(k, ".");
        for i in lo + 1..hi {
            if !t.is_punct(i - 1, ",") {
                continue;
            }
            // `, a reconnu Me Garnier.` / `, explique Jean Dupont,`
            let (vs, ve) = if t.has(i, word::AUX) && t.has(i + 1, word::VERB) {
                (i, i + 2)
            } else if t.has(i, word::VERB) && !self.is_cap(t, i) {
                (i, i + 1)
            } else {
                (i, i)
            };
            if ve > vs {
                let name = if let Some((n, g)) = self.honorific_at(t, ve) {
                    Some((ve, self.name_run_end(t, n), g))
                } else if self.is_name_word(t, ve) {
                    Some((ve, self.name_run_end(t, ve), None))
                } else {
                    None
                };
                if let Some((a, b, g)) = name {
                    if closes(b) {
                        return Some(Found {
                            speaker: named(t, a, b, g),
                            method: Method::Incise,
                            cue: Some(t.toks[vs].span.start..t.toks[ve - 1].span.end),
                        });
                    }
                } else if t.has(vs, word::VERB) || t.has(vs, word::AUX) {
                    // `, précise la chercheuse.` / `, said the minister,`: a role phrase.
                    if let Some(sp) = self.role_in_incise(t, ve, hi) {
                        return Some(Found {
                            speaker: sp,
                            method: Method::Incise,
                            cue: Some(t.toks[vs].span.start..t.toks[ve - 1].span.end),
                        });
                    }
                }
            }
            if let Some((p, pspan, is_aux)) = self.inversion(t, i) {
                let mut cue_end = t.toks[i].span.end;
                let mut k = i + 1;
                if is_aux {
                    if !self.reporting_participle(t, k) {
                        continue;
                    }
                    cue_end = t.toks[k].span.end;
                    k += 1;
                }
                if !closes(k) {
                    continue;
                }
                return Some(Found {
                    speaker: Speaker {
                        span: pspan.clone(),
                        named: false,
                        gender: p.gender(),
                        pronoun: Some(pspan),
                        plural: p == PronounKind::Plural,
                    },
                    method: Method::Incise,
                    cue: Some(t.toks[i].span.start..cue_end),
                });
            }
        }
        None
    }

    /// A short role phrase standing alone inside a quote, between a reporting verb and the
    /// comma or full stop that resumes the quote (`précise la chercheuse.`, `said the
    /// minister,`). Its tokens are inside the quote, so the ordinary phrase readers skip them.
    fn role_in_incise(&self, t: &Toks, det: usize, hi: usize) -> Option<Speaker> {
        let d = t.w(det);
        if !t.has(det, word::DET) || !(singular_det(d) || d == "the") {
            return None;
        }
        let mut role = None;
        let mut k = det + 1;
        while k < hi.min(det + 8) && t.is_word(k) {
            if role.is_none() && (self.lex.is_person_role(t.w(k)) || self.agent_noun(t.w(k))) {
                role = Some(k);
            }
            k += 1;
        }
        let role = role?;
        if !(t.is_punct(k, ",") || t.is_punct(k, ".")) {
            return None;
        }
        let gender = self
            .lex
            .role_genders
            .get(t.w(role))
            .copied()
            .or_else(|| self.det_gender(d));
        Some(Speaker {
            span: Self::speaker_span(t, det, k),
            named: false,
            gender,
            pronoun: None,
            plural: false,
        })
    }

    /// A participle cue between a quote and the previous quote of its sentence (`« … »,
    /// a-t-il précisé, estimant que « … »`, `“…,” she said, adding: “…”`): the previous
    /// quote's index and the participle's span.
    fn participle_after_quote(&mut self, quotes: &[Quote], qi: usize) -> Option<(usize, Span)> {
        let q = &quotes[qi];
        let pi = q.paragraph;
        let pq = (0..qi)
            .rev()
            .take_while(|&k| quotes[k].paragraph == pi)
            .find(|&k| quotes[k].nested_in.is_none() && quotes[k].kind != QuoteKind::Title)?;
        let t = self.toks(quotes, pi);
        let open = t.at(q.open.start);
        let prev_close = t.at(quotes[pq].span().end);
        let sentence = t.toks.get(open)?.sentence;
        // `Et de prévenir : « … »`: a narrative infinitive goes on with the speaker of the
        // sentence before.
        let s_lo = t.toks.partition_point(|tk| tk.sentence < sentence);
        if s_lo + 2 < open
            && matches!(t.w(s_lo), "et" | "puis")
            && t.w(s_lo + 1) == "de"
            && self.is_verb_at(&t, s_lo + 2)
            && (s_lo + 3..open).all(|j| t.is_punct(j, ":") || t.is_punct(j, ","))
            && quotes[pq].attribution.is_some()
        {
            return Some((pq, t.toks[s_lo + 2].span.clone()));
        }
        if t.toks.get(prev_close.saturating_sub(1))?.sentence != sentence {
            return None;
        }
        let mut k = open;
        while k > prev_close && open - k < 4 {
            k -= 1;
            if t.has(k, word::PARTICIPLE) && !t.toks[k].quoted {
                // (`…, en dénonçant « … »`: a gerund.)
                let comma = k > prev_close && t.is_punct(k - 1, ",")
                    || k > prev_close + 1 && t.w(k - 1) == "en" && t.is_punct(k - 2, ",");
                let tail = (k + 1..open)
                    .all(|j| t.has(j, word::COMPL) || t.is_punct(j, ":") || t.is_punct(j, ","));
                return (comma && tail).then(|| (pq, t.toks[k].span.clone()));
            }
        }
        // `», a expliqué Jonas Rydahl, qui a reconnu une « petite alerte »`: a relative clause
        // on the speaker, with a verb of its own, reports their words too.
        let speaker_end = t.at(quotes[pq].attribution.as_ref()?.speaker.end);
        if speaker_end > prev_close && speaker_end < open && t.is_punct(speaker_end, ",") {
            let rel = speaker_end + 1;
            let window = rel + 1..open;
            let relative = matches!(t.w(rel), "qui" | "who");
            let verb = window.clone().find(|&j| self.is_verb_at(&t, j));
            let clean = window
                .clone()
                .all(|j| !t.toks[j].quoted && !self.is_name_word(&t, j) && !t.is_punct(j, "."));
            if relative && clean && open - rel <= 10 {
                if let Some(v) = verb {
                    return Some((pq, t.toks[v].span.clone()));
                }
            }
        }
        None
    }

    /// `Au ministère de la Santé, on indique que « … »`, `À Matignon, on assure que …`: an
    /// indefinite `on` speaking for the place or body the sentence opens with. The body is an
    /// unnamed source; without such an opening, `on` stays impersonal.
    fn collective_on(&self, t: &Toks, lo: usize, open: usize) -> Option<Found> {
        if !matches!(self.language, Language::French) || open <= lo + 3 {
            return None;
        }
        let np = match t.w(lo) {
            "à" | "au" | "aux" | "chez" => lo + 1,
            _ => return None,
        };
        let comma = (np..open.min(np + 10)).find(|&k| t.is_punct(k, ","))?;
        if comma == np || (np..comma).any(|k| !t.is_word(k) || t.toks[k].quoted) {
            return None;
        }
        if t.w(comma + 1) != "on" {
            return None;
        }
        let verb = comma + 2;
        if verb >= open || !(t.has(verb, word::VERB) || t.has(verb, word::AUX)) {
            return None;
        }
        // The determiner the preposition swallowed (`au ministère` → `le ministère`) is not in
        // the text: the source is the words after the preposition.
        Some(Found {
            speaker: Speaker {
                span: Self::speaker_span(t, np, comma),
                named: false,
                gender: None,
                pronoun: None,
                plural: false,
            },
            method: Method::CueBefore,
            cue: Some(t.toks[comma + 1].span.start..t.toks[verb].span.end),
        })
    }

    /// `», précise-t-on dans l’entourage du ministre`, `», indique-t-on au ministère`: an
    /// inverted `on` with the place or circle it speaks for, an unnamed source. Without such a
    /// place, `on` stays impersonal.
    fn on_speaking_for(&self, t: &Toks, i: usize, hi: usize) -> Option<Found> {
        if !matches!(self.language, Language::French) || !t.is_word(i) {
            return None;
        }
        let head = t.w(i).strip_suffix("-on")?;
        let head = head.strip_suffix("-t").unwrap_or(head);
        if !(self.lex.is(head, word::VERB) || self.lex.is(head, word::AUX)) {
            return None;
        }
        let mut k = i + 1;
        if self.lex.is(head, word::AUX) && self.reporting_participle(t, k) {
            k += 1;
        }
        let np = match t.w(k) {
            "dans" | "à" | "au" | "aux" | "chez" => k + 1,
            _ => return None,
        };
        let end = (np..hi.min(np + 8))
            .find(|&j| !t.is_word(j) || t.toks[j].quoted)
            .unwrap_or(hi.min(np + 8));
        if end == np {
            return None;
        }
        Some(Found {
            speaker: Speaker {
                span: Self::speaker_span(t, np, end),
                named: false,
                gender: None,
                pronoun: None,
                plural: false,
            },
            method: Method::Source,
            cue: Some(t.toks[i].span.start..t.toks[k].span.end),
        })
    }

    /// Cues before the quote in its sentence: source phrases, then reporting verbs (nearest
    /// first), participles and nominal cues.
    fn cue_before(
        &self,
        t: &Toks,
        lo: usize,
        open: usize,
        quotes: &[Quote],
        qi: usize,
    ) -> Option<Found> {
        let lo = lo.max(open.saturating_sub(60));
        let _ = (quotes, qi);
        // Source phrases: `selon X, « … »`, `according to X, …`.
        for i in (lo..open).rev() {
            if t.toks[i].quoted {
                continue;
            }
            if let Some(n) = self.phrase_at(t, i, &self.lex.source_phrases, word::SOURCE) {
                // `Nadia Bensaïd, déléguée syndicale, pour qui « … »`, `le maire, selon qui
                // « … »`: the source is the relative's antecedent.
                if i + n < open && self.lex.relatives.contains(t.w(i + n)) {
                    if let Some(sp) = self.relative_antecedent(t, lo, i) {
                        return Some(Found {
                            speaker: sp,
                            method: Method::Source,
                            cue: Some(Self::speaker_span(t, i, i + n + 1)),
                        });
                    }
                    continue;
                }
                if t.w(i) == "pour" && !(i == lo || t.is_punct(i - 1, ",")) {
                    continue;
                }
                if let Some(sp) = self.np_forward_with(t, i + n, open, t.w(i) != "pour") {
                    // `pour X, …`: only with the comma that closes the phrase.
                    if t.w(i) == "pour" {
                        let after = t.at(sp.span.end);
                        if !t.is_punct(after, ",") {
                            continue;
                        }
                    }
                    return Some(Found {
                        speaker: sp,
                        method: Method::Source,
                        cue: Some(Self::speaker_span(t, i, i + n)),
                    });
                }
            }
        }
        // Reporting verbs and participles, nearest the quote first.
        let mut i = open;
        while i > lo {
            i -= 1;
            let tok = &t.toks[i];
            if tok.quoted || tok.kind != TokKind::Word {
                continue;
            }
            let participle = t.has(i, word::PARTICIPLE);
            if !participle && !self.is_verb_at(t, i) {
                continue;
            }
            let cue = Some(tok.span.clone());
            // Back over the auxiliary to the subject.
            let mut k = i;
            let mut guard = 0;
            while k > lo && guard < 4 {
                if t.has(k - 1, word::AUX)
                    || (t.has(k - 1, word::ADVERB)
                        && !self.is_cap(t, k - 1)
                        && !t.has(k - 1, word::PRONOUN))
                {
                    k -= 1;
                    guard += 1;
                } else {
                    break;
                }
            }
            // An infinitive or participle after another verb (`a déclaré avoir dit`) or after a
            // preposition (`a écrit au ministre pour réclamer`): its subject is the clause's.
            if k > lo
                && (self.is_verb_at(t, k - 1)
                    || !participle && k == i && t.has(k - 1, word::PREP) && t.is_word(k - 1))
            {
                continue;
            }
            let method = if participle {
                Method::Participle
            } else if t.toks[i + 1..open]
                .iter()
                .enumerate()
                .any(|(d, tk)| !tk.quoted && t.has(i + 1 + d, word::COMPL))
            {
                Method::CueThat
            } else {
                Method::CueBefore
            };
            if self.impersonal_in(t, k.saturating_sub(4).max(lo), i + 1) {
                return None;
            }
            let conj =
                k > lo && matches!(t.w(k - 1), "et" | "mais" | "and" | "but" | "puis" | "then");
            let sp = if conj || (participle && k > lo && t.is_punct(k - 1, ",")) {
                self.sentence_subject(t, lo, k)
            } else {
                self.np_backward(t, k, lo)
                    .or_else(|| self.modified_subject(t, lo, k))
            };
            if let Some(sp) = sp {
                // `… said that the scale of the fraud demanded “…”`: a thing (no role, no
                // name) as the subject of a reported clause is not a speaker; the clause is
                // still reported by whoever said it.
                let first = t.at(sp.span.start);
                let thing = !sp.named
                    && sp.pronoun.is_none()
                    && first > lo
                    && t.has(first - 1, word::COMPL)
                    && (first..t.at(sp.span.end)).all(|x| !t.has(x, word::ROLE));
                if thing {
                    continue;
                }
                return Some(Found {
                    speaker: sp,
                    method,
                    cue,
                });
            }
            if participle {
                if let Some(sp) = self.sentence_subject(t, lo, k) {
                    return Some(Found {
                        speaker: sp,
                        method,
                        cue,
                    });
                }
            }
        }
        // Nominal cues: `dans un communiqué, le ministère …`, `in a statement, X …`.
        for i in lo..open {
            if let Some(n) = self.phrase_at(t, i, &self.lex.nominal_cues, word::NOMINAL) {
                if let Some(sp) = self.sentence_subject(t, lo, open) {
                    return Some(Found {
                        speaker: sp,
                        method: Method::Participle,
                        cue: Some(Self::speaker_span(t, i, i + n)),
                    });
                }
            }
        }
        None
    }

    /// The subject of the verb at `verb` when a modifier stands between them: `Un banquier
    /// ayant travaillé sur le dossier résume`, `A banker who worked on the deal said`, `Une
    /// infirmière présente cette nuit-là raconte`. The sentence's subject, when a relative
    /// pronoun or a participle opens what follows it and nothing in between is quoted.
    fn modified_subject(&self, t: &Toks, lo: usize, verb: usize) -> Option<Speaker> {
        let sp = self.sentence_subject(t, lo, verb)?;
        let after = t.at(sp.span.end);
        if after >= verb || verb - after > MAX_MODIFIER_TOKENS {
            return None;
        }
        if (after..verb).any(|k| t.toks[k].quoted || t.is_punct(k, ":")) {
            return None;
        }
        let w = t.w(after);
        let opens_modifier = t.is_word(after)
            && (self.lex.relatives.contains(w)
                || self.lex.auxiliaries.contains(w) && self.has_participle_ending(w)
                || self.participial_opening(t, after));
        opens_modifier.then_some(sp)
    }

    /// Where the clause of a cleft sentence opening at `lo` starts: after the `que` of `C’est
    /// là que`, `C’était alors qu’`, within a few words and before any verb.
    fn cleft_end(&self, t: &Toks, lo: usize, hi: usize) -> Option<usize> {
        if t.toks.get(lo).is_none_or(|tk| tk.quoted) {
            return None;
        }
        let n = AttributionLexicon::starts_with_phrase(&self.lex.cleft_openers, |k| {
            let j = lo + k;
            (j < hi && !t.toks[j].quoted).then(|| t.w(j))
        })?;
        (lo + n..hi.min(lo + n + MAX_CLEFT_TOKENS))
            .take_while(|&k| t.is_word(k) && !t.toks[k].quoted && !self.is_verb_at(t, k))
            .find(|&k| t.has(k, word::COMPL))
            .map(|k| k + 1)
    }

    /// The subject at the start of the clause: the first speaker phrase of the sentence that
    /// is followed by a verb (skipping introductory adverbials and a cleft's `c’est … que`).
    fn sentence_subject(&self, t: &Toks, lo: usize, hi: usize) -> Option<Speaker> {
        let sp = self.sentence_subject_words(t, lo, hi)?;
        // `BBC Weather’s Simon Pryce says …`: the name after an organisation's possessive is
        // the subject.
        if sp.named {
            let after = t.at(sp.span.end);
            if after + 1 < hi
                && matches!(t.w(after), "'s" | "’s" | "'")
                && self.is_name_word(t, after + 1)
            {
                let end = self.name_run_end(t, after + 1);
                if end >= after + 3 {
                    return Some(self.with_mention_gender(named(t, after + 1, end, None)));
                }
            }
        }
        Some(sp)
    }

    fn sentence_subject_words(&self, t: &Toks, lo: usize, hi: usize) -> Option<Speaker> {
        if let Some(k) = self.dateline_end(t, lo, hi) {
            return self.sentence_subject(t, k, hi);
        }
        if let Some(k) = self.cleft_end(t, lo, hi) {
            return self.sentence_subject(t, k, hi);
        }
        let mut i = lo;
        // Skip an introductory adverbial ending with a comma (`Dimanche,`, `In Kyiv,`).
        for k in lo..hi.min(lo + MAX_OPENER_TOKENS) {
            if t.is_punct(k, ",") {
                let first = t.w(lo);
                // `Sept romans plus tard, Bernard Lhomme …`, `Planétologue de formation,
                // Marc Oudin …`: a verbless opening phrase, then a full name.
                // (An infinitive after a preposition is no verb of the sentence: `Première à
                // témoigner, Josiane Castel …`.)
                // (Nor is a participle opening it: `Interrogé mardi, Gérard Malvoisin …`.)
                let verbless = (lo..k).all(|x| {
                    (!self.is_verb_at(t, x)
                        || x > lo && t.has(x - 1, word::PREP)
                        || x == lo && self.has_participle_ending(t.w(x)))
                        && !t.toks[x].quoted
                });
                let name_next = self.honorific_at(t, k + 1).is_some()
                    || self.is_name_word(t, k + 1) && self.name_run_end(t, k + 1) >= k + 3;
                let det_first = self.lex.determiners.contains(first)
                    && !self.lex.possessives.contains_key(first);
                if verbless && name_next && !det_first {
                    i = k + 1;
                    // `Interrogé par la présidente du tribunal, Hélène Vasseur, Gérard
                    // Malvoisin a …`: the opener's complement had its name in apposition.
                    let end = self.name_run_end(t, i);
                    if t.is_punct(end, ",")
                        && self.is_name_word(t, end + 1)
                        && self.name_run_end(t, end + 1) >= end + 3
                    {
                        i = end + 1;
                    }
                    break;
                }
                // `Ancien maire de X, le député Marc-Antoine Prévost a …`: a role opening the
                // sentence in apposition to the named subject after the comma.
                let role_first =
                    self.lex.is_person_role(first) || self.lex.person_modifiers.contains(first);
                if verbless
                    && role_first
                    && self.lex.determiners.contains(t.w(k + 1))
                    && self.np_forward(t, k + 1, hi).is_some_and(|sp| sp.named)
                {
                    i = k + 1;
                    break;
                }
                // (`Elle hésite, tourne la tête.`: a subject pronoun is no adverb.)
                let timed = verbless
                    && k - lo <= 5
                    && (lo..k).any(|x| self.lex.time_words.contains(t.w(x)));
                // `20km from the border,`: a measure glued to its number.
                let measure = verbless
                    && first.starts_with(|c: char| c.is_ascii_digit())
                    && first.contains(|c: char| c.is_alphabetic());
                if self.lex.prepositions.contains(first)
                    || timed
                    || measure
                    || self.participial_opening(t, lo)
                    || self.lex.adverbs.contains(first) && self.lex.pronoun(first).is_none()
                    || self.lex.not_names.contains(first)
                        && !self.lex.determiners.contains(first)
                        && self.lex.pronoun(first).is_none()
                {
                    // (Openers may follow one another: `In the Dalvik camp, 20km from the
                    // border, Farid Nassar …`.)
                    return self.sentence_subject_words(t, k + 1, hi);
                }
                break;
            }
            if t.toks[k].quoted {
                break;
            }
        }
        // `Mais il …`, `But he cautioned …`: a connective before the subject.
        if i == lo && i + 1 < hi && self.lex.connectives.contains(t.w(i)) {
            i += 1;
        }
        if i >= hi {
            return None;
        }
        if let Some(p) = t.info(i).pronoun {
            // `Il est …`, `il faut …` are impersonal.
            if matches!(t.w(i + 1), "est" | "faut" | "semble" | "s'agit" | "y")
                && p == PronounKind::Masculine
            {
                return None;
            }
            return Some(self.pronoun_speaker(t, i, p));
        }
        let sp = self.np_forward(t, i, hi)?;
        // The phrase must be followed (within a few words) by something verb-like, after its
        // acronym in brackets if any (`l’Association nationale … (ANIA) rejette`).
        let mut after = t.at(sp.span.end);
        if t.is_punct(after, "(") {
            if let Some(k) = (after + 1..hi.min(after + 6)).find(|&k| t.is_punct(k, ")")) {
                after = k + 1;
            }
        }
        let verbish = (after..hi.min(after + 6)).any(|k| {
                t.is_punct(k, ",")
                    || self.lex.auxiliaries.contains(t.w(k))
                    || self.lex.verbs.contains(t.w(k))
                    || self.lex.participles.contains(t.w(k))
            }) || after < hi && t.is_word(after) && !self.lex.prepositions.contains(t.w(after))
                // `Thomas Briggs of the FBI led …`: a complement, then a verb.
                || sp.named
                    && self.lex.prepositions.contains(t.w(after))
                    && (after + 1..hi.min(after + 8)).any(|k| {
                        t.is_word(k)
                            && !self.is_cap(t, k)
                            && !self.lex.prepositions.contains(t.w(k))
                            && !self.lex.determiners.contains(t.w(k))
                    });
        verbish.then_some(sp)
    }

    /// Whether token `i` opens a participial phrase (`Sollicité par l’AFP,`, `Asked about
    /// it,`): a participle ending followed by a preposition. Such a word is never a name.
    fn participial_opening(&self, t: &Toks, i: usize) -> bool {
        t.is_word(i) && self.has_participle_ending(t.w(i)) && t.has(i + 1, word::PREP)
    }

    /// Whether `w` (longer than three letters) ends like a past participle (`-é`, `-ed`, …).
    fn has_participle_ending(&self, w: &str) -> bool {
        w.chars().count() > 3
            && self
                .lex
                .participle_endings
                .iter()
                .any(|e| w.ends_with(e.as_str()))
    }

    fn impersonal_in(&self, t: &Toks, lo: usize, hi: usize) -> bool {
        (lo..hi).any(|i| {
            let ok = self
                .phrase_at(t, i, &self.lex.impersonal, word::IMPERSONAL)
                .is_some();
            ok && !t.toks[i].quoted
        }) || (lo..hi).any(|i| {
            t.w(i).ends_with("-t-on")
                || t.w(i).ends_with("-on")
                    && self
                        .lex
                        .verbs
                        .contains(t.w(i).trim_end_matches("-on").trim_end_matches("-t"))
        })
    }

    /// Whether the quote's sentence holds only an impersonal construction.
    fn impersonal(&mut self, quotes: &[Quote], qi: usize) -> bool {
        let q = &quotes[qi];
        let t = self.toks(quotes, q.paragraph);
        let open = t.at(q.open.start);
        let sent = t.toks.get(open).map_or(0, |tk| tk.sentence);
        let lo = t.toks.partition_point(|tk| tk.sentence < sent);
        let hi = t.toks.partition_point(|tk| tk.sentence <= sent);
        let lo = lo.max(open.saturating_sub(60));
        let hi = hi.min(open + 60);
        self.impersonal_in(&t, lo, hi)
    }

    /// Turns a pronoun into the person it refers to, and a definite role (`le chancelier`)
    /// into the person the article introduced with that role (`le chancelier allemand Olaf
    /// Scholz`).
    fn resolve(&mut self, quotes: &[Quote], qi: usize, f: Found) -> Found {
        let mut f = self.resolve_pronoun(quotes, qi, f);
        if !f.speaker.named && !f.speaker.plural {
            if let Some(mi) = self.apposed_person(&f.speaker) {
                let pronoun = f.speaker.pronoun.take();
                f.speaker = self.mention_speaker(mi);
                f.speaker.pronoun = pronoun;
                return f;
            }
        }
        if !f.speaker.named && !f.speaker.plural {
            if let Some(mut r) = self.role_antecedent(quotes, qi, &f.speaker) {
                // `A spokesperson for the World Health Organization said … “…,” the
                // spokesperson said`: the source that holds the name, not the name.
                if let Some(u) = self
                    .unnamed_antecedent(quotes, qi, &f.speaker)
                    .filter(|u| u.span.start <= r.span.start && r.span.end <= u.span.end)
                {
                    r = u;
                }
                r.pronoun = f.speaker.pronoun.clone();
                f.speaker = r;
            } else if let Some(mut r) = self.unnamed_antecedent(quotes, qi, &f.speaker) {
                r.pronoun = f.speaker.pronoun.clone();
                f.speaker = r;
            }
        }
        f
    }

    /// Paragraph `p`'s tokens and where a look back through them starts: before `pos` in the
    /// quote's own paragraph (`own`), else at the paragraph's end.
    fn words_before(
        &mut self,
        quotes: &[Quote],
        p: usize,
        own: bool,
        pos: usize,
    ) -> (std::rc::Rc<Toks>, usize) {
        let t = self.toks(quotes, p);
        let hi = if own { t.at(pos) } else { t.toks.len() };
        (t, hi)
    }

    /// `cette source`, `the official`: an unnamed source the article introduced earlier with
    /// an indefinite article (`une source proche du dossier`, `A senior Ambaran official`),
    /// given as the article introduced it. The nearest such phrase with the same noun, within
    /// a few paragraphs.
    fn unnamed_antecedent(&mut self, quotes: &[Quote], qi: usize, sp: &Speaker) -> Option<Speaker> {
        let phrase = self.phrase_words(&sp.span);
        // A short definite or demonstrative phrase: its last word is the noun.
        let (det, noun) = (phrase.first()?, phrase.last()?);
        if phrase.len() < 2
            || phrase.len() > 3
            || !matches!(
                det.as_str(),
                "le" | "la" | "l" | "ce" | "cet" | "cette" | "the" | "this" | "that"
            )
        {
            return None;
        }
        let pi = quotes[qi].paragraph;
        // The unnamed speaker last quoted, when this phrase takes up its noun (`the
        // Philippine official said …` then `said the official`), or is a bare `source`
        // (`Selon un conseiller de l’exécutif, … « … », assure cette source`).
        let mut taken_up = None;
        if let Some((ls, _)) = self.last_speaker.as_ref().filter(|(ls, lp)| {
            !ls.named
                && !ls.plural
                && ls.pronoun.is_none()
                && pi - lp <= ROLE_REACH
                && ls.span.end <= sp.span.start
        }) {
            let said = self.phrase_words(&ls.span);
            // The noun heads what was said: last, or before its complement (`official
            // familiar with …`, `source proche du dossier`); and this phrase names no one
            // itself (`The Finch campaign` is not `A Delgado campaign official`).
            let heads = said
                .iter()
                .take(5)
                .position(|w| w == noun)
                .is_some_and(|k| {
                    said.get(k + 1).is_none_or(|next| {
                        self.lex.is(next, word::PREP)
                            || self.lex.is(next, word::POSTNOMINAL)
                            || self.has_participle_ending(next)
                    })
                });
            let plain = self
                .text
                .get(sp.span.clone())
                .unwrap_or_default()
                .split(word_break)
                .skip(1)
                .all(|w| w.chars().all(|c| !c.is_uppercase()));
            let takes_up = plain
                && (self.lex.source_nouns.contains(noun) || said.len() > phrase.len() && heads);
            if takes_up {
                taken_up = Some(ls.clone());
            }
        }
        let introduced = self.indefinite_antecedent(quotes, pi, sp, noun);
        // The nearer of the two.
        match (introduced, taken_up) {
            (Some(i), Some(l)) if l.span.start < i.span.start => Some(i),
            (i, l) => l.or(i),
        }
    }

    /// The nearest phrase with an indefinite article headed by `noun` before `sp`, within a
    /// few paragraphs (`une source proche du dossier`, `A senior harbour official`).
    fn indefinite_antecedent(
        &mut self,
        quotes: &[Quote],
        pi: usize,
        sp: &Speaker,
        noun: &str,
    ) -> Option<Speaker> {
        for back in 0..=ROLE_REACH.min(pi) {
            let (t, hi) = self.words_before(quotes, pi - back, back == 0, sp.span.start);
            for j in (hi.saturating_sub(MAX_LOOKBACK_TOKENS)..hi).rev() {
                if t.toks[j].quoted
                    || !t.is_word(j)
                    || !matches!(t.w(j), "un" | "une" | "a" | "an" | "one")
                {
                    continue;
                }
                let has_noun = (j + 1..(j + 5).min(hi)).any(|k| t.is_word(k) && t.w(k) == noun);
                if !has_noun {
                    continue;
                }
                // The noun heads the phrase (`a Delgado campaign official` is no campaign):
                // the noun first, or after one lowercase adjective (`une source proche du
                // dossier`, `un haut responsable américain`), or last.
                let heads = |f: &Speaker| {
                    let end = t.at(f.span.end);
                    let last_word = (j + 1..end).rev().find(|&k| t.is_word(k));
                    !f.named
                        && (last_word.is_some_and(|k| t.w(k) == noun)
                            || t.w(j + 1) == noun
                            || t.w(j + 2) == noun && !self.is_cap(&t, j + 1))
                };
                if let Some(f) = self.np_forward_with(&t, j, hi, true).filter(|f| heads(f)) {
                    return Some(f);
                }
                // Else the words from the article to the noun, all lowercase (`A senior
                // harbour official said …`).
                let n = (j + 1..(j + 5).min(hi)).find(|&k| t.w(k) == noun)?;
                if n == j + 1 || (j + 1..n).any(|k| self.is_cap(&t, k) || self.is_verb_at(&t, k)) {
                    return None;
                }
                return Some(Speaker {
                    span: Self::speaker_span(&t, j, n + 1),
                    named: false,
                    gender: None,
                    pronoun: None,
                    plural: false,
                });
            }
        }
        None
    }

    /// A person named in apposition right after a role phrase the phrase readers stopped
    /// short of (`le Premier ministre sortant, Levan Mikeladze,`, `la ministre chargée des
    /// comptes publics, Claire Dumont-Ségur,`): the person mention that follows it after at
    /// most six lowercase words without a verb, and a comma.
    fn apposed_person(&self, sp: &Speaker) -> Option<usize> {
        let k = self
            .mentions
            .partition_point(|m| m.span.start < sp.span.end);
        let m = self.mentions.get(k)?;
        let kind = self.entities.get(m.entity).map_or(m.kind, |e| e.kind);
        if kind != super::EntityKind::Person {
            return None;
        }
        let gap = self.text.get(sp.span.end..m.span.start)?;
        let (words, rest) = gap.rsplit_once(',')?;
        let modifiers: Vec<&str> = words.split_whitespace().collect();
        let lowercase = modifiers
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-' || c == '’'));
        // A complement of the role (`chargée des comptes publics`) holds no verb.
        let mut buf = String::new();
        let verbless = modifiers.iter().all(|w| {
            let w = lexicon::normalize(w, &mut buf);
            !self.lex.is(w, word::VERB) && !self.lex.is(w, word::AUX)
        });
        (rest.trim().is_empty() && modifiers.len() <= 6 && lowercase && verbless).then_some(k)
    }

    /// `l’autrice`, `the judge`: the person the article introduced with a form of that role
    /// (`la romancière Claire Morvan`, `U.S. District Judge Helen Markowitz`), the same role
    /// first, then a role of the same family, nearest first and of a compatible gender.
    fn role_antecedent(&mut self, quotes: &[Quote], qi: usize, sp: &Speaker) -> Option<Speaker> {
        let mut buf = String::new();
        let words = self.text.get(sp.span.clone())?;
        let first = lexicon::normalize(words.split(word_break).next()?, &mut buf).to_owned();
        // A definite or demonstrative article (`le maire`, `cette aide-soignante`), or a
        // possessive (`sa professeure`), which only takes up someone introduced in that role.
        let possessive = self.lex.possessives.contains_key(first.as_str());
        if !possessive
            && !matches!(
                first.as_str(),
                "le" | "la" | "l" | "the" | "ce" | "cet" | "cette" | "this" | "that"
            )
        {
            return None;
        }
        let phrase: Vec<String> = words
            .split(word_break)
            .map(|w| lexicon::normalize(w, &mut buf).to_owned())
            .collect();
        let aged = |w: &String| {
            self.lex
                .person_suffixes
                .iter()
                .any(|s| w.ends_with(s.as_str()))
        };
        // The head: the first person role (`l’ancienne infirmière`), or an age (`the
        // 34-year-old`), which describes a person but names no role.
        let epithet = self.demonym_epithet(quotes, qi, sp);
        // (A role after a preposition is a complement: `l’entourage du maire` is not the
        // mayor.)
        // `la cheffe du gouvernement`, `la nouvelle cheffe de l’État`: a phrase standing for
        // an office refers back to its holder.
        let periphrasis = (1..phrase.len().min(3)).find_map(|k| {
            self.lex
                .role_periphrases
                .iter()
                .find(|(p, _)| phrase[k..].starts_with(p))
                .map(|(_, role)| role.clone())
        });
        let head = match periphrasis.or_else(|| {
            phrase
                .iter()
                .take_while(|w| !self.lex.is(w, word::PREP))
                .find(|w| {
                    self.lex.is_person_role(w) || aged(w) || self.lex.person_nouns.contains(*w)
                })
                .cloned()
        }) {
            Some(h) => h,
            None if epithet => phrase.get(1)?.clone(),
            // `l’universitaire`, `la banquière centrale`: a noun of agent, not in the role
            // lists, standing alone after the article.
            None if phrase.len() <= 3 && self.agent_noun(phrase.get(1)?) => phrase[1].clone(),
            None => return None,
        };
        // An office (`le président`) may be held by someone never named: it refers back by
        // role only, unless the phrase describes a person (`la future maire`, an age, a
        // demonym).
        let describes_person = !possessive
            && (epithet
                || phrase
                    .iter()
                    .any(|w| self.lex.person_modifiers.contains(w) || aged(w))
                || !self.lex.office_roles.contains(&head));
        let want = self
            .lex
            .role_genders
            .get(&head)
            .copied()
            .or_else(|| self.det_gender(&first))
            .or_else(|| self.agent_noun_gender(&head));
        let pi = quotes[qi].paragraph;
        for max_kin in 0..=1u8 {
            // `« … », a tranché Pierre Abadie. Le manager du RCT a …`: a description right
            // after a named speaker's quote in the same paragraph elaborates on that speaker,
            // unless someone was introduced with this very role.
            let topic = self.lex.topic_epithets.contains(&head);
            if max_kin == 1 && describes_person && !topic {
                if let Some((ls, lp)) = &self.last_speaker {
                    let agrees = want.is_none() || ls.gender.is_none() || ls.gender == want;
                    if *lp == pi && ls.named && ls.span.end <= sp.span.start && agrees {
                        let para = &self.paragraphs[pi];
                        if ls.span.start >= para.span.start {
                            return Some(ls.clone());
                        }
                    }
                }
            }
            for back in 0..=ROLE_REACH.min(pi) {
                let (t, hi) = self.words_before(quotes, pi - back, back == 0, sp.span.start);
                for j in (hi.saturating_sub(MAX_LOOKBACK_TOKENS)..hi).rev() {
                    if t.toks[j].quoted || !t.is_word(j) {
                        continue;
                    }
                    let w = t.w(j);
                    if self.lex.role_kinship(&head, w).is_none_or(|k| k > max_kin) {
                        continue;
                    }
                    let g = self.lex.role_genders.get(w).copied();
                    if want.is_some() && g.is_some() && want != g {
                        continue;
                    }
                    if let Some(mut r) = self.name_of_role(&t, j, hi) {
                        if want.is_some() && r.gender.is_some() && want != r.gender {
                            continue;
                        }
                        r.gender = r.gender.or(want);
                        return Some(r);
                    }
                }
            }
        }
        // `Le porte-parole a également indiqué …` long after `Julio Ramírez Cáceres,
        // porte-parole du Centre national …`, when he was the last one quoted: the office is
        // his, however far back it was given.
        if let Some(r) = self.last_speaker_in_role(quotes, pi, &head, want) {
            return Some(r);
        }
        if let Some(r) = self.office_holders.get(&head).cloned() {
            return Some(r);
        }
        if describes_person {
            // An epithet or an age noun names the topic: the subject of a sentence just before, or the last
            // speaker (`Inès Kaddouri a battu la Tchèque X. « … », a dit la Française`), before
            // the nearest person mentioned, who may be an object.
            let kind = match want {
                Some(Gender::Feminine) => PronounKind::Feminine,
                Some(Gender::Masculine) => PronounKind::Masculine,
                _ => PronounKind::Any,
            };
            // (A role description such as `la metteuse en scène` keeps the nearest person.)
            let topical =
                epithet || phrase.iter().any(aged) || self.lex.person_nouns.contains(&head);
            // (`Inès, 12 ans, …` is not `la professeure, 47 ans`.)
            let age = self.age_after(sp.span.end);
            let clash = |cx: &Self, r: &Speaker| {
                let theirs = cx
                    .mention_in(&r.span)
                    .and_then(|m| cx.entity_age(cx.mentions[m].entity));
                matches!((age, theirs), (Some(a), Some(b)) if a != b)
            };
            let mut aged_out = None;
            if let Some(r) = topical
                .then(|| self.referent(quotes, qi, sp.span.start, kind))
                .flatten()
                .filter(|r| r.named && self.person_like(r))
            {
                if !clash(self, &r) {
                    return Some(r);
                }
                aged_out = self.mention_in(&r.span).map(|m| self.mentions[m].entity);
            }
            // `« … », a salué son entraîneur. « … », a reconnu l’intéressé`: the one talked
            // about, not the speaker just quoted in this paragraph.
            let exclude = self
                .lex
                .topic_epithets
                .contains(&head)
                .then_some(self.last_speaker.as_ref())
                .flatten()
                .filter(|(_, lp)| *lp == pi)
                .and_then(|(ls, _)| self.mention_in(&ls.span))
                .map(|mi| self.mentions[mi].entity)
                .or(aged_out);
            let r = self.recent_person(quotes, pi, sp.span.start, want, exclude)?;
            if clash(self, &r) {
                let other = self.mention_in(&r.span).map(|m| self.mentions[m].entity);
                return self.recent_person(quotes, pi, sp.span.start, want, other);
            }
            return Some(r);
        }
        if possessive {
            return None;
        }
        let holder = self.office_of_subject_before(quotes, qi, sp, want)?;
        self.office_holders.insert(head, holder.clone());
        Some(holder)
    }

    /// The age given right after a name or description ending at `end`: `, 47 ans`, `, 34,`,
    /// `, 34 ans,`.
    fn age_after(&self, end: usize) -> Option<u32> {
        let rest = self.text.get(end..)?;
        let rest = rest.strip_prefix(',')?.trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 3 {
            return None;
        }
        let after = &rest[digits.len()..];
        let age = after.starts_with(" ans")
            || after.starts_with(',')
            || after.starts_with("-year-old")
            || after.starts_with(" years old");
        age.then(|| digits.parse().ok()).flatten()
    }

    /// The age the article gives a person at any of their mentions.
    fn entity_age(&self, entity: usize) -> Option<u32> {
        self.entities
            .get(entity)?
            .mentions
            .iter()
            .take(AGE_MENTIONS)
            .find_map(|&mi| {
                self.mentions
                    .get(mi)
                    .and_then(|m| self.age_after(m.span.end))
            })
    }

    /// The last speaker (quoted in this paragraph or the one before), when the article
    /// introduced them, anywhere before, with the very role `head`.
    fn last_speaker_in_role(
        &mut self,
        quotes: &[Quote],
        pi: usize,
        head: &str,
        want: Option<Gender>,
    ) -> Option<Speaker> {
        let (ls, lp) = self.last_speaker.clone()?;
        if !ls.named || pi.saturating_sub(lp) > 1 {
            return None;
        }
        if want.is_some() && ls.gender.is_some() && want != ls.gender {
            return None;
        }
        let entity = self.mentions.get(self.mention_in(&ls.span)?)?.entity;
        let surname = |span: &Span| {
            self.text
                .get(span.clone())
                .and_then(|w| w.split_whitespace().last())
        };
        let ls_surname = surname(&ls.span)?;
        // (Bounded, so that a long document stays linear.)
        for p in lp.saturating_sub(OFFICE_REACH)..=lp {
            let t = self.toks(quotes, p);
            for j in 0..t.toks.len() {
                if t.toks[j].quoted || !t.is_word(j) || t.w(j) != head {
                    continue;
                }
                let holder = self
                    .name_of_role(&t, j, t.toks.len())
                    .and_then(|r| self.mention_in(&r.span))
                    .and_then(|m| self.mentions.get(m));
                if holder
                    .is_some_and(|m| m.entity == entity || surname(&m.span) == Some(ls_surname))
                {
                    return Some(ls);
                }
            }
        }
        None
    }

    /// `Arnaud Vételay est monté à la tribune. Le ministre de l’Économie n’a pas pris de
    /// gants.`: an office that no one in reach was introduced with, opening the sentence right
    /// after one whose subject is a person named in full (of a compatible gender), is that
    /// person's office. A new office holder would be named.
    fn office_of_subject_before(
        &mut self,
        quotes: &[Quote],
        qi: usize,
        sp: &Speaker,
        want: Option<Gender>,
    ) -> Option<Speaker> {
        let p = self
            .paragraphs
            .partition_point(|p| p.span.end < sp.span.start);
        if p >= self.paragraphs.len() || p > quotes[qi].paragraph {
            return None;
        }
        let t = self.toks(quotes, p);
        let a = t.at(sp.span.start);
        let sent = t.toks.get(a)?.sentence;
        let s_lo = t.toks.partition_point(|tk| tk.sentence < sent);
        if a != s_lo || sent == 0 {
            return None;
        }
        let p_lo = t.toks.partition_point(|tk| tk.sentence < sent - 1);
        if (p_lo..s_lo).any(|k| t.toks[k].quoted) {
            return None;
        }
        // The subject, or else the one person named in the sentence (`Il était 21 heures quand
        // Arnaud Vételay est monté à la tribune.`).
        let subject = match self.sentence_subject(&t, p_lo, s_lo) {
            Some(sp) if sp.named => sp,
            _ => {
                let (from, to) = (t.toks[p_lo].span.start, t.toks[s_lo - 1].span.end);
                let mut people = self
                    .mentions
                    .iter()
                    .filter(|m| m.span.start >= from && m.span.end <= to)
                    .filter(|m| m.kind == super::EntityKind::Person);
                let one = people.next()?;
                if people.any(|m| m.entity != one.entity) {
                    return None;
                }
                Speaker {
                    span: one.span.clone(),
                    named: true,
                    gender: one.gender,
                    pronoun: None,
                    plural: false,
                }
            }
        };
        let subject = self.with_entity_gender(subject);
        let full = self
            .text
            .get(subject.span.clone())
            .is_some_and(|w| w.split_whitespace().count() >= 2);
        let agrees = want.is_none() || subject.gender.is_none() || want == subject.gender;
        (subject.named && subject.pronoun.is_none() && full && agrees && self.person_like(&subject))
            .then_some(subject)
    }

    /// A lowercase noun with an ending that names a person by what they do (`universitaire`,
    /// `entrepreneur`, `banquière`, `the strategist`), from the lexicon's `agent_endings`;
    /// institutions and documents (`agent_exceptions`) are not people.
    fn agent_noun(&self, w: &str) -> bool {
        w.chars().all(|c| c.is_lowercase() || c == '-')
            && !self.lex.agent_exceptions.contains(w)
            && !self.lex.is(w, word::NOT_NAME)
            && self
                .lex
                .agent_endings
                .iter()
                .any(|e| w.chars().count() > e.chars().count() + 2 && w.ends_with(e.as_str()))
    }

    /// The gender an agent noun's ending shows (`-euse`, `-trice`, `-ière` are feminine).
    fn agent_noun_gender(&self, w: &str) -> Option<Gender> {
        self.lex
            .feminine_endings
            .iter()
            .any(|e| w.ends_with(e.as_str()))
            .then_some(Gender::Feminine)
    }

    /// Whether an unnamed speaker phrase is a demonym epithet for a person: a definite
    /// article, then a capitalised noun that is no role or institution and ends like a
    /// demonym (`la Clermontoise`, `la Française de 22 ans`, `the Argentinian`). A capitalised
    /// article in mid-sentence makes a proper name instead (`selon Le Parisien`).
    fn demonym_epithet(&mut self, quotes: &[Quote], qi: usize, sp: &Speaker) -> bool {
        if self.lex.demonym_endings.is_empty() || sp.named || sp.pronoun.is_some() {
            return false;
        }
        let p = self
            .paragraphs
            .partition_point(|p| p.span.end < sp.span.start);
        if p >= self.paragraphs.len() || p > quotes[qi].paragraph {
            return false;
        }
        let t = self.toks(quotes, p);
        let a = t.at(sp.span.start);
        if !matches!(t.w(a), "le" | "la" | "l'" | "the") || !self.is_cap(&t, a + 1) {
            return false;
        }
        let det_cap = self.is_cap(&t, a);
        let sentence_start = a == 0
            || t.toks[a - 1].sentence != t.toks[a].sentence
            || (t.toks[a - 1].kind == TokKind::Punct && t.toks[a - 1].quoted);
        if det_cap && !sentence_start {
            return false;
        }
        let w = t.w(a + 1);
        !t.has(a + 1, word::ROLE)
            && !t.has(a + 1, word::NOT_NAME)
            && self
                .lex
                .demonym_endings
                .iter()
                .any(|e| w.len() > e.len() + 2 && w.ends_with(e.as_str()))
    }

    /// The person a definite description (`la metteuse en scène`, `the 34-year-old`) most
    /// likely refers back to when no one was introduced with its role: the nearest person
    /// mention outside quotes of a known, agreeing gender within [`PERSON_REACH`]
    /// paragraphs, else the nearest of unknown gender within [`PERSON_REACH_ANY_GENDER`];
    /// never a mention of the `exclude` entity.
    fn recent_person(
        &mut self,
        quotes: &[Quote],
        pi: usize,
        pos: usize,
        want: Option<Gender>,
        exclude: Option<usize>,
    ) -> Option<Speaker> {
        let floor = self.paragraphs[pi.saturating_sub(PERSON_REACH)].span.start;
        let near = self.paragraphs[pi.saturating_sub(PERSON_REACH_ANY_GENDER)]
            .span
            .start;
        let end = self.mentions.partition_point(|m| m.span.start < pos);
        let mut unknown: Option<usize> = None;
        for mi in (0..end).rev().take(MAX_PERSON_CANDIDATES) {
            let m = &self.mentions[mi];
            if m.span.start < floor {
                break;
            }
            let entity = self.entities.get(m.entity);
            let kind = entity.map_or(m.kind, |e| e.kind);
            if kind != super::EntityKind::Person || exclude == Some(m.entity) {
                continue;
            }
            // Not a name inside a quote (`« M. Benslimane nous a dit … »`).
            let mp = self
                .paragraphs
                .partition_point(|p| p.span.end < m.span.start)
                .min(self.paragraphs.len() - 1);
            let t = self.toks(quotes, mp);
            if t.toks.get(t.at(m.span.start)).is_some_and(|tk| tk.quoted) {
                continue;
            }
            let g = entity.and_then(|e| e.gender).or(m.gender);
            match (want, g) {
                (Some(w), Some(g)) if w != g => continue,
                // A near person of unknown gender beats a farther one of known gender.
                (_, Some(_)) if m.span.start < near && unknown.is_some() => break,
                (_, Some(_)) => {
                    let subject = self.subject_of_sentence(quotes, mi, want);
                    return Some(self.mention_speaker(subject));
                }
                _ => {
                    if unknown.is_none() && m.span.start >= near {
                        unknown = Some(mi);
                    }
                    if want.is_none() {
                        break;
                    }
                }
            }
        }
        unknown.map(|mi| self.mention_speaker(mi))
    }

    /// Salience: of the agreeing person mentions in the sentence of mention `mi`, the first
    /// (its subject, `Laura Vidal a battu l’Italienne Giulia Rossi`) rather than an object.
    fn subject_of_sentence(&mut self, quotes: &[Quote], mi: usize, want: Option<Gender>) -> usize {
        let m_start = self.mentions[mi].span.start;
        let pi = self
            .paragraphs
            .partition_point(|p| p.span.end < m_start)
            .min(self.paragraphs.len() - 1);
        let t = self.toks(quotes, pi);
        let Some(sent) = t.toks.get(t.at(m_start)).map(|tk| tk.sentence) else {
            return mi;
        };
        let lo = t.toks.partition_point(|tk| tk.sentence < sent);
        let start = t.toks.get(lo).map_or(m_start, |tk| tk.span.start);
        let mut best = mi;
        for k in (0..mi).rev().take(MAX_PERSON_CANDIDATES) {
            let c = &self.mentions[k];
            if c.span.start < start {
                break;
            }
            let entity = self.entities.get(c.entity);
            if entity.map_or(c.kind, |e| e.kind) != super::EntityKind::Person
                || t.toks.get(t.at(c.span.start)).is_some_and(|tk| tk.quoted)
            {
                continue;
            }
            let g = entity.and_then(|e| e.gender).or(c.gender);
            if g.is_some() && (want.is_none() || g == want) {
                best = k;
            }
        }
        best
    }

    /// A named speaker for mention `mi`.
    fn mention_speaker(&self, mi: usize) -> Speaker {
        let m = &self.mentions[mi];
        Speaker {
            span: m.span.clone(),
            named: true,
            gender: self
                .entities
                .get(m.entity)
                .and_then(|e| e.gender)
                .or(m.gender),
            pronoun: None,
            plural: false,
        }
    }

    /// The person a role word at `j` introduces: `juge Helen Markowitz`, `chancelier
    /// allemand Olaf Scholz`, `ministre de l’Agriculture, Thomas Ferrand`, or an apposition
    /// before it (`Hélène Giraud, chercheuse au CNRS`).
    fn name_of_role(&self, t: &Toks, j: usize, hi: usize) -> Option<Speaker> {
        let mut k = j + 1;
        while k < hi.min(j + 12) {
            if t.is_punct(k, ".") && k == j + 1 {
                k += 1;
                continue;
            }
            if let Some((name, g)) = self.honorific_at(t, k) {
                let end = self.name_run_end(t, name);
                return Some(self.with_mention_gender(named(t, k, end, g)));
            }
            if self.is_name_word(t, k) {
                let end = self.name_run_end(t, k);
                if end - k >= 2 {
                    return Some(self.with_mention_gender(named(t, k, end, None)));
                }
                k = end;
                continue;
            }
            let w = t.w(k);
            let stop = !t.is_word(k) && !t.is_punct(k, ",")
                || t.toks[k].quoted
                || self.is_verb_at(t, k)
                || self.lex.auxiliaries.contains(w)
                || self.lex.complementisers.contains(w)
                // (A role word right after the role qualifies it: `directeur général`,
                // `secrétaire général`, `procureur adjoint`.)
                || (self.lex.is_person_role(w) && k > j + 1)
                || matches!(w, "qui" | "who" | "et" | "and");
            if stop {
                break;
            }
            k += 1;
        }
        // Apposition before the role: `Name, [det] [ancien] role`.
        let mut k = j;
        while k > 0 && j - k < 3 && t.is_word(k - 1) && !self.is_cap(t, k - 1) {
            k -= 1;
        }
        if k >= 2 && t.is_punct(k - 1, ",") && self.is_name_word(t, k - 2) {
            let (s, g) = self.name_run_start(t, k - 1, 0);
            if k - 1 - s >= 2 || g.is_some() {
                return Some(self.with_mention_gender(named(t, s, k - 1, g)));
            }
        }
        None
    }

    /// Fills a speaker's gender from the entity (or mention) its words name.
    fn with_entity_gender(&self, mut sp: Speaker) -> Speaker {
        if sp.gender.is_none() && sp.named {
            if let Some(m) = self.mention_in(&sp.span).and_then(|m| self.mentions.get(m)) {
                sp.gender = self
                    .entities
                    .get(m.entity)
                    .and_then(|e| e.gender)
                    .or(m.gender);
            }
        }
        sp
    }

    /// Fills an unnamed speaker's gender from the first gendered role noun of its phrase
    /// (`l’élu d’opposition` is a man, `l’adjointe aux finances` a woman).
    fn with_role_gender(&self, mut sp: Speaker) -> Speaker {
        if sp.gender.is_none() && !sp.named && sp.pronoun.is_none() {
            sp.gender = self
                .phrase_words(&sp.span)
                .iter()
                .find_map(|w| self.lex.role_genders.get(w).copied());
        }
        sp
    }

    /// Fills a named speaker's gender from the mention under it (first names, titles).
    fn with_mention_gender(&self, mut sp: Speaker) -> Speaker {
        if sp.gender.is_none() {
            sp.gender = self
                .mention_in(&sp.span)
                .and_then(|m| self.mentions.get(m))
                .and_then(|m| m.gender);
        }
        sp
    }

    /// Whether a speaker can be what a pronoun refers to: a person (a person mention, a
    /// full name, a title), a person role, or a pronoun; not a capitalised common word
    /// (`Sept`, `Planetary`), a place or an organisation.
    /// A "name" of one capitalised word that the names pass did not take for a mention and
    /// that carries no title (`Power cuts could last …`, `Quelques minutes plus tard, …`): a
    /// sentence's first word, not a speaker when no reporting verb vouches for it.
    fn stray_capital(&self, sp: &Speaker) -> bool {
        sp.named
            && sp.pronoun.is_none()
            && sp.gender.is_none()
            && self.mention_in(&sp.span).is_none()
            && self
                .text
                .get(sp.span.clone())
                .is_some_and(|w| w.split_whitespace().count() == 1)
    }

    fn person_like(&self, sp: &Speaker) -> bool {
        if sp.pronoun.is_some() {
            return true;
        }
        let mut buf = String::new();
        let words = self.text.get(sp.span.clone()).unwrap_or("");
        if !sp.named {
            return words
                .split(word_break)
                .any(|w| self.lex.is_person_role(lexicon::normalize(w, &mut buf)));
        }
        if let Some(m) = self.mention_in(&sp.span).and_then(|m| self.mentions.get(m)) {
            return m.kind == super::EntityKind::Person;
        }
        sp.gender.is_some() || words.split_whitespace().count() >= 2
    }

    fn resolve_pronoun(&mut self, quotes: &[Quote], qi: usize, mut f: Found) -> Found {
        let Some(pspan) = f.speaker.pronoun.clone() else {
            return f;
        };
        let any = self
            .text
            .get(pspan.clone())
            .map(|w| lexicon::normalize(w, &mut String::new()).to_owned())
            .and_then(|w| self.lex.possessives.get(&w).copied())
            .is_some_and(|k| k.is_none());
        let kind = if f.speaker.plural {
            PronounKind::Plural
        } else if f.speaker.gender == Some(Gender::Feminine) {
            PronounKind::Feminine
        } else if any {
            PronounKind::Any
        } else {
            PronounKind::Masculine
        };
        if let Some(mut r) = self.referent(quotes, qi, pspan.start, kind) {
            r.pronoun = Some(pspan);
            // `Volunteer Moira Campbell … “…,” she said`: the pronoun tells her gender, so a
            // later `he` does not take her up.
            r.gender = r.gender.or(match kind {
                PronounKind::Feminine => Some(Gender::Feminine),
                PronounKind::Masculine => Some(Gender::Masculine),
                _ => None,
            });
            f.speaker = r;
        }
        f
    }

    /// The most recent compatible person before `pos`: the subject of an earlier sentence
    /// of the paragraph, the last speaker, or the last person-like name.
    fn referent(
        &mut self,
        quotes: &[Quote],
        qi: usize,
        pos: usize,
        kind: PronounKind,
    ) -> Option<Speaker> {
        let pi = quotes[qi].paragraph;
        let agrees = |sp: &Speaker| match kind {
            PronounKind::Plural => sp.plural,
            k => !sp.plural && k.agrees_with(sp.gender),
        };
        // Subjects of the sentences before, in this paragraph and the previous one; only in
        // this paragraph for an entry of a live page, which starts afresh.
        let entry = self.live_entry(pi);
        let last_speaker = self
            .last_speaker
            .clone()
            .filter(|(_, p)| pi.saturating_sub(*p) <= PRONOUN_REACH && (!entry || *p == pi));
        for back in 0..if entry { 1 } else { 2 } {
            if back > pi {
                break;
            }
            let p = pi - back;
            if back > 0 && self.paragraphs[p].kind != ParagraphKind::Prose {
                break;
            }
            let t = self.toks(quotes, p);
            let cur = if back == 0 {
                t.toks
                    .get(t.at(pos))
                    .map_or(t.sentences.len(), |tk| tk.sentence as usize)
            } else {
                t.sentences.len()
            };
            // (Sentences inside a quote do not count: `« … On m’a dit que c’était normal.
            // Je l’ai cru », a-t-il déclaré` reaches the sentence before the quote.)
            let in_quote = |s: usize| {
                let lo = t.toks.partition_point(|tk| (tk.sentence as usize) < s);
                let hi = t.toks.partition_point(|tk| (tk.sentence as usize) <= s);
                s != cur && (lo..hi).all(|k| t.toks[k].quoted || !t.is_word(k))
            };
            for s in (0..=cur.min(t.sentences.len().saturating_sub(1)))
                .rev()
                .filter(|&s| !in_quote(s))
                .take(3)
            {
                let lo = t.toks.partition_point(|tk| (tk.sentence as usize) < s);
                let hi = t
                    .toks
                    .partition_point(|tk| (tk.sentence as usize) <= s)
                    .min(t.at(pos).max(lo));
                if hi <= lo {
                    continue;
                }
                // The last speaker, if named in this sentence, wins over other names.
                if let Some((ls, _)) = &last_speaker {
                    if agrees(ls) && self.sentence_names(&t, lo, hi, ls) {
                        return Some(ls.clone());
                    }
                }
                // `Pour Tomás Herrera, …, ces résultats doivent « … ».`: the person whose view
                // the sentence gives.
                if let Some(f) = self.source_opening(&t, lo, hi) {
                    let sp = self.with_entity_gender(f.speaker);
                    if sp.named && sp.pronoun.is_none() && agrees(&sp) && self.person_like(&sp) {
                        return Some(sp);
                    }
                }
                if let Some(sp) = self.sentence_subject(&t, lo, hi) {
                    let sp = self.with_role_gender(self.with_entity_gender(sp));
                    if sp.pronoun.is_none()
                        && agrees(&sp)
                        && (self.person_like(&sp) || self.institution(&t, &sp))
                    {
                        return Some(sp);
                    }
                }
            }
        }
        if let Some((ls, _)) = last_speaker {
            if agrees(&ls) && self.person_like(&ls) {
                return Some(ls);
            }
        }
        // The last capitalised person-like name (or mention) before the pronoun.
        if kind != PronounKind::Plural {
            for back in 0..=if entry { 0 } else { PRONOUN_REACH.min(pi) } {
                let p = pi - back;
                let t = self.toks(quotes, p);
                let hi = if back == 0 { t.at(pos) } else { t.toks.len() };
                let floor = hi.saturating_sub(MAX_LOOKBACK_TOKENS);
                let mut j = hi;
                while j > floor {
                    j -= 1;
                    if self.is_name_word(&t, j) && !t.toks[j].quoted {
                        let (s, g) = self.name_run_start(&t, j + 1, 0);
                        let g = g.or(self.with_entity_gender(named(&t, s, j + 1, None)).gender);
                        let before = if s > 0 { t.w(s - 1) } else { "" };
                        let multi = j + 1 - s >= 2 || g.is_some();
                        if (multi
                            || !self.lex.is(before, word::PREP) && !self.lex.is(before, word::DET))
                            && kind.agrees_with(g)
                            && !self.lex.roles.contains(t.w(j))
                            && self.person_like(&named(&t, s, j + 1, g))
                        {
                            return Some(named(&t, s, j + 1, g));
                        }
                        j = s;
                    }
                }
            }
        }
        None
    }

    /// Whether paragraph `pi` is an entry of a live page (`12h35 — …`): each entry is read on
    /// its own, and a pronoun in it does not reach back into the entry before.
    fn live_entry(&self, pi: usize) -> bool {
        let span = self.paragraphs[pi].span.clone();
        self.text
            .get(span)
            .is_some_and(|p| super::segment::live_entry_time(p).is_some())
    }

    /// Whether the words of speaker `sp` (its last word) appear in tokens `lo..hi`.
    fn sentence_names(&self, t: &Toks, lo: usize, hi: usize, sp: &Speaker) -> bool {
        // By entity when both sides have mentions: `Grace Okoro` does not name the speaker
        // `Jalen Okoro`.
        if hi > lo {
            if let Some(e) = self.mention_in(&sp.span).map(|m| self.mentions[m].entity) {
                let (from, to) = (t.toks[lo].span.start, t.toks[hi - 1].span.end);
                let first = self.mentions.partition_point(|m| m.span.start < from);
                let mut here = self.mentions[first..]
                    .iter()
                    .take_while(|m| m.span.start < to)
                    .peekable();
                if here.peek().is_some() {
                    return here.any(|m| m.entity == e);
                }
            }
        }
        let Some(last) = self
            .text
            .get(sp.span.clone())
            .and_then(|s| s.split_whitespace().last())
        else {
            return false;
        };
        let mut buf = String::new();
        let last = lexicon::normalize(last, &mut buf);
        (lo..hi).any(|i| t.w(i) == last)
    }

    // ---- Context -------------------------------------------------------------------------

    /// A speech quote with no cue that opens a sentence right after another sentence of the
    /// same paragraph, with no quote before it in the paragraph: the subject of that sentence
    /// speaks, when it is a person (`Volkov read a statement to the court. “I am ashamed.”`),
    /// a pronoun resolving to one, or a phrase headed by a person role. Failing that, a
    /// first-person quote that makes a sentence of its own takes the person named in full as
    /// the subject of the next sentence ([`Cx::named_after`]). A quote after a sentence about
    /// a thing (`Reactions were mixed.`) and before none about a person gets nothing.
    fn context(&mut self, quotes: &[Quote], qi: usize) -> Option<Found> {
        self.context_before(quotes, qi)
            .or_else(|| self.named_after(quotes, qi))
            .or_else(|| self.signed_after(quotes, qi))
    }

    /// `« C’est un gouvernement de combat. » La formule est signée de la Première ministre,
    /// Agnès Morvan, …`: a quote that makes a sentence of its own, then a sentence about it
    /// (a noun for words, lexicon `quote_nouns`) that names a person after `de`/`by`/`from`.
    fn signed_after(&mut self, quotes: &[Quote], qi: usize) -> Option<Found> {
        let q = &quotes[qi];
        if q.kind != QuoteKind::Speech || q.continues.is_some() || q.nested_in.is_some() {
            return None;
        }
        let t = self.toks(quotes, q.paragraph);
        let open = t.at(q.open.start);
        let after = t.at(q.close.as_ref()?.end);
        let sent = t.toks.get(open)?.sentence;
        let next = t.toks.get(after)?.sentence;
        if next != sent && next != sent + 1 {
            return None;
        }
        let n_hi = t.toks.partition_point(|tk| tk.sentence <= next);
        if !(t.has(after, word::DET) && self.lex.quote_nouns.contains(t.w(after + 1))) {
            return None;
        }
        (after + 2..n_hi.min(after + 20))
            .take_while(|&k| !t.toks[k].quoted)
            .filter(|&k| matches!(t.w(k), "de" | "du" | "d'" | "par" | "by" | "from"))
            .find_map(|k| {
                self.np_forward(&t, k + 1, n_hi)
                    .filter(|sp| sp.named && sp.pronoun.is_none() && self.person_like(sp))
                    .map(|sp| Found {
                        cue: Some(t.toks[after].span.start..t.toks[k].span.end),
                        speaker: sp,
                        method: Method::Context,
                    })
            })
    }

    /// `« J’ai tout perdu. » Maria Lopes, 52 ans, montre …`, `"We lost everything." Maria
    /// Lopes, 52, stood …`: a quote in the first person that makes a sentence of its own,
    /// then a sentence whose subject is a person named in full (after their role, if any):
    /// the words are theirs.
    fn named_after(&mut self, quotes: &[Quote], qi: usize) -> Option<Found> {
        let q = &quotes[qi];
        if q.kind != QuoteKind::Speech || q.continues.is_some() || q.nested_in.is_some() {
            return None;
        }
        let t = self.toks(quotes, q.paragraph);
        let open = t.at(q.open.start);
        let after = t.at(q.close.as_ref()?.end);
        let sent = t.toks.get(open)?.sentence;
        let s_lo = t.toks.partition_point(|tk| tk.sentence < sent);
        let next = t.toks.get(after)?.sentence;
        if (s_lo..open).any(|k| t.is_word(k))
            || t.toks.get(after.checked_sub(1)?)?.sentence != sent
            || next != sent + 1
            || !self.speech_or_first_person(&t, open, open, open)
        {
            return None;
        }
        let n_hi = t.toks.partition_point(|tk| tk.sentence <= next);
        if (after..n_hi).any(|k| t.toks[k].quoted) {
            return None;
        }
        let sp = self.sentence_subject(&t, after, n_hi)?;
        let (first, end) = (t.at(sp.span.start), t.at(sp.span.end));
        let full_name = sp.named && sp.pronoun.is_none() && end >= first + 2;
        // The subject opens the sentence, after at most a determiner and a role.
        let opens = first <= after + 3
            && (after..first).all(|k| t.is_word(k) && !self.is_cap(&t, k) || k == after);
        if !full_name || !opens || !self.person_like(&sp) {
            return None;
        }
        let cue = Some(sp.span.clone());
        Some(Found {
            speaker: sp,
            method: Method::Context,
            cue,
        })
    }

    /// The context rule read before the quote: see [`Cx::context`].
    fn context_before(&mut self, quotes: &[Quote], qi: usize) -> Option<Found> {
        let q = &quotes[qi];
        if q.kind != QuoteKind::Speech || q.continues.is_some() {
            return None;
        }
        let pi = q.paragraph;
        // Bounded: past that many earlier quotes of the paragraph, one is surely top-level.
        // (Titles, scare and partial quotes before it do not count: `Pour le sociologue X, les
        // enseignants se heurtent à une « inculture religieuse ». « … »`.)
        let mut seen = 0;
        let earlier = quotes[..qi]
            .iter()
            .rev()
            .take_while(|p| p.paragraph == pi)
            .take(MAX_LOOKBACK_QUOTES)
            .any(|p| {
                seen += 1;
                p.nested_in.is_none() && p.kind == QuoteKind::Speech
            });
        if earlier || seen == MAX_LOOKBACK_QUOTES {
            return None;
        }
        let t = self.toks(quotes, pi);
        let open = t.at(q.open.start);
        let sent = t.toks.get(open)?.sentence;
        let s_lo = t.toks.partition_point(|tk| tk.sentence < sent);
        if (s_lo..open).any(|k| t.is_word(k)) {
            return None;
        }
        if sent == 0 {
            // An interview laid out as question, then answer, each in its own paragraph.
            let asked = pi > 0 && {
                let prev = self.toks(quotes, pi - 1);
                let n = prev.toks.len();
                n > 1 && prev.is_punct(n - 1, "?") && !prev.toks.iter().any(|tk| tk.quoted)
            };
            if asked {
                if let Some(f) = self.interviewee(quotes, qi, pi - 1) {
                    return Some(f);
                }
            }
            return self.context_after(&t, quotes, qi);
        }
        let p_lo = t.toks.partition_point(|tk| tk.sentence + 1 < sent);
        // (Any quote of the sentence before is a title, scare or partial quote: see above.)
        if s_lo <= p_lo || t.toks[p_lo].quoted {
            return None;
        }
        // `Ce succès peut-il lancer votre saison ? « … »`: an interview's question, then
        // the answer.
        if t.is_punct(s_lo - 1, "?") {
            if let Some(f) = self.interviewee(quotes, qi, pi) {
                return Some(f);
            }
        }
        // `Pour la Dr El-Khoury, une partie de la solution passe par l’école. « … »`: a
        // sentence that gives a person's view through a source phrase, then the quote.
        if let Some(f) = self.source_opening(&t, p_lo, s_lo) {
            return Some(self.resolve(quotes, qi, f));
        }
        let mut sp = self.sentence_subject(&t, p_lo, s_lo)?;
        let first = t.at(sp.span.start);
        // `In Iten, where Kiptoo trains, a crowd …`: a name inside a clause is not the subject.
        if first > p_lo
            && (self.lex.relatives.contains(t.w(first - 1))
                || self.lex.subordinators.contains(t.w(first - 1)))
            && self.cleft_end(&t, p_lo, s_lo) != Some(first)
        {
            return None;
        }
        // `A retired firefighter from Staten Island, …`: the place is the role's complement.
        if sp.named && first > p_lo && t.has(first - 1, word::PREP) {
            let mut k = first - 1;
            while k > p_lo && first - k < 8 && t.is_word(k - 1) && !t.has(k, word::DET) {
                k -= 1;
            }
            if !t.has(k, word::DET) {
                return None;
            }
            let phrase = Speaker {
                span: t.toks[k].span.start..sp.span.end,
                named: false,
                gender: self.det_gender(t.w(k)),
                pronoun: None,
                plural: false,
            };
            if !self.headed_by_person_role(&t, &phrase) {
                return None;
            }
            sp = phrase;
        }
        if sp.pronoun.is_none() {
            if sp.named && !self.person_like(&sp) {
                return None;
            }
            if !sp.named && !self.headed_by_person_role(&t, &sp) {
                return None;
            }
        }
        // The quote must plainly continue that person's speech: the sentence reports speech or
        // a stance (a reporting verb or participle), or the quote speaks in the first person.
        if !self.speech_or_first_person(&t, p_lo, s_lo, open) {
            return None;
        }
        let cue = Some(t.toks[p_lo].span.start..t.toks[s_lo - 1].span.end);
        let f = self.resolve(
            quotes,
            qi,
            Found {
                speaker: sp,
                method: Method::Context,
                cue,
            },
        );
        // An unresolved pronoun is no one.
        if f.speaker.pronoun.is_some()
            && !f.speaker.named
            && f.speaker.span == f.speaker.pronoun.clone().unwrap_or_default()
        {
            return None;
        }
        Some(f)
    }

    /// The person an interview section is with: the one person named in the nearest
    /// sub-heading before paragraph `from` (`Trois questions à Laurent Escudié`, `Five
    /// questions for Dr Amy Chen`), when no other speaker was quoted since it. The answer
    /// to a question asked in that section is theirs.
    fn interviewee(&mut self, quotes: &[Quote], qi: usize, from: usize) -> Option<Found> {
        let lo = from.saturating_sub(MAX_INTERVIEW_PARAGRAPHS);
        let heading = (lo..=from)
            .rev()
            .find(|&p| self.paragraphs[p].kind != ParagraphKind::Prose)?;
        if self.paragraphs[heading].kind != ParagraphKind::Heading {
            return None;
        }
        let span = self.paragraphs[heading].span.clone();
        // (Mentions are in text order: only the heading's are read.)
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        let people: Vec<usize> = (first..self.mentions.len())
            .take_while(|&mi| self.mentions[mi].span.start < span.end)
            .filter(|&mi| {
                let m = &self.mentions[mi];
                let kind = self.entities.get(m.entity).map_or(m.kind, |e| e.kind);
                m.span.end <= span.end && kind == super::EntityKind::Person
            })
            .collect();
        let [mi] = people[..] else {
            return None;
        };
        // Another speaker quoted between the heading and here ends the interview.
        let entity = self.mentions[mi].entity;
        let other = quotes[..qi]
            .iter()
            .rev()
            .take_while(|q| q.open.start > span.end)
            .any(|q| {
                q.attribution
                    .as_ref()
                    .is_some_and(|a| a.entity.is_some_and(|e| e != entity))
            });
        if other {
            return None;
        }
        Some(Found {
            speaker: self.mention_speaker(mi),
            method: Method::Context,
            cue: Some(span),
        })
    }

    /// A sentence `lo..hi` that opens with a source phrase and a person, then a comma (`Pour
    /// Mei Lin Tran, 26 ans, …`, `According to Dr Ochoa, …`): that person, whose view the
    /// sentence gives.
    fn source_opening(&self, t: &Toks, lo: usize, hi: usize) -> Option<Found> {
        let n = self.phrase_at(t, lo, &self.lex.source_phrases, word::SOURCE)?;
        let sp = self.np_forward_with(t, lo + n, hi, true)?;
        let after = t.at(sp.span.end);
        // A person by name, pronoun (`Pour elle, …`) or role (`Pour la sociologue, …`).
        let person = if sp.named {
            self.person_like(&sp)
        } else {
            sp.pronoun.is_some() || self.headed_by_person_role(t, &sp)
        };
        if !(t.is_punct(after, ",") && person) {
            return None;
        }
        Some(Found {
            speaker: sp,
            method: Method::Context,
            cue: Some(Self::speaker_span(t, lo, lo + n)),
        })
    }

    /// Whether a cue-less quote opening at token `open` plainly continues the speech of the
    /// subject of the sentence `lo..hi` before it: that sentence has a reporting verb or
    /// participle outside quotes (`She said she would ask …`), or the quote's first sentence
    /// speaks in the first person (`« Il ne me reste que … »`, `“My father fished here.”`).
    /// Reads at most [`NP_REACH`] × 4 tokens of the quote.
    fn speech_or_first_person(&self, t: &Toks, lo: usize, hi: usize, open: usize) -> bool {
        let speech = (lo..hi)
            .any(|k| !t.toks[k].quoted && (t.has(k, word::VERB) || t.has(k, word::PARTICIPLE)));
        speech
            || (open + 1..t.toks.len().min(open + 1 + NP_REACH * 4))
                .take_while(|&k| t.toks[k].quoted)
                .any(|k| {
                    // (Addressing someone is speech too: `If you’re a mid-sized player, …`.)
                    t.is_word(k)
                        && (self.lex.first_person.contains(t.w(k))
                            || self.lex.second_person.contains(t.w(k)))
                })
    }

    /// `« … » Mireille Tardieu, 68 ans, l’affirme sans détour.`: a quote ending its sentence,
    /// then a sentence whose person subject takes a reporting verb with a resumptive clitic
    /// object (`l’affirme`, `le raconte`) standing for the quote.
    fn context_after(&mut self, t: &Toks, quotes: &[Quote], qi: usize) -> Option<Found> {
        if self.lex.resumptive.is_empty() {
            return None;
        }
        let close = quotes[qi].close.as_ref()?;
        let after = t.at(close.end);
        let close_sent = t.toks.get(after.checked_sub(1)?)?.sentence;
        let next = t.toks.get(after)?.sentence;
        if next != close_sent + 1 {
            return None;
        }
        let n_hi = t.toks.partition_point(|tk| tk.sentence <= next);
        if (after..n_hi).any(|k| t.toks[k].quoted) {
            return None;
        }
        let sp = self.sentence_subject(t, after, n_hi)?;
        if sp.pronoun.is_some()
            || sp.named && !self.person_like(&sp)
            || !sp.named && !self.headed_by_person_role(t, &sp)
        {
            return None;
        }
        // The clitic, then the verb, or an auxiliary and the participle (`l’a raconté`); the
        // clitic makes a determiner-like word, so the verb is checked in the lexicon only.
        let from = t.at(sp.span.end);
        let v = (from + 1..n_hi.min(from + NP_REACH)).find(|&k| {
            t.has(k, word::VERB)
                && !t.toks[k].quoted
                && (self.lex.resumptive.contains(t.w(k - 1))
                    || k > from + 1
                        && t.has(k - 1, word::AUX)
                        && self.lex.resumptive.contains(t.w(k - 2)))
        })?;
        let clitic = if self.lex.resumptive.contains(t.w(v - 1)) {
            v - 1
        } else {
            v - 2
        };
        let f = Found {
            speaker: sp,
            method: Method::Context,
            cue: Some(t.toks[clitic].span.start..t.toks[v].span.end),
        };
        Some(self.resolve(quotes, qi, f))
    }

    /// Whether an unnamed speaker phrase names an institution (`l’Association nationale …`,
    /// `the committee`): headed by a role word that is not a person role. A pronoun may
    /// refer to it when it is the subject of the sentence before.
    fn institution(&self, t: &Toks, sp: &Speaker) -> bool {
        if sp.named || sp.pronoun.is_some() {
            return false;
        }
        let (a, b) = (t.at(sp.span.start), t.at(sp.span.end));
        (a..b)
            .take_while(|&k| !t.has(k, word::PREP) || t.has(k, word::DET))
            .find(|&k| t.has(k, word::ROLE))
            .is_some_and(|k| !self.lex.is_person_role(t.w(k)))
    }

    /// Whether an unnamed speaker phrase is headed by a person role: its first role word is a
    /// person role and comes before any preposition (`la veuve`, `a retired firefighter`, not
    /// `la défaite du maire`).
    fn headed_by_person_role(&self, t: &Toks, sp: &Speaker) -> bool {
        let (a, b) = (t.at(sp.span.start), t.at(sp.span.end));
        for k in a..b {
            if t.has(k, word::PREP) && !t.has(k, word::DET) {
                return false;
            }
            // `la mère de famille`, `the widow`: a noun for a person.
            if self.lex.person_nouns.contains(t.w(k)) {
                return true;
            }
            // (`l’ancien adjoint`, `the former mayor`: the modifier is no head.)
            if self.lex.person_modifiers.contains(t.w(k)) {
                continue;
            }
            if t.has(k, word::ROLE) {
                return self.lex.is_person_role(t.w(k));
            }
        }
        false
    }

    // ---- Continuation ----------------------------------------------------------------------

    fn continuation(&mut self, quotes: &[Quote], qi: usize) -> Result<usize, MissingReason> {
        let q = &quotes[qi];
        let pi = q.paragraph;
        // The previous top-level quote of this paragraph, if attributed and nothing intervenes.
        // (A one-word quote with its incise is speech too: `“Sustained,” said Judge X. “…”`.)
        let same = (0..qi)
            .rev()
            .take_while(|&k| quotes[k].paragraph == pi)
            .take(MAX_LOOKBACK_QUOTES)
            .find(|&k| {
                quotes[k].nested_in.is_none()
                    && (quotes[k].kind == QuoteKind::Speech
                        || quotes[k].kind != QuoteKind::Title
                            && quotes[k]
                                .attribution
                                .as_ref()
                                .is_some_and(|a| a.method == AttributionMethod::Incise))
            });
        if let Some(pq) = same {
            if let Some(a) = &quotes[pq].attribution {
                let t = self.toks(quotes, pi);
                let from = [
                    quotes[pq].span().end,
                    a.speaker.end.min(q.open.start),
                    a.cue.as_ref().map_or(0, |c| c.end.min(q.open.start)),
                ]
                .into_iter()
                .max()
                .unwrap_or(0);
                let lo = t.at(from);
                let hi = t.at(q.open.start);
                // A verb of a relative clause on the speaker (`said the negotiator, who asked
                // not to be named. “…”`) reports nothing new.
                let attr_sent = t.toks.get(lo.saturating_sub(1)).map(|tk| tk.sentence);
                let relative = |i: usize| {
                    Some(t.toks[i].sentence) == attr_sent
                        && (lo..i).any(|k| self.lex.relatives.contains(t.w(k)))
                };
                // Nor does a participle on the speaker (`said Sunita Rao, noting that …`).
                let on_speaker = |i: usize| {
                    Some(t.toks[i].sentence) == attr_sent
                        && t.has(i, word::PARTICIPLE)
                        && i > 0
                        && t.is_punct(i - 1, ",")
                };
                // Nor a verb joined to the speaker's (`she said, and then laughed`), with no
                // subject of its own.
                let joined = |i: usize| {
                    Some(t.toks[i].sentence) == attr_sent
                        && (lo..i).any(|k| self.lex.connectives.contains(t.w(k)))
                        && !(lo..i).any(|k| self.is_name_word(&t, k) || t.info(k).pronoun.is_some())
                };
                // A source phrase with a pronoun (`D’après elle, …`) takes up the same speaker;
                // one with a name or a role brings another.
                let intervening = (lo..hi).any(|i| {
                    self.is_verb_at(&t, i) && !relative(i) && !on_speaker(i) && !joined(i)
                        || self
                            .phrase_at(&t, i, &self.lex.source_phrases, word::SOURCE)
                            .is_some_and(|n| {
                                t.info(i + n).pronoun.is_none()
                                    && !self.lex.disjunctive.contains_key(t.w(i + n))
                            })
                });
                if !intervening {
                    return Ok(pq);
                }
                return Err(MissingReason::NoCue);
            }
            return Err(MissingReason::NoCue);
        }
        // The quote must open its paragraph to continue the previous one (after a dialogue
        // dash, if any: `— « Vous faisait-elle confiance ? »`).
        if !self.opens_paragraph(q) {
            return Err(MissingReason::NoCue);
        }
        if pi == 0 {
            return Err(MissingReason::NoCue);
        }
        let prev = &self.paragraphs[pi - 1];
        if prev.kind != ParagraphKind::Prose {
            // Something intervenes: was there a speaker to continue before it?
            let before = (0..qi)
                .rev()
                .take_while(|&k| quotes[k].paragraph + 3 >= pi)
                .find(|&k| {
                    quotes[k].paragraph < pi - 1
                        && quotes[k].nested_in.is_none()
                        && quotes[k].kind == QuoteKind::Speech
                })
                .is_some_and(|k| {
                    quotes[k].kind == QuoteKind::Speech && quotes[k].attribution.is_some()
                });
            return Err(if before {
                MissingReason::BrokenContinuation
            } else {
                MissingReason::NoCue
            });
        }
        let Some(lq) = (0..qi)
            .rev()
            .take_while(|&k| quotes[k].paragraph == pi - 1)
            .find(|&k| quotes[k].nested_in.is_none() && quotes[k].kind == QuoteKind::Speech)
        else {
            return Err(MissingReason::NoCue);
        };
        let Some(a) = quotes[lq].attribution.clone() else {
            return Err(MissingReason::NoCue);
        };
        // Another speaker after the last quote of the previous paragraph breaks the chain.
        let t = self.toks(quotes, pi - 1);
        let end_of_attr = [
            quotes[lq].span().end,
            a.speaker.end,
            a.cue.as_ref().map_or(0, |c| c.end),
        ]
        .into_iter()
        .filter(|&e| e <= prev.span.end)
        .max()
        .unwrap_or(0);
        let lo = t.at(end_of_attr);
        let attr_sent = t.toks.get(lo.saturating_sub(1)).map_or(0, |tk| tk.sentence);
        let intervening = (lo..t.toks.len()).any(|i| {
            t.toks[i].sentence > attr_sent && (self.is_verb_at(&t, i) || t.has(i, word::PARTICIPLE))
        });
        if intervening {
            return Err(MissingReason::BrokenContinuation);
        }
        Ok(lq)
    }

    /// What broke a continuation before paragraph `pi`, for the message.
    fn breaker(&self, pi: usize) -> String {
        match pi
            .checked_sub(1)
            .and_then(|p| self.paragraphs.get(p))
            .map(|p| p.kind)
        {
            Some(ParagraphKind::ReadAlso) => "a \"read also\" line".into(),
            Some(ParagraphKind::Heading) => "a heading".into(),
            _ => "another speaker".into(),
        }
    }
}

/// Whether a determiner marks one thing (`la`, `un`, `a`): then `l’infirmière de 47 ans`
/// is singular whatever its last word.
/// Where a speaker phrase splits into words: spaces and apostrophes (`l’autrice` → `l`,
/// `autrice`).
fn word_break(c: char) -> bool {
    c.is_whitespace() || c == '’' || c == '\''
}

fn singular_det(w: &str) -> bool {
    matches!(
        w,
        "le" | "la"
            | "l'"
            | "un"
            | "une"
            | "ce"
            | "cet"
            | "cette"
            | "son"
            | "sa"
            | "a"
            | "an"
            | "this"
    )
}

fn named(t: &Toks, a: usize, b: usize, gender: Option<Gender>) -> Speaker {
    Speaker {
        span: Cx::speaker_span(t, a, b),
        named: true,
        gender,
        pronoun: None,
        plural: false,
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{AnalysisOptions, Language, analyze};

    fn all_spans_ok(text: &str) {
        for lang in [Language::French, Language::English] {
            for markdown in [false, true] {
                let opts = AnalysisOptions {
                    language: Some(lang),
                    markdown,
                    ..Default::default()
                };
                let a = analyze(text, &opts);
                for q in &a.quotes {
                    assert!(
                        text.is_char_boundary(q.open.start) && text.is_char_boundary(q.open.end)
                    );
                    if let Some(at) = &q.attribution {
                        assert!(text.get(at.speaker.clone()).is_some());
                    }
                }
                for f in &a.findings {
                    assert!(text.get(f.span.clone()).is_some(), "{f:?}");
                    for fix in &f.fixes {
                        for e in &fix.edits {
                            assert!(text.get(e.span.clone()).is_some());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        let cases = [
            String::new(),
            "«»“”‘’\"'‹›„".into(),
            "«".repeat(5000),
            "»".repeat(5000),
            "« ".repeat(3000) + &" »".repeat(3000),
            "\"".repeat(10_001),
            "’s ’ ‘ ' '' ' '".repeat(300),
            "a\0« b\0 », a-t-il\0 dit.\u{2028}« c »\u{2029}, said\u{feff} X.".into(),
            ", a déclaré , selon , according to , said , dit-il , a-t-il".repeat(200),
            "M. M. M. Mme. U.S. U.S.A. J. K. « ».".repeat(100),
            "\r\r\n\n« \r » \r\n“\n”".into(),
            "é«e\u{301}»́“́”".into(),
            "Il a dit : « Il a dit : « Il a dit : « oui » » ».".repeat(50),
        ];
        for c in &cases {
            all_spans_ok(c);
        }
    }

    #[test]
    fn a_long_single_line_is_read_whole() {
        // (Its speed is measured by the benches, not timed here.)
        let para = "« Nous tiendrons », a déclaré M. Dupont, selon qui « la situation est grave ». Il a ajouté : « Rien n’est joué. » ";
        let text = para.repeat(20_000); // ~2.4 MB on one line
        let a = analyze(&text, &AnalysisOptions::default());
        assert!(a.quotes.len() >= 60_000);
    }

    fn speakers(text: &str) -> Vec<Option<String>> {
        let a = analyze(text, &AnalysisOptions::default());
        a.quotes
            .iter()
            .map(|q| {
                let at = q.attribution.as_ref()?;
                Some(match at.entity.and_then(|e| a.entities.get(e)) {
                    Some(e) if at.named => e.name.clone(),
                    _ => text[at.speaker.clone()].to_owned(),
                })
            })
            .collect()
    }

    #[test]
    fn a_sentence_opening_capital_is_no_speaker_without_a_cue() {
        assert_eq!(speakers("Power cuts could last ‘into the weekend’"), [None]);
        assert_eq!(
            speakers("Power cuts could last ‘into the weekend’, officials said."),
            [Some("officials".to_owned())]
        );
    }

    #[test]
    fn an_office_named_long_before_is_the_last_speaker_s() {
        let mut text = String::from(
            "« Le bilan va s’alourdir », a déclaré à l’AFP Julio Ramírez Cáceres, porte-parole du centre des urgences.\n",
        );
        for n in 0..8 {
            text.push_str(&format!(
                "Les secours ont fouillé le quartier {n} toute la nuit.\n"
            ));
        }
        text.push_str("« Les répliques continuent », a ajouté M. Ramírez Cáceres vendredi soir.\n");
        text.push_str("Le porte-parole a indiqué que des tentes arrivaient. « Personne ne doit passer une nuit dehors », a-t-il insisté.\n");
        let who = speakers(&text);
        assert_eq!(who.len(), 3);
        // (The acronym of the agency is not part of his name.)
        assert_eq!(who[0].as_deref(), Some("Julio Ramírez Cáceres"));
        assert!(
            who[2]
                .as_deref()
                .is_some_and(|w| w.ends_with("Ramírez Cáceres")),
            "{who:?}"
        );
    }

    #[test]
    fn a_relative_with_the_same_surname_is_not_the_last_speaker() {
        let text = "“I don’t remember half of it,” Jalen Okoro said.\n\nHis mother, Grace Okoro, made the four-hour drive from Columbus. “I almost left at halftime,” she said.\n";
        assert_eq!(
            speakers(text),
            [
                Some("Jalen Okoro".to_owned()),
                Some("Grace Okoro".to_owned())
            ]
        );
    }

    #[test]
    fn a_party_and_state_in_brackets_is_not_the_speaker() {
        let text = "Sen. Ruth Abernathy (D-Maine), the lead Democratic negotiator, called the demand for offsets “a hostage note.” “These are families sleeping in motels,” she said.\n";
        assert_eq!(
            speakers(text),
            [
                Some("Ruth Abernathy".to_owned()),
                Some("Ruth Abernathy".to_owned())
            ]
        );
    }

    #[test]
    fn a_headline_quote_takes_the_speaker_of_the_same_words_in_the_body() {
        let text = "‘We will not sign our own death warrant’: island states walk out\n\n“We will not sign our own death warrant,” said Tevita Salesa, the chief negotiator.\n";
        let a = analyze(text, &AnalysisOptions::default());
        assert!(matches!(
            a.quotes[0].attribution.as_ref().map(|at| &at.method),
            Some(crate::analysis::AttributionMethod::Echo { from: 1 })
        ));
        assert_eq!(speakers(text)[0].as_deref(), Some("Tevita Salesa"));
    }
}

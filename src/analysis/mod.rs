//! The copy desk's reading of one article: pure functions from text to plain data.
//!
//! `analysis` knows nothing of LSP, ropes, files or async. [`analyze`] takes the article text
//! (plus its language and the house style) and returns an [`Analysis`]: paragraphs, quotes and
//! their speakers, mentions of people, places and organisations linked into entities, and the
//! [`Finding`]s a copy editor would raise. Every position is a byte range ([`Span`]) into the
//! text that was analysed; only `text::position` turns those into editor positions.
//!
//! The pipeline, in order:
//! 1. [`lang`] picks French or English; [`segment`] cuts paragraphs (and their kinds:
//!    prose, heading, "read also" line, Markdown code) and sentences;
//! 2. [`quotes`] finds quotation marks, pairs them, and classifies each quote
//!    (speech, partial, title); it raises `unbalanced-quote` and `misused-quote-mark`;
//! 3. [`names`] finds mentions of people, places and organisations, [`entities`] links them
//!    into entities, with [`variants`] deciding which spellings are one name;
//! 4. [`attribution`] gives each quote a speaker, or a reason why it has none;
//! 5. [`variants`] raises `name-variant` with its fixes.
//!
//! [`analyze_incremental`] is the same reading for a document analysed before (the language
//! server, on every keystroke): a [`Reuse`] carried from one analysis to the next keeps, by
//! paragraph text ([`reuse::ByText`]), what a paragraph's reading depends on — its text, and
//! for names and attribution what it asked of the rest of the article — so only the edited
//! paragraph is read again for those passes (and the paragraphs whose answers changed); the
//! passes that read across paragraphs (quote pairing, entities, attribution's rules, variants)
//! run on the whole text. The result is always equal to [`analyze`]'s.
//!
//! [`analyze_names`] runs only steps 1 and 3 (what the folder reads of an article nobody
//! opened: language, paragraphs, mentions, entities) and [`finish`] the others: together,
//! [`analyze`]. From 256 KB on, quotes run beside names and entity linking, and variants
//! beside attribution, on a second thread.

pub mod attribution;
pub mod entities;
pub mod finding;
pub mod lang;
pub mod lexicon;
pub mod markdown;
pub mod names;
pub mod quotes;
pub mod reuse;
pub mod segment;
pub mod style;
pub mod variants;

pub use finding::{Code, Edits, Finding, Fix, Related, Replacement, Severity};
pub use lang::Language;
pub use style::HouseStyle;

/// A byte range into the analysed text. Always on `char` boundaries.
pub type Span = std::ops::Range<usize>;

/// What the caller knows about the article before reading it.
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    /// Forced language (house style, front matter, editor); `None` detects it from the text.
    pub language: Option<Language>,
    /// The text is Markdown: only prose is analysed, code, front matter and URLs are skipped.
    pub markdown: bool,
    /// The newsroom's preferences (preferred spellings, ignored names, severities).
    pub style: HouseStyle,
}

/// Everything copydesk learned from one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub language: Language,
    pub paragraphs: Vec<segment::Paragraph>,
    pub quotes: Vec<Quote>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub findings: Vec<Finding>,
}

/// Reads one article. See the module documentation for the order of the passes.
pub fn analyze(text: &str, options: &AnalysisOptions) -> Analysis {
    analyze_reusing(text, options, None)
}

/// What one analysis of a document keeps for the next analysis of the same document (the
/// language server keeps one per open article). Reuse never changes a result: the next
/// [`analyze_incremental`] is equal to [`analyze`] of the same text; it only skips work.
///
/// Kept, by paragraph text (see [`reuse::ByText`]): each paragraph's kind and language
/// ([`segment::ParagraphCache`]); its tokens, sentences and mentions for names
/// ([`names::TokenCache`]; a paragraph's mentions stand while its questions about the
/// article's mid-sentence capitals and its neighbouring tokens have the same answers); its
/// tokens for attribution, by text, quote spans and lexicon ([`attribution::TokenCache`]).
/// What depends on more than one paragraph (quote pairing and continuations, entities,
/// attribution's rules, variants) is computed again.
#[derive(Debug, Default)]
pub struct Reuse {
    pub paragraphs: segment::ParagraphCache,
    pub tokens: names::TokenCache,
    /// Attribution's tokens of each paragraph, by text, quote spans and lexicon.
    pub attribution: attribution::TokenCache,
}

/// [`analyze`], reusing what the previous analysis of the same document (with `reuse`) read of
/// the paragraphs that did not change. Equal to `analyze(text, options)`.
pub fn analyze_incremental(text: &str, options: &AnalysisOptions, reuse: &mut Reuse) -> Analysis {
    analyze_reusing(text, options, Some(reuse))
}

fn analyze_reusing(text: &str, options: &AnalysisOptions, reuse: Option<&mut Reuse>) -> Analysis {
    let (prose, language) = prose_of(text, options);
    analyze_prose(&prose, language, options, reuse)
}

/// The text the passes read, and the forced language: for Markdown, the prose with code,
/// front matter and URLs blanked (same length, same offsets: spans found in the prose are
/// exact in the original), and the article's own front-matter language, more specific than
/// the house-wide setting.
fn prose_of<'t>(
    text: &'t str,
    options: &AnalysisOptions,
) -> (std::borrow::Cow<'t, str>, Option<Language>) {
    if options.markdown {
        let language = markdown::front_matter_language(text).or(options.language);
        return (std::borrow::Cow::Owned(markdown::mask(text)), language);
    }
    (std::borrow::Cow::Borrowed(text), options.language)
}

/// What the folder reads of an article it indexes without opening it: its language,
/// paragraphs, mentions and entities, exactly as [`analyze`] finds them, with no quotes and
/// no findings (the passes that only find those — quotes, attribution, `name-variant` — do
/// not run). [`finish`] adds them. Names never read the quotes (see [`analyze_prose`]): were
/// they to, this reading would have to find the quotes too.
pub fn analyze_names(text: &str, options: &AnalysisOptions) -> Analysis {
    analyze_names_with(text, options, &mut variants::KeyMemo::default())
}

/// [`analyze_names`], with spelling keys from `memo`, which a caller reading many articles
/// (folder indexing) keeps from one to the next. Same result.
pub fn analyze_names_with(
    text: &str,
    options: &AnalysisOptions,
    memo: &mut variants::KeyMemo,
) -> Analysis {
    let (prose, language) = prose_of(text, options);
    let text = prose.as_ref();
    let (language, paragraphs) = segment_article(text, language, options, None);
    let mentions = names::find_mentions_reusing(text, &paragraphs, &[], language, None);
    let (mentions, entities) = entities::link_with(text, mentions, language, &options.style, memo);
    Analysis {
        language,
        paragraphs,
        quotes: Vec::new(),
        mentions,
        entities,
        findings: Vec::new(),
    }
}

/// Completes a reading from [`analyze_names`] of the same text with the same options: the
/// result is equal to [`analyze`]`(text, options)`.
pub fn finish(text: &str, options: &AnalysisOptions, names: Analysis) -> Analysis {
    let (prose, _) = prose_of(text, options);
    let text = prose.as_ref();
    let Analysis {
        language,
        paragraphs,
        mentions,
        entities,
        ..
    } = names;
    let mut findings = Vec::new();
    let quotes = quotes::find_quotes(text, &paragraphs, language, &mut findings);
    let parallel = text.len() >= PARALLEL_FROM;
    finish_prose(
        text,
        options,
        language,
        paragraphs,
        (quotes, findings),
        (mentions, entities),
        parallel,
        None,
    )
}

/// From this size on, independent passes run side by side on two threads (quotes beside
/// names and entity linking, variants beside attribution). Below it a thread costs more than it saves, and
/// `copydesk check` and folder indexing already read several articles at once.
const PARALLEL_FROM: usize = 256 * 1024;

/// Runs `a` and `b`, on two threads when `parallel`; same results either way.
fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let a = a();
        let b = match other.join() {
            Ok(b) => b,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (a, b)
    })
}

/// The article's language (the forced one, else detected) and its paragraphs.
fn segment_article(
    text: &str,
    language: Option<Language>,
    options: &AnalysisOptions,
    cache: Option<&mut segment::ParagraphCache>,
) -> (Language, Vec<segment::Paragraph>) {
    // Segmentation weighs each paragraph's language against the one detected for the whole
    // text, forced language or not: detected once for both.
    let detected = lang::detect(text);
    let paragraphs = segment::paragraphs_in(text, options.markdown, detected, cache);
    (language.unwrap_or(detected), paragraphs)
}

fn analyze_prose(
    text: &str,
    language: Option<Language>,
    options: &AnalysisOptions,
    reuse: Option<&mut Reuse>,
) -> Analysis {
    let (paragraph_cache, token_cache, attribution_cache) = match reuse {
        Some(r) => (
            Some(&mut r.paragraphs),
            Some(&mut r.tokens),
            Some(&mut r.attribution),
        ),
        None => (None, None, None),
    };
    let (language, paragraphs) = segment_article(text, language, options, paragraph_cache);
    let parallel = text.len() >= PARALLEL_FROM;
    // Quotes and mentions are found independently of each other; entities are linked on
    // the mentions' thread while quotes are still being found (a keystroke in a long
    // document re-reads few paragraphs for names, but pairs every quote again).
    let (quotes, linked) = both(
        parallel,
        || {
            let mut findings = Vec::new();
            let quotes = quotes::find_quotes(text, &paragraphs, language, &mut findings);
            (quotes, findings)
        },
        // `find_mentions` does not read the quotes (its parameter is unused): were it to,
        // it would have to wait for them (and `analyze_names` would have to find them).
        || {
            let mentions =
                names::find_mentions_reusing(text, &paragraphs, &[], language, token_cache);
            entities::link(text, mentions, language, &options.style)
        },
    );
    finish_prose(
        text,
        options,
        language,
        paragraphs,
        quotes,
        linked,
        parallel,
        attribution_cache,
    )
}

/// Attribution and `name-variant` on the quotes and entities found: the passes after names.
#[allow(clippy::too_many_arguments)]
fn finish_prose(
    text: &str,
    options: &AnalysisOptions,
    language: Language,
    paragraphs: Vec<segment::Paragraph>,
    (mut quotes, mut findings): (Vec<Quote>, Vec<Finding>),
    (mentions, entities): (Vec<Mention>, Vec<Entity>),
    parallel: bool,
    attribution_cache: Option<&mut attribution::TokenCache>,
) -> Analysis {
    // Attribution and variants both read the entities; neither reads what the other writes.
    // Their findings are put in the same order as when they ran one after the other.
    let ((), variant_findings) = both(
        parallel,
        || {
            attribution::attribute_reusing(
                text,
                &paragraphs,
                &mut quotes,
                &mentions,
                &entities,
                language,
                &mut findings,
                attribution_cache,
            )
        },
        || {
            let mut findings = Vec::new();
            variants::check(
                text,
                &mentions,
                &entities,
                language,
                &options.style,
                &mut findings,
            );
            findings
        },
    );
    findings.extend(variant_findings);
    options.style.apply_severities(&mut findings);
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    Analysis {
        language,
        paragraphs,
        quotes,
        mentions,
        entities,
        findings,
    }
}

impl Analysis {
    /// The quote whose marks or content contain `offset`, innermost first.
    pub fn quote_at(&self, offset: usize) -> Option<usize> {
        self.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.span().contains(&offset) || q.span().end == offset)
            .min_by_key(|(_, q)| q.span().len())
            .map(|(i, _)| i)
    }

    /// The mention whose span contains `offset` (or ends right at it).
    pub fn mention_at(&self, offset: usize) -> Option<usize> {
        self.mentions
            .iter()
            .position(|m| m.span.contains(&offset) || m.span.end == offset)
    }

    /// The quotes attributed to entity `entity`, in text order.
    pub fn quotes_of(&self, entity: usize) -> impl Iterator<Item = (usize, &Quote)> {
        self.quotes.iter().enumerate().filter(move |(_, q)| {
            q.attribution
                .as_ref()
                .is_some_and(|a| a.entity == Some(entity))
        })
    }
}

/// One quotation: an opening mark, the quoted words, and (usually) a closing mark.
///
/// A multi-paragraph quote is one `Quote` per paragraph, chained by `continues`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The opening mark (« “ ‘ " or a continuation mark).
    pub open: Span,
    /// The closing mark; `None` when the quote runs on to the next paragraph (or is unbalanced).
    pub close: Option<Span>,
    /// Index into [`Analysis::paragraphs`].
    pub paragraph: usize,
    pub kind: QuoteKind,
    /// The enclosing quote when this one is nested (“ ” inside « »).
    pub nested_in: Option<usize>,
    /// The quote of the previous paragraph that this one continues (multi-paragraph quotes).
    pub continues: Option<usize>,
    /// Who said it, when the article says so.
    pub attribution: Option<Attribution>,
    /// Why no speaker was found, for a speech quote with no attribution.
    pub missing: Option<MissingReason>,
}

impl Quote {
    /// From the opening mark to the end of the closing mark (or the end of the quoted text).
    pub fn span(&self) -> Span {
        self.open.start..self.close.as_ref().map_or(self.open.end, |c| c.end)
    }

    /// The quoted words, without the marks.
    pub fn content(&self) -> Span {
        self.open.end..self.close.as_ref().map_or(self.open.end, |c| c.start)
    }
}

/// What a pair of quotation marks holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// A full sentence (or more) of reported speech: must have a speaker.
    Speech,
    /// A few words quoted inside the writer's own sentence; attributed by the clause around it.
    Partial,
    /// A title or name: a TV show, book, operation, slogan. Never speech.
    Title,
    /// A scare quote or single word (« fragile », “rigged”).
    Scare,
}

/// How a quote is linked to its speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The words of the text that name the speaker (`M. Blinken`, `il`, `officials`).
    pub speaker: Span,
    /// The mention the speaker words resolve to (for a pronoun: the person it refers to).
    pub mention: Option<usize>,
    /// The entity of that mention.
    pub entity: Option<usize>,
    /// How the link was made.
    pub method: AttributionMethod,
    /// The reporting cue (`a déclaré`, `said`, `selon`), when there is one.
    pub cue: Option<Span>,
    /// `false` for a role or institution with no name (`un responsable américain`, `officials`).
    pub named: bool,
}

/// How a speaker was found for a quote.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributionMethod {
    /// `« … », a déclaré M. X` / `“…,” said X` / `dit-il`.
    Incise,
    /// `X a déclaré : « … »` / `X said: “…”`.
    CueBefore,
    /// `X a déclaré que … « … »` / `X said that … “…”`.
    CueThat,
    /// `selon X`, `d’après X`, `according to X`, `X told …`.
    SourcePhrase,
    /// `…, affirmant « … »`, `saying`, `dans un communiqué`.
    Participle,
    /// A pronoun (`il`, `she`) resolved to the person it refers to.
    Pronoun { pronoun: Span },
    /// A paragraph continuing the previous paragraph's quote (index of that quote).
    Continuation { from: usize },
    /// A quote with no cue of its own right after a sentence of the same paragraph whose
    /// subject is a person (`Volkov read a statement. “I am ashamed.”`): that person.
    Context,
    /// A quote with no cue of its own whose words are quoted again elsewhere in the article
    /// with a speaker (a headline quoting the body): that speaker (index of that quote).
    Echo { from: usize },
    /// A cue-less quote in an exchange of questions and answers (a trial, an interview): the
    /// answer to a question put to someone, or the next question, is the other party's.
    Exchange,
}

/// Why a speech quote has no speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingReason {
    /// No reporting cue near the quote.
    NoCue,
    /// Only an impersonal or agentless construction (`Il a été décidé que`, `it was said`).
    Impersonal,
    /// It would continue the previous paragraph's quote, but something intervenes.
    BrokenContinuation,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
}

/// Grammatical gender, from titles (M./Mme, Mr/Mrs) or pronouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionForm {
    /// First name and surname (`Evgueni Prigojine`), possibly with a title.
    FullName,
    /// Surname alone (`Prigojine`).
    Surname,
    /// Title and surname (`M. Prigojine`, `President Obama`).
    TitleSurname,
    /// A place or organisation name, or a one-word name.
    Name,
}

/// One place where the text names a person, place or organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The whole mention, title included (`M. Blinken`).
    pub span: Span,
    /// The name without the title (`Blinken`).
    pub name: Span,
    /// The first-name part, when written.
    pub first_name: Option<Span>,
    /// The surname part (for places and organisations: the whole name).
    pub surname: Span,
    /// The title as written (`M.`, `Lord`, `le président`), when there is one.
    pub title: Option<String>,
    pub form: MentionForm,
    pub kind: EntityKind,
    /// Gender implied by the title, if any.
    pub gender: Option<Gender>,
    /// Index into [`Analysis::entities`].
    pub entity: usize,
    /// The surname alone could belong to several people; it was linked to the most recent.
    pub ambiguous: bool,
    /// The role the text gives right here: an apposition (`Michael Kofman, directeur des
    /// études…`) or a role title (`le président ukrainien`), without its determiner.
    pub role: Option<String>,
    /// How sure `kind` is (a known place, a title, or only a guess).
    pub evidence: Evidence,
}

/// How sure a mention's kind is. [`entities::link`] lets the surest mention decide an
/// entity's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Evidence {
    /// No cue: a capitalised word that looks like a surname, or not.
    #[default]
    Guess,
    /// A cue in the text: a title, a role, a first name, `groupe`, `ville de`, a reporting verb.
    Cue,
    /// A data file knows the name (gazetteer, known organisations and people).
    Known,
}

/// A person, place or organisation, with every mention of it in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// The canonical spelling of the full name (`Evgueni Prigojine`).
    pub name: String,
    /// The canonical first name, when known.
    pub first_name: Option<String>,
    /// The canonical surname (for places and organisations: the whole name).
    pub surname: String,
    /// The definition: index of the first full-name mention (else the first mention).
    pub definition: usize,
    /// Indices into [`Analysis::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// Role from an apposition or title (`porte-parole du Kremlin`, `président ukrainien`).
    pub role: Option<String>,
    pub gender: Option<Gender>,
}

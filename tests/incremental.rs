//! Incremental analysis (`analysis::analyze_incremental`) is the analysis: after any sequence
//! of edits, reusing what the previous analyses read gives exactly what a fresh `analyze` of
//! the same text gives, field by field. And the reuse is real: a keystroke re-reads one
//! paragraph, not the document.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use copydesk::analysis::{
    Analysis, AnalysisOptions, Language, Reuse, analyze, analyze_incremental,
};
use proptest::prelude::*;

/// Field by field, so that a failure says which part differs.
fn assert_same(incremental: &Analysis, fresh: &Analysis, text: &str) {
    assert_eq!(incremental.language, fresh.language, "language of {text:?}");
    assert_eq!(
        incremental.paragraphs, fresh.paragraphs,
        "paragraphs of {text:?}"
    );
    assert_eq!(incremental.quotes, fresh.quotes, "quotes of {text:?}");
    assert_eq!(incremental.mentions, fresh.mentions, "mentions of {text:?}");
    assert_eq!(incremental.entities, fresh.entities, "entities of {text:?}");
    assert_eq!(incremental.findings, fresh.findings, "findings of {text:?}");
    assert_eq!(incremental, fresh);
}

/// Realistic articles: the two examples and generated French and English copy.
fn articles() -> Vec<String> {
    vec![
        include_str!("../examples/conseil-municipal.fr.txt").to_string(),
        include_str!("../examples/wagner-fallout.en.txt").to_string(),
        corpus::article(3, corpus::Lang::Fr, 4 * 1024),
        corpus::article(4, corpus::Lang::En, 4 * 1024),
    ]
}

/// What an editor does to an article: type or delete characters, quote marks, line breaks,
/// names, whole paragraphs.
#[derive(Debug, Clone)]
enum Edit {
    Insert { at: usize, text: &'static str },
    Delete { at: usize, len: usize },
}

const INSERTS: &[&str] = &[
    "a",
    "é",
    " ",
    ".",
    ",",
    "\n",
    "\n\n",
    "\r\n",
    "«",
    "»",
    "« ",
    " »",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "Prigozhin",
    "Prigojine",
    " M. Dupont",
    "Evgueni Prigojine",
    " a déclaré ",
    " said ",
    "Lire aussi : ",
    "Il a ajouté : « Nous verrons. »",
    "\n“We will see,” she said.\n",
    // Names and speakers that later paragraphs read: a mid-sentence capital, a close variant
    // of one at a sentence start, a speaker a later pronoun refers to.
    "Blinken",
    " selon Antony Blinken, ",
    "\nBlinkin a refusé. « Non », a-t-il dit.\n",
    "Marie ",
    "\n\nJean",
    "Mme Tardieu a déclaré : « Jamais. » ",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), prop::sample::select(INSERTS))
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
    ]
}

/// Applies an edit at a char boundary (positions taken modulo the text length).
fn apply(text: &mut String, edit: &Edit) {
    let floor = |text: &str, mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match edit {
        Edit::Insert { at, text: t } => {
            let at = floor(text, at % (text.len() + 1));
            text.insert_str(at, t);
        }
        Edit::Delete { at, len } => {
            if text.is_empty() {
                return;
            }
            let start = floor(text, at % text.len());
            let end = floor(text, (start + len).min(text.len()));
            text.replace_range(start..end, "");
        }
    }
}

fn options(markdown: bool, language: Option<Language>) -> AnalysisOptions {
    AnalysisOptions {
        language,
        markdown,
        ..AnalysisOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn incremental_analysis_is_the_analysis(
        article in 0usize..4,
        markdown in any::<bool>(),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        let mut text = articles()[article].clone();
        let options = options(markdown, None);
        let mut reuse = Reuse::default();
        let first = analyze_incremental(&text, &options, &mut reuse);
        assert_same(&first, &analyze(&text, &options), &text);
        for e in &edits {
            apply(&mut text, e);
            let incremental = analyze_incremental(&text, &options, &mut reuse);
            assert_same(&incremental, &analyze(&text, &options), &text);
        }
    }
}

/// One reuse across documents, options and languages: still the analysis every time.
#[test]
fn reuse_across_texts_and_options_never_changes_a_result() {
    let mut reuse = Reuse::default();
    for (i, text) in articles().iter().enumerate() {
        for markdown in [false, true] {
            for language in [None, Some(Language::French), Some(Language::English)] {
                let options = options(markdown, language);
                let incremental = analyze_incremental(text, &options, &mut reuse);
                assert_same(
                    &incremental,
                    &analyze(text, &options),
                    &format!("article {i}"),
                );
            }
        }
    }
}

/// Typing one character re-reads one paragraph; the others are reused.
#[test]
fn a_keystroke_rereads_only_its_paragraph() {
    let mut text = corpus::document(5, None, 64 * 1024);
    let options = AnalysisOptions::default();
    let mut reuse = Reuse::default();
    let first = analyze_incremental(&text, &options, &mut reuse);
    let paragraphs = first.paragraphs.len();
    assert!(paragraphs > 50, "{paragraphs} paragraphs");
    assert_eq!(
        reuse.paragraphs.readings.computed + reuse.paragraphs.readings.reused,
        paragraphs
    );
    // Type into the middle paragraph.
    let middle = first.paragraphs[paragraphs / 2].span.end;
    text.insert(middle, 'x');
    let second = analyze_incremental(&text, &options, &mut reuse);
    assert_same(&second, &analyze(&text, &options), "document");
    assert_eq!(
        reuse.paragraphs.readings.computed, 1,
        "only the edited paragraph is read again"
    );
    assert_eq!(reuse.paragraphs.readings.reused, paragraphs - 1);
    assert_eq!(
        reuse.tokens.paragraphs.computed, 1,
        "only its tokens are cut again"
    );
    assert_eq!(reuse.tokens.paragraphs.reused, paragraphs - 1);
    assert_eq!(
        reuse.tokens.mentions.computed, 1,
        "only its names are read again"
    );
    assert_eq!(reuse.tokens.mentions.reused, paragraphs - 1);
    assert!(
        reuse.attribution.paragraphs.computed <= 1,
        "attribution tokenises at most the edited paragraph again: {:?}",
        reuse.attribution
    );
    assert!(
        reuse.attribution.paragraphs.reused > 10,
        "{:?}",
        reuse.attribution
    );
}

/// Edits that change what other paragraphs read: a name written mid-sentence in one paragraph
/// makes a close spelling at the start of another a name; a speaker named in one paragraph is
/// who a pronoun of the next refers to. The reused paragraphs are read again when what they
/// asked of the others changed: still the analysis.
#[test]
fn edits_read_by_other_paragraphs_still_give_the_analysis() {
    let options = AnalysisOptions::default();
    let steps: &[(&str, &str)] = &[
        ("", ""),
        // A mid-sentence capital appears, then goes.
        ("plus tard", "plus tard avec Blinken"),
        ("plus tard avec Blinken", "plus tard"),
        // The speaker of the first quote changes: the pronoun of the next paragraph follows.
        ("Marie Dupont a déclaré", "Paul Martin a déclaré"),
        ("Paul Martin a déclaré", "Il a été déclaré"),
    ];
    let mut text = String::from(
        "Blinkin a refusé de commenter.\n\n\
         Le ministre est arrivé plus tard.\n\n\
         Marie Dupont a déclaré : « Nous partirons demain. »\n\n\
         « Nous verrons bien », a-t-elle ajouté.\n\n\
         Jean\n\nDupont est revenu.\n",
    );
    let mut reuse = Reuse::default();
    let mut seen = Vec::new();
    for (from, to) in steps {
        text = text.replacen(from, to, 1);
        let incremental = analyze_incremental(&text, &options, &mut reuse);
        let fresh = analyze(&text, &options);
        assert_same(&incremental, &fresh, &text);
        seen.push(fresh);
    }
    // The edits did change other paragraphs' readings (else this test would prove nothing).
    let names = |a: &Analysis| {
        a.mentions
            .iter()
            .map(|m| m.span.clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(names(&seen[0]), names(&seen[1]), "Blinkin becomes a name");
    let speakers = |a: &Analysis| {
        a.quotes
            .iter()
            .map(|q| q.attribution.as_ref().and_then(|x| x.entity))
            .collect::<Vec<_>>()
    };
    assert_ne!(
        speakers(&seen[3]),
        speakers(&seen[4]),
        "the pronoun follows"
    );
}

/// Long documents run independent passes on two threads: same result as one after the other.
#[test]
fn parallel_passes_give_the_sequential_result() {
    use copydesk::analysis::{attribution, entities, lang, names, quotes, segment, variants};
    let text = corpus::document(9, None, 300 * 1024);
    let options = AnalysisOptions::default();
    let language = lang::detect(&text);
    let paragraphs = segment::paragraphs(&text, false);
    let mut findings = Vec::new();
    let mut qs = quotes::find_quotes(&text, &paragraphs, language, &mut findings);
    let mentions = names::find_mentions(&text, &paragraphs, &qs, language);
    let (mentions, ents) = entities::link(&text, mentions, language, &options.style);
    attribution::attribute(
        &text,
        &paragraphs,
        &mut qs,
        &mentions,
        &ents,
        language,
        &mut findings,
    );
    variants::check(
        &text,
        &mentions,
        &ents,
        language,
        &options.style,
        &mut findings,
    );
    options.style.apply_severities(&mut findings);
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    let sequential = Analysis {
        language,
        paragraphs,
        quotes: qs,
        mentions,
        entities: ents,
        findings,
    };
    assert_same(&analyze(&text, &options), &sequential, "300 KB document");
}

//! Where the time of one keystroke goes in a 1 MB document, stage by stage, in process
//! (the `lsp_latency` bench measures the same path over stdio, with a 10 KB article open
//! beside it that names the same people). Ignored by default; run in
//! release mode:
//!
//! ```text
//! cargo test --release --test keystroke_profile -- --ignored --nocapture
//! ```
//!
//! Wall-clock figures are printed, never asserted.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::sync::Arc;
use std::time::{Duration, Instant};

use copydesk::analysis::{
    AnalysisOptions, Language, Reuse, analyze, analyze_incremental, attribution, entities, lang,
    names, quotes, segment, variants,
};
use copydesk::lsp::convert;
use copydesk::lsp::state::{ClientFeatures, OpenArticle, State};
use copydesk::text::{Document, PositionEncoding};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

const MB: usize = 1024 * 1024;
const ROUNDS: usize = 15;

fn median(mut xs: Vec<Duration>) -> f64 {
    xs.sort();
    xs[xs.len() / 2].as_secs_f64() * 1000.0
}

/// A keystroke at the end of a non-empty line in the middle of the text (as the bench types).
fn keystroke(doc: &Document, i: usize) -> TextDocumentContentChangeEvent {
    let text = doc.text();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut line = lines.len() / 2;
    while lines[line].trim().is_empty() {
        line += 1;
    }
    let column = lines[line].encode_utf16().count() as u32;
    let ch = ["a", "«", " ", "é", "”", "P"][i % 6];
    let at = Position::new(line as u32, column);
    TextDocumentContentChangeEvent {
        range: Some(Range::new(at, at)),
        range_length: None,
        text: ch.to_string(),
    }
}

#[test]
#[ignore]
fn keystroke_in_a_1mb_document_stage_by_stage() {
    let text = corpus::document(11, None, MB);
    let options = AnalysisOptions::default();

    // 1. The analysis, stage by stage (as `analysis::analyze` runs them).
    let mut stages: Vec<(&str, Vec<Duration>)> = [
        "to_string",
        "lang::detect",
        "segment",
        "quotes",
        "names",
        "entities::link",
        "attribution",
        "variants",
        "analyze (whole)",
        "analyze_incremental (after a keystroke)",
        "(warm-up of the reuse: not a stage)",
    ]
    .iter()
    .map(|s| (*s, Vec::new()))
    .collect();
    let rope = ropey::Rope::from_str(&text);
    for _ in 0..ROUNDS {
        let mut t = Instant::now();
        let mut lap = |i: usize, stages: &mut Vec<(&str, Vec<Duration>)>| {
            stages[i].1.push(t.elapsed());
            t = Instant::now();
        };
        let owned = rope.to_string();
        lap(0, &mut stages);
        let language: Language = lang::detect(&owned);
        lap(1, &mut stages);
        let paragraphs = segment::paragraphs(&owned, false);
        lap(2, &mut stages);
        let mut findings = Vec::new();
        let mut qs = quotes::find_quotes(&owned, &paragraphs, language, &mut findings);
        lap(3, &mut stages);
        let mentions = names::find_mentions(&owned, &paragraphs, &qs, language);
        lap(4, &mut stages);
        let (mentions, ents) = entities::link(&owned, mentions, language, &options.style);
        lap(5, &mut stages);
        attribution::attribute(
            &owned,
            &paragraphs,
            &mut qs,
            &mentions,
            &ents,
            language,
            &mut findings,
        );
        lap(6, &mut stages);
        variants::check(
            &owned,
            &mentions,
            &ents,
            language,
            &options.style,
            &mut findings,
        );
        lap(7, &mut stages);
        let _ = analyze(&owned, &options);
        lap(8, &mut stages);
        // A keystroke in the middle, analysed reusing the previous analysis.
        let mut edited = owned.clone();
        edited.insert(paragraphs[paragraphs.len() / 2].span.end, 'x');
        let mut reuse = Reuse::default();
        let _ = analyze_incremental(&owned, &options, &mut reuse);
        lap(10, &mut stages);
        let _ = analyze_incremental(&edited, &options, &mut reuse);
        lap(9, &mut stages);
    }
    println!("1 MB document ({} bytes), median of {ROUNDS}:", text.len());
    for (name, xs) in stages {
        println!("  {name:<40} {:>8.2} ms", median(xs));
    }

    // 1b. The incremental analysis after a keystroke, stage by stage (as
    // `analysis::analyze_incremental` runs them, one after the other), with the reuse of the
    // previous text; then the names index entry the server adds.
    let incremental_names = [
        "segment (reusing)",
        "quotes",
        "names (reusing)",
        "entities::link",
        "attribution (reusing)",
        "variants",
        "EntityNames::of (index entry)",
    ];
    let mut laps: Vec<Vec<Duration>> = vec![Vec::new(); incremental_names.len()];
    let mut reuse = Reuse::default();
    let _ = analyze_incremental(&text, &options, &mut reuse);
    let at = segment::paragraphs(&text, false);
    let at = at[at.len() / 2].span.end;
    for i in 0..ROUNDS {
        // Every other round the middle paragraph has one more character.
        let mut owned = text.clone();
        if i % 2 == 0 {
            owned.insert(at, 'x');
        }
        let language = lang::detect(&owned);
        let mut t = Instant::now();
        let mut lap = |k: usize, laps: &mut Vec<Vec<Duration>>| {
            laps[k].push(t.elapsed());
            t = Instant::now();
        };
        let paragraphs = segment::paragraphs_reusing(&owned, false, Some(&mut reuse.paragraphs));
        lap(0, &mut laps);
        let mut findings = Vec::new();
        let mut qs = quotes::find_quotes(&owned, &paragraphs, language, &mut findings);
        lap(1, &mut laps);
        let mentions = names::find_mentions_reusing(
            &owned,
            &paragraphs,
            &[],
            language,
            Some(&mut reuse.tokens),
        );
        lap(2, &mut laps);
        let (mentions, ents) = entities::link(&owned, mentions, language, &options.style);
        lap(3, &mut laps);
        attribution::attribute_reusing(
            &owned,
            &paragraphs,
            &mut qs,
            &mentions,
            &ents,
            language,
            &mut findings,
            Some(&mut reuse.attribution),
        );
        lap(4, &mut laps);
        variants::check(
            &owned,
            &mentions,
            &ents,
            language,
            &options.style,
            &mut findings,
        );
        lap(5, &mut laps);
        let analysis = copydesk::analysis::Analysis {
            language,
            paragraphs,
            quotes: qs,
            mentions,
            entities: ents,
            findings,
        };
        let _ = copydesk::workspace::names::EntityNames::of(&owned, &analysis);
        lap(6, &mut laps);
    }
    println!("incremental analysis after a keystroke, stage by stage, median of {ROUNDS}:");
    for (name, xs) in incremental_names.iter().zip(laps) {
        println!("  {name:<40} {:>8.2} ms", median(xs));
    }

    // 2. The server's path: edit, analysis + index entry, store, diagnostics, JSON.
    let state = Arc::new(State::default());
    let uri: Uri = "file:///bench/document-1mb.txt".parse().unwrap();
    state.articles.insert(
        uri.clone(),
        OpenArticle::new(Document::new(&text, 1, "plaintext")),
    );
    // As in the bench, a 10 KB article in the folder names the same people, some of them
    // spelled otherwise: the document's findings are weighed against it.
    state.workspace.index_text(
        std::path::Path::new("/bench/article-10kb.fr.txt"),
        &corpus::article(10, corpus::Lang::Fr, 10 * 1024),
        Some(1),
        Some("plaintext"),
    );
    let features = ClientFeatures::default();
    let _ = state.snapshot(&uri);
    let names = [
        "apply edit",
        "work.run (analysis + index entry)",
        "store (workspace.put)",
        "workspace.findings",
        "publish_frame (findings + JSON)",
        "total",
    ];
    let mut laps: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
    let mut bytes = 0;
    for i in 0..ROUNDS {
        let start = Instant::now();
        let mut t = Instant::now();
        let mut lap = |k: usize, laps: &mut Vec<Vec<Duration>>| {
            laps[k].push(t.elapsed());
            t = Instant::now();
        };
        {
            let mut open = state.articles.get_mut(&uri).unwrap();
            let change = keystroke(&open.document, i);
            let version = open.document.version() + 1;
            open.document
                .apply_changes(&[change], version, PositionEncoding::Utf16);
        }
        lap(0, &mut laps);
        let work = state.pending_work(&uri).unwrap();
        let (is_file, epoch) = (work.is_file, work.epoch);
        let article = Arc::new(work.run());
        lap(1, &mut laps);
        state.store(&uri, article, is_file, epoch);
        lap(2, &mut laps);
        let snapshot = state.snapshot(&uri).unwrap();
        let _ = state.workspace.findings(&snapshot.article);
        lap(3, &mut laps);
        let frame = convert::publish_frame(&snapshot, &state.workspace, &features);
        bytes = frame.len();
        lap(4, &mut laps);
        laps[5].push(start.elapsed());
    }
    println!(
        "server path per keystroke, with a 10 KB article sharing names in the folder, median of {ROUNDS} ({bytes} bytes of JSON published):"
    );
    let snapshot = state.snapshot(&uri).unwrap();
    let diagnostics = convert::diagnostics(&snapshot, &state.workspace, &features);
    let data: usize = diagnostics
        .iter()
        .map(|d| d.data.as_ref().map_or(0, |v| v.to_string().len()))
        .sum();
    let messages: usize = diagnostics.iter().map(|d| d.message.len()).sum();
    let mut codes = std::collections::BTreeMap::new();
    for d in &diagnostics {
        *codes.entry(format!("{:?}", d.code)).or_insert(0) += 1;
    }
    println!(
        "  {} diagnostics; `data` {data} bytes, messages {messages} bytes; {codes:?}",
        diagnostics.len()
    );
    for (name, xs) in names.iter().zip(laps) {
        println!("  {name:<34} {:>8.2} ms", median(xs));
    }
}

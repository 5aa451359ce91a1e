//! Criterion benchmarks for issue 7: analysis of a 5 KB article and of a 1 MB document
//! (throughput in bytes per second), one keystroke applied to a 1 MB document and re-analysed,
//! and a generated workspace of 2,000 articles on disk: indexed as the server indexes a folder
//! (`Workspace::scan_folder`: names only, on every core), and read and analysed whole one by
//! one (the analysis's throughput on short articles).
//!
//! `cargo bench --bench analysis` (all of it takes a couple of minutes on 2 cores);
//! `cargo bench --bench analysis -- analysis/` for one group.

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use copydesk::analysis::{AnalysisOptions, analyze};
use copydesk::text::{Document, PositionEncoding};
use copydesk::workspace::{Workspace, scan};
use corpus::Lang;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const KB: usize = 1024;
const MB: usize = 1024 * 1024;

fn plain() -> AnalysisOptions {
    AnalysisOptions::default()
}

fn markdown() -> AnalysisOptions {
    AnalysisOptions {
        markdown: true,
        ..AnalysisOptions::default()
    }
}

fn articles(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    for (name, lang) in [("article_5kb_fr", Lang::Fr), ("article_5kb_en", Lang::En)] {
        let text = corpus::article(7, lang, 5 * KB);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| analyze(black_box(&text), &plain())));
    }
    group.finish();
}

fn documents(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    let mixed = corpus::document(1, None, MB);
    group.throughput(Throughput::Bytes(mixed.len() as u64));
    group.bench_function("document_1mb_mixed", |b| {
        b.iter(|| analyze(black_box(&mixed), &plain()))
    });
    group.bench_function("document_1mb_mixed_markdown", |b| {
        b.iter(|| analyze(black_box(&mixed), &markdown()))
    });
    let en = corpus::document(2, Some(Lang::En), MB);
    group.throughput(Throughput::Bytes(en.len() as u64));
    group.bench_function("document_1mb_en", |b| {
        b.iter(|| analyze(black_box(&en), &plain()))
    });
    group.finish();
}

/// What the server does for one keystroke today: apply the change to the rope, copy the text
/// out, analyse all of it. The stdio figure (`benches/lsp_latency.rs`) adds the protocol.
fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    for (name, size) in [("article_10kb", 10 * KB), ("document_1mb", MB)] {
        let text = corpus::document(3, None, size);
        let line = (text.lines().count() / 2) as u32;
        let mut doc = Document::new(&text, 1, "plaintext");
        let mut version = 1;
        group.bench_function(name, |b| {
            b.iter(|| {
                version += 1;
                let at = Position::new(line, 0);
                let change = TextDocumentContentChangeEvent {
                    range: Some(Range::new(at, at)),
                    range_length: None,
                    text: "a".to_string(),
                };
                doc.apply_changes(&[change], version, PositionEncoding::Utf16);
                analyze(black_box(&doc.text()), &plain())
            })
        });
    }
    group.finish();
}

/// A 2,000-article folder: indexed as the language server indexes it (`index_folder_…`:
/// `Workspace::scan_folder`, which reads each article for its names, on every core; quotes
/// and findings are found when an article is first needed whole), and every article found,
/// read and analysed whole on one thread (`index_2000_articles`).
fn workspace(c: &mut Criterion) {
    let dir = corpus::TempDir::new("bench-workspace").expect("temp dir");
    let files = corpus::write_workspace(dir.path(), 2000).expect("write workspace");
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    let mut group = c.benchmark_group("workspace");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .sample_size(10)
        .throughput(Throughput::Bytes(bytes));
    group.bench_function("index_folder_2000_articles", |b| {
        b.iter_with_large_drop(|| {
            let ws = Workspace::default();
            let report = ws.scan_folder(dir.path(), &|_| false, &|_, _| {});
            assert_eq!(report.indexed, 2000);
            ws
        })
    });
    group.bench_function("index_2000_articles", |b| {
        b.iter(|| {
            let (found, _errors) = scan::articles_under(dir.path());
            assert_eq!(found.len(), 2000);
            let mut findings = 0;
            for path in &found {
                if let Ok(text) = scan::read_article(path) {
                    let md = path.extension().is_some_and(|e| e == "md");
                    let options = if md { markdown() } else { plain() };
                    findings += analyze(&text, &options).findings.len();
                }
            }
            findings
        })
    });
    group.bench_function("scan_only_2000_articles", |b| {
        b.iter(|| scan::articles_under(black_box(dir.path())).0.len())
    });
    group.finish();
}

criterion_group!(benches, articles, documents, keystroke, workspace);
criterion_main!(benches);

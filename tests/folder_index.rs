//! Indexing a folder reads each article for what the folder's features need of an article
//! nobody opened (language, paragraphs, mentions, entities); its quotes and findings are
//! found when it is first needed whole, once, and are then exactly what analysing it at
//! indexing gave.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::analysis::{self, Analysis};
use copydesk::workspace::names::FolderFinding;
use copydesk::workspace::{IndexedArticle, Workspace};

const STYLE: &str = "[names]\n\"Evgueni Prigojine\" = [\"Yevgeny Prigozhin\"]\n\n[severity]\nunattributed-quote = \"info\"\n";

/// A folder of articles (French and English, plain text and Markdown) and a house style.
fn folder(dir: &Path) -> Vec<PathBuf> {
    let mut files = corpus::write_workspace(dir, 24).expect("write the folder");
    let doc = dir.join("document.txt");
    std::fs::write(&doc, corpus::document(11, None, 64 * 1024)).expect("write");
    files.push(doc);
    std::fs::write(dir.join("copydesk.toml"), STYLE).expect("write the style");
    files.sort();
    files
}

fn scanned(dir: &Path) -> Workspace {
    let ws = Workspace::default();
    let report = ws.scan_folder(dir, &|_| false, &|_, _| {});
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    ws
}

fn text_of(article: &IndexedArticle) -> String {
    article.rope.to_string()
}

fn names_of(a: &Analysis) -> Analysis {
    Analysis {
        quotes: Vec::new(),
        findings: Vec::new(),
        ..a.clone()
    }
}

type Said = Vec<(analysis::Finding, Vec<(PathBuf, analysis::Span, String)>)>;

fn said(findings: &[FolderFinding<'_>]) -> Said {
    findings
        .iter()
        .map(|f| {
            let places = f.elsewhere.iter();
            let places =
                places.map(|e| (e.article.path.clone(), e.span.clone(), e.message.clone()));
            (f.finding.clone().into_owned(), places.collect())
        })
        .collect()
}

#[test]
fn indexing_reads_names_only_and_finishing_gives_the_whole_analysis() {
    let dir = corpus::TempDir::new("folder-index-names").expect("temp dir");
    let files = folder(dir.path());
    let ws = scanned(dir.path());
    assert_eq!(ws.len(), files.len());
    assert_eq!(ws.completions(), 0, "indexing finishes no analysis");
    let mut with_quotes = 0;
    for path in &files {
        let indexed = ws.get(path).expect("indexed");
        assert!(!indexed.is_complete(), "{}", path.display());
        let text = text_of(&indexed);
        let options = ws.options_for(path, None);
        let whole = analysis::analyze(&text, &options);
        // What the folder reads is there, as the whole analysis has it.
        assert_eq!(indexed.analysis, names_of(&whole), "{}", path.display());
        assert!(!whole.mentions.is_empty(), "{}", path.display());
        with_quotes += usize::from(!whole.quotes.is_empty() && !whole.findings.is_empty());
        // Finished: the whole analysis, put in the index in its place, finished once.
        let done = ws.complete(&indexed);
        assert!(done.is_complete());
        assert_eq!(done.analysis, whole, "{}", path.display());
        assert_eq!(
            done.variants_style,
            (!options.markdown).then(|| options.style.clone())
        );
        assert!(Arc::ptr_eq(&ws.get(path).expect("indexed"), &done));
        assert!(Arc::ptr_eq(&ws.complete(&done), &done));
    }
    assert!(with_quotes > files.len() / 2, "the articles have quotes");
    assert_eq!(ws.completions(), files.len(), "each finished once");
}

#[test]
fn an_article_is_finished_with_the_style_it_was_indexed_with() {
    let dir = corpus::TempDir::new("folder-index-style").expect("temp dir");
    let files = folder(dir.path());
    let ws = scanned(dir.path());
    let path = files.iter().find(|p| p.ends_with("document.txt")).unwrap();
    let options = ws.options_for(path, None);
    // The style changes after indexing: the article keeps the reading it was indexed with
    // (as when indexing analysed it whole), until it is read again.
    ws.load_style_text(&dir.path().join("copydesk.toml"), Some(""));
    let done = ws.complete(&ws.get(path).unwrap());
    assert_eq!(done.analysis, analysis::analyze(&text_of(&done), &options));
    assert_eq!(done.variants_style.as_ref(), Some(&options.style));
}

#[test]
fn the_folder_says_the_same_as_when_indexing_analysed_every_article_whole() {
    let dir = corpus::TempDir::new("folder-index-findings").expect("temp dir");
    let files = folder(dir.path());
    let lazy = scanned(dir.path());
    let eager = Workspace::default();
    eager.load_style(&dir.path().join("copydesk.toml"));
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        eager.index_text(path, &text, None, None);
    }
    // Cross-article reads (matches, canonical spellings) need no finished analysis.
    let doc = lazy.get(files.iter().find(|p| p.ends_with("document.txt")).unwrap());
    let doc = doc.unwrap();
    for e in 0..doc.analysis.entities.len() {
        let here: Vec<_> = lazy
            .matches(&doc, e)
            .iter()
            .map(|m| m.article.path.clone())
            .collect();
        let there = eager.get(&doc.path).unwrap();
        let there: Vec<_> = eager
            .matches(&there, e)
            .iter()
            .map(|m| m.article.path.clone())
            .collect();
        assert_eq!(here, there);
    }
    assert_eq!(lazy.completions(), 0);
    for path in &files {
        let a = lazy.complete(&lazy.get(path).unwrap());
        let b = eager.get(path).unwrap();
        assert_eq!(
            said(&lazy.findings(&a)),
            said(&eager.findings(&b)),
            "{}",
            path.display()
        );
    }
}

#[test]
fn spelling_keys_are_worked_out_once_per_word_from_one_article_to_the_next() {
    use copydesk::analysis::variants::KeyMemo;
    let options = analysis::AnalysisOptions::default();
    let memo = &mut KeyMemo::default();
    let a = corpus::article(1, corpus::Lang::Fr, 6 * 1024);
    let b = corpus::article(2, corpus::Lang::Fr, 6 * 1024);
    let read = analysis::analyze_names_with(&a, &options, memo);
    assert_eq!(read, analysis::analyze_names(&a, &options));
    let first = memo.computed;
    assert!(first > 0);
    // The same names again: nothing new to work out, the same reading.
    assert_eq!(analysis::analyze_names_with(&a, &options, memo), read);
    assert_eq!(memo.computed, first);
    let read = analysis::analyze_names_with(&b, &options, memo);
    assert_eq!(read, analysis::analyze_names(&b, &options));
    let names = copydesk::workspace::names::EntityNames::of_with(&b, &read, memo);
    let plain = copydesk::workspace::names::EntityNames::of(&b, &read);
    let keys = |n: &[copydesk::workspace::names::EntityNames]| {
        n.iter().map(|e| e.keys.clone()).collect::<Vec<_>>()
    };
    assert_eq!(keys(&names), keys(&plain));
}

//! The folder's `name-variant` findings: an article whose own findings were checked on its
//! text with the current style checks again only the entities the folder can change, and
//! says exactly what checking every entity again says.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use copydesk::analysis::{Code, Finding, Span};
use copydesk::workspace::names::{self, FolderFinding};
use copydesk::workspace::{IndexedArticle, Workspace};

type Said = (Finding, Vec<(PathBuf, Span, String)>);

fn said(findings: &[FolderFinding<'_>]) -> Vec<Said> {
    findings
        .iter()
        .map(|f| {
            (
                f.finding.clone().into_owned(),
                f.elsewhere
                    .iter()
                    .map(|e| (e.article.path.clone(), e.span.clone(), e.message.clone()))
                    .collect(),
            )
        })
        .collect()
}

/// The article's findings when every entity is checked again (its own findings not known to
/// be checked with this style).
fn checked_whole(ws: &Workspace, article: &IndexedArticle) -> Vec<Said> {
    let text = article.rope.to_string();
    let whole = IndexedArticle::new(
        article.path.clone(),
        article.rope.clone(),
        &text,
        article.analysis.clone(),
        article.open_version,
    );
    assert!(whole.variants_style.is_none());
    let (style, _) = ws.style();
    said(&names::folder_findings(
        &ws.folder_names(),
        &|p| ws.get(p),
        &whole,
        &style,
    ))
}

/// A 128 KB document and a few articles naming the same people with other spellings, French
/// and English, plain text and Markdown.
fn newsroom(ws: &Workspace) -> PathBuf {
    let doc = PathBuf::from("/newsroom/document.txt");
    ws.index_text(&doc, &corpus::document(11, None, 128 * 1024), None, None);
    for i in 0..6u64 {
        let lang = if i % 3 == 2 {
            corpus::Lang::En
        } else {
            corpus::Lang::Fr
        };
        let ext = if i == 4 { "md" } else { "txt" };
        let path = format!("/newsroom/article-{i}.{ext}");
        ws.index_text(
            Path::new(&path),
            &corpus::article(100 + i, lang, 6 * 1024),
            None,
            None,
        );
    }
    doc
}

fn assert_same_as_checked_whole(ws: &Workspace) {
    for article in ws.articles() {
        let fast = said(&ws.findings(&article));
        let whole = checked_whole(ws, &article);
        assert_eq!(fast.len(), whole.len(), "{}", article.path.display());
        for (a, b) in fast.iter().zip(&whole) {
            assert_eq!(a, b, "{}", article.path.display());
        }
    }
}

#[test]
fn only_the_entities_the_folder_changes_are_checked_again() {
    let ws = Workspace::default();
    let doc = newsroom(&ws);
    let article = ws.get(&doc).unwrap();
    let folder = ws.folder_names();
    let findings = ws.findings(&article);
    assert!(
        findings
            .iter()
            .any(|f| f.finding.code == Code::NameVariant && !f.elsewhere.is_empty()),
        "the document shares names with the articles"
    );
    let rechecked = folder.rechecks.entities.load(Ordering::Relaxed);
    assert_eq!(folder.rechecks.whole.load(Ordering::Relaxed), 0);
    assert!(rechecked > 0);
    assert!(
        rechecked * 2 < article.analysis.entities.len(),
        "{rechecked} of {} entities checked again",
        article.analysis.entities.len()
    );
}

#[test]
fn checking_only_what_the_folder_changes_says_the_same() {
    let ws = Workspace::default();
    newsroom(&ws);
    assert_same_as_checked_whole(&ws);
    // A house style that prefers spellings the articles use: names the folder sums and names
    // it does not.
    ws.load_style_text(
        Path::new("/newsroom/copydesk.toml"),
        Some(
            "[names]\n\"Evgueni Prigojine\" = [\"Yevgeny Prigozhin\"]\n\"Kadyrov\" = [\"Kadyrow\"]\n\n[severity]\nname-variant = \"info\"\n",
        ),
    );
    // Indexed before the style changed: checked whole.
    assert_same_as_checked_whole(&ws);
    newsroom(&ws);
    assert_same_as_checked_whole(&ws);
}

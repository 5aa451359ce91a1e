//! Fixture articles for mentions, linking and spelling variants (`tests/fixtures/names/`).
//!
//! Each fixture is an article followed by expectation lines starting with `#>`:
//!
//! ```text
//! #> lang fr                                   language of the article (default: detected)
//! #> style Kyiv = Kiev, Kyïv                   a house-style entry (preferred = variants)
//! #> ignore Wagner                             a house-style ignored name
//! #> person Evgueni Prigojine = Evgueni Prigojine | Prigozhin | M. Prigojine
//! #> place Kiev = Kiev | Kyiv                  an entity: kind, canonical name = its mentions
//! #> org OTAN = OTAN                           (each mention's whole span, title included)
//! #> role Dmitri Peskov = porte-parole du Kremlin
//! #> ambiguous Clinton                         a mention spelled so is marked ambiguous
//! #> variant Prigozhin -> Prigojine ×3         name-variant findings on that text, whose
//! #>                                           preferred fix writes that replacement
//! #> variants 5                                total number of name-variant findings
//! #> absent Cependant                          no mention spelled so
//! ```
//!
//! Every fixture is also checked for: spans on char boundaries, and after applying every
//! preferred fix, each person spelled one way.

use std::collections::HashMap;

use copydesk::analysis::{
    Analysis, AnalysisOptions, Code, EntityKind, HouseStyle, Language, Replacement, analyze,
};

struct Fixture {
    name: String,
    text: String,
    expects: Vec<String>,
    options: AnalysisOptions,
}

fn load(path: &std::path::Path) -> Fixture {
    let raw = std::fs::read_to_string(path).unwrap();
    let mut text = String::new();
    let mut expects = Vec::new();
    for line in raw.split_inclusive('\n') {
        match line.strip_prefix("#>") {
            Some(e) => expects.push(e.trim().to_string()),
            None => text.push_str(line),
        }
    }
    let mut options = AnalysisOptions::default();
    let mut style = HouseStyle::default();
    for e in &expects {
        if let Some(l) = e.strip_prefix("lang ") {
            options.language = Language::parse(l);
        } else if let Some(s) = e.strip_prefix("style ") {
            let (pref, vars) = s.split_once('=').unwrap();
            let vars = vars.split(',').map(|v| v.trim().to_string()).collect();
            style.names.push((pref.trim().to_string(), vars));
        } else if let Some(s) = e.strip_prefix("ignore ") {
            style.ignore_names.push(s.trim().to_string());
        }
    }
    options.style = style;
    Fixture {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        text,
        expects,
        options,
    }
}

fn kind(s: &str) -> Option<EntityKind> {
    match s {
        "person" => Some(EntityKind::Person),
        "place" => Some(EntityKind::Place),
        "org" => Some(EntityKind::Organisation),
        _ => None,
    }
}

fn apply(text: &str, edits: &[Replacement]) -> String {
    let mut edits: Vec<&Replacement> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    edits.dedup_by_key(|e| e.span.start);
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.clone(), &e.text);
    }
    out
}

fn describe(f: &Fixture, a: &Analysis) -> String {
    let t = &f.text;
    let mut s = String::new();
    for e in &a.entities {
        let ms: Vec<&str> = e
            .mentions
            .iter()
            .map(|&m| &t[a.mentions[m].span.clone()])
            .collect();
        s.push_str(&format!(
            "  {:?} {} = {} (role {:?})\n",
            e.kind,
            e.name,
            ms.join(" | "),
            e.role
        ));
    }
    for x in a.findings.iter().filter(|x| x.code == Code::NameVariant) {
        s.push_str(&format!("  ! {} : {}\n", &t[x.span.clone()], x.message));
    }
    s
}

fn check(f: &Fixture) -> Vec<String> {
    let a = analyze(&f.text, &f.options);
    let t = &f.text;
    let mut errors = Vec::new();
    for m in &a.mentions {
        for span in [&m.span, &m.name, &m.surname] {
            if t.get(span.clone()).is_none() {
                errors.push(format!("span {span:?} not on char boundaries"));
            }
        }
    }
    let variants: Vec<_> = a
        .findings
        .iter()
        .filter(|x| x.code == Code::NameVariant)
        .collect();
    for e in &f.expects {
        let (word, rest) = e.split_once(' ').unwrap_or((e.as_str(), ""));
        if let Some(k) = kind(word) {
            let (name, ms) = rest.split_once('=').unwrap();
            let (name, want): (&str, Vec<&str>) =
                (name.trim(), ms.split('|').map(str::trim).collect());
            match a.entities.iter().find(|x| x.name == name && x.kind == k) {
                None => errors.push(format!("no {word} entity named {name:?}")),
                Some(x) => {
                    let got: Vec<&str> = x
                        .mentions
                        .iter()
                        .map(|&m| &t[a.mentions[m].span.clone()])
                        .collect();
                    if got != want {
                        errors.push(format!("{name}: mentions {got:?}, expected {want:?}"));
                    }
                }
            }
        } else if word == "role" {
            let (name, role) = rest.split_once('=').unwrap();
            let got = a
                .entities
                .iter()
                .find(|x| x.name == name.trim())
                .and_then(|x| x.role.clone());
            if got.as_deref() != Some(role.trim()) {
                errors.push(format!(
                    "{}: role {got:?}, expected {:?}",
                    name.trim(),
                    role.trim()
                ));
            }
        } else if word == "ambiguous" {
            if !a
                .mentions
                .iter()
                .any(|m| &t[m.span.clone()] == rest && m.ambiguous)
            {
                errors.push(format!("no ambiguous mention {rest:?}"));
            }
        } else if word == "absent" {
            if a.mentions.iter().any(|m| &t[m.name.clone()] == rest) {
                errors.push(format!("unexpected mention {rest:?}"));
            }
        } else if word == "variants" {
            let n: usize = rest.parse().unwrap();
            if variants.len() != n {
                errors.push(format!(
                    "{} name-variant findings, expected {n}",
                    variants.len()
                ));
            }
        } else if word == "variant" {
            let (written, fix) = rest.split_once("->").unwrap();
            let (fix, count) = match fix.rsplit_once('×') {
                Some((f, n)) => (f.trim(), n.trim().parse::<usize>().unwrap()),
                None => (fix.trim(), 1),
            };
            let hits: Vec<_> = variants
                .iter()
                .filter(|x| &t[x.span.clone()] == written.trim())
                .collect();
            if hits.len() != count {
                errors.push(format!(
                    "{} variant findings on {:?}, expected {count}",
                    hits.len(),
                    written.trim()
                ));
            }
            for h in hits {
                let preferred = h.fixes.iter().find(|x| x.preferred);
                let got = preferred.map(|p| {
                    p.edits
                        .iter()
                        .map(|e| e.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                if got.as_deref() != Some(fix) {
                    errors.push(format!(
                        "fix on {:?}: {got:?}, expected {fix:?}",
                        written.trim()
                    ));
                }
                if !h
                    .fixes
                    .iter()
                    .any(|x| x.title.starts_with("Use ") && !x.preferred)
                {
                    errors.push(format!("no fix for every mention on {:?}", written.trim()));
                }
                if h.related.is_empty() && h.message.contains("also spelled") {
                    errors.push(format!("no related spelling on {:?}", written.trim()));
                }
            }
        }
    }
    // After every preferred fix, each person is spelled one way.
    let edits: Vec<Replacement> = variants
        .iter()
        .flat_map(|x| {
            x.fixes
                .iter()
                .filter(|f| f.preferred)
                .flat_map(|f| f.edits.iter().cloned())
        })
        .collect();
    if !edits.is_empty() {
        let fixed = apply(t, &edits);
        let b = analyze(&fixed, &f.options);
        let left = b
            .findings
            .iter()
            .filter(|x| x.code == Code::NameVariant)
            .count();
        if left != 0 {
            errors.push(format!(
                "{left} name-variant findings remain after the fixes"
            ));
        }
        let mut people: HashMap<String, usize> = HashMap::new();
        for e in &a.entities {
            *people.entry(e.name.clone()).or_default() += 1;
        }
        for e in b.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let spellings: std::collections::HashSet<&str> = e
                .mentions
                .iter()
                .map(|&m| &fixed[b.mentions[m].surname.clone()])
                .collect();
            if spellings.len() > 1 {
                errors.push(format!(
                    "{} still spelled {spellings:?} after the fixes",
                    e.name
                ));
            }
        }
    }
    if !errors.is_empty() {
        errors.push(format!("got:\n{}", describe(f, &a)));
    }
    errors
}

#[test]
fn name_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/names");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "fixtures missing in {dir:?}");
    let mut failed = Vec::new();
    for p in &paths {
        let f = load(p);
        let errors = check(&f);
        if !errors.is_empty() {
            failed.push(format!("{}:\n{}", f.name, errors.join("\n")));
        }
    }
    assert!(failed.is_empty(), "\n{}", failed.join("\n\n"));
}

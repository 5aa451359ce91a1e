//! Quote and attribution fixtures: articles with the expected speaker of every quote written
//! beside the text.
//!
//! Format of `tests/fixtures/quotes/**/*.txt`: the article, one paragraph a line; after a
//! paragraph, one `#>` line per top-level quote of that paragraph, in order:
//!
//! ```text
//! #> speaker: Antony Blinken (incise)   attributed to a named speaker (method optional)
//! #> unnamed: un responsable américain  attributed to a role or institution
//! #> unattributed: no-cue               flagged (no-cue | impersonal | broken)
//! #> partial                            a partial quote, not flagged (optionally `partial: X`)
//! #> scare                              a scare quote, not flagged
//! #> title                              a title or name, never speech
//! #> finding: misused-quote-mark        a finding in this paragraph (not a quote)
//! ```
//!
//! Methods: incise, cue, that, source, participle, pronoun, continuation, context.
//! Speakers compare by surname after dropping titles (`M.`, `Lord`, `Mrs`); unnamed sources
//! compare by their whole words. The tuned set (`tests/fixtures/quotes/*.txt`) must match
//! exactly; the held-out set (`heldout/`) reports its figures and must stay above a floor;
//! `blind2/` and `blind3/` were tuned on and keep regression guards.

use std::fmt::Write as _;
use std::path::Path;

use copydesk::analysis::{
    Analysis, AnalysisOptions, AttributionMethod, Code, Language, MissingReason, QuoteKind, analyze,
};

/// The attribution methods a fixture may name after a speaker.
const METHODS: [&str; 8] = [
    "incise",
    "cue",
    "that",
    "source",
    "participle",
    "pronoun",
    "continuation",
    "context",
];

#[derive(Debug)]
enum Expect {
    Speaker {
        name: String,
        method: Option<String>,
    },
    Unnamed {
        words: String,
        method: Option<String>,
    },
    Unattributed(String),
    Partial(Option<String>),
    Scare,
    Title,
}

struct Fixture {
    text: String,
    /// Per paragraph (in order): expected quotes and findings.
    expects: Vec<(Vec<Expect>, Vec<String>)>,
    /// The fixture line of each paragraph, for messages.
    lines: Vec<usize>,
}

fn parse(src: &str) -> Fixture {
    let mut text = String::new();
    let mut expects: Vec<(Vec<Expect>, Vec<String>)> = Vec::new();
    let mut lines = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if let Some(e) = line.strip_prefix("#>") {
            let e = e.trim();
            let (head, rest) = e
                .split_once(':')
                .map_or((e, ""), |(a, b)| (a.trim(), b.trim()));
            let (words, method) = match rest.rsplit_once('(') {
                // (A method is one of the known words: `(FEA)` is part of the source's words.)
                Some((w, m))
                    if m.ends_with(')') && METHODS.contains(&m.trim_end_matches(')').trim()) =>
                {
                    (
                        w.trim().to_owned(),
                        Some(m.trim_end_matches(')').trim().to_owned()),
                    )
                }
                _ => (rest.to_owned(), None),
            };
            let last = expects
                .last_mut()
                .expect("expectation before any paragraph");
            match head {
                "speaker" => last.0.push(Expect::Speaker {
                    name: words,
                    method,
                }),
                "unnamed" => last.0.push(Expect::Unnamed { words, method }),
                "unattributed" => last.0.push(Expect::Unattributed(words)),
                "partial" => last
                    .0
                    .push(Expect::Partial((!words.is_empty()).then_some(words))),
                "scare" => last.0.push(Expect::Scare),
                "title" => last.0.push(Expect::Title),
                "finding" => last.1.push(words),
                other => panic!("line {}: unknown expectation `{other}`", n + 1),
            }
            continue;
        }
        if line.starts_with("##") {
            // A comment for the reader of the fixture.
            continue;
        }
        text.push_str(line);
        text.push('\n');
        if !line.trim().is_empty() {
            expects.push((Vec::new(), Vec::new()));
            lines.push(n + 1);
        }
    }
    Fixture {
        text,
        expects,
        lines,
    }
}

const TITLES: &[&str] = &[
    "m.",
    "m",
    "mme",
    "mlle",
    "lord",
    "lady",
    "sir",
    "dame",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "president",
    "secretary",
    "senator",
    "general",
    "gen.",
    "pr",
];

fn fold(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

/// Whether two descriptions of an unnamed source name the same source: the same words, or
/// one of them the other followed by more description (`un diplomate occidental` and `un
/// diplomate occidental impliqué dans la médiation`: annotators differ on where the
/// description stops).
fn same_source(found: &str, expected: &str) -> bool {
    let (a, b) = (fold(found.trim()), fold(expected.trim()));
    let longer_of =
        |x: &str, y: &str| x.len() > y.len() && x.starts_with(y) && x[y.len()..].starts_with(' ');
    a == b || longer_of(&a, &b) || longer_of(&b, &a)
}

/// Whether a speaker found and the one expected are the same person: the same surname, and,
/// when both give a first name, first names with the same initial (`Antoine`/`Antony`
/// Blinken are one man; `Grace` and `Jalen` Okoro are mother and son).
fn same_person(found: &str, expected: &str) -> bool {
    // (Only names of as many words are compared by their first name: `Officer Daniel X` or
    // `AFP Julio X` carry a word before the first name.)
    let given = |s: &str| -> (usize, Option<char>) {
        let f = fold(s);
        let words: Vec<&str> = f
            .split_whitespace()
            .filter(|w| !TITLES.contains(w))
            .collect();
        (
            words.len(),
            (words.len() >= 2)
                .then(|| words[0].chars().next())
                .flatten(),
        )
    };
    surname(found) == surname(expected)
        && match (given(found), given(expected)) {
            ((n, Some(a)), (m, Some(b))) if n == m => a == b,
            _ => true,
        }
}

fn surname(s: &str) -> String {
    let f = fold(s);
    let words: Vec<&str> = f
        .split_whitespace()
        .filter(|w| !TITLES.contains(w))
        .collect();
    words.last().copied().unwrap_or("").to_owned()
}

fn method_name(m: &AttributionMethod) -> &'static str {
    match m {
        AttributionMethod::Incise => "incise",
        AttributionMethod::CueBefore => "cue",
        AttributionMethod::CueThat => "that",
        AttributionMethod::SourcePhrase => "source",
        AttributionMethod::Participle => "participle",
        AttributionMethod::Pronoun { .. } => "pronoun",
        AttributionMethod::Continuation { .. } => "continuation",
        AttributionMethod::Context
        | AttributionMethod::Echo { .. }
        | AttributionMethod::Exchange => "context",
    }
}

#[derive(Default, Debug)]
struct Score {
    quotes: usize,
    /// Quotes with an expected speaker (named or not).
    attributed: usize,
    /// The right speaker found the way the fixture says (`(incise)`, `(pronoun)` …).
    speaker_ok: usize,
    /// The right speaker, however found: the measure of issue 3's quality bar.
    right_speaker: usize,
    /// Expected attributed or not speech, but flagged.
    false_unattributed: usize,
    not_flag_expected: usize,
    expected_flags: usize,
    flags: usize,
    true_flags: usize,
    mismatches: Vec<String>,
}

fn speaker_text(a: &Analysis, text: &str, qi: usize) -> Option<(String, bool, String)> {
    let q = &a.quotes[qi];
    let at = q.attribution.as_ref()?;
    // A named speaker compares by the entity's name; an unnamed source by its words.
    let words = at
        .entity
        .filter(|_| at.named)
        .and_then(|e| a.entities.get(e))
        .map(|e| e.name.clone())
        .unwrap_or_else(|| text[at.speaker.clone()].to_owned());
    Some((words, at.named, method_name(&at.method).to_owned()))
}

fn check(path: &Path, score: &mut Score, report: &mut String) {
    let src = std::fs::read_to_string(path).unwrap();
    let fx = parse(&src);
    let a = analyze(&fx.text, &AnalysisOptions::default());
    let text = &fx.text;
    assert_eq!(
        a.paragraphs.len(),
        fx.expects.len(),
        "{}: paragraph count",
        path.display()
    );
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    for (pi, (exp, fexp)) in fx.expects.iter().enumerate() {
        let line = fx.lines[pi];
        let qs: Vec<usize> = (0..a.quotes.len())
            .filter(|&i| a.quotes[i].paragraph == pi && a.quotes[i].nested_in.is_none())
            .collect();
        let mut miss = |m: String| score.mismatches.push(format!("{name}:{line}: {m}"));
        if qs.len() != exp.len() {
            let found: Vec<&str> = qs.iter().map(|&i| &text[a.quotes[i].span()]).collect();
            miss(format!(
                "expected {} quotes, found {}: {:?}",
                exp.len(),
                qs.len(),
                found
            ));
        }
        let para = &a.paragraphs[pi].span;
        let in_para = |s: &std::ops::Range<usize>| para.start <= s.start && s.start <= para.end;
        for code in fexp {
            let ok = a
                .findings
                .iter()
                .any(|f| f.code.as_str() == code && in_para(&f.span));
            if !ok {
                miss(format!("expected finding {code}"));
            }
        }
        for f in &a.findings {
            if matches!(f.code, Code::UnbalancedQuote | Code::MisusedQuoteMark)
                && in_para(&f.span)
                && !fexp.iter().any(|c| c == f.code.as_str())
            {
                miss(format!("unexpected {}: {}", f.code, f.message));
            }
        }
        for (k, &qi) in qs.iter().enumerate() {
            let Some(e) = exp.get(k) else { break };
            let q = &a.quotes[qi];
            let qtext: String = text[q.span()].chars().take(50).collect();
            let flagged = a
                .findings
                .iter()
                .any(|f| f.code == Code::UnattributedQuote && f.span.start == q.open.start);
            let found = speaker_text(&a, text, qi);
            score.quotes += 1;
            if flagged {
                score.flags += 1;
            }
            let describe = || match &found {
                Some((w, named, m)) => {
                    format!("{} {w:?} ({m})", if *named { "speaker" } else { "unnamed" })
                }
                None => format!(
                    "no speaker ({:?}, {:?}, flagged: {flagged})",
                    q.kind, q.missing
                ),
            };
            match e {
                Expect::Speaker { name, method }
                | Expect::Unnamed {
                    words: name,
                    method,
                } => {
                    let want_named = matches!(e, Expect::Speaker { .. });
                    score.attributed += 1;
                    score.not_flag_expected += 1;
                    if flagged {
                        score.false_unattributed += 1;
                    }
                    let who_ok = |w: &String, named: bool| {
                        let same = if want_named {
                            same_person(w, name)
                        } else {
                            same_source(w, name)
                        };
                        same && named == want_named
                    };
                    if !flagged
                        && found
                            .as_ref()
                            .is_some_and(|(w, named, _)| who_ok(w, *named))
                    {
                        score.right_speaker += 1;
                    }
                    let ok = found.as_ref().is_some_and(|(w, named, m)| {
                        who_ok(w, *named) && method.as_ref().is_none_or(|want| want == m)
                    });
                    if ok && !flagged {
                        score.speaker_ok += 1;
                    } else {
                        miss(format!(
                            "{qtext:?}: expected {} {name:?}{}, got {}",
                            if want_named { "speaker" } else { "unnamed" },
                            method
                                .as_ref()
                                .map(|m| format!(" ({m})"))
                                .unwrap_or_default(),
                            describe()
                        ));
                    }
                }
                Expect::Unattributed(reason) => {
                    score.expected_flags += 1;
                    let want = match reason.as_str() {
                        "no-cue" => Some(MissingReason::NoCue),
                        "impersonal" => Some(MissingReason::Impersonal),
                        "broken" => Some(MissingReason::BrokenContinuation),
                        _ => None,
                    };
                    if flagged {
                        score.true_flags += 1;
                    }
                    if !flagged || (want.is_some() && q.missing != want) {
                        miss(format!(
                            "{qtext:?}: expected unattributed ({reason}), got {} {:?}",
                            describe(),
                            q.missing
                        ));
                    }
                }
                Expect::Partial(who) => {
                    score.not_flag_expected += 1;
                    if flagged {
                        score.false_unattributed += 1;
                    }
                    let kind_ok = matches!(
                        q.kind,
                        QuoteKind::Partial | QuoteKind::Scare | QuoteKind::Speech
                    );
                    let who_ok = who.as_ref().is_none_or(|w| {
                        found
                            .as_ref()
                            .is_some_and(|(f, _, _)| same_person(f, w) || fold(f) == fold(w))
                    });
                    if who.is_some() {
                        score.attributed += 1;
                        if who_ok && !flagged {
                            score.speaker_ok += 1;
                            score.right_speaker += 1;
                        }
                    }
                    if flagged || !kind_ok || !who_ok {
                        miss(format!(
                            "{qtext:?}: expected partial {who:?}, got {:?} {}",
                            q.kind,
                            describe()
                        ));
                    }
                }
                Expect::Scare | Expect::Title => {
                    score.not_flag_expected += 1;
                    if flagged {
                        score.false_unattributed += 1;
                    }
                    let want = if matches!(e, Expect::Title) {
                        QuoteKind::Title
                    } else {
                        QuoteKind::Scare
                    };
                    let kind_ok = q.kind == want
                        || (want == QuoteKind::Scare && q.kind == QuoteKind::Partial);
                    if flagged || !kind_ok {
                        miss(format!(
                            "{qtext:?}: expected {want:?}, got {:?} {}",
                            q.kind,
                            describe()
                        ));
                    }
                }
            }
        }
    }
    let _ = writeln!(
        report,
        "{name}: {} quotes",
        fx.expects.iter().map(|e| e.0.len()).sum::<usize>()
    );
}

fn run_dir(dir: &Path, lang: Option<&str>) -> (Score, String) {
    let mut score = Score::default();
    let mut report = String::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| lang.is_none_or(|l| p.to_string_lossy().contains(&format!(".{l}."))))
        .collect();
    files.sort();
    for f in files {
        check(&f, &mut score, &mut report);
    }
    (score, report)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn summary(label: &str, s: &Score) -> String {
    format!(
        "{label}: {} quotes; speaker accuracy {:.1}% ({}/{}); right speaker, any method {:.1}% ({}/{}); false unattributed {:.1}% ({}/{}); unattributed precision {:.1}% ({}/{}), recall {:.1}% ({}/{})",
        s.quotes,
        pct(s.speaker_ok, s.attributed),
        s.speaker_ok,
        s.attributed,
        pct(s.right_speaker, s.attributed),
        s.right_speaker,
        s.attributed,
        pct(s.false_unattributed, s.not_flag_expected),
        s.false_unattributed,
        s.not_flag_expected,
        pct(s.true_flags, s.flags),
        s.true_flags,
        s.flags,
        pct(s.true_flags, s.expected_flags),
        s.true_flags,
        s.expected_flags,
    )
}

/// Regression guards for blind2, a little under the figures reached after tuning on it (100 %
/// correct speakers and 0 % false alarms in both languages; before tuning: FR 68.5 % / 3.6 %,
/// EN 81.8 % / 6.9 %).
const BLIND_SPEAKER_FLOOR: f64 = 97.0;
/// `blind/` was seen (as failure categories) while tuning. `blind2/` was blind until issue 3
/// and is now a **tuning set**: its failure classes were studied and fixed by general rules, so
/// its figures no longer estimate accuracy on unseen copy; it stays as a regression guard.
/// The honest measure is the next never-seen set.
const BLIND_SET: &str = "blind2";
const BLIND_FALSE_ALARM_CEILING: f64 = 1.0;

/// `blind3/` was the never-seen set until issue 3's second round, then **tuned on**: its
/// mismatches were grouped into failure classes and the commonest fixed by general rules, each
/// with fixtures of its own (`11-*`): epithets for a person named before (`la Clermontoise`,
/// `le prévenu`, `le septuagénaire`, `the Argentinian`), the context rule gated on speech or
/// the first person, inscriptions after spatial openings, impersonal `il y est … que`,
/// participles ending a speaker description, post-nominal honours (`KC`), title-case names
/// with the sentence's comma, long introductory phrases before a subject. Its figures no longer estimate accuracy on unseen copy. Guards
/// a little under the figures reached (FR 71.9 % correct speakers / 3.7 % false alarms, EN
/// 89.7 % / 1.8 %, 80.8 % / 2.7 % overall, unattributed recall 80.8 %; before: FR 65.6 % /
/// 4.6 %, EN 80.4 % / 3.6 %, recall 69.2 %).
const BLIND3_SET: &str = "blind3";
const BLIND3_SPEAKER_FLOOR: f64 = 88.0;
const BLIND3_FALSE_ALARM_CEILING: f64 = 2.0;

/// The never-seen set and its regression guards (see `unseen_fixtures_report_their_figures`).
const UNSEEN_SET: &str = "blind9";
const UNSEEN_SPEAKER_FLOOR: f64 = 54.0;
const UNSEEN_FALSE_ALARM_CEILING: f64 = 6.5;

/// `blind8`, the never-seen set of the previous stop (first measured FR 61.7 % correct
/// speakers / 10.4 % false alarms, EN 79.2 % / 7.1 %, on the code of 0ad998a; 71.7 % / 7.9 %
/// overall when it was handed to tuning; 84.9 % / 2.3 % after this stop's tuning), tuned on
/// since `blind9` replaced it: a regression guard that prints its mismatches.
const BLIND8_SET: &str = "blind8";
const BLIND8_SPEAKER_FLOOR: f64 = 83.0;
const BLIND8_FALSE_ALARM_CEILING: f64 = 3.0;

/// `blind7`, the never-seen set of the stop before that (first measured FR 61.4 % correct
/// speakers / 10.3 % false alarms, EN 78.3 % / 10.4 %, on the code of 9eedc9b; 70.9 % / 9.7 %
/// overall when it was handed to tuning), tuned on since `blind8` replaced it: a regression
/// guard that prints its mismatches.
const BLIND7_SET: &str = "blind7";
const BLIND7_SPEAKER_FLOOR: f64 = 84.0;
const BLIND7_FALSE_ALARM_CEILING: f64 = 2.5;

/// `blind6`, the never-seen set of the previous stop (first measured FR 72.7 % correct
/// speakers / 8.3 % false alarms, EN 88.2 % / 1.3 %, on the code of 3065fd5; FR 75.2 % /
/// 6.9 %, EN 89.8 % / 1.3 % when it was handed to tuning; 89.1 % / 1.0 % overall after), tuned
/// on since `blind7` replaced it: a regression guard that prints its mismatches.
const BLIND6_SET: &str = "blind6";
const BLIND6_SPEAKER_FLOOR: f64 = 90.0;
const BLIND6_FALSE_ALARM_CEILING: f64 = 1.5;

/// `blind5`, the never-seen set of the stop before (first measured FR 61.2 % correct
/// speakers / 13.9 % false alarms, EN 83.5 % / 4.4 %), handed to tuning once `blind6` replaced
/// it: a regression guard that prints its mismatches.
const BLIND5_SET: &str = "blind5";
const BLIND5_SPEAKER_FLOOR: f64 = 85.0;
const BLIND5_FALSE_ALARM_CEILING: f64 = 3.0;

/// `blind4`, the never-seen set of the stop before (first measured FR 64.6 % correct
/// speakers / 6.7 % false alarms, EN 84.8 % / 1.1 %), tuned on since: a regression guard that
/// prints its mismatches.
const BLIND4_SET: &str = "blind4";
const BLIND4_SPEAKER_FLOOR: f64 = 86.0;
const BLIND4_FALSE_ALARM_CEILING: f64 = 2.5;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quotes")
}

#[test]
fn tuned_fixtures_match_exactly() {
    for lang in ["fr", "en"] {
        let (score, _) = run_dir(&fixtures(), Some(lang));
        eprintln!("{}", summary(&format!("tuned {lang}"), &score));
        assert!(
            score.mismatches.is_empty(),
            "{lang}: {} mismatches:\n{}",
            score.mismatches.len(),
            score.mismatches.join("\n")
        );
        assert!(
            score.quotes >= 40,
            "{lang}: at least 40 quotes, found {}",
            score.quotes
        );
    }
}

#[test]
fn heldout_fixtures_stay_above_the_floor() {
    let (score, _) = run_dir(&fixtures().join("heldout"), None);
    eprintln!("{}", summary("held-out", &score));
    for m in &score.mismatches {
        eprintln!("  held-out mismatch: {m}");
    }
    assert!(
        score.quotes >= 30,
        "held-out set too small: {}",
        score.quotes
    );
    assert!(
        pct(score.speaker_ok, score.attributed) >= 90.0,
        "{}",
        summary("held-out", &score)
    );
    assert!(
        pct(score.false_unattributed, score.not_flag_expected) <= 2.0,
        "{}",
        summary("held-out", &score)
    );
}

/// Prints what copydesk reads in the shared sample articles, when they are beside the repo
/// (`cargo test --test quote_fixtures samples -- --nocapture`).
#[test]
fn samples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let a = analyze(
            &text,
            &AnalysisOptions {
                language: Some(Language::French),
                ..Default::default()
            },
        );
        println!("== {}", e.path().display());
        for (i, q) in a.quotes.iter().enumerate() {
            let content: String = text[q.span()].chars().take(60).collect();
            println!(
                "  [{i}] p{} {:?} {:?} → {:?} missing {:?}",
                q.paragraph,
                q.kind,
                content,
                speaker_text(&a, &text, i),
                q.missing
            );
        }
        for f in &a.findings {
            let s: String = text[f.span.clone()].chars().take(30).collect();
            println!("  {} {:?}: {}", f.code, s, f.message);
        }
    }
}

/// `QFILES=07-,08- cargo test --test quote_fixtures report_files -- --nocapture`: the figures
/// and mismatches of the tuned fixtures whose names start with one of the given prefixes.
#[test]
fn report_files() {
    let Ok(prefixes) = std::env::var("QFILES") else {
        return;
    };
    for lang in ["fr", "en"] {
        let mut score = Score::default();
        let mut report = String::new();
        let mut files: Vec<_> = std::fs::read_dir(fixtures())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(&format!(".{lang}.txt")))
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                prefixes.split(',').any(|x| n.starts_with(x))
            })
            .collect();
        files.sort();
        for f in files {
            check(&f, &mut score, &mut report);
        }
        eprintln!("{}", summary(&format!("{prefixes} {lang}"), &score));
        for m in &score.mismatches {
            eprintln!("  mismatch: {m}");
        }
    }
}

#[test]
fn debug_one() {
    let Ok(t) = std::env::var("QDEBUG") else {
        return;
    };
    let a = analyze(&t, &AnalysisOptions::default());
    for (i, q) in a.quotes.iter().enumerate() {
        eprintln!(
            "{i} {:?} {:?} {:?} {:?}",
            q.kind,
            &t[q.span()],
            speaker_text(&a, &t, i),
            q.missing
        );
    }
    if std::env::var("QMENTIONS").is_ok() {
        for m in &a.mentions {
            eprintln!(
                "  mention {:?} {:?} {:?} role {:?}",
                &t[m.span.clone()],
                m.kind,
                m.gender,
                m.role
            );
        }
    }
}

/// `QBENCH=file cargo test --test quote_fixtures bench -- --nocapture`: analysis speed on a
/// file repeated to about 1 MB.
#[test]
fn bench() {
    let Ok(path) = std::env::var("QBENCH") else {
        return;
    };
    let one = std::fs::read_to_string(path).unwrap();
    let text = one.repeat(1_000_000 / one.len().max(1) + 1);
    use copydesk::analysis::{quotes, segment};
    let t = std::time::Instant::now();
    let p = segment::paragraphs(&text, false);
    eprintln!("paragraphs {:?}", t.elapsed());
    let t = std::time::Instant::now();
    for para in &p {
        let _ = segment::sentences(&text, para.span.clone());
    }
    eprintln!("sentences {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = quotes::find_quotes(&text, &p, Language::French, &mut Vec::new());
    eprintln!("quotes {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = copydesk::analysis::lang::detect(&text);
    eprintln!("lang {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let a = analyze(&text, &AnalysisOptions::default());
    let dt = t.elapsed();
    eprintln!(
        "{} bytes, {} quotes in {dt:?}: {:.1} MB/s",
        text.len(),
        a.quotes.len(),
        text.len() as f64 / dt.as_secs_f64() / 1e6
    );
}

/// Scores both languages of a fixture set; prints the figures (and the mismatches when
/// `show_mismatches`) and returns the total.
fn score_set(set: &str, show_mismatches: bool) -> Score {
    let mut all = Score::default();
    for lang in ["fr", "en"] {
        let (score, _) = run_dir(&fixtures().join(set), Some(lang));
        eprintln!("{}", summary(&format!("{set} {lang}"), &score));
        if show_mismatches {
            for m in &score.mismatches {
                eprintln!("  {set} mismatch: {m}");
            }
        } else {
            eprintln!(
                "  {set} {lang}: {} mismatches (not shown)",
                score.mismatches.len()
            );
            // `QUOTE_CLASSES=1`: how many mismatches of each kind, with no text of the set.
            if std::env::var_os("QUOTE_CLASSES").is_some() {
                let mut classes: std::collections::BTreeMap<String, usize> = Default::default();
                for m in &score.mismatches {
                    *classes.entry(mismatch_class(m)).or_default() += 1;
                }
                for (class, n) in classes {
                    eprintln!("    {n:3} {class}");
                }
            }
        }
        all.quotes += score.quotes;
        all.attributed += score.attributed;
        all.speaker_ok += score.speaker_ok;
        all.right_speaker += score.right_speaker;
        all.false_unattributed += score.false_unattributed;
        all.not_flag_expected += score.not_flag_expected;
        all.expected_flags += score.expected_flags;
        all.flags += score.flags;
        all.true_flags += score.true_flags;
    }
    all
}

/// The kind of a mismatch without any words of the article: its quoted strings and its
/// location dropped (`expected speaker, got unnamed (incise)`).
fn mismatch_class(m: &str) -> String {
    let body = m.splitn(3, ": ").nth(2).unwrap_or(m);
    let mut out = String::new();
    let mut in_quotes = false;
    let mut escaped = false;
    for c in body.chars() {
        match c {
            '\\' if in_quotes => escaped = !escaped,
            '"' if !escaped => in_quotes = !in_quotes,
            _ if !in_quotes => out.push(c),
            _ => escaped = false,
        }
    }
    out.replace("Some()", "Some")
        .replace(" ,", ",")
        .replace("  ", " ")
}

/// Scores a set and holds it to its guards: at least `min_quotes` quotes, a floor of correct
/// speakers and a ceiling of false alarms (percentages).
fn guard_set(set: &str, show_mismatches: bool, min_quotes: usize, floor: f64, ceiling: f64) {
    let all = score_set(set, show_mismatches);
    eprintln!("{}", summary(set, &all));
    assert!(all.quotes >= min_quotes, "{set} too small: {}", all.quotes);
    assert!(
        pct(all.speaker_ok, all.attributed) >= floor,
        "{}",
        summary(set, &all)
    );
    assert!(
        pct(all.false_unattributed, all.not_flag_expected) <= ceiling,
        "{}",
        summary(set, &all)
    );
}

/// The former blind set (`BLIND_SET`), written by someone who never saw the code and now
/// tuned on: a regression guard, no longer an estimate of accuracy on unseen copy.
#[test]
fn blind_fixtures_report_their_figures() {
    guard_set(
        BLIND_SET,
        true,
        150,
        BLIND_SPEAKER_FLOOR,
        BLIND_FALSE_ALARM_CEILING,
    );
}

/// `blind3`, tuned on in issue 3's second round (`BLIND3_SET`): a regression guard that prints
/// its mismatches, no longer an estimate of accuracy on unseen copy.
#[test]
fn blind3_fixtures_report_their_figures() {
    guard_set(
        BLIND3_SET,
        true,
        200,
        BLIND3_SPEAKER_FLOOR,
        BLIND3_FALSE_ALARM_CEILING,
    );
}

/// `blind4`, tuned on from this stop (`BLIND4_SET`): a regression guard that prints its
/// mismatches.
#[test]
fn blind4_fixtures_report_their_figures() {
    guard_set(
        BLIND4_SET,
        true,
        200,
        BLIND4_SPEAKER_FLOOR,
        BLIND4_FALSE_ALARM_CEILING,
    );
}

/// `blind5`, tuned on from this stop (`BLIND5_SET`): a regression guard that prints its
/// mismatches.
#[test]
fn blind5_fixtures_report_their_figures() {
    guard_set(
        BLIND5_SET,
        true,
        220,
        BLIND5_SPEAKER_FLOOR,
        BLIND5_FALSE_ALARM_CEILING,
    );
}

/// `blind6`, tuned on from this stop (`BLIND6_SET`): a regression guard that prints its
/// mismatches.
#[test]
fn blind6_fixtures_report_their_figures() {
    guard_set(
        BLIND6_SET,
        true,
        300,
        BLIND6_SPEAKER_FLOOR,
        BLIND6_FALSE_ALARM_CEILING,
    );
}

/// `blind8`, tuned on from this stop (`BLIND8_SET`): a regression guard that prints its
/// mismatches.
#[test]
fn blind8_fixtures_report_their_figures() {
    guard_set(
        BLIND8_SET,
        true,
        400,
        BLIND8_SPEAKER_FLOOR,
        BLIND8_FALSE_ALARM_CEILING,
    );
}

/// `blind7`, tuned on from an earlier stop (`BLIND7_SET`): a regression guard that prints its
/// mismatches.
#[test]
fn blind7_fixtures_report_their_figures() {
    guard_set(
        BLIND7_SET,
        true,
        350,
        BLIND7_SPEAKER_FLOOR,
        BLIND7_FALSE_ALARM_CEILING,
    );
}

/// The never-seen set (`UNSEEN_SET` = `blind9/`): 16 articles (546 quotes, 8 French and 8
/// English) written by someone who never saw the code or any fixture, after blind8 was handed
/// to tuning, and never tuned on. Its figures are the honest estimate of accuracy on unseen
/// copy. Genres new to the sets: a strike-day live page, an assize trial, a minister's
/// profile, a Top 14 report, a wildfire, a foundry takeover, an album release, a Mongolian
/// election; an election-night live page in ‘ ’, a Senate hearing in straight quotes with
/// Q&A, a founder's profile, a Premier League report, a hurricane, a merger with layoffs, an
/// album feature, a coup. Its annotator gave a second quote of the same paragraph the method
/// of the first (`incise`, where copydesk says `continuation`), so the figure of the right
/// speaker found any way is printed beside the strict one. First measured (code of 0c729bb,
/// strict): FR 52.6 % correct speakers, 10.0 % false alarms; EN 50.2 %, 2.8 %; after the
/// stop that wrote it (same scorer): FR 57.2 % / 8.0 %, EN 51.7 % / 2.8 %. Its mismatches
/// are not printed, so that whoever tunes next is not led to them; when it is tuned on, a new
/// never-seen set must replace it. The guards sit a little under today's figures.
#[test]
fn unseen_fixtures_report_their_figures() {
    guard_set(
        UNSEEN_SET,
        false,
        500,
        UNSEEN_SPEAKER_FLOOR,
        UNSEEN_FALSE_ALARM_CEILING,
    );
}

/// Issue 5, point 5: a paragraph in the other language than the article is recorded as such
/// and its attribution cues are read with its own lexicon; a quote in the other language
/// inside a sentence of the article's language keeps the article's cues.
#[test]
fn paragraphs_in_the_other_language() {
    let text = "The French president arrived in Brussels on Thursday for a summit that diplomats said could last into the weekend.\n\
        « Nous ne laisserons pas tomber nos agriculteurs, ni aujourd’hui ni demain », a déclaré Marc Fesneau à la presse française.\n\
        “Nous ne céderons pas, et nous le disons à tous nos partenaires dans cette négociation,” said Mr. Macron, switching to French for the cameras.\n\
        The summit is due to end on Friday evening, but several diplomats said it was likely to run on into the weekend.\n";
    let a = analyze(text, &AnalysisOptions::default());
    assert_eq!(a.language, Language::English);
    let langs: Vec<_> = a.paragraphs.iter().map(|p| p.language).collect();
    assert_eq!(
        langs,
        vec![None, Some(Language::French), Some(Language::French), None]
    );
    let speakers: Vec<_> = (0..a.quotes.len())
        .map(|i| speaker_text(&a, text, i).map(|(w, _, m)| (surname(&w), m)))
        .collect();
    assert_eq!(
        speakers,
        vec![
            Some(("fesneau".to_owned(), "incise".to_owned())),
            Some(("macron".to_owned(), "incise".to_owned())),
        ]
    );

    let text = "Le sommet s’est ouvert jeudi dans une ambiance tendue, selon plusieurs diplomates présents sur place.\n\
        Les discussions doivent porter sur le budget de la politique agricole commune, qui fait l’objet de manifestations dans toute l’Europe depuis des mois.\n\
        “We are not going to give in to this kind of pressure, and we have told them so,” said Mark Rutte as he left the meeting.\n\
        « Nous ne signerons pas », a déclaré Emmanuel Macron à son arrivée.\n";
    let a = analyze(text, &AnalysisOptions::default());
    assert_eq!(a.language, Language::French);
    assert_eq!(a.paragraphs[2].language, Some(Language::English));
    assert_eq!(a.paragraphs[3].language, None);
    let who = speaker_text(&a, text, 0).map(|(w, _, m)| (surname(&w), m));
    assert_eq!(who, Some(("rutte".to_owned(), "incise".to_owned())));
}

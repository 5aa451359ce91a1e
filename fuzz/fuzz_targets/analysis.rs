//! Arbitrary text through `copydesk::analysis::analyze`, as plain text and as Markdown, with
//! the language detected or forced. Besides "no panic", checks the analysis invariants: every
//! span lies inside the text, on `char` boundaries, start ≤ end; every index points into its
//! vector; fixes apply cleanly.

#![no_main]

use copydesk::analysis::{Analysis, AnalysisOptions, Language, Span, analyze};
use libfuzzer_sys::fuzz_target;

fn check_span(text: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

fn check(text: &str, a: &Analysis) {
    for (i, p) in a.paragraphs.iter().enumerate() {
        check_span(text, &p.span, &format!("paragraph {i}"));
    }
    for (i, q) in a.quotes.iter().enumerate() {
        check_span(text, &q.open, &format!("quote {i} open"));
        if let Some(close) = &q.close {
            check_span(text, close, &format!("quote {i} close"));
            assert!(q.open.end <= close.start, "quote {i}: close before open");
        }
        assert!(
            q.paragraph < a.paragraphs.len(),
            "quote {i}: paragraph index"
        );
        if let Some(n) = q.nested_in {
            assert!(n < a.quotes.len(), "quote {i}: nested_in index");
        }
        if let Some(c) = q.continues {
            assert!(c < a.quotes.len(), "quote {i}: continues index");
        }
        if let Some(at) = &q.attribution {
            check_span(text, &at.speaker, &format!("quote {i} speaker"));
            if let Some(cue) = &at.cue {
                check_span(text, cue, &format!("quote {i} cue"));
            }
            if let Some(m) = at.mention {
                assert!(m < a.mentions.len(), "quote {i}: mention index");
            }
            if let Some(e) = at.entity {
                assert!(e < a.entities.len(), "quote {i}: entity index");
            }
        }
    }
    for (i, m) in a.mentions.iter().enumerate() {
        check_span(text, &m.span, &format!("mention {i}"));
        check_span(text, &m.name, &format!("mention {i} name"));
        check_span(text, &m.surname, &format!("mention {i} surname"));
        if let Some(f) = &m.first_name {
            check_span(text, f, &format!("mention {i} first name"));
        }
        assert!(m.entity < a.entities.len(), "mention {i}: entity index");
    }
    for (i, e) in a.entities.iter().enumerate() {
        assert!(
            e.definition < a.mentions.len(),
            "entity {i}: definition index"
        );
        for &m in &e.mentions {
            assert!(m < a.mentions.len(), "entity {i}: mention index");
        }
    }
    for (i, f) in a.findings.iter().enumerate() {
        check_span(text, &f.span, &format!("finding {i} ({})", f.code));
        for r in &f.related {
            check_span(text, &r.span, &format!("finding {i} related"));
        }
        for fix in &f.fixes {
            let mut edits: Vec<_> = fix.edits.iter().collect();
            for e in &edits {
                check_span(text, &e.span, &format!("finding {i} fix `{}`", fix.title));
            }
            // Replacements of one fix must not overlap, or the editor cannot apply them.
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            for w in edits.windows(2) {
                assert!(
                    w[0].span.end <= w[1].span.start
                        || w[0].span == w[1].span && w[0].text == w[1].text,
                    "finding {i} fix `{}`: overlapping replacements {:?} and {:?}",
                    fix.title,
                    w[0].span,
                    w[1].span
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // First byte: the options; the rest: the article (invalid UTF-8 replaced, as an editor
    // would never send it).
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let language = match flags % 3 {
        0 => None,
        1 => Some(Language::French),
        _ => Some(Language::English),
    };
    for markdown in [false, true] {
        let options = AnalysisOptions {
            language,
            markdown,
            ..AnalysisOptions::default()
        };
        let analysis = analyze(&text, &options);
        check(&text, &analysis);
    }
});

//! Arbitrary edit sequences through `copydesk::text::Document::apply_changes`, and position
//! conversions (`copydesk::text::position`) in all three encodings, checked against a plain
//! `String` model and an independent reference implementation of LSP positions.
//!
//! Invariants: the document's text equals the model after every change; `offset_at` and
//! `position_at` agree with the reference (lines end at `\n`, `\r\n`, `\r`; characters past a
//! line end clamp before the terminator; lines past the end clamp to the end; an offset inside
//! a character or surrogate pair rounds down); every offset is on a char boundary; a position
//! round-trips through an offset.

#![no_main]

use arbitrary::Arbitrary;
use copydesk::text::position::{line_column, line_text, offset_at, position_at, range_of, span_of};
use copydesk::text::{Document, PositionEncoding};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// Pieces of text that make positions interesting: multi-byte and astral characters
/// (surrogate pairs in UTF-16), every line terminator and look-alikes, combining marks, quotes.
const PIECES: &[&str] = &[
    "a",
    "é",
    "😀",
    "\r\n",
    "\n",
    "\r",
    "«",
    "»",
    "“",
    "”",
    " ",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    "\u{301}",
    "\0",
    "𝕏",
    "日本",
    "\u{feff}",
    "Prigojine",
];

#[derive(Arbitrary, Debug)]
enum Text {
    Pieces(Vec<u8>),
    Raw(String),
}

impl Text {
    fn build(&self) -> String {
        match self {
            Text::Pieces(ix) => ix
                .iter()
                .map(|&i| PIECES[i as usize % PIECES.len()])
                .collect(),
            Text::Raw(s) => s.clone(),
        }
    }
}

/// A line or character number: mostly small, sometimes huge.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Num {
    Small(u8),
    Any(u32),
}

impl Num {
    fn get(self) -> u32 {
        match self {
            Num::Small(n) => n as u32 % 24,
            Num::Any(n) => n,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Change {
    /// `None` replaces the whole text.
    range: Option<(Num, Num, Num, Num)>,
    text: Text,
}

#[derive(Arbitrary, Debug)]
struct Input {
    encoding: u8,
    initial: Text,
    /// Each inner vector is one `didChange` (several changes applied in order).
    batches: Vec<Vec<Change>>,
    probes: Vec<(Num, Num)>,
}

fn units(c: char, enc: PositionEncoding) -> usize {
    match enc {
        PositionEncoding::Utf8 => c.len_utf8(),
        PositionEncoding::Utf16 => c.len_utf16(),
        PositionEncoding::Utf32 => 1,
    }
}

/// Byte offsets where lines start, by the LSP rule copydesk follows (`\n`, `\r\n`, `\r`).
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
                continue;
            }
            b'\r' | b'\n' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// The content of line `line` (without its terminator), as a byte range.
fn content(text: &str, starts: &[usize], line: usize) -> (usize, usize) {
    let start = starts[line];
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    let b = text.as_bytes();
    if end > start && b[end - 1] == b'\n' {
        end -= 1;
    }
    if end > start && b[end - 1] == b'\r' {
        end -= 1;
    }
    (start, end)
}

fn reference_offset(text: &str, pos: Position, enc: PositionEncoding) -> usize {
    let starts = line_starts(text);
    let line = pos.line as usize;
    if line >= starts.len() {
        return text.len();
    }
    let (start, end) = content(text, &starts, line);
    let mut used = 0usize;
    let mut at = start;
    for c in text[start..end].chars() {
        if used + units(c, enc) > pos.character as usize {
            break;
        }
        used += units(c, enc);
        at += c.len_utf8();
    }
    at
}

fn reference_position(text: &str, offset: usize, enc: PositionEncoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let character: usize = text[starts[line]..offset]
        .chars()
        .map(|c| units(c, enc))
        .sum();
    Position::new(line as u32, character as u32)
}

fn check_positions(text: &str, rope: &Rope, enc: PositionEncoding, probes: &[(Num, Num)]) {
    assert_eq!(rope.len_bytes(), text.len());
    for &(l, c) in probes {
        let pos = Position::new(l.get(), c.get());
        let got = offset_at(rope, pos, enc);
        assert!(
            text.is_char_boundary(got),
            "offset_at({pos:?}) = {got}: not a char boundary"
        );
        assert_eq!(
            got,
            reference_offset(text, pos, enc),
            "offset_at({pos:?}, {enc:?}) in {text:?}"
        );
        // The position of that offset names the same place.
        let back = position_at(rope, got, enc);
        assert_eq!(
            offset_at(rope, back, enc),
            got,
            "round trip of {pos:?} via {got}"
        );
    }
    // Every byte offset (rounded down) maps to the reference position, and back.
    let step = (text.len() / 64).max(1);
    for offset in (0..=text.len() + 1).step_by(step) {
        let pos = position_at(rope, offset, enc);
        assert_eq!(
            pos,
            reference_position(text, offset, enc),
            "position_at({offset}, {enc:?}) in {text:?}"
        );
        let mut rounded = offset.min(text.len());
        while !text.is_char_boundary(rounded) {
            rounded -= 1;
        }
        let back = offset_at(rope, pos, enc);
        // Only the `\n` of a `\r\n` has no position of its own: it clamps before the `\r`.
        let inside_crlf = rounded > 0
            && text.as_bytes()[rounded - 1] == b'\r'
            && text.as_bytes().get(rounded) == Some(&b'\n');
        if inside_crlf {
            assert_eq!(back, rounded - 1, "offset {offset} inside \\r\\n");
        } else {
            assert_eq!(back, rounded, "offset {offset} → {pos:?} → {back}");
        }
        let _ = line_column(rope, offset);
        let _ = line_text(rope, offset);
    }
    let span = 0..text.len();
    let range = range_of(rope, &span, enc);
    assert_eq!(span_of(rope, range, enc), span);
}

fuzz_target!(|input: Input| {
    let enc = match input.encoding % 3 {
        0 => PositionEncoding::Utf8,
        1 => PositionEncoding::Utf16,
        _ => PositionEncoding::Utf32,
    };
    let mut model = input.initial.build();
    let mut doc = Document::new(&model, 1, "plaintext");
    check_positions(&model, doc.rope(), enc, &input.probes);
    for (i, batch) in input.batches.iter().enumerate().take(64) {
        let changes: Vec<TextDocumentContentChangeEvent> = batch
            .iter()
            .take(16)
            .map(|c| TextDocumentContentChangeEvent {
                range: c.range.map(|(a, b, x, y)| {
                    Range::new(
                        Position::new(a.get(), b.get()),
                        Position::new(x.get(), y.get()),
                    )
                }),
                range_length: None,
                text: c.text.build(),
            })
            .collect();
        // The model: each change in order, its range resolved on the text as it is then.
        for change in &changes {
            match change.range {
                None => model = change.text.clone(),
                Some(range) => {
                    let a = reference_offset(&model, range.start, enc);
                    let b = reference_offset(&model, range.end, enc);
                    model.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
        }
        let version = i as i32 + 2;
        doc.apply_changes(&changes, version, enc);
        assert_eq!(doc.version(), version);
        assert_eq!(doc.text(), model, "after batch {i}: {changes:?}");
        check_positions(&model, doc.rope(), enc, &input.probes);
    }
});

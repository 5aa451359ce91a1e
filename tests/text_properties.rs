//! Property tests for the document model: random incremental edits applied to the rope and
//! to a plain `String` model give the same text, and position conversions round-trip in every
//! encoding.

use copydesk::text::position::{offset_at, position_at};
use copydesk::text::{Document, PositionEncoding};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const ENCODINGS: [PositionEncoding; 3] = [
    PositionEncoding::Utf8,
    PositionEncoding::Utf16,
    PositionEncoding::Utf32,
];

/// Pieces of news copy that stress encodings and line ends.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("😀".to_string()),
        Just("« ".to_string()),
        Just("\u{202f}»".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{85}".to_string()),
        Just("’".to_string()),
        Just("Prigojine ".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..30).prop_map(|v| v.concat())
}

/// The model: where a position lands in a `String`, written independently of `text::position`.
fn model_offset(text: &str, pos: Position, enc: PositionEncoding) -> usize {
    // Line starts: after \n, after \r not followed by \n.
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        let ends_line =
            bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            starts.push(i + 1);
        }
        i += 1;
    }
    let line = pos.line as usize;
    if line >= starts.len() {
        return text.len();
    }
    let start = starts[line];
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    let content = &text[start..end];
    if content.ends_with("\r\n") {
        end -= 2;
    } else if content.ends_with('\n') || content.ends_with('\r') {
        end -= 1;
    }
    let content = &text[start..end];
    let want = pos.character as usize;
    let mut units = 0;
    for (i, c) in content.char_indices() {
        let w = match enc {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        };
        if units + w > want {
            return start + i;
        }
        units += w;
    }
    end
}

fn position() -> impl Strategy<Value = Position> {
    (0u32..8, 0u32..40).prop_map(|(l, c)| Position::new(l, c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rope_edits_match_the_string_model(
        initial in text(),
        edits in prop::collection::vec((position(), position(), text()), 1..12),
        enc_index in 0usize..3,
    ) {
        let enc = ENCODINGS[enc_index];
        let mut doc = Document::new(&initial, 1, "plaintext");
        let mut model = initial.clone();
        for (version, (a, b, insert)) in edits.into_iter().enumerate() {
            let change = TextDocumentContentChangeEvent {
                range: Some(Range::new(a, b)),
                range_length: None,
                text: insert.clone(),
            };
            doc.apply_changes(&[change], version as i32 + 2, enc);
            let x = model_offset(&model, a, enc);
            let y = model_offset(&model, b, enc);
            model.replace_range(x.min(y)..x.max(y), &insert);
            prop_assert_eq!(doc.text(), model.clone());
        }
    }

    #[test]
    fn positions_round_trip_in_every_encoding(t in text(), pos in position()) {
        let rope = Rope::from_str(&t);
        for enc in ENCODINGS {
            let offset = offset_at(&rope, pos, enc);
            prop_assert_eq!(offset, model_offset(&t, pos, enc));
            prop_assert!(t.is_char_boundary(offset));
            // offset → position → offset is the identity on char boundaries.
            let back = position_at(&rope, offset, enc);
            prop_assert_eq!(offset_at(&rope, back, enc), offset);
        }
        // Every char boundary round-trips too.
        for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
            for enc in ENCODINGS {
                let p = position_at(&rope, i, enc);
                let back = offset_at(&rope, p, enc);
                // Offsets inside a line terminator (between \r and \n) map to the line end.
                if !(i > 0 && t.as_bytes()[i - 1] == b'\r' && t.as_bytes().get(i) == Some(&b'\n')) {
                    prop_assert_eq!(back, i, "enc {:?} pos {:?}", enc, p);
                }
            }
        }
    }
}

//! The one place that converts between byte offsets and editor positions.
//!
//! LSP positions are (line, character) pairs where "character" counts UTF-8 bytes, UTF-16 code
//! units or Unicode scalar values depending on the negotiated [`PositionEncoding`]. Lines end at
//! `\n`, `\r\n` or `\r` only (ropey's `cr_lines`), never at U+2028, U+2029 or NEL.
//!
//! Nothing here panics on bad input: a character past the end of a line clamps to the line's
//! end (before its terminator), a line past the end clamps to the end of the document, a UTF-8
//! offset inside a character and a UTF-16 offset inside a surrogate pair round down.

use ropey::{Rope, RopeSlice};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Span;

/// How the client counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    /// The LSP default, when the client offers nothing else.
    #[default]
    Utf16,
    Utf32,
}

impl PositionEncoding {
    /// Picks utf-8 when offered, else utf-32, else utf-16 (which every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            PositionEncoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            PositionEncoding::Utf32
        } else {
            PositionEncoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// The line's text without its terminator (`\n`, `\r\n` or `\r`).
fn line_content(rope: &Rope, line: usize) -> RopeSlice<'_> {
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    slice.slice(..len)
}

/// The byte offset of `pos`, clamped into the document.
pub fn offset_at(rope: &Rope, pos: Position, encoding: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let content = line_content(rope, line);
    let character = pos.character as usize;
    let in_line = match encoding {
        PositionEncoding::Utf8 => {
            let byte = character.min(content.len_bytes());
            // Round down to a char boundary.
            content.char_to_byte(content.byte_to_char(byte))
        }
        PositionEncoding::Utf32 => content.char_to_byte(character.min(content.len_chars())),
        PositionEncoding::Utf16 => {
            let cu = character.min(content.len_utf16_cu());
            // ropey maps a unit inside a surrogate pair to the pair's char: rounds down.
            content.char_to_byte(content.utf16_cu_to_char(cu))
        }
    };
    line_start + in_line
}

/// The position of byte `offset` (rounded down to a char boundary, clamped to the end).
pub fn position_at(rope: &Rope, offset: usize, encoding: PositionEncoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let line_start_char = rope.line_to_char(line);
    let character = match encoding {
        PositionEncoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        PositionEncoding::Utf32 => char_idx - line_start_char,
        PositionEncoding::Utf16 => {
            rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start_char)
        }
    };
    Position::new(line as u32, character as u32)
}

/// The editor range of a byte span.
pub fn range_of(rope: &Rope, span: &Span, encoding: PositionEncoding) -> Range {
    Range::new(
        position_at(rope, span.start, encoding),
        position_at(rope, span.end, encoding),
    )
}

/// The byte span of an editor range; a reversed range is put in order.
pub fn span_of(rope: &Rope, range: Range, encoding: PositionEncoding) -> Span {
    let a = offset_at(rope, range.start, encoding);
    let b = offset_at(rope, range.end, encoding);
    a.min(b)..a.max(b)
}

/// 1-based line and column (in characters) of a byte offset, for terminal output.
pub fn line_column(rope: &Rope, offset: usize) -> (usize, usize) {
    let pos = position_at(rope, offset, PositionEncoding::Utf32);
    (pos.line as usize + 1, pos.character as usize + 1)
}

/// The text of the line holding byte `offset`, without its terminator.
pub fn line_text(rope: &Rope, offset: usize) -> String {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    line_content(rope, line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32_then_utf16() {
        use PositionEncodingKind as K;
        assert_eq!(
            PositionEncoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            PositionEncoding::Utf8
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            PositionEncoding::Utf32
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[K::UTF16])),
            PositionEncoding::Utf16
        );
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
    }

    #[test]
    fn only_lf_crlf_and_cr_end_lines() {
        let rope = Rope::from_str("a\u{2028}b\u{2029}c\u{85}d\r\ne\rf\ng");
        assert_eq!(rope.len_lines(), 4);
        assert_eq!(offset_at(&rope, pos(1, 0), PositionEncoding::Utf32), 14);
        assert_eq!(line_text(&rope, 0), "a\u{2028}b\u{2029}c\u{85}d");
    }

    #[test]
    fn clamps_past_line_end_and_document_end() {
        let rope = Rope::from_str("ab\r\ncd");
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            assert_eq!(offset_at(&rope, pos(0, 99), enc), 2, "{enc:?}");
            assert_eq!(offset_at(&rope, pos(7, 3), enc), 6, "{enc:?}");
            assert_eq!(offset_at(&rope, pos(u32::MAX, u32::MAX), enc), 6);
        }
    }

    #[test]
    fn surrogate_pairs_and_multibyte_round_down() {
        // "a😀é" : 😀 is 4 bytes, 2 UTF-16 units, 1 char; é is 2 bytes.
        let rope = Rope::from_str("a😀é");
        assert_eq!(offset_at(&rope, pos(0, 2), PositionEncoding::Utf16), 1);
        assert_eq!(offset_at(&rope, pos(0, 3), PositionEncoding::Utf16), 5);
        assert_eq!(offset_at(&rope, pos(0, 3), PositionEncoding::Utf8), 1);
        assert_eq!(offset_at(&rope, pos(0, 6), PositionEncoding::Utf8), 5);
        assert_eq!(offset_at(&rope, pos(0, 2), PositionEncoding::Utf32), 5);
        assert_eq!(position_at(&rope, 5, PositionEncoding::Utf16), pos(0, 3));
        assert_eq!(position_at(&rope, 5, PositionEncoding::Utf8), pos(0, 5));
        assert_eq!(position_at(&rope, 3, PositionEncoding::Utf32), pos(0, 1));
        assert_eq!(position_at(&rope, 99, PositionEncoding::Utf32), pos(0, 3));
    }

    #[test]
    fn terminal_columns_are_one_based_characters() {
        let rope = Rope::from_str("« a »\nbé c");
        assert_eq!(line_column(&rope, 0), (1, 1));
        assert_eq!(line_column(&rope, "« a »\nbé".len()), (2, 3));
    }
}

//! An open article: its text in a rope, its version, and how edits from the editor apply.

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::position::{PositionEncoding, span_of};

/// One open document, exactly as the editor has it.
#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    version: i32,
    language_id: String,
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: impl Into<String>) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            language_id: language_id.into(),
        }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn language_id(&self) -> &str {
        &self.language_id
    }

    /// The whole text, for analysis.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies the editor's changes in order, then takes the new version.
    ///
    /// A change with no range replaces the whole text. Ranges are clamped into the document
    /// (see `text::position`), so out-of-range edits never panic or lose text beyond what the
    /// clamped range covers.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let span = span_of(&self.rope, range, encoding);
                    let start = self.rope.byte_to_char(span.start);
                    let end = self.rope.byte_to_char(span.end);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order() {
        let mut doc = Document::new("Prigozhin a dit.\r\nFin", 1, "plaintext");
        doc.apply_changes(
            &[edit(0, 0, 0, 9, "Prigojine"), edit(1, 0, 1, 3, "Début")],
            2,
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "Prigojine a dit.\r\nDébut");
        assert_eq!(doc.version(), 2);
    }

    #[test]
    fn deleting_across_crlf_joins_lines() {
        let mut doc = Document::new("ab\r\ncd", 1, "plaintext");
        doc.apply_changes(&[edit(0, 1, 1, 1, "")], 2, PositionEncoding::Utf8);
        assert_eq!(doc.text(), "ad");
    }

    #[test]
    fn full_replacement() {
        let mut doc = Document::new("old", 1, "plaintext");
        let change = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        doc.apply_changes(&[change], 5, PositionEncoding::Utf16);
        assert_eq!(doc.text(), "new");
    }
}

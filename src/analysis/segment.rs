//! Paragraphs and sentences: the units attribution and quote pairing reason about.

use super::Span;

/// What a paragraph is, for the copy desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// Running text.
    Prose,
    /// A sub-heading or title line.
    Heading,
    /// A "read also" / "Lire aussi" line or teaser that breaks a quote's continuation.
    ReadAlso,
}

/// One paragraph of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The paragraph's text, without its line terminator.
    pub span: Span,
    pub kind: ParagraphKind,
}

/// Cuts the text into paragraphs. In plain text every non-blank line is a paragraph.
pub fn paragraphs(text: &str, _markdown: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '\r' {
            push_line(text, start..i, &mut out);
            start = i + 1;
        }
    }
    push_line(text, start..text.len(), &mut out);
    out
}

fn push_line(text: &str, span: Span, out: &mut Vec<Paragraph>) {
    if text[span.clone()].trim().is_empty() {
        return;
    }
    out.push(Paragraph {
        span,
        kind: ParagraphKind::Prose,
    });
}

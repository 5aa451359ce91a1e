//! Mentions: the capitalised words that name people, places and organisations.

use super::{Language, Mention, Quote, segment::Paragraph};

/// Finds the mentions of people, places and organisations, in text order.
/// `entity` is left at 0; [`super::entities::link`] sets it.
pub fn find_mentions(
    _text: &str,
    _paragraphs: &[Paragraph],
    _quotes: &[Quote],
    _language: Language,
) -> Vec<Mention> {
    Vec::new()
}

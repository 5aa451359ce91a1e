//! Attribution: who said each quote, or why no one is said to have said it.

use super::{Entity, Finding, Language, Mention, Quote, segment::Paragraph};

/// Fills `attribution` or `missing` on every quote and raises `unattributed-quote` and
/// `unnamed-source`.
pub fn attribute(
    _text: &str,
    _paragraphs: &[Paragraph],
    _quotes: &mut [Quote],
    _mentions: &[Mention],
    _entities: &[Entity],
    _language: Language,
    _findings: &mut Vec<Finding>,
) {
}

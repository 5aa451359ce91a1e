//! Quotation marks: finding them, pairing them, and telling speech from titles.

use super::{Finding, Language, Quote, segment::Paragraph};

/// Finds every quote in the article.
pub fn find_quotes(
    _text: &str,
    _paragraphs: &[Paragraph],
    _language: Language,
    _findings: &mut Vec<Finding>,
) -> Vec<Quote> {
    Vec::new()
}

//! Spelling variants of one name: transliteration-aware keys, verification, canonical spelling.

use super::{Entity, Finding, HouseStyle, Language, Mention};

/// Raises `name-variant` on each mention whose spelling differs from its entity's canonical one.
pub fn check(
    _text: &str,
    _mentions: &[Mention],
    _entities: &[Entity],
    _language: Language,
    _style: &HouseStyle,
    _findings: &mut Vec<Finding>,
) {
}

//! The house style as analysis sees it: preferred spellings, ignored names, severities.
//!
//! Plain data; `workspace::style` reads it from `copydesk.toml` and the editor's settings.

use std::collections::HashMap;

use super::{Code, Finding, Severity};

/// A newsroom's preferences. The default is "no preferences": every code at its default
/// severity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HouseStyle {
    /// Preferred spelling → the variants to replace with it (`"Kyiv" = ["Kiev"]`).
    pub names: Vec<(String, Vec<String>)>,
    /// Names never flagged as variants.
    pub ignore_names: Vec<String>,
    /// Severity overrides per code.
    pub severities: HashMap<Code, Severity>,
}

impl HouseStyle {
    pub fn severity(&self, code: Code) -> Severity {
        self.severities
            .get(&code)
            .copied()
            .unwrap_or_else(|| code.default_severity())
    }

    /// Sets each finding's severity from the style.
    pub fn apply_severities(&self, findings: &mut [Finding]) {
        for f in findings {
            f.severity = self.severity(f.code);
        }
    }
}

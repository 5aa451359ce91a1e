//! Settings from the editor (`initializationOptions`, `workspace/didChangeConfiguration`):
//! a forced language and severity overrides per diagnostic code.

use serde::Deserialize;
use std::collections::HashMap;

use crate::analysis::{Code, HouseStyle, Language, Severity};

/// The editor's `copydesk` settings section, e.g.
/// `{ "language": "fr", "severity": { "unnamed-source": "info" } }`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub severity: HashMap<String, String>,
}

impl Settings {
    /// Parses the settings object; unknown keys are ignored, bad values are an error message.
    pub fn from_json(value: &serde_json::Value) -> Result<Settings, String> {
        if value.is_null() {
            return Ok(Settings::default());
        }
        serde_json::from_value(value.clone()).map_err(|e| e.to_string())
    }

    /// The house style these settings describe, and the forced language if any
    /// (`"auto"` or nothing means: detect per article).
    pub fn into_style(self) -> (HouseStyle, Option<Language>) {
        let mut style = HouseStyle::default();
        for (code, severity) in &self.severity {
            match (Code::parse(code), Severity::parse(severity)) {
                (Some(code), Some(severity)) => {
                    style.severities.insert(code, severity);
                }
                _ => {
                    tracing::warn!(%code, %severity, "unknown code or severity in settings; ignored")
                }
            }
        }
        let language = self.language.as_deref().and_then(Language::parse);
        (style, language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_and_language() {
        let json = serde_json::json!({"language": "en", "severity": {"unnamed-source": "info", "bogus": "x"}});
        let (style, lang) = Settings::from_json(&json).unwrap().into_style();
        assert_eq!(lang, Some(Language::English));
        assert_eq!(style.severity(Code::UnnamedSource), Severity::Info);
        assert_eq!(style.severity(Code::NameVariant), Severity::Warning);
        let (_, auto) = Settings::from_json(&serde_json::json!({"language": "auto"}))
            .unwrap()
            .into_style();
        assert_eq!(auto, None);
    }
}

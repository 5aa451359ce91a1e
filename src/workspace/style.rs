//! The house style file, `copydesk.toml`, at the root of a newsroom's folder.
//!
//! ```toml
//! language = "fr"                 # optional; otherwise detected per article
//!
//! [names]                         # preferred spelling = variants to replace
//! "Evgueni Prigojine" = ["Yevgeny Prigozhin", "Evgeny Prigozhin"]
//! "Kyiv" = ["Kiev"]
//!
//! [ignore]
//! names = ["Wagner"]              # never flagged
//!
//! [severity]                      # off | hint | info | warning | error
//! unattributed-quote = "warning"
//! unnamed-source = "info"
//! ```
//!
//! A malformed file yields one [`StyleError`] with its byte span (for a diagnostic on the file
//! itself); the caller keeps the previous valid style. [`prefer_name`] adds a preferred spelling
//! while preserving the file's comments and formatting (toml_edit).

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::analysis::{Code, HouseStyle, Language, Severity, Span};

/// The file name looked for at the root of each workspace folder.
pub const FILE_NAME: &str = "copydesk.toml";

/// The parsed file: what it sets, and nothing else.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StyleFile {
    pub language: Option<Language>,
    pub names: Vec<(String, Vec<String>)>,
    pub ignore_names: Vec<String>,
    pub severities: HashMap<Code, Severity>,
}

/// Why the file could not be used, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct StyleError {
    pub message: String,
    pub span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    language: Option<Spanned<String>>,
    #[serde(default)]
    names: toml::Table,
    #[serde(default)]
    ignore: RawIgnore,
    #[serde(default)]
    severity: HashMap<String, Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    #[serde(default)]
    names: Vec<String>,
}

/// Parses `copydesk.toml`.
pub fn parse(text: &str) -> Result<StyleFile, StyleError> {
    let raw: Raw = toml::from_str(text).map_err(|e| StyleError {
        message: format!("copydesk.toml: {}", e.message()),
        span: e.span().unwrap_or(0..0),
    })?;
    let mut file = StyleFile::default();
    if let Some(lang) = raw.language {
        let value = lang.get_ref();
        if value != "auto" {
            file.language = Some(Language::parse(value).ok_or_else(|| StyleError {
                message: format!("unknown language `{value}`: use \"fr\", \"en\" or \"auto\""),
                span: lang.span(),
            })?);
        }
    }
    for (preferred, variants) in raw.names {
        let variants = match variants {
            toml::Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    toml::Value::String(s) => Ok(s),
                    _ => Err(()),
                })
                .collect::<Result<Vec<_>, _>>()
                .ok(),
            toml::Value::String(s) => Some(vec![s]),
            _ => None,
        };
        let Some(variants) = variants else {
            return Err(StyleError {
                message: format!(
                    "[names] \"{preferred}\" must list the variants to replace, e.g. \"{preferred}\" = [\"…\"]"
                ),
                span: find_key(text, &preferred),
            });
        };
        file.names.push((preferred, variants));
    }
    file.ignore_names = raw.ignore.names;
    for (code, severity) in raw.severity {
        let Some(c) = Code::parse(&code) else {
            let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            return Err(StyleError {
                message: format!(
                    "unknown diagnostic code `{code}` in [severity]; known codes: {}",
                    known.join(", ")
                ),
                span: find_key(text, &code),
            });
        };
        let Some(s) = Severity::parse(severity.get_ref()) else {
            return Err(StyleError {
                message: format!(
                    "unknown severity `{}` for {code}: use off, hint, info, warning or error",
                    severity.get_ref()
                ),
                span: severity.span(),
            });
        };
        file.severities.insert(c, s);
    }
    Ok(file)
}

/// Where a key is written (best effort, for error positions).
fn find_key(text: &str, key: &str) -> Span {
    text.find(key).map_or(0..0, |i| i..i + key.len())
}

/// The house style from the file and the editor's settings: the file wins where both set a
/// value. Returns the style and the forced language, if any.
pub fn merge(
    file: Option<&StyleFile>,
    editor: &HouseStyle,
    editor_language: Option<Language>,
) -> (HouseStyle, Option<Language>) {
    let mut style = editor.clone();
    let mut language = editor_language;
    if let Some(file) = file {
        for (code, severity) in &file.severities {
            style.severities.insert(*code, *severity);
        }
        style.names.extend(file.names.iter().cloned());
        style.ignore_names.extend(file.ignore_names.iter().cloned());
        if file.language.is_some() {
            language = file.language;
        }
    }
    (style, language)
}

/// The file's new text after adding `preferred = [variants…]` to `[names]` (merging with an
/// existing entry), with comments and formatting preserved.
pub fn prefer_name(text: &str, preferred: &str, variants: &[String]) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("copydesk.toml is malformed: {e}"))?;
    let names = doc
        .entry("names")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or("[names] in copydesk.toml is not a table")?;
    let mut list = match names.get(preferred).and_then(|i| i.as_array()) {
        Some(existing) => existing.clone(),
        None => toml_edit::Array::new(),
    };
    for v in variants {
        if v != preferred && !list.iter().any(|x| x.as_str() == Some(v)) {
            list.push(v.as_str());
        }
    }
    names.insert(preferred, toml_edit::value(list));
    // Variants listed elsewhere as preferred would contradict the new entry: remove them.
    for v in variants {
        if v != preferred {
            names.remove(v);
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"language = "fr"                 # optional

[names]                         # preferred spelling = variants to replace
"Evgueni Prigojine" = ["Yevgeny Prigozhin", "Evgeny Prigozhin"]
"Kyiv" = ["Kiev"]

[ignore]
names = ["Wagner"]              # never flagged

[severity]                      # off | hint | info | warning | error
unattributed-quote = "warning"
unnamed-source = "info"
"#;

    #[test]
    fn parses_the_documented_example() {
        let f = parse(EXAMPLE).unwrap();
        assert_eq!(f.language, Some(Language::French));
        assert_eq!(f.names.len(), 2);
        assert!(f.names.iter().any(|(p, v)| p == "Kyiv" && v == &["Kiev"]));
        assert_eq!(f.ignore_names, vec!["Wagner"]);
        assert_eq!(f.severities[&Code::UnnamedSource], Severity::Info);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let text = "[severity]\nunattributed-quote = \"loud\"\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("loud"), "{}", e.message);
        assert_eq!(&text[e.span.clone()], "\"loud\"");
        let e = parse("[names\n").unwrap_err();
        assert!(e.span.start <= 7);
        let e = parse("colour = 1\n").unwrap_err();
        assert!(e.message.contains("unknown field"), "{}", e.message);
    }

    #[test]
    fn file_wins_over_editor() {
        let file = parse("[severity]\nunnamed-source = \"warning\"\n").unwrap();
        let mut editor = HouseStyle::default();
        editor
            .severities
            .insert(Code::UnnamedSource, Severity::Hint);
        editor.severities.insert(Code::NameVariant, Severity::Error);
        let (style, _) = merge(Some(&file), &editor, Some(Language::English));
        assert_eq!(style.severity(Code::UnnamedSource), Severity::Warning);
        assert_eq!(style.severity(Code::NameVariant), Severity::Error);
    }

    #[test]
    fn prefer_name_keeps_comments() {
        let out = prefer_name(EXAMPLE, "Prigojine", &["Prigozhin".to_string()]).unwrap();
        assert!(out.contains("# never flagged"));
        assert!(out.contains("\"Kyiv\" = [\"Kiev\"]"));
        let f = parse(&out).unwrap();
        assert!(
            f.names
                .iter()
                .any(|(p, v)| p == "Prigojine" && v == &["Prigozhin"])
        );
        let fresh = prefer_name("", "Kyiv", &["Kiev".to_string()]).unwrap();
        assert_eq!(
            parse(&fresh).unwrap().names,
            vec![("Kyiv".to_string(), vec!["Kiev".to_string()])]
        );
    }
}

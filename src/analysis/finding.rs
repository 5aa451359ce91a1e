//! Findings: what the copy desk reports, with stable codes, severities and ready-made fixes.

use super::Span;

/// A stable diagnostic code. The kebab-case string is part of copydesk's interface
/// (README table, `--format json`, editor filters): never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    UnbalancedQuote,
    MisusedQuoteMark,
    UnattributedQuote,
    UnnamedSource,
    NameVariant,
}

impl Code {
    pub const ALL: [Code; 5] = [
        Code::UnbalancedQuote,
        Code::MisusedQuoteMark,
        Code::UnattributedQuote,
        Code::UnnamedSource,
        Code::NameVariant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnbalancedQuote => "unbalanced-quote",
            Code::MisusedQuoteMark => "misused-quote-mark",
            Code::UnattributedQuote => "unattributed-quote",
            Code::UnnamedSource => "unnamed-source",
            Code::NameVariant => "name-variant",
        }
    }

    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The severity a finding has when the house style says nothing.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnnamedSource => Severity::Off,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How loud a finding is. `Off` findings are computed but never shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Off,
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "off" => Some(Severity::Off),
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One thing the copy desk would point out.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// Other places that explain the finding (the other spellings of a name, the opening mark…).
    pub related: Vec<Related>,
    /// Ready-made fixes, the preferred one first.
    pub fixes: Vec<Fix>,
}

impl Finding {
    /// A finding at the code's default severity, with no related places and no fix.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            span,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }
}

/// A place in the same article that explains a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A fix: one or more replacements in the analysed text, applied together.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What the editor shows (`Replace with « Prigojine »`).
    pub title: String,
    pub edits: Edits,
    /// The fix an editor may apply without asking (quickfix `isPreferred`, fix-all).
    pub preferred: bool,
}

/// The replacements of one [`Fix`], shared: a copy of a fix (the "every mention" fix of a
/// name sits on each of its findings, and a document may hold thousands) shares its edits
/// instead of copying them. Reads as a slice (`&fix.edits[..]`, `fix.edits.iter()`).
#[derive(Clone, Default, PartialEq)]
pub struct Edits(std::sync::Arc<[Replacement]>);

impl std::ops::Deref for Edits {
    type Target = [Replacement];
    fn deref(&self) -> &[Replacement] {
        &self.0
    }
}

impl std::fmt::Debug for Edits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl From<Vec<Replacement>> for Edits {
    fn from(edits: Vec<Replacement>) -> Self {
        Edits(edits.into())
    }
}

impl<'a> IntoIterator for &'a Edits {
    type Item = &'a Replacement;
    type IntoIter = std::slice::Iter<'a, Replacement>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Replace `span` by `text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Replacement {
    pub span: Span,
    pub text: String,
}

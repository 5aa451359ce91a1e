//! Finding articles on disk and reading them safely.
//!
//! Articles are `.txt` and `.md` files. Folders are walked recursively, honouring
//! `.gitignore` and skipping hidden folders. Files over [`MAX_ARTICLE_BYTES`], binary files
//! and invalid UTF-8 are skipped with a reason, never half-read.

use std::path::{Path, PathBuf};

/// Articles larger than this are skipped (64 MiB: far beyond any article, small enough to
/// keep memory bounded).
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    TooLarge(u64),
    Binary,
    InvalidUtf8 { valid_up_to: usize },
    Io(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::TooLarge(n) => write!(
                f,
                "file is {n} bytes, over the {MAX_ARTICLE_BYTES}-byte limit for an article"
            ),
            Skip::Binary => write!(
                f,
                "file looks binary (it contains NUL bytes in its first 8 KiB)"
            ),
            Skip::InvalidUtf8 { valid_up_to } => write!(
                f,
                "file is not valid UTF-8 (first bad byte at offset {valid_up_to}); re-save it as UTF-8"
            ),
            Skip::Io(e) => write!(f, "cannot read file: {e}"),
        }
    }
}

/// Whether a path names an article by its extension.
pub fn is_article(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

/// Every article under `root` (or `root` itself if it is a file), sorted, with walk errors
/// (unreadable folders, symlink loops) reported beside them.
pub fn articles_under(root: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    if root.is_file() {
        return (vec![root.to_path_buf()], Vec::new());
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_article(e.path()) => {
                found.push(e.into_path())
            }
            Ok(_) => {}
            Err(err) => errors.push((root.to_path_buf(), err.to_string())),
        }
    }
    found.sort();
    (found, errors)
}

/// Checks bytes read from disk: NUL bytes mean binary, and the text must be UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, Skip> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Skip::Binary);
    }
    String::from_utf8(bytes).map_err(|e| Skip::InvalidUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })
}

/// Reads one article, or says why it was skipped.
pub fn read_article(path: &Path) -> Result<String, Skip> {
    let meta = std::fs::metadata(path).map_err(|e| Skip::Io(e.to_string()))?;
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(Skip::TooLarge(meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| Skip::Io(e.to_string()))?;
    decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_and_invalid_utf8() {
        assert_eq!(decode(b"a\0b".to_vec()), Err(Skip::Binary));
        assert_eq!(
            decode(vec![b'a', 0xff]),
            Err(Skip::InvalidUtf8 { valid_up_to: 1 })
        );
        assert_eq!(decode("« oui »".as_bytes().to_vec()).unwrap(), "« oui »");
    }

    #[test]
    fn article_extensions() {
        assert!(is_article(Path::new("a/b.txt")));
        assert!(is_article(Path::new("a/b.MD")));
        assert!(!is_article(Path::new("a/b.rs")));
    }
}

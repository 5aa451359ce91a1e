//! Markdown: keep the prose, blank out the rest, and keep every byte offset where it was.
//!
//! [`mask`] replaces front matter, fenced and indented code blocks, inline code, link and image
//! URLs, autolinks, reference definitions and HTML comments by spaces, byte for byte (line
//! terminators are kept). The analysis then runs on the masked text, so a quote inside a code
//! block is never seen, and every span it reports is exact in the original text.

use super::Language;

/// The text with everything but prose replaced by spaces; same length, same line structure.
pub fn mask(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let blank = |bytes: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut bytes[from..to.min(text.len())] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    let lines = line_spans(text);
    let mut i = 0;
    // Front matter: `---` (YAML) or `+++` (TOML) on the first line.
    if let Some(&(s, e)) = lines.first() {
        let fence = text[s..e].trim_end();
        if fence == "---" || fence == "+++" {
            if let Some(close) = lines[1..]
                .iter()
                .position(|&(s, e)| text[s..e].trim_end() == fence)
            {
                let end = lines[close + 1].1;
                blank(&mut bytes, 0, end);
                i = close + 2;
            }
        }
    }
    let mut previous_blank = true;
    while i < lines.len() {
        let (s, e) = lines[i];
        let line = &text[s..e];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        // Fenced code.
        if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let marker = &trimmed[..3];
            let close = lines[i + 1..]
                .iter()
                .position(|&(s, e)| text[s..e].trim().starts_with(marker));
            let last = close.map_or(lines.len() - 1, |c| i + 1 + c);
            blank(&mut bytes, s, lines[last].1);
            i = last + 1;
            previous_blank = false;
            continue;
        }
        // Indented code: four spaces or a tab after a blank line (or more code).
        let is_blank = line.trim().is_empty();
        if !is_blank && previous_blank && (indent >= 4 || line.starts_with('\t')) {
            let mut last = i;
            while last + 1 < lines.len() {
                let next = &text[lines[last + 1].0..lines[last + 1].1];
                if next.trim().is_empty() || next.starts_with("    ") || next.starts_with('\t') {
                    last += 1;
                } else {
                    break;
                }
            }
            blank(&mut bytes, s, lines[last].1);
            i = last + 1;
            previous_blank = true;
            continue;
        }
        // Reference definitions: `[id]: https://…`.
        if trimmed.starts_with('[') {
            if let Some(close) = trimmed.find("]:") {
                let url_start = s + indent + close + 2;
                blank(&mut bytes, url_start, e);
            }
        }
        previous_blank = is_blank;
        i += 1;
    }
    mask_inline(text, &mut bytes);
    // Only ASCII bytes were written over whole characters' bytes, so this stays UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Inline code, link/image URLs, autolinks and HTML comments.
fn mask_inline(text: &str, bytes: &mut [u8]) {
    let src = text.as_bytes();
    let mut i = 0;
    let blank = |bytes: &mut [u8], from: usize, to: usize| {
        for b in &mut bytes[from..to] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    while i < src.len() {
        // Already masked (code blocks): skip quickly.
        match src[i] {
            b'`' if bytes[i] == b'`' => {
                let run = src[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &text[i..i + run];
                if let Some(close) = text[i + run..].find(fence) {
                    let end = i + run + close + run;
                    blank(bytes, i, end);
                    i = end;
                    continue;
                }
                i += run;
            }
            b'<' if text[i..].starts_with("<!--") => {
                let end = text[i..].find("-->").map_or(src.len(), |c| i + c + 3);
                blank(bytes, i, end);
                i = end;
            }
            b'<' => {
                // Autolink <https://…> or <mail@x>.
                let rest = &text[i + 1..];
                let end = rest
                    .find(['>', '\n', ' '])
                    .filter(|&c| rest.as_bytes().get(c) == Some(&b'>'));
                match end {
                    Some(c) if rest[..c].contains("://") || rest[..c].contains('@') => {
                        blank(bytes, i, i + 1 + c + 1);
                        i += c + 2;
                    }
                    _ => i += 1,
                }
            }
            b']' if src.get(i + 1) == Some(&b'(') => {
                // `[text](url "title")`: blank the parenthesised target.
                let mut depth = 0;
                let mut j = i + 1;
                while j < src.len() && src[j] != b'\n' {
                    match src[j] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j < src.len() && src[j] == b')' {
                    blank(bytes, i + 1, j + 1);
                    i = j + 1;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
}

/// (start, end) of every line, without terminators.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push((start, i));
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push((start, text.len()));
    out
}

/// The `lang:` (or `language:`) key of a YAML or TOML front matter, if any.
pub fn front_matter_language(text: &str) -> Option<Language> {
    let mut lines = text.lines();
    let fence = lines.next()?.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    for line in lines {
        if line.trim_end() == fence {
            break;
        }
        let (key, value) = line.split_once([':', '='])?;
        if matches!(key.trim(), "lang" | "language") {
            return Language::parse(value.trim().trim_matches(['"', '\'']));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_code_front_matter_links_and_comments_keeping_offsets() {
        let text = "---\nlang: fr\n---\n# Titre\n\nIl a dit « oui ».\n\n```\n« code »\n```\n\n    « indenté »\n\nVoir `« inline »` et [le lien](https://x.fr/«a») <!-- « note » --> <https://y.fr>.\n[ref]: https://z.fr/«b»\n";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(masked.contains("Il a dit « oui »."));
        assert!(masked.contains("# Titre"));
        assert!(masked.contains("[le lien"));
        assert_eq!(masked.matches('«').count(), 1, "{masked}");
        assert!(!masked.contains("lang"));
        assert_eq!(front_matter_language(text), Some(Language::French));
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for t in [
            "```\n« a",
            "<!-- « a",
            "`« a",
            "[x](« a",
            "---\nlang: en\n",
            "<a@",
            "](",
        ] {
            let m = mask(t);
            assert_eq!(m.len(), t.len());
        }
    }
}

//! Spelling variants of one name: transliteration-aware keys, verification, canonical spelling,
//! and the `name-variant` finding with its fixes.
//!
//! Two spellings are one name when (ANALYSIS.md §4):
//! 1. a data file says so: the spelling groups of `lexicon/names.toml` (`Kiev|Kyiv|Kyïv|Kiew`)
//!    or the house style (`"Kyiv" = ["Kiev"]`); two spellings of two different groups never are;
//! 2. otherwise their **phonetic forms** are close. A phonetic form is the folded spelling
//!    (NFKD, no diacritics, lowercase) rewritten so that transliteration conventions agree:
//!    ж ш ч щ (`j zh sch sh ch tch tsch shch chtch`) → one class, `kh`/`h`/German `ch` → `h`,
//!    `ou` → `u`, `y`/`ï`/`j` → `i`, `gu`+e/i → `g`, `w` → `v`, `q`/`c`/`ck` → `k`, `ph` → `f`,
//!    `ts`/`tz`/`z` → `s`, initial `ye`/`ie`/`je` → `e`, endings `-ine` → `-in` and
//!    `-iy`/`-yy`/`-yj`/`-ij` → `-i`, doubled letters collapsed. Ambiguous letters (`j`, `ch`)
//!    give up to eight alternative forms. "Close" is a small weighted edit distance that only
//!    allows what variants do (vowel changes, voiced/unvoiced pairs such as g/k, a dropped
//!    vowel or `h`, one transposition) plus Jaro–Winkler ≥ 0.8 on the forms; short forms must
//!    be equal.
//!
//! Precision comes first: gendered forms (Ivanov/Ivanova, Navalny/Navalnaïa, Jean/Jeanne),
//! `-sen`/`-son` pairs and forms shorter than five letters are never merged by similarity.
//! Candidates are found through [`spelling_keys`] (consonant skeletons), so comparing the
//! names of a whole document stays linear in practice; a workspace index can bucket spellings
//! of several articles by the same keys and verify pairs with [`same_name`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{
    Code, Entity, EntityKind, Finding, Fix, HouseStyle, Language, Mention, Related, Replacement,
    lexicon::{self, SpellingGroups},
};

// ---------------------------------------------------------------------------------------------
// Folding and phonetic forms
// ---------------------------------------------------------------------------------------------

/// Lowercase, without diacritics, with straight apostrophes and hyphens: the form every
/// lexicon lookup uses (`Nausėda` → `nauseda`, `d’Estaing` → `d'estaing`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

pub(crate) fn push_folded(c: char, out: &mut String) {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' | '\u{2032}' => out.push('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => out.push('-'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ => {
            for d in c.nfkd() {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// Letters of one word for the phonetic rewrite: folded, with Central European carons kept
/// as digraphs (č → ch, š → sh, ž → zh), everything but ASCII letters dropped.
fn letters(word: &str) -> Vec<u8> {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'č' | 'Č' | 'ć' | 'Ć' => folded.push_str("ch"),
            'š' | 'Š' | 'ś' | 'Ś' => folded.push_str("sh"),
            'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => folded.push_str("zh"),
            _ => push_folded(c, &mut folded),
        }
    }
    folded.bytes().filter(u8::is_ascii_lowercase).collect()
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The sibilant class (ж ш ч щ) in phonetic forms.
const SIB: u8 = b'S';

/// Which part of a name a word is: surnames get the French `-ine` → `-in` and Slavic `-ic`
/// rules, first names do not (Christine is not Christin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Surname,
    FirstName,
}

/// The phonetic forms of one word (see the module documentation); several when a letter is
/// ambiguous between conventions (`j`: French ж or German й; `ch`: French ш, English ч or
/// German х). Never empty for a word with a letter.
pub fn phonetic_forms(word: &str, part: Part) -> Vec<String> {
    let mut w = letters(word);
    if w.is_empty() {
        return Vec::new();
    }
    // Endings.
    if part == Part::Surname {
        if w.len() > 4 && (w.ends_with(b"ine") || w.ends_with(b"yne")) {
            w.pop();
        } else if w.len() > 4 && w.ends_with(b"vic") {
            w.push(b'h');
        }
    }
    let mut cluster = 0;
    while cluster < w.len() && matches!(w[w.len() - 1 - cluster], b'i' | b'y' | b'j') {
        cluster += 1;
    }
    if cluster > 0 && cluster < w.len() && !(cluster == 1 && w[w.len() - 1] == b'i') {
        let keep = w.len() - cluster;
        w.truncate(keep);
        w.push(b'i');
    }
    // Start of the word: Ye-/Ie-/Je- → E-, Iou-/You-/Ju- → Yu-, Ia-/Ja- → Ya-.
    let mut segs: Vec<(u8, u8)> = Vec::with_capacity(w.len() + 2);
    let mut i = 0;
    let cons_at = |k: usize| w.get(k).is_some_and(|&b| !is_vowel(b));
    if w.len() > 2 && matches!(w[0], b'y' | b'i' | b'j') {
        if w[1] == b'e' && cons_at(2) {
            segs.push((b'e', b'e'));
            i = 2;
        } else if w[1] == b'o' && w.get(2) == Some(&b'u') && cons_at(3) {
            segs.push((b'i', b'i'));
            segs.push((b'u', b'u'));
            i = 3;
        } else if matches!(w[1], b'u' | b'a') && cons_at(2) {
            segs.push((b'i', b'i'));
            segs.push((w[1], w[1]));
            i = 2;
        }
    }
    let at = |k: usize, s: &[u8]| w.len() >= k + s.len() && &w[k..k + s.len()] == s;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1).copied();
        let (out, len): ((u8, u8), usize) = if at(i, b"schtsch") {
            ((SIB, SIB), 7)
        } else if at(i, b"chtch") {
            ((SIB, SIB), 5)
        } else if at(i, b"shch") || at(i, b"tsch") {
            ((SIB, SIB), 4)
        } else if at(i, b"sch") || at(i, b"tch") {
            ((SIB, SIB), 3)
        } else if at(i, b"zh") || at(i, b"sh") || at(i, b"cz") || at(i, b"sz") {
            ((SIB, SIB), 2)
        } else if at(i, b"ch") {
            ((SIB, b'h'), 2)
        } else if at(i, b"kh") {
            ((b'h', b'h'), 2)
        } else if at(i, b"gh") {
            ((b'g', b'g'), 2)
        } else if at(i, b"dh") || (at(i, b"dj") && i == 0) {
            ((b'd', b'd'), 2)
        } else if at(i, b"th") {
            ((b't', b't'), 2)
        } else if at(i, b"ph") {
            ((b'f', b'f'), 2)
        } else if at(i, b"ck") || at(i, b"qu") {
            ((b'k', b'k'), 2)
        } else if c == b'g'
            && next == Some(b'u')
            && matches!(w.get(i + 2), Some(b'e' | b'i' | b'y'))
        {
            ((b'g', b'g'), 2)
        } else if at(i, b"ou") {
            ((b'u', b'u'), 2)
        } else if at(i, b"ts") || at(i, b"tz") {
            ((b's', b's'), 2)
        } else {
            let o = match c {
                b'c' if matches!(next, Some(b'e' | b'i' | b'y')) => (b's', b's'),
                b'c' | b'q' => (b'k', b'k'),
                b'x' => {
                    segs.push((b'k', b'k'));
                    (b's', b's')
                }
                b'w' => (b'v', b'v'),
                b'z' => (b's', b's'),
                b'j' => (SIB, b'i'),
                b'y' => (b'i', b'i'),
                _ => (c, c),
            };
            (o, 1)
        };
        segs.push(out);
        i += len;
    }
    // Expand alternatives (at most three ambiguous letters → eight forms).
    let mut forms: Vec<Vec<u8>> = vec![Vec::with_capacity(segs.len())];
    let mut ambiguous = 0;
    for &(a, b) in &segs {
        if a != b && ambiguous < 3 {
            ambiguous += 1;
            let copies: Vec<Vec<u8>> = forms.clone();
            for f in &mut forms {
                f.push(a);
            }
            for mut f in copies {
                f.push(b);
                forms.push(f);
            }
        } else {
            for f in &mut forms {
                f.push(a);
            }
        }
    }
    let mut out: Vec<String> = Vec::with_capacity(forms.len());
    for mut f in forms {
        f.dedup();
        let s = String::from_utf8(f).unwrap_or_default();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Bucket key of one phonetic form: the consonant skeleton, with voiced/unvoiced pairs merged
/// and `h` dropped; an initial vowel is kept as `@`. With `semivowels`, `u` before a vowel
/// counts as `w` (Sinouar / Sinwar): keys are made both ways.
fn skeleton(form: &str, semivowels: bool) -> String {
    let mut out = String::with_capacity(form.len());
    let bytes = form.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // `u` before a vowel is a `w` (Sinouar / Sinwar).
        let semivowel =
            semivowels && b == b'u' && i > 0 && bytes.get(i + 1).is_some_and(|&n| vowel(n));
        let k = match b {
            _ if semivowel => 'f',
            b'a' | b'e' | b'i' | b'o' | b'u' => {
                if i == 0 {
                    '@'
                } else {
                    continue;
                }
            }
            b'h' => continue,
            b'g' | b'k' => 'k',
            b'd' | b't' => 't',
            b'b' | b'p' => 'p',
            b'v' | b'f' => 'f',
            b's' | SIB => 's',
            _ => b as char,
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    out
}

/// Candidate keys of a spelling (one per phonetic alternative; words joined by a space).
/// Two spellings that [`same_name`] accepts by similarity share at least one key, so an index
/// can bucket spellings by these keys and verify only within buckets.
pub fn spelling_keys(s: &str) -> Vec<String> {
    let words: Vec<&str> = name_words(s).collect();
    let mut keys: Vec<String> = vec![String::new()];
    for (n, w) in words.iter().enumerate() {
        let part = if n + 1 == words.len() {
            Part::Surname
        } else {
            Part::FirstName
        };
        let alts: Vec<String> = phonetic_forms(w, part)
            .iter()
            .flat_map(|f| [skeleton(f, false), skeleton(f, true)])
            .collect();
        let alts: Vec<String> = {
            let mut a = alts;
            let mut seen = HashSet::default();
            a.retain(|k| seen.insert(k.clone()));
            a
        };
        let mut next = Vec::with_capacity(keys.len() * alts.len().max(1));
        for k in &keys {
            for a in &alts {
                let mut k2 = k.clone();
                if !k2.is_empty() {
                    k2.push(' ');
                }
                k2.push_str(a);
                if !next.contains(&k2) {
                    next.push(k2);
                }
            }
        }
        if !next.is_empty() {
            next.truncate(16);
            keys = next;
        }
    }
    keys
}

/// [`spelling_keys`] by word, kept by a caller that reads many articles one after the other
/// (folder indexing): a word's keys depend on the word alone, and the articles of a folder
/// name many of the same people and places. Never changes a result.
#[derive(Debug, Default)]
pub struct KeyMemo {
    keys: HashMap<String, std::sync::Arc<[String]>>,
    /// Words whose keys were worked out (not found in the memo).
    pub computed: usize,
}

impl KeyMemo {
    /// `spelling_keys(s)`, worked out once per distinct `s`.
    pub fn spelling_keys(&mut self, s: &str) -> std::sync::Arc<[String]> {
        if let Some(k) = self.keys.get(s) {
            return k.clone();
        }
        self.computed += 1;
        let k: std::sync::Arc<[String]> = spelling_keys(s).into();
        self.keys.insert(s.to_owned(), k.clone());
        k
    }
}

/// The primary key of a spelling ([`spelling_keys`]' first).
pub fn spelling_key(s: &str) -> String {
    spelling_keys(s).into_iter().next().unwrap_or_default()
}

/// The words of a name for comparison: split on spaces, hyphens and apostrophes, with the
/// Arabic particles unified (ben/ibn → bin, el → al, abou → abu).
fn name_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '\'' | '’'))
        .filter(|w| !w.is_empty())
}

fn particle_class(w: &str) -> Option<&'static str> {
    match fold(w).as_str() {
        "bin" | "ben" | "ibn" => Some("bin"),
        "al" | "el" | "ad" | "ar" | "as" | "ash" | "an" | "at" | "az" => Some("al"),
        "abu" | "abou" => Some("abu"),
        "de" | "du" | "d" => Some("de"),
        "von" | "van" => Some("von"),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/// Whether two spellings of one word of a name (a surname, a first name, a place) are the
/// same name. See the module documentation for the rules.
pub fn same_word(a: &str, b: &str, kind: EntityKind, part: Part) -> bool {
    let fa = fold(a);
    let fb = fold(b);
    if fa == fb {
        return true;
    }
    let common = lexicon::common_names();
    let groups: &[&SpellingGroups] = match kind {
        EntityKind::Person => &[&common.people],
        EntityKind::Place => &[&common.places],
        EntityKind::Organisation => &[&common.organisations],
    };
    for g in groups {
        match (g.index.get(&fa), g.index.get(&fb)) {
            (Some(x), Some(y)) => return x == y,
            _ => continue,
        }
    }
    if kind == EntityKind::Person && gendered_pair(&fa, &fb, part) {
        return false;
    }
    if kind == EntityKind::Organisation && (is_acronym(a) || is_acronym(b)) {
        return false;
    }
    let pa = phonetic_forms(a, part);
    let pb = phonetic_forms(b, part);
    pa.iter().any(|x| pb.iter().any(|y| close_forms(x, y)))
}

fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && s.chars().all(|c| !c.is_lowercase())
}

/// Gendered or family-suffix pairs that are never one name: Ivanov/Ivanova, Navalny/Navalnaïa,
/// Zelensky/Zelenska, Petersen/Peterson, and for first names Jean/Jeanne, Paul/Paula.
fn gendered_pair(a: &str, b: &str, part: Part) -> bool {
    let a = a.trim_end_matches(|c: char| !c.is_alphabetic());
    let b = b.trim_end_matches(|c: char| !c.is_alphabetic());
    let fem = |s: &str| s.ends_with('a');
    if fem(a) != fem(b) {
        return true;
    }
    if (a.ends_with("sen") && b.ends_with("son")) || (a.ends_with("son") && b.ends_with("sen")) {
        return true;
    }
    if part == Part::FirstName {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if let Some(rest) = long.strip_prefix(short)
            && matches!(
                rest,
                "e" | "ne" | "le" | "te" | "tte" | "ette" | "ine" | "a" | "ia"
            )
        {
            return true;
        }
        if let (Some(ga), Some(gb)) = (
            lexicon::common_names().first_names.get(a),
            lexicon::common_names().first_names.get(b),
        ) && ga != gb
        {
            return true;
        }
    }
    false
}

/// Two phonetic forms are close: equal, or (five letters or more) within a small weighted
/// edit budget and Jaro–Winkler ≥ 0.8.
fn close_forms(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let min = a.len().min(b.len());
    if min < 5 {
        return false;
    }
    let budget = if min >= 8 { 4 } else { 2 };
    close(a.as_bytes(), b.as_bytes(), budget) && strsim::jaro_winkler(a, b) >= 0.8
}

fn vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Cost of substituting `x` by `y` in half-steps, `None` when variants never do it.
fn substitution(x: u8, y: u8) -> Option<u32> {
    let pair = |p: u8, q: u8| (x == p && y == q) || (x == q && y == p);
    if pair(b'o', b'u') || pair(b'a', b'e') {
        Some(1)
    } else if vowel(x) && vowel(y)
        || pair(b'g', b'k')
        || pair(b'd', b't')
        || pair(b'b', b'p')
        || pair(b'v', b'f')
        || pair(b's', SIB)
        || pair(b'h', SIB)
        || pair(b'u', b'v')
    {
        Some(2)
    } else {
        None
    }
}

/// Weighted edit check: common prefix free, then one allowed edit at a time. `vowel_seen`
/// tells whether a vowel came before: the first vowel of a name may only change o ↔ u
/// (Mouammar/Muammar), since different names often differ right there (Macron/Micron,
/// Wagner/Wegner).
fn close(a: &[u8], b: &[u8], budget: u32) -> bool {
    close_from(a, b, budget, false)
}

fn close_from(a: &[u8], b: &[u8], budget: u32, vowel_seen: bool) -> bool {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let vowel_seen = vowel_seen || a[..p].iter().any(|&c| vowel(c));
    let (a, b) = (&a[p..], &b[p..]);
    if a.is_empty() && b.is_empty() {
        return true;
    }
    if budget == 0 {
        return false;
    }
    if let (Some(&x), Some(&y)) = (a.first(), b.first()) {
        let first_vowel_change =
            !vowel_seen && vowel(x) && vowel(y) && !matches!((x, y), (b'o', b'u') | (b'u', b'o'));
        if let Some(cost) = substitution(x, y)
            && !first_vowel_change
            && cost <= budget
            && close_from(&a[1..], &b[1..], budget - cost, vowel_seen || vowel(x))
        {
            return true;
        }
        if a.len() >= 2
            && b.len() >= 2
            && a[0] == b[1]
            && a[1] == b[0]
            && budget >= 2
            && close_from(&a[2..], &b[2..], budget - 2, true)
        {
            return true;
        }
    }
    let droppable = |c: u8| vowel(c) || c == b'h';
    if budget >= 2 {
        if a.first().is_some_and(|&c| droppable(c))
            && close_from(&a[1..], b, budget - 2, vowel_seen)
        {
            return true;
        }
        if b.first().is_some_and(|&c| droppable(c))
            && close_from(a, &b[1..], budget - 2, vowel_seen)
        {
            return true;
        }
    }
    false
}

/// Whether two spellings of a whole name (one or several words: `Evgueni Prigojine`,
/// `Yevgeny Prigozhin`; `Kiev`, `Kyiv`) name the same person, place or organisation.
/// Words are compared pairwise (first names as first names, the last word as a surname);
/// names of different lengths compare their last words and, when both have one, their
/// first words.
pub fn same_name(a: &str, b: &str, kind: EntityKind) -> bool {
    let fa = fold(a);
    let fb = fold(b);
    if fa == fb {
        return true;
    }
    let common = lexicon::common_names();
    let groups = match kind {
        EntityKind::Person => &common.people,
        EntityKind::Place => &common.places,
        EntityKind::Organisation => &common.organisations,
    };
    if let (Some(x), Some(y)) = (groups.index.get(&fa), groups.index.get(&fb)) {
        return x == y;
    }
    let wa: Vec<&str> = name_words(a).collect();
    let wb: Vec<&str> = name_words(b).collect();
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let word = |x: &str, y: &str, part: Part| match (particle_class(x), particle_class(y)) {
        (Some(p), Some(q)) => p == q,
        (None, None) => same_word(x, y, kind, part),
        _ => false,
    };
    if kind != EntityKind::Person || wa.len() == wb.len() {
        if wa.len() != wb.len() {
            return false;
        }
        let n = wa.len();
        return wa.iter().zip(&wb).enumerate().all(|(i, (x, y))| {
            let part = if i + 1 == n || kind != EntityKind::Person {
                Part::Surname
            } else {
                Part::FirstName
            };
            word(x, y, part)
        });
    }
    let last = word(wa[wa.len() - 1], wb[wb.len() - 1], Part::Surname);
    let first = wa.len() < 2 || wb.len() < 2 || word(wa[0], wb[0], Part::FirstName);
    last && first
}

// ---------------------------------------------------------------------------------------------
// House style
// ---------------------------------------------------------------------------------------------

/// The house style's names, folded for lookups: every spelling (and every part of a full
/// name) → the preferred spelling; and the names never flagged.
#[derive(Debug, Default, Clone)]
pub struct StyleNames {
    preferred: HashMap<String, String>,
    ignored: HashSet<String>,
}

impl StyleNames {
    pub fn new(style: &HouseStyle) -> Self {
        let mut preferred = HashMap::default();
        let mut parts: Vec<(String, String)> = Vec::new();
        for (pref, variants) in &style.names {
            preferred.insert(fold(pref), pref.clone());
            for v in variants {
                preferred.insert(fold(v), pref.clone());
            }
            let pw: Vec<&str> = pref.split_whitespace().collect();
            if pw.len() >= 2 {
                let p_first = pw[0];
                let p_last = pw[1..].join(" ");
                parts.push((fold(p_first), p_first.to_string()));
                parts.push((fold(&p_last), p_last.clone()));
                for v in variants {
                    let vw: Vec<&str> = v.split_whitespace().collect();
                    if vw.len() >= 2 {
                        parts.push((fold(vw[0]), p_first.to_string()));
                        parts.push((fold(&vw[1..].join(" ")), p_last.clone()));
                    }
                }
            }
        }
        for (k, v) in parts {
            preferred.entry(k).or_insert(v);
        }
        let ignored = style.ignore_names.iter().map(|n| fold(n)).collect();
        StyleNames { preferred, ignored }
    }

    /// The house style's spelling for `spelling` (a full name or one of its parts).
    pub fn preferred(&self, spelling: &str) -> Option<&str> {
        self.preferred.get(&fold(spelling)).map(String::as_str)
    }

    /// Both spellings are listed under the same preferred spelling.
    pub fn equivalent(&self, a: &str, b: &str) -> bool {
        matches!((self.preferred(a), self.preferred(b)), (Some(x), Some(y)) if x == y)
    }

    /// The name is never flagged.
    pub fn ignored(&self, name: &str) -> bool {
        !self.ignored.is_empty() && self.ignored.contains(&fold(name))
    }

    pub fn is_empty(&self) -> bool {
        self.preferred.is_empty()
    }

    /// The folded spellings whose preferred spelling differs between `self` and `other` (or
    /// that only one of them knows). A name none of whose spellings folds to one of these is
    /// checked the same under both (the names never flagged are not compared).
    pub fn differences(&self, other: &StyleNames) -> HashSet<String> {
        let mut out: HashSet<String> = HashSet::default();
        for (k, v) in &self.preferred {
            if other.preferred.get(k) != Some(v) {
                out.insert(k.clone());
            }
        }
        for (k, v) in &other.preferred {
            if self.preferred.get(k) != Some(v) {
                out.insert(k.clone());
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Canonical spelling
// ---------------------------------------------------------------------------------------------

/// One spelling of a name part in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Spelling {
    /// As written (the most frequent capitalisation).
    pub text: String,
    /// Number of mentions spelled this way.
    pub count: usize,
    /// Position of the first mention, in text order (byte offset).
    pub first: usize,
    /// Position of its first use inside a full-name mention, if any.
    pub first_full: Option<usize>,
}

/// Why a spelling is the canonical one (ANALYSIS.md §4.3, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CanonicalReason {
    HouseStyle,
    Convention,
    MostUsed,
    FirstFullName,
    Only,
}

/// How well a spelling follows a language's transliteration convention (French: `ou`, `j`,
/// `-ine`, `tch`, `gu`, `ï`, final `-i`; English: `zh`, `sh`, `kh`, `y`, `-in`; German: `sch`,
/// `w`, `tsch`): points for the language minus points for the others.
pub fn convention_score(spelling: &str, language: Language) -> i32 {
    let s = spelling.to_lowercase();
    let count = |pat: &str| s.matches(pat).count() as i32;
    let ends = |pat: &str| i32::from(s.ends_with(pat));
    let de = count("sch") + count("w") + count("tsch") + ends("j") + ends("ow");
    let fr = count("ou") + count("j") - ends("j") + ends("ine") + count("tch") - count("tsch")
        + count("gue")
        + count("gui")
        + count("ï")
        + count("ë")
        + i32::from(s.ends_with('i') && !s.ends_with("ii") && !s.ends_with("yi"));
    let en = count("zh") + count("sh") - count("sch") + count("y") + ends("in") - ends("ine")
        + ends("iy")
        + count("kh") / 2;
    match language {
        Language::French => 2 * fr - en - de,
        Language::English => 2 * en - fr - de,
    }
}

/// Picks the canonical spelling among an entity's spellings of one part (ANALYSIS.md §4.3):
/// the house style; else the article language's convention when one spelling follows it
/// (a known spelling group's language form, else [`convention_score`]); else the most used;
/// else the first used in a full name. Returns the spelling (possibly one the article does not
/// use, from the house style) and why.
pub fn canonical(
    spellings: &[Spelling],
    kind: EntityKind,
    language: Language,
    style: &StyleNames,
) -> (String, CanonicalReason) {
    for s in spellings {
        if let Some(p) = style.preferred(&s.text) {
            return (p.to_string(), CanonicalReason::HouseStyle);
        }
    }
    if spellings.len() == 1 {
        return (spellings[0].text.clone(), CanonicalReason::Only);
    }
    if spellings.is_empty() {
        return (String::new(), CanonicalReason::Only);
    }
    let common = lexicon::common_names();
    let groups = match kind {
        EntityKind::Person => &common.people,
        EntityKind::Place => &common.places,
        EntityKind::Organisation => &common.organisations,
    };
    if let Some(g) = spellings.iter().find_map(|s| groups.group(&s.text)) {
        let pref = fold(groups.preferred(g, language));
        if let Some(s) = spellings.iter().find(|s| fold(&s.text) == pref) {
            return (s.text.clone(), CanonicalReason::Convention);
        }
    }
    let scores: Vec<i32> = spellings
        .iter()
        .map(|s| convention_score(&s.text, language))
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best > 0 && scores.iter().filter(|&&x| x == best).count() == 1 {
        // Only a pure transliteration difference (the same phonetic form) is a matter of
        // convention: Prigojine / Prigozhin, not the typo Blinkin / Blinken.
        let i = scores.iter().position(|&x| x == best).unwrap_or(0);
        let forms = |t: &str| {
            let mut f = phonetic_forms(t, Part::Surname);
            f.extend(phonetic_forms(t, Part::FirstName));
            f
        };
        let fi = forms(&spellings[i].text);
        let pure = spellings
            .iter()
            .all(|s| forms(&s.text).iter().any(|f| fi.contains(f)));
        if pure {
            return (spellings[i].text.clone(), CanonicalReason::Convention);
        }
    }
    let most = spellings.iter().map(|s| s.count).max().unwrap_or(0);
    if spellings.iter().filter(|s| s.count == most).count() == 1
        && let Some(s) = spellings.iter().find(|s| s.count == most)
    {
        return (s.text.clone(), CanonicalReason::MostUsed);
    }
    let first = spellings
        .iter()
        .min_by_key(|s| (s.first_full.unwrap_or(usize::MAX), s.first))
        .unwrap_or(&spellings[0]);
    (first.text.clone(), CanonicalReason::FirstFullName)
}

/// A written name that is an alias of its group (`USA` for `États-Unis`): linked, never a
/// variant.
pub(crate) fn is_alias(name: &str, kind: EntityKind) -> bool {
    let c = lexicon::common_names();
    match kind {
        EntityKind::Place => c.places.is_alias(name),
        EntityKind::Organisation => c.organisations.is_alias(name),
        EntityKind::Person => c.people.is_alias(name),
    }
}

/// Case-insensitive key of a written spelling (accents kept: Nausėda ≠ Nauseda).
pub(crate) fn spelling_id(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\'' { '’' } else { c })
        .collect()
}

/// Collects the spellings of one part over `mentions` (`part` gives its span in a mention).
pub(crate) fn collect_spellings(
    text: &str,
    mentions: &[&Mention],
    part: impl Fn(&Mention) -> Option<std::ops::Range<usize>>,
) -> Vec<Spelling> {
    let mut out: Vec<Spelling> = Vec::new();
    let mut forms: Vec<HashMap<&str, usize>> = Vec::new();
    // Spelling index by written form and by id: one `spelling_id` per distinct written form.
    let mut by_written: HashMap<&str, usize> = HashMap::default();
    let mut by_id: HashMap<String, usize> = HashMap::default();
    for m in mentions {
        let Some(span) = part(m) else { continue };
        let Some(written) = text.get(span.clone()) else {
            continue;
        };
        let full = m.first_name.is_some();
        let found = match by_written.get(written) {
            Some(&i) => Some(i),
            None => {
                let id = spelling_id(written);
                let i = by_id.get(&id).copied();
                let i = i.unwrap_or_else(|| {
                    by_id.insert(id, out.len());
                    out.len()
                });
                by_written.insert(written, i);
                (i < out.len()).then_some(i)
            }
        };
        match found {
            Some(i) => {
                out[i].count += 1;
                if full && out[i].first_full.is_none() {
                    out[i].first_full = Some(span.start);
                }
                *forms[i].entry(written).or_default() += 1;
            }
            None => {
                out.push(Spelling {
                    text: written.to_string(),
                    count: 1,
                    first: span.start,
                    first_full: full.then_some(span.start),
                });
                let mut f = HashMap::default();
                f.insert(written, 1);
                forms.push(f);
            }
        }
    }
    // Display the most frequent capitalisation, preferring a non-all-caps one.
    for (s, f) in out.iter_mut().zip(&forms) {
        if let Some((w, _)) = f
            .iter()
            .max_by_key(|(w, n)| (!is_all_caps(w), **n, w.len()))
        {
            s.text = (*w).to_string();
        }
    }
    out
}

/// The words around `span` are capitals too (a headline in capitals).
fn shouting(text: &str, span: &std::ops::Range<usize>) -> bool {
    let before = text[..span.start].chars().rev().take(24);
    let after = text[span.end..].chars().take(24);
    let mut letters = 0;
    for c in before.chain(after) {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4
}

fn is_all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase)
}

// ---------------------------------------------------------------------------------------------
// The finding
// ---------------------------------------------------------------------------------------------

/// Raises `name-variant` on each mention whose spelling differs from its entity's canonical one.
///
/// The span is the differing word(s); the message names the canonical spelling and every
/// variant with counts; related places are the first mention of each other spelling; fixes replace this
/// mention with the canonical spelling (preferred), with each other variant, and rewrite every
/// mention of the entity to one spelling in a single fix.
pub fn check<'t>(
    text: &'t str,
    mentions: &[Mention],
    entities: &[Entity],
    language: Language,
    style: &HouseStyle,
    findings: &mut Vec<Finding>,
) {
    let names = StyleNames::new(style);
    // Per written spelling: whether it is an alias of its group, and its spelling id.
    let mut alias: HashMap<(&str, EntityKind), bool> = HashMap::default();
    let mut ids: HashMap<&str, Rc<str>> = HashMap::default();
    let mut id_of = |w: &'t str| -> Rc<str> {
        if let Some(id) = ids.get(w) {
            return Rc::clone(id);
        }
        let id: Rc<str> = spelling_id(w).into();
        ids.insert(w, Rc::clone(&id));
        id
    };
    for entity in entities {
        if names.ignored(&entity.name) || names.ignored(&entity.surname) {
            continue;
        }
        let ms: Vec<&Mention> = entity
            .mentions
            .iter()
            .filter_map(|&i| mentions.get(i))
            .filter(|m| {
                text.get(m.name.clone()).is_some_and(|n| {
                    !names.ignored(n)
                        && !*alias
                            .entry((n, entity.kind))
                            .or_insert_with(|| is_alias(n, entity.kind))
                })
            })
            .collect();
        if ms.is_empty() {
            continue;
        }
        let surnames = collect_spellings(text, &ms, |m| Some(m.surname.clone()));
        let firsts = collect_spellings(text, &ms, |m| m.first_name.clone());
        let (canon_s, why_s) = canonical(&surnames, entity.kind, language, &names);
        let (canon_f, why_f) = canonical(&firsts, entity.kind, language, &names);
        let s_id = spelling_id(&canon_s);
        let f_id = spelling_id(&canon_f);
        let surname_ids: Vec<String> = surnames.iter().map(|s| spelling_id(&s.text)).collect();
        let first_ids: Vec<String> = firsts.iter().map(|s| spelling_id(&s.text)).collect();
        let s_varies = surname_ids.iter().any(|id| *id != s_id);
        let f_varies = first_ids.iter().any(|id| *id != f_id);
        if !s_varies && !f_varies {
            continue;
        }
        // Spelling ids of each mention's surname and first name (same ids as `text`'s).
        let m_ids: Vec<(Rc<str>, Option<Rc<str>>)> = ms
            .iter()
            .map(|m| {
                (
                    id_of(&text[m.surname.clone()]),
                    m.first_name.clone().map(|f| id_of(&text[f])),
                )
            })
            .collect();
        let everywhere = |target_s: &str, target_f: Option<&str>| -> Vec<Replacement> {
            let mut edits = Vec::new();
            for m in &ms {
                if let Some(e) = replacement(text, m.surname.clone(), target_s) {
                    edits.push(e);
                }
                if let (Some(span), Some(f)) = (m.first_name.clone(), target_f)
                    && let Some(e) = replacement(text, span, f)
                {
                    edits.push(e);
                }
            }
            edits.sort_by_key(|e| e.span.start);
            edits
        };
        // Each spelling of the surname, and of the first name, in order of first use: its first
        // mention and how many mentions use it. Related places point at these, so a finding
        // lists each other spelling once however often the name recurs.
        let mut surname_uses: Vec<(usize, usize)> = Vec::new();
        let mut first_uses: Vec<(usize, usize)> = Vec::new();
        for (mn, (s, f)) in m_ids.iter().enumerate() {
            match surname_uses.iter_mut().find(|(at, _)| m_ids[*at].0 == *s) {
                Some((_, count)) => *count += 1,
                None => surname_uses.push((mn, 1)),
            }
            if f.is_some() {
                match first_uses.iter_mut().find(|(at, _)| m_ids[*at].1 == *f) {
                    Some((_, count)) => *count += 1,
                    None => first_uses.push((mn, 1)),
                }
            }
        }
        let canon_full = if f_varies || firsts.len() == 1 && entity.first_name.is_some() {
            format!("{canon_f} {canon_s}")
        } else {
            canon_s.clone()
        };
        let all_fix = Fix {
            title: format!(
                "Use « {} » for every mention in this article",
                canon_full.trim()
            ),
            edits: everywhere(&canon_s, f_varies.then_some(canon_f.as_str())).into(),
            preferred: false,
        };
        // The "every mention" fix is one article-wide edit: each finding carries a copy, within
        // a budget of edits per entity, so that thousands of variant mentions of one name stay
        // linear (the first finding always carries it; `source.fixAll` covers the rest).
        let mut shared_budget = MAX_SHARED_FIX_EDITS;
        // The messages depend on the entity only.
        let message_s = describe(&canon_s, why_s, &surnames, language);
        let message_f = describe(&canon_f, why_f, &firsts, language);
        for (mn, m) in ms.iter().enumerate() {
            let (written_s_id, written_f_id) = &m_ids[mn];
            let s_diff = **written_s_id != *s_id;
            let f_span = m.first_name.clone();
            let f_diff = f_varies && written_f_id.as_ref().is_some_and(|f| **f != *f_id);
            if !s_diff && !f_diff {
                continue;
            }
            let span = match (&f_span, s_diff, f_diff) {
                (Some(f), true, true) => f.start.min(m.surname.start)..m.surname.end.max(f.end),
                (Some(f), false, true) => f.clone(),
                _ => m.surname.clone(),
            };
            let message = match (s_diff, f_diff) {
                (true, true) => format!("{message_s}; {message_f}"),
                (true, false) => message_s.clone(),
                _ => message_f.clone(),
            };
            let mut finding = Finding::new(Code::NameVariant, span, message);
            // Related: the first mention of each spelling other than this one's.
            let other_surnames = surname_uses
                .iter()
                .filter(|(at, _)| m_ids[*at].0 != *written_s_id);
            let other_firsts = first_uses.iter().filter(|(at, _)| {
                f_varies && written_f_id.is_some() && m_ids[*at].1 != *written_f_id
            });
            for &(at, count) in other_surnames.chain(other_firsts).take(MAX_RELATED) {
                let other = ms[at];
                let written = &text[other.name.clone()];
                finding.related.push(Related {
                    span: other.name.clone(),
                    message: if count == 1 {
                        format!("spelled « {written} » here")
                    } else {
                        format!("spelled « {written} » here first ({count}×)")
                    },
                });
            }
            // Fixes: canonical (preferred), each other variant, every mention.
            let mut edits = Vec::new();
            if s_diff && let Some(e) = replacement(text, m.surname.clone(), &canon_s) {
                edits.push(e);
            }
            if f_diff
                && let Some(f) = f_span.clone()
                && let Some(e) = replacement(text, f, &canon_f)
            {
                edits.push(e);
            }
            edits.sort_by_key(|e| e.span.start);
            let title_target = edits
                .iter()
                .map(|e| e.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            finding.fixes.push(Fix {
                title: format!("Replace with « {title_target} »"),
                edits: edits.into(),
                preferred: true,
            });
            if s_diff {
                for (v, id) in surnames.iter().zip(&surname_ids) {
                    if *id == s_id || **id == **written_s_id {
                        continue;
                    }
                    if let Some(e) = replacement(text, m.surname.clone(), &v.text) {
                        finding.fixes.push(Fix {
                            title: format!("Replace with « {} »", v.text),
                            edits: vec![e].into(),
                            preferred: false,
                        });
                    }
                }
            }
            if f_diff
                && let Some(f) = f_span.clone()
                && let Some(written_f) = written_f_id
            {
                for (v, id) in firsts.iter().zip(&first_ids) {
                    if *id == f_id || **id == **written_f {
                        continue;
                    }
                    if let Some(e) = replacement(text, f.clone(), &v.text) {
                        finding.fixes.push(Fix {
                            title: format!("Replace with « {} »", v.text),
                            edits: vec![e].into(),
                            preferred: false,
                        });
                    }
                }
            }
            if !all_fix.edits.is_empty()
                && (shared_budget == MAX_SHARED_FIX_EDITS || all_fix.edits.len() <= shared_budget)
            {
                shared_budget = shared_budget.saturating_sub(all_fix.edits.len());
                finding.fixes.push(all_fix.clone());
            }
            findings.push(finding);
        }
    }
}

/// Related locations (other spellings) listed on one `name-variant` finding.
const MAX_RELATED: usize = 20;

/// Edits of the "every mention" fix copied onto the findings of one entity: beyond it, only
/// the first finding carries that fix. An article names one person a few dozen times at most,
/// far below; only a generated or pathological document reaches it.
pub const MAX_SHARED_FIX_EDITS: usize = 4096;

/// `Prigojine (1×) is also spelled Prigozhin (5×) in this article (French convention)`.
fn describe(
    canon: &str,
    why: CanonicalReason,
    spellings: &[Spelling],
    language: Language,
) -> String {
    let cid = spelling_id(canon);
    let canon_count = spellings
        .iter()
        .find(|s| spelling_id(&s.text) == cid)
        .map_or(0, |s| s.count);
    let others: Vec<String> = spellings
        .iter()
        .filter(|s| spelling_id(&s.text) != cid)
        .map(|s| format!("{} ({}×)", s.text, s.count))
        .collect();
    let reason = match why {
        CanonicalReason::HouseStyle => "the house style's spelling".to_string(),
        CanonicalReason::Convention => match language {
            Language::French => "French transliteration".to_string(),
            Language::English => "English transliteration".to_string(),
        },
        CanonicalReason::MostUsed => "most used".to_string(),
        CanonicalReason::FirstFullName | CanonicalReason::Only => {
            "first full-name spelling".to_string()
        }
    };
    if canon_count == 0 {
        format!(
            "{canon} is {reason}; this article spells it {}",
            others.join(", ")
        )
    } else {
        format!(
            "{canon} ({canon_count}×) is also spelled {} in this article; {canon} is the {reason}",
            others.join(", ")
        )
    }
}

/// Replace `span` by `target`, keeping an all-caps spelling all caps; `None` when unchanged.
fn replacement(text: &str, span: std::ops::Range<usize>, target: &str) -> Option<Replacement> {
    let written = text.get(span.clone())?;
    let new = if is_all_caps(written) && shouting(text, &span) {
        target.to_uppercase()
    } else {
        target.to_string()
    };
    (new != written).then_some(Replacement { span, text: new })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(a: &str, b: &str) -> bool {
        same_name(a, b, EntityKind::Person)
    }

    #[test]
    fn folds() {
        assert_eq!(fold("Nausėda"), "nauseda");
        assert_eq!(fold("d’Estaing"), "d'estaing");
        assert_eq!(fold("Kyïv"), "kyiv");
        assert_eq!(fold("Gauß"), "gauss");
    }

    #[test]
    fn conventions_meet() {
        assert!(person("Prigojine", "Prigozhin"));
        assert!(person("Prigoschin", "Prigozhin"));
        assert!(person("Evgueni Prigojine", "Yevgeny Prigozhin"));
        assert!(person("Loukachenko", "Lukaschenko"));
        assert!(person("Kadhafi", "Gaddafi"));
        assert!(person("Blinken", "Blinkin"));
    }

    #[test]
    fn precision() {
        assert!(!person("Putin", "Patten"));
        assert!(!person("Putin", "Peyton"));
        assert!(!person("Ivanov", "Ivanova"));
        assert!(!person("Navalny", "Navalnaïa"));
        assert!(!person("Biden", "Blinken"));
        assert!(!person("Obama", "Osama"));
        assert!(!person("Bill Clinton", "Hillary Clinton"));
        assert!(!same_name("Russie", "Russe", EntityKind::Place));
        assert!(!same_word(
            "Jean",
            "Jeanne",
            EntityKind::Person,
            Part::FirstName
        ));
    }

    #[test]
    fn keys_bucket_variants() {
        let a = spelling_keys("Prigojine");
        let b = spelling_keys("Prigozhin");
        assert!(a.iter().any(|k| b.contains(k)), "{a:?} {b:?}");
        assert_eq!(spelling_key(""), "");
    }

    #[test]
    fn convention_picks_language_forms() {
        let sp = |t: &str, n| Spelling {
            text: t.into(),
            count: n,
            first: 0,
            first_full: None,
        };
        let s = [sp("Prigozhin", 5), sp("Prigojine", 1), sp("Prigoschin", 1)];
        let none = StyleNames::default();
        assert_eq!(
            canonical(&s, EntityKind::Person, Language::French, &none).0,
            "Prigojine"
        );
        assert_eq!(
            canonical(&s, EntityKind::Person, Language::English, &none).0,
            "Prigozhin"
        );
        let f = [sp("Evgeny", 1), sp("Evgueni", 1)];
        assert_eq!(
            canonical(&f, EntityKind::Person, Language::French, &none).0,
            "Evgueni"
        );
        assert_eq!(
            canonical(&f, EntityKind::Person, Language::English, &none).0,
            "Evgeny"
        );
    }

    #[test]
    fn house_style_parts() {
        let style = HouseStyle {
            names: vec![(
                "Evgueni Prigojine".into(),
                vec!["Yevgeny Prigozhin".into(), "Evgeny Prigozhin".into()],
            )],
            ..HouseStyle::default()
        };
        let n = StyleNames::new(&style);
        assert_eq!(n.preferred("Prigozhin"), Some("Prigojine"));
        assert_eq!(n.preferred("Evgeny"), Some("Evgueni"));
        assert_eq!(n.preferred("yevgeny prigozhin"), Some("Evgueni Prigojine"));
        assert!(n.equivalent("Yevgeny", "Evgeny"));
    }

    #[test]
    fn never_panics_on_odd_words() {
        for w in [
            "",
            "ǅ",
            "\u{301}",
            "ß",
            "ıİ",
            "jjjjjjjjjjjjchchchchch",
            "\0",
            "Ⅻ",
        ] {
            let _ = phonetic_forms(w, Part::Surname);
            let _ = spelling_keys(w);
            let _ = same_name(w, "Putin", EntityKind::Person);
            let _ = convention_score(w, Language::French);
        }
    }
}

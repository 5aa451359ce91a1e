//! Per-paragraph memory from one analysis of a document to the next.
//!
//! Some results depend on one paragraph's text and nothing else (its kind and language, its
//! tokens and sentences). [`ByText`] keeps them by the paragraph's text, relative to the
//! paragraph's start, so that after a keystroke every paragraph but the edited one is found
//! again, wherever it moved. It only ever skips work: a result is reused for a text equal to
//! the one it was computed from (the map compares the whole text, not just its hash).
//!
//! Memory stays bounded by the document: each analysis keeps only the entries its text used
//! (the previous generation is dropped when the next one starts).

use rustc_hash::FxHashMap;

/// Results by paragraph text, from the previous analysis and the one under way.
#[derive(Debug)]
pub struct ByText<V> {
    previous: FxHashMap<Box<str>, V>,
    current: FxHashMap<Box<str>, V>,
    /// Paragraphs of the analysis under way (or the last one) found again / computed.
    pub reused: usize,
    pub computed: usize,
}

impl<V> Default for ByText<V> {
    fn default() -> Self {
        ByText {
            previous: FxHashMap::default(),
            current: FxHashMap::default(),
            reused: 0,
            computed: 0,
        }
    }
}

impl<V> ByText<V> {
    /// Begins an analysis: what the last one used becomes what this one may reuse.
    pub fn start(&mut self) {
        self.previous = std::mem::take(&mut self.current);
        self.reused = 0;
        self.computed = 0;
    }

    /// Forgets everything (the results depend on something else that changed: the language,
    /// Markdown or not).
    pub fn clear(&mut self) {
        self.previous.clear();
        self.current.clear();
    }

    /// The result for paragraph text `key`: found again, or `compute`d and kept.
    pub fn get_or(&mut self, key: &str, compute: impl FnOnce() -> V) -> &V {
        if self.current.contains_key(key) {
            self.reused += 1;
        } else if let Some((k, v)) = self.previous.remove_entry(key) {
            self.reused += 1;
            self.current.insert(k, v);
        } else {
            self.computed += 1;
            self.current.insert(key.into(), compute());
        }
        &self.current[key]
    }

    /// The kept results for paragraph text `key` (found again, or empty), for results that
    /// depend on more than the text: the caller keeps a few readings per text, picks the one
    /// that fits, and counts it in the `reused` / `computed` returned beside.
    pub fn slot(&mut self, key: &str) -> (&mut V, &mut usize, &mut usize)
    where
        V: Default,
    {
        if !self.current.contains_key(key) {
            let (k, v) = self
                .previous
                .remove_entry(key)
                .unwrap_or_else(|| (key.into(), V::default()));
            self.current.insert(k, v);
        }
        let value = self.current.get_mut(key).expect("just inserted");
        (value, &mut self.reused, &mut self.computed)
    }
}

//! Per-language word lists (reporting verbs, cue phrases, titles, function words), kept as
//! data files under `lexicon/` so that a new language is a new file, not new code.

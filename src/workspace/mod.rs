//! The newsroom's folder as one body of work: every article's analysis, the house style, and
//! the cross-article view of names.
//!
//! [`Workspace`] is shared by the language server and `copydesk check`. Articles come from
//! disk ([`scan`]) or, for documents open in the editor, from the editor's buffer; the index
//! always holds the newest of the two. The house style is `copydesk.toml` ([`style`]) merged
//! with the editor's settings ([`settings`]); the file wins where both set a value.
//!
//! An article read from disk is indexed for what the folder's features read of an article
//! nobody opened ([`Workspace::index_names`]: language, paragraphs, mentions, entities) and
//! finished — quotes, speakers, findings — when first needed whole
//! ([`Workspace::complete`]), with the options it was indexed with: the same analysis in two
//! steps. Folder scans read articles on every core ([`Workspace::scan_folder`]).

pub mod names;
pub mod scan;
pub mod settings;
pub mod style;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use dashmap::DashMap;
use ropey::Rope;
use tracing::{info, warn};

use crate::analysis::{self, Analysis, AnalysisOptions, HouseStyle, Language};
use style::{StyleError, StyleFile};

/// One article of the folder, analysed.
#[derive(Debug)]
pub struct IndexedArticle {
    pub path: PathBuf,
    pub rope: Rope,
    pub analysis: Analysis,
    /// The editor's version when the text comes from an open buffer; `None` when from disk.
    pub open_version: Option<i32>,
    /// Per entity (same order as `analysis.entities`): its spelling keys and spellings, worked
    /// out once so that cross-article checks never re-read the text.
    pub names: Vec<names::EntityNames>,
    /// The house style the analysis's `name-variant` findings were checked with, on the
    /// rope's own text (`None` when unknown, and for Markdown, checked through its mask): the
    /// folder's findings keep those of the entities the folder does not change
    /// ([`names::folder_findings`]).
    pub variants_style: Option<HouseStyle>,
    /// Every mention's name as written, in text order, each followed by a NUL: two versions
    /// of an article spell the same names when these are equal (see [`Workspace::put`]).
    mention_names: String,
    /// `Some` (with the options it was read with) when `analysis` holds only what the folder
    /// reads of an article nobody opened ([`analysis::analyze_names`]: language, paragraphs,
    /// mentions, entities; no quotes, no findings). [`Workspace::complete`] finishes it.
    names_only: Option<AnalysisOptions>,
}

impl IndexedArticle {
    /// An analysed article; `text` is the rope's text (the one that was analysed).
    pub fn new(
        path: PathBuf,
        rope: Rope,
        text: &str,
        analysis: Analysis,
        open_version: Option<i32>,
    ) -> IndexedArticle {
        let names = names::EntityNames::of(text, &analysis);
        IndexedArticle::with_names(path, rope, text, analysis, open_version, names)
    }

    fn with_names(
        path: PathBuf,
        rope: Rope,
        text: &str,
        analysis: Analysis,
        open_version: Option<i32>,
        names: Vec<names::EntityNames>,
    ) -> IndexedArticle {
        let mut mention_names = String::new();
        for m in &analysis.mentions {
            mention_names.push_str(text.get(m.name.clone()).unwrap_or(""));
            mention_names.push('\0');
        }
        IndexedArticle {
            path,
            rope,
            analysis,
            open_version,
            names,
            variants_style: None,
            mention_names,
            names_only: None,
        }
    }

    /// An article read by [`analysis::analyze_names`] with `options`: what the folder's
    /// features read of it (names, entities, their spellings) is there; its quotes and
    /// findings are not, until [`Workspace::complete`].
    pub fn names_only(
        path: PathBuf,
        rope: Rope,
        text: &str,
        analysis: Analysis,
        options: AnalysisOptions,
    ) -> IndexedArticle {
        let memo = &mut analysis::variants::KeyMemo::default();
        IndexedArticle::names_only_with(path, rope, text, analysis, options, memo)
    }

    /// [`IndexedArticle::names_only`], with spelling keys from `memo` (folder indexing keeps
    /// one per thread from one article to the next).
    pub fn names_only_with(
        path: PathBuf,
        rope: Rope,
        text: &str,
        analysis: Analysis,
        options: AnalysisOptions,
        memo: &mut analysis::variants::KeyMemo,
    ) -> IndexedArticle {
        let names = names::EntityNames::of_with(text, &analysis, memo);
        let mut article = IndexedArticle::with_names(path, rope, text, analysis, None, names);
        article.names_only = Some(options);
        article
    }

    /// Whether the analysis is whole (quotes and findings included); `false` for an article
    /// indexed from disk and not yet needed whole (see [`Workspace::complete`]).
    pub fn is_complete(&self) -> bool {
        self.names_only.is_none()
    }

    /// Records the options the analysis was made with (see [`IndexedArticle::variants_style`]).
    pub fn analysed_with(mut self, options: &AnalysisOptions) -> IndexedArticle {
        self.variants_style = (!options.markdown).then(|| options.style.clone());
        self
    }
}

/// The state of `copydesk.toml`.
#[derive(Debug, Clone, Default)]
pub struct StyleState {
    /// Where the file was read from, if one was found.
    pub path: Option<PathBuf>,
    /// The last valid contents (kept in force while the file is malformed).
    pub file: Option<StyleFile>,
    /// The current problem with the file, if it is malformed, with its text for positions.
    pub error: Option<(StyleError, String)>,
}

/// Every article of the open folders, and the style that applies to them.
#[derive(Debug, Default)]
pub struct Workspace {
    folders: RwLock<Vec<PathBuf>>,
    articles: DashMap<PathBuf, Arc<IndexedArticle>>,
    /// Entities of every article by spelling key, for cross-article names.
    names: names::NameIndex,
    style: RwLock<StyleState>,
    editor: RwLock<(HouseStyle, Option<Language>)>,
    /// Bumped whenever an article's names or the style change: cross-article results computed
    /// before are out of date.
    generation: AtomicU64,
    /// The folder's names summed at a generation (see [`Workspace::folder_names`]).
    folder_names: std::sync::Mutex<Option<(u64, Arc<names::FolderNames>)>>,
    /// See [`Workspace::completions`].
    completions: std::sync::atomic::AtomicUsize,
}

/// Files scanned and skipped by one folder scan.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScanReport {
    pub indexed: usize,
    pub skipped: Vec<(PathBuf, String)>,
}

impl Workspace {
    pub fn folders(&self) -> Vec<PathBuf> {
        self.folders
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_folders(&self, folders: Vec<PathBuf>) {
        *self.folders.write().unwrap_or_else(|e| e.into_inner()) = folders;
    }

    pub fn add_folder(&self, folder: PathBuf) {
        let mut f = self.folders.write().unwrap_or_else(|e| e.into_inner());
        if !f.contains(&folder) {
            f.push(folder);
        }
    }

    /// Forgets a folder and every article under it.
    pub fn remove_folder(&self, folder: &Path) {
        self.folders
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|f| f != folder);
        let gone: Vec<PathBuf> = self
            .articles
            .iter()
            .filter(|a| a.key().starts_with(folder))
            .map(|a| a.key().clone())
            .collect();
        for path in gone {
            self.remove(&path);
        }
        self.bump();
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The editor's settings (the style file wins over them).
    pub fn set_editor_settings(&self, style: HouseStyle, language: Option<Language>) {
        *self.editor.write().unwrap_or_else(|e| e.into_inner()) = (style, language);
        self.bump();
    }

    pub fn style_state(&self) -> StyleState {
        self.style.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The merged house style and forced language.
    pub fn style(&self) -> (HouseStyle, Option<Language>) {
        let editor = self
            .editor
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let state = self.style.read().unwrap_or_else(|e| e.into_inner());
        style::merge(state.file.as_ref(), &editor.0, editor.1)
    }

    /// The analysis options for an article at `path` (Markdown by extension or language id).
    pub fn options_for(&self, path: &Path, language_id: Option<&str>) -> AnalysisOptions {
        let (style, mut language) = self.style();
        if let Some(from_editor) = language_id.and_then(Language::parse) {
            language = Some(from_editor);
        }
        let markdown = language_id == Some("markdown")
            || matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "markdown")
            );
        AnalysisOptions {
            language,
            markdown,
            style,
        }
    }

    /// Where `copydesk.toml` would be for `path`: the root of the folder holding it, else the
    /// nearest ancestor that has one.
    pub fn style_path_for(&self, path: &Path) -> Option<PathBuf> {
        if let Some(root) = self.folders().into_iter().find(|f| path.starts_with(f)) {
            return Some(root.join(style::FILE_NAME));
        }
        path.ancestors()
            .skip(1)
            .map(|a| a.join(style::FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Reads `copydesk.toml` at `path`. A malformed file keeps the previous valid style and
    /// records the error. Returns whether anything changed.
    pub fn load_style(&self, path: &Path) -> bool {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                warn!(path = %path.display(), %e, "cannot read the house style file");
                return false;
            }
        };
        self.load_style_text(path, text.as_deref())
    }

    /// Like [`Workspace::load_style`], from text already in hand (`None`: the file is gone).
    pub fn load_style_text(&self, path: &Path, text: Option<&str>) -> bool {
        let mut state = self.style.write().unwrap_or_else(|e| e.into_inner());
        let before = (state.file.clone(), state.error.clone());
        match text {
            None => {
                if state.path.as_deref() == Some(path) {
                    *state = StyleState::default();
                }
            }
            Some(text) => {
                state.path = Some(path.to_path_buf());
                match style::parse(text) {
                    Ok(file) => {
                        info!(path = %path.display(), "house style loaded");
                        state.file = Some(file);
                        state.error = None;
                    }
                    Err(err) => {
                        warn!(path = %path.display(), message = %err.message, "house style file is malformed; the previous style stays in force");
                        state.error = Some((err, text.to_string()));
                    }
                }
            }
        }
        let changed = (state.file.clone(), state.error.clone()) != before;
        drop(state);
        if changed {
            self.bump();
        }
        changed
    }

    /// Analyses `text` as the article at `path` and puts it in the index.
    pub fn index_text(
        &self,
        path: &Path,
        text: &str,
        open_version: Option<i32>,
        language_id: Option<&str>,
    ) -> Arc<IndexedArticle> {
        let options = self.options_for(path, language_id);
        let analysis = analysis::analyze(text, &options);
        let article = Arc::new(
            IndexedArticle::new(
                path.to_path_buf(),
                Rope::from_str(text),
                text,
                analysis,
                open_version,
            )
            .analysed_with(&options),
        );
        self.put(article.clone());
        article
    }

    /// Reads `text` as the article at `path` from disk for the folder: only what the folder's
    /// features read of an article that is not open ([`analysis::analyze_names`]), and puts it
    /// in the index. Its quotes and findings are found when first needed
    /// ([`Workspace::complete`]), with the options it was read with now: the same analysis
    /// [`Workspace::index_text`] makes, in two steps.
    pub fn index_names(&self, path: &Path, text: &str) -> Arc<IndexedArticle> {
        self.index_names_with(path, text, &mut analysis::variants::KeyMemo::default())
    }

    /// [`Workspace::index_names`], with spelling keys from `memo`, kept from one article to
    /// the next while indexing a folder (one per thread). Same index.
    pub fn index_names_with(
        &self,
        path: &Path,
        text: &str,
        memo: &mut analysis::variants::KeyMemo,
    ) -> Arc<IndexedArticle> {
        let options = self.options_for(path, None);
        let analysis = analysis::analyze_names_with(text, &options, memo);
        let article = Arc::new(IndexedArticle::names_only_with(
            path.to_path_buf(),
            Rope::from_str(text),
            text,
            analysis,
            options,
            memo,
        ));
        self.put(article.clone());
        article
    }

    /// The article whole: `article` itself when its analysis is complete, else its analysis
    /// finished ([`analysis::finish`], with the options it was indexed with), which replaces
    /// it in the index if it is still the current version (its names are the same: nothing
    /// else changes). Equal to analysing its text with [`Workspace::index_text`] when it was
    /// indexed.
    pub fn complete(&self, article: &Arc<IndexedArticle>) -> Arc<IndexedArticle> {
        let Some(options) = &article.names_only else {
            return article.clone();
        };
        self.completions.fetch_add(1, Ordering::Relaxed);
        let text = article.rope.to_string();
        let analysis = analysis::finish(&text, options, article.analysis.clone());
        let full = Arc::new(
            IndexedArticle {
                path: article.path.clone(),
                rope: article.rope.clone(),
                analysis,
                open_version: article.open_version,
                names: article.names.clone(),
                variants_style: None,
                mention_names: article.mention_names.clone(),
                names_only: None,
            }
            .analysed_with(options),
        );
        if let Some(mut current) = self.articles.get_mut(&article.path)
            && Arc::ptr_eq(&current, article)
        {
            *current = full.clone();
        }
        full
    }

    /// How many analyses [`Workspace::complete`] has finished: each article indexed from disk
    /// is finished once, when first needed whole, never at indexing.
    pub fn completions(&self) -> usize {
        self.completions.load(Ordering::Relaxed)
    }

    /// Puts an analysed article in the index (replacing the previous one for its path).
    /// Returns whether its names changed.
    pub fn put(&self, article: Arc<IndexedArticle>) -> bool {
        self.put_reporting(article, false).is_some()
    }

    /// [`Workspace::put`], saying which groups of names changed: `None` when the article's
    /// names are the same as before, else the groups whose sums changed
    /// ([`names::changed_groups`]; not worked out unless `report`). Other articles'
    /// cross-article findings can only change if they read one of these.
    pub fn put_reporting(
        &self,
        article: Arc<IndexedArticle>,
        report: bool,
    ) -> Option<Vec<names::GroupKey>> {
        let old = self.articles.get(&article.path).map(|a| a.clone());
        let changed = match &old {
            Some(old) if same_names(old, &article) => None,
            _ if !report => Some(Vec::new()),
            old => Some(names::changed_groups(old.as_deref(), &article)),
        };
        if changed.is_some() {
            self.names.insert(&article);
        }
        self.articles.insert(article.path.clone(), article);
        if changed.is_some() {
            self.bump();
        }
        changed
    }

    /// Re-reads an article from disk (after a change on disk, or when the editor closes it).
    /// A file that can no longer be read leaves the index.
    pub fn refresh_from_disk(&self, path: &Path) -> Result<(), scan::Skip> {
        match scan::read_article(path) {
            Ok(text) => {
                self.index_names(path, &text);
                Ok(())
            }
            Err(skip) => {
                self.remove(path);
                Err(skip)
            }
        }
    }

    pub fn remove(&self, path: &Path) {
        self.names.remove(path);
        if self.articles.remove(path).is_some() {
            self.bump();
        }
    }

    pub fn get(&self, path: &Path) -> Option<Arc<IndexedArticle>> {
        self.articles.get(path).map(|a| a.clone())
    }

    /// Every indexed article, sorted by path.
    pub fn articles(&self) -> Vec<Arc<IndexedArticle>> {
        let mut all: Vec<_> = self.articles.iter().map(|a| a.clone()).collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Indexes every article under `root`, skipping (and reporting) what cannot be read.
    /// `is_open` says which paths the editor owns (their buffers are newer than the disk);
    /// `progress` is called with (done, total) now and then.
    pub fn scan_folder(
        &self,
        root: &Path,
        is_open: &(dyn Fn(&Path) -> bool + Sync),
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> ScanReport {
        let style_path = root.join(style::FILE_NAME);
        if style_path.is_file() {
            self.load_style(&style_path);
        }
        let (paths, errors) = scan::articles_under(root);
        let mut report = ScanReport {
            skipped: errors,
            ..ScanReport::default()
        };
        let total = paths.len();
        let done = AtomicU64::new(0);
        let skipped = std::sync::Mutex::new(Vec::new());
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4)
            .min(total.max(1));
        // Each thread takes the next article when it is done with one: the threads finish
        // together however the articles' sizes (or the machine's other work) fall.
        let next = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let (done, skipped, next, paths) = (&done, &skipped, &next, &paths);
                scope.spawn(move || {
                    // The articles of a folder share names: their spelling keys are worked
                    // out once per thread.
                    let mut memo = analysis::variants::KeyMemo::default();
                    while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed) as usize) {
                        if !is_open(path) {
                            match scan::read_article(path) {
                                Ok(text) => {
                                    self.index_names_with(path, &text, &mut memo);
                                }
                                Err(skip) => {
                                    warn!(path = %path.display(), reason = %skip, "skipped while indexing");
                                    skipped.lock().unwrap_or_else(|e| e.into_inner()).push((path.clone(), skip.to_string()));
                                }
                            }
                        }
                        let n = done.fetch_add(1, Ordering::Relaxed) as usize + 1;
                        if n % 100 == 0 || n == total {
                            progress(n, total);
                        }
                    }
                });
            }
        });
        let skipped = skipped.into_inner().unwrap_or_else(|e| e.into_inner());
        report.indexed = total - skipped.len();
        report.skipped.extend(skipped);
        info!(root = %root.display(), indexed = report.indexed, skipped = report.skipped.len(), "folder indexed");
        report
    }
}

impl Workspace {
    /// An article's findings in the light of the whole folder: its own findings, with
    /// `name-variant` weighing the spellings of the other articles.
    /// `article` must be whole ([`Workspace::complete`]): its own findings are read.
    pub fn findings<'a>(&self, article: &'a IndexedArticle) -> Vec<names::FolderFinding<'a>> {
        debug_assert!(
            article.is_complete(),
            "findings of an article read for names only"
        );
        let (style, _) = self.style();
        names::folder_findings(&self.folder_names(), &|p| self.get(p), article, &style)
    }

    /// The folder's names summed, rebuilt when the generation has moved on since the last
    /// time (an article's names or the style changed).
    pub fn folder_names(&self) -> Arc<names::FolderNames> {
        let generation = self.generation();
        let mut cached = self.folder_names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, folder)) = cached.as_ref()
            && *at == generation
        {
            return folder.clone();
        }
        let folder = Arc::new(names::FolderNames::build(&self.articles()));
        *cached = Some((generation, folder.clone()));
        folder
    }

    /// Forgets the folder's names summed so far (rebuilt, the same, when next needed): after
    /// finishing many articles, the sums would otherwise keep their names-only versions alive.
    pub fn forget_folder_names(&self) {
        *self.folder_names.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The folder's canonical spelling of an entity (surname, first name) and its matches in
    /// same-language articles.
    pub fn canonical(
        &self,
        article: &IndexedArticle,
        entity: usize,
    ) -> Option<(String, Option<String>, Vec<names::Match>)> {
        let (style, _) = self.style();
        names::folder_canonical(&self.names, &|p| self.get(p), article, entity, &style)
    }

    /// The same entity in the other articles of the folder (any language).
    pub fn matches(&self, article: &IndexedArticle, entity: usize) -> Vec<names::Match> {
        names::matches(&self.names, &|p| self.get(p), article, entity)
    }
}

/// Whether two versions of an article spell the same mentions, in the same order. When they
/// do not, other articles' cross-article findings may change. Compares the names written out
/// when each version was indexed (no walk over the ropes: a 1 MB document has tens of
/// thousands of mentions).
fn same_names(old: &IndexedArticle, new: &IndexedArticle) -> bool {
    old.analysis.mentions.len() == new.analysis.mentions.len()
        && old.mention_names == new.mention_names
}

//! What the server remembers between messages: open articles, their newest analysis, the
//! negotiated encoding and the client's capabilities.
//!
//! Document state changes synchronously (no `.await`) so that notification handlers, which
//! the framework runs concurrently, apply edits in the order they arrived. No DashMap guard is
//! ever held across an `.await`: [`State::snapshot`] copies what a request needs out of the map.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use ropey::Rope;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::{self, Analysis, AnalysisOptions, HouseStyle, Language};
use crate::text::{Document, PositionEncoding};

/// What the client told us it can do, read once from `initialize`.
#[derive(Debug, Clone, Default)]
pub struct ClientFeatures {
    /// `workspace.workspaceEdit.documentChanges`: versioned edits are understood.
    pub document_changes: bool,
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related_information: bool,
    /// `textDocument.hover.contentFormat` includes markdown.
    pub markdown_hover: bool,
}

/// An open article and the newest analysis computed for it.
#[derive(Debug)]
pub struct OpenArticle {
    pub document: Document,
    pub analysed: Option<Arc<Analysed>>,
}

/// An analysis together with the exact text and version it was computed from.
#[derive(Debug)]
pub struct Analysed {
    pub version: i32,
    pub rope: Rope,
    pub analysis: Analysis,
}

/// Everything a request handler needs about one article, copied out of the map.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub encoding: PositionEncoding,
    pub analysed: Arc<Analysed>,
}

impl Snapshot {
    pub fn version(&self) -> i32 {
        self.analysed.version
    }
    pub fn rope(&self) -> &Rope {
        &self.analysed.rope
    }
    pub fn analysis(&self) -> &Analysis {
        &self.analysed.analysis
    }
}

/// The server's shared state.
#[derive(Debug, Default)]
pub struct State {
    pub articles: DashMap<Uri, OpenArticle>,
    encoding: RwLock<PositionEncoding>,
    features: RwLock<ClientFeatures>,
    style: RwLock<HouseStyle>,
    language: RwLock<Option<Language>>,
    shutdown: AtomicBool,
    /// Articles whose diagnostics must be recomputed (or cleared, once closed).
    dirty: Mutex<HashSet<Uri>>,
    /// Wakes the diagnostics worker.
    pub wake: Notify,
}

impl State {
    pub fn encoding(&self) -> PositionEncoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_encoding(&self, encoding: PositionEncoding) {
        *self.encoding.write().unwrap_or_else(|e| e.into_inner()) = encoding;
    }

    pub fn features(&self) -> ClientFeatures {
        self.features
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_features(&self, features: ClientFeatures) {
        *self.features.write().unwrap_or_else(|e| e.into_inner()) = features;
    }

    pub fn set_style(&self, style: HouseStyle, language: Option<Language>) {
        *self.style.write().unwrap_or_else(|e| e.into_inner()) = style;
        *self.language.write().unwrap_or_else(|e| e.into_inner()) = language;
    }

    pub fn is_shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    pub fn set_shut_down(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
    }

    /// Marks an article for the diagnostics worker. Never awaits.
    pub fn mark_dirty(&self, uri: Uri) {
        self.dirty
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(uri);
        self.wake.notify_one();
    }

    /// Marks every open article for the diagnostics worker (settings changed).
    pub fn mark_all_dirty(&self) {
        let uris: Vec<Uri> = self.articles.iter().map(|a| a.key().clone()).collect();
        for uri in uris {
            self.mark_dirty(uri);
        }
    }

    /// Takes the set of articles waiting for the worker.
    pub fn take_dirty(&self) -> Vec<Uri> {
        self.dirty
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .collect()
    }

    /// The current version of an open article.
    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.articles.get(uri).map(|a| a.document.version())
    }

    /// The options an article is analysed with: the house style, a forced language, Markdown.
    pub fn options_for(&self, uri: &Uri, language_id: &str) -> AnalysisOptions {
        let style = self.style.read().unwrap_or_else(|e| e.into_inner()).clone();
        let forced = *self.language.read().unwrap_or_else(|e| e.into_inner());
        let markdown = language_id == "markdown" || uri.as_str().ends_with(".md");
        AnalysisOptions {
            language: forced,
            markdown,
            style,
        }
    }

    /// The text and options of an open article's current version.
    pub fn pending_work(&self, uri: &Uri) -> Option<(Rope, i32, AnalysisOptions)> {
        let article = self.articles.get(uri)?;
        let doc = &article.document;
        let options = self.options_for(uri, doc.language_id());
        Some((doc.rope().clone(), doc.version(), options))
    }

    /// Stores an analysis if the article is still at that version. Returns whether it was.
    pub fn store(&self, uri: &Uri, analysed: Arc<Analysed>) -> bool {
        match self.articles.get_mut(uri) {
            Some(mut article) if article.document.version() == analysed.version => {
                article.analysed = Some(analysed);
                true
            }
            _ => false,
        }
    }

    /// The analysis of the article's current version, computing it if the worker has not yet.
    /// `None` when the article is not open.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let encoding = self.encoding();
        let cached = {
            let article = self.articles.get(uri)?;
            article
                .analysed
                .clone()
                .filter(|a| a.version == article.document.version())
        };
        let analysed = match cached {
            Some(a) => a,
            None => {
                let (rope, version, options) = self.pending_work(uri)?;
                let analysed = Arc::new(analyse(rope, version, &options));
                self.store(uri, analysed.clone());
                analysed
            }
        };
        Some(Snapshot {
            uri: uri.clone(),
            encoding,
            analysed,
        })
    }
}

/// Runs the analysis on one version of an article.
pub fn analyse(rope: Rope, version: i32, options: &AnalysisOptions) -> Analysed {
    let text = rope.to_string();
    let analysis = analysis::analyze(&text, options);
    Analysed {
        version,
        rope,
        analysis,
    }
}

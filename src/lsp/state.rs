//! What the server remembers between messages: open articles, their newest analysis, the
//! negotiated encoding and the client's capabilities.
//!
//! Document state changes synchronously (no `.await`) so that notification handlers, which
//! the framework runs concurrently, apply edits in the order they arrived. No DashMap guard is
//! ever held across an `.await`: [`State::snapshot`] copies what a request needs out of the map.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use ropey::Rope;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::{self, Analysis, AnalysisOptions};
use crate::text::{Document, PositionEncoding};
use crate::workspace::{IndexedArticle, Workspace};

/// What the client told us it can do, read once from `initialize`.
#[derive(Debug, Clone, Default)]
pub struct ClientFeatures {
    /// `workspace.workspaceEdit.documentChanges`: versioned edits are understood.
    pub document_changes: bool,
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related_information: bool,
    /// `textDocument.hover.contentFormat` includes markdown.
    pub markdown_hover: bool,
    /// `textDocument.diagnostic`: the client pulls diagnostics; nothing is pushed.
    pub pull_diagnostics: bool,
    /// `workspace.diagnostics.refreshSupport`.
    pub diagnostic_refresh: bool,
    /// `window.workDoneProgress`.
    pub work_done_progress: bool,
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    pub watched_files: bool,
    /// `workspace.workspaceEdit.resourceOperations` includes `create`.
    pub create_files: bool,
    /// `workspace.configuration`: settings can be asked for.
    pub configuration: bool,
}

/// An open article and the newest analysis computed for it.
#[derive(Debug)]
pub struct OpenArticle {
    pub document: Document,
    pub analysed: Option<Arc<IndexedArticle>>,
    /// What the last analysis of this article keeps for the next one (paragraph readings):
    /// a keystroke re-reads only the paragraph it touched. Never changes a result.
    pub reuse: Arc<Mutex<analysis::Reuse>>,
}

impl OpenArticle {
    /// A newly opened article, not analysed yet.
    pub fn new(document: Document) -> OpenArticle {
        OpenArticle {
            document,
            analysed: None,
            reuse: Arc::default(),
        }
    }
}

/// Everything a request handler needs about one article, copied out of the map. Its analysis
/// is whole ([`IndexedArticle::is_complete`]), but in `workspace/symbol`, which reads only
/// entities and mentions.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub encoding: PositionEncoding,
    pub article: Arc<IndexedArticle>,
}

impl Snapshot {
    /// The editor's version of the text this snapshot was computed from (0 for disk files).
    pub fn version(&self) -> i32 {
        self.article.open_version.unwrap_or(0)
    }
    pub fn rope(&self) -> &Rope {
        &self.article.rope
    }
    pub fn analysis(&self) -> &Analysis {
        &self.article.analysis
    }
}

/// The server's shared state.
#[derive(Debug, Default)]
pub struct State {
    pub articles: DashMap<Uri, OpenArticle>,
    /// Every article of the workspace folders, open or not, and the house style.
    pub workspace: Workspace,
    encoding: RwLock<PositionEncoding>,
    features: RwLock<ClientFeatures>,
    shutdown: AtomicBool,
    /// Articles whose diagnostics must be recomputed (or cleared, once closed).
    dirty: Mutex<HashSet<Uri>>,
    /// Wakes the diagnostics worker.
    pub wake: Notify,
    /// Bumped when the style or settings change: analyses started before are stale.
    style_epoch: std::sync::atomic::AtomicU64,
    /// Where the diagnostics worker writes its framed notifications: straight to the output,
    /// between the framework's frames (see [`State::set_outbox`]).
    outbox: std::sync::OnceLock<tokio::sync::mpsc::UnboundedSender<Vec<u8>>>,
}

/// The file an URI names, or a stand-in path for other schemes (`untitled:`).
pub fn path_of(uri: &Uri) -> (PathBuf, bool) {
    match uri.to_file_path() {
        Some(p) => (p.into_owned(), true),
        None => (PathBuf::from(uri.as_str()), false),
    }
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

    pub fn is_shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    pub fn set_shut_down(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
    }

    /// Gives the diagnostics worker a way to write framed messages straight to the client.
    ///
    /// `publishDiagnostics` of a long document is megabytes of JSON; going through the
    /// framework would turn it into a `serde_json::Value` tree, then text, then copy it through
    /// the framework's pipe. The worker is the only publisher of an article's diagnostics and
    /// writes them all through this one queue, so they still reach the client in order.
    pub fn set_outbox(&self, outbox: tokio::sync::mpsc::UnboundedSender<Vec<u8>>) {
        let _ = self.outbox.set(outbox);
    }

    /// Writes a framed message straight to the client. `false` when there is no outbox (or
    /// the output is closed): the caller then goes through the framework.
    pub fn send_frame(&self, frame: Vec<u8>) -> bool {
        self.outbox.get().is_some_and(|o| o.send(frame).is_ok())
    }

    /// Marks an article for the diagnostics worker. Never awaits.
    pub fn mark_dirty(&self, uri: Uri) {
        self.dirty
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(uri);
        self.wake.notify_one();
    }

    /// Marks every open article for the diagnostics worker (style or other articles changed).
    pub fn mark_all_dirty(&self) {
        let uris: Vec<Uri> = self.articles.iter().map(|a| a.key().clone()).collect();
        for uri in uris {
            self.mark_dirty(uri);
        }
    }

    /// The house style or settings changed: every open article is analysed again.
    pub fn restyle(&self) {
        self.style_epoch.fetch_add(1, Ordering::SeqCst);
        for mut article in self.articles.iter_mut() {
            article.analysed = None;
        }
        self.mark_all_dirty();
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

    pub fn is_open_path(&self, path: &std::path::Path) -> bool {
        self.articles.iter().any(|a| path_of(a.key()).0 == path)
    }

    /// The text, version and options of an open article's current version.
    pub fn pending_work(&self, uri: &Uri) -> Option<Work> {
        let article = self.articles.get(uri)?;
        let doc = &article.document;
        let (path, is_file) = path_of(uri);
        let options = self.workspace.options_for(&path, Some(doc.language_id()));
        Some(Work {
            path,
            is_file,
            rope: doc.rope().clone(),
            version: doc.version(),
            epoch: self.style_epoch.load(Ordering::SeqCst),
            options,
            reuse: Some(article.reuse.clone()),
        })
    }

    /// Stores an analysis if the article is still at that version and the style has not
    /// changed since it started (and, for files, puts it in the workspace index). Returns
    /// whether it was current.
    pub fn store(
        &self,
        uri: &Uri,
        article: Arc<IndexedArticle>,
        is_file: bool,
        epoch: u64,
    ) -> bool {
        !matches!(
            self.store_reporting(uri, article, is_file, epoch),
            Stored::Stale
        )
    }

    /// [`State::store`], saying whether the article's names changed and which groups of the
    /// folder's names they changed (see [`Workspace::put_reporting`]).
    pub fn store_reporting(
        &self,
        uri: &Uri,
        article: Arc<IndexedArticle>,
        is_file: bool,
        epoch: u64,
    ) -> Stored {
        if epoch != self.style_epoch.load(Ordering::SeqCst) {
            return Stored::Stale;
        }
        let current = match self.articles.get_mut(uri) {
            Some(mut open) if Some(open.document.version()) == article.open_version => {
                open.analysed = Some(article.clone());
                true
            }
            _ => false,
        };
        if !current {
            return Stored::Stale;
        }
        match is_file
            .then(|| self.workspace.put_reporting(article, true))
            .flatten()
        {
            Some(groups) => Stored::Renamed(groups),
            None => Stored::Same,
        }
    }

    /// Brings the workspace index up to date with every open file (before cross-article
    /// requests).
    pub fn sync_open(&self) {
        let uris: Vec<Uri> = self.articles.iter().map(|a| a.key().clone()).collect();
        for uri in uris {
            self.snapshot(&uri);
        }
    }

    /// The analysis of the article's current version, computing it if the worker has not yet.
    /// Falls back to the workspace index for files that are not open. `None` when unknown.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let encoding = self.encoding();
        let cached = match self.articles.get(uri) {
            Some(open) => Some(
                open.analysed
                    .clone()
                    .filter(|a| a.open_version == Some(open.document.version())),
            ),
            None => None,
        };
        let article = match cached {
            Some(Some(a)) => a,
            Some(None) => {
                let work = self.pending_work(uri)?;
                let (is_file, epoch) = (work.is_file, work.epoch);
                let article = Arc::new(work.run());
                self.store(uri, article.clone(), is_file, epoch);
                article
            }
            // An article indexed from disk is finished when a request first needs it whole.
            None => self
                .workspace
                .complete(&self.workspace.get(&path_of(uri).0)?),
        };
        Some(Snapshot {
            uri: uri.clone(),
            encoding,
            article,
        })
    }
}

/// What [`State::store_reporting`] did with an analysis.
#[derive(Debug)]
pub enum Stored {
    /// The article moved on, or the style changed, since the analysis started: dropped.
    Stale,
    /// Stored; the folder's names are the same (or the article is not a file of the folder).
    Same,
    /// Stored; its names changed, and with them these groups of the folder's names.
    Renamed(Vec<crate::workspace::names::GroupKey>),
}

/// One analysis to run: an open article's text at one version.
#[derive(Debug)]
pub struct Work {
    pub path: PathBuf,
    pub is_file: bool,
    pub rope: Rope,
    pub version: i32,
    /// The style epoch the options were read at.
    pub epoch: u64,
    pub options: AnalysisOptions,
    /// The article's [`analysis::Reuse`], when it has one.
    pub reuse: Option<Arc<Mutex<analysis::Reuse>>>,
}

impl Work {
    /// Runs the analysis.
    pub fn run(self) -> IndexedArticle {
        let text = self.rope.to_string();
        let analysis = match &self.reuse {
            Some(reuse) => {
                let mut reuse = reuse.lock().unwrap_or_else(|e| e.into_inner());
                analysis::analyze_incremental(&text, &self.options, &mut reuse)
            }
            None => analysis::analyze(&text, &self.options),
        };
        IndexedArticle::new(self.path, self.rope, &text, analysis, Some(self.version))
            .analysed_with(&self.options)
    }
}

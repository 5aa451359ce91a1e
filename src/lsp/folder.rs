//! The workspace side of the server: indexing folders with progress, watching files, the
//! house style file and its diagnostics, pull diagnostics and workspace symbols.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::*;
use tracing::{debug, info, warn};

use super::cancel::Cancel;
use super::convert;
use super::state::{Snapshot, State, path_of};
use crate::text::position::range_of;
use crate::workspace::{IndexedArticle, scan, style};

/// Asks the client to tell us about article and style-file changes on disk.
pub async fn register_watchers(client: &Client) {
    let watchers = ["**/*.txt", "**/*.md", "**/*.markdown", "**/copydesk.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .collect();
    let registration = Registration {
        id: "copydesk-watch".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
            watchers,
        })
        .ok(),
    };
    if let Err(e) = client.register_capability(vec![registration]).await {
        warn!(%e, "the client refused file watching; articles are re-read on open and save");
    }
}

/// Indexes folders in the background, with work-done progress when the client supports it.
/// Requests are answered meanwhile from what is indexed so far.
pub async fn index(client: Client, state: Arc<State>, folders: Vec<PathBuf>) {
    if folders.is_empty() {
        return;
    }
    let progress = if state.features().work_done_progress {
        let token =
            ProgressToken::String(format!("copydesk-index-{}", state.workspace.generation()));
        match client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                client
                    .progress(token, "copydesk: indexing articles")
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            Err(_) => None,
        }
    } else {
        None
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, usize)>();
    let scan = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || {
            let mut reports = Vec::new();
            for folder in &folders {
                let report = state.workspace.scan_folder(
                    folder,
                    &|p| state.is_open_path(p),
                    &|done, total| {
                        let _ = tx.send((done, total));
                    },
                );
                reports.push(report);
            }
            reports
        })
    };
    if let Some(p) = &progress {
        while let Some((done, total)) = rx.recv().await {
            let pct = (done * 100).checked_div(total).unwrap_or(100) as u32;
            p.report_with_message(format!("{done}/{total} articles"), pct)
                .await;
        }
    }
    let reports = scan.await.unwrap_or_default();
    let indexed: usize = reports.iter().map(|r| r.indexed).sum();
    let skipped: Vec<_> = reports.into_iter().flat_map(|r| r.skipped).collect();
    for (path, reason) in &skipped {
        client
            .log_message(
                MessageType::WARNING,
                format!("copydesk skipped {}: {reason}", path.display()),
            )
            .await;
    }
    info!(indexed, skipped = skipped.len(), "workspace indexed");
    if let Some(p) = progress {
        p.finish_with_message(format!(
            "{indexed} articles indexed, {} skipped",
            skipped.len()
        ))
        .await;
    }
    publish_style(&client, &state).await;
    state.restyle();
    refresh(&client, &state).await;
}

/// Asks a pull client to pull again (other articles or the style changed).
async fn refresh(client: &Client, state: &State) {
    let f = state.features();
    if f.pull_diagnostics && f.diagnostic_refresh {
        let _ = client.workspace_diagnostic_refresh().await;
    }
}

/// The diagnostic for a malformed style file, if any, with the file's URI.
fn style_diagnostics(state: &State) -> Option<(Uri, Vec<Diagnostic>)> {
    let s = state.workspace.style_state();
    let uri = Uri::from_file_path(s.path.as_ref()?)?;
    let diagnostics = match s.error {
        Some((err, text)) => {
            let rope = ropey::Rope::from_str(&text);
            vec![Diagnostic {
                range: range_of(&rope, &err.span, state.encoding()),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("house-style".to_string())),
                source: Some(convert::SOURCE.to_string()),
                message: format!(
                    "{} (the previous valid house style stays in force)",
                    err.message
                ),
                ..Diagnostic::default()
            }]
        }
        None => Vec::new(),
    };
    Some((uri, diagnostics))
}

/// Pushes the style file's diagnostic (or clears it) for push clients.
pub async fn publish_style(client: &Client, state: &State) {
    if state.features().pull_diagnostics {
        return;
    }
    if let Some((uri, diagnostics)) = style_diagnostics(state) {
        client.publish_diagnostics(uri, diagnostics, None).await;
    }
}

/// Re-reads the house style when a saved or opened file is (or sits beside) `copydesk.toml`.
pub fn reload_style_for(client: &Client, state: &Arc<State>, uri: &Uri) {
    let (path, is_file) = path_of(uri);
    if !is_file {
        return;
    }
    let Some(style_path) = state.workspace.style_path_for(&path) else {
        return;
    };
    if state.workspace.load_style(&style_path) {
        state.restyle();
        let (client, state) = (client.clone(), state.clone());
        tokio::spawn(async move {
            publish_style(&client, &state).await;
            refresh(&client, &state).await;
        });
    }
}

/// Reacts to `workspace/didChangeWatchedFiles`.
pub async fn files_changed(client: Client, state: Arc<State>, changes: Vec<FileEvent>) {
    let mut style_changed = false;
    for change in changes {
        let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
            continue;
        };
        if path.file_name().is_some_and(|n| n == style::FILE_NAME) {
            let text = if change.typ == FileChangeType::DELETED {
                None
            } else {
                std::fs::read_to_string(&path).ok()
            };
            style_changed |= state.workspace.load_style_text(&path, text.as_deref());
            continue;
        }
        if !scan::is_article(&path) || state.articles.contains_key(&change.uri) {
            continue; // the open buffer is newer than the disk
        }
        if change.typ == FileChangeType::DELETED {
            state.workspace.remove(&path);
            debug!(path = %path.display(), "article deleted");
        } else {
            let st = state.clone();
            let p = path.clone();
            let result =
                tokio::task::spawn_blocking(move || st.workspace.refresh_from_disk(&p)).await;
            if let Ok(Err(skip)) = result {
                client
                    .log_message(
                        MessageType::WARNING,
                        format!("copydesk skipped {}: {skip}", path.display()),
                    )
                    .await;
            }
        }
    }
    if style_changed {
        publish_style(&client, &state).await;
        state.restyle();
    } else {
        state.mark_all_dirty();
    }
    refresh(&client, &state).await;
}

/// A result id that changes exactly when the diagnostics do.
fn result_id(diagnostics: &[Diagnostic]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(diagnostics)
        .unwrap_or_default()
        .hash(&mut h);
    format!("{:016x}", h.finish())
}

/// `textDocument/diagnostic`.
pub fn document_diagnostic(
    state: &State,
    params: DocumentDiagnosticParams,
) -> DocumentDiagnosticReportResult {
    let uri = params.text_document.uri;
    let diagnostics = match state.snapshot(&uri) {
        Some(s) => convert::diagnostics(&s, &state.workspace, &state.features()),
        None => style_diagnostics(state)
            .filter(|(u, _)| *u == uri)
            .map(|(_, d)| d)
            .unwrap_or_default(),
    };
    let id = result_id(&diagnostics);
    let report = if params.previous_result_id.as_deref() == Some(id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                result_id: id,
            },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(id),
                items: diagnostics,
            },
        })
    };
    DocumentDiagnosticReportResult::Report(report)
}

/// The snapshot of an indexed article, whether open or not. An article indexed from disk is
/// whole when `whole` ([`crate::workspace::Workspace::complete`]); else it may hold only
/// its names (enough for entities and mentions).
fn snapshot_of(state: &State, article: &Arc<IndexedArticle>, whole: bool) -> Option<Snapshot> {
    let uri = Uri::from_file_path(&article.path)?;
    if state.articles.contains_key(&uri) {
        return state.snapshot(&uri);
    }
    let article = if whole {
        state.workspace.complete(article)
    } else {
        article.clone()
    };
    Some(Snapshot {
        uri,
        encoding: state.encoding(),
        article,
    })
}

/// `workspace/diagnostic`: every indexed article that is not open in the editor (open ones
/// are pulled per document), and the style file.
pub fn workspace_diagnostic(
    state: &State,
    params: WorkspaceDiagnosticParams,
    cancel: &Cancel,
) -> WorkspaceDiagnosticReportResult {
    let previous: HashMap<Uri, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    let features = state.features();
    let mut items = Vec::new();
    // Open documents are pulled one by one (textDocument/diagnostic); reporting them here
    // too would give the client two reports of one document, one of them stale.
    let closed: Vec<PathBuf> = state
        .workspace
        .articles()
        .into_iter()
        .filter(|a| !Uri::from_file_path(&a.path).is_some_and(|u| state.articles.contains_key(&u)))
        .map(|a| a.path.clone())
        .collect();
    // Articles indexed from disk are finished on every core first (the first pull after
    // indexing finds their quotes and findings; later pulls find them done). By path: a
    // finished article replaces its names-only version, which is then dropped.
    complete_all(state, &closed, cancel);
    let mut reports: Vec<(Uri, Option<i64>, Vec<Diagnostic>)> = closed
        .iter()
        .take_while(|_| !cancel.is_cancelled())
        .filter_map(|p| snapshot_of(state, &state.workspace.get(p)?, true))
        .map(|s| {
            let version = s.article.open_version.map(i64::from);
            let d = convert::diagnostics(&s, &state.workspace, &features);
            (s.uri, version, d)
        })
        .collect();
    if let Some((uri, d)) = style_diagnostics(state) {
        reports.push((uri, None, d));
    }
    for (uri, version, diagnostics) in reports {
        let id = result_id(&diagnostics);
        if previous.get(&uri) == Some(&id) {
            items.push(WorkspaceDocumentDiagnosticReport::Unchanged(
                WorkspaceUnchangedDocumentDiagnosticReport {
                    uri,
                    version,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id,
                    },
                },
            ));
        } else {
            items.push(WorkspaceDocumentDiagnosticReport::Full(
                WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(id),
                        items: diagnostics,
                    },
                },
            ));
        }
    }
    WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items })
}

/// Finishes the analyses of the articles at `paths` that hold only their names, on up to
/// four threads.
fn complete_all(state: &State, paths: &[PathBuf], cancel: &Cancel) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4)
        .min(paths.len());
    if workers <= 1 {
        return; // finished one by one as they are reported
    }
    // The folder's sums hold the articles they were summed from: forgotten (rebuilt, the
    // same, when next needed) so that each names-only version is dropped as soon as its
    // finished version replaces it, not all of them at the end.
    let before = state.workspace.completions();
    state.workspace.forget_folder_names();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while !cancel.is_cancelled() {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    if let Some(article) = state.workspace.get(path) {
                        state.workspace.complete(&article);
                    }
                }
            });
        }
    });
    if state.workspace.completions() != before {
        // Sums rebuilt meanwhile may hold names-only versions: forgotten too.
        state.workspace.forget_folder_names();
    }
}

/// `workspace/symbol`: people, places and organisations of every article, by canonical
/// spelling, each at its definition.
pub fn symbols(state: &State, query: &str, cancel: &Cancel) -> Vec<WorkspaceSymbol> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for article in state.workspace.articles() {
        if cancel.is_cancelled() {
            break;
        }
        // Entities and mentions only: an article indexed from disk need not be whole.
        let Some(snapshot) = snapshot_of(state, &article, false) else {
            continue;
        };
        let analysis = snapshot.analysis();
        for entity in &analysis.entities {
            if !query.is_empty() && !entity.name.to_lowercase().contains(&query) {
                continue;
            }
            if !seen.insert((entity.name.clone(), article.path.clone())) {
                continue;
            }
            let Some(def) = analysis.mentions.get(entity.definition) else {
                continue;
            };
            out.push(WorkspaceSymbol {
                name: entity.name.clone(),
                kind: match entity.kind {
                    crate::analysis::EntityKind::Person => SymbolKind::OBJECT,
                    crate::analysis::EntityKind::Place => SymbolKind::NAMESPACE,
                    crate::analysis::EntityKind::Organisation => SymbolKind::CLASS,
                },
                tags: None,
                container_name: article
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned()),
                location: OneOf::Left(convert::location(&snapshot, &def.span)),
                data: None,
            });
        }
    }
    out
}

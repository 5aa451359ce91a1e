//! The diagnostics worker: analyses dirty articles off the request path and publishes.
//!
//! Latest wins: the worker always reads an article's current version when it starts on it, so
//! a burst of edits is analysed once, for the newest text, with no fixed debounce delay. A
//! result whose version is no longer current is dropped, never published (the newer edit has
//! marked the article dirty again). The worker is the only publisher, so the empty set sent
//! for a closed article can never be overtaken by a late analysis of it.
//!
//! When an article's names change, the other open articles whose cross-article findings read
//! a group of names it changed (`workspace::names::reads_any`) are marked dirty too; their
//! analyses are reused, only the diagnostics are recomputed. The others' findings are the
//! same (the places they point at in the edited article are its current ones when they are
//! next published, as after an edit that moves text without changing names). With a
//! pull-diagnostics client nothing is pushed: the worker keeps analyses warm and asks the
//! client to pull again when other articles changed.

use std::sync::Arc;

use tower_lsp_server::Client;
use tracing::{debug, error};

use super::convert;
use super::state::{State, Stored};
use crate::workspace::names;

/// Starts the worker on the current tokio runtime.
pub fn spawn(client: Client, state: Arc<State>) {
    tokio::spawn(async move {
        loop {
            state.wake.notified().await;
            for uri in state.take_dirty() {
                let pull = state.features().pull_diagnostics;
                let cached = state.articles.get(&uri).and_then(|a| {
                    a.analysed
                        .clone()
                        .filter(|x| x.open_version == Some(a.document.version()))
                });
                if cached.is_none() {
                    let Some(work) = state.pending_work(&uri) else {
                        // Closed: clear what the editor shows for it.
                        if !pull {
                            let frame = convert::publish_frame_of(&uri, &[], None);
                            if !state.send_frame(frame) {
                                client.publish_diagnostics(uri, Vec::new(), None).await;
                            }
                        }
                        continue;
                    };
                    let generation = state.workspace.generation();
                    let (version, is_file, epoch) = (work.version, work.is_file, work.epoch);
                    let article = match tokio::task::spawn_blocking(move || work.run()).await {
                        Ok(a) => Arc::new(a),
                        Err(err) => {
                            error!(uri = uri.as_str(), %err, "analysis failed; diagnostics not updated");
                            continue;
                        }
                    };
                    let changed = match state.store_reporting(&uri, article, is_file, epoch) {
                        Stored::Stale => {
                            debug!(uri = uri.as_str(), version, "stale analysis dropped");
                            continue;
                        }
                        Stored::Same => None,
                        Stored::Renamed(groups) => Some(groups),
                    };
                    let now = state.workspace.generation();
                    if now != generation {
                        // This article's names changed: the cross-article findings of the
                        // others that read a group of names it changed change too. When the
                        // generation moved on for another reason as well (another article
                        // stored by a request meanwhile), every other article is published.
                        let ours = u64::from(changed.is_some());
                        let all = now != generation + ours;
                        let groups = changed.unwrap_or_default();
                        for other in state
                            .articles
                            .iter()
                            .filter(|a| a.key() != &uri)
                            .filter(|a| {
                                all || a
                                    .analysed
                                    .as_ref()
                                    .is_none_or(|x| names::reads_any(x, &groups))
                            })
                            .map(|a| a.key().clone())
                            .collect::<Vec<_>>()
                        {
                            state.mark_dirty(other);
                        }
                        if pull && state.features().diagnostic_refresh {
                            let client = client.clone();
                            tokio::spawn(async move {
                                let _ = client.workspace_diagnostic_refresh().await;
                            });
                        }
                    }
                }
                if pull {
                    continue;
                }
                let Some(snapshot) = state.snapshot(&uri) else {
                    continue;
                };
                let version = snapshot.version();
                let features = state.features();
                let frame = convert::publish_frame(&snapshot, &state.workspace, &features);
                if state.version(&uri) == Some(version) && !state.send_frame(frame) {
                    let diagnostics = convert::diagnostics(&snapshot, &state.workspace, &features);
                    client
                        .publish_diagnostics(uri, diagnostics, Some(version))
                        .await;
                }
            }
        }
    });
}

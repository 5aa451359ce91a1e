//! The diagnostics worker: analyses dirty articles off the request path and publishes.
//!
//! Latest wins: the worker always reads an article's current version when it starts on it, so
//! a burst of edits is analysed once, for the newest text, with no fixed debounce delay. A
//! result whose version is no longer current is dropped, never published (the newer edit has
//! marked the article dirty again). The worker is the only publisher, so the empty set sent
//! for a closed article can never be overtaken by a late analysis of it.

use std::sync::Arc;

use tower_lsp_server::Client;
use tracing::{debug, error};

use super::convert;
use super::state::{Snapshot, State, analyse};

/// Starts the worker on the current tokio runtime.
pub fn spawn(client: Client, state: Arc<State>) {
    tokio::spawn(async move {
        loop {
            state.wake.notified().await;
            for uri in state.take_dirty() {
                let Some((rope, version, options)) = state.pending_work(&uri) else {
                    // Closed: clear what the editor shows for it.
                    client.publish_diagnostics(uri, Vec::new(), None).await;
                    continue;
                };
                let analysed =
                    tokio::task::spawn_blocking(move || analyse(rope, version, &options)).await;
                let analysed = match analysed {
                    Ok(a) => Arc::new(a),
                    Err(err) => {
                        error!(uri = uri.as_str(), %err, "analysis failed; diagnostics not updated");
                        continue;
                    }
                };
                if !state.store(&uri, analysed.clone()) {
                    debug!(uri = uri.as_str(), version, "stale analysis dropped");
                    continue;
                }
                let snapshot = Snapshot {
                    uri: uri.clone(),
                    encoding: state.encoding(),
                    analysed,
                };
                let diagnostics = convert::diagnostics(&snapshot, &state.features());
                if state.version(&uri) == Some(version) {
                    client
                        .publish_diagnostics(uri, diagnostics, Some(version))
                        .await;
                }
            }
        }
    });
}

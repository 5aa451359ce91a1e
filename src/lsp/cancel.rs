//! Cancellation and content-modified answers for long requests.
//!
//! Long requests (references and rename across the folder, workspace symbols and workspace
//! diagnostics) run on a blocking thread. When the client cancels (`$/cancelRequest`), the
//! framework drops the request's future and answers `RequestCancelled`; dropping it also raises
//! the request's [`Cancel`] flag, which the blocking work checks between articles so that it
//! stops early. A result computed from a document version that changed meanwhile is answered
//! with `ContentModified` instead of being sent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::Uri;

use super::state::State;

/// Raised when the request that owns it is cancelled (its future dropped).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Raises the flag when dropped: the request's future was dropped before the work ended.
struct RaiseOnDrop(Cancel, bool);

impl Drop for RaiseOnDrop {
    fn drop(&mut self) {
        if !self.1 {
            (self.0).0.store(true, Ordering::Relaxed);
        }
    }
}

/// `ContentModified`: the document changed while the request was computed.
pub fn content_modified() -> Error {
    Error {
        code: ErrorCode::ContentModified,
        message: "the document changed while the request was computed; ask again".into(),
        data: None,
    }
}

/// Runs `work` on a blocking thread with a cancellation flag. `document` is the document (and
/// the version) the result is computed from: if its version changes meanwhile, the answer is
/// `ContentModified`.
pub async fn long_request<T, F>(
    state: &Arc<State>,
    document: Option<(&Uri, i32)>,
    work: F,
) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&State, &Cancel) -> T + Send + 'static,
{
    let cancel = Cancel::default();
    let mut guard = RaiseOnDrop(cancel.clone(), false);
    let st = state.clone();
    let result = tokio::task::spawn_blocking(move || work(&st, &cancel)).await;
    guard.1 = true;
    let result = result.map_err(|e| Error {
        code: ErrorCode::InternalError,
        message: format!("copydesk hit an internal error: {e}").into(),
        data: None,
    })?;
    if let Some((uri, version)) = document {
        if state.version(uri).is_some_and(|v| v != version) {
            return Err(content_modified());
        }
    }
    Ok(result)
}

//! The protocol layer: a thin `tower-lsp-server` front over `analysis`.
//!
//! [`server`] holds the handlers, [`state`] the open articles, [`worker`] computes and
//! publishes diagnostics, [`convert`] turns analysis data into protocol types, and
//! [`actions`], [`navigation`] and [`presentation`] build the answers to requests.
//! [`guard`] turns a panic in any handler into an error response.

pub mod actions;
pub mod cancel;
pub mod convert;
pub mod folder;
pub mod guard;
pub mod navigation;
pub mod presentation;
pub mod server;
pub mod state;
pub mod transport;
pub mod worker;

use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::{LspService, Server};

use server::Backend;
use state::State;

/// Set to `1` to enable the `copydesk/crashTest` request, which panics on purpose so that
/// tests can prove a panic never takes the server down.
pub const CRASH_TEST_ENV: &str = "COPYDESK_ENABLE_CRASH_TEST";

/// Serves the protocol over the given streams until `exit` (or end of input). Returns the
/// process exit code: 0 when `shutdown` came before, 1 otherwise (LSP 3.17).
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let state = Arc::new(State::default());
    let (service, socket) = LspService::build({
        let state = state.clone();
        move |client| Backend::new(client, state)
    })
    .custom_method("copydesk/crashTest", Backend::crash_test)
    .finish();
    // The framework talks to in-memory pipes; `transport` guards the real streams.
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (errors_tx, errors_rx) = tokio::sync::mpsc::unbounded_channel();
    // The diagnostics worker writes its (large) notifications through the same queue.
    state.set_outbox(errors_tx.clone());
    let input_task = tokio::spawn(transport::filter_input(input, to_server, errors_tx));
    let output_task = tokio::spawn(transport::merge_output(from_server, output, errors_rx));
    Server::new(server_input, server_output, socket)
        .serve(guard::PanicGuard::new(service))
        .await;
    // The framework's output pipe is closed now: let the last frames out, stop reading.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), output_task).await;
    input_task.abort();
    if state.is_shut_down() { 0 } else { 1 }
}

/// `copydesk lsp`: the server over stdin/stdout.
pub async fn run_stdio() -> i32 {
    serve(tokio::io::stdin(), tokio::io::stdout()).await
}

/// Convenience for handlers.
pub type LspResult<T> = Result<T>;

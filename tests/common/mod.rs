//! The protocol test harness: an LSP client that speaks framed JSON-RPC to copydesk, either
//! in process (over `tokio::io::duplex`) or to the built binary over stdio.
//!
//! Every waiting helper is bounded (a generous time-out that only guards against hangs; no
//! test asserts on elapsed time).

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{Mutex, Notify, oneshot};
use tokio::task::JoinHandle;

/// How long any single wait may last before the test fails (guards against hangs only).
pub const WAIT: Duration = Duration::from_secs(20);

type Writer = Arc<Mutex<Box<dyn AsyncWrite + Unpin + Send>>>;

/// A test client for copydesk.
pub struct LspClient {
    writer: Writer,
    next_id: AtomicI64,
    pending: Arc<std::sync::Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    notifications: Arc<std::sync::Mutex<Vec<Value>>>,
    /// Requests the server sent to the client (registerCapability, configuration…).
    pub server_requests: Arc<std::sync::Mutex<Vec<Value>>>,
    arrived: Arc<Notify>,
    reader: JoinHandle<()>,
    /// The in-process server's exit code, when started with [`LspClient::in_process`].
    pub server: Option<JoinHandle<i32>>,
    /// The answer given to `workspace/configuration` requests.
    pub configuration: Arc<std::sync::Mutex<Value>>,
}

/// Writes one framed message.
pub async fn write_frame(writer: &Writer, body: &[u8]) {
    let mut w = writer.lock().await;
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    w.write_all(header.as_bytes()).await.expect("write header");
    w.write_all(body).await.expect("write body");
    w.flush().await.expect("flush");
}

async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl LspClient {
    /// Starts copydesk in this process and connects to it.
    pub fn in_process() -> LspClient {
        let (client_io, server_io) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(copydesk::lsp::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_io);
        let mut client = LspClient::over(client_read, client_write);
        client.server = Some(server);
        client
    }

    /// Connects to a server over the given streams (e.g. a child process's stdio).
    pub fn over<R, W>(read: R, write: W) -> LspClient
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: Writer = Arc::new(Mutex::new(Box::new(write)));
        let pending: Arc<std::sync::Mutex<HashMap<i64, oneshot::Sender<Value>>>> = Arc::default();
        let notifications: Arc<std::sync::Mutex<Vec<Value>>> = Arc::default();
        let server_requests: Arc<std::sync::Mutex<Vec<Value>>> = Arc::default();
        let configuration = Arc::new(std::sync::Mutex::new(json!({})));
        let arrived = Arc::new(Notify::new());
        let reader = tokio::spawn({
            let writer = writer.clone();
            let pending = pending.clone();
            let notifications = notifications.clone();
            let server_requests = server_requests.clone();
            let configuration = configuration.clone();
            let arrived = arrived.clone();
            async move {
                let mut reader = BufReader::new(read);
                while let Some(msg) = read_frame(&mut reader).await {
                    let has_method = msg.get("method").is_some();
                    match (msg.get("id").cloned(), has_method) {
                        (Some(id), true) => {
                            // A request from the server: answer it like an editor would.
                            let result = match msg["method"].as_str() {
                                Some("workspace/configuration") => {
                                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                                    let conf = configuration.lock().unwrap().clone();
                                    Value::Array(vec![conf; n])
                                }
                                _ => Value::Null,
                            };
                            server_requests.lock().unwrap().push(msg.clone());
                            let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                            write_frame(&writer, reply.to_string().as_bytes()).await;
                        }
                        (Some(Value::Number(n)), false) => {
                            if let Some(tx) =
                                n.as_i64().and_then(|n| pending.lock().unwrap().remove(&n))
                            {
                                let _ = tx.send(msg);
                            }
                        }
                        (_, true) => notifications.lock().unwrap().push(msg),
                        _ => notifications.lock().unwrap().push(msg), // e.g. error with null id
                    }
                    arrived.notify_waiters();
                }
                arrived.notify_waiters();
            }
        });
        LspClient {
            writer,
            next_id: AtomicI64::new(1),
            pending,
            notifications,
            server_requests,
            arrived,
            reader,
            server: None,
            configuration,
        }
    }

    /// Sends raw bytes (malformed messages).
    pub async fn send_raw(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await.expect("write");
        w.flush().await.expect("flush");
    }

    /// Sends a request and waits for the whole response message (`result` or `error`).
    pub async fn request(&self, method: &str, params: Value) -> Value {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let rx = self.send_request(id, method, params).await;
        tokio::time::timeout(WAIT, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to {method} within {WAIT:?}"))
            .expect("reader gone")
    }

    /// Sends a request with a given id; returns the receiver of its response.
    pub async fn send_request(
        &self,
        id: i64,
        method: &str,
        params: Value,
    ) -> oneshot::Receiver<Value> {
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        write_frame(&self.writer, msg.to_string().as_bytes()).await;
        rx
    }

    /// Registers interest in the response to a request the test sends itself (raw).
    pub fn register(&self, id: i64) -> oneshot::Receiver<Value> {
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        rx
    }

    /// The next free request id.
    pub fn fresh_id(&self) -> i64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }

    /// A request's `result`, failing the test on an error response.
    pub async fn call(&self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    pub async fn notify(&self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        write_frame(&self.writer, msg.to_string().as_bytes()).await;
    }

    /// `initialize` + `initialized`, offering the given client capabilities.
    pub async fn initialize(&self, capabilities: Value) -> Value {
        self.initialize_with(capabilities, Value::Null, Value::Null)
            .await
    }

    pub async fn initialize_with(
        &self,
        capabilities: Value,
        options: Value,
        folders: Value,
    ) -> Value {
        let result = self
            .call(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                    "workspaceFolders": folders,
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// Capabilities of a modern editor: utf-8 offered, markdown hovers, versioned edits.
    pub fn modern_capabilities() -> Value {
        json!({
            "general": {"positionEncodings": ["utf-8", "utf-16"]},
            "workspace": {"workspaceEdit": {"documentChanges": true}},
            "textDocument": {
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {"relatedInformation": true}
            }
        })
    }

    pub async fn open(&self, uri: &str, text: &str) {
        self.open_as(uri, text, "plaintext", 1).await;
    }

    pub async fn open_as(&self, uri: &str, text: &str, language_id: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        )
        .await;
    }

    /// One incremental change: replace `range` ((line, char), (line, char)) with `text`.
    pub async fn change(
        &self,
        uri: &str,
        version: i32,
        range: ((u32, u32), (u32, u32)),
        text: &str,
    ) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": range.0.0, "character": range.0.1},
                              "end": {"line": range.1.0, "character": range.1.1}},
                    "text": text
                }]
            }),
        )
        .await;
    }

    /// Every notification received so far with this method.
    pub fn notifications(&self, method: &str) -> Vec<Value> {
        self.notifications
            .lock()
            .unwrap()
            .iter()
            .filter(|n| n["method"] == method)
            .cloned()
            .collect()
    }

    /// All messages received that were neither responses to our requests nor notifications
    /// with a method (e.g. parse-error responses with a null id).
    pub fn stray_messages(&self) -> Vec<Value> {
        self.notifications
            .lock()
            .unwrap()
            .iter()
            .filter(|n| n.get("method").is_none())
            .cloned()
            .collect()
    }

    /// Waits until a notification satisfies `pred`, and returns it.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.arrived.notified();
            if let Some(n) = self.notifications.lock().unwrap().iter().find(|n| pred(n)) {
                return n.clone();
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("timed out waiting for {what}");
            }
        }
    }

    /// The diagnostics published for `uri` at exactly `version`.
    pub async fn diagnostics(&self, uri: &str, version: i32) -> Vec<Value> {
        let n = self
            .wait_for(&format!("diagnostics for {uri} v{version}"), |n| {
                n["method"] == "textDocument/publishDiagnostics"
                    && n["params"]["uri"] == uri
                    && n["params"]["version"] == version
            })
            .await;
        n["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The most recent diagnostics published for `uri` once one with no version (a clear)
    /// arrives.
    pub async fn cleared(&self, uri: &str) -> Vec<Value> {
        let n = self
            .wait_for(&format!("cleared diagnostics for {uri}"), |n| {
                n["method"] == "textDocument/publishDiagnostics"
                    && n["params"]["uri"] == uri
                    && n["params"].get("version").is_none_or(Value::is_null)
            })
            .await;
        n["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// `shutdown` then `exit`; returns the in-process server's exit code.
    pub async fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("in-process server");
        tokio::time::timeout(WAIT, server)
            .await
            .expect("server did not stop after exit")
            .expect("server task panicked")
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        self.reader.abort();
        if let Some(s) = &self.server {
            s.abort();
        }
    }
}

/// A `file://` URI for a test article.
pub fn uri(name: &str) -> String {
    format!("file:///newsroom/{name}")
}

/// The diagnostic codes of a list of diagnostics, in order.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Applies LSP text edits (utf-16 or utf-8 positions per `encoding`) to a text; used to check
/// the result of code actions and renames.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let rope = ropey::Rope::from_str(text);
    let enc = match encoding {
        "utf-8" => copydesk::text::PositionEncoding::Utf8,
        "utf-32" => copydesk::text::PositionEncoding::Utf32,
        _ => copydesk::text::PositionEncoding::Utf16,
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let range: tower_lsp_server::ls_types::Range =
                serde_json::from_value(e["range"].clone()).expect("range");
            let span = copydesk::text::position::span_of(&rope, range, enc);
            (
                span.start,
                span.end,
                e["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// The edits a workspace edit makes to `uri` (from `documentChanges` or `changes`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(dc) = edit["documentChanges"].as_array() {
        return dc
            .iter()
            .filter(|d| d["textDocument"]["uri"] == uri)
            .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

/// A throwaway newsroom folder under the temp directory, removed on drop.
pub struct Folder(std::path::PathBuf);

impl Folder {
    /// A fresh folder named after the test, holding `files` (name, text).
    pub fn new(name: &str, files: &[(&str, &str)]) -> Folder {
        let p = std::env::temp_dir().join(format!("copydesk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        let f = Folder(std::fs::canonicalize(&p).unwrap());
        for (n, t) in files {
            f.write(n, t);
        }
        f
    }
    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
    /// Writes a file (text or raw bytes), creating its folders.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) {
        let p = self.0.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }
    pub fn uri(&self, name: &str) -> String {
        format!("file://{}", self.0.join(name).display())
    }
    pub fn root_uri(&self) -> String {
        format!("file://{}", self.0.display())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

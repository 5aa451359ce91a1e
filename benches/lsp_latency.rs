//! A small stdio bench client: drives the built `copydesk lsp` binary like an editor does and
//! measures what a copy editor feels.
//!
//! 1. Typing: opens a 10 KB article and a 1 MB document, types one character at a time
//!    (N edits, default 200), each time sending `didChange` and waiting for the
//!    `publishDiagnostics` carrying that version; prints median / p90 / max latency from
//!    `didChange` to `publishDiagnostics` for each size.
//! 2. Workspace: starts a fresh server on a generated folder of 2,000 articles
//!    (`workspaceFolders` in `initialize`), and times from `initialized` to the end of the
//!    server's work-done progress (`$/progress` with `kind: "end"`); prints the server's peak
//!    resident memory (`VmHWM` from `/proc/<pid>/status`). A server that announces no
//!    indexing progress is reported as "not supported yet".
//!
//! `cargo bench --bench lsp_latency` (full run). Without `--bench` (e.g. `cargo test
//! --benches`) it runs a quick smoke pass. Knobs: `LSP_LATENCY_EDITS` (default 200),
//! `LSP_LATENCY_ARTICLES` (default 2000), `COPYDESK_BIN` (another binary to measure).

mod corpus;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const KB: usize = 1024;
const MB: usize = 1024 * 1024;

/// One message from the server and when the reader thread finished decoding it.
type Incoming = (Instant, Value);

/// A `copydesk lsp` child process and a framed JSON-RPC connection to it.
struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Incoming>,
    next_id: i64,
    /// Notifications seen while waiting for something else.
    backlog: Vec<Incoming>,
}

fn binary() -> String {
    std::env::var("COPYDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_copydesk").to_string())
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(binary())
            .arg("lsp")
            .env("COPYDESK_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary()));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 20, stdout);
            while let Some(msg) = read_frame(&mut reader) {
                if tx.send((Instant::now(), msg)).is_err() {
                    break;
                }
            }
        });
        // Keep stderr drained (the server logs skipped files there); show the last lines on
        // failure only.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if std::env::var_os("LSP_LATENCY_VERBOSE").is_some() {
                    eprintln!("[copydesk] {line}");
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
        self.stdin.write_all(body.as_bytes()).expect("write body");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Answers a request from the server the way an editor would (configuration: empty
    /// settings; progress creation, registrations: null).
    fn answer(&mut self, msg: &Value) {
        let result = match msg["method"].as_str() {
            Some("workspace/configuration") => {
                let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![json!({}); n])
            }
            Some("workspace/workspaceFolders") => Value::Null,
            _ => Value::Null,
        };
        let reply = json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": result});
        self.send(&reply);
    }

    /// Waits (at most `limit`) for a message matching `pred`, answering server requests and
    /// keeping other messages in the backlog.
    fn wait_for(&mut self, limit: Duration, pred: impl Fn(&Value) -> bool) -> Option<Incoming> {
        if let Some(i) = self.backlog.iter().position(|(_, m)| pred(m)) {
            return Some(self.backlog.remove(i));
        }
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((at, msg)) => {
                    if msg.get("method").is_some() && msg.get("id").is_some() {
                        self.answer(&msg);
                    }
                    if pred(&msg) {
                        return Some((at, msg));
                    }
                    if msg.get("method").is_some() && msg.get("id").is_none() {
                        self.backlog.push((at, msg));
                        if self.backlog.len() > 10_000 {
                            self.backlog.drain(..5_000);
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("copydesk closed its output"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let (_, msg) = self
            .wait_for(Duration::from_secs(120), |m| {
                m["id"] == id && m.get("method").is_none()
            })
            .unwrap_or_else(|| panic!("no answer to {method} within 120 s"));
        msg
    }

    fn diagnostics(&mut self, uri: &str, version: i32, limit: Duration) -> Option<Incoming> {
        self.wait_for(limit, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `VmHWM` and `VmRSS` of a process, in KiB.
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Stats {
    median: Duration,
    p90: Duration,
    max: Duration,
    min: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let n = samples.len();
    Stats {
        median: samples[n / 2],
        p90: samples[((n * 9) / 10).min(n - 1)],
        max: samples[n - 1],
        min: samples[0],
    }
}

/// The text typed, one character per edit: words, accents, quote marks that open and close.
const TYPED: &str = "Le ministre a déclaré : « Nous verrons bien. » Prigozhin said “no deal”. ";

/// Types `edits` characters at the end of a line in the middle of `text`; returns the latency
/// of each edit, from `didChange` written to its `publishDiagnostics` decoded.
fn typing(
    server: &mut Server,
    uri: &str,
    text: &str,
    edits: usize,
) -> Result<Vec<Duration>, String> {
    let sent = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let (at, first) = server
        .diagnostics(uri, 1, Duration::from_secs(120))
        .ok_or("no diagnostics for the opened document within 120 s")?;
    println!(
        "  {uri}: {} bytes, open → first diagnostics {:.1} ms ({} diagnostics)",
        text.len(),
        ms(at - sent),
        first["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    );
    // A non-empty line in the middle of the document.
    let lines: Vec<&str> = text.split('\n').collect();
    let mut line = lines.len() / 2;
    while line < lines.len() && lines[line].trim().is_empty() {
        line += 1;
    }
    let mut column = lines[line].encode_utf16().count() as u32;
    let mut latencies = Vec::with_capacity(edits);
    // A slow server must not hold `cargo bench` for an hour: stop after a time budget.
    let budget = Duration::from_secs(env_usize("LSP_LATENCY_BUDGET_SECS", 120) as u64);
    let typing_started = Instant::now();
    for (i, ch) in TYPED.chars().cycle().take(edits).enumerate() {
        if typing_started.elapsed() > budget {
            println!(
                "  time budget of {budget:?} spent after {i} of {edits} edits (LSP_LATENCY_BUDGET_SECS)"
            );
            break;
        }
        let version = i as i32 + 2;
        let s = ch.to_string();
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": line, "character": column},
                              "end": {"line": line, "character": column}},
                    "text": s
                }]
            }),
        );
        let sent = Instant::now();
        column += ch.len_utf16() as u32;
        let (at, _) = server
            .diagnostics(uri, version, Duration::from_secs(60))
            .ok_or_else(|| format!("no diagnostics for version {version} within 60 s"))?;
        latencies.push(at.saturating_duration_since(sent));
    }
    Ok(latencies)
}

fn report_typing(label: &str, target_ms: f64, result: Result<Vec<Duration>, String>) {
    match result {
        Ok(samples) => {
            let n = samples.len();
            let s = stats(samples);
            println!(
                "typing latency, {label}: median {:.2} ms, p90 {:.2} ms, min {:.2} ms, max {:.2} ms over {n} edits (target: median ≤ {target_ms} ms) {}",
                ms(s.median),
                ms(s.p90),
                ms(s.min),
                ms(s.max),
                if ms(s.median) <= target_ms {
                    "MET"
                } else {
                    "NOT MET"
                }
            );
        }
        Err(e) => println!("typing latency, {label}: FAILED: {e}"),
    }
}

fn typing_bench(edits: usize) {
    println!("== typing over stdio ({edits} edits per document) ==");
    let mut server = Server::start();
    let init = server.request(
        "initialize",
        json!({"processId": std::process::id(), "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    );
    assert!(init.get("error").is_none(), "initialize failed: {init}");
    server.notify("initialized", json!({}));
    let small = corpus::article(10, corpus::Lang::Fr, 10 * KB);
    let r = typing(
        &mut server,
        "file:///bench/article-10kb.fr.txt",
        &small,
        edits,
    );
    report_typing("10 KB article", 5.0, r);
    let large = corpus::document(11, None, MB);
    let r = typing(&mut server, "file:///bench/document-1mb.txt", &large, edits);
    report_typing("1 MB document", 30.0, r);
    let (hwm, _) = memory_kib(server.pid());
    println!(
        "  server peak RSS during typing: {:.1} MiB",
        hwm as f64 / 1024.0
    );
    server.stop();
}

fn workspace_bench(count: usize) {
    println!("== workspace indexing ({count} articles) ==");
    let dir = corpus::TempDir::new("lsp-latency-workspace").expect("temp dir");
    let files = corpus::write_workspace(dir.path(), count).expect("write workspace");
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    println!(
        "  generated {} articles, {:.1} MB, under {}",
        files.len(),
        bytes as f64 / MB as f64,
        dir.path().display()
    );
    let folder_uri = file_uri(dir.path());
    let mut server = Server::start();
    let init = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": folder_uri,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "window": {"workDoneProgress": true},
                "workspace": {"workspaceFolders": true, "configuration": true}
            },
            "workspaceFolders": [{"uri": folder_uri, "name": "newsroom"}]
        }),
    );
    assert!(init.get("error").is_none(), "initialize failed: {init}");
    let (baseline, _) = memory_kib(server.pid());
    server.notify("initialized", json!({}));
    let started = Instant::now();
    let announced =
        init["result"]["capabilities"]["workspace"]["workspaceFolders"]["supported"] == json!(true);
    // Indexing announces itself with a work-done progress `begin`.
    let begin = server.wait_for(Duration::from_secs(10), |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
    });
    let Some((_, begin)) = begin else {
        println!(
            "workspace indexing: not supported yet (no `$/progress` begin within 10 s of `initialized`; workspaceFolders.supported = {announced})"
        );
        server.stop();
        return;
    };
    let token = begin["params"]["token"].clone();
    println!(
        "  progress begin: {} (token {token})",
        begin["params"]["value"]["title"]
    );
    let end = server.wait_for(Duration::from_secs(300), |m| {
        m["method"] == "$/progress"
            && m["params"]["token"] == token
            && m["params"]["value"]["kind"] == "end"
    });
    let Some((at, end)) = end else {
        println!("workspace indexing: FAILED: no `$/progress` end within 300 s");
        server.stop();
        return;
    };
    let elapsed = at.saturating_duration_since(started);
    let (hwm, rss) = memory_kib(server.pid());
    println!(
        "workspace indexing, {count} articles: {:.0} ms from `initialized` to progress end (target ≤ 1000 ms) {}; peak RSS {:.1} MiB, RSS now {:.1} MiB, before indexing {:.1} MiB (target ≤ 200 MB) {}",
        ms(elapsed),
        if ms(elapsed) <= 1000.0 {
            "MET"
        } else {
            "NOT MET"
        },
        hwm as f64 / 1024.0,
        rss as f64 / 1024.0,
        baseline as f64 / 1024.0,
        if hwm * 1024 <= 200_000_000 {
            "MET"
        } else {
            "NOT MET"
        }
    );
    if let Some(message) = end["params"]["value"]["message"].as_str() {
        println!("  progress end message: {message}");
    }
    server.stop();
}

fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: a quick smoke pass then.
    let full = std::env::args().any(|a| a == "--bench");
    let (edits, articles) = if full {
        (
            env_usize("LSP_LATENCY_EDITS", 200),
            env_usize("LSP_LATENCY_ARTICLES", 2000),
        )
    } else {
        (5, 50)
    };
    if let Some(dir) = std::env::var_os("COPYDESK_CORPUS_DUMP") {
        // Writes the measured texts to a folder (to reproduce a figure with `copydesk check`).
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).expect("dump folder");
        let small = corpus::article(10, corpus::Lang::Fr, 10 * KB);
        std::fs::write(dir.join("article-10kb.fr.txt"), small).expect("write");
        let large = corpus::document(11, None, MB);
        std::fs::write(dir.join("document-1mb.txt"), large).expect("write");
        corpus::write_workspace(&dir.join("workspace"), articles).expect("write workspace");
        println!("wrote the bench corpus to {}", dir.display());
        return;
    }
    println!("copydesk stdio bench client: {}", binary());
    typing_bench(edits);
    workspace_bench(articles);
}

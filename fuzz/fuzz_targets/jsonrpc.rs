//! Arbitrary input to `copydesk::lsp::serve` over an in-memory duplex, then a valid
//! `initialize` and `shutdown` that must both be answered: whatever came before, the server is
//! still up and reading.
//!
//! The input is a sequence of chunks: raw header garbage, frames with arbitrary bodies, and
//! JSON-RPC messages for real LSP methods with arbitrary (often nearly valid) parameters, so
//! that the handlers, not only the framing, see the fuzzer's data. Two things are kept out
//! because they legitimately end the conversation: an `exit` notification, and a header block
//! that announces a body longer than what follows (raw garbage never carries a
//! `Content-Length`; frames are always exact).
//!
//! One tokio current-thread runtime per input; every wait is bounded.

#![no_main]

use std::time::Duration;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const METHODS: &[&str] = &[
    "initialize",
    "initialized",
    "shutdown",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentHighlight",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/codeAction",
    "textDocument/inlayHint",
    "textDocument/documentSymbol",
    "textDocument/semanticTokens/full",
    "textDocument/completion",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWorkspaceFolders",
    "workspace/didChangeWatchedFiles",
    "workspace/symbol",
    "workspace/executeCommand",
    "$/cancelRequest",
    "$/setTrace",
    "copydesk/crashTest",
    "copydesk/noSuchMethod",
];

const URIS: &[&str] = &[
    "file:///newsroom/a.txt",
    "file:///newsroom/b.md",
    "file:///newsroom/never-opened.txt",
    "untitled:Untitled-1",
    "file:///newsroom/%E2%82%AC.txt",
    "not a uri",
];

const TEXTS: &[&str] = &[
    "",
    "Le ministre a parlé.\n« Nous verrons », a-t-il dit.\n",
    "“What we saw is a crack,” said Anna Kowalski.\r\nKowalsky added: “No.”",
    "M. Prigojine a dit « oui ». Prigozhin a ensuite nié.\n\n« Suite.\n\n« Fin. »",
    "a😀b\u{2028}c\rd\u{85}e",
    "---\ntitle: x\n---\n# Titre\n\n```\n« code »\n```\n",
];

/// A JSON value shaped by the fuzzer: small, any type, sometimes one of the useful strings.
fn value(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=9)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => json!(u.arbitrary::<i64>()?),
        3 => json!(u.arbitrary::<u32>()?),
        4 => json!(
            u.arbitrary::<f64>()
                .map(|f| if f.is_finite() { f } else { 0.5 })?
        ),
        5 => Value::String(u.arbitrary()?),
        6 => Value::String(u.choose(URIS)?.to_string()),
        7 => Value::String(u.choose(TEXTS)?.to_string()),
        8 if depth < 4 => {
            let n = u.int_in_range(0..=4)?;
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(value(u, depth + 1)?);
            }
            Value::Array(items)
        }
        _ if depth < 4 => {
            let n = u.int_in_range(0..=4)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                let key = match u.int_in_range(0..=8)? {
                    0 => "uri".to_string(),
                    1 => "position".to_string(),
                    2 => "range".to_string(),
                    3 => "textDocument".to_string(),
                    4 => "text".to_string(),
                    5 => "line".to_string(),
                    6 => "character".to_string(),
                    _ => u.arbitrary()?,
                };
                map.insert(key, value(u, depth + 1)?);
            }
            Value::Object(map)
        }
        _ => Value::Null,
    })
}

fn number(u: &mut Unstructured) -> arbitrary::Result<u32> {
    Ok(if u.ratio(1, 8)? {
        u.arbitrary()?
    } else {
        u.int_in_range(0..=12)?
    })
}

fn position(u: &mut Unstructured) -> arbitrary::Result<Value> {
    Ok(json!({"line": number(u)?, "character": number(u)?}))
}

fn range(u: &mut Unstructured) -> arbitrary::Result<Value> {
    Ok(json!({"start": position(u)?, "end": position(u)?}))
}

fn text(u: &mut Unstructured) -> arbitrary::Result<String> {
    Ok(if u.ratio(1, 2)? {
        u.choose(TEXTS)?.to_string()
    } else {
        u.arbitrary()?
    })
}

/// Parameters that are right for the method, with fuzzed contents.
fn params_for(u: &mut Unstructured, method: &str) -> arbitrary::Result<Value> {
    let uri = *u.choose(URIS)?;
    let doc = json!({"uri": uri});
    Ok(match method {
        "initialize" => {
            let enc = *u.choose(&["utf-8", "utf-16", "utf-32", "latin-1"])?;
            json!({"processId": null, "rootUri": null,
                   "capabilities": {"general": {"positionEncodings": [enc]},
                                    "workspace": {"workspaceEdit": {"documentChanges": u.arbitrary::<bool>()?}},
                                    "textDocument": {"hover": {"contentFormat": ["markdown"]}}},
                   "initializationOptions": value(u, 0)?})
        }
        "textDocument/didOpen" => json!({"textDocument": {
            "uri": uri, "languageId": *u.choose(&["plaintext", "markdown", "rust"])?,
            "version": u.arbitrary::<i32>()?, "text": text(u)?}}),
        "textDocument/didChange" => {
            let n = u.int_in_range(0..=4)?;
            let mut changes = Vec::new();
            for _ in 0..n {
                if u.ratio(1, 6)? {
                    changes.push(json!({"text": text(u)?}));
                } else {
                    changes.push(json!({"range": range(u)?, "text": text(u)?}));
                }
            }
            json!({"textDocument": {"uri": uri, "version": u.arbitrary::<i32>()?},
                   "contentChanges": changes})
        }
        "textDocument/didClose"
        | "textDocument/didSave"
        | "textDocument/documentSymbol"
        | "textDocument/semanticTokens/full" => json!({"textDocument": doc}),
        "textDocument/hover"
        | "textDocument/definition"
        | "textDocument/documentHighlight"
        | "textDocument/prepareRename"
        | "textDocument/completion" => json!({"textDocument": doc, "position": position(u)?}),
        "textDocument/references" => json!({"textDocument": doc, "position": position(u)?,
            "context": {"includeDeclaration": u.arbitrary::<bool>()?}}),
        "textDocument/rename" => json!({"textDocument": doc, "position": position(u)?,
            "newName": text(u)?}),
        "textDocument/codeAction" => json!({"textDocument": doc, "range": range(u)?,
            "context": {"diagnostics": value(u, 2)?, "only": value(u, 3)?}}),
        "textDocument/inlayHint" => json!({"textDocument": doc, "range": range(u)?}),
        "workspace/didChangeConfiguration" => json!({"settings": value(u, 0)?}),
        "$/cancelRequest" => json!({"id": u.int_in_range(0..=20)?}),
        _ => value(u, 0)?,
    })
}

#[derive(Debug)]
enum Chunk {
    /// Header lines without a usable `Content-Length`, ended by a blank line.
    Headers(Vec<u8>),
    /// A well-framed message whose body is arbitrary bytes.
    Body(Vec<u8>),
    /// A well-framed JSON-RPC message for a real method.
    Message(Value),
}

fn chunks(data: &[u8]) -> Vec<Chunk> {
    let mut u = Unstructured::new(data);
    let mut out = Vec::new();
    let mut next_id = 1i64;
    while !u.is_empty() && out.len() < 48 {
        let Ok(kind) = u.int_in_range(0..=7u8) else {
            break;
        };
        let chunk = match kind {
            0 => u.arbitrary::<Vec<u8>>().map(Chunk::Headers),
            1 => u.arbitrary::<Vec<u8>>().map(Chunk::Body),
            2 => value(&mut u, 0).map(|v| Chunk::Body(v.to_string().into_bytes())),
            _ => (|| {
                let method = *u.choose(METHODS)?;
                let params = if u.ratio(1, 5)? {
                    value(&mut u, 0)?
                } else {
                    params_for(&mut u, method)?
                };
                let mut msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
                if u.ratio(2, 3)? {
                    msg["id"] = if u.ratio(1, 8)? {
                        value(&mut u, 3)?
                    } else {
                        next_id += 1;
                        json!(next_id)
                    };
                }
                Ok(Chunk::Message(msg))
            })(),
        };
        match chunk {
            Ok(c) => out.push(c),
            Err(_) => break,
        }
    }
    out
}

/// Whether a body would end the session (`exit`): never sent.
fn is_exit(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body).is_ok_and(|v| v.get("method") == Some(&json!("exit")))
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn bytes_of(chunks: &[Chunk]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in chunks {
        match chunk {
            Chunk::Headers(raw) => {
                // No Content-Length can hide in the garbage, whatever its case or spacing.
                let lower = raw.to_ascii_lowercase();
                let mut raw = raw.clone();
                let needle = b"content-length";
                let mut i = 0;
                while i + needle.len() <= lower.len() {
                    if &lower[i..i + needle.len()] == needle {
                        raw[i] = b'X';
                        i += needle.len();
                    } else {
                        i += 1;
                    }
                }
                out.extend_from_slice(&raw);
                out.extend_from_slice(b"\r\n\r\n");
            }
            Chunk::Body(body) if !is_exit(body) => out.extend_from_slice(&framed(body)),
            Chunk::Message(msg) => out.extend_from_slice(&framed(msg.to_string().as_bytes())),
            Chunk::Body(_) => {}
        }
    }
    out
}

async fn read_frame<R: tokio::io::AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).await.ok()?;
    Some(serde_json::from_slice(&body).expect("copydesk wrote a frame that is not JSON"))
}

const FINAL_INIT: &str = "fuzz-final-initialize";
const FINAL_SHUTDOWN: &str = "fuzz-final-shutdown";

fuzz_target!(|data: &[u8]| {
    let chunks = chunks(data);
    let mut input = bytes_of(&chunks);
    input.extend_from_slice(&framed(
        json!({"jsonrpc": "2.0", "id": FINAL_INIT, "method": "initialize",
               "params": {"processId": null, "rootUri": null, "capabilities": {}}})
        .to_string()
        .as_bytes(),
    ));
    input.extend_from_slice(&framed(
        json!({"jsonrpc": "2.0", "id": FINAL_SHUTDOWN, "method": "shutdown"})
            .to_string()
            .as_bytes(),
    ));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let outcome = runtime.block_on(async move {
        let (client, server) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server);
        let serving = tokio::spawn(copydesk::lsp::serve(server_read, server_write));
        let (client_read, mut client_write) = tokio::io::split(client);
        let (replies_tx, mut replies_rx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
        // Read everything the server says; answer its requests like an editor would.
        let reader = tokio::spawn(async move {
            let mut r = BufReader::new(client_read);
            let mut answered = (false, false);
            while let Some(msg) = read_frame(&mut r).await {
                if msg.get("method").is_some() {
                    if let Some(id) = msg.get("id") {
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                        let _ = replies_tx.send(framed(reply.to_string().as_bytes()));
                    }
                    continue;
                }
                if msg["id"] == FINAL_INIT {
                    answered.0 = true;
                }
                if msg["id"] == FINAL_SHUTDOWN {
                    answered.1 = true;
                }
                if answered == (true, true) {
                    break;
                }
            }
            answered
        });
        let writer = tokio::spawn(async move {
            client_write.write_all(&input).await?;
            client_write.flush().await?;
            while let Some(reply) = replies_rx.recv().await {
                client_write.write_all(&reply).await?;
            }
            Ok::<_, std::io::Error>(())
        });
        let answered = tokio::time::timeout(Duration::from_secs(20), reader).await;
        writer.abort();
        serving.abort();
        answered
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    match outcome {
        Ok(Ok((true, true))) => {}
        Ok(Ok(answered)) => panic!(
            "copydesk closed its output before answering the final initialize/shutdown: {answered:?}; chunks: {chunks:?}"
        ),
        Ok(Err(e)) => panic!("reader task failed: {e}"),
        Err(_) => panic!(
            "copydesk did not answer the final initialize/shutdown within 20 s; chunks: {chunks:?}"
        ),
    }
});

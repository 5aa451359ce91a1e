//! A guard in front of the JSON-RPC framing: malformed messages get an error answer and are
//! skipped, and the server keeps reading.
//!
//! `tower-lsp-server` stops reading its input for good after the first message it cannot
//! decode (invalid JSON, a body that is not a JSON-RPC message, a frame without
//! `Content-Length`). copydesk therefore reads the frames itself, checks each body, forwards
//! the good ones unchanged to the framework through an in-memory pipe, and answers the bad
//! ones with a JSON-RPC `ParseError` or `InvalidRequest`, interleaved with the framework's own
//! output at frame boundaries.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tracing::{debug, warn};

/// Messages larger than this are skipped (read and discarded) with an error answer.
pub const MAX_MESSAGE_BYTES: usize = 512 * 1024 * 1024;

/// One framed message read from the input, or why none could be read.
enum Frame {
    Body(Vec<u8>),
    /// Something that is not a frame; the reason is logged and answered.
    Skipped(String),
    End,
}

/// Reads one frame: headers up to an empty line, then `Content-Length` bytes.
async fn read_frame<R: AsyncRead + Unpin>(input: &mut BufReader<R>) -> Frame {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    let mut bad_header = None;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line).await {
            Ok(0) => return Frame::End,
            Ok(_) => {}
            Err(e) => return Frame::Skipped(format!("cannot read input: {e}")),
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between frames
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {} // Content-Type and others
            None => bad_header = Some(format!("not a header line: `{}`", truncate(text))),
        }
    }
    if let Some(reason) = bad_header {
        return Frame::Skipped(reason);
    }
    let Some(length) = length else {
        return Frame::Skipped("message without a Content-Length header".to_string());
    };
    if length > MAX_MESSAGE_BYTES {
        // Discard the body without holding it.
        let mut limited = input.take(length as u64);
        let _ = tokio::io::copy(&mut limited, &mut tokio::io::sink()).await;
        return Frame::Skipped(format!(
            "message of {length} bytes is over the {MAX_MESSAGE_BYTES}-byte limit"
        ));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body).await {
        Ok(_) => Frame::Body(body),
        Err(_) => Frame::End,
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// The shape of a JSON-RPC message, checked without copying its parameters.
#[derive(Deserialize)]
struct Shape {
    jsonrpc: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

/// `true` when the key is there at all, even with a `null` value.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(d).map(|_| true)
}

/// `Ok` when the framework can decode the body; otherwise the error answer to send.
fn check(body: &[u8]) -> Result<(), serde_json::Value> {
    let error = |code: i64, message: String, id: serde_json::Value| json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    let value_id = || {
        serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .filter(|id| valid_id(id) && !id.is_null())
            .unwrap_or(serde_json::Value::Null)
    };
    let shape: Shape = match serde_json::from_slice(body) {
        Ok(s) => s,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return Err(error(
                -32700,
                format!("Parse error: {e}"),
                serde_json::Value::Null,
            ));
        }
        Err(e) => {
            return Err(error(-32600, format!("Invalid Request: {e}"), value_id()));
        }
    };
    let id_ok = shape.id.as_ref().is_none_or(valid_id);
    let is_request = shape.method.is_some();
    let is_response = shape.id.is_some() && (shape.result || shape.error);
    if shape.jsonrpc != "2.0" || !id_ok || !(is_request || is_response) {
        return Err(error(
            -32600,
            "Invalid Request: not a JSON-RPC 2.0 request, notification or response".to_string(),
            value_id(),
        ));
    }
    Ok(())
}

/// An id the framework can decode: a string, null, or an integer that fits an `i64`
/// (`1.5`, `0.0` or `1e2` are numbers, but not ids it accepts).
fn valid_id(id: &serde_json::Value) -> bool {
    id.is_string() || id.is_null() || id.is_i64()
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Copies frames from `input` to `to_server`, answering bad ones through `errors`.
pub async fn filter_input<R, W>(input: R, mut to_server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = BufReader::with_capacity(1 << 16, input);
    loop {
        match read_frame(&mut input).await {
            Frame::End => break,
            Frame::Skipped(reason) => {
                warn!(%reason, "skipped malformed input");
                let answer = json!({"jsonrpc": "2.0", "id": null,
                    "error": {"code": -32700, "message": format!("Parse error: {reason}")}});
                let _ = errors.send(frame(answer.to_string().as_bytes()));
            }
            Frame::Body(body) => match check(&body) {
                Ok(()) => {
                    if to_server.write_all(&frame(&body)).await.is_err() {
                        break;
                    }
                    let _ = to_server.flush().await;
                }
                Err(answer) => {
                    warn!(error = %answer["error"]["message"], "skipped malformed message");
                    let _ = errors.send(frame(answer.to_string().as_bytes()));
                }
            },
        }
    }
    debug!("input closed");
    let _ = to_server.shutdown().await;
}

/// Copies the framework's frames to `output`, slipping in error answers between frames.
pub async fn merge_output<R, W>(
    from_server: R,
    mut output: W,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    // The frame being read stays alive across turns of the loop: `read_frame` is not
    // cancel-safe, and dropping it when a queued frame wins the `select!` would lose the bytes
    // of a half-read answer (a request then goes unanswered).
    async fn next_frame<R: AsyncRead + Unpin>(mut reader: BufReader<R>) -> (BufReader<R>, Frame) {
        let f = read_frame(&mut reader).await;
        (reader, f)
    }
    let mut reading = Box::pin(next_frame(BufReader::with_capacity(1 << 16, from_server)));
    let mut errors_open = true;
    loop {
        tokio::select! {
            biased;
            (reader, frame_read) = &mut reading => {
                reading = Box::pin(next_frame(reader));
                match frame_read {
                    Frame::Body(body) => {
                        if output.write_all(&frame(&body)).await.is_err() { break; }
                    }
                    Frame::Skipped(_) => {}
                    Frame::End => break,
                }
            }
            error = errors.recv(), if errors_open => match error {
                Some(bytes) => {
                    if output.write_all(&bytes).await.is_err() { break; }
                }
                None => errors_open = false,
            },
        }
        if output.flush().await.is_err() {
            break;
        }
    }
    // Anything still queued goes out before we stop.
    while let Ok(bytes) = errors.try_recv() {
        let _ = output.write_all(&bytes).await;
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A queued frame (the diagnostics worker's) that arrives while an answer of the framework
    /// is half read must not cost that answer its bytes.
    #[tokio::test]
    async fn a_queued_frame_does_not_cut_a_half_read_answer() {
        use tokio::io::AsyncReadExt;
        let (mut framework, from_server) = tokio::io::duplex(1 << 16);
        let (output, mut client) = tokio::io::duplex(1 << 16);
        let (tx, rx) = mpsc::unbounded_channel();
        let merge = tokio::spawn(merge_output(from_server, output, rx));
        let answer = frame(br#"{"jsonrpc":"2.0","id":7,"result":{"ok":true}}"#);
        let (head, tail) = answer.split_at(answer.len() / 2);
        framework.write_all(head).await.unwrap();
        framework.flush().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let notice = frame(br#"{"jsonrpc":"2.0","method":"x","params":{}}"#);
        tx.send(notice.clone()).unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        framework.write_all(tail).await.unwrap();
        drop(framework);
        drop(tx);
        merge.await.unwrap();
        let mut got = Vec::new();
        client.read_to_end(&mut got).await.unwrap();
        let got = String::from_utf8(got).unwrap();
        assert!(got.contains(r#""id":7,"result":{"ok":true}"#), "{got}");
        assert!(got.contains(r#""method":"x""#), "{got}");
    }

    #[test]
    fn checks_message_shapes() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{}}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","method":"x"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert_eq!(
            check(br#"{"jsonrpc":"2.0","id":1,"#).unwrap_err()["error"]["code"],
            -32700
        );
        let e = check(br#"{"jsonrpc":"2.0","id":7}"#).unwrap_err();
        assert_eq!(e["error"]["code"], -32600);
        assert_eq!(e["id"], 7);
        assert_eq!(check(br#"[1,2]"#).unwrap_err()["error"]["code"], -32600);
        for id in ["0.0", "1.5", "1e2", "18446744073709551615"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"x"}}"#);
            assert_eq!(
                check(body.as_bytes()).unwrap_err()["error"]["code"],
                -32600,
                "{id}"
            );
        }
        assert!(check(br#"{"jsonrpc":"2.0","id":"abc","method":"x"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":-5,"method":"x"}"#).is_ok());
        assert_eq!(
            check(br#"{"jsonrpc":"1.0","method":"x"}"#).unwrap_err()["error"]["code"],
            -32600
        );
    }
}

//! Black-box tests: the built `copydesk` binary, driven over stdio like an editor drives it.

mod common;

use std::process::Stdio;

use common::{LspClient, WAIT, uri};
use serde_json::{Value, json};
use tokio::process::{Child, Command};

fn spawn(args: &[&str], crash_test: bool) -> (Child, LspClient) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("COPYDESK_LOG", "info")
        .kill_on_drop(true);
    if crash_test {
        cmd.env(copydesk::lsp::CRASH_TEST_ENV, "1");
    }
    let mut child = cmd.spawn().expect("start copydesk");
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    (child, LspClient::over(stdout, stdin))
}

async fn exit_code(mut child: Child) -> i32 {
    tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("copydesk did not exit")
        .expect("wait")
        .code()
        .expect("exit code")
}

#[tokio::test]
async fn binary_serves_a_session_over_stdio_and_exits_cleanly() {
    let (child, client) = spawn(&["lsp"], false);
    let init = client
        .initialize(json!({"general": {"positionEncodings": ["utf-16"]}}))
        .await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let u = uri("binary.txt");
    client
        .open(&u, "La ministre a parlé d’une « décision.\n")
        .await;
    let diags = client.diagnostics(&u, 1).await;
    assert_eq!(common::codes(&diags), vec!["unbalanced-quote"]);
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 0, "character": 26})
    );
    let r = client.request("shutdown", Value::Null).await;
    assert!(r.get("error").is_none());
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(child).await, 0);
}

#[tokio::test]
async fn binary_accepts_stdio_flag_and_exits_1_without_shutdown() {
    let (child, client) = spawn(&["--stdio"], false);
    client.initialize(json!({})).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(child).await, 1);
}

#[tokio::test]
async fn a_panicking_handler_answers_an_error_and_the_server_keeps_serving() {
    let (child, client) = spawn(&["lsp"], true);
    client.initialize(json!({})).await;
    let crashed = client.request("copydesk/crashTest", Value::Null).await;
    assert_eq!(crashed["error"]["code"], -32603, "{crashed}");
    assert!(
        crashed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("internal error")
    );
    let u = uri("after-crash.txt");
    client
        .open(&u, "« Toujours là », a dit Anne Martin.\n")
        .await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 3}}),
        )
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
    let r = client.request("shutdown", Value::Null).await;
    assert!(r.get("error").is_none());
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(child).await, 0);
}

#[tokio::test]
async fn crash_test_is_refused_unless_enabled() {
    let (child, client) = spawn(&["lsp"], false);
    client.initialize(json!({})).await;
    let r = client.request("copydesk/crashTest", Value::Null).await;
    assert_eq!(r["error"]["code"], -32601, "{r}");
    client.request("shutdown", Value::Null).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(child).await, 0);
}

//! Cancellation of long requests and ContentModified answers.

mod common;

use common::LspClient;
use serde_json::{Value, json};

fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// A folder of many articles that all name the same person, so that references and rename
/// across the folder take a while.
fn big_folder(name: &str, n: usize) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("copydesk-cancel-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..n {
        std::fs::write(
            root.join(format!("a{i:04}.txt")),
            format!("Le patron du groupe, Evgueni Prigojine, a parlé le {i} mai.\n\nPrigojine a ensuite quitté la ville.\n"),
        )
        .unwrap();
    }
    std::fs::canonicalize(root).unwrap()
}

async fn start(root: &std::path::Path) -> LspClient {
    let client = LspClient::in_process();
    client
        .initialize_with(
            json!({"window": {"workDoneProgress": true}, "workspace": {"workspaceEdit": {"documentChanges": true}}}),
            Value::Null,
            json!([{"uri": format!("file://{}", root.display()), "name": "desk"}]),
        )
        .await;
    client
        .wait_for("indexing end", |n| {
            n["method"] == "$/progress" && n["params"]["value"]["kind"] == "end"
        })
        .await;
    client
}

#[tokio::test]
async fn a_cancelled_references_request_answers_request_cancelled() {
    let root = big_folder("refs", 600);
    let client = start(&root).await;
    let u = format!("file://{}/a0000.txt", root.display());
    let text = std::fs::read_to_string(root.join("a0000.txt")).unwrap();
    client.open(&u, &text).await;
    client.diagnostics(&u, 1).await;
    // The request and its cancellation go out in one write. On a fast machine the request may
    // still finish first (a race the protocol allows), so a few tries are made: one at least
    // must answer RequestCancelled, and every other one the full result.
    let mut cancelled = 0;
    for _ in 0..5 {
        let id = client.fresh_id();
        let request = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/references",
            "params": {"textDocument": {"uri": u}, "position": {"line": 2, "character": 2}, "context": {"includeDeclaration": true}}});
        let cancel = json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}});
        let rx = client.register(id);
        let mut both = frame(&request);
        both.extend(frame(&cancel));
        client.send_raw(&both).await;
        let response = tokio::time::timeout(common::WAIT, rx)
            .await
            .unwrap()
            .unwrap();
        if response["error"]["code"] == -32800 {
            cancelled += 1;
            break;
        }
        assert_eq!(
            response["result"].as_array().map(Vec::len),
            Some(1200),
            "neither cancelled nor complete"
        );
    }
    assert!(cancelled > 0, "no try answered RequestCancelled");
    // Uncancelled, the same request answers with every mention across the folder.
    let refs = client
        .call(
            "textDocument/references",
            json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 2}, "context": {"includeDeclaration": true}}),
        )
        .await;
    assert_eq!(refs.as_array().unwrap().len(), 1200);
    let _ = std::fs::remove_dir_all(root);
}

#[tokio::test]
async fn a_rename_overtaken_by_an_edit_answers_content_modified() {
    let root = big_folder("rename", 600);
    let client = start(&root).await;
    let u = format!("file://{}/a0000.txt", root.display());
    let text = std::fs::read_to_string(root.join("a0000.txt")).unwrap();
    client.open(&u, &text).await;
    client.diagnostics(&u, 1).await;
    // The rename and the edit go out in one write. The rename may still finish before the edit
    // is read (a race the protocol allows, and a loaded machine makes likely), so a few tries are
    // made: one at least must answer ContentModified, and every other one a complete edit.
    let mut modified = 0;
    for attempt in 0..8 {
        let id = client.fresh_id();
        let rename = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/rename",
            "params": {"textDocument": {"uri": u}, "position": {"line": 2, "character": 2}, "newName": "Prigojin"}});
        let edit = json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": u, "version": 2 + attempt},
                       "contentChanges": [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}, "text": "Fin."}]}});
        let rx = client.register(id);
        let mut both = frame(&rename);
        both.extend(frame(&edit));
        client.send_raw(&both).await;
        // (Every rename is answered: a lost answer was a bug of the output's framing.)
        let response = tokio::time::timeout(common::WAIT, rx)
            .await
            .expect("the rename was never answered")
            .unwrap();
        if response["error"]["code"] == -32801 {
            modified += 1;
            break;
        }
        let changes = response["result"]["documentChanges"]
            .as_array()
            .map(Vec::len);
        assert_eq!(
            changes,
            Some(600),
            "neither ContentModified nor complete: {response}"
        );
    }
    assert!(modified > 0, "no try answered ContentModified");
    // Still serving: a rename of the same name answers with every article's edit.
    let edit = client
        .call(
            "textDocument/rename",
            json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 2}, "newName": "Prigojin"}),
        )
        .await;
    assert_eq!(
        edit["documentChanges"].as_array().map(Vec::len),
        Some(600),
        "{edit}"
    );
    let _ = std::fs::remove_dir_all(root);
}

//! Protocol tests for the newsroom's folder: indexing with progress, pull diagnostics, the
//! house style file (malformed, then fixed), files created and deleted while the server runs,
//! editor settings, Markdown.

mod common;

use std::path::{Path, PathBuf};

use common::{LspClient, codes};
use serde_json::{Value, json};

/// A throwaway newsroom folder, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str, files: &[(&str, &str)]) -> Folder {
        let p = std::env::temp_dir().join(format!("copydesk-ws-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        let f = Folder(std::fs::canonicalize(&p).unwrap());
        for (n, t) in files {
            f.write(n, t);
        }
        f
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn write(&self, name: &str, text: &str) {
        let p = self.0.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    fn uri(&self, name: &str) -> String {
        format!("file://{}", self.0.join(name).display())
    }
    fn root_uri(&self) -> String {
        format!("file://{}", self.0.display())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const ORPHAN: &str = "Le conseil a voté le budget.\n\n« Nous ne céderons rien sur les écoles. »\n";
const CLEAN: &str = "Le conseil a voté le budget mardi soir.\n";

fn pull_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "diagnostics": {"refreshSupport": true},
            "workspaceEdit": {"documentChanges": true}
        },
        "textDocument": {"diagnostic": {"dynamicRegistration": false}}
    })
}

async fn start(folder: &Folder, capabilities: Value) -> LspClient {
    let client = LspClient::in_process();
    let init = client
        .initialize_with(
            capabilities,
            Value::Null,
            json!([{"uri": folder.root_uri(), "name": "desk"}]),
        )
        .await;
    assert_eq!(init["capabilities"]["workspaceSymbolProvider"], true);
    client
}

/// Waits for the end of the indexing progress.
async fn indexed(client: &LspClient) -> Value {
    client
        .wait_for("indexing progress end", |n| {
            n["method"] == "$/progress" && n["params"]["value"]["kind"] == "end"
        })
        .await
}

async fn workspace_report(client: &LspClient, previous: Value) -> Vec<Value> {
    let r = client
        .call(
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        )
        .await;
    r["items"].as_array().cloned().unwrap_or_default()
}

fn item_for<'a>(items: &'a [Value], uri: &str) -> Option<&'a Value> {
    items.iter().find(|i| i["uri"] == uri)
}

#[tokio::test]
async fn indexes_the_folder_with_progress_and_reports_closed_files_through_pull() {
    let folder = Folder::new(
        "pull",
        &[
            ("orphan.txt", ORPHAN),
            ("clean.txt", CLEAN),
            (".hidden/x.txt", ORPHAN),
        ],
    );
    let client = start(&folder, pull_capabilities()).await;
    let end = indexed(&client).await;
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .contains("2 articles indexed"),
        "{end}"
    );
    // Pull mode: capability announced, nothing pushed.
    let items = workspace_report(&client, json!([])).await;
    let orphan = item_for(&items, &folder.uri("orphan.txt")).expect("closed article reported");
    assert_eq!(orphan["kind"], "full");
    assert_eq!(
        codes(orphan["items"].as_array().unwrap()),
        vec!["unattributed-quote"]
    );
    assert!(
        item_for(&items, &folder.uri(".hidden/x.txt")).is_none(),
        "hidden folders are skipped"
    );
    // Unchanged reports for unchanged results.
    let previous: Vec<Value> = items
        .iter()
        .map(|i| json!({"uri": i["uri"], "value": i["resultId"]}))
        .collect();
    let again = workspace_report(&client, json!(previous)).await;
    assert!(again.iter().all(|i| i["kind"] == "unchanged"), "{again:?}");

    // textDocument/diagnostic on an open document, then unchanged with its resultId.
    let u = folder.uri("orphan.txt");
    client.open(&u, ORPHAN).await;
    let full = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert_eq!(full["kind"], "full");
    assert_eq!(
        codes(full["items"].as_array().unwrap()),
        vec!["unattributed-quote"]
    );
    let unchanged = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}, "previousResultId": full["resultId"]}),
        )
        .await;
    assert_eq!(unchanged["kind"], "unchanged");
    assert!(
        client
            .notifications("textDocument/publishDiagnostics")
            .is_empty(),
        "never push to a pull client"
    );
}

#[tokio::test]
async fn malformed_house_style_is_reported_on_the_file_then_fixed() {
    let folder = Folder::new(
        "style",
        &[
            (
                "copydesk.toml",
                "[severity]\nunattributed-quote = \"off\"\n",
            ),
            ("orphan.txt", ORPHAN),
        ],
    );
    let client = start(
        &folder,
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    )
    .await;
    let u = folder.uri("orphan.txt");
    client.open(&u, ORPHAN).await;
    // The style switches the warning off.
    let d = client.diagnostics(&u, 1).await;
    assert!(d.is_empty(), "{d:?}");
    // The server registered its file watchers.
    client.wait_for("nothing", |_| true).await;
    assert!(
        client
            .server_requests
            .lock()
            .unwrap()
            .iter()
            .any(|r| r["method"] == "client/registerCapability"),
        "watchers registered"
    );

    // Break the file: one diagnostic on copydesk.toml, the previous style stays.
    folder.write(
        "copydesk.toml",
        "[severity]\nunattributed-quote = \"loud\"\n",
    );
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": folder.uri("copydesk.toml"), "type": 2}]}),
        )
        .await;
    let style_uri = folder.uri("copydesk.toml");
    let n = client
        .wait_for("style diagnostic", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == style_uri
                && !n["params"]["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    let diag = &n["params"]["diagnostics"][0];
    assert_eq!(diag["range"]["start"], json!({"line": 1, "character": 21}));
    assert!(diag["message"].as_str().unwrap().contains("loud"));
    // Still off: the previous valid style is in force.
    client.change(&u, 2, ((0, 0), (0, 0)), " ").await;
    assert!(client.diagnostics(&u, 2).await.is_empty());

    // Fix it (warning back on): the file's diagnostic clears and the article is flagged.
    folder.write(
        "copydesk.toml",
        "[severity]\nunattributed-quote = \"error\"\n",
    );
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": folder.uri("copydesk.toml"), "type": 2}]}),
        )
        .await;
    client
        .wait_for("style diagnostic cleared", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == style_uri
                && n["params"]["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    let n = client
        .wait_for("article re-published with the new style", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == u
                && n["params"]["diagnostics"][0]["severity"] == 1
        })
        .await;
    assert_eq!(n["params"]["diagnostics"][0]["code"], "unattributed-quote");
}

#[tokio::test]
async fn files_created_and_deleted_while_running() {
    let folder = Folder::new("watch", &[("clean.txt", CLEAN)]);
    let client = start(&folder, pull_capabilities()).await;
    indexed(&client).await;
    assert!(
        item_for(
            &workspace_report(&client, json!([])).await,
            &folder.uri("new.txt")
        )
        .is_none()
    );

    folder.write("new.txt", ORPHAN);
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": folder.uri("new.txt"), "type": 1}]}),
        )
        .await;
    client.wait_for("refresh request", |_| true).await;
    let mut found = false;
    for _ in 0..50 {
        let items = workspace_report(&client, json!([])).await;
        if let Some(item) = item_for(&items, &folder.uri("new.txt")) {
            assert_eq!(
                codes(item["items"].as_array().unwrap()),
                vec!["unattributed-quote"]
            );
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(found, "a created file is indexed");

    std::fs::remove_file(folder.path().join("new.txt")).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": folder.uri("new.txt"), "type": 3}]}),
        )
        .await;
    let mut gone = false;
    for _ in 0..50 {
        if item_for(
            &workspace_report(&client, json!([])).await,
            &folder.uri("new.txt"),
        )
        .is_none()
        {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(gone, "a deleted file leaves the index");
}

#[tokio::test]
async fn editor_settings_apply_and_the_file_wins() {
    let folder = Folder::new("settings", &[("orphan.txt", ORPHAN)]);
    let client = LspClient::in_process();
    client
        .initialize_with(
            json!({}),
            json!({"severity": {"unattributed-quote": "hint"}}),
            json!([{"uri": folder.root_uri(), "name": "desk"}]),
        )
        .await;
    let u = folder.uri("orphan.txt");
    client.open(&u, ORPHAN).await;
    let d = client.diagnostics(&u, 1).await;
    assert_eq!(d[0]["severity"], 4, "hint from initializationOptions");
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": {"severity": {"unattributed-quote": "error"}}}}),
        )
        .await;
    client
        .wait_for("error severity", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["diagnostics"][0]["severity"] == 1
        })
        .await;
    // A style file saying "info" wins over the editor's "error".
    folder.write(
        "copydesk.toml",
        "[severity]\nunattributed-quote = \"info\"\n",
    );
    client
        .notify("textDocument/didSave", json!({"textDocument": {"uri": u}}))
        .await;
    client
        .wait_for("info severity from the file", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["diagnostics"][0]["severity"] == 3
        })
        .await;
}

#[tokio::test]
async fn markdown_code_is_not_prose() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let u = common::uri("brief.md");
    let text = "---\nlang: fr\n---\n# Budget\n\n```\n« Une citation dans du code. »\n```\n\n« Nous ne céderons rien sur les écoles. »\n";
    client.open_as(&u, text, "markdown", 1).await;
    let d = client.diagnostics(&u, 1).await;
    assert_eq!(codes(&d), vec!["unattributed-quote"]);
    assert_eq!(d[0]["range"]["start"]["line"], 9);
}

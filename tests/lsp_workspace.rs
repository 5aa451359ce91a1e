//! Protocol tests for the newsroom's folder: indexing with progress, pull diagnostics, the
//! house style file (malformed, then fixed), files created and deleted while the server runs,
//! editor settings, Markdown.

mod common;

use common::{Folder, LspClient, codes};
use serde_json::{Value, json};

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

const DEFINITION_FR: &str = "Le patron du groupe, Evgueni Prigojine, a quitté Rostov samedi.\n\nPrigojine n’a plus été vu depuis.\n";
const VARIANT_FR: &str = "Selon Minsk, Prigozhin serait arrivé en Biélorussie mardi.\n";

#[tokio::test]
async fn names_across_articles_references_rename_and_fixes() {
    let folder = Folder::new(
        "names",
        &[
            ("a.txt", DEFINITION_FR),
            ("b.txt", VARIANT_FR),
            (
                "copydesk.toml",
                "# house style of the desk\n[ignore]\nnames = [\"Wagner\"] # never flagged\n",
            ),
        ],
    );
    let caps = json!({
        "general": {"positionEncodings": ["utf-8"]},
        "window": {"workDoneProgress": true},
        "workspace": {"workspaceEdit": {"documentChanges": true}},
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
    });
    let client = start(&folder, caps).await;
    indexed(&client).await;
    let b = folder.uri("b.txt");
    let a = folder.uri("a.txt");
    client.open(&b, VARIANT_FR).await;
    let n = client
        .wait_for("cross-article variant", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == b
                && n["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        })
        .await;
    let d = &n["params"]["diagnostics"][0];
    assert_eq!(d["code"], "name-variant");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("Prigojine") && message.contains("Prigozhin (1×) in this article"),
        "{message}"
    );
    let related = d["relatedInformation"].as_array().unwrap();
    assert!(
        related.iter().any(|r| r["location"]["uri"] == a),
        "{related:?}"
    );

    // References from the open article reach the closed one.
    let col = VARIANT_FR.find("Prigozhin").unwrap() as u32;
    let refs = client
        .call(
            "textDocument/references",
            json!({"textDocument": {"uri": b}, "position": {"line": 0, "character": col + 1},
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris.iter().filter(|u| **u == a).count(), 2, "{uris:?}");
    assert_eq!(uris.iter().filter(|u| **u == b).count(), 1, "{uris:?}");

    // Rename across the two articles; a.txt is closed: its edit carries no version.
    let edit = client
        .call(
            "textDocument/rename",
            json!({"textDocument": {"uri": b}, "position": {"line": 0, "character": col + 1}, "newName": "Prigojin"}),
        )
        .await;
    let changes = edit["documentChanges"].as_array().unwrap();
    let for_a = changes
        .iter()
        .find(|c| c["textDocument"]["uri"] == a)
        .expect("closed file edited");
    assert!(for_a["textDocument"]["version"].is_null());
    let renamed_a = common::apply_edits(DEFINITION_FR, for_a["edits"].as_array().unwrap(), "utf-8");
    assert_eq!(
        renamed_a.matches("Prigojin ").count() + renamed_a.matches("Prigojin,").count(),
        2,
        "{renamed_a}"
    );
    assert!(renamed_a.contains("Evgueni Prigojin,"), "{renamed_a}");
    let renamed_b = common::apply_edits(VARIANT_FR, &common::edits_for(&edit, &b), "utf-8");
    assert!(
        renamed_b.contains("Selon Minsk, Prigojin serait"),
        "{renamed_b}"
    );

    // Quick fixes: this article, every article, and the house style.
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": b}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|x| x["title"].as_str().unwrap())
        .collect();
    let preferred = actions
        .iter()
        .find(|x| x["isPreferred"] == true)
        .expect("preferred fix");
    let fixed = common::apply_edits(
        VARIANT_FR,
        &common::edits_for(&preferred["edit"], &b),
        "utf-8",
    );
    assert!(fixed.contains("Selon Minsk, Prigojine serait"), "{fixed}");
    let style = actions
        .iter()
        .find(|x| {
            x["title"]
                .as_str()
                .unwrap()
                .starts_with("Prefer « Evgueni Prigojine »")
        })
        .unwrap_or_else(|| panic!("{titles:?}"));
    let style_uri = folder.uri("copydesk.toml");
    let style_edit = &common::edits_for(&style["edit"], &style_uri)[0];
    let new_style = style_edit["newText"].as_str().unwrap();
    assert!(
        new_style.contains("# house style of the desk") && new_style.contains("# never flagged"),
        "{new_style}"
    );
    assert!(
        new_style.contains("\"Evgueni Prigojine\" = [\"Prigozhin\"]"),
        "{new_style}"
    );

    // workspace/symbol lists the person by canonical spelling.
    let symbols = client
        .call("workspace/symbol", json!({"query": "prigo"}))
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Evgueni Prigojine"), "{names:?}");
}

#[tokio::test]
async fn use_one_spelling_in_every_article_is_one_workspace_edit() {
    let folder = Folder::new(
        "every",
        &[
            ("a.txt", DEFINITION_FR),
            ("b.txt", VARIANT_FR),
            ("c.txt", "Prigozhin a parlé lundi.\n"),
        ],
    );
    let client = start(
        &folder,
        json!({"window": {"workDoneProgress": true}, "workspace": {"workspaceEdit": {"documentChanges": true}}}),
    )
    .await;
    indexed(&client).await;
    let b = folder.uri("b.txt");
    client.open(&b, VARIANT_FR).await;
    let d = client
        .wait_for("variant", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == b
                && n["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        })
        .await["params"]["diagnostics"][0]
        .clone();
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": b}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let every = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["title"].as_str().unwrap().contains("in every article"))
        .expect("use X in every article");
    let changes = every["edit"]["documentChanges"].as_array().unwrap();
    let files: Vec<&str> = changes
        .iter()
        .map(|c| c["textDocument"]["uri"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&b.as_str()) && files.contains(&folder.uri("c.txt").as_str()),
        "{files:?}"
    );
    let c_edits = common::edits_for(&every["edit"], &folder.uri("c.txt"));
    assert_eq!(
        common::apply_edits("Prigozhin a parlé lundi.\n", &c_edits, "utf-16"),
        "Prigojine a parlé lundi.\n"
    );
}

#[tokio::test]
async fn a_settings_change_asks_a_pull_client_to_pull_again() {
    let folder = Folder::new("pullsettings", &[("orphan.txt", ORPHAN)]);
    let client = start(&folder, pull_capabilities()).await;
    indexed(&client).await;
    let u = folder.uri("orphan.txt");
    client.open(&u, ORPHAN).await;
    let before = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert_eq!(before["items"][0]["severity"], 2);
    let refreshes = || {
        client
            .server_requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r["method"] == "workspace/diagnostic/refresh")
            .count()
    };
    let seen = refreshes();
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": {"severity": {"unattributed-quote": "error"}}}}),
        )
        .await;
    for _ in 0..100 {
        if refreshes() > seen {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        refreshes() > seen,
        "the server asked the client to pull again"
    );
    let after = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert_eq!(after["items"][0]["severity"], 1);
}

#[tokio::test]
async fn settings_are_read_through_workspace_configuration() {
    let client = LspClient::in_process();
    *client.configuration.lock().unwrap() = json!({"severity": {"unattributed-quote": "hint"}});
    client
        .initialize(json!({"workspace": {"configuration": true}}))
        .await;
    let u = common::uri("config.txt");
    client.open(&u, ORPHAN).await;
    client
        .wait_for("hint severity from workspace/configuration", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["diagnostics"][0]["severity"] == 4
        })
        .await;
    // "Settings changed, ask me" (null settings): the server asks again.
    *client.configuration.lock().unwrap() = json!({"severity": {"unattributed-quote": "error"}});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    client
        .wait_for("error severity after asking again", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["diagnostics"][0]["severity"] == 1
        })
        .await;
}

/// A folder named `name` with the definition in a.txt and a variant in b.txt, indexed, both
/// open, with a client that reads related information: the folder (kept alive), the client,
/// and the URIs of a.txt and b.txt.
async fn definition_and_variant_open(name: &str) -> (Folder, LspClient, String, String) {
    let folder = Folder::new(name, &[("a.txt", DEFINITION_FR), ("b.txt", VARIANT_FR)]);
    let caps = json!({
        "general": {"positionEncodings": ["utf-8"]},
        "window": {"workDoneProgress": true},
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
    });
    let client = start(&folder, caps).await;
    indexed(&client).await;
    let (a, b) = (folder.uri("a.txt"), folder.uri("b.txt"));
    client.open(&a, DEFINITION_FR).await;
    client.open(&b, VARIANT_FR).await;
    (folder, client, a, b)
}

/// Text moved in another open article without changing its names: the folder's sums are
/// reused, but the places they point at are the other article's current ones.
#[tokio::test]
async fn related_places_in_other_articles_follow_their_edits() {
    let (_folder, client, a, b) = definition_and_variant_open("moved").await;
    let lines_of_a = |d: &[Value]| -> Vec<u64> {
        d.iter()
            .filter(|d| d["code"] == "name-variant")
            .flat_map(|d| {
                d["relatedInformation"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter(|r| r["location"]["uri"] == a)
            .map(|r| r["location"]["range"]["start"]["line"].as_u64().unwrap())
            .collect()
    };
    let before = lines_of_a(&client.diagnostics(&b, 1).await);
    assert!(before.contains(&0), "{before:?}");
    // Two lines above everything in a.txt: its names are the same, their places are not.
    client
        .change(&a, 2, ((0, 0), (0, 0)), "Mise à jour.\n\n")
        .await;
    client.diagnostics(&a, 2).await;
    // Any edit in b.txt re-publishes it.
    client.change(&b, 2, ((0, 0), (0, 0)), " ").await;
    let after = lines_of_a(&client.diagnostics(&b, 2).await);
    assert!(after.contains(&2), "{after:?}");
    assert!(!after.contains(&0), "{after:?}");
}

/// An edit that changes names another open article does not share leaves that article alone
/// (its cross-article findings cannot change); one that changes the sums of a name it shares
/// publishes it again with the new sums.
#[tokio::test]
async fn only_articles_sharing_a_changed_name_are_published_again() {
    let (_folder, client, a, b) = definition_and_variant_open("shared").await;
    client.diagnostics(&a, 1).await;
    let message_of = |d: &[Value]| -> String {
        d.iter()
            .find(|d| d["code"] == "name-variant")
            .and_then(|d| d["message"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let first = message_of(&client.diagnostics(&b, 1).await);
    assert!(first.contains("Prigojine (2×"), "{first}");
    let published_b = || {
        client
            .notifications("textDocument/publishDiagnostics")
            .iter()
            .filter(|n| n["params"]["uri"] == b)
            .count()
    };
    // Whatever the opening published settles.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let before = published_b();
    // A name b.txt does not have: its findings cannot change.
    client
        .change(&a, 2, ((0, 0), (0, 0)), "Marie Dupont a parlé.\n\n")
        .await;
    client.diagnostics(&a, 2).await;
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    assert_eq!(
        published_b(),
        before,
        "b.txt published again for a name it does not have"
    );
    // One more mention of the name b.txt shares: its sums change.
    client
        .change(&a, 3, ((0, 0), (0, 0)), "Prigojine a parlé.\n\n")
        .await;
    client.diagnostics(&a, 3).await;
    let n = client
        .wait_for("b.txt with the new sums", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == b
                && n["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| message_of(d) != first)
        })
        .await;
    let last = message_of(n["params"]["diagnostics"].as_array().unwrap());
    assert!(last.contains("Prigojine (3×"), "{last}");
}

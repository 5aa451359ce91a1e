//! Bad input (issue 7): whatever an editor or a newsroom folder throws at copydesk, the server
//! stays up, answers the next request, and logs what it skipped.
//!
//! In process, through the protocol harness. Waits are bounded only to turn a hang into a
//! failure (generous: a debug build analyses the big documents slowly); nothing asserts on
//! elapsed time.

mod common;

use std::time::Duration;

use common::{Folder, LspClient, uri};
use copydesk::analysis::{self, AnalysisOptions, Severity};
use copydesk::text::PositionEncoding;
use copydesk::text::position::{offset_at, range_of};
use serde_json::{Value, json};
use tower_lsp_server::ls_types::Position;

/// Guard against hangs on the heavy cases (50 MB, 100,000 files) in a debug build.
const LONG: Duration = Duration::from_secs(600);

/// A request with a long bound; returns the whole response.
async fn request_long(client: &LspClient, method: &str, params: Value) -> Value {
    let id = client.fresh_id();
    let rx = client.send_request(id, method, params).await;
    tokio::time::timeout(LONG, rx)
        .await
        .unwrap_or_else(|_| panic!("no response to {method} within {LONG:?}"))
        .expect("reader gone")
}

/// Waits (long bound) for a notification with one of `methods` matching `pred`.
async fn wait_long(
    client: &LspClient,
    methods: &[&str],
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = tokio::time::Instant::now() + LONG;
    loop {
        let found = methods
            .iter()
            .find_map(|m| client.notifications(m).into_iter().find(|n| pred(n)));
        if let Some(n) = found {
            return n;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

const DIAGNOSTICS: &str = "textDocument/publishDiagnostics";
const LOGS: [&str; 2] = ["window/logMessage", "window/showMessage"];

/// The diagnostics published for `uri` at `version` (long bound).
async fn diagnostics_long(client: &LspClient, u: &str, version: i32) -> Vec<Value> {
    let n = wait_long(
        client,
        &[DIAGNOSTICS],
        &format!("diagnostics for {u} v{version}"),
        |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == u
                && n["params"]["version"] == version
        },
    )
    .await;
    n["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The (code, range) pairs copydesk should publish for `text`, from the analysis itself.
fn expected(text: &str, encoding: PositionEncoding) -> Vec<(String, Value)> {
    let analysis = analysis::analyze(text, &AnalysisOptions::default());
    let rope = ropey::Rope::from_str(text);
    analysis
        .findings
        .iter()
        .filter(|f| f.severity > Severity::Off)
        .map(|f| {
            let range = range_of(&rope, &f.span, encoding);
            (f.code.to_string(), serde_json::to_value(range).unwrap())
        })
        .collect()
}

fn published(diags: &[Value]) -> Vec<(String, Value)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"].clone(),
            )
        })
        .collect()
}

fn hover_params(u: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}})
}

/// Asserts the server is still serving: a fresh document gets its diagnostics, and a request
/// about it is answered without error.
async fn still_serving(client: &LspClient) {
    let u = uri("still-serving.txt");
    client.open(&u, "Il a dit « oui.\n").await;
    let diags = client.diagnostics(&u, 1).await;
    assert!(
        common::codes(&diags).contains(&"unbalanced-quote".to_string()),
        "the server still analyses: {diags:?}"
    );
    let hover = client
        .request("textDocument/hover", hover_params(&u, 0, 9))
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
}

/// An incremental change: start (line, character), end (line, character), new text.
type Edit = ((u32, u32), (u32, u32), &'static str);

/// Applies an LSP change to the model text exactly as the protocol defines it.
fn apply(model: &mut String, range: ((u32, u32), (u32, u32)), text: &str, enc: PositionEncoding) {
    let rope = ropey::Rope::from_str(model);
    let a = offset_at(&rope, Position::new(range.0.0, range.0.1), enc);
    let b = offset_at(&rope, Position::new(range.1.0, range.1.1), enc);
    model.replace_range(a.min(b)..a.max(b), text);
}

// ---------------------------------------------------------------------------------------
// Documents

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_50_mb_single_line_document_is_opened_edited_and_answered() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let u = uri("fifty-megabytes.txt");
    let sentence = "Selon M. Prigojine, la décision est « inacceptable », a-t-il dit. ";
    let mut text = String::with_capacity(50 * 1024 * 1024 + sentence.len());
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(sentence);
    }
    client.open(&u, &text).await;
    // An edit in the middle of the one line, then one at its end.
    let middle = (text.chars().count() / 2) as u32;
    client.change(&u, 2, ((0, middle), (0, middle)), "« ").await;
    client
        .change(&u, 3, ((0, u32::MAX), (0, u32::MAX)), "Fin.")
        .await;
    // The newest version is analysed and published, or skipped with a log line that says so.
    let outcome = wait_long(
        &client,
        &[DIAGNOSTICS, LOGS[0], LOGS[1]],
        "diagnostics for v3 or a log line about the document",
        |n| {
            (n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == u.as_str()
                && n["params"]["version"] == 3)
                || ((n["method"] == "window/logMessage" || n["method"] == "window/showMessage")
                    && n["params"]["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("fifty-megabytes.txt")))
        },
    )
    .await;
    eprintln!(
        "50 MB document: {} ({} diagnostics)",
        outcome["method"],
        outcome["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    );
    let hover = request_long(&client, "textDocument/hover", hover_params(&u, 0, 40)).await;
    assert!(
        hover.get("error").is_none(),
        "{}",
        hover.to_string().chars().take(300).collect::<String>()
    );
    let symbols = request_long(
        &client,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    )
    .await;
    assert!(
        symbols.get("error").is_none(),
        "documentSymbol failed on 50 MB"
    );
    still_serving(&client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_megabyte_of_nothing_but_quote_marks() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let marks = ['«', '»', '“', '”', '"', '\'', '‹', '›', '’', '‘', '„'];
    let mut text = String::new();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    while text.len() < 1024 * 1024 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        text.push(marks[(x % marks.len() as u64) as usize]);
    }
    let u = uri("only-quotes.txt");
    client.open(&u, &text).await;
    let diags = diagnostics_long(&client, &u, 1).await;
    assert!(
        !diags.is_empty(),
        "unbalanced and misused marks are reported"
    );
    // Requests land in the middle of the marks.
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/documentHighlight",
    ] {
        let r = request_long(&client, method, hover_params(&u, 0, 1000)).await;
        assert!(r.get("error").is_none(), "{method}: {r}");
    }
    let tokens = request_long(
        &client,
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": u}}),
    )
    .await;
    assert!(tokens.get("error").is_none());
    // Typing in the middle still publishes for the newest version.
    client.change(&u, 2, ((0, 5000), (0, 5000)), "«").await;
    diagnostics_long(&client, &u, 2).await;
    still_serving(&client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_levels_of_nested_quotes() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let depth = 10_000;
    let mut text = String::from("Il a dit ");
    for i in 0..depth {
        text.push_str(if i % 2 == 0 { "« " } else { "“" });
    }
    text.push_str("M. Prigojine");
    for i in (0..depth).rev() {
        text.push_str(if i % 2 == 0 { " »" } else { "”" });
    }
    text.push_str(", a déclaré Prigozhin.\n");
    let u = uri("nested.txt");
    client.open(&u, &text).await;
    let diags = diagnostics_long(&client, &u, 1).await;
    assert_eq!(published(&diags), expected(&text, PositionEncoding::Utf16));
    let middle = (9 + depth * 3 / 2 + 5) as u32; // inside the name, near the centre
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/documentHighlight",
        "textDocument/prepareRename",
    ] {
        let mut params = hover_params(&u, 0, middle);
        params["context"] = json!({"includeDeclaration": true});
        let r = request_long(&client, method, params).await;
        assert!(r.get("error").is_none(), "{method}: {r}");
    }
    for method in [
        "textDocument/documentSymbol",
        "textDocument/semanticTokens/full",
    ] {
        let r = request_long(&client, method, json!({"textDocument": {"uri": u}})).await;
        assert!(r.get("error").is_none(), "{method}");
    }
    still_serving(&client).await;
}

#[tokio::test]
async fn every_unicode_line_separator_mixed_with_crlf() {
    let client = LspClient::in_process();
    client
        .initialize(json!({"general": {"positionEncodings": ["utf-16"]}}))
        .await;
    let enc = PositionEncoding::Utf16;
    let mut model = String::from(
        "« Nous verrons »,\u{2028}a déclaré M. Prigojine.\r\n\
         Prigozhin\u{2029}a ajouté : « Rien.\u{85}\r\n\
         \u{b}« Fin »\u{c}, selon Mme Kowalski.\r\r\n\n\
         “Still\u{2028}here,” said Kowalsky.\u{85}",
    );
    let u = uri("separators.txt");
    client.open(&u, &model).await;
    let diags = client.diagnostics(&u, 1).await;
    assert_eq!(published(&diags), expected(&model, enc), "{model:?}");
    // Edits around the separators: only \n, \r\n and \r end lines for the protocol.
    let edits: [Edit; 4] = [
        ((0, 17), (0, 18), "\n"),     // replace the U+2028 by a real line break
        ((1, 0), (1, 0), "\u{2029}"), // insert a paragraph separator at a line start
        ((2, 9), (3, 4), " »\u{85}"), // across a CRLF, ending after a U+2029
        ((4, 0), (4, 99), "\u{b}\u{c}\r\n"),
    ];
    for (i, (start, end, text)) in edits.iter().enumerate() {
        apply(&mut model, (*start, *end), text, enc);
        client.change(&u, i as i32 + 2, (*start, *end), text).await;
    }
    let diags = client.diagnostics(&u, 5).await;
    assert_eq!(published(&diags), expected(&model, enc), "{model:?}");
    for d in &diags {
        let r = &d["range"];
        let lines = model
            .split("\r\n")
            .flat_map(|l| l.split(['\r', '\n']))
            .count() as u64;
        assert!(r["end"]["line"].as_u64().unwrap() < lines, "{d}");
    }
    still_serving(&client).await;
}

#[tokio::test]
async fn nul_bytes_in_a_document() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let enc = PositionEncoding::Utf16;
    let mut model = String::from(
        "\0Le ministre\0 a dit « oui\0 ».\n\0\0\0\nM. Prigojine\0 a déclaré : « Non. »\0",
    );
    let u = uri("nul.txt");
    client.open(&u, &model).await;
    let diags = client.diagnostics(&u, 1).await;
    assert_eq!(published(&diags), expected(&model, enc));
    apply(&mut model, ((1, 1), (1, 2)), "« \0", enc);
    client.change(&u, 2, ((1, 1), (1, 2)), "« \0").await;
    let diags = client.diagnostics(&u, 2).await;
    assert_eq!(published(&diags), expected(&model, enc));
    for character in [0, 1, 11, 12] {
        let hover = client
            .request("textDocument/hover", hover_params(&u, 0, character))
            .await;
        assert!(hover.get("error").is_none(), "{hover}");
    }
    still_serving(&client).await;
}

#[tokio::test]
async fn requests_about_documents_never_opened_are_answered_with_nothing() {
    let client = LspClient::in_process();
    client.initialize(LspClient::modern_capabilities()).await;
    let u = uri("never-opened.txt");
    let doc = json!({"uri": u});
    let pos = json!({"line": 0, "character": 0});
    let range = json!({"start": pos, "end": {"line": 3, "character": 0}});
    let requests = [
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/definition",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": doc, "position": pos, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": doc, "position": pos, "newName": "Prigojine"}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": doc})),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": range}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/documentHighlight",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/prepareRename",
            json!({"textDocument": doc, "position": pos}),
        ),
    ];
    for (method, params) in requests {
        let r = client.request(method, params).await;
        assert!(
            r.get("error").is_none(),
            "{method} about a document never opened: {r}"
        );
        let result = &r["result"];
        let empty = result.is_null()
            || result.as_array().is_some_and(Vec::is_empty)
            || result["data"].as_array().is_some_and(Vec::is_empty);
        assert!(
            empty,
            "{method} about a document never opened answers nothing: {result}"
        );
    }
    // Edits and closes for it are skipped; the server goes on.
    client.change(&u, 2, ((0, 0), (0, 0)), "x").await;
    client
        .notify("textDocument/didClose", json!({"textDocument": {"uri": u}}))
        .await;
    still_serving(&client).await;
}

#[tokio::test]
async fn positions_inside_surrogate_pairs_round_down() {
    let client = LspClient::in_process();
    client
        .initialize(json!({"general": {"positionEncodings": ["utf-16"]}}))
        .await;
    let enc = PositionEncoding::Utf16;
    let mut model = String::from(
        "😀Evgueni Prigojine a déclaré : « 𝕏 Nous verrons 😀 »😀.\n😀Prigozhin😀 a ajouté : « 😀 ».\n",
    );
    let u = uri("astral.txt");
    client.open(&u, &model).await;
    client.diagnostics(&u, 1).await;
    // Every astral character: a request at its low surrogate answers like one at its high
    // surrogate (the position rounds down to the character's start).
    for (line_no, line) in model.split('\n').enumerate() {
        let mut unit = 0u32;
        for c in line.chars() {
            if c.len_utf16() == 2 {
                for method in ["textDocument/hover", "textDocument/definition"] {
                    let high = client
                        .request(method, hover_params(&u, line_no as u32, unit))
                        .await;
                    let low = client
                        .request(method, hover_params(&u, line_no as u32, unit + 1))
                        .await;
                    assert!(
                        low.get("error").is_none(),
                        "{method} at a low surrogate: {low}"
                    );
                    assert_eq!(
                        low["result"],
                        high["result"],
                        "{method} at {line_no}:{}",
                        unit + 1
                    );
                }
            }
            unit += c.len_utf16() as u32;
        }
    }
    // No range the server sends splits a surrogate pair.
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let lines: Vec<Vec<u16>> = model
        .split('\n')
        .map(|l| l.encode_utf16().collect())
        .collect();
    let mut positions = Vec::new();
    collect_positions(&symbols, &mut positions);
    for (line, character) in positions {
        let units = &lines[line as usize];
        let c = character as usize;
        if c > 0 && c < units.len() {
            assert!(
                !(0xDC00..0xE000).contains(&units[c]),
                "a position splits a surrogate pair: {line}:{character}"
            );
        }
    }
    // An insertion at a low surrogate lands before the astral character.
    apply(&mut model, ((1, 1), (1, 1)), "« ", enc);
    client.change(&u, 2, ((1, 1), (1, 1)), "« ").await;
    let diags = client.diagnostics(&u, 2).await;
    assert!(model.starts_with("😀Evgueni") && model.contains("\n« 😀Prigozhin"));
    assert_eq!(published(&diags), expected(&model, enc));
    still_serving(&client).await;
}

fn collect_positions(v: &Value, out: &mut Vec<(u64, u64)>) {
    match v {
        Value::Object(map) => {
            if let (Some(l), Some(c)) = (map.get("line"), map.get("character")) {
                if let (Some(l), Some(c)) = (l.as_u64(), c.as_u64()) {
                    out.push((l, c));
                }
            }
            map.values().for_each(|x| collect_positions(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| collect_positions(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn crlf_documents_edited_across_crlf() {
    for encoding in ["utf-8", "utf-16", "utf-32"] {
        let client = LspClient::in_process();
        client
            .initialize(json!({"general": {"positionEncodings": [encoding]}}))
            .await;
        let enc = match encoding {
            "utf-8" => PositionEncoding::Utf8,
            "utf-32" => PositionEncoding::Utf32,
            _ => PositionEncoding::Utf16,
        };
        let mut model = String::from(
            "La maire, Claire Vasseur, a parlé.\r\n\r\n« Nous tiendrons », a-t-elle déclaré.\r\n\
             Vaseur a ajouté : « Rien n’est joué.\r\n\r\n« Fin. »\r\n",
        );
        let u = uri(&format!("crlf-{encoding}.txt"));
        client.open(&u, &model).await;
        let diags = client.diagnostics(&u, 1).await;
        assert_eq!(published(&diags), expected(&model, enc), "{encoding}");
        let edits: [Edit; 6] = [
            // Join the first two lines: delete from the end of line 0 across its \r\n.
            ((0, 34), (1, 0), ""),
            // A character past the line end clamps before the \r: this deletes nothing of it.
            ((1, 99), (1, 200), " »"),
            // Replace a whole line break by another one.
            ((1, 200), (2, 0), "\r\n\r\n"),
            // Split a line with a lone \r and a lone \n.
            ((3, 6), (3, 6), "\r«\n"),
            // Delete across several \r\n at once.
            ((4, 3), (7, 1), " « "),
            // Insert a \r right before an existing \n? Never: positions never land inside
            // \r\n; a \r typed at a line end makes \r\r\n.
            ((0, 1000), (0, 1000), "\r"),
        ];
        for (i, (start, end, text)) in edits.iter().enumerate() {
            apply(&mut model, (*start, *end), text, enc);
            client.change(&u, i as i32 + 2, (*start, *end), text).await;
        }
        let diags = client.diagnostics(&u, edits.len() as i32 + 1).await;
        assert_eq!(
            published(&diags),
            expected(&model, enc),
            "{encoding}: {model:?}"
        );
        still_serving(&client).await;
    }
}

// ---------------------------------------------------------------------------------------
// Workspace folders

const ARTICLE: &str =
    "M. Prigojine a déclaré : « Nous verrons. »\n\nPrigozhin a ajouté que rien n’était joué.\n";

/// Starts a server on `folder` with progress support.
async fn start_on(folder: &Folder) -> LspClient {
    let client = LspClient::in_process();
    client
        .initialize_with(
            json!({
                "general": {"positionEncodings": ["utf-16"]},
                "window": {"workDoneProgress": true},
                "workspace": {"workspaceFolders": true, "configuration": true}
            }),
            Value::Null,
            json!([{"uri": folder.root_uri(), "name": "desk"}]),
        )
        .await;
    client
}

async fn indexing_end(client: &LspClient) -> Value {
    wait_long(
        client,
        &["$/progress"],
        "the end of indexing ($/progress end)",
        |n| n["method"] == "$/progress" && n["params"]["value"]["kind"] == "end",
    )
    .await
}

fn log_lines(client: &LspClient) -> Vec<String> {
    client
        .notifications("window/logMessage")
        .into_iter()
        .chain(client.notifications("window/showMessage"))
        .filter_map(|n| n["params"]["message"].as_str().map(str::to_string))
        .collect()
}

/// The workspace symbol query answers (the folder is served).
async fn workspace_symbols(client: &LspClient, query: &str) -> Value {
    let r = request_long(client, "workspace/symbol", json!({"query": query})).await;
    assert!(r.get("error").is_none(), "workspace/symbol: {r}");
    r["result"].clone()
}

#[tokio::test]
async fn invalid_utf8_on_disk_is_skipped_and_logged() {
    let folder = Folder::new("invalid-utf8", &[]);
    folder.write("good.txt", ARTICLE.as_bytes());
    folder.write(
        "latin1.txt",
        b"Le ministre a d\xe9clar\xe9 : \xab Non. \xbb\n",
    );
    folder.write("truncated.md", b"# Titre\n\nPrigojine \xe2\x80");
    let client = start_on(&folder).await;
    let end = indexing_end(&client).await;
    let logs = log_lines(&client);
    for name in ["latin1.txt", "truncated.md"] {
        assert!(
            logs.iter().any(|l| l.contains(name) && l.contains("UTF-8")),
            "{name} skipped with a log line saying why: {logs:?}"
        );
    }
    assert!(
        !logs.iter().any(|l| l.contains("good.txt")),
        "the good article is not skipped: {logs:?}"
    );
    eprintln!("indexing end: {}", end["params"]["value"]);
    // The good article is indexed and the server answers about it.
    let symbols = workspace_symbols(&client, "Prigojine").await;
    assert!(
        symbols.to_string().contains("good.txt"),
        "the good article is indexed: {symbols}"
    );
    // Opening the bad file from the editor works: the editor's buffer is UTF-8 by then.
    let u = folder.uri("latin1.txt");
    client.open(&u, "Le ministre a déclaré : « Non. »\n").await;
    client.diagnostics(&u, 1).await;
    still_serving(&client).await;
}

#[cfg(unix)]
#[tokio::test]
async fn a_symlink_loop_in_the_workspace_is_skipped_and_logged() {
    let folder = Folder::new("symlink-loop", &[]);
    folder.write("desk/article.txt", ARTICLE.as_bytes());
    // desk/loop → the folder itself; desk/self → desk; a → b → a (dangling cycle).
    std::os::unix::fs::symlink(folder.path(), folder.path().join("desk/loop")).unwrap();
    std::os::unix::fs::symlink(folder.path().join("desk"), folder.path().join("desk/self"))
        .unwrap();
    std::os::unix::fs::symlink(folder.path().join("b.txt"), folder.path().join("a.txt")).unwrap();
    std::os::unix::fs::symlink(folder.path().join("a.txt"), folder.path().join("b.txt")).unwrap();
    let client = start_on(&folder).await;
    let end = indexing_end(&client).await;
    eprintln!("indexing end: {}", end["params"]["value"]);
    let logs = log_lines(&client);
    assert!(
        logs.iter().any(|l| l.to_lowercase().contains("loop")),
        "the loop is logged: {logs:?}"
    );
    let symbols = workspace_symbols(&client, "Prigojine").await;
    assert!(
        symbols.to_string().contains("article.txt"),
        "the real article is indexed: {symbols}"
    );
    still_serving(&client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_of_100_000_files_is_indexed_while_requests_are_answered() {
    let folder = Folder::new("hundred-thousand", &[]);
    let count = 100_000;
    for i in 0..count {
        let name = format!("d{:03}/a{i:06}.txt", i % 500);
        let text = if i % 10 == 0 {
            format!("M. Prigojine a dit « oui » (dépêche {i}).\n")
        } else {
            format!("Dépêche {i} : le conseil a voté.\n")
        };
        folder.write(&name, text.as_bytes());
    }
    let client = start_on(&folder).await;
    // While the folder is being indexed, an open article is analysed and requests answered.
    let u = folder.uri("d000/a000000.txt");
    client
        .open(&u, "M. Prigojine a dit « oui ». Prigozhin a nié.\n")
        .await;
    let diags = diagnostics_long(&client, &u, 1).await;
    eprintln!(
        "diagnostics while indexing: {}",
        common::codes(&diags).join(", ")
    );
    let hover = request_long(&client, "textDocument/hover", hover_params(&u, 0, 4)).await;
    assert!(hover.get("error").is_none(), "{hover}");
    let ended_before_answer = client
        .notifications("$/progress")
        .iter()
        .any(|n| n["params"]["value"]["kind"] == "end");
    eprintln!("indexing had ended before the hover was answered: {ended_before_answer}");
    let end = indexing_end(&client).await;
    let message = end["params"]["value"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    eprintln!("indexing end: {message}");
    // Either all of it is indexed, or what was left out is logged (a workspace size limit).
    let all = message.contains(&format!("{count} articles indexed"))
        || message.contains(&format!("{} articles indexed", count - 1));
    if !all {
        let logs = log_lines(&client);
        assert!(
            logs.iter()
                .any(|l| l.contains("limit") || l.contains("skipped")),
            "articles left out of the index are logged: end = {message:?}, logs = {:?}",
            logs.iter().take(5).collect::<Vec<_>>()
        );
    }
    workspace_symbols(&client, "Prigojine").await;
    still_serving(&client).await;
}

// ---------------------------------------------------------------------------------------
// Messages (found by `fuzz/` jsonrpc)

#[tokio::test]
async fn requests_with_ids_that_are_not_integers_do_not_stop_the_server() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    // JSON-RPC ids are strings or integers; these numbers fit neither i64 nor an integer.
    for id in [
        "0.0",
        "1.5",
        "1e2",
        "9223372036854775808",
        "18446744073709551615",
    ] {
        let body =
            format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#);
        client
            .send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
            .await;
        let r = client
            .request("textDocument/hover", hover_params(&uri("x.txt"), 0, 0))
            .await;
        assert!(
            r.get("error").is_none(),
            "after a request with id {id}: {r}"
        );
    }
    still_serving(&client).await;
}

//! Protocol tests for the foundation: lifecycle, encodings, incremental sync, ordering of a
//! burst of edits, and robustness against bad messages. In process, over `tokio::io::duplex`.

mod common;

use common::{LspClient, codes, uri};
use copydesk::analysis::{self, AnalysisOptions};
use copydesk::text::PositionEncoding;
use copydesk::text::position::range_of;
use serde_json::{Value, json};

#[tokio::test]
async fn utf8_is_chosen_when_offered_and_incremental_sync_is_announced() {
    let client = LspClient::in_process();
    let result = client
        .initialize(json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}))
        .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn utf16_is_chosen_when_it_is_the_only_offer() {
    let client = LspClient::in_process();
    let result = client
        .initialize(json!({"general": {"positionEncodings": ["utf-16"]}}))
        .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let client2 = LspClient::in_process();
    let result = client2.initialize(json!({})).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let client3 = LspClient::in_process();
    let result = client3
        .initialize(json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}))
        .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-32");
}

#[tokio::test]
async fn requests_after_shutdown_are_invalid_and_exit_codes_follow_the_spec() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let r = client.request("shutdown", Value::Null).await;
    assert!(r.get("error").is_none());
    let after = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri("a.txt")}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(after["error"]["code"], -32600, "{after}");
    client.notify("exit", Value::Null).await;
    let mut client = client;
    let code = tokio::time::timeout(common::WAIT, client.server.take().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(code, 0);

    // exit without shutdown: 1
    let mut client = LspClient::in_process();
    client.initialize(json!({})).await;
    client.notify("exit", Value::Null).await;
    let code = tokio::time::timeout(common::WAIT, client.server.take().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(code, 1);
}

/// Applies a one-character insertion at (line, character) counted in UTF-16 units to a model.
fn insert_utf16(text: &mut String, line: u32, character: u32, insert: &str) {
    let rope = ropey::Rope::from_str(text);
    let pos = tower_lsp_server::ls_types::Position::new(line, character);
    let at = copydesk::text::position::offset_at(&rope, pos, PositionEncoding::Utf16);
    text.insert_str(at, insert);
}

#[tokio::test]
async fn a_burst_of_1000_edits_publishes_diagnostics_for_the_final_text() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let u = uri("burst.txt");
    let mut model = String::from("Le ministre a parlé.\n« Nous verrons », a-t-il dit.\n");
    client.open(&u, &model).await;
    // Type 1,000 characters at the end of the first line, without waiting: words with
    // accents, emoji (surrogate pairs in UTF-16) and quote marks that open and close quotes.
    let alphabet = ["a", "é", " ", "😀", "«", "»", "“", "”", "b", "\u{301}"];
    for i in 0..1000u32 {
        let ch = alphabet[(i as usize * 7 + i as usize / 3) % alphabet.len()];
        let line0 = model.split('\n').next().unwrap();
        let col: u32 = line0.encode_utf16().count() as u32;
        insert_utf16(&mut model, 0, col, ch);
        client
            .change(&u, (i + 2) as i32, ((0, col), (0, col)), ch)
            .await;
    }
    let published = client.diagnostics(&u, 1001).await;
    let expected = analysis::analyze(&model, &AnalysisOptions::default());
    let rope = ropey::Rope::from_str(&model);
    let expected: Vec<(String, Value)> = expected
        .findings
        .iter()
        .filter(|f| f.severity > copydesk::analysis::Severity::Off)
        .map(|f| {
            let range = range_of(&rope, &f.span, PositionEncoding::Utf16);
            (f.code.to_string(), serde_json::to_value(range).unwrap())
        })
        .collect();
    let got: Vec<(String, Value)> = published
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect();
    assert!(
        !expected.is_empty(),
        "the burst should leave quote findings"
    );
    assert_eq!(got, expected);
    // Nothing for an older version arrives after the final one.
    let all = client.notifications("textDocument/publishDiagnostics");
    let last = all.last().unwrap();
    assert_eq!(last["params"]["version"], 1001);
}

#[tokio::test]
async fn malformed_messages_unknown_methods_and_bad_positions_do_not_stop_the_server() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;

    // Malformed JSON in a well-framed message: a parse error, then business as usual.
    let junk = b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    client
        .send_raw(format!("Content-Length: {}\r\n\r\n", junk.len()).as_bytes())
        .await;
    client.send_raw(junk).await;
    let unknown = client.request("copydesk/noSuchMethod", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    assert!(
        client
            .stray_messages()
            .iter()
            .any(|m| m["error"]["code"] == -32700),
        "a parse error is reported: {:?}",
        client.stray_messages()
    );

    // Edits to a document never opened: skipped.
    client
        .change(&uri("never-opened.txt"), 2, ((0, 0), (0, 0)), "x")
        .await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri("never-opened.txt")}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(hover["result"], Value::Null, "{hover}");

    // Out-of-range positions in edits and requests are clamped.
    let u = uri("short.txt");
    client.open(&u, "« Bonjour »\r\n").await;
    client
        .change(&u, 2, ((40, 400), (50, 9)), " « Encore")
        .await;
    client.change(&u, 3, ((0, 999), (0, 1)), "").await;
    let diags = client.diagnostics(&u, 3).await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": 4_000_000_000u32, "character": 4_000_000_000u32}}),
        )
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
    // The text the server holds is what a careful client computes: the first change appended
    // at the end of the document, the second deleted from (0,1) to the line end.
    let expected_text = "«\r\n « Encore";
    let expected = analysis::analyze(expected_text, &AnalysisOptions::default());
    assert_eq!(
        codes(&diags),
        expected
            .findings
            .iter()
            .filter(|f| f.severity > copydesk::analysis::Severity::Off)
            .map(|f| f.code.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn did_close_clears_the_documents_diagnostics() {
    let client = LspClient::in_process();
    client.initialize(json!({})).await;
    let u = uri("closing.txt");
    client.open(&u, "Il a dit « oui.\n").await;
    let diags = client.diagnostics(&u, 1).await;
    assert!(!diags.is_empty(), "an unbalanced quote is reported");
    client
        .notify("textDocument/didClose", json!({"textDocument": {"uri": u}}))
        .await;
    assert!(client.cleared(&u).await.is_empty());
}

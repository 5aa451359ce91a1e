//! Protocol tests for what the editor shows about people and quotes: diagnostics, hovers,
//! definition, references, highlights, rename, quick fixes and fix-all, completion, inlay
//! hints, document symbols and semantic tokens.

mod common;

use common::{LspClient, apply_edits, codes, edits_for, uri};
use serde_json::{Value, json};

/// A French article written for these tests. Lines (0-based):
/// 0 definition of Sergueï Choïgou; 2 incise quote by M. Choïgou; 4 variant Shoigu;
/// 6 unattributed quote; 8 Marie Dubois + pronoun incise.
const ARTICLE: &str = "Le ministre russe de la Défense, Sergueï Choïgou, a inspecté mardi les troupes déployées près de Belgorod.

« La situation est entièrement sous contrôle », a déclaré M. Choïgou devant la presse.

Selon le Kremlin, Shoigu restera en poste jusqu’à la fin de l’année.

« Les prochaines semaines seront décisives. »

Marie Dubois, analyste au centre Carnegie, doute de cette version. « Rien ne permet de le vérifier », a-t-elle expliqué.
";

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// The UTF-16 column of `needle` on `line` of the article.
fn col(line: usize, needle: &str) -> u32 {
    let l = ARTICLE.lines().nth(line).unwrap();
    let byte = l
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not on line {line}"));
    l[..byte].encode_utf16().count() as u32
}

async fn open_article(encoding: &str) -> (LspClient, String) {
    let client = LspClient::in_process();
    let mut caps = LspClient::modern_capabilities();
    caps["general"]["positionEncodings"] = json!([encoding]);
    client.initialize(caps).await;
    let u = uri("defense.fr.txt");
    client.open(&u, ARTICLE).await;
    client.diagnostics(&u, 1).await;
    (client, u)
}

fn at(u: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": u}, "position": pos(line, character)})
}

#[tokio::test]
async fn diagnostics_name_the_variant_and_the_orphan_quote() {
    let (client, u) = open_article("utf-16").await;
    let d = client.diagnostics(&u, 1).await;
    assert_eq!(
        codes(&d),
        vec!["name-variant", "unattributed-quote"],
        "{d:#?}"
    );
    assert_eq!(d[0]["range"]["start"], pos(4, col(4, "Shoigu")));
    let message = d[0]["message"].as_str().unwrap();
    assert!(
        message.contains("Choïgou") && message.contains("Shoigu"),
        "{message}"
    );
    assert_eq!(d[1]["range"]["start"]["line"], 6);
    assert!(
        d[1]["message"]
            .as_str()
            .unwrap()
            .contains("no reporting cue")
    );
    // Related information points at the other spellings.
    let related = d[0]["relatedInformation"]
        .as_array()
        .expect("related information");
    assert!(
        related
            .iter()
            .any(|r| r["location"]["range"]["start"]["line"] == 0)
    );
}

#[tokio::test]
async fn hover_on_a_person_and_on_a_quote() {
    let (client, u) = open_article("utf-16").await;
    let h = client
        .call("textDocument/hover", at(&u, 2, col(2, "Choïgou") + 2))
        .await;
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Sergueï Choïgou"), "{text}");
    assert!(text.contains("Also spelled: Shoigu (1×)"), "{text}");
    assert!(text.contains("3 mentions"), "{text}");
    assert!(text.contains("line 1"), "{text}");
    assert!(text.contains("Quoted 1×"), "{text}");
    assert!(
        text.contains("ministre russe de la Défense"),
        "role from the apposition: {text}"
    );

    let h = client.call("textDocument/hover", at(&u, 2, 5)).await;
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Speaker: **Sergueï Choïgou**"), "{text}");
    assert!(text.contains("incise"), "{text}");

    let h = client.call("textDocument/hover", at(&u, 6, 5)).await;
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("No speaker"), "{text}");
    assert!(
        text.contains("Nearest candidate speakers: Sergueï Choïgou, Marie Dubois"),
        "{text}"
    );
}

/// A headline quoting the body, and a question answered in the next paragraph: the hover says
/// how each speaker was found, and definition goes to the mention used.
#[tokio::test]
async fn hover_explains_echoes_and_exchanges() {
    let text = "‘We will not close the ward’: nurses rally at Ashby General\n\n“We will not close the ward,” said Helen Marsh, the hospital’s chief executive.\n\nUnder questioning from councillor Tom Reyes, Marsh defended the plan.\n\n“Can you promise that no bed will be lost?” Reyes asked.\n\n“I can promise that no patient will be turned away.”\n";
    let client = LspClient::in_process();
    client.initialize(LspClient::modern_capabilities()).await;
    let u = uri("ashby.en.txt");
    client.open(&u, text).await;
    client.diagnostics(&u, 1).await;
    let h = client.call("textDocument/hover", at(&u, 0, 3)).await;
    let hover = h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{h}"));
    assert!(hover.contains("Speaker: **Helen Marsh**"), "{hover}");
    assert!(
        hover.contains("quoted with their speaker elsewhere"),
        "{hover}"
    );
    let def = client.call("textDocument/definition", at(&u, 0, 3)).await;
    assert_eq!(def["range"]["start"]["line"], 2, "{def}");

    let h = client.call("textDocument/hover", at(&u, 8, 3)).await;
    let hover = h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{h}"));
    assert!(hover.contains("Speaker: **Helen Marsh**"), "{hover}");
    assert!(hover.contains("question-and-answer exchange"), "{hover}");
    let hints = client
        .call(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": u}, "range": {"start": pos(0, 0), "end": pos(9, 0)}}),
        )
        .await;
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["label"].as_str())
        .collect();
    assert_eq!(labels, ["— Helen Marsh", "— Helen Marsh"], "{hints}");
}

#[tokio::test]
async fn definition_references_and_highlights() {
    let (client, u) = open_article("utf-8").await;
    // From the variant spelling to the first full-name mention.
    let l = ARTICLE.lines().nth(4).unwrap();
    let def = client
        .call(
            "textDocument/definition",
            at(&u, 4, l.find("Shoigu").unwrap() as u32 + 1),
        )
        .await;
    assert_eq!(def["uri"], u);
    assert_eq!(def["range"]["start"]["line"], 0);
    let l0 = ARTICLE.lines().next().unwrap();
    assert_eq!(
        def["range"]["start"]["character"],
        l0.find("Sergueï").unwrap() as u64
    );
    // From a quote to its speaker mention.
    let def = client.call("textDocument/definition", at(&u, 2, 3)).await;
    assert_eq!(def["range"]["start"]["line"], 2);

    let mut params = at(
        &u,
        2,
        ARTICLE.lines().nth(2).unwrap().find("Choïgou").unwrap() as u32,
    );
    params["context"] = json!({"includeDeclaration": true});
    let refs = client.call("textDocument/references", params.clone()).await;
    let lines: Vec<u64> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![0, 2, 4]);
    params["context"] = json!({"includeDeclaration": false});
    let refs = client.call("textDocument/references", params.clone()).await;
    assert_eq!(refs.as_array().unwrap().len(), 2);

    let hl = client.call("textDocument/documentHighlight", params).await;
    assert_eq!(hl.as_array().unwrap().len(), 3);
    assert_eq!(hl[0]["kind"], 3, "the definition is a write");
}

#[tokio::test]
async fn rename_keeps_titles_and_first_names() {
    for encoding in ["utf-8", "utf-16"] {
        let (client, u) = open_article(encoding).await;
        let c = col(2, "Choïgou") + 1;
        let c = if encoding == "utf-8" {
            ARTICLE.lines().nth(2).unwrap().find("Choïgou").unwrap() as u32 + 1
        } else {
            c
        };
        let prep = client
            .call("textDocument/prepareRename", at(&u, 2, c))
            .await;
        assert_eq!(prep["start"]["line"], 2);
        let mut params = at(&u, 2, c);
        params["newName"] = json!("Choïgu");
        let edit = client.call("textDocument/rename", params).await;
        let edits = edits_for(&edit, &u);
        let renamed = apply_edits(ARTICLE, &edits, encoding);
        assert!(renamed.contains("Sergueï Choïgu, a inspecté"), "{renamed}");
        assert!(renamed.contains("a déclaré M. Choïgu devant"), "{renamed}");
        assert!(
            renamed.contains("Selon le Kremlin, Choïgu restera"),
            "{renamed}"
        );
        // Versioned edits for a client that supports them.
        assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 1);

        // Renaming the first name keeps the surname.
        let mut params = at(
            &u,
            0,
            if encoding == "utf-8" {
                ARTICLE.find("Sergueï").unwrap() as u32
            } else {
                col(0, "Sergueï")
            },
        );
        params["newName"] = json!("Sergey");
        let edit = client.call("textDocument/rename", params).await;
        let renamed = apply_edits(ARTICLE, &edits_for(&edit, &u), encoding);
        assert!(renamed.contains("Sergey Choïgou, a inspecté"), "{renamed}");
        assert!(renamed.contains("M. Choïgou devant"), "{renamed}");

        // A person who is not the article's first entity: only her mentions change.
        let line = ARTICLE.lines().nth(8).unwrap();
        let c = if encoding == "utf-8" {
            line.find("Dubois").unwrap() as u32
        } else {
            col(8, "Dubois")
        };
        let mut params = at(&u, 8, c + 1);
        params["newName"] = json!("Durand");
        let edit = client.call("textDocument/rename", params).await;
        let renamed = apply_edits(ARTICLE, &edits_for(&edit, &u), encoding);
        assert!(renamed.contains("Marie Durand, analyste"), "{renamed}");
        assert!(renamed.contains("Sergueï Choïgou, a inspecté"), "{renamed}");
        assert_eq!(
            renamed.len() + 1,
            ARTICLE.len() + 1,
            "only Dubois → Durand changed"
        );
    }
}

#[tokio::test]
async fn quick_fixes_and_fix_all_make_one_spelling() {
    let (client, u) = open_article("utf-16").await;
    let d = client.diagnostics(&u, 1).await;
    let variant = d
        .iter()
        .find(|x| x["code"] == "name-variant")
        .unwrap()
        .clone();
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": variant["range"], "context": {"diagnostics": [variant]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let preferred: Vec<&Value> = actions
        .iter()
        .filter(|a| a["isPreferred"] == true)
        .collect();
    assert_eq!(preferred.len(), 1, "{actions:#?}");
    assert_eq!(preferred[0]["kind"], "quickfix");
    let fixed = apply_edits(ARTICLE, &edits_for(&preferred[0]["edit"], &u), "utf-16");
    assert!(
        fixed.contains("Selon le Kremlin, Choïgou restera"),
        "{fixed}"
    );
    assert!(
        actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().contains("every mention"))
    );
    // Replace with the other variant is offered too.
    assert!(
        actions
            .iter()
            .any(|a| a["isPreferred"] == false && a["kind"] == "quickfix")
    );

    let all = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": {"start": pos(0, 0), "end": pos(0, 0)},
                   "context": {"diagnostics": [], "only": ["source.fixAll.copydesk"]}}),
        )
        .await;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    let fixed = apply_edits(ARTICLE, &edits_for(&all[0]["edit"], &u), "utf-16");
    assert!(!fixed.contains("Shoigu"), "{fixed}");
    assert_eq!(fixed.matches("Choïgou").count(), 3);

    // A client without documentChanges gets plain changes.
    let client2 = LspClient::in_process();
    client2.initialize(json!({})).await;
    client2.open(&u, ARTICLE).await;
    client2.diagnostics(&u, 1).await;
    let all = client2
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": {"start": pos(0, 0), "end": pos(0, 0)},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    assert!(all[0]["edit"]["changes"][&u].is_array(), "{all:#?}");
}

#[tokio::test]
async fn stale_fixes_are_recomputed_for_the_current_text() {
    let (client, u) = open_article("utf-16").await;
    let d = client.diagnostics(&u, 1).await;
    let variant = d
        .iter()
        .find(|x| x["code"] == "name-variant")
        .unwrap()
        .clone();
    // Insert a line at the top: the diagnostic's data is now for version 1.
    client
        .change(&u, 2, ((0, 0), (0, 0)), "Dernière minute.\n")
        .await;
    client.diagnostics(&u, 2).await;
    let mut range = variant["range"].clone();
    range["start"]["line"] = json!(5);
    range["end"]["line"] = json!(5);
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range, "context": {"diagnostics": [variant]}}),
        )
        .await;
    let preferred = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a fix computed on the current version");
    assert_eq!(
        preferred["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    let current = format!("Dernière minute.\n{ARTICLE}");
    let fixed = apply_edits(&current, &edits_for(&preferred["edit"], &u), "utf-16");
    assert!(
        fixed.contains("Selon le Kremlin, Choïgou restera"),
        "{fixed}"
    );
}

#[tokio::test]
async fn completion_offers_canonical_spellings() {
    let (client, u) = open_article("utf-16").await;
    client.change(&u, 2, ((9, 0), (9, 0)), "Ser").await;
    let items = client.call("textDocument/completion", at(&u, 9, 3)).await;
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"Sergueï Choïgou"), "{labels:?}");
    // Starting to type a variant spelling offers the canonical one.
    client.change(&u, 3, ((9, 0), (9, 3)), "Shoi").await;
    let items = client.call("textDocument/completion", at(&u, 9, 4)).await;
    let items = items.as_array().unwrap();
    let canonical = items
        .iter()
        .find(|i| i["label"] == "Choïgou")
        .expect("canonical offered");
    assert_eq!(canonical["textEdit"]["range"]["start"], pos(9, 0));
    assert_eq!(canonical["textEdit"]["newText"], "Choïgou");
}

#[tokio::test]
async fn inlay_hints_symbols_and_semantic_tokens() {
    let (client, u) = open_article("utf-16").await;
    let hints = client
        .call(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": u}, "range": {"start": pos(0, 0), "end": pos(10, 0)}}),
        )
        .await;
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["— Marie Dubois"], "a-t-elle → Marie Dubois");

    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Sergueï Choïgou") && names.contains(&"Marie Dubois"),
        "{names:?}"
    );
    let choigou = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Sergueï Choïgou")
        .unwrap();
    assert_eq!(
        choigou["children"][0]["name"],
        "“La situation est entièrement sous contrôle”"
    );

    let init_legend = client
        .call(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let data = init_legend["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    // Decode: first person token is "Sergueï Choïgou" on line 0.
    let (mut line, mut start) = (0u64, 0u64);
    let mut tokens = Vec::new();
    for t in data.chunks(5) {
        let (dl, ds, len, ty) = (
            t[0].as_u64().unwrap(),
            t[1].as_u64().unwrap(),
            t[2].as_u64().unwrap(),
            t[3].as_u64().unwrap(),
        );
        line += dl;
        start = if dl == 0 { start + ds } else { ds };
        tokens.push((line, start, len, ty));
    }
    assert!(
        tokens.contains(&(
            0,
            col(0, "Sergueï") as u64,
            "Sergueï Choïgou".encode_utf16().count() as u64,
            0
        )),
        "{tokens:?}"
    );
    assert!(
        tokens.iter().any(|t| t.0 == 6 && t.3 == 3),
        "the orphan quote is a quote token"
    );
}

#[tokio::test]
async fn an_unattributed_quote_gets_a_placeholder_that_names_no_one() {
    let (client, u) = open_article("utf-16").await;
    let d = client.diagnostics(&u, 1).await;
    let orphan = d
        .iter()
        .find(|x| x["code"] == "unattributed-quote")
        .unwrap()
        .clone();
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": orphan["range"], "context": {"diagnostics": [orphan]}}),
        )
        .await;
    let placeholder = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Add an attribution placeholder")
        })
        .expect("placeholder action");
    let fixed = apply_edits(ARTICLE, &edits_for(&placeholder["edit"], &u), "utf-16");
    assert!(
        fixed.contains("« Les prochaines semaines seront décisives. », a déclaré …\n"),
        "{fixed}"
    );
}

/// A person named 23 times, ten mentions spelled otherwise: no fix travels in
/// `Diagnostic.data` (only the version: it stays small however long the article), yet the
/// code actions carry every edit, the "every mention" fix included; related information lists
/// each other spelling once.
#[tokio::test]
async fn fixes_stay_out_of_diagnostics_and_still_apply() {
    let mut article = String::from(
        "Le ministre russe de la Défense, Sergueï Choïgou, a inspecté les troupes.\n\n",
    );
    for n in 0..12 {
        article.push_str(&format!(
            "Au jour {n}, M. Choïgou a visité une base près de Belgorod.\n\n"
        ));
    }
    for n in 0..10 {
        article.push_str(&format!(
            "Selon le Kremlin ({n}), Shoigu restera en poste.\n\n"
        ));
    }
    let client = LspClient::in_process();
    client.initialize(LspClient::modern_capabilities()).await;
    let u = uri("long.fr.txt");
    client.open(&u, &article).await;
    let d = client.diagnostics(&u, 1).await;
    let variants: Vec<&Value> = d.iter().filter(|x| x["code"] == "name-variant").collect();
    assert_eq!(variants.len(), 10, "{d:#?}");
    let variant = variants[0].clone();
    assert_eq!(variant["data"], json!({"version": 1}), "{variant:#?}");
    // One related place per other spelling (Choïgou, first spelled at line 0), not per mention.
    let related = variant["relatedInformation"].as_array().expect("related");
    assert_eq!(related.len(), 1, "{related:#?}");
    assert_eq!(related[0]["location"]["range"]["start"]["line"], 0);

    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": variant["range"], "context": {"diagnostics": [variant]}}),
        )
        .await;
    let every = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("every mention"))
        .expect("every-mention action");
    let fixed = apply_edits(&article, &edits_for(&every["edit"], &u), "utf-16");
    assert!(!fixed.contains("Shoigu"), "{fixed}");
    assert_eq!(fixed.matches("Choïgou").count(), 23);
    // The preferred fix of this one mention too.
    let preferred = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("preferred action");
    let fixed = apply_edits(&article, &edits_for(&preferred["edit"], &u), "utf-16");
    assert_eq!(fixed.matches("Shoigu").count(), 9, "{fixed}");
    // A client that rewrote the message still gets the fixes of the finding at that range.
    let mut rewritten = variant.clone();
    rewritten["message"] = json!("Shoigu: see the house style");
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": variant["range"], "context": {"diagnostics": [rewritten]}}),
        )
        .await;
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["isPreferred"] == true),
        "{actions:#?}"
    );
}

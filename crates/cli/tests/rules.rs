//! `aispend rules ...`, `txns --class/--vendor` and `txns edit` end to end.

use serde_json::Value;

mod common;
use common::Env;

impl Env {
    fn new() -> Self {
        Env::with_files(&[JAN])
    }

    fn line(&self, description: &str) -> Value {
        let rows = self.json(&["txns", "--json"]);
        rows.as_array()
            .expect("array")
            .iter()
            .find(|r| r["description"] == description)
            .cloned()
            .unwrap_or_else(|| panic!("no line {description}"))
    }
}

const JAN: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";

fn count(v: &Value) -> usize {
    v.as_array().map_or(0, Vec::len)
}

#[test]
fn txns_filter_by_class_and_vendor() {
    let env = Env::new();
    let subs = env.json(&["txns", "--class", "ai-subscription", "--json"]);
    assert_eq!(count(&subs), 4, "{subs:#}");
    let openai = env.json(&["txns", "--vendor", "openai", "--json"]);
    assert_eq!(count(&openai), 2);
    let both = env.json(&["txns", "--class", "ai-api", "--vendor", "openai", "--json"]);
    assert_eq!(count(&both), 1);
    assert_eq!(both[0]["description"], "OPENAI");
    assert_eq!(both[0]["product"], "API credit");
    let transfers = env.json(&["txns", "--class", "transfer", "--json"]);
    assert_eq!(count(&transfers), 1);
    assert_eq!(transfers[0]["vendor"], Value::Null);
    let trap = env.line("ANTHROPOLOGIE #0512");
    assert_eq!(
        (&trap["class"], &trap["vendor"]),
        (&Value::from("everyday"), &Value::Null)
    );
    let (code, _, err) = env.run(&["txns", "--class", "shopping"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn rules_add_list_remove_reclassify() {
    let env = Env::new();
    assert_eq!(
        env.json(&["rules", "list", "--json"])["rules"],
        Value::Array(vec![])
    );
    let added = env.json(&[
        "rules",
        "add",
        "--contains",
        "netflix",
        "--class",
        "ai-subscription",
        "--vendor",
        "netflix-ai",
        "--product",
        "Picks",
        "--tag",
        "client-a",
        "--tag",
        "home",
        "--max",
        "20",
        "--json",
    ]);
    assert_eq!(added["reclassified"], 1);
    let id = added["rule"]["id"].as_i64().expect("id");
    assert_eq!(added["rule"]["max_amount"], "20.00");
    let n = env.line("NETFLIX.COM");
    assert_eq!(n["class"], "ai-subscription");
    assert_eq!(n["vendor"], "netflix-ai");
    assert_eq!(n["tags"], serde_json::json!(["client-a", "home"]));
    assert_eq!(n["class_source"], format!("rule:{id}"));

    let list = env.json(&["rules", "list", "--json"]);
    assert_eq!(count(&list["rules"]), 1);
    assert_eq!(list["rules"][0]["pattern"], "netflix");
    assert_eq!(list["rules"][0]["enabled"], true);
    let (code, text, _) = env.run(&["rules", "list"]);
    assert_eq!(code, 0);
    assert!(text.contains("description contains \"netflix\""), "{text}");

    let off = env.json(&["rules", "disable", &id.to_string(), "--json"]);
    assert_eq!(off["reclassified"], 1);
    assert_eq!(env.line("NETFLIX.COM")["class"], "everyday");
    env.json(&["rules", "enable", &id.to_string(), "--json"]);
    assert_eq!(env.line("NETFLIX.COM")["class"], "ai-subscription");

    let removed = env.json(&["rules", "remove", &id.to_string(), "--json"]);
    assert_eq!(removed["reclassified"], 1);
    let n = env.line("NETFLIX.COM");
    assert_eq!(
        (&n["class"], &n["vendor"]),
        (&Value::from("everyday"), &Value::Null)
    );

    let (code, _, err) = env.run(&["rules", "remove", &id.to_string()]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("there is no rule {id}")), "{err}");
}

#[test]
fn regex_rules_and_bad_rules() {
    let env = Env::new();
    let added = env.json(&[
        "rules",
        "add",
        "--regex",
        r"^(uber|lyft)\b",
        "--class",
        "everyday",
        "--tag",
        "travel",
        "--json",
    ]);
    assert_eq!(added["reclassified"], 1, "tags changed on the Uber line");
    assert_eq!(
        env.line("UBER   *TRIP")["tags"],
        serde_json::json!(["travel"])
    );

    for (args, needle) in [
        (
            vec!["rules", "add", "--regex", "(open", "--class", "ai-api"],
            "not valid",
        ),
        (
            vec![
                "rules",
                "add",
                "--contains",
                "x",
                "--class",
                "everyday",
                "--vendor",
                "openai",
            ],
            "no vendor",
        ),
        (
            vec!["rules", "add", "--contains", "x", "--class", "groceries"],
            "unknown class",
        ),
        (vec!["rules", "add", "--contains", "x"], "--class"),
        (vec!["rules", "add", "--class", "ai-api"], "required"),
        (
            vec![
                "rules",
                "add",
                "--contains",
                "x",
                "--class",
                "ai-api",
                "--min",
                "5",
                "--max",
                "1",
            ],
            "above",
        ),
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.to_lowercase().contains(&needle.to_lowercase()),
            "{args:?}: {err}"
        );
    }
    assert_eq!(count(&env.json(&["rules", "list", "--json"])["rules"]), 1);
}

#[test]
fn a_manual_correction_becomes_a_rule_in_one_step() {
    let env = Env::new();
    let sb = env.line("STARBUCKS STORE 05812");
    let id = sb["id"].as_i64().expect("id").to_string();
    let edited = env.json(&[
        "txns",
        "edit",
        &id,
        "--class",
        "ai-api",
        "--vendor",
        "starbucks-ai",
        "--product",
        "Latte tokens",
        "--tag",
        "client-c",
        "--json",
    ]);
    assert_eq!(edited["class"], "ai-api");
    assert_eq!(edited["class_source"], "edit");
    let (code, text, _) = env.run(&["txns", "edit", &id, "--note", "meeting"]);
    assert_eq!(code, 0);
    assert!(text.contains(&format!("--from-txn {id}")), "{text}");

    let rule = env.json(&["rules", "add", "--from-txn", &id, "--json"]);
    assert_eq!(rule["rule"]["field"], "merchant");
    assert_eq!(rule["rule"]["pattern"], "STARBUCKS STORE");
    assert_eq!(rule["rule"]["vendor"], "starbucks-ai");
    assert_eq!(rule["rule"]["from_txn"], sb["id"]);

    // A later statement's Starbucks line is classified by the rule at import.
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("march.csv");
    std::fs::write(
        &file,
        "Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n\
         1234,03/02/2026,03/03/2026,STARBUCKS STORE 09999,Food & Drink,Sale,-4.10,\n",
    )
    .expect("write");
    env.json(&["import", file.to_str().expect("utf-8 path"), "--json"]);
    let rows = env.json(&["txns", "--vendor", "starbucks-ai", "--json"]);
    assert_eq!(count(&rows), 2, "{rows:#}");

    let (code, _, err) = env.run(&["txns", "edit", "999999", "--class", "everyday"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = env.run(&["rules", "add", "--from-txn", "999999"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn an_edit_survives_undo_and_re_import() {
    let env = Env::new();
    let id = env.line("OPENAI")["id"].as_i64().expect("id").to_string();
    env.json(&[
        "txns",
        "edit",
        &id,
        "--class",
        "ai-subscription",
        "--product",
        "ChatGPT Team",
        "--json",
    ]);
    env.json(&["undo-import", "1", "--json"]);
    env.json(&["import", JAN, "--json"]);
    let back = env.line("OPENAI");
    assert_ne!(back["id"].as_i64().map(|i| i.to_string()), Some(id));
    assert_eq!(back["class"], "ai-subscription");
    assert_eq!(back["vendor"], "openai");
    assert_eq!(back["product"], "ChatGPT Team");
}

const ALIPAY: &str = "tests/fixtures/realworld/alipay-csv/alipay_record_20260601_100431.csv";

#[test]
fn txns_json_carries_details_and_why_and_rules_read_any_field() {
    let env = Env::empty();
    env.json(&["import", ALIPAY, "--json"]);
    let rows = env.json(&["txns", "--json"]);
    let plus = rows
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["amount"] == "-145.00")
        .cloned()
        .expect("the CNY 145 line");
    assert_eq!(plus["class"], "ai-subscription");
    assert_eq!(plus["product"], "ChatGPT Plus");
    assert_eq!(
        plus["details"],
        serde_json::json!({
            "merchant": "OpenAI LLC",
            "goods": "ChatGPT Plus Subscription",
            "category": "数字服务",
            "type": "支出"
        })
    );
    assert_eq!(
        plus["decided_by"],
        serde_json::json!({
            "source": "catalog",
            "entry": "openai/chatgpt",
            "field": "goods",
            "match": "pattern",
            "text": "CHATGPT",
            "price": "USD 20.00",
            "price_by": "fx"
        })
    );
    let coffee = env.line("街角咖啡");
    assert_eq!(
        coffee["decided_by"],
        serde_json::json!({ "source": "default" })
    );

    // A rule on the goods field.
    let added = env.json(&[
        "rules",
        "add",
        "--field",
        "goods",
        "--contains",
        "拿铁",
        "--class",
        "everyday",
        "--tag",
        "coffee",
        "--json",
    ]);
    assert_eq!(added["rule"]["field"], "goods");
    let id = added["rule"]["id"].as_i64().expect("id");
    let coffee = env.line("街角咖啡");
    assert_eq!(
        coffee["decided_by"],
        serde_json::json!({ "source": format!("rule:{id}"), "field": "goods" })
    );
    let (code, text, _) = env.run(&["rules", "list"]);
    assert_eq!(code, 0);
    assert!(text.contains("goods contains \"拿铁\""), "{text}");
    let (code, _, err) = env.run(&[
        "rules",
        "add",
        "--field",
        "colour",
        "--contains",
        "x",
        "--class",
        "everyday",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("expected description, merchant"), "{err}");
}

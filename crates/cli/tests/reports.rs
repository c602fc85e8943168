//! `aispend summary`, `aispend subs` and `aispend costs --by/--vs-topups`
//! end to end.

use serde_json::Value;

mod common;
use common::Env;

const JAN: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const FEB: &str = "tests/fixtures/chase/Chase1234_Activity20260125_20260224_20260226.CSV";
const N26: &str = "tests/fixtures/n26/n26-csv-transactions.csv";
const OPENAI_COST: &str = "tests/fixtures/openai/cost_2025-04-01_2025-04-04.csv";

fn total<'a>(v: &'a Value, class: &str, currency: &str) -> &'a Value {
    v["totals"]
        .as_array()
        .expect("totals")
        .iter()
        .find(|t| t["class"] == class && t["currency"] == currency)
        .map_or(&Value::Null, |t| &t["amount"])
}

#[test]
fn summary_json_follows_the_contract() {
    let env = Env::with_files(&[JAN, FEB, N26]);
    let s = env.json(&["summary", "--month", "2026-01", "--json"]);
    assert_eq!(total(&s, "ai-subscription", "USD"), "-60.00");
    assert_eq!(total(&s, "ai-api", "USD"), "-65.00");
    assert_eq!(total(&s, "everyday", "USD"), "-334.46");
    assert_eq!(total(&s, "transfer", "USD"), "850.00");
    assert_eq!(s["ai_share"], "0.2528");
    assert_eq!(s["ai_share_currency"], "USD");
    let v = &s["by_vendor"][0];
    for key in ["vendor", "class", "currency", "amount"] {
        assert!(v[key].is_string(), "by_vendor.{key}: {v}");
    }
    // Any period, across files; the EUR card shows the USD it paid.
    let s = env.json(&[
        "--json",
        "summary",
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
    ]);
    assert_eq!(total(&s, "ai-subscription", "EUR"), "-63.12");
    let orig = s["original"].as_array().expect("original");
    assert!(orig.iter().any(|o| o["vendor"] == "openai"
        && o["original_currency"] == "USD"
        && o["original_amount"] == "-20.00"));
    assert_eq!(s["ai_share_currency"], "EUR");
}

#[test]
fn summary_text_and_bad_input() {
    let env = Env::with_files(&[JAN]);
    let (code, out, _) = env.run(&["summary", "--month", "2026-01"]);
    assert_eq!(code, 0);
    assert!(out.contains("ai-subscription"), "{out}");
    assert!(out.contains("AI share of spending (USD"), "{out}");
    let (code, _, err) = env.run(&["summary", "--month", "2026-1"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM"), "{err}");
    let (code, _, err) = env.run(&["summary", "--from", "2026-02-01", "--to", "2026-01-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("swap"), "{err}");
    let (code, _, _) = env.run(&["summary", "--month", "2026-01", "--from", "2026-01-01"]);
    assert_eq!(code, 2, "--month and --from conflict");
}

#[test]
fn summary_names_the_period_its_lines_cover() {
    let env = Env::with_files(&[JAN]);
    // No period asked for: the header shows where the lines begin and end,
    // and the JSON says both what was asked and what the lines cover.
    let (code, out, _) = env.run(&["summary"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Spending summary 2026-01-02 to 2026-01-31 "),
        "{out}"
    );
    let s = env.json(&["summary", "--json"]);
    assert_eq!(s["from"], Value::Null);
    assert_eq!(s["lines_from"], "2026-01-02");
    assert_eq!(s["lines_to"], "2026-01-31");
    // An end the user gave is kept; the open one comes from the lines.
    let (_, out, _) = env.run(&["summary", "--from", "2025-12-01"]);
    assert!(
        out.starts_with("Spending summary 2025-12-01 to 2026-01-31 "),
        "{out}"
    );
    // Nothing in the period: the open end stays open.
    let (_, out, _) = env.run(&["summary", "--from", "2030-01-01"]);
    assert!(
        out.starts_with("Spending summary from 2030-01-01 "),
        "{out}"
    );
    let s = env.json(&["summary", "--from", "2030-01-01", "--json"]);
    assert_eq!(s["lines_from"], Value::Null);
}

#[test]
fn undo_takes_lines_out_of_the_summary() {
    let env = Env::with_files(&[]);
    let out = env.json(&["import", JAN, "--json"]);
    let batch = out["files"][0]["batch_id"].as_i64().expect("batch");
    assert_eq!(
        total(&env.json(&["summary", "--json"]), "ai-api", "USD"),
        "-65.00"
    );
    env.json(&["undo-import", &batch.to_string(), "--json"]);
    let s = env.json(&["summary", "--json"]);
    assert_eq!(s["totals"], Value::Array(vec![]));
    assert_eq!(s["ai_share"], Value::Null);
}

#[test]
fn subs_json_follows_the_contract_and_manual_entries_join() {
    let env = Env::with_files(&[JAN, FEB]);
    let subs = env.json(&["subs", "--as-of", "2026-02-28", "--json"]);
    let subs = subs.as_array().expect("array");
    assert!(!subs.is_empty());
    for s in subs {
        for key in [
            "vendor",
            "cadence",
            "amount",
            "currency",
            "last_charge",
            "next_renewal",
            "annual_cost",
            "status",
        ] {
            assert!(s[key].is_string(), "{key} in {s}");
        }
        assert_eq!(s["source"], "ledger");
    }
    let chatgpt = subs
        .iter()
        .find(|s| s["vendor"] == "openai")
        .expect("ChatGPT");
    assert_eq!(chatgpt["cadence"], "monthly");
    assert_eq!(chatgpt["status"], "active");

    let added = env.json(&[
        "subs",
        "add",
        "--vendor",
        "elevenlabs",
        "--product",
        "Starter",
        "--amount",
        "5.00",
        "--currency",
        "USD",
        "--cadence",
        "monthly",
        "--since",
        "2026-01-15",
        "--json",
    ]);
    let id = added["id"].as_i64().expect("id");
    let subs = env.json(&["subs", "--as-of", "2026-02-28", "--json"]);
    let manual = subs
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["source"] == "manual")
        .expect("manual entry")
        .clone();
    assert_eq!(manual["vendor"], "elevenlabs");
    assert_eq!(manual["amount"], "-5.00");
    assert_eq!(manual["last_charge"], "2026-02-15");
    assert_eq!(manual["next_renewal"], "2026-03-15");
    assert_eq!(manual["id"], id);
    let (code, out, _) = env.run(&["subs", "--as-of", "2026-02-28"]);
    assert_eq!(code, 0);
    assert!(out.contains("manual #"), "{out}");
    env.json(&["subs", "remove", &id.to_string(), "--json"]);
    let (code, _, err) = env.run(&["subs", "remove", &id.to_string()]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = env.run(&[
        "subs",
        "add",
        "--vendor",
        "x",
        "--amount",
        "-3",
        "--since",
        "2026-01-01",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn costs_by_and_vs_topups() {
    let env = Env::with_files(&[JAN, OPENAI_COST]);
    let list = env.json(&["costs", "--json"]);
    assert!(list.as_array().expect("list").len() >= 2, "plain list kept");
    let by = env.json(&["costs", "--by", "project", "--json"]);
    assert_eq!(by["by"], "project");
    let groups = by["groups"].as_array().expect("groups");
    assert!(groups.len() >= 2);
    let t = &by["totals"][0];
    assert_eq!(t["provider"], "openai");
    assert_eq!(t["currency"], "USD");
    let sum: rust_decimal::Decimal = groups
        .iter()
        .map(|g| {
            g["amount"]
                .as_str()
                .expect("amount")
                .parse::<rust_decimal::Decimal>()
                .expect("dec")
        })
        .sum();
    let total: rust_decimal::Decimal = t["amount"].as_str().expect("total").parse().expect("dec");
    assert_eq!(sum, total);
    for key in ["line-item", "model", "api-key", "month"] {
        env.json(&["costs", "--by", key, "--json"]);
    }
    let vs = env.json(&["costs", "--vs-topups", "--json"]);
    let vs = vs.as_array().expect("months");
    let jan = vs
        .iter()
        .find(|m| m["month"] == "2026-01" && m["provider"] == "openai")
        .expect("January");
    assert_eq!(jan["card_topups"], "25.00");
    assert_eq!(jan["cost"], "0.00");
    let apr = vs
        .iter()
        .find(|m| m["month"] == "2025-04")
        .expect("April 2025 costs");
    assert_eq!(apr["cost"], t["amount"]);
    let (code, _, _) = env.run(&["costs", "--by", "project", "--vs-topups"]);
    assert_eq!(code, 2);
}

#[test]
fn sample_data_loads_into_an_empty_ledger_and_is_removed_whole() {
    let env = Env::empty();
    let loaded = env.json(&["sample", "load", "--json"]);
    assert_eq!(loaded["sample"], "loaded");
    let lines = loaded["lines"].as_u64().expect("lines");
    assert!(lines > 200, "{lines}");
    let accounts: Vec<String> = env
        .json(&["txns", "--json"])
        .as_array()
        .expect("txns")
        .iter()
        .map(|t| t["account"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(accounts.iter().all(|a| a == "Sample card (demo data)"));

    let (code, _, err) = env.run(&["sample", "load"]);
    assert_eq!(code, 2, "a second load is refused as bad input");
    assert!(err.contains("already loaded"), "{err}");

    let removed = env.json(&["sample", "remove", "--json"]);
    assert_eq!(removed["lines"].as_u64(), Some(lines));
    assert_eq!(env.json(&["txns", "--json"]), serde_json::json!([]));
}

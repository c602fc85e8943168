//! `aispend import` of mail (issue #19) and what `payments list` and `txns`
//! show of the receipts, end to end over the fixtures.

use serde_json::Value;

mod common;
use common::Env;

const STATEMENT: &str = "tests/fixtures/mail/statement/Chase7788_Activity20260101_20260131.CSV";
const MBOX: &str = "tests/fixtures/mail/mixed.mbox";
const APPLE: &str = "tests/fixtures/mail/apple-chatgpt-plus.eml";

#[test]
fn import_mbox_json_reports_the_receipts() {
    let env = Env::empty();
    env.json(&["import", STATEMENT, "--json"]);
    let dry = env.json(&["import", MBOX, "--dry-run", "--json"]);
    assert_eq!(dry["files"][0]["receipts"]["recognised"], 7);
    assert_eq!(dry["files"][0]["batch_id"], Value::Null);
    let out = env.json(&["import", MBOX, "--json"]);
    let f = &out["files"][0];
    assert_eq!(f["format"], "mail-mbox");
    assert_eq!(f["added"], 7);
    let r = &f["receipts"];
    assert_eq!(r["recognised"], 7);
    assert_eq!(r["matched"], 5);
    assert_eq!(r["unmatched"], 2);
    assert_eq!(r["skipped_messages"], 2);
    let bad = &r["unrecognised"][0];
    assert_eq!(bad["sender"], "invoice@openai-billing-support.com");
    assert_eq!(bad["subject"], "Your receipt from OpenAI, LLC #9001-0000");
    assert!(bad["reason"].as_str().unwrap_or("").contains("look-alike"));
    // A statement's entry has no receipts object.
    let again = env.json(&["import", STATEMENT, "--json"]);
    assert!(again["files"][0].get("receipts").is_none());
    // Re-import: duplicates; undo: gone.
    let twice = env.json(&["import", MBOX, "--json"]);
    assert_eq!(twice["files"][0]["duplicates"], 7);
    let batch = f["batch_id"].as_i64().expect("batch");
    env.json(&["undo-import", &batch.to_string(), "--json"]);
    let payments = env.json(&["payments", "list", "--json"]);
    assert_eq!(payments.as_array().map(Vec::len), Some(0));
}

#[test]
fn payments_and_txns_json_carry_the_receipt_fields() {
    let env = Env::empty();
    env.json(&["import", STATEMENT, "--json"]);
    env.json(&["import", APPLE, "--json"]);
    let payments = env.json(&["payments", "list", "--json"]);
    let p = &payments[0];
    for key in [
        "source",
        "receipt_no",
        "invoice_no",
        "tax",
        "tax_rate",
        "items",
        "card_last4",
        "matched_txn_id",
    ] {
        assert!(p.get(key).is_some(), "missing {key} in {p}");
    }
    assert_eq!(p["source"], "email");
    assert_eq!(p["provider"], "openai");
    assert_eq!(p["channel"], "apple");
    assert_eq!(p["receipt_no"], "MT7QK2ZP4D");
    assert_eq!(p["invoice_no"], "174902345118");
    assert_eq!(p["amount"], "21.64");
    assert_eq!(p["tax"], "1.65");
    assert_eq!(p["card_last4"], "7788");
    assert_eq!(
        p["paid_at"], "2026-01-09T04:14:51Z",
        "the Date: instant, in UTC"
    );
    assert_eq!(p["zone"], "-08:00");
    assert_eq!(p["items"][0]["app"], "ChatGPT");
    let line = p["matched_txn_id"].as_i64().expect("matched");

    let txns = env.json(&["txns", "--json"]);
    let rows = txns.as_array().expect("rows");
    let t = rows.iter().find(|t| t["id"] == line).expect("line");
    assert_eq!(t["description"], "APPLE.COM/BILL");
    assert_eq!(t["vendor"], "openai");
    assert_eq!(t["product"], "ChatGPT Plus");
    assert_eq!(t["channel"], "apple");
    assert_eq!(t["receipts"], 1);
    let other = rows
        .iter()
        .find(|t| t["description"] == "APPLE.COM/BILL" && t["amount"] == "-9.99")
        .expect("unmatched app-store line");
    assert_eq!(other["channel"], "apple");
    assert_eq!(other["receipts"], 0);
    assert_eq!(other["class"], "everyday");
    let groceries = rows
        .iter()
        .find(|t| t["description"] == "WHOLEFDS MKT 10233")
        .expect("groceries");
    assert_eq!(groceries["channel"], Value::Null);

    // Human output names the receipts and the unidentified store charge.
    let (code, out, _) = env.run(&["import", MBOX]);
    assert_eq!(code, 0);
    assert!(out.contains("receipts: 7 recognised, 5 matched"), "{out}");
    assert!(
        out.contains("app store charge: import the receipt to identify it"),
        "{out}"
    );
    // The two-app Apple receipt splits its line into parts summing to it.
    let txns = env.json(&["txns", "--json"]);
    let two = txns
        .as_array()
        .expect("rows")
        .iter()
        .find(|t| t["amount"] == "-39.99")
        .expect("two-app line");
    assert_eq!(two["product"], "ChatGPT Plus + Perplexity Pro");
    assert_eq!(two["parts"][0]["vendor"], "openai");
    assert_eq!(two["parts"][0]["amount"], "-19.99");
    assert_eq!(two["parts"][1]["vendor"], "perplexity");
    assert_eq!(two["parts"][1]["amount"], "-20.00");
    assert_eq!(two["parts"][1]["class"], "ai-subscription");
    let (_, list, _) = env.run(&["payments", "list"]);
    assert!(
        list.contains("openai ChatGPT Plus 21.64 USD (from mail, via apple"),
        "{list}"
    );
}

#[test]
fn the_reimbursement_report_lists_each_lines_receipt() {
    let env = Env::empty();
    env.json(&["import", STATEMENT, "--json"]);
    env.json(&["import", APPLE, "--json"]);
    env.json(&["tag", "add", "client:Acme", "--vendor", "openai", "--json"]);
    let out = env.dir.path().join("acme.csv");
    let out_s = out.to_str().expect("path");
    let (code, _, err) = env.run(&[
        "report",
        "reimbursement",
        "--client",
        "Acme",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--out",
        out_s,
    ]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(&out).expect("report");
    let apple = csv
        .lines()
        .find(|l| l.contains("APPLE.COM/BILL,21.64"))
        .unwrap_or_else(|| panic!("no Apple line in {csv}"));
    assert!(apple.contains(".eml (sha256 "), "{apple}");
    // The PDF's columns at the end: receipt number, net, tax, gross.
    let header = csv.lines().next().expect("header");
    assert!(header.ends_with(",receipt_no,net,tax,gross"), "{header}");
    let last: Vec<&str> = apple.rsplitn(5, ',').collect();
    assert_eq!(
        last[..4],
        ["21.64", "1.65", "19.99", "MT7QK2ZP4D"],
        "{apple}"
    );
    let zip = env.dir.path().join("acme.receipts.zip");
    assert!(zip.is_file(), "the receipts ZIP beside the report");
}

#[test]
fn a_receipt_pdf_imports_alone_and_a_scan_is_listed_as_skipped() {
    let env = Env::empty();
    env.json(&["import", "tests/fixtures/mail/pdf/statement.CSV", "--json"]);
    let out = env.json(&[
        "import",
        "tests/fixtures/mail/pdf/anthropic-max-receipt.pdf",
        "--json",
    ]);
    let f = &out["files"][0];
    assert_eq!(f["format"], "receipt-pdf");
    assert_eq!(f["receipts"]["recognised"], 1);
    assert_eq!(f["receipts"]["matched"], 1);
    let payments = env.json(&["payments", "list", "--json"]);
    let p = &payments[0];
    assert_eq!(p["source"], "email");
    assert_eq!(p["receipt_no"], "2760-4418");
    assert_eq!(p["tax"], "8.10");
    let scan = env.json(&[
        "import",
        "tests/fixtures/mail/pdf/scanned-receipt.pdf",
        "--json",
    ]);
    let f = &scan["files"][0];
    assert_eq!(f["receipts"]["skipped_messages"], 1);
    let notices = f["notices"].as_array().cloned().unwrap_or_default();
    assert!(
        notices.iter().any(|n| n["code"] == "pdf_skipped"
            && n["message"]
                .as_str()
                .unwrap_or("")
                .contains("without a text layer")),
        "{f}"
    );
}

#[test]
fn txns_json_shows_the_parts_a_receipt_split_its_line_into() {
    let env = Env::empty();
    env.json(&[
        "import",
        "tests/fixtures/mail/split/Chase7788_Activity20260201_20260228.CSV",
        "--json",
    ]);
    let out = env.json(&[
        "import",
        "tests/fixtures/mail/split/apple-chatgpt-and-weather.eml",
        "--json",
    ]);
    let batch = out["files"][0]["batch_id"].as_i64().expect("batch");
    let line = |txns: &Value| -> Value {
        txns.as_array()
            .expect("rows")
            .iter()
            .find(|t| t["amount"] == "-32.45")
            .cloned()
            .expect("apple line")
    };
    let t = line(&env.json(&["txns", "--json"]));
    assert_eq!(t["parts"][0]["class"], "ai-subscription");
    assert_eq!(t["parts"][0]["vendor"], "openai");
    assert_eq!(t["parts"][0]["product"], "ChatGPT Plus");
    assert_eq!(t["parts"][0]["amount"], "-21.64");
    assert_eq!(t["parts"][1]["class"], "everyday");
    assert_eq!(t["parts"][1]["vendor"], Value::Null);
    assert_eq!(t["parts"][1]["amount"], "-10.81");
    // Undone, the line has no parts.
    let (code, _, err) = env.run(&["undo-import", &batch.to_string()]);
    assert_eq!(code, 0, "{err}");
    let t = line(&env.json(&["txns", "--json"]));
    assert_eq!(t["parts"], Value::Null);
    assert_eq!(t["class"], "everyday");
}

//! `aispend reconcile`, a case opened from one of its flags, and `topup
//! diagnose` reading what the ledger knows, end to end.

mod common;
use common::Env;

impl Env {
    /// The Citi statement and three OpenAI payment records.
    fn citi_with_payments() -> Env {
        let env = Env::empty();
        env.json(&[
            "import",
            "tests/fixtures/reconcile/Citi-card-2026-11.CSV",
            "--json",
        ]);
        for args in [
            &[
                "--date",
                "2026-11-02",
                "--amount",
                "20.00",
                "--balance-before",
                "-7.35",
            ][..],
            &["--date", "2026-11-12", "--amount", "10.00"][..],
            &[
                "--date",
                "2026-11-15",
                "--amount",
                "50.00",
                "--receipt",
                "2841-0166",
            ][..],
        ] {
            let mut all = vec!["payments", "add", "--json"];
            all.extend_from_slice(args);
            env.json(&all);
        }
        env
    }
}

#[test]
fn reconcile_json_lists_matches_and_flags() {
    let env = Env::citi_with_payments();
    let r = env.json(&["reconcile", "--as-of", "2026-11-24", "--json"]);
    let kinds: Vec<&str> = r["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .map(|f| f["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        [
            "negative_balance_offset",
            "stale_pending",
            "double_charge",
            "record_without_charge"
        ]
    );
    assert_eq!(r["matches"].as_array().map(Vec::len), Some(2));
    // Amounts are decimal strings.
    assert_eq!(r["flags"][2]["amount"], "10.00");
    assert_eq!(r["flags"][2]["facts"]["charges_seen"], 2);
}

#[test]
fn a_case_opens_from_a_flag_with_its_rows() {
    let env = Env::citi_with_payments();
    let case = env.json(&[
        "case",
        "new",
        "--from-flag",
        "3",
        "--as-of",
        "2026-11-24",
        "--utc-offset",
        "-05:00",
        "--json",
    ]);
    let text = case.to_string();
    assert!(text.contains("double charge"), "{text}");
    let id = case["id"].as_i64().expect("case id").to_string();
    let d = env.json(&["case", "diagnose", &id, "--json"]);
    let d = d.to_string();
    assert!(d.contains("duplicate_charge_risk"), "{d}");
    let (code, _, err) = env.run(&["case", "new", "--from-flag", "9", "--as-of", "2026-11-24"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("there is no flag 9; `aispend reconcile` lists 4 flag(s)"),
        "{err}"
    );
}

#[test]
fn topup_diagnose_reads_the_ledger_unless_told_not_to() {
    let env = Env::citi_with_payments();
    let facts = env.dir.path().join("facts.json");
    std::fs::write(
        &facts,
        r#"{"amount":"25.00","currency":"USD","paid_at":"2026-11-21T18:00:00Z","now":"2026-11-22T10:00:00Z"}"#,
    )
    .expect("facts");
    let facts = facts.display().to_string();
    let d = env.json(&["topup", "diagnose", "--facts", &facts, "--json"]);
    assert_eq!(d["diagnoses"][0]["code"], "bank_authorization_only");
    assert_eq!(d["first_contact"], "issuing_bank");
    let alone = env.json(&[
        "topup",
        "diagnose",
        "--facts",
        &facts,
        "--no-ledger",
        "--json",
    ]);
    assert_ne!(alone["diagnoses"][0]["code"], "bank_authorization_only");
}

/// `reconcile` in Chinese: headings, flags and notes from the zh-CN
/// catalog, amounts and dates as in English; the JSON does not change.
#[test]
fn reconcile_in_chinese() {
    let env = Env::citi_with_payments();
    let (code, zh, err) = env.run(&["--lang", "zh-CN", "reconcile", "--as-of", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("reconcile_zh_cn", zh);
    assert!(
        zh.contains("可能重复扣款") || zh.contains("抵扣了负余额"),
        "{zh}"
    );
    let en = env.json(&["reconcile", "--as-of", "2026-11-24", "--json"]);
    let zh_json = env.json(&[
        "--lang",
        "zh-CN",
        "reconcile",
        "--as-of",
        "2026-11-24",
        "--json",
    ]);
    assert_eq!(en, zh_json);
}

//! `aispend reconcile`, a case opened from one of its flags, and `topup
//! diagnose` reading what the ledger knows, end to end.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("aispend")
            .expect("binary")
            .current_dir(root())
            .env_remove("AISPEND_DB")
            .arg("--db")
            .arg(self.dir.path().join("ledger.sqlite"))
            .args(args)
            .output()
            .expect("run aispend");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok_json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    /// The Citi statement and three OpenAI payment records.
    fn citi_with_payments() -> Env {
        let env = Env::new();
        env.ok_json(&[
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
            env.ok_json(&all);
        }
        env
    }
}

#[test]
fn reconcile_json_lists_matches_and_flags() {
    let env = Env::citi_with_payments();
    let r = env.ok_json(&["reconcile", "--as-of", "2026-11-24", "--json"]);
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
    let case = env.ok_json(&[
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
    let d = env.ok_json(&["case", "diagnose", &id, "--json"]);
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
    let d = env.ok_json(&["topup", "diagnose", "--facts", &facts, "--json"]);
    assert_eq!(d["diagnoses"][0]["code"], "bank_authorization_only");
    assert_eq!(d["first_contact"], "issuing_bank");
    let alone = env.ok_json(&[
        "topup",
        "diagnose",
        "--facts",
        &facts,
        "--no-ledger",
        "--json",
    ]);
    assert_ne!(alone["diagnoses"][0]["code"], "bank_authorization_only");
}

//! Revolut statements, plus helpers the other bank/card CSV modules share:
//! which formats claim a fixture, the fields the `lines()` snapshot does not
//! show (source id, FX rate, fee, type), re-import counts and error messages.

use aispend_core::import::format::{Head, ParsedTxn, RowSink};
use aispend_core::import::{import_file, ImportOptions, RowError, FORMATS};
use aispend_core::Ledger;

use crate::{fixture, lines};

/// Every format whose `detect` claims the fixture (it should be exactly one).
pub fn detected_by(rel: &str) -> Vec<&'static str> {
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    FORMATS
        .iter()
        .filter(|f| f.detect(&Head { text }))
        .map(|f| f.id())
        .collect()
}

struct Extras(String);

impl RowSink for Extras {
    fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
        let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
        self.0.push_str(&format!(
            "line {} | id {} | type {} | rate {} | fee {} | hint {}\n",
            t.line,
            t.source_id.unwrap_or("-"),
            t.source_type.unwrap_or("-"),
            opt(t.fx_rate.map(|r| r.to_string())),
            opt(t.fx_fee.map(|f| f.to_string())),
            t.account_hint.unwrap_or("-"),
        ));
        Ok(())
    }
}

/// What the format hands the pipeline beyond the ledger listing: one line
/// per row with its source id, type, FX rate, fee and account hint.
pub fn extras(rel: &str, id: &str) -> String {
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    let text = String::from_utf8(bytes).expect("utf-8 fixture");
    let text = text.trim_start_matches('\u{feff}');
    let format = FORMATS
        .iter()
        .find(|f| f.id() == id)
        .expect("format registered");
    let mut sink = Extras(String::new());
    format
        .parse(&Head { text }, &mut text.as_bytes(), &mut sink)
        .unwrap_or_else(|e| panic!("{rel}: {e:?}"));
    sink.0
}

/// Imports a fixture twice into one ledger: (added, duplicates) of each run.
pub fn import_twice(rel: &str) -> ((u64, u64), (u64, u64)) {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let path = fixture(rel);
    let opts = ImportOptions::default();
    let a = import_file(&mut ledger, &path, &opts).expect("first import");
    let b = import_file(&mut ledger, &path, &opts).expect("second import");
    ((a.added, a.duplicates), (b.added, b.duplicates))
}

/// The message a bad fixture is refused with, with the file path replaced
/// by `FILE`.
pub fn refusal(rel: &str) -> String {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let path = fixture(rel);
    let err = import_file(&mut ledger, &path, &ImportOptions::default())
        .expect_err("the file should be refused");
    assert!(err.is_bad_input(), "{err}");
    let msg = err.to_string();
    let shown = path.display().to_string();
    msg.strip_prefix(&shown)
        .map(|rest| format!("FILE{rest}"))
        .unwrap_or(msg)
}

const CURRENT: &str = "revolut/account-statement_2026-03-01_2026-03-31_en-gb_4f2a1c.csv";
const CRYPTO: &str = "revolut/crypto-account-statement_2022-08-01_2022-09-30_en_8c1d.csv";

#[test]
fn revolut_gbp_current_account() {
    insta::assert_snapshot!(lines(CURRENT));
}

#[test]
fn revolut_gbp_current_account_fees_and_types() {
    insta::assert_snapshot!(extras(CURRENT, "revolut-csv"));
}

#[test]
fn revolut_older_crypto_statement() {
    insta::assert_snapshot!(lines(CRYPTO));
}

#[test]
fn revolut_older_crypto_statement_fees() {
    insta::assert_snapshot!(extras(CRYPTO, "revolut-csv"));
}

#[test]
fn revolut_files_are_revolut_and_chase_is_still_chase() {
    for rel in [CURRENT, CRYPTO] {
        assert_eq!(detected_by(rel), ["revolut-csv"], "{rel}");
    }
    for rel in [
        "chase/Chase1234_Activity20260101_20260131_20260203.CSV",
        "chase/Chase1234_Activity20260125_20260224_20260226.CSV",
        "chase/Activity2025_older_export.CSV",
    ] {
        assert_eq!(detected_by(rel), ["chase-card-csv"], "{rel}");
    }
}

#[test]
fn revolut_reimport_adds_nothing() {
    let (first, second) = import_twice(CURRENT);
    assert_eq!(first, (12, 0));
    assert_eq!(second, (0, 12));
}

#[test]
fn revolut_unknown_state_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/revolut_unknown_state.csv"),
        "FILE:3: State \"SETTLED\" is not a value this format uses; expected COMPLETED, PENDING, REVERTED, DECLINED or FAILED"
    );
}

#[test]
fn revolut_bad_started_date_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/revolut_bad_started_date.csv"),
        "FILE:3: Started Date \"04/03/2026 21:47\" is not a date; expected a date as YYYY-MM-DD"
    );
}

#[test]
fn revolut_crlf_error_at_its_physical_line() {
    assert_eq!(
        refusal("bad/revolut_crlf_impossible_date.csv"),
        "FILE:4: Started Date \"2026-02-30 10:00:00\" is not a real calendar date; expected a date as YYYY-MM-DD"
    );
}

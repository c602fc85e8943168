use crate::amex::{detected_by, import_error, CHASE};
use crate::lines;

const FIXTURES: &[&str] = &["capital_one/2026-03-05_transaction_download.csv"];

#[test]
fn capital_one_fixtures_are_capital_one_only_and_chase_stays_chase() {
    for rel in FIXTURES {
        assert_eq!(detected_by(rel), ["capital-one-csv"], "{rel}");
    }
    for rel in CHASE {
        assert_eq!(detected_by(rel), ["chase-card-csv"], "{rel}");
    }
}

#[test]
fn capital_one_debit_and_credit_columns() {
    insta::assert_snapshot!(lines("capital_one/2026-03-05_transaction_download.csv"));
}

#[test]
fn capital_one_impossible_date() {
    assert_eq!(
        import_error("bad/capital_one_impossible_date.csv"),
        "bad/capital_one_impossible_date.csv:3: Transaction Date \"2026-02-30\" is not a real calendar date; expected a date as YYYY-MM-DD"
    );
}

#[test]
fn capital_one_unreadable_amount_crlf() {
    assert_eq!(
        import_error("bad/capital_one_unreadable_amount.csv"),
        "bad/capital_one_unreadable_amount.csv:3: Debit \"5..75\" is not an amount; expected a number such as -12.34"
    );
}

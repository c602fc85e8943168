use crate::amex::{detected_by, import_error, CHASE};
use crate::lines;

const FIXTURES: &[&str] = &["bmo/bmo_mastercard_2026-02.csv"];

#[test]
fn bmo_card_fixtures_are_bmo_card_only_and_chase_stays_chase() {
    for rel in FIXTURES {
        assert_eq!(detected_by(rel), ["bmo-card-csv"], "{rel}");
    }
    for rel in CHASE {
        assert_eq!(detected_by(rel), ["chase-card-csv"], "{rel}");
    }
}

#[test]
fn bmo_card_after_its_preamble() {
    insta::assert_snapshot!(lines("bmo/bmo_mastercard_2026-02.csv"));
}

#[test]
fn bmo_card_impossible_date_counts_the_preamble() {
    assert_eq!(
        import_error("bad/bmo_impossible_date.csv"),
        "bad/bmo_impossible_date.csv:5: Transaction Date \"20260231\" is not a real calendar date; expected a date as YYYYMMDD"
    );
}

#[test]
fn bmo_card_unreadable_amount() {
    assert_eq!(
        import_error("bad/bmo_unreadable_amount.csv"),
        "bad/bmo_unreadable_amount.csv:6: Transaction Amount \"N/A\" is not an amount; expected a number such as -12.34"
    );
}

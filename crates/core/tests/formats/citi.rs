use crate::amex::{detected_by, import_error, CHASE};
use crate::lines;

const FIXTURES: &[&str] = &[
    "citi/Citi-card-2026-03.CSV",
    "citi/Citi-card-members-2026-02.CSV",
];

#[test]
fn citi_fixtures_are_citi_only_and_chase_stays_chase() {
    for rel in FIXTURES {
        assert_eq!(detected_by(rel), ["citi-csv"], "{rel}");
    }
    for rel in CHASE {
        assert_eq!(detected_by(rel), ["chase-card-csv"], "{rel}");
    }
}

#[test]
fn citi_pending_and_negative_credits() {
    insta::assert_snapshot!(lines("citi/Citi-card-2026-03.CSV"));
}

#[test]
fn citi_with_member_names() {
    insta::assert_snapshot!(lines("citi/Citi-card-members-2026-02.CSV"));
}

#[test]
fn citi_impossible_date() {
    assert_eq!(
        import_error("bad/citi_impossible_date.CSV"),
        "bad/citi_impossible_date.CSV:4: Date \"02/29/2026\" is not a real calendar date; expected a date as MM/DD/YYYY"
    );
}

#[test]
fn citi_unknown_status() {
    assert_eq!(
        import_error("bad/citi_unknown_status.CSV"),
        "bad/citi_unknown_status.CSV:3: Status \"Authorized\" is not a value this format uses; expected Cleared or Pending"
    );
}

use crate::amex::{detected_by, import_error, CHASE};
use crate::lines;

const FIXTURES: &[&str] = &["discover/Discover-RecentActivity-20260305.csv"];

#[test]
fn discover_fixtures_are_discover_only_and_chase_stays_chase() {
    for rel in FIXTURES {
        assert_eq!(detected_by(rel), ["discover-csv"], "{rel}");
    }
    for rel in CHASE {
        assert_eq!(detected_by(rel), ["chase-card-csv"], "{rel}");
    }
}

#[test]
fn discover_charges_positive_in_the_file() {
    insta::assert_snapshot!(lines("discover/Discover-RecentActivity-20260305.csv"));
}

#[test]
fn discover_impossible_date() {
    assert_eq!(
        import_error("bad/discover_impossible_date.csv"),
        "bad/discover_impossible_date.csv:3: Trans. Date \"04/31/2026\" is not a real calendar date; expected a date as MM/DD/YYYY"
    );
}

#[test]
fn discover_unreadable_amount() {
    assert_eq!(
        import_error("bad/discover_unreadable_amount.csv"),
        "bad/discover_unreadable_amount.csv:4: Amount \"62,18\" is not an amount; expected a number such as -12.34"
    );
}

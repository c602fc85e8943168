use crate::lines;
use crate::revolut::{detected_by, extras, refusal};

const EXPORT: &str = "hsbc_hk/hsbc_hk_credit_card_2026-05.csv";

#[test]
fn hsbc_hk_card_tabs_and_thousands() {
    insta::assert_snapshot!(lines(EXPORT));
}

#[test]
fn hsbc_hk_card_directions() {
    insta::assert_snapshot!(extras(EXPORT, "hsbc-hk-card-csv"));
}

#[test]
fn hsbc_hk_file_is_hsbc_only() {
    assert_eq!(detected_by(EXPORT), ["hsbc-hk-card-csv"]);
}

#[test]
fn hsbc_hk_unknown_status_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/hsbc_hk_unknown_status.csv"),
        "FILE:3: Transaction status \"SETTLED\" is not a value this format uses; expected POSTED or PENDING"
    );
}

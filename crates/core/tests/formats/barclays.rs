use crate::lines;
use crate::revolut::{detected_by, extras, refusal};

const EXPORT: &str = "barclays/data.csv";

#[test]
fn barclays_payee_from_memo() {
    insta::assert_snapshot!(lines(EXPORT));
}

#[test]
fn barclays_types_and_account() {
    insta::assert_snapshot!(extras(EXPORT, "barclays-csv"));
}

#[test]
fn barclays_file_is_barclays_only() {
    assert_eq!(detected_by(EXPORT), ["barclays-csv"]);
}

#[test]
fn barclays_amount_with_currency_suffix_is_fine_but_impossible_date_is_refused() {
    assert_eq!(
        refusal("bad/barclays_impossible_date.csv"),
        "FILE:4: Date \"31/09/2026\" is not a real calendar date; expected a date as DD/MM/YYYY"
    );
}

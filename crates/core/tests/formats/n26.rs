use crate::lines;
use crate::revolut::{detected_by, extras, refusal};

const EXPORT: &str = "n26/n26-csv-transactions.csv";

#[test]
fn n26_export_with_usd_card_payments() {
    insta::assert_snapshot!(lines(EXPORT));
}

#[test]
fn n26_export_rates_and_types() {
    insta::assert_snapshot!(extras(EXPORT, "n26-csv"));
}

#[test]
fn n26_file_is_n26_only() {
    assert_eq!(detected_by(EXPORT), ["n26-csv"]);
}

#[test]
fn n26_decimal_comma_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/n26_decimal_comma.csv"),
        "FILE:3: Amount (EUR) \"-32,48\" is not an amount; expected a number such as -12.34"
    );
}

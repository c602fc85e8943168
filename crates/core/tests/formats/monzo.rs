use crate::lines;
use crate::revolut::{detected_by, extras, import_twice, refusal};

const EXPORT: &str = "monzo/MonzoDataExport_01Apr2026-30Apr2026.csv";

#[test]
fn monzo_export_with_foreign_card_payments() {
    insta::assert_snapshot!(lines(EXPORT));
}

#[test]
fn monzo_export_ids_and_types() {
    insta::assert_snapshot!(extras(EXPORT, "monzo-csv"));
}

#[test]
fn monzo_file_is_monzo_only() {
    assert_eq!(detected_by(EXPORT), ["monzo-csv"]);
}

#[test]
fn monzo_reimport_adds_nothing() {
    let (first, second) = import_twice(EXPORT);
    assert_eq!(first, (10, 0));
    assert_eq!(second, (0, 10));
}

#[test]
fn monzo_us_date_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/monzo_us_date.csv"),
        "FILE:3: Date \"04/13/2026\" is not a real calendar date; expected a date as DD/MM/YYYY"
    );
}

#[test]
fn monzo_bad_local_currency_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/monzo_bad_local_currency.csv"),
        "FILE:3: Local currency \"US$\" is not a currency code; expected a three-letter ISO 4217 code such as GBP"
    );
}

#[test]
fn monzo_bare_cr_error_at_its_physical_line() {
    assert_eq!(
        refusal("bad/monzo_bare_cr_impossible_date.csv"),
        "FILE:3: Date \"31/04/2026\" is not a real calendar date; expected a date as DD/MM/YYYY"
    );
}

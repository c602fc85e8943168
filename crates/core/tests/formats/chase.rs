use crate::lines;

#[test]
fn chase_with_card_column() {
    insta::assert_snapshot!(lines(
        "chase/Chase1234_Activity20260101_20260131_20260203.CSV"
    ));
}

#[test]
fn chase_older_export_bom_crlf() {
    insta::assert_snapshot!(lines("chase/Activity2025_older_export.CSV"));
}

#[test]
fn chase_saved_as_windows_1252() {
    insta::assert_snapshot!(lines("chase/Activity_windows1252_export.CSV"));
}

#[test]
fn chase_saved_as_utf16le() {
    insta::assert_snapshot!(lines("chase/Activity_utf16le_export.CSV"));
}

#[test]
fn chase_crlf_impossible_date_at_its_physical_line() {
    assert_eq!(
        crate::amex::import_error("bad/crlf_impossible_date.CSV"),
        "bad/crlf_impossible_date.CSV:3: Transaction Date \"02/30/2026\" is not a real calendar date; expected a date as MM/DD/YYYY"
    );
}

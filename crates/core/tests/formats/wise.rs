use crate::lines;
use crate::revolut::{detected_by, extras, import_twice, refusal};

const HISTORY: &str = "wise/transfer-history.csv";

#[test]
fn wise_transfer_history() {
    insta::assert_snapshot!(lines(HISTORY));
}

#[test]
fn wise_transfer_history_ids_rates_fees() {
    insta::assert_snapshot!(extras(HISTORY, "wise-csv"));
}

#[test]
fn wise_file_is_wise_only() {
    assert_eq!(detected_by(HISTORY), ["wise-csv"]);
}

#[test]
fn wise_reimport_adds_nothing() {
    let (first, second) = import_twice(HISTORY);
    assert_eq!(first, (8, 0));
    assert_eq!(second, (0, 8));
}

#[test]
fn wise_unknown_direction_is_refused_with_its_line() {
    assert_eq!(
        refusal("bad/wise_unknown_direction.csv"),
        "FILE:3: direction \"SIDEWAYS\" is not a value this format uses; expected OUT, IN or NEUTRAL"
    );
}

#[test]
fn wise_crlf_error_after_a_blank_line_and_a_quoted_newline() {
    assert_eq!(
        refusal("bad/wise_crlf_unknown_direction.csv"),
        "FILE:6: direction \"UP\" is not a value this format uses; expected OUT, IN or NEUTRAL"
    );
}

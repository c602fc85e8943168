use aispend_core::import::format::Head;
use aispend_core::import::{import_file, ImportOptions, FORMATS};
use aispend_core::Ledger;

use crate::{fixture, lines};

const FIXTURES: &[&str] = &[
    "amex/activity_short.csv",
    "amex/activity_card_member.csv",
    "amex/activity_extended.csv",
    "amex/activity_extended_details.csv",
    "amex/activity_uk.csv",
];

/// Every format whose detector claims the fixture (a UTF-8 file).
pub fn detected_by(rel: &str) -> Vec<&'static str> {
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    let text = String::from_utf8(bytes).expect("UTF-8 fixture");
    let head = Head {
        text: text.trim_start_matches('\u{feff}'),
    };
    FORMATS
        .iter()
        .filter(|f| f.detect(&head))
        .map(|f| f.id())
        .collect()
}

/// The Chase fixtures, which no new format may claim.
pub const CHASE: &[&str] = &[
    "chase/Chase1234_Activity20260101_20260131_20260203.CSV",
    "chase/Chase1234_Activity20260125_20260224_20260226.CSV",
    "chase/Activity2025_older_export.CSV",
];

/// The error an import of a fixture stops with, with the fixture's path
/// shortened to its name under `tests/fixtures/`.
pub fn import_error(rel: &str) -> String {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let path = fixture(rel);
    match import_file(&mut ledger, &path, &ImportOptions::default()) {
        Ok(out) => panic!("{rel} imported as {}", out.format),
        Err(e) => e.to_string().replace(&path.display().to_string(), rel),
    }
}

#[test]
fn amex_short_layout() {
    insta::assert_snapshot!(lines("amex/activity_short.csv"));
}

#[test]
fn amex_card_member_layout() {
    insta::assert_snapshot!(lines("amex/activity_card_member.csv"));
}

#[test]
fn amex_extended_layout_after_blank_rows() {
    insta::assert_snapshot!(lines("amex/activity_extended.csv"));
}

#[test]
fn amex_extended_details_over_several_lines() {
    insta::assert_snapshot!(lines("amex/activity_extended_details.csv"));
}

#[test]
fn amex_uk_dates_day_first() {
    insta::assert_snapshot!(lines("amex/activity_uk.csv"));
}

#[test]
fn amex_fixtures_are_amex_only_and_chase_stays_chase() {
    for rel in FIXTURES {
        assert_eq!(detected_by(rel), ["amex-csv"], "{rel}");
    }
    for rel in CHASE {
        assert_eq!(detected_by(rel), ["chase-card-csv"], "{rel}");
    }
}

#[test]
fn amex_reference_is_the_source_id() {
    // Importing the same file twice adds nothing the second time: the
    // references (apostrophes stripped) match layer 1.
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let path = fixture("amex/activity_extended.csv");
    let first = import_file(&mut ledger, &path, &ImportOptions::default()).expect("import");
    let again = import_file(&mut ledger, &path, &ImportOptions::default()).expect("import");
    assert_eq!((first.added, again.added, again.duplicates), (6, 0, 6));
}

#[test]
fn amex_impossible_date_after_multiline_details() {
    assert_eq!(
        import_error("bad/amex_impossible_date_after_details.csv"),
        "bad/amex_impossible_date_after_details.csv:7: Date \"02/30/2026\" is not a real calendar date; expected a date as MM/DD/YYYY"
    );
}

#[test]
fn amex_unreadable_amount() {
    assert_eq!(
        import_error("bad/amex_unreadable_amount.csv"),
        "bad/amex_unreadable_amount.csv:4: Amount \"#VALUE!\" is not an amount; expected a number such as -12.34"
    );
}

#[test]
fn generic_three_columns_with_spending_negative_are_not_amex() {
    let rel = "bad/amex_generic_three_columns.csv";
    assert!(!detected_by(rel).contains(&"amex-csv"), "{rel}");
    // The user can still say it is Amex.
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let forced = ImportOptions {
        format: Some("amex-csv".into()),
        dry_run: true,
        ..ImportOptions::default()
    };
    let out = import_file(&mut ledger, &fixture(rel), &forced).expect("forced import");
    assert_eq!(out.added, 3);
}

/// Every day in this file is 12 or less: the file alone reads as US
/// (MM/DD, USD); the user's `--date-order dmy --currency EUR` wins.
#[test]
fn amex_user_hints_win_when_the_dates_read_both_ways() {
    use aispend_core::import::format::{DateOrder, Hints};
    use aispend_core::import::{import_file, ImportOptions};
    use aispend_core::ledger::TxnFilter;
    use aispend_core::Ledger;

    let rel = "amex/activity_days_all_below_13.csv";
    let first_line = |opts: &ImportOptions| {
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        import_file(&mut ledger, &crate::fixture(rel), opts).expect("import");
        let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
        let r = rows
            .into_iter()
            .find(|r| r.description == "OPENAI *CHATGPT SUBSCR")
            .expect("row");
        (
            r.date.to_string(),
            r.currency.to_string(),
            r.amount.to_string(),
        )
    };
    assert_eq!(
        first_line(&ImportOptions::default()),
        ("2026-12-02".into(), "USD".into(), "-20.00".into())
    );
    let told = ImportOptions {
        hints: Hints {
            date_order: Some(DateOrder::Dmy),
            currency: Some("EUR".parse().expect("currency")),
        },
        ..ImportOptions::default()
    };
    assert_eq!(
        first_line(&told),
        ("2026-02-12".into(), "EUR".into(), "-20.00".into())
    );
}

/// Amex writes no currency: the one read from the date order is named in
/// the summary (GBP for day-first UK files, USD otherwise).
#[test]
fn amex_says_which_currency_it_assumed() {
    for (rel, cur) in [
        ("amex/activity_uk.csv", "GBP"),
        ("amex/activity_short.csv", "USD"),
    ] {
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        let out = aispend_core::import::import_file(
            &mut ledger,
            &crate::fixture(rel),
            &aispend_core::import::ImportOptions::default(),
        )
        .expect("import");
        let codes: Vec<&str> = out.notices.iter().map(|n| n.code).collect();
        assert_eq!(codes, ["assumed_currency"], "{rel}");
        assert!(
            out.notices[0].message.contains(&format!(" read as {cur};")),
            "{rel}: {}",
            out.notices[0].message
        );
    }
}

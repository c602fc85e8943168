use aispend_core::import::format::{DateOrder, Hints};
use aispend_core::import::{import_file, ImportError, ImportOptions};
use aispend_core::Ledger;

use crate::{fixture, lines};

#[test]
fn qif_bank_with_account_block_and_splits() {
    insta::assert_snapshot!(lines("qif/Everyday_Checking_2026-03.qif"));
}

#[test]
fn qif_card_with_apostrophe_years() {
    insta::assert_snapshot!(lines("qif/card_apostrophe_years.qif"));
}

fn error_text(rel: &str, opts: &ImportOptions) -> String {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    match import_file(&mut ledger, &fixture(rel), opts) {
        Err(ImportError::BadInput(b)) => format!("{}:{}", b.line, b.problem),
        other => panic!("{rel}: expected bad input, got {other:?}"),
    }
}

#[test]
fn qif_ambiguous_dates_ask_for_the_order_then_import() {
    assert_eq!(
        error_text("qif/ambiguous_dates.qif", &ImportOptions::default()),
        "1:every date in the file reads both as month/day and as day/month (such as \"01/02/2026\"); expected --date-order mdy or --date-order dmy to say which"
    );
    let opts = ImportOptions {
        hints: Hints {
            date_order: Some(DateOrder::Dmy),
            currency: Some("EUR".parse().expect("currency")),
        },
        ..ImportOptions::default()
    };
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(&mut ledger, &fixture("qif/ambiguous_dates.qif"), &opts).expect("import");
    assert_eq!(out.added, 3);
    let rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    let first = rows
        .iter()
        .find(|r| r.description == "OPENAI *CHATGPT SUBSCR")
        .expect("row");
    assert_eq!(first.date.to_string(), "2026-02-01", "day first");
    assert_eq!(first.currency.as_str(), "EUR");
}

#[test]
fn qif_refuses_investment_sections_and_bad_amounts() {
    assert_eq!(
        error_text("bad/qif_investment_account.qif", &ImportOptions::default()),
        "1:a \"!Type:invst\" section is not read; expected bank or credit-card transactions (!Type:Bank or !Type:CCard)"
    );
    assert_eq!(
        error_text("bad/qif_bad_amount.qif", &ImportOptions::default()),
        "7:T (amount) \"-12,50\" is not an amount; expected a number such as -12.34"
    );
}

/// QIF names no currency: the summary says which was assumed and how to
/// change it; nothing is assumed when the user says (issue #16).
#[test]
fn qif_says_which_currency_it_assumed() {
    let rel = "qif/Everyday_Checking_2026-03.qif";
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(&mut ledger, &fixture(rel), &ImportOptions::default()).expect("import");
    let [n] = out.notices.as_slice() else {
        panic!("{:?}", out.notices)
    };
    assert_eq!((n.code, n.count), ("assumed_currency", out.added));
    assert!(n.message.contains(" read as USD;"), "{}", n.message);
    assert!(n.message.contains("--currency CODE"), "{}", n.message);
    let opts = ImportOptions {
        hints: Hints {
            currency: Some("CAD".parse().expect("currency")),
            ..Hints::default()
        },
        ..ImportOptions::default()
    };
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(&mut ledger, &fixture(rel), &opts).expect("import");
    assert!(out.notices.is_empty(), "{:?}", out.notices);
}

/// A CRLF file's errors are at its physical lines (the LF of each CRLF
/// was counted as a line of its own).
#[test]
fn qif_crlf_errors_are_at_their_physical_line() {
    assert_eq!(
        error_text("bad/qif_crlf_bad_amount.qif", &ImportOptions::default()),
        "3:T (amount) \"-12,50\" is not an amount; expected a number such as -12.34"
    );
}

use aispend_core::import::{import_file, ImportError, ImportOptions};
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;

use crate::{fixture, import, lines};

#[test]
fn camt053_v2_two_statements() {
    insta::assert_snapshot!(lines("camt/camt053_v2_two_accounts.xml"));
}

#[test]
fn camt053_v8_status_as_code() {
    insta::assert_snapshot!(lines("camt/camt053_v8_sts_cd.xml"));
}

#[test]
fn camt053_five_decimal_amounts() {
    insta::assert_snapshot!(lines("camt/camt053_v2_five_decimals.xml"));
}

#[test]
fn camt052_intraday_pending() {
    insta::assert_snapshot!(lines("camt/camt052_v2_intraday_pending.xml"));
}

#[test]
fn camt_statements_go_to_their_own_accounts() {
    let (ledger, out) = import(
        "camt/camt053_v2_two_accounts.xml",
        &ImportOptions::default(),
    );
    assert_eq!(out.format, "camt");
    assert_eq!(out.added, 7);
    let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    rows.sort_by_key(|r| r.id);
    let accounts: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.description.clone(), r.account.clone()))
        .collect();
    let eur = "Bank account ending 3000 (EUR)";
    let usd = "Bank account ending 8812 (USD)";
    assert_eq!(
        accounts,
        [
            ("OpenAI, LLC", eur),
            ("Muster & Söhne GmbH", eur),
            ("Anthropic PBC", eur),
            ("Anthropic PBC", eur),
            ("REWE Markt Berlin Kartenzahlung", eur),
            ("OpenAI, LLC", usd),
            ("TRANSFER FROM EUR ACCOUNT", usd),
        ]
        .map(|(d, a)| (d.to_owned(), a.to_owned()))
    );
    // The same account in an intraday report joins the statement's account.
    let mut ledger = ledger;
    let out = import_file(
        &mut ledger,
        &fixture("camt/camt052_v2_intraday_pending.xml"),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_eq!(out.account, eur);
}

#[test]
fn camt_reimport_adds_nothing() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    for rel in [
        "camt/camt053_v2_two_accounts.xml",
        "camt/camt053_v8_sts_cd.xml",
        "camt/camt053_v2_five_decimals.xml",
        "camt/camt052_v2_intraday_pending.xml",
    ] {
        let first = import_file(&mut ledger, &fixture(rel), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(first.added > 0, "{rel}");
        let again = import_file(&mut ledger, &fixture(rel), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!((again.added, again.duplicates), (0, first.added), "{rel}");
    }
}

#[test]
fn camt_five_decimals_are_exact() {
    let (ledger, _) = import(
        "camt/camt053_v2_five_decimals.xml",
        &ImportOptions::default(),
    );
    let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    rows.sort_by_key(|r| r.id);
    let amounts: Vec<String> = rows.iter().map(|r| r.amount.to_string()).collect();
    assert_eq!(amounts, ["-0.01234", "12345.67891", "-3.00005"]);
}

fn error_text(rel: &str) -> String {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    match import_file(&mut ledger, &fixture(rel), &ImportOptions::default()) {
        Err(ImportError::BadInput(b)) => b.to_string(),
        other => panic!("{rel}: expected bad input, got {other:?}"),
    }
}

#[test]
fn camt_bad_input_names_the_line() {
    let f = |rel: &str| fixture(rel).display().to_string();
    assert_eq!(
        error_text("bad/camt_bad_amount.xml"),
        format!(
            "{}:21: Amt \"1.234,56\" is not an amount; expected a number such as -12.34",
            f("bad/camt_bad_amount.xml")
        )
    );
    assert_eq!(
        error_text("bad/camt_missing_cdtdbtind.xml"),
        format!(
            "{}:11: the entry (Ntry) has no CdtDbtInd; expected CdtDbtInd CRDT (money in) or DBIT (money out) after Amt",
            f("bad/camt_missing_cdtdbtind.xml")
        )
    );
    assert_eq!(
        error_text("bad/camt_truncated.xml"),
        format!("{}:22: the file ends inside <CdtDbtInd> opened on line 22 (it looks cut short); expected the whole statement, up to </Document>", f("bad/camt_truncated.xml"))
    );
    assert_eq!(
        error_text("bad/camt_entity_bomb.xml"),
        format!(
            "{}:2: the file declares a DOCTYPE (a DTD, which may define entities); expected an ISO 20022 camt document without a DOCTYPE (banks never send one)",
            f("bad/camt_entity_bomb.xml")
        )
    );
}

#[test]
fn camt054_notification_with_the_instructed_amount() {
    insta::assert_snapshot!(lines("camt/camt054_v8_card_notification.xml"));
}

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

#[test]
fn camt053_original_amounts_zero_missing_and_batches() {
    // Issue 16: an instructed amount of 0 became the line's original
    // amount (a 200,000 SEK payment showed as 0.00 USD in a report).
    insta::assert_snapshot!(lines("camt/camt053_v2_original_amounts.xml"));
}

#[test]
fn camt_zero_or_missing_original_amount_is_none() {
    let (ledger, out) = import(
        "camt/camt053_v2_original_amounts.xml",
        &ImportOptions::default(),
    );
    assert_eq!(out.added, 7);
    let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    rows.sort_by_key(|r| r.id);
    let got: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.description,
                r.amount,
                match (r.original_amount, r.original_currency) {
                    (Some(a), Some(c)) => format!("{a} {c}"),
                    (None, None) => "-".to_owned(),
                    other => format!("{other:?}"),
                }
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // InstdAmt USD 0: no original amount.
            "Nordvik Bygg AB -200000.00 -",
            "OPENAI *CHATGPT SUBSCR -219.45 -20.00 USD",
            // An empty InstdAmt: the transaction amount in EUR is next.
            "Hotel Zur Post Hamburg -1043.00 -92.50 EUR",
            // TxAmt 0 and a counter value: none.
            "Systembolaget Uppsala -300.00 -",
            // A batch of two: no one transaction's amount is the entry's.
            "Studio Lumen GmbH -11050.00 -",
            "Fjordlys Design AS -12004.20 -11720.66 NOK",
            "Lindqvist, Emma 2500.00 -",
        ]
    );
}

#[test]
fn camt_a_statement_without_entries_is_not_an_error() {
    let (_, out) = import(
        "camt/camt053_v8_statement_without_entries.xml",
        &ImportOptions::default(),
    );
    assert_eq!((out.added, out.duplicates), (0, 0));
    assert!(out.batch_id.is_some());
}

#[test]
fn camt_files_without_a_statement_are_refused() {
    let f = |rel: &str| fixture(rel).display().to_string();
    let expected = "expected at least one account statement (<Stmt> in camt.053, <Rpt> in camt.052, <Ntfctn> in camt.054); export the account's statement again";
    for (rel, line, found) in [
        (
            "bad/camt053_no_statement.xml",
            3,
            "<BkToCstmrStmt> holds no <Stmt>",
        ),
        (
            "bad/camt054_no_notification.xml",
            2,
            "<BkToCstmrDbtCdtNtfctn> holds no <Ntfctn>",
        ),
        ("bad/camt052_empty_document.xml", 2, "<Document> is empty"),
    ] {
        assert_eq!(
            error_text(rel),
            format!(
                "{}:{line}: the file holds no statement: {found}; {expected}",
                f(rel)
            )
        );
    }
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let _ = import_file(
        &mut ledger,
        &fixture("bad/camt053_no_statement.xml"),
        &ImportOptions::default(),
    );
    assert!(aispend_core::batches::history(&ledger,)
        .expect("batches")
        .is_empty());
}

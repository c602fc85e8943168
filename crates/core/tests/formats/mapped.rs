//! The generic mapper: CSVs no built-in profile reads, read through the
//! columns the user names, with `;` and tab delimiters, saved as profiles
//! and used again for the same header.

use aispend_core::import::mapped::MapSpec;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;

use crate::amex::import_error;
use crate::fixture;

const GIRO: &str = "mapped/umsaetze_girokonto.csv";
const GIRO_MAP: &str = "date=Buchungstag,posted_date=Valuta,description=Auftraggeber/Empfänger,memo=Verwendungszweck,category=Kategorie,amount=Betrag,currency=Währung";

fn mapped(spec: &str, profile: Option<&str>) -> ImportOptions {
    ImportOptions {
        map: Some(spec.parse::<MapSpec>().expect("spec")),
        profile: profile.map(str::to_owned),
        ..ImportOptions::default()
    }
}

fn lines(ledger: &Ledger) -> String {
    let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    rows.sort_by_key(|r| r.id);
    rows.iter()
        .map(|r| {
            format!(
                "{} | posted {} | {} {} | {} | {} | cat {} | memo {} | {}\n",
                r.date,
                r.posted_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                r.amount,
                r.currency,
                r.status.as_str(),
                r.description,
                r.category.as_deref().unwrap_or("-"),
                r.memo.as_deref().unwrap_or("-"),
                r.account
            )
        })
        .collect()
}

#[test]
fn a_semicolon_windows_1252_file_with_decimal_commas() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(
        &mut ledger,
        &fixture(GIRO),
        &mapped(GIRO_MAP, Some("Volksbank Giro")),
    )
    .expect("import");
    assert_eq!((out.format.as_str(), out.added), ("mapped-csv", 5));
    insta::assert_snapshot!(lines(&ledger));
}

#[test]
fn a_tab_separated_file_with_a_status_column() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixture("mapped/budget_export.tsv"),
        &mapped(
            "date=Date,description=Description,amount=Amount,status=Status",
            None,
        ),
    )
    .expect("import");
    insta::assert_snapshot!(lines(&ledger));
}

#[test]
fn the_profile_is_saved_and_found_again_by_the_header() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    // Without a mapping the file is not recognised, and the message says
    // how to map it.
    let err = import_error(GIRO);
    assert!(
        err.contains("--map date=COLUMN,amount=COLUMN,description=COLUMN"),
        "{err}"
    );
    import_file(
        &mut ledger,
        &fixture(GIRO),
        &mapped(GIRO_MAP, Some("Volksbank Giro")),
    )
    .expect("import");
    let profiles = ledger.mapping_profiles().expect("profiles");
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].name, "Volksbank Giro");
    // The same header again, no --map: the profile is used, and the
    // overlapping lines are duplicates.
    let again = import_file(&mut ledger, &fixture(GIRO), &ImportOptions::default())
        .expect("profile reused");
    assert_eq!(
        (again.format.as_str(), again.added, again.duplicates),
        ("mapped-csv", 0, 5)
    );
    assert_eq!(again.account, "Volksbank Giro");
    // Forgotten, the file is refused again.
    ledger
        .remove_mapping_profile("Volksbank Giro")
        .expect("remove");
    assert!(import_file(&mut ledger, &fixture(GIRO), &ImportOptions::default()).is_err());
}

#[test]
fn a_dry_run_saves_no_profile() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let opts = ImportOptions {
        dry_run: true,
        ..mapped(GIRO_MAP, None)
    };
    let out = import_file(&mut ledger, &fixture(GIRO), &opts).expect("dry run");
    assert_eq!(out.added, 5);
    assert!(ledger.mapping_profiles().expect("profiles").is_empty());
}

#[test]
fn a_mapping_that_names_a_missing_column_is_refused_at_the_header() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let path = fixture("mapped/budget_export.tsv");
    let err = import_file(
        &mut ledger,
        &path,
        &mapped("date=Datum,description=Description,amount=Amount", None),
    )
    .expect_err("missing column");
    assert_eq!(
        err.to_string().replace(&path.display().to_string(), "budget_export.tsv"),
        "budget_export.tsv:1: no column \"Datum\" in the header; expected the columns the mapping names (date=Datum,description=Description,amount=Amount); fix --map or the file, or give the header's line with --header-line N"
    );
    assert!(ledger
        .transactions(&TxnFilter::default())
        .expect("txns")
        .is_empty());
}

const PREAMBLE: &str = "mapped/umsatzanzeige_mit_vorspann.csv";
const PREAMBLE_MAP: &str = "date=Buchungsdatum,posted_date=Wertstellung,description=Empfänger/Auftraggeber,memo=Verwendungszweck,amount=Betrag";

fn codes(out: &aispend_core::import::ImportOutcome) -> Vec<&'static str> {
    out.notices.iter().map(|n| n.code).collect()
}

/// A bank's preamble (title, account, period, balance, a blank line)
/// above a `;` header on line 6: the mapper finds the header by the names
/// the mapping gives, reads the table's delimiter, and names both the
/// preamble and the currency it assumed (issue #16).
#[test]
fn a_header_below_a_preamble_is_found_by_the_mapped_names() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out =
        import_file(&mut ledger, &fixture(PREAMBLE), &mapped(PREAMBLE_MAP, None)).expect("import");
    assert_eq!((out.format.as_str(), out.added), ("mapped-csv", 5));
    assert_eq!(codes(&out), ["skipped_preamble", "assumed_currency"]);
    let pre = &out.notices[0];
    assert_eq!((pre.count, pre.lines.as_slice()), (5, &[1, 2, 3, 4, 5][..]));
    assert_eq!(
        pre.message,
        "the header is on line 6: lines 1-5 above it (the file's preamble) were skipped"
    );
    let cur = &out.notices[1];
    assert_eq!(
        (cur.count, cur.lines.as_slice()),
        (5, &[7, 8, 9, 10, 11][..])
    );
    assert_eq!(
        cur.message,
        "the file does not say its currency: 5 amounts read as USD; if they are in another \
         currency, import it again with --currency CODE (in the app: the currency field under \
         the file)"
    );
    // The profile is named after the header, not the preamble.
    assert_eq!(
        out.account,
        "CSV Buchungsdatum,Wertstellung,Empfänger/Auftraggeber,…"
    );
    insta::assert_snapshot!(lines(&ledger));
}

#[test]
fn a_currency_the_user_gives_is_not_assumed() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let mut opts = mapped(PREAMBLE_MAP, Some("Giro"));
    opts.hints.currency = Some(aispend_core::money::Currency::EUR);
    let out = import_file(&mut ledger, &fixture(PREAMBLE), &opts).expect("import");
    assert_eq!(codes(&out), ["skipped_preamble"]);
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    assert!(rows.iter().all(|r| r.currency.as_str() == "EUR"));
}

/// The profile saved for a file with a preamble is found again for next
/// month's file, whose preamble (period, balance) differs.
#[test]
fn a_saved_profile_is_found_below_another_preamble() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixture(PREAMBLE),
        &mapped(PREAMBLE_MAP, Some("Sparkasse")),
    )
    .expect("import");
    let dir = tempfile::tempdir().expect("tmp");
    let next = dir.path().join("umsaetze_dezember.csv");
    let text = std::fs::read_to_string(fixture(PREAMBLE))
        .expect("read")
        .replace("01.11.2026 - 30.11.2026", "01.12.2026 - 31.12.2026")
        .replace("1.204,17 EUR", "988,02 EUR\r\nVorgemerkte Umsätze;keine")
        .replace(
            "03.11.2026;03.11.2026;OpenAI",
            "03.12.2026;03.12.2026;OpenAI",
        );
    std::fs::write(&next, text).expect("write");
    let out = import_file(&mut ledger, &next, &ImportOptions::default()).expect("profile");
    assert_eq!(
        (
            out.format.as_str(),
            out.account.as_str(),
            out.added,
            out.duplicates
        ),
        ("mapped-csv", "Sparkasse", 1, 4)
    );
    assert_eq!(
        out.notices[0].message,
        "the header is on line 7: lines 1-6 above it (the file's preamble) were skipped"
    );
}

#[test]
fn the_header_line_can_be_given() {
    let path = fixture(PREAMBLE);
    let run = |line: u64| {
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        let opts = ImportOptions {
            header_line: Some(line),
            ..mapped(PREAMBLE_MAP, None)
        };
        import_file(&mut ledger, &path, &opts)
            .map(|o| o.added)
            .map_err(|e| e.to_string().replace(&path.display().to_string(), "f.csv"))
    };
    assert_eq!(run(6), Ok(5));
    assert_eq!(
        run(3),
        Err("f.csv:3: no column \"Buchungsdatum\" in the header; expected the columns the mapping names (date=Buchungsdatum,description=Empfänger/Auftraggeber,amount=Betrag,posted_date=Wertstellung,memo=Verwendungszweck); fix --map or the file".into())
    );
    assert_eq!(
        run(5),
        Err("f.csv:5: line 5 holds no header row (it is blank, or inside a quoted cell); expected the line of the file's header row (--header-line N)".into())
    );
    assert_eq!(
        run(40),
        Err("f.csv:40: the file ends before line 40; expected the line of the file's header row (--header-line N)".into())
    );
}

/// The app's mapping step shows the table's header, not the preamble.
#[test]
fn the_mapping_step_skips_the_preamble() {
    let ledger = Ledger::open_in_memory().expect("ledger");
    let found = aispend_core::import::unmapped_csv(&ledger, &fixture(PREAMBLE), 2, None)
        .expect("read")
        .expect("needs a mapping");
    assert_eq!(found.header_line, 6);
    assert_eq!(
        found.header,
        [
            "Buchungsdatum",
            "Wertstellung",
            "Empfänger/Auftraggeber",
            "Verwendungszweck",
            "Betrag"
        ]
    );
    assert_eq!(found.sample.len(), 2);
    assert_eq!(found.sample[0][2], "OpenAI LLC");
    // The user may pick another line.
    let other = aispend_core::import::unmapped_csv(&ledger, &fixture(PREAMBLE), 2, Some(2))
        .expect("read")
        .expect("needs a mapping");
    assert_eq!((other.header_line, other.header.len()), (2, 2));
}

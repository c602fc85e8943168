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

//! `aispend export --format csv|beancount|ledger --out FILE [--from D] [--to D]`
//! (SPEC §5, §9). Parsing and printing only; the core writes the file.

use std::path::PathBuf;

use aispend_core::export::{self, ExportFormat};
use aispend_core::Ledger;
use chrono::NaiveDate;
use clap::Args;

use crate::out::{print_json, Failure};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv (every line, spreadsheet-safe), beancount, or ledger (an hledger journal)
    #[arg(long, value_name = "FORMAT")]
    format: ExportFormat,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// First local date, inclusive
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last local date, inclusive
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
}

pub fn run(ledger: &Ledger, a: ExportArgs, json: bool) -> Result<(), Failure> {
    let outcome = export::write_export(ledger, a.format, a.from, a.to, &a.out)?;
    if json {
        return print_json(&outcome);
    }
    let m = aispend_core::msg!(
        "cli-export-wrote",
        file = outcome.file.display().to_string(),
        format = outcome.format.as_str(),
        lines = i64::try_from(outcome.lines).unwrap_or(i64::MAX),
        accounts = i64::try_from(outcome.accounts).unwrap_or(i64::MAX)
    );
    println!("{}", crate::out::tr(m));
    Ok(())
}

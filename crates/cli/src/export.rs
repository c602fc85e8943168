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
    println!(
        "Wrote {} ({}): {} lines{}.",
        outcome.file.display(),
        outcome.format.as_str(),
        outcome.lines,
        if outcome.accounts > 0 {
            format!(", {} own accounts", outcome.accounts)
        } else {
            String::new()
        }
    );
    Ok(())
}

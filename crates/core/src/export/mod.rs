//! Ledger exports (SPEC §5): every line as CSV, or as plain-text accounting
//! for beancount or hledger.
//!
//! Output is deterministic: lines in (date, id) order, accounts and
//! commodities sorted, no time stamps, so the same ledger exports the same
//! bytes. Reverted (declined, cancelled) lines are in the CSV; in the
//! accounting formats they are comments, since no money moved.

pub mod accounts;
pub mod csv_safe;
pub mod journal;
pub mod table;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::ledger::{TxnFilter, TxnRow};
use crate::{Ledger, LedgerError};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the period is backwards: --from {from} is after --to {to}")]
    BackwardsPeriod { from: NaiveDate, to: NaiveDate },
    #[error("could not write {path}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not encode the export: {0}")]
    Encode(String),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl ExportError {
    /// True when the user asked for something wrong (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            ExportError::BackwardsPeriod { .. } => true,
            ExportError::Ledger(e) => e.is_bad_input(),
            _ => false,
        }
    }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Every line, every field, spreadsheet-safe.
    Csv,
    /// A beancount file (`bean-check` accepts it).
    Beancount,
    /// An hledger journal (`hledger check` accepts it).
    Ledger,
}

impl ExportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Beancount => "beancount",
            ExportFormat::Ledger => "ledger",
        }
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "beancount" => Ok(ExportFormat::Beancount),
            "ledger" | "hledger" | "journal" => Ok(ExportFormat::Ledger),
            other => Err(format!(
                "{other:?} is not an export format; use csv, beancount or ledger"
            )),
        }
    }
}

/// What was exported.
#[derive(Debug, Clone, Serialize)]
pub struct ExportOutcome {
    pub file: PathBuf,
    pub format: ExportFormat,
    /// Lines written (reverted lines included, as comments where applicable).
    pub lines: u64,
    /// Accounts opened (accounting formats).
    pub accounts: u64,
}

/// The lines to export, oldest first (ties by id).
fn lines(
    ledger: &Ledger,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<TxnRow>, ExportError> {
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(ExportError::BackwardsPeriod { from, to });
        }
    }
    let mut rows = ledger.transactions(&TxnFilter {
        from,
        to,
        ..TxnFilter::default()
    })?;
    rows.sort_by_key(|t| (t.date, t.id));
    Ok(rows)
}

/// The export's bytes.
pub fn export_bytes(
    ledger: &Ledger,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(Vec<u8>, u64, u64), ExportError> {
    let rows = lines(ledger, from, to)?;
    let n = rows.len() as u64;
    match format {
        ExportFormat::Csv => Ok((table::to_bytes(&rows)?, n, 0)),
        ExportFormat::Beancount | ExportFormat::Ledger => {
            let names = accounts::AccountNames::new(ledger, &rows);
            let text = journal::render(&rows, &names, format);
            Ok((text.into_bytes(), n, names.count() as u64))
        }
    }
}

/// Writes the export to `out` whole or not at all.
pub fn write_export(
    ledger: &Ledger,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    out: &Path,
) -> Result<ExportOutcome, ExportError> {
    let (bytes, lines, accounts) = export_bytes(ledger, format, from, to)?;
    crate::reimburse::write_atomically(out, &bytes).map_err(|e| match e {
        crate::reimburse::ReimburseError::Write { path, source } => {
            ExportError::Write { path, source }
        }
        other => ExportError::Encode(other.to_string()),
    })?;
    Ok(ExportOutcome {
        file: out.to_path_buf(),
        format,
        lines,
        accounts,
    })
}

//! The import view's mapping step for a CSV no built-in format reads.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::AppError;
use crate::import::unmapped_csv;
use crate::ledger::Ledger;

/// The mapping keys the step offers (as `--map` takes them), in the order
/// shown: the first three are what every mapping needs (`amount`, or
/// `debit` and `credit`).
pub const MAP_FIELDS: [&str; 13] = [
    "date",
    "description",
    "amount",
    "debit",
    "credit",
    "currency",
    "status",
    "id",
    "memo",
    "category",
    "merchant",
    "descriptor",
    "goods",
];

/// A file that needs a column mapping, with what the step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappingNeeded {
    pub header: Vec<String>,
    pub sample: Vec<Vec<String>>,
    pub suggested_profile: String,
    /// The keys a mapping may give (`date`, `amount`, ...).
    pub fields: Vec<String>,
    /// The physical line the header was read from: a bank's preamble above
    /// it is skipped; the step lets the user pick another line.
    pub header_line: u64,
}

/// The mapping step for `path`, if it needs one (see
/// [`crate::import::unmapped_csv`]), with its header on `header_line` when
/// the user gave one.
pub fn mapping_needed(
    ledger: &Ledger,
    path: &Path,
    header_line: Option<u64>,
) -> Result<Option<MappingNeeded>, AppError> {
    Ok(
        unmapped_csv(ledger, path, 5, header_line)?.map(|u| MappingNeeded {
            header_line: u.header_line,
            header: u.header,
            sample: u.sample,
            suggested_profile: u.suggested_profile,
            fields: MAP_FIELDS.iter().map(|s| (*s).to_owned()).collect(),
        }),
    )
}

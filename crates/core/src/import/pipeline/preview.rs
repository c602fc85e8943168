//! What an import preview shows before anything is written: the lines a
//! dry run would add and the ones it would skip as duplicates, each with
//! the line it duplicates (in the ledger, or earlier in the same file).
//!
//! Invariant: collecting is capped ([`ImportOptions::preview_rows`] per
//! list) and never changes what the dry run counts; the duplicates are
//! looked up in the ledger only after the dry run's transaction is gone.
//!
//! [`ImportOptions::preview_rows`]: crate::import::ImportOptions::preview_rows

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::import::pipeline::stream::{OwnedRow, RowChunk};
use crate::ledger::{Ledger, LedgerError, TxnRow, TxnStatus};
use crate::money::{from_micros, with_cents};

/// One line of the file as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PreviewLine {
    /// The physical line of the file.
    pub line: u64,
    pub date: NaiveDate,
    pub description: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub original_amount: Option<Decimal>,
    pub original_currency: Option<String>,
    pub status: TxnStatus,
}

/// What a skipped line duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateOf {
    /// A line already in the ledger.
    Ledger { txn: Box<TxnRow> },
    /// An earlier line of the same file with the same transaction id.
    EarlierLine { line: u64 },
    /// The ledger's line could not be found again (it should not happen:
    /// the dry run saw it); the count stays right.
    Unknown,
}

/// A line the import would skip, and why.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PreviewDuplicate {
    pub line: PreviewLine,
    pub of: DuplicateOf,
}

/// The lines of a preview, each list capped at the preview's size.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Preview {
    pub added: Vec<PreviewLine>,
    pub duplicates: Vec<PreviewDuplicate>,
}

/// How a duplicate was found, to look its line up after the dry run.
#[derive(Debug, Clone)]
enum Key {
    Identity {
        account_id: i64,
        date: i64,
        fingerprint: i64,
        occurrence: u32,
    },
    SourceId {
        account_id: i64,
        source_id: String,
        date: i64,
        amount: i64,
        occurrence: u32,
    },
    Earlier(u64),
}

/// Gathers the first lines of each list during a dry run.
#[derive(Debug)]
pub(crate) struct Collector {
    cap: usize,
    added: Vec<PreviewLine>,
    duplicates: Vec<(PreviewLine, Key)>,
}

impl Collector {
    pub fn new(cap: usize) -> Self {
        Collector {
            cap,
            added: Vec::new(),
            duplicates: Vec::new(),
        }
    }

    fn line(chunk: &RowChunk, row: &OwnedRow) -> PreviewLine {
        PreviewLine {
            line: row.line,
            date: row.date,
            description: chunk.str(&row.description).to_owned(),
            amount: with_cents(from_micros(row.amount)),
            currency: row.currency.as_str().to_owned(),
            original_amount: row.original_amount.map(|a| with_cents(from_micros(a))),
            original_currency: row
                .original_currency
                .as_ref()
                .map(|c| c.as_str().to_owned()),
            status: row.status,
        }
    }

    pub fn added(&mut self, chunk: &RowChunk, row: &OwnedRow) {
        if self.added.len() < self.cap {
            self.added.push(Self::line(chunk, row));
        }
    }

    /// A duplicate of the ledger line with this identity.
    pub fn known(&mut self, chunk: &RowChunk, row: &OwnedRow, account_id: i64, date: i64) {
        if self.duplicates.len() < self.cap {
            let key = Key::Identity {
                account_id,
                date,
                fingerprint: row.fingerprint,
                occurrence: row.occurrence,
            };
            self.duplicates.push((Self::line(chunk, row), key));
        }
    }

    /// A duplicate by transaction id: of the ledger's line (`earlier` is
    /// `None`) or of an earlier line of the file.
    pub fn same_id(
        &mut self,
        chunk: &RowChunk,
        row: &OwnedRow,
        account_id: Option<i64>,
        date: i64,
        earlier: Option<u64>,
    ) {
        if self.duplicates.len() >= self.cap {
            return;
        }
        let key = match (earlier, account_id) {
            (Some(line), _) => Key::Earlier(line),
            (None, Some(account_id)) => Key::SourceId {
                account_id,
                source_id: chunk.opt_str(&row.source_id).unwrap_or_default().to_owned(),
                date,
                amount: row.amount,
                occurrence: row.occurrence,
            },
            (None, None) => return,
        };
        self.duplicates.push((Self::line(chunk, row), key));
    }

    /// The preview, each duplicate's line looked up in the ledger.
    pub fn finish(self, ledger: &Ledger) -> Result<Preview, LedgerError> {
        let mut duplicates = Vec::with_capacity(self.duplicates.len());
        for (line, key) in self.duplicates {
            let found = match key {
                Key::Earlier(first) => {
                    duplicates.push(PreviewDuplicate {
                        line,
                        of: DuplicateOf::EarlierLine { line: first },
                    });
                    continue;
                }
                Key::Identity {
                    account_id,
                    date,
                    fingerprint,
                    occurrence,
                } => ledger.line_by_identity(account_id, date, fingerprint, occurrence)?,
                Key::SourceId {
                    account_id,
                    source_id,
                    date,
                    amount,
                    occurrence,
                } => ledger.line_by_source_id(account_id, &source_id, date, amount, occurrence)?,
            };
            let of = match found {
                Some(id) => DuplicateOf::Ledger {
                    txn: Box::new(ledger.transaction(id)?),
                },
                None => DuplicateOf::Unknown,
            };
            duplicates.push(PreviewDuplicate { line, of });
        }
        Ok(Preview {
            added: self.added,
            duplicates,
        })
    }
}

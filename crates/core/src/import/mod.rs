//! The import pipeline: detect → parse (streaming) → normalise → dedupe →
//! write one batch in one transaction.
//!
//! Every format is a module implementing [`format::Format`], listed in
//! [`FORMATS`]. The pipeline owns everything else: hashing the file, the
//! batch record, duplicate layers 1 and 2, dry runs and error positions. A
//! file either lands whole, as one batch, or not at all.

mod chase;
mod dedupe;
pub mod error;
pub mod format;
mod source;

use std::cell::Cell;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

pub use error::{BadInput, ImportError, Problem, RowError};
use format::{Format, Head, ParsedTxn, RowSink};

use crate::ledger::Ledger;
use crate::money::to_micros;

/// Every format the detector knows, in the order it tries them.
pub static FORMATS: &[&dyn Format] = &[&chase::ChaseCard];

/// Ids of the known formats, for `--format` and messages.
pub fn format_ids() -> Vec<&'static str> {
    FORMATS.iter().map(|f| f.id()).collect()
}

/// How to import a file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The account the lines belong to; by default the format's own name.
    pub account: Option<String>,
    /// A format id, to skip detection.
    pub format: Option<String>,
    /// Count what would happen, write nothing.
    pub dry_run: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub file: String,
    pub format: String,
    /// The batch written; `None` in a dry run.
    pub batch_id: Option<i64>,
    pub account: String,
    pub added: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub sha256: String,
    pub dry_run: bool,
}

/// How far an import has got, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
}

const BUF_BYTES: usize = 256 * 1024;
const PROGRESS_EVERY_ROWS: u64 = 16 * 1024;

/// Imports one file into the ledger as one batch.
pub fn import_file(
    ledger: &mut Ledger,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    import_file_with_progress(ledger, path, opts, &mut |_| {})
}

/// [`import_file`], reporting progress every few thousand rows.
pub fn import_file_with_progress(
    ledger: &mut Ledger,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, ImportError> {
    let display = path.display().to_string();
    let read_err = |source| ImportError::Read {
        file: display.clone(),
        source,
    };
    let file = File::open(path).map_err(read_err)?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(read_err(std::io::Error::other(
            "it is a folder, not a file",
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    import_reader(ledger, &display, &name, file, total, opts, progress)
}

/// Imports from any reader. `display` names the input in errors; `file_name`
/// is what the batch records.
pub fn import_reader<R: Read>(
    ledger: &mut Ledger,
    display: &str,
    file_name: &str,
    reader: R,
    bytes_total: u64,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, ImportError> {
    let bad = |line: u64, problem: Problem| {
        ImportError::BadInput(BadInput {
            file: display.to_owned(),
            line,
            problem,
        })
    };
    let mut input = BufReader::with_capacity(BUF_BYTES, HashingReader::new(reader));
    let head = source::inspect_head(&mut input).map_err(|(line, p)| bad(line, p))?;
    let format =
        choose_format(&Head { text: &head }, opts.format.as_deref()).map_err(|p| bad(1, p))?;

    let behavior = if opts.dry_run {
        TransactionBehavior::Deferred
    } else {
        TransactionBehavior::Immediate
    };
    let tx = ledger.conn.transaction_with_behavior(behavior)?;
    let mut sink = BatchSink {
        tx: &tx,
        format,
        file_name,
        explicit_account: opts.account.as_deref(),
        dry_run: opts.dry_run,
        target: None,
        occurrences: dedupe::Occurrences::default(),
        source_ids_seen: HashSet::new(),
        scratch: Vec::new(),
        added: 0,
        duplicates: 0,
        rows: 0,
        bytes_total,
        bytes_read: input.get_ref().counter(),
        progress,
        error: None,
    };
    let parsed = format.parse(&mut input, &mut sink);
    if let Some(e) = sink.error.take() {
        return Err(e);
    }
    parsed.map_err(|e| bad(e.line, e.problem))?;
    // Hash the whole file even if the format stopped before its end.
    std::io::copy(&mut input, &mut std::io::sink()).map_err(|source| ImportError::Read {
        file: display.to_owned(),
        source,
    })?;
    let (sha256, size) = input.into_inner().finish();
    let target = match sink.target.take() {
        Some(t) => t,
        None => sink.resolve_target(None)?,
    };
    let (added, duplicates) = (sink.added, sink.duplicates);
    drop(sink);

    let batch_id = match target.batch_id {
        Some(id) => {
            tx.execute(
                "UPDATE import_batches
                    SET file_sha256 = ?2, file_size = ?3, added = ?4, duplicates = ?5
                  WHERE id = ?1",
                params![id, sha256, size as i64, added as i64, duplicates as i64],
            )?;
            tx.commit()?;
            Some(id)
        }
        None => {
            tx.rollback()?;
            None
        }
    };
    Ok(ImportOutcome {
        file: display.to_owned(),
        format: format.id().to_owned(),
        batch_id,
        account: target.account,
        added,
        duplicates,
        rejected: 0,
        sha256,
        dry_run: opts.dry_run,
    })
}

use source::HashingReader;

fn choose_format(head: &Head<'_>, id: Option<&str>) -> Result<&'static dyn Format, Problem> {
    match id {
        Some(id) => FORMATS
            .iter()
            .copied()
            .find(|f| f.id() == id)
            .ok_or_else(|| Problem::UnknownFormatId {
                id: id.to_owned(),
                known: format_ids(),
            }),
        None => FORMATS
            .iter()
            .copied()
            .find(|f| f.detect(head))
            .ok_or_else(|| Problem::UnknownFormat {
                first_line: head.first_line().chars().take(60).collect(),
            }),
    }
}

/// Where the rows go: the account and, unless this is a dry run, the batch.
#[derive(Debug)]
struct Target {
    account: String,
    /// `None` in a dry run when the account does not exist yet.
    account_id: Option<i64>,
    batch_id: Option<i64>,
}

struct BatchSink<'t, 'p> {
    tx: &'t Transaction<'t>,
    format: &'static dyn Format,
    file_name: &'t str,
    explicit_account: Option<&'t str>,
    dry_run: bool,
    target: Option<Target>,
    occurrences: dedupe::Occurrences,
    source_ids_seen: HashSet<String>,
    scratch: Vec<u8>,
    added: u64,
    duplicates: u64,
    rows: u64,
    bytes_total: u64,
    bytes_read: Rc<Cell<u64>>,
    progress: &'p mut dyn FnMut(ImportProgress),
    /// A ledger failure met inside `row` (the parser only carries row errors).
    error: Option<ImportError>,
}

const INSERT_TXN: &str = "
    INSERT INTO transactions (
        batch_id, account_id, source_line, source_id, fingerprint, occurrence,
        txn_date, posted_date, occurred_at, description, category, source_type, memo,
        amount, currency, original_amount, original_currency, fx_rate, fx_fee, status)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
    ON CONFLICT DO NOTHING";

const PROBE_TXN: &str = "
    SELECT EXISTS (SELECT 1 FROM transactions
                    WHERE txn_date = ?1 AND account_id = ?2
                      AND fingerprint = ?3 AND occurrence = ?4)
        OR (?5 IS NOT NULL AND EXISTS (SELECT 1 FROM transactions
                                        WHERE account_id = ?2 AND source_id = ?5))";

impl BatchSink<'_, '_> {
    fn resolve_target(&mut self, hint: Option<&str>) -> Result<Target, ImportError> {
        let account = match self.explicit_account {
            Some(a) => a.trim().to_owned(),
            None => self.format.default_account(hint),
        };
        let now = crate::clock::now_utc_text();
        let account_id = if self.dry_run {
            self.tx
                .query_row("SELECT id FROM accounts WHERE name = ?1", [&account], |r| {
                    r.get(0)
                })
                .optional()?
        } else {
            self.tx.execute(
                "INSERT INTO accounts (name, created_at) VALUES (?1, ?2)
                 ON CONFLICT (name) DO NOTHING",
                params![account, now],
            )?;
            Some(
                self.tx
                    .query_row("SELECT id FROM accounts WHERE name = ?1", [&account], |r| {
                        r.get(0)
                    })?,
            )
        };
        let batch_id = if self.dry_run {
            None
        } else {
            // Hash and counts are filled in when the file has been read.
            self.tx.execute(
                "INSERT INTO import_batches (file_name, file_sha256, file_size, format,
                        account_id, imported_at, added, duplicates, rejected, status)
                 VALUES (?1, '', 0, ?2, ?3, ?4, 0, 0, 0, 'imported')",
                params![self.file_name, self.format.id(), account_id, now],
            )?;
            Some(self.tx.last_insert_rowid())
        };
        Ok(Target {
            account,
            account_id,
            batch_id,
        })
    }

    fn store(&mut self, txn: &ParsedTxn<'_>) -> Result<(), Stop> {
        if self.target.is_none() {
            self.target = Some(self.resolve_target(txn.account_hint)?);
        }
        let (account_id, batch_id) = match &self.target {
            Some(t) => (t.account_id, t.batch_id),
            None => (None, None),
        };
        let amount = money(txn.amount, txn.line, "amount")?;
        let fp = dedupe::fingerprint(txn, amount, &mut self.scratch);
        let occurrence = self.occurrences.next(fp);
        let date = txn.date.to_string();

        let is_new = match (batch_id, account_id) {
            (Some(batch_id), Some(account_id)) => {
                let mut stmt = self.tx.prepare_cached(INSERT_TXN)?;
                let n = stmt.execute(params![
                    batch_id,
                    account_id,
                    txn.line as i64,
                    txn.source_id,
                    fp,
                    occurrence,
                    date,
                    txn.posted_date.map(|d| d.to_string()),
                    txn.occurred_at
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
                    txn.description,
                    txn.category,
                    txn.source_type,
                    txn.memo,
                    amount,
                    txn.currency.as_str(),
                    txn.original_amount
                        .map(|a| money(a, txn.line, "original amount"))
                        .transpose()?,
                    txn.original_currency.map(|c| c.to_string()),
                    txn.fx_rate.map(|r| r.to_string()),
                    txn.fx_fee.map(|a| money(a, txn.line, "fee")).transpose()?,
                    txn.status.as_str(),
                ])?;
                n == 1
            }
            // Dry run: look, don't touch.
            (_, account_id) => {
                let repeat_in_file = match txn.source_id {
                    Some(id) => !self.source_ids_seen.insert(id.to_owned()),
                    None => false,
                };
                let in_ledger = match account_id {
                    Some(account_id) => {
                        let mut stmt = self.tx.prepare_cached(PROBE_TXN)?;
                        stmt.query_row(
                            params![date, account_id, fp, occurrence, txn.source_id],
                            |r| r.get::<_, bool>(0),
                        )?
                    }
                    None => false,
                };
                !(repeat_in_file || in_ledger)
            }
        };
        if is_new {
            self.added += 1;
        } else {
            self.duplicates += 1;
        }
        Ok(())
    }
}

fn money(amount: rust_decimal::Decimal, line: u64, column: &'static str) -> Result<i64, Stop> {
    to_micros(amount).map_err(|_| {
        Stop::Row(RowError::new(
            line,
            Problem::AmountOutOfRange {
                column,
                value: amount.to_string(),
            },
        ))
    })
}

/// Why storing a row stopped the import.
enum Stop {
    Row(RowError),
    Ledger(ImportError),
}

impl<E: Into<ImportError>> From<E> for Stop {
    fn from(e: E) -> Self {
        Stop::Ledger(e.into())
    }
}

impl RowSink for BatchSink<'_, '_> {
    fn row(&mut self, txn: &ParsedTxn<'_>) -> Result<(), RowError> {
        match self.store(txn) {
            Ok(()) => {}
            Err(Stop::Row(e)) => return Err(e),
            Err(Stop::Ledger(e)) => {
                self.error = Some(e);
                // Stops the parser; the pipeline reports `self.error`.
                return Err(RowError::new(txn.line, Problem::Csv("stopped".into())));
            }
        }
        self.rows += 1;
        if self.rows % PROGRESS_EVERY_ROWS == 0 {
            (self.progress)(ImportProgress {
                bytes_read: self.bytes_read.get(),
                bytes_total: self.bytes_total,
                rows: self.rows,
            });
        }
        Ok(())
    }
}

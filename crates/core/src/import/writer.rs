//! Writing one batch: duplicate checks against the ledger and buffered,
//! multi-row inserts, all inside the caller's transaction.
//!
//! Speed comes from three choices, measured on a 1M-row statement
//! (`scripts/bench-import.sh`):
//! - the identity index leads with the date, descending, so the rows of a
//!   statement written newest first arrive in index order and fill its pages
//!   at the end (a file in another order is as correct, just slower);
//! - the keys already in the ledger are read one date at a time from that
//!   index (a covering scan) and checked in memory, so a re-import costs one
//!   small query per date instead of one lookup per row;
//! - the parser runs on a second thread and hands rows over in chunks; new
//!   rows go in 64 at a time through a prepared multi-row INSERT, which pays
//!   SQLite's per-statement costs once for many rows.

use std::collections::{HashMap, HashSet, VecDeque};

use rusqlite::{params, OptionalExtension, ToSql, Transaction};

use super::stream::{RowChunk, CHUNK_ROWS};
use crate::clock::now_utc_text;
use crate::ledger::date_to_int;

/// How many dates' ledger keys are kept in memory at once.
const DATES_CACHED: usize = 64;

/// The account and, unless this is a dry run, the batch rows go to.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub account: String,
    /// `None` in a dry run when the account does not exist yet.
    pub account_id: Option<i64>,
    pub batch_id: Option<i64>,
}

/// Finds or creates the account, and opens the batch record.
pub(crate) fn open_target(
    tx: &Transaction<'_>,
    account: String,
    file_name: &str,
    format_id: &str,
    dry_run: bool,
) -> rusqlite::Result<Target> {
    let now = now_utc_text();
    let find = |tx: &Transaction<'_>| {
        tx.query_row("SELECT id FROM accounts WHERE name = ?1", [&account], |r| {
            r.get::<_, i64>(0)
        })
        .optional()
    };
    if dry_run {
        let account_id = find(tx)?;
        return Ok(Target {
            account,
            account_id,
            batch_id: None,
        });
    }
    tx.execute(
        "INSERT INTO accounts (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![account, now],
    )?;
    let account_id = find(tx)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    // Hash, size and counts are filled in when the whole file has been read.
    tx.execute(
        "INSERT INTO import_batches (file_name, file_sha256, file_size, format,
                account_id, imported_at, added, duplicates, rejected, status)
         VALUES (?1, '', 0, ?2, ?3, ?4, 0, 0, 0, 'imported')",
        params![file_name, format_id, account_id, now],
    )?;
    Ok(Target {
        account,
        account_id: Some(account_id),
        batch_id: Some(tx.last_insert_rowid()),
    })
}

/// The ledger's identity keys `(fingerprint, occurrence)` as they were
/// before this batch, read one date at a time.
///
/// A statement in date order loads each date once and evicts it when done. A
/// file in no order would evict and reload dates over and over; so a date is
/// loaded at most once, and a row whose date was evicted is checked with a
/// point lookup in the identity index instead. Either way the cost is bounded
/// by the rows in the file plus the rows already in the ledger.
#[derive(Debug)]
struct KnownKeys {
    /// Rows with an id at or above this one belong to the batch being written.
    first_new_id: i64,
    by_date: HashMap<i64, HashSet<(i64, u32)>>,
    order: VecDeque<i64>,
    evicted: HashSet<i64>,
}

impl KnownKeys {
    fn new(first_new_id: i64) -> Self {
        KnownKeys {
            first_new_id,
            by_date: HashMap::new(),
            order: VecDeque::new(),
            evicted: HashSet::new(),
        }
    }

    fn contains(
        &mut self,
        tx: &Transaction<'_>,
        account_id: i64,
        date: i64,
        key: (i64, u32),
    ) -> rusqlite::Result<bool> {
        if let Some(keys) = self.by_date.get(&date) {
            return Ok(keys.contains(&key));
        }
        if self.evicted.contains(&date) {
            // Rows of this batch never share (fingerprint, occurrence) with
            // another row of the same file, so any match is an older row.
            return tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM transactions
                      WHERE txn_date = ?1 AND account_id = ?2
                        AND fingerprint = ?3 AND occurrence = ?4)",
                )?
                .query_row(params![date, account_id, key.0, key.1], |r| r.get(0));
        }
        let keys = tx
            .prepare_cached(
                "SELECT fingerprint, occurrence FROM transactions
                  WHERE txn_date = ?1 AND account_id = ?2 AND id < ?3",
            )?
            .query_map(params![date, account_id, self.first_new_id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
            })?
            .collect::<rusqlite::Result<HashSet<_>>>()?;
        let found = keys.contains(&key);
        if self.order.len() == DATES_CACHED {
            if let Some(old) = self.order.pop_front() {
                self.by_date.remove(&old);
                self.evicted.insert(old);
            }
        }
        self.order.push_back(date);
        self.by_date.insert(date, keys);
        Ok(found)
    }
}

/// Counts and writes the rows of one batch.
#[derive(Debug)]
pub(crate) struct BatchWriter {
    pub target: Target,
    known: KnownKeys,
    source_ids_seen: HashSet<String>,
    fresh: Vec<usize>,
    pub added: u64,
    pub duplicates: u64,
}

impl BatchWriter {
    /// `first_new_id`: the lowest id this batch's rows can get.
    pub fn new(target: Target, first_new_id: i64) -> Self {
        BatchWriter {
            target,
            known: KnownKeys::new(first_new_id),
            source_ids_seen: HashSet::new(),
            fresh: Vec::with_capacity(CHUNK_ROWS),
            added: 0,
            duplicates: 0,
        }
    }

    /// Checks a chunk of rows against the ledger and writes the new ones.
    pub fn push_chunk(&mut self, tx: &Transaction<'_>, chunk: &RowChunk) -> rusqlite::Result<()> {
        self.fresh.clear();
        for (i, row) in chunk.rows.iter().enumerate() {
            let known = match self.target.account_id {
                Some(account_id) => self.known.contains(
                    tx,
                    account_id,
                    date_to_int(row.date),
                    (row.fingerprint, row.occurrence),
                )?,
                None => false,
            };
            if known {
                self.duplicates += 1;
            } else {
                self.fresh.push(i);
            }
        }
        let Some(batch_id) = self.target.batch_id else {
            // Dry run: only the source-id layer is left to ask about.
            for i in std::mem::take(&mut self.fresh) {
                if self.source_id_known(tx, chunk.opt_str(&chunk.rows[i].source_id))? {
                    self.duplicates += 1;
                } else {
                    self.added += 1;
                }
            }
            return Ok(());
        };
        for group in self.fresh.chunks(INSERT_ROWS) {
            let mut stmt = tx.prepare_cached(&insert_sql(group.len()))?;
            let mut p = 0;
            let mut bind = |v: &dyn ToSql| -> rusqlite::Result<()> {
                p += 1;
                stmt.raw_bind_parameter(p, v)
            };
            for &i in group {
                let r = &chunk.rows[i];
                bind(&batch_id)?;
                bind(&self.target.account_id)?;
                bind(&(r.line as i64))?;
                bind(&chunk.opt_str(&r.source_id))?;
                bind(&r.fingerprint)?;
                bind(&r.occurrence)?;
                bind(&date_to_int(r.date))?;
                bind(&r.posted_date.map(date_to_int))?;
                bind(
                    &r.occurred_at
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
                )?;
                bind(&chunk.str(&r.description))?;
                bind(&chunk.opt_str(&r.category))?;
                bind(&chunk.opt_str(&r.source_type))?;
                bind(&chunk.opt_str(&r.memo))?;
                bind(&r.amount)?;
                bind(&r.currency.as_str())?;
                bind(&r.original_amount)?;
                bind(&r.original_currency.as_ref().map(|c| c.as_str()))?;
                bind(&r.fx_rate.map(|x| x.to_string()))?;
                bind(&r.fx_fee)?;
                bind(&r.status.as_str())?;
            }
            // Rows whose source id is already in the account are skipped by
            // the unique index: they count as duplicates.
            let inserted = stmt.raw_execute()? as u64;
            self.added += inserted;
            self.duplicates += group.len() as u64 - inserted;
        }
        Ok(())
    }

    fn source_id_known(
        &mut self,
        tx: &Transaction<'_>,
        source_id: Option<&str>,
    ) -> rusqlite::Result<bool> {
        let Some(id) = source_id else {
            return Ok(false);
        };
        if !self.source_ids_seen.insert(id.to_owned()) {
            return Ok(true);
        }
        let Some(account_id) = self.target.account_id else {
            return Ok(false);
        };
        tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM transactions WHERE account_id = ?1 AND source_id = ?2)",
        )?
        .query_row(params![account_id, id], |r| r.get(0))
    }
}

/// Rows per multi-row INSERT: 20 parameters each, far below SQLite's limit,
/// and enough to pay the statement's fixed costs once for many rows.
const INSERT_ROWS: usize = 64;
const COLUMNS: usize = 20;

fn insert_sql(rows: usize) -> String {
    let one = format!("({})", vec!["?"; COLUMNS].join(","));
    format!(
        "INSERT INTO transactions (
            batch_id, account_id, source_line, source_id, fingerprint, occurrence,
            txn_date, posted_date, occurred_at, description, category, source_type, memo,
            amount, currency, original_amount, original_currency, fx_rate, fx_fee, status)
         VALUES {} ON CONFLICT DO NOTHING",
        vec![one; rows].join(",")
    )
}

//! The tables an import writes, as typed functions for the import
//! pipeline: the batch record (`import_batches`), the accounts its rows go
//! to, the identity keys already in the ledger (duplicate layer 2), and the
//! multi-row INSERT of new lines (`transactions`).
//!
//! Invariant: everything here runs inside the one transaction the import
//! opens with [`Ledger::import_transaction`]; a batch's rows are exactly
//! the ids from [`first_new_id`] on, and the hot path is one prepared,
//! cached `INSERT OR ROLLBACK` per 64 rows with only non-NULL values bound.

use std::collections::{HashSet, VecDeque};

use rusqlite::{params, CachedStatement, OptionalExtension, Transaction, TransactionBehavior};
use rust_decimal::Decimal;

use super::{Ledger, LedgerError};
use crate::clock::now_utc_text;

/// The import's transaction, as the pipeline holds it between calls.
pub(crate) type ImportTx<'c> = Transaction<'c>;
/// What the storage reports when a write fails.
pub(crate) type StorageError = rusqlite::Error;
/// A storage call's result.
pub(crate) type StorageResult<T> = Result<T, StorageError>;

impl Ledger {
    /// The line with this identity (an import preview's "duplicate of").
    pub(crate) fn line_by_identity(
        &self,
        account_id: i64,
        date: i64,
        fingerprint: i64,
        occurrence: u32,
    ) -> Result<Option<i64>, LedgerError> {
        Ok(id_by_identity(
            &self.conn,
            account_id,
            date,
            fingerprint,
            i64::from(occurrence),
        )?)
    }

    /// The line the source-id index would match.
    pub(crate) fn line_by_source_id(
        &self,
        account_id: i64,
        source_id: &str,
        date: i64,
        amount: i64,
        occurrence: u32,
    ) -> Result<Option<i64>, LedgerError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM transactions WHERE account_id = ?1 AND source_id = ?2
                   AND txn_date = ?3 AND amount = ?4 AND occurrence = ?5",
                params![account_id, source_id, date, amount, occurrence],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Turns foreign-key checks off (during an import's write) or back on.
    ///
    /// Every row a batch writes points at the batch and account rows made
    /// or read in the same transaction, so the checks could not fail, and
    /// they cost a lookup per parent per row plus a statement journal for
    /// every multi-row INSERT (~10% of a large import). Inside an outer
    /// transaction the pragma is a no-op and the checks stay on.
    pub(crate) fn import_foreign_keys(&self, on: bool) -> rusqlite::Result<()> {
        self.conn.pragma_update(None, "foreign_keys", on)
    }

    /// The import's one transaction: immediate (a writer from the start),
    /// or deferred for a dry run, which is rolled back.
    pub(crate) fn import_transaction(
        &mut self,
        dry_run: bool,
    ) -> rusqlite::Result<Transaction<'_>> {
        let behavior = if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        };
        self.conn.transaction_with_behavior(behavior)
    }
}

/// The lowest id the next batch's rows can get.
pub(crate) fn first_new_id(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT coalesce(max(id), 0) + 1 FROM transactions",
        [],
        |r| r.get(0),
    )
}

/// The first and last id written at or above `first_new_id`. Ids only
/// grow (AUTOINCREMENT) and the import is the one write transaction, so
/// these are exactly the batch's rows.
///
/// Two seeks, not `min(id), max(id) ... WHERE id >= ?` (SQLite answers that
/// by reading every row of the range: the whole batch just written).
pub(crate) fn batch_id_range(
    tx: &Transaction<'_>,
    first_new_id: i64,
) -> rusqlite::Result<(Option<i64>, Option<i64>)> {
    tx.query_row(
        "SELECT (SELECT id FROM transactions WHERE id >= ?1 ORDER BY id LIMIT 1),
                (SELECT id FROM transactions WHERE id >= ?1 ORDER BY id DESC LIMIT 1)",
        [first_new_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Opens the batch record (not in a dry run). Its account is filled in at
/// the end when all its rows went to one account.
pub(crate) fn open_batch(
    tx: &Transaction<'_>,
    file_name: &str,
    format_id: &str,
    dry_run: bool,
) -> rusqlite::Result<Option<i64>> {
    if dry_run {
        return Ok(None);
    }
    // Hash, size, counts and account are filled in when the file has been read.
    tx.execute(
        "INSERT INTO import_batches (file_name, file_sha256, file_size, format,
                account_id, imported_at, added, duplicates, rejected, status)
         VALUES (?1, '', 0, ?2, NULL, ?3, 0, 0, 0, 'imported')",
        params![file_name, format_id, now_utc_text()],
    )?;
    Ok(Some(tx.last_insert_rowid()))
}

/// What a batch record says once its file has been read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BatchTotals<'a> {
    pub sha256: &'a str,
    pub size: u64,
    pub added: u64,
    pub duplicates: u64,
    pub first: Option<i64>,
    pub last: Option<i64>,
    pub account_id: Option<i64>,
    pub rejected: u64,
}

/// Fills in the batch record.
pub(crate) fn finish_batch(
    tx: &Transaction<'_>,
    batch_id: i64,
    t: &BatchTotals<'_>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE import_batches
            SET file_sha256 = ?2, file_size = ?3, added = ?4, duplicates = ?5,
                first_txn_id = ?6, last_txn_id = ?7, account_id = ?8, rejected = ?9
          WHERE id = ?1",
        params![
            batch_id,
            t.sha256,
            t.size as i64,
            t.added as i64,
            t.duplicates as i64,
            t.first,
            t.last,
            t.account_id,
            t.rejected as i64
        ],
    )?;
    Ok(())
}

/// An account rows go to. `id` is `None` in a dry run when the account does
/// not exist yet.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub name: String,
    pub id: Option<i64>,
}

/// Finds the account by name, creating it unless this is a dry run.
pub(crate) fn account(
    tx: &Transaction<'_>,
    name: &str,
    dry_run: bool,
) -> rusqlite::Result<Account> {
    if !dry_run {
        tx.execute(
            "INSERT INTO accounts (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
            params![name, now_utc_text()],
        )?;
    }
    let id = tx
        .query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?;
    Ok(Account {
        name: name.to_owned(),
        id,
    })
}

/// How many dates' ledger keys are kept in memory at once.
const DATES_CACHED: usize = 64;

/// The ledger's identity keys `(fingerprint, occurrence)` as they were
/// before this batch, read one date at a time.
///
/// A statement in date order loads each date once and evicts it when done. A
/// file in no order would evict and reload dates over and over; so a date is
/// loaded at most once, and a row whose date was evicted is checked with a
/// point lookup in the identity index instead. Either way the cost is bounded
/// by the rows in the file plus the rows already in the ledger.
#[derive(Debug)]
pub(crate) struct KnownKeys {
    /// Rows with an id at or above this one belong to the batch being written.
    first_new_id: i64,
    by_date: foldhash::HashMap<(i64, i64), foldhash::HashSet<(i64, u32)>>,
    order: VecDeque<(i64, i64)>,
    evicted: HashSet<(i64, i64)>,
}

impl KnownKeys {
    pub fn new(first_new_id: i64) -> Self {
        KnownKeys {
            first_new_id,
            by_date: foldhash::HashMap::default(),
            order: VecDeque::new(),
            evicted: HashSet::new(),
        }
    }

    /// Whether the account held a line with this date and identity key
    /// before the batch.
    pub fn contains(
        &mut self,
        tx: &Transaction<'_>,
        account_id: i64,
        date: i64,
        key: (i64, u32),
    ) -> rusqlite::Result<bool> {
        let slot = (account_id, date);
        if let Some(keys) = self.by_date.get(&slot) {
            return Ok(keys.contains(&key));
        }
        if self.evicted.contains(&slot) {
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
            .collect::<rusqlite::Result<foldhash::HashSet<_>>>()?;
        let found = keys.contains(&key);
        if self.order.len() == DATES_CACHED {
            if let Some(old) = self.order.pop_front() {
                self.by_date.remove(&old);
                self.evicted.insert(old);
            }
        }
        self.order.push_back(slot);
        self.by_date.insert(slot, keys);
        Ok(found)
    }
}

/// Whether the account holds a line with this source id, date, amount and
/// occurrence (what the unique source-id index would skip).
pub(crate) fn source_id_exists(
    tx: &Transaction<'_>,
    account_id: i64,
    source_id: &str,
    date: i64,
    amount: i64,
    occurrence: u32,
) -> rusqlite::Result<bool> {
    tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM transactions WHERE account_id = ?1 AND source_id = ?2
                          AND txn_date = ?3 AND amount = ?4 AND occurrence = ?5)",
    )?
    .query_row(
        params![account_id, source_id, date, amount, occurrence],
        |r| r.get(0),
    )
}

/// The id of the line with this identity (date, account, fingerprint,
/// occurrence), if it is in the ledger: the one lookup a case link and an
/// import preview's "duplicate of" both use.
pub(crate) fn id_by_identity(
    conn: &rusqlite::Connection,
    account_id: i64,
    txn_date: i64,
    fingerprint: i64,
    occurrence: i64,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM transactions WHERE account_id = ?1 AND txn_date = ?2
           AND fingerprint = ?3 AND occurrence = ?4",
        params![account_id, txn_date, fingerprint, occurrence],
        |r| r.get(0),
    )
    .optional()
}

/// One new line, as its columns are stored (dates as day numbers, the
/// class as decided on the way in).
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewLine<'a> {
    pub batch_id: i64,
    pub account_id: Option<i64>,
    pub source_line: i64,
    pub source_id: Option<&'a str>,
    pub fingerprint: i64,
    pub occurrence: u32,
    pub txn_date: i64,
    pub posted_date: Option<i64>,
    pub occurred_at: Option<chrono::DateTime<chrono::Utc>>,
    pub description: &'a str,
    /// The details as stored JSON.
    pub details: Option<&'a str>,
    pub category: Option<&'a str>,
    pub source_type: Option<&'a str>,
    pub memo: Option<&'a str>,
    /// In micro-units.
    pub amount: i64,
    pub currency: &'a str,
    pub original_amount: Option<i64>,
    pub original_currency: Option<&'a str>,
    pub fx_rate: Option<Decimal>,
    pub fx_fee: Option<i64>,
    pub status: &'a str,
    pub class: Option<&'a str>,
    pub vendor: Option<&'a str>,
    pub product: Option<&'a str>,
    pub class_source: Option<&'a str>,
    pub review: Option<&'a str>,
    pub rule_tags: Option<&'a str>,
    pub decided_by: Option<&'a str>,
    /// The line's searched text in `txn_bodies` (ledger/text_index.rs).
    pub body_id: i64,
}

/// Rows per multi-row INSERT: 29 parameters each, far below SQLite's limit,
/// and enough to pay the statement's fixed costs once for many rows.
pub(crate) const INSERT_ROWS: usize = 64;
const COLUMNS: usize = 29;

/// One multi-row INSERT of new lines, filled row by row: each
/// [`NewLine`] is bound as it is pushed (its text is copied by SQLite
/// then, so the caller may reuse its buffers for the next).
pub(crate) struct LineInsert<'t> {
    stmt: CachedStatement<'t>,
    p: usize,
}

impl std::fmt::Debug for LineInsert<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineInsert").field("p", &self.p).finish()
    }
}

impl<'t> LineInsert<'t> {
    /// The statement for exactly `rows` rows (at most [`INSERT_ROWS`]).
    pub fn new(tx: &'t Transaction<'_>, rows: usize) -> rusqlite::Result<Self> {
        Ok(LineInsert {
            stmt: tx.prepare_cached(&insert_sql(rows))?,
            p: 0,
        })
    }

    /// Binds the next row.
    pub fn push(&mut self, l: &NewLine<'_>) -> rusqlite::Result<()> {
        // A statement from the cache comes with every parameter unbound
        // (rusqlite clears them when it takes a statement back), and an
        // unbound parameter is NULL: so only values are bound, and a
        // `None` just moves on to the next parameter. About half the
        // columns of a card line are NULL.
        let stmt = &mut self.stmt;
        let p = &mut self.p;
        macro_rules! bind {
            ($v:expr) => {{
                *p += 1;
                stmt.raw_bind_parameter(*p, $v)?;
            }};
        }
        macro_rules! bind_opt {
            ($v:expr) => {{
                *p += 1;
                if let Some(v) = $v {
                    stmt.raw_bind_parameter(*p, v)?;
                }
            }};
        }
        bind!(&l.batch_id);
        bind_opt!(l.account_id);
        bind!(&l.source_line);
        bind_opt!(l.source_id);
        bind!(&l.fingerprint);
        bind!(&l.occurrence);
        bind!(&l.txn_date);
        bind_opt!(l.posted_date);
        bind_opt!(l
            .occurred_at
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)));
        bind!(&l.description);
        bind_opt!(l.details);
        bind_opt!(l.category);
        bind_opt!(l.source_type);
        bind_opt!(l.memo);
        bind!(&l.amount);
        bind!(&l.currency);
        bind_opt!(l.original_amount);
        bind_opt!(l.original_currency);
        bind_opt!(l.fx_rate.map(|x| x.to_string()));
        bind_opt!(l.fx_fee);
        bind!(&l.status);
        bind_opt!(l.class);
        bind_opt!(l.vendor);
        bind_opt!(l.product);
        bind_opt!(l.class_source);
        bind_opt!(l.review);
        bind_opt!(l.rule_tags);
        bind_opt!(l.decided_by);
        bind!(&l.body_id);
        Ok(())
    }

    /// Runs the INSERT: how many rows went in (rows repeating a source id
    /// with the same date, amount and occurrence are skipped).
    pub fn run(mut self) -> rusqlite::Result<u64> {
        Ok(self.stmt.raw_execute()? as u64)
    }
}

/// `OR ROLLBACK`: a row that breaks a NOT NULL or CHECK constraint ends the
/// whole transaction, which is what an import does with any error anyway. The
/// default (`ABORT`) would undo just the one statement, so SQLite would keep a
/// statement journal for every multi-row INSERT: a copy of each page before
/// the statement first changes it (~2% of a large import). Rows repeating a
/// source id with the same date, amount and occurrence are still skipped by
/// `ON CONFLICT DO NOTHING`, which takes precedence for the unique indexes.
///
/// The text for a full group of [`INSERT_ROWS`] rows (~4 KiB) is made once,
/// not once per group.
fn insert_sql(rows: usize) -> std::borrow::Cow<'static, str> {
    static FULL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if rows == INSERT_ROWS {
        return std::borrow::Cow::Borrowed(FULL.get_or_init(|| insert_sql_text(INSERT_ROWS)));
    }
    std::borrow::Cow::Owned(insert_sql_text(rows))
}

fn insert_sql_text(rows: usize) -> String {
    let one = format!("({})", vec!["?"; COLUMNS].join(","));
    format!(
        "INSERT OR ROLLBACK INTO transactions (
            batch_id, account_id, source_line, source_id, fingerprint, occurrence,
            txn_date, posted_date, occurred_at, description, details, category, source_type,
            memo, amount, currency, original_amount, original_currency, fx_rate, fx_fee, status,
            class, vendor, product, class_source, review, rule_tags, decided_by, body_id)
         VALUES {} ON CONFLICT DO NOTHING",
        vec![one; rows].join(",")
    )
}

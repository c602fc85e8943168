//! `agent_logs`: the agent log files a folder scan has read (how far, and
//! the hash of what was read), the spool a scan keeps what it read in, and
//! the one batch a scan writes.
//!
//! Invariant: a file counts as read only while the batch that last added
//! from it is imported (or no batch ever added from it); undoing that batch
//! makes the next scan read it again from its start. A scan's records land
//! in one batch, written in one transaction together with every file's new
//! position; a scan that adds nothing makes no batch. The scan reads and
//! parses its logs into a [`LogSpool`] before that transaction opens, so
//! the ledger is locked only while the records are written.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{params, OptionalExtension};

use super::import_rejects;
use super::import_write::{self, BatchTotals};
use super::provider_records::{
    insert_sql, ProviderRecord, RecordWriter, Stored, COLUMNS, OPENROUTER_ACTIVITY,
    OPENROUTER_GENERATIONS,
};
use super::{Ledger, LedgerError, CACHE_KIB};

/// Where a scan keeps the records it has read until it writes them: a
/// scratch SQLite file of its own in the system's temporary folder (never
/// the ledger, so reading the logs takes no lock on it, and memory holds
/// one log's records at a time). Deleted when dropped.
pub struct LogSpool {
    conn: Option<rusqlite::Connection>,
    path: PathBuf,
}

impl std::fmt::Debug for LogSpool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogSpool")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The records of one log in a [`LogSpool`] (row ids, inclusive; empty
/// when `first > last`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spooled {
    first: i64,
    last: i64,
}

impl Spooled {
    pub fn len(&self) -> u64 {
        (self.last - self.first + 1).max(0) as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

const SPOOL_TABLE: &str = "spool";

impl LogSpool {
    /// A new, empty spool.
    pub fn new() -> Result<Self, LedgerError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "aispend-scan-{}-{nanos:09}-{}.sqlite",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut spool = LogSpool { conn: None, path };
        let conn = rusqlite::Connection::open(&spool.path).map_err(|source| LedgerError::Open {
            path: spool.path.clone(),
            source,
        })?;
        // Scratch: a crash loses nothing the logs do not still hold.
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = OFF;
             PRAGMA synchronous = OFF;
             PRAGMA cache_size = -8192;
             CREATE TABLE {SPOOL_TABLE} (batch_id INTEGER, source_line INTEGER, source_file TEXT, {COLUMNS});"
        ))?;
        spool.conn = Some(conn);
        Ok(spool)
    }

    fn conn(&self) -> Result<&rusqlite::Connection, LedgerError> {
        self.conn
            .as_ref()
            .ok_or(LedgerError::Sqlite(rusqlite::Error::InvalidQuery))
    }

    /// Keeps one log's records (each with its amount in micro-units).
    pub fn keep(
        &mut self,
        records: &[(ProviderRecord, Option<i64>)],
    ) -> Result<Spooled, LedgerError> {
        let conn = self.conn()?;
        let tx = conn.unchecked_transaction()?;
        let mut out = Spooled { first: 1, last: 0 };
        {
            let mut insert = tx.prepare_cached(&insert_sql(SPOOL_TABLE))?;
            for (i, (rec, amount)) in records.iter().enumerate() {
                Stored::from_record(rec, *amount).execute(&mut insert, 0, rec.line, None)?;
                let id = tx.last_insert_rowid();
                if i == 0 {
                    out.first = id;
                }
                out.last = id;
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Reads kept records without an event id back, in the order kept
    /// (those with one are written by one statement, see
    /// [`LogBatchWriter::add`]).
    fn each_without_id(
        &self,
        range: Spooled,
        mut f: impl FnMut(u64, Stored),
    ) -> Result<(), LedgerError> {
        if range.is_empty() {
            return Ok(());
        }
        let mut stmt = self.conn()?.prepare_cached(&format!(
            "SELECT source_line, {COLUMNS} FROM {SPOOL_TABLE}
              WHERE rowid BETWEEN ?1 AND ?2 AND source_id IS NULL ORDER BY rowid"
        ))?;
        let mut rows = stmt.query(params![range.first, range.last])?;
        while let Some(row) = rows.next()? {
            let line = row.get::<_, i64>(0)?.max(0) as u64;
            f(line, Stored::read_at(row, 1)?);
        }
        Ok(())
    }
}

impl Drop for LogSpool {
    fn drop(&mut self) {
        // Closed before it is removed (a file still open cannot be removed
        // on Windows).
        drop(self.conn.take());
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What the ledger knows of one log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogState {
    pub size: u64,
    pub modified: String,
    /// The byte just after the last complete line read.
    pub read_to: u64,
    /// SHA-256 of the file's first `read_to` bytes, lowercase hex.
    pub prefix_sha256: Option<String>,
    /// Whether what was read still stands: the batch that last added from
    /// it is imported, or none did.
    pub live: bool,
}

/// One log a scan read, and where it now stands.
#[derive(Debug, Clone)]
pub struct LogRead {
    pub path: String,
    pub size: u64,
    pub modified: String,
    pub read_to: u64,
    pub prefix_sha256: String,
    /// Its path relative to the folder it was found in, which each of its
    /// records keeps (a batch of many logs).
    pub source_file: String,
    /// Its new records, in the scan's spool.
    pub records: Spooled,
    /// Its lines that could not be read: (line, reason as a stored
    /// message), kept as the batch's rejects under `source_file`.
    pub rejects: Vec<(u64, String)>,
}

/// The name a scan's spool is attached under while its batch is written.
const SPOOL_SCHEMA: &str = "scan_spool";

/// The page cache while a scan's batch is written (KiB): its indexes stay
/// in memory however many records it adds.
const WRITE_CACHE_KIB: i64 = 64 * 1024;

/// The statement that moves one log's records with an event id from the
/// attached spool into the ledger, in the order read: `?1` the batch,
/// `?2`..`?3` the spool's rows, `?4` the machine for records that name
/// none, `?5` the log's relative path. An event id already stored (another
/// scan, a copy of the log from another machine, an earlier line of this
/// scan) is a duplicate: the unique index on it turns the row down.
fn spooled_insert_sql() -> String {
    let select = COLUMNS
        .split(',')
        .map(str::trim)
        .map(|c| match c {
            "machine" => "coalesce(machine, ?4)",
            c => c,
        })
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO provider_records (batch_id, source_line, source_file, {COLUMNS})
         SELECT ?1, source_line, ?5, {select} FROM {SPOOL_SCHEMA}.{SPOOL_TABLE}
          WHERE rowid BETWEEN ?2 AND ?3 AND source_id IS NOT NULL
          ORDER BY rowid
         ON CONFLICT DO NOTHING"
    )
}

/// A scan's one batch, opened once its logs are read: each log's records
/// go from the scan's spool (attached to the ledger meanwhile) into the
/// ledger in one statement, all in one transaction that
/// [`LogBatchWriter::finish`] commits. Dropped without `finish`, nothing
/// is written. [`Ledger::end_log_batch`] detaches the spool after.
pub struct LogBatchWriter<'l> {
    tx: rusqlite::Transaction<'l>,
    batch: i64,
    /// Records without an event id (a day of a provider's export), which
    /// are compared with the day the ledger holds.
    writer: RecordWriter,
    machine: Option<String>,
    added: u64,
    duplicates: u64,
    rejected: u64,
    files: u64,
    bytes: u64,
    hasher: sha2::Sha256,
    first_path: Option<String>,
}

impl std::fmt::Debug for LogBatchWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogBatchWriter")
            .field("batch", &self.batch)
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl LogBatchWriter<'_> {
    /// What the ledger knows of the log at `path`, if it was ever read.
    pub fn state(&self, path: &str) -> Result<Option<LogState>, LedgerError> {
        log_state(&self.tx, path)
    }

    /// Writes one log's new records, its rejects and its new position;
    /// (added, duplicates, rejects recorded).
    pub fn add(&mut self, f: LogRead, spool: &LogSpool) -> Result<(u64, u64, u64), LedgerError> {
        use sha2::Digest;
        let range = f.records;
        let (mut added, mut dups) = (0u64, 0u64);
        if !range.is_empty() {
            let (events, generations): (i64, bool) = self
                .tx
                .prepare_cached(&format!(
                    "SELECT count(*), coalesce(max(series = ?3), 0)
                       FROM {SPOOL_SCHEMA}.{SPOOL_TABLE}
                      WHERE rowid BETWEEN ?1 AND ?2 AND source_id IS NOT NULL"
                ))?
                .query_row(
                    params![range.first, range.last, OPENROUTER_GENERATIONS],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
            if events > 0 {
                let inserted = self
                    .tx
                    .prepare_cached(&spooled_insert_sql())?
                    .execute(params![
                        self.batch,
                        range.first,
                        range.last,
                        self.machine,
                        f.source_file
                    ])? as u64;
                added += inserted;
                dups += (events.max(0) as u64).saturating_sub(inserted);
            }
            // Generations tell a day more finely than OpenRouter's activity
            // rows of the same day: those yield (and come back if this
            // batch is undone).
            if generations {
                self.tx
                    .prepare_cached(&format!(
                        "UPDATE provider_records SET superseded_by = ?1
                          WHERE series = ?2 AND superseded_by IS NULL
                            AND utc_date IN (SELECT utc_date FROM {SPOOL_SCHEMA}.{SPOOL_TABLE}
                                              WHERE rowid BETWEEN ?3 AND ?4 AND series = ?5
                                                AND source_id IS NOT NULL)"
                    ))?
                    .execute(params![
                        self.batch,
                        OPENROUTER_ACTIVITY,
                        range.first,
                        range.last,
                        OPENROUTER_GENERATIONS
                    ])?;
            }
            if (events.max(0) as u64) < range.len() {
                let writer = &mut self.writer;
                let (a0, d0) = (writer.added, writer.duplicates);
                spool.each_without_id(range, |line, stored| writer.push_stored(line, stored))?;
                writer.source_file = Some(f.source_file.clone());
                let written = writer.finish(&self.tx, Some(self.batch));
                writer.source_file = None;
                written?;
                added += writer.added - a0;
                dups += writer.duplicates - d0;
            }
        }
        let rejected =
            import_rejects::insert_log_rejects(&self.tx, self.batch, &f.source_file, &f.rejects)?;
        self.added += added;
        self.duplicates += dups;
        self.rejected += rejected;
        self.files += 1;
        self.bytes += f.read_to;
        self.hasher.update(f.prefix_sha256.as_bytes());
        if self.first_path.is_none() {
            self.first_path = Some(f.path.clone());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO agent_log_files
                        (path, size, modified, batch_id, scanned_at, read_to, prefix_sha256, machine)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (path) DO UPDATE SET size = excluded.size,
                     modified = excluded.modified,
                     batch_id = coalesce(excluded.batch_id, agent_log_files.batch_id),
                     scanned_at = excluded.scanned_at, read_to = excluded.read_to,
                     prefix_sha256 = excluded.prefix_sha256, machine = excluded.machine",
            )?
            .execute(params![
                f.path,
                f.size as i64,
                f.modified,
                Some(self.batch).filter(|_| added > 0),
                crate::clock::now_utc_text(),
                f.read_to as i64,
                f.prefix_sha256,
                self.machine
            ])?;
        Ok((added, dups, rejected))
    }

    /// Commits the scan; its batch, or `None` when nothing was new (no
    /// record added, no line that could not be read: then no batch is
    /// kept, but every log's new position is).
    pub fn finish(self) -> Result<Option<i64>, LedgerError> {
        use sha2::Digest;
        let batch = self.batch;
        let kept = if self.added == 0 && self.rejected == 0 {
            self.tx
                .execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
            None
        } else {
            let sha: String = self
                .hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let name = match (self.files, &self.first_path) {
                (1, Some(p)) => p.clone(),
                (n, _) => format!("agent logs ({n} files)"),
            };
            self.tx.execute(
                "UPDATE import_batches SET file_name = ?2 WHERE id = ?1",
                params![batch, name],
            )?;
            import_write::finish_batch(
                &self.tx,
                batch,
                &BatchTotals {
                    sha256: &sha,
                    size: self.bytes,
                    added: self.added,
                    duplicates: self.duplicates,
                    first: None,
                    last: None,
                    account_id: None,
                    rejected: self.rejected,
                },
            )?;
            Some(batch)
        };
        self.tx.commit()?;
        Ok(kept)
    }
}

impl Ledger {
    /// Opens a scan's batch (see [`LogBatchWriter`]) with `spool` attached
    /// to the ledger; records whose log names no machine are labelled
    /// `machine`. Call [`Ledger::end_log_batch`] once it is dropped.
    pub fn log_batch_writer(
        &mut self,
        machine: Option<&str>,
        spool: &LogSpool,
    ) -> Result<LogBatchWriter<'_>, LedgerError> {
        // A spool an earlier scan failed to detach (its file is gone).
        let _ = self
            .conn
            .execute_batch(&format!("DETACH DATABASE {SPOOL_SCHEMA}"));
        self.conn.execute(
            &format!("ATTACH DATABASE ?1 AS {SPOOL_SCHEMA}"),
            [spool.path.to_string_lossy()],
        )?;
        self.conn
            .execute_batch(&format!("PRAGMA main.cache_size = -{WRITE_CACHE_KIB}"))?;
        let tx = self.import_transaction(false)?;
        let batch = import_write::open_batch(&tx, "agent logs", "agent-logs", false)?
            .ok_or(LedgerError::Sqlite(rusqlite::Error::QueryReturnedNoRows))?;
        let mut writer = RecordWriter::default();
        writer.machine = machine.map(str::to_owned);
        Ok(LogBatchWriter {
            tx,
            batch,
            writer,
            machine: machine.map(str::to_owned),
            added: 0,
            duplicates: 0,
            rejected: 0,
            files: 0,
            bytes: 0,
            hasher: <sha2::Sha256 as sha2::Digest>::new(),
            first_path: None,
        })
    }

    /// Detaches the spool [`Ledger::log_batch_writer`] attached and gives
    /// the page cache back its usual size.
    pub fn end_log_batch(&self) -> Result<(), LedgerError> {
        self.conn
            .execute_batch(&format!("PRAGMA main.cache_size = -{CACHE_KIB}"))?;
        self.conn
            .execute_batch(&format!("DETACH DATABASE {SPOOL_SCHEMA}"))?;
        Ok(())
    }

    /// What the ledger knows of the log at `path`, if it was ever read.
    pub fn agent_log_state(&self, path: &str) -> Result<Option<LogState>, LedgerError> {
        log_state(&self.conn, path)
    }
}

/// What the ledger knows of the log at `path` (the one query both the
/// scan's transaction and a plain read use).
fn log_state(conn: &rusqlite::Connection, path: &str) -> Result<Option<LogState>, LedgerError> {
    Ok(conn
        .prepare_cached(
            "SELECT f.size, f.modified, f.read_to, f.prefix_sha256,
                    f.batch_id IS NULL OR coalesce(b.status = 'imported', 0)
               FROM agent_log_files f
               LEFT JOIN import_batches b ON b.id = f.batch_id
              WHERE f.path = ?1",
        )?
        .query_row(params![path], |r| {
            Ok(LogState {
                size: r.get::<_, i64>(0)?.max(0) as u64,
                modified: r.get(1)?,
                read_to: r.get::<_, i64>(2)?.max(0) as u64,
                prefix_sha256: r.get(3)?,
                live: r.get(4)?,
            })
        })
        .optional()?)
}

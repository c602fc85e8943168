//! `agent_logs`: the agent log files a folder scan has read (how far, and
//! the hash of what was read), and the one batch a scan writes.
//!
//! Invariant: a file counts as read only while the batch that last added
//! from it is imported (or no batch ever added from it); undoing that batch
//! makes the next scan read it again from its start. A scan's records land
//! in one batch, written in one transaction together with every file's new
//! position; a scan that adds nothing makes no batch.

use rusqlite::{params, OptionalExtension};

use super::import_write::{self, BatchTotals};
use super::provider_records::{ProviderRecord, RecordWriter};
use super::{Ledger, LedgerError};

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
    /// Its new records, each with the amount in micro-units.
    pub records: Vec<(ProviderRecord, Option<i64>)>,
}

/// A scan's one batch, open while the scan reads its files: each file's
/// records are written as soon as it is read (so a scan of many logs
/// holds one log's records at a time), all in one transaction that
/// [`LogBatchWriter::finish`] commits. Dropped without `finish`, nothing
/// is written.
pub struct LogBatchWriter<'l> {
    tx: rusqlite::Transaction<'l>,
    batch: Option<i64>,
    writer: RecordWriter,
    machine: Option<String>,
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

    /// Writes one log's new records and its new position; (added,
    /// duplicates).
    pub fn add(&mut self, f: LogRead) -> Result<(u64, u64), LedgerError> {
        use sha2::Digest;
        let (added, dups) = (self.writer.added, self.writer.duplicates);
        for (rec, amount) in &f.records {
            self.writer.push(rec, *amount);
        }
        drop(f.records);
        self.writer.finish(&self.tx, self.batch)?;
        let added = self.writer.added - added;
        let dups = self.writer.duplicates - dups;
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
                self.batch.filter(|_| added > 0),
                crate::clock::now_utc_text(),
                f.read_to as i64,
                f.prefix_sha256,
                self.machine
            ])?;
        Ok((added, dups))
    }

    /// Commits the scan; its batch, or `None` when nothing was new (then
    /// no batch is kept, but every log's new position is).
    pub fn finish(self) -> Result<Option<i64>, LedgerError> {
        use sha2::Digest;
        let Some(batch) = self.batch else {
            self.tx.commit()?;
            return Ok(None);
        };
        let kept = if self.writer.added == 0 {
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
                    added: self.writer.added,
                    duplicates: self.writer.duplicates,
                    first: None,
                    last: None,
                    account_id: None,
                    rejected: 0,
                },
            )?;
            Some(batch)
        };
        self.tx.commit()?;
        Ok(kept)
    }
}

impl Ledger {
    /// Opens a scan's batch (see [`LogBatchWriter`]); records whose log
    /// names no machine are labelled `machine`.
    pub fn log_batch_writer(
        &mut self,
        machine: Option<&str>,
    ) -> Result<LogBatchWriter<'_>, LedgerError> {
        let tx = self.import_transaction(false)?;
        let batch = import_write::open_batch(&tx, "agent logs", "agent-logs", false)?;
        let mut writer = RecordWriter::default();
        writer.machine = machine.map(str::to_owned);
        Ok(LogBatchWriter {
            tx,
            batch,
            writer,
            machine: machine.map(str::to_owned),
            files: 0,
            bytes: 0,
            hasher: <sha2::Sha256 as sha2::Digest>::new(),
            first_path: None,
        })
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

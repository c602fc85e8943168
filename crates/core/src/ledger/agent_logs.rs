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

/// What a scan's batch did, per file in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogBatch {
    pub batch_id: Option<i64>,
    /// (added, duplicates) per file.
    pub per_file: Vec<(u64, u64)>,
}

/// A watched log as the settings show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFileRow {
    pub path: String,
    pub size: u64,
    pub read_to: u64,
    pub machine: Option<String>,
    pub scanned_at: String,
}

impl Ledger {
    /// What the ledger knows of the log at `path`, if it was ever read.
    pub fn agent_log_state(&self, path: &str) -> Result<Option<LogState>, LedgerError> {
        Ok(self
            .conn
            .query_row(
                "SELECT f.size, f.modified, f.read_to, f.prefix_sha256,
                        f.batch_id IS NULL OR coalesce(b.status = 'imported', 0)
                   FROM agent_log_files f
                   LEFT JOIN import_batches b ON b.id = f.batch_id
                  WHERE f.path = ?1",
                params![path],
                |r| {
                    Ok(LogState {
                        size: r.get::<_, i64>(0)?.max(0) as u64,
                        modified: r.get(1)?,
                        read_to: r.get::<_, i64>(2)?.max(0) as u64,
                        prefix_sha256: r.get(3)?,
                        live: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Writes a scan: every file's new records in one batch (named
    /// `name`, its records labelled `machine` where the log names none)
    /// and every file's new position, in one transaction. No batch is
    /// made when nothing is new.
    pub fn write_log_batch(
        &mut self,
        name: &str,
        machine: Option<&str>,
        files: Vec<LogRead>,
    ) -> Result<LogBatch, LedgerError> {
        let tx = self.import_transaction(false)?;
        // Not a dry run: the batch is always made (and dropped again below
        // when nothing is new).
        let Some(batch) = import_write::open_batch(&tx, name, "agent-logs", false)? else {
            return Ok(LogBatch {
                batch_id: None,
                per_file: Vec::new(),
            });
        };
        let mut writer = RecordWriter::default();
        writer.machine = machine.map(str::to_owned);
        let mut per_file = Vec::with_capacity(files.len());
        let mut bytes = 0u64;
        let mut hashes = String::new();
        for f in &files {
            let (added, dups) = (writer.added, writer.duplicates);
            for (rec, amount) in &f.records {
                writer.push(rec, *amount);
            }
            writer.finish(&tx, Some(batch))?;
            per_file.push((writer.added - added, writer.duplicates - dups));
            bytes += f.read_to;
            hashes.push_str(&f.prefix_sha256);
        }
        let batch_id = if writer.added == 0 {
            tx.execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
            None
        } else {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(hashes.as_bytes());
            let sha: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            import_write::finish_batch(
                &tx,
                batch,
                &BatchTotals {
                    sha256: &sha,
                    size: bytes,
                    added: writer.added,
                    duplicates: writer.duplicates,
                    first: None,
                    last: None,
                    account_id: None,
                    rejected: 0,
                },
            )?;
            Some(batch)
        };
        let now = crate::clock::now_utc_text();
        for (f, (added, _)) in files.iter().zip(&per_file) {
            tx.execute(
                "INSERT INTO agent_log_files
                        (path, size, modified, batch_id, scanned_at, read_to, prefix_sha256, machine)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (path) DO UPDATE SET size = excluded.size,
                     modified = excluded.modified,
                     batch_id = coalesce(excluded.batch_id, agent_log_files.batch_id),
                     scanned_at = excluded.scanned_at, read_to = excluded.read_to,
                     prefix_sha256 = excluded.prefix_sha256, machine = excluded.machine",
                params![
                    f.path,
                    f.size as i64,
                    f.modified,
                    batch_id.filter(|_| *added > 0),
                    now,
                    f.read_to as i64,
                    f.prefix_sha256,
                    machine
                ],
            )?;
        }
        tx.commit()?;
        Ok(LogBatch { batch_id, per_file })
    }

    /// Every log a scan has read, by path.
    pub fn agent_log_files(&self) -> Result<Vec<LogFileRow>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT path, size, read_to, machine, scanned_at FROM agent_log_files ORDER BY path",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LogFileRow {
                    path: r.get(0)?,
                    size: r.get::<_, i64>(1)?.max(0) as u64,
                    read_to: r.get::<_, i64>(2)?.max(0) as u64,
                    machine: r.get(3)?,
                    scanned_at: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

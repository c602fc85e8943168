//! `agent_logs`: the agent log files a folder scan has read, so that a
//! re-scan skips the files that did not change.
//!
//! Invariant: a file counts as read only while the batch that read it is
//! imported; undoing that batch makes the next scan read it again.

use rusqlite::{params, OptionalExtension};

use super::{Ledger, LedgerError};

impl Ledger {
    /// Whether `path` was read by a batch still imported, at this size and
    /// modification time.
    pub fn agent_log_unchanged(
        &self,
        path: &str,
        size: u64,
        modified: &str,
    ) -> Result<bool, LedgerError> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT f.batch_id FROM agent_log_files f
                   JOIN import_batches b ON b.id = f.batch_id AND b.status = 'imported'
                  WHERE f.path = ?1 AND f.size = ?2 AND f.modified = ?3",
                params![path, size as i64, modified],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// Notes that `batch_id` read `path` at this size and modification time.
    pub fn note_agent_log(
        &mut self,
        path: &str,
        size: u64,
        modified: &str,
        batch_id: i64,
    ) -> Result<(), LedgerError> {
        self.conn.execute(
            "INSERT INTO agent_log_files (path, size, modified, batch_id, scanned_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (path) DO UPDATE SET size = excluded.size,
                 modified = excluded.modified, batch_id = excluded.batch_id,
                 scanned_at = excluded.scanned_at",
            params![
                path,
                size as i64,
                modified,
                batch_id,
                crate::clock::now_utc_text()
            ],
        )?;
        Ok(())
    }
}

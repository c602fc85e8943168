//! The `import_rejects` table: the rows an import left out
//! (`--skip-bad-rows`), and the lines a scan of agent logs could not read,
//! each with its physical line and reason (and, in a batch of many files,
//! its file).
//!
//! Invariant: rejects are written in the batch's own transaction, so they
//! exist exactly when their batch does.

use rusqlite::{params, Transaction};

use super::{Ledger, LedgerError};

impl Ledger {
    /// The rows an import left out (`--skip-bad-rows`), or the log lines a
    /// scan could not read, by file and line: (file, line, reason), the
    /// file `None` where the batch is one file.
    pub fn rejects(
        &self,
        batch_id: i64,
    ) -> Result<Vec<(Option<String>, u64, String)>, LedgerError> {
        let found: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM import_batches WHERE id = ?1)",
            [batch_id],
            |r| r.get(0),
        )?;
        if !found {
            return Err(LedgerError::NoSuchBatch(batch_id));
        }
        let mut stmt = self.conn.prepare(
            "SELECT nullif(file, ''), line, reason FROM import_rejects
              WHERE batch_id = ?1 ORDER BY file, line",
        )?;
        let rows = stmt.query_map([batch_id], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Records the rows a batch left out.
pub(crate) fn insert_rejects(
    tx: &Transaction<'_>,
    batch_id: i64,
    rows: &[(u64, String)],
) -> rusqlite::Result<()> {
    for (line, reason) in rows {
        tx.execute(
            "INSERT INTO import_rejects (batch_id, line, reason) VALUES (?1, ?2, ?3)",
            params![batch_id, *line as i64, reason],
        )?;
    }
    Ok(())
}

/// Records the lines of one log of a scan's batch that could not be read,
/// each as `file` line `line`; a line already recorded with the same
/// reason by an imported batch (the log read again from its start) is not
/// recorded twice. Returns how many were recorded.
pub(crate) fn insert_log_rejects(
    tx: &Transaction<'_>,
    batch_id: i64,
    file: &str,
    rows: &[(u64, String)],
) -> rusqlite::Result<u64> {
    let mut n = 0;
    let mut insert = tx.prepare_cached(
        "INSERT INTO import_rejects (batch_id, file, line, reason)
         SELECT ?1, ?2, ?3, ?4
          WHERE NOT EXISTS (SELECT 1 FROM import_rejects r
                              JOIN import_batches b ON b.id = r.batch_id
                             WHERE r.file = ?2 AND r.line = ?3 AND r.reason = ?4
                               AND b.status = 'imported')
         ON CONFLICT DO NOTHING",
    )?;
    for (line, reason) in rows {
        n += insert.execute(params![batch_id, file, *line as i64, reason])? as u64;
    }
    Ok(n)
}

//! The `import_rejects` table: the rows an import left out
//! (`--skip-bad-rows`), each with its physical line and reason.
//!
//! Invariant: rejects are written in the batch's own transaction, so they
//! exist exactly when their batch does.

use rusqlite::{params, Transaction};

use super::{Ledger, LedgerError};

impl Ledger {
    /// The rows an import left out (`--skip-bad-rows`), by line.
    pub fn rejects(&self, batch_id: i64) -> Result<Vec<(u64, String)>, LedgerError> {
        let found: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM import_batches WHERE id = ?1)",
            [batch_id],
            |r| r.get(0),
        )?;
        if !found {
            return Err(LedgerError::NoSuchBatch(batch_id));
        }
        let mut stmt = self
            .conn
            .prepare("SELECT line, reason FROM import_rejects WHERE batch_id = ?1 ORDER BY line")?;
        let rows = stmt.query_map([batch_id], |r| {
            Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get(1)?))
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

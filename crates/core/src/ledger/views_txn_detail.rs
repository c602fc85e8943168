//! The line detail panel's reads: the cases a line is linked to, the refund
//! pairings it is part of, and the import batch it came from.
//!
//! Invariant: a line is found by its identity (date, account, fingerprint,
//! occurrence) wherever a table keys it so, so what was linked before an undo
//! and re-import still shows on the line's new id.

use super::refunds::RefundLink;
use super::{BatchInfo, Ledger, LedgerError};

/// A case a line is linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineCase {
    pub id: i64,
    pub title: String,
    /// `open` or `closed`, as stored.
    pub status: String,
}

impl Ledger {
    /// The cases with an active link to line `txn_id`, newest first.
    pub fn line_cases(&self, txn_id: i64) -> Result<Vec<LineCase>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT c.id, c.title, c.status
               FROM transactions t
               JOIN case_rows k ON k.kind = 'txn' AND k.unlinked_at IS NULL
                AND k.txn_date = t.txn_date AND k.account_id = t.account_id
                AND k.fingerprint = t.fingerprint AND k.occurrence = t.occurrence
               JOIN cases c ON c.id = k.case_id
              WHERE t.id = ?1
              ORDER BY c.id DESC",
        )?;
        let rows = stmt.query_map([txn_id], |r| {
            Ok(LineCase {
                id: r.get(0)?,
                title: r.get(1)?,
                status: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The refund pairings line `txn_id` is part of, as refund or purchase.
    pub fn line_refund_links(&self, txn_id: i64) -> Result<Vec<RefundLink>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT refund_id, purchase_id, matched_by FROM refund_links
              WHERE refund_id = ?1 OR purchase_id = ?1 ORDER BY refund_id",
        )?;
        let rows = stmt.query_map([txn_id], |r| {
            Ok(RefundLink {
                refund_id: r.get(0)?,
                purchase_id: r.get(1)?,
                matched_by: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One import batch, as [`crate::batches::history`] lists it.
    pub fn batch(&self, batch_id: i64) -> Result<Option<BatchInfo>, LedgerError> {
        Ok(self.batch_rows_of(Some(batch_id))?.into_iter().next())
    }
}

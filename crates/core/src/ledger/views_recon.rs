//! The Reconcile view's read of case links: which open case a flag's card
//! lines already belong to.
//!
//! Invariant: only active links (`unlinked_at IS NULL`) of open cases count.

use rusqlite::params_from_iter;

use super::{Ledger, LedgerError};

impl Ledger {
    /// The newest open case with an active link to one of `txn_ids`.
    pub fn open_case_for_txns(&self, txn_ids: &[i64]) -> Result<Option<i64>, LedgerError> {
        if txn_ids.is_empty() {
            return Ok(None);
        }
        let marks = vec!["?"; txn_ids.len()].join(",");
        let sql = format!(
            "SELECT max(r.case_id) FROM case_rows r JOIN cases c ON c.id = r.case_id
              WHERE r.kind = 'txn' AND r.unlinked_at IS NULL AND c.status = 'open'
                AND r.txn_id IN ({marks})"
        );
        Ok(self
            .conn
            .query_row(&sql, params_from_iter(txn_ids.iter()), |r| r.get(0))?)
    }
}

//! The reimbursement tables: tags the user set on lines, `receipts` and
//! `reimbursements` marks.
//!
//! Invariant: receipts and marks are keyed by the line's identity (migration
//! 0005), like `txn_edits`, never by its id, so they survive an undo and
//! re-import of the statement.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{date_from_int, date_to_int, Ledger, LedgerError};

/// A receipt attached to a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub id: i64,
    /// The line it belongs to (its current id).
    pub txn_id: i64,
    /// The file's name as the user had it.
    pub file_name: String,
    pub sha256: String,
    pub size: u64,
    /// Where the copy lives, relative to the receipts folder.
    pub stored_name: String,
    /// UTC instant, RFC 3339.
    pub attached_at: String,
}

/// A line's reimbursed mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub client: String,
    pub reimbursed_on: NaiveDate,
}

/// A receipt copy to record against a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewReceipt<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub stored_name: &'a str,
}

// The line-identity join from a `transactions t` row to a keyed table `k`.
const IDENTITY: &str = "k.txn_date = t.txn_date AND k.account_id = t.account_id
    AND k.fingerprint = t.fingerprint AND k.occurrence = t.occurrence";

impl Ledger {
    /// Stores each line's tags as the user's, in one transaction.
    pub(crate) fn set_user_tags(
        &mut self,
        updates: &[(i64, Vec<String>)],
    ) -> Result<(), LedgerError> {
        let now = crate::clock::now_utc_text();
        let tx = self.conn.transaction()?;
        for (id, next) in updates {
            let json = serde_json::to_string(next)
                .map_err(|e| LedgerError::Corrupt(format!("tags: {e}")))?;
            tx.execute(
                "INSERT INTO txn_edits (account_id, txn_date, fingerprint, occurrence,
                                        tags, updated_at)
                 SELECT account_id, txn_date, fingerprint, occurrence, ?2, ?3
                   FROM transactions WHERE id = ?1
                 ON CONFLICT (txn_date, account_id, fingerprint, occurrence) DO UPDATE SET
                    tags = excluded.tags, updated_at = excluded.updated_at",
                params![id, json, now],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records a receipt against line `txn_id` (once per content and line).
    pub(crate) fn insert_receipt(
        &mut self,
        txn_id: i64,
        r: &NewReceipt<'_>,
    ) -> Result<(), LedgerError> {
        let tx = self.conn.transaction()?;
        super::mail_receipts::attach_file(&tx, txn_id, r)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a receipt row; false when there was none.
    pub(crate) fn delete_receipt(&mut self, receipt_id: i64) -> Result<bool, LedgerError> {
        let n = self
            .conn
            .execute("DELETE FROM receipts WHERE id = ?1", [receipt_id])?;
        Ok(n > 0)
    }

    /// The receipts attached to a line, oldest first.
    pub fn receipts(&self, txn_id: i64) -> Result<Vec<Receipt>, LedgerError> {
        let sql = format!(
            "SELECT k.id, t.id, k.file_name, k.sha256, k.size, k.stored_name, k.attached_at
               FROM transactions t JOIN receipts k ON {IDENTITY}
              WHERE t.id = ?1 ORDER BY k.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([txn_id], |r| {
            Ok(Receipt {
                id: r.get(0)?,
                txn_id: r.get(1)?,
                file_name: r.get(2)?,
                sha256: r.get(3)?,
                size: r.get::<_, i64>(4)?.max(0) as u64,
                stored_name: r.get(5)?,
                attached_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A line's reimbursed mark, if it has one.
    pub fn reimbursed_mark(&self, txn_id: i64) -> Result<Option<Mark>, LedgerError> {
        let sql = format!(
            "SELECT k.client, k.reimbursed_on
               FROM transactions t JOIN reimbursements k ON {IDENTITY}
              WHERE t.id = ?1"
        );
        let found: Option<(String, i64)> = self
            .conn
            .query_row(&sql, [txn_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        found
            .map(|(client, on)| {
                Ok(Mark {
                    client,
                    reimbursed_on: date_from_int(on)
                        .ok_or_else(|| LedgerError::Corrupt(format!("date {on}")))?,
                })
            })
            .transpose()
    }

    /// Marks lines as reimbursed by `client` on `on`, in one transaction.
    /// A line already marked keeps its first mark. Returns how many were new.
    pub fn mark_reimbursed(
        &mut self,
        ids: &[i64],
        client: &str,
        on: NaiveDate,
    ) -> Result<u64, LedgerError> {
        let now = crate::clock::now_utc_text();
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for &id in ids {
            added += tx.execute(
                "INSERT INTO reimbursements (account_id, txn_date, fingerprint, occurrence,
                                             client, reimbursed_on, marked_at)
                 SELECT account_id, txn_date, fingerprint, occurrence, ?2, ?3, ?4
                   FROM transactions WHERE id = ?1
                 ON CONFLICT DO NOTHING",
                params![id, client, date_to_int(on), now],
            )?;
        }
        tx.commit()?;
        Ok(added as u64)
    }

    /// Takes the reimbursed mark off lines. Returns how many had one.
    pub fn unmark_reimbursed(&mut self, ids: &[i64]) -> Result<u64, LedgerError> {
        let tx = self.conn.transaction()?;
        let mut removed = 0;
        for &id in ids {
            removed += tx.execute(
                &format!(
                    "DELETE FROM reimbursements AS k WHERE EXISTS (
                        SELECT 1 FROM transactions t WHERE t.id = ?1 AND {IDENTITY})"
                ),
                [id],
            )?;
        }
        tx.commit()?;
        Ok(removed as u64)
    }
}

/// Which reimbursement report a number names (migration 0018).
#[derive(Debug, Clone, Copy)]
pub struct ReportKey<'a> {
    /// Lower case.
    pub client: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: &'a str,
}

impl Ledger {
    /// The number the report `key` was given, if it was written before.
    pub fn report_number(&self, key: &ReportKey<'_>) -> Result<Option<i64>, LedgerError> {
        Ok(self
            .conn
            .query_row(
                "SELECT number FROM reimbursement_reports
                  WHERE client = ?1 AND period_from = ?2 AND period_to = ?3 AND currency = ?4",
                params![
                    key.client,
                    date_to_int(key.from),
                    date_to_int(key.to),
                    key.currency
                ],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The report's number: the one it was given before, else the next
    /// (one more than the highest given, so numbers have no gaps).
    pub fn assign_report_number(&self, key: &ReportKey<'_>) -> Result<i64, LedgerError> {
        if let Some(n) = self.report_number(key)? {
            return Ok(n);
        }
        self.conn.execute(
            "INSERT INTO reimbursement_reports (number, client, period_from, period_to,
                                               currency, created_at)
             SELECT coalesce(max(number), 0) + 1, ?1, ?2, ?3, ?4, ?5
               FROM reimbursement_reports",
            params![
                key.client,
                date_to_int(key.from),
                date_to_int(key.to),
                key.currency,
                crate::clock::now_utc_text()
            ],
        )?;
        self.report_number(key)?
            .ok_or_else(|| LedgerError::Corrupt("a report number that did not stay".into()))
    }
}

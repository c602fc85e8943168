//! The tag counts the Reimburse view offers: how many lines each
//! `client:` / `project:` tag names.
//!
//! Invariant: a line's effective tags are the user's (its edit) when it has
//! any, else its rule's; a line is never counted under both.

use super::{Ledger, LedgerError};

impl Ledger {
    /// Each `client:` or `project:` tag as the lines carry it, with how many
    /// lines carry it (a tag may appear twice: once from edits, once from
    /// rules).
    pub fn client_project_tag_counts(&self) -> Result<Vec<(String, u64)>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT j.value, count(*)
           FROM txn_edits e
           JOIN transactions t
             ON e.txn_date = t.txn_date AND e.account_id = t.account_id
            AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence,
                json_each(e.tags) j
          WHERE e.tags IS NOT NULL
            AND (lower(j.value) LIKE 'client:%' OR lower(j.value) LIKE 'project:%')
          GROUP BY j.value
         UNION ALL
         SELECT j.value, count(*)
           FROM transactions t, json_each(t.rule_tags) j
          WHERE t.rule_tags IS NOT NULL
            AND (lower(j.value) LIKE 'client:%' OR lower(j.value) LIKE 'project:%')
            AND NOT EXISTS (SELECT 1 FROM txn_edits e
                             WHERE e.txn_date = t.txn_date AND e.account_id = t.account_id
                               AND e.fingerprint = t.fingerprint
                               AND e.occurrence = t.occurrence AND e.tags IS NOT NULL)
          GROUP BY j.value",
        )?;
        let found = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .map(|r| r.map(|(t, n)| (t, n.max(0) as u64)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(found)
    }
}

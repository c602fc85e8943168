//! Self-checks of the stored ledger: whether SQLite enforces its foreign
//! keys on this connection, and which rows point at a missing parent.
//!
//! Invariant: read-only; nothing here changes a row.

use super::{Ledger, LedgerError};

impl Ledger {
    /// Whether SQLite enforces foreign keys on this connection right now
    /// (imports turn the checks off for their batch and back on after).
    pub fn foreign_keys_enforced(&self) -> Result<bool, LedgerError> {
        let on: i64 = self
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        Ok(on == 1)
    }

    /// Every row that names a missing parent, as `table row N -> parent`;
    /// empty for a sound ledger.
    pub fn dangling_references(&self) -> Result<Vec<String>, LedgerError> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {:?} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_ledger_enforces_its_keys_and_has_no_dangling_rows() {
        let ledger = Ledger::open_in_memory().expect("ledger");
        assert!(ledger.foreign_keys_enforced().expect("pragma"));
        assert_eq!(
            ledger.dangling_references().expect("check"),
            Vec::<String>::new()
        );
    }
}

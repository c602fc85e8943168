//! Import batches as the front ends see them: the history (`imports`) and
//! undo. It sits above the ledger, the importers, the provider records and
//! sync, because undoing a batch spans all of them: the ledger removes its
//! own rows, [`crate::import`] knows how a provider-records format names its
//! account, and [`crate::sync`] knows which position a sync's batch moved.
//!
//! Invariant: an undo is one SQLite transaction; the lines, the provider
//! records and the sync position go back together or not at all.

use crate::ledger::{BatchInfo, Ledger, LedgerError};

/// Every import batch, newest first.
pub fn history(ledger: &Ledger) -> Result<Vec<BatchInfo>, LedgerError> {
    let mut out = ledger.batch_rows()?;
    for b in &mut out {
        if let Some(f) = crate::import::format_by_id(&b.format).filter(|f| f.records()) {
            b.account = format!("{} records", f.default_account(None));
        }
    }
    Ok(out)
}

/// Removes every line a batch added, in one transaction, and keeps the
/// batch in the history as `undone`. User edits are kept: they come back
/// if the same file is imported again. Returns how many lines went.
pub fn undo(ledger: &mut Ledger, batch_id: i64) -> Result<u64, LedgerError> {
    // An undone sync batch: the next sync fetches its days again.
    let (removed, changed) =
        ledger.undo_batch_rows(batch_id, crate::sync::state::rewind_for_undone)?;
    // The stored subscription detection follows (a cache: the undo stands
    // whatever happens to it; a stale one is never read).
    let _ = crate::reports::subs::refresh_stored(ledger, &changed);
    Ok(removed)
}

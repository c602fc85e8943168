//! Duplicate layer 3 (SPEC §2): a pending line and the posted line that may
//! be the same charge, once the posted version arrives with another date or
//! id than the hold had. Proposed at import, decided by the user; never a
//! silent drop, never a silent double.
//!
//! A pair is proposed when both lines are in one account, have the same
//! amount and currency, the posted line is dated on the hold's day or up to
//! [`SETTLE_DAYS`] after it, and the descriptions start with the same word
//! (`OPENAI` and `OPENAI *API …`). A confirmed pair hides the pending line
//! from listings (the posted one stands for the charge); a rejected pair is
//! never proposed again.

use chrono::{Days, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::{date_from_int, date_to_int, Ledger, LedgerError, TxnRow};

/// How many days after a hold its posted line may be dated.
pub const SETTLE_DAYS: u64 = 10;

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    Proposed,
    Confirmed,
    Rejected,
}

impl LinkState {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Proposed => "proposed",
            LinkState::Confirmed => "confirmed",
            LinkState::Rejected => "rejected",
        }
    }
}

/// A pending line and the posted line that may be the same charge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRow {
    pub id: i64,
    pub state: LinkState,
    pub reason: String,
    pub pending: TxnRow,
    pub posted: TxnRow,
}

/// The first word of a description, upper-cased: what both versions of a
/// card line keep.
fn first_word(description: &str) -> String {
    description
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_uppercase()
}

/// Proposes links for the lines of the batch with ids in `first..=last`:
/// its posted lines against pending lines, and its pending lines against
/// posted ones. Returns how many were proposed.
pub(crate) fn propose(tx: &Transaction<'_>, first: i64, last: i64) -> rusqlite::Result<u64> {
    type Pending = (i64, i64, i64, i64, String, String);
    let pending: Vec<Pending> = tx
        .prepare(
            "SELECT id, account_id, txn_date, amount, currency, description FROM transactions
              WHERE status = 'pending'
                AND NOT EXISTS (SELECT 1 FROM txn_links l WHERE l.pending_id = transactions.id)",
        )?
        .query_map([], |r| Pending::try_from(r))?
        .collect::<rusqlite::Result<_>>()?;
    let mut proposed = 0;
    for (id, account, date, amount, currency, description) in pending {
        let Some(from) = date_from_int(date) else {
            continue;
        };
        let to = from
            .checked_add_days(Days::new(SETTLE_DAYS))
            .unwrap_or(from);
        let pending_new = (first..=last).contains(&id);
        let word = first_word(&description);
        let candidates: Vec<(i64, i64, String)> = tx
            .prepare_cached(
                "SELECT id, txn_date, description FROM transactions
                  WHERE txn_date BETWEEN ?1 AND ?2 AND account_id = ?3
                    AND amount = ?4 AND currency = ?5 AND status = 'posted'
                    AND NOT EXISTS (SELECT 1 FROM txn_links l
                                     WHERE l.posted_id = transactions.id AND l.state != 'rejected')
                    AND NOT EXISTS (SELECT 1 FROM txn_links l
                                     WHERE l.posted_id = transactions.id AND l.pending_id = ?6)",
            )?
            .query_map(
                params![date, date_to_int(to), account, amount, currency, id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let best = candidates
            .into_iter()
            .filter(|(posted, _, d)| {
                (pending_new || (first..=last).contains(posted)) && first_word(d) == word
            })
            .min_by_key(|(posted, d, _)| (*d - date, *posted));
        let Some((posted, posted_date, _)) = best else {
            continue;
        };
        let days = date_from_int(posted_date).map_or(0, |p: NaiveDate| (p - from).num_days());
        tx.execute(
            "INSERT INTO txn_links (pending_id, posted_id, state, reason, created_at)
             VALUES (?1, ?2, 'proposed', ?3, ?4) ON CONFLICT DO NOTHING",
            params![
                id,
                posted,
                format!(
                    "same account and amount; pending on {from}, posted {days} day(s) later; both start with {word}"
                ),
                crate::clock::now_utc_text()
            ],
        )?;
        proposed += 1;
    }
    Ok(proposed)
}

impl Ledger {
    /// The links between pending and posted lines; only open proposals
    /// unless `all`.
    pub fn links(&self, all: bool) -> Result<Vec<LinkRow>, LedgerError> {
        let rows: Vec<(i64, String, String, i64, i64)> = self
            .conn
            .prepare(
                "SELECT id, state, reason, pending_id, posted_id FROM txn_links
                  WHERE ?1 OR state = 'proposed' ORDER BY id",
            )?
            .query_map([all], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (id, state, reason, pending, posted) in rows {
            let state = match state.as_str() {
                "proposed" => LinkState::Proposed,
                "confirmed" => LinkState::Confirmed,
                "rejected" => LinkState::Rejected,
                other => return Err(LedgerError::Corrupt(format!("link state {other:?}"))),
            };
            out.push(LinkRow {
                id,
                state,
                reason,
                pending: self.transaction(pending)?,
                posted: self.transaction(posted)?,
            });
        }
        Ok(out)
    }

    /// Confirms (the two lines are one charge) or rejects a proposal.
    pub fn decide_link(&mut self, id: i64, confirm: bool) -> Result<LinkRow, LedgerError> {
        let state = if confirm {
            LinkState::Confirmed
        } else {
            LinkState::Rejected
        };
        let found: Option<String> = self
            .conn
            .query_row("SELECT state FROM txn_links WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if found.is_none() {
            return Err(LedgerError::NoSuchLink(id));
        }
        self.conn.execute(
            "UPDATE txn_links SET state = ?2, decided_at = ?3 WHERE id = ?1",
            params![id, state.as_str(), crate::clock::now_utc_text()],
        )?;
        self.links(true)?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(LedgerError::NoSuchLink(id))
    }
}

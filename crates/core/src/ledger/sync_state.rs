//! `sync_state`: per provider endpoint, the last UTC day synced through and
//! how the last run ended.
//!
//! Invariant: a recorded success never moves `synced_through` backwards;
//! only an undo of a sync's batch ([`SyncRewind`]) does.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::ai_provider::Provider;

/// One endpoint's stored state, as `sync_state` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncStateRow {
    /// The last UTC day a successful run fetched.
    pub synced_through: Option<NaiveDate>,
    pub last_run_at: String,
    /// `ok`, `failed` or `cancelled`.
    pub last_result: String,
    pub last_batch_id: Option<i64>,
}

/// Where an undone sync batch sends its endpoint back to: the batch's first
/// day, so the next sync fetches the undone days again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncRewind {
    pub provider: Provider,
    /// The endpoint's id (`costs`, `usage-messages`, ...).
    pub endpoint: &'static str,
    pub from: NaiveDate,
}

impl Ledger {
    /// The stored state of one endpoint, if it ever ran.
    pub(crate) fn sync_state(
        &self,
        provider: Provider,
        endpoint: &str,
    ) -> Result<Option<SyncStateRow>, LedgerError> {
        let row = self
            .conn
            .query_row(
                "SELECT synced_through, last_run_at, last_result, last_batch_id
                   FROM sync_state WHERE provider = ?1 AND endpoint = ?2",
                params![provider.as_str(), endpoint],
                |r| {
                    Ok(SyncStateRow {
                        synced_through: r.get::<_, Option<i64>>(0)?.and_then(date_from_int),
                        last_run_at: r.get(1)?,
                        last_result: r.get(2)?,
                        last_batch_id: r.get(3)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// The last day one endpoint was synced through.
    pub(crate) fn synced_through(
        &self,
        provider: Provider,
        endpoint: &str,
    ) -> Result<Option<NaiveDate>, LedgerError> {
        let v: Option<Option<i64>> = self
            .conn
            .query_row(
                "SELECT synced_through FROM sync_state WHERE provider = ?1 AND endpoint = ?2",
                params![provider.as_str(), endpoint],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.flatten().and_then(date_from_int))
    }

    /// Records a run that ended with `result` (`ok`, `failed`,
    /// `cancelled`); `through` only ever moves forward.
    pub(crate) fn record_sync_run(
        &self,
        provider: Provider,
        endpoint: &str,
        result: &str,
        through: Option<NaiveDate>,
        batch_id: Option<i64>,
    ) -> Result<(), LedgerError> {
        self.conn.execute(
            "INSERT INTO sync_state (provider, endpoint, synced_through, last_run_at, last_result,
                                     last_batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (provider, endpoint) DO UPDATE SET
                 synced_through = max(coalesce(synced_through, excluded.synced_through),
                                      coalesce(excluded.synced_through, synced_through)),
                 last_run_at = excluded.last_run_at,
                 last_result = excluded.last_result,
                 last_batch_id = coalesce(excluded.last_batch_id, last_batch_id)",
            params![
                provider.as_str(),
                endpoint,
                through.map(date_to_int),
                crate::clock::now_utc_text(),
                result,
                batch_id
            ],
        )?;
        Ok(())
    }
}

/// Sends an endpoint's position back to `to.from` (never forward). Runs
/// inside the undo's transaction.
pub(super) fn rewind(conn: &rusqlite::Connection, to: SyncRewind) -> Result<(), LedgerError> {
    conn.execute(
        "UPDATE sync_state SET synced_through = ?3
          WHERE provider = ?1 AND endpoint = ?2
            AND (synced_through IS NULL OR synced_through > ?3)",
        params![to.provider.as_str(), to.endpoint, date_to_int(to.from)],
    )?;
    Ok(())
}

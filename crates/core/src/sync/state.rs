//! `sync_state`: the last day each endpoint was synced through, and how the
//! last run ended.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::Endpoint;
use crate::ledger::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::provider::Provider;

/// One endpoint's sync state (`aispend sync --status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncState {
    pub provider: Provider,
    pub endpoint: &'static str,
    /// The last UTC day a successful run fetched.
    pub synced_through: Option<NaiveDate>,
    pub last_run_at: Option<String>,
    /// `ok`, `failed` or `cancelled`; `None` before the first run.
    pub last_result: Option<String>,
    pub last_batch_id: Option<i64>,
}

/// How a run of one endpoint ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunResult {
    Ok,
    Failed,
    Cancelled,
}

pub(crate) fn synced_through(
    ledger: &Ledger,
    endpoint: Endpoint,
) -> Result<Option<NaiveDate>, LedgerError> {
    let v: Option<Option<i64>> = ledger
        .conn
        .query_row(
            "SELECT synced_through FROM sync_state WHERE provider = ?1 AND endpoint = ?2",
            params![endpoint.provider().as_str(), endpoint.id()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.flatten().and_then(date_from_int))
}

/// Records a run; `through` (a success) only ever moves forward.
pub(crate) fn record(
    ledger: &Ledger,
    endpoint: Endpoint,
    result: RunResult,
    through: Option<NaiveDate>,
    batch_id: Option<i64>,
) -> Result<(), LedgerError> {
    let result = match result {
        RunResult::Ok => "ok",
        RunResult::Failed => "failed",
        RunResult::Cancelled => "cancelled",
    };
    ledger.conn.execute(
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
            endpoint.provider().as_str(),
            endpoint.id(),
            through.map(date_to_int),
            crate::clock::now_utc_text(),
            result,
            batch_id
        ],
    )?;
    Ok(())
}

/// After the batch recorded as `file_name` was undone: if it was a sync's
/// batch, its endpoint's position goes back to the batch's first day (never
/// forward), so the next sync fetches the undone days again. Other files are
/// left alone. Runs inside the undo's transaction.
pub(crate) fn rewind_for_undone(
    conn: &rusqlite::Connection,
    file_name: &str,
) -> Result<(), LedgerError> {
    let Some((endpoint, from)) = super::parse_batch_file_name(file_name) else {
        return Ok(());
    };
    conn.execute(
        "UPDATE sync_state SET synced_through = ?3
          WHERE provider = ?1 AND endpoint = ?2
            AND (synced_through IS NULL OR synced_through > ?3)",
        params![
            endpoint.provider().as_str(),
            endpoint.id(),
            date_to_int(from)
        ],
    )?;
    Ok(())
}

/// Every endpoint's state, in a fixed order (those never run included).
pub fn sync_status(ledger: &Ledger) -> Result<Vec<SyncState>, LedgerError> {
    let mut out = Vec::new();
    for endpoint in Endpoint::ALL {
        let row = ledger
            .conn
            .query_row(
                "SELECT synced_through, last_run_at, last_result, last_batch_id
                   FROM sync_state WHERE provider = ?1 AND endpoint = ?2",
                params![endpoint.provider().as_str(), endpoint.id()],
                |r| {
                    Ok((
                        r.get::<_, Option<i64>>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                    ))
                },
            )
            .optional()?;
        out.push(match row {
            Some((through, at, result, batch)) => SyncState {
                provider: endpoint.provider(),
                endpoint: endpoint.id(),
                synced_through: through.and_then(date_from_int),
                last_run_at: Some(at),
                last_result: Some(result),
                last_batch_id: batch,
            },
            None => SyncState {
                provider: endpoint.provider(),
                endpoint: endpoint.id(),
                synced_through: None,
                last_run_at: None,
                last_result: None,
                last_batch_id: None,
            },
        });
    }
    Ok(out)
}

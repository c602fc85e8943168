//! `sync_state`: the last day each endpoint was synced through, and how the
//! last run ended. The table is the ledger's ([`crate::ledger::sync_state`]);
//! this module names the endpoints and what a run's result means.

use chrono::NaiveDate;
use serde::Serialize;

use super::Endpoint;
use crate::ledger::sync_state::SyncRewind;
use crate::ledger::{Ledger, LedgerError};
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

/// How a run of one endpoint ended; the `sync_state.last_result` column
/// holds its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum RunResult {
    Ok,
    Failed,
    Cancelled,
}

impl RunResult {
    /// The stored id: `ok`, `failed`, `cancelled`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunResult::Ok => "ok",
            RunResult::Failed => "failed",
            RunResult::Cancelled => "cancelled",
        }
    }

    /// The result a stored id names, if it names one.
    pub fn from_id(id: &str) -> Option<Self> {
        [RunResult::Ok, RunResult::Failed, RunResult::Cancelled]
            .into_iter()
            .find(|r| r.as_str() == id)
    }
}

pub(crate) fn synced_through(
    ledger: &Ledger,
    endpoint: Endpoint,
) -> Result<Option<NaiveDate>, LedgerError> {
    ledger.synced_through(endpoint.provider(), endpoint.id())
}

/// Records a run; `through` (a success) only ever moves forward.
pub(crate) fn record(
    ledger: &Ledger,
    endpoint: Endpoint,
    result: RunResult,
    through: Option<NaiveDate>,
    batch_id: Option<i64>,
) -> Result<(), LedgerError> {
    ledger.record_sync_run(
        endpoint.provider(),
        endpoint.id(),
        result.as_str(),
        through,
        batch_id,
    )
}

/// Where undoing the batch recorded as `file_name` sends its endpoint back
/// to, if it was a sync's batch (other files: `None`).
pub(crate) fn rewind_for_undone(file_name: &str) -> Option<SyncRewind> {
    let (endpoint, from) = super::parse_batch_file_name(file_name)?;
    Some(SyncRewind {
        provider: endpoint.provider(),
        endpoint: endpoint.id(),
        from,
    })
}

/// Every endpoint's state, in a fixed order (those never run included).
pub fn sync_status(ledger: &Ledger) -> Result<Vec<SyncState>, LedgerError> {
    let mut out = Vec::new();
    for endpoint in Endpoint::ALL {
        let row = ledger.sync_state(endpoint.provider(), endpoint.id())?;
        out.push(SyncState {
            provider: endpoint.provider(),
            endpoint: endpoint.id(),
            synced_through: row.as_ref().and_then(|r| r.synced_through),
            last_run_at: row.as_ref().map(|r| r.last_run_at.clone()),
            last_result: row.as_ref().map(|r| r.last_result.clone()),
            last_batch_id: row.and_then(|r| r.last_batch_id),
        });
    }
    Ok(out)
}

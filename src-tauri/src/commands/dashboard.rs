//! The Dashboard view and the ledger's identity: the overview, the
//! version the UI polls to notice another program's writes, the dashboard.
//!
//! Invariant: read-only.

use aispend_core::app::{Dashboard, LedgerOverview};
use aispend_core::clock::today_local;
use tauri::State;

use crate::AppState;

use super::Res;

#[tauri::command]
pub fn ledger_overview(state: State<'_, AppState>) -> Res<LedgerOverview> {
    state.with_ledger(|l| Ok(l.overview()?))
}

#[tauri::command]
pub fn ledger_version(state: State<'_, AppState>) -> Res<i64> {
    state.with_ledger(|l| Ok(l.external_version()?))
}

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> Res<Dashboard> {
    state.with_ledger(|l| Ok(aispend_core::app::dashboard::dashboard(l, today_local())?))
}

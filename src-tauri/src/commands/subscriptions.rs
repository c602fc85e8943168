//! The Subscriptions view.
//!
//! Invariant: read-only.

use aispend_core::clock::today_local;
use aispend_core::reports::Subscription;
use tauri::State;

use crate::AppState;

use super::Res;

#[tauri::command]
pub fn subscriptions(state: State<'_, AppState>) -> Res<Vec<Subscription>> {
    state.with_ledger(|l| Ok(aispend_core::reports::subscriptions(l, today_local())?))
}

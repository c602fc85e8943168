//! The Transactions view: pages of lines, counts, facets, editing a line
//! and the rules made from it.
//!
//! Invariant: a page is read with the same query the count uses.

use aispend_core::app::txns::TxnEditInput;
use aispend_core::app::txns::TxnJump;
use aispend_core::app::{TxnCursor, TxnFacets, TxnPage, TxnQuery};
use aispend_core::classify::Rule;
use aispend_core::clock::NaiveDate;
use aispend_core::ledger::{RuleChange, TxnRow};
use tauri::{AppHandle, State};

use crate::AppState;

use super::{blocking, Res};

#[tauri::command]
pub fn txn_page(
    state: State<'_, AppState>,
    query: TxnQuery,
    cursor: Option<TxnCursor>,
    limit: u32,
) -> Res<TxnPage> {
    state.with_ledger(|l| Ok(l.txn_page(&query, cursor, limit)?))
}

#[tauri::command]
pub fn txn_seek(
    state: State<'_, AppState>,
    query: TxnQuery,
    position: u64,
) -> Res<Option<TxnCursor>> {
    state.with_ledger(|l| Ok(l.txn_seek(&query, position)?))
}

/// A jump to a date: the position of the newest matching line on or
/// before it (the view scrolls there and pages from that position).
#[tauri::command]
pub fn txn_seek_date(state: State<'_, AppState>, query: TxnQuery, date: NaiveDate) -> Res<TxnJump> {
    state.with_ledger(|l| Ok(l.txn_seek_date(&query, date)?))
}

#[tauri::command]
pub fn txn_count(state: State<'_, AppState>, query: TxnQuery) -> Res<u64> {
    state.with_ledger(|l| Ok(l.txn_count(&query)?))
}

#[tauri::command]
pub fn txn_facets(state: State<'_, AppState>) -> Res<TxnFacets> {
    state.with_ledger(|l| Ok(l.txn_facets()?))
}

#[tauri::command]
pub fn edit_txn(state: State<'_, AppState>, id: i64, edit: TxnEditInput) -> Res<TxnRow> {
    state.with_ledger(|l| Ok(l.edit_transaction(id, &edit.to_edit())?))
}

#[tauri::command]
pub async fn rule_from_txn(app: AppHandle, id: i64) -> Res<RuleChange> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(l.add_rule_from_txn(id)?))
    })
    .await
}

#[tauri::command]
pub fn rules(state: State<'_, AppState>) -> Res<Vec<Rule>> {
    state.with_ledger(|l| Ok(l.rules()?))
}

#[tauri::command]
pub async fn remove_rule(app: AppHandle, id: i64) -> Res<u64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(l.remove_rule(id)?.reclassified))
    })
    .await
}

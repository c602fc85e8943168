//! The top-up wizard: cases, their answers, evidence and packs.
//!
//! Invariant: evidence files come from a native dialog or a drop, by token.

use std::path::PathBuf;

use aispend_core::app::cases_view::{
    self, CaseDto, CaseListItem, LedgerRowRef, LinkCandidates, PackExported, PackPreview, RowKind,
};
use aispend_core::cases::{CaseStatus, LocalZone};

use aispend_core::clock::now_utc;
use tauri::{AppHandle, State};

use aispend_core::i18n::Lang;
use aispend_core::msg;

use crate::dialogs;

use crate::AppState;

use super::{blocking, Res};

/// Every case, newest first.
#[tauri::command]
pub fn case_list(state: State<'_, AppState>) -> Res<Vec<CaseListItem>> {
    state.with_ledger(|l| cases_view::case_list(l))
}

/// The card lines a new case can be about (API top-ups, newest first).
#[tauri::command]
pub fn case_candidates(state: State<'_, AppState>) -> Res<Vec<LedgerRowRef>> {
    state.with_ledger(|l| cases_view::case_candidates(l))
}

#[tauri::command]
pub async fn case_new(app: AppHandle, txn_id: Option<i64>) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        let now = now_utc();
        s.with_ledger(|l| cases_view::case_new(l, txn_id, LocalZone::system(now), now))
    })
    .await
}

#[tauri::command]
pub async fn case_open(app: AppHandle, id: i64) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_open(l, id, now_utc()))
    })
    .await
}

#[tauri::command]
pub async fn case_answer(app: AppHandle, id: i64, fact: String, value: String) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_answer(l, id, &fact, &value, now_utc()))
    })
    .await
}

/// Adds a note to the case.
#[tauri::command]
pub async fn case_note(app: AppHandle, id: i64, text: String) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_note(l, id, &text, now_utc()))
    })
    .await
}

/// Closes (`closed`) or reopens (`open`) the case.
#[tauri::command]
pub async fn case_set_status(app: AppHandle, id: i64, status: CaseStatus) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_set_status(l, id, status, now_utc()))
    })
    .await
}

/// The rows the "link a row" picker offers.
#[tauri::command]
pub fn case_link_candidates(state: State<'_, AppState>, id: i64) -> Res<LinkCandidates> {
    state.with_ledger(|l| cases_view::case_link_candidates(l, id))
}

/// Links a card line (`txn`) or a payment record (`payment`) to the case.
#[tauri::command]
pub async fn case_link(app: AppHandle, id: i64, kind: RowKind, row: i64) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_link(l, id, kind, row, now_utc()))
    })
    .await
}

/// Removes a link; the case's history keeps it.
#[tauri::command]
pub async fn case_unlink(app: AppHandle, id: i64, kind: RowKind, row: i64) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_unlink(l, id, kind, row, now_utc()))
    })
    .await
}

/// Attaches evidence the user picks in a dialog; `None` when they cancel.
#[tauri::command]
pub async fn case_add_files(app: AppHandle, id: i64, lang: Lang) -> Res<Option<CaseDto>> {
    blocking(app, move |app, s| {
        let chosen = dialogs::pick_files(
            app,
            lang,
            dialogs::Open {
                title: msg!("dialog-evidence-title"),
                kinds: msg!("dialog-evidence-kinds"),
                extensions: aispend_core::cases::EVIDENCE_EXTENSIONS,
            },
        );
        if chosen.is_empty() {
            return Ok(None);
        }
        s.with_ledger(|l| cases_view::case_attach(l, id, &chosen, now_utc()).map(Some))
    })
    .await
}

/// Attaches files dropped on the window (by their tokens).
#[tauri::command]
pub async fn case_attach(app: AppHandle, id: i64, tokens: Vec<String>) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        let chosen = tokens
            .iter()
            .map(|t| s.files.resolve(t).map(|(_, p)| p))
            .collect::<Res<Vec<PathBuf>>>()?;
        s.with_ledger(|l| cases_view::case_attach(l, id, &chosen, now_utc()))
    })
    .await
}

/// An image attachment as a `data:` URL (allowed by the CSP's img-src only).
#[tauri::command]
pub async fn case_thumbnail(app: AppHandle, id: i64, attachment_id: i64) -> Res<Option<String>> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_thumbnail(l, id, attachment_id))
    })
    .await
}

#[tauri::command]
pub async fn case_pack_preview(app: AppHandle, id: i64, lang: Lang) -> Res<PackPreview> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_pack_preview(l, id, lang, now_utc()))
    })
    .await
}

/// Writes the evidence pack where the user chooses; `None` when they cancel.
#[tauri::command]
pub async fn case_export(app: AppHandle, id: i64, lang: Lang) -> Res<Option<PackExported>> {
    blocking(app, move |app, s| {
        let target = dialogs::save_file(
            app,
            lang,
            dialogs::Save {
                title: msg!("dialog-pack-title"),
                kinds: msg!("dialog-pack-kinds"),
                extensions: &["zip"],
                file_name: format!("aispend-case-{id}.zip"),
            },
        );
        let Some(target) = target else {
            return Ok(None);
        };
        s.with_ledger(|l| cases_view::case_export(l, id, &target, lang, now_utc()).map(Some))
    })
    .await
}

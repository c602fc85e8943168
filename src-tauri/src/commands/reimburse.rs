//! The Reimburse view: tags, the report preview and export, marks.
//!
//! Invariant: an export is written only where the user chose in a dialog.

use aispend_core::app::reimburse_view::{
    self, ExportKind, MarkResult, ReimburseExport, ReimbursePreview, ReimburseRequest,
    ReimburseTags, ReportParties, TagResult, TagTarget,
};
use aispend_core::clock::{now_utc, today_local, NaiveDate};
use aispend_core::i18n::Lang;
use aispend_core::msg;
use tauri::AppHandle;

use crate::dialogs;

use super::{blocking, Res};

/// The clients and projects the ledger's tags name.
#[tauri::command]
pub async fn reimburse_tags(app: AppHandle) -> Res<ReimburseTags> {
    blocking(app, |_, s| {
        s.with_ledger(|l| Ok(reimburse_view::reimburse_tags(l)?))
    })
    .await
}

/// Adds (or removes) one tag on the chosen lines, or on every line a query matches.
#[tauri::command]
pub async fn tag_lines(
    app: AppHandle,
    target: TagTarget,
    tag: String,
    remove: bool,
) -> Res<TagResult> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(reimburse_view::tag_lines(l, &target, &tag, remove)?))
    })
    .await
}

#[tauri::command]
pub async fn reimburse_preview(app: AppHandle, request: ReimburseRequest) -> Res<ReimbursePreview> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(reimburse_view::reimburse_preview(l, &request, now_utc())?))
    })
    .await
}

/// Writes the report as CSV or PDF (with its receipts ZIP beside it), or
/// the receipts ZIP alone, where the user chooses in a save dialog; `None`
/// when they cancel.
#[tauri::command]
pub async fn export_reimbursement(
    app: AppHandle,
    request: ReimburseRequest,
    kind: ExportKind,
    lang: Lang,
) -> Res<Option<ReimburseExport>> {
    blocking(app, move |app, s| {
        let ext = kind.extension();
        let target = dialogs::save_file(
            app,
            lang,
            dialogs::Save {
                title: msg!("dialog-reimbursement-title"),
                kinds: msg!("dialog-reimbursement-kinds", format = ext.to_uppercase()),
                extensions: &[ext],
                file_name: request.suggested_name(kind),
            },
        );
        let Some(target) = target else {
            return Ok(None);
        };
        s.with_ledger(|l| {
            Ok(Some(reimburse_view::reimburse_export(
                l,
                &request,
                kind,
                &target,
                now_utc(),
                lang,
            )?))
        })
    })
    .await
}

/// Marks the client's unmarked lines in the period reimbursed (on `on`,
/// default today); the result's ids undo it.
#[tauri::command]
pub async fn mark_reimbursed(
    app: AppHandle,
    client: String,
    from: NaiveDate,
    to: NaiveDate,
    on: Option<NaiveDate>,
) -> Res<MarkResult> {
    blocking(app, move |_, s| {
        let on = on.unwrap_or_else(today_local);
        s.with_ledger(|l| Ok(reimburse_view::reimburse_mark(l, &client, from, to, on)?))
    })
    .await
}

#[tauri::command]
pub async fn unmark_reimbursed(app: AppHandle, ids: Vec<i64>) -> Res<u64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(reimburse_view::reimburse_unmark(l, &ids)?))
    })
    .await
}

/// The saved sender, payment note and `client`'s address (Settings).
#[tauri::command]
pub async fn report_parties(app: AppHandle, client: String) -> Res<ReportParties> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(reimburse_view::report_parties(l, &client)?))
    })
    .await
}

/// Saves the Settings form's parties; a bad field saves nothing.
#[tauri::command]
pub async fn save_report_parties(app: AppHandle, parties: ReportParties) -> Res<ReportParties> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(reimburse_view::save_report_parties(l, &parties)?))
    })
    .await
}

//! The Reimburse view: tags, the report preview and export, marks.
//!
//! Invariant: an export is written only where the user chose in a dialog.

use aispend_core::app::reimburse_view::{
    self, ExportKind, MarkResult, ReimburseExport, ReimbursePreview, ReimburseRequest,
    ReimburseTags, TagResult, TagTarget,
};
use aispend_core::clock::{now_utc, today_local, NaiveDate};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::{blocking, test_dialog, Res};

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
) -> Res<Option<ReimburseExport>> {
    blocking(app, move |app, s| {
        let ext = kind.extension();
        let target = match test_dialog("AISPEND_TEST_SAVE_FILE") {
            // Several paths: the first with this kind's extension.
            Some(p) => p
                .iter()
                .find(|p| p.extension().is_some_and(|e| e == ext))
                .or(p.first())
                .cloned(),
            None => app
                .dialog()
                .file()
                .set_title("Save the reimbursement report")
                .set_file_name(request.suggested_name(kind))
                .add_filter(ext.to_uppercase(), &[ext])
                .blocking_save_file()
                .and_then(|f| f.into_path().ok()),
        };
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

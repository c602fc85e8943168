//! The line detail panel: one line with everything the ledger knows of it,
//! and its receipts (attach by dialog or drop, see, open, remove).
//!
//! Invariant: the webview never sees a path; files come by token, and a
//! receipt is opened by the shell after the core checked its hash.

use std::path::PathBuf;

use aispend_core::app::line_detail::{self, LineDetail};
use aispend_core::i18n::Lang;
use aispend_core::msg;
use tauri::{AppHandle, State};

use crate::dialogs;

use aispend_core::app::{ErrorCode, ErrorDto};

use crate::AppState;

use super::{blocking, test_dialog, Res};

#[tauri::command]
pub fn line_detail(state: State<'_, AppState>, id: i64) -> Res<LineDetail> {
    state.with_ledger(|l| line_detail::line_detail(l, id))
}

/// Receipts the user picks in a dialog; `None` when they cancel.
#[tauri::command]
pub async fn line_add_receipts(app: AppHandle, id: i64, lang: Lang) -> Res<Option<LineDetail>> {
    blocking(app, move |app, s| {
        let chosen = dialogs::pick_files(
            app,
            lang,
            dialogs::Open {
                title: msg!("dialog-receipts-title"),
                kinds: msg!("dialog-receipts-kinds"),
                extensions: aispend_core::cases::RECEIPT_EXTENSIONS,
            },
        );
        if chosen.is_empty() {
            return Ok(None);
        }
        s.with_ledger(|l| line_detail::line_attach_receipts(l, id, &chosen).map(Some))
    })
    .await
}

/// Receipts dropped on the line (by their tokens).
#[tauri::command]
pub async fn line_attach_receipts(app: AppHandle, id: i64, tokens: Vec<String>) -> Res<LineDetail> {
    blocking(app, move |_, s| {
        let chosen = tokens
            .iter()
            .map(|t| s.files.resolve(t).map(|(_, p)| p))
            .collect::<Res<Vec<PathBuf>>>()?;
        s.with_ledger(|l| line_detail::line_attach_receipts(l, id, &chosen))
    })
    .await
}

#[tauri::command]
pub async fn line_remove_receipt(app: AppHandle, id: i64, receipt_id: i64) -> Res<LineDetail> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| line_detail::line_remove_receipt(l, id, receipt_id))
    })
    .await
}

/// An image receipt as a `data:` URL (allowed by the CSP's img-src only).
#[tauri::command]
pub async fn receipt_thumbnail(app: AppHandle, id: i64, receipt_id: i64) -> Res<Option<String>> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| line_detail::receipt_thumbnail(l, id, receipt_id))
    })
    .await
}

/// Opens a receipt's stored copy with the system's viewer. A test run
/// (debug builds) names a file in `AISPEND_TEST_OPENED` and the path is
/// appended to it instead.
#[tauri::command]
pub async fn receipt_open(app: AppHandle, id: i64, receipt_id: i64) -> Res<()> {
    blocking(app, move |_, s| {
        let path = s.with_ledger(|l| line_detail::receipt_file(l, id, receipt_id))?;
        if let Some(log) = test_dialog("AISPEND_TEST_OPENED").and_then(|p| p.into_iter().next()) {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .map_err(|e| internal(format!("test log: {e}")))?;
            writeln!(f, "{}", path.display()).map_err(|e| internal(format!("test log: {e}")))?;
            return Ok(());
        }
        open::that_detached(&path)
            .map_err(|e| internal(format!("could not open {}: {e}", path.display())))
    })
    .await
}

fn internal(message: String) -> ErrorDto {
    ErrorDto {
        code: ErrorCode::Internal,
        message,
    }
}

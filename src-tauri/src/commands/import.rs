//! The Import view: choosing files, previewing, importing, undoing.
//!
//! Invariant: files reach the core by token, never by a path from the webview.

use aispend_core::app::import_view::{
    import_picked, preview_file, FileImported, FilePreview, ImportOptionsInput, PickedFile,
};
use aispend_core::app::mapping::{ColumnMapping, MappingCheck};
use aispend_core::ledger::BatchInfo;
use tauri::{AppHandle, Emitter, State};

use aispend_core::i18n::Lang;
use aispend_core::msg;

use crate::dialogs;

use crate::AppState;

use super::{blocking, Res};

#[tauri::command]
pub async fn pick_import_files(app: AppHandle, lang: Lang) -> Res<Vec<PickedFile>> {
    blocking(app, move |app, s| {
        let paths = dialogs::pick_files(
            app,
            lang,
            dialogs::Open {
                title: msg!("dialog-import-title"),
                kinds: msg!("dialog-import-kinds"),
                extensions: aispend_core::import::FILE_EXTENSIONS,
            },
        );
        Ok(s.files.register(paths))
    })
    .await
}

#[tauri::command]
pub async fn import_preview(
    app: AppHandle,
    tokens: Vec<String>,
    options: ImportOptionsInput,
) -> Res<Vec<FilePreview>> {
    blocking(app, move |_, s| {
        tokens
            .iter()
            .map(|t| {
                let (picked, path) = s.files.resolve(t)?;
                s.with_ledger(|l| Ok(preview_file(l, &picked, &path, &options)?))
            })
            .collect()
    })
    .await
}

/// Whether a column mapping can be used, and what it still lacks: the
/// core's one check, which the importer applies too.
#[tauri::command]
pub fn mapping_check(mapping: ColumnMapping) -> MappingCheck {
    mapping.check()
}

/// Imports each file as its own batch; a file that fails is reported and
/// leaves the ledger as it was, the others go ahead.
#[tauri::command]
pub async fn import_commit(
    app: AppHandle,
    tokens: Vec<String>,
    options: ImportOptionsInput,
) -> Res<Vec<FileImported>> {
    blocking(app, move |app, s| {
        let mut out = Vec::new();
        for t in &tokens {
            let (picked, path) = s.files.resolve(t)?;
            let done = s.with_ledger(|l| {
                Ok(import_picked(l, &picked, &path, &options, &mut |p| {
                    let _ = app.emit("import-progress", p);
                }))
            })?;
            out.push(done);
        }
        Ok(out)
    })
    .await
}

#[tauri::command]
pub fn imports(state: State<'_, AppState>) -> Res<Vec<BatchInfo>> {
    state.with_ledger(|l| Ok(aispend_core::batches::history(l)?))
}

#[tauri::command]
pub async fn undo_import(app: AppHandle, batch_id: i64) -> Res<u64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(aispend_core::batches::undo(l, batch_id)?))
    })
    .await
}

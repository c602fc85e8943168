//! The commands the UI may call. Each is a one-line adapter to the core; the
//! ACL (`build.rs`, `capabilities/`) decides which window may call which.
//! Errors cross to the UI as `{ code, message }`, the message saying what to
//! do. Long work (previews, imports, the sample, backup and restore) runs on
//! a blocking thread, off the UI's thread; imports report progress as
//! `import-progress` events.
//!
//! No command takes a file path from the webview: files come from a native
//! dialog opened here, or a drop on the window, and the UI holds only their
//! tokens (`files.rs`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aispend_core::app::cases_view::{
    self, CaseDto, CaseListItem, LedgerRowRef, PackExported, PackPreview,
};
use aispend_core::app::recon_view::{self, ReconView};
use aispend_core::app::sync_view::{self, ProviderSync, SyncRun};
use aispend_core::cases::LocalZone;

use aispend_core::sync::Keychain;

use aispend_core::app::import_view::{
    import_picked, preview_file, FileImported, FilePreview, ImportOptionsInput, PickedFile,
};
use aispend_core::app::provider_view::{ProviderQuery, ProviderView};
use aispend_core::app::reimburse_view::{
    ExportKind, MarkResult, ReimburseExport, ReimbursePreview, ReimburseRequest, ReimburseTags,
    TagResult, TagTarget,
};
use aispend_core::app::txns::TxnEditInput;
use aispend_core::app::{
    Dashboard, LedgerOverview, Settings, TxnCursor, TxnFacets, TxnPage, TxnQuery,
};
use aispend_core::classify::Rule;
use aispend_core::clock::{now_utc, today_local, NaiveDate};
use aispend_core::ledger::{BatchInfo, RuleChange, TxnRow};
use aispend_core::reports::Subscription;
use aispend_core::Ledger;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::{AppState, CommandError};

type Res<T> = Result<T, CommandError>;

/// Runs `f` with the ledger on a blocking thread.
async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &AppState) -> Res<T> + Send + 'static,
) -> Res<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        f(&app, &state)
    })
    .await
    .map_err(|e| CommandError {
        code: "internal".into(),
        message: format!("the work stopped unexpectedly ({e}); try again"),
    })?
}

/// Paths a test run hands the dialogs instead of showing them (debug
/// builds only; the end-to-end tests cannot click a native dialog).
fn test_dialog(var: &str) -> Option<Vec<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let v = std::env::var_os(var)?;
    Some(std::env::split_paths(&v).collect())
}

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
    state.with_ledger(|l| Ok(l.dashboard(today_local())?))
}

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
    state.with_ledger(|l| Ok(l.edit_transaction(id, &edit.into())?))
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

#[tauri::command]
pub fn subscriptions(state: State<'_, AppState>) -> Res<Vec<Subscription>> {
    state.with_ledger(|l| Ok(l.subscriptions(today_local())?))
}

#[tauri::command]
pub async fn pick_import_files(app: AppHandle) -> Res<Vec<PickedFile>> {
    blocking(app, |app, s| {
        let paths = match test_dialog("AISPEND_TEST_PICK_FILES") {
            Some(p) => p,
            None => app
                .dialog()
                .file()
                .set_title("Choose statements and exports to import")
                .add_filter(
                    "Statements and exports",
                    &[
                        "csv", "tsv", "txt", "ofx", "qfx", "qif", "xml", "json", "jsonl", "xlsx",
                    ],
                )
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| f.into_path().ok())
                .collect(),
        };
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
    state.with_ledger(|l| Ok(l.batches()?))
}

#[tauri::command]
pub async fn undo_import(app: AppHandle, batch_id: i64) -> Res<u64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(l.undo_batch(batch_id)?))
    })
    .await
}

#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> Res<Settings> {
    state.with_ledger(|l| Ok(l.settings()?))
}

#[tauri::command]
pub fn set_currency(state: State<'_, AppState>, code: Option<String>) -> Res<Settings> {
    state.with_ledger(|l| {
        l.set_display_currency(code.as_deref())?;
        Ok(l.settings()?)
    })
}

/// Writes a backup where the user chooses; `None` when they cancel.
#[tauri::command]
pub async fn backup_ledger(app: AppHandle) -> Res<Option<String>> {
    blocking(app, |app, s| {
        let name = format!("aispend-backup-{}.sqlite", today_local());
        let target = match test_dialog("AISPEND_TEST_SAVE_FILE") {
            Some(p) => p.into_iter().next(),
            None => app
                .dialog()
                .file()
                .set_title("Back up the ledger")
                .set_file_name(&name)
                .add_filter("SQLite ledger", &["sqlite"])
                .blocking_save_file()
                .and_then(|f| f.into_path().ok()),
        };
        let Some(target) = target else {
            return Ok(None);
        };
        s.with_ledger(|l| Ok(l.backup_to(&target)?))?;
        Ok(Some(target.display().to_string()))
    })
    .await
}

/// Replaces the ledger with a backup the user chooses; `None` when they
/// cancel. The replaced content is kept beside the ledger.
#[tauri::command]
pub async fn restore_ledger(app: AppHandle) -> Res<Option<LedgerOverview>> {
    blocking(app, |app, s| {
        let from = match test_dialog("AISPEND_TEST_PICK_FILES") {
            Some(p) => p.into_iter().next(),
            None => app
                .dialog()
                .file()
                .set_title("Restore the ledger from a backup")
                .add_filter("SQLite ledger", &["sqlite", "db"])
                .blocking_pick_file()
                .and_then(|f| f.into_path().ok()),
        };
        let Some(from) = from else {
            return Ok(None);
        };
        s.with_ledger(|l| {
            l.restore_from(&from)?;
            Ok(Some(l.overview()?))
        })
    })
    .await
}

#[tauri::command]
pub async fn load_sample(app: AppHandle) -> Res<LedgerOverview> {
    blocking(app, |_, s| {
        s.with_ledger(|l| {
            l.load_sample(today_local())?;
            Ok(l.overview()?)
        })
    })
    .await
}

#[tauri::command]
pub async fn remove_sample(app: AppHandle) -> Res<LedgerOverview> {
    blocking(app, |_, s| {
        s.with_ledger(|l| {
            l.remove_sample()?;
            Ok(l.overview()?)
        })
    })
    .await
}

/// Each provider's key status (never the key) and sync state.
#[tauri::command]
pub async fn sync_status(app: AppHandle) -> Res<Vec<ProviderSync>> {
    blocking(app, |_, s| {
        s.with_ledger(|l| sync_view::sync_overview(l, &Keychain::os()))
    })
    .await
}

/// Stores an Admin key in the OS keychain. The key arrives here once, from
/// the Settings field, and goes straight into the keychain.
#[tauri::command]
pub async fn set_provider_key(app: AppHandle, provider: String, key: String) -> Res<()> {
    blocking(app, move |_, _| {
        sync_view::store_key(&Keychain::os(), &provider, key)
    })
    .await
}

#[tauri::command]
pub async fn remove_provider_key(app: AppHandle, provider: String) -> Res<bool> {
    blocking(app, move |_, _| {
        sync_view::remove_key(&Keychain::os(), &provider)
    })
    .await
}

/// Syncs one provider (or every provider with a key), sending
/// `sync-progress` events; `cancel_sync` stops it at the next request.
#[tauri::command]
pub async fn sync_now(app: AppHandle, provider: Option<String>) -> Res<SyncRun> {
    blocking(app, move |app, s| {
        let cancel = Arc::new(AtomicBool::new(false));
        *s.sync_cancel.lock().map_err(|_| crate::poisoned())? = Some(Arc::clone(&cancel));
        let base_urls = (
            std::env::var("AISPEND_OPENAI_BASE_URL").ok(),
            std::env::var("AISPEND_ANTHROPIC_BASE_URL").ok(),
        );
        let sync = |l: &mut Ledger| {
            sync_view::run_sync(
                l,
                &Keychain::os(),
                provider.as_deref(),
                chrono_today_utc(),
                base_urls,
                cancel,
                &mut |p| {
                    let _ = app.emit("sync-progress", p);
                },
            )
        };
        // A sync spends most of its time waiting on the network: it runs on
        // its own connection to the ledger file, so the other views keep
        // answering meanwhile (SQLite serialises the writes). A ledger
        // without a file (none here but tests) is synced under the lock.
        let path = s.with_ledger(|l| Ok(l.path().map(Path::to_path_buf)))?;
        let run = match path {
            Some(path) => {
                let mut own = Ledger::open(&path).map_err(CommandError::from)?;
                Ok(sync(&mut own))
            }
            None => s.with_ledger(|l| Ok(sync(l))),
        };
        *s.sync_cancel.lock().map_err(|_| crate::poisoned())? = None;
        run
    })
    .await
}

/// Asks the running sync to stop; `false` when none runs.
#[tauri::command]
pub fn cancel_sync(state: State<'_, AppState>) -> Res<bool> {
    let guard = state.sync_cancel.lock().map_err(|_| crate::poisoned())?;
    Ok(match guard.as_ref() {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    })
}

// -- the top-up wizard and reconciliation (issue #7) ---------------------------

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

/// Attaches evidence the user picks in a dialog; `None` when they cancel.
#[tauri::command]
pub async fn case_add_files(app: AppHandle, id: i64) -> Res<Option<CaseDto>> {
    blocking(app, move |app, s| {
        let chosen = match test_dialog("AISPEND_TEST_PICK_FILES") {
            Some(p) => p,
            None => app
                .dialog()
                .file()
                .set_title("Add screenshots, receipts or statements to the case")
                .add_filter(
                    "Screenshots, receipts, statements",
                    &[
                        "png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "csv", "json", "eml",
                    ],
                )
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| f.into_path().ok())
                .collect(),
        };
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
pub async fn case_pack_preview(app: AppHandle, id: i64) -> Res<PackPreview> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| cases_view::case_pack_preview(l, id, now_utc()))
    })
    .await
}

/// Writes the evidence pack where the user chooses; `None` when they cancel.
#[tauri::command]
pub async fn case_export(app: AppHandle, id: i64) -> Res<Option<PackExported>> {
    blocking(app, move |app, s| {
        let target = match test_dialog("AISPEND_TEST_SAVE_FILE") {
            Some(p) => p.into_iter().next(),
            None => app
                .dialog()
                .file()
                .set_title("Save the evidence pack")
                .set_file_name(format!("aispend-case-{id}.zip"))
                .add_filter("ZIP evidence pack", &["zip"])
                .blocking_save_file()
                .and_then(|f| f.into_path().ok()),
        };
        let Some(target) = target else {
            return Ok(None);
        };
        s.with_ledger(|l| cases_view::case_export(l, id, &target, now_utc()).map(Some))
    })
    .await
}

#[tauri::command]
pub async fn reconciliation(app: AppHandle) -> Res<ReconView> {
    blocking(app, |_, s| {
        s.with_ledger(|l| recon_view::recon_view(l, today_local()))
    })
    .await
}

/// Opens a case prefilled from a reconciliation flag.
#[tauri::command]
pub async fn case_from_flag(app: AppHandle, key: String) -> Res<CaseDto> {
    blocking(app, move |_, s| {
        let now = now_utc();
        s.with_ledger(|l| {
            recon_view::case_from_flag(l, &key, today_local(), LocalZone::system(now), now)
        })
    })
    .await
}

// -- reimbursement and provider views (issue #7) -------------------------------

/// The clients and projects the ledger's tags name.
#[tauri::command]
pub async fn reimburse_tags(app: AppHandle) -> Res<ReimburseTags> {
    blocking(app, |_, s| s.with_ledger(|l| Ok(l.reimburse_tags()?))).await
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
        s.with_ledger(|l| Ok(l.tag_lines(&target, &tag, remove)?))
    })
    .await
}

#[tauri::command]
pub async fn reimburse_preview(app: AppHandle, request: ReimburseRequest) -> Res<ReimbursePreview> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(l.reimburse_preview(&request, now_utc())?))
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
    kind: String,
) -> Res<Option<ReimburseExport>> {
    blocking(app, move |app, s| {
        let kind = ExportKind::parse(&kind)?;
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
            Ok(Some(l.reimburse_export(
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
        s.with_ledger(|l| Ok(l.reimburse_mark(&client, from, to, on)?))
    })
    .await
}

#[tauri::command]
pub async fn unmark_reimbursed(app: AppHandle, ids: Vec<i64>) -> Res<u64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(l.reimburse_unmark(&ids)?))
    })
    .await
}

#[tauri::command]
pub async fn provider_view(app: AppHandle, query: ProviderQuery) -> Res<ProviderView> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(l.provider_view(&query)?))
    })
    .await
}

fn chrono_today_utc() -> aispend_core::clock::NaiveDate {
    aispend_core::clock::today_utc()
}

#[cfg(test)]
mod tests {
    use aispend_core::Ledger;

    use crate::{no_data_dir, AppState, CommandError};

    #[test]
    fn overview_of_a_new_ledger_is_empty() -> Result<(), CommandError> {
        let state = AppState::new(Ledger::open_in_memory().map_err(CommandError::from));
        let overview = state.with_ledger(|l| Ok(l.overview()?))?;
        assert_eq!(overview.transactions, 0);
        assert_eq!(overview.path, ":memory:");
        assert!(overview.schema_version >= 1);
        Ok(())
    }

    #[test]
    fn an_unopened_ledger_reaches_the_ui_as_code_and_message() {
        let state = AppState::new(Err(no_data_dir()));
        let error = state.with_ledger(|l| Ok(l.overview()?)).err();
        let json = error.map(|e| serde_json::to_value(e).ok());
        let json = json.flatten().unwrap_or_default();
        assert_eq!(json["code"], "no-data-dir");
        assert!(json["message"]
            .as_str()
            .unwrap_or("")
            .contains("AISPEND_DB"));
    }
}

//! The Settings view: display currency, backup and restore, the sample.
//!
//! Invariant: a restore keeps the replaced ledger beside the file.

use aispend_core::app::{LedgerOverview, Settings};
use aispend_core::clock::today_local;
use tauri::{AppHandle, State};

use aispend_core::i18n::Lang;
use aispend_core::msg;

use crate::dialogs;

use crate::AppState;

use super::{blocking, Res};

#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> Res<Settings> {
    state.with_ledger(|l| Ok(l.settings()?))
}

#[tauri::command]
pub fn set_currency(state: State<'_, AppState>, code: Option<String>) -> Res<Settings> {
    state.with_ledger(|l| {
        aispend_core::app::settings::set_display_currency(l, code.as_deref())?;
        Ok(l.settings()?)
    })
}

/// Writes a backup where the user chooses; `None` when they cancel.
#[tauri::command]
pub async fn backup_ledger(app: AppHandle, lang: Lang) -> Res<Option<String>> {
    blocking(app, move |app, s| {
        let target = dialogs::save_file(
            app,
            lang,
            dialogs::Save {
                title: msg!("dialog-backup-title"),
                kinds: msg!("dialog-ledger-kinds"),
                extensions: &["sqlite"],
                file_name: format!("aispend-backup-{}.sqlite", today_local()),
            },
        );
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
pub async fn restore_ledger(app: AppHandle, lang: Lang) -> Res<Option<LedgerOverview>> {
    blocking(app, move |app, s| {
        let from = dialogs::pick_file(
            app,
            lang,
            dialogs::Open {
                title: msg!("dialog-restore-title"),
                kinds: msg!("dialog-ledger-kinds"),
                extensions: &["sqlite", "db"],
            },
        );
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
            aispend_core::app::sample::load_sample(l, today_local())?;
            Ok(l.overview()?)
        })
    })
    .await
}

#[tauri::command]
pub async fn remove_sample(app: AppHandle) -> Res<LedgerOverview> {
    blocking(app, |_, s| {
        s.with_ledger(|l| {
            aispend_core::app::sample::remove_sample(l)?;
            Ok(l.overview()?)
        })
    })
    .await
}

//! Provider keys and sync (the Settings view's providers panel).
//!
//! Invariant: a key travels from the UI to the keychain once and never back.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aispend_core::app::sync_view::{self, ProviderSync, SyncRun};

use aispend_core::provider::Provider;
use aispend_core::sync::Keychain;

use aispend_core::Ledger;
use tauri::{AppHandle, Emitter, State};

use crate::{AppState, CommandError};

use super::{blocking, chrono_today_utc, Res};

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
pub async fn set_provider_key(app: AppHandle, provider: Provider, key: String) -> Res<()> {
    blocking(app, move |_, _| {
        sync_view::store_key(&Keychain::os(), provider, key)
    })
    .await
}

#[tauri::command]
pub async fn remove_provider_key(app: AppHandle, provider: Provider) -> Res<bool> {
    blocking(app, move |_, _| {
        sync_view::remove_key(&Keychain::os(), provider)
    })
    .await
}

/// Syncs one provider (or every provider with a key), sending
/// `sync-progress` events; `cancel_sync` stops it at the next request.
#[tauri::command]
pub async fn sync_now(app: AppHandle, provider: Option<Provider>) -> Res<SyncRun> {
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
                provider,
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

//! The Providers view's usage part (issue #20) and the watched agent log
//! folders: the view, the user's consent per folder, a scan now, and the
//! watch that scans the folders the user turned on at start and every few
//! minutes (`AISPEND_WATCH_SECS`, default 300) while the app runs.
//!
//! Invariant: nothing is read from a folder the user did not turn on; the
//! watch writes through its own connection, so the views see its batches
//! as they see the CLI's (the ledger's version changes).

use std::time::Duration;

use aispend_core::app::usage_view::{self, UsageQuery, UsageView, WatchState};
use aispend_core::usage::logs;
use tauri::AppHandle;

use super::{blocking, Res};

/// How often the watch scans, unless `AISPEND_WATCH_SECS` says otherwise.
const WATCH_EVERY: Duration = Duration::from_secs(300);

fn every() -> Duration {
    std::env::var("AISPEND_WATCH_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(WATCH_EVERY, Duration::from_secs)
}

#[tauri::command]
pub async fn usage_view(app: AppHandle, query: UsageQuery) -> Res<UsageView> {
    blocking(app, move |_, s| {
        let folders = logs::this_machines_log_folders();
        s.with_ledger(|l| Ok(usage_view::usage_view(l, &query, &folders)?))
    })
    .await
}

#[tauri::command]
pub async fn set_watched_folder(app: AppHandle, folder: usize, on: bool) -> Res<WatchState> {
    blocking(app, move |_, s| {
        let folders = logs::this_machines_log_folders();
        s.with_ledger(|l| Ok(usage_view::set_watched_at(l, &folders, folder, on)?))
    })
    .await
}

/// Scans the watched folders now; the number of usage records added.
#[tauri::command]
pub async fn scan_watched_now(app: AppHandle) -> Res<u64> {
    blocking(app, move |_, s| {
        let folders = logs::this_machines_log_folders();
        s.with_ledger(|l| {
            let scan = usage_view::scan_watched(l, &folders, logs::this_machine())?;
            Ok(scan.map_or(0, |s| s.added))
        })
    })
    .await
}

/// Starts the watch: a scan at start, then one every [`every`].
pub fn start_watch() {
    let period = every();
    std::thread::spawn(move || loop {
        if let Ok(mut ledger) = crate::open_ledger() {
            let folders = logs::this_machines_log_folders();
            // A failed scan is tried again at the next tick.
            let _ = usage_view::scan_watched(&mut ledger, &folders, logs::this_machine());
        }
        std::thread::sleep(period);
    });
}

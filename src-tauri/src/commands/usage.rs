//! The Providers view's usage part (issue #20) and the watched agent log
//! folders: the view, the user's consent per folder, a scan now, and the
//! watch that scans the folders the user turned on at start and every few
//! minutes (`AISPEND_WATCH_SECS`, default 300) while the app runs.
//!
//! Invariant: nothing is read from a folder the user did not turn on. A
//! scan reads and parses the logs through a connection of its own (the
//! views stay free meanwhile), then writes its batch through the app's
//! connection: the ledger's version, which the UI polls to notice *another
//! program's* writes, counts only other connections' writes, so the app's
//! own scans never show as one. The watch tells the UI with
//! [`USAGE_SCANNED`] instead, and the views reload without a word.

use std::time::Duration;

use aispend_core::app::usage_view::{self, UsageQuery, UsageView, WatchState};
use aispend_core::usage::logs::{self, LogScan};
use aispend_core::Ledger;
use tauri::{AppHandle, Emitter, Manager};

use super::{blocking, Res};
use crate::{AppState, CommandError};

/// The event the watch sends after a scan that added usage (its payload:
/// the number of records added).
pub const USAGE_SCANNED: &str = "usage-scanned";

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
        let reader = crate::open_ledger()?;
        Ok(scan_once(&reader, s)?.map_or(0, |s| s.added))
    })
    .await
}

/// One scan: read through `reader`, written through the app's connection
/// (`None`: no folder is watched).
fn scan_once(reader: &Ledger, state: &AppState) -> Result<Option<LogScan>, CommandError> {
    let folders = logs::this_machines_log_folders();
    let Some(pending) = usage_view::read_watched(reader, &folders, logs::this_machine())? else {
        return Ok(None);
    };
    state
        .with_ledger(|l| Ok(usage_view::write_watched(l, pending)?))
        .map(Some)
}

/// Starts the watch: a scan at start, then one every [`every`].
pub fn start_watch(app: AppHandle) {
    let period = every();
    std::thread::spawn(move || {
        let mut reader: Option<Ledger> = None;
        loop {
            if reader.is_none() {
                reader = crate::open_ledger().ok();
            }
            if let Some(r) = &reader {
                let state = app.state::<AppState>();
                // A failed scan is tried again at the next tick.
                if let Ok(Some(scan)) = scan_once(r, &state) {
                    if scan.added > 0 {
                        let _ = app.emit(USAGE_SCANNED, scan.added);
                    }
                }
            }
            std::thread::sleep(period);
        }
    });
}

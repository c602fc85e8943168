//! The commands the UI may call, one file per view (mirroring the read
//! models in `aispend_core::app`). Each is a one-line adapter to the core; the
//! ACL (`build.rs`, `capabilities/`) decides which window may call which.
//! Errors cross to the UI as `{ code, message }`, the message saying what to
//! do. Long work (previews, imports, the sample, backup and restore) runs on
//! a blocking thread, off the UI's thread; imports report progress as
//! `import-progress` events.
//!
//! No command takes a file path from the webview: files come from a native
//! dialog opened here, or a drop on the window, and the UI holds only their
//! tokens (`files.rs`).

pub mod alerts;
pub mod cases;
pub mod dashboard;
pub mod import;
pub mod line_detail;
pub mod providers;
pub mod reconcile;
pub mod reimburse;
pub mod settings;
pub mod subscriptions;
pub mod sync;
pub mod txns;
pub mod usage;

use std::path::PathBuf;

use aispend_core::app::ErrorCode;
use tauri::{AppHandle, Manager};

use crate::{AppState, CommandError};

pub(crate) type Res<T> = Result<T, CommandError>;

/// Runs `f` with the ledger on a blocking thread.
pub(crate) async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle, &AppState) -> Res<T> + Send + 'static,
) -> Res<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        f(&app, &state)
    })
    .await
    .map_err(|e| CommandError {
        code: ErrorCode::Internal,
        message: format!("the work stopped unexpectedly ({e}); try again"),
        msg: None,
    })?
}

/// Paths a test run hands the dialogs instead of showing them (debug
/// builds only; the end-to-end tests cannot click a native dialog).
pub(crate) fn test_dialog(var: &str) -> Option<Vec<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let v = std::env::var_os(var)?;
    Some(std::env::split_paths(&v).collect())
}

pub(crate) fn chrono_today_utc() -> aispend_core::clock::NaiveDate {
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

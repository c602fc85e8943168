//! The commands the UI may call. Each is a one-line adapter to the core; the
//! ACL (`build.rs`, `capabilities/`) decides which window may call which.
//! Errors cross to the UI as `{ code, message }`, the message saying what to do.

use aispend_core::{Ledger, LedgerError};
use serde::Serialize;

use crate::AppState;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    /// A stable, machine-readable kind (`ledger`, `newer-ledger`, ...).
    pub code: &'static str,
    /// What went wrong and what to do next, for the user.
    pub message: String,
}

impl CommandError {
    pub(crate) fn poisoned() -> Self {
        Self {
            code: "internal",
            message: "an earlier command failed while using the ledger; restart AI Spend".into(),
        }
    }

    pub(crate) fn no_data_dir() -> Self {
        Self {
            code: "no-data-dir",
            message: format!(
                "this system has no home folder to keep the ledger in; set {} to a file path",
                crate::LEDGER_ENV
            ),
        }
    }
}

impl From<LedgerError> for CommandError {
    fn from(error: LedgerError) -> Self {
        let code = match &error {
            LedgerError::NewerDatabase { .. } => "newer-ledger",
            LedgerError::NotALedger { .. } => "not-a-ledger",
            LedgerError::Open { .. } | LedgerError::CreateDir { .. } => "ledger-open",
            _ => "ledger",
        };
        Self {
            code,
            // With its causes ("could not open the ledger at X: permission
            // denied"), as the CLI prints them.
            message: aispend_core::error_text(&error),
        }
    }
}

/// What the start page shows about the open ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerOverview {
    pub path: String,
    pub transactions: u64,
    pub schema_version: u32,
}

impl LedgerOverview {
    /// Reads the overview from `ledger`.
    pub fn of(ledger: &Ledger) -> Result<Self, CommandError> {
        Ok(Self {
            path: ledger
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| ":memory:".into()),
            transactions: ledger.transaction_count()?,
            schema_version: ledger.schema_version()?,
        })
    }
}

#[tauri::command]
pub fn ledger_overview(state: tauri::State<'_, AppState>) -> Result<LedgerOverview, CommandError> {
    state.with_ledger(LedgerOverview::of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overview_of_a_new_ledger_is_empty() -> Result<(), CommandError> {
        let state = AppState::new(Ledger::open_in_memory().map_err(CommandError::from));
        let overview = state.with_ledger(LedgerOverview::of)?;
        assert_eq!(overview.transactions, 0);
        assert_eq!(overview.path, ":memory:");
        assert!(overview.schema_version >= 1);
        Ok(())
    }

    #[test]
    fn an_unopened_ledger_reaches_the_ui_as_code_and_message() {
        let state = AppState::new(Err(CommandError::no_data_dir()));
        let error = state.with_ledger(LedgerOverview::of).err();
        let json = error.map(|e| serde_json::to_value(e).ok());
        let json = json.flatten().unwrap_or_default();
        assert_eq!(json["code"], "no-data-dir");
        assert!(json["message"]
            .as_str()
            .unwrap_or("")
            .contains("AISPEND_DB"));
    }
}

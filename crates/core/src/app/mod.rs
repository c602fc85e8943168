//! What the desktop app shows (SPEC §8): read models over the ledger for its
//! views (a page of lines, the dashboard, settings), the app's own settings,
//! the removable sample dataset, and the TypeScript bindings of every type
//! the UI receives (`bindings`). The Tauri shell only forwards these.

pub mod bindings;
pub mod cases_view;
pub mod dashboard;
pub mod import_view;
pub mod mapping;
pub mod provider_view;
pub mod recon_view;
pub mod reimburse_view;
pub mod sample;
pub mod settings;
pub mod sync_view;
pub mod txns;

use serde::Serialize;
use ts_rs::TS;

use crate::import::ImportError;
use crate::ledger::LedgerError;
use crate::reports::ReportError;

pub use dashboard::{ClassAmount, Dashboard, Renewal, TrendMonth, VendorAmount};
pub use mapping::MappingNeeded;
pub use settings::{AccountInfo, LedgerOverview, Settings};
pub use txns::{TxnCursor, TxnFacets, TxnPage, TxnQuery};

/// Why an app-level request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(
        "{0:?} is not a currency code; expected three capital letters such as USD, EUR or CNY"
    )]
    BadCurrency(String),
    #[error("{0:?} is not a date; expected YYYY-MM-DD")]
    BadDate(String),
    #[error("the sample data is already loaded; remove it first (Settings, \"Remove sample data\", or `aispend sample remove`)")]
    SampleLoaded,
    #[error("the ledger already has lines; the sample data is only offered for an empty ledger")]
    NotEmpty,
    #[error(transparent)]
    Reimburse(Box<crate::reimburse::ReimburseError>),
    #[error(transparent)]
    Provider(#[from] crate::provider::UnknownProvider),
    #[error("the period is backwards: from {from} is after to {to}")]
    BackwardsPeriod {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    #[error("{0:?} is not an export kind; expected csv, pdf or zip")]
    BadExportKind(String),
    #[error("no lines are chosen; select lines in the list (or use \"all matching\") first")]
    NoLines,
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        AppError::Ledger(LedgerError::Sqlite(e))
    }
}

impl AppError {
    /// True when the request itself was wrong (not the ledger or the disk).
    pub fn is_bad_input(&self) -> bool {
        match self {
            AppError::Ledger(e) => e.is_bad_input(),
            AppError::Import(e) => e.is_bad_input(),
            AppError::Report(_) => true,
            AppError::Reimburse(e) => e.is_bad_input(),
            AppError::Provider(_)
            | AppError::BackwardsPeriod { .. }
            | AppError::BadExportKind(_)
            | AppError::NoLines => true,
            AppError::BadCurrency(_)
            | AppError::BadDate(_)
            | AppError::SampleLoaded
            | AppError::NotEmpty => true,
        }
    }
}

/// An error as the UI receives it: a stable code and a message that says
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "AppError")]
pub struct ErrorDto {
    pub code: String,
    pub message: String,
}

impl From<&LedgerError> for ErrorDto {
    fn from(e: &LedgerError) -> Self {
        let code = match e {
            LedgerError::NewerDatabase { .. } => "newer-ledger",
            LedgerError::NotALedger { .. } => "not-a-ledger",
            LedgerError::Open { .. } | LedgerError::CreateDir { .. } => "ledger-open",
            LedgerError::NotABackup { .. } => "not-a-backup",
            LedgerError::NoSuchBatch(_)
            | LedgerError::NoSuchTxn(_)
            | LedgerError::NoSuchRule(_) => "not-found",
            LedgerError::BatchAlreadyUndone(_) => "already-undone",
            LedgerError::Classify(_) => "bad-rule",
            LedgerError::Backup { .. } => "backup",
            _ => "ledger",
        };
        ErrorDto {
            code: code.into(),
            // With its causes, as the CLI prints them.
            message: crate::error_text(e),
        }
    }
}

impl From<LedgerError> for ErrorDto {
    fn from(e: LedgerError) -> Self {
        ErrorDto::from(&e)
    }
}

impl From<AppError> for ErrorDto {
    fn from(e: AppError) -> Self {
        match &e {
            AppError::Ledger(l) => ErrorDto::from(l),
            AppError::Import(i) => import_view::import_error(i),
            AppError::Report(_) => ErrorDto {
                code: "bad-period".into(),
                message: crate::error_text(&e),
            },
            AppError::BadCurrency(_) => ErrorDto {
                code: "bad-currency".into(),
                message: e.to_string(),
            },
            AppError::BadDate(_) => ErrorDto {
                code: "bad-date".into(),
                message: e.to_string(),
            },
            AppError::SampleLoaded | AppError::NotEmpty => ErrorDto {
                code: "sample".into(),
                message: e.to_string(),
            },
            AppError::Reimburse(r) => match r.as_ref() {
                crate::reimburse::ReimburseError::Ledger(l) => ErrorDto::from(l),
                r => ErrorDto {
                    code: if r.is_bad_input() {
                        "bad-input"
                    } else {
                        "export"
                    }
                    .into(),
                    message: crate::error_text(r),
                },
            },
            AppError::Provider(_)
            | AppError::BackwardsPeriod { .. }
            | AppError::BadExportKind(_)
            | AppError::NoLines => ErrorDto {
                code: "bad-input".into(),
                message: e.to_string(),
            },
        }
    }
}

//! What the desktop app shows (SPEC §8): read models over the ledger for its
//! views (a page of lines, the dashboard, settings), the app's own settings,
//! the removable sample dataset, and the TypeScript bindings of every type
//! the UI receives (`bindings`). The Tauri shell only forwards these.

pub mod alerts_view;
pub mod bindings;
pub mod cases_view;
pub mod dashboard;
pub mod error;
pub mod import_view;
pub mod line_detail;
pub mod mapping;
pub mod provider_view;
pub mod receipts_view;
pub mod recon_view;
pub mod reimburse_view;
pub mod sample;
pub mod settings;
pub mod sync_view;
pub mod txns;
pub mod usage_view;

use crate::import::ImportError;
use crate::ledger::LedgerError;
use crate::reports::ReportError;

pub use dashboard::{ClassAmount, Dashboard, Renewal, TrendMonth, VendorAmount};
pub use error::{describe, exit_status, ErrorCode, ErrorDto, Exit};
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
    #[error(transparent)]
    Usage(#[from] crate::usage::UsageError),
    #[error(transparent)]
    Pricing(#[from] crate::pricing::PricingError),
    /// A request a front end could not make sense of (an argument out of
    /// range, a missing value), as a message of the catalogs that says what
    /// to give instead (rendered in the user's language; its English is the
    /// error's text).
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    Refused(crate::i18n::Msg),
}

impl AppError {
    /// True when the request itself was wrong (not the ledger or the disk):
    /// the [`error`] table's exit status 2.
    pub fn is_bad_input(&self) -> bool {
        error::exit_status(self) == error::Exit::BadInput.status()
    }
}

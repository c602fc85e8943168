//! AI Spend's core: every domain rule lives here (SPEC §1).
//!
//! The front ends (`aispend` CLI, the Tauri shell) only translate between
//! their users and this crate. Nothing here prints, parses command lines or
//! knows about a window.

pub mod ai_provider;
pub mod alerts;
pub mod app;
pub mod batches;
pub mod budgets;
pub mod cases;
pub mod classify;
pub mod clock;
pub mod credits;
pub mod export;
pub mod i18n;
pub mod import;
pub mod ledger;
pub mod library_errors;
pub mod money;
pub mod paths;
pub mod pricing;
pub mod provider;
pub mod reconcile;
pub mod reimburse;
pub mod reports;
pub mod sync;
pub mod topup;
pub mod usage;
pub mod zipguard;

pub use ledger::{Ledger, LedgerError};

/// An error and its causes as one line, `outer: inner: innermost`, for front
/// ends that show a message rather than print a chain.
pub fn error_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

//! AI Spend's core: every domain rule lives here (SPEC §1).
//!
//! The front ends (`aispend` CLI, the Tauri shell) only translate between
//! their users and this crate. Nothing here prints, parses command lines or
//! knows about a window.

pub mod clock;
pub mod import;
pub mod ledger;
pub mod money;
pub mod paths;

pub use ledger::{Ledger, LedgerError};

//! "My top-up didn't arrive": facts in, ranked diagnoses out (SPEC §7.1).
//!
//! - [`Facts`] holds what is known about one missing top-up, each fact with its
//!   [`Source`] (the user, the ledger with its row ids, or the clock for `now`).
//!   [`Facts::from_json_str`] reads the JSON of SPEC §7.1;
//!   [`Facts::set_from_ledger`] adds what the ledger shows.
//! - [`diagnose`] is pure and deterministic: the same facts give the same
//!   [`Diagnosis`], and it never reads the clock (`now` is a fact; front ends
//!   fill it with [`Facts::now_or`]).
//!
//! Confidence is an integer 0–100: how strongly the given facts point at a
//! cause under this module's rules. It is a ranking score, not a calibrated
//! probability; the same facts always give the same numbers.

mod api_error;
mod card;
mod diagnose;
mod facts;
pub mod questions;

pub use api_error::{ApiError, ApiErrorKind, QuotaCode};
pub use card::{bank_status, charge_amount};
pub use diagnose::{
    diagnose, Code, Contact, Diagnosis, DoNot, Evidence, Finding, MissingFact,
    CREDIT_PRESUMED_USED_DAYS, HOLD_RELEASE_TYPICAL_DAYS, NORMAL_UPDATE_MINUTES,
    UPDATE_GIVE_UP_MINUTES,
};
pub use facts::{
    AutoRecharge, BankStatus, CardKind, Conflict, FactName, FactValue, Facts, Known, LedgerFill,
    Origin, PaymentError, PaymentRecord, Provider, Source,
};

/// Why a facts file was refused. Messages name the field, the problem and
/// what was expected; [`TopupError::in_file`] puts the file name in front.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TopupError {
    /// The text is not JSON at all.
    #[error("{line}:{column}: not valid JSON: {message}; expected a JSON object of facts")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not an object.
    #[error(
        "the facts must be a JSON object ({{\"fact\": value, ...}}); expected an object such as {{\"bank_status\": \"pending\"}}"
    )]
    NotAnObject,
    /// One field is wrong. `at` is the line and column of its key, when found.
    #[error("{}field \"{field}\": {problem}; expected {expected}", at.map(|(l, c)| format!("{l}:{c}: ")).unwrap_or_default())]
    Field {
        field: String,
        at: Option<(usize, usize)>,
        problem: String,
        expected: String,
    },
}

impl TopupError {
    /// `FILE:LINE:COL: ...` when the place is known, else `FILE: ...`.
    pub fn in_file(&self, file: &str) -> String {
        let positioned = matches!(
            self,
            TopupError::Json { .. } | TopupError::Field { at: Some(_), .. }
        );
        if positioned {
            format!("{file}:{self}")
        } else {
            format!("{file}: {self}")
        }
    }
}

//! Why a case operation was refused or failed.
//!
//! Invariant: [`CaseError::is_bad_input`] is true exactly for what the user
//! can fix by asking differently (CLI exit code 2); storage and pack-writing
//! failures are not.

use std::path::PathBuf;

use crate::ledger::cases::CaseStoreError;
use crate::ledger::LedgerError;
use crate::topup::TopupError;

/// Why a case operation was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("there is no case {0}; `aispend case list` lists them")]
    NoSuchCase(i64),
    /// An answer that `topup` refused: the field, the problem, what was expected.
    #[error("{0}")]
    Fact(#[from] TopupError),
    #[error("field \"{field}\": {problem}; expected {expected}")]
    Detail {
        field: String,
        problem: String,
        expected: String,
    },
    #[error("case {case} has no linked {what}; `aispend case show {case}` lists its links")]
    NotLinked { case: i64, what: String },
    #[error("{what} is already linked to case {case}")]
    AlreadyLinked { case: i64, what: String },
    #[error("the note is empty; expected the text of the note")]
    EmptyNote,
    #[error("case {0} is closed; reopen it (`aispend case reopen {0}`) to change it")]
    Closed(i64),
    #[error("UTC offset \"{0}\" is not valid; expected +HH:MM or -HH:MM such as +08:00 or -05:00")]
    BadOffset(String),
    #[error("this ledger is in memory; attachments are kept next to a ledger file")]
    NoDataFolder,
    #[error("{path}: cannot read the file: {source}")]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {problem}; expected a JPEG or PNG image that opens in an image viewer")]
    BadImage { path: PathBuf, problem: String },
    #[error("could not write {path}")]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the attachment's stored copy is missing or changed (expected SHA-256 {expected}); attach the file again")]
    AttachmentChanged { path: PathBuf, expected: String },
    #[error(
        "{path}: not an evidence pack: {problem}; expected a ZIP written by `aispend case export`"
    )]
    NotAPack { path: String, problem: String },
    #[error("could not write the evidence pack")]
    Zip(#[from] zip::result::ZipError),
    #[error("the case data is damaged: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The case tables could not be read or written.
    #[error(transparent)]
    Store(#[from] CaseStoreError),
}

impl CaseError {
    /// True when the user asked for something that is not there or gave a
    /// value that is wrong (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            CaseError::NoSuchCase(_)
            | CaseError::Fact(_)
            | CaseError::Detail { .. }
            | CaseError::NotLinked { .. }
            | CaseError::AlreadyLinked { .. }
            | CaseError::EmptyNote
            | CaseError::Closed(_)
            | CaseError::BadOffset(_)
            | CaseError::NoDataFolder
            | CaseError::ReadFile { .. }
            | CaseError::BadImage { .. }
            | CaseError::NotAPack { .. } => true,
            CaseError::Ledger(e) => e.is_bad_input(),
            _ => false,
        }
    }
}

//! The import pipeline every format runs through: read and decode the
//! input (`source`), choose its format (`detect`), hand rows from the
//! format's parser thread to the writer in chunks (`stream`), drop
//! duplicates (`dedupe`), write one batch (`write`), show a dry run's lines
//! (`preview`), leave out bad rows on request (`rejects`), and say what went wrong at which line ([`error`]).
//! [`format`](mod@format) is the contract a format implements ([`format::Format`],
//! [`format::RowSink`]).
//!
//! Invariant: a file lands whole, as one batch in one transaction, or not
//! at all; no format writes to the ledger itself.

pub(crate) mod dedupe;
pub(crate) mod detect;
pub mod error;
pub mod format;
pub mod preview;
pub(crate) mod rejects;
pub(crate) mod source;
pub(crate) mod stream;
pub(crate) mod write;

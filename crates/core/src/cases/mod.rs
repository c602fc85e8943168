//! Top-up cases: one missing top-up, what is known about it, and the
//! evidence pack that goes to support or the bank (SPEC §7.2).
//!
//! A case keeps facts and answers with their times, linked ledger rows
//! (card lines and provider payment records), notes, attachments and every
//! diagnosis run. Nothing is overwritten: a later answer supersedes an
//! earlier one and both stay for the timeline.
//!
//! - Facts reuse [`crate::topup`]: an answer is read by
//!   [`FactValue::parse_answer`](crate::topup::FactValue::parse_answer), with
//!   the facts file's checks and messages. A few case-only details that are
//!   not diagnosis facts (`card_last4`, `receipt_number`, `invoice_number`)
//!   fill the drafted message.
//! - The ledger's view is computed from the links every time (so it follows
//!   an undo and re-import of the statement) and merged with the user's
//!   answers by [`Facts::set_from_ledger`](crate::topup::Facts::set_from_ledger):
//!   the user wins, agreements gain the rows, disagreements are listed.
//!   Changes the links make are also written to the fact history with
//!   source `ledger`.
//! - Every function that records something takes `now` (UTC): the core never
//!   reads the clock here, so tests and exports are reproducible.
//! - [`export`] writes a deterministic, redacted BagIt ZIP (attachment names
//!   redacted too); [`redaction_preview`] lists what it would redact, writing
//!   nothing; [`verify`] checks one, reading the ZIP under
//!   [`crate::zipguard::PACK_LIMITS`].
//!
//! The case tables are read and written only through
//! `crate::ledger::cases`; nothing in this folder writes SQL.
//!
//! | file | job |
//! |---|---|
//! | `error.rs` | [`CaseError`] |
//! | `zone.rs` | [`LocalZone`] and the UTC instants cases store |
//! | `model.rs` | the case's types ([`CaseView`], [`LinkedRow`], ...) |
//! | `store.rs` | open, list, answer, note, diagnose, show |
//! | `links.rs` | linking card lines and payment records |
//! | `facts.rs` | what the links say, case-only details |
//! | `attach.rs` | copying a file into the case, without its metadata |
//! | `message.rs`, `pack/`, `redact.rs` | the drafted message and the evidence pack |

mod attach;
mod error;
mod facts;
mod links;
mod message;
pub(crate) mod model;
mod pack;
pub mod redact;
mod store;
mod zone;

pub use attach::{attach, attachment_dir, media_type_from_name, sha256_hex};

/// What an open dialog offers as evidence for a case: screenshots,
/// receipts, statements, saved API error bodies, receipt e-mails.
pub const EVIDENCE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "csv", "json", "eml",
];

/// What an open dialog offers as a line's receipt.
pub const RECEIPT_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "eml", "html", "txt",
];
#[cfg(test)]
pub(crate) use error::samples as error_samples;
pub use error::CaseError;
pub use links::{link_payment, link_txn, unlink_payment, unlink_txn};
pub use message::{Draft, Langs};
pub(crate) use model::stored_title;
pub use model::{
    Attachment, CaseDetails, CaseStatus, CaseSummary, CaseView, CurrentFact, DiagnosisRecord,
    FactAnswer, Linked, LinkedRow, NewCase, Note,
};
pub use pack::{
    drafted_message, drafted_message_in, export, export_bytes, redaction_preview, verify,
    verify_bytes, ExportOptions, ExportReport, PackFile, PackLangs, PackProblem, RedactionHit,
    VerifyReport,
};
pub use redact::{HitKind, Redaction};
pub use store::{answer, create, create_from_flag, diagnose, list, note, set_status, show};
pub use zone::LocalZone;

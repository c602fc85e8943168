//! The one table of errors every front end shares: each error kind the core
//! can return is given its stable [`ErrorCode`] (what the UI receives, and
//! keys its translated summary by) and its CLI exit status ([`Exit`]).
//!
//! Invariant: a front end never decides on its own which code or exit status
//! an error earns; the CLI's exit status and the UI's `{code, message}` both
//! come from [`describe`].

use std::error::Error;

use serde::Serialize;
use ts_rs::TS;

use super::AppError;
use crate::cases::CaseError;
use crate::export::ExportError;
use crate::i18n::{Lang, Msg};
use crate::import::mapped::MapSpecError;
use crate::import::{ImportError, Problem};
use crate::ledger::LedgerError;
use crate::msg;
use crate::provider::{PaymentError, UnknownProvider};
use crate::reimburse::ReimburseError;
use crate::reports::ReportError;
use crate::sync::{KeyError, SyncError};

/// What kind of failure an error is, as the UI receives it. The UI keeps a
/// translated summary per code (`error.kind.CODE`); the message carries the
/// precise detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    NewerLedger,
    NotALedger,
    LedgerOpen,
    NotABackup,
    NotFound,
    AlreadyUndone,
    BadRule,
    Backup,
    Ledger,
    BadPeriod,
    BadCurrency,
    BadDate,
    Sample,
    UnknownFormat,
    AmbiguousDateOrder,
    BadInput,
    UnreadableFile,
    BadMapping,
    UnknownFile,
    Internal,
    NoDataDir,
    Keychain,
    BadKey,
    NoKey,
    Cancelled,
    SyncRefused,
    Sync,
    BadProvider,
    BadAnswer,
    Link,
    BadFile,
    NoDataFolder,
    AttachmentChanged,
    Write,
    Case,
    Export,
    /// A failure inside the UI itself (never sent by the core).
    Ui,
}

impl ErrorCode {
    /// Every code, in declaration order.
    pub const ALL: [ErrorCode; 37] = [
        ErrorCode::NewerLedger,
        ErrorCode::NotALedger,
        ErrorCode::LedgerOpen,
        ErrorCode::NotABackup,
        ErrorCode::NotFound,
        ErrorCode::AlreadyUndone,
        ErrorCode::BadRule,
        ErrorCode::Backup,
        ErrorCode::Ledger,
        ErrorCode::BadPeriod,
        ErrorCode::BadCurrency,
        ErrorCode::BadDate,
        ErrorCode::Sample,
        ErrorCode::UnknownFormat,
        ErrorCode::AmbiguousDateOrder,
        ErrorCode::BadInput,
        ErrorCode::UnreadableFile,
        ErrorCode::BadMapping,
        ErrorCode::UnknownFile,
        ErrorCode::Internal,
        ErrorCode::NoDataDir,
        ErrorCode::Keychain,
        ErrorCode::BadKey,
        ErrorCode::NoKey,
        ErrorCode::Cancelled,
        ErrorCode::SyncRefused,
        ErrorCode::Sync,
        ErrorCode::BadProvider,
        ErrorCode::BadAnswer,
        ErrorCode::Link,
        ErrorCode::BadFile,
        ErrorCode::NoDataFolder,
        ErrorCode::AttachmentChanged,
        ErrorCode::Write,
        ErrorCode::Case,
        ErrorCode::Export,
        ErrorCode::Ui,
    ];

    /// The code as the UI receives it, e.g. `not-found`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NewerLedger => "newer-ledger",
            ErrorCode::NotALedger => "not-a-ledger",
            ErrorCode::LedgerOpen => "ledger-open",
            ErrorCode::NotABackup => "not-a-backup",
            ErrorCode::NotFound => "not-found",
            ErrorCode::AlreadyUndone => "already-undone",
            ErrorCode::BadRule => "bad-rule",
            ErrorCode::Backup => "backup",
            ErrorCode::Ledger => "ledger",
            ErrorCode::BadPeriod => "bad-period",
            ErrorCode::BadCurrency => "bad-currency",
            ErrorCode::BadDate => "bad-date",
            ErrorCode::Sample => "sample",
            ErrorCode::UnknownFormat => "unknown-format",
            ErrorCode::AmbiguousDateOrder => "ambiguous-date-order",
            ErrorCode::BadInput => "bad-input",
            ErrorCode::UnreadableFile => "unreadable-file",
            ErrorCode::BadMapping => "bad-mapping",
            ErrorCode::UnknownFile => "unknown-file",
            ErrorCode::Internal => "internal",
            ErrorCode::NoDataDir => "no-data-dir",
            ErrorCode::Keychain => "keychain",
            ErrorCode::BadKey => "bad-key",
            ErrorCode::NoKey => "no-key",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::SyncRefused => "sync-refused",
            ErrorCode::Sync => "sync",
            ErrorCode::BadProvider => "bad-provider",
            ErrorCode::BadAnswer => "bad-answer",
            ErrorCode::Link => "link",
            ErrorCode::BadFile => "bad-file",
            ErrorCode::NoDataFolder => "no-data-folder",
            ErrorCode::AttachmentChanged => "attachment-changed",
            ErrorCode::Write => "write",
            ErrorCode::Case => "case",
            ErrorCode::Export => "export",
            ErrorCode::Ui => "ui",
        }
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the CLI exits on an error (SPEC §9): 2 when the request itself was
/// wrong, 1 for a failure of the ledger, the disk or the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Failure = 1,
    BadInput = 2,
}

impl Exit {
    fn from_bad_input(bad: bool) -> Exit {
        if bad {
            Exit::BadInput
        } else {
            Exit::Failure
        }
    }

    /// The process exit status.
    pub fn status(self) -> u8 {
        self as u8
    }
}

/// An error as every front end receives it: a stable code and a message that
/// says what to do (with its causes, as the CLI prints them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "AppError")]
pub struct ErrorDto {
    pub code: ErrorCode,
    pub message: String,
    /// The error as a message of the catalogs, where the core has one for
    /// it: what a front end shows, in the user's language (`message` is
    /// the English text with its causes, for logs).
    pub msg: Option<Msg>,
}

impl ErrorDto {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ErrorDto {
        ErrorDto {
            code,
            message: message.into(),
            msg: None,
        }
    }

    /// The text a user reads in `lang`: the catalog's message, else the
    /// English `message`.
    pub fn text(&self, lang: Lang) -> String {
        match &self.msg {
            Some(m) => m.render(lang),
            None => self.message.clone(),
        }
    }
}

impl<E: Error + 'static> From<E> for ErrorDto {
    fn from(e: E) -> Self {
        describe(&e).1
    }
}

/// The code and exit status of a known error kind; `None` for an error the
/// core does not know (an I/O error of a front end, say).
/// An export or a reimbursement report that failed: the user's input
/// (`bad_input`), else writing it.
fn written(bad_input: bool) -> (ErrorCode, Exit) {
    let code = if bad_input {
        ErrorCode::BadInput
    } else {
        ErrorCode::Export
    };
    (code, Exit::from_bad_input(bad_input))
}

fn kind(e: &(dyn Error + 'static)) -> Option<(ErrorCode, Exit)> {
    use ErrorCode as C;
    if let Some(e) = e.downcast_ref::<AppError>() {
        return Some(match e {
            AppError::Ledger(l) => return kind(l),
            AppError::Import(i) => return kind(i),
            AppError::Reimburse(r) => return kind(r.as_ref()),
            AppError::Report(_) => (C::BadPeriod, Exit::BadInput),
            AppError::BadCurrency(_) => (C::BadCurrency, Exit::BadInput),
            AppError::BadDate(_) => (C::BadDate, Exit::BadInput),
            AppError::SampleLoaded | AppError::NotEmpty => (C::Sample, Exit::BadInput),
            AppError::Provider(_)
            | AppError::BackwardsPeriod { .. }
            | AppError::BadExportKind(_)
            | AppError::NoLines
            | AppError::BadInput(_) => (C::BadInput, Exit::BadInput),
        });
    }
    if let Some(e) = e.downcast_ref::<LedgerError>() {
        let code = match e {
            LedgerError::NewerDatabase { .. } => C::NewerLedger,
            LedgerError::NotALedger { .. } => C::NotALedger,
            LedgerError::Open { .. } | LedgerError::CreateDir { .. } => C::LedgerOpen,
            LedgerError::NotABackup { .. } => C::NotABackup,
            LedgerError::NoSuchBatch(_)
            | LedgerError::NoSuchTxn(_)
            | LedgerError::NoSuchRule(_) => C::NotFound,
            LedgerError::BatchAlreadyUndone(_) => C::AlreadyUndone,
            LedgerError::Classify(_) => C::BadRule,
            LedgerError::Backup { .. } => C::Backup,
            _ => C::Ledger,
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<ImportError>() {
        let code = match e {
            ImportError::BadInput(b) => match b.problem {
                Problem::UnknownFormat { .. } => C::UnknownFormat,
                Problem::AmbiguousDateOrder { .. } => C::AmbiguousDateOrder,
                _ => C::BadInput,
            },
            ImportError::Read { .. } => C::UnreadableFile,
            ImportError::Ledger(_) => C::Ledger,
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<MapSpecError>() {
        let _ = e;
        return Some((C::BadMapping, Exit::BadInput));
    }
    if let Some(e) = e.downcast_ref::<ReimburseError>() {
        return match e {
            ReimburseError::Ledger(l) => kind(l),
            _ => Some(written(e.is_bad_input())),
        };
    }
    if let Some(e) = e.downcast_ref::<CaseError>() {
        let code = match e {
            CaseError::NoSuchCase(_) => C::NotFound,
            CaseError::Fact(_) | CaseError::Detail { .. } => C::BadAnswer,
            CaseError::NotLinked { .. } | CaseError::AlreadyLinked { .. } => C::Link,
            CaseError::ReadFile { .. } | CaseError::BadImage { .. } => C::BadFile,
            CaseError::NoDataFolder => C::NoDataFolder,
            CaseError::AttachmentChanged { .. } => C::AttachmentChanged,
            CaseError::WriteFile { .. } | CaseError::Zip(_) => C::Write,
            CaseError::Ledger(l) => return kind(l),
            _ => C::Case,
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if e.downcast_ref::<crate::topup::FactsFileError>().is_some() {
        return Some((C::BadInput, Exit::BadInput));
    }
    if e.downcast_ref::<crate::topup::TopupError>().is_some() {
        return Some((C::BadAnswer, Exit::BadInput));
    }
    if let Some(e) = e.downcast_ref::<ExportError>() {
        return match e {
            ExportError::Ledger(l) => kind(l),
            _ => Some(written(e.is_bad_input())),
        };
    }
    if let Some(e) = e.downcast_ref::<ReportError>() {
        let _ = e;
        return Some((C::BadPeriod, Exit::BadInput));
    }
    if let Some(e) = e.downcast_ref::<KeyError>() {
        let code = match e {
            KeyError::NoKeychain | KeyError::Unavailable { .. } => C::Keychain,
            KeyError::Invalid { .. } | KeyError::StoredInvalid { .. } => C::BadKey,
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<SyncError>() {
        let code = match e {
            SyncError::Key(k) => return kind(k),
            SyncError::NoKey { .. } => C::NoKey,
            SyncError::Cancelled => C::Cancelled,
            _ if e.is_bad_input() => C::SyncRefused,
            _ => C::Sync,
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<PaymentError>() {
        if let PaymentError::Ledger(l) = e {
            return kind(l);
        }
        return Some((C::BadInput, Exit::from_bad_input(e.is_bad_input())));
    }
    if e.downcast_ref::<UnknownProvider>().is_some() {
        return Some((C::BadProvider, Exit::BadInput));
    }
    if let Some(e) = e.downcast_ref::<crate::usage::UsageError>() {
        return match e {
            crate::usage::UsageError::Ledger(l) => kind(l),
            _ => Some((C::BadPeriod, Exit::BadInput)),
        };
    }
    if let Some(crate::usage::logs::ScanError::Ledger(l)) =
        e.downcast_ref::<crate::usage::logs::ScanError>()
    {
        return kind(l);
    }
    if e.downcast_ref::<crate::pricing::PricingError>().is_some() {
        return Some((C::BadInput, Exit::BadInput));
    }
    if let Some(e) = e.downcast_ref::<crate::credits::CreditsError>() {
        use crate::credits::CreditsError as E;
        let code = match e {
            E::BadAmount(_) => C::BadInput,
            E::BadDate(_) => C::BadDate,
            E::Ledger(l) => return kind(l),
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<crate::budgets::BudgetError>() {
        use crate::budgets::BudgetError as E;
        let code = match e {
            E::BadBudget(_) => C::BadInput,
            E::UnknownProvider(_) => C::BadProvider,
            E::NoSuchBudget(_) => C::NotFound,
            E::Ledger(l) => return kind(l),
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<crate::alerts::AlertError>() {
        use crate::alerts::AlertError as E;
        let code = match e {
            E::NoSuchAlert(_) => C::NotFound,
            E::BadInput(_) | E::Form(_) => C::BadInput,
            E::Credits(c) => return kind(c),
            E::Budget(b) => return kind(b),
            E::Ledger(l) => return kind(l),
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    None
}

/// The one table: an error's code and message for the UI, and the exit
/// status the CLI ends with. The first error in the chain the table knows
/// decides (a front end's context wrapper does not hide it); an unknown one
/// is an internal failure, exit status 1.
pub fn describe(e: &(dyn Error + 'static)) -> (Exit, ErrorDto) {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some((code, exit)) = kind(err) {
            let mut dto = ErrorDto::new(code, crate::error_text(err));
            dto.msg = user_msg(err);
            return (exit, dto);
        }
        cur = err.source();
    }
    (
        Exit::Failure,
        ErrorDto::new(ErrorCode::Internal, crate::error_text(e)),
    )
}

/// The message of the catalogs for a known error, where the core has one:
/// the first in the chain that has one, so a wrapper with nothing to add
/// shows its cause.
fn user_msg(e: &(dyn Error + 'static)) -> Option<Msg> {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(m) = own_msg(err) {
            return Some(m);
        }
        cur = err.source();
    }
    None
}

fn own_msg(e: &(dyn Error + 'static)) -> Option<Msg> {
    if let Some(e) = e.downcast_ref::<ImportError>() {
        return match e {
            ImportError::Ledger(l) => ledger_msg(l),
            _ => e.msg(),
        };
    }
    if let Some(e) = e.downcast_ref::<LedgerError>() {
        return ledger_msg(e);
    }
    if let Some(e) = e.downcast_ref::<AppError>() {
        return app_msg(e);
    }
    if let Some(e) = e.downcast_ref::<ReportError>() {
        return report_msg(e);
    }
    if let Some(crate::alerts::AlertError::Form(m)) = e.downcast_ref::<crate::alerts::AlertError>()
    {
        return Some(m.clone());
    }
    if let Some(e) = e.downcast_ref::<MapSpecError>() {
        return Some(map_msg(e));
    }
    if let Some(e) = e.downcast_ref::<SyncError>() {
        return match e {
            SyncError::Ledger(l) => ledger_msg(l),
            _ => crate::sync::messages::sync_msg(e),
        };
    }
    if let Some(e) = e.downcast_ref::<KeyError>() {
        return Some(crate::sync::messages::key_msg(e));
    }
    if let Some(e) = e.downcast_ref::<CaseError>() {
        return match e {
            CaseError::Ledger(l) => ledger_msg(l),
            _ => e.msg(),
        };
    }
    if let Some(e) = e.downcast_ref::<crate::topup::FactsFileError>() {
        return Some(e.msg());
    }
    if let Some(e) = e.downcast_ref::<crate::topup::TopupError>() {
        return Some(e.msg());
    }
    None
}

fn report_msg(e: &ReportError) -> Option<Msg> {
    Some(match e {
        ReportError::BadMonth(s) => msg!("error-bad-month", found = s.as_str()),
        ReportError::EmptyPeriod { from, to } => msg!(
            "error-empty-period",
            from = from.to_string(),
            to = to.to_string()
        ),
        ReportError::NoSuchSubscription(id) => {
            msg!("error-no-such-subscription", id = id.to_string())
        }
        ReportError::BadSubscription(_) => return None,
    })
}

fn map_msg(e: &MapSpecError) -> Msg {
    match e {
        MapSpecError::NotKeyValue(s) => msg!("error-map-not-key-value", found = s.as_str()),
        MapSpecError::UnknownKey(s) => msg!("error-map-unknown-key", found = s.as_str()),
        MapSpecError::BadValue {
            key,
            value,
            expected,
        } => msg!(
            "error-map-bad-value",
            field = *key,
            found = value.as_str(),
            expected = crate::import::pipeline::error::expected_msg(expected)
        ),
        MapSpecError::Missing(field) => msg!("error-map-missing", field = *field),
    }
}

fn ledger_msg(e: &LedgerError) -> Option<Msg> {
    let path = |p: &std::path::Path| p.display().to_string();
    Some(match e {
        LedgerError::NewerDatabase {
            path: Some(p),
            found,
            supported,
        } => msg!(
            "error-newer-ledger",
            path = path(p),
            found = *found,
            supported = *supported
        ),
        LedgerError::NotALedger { path: p } => msg!("error-not-a-ledger", path = path(p)),
        LedgerError::Open { path: p, source } => msg!(
            "error-ledger-open",
            path = path(p),
            found = source.to_string()
        ),
        LedgerError::NoSuchBatch(id) => msg!("error-no-such-batch", id = id.to_string()),
        LedgerError::BatchAlreadyUndone(id) => {
            msg!("error-batch-already-undone", id = id.to_string())
        }
        LedgerError::NoSuchTxn(id) => msg!("error-no-such-txn", id = id.to_string()),
        LedgerError::NoSuchRule(id) => msg!("error-no-such-rule", id = id.to_string()),
        LedgerError::NoSuchPayment(id) => msg!("error-no-such-payment", id = id.to_string()),
        LedgerError::NoSuchLink(id) => msg!("error-no-such-link", id = id.to_string()),
        LedgerError::NoSuchProfile(name) => msg!("error-no-such-profile", name = name.as_str()),
        _ => return None,
    })
}

fn app_msg(e: &AppError) -> Option<Msg> {
    Some(match e {
        AppError::Ledger(l) => return ledger_msg(l),
        AppError::Import(i) => return own_msg(i),
        AppError::Report(r) => return report_msg(r),
        AppError::BadCurrency(s) => msg!("error-bad-currency", found = s.as_str()),
        AppError::BadDate(s) => msg!("error-bad-date", found = s.as_str()),
        AppError::SampleLoaded => msg!("error-sample-loaded"),
        AppError::NotEmpty => msg!("error-sample-not-empty"),
        AppError::BackwardsPeriod { from, to } => msg!(
            "error-backwards-period",
            from = from.to_string(),
            to = to.to_string()
        ),
        AppError::BadExportKind(s) => msg!("error-bad-export-kind", found = s.as_str()),
        AppError::NoLines => msg!("error-no-lines"),
        _ => return None,
    })
}

/// The CLI exit status for an error (see [`describe`]).
pub fn exit_status(e: &(dyn Error + 'static)) -> u8 {
    describe(e).0.status()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_text() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn the_table_gives_code_and_exit_status() {
        let (exit, dto) = describe(&LedgerError::NoSuchTxn(7));
        assert_eq!((exit, dto.code), (Exit::BadInput, ErrorCode::NotFound));
        let (exit, dto) = describe(&LedgerError::Corrupt("x".into()));
        assert_eq!((exit, dto.code), (Exit::Failure, ErrorCode::Ledger));
        let (exit, dto) = describe(&AppError::NoLines);
        assert_eq!((exit, dto.code), (Exit::BadInput, ErrorCode::BadInput));
    }

    #[test]
    fn a_known_error_carries_its_message_in_every_language() {
        let (_, dto) = describe(&AppError::BadDate("31/02".into()));
        assert_eq!(
            dto.msg.as_ref().map(|m| m.id.as_str()),
            Some("error-bad-date")
        );
        assert_eq!(
            dto.text(Lang::En),
            dto.message,
            "English reads as the log text"
        );
        assert_eq!(
            dto.text(Lang::ZhCn),
            "“31/02”不是日期；应为 YYYY-MM-DD 格式"
        );
        // Through a wrapper that adds nothing (AppError::Ledger is transparent).
        let (_, dto) = describe(&AppError::Ledger(LedgerError::NoSuchTxn(7)));
        assert_eq!(dto.msg.map(|m| m.id), Some("error-no-such-txn".to_owned()));
        // An error the catalogs have no message for shows its English text.
        let (_, dto) = describe(&LedgerError::Corrupt("x".into()));
        assert_eq!(
            (dto.msg.is_none(), dto.text(Lang::ZhCn)),
            (true, dto.message.clone())
        );
    }

    /// One error of every kind a case operation returns. `variant` has no
    /// catch-all arm, so a new variant does not compile until it is added
    /// here, and the test below then checks that it has a message.
    fn case_errors() -> Vec<CaseError> {
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        vec![
            CaseError::NoSuchCase(7),
            CaseError::Fact(crate::topup::TopupError::NotAnObject),
            CaseError::Detail {
                field: "card_last4".into(),
                problem: msg!("case-problem-not-four-digits", found = "42"),
                expected: msg!("case-expect-last4"),
            },
            CaseError::NotLinked {
                case: 2,
                what: "transaction 14".into(),
            },
            CaseError::AlreadyLinked {
                case: 2,
                what: "payment record 3".into(),
            },
            CaseError::EmptyNote,
            CaseError::Closed(4),
            CaseError::BadOffset("+25:00".into()),
            CaseError::NoDataFolder,
            CaseError::ReadFile {
                path: "a.png".into(),
                source: io(),
            },
            CaseError::BadImage {
                path: "a.png".into(),
                problem: msg!("case-image-not-png", detail = "bad header"),
            },
            CaseError::WriteFile {
                path: "b.zip".into(),
                source: io(),
            },
            CaseError::AttachmentChanged {
                path: "c.png".into(),
                expected: "ab12".into(),
            },
            CaseError::NotAPack {
                path: "d.zip".into(),
                problem: msg!("case-pack-no-bagit"),
            },
            CaseError::Zip(zip::result::ZipError::FileNotFound),
            CaseError::Corrupt("x".into()),
            CaseError::Ledger(LedgerError::NoSuchTxn(9)),
            CaseError::Store(crate::ledger::cases::CaseStoreError::from(
                rusqlite::Error::QueryReturnedNoRows,
            )),
        ]
    }

    fn variant(e: &CaseError) -> u8 {
        match e {
            CaseError::NoSuchCase(_) => 0,
            CaseError::Fact(_) => 1,
            CaseError::Detail { .. } => 2,
            CaseError::NotLinked { .. } => 3,
            CaseError::AlreadyLinked { .. } => 4,
            CaseError::EmptyNote => 5,
            CaseError::Closed(_) => 6,
            CaseError::BadOffset(_) => 7,
            CaseError::NoDataFolder => 8,
            CaseError::ReadFile { .. } => 9,
            CaseError::BadImage { .. } => 10,
            CaseError::WriteFile { .. } => 11,
            CaseError::AttachmentChanged { .. } => 12,
            CaseError::NotAPack { .. } => 13,
            CaseError::Zip(_) => 14,
            CaseError::Corrupt(_) => 15,
            CaseError::Ledger(_) => 16,
            CaseError::Store(_) => 17,
        }
    }

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_case_and_answer_error_reaches_the_user_as_a_message() {
        let samples = case_errors();
        let kinds: std::collections::BTreeSet<u8> = samples.iter().map(variant).collect();
        assert_eq!(kinds.len(), 18, "one sample of every variant");
        let answer = crate::topup::TopupError::Field {
            field: "amount".into(),
            at: Some((2, 3)),
            problem: Box::new(msg!("topup-problem-not-a-decimal", found = "\"ten\"")),
            expected: Box::new(msg!("topup-expect-decimal")),
        };
        let file = answer.clone().in_file_error("facts.json");
        let mut errors: Vec<Box<dyn Error + 'static>> = samples
            .into_iter()
            .map(|e| Box::new(e) as Box<dyn Error>)
            .collect();
        errors.push(Box::new(answer));
        errors.push(Box::new(file));
        for e in &errors {
            let (exit, dto) = describe(e.as_ref());
            assert_ne!(dto.code, ErrorCode::Internal, "{e}: not in the table");
            let zh = dto.text(Lang::ZhCn);
            assert!(
                dto.msg.is_some() && has_chinese(&zh),
                "{e}: no message ({zh})"
            );
            if dto.code == ErrorCode::BadAnswer {
                assert_eq!(exit, Exit::BadInput);
            }
        }
    }

    #[test]
    fn a_facts_file_keeps_its_code_and_an_answer_is_a_bad_answer() {
        let e = crate::topup::TopupError::NotAnObject;
        let (exit, dto) = describe(&e.clone().in_file_error("f.json"));
        assert_eq!((exit, dto.code), (Exit::BadInput, ErrorCode::BadInput));
        assert_eq!(dto.message, "f.json: the facts must be a JSON object ({\"fact\": value, ...}); expected an object such as {\"bank_status\": \"pending\"}");
        let (exit, dto) = describe(&CaseError::Fact(e));
        assert_eq!((exit, dto.code), (Exit::BadInput, ErrorCode::BadAnswer));
        assert_eq!(
            dto.text(Lang::ZhCn),
            "事实必须是一个 JSON 对象（{\"fact\": value, ...}）；应为类似 {\"bank_status\": \"pending\"} 的对象"
        );
    }
}

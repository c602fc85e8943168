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
            AppError::Report(r) => return kind(r),
            AppError::Usage(u) => return kind(u),
            AppError::Pricing(p) => return kind(p),
            AppError::BadCurrency(_) => (C::BadCurrency, Exit::BadInput),
            AppError::BadDate(_) => (C::BadDate, Exit::BadInput),
            AppError::SampleLoaded | AppError::NotEmpty => (C::Sample, Exit::BadInput),
            AppError::Provider(_)
            | AppError::BackwardsPeriod { .. }
            | AppError::BadExportKind(_)
            | AppError::NoLines
            | AppError::Refused(_) => (C::BadInput, Exit::BadInput),
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
            CaseError::ReadFile { .. }
            | CaseError::BadImage { .. }
            | CaseError::PackFails { .. } => C::BadFile,
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
        let code = match e {
            ReportError::Ledger(l) => return kind(l),
            ReportError::NoSuchSubscription(_) => C::NotFound,
            ReportError::BadSubscription(_) => C::BadInput,
            ReportError::BadMonth(_) | ReportError::EmptyPeriod { .. } => C::BadPeriod,
        };
        return Some((code, Exit::BadInput));
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
            E::Usage(u) => return kind(u),
            E::Ledger(l) => return kind(l),
        };
        return Some((code, Exit::from_bad_input(e.is_bad_input())));
    }
    if let Some(e) = e.downcast_ref::<crate::alerts::AlertError>() {
        use crate::alerts::AlertError as E;
        let code = match e {
            E::NoSuchAlert(_) | E::NoSuchCancellation(_) => C::NotFound,
            E::Form(_) => C::BadInput,
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
    if let Some(e) = e.downcast_ref::<MapSpecError>() {
        return Some(map_msg(e));
    }
    if let Some(e) = e.downcast_ref::<SyncError>() {
        return match e {
            SyncError::Ledger(l) => ledger_msg(l),
            SyncError::Import { path, source } => Some(sync_import_msg(path, source)),
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
    if let Some(e) = e.downcast_ref::<ReimburseError>() {
        return reimburse_msg(e);
    }
    if let Some(e) = e.downcast_ref::<ExportError>() {
        return export_msg(e);
    }
    if let Some(e) = e.downcast_ref::<PaymentError>() {
        return payment_msg(e);
    }
    if let Some(e) = e.downcast_ref::<UnknownProvider>() {
        return Some(provider_msg(e));
    }
    if let Some(e) = e.downcast_ref::<crate::usage::UsageError>() {
        return usage_msg(e);
    }
    if let Some(crate::usage::logs::ScanError::Ledger(l)) =
        e.downcast_ref::<crate::usage::logs::ScanError>()
    {
        return ledger_msg(l);
    }
    if let Some(e) = e.downcast_ref::<crate::pricing::PricingError>() {
        return Some(pricing_msg(e));
    }
    if let Some(e) = e.downcast_ref::<crate::credits::CreditsError>() {
        return credits_msg(e);
    }
    if let Some(e) = e.downcast_ref::<crate::budgets::BudgetError>() {
        return budget_msg(e);
    }
    if let Some(e) = e.downcast_ref::<crate::alerts::AlertError>() {
        return alert_msg(e);
    }
    if let Some(e) = e.downcast_ref::<crate::classify::ClassifyError>() {
        return Some(classify_msg(e));
    }
    None
}

/// The text of an error and its causes, as a `detail` argument: what the
/// operating system or a library said, kept as it was written.
fn detail(e: &(dyn Error + 'static)) -> String {
    crate::error_text(e)
}

fn path_text(p: &std::path::Path) -> String {
    p.display().to_string()
}

fn classify_msg(e: &crate::classify::ClassifyError) -> Msg {
    use crate::classify::ClassifyError as E;
    match e {
        E::ReadCatalog { path, source } => msg!(
            "apperr-classify-read-catalog",
            path = path_text(path),
            detail = crate::library_errors::io(source)
        ),
        E::BadCatalog { name, reason } => msg!(
            "apperr-classify-bad-catalog",
            name = name.as_str(),
            detail = reason.as_str()
        ),
        E::UnknownClass(s) => msg!("apperr-classify-unknown-class", found = format!("{s:?}")),
        E::BadRegex { pattern, reason } => msg!(
            "apperr-classify-bad-regex",
            pattern = format!("{pattern:?}"),
            detail = reason.as_str()
        ),
        E::BadRule(m) => msg!("apperr-classify-bad-rule", detail = m.clone()),
    }
}

fn provider_msg(e: &UnknownProvider) -> Msg {
    msg!("apperr-unknown-provider", found = format!("{:?}", e.0))
}

fn backwards_flags(from: &chrono::NaiveDate, to: &chrono::NaiveDate) -> Msg {
    msg!(
        "apperr-backwards-flags",
        from = from.to_string(),
        to = to.to_string()
    )
}

fn write_msg(path: &std::path::Path, source: &std::io::Error) -> Msg {
    msg!(
        "apperr-write",
        path = path_text(path),
        detail = crate::library_errors::io_write(source)
    )
}

fn reimburse_msg(e: &ReimburseError) -> Option<Msg> {
    use ReimburseError as E;
    Some(match e {
        E::BadTag { tag, why } => msg!(
            "apperr-reimb-bad-tag",
            tag = format!("{tag:?}"),
            detail = why.clone()
        ),
        E::ReadReceipt { path, source } => msg!(
            "apperr-reimb-read-receipt",
            path = path_text(path),
            detail = crate::library_errors::io(source)
        ),
        E::NotAFile(p) => msg!("apperr-reimb-not-a-file", path = path_text(p)),
        E::ReceiptTooLarge { path, size } => msg!(
            "apperr-reimb-too-large",
            path = path_text(path),
            size = size.to_string()
        ),
        E::StoreReceipt { path, source } => msg!(
            "apperr-reimb-store-receipt",
            path = path_text(path),
            detail = crate::library_errors::io_write(source)
        ),
        E::ReceiptDamaged { path, sha256 } => msg!(
            "apperr-reimb-damaged",
            path = path_text(path),
            sha256 = sha256.as_str()
        ),
        E::NoSuchReceipt(id) => msg!("apperr-reimb-no-such-receipt", id = id.to_string()),
        E::InMemory => msg!("apperr-reimb-in-memory"),
        E::Party(m) => m.clone(),
        E::BackwardsPeriod { from, to } => backwards_flags(from, to),
        E::OutputKind(p) => msg!("apperr-reimb-output-kind", path = format!("{p:?}")),
        E::BadRate(s) => msg!("apperr-reimb-bad-rate", found = format!("{s:?}")),
        E::Write { path, source } => write_msg(path, source),
        E::Zip(z) => msg!("apperr-reimb-zip", detail = detail(z)),
        E::Pdf(s) => msg!("apperr-reimb-pdf", detail = s.as_str()),
        E::Encode(s) => msg!("apperr-reimb-encode", detail = s.as_str()),
        E::Ledger(l) => return ledger_msg(l),
    })
}

fn export_msg(e: &ExportError) -> Option<Msg> {
    Some(match e {
        ExportError::BackwardsPeriod { from, to } => backwards_flags(from, to),
        ExportError::Write { path, source } => write_msg(path, source),
        ExportError::Encode(s) => msg!("apperr-export-encode", detail = s.as_str()),
        ExportError::Ledger(l) => return ledger_msg(l),
    })
}

fn payment_msg(e: &PaymentError) -> Option<Msg> {
    Some(match e {
        PaymentError::NotPositive(d) => {
            msg!("apperr-payment-not-positive", amount = d.to_string())
        }
        PaymentError::TooLarge(d) => msg!("apperr-payment-too-large", amount = d.to_string()),
        PaymentError::BadLast4(s) => msg!("apperr-payment-bad-last4", found = format!("{s:?}")),
        PaymentError::Ledger(l) => return ledger_msg(l),
    })
}

fn usage_msg(e: &crate::usage::UsageError) -> Option<Msg> {
    use crate::usage::UsageError as E;
    Some(match e {
        E::Ledger(l) => return ledger_msg(l),
        E::Period { from, to } => msg!(
            "apperr-usage-period",
            from = from.to_string(),
            to = to.to_string()
        ),
        E::Month(s) => msg!("apperr-usage-month", found = format!("{s:?}")),
    })
}

fn pricing_msg(e: &crate::pricing::PricingError) -> Msg {
    use crate::pricing::PricingError as E;
    match e {
        E::Read { path, source } => msg!(
            "apperr-pricing-read",
            path = path_text(path),
            detail = source.to_string()
        ),
        E::Invalid { name, problem } => msg!(
            "apperr-pricing-invalid",
            name = name.as_str(),
            detail = problem.clone()
        ),
    }
}

fn credits_msg(e: &crate::credits::CreditsError) -> Option<Msg> {
    use crate::credits::CreditsError as E;
    Some(match e {
        E::BadAmount(m) | E::BadDate(m) => m.clone(),
        E::Ledger(l) => return ledger_msg(l),
    })
}

fn budget_msg(e: &crate::budgets::BudgetError) -> Option<Msg> {
    use crate::budgets::BudgetError as E;
    Some(match e {
        E::BadBudget(m) => m.clone(),
        E::Usage(u) => return usage_msg(u),
        E::UnknownProvider(p) => provider_msg(p),
        E::NoSuchBudget(id) => msg!("apperr-no-such-budget", id = id.to_string()),
        E::Ledger(l) => return ledger_msg(l),
    })
}

fn alert_msg(e: &crate::alerts::AlertError) -> Option<Msg> {
    use crate::alerts::AlertError as E;
    Some(match e {
        E::NoSuchAlert(id) => msg!("apperr-no-such-alert", id = format!("{id:?}")),
        E::NoSuchCancellation(id) => {
            msg!("apperr-no-such-cancellation", id = id.to_string())
        }
        E::Form(m) => m.clone(),
        E::Credits(c) => return credits_msg(c),
        E::Budget(b) => return budget_msg(b),
        E::Ledger(l) => return ledger_msg(l),
    })
}

fn sync_import_msg(path: &str, source: &ImportError) -> Msg {
    let m = msg!("apperr-sync-import", path = path);
    match own_msg(source) {
        Some(cause) => m.arg("detail", cause),
        None => m.arg("detail", detail(source)),
    }
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
        ReportError::BadSubscription(m) => m.clone(),
        ReportError::Ledger(l) => return ledger_msg(l),
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
        LedgerError::NewerDatabase {
            path: None,
            found,
            supported,
        } => msg!(
            "apperr-newer-ledger-unnamed",
            found = *found,
            supported = *supported
        ),
        LedgerError::CreateDir { path: p, source } => msg!(
            "apperr-ledger-create-dir",
            path = path(p),
            detail = detail(source)
        ),
        LedgerError::Migration { version, source } => msg!(
            "apperr-ledger-migration",
            version = version.to_string(),
            detail = detail(source)
        ),
        LedgerError::Backup { path: p, source } => msg!(
            "apperr-ledger-backup",
            path = path(p),
            detail = detail(source)
        ),
        LedgerError::Classify(c) => classify_msg(c),
        LedgerError::Corrupt(s) => msg!("apperr-ledger-corrupt", detail = s.as_str()),
        LedgerError::NotABackup { path: p, why } => {
            msg!(
                "apperr-not-a-backup",
                path = path(p),
                detail = backup_msg(why)
            )
        }
        LedgerError::NoFile => msg!("apperr-ledger-no-file"),
        LedgerError::Sqlite(e) => msg!("apperr-ledger-sqlite", detail = detail(e)),
    })
}

fn backup_msg(why: &crate::ledger::NotABackup) -> Msg {
    use crate::ledger::NotABackup as W;
    match why {
        W::Unreadable(s) => msg!("apperr-backup-unreadable", detail = s.as_str()),
        W::NoSchema => msg!("apperr-backup-no-schema"),
        W::Newer(v) => msg!("apperr-backup-newer", version = *v),
        W::Integrity(s) => msg!("apperr-backup-integrity", detail = s.as_str()),
    }
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
        AppError::Reimburse(r) => return reimburse_msg(r),
        AppError::Provider(p) => provider_msg(p),
        AppError::Usage(u) => return usage_msg(u),
        AppError::Pricing(p) => pricing_msg(p),
        AppError::Refused(m) => m.clone(),
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
        // A raw SQLite failure says what failed, with the library's words.
        let (_, dto) = describe(&LedgerError::Sqlite(crate::ledger::sample_storage_error()));
        assert_eq!(
            dto.text(Lang::ZhCn),
            format!(
                "无法读取或写入账本文件：{}",
                crate::ledger::sample_storage_error()
            )
        );
        // An error the core does not know keeps its English text.
        let io = std::io::Error::other("disk on fire");
        let (_, dto) = describe(&io);
        assert_eq!(
            (dto.code, dto.msg.is_none(), dto.text(Lang::ZhCn)),
            (ErrorCode::Internal, true, "disk on fire".to_owned())
        );
    }

    fn io() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied")
    }

    fn day(d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2025, 3, d).unwrap_or_default()
    }

    /// One error of every variant of every error kind the table knows
    /// besides the case errors above. Each `*_n` below matches without a
    /// catch-all, so a new variant does not compile until it has a number,
    /// and the count check then wants a sample of it.
    fn ledger_errors() -> Vec<LedgerError> {
        use crate::classify::ClassifyError as C;
        vec![
            LedgerError::NewerDatabase {
                path: Some("a.db".into()),
                found: 30,
                supported: 21,
            },
            LedgerError::NewerDatabase {
                path: None,
                found: 30,
                supported: 21,
            },
            LedgerError::Open {
                path: "a.db".into(),
                source: crate::ledger::sample_storage_error(),
            },
            LedgerError::CreateDir {
                path: "d".into(),
                source: io(),
            },
            LedgerError::NotALedger {
                path: "a.db".into(),
            },
            LedgerError::Migration {
                version: 7,
                source: crate::ledger::sample_storage_error(),
            },
            LedgerError::Backup {
                path: "b.db".into(),
                source: crate::ledger::sample_storage_error(),
            },
            LedgerError::NoSuchBatch(1),
            LedgerError::BatchAlreadyUndone(1),
            LedgerError::NoSuchTxn(1),
            LedgerError::NoSuchRule(1),
            LedgerError::Classify(C::ReadCatalog {
                path: "c.toml".into(),
                source: io(),
            }),
            LedgerError::Classify(C::BadCatalog {
                name: "c".into(),
                reason: "r".into(),
            }),
            LedgerError::Classify(C::UnknownClass("x".into())),
            LedgerError::Classify(C::BadRegex {
                pattern: "(".into(),
                reason: "r".into(),
            }),
            LedgerError::Classify(C::BadRule(msg!("apperr-rule-empty-pattern"))),
            LedgerError::Corrupt("x".into()),
            LedgerError::NoSuchPayment(1),
            LedgerError::NoSuchProfile("p".into()),
            LedgerError::NoSuchLink(1),
            LedgerError::NotABackup {
                path: "b.db".into(),
                why: crate::ledger::NotABackup::Newer(99),
            },
            LedgerError::NoFile,
            LedgerError::Sqlite(crate::ledger::sample_storage_error()),
        ]
    }

    fn ledger_n(e: &LedgerError) -> u8 {
        use crate::classify::ClassifyError as C;
        match e {
            LedgerError::NewerDatabase { path: Some(_), .. } => 0,
            LedgerError::NewerDatabase { path: None, .. } => 1,
            LedgerError::Open { .. } => 2,
            LedgerError::CreateDir { .. } => 3,
            LedgerError::NotALedger { .. } => 4,
            LedgerError::Migration { .. } => 5,
            LedgerError::Backup { .. } => 6,
            LedgerError::NoSuchBatch(_) => 7,
            LedgerError::BatchAlreadyUndone(_) => 8,
            LedgerError::NoSuchTxn(_) => 9,
            LedgerError::NoSuchRule(_) => 10,
            LedgerError::Classify(c) => match c {
                C::ReadCatalog { .. } => 11,
                C::BadCatalog { .. } => 12,
                C::UnknownClass(_) => 13,
                C::BadRegex { .. } => 14,
                C::BadRule(_) => 15,
            },
            LedgerError::Corrupt(_) => 16,
            LedgerError::NoSuchPayment(_) => 17,
            LedgerError::NoSuchProfile(_) => 18,
            LedgerError::NoSuchLink(_) => 19,
            LedgerError::NotABackup { .. } => 20,
            LedgerError::NoFile => 21,
            LedgerError::Sqlite(_) => 22,
        }
    }

    fn app_errors() -> Vec<AppError> {
        vec![
            AppError::Ledger(LedgerError::NoFile),
            AppError::Report(ReportError::BadMonth("x".into())),
            AppError::Report(ReportError::EmptyPeriod {
                from: day(2),
                to: day(1),
            }),
            AppError::Report(ReportError::BadSubscription(msg!(
                "apperr-subs-vendor-empty"
            ))),
            AppError::Report(ReportError::NoSuchSubscription(1)),
            AppError::Report(ReportError::Ledger(LedgerError::NoSuchTxn(1))),
            AppError::Import(ImportError::Read {
                file: "f.csv".into(),
                source: io(),
            }),
            AppError::BadCurrency("x".into()),
            AppError::BadDate("x".into()),
            AppError::SampleLoaded,
            AppError::NotEmpty,
            AppError::Reimburse(Box::new(ReimburseError::InMemory)),
            AppError::Provider(UnknownProvider("x".into())),
            AppError::BackwardsPeriod {
                from: day(2),
                to: day(1),
            },
            AppError::BadExportKind("x".into()),
            AppError::NoLines,
            AppError::Usage(crate::usage::UsageError::Month("x".into())),
            AppError::Pricing(crate::pricing::PricingError::Invalid {
                name: "p".into(),
                problem: msg!("apperr-prices-not-a-list"),
            }),
            AppError::Refused(msg!("cli-err-no-key")),
        ]
    }

    fn app_n(e: &AppError) -> u8 {
        match e {
            AppError::Ledger(_) => 0,
            AppError::Report(r) => match r {
                ReportError::BadMonth(_) => 1,
                ReportError::EmptyPeriod { .. } => 2,
                ReportError::BadSubscription(_) => 3,
                ReportError::NoSuchSubscription(_) => 4,
                ReportError::Ledger(_) => 17,
            },
            AppError::Import(_) => 5,
            AppError::BadCurrency(_) => 6,
            AppError::BadDate(_) => 7,
            AppError::SampleLoaded => 8,
            AppError::NotEmpty => 9,
            AppError::Reimburse(_) => 10,
            AppError::Provider(_) => 11,
            AppError::BackwardsPeriod { .. } => 12,
            AppError::BadExportKind(_) => 13,
            AppError::NoLines => 14,
            AppError::Usage(_) => 15,
            AppError::Refused(_) => 16,
            AppError::Pricing(_) => 18,
        }
    }

    fn reimburse_errors() -> Vec<ReimburseError> {
        use ReimburseError as E;
        vec![
            E::BadTag {
                tag: "t".into(),
                why: msg!("apperr-tag-comma"),
            },
            E::ReadReceipt {
                path: "r.pdf".into(),
                source: io(),
            },
            E::NotAFile("r".into()),
            E::ReceiptTooLarge {
                path: "r.pdf".into(),
                size: 1 << 30,
            },
            E::StoreReceipt {
                path: "r.pdf".into(),
                source: io(),
            },
            E::ReceiptDamaged {
                path: "r.pdf".into(),
                sha256: "ab".into(),
            },
            E::NoSuchReceipt(1),
            E::InMemory,
            E::BackwardsPeriod {
                from: day(2),
                to: day(1),
            },
            E::OutputKind("r.txt".into()),
            E::BadRate("EUR".into()),
            E::Write {
                path: "o.csv".into(),
                source: io(),
            },
            E::Zip(zip::result::ZipError::FileNotFound),
            E::Pdf("p".into()),
            E::Encode("e".into()),
            E::Ledger(LedgerError::NoSuchTxn(3)),
            E::Party(msg!("reimb-party-no-client")),
        ]
    }

    fn reimburse_n(e: &ReimburseError) -> u8 {
        use ReimburseError as E;
        match e {
            E::BadTag { .. } => 0,
            E::ReadReceipt { .. } => 1,
            E::NotAFile(_) => 2,
            E::ReceiptTooLarge { .. } => 3,
            E::StoreReceipt { .. } => 4,
            E::ReceiptDamaged { .. } => 5,
            E::NoSuchReceipt(_) => 6,
            E::InMemory => 7,
            E::BackwardsPeriod { .. } => 8,
            E::OutputKind(_) => 9,
            E::BadRate(_) => 10,
            E::Write { .. } => 11,
            E::Zip(_) => 12,
            E::Pdf(_) => 13,
            E::Encode(_) => 14,
            E::Ledger(_) => 15,
            E::Party(_) => 16,
        }
    }

    /// The smaller kinds: (sample, variant number within its kind).
    fn other_errors() -> Vec<(Box<dyn Error + 'static>, String)> {
        use crate::alerts::AlertError as A;
        use crate::budgets::BudgetError as B;
        use crate::credits::CreditsError as Cr;
        use crate::pricing::PricingError as P;
        use crate::provider::Provider;
        use crate::usage::UsageError as U;
        fn tag<E: Error + 'static>(e: E, n: String) -> (Box<dyn Error + 'static>, String) {
            (Box::new(e), n)
        }
        let export_n = |e: &ExportError| match e {
            ExportError::BackwardsPeriod { .. } => 0,
            ExportError::Write { .. } => 1,
            ExportError::Encode(_) => 2,
            ExportError::Ledger(_) => 3,
        };
        let payment_n = |e: &PaymentError| match e {
            PaymentError::NotPositive(_) => 0,
            PaymentError::TooLarge(_) => 1,
            PaymentError::BadLast4(_) => 2,
            PaymentError::Ledger(_) => 3,
        };
        let usage_n = |e: &U| match e {
            U::Ledger(_) => 0,
            U::Period { .. } => 1,
            U::Month(_) => 2,
        };
        let pricing_n = |e: &P| match e {
            P::Read { .. } => 0,
            P::Invalid { .. } => 1,
        };
        let credits_n = |e: &Cr| match e {
            Cr::BadAmount(_) => 0,
            Cr::BadDate(_) => 1,
            Cr::Ledger(_) => 2,
        };
        let budget_n = |e: &B| match e {
            B::BadBudget(_) => 0,
            B::UnknownProvider(_) => 1,
            B::NoSuchBudget(_) => 2,
            B::Ledger(_) => 3,
            B::Usage(_) => 4,
        };
        let alert_n = |e: &A| match e {
            A::NoSuchAlert(_) => 0,
            A::NoSuchCancellation(_) => 1,
            A::Form(_) => 2,
            A::Credits(_) => 3,
            A::Budget(_) => 4,
            A::Ledger(_) => 5,
        };
        let sync_n = |e: &SyncError| match e {
            SyncError::Key(_) => 0,
            SyncError::NoKey { .. } => 1,
            SyncError::KeyRejected { .. } => 2,
            SyncError::Http { .. } => 3,
            SyncError::Network { .. } => 4,
            SyncError::BadResponse { .. } => 5,
            SyncError::BaseUrl { .. } => 6,
            SyncError::Cancelled => 7,
            SyncError::Import { .. } => 8,
            SyncError::Ledger(_) => 9,
            SyncError::Client(_) => 10,
        };
        let scan_n = |e: &crate::usage::logs::ScanError| match e {
            crate::usage::logs::ScanError::Ledger(_) => 0,
        };
        let mut out = Vec::new();
        let export = vec![
            ExportError::BackwardsPeriod {
                from: day(2),
                to: day(1),
            },
            ExportError::Write {
                path: "o.csv".into(),
                source: io(),
            },
            ExportError::Encode("e".into()),
            ExportError::Ledger(LedgerError::NoFile),
        ];
        for e in export {
            let n = format!("export {}", export_n(&e));
            out.push(tag(e, n));
        }
        let payments = vec![
            PaymentError::NotPositive(rust_decimal::Decimal::ZERO),
            PaymentError::TooLarge(rust_decimal::Decimal::MAX),
            PaymentError::BadLast4("42".into()),
            PaymentError::Ledger(LedgerError::NoSuchPayment(2)),
        ];
        for e in payments {
            let n = format!("payment {}", payment_n(&e));
            out.push(tag(e, n));
        }
        out.push(tag(UnknownProvider("x".into()), "provider 0".into()));
        for e in [
            U::Ledger(LedgerError::NoFile),
            U::Period {
                from: day(2),
                to: day(1),
            },
            U::Month("x".into()),
        ] {
            let n = format!("usage {}", usage_n(&e));
            out.push(tag(e, n));
        }
        for e in [
            P::Read {
                path: "p.toml".into(),
                source: io(),
            },
            P::Invalid {
                name: "p".into(),
                problem: msg!("apperr-prices-not-a-list"),
            },
        ] {
            let n = format!("pricing {}", pricing_n(&e));
            out.push(tag(e, n));
        }
        let credits = || {
            vec![
                Cr::BadAmount(msg!("apperr-credits-not-positive", amount = "0")),
                Cr::BadDate(msg!(
                    "apperr-credits-expires-first",
                    expires = "2025-03-01",
                    on = "2025-03-02"
                )),
                Cr::Ledger(LedgerError::NoFile),
            ]
        };
        for e in credits() {
            let n = format!("credits {}", credits_n(&e));
            out.push(tag(e, n));
        }
        let budgets = || {
            vec![
                B::BadBudget(msg!("apperr-budget-backwards")),
                B::UnknownProvider(UnknownProvider("x".into())),
                B::NoSuchBudget(1),
                B::Ledger(LedgerError::NoFile),
                B::Usage(U::Month("x".into())),
            ]
        };
        for e in budgets() {
            let n = format!("budget {}", budget_n(&e));
            out.push(tag(e, n));
        }
        let mut alerts = vec![
            A::NoSuchAlert("a".into()),
            A::NoSuchCancellation(1),
            A::Form(msg!("error-no-lines")),
            A::Ledger(LedgerError::NoFile),
        ];
        alerts.extend(credits().into_iter().map(A::Credits));
        alerts.extend(budgets().into_iter().map(A::Budget));
        for e in alerts {
            let n = format!("alert {}", alert_n(&e));
            out.push(tag(e, n));
        }
        let import = || {
            Box::new(ImportError::Read {
                file: "f".into(),
                source: io(),
            })
        };
        let syncs = vec![
            SyncError::Key(KeyError::NoKeychain),
            SyncError::NoKey {
                provider: Provider::Openai,
            },
            SyncError::KeyRejected {
                provider: Provider::Openai,
                status: 401,
                detail: "d".into(),
            },
            SyncError::Http {
                provider: Provider::Openai,
                path: "/v1/x",
                status: 500,
                detail: "d".into(),
            },
            SyncError::Network {
                provider: Provider::Openai,
                host: "h".into(),
                detail: "d".into(),
            },
            SyncError::BadResponse {
                provider: Provider::Openai,
                path: "/v1/x",
                detail: "d".into(),
            },
            SyncError::BaseUrl {
                provider: Provider::Openai,
                url: "u".into(),
                reason: "r",
            },
            SyncError::Cancelled,
            SyncError::Import {
                path: "/v1/x",
                source: import(),
            },
            SyncError::Ledger(LedgerError::NoFile),
            SyncError::Client("c".into()),
        ];
        for e in syncs {
            let n = format!("sync {}", sync_n(&e));
            out.push(tag(e, n));
        }
        let scan = crate::usage::logs::ScanError::Ledger(LedgerError::NoFile);
        let n = format!("scan {}", scan_n(&scan));
        out.push(tag(scan, n));
        out
    }

    #[test]
    fn every_error_of_the_table_reaches_the_user_as_a_message() {
        let mut errors: Vec<(Box<dyn Error + 'static>, String)> = Vec::new();
        for e in ledger_errors() {
            let n = format!("ledger {}", ledger_n(&e));
            errors.push((Box::new(e), n));
        }
        for e in app_errors() {
            let n = format!("app {}", app_n(&e));
            errors.push((Box::new(e), n));
        }
        for e in reimburse_errors() {
            let n = format!("reimburse {}", reimburse_n(&e));
            errors.push((Box::new(e), n));
        }
        errors.extend(other_errors());
        let kinds: std::collections::BTreeSet<&str> =
            errors.iter().map(|(_, n)| n.as_str()).collect();
        // 23 ledger + 19 app + 17 reimburse + 4 export + 4 payment + 1
        // provider + 3 usage + 2 pricing + 3 credits + 5 budget + 6 alert +
        // 11 sync + 1 scan.
        assert_eq!(kinds.len(), 99, "one sample of every variant");
        for (e, _) in &errors {
            let (_, dto) = describe(e.as_ref());
            assert_ne!(dto.code, ErrorCode::Internal, "{e}: not in the table");
            let zh = dto.text(Lang::ZhCn);
            assert!(
                dto.msg.is_some() && has_chinese(&zh),
                "{e}: no message ({zh})"
            );
        }
    }

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_case_and_answer_error_reaches_the_user_as_a_message() {
        let samples = crate::cases::error_samples();
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
    fn a_refused_value_reads_in_chinese_with_no_english_sentence_inside() {
        let bad_period = crate::budgets::Period::parse("2025-03-01..soon")
            .err()
            .map(|e| describe(&e).1);
        let dto = bad_period.expect("the period is refused");
        assert_eq!((dto.code, dto.msg.is_some()), (ErrorCode::BadInput, true));
        assert_eq!(
            dto.message,
            "\"soon\" in period \"2025-03-01..soon\" is not a date; expected YYYY-MM-DD"
        );
        assert_eq!(
            dto.text(Lang::ZhCn),
            "期间 \"2025-03-01..soon\" 中的 \"soon\" 不是日期；应为 YYYY-MM-DD 格式"
        );
        let tag = crate::reimburse::tags::normalise("a,b").err();
        let dto = describe(&tag.expect("a comma is refused")).1;
        assert_eq!(
            dto.text(Lang::ZhCn),
            "标签 \"a,b\" 不能使用：含有逗号（多个标签请分开填写）"
        );
        let (_, dto) = describe(&LedgerError::NotABackup {
            path: "b.db".into(),
            why: crate::ledger::NotABackup::NoSchema,
        });
        assert_eq!(
            dto.text(Lang::ZhCn),
            "b.db 不是 AI Spend 的账本备份（其中没有账本结构）；请选择由“备份账本”生成的文件"
        );
        assert_eq!(dto.text(Lang::En), dto.message);
        let (exit, dto) = describe(&crate::alerts::AlertError::NoSuchCancellation(4));
        assert_eq!((exit, dto.code), (Exit::BadInput, ErrorCode::NotFound));
    }

    #[test]
    fn a_pack_that_fails_lists_its_problems_in_the_users_language() {
        let e = CaseError::PackFails {
            path: "e.zip".into(),
            problems: vec![
                crate::cases::PackProblem::Extra {
                    path: "bag/data/x".into(),
                },
                crate::cases::PackProblem::Missing {
                    path: "bag/manifest.json".into(),
                    manifest: "the pack layout".into(),
                },
            ],
        };
        let (exit, dto) = describe(&e);
        assert_eq!((exit, dto.code), (Exit::BadInput, ErrorCode::BadFile));
        assert_eq!(dto.text(Lang::En), dto.message, "English reads as the log");
        assert_eq!(
            dto.message,
            "e.zip does not verify:\n  bag/data/x: in the pack but in no manifest\n  bag/manifest.json: listed in the pack layout but not in the pack"
        );
        assert_eq!(
            dto.text(Lang::ZhCn),
            "e.zip 校验未通过：\n  bag/data/x：在证据包里，但没有任何清单列出它；\n  bag/manifest.json：证据包结构要求有这个文件，但证据包里没有"
        );
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

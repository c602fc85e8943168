//! The "top-up didn't arrive" wizard and its case list (SPEC §7, §8): what
//! the Cases view shows of a case, built from [`crate::cases`].
//!
//! - [`CaseDto`] is the wizard: the questions in the checklist's order, each
//!   with its current answer, where it came from and the ledger rows behind
//!   it; which question to ask next (the first unanswered one that would
//!   change the result, as the diagnosis lists them); the newest diagnosis;
//!   the attachments; and the drafted message, redacted as the pack holds it.
//! - Opening a case whose facts changed since its newest diagnosis runs and
//!   records a diagnosis first, as an export would, so the view, the message
//!   and the pack always speak of the same facts.
//! - New cases start from a card line the user picks among the ledger's API
//!   top-ups ([`case_candidates`]): linking it fills what the ledger knows.
//! - Thumbnails are the case's stored copies (images without metadata) as
//!   `data:` URLs, which the app's CSP allows for images only.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{ErrorCode, ErrorDto};
use crate::cases::redact::HitKind;
use crate::cases::Draft;
use crate::cases::{
    self, CaseError, CaseStatus, CaseView, ExportOptions, Linked, LocalZone, NewCase, PackLangs,
};
use crate::i18n::{Lang, Msg};
use crate::ledger::{Ledger, TxnRow, TxnStatus};
use crate::msg;
use crate::provider::{PaymentRow, PaymentStatus, Provider};
use crate::topup::questions::{answer_kind, choice_msg, question_msg, QUESTION_ORDER};
use crate::topup::{self, Code, Contact, DoNot, FactName, Origin};

pub use crate::topup::questions::AnswerKind;

/// Attachments larger than this get no thumbnail (the list shows an icon).
pub const THUMBNAIL_MAX_BYTES: u64 = 4 * 1024 * 1024;

/// How many card lines the "which charge?" step offers.
pub const CANDIDATES_MAX: usize = 50;

/// One case in the list: the case's own summary, as the core gives it.
pub use crate::cases::CaseSummary as CaseListItem;

/// Which table a [`LedgerRowRef`] is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// A card line.
    Txn,
    /// A provider payment record.
    Payment,
}

/// A row's status: a card line's or a payment's, by [`LedgerRowRef::kind`].
/// Written as the bare id (untagged): `pending` is both a card line's and a
/// payment's status, and `kind` says which set it is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum RowStatus {
    Txn(TxnStatus),
    Payment(PaymentStatus),
}

/// A ledger row as the wizard and the reconciliation view show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LedgerRowRef {
    pub kind: RowKind,
    pub id: i64,
    /// YYYY-MM-DD: the statement's local date, or the payment's date.
    pub date: String,
    pub description: String,
    /// Exact decimal; negative is money spent.
    pub amount: String,
    pub currency: String,
    /// A card line's `posted`/`pending`/`reverted`; a payment's
    /// `succeeded`/`failed`/...
    pub status: RowStatus,
    pub account: Option<String>,
}

/// One question of the wizard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Question {
    /// The fact's id (SPEC §7.1), or a case detail (`card_last4`,
    /// `receipt_number`). Text, not `FactName`: the checklist holds more
    /// than the facts, and `case_answer` takes the id back as text.
    pub fact: String,
    pub kind: AnswerKind,
    /// The question, for the user.
    pub text: Msg,
    /// The ids to choose from (`Choice`).
    pub choices: Vec<String>,
    /// The words for each of `choices`, in the same order.
    pub choice_labels: Vec<Msg>,
    /// The current answer as text; `None` when unknown.
    pub answer: Option<String>,
    /// Who gave the answer (`user` or `ledger`); `None` when unknown.
    pub source: Option<Origin>,
    /// The ledger rows the answer came from (or agrees with).
    pub rows: Vec<LedgerRowRef>,
    /// What the ledger shows where it disagrees with the user's answer.
    pub ledger_value: Option<String>,
    /// Whether an answer would change the diagnosis or the first contact.
    pub matters: bool,
}

/// One possible cause, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FindingDto {
    pub code: Code,
    /// 0-100, a ranking score.
    pub confidence: u8,
    /// The title of the cause.
    pub title: Msg,
    /// As stored (English); show `explanation_msg` where there is one.
    pub explanation: String,
    /// Why the facts point here; `None` for a diagnosis stored before its
    /// texts were messages.
    pub explanation_msg: Option<Msg>,
}

/// The newest diagnosis of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiagnosisDto {
    pub computed_at: String,
    pub findings: Vec<FindingDto>,
    pub first_contact: Contact,
    /// Whom to contact, in words, and why.
    pub first_contact_msg: Msg,
    pub first_contact_hint: Msg,
    pub do_not: Vec<DoNot>,
    /// What not to do and why, one per `do_not`.
    pub do_not_msgs: Vec<Msg>,
    /// Unanswered facts whose answers would change the result, most useful first.
    pub missing: Vec<FactName>,
    /// As stored (English); show `next_steps_msg` where there is one.
    pub next_steps: Vec<String>,
    pub next_steps_msg: Option<Vec<Msg>>,
}

/// A file kept with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttachmentDto {
    pub id: i64,
    pub name: String,
    pub stored_name: String,
    pub media_type: String,
    pub size: u64,
    /// SHA-256 of the stored copy (what the pack holds).
    pub sha256: String,
    pub captured_at: String,
    /// Whether metadata (EXIF, GPS, text chunks) was removed from the copy.
    pub metadata_removed: bool,
    /// Whether [`case_thumbnail`] has an image for it.
    pub has_thumbnail: bool,
}

/// A note the user kept with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoteDto {
    pub id: i64,
    pub text: String,
    /// UTC instant, RFC 3339.
    pub created_at: String,
}

/// Rows the user may link to a case, the ones already linked left out:
/// the ledger's API top-ups (as in [`case_candidates`]) and the provider
/// payment records of the case's provider, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkCandidates {
    pub txns: Vec<LedgerRowRef>,
    pub payments: Vec<LedgerRowRef>,
}

/// Everything the wizard shows of one case.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseDto {
    pub id: i64,
    pub title: String,
    /// A title the app wrote, for the user's language (`title` is English).
    pub title_msg: Option<Msg>,
    pub provider: Provider,
    pub status: CaseStatus,
    pub created_at: String,
    pub updated_at: String,
    pub questions: Vec<Question>,
    /// The question to ask now; `None` when no answer would change the result.
    pub next_question: Option<FactName>,
    pub diagnosis: Option<DiagnosisDto>,
    /// The ledger rows linked to the case.
    pub rows: Vec<LedgerRowRef>,
    pub attachments: Vec<AttachmentDto>,
    /// The user's notes, oldest first.
    pub notes: Vec<NoteDto>,
    /// The drafted message to the first contact, redacted as in the pack.
    pub message: String,
    /// The drafted message for a reader of each language the app speaks
    /// (the text to send, and the same in the reader's language to check).
    pub drafts: Vec<Draft>,
}

/// One file of the evidence pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackFileDto {
    pub path: String,
    pub size: u64,
}

/// One redaction the export makes. `hint` never repeats the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RedactionDto {
    pub file: String,
    pub kind: HitKind,
    pub hint: String,
    pub replacement: String,
    pub line: Option<u32>,
}

/// What the pack will contain, before it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackPreview {
    pub files: Vec<PackFileDto>,
    pub redactions: Vec<RedactionDto>,
    /// The pack's `summary.md`, redacted.
    pub summary: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackExported {
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub files: u32,
}

/// A case error as the UI receives it.
pub fn case_error(e: CaseError) -> ErrorDto {
    ErrorDto::from(e)
}

type Res<T> = Result<T, ErrorDto>;

/// Every case, newest first.
pub fn case_list(ledger: &Ledger) -> Res<Vec<CaseListItem>> {
    cases::list(ledger).map_err(case_error)
}

/// A card line as a row reference.
pub fn txn_ref(t: &TxnRow) -> LedgerRowRef {
    LedgerRowRef {
        kind: RowKind::Txn,
        id: t.id,
        date: t.date.to_string(),
        description: t.description.clone(),
        amount: t.amount.to_string(),
        currency: t.currency.as_str().to_owned(),
        status: RowStatus::Txn(t.status),
        account: Some(t.account.clone()),
    }
}

/// A provider payment record as a row reference.
pub fn payment_ref(p: &PaymentRow) -> LedgerRowRef {
    LedgerRowRef {
        kind: RowKind::Payment,
        id: p.id,
        date: p.paid_date.to_string(),
        description: format!(
            "{} payment{}",
            p.provider.name(),
            p.receipt_number
                .as_deref()
                .map(|r| format!(" (receipt {r})"))
                .unwrap_or_default()
        ),
        amount: p.amount.to_string(),
        currency: p.currency.as_str().to_owned(),
        status: RowStatus::Payment(p.status),
        account: None,
    }
}

/// The card lines a new case can be about: the ledger's API top-ups to
/// OpenAI or Anthropic, newest first.
pub fn case_candidates(ledger: &Ledger) -> Res<Vec<LedgerRowRef>> {
    let mut lines = crate::reconcile::card_lines(ledger)?;
    lines.sort_by_key(|l| std::cmp::Reverse((l.row.date, l.row.id)));
    Ok(lines
        .iter()
        .take(CANDIDATES_MAX)
        .map(|l| txn_ref(&l.row))
        .collect())
}

/// Opens a case, about the card line `txn` when one is given (linked, so
/// the ledger's facts fill in), and returns it diagnosed.
pub fn case_new(
    ledger: &mut Ledger,
    txn: Option<i64>,
    zone: LocalZone,
    now: DateTime<Utc>,
) -> Res<CaseDto> {
    let mut new = NewCase {
        title: None,
        provider: None,
        facts: topup::Facts::new(),
        zone,
    };
    if let Some(id) = txn {
        let row = ledger.transaction(id)?;
        let provider = match row.vendor.as_deref() {
            Some("anthropic") => topup::Provider::Anthropic,
            _ => topup::Provider::Openai,
        };
        new.provider = Some(provider);
        new.title = Some(crate::cases::stored_title(&msg!(
            "case-title-txn",
            provider = provider.name(),
            amount = row.amount.abs().to_string(),
            currency = row.currency.as_str(),
            date = row.date.to_string()
        )));
    }
    let id = cases::create(ledger, &new, now).map_err(case_error)?;
    if let Some(t) = txn {
        cases::link_txn(ledger, id, t, now).map_err(case_error)?;
    }
    case_open(ledger, id, now)
}

/// A case for the wizard; diagnoses it first when its facts changed.
pub fn case_open(ledger: &mut Ledger, id: i64, now: DateTime<Utc>) -> Res<CaseDto> {
    let mut view = cases::show(ledger, id).map_err(case_error)?;
    if !view.diagnosis_current {
        cases::diagnose(ledger, id, now).map_err(case_error)?;
        view = cases::show(ledger, id).map_err(case_error)?;
    }
    dto(ledger, &view)
}

/// Records one answer (`unknown` or an empty text clears it) and returns
/// the case diagnosed again.
pub fn case_answer(
    ledger: &mut Ledger,
    id: i64,
    fact: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Res<CaseDto> {
    cases::answer(ledger, id, fact, value, now).map_err(case_error)?;
    case_open(ledger, id, now)
}

/// Adds a note and returns the case.
pub fn case_note(ledger: &mut Ledger, id: i64, text: &str, now: DateTime<Utc>) -> Res<CaseDto> {
    cases::note(ledger, id, text, now).map_err(case_error)?;
    case_open(ledger, id, now)
}

/// Closes (`Closed`) or reopens (`Open`) a case and returns it.
pub fn case_set_status(
    ledger: &mut Ledger,
    id: i64,
    status: CaseStatus,
    now: DateTime<Utc>,
) -> Res<CaseDto> {
    cases::set_status(ledger, id, status, now).map_err(case_error)?;
    case_open(ledger, id, now)
}

/// Links a card line or a payment record to the case; the ledger's facts
/// from it fill in and the case is diagnosed again.
pub fn case_link(
    ledger: &mut Ledger,
    id: i64,
    kind: RowKind,
    row: i64,
    now: DateTime<Utc>,
) -> Res<CaseDto> {
    match kind {
        RowKind::Txn => cases::link_txn(ledger, id, row, now),
        RowKind::Payment => cases::link_payment(ledger, id, row, now),
    }
    .map_err(case_error)?;
    case_open(ledger, id, now)
}

/// Removes a link (the history keeps it) and diagnoses the case again.
pub fn case_unlink(
    ledger: &mut Ledger,
    id: i64,
    kind: RowKind,
    row: i64,
    now: DateTime<Utc>,
) -> Res<CaseDto> {
    match kind {
        RowKind::Txn => cases::unlink_txn(ledger, id, row, now),
        RowKind::Payment => cases::unlink_payment(ledger, id, row, now),
    }
    .map_err(case_error)?;
    case_open(ledger, id, now)
}

/// What the "link a row" picker offers for case `id`.
pub fn case_link_candidates(ledger: &Ledger, id: i64) -> Res<LinkCandidates> {
    let view = cases::show(ledger, id).map_err(case_error)?;
    let mut linked_txns = Vec::new();
    let mut linked_payments = Vec::new();
    for r in view.active_rows() {
        match &r.row {
            Linked::Txn { txn_id, txn } => {
                linked_txns.push(*txn_id);
                if let Some(t) = txn {
                    linked_txns.push(t.id);
                }
            }
            Linked::Payment { payment_id, .. } => linked_payments.push(*payment_id),
        }
    }
    let txns = case_candidates(ledger)?
        .into_iter()
        .filter(|r| !linked_txns.contains(&r.id))
        .collect();
    let provider = Provider::from_id(view.provider.as_str());
    let mut payments: Vec<PaymentRow> = ledger
        .payments(provider)?
        .into_iter()
        .filter(|p| !linked_payments.contains(&p.id))
        .collect();
    payments.sort_by(|a, b| b.paid_date.cmp(&a.paid_date).then(b.id.cmp(&a.id)));
    payments.truncate(CANDIDATES_MAX);
    Ok(LinkCandidates {
        txns,
        payments: payments.iter().map(payment_ref).collect(),
    })
}

/// Copies files the user chose into the case.
pub fn case_attach(
    ledger: &mut Ledger,
    id: i64,
    files: &[PathBuf],
    now: DateTime<Utc>,
) -> Res<CaseDto> {
    for f in files {
        cases::attach(ledger, id, f, now).map_err(case_error)?;
    }
    case_open(ledger, id, now)
}

/// An attachment's stored copy as a `data:` URL, for images the webview
/// can show (PNG, JPEG, GIF, WebP) up to [`THUMBNAIL_MAX_BYTES`].
pub fn case_thumbnail(ledger: &Ledger, id: i64, attachment: i64) -> Res<Option<String>> {
    let view = cases::show(ledger, id).map_err(case_error)?;
    let Some(a) = view.attachments.iter().find(|a| a.id == attachment) else {
        return Err(ErrorDto::new(
            ErrorCode::NotFound,
            format!("case {id} has no attachment {attachment}; reopen the case to see its files"),
        ));
    };
    if !shows_as_image(&a.media_type) || a.size > THUMBNAIL_MAX_BYTES {
        return Ok(None);
    }
    let path = cases::attachment_dir(ledger, id)
        .map_err(case_error)?
        .join(&a.stored_name);
    let bytes = std::fs::read(&path).map_err(|_| {
        case_error(CaseError::AttachmentChanged {
            path: path.clone(),
            expected: a.stored_sha256.clone(),
        })
    })?;
    if cases::sha256_hex(&bytes) != a.stored_sha256 {
        return Err(case_error(CaseError::AttachmentChanged {
            path,
            expected: a.stored_sha256.clone(),
        }));
    }
    Ok(Some(format!(
        "data:{};base64,{}",
        a.media_type,
        base64(&bytes)
    )))
}

pub(super) fn shows_as_image(media_type: &str) -> bool {
    matches!(
        media_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// Standard base64 with padding (RFC 4648 §4).
pub(super) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What the evidence pack will contain: its files, the redactions it makes
/// and its summary in the user's language `lang`, built in memory from the
/// case as an export for that user sees it.
pub fn case_pack_preview(
    ledger: &mut Ledger,
    id: i64,
    lang: Lang,
    now: DateTime<Utc>,
) -> Res<PackPreview> {
    case_open(ledger, id, now)?;
    let view = cases::show(ledger, id).map_err(case_error)?;
    let opts = ExportOptions {
        user: lang,
        ..ExportOptions::default()
    };
    let (bytes, files) = cases::export_bytes(ledger, id, &opts).map_err(case_error)?;
    let hits = cases::redaction_preview(ledger, id, &opts, now).map_err(case_error)?;
    Ok(PackPreview {
        files: files
            .into_iter()
            .map(|f| PackFileDto {
                path: f.path,
                size: f.size,
            })
            .collect(),
        redactions: hits
            .into_iter()
            .map(|h| RedactionDto {
                file: h.file,
                kind: h.kind,
                hint: h.original_masked_hint,
                replacement: h.replacement,
                line: h.line.and_then(|l| u32::try_from(l).ok()),
            })
            .collect(),
        summary: pack_text(&bytes, &PackLangs::of(&view, lang).summary_md(lang))?,
    })
}

/// One text file of a pack's bytes, by its path inside the bag.
fn pack_text(bytes: &[u8], inner: &str) -> Res<String> {
    let corrupt = |what: String| case_error(CaseError::Corrupt(what));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| corrupt(e.to_string()))?;
        let name = file
            .name()
            .map_err(|e| corrupt(e.to_string()))?
            .into_owned();
        if name.split_once('/').is_some_and(|(_, rest)| rest == inner) {
            let mut text = String::new();
            file.read_to_string(&mut text)
                .map_err(|e| corrupt(e.to_string()))?;
            return Ok(text);
        }
    }
    Err(corrupt(format!("the pack has no {inner}")))
}

/// Writes the evidence pack to `out` (redacted by default) for a user who
/// reads `lang`.
pub fn case_export(
    ledger: &mut Ledger,
    id: i64,
    out: &Path,
    lang: Lang,
    now: DateTime<Utc>,
) -> Res<PackExported> {
    let opts = ExportOptions {
        user: lang,
        ..ExportOptions::default()
    };
    let r = cases::export(ledger, id, out, &opts, now).map_err(case_error)?;
    Ok(PackExported {
        path: r.path,
        sha256: r.sha256,
        size: r.size,
        files: u32::try_from(r.files.len()).unwrap_or(u32::MAX),
    })
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn dto(ledger: &Ledger, view: &CaseView) -> Res<CaseDto> {
    let linked_txns: Vec<&TxnRow> = view
        .active_rows()
        .filter_map(|r| match &r.row {
            Linked::Txn { txn: Some(t), .. } => Some(t),
            _ => None,
        })
        .collect();
    let linked_payments: Vec<&PaymentRow> = view
        .active_rows()
        .filter_map(|r| match &r.row {
            Linked::Payment {
                payment: Some(p), ..
            } => Some(p),
            _ => None,
        })
        .collect();
    let row_of = |id: i64| -> Res<LedgerRowRef> {
        match linked_txns.iter().find(|t| t.id == id) {
            Some(t) => Ok(txn_ref(t)),
            None => Ok(txn_ref(&ledger.transaction(id)?)),
        }
    };
    let diagnosis = view
        .latest_diagnosis()
        .map(|d| diagnosis_dto(d, view.provider));
    let missing: Vec<FactName> = diagnosis
        .as_ref()
        .map(|d| d.missing.clone())
        .unwrap_or_default();

    let mut questions = Vec::new();
    for fact in QUESTION_ORDER {
        let (kind, choices) = answer_kind(fact);
        let choice_labels = choices
            .iter()
            .map(|c| choice_msg(fact, c).unwrap_or_else(|| Msg::new(c)))
            .collect();
        let mut q = Question {
            fact: (*fact).to_owned(),
            kind,
            text: question_msg(fact),
            choices,
            choice_labels,
            answer: None,
            source: None,
            rows: Vec::new(),
            ledger_value: None,
            matters: missing.iter().any(|m| m.as_str() == *fact),
        };
        if let Some(f) = view.facts.iter().find(|f| f.fact == *fact) {
            q.answer = Some(text_of(&f.value));
            q.source = Some(f.source);
            for id in &f.rows {
                q.rows.push(row_of(*id)?);
            }
            if f.source == Origin::Ledger && f.rows.is_empty() {
                q.rows = linked_payments.iter().map(|p| payment_ref(p)).collect();
            }
        } else {
            let detail = match *fact {
                "card_last4" => view.details.card_last4.first(),
                "receipt_number" => view.details.receipt_numbers.first(),
                _ => None,
            };
            if let Some(d) = detail {
                q.answer = Some(d.clone());
                let from_user = view
                    .history
                    .iter()
                    .any(|a| a.current && a.fact == *fact && a.source == Origin::User);
                q.source = Some(if from_user {
                    Origin::User
                } else {
                    Origin::Ledger
                });
                if !from_user {
                    q.rows = linked_payments.iter().map(|p| payment_ref(p)).collect();
                }
            }
        }
        if let Some(c) = view.conflicts.iter().find(|c| c.fact.as_str() == *fact) {
            q.ledger_value = Some(text_of(&c.ledger_value));
            if q.rows.is_empty() {
                for id in &c.rows {
                    q.rows.push(row_of(*id)?);
                }
            }
        }
        questions.push(q);
    }
    let next_question = missing.iter().copied().find(|m| {
        questions
            .iter()
            .any(|q| q.fact == m.as_str() && q.answer.is_none())
    });

    let mut rows: Vec<LedgerRowRef> = linked_txns.iter().map(|t| txn_ref(t)).collect();
    rows.extend(linked_payments.iter().map(|p| payment_ref(p)));
    let attachments = view
        .attachments
        .iter()
        .map(|a| AttachmentDto {
            id: a.id,
            name: a.original_name.clone(),
            stored_name: a.stored_name.clone(),
            media_type: a.media_type.clone(),
            size: a.size,
            sha256: a.stored_sha256.clone(),
            captured_at: a.captured_at.clone(),
            metadata_removed: a.redacted,
            has_thumbnail: shows_as_image(&a.media_type) && a.size <= THUMBNAIL_MAX_BYTES,
        })
        .collect();
    Ok(CaseDto {
        id: view.id,
        title: view.title.clone(),
        title_msg: view.title_msg.clone(),
        provider: view.provider,
        status: view.status,
        created_at: view.created_at.clone(),
        updated_at: view.updated_at.clone(),
        questions,
        next_question,
        diagnosis,
        rows,
        attachments,
        notes: view
            .notes
            .iter()
            .map(|n| NoteDto {
                id: n.id,
                text: n.text.clone(),
                created_at: n.created_at.clone(),
            })
            .collect(),
        message: cases::drafted_message(view, &ExportOptions::default()),
        drafts: Lang::ALL
            .iter()
            .map(|l| cases::drafted_message_in(view, &ExportOptions::default(), *l))
            .collect(),
    })
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a stored diagnosis (the JSON `topup diagnose` prints). The ids in
/// it are the ones [`topup::diagnose`] writes; one this build does not know
/// (none today) is left out rather than shown as a raw id.
fn diagnosis_dto(d: &cases::DiagnosisRecord, provider: Provider) -> DiagnosisDto {
    let r = &d.result;
    let findings = r
        .get("diagnoses")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|f| {
                    let code = Code::from_id(f.get("code").and_then(Value::as_str)?)?;
                    Some((f, code))
                })
                .map(|(f, code)| FindingDto {
                    code,
                    title: code.title(),
                    explanation_msg: f
                        .get("explanation_msg")
                        .and_then(|m| serde_json::from_value(m.clone()).ok()),
                    confidence: f
                        .get("confidence")
                        .and_then(Value::as_u64)
                        .and_then(|c| u8::try_from(c).ok())
                        .unwrap_or(0),
                    explanation: f
                        .get("explanation")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    let missing = r
        .get("missing_facts")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.get("fact").and_then(Value::as_str))
                .filter_map(FactName::from_id)
                .collect()
        })
        .unwrap_or_default();
    let first_contact = r
        .get("first_contact")
        .and_then(Value::as_str)
        .and_then(Contact::from_id)
        .unwrap_or(Contact::None);
    let do_not: Vec<DoNot> = strings(r.get("do_not"))
        .iter()
        .filter_map(|s| DoNot::from_id(s))
        .collect();
    DiagnosisDto {
        computed_at: d.computed_at.clone(),
        findings,
        first_contact,
        first_contact_msg: first_contact.msg(provider),
        first_contact_hint: first_contact.hint(),
        do_not_msgs: do_not.iter().map(|x| x.msg()).collect(),
        do_not,
        missing,
        next_steps: strings(r.get("next_steps")),
        next_steps_msg: r
            .get("next_steps_msg")
            .and_then(|m| serde_json::from_value(m.clone()).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }
}

//! Top-up cases: one missing top-up, what is known about it, and the
//! evidence pack that goes to support or the bank (SPEC §7.2).
//!
//! A case keeps facts and answers with their times, linked ledger rows
//! (card lines and provider payment records), notes, attachments and every
//! diagnosis run. Nothing is overwritten: a later answer supersedes an
//! earlier one and both stay for the timeline.
//!
//! - Facts reuse [`crate::topup`]: an answer is read by
//!   [`FactValue::parse_answer`], with the facts file's checks and messages.
//!   A few case-only details that are not diagnosis facts (`card_last4`,
//!   `receipt_number`, `invoice_number`) fill the drafted message.
//! - The ledger's view is computed from the links every time (so it follows
//!   an undo and re-import of the statement) and merged with the user's
//!   answers by [`Facts::set_from_ledger`]: the user wins, agreements gain the
//!   rows, disagreements are listed. Changes the links make are also written
//!   to the fact history with source `ledger`.
//! - Every function that records something takes `now` (UTC): the core never
//!   reads the clock here, so tests and exports are reproducible.
//! - [`export`] writes a deterministic, redacted BagIt ZIP (attachment names
//!   redacted too); [`redaction_preview`] lists what it would redact, writing
//!   nothing; [`verify`] checks one, reading the ZIP under
//!   [`crate::zipguard::PACK_LIMITS`].

mod attach;
mod message;
mod pack;
pub mod redact;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

use crate::ledger::{Ledger, LedgerError, TxnRow, TxnStatus};
use crate::money::Currency;
use crate::provider::{PaymentRow, PaymentStatus};
use crate::topup::{self, Conflict, FactName, FactValue, Facts, Origin, Provider, TopupError};

pub use attach::sha256_hex;
pub use pack::{
    drafted_message, export, export_bytes, redaction_preview, verify, verify_bytes, ExportOptions,
    ExportReport, PackFile, PackProblem, RedactionHit, VerifyReport,
};
pub use redact::{HitKind, Redaction};

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
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
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

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, CaseError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| CaseError::Corrupt(format!("instant {s:?}")))
}

/// The local time a case's timeline is shown in: the time zone's name where
/// known, and the UTC offset in force when the case was opened (the times are
/// computed with that offset; a daylight-saving change during the case is not
/// followed, and the pack says which offset it used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalZone {
    pub name: Option<String>,
    pub utc_offset_minutes: i32,
}

impl LocalZone {
    /// This machine's zone at `at`.
    pub fn system(at: DateTime<Utc>) -> LocalZone {
        let offset = at.with_timezone(&chrono::Local).offset().fix();
        LocalZone {
            name: iana_time_zone::get_timezone().ok(),
            utc_offset_minutes: offset.local_minus_utc() / 60,
        }
    }

    /// A fixed offset, as `+08:00`, `-05:00`, `Z` or `UTC`.
    pub fn parse_offset(text: &str) -> Result<LocalZone, CaseError> {
        let t = text.trim();
        let bad = || CaseError::BadOffset(t.to_owned());
        if t == "Z" || t.eq_ignore_ascii_case("utc") {
            return Ok(LocalZone {
                name: Some("UTC".into()),
                utc_offset_minutes: 0,
            });
        }
        let (sign, rest) = match t.as_bytes().first() {
            Some(b'+') => (1, &t[1..]),
            Some(b'-') => (-1, &t[1..]),
            _ => return Err(bad()),
        };
        let (h, m) = rest.split_once(':').ok_or_else(bad)?;
        let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if h > 18 || !(0..60).contains(&m) || (h == 18 && m > 0) {
            return Err(bad());
        }
        Ok(LocalZone {
            name: None,
            utc_offset_minutes: sign * (h * 60 + m),
        })
    }

    fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_minutes * 60).unwrap_or_else(|| Utc.fix())
    }

    /// `+08:00`.
    pub fn offset_text(&self) -> String {
        self.offset().to_string()
    }

    /// A UTC instant in this zone: `2026-01-26 17:05:00 +08:00`.
    pub fn local(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.offset())
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    }

    /// How the zone is described to a reader.
    pub fn describe(&self) -> String {
        match &self.name {
            Some(n) => format!("UTC{} ({n})", self.offset_text()),
            None => format!("UTC{}", self.offset_text()),
        }
    }
}

/// A case to open.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub title: Option<String>,
    pub provider: Option<Provider>,
    /// Facts known from the start (a facts file); recorded as user answers.
    pub facts: Facts,
    pub zone: LocalZone,
}

/// Whether a case is still being worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    Open,
    Closed,
}

/// One case in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    pub id: i64,
    pub title: String,
    pub provider: Provider,
    pub status: CaseStatus,
    pub created_at: String,
    pub updated_at: String,
}

/// One answer in a fact's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactAnswer {
    pub id: i64,
    pub fact: String,
    /// `None`: the answer was "unknown" (or the ledger no longer shows it).
    pub value: Option<Value>,
    pub source: Origin,
    pub rows: Vec<i64>,
    /// UTC instant.
    pub answered_at: String,
    /// False once a later answer from the same source replaced it.
    pub current: bool,
}

/// A fact as the diagnosis uses it, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrentFact {
    pub fact: String,
    pub value: Value,
    pub source: Origin,
    pub rows: Vec<i64>,
    /// When the user answered it (UTC); for ledger facts, when the newest row
    /// behind it was linked.
    pub answered_at: Option<String>,
}

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Linked {
    /// A card line; `txn` is `None` while its import is undone.
    Txn { txn_id: i64, txn: Option<TxnRow> },
    /// A provider payment record; `None` once it was removed.
    Payment {
        payment_id: i64,
        payment: Option<PaymentRow>,
    },
}

/// A ledger row linked to the case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedRow {
    pub link_id: i64,
    #[serde(flatten)]
    pub row: Linked,
    pub linked_at: String,
    pub unlinked_at: Option<String>,
}

impl LinkedRow {
    fn active(&self) -> bool {
        self.unlinked_at.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub text: String,
    pub created_at: String,
}

/// A file kept with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    /// The file name in the case's attachment folder (and in the pack).
    pub stored_name: String,
    pub original_name: String,
    pub original_sha256: String,
    pub stored_sha256: String,
    pub original_size: u64,
    pub size: u64,
    pub media_type: String,
    /// When the app took its copy (UTC).
    pub captured_at: String,
    /// Whether metadata (EXIF, GPS, text chunks) was removed from the copy.
    pub redacted: bool,
}

/// One diagnosis run: the JSON `topup diagnose` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisRecord {
    pub id: i64,
    pub computed_at: String,
    pub result: Value,
}

/// Details for the drafted message that are not diagnosis facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseDetails {
    pub card_last4: Vec<String>,
    pub receipt_numbers: Vec<String>,
    pub invoice_numbers: Vec<String>,
    pub organization_ids: Vec<String>,
}

/// Everything about one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub id: i64,
    pub title: String,
    pub provider: Provider,
    pub status: CaseStatus,
    pub created_at: String,
    pub updated_at: String,
    pub zone: LocalZone,
    /// The facts the diagnosis uses, user answers and ledger facts merged.
    pub facts: Vec<CurrentFact>,
    /// Where the user's answer and the ledger disagree (the answer is used).
    pub conflicts: Vec<Conflict>,
    pub details: CaseDetails,
    /// Every answer ever given, oldest first.
    pub history: Vec<FactAnswer>,
    /// Every link, also the removed ones (with `unlinked_at`).
    pub rows: Vec<LinkedRow>,
    pub notes: Vec<Note>,
    pub attachments: Vec<Attachment>,
    /// Every diagnosis run, oldest first.
    pub diagnoses: Vec<DiagnosisRecord>,
    /// Whether the newest diagnosis was made from the current facts.
    pub diagnosis_current: bool,
    #[serde(skip)]
    merged: Facts,
}

impl CaseView {
    /// The merged facts, as [`topup::diagnose`] takes them.
    pub fn topup_facts(&self) -> &Facts {
        &self.merged
    }

    /// The newest diagnosis, if any was run.
    pub fn latest_diagnosis(&self) -> Option<&DiagnosisRecord> {
        self.diagnoses.last()
    }

    /// The links still in force.
    pub fn active_rows(&self) -> impl Iterator<Item = &LinkedRow> {
        self.rows.iter().filter(|r| r.active())
    }
}

/// Case-only details: not diagnosis facts, but they fill the message.
const DETAILS: &[&str] = &["card_last4", "receipt_number", "invoice_number"];

fn read_detail(field: &str, text: &str) -> Result<Option<String>, CaseError> {
    let t = text.trim();
    if t.is_empty() || t == "unknown" {
        return Ok(None);
    }
    let err = |problem: String, expected: &str| CaseError::Detail {
        field: field.to_owned(),
        problem,
        expected: expected.to_owned(),
    };
    if field == "card_last4" {
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Some(t.to_owned()));
        }
        return Err(err(
            format!("\"{t}\" is not four digits"),
            "the last four digits of the card, such as 4242",
        ));
    }
    if t.len() > 64 || t.chars().any(char::is_control) {
        return Err(err(
            format!("\"{t}\" is not a reference number"),
            "the number as the receipt shows it, at most 64 characters on one line",
        ));
    }
    Ok(Some(t.to_owned()))
}

fn touch(ledger: &Ledger, case: i64, now: DateTime<Utc>) -> Result<(), CaseError> {
    ledger.conn.execute(
        "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
        params![case, instant(now)],
    )?;
    Ok(())
}

fn ensure_case(ledger: &Ledger, case: i64) -> Result<(), CaseError> {
    let found: Option<i64> = ledger
        .conn
        .query_row("SELECT id FROM cases WHERE id = ?1", [case], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or(CaseError::NoSuchCase(case))
}

/// Opens a case; returns its id.
pub fn create(ledger: &mut Ledger, new: &NewCase, now: DateTime<Utc>) -> Result<i64, CaseError> {
    let provider = new.provider.unwrap_or_else(|| new.facts.provider());
    let title = new
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{} top-up did not arrive", provider.name()));
    let at = instant(now);
    let tx = ledger.conn.transaction()?;
    tx.execute(
        "INSERT INTO cases (title, provider, status, created_at, updated_at, tz_name, utc_offset_minutes)
         VALUES (?1, ?2, 'open', ?3, ?3, ?4, ?5)",
        params![title, provider.as_str(), at, new.zone.name, new.zone.utc_offset_minutes],
    )?;
    let id = tx.last_insert_rowid();
    for k in new.facts.iter() {
        tx.execute(
            "INSERT INTO case_facts (case_id, fact, value, source, rows, answered_at)
             VALUES (?1, ?2, ?3, 'user', '[]', ?4)",
            params![
                id,
                k.value.name().as_str(),
                k.value.to_json().to_string(),
                at
            ],
        )?;
    }
    tx.commit()?;
    Ok(id)
}

/// Every case, newest first.
pub fn list(ledger: &Ledger) -> Result<Vec<CaseSummary>, CaseError> {
    let mut stmt = ledger.conn.prepare(
        "SELECT id, title, provider, status, created_at, updated_at FROM cases ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let provider: String = r.get(2)?;
        let status: String = r.get(3)?;
        out.push(CaseSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            provider: parse_provider(&provider)?,
            status: parse_status(&status)?,
            created_at: r.get(4)?,
            updated_at: r.get(5)?,
        });
    }
    Ok(out)
}

fn parse_provider(s: &str) -> Result<Provider, CaseError> {
    Provider::from_id(s).ok_or_else(|| CaseError::Corrupt(format!("provider {s:?}")))
}

fn parse_status(s: &str) -> Result<CaseStatus, CaseError> {
    match s {
        "open" => Ok(CaseStatus::Open),
        "closed" => Ok(CaseStatus::Closed),
        other => Err(CaseError::Corrupt(format!("case status {other:?}"))),
    }
}

/// Records an answer: a §7.1 fact (`bank_status`, `amount`, ...) or a case
/// detail (`card_last4`, `receipt_number`, `invoice_number`), as text.
/// `unknown` clears it. Returns the value as stored (`None` for unknown).
pub fn answer(
    ledger: &mut Ledger,
    case: i64,
    fact: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Option<Value>, CaseError> {
    ensure_case(ledger, case)?;
    let fact = fact.trim();
    let value: Option<Value> = if DETAILS.contains(&fact) {
        read_detail(fact, text)?.map(Value::from)
    } else {
        FactValue::parse_answer(fact, text)?.map(|v| v.to_json())
    };
    let tx = ledger.conn.transaction()?;
    tx.execute(
        "INSERT INTO case_facts (case_id, fact, value, source, rows, answered_at)
         VALUES (?1, ?2, ?3, 'user', '[]', ?4)",
        params![
            case,
            fact,
            value.as_ref().map(Value::to_string),
            instant(now)
        ],
    )?;
    if fact == FactName::Provider.as_str() {
        if let Some(p) = value.as_ref().and_then(Value::as_str) {
            tx.execute(
                "UPDATE cases SET provider = ?2 WHERE id = ?1",
                params![case, p],
            )?;
        }
    }
    tx.commit()?;
    touch(ledger, case, now)?;
    Ok(value)
}

/// Links a card line (a ledger transaction) to the case.
pub fn link_txn(
    ledger: &mut Ledger,
    case: i64,
    txn_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_case(ledger, case)?;
    let identity: Option<(i64, i64, i64, i64)> = ledger
        .conn
        .query_row(
            "SELECT account_id, txn_date, fingerprint, occurrence FROM transactions WHERE id = ?1",
            [txn_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (account, date, fp, occ) = identity.ok_or(LedgerError::NoSuchTxn(txn_id))?;
    let active: Option<i64> = ledger
        .conn
        .query_row(
            "SELECT id FROM case_rows WHERE case_id = ?1 AND kind = 'txn' AND unlinked_at IS NULL
               AND account_id = ?2 AND txn_date = ?3 AND fingerprint = ?4 AND occurrence = ?5",
            params![case, account, date, fp, occ],
            |r| r.get(0),
        )
        .optional()?;
    if active.is_some() {
        return Err(CaseError::AlreadyLinked {
            case,
            what: format!("transaction {txn_id}"),
        });
    }
    ledger.conn.execute(
        "INSERT INTO case_rows (case_id, kind, txn_id, account_id, txn_date, fingerprint, occurrence, linked_at)
         VALUES (?1, 'txn', ?2, ?3, ?4, ?5, ?6, ?7)",
        params![case, txn_id, account, date, fp, occ, instant(now)],
    )?;
    after_links_changed(ledger, case, now)
}

/// Links a provider payment record (`aispend payments list`) to the case.
pub fn link_payment(
    ledger: &mut Ledger,
    case: i64,
    payment_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_case(ledger, case)?;
    if ledger.payment(payment_id)?.is_none() {
        return Err(LedgerError::NoSuchPayment(payment_id).into());
    }
    let active: Option<i64> = ledger
        .conn
        .query_row(
            "SELECT id FROM case_rows WHERE case_id = ?1 AND kind = 'payment'
               AND payment_id = ?2 AND unlinked_at IS NULL",
            params![case, payment_id],
            |r| r.get(0),
        )
        .optional()?;
    if active.is_some() {
        return Err(CaseError::AlreadyLinked {
            case,
            what: format!("payment record {payment_id}"),
        });
    }
    ledger.conn.execute(
        "INSERT INTO case_rows (case_id, kind, payment_id, linked_at) VALUES (?1, 'payment', ?2, ?3)",
        params![case, payment_id, instant(now)],
    )?;
    after_links_changed(ledger, case, now)
}

/// Removes a link (kept in the history with the time it was removed).
/// `txn_id` is the line's id as linked or as it is now after a re-import.
pub fn unlink_txn(
    ledger: &mut Ledger,
    case: i64,
    txn_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_case(ledger, case)?;
    let view = show(ledger, case)?;
    let link = view.active_rows().find(|r| match &r.row {
        Linked::Txn { txn_id: t, txn } => {
            *t == txn_id || txn.as_ref().is_some_and(|x| x.id == txn_id)
        }
        Linked::Payment { .. } => false,
    });
    let Some(link) = link else {
        return Err(CaseError::NotLinked {
            case,
            what: format!("transaction {txn_id}"),
        });
    };
    ledger.conn.execute(
        "UPDATE case_rows SET unlinked_at = ?2 WHERE id = ?1",
        params![link.link_id, instant(now)],
    )?;
    after_links_changed(ledger, case, now)
}

/// Removes a payment record's link.
pub fn unlink_payment(
    ledger: &mut Ledger,
    case: i64,
    payment_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_case(ledger, case)?;
    let changed = ledger.conn.execute(
        "UPDATE case_rows SET unlinked_at = ?3
          WHERE case_id = ?1 AND kind = 'payment' AND payment_id = ?2 AND unlinked_at IS NULL",
        params![case, payment_id, instant(now)],
    )?;
    if changed == 0 {
        return Err(CaseError::NotLinked {
            case,
            what: format!("payment record {payment_id}"),
        });
    }
    after_links_changed(ledger, case, now)
}

/// Writes the ledger facts that changed with the links to the history.
fn after_links_changed(ledger: &Ledger, case: i64, now: DateTime<Utc>) -> Result<(), CaseError> {
    let links = load_links(ledger, case)?;
    let provider: String =
        ledger
            .conn
            .query_row("SELECT provider FROM cases WHERE id = ?1", [case], |r| {
                r.get(0)
            })?;
    let provider = parse_provider(&provider)?;
    let fresh: BTreeMap<String, (Value, Vec<i64>)> = ledger_facts(ledger, provider, &links)?
        .into_iter()
        .map(|(v, rows)| (v.name().as_str().to_owned(), (v.to_json(), rows)))
        .collect();
    let history = load_history(ledger, case)?;
    let mut recorded: BTreeMap<String, (Option<Value>, Vec<i64>)> = BTreeMap::new();
    for a in history.iter().filter(|a| a.source == Origin::Ledger) {
        recorded.insert(a.fact.clone(), (a.value.clone(), a.rows.clone()));
    }
    let at = instant(now);
    for (fact, (value, rows)) in &fresh {
        let same = recorded
            .get(fact)
            .is_some_and(|(v, r)| v.as_ref() == Some(value) && r == rows);
        if !same {
            ledger.conn.execute(
                "INSERT INTO case_facts (case_id, fact, value, source, rows, answered_at)
                 VALUES (?1, ?2, ?3, 'ledger', ?4, ?5)",
                params![case, fact, value.to_string(), json!(rows).to_string(), at],
            )?;
        }
    }
    for (fact, (value, _)) in &recorded {
        if value.is_some() && !fresh.contains_key(fact) {
            ledger.conn.execute(
                "INSERT INTO case_facts (case_id, fact, value, source, rows, answered_at)
                 VALUES (?1, ?2, NULL, 'ledger', '[]', ?3)",
                params![case, fact, at],
            )?;
        }
    }
    touch(ledger, case, now)
}

/// Adds a note.
pub fn note(
    ledger: &mut Ledger,
    case: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<i64, CaseError> {
    ensure_case(ledger, case)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(CaseError::EmptyNote);
    }
    ledger.conn.execute(
        "INSERT INTO case_notes (case_id, text, created_at) VALUES (?1, ?2, ?3)",
        params![case, text, instant(now)],
    )?;
    let id = ledger.conn.last_insert_rowid();
    touch(ledger, case, now)?;
    Ok(id)
}

/// The folder a case's attachments live in: `attachments/<case id>/` next
/// to the ledger file.
pub fn attachment_dir(ledger: &Ledger, case: i64) -> Result<PathBuf, CaseError> {
    let path = ledger.path().ok_or(CaseError::NoDataFolder)?;
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(base.join("attachments").join(case.to_string()))
}

/// Copies a file into the case's folder (JPEG/PNG without their metadata)
/// and records it with both hashes.
pub fn attach(
    ledger: &mut Ledger,
    case: i64,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<Attachment, CaseError> {
    ensure_case(ledger, case)?;
    let dir = attachment_dir(ledger, case)?;
    let bytes = std::fs::read(file).map_err(|source| CaseError::ReadFile {
        path: file.to_path_buf(),
        source,
    })?;
    let original_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let media_type = attach::media_type(&bytes, &original_name);
    let (stored, redacted) =
        attach::stripped(&bytes, media_type).map_err(|problem| CaseError::BadImage {
            path: file.to_path_buf(),
            problem,
        })?;
    let seq: i64 = ledger.conn.query_row(
        "SELECT count(*) + 1 FROM case_attachments WHERE case_id = ?1",
        [case],
        |r| r.get(0),
    )?;
    let stored_name = format!("{seq:02}-{}", attach::safe_name(&original_name));
    std::fs::create_dir_all(&dir).map_err(|source| CaseError::WriteFile {
        path: dir.clone(),
        source,
    })?;
    let target = dir.join(&stored_name);
    // Write beside, then rename: a crash never leaves half a file under the name.
    let partial = dir.join(format!(".{stored_name}.partial"));
    std::fs::write(&partial, &stored)
        .and_then(|()| std::fs::rename(&partial, &target))
        .map_err(|source| CaseError::WriteFile {
            path: target.clone(),
            source,
        })?;
    let a = Attachment {
        id: 0,
        stored_name,
        original_name,
        original_sha256: sha256_hex(&bytes),
        stored_sha256: sha256_hex(&stored),
        original_size: bytes.len() as u64,
        size: stored.len() as u64,
        media_type: media_type.to_owned(),
        captured_at: instant(now),
        redacted,
    };
    ledger.conn.execute(
        "INSERT INTO case_attachments (case_id, stored_name, original_name, original_sha256,
            stored_sha256, original_size, size, media_type, captured_at, redacted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            case,
            a.stored_name,
            a.original_name,
            a.original_sha256,
            a.stored_sha256,
            a.original_size as i64,
            a.size as i64,
            a.media_type,
            a.captured_at,
            a.redacted
        ],
    )?;
    let id = ledger.conn.last_insert_rowid();
    touch(ledger, case, now)?;
    Ok(Attachment { id, ..a })
}

/// Runs the diagnosis on the case's current facts (`now` fills the `now`
/// fact when the user gave none) and appends it to the history.
pub fn diagnose(
    ledger: &mut Ledger,
    case: i64,
    now: DateTime<Utc>,
) -> Result<DiagnosisRecord, CaseError> {
    let view = show(ledger, case)?;
    let d = unrecorded_diagnosis(&view, now)?;
    ledger.conn.execute(
        "INSERT INTO case_diagnoses (case_id, computed_at, result) VALUES (?1, ?2, ?3)",
        params![case, d.computed_at, d.result.to_string()],
    )?;
    let id = ledger.conn.last_insert_rowid();
    touch(ledger, case, now)?;
    Ok(DiagnosisRecord { id, ..d })
}

/// The diagnosis of the view's current facts at `now`, not recorded (id 0).
fn unrecorded_diagnosis(view: &CaseView, now: DateTime<Utc>) -> Result<DiagnosisRecord, CaseError> {
    let mut facts = view.merged.clone();
    facts.now_or(now);
    let d = topup::diagnose(&facts);
    let result =
        serde_json::to_value(&d).map_err(|e| CaseError::Corrupt(format!("diagnosis: {e}")))?;
    Ok(DiagnosisRecord {
        id: 0,
        computed_at: instant(now),
        result,
    })
}

/// Everything about a case: merged facts with provenance, history, links,
/// notes, attachments and diagnoses.
pub fn show(ledger: &Ledger, case: i64) -> Result<CaseView, CaseError> {
    type Head = (String, String, String, String, String, Option<String>, i32);
    let head: Option<Head> = ledger
        .conn
        .query_row(
            "SELECT title, provider, status, created_at, updated_at, tz_name, utc_offset_minutes
               FROM cases WHERE id = ?1",
            [case],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let (title, provider, status, created_at, updated_at, tz_name, offset) =
        head.ok_or(CaseError::NoSuchCase(case))?;
    let provider = parse_provider(&provider)?;
    let history = load_history(ledger, case)?;
    let rows = load_links(ledger, case)?;

    // The user's current answers, read back through topup's own reader.
    let mut user_json = serde_json::Map::new();
    let mut answered: BTreeMap<String, String> = BTreeMap::new();
    let mut details = CaseDetails::default();
    for a in history
        .iter()
        .filter(|a| a.current && a.source == Origin::User)
    {
        let Some(v) = &a.value else { continue };
        match a.fact.as_str() {
            "card_last4" | "receipt_number" | "invoice_number" => {
                let list = match a.fact.as_str() {
                    "card_last4" => &mut details.card_last4,
                    "receipt_number" => &mut details.receipt_numbers,
                    _ => &mut details.invoice_numbers,
                };
                if let Some(s) = v.as_str() {
                    list.push(s.to_owned());
                }
            }
            _ => {
                user_json.insert(a.fact.clone(), v.clone());
                answered.insert(a.fact.clone(), a.answered_at.clone());
            }
        }
    }
    let mut merged = Facts::from_json_str(&Value::Object(user_json).to_string())
        .map_err(|e| CaseError::Corrupt(format!("stored answers: {e}")))?;
    if !merged.has(FactName::Provider) {
        merged.set(FactValue::Provider(provider), topup::Source::user());
        answered.insert("provider".into(), created_at.clone());
    }
    for (value, rows_used) in ledger_facts(ledger, provider, &rows)? {
        merged.set_from_ledger(value, &rows_used);
    }
    for r in rows.iter().filter(|r| r.active()) {
        if let Linked::Payment {
            payment: Some(p), ..
        } = &r.row
        {
            push_unique(&mut details.card_last4, p.card_last4.as_deref());
            push_unique(&mut details.receipt_numbers, p.receipt_number.as_deref());
            push_unique(&mut details.invoice_numbers, p.invoice_number.as_deref());
            push_unique(&mut details.organization_ids, p.organization_id.as_deref());
        }
    }
    for f in [FactName::TopupOrg, FactName::KeyOrg] {
        if let Some(k) = merged.get(f) {
            push_unique(&mut details.organization_ids, k.value.to_json().as_str());
        }
    }
    let last_ledger_link = rows
        .iter()
        .filter(|r| r.active())
        .map(|r| r.linked_at.clone())
        .max();
    let facts: Vec<CurrentFact> = merged
        .iter()
        .map(|k| CurrentFact {
            fact: k.value.name().as_str().to_owned(),
            value: k.value.to_json(),
            source: k.source.origin,
            rows: k.source.rows.clone(),
            answered_at: match k.source.origin {
                Origin::User => answered.get(k.value.name().as_str()).cloned(),
                _ => last_ledger_link.clone(),
            },
        })
        .collect();

    let diagnoses = load_diagnoses(ledger, case)?;
    let diagnosis_current = diagnoses
        .last()
        .is_some_and(|d| same_facts(&d.result, &facts));
    Ok(CaseView {
        id: case,
        title,
        provider,
        status: parse_status(&status)?,
        created_at,
        updated_at,
        zone: LocalZone {
            name: tz_name,
            utc_offset_minutes: offset,
        },
        conflicts: merged.conflicts().to_vec(),
        facts,
        details,
        history,
        rows,
        notes: load_notes(ledger, case)?,
        attachments: load_attachments(ledger, case)?,
        diagnoses,
        diagnosis_current,
        merged,
    })
}

fn push_unique(list: &mut Vec<String>, v: Option<&str>) {
    if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
        if !list.iter().any(|x| x == v) {
            list.push(v.to_owned());
        }
    }
}

/// Whether a stored diagnosis was made from these facts (the clock's `now`
/// aside).
fn same_facts(result: &Value, facts: &[CurrentFact]) -> bool {
    let stored: Vec<(String, Value, Value, Value)> = result
        .get("facts")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|e| e.get("source") != Some(&json!("clock")))
                .map(|e| {
                    (
                        e.get("fact")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                        e.get("value").cloned().unwrap_or(Value::Null),
                        e.get("source").cloned().unwrap_or(Value::Null),
                        e.get("rows").cloned().unwrap_or(json!([])),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let now: Vec<(String, Value, Value, Value)> = facts
        .iter()
        .filter(|f| f.source != Origin::Clock)
        .map(|f| {
            (
                f.fact.clone(),
                f.value.clone(),
                json!(f.source),
                json!(f.rows),
            )
        })
        .collect();
    stored == now
}

fn load_history(ledger: &Ledger, case: i64) -> Result<Vec<FactAnswer>, CaseError> {
    let mut stmt = ledger.conn.prepare(
        "SELECT id, fact, value, source, rows, answered_at FROM case_facts
          WHERE case_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([case])?;
    let mut out: Vec<FactAnswer> = Vec::new();
    while let Some(r) = rows.next()? {
        let value: Option<String> = r.get(2)?;
        let source: String = r.get(3)?;
        let rows_json: String = r.get(4)?;
        let value = value
            .map(|v| serde_json::from_str(&v))
            .transpose()
            .map_err(|_| CaseError::Corrupt("fact value".into()))?;
        out.push(FactAnswer {
            id: r.get(0)?,
            fact: r.get(1)?,
            value,
            source: match source.as_str() {
                "user" => Origin::User,
                "ledger" => Origin::Ledger,
                other => return Err(CaseError::Corrupt(format!("fact source {other:?}"))),
            },
            rows: serde_json::from_str(&rows_json)
                .map_err(|_| CaseError::Corrupt("fact rows".into()))?,
            answered_at: r.get(5)?,
            current: true,
        });
    }
    // A later answer of the same fact from the same source supersedes.
    let mut seen: BTreeMap<(String, Origin), ()> = BTreeMap::new();
    for a in out.iter_mut().rev() {
        if seen.insert((a.fact.clone(), a.source), ()).is_some() {
            a.current = false;
        }
    }
    Ok(out)
}

fn load_links(ledger: &Ledger, case: i64) -> Result<Vec<LinkedRow>, CaseError> {
    type Raw = (
        i64,
        String,
        Option<i64>,
        Option<(i64, i64, i64, i64)>,
        Option<i64>,
        String,
        Option<String>,
    );
    let mut stmt = ledger.conn.prepare(
        "SELECT id, kind, txn_id, account_id, txn_date, fingerprint, occurrence, payment_id,
                linked_at, unlinked_at
           FROM case_rows WHERE case_id = ?1 ORDER BY id",
    )?;
    let raws: Vec<Raw> = stmt
        .query_map([case], |r| {
            let identity = match (
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<i64>>(6)?,
            ) {
                (Some(a), Some(d), Some(f), Some(o)) => Some((a, d, f, o)),
                _ => None,
            };
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                identity,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (link_id, kind, txn_id, identity, payment_id, linked_at, unlinked_at) in raws {
        let row = match (kind.as_str(), txn_id, identity, payment_id) {
            ("txn", Some(txn_id), Some((a, d, f, o)), _) => {
                // By identity: the line keeps it across undo and re-import.
                let now_id: Option<i64> = ledger
                    .conn
                    .query_row(
                        "SELECT id FROM transactions WHERE account_id = ?1 AND txn_date = ?2
                           AND fingerprint = ?3 AND occurrence = ?4",
                        params![a, d, f, o],
                        |r| r.get(0),
                    )
                    .optional()?;
                let txn = now_id.map(|id| ledger.transaction(id)).transpose()?;
                Linked::Txn { txn_id, txn }
            }
            ("payment", _, _, Some(payment_id)) => Linked::Payment {
                payment_id,
                payment: ledger.payment(payment_id)?,
            },
            _ => return Err(CaseError::Corrupt(format!("case link {link_id}"))),
        };
        out.push(LinkedRow {
            link_id,
            row,
            linked_at,
            unlinked_at,
        });
    }
    Ok(out)
}

/// The magnitude of a charge in the currency the provider billed: the
/// original amount where the statement gives one (a card in another
/// currency), else the billed amount.
fn charge_amount(t: &TxnRow) -> (Decimal, Currency) {
    match (t.original_amount, t.original_currency) {
        (Some(a), Some(c)) => (a.abs(), c),
        _ => (t.amount.abs(), t.currency),
    }
}

/// A money amount with at least two decimals (`25.00`, `0.125`).
fn money(d: Decimal) -> Decimal {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

/// What the linked rows say, as facts with the ledger rows behind each.
fn ledger_facts(
    ledger: &Ledger,
    provider: Provider,
    links: &[LinkedRow],
) -> Result<Vec<(FactValue, Vec<i64>)>, CaseError> {
    let mut out = Vec::new();
    let txns: Vec<&TxnRow> = links
        .iter()
        .filter(|l| l.active())
        .filter_map(|l| match &l.row {
            Linked::Txn { txn: Some(t), .. } if t.amount < Decimal::ZERO => Some(t),
            _ => None,
        })
        .collect();
    let payments: Vec<&PaymentRow> = links
        .iter()
        .filter(|l| l.active())
        .filter_map(|l| match &l.row {
            Linked::Payment {
                payment: Some(p), ..
            } => Some(p),
            _ => None,
        })
        .collect();
    let ids = |ts: &[&TxnRow]| -> Vec<i64> {
        let mut v: Vec<i64> = ts.iter().map(|t| t.id).collect();
        v.sort_unstable();
        v
    };
    if !txns.is_empty() {
        let status = if txns.iter().any(|t| t.status == TxnStatus::Posted) {
            topup::BankStatus::Settled
        } else if txns.iter().any(|t| t.status == TxnStatus::Pending) {
            topup::BankStatus::Pending
        } else {
            topup::BankStatus::Reversed
        };
        out.push((FactValue::BankStatus(status), ids(&txns)));
        // A pending line that the ledger pairs with a linked posted line is
        // the same charge: count it once.
        let live: Vec<&TxnRow> = txns
            .iter()
            .copied()
            .filter(|t| t.status != TxnStatus::Reverted)
            .collect();
        let mut counted = Vec::new();
        for t in &live {
            if t.status == TxnStatus::Pending {
                let paired = live
                    .iter()
                    .filter(|p| p.status == TxnStatus::Posted)
                    .map(|p| -> Result<bool, CaseError> {
                        Ok(ledger
                            .conn
                            .query_row(
                                "SELECT 1 FROM txn_links WHERE pending_id = ?1 AND posted_id = ?2
                                   AND state != 'rejected'",
                                params![t.id, p.id],
                                |_| Ok(()),
                            )
                            .optional()?
                            .is_some())
                    })
                    .collect::<Result<Vec<bool>, CaseError>>()?
                    .into_iter()
                    .any(|x| x);
                if paired {
                    continue;
                }
            }
            counted.push(*t);
        }
        if !counted.is_empty() {
            let n = u32::try_from(counted.len()).unwrap_or(u32::MAX);
            out.push((FactValue::ChargesSeen(n), ids(&counted)));
        }
        let amounts: Vec<(Decimal, Currency)> = live.iter().map(|t| charge_amount(t)).collect();
        if let Some(first) = amounts.first() {
            if payments.is_empty() && amounts.iter().all(|a| a == first) {
                out.push((FactValue::Amount(money(first.0)), ids(&live)));
                out.push((FactValue::Currency(first.1), ids(&live)));
            }
        }
    }
    if !payments.is_empty() {
        let record = if payments
            .iter()
            .any(|p| p.status == PaymentStatus::Succeeded)
        {
            Some(topup::PaymentRecord::Succeeded)
        } else if payments.iter().all(|p| p.status == PaymentStatus::Failed) {
            Some(topup::PaymentRecord::Failed)
        } else {
            None
        };
        if let Some(r) = record {
            out.push((FactValue::PlatformPaymentRecord(r), Vec::new()));
        }
        let first = payments[0];
        if payments
            .iter()
            .all(|p| p.amount == first.amount && p.currency == first.currency)
        {
            out.push((FactValue::Amount(money(first.amount)), Vec::new()));
            out.push((FactValue::Currency(first.currency), Vec::new()));
        }
        let paid: Vec<&str> = payments
            .iter()
            .filter_map(|p| p.paid_at.as_deref())
            .collect();
        if let [one] = paid.as_slice() {
            if let Ok(t) = DateTime::parse_from_rfc3339(one) {
                out.push((FactValue::PaidAt(t.with_timezone(&Utc)), Vec::new()));
            }
        }
        let orgs: Vec<&str> = payments
            .iter()
            .filter_map(|p| p.organization_id.as_deref())
            .collect();
        if let Some(o) = orgs.first() {
            if orgs.iter().all(|x| x == o) {
                out.push((FactValue::TopupOrg((*o).to_owned()), Vec::new()));
            }
        }
    }
    // API use recorded after the payment's day: the credit reached the
    // organization. The payment's date, else the card line's.
    let paid_day = payments
        .iter()
        .map(|p| p.paid_date)
        .min()
        .or_else(|| txns.iter().map(|t| t.date).min());
    if let Some(day) = paid_day {
        if crate::reconcile::used_after(ledger, provider, day, None)? {
            out.push((FactValue::UsedSincePayment(true), Vec::new()));
        }
    }
    Ok(out)
}

fn load_notes(ledger: &Ledger, case: i64) -> Result<Vec<Note>, CaseError> {
    let mut stmt = ledger
        .conn
        .prepare("SELECT id, text, created_at FROM case_notes WHERE case_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([case], |r| {
        Ok(Note {
            id: r.get(0)?,
            text: r.get(1)?,
            created_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn load_attachments(ledger: &Ledger, case: i64) -> Result<Vec<Attachment>, CaseError> {
    let mut stmt = ledger.conn.prepare(
        "SELECT id, stored_name, original_name, original_sha256, stored_sha256, original_size,
                size, media_type, captured_at, redacted
           FROM case_attachments WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([case], |r| {
        Ok(Attachment {
            id: r.get(0)?,
            stored_name: r.get(1)?,
            original_name: r.get(2)?,
            original_sha256: r.get(3)?,
            stored_sha256: r.get(4)?,
            original_size: r.get::<_, i64>(5)?.max(0) as u64,
            size: r.get::<_, i64>(6)?.max(0) as u64,
            media_type: r.get(7)?,
            captured_at: r.get(8)?,
            redacted: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn load_diagnoses(ledger: &Ledger, case: i64) -> Result<Vec<DiagnosisRecord>, CaseError> {
    let mut stmt = ledger.conn.prepare(
        "SELECT id, computed_at, result FROM case_diagnoses WHERE case_id = ?1 ORDER BY id",
    )?;
    let raws: Vec<(i64, String, String)> = stmt
        .query_map([case], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    raws.into_iter()
        .map(|(id, computed_at, result)| {
            Ok(DiagnosisRecord {
                id,
                computed_at,
                result: serde_json::from_str(&result)
                    .map_err(|_| CaseError::Corrupt(format!("diagnosis {id}")))?,
            })
        })
        .collect()
}

/// Opens a case from a reconciliation flag: its facts become the case's
/// first answers (as the ledger showed them) and its card lines and payment
/// records are linked.
pub fn create_from_flag(
    ledger: &mut Ledger,
    flag: &crate::reconcile::Flag,
    zone: LocalZone,
    now: DateTime<Utc>,
) -> Result<i64, CaseError> {
    let facts = Facts::from_json_str(&flag.facts.to_string())
        .map_err(|e| CaseError::Corrupt(format!("reconciliation facts: {e}")))?;
    let what = match flag.kind {
        crate::reconcile::FlagKind::ChargedNotCredited => "charged, not credited",
        crate::reconcile::FlagKind::RecordWithoutCharge => "payment with no card charge",
        crate::reconcile::FlagKind::DoubleCharge => "possible double charge",
        crate::reconcile::FlagKind::StalePending => "hold never settled",
        crate::reconcile::FlagKind::NegativeBalanceOffset => "negative balance offset",
    };
    let new = NewCase {
        title: Some(format!(
            "{} {} {} on {}: {what}",
            flag.provider.name(),
            flag.amount,
            flag.currency,
            flag.date
        )),
        provider: Some(flag.provider),
        facts,
        zone,
    };
    let id = create(ledger, &new, now)?;
    for t in &flag.txn_ids {
        link_txn(ledger, id, *t, now)?;
    }
    for p in &flag.payment_ids {
        link_payment(ledger, id, *p, now)?;
    }
    Ok(id)
}

//! The Reconciliation view (SPEC §6, §8): each flag of
//! [`crate::reconcile::reconcile`] with the ledger rows behind it and the case already
//! opened about them, and opening a case from a flag
//! ([`crate::cases::create_from_flag`]).
//!
//! A flag is named by a key made of its kind and its rows
//! (`stale_pending:t12:`), so "open a case" acts on the flag the user saw
//! even when another flag appeared or went away in between.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::cases_view::{case_error, case_open, payment_ref, txn_ref, CaseDto, LedgerRowRef};
use super::{ErrorCode, ErrorDto};
use crate::cases::{self, LocalZone};
use crate::ledger::Ledger;
use crate::provider::Provider;
use crate::reconcile::{Flag, FlagKind, ReconcileOptions};

/// A pending hold older than this many days is flagged (as `aispend
/// reconcile` does).
pub const STALE_DAYS: i64 = 7;

/// One flag, with its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FlagDto {
    /// Names this flag for [`case_from_flag`].
    pub key: String,
    pub kind: FlagKind,
    pub provider: Provider,
    pub date: String,
    pub amount: String,
    pub currency: String,
    /// What was found, in words (the core's English text).
    pub message: String,
    /// The message of the catalogs: what the UI shows, in its language.
    pub msg: crate::i18n::Msg,
    pub rows: Vec<LedgerRowRef>,
    /// The newest open case already linked to one of these rows.
    pub case_id: Option<i64>,
}

/// The whole view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReconView {
    pub as_of: String,
    /// API top-up card lines considered.
    pub card_lines: u32,
    /// Provider payment records considered.
    pub payments: u32,
    /// Card lines matched to a payment record.
    pub matched: u32,
    pub flags: Vec<FlagDto>,
    /// What limits the result (the core's English text).
    pub notes: Vec<String>,
    /// The notes as messages of the catalogs: what the UI shows.
    pub note_msgs: Vec<crate::i18n::Msg>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The flag's key: kind, card lines, payment records.
pub fn flag_key(f: &Flag) -> String {
    let join = |p: &str, ids: &[i64]| {
        ids.iter()
            .map(|i| format!("{p}{i}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let kind = serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "{kind}:{}:{}",
        join("t", &f.txn_ids),
        join("p", &f.payment_ids)
    )
}

fn options(as_of: NaiveDate) -> ReconcileOptions {
    ReconcileOptions {
        as_of,
        stale_days: STALE_DAYS,
    }
}

/// The newest open case with an active link to one of the card lines.
fn case_for(ledger: &Ledger, txn_ids: &[i64]) -> Result<Option<i64>, ErrorDto> {
    if txn_ids.is_empty() {
        return Ok(None);
    }
    Ok(ledger.open_case_for_txns(txn_ids)?)
}

/// Reconciles the ledger as of `as_of` (the local date).
pub fn recon_view(ledger: &Ledger, as_of: NaiveDate) -> Result<ReconView, ErrorDto> {
    let report = crate::reconcile::reconcile(ledger, &options(as_of))?;
    let mut flags = Vec::new();
    for f in &report.flags {
        let mut rows = Vec::new();
        for id in &f.txn_ids {
            rows.push(txn_ref(&ledger.transaction(*id)?));
        }
        for id in &f.payment_ids {
            if let Some(p) = ledger.payment(*id)? {
                rows.push(payment_ref(&p));
            }
        }
        flags.push(FlagDto {
            key: flag_key(f),
            kind: f.kind,
            provider: f.provider,
            date: f.date.to_string(),
            amount: f.amount.to_string(),
            currency: f.currency.as_str().to_owned(),
            message: f.message.clone(),
            msg: f.msg.clone(),
            rows,
            case_id: case_for(ledger, &f.txn_ids)?,
        });
    }
    Ok(ReconView {
        as_of: report.as_of.to_string(),
        card_lines: count(report.card_lines),
        payments: count(report.payments),
        matched: count(report.matches.len()),
        flags,
        notes: report.notes,
        note_msgs: report.note_msgs,
    })
}

/// Opens a case from the flag named `key` (prefilled with its facts and
/// rows) and returns it diagnosed.
pub fn case_from_flag(
    ledger: &mut Ledger,
    key: &str,
    as_of: NaiveDate,
    zone: LocalZone,
    now: DateTime<Utc>,
) -> Result<CaseDto, ErrorDto> {
    let report = crate::reconcile::reconcile(ledger, &options(as_of))?;
    let Some(flag) = report.flags.iter().find(|f| flag_key(f) == key) else {
        return Err(ErrorDto::new(
            ErrorCode::NotFound,
            "that flag is no longer raised (the ledger changed); reload the \
                      reconciliation and choose again",
        ));
    };
    let id = cases::create_from_flag(ledger, flag, zone, now).map_err(case_error)?;
    case_open(ledger, id, now)
}

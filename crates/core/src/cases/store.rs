//! Opening, listing, answering, noting, diagnosing and showing a case.
//!
//! Invariant: every write takes `now` and stamps the case's `updated_at`;
//! [`show`] computes the view from the stored rows every time.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::facts::{ledger_facts, push_unique, read_detail, same_facts, DETAILS};
use super::links::{link_payment, link_txn, load_links};
use super::zone::instant;
use super::{
    CaseDetails, CaseError, CaseStatus, CaseSummary, CaseView, CurrentFact, DiagnosisRecord,
    FactAnswer, Linked, LocalZone, NewCase,
};
use crate::ledger::cases::NewCaseRow;
use crate::ledger::Ledger;
use crate::msg;
use crate::topup::{self, FactName, FactValue, Facts, Origin, Provider};

/// Stamps the case as changed at `now`.
pub(super) fn touch(ledger: &Ledger, case: i64, now: DateTime<Utc>) -> Result<(), CaseError> {
    Ok(ledger.case_touch(case, &instant(now))?)
}

/// `Closed` when the case is closed, `NoSuchCase` when there is none: what
/// every change to a case (answers, notes, links, files) checks first.
pub(super) fn ensure_open(ledger: &Ledger, case: i64) -> Result<(), CaseError> {
    let head = ledger.case_head(case)?.ok_or(CaseError::NoSuchCase(case))?;
    match parse_status(&head.status)? {
        CaseStatus::Open => Ok(()),
        CaseStatus::Closed => Err(CaseError::Closed(case)),
    }
}

/// Closes or reopens a case. Closing keeps everything (a closed case is
/// listed, shown and exported as before); it only refuses changes until
/// the case is reopened. Setting the status a case already has is not an
/// error and changes nothing.
pub fn set_status(
    ledger: &mut Ledger,
    case: i64,
    status: CaseStatus,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    let head = ledger.case_head(case)?.ok_or(CaseError::NoSuchCase(case))?;
    if parse_status(&head.status)? == status {
        return Ok(());
    }
    let id = match status {
        CaseStatus::Open => "open",
        CaseStatus::Closed => "closed",
    };
    Ok(ledger.case_set_status(case, id, &instant(now))?)
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
        .unwrap_or_else(|| {
            super::model::stored_title(&msg!("case-title-topup", provider = provider.name()))
        });
    let at = instant(now);
    let answers: Vec<(&str, String)> = new
        .facts
        .iter()
        .map(|k| (k.value.name().as_str(), k.value.to_json().to_string()))
        .collect();
    Ok(ledger.case_insert(&NewCaseRow {
        title: &title,
        provider: provider.as_str(),
        tz_name: new.zone.name.as_deref(),
        utc_offset_minutes: new.zone.utc_offset_minutes,
        at: &at,
        answers,
    })?)
}

/// Every case, newest first.
pub fn list(ledger: &Ledger) -> Result<Vec<CaseSummary>, CaseError> {
    ledger
        .case_heads()?
        .into_iter()
        .map(|c| {
            let (title, title_msg) = super::model::read_title(c.title);
            Ok(CaseSummary {
                id: c.id,
                title,
                title_msg,
                provider: parse_provider(&c.provider)?,
                status: parse_status(&c.status)?,
                created_at: c.created_at,
                updated_at: c.updated_at,
            })
        })
        .collect()
}

/// A stored provider id, read.
pub(super) fn parse_provider(s: &str) -> Result<Provider, CaseError> {
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
    ensure_open(ledger, case)?;
    let fact = fact.trim();
    let value: Option<Value> = if DETAILS.contains(&fact) {
        read_detail(fact, text)?.map(Value::from)
    } else {
        FactValue::parse_answer(fact, text)?.map(|v| v.to_json())
    };
    let stored = value.as_ref().map(Value::to_string);
    // Answering the provider changes the case's provider too.
    let provider = (fact == FactName::Provider.as_str())
        .then(|| value.as_ref().and_then(Value::as_str))
        .flatten();
    ledger.case_answer(case, fact, stored.as_deref(), provider, &instant(now))?;
    touch(ledger, case, now)?;
    Ok(value)
}

/// Adds a note.
pub fn note(
    ledger: &mut Ledger,
    case: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<i64, CaseError> {
    ensure_open(ledger, case)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(CaseError::EmptyNote);
    }
    let id = ledger.case_add_note(case, text, &instant(now))?;
    touch(ledger, case, now)?;
    Ok(id)
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
    let id = ledger.case_add_diagnosis(case, &d.computed_at, &d.result.to_string())?;
    touch(ledger, case, now)?;
    Ok(DiagnosisRecord { id, ..d })
}

/// The diagnosis of the view's current facts at `now`, not recorded (id 0).
pub(super) fn unrecorded_diagnosis(
    view: &CaseView,
    now: DateTime<Utc>,
) -> Result<DiagnosisRecord, CaseError> {
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
    let head = ledger.case_head(case)?.ok_or(CaseError::NoSuchCase(case))?;
    let provider = parse_provider(&head.provider)?;
    let created_at = head.created_at;
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
    let (title, title_msg) = super::model::read_title(head.title);
    Ok(CaseView {
        id: case,
        title,
        title_msg,
        provider,
        status: parse_status(&head.status)?,
        created_at,
        updated_at: head.updated_at,
        zone: LocalZone {
            name: head.tz_name,
            utc_offset_minutes: head.utc_offset_minutes,
        },
        conflicts: merged.conflicts().to_vec(),
        facts,
        details,
        history,
        rows,
        notes: ledger.case_notes(case)?,
        attachments: ledger.case_attachments(case)?,
        diagnoses,
        diagnosis_current,
        merged,
    })
}

/// Every answer of the case, oldest first, each marked current or
/// superseded.
pub(super) fn load_history(ledger: &Ledger, case: i64) -> Result<Vec<FactAnswer>, CaseError> {
    let mut out: Vec<FactAnswer> = Vec::new();
    for r in ledger.case_answers(case)? {
        let value = r
            .value
            .map(|v| serde_json::from_str(&v))
            .transpose()
            .map_err(|_| CaseError::Corrupt("fact value".into()))?;
        out.push(FactAnswer {
            id: r.id,
            fact: r.fact,
            value,
            source: match r.source.as_str() {
                "user" => Origin::User,
                "ledger" => Origin::Ledger,
                other => return Err(CaseError::Corrupt(format!("fact source {other:?}"))),
            },
            rows: serde_json::from_str(&r.rows)
                .map_err(|_| CaseError::Corrupt("fact rows".into()))?,
            answered_at: r.answered_at,
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

fn load_diagnoses(ledger: &Ledger, case: i64) -> Result<Vec<DiagnosisRecord>, CaseError> {
    ledger
        .case_diagnoses(case)?
        .into_iter()
        .map(|d| {
            Ok(DiagnosisRecord {
                id: d.id,
                result: serde_json::from_str(&d.result)
                    .map_err(|_| CaseError::Corrupt(format!("diagnosis {}", d.id)))?,
                computed_at: d.computed_at,
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
        crate::reconcile::FlagKind::ChargedNotCredited => msg!("case-title-charged-not-credited"),
        crate::reconcile::FlagKind::RecordWithoutCharge => msg!("case-title-record-without-charge"),
        crate::reconcile::FlagKind::DoubleCharge => msg!("case-title-double-charge"),
        crate::reconcile::FlagKind::StalePending => msg!("case-title-stale-pending"),
        crate::reconcile::FlagKind::NegativeBalanceOffset => {
            msg!("case-title-negative-balance-offset")
        }
    };
    let new = NewCase {
        title: Some(super::model::stored_title(&msg!(
            "case-title-flag",
            provider = flag.provider.name(),
            amount = flag.amount.to_string(),
            currency = flag.currency.to_string(),
            date = flag.date.to_string(),
            what = what
        ))),
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

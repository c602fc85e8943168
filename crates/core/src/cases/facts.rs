//! What a case knows besides the user's answers: the facts its linked rows
//! show, and the case-only details that fill the drafted message.
//!
//! Invariant: ledger facts are computed from the links in force every time,
//! never stored as truth; the stored `ledger` answers only record changes
//! for the timeline.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::{CaseError, CurrentFact, Linked, LinkedRow};
use crate::ledger::{Ledger, TxnRow, TxnStatus};
use crate::money::{with_cents as money, Currency};
use crate::provider::{PaymentRow, PaymentStatus};
use crate::topup::{self, FactValue, Origin, Provider};

/// Case-only details: not diagnosis facts, but they fill the message.
pub(super) const DETAILS: &[&str] = &["card_last4", "receipt_number", "invoice_number"];

/// A case detail's answer, checked; `None` for empty or `unknown`.
pub(super) fn read_detail(field: &str, text: &str) -> Result<Option<String>, CaseError> {
    let t = text.trim();
    if t.is_empty() || t == "unknown" {
        return Ok(None);
    }
    let err = |problem, expected| CaseError::Detail {
        field: field.to_owned(),
        problem,
        expected,
    };
    if field == "card_last4" {
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Some(t.to_owned()));
        }
        return Err(err(
            crate::msg!("case-problem-not-four-digits", found = t),
            crate::msg!("case-expect-last4"),
        ));
    }
    if t.len() > 64 || t.chars().any(char::is_control) {
        return Err(err(
            crate::msg!("case-problem-not-a-reference", found = t),
            crate::msg!("case-expect-reference"),
        ));
    }
    Ok(Some(t.to_owned()))
}

/// Adds a trimmed, non-empty value to a list once.
pub(super) fn push_unique(list: &mut Vec<String>, v: Option<&str>) {
    if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
        if !list.iter().any(|x| x == v) {
            list.push(v.to_owned());
        }
    }
}

/// Whether a stored diagnosis was made from these facts (the clock's `now`
/// aside).
pub(super) fn same_facts(result: &Value, facts: &[CurrentFact]) -> bool {
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

/// What the linked rows say, as facts with the ledger rows behind each.
pub(super) fn ledger_facts(
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
        let status = topup::bank_status(txns.iter().map(|t| t.status));
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
                    .map(|p| ledger.txns_paired(t.id, p.id))
                    .collect::<Result<Vec<bool>, _>>()?
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
        let amounts: Vec<(Decimal, Currency)> =
            live.iter().map(|t| topup::charge_amount(t)).collect();
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

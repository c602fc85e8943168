//! Linking ledger rows to a case: card lines (by their identity, which
//! survives an undo and re-import) and provider payment records.
//!
//! Invariant: a link is never deleted, only stamped `unlinked_at`; every
//! change of links writes what the ledger facts became to the history.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::facts::ledger_facts;
use super::store::{ensure_open, parse_provider, touch};
use super::zone::instant;
use super::{show, CaseError, Linked, LinkedRow};
use crate::ledger::{Ledger, LedgerError};
use crate::topup::Origin;

/// Links a card line (a ledger transaction) to the case.
pub fn link_txn(
    ledger: &mut Ledger,
    case: i64,
    txn_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_open(ledger, case)?;
    let identity = ledger
        .txn_identity(txn_id)?
        .ok_or(LedgerError::NoSuchTxn(txn_id))?;
    if ledger.case_txn_link(case, &identity)?.is_some() {
        return Err(CaseError::AlreadyLinked {
            case,
            what: format!("transaction {txn_id}"),
        });
    }
    ledger.case_link_txn(case, txn_id, &identity, &instant(now))?;
    after_links_changed(ledger, case, now)
}

/// Links a provider payment record (`aispend payments list`) to the case.
pub fn link_payment(
    ledger: &mut Ledger,
    case: i64,
    payment_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_open(ledger, case)?;
    if ledger.payment(payment_id)?.is_none() {
        return Err(LedgerError::NoSuchPayment(payment_id).into());
    }
    if ledger.case_payment_link(case, payment_id)?.is_some() {
        return Err(CaseError::AlreadyLinked {
            case,
            what: format!("payment record {payment_id}"),
        });
    }
    ledger.case_link_payment(case, payment_id, &instant(now))?;
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
    ensure_open(ledger, case)?;
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
    ledger.case_unlink(link.link_id, &instant(now))?;
    after_links_changed(ledger, case, now)
}

/// Removes a payment record's link.
pub fn unlink_payment(
    ledger: &mut Ledger,
    case: i64,
    payment_id: i64,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    ensure_open(ledger, case)?;
    if ledger.case_unlink_payment(case, payment_id, &instant(now))? == 0 {
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
    let head = ledger.case_head(case)?.ok_or(CaseError::NoSuchCase(case))?;
    let provider = parse_provider(&head.provider)?;
    let fresh: BTreeMap<String, (Value, Vec<i64>)> = ledger_facts(ledger, provider, &links)?
        .into_iter()
        .map(|(v, rows)| (v.name().as_str().to_owned(), (v.to_json(), rows)))
        .collect();
    let history = super::store::load_history(ledger, case)?;
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
            let (value, rows) = (value.to_string(), json!(rows).to_string());
            ledger.case_ledger_answer(case, fact, Some(&value), &rows, &at)?;
        }
    }
    for (fact, (value, _)) in &recorded {
        if value.is_some() && !fresh.contains_key(fact) {
            ledger.case_ledger_answer(case, fact, None, "[]", &at)?;
        }
    }
    touch(ledger, case, now)
}

/// Every link of the case, also the removed ones, with the rows they point
/// at as the ledger holds them now.
pub(super) fn load_links(ledger: &Ledger, case: i64) -> Result<Vec<LinkedRow>, CaseError> {
    let mut out = Vec::new();
    for link in ledger.case_links(case)? {
        let row = match (
            link.kind.as_str(),
            link.txn_id,
            link.identity,
            link.payment_id,
        ) {
            ("txn", Some(txn_id), Some(identity), _) => {
                // By identity: the line keeps it across undo and re-import.
                let now_id = ledger.txn_by_identity(&identity)?;
                let txn = now_id.map(|id| ledger.transaction(id)).transpose()?;
                Linked::Txn { txn_id, txn }
            }
            ("payment", _, _, Some(payment_id)) => Linked::Payment {
                payment_id,
                payment: ledger.payment(payment_id)?,
            },
            _ => return Err(CaseError::Corrupt(format!("case link {}", link.id))),
        };
        out.push(LinkedRow {
            link_id: link.id,
            row,
            linked_at: link.linked_at,
            unlinked_at: link.unlinked_at,
        });
    }
    Ok(out)
}

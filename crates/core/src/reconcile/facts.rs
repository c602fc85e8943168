//! The top-up checklist's facts that the ledger already knows (SPEC §7.1):
//! whether the bank shows the charge (and as pending or settled), how many
//! charges there are, and whether the provider recorded the payment.
//!
//! The card lines looked at are the provider's API top-ups (see the module
//! above) dated from a day before the payment to a few days after it (or,
//! when the user gave no time, up to [`RECENT_DAYS`] before `now`), of the
//! amount the user gave (matched as reconciliation matches it). A fact is
//! only filled from what was found: finding nothing fills nothing, because
//! the statement that would show the charge may not be imported yet.
//!
//! The provider's cost exports fill `used_since_payment` ([`used_after`]):
//! cost recorded on a UTC day after the payment's means the API kept working
//! after it, so the credit reached the organization. Only `true` is filled:
//! exports that stop early, or that come from another organization, prove
//! nothing about a credit that is missing.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{card_lines, compare, CardLine, DAYS_AFTER, DAYS_BEFORE};
use crate::provider::{PaymentRow, PaymentStatus, Provider};
use crate::topup::{self, FactValue, Facts, LedgerFill, PaymentRecord};
use crate::{Ledger, LedgerError};

/// How far back card lines are looked for when the user gave no payment time.
pub const RECENT_DAYS: i64 = 14;

/// What the ledger added to a case's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LedgerFacts {
    /// The card lines the facts were read from.
    pub txn_ids: Vec<i64>,
    /// The provider payment records used.
    pub payment_ids: Vec<i64>,
    /// The facts filled or confirmed, by name.
    pub filled: Vec<String>,
    /// Facts where the ledger says otherwise than the user.
    pub conflicts: Vec<String>,
    /// API cost the provider's exports record from the payment's UTC day
    /// on (to `now`): usage that went on after a top-up means the
    /// organization had credit to spend.
    pub usage_after: Option<UsageAfter>,
}

/// Cost records after the payment, from the imported provider exports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsageAfter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Days with any cost recorded.
    pub days: usize,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: crate::money::Currency,
}

/// Whether a card line is for the amount the user gave (any amount when
/// they gave none).
fn amount_fits(
    line: &CardLine,
    amount: Option<Decimal>,
    currency: Option<crate::money::Currency>,
) -> bool {
    let Some(amount) = amount else { return true };
    let cent = Decimal::new(1, 2);
    match (
        line.row.original_amount,
        line.row.original_currency,
        currency,
    ) {
        (Some(orig), Some(oc), Some(c)) if oc == c => (orig.abs() - amount).abs() <= cent,
        (Some(orig), Some(_), None) => (orig.abs() - amount).abs() <= cent,
        _ => match currency {
            Some(c) if c != line.row.currency => false,
            _ => {
                let diff = line.billed - amount;
                diff >= -cent && diff <= amount * super::FEE_BAND
            }
        },
    }
}

/// Fills the facts the ledger knows into `facts` (the user's answers win;
/// see [`Facts::set_from_ledger`]) and says what it used.
pub fn fill_topup_facts(ledger: &Ledger, facts: &mut Facts) -> Result<LedgerFacts, LedgerError> {
    let provider = facts.provider();
    let amount = facts.amount();
    let currency = facts.currency();
    let day = |t: chrono::DateTime<chrono::Utc>| t.date_naive();
    let (from, to): (NaiveDate, NaiveDate) = match (facts.paid_at(), facts.now()) {
        (Some(paid), _) => (
            day(paid) - chrono::Days::new(DAYS_BEFORE as u64),
            day(paid) + chrono::Days::new(DAYS_AFTER as u64),
        ),
        (None, Some(now)) => (day(now) - chrono::Days::new(RECENT_DAYS as u64), day(now)),
        (None, None) => return Ok(LedgerFacts::default()),
    };
    let lines: Vec<CardLine> = card_lines(ledger)?
        .into_iter()
        .filter(|l| l.provider == provider && l.row.date >= from && l.row.date <= to)
        .filter(|l| amount_fits(l, amount, currency))
        .collect();
    let payments: Vec<PaymentRow> = ledger
        .payments(Some(provider))?
        .into_iter()
        .filter(|p| {
            let d = p.paid_date;
            d >= from - chrono::Days::new(DAYS_AFTER as u64) && d <= to
        })
        .filter(|p| amount.is_none_or(|a| (p.amount - a).abs() <= Decimal::new(1, 2)))
        .collect();
    let tracks_payments = !ledger.payments(Some(provider))?.is_empty();

    let mut out = LedgerFacts::default();
    let note = |out: &mut LedgerFacts, name: &str, fill: LedgerFill| match fill {
        LedgerFill::Conflicts => out.conflicts.push(name.to_owned()),
        _ => out.filled.push(name.to_owned()),
    };
    let ids: Vec<i64> = lines.iter().map(|l| l.row.id).collect();
    if !lines.is_empty() {
        // The most advanced state any of the charges reached.
        let status = topup::bank_status(lines.iter().map(|l| l.row.status));
        let fill = facts.set_from_ledger(FactValue::BankStatus(status), &ids);
        note(&mut out, "bank_status", fill);
        let fill = facts.set_from_ledger(FactValue::ChargesSeen(lines.len() as u32), &ids);
        note(&mut out, "charges_seen", fill);
        if amount.is_none() && lines.len() == 1 {
            let l = &lines[0];
            let (a, c) = topup::charge_amount(&l.row);
            let fill = facts.set_from_ledger(FactValue::Amount(a), &ids);
            note(&mut out, "amount", fill);
            let fill = facts.set_from_ledger(FactValue::Currency(c), &ids);
            note(&mut out, "currency", fill);
        }
        out.txn_ids = ids.clone();
    }
    // The provider's side: a payment record that matches one of the lines
    // (or, with no lines, the amount and dates), else none, where the user
    // keeps payment records at all.
    let matched: Vec<&PaymentRow> = payments
        .iter()
        .filter(|p| lines.is_empty() || lines.iter().any(|l| compare(l, p).is_some()))
        .collect();
    let record = if matched.iter().any(|p| p.status == PaymentStatus::Succeeded) {
        Some(PaymentRecord::Succeeded)
    } else if matched.iter().any(|p| p.status == PaymentStatus::Failed) {
        Some(PaymentRecord::Failed)
    } else if tracks_payments && !lines.is_empty() {
        Some(PaymentRecord::None)
    } else {
        None
    };
    if let Some(r) = record {
        let fill = facts.set_from_ledger(FactValue::PlatformPaymentRecord(r), &ids);
        note(&mut out, "platform_payment_record", fill);
    }
    if let (Some(paid), Some(now)) = (facts.paid_at(), facts.now()) {
        out.usage_after = usage_after(ledger, provider, day(paid), day(now))?;
        if used_after(ledger, facts.provider(), day(paid), Some(day(now)))? {
            let fill = facts.set_from_ledger(FactValue::UsedSincePayment(true), &[]);
            note(&mut out, "used_since_payment", fill);
        }
    }
    if let Some(p) = matched
        .iter()
        .find(|p| p.status == PaymentStatus::Succeeded)
    {
        out.payment_ids.push(p.id);
        if let Some(b) = p.balance_before {
            let fill = facts.set_from_ledger(FactValue::BalanceBefore(b), &ids);
            note(&mut out, "balance_before", fill);
        }
        if let Some(b) = p.balance_after {
            let fill = facts.set_from_ledger(FactValue::BalanceAfter(b), &ids);
            note(&mut out, "balance_after", fill);
        }
        if let Some(org) = &p.organization_id {
            let fill = facts.set_from_ledger(FactValue::TopupOrg(org.clone()), &ids);
            note(&mut out, "topup_org", fill);
        }
    }
    Ok(out)
}

/// Whether the imported cost exports of `provider` record API use (a cost
/// above zero) on a UTC day after `paid`, up to `until` when given. The
/// payment's own day does not count: its usage may come from before the
/// payment.
pub fn used_after(
    ledger: &Ledger,
    provider: topup::Provider,
    paid: NaiveDate,
    until: Option<NaiveDate>,
) -> Result<bool, LedgerError> {
    let Some(next) = paid.succ_opt() else {
        return Ok(false);
    };
    let rows = ledger.costs(&crate::provider::CostFilter {
        provider: Some(provider),
        from: Some(next),
        to: until,
    })?;
    Ok(rows
        .iter()
        .any(|r| r.amount.is_some_and(|a| a > Decimal::ZERO)))
}

/// The cost records of `provider` from `from` to `to` (UTC dates), summed
/// in their one currency; `None` when there are none (or several currencies).
fn usage_after(
    ledger: &Ledger,
    provider: Provider,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<UsageAfter>, LedgerError> {
    let rows = ledger.costs(&crate::provider::CostFilter {
        provider: Some(provider),
        from: Some(from),
        to: Some(to),
    })?;
    let mut amount = Decimal::ZERO;
    let mut currency = None;
    let mut days = std::collections::BTreeSet::new();
    for r in rows {
        let (Some(a), Some(c)) = (r.amount, r.currency) else {
            continue;
        };
        if currency.is_some_and(|cur| cur != c) {
            return Ok(None);
        }
        currency = Some(c);
        if !a.is_zero() {
            days.insert(r.date);
        }
        amount += a;
    }
    Ok(currency
        .filter(|_| !days.is_empty())
        .map(|currency| UsageAfter {
            from,
            to,
            days: days.len(),
            amount,
            currency,
        }))
}

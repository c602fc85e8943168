//! Reconciliation (SPEC §6): card lines that paid an AI provider's API
//! credit, matched to the payments the provider recorded, and the flags a
//! user acts on.
//!
//! A card line is an API top-up when its effective class is `ai-api` and its
//! vendor is `openai` or `anthropic` (classification decides; nothing here
//! reads descriptors). A payment is a `provider_payments` record.
//!
//! Matching allows for how the two sides write the same payment:
//! - **dates**: the provider's receipt date is a UTC date, the card's date a
//!   local one, and cards post a few days late: a card date from one day
//!   before to [`DAYS_AFTER`] days after the receipt's date matches;
//! - **currencies**: a card billed in CNY, EUR or HKD for a USD top-up often
//!   carries the original USD amount (then it must equal the payment), or a
//!   billed amount in the payment's currency (equal, or up to [`FEE_BAND`]
//!   above it for a foreign-transaction fee); when neither is there, the
//!   line matches on date alone, weakly, with the implied exchange rate shown.
//!
//! Each pair is used once, strongest first. What is left over, and a few
//! patterns across lines, become flags; each flag carries the facts a top-up
//! case would start from.

mod facts;

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::Msg;
use crate::ledger::{TxnFilter, TxnRow, TxnStatus};
use crate::money::Currency;
use crate::msg;
use crate::provider::{PaymentRow, PaymentStatus, Provider};
use crate::{Ledger, LedgerError};

pub use facts::{fill_topup_facts, used_after, LedgerFacts, UsageAfter};

/// Days a card line may be dated after the provider's receipt.
pub const DAYS_AFTER: i64 = 4;
/// Days a card line may be dated before it (a UTC date is often the next
/// local day in the Americas).
pub const DAYS_BEFORE: i64 = 1;
/// How much above the payment a billed amount in the same currency may be
/// (a foreign-transaction fee of up to 5%).
pub const FEE_BAND: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// How reconciliation judges.
#[derive(Debug, Clone, Copy)]
pub struct ReconcileOptions {
    /// The day it is judged on (a pending hold's age counts to here).
    pub as_of: NaiveDate,
    /// A pending hold older than this many days that never settled is flagged.
    pub stale_days: i64,
}

/// How a card line and a payment were found to be the same payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedOn {
    /// The card line's original amount and currency equal the payment's.
    OriginalAmount,
    /// The billed amount equals the payment (same currency).
    BilledAmount,
    /// The billed amount is the payment plus a small fee (same currency).
    AmountWithFee,
    /// Different currencies and no original amount: the date alone.
    DateOnly,
}

impl MatchedOn {
    fn strength(self) -> u8 {
        match self {
            MatchedOn::OriginalAmount | MatchedOn::BilledAmount => 3,
            MatchedOn::AmountWithFee => 2,
            MatchedOn::DateOnly => 1,
        }
    }
}

/// A card line and the payment record it paid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub txn_id: i64,
    pub payment_id: i64,
    pub provider: Provider,
    pub matched_on: MatchedOn,
    /// Card date minus receipt date, in days.
    pub day_shift: i64,
    /// Billed amount per unit of the payment's currency, where they differ.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub implied_rate: Option<Decimal>,
}

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The card was charged and the provider has no payment for it.
    ChargedNotCredited,
    /// The provider recorded a payment and no card line paid it.
    RecordWithoutCharge,
    /// Two or more charges for what looks like one top-up.
    DoubleCharge,
    /// A pending hold older than the limit that never settled.
    StalePending,
    /// A top-up that partly repaid a negative balance.
    NegativeBalanceOffset,
}

/// One thing for the user to look at, with the rows behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub provider: Provider,
    pub txn_ids: Vec<i64>,
    pub payment_ids: Vec<i64>,
    pub date: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
    /// What was found, in words.
    pub message: String,
    /// The same as a message of the catalogs, for the user's language.
    pub msg: Msg,
    /// The facts a top-up case opened from this flag starts with (SPEC
    /// §7.1 names and values), for `case new --facts`.
    pub facts: serde_json::Value,
}

/// The result of a reconciliation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub as_of: NaiveDate,
    /// API top-up card lines considered.
    pub card_lines: usize,
    /// Provider payment records considered.
    pub payments: usize,
    pub matches: Vec<Match>,
    pub flags: Vec<Flag>,
    /// What limits the result (e.g. no payment records for a provider).
    pub notes: Vec<String>,
    /// The notes as messages of the catalogs, in the order of `notes`.
    pub note_msgs: Vec<Msg>,
}

/// An API top-up on a card, as reconciliation sees it.
#[derive(Debug, Clone)]
pub(crate) struct CardLine {
    pub row: TxnRow,
    pub provider: Provider,
    /// What was paid, positive, in the billed currency.
    pub billed: Decimal,
}

/// The top-up card lines of the ledger: effective class `ai-api`, vendor
/// OpenAI or Anthropic, money out, not reverted.
pub(crate) fn card_lines(ledger: &Ledger) -> Result<Vec<CardLine>, LedgerError> {
    let mut out = Vec::new();
    for provider in [Provider::Openai, Provider::Anthropic] {
        let rows = ledger.transactions(&TxnFilter {
            vendor: Some(provider.as_str().to_owned()),
            class: Some("ai-api".to_owned()),
            ..TxnFilter::default()
        })?;
        for row in rows {
            if row.amount < Decimal::ZERO && row.status != TxnStatus::Reverted {
                out.push(CardLine {
                    billed: -row.amount,
                    provider,
                    row,
                });
            }
        }
    }
    out.sort_by_key(|l| (l.row.date, l.row.id));
    Ok(out)
}

/// How a line and a payment could be the same payment, if they could.
pub(crate) fn compare(line: &CardLine, p: &PaymentRow) -> Option<(MatchedOn, i64)> {
    if line.provider != p.provider {
        return None;
    }
    let shift = (line.row.date - p.paid_date).num_days();
    if !(-DAYS_BEFORE..=DAYS_AFTER).contains(&shift) {
        return None;
    }
    let cent = Decimal::new(1, 2);
    let on = match (line.row.original_amount, line.row.original_currency) {
        (Some(orig), Some(cur)) if cur == p.currency => {
            if (orig.abs() - p.amount).abs() <= cent {
                MatchedOn::OriginalAmount
            } else {
                return None;
            }
        }
        _ if line.row.currency == p.currency => {
            let diff = line.billed - p.amount;
            if diff.abs() <= cent {
                MatchedOn::BilledAmount
            } else if diff > Decimal::ZERO && diff <= p.amount * FEE_BAND {
                MatchedOn::AmountWithFee
            } else {
                return None;
            }
        }
        _ => MatchedOn::DateOnly,
    };
    Some((on, shift))
}

fn implied_rate(line: &CardLine, p: &PaymentRow) -> Option<Decimal> {
    if line.row.currency == p.currency || p.amount.is_zero() {
        return None;
    }
    Some((line.billed / p.amount).round_dp(6))
}

/// Matches card lines with payments: every possible pair, strongest and
/// closest in date first, each side used once.
pub(crate) fn match_all(lines: &[CardLine], payments: &[PaymentRow]) -> Vec<Match> {
    let mut pairs = Vec::new();
    // Only payments dated within the window can pair with a line: found by
    // date in the payments sorted by date, not by trying every payment.
    let mut by_date: Vec<usize> = (0..payments.len()).collect();
    by_date.sort_by_key(|&i| payments[i].paid_date);
    for (li, l) in lines.iter().enumerate() {
        let earliest = l.row.date - chrono::Duration::days(DAYS_AFTER);
        let latest = l.row.date + chrono::Duration::days(DAYS_BEFORE);
        let start = by_date.partition_point(|&i| payments[i].paid_date < earliest);
        for &pi in by_date[start..]
            .iter()
            .take_while(|&&i| payments[i].paid_date <= latest)
        {
            let p = &payments[pi];
            if p.status == PaymentStatus::Failed {
                continue;
            }
            if let Some((on, shift)) = compare(l, p) {
                pairs.push((
                    std::cmp::Reverse(on.strength()),
                    shift.abs(),
                    l.row.id,
                    p.id,
                    li,
                    pi,
                    on,
                    shift,
                ));
            }
        }
    }
    pairs.sort();
    let (mut used_l, mut used_p) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, _, _, _, li, pi, on, shift) in pairs {
        if used_l.contains(&li) || used_p.contains(&pi) {
            continue;
        }
        // A weak (date-only) pair is kept only when nothing else competes
        // for either side.
        used_l.insert(li);
        used_p.insert(pi);
        out.push(Match {
            txn_id: lines[li].row.id,
            payment_id: payments[pi].id,
            provider: lines[li].provider,
            matched_on: on,
            day_shift: shift,
            implied_rate: implied_rate(&lines[li], &payments[pi]),
        });
    }
    out.sort_by_key(|m| (m.txn_id, m.payment_id));
    out
}

/// The facts a case about this card line starts from.
fn line_facts(line: &CardLine, charges: usize, record: Option<&str>) -> serde_json::Value {
    let (amount, currency) = crate::topup::charge_amount(&line.row);
    let mut f = serde_json::json!({
        "provider": line.provider.as_str(),
        "amount": amount.to_string(),
        "currency": currency.as_str(),
        "bank_status": crate::topup::bank_status([line.row.status]).as_str(),
        "charges_seen": charges,
    });
    if let (Some(r), Some(map)) = (record, f.as_object_mut()) {
        map.insert("platform_payment_record".into(), r.into());
    }
    f
}

impl Flag {
    /// A flag about one card line alone.
    fn for_line(
        kind: FlagKind,
        l: &CardLine,
        (message, msg): (String, Msg),
        facts: serde_json::Value,
    ) -> Flag {
        Flag {
            kind,
            provider: l.provider,
            txn_ids: vec![l.row.id],
            payment_ids: Vec::new(),
            date: l.row.date,
            amount: l.billed,
            currency: l.row.currency,
            message,
            msg,
            facts,
        }
    }
}

/// Reconciles the ledger's API top-up card lines with the provider
/// payment records (SPEC §6).
pub fn reconcile(ledger: &Ledger, opts: &ReconcileOptions) -> Result<Report, LedgerError> {
    let lines = card_lines(ledger)?;
    let payments = ledger.payments(None)?;
    let matches = match_all(&lines, &payments);
    let matched_l: HashSet<i64> = matches.iter().map(|m| m.txn_id).collect();
    let matched_p: HashSet<i64> = matches.iter().map(|m| m.payment_id).collect();
    let tracked: HashSet<Provider> = payments.iter().map(|p| p.provider).collect();
    let mut flags = Vec::new();
    let mut notes = Vec::new();
    let mut note_msgs = Vec::new();
    for provider in [Provider::Openai, Provider::Anthropic] {
        let has_lines = lines.iter().any(|l| l.provider == provider);
        if has_lines && !tracked.contains(&provider) {
            notes.push(format!(
                "No {name} payment records: card charges can't be checked against what {name} credited. Add them from the billing page with `aispend payments add --provider {provider}`.",
                name = provider.name()
            ));
            note_msgs.push(msg!(
                "reconcile-note-no-records",
                provider = provider.name(),
                id = provider.as_str()
            ));
        }
    }

    // Double charges: the same amount to the same provider from the same
    // account within a day, more than the payments that explain them.
    let mut groups: BTreeMap<(String, Provider, Currency, Decimal), Vec<&CardLine>> =
        BTreeMap::new();
    for l in &lines {
        groups
            .entry((l.row.account.clone(), l.provider, l.row.currency, l.billed))
            .or_default()
            .push(l);
    }
    let mut in_double = HashSet::new();
    for ((account, provider, currency, amount), group) in &groups {
        let mut i = 0;
        while i < group.len() {
            let mut j = i + 1;
            while j < group.len() && (group[j].row.date - group[i].row.date).num_days() <= 1 {
                j += 1;
            }
            let cluster = &group[i..j];
            let explained = cluster
                .iter()
                .filter(|l| matched_l.contains(&l.row.id))
                .count();
            if cluster.len() > 1 && explained < cluster.len() {
                let ids: Vec<i64> = cluster.iter().map(|l| l.row.id).collect();
                in_double.extend(ids.iter().copied());
                let first = cluster[0];
                flags.push(Flag {
                    kind: FlagKind::DoubleCharge,
                    provider: *provider,
                    txn_ids: ids,
                    payment_ids: Vec::new(),
                    date: first.row.date,
                    amount: *amount,
                    currency: *currency,
                    message: format!(
                        "{} charges of {amount} {currency} to {} on {account} within a day, and {explained} provider payment record(s) for them. If you bought one top-up, don't pay again: ask your bank which of the charges will settle.",
                        cluster.len(),
                        provider.name()
                    ),
                    msg: msg!(
                        "reconcile-double-charge",
                        count = cluster.len(),
                        amount = amount.to_string(),
                        currency = currency.as_str(),
                        provider = provider.name(),
                        account = account.as_str(),
                        records = explained
                    ),
                    facts: line_facts(first, cluster.len(), None),
                });
            }
            i = j;
        }
    }

    for l in &lines {
        if matched_l.contains(&l.row.id) || in_double.contains(&l.row.id) {
            continue;
        }
        let age = (opts.as_of - l.row.date).num_days();
        if l.row.status == TxnStatus::Pending {
            if age > opts.stale_days {
                flags.push(Flag::for_line(
                    FlagKind::StalePending,
                    l,
                    (
                        format!(
                            "A hold of {} {} by {} from {} has been pending for {age} days and never settled. Holds that don't settle are usually released by the bank; ask your bank before paying again.",
                            l.billed, l.row.currency, l.provider.name(), l.row.date
                        ),
                        msg!(
                            "reconcile-stale-pending",
                            amount = l.billed.to_string(),
                            currency = l.row.currency.as_str(),
                            provider = l.provider.name(),
                            date = l.row.date.to_string(),
                            days = age
                        ),
                    ),
                    line_facts(l, 1, tracked.contains(&l.provider).then_some("none")),
                ));
            }
            continue;
        }
        if tracked.contains(&l.provider) {
            flags.push(Flag::for_line(
                FlagKind::ChargedNotCredited,
                l,
                (
                    format!(
                        "{} {} charged by {} on {} ({}), with no matching payment in your {} records.",
                        l.billed,
                        l.row.currency,
                        l.provider.name(),
                        l.row.date,
                        l.row.account,
                        l.provider.name()
                    ),
                    msg!(
                        "reconcile-charged-not-credited",
                        amount = l.billed.to_string(),
                        currency = l.row.currency.as_str(),
                        provider = l.provider.name(),
                        date = l.row.date.to_string(),
                        account = l.row.account.as_str()
                    ),
                ),
                line_facts(l, 1, Some("none")),
            ));
        }
    }

    // Card coverage: a payment is only "without a charge" where the
    // ledger holds card lines around its date.
    let covered = |date: NaiveDate| -> Result<bool, LedgerError> {
        Ok(!ledger
            .transactions(&TxnFilter {
                from: Some(date - chrono::Days::new(DAYS_BEFORE as u64)),
                to: Some(date + chrono::Days::new(DAYS_AFTER as u64)),
                limit: Some(1),
                ..TxnFilter::default()
            })?
            .is_empty())
    };
    for p in &payments {
        if p.status == PaymentStatus::Succeeded
            && !matched_p.contains(&p.id)
            && covered(p.paid_date)?
        {
            flags.push(Flag {
                kind: FlagKind::RecordWithoutCharge,
                provider: p.provider,
                txn_ids: Vec::new(),
                payment_ids: vec![p.id],
                date: p.paid_date,
                amount: p.amount,
                currency: p.currency,
                message: format!(
                    "{} records a payment of {} {} on {}{}, and no card line in the ledger paid it. It may have been paid from a card whose statement isn't imported.",
                    p.provider.name(),
                    p.amount,
                    p.currency,
                    p.paid_date,
                    p.receipt_number
                        .as_deref()
                        .map(|r| format!(" (receipt {r})"))
                        .unwrap_or_default()
                ),
                msg: match p.receipt_number.as_deref() {
                    Some(r) => msg!(
                        "reconcile-record-without-charge-receipt",
                        provider = p.provider.name(),
                        amount = p.amount.to_string(),
                        currency = p.currency.as_str(),
                        date = p.paid_date.to_string(),
                        receipt = r
                    ),
                    None => msg!(
                        "reconcile-record-without-charge",
                        provider = p.provider.name(),
                        amount = p.amount.to_string(),
                        currency = p.currency.as_str(),
                        date = p.paid_date.to_string()
                    ),
                },
                facts: serde_json::json!({
                    "provider": p.provider.as_str(),
                    "amount": p.amount.to_string(),
                    "currency": p.currency.as_str(),
                    "platform_payment_record": "succeeded",
                }),
            });
        }
        if let Some(before) = p.balance_before.filter(|b| *b < Decimal::ZERO) {
            let repaid = (-before).min(p.amount);
            let credited = p.amount - repaid;
            let txn_ids = matches
                .iter()
                .filter(|m| m.payment_id == p.id)
                .map(|m| m.txn_id)
                .collect();
            flags.push(Flag {
                kind: FlagKind::NegativeBalanceOffset,
                provider: p.provider,
                txn_ids,
                payment_ids: vec![p.id],
                date: p.paid_date,
                amount: p.amount,
                currency: p.currency,
                message: format!(
                    "The balance was {before} {cur} before this {amount} {cur} payment: {repaid} {cur} repaid earlier use and {credited} {cur} became new credit. The top-up arrived; the balance only looks short.",
                    cur = p.currency,
                    amount = p.amount,
                ),
                msg: msg!(
                    "reconcile-negative-balance-offset",
                    before = before.to_string(),
                    currency = p.currency.as_str(),
                    amount = p.amount.to_string(),
                    repaid = repaid.to_string(),
                    credited = credited.to_string()
                ),
                facts: serde_json::json!({
                    "provider": p.provider.as_str(),
                    "amount": p.amount.to_string(),
                    "currency": p.currency.as_str(),
                    "platform_payment_record": "succeeded",
                    "balance_before": before.to_string(),
                    "balance_after": p.balance_after.unwrap_or(before + p.amount).to_string(),
                }),
            });
        }
    }
    flags.sort_by(|a, b| {
        (a.date, a.kind, &a.txn_ids, &a.payment_ids).cmp(&(
            b.date,
            b.kind,
            &b.txn_ids,
            &b.payment_ids,
        ))
    });
    Ok(Report {
        as_of: opts.as_of,
        card_lines: lines.len(),
        payments: payments.len(),
        matches,
        flags,
        notes,
        note_msgs,
    })
}

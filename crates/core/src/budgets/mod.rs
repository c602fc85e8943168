//! Budgets: a spending limit per provider, vendor, class or tag, for every
//! calendar month or for one period of local dates; what is spent so far,
//! what the month (or period) will end at, and whether that is over.
//!
//! What counts, in the budget's currency (a line billed in another currency
//! counts by its original amount when that is in the budget's currency, else
//! it is left out and `skipped_lines` says how many):
//! - **provider** (`openai`, `anthropic`): the provider's usage cost (what
//!   the API consumed, by UTC day), as `credits` reads it;
//! - **vendor**: posted card lines whose effective vendor it is;
//! - **class**: posted card lines of `ai-api`, `ai-subscription`, or `ai`
//!   (both);
//! - **tag**: posted card lines whose effective tags include it.
//!
//! **Projected** (to the period's last day): spent, plus the burn rate times
//! the days left, plus the renewals of known subscriptions (detected or
//! entered) that fall in the days left and belong to the scope. The burn rate
//! is the scope's spending of the last 30 days divided by 30, subscription
//! charges left out (their renewals are counted instead); for a provider it
//! is the last 7 days' usage (the last 30 when the week used nothing).
//!
//! **Status**: `over` when spent exceeds the amount, `projected_over` when
//! the projection does, else `ok`.
//!
//! **Plan value** ([`plan_value`]): a flat plan's usage this month at API
//! prices against the plan's price, given to the budgets whose scope covers
//! the plan's provider ([`attach_plan_value`]).
//!
//! Invariant: amounts follow SPEC §9: `spent` and `projected` are spending,
//! negative; `amount` is the limit, positive. Bad input changes nothing.

pub mod plan_value;

pub use plan_value::{attach as attach_plan_value, plan_value, PlanValue};

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ai_provider::{Provider, UnknownProvider};
use crate::ledger::budgets::ScopedLine;
use crate::ledger::credits::UsageDay;
use crate::ledger::{Ledger, LedgerError};
use crate::money::{from_micros, to_micros, Currency};
use crate::reports::subs::{add_months, SubStatus, Subscription};

#[derive(Debug, thiserror::Error)]
pub enum BudgetError {
    /// A budget refused, as a message of the catalogs.
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    BadBudget(crate::i18n::Msg),
    #[error(transparent)]
    Usage(#[from] crate::usage::UsageError),
    #[error(transparent)]
    UnknownProvider(#[from] UnknownProvider),
    #[error("there is no budget {0}; `aispend budget list` lists them")]
    NoSuchBudget(i64),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl BudgetError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            BudgetError::Ledger(e) => e.is_bad_input(),
            _ => true,
        }
    }
}

/// Which AI class a class budget counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetClass {
    AiApi,
    AiSubscription,
    /// Both AI classes.
    Ai,
}

impl BudgetClass {
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetClass::AiApi => "ai-api",
            BudgetClass::AiSubscription => "ai-subscription",
            BudgetClass::Ai => "ai",
        }
    }

    fn counts(self, class: &str) -> bool {
        match self {
            BudgetClass::AiApi => class == "ai-api",
            BudgetClass::AiSubscription => class == "ai-subscription",
            BudgetClass::Ai => class == "ai-api" || class == "ai-subscription",
        }
    }
}

/// What a budget counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Provider(Provider),
    Vendor(String),
    Class(BudgetClass),
    Tag(String),
}

impl Scope {
    /// A scope from its kind (`provider`, `vendor`, `class`, `tag`) and value.
    pub fn parse(kind: &str, value: &str) -> Result<Scope, BudgetError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(BudgetError::BadBudget(crate::msg!(
                "apperr-budget-scope-empty",
                kind = kind,
                example = match kind {
                    "provider" => "openai",
                    "class" => "ai-api",
                    "tag" => "client:acme",
                    _ => "openai",
                }
            )));
        }
        Ok(match kind {
            "provider" => Scope::Provider(value.parse()?),
            "vendor" => Scope::Vendor(value.to_ascii_lowercase()),
            "class" => Scope::Class(match value {
                "ai-api" => BudgetClass::AiApi,
                "ai-subscription" => BudgetClass::AiSubscription,
                "ai" | "all" => BudgetClass::Ai,
                other => {
                    return Err(BudgetError::BadBudget(crate::msg!(
                        "apperr-budget-bad-class",
                        found = format!("{other:?}")
                    )))
                }
            }),
            "tag" => Scope::Tag(value.to_owned()),
            other => {
                return Err(BudgetError::BadBudget(crate::msg!(
                    "apperr-budget-bad-scope",
                    found = format!("{other:?}")
                )))
            }
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            Scope::Provider(_) => "provider",
            Scope::Vendor(_) => "vendor",
            Scope::Class(_) => "class",
            Scope::Tag(_) => "tag",
        }
    }

    fn value(&self) -> String {
        match self {
            Scope::Provider(p) => p.as_str().to_owned(),
            Scope::Vendor(v) | Scope::Tag(v) => v.clone(),
            Scope::Class(c) => c.as_str().to_owned(),
        }
    }

    /// `provider:openai`, `class:ai-api`, ...
    pub fn label(&self) -> String {
        format!("{}:{}", self.kind(), self.value())
    }
}

/// Every calendar month, or one period of local dates (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Monthly,
    Range(NaiveDate, NaiveDate),
}

impl Period {
    /// `monthly` or `YYYY-MM-DD..YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Period, BudgetError> {
        let text = text.trim();
        if text == "monthly" {
            return Ok(Period::Monthly);
        }
        let bad = || {
            BudgetError::BadBudget(crate::msg!(
                "apperr-budget-bad-period",
                period = format!("{text:?}")
            ))
        };
        let (a, b) = text.split_once("..").ok_or_else(bad)?;
        let date = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                BudgetError::BadBudget(crate::msg!(
                    "apperr-budget-period-date",
                    found = format!("{:?}", s.trim()),
                    period = format!("{text:?}")
                ))
            })
        };
        let (from, to) = (date(a)?, date(b)?);
        if from > to {
            return Err(BudgetError::BadBudget(crate::msg!(
                "apperr-budget-period-backwards",
                period = format!("{text:?}")
            )));
        }
        Ok(Period::Range(from, to))
    }

    pub fn label(self) -> String {
        match self {
            Period::Monthly => "monthly".into(),
            Period::Range(a, b) => format!("{a}..{b}"),
        }
    }

    /// The days the period covers around `as_of`.
    fn bounds(self, as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Monthly => {
                let first = as_of.with_day(1).unwrap_or(as_of);
                let last = add_months(first, 1, 1)
                    .and_then(|n| n.pred_opt())
                    .unwrap_or(as_of);
                (first, last)
            }
            Period::Range(a, b) => (a, b),
        }
    }
}

/// A budget to set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBudget {
    pub scope: Scope,
    pub amount: Decimal,
    pub currency: Currency,
    pub period: Period,
}

/// A stored budget (`budget list`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Budget {
    pub id: i64,
    /// `provider:openai`, `vendor:cursor`, `class:ai-api`, `tag:client:acme`.
    pub scope: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
    /// `monthly` or `YYYY-MM-DD..YYYY-MM-DD`.
    pub period: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetState {
    Ok,
    ProjectedOver,
    Over,
}

/// Where a budget stands (`budget status --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BudgetStatus {
    pub id: i64,
    pub scope: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
    /// Spending so far in the period, negative.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub spent: Decimal,
    /// Spending at the period's end, negative.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub projected: Decimal,
    pub status: BudgetState,
    pub period: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Renewals counted in the projection, negative.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub renewals: Decimal,
    /// Lines in the scope left out: billed in another currency.
    pub skipped_lines: u64,
    /// The rows behind `spent` (`txn:ID`, `usage:LO..HI`), when not ok.
    pub rows: Vec<String>,
    /// The plans this budget's scope covers, valued at API prices this
    /// month (filled by [`attach_plan_value`]; empty until then).
    pub plan_value: Vec<PlanValue>,
}

fn stored_scope(kind: &str, value: &str) -> Result<Scope, LedgerError> {
    Scope::parse(kind, value).map_err(|e| LedgerError::Corrupt(format!("budget scope: {e}")))
}

fn period_of(p: Option<(NaiveDate, NaiveDate)>) -> Period {
    match p {
        Some((a, b)) => Period::Range(a, b),
        None => Period::Monthly,
    }
}

/// Sets a budget; returns it as stored. Nothing is stored when it is bad.
pub fn set_budget(ledger: &mut Ledger, b: &NewBudget) -> Result<Budget, BudgetError> {
    if b.amount <= Decimal::ZERO {
        return Err(BudgetError::BadBudget(crate::msg!(
            "apperr-budget-not-positive",
            amount = b.amount.to_string()
        )));
    }
    let micros = to_micros(b.amount).map_err(|e| BudgetError::BadBudget(e.msg()))?;
    let period = match b.period {
        Period::Monthly => None,
        Period::Range(a, z) if a <= z => Some((a, z)),
        Period::Range(..) => {
            return Err(BudgetError::BadBudget(crate::msg!(
                "apperr-budget-backwards"
            )))
        }
    };
    let id = ledger.insert_budget(b.scope.kind(), &b.scope.value(), micros, b.currency, period)?;
    Ok(Budget {
        id,
        scope: b.scope.label(),
        amount: from_micros(micros),
        currency: b.currency,
        period: b.period.label(),
    })
}

/// Every budget, by id.
pub fn budgets(ledger: &Ledger) -> Result<Vec<Budget>, BudgetError> {
    ledger
        .budget_rows()?
        .into_iter()
        .map(|r| {
            Ok(Budget {
                id: r.id,
                scope: stored_scope(&r.scope_kind, &r.scope_value)?.label(),
                amount: from_micros(r.amount),
                currency: r.currency,
                period: period_of(r.period).label(),
            })
        })
        .collect()
}

/// Removes a budget.
pub fn remove_budget(ledger: &mut Ledger, id: i64) -> Result<(), BudgetError> {
    if ledger.delete_budget(id)? {
        Ok(())
    } else {
        Err(BudgetError::NoSuchBudget(id))
    }
}

/// Every budget's status on `as_of` (a local date).
pub fn budget_status(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<BudgetStatus>, BudgetError> {
    let rows = ledger.budget_rows()?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let subs = crate::reports::subscriptions(ledger, as_of)?;
    let usage = if rows.iter().any(|r| r.scope_kind == "provider") {
        ledger.usage_cost_days(as_of)?
    } else {
        Vec::new()
    };
    status_with(ledger, as_of, &subs, &usage)
}

/// [`budget_status`] with the subscriptions already read.
/// `usage` holds the usage days up to `as_of` (needed only by provider
/// budgets).
pub(crate) fn status_with(
    ledger: &Ledger,
    as_of: NaiveDate,
    subs: &[Subscription],
    usage: &[UsageDay],
) -> Result<Vec<BudgetStatus>, BudgetError> {
    let mut out = Vec::new();
    // The AI and vendor lines of a period, read once for every budget of it.
    let mut scoped = HashMap::new();
    for r in ledger.budget_rows()? {
        let scope = stored_scope(&r.scope_kind, &r.scope_value)?;
        let period = period_of(r.period);
        let (from, to) = period.bounds(as_of);
        let upto = to.min(as_of);
        let cur = r.currency;
        let (spent, skipped, burn_sum, burn_days) = match &scope {
            Scope::Provider(p) => {
                let days = |a: NaiveDate, b: NaiveDate| -> i64 {
                    usage
                        .iter()
                        .filter(|u| u.provider == *p && u.currency == cur)
                        .filter(|u| u.utc_date >= a && u.utc_date <= b)
                        .map(|u| u.amount)
                        .sum()
                };
                let spent = if from <= upto { -days(from, upto) } else { 0 };
                let skipped = usage
                    .iter()
                    .filter(|u| u.provider == *p && u.currency != cur)
                    .filter(|u| u.utc_date >= from && u.utc_date <= upto)
                    .count() as u64;
                let w7 = days(as_of - Duration::days(6), as_of);
                let (s, n) = if w7 > 0 {
                    (w7, 7)
                } else {
                    (days(as_of - Duration::days(29), as_of), 30)
                };
                (spent, skipped, -s, n)
            }
            Scope::Vendor(_) | Scope::Class(_) => {
                let sum = |a: NaiveDate,
                           b: NaiveDate,
                           renewals_apart: bool|
                 -> Result<(i64, u64), BudgetError> {
                    if a > b {
                        return Ok((0, 0));
                    }
                    let mut net = 0i64;
                    let mut skipped = 0u64;
                    for n in ledger.posted_net_by_class_vendor(a, b)? {
                        let counts = match &scope {
                            Scope::Vendor(v) => n.vendor == *v,
                            Scope::Class(c) => c.counts(&n.class),
                            _ => false,
                        };
                        if !counts || (renewals_apart && n.class == "ai-subscription") {
                            continue;
                        }
                        if n.currency == cur.as_str() {
                            net += n.net;
                        } else if n.orig_currency == cur.as_str() {
                            net += n.orig_net;
                        } else if n.net != 0 {
                            skipped += 1;
                        }
                    }
                    Ok((net, skipped))
                };
                let (spent, skipped) = sum(from, upto, false)?;
                let (burn, _) = sum(as_of - Duration::days(29), as_of, true)?;
                (spent, skipped, burn, 30)
            }
            Scope::Tag(t) => {
                // One read covers the period so far and the last 30 days.
                let (lo, hi) = (from.min(as_of - Duration::days(29)), upto.max(as_of));
                let lines = ledger.tagged_lines(t, lo, hi)?;
                let sum = |a: NaiveDate, b: NaiveDate| -> (i64, u64) {
                    let within = || lines.iter().filter(|l| l.date >= a && l.date <= b);
                    let net = within()
                        .filter(|l| l.currency == cur.as_str())
                        .map(|l| l.amount)
                        .sum();
                    let skipped = within().filter(|l| l.currency != cur.as_str()).count() as u64;
                    (net, skipped)
                };
                let (spent, skipped) = sum(from, upto);
                let (burn, _) = sum(as_of - Duration::days(29), as_of);
                (spent, skipped, burn, 30)
            }
        };
        // The days after as_of up to the period's end.
        let left = if as_of < to {
            (to - as_of.max(from - Duration::days(1))).num_days()
        } else {
            0
        };
        let burn = if burn_sum < 0 {
            // spending per day times the days left, exact to the micro-unit
            i64::try_from(i128::from(burn_sum) * i128::from(left) / i128::from(burn_days))
                .unwrap_or(i64::MIN)
        } else {
            0
        };
        let renewals = renewals_in(subs, &scope, cur, as_of.max(from - Duration::days(1)), to)?;
        let projected = spent + burn + renewals;
        let limit = r.amount;
        let status = if -spent > limit {
            BudgetState::Over
        } else if -projected > limit {
            BudgetState::ProjectedOver
        } else {
            BudgetState::Ok
        };
        let rows = if status == BudgetState::Ok {
            Vec::new()
        } else {
            rows_of(ledger, &scope, from, upto, usage, &mut scoped)?
        };
        out.push(BudgetStatus {
            id: r.id,
            scope: scope.label(),
            amount: from_micros(limit),
            currency: cur,
            spent: from_micros(spent),
            projected: cents(projected),
            status,
            period: period.label(),
            period_from: from,
            period_to: to,
            renewals: from_micros(renewals),
            skipped_lines: skipped,
            rows,
            plan_value: Vec::new(),
        });
    }
    Ok(out)
}

/// Micro-units as money to the cent (half-even, once, on the way out): a
/// projection is not exact to the micro-unit.
fn cents(micros: i64) -> Decimal {
    let mut d = from_micros(micros)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven);
    d.rescale(2);
    d
}

/// Renewals of active subscriptions in the scope after `after` up to `to`
/// (inclusive), in micro-units, negative.
fn renewals_in(
    subs: &[Subscription],
    scope: &Scope,
    cur: Currency,
    after: NaiveDate,
    to: NaiveDate,
) -> Result<i64, BudgetError> {
    let mut total = 0i64;
    for s in subs {
        let counts = match scope {
            Scope::Vendor(v) => s.vendor == *v,
            Scope::Class(c) => matches!(c, BudgetClass::AiSubscription | BudgetClass::Ai),
            Scope::Provider(_) | Scope::Tag(_) => false,
        };
        if !counts || s.status != SubStatus::Active || s.currency != cur {
            continue;
        }
        let price = to_micros(s.amount).map_err(|e| BudgetError::BadBudget(e.msg()))?;
        let anchor = s.next_renewal.map_or(1, |d| d.day());
        let mut next = s.next_renewal;
        let mut guard = 0;
        while let Some(n) = next.filter(|n| *n <= to) {
            if n > after {
                total += price;
            }
            next = s.cadence.next(n, anchor);
            guard += 1;
            if guard > 400 {
                break;
            }
        }
    }
    Ok(total)
}

/// The lines a class or vendor budget can count in a period, by period.
type ScopedLines = HashMap<(NaiveDate, NaiveDate), Vec<ScopedLine>>;

/// The rows behind a budget's spending.
fn rows_of(
    ledger: &Ledger,
    scope: &Scope,
    from: NaiveDate,
    to: NaiveDate,
    usage: &[UsageDay],
    scoped: &mut ScopedLines,
) -> Result<Vec<String>, BudgetError> {
    if from > to {
        return Ok(Vec::new());
    }
    let lines = |scoped: &mut ScopedLines| -> Result<Vec<ScopedLine>, BudgetError> {
        if let Some(v) = scoped.get(&(from, to)) {
            return Ok(v.clone());
        }
        let v = ledger.ai_or_vendor_lines(from, to)?;
        scoped.insert((from, to), v.clone());
        Ok(v)
    };
    Ok(match scope {
        Scope::Provider(p) => {
            let days: Vec<_> = usage
                .iter()
                .filter(|u| u.provider == *p && u.utc_date >= from && u.utc_date <= to)
                .collect();
            match (
                days.iter().map(|u| u.first_id).min(),
                days.iter().map(|u| u.last_id).max(),
            ) {
                (Some(lo), Some(hi)) => vec![format!("usage:{lo}..{hi}")],
                _ => Vec::new(),
            }
        }
        Scope::Vendor(v) => lines(scoped)?
            .into_iter()
            .filter(|l| l.vendor.as_deref() == Some(v.as_str()))
            .map(|l| format!("txn:{}", l.id))
            .collect(),
        Scope::Class(c) => lines(scoped)?
            .into_iter()
            .filter(|l| l.class.as_deref().is_some_and(|k| c.counts(k)))
            .map(|l| format!("txn:{}", l.id))
            .collect(),
        Scope::Tag(t) => ledger
            .tagged_lines(t, from, to)?
            .into_iter()
            .map(|l| format!("txn:{}", l.id))
            .collect(),
    })
}

#[cfg(test)]
mod tests;

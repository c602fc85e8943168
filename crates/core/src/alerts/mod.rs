//! Reminders and alerts, computed by the core at an instant from what the
//! ledger holds: subscriptions that renew, trials that end, prices that
//! changed, plans marked cancelled that charged again, one plan paid twice,
//! budgets over or heading over, credit running low, expiring or refilled in
//! a loop. No clock is read here: the caller gives the local date (or the
//! instant and the UTC offset, converted once by [`local_date`]).
//!
//! Each alert has a **stable id**: its kind and a hash of what it is about
//! (the plan and its renewal date, the budget and its period, the credit
//! account and the purchase or expiry it concerns), so the same alert keeps
//! its id across runs and a dismissal or a notification sticks to it, while a
//! new renewal or a new month is a new alert.
//!
//! Windows: a renewal or a trial's end within [`SOON_DAYS`] days; a price
//! change in the last [`PRICE_CHANGE_DAYS`]; credit expiring within
//! [`EXPIRING_DAYS`]; credit low when it is at or below zero or runs out
//! within [`SOON_DAYS`] days at its burn rate (not when auto-recharge is seen
//! to refill it); a plan paid through two channels (two cards, or two
//! merchants for one plan) within [`DOUBLE_DAYS`].
//!
//! Settings (stored in the ledger's app settings): each kind can be turned
//! off (`alerts.kind.<kind>` = `off`); quiet mode (`alerts.quiet` = `on`)
//! raises no notification but keeps the list.
//!
//! Invariant: an alert names the rows behind it (`txn:ID`, `payment:ID`,
//! `grant:ID`, `usage:LO..HI`, `budget:ID`); amounts follow SPEC §9
//! (spending negative; a credit balance or credit about to expire is not
//! spending and is positive).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::budgets::{self, BudgetError, BudgetState};
use crate::credits::{self, CreditsError};
use crate::i18n::Msg;
use crate::ledger::alerts::PlanChargeLine;
use crate::ledger::{Ledger, LedgerError};
use crate::money::{from_micros, Currency};
use crate::msg;
use crate::reports::subs::{charge_of, SubSource, SubStatus, Subscription};

/// Days ahead a renewal or a trial's end is "soon".
pub const SOON_DAYS: i64 = 7;
/// Days back a price change is news.
pub const PRICE_CHANGE_DAYS: i64 = 30;
/// Days ahead expiring credit is worth a reminder.
pub const EXPIRING_DAYS: i64 = 30;
/// Days within which two channels charging one plan are a double.
pub const DOUBLE_DAYS: i64 = 35;
/// A first charge up to this (in its currency) is a trial.
pub const TRIAL_MAX: Decimal = Decimal::from_parts(100, 0, 0, false, 2);

#[derive(Debug, thiserror::Error)]
pub enum AlertError {
    #[error("there is no alert {0:?} now; `aispend alerts --all` lists them")]
    NoSuchAlert(String),
    #[error("there is no cancellation mark {0}; `aispend subs cancelled` lists them")]
    NoSuchCancellation(i64),
    /// A request refused (a form field filled in wrongly, an amount out of
    /// range), as a message of the catalogs.
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    Form(crate::i18n::Msg),
    #[error(transparent)]
    Credits(#[from] CreditsError),
    #[error(transparent)]
    Budget(#[from] BudgetError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl AlertError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            AlertError::NoSuchAlert(_)
            | AlertError::NoSuchCancellation(_)
            | AlertError::Form(_) => true,
            AlertError::Credits(e) => e.is_bad_input(),
            AlertError::Budget(e) => e.is_bad_input(),
            AlertError::Ledger(e) => e.is_bad_input(),
        }
    }
}

/// What an alert is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    RenewalSoon,
    TrialEnding,
    PriceChange,
    LapsedStillCharged,
    DoubleSubscription,
    BudgetExceeded,
    BudgetProjected,
    CreditsLow,
    CreditsExpiring,
    AutoRechargeLoop,
}

impl AlertKind {
    pub const ALL: [AlertKind; 10] = [
        AlertKind::RenewalSoon,
        AlertKind::TrialEnding,
        AlertKind::PriceChange,
        AlertKind::LapsedStillCharged,
        AlertKind::DoubleSubscription,
        AlertKind::BudgetExceeded,
        AlertKind::BudgetProjected,
        AlertKind::CreditsLow,
        AlertKind::CreditsExpiring,
        AlertKind::AutoRechargeLoop,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::RenewalSoon => "renewal_soon",
            AlertKind::TrialEnding => "trial_ending",
            AlertKind::PriceChange => "price_change",
            AlertKind::LapsedStillCharged => "lapsed_still_charged",
            AlertKind::DoubleSubscription => "double_subscription",
            AlertKind::BudgetExceeded => "budget_exceeded",
            AlertKind::BudgetProjected => "budget_projected",
            AlertKind::CreditsLow => "credits_low",
            AlertKind::CreditsExpiring => "credits_expiring",
            AlertKind::AutoRechargeLoop => "auto_recharge_loop",
        }
    }

    pub fn parse(s: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One alert (`aispend alerts --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Alert {
    /// Stable across runs: `<kind>-<10 hex digits>`.
    pub id: String,
    pub kind: AlertKind,
    /// What it is about: a plan, a budget's scope, a credit account.
    pub subject: String,
    /// The local date it concerns (a renewal, an expiry, a charge).
    pub date: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
    pub message: String,
    /// The same as a message of the catalogs, for the user's language.
    pub msg: Msg,
    /// The rows behind it.
    pub rows: Vec<String>,
    /// The ledger lines among `rows` (each `txn:ID`), by id: what the app
    /// opens the transactions view on.
    pub lines: Vec<i64>,
    pub dismissed: bool,
    pub notified: bool,
}

/// Which kinds are on, and quiet mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AlertSettings {
    pub kinds: Vec<KindSetting>,
    /// No notifications (the list is still shown).
    pub quiet: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct KindSetting {
    pub kind: AlertKind,
    pub enabled: bool,
}

/// The user's local date at an instant, at a UTC offset: the one place an
/// instant becomes the date a renewal or expiry is "on".
pub fn local_date(now: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    now.with_timezone(&offset).date_naive()
}

fn stable_id(kind: AlertKind, key: &str) -> String {
    let digest = Sha256::digest(format!("{}\u{1f}{key}", kind.as_str()).as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", kind.as_str())
}

fn plan_name(s: &Subscription) -> String {
    match &s.product {
        Some(p) => format!("{} {p}", s.vendor),
        None => s.vendor.clone(),
    }
}

struct Draft {
    kind: AlertKind,
    key: String,
    subject: String,
    date: NaiveDate,
    amount: Decimal,
    currency: Currency,
    message: String,
    msg: Msg,
    rows: Vec<String>,
}

/// Every alert on `as_of` (a local date), dismissed and turned-off kinds
/// included, with their state; by date, kind and id.
pub fn compute(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<Alert>, AlertError> {
    Ok(compute_all(ledger, as_of)?.alerts)
}

/// What the alerts are computed from, computed once: the app's view shows
/// the same credits and budgets beside the bell.
#[derive(Debug, Clone)]
pub struct Computed {
    /// As [`compute`] gives them.
    pub alerts: Vec<Alert>,
    /// Every credit account, as `credits::credits(ledger, None, as_of)`.
    pub credits: Vec<credits::CreditAccount>,
    /// Every budget, as `budgets::budget_status(ledger, as_of)`.
    pub budgets: Vec<budgets::BudgetStatus>,
    /// The subscriptions on `as_of`.
    pub subscriptions: Vec<Subscription>,
}

/// [`compute`], with the credits, budgets and subscriptions it read.
pub fn compute_all(ledger: &Ledger, as_of: NaiveDate) -> Result<Computed, AlertError> {
    let mut drafts = Vec::new();
    let subs = crate::reports::subscriptions(ledger, as_of)?;
    let cancellations = ledger.cancellations()?;
    let cancelled = |s: &Subscription| {
        cancellations.iter().any(|c| {
            c.vendor == s.vendor
                && c.product
                    .as_ref()
                    .is_none_or(|p| Some(p) == s.product.as_ref())
                && c.cancelled_on <= as_of
        })
    };
    let soon = as_of + Duration::days(SOON_DAYS);
    for s in &subs {
        if s.status != SubStatus::Active || cancelled(s) {
            continue;
        }
        let Some(next) = s.next_renewal.filter(|n| *n >= as_of && *n <= soon) else {
            continue;
        };
        let trial = s.source == SubSource::Ledger && s.charges == 1 && s.amount.abs() <= TRIAL_MAX;
        let name = plan_name(s);
        let (kind, message, msg) = if trial {
            (
                AlertKind::TrialEnding,
                format!(
                    "The trial of {name} ends on {next}; it was {} {}; a full-price charge may follow",
                    s.amount.abs(),
                    s.currency
                ),
                msg!(
                    "alert-trial-ending",
                    plan = name.as_str(),
                    date = next.to_string(),
                    amount = s.amount.abs().to_string(),
                    currency = s.currency.as_str()
                ),
            )
        } else {
            (
                AlertKind::RenewalSoon,
                format!(
                    "{name} renews on {next} for {} {} ({})",
                    s.amount.abs(),
                    s.currency,
                    s.cadence.as_str()
                ),
                msg!(
                    "alert-renewal-soon",
                    plan = name.as_str(),
                    date = next.to_string(),
                    amount = s.amount.abs().to_string(),
                    currency = s.currency.as_str(),
                    cadence = s.cadence.as_str()
                ),
            )
        };
        drafts.push(Draft {
            kind,
            key: format!("{}\u{1f}{:?}\u{1f}{next}", s.vendor, s.product),
            subject: name,
            date: next,
            amount: s.amount,
            currency: s.currency,
            message,
            msg,
            rows: match s.id {
                Some(id) => vec![format!("subscription:{id}")],
                None => last_charge_rows(ledger, s)?,
            },
        });
    }
    for s in &subs {
        let Some(on) = s
            .price_changed_on
            .filter(|d| *d <= as_of && *d > as_of - Duration::days(PRICE_CHANGE_DAYS))
        else {
            continue;
        };
        let name = plan_name(s);
        drafts.push(Draft {
            kind: AlertKind::PriceChange,
            key: format!("{}\u{1f}{:?}\u{1f}{on}", s.vendor, s.product),
            subject: name.clone(),
            date: on,
            amount: s.amount,
            currency: s.currency,
            message: format!(
                "{name} now charges {} {} (was {} {}) since {on}",
                s.original_amount.unwrap_or(s.amount).abs(),
                s.original_currency.unwrap_or(s.currency),
                s.previous_amount.unwrap_or_default().abs(),
                s.previous_currency.unwrap_or(s.currency)
            ),
            msg: msg!(
                "alert-price-change",
                plan = name.as_str(),
                amount = s.original_amount.unwrap_or(s.amount).abs().to_string(),
                currency = s.original_currency.unwrap_or(s.currency).as_str(),
                previous = s.previous_amount.unwrap_or_default().abs().to_string(),
                previous_currency = s.previous_currency.unwrap_or(s.currency).as_str(),
                date = on.to_string()
            ),
            rows: price_change_rows(ledger, s, on)?,
        });
    }
    // Charges after a plan was marked cancelled.
    for c in &cancellations {
        let Some(after) = c.cancelled_on.succ_opt().filter(|a| *a <= as_of) else {
            continue;
        };
        let lines: Vec<_> = ledger
            .subscription_lines(after, as_of)?
            .into_iter()
            .filter(|l| {
                l.vendor.as_deref() == Some(c.vendor.as_str())
                    && c.product
                        .as_ref()
                        .is_none_or(|p| l.product.as_ref() == Some(p))
            })
            .collect();
        let Some(first) = lines.first() else {
            continue;
        };
        let currency = first.currency;
        let total: i64 = lines
            .iter()
            .filter(|l| l.currency == currency)
            .map(|l| l.amount)
            .sum();
        let name = match &c.product {
            Some(p) => format!("{} {p}", c.vendor),
            None => c.vendor.clone(),
        };
        drafts.push(Draft {
            kind: AlertKind::LapsedStillCharged,
            key: format!("{}", c.id),
            subject: name.clone(),
            date: first.date,
            amount: from_micros(total),
            currency,
            message: format!(
                "{name} was marked cancelled on {} and charged {} time(s) since, first on {}",
                c.cancelled_on,
                lines.len(),
                first.date
            ),
            msg: msg!(
                "alert-lapsed-still-charged",
                plan = name.as_str(),
                cancelled = c.cancelled_on.to_string(),
                count = lines.len(),
                date = first.date.to_string()
            ),
            rows: lines.iter().map(|l| format!("txn:{}", l.id)).collect(),
        });
    }
    // One plan paid through two channels.
    let recent = ledger.subscription_lines(as_of - Duration::days(DOUBLE_DAYS - 1), as_of)?;
    let mut plans: BTreeMap<
        (String, Option<String>),
        Vec<&crate::ledger::alerts::SubscriptionLine>,
    > = BTreeMap::new();
    for l in &recent {
        let vendor = l
            .vendor
            .clone()
            .unwrap_or_else(|| crate::classify::text::merchant(&l.description));
        plans
            .entry((vendor, l.product.clone()))
            .or_default()
            .push(l);
    }
    for ((vendor, product), lines) in plans {
        let mut channels: Vec<(i64, String)> = lines
            .iter()
            .map(|l| {
                (
                    l.account_id,
                    crate::classify::text::merchant(&l.description),
                )
            })
            .collect();
        channels.sort();
        channels.dedup();
        if channels.len() < 2 {
            continue;
        }
        let currency = lines[0].currency;
        let last = lines.iter().map(|l| l.date).max().unwrap_or(as_of);
        let name = match &product {
            Some(p) => format!("{vendor} {p}"),
            None => vendor.clone(),
        };
        let ids: Vec<String> = lines.iter().map(|l| format!("txn:{}", l.id)).collect();
        drafts.push(Draft {
            kind: AlertKind::DoubleSubscription,
            key: ids.join(","),
            subject: name.clone(),
            date: last,
            amount: from_micros(
                lines
                    .iter()
                    .filter(|l| l.currency == currency)
                    .map(|l| l.amount)
                    .sum(),
            ),
            currency,
            message: format!(
                "{name} was charged through {} channels (cards or merchants) in {DOUBLE_DAYS} days",
                channels.len()
            ),
            msg: msg!(
                "alert-double-subscription",
                plan = name.as_str(),
                count = channels.len(),
                days = DOUBLE_DAYS
            ),
            rows: ids,
        });
    }
    // Budgets.
    let usage = ledger.usage_cost_days(as_of)?;
    let budget_list = budgets::status_with(ledger, as_of, &subs, &usage)?;
    for b in &budget_list {
        let (kind, message, msg) = match b.status {
            BudgetState::Ok => continue,
            BudgetState::Over => (
                AlertKind::BudgetExceeded,
                format!(
                    "The {} budget of {} {} for {}..{} is exceeded: {} spent",
                    b.scope,
                    b.amount,
                    b.currency,
                    b.period_from,
                    b.period_to,
                    b.spent.abs()
                ),
                msg!(
                    "alert-budget-exceeded",
                    scope = b.scope.as_str(),
                    amount = b.amount.to_string(),
                    currency = b.currency.as_str(),
                    from = b.period_from.to_string(),
                    to = b.period_to.to_string(),
                    spent = b.spent.abs().to_string()
                ),
            ),
            BudgetState::ProjectedOver => (
                AlertKind::BudgetProjected,
                format!(
                    "The {} budget of {} {} is heading over: {} by {} at this rate",
                    b.scope,
                    b.amount,
                    b.currency,
                    b.projected.abs(),
                    b.period_to
                ),
                msg!(
                    "alert-budget-projected",
                    scope = b.scope.as_str(),
                    amount = b.amount.to_string(),
                    currency = b.currency.as_str(),
                    projected = b.projected.abs().to_string(),
                    to = b.period_to.to_string()
                ),
            ),
        };
        let mut rows = vec![format!("budget:{}", b.id)];
        rows.extend(b.rows.iter().cloned());
        drafts.push(Draft {
            kind,
            key: format!("{}\u{1f}{}", b.id, b.period_from),
            subject: b.scope.clone(),
            date: b.period_to,
            amount: if kind == AlertKind::BudgetExceeded {
                b.spent
            } else {
                b.projected
            },
            currency: b.currency,
            message,
            msg,
            rows,
        });
    }
    // Credits.
    let accounts = credits::credits_with(ledger, None, as_of, usage)?;
    for a in &accounts {
        let account = match &a.organization {
            Some(o) => format!("{} {o} ({})", a.provider.name(), a.currency),
            None => format!("{} ({})", a.provider.name(), a.currency),
        };
        let account_key = format!(
            "{}\u{1f}{:?}\u{1f}{}",
            a.provider, a.organization, a.currency
        );
        let last_purchase = a.purchases.iter().map(|p| p.date).max();
        let refilled = a.auto_recharge.detected && a.balance > Decimal::ZERO;
        let low = a.balance <= Decimal::ZERO || a.runs_out_on.is_some_and(|d| d <= soon);
        if low && !refilled && (a.balance != Decimal::ZERO || !a.purchases.is_empty()) {
            let (message, msg) = match a.runs_out_on {
                _ if a.balance <= Decimal::ZERO => (
                    format!("{account} credit is at {} {}", a.balance, a.currency),
                    msg!(
                        "alert-credits-at",
                        account = account.as_str(),
                        amount = a.balance.to_string(),
                        currency = a.currency.as_str()
                    ),
                ),
                Some(d) => (
                    format!(
                        "{account} credit of {} {} runs out around {d} at {} a day",
                        a.balance,
                        a.currency,
                        a.burn_per_day_7d.max(a.burn_per_day_30d)
                    ),
                    msg!(
                        "alert-credits-run-out",
                        account = account.as_str(),
                        amount = a.balance.to_string(),
                        currency = a.currency.as_str(),
                        date = d.to_string(),
                        per_day = a.burn_per_day_7d.max(a.burn_per_day_30d).to_string()
                    ),
                ),
                None => (
                    format!("{account} credit is low: {} {}", a.balance, a.currency),
                    msg!(
                        "alert-credits-low",
                        account = account.as_str(),
                        amount = a.balance.to_string(),
                        currency = a.currency.as_str()
                    ),
                ),
            };
            let mut rows: Vec<String> = a
                .purchases
                .iter()
                .filter(|p| p.remaining > Decimal::ZERO)
                .flat_map(|p| p.rows.clone())
                .collect();
            rows.extend(a.usage_rows.clone());
            drafts.push(Draft {
                kind: AlertKind::CreditsLow,
                key: format!("{account_key}\u{1f}{last_purchase:?}"),
                subject: account.clone(),
                date: a.runs_out_on.unwrap_or(as_of),
                amount: a.balance,
                currency: a.currency,
                message,
                msg,
                rows,
            });
        }
        if let Some(e) = a
            .next_expiry
            .as_ref()
            .filter(|e| e.date <= as_of + Duration::days(EXPIRING_DAYS) && e.amount > Decimal::ZERO)
        {
            drafts.push(Draft {
                kind: AlertKind::CreditsExpiring,
                key: format!("{account_key}\u{1f}{}", e.date),
                subject: account.clone(),
                date: e.date,
                amount: e.amount,
                currency: a.currency,
                message: format!(
                    "{} {} of {account} credit expires on {} unused",
                    e.amount, a.currency, e.date
                ),
                msg: msg!(
                    "alert-credits-expiring",
                    account = account.as_str(),
                    amount = e.amount.to_string(),
                    currency = a.currency.as_str(),
                    date = e.date.to_string()
                ),
                rows: a
                    .purchases
                    .iter()
                    .filter(|p| p.expires_on == Some(e.date) && p.remaining > Decimal::ZERO)
                    .flat_map(|p| p.rows.clone())
                    .collect(),
            });
        }
        let r = &a.auto_recharge;
        if let (true, Some(on), Some(amount)) = (r.is_loop, r.loop_on, r.amount) {
            let n = Decimal::from(r.rows.len().max(1) as u64);
            drafts.push(Draft {
                kind: AlertKind::AutoRechargeLoop,
                key: format!("{account_key}\u{1f}{on}"),
                subject: account.clone(),
                date: on,
                amount: -(amount * n),
                currency: a.currency,
                message: format!(
                    "{account} auto-recharge of {amount} {} fired {} time(s) this month (usually {}); check for a loop",
                    a.currency, r.count_this_month, r.usual_per_month
                ),
                msg: msg!(
                    "alert-auto-recharge-loop",
                    account = account.as_str(),
                    amount = amount.to_string(),
                    currency = a.currency.as_str(),
                    count = r.count_this_month,
                    usual = r.usual_per_month
                ),
                rows: r.rows.clone(),
            });
        }
    }

    let states = ledger.alert_states()?;
    let mut out: Vec<Alert> = drafts
        .into_iter()
        .map(|d| {
            let id = stable_id(d.kind, &d.key);
            let state = states.get(&id);
            Alert {
                dismissed: state.is_some_and(|s| s.dismissed_at.is_some()),
                notified: state.is_some_and(|s| s.notified_at.is_some()),
                id,
                kind: d.kind,
                subject: d.subject,
                date: d.date,
                amount: d.amount,
                currency: d.currency,
                message: d.message,
                msg: d.msg,
                lines: lines_of(&d.rows),
                rows: d.rows,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.date, a.kind, &a.id).cmp(&(b.date, b.kind, &b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    Ok(Computed {
        alerts: out,
        credits: accounts,
        budgets: budget_list,
        subscriptions: subs,
    })
}

/// The price a charge line is compared at by subscription detection: the
/// merchant's own amount where it is in another currency, else the billed
/// one (micro-units, negative).
fn charged_price(l: &PlanChargeLine) -> (i64, Currency) {
    match l.original {
        Some((value, currency)) if currency != l.currency => (value, currency),
        _ => (l.amount, l.currency),
    }
}

fn micros_of(d: Decimal) -> Result<i64, AlertError> {
    crate::money::to_micros(d).map_err(|e| AlertError::Form(e.msg()))
}

/// The line(s) of a detected subscription's last charge.
fn last_charge_rows(ledger: &Ledger, s: &Subscription) -> Result<Vec<String>, AlertError> {
    Ok(crate::reports::subs::last_charge_lines(ledger, s)?
        .into_iter()
        .map(|id| format!("txn:{id}"))
        .collect())
}

/// Days back the charge before a price change is looked for (an annual
/// plan's period and its window).
const PRICE_CHANGE_LOOKBACK: i64 = 400;

/// The lines of a price change: the last charge at the old price before
/// `on`, then the charge at the new price on `on`.
fn price_change_rows(
    ledger: &Ledger,
    s: &Subscription,
    on: NaiveDate,
) -> Result<Vec<String>, AlertError> {
    let (Some(previous), Some(currency)) = (s.previous_amount, s.previous_currency) else {
        return Ok(Vec::new());
    };
    let old = (micros_of(previous)?, currency);
    let now = match (s.original_amount, s.original_currency) {
        (Some(a), Some(c)) if c != s.currency => micros_of(a)?,
        _ => micros_of(s.amount)?,
    };
    let mut rows = Vec::new();
    let before = on.pred_opt().unwrap_or(on);
    if let Some(l) = ledger
        .plan_charge_lines(before - Duration::days(PRICE_CHANGE_LOOKBACK), before)?
        .iter()
        .rev()
        .find(|l| charge_of(l, s) && charged_price(l) == old)
    {
        rows.push(format!("txn:{}", l.id));
    }
    if let Some(l) = ledger
        .plan_charge_lines(on, on)?
        .iter()
        .filter(|l| charge_of(l, s))
        .filter(|l| charged_price(l).1 == currency && charged_price(l) != old)
        .min_by_key(|l| charged_price(l).0.abs_diff(now))
    {
        rows.push(format!("txn:{}", l.id));
    }
    Ok(rows)
}

/// The ledger line ids among `rows` (`txn:ID`), in order, once each.
pub fn lines_of(rows: &[String]) -> Vec<i64> {
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        .filter_map(|r| r.strip_prefix("txn:"))
        .filter_map(|n| n.parse().ok())
        .filter(|id| seen.insert(*id))
        .collect()
}

/// The alerts to show on `as_of`: not dismissed and of a kind turned on;
/// with `all`, every one.
pub fn alerts(ledger: &Ledger, as_of: NaiveDate, all: bool) -> Result<Vec<Alert>, AlertError> {
    let list = compute(ledger, as_of)?;
    if all {
        return Ok(list);
    }
    Ok(shown(list, &settings(ledger)?))
}

/// The alerts of `list` to show: not dismissed and of a kind turned on.
pub fn shown(list: Vec<Alert>, settings: &AlertSettings) -> Vec<Alert> {
    list.into_iter()
        .filter(|a| !a.dismissed && enabled(settings, a.kind))
        .collect()
}

fn enabled(s: &AlertSettings, kind: AlertKind) -> bool {
    s.kinds.iter().any(|k| k.kind == kind && k.enabled)
}

/// The alerts to raise as notifications now: shown, never notified, and
/// none at all in quiet mode. The caller marks them with [`mark_notified`]
/// once raised, so each is raised once.
pub fn to_notify(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<Alert>, AlertError> {
    if settings(ledger)?.quiet {
        return Ok(Vec::new());
    }
    Ok(alerts(ledger, as_of, false)?
        .into_iter()
        .filter(|a| !a.notified)
        .collect())
}

/// Records that these alerts were notified at `now`.
pub fn mark_notified(
    ledger: &mut Ledger,
    ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), AlertError> {
    ledger.mark_alerts_notified(ids, &instant(now))?;
    Ok(())
}

fn instant(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Dismisses an alert that exists on `as_of`; returns it.
pub fn dismiss(
    ledger: &mut Ledger,
    id: &str,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Alert, AlertError> {
    let found = compute(ledger, as_of)?
        .into_iter()
        .find(|a| a.id == id.trim())
        .ok_or_else(|| AlertError::NoSuchAlert(id.trim().to_owned()))?;
    ledger.dismiss_alert(&found.id, &instant(now))?;
    Ok(Alert {
        dismissed: true,
        ..found
    })
}

/// Which kinds are on, and quiet mode.
pub fn settings(ledger: &Ledger) -> Result<AlertSettings, AlertError> {
    let mut kinds = Vec::new();
    for kind in AlertKind::ALL {
        let v = ledger.alert_setting(&format!("alerts.kind.{}", kind.as_str()))?;
        kinds.push(KindSetting {
            kind,
            enabled: v.as_deref() != Some("off"),
        });
    }
    let quiet = ledger.alert_setting("alerts.quiet")?.as_deref() == Some("on");
    Ok(AlertSettings { kinds, quiet })
}

/// Turns a kind on or off.
pub fn set_kind_enabled(
    ledger: &mut Ledger,
    kind: AlertKind,
    on: bool,
) -> Result<AlertSettings, AlertError> {
    let key = format!("alerts.kind.{}", kind.as_str());
    ledger.set_alert_setting(&key, if on { None } else { Some("off") })?;
    settings(ledger)
}

/// Turns quiet mode on or off.
pub fn set_quiet(ledger: &mut Ledger, quiet: bool) -> Result<AlertSettings, AlertError> {
    ledger.set_alert_setting("alerts.quiet", quiet.then_some("on"))?;
    settings(ledger)
}

/// A plan the user marked cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Cancellation {
    pub id: i64,
    pub vendor: String,
    pub product: Option<String>,
    pub cancelled_on: NaiveDate,
}

/// Marks a plan cancelled on a date: a charge after it raises
/// `lapsed_still_charged`, and it gets no more renewal reminders.
pub fn mark_cancelled(
    ledger: &mut Ledger,
    vendor: &str,
    product: Option<&str>,
    on: NaiveDate,
) -> Result<Cancellation, AlertError> {
    let vendor = vendor.trim();
    if vendor.is_empty() {
        return Err(AlertError::Form(crate::msg!("apperr-alert-vendor-empty")));
    }
    let product = product.map(str::trim).filter(|p| !p.is_empty());
    let id = ledger.insert_cancellation(vendor, product, on)?;
    Ok(Cancellation {
        id,
        vendor: vendor.to_owned(),
        product: product.map(str::to_owned),
        cancelled_on: on,
    })
}

/// Every plan marked cancelled.
pub fn cancellations(ledger: &Ledger) -> Result<Vec<Cancellation>, AlertError> {
    Ok(ledger
        .cancellations()?
        .into_iter()
        .map(|c| Cancellation {
            id: c.id,
            vendor: c.vendor,
            product: c.product,
            cancelled_on: c.cancelled_on,
        })
        .collect())
}

/// Takes a cancellation mark off.
pub fn unmark_cancelled(ledger: &mut Ledger, id: i64) -> Result<(), AlertError> {
    if ledger.delete_cancellation(id)? {
        Ok(())
    } else {
        Err(AlertError::NoSuchCancellation(id))
    }
}

#[cfg(test)]
mod tests;

//! Plan value: what a month's usage under a flat plan (Claude Code's logs
//! under Claude Pro or Max, Codex under ChatGPT, Cursor's included
//! requests) would have cost at API prices, set against what the plan costs
//! for the same days; and the reverse, how many days of that usage the
//! plan's monthly price buys at API prices.
//!
//! The usage is what `costs --check` counts as plan usage
//! ([`crate::usage::check::is_plan_usage`]), priced by the price list
//! ([`crate::pricing`]), from the first day of the as-of date's month to
//! the as-of date (the user's days). The plan price is the provider's
//! active subscriptions (detected from the card lines or entered by hand),
//! each brought to one month (annual / 12, weekly × 52 / 12), in the
//! currency the usage is priced in (a plan billed in another currency
//! counts by the merchant's own amount when that is in it).
//!
//! **Fair comparison.** Month to date, the usage of `days` days is set
//! against the monthly price **prorated to those days**
//! (`plan_price_to_date` = `plan_price` × `days` / `month_days`): the plans
//! are priced per month, so the month is their billing period here, and a
//! plan's price per day does not depend on the day it renews. The usage is
//! also **projected to the month's end** at its daily rate
//! (`projected_api_value`), to set against the full `plan_price`. Both are
//! in the output and said in the message, in both languages.
//!
//! **Rows.** The plan price names the rows behind it (`rows`): each
//! detected plan's last charge line (`txn:ID`, its id also in `lines`, what
//! the app opens), or `subscription:ID` for a plan entered by hand
//! (`by_hand` names those plans).
//!
//! Invariant: usage the price list cannot price is counted apart
//! (`unpriced_records`), never valued at 0; no currency is converted (a
//! plan priced in another currency leaves `plan_price` empty).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{BudgetClass, BudgetError, BudgetStatus, Scope};
use crate::ai_provider::Provider;
use crate::i18n::Msg;
use crate::ledger::Ledger;
use crate::money::Currency;
use crate::msg;
use crate::pricing::{Estimate, PriceList};
use crate::reports::subs::{Cadence, SubSource, SubStatus, Subscription};
use crate::usage::{self, UsageFilter, Zone};

/// One provider's plan usage this month at API prices, against its plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PlanValue {
    pub provider: Provider,
    /// `YYYY-MM`: the as-of date's month, from its first day to `to`.
    pub month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: Currency,
    /// The plan usage at API prices, spending (negative), exact.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub api_value: Decimal,
    /// The provider's active plans for one month, spending (negative);
    /// none when no plan of the provider is known in this currency.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub plan_price: Option<Decimal>,
    /// `plan_price` prorated to the days counted (`plan_price` × `days` /
    /// `month_days`, to the cent): what the plans cost for the days the
    /// usage covers, spending (negative).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub plan_price_to_date: Option<Decimal>,
    /// The plans priced (`anthropic Claude Max`).
    pub plans: Vec<String>,
    /// Those of `plans` entered by hand (no ledger line behind their price).
    pub by_hand: Vec<String>,
    /// The rows behind the plan price: each detected plan's last charge
    /// (`txn:ID`), each plan entered by hand (`subscription:ID`).
    pub rows: Vec<String>,
    /// The ledger lines among `rows` (each `txn:ID`), by id: what the app
    /// opens the transactions view on.
    pub lines: Vec<i64>,
    /// `api_value / plan_price_to_date`: what the usage was worth per unit
    /// of what the plans cost for the same days (above 1: the plan paid
    /// off so far).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub value_per_price: Option<Decimal>,
    /// The usage projected to the month's end at its daily rate so far
    /// (`api_value` × `month_days` / `days`, to the cent), spending.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub projected_api_value: Decimal,
    /// The reverse: the days of this month's usage (at its daily rate) the
    /// monthly plan price buys at API prices.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub price_buys_days: Option<Decimal>,
    /// The days of usage counted (`from` to `to`) and the month's days.
    pub days: u32,
    pub month_days: u32,
    /// Plan usage records priced, and those no price list row prices.
    pub records: u64,
    pub unpriced_records: u64,
    /// The price list rows used (`anthropic/claude-opus-4-5@2025-11-24`).
    pub price_rows: Vec<String>,
    /// The whole line, as a message of the catalogs.
    pub msg: Msg,
}

/// The plans of one provider and currency: the monthly price (micro-units,
/// negative) and their names.
#[derive(Default)]
struct Plans {
    price: i64,
    names: Vec<String>,
    by_hand: Vec<String>,
    rows: Vec<String>,
    lines: Vec<i64>,
}

/// A subscription's price for one month, in `currency` when it is billed
/// in it or the merchant's own amount is (micro-units, negative).
fn monthly_price(s: &Subscription, currency: Currency) -> Option<i64> {
    let amount = if s.currency == currency {
        s.amount
    } else if s.original_currency == Some(currency) {
        s.original_amount?
    } else {
        return None;
    };
    let m = crate::money::to_micros(-amount.abs()).ok()?;
    Some(match s.cadence {
        Cadence::Monthly => m,
        Cadence::Annual => m / 12,
        Cadence::Weekly => m * 52 / 12,
    })
}

fn days_in_month(first: NaiveDate) -> u32 {
    crate::reports::subs::add_months(first, 1, 1)
        .and_then(|n| n.pred_opt())
        .map_or(30, |last| last.day())
}

/// Plan value per provider and currency on `as_of` (the user's date):
/// this month so far. `subs` are the subscriptions on `as_of`.
pub fn plan_value(
    ledger: &Ledger,
    prices: &PriceList,
    as_of: NaiveDate,
    zone: Zone,
    subs: &[Subscription],
) -> Result<Vec<PlanValue>, BudgetError> {
    let from = as_of.with_day(1).unwrap_or(as_of);
    let records = usage::priced_records(
        ledger,
        prices,
        &UsageFilter {
            provider: None,
            from: Some(from),
            to: Some(as_of),
        },
        zone,
    )
    .map_err(|e| match e {
        usage::UsageError::Ledger(e) => BudgetError::Ledger(e),
        other => BudgetError::Usage(other),
    })?;
    #[derive(Default)]
    struct Acc {
        value: Decimal,
        records: u64,
        unpriced: u64,
        rows: std::collections::BTreeSet<String>,
    }
    let mut acc: BTreeMap<(Provider, Currency), Acc> = BTreeMap::new();
    for r in records.iter().filter(|r| usage::check::is_plan_usage(r)) {
        match &r.estimate {
            Some(Estimate::Priced {
                amount,
                currency,
                row,
            }) => {
                let a = acc.entry((r.provider, *currency)).or_default();
                a.value += amount;
                a.records += 1;
                a.rows.insert(row.clone());
            }
            Some(Estimate::Unknown { .. }) => {
                acc.entry((r.provider, usage::currency_of(r)))
                    .or_default()
                    .unpriced += 1;
            }
            None => {}
        }
    }
    let month_days = days_in_month(from);
    let days = u32::try_from((as_of - from).num_days() + 1).unwrap_or(1);
    let mut out = Vec::new();
    for ((provider, currency), a) in acc {
        let mut plans = Plans::default();
        for s in subs.iter().filter(|s| {
            s.status == SubStatus::Active && Provider::from_id(&s.vendor) == Some(provider)
        }) {
            if let Some(p) = monthly_price(s, currency) {
                plans.price += p;
                let name = match &s.product {
                    Some(p) => format!("{} {p}", s.vendor),
                    None => s.vendor.clone(),
                };
                match (s.source, s.id) {
                    (SubSource::Manual, Some(id)) => {
                        plans.rows.push(format!("subscription:{id}"));
                        plans.by_hand.push(name.clone());
                    }
                    _ => {
                        for id in crate::reports::subs::last_charge_lines(ledger, s)? {
                            plans.rows.push(format!("txn:{id}"));
                            plans.lines.push(id);
                        }
                    }
                }
                plans.names.push(name);
            }
        }
        let value = a.value.round_dp(2);
        let price = (!plans.names.is_empty()).then(|| crate::money::from_micros(plans.price));
        let share = Decimal::from(days) / Decimal::from(month_days);
        let price_to_date = price.map(|p| (p * share).round_dp(2));
        let value_per_price = price_to_date
            .filter(|p| !p.is_zero())
            .map(|p| (a.value / p.abs()).round_dp(2));
        let price_buys_days = price
            .filter(|_| !a.value.is_zero())
            .map(|p| (p.abs() * Decimal::from(days) / a.value).round_dp(1));
        let projected = (a.value / share).round_dp(2);
        // Exact, as `costs --check` gives it (at least to the cent).
        let mut value_out = -a.value.normalize();
        if value_out.scale() < 2 {
            value_out.rescale(2);
        }
        let msg = match (price, price_to_date, value_per_price, price_buys_days) {
            (Some(p), Some(to_date), Some(ratio), Some(buys)) => msg!(
                "plan-value",
                provider = provider.name(),
                plans = plans.names.join(", "),
                value = value.to_string(),
                price_to_date = to_date.abs().to_string(),
                price = p.abs().round_dp(2).to_string(),
                currency = currency.as_str(),
                ratio = ratio.to_string(),
                days_counted = days,
                projected = projected.to_string(),
                days = buys.to_string(),
                month_days = month_days,
                from = from.to_string(),
                to = as_of.to_string()
            ),
            _ => msg!(
                "plan-value-no-plan",
                provider = provider.name(),
                value = value.to_string(),
                currency = currency.as_str(),
                from = from.to_string(),
                to = as_of.to_string()
            ),
        };
        out.push(PlanValue {
            provider,
            month: from.format("%Y-%m").to_string(),
            from,
            to: as_of,
            currency,
            api_value: value_out,
            plan_price: price,
            plan_price_to_date: price_to_date,
            plans: plans.names,
            by_hand: plans.by_hand,
            rows: plans.rows,
            lines: plans.lines,
            value_per_price,
            projected_api_value: -projected,
            price_buys_days,
            days,
            month_days,
            records: a.records,
            unpriced_records: a.unpriced,
            price_rows: a.rows.into_iter().collect(),
            msg,
        });
    }
    Ok(out)
}

/// Whether a budget's scope covers a provider's plans: its provider or
/// vendor, or the subscription classes.
fn covers(scope: &Scope, provider: Provider) -> bool {
    match scope {
        Scope::Provider(p) => *p == provider,
        Scope::Vendor(v) => v == provider.as_str(),
        Scope::Class(c) => matches!(c, BudgetClass::AiSubscription | BudgetClass::Ai),
        Scope::Tag(_) => false,
    }
}

/// Gives each budget the plan values its scope covers.
pub fn attach(list: &mut [BudgetStatus], values: &[PlanValue]) -> Result<(), BudgetError> {
    for b in list.iter_mut() {
        let (kind, value) = b.scope.split_once(':').unwrap_or((b.scope.as_str(), ""));
        let scope = Scope::parse(kind, value)?;
        b.plan_value = values
            .iter()
            .filter(|v| covers(&scope, v.provider))
            .cloned()
            .collect();
    }
    Ok(())
}

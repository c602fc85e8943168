//! The Provider view (SPEC §5, issue #7): OpenAI and Anthropic cost from the
//! imported exports, by project, line item, model, API key and month, and
//! per month the providers' cost beside the card top-ups and recorded credit
//! purchases, with the chart's series. Everything is summed by
//! [`crate::reports::cost_breakdown`] and [`crate::reports::costs_vs_topups`] (the same as
//! `aispend costs --by ...` and `--vs-topups`); this module only shapes it.
//!
//! Provider months are UTC, card months local (SPEC §2). Amounts are
//! positive: what was used or paid.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AppError;
use crate::ledger::Ledger;
use crate::provider::{CostFilter, Provider};
use crate::reports::provider::{CostBreakdown, CostKey};

/// The view's filters; `None` leaves a filter off. Dates are UTC days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProviderQuery {
    /// One provider; `None` for both.
    pub provider: Option<Provider>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The cost of one group (a project, a model, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CostLine {
    pub provider: Provider,
    /// The group's name (`(none)` where the records name none).
    pub key: String,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub records: u64,
}

/// One month's provider cost beside what was paid to the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub provider: Provider,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub cost: Decimal,
    /// Card lines classed `ai-api` with this provider's vendor.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub card_topups: Decimal,
    pub card_lines: u64,
    /// Succeeded credit purchases recorded with `payments add`.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub credit_purchases: Decimal,
}

/// One month of the chart, in the chart's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChartMonth {
    pub month: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub openai: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub anthropic: Decimal,
    /// Every other provider's cost (Google, Cursor, GitHub, OpenRouter).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub other: Decimal,
    /// Card top-ups and credit purchases of every provider.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub topups: Decimal,
}

/// The Provider view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderView {
    /// Current provider records (cost and usage) in the ledger, unfiltered.
    pub records: u64,
    pub by_project: Vec<CostLine>,
    pub by_line_item: Vec<CostLine>,
    pub by_model: Vec<CostLine>,
    pub by_api_key: Vec<CostLine>,
    pub by_month: Vec<CostLine>,
    /// Per provider and currency, over every group.
    pub totals: Vec<CostLine>,
    pub vs_topups: Vec<ProviderMonth>,
    /// The currency the chart draws (the one with the most cost), if any.
    pub chart_currency: Option<String>,
    /// Months, oldest first, in `chart_currency`.
    pub chart: Vec<ChartMonth>,
    /// Currencies of the view left out of the chart.
    pub other_currencies: Vec<String>,
}

fn lines(b: CostBreakdown) -> Vec<CostLine> {
    let mut out: Vec<CostLine> = b
        .groups
        .into_iter()
        .map(|g| CostLine {
            provider: g.provider,
            key: g.key,
            currency: g.currency,
            amount: g.amount,
            records: g.records,
        })
        .collect();
    // Biggest first, except months, which read in order.
    if b.by != CostKey::Month {
        out.sort_by(|a, b| {
            b.amount
                .cmp(&a.amount)
                .then_with(|| a.provider.as_str().cmp(b.provider.as_str()))
                .then_with(|| a.key.cmp(&b.key))
        });
    }
    out
}

/// The Provider view for `query`.
pub fn provider_view(ledger: &Ledger, query: &ProviderQuery) -> Result<ProviderView, AppError> {
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(AppError::BackwardsPeriod { from, to });
        }
    }
    let filter = CostFilter {
        provider: query.provider,
        from: query.from,
        to: query.to,
    };
    let by = |k| crate::reports::cost_breakdown(ledger, &filter, k);
    let project = by(CostKey::Project)?;
    let totals = project
        .totals
        .iter()
        .map(|t| CostLine {
            provider: t.provider,
            key: "total".into(),
            currency: t.currency.clone(),
            amount: t.amount,
            records: t.records,
        })
        .collect::<Vec<_>>();
    let months = crate::reports::costs_vs_topups(ledger, &filter)?;

    // The chart's currency: the one with the most cost (ties: by code).
    let mut per_currency: BTreeMap<&str, Decimal> = BTreeMap::new();
    for t in &totals {
        *per_currency.entry(t.currency.as_str()).or_default() += t.amount;
    }
    for m in &months {
        per_currency.entry(m.currency.as_str()).or_default();
    }
    let chart_currency = per_currency
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| (*c).to_owned());
    let other_currencies = per_currency
        .keys()
        .filter(|c| Some(**c) != chart_currency.as_deref())
        .map(|c| (*c).to_owned())
        .collect();
    let mut chart: BTreeMap<String, ChartMonth> = BTreeMap::new();
    for m in &months {
        if Some(m.currency.as_str()) != chart_currency.as_deref() {
            continue;
        }
        let e = chart.entry(m.month.clone()).or_insert_with(|| ChartMonth {
            month: m.month.clone(),
            openai: Decimal::ZERO,
            anthropic: Decimal::ZERO,
            other: Decimal::ZERO,
            topups: Decimal::ZERO,
        });
        match m.provider {
            Provider::Openai => e.openai += m.cost,
            Provider::Anthropic => e.anthropic += m.cost,
            _ => e.other += m.cost,
        }
        e.topups += m.card_topups + m.credit_purchases;
    }

    Ok(ProviderView {
        records: ledger.provider_record_count()?,
        by_project: lines(project),
        by_line_item: lines(by(CostKey::LineItem)?),
        by_model: lines(by(CostKey::Model)?),
        by_api_key: lines(by(CostKey::ApiKey)?),
        by_month: lines(by(CostKey::Month)?),
        totals,
        vs_topups: months
            .into_iter()
            .map(|m| ProviderMonth {
                month: m.month,
                provider: m.provider,
                currency: m.currency,
                cost: m.cost,
                card_topups: m.card_topups,
                card_lines: m.card_lines,
                credit_purchases: m.credit_purchases,
            })
            .collect(),
        chart_currency,
        chart: chart.into_values().collect(),
        other_currencies,
    })
}

//! The provider view (SPEC §5): what the OpenAI and Anthropic exports say
//! the usage cost, by project, line item, model, API key or month, and per
//! month the provider's cost beside the card's top-ups.
//!
//! Provider records are UTC days (SPEC §2), card lines local dates: a
//! month in [`costs_vs_topups`] is the UTC month for costs and credit
//! purchases and the local month for card lines. All amounts in this view
//! are positive: what was used or paid.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ledger::{Ledger, LedgerError};
use crate::money::from_micros;
use crate::money::to_micros;
use crate::provider::{CostFilter, CostRow, PaymentKind, PaymentStatus, Provider, RecordKind};

/// What to group provider costs by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKey {
    Project,
    LineItem,
    Model,
    ApiKey,
    Month,
}

impl CostKey {
    fn of(self, r: &CostRow) -> String {
        let pick = |a: &Option<String>, b: &Option<String>| {
            a.as_deref().or(b.as_deref()).unwrap_or("(none)").to_owned()
        };
        match self {
            CostKey::Project => pick(&r.project_name, &r.project_id),
            CostKey::LineItem => pick(&r.line_item, &r.model),
            CostKey::Model => pick(&r.model, &None),
            CostKey::ApiKey => pick(&r.api_key_name, &r.api_key_id),
            CostKey::Month => format!("{:04}-{:02}", r.date.year(), r.date.month()),
        }
    }
}

/// Cost of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostGroup {
    pub provider: Provider,
    pub key: String,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub records: u64,
}

/// Cost per provider and currency over every group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostTotal {
    pub provider: Provider,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub records: u64,
}

/// Provider costs grouped by one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostBreakdown {
    pub by: CostKey,
    pub groups: Vec<CostGroup>,
    pub totals: Vec<CostTotal>,
}

/// One month's provider cost beside what reached the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopupMonth {
    /// `YYYY-MM`: UTC for cost and credit purchases, local for card lines.
    pub month: String,
    pub provider: Provider,
    pub currency: String,
    /// Usage cost from the provider's records.
    #[serde(with = "rust_decimal::serde::str")]
    pub cost: Decimal,
    /// Card lines classed `ai-api` with this vendor (net of refunds).
    #[serde(with = "rust_decimal::serde::str")]
    pub card_topups: Decimal,
    pub card_lines: u64,
    /// Succeeded credit purchases the user recorded (`payments add`).
    #[serde(with = "rust_decimal::serde::str")]
    pub credit_purchases: Decimal,
}

/// (month, provider, currency)
type MonthKey = (String, Provider, String);
/// (cost, card top-ups, card lines, credit purchases), micro-units
type MonthSums = (i64, i64, u64, i64);

fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Current cost records (a later export replaced none of them) grouped
/// by `by`; usage-only records carry no amount and are left out.
pub fn cost_breakdown(
    ledger: &Ledger,
    filter: &CostFilter,
    by: CostKey,
) -> Result<CostBreakdown, LedgerError> {
    let mut groups: BTreeMap<(Provider, String, String), (i64, u64)> = BTreeMap::new();
    let mut totals: BTreeMap<(Provider, String), (i64, u64)> = BTreeMap::new();
    for r in ledger.costs(filter)? {
        let (Some(amount), Some(currency), RecordKind::Cost) = (r.amount, r.currency, r.kind)
        else {
            continue;
        };
        let micros = to_micros(amount).map_err(|e| LedgerError::Corrupt(e.to_string()))?;
        let g = groups
            .entry((r.provider, by.of(&r), currency.as_str().to_owned()))
            .or_default();
        g.0 += micros;
        g.1 += 1;
        let t = totals
            .entry((r.provider, currency.as_str().to_owned()))
            .or_default();
        t.0 += micros;
        t.1 += 1;
    }
    Ok(CostBreakdown {
        by,
        groups: groups
            .into_iter()
            .map(|((provider, key, currency), (m, n))| CostGroup {
                provider,
                key,
                currency,
                amount: from_micros(m),
                records: n,
            })
            .collect(),
        totals: totals
            .into_iter()
            .map(|((provider, currency), (m, n))| CostTotal {
                provider,
                currency,
                amount: from_micros(m),
                records: n,
            })
            .collect(),
    })
}

/// Per month and provider: usage cost from the records, card top-ups
/// (lines classed `ai-api` with vendor `openai`/`anthropic`, from the
/// rollup) and recorded credit purchases.
pub fn costs_vs_topups(
    ledger: &Ledger,
    filter: &CostFilter,
) -> Result<Vec<TopupMonth>, LedgerError> {
    let mut m: BTreeMap<MonthKey, MonthSums> = BTreeMap::new();
    let in_period =
        |d: NaiveDate| filter.from.is_none_or(|f| d >= f) && filter.to.is_none_or(|t| d <= t);
    for r in ledger.costs(filter)? {
        if let (Some(amount), Some(currency), RecordKind::Cost) = (r.amount, r.currency, r.kind) {
            let micros = to_micros(amount).map_err(|e| LedgerError::Corrupt(e.to_string()))?;
            m.entry((month_key(r.date), r.provider, currency.as_str().to_owned()))
                .or_default()
                .0 += micros;
        }
    }
    for r in ledger.topup_rollup(
        filter.from,
        filter.to,
        filter.provider.map(Provider::as_str),
    )? {
        // A vendor id that is a provider's is that provider; any other
        // API vendor was counted with OpenAI before providers grew.
        let provider = Provider::from_id(&r.vendor).unwrap_or(Provider::Openai);
        let e = m
            .entry((
                format!("{:04}-{:02}", r.month / 100, r.month % 100),
                provider,
                r.currency,
            ))
            .or_default();
        e.1 -= r.net;
        e.2 += r.n.max(0) as u64;
    }
    for p in ledger.payments(filter.provider)? {
        if p.kind != PaymentKind::CreditPurchase || p.status != PaymentStatus::Succeeded {
            continue;
        }
        // The UTC date of the instant where there is one, else the date
        // the receipt shows.
        let day = p
            .paid_at
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map_or(p.paid_date, |t| t.with_timezone(&Utc).date_naive());
        if !in_period(day) {
            continue;
        }
        let micros = to_micros(p.amount).map_err(|e| LedgerError::Corrupt(e.to_string()))?;
        m.entry((month_key(day), p.provider, p.currency.as_str().to_owned()))
            .or_default()
            .3 += micros;
    }
    Ok(m.into_iter()
        .map(
            |((month, provider, currency), (cost, card, lines, bought))| TopupMonth {
                month,
                provider,
                currency,
                cost: from_micros(cost),
                card_topups: from_micros(card),
                card_lines: lines,
                credit_purchases: from_micros(bought),
            },
        )
        .collect())
}

//! The three-way check, per provider and month: what usage billed by use
//! should have cost at list prices (estimated), what the provider's own
//! records say it cost (reported), and what the card paid (charged: card
//! top-ups, else recorded credit purchases), with the gaps between them
//! and the records that explain each gap.
//!
//! Usage made through an agent tool (Claude Code, Codex CLI, …) is usually
//! covered by a flat plan and not billed by use: it is shown as
//! `plan_usage_value` (its value at API prices), never added to
//! `estimated`.
//!
//! In JSON, every amount is signed as SPEC §9 says: spending is negative
//! (`"estimated": "-4.24"`), and a gap is negative when its later side
//! (reported, charged) spent more. The values in memory are the amounts
//! spent (positive); [`spent`] signs them on the way out.
//!
//! Invariant: every gap names its kind, its amount (or `None` where the
//! amount is unknown: unpriced usage) and the record ids behind it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{priced_records, PricedRecord, Tool, UsageError, UsageFilter, Zone};
use crate::ai_provider::Provider;
use crate::ledger::provider_records::CostFilter;
use crate::ledger::Ledger;
use crate::money::Currency;
use crate::pricing::{Estimate, PriceList};

/// At most this many record ids are listed per gap.
pub const GAP_ROWS: usize = 50;

/// What a gap is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// Reported cost differs from the estimate of the same usage.
    EstimateVsReported,
    /// The provider reports a cost, but no usage with tokens was imported.
    ReportedWithoutUsage,
    /// Usage was imported, but no cost report for the month.
    UsageWithoutReport,
    /// Usage the price list does not price (amount unknown).
    UnpricedUsage,
    /// The card paid a different amount than the provider reports (credit
    /// bought ahead or left over, a charge not in the records).
    ChargedVsReported,
    /// Agent-tool usage (Claude Code, Codex CLI) that also shows in the
    /// provider's API usage on the same day and model while a plan that
    /// covers the tool is paid: billed to an API key instead of the plan.
    AgentUsageBilledToApi,
}

/// Amounts spent, written as SPEC §9 signs money: spending negative.
pub mod spent {
    use rust_decimal::Decimal;
    use serde::Serializer;

    /// `Some(4.20)` is written `"-4.20"`; `None` is `null`.
    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&(-*d).to_string()),
            None => s.serialize_none(),
        }
    }
}

/// One gap of a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub kind: GapKind,
    /// Positive (in memory) when the later side (reported, charged) is
    /// larger; written negative then, as more spending (see [`spent`]).
    #[serde(with = "spent")]
    pub amount: Option<Decimal>,
    /// Provider record ids behind the gap (the first [`GAP_ROWS`]).
    pub rows: Vec<i64>,
    /// How many records are behind it in all.
    pub row_count: u64,
    /// [`Gap::msg`] in English: what the gap means and what to do.
    pub note: String,
}

impl GapKind {
    /// The kind's name for a reader, as a catalog message (`--json` keeps
    /// the stable code, e.g. `charged_vs_reported`).
    pub fn label(self) -> crate::i18n::Msg {
        match self {
            GapKind::EstimateVsReported => crate::msg!("usage-gap-kind-estimate-vs-reported"),
            GapKind::ReportedWithoutUsage => {
                crate::msg!("usage-gap-kind-reported-without-usage")
            }
            GapKind::UsageWithoutReport => crate::msg!("usage-gap-kind-usage-without-report"),
            GapKind::UnpricedUsage => crate::msg!("usage-gap-kind-unpriced-usage"),
            GapKind::ChargedVsReported => crate::msg!("usage-gap-kind-charged-vs-reported"),
            GapKind::AgentUsageBilledToApi => {
                crate::msg!("usage-gap-kind-agent-usage-billed-to-api")
            }
        }
    }
}

impl Gap {
    /// What the gap means and what to do about it, as a catalog message
    /// (`count`: the records behind it); `note` is it in English.
    pub fn msg(&self) -> crate::i18n::Msg {
        let count = i64::try_from(self.row_count).unwrap_or(i64::MAX);
        match self.kind {
            GapKind::EstimateVsReported => {
                crate::msg!("usage-gap-estimate-vs-reported", count = count)
            }
            GapKind::ReportedWithoutUsage => {
                crate::msg!("usage-gap-reported-without-usage", count = count)
            }
            GapKind::UsageWithoutReport => {
                crate::msg!("usage-gap-usage-without-report", count = count)
            }
            GapKind::UnpricedUsage => crate::msg!("usage-gap-unpriced-usage", count = count),
            // The card paid and the provider reports nothing: no records
            // are behind it.
            GapKind::ChargedVsReported if self.rows.is_empty() && self.row_count == 0 => {
                crate::msg!("usage-gap-charged-without-report")
            }
            GapKind::ChargedVsReported => {
                crate::msg!("usage-gap-charged-vs-reported", count = count)
            }
            GapKind::AgentUsageBilledToApi => {
                crate::msg!("usage-gap-agent-usage-billed-to-api", count = count)
            }
        }
    }
}

/// One provider and month of the check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthCheck {
    pub provider: Provider,
    /// `YYYY-MM` in the user's zone (card lines: their statement month).
    pub month: String,
    #[serde(with = "spent")]
    pub estimated: Option<Decimal>,
    #[serde(with = "spent")]
    pub reported: Option<Decimal>,
    #[serde(with = "spent")]
    pub charged: Option<Decimal>,
    pub currency: Currency,
    /// Agent-tool usage at API prices (covered by a plan unless billed to
    /// an API key): not part of `estimated`.
    #[serde(with = "spent")]
    pub plan_usage_value: Option<Decimal>,
    /// What the card paid for the provider's plans (Claude Pro/Max,
    /// ChatGPT) in the month: set beside `plan_usage_value`, the plan's
    /// value at API prices.
    #[serde(with = "spent")]
    pub plan_paid: Option<Decimal>,
    pub gaps: Vec<Gap>,
}

impl MonthCheck {
    /// Nothing to check: no usage estimate, no provider cost, no card
    /// charge, no plan usage and no gap (a plan month with no usage yet).
    /// A reader's text may leave such a month out; the data keeps it.
    pub fn is_empty(&self) -> bool {
        self.gaps.is_empty()
            && [
                self.estimated,
                self.reported,
                self.charged,
                self.plan_usage_value,
            ]
            .iter()
            .all(Option::is_none)
    }
}

#[derive(Default)]
struct Month {
    estimated: Option<Decimal>,
    reported: Option<Decimal>,
    charged: Option<Decimal>,
    plan: Option<Decimal>,
    plan_paid: Option<Decimal>,
    usage_ids: Vec<i64>,
    cost_ids: Vec<i64>,
    unpriced_ids: Vec<i64>,
}

fn add(slot: &mut Option<Decimal>, d: Decimal) {
    *slot.get_or_insert(Decimal::ZERO) += d;
}

/// The first and last day of `YYYY-MM`.
pub fn month_days(month: &str) -> Result<(NaiveDate, NaiveDate), UsageError> {
    let bad = || UsageError::Month(month.to_owned());
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").map_err(|_| bad())?;
    if month.len() != 7 {
        return Err(bad());
    }
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(bad)?;
    Ok((first, next.pred_opt().ok_or_else(bad)?))
}

/// Whether a difference is worth a gap: more than a cent and more than 2 %
/// of the larger side.
fn material(a: Decimal, b: Decimal) -> bool {
    let diff = (a - b).abs();
    diff > Decimal::new(1, 2) && diff * Decimal::from(50) > a.abs().max(b.abs())
}

fn ids(v: &[i64]) -> (Vec<i64>, u64) {
    (v.iter().take(GAP_ROWS).copied().collect(), v.len() as u64)
}

/// The check for every provider and month in the filter.
pub fn check(
    ledger: &Ledger,
    prices: &PriceList,
    filter: &UsageFilter,
    zone: Zone,
) -> Result<Vec<MonthCheck>, UsageError> {
    let records = priced_records(ledger, prices, filter, zone)?;
    let mut months: BTreeMap<(String, Provider, Currency), Month> = BTreeMap::new();
    let mut by_month: BTreeMap<(String, Provider, Currency), Vec<&PricedRecord>> = BTreeMap::new();
    for r in &records {
        let month = r.date.format("%Y-%m").to_string();
        let currency = super::currency_of(r);
        let key = (month, r.provider, currency);
        per_record(months.entry(key.clone()).or_default(), r);
        by_month.entry(key).or_default().push(r);
    }
    let as_of = filter
        .to
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX));
    for c in ledger.subscription_charges(as_of)? {
        if filter.from.is_some_and(|f| c.date < f) {
            continue;
        }
        let Some(provider) = c.vendor.as_deref().and_then(Provider::from_id) else {
            continue;
        };
        if filter.provider.is_some_and(|p| p != provider) {
            continue;
        }
        let key = (c.date.format("%Y-%m").to_string(), provider, c.currency);
        add(
            &mut months.entry(key).or_default().plan_paid,
            -crate::money::from_micros(c.amount),
        );
    }
    let card = crate::reports::costs_vs_topups(
        ledger,
        &CostFilter {
            provider: filter.provider,
            from: filter.from,
            to: filter.to,
        },
    )?;
    for t in card {
        let Ok(currency) = Currency::parse(&t.currency) else {
            continue;
        };
        let charged = if t.card_lines > 0 {
            t.card_topups
        } else if !t.credit_purchases.is_zero() {
            t.credit_purchases
        } else {
            continue;
        };
        let m = months.entry((t.month, t.provider, currency)).or_default();
        add(&mut m.charged, charged);
    }
    Ok(months
        .into_iter()
        .map(|((month, provider, currency), m)| {
            let mut gaps = gaps(&m);
            if m.plan_paid.is_some() {
                let key = (month.clone(), provider, currency);
                if let Some(gap) = billed_to_api(by_month.get(&key).map_or(&[][..], Vec::as_slice))
                {
                    gaps.push(gap);
                }
            }
            for g in &mut gaps {
                g.note = crate::i18n::render(crate::i18n::Lang::En, &g.msg());
            }
            MonthCheck {
                provider,
                month,
                estimated: m.estimated.map(|d| d.normalize()),
                reported: m.reported.map(|d| d.normalize()),
                charged: m.charged.map(|d| d.normalize()),
                currency,
                plan_usage_value: m.plan.map(|d| d.normalize()),
                plan_paid: m.plan_paid.map(|d| d.normalize()),
                gaps,
            }
        })
        .collect())
}

/// Share of an agent's day of usage (input + output tokens, per model)
/// the API usage must reach for the day to count as billed to the API: 90 %.
const COVERED_PERCENT: i64 = 90;

/// Agent usage of a month that the provider's API usage covers, day by day
/// and model by model (a plan user's tool running on an API key).
fn billed_to_api(records: &[&PricedRecord]) -> Option<Gap> {
    type Day = (String, String);
    let day_model = |r: &PricedRecord| -> Option<Day> {
        let model = r.model.as_deref()?;
        let bare = crate::pricing::without_date_suffix(model).unwrap_or(model);
        Some((r.at.get(..10)?.to_owned(), bare.to_owned()))
    };
    let mut api: BTreeMap<Day, i64> = BTreeMap::new();
    let mut agent: BTreeMap<Day, (i64, Vec<&PricedRecord>)> = BTreeMap::new();
    for r in records.iter().copied().filter(|r| r.has_tokens()) {
        let Some(k) = day_model(r) else { continue };
        let tokens = r.input_tokens + r.output_tokens;
        if r.tool == Tool::Api {
            *api.entry(k).or_default() += tokens;
        } else {
            let e = agent.entry(k).or_default();
            e.0 += tokens;
            e.1.push(r);
        }
    }
    let mut ids = Vec::new();
    let mut amount = Decimal::ZERO;
    for (k, (tokens, rs)) in &agent {
        let covered = api.get(k).copied().unwrap_or(0);
        if *tokens > 0 && covered * 100 >= tokens * COVERED_PERCENT {
            for r in rs {
                ids.push(r.id);
                if let Some(Estimate::Priced { amount: a, .. }) = &r.estimate {
                    amount += a;
                }
            }
        }
    }
    if ids.is_empty() {
        return None;
    }
    let (rows, row_count) = self::ids(&ids);
    Some(Gap {
        kind: GapKind::AgentUsageBilledToApi,
        amount: Some(amount.normalize()),
        rows,
        row_count,
        note: String::new(),
    })
}

/// Whether a record's tool says what each request was charged (Cursor,
/// Copilot, OpenRouter), and whether it charged nothing: covered by the plan.
fn reports_charge(r: &PricedRecord) -> (bool, bool) {
    let reports = matches!(
        r.tool,
        Tool::Cursor | Tool::GithubCopilot | Tool::Openrouter
    );
    (reports, reports && r.reported.is_some_and(|a| a.is_zero()))
}

/// Whether a record's usage is billed by use: direct API use, and the
/// tools whose exports say what each request was charged (Cursor,
/// Copilot, OpenRouter), unless they charged nothing for it.
fn billed_by_use(r: &PricedRecord) -> bool {
    let (reports, covered) = reports_charge(r);
    (r.tool == Tool::Api || reports) && !covered
}

/// Whether a record is usage a flat plan covered (an agent tool's, or a
/// request its tool charged nothing for), with tokens to price: what
/// `plan_usage_value` sums, and what a budget's plan value counts.
pub(crate) fn is_plan_usage(r: &PricedRecord) -> bool {
    r.estimate.is_some() && !billed_by_use(r)
}

fn per_record(m: &mut Month, r: &PricedRecord) {
    // Direct API use, and the tools whose exports say what each request
    // was charged (Cursor, Copilot, OpenRouter); a request those charged
    // nothing for was covered by the plan, and is plan usage.
    let (_, covered) = reports_charge(r);
    let billed_by_use = billed_by_use(r);
    if let Some(amount) = r.reported {
        if billed_by_use || covered {
            add(&mut m.reported, amount);
            m.cost_ids.push(r.id);
        }
    }
    match &r.estimate {
        Some(Estimate::Priced { amount, .. }) if billed_by_use => {
            add(&mut m.estimated, *amount);
            m.usage_ids.push(r.id);
        }
        Some(Estimate::Priced { amount, .. }) => add(&mut m.plan, *amount),
        Some(Estimate::Unknown { .. }) => {
            m.unpriced_ids.push(r.id);
            if billed_by_use {
                m.usage_ids.push(r.id);
            }
        }
        None => {}
    }
}

fn gaps(m: &Month) -> Vec<Gap> {
    let mut out = Vec::new();
    match (m.estimated, m.reported) {
        (Some(e), Some(r)) if material(e, r) => {
            let mut rows: Vec<i64> = m.usage_ids.clone();
            rows.extend(&m.cost_ids);
            let (rows, row_count) = ids(&rows);
            out.push(Gap {
                kind: GapKind::EstimateVsReported,
                amount: Some((r - e).normalize()),
                rows,
                row_count,
                note: String::new(),
            });
        }
        (None, Some(r)) if !r.is_zero() && m.usage_ids.is_empty() => {
            let (rows, row_count) = ids(&m.cost_ids);
            out.push(Gap {
                kind: GapKind::ReportedWithoutUsage,
                amount: Some(r.normalize()),
                rows,
                row_count,
                note: String::new(),
            });
        }
        (Some(e), None) if !e.is_zero() => {
            let (rows, row_count) = ids(&m.usage_ids);
            out.push(Gap {
                kind: GapKind::UsageWithoutReport,
                amount: Some((-e).normalize()),
                rows,
                row_count,
                note: String::new(),
            });
        }
        _ => {}
    }
    if !m.unpriced_ids.is_empty() {
        let (rows, row_count) = ids(&m.unpriced_ids);
        out.push(Gap {
            kind: GapKind::UnpricedUsage,
            amount: None,
            rows,
            row_count,
            note: String::new(),
        });
    }
    if let (Some(c), Some(r)) = (m.charged, m.reported) {
        if material(c, r) {
            out.push(Gap {
                kind: GapKind::ChargedVsReported,
                amount: Some((c - r).normalize()),
                rows: m.cost_ids.iter().take(GAP_ROWS).copied().collect(),
                row_count: m.cost_ids.len() as u64,
                note: String::new(),
            });
        }
    } else if let (Some(c), None) = (m.charged, m.reported) {
        if !c.is_zero() {
            out.push(Gap {
                kind: GapKind::ChargedVsReported,
                amount: Some(c.normalize()),
                rows: Vec::new(),
                row_count: 0,
                note: String::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_materiality() {
        let (a, b) = month_days("2026-02").expect("month");
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-02-01".into(), "2026-02-28".into())
        );
        assert!(month_days("2026-13").is_err());
        assert!(month_days("2026-1").is_err());
        assert!(!material(Decimal::new(1000, 2), Decimal::new(1010, 2)));
        assert!(material(Decimal::new(1000, 2), Decimal::new(1100, 2)));
        assert!(!material(Decimal::new(1, 3), Decimal::new(5, 3)));
    }
}

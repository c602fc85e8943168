//! Usage of AI tools that bill by use (coding agents, API exports): every
//! provider record with tokens, told by tool, priced from the price list at
//! its date, and summed per tool, model, project, machine, day or month
//! (`aispend usage`); and the three-way check of what usage should have
//! cost, what the provider reported and what the card paid
//! (`aispend costs --check`, in [`check`]).
//!
//! Invariant: an estimate is the price list's (`pricing`), named by its row;
//! usage no row prices is counted as unpriced and never adds 0 to a total
//! as if it were known. Days and months are the user's; instants stay UTC.

pub mod check;
pub mod logs;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ai_provider::Provider;
use crate::ledger::provider_records::{CostFilter, CostRow, RecordKind};
use crate::ledger::{Ledger, LedgerError};
use crate::money::Currency;
use crate::pricing::{Estimate, PriceList, Units};

/// Why usage could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error("the first day ({from}) is after the last ({to})")]
    Period { from: NaiveDate, to: NaiveDate },
    #[error("{0:?} is not a month (YYYY-MM)")]
    Month(String),
}

/// The tool a record's usage was made with (SPEC-style wire ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    ClaudeCode,
    CodexCli,
    GeminiCli,
    Cursor,
    GithubCopilot,
    Openrouter,
    /// Direct API use, from the provider's own exports or Admin API.
    Api,
}

impl Tool {
    /// The tool of a record series: agent logs name their tool, every
    /// provider export is API use.
    pub fn of_series(series: &str) -> Tool {
        match series {
            "claude-code" => Tool::ClaudeCode,
            "codex-cli" => Tool::CodexCli,
            "gemini-cli" => Tool::GeminiCli,
            "cursor" => Tool::Cursor,
            "github-copilot" => Tool::GithubCopilot,
            "openrouter" => Tool::Openrouter,
            _ => Tool::Api,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tool::ClaudeCode => "claude-code",
            Tool::CodexCli => "codex-cli",
            Tool::GeminiCli => "gemini-cli",
            Tool::Cursor => "cursor",
            Tool::GithubCopilot => "github-copilot",
            Tool::Openrouter => "openrouter",
            Tool::Api => "api",
        }
    }
}

/// The user's time zone, for days and months: this machine's, or a fixed
/// offset (tests, `--utc-offset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).unwrap_or_else(|| Utc.fix()))
    }

    /// The user's calendar day of an instant.
    pub fn date(&self, t: DateTime<Utc>) -> NaiveDate {
        match self {
            Zone::Local => t.with_timezone(&chrono::Local).date_naive(),
            Zone::Fixed(o) => t.with_timezone(o).date_naive(),
        }
    }
}

use chrono::Offset;

/// What `aispend usage` totals by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageBy {
    Tool,
    Model,
    Project,
    Machine,
    Day,
    Month,
}

/// Which usage: one provider, the user's days from/to (inclusive).
#[derive(Debug, Clone, Default)]
pub struct UsageFilter {
    pub provider: Option<Provider>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One provider record, told by tool, dated in the user's zone, priced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricedRecord {
    pub id: i64,
    pub tool: Tool,
    pub provider: Provider,
    pub series: String,
    pub model: Option<String>,
    pub project: Option<String>,
    pub machine: Option<String>,
    /// The user's day of the record.
    pub date: NaiveDate,
    /// The UTC instant it starts at.
    pub at: String,
    pub input_tokens: i64,
    pub cached_input_tokens: i64,
    pub cache_write_tokens: i64,
    pub output_tokens: i64,
    pub reasoning_tokens: i64,
    pub requests: i64,
    /// `None` for a record without tokens (a cost line).
    pub estimate: Option<Estimate>,
    /// What the record itself says it cost.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub reported: Option<Decimal>,
    pub reported_currency: Option<Currency>,
}

impl PricedRecord {
    pub fn has_tokens(&self) -> bool {
        self.input_tokens + self.cached_input_tokens + self.cache_write_tokens + self.output_tokens
            > 0
    }
}

/// The units a record's tokens are priced in: OpenAI's input counts
/// include the cached part, Anthropic's do not; reasoning is inside output
/// for both.
fn units(r: &CostRow) -> Units {
    let input = r.input_tokens.unwrap_or(0);
    let cached = r.cached_input_tokens.unwrap_or(0);
    let input = if includes_cached(r.provider) {
        (input - cached).max(0)
    } else {
        input
    };
    Units {
        input,
        cached_input: cached,
        cache_write: r.cache_write_tokens.unwrap_or(0),
        output: r.output_tokens.unwrap_or(0),
        reasoning: 0,
        requests: r.requests.unwrap_or(0),
        images: 0,
    }
}

/// Whether a record's input count includes its cached input: OpenAI's
/// and Codex's do, as do Gemini CLI's and OpenRouter's prompt tokens;
/// Anthropic's (Claude Code's) and Cursor's count only what was not cached.
fn includes_cached(provider: Provider) -> bool {
    match provider {
        Provider::Openai | Provider::Google | Provider::Openrouter => true,
        Provider::Anthropic | Provider::Cursor | Provider::Github => false,
    }
}

/// Whose price list row prices a record's model: a model served through
/// OpenRouter is named `vendor/model` and priced at that vendor's list
/// price unless the list has an `openrouter` row for it; Cursor and
/// Copilot resell other vendors' models, told by their names. Anything
/// else is the record's own provider's.
fn price_key(provider: Provider, model: Option<&str>) -> (&'static str, Option<&str>) {
    let Some(m) = model else {
        return (provider.as_str(), None);
    };
    match provider {
        Provider::Openrouter => match m.split_once('/') {
            Some(("anthropic", rest)) => ("anthropic", Some(rest)),
            Some(("openai", rest)) => ("openai", Some(rest)),
            Some(("google", rest)) => ("google", Some(rest)),
            _ => ("openrouter", Some(m)),
        },
        Provider::Cursor | Provider::Github => {
            let l = m.to_ascii_lowercase();
            let vendor = if l.starts_with("claude") {
                "anthropic"
            } else if l.starts_with("gpt") || l.starts_with("o3") || l.starts_with("o4") {
                "openai"
            } else if l.starts_with("gemini") {
                "google"
            } else {
                provider.as_str()
            };
            (vendor, Some(m))
        }
        _ => (provider.as_str(), Some(m)),
    }
}

/// Every current provider record in the filter, priced.
pub fn priced_records(
    ledger: &Ledger,
    prices: &PriceList,
    filter: &UsageFilter,
    zone: Zone,
) -> Result<Vec<PricedRecord>, UsageError> {
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            return Err(UsageError::Period { from, to });
        }
    }
    // A user's day lies within a day of the UTC one.
    let rows = ledger.costs(&CostFilter {
        provider: filter.provider,
        from: filter.from.and_then(|d| d.pred_opt()),
        to: filter.to.and_then(|d| d.succ_opt()),
    })?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let at = DateTime::parse_from_rfc3339(&r.bucket_start)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| LedgerError::Corrupt(format!("provider record {}: bucket_start", r.id)))?;
        let date = zone.date(at);
        if filter.from.is_some_and(|f| date < f) || filter.to.is_some_and(|t| date > t) {
            continue;
        }
        let u = units(&r);
        let tokens = u.input + u.cached_input + u.cache_write + u.output > 0;
        let estimate = tokens.then(|| {
            let (provider, model) = price_key(r.provider, r.model.as_deref());
            prices.estimate(provider, model, r.date, &u)
        });
        let reported = match r.kind {
            RecordKind::Cost => r.amount,
            RecordKind::Usage => None,
        };
        out.push(PricedRecord {
            id: r.id,
            tool: Tool::of_series(&r.series),
            provider: r.provider,
            model: r.model.clone(),
            project: r.project_name.clone().or(r.project_id.clone()),
            machine: r.machine.clone(),
            date,
            at: r.bucket_start.clone(),
            input_tokens: r.input_tokens.unwrap_or(0),
            cached_input_tokens: r.cached_input_tokens.unwrap_or(0),
            cache_write_tokens: r.cache_write_tokens.unwrap_or(0),
            output_tokens: r.output_tokens.unwrap_or(0),
            reasoning_tokens: r.reasoning_tokens.unwrap_or(0),
            requests: r.requests.unwrap_or(0),
            estimate,
            reported,
            reported_currency: reported.and(r.currency),
            series: r.series,
        });
    }
    Ok(out)
}

/// One total of `aispend usage`. `tool`, `provider` and `model` are set
/// when every record of the total shares them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsageRow {
    pub key: String,
    pub tool: Option<Tool>,
    pub provider: Option<Provider>,
    pub model: Option<String>,
    pub input_tokens: i64,
    pub cached_input_tokens: i64,
    pub cache_write_tokens: i64,
    pub output_tokens: i64,
    pub reasoning_tokens: i64,
    pub requests: i64,
    pub records: u64,
    /// Tokens × the price in force at each record's date; `None` when no
    /// record of the total could be priced. Positive here, written
    /// negative (SPEC §9: spending is negative).
    #[serde(with = "check::spent")]
    pub estimated_cost: Option<Decimal>,
    /// What the records themselves state (logs that write a cost, cost
    /// exports); `None` when none does. Written negative, as spending.
    #[serde(with = "check::spent")]
    pub reported_cost: Option<Decimal>,
    pub currency: Currency,
    /// Records with tokens the price list does not price (left out of
    /// `estimated_cost`), and why (at most five reasons): in English, and
    /// as messages in the same order.
    pub unpriced_records: u64,
    pub unpriced: Vec<String>,
    pub unpriced_msgs: Vec<crate::i18n::Msg>,
    /// The price rows used (`provider/model@valid_from`).
    pub price_rows: Vec<String>,
}

#[derive(Default)]
struct Acc {
    tools: BTreeSet<Tool>,
    providers: BTreeSet<Provider>,
    models: BTreeSet<Option<String>>,
    input: i64,
    cached: i64,
    write: i64,
    output: i64,
    reasoning: i64,
    requests: i64,
    records: u64,
    estimated: Option<Decimal>,
    reported: Option<Decimal>,
    unpriced: u64,
    reasons: BTreeMap<String, crate::i18n::Msg>,
    rows: BTreeSet<String>,
}

fn one<T: Clone>(set: &BTreeSet<T>) -> Option<T> {
    (set.len() == 1)
        .then(|| set.iter().next().cloned())
        .flatten()
}

/// The key of a record for `by`.
fn key_of(r: &PricedRecord, by: UsageBy) -> String {
    match by {
        UsageBy::Tool => r.tool.as_str().to_owned(),
        UsageBy::Model => r.model.clone().unwrap_or_else(|| "(no model)".into()),
        UsageBy::Project => r.project.clone().unwrap_or_else(|| "(no project)".into()),
        UsageBy::Machine => r.machine.clone().unwrap_or_else(|| "(this machine)".into()),
        UsageBy::Day => r.date.to_string(),
        UsageBy::Month => r.date.format("%Y-%m").to_string(),
    }
}

/// The currency a record's money is in (USD when it has none).
pub(crate) fn currency_of(r: &PricedRecord) -> Currency {
    match (&r.estimate, r.reported_currency) {
        (Some(Estimate::Priced { currency, .. }), _) => *currency,
        (_, Some(c)) => c,
        _ => Currency::USD,
    }
}

/// Usage totals by `by` (and currency), sorted by key.
pub fn usage(
    ledger: &Ledger,
    prices: &PriceList,
    filter: &UsageFilter,
    by: UsageBy,
    zone: Zone,
) -> Result<Vec<UsageRow>, UsageError> {
    Ok(totals(&priced_records(ledger, prices, filter, zone)?, by))
}

/// [`usage`] over records already priced.
pub fn totals(records: &[PricedRecord], by: UsageBy) -> Vec<UsageRow> {
    let mut groups: BTreeMap<(String, Currency), Acc> = BTreeMap::new();
    for r in records {
        let a = groups.entry((key_of(r, by), currency_of(r))).or_default();
        a.tools.insert(r.tool);
        a.providers.insert(r.provider);
        a.models.insert(r.model.clone());
        a.input += r.input_tokens;
        a.cached += r.cached_input_tokens;
        a.write += r.cache_write_tokens;
        a.output += r.output_tokens;
        a.reasoning += r.reasoning_tokens;
        a.requests += r.requests;
        a.records += 1;
        match &r.estimate {
            Some(Estimate::Priced { amount, row, .. }) => {
                *a.estimated.get_or_insert(Decimal::ZERO) += amount;
                a.rows.insert(row.clone());
            }
            Some(Estimate::Unknown { reason, msg }) => {
                a.unpriced += 1;
                if a.reasons.len() < 5 {
                    a.reasons.insert(reason.clone(), msg.clone());
                }
            }
            None => {}
        }
        if let Some(amount) = r.reported {
            *a.reported.get_or_insert(Decimal::ZERO) += amount;
        }
    }
    groups
        .into_iter()
        .map(|((key, currency), a)| UsageRow {
            key,
            tool: one(&a.tools),
            provider: one(&a.providers),
            model: one(&a.models).flatten(),
            input_tokens: a.input,
            cached_input_tokens: a.cached,
            cache_write_tokens: a.write,
            output_tokens: a.output,
            reasoning_tokens: a.reasoning,
            requests: a.requests,
            records: a.records,
            estimated_cost: a.estimated.map(|d| d.normalize()),
            reported_cost: a.reported.map(|d| d.normalize()),
            currency,
            unpriced_records: a.unpriced,
            unpriced: a.reasons.keys().cloned().collect(),
            unpriced_msgs: a.reasons.into_values().collect(),
            price_rows: a.rows.into_iter().collect(),
        })
        .collect()
}

/// The price list for a ledger: the built-in one with the user's
/// `prices.toml` beside the ledger merged over it.
pub fn prices_for(
    ledger: &Ledger,
) -> Result<std::sync::Arc<PriceList>, crate::pricing::PricingError> {
    PriceList::for_dir(ledger.path().and_then(std::path::Path::parent))
}

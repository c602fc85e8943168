//! OpenRouter's activity exports. See `docs/formats/openrouter.md`.
//!
//! - `openrouter-csv`: Activity → Export CSV, one row per generation:
//!   `generation_id, created_at` (UTC, `2026-02-06 18:54:30.040`),
//!   `cost_total` (credits, which are dollars), `cost_web_search`,
//!   `cost_cache`, `byok_usage_inference`, `tokens_prompt` (cached
//!   included), `tokens_completion` (reasoning included), `tokens_reasoning`,
//!   `tokens_cached`, `model_permaslug`, `provider_name`, `app_name`,
//!   `api_key_name`, … found by name.
//! - `openrouter-json`: what the API returns, `{"data": …}`: generations
//!   (`/api/v1/generation`: `id`, `created_at`, `model`, `provider_name`,
//!   `app_id`, `tokens_*`/`native_tokens_*`, `total_cost`) or completed UTC
//!   days (`/api/v1/activity`: `date`, `model`, `model_permaslug`,
//!   `provider_name`, `usage`, `requests`, `prompt_tokens`,
//!   `completion_tokens`, `reasoning_tokens`).
//!
//! A generation is a cost record with its id (series `openrouter`), so a
//! re-export adds nothing twice; a day of activity is a bucketed cost
//! record (series `openrouter-activity`) that a newer import of the same
//! day replaces. The upstream provider that served a generation is its line
//! item (`via Anthropic`), the app is its project.
//!
//! Invariant: the cost is OpenRouter's own (`cost_total`, `usage`), never
//! priced here; a row with no cost is kept with its tokens, as usage.

use std::io::BufRead;

use chrono::Duration;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::i18n::Msg;
use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header};
use crate::import::formats::jsonl::{field_is, shown, token_count};
use crate::import::formats::provider_fields::{instant, number, opt_count, owned};
use crate::import::formats::provider_json::{json_problem, read_all};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{provider_format, Account, Format, Head, Parsed};
use crate::import::RowSink;
use crate::money::Currency;
use crate::msg;
use crate::provider::{Provider, ProviderRecord, RecordKind};

/// The series of OpenRouter's generations.
pub const SERIES: &str = "openrouter";
/// The series of OpenRouter's days of activity.
pub const ACTIVITY: &str = "openrouter-activity";

pub(crate) static OPENROUTER_CSV: CodedCsv = CodedCsv {
    id: "openrouter-csv",
    name: "OpenRouter activity export CSV",
    header: "generation_id,created_at,cost_total,…,tokens_prompt,tokens_completion,…,model_permaslug,provider_name,…",
    signature: &["generation_id", "created_at", "cost_total"],
    without: &[],
    account: Account::Fixed("OpenRouter"),
    records: true,
    read: read_generations,
};

fn via(provider: Option<String>) -> Option<String> {
    provider.map(|p| format!("via {p}"))
}

fn cost_kind(amount: Option<Decimal>) -> RecordKind {
    if amount.is_some() {
        RecordKind::Cost
    } else {
        RecordKind::Usage
    }
}

fn read_generations(
    rows: &mut CsvRows<'_>,
    h: &Header,
    sink: &mut dyn RowSink,
) -> Result<(), RowError> {
    let c_id = h.require("generation_id")?;
    let c_at = h.require("created_at")?;
    let c_cost = h.require("cost_total")?;
    let c_model = h.find("model_permaslug").or(h.find("model"));
    let c_provider = h.find("provider_name");
    let c_app = h.find("app_name");
    let c_key = h.find("api_key_name");
    let c_prompt = h.find("tokens_prompt");
    let c_completion = h.find("tokens_completion");
    let c_reasoning = h.find("tokens_reasoning");
    let c_cached = h.find("tokens_cached");
    while let Some(row) = rows.next_row()? {
        let id = row.required(c_id, "generation_id")?.to_owned();
        let when =
            instant(row.required(c_at, "created_at")?, "created_at").map_err(|p| row.error(p))?;
        let amount = row
            .opt(c_cost, "cost_total")?
            .map(|t| number(t, "cost_total"))
            .transpose()
            .map_err(|p| row.error(p))?;
        sink.record(ProviderRecord {
            source_id: Some(id),
            model: owned(row.opt(c_model, "model_permaslug")?),
            line_item: via(owned(row.opt(c_provider, "provider_name")?)),
            project_name: owned(row.opt(c_app, "app_name")?),
            api_key_name: owned(row.opt(c_key, "api_key_name")?),
            input_tokens: opt_count(&row, c_prompt, "tokens_prompt")?,
            output_tokens: opt_count(&row, c_completion, "tokens_completion")?,
            reasoning_tokens: opt_count(&row, c_reasoning, "tokens_reasoning")?,
            cached_input_tokens: opt_count(&row, c_cached, "tokens_cached")?,
            requests: Some(1),
            currency: amount.map(|_| Currency::USD),
            amount,
            kind: cost_kind(amount),
            ..ProviderRecord::new(
                row.line(),
                Provider::Openrouter,
                RecordKind::Usage,
                SERIES,
                when,
            )
        })?;
    }
    Ok(())
}

#[derive(Debug)]
pub struct OpenRouterJson;

fn expected() -> Msg {
    msg!("detail-openrouter-expected")
}

/// One item's error: `data[i].field` and what it holds.
fn bad_item(i: usize, what: Msg) -> RowError {
    RowError::new(
        1,
        Problem::Malformed {
            found: Box::new(msg!(
                "detail-openrouter-item",
                index = i.to_string(),
                what = what
            )),
            expected: Box::new(expected()),
        },
    )
}

/// An item's time that is not one.
fn bad_time(i: usize, p: Problem) -> RowError {
    match p {
        Problem::BadDate { column, value, .. } => bad_item(
            i,
            msg!(
                "detail-json-not-a-time",
                field = column,
                found = format!("{value:?}")
            ),
        ),
        // Any other problem says itself, at the item's line.
        other => RowError::new(1, other),
    }
}

fn text(o: &Map<String, Value>, k: &str) -> Option<String> {
    match o.get(k) {
        Some(Value::String(s)) => owned(Some(s)),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn tokens(o: &Map<String, Value>, i: usize, keys: &[&str]) -> Result<Option<i64>, RowError> {
    for k in keys {
        if let Some(n) = token_count(o.get(*k)).map_err(|v| bad_item(i, field_is(k, v)))? {
            return Ok(Some(n));
        }
    }
    Ok(None)
}

fn money(o: &Map<String, Value>, i: usize, k: &'static str) -> Result<Option<Decimal>, RowError> {
    match o.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => number(&n.to_string(), k)
            .map(Some)
            .map_err(|_| bad_item(i, field_is(k, n.to_string()))),
        Some(Value::String(s)) => number(s, k)
            .map(Some)
            .map_err(|_| bad_item(i, field_is(k, format!("{s:?}")))),
        Some(v) => Err(bad_item(i, field_is(k, shown(v)))),
    }
}

impl Format for OpenRouterJson {
    provider_format!(
        "openrouter-json",
        "OpenRouter API generations or activity (JSON)",
        "OpenRouter"
    );

    fn detect(&self, head: &Head<'_>) -> bool {
        let t = head.text.trim_start();
        (t.starts_with('{') || t.starts_with('['))
            && (t.contains("\"model_permaslug\"")
                || (t.contains("\"total_cost\"") && t.contains("\"tokens_prompt\"")))
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let file = read_all(input)?;
        let doc: Value = serde_json::from_str(&file).map_err(|e| {
            RowError::new(
                e.line().max(1) as u64,
                Problem::Malformed {
                    found: Box::new(json_problem(&e)),
                    expected: Box::new(expected()),
                },
            )
        })?;
        let items: Vec<Value> = match doc {
            Value::Object(mut o) => match o.remove("data") {
                Some(Value::Array(a)) => a,
                Some(Value::Object(one)) => vec![Value::Object(one)],
                _ => vec![Value::Object(o)],
            },
            Value::Array(a) => a,
            other => {
                return Err(RowError::new(
                    1,
                    Problem::Malformed {
                        found: Box::new(msg!("detail-json-a-value", found = shown(&other))),
                        expected: Box::new(expected()),
                    },
                ))
            }
        };
        for (i, item) in items.iter().enumerate() {
            let Value::Object(o) = item else {
                return Err(bad_item(i, msg!("detail-json-is", found = shown(item))));
            };
            // Lines are not the file's here: the item's place, 1-based.
            let line = i as u64 + 1;
            if o.contains_key("date") && o.contains_key("usage") && !o.contains_key("id") {
                let day = text(o, "date").ok_or_else(|| {
                    bad_item(i, msg!("detail-json-field-missing", field = "date"))
                })?;
                let start = instant(&day, "date").map_err(|p| bad_time(i, p))?;
                let amount = money(o, i, "usage")?;
                sink.record(ProviderRecord {
                    bucket_end: Some(start + Duration::days(1)),
                    model: text(o, "model_permaslug").or(text(o, "model")),
                    line_item: via(text(o, "provider_name")),
                    requests: tokens(o, i, &["requests"])?,
                    input_tokens: tokens(o, i, &["prompt_tokens"])?,
                    output_tokens: tokens(o, i, &["completion_tokens"])?,
                    reasoning_tokens: tokens(o, i, &["reasoning_tokens"])?,
                    currency: amount.map(|_| Currency::USD),
                    amount,
                    kind: cost_kind(amount),
                    ..ProviderRecord::new(
                        line,
                        Provider::Openrouter,
                        RecordKind::Usage,
                        ACTIVITY,
                        start,
                    )
                })?;
                continue;
            }
            let id = text(o, "id")
                .ok_or_else(|| bad_item(i, msg!("detail-json-field-missing", field = "id")))?;
            let at = text(o, "created_at").ok_or_else(|| {
                bad_item(i, msg!("detail-json-field-missing", field = "created_at"))
            })?;
            let when = instant(&at, "created_at").map_err(|p| bad_time(i, p))?;
            let amount = match money(o, i, "total_cost")? {
                Some(a) => Some(a),
                None => money(o, i, "usage")?,
            };
            sink.record(ProviderRecord {
                source_id: Some(id),
                model: text(o, "model"),
                line_item: via(text(o, "provider_name")),
                project_id: text(o, "app_id"),
                input_tokens: tokens(o, i, &["native_tokens_prompt", "tokens_prompt"])?,
                output_tokens: tokens(o, i, &["native_tokens_completion", "tokens_completion"])?,
                reasoning_tokens: tokens(o, i, &["native_tokens_reasoning"])?,
                cached_input_tokens: tokens(o, i, &["native_tokens_cached"])?,
                requests: Some(1),
                currency: amount.map(|_| Currency::USD),
                amount,
                kind: cost_kind(amount),
                ..ProviderRecord::new(line, Provider::Openrouter, RecordKind::Usage, SERIES, when)
            })?;
        }
        Ok(())
    }
}

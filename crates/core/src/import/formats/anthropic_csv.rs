//! Anthropic Console exports (platform.claude.com → Cost / Usage → Export):
//! `anthropic-cost-csv` and `anthropic-usage-csv`.
//!
//! - Cost: `usage_date_utc,model,workspace,api_key,usage_type,context_window,
//!   token_type,cost_usd,list_price_usd,cost_type,inference_geo,speed,
//!   api_key_id,api_key_status`; older exports have only `usage_date_utc,
//!   model,token_type,cost_usd`. `cost_usd` is in dollars (the Admin API's
//!   `cost_report` counts cents; see `provider_json`).
//! - Usage: `usage_date_utc,model_version,api_key,workspace,usage_type,
//!   context_window,usage_input_tokens_no_cache,
//!   usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,
//!   usage_input_tokens_cache_read,usage_output_tokens,web_search_count,
//!   inference_geo,speed`.
//!
//! Columns are picked by name; unknown ones are ignored. Days are UTC. The
//! workspace is what OpenAI calls a project; `api_key` is the key's name.

use std::io::BufRead;

use crate::import::formats::csv::rows::{CsvRows, Row};
use crate::import::formats::provider_fields::{count, instant, number, owned};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{normalise_header, provider_format, Format, Head};
use crate::import::RowSink;
use crate::money::Currency;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct AnthropicCostCsv;

#[derive(Debug)]
pub struct AnthropicUsageCsv;

const COST_NAME: &str = "Anthropic Console cost export CSV";
const COST_HEADER: &str =
    "usage_date_utc,model,workspace,api_key,usage_type,…,token_type,cost_usd,…";
const USAGE_NAME: &str = "Anthropic Console usage export CSV";
const USAGE_HEADER: &str =
    "usage_date_utc,model_version,api_key,workspace,…,usage_input_tokens_no_cache,…,usage_output_tokens,…";

fn names(head: &Head<'_>) -> Vec<String> {
    head.csv_header()
        .iter()
        .map(|h| normalise_header(h))
        .collect()
}

fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

fn day(row: &Row<'_>, col: usize) -> Result<chrono::DateTime<chrono::Utc>, RowError> {
    instant(row.required(col, "usage_date_utc")?, "usage_date_utc").map_err(|p| row.error(p))
}

fn opt_count(
    row: &Row<'_>,
    col: Option<usize>,
    name: &'static str,
) -> Result<Option<i64>, RowError> {
    row.opt(col, name)?
        .map(|t| count(t, name))
        .transpose()
        .map_err(|p| row.error(p))
}

impl Format for AnthropicCostCsv {
    provider_format!("anthropic-cost-csv", COST_NAME, "Anthropic");

    fn detect(&self, head: &Head<'_>) -> bool {
        let n = names(head);
        has(&n, "usage_date_utc") && has(&n, "cost_usd")
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let h = rows.header(COST_NAME, COST_HEADER, &["usage_date_utc", "cost_usd"])?;
        let c_date = h.require("usage_date_utc")?;
        let c_cost = h.require("cost_usd")?;
        let c_model = h.find("model");
        let c_workspace = h.find("workspace");
        let c_key = h.find("api_key");
        let c_key_id = h.find("api_key_id");
        let c_token_type = h.find("token_type");
        let c_cost_type = h.find("cost_type");
        let c_usage_type = h.find("usage_type");
        while let Some(row) = rows.next_row()? {
            let Some(cost) = row.opt(c_cost, "cost_usd")? else {
                continue;
            };
            let amount = number(cost, "cost_usd").map_err(|p| row.error(p))?;
            // "tokens" cost is the usual; other kinds (web_search,
            // code_execution) name themselves as the line item.
            let cost_type = owned(row.opt(c_cost_type, "cost_type")?);
            let line_item = match (&cost_type, owned(row.opt(c_usage_type, "usage_type")?)) {
                (Some(c), _) if c != "token" && c != "tokens" => Some(c.clone()),
                (_, usage) => usage,
            };
            let base = ProviderRecord::new(
                row.line(),
                Provider::Anthropic,
                RecordKind::Cost,
                "anthropic-costs",
                day(&row, c_date)?,
            );
            sink.record(ProviderRecord {
                model: owned(row.opt(c_model, "model")?),
                project_name: owned(row.opt(c_workspace, "workspace")?),
                api_key_name: owned(row.opt(c_key, "api_key")?),
                api_key_id: owned(row.opt(c_key_id, "api_key_id")?),
                token_type: owned(row.opt(c_token_type, "token_type")?),
                line_item,
                amount: Some(amount),
                currency: Some(Currency::USD),
                ..base
            })?;
        }
        Ok(())
    }
}

impl Format for AnthropicUsageCsv {
    provider_format!("anthropic-usage-csv", USAGE_NAME, "Anthropic");

    fn detect(&self, head: &Head<'_>) -> bool {
        let n = names(head);
        has(&n, "usage_date_utc") && has(&n, "usage_output_tokens") && !has(&n, "cost_usd")
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let h = rows.header(
            USAGE_NAME,
            USAGE_HEADER,
            &["usage_date_utc", "usage_output_tokens"],
        )?;
        let c_date = h.require("usage_date_utc")?;
        let c_model = h.find("model_version").or(h.find("model"));
        let c_workspace = h.find("workspace");
        let c_key = h.find("api_key");
        let c_usage_type = h.find("usage_type");
        let c_in = h.find("usage_input_tokens_no_cache");
        let c_w5 = h.find("usage_input_tokens_cache_write_5m");
        let c_w1 = h.find("usage_input_tokens_cache_write_1h");
        let c_read = h.find("usage_input_tokens_cache_read");
        let c_out = h.find("usage_output_tokens");
        while let Some(row) = rows.next_row()? {
            let w5 = opt_count(&row, c_w5, "usage_input_tokens_cache_write_5m")?;
            let w1 = opt_count(&row, c_w1, "usage_input_tokens_cache_write_1h")?;
            let cache_write = match (w5, w1) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
            };
            let base = ProviderRecord::new(
                row.line(),
                Provider::Anthropic,
                RecordKind::Usage,
                "anthropic-usage-messages",
                day(&row, c_date)?,
            );
            sink.record(ProviderRecord {
                model: owned(row.opt(c_model, "model_version")?),
                project_name: owned(row.opt(c_workspace, "workspace")?),
                api_key_name: owned(row.opt(c_key, "api_key")?),
                line_item: owned(row.opt(c_usage_type, "usage_type")?),
                input_tokens: opt_count(&row, c_in, "usage_input_tokens_no_cache")?,
                cached_input_tokens: opt_count(&row, c_read, "usage_input_tokens_cache_read")?,
                cache_write_tokens: cache_write,
                output_tokens: opt_count(&row, c_out, "usage_output_tokens")?,
                ..base
            })?;
        }
        Ok(())
    }
}

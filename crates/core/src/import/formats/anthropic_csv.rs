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

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header, Row};
use crate::import::formats::provider_fields::{
    cache_writes, instant, number, opt_count, owned, ANTHROPIC_COSTS, ANTHROPIC_USAGE,
};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::Account;
use crate::import::RowSink;
use crate::money::Currency;
use crate::provider::{Provider, ProviderRecord, RecordKind};

pub(crate) static ANTHROPIC_COST_CSV: CodedCsv = CodedCsv {
    id: "anthropic-cost-csv",
    name: "Anthropic Console cost export CSV",
    header: "usage_date_utc,model,workspace,api_key,usage_type,…,token_type,cost_usd,…",
    signature: &["usage_date_utc", "cost_usd"],
    without: &[],
    account: Account::Fixed("Anthropic"),
    records: true,
    read: read_costs,
};

pub(crate) static ANTHROPIC_USAGE_CSV: CodedCsv = CodedCsv {
    id: "anthropic-usage-csv",
    name: "Anthropic Console usage export CSV",
    header: "usage_date_utc,model_version,api_key,workspace,…,usage_input_tokens_no_cache,…,usage_output_tokens,…",
    signature: &["usage_date_utc", "usage_output_tokens"],
    without: &["cost_usd"],
    account: Account::Fixed("Anthropic"),
    records: true,
    read: read_usage,
};

/// A record of the row's day with what both Anthropic exports name: the
/// model, the workspace and the key (read in that order, after the day).
fn record(
    row: &Row<'_>,
    c: &Shared,
    kind: RecordKind,
    series: &'static str,
) -> Result<ProviderRecord, RowError> {
    let day = row.required(c.date, "usage_date_utc")?;
    let start = instant(day, "usage_date_utc").map_err(|p| row.error(p))?;
    Ok(ProviderRecord {
        model: owned(row.opt(c.model, c.model_name)?),
        project_name: owned(row.opt(c.workspace, "workspace")?),
        api_key_name: owned(row.opt(c.key, "api_key")?),
        ..ProviderRecord::new(row.line(), Provider::Anthropic, kind, series, start)
    })
}

/// The columns both exports have.
struct Shared {
    date: usize,
    model: Option<usize>,
    model_name: &'static str,
    workspace: Option<usize>,
    key: Option<usize>,
    usage_type: Option<usize>,
}

impl Shared {
    fn find(h: &Header, model: Option<usize>, model_name: &'static str) -> Result<Self, RowError> {
        Ok(Shared {
            date: h.require("usage_date_utc")?,
            model,
            model_name,
            workspace: h.find("workspace"),
            key: h.find("api_key"),
            usage_type: h.find("usage_type"),
        })
    }
}

fn read_costs(rows: &mut CsvRows<'_>, h: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c = Shared::find(h, h.find("model"), "model")?;
    let c_cost = h.require("cost_usd")?;
    let c_key_id = h.find("api_key_id");
    let c_token_type = h.find("token_type");
    let c_cost_type = h.find("cost_type");
    while let Some(row) = rows.next_row()? {
        let Some(cost) = row.opt(c_cost, "cost_usd")? else {
            continue;
        };
        let amount = number(cost, "cost_usd").map_err(|p| row.error(p))?;
        // "tokens" cost is the usual; other kinds (web_search,
        // code_execution) name themselves as the line item.
        let cost_type = owned(row.opt(c_cost_type, "cost_type")?);
        let line_item = match (&cost_type, owned(row.opt(c.usage_type, "usage_type")?)) {
            (Some(c), _) if c != "token" && c != "tokens" => Some(c.clone()),
            (_, usage) => usage,
        };
        let base = record(&row, &c, RecordKind::Cost, ANTHROPIC_COSTS)?;
        sink.record(ProviderRecord {
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

fn read_usage(rows: &mut CsvRows<'_>, h: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c = Shared::find(
        h,
        h.find("model_version").or(h.find("model")),
        "model_version",
    )?;
    let c_in = h.find("usage_input_tokens_no_cache");
    let c_w5 = h.find("usage_input_tokens_cache_write_5m");
    let c_w1 = h.find("usage_input_tokens_cache_write_1h");
    let c_read = h.find("usage_input_tokens_cache_read");
    let c_out = h.find("usage_output_tokens");
    while let Some(row) = rows.next_row()? {
        let w5 = opt_count(&row, c_w5, "usage_input_tokens_cache_write_5m")?;
        let w1 = opt_count(&row, c_w1, "usage_input_tokens_cache_write_1h")?;
        let base = record(&row, &c, RecordKind::Usage, ANTHROPIC_USAGE)?;
        sink.record(ProviderRecord {
            line_item: owned(row.opt(c.usage_type, "usage_type")?),
            input_tokens: opt_count(&row, c_in, "usage_input_tokens_no_cache")?,
            cached_input_tokens: opt_count(&row, c_read, "usage_input_tokens_cache_read")?,
            cache_write_tokens: cache_writes(w5, w1),
            output_tokens: opt_count(&row, c_out, "usage_output_tokens")?,
            ..base
        })?;
    }
    Ok(())
}

//! OpenAI dashboard exports (platform.openai.com/usage → Export): the Cost
//! export (`openai-cost-csv`) and the usage exports (`openai-usage-csv`).
//!
//! Their columns have changed over time, so every column is picked by name
//! and unknown ones are ignored:
//! - Cost, 2025: `start_time,end_time,amount_value,amount_currency,line_item,
//!   project_id,organization_id,project_name,organization_name`; later with
//!   `start_time_iso,end_time_iso`, and later still with `quantity,
//!   quantity_unit,user_id,api_key_id,user_email,api_source`.
//! - Completions usage: `start_time,end_time,…,project_id,num_model_requests,
//!   user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,
//!   input_cached_tokens,…`; an export of a period with no usage holds only the
//!   four time columns.
//! - The other endpoints' usage exports, each its own series: images
//!   (`…,num_model_requests,…,images,size,source`), speech (`characters`),
//!   transcriptions (`seconds`), vector stores (`usage_bytes`), code
//!   interpreter (`num_sessions`), embeddings and moderations (tokens in
//!   only). Their count is kept as the record's `quantity` and unit
//!   (`images`, `characters`, `seconds`, `bytes`, `sessions`); an image
//!   row's `source` and `size` become its line item.
//! - The legacy Activity export (`activity-<from>-<to>.csv`:
//!   `organization_id,…,n_context_tokens_total,n_generated_tokens_total,
//!   api_key_id,…,model,timestamp,user,num_requests,num_images,image_size,
//!   num_characters` and later `num_seconds`) and the 2023 usage export
//!   (`…,n_requests,operation,…,timestamp,user`). A DALL-E, TTS or Whisper
//!   row keeps its `num_images` (with `image_size` in the line item),
//!   `num_characters` or `num_seconds` as the quantity.
//!
//! Times are UTC: unix seconds (at UTC midnight for daily buckets) or ISO
//! 8601. Amounts carry float noise (`0.019733999999999998`) and are kept
//! exact until they are stored, rounded half-even to micro-units. Currency
//! codes are lowercase (`usd`). Token counts may be written as floats
//! (`7852.0`). A bucket with no usage has only its times filled: it says
//! there was nothing that day and becomes no record.

use std::io::BufRead;

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header, Row};
use crate::import::formats::provider_fields::{
    currency_or_assumed, instant, number, opt_count, owned, OPENAI_COSTS,
};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::Account;
use crate::import::pipeline::format::{
    normalise_header, provider_format, AssumedCurrency, Format, Head, Parsed,
};
use crate::import::RowSink;
use crate::provider::{Provider, ProviderRecord, RecordKind};

/// The OpenAI Cost export.
pub(crate) static OPENAI_COST_CSV: CodedCsv = CodedCsv {
    id: "openai-cost-csv",
    name: "OpenAI cost export CSV",
    header: "start_time,end_time,amount_value,amount_currency,line_item,project_id,…",
    signature: &["start_time", "amount_value"],
    without: &[],
    account: Account::Fixed("OpenAI"),
    records: true,
    read: read_costs,
};

/// The OpenAI usage exports (completions usage; the legacy Activity export).
#[derive(Debug)]
pub struct OpenAiUsageCsv;

const USAGE_NAME: &str = "OpenAI usage export CSV";
const USAGE_HEADER: &str =
    "start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,…";

fn header_names(head: &Head<'_>) -> Vec<String> {
    head.csv_header()
        .iter()
        .map(|h| normalise_header(h))
        .collect()
}

fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

/// The legacy Activity and 2023 usage exports.
fn is_activity(names: &[String]) -> bool {
    has(names, "n_context_tokens_total") && has(names, "timestamp")
}

/// The columns a bucketed usage export counts in besides requests and
/// tokens, per endpoint: (column, unit, series). The images export also
/// has `size` and `source` (`image.generation`, `image.edit`, …).
const QUANTITIES: &[(&str, &str, &str)] = &[
    ("images", "images", "openai-usage-images"),
    ("num_images", "images", "openai-usage-images"),
    ("characters", "characters", "openai-usage-audio-speeches"),
    (
        "num_characters",
        "characters",
        "openai-usage-audio-speeches",
    ),
    ("seconds", "seconds", "openai-usage-audio-transcriptions"),
    (
        "num_seconds",
        "seconds",
        "openai-usage-audio-transcriptions",
    ),
    ("usage_bytes", "bytes", "openai-usage-vector-stores"),
    ("num_sessions", "sessions", "openai-usage-code-interpreter"),
    ("sessions", "sessions", "openai-usage-code-interpreter"),
];

/// The bucketed usage exports, including an empty one (times only).
fn is_bucket_usage(names: &[String]) -> bool {
    let times = has(names, "start_time") && has(names, "end_time");
    let usage = has(names, "num_model_requests")
        || has(names, "input_tokens")
        || QUANTITIES.iter().any(|(c, _, _)| has(names, c));
    let only_times =
        names.len() == 4 && times && has(names, "start_time_iso") && has(names, "end_time_iso");
    (times && usage && !has(names, "amount_value")) || only_times
}

fn read_costs(
    rows: &mut CsvRows<'_>,
    header: &Header,
    sink: &mut dyn RowSink,
) -> Result<(), RowError> {
    let c = Common::find(header)?;
    let c_amount = header.require("amount_value")?;
    let c_currency = header.find("amount_currency");
    let c_quantity = header.find("quantity");
    let c_unit = header.find("quantity_unit");
    // OpenAI bills in US dollars; a file without `amount_currency` is
    // read so, and the summary says so.
    let hints = sink.hints();
    let mut assumed = AssumedCurrency::default();
    while let Some(row) = rows.next_row()? {
        let Some(amount) = row.opt(c_amount, "amount_value")? else {
            // An empty bucket: only its times are filled.
            continue;
        };
        let amount = number(amount, "amount_value").map_err(|p| row.error(p))?;
        let code = row.opt(c_currency, "amount_currency")?;
        let cur = currency_or_assumed(
            code,
            "amount_currency",
            hints,
            &mut assumed,
            Some(row.line()),
        )
        .map_err(|p| row.error(p))?;
        let quantity = row
            .opt(c_quantity, "quantity")?
            .map(|q| number(q, "quantity"))
            .transpose()
            .map_err(|p| row.error(p))?;
        let base = c.record(&row, RecordKind::Cost, OPENAI_COSTS)?;
        sink.record(ProviderRecord {
            amount: Some(amount),
            currency: Some(cur),
            quantity,
            quantity_unit: owned(row.opt(c_unit, "quantity_unit")?),
            ..base
        })?;
    }
    assumed.finish(hints, sink);
    Ok(())
}

impl Format for OpenAiUsageCsv {
    provider_format!("openai-usage-csv", USAGE_NAME, "OpenAI");

    fn detect(&self, head: &Head<'_>) -> bool {
        let names = header_names(head);
        is_bucket_usage(&names) || is_activity(&names)
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut rows = CsvRows::new(input);
        let header = rows.header_after_preamble(USAGE_NAME, USAGE_HEADER, Some(0), &|cells| {
            let names: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
            is_bucket_usage(&names) || is_activity(&names)
        })?;
        if header.find("timestamp").is_some() && header.find("start_time").is_none() {
            return parse_activity(&mut rows, &header, sink);
        }
        let c = Common::find(&header)?;
        let c_requests = header.find("num_model_requests");
        let c_input = header.find("input_tokens");
        let c_output = header.find("output_tokens");
        let c_cached = header.find("input_cached_tokens");
        let c_tier = header.find("service_tier");
        let c_size = header.find("size");
        let c_source = header.find("source");
        // Each endpoint's export is its own series (an images export of a
        // day does not replace the completions of that day). Embeddings
        // and moderations exports have the same columns: both are read as
        // embeddings.
        let quantity = QUANTITIES
            .iter()
            .find_map(|&(name, unit, series)| header.find(name).map(|i| (i, name, unit, series)));
        let series = match quantity {
            Some((_, _, _, series)) => series,
            None if c_input.is_some() && c_output.is_none() => "openai-usage-embeddings",
            None => "openai-usage-completions",
        };
        while let Some(row) = rows.next_row()? {
            let requests = opt_count(&row, c_requests, "num_model_requests")?;
            let input_tokens = opt_count(&row, c_input, "input_tokens")?;
            let output_tokens = opt_count(&row, c_output, "output_tokens")?;
            let amount = match quantity {
                Some((i, name, unit, _)) => row
                    .opt(i, name)?
                    .map(|q| number(q, name).map(|q| (q, unit)))
                    .transpose()
                    .map_err(|p| row.error(p))?,
                None => None,
            };
            if requests.is_none()
                && input_tokens.is_none()
                && output_tokens.is_none()
                && amount.is_none()
            {
                // An empty bucket: only its times are filled.
                continue;
            }
            let base = c.record(&row, RecordKind::Usage, series)?;
            // Images are priced per size: `image.generation, 1024x1024`.
            let what: Vec<&str> = [row.opt(c_source, "source")?, row.opt(c_size, "size")?]
                .into_iter()
                .flatten()
                .collect();
            sink.record(ProviderRecord {
                requests,
                input_tokens,
                output_tokens,
                cached_input_tokens: opt_count(&row, c_cached, "input_cached_tokens")?,
                service_tier: owned(row.opt(c_tier, "service_tier")?),
                quantity: amount.map(|(q, _)| q),
                quantity_unit: amount.map(|(_, unit)| unit.to_owned()),
                line_item: base
                    .line_item
                    .clone()
                    .or_else(|| (!what.is_empty()).then(|| what.join(", "))),
                ..base
            })?;
        }
        Ok(())
    }
}

/// The columns every bucketed export shares.
struct Common {
    start: usize,
    end: Option<usize>,
    start_iso: Option<usize>,
    end_iso: Option<usize>,
    line_item: Option<usize>,
    project_id: Option<usize>,
    project_name: Option<usize>,
    org_id: Option<usize>,
    org_name: Option<usize>,
    api_key_id: Option<usize>,
    user_id: Option<usize>,
    model: Option<usize>,
}

impl Common {
    fn find(h: &Header) -> Result<Self, RowError> {
        Ok(Common {
            start: h.require("start_time")?,
            end: h.find("end_time"),
            start_iso: h.find("start_time_iso"),
            end_iso: h.find("end_time_iso"),
            line_item: h.find("line_item"),
            project_id: h.find("project_id"),
            project_name: h.find("project_name"),
            org_id: h.find("organization_id"),
            org_name: h.find("organization_name"),
            api_key_id: h.find("api_key_id"),
            user_id: h.find("user_id"),
            model: h.find("model"),
        })
    }

    fn record(
        &self,
        row: &Row<'_>,
        kind: RecordKind,
        series: &'static str,
    ) -> Result<ProviderRecord, RowError> {
        let start = time(
            row,
            Some(self.start),
            "start_time",
            self.start_iso,
            "start_time_iso",
        )?
        .ok_or_else(|| {
            row.error(Problem::EmptyField {
                column: "start_time",
            })
        })?;
        let end = time(row, self.end, "end_time", self.end_iso, "end_time_iso")?;
        Ok(ProviderRecord {
            bucket_end: end,
            line_item: owned(row.opt(self.line_item, "line_item")?),
            project_id: owned(row.opt(self.project_id, "project_id")?),
            project_name: owned(row.opt(self.project_name, "project_name")?),
            organization_id: owned(row.opt(self.org_id, "organization_id")?),
            organization_name: owned(row.opt(self.org_name, "organization_name")?),
            api_key_id: owned(row.opt(self.api_key_id, "api_key_id")?),
            user_id: owned(row.opt(self.user_id, "user_id")?),
            model: owned(row.opt(self.model, "model")?),
            ..ProviderRecord::new(row.line(), Provider::Openai, kind, series, start)
        })
    }
}

/// A bucket's time from its unix-seconds column, or else its ISO column.
fn time(
    row: &Row<'_>,
    secs: Option<usize>,
    secs_name: &'static str,
    iso: Option<usize>,
    iso_name: &'static str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, RowError> {
    if let Some(t) = row.opt(secs, secs_name)? {
        return instant(t, secs_name).map(Some).map_err(|p| row.error(p));
    }
    match row.opt(iso, iso_name)? {
        Some(t) => instant(t, iso_name).map(Some).map_err(|p| row.error(p)),
        None => Ok(None),
    }
}

/// The legacy Activity export and the 2023 usage export: one row per day,
/// model, operation and key, stamped with `timestamp`.
fn parse_activity(
    rows: &mut CsvRows<'_>,
    header: &Header,
    sink: &mut dyn RowSink,
) -> Result<(), RowError> {
    let c_time = header.require("timestamp")?;
    let c_org = header.find("organization_id");
    let c_org_name = header.find("organization_name");
    let c_context = header.find("n_context_tokens_total");
    let c_generated = header.find("n_generated_tokens_total");
    let c_cached = header.find("n_cached_context_tokens_total");
    let c_requests = header.find("num_requests").or(header.find("n_requests"));
    let c_key = header.find("api_key_id");
    let c_key_name = header.find("api_key_name");
    let c_project = header.find("project_id");
    let c_project_name = header.find("project_name");
    let c_model = header.find("model");
    let c_operation = header.find("operation");
    let c_user = header.find("user");
    // What an image, speech or transcription row counts in (a text row
    // leaves them empty or 0): the first that holds a quantity.
    let quantities: Vec<(usize, &'static str, &'static str)> = [
        ("num_images", "images"),
        ("num_characters", "characters"),
        ("num_seconds", "seconds"),
    ]
    .into_iter()
    .filter_map(|(name, unit)| header.find(name).map(|i| (i, name, unit)))
    .collect();
    let c_size = header.find("image_size");
    while let Some(row) = rows.next_row()? {
        let start =
            instant(row.required(c_time, "timestamp")?, "timestamp").map_err(|p| row.error(p))?;
        let requests = match c_requests {
            Some(c) => opt_count(&row, Some(c), "num_requests")?,
            None => None,
        };
        let base = ProviderRecord::new(
            row.line(),
            Provider::Openai,
            RecordKind::Usage,
            "openai-activity",
            start,
        );
        let mut quantity = None;
        for &(i, name, unit) in &quantities {
            if let Some(text) = row.opt(i, name)? {
                let q = number(text, name).map_err(|p| row.error(p))?;
                if !q.is_zero() {
                    quantity = Some((q, unit));
                    break;
                }
            }
        }
        // An image row's size goes with its operation: `image, 1024x1024`.
        let operation = owned(row.opt(c_operation, "operation")?);
        let line_item = match (operation, row.opt(c_size, "image_size")?) {
            (Some(op), Some(size)) => Some(format!("{op}, {size}")),
            (None, Some(size)) => Some(size.to_owned()),
            (op, None) => op,
        };
        sink.record(ProviderRecord {
            quantity: quantity.map(|(q, _)| q),
            quantity_unit: quantity.map(|(_, unit)| unit.to_owned()),
            organization_id: owned(row.opt(c_org, "organization_id")?),
            organization_name: owned(row.opt(c_org_name, "organization_name")?),
            project_id: owned(row.opt(c_project, "project_id")?),
            project_name: owned(row.opt(c_project_name, "project_name")?),
            api_key_id: owned(row.opt(c_key, "api_key_id")?),
            api_key_name: owned(row.opt(c_key_name, "api_key_name")?),
            user_id: owned(row.opt(c_user, "user")?),
            model: owned(row.opt(c_model, "model")?),
            line_item,
            requests,
            input_tokens: opt_count(&row, c_context, "n_context_tokens_total")?,
            output_tokens: opt_count(&row, c_generated, "n_generated_tokens_total")?,
            cached_input_tokens: opt_count(&row, c_cached, "n_cached_context_tokens_total")?,
            ..base
        })?;
    }
    Ok(())
}

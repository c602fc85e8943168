//! Admin API pages saved as JSON: OpenAI's `/v1/organization/costs` and
//! `/v1/organization/usage/{completions,…}` (`openai-admin-json`), and
//! Anthropic's `/v1/organizations/cost_report` and
//! `/v1/organizations/usage_report/messages` (`anthropic-admin-json`).
//!
//! A file holds one page as the API returned it, an array of pages, or one
//! page per line (what a script that follows `next_page` tends to save).
//! Every bucket's `results` become records; a bucket with no results says
//! there was nothing that day.
//!
//! Numbers are read from their JSON text, never through a float: OpenAI
//! writes `"amount":{"value":0.019733999999999998,"currency":"usd"}` and the
//! ledger keeps that value exactly until it rounds it half-even to micro-units.
//! Anthropic's cost `amount` is a decimal string in the currency's lowest unit
//! (cents: `"123.45"` is $1.2345).
//!
//! Each record's line is the physical line where its result object starts,
//! found from where the JSON parser saw it, so errors name the right line
//! of a pretty-printed page too.

use std::io::{BufRead, Read};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::i18n::Msg;
use crate::import::formats::provider_fields::{
    cache_writes, count, currency_or_assumed, instant, number, ANTHROPIC_COSTS, ANTHROPIC_USAGE,
    OPENAI_COSTS,
};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{
    provider_format, AssumedCurrency, Format, Head, Hints, Parsed,
};
use crate::import::RowSink;
use crate::msg;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct OpenAiAdminJson;

#[derive(Debug)]
pub struct AnthropicAdminJson;

/// The largest page file read (pages are small: 180 daily buckets at most).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The head with all whitespace removed, if it starts like JSON.
fn squeezed(head: &Head<'_>) -> Option<String> {
    let t = head.text.trim_start();
    if !(t.starts_with('{') || t.starts_with('[')) {
        return None;
    }
    Some(t.chars().filter(|c| !c.is_whitespace()).collect())
}

impl Format for OpenAiAdminJson {
    provider_format!(
        "openai-admin-json",
        "OpenAI Admin API costs/usage page (JSON)",
        "OpenAI"
    );

    fn detect(&self, head: &Head<'_>) -> bool {
        squeezed(head).is_some_and(|s| {
            s.contains("\"organization.costs.result\"")
                || s.contains("\"organization.usage.")
                || (s.contains("\"object\":\"bucket\"") && s.contains("\"start_time\""))
        })
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        parse_pages(input, sink, openai_page)
    }
}

impl Format for AnthropicAdminJson {
    provider_format!(
        "anthropic-admin-json",
        "Anthropic Admin API cost/usage report (JSON)",
        "Anthropic"
    );

    fn detect(&self, head: &Head<'_>) -> bool {
        squeezed(head).is_some_and(|s| s.contains("\"starting_at\"") && s.contains("\"ending_at\""))
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        parse_pages(input, sink, anthropic_page)
    }
}

/// Reads one page into `sink`: the file's text, the page, the sink, the
/// user's hints and the count of amounts given an assumed currency.
type ReadPage =
    fn(&str, &RawValue, &mut dyn RowSink, Hints, &mut AssumedCurrency) -> Result<(), RowError>;

/// Reads every page of the file with `page`, then says which amounts were
/// given an assumed currency.
fn parse_pages(
    input: &mut dyn BufRead,
    sink: &mut dyn RowSink,
    page: ReadPage,
) -> Result<(), RowError> {
    let text = read_all(input)?;
    let hints = sink.hints();
    let mut assumed = AssumedCurrency::default();
    for_each_page(&text, &mut |p| page(&text, p, sink, hints, &mut assumed))?;
    assumed.finish(hints, sink);
    Ok(())
}

pub(crate) fn read_all(input: &mut dyn BufRead) -> Result<String, RowError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let found = crate::library_errors::io(&e);
            RowError::new(1, Problem::Unreadable(Box::new(found)))
        })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(RowError::new(
            1,
            Problem::Malformed {
                found: Box::new(msg!("detail-json-file-too-large", max = "256")),
                expected: Box::new(msg!("detail-admin-pages")),
            },
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let line = good.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        RowError::new(line, Problem::NotUtf8)
    })
}

/// The physical 1-based line where `part` (a slice of `text`) starts.
fn line_of(text: &str, part: &str) -> u64 {
    let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let before = text.get(..offset.min(text.len())).unwrap_or_default();
    before.bytes().filter(|b| *b == b'\n').count() as u64 + 1
}

/// A JSON syntax or shape error inside `part`, at its line in the file.
fn json_error(text: &str, part: &str, e: &serde_json::Error, expected: Msg) -> RowError {
    // An error at the very end (a truncated file) is on the last line, not
    // on the empty "line" after the final newline.
    let last = text.trim_end().bytes().filter(|b| *b == b'\n').count() as u64 + 1;
    let line = (line_of(text, part) + (e.line().max(1) as u64 - 1)).min(last);
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(json_problem(e)),
            expected: Box::new(expected),
        },
    )
}

/// What serde_json found, in words, without its own position (the line is
/// ours, counted in the whole file): the kind of error as a message
/// (`library_errors::json`).
pub(crate) fn json_problem(e: &serde_json::Error) -> Msg {
    let what = crate::library_errors::json(e);
    match e.classify() {
        serde_json::error::Category::Syntax => msg!("detail-json-invalid", error = what),
        serde_json::error::Category::Eof => msg!("detail-json-ends-early", error = what),
        serde_json::error::Category::Io | serde_json::error::Category::Data => {
            msg!("detail-json-data", error = what)
        }
    }
}

fn parse_at<'a, T: Deserialize<'a>>(
    text: &str,
    part: &'a str,
    expected: fn() -> Msg,
) -> Result<T, RowError> {
    serde_json::from_str(part).map_err(|e| json_error(text, part, &e, expected()))
}

/// Calls `page` for every page object in the file: one page, an array of
/// pages, or pages one after another.
fn for_each_page<'t>(
    text: &'t str,
    page: &mut dyn FnMut(&'t RawValue) -> Result<(), RowError>,
) -> Result<(), RowError> {
    const EXPECTED: fn() -> Msg = || msg!("detail-admin-page");
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<&RawValue>();
    let mut any = false;
    loop {
        let at = values.byte_offset();
        let Some(value) = values.next() else { break };
        let value = value.map_err(|e| {
            let rest = text.get(at..).unwrap_or_default();
            json_error(text, rest, &e, EXPECTED())
        })?;
        any = true;
        if value.get().starts_with('[') {
            let pages: Vec<&RawValue> = parse_at(text, value.get(), EXPECTED)?;
            for p in pages {
                page(p)?;
            }
        } else {
            page(value)?;
        }
    }
    if !any {
        return Err(RowError::new(1, Problem::Empty));
    }
    Ok(())
}

#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    data: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct OpenAiBucket<'a> {
    start_time: &'a RawValue,
    end_time: Option<&'a RawValue>,
    #[serde(borrow, alias = "result", default)]
    results: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct OpenAiAmount<'a> {
    #[serde(borrow)]
    value: Option<&'a RawValue>,
    currency: Option<String>,
}

#[derive(Deserialize)]
struct OpenAiResult<'a> {
    object: Option<String>,
    #[serde(borrow)]
    amount: Option<OpenAiAmount<'a>>,
    line_item: Option<String>,
    project_id: Option<String>,
    organization_id: Option<String>,
    api_key_id: Option<String>,
    user_id: Option<String>,
    model: Option<String>,
    service_tier: Option<String>,
    #[serde(borrow)]
    quantity: Option<&'a RawValue>,
    #[serde(borrow)]
    num_model_requests: Option<&'a RawValue>,
    #[serde(borrow)]
    input_tokens: Option<&'a RawValue>,
    #[serde(borrow)]
    output_tokens: Option<&'a RawValue>,
    #[serde(borrow)]
    input_cached_tokens: Option<&'a RawValue>,
    // What the other endpoints count in, kept as the quantity.
    #[serde(borrow)]
    images: Option<&'a RawValue>,
    #[serde(borrow)]
    characters: Option<&'a RawValue>,
    #[serde(borrow)]
    seconds: Option<&'a RawValue>,
    #[serde(borrow)]
    usage_bytes: Option<&'a RawValue>,
    #[serde(borrow)]
    num_sessions: Option<&'a RawValue>,
    /// Images: `1024x1024`, and `image.generation`, `image.edit`, ….
    size: Option<String>,
    source: Option<String>,
}

/// A JSON number or numeric string, exactly as written; `null` is `None`.
fn raw_number(raw: Option<&RawValue>, column: &'static str) -> Result<Option<Decimal>, Problem> {
    match raw.map(RawValue::get) {
        None | Some("null") => Ok(None),
        Some(t) => number(t.trim_matches('"'), column).map(Some),
    }
}

fn raw_count(raw: Option<&RawValue>, column: &'static str) -> Result<Option<i64>, Problem> {
    match raw.map(RawValue::get) {
        None | Some("null") => Ok(None),
        Some(t) => count(t.trim_matches('"'), column).map(Some),
    }
}

/// A bucket's start and, where given, its end, at the bucket's `line`.
fn bucket_times(
    line: u64,
    start: (&str, &'static str),
    end: Option<(&str, &'static str)>,
) -> Result<(DateTime<Utc>, Option<DateTime<Utc>>), RowError> {
    let at = |p| RowError::new(line, p);
    let start = instant(start.0, start.1).map_err(at)?;
    let end = end
        .map(|(t, column)| instant(t, column))
        .transpose()
        .map_err(at)?;
    Ok((start, end))
}

/// A JSON string's or number's text, without the quotes.
fn unquoted(raw: &RawValue) -> &str {
    raw.get().trim_matches('"')
}

/// The series of an OpenAI result object: which endpoint it came from.
fn openai_series(object: Option<&str>) -> Option<(RecordKind, &'static str)> {
    Some(match object? {
        "organization.costs.result" => (RecordKind::Cost, OPENAI_COSTS),
        "organization.usage.completions.result" => (RecordKind::Usage, "openai-usage-completions"),
        "organization.usage.embeddings.result" => (RecordKind::Usage, "openai-usage-embeddings"),
        "organization.usage.moderations.result" => (RecordKind::Usage, "openai-usage-moderations"),
        "organization.usage.images.result" => (RecordKind::Usage, "openai-usage-images"),
        "organization.usage.audio_speeches.result" => {
            (RecordKind::Usage, "openai-usage-audio-speeches")
        }
        "organization.usage.audio_transcriptions.result" => {
            (RecordKind::Usage, "openai-usage-audio-transcriptions")
        }
        "organization.usage.vector_stores.result" => {
            (RecordKind::Usage, "openai-usage-vector-stores")
        }
        "organization.usage.code_interpreter_sessions.result" => {
            (RecordKind::Usage, "openai-usage-code-interpreter")
        }
        _ => return None,
    })
}

/// `assumed` counts the amounts without a currency, read as the user's
/// `--currency` or else USD (what OpenAI and Anthropic bill in).
fn openai_page(
    text: &str,
    page: &RawValue,
    sink: &mut dyn RowSink,
    hints: Hints,
    assumed: &mut AssumedCurrency,
) -> Result<(), RowError> {
    const PAGE: fn() -> Msg = || msg!("detail-openai-page");
    const BUCKET: fn() -> Msg = || msg!("detail-openai-bucket");
    const RESULT: fn() -> Msg = || msg!("detail-openai-result");
    let page: Page<'_> = parse_at(text, page.get(), PAGE)?;
    for bucket in page.data {
        let line = line_of(text, bucket.get());
        let b: OpenAiBucket<'_> = parse_at(text, bucket.get(), BUCKET)?;
        let (start, end) = bucket_times(
            line,
            (unquoted(b.start_time), "start_time"),
            b.end_time.map(|t| (unquoted(t), "end_time")),
        )?;
        for raw in b.results {
            let line = line_of(text, raw.get());
            let at = |p| RowError::new(line, p);
            let r: OpenAiResult<'_> = parse_at(text, raw.get(), RESULT)?;
            let (kind, series) = openai_series(r.object.as_deref()).ok_or_else(|| {
                at(Problem::UnexpectedValue {
                    column: "object",
                    value: r.object.clone().unwrap_or_else(|| "(none)".into()),
                    expected: "organization.costs.result or organization.usage.<endpoint>.result",
                })
            })?;
            let (amount, cur) = match &r.amount {
                Some(a) => {
                    let value_line = a.value.map_or(line, |v| line_of(text, v.get()));
                    let v = raw_number(a.value, "amount.value")
                        .map_err(|p| RowError::new(value_line, p))?;
                    let code = a.currency.as_deref();
                    let counted = v.map(|_| value_line);
                    let c = currency_or_assumed(code, "amount.currency", hints, assumed, counted)
                        .map_err(at)?;
                    (v, v.map(|_| c))
                }
                None => (None, None),
            };
            let base = ProviderRecord::new(line, Provider::Openai, kind, series, start);
            // The cost report states a quantity; the other usage endpoints
            // count images, characters, seconds, bytes or sessions.
            let mut quantity = raw_number(r.quantity, "quantity").map_err(at)?;
            let mut unit = None;
            if quantity.is_none() {
                for (raw, name, u) in [
                    (r.images, "images", "images"),
                    (r.characters, "characters", "characters"),
                    (r.seconds, "seconds", "seconds"),
                    (r.usage_bytes, "usage_bytes", "bytes"),
                    (r.num_sessions, "num_sessions", "sessions"),
                ] {
                    if let Some(q) = raw_number(raw, name).map_err(at)? {
                        quantity = Some(q);
                        unit = Some(u.to_owned());
                        break;
                    }
                }
            }
            let what: Vec<String> = [r.source, r.size].into_iter().flatten().collect();
            let line_item = r
                .line_item
                .or_else(|| (!what.is_empty()).then(|| what.join(", ")));
            sink.record(ProviderRecord {
                bucket_end: end,
                amount,
                currency: cur,
                line_item,
                project_id: r.project_id,
                organization_id: r.organization_id,
                api_key_id: r.api_key_id,
                user_id: r.user_id,
                model: r.model,
                service_tier: r.service_tier,
                quantity,
                quantity_unit: unit,
                requests: raw_count(r.num_model_requests, "num_model_requests").map_err(at)?,
                input_tokens: raw_count(r.input_tokens, "input_tokens").map_err(at)?,
                output_tokens: raw_count(r.output_tokens, "output_tokens").map_err(at)?,
                cached_input_tokens: raw_count(r.input_cached_tokens, "input_cached_tokens")
                    .map_err(at)?,
                ..base
            })?;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct AnthropicBucket<'a> {
    starting_at: String,
    ending_at: Option<String>,
    #[serde(borrow, default)]
    results: Vec<&'a RawValue>,
}

#[derive(Deserialize, Default)]
struct CacheCreation<'a> {
    #[serde(borrow)]
    ephemeral_1h_input_tokens: Option<&'a RawValue>,
    #[serde(borrow)]
    ephemeral_5m_input_tokens: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct AnthropicResult<'a> {
    #[serde(borrow)]
    amount: Option<&'a RawValue>,
    currency: Option<String>,
    cost_type: Option<String>,
    token_type: Option<String>,
    description: Option<String>,
    model: Option<String>,
    service_tier: Option<String>,
    workspace_id: Option<String>,
    api_key_id: Option<String>,
    #[serde(borrow)]
    uncached_input_tokens: Option<&'a RawValue>,
    #[serde(borrow)]
    cache_read_input_tokens: Option<&'a RawValue>,
    #[serde(borrow)]
    output_tokens: Option<&'a RawValue>,
    #[serde(borrow)]
    cache_creation: Option<CacheCreation<'a>>,
}

fn anthropic_page(
    text: &str,
    page: &RawValue,
    sink: &mut dyn RowSink,
    hints: Hints,
    assumed: &mut AssumedCurrency,
) -> Result<(), RowError> {
    const PAGE: fn() -> Msg = || msg!("detail-anthropic-page");
    const BUCKET: fn() -> Msg = || msg!("detail-anthropic-bucket");
    const RESULT: fn() -> Msg = || msg!("detail-anthropic-result");
    let page: Page<'_> = parse_at(text, page.get(), PAGE)?;
    let hundred = Decimal::ONE_HUNDRED;
    for bucket in page.data {
        let line = line_of(text, bucket.get());
        let b: AnthropicBucket<'_> = parse_at(text, bucket.get(), BUCKET)?;
        let (start, end) = bucket_times(
            line,
            (&b.starting_at, "starting_at"),
            b.ending_at.as_deref().map(|t| (t, "ending_at")),
        )?;
        for raw in b.results {
            let line = line_of(text, raw.get());
            let at = |p| RowError::new(line, p);
            let r: AnthropicResult<'_> = parse_at(text, raw.get(), RESULT)?;
            let record = match raw_number(r.amount, "amount").map_err(at)? {
                Some(cents) => {
                    let code = r.currency.as_deref();
                    let cur = currency_or_assumed(code, "currency", hints, assumed, Some(line))
                        .map_err(at)?;
                    let line_item = match r.cost_type.as_deref() {
                        Some("tokens") | None => r.description.clone(),
                        Some(other) => Some(other.to_owned()),
                    };
                    ProviderRecord {
                        amount: Some(cents / hundred),
                        currency: Some(cur),
                        token_type: r.token_type,
                        line_item,
                        ..ProviderRecord::new(
                            line,
                            Provider::Anthropic,
                            RecordKind::Cost,
                            ANTHROPIC_COSTS,
                            start,
                        )
                    }
                }
                None => {
                    let cc = r.cache_creation.unwrap_or_default();
                    let w1 = raw_count(cc.ephemeral_1h_input_tokens, "ephemeral_1h_input_tokens")
                        .map_err(at)?;
                    let w5 = raw_count(cc.ephemeral_5m_input_tokens, "ephemeral_5m_input_tokens")
                        .map_err(at)?;
                    ProviderRecord {
                        input_tokens: raw_count(r.uncached_input_tokens, "uncached_input_tokens")
                            .map_err(at)?,
                        cached_input_tokens: raw_count(
                            r.cache_read_input_tokens,
                            "cache_read_input_tokens",
                        )
                        .map_err(at)?,
                        output_tokens: raw_count(r.output_tokens, "output_tokens").map_err(at)?,
                        cache_write_tokens: cache_writes(w5, w1),
                        ..ProviderRecord::new(
                            line,
                            Provider::Anthropic,
                            RecordKind::Usage,
                            ANTHROPIC_USAGE,
                            start,
                        )
                    }
                }
            };
            sink.record(ProviderRecord {
                bucket_end: end,
                model: r.model,
                service_tier: r.service_tier,
                project_id: r.workspace_id,
                api_key_id: r.api_key_id,
                ..record
            })?;
        }
    }
    Ok(())
}

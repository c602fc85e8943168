//! OpenAI Codex CLI session logs (`codex-cli-jsonl`): the
//! `~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl` files (under
//! `$CODEX_HOME` when set), one `{"timestamp","type","payload"}` object per
//! line. See `docs/formats/codex-cli.md` for the layout.
//!
//! `session_meta` names the session (`payload.id`), its folder
//! (`payload.cwd`, the project) and who serves it (`model_provider`);
//! `turn_context` names the model of the turns that follow; `event_msg`
//! lines of `payload.type` `token_count` carry `payload.info` with the
//! session's running total (`total_token_usage`) and the last request's
//! usage (`last_token_usage`): `input_tokens` (cached input included),
//! `cached_input_tokens`, `output_tokens` (reasoning included),
//! `reasoning_output_tokens`, `total_tokens`. Codex repeats a token count
//! with an unchanged total (and with `info: null` for rate limits only):
//! those carry no new usage and are skipped. A record's id is the session
//! and its running total, so a log read twice, a resumed session that
//! repeats earlier lines, or the same log copied from another machine adds
//! nothing twice.
//!
//! Every line without usage is skipped and counted in one `skipped_lines`
//! notice, as is a last line cut off while Codex is still writing, a line
//! over 16 MiB that is not a token count (a huge tool output), and usage
//! served by a provider other than OpenAI (a local or third-party model).
//! A token count that cannot be read refuses the log, naming the line.
//!
//! Invariant: every token count with new usage becomes exactly one record;
//! nothing is dropped without being counted in a notice.

use std::io::BufRead;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::i18n::Msg;
use crate::import::formats::jsonl::{
    field_is, folder_name, has_neither, shown, JsonLines, LogShape, Skipped, MAX_LINE,
};
use crate::import::formats::provider_fields::instant;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{provider_format, Format, Head, Parsed};
use crate::import::RowSink;
use crate::msg;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct CodexCliJsonl;

/// The series Codex CLI's records are kept in.
pub const SERIES: &str = "codex-cli";

const KINDS: &[&str] = &["session_meta", "turn_context", "event_msg", "response_item"];

/// One usage object: input (cached included), cached, output (reasoning
/// included), reasoning, total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Usage {
    input: i64,
    cached: i64,
    output: i64,
    reasoning: i64,
    total: i64,
}

impl Usage {
    fn minus(self, o: Usage) -> Usage {
        Usage {
            input: (self.input - o.input).max(0),
            cached: (self.cached - o.cached).max(0),
            output: (self.output - o.output).max(0),
            reasoning: (self.reasoning - o.reasoning).max(0),
            total: (self.total - o.total).max(0),
        }
    }

    fn is_zero(self) -> bool {
        self.input == 0 && self.output == 0 && self.cached == 0 && self.reasoning == 0
    }
}

fn unreadable(line: u64, what: Msg) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(msg!("detail-codex-tokens-unreadable", what = what)),
            expected: Box::new(msg!("detail-codex-token-counts")),
        },
    )
}

fn usage_of(v: &Value, field: &str, line: u64) -> Result<Option<Usage>, RowError> {
    let obj = match v {
        Value::Null => return Ok(None),
        Value::Object(o) => o,
        other => {
            return Err(unreadable(
                line,
                field_is(&format!("info.{field}"), shown(other)),
            ))
        }
    };
    let n = |k: &str| -> Result<i64, RowError> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(0),
            Some(v) => v
                .as_i64()
                .filter(|n| *n >= 0)
                .ok_or_else(|| unreadable(line, field_is(&format!("info.{field}.{k}"), shown(v)))),
        }
    };
    let mut u = Usage {
        input: n("input_tokens")?,
        cached: n("cached_input_tokens")?,
        output: n("output_tokens")?,
        reasoning: n("reasoning_output_tokens")?,
        total: n("total_tokens")?,
    };
    if !obj.contains_key("input_tokens") && !obj.contains_key("output_tokens") {
        return Err(unreadable(
            line,
            has_neither(&format!("info.{field}"), "input_tokens", "output_tokens"),
        ));
    }
    if u.total == 0 {
        u.total = u.input + u.output;
    }
    Ok(Some(u))
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Whether a line that is not read whole would have held usage.
fn looks_like_usage(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(4096)];
    head.windows(13).any(|w| w == b"\"token_count\"")
}

const SHAPE: LogShape = LogShape {
    expected: || msg!("detail-codex-expected"),
    looks_like_usage,
    unreadable,
    max_line: MAX_LINE,
    skip_kind: Some(skip_kind),
};

/// A line's entry type and payload, and nothing else of it (serde skips
/// the rest without keeping it).
#[derive(serde::Deserialize)]
struct Probe<'a> {
    #[serde(rename = "type", borrow)]
    kind: &'a str,
    #[serde(borrow)]
    payload: &'a serde_json::value::RawValue,
}

/// A payload's own type.
#[derive(serde::Deserialize)]
struct PayloadProbe<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a str>,
}

/// The kind of an entry [`CodexCliJsonl::parse`] would skip for carrying
/// no usage (a tool call, a message, reasoning, an event other than a
/// token count), told from its type alone; `None` for a line it reads (or
/// one it would not take as an entry, which the full read sorts out).
fn skip_kind(line: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(line).ok()?;
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let probe: Probe<'_> = serde_json::from_str(text).ok()?;
    if !probe.payload.get().starts_with('{') {
        return None;
    }
    match probe.kind {
        "session_meta" | "turn_context" => None,
        "event_msg" => {
            let payload: PayloadProbe<'_> = serde_json::from_str(probe.payload.get()).ok()?;
            match payload.kind {
                Some("token_count") | None => None,
                Some(_) => Some(probe.kind),
            }
        }
        kind => Some(kind),
    }
}

#[derive(Default)]
struct Session {
    id: Option<String>,
    cwd: Option<String>,
    model: Option<String>,
    /// `model_provider` when it is not OpenAI.
    elsewhere: Option<String>,
    total: Option<Usage>,
}

impl Format for CodexCliJsonl {
    provider_format!(
        "codex-cli-jsonl",
        "OpenAI Codex CLI session log (JSONL)",
        "Codex CLI"
    );

    fn detect(&self, head: &Head<'_>) -> bool {
        let first = head.first_line();
        if !first.starts_with('{') || !first.contains("\"payload\"") {
            return false;
        }
        match serde_json::from_str::<Map<String, Value>>(first) {
            Ok(o) => {
                o.get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| KINDS.contains(&t))
                    && o.contains_key("timestamp")
                    && o.get("payload").is_some_and(Value::is_object)
            }
            // A first line longer than the head: the shape of its start.
            Err(_) => {
                first.starts_with("{\"timestamp\":")
                    && KINDS
                        .iter()
                        .any(|k| first.contains(&format!("\"type\":\"{k}\",\"payload\"")))
            }
        }
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut lines = JsonLines::new(
            input,
            &SHAPE,
            Skipped::new(
                msg!("import-skipped-no-new-usage"),
                msg!("import-skipped-cut-codex"),
            ),
        );
        let mut s = Session::default();
        while let Some((line, got)) = lines.next_line(fast_count)? {
            let value = match got {
                Ok(fast) => {
                    lines.any_entry = true;
                    let skipped = &mut lines.skipped;
                    match fast.usage {
                        None => skipped.line(line, "token_count without usage"),
                        Some((total, last)) => count(
                            &mut s,
                            skipped,
                            sink,
                            line,
                            total,
                            last,
                            Stamp::Text(&fast.timestamp),
                        )?,
                    }
                    continue;
                }
                Err(value) => value,
            };
            let entry = match value {
                Value::Object(o)
                    if o.get("type").is_some_and(Value::is_string)
                        && o.get("payload").is_some_and(Value::is_object) =>
                {
                    o
                }
                _ => {
                    lines.not_entry(
                        line,
                        msg!("detail-codex-not-entry"),
                        msg!("detail-codex-entry"),
                    );
                    continue;
                }
            };
            lines.any_entry = true;
            let skipped = &mut lines.skipped;
            let kind = entry.get("type").and_then(Value::as_str).unwrap_or("");
            let Some(Value::Object(payload)) = entry.get("payload") else {
                continue;
            };
            match kind {
                "session_meta" => {
                    let id = text(payload.get("id"));
                    if id != s.id {
                        s.total = None;
                    }
                    s.id = id;
                    s.cwd = text(payload.get("cwd")).or(s.cwd.take());
                    s.elsewhere = text(payload.get("model_provider"))
                        .filter(|p| !p.eq_ignore_ascii_case("openai"));
                    skipped.line(line, "session_meta");
                    continue;
                }
                "turn_context" => {
                    if let Some(m) = text(payload.get("model")) {
                        s.model = Some(m);
                    }
                    if let Some(c) = text(payload.get("cwd")) {
                        s.cwd = Some(c);
                    }
                    skipped.line(line, "turn_context");
                    continue;
                }
                "event_msg"
                    if payload.get("type").and_then(Value::as_str) == Some("token_count") => {}
                other => {
                    skipped.line(line, other);
                    continue;
                }
            }
            let info = match payload.get("info") {
                None | Some(Value::Null) => {
                    skipped.line(line, "token_count without usage");
                    continue;
                }
                Some(Value::Object(i)) => i,
                Some(other) => {
                    return Err(unreadable(line, field_is("info", shown(other))));
                }
            };
            let total = usage_of(
                info.get("total_token_usage").unwrap_or(&Value::Null),
                "total_token_usage",
                line,
            )?;
            let last = usage_of(
                info.get("last_token_usage").unwrap_or(&Value::Null),
                "last_token_usage",
                line,
            )?;
            count(
                &mut s,
                &mut lines.skipped,
                sink,
                line,
                total,
                last,
                Stamp::Value(entry.get("timestamp")),
            )?;
        }
        lines.finish(sink)
    }
}

/// A line's `timestamp`: the text the quick read found, or what the
/// line's value holds there.
enum Stamp<'a> {
    Text(&'a str),
    Value(Option<&'a Value>),
}

/// One token count with usage (running total, last request's): a record,
/// or a skipped line (a repeat, zero, served elsewhere).
fn count(
    s: &mut Session,
    skipped: &mut Skipped,
    sink: &mut dyn RowSink,
    line: u64,
    total: Option<Usage>,
    last: Option<Usage>,
    timestamp: Stamp<'_>,
) -> Result<(), RowError> {
    if total.is_some() && total == s.total {
        skipped.line(line, "repeated token_count");
        return Ok(());
    }
    let usage = match (last, total) {
        (Some(l), _) => l,
        (None, Some(t)) => t.minus(s.total.unwrap_or_default()),
        (None, None) => {
            return Err(unreadable(
                line,
                has_neither("info", "total_token_usage", "last_token_usage"),
            ))
        }
    };
    if total.is_some() {
        s.total = total;
    }
    if usage.is_zero() {
        skipped.line(line, "token_count of zero");
        return Ok(());
    }
    if let Some(p) = &s.elsewhere {
        skipped.line(line, &format!("served by {p}, not OpenAI"));
        return Ok(());
    }
    let text = match timestamp {
        Stamp::Text(t) => Ok(t),
        Stamp::Value(Some(Value::String(t))) => Ok(t.as_str()),
        Stamp::Value(other) => Err(other),
    };
    let when = match text {
        Ok(t) => instant(t, "timestamp")
            .map_err(|_| unreadable(line, field_is("timestamp", format!("{t:?}"))))?,
        Err(other) => {
            return Err(unreadable(
                line,
                match other {
                    Some(v) => field_is("timestamp", shown(v)),
                    None => msg!("detail-json-field-missing", field = "timestamp"),
                },
            ))
        }
    };
    let source_id = match (&s.id, total) {
        (Some(id), Some(t)) => format!("{id}:{}", t.total),
        (Some(id), None) => format!("{id}:{}:{line}", when.timestamp_millis()),
        (None, _) => format!("{}:{line}", when.timestamp_millis()),
    };
    sink.record(ProviderRecord {
        source_id: Some(source_id),
        model: s.model.clone(),
        project_id: s.cwd.clone(),
        project_name: s.cwd.as_deref().map(folder_name),
        input_tokens: Some(usage.input),
        cached_input_tokens: Some(usage.cached),
        output_tokens: Some(usage.output),
        reasoning_tokens: Some(usage.reasoning),
        requests: Some(1),
        ..ProviderRecord::new(line, Provider::Openai, RecordKind::Usage, SERIES, when)
    })?;
    Ok(())
}

/// A token count read without building a value: its timestamp, and its
/// (running total, last request's) usage, `None` for `info: null`.
struct FastCount {
    timestamp: String,
    usage: Option<(Option<Usage>, Option<Usage>)>,
}

#[derive(serde::Deserialize)]
struct CountLine<'a> {
    #[serde(borrow)]
    timestamp: Option<&'a str>,
    #[serde(rename = "type", borrow)]
    kind: &'a str,
    #[serde(borrow)]
    payload: &'a RawValue,
}

#[derive(serde::Deserialize)]
struct CountPayload<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<&'a str>,
    #[serde(borrow, default)]
    info: Option<&'a RawValue>,
}

#[derive(serde::Deserialize)]
struct CountInfo<'a> {
    #[serde(borrow, default)]
    total_token_usage: Option<&'a RawValue>,
    #[serde(borrow, default)]
    last_token_usage: Option<&'a RawValue>,
}

#[derive(serde::Deserialize)]
struct CountUsage {
    input_tokens: Option<i64>,
    cached_input_tokens: Option<i64>,
    output_tokens: Option<i64>,
    reasoning_output_tokens: Option<i64>,
    total_tokens: Option<i64>,
}

/// The parts of a JSON text that must be objects, as the full read wants.
fn object<'a, T: serde::Deserialize<'a>>(raw: &'a str) -> Option<T> {
    if !raw.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str(raw).ok()
}

/// A usage object as [`usage_of`] reads it, when it reads it without a
/// complaint; `None` otherwise (the full read says what is wrong).
fn fast_usage(raw: Option<&RawValue>) -> Option<Option<Usage>> {
    let Some(raw) = raw else {
        return Some(None);
    };
    let u: CountUsage = object(raw.get())?;
    if u.input_tokens.is_none() && u.output_tokens.is_none() {
        return None;
    }
    let n = |v: Option<i64>| match v {
        None => Some(0),
        Some(n) if n >= 0 => Some(n),
        Some(_) => None,
    };
    let mut usage = Usage {
        input: n(u.input_tokens)?,
        cached: n(u.cached_input_tokens)?,
        output: n(u.output_tokens)?,
        reasoning: n(u.reasoning_output_tokens)?,
        total: n(u.total_tokens)?,
    };
    if usage.total == 0 {
        usage.total = usage.input + usage.output;
    }
    Some(Some(usage))
}

/// A token count read the quick way (most of a log's lines that matter
/// are these): `Some` only when the line is one the full read takes
/// without a complaint, with what it would read; anything else (another
/// entry, a field of another type, a duplicate key) is left to it.
fn fast_count(text: &str) -> Option<FastCount> {
    let entry: CountLine<'_> = object(text)?;
    if entry.kind != "event_msg" {
        return None;
    }
    let payload: CountPayload<'_> = object(entry.payload.get())?;
    if payload.kind != Some("token_count") {
        return None;
    }
    let timestamp = entry.timestamp?.to_owned();
    let Some(info) = payload.info else {
        return Some(FastCount {
            timestamp,
            usage: None,
        });
    };
    let info: CountInfo<'_> = object(info.get())?;
    let total = fast_usage(info.total_token_usage)?;
    let last = fast_usage(info.last_token_usage)?;
    Some(FastCount {
        timestamp,
        usage: Some((total, last)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Notice;

    #[derive(Default)]
    struct Collect {
        records: Vec<ProviderRecord>,
        notices: Vec<Notice>,
    }

    impl RowSink for Collect {
        fn row(
            &mut self,
            _: &crate::import::pipeline::format::ParsedTxn<'_>,
        ) -> Result<(), RowError> {
            unreachable!("a log has no statement lines")
        }
        fn record(&mut self, rec: ProviderRecord) -> Result<(), RowError> {
            self.records.push(rec);
            Ok(())
        }
        fn notice(&mut self, notice: Notice) {
            self.notices.push(notice);
        }
    }

    fn parse(text: &str) -> Result<Collect, RowError> {
        let mut sink = Collect::default();
        let head = Head { text };
        CodexCliJsonl.parse(&head, &mut text.as_bytes(), &mut sink)?;
        Ok(sink)
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Err(e) => format!("{}: {}", e.line, e.problem),
            Ok(_) => panic!("accepted: {text}"),
        }
    }

    const META: &str = r#"{"timestamp":"2026-11-20T09:00:00.000Z","type":"session_meta","payload":{"id":"0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","timestamp":"2026-11-20T09:00:00.000Z","cwd":"/home/ana/src/invoicer","originator":"codex_cli_rs","cli_version":"0.63.0","model_provider":"openai"}}"#;
    const TURN: &str = r#"{"timestamp":"2026-11-20T09:00:01.000Z","type":"turn_context","payload":{"cwd":"/home/ana/src/invoicer","approval_policy":"on-request","model":"gpt-5.1-codex","effort":"medium"}}"#;

    fn count(ts: &str, total: [i64; 4], last: [i64; 4]) -> String {
        let u = |a: [i64; 4]| {
            format!(
                "{{\"input_tokens\":{},\"cached_input_tokens\":{},\"output_tokens\":{},\
                 \"reasoning_output_tokens\":{},\"total_tokens\":{}}}",
                a[0],
                a[1],
                a[2],
                a[3],
                a[0] + a[2]
            )
        };
        format!(
            "{{\"timestamp\":\"{ts}\",\"type\":\"event_msg\",\"payload\":{{\"type\":\"token_count\",\
             \"info\":{{\"total_token_usage\":{},\"last_token_usage\":{},\
             \"model_context_window\":272000}},\"rate_limits\":null}}}}",
            u(total),
            u(last)
        )
    }

    /// The log with every timestamp and entry type written with an
    /// escape, which the quick read leaves to the full one.
    fn escaped(text: &str) -> String {
        text.replace("\"timestamp\":\"2", "\"timestamp\":\"\\u0032")
            .replace("\"type\":\"", "\"type\":\"\\u0020")
            .replace("\"type\":\"\\u0020event_msg", "\"type\":\"\\u0065vent_msg")
            .replace(
                "\"type\":\"\\u0020token_count",
                "\"type\":\"\\u0074oken_count",
            )
            .replace(
                "\"type\":\"\\u0020session_meta",
                "\"type\":\"\\u0073ession_meta",
            )
            .replace(
                "\"type\":\"\\u0020turn_context",
                "\"type\":\"\\u0074urn_context",
            )
            .replace(
                "\"type\":\"\\u0020response_item",
                "\"type\":\"\\u0072esponse_item",
            )
    }

    fn outcome(text: &str) -> Result<(Vec<ProviderRecord>, Vec<Notice>), String> {
        parse(text)
            .map(|c| (c.records, c.notices))
            .map_err(|e| format!("{}: {}", e.line, e.problem))
    }

    #[test]
    fn the_quick_read_of_a_line_reads_what_the_full_read_does() {
        let item = r#"{"timestamp":"2026-11-20T09:00:06.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c1","output":"ok"}}"#;
        let a = count(
            "2026-11-20T09:00:05.000Z",
            [9000, 4000, 300, 120],
            [9000, 4000, 300, 120],
        );
        let b = count(
            "2026-11-20T09:00:09.000Z",
            [19500, 12800, 520, 200],
            [10500, 8800, 220, 80],
        );
        let counts = |info: &str| {
            format!(
                "{{\"timestamp\":\"2026-11-20T09:00:07.000Z\",\"type\":\"event_msg\",\
                 \"payload\":{{\"type\":\"token_count\",\"info\":{info}}}}}"
            )
        };
        let logs = [
            format!("{META}\n{TURN}\n{item}\n{a}\n{a}\n{b}\n"),
            format!("{META}\n{item}\n{}\n{a}\n", counts("null")),
            format!(
                "{META}\n{}\n{}\n",
                counts(r#"{"total_token_usage":{"input_tokens":50,"output_tokens":5}}"#),
                counts(r#"{"total_token_usage":{"input_tokens":80,"output_tokens":9}}"#)
            ),
            format!(
                "{META}\n{}\n",
                counts(r#"{"last_token_usage":{"input_tokens":0,"output_tokens":0}}"#)
            ),
            format!(
                "{META}\n{}\n",
                counts(r#"{"last_token_usage":{"input_tokens":-3,"output_tokens":1}}"#)
            ),
            format!(
                "{META}\n{}\n",
                counts(r#"{"last_token_usage":{"input_tokens":1.5,"output_tokens":1}}"#)
            ),
            format!(
                "{META}\n{}\n",
                counts(r#"{"last_token_usage":[1,2,3,4,5]}"#)
            ),
            format!(
                "{META}\n{}\n",
                counts(r#"{"last_token_usage":{"cached_input_tokens":4}}"#)
            ),
            format!("{META}\n{}\n", counts("[]")),
            format!("{META}\n{}\n", counts("{}")),
            format!(
                "{META}\n{}\n",
                a.replace("\"timestamp\":\"2026-11-20T09:00:05.000Z\",", "")
            ),
            format!(
                "{META}\n{}\n",
                a.replace("2026-11-20T09:00:05.000Z", "yesterday")
            ),
        ];
        for log in &logs {
            let quick = outcome(log);
            let full = outcome(&escaped(log));
            assert_eq!(quick, full, "{log}");
        }
        // The escapes do reach the full read: the same records either way.
        assert_eq!(outcome(&logs[0]).map(|(r, _)| r.len()), Ok(2));
        assert_ne!(escaped(&logs[0]), logs[0]);
    }

    #[test]
    fn token_counts_become_one_record_each_and_repeats_are_skipped() {
        let a = count(
            "2026-11-20T09:00:05.000Z",
            [9000, 4000, 300, 120],
            [9000, 4000, 300, 120],
        );
        let b = count(
            "2026-11-20T09:00:09.000Z",
            [19500, 12800, 520, 200],
            [10500, 8800, 220, 80],
        );
        let text = format!("{META}\n{TURN}\n{a}\n{a}\n{b}\n");
        let got = parse(&text).expect("parse");
        assert_eq!(got.records.len(), 2);
        let r = &got.records[1];
        assert_eq!(r.series, "codex-cli");
        assert_eq!(r.provider, Provider::Openai);
        assert_eq!(r.model.as_deref(), Some("gpt-5.1-codex"));
        assert_eq!(r.project_name.as_deref(), Some("invoicer"));
        assert_eq!(r.project_id.as_deref(), Some("/home/ana/src/invoicer"));
        assert_eq!(
            (
                r.input_tokens,
                r.cached_input_tokens,
                r.output_tokens,
                r.reasoning_tokens
            ),
            (Some(10500), Some(8800), Some(220), Some(80))
        );
        assert_eq!(
            r.source_id.as_deref(),
            Some("0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:20020")
        );
        assert_eq!(got.notices.len(), 1);
        assert_eq!(
            got.notices[0].message,
            "3 lines skipped: 3 carry no new usage (1 repeated token_count, 1 session_meta, \
             1 turn_context)"
        );
    }

    #[test]
    fn only_running_totals_give_the_difference() {
        let t = |ts: &str, tot: [i64; 4]| {
            count(ts, tot, [0; 4]).replace(
                ",\"last_token_usage\":{\"input_tokens\":0,\"cached_input_tokens\":0,\
                 \"output_tokens\":0,\"reasoning_output_tokens\":0,\"total_tokens\":0}",
                "",
            )
        };
        let text = format!(
            "{META}\n{TURN}\n{}\n{}\n",
            t("2026-11-20T09:00:05Z", [100, 40, 10, 0]),
            t("2026-11-20T09:00:09Z", [250, 90, 30, 5])
        );
        let got = parse(&text).expect("parse");
        let r = &got.records[1];
        assert_eq!(
            (
                r.input_tokens,
                r.cached_input_tokens,
                r.output_tokens,
                r.reasoning_tokens
            ),
            (Some(150), Some(50), Some(20), Some(5))
        );
    }

    #[test]
    fn hostile_lines_are_counted_or_refused_never_a_panic() {
        let a = count("2026-11-20T09:00:05.000Z", [10, 0, 5, 0], [10, 0, 5, 0]);
        // A cut-off last line, a line of another shape, rate limits only.
        let info_null = r#"{"timestamp":"2026-11-20T09:00:06Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":7.0}}}}"#;
        let text = format!("{META}\n[1,2]\n{info_null}\n{a}\n{}", &a[..a.len() - 9]);
        let got = parse(&text).expect("parse");
        assert_eq!(got.records.len(), 1);
        assert_eq!(
            got.notices[0].message,
            "4 lines skipped: 3 carry no new usage (1 not a log entry, 1 session_meta, \
             1 token_count without usage); line 5, the last, is cut off: Codex was still \
             writing the log (import it again later to read that line)"
        );
        assert_eq!(
            error(&format!(
                "{META}\n{}\n",
                a.replace("\"output_tokens\":5", "\"output_tokens\":-5")
            )),
            "2: the token count could not be read: info.total_token_usage.output_tokens is -5; \
             expected Codex's token counts ({\"input_tokens\":…,\"output_tokens\":…}, whole \
             numbers, 0 or more)"
        );
        assert!(error("\n\n").starts_with("1: the file holds no line"));
        // A usage line cut in the middle of the log is usage lost: refused.
        let e = error(&format!("{META}\n{}\n{a}\n", &a[..a.len() - 9]));
        assert!(
            e.starts_with("2: the token count could not be read: the line is not whole JSON"),
            "{e}"
        );
    }

    #[test]
    fn a_line_longer_than_the_cap_is_skipped_without_being_kept() {
        let mut input: &[u8] = b"0123456789\nab";
        let mut buf = Vec::new();
        assert_eq!(
            crate::import::formats::jsonl::read_capped(&mut input, &mut buf, 4).expect("read"),
            (11, true)
        );
        assert_eq!(buf, b"0123");
        buf.clear();
        assert_eq!(
            crate::import::formats::jsonl::read_capped(&mut input, &mut buf, 4).expect("read"),
            (2, false)
        );
        assert_eq!(buf, b"ab");
    }

    #[test]
    fn usage_served_elsewhere_is_counted_not_billed_to_openai() {
        let meta = META.replace(
            "\"model_provider\":\"openai\"",
            "\"model_provider\":\"ollama\"",
        );
        let a = count("2026-11-20T09:00:05.000Z", [10, 0, 5, 0], [10, 0, 5, 0]);
        let got = parse(&format!("{meta}\n{a}\n")).expect("parse");
        assert!(got.records.is_empty());
        assert!(got.notices[0]
            .message
            .contains("1 served by ollama, not OpenAI"));
    }

    #[test]
    fn detects_codex_and_not_claude_code() {
        let yes = |t: &str| CodexCliJsonl.detect(&Head { text: t });
        assert!(yes(&format!("{META}\n")));
        assert!(yes(&format!("{TURN}\n")));
        assert!(!yes(r#"{"type":"summary","summary":"x","leafUuid":"u"}"#));
        assert!(!yes(
            r#"{"parentUuid":null,"sessionId":"s","type":"user","message":{"role":"user","content":"payload"}}"#
        ));
    }
}

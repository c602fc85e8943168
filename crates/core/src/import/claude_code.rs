//! Claude Code's local session logs (`claude-code-jsonl`): the
//! `~/.claude/projects/<project>/<session>.jsonl` files (also under
//! `~/.config/claude/projects/`), one JSON object per line.
//!
//! Only assistant messages carry usage: `message.usage.{input_tokens,
//! output_tokens, cache_creation_input_tokens, cache_read_input_tokens}`,
//! with `message.model`, `message.id`, `requestId` and `timestamp` (UTC);
//! older versions also wrote `costUSD`. Every other line (user turns,
//! summaries, tool results) is skipped. The same message can be logged more
//! than once (a resumed or forked session repeats earlier lines), so the key
//! `message.id:requestId` deduplicates within a file and across files, as
//! ccusage does. `<synthetic>` messages are the tool's own, not billed, and
//! are skipped.
//!
//! Usage on a Pro or Max plan is covered by the subscription; these records
//! say what was used, and a cost only where the log states one.

use std::io::BufRead;

use serde::Deserialize;

use super::error::{Problem, RowError};
use super::format::{provider_format, Format, Head};
use super::provider_fields::instant;
use super::provider_json::parse_line;
use super::RowSink;
use crate::money::Currency;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct ClaudeCodeJsonl;

const EXPECTED: &str = "one JSON object per line, as Claude Code writes its session logs";

#[derive(Deserialize)]
struct Entry {
    /// `user`, `assistant`, `summary`, `system`, …: every line has one.
    #[serde(rename = "type")]
    kind: Option<String>,
    timestamp: Option<String>,
    #[serde(rename = "requestId")]
    request_id: Option<String>,
    uuid: Option<String>,
    #[serde(rename = "costUSD")]
    cost_usd: Option<serde_json::Number>,
    #[serde(rename = "isApiErrorMessage", default)]
    is_api_error: bool,
    message: Option<Message>,
}

#[derive(Deserialize)]
struct Message {
    id: Option<String>,
    model: Option<String>,
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Usage {
    input_tokens: Option<i64>,
    output_tokens: Option<i64>,
    cache_creation_input_tokens: Option<i64>,
    cache_read_input_tokens: Option<i64>,
}

impl Format for ClaudeCodeJsonl {
    provider_format!(
        "claude-code-jsonl",
        "Claude Code session log (JSONL)",
        "Claude Code"
    );

    fn detect(&self, head: &Head<'_>) -> bool {
        let first = head.first_line();
        first.starts_with('{')
            && (head.text.contains("\"sessionId\"") || head.text.contains("\"parentUuid\""))
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut bytes = Vec::new();
        let mut line = 0u64;
        loop {
            bytes.clear();
            let n = input
                .read_until(b'\n', &mut bytes)
                .map_err(|e| RowError::new(line + 1, Problem::Csv(e.to_string())))?;
            if n == 0 {
                break;
            }
            line += 1;
            let text =
                std::str::from_utf8(&bytes).map_err(|_| RowError::new(line, Problem::NotUtf8))?;
            let t = text.trim();
            if t.is_empty() {
                continue;
            }
            let entry: Entry = parse_line(t, line, EXPECTED)?;
            if entry.kind.is_none() {
                return Err(RowError::new(
                    line,
                    Problem::Malformed {
                        found: "a JSON object with no \"type\"".into(),
                        expected:
                            "a Claude Code log entry ({\"type\":\"assistant\",\"message\":…})"
                                .into(),
                    },
                ));
            }
            let Some(msg) = entry.message else { continue };
            let Some(usage) = msg.usage else { continue };
            if entry.is_api_error || msg.model.as_deref() == Some("<synthetic>") {
                continue;
            }
            let at = |p| RowError::new(line, p);
            let when = entry.timestamp.as_deref().ok_or_else(|| {
                at(Problem::EmptyField {
                    column: "timestamp",
                })
            })?;
            let when = instant(when, "timestamp").map_err(at)?;
            let source_id = match (&msg.id, &entry.request_id, &entry.uuid) {
                (Some(m), Some(r), _) => format!("{m}:{r}"),
                (Some(m), None, _) => m.clone(),
                (None, _, Some(u)) => format!("uuid:{u}"),
                (None, _, None) => format!("{}:{line}", when.timestamp_millis()),
            };
            let nonneg = |v: Option<i64>, column: &'static str| match v {
                Some(n) if n < 0 => Err(at(Problem::UnexpectedValue {
                    column,
                    value: n.to_string(),
                    expected: "a token count of 0 or more",
                })),
                other => Ok(other),
            };
            let amount = match &entry.cost_usd {
                Some(n) => {
                    Some(super::provider_fields::number(&n.to_string(), "costUSD").map_err(at)?)
                }
                None => None,
            };
            sink.record(ProviderRecord {
                source_id: Some(source_id),
                model: msg.model,
                input_tokens: nonneg(usage.input_tokens, "input_tokens")?,
                output_tokens: nonneg(usage.output_tokens, "output_tokens")?,
                cache_write_tokens: nonneg(
                    usage.cache_creation_input_tokens,
                    "cache_creation_input_tokens",
                )?,
                cached_input_tokens: nonneg(
                    usage.cache_read_input_tokens,
                    "cache_read_input_tokens",
                )?,
                requests: Some(1),
                currency: amount.map(|_| Currency::USD),
                amount,
                kind: if amount.is_some() {
                    RecordKind::Cost
                } else {
                    RecordKind::Usage
                },
                ..ProviderRecord::new(
                    line,
                    Provider::Anthropic,
                    RecordKind::Usage,
                    "claude-code",
                    when,
                )
            })?;
        }
        Ok(())
    }
}

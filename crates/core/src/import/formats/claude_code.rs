//! Claude Code's local session logs (`claude-code-jsonl`): the
//! `~/.claude/projects/<project>/<session>.jsonl` files (also under
//! `~/.config/claude/projects/`), one JSON object per line.
//!
//! Only assistant messages carry usage: `message.usage.{input_tokens,
//! output_tokens, cache_creation_input_tokens, cache_read_input_tokens}`
//! (newer versions add `cache_creation: {ephemeral_5m_input_tokens, …}`,
//! `server_tool_use`, `service_tier`, which are not needed here), with
//! `message.model`, `message.id`, `requestId` and `timestamp` (UTC); older
//! versions also wrote `costUSD`. The same message can be logged more than
//! once (a streamed reply is written once per content block, and a resumed
//! or forked session repeats earlier lines), so the key
//! `message.id:requestId` deduplicates within a file and across files, as
//! ccusage does: the first line of a message counts, its repeats are
//! duplicates.
//!
//! Every other line is skipped and counted in one `skipped_lines` notice:
//! user turns and tool results, `summary`, `system` and other bookkeeping
//! lines, lines with no `message.usage`, API error entries
//! (`isApiErrorMessage`) and the tool's own `<synthetic>` messages (not
//! billed), and a last line cut off while the log is still being written.
//! A line that is an assistant message with a usage object that cannot be
//! read (a token count that is not a count, no timestamp) refuses the log,
//! in plain words: it would be usage lost.
//!
//! Usage on a Pro or Max plan is covered by the subscription; these records
//! say what was used, and a cost only where the log states one.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::i18n::Msg;
use crate::import::formats::jsonl::{
    field_is, folder_name, shown, token_count, JsonLines, LogShape, Skipped, MAX_LINE,
};
use crate::import::formats::provider_fields::instant;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{provider_format, Format, Head, Parsed};
use crate::import::RowSink;
use crate::money::Currency;
use crate::msg;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct ClaudeCodeJsonl;

fn expected() -> Msg {
    msg!("detail-claude-expected")
}

/// A usage line that cannot be read: `what` is the field and what it holds.
fn unreadable(line: u64, what: Msg, expected: Msg) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(msg!("detail-claude-usage-unreadable", what = what)),
            expected: Box::new(expected),
        },
    )
}

/// When a Claude Code message was written, as the log should say it.
fn expected_time() -> Msg {
    msg!("detail-claude-time")
}

/// A token count of a usage object: absent or `null` is `None`; a whole
/// number of 0 or more (`12` or `12.0`) is the count; anything else refuses
/// the line.
fn tokens(usage: &Map<String, Value>, field: &str, line: u64) -> Result<Option<i64>, RowError> {
    token_count(usage.get(field)).map_err(|found| {
        unreadable(
            line,
            field_is(&format!("usage.{field}"), found),
            msg!("detail-token-count"),
        )
    })
}

/// Whether a line that is not valid JSON would have held usage.
fn looks_like_usage(text: &[u8]) -> bool {
    let has = |needle: &[u8]| text.windows(needle.len()).any(|w| w == needle);
    has(b"\"usage\"") && has(b"\"assistant\"")
}

/// A line that looks like usage and is not whole JSON.
fn unreadable_line(line: u64, what: Msg) -> RowError {
    unreadable(line, what, msg!("detail-claude-whole-line"))
}

const SHAPE: LogShape = LogShape {
    expected,
    looks_like_usage,
    unreadable: unreadable_line,
    max_line: MAX_LINE,
    skip_kind: None,
};

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
            // Gemini CLI's sessions name a session too, and their project's hash.
            && !head.text.contains("\"projectHash\"")
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut lines = JsonLines::new(
            input,
            &SHAPE,
            Skipped::new(
                msg!("import-skipped-no-usage"),
                msg!("import-skipped-cut-claude"),
            ),
        );
        let entry_expected = || msg!("detail-claude-entry");
        while let Some((line, value)) = lines.next_value()? {
            let Value::Object(entry) = value else {
                lines.not_entry(line, msg!("detail-json-not-object"), entry_expected());
                continue;
            };
            if !(entry.get("type").is_some_and(Value::is_string)
                || entry.contains_key("sessionId")
                || entry.contains_key("message"))
            {
                lines.not_entry(line, msg!("detail-json-no-type"), entry_expected());
                continue;
            }
            lines.any_entry = true;
            let skipped = &mut lines.skipped;
            let kind = entry
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("untyped");
            // An error Claude Code wrote in the reply's place: with zero
            // usage, or none.
            if entry.get("isApiErrorMessage").and_then(Value::as_bool) == Some(true) {
                skipped.line(line, "API error");
                continue;
            }
            let with_usage = entry
                .get("message")
                .and_then(Value::as_object)
                .and_then(|m| Some((m, m.get("usage").filter(|u| !u.is_null())?)));
            let Some((message, usage)) = with_usage else {
                if kind == "assistant" {
                    skipped.line(line, "assistant without usage");
                } else {
                    skipped.line(line, kind);
                }
                continue;
            };
            let model = message.get("model").and_then(Value::as_str);
            if model == Some("<synthetic>") {
                skipped.line(line, "synthetic");
                continue;
            }
            let Value::Object(usage) = usage else {
                return Err(unreadable(
                    line,
                    field_is("message.usage", shown(usage)),
                    msg!("detail-claude-token-object"),
                ));
            };
            let input_tokens = tokens(usage, "input_tokens", line)?;
            let output_tokens = tokens(usage, "output_tokens", line)?;
            let cache_write = tokens(usage, "cache_creation_input_tokens", line)?;
            let cache_read = tokens(usage, "cache_read_input_tokens", line)?;
            if input_tokens.is_none() && output_tokens.is_none() {
                return Err(unreadable(
                    line,
                    msg!("detail-claude-no-tokens"),
                    msg!("detail-claude-token-counts"),
                ));
            }
            let when = match entry.get("timestamp") {
                Some(Value::String(t)) => instant(t, "timestamp").map_err(|_| {
                    unreadable(
                        line,
                        field_is("timestamp", format!("{t:?}")),
                        expected_time(),
                    )
                })?,
                None | Some(Value::Null) => {
                    return Err(unreadable(
                        line,
                        msg!("detail-json-field-missing", field = "timestamp"),
                        expected_time(),
                    ))
                }
                Some(other) => {
                    return Err(unreadable(
                        line,
                        field_is("timestamp", shown(other)),
                        expected_time(),
                    ))
                }
            };
            let text_of = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
            let msg_id = text_of(message.get("id"));
            let request_id = text_of(entry.get("requestId"));
            let uuid = text_of(entry.get("uuid"));
            let source_id = match (msg_id, request_id, uuid) {
                (Some(m), Some(r), _) => format!("{m}:{r}"),
                (Some(m), None, _) => m,
                (None, _, Some(u)) => format!("uuid:{u}"),
                (None, _, None) => format!("{}:{line}", when.timestamp_millis()),
            };
            let amount = match entry.get("costUSD") {
                None | Some(Value::Null) => None,
                Some(Value::Number(n)) => Some(
                    crate::import::formats::provider_fields::number(&n.to_string(), "costUSD")
                        .map_err(|p| RowError::new(line, p))?,
                ),
                Some(other) => {
                    return Err(unreadable(
                        line,
                        field_is("costUSD", shown(other)),
                        msg!("detail-claude-cost"),
                    ))
                }
            };
            // The session's folder is the project (`cwd`, on every line
            // since Claude Code 1.0).
            let cwd = text_of(entry.get("cwd")).filter(|c| !c.trim().is_empty());
            sink.record(ProviderRecord {
                source_id: Some(source_id),
                project_name: cwd.as_deref().map(folder_name),
                project_id: cwd,
                model: model.map(str::to_owned),
                input_tokens,
                output_tokens,
                cache_write_tokens: cache_write,
                cached_input_tokens: cache_read,
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
        lines.finish(sink)
    }
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

    const USAGE: &str = r#"{"type":"assistant","sessionId":"s","timestamp":"2026-11-20T09:14:09.871Z","requestId":"req_1","message":{"id":"msg_1","model":"claude-sonnet-4-5","usage":{"input_tokens":4,"output_tokens":9}}}"#;

    fn parse(text: &str) -> Result<Collect, RowError> {
        let mut sink = Collect::default();
        let head = Head { text };
        ClaudeCodeJsonl.parse(&head, &mut text.as_bytes(), &mut sink)?;
        Ok(sink)
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Err(e) => format!("{}: {}", e.line, e.problem),
            Ok(_) => panic!("accepted: {text}"),
        }
    }

    #[test]
    fn odd_lines_are_skipped_and_counted() {
        let text = format!(
            "{{\"type\":\"summary\",\"summary\":\"x\",\"leafUuid\":\"u\"}}\n\
             not json at all\n\
             [1,2]\n\
             {{\"type\":\"user\",\"message\":\"plain text\"}}\n\
             {{\"type\":\"assistant\",\"message\":{{\"content\":[]}},\"isApiErrorMessage\":true}}\n\
             {{\"type\":\"assistant\",\"message\":{{\"usage\":null}}}}\n\
             {USAGE}\n\
             {{\"type\":\"assistant\",\"message\":{{\"id\":\"m2\",\"usage\":{{\"input_tokens\""
        );
        let got = parse(&text).expect("parse");
        assert_eq!(got.records.len(), 1);
        assert_eq!(got.records[0].source_id.as_deref(), Some("msg_1:req_1"));
        let [n] = got.notices.as_slice() else {
            panic!("{:?}", got.notices)
        };
        assert_eq!((n.code, n.count), ("skipped_lines", 7));
        assert_eq!(n.lines, [1, 2, 3, 4, 5]);
        assert_eq!(
            n.message,
            "7 lines skipped: 6 carry no usage (1 API error, 1 assistant without usage, \
             1 not JSON, 1 not a log entry, 1 summary, 1 user); line 8, the last, is cut off: \
             Claude Code was still writing the log (import it again once the session is over \
             to read that line)"
        );
    }

    #[test]
    fn a_usage_line_that_cannot_be_read_is_refused_in_plain_words() {
        let bad = |from: &str, to: &str| error(&format!("{}\n", USAGE.replace(from, to)));
        assert_eq!(
            bad("\"output_tokens\":9", "\"output_tokens\":\"nine\""),
            "1: the usage of this message could not be read: usage.output_tokens is \"nine\"; \
             expected a token count (a whole number, 0 or more)"
        );
        assert_eq!(
            bad("\"output_tokens\":9", "\"output_tokens\":-9"),
            "1: the usage of this message could not be read: usage.output_tokens is -9; \
             expected a token count (a whole number, 0 or more)"
        );
        assert_eq!(
            bad("\"timestamp\":\"2026-11-20T09:14:09.871Z\",", ""),
            "1: the usage of this message could not be read: timestamp is missing; \
             expected the message's time in UTC (2026-11-20T09:14:09.871Z)"
        );
        assert_eq!(
            bad("{\"input_tokens\":4,\"output_tokens\":9}", "[4,9]"),
            "1: the usage of this message could not be read: message.usage is [4,9]; \
             expected an object of token counts ({\"input_tokens\":…,\"output_tokens\":…})"
        );
        assert_eq!(
            bad(
                "{\"input_tokens\":4,\"output_tokens\":9}",
                "{\"service_tier\":\"standard\"}"
            ),
            "1: the usage of this message could not be read: message.usage has neither \
             input_tokens nor output_tokens; expected the token counts Claude Code writes \
             ({\"input_tokens\":…,\"output_tokens\":…})"
        );
        // Cut short in the middle of the log (not its last line): usage lost.
        let cut = &USAGE[..USAGE.len() - 10];
        let e = error(&format!("{USAGE}\n{cut}\n{USAGE}\n"));
        assert!(
            e.starts_with(
                "2: the usage of this message could not be read: the line is not whole JSON"
            ),
            "{e}"
        );
        // Token counts written as floats are counts.
        let got = parse(&format!("{}\n", USAGE.replace(":9}", ":9.0}"))).expect("parse");
        assert_eq!(got.records[0].output_tokens, Some(9));
    }

    #[test]
    fn a_file_with_no_log_entry_is_refused() {
        let e = error("{ not json\n{ nor this\n");
        assert!(e.starts_with("1: the text is not valid JSON"), "{e}");
        assert_eq!(
            error("\n12\n{\"data\":[]}\n"),
            "2: a JSON value that is not an object; expected a Claude Code log entry \
             ({\"type\":\"assistant\",\"message\":…})"
        );
        assert_eq!(
            error("\n\n"),
            "1: the file holds no line; expected one JSON object per line, as Claude Code \
             writes its session logs"
        );
    }
}

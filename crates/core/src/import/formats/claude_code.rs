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

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use crate::import::formats::provider_fields::instant;
use crate::import::formats::provider_json::json_problem;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{provider_format, Format, Head, Parsed, NOTICE_LINES};
use crate::import::{Notice, RowSink};
use crate::money::Currency;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct ClaudeCodeJsonl;

const EXPECTED: &str = "one JSON object per line, as Claude Code writes its session logs";

/// The lines skipped as carrying no usage, for the `skipped_lines` notice.
#[derive(Default)]
struct Skipped {
    count: u64,
    lines: Vec<u64>,
    /// How many of each kind (`user`, `summary`, `API error`, …).
    kinds: BTreeMap<String, u64>,
    /// The last line, cut off while the log was being written.
    cut: Option<u64>,
}

impl Skipped {
    fn line(&mut self, line: u64, kind: &str) {
        self.count += 1;
        if self.lines.len() < NOTICE_LINES {
            self.lines.push(line);
        }
        *self.kinds.entry(kind.to_owned()).or_default() += 1;
    }

    fn notice(self) -> Option<Notice> {
        if self.count == 0 {
            return None;
        }
        let n = self.count;
        let kinds: Vec<String> = self
            .kinds
            .iter()
            .filter(|(kind, _)| kind.as_str() != CUT)
            .map(|(kind, k)| format!("{k} {kind}"))
            .collect();
        let plain = n - u64::from(self.cut.is_some());
        let mut parts = Vec::new();
        if plain > 0 {
            parts.push(format!(
                "{plain} {} no usage ({})",
                if plain == 1 { "carries" } else { "carry" },
                kinds.join(", ")
            ));
        }
        if let Some(cut) = self.cut {
            parts.push(format!(
                "line {cut}, the last, is cut off: Claude Code was still writing the log \
                 (import it again once the session is over to read that line)"
            ));
        }
        Some(Notice {
            code: "skipped_lines",
            lines: self.lines,
            count: n,
            msg: None,
            message: format!(
                "{n} {} skipped: {}",
                if n == 1 { "line" } else { "lines" },
                parts.join("; ")
            ),
        })
    }
}

/// The kind of a last line cut off mid-write.
const CUT: &str = "cut off";

/// A usage line that cannot be read: `what` is the field and what it holds.
fn unreadable(line: u64, what: String, expected: &str) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: format!("the usage of this message could not be read: {what}"),
            expected: expected.to_owned(),
        },
    )
}

/// A JSON value as a message shows it (long text shortened).
fn shown(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

/// A token count of a usage object: absent or `null` is `None`; a whole
/// number of 0 or more (`12` or `12.0`) is the count; anything else refuses
/// the line.
fn tokens(usage: &Map<String, Value>, field: &str, line: u64) -> Result<Option<i64>, RowError> {
    const COUNT: &str = "a token count (a whole number, 0 or more)";
    match usage.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let n = v.as_i64().or_else(|| {
                v.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| f as i64)
            });
            match n {
                Some(n) if n >= 0 => Ok(Some(n)),
                _ => Err(unreadable(
                    line,
                    format!("usage.{field} is {}", shown(v)),
                    COUNT,
                )),
            }
        }
    }
}

/// The last part of a folder path, `/` or `\\` separated.
fn folder_name(cwd: &str) -> String {
    cwd.trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(cwd)
        .to_owned()
}

/// Whether a line that is not valid JSON would have held usage.
fn looks_like_usage(text: &[u8]) -> bool {
    let has = |needle: &[u8]| text.windows(needle.len()).any(|w| w == needle);
    has(b"\"usage\"") && has(b"\"assistant\"")
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

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut bytes = Vec::new();
        let mut line = 0u64;
        let mut skipped = Skipped::default();
        // The first line that is not a log entry, and whether any line is
        // one: a file with no log entry at all is not a log, and is refused
        // at that first line.
        let mut first_bad: Option<RowError> = None;
        let mut any_entry = false;
        loop {
            bytes.clear();
            let n = input
                .read_until(b'\n', &mut bytes)
                .map_err(|e| RowError::new(line + 1, Problem::Csv(e.to_string())))?;
            if n == 0 {
                break;
            }
            line += 1;
            // A last line with no line end may be cut off mid-write.
            let last_unended = bytes.last() != Some(&b'\n');
            let parsed = std::str::from_utf8(&bytes)
                .map_err(|_| RowError::new(line, Problem::NotUtf8))
                .and_then(|text| {
                    let t = text.trim();
                    if t.is_empty() {
                        return Ok(None);
                    }
                    serde_json::from_str::<Value>(t).map(Some).map_err(|e| {
                        RowError::new(
                            line,
                            Problem::Malformed {
                                found: json_problem(&e),
                                expected: EXPECTED.to_owned(),
                            },
                        )
                    })
                });
            let value = match parsed {
                Ok(None) => continue,
                Ok(Some(v)) => v,
                Err(e) if last_unended => {
                    first_bad.get_or_insert(e);
                    skipped.line(line, CUT);
                    skipped.cut = Some(line);
                    continue;
                }
                Err(e) if looks_like_usage(&bytes) => {
                    return Err(unreadable(
                        line,
                        format!("the line is not whole JSON ({})", e.problem),
                        "one complete JSON object on the line, as Claude Code writes it",
                    ));
                }
                Err(e) => {
                    first_bad.get_or_insert(e);
                    skipped.line(line, "not JSON");
                    continue;
                }
            };
            let not_entry = |found: &str| {
                RowError::new(
                    line,
                    Problem::Malformed {
                        found: found.to_owned(),
                        expected:
                            "a Claude Code log entry ({\"type\":\"assistant\",\"message\":…})"
                                .into(),
                    },
                )
            };
            let Value::Object(entry) = value else {
                first_bad.get_or_insert_with(|| not_entry("a JSON value that is not an object"));
                skipped.line(line, "not a log entry");
                continue;
            };
            if !(entry.get("type").is_some_and(Value::is_string)
                || entry.contains_key("sessionId")
                || entry.contains_key("message"))
            {
                first_bad.get_or_insert_with(|| not_entry("a JSON object with no \"type\""));
                skipped.line(line, "not a log entry");
                continue;
            }
            any_entry = true;
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
                    format!("message.usage is {}", shown(usage)),
                    "an object of token counts ({\"input_tokens\":…,\"output_tokens\":…})",
                ));
            };
            let input_tokens = tokens(usage, "input_tokens", line)?;
            let output_tokens = tokens(usage, "output_tokens", line)?;
            let cache_write = tokens(usage, "cache_creation_input_tokens", line)?;
            let cache_read = tokens(usage, "cache_read_input_tokens", line)?;
            if input_tokens.is_none() && output_tokens.is_none() {
                return Err(unreadable(
                    line,
                    "message.usage has neither input_tokens nor output_tokens".into(),
                    "the token counts Claude Code writes ({\"input_tokens\":…,\"output_tokens\":…})",
                ));
            }
            let when = match entry.get("timestamp") {
                Some(Value::String(t)) => instant(t, "timestamp").map_err(|_| {
                    unreadable(
                        line,
                        format!("timestamp is {t:?}"),
                        "the message's time in UTC (2026-11-20T09:14:09.871Z)",
                    )
                })?,
                None | Some(Value::Null) => {
                    return Err(unreadable(
                        line,
                        "timestamp is missing".into(),
                        "the message's time in UTC (2026-11-20T09:14:09.871Z)",
                    ))
                }
                Some(other) => {
                    return Err(unreadable(
                        line,
                        format!("timestamp is {}", shown(other)),
                        "the message's time in UTC (2026-11-20T09:14:09.871Z)",
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
                        format!("costUSD is {}", shown(other)),
                        "a cost in US dollars (0.00164)",
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
        if !any_entry {
            return Err(first_bad.unwrap_or_else(|| {
                RowError::new(
                    1,
                    Problem::Malformed {
                        found: "the file holds no line".into(),
                        expected: EXPECTED.to_owned(),
                    },
                )
            }));
        }
        if let Some(n) = skipped.notice() {
            sink.notice(n);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

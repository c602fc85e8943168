//! Gemini CLI's chat sessions (`gemini-cli-json`):
//! `~/.gemini/tmp/<project hash>/chats/session-<time>-<id>.json` (and
//! `.jsonl`). See `docs/formats/gemini-cli.md` for the layout.
//!
//! Two shapes, told apart by content. The JSON document (every version):
//! `{sessionId, projectHash, startTime, lastUpdated, messages: [...]}`.
//! The appended log (newer versions): a first line with `sessionId` and
//! `projectHash`, then one message per line; a message that changes (its
//! tool calls run, its tokens come in) is appended again whole under the
//! same `id`, `{"$set": {...}}` lines update the session (a `messages`
//! array there is a checkpoint of them all) and `{"$rewindTo": id}` lines
//! rewind the conversation. The appended shape is read with the loop every
//! JSON Lines log shares ([`super::jsonl`]).
//!
//! Usage is on `type: "gemini"` messages: `model` and `tokens: {input,
//! output, cached, thoughts, tool, total}` (`null` while the reply
//! streams). `input` counts the cached part; `thoughts` are billed as
//! output but not counted in `output`, and `tool` (the tool-use prompt) as
//! input: a record's output is `output + thoughts` (its reasoning says how
//! much of that was thoughts) and its input `input + tool`. A rewind does
//! not undo a request that was made: rewound replies still count.
//!
//! Invariant: one record per reply with tokens, id `sessionId:message id`,
//! the latest copy of the message deciding its counts, so a log read again,
//! grown, or copied from another machine adds nothing twice.

use std::collections::HashMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use crate::i18n::Msg;
use crate::import::formats::jsonl::{
    field_is, has_neither, shown, token_count, JsonLines, LogShape, Skipped, MAX_LINE,
};
use crate::import::formats::provider_fields::instant;
use crate::import::formats::provider_json::{json_problem, read_all};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{provider_format, Format, Head, Parsed};
use crate::import::RowSink;
use crate::msg;
use crate::provider::{Provider, ProviderRecord, RecordKind};

#[derive(Debug)]
pub struct GeminiCliSession;

/// The series Gemini CLI's records are kept in.
pub const SERIES: &str = "gemini-cli";

fn expected() -> Msg {
    msg!("detail-gemini-expected")
}

fn unreadable(line: u64, what: Msg) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(msg!("detail-gemini-tokens-unreadable", what = what)),
            expected: Box::new(msg!("detail-gemini-token-counts")),
        },
    )
}

fn looks_like_usage(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(4096)];
    head.windows(8).any(|w| w == b"\"tokens\"") && head.windows(8).any(|w| w == b"\"gemini\"")
}

const SHAPE: LogShape = LogShape {
    expected,
    looks_like_usage,
    unreadable,
    max_line: MAX_LINE,
    skip_kind: None,
};

/// A reply's usage, as the last copy of its message says.
struct Reply {
    line: u64,
    at: String,
    model: Option<String>,
    input: i64,
    cached: i64,
    output: i64,
    thoughts: i64,
}

/// The session's replies, in the order first seen, latest copy kept.
#[derive(Default)]
struct Session {
    id: Option<String>,
    project: Option<String>,
    order: Vec<String>,
    replies: HashMap<String, Reply>,
}

impl Session {
    /// Reads one message; returns what it was, for the skipped notice, when
    /// it carries no usage.
    fn message(&mut self, line: u64, m: &Map<String, Value>) -> Result<Option<String>, RowError> {
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("untyped");
        if kind != "gemini" {
            return Ok(Some(format!("{kind} message")));
        }
        let tokens = match m.get("tokens") {
            None | Some(Value::Null) => return Ok(Some("reply without tokens".into())),
            Some(Value::Object(t)) => t,
            Some(other) => return Err(unreadable(line, field_is("tokens", shown(other)))),
        };
        let n = |k: &str| {
            token_count(tokens.get(k))
                .map_err(|v| unreadable(line, field_is(&format!("tokens.{k}"), v)))
        };
        let (input, output) = (n("input")?, n("output")?);
        if input.is_none() && output.is_none() {
            return Err(unreadable(line, has_neither("tokens", "input", "output")));
        }
        let id = match m.get("id").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => format!("line {line}"),
        };
        let at = match m.get("timestamp") {
            Some(Value::String(t)) => t.clone(),
            other => {
                return Err(unreadable(
                    line,
                    match other {
                        Some(v) => field_is("timestamp", shown(v)),
                        None => msg!("detail-json-field-missing", field = "timestamp"),
                    },
                ))
            }
        };
        instant(&at, "timestamp")
            .map_err(|_| unreadable(line, field_is("timestamp", format!("{at:?}"))))?;
        let reply = Reply {
            line,
            at,
            model: m
                .get("model")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            input: input.unwrap_or(0) + n("tool")?.unwrap_or(0),
            cached: n("cached")?.unwrap_or(0),
            output: output.unwrap_or(0),
            thoughts: n("thoughts")?.unwrap_or(0),
        };
        if self.replies.insert(id.clone(), reply).is_none() {
            self.order.push(id);
            Ok(None)
        } else {
            Ok(Some("later copy of a reply".into()))
        }
    }

    /// The session's header fields, where a record names them.
    fn header(&mut self, o: &Map<String, Value>) {
        if let Some(id) = o.get("sessionId").and_then(Value::as_str) {
            self.id = Some(id.to_owned());
        }
        if let Some(p) = o.get("projectHash").and_then(Value::as_str) {
            self.project = Some(p.to_owned());
        }
    }

    fn emit(self, sink: &mut dyn RowSink) -> Result<(), RowError> {
        let session = self.id.unwrap_or_default();
        for id in self.order {
            let Some(r) = self.replies.get(&id) else {
                continue;
            };
            let when = instant(&r.at, "timestamp")
                .map_err(|_| unreadable(r.line, field_is("timestamp", format!("{:?}", r.at))))?;
            sink.record(ProviderRecord {
                source_id: Some(format!("{session}:{id}")),
                model: r.model.clone(),
                project_id: self.project.clone(),
                project_name: self.project.as_deref().map(short_hash),
                input_tokens: Some(r.input),
                cached_input_tokens: Some(r.cached),
                output_tokens: Some(r.output + r.thoughts),
                reasoning_tokens: Some(r.thoughts),
                requests: Some(1),
                ..ProviderRecord::new(r.line, Provider::Google, RecordKind::Usage, SERIES, when)
            })?;
        }
        Ok(())
    }
}

/// The project as a person can tell it apart: the hash's first 8 digits
/// (Gemini CLI keeps only the hash of the folder).
fn short_hash(h: &str) -> String {
    let short: String = h.chars().take(8).collect();
    format!("gemini:{short}")
}

impl Format for GeminiCliSession {
    provider_format!(
        "gemini-cli-json",
        "Gemini CLI chat session (JSON or JSONL)",
        "Gemini CLI"
    );

    fn detect(&self, head: &Head<'_>) -> bool {
        let t = head.text.trim_start();
        t.starts_with('{') && t.contains("\"sessionId\"") && t.contains("\"projectHash\"")
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let text = read_all(input)?;
        // The document shape: the whole file is one JSON object with the
        // session's messages, written over many lines.
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(doc)) if doc.contains_key("messages") => {
                let messages = doc.get("messages").unwrap_or(&Value::Null);
                document(&doc, messages, &text, sink)
            }
            Err(e) if text.lines().next().is_some_and(|l| l.trim() == "{") => {
                Err(document_error(&e))
            }
            _ => appended(&text, sink),
        }
    }
}

/// The physical line of the `i`-th message of a document: where its `"id"`
/// value is written, else the document's first line.
fn line_of_id(text: &str, id: Option<&str>, from: &mut usize) -> u64 {
    if let Some(id) = id {
        let needle = format!("\"{id}\"");
        if let Some(pos) = text.get(*from..).and_then(|t| t.find(&needle)) {
            *from += pos + needle.len();
            return text[..*from].bytes().filter(|b| *b == b'\n').count() as u64 + 1;
        }
    }
    1
}

fn document(
    doc: &Map<String, Value>,
    messages: &Value,
    text: &str,
    sink: &mut dyn RowSink,
) -> Result<(), RowError> {
    let Value::Array(messages) = messages else {
        return Err(RowError::new(
            1,
            Problem::Malformed {
                found: Box::new(field_is("messages", shown(messages))),
                expected: Box::new(expected()),
            },
        ));
    };
    let mut s = Session::default();
    s.header(doc);
    let mut skipped = Skipped::new(
        msg!("import-skipped-no-usage"),
        msg!("import-skipped-cut-gemini"),
    );
    let mut from = 0;
    for m in messages {
        let Value::Object(m) = m else {
            skipped.line(1, "not a message");
            continue;
        };
        let line = line_of_id(text, m.get("id").and_then(Value::as_str), &mut from);
        if let Some(kind) = s.message(line, m)? {
            skipped.line(line, &kind);
        }
    }
    s.emit(sink)?;
    if let Some(n) = skipped.notice() {
        sink.notice(n);
    }
    Ok(())
}

fn appended(text: &str, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let mut input = text.as_bytes();
    let mut lines = JsonLines::new(
        &mut input,
        &SHAPE,
        Skipped::new(
            msg!("import-skipped-no-usage"),
            msg!("import-skipped-cut-gemini"),
        ),
    );
    let mut s = Session::default();
    while let Some((line, value)) = lines.next_value()? {
        let Value::Object(o) = value else {
            lines.not_entry(line, msg!("detail-json-not-object"), expected());
            continue;
        };
        if o.contains_key("sessionId") && o.contains_key("projectHash") {
            lines.any_entry = true;
            s.header(&o);
            lines.skipped.line(line, "session header");
            continue;
        }
        if let Some(set) = o.get("$set") {
            lines.any_entry = true;
            // A checkpoint: every message again.
            if let Some(Value::Array(ms)) = set.get("messages") {
                for m in ms {
                    if let Value::Object(m) = m {
                        s.message(line, m)?;
                    }
                }
            }
            if let Value::Object(set) = set {
                s.header(set);
            }
            lines.skipped.line(line, "$set");
            continue;
        }
        if o.contains_key("$rewindTo") || o.contains_key("$patch") {
            lines.any_entry = true;
            lines.skipped.line(line, "rewind or patch");
            continue;
        }
        if o.contains_key("id") && o.contains_key("type") {
            lines.any_entry = true;
            if let Some(kind) = s.message(line, &o)? {
                lines.skipped.line(line, &kind);
            }
            continue;
        }
        lines.not_entry(line, msg!("detail-gemini-not-record"), expected());
    }
    if lines.any_entry {
        s.emit(sink)?;
    }
    lines.finish(sink)
}

/// A document that is not whole JSON (cut off, or edited by hand), at the
/// line serde_json stopped.
fn document_error(e: &serde_json::Error) -> RowError {
    RowError::new(
        e.line().max(1) as u64,
        Problem::Malformed {
            found: Box::new(json_problem(e)),
            expected: Box::new(expected()),
        },
    )
}

//! The line loop every agent log in JSON Lines shares (Claude Code, Codex
//! CLI, Gemini CLI's appended sessions): one JSON value per line, read with
//! a cap on the line's length, and what is not a value sorted into what is
//! skipped (and counted) and what refuses the log.
//!
//! A line that is not whole JSON is skipped and counted when it is the last
//! line and has no line end (the tool is still writing it), or when it does
//! not look like usage; a line that looks like usage and cannot be read
//! refuses the log, since that would be usage lost. A line over the cap is
//! skipped the same way (a tool's huge output), or refuses the log when its
//! start looks like usage.
//!
//! Invariant: every line the loop reads is either handed to the format as a
//! value, or counted in the one `skipped_lines` notice, or refuses the log
//! naming its line; none is dropped silently.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::Value;

use crate::i18n::{Lang, Msg};
use crate::import::count_arg;
use crate::import::formats::provider_json::json_problem;
use crate::import::lists::{comma_list, list};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::NOTICE_LINES;
use crate::import::{Notice, RowSink};
use crate::msg;

/// A line longer than this is not read whole: a usage line is a few
/// hundred bytes, a line this long is a tool's output.
pub(crate) const MAX_LINE: usize = 16 << 20;

/// Reads one line into `buf`, keeping at most `max` bytes of it. Returns
/// the bytes the line took in the input (0 at the end) and whether it was
/// longer than what was kept.
pub(crate) fn read_capped(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let mut total = 0;
    let mut over = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((total, over));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        if take > room {
            over = true;
        }
        buf.extend_from_slice(&chunk[..take.min(room)]);
        input.consume(take);
        total += take;
        if done {
            return Ok((total, over));
        }
    }
}

/// The kind of a last line cut off mid-write.
const CUT: &str = "cut off";

/// The kind of a line over the cap: `line over 16 MiB`.
const LINE_OVER: &str = "line over ";

/// `count` skipped lines of a kind, as the notice lists them. A kind is
/// the log's own entry type (`user`, `session_meta`), shown as it is, or
/// one of the reasons the formats give, each with its message.
fn kind_msg(kind: &str, count: u64) -> Msg {
    let count = count_arg(count);
    if let Some(max) = kind
        .strip_prefix(LINE_OVER)
        .and_then(|r| r.strip_suffix(" MiB"))
    {
        return msg!("import-skipped-kind-line-over", count = count, max = max);
    }
    if let Some(p) = kind
        .strip_prefix("served by ")
        .and_then(|r| r.strip_suffix(", not OpenAI"))
    {
        return msg!(
            "import-skipped-kind-served-elsewhere",
            count = count,
            provider = p
        );
    }
    match kind {
        "API error" => msg!("import-skipped-kind-api-error", count = count),
        "assistant without usage" => {
            msg!("import-skipped-kind-assistant-without-usage", count = count)
        }
        "synthetic" => msg!("import-skipped-kind-synthetic", count = count),
        "token_count without usage" => {
            msg!(
                "import-skipped-kind-token-count-without-usage",
                count = count
            )
        }
        "repeated token_count" => msg!("import-skipped-kind-repeated-token-count", count = count),
        "token_count of zero" => msg!("import-skipped-kind-token-count-of-zero", count = count),
        "not a message" => msg!("import-skipped-kind-not-a-message", count = count),
        "session header" => msg!("import-skipped-kind-session-header", count = count),
        "rewind or patch" => msg!("import-skipped-kind-rewind-or-patch", count = count),
        "reply without tokens" => msg!("import-skipped-kind-reply-without-tokens", count = count),
        "not JSON" => msg!("import-skipped-kind-not-json", count = count),
        "not a log entry" => msg!("import-skipped-kind-not-a-log-entry", count = count),
        _ => match kind.strip_suffix(" message") {
            Some(k) => msg!("import-skipped-kind-message", count = count, kind = k),
            None => msg!("import-skipped-kind", count = count, kind = kind),
        },
    }
}

/// The lines a log's parse skipped, for its one `skipped_lines` notice.
pub(crate) struct Skipped {
    count: u64,
    lines: Vec<u64>,
    /// How many of each kind (`user`, `summary`, `API error`, …).
    kinds: BTreeMap<String, u64>,
    /// The last line, cut off while the log was being written.
    cut: Option<u64>,
    /// What a skipped line carries: `no usage`, `no new usage`.
    carries: Msg,
    /// What is said of a cut-off last line, after "is cut off: ".
    cut_note: Msg,
    /// The first [`MAX_LOG_REJECTS`] lines that could not be read, with
    /// why (not a cut-off last line: see [`RowSink::reject`]).
    rejects: Vec<(u64, Msg)>,
}

/// The most unreadable lines of one log handed over as rejects (every one
/// is counted in the notice).
pub(crate) const MAX_LOG_REJECTS: usize = 100;

impl Skipped {
    pub(crate) fn new(carries: Msg, cut_note: Msg) -> Self {
        Skipped {
            count: 0,
            lines: Vec::new(),
            kinds: BTreeMap::new(),
            cut: None,
            carries,
            cut_note,
            rejects: Vec::new(),
        }
    }

    /// Counts one skipped line of a kind.
    pub(crate) fn line(&mut self, line: u64, kind: &str) {
        self.count += 1;
        if self.lines.len() < NOTICE_LINES {
            self.lines.push(line);
        }
        match self.kinds.get_mut(kind) {
            Some(n) => *n += 1,
            None => {
                self.kinds.insert(kind.to_owned(), 1);
            }
        }
    }

    /// Counts one line that could not be read, and keeps it as a reject.
    fn unreadable(&mut self, line: u64, kind: &str, why: Msg) {
        self.line(line, kind);
        if self.rejects.len() < MAX_LOG_REJECTS {
            self.rejects.push((line, why));
        }
    }

    fn cut(&mut self, line: u64) {
        self.line(line, CUT);
        self.cut = Some(line);
    }

    /// The notice, if any line was skipped.
    pub(crate) fn notice(self) -> Option<Notice> {
        if self.count == 0 {
            return None;
        }
        let n = self.count;
        let kinds: Vec<Msg> = self
            .kinds
            .iter()
            .filter(|(k, _)| k.as_str() != CUT)
            .map(|(k, c)| kind_msg(k, *c))
            .collect();
        let plain = n - u64::from(self.cut.is_some());
        let mut parts = Vec::new();
        if plain > 0 {
            let mut part = msg!(
                "import-skipped-carry",
                count = count_arg(plain),
                carries = self.carries.clone()
            );
            if let Some(kinds) = comma_list(kinds) {
                part = part.arg("kinds", kinds);
            }
            parts.push(part);
        }
        if let Some(cut) = self.cut {
            parts.push(msg!(
                "import-skipped-cut",
                line = cut.to_string(),
                note = self.cut_note.clone()
            ));
        }
        let parts = list(parts)?;
        let msg = msg!(
            "import-notice-skipped-lines",
            count = count_arg(n),
            parts = parts
        );
        Some(Notice {
            code: "skipped_lines",
            lines: self.lines,
            count: n,
            message: msg.render(Lang::En),
            msg: Some(msg),
        })
    }
}

/// A format's quick look at a line: the kind of an entry it skips, if the
/// line is one (see [`LogShape::skip_kind`]).
pub(crate) type SkipKind = for<'l> fn(&'l [u8]) -> Option<&'l str>;

/// A line as [`JsonLines::next_line`] hands it over: its number, and what
/// the quick read made of it (`Ok`) or its value (`Err`).
pub(crate) type NextLine<T> = Option<(u64, Result<T, Value>)>;

/// How one log format reads its lines.
pub(crate) struct LogShape {
    /// What a line should be, for messages: "one JSON object per line, as
    /// Codex writes its session logs".
    pub expected: fn() -> Msg,
    /// Whether the start of a line that cannot be read would have held
    /// usage.
    pub looks_like_usage: fn(&[u8]) -> bool,
    /// The error for a usage line that cannot be read: the line and what
    /// is wrong with it.
    pub unreadable: fn(u64, Msg) -> RowError,
    /// The longest line read whole.
    pub max_line: usize,
    /// The kind of an entry that carries no usage, told without reading
    /// the line into a value (which costs more than the rest of a scan):
    /// `Some(kind)` when the line is whole JSON and an entry of the log of
    /// that kind with nothing the format reads, and it is skipped and
    /// counted under that kind; `None` reads the line as usual.
    pub skip_kind: Option<SkipKind>,
}

/// One log's lines, as JSON values.
pub(crate) struct JsonLines<'a> {
    input: &'a mut dyn BufRead,
    shape: &'a LogShape,
    bytes: Vec<u8>,
    line: u64,
    pub skipped: Skipped,
    /// The first line that is not a log entry, for a file with no entry.
    pub first_bad: Option<RowError>,
    /// Whether any line was an entry of the log (the format says so).
    pub any_entry: bool,
}

impl<'a> JsonLines<'a> {
    pub(crate) fn new(input: &'a mut dyn BufRead, shape: &'a LogShape, skipped: Skipped) -> Self {
        JsonLines {
            input,
            shape,
            bytes: Vec::new(),
            line: 0,
            skipped,
            first_bad: None,
            any_entry: false,
        }
    }

    /// The next line that is a JSON value, with its 1-based line number;
    /// `None` at the end. Blank lines are passed over; lines that are not
    /// JSON are counted as skipped, or refuse the log (see the module doc).
    pub(crate) fn next_value(&mut self) -> Result<Option<(u64, Value)>, RowError> {
        fn none(_: &str) -> Option<Value> {
            None
        }
        Ok(self
            .next_line(none)?
            .map(|(line, v)| (line, v.unwrap_or_else(|v| v))))
    }

    /// [`JsonLines::next_value`], with a quick read first: `fast` is given
    /// each whole line (UTF-8, with its line end) and may read what it
    /// needs of it without building a value (`Ok`); where it gives `None`,
    /// the line is read as a value (`Err`), as `next_value` does.
    pub(crate) fn next_line<T>(
        &mut self,
        fast: fn(&str) -> Option<T>,
    ) -> Result<NextLine<T>, RowError> {
        loop {
            self.bytes.clear();
            let (n, over) =
                read_capped(self.input, &mut self.bytes, self.shape.max_line).map_err(|e| {
                    let found = crate::library_errors::io(&e);
                    RowError::new(self.line + 1, Problem::Unreadable(Box::new(found)))
                })?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let line = self.line;
            if over {
                if (self.shape.looks_like_usage)(&self.bytes) {
                    return Err((self.shape.unreadable)(
                        line,
                        msg!(
                            "detail-json-line-too-long",
                            max = (self.shape.max_line >> 20).to_string()
                        ),
                    ));
                }
                let max = self.shape.max_line >> 20;
                self.skipped.unreadable(
                    line,
                    &format!("{LINE_OVER}{max} MiB"),
                    msg!("import-reject-log-line-over", max = max.to_string()),
                );
                continue;
            }
            // A last line with no line end may be cut off mid-write.
            let last_unended = self.bytes.last() != Some(&b'\n');
            if !last_unended {
                if let Some(kind) = self.shape.skip_kind.and_then(|f| f(&self.bytes)) {
                    self.any_entry = true;
                    self.skipped.line(line, kind);
                    continue;
                }
                if let Some(got) = std::str::from_utf8(&self.bytes).ok().and_then(fast) {
                    return Ok(Some((line, Ok(got))));
                }
            }
            let parsed = std::str::from_utf8(&self.bytes)
                .map_err(|_| RowError::new(line, Problem::NotUtf8))
                .and_then(|t| {
                    let t = t.trim();
                    if t.is_empty() {
                        return Ok(None);
                    }
                    serde_json::from_str::<Value>(t).map(Some).map_err(|e| {
                        RowError::new(
                            line,
                            Problem::Malformed {
                                found: Box::new(json_problem(&e)),
                                expected: Box::new((self.shape.expected)()),
                            },
                        )
                    })
                });
            match parsed {
                Ok(None) => continue,
                Ok(Some(v)) => return Ok(Some((line, Err(v)))),
                Err(e) if last_unended => {
                    self.first_bad.get_or_insert(e);
                    self.skipped.cut(line);
                }
                Err(e) if (self.shape.looks_like_usage)(&self.bytes) => {
                    let problem = match e.problem {
                        Problem::Malformed { found, .. } => *found,
                        _ => msg!("detail-not-utf8"),
                    };
                    return Err((self.shape.unreadable)(
                        line,
                        msg!("detail-json-line-not-whole", problem = problem),
                    ));
                }
                Err(e) => {
                    let why = match &e.problem {
                        Problem::Malformed { found, .. } => {
                            msg!("import-reject-log-not-json", problem = (**found).clone())
                        }
                        _ => msg!(
                            "import-reject-log-not-json",
                            problem = msg!("detail-not-utf8")
                        ),
                    };
                    self.first_bad.get_or_insert(e);
                    self.skipped.unreadable(line, "not JSON", why);
                }
            }
        }
    }

    /// Skips a line that is JSON but no entry of the log: `found` says what
    /// it is, `expected` what an entry looks like.
    pub(crate) fn not_entry(&mut self, line: u64, found: Msg, expected: Msg) {
        let why = msg!("import-reject-log-not-entry", found = found.clone());
        self.first_bad.get_or_insert_with(|| {
            RowError::new(
                line,
                Problem::Malformed {
                    found: Box::new(found),
                    expected: Box::new(expected),
                },
            )
        });
        self.skipped.unreadable(line, "not a log entry", why);
    }

    /// Ends the parse: a log with no entry at all is refused at its first
    /// line that is not one; otherwise the skipped lines' notice is sent.
    pub(crate) fn finish(mut self, sink: &mut dyn RowSink) -> Result<(), RowError> {
        if !self.any_entry {
            let expected = self.shape.expected;
            return Err(self.first_bad.unwrap_or_else(|| {
                RowError::new(
                    1,
                    Problem::Malformed {
                        found: Box::new(msg!("detail-no-line")),
                        expected: Box::new(expected()),
                    },
                )
            }));
        }
        let rejects = std::mem::take(&mut self.skipped.rejects);
        if let Some(n) = self.skipped.notice() {
            sink.notice(n);
        }
        for (line, why) in rejects {
            sink.reject(line, why);
        }
        Ok(())
    }
}

/// `field is value`, of a JSON field: what a log's line holds where it
/// should hold something else.
pub(crate) fn field_is(field: &str, found: String) -> Msg {
    msg!("detail-json-field-is", field = field, found = found)
}

/// `field has neither a nor b`.
pub(crate) fn has_neither(field: &str, a: &str, b: &str) -> Msg {
    msg!("detail-json-has-neither", field = field, a = a, b = b)
}

/// A JSON value as a message shows it (long text shortened).
pub(crate) fn shown(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

/// The last part of a folder path, `/` or `\` separated.
pub(crate) fn folder_name(cwd: &str) -> String {
    cwd.trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(cwd)
        .to_owned()
}

/// A token count: absent or `null` is `None`; a whole number of 0 or more
/// (`12` or `12.0`) is the count; anything else is `Err` with what it is.
pub(crate) fn token_count(v: Option<&Value>) -> Result<Option<i64>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let n = v.as_i64().or_else(|| {
                v.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| f as i64)
            });
            match n {
                Some(n) if n >= 0 => Ok(Some(n)),
                _ => Err(shown(v)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unreadable(line: u64, what: Msg) -> RowError {
        RowError::new(
            line,
            Problem::Malformed {
                found: Box::new(what),
                expected: Box::new(msg!("detail-json-object-per-line")),
            },
        )
    }

    const SHAPE: LogShape = LogShape {
        expected: || msg!("detail-json-object-per-line"),
        looks_like_usage: |b| b.windows(7).any(|w| w == b"\"usage\""),
        unreadable,
        max_line: 64,
        skip_kind: None,
    };

    fn values(text: &str) -> (Vec<u64>, Result<(), RowError>, Option<Notice>) {
        let (got, r, notice, _) = values_and_rejects(text);
        (got, r, notice)
    }

    /// What [`values`] gives, and the lines kept as rejects.
    #[allow(clippy::type_complexity)]
    fn values_and_rejects(
        text: &str,
    ) -> (Vec<u64>, Result<(), RowError>, Option<Notice>, Vec<u64>) {
        let mut input = text.as_bytes();
        let mut lines = JsonLines::new(
            &mut input,
            &SHAPE,
            Skipped::new(
                msg!("import-skipped-no-usage"),
                msg!("import-skipped-cut-codex"),
            ),
        );
        let mut got = Vec::new();
        loop {
            match lines.next_value() {
                Ok(Some((line, _))) => got.push(line),
                Ok(None) => break,
                Err(e) => return (got, Err(e), None, Vec::new()),
            }
        }
        lines.any_entry = !got.is_empty();
        let rejects = lines.skipped.rejects.iter().map(|(l, _)| *l).collect();
        let notice = lines.skipped.notice();
        (got, Ok(()), notice, rejects)
    }

    #[test]
    fn cut_last_line_and_other_shapes_are_counted_not_fatal() {
        let (got, r, notice) = values("{\"a\":1}\nnot json\n\n{\"b\":2}\n{\"usage\":");
        assert!(r.is_ok());
        assert_eq!(got, vec![1, 4]);
        let n = notice.expect("a notice");
        assert_eq!(n.count, 2);
        assert_eq!(n.lines, vec![2, 5]);
        assert_eq!(
            n.message,
            "2 lines skipped: 1 carries no usage (1 not JSON); line 5, the last, is cut off: \
             Codex was still writing the log (import it again later to read that line)"
        );
        let zh = n
            .msg
            .as_ref()
            .map(|m| m.render(Lang::ZhCn))
            .unwrap_or_default();
        assert_eq!(
            zh,
            "跳过了 2 行：1 行没有用量（不是 JSON 1 行）；第 5 行（最后一行）被截断：\
             Codex 当时仍在写日志（请稍后重新导入，以读取该行）"
        );
    }

    #[test]
    fn lines_that_cannot_be_read_are_rejects_but_a_line_being_written_is_not() {
        let long = format!("{{\"text\":\"{}\"}}\n", "x".repeat(100));
        let (got, r, notice, rejects) = values_and_rejects(&format!(
            "{{\"a\":1}}\nnot json\n{long}{{\"b\":2}}\n{{\"usage\":"
        ));
        assert!(r.is_ok());
        assert_eq!(got, vec![1, 4]);
        assert_eq!(notice.map(|n| n.count), Some(3));
        // Line 5 is cut off while the log is written: read whole later,
        // it is no reject.
        assert_eq!(rejects, vec![2, 3]);
    }

    #[test]
    fn a_broken_usage_line_in_the_middle_refuses_the_log() {
        let (_, r, _) = values("{\"a\":1}\n{\"usage\": oops}\n{\"b\":2}\n");
        assert_eq!(r.map_err(|e| e.line), Err(2));
    }

    #[test]
    fn an_over_long_line_is_skipped_unless_it_is_usage() {
        let long = format!("{{\"text\":\"{}\"}}\n{{\"a\":1}}\n", "x".repeat(100));
        let (got, r, notice) = values(&long);
        assert!(r.is_ok());
        assert_eq!(got, vec![2]);
        assert_eq!(notice.map(|n| n.count), Some(1));
        let long = format!("{{\"usage\":\"{}\"}}\n", "x".repeat(100));
        assert_eq!(values(&long).1.map_err(|e| e.line), Err(1));
    }

    #[test]
    fn token_counts() {
        assert_eq!(token_count(None), Ok(None));
        assert_eq!(token_count(Some(&Value::from(12))), Ok(Some(12)));
        assert_eq!(token_count(Some(&serde_json::json!(12.0))), Ok(Some(12)));
        assert!(token_count(Some(&serde_json::json!(-1))).is_err());
        assert!(token_count(Some(&serde_json::json!("12"))).is_err());
    }
}

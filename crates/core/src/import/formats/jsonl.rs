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

use crate::i18n::Msg;
use crate::import::formats::provider_json::json_problem;
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

/// The lines a log's parse skipped, for its one `skipped_lines` notice.
pub(crate) struct Skipped {
    count: u64,
    lines: Vec<u64>,
    /// How many of each kind (`user`, `summary`, `API error`, …).
    kinds: BTreeMap<String, u64>,
    /// The last line, cut off while the log was being written.
    cut: Option<u64>,
    /// What a skipped line carries: `no usage`, `no new usage`.
    carries: &'static str,
    /// What is said of a cut-off last line, after "is cut off: ".
    cut_note: &'static str,
}

impl Skipped {
    pub(crate) fn new(carries: &'static str, cut_note: &'static str) -> Self {
        Skipped {
            count: 0,
            lines: Vec::new(),
            kinds: BTreeMap::new(),
            cut: None,
            carries,
            cut_note,
        }
    }

    /// Counts one skipped line of a kind.
    pub(crate) fn line(&mut self, line: u64, kind: &str) {
        self.count += 1;
        if self.lines.len() < NOTICE_LINES {
            self.lines.push(line);
        }
        *self.kinds.entry(kind.to_owned()).or_default() += 1;
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
        let kinds: Vec<String> = self
            .kinds
            .iter()
            .filter(|(k, _)| k.as_str() != CUT)
            .map(|(k, c)| format!("{c} {k}"))
            .collect();
        let plain = n - u64::from(self.cut.is_some());
        let mut parts = Vec::new();
        if plain > 0 {
            parts.push(format!(
                "{plain} {} {} ({})",
                if plain == 1 { "carries" } else { "carry" },
                self.carries,
                kinds.join(", ")
            ));
        }
        if let Some(cut) = self.cut {
            parts.push(format!(
                "line {cut}, the last, is cut off: {}",
                self.cut_note
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
        loop {
            self.bytes.clear();
            let (n, over) = read_capped(self.input, &mut self.bytes, self.shape.max_line)
                .map_err(|e| RowError::new(self.line + 1, Problem::Csv(e.to_string())))?;
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
                self.skipped.line(
                    line,
                    &format!("line over {} MiB", self.shape.max_line >> 20),
                );
                continue;
            }
            // A last line with no line end may be cut off mid-write.
            let last_unended = self.bytes.last() != Some(&b'\n');
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
                                found: json_problem(&e),
                                expected: (self.shape.expected)(),
                            },
                        )
                    })
                });
            match parsed {
                Ok(None) => continue,
                Ok(Some(v)) => return Ok(Some((line, v))),
                Err(e) if last_unended => {
                    self.first_bad.get_or_insert(e);
                    self.skipped.cut(line);
                }
                Err(e) if (self.shape.looks_like_usage)(&self.bytes) => {
                    let problem = match e.problem {
                        Problem::Malformed { found, .. } => found,
                        _ => msg!("detail-not-utf8"),
                    };
                    return Err((self.shape.unreadable)(
                        line,
                        msg!("detail-json-line-not-whole", problem = problem),
                    ));
                }
                Err(e) => {
                    self.first_bad.get_or_insert(e);
                    self.skipped.line(line, "not JSON");
                }
            }
        }
    }

    /// Skips a line that is JSON but no entry of the log: `found` says what
    /// it is, `expected` what an entry looks like.
    pub(crate) fn not_entry(&mut self, line: u64, found: Msg, expected: Msg) {
        self.first_bad
            .get_or_insert_with(|| RowError::new(line, Problem::Malformed { found, expected }));
        self.skipped.line(line, "not a log entry");
    }

    /// Ends the parse: a log with no entry at all is refused at its first
    /// line that is not one; otherwise the skipped lines' notice is sent.
    pub(crate) fn finish(self, sink: &mut dyn RowSink) -> Result<(), RowError> {
        if !self.any_entry {
            let expected = self.shape.expected;
            return Err(self.first_bad.unwrap_or_else(|| {
                RowError::new(
                    1,
                    Problem::Malformed {
                        found: msg!("detail-no-line"),
                        expected: expected(),
                    },
                )
            }));
        }
        if let Some(n) = self.skipped.notice() {
            sink.notice(n);
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
                found: what,
                expected: msg!("detail-json-object-per-line"),
            },
        )
    }

    const SHAPE: LogShape = LogShape {
        expected: || msg!("detail-json-object-per-line"),
        looks_like_usage: |b| b.windows(7).any(|w| w == b"\"usage\""),
        unreadable,
        max_line: 64,
    };

    fn values(text: &str) -> (Vec<u64>, Result<(), RowError>, Option<Notice>) {
        let mut input = text.as_bytes();
        let mut lines = JsonLines::new(
            &mut input,
            &SHAPE,
            Skipped::new("no usage", "still writing"),
        );
        let mut got = Vec::new();
        loop {
            match lines.next_value() {
                Ok(Some((line, _))) => got.push(line),
                Ok(None) => break,
                Err(e) => return (got, Err(e), None),
            }
        }
        lines.any_entry = !got.is_empty();
        let notice = lines.skipped.notice();
        (got, Ok(()), notice)
    }

    #[test]
    fn cut_last_line_and_other_shapes_are_counted_not_fatal() {
        let (got, r, notice) = values("{\"a\":1}\nnot json\n\n{\"b\":2}\n{\"usage\":");
        assert!(r.is_ok());
        assert_eq!(got, vec![1, 4]);
        let n = notice.expect("a notice");
        assert_eq!(n.count, 2);
        assert_eq!(n.lines, vec![2, 5]);
        assert!(
            n.message
                .contains("line 5, the last, is cut off: still writing"),
            "{}",
            n.message
        );
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

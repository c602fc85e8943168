//! `--skip-bad-rows`: the user's opt-in to import a CSV whose rows are
//! mostly fine, leaving out the rows whose values can't be read — each one
//! listed with its line and reason in the batch (`import_rejects`), never
//! dropped without a trace (SPEC §3).
//!
//! The file is read into memory and imported as usual. When a row is
//! refused for its values (a date, an amount, a currency, a cell count),
//! its physical line is blanked — its bytes removed, its line ending kept,
//! so every other line keeps its number — and the import runs again, up to
//! [`MAX_REJECTS`] times. Only CSV formats take part: in OFX, camt or QIF
//! a record spans several lines and blanking one would only move the error.
//! The batch records the SHA-256 of the file as it is on disk.

use sha2::{Digest, Sha256};

use crate::i18n::Msg;
use crate::import::pipeline::error::{BadInput, ImportError, Problem};
use crate::import::{import_inner, ImportOptions, ImportOutcome, ImportProgress, Input};
use crate::ledger::LedgerError;
use crate::msg;
use crate::Ledger;

/// The most rows one import leaves out before the file is refused.
pub const MAX_REJECTS: usize = 100;

/// The rows left out of an input, and the original file's hash.
#[derive(Debug, Default)]
pub(crate) struct Skipped {
    pub rows: Vec<(u64, String)>,
    /// Each left-out row's reason as a message, in the order of `rows`.
    pub msgs: Vec<crate::i18n::Msg>,
    pub original: Option<(String, u64)>,
}

impl Skipped {
    /// The rows as the batch stores them: each reason as its message
    /// (`{"id":…,"args":…}`), rendered when it is read in the reader's
    /// language (see [`stored_rejects`]).
    pub(crate) fn stored(&self) -> Vec<(u64, String)> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, (line, text))| {
                let reason = self
                    .msgs
                    .get(i)
                    .and_then(|m| serde_json::to_string(m).ok())
                    .unwrap_or_else(|| text.clone());
                (*line, reason)
            })
            .collect()
    }
}

/// A row a batch left out, as stored: its line and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredReject {
    /// The file the line is in, in a batch of many files (its path under
    /// the folder read); `None` for the batch's one file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub line: u64,
    /// Why, as a message. A row stored before reasons were messages (plain
    /// English text) reads as `import-reject-plain`, its text kept.
    pub msg: Msg,
}

impl StoredReject {
    /// Whether the reason names its line itself (a refused row's message
    /// does); a plain-text reason and an agent log's unreadable line do not,
    /// so whoever shows it puts the line before it.
    pub fn names_its_line(&self) -> bool {
        self.msg.id != "import-reject-plain" && !self.msg.id.starts_with("import-reject-log-")
    }
}

/// The rows batch `batch_id` left out (`--skip-bad-rows`), by line, each
/// reason a message to render in the reader's language.
pub fn stored_rejects(ledger: &Ledger, batch_id: i64) -> Result<Vec<StoredReject>, LedgerError> {
    Ok(ledger
        .rejects(batch_id)?
        .into_iter()
        .map(|(file, line, reason)| StoredReject {
            file,
            line,
            msg: reason_msg(&reason),
        })
        .collect())
}

/// A stored reason as a message: one stored as a message is read back as
/// it is; older plain text is kept, shown as the text it is.
fn reason_msg(stored: &str) -> Msg {
    match serde_json::from_str::<Msg>(stored) {
        Ok(m) if stored.starts_with('{') => m,
        _ => msg!("import-reject-plain", text = stored),
    }
}

/// Whether a refusal is about one row's values, which skipping can leave out.
fn row_level(p: &Problem) -> bool {
    matches!(
        p,
        Problem::FieldCount { .. }
            | Problem::EmptyField { .. }
            | Problem::BadDate { .. }
            | Problem::BadAmount { .. }
            | Problem::AmountOutOfRange { .. }
            | Problem::BadCurrency { .. }
            | Problem::UnexpectedValue { .. }
            | Problem::FieldNotUtf8 { .. }
    )
}

/// `bytes` with the given physical lines emptied (line endings kept: `\n`,
/// `\r\n` and a bare `\r` each end a line, as the CSV reader counts them).
fn blank_lines(bytes: &[u8], lines: &[u64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut line = 1u64;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b'\r' {
            out.push(b);
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                out.push(b'\n');
                i += 1;
            }
            line += 1;
        } else if !lines.contains(&line) {
            out.push(b);
        }
        i += 1;
    }
    out
}

pub(crate) fn import_skipping(
    ledger: &mut Ledger,
    display: &str,
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::BadInput(BadInput {
            file: display.to_owned(),
            line: 1,
            problem: Problem::Malformed {
                found: Box::new(crate::msg!("detail-utf16")),
                expected: Box::new(crate::msg!("detail-skip-bad-rows-utf8")),
            },
            format: None,
        }));
    }
    let original = (format!("{:x}", Sha256::digest(bytes)), bytes.len() as u64);
    let mut skipped = Skipped {
        rows: Vec::new(),
        msgs: Vec::new(),
        original: Some(original),
    };
    loop {
        let lines: Vec<u64> = skipped.rows.iter().map(|(l, _)| *l).collect();
        let data = blank_lines(bytes, &lines);
        let input = Input {
            display,
            file_name,
            reader: &data[..],
            bytes_total: data.len() as u64,
        };
        let result = import_inner(ledger, input, opts, progress, &skipped);
        match result {
            Err(ImportError::BadInput(bad))
                if row_level(&bad.problem)
                    && bad.line > 1
                    && bad.format.is_some_and(|f| f.ends_with("-csv"))
                    && !lines.contains(&bad.line) =>
            {
                if skipped.rows.len() == MAX_REJECTS {
                    return Err(ImportError::BadInput(BadInput {
                        problem: Problem::Malformed {
                            found: Box::new(crate::msg!(
                                "detail-too-many-rejects",
                                max = MAX_REJECTS.to_string(),
                                last = bad.msg()
                            )),
                            expected: Box::new(crate::msg!("detail-mostly-readable")),
                        },
                        ..bad
                    }));
                }
                skipped.msgs.push(bad.msg());
                skipped.rows.push((bad.line, bad.problem.to_string()));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reasons_read_back_as_messages_and_old_text_stays_readable() {
        let m = msg!(
            "import-bad-amount",
            file = "a.csv",
            line = "3",
            field = "Amount",
            found = "x"
        );
        let stored = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(reason_msg(&stored), m);
        let old = "Amount \"x\" is not an amount; expected a number such as -12.34";
        let plain = reason_msg(old);
        assert_eq!(plain.id, "import-reject-plain");
        assert_eq!(plain.render(crate::i18n::Lang::En), old);
        assert!(plain.render(crate::i18n::Lang::ZhCn).contains(old));
    }

    #[test]
    fn blanking_keeps_every_line_number() {
        let text = b"h1,h2\r\na,1\r\nb,x\rc,3\nd,4";
        let out = blank_lines(text, &[3, 5]);
        assert_eq!(out, b"h1,h2\r\na,1\r\n\rc,3\n".to_vec());
    }
}

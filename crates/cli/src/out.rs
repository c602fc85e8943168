//! What every command handler shares: the failure type that carries its exit
//! status, JSON printing, opening the ledger, and the reader's language for
//! labels (`tr`) and for columns a terminal lines up (`pad`, `pad_left`).
//!
//! Invariant: the exit status of a core error comes from the core's one error
//! table (`aispend_core::app::error`), never from a rule kept here.

use std::io::Write;
use std::path::PathBuf;

use aispend_core::app::{exit_status, AppError};
use aispend_core::i18n::Msg;
use aispend_core::Ledger;
use anyhow::Context;
use serde::Serialize;

/// An error with the exit code it earns.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

impl Failure {
    /// A request the CLI could not make sense of (exit status 2): the core's
    /// `AppError::BadInput`.
    pub fn bad_input(message: aispend_core::i18n::Msg) -> Failure {
        Failure::from(AppError::Refused(message))
    }
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        let error = e.into();
        Failure {
            code: exit_status(error.as_ref()),
            error,
        }
    }
}

/// Whether the failure is only stdout's reader having gone away.
pub fn is_broken_pipe(f: &Failure) -> bool {
    f.error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The failure as the user reads it, on stderr: `aispend: ` and the core's
/// message in `lang` (a context the CLI put around it stays in front); with
/// `--json`, one JSON object `{"code","id","args","message"}`: the stable
/// code, the language-neutral message id and arguments (null and empty for
/// an error the catalogs have no message for) and the rendered text.
pub fn print_failure(f: &Failure, json: bool, lang: aispend_core::i18n::Lang) {
    let (_, dto) = aispend_core::app::describe(f.error.as_ref());
    let full = format!("{:#}", f.error);
    let text = match &dto.msg {
        Some(m) => match full.strip_suffix(dto.message.as_str()) {
            Some(prefix) => format!("{prefix}{}", m.render(lang)),
            None => full,
        },
        None => full,
    };
    if json {
        let (id, args) = match &dto.msg {
            Some(m) => (
                serde_json::json!(m.id),
                serde_json::to_value(&m.args).unwrap_or_default(),
            ),
            None => (serde_json::Value::Null, serde_json::json!({})),
        };
        let v = serde_json::json!({"code": dto.code, "id": id, "args": args, "message": text});
        eprintln!("{v}");
    } else {
        eprintln!("aispend: {text}");
    }
}

/// The ledger at `db`, or the app's ledger in the data folder.
pub fn open_ledger(db: Option<PathBuf>) -> Result<Ledger, Failure> {
    let path = match db {
        Some(p) => p,
        None => aispend_core::paths::default_ledger_path(false)
            .context("no data folder on this system; pass --db PATH or set AISPEND_DB")?,
    };
    Ok(Ledger::open(&path)?)
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `m` in the reader's language: every label the human output prints is a
/// message of the catalogs (`cli-*.ftl`), never an English literal.
pub fn tr(m: Msg) -> String {
    m.render(crate::lang())
}

/// A count (lines, records, tokens) grouped as the reader's language
/// groups it: `1,234`. Text output only; `--json` keeps the number.
pub fn count(n: impl Into<i64>) -> String {
    aispend_core::i18n::format_count(n, crate::lang())
}

/// An amount grouped as the reader's language groups it: `-1,234.50`.
/// Text output only; `--json` keeps the plain decimal (SPEC §9).
pub fn amount(d: rust_decimal::Decimal) -> String {
    aispend_core::i18n::format_amount(d, crate::lang())
}

/// Items joined as the reader's language joins a list: `a, b` or `a、b`.
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    aispend_core::i18n::format_list(items, crate::lang())
}

/// The columns `s` takes on a terminal: a CJK ideograph, kana, hangul or
/// full-width form takes two, everything else one (the labels we print are
/// English, Chinese or ASCII data).
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// `s` followed by spaces up to `cols` terminal columns (`{:<cols}` for
/// text that may be Chinese).
pub fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

/// `s` after spaces up to `cols` terminal columns (`{:>cols}`).
pub fn pad_left(s: &str, cols: usize) -> String {
    format!("{}{s}", " ".repeat(cols.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns_and_pads_like_format_for_ascii() {
        assert_eq!(width("active"), 6);
        assert_eq!(width("有效"), 4);
        assert_eq!(width("（a）"), 5);
        assert_eq!(pad("active", 8), format!("{:<8}", "active"));
        assert_eq!(pad_left("12.50", 8), format!("{:>8}", "12.50"));
        assert_eq!(pad("有效", 8), "有效    ");
        assert_eq!(pad_left("有效", 6), "  有效");
        // Longer than the column: printed whole, as format! does.
        assert_eq!(pad("已失效的订阅", 4), "已失效的订阅");
    }
}

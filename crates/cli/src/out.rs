//! What every command handler shares: the failure type that carries its exit
//! status, JSON printing, and opening the ledger.
//!
//! Invariant: the exit status of a core error comes from the core's one error
//! table (`aispend_core::app::error`), never from a rule kept here.

use std::io::Write;
use std::path::PathBuf;

use aispend_core::app::{exit_status, AppError};
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
    pub fn bad_input(message: impl Into<String>) -> Failure {
        Failure::from(AppError::BadInput(message.into()))
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

//! `aispend import`, `imports`, `undo-import`, `rejects` and `profiles`:
//! statements into the ledger as batches, and what each batch did.
//!
//! Invariant: a file that fails leaves the ledger as it was; what landed
//! before it is still reported.

use std::io::IsTerminal;
use std::path::PathBuf;

use aispend_core::i18n::{Arg, Msg};
use aispend_core::import::{self, ImportOptions, ImportOutcome};
use aispend_core::ledger::BatchStatus;
use aispend_core::{msg, Ledger};
use anyhow::Context;
use serde::Serialize;

use crate::out::{pad, print_json, tr, width, Failure};

pub fn list(ledger: &Ledger, json: bool) -> Result<(), Failure> {
    let batches = aispend_core::batches::history(ledger)?;
    if json {
        return print_json(&serde_json::json!({ "imports": batches }));
    }
    if batches.is_empty() {
        println!("{}", tr(msg!("cli-imports-none")));
    }
    for b in batches {
        let row = msg!(
            "cli-imports-row",
            account = b.account.as_str(),
            added = count(b.added),
            duplicates = count(b.duplicates),
            rejected = count(b.rejected)
        );
        let status = match b.status {
            BatchStatus::Imported => String::new(),
            BatchStatus::Undone => format!(
                "  {}",
                tr(msg!(
                    "cli-imports-undone",
                    at = b.undone_at.unwrap_or_default()
                ))
            ),
        };
        println!(
            "{:>5}  {}  {}  [{}]  {}{}",
            b.batch_id,
            b.imported_at,
            b.file,
            b.format,
            tr(row),
            status
        );
    }
    Ok(())
}

pub fn undo(ledger: &mut Ledger, batch_id: i64, json: bool) -> Result<(), Failure> {
    let removed = aispend_core::batches::undo(ledger, batch_id)?;
    if json {
        return print_json(&serde_json::json!({ "batch_id": batch_id, "removed": removed }));
    }
    println!(
        "{}",
        tr(msg!(
            "cli-undo-import",
            batch = batch_id,
            removed = count(removed)
        ))
    );
    Ok(())
}

pub fn rejects(ledger: &Ledger, batch_id: i64, json: bool) -> Result<(), Failure> {
    let rows = aispend_core::import::stored_rejects(ledger, batch_id)?;
    let lang = crate::lang();
    if json {
        let rows: Vec<_> = rows
            .iter()
            .map(|r| {
                let mut row = serde_json::json!({
                    "line": r.line,
                    "reason": r.msg.render(lang),
                    "id": r.msg.id,
                    "args": r.msg.args,
                });
                // In a batch of many files (a scan of agent logs), the file
                // the line is in, under the folder read.
                if let Some(file) = &r.file {
                    row["file"] = file.as_str().into();
                }
                row
            })
            .collect();
        return print_json(&serde_json::json!({ "batch_id": batch_id, "rejected": rows }));
    }
    if rows.is_empty() {
        println!("{}", tr(msg!("cli-rejects-none", batch = batch_id)));
    }
    for r in rows {
        // A reason stored as a message names its file and line itself,
        // except a log's (in a batch of many files, or one log on its own).
        if let Some(file) = &r.file {
            println!("{file}:{}: {}", r.line, r.msg.render(lang));
        } else if !r.names_its_line() {
            let m = msg!(
                "cli-rejects-line",
                line = count(r.line),
                reason = r.msg.clone()
            );
            println!("{}", m.render(lang));
        } else {
            println!("{}", r.msg.render(lang));
        }
    }
    Ok(())
}

pub fn profiles(ledger: &mut Ledger, remove: Option<String>, json: bool) -> Result<(), Failure> {
    if let Some(name) = remove {
        ledger.remove_mapping_profile(&name)?;
        if json {
            return print_json(&serde_json::json!({ "removed": name }));
        }
        println!(
            "{}",
            tr(msg!("cli-profile-removed", name = format!("{name:?}")))
        );
        return Ok(());
    }
    let profiles = ledger.mapping_profiles()?;
    if json {
        return print_json(&profiles);
    }
    if profiles.is_empty() {
        println!("{}", tr(msg!("cli-profiles-none")));
    }
    for p in profiles {
        let header = tr(msg!("cli-profile-header"));
        let map = tr(msg!("cli-profile-map"));
        // The two labels line up whatever their language.
        let cols = width(&header).max(width(&map)) + 1;
        println!(
            "{}\n    {}{}\n    {}{}",
            p.name,
            pad(&header, cols),
            p.header,
            pad(&map, cols),
            p.spec
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    format: &'a str,
    batch_id: Option<i64>,
    account: &'a str,
    added: u64,
    duplicates: u64,
    rejected: u64,
    sha256: &'a str,
    dry_run: bool,
    proposals: u64,
    rejects: Vec<Reject<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notices: &'a [aispend_core::import::Notice],
    /// A mail import's receipts: recognised, matched, unmatched,
    /// skipped_messages, and the unrecognised ones listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    receipts: Option<&'a aispend_core::import::mail::ReceiptCounts>,
}

#[derive(Serialize)]
struct Reject<'a> {
    line: u64,
    reason: &'a str,
}

impl<'a> From<&'a ImportOutcome> for FileReport<'a> {
    fn from(o: &'a ImportOutcome) -> Self {
        FileReport {
            file: &o.file,
            format: &o.format,
            batch_id: o.batch_id,
            account: &o.account,
            added: o.added,
            duplicates: o.duplicates,
            rejected: o.rejected,
            sha256: &o.sha256,
            dry_run: o.dry_run,
            proposals: o.proposals,
            rejects: o
                .rejects
                .iter()
                .map(|(line, reason)| Reject {
                    line: *line,
                    reason,
                })
                .collect(),
            notices: &o.notices,
            receipts: o.receipts.as_ref(),
        }
    }
}

pub fn import(
    ledger: &mut Ledger,
    files: &[PathBuf],
    opts: &ImportOptions,
    json: bool,
) -> Result<(), Failure> {
    let show_progress = !json && std::io::stderr().is_terminal();
    let mut done = Vec::new();
    for path in files {
        let mut progress = |p: import::ImportProgress| {
            if show_progress && p.bytes_total > 0 {
                let m = msg!(
                    "cli-import-progress",
                    file = path.display().to_string(),
                    rows = count(p.rows),
                    percent = count(p.bytes_read * 100 / p.bytes_total)
                );
                eprint!("\r{}", tr(m));
            }
        };
        let result = import::import_file_with_progress(ledger, path, opts, &mut progress);
        if show_progress {
            eprint!("\r\x1b[K");
        }
        match result {
            Ok(outcome) => {
                if !json {
                    print_outcome(&outcome);
                }
                done.push(outcome);
            }
            Err(e) => {
                if json {
                    // What did land is still reported before the error.
                    print_import_json(&done)?;
                }
                if !done.is_empty() {
                    let m = Msg::new("cli-files-before-imported")
                        .arg("file", path.display().to_string());
                    eprintln!("{}", m.render(crate::lang()));
                }
                return Err(e.into());
            }
        }
    }
    if json {
        print_import_json(&done)?;
    }
    Ok(())
}

/// A `--map` value: the mapping itself, or a file holding it.
pub fn read_map(value: &str) -> Result<aispend_core::import::mapped::MapSpec, Failure> {
    let path = std::path::Path::new(value);
    let text = if !value.contains('=') && path.is_file() {
        std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the mapping file {value}"))?
    } else {
        value.to_owned()
    };
    // The same check the app's mapping step asks the core for.
    Ok(aispend_core::app::mapping::checked_spec(text.parse()?)?)
}

fn print_import_json(done: &[ImportOutcome]) -> Result<(), Failure> {
    let files: Vec<FileReport<'_>> = done.iter().map(FileReport::from).collect();
    print_json(&serde_json::json!({ "files": files }))
}

/// A count as a message argument.
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn print_outcome(o: &ImportOutcome) {
    let lang = crate::lang();
    let what = match o.batch_id {
        Some(id) => Msg::new("cli-import-batch").arg("id", id),
        None => Msg::new("cli-import-dry-run"),
    };
    let summary = Msg::new("cli-import-summary")
        .arg("file", o.file.as_str())
        .arg("format", o.format.as_str())
        .arg("account", o.account.as_str())
        .arg("what", what)
        .arg("added", count(o.added))
        .arg("duplicates", count(o.duplicates))
        .arg("rejected", count(o.rejected));
    println!("{}", summary.render(lang));
    for (i, (line, reason)) in o.rejects.iter().enumerate() {
        let left_out = match o.reject_msgs.get(i) {
            Some(m) => Msg::new("cli-left-out").arg("reason", m.clone()),
            None => Msg::new("cli-left-out-line")
                .arg("line", count(*line))
                .arg("reason", reason.as_str()),
        };
        println!("  {}", left_out.render(lang));
    }
    if let Some(r) = &o.receipts {
        let receipts = Msg::new("cli-receipts")
            .arg("recognised", count(r.recognised))
            .arg("matched", count(r.matched))
            .arg("unmatched", count(r.unmatched))
            .arg("skipped", count(r.skipped_messages));
        println!("  {}", receipts.render(lang));
        for u in &r.unrecognised {
            let m = Msg::new("cli-unrecognised-receipt")
                .arg("line", count(u.line))
                .arg("sender", u.sender.as_str())
                .arg("subject", u.subject.as_str())
                .arg("reason", u.reason_msg.clone());
            println!("  {}", m.render(lang));
        }
    }
    for n in o
        .notices
        .iter()
        .filter(|n| n.code != "unrecognised_receipts")
    {
        let note = match &n.msg {
            Some(m) => Arg::from(m.clone()),
            None => Arg::from(n.message.as_str()),
        };
        println!("  {}", Msg::new("cli-note").arg("note", note).render(lang));
    }
    if o.proposals > 0 {
        let m = Msg::new("cli-pending-links").arg("count", count(o.proposals));
        println!("  {}", m.render(lang));
    }
}

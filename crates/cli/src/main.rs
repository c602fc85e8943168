//! `aispend`: AI Spend on the command line (SPEC §9).
//!
//! This binary only parses arguments, calls `aispend_core` and prints. Exit
//! codes: 0 success, 2 bad input (message on stderr), 1 any other failure.

#![allow(clippy::print_stdout)] // printing is this binary's job

mod case;
mod export;
mod reimburse;
mod reports;
mod rules;
mod sync;
mod topup;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aispend_core::import::format::{DateOrder, Hints};
use aispend_core::import::{self, ImportError, ImportOptions, ImportOutcome};
use aispend_core::ledger::{BatchStatus, TxnFilter};
use aispend_core::money::Currency;
use aispend_core::{Ledger, LedgerError};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use serde::Serialize;

mod provider;
mod reconcile;

#[derive(Debug, Parser)]
#[command(
    name = "aispend",
    version,
    about = "A local ledger of what you spend on AI"
)]
struct Cli {
    /// The ledger file (default: the app's ledger in your data folder)
    #[arg(long, global = true, env = "AISPEND_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import statements and exports; each file becomes one batch
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The account the lines belong to (default: named after the format)
        #[arg(long)]
        account: Option<String>,
        /// Skip detection and read the files as this format
        #[arg(long, value_name = "ID")]
        format: Option<String>,
        /// Show what would be added, write nothing
        #[arg(long)]
        dry_run: bool,
        /// For files whose dates read either way: mdy, dmy or ymd
        #[arg(long, value_name = "ORDER")]
        date_order: Option<DateOrder>,
        /// For files that do not name their currency (QIF, mapped CSV, an
        /// OFX without CURDEF, …): e.g. EUR; without it they are read as USD
        /// and the summary says so
        #[arg(long, value_name = "CODE")]
        currency: Option<Currency>,
        /// Name the columns of a CSV no built-in profile reads, e.g.
        /// date=Date,amount=Amount,description=Payee (or a file of such
        /// lines); saved as a profile and reused for files with its header
        #[arg(long, value_name = "SPEC|FILE")]
        map: Option<String>,
        /// The name to save the --map profile under (default: from the header)
        #[arg(long, value_name = "NAME", requires = "map")]
        profile: Option<String>,
        /// The line a mapped CSV's header is on, for a file whose preamble
        /// the --map column names do not get past (default: the first line
        /// that holds every column the mapping names)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        header_line: Option<u64>,
        /// Leave out CSV rows whose values can't be read, listing each with
        /// its line and reason, instead of refusing the file
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// The rows an import left out with --skip-bad-rows
    Rejects {
        #[arg(value_name = "BATCH_ID")]
        batch_id: i64,
    },
    /// Pending lines whose posted line may have arrived: review, confirm, reject
    Links {
        /// confirm ID or reject ID; without it, list the open proposals
        #[arg(value_name = "ACTION")]
        action: Option<LinkAction>,
        /// The link id, for confirm and reject
        #[arg(value_name = "ID", required_if_eq_any([("action", "confirm"), ("action", "reject")]))]
        id: Option<i64>,
        /// List decided links too
        #[arg(long)]
        all: bool,
    },
    /// List saved column-mapping profiles, or remove one
    Profiles {
        /// Remove the profile with this name
        #[arg(long, value_name = "NAME")]
        remove: Option<String>,
    },
    /// The removable sample dataset the app offers on first run: load
    /// (into an empty ledger) or remove
    Sample {
        #[arg(value_name = "ACTION")]
        action: SampleAction,
    },
    /// List import batches, newest first
    Imports,
    /// Remove every line an import batch added
    UndoImport {
        #[arg(value_name = "BATCH_ID")]
        batch_id: i64,
    },
    /// List ledger lines, newest first (or `txns edit ID` to correct one)
    #[command(args_conflicts_with_subcommands = true)]
    Txns {
        #[command(subcommand)]
        action: Option<rules::TxnsAction>,
        /// First local date, inclusive (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last local date, inclusive (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        to: Option<NaiveDate>,
        /// Only this account
        #[arg(long)]
        account: Option<String>,
        /// Only this class: ai-subscription, ai-api, everyday, transfer
        #[arg(long, value_name = "CLASS")]
        class: Option<aispend_core::classify::Class>,
        /// Only this vendor id (e.g. openai)
        #[arg(long, value_name = "ID")]
        vendor: Option<String>,
        /// At most this many lines
        #[arg(long, value_name = "N")]
        limit: Option<u64>,
    },
    /// List provider cost and usage records (OpenAI, Anthropic), by UTC date
    Costs {
        #[arg(long, value_enum)]
        provider: Option<provider::ProviderArg>,
        /// First UTC date, inclusive (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last UTC date, inclusive (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        to: Option<NaiveDate>,
        /// Total the costs by project, line-item, model, api-key or month
        #[arg(long, value_enum, value_name = "KEY", conflicts_with = "vs_topups")]
        by: Option<reports::ByArg>,
        /// Per month: provider cost beside card top-ups and credit purchases
        #[arg(long)]
        vs_topups: bool,
    },
    /// Spending summary: totals per class, vendor and month, and the AI share
    Summary(reports::SummaryArgs),
    /// Subscriptions detected from the ledger and entered by hand
    Subs(reports::SubsArgs),
    /// Provider payment records: credit purchases, invoices, receipts
    #[command(subcommand)]
    Payments(provider::PaymentsCommand),
    /// Match card top-ups with provider payment records and flag what's off
    Reconcile {
        /// Judge as of this day (default today)
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Flag pending holds older than this many days
        #[arg(long, value_name = "DAYS", default_value_t = 7)]
        stale_days: i64,
    },
    /// "My top-up didn't arrive": diagnose from a file of facts
    #[command(subcommand)]
    Topup(topup::TopupCommand),
    /// User rules: list, add, remove (each change re-classifies the ledger)
    Rules(rules::RulesArgs),
    /// Top-up cases and evidence packs
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// Tag many lines at once (client:NAME, project:NAME, ...)
    #[command(subcommand)]
    Tag(reimburse::TagCommand),
    /// Receipts attached to lines
    #[command(subcommand)]
    Receipt(reimburse::ReceiptCommand),
    /// Reports: `report reimbursement --client NAME --from D --to D --out FILE`
    #[command(subcommand)]
    Report(reimburse::ReportCommand),
    /// Mark a client's lines as paid back (or take the mark off)
    #[command(subcommand)]
    Reimbursed(reimburse::ReimbursedCommand),
    /// Export the ledger as CSV, beancount or an hledger journal
    Export(export::ExportArgs),
    /// Provider Admin keys in the OS keychain: set, status, remove
    #[command(subcommand)]
    Keys(sync::KeysCommand),
    /// Pull costs and usage from the providers' Admin APIs (needs a stored key)
    Sync(sync::SyncArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LinkAction {
    Confirm,
    Reject,
}

/// An error with the exit code it earns.
struct Failure {
    code: u8,
    error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        let error = e.into();
        let bad_input = error
            .downcast_ref::<ImportError>()
            .is_some_and(ImportError::is_bad_input)
            || error
                .downcast_ref::<LedgerError>()
                .is_some_and(LedgerError::is_bad_input)
            || error
                .downcast_ref::<aispend_core::app::AppError>()
                .is_some_and(aispend_core::app::AppError::is_bad_input)
            || error
                .downcast_ref::<aispend_core::sync::SyncError>()
                .is_some_and(aispend_core::sync::SyncError::is_bad_input)
            || error
                .downcast_ref::<aispend_core::sync::KeyError>()
                .is_some_and(aispend_core::sync::KeyError::is_bad_input)
            || error
                .downcast_ref::<aispend_core::provider::PaymentError>()
                .is_some_and(aispend_core::provider::PaymentError::is_bad_input);
        Failure {
            code: if bad_input { 2 } else { 1 },
            error,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("aispend: {:#}", f.error);
            ExitCode::from(f.code)
        }
    }
}

fn open_ledger(db: Option<PathBuf>) -> Result<Ledger, Failure> {
    let path = match db {
        Some(p) => p,
        None => aispend_core::paths::default_ledger_path(false)
            .context("no data folder on this system; pass --db PATH or set AISPEND_DB")?,
    };
    Ok(Ledger::open(&path)?)
}

fn run(cli: Cli) -> Result<(), Failure> {
    // Keys live in the OS keychain only: no ledger is opened for them.
    let command = match cli.command {
        Command::Keys(cmd) => return sync::run_keys(cmd, cli.json),
        other => other,
    };
    let mut ledger = open_ledger(cli.db)?;
    let json = cli.json;
    match command {
        Command::Import {
            files,
            account,
            format,
            dry_run,
            date_order,
            currency,
            map,
            profile,
            header_line,
            skip_bad_rows,
        } => {
            let map = map.map(|m| read_map(&m)).transpose()?;
            let opts = ImportOptions {
                account,
                format,
                dry_run,
                hints: Hints {
                    date_order,
                    currency,
                },
                map,
                profile,
                header_line,
                skip_bad_rows,
            };
            cmd_import(&mut ledger, &files, &opts, json)
        }
        Command::Imports => {
            let batches = ledger.batches()?;
            if json {
                return print_json(&serde_json::json!({ "imports": batches }));
            }
            if batches.is_empty() {
                println!("No imports yet. Add a statement with `aispend import FILE`.");
            }
            for b in batches {
                let status = match b.status {
                    BatchStatus::Imported => String::new(),
                    BatchStatus::Undone => {
                        format!("  (undone {})", b.undone_at.unwrap_or_default())
                    }
                };
                println!(
                    "{:>5}  {}  {}  [{}]  {}: {} added, {} duplicates, {} rejected{}",
                    b.batch_id,
                    b.imported_at,
                    b.file,
                    b.format,
                    b.account,
                    b.added,
                    b.duplicates,
                    b.rejected,
                    status
                );
            }
            Ok(())
        }
        Command::UndoImport { batch_id } => {
            let removed = ledger.undo_batch(batch_id)?;
            if json {
                return print_json(
                    &serde_json::json!({ "batch_id": batch_id, "removed": removed }),
                );
            }
            println!(
                "Undid import {batch_id}: removed {removed} lines. Its file can be imported again."
            );
            Ok(())
        }
        Command::Rules(args) => rules::run(&mut ledger, args, json),
        Command::Txns {
            action: Some(action),
            ..
        } => rules::run_txns_action(&mut ledger, action, json),
        Command::Txns {
            action: None,
            from,
            to,
            account,
            class,
            vendor,
            limit,
        } => {
            let rows = ledger.transactions(&TxnFilter {
                from,
                to,
                account,
                class: class.map(|c| c.as_str().to_owned()),
                vendor,
                limit,
            })?;
            if json {
                return print_json(&rows);
            }
            let mut out = std::io::stdout().lock();
            for t in &rows {
                writeln!(
                    out,
                    "{:>7}  {}  {:>12} {}  {:<8}  {:<15} {:<14}  {}  [{}]",
                    t.id,
                    t.date,
                    t.amount,
                    t.currency,
                    t.status.as_str(),
                    t.class.as_deref().unwrap_or("-"),
                    t.vendor.as_deref().unwrap_or("-"),
                    t.description,
                    t.account
                )?;
            }
            Ok(())
        }
        Command::Rejects { batch_id } => {
            let rows = ledger.rejects(batch_id)?;
            if json {
                let rows: Vec<_> = rows
                    .iter()
                    .map(|(line, reason)| serde_json::json!({ "line": line, "reason": reason }))
                    .collect();
                return print_json(&serde_json::json!({ "batch_id": batch_id, "rejected": rows }));
            }
            if rows.is_empty() {
                println!("Import {batch_id} left no rows out.");
            }
            for (line, reason) in rows {
                println!("line {line}: {reason}");
            }
            Ok(())
        }
        Command::Links { action, id, all } => {
            if let (Some(action), Some(id)) = (action, id) {
                let link = ledger.decide_link(id, action == LinkAction::Confirm)?;
                if json {
                    return print_json(&link);
                }
                match link.state {
                    aispend_core::ledger::LinkState::Confirmed => println!(
                        "Link {id} confirmed: line {} is the posted version of pending line {}, which no longer shows in listings.",
                        link.posted.id, link.pending.id
                    ),
                    _ => println!("Link {id} rejected: the two lines stay as separate charges."),
                }
                return Ok(());
            }
            let links = ledger.links(all)?;
            if json {
                return print_json(&links);
            }
            if links.is_empty() {
                println!("No pending lines waiting for review.");
            }
            for l in links {
                println!(
                    "{:>5}  {:<9}  pending {} {} {} {}  ->  posted {} {} {}\n       {}",
                    l.id,
                    l.state.as_str(),
                    l.pending.id,
                    l.pending.date,
                    l.pending.amount,
                    l.pending.currency,
                    l.posted.id,
                    l.posted.date,
                    l.posted.description,
                    l.reason
                );
            }
            Ok(())
        }
        Command::Profiles { remove } => {
            if let Some(name) = remove {
                ledger.remove_mapping_profile(&name)?;
                if json {
                    return print_json(&serde_json::json!({ "removed": name }));
                }
                println!("Removed mapping profile {name:?}.");
                return Ok(());
            }
            let profiles = ledger.mapping_profiles()?;
            if json {
                return print_json(&profiles);
            }
            if profiles.is_empty() {
                println!("No mapping profiles. Import a CSV with --map to make one.");
            }
            for p in profiles {
                println!(
                    "{}\n    header: {}\n    map:    {}",
                    p.name, p.header, p.spec
                );
            }
            Ok(())
        }
        Command::Costs {
            provider,
            from,
            to,
            by,
            vs_topups,
        } => reports::cmd_costs(&ledger, provider, from, to, by, vs_topups, json),
        Command::Summary(args) => reports::cmd_summary(&ledger, args, json),
        Command::Subs(args) => reports::cmd_subs(&mut ledger, args, json),
        Command::Payments(cmd) => provider::cmd_payments(&mut ledger, cmd, json),
        Command::Reconcile { as_of, stale_days } => {
            reconcile::run(&ledger, as_of, stale_days, json)
        }
        Command::Topup(cmd) => topup::run(&ledger, cmd, json),
        Command::Case(cmd) => case::run(&mut ledger, cmd, json),
        Command::Tag(cmd) => reimburse::run_tag(&mut ledger, cmd, json),
        Command::Receipt(cmd) => reimburse::run_receipt(&mut ledger, cmd, json),
        Command::Report(cmd) => reimburse::run_report(&ledger, cmd, json),
        Command::Reimbursed(cmd) => reimburse::run_reimbursed(&mut ledger, cmd, json),
        Command::Export(args) => export::run(&ledger, args, json),
        Command::Sample { action } => {
            let (verb, lines) = match action {
                SampleAction::Load => {
                    ledger.load_sample(aispend_core::clock::today_local())?;
                    ("loaded", ledger.transaction_count()?)
                }
                SampleAction::Remove => ("removed", ledger.remove_sample()?),
            };
            if json {
                print_json(&serde_json::json!({ "sample": verb, "lines": lines }))?;
            } else {
                println!(
                    "Sample data {verb}: {lines} lines (account \"{}\").",
                    aispend_core::app::sample::SAMPLE_ACCOUNT
                );
            }
            Ok(())
        }
        Command::Keys(cmd) => sync::run_keys(cmd, json),
        Command::Sync(args) => sync::run_sync(&mut ledger, args, json),
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SampleAction {
    Load,
    Remove,
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
        }
    }
}

fn cmd_import(
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
                eprint!(
                    "\r{}: {} rows ({}%)",
                    path.display(),
                    p.rows,
                    p.bytes_read * 100 / p.bytes_total
                );
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
                    eprintln!(
                        "aispend: the files before {} were imported; nothing from it was written",
                        path.display()
                    );
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
fn read_map(value: &str) -> Result<aispend_core::import::mapped::MapSpec, Failure> {
    let path = std::path::Path::new(value);
    let text = if !value.contains('=') && path.is_file() {
        std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the mapping file {value}"))?
    } else {
        value.to_owned()
    };
    text.parse()
        .map_err(|e: aispend_core::import::mapped::MapSpecError| Failure {
            code: 2,
            error: anyhow::Error::new(e),
        })
}

fn print_import_json(done: &[ImportOutcome]) -> Result<(), Failure> {
    let files: Vec<FileReport<'_>> = done.iter().map(FileReport::from).collect();
    print_json(&serde_json::json!({ "files": files }))
}

fn print_outcome(o: &ImportOutcome) {
    let what = match o.batch_id {
        Some(id) => format!("batch {id}"),
        None => "dry run, nothing written".to_owned(),
    };
    println!(
        "{} ({}, account \"{}\", {}): {} added, {} duplicates, {} rejected",
        o.file, o.format, o.account, what, o.added, o.duplicates, o.rejected
    );
    for (line, reason) in &o.rejects {
        println!("  left out line {line}: {reason}");
    }
    for n in &o.notices {
        println!("  note: {}", n.message);
    }
    if o.proposals > 0 {
        println!(
            "  {} pending line(s) may now have their posted line: review with `aispend links`",
            o.proposals
        );
    }
}

fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

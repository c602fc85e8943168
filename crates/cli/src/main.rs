//! `aispend`: AI Spend on the command line (SPEC §9).
//!
//! This file only parses arguments and dispatches each command to its
//! module, which calls `aispend_core` and prints. Exit codes: 0 success,
//! 2 bad input (message on stderr), 1 any other failure; which error is
//! which comes from the core's error table (`aispend_core::app::error`).

#![allow(clippy::print_stdout)] // printing is this binary's job

mod args;
mod case;
mod credits;
mod export;
mod imports;
mod links;
mod out;
mod provider;
mod reconcile;
mod reimburse;
mod reports;
mod rules;
mod sample;
mod sync;
mod topup;
mod txns;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use aispend_core::i18n::{Lang, Msg};
use aispend_core::import::format::{DateOrder, Hints};
use aispend_core::import::ImportOptions;
use aispend_core::money::Currency;
use aispend_core::msg;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use out::{open_ledger, Failure};

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
    /// The language of messages: en or zh-CN (default: from LC_ALL,
    /// LC_MESSAGES or LANG)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "en" => Ok(Lang::En),
        "zh-CN" | "zh" => Ok(Lang::ZhCn),
        _ => Err(format!("expected en or zh-CN, got {s:?}")),
    }
}

static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language messages are printed in: `--lang`, else the locale
/// variables (the core's rule), else English.
pub(crate) fn lang() -> Lang {
    *LANG.get_or_init(|| Lang::from_locale_vars(|k| std::env::var(k).ok()))
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import statements and exports; each file becomes one batch
    Import {
        #[arg(required_unless_present = "watch_default", value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Import the coding agents' logs from their default folders
        /// (Claude Code, Codex CLI, Gemini CLI): every log not read since it changed
        #[arg(long, conflicts_with_all = ["format", "map", "profile", "header_line"])]
        watch_default: bool,
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
        /// The machine agent logs were written on (for logs copied from
        /// several machines): kept on their usage records, `usage --by machine`
        #[arg(long, value_name = "LABEL")]
        machine: Option<String>,
        /// With --watch-default: list every log's notices, however many
        /// (by default a big scan prints totals and a few examples)
        #[arg(long, requires = "watch_default")]
        verbose: bool,
    },
    /// The rows an import left out (--skip-bad-rows, unreadable log lines), with why
    Rejects {
        #[arg(value_name = "BATCH_ID")]
        batch_id: i64,
    },
    /// Pending lines whose posted line may have arrived: review, confirm, reject
    Links {
        /// confirm ID or reject ID; without it, list the open proposals
        #[arg(value_name = "ACTION")]
        action: Option<links::LinkAction>,
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
        action: sample::SampleAction,
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
        provider: Option<args::ProviderArg>,
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
        /// Per provider and month: estimated from usage, reported by the
        /// provider and paid by card, with the gaps and the records behind them
        #[arg(long, conflicts_with_all = ["vs_topups", "by"])]
        check: bool,
        /// With --check: one month, in your time zone (YYYY-MM)
        #[arg(long, value_name = "YYYY-MM", requires = "check")]
        month: Option<String>,
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
    /// Usage of AI tools and APIs billed by use, with its cost estimated from the price list
    Usage(usage::UsageArgs),
    /// The price list: the prices in force per provider and model
    Prices(usage::PricesArgs),
    /// Prepaid API credit per provider: balance, expiry, burn rate, top-ups
    Credits(credits::CreditsArgs),
    /// Budgets per provider, vendor, class or tag: set, list, remove, status
    #[command(subcommand)]
    Budget(credits::BudgetCommand),
    /// Reminders: renewals, trials, price changes, budgets, credit
    Alerts(credits::AlertsArgs),
}

/// The language asked for on the command line (`--lang X`, `--lang=X`)
/// before clap has read it: a command line clap refuses is answered in it.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return parse_lang(v).ok();
        }
        if a == "--lang" {
            return it.next().and_then(|v| parse_lang(v).ok());
        }
    }
    None
}

/// A command line clap refused, as a message of the catalogs: what was
/// wrong, with the argument and value clap names. `None` for what clap
/// prints as it is (help, the version) or a kind without a message.
fn clap_msg(e: &clap::Error, lang: Lang) -> Option<Msg> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // A list clap gives (valid values, missing arguments) is joined as the
    // reader's language joins one; clap's own text joins with ", ".
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(items)) => aispend_core::i18n::format_list(items, lang),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let m = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = ctx(ContextKind::ValidValue);
            let m = msg!(
                "cli-args-invalid-value",
                arg = ctx(ContextKind::InvalidArg),
                value = ctx(ContextKind::InvalidValue)
            );
            if valid.is_empty() {
                m
            } else {
                msg!("cli-args-valid-values", problem = m, values = valid)
            }
        }
        ErrorKind::UnknownArgument => {
            msg!("cli-args-unknown", arg = ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            msg!(
                "cli-args-unknown-command",
                found = ctx(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => {
            msg!("cli-args-missing", args = ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => msg!("cli-args-missing-command"),
        ErrorKind::ArgumentConflict => msg!(
            "cli-args-conflict",
            arg = ctx(ContextKind::InvalidArg),
            other = ctx(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg!("cli-args-value-count", arg = ctx(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => msg!("cli-args-no-equals", arg = ctx(ContextKind::InvalidArg)),
        _ => return None,
    };
    Some(msg!("cli-args-refused", problem = m))
}

/// Parses the command line; a command line clap refuses is answered in the
/// reader's language (clap's own words are English) with exit status 2.
fn parse_cli() -> Cli {
    use clap::error::ErrorKind;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let e = match Cli::try_parse_from(&args) {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    let lang = lang_in_args(&args).unwrap_or_else(lang);
    let speaks_english = lang == Lang::En;
    let shown_as_is = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    match clap_msg(&e, lang) {
        Some(m) if !speaks_english && !shown_as_is => {
            eprintln!("aispend: {}", m.render(lang));
            std::process::exit(2);
        }
        _ => e.exit(),
    }
}

fn main() -> ExitCode {
    let cli = parse_cli();
    if let Some(l) = cli.lang {
        let _ = LANG.set(l);
    }
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`aispend txns | head`) is not a
        // failure: stop quietly, as other command-line tools do.
        Err(f) if out::is_broken_pipe(&f) => ExitCode::SUCCESS,
        Err(f) => {
            out::print_failure(&f, json, lang());
            ExitCode::from(f.code)
        }
    }
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
            machine,
            watch_default,
            verbose,
        } => {
            let map = map.map(|m| imports::read_map(&m)).transpose()?;
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
                preview_rows: 0,
                machine,
            };
            if watch_default {
                return usage::cmd_import_default(&mut ledger, &files, &opts, json, verbose);
            }
            imports::import(&mut ledger, &files, &opts, json)
        }
        Command::Imports => imports::list(&ledger, json),
        Command::UndoImport { batch_id } => imports::undo(&mut ledger, batch_id, json),
        Command::Rejects { batch_id } => imports::rejects(&ledger, batch_id, json),
        Command::Profiles { remove } => imports::profiles(&mut ledger, remove, json),
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
        } => txns::list(
            &ledger,
            txns::ListArgs {
                from,
                to,
                account,
                class,
                vendor,
                limit,
            },
            json,
        ),
        Command::Links { action, id, all } => links::run(&mut ledger, action, id, all, json),
        Command::Costs {
            provider,
            from,
            to,
            check: true,
            month,
            ..
        } => usage::cmd_costs_check(&ledger, provider, month.as_deref(), from, to, json),
        Command::Costs {
            provider,
            from,
            to,
            by,
            vs_topups,
            ..
        } => reports::cmd_costs(&ledger, provider, from, to, by, vs_topups, json),
        Command::Usage(args) => usage::cmd_usage(&ledger, args, json),
        Command::Prices(args) => usage::cmd_prices(&ledger, args, json),
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
        Command::Sample { action } => sample::run(&mut ledger, action, json),
        Command::Keys(cmd) => sync::run_keys(cmd, json),
        Command::Sync(args) => sync::run_sync(&mut ledger, args, json),
        Command::Credits(args) => credits::cmd_credits(&mut ledger, args, json),
        Command::Budget(cmd) => credits::cmd_budget(&mut ledger, cmd, json),
        Command::Alerts(args) => credits::cmd_alerts(&mut ledger, args, json),
    }
}

//! `aispend keys set|status|remove` and `aispend sync`: Admin keys in the OS
//! keychain and the provider sync (issue #8). The rules live in
//! `aispend_core::sync`; this module reads the key from a prompt or stdin
//! (never argv), calls the core and prints.

use std::io::{BufRead, IsTerminal};

use aispend_core::provider::Provider;
use aispend_core::sync::{self, AdminKey, Keychain, Stage, SyncError, SyncOptions, SyncProgress};
use aispend_core::{msg, Ledger};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::args::ProviderArg;
use crate::out::{print_json, tr, Failure};

/// Overrides of the providers' base URLs (tests point them at 127.0.0.1).
pub const OPENAI_BASE_URL_ENV: &str = "AISPEND_OPENAI_BASE_URL";
pub const ANTHROPIC_BASE_URL_ENV: &str = "AISPEND_ANTHROPIC_BASE_URL";

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Store an Admin key in the OS keychain, read from a hidden prompt or
    /// from standard input (never from the command line)
    Set {
        #[arg(value_enum)]
        provider: ProviderArg,
    },
    /// Which providers have an Admin key stored (the keys are never shown)
    Status,
    /// Remove a provider's Admin key from the OS keychain
    Remove {
        #[arg(value_enum)]
        provider: ProviderArg,
    },
}

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Only this provider (default: every provider with a stored key)
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// First UTC day to fetch (default: the day before the last day synced,
    /// or 30 days back on a first sync)
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Show how far each endpoint has been synced, fetch nothing
    #[arg(long, conflicts_with_all = ["provider", "from"])]
    status: bool,
}

/// Reads the key: a hidden prompt on a terminal, else the first line of
/// standard input.
fn read_key(provider: Provider) -> Result<String, Failure> {
    if std::io::stdin().is_terminal() {
        let prompt = format!(
            "{} ",
            tr(msg!("cli-key-prompt", provider = provider.name()))
        );
        return Ok(rpassword::prompt_password(prompt)?);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line)
}

pub fn run_keys(cmd: KeysCommand, json: bool) -> Result<(), Failure> {
    let keychain = Keychain::os();
    match cmd {
        KeysCommand::Set { provider } => {
            let provider = Provider::from(provider);
            let key = AdminKey::from_input(provider, read_key(provider)?)?;
            keychain.set(&key)?;
            if json {
                return print_json(&serde_json::json!({
                    "provider": provider, "stored": true
                }));
            }
            println!("{}", tr(msg!("cli-key-stored", provider = provider.name())));
            Ok(())
        }
        KeysCommand::Status => {
            let status = keychain.status()?;
            if json {
                return print_json(&serde_json::json!({ "keys": status }));
            }
            for s in status {
                let m = if s.stored {
                    msg!("cli-key-status-stored")
                } else {
                    msg!("cli-key-status-none")
                };
                println!("{:<10} {}", s.provider.as_str(), tr(m));
            }
            Ok(())
        }
        KeysCommand::Remove { provider } => {
            let provider = Provider::from(provider);
            let removed = keychain.remove(provider)?;
            if json {
                return print_json(&serde_json::json!({
                    "provider": provider, "removed": removed
                }));
            }
            if removed {
                println!(
                    "{}",
                    tr(msg!("cli-key-removed", provider = provider.name()))
                );
            } else {
                println!(
                    "{}",
                    tr(msg!("cli-key-not-stored", provider = provider.name()))
                );
            }
            Ok(())
        }
    }
}

fn show_progress(p: &SyncProgress) {
    let name = p.provider.name();
    match &p.stage {
        Stage::Fetching { page } => {
            let m = msg!(
                "cli-sync-fetching",
                provider = name,
                endpoint = p.endpoint,
                page = *page
            );
            eprintln!("{}", tr(m));
        }
        Stage::Waiting {
            status,
            attempt,
            delay_ms,
        } => {
            // A delay in tenths of a second, in integers: 1500 ms is 1.5 s.
            let tenths = (*delay_ms + 50) / 100;
            let seconds = format!("{}.{}", tenths / 10, tenths % 10);
            let m = match status {
                Some(s) => msg!(
                    "cli-sync-retry-status",
                    provider = name,
                    status = u32::from(*s),
                    attempt = *attempt,
                    seconds = seconds
                ),
                None => msg!(
                    "cli-sync-retry-unreachable",
                    provider = name,
                    attempt = *attempt,
                    seconds = seconds
                ),
            };
            eprintln!("{}", tr(m));
        }
        Stage::Importing { pages } => {
            let m = msg!(
                "cli-sync-importing",
                provider = name,
                endpoint = p.endpoint,
                pages = *pages
            );
            eprintln!("{}", tr(m));
        }
        Stage::Done { .. } => {}
    }
}

pub fn run_sync(ledger: &mut Ledger, args: SyncArgs, json: bool) -> Result<(), Failure> {
    if args.status {
        let status = sync::sync_status(ledger)?;
        if json {
            return print_json(&serde_json::json!({ "sync": status }));
        }
        for s in status {
            println!(
                "{:<10} {:<18} {}",
                s.provider.as_str(),
                s.endpoint,
                tr(match (&s.synced_through, &s.last_run_at, &s.last_result) {
                    (Some(d), Some(at), Some(r)) => msg!(
                        "cli-sync-status-through",
                        date = d.to_string(),
                        at = at.to_string(),
                        result = r.to_string()
                    ),
                    (None, Some(at), Some(r)) => msg!(
                        "cli-sync-status-never-ran",
                        at = at.to_string(),
                        result = r.to_string()
                    ),
                    _ => msg!("cli-sync-status-never"),
                })
            );
        }
        return Ok(());
    }
    let mut opts = SyncOptions::new(chrono::Utc::now().date_naive());
    opts.from = args.from;
    opts.openai_base_url = std::env::var(OPENAI_BASE_URL_ENV).ok();
    opts.anthropic_base_url = std::env::var(ANTHROPIC_BASE_URL_ENV).ok();
    let keychain = Keychain::os();
    let providers: Vec<Provider> = match args.provider {
        Some(p) => vec![p.into()],
        None => vec![Provider::Openai, Provider::Anthropic],
    };
    let mut keys = Vec::new();
    let mut skipped = Vec::new();
    for provider in &providers {
        match keychain.get(*provider)? {
            Some(key) => keys.push(key),
            None if args.provider.is_some() => {
                return Err(SyncError::NoKey {
                    provider: *provider,
                }
                .into())
            }
            None => skipped.push(*provider),
        }
    }
    if keys.is_empty() {
        return Err(Failure::bad_input(msg!("cli-err-no-key")));
    }
    let mut reports = Vec::new();
    for key in &keys {
        let mut progress = |p: &SyncProgress| {
            if !json {
                show_progress(p);
            }
        };
        reports.extend(sync::sync_provider(ledger, key, &opts, &mut progress)?);
    }
    if json {
        return print_json(&serde_json::json!({
            "synced": reports,
            "skipped": skipped,
        }));
    }
    for r in &reports {
        let counts = msg!(
            "cli-sync-done",
            pages = r.pages,
            added = r.added,
            duplicates = r.duplicates
        );
        println!(
            "{} {} {}..{}: {}{}",
            r.provider.name(),
            r.endpoint,
            r.from,
            r.to,
            tr(counts),
            r.batch_id
                .map(|b| format!(" {}", tr(msg!("cli-sync-batch", batch = b))))
                .unwrap_or_default()
        );
    }
    for p in skipped {
        let m = msg!("cli-sync-skipped", provider = p.name(), id = p.as_str());
        println!("{}", tr(m));
    }
    Ok(())
}

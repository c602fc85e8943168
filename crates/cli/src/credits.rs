//! `aispend credits`, `aispend budget` and `aispend alerts`: prepaid credit
//! per provider account, budgets, and the reminders computed from both.
//!
//! Invariant: this file parses and prints; every figure, status and alert
//! comes from `aispend_core::{credits, budgets, alerts}`.

use std::io::Write;

use aispend_core::ai_provider::Provider;
use aispend_core::alerts::{self, AlertKind};
use aispend_core::budgets::{self, BudgetState, NewBudget, Period, Scope};
use aispend_core::credits::{self, NewGrant};
use aispend_core::money::Currency;
use aispend_core::Ledger;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rust_decimal::Decimal;

use crate::out::{print_json, Failure};

fn today() -> NaiveDate {
    aispend_core::clock::today_local()
}

fn provider(p: &str) -> Result<Provider, Failure> {
    Ok(p.parse::<Provider>()?)
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CreditsArgs {
    #[command(subcommand)]
    action: Option<CreditsAction>,
    /// Only this provider (openai, anthropic)
    #[arg(long)]
    provider: Option<String>,
    /// The balance as of this local date (default: today)
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum CreditsAction {
    /// Record the balance the billing page shows on a date
    SetBalance {
        #[arg(long)]
        provider: String,
        /// The balance shown, e.g. 12.34 (may be negative)
        #[arg(long, allow_hyphen_values = true)]
        amount: Decimal,
        #[arg(long, default_value = "USD")]
        currency: Currency,
        /// The local date the page showed it (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        on: NaiveDate,
        /// The organization, where the provider has several
        #[arg(long)]
        organization: Option<String>,
    },
    /// Record granted or promotional credit
    Grant {
        #[arg(long)]
        provider: String,
        /// The credit granted, e.g. 5.00
        #[arg(long, allow_hyphen_values = true)]
        amount: Decimal,
        #[arg(long, default_value = "USD")]
        currency: Currency,
        /// The local date it was granted (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        on: NaiveDate,
        /// When it expires (default: never)
        #[arg(long, value_name = "DATE")]
        expires: Option<NaiveDate>,
        #[arg(long)]
        organization: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn cmd_credits(ledger: &mut Ledger, args: CreditsArgs, json: bool) -> Result<(), Failure> {
    match args.action {
        Some(CreditsAction::SetBalance {
            provider: p,
            amount,
            currency,
            on,
            organization,
        }) => {
            let a = credits::set_balance(
                ledger,
                provider(&p)?,
                organization.as_deref(),
                amount,
                currency,
                on,
            )?;
            if json {
                return print_json(&a);
            }
            println!(
                "{} balance on {on}: {} {} stated, {} {} from the ledger's rows; unexplained {} {}.",
                a.provider.name(),
                amount,
                currency,
                a.computed_balance,
                currency,
                a.unexplained,
                currency
            );
            Ok(())
        }
        Some(CreditsAction::Grant {
            provider: p,
            amount,
            currency,
            on,
            expires,
            organization,
            note,
        }) => {
            let id = credits::grant(
                ledger,
                &NewGrant {
                    provider: provider(&p)?,
                    organization,
                    amount,
                    currency,
                    on,
                    expires,
                    note,
                },
            )?;
            if json {
                return print_json(&serde_json::json!({ "grant": id }));
            }
            println!(
                "Granted {amount} {currency} of {p} credit on {on} (grant {id}){}.",
                expires.map_or_else(String::new, |e| format!(", expires {e}"))
            );
            Ok(())
        }
        None => {
            let p = args.provider.as_deref().map(provider).transpose()?;
            let as_of = args.as_of.unwrap_or_else(today);
            let accounts = credits::credits(ledger, p, as_of)?;
            if json {
                return print_json(&accounts);
            }
            let mut out = std::io::stdout().lock();
            if accounts.is_empty() {
                writeln!(
                    out,
                    "No prepaid credit found as of {as_of}: no credit purchases, top-ups, grants or usage costs."
                )?;
                return Ok(());
            }
            for a in &accounts {
                let org = a
                    .organization
                    .as_deref()
                    .map_or_else(String::new, |o| format!(" {o}"));
                writeln!(
                    out,
                    "{}{org} ({}) as of {as_of}: balance {}",
                    a.provider.name(),
                    a.currency,
                    a.balance
                )?;
                if !a.unexplained.is_zero() {
                    writeln!(
                        out,
                        "  {} of it the ledger cannot explain (balance stated on {})",
                        a.unexplained,
                        a.checked_on.map(|d| d.to_string()).unwrap_or_default()
                    )?;
                }
                writeln!(
                    out,
                    "  burn per day {} (7 days), {} (30 days); runs out {}",
                    a.burn_per_day_7d,
                    a.burn_per_day_30d,
                    a.runs_out_on
                        .map_or_else(|| "not at this rate".into(), |d| format!("on {d}"))
                )?;
                if let Some(e) = &a.next_expiry {
                    writeln!(out, "  next expiry {}: {} {}", e.date, e.amount, a.currency)?;
                }
                let r = &a.auto_recharge;
                if r.detected {
                    writeln!(
                        out,
                        "  auto-recharge {} at about {}; {} this month{}",
                        r.amount.unwrap_or_default(),
                        r.threshold.unwrap_or_default(),
                        r.count_this_month,
                        if r.is_loop { " (a loop?)" } else { "" }
                    )?;
                }
                for p in &a.purchases {
                    writeln!(
                        out,
                        "  {} {:>10} {:<11} left {:>10}  expires {}  [{}]",
                        p.date,
                        p.amount,
                        format!("{:?}", p.source).to_lowercase(),
                        p.remaining,
                        p.expires_on
                            .map_or_else(|| "never".into(), |d| d.to_string()),
                        p.rows.join(", ")
                    )?;
                }
            }
            Ok(())
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Set a budget for a provider, a vendor, a class or a tag
    Set {
        /// Usage cost of a provider (openai, anthropic, google, cursor, github, openrouter)
        #[arg(long, group = "scope")]
        provider: Option<String>,
        /// Card lines of a vendor (e.g. cursor)
        #[arg(long, group = "scope")]
        vendor: Option<String>,
        /// Card lines of a class: ai-api, ai-subscription or ai
        #[arg(long, group = "scope")]
        class: Option<String>,
        /// Card lines with a tag (e.g. client:acme)
        #[arg(long, group = "scope")]
        tag: Option<String>,
        /// The limit, e.g. 100.00
        #[arg(long, allow_hyphen_values = true)]
        amount: Decimal,
        #[arg(long, default_value = "USD")]
        currency: Currency,
        /// monthly, or YYYY-MM-DD..YYYY-MM-DD
        #[arg(long, default_value = "monthly")]
        period: String,
    },
    /// List the budgets
    List,
    /// Remove a budget
    Remove {
        #[arg(value_name = "ID")]
        id: i64,
    },
    /// Spent, projected and over/under per budget (--json: the budgets,
    /// each with the plan values its scope covers in `plan_value`)
    Status {
        /// Judge on this local date (default: today)
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
    /// Plan value, budgets or none: this month's plan usage at API prices
    /// against the plans' price prorated to the days so far (--json: one
    /// object per provider and currency, the rows behind the price in `rows`)
    PlanValue {
        /// The local date the month runs to (default: today)
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
}

/// Plan value on `as_of` (the user's local days).
fn plan_values(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<budgets::PlanValue>, Failure> {
    let prices = aispend_core::usage::prices_for(ledger)?;
    let subs = aispend_core::reports::subscriptions(ledger, as_of)?;
    Ok(budgets::plan_value(
        ledger,
        &prices,
        as_of,
        aispend_core::usage::Zone::Local,
        &subs,
    )?)
}

/// Plan value as text: the message, then the rows behind the price.
fn print_plan_values(list: &[budgets::PlanValue]) {
    let lang = crate::lang();
    for v in list {
        println!("{}", v.msg.render(lang));
        if !v.rows.is_empty() {
            println!("  price from: {}", v.rows.join(", "));
        }
        if !v.by_hand.is_empty() {
            println!("  entered by hand: {}", v.by_hand.join(", "));
        }
    }
}

pub fn cmd_budget(ledger: &mut Ledger, cmd: BudgetCommand, json: bool) -> Result<(), Failure> {
    match cmd {
        BudgetCommand::Set {
            provider,
            vendor,
            class,
            tag,
            amount,
            currency,
            period,
        } => {
            let scope = match (provider, vendor, class, tag) {
                (Some(v), ..) => Scope::parse("provider", &v)?,
                (_, Some(v), ..) => Scope::parse("vendor", &v)?,
                (_, _, Some(v), _) => Scope::parse("class", &v)?,
                (.., Some(v)) => Scope::parse("tag", &v)?,
                _ => {
                    return Err(Failure::bad_input(
                        "name what the budget counts: --provider, --vendor, --class or --tag",
                    ))
                }
            };
            let b = budgets::set_budget(
                ledger,
                &NewBudget {
                    scope,
                    amount,
                    currency,
                    period: Period::parse(&period)?,
                },
            )?;
            if json {
                return print_json(&b);
            }
            println!(
                "Budget {}: {} {} {} for {}.",
                b.id, b.amount, b.currency, b.period, b.scope
            );
            Ok(())
        }
        BudgetCommand::List => {
            let list = budgets::budgets(ledger)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("No budgets; `aispend budget set --class ai --amount 100` sets one.");
            }
            for b in &list {
                println!(
                    "{:>4}  {:<28} {:>10} {}  {}",
                    b.id, b.scope, b.amount, b.currency, b.period
                );
            }
            Ok(())
        }
        BudgetCommand::Remove { id } => {
            budgets::remove_budget(ledger, id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("Removed budget {id}.");
            Ok(())
        }
        BudgetCommand::Status { as_of } => {
            let as_of = as_of.unwrap_or_else(today);
            let mut list = budgets::budget_status(ledger, as_of)?;
            let plans = plan_values(ledger, as_of)?;
            budgets::attach_plan_value(&mut list, &plans)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("No budgets.");
            }
            for b in &list {
                println!(
                    "{:>4}  {:<28} {:>10} {}  spent {:>10}  projected {:>10}  {}  ({}..{})",
                    b.id,
                    b.scope,
                    b.amount,
                    b.currency,
                    b.spent,
                    b.projected,
                    match b.status {
                        BudgetState::Ok => "ok",
                        BudgetState::ProjectedOver => "projected over",
                        BudgetState::Over => "OVER",
                    },
                    b.period_from,
                    b.period_to
                );
            }
            print_plan_values(&plans);
            Ok(())
        }
        BudgetCommand::PlanValue { as_of } => {
            let as_of = as_of.unwrap_or_else(today);
            let plans = plan_values(ledger, as_of)?;
            if json {
                return print_json(&plans);
            }
            if plans.is_empty() {
                println!("No plan usage from the first of the month to {as_of}.");
            }
            print_plan_values(&plans);
            Ok(())
        }
    }
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    action: Option<AlertsAction>,
    /// Compute them on this local date (default: today)
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Include dismissed alerts and kinds turned off
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Subcommand)]
pub enum AlertsAction {
    /// Dismiss an alert by its id
    Dismiss {
        #[arg(value_name = "ID")]
        id: String,
        /// The local date it is an alert on (default: today)
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
    /// Mark a plan cancelled: a later charge raises lapsed_still_charged
    Cancelled {
        /// Vendor id, e.g. openai
        #[arg(long)]
        vendor: String,
        /// Only this product, e.g. "ChatGPT Plus"
        #[arg(long)]
        product: Option<String>,
        /// The local date it was cancelled (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        on: NaiveDate,
    },
    /// Show or change which kinds are on, and quiet mode
    Settings {
        /// A kind to turn on or off, e.g. renewal_soon
        #[arg(long, requires = "enabled")]
        kind: Option<String>,
        /// on or off, for --kind
        #[arg(long, value_name = "on|off")]
        enabled: Option<String>,
        /// Quiet mode (no notifications): on or off
        #[arg(long, value_name = "on|off")]
        quiet: Option<String>,
    },
}

fn on_off(v: &str, what: &str) -> Result<bool, Failure> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        other => Err(Failure::bad_input(format!(
            "{what} {other:?}: expected on or off"
        ))),
    }
}

pub fn cmd_alerts(ledger: &mut Ledger, args: AlertsArgs, json: bool) -> Result<(), Failure> {
    let as_of = args.as_of.unwrap_or_else(today);
    match args.action {
        Some(AlertsAction::Dismiss { id, as_of: on }) => {
            let as_of = on.unwrap_or(as_of);
            let a = alerts::dismiss(ledger, &id, as_of, aispend_core::clock::now_utc())?;
            if json {
                return print_json(&a);
            }
            println!("Dismissed {}: {}", a.id, a.msg.render(crate::lang()));
            Ok(())
        }
        Some(AlertsAction::Cancelled {
            vendor,
            product,
            on,
        }) => {
            let c = alerts::mark_cancelled(ledger, &vendor, product.as_deref(), on)?;
            if json {
                return print_json(&c);
            }
            println!(
                "Marked {}{} cancelled on {}.",
                c.vendor,
                c.product
                    .as_deref()
                    .map_or_else(String::new, |p| format!(" {p}")),
                c.cancelled_on
            );
            Ok(())
        }
        Some(AlertsAction::Settings {
            kind,
            enabled,
            quiet,
        }) => {
            if let (Some(k), Some(e)) = (kind, enabled) {
                let kind = AlertKind::parse(&k).ok_or_else(|| {
                    Failure::bad_input(format!(
                        "{k:?} is not an alert kind; expected one of {}",
                        AlertKind::ALL.map(AlertKind::as_str).join(", ")
                    ))
                })?;
                alerts::set_kind_enabled(ledger, kind, on_off(&e, "--enabled")?)?;
            }
            if let Some(q) = quiet {
                alerts::set_quiet(ledger, on_off(&q, "--quiet")?)?;
            }
            let s = alerts::settings(ledger)?;
            if json {
                return print_json(&s);
            }
            println!("quiet mode: {}", if s.quiet { "on" } else { "off" });
            for k in &s.kinds {
                println!(
                    "  {:<22} {}",
                    k.kind.as_str(),
                    if k.enabled { "on" } else { "off" }
                );
            }
            Ok(())
        }
        None => {
            let list = alerts::alerts(ledger, as_of, args.all)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("No alerts as of {as_of}.");
            }
            for a in &list {
                println!(
                    "{}  {:<20} {}{}  [{}]  {}",
                    a.date,
                    a.kind.as_str(),
                    a.msg.render(crate::lang()),
                    if a.dismissed { " (dismissed)" } else { "" },
                    a.rows.join(", "),
                    a.id
                );
            }
            Ok(())
        }
    }
}

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
use aispend_core::{msg, Ledger};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rust_decimal::Decimal;

use crate::out::{amount, pad, print_json, tr, Failure};

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
            let m = msg!(
                "cli-credits-balance-set",
                provider = a.provider.name(),
                date = on.to_string(),
                stated = format!("{amount} {currency}"),
                computed = format!("{} {currency}", a.computed_balance),
                unexplained = format!("{} {currency}", a.unexplained)
            );
            println!("{}", tr(m));
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
            let amount = format!("{amount} {currency}");
            let m = match expires {
                Some(e) => msg!(
                    "cli-credits-granted-expiring",
                    amount = amount,
                    provider = p.as_str(),
                    date = on.to_string(),
                    grant = id,
                    expires = e.to_string()
                ),
                None => msg!(
                    "cli-credits-granted",
                    amount = amount,
                    provider = p.as_str(),
                    date = on.to_string(),
                    grant = id
                ),
            };
            println!("{}", tr(m));
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
                let m = msg!("cli-credits-none", date = as_of.to_string());
                writeln!(out, "{}", tr(m))?;
                return Ok(());
            }
            for a in &accounts {
                let org = a
                    .organization
                    .as_deref()
                    .map_or_else(String::new, |o| format!(" {o}"));
                let m = msg!(
                    "cli-credits-account",
                    account = format!("{}{org}", a.provider.name()),
                    currency = a.currency.to_string(),
                    date = as_of.to_string(),
                    balance = amount(a.balance)
                );
                writeln!(out, "{}", tr(m))?;
                if !a.unexplained.is_zero() {
                    let m = msg!(
                        "cli-credits-unexplained",
                        amount = amount(a.unexplained),
                        date = a.checked_on.map(|d| d.to_string()).unwrap_or_default()
                    );
                    writeln!(out, "  {}", tr(m))?;
                }
                let runs_out = match a.runs_out_on {
                    Some(d) => msg!("cli-credits-runs-out-on", date = d.to_string()),
                    None => msg!("cli-credits-runs-out-never"),
                };
                let m = msg!(
                    "cli-credits-burn",
                    week = a.burn_per_day_7d.to_string(),
                    month = a.burn_per_day_30d.to_string(),
                    runs_out = runs_out
                );
                writeln!(out, "  {}", tr(m))?;
                if let Some(e) = &a.next_expiry {
                    let m = msg!(
                        "cli-credits-next-expiry",
                        date = e.date.to_string(),
                        amount = format!("{} {}", amount(e.amount), a.currency)
                    );
                    writeln!(out, "  {}", tr(m))?;
                }
                let r = &a.auto_recharge;
                if r.detected {
                    let m = msg!(
                        "cli-credits-auto-recharge",
                        amount = r.amount.unwrap_or_default().to_string(),
                        threshold = r.threshold.unwrap_or_default().to_string(),
                        count = r.count_this_month,
                        looping = if r.is_loop { "yes" } else { "no" }
                    );
                    writeln!(out, "  {}", tr(m))?;
                }
                for p in &a.purchases {
                    let expires = p
                        .expires_on
                        .map_or_else(|| tr(msg!("cli-credits-never")), |d| d.to_string());
                    let m = msg!(
                        "cli-credits-purchase",
                        left = format!("{:>10}", amount(p.remaining)),
                        expires = expires
                    );
                    let source = match p.source {
                        credits::CreditSource::Payment => msg!("cli-credit-source-payment"),
                        credits::CreditSource::Receipt => msg!("cli-credit-source-receipt"),
                        credits::CreditSource::Card => msg!("cli-credit-source-card"),
                        credits::CreditSource::Grant => msg!("cli-credit-source-grant"),
                        credits::CreditSource::UsageCredit => {
                            msg!("cli-credit-source-usage-credit")
                        }
                    };
                    writeln!(
                        out,
                        "  {} {:>10} {} {}  [{}]",
                        p.date,
                        amount(p.amount),
                        pad(&tr(source), 11),
                        tr(m),
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
            let m = msg!("cli-plan-price-from", rows = v.rows.join(", "));
            println!("  {}", m.render(lang));
        }
        if !v.by_hand.is_empty() {
            let m = msg!("cli-plan-by-hand", plans = v.by_hand.join(", "));
            println!("  {}", m.render(lang));
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
                _ => return Err(Failure::bad_input(msg!("cli-err-budget-scope"))),
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
            let period = if b.period == "monthly" {
                tr(msg!("cli-budget-monthly"))
            } else {
                b.period.clone()
            };
            let m = msg!(
                "cli-budget-set",
                id = b.id,
                amount = format!("{} {}", b.amount, b.currency),
                period = period,
                scope = b.scope.as_str()
            );
            println!("{}", tr(m));
            Ok(())
        }
        BudgetCommand::List => {
            let list = budgets::budgets(ledger)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("{}", tr(msg!("cli-budgets-none-set")));
            }
            for b in &list {
                let period = if b.period == "monthly" {
                    tr(msg!("cli-budget-monthly"))
                } else {
                    b.period.clone()
                };
                println!(
                    "{:>4}  {:<28} {:>10} {}  {}",
                    b.id,
                    b.scope,
                    amount(b.amount),
                    b.currency,
                    period
                );
            }
            Ok(())
        }
        BudgetCommand::Remove { id } => {
            budgets::remove_budget(ledger, id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("{}", tr(msg!("cli-budget-removed", id = id)));
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
                println!("{}", tr(msg!("cli-budgets-none")));
            }
            for b in &list {
                let status = match b.status {
                    BudgetState::Ok => msg!("cli-budget-ok"),
                    BudgetState::ProjectedOver => msg!("cli-budget-projected-over"),
                    BudgetState::Over => msg!("cli-budget-over"),
                };
                let m = msg!(
                    "cli-budget-status",
                    spent = format!("{:>10}", amount(b.spent)),
                    projected = format!("{:>10}", amount(b.projected)),
                    status = status,
                    from = b.period_from.to_string(),
                    to = b.period_to.to_string()
                );
                println!(
                    "{:>4}  {:<28} {:>10} {}  {}",
                    b.id,
                    b.scope,
                    amount(b.amount),
                    b.currency,
                    tr(m)
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
                let m = msg!("cli-plan-none", to = as_of.to_string());
                println!("{}", tr(m));
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
        other => Err(Failure::bad_input(msg!(
            "cli-err-on-off",
            flag = what,
            found = format!("{other:?}")
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
            let m = msg!(
                "cli-alert-dismissed",
                id = a.id.as_str(),
                alert = a.msg.clone()
            );
            println!("{}", tr(m));
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
            let plan = format!(
                "{}{}",
                c.vendor,
                c.product
                    .as_deref()
                    .map_or_else(String::new, |p| format!(" {p}"))
            );
            let m = msg!(
                "cli-alert-cancelled",
                plan = plan,
                date = c.cancelled_on.to_string()
            );
            println!("{}", tr(m));
            Ok(())
        }
        Some(AlertsAction::Settings {
            kind,
            enabled,
            quiet,
        }) => {
            if let (Some(k), Some(e)) = (kind, enabled) {
                let kind = AlertKind::parse(&k).ok_or_else(|| {
                    Failure::bad_input(msg!(
                        "cli-err-alert-kind",
                        found = format!("{k:?}"),
                        kinds = crate::out::list(&AlertKind::ALL.map(AlertKind::as_str))
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
            let on_off = |on: bool| tr(if on { msg!("cli-on") } else { msg!("cli-off") });
            println!("{}", tr(msg!("cli-quiet-mode", state = on_off(s.quiet))));
            for k in &s.kinds {
                println!("  {:<22} {}", k.kind.as_str(), on_off(k.enabled));
            }
            Ok(())
        }
        None => {
            let list = alerts::alerts(ledger, as_of, args.all)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("{}", tr(msg!("cli-alerts-none", date = as_of.to_string())));
            }
            for a in &list {
                println!(
                    "{}  {:<20} {}{}  [{}]  {}",
                    a.date,
                    a.kind.as_str(),
                    a.msg.render(crate::lang()),
                    if a.dismissed {
                        format!(" {}", tr(msg!("cli-alert-dismissed-mark")))
                    } else {
                        String::new()
                    },
                    a.rows.join(", "),
                    a.id
                );
            }
            Ok(())
        }
    }
}

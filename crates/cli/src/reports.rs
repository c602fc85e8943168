//! `aispend summary`, `aispend subs` and `aispend costs --by/--vs-topups`.

use std::io::Write;

use aispend_core::money::Currency;
use aispend_core::provider::{CostFilter, Provider};
use aispend_core::reports::{
    Cadence, CostKey, NewManualSubscription, Period, SubSource, SubStatus,
};
use aispend_core::Ledger;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::args::ProviderArg;
use crate::out::{print_json, Failure};

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// A local calendar month, YYYY-MM
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    month: Option<String>,
    /// First local date, inclusive (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last local date, inclusive (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
}

pub fn cmd_summary(ledger: &Ledger, args: SummaryArgs, json: bool) -> Result<(), Failure> {
    let period = match &args.month {
        Some(m) => Period::month(m)?,
        None => Period::between(args.from, args.to)?,
    };
    let s = aispend_core::reports::summary(ledger, period)?;
    if json {
        return print_json(&s);
    }
    let mut out = std::io::stdout().lock();
    // The period asked for where it is closed, else where the lines begin
    // or end; an open end with no line beyond it stays open.
    let period = match (s.from.or(s.lines_from), s.to.or(s.lines_to)) {
        (Some(from), Some(to)) => format!("{from} to {to}"),
        (Some(from), None) => format!("from {from}"),
        (None, Some(to)) => format!("up to {to}"),
        (None, None) => "over all dates".to_owned(),
    };
    writeln!(
        out,
        "Spending summary {period} (local statement dates, posted lines)"
    )?;
    if s.totals.is_empty() {
        writeln!(out, "  No lines in this period.")?;
    }
    for t in &s.totals {
        writeln!(
            out,
            "  {:<16} {:>14} {}  spent {:>14}  in {:>12}  ({} lines)",
            t.class, t.amount, t.currency, t.spent, t.received, t.count
        )?;
    }
    if !s.by_vendor.is_empty() {
        writeln!(out, "By vendor:")?;
        for v in &s.by_vendor {
            writeln!(
                out,
                "  {:<18} {:<16} {:>12} {}  ({} lines)",
                v.vendor, v.class, v.amount, v.currency, v.count
            )?;
        }
    }
    if !s.months.is_empty() {
        writeln!(out, "By month:")?;
        for m in &s.months {
            writeln!(
                out,
                "  {}  {:<16} {:>14} {}",
                m.month, m.class, m.amount, m.currency
            )?;
        }
    }
    if !s.original.is_empty() {
        writeln!(out, "Charged in another currency:")?;
        for o in &s.original {
            writeln!(
                out,
                "  {:<16} {:<14} {:>12} {} for {:>12} {}",
                o.class,
                o.vendor.as_deref().unwrap_or("-"),
                o.amount,
                o.currency,
                o.original_amount,
                o.original_currency
            )?;
        }
    }
    if !s.pending.is_empty() {
        writeln!(out, "Pending (not in the totals):")?;
        for t in &s.pending {
            writeln!(
                out,
                "  {:<16} {:>14} {}  ({} lines)",
                t.class, t.amount, t.currency, t.count
            )?;
        }
    }
    match (s.ai_share, &s.ai_share_currency) {
        (Some(share), Some(c)) => writeln!(
            out,
            "AI share of spending ({c}, transfers excluded): {}%",
            (share * Decimal::ONE_HUNDRED).normalize()
        )?,
        _ => writeln!(out, "AI share of spending: - (nothing spent)")?,
    }
    for sh in s
        .ai_share_by_currency
        .iter()
        .filter(|sh| Some(&sh.currency) != s.ai_share_currency.as_ref())
    {
        if let Some(share) = sh.share {
            writeln!(
                out,
                "  in {}: {}%",
                sh.currency,
                (share * Decimal::ONE_HUNDRED).normalize()
            )?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CadenceArg {
    Weekly,
    Monthly,
    Annual,
}

impl From<CadenceArg> for Cadence {
    fn from(c: CadenceArg) -> Self {
        match c {
            CadenceArg::Weekly => Cadence::Weekly,
            CadenceArg::Monthly => Cadence::Monthly,
            CadenceArg::Annual => Cadence::Annual,
        }
    }
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SubsArgs {
    #[command(subcommand)]
    action: Option<SubsAction>,
    /// Judge active/lapsed on this date (default: today, local)
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum SubsAction {
    /// Enter a subscription by hand
    Add {
        /// Vendor id, e.g. openai
        #[arg(long)]
        vendor: String,
        /// e.g. "ChatGPT Plus"
        #[arg(long)]
        product: Option<String>,
        /// The price, e.g. 20.00
        #[arg(long)]
        amount: Decimal,
        #[arg(long, default_value = "USD")]
        currency: Currency,
        #[arg(long, value_enum, default_value = "monthly")]
        cadence: CadenceArg,
        /// The first charge (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: NaiveDate,
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a subscription entered by hand
    Remove {
        #[arg(value_name = "ID")]
        id: i64,
    },
}

pub fn cmd_subs(ledger: &mut Ledger, args: SubsArgs, json: bool) -> Result<(), Failure> {
    match args.action {
        Some(SubsAction::Add {
            vendor,
            product,
            amount,
            currency,
            cadence,
            since,
            note,
        }) => {
            let m = aispend_core::reports::add_manual_subscription(
                ledger,
                &NewManualSubscription {
                    vendor,
                    product,
                    amount,
                    currency,
                    cadence: cadence.into(),
                    since,
                    note,
                },
            )?;
            if json {
                return print_json(&m);
            }
            println!(
                "Added subscription {}: {} {} {} {} since {}.",
                m.id,
                m.vendor,
                m.amount,
                m.currency,
                m.cadence.as_str(),
                m.since
            );
            Ok(())
        }
        Some(SubsAction::Remove { id }) => {
            aispend_core::reports::remove_manual_subscription(ledger, id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("Removed subscription {id}.");
            Ok(())
        }
        None => {
            let as_of = args
                .as_of
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let subs = aispend_core::reports::subscriptions(ledger, as_of)?;
            if json {
                return print_json(&subs);
            }
            if subs.is_empty() {
                println!("No subscriptions found as of {as_of}.");
                return Ok(());
            }
            let mut out = std::io::stdout().lock();
            writeln!(out, "Subscriptions as of {as_of}:")?;
            for s in &subs {
                let mut flags = Vec::new();
                if s.price_change {
                    flags.push(format!(
                        "price changed {} from {} {}",
                        s.price_changed_on
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                        s.previous_amount.unwrap_or_default(),
                        s.previous_currency
                            .map(|c| c.to_string())
                            .unwrap_or_default()
                    ));
                }
                if s.trial_to_paid {
                    flags.push("trial to paid".into());
                }
                if s.source == SubSource::Manual {
                    flags.push(format!("manual #{}", s.id.unwrap_or_default()));
                }
                writeln!(
                    out,
                    "  {:<7} {:<16} {:<20} {:<8} {:>10} {}  last {}  next {}  {:>10}/yr{}",
                    match s.status {
                        SubStatus::Active => "active",
                        SubStatus::Lapsed => "lapsed",
                    },
                    s.vendor,
                    s.product.as_deref().unwrap_or("-"),
                    s.cadence.as_str(),
                    s.amount,
                    s.currency,
                    s.last_charge.map_or_else(|| "-".into(), |d| d.to_string()),
                    s.next_renewal.map_or_else(|| "-".into(), |d| d.to_string()),
                    s.annual_cost,
                    if flags.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", flags.join("; "))
                    }
                )?;
            }
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ByArg {
    Project,
    LineItem,
    Model,
    ApiKey,
    Month,
}

impl From<ByArg> for CostKey {
    fn from(b: ByArg) -> Self {
        match b {
            ByArg::Project => CostKey::Project,
            ByArg::LineItem => CostKey::LineItem,
            ByArg::Model => CostKey::Model,
            ByArg::ApiKey => CostKey::ApiKey,
            ByArg::Month => CostKey::Month,
        }
    }
}

/// `costs`: the list (no `--by`), a breakdown (`--by`), or costs beside
/// top-ups (`--vs-topups`).
pub fn cmd_costs(
    ledger: &Ledger,
    provider: Option<ProviderArg>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    by: Option<ByArg>,
    vs_topups: bool,
    json: bool,
) -> Result<(), Failure> {
    Period::between(from, to)?;
    let filter = CostFilter {
        provider: provider.map(Provider::from),
        from,
        to,
    };
    if vs_topups {
        let months = aispend_core::reports::costs_vs_topups(ledger, &filter)?;
        if json {
            return print_json(&months);
        }
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "month    provider   currency        cost   card top-ups  credit purchases"
        )?;
        for m in &months {
            writeln!(
                out,
                "{}  {:<9}  {:<8} {:>11} {:>14} {:>17}",
                m.month,
                m.provider.as_str(),
                m.currency,
                m.cost,
                m.card_topups,
                m.credit_purchases
            )?;
        }
        writeln!(
            out,
            "(cost and credit purchases by UTC month; card lines by their local statement month)"
        )?;
        return Ok(());
    }
    let Some(by) = by else {
        return crate::provider::cmd_costs(ledger, provider, from, to, json);
    };
    let b = aispend_core::reports::cost_breakdown(ledger, &filter, by.into())?;
    if json {
        return print_json(&b);
    }
    let mut out = std::io::stdout().lock();
    for g in &b.groups {
        writeln!(
            out,
            "{:<9}  {:<40} {:>12} {}  ({} records)",
            g.provider.as_str(),
            g.key,
            g.amount,
            g.currency,
            g.records
        )?;
    }
    for t in &b.totals {
        writeln!(
            out,
            "{:<9}  {:<40} {:>12} {}  ({} records)",
            t.provider.as_str(),
            "total",
            t.amount,
            t.currency,
            t.records
        )?;
    }
    if b.groups.is_empty() {
        writeln!(
            out,
            "No provider cost records. Import an OpenAI or Anthropic cost export with `aispend import FILE`."
        )?;
    }
    Ok(())
}

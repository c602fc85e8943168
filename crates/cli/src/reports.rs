//! `aispend summary`, `aispend subs` and `aispend costs --by/--vs-topups`.

use std::io::Write;

use aispend_core::money::Currency;
use aispend_core::provider::{CostFilter, Provider};
use aispend_core::reports::{
    Cadence, CostKey, NewManualSubscription, Period, SubSource, SubStatus,
};
use aispend_core::{msg, Ledger};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::args::ProviderArg;
use crate::out::{amount, pad, pad_left, print_json, tr, Failure};

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
        (Some(from), Some(to)) => msg!(
            "cli-period-between",
            from = from.to_string(),
            to = to.to_string()
        ),
        (Some(from), None) => msg!("cli-period-from", from = from.to_string()),
        (None, Some(to)) => msg!("cli-period-to", to = to.to_string()),
        (None, None) => msg!("cli-period-all"),
    };
    writeln!(out, "{}", tr(msg!("cli-summary-title", period = period)))?;
    if s.totals.is_empty() {
        writeln!(out, "  {}", tr(msg!("cli-summary-no-lines")))?;
    }
    for t in &s.totals {
        let totals = msg!(
            "cli-summary-class-total",
            spent = format!("{:>14}", amount(t.spent)),
            received = format!("{:>12}", amount(t.received)),
            count = t.count
        );
        writeln!(
            out,
            "  {:<16} {:>14} {}  {}",
            t.class,
            amount(t.amount),
            t.currency,
            tr(totals)
        )?;
    }
    if !s.by_vendor.is_empty() {
        writeln!(out, "{}", tr(msg!("cli-summary-by-vendor")))?;
        for v in &s.by_vendor {
            writeln!(
                out,
                "  {:<18} {:<16} {:>12} {}  {}",
                v.vendor,
                v.class,
                amount(v.amount),
                v.currency,
                tr(msg!("cli-lines-count", count = v.count))
            )?;
        }
    }
    if !s.months.is_empty() {
        writeln!(out, "{}", tr(msg!("cli-summary-by-month")))?;
        for m in &s.months {
            writeln!(
                out,
                "  {}  {:<16} {:>14} {}",
                m.month,
                m.class,
                amount(m.amount),
                m.currency
            )?;
        }
    }
    if !s.original.is_empty() {
        writeln!(out, "{}", tr(msg!("cli-summary-other-currency")))?;
        for o in &s.original {
            let paid = msg!(
                "cli-summary-charged-for",
                amount = format!("{:>12}", amount(o.amount)),
                currency = o.currency.to_string(),
                original = format!("{:>12}", amount(o.original_amount)),
                original_currency = o.original_currency.to_string()
            );
            writeln!(
                out,
                "  {:<16} {:<14} {}",
                o.class,
                o.vendor.as_deref().unwrap_or("-"),
                tr(paid)
            )?;
        }
    }
    if !s.pending.is_empty() {
        writeln!(out, "{}", tr(msg!("cli-summary-pending")))?;
        for t in &s.pending {
            writeln!(
                out,
                "  {:<16} {:>14} {}  {}",
                t.class,
                amount(t.amount),
                t.currency,
                tr(msg!("cli-lines-count", count = t.count))
            )?;
        }
    }
    match (s.ai_share, &s.ai_share_currency) {
        (Some(share), Some(c)) => writeln!(
            out,
            "{}",
            tr(msg!(
                "cli-summary-ai-share",
                currency = c.to_string(),
                percent = percent(share)
            ))
        )?,
        _ => writeln!(out, "{}", tr(msg!("cli-summary-ai-share-none")))?,
    }
    for sh in s
        .ai_share_by_currency
        .iter()
        .filter(|sh| Some(&sh.currency) != s.ai_share_currency.as_ref())
    {
        if let Some(share) = sh.share {
            let m = msg!(
                "cli-summary-ai-share-in",
                currency = sh.currency.to_string(),
                percent = percent(share)
            );
            writeln!(out, "  {}", tr(m))?;
        }
    }
    Ok(())
}

/// A share (0.25) as the number before a percent sign ("25"), exact: a
/// decimal, never a float.
fn percent(share: Decimal) -> String {
    (share * Decimal::ONE_HUNDRED).normalize().to_string()
}

/// A cadence in the reader's language.
fn cadence_msg(c: Cadence) -> aispend_core::i18n::Msg {
    match c {
        Cadence::Weekly => msg!("cli-cadence-weekly"),
        Cadence::Monthly => msg!("cli-cadence-monthly"),
        Cadence::Annual => msg!("cli-cadence-annual"),
    }
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
            let added = msg!(
                "cli-sub-added",
                id = m.id,
                vendor = m.vendor.as_str(),
                amount = format!("{} {}", m.amount, m.currency),
                cadence = cadence_msg(m.cadence),
                since = m.since.to_string()
            );
            println!("{}", tr(added));
            Ok(())
        }
        Some(SubsAction::Remove { id }) => {
            aispend_core::reports::remove_manual_subscription(ledger, id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("{}", tr(msg!("cli-sub-removed", id = id)));
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
                println!("{}", tr(msg!("cli-subs-none", date = as_of.to_string())));
                return Ok(());
            }
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{}",
                tr(msg!("cli-subs-title", date = as_of.to_string()))
            )?;
            for s in &subs {
                let mut flags = Vec::new();
                if s.price_change {
                    flags.push(tr(msg!(
                        "cli-sub-price-changed",
                        date = s
                            .price_changed_on
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                        amount = s.previous_amount.unwrap_or_default().to_string(),
                        currency = s
                            .previous_currency
                            .map(|c| c.to_string())
                            .unwrap_or_default()
                    )));
                }
                if s.trial_to_paid {
                    flags.push(tr(msg!("cli-sub-trial-to-paid")));
                }
                if s.source == SubSource::Manual {
                    flags.push(tr(msg!("cli-sub-manual", id = s.id.unwrap_or_default())));
                }
                let status = match s.status {
                    SubStatus::Active => msg!("cli-sub-active"),
                    SubStatus::Lapsed => msg!("cli-sub-lapsed"),
                };
                let dates = msg!(
                    "cli-sub-dates",
                    last = s.last_charge.map_or_else(|| "-".into(), |d| d.to_string()),
                    next = s.next_renewal.map_or_else(|| "-".into(), |d| d.to_string()),
                    annual = format!("{:>10}", amount(s.annual_cost))
                );
                writeln!(
                    out,
                    "  {} {:<16} {:<20} {} {:>10} {}  {}{}",
                    pad(&tr(status), 7),
                    s.vendor,
                    s.product.as_deref().unwrap_or("-"),
                    pad(&tr(cadence_msg(s.cadence)), 8),
                    amount(s.amount),
                    s.currency,
                    tr(dates),
                    if flags.is_empty() {
                        String::new()
                    } else {
                        tr(msg!(
                            "cli-sub-flags",
                            flags = flags.join(&tr(msg!("cli-flag-separator")))
                        ))
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
            "{}  {}  {} {} {} {}",
            pad(&tr(msg!("cli-col-month")), 7),
            pad(&tr(msg!("cli-col-provider")), 9),
            pad(&tr(msg!("cli-col-currency")), 8),
            pad_left(&tr(msg!("cli-col-cost")), 11),
            pad_left(&tr(msg!("cli-col-card-topups")), 14),
            pad_left(&tr(msg!("cli-col-credit-purchases")), 17)
        )?;
        for m in &months {
            writeln!(
                out,
                "{}  {:<9}  {:<8} {:>11} {:>14} {:>17}",
                m.month,
                m.provider.as_str(),
                m.currency,
                amount(m.cost),
                amount(m.card_topups),
                amount(m.credit_purchases)
            )?;
        }
        writeln!(out, "{}", tr(msg!("cli-costs-vs-topups-note")))?;
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
            "{:<9}  {:<40} {:>12} {}  {}",
            g.provider.as_str(),
            g.key,
            amount(g.amount),
            g.currency,
            tr(msg!("cli-records-count", count = g.records))
        )?;
    }
    let total = tr(msg!("cli-total"));
    for t in &b.totals {
        writeln!(
            out,
            "{:<9}  {} {:>12} {}  {}",
            t.provider.as_str(),
            pad(&total, 40),
            amount(t.amount),
            t.currency,
            tr(msg!("cli-records-count", count = t.records))
        )?;
    }
    if b.groups.is_empty() {
        writeln!(out, "{}", tr(msg!("cli-costs-none")))?;
    }
    Ok(())
}

//! `aispend usage`, `aispend prices` and `aispend costs --check`: usage of
//! AI tools that bill by use, the price list, and the three-way check.

use std::io::Write;

use aispend_core::pricing::PriceList;
use aispend_core::usage::{self, check, UsageBy, UsageFilter, Zone};
use aispend_core::{msg, Ledger};
use chrono::{FixedOffset, NaiveDate};
use clap::{Args, ValueEnum};

use crate::args::ProviderArg;
use crate::out::{amount, count, pad, pad_left, print_json, tr, Failure};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UsageByArg {
    Tool,
    Model,
    Project,
    Machine,
    Day,
    Month,
}

impl From<UsageByArg> for UsageBy {
    fn from(b: UsageByArg) -> Self {
        match b {
            UsageByArg::Tool => UsageBy::Tool,
            UsageByArg::Model => UsageBy::Model,
            UsageByArg::Project => UsageBy::Project,
            UsageByArg::Machine => UsageBy::Machine,
            UsageByArg::Day => UsageBy::Day,
            UsageByArg::Month => UsageBy::Month,
        }
    }
}

#[derive(Debug, Args)]
pub struct UsageArgs {
    /// Total by tool, model, project, machine, day or month
    #[arg(long, value_enum, default_value = "tool")]
    by: UsageByArg,
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// First day, inclusive, in your time zone (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last day, inclusive, in your time zone (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
    /// Days and months at this UTC offset (e.g. +08:00) instead of this
    /// machine's time zone
    #[arg(long, value_name = "OFFSET", allow_hyphen_values = true)]
    utc_offset: Option<String>,
    /// List every record with its estimate and the price row used, instead
    /// of totals
    #[arg(long, conflicts_with = "by")]
    records: bool,
}

#[derive(Debug, Args)]
pub struct PricesArgs {
    /// Only this provider's prices (anthropic, openai, google, ...)
    #[arg(long)]
    provider: Option<String>,
    /// Only this model (an id or alias, with or without a date suffix)
    #[arg(long)]
    model: Option<String>,
    /// The prices in force on this day (default: today)
    #[arg(long, value_name = "DATE")]
    on: Option<NaiveDate>,
}

/// `--utc-offset`: `+08:00`, `-05:00`, `Z`; none = this machine's zone.
pub fn zone(offset: Option<&str>) -> Result<Zone, Failure> {
    let Some(t) = offset.map(str::trim) else {
        return Ok(Zone::Local);
    };
    if t == "Z" || t.eq_ignore_ascii_case("utc") {
        return Ok(Zone::utc());
    }
    let bad = || Failure::bad_input(msg!("cli-err-utc-offset", found = format!("{t:?}")));
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').ok_or_else(bad)?;
    let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(0..60).contains(&m) {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
        .map(Zone::Fixed)
        .ok_or_else(bad)
}

pub fn cmd_usage(ledger: &Ledger, a: UsageArgs, json: bool) -> Result<(), Failure> {
    let prices = usage::prices_for(ledger)?;
    let filter = UsageFilter {
        provider: a.provider.map(Into::into),
        from: a.from,
        to: a.to,
    };
    let zone = zone(a.utc_offset.as_deref())?;
    let records = usage::priced_records(ledger, &prices, &filter, zone)?;
    if a.records {
        if json {
            return print_json(&records);
        }
        let mut out = std::io::stdout().lock();
        for r in &records {
            let est = match &r.estimate {
                Some(aispend_core::pricing::Estimate::Priced {
                    amount,
                    currency,
                    row,
                }) => {
                    format!("{amount} {} ({row})", currency.as_str())
                }
                Some(aispend_core::pricing::Estimate::Unknown { msg: why, .. }) => {
                    tr(msg!("cli-usage-unknown-estimate", reason = why.clone()))
                }
                None => "-".into(),
            };
            let model = r
                .model
                .clone()
                .unwrap_or_else(|| tr(msg!("cli-usage-no-model")));
            let tokens = msg!(
                "cli-usage-record",
                input = r.input_tokens,
                cached = r.cached_input_tokens,
                output = r.output_tokens,
                estimate = est
            );
            writeln!(
                out,
                "{:>6} {} {:<14} {} {}",
                r.id,
                r.date,
                r.tool.as_str(),
                pad(&model, 28),
                tr(tokens)
            )?;
        }
        return Ok(());
    }
    let rows = usage::totals(&records, a.by.into());
    if json {
        return print_json(&rows);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {} {} {} {} {} {}  {}",
        pad(&tr(msg!("cli-col-key")), 28),
        pad_left(&tr(msg!("cli-col-input")), 12),
        pad_left(&tr(msg!("cli-col-cached")), 12),
        pad_left(&tr(msg!("cli-col-output")), 10),
        pad_left(&tr(msg!("cli-col-requests")), 9),
        pad_left(&tr(msg!("cli-col-estimated")), 12),
        pad_left(&tr(msg!("cli-col-reported")), 12),
        tr(msg!("cli-col-cur"))
    )?;
    for r in &rows {
        let money =
            |d: Option<rust_decimal::Decimal>| d.map_or("-".to_owned(), |d| amount(d.round_dp(2)));
        writeln!(
            out,
            "{:<28} {:>12} {:>12} {:>10} {:>9} {:>12} {:>12}  {}{}",
            r.key,
            count(r.input_tokens),
            count(r.cached_input_tokens),
            count(r.output_tokens),
            count(r.requests),
            money(r.estimated_cost),
            money(r.reported_cost),
            r.currency.as_str(),
            if r.unpriced_records > 0 {
                format!(
                    "  {}",
                    tr(msg!("cli-usage-unpriced-count", count = r.unpriced_records))
                )
            } else {
                String::new()
            }
        )?;
    }
    if rows.iter().any(|r| r.unpriced_records > 0) {
        writeln!(out, "{}", tr(msg!("cli-usage-unpriced")))?;
    }
    Ok(())
}

pub fn cmd_prices(ledger: &Ledger, a: PricesArgs, json: bool) -> Result<(), Failure> {
    let prices: std::sync::Arc<PriceList> = usage::prices_for(ledger)?;
    let on = a.on.unwrap_or_else(aispend_core::clock::today_local);
    let provider = a.provider.map(|p| p.trim().to_ascii_lowercase());
    let rows = prices.rows_on(provider.as_deref(), a.model.as_deref(), on);
    if json {
        return print_json(&rows);
    }
    let mut out = std::io::stdout().lock();
    let title = msg!(
        "cli-prices-title",
        date = on.to_string(),
        list = prices.version.as_str()
    );
    writeln!(out, "{}", tr(title))?;
    let p = |d: Option<rust_decimal::Decimal>| d.map_or("-".to_owned(), |d| d.to_string());
    writeln!(
        out,
        "{} {} {} {} {} {} {}  {}",
        pad(&tr(msg!("cli-col-provider")), 10),
        pad(&tr(msg!("cli-col-model")), 24),
        pad(&tr(msg!("cli-col-from")), 10),
        pad_left(&tr(msg!("cli-col-input")), 8),
        pad_left(&tr(msg!("cli-col-cached")), 8),
        pad_left(&tr(msg!("cli-col-write")), 8),
        pad_left(&tr(msg!("cli-col-output")), 8),
        tr(msg!("cli-col-cur"))
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<10} {:<24} {:<10} {:>8} {:>8} {:>8} {:>8}  {}",
            r.provider,
            r.model,
            r.valid_from,
            p(r.input),
            p(r.cached_input),
            p(r.cache_write),
            p(r.output),
            r.currency.as_str()
        )?;
    }
    Ok(())
}

pub fn cmd_costs_check(
    ledger: &Ledger,
    provider: Option<ProviderArg>,
    month: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    json: bool,
) -> Result<(), Failure> {
    let prices = usage::prices_for(ledger)?;
    let (from, to) = match month {
        Some(m) => {
            let (a, b) = check::month_days(m)?;
            (Some(a), Some(b))
        }
        None => (from, to),
    };
    let filter = UsageFilter {
        provider: provider.map(Into::into),
        from,
        to,
    };
    let months = check::check(ledger, &prices, &filter, Zone::Local)?;
    let lang = crate::lang();
    if json {
        // Each gap gains its language-neutral message and its rendering.
        let mut value = serde_json::to_value(&months)?;
        for (c, v) in months
            .iter()
            .zip(value.as_array_mut().into_iter().flatten())
        {
            let gaps = v.get_mut("gaps").and_then(|g| g.as_array_mut());
            for (g, gv) in c.gaps.iter().zip(gaps.into_iter().flatten()) {
                let msg = g.msg();
                if let Some(obj) = gv.as_object_mut() {
                    obj.insert(
                        "message".into(),
                        aispend_core::i18n::render(lang, &msg).into(),
                    );
                    obj.insert("msg".into(), serde_json::to_value(&msg)?);
                }
            }
        }
        return print_json(&value);
    }
    let mut out = std::io::stdout().lock();
    let m = |d: Option<rust_decimal::Decimal>| d.map_or("-".to_owned(), |d| amount(d.round_dp(2)));
    let mut shown = 0usize;
    for c in &months {
        // A month with nothing to check says nothing in text (`--json` keeps it).
        if c.is_empty() {
            continue;
        }
        let check = msg!(
            "cli-check-month",
            estimated = format!("{:>10}", m(c.estimated)),
            reported = format!("{:>10}", m(c.reported)),
            charged = format!("{:>10}", m(c.charged)),
            currency = c.currency.as_str()
        );
        let mut line = format!("{} {:<9} {}", c.month, c.provider.as_str(), tr(check));
        if let Some(plan) = c.plan_usage_value {
            line.push_str(&tr(msg!("cli-check-plan", plan = m(Some(plan)))));
        }
        writeln!(out, "{line}")?;
        shown += 1;
        for g in &c.gaps {
            let gap = msg!(
                "cli-check-gap",
                kind = g.kind.label(),
                amount = m(g.amount),
                gap = g.msg()
            );
            writeln!(out, "    {}", gap.render(lang))?;
        }
    }
    if shown == 0 {
        writeln!(out, "{}", tr(msg!("cli-check-nothing")))?;
    }
    Ok(())
}

/// `import --watch-default`: the agents' default log folders, or the
/// folders given instead (each read as the tool its logs say).
pub fn cmd_import_default(
    ledger: &mut Ledger,
    folders: &[std::path::PathBuf],
    opts: &aispend_core::import::ImportOptions,
    json: bool,
    verbose: bool,
) -> Result<(), Failure> {
    use aispend_core::usage::logs;
    let mut opts = opts.clone();
    let folders = if folders.is_empty() {
        // This machine's own logs carry its name unless --machine says otherwise.
        if opts.machine.is_none() {
            opts.machine = logs::this_machine();
        }
        logs::this_machines_log_folders()
    } else {
        folders
            .iter()
            .map(|p| logs::LogFolder {
                tool: None,
                exists: p.is_dir(),
                path: p.clone(),
            })
            .collect()
    };
    let scan = logs::scan(ledger, folders, &opts)?;
    if json {
        print_json(&scan)?;
    } else {
        let mut out = std::io::stdout().lock();
        for f in &scan.folders {
            let tool = f
                .tool
                .map_or_else(|| tr(msg!("cli-watch-folder")), |t| t.as_str().to_owned());
            writeln!(
                out,
                "{} {}{}",
                tool,
                f.path.display(),
                if f.exists {
                    String::new()
                } else {
                    format!(" {}", tr(msg!("cli-watch-not-there")))
                }
            )?;
        }
        let m = msg!(
            "cli-watch-summary",
            read = scan.imported.len(),
            added = scan.added,
            known = scan.duplicates,
            unchanged = scan.unchanged,
            failed = scan.failed.len()
        );
        writeln!(out, "{}", tr(m))?;
        // Each notice names its log by its path under the folder read and
        // its lines in that log: the batch holds many files. A big scan
        // prints its totals and a few examples (--verbose: every one;
        // --json keeps them all).
        let lang = crate::lang();
        let notice = |out: &mut dyn Write, name: &str, n: &aispend_core::import::Notice| {
            let text = n
                .msg
                .as_ref()
                .map_or_else(|| n.message.clone(), |m| m.render(lang));
            let lines: Vec<String> = n.lines.iter().map(u64::to_string).collect();
            if lines.is_empty() {
                writeln!(out, "  {name}: {text}")
            } else {
                writeln!(out, "  {name}:{}: {text}", lines.join(","))
            }
        };
        match scan.brief().filter(|_| !verbose) {
            None => {
                for r in &scan.imported {
                    for n in &r.notices {
                        notice(&mut out, &r.name, n)?;
                    }
                }
                for f in &scan.deferred {
                    writeln!(
                        out,
                        "  {}",
                        tr(msg!("cli-watch-deferred", file = f.as_str()))
                    )?;
                }
            }
            Some(brief) => {
                if brief.notices > 0 {
                    let m = msg!(
                        "cli-watch-notices-brief",
                        lines = brief.skipped_lines,
                        logs = brief.logs_with_notices
                    );
                    writeln!(out, "{}", tr(m))?;
                    for (name, n) in &brief.examples {
                        notice(&mut out, name, n)?;
                    }
                    let more = brief.notices - brief.examples.len() as u64;
                    if more > 0 {
                        writeln!(out, "  {}", tr(msg!("cli-watch-more", count = more)))?;
                    }
                }
                if brief.deferred > 0 {
                    let m = msg!("cli-watch-deferred-brief", count = brief.deferred);
                    writeln!(out, "{}", tr(m))?;
                    for f in brief.deferred_examples {
                        writeln!(out, "  {f}")?;
                    }
                    let more = brief.deferred - brief.deferred_examples.len() as u64;
                    if more > 0 {
                        writeln!(out, "  {}", tr(msg!("cli-watch-more", count = more)))?;
                    }
                }
                writeln!(out, "{}", tr(msg!("cli-watch-verbose-hint")))?;
            }
        }
        if let Some(batch) = scan.batch_id.filter(|_| scan.rejected > 0) {
            let m = msg!("cli-watch-rejects", count = scan.rejected, batch = batch);
            writeln!(out, "{}", tr(m))?;
        }
        for f in &scan.failed {
            // The catalogs' words where the core gave them, else its text.
            let error = f.msg.clone().map_or_else(|| f.error.clone(), tr);
            let m = msg!("cli-watch-failed", file = f.file.as_str(), error = error);
            writeln!(out, "  {}", tr(m))?;
        }
    }
    if scan.failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::bad_input(msg!(
            "cli-err-logs-failed",
            count = scan.failed.len()
        )))
    }
}

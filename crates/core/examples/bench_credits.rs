//! Credits, budgets and alerts speed benchmark (run by
//! `scripts/bench-credits.sh`).
//!
//! `bench_credits LEDGER [CARD_CSV COSTS_CSV]`: imports both files into
//! LEDGER when given (a fresh file), adds 120 provider payment records (a
//! monthly 50.00 credit purchase per provider), a grant, a stated balance and
//! one budget of each scope, then times as of 2025-12-31, medians of 7 runs:
//! `credits::credits` (every account), `budgets::budget_status` and
//! `alerts::compute` (which computes credits and budgets itself: the figure
//! the goal is about, <= 50 ms at 1M lines and 100k usage records), and
//! subscription detection alone (`reports::subscriptions`, which budgets and
//! alerts both start from), and the plan value `budget status` shows
//! (`budgets::plan_value`).
//!
//! Prints one JSON object with the load average. A benchmark, not a test.

#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use aispend_core::budgets::{NewBudget, Period, Scope};
use aispend_core::credits::NewGrant;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::money::Currency;
use aispend_core::provider::{NewPayment, PaymentKind, PaymentStatus, Provider};
use aispend_core::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    match last {
        Some(v) => (median(times), v),
        None => panic!("runs must be at least 1"),
    }
}

fn setup(ledger: &mut Ledger) -> Result<(), Box<dyn std::error::Error>> {
    let start = NaiveDate::from_ymd_opt(2021, 1, 3).ok_or("date")?;
    for provider in [Provider::Openai, Provider::Anthropic] {
        for m in 0..60u32 {
            let paid_date = aispend_core::reports::subs::add_months(start, m, 3).ok_or("date")?;
            aispend_core::provider::add_payment(
                ledger,
                &NewPayment {
                    provider,
                    kind: PaymentKind::CreditPurchase,
                    status: PaymentStatus::Succeeded,
                    paid_date,
                    paid_at: None,
                    amount: Decimal::new(5000, 2),
                    currency: Currency::USD,
                    invoice_number: None,
                    receipt_number: None,
                    organization_id: None,
                    card_brand: None,
                    card_last4: None,
                    balance_before: None,
                    balance_after: None,
                    note: None,
                },
            )?;
        }
    }
    let on = NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("date")?;
    aispend_core::credits::grant(
        ledger,
        &NewGrant {
            provider: Provider::Openai,
            organization: None,
            amount: Decimal::new(2500, 2),
            currency: Currency::USD,
            on,
            expires: None,
            note: None,
        },
    )?;
    aispend_core::credits::set_balance(
        ledger,
        Provider::Openai,
        None,
        Decimal::new(1234, 2),
        Currency::USD,
        NaiveDate::from_ymd_opt(2025, 12, 1).ok_or("date")?,
    )?;
    for (kind, value) in [
        ("provider", "openai"),
        ("vendor", "openai"),
        ("class", "ai"),
        ("class", "ai-api"),
        ("tag", "client:acme"),
    ] {
        aispend_core::budgets::set_budget(
            ledger,
            &NewBudget {
                scope: Scope::parse(kind, value)?,
                amount: Decimal::new(10000, 2),
                currency: Currency::USD,
                period: Period::Monthly,
            },
        )?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let db = args
        .get(1)
        .ok_or("usage: bench_credits LEDGER [CARD_CSV COSTS_CSV]")?;
    let mut ledger = Ledger::open(Path::new(db))?;
    let mut import_ms = None;
    if let (Some(card), Some(costs)) = (args.get(2), args.get(3)) {
        let t = Instant::now();
        import_file(&mut ledger, Path::new(card), &ImportOptions::default())?;
        import_file(&mut ledger, Path::new(costs), &ImportOptions::default())?;
        setup(&mut ledger)?;
        import_ms = Some(t.elapsed().as_secs_f64() * 1000.0);
    }
    let lines = ledger.transaction_count()?;
    let records = ledger.provider_record_count()?;
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;

    let load_before = load();
    let (credits_ms, accounts) = time(7, || aispend_core::credits::credits(&ledger, None, as_of));
    let accounts = accounts?;
    let (budgets_ms, budgets) = time(7, || aispend_core::budgets::budget_status(&ledger, as_of));
    let budgets = budgets?;
    let (subs_ms, subs) = time(7, || aispend_core::reports::subscriptions(&ledger, as_of));
    let subs = subs?;
    let (alerts_ms, alerts) = time(7, || aispend_core::alerts::compute(&ledger, as_of));
    let alerts = alerts?;
    // What `budget status` adds: this month's plan usage at API prices.
    let prices = aispend_core::usage::prices_for(&ledger)?;
    let zone = aispend_core::usage::Zone::utc();
    let (plan_ms, plans) = time(7, || {
        aispend_core::budgets::plan_value(&ledger, &prices, as_of, zone, &subs)
    });
    let plans = plans?;
    let load_after = load();

    let out = serde_json::json!({
        "lines": lines,
        "provider_records": records,
        "setup_ms": import_ms,
        "as_of": as_of,
        "credits_ms_median7": credits_ms,
        "budget_status_ms_median7": budgets_ms,
        "alerts_ms_median7": alerts_ms,
        "of_which_subscriptions_ms_median7": subs_ms,
        "plan_value_ms_median7": plan_ms,
        "plan_values": plans.len(),
        "subscriptions": subs.len(),
        "goal_ms": 50,
        "accounts": accounts.len(),
        "purchases": accounts.iter().map(|a| a.purchases.len()).sum::<usize>(),
        "budgets": budgets.len(),
        "alerts": alerts.len(),
        "alert_kinds": alerts.iter().map(|a| a.kind.as_str()).collect::<Vec<_>>(),
        "load_before": load_before,
        "load_after": load_after,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

//! `aispend reconcile`: card top-ups against the providers' payment records.

use aispend_core::reconcile::{FlagKind, ReconcileOptions};
use aispend_core::Ledger;
use chrono::NaiveDate;

use crate::out::{print_json, Failure};

pub fn run(
    ledger: &Ledger,
    as_of: Option<NaiveDate>,
    stale_days: i64,
    json: bool,
) -> Result<(), Failure> {
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let report =
        aispend_core::reconcile::reconcile(ledger, &ReconcileOptions { as_of, stale_days })?;
    if json {
        return print_json(&report);
    }
    println!(
        "{} API top-up card line(s), {} provider payment record(s), {} matched.",
        report.card_lines,
        report.payments,
        report.matches.len()
    );
    for m in &report.matches {
        let rate = m
            .implied_rate
            .map(|r| format!(", implied rate {r}"))
            .unwrap_or_default();
        println!(
            "  line {} = payment {} ({}, {:?}, {} day(s) apart{rate})",
            m.txn_id, m.payment_id, m.provider, m.matched_on, m.day_shift
        );
    }
    if report.flags.is_empty() {
        println!("Nothing to look at.");
    }
    for (n, f) in report.flags.iter().enumerate() {
        let what = match f.kind {
            FlagKind::ChargedNotCredited => "Charged, no provider record",
            FlagKind::RecordWithoutCharge => "Provider record, no charge",
            FlagKind::DoubleCharge => "Possible double charge",
            FlagKind::StalePending => "Hold never settled",
            FlagKind::NegativeBalanceOffset => "Negative balance offset",
        };
        let rows = f
            .txn_ids
            .iter()
            .map(|i| format!("line {i}"))
            .chain(f.payment_ids.iter().map(|i| format!("payment {i}")))
            .collect::<Vec<_>>()
            .join(", ");
        println!("\n{}. {what} [{rows}]\n  {}", n + 1, f.message);
    }
    for n in &report.notes {
        println!("\nNote: {n}");
    }
    if !report.flags.is_empty() {
        println!("\nOpen a case from a flag with `aispend case new --from-flag N`.");
    }
    Ok(())
}

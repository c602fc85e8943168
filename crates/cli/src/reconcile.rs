//! `aispend reconcile`: card top-ups against the providers' payment records.

use aispend_core::reconcile::{FlagKind, ReconcileOptions};
use aispend_core::{msg, Ledger};
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
    let lang = crate::lang();
    println!(
        "{}",
        msg!(
            "reconcile-summary",
            lines = report.card_lines,
            records = report.payments,
            matched = report.matches.len()
        )
        .render(lang)
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
        println!("{}", msg!("reconcile-nothing").render(lang));
    }
    for (n, f) in report.flags.iter().enumerate() {
        let what = match f.kind {
            FlagKind::ChargedNotCredited => msg!("reconcile-kind-charged-not-credited"),
            FlagKind::RecordWithoutCharge => msg!("reconcile-kind-record-without-charge"),
            FlagKind::DoubleCharge => msg!("reconcile-kind-double-charge"),
            FlagKind::StalePending => msg!("reconcile-kind-stale-pending"),
            FlagKind::NegativeBalanceOffset => msg!("reconcile-kind-negative-balance-offset"),
        }
        .render(lang);
        let rows = f
            .txn_ids
            .iter()
            .map(|i| format!("line {i}"))
            .chain(f.payment_ids.iter().map(|i| format!("payment {i}")))
            .collect::<Vec<_>>()
            .join(", ");
        println!("\n{}. {what} [{rows}]\n  {}", n + 1, f.msg.render(lang));
    }
    for n in &report.note_msgs {
        println!(
            "\n{}",
            msg!("reconcile-note", note = n.render(lang)).render(lang)
        );
    }
    if !report.flags.is_empty() {
        println!("\n{}", msg!("reconcile-open-case").render(lang));
    }
    Ok(())
}

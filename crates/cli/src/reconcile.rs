//! `aispend reconcile`: card top-ups against the providers' payment records.

use aispend_core::reconcile::{FlagKind, MatchedOn, ReconcileOptions};
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
        let on = match m.matched_on {
            MatchedOn::OriginalAmount => msg!("cli-matched-on-original-amount"),
            MatchedOn::BilledAmount => msg!("cli-matched-on-billed-amount"),
            MatchedOn::AmountWithFee => msg!("cli-matched-on-amount-with-fee"),
            MatchedOn::DateOnly => msg!("cli-matched-on-date-only"),
        };
        // The card's date minus the receipt's, said as later or earlier: a
        // negative count of days reads wrong in Chinese.
        let apart = if m.day_shift < 0 {
            msg!("cli-days-earlier", days = m.day_shift.saturating_neg())
        } else {
            msg!("cli-days-later", days = m.day_shift)
        };
        let line = match m.implied_rate {
            Some(rate) => msg!(
                "cli-reconcile-match-rate",
                line = m.txn_id,
                payment = m.payment_id,
                provider = m.provider.to_string(),
                on = on,
                apart = apart,
                rate = rate.to_string()
            ),
            None => msg!(
                "cli-reconcile-match",
                line = m.txn_id,
                payment = m.payment_id,
                provider = m.provider.to_string(),
                on = on,
                apart = apart
            ),
        };
        println!("  {}", line.render(lang));
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
            .map(|i| msg!("cli-reconcile-ref-line", id = *i).render(lang))
            .chain(
                f.payment_ids
                    .iter()
                    .map(|i| msg!("cli-reconcile-ref-payment", id = *i).render(lang)),
            )
            .collect::<Vec<_>>()
            .join(&msg!("cli-list-separator").render(lang));
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

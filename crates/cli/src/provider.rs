//! `aispend costs` and `aispend payments`: what the AI providers record.

use std::io::Write;

use aispend_core::money::Currency;
use aispend_core::provider::{
    CostFilter, NewPayment, PaymentKind, PaymentRow, PaymentStatus, Provider,
};
use aispend_core::{msg, Ledger};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::args::ProviderArg;
use crate::out::{amount, print_json, tr, Failure};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    CreditPurchase,
    Invoice,
    Receipt,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Succeeded,
    Failed,
    Refunded,
    Pending,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum PaymentsCommand {
    /// Record a payment the provider shows (a credit purchase, an invoice, a receipt)
    Add {
        #[arg(long, value_enum, default_value = "openai")]
        provider: ProviderArg,
        #[arg(long, value_enum, default_value = "credit-purchase")]
        kind: KindArg,
        #[arg(long, value_enum, default_value = "succeeded")]
        status: StatusArg,
        /// The date on the receipt or billing page (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        /// The exact time, where the provider shows one (RFC 3339)
        #[arg(long, value_name = "TIME")]
        paid_at: Option<DateTime<Utc>>,
        /// What was paid, e.g. 20.00
        #[arg(long)]
        amount: Decimal,
        #[arg(long, default_value = "USD")]
        currency: Currency,
        #[arg(long)]
        invoice: Option<String>,
        #[arg(long)]
        receipt: Option<String>,
        /// The organization the credits went to (org-...)
        #[arg(long)]
        org: Option<String>,
        /// Card brand as the receipt shows it (visa, mastercard, ...)
        #[arg(long)]
        card_brand: Option<String>,
        /// The card's last four digits
        #[arg(long, value_name = "DIGITS")]
        last4: Option<String>,
        /// The credit balance the billing page showed before the payment
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        balance_before: Option<Decimal>,
        /// The credit balance it showed after
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        balance_after: Option<Decimal>,
        #[arg(long)]
        note: Option<String>,
    },
    /// List recorded payments
    List {
        #[arg(long, value_enum)]
        provider: Option<ProviderArg>,
    },
    /// Remove a recorded payment
    Remove {
        #[arg(value_name = "ID")]
        id: i64,
    },
}

pub fn cmd_costs(
    ledger: &Ledger,
    provider: Option<ProviderArg>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    json: bool,
) -> Result<(), Failure> {
    let rows = ledger.costs(&CostFilter {
        provider: provider.map(Provider::from),
        from,
        to,
    })?;
    if json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        println!("{}", tr(msg!("cli-provider-records-none")));
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for r in &rows {
        let money = match (r.amount, r.currency) {
            (Some(a), Some(c)) => format!("{a:>12} {c}"),
            _ => format!("{:>16}", "-"),
        };
        let tokens = match (r.input_tokens, r.output_tokens) {
            (None, None) => String::new(),
            (i, o) => format!(
                "  {}",
                tr(msg!(
                    "cli-cost-tokens",
                    input = i.unwrap_or(0),
                    output = o.unwrap_or(0)
                ))
            ),
        };
        // Images, characters, seconds, ...: what the record counts in.
        let counted = match (r.quantity, r.quantity_unit.as_deref()) {
            (Some(q), Some(unit)) if r.input_tokens.is_none() && unit != "tokens" => {
                format!("  {} {unit}", q.normalize())
            }
            _ => String::new(),
        };
        let what = r
            .line_item
            .clone()
            .or_else(|| r.model.clone())
            .unwrap_or_else(|| tr(msg!("cli-cost-all-usage")));
        let project = r
            .project_name
            .as_deref()
            .or(r.project_id.as_deref())
            .unwrap_or("-");
        writeln!(
            out,
            "{}  {:<9}  {} {:<5}  {}  [{}]{}{}",
            r.date,
            r.provider.as_str(),
            money,
            r.kind.as_str(),
            what,
            project,
            tokens,
            counted
        )?;
    }
    Ok(())
}

pub fn cmd_payments(ledger: &mut Ledger, cmd: PaymentsCommand, json: bool) -> Result<(), Failure> {
    match cmd {
        PaymentsCommand::Add {
            provider,
            kind,
            status,
            date,
            paid_at,
            amount,
            currency,
            invoice,
            receipt,
            org,
            card_brand,
            last4,
            balance_before,
            balance_after,
            note,
        } => {
            let row = aispend_core::provider::add_payment(
                ledger,
                &NewPayment {
                    provider: provider.into(),
                    kind: match kind {
                        KindArg::CreditPurchase => PaymentKind::CreditPurchase,
                        KindArg::Invoice => PaymentKind::Invoice,
                        KindArg::Receipt => PaymentKind::Receipt,
                    },
                    status: match status {
                        StatusArg::Succeeded => PaymentStatus::Succeeded,
                        StatusArg::Failed => PaymentStatus::Failed,
                        StatusArg::Refunded => PaymentStatus::Refunded,
                        StatusArg::Pending => PaymentStatus::Pending,
                    },
                    paid_date: date,
                    paid_at,
                    amount,
                    currency,
                    invoice_number: invoice,
                    receipt_number: receipt,
                    organization_id: org,
                    card_brand,
                    card_last4: last4,
                    balance_before,
                    balance_after,
                    note,
                },
            )?;
            if json {
                return print_json(&row);
            }
            let m = msg!(
                "cli-payment-recorded",
                id = row.id,
                payment = describe(&row)
            );
            println!("{}", tr(m));
            Ok(())
        }
        PaymentsCommand::List { provider } => {
            if json {
                // Manual records and receipts read from mail (`source`).
                let rows = aispend_core::app::receipts_view::payments_list(
                    ledger,
                    provider.map(|p| Provider::from(p).as_str()),
                )?;
                return print_json(&rows);
            }
            let rows = ledger.payments(provider.map(Provider::from))?;
            if rows.is_empty() {
                println!("{}", tr(msg!("cli-payments-none")));
            }
            for r in &rows {
                println!("{:>5}  {}", r.id, describe(r));
            }
            let mail = aispend_core::app::receipts_view::payments_list(ledger, None)?;
            for r in mail.iter().filter(|r| r.source == "email") {
                if provider.is_some_and(|p| Provider::from(p).as_str() != r.provider) {
                    continue;
                }
                let mut about = vec![tr(msg!("cli-mail-from-mail"))];
                if let Some(c) = r.channel.as_deref().filter(|c| *c != "direct") {
                    about.push(tr(msg!("cli-mail-via", channel = c)));
                }
                if let Some(n) = r.receipt_no.as_deref() {
                    about.push(tr(msg!("cli-payment-receipt", receipt = n)));
                }
                about.push(match r.matched_txn_id {
                    Some(t) => tr(msg!("cli-mail-line", id = t)),
                    None => tr(msg!("cli-mail-no-line")),
                });
                if let Some(f) = r.flag.as_deref() {
                    about.push(f.replace('_', " "));
                }
                let product = r
                    .product
                    .clone()
                    .unwrap_or_else(|| tr(msg!("cli-mail-receipt")));
                println!(
                    "{:>5}  {} {} {} {} {} {}",
                    format!("m{}", r.id),
                    r.paid_date,
                    r.provider,
                    product,
                    amount(r.amount),
                    r.currency,
                    tr(msg!(
                        "cli-parenthesised",
                        text = about.join(&tr(msg!("cli-list-separator")))
                    )),
                );
            }
            Ok(())
        }
        PaymentsCommand::Remove { id } => {
            ledger.remove_payment(id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("{}", tr(msg!("cli-payment-removed", id = id)));
            Ok(())
        }
    }
}

fn describe(r: &PaymentRow) -> String {
    let kind = match r.kind {
        PaymentKind::CreditPurchase => msg!("cli-payment-kind-credit-purchase"),
        PaymentKind::Invoice => msg!("cli-payment-kind-invoice"),
        PaymentKind::Receipt => msg!("cli-payment-kind-receipt"),
    };
    let status = match r.status {
        PaymentStatus::Succeeded => msg!("cli-payment-status-succeeded"),
        PaymentStatus::Failed => msg!("cli-payment-status-failed"),
        PaymentStatus::Refunded => msg!("cli-payment-status-refunded"),
        PaymentStatus::Pending => msg!("cli-payment-status-pending"),
    };
    let mut s = format!(
        "{} {} {} {} {} {}",
        r.paid_date,
        r.provider.as_str(),
        tr(kind),
        amount(r.amount),
        r.currency,
        tr(msg!("cli-parenthesised", text = tr(status)))
    );
    let sep = tr(msg!("cli-list-separator"));
    if let Some(i) = &r.invoice_number {
        s.push_str(&sep);
        s.push_str(&tr(msg!("cli-payment-invoice", invoice = i.as_str())));
    }
    if let Some(n) = &r.receipt_number {
        s.push_str(&sep);
        s.push_str(&tr(msg!("cli-payment-receipt", receipt = n.as_str())));
    }
    if let Some(l) = &r.card_last4 {
        let card = match r.card_brand.as_deref() {
            Some(brand) => msg!(
                "cli-payment-brand-ending",
                brand = brand,
                last4 = l.as_str()
            ),
            None => msg!("cli-payment-card-ending", last4 = l.as_str()),
        };
        s.push_str(&sep);
        s.push_str(&tr(card));
    }
    s
}

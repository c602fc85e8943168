//! What the front ends show of receipts (issue #19): provider payments as
//! one list, those entered by hand (`source: manual`) and those read from
//! mail (`source: email`); and ledger lines with the channel they were
//! bought through and how many receipts back them.
//!
//! Invariant: one row per stored record, from the tables as they are: a
//! read model only, it decides nothing the ledger or the matcher did not.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::import::mail::matching::store_of;
use crate::ledger::{Ledger, LedgerError, TxnFilter, TxnRow};
use crate::money::Currency;

/// One provider payment, whatever its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentListRow {
    /// The record's id in its own source (`payments remove` takes a
    /// manual one).
    pub id: i64,
    /// `manual` (entered with `payments add`) or `email` (read from mail).
    pub source: &'static str,
    /// The provider or vendor id (`openai`, `cursor`, ...).
    pub provider: String,
    pub kind: String,
    pub status: String,
    pub paid_date: NaiveDate,
    pub paid_at: Option<String>,
    /// The zone the receipt stated (`-08:00`), for mail.
    pub zone: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
    /// Tax included in `amount`, where the receipt gives it.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub tax: Option<Decimal>,
    /// Percent (`21`, `8.875`).
    pub tax_rate: Option<String>,
    pub receipt_no: Option<String>,
    pub invoice_no: Option<String>,
    /// Old names of the two numbers, kept for scripts written before.
    pub receipt_number: Option<String>,
    pub invoice_number: Option<String>,
    pub channel: Option<String>,
    pub product: Option<String>,
    pub items: serde_json::Value,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub organization_id: Option<String>,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub balance_before: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub balance_after: Option<Decimal>,
    /// The card line the receipt was matched to.
    pub matched_txn_id: Option<i64>,
    /// `double_payment` when the same plan was paid twice.
    pub flag: Option<String>,
    pub note: Option<String>,
}

/// Every provider payment, manual and from mail, by date; of one provider
/// or vendor id if given.
pub fn payments_list(
    ledger: &Ledger,
    provider: Option<&str>,
) -> Result<Vec<PaymentListRow>, LedgerError> {
    let mut out = Vec::new();
    for p in ledger.payments(None)? {
        out.push(PaymentListRow {
            id: p.id,
            source: "manual",
            provider: p.provider.as_str().to_owned(),
            kind: p.kind.as_str().to_owned(),
            status: p.status.as_str().to_owned(),
            paid_date: p.paid_date,
            paid_at: p.paid_at,
            zone: None,
            amount: p.amount,
            currency: p.currency,
            tax: None,
            tax_rate: None,
            receipt_no: p.receipt_number.clone(),
            invoice_no: p.invoice_number.clone(),
            receipt_number: p.receipt_number,
            invoice_number: p.invoice_number,
            channel: None,
            product: None,
            items: serde_json::Value::Array(Vec::new()),
            period_start: None,
            period_end: None,
            organization_id: p.organization_id,
            card_brand: p.card_brand,
            card_last4: p.card_last4,
            balance_before: p.balance_before,
            balance_after: p.balance_after,
            matched_txn_id: None,
            flag: None,
            note: p.note,
        });
    }
    for r in ledger.mail_receipts(None)? {
        out.push(PaymentListRow {
            id: r.id,
            source: "email",
            provider: r.vendor,
            kind: "receipt".into(),
            status: "succeeded".into(),
            paid_date: r.paid_date,
            paid_at: r.paid_at,
            zone: r.zone,
            amount: r.amount,
            currency: r.currency,
            tax: r.tax,
            tax_rate: r.tax_rate,
            receipt_no: r.receipt_no.clone(),
            invoice_no: r.invoice_no.clone(),
            receipt_number: r.receipt_no,
            invoice_number: r.invoice_no,
            channel: Some(r.channel),
            product: r.product,
            items: r.items,
            period_start: r.period_start,
            period_end: r.period_end,
            organization_id: None,
            card_brand: r.card_brand,
            card_last4: r.card_last4,
            balance_before: None,
            balance_after: None,
            matched_txn_id: r.matched_txn_id,
            flag: r.flag,
            note: Some(format!("{}: {}", r.sender, r.subject)),
        });
    }
    out.retain(|r| provider.is_none_or(|p| r.provider == p));
    out.sort_by(|a, b| (a.paid_date, a.source, a.id).cmp(&(b.paid_date, b.source, b.id)));
    Ok(out)
}

/// A ledger line with its channel and receipts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TxnWithReceipts {
    #[serde(flatten)]
    pub row: TxnRow,
    /// `apple`, `google_play` (a matched store receipt, or the line's
    /// app-store descriptor), `direct` (an AI line bought from the vendor),
    /// else `null`.
    pub channel: Option<String>,
    /// How many receipt files are attached.
    pub receipts: u64,
    /// A line a receipt of several items split: what each part bought, the
    /// parts summing to the line's amount exactly. Empty otherwise, and
    /// when the user set the line's class or vendor (their edit wins).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<LinePart>,
}

/// One item's part of a line, as stored (`txn_parts`): summaries count
/// it by its own class and vendor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinePart {
    pub class: String,
    pub vendor: Option<String>,
    pub product: String,
    /// Signed as the line is (spending negative).
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// [`Ledger::transactions`] with each line's channel and receipt count.
pub fn txns_with_receipts(
    ledger: &Ledger,
    filter: &TxnFilter,
) -> Result<Vec<TxnWithReceipts>, LedgerError> {
    let rows = ledger.transactions(filter)?;
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let info = ledger.line_receipts(&ids)?;
    let catalog = std::sync::Arc::clone(&ledger.catalog);
    let mut parts = Vec::with_capacity(ids.len());
    for &id in &ids {
        parts.push(
            ledger
                .parts_in_effect(id)?
                .into_iter()
                .map(|p| LinePart {
                    class: p.class,
                    vendor: p.vendor,
                    product: p.product,
                    amount: p.amount,
                })
                .collect::<Vec<_>>(),
        );
    }
    Ok(rows
        .into_iter()
        .zip(info)
        .zip(parts)
        .map(|((row, i), parts)| {
            let channel = i.channel.or_else(|| {
                store_of(&row, &catalog)
                    .map(|c| c.as_str().to_owned())
                    .or_else(|| {
                        row.class
                            .is_some_and(crate::classify::Class::is_ai)
                            .then(|| "direct".to_owned())
                    })
            });
            TxnWithReceipts {
                parts,
                row,
                channel,
                receipts: i.receipts,
            }
        })
        .collect())
}

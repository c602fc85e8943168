//! `provider_payments`: the payments a provider recorded (credit purchases,
//! invoices, receipts), as typed rows.
//!
//! Invariant: a stored payment has a known provider, kind and status and an
//! amount in micro-units; what a user may enter is checked above, in
//! `crate::provider`, before `Ledger::insert_payment` stores it.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::ai_provider::Provider;
use crate::money::{from_micros, Currency};

/// What kind of provider payment record this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// A prepaid credit purchase (a top-up).
    CreditPurchase,
    /// A usage invoice.
    Invoice,
    /// A receipt for either.
    Receipt,
}

impl PaymentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentKind::CreditPurchase => "credit_purchase",
            PaymentKind::Invoice => "invoice",
            PaymentKind::Receipt => "receipt",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "credit_purchase" => Some(PaymentKind::CreditPurchase),
            "invoice" => Some(PaymentKind::Invoice),
            "receipt" => Some(PaymentKind::Receipt),
            _ => None,
        }
    }
}

/// Where the payment stands on the provider's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum PaymentStatus {
    Succeeded,
    Failed,
    Refunded,
    Pending,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Refunded => "refunded",
            PaymentStatus::Pending => "pending",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "succeeded" => Some(PaymentStatus::Succeeded),
            "failed" => Some(PaymentStatus::Failed),
            "refunded" => Some(PaymentStatus::Refunded),
            "pending" => Some(PaymentStatus::Pending),
            _ => None,
        }
    }
}

/// A payment record to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPayment {
    pub provider: Provider,
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    /// The date the receipt or billing page shows.
    pub paid_date: NaiveDate,
    /// The instant, where the provider shows one (UTC).
    pub paid_at: Option<DateTime<Utc>>,
    /// What was paid, positive.
    pub amount: Decimal,
    pub currency: Currency,
    pub invoice_number: Option<String>,
    pub receipt_number: Option<String>,
    pub organization_id: Option<String>,
    pub card_brand: Option<String>,
    /// The card's last four digits, as the receipt shows them.
    pub card_last4: Option<String>,
    /// The credit balance the billing page showed before and after.
    pub balance_before: Option<Decimal>,
    pub balance_after: Option<Decimal>,
    pub note: Option<String>,
}

/// A stored payment record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentRow {
    pub id: i64,
    pub provider: Provider,
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    pub paid_date: NaiveDate,
    pub paid_at: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
    pub invoice_number: Option<String>,
    pub receipt_number: Option<String>,
    pub organization_id: Option<String>,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub balance_before: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub balance_after: Option<Decimal>,
    pub note: Option<String>,
}

/// A new payment's amounts in micro-units, as the table stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PaymentMicros {
    pub amount: i64,
    pub balance_before: Option<i64>,
    pub balance_after: Option<i64>,
}

impl Ledger {
    /// Stores a payment record whose amount and balances are already in
    /// micro-units and whose fields were checked; returns it as stored.
    pub(crate) fn insert_payment(
        &mut self,
        p: &NewPayment,
        amounts: PaymentMicros,
        card_last4: Option<&str>,
    ) -> Result<PaymentRow, LedgerError> {
        self.conn.execute(
            "INSERT INTO provider_payments (provider, kind, status, paid_at, paid_date, amount,
                currency, invoice_number, receipt_number, organization_id, card_brand,
                card_last4, note, created_at, balance_before, balance_after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                p.provider.as_str(),
                p.kind.as_str(),
                p.status.as_str(),
                p.paid_at
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
                date_to_int(p.paid_date),
                amounts.amount,
                p.currency.as_str(),
                p.invoice_number,
                p.receipt_number,
                p.organization_id,
                p.card_brand,
                card_last4,
                p.note,
                crate::clock::now_utc_text(),
                amounts.balance_before,
                amounts.balance_after,
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.payment(id)?.ok_or(LedgerError::NoSuchPayment(id))
    }
    /// One payment record.
    pub fn payment(&self, id: i64) -> Result<Option<PaymentRow>, LedgerError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], read_row)
            .optional()?
            .transpose()
    }

    /// Every payment record, oldest first.
    pub fn payments(&self, provider: Option<Provider>) -> Result<Vec<PaymentRow>, LedgerError> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT} WHERE ?1 IS NULL OR provider = ?1 ORDER BY paid_date, id"
        ))?;
        let rows = stmt.query_map([provider.map(Provider::as_str)], read_row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// Removes a payment record.
    pub fn remove_payment(&mut self, id: i64) -> Result<(), LedgerError> {
        match self
            .conn
            .execute("DELETE FROM provider_payments WHERE id = ?1", [id])?
        {
            0 => Err(LedgerError::NoSuchPayment(id)),
            _ => Ok(()),
        }
    }
}

const SELECT: &str = "SELECT id, provider, kind, status, paid_date, paid_at, amount, currency,
    invoice_number, receipt_number, organization_id, card_brand, card_last4, note,
    balance_before, balance_after
    FROM provider_payments";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<PaymentRow, LedgerError>> {
    let id: i64 = r.get(0)?;
    let corrupt = move |what: &str| LedgerError::Corrupt(format!("payment {id}: {what}"));
    let provider: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let status: String = r.get(3)?;
    let currency: String = r.get(7)?;
    let row = (|| -> Result<PaymentRow, RowOrLedger> {
        Ok(PaymentRow {
            id,
            provider: provider.parse().map_err(|_| corrupt("provider"))?,
            kind: PaymentKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
            status: PaymentStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
            paid_date: date_from_int(r.get(4)?).ok_or_else(|| corrupt("date"))?,
            paid_at: r.get(5)?,
            amount: from_micros(r.get(6)?),
            currency: Currency::parse(&currency).map_err(|_| corrupt("currency"))?,
            invoice_number: r.get(8)?,
            receipt_number: r.get(9)?,
            organization_id: r.get(10)?,
            card_brand: r.get(11)?,
            card_last4: r.get(12)?,
            note: r.get(13)?,
            balance_before: r.get::<_, Option<i64>>(14)?.map(from_micros),
            balance_after: r.get::<_, Option<i64>>(15)?.map(from_micros),
        })
    })();
    match row {
        Ok(p) => Ok(Ok(p)),
        Err(RowOrLedger::Sql(e)) => Err(e),
        Err(RowOrLedger::Ledger(e)) => Ok(Err(e)),
    }
}

enum RowOrLedger {
    Sql(rusqlite::Error),
    Ledger(LedgerError),
}

impl From<rusqlite::Error> for RowOrLedger {
    fn from(e: rusqlite::Error) -> Self {
        RowOrLedger::Sql(e)
    }
}

impl From<LedgerError> for RowOrLedger {
    fn from(e: LedgerError) -> Self {
        RowOrLedger::Ledger(e)
    }
}

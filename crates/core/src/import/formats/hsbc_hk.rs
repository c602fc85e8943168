//! HSBC Hong Kong credit card CSV (`hsbc-hk-card-csv`).
//!
//! `Transaction date,Post date,Description,Billing amount,Billing currency,Transaction status,Merchant name,Country / region,Area / district,Credit / Debit`
//! (the card export of HSBC HK online banking):
//!
//! - Dates are DD/MM/YYYY; `Transaction date` is the line's `date`,
//!   `Post date` its `posted_date` (may be empty while pending).
//! - `Billing amount` is quoted, with thousands commas, and followed by one
//!   or two TABs *outside* the quotes (`"-1,099.14"\t,CNY`); the TABs are
//!   trimmed. Purchases are written negative, payments and returns positive.
//! - `Credit / Debit` (`DEBIT` / `CREDIT`) says the direction too, and decides
//!   it: a `DEBIT` line is money out (negative), a `CREDIT` line money in
//!   (positive), whatever sign the amount carries; an empty cell leaves the
//!   amount's own sign. It is kept as the source type. The last cell may
//!   carry a trailing space (`DEBIT `).
//! - `Billing currency` is per line (a dual-currency card bills HKD and CNY
//!   lines in one file); there is no original (foreign) amount column.
//! - `Transaction status` `POSTED` → posted, `PENDING` → pending;
//!   `DECLINED`, `REVERSED` and `CANCELLED` (not seen in public samples) →
//!   reverted, kept.
//! - `Description` is kept as written (padded: `SALES:   MCDONALDS   CHN   CN`);
//!   `Merchant name` is the line's clean merchant name (`details.merchant`).
//!   No id column.

use std::io::BufRead;

use crate::import::formats::csv::rows::{non_empty, CsvRows};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::DecimalMark;

#[derive(Debug)]
pub struct HsbcHkCard;

const NAME: &str = "HSBC HK credit card CSV";
const HEADER: &str = "Transaction date,Post date,Description,Billing amount,Billing currency,Transaction status,Merchant name,Country / region,Area / district,Credit / Debit";
const SIGNATURE: &[&str] = &[
    "Transaction date",
    "Post date",
    "Description",
    "Billing amount",
    "Billing currency",
    "Transaction status",
    "Credit / Debit",
];
const STATUSES: &str = "POSTED or PENDING";
const DIRECTIONS: &str = "DEBIT or CREDIT";

impl Format for HsbcHkCard {
    fn id(&self) -> &'static str {
        "hsbc-hk-card-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "HSBC HK card".to_owned()
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_date = header.require("Transaction date")?;
        let c_post = header.require("Post date")?;
        let c_desc = header.require("Description")?;
        let c_amount = header.require("Billing amount")?;
        let c_currency = header.require("Billing currency")?;
        let c_status = header.require("Transaction status")?;
        let c_dir = header.require("Credit / Debit")?;
        let c_merchant = header.find("Merchant name");

        while let Some(row) = rows.next_row()? {
            let date = row.date(c_date, "Transaction date", DateOrder::Dmy)?;
            let posted_date = row.opt_date(c_post, "Post date", DateOrder::Dmy)?;
            let written = row.amount(c_amount, "Billing amount", DecimalMark::Point)?;
            let dir = row.text(c_dir, "Credit / Debit")?;
            let value = match dir.to_ascii_uppercase().as_str() {
                "DEBIT" => -written.abs(),
                "CREDIT" => written.abs(),
                "" => written,
                _ => return Err(row.unexpected("Credit / Debit", dir, DIRECTIONS)),
            };
            let status_text = row.text(c_status, "Transaction status")?;
            let status = match status_text.to_ascii_uppercase().as_str() {
                "POSTED" => TxnStatus::Posted,
                "PENDING" => TxnStatus::Pending,
                "DECLINED" | "REVERSED" | "CANCELLED" => TxnStatus::Reverted,
                _ => return Err(row.unexpected("Transaction status", status_text, STATUSES)),
            };
            let txn = ParsedTxn {
                line: row.line(),
                currency: row.currency(c_currency, "Billing currency")?,
                description: row.text(c_desc, "Description")?,
                details: crate::import::pipeline::format::Details::merchant(
                    row.opt(c_merchant, "Merchant name")?,
                ),
                date,
                posted_date,
                source_type: non_empty(dir),
                amount: value,
                status,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

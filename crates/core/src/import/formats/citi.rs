//! Citi credit-card activity CSV (`citi-csv`).
//!
//! `Status,Date,Description,Debit,Credit` with an optional trailing
//! `Member Name` (cards with authorised users). Dates are MM/DD/YYYY.
//! `Status` is `Cleared` (posted) or `Pending` (pending); a declined or
//! cancelled line is kept as `reverted`, any other status is an error.
//!
//! **Sign**: `Debit` is spending, written positive, and becomes negative.
//! `Credit` is money in (payments, refunds) and becomes positive whatever its
//! written sign: Citi writes payments there as negative numbers
//! (`,-1037.98`). One of the two is filled per line. The file names no card,
//! so the default account is `Citi card`; amounts are USD.
//!
//! Detection: `Status` and `Date` next to the `Debit`/`Credit` pair.

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    account_ending, header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::Currency;

#[derive(Debug)]
pub struct CitiCard;

const NAME: &str = "Citi card CSV";
const HEADER: &str = "Status,Date,Description,Debit,Credit";
const SIGNATURE: &[&str] = &["Status", "Date", "Description", "Debit", "Credit"];
const STATUSES: &str = "Cleared or Pending";

impl Format for CitiCard {
    fn id(&self) -> &'static str {
        "citi-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        account_ending("Citi card", hint)
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_status = header.require("Status")?;
        let c_date = header.require("Date")?;
        let c_desc = header.require("Description")?;
        let c_debit = header.require("Debit")?;
        let c_credit = header.require("Credit")?;

        while let Some(row) = rows.next_row()? {
            let status_text = row.text(c_status, "Status")?;
            let status = match status_text.to_ascii_lowercase().as_str() {
                "cleared" => TxnStatus::Posted,
                "pending" => TxnStatus::Pending,
                "declined" | "cancelled" | "canceled" => TxnStatus::Reverted,
                _ => return Err(row.unexpected("Status", status_text, STATUSES)),
            };
            let txn = ParsedTxn {
                line: row.line(),
                date: row.date(c_date, "Date", DateOrder::Mdy)?,
                amount: row.debit_or_credit(c_debit, c_credit)?,
                description: row.text(c_desc, "Description")?,
                status,
                currency: Currency::USD,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

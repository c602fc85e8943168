//! N26 transactions CSV (`n26-csv`).
//!
//! `"Date","Payee","Account number","Transaction type","Payment reference","Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"`
//! with every cell in double quotes (older exports add `"Category"` before
//! the amounts; some add `"Account Name"`), so columns are picked by name.
//!
//! - `Date` is YYYY-MM-DD, the booking date.
//! - `Amount (EUR)` is signed from the holder's view (spending negative),
//!   written loosely (`-5.2`, `50.0`); the account is in EUR.
//! - Card payments fill the foreign columns even in EUR
//!   (`"-5.2","EUR","1.0"`): only when `Type Foreign Currency` is another
//!   currency do `Amount (Foreign Currency)` and that currency become the
//!   original amount and currency (signed as written, like the EUR amount),
//!   and `Exchange Rate` the FX rate, stored as N26 writes it (foreign units
//!   per euro: `-18.57` EUR for `-20.00` USD at `1.0770`).
//! - `Payee` is the description, `Payment reference` the memo and
//!   `Transaction type` (`MasterCard Payment`, `Income`, `Outgoing
//!   Transfer`, `Direct Debit`...) the source type.
//! - No id column; every line is booked (posted).

use std::io::BufRead;

use super::csv_rows::CsvRows;
use super::error::RowError;
use super::format::{header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct N26;

const NAME: &str = "N26 CSV";
const HEADER: &str = "\"Date\",\"Payee\",\"Account number\",\"Transaction type\",\"Payment reference\",\"Amount (EUR)\",\"Amount (Foreign Currency)\",\"Type Foreign Currency\",\"Exchange Rate\"";
const SIGNATURE: &[&str] = &[
    "Date",
    "Payee",
    "Account number",
    "Transaction type",
    "Payment reference",
    "Amount (EUR)",
];

impl Format for N26 {
    fn id(&self) -> &'static str {
        "n26-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "N26".to_owned()
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_date = header.require("Date")?;
        let c_payee = header.require("Payee")?;
        let c_type = header.require("Transaction type")?;
        let c_ref = header.require("Payment reference")?;
        let c_amount = header.require("Amount (EUR)")?;
        let c_category = header.find("Category");
        let c_foreign = header.find("Amount (Foreign Currency)");
        let c_foreign_cur = header.find("Type Foreign Currency");
        let c_rate = header.find("Exchange Rate");
        const POINT: DecimalMark = DecimalMark::Point;

        while let Some(row) = rows.next_row()? {
            let date = row.date(c_date, "Date", DateOrder::Ymd)?;
            let value = row.amount(c_amount, "Amount (EUR)", POINT)?;
            let foreign_cur = row.text(c_foreign_cur, "Type Foreign Currency")?;
            let (original_amount, original_currency, fx_rate) =
                if foreign_cur.is_empty() || foreign_cur == "EUR" {
                    (None, None, None)
                } else {
                    let currency = row.currency(c_foreign_cur, "Type Foreign Currency")?;
                    let foreign = row.amount(c_foreign, "Amount (Foreign Currency)", POINT)?;
                    let rate = row.opt_amount(c_rate, "Exchange Rate", POINT)?;
                    (Some(foreign), Some(currency), rate)
                };
            let txn = ParsedTxn {
                line: row.line(),
                source_id: None,
                date,
                posted_date: None,
                occurred_at: None,
                description: row.text(c_payee, "Payee")?,
                details: super::format::Details::merchant(Some(row.text(c_payee, "Payee")?)),
                category: row.opt(c_category, "Category")?,
                source_type: row.opt(c_type, "Transaction type")?,
                memo: row.opt(c_ref, "Payment reference")?,
                amount: value,
                currency: Currency::EUR,
                original_amount,
                original_currency,
                fx_rate,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: None,
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

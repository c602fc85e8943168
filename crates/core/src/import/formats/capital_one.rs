//! Capital One credit-card transactions CSV (`capital-one-csv`).
//!
//! `Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit`
//! (the layout since mid-2022). Dates are ISO `YYYY-MM-DD`. Amounts are
//! written positive in two columns: a purchase or fee in `Debit`, a payment
//! or refund in `Credit`, the other column empty. `Debit` becomes a negative
//! amount and `Credit` a positive one. `Card No.` holds the card's last four
//! digits, which name the default account (`Capital One card ending 4321`).
//! The export holds posted lines only; amounts are USD.
//!
//! Detection: the whole header, `Card No.` and the `Debit`/`Credit` pair
//! included, which no other supported issuer writes.

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    account_ending, header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::Currency;

#[derive(Debug)]
pub struct CapitalOneCard;

const NAME: &str = "Capital One card CSV";
const HEADER: &str = "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit";
const SIGNATURE: &[&str] = &[
    "Transaction Date",
    "Posted Date",
    "Card No.",
    "Description",
    "Category",
    "Debit",
    "Credit",
];

impl Format for CapitalOneCard {
    fn id(&self) -> &'static str {
        "capital-one-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        account_ending("Capital One card", hint)
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_date = header.require("Transaction Date")?;
        let c_post = header.require("Posted Date")?;
        let c_card = header.require("Card No.")?;
        let c_desc = header.require("Description")?;
        let c_cat = header.require("Category")?;
        let c_debit = header.require("Debit")?;
        let c_credit = header.require("Credit")?;

        while let Some(row) = rows.next_row()? {
            let txn = ParsedTxn {
                line: row.line(),
                date: row.date(c_date, "Transaction Date", DateOrder::Ymd)?,
                posted_date: row.opt_date(c_post, "Posted Date", DateOrder::Ymd)?,
                amount: row.debit_or_credit(c_debit, c_credit)?,
                description: row.text(c_desc, "Description")?,
                category: row.opt(c_cat, "Category")?,
                account_hint: row.opt(c_card, "Card No.")?,
                currency: Currency::USD,
                status: TxnStatus::Posted,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

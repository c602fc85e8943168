//! Chase credit-card activity CSV.
//!
//! `Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo`
//! (older exports have no `Card` column). Dates are MM/DD/YYYY; purchases and
//! fees are negative, payments and returns positive, already from the card
//! holder's view. The export holds posted lines only; amounts are USD.

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    account_ending, header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::Currency;

#[derive(Debug)]
pub struct ChaseCard;

const NAME: &str = "Chase credit card CSV";
const HEADER: &str = "Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo";
const SIGNATURE: &[&str] = &[
    "Transaction Date",
    "Post Date",
    "Description",
    "Category",
    "Type",
    "Amount",
];

impl Format for ChaseCard {
    fn id(&self) -> &'static str {
        "chase-card-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        account_ending("Chase card", hint)
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
        let c_post = header.require("Post Date")?;
        let c_desc = header.require("Description")?;
        let c_cat = header.require("Category")?;
        let c_type = header.require("Type")?;
        let c_amount = header.require("Amount")?;
        let c_memo = header.find("Memo");
        let c_card = header.find("Card");

        while let Some(row) = rows.next_row()? {
            // Fields in the order they are checked (the first bad one is reported).
            let txn = ParsedTxn {
                line: row.line(),
                date: row.date(c_date, "Transaction Date", DateOrder::Mdy)?,
                posted_date: row.opt_date(c_post, "Post Date", DateOrder::Mdy)?,
                amount: row.plain_amount(c_amount, "Amount")?,
                memo: row.opt(c_memo, "Memo")?,
                account_hint: row.opt(c_card, "Card")?,
                description: row.text(c_desc, "Description")?,
                category: row.opt(c_cat, "Category")?,
                source_type: row.opt(c_type, "Type")?,
                currency: Currency::USD,
                status: TxnStatus::Posted,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

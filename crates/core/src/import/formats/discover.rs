//! Discover card activity CSV (`discover-csv`).
//!
//! `Trans. Date,Post Date,Description,Amount,Category`, dates MM/DD/YYYY.
//! **Sign**: charges are positive and payments/credits negative in the file
//! (`INTERNET PAYMENT - THANK YOU,-250.00`, category `Payments and Credits`);
//! every amount is negated so spending is negative in the ledger. The file
//! names no card, so the default account is `Discover card`. Posted lines
//! only; amounts are USD.
//!
//! Detection: `Trans. Date` (with its period) next to `Post Date`,
//! `Description`, `Amount` and `Category`: Discover's own spelling.

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    account_ending, header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct DiscoverCard;

const NAME: &str = "Discover card CSV";
const HEADER: &str = "Trans. Date,Post Date,Description,Amount,Category";
const SIGNATURE: &[&str] = &[
    "Trans. Date",
    "Post Date",
    "Description",
    "Amount",
    "Category",
];

impl Format for DiscoverCard {
    fn id(&self) -> &'static str {
        "discover-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        account_ending("Discover card", hint)
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_date = header.require("Trans. Date")?;
        let c_post = header.require("Post Date")?;
        let c_desc = header.require("Description")?;
        let c_amount = header.require("Amount")?;
        let c_cat = header.require("Category")?;

        while let Some(row) = rows.next_row()? {
            let txn = ParsedTxn {
                line: row.line(),
                date: row.date(c_date, "Trans. Date", DateOrder::Mdy)?,
                posted_date: row.opt_date(c_post, "Post Date", DateOrder::Mdy)?,
                // Charges are positive in the file: spending is negative here.
                amount: -row.amount(c_amount, "Amount", DecimalMark::Point)?,
                description: row.text(c_desc, "Description")?,
                category: row.opt(c_cat, "Category")?,
                currency: Currency::USD,
                status: TxnStatus::Posted,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

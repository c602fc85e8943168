//! Monzo transactions CSV (`monzo-csv`).
//!
//! The full export is
//! `Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In,Balance,Balance currency`;
//! older and business exports drop some columns (`Category split`,
//! `Balance`, `Balance currency`, sometimes `Local amount`), so columns are
//! picked by name and only `Transaction ID`, `Date`, `Name`, `Emoji` and
//! `Amount` are required (`Emoji` is what tells a Monzo file apart).
//!
//! - `Transaction ID` (`tx_0000…`, `mm_0000…` in newer exports) is the
//!   source id, so a re-import adds nothing.
//! - `Date` is DD/MM/YYYY in UK local time; `Time` is not used (it is local,
//!   not UTC).
//! - `Amount` is signed in `Currency` (the account's, GBP): money out
//!   negative. `Money Out` / `Money In` repeat it and are not read.
//! - A card payment abroad has `Local amount` / `Local currency` in the
//!   merchant's currency, with the same sign (`-7.44,GBP,-9.98,USD`). When
//!   the local currency differs from `Currency` they become the original
//!   amount and currency. The FX rate is left empty: the file gives none, and
//!   the ledger does not fix a direction for an implied one; it can be
//!   derived from the two amounts.
//! - `Name` is Monzo's clean merchant name: the line's description and its
//!   `details.merchant` (the raw card descriptor in `Description` stands in
//!   as the description when it is empty). The raw `Description`
//!   (`CLAUDE.AI SUBSCRIPTION ANTHROPIC.COM USA`) is `details.descriptor`,
//!   so the classifier reads both; `Category` is the category; the user's
//!   `Notes and #tags` are the memo.
//! - The export lists settled lines only: every line is posted.

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct Monzo;

const NAME: &str = "Monzo CSV";
const HEADER: &str = "Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In,Balance,Balance currency";
const SIGNATURE: &[&str] = &["Transaction ID", "Date", "Name", "Emoji", "Amount"];

impl Format for Monzo {
    fn id(&self) -> &'static str {
        "monzo-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "Monzo".to_owned()
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_id = header.require("Transaction ID")?;
        let c_date = header.require("Date")?;
        let c_name = header.require("Name")?;
        let c_amount = header.require("Amount")?;
        let c_currency = header.find("Currency");
        let c_type = header.find("Type");
        let c_category = header.find("Category");
        let c_local_amount = header.find("Local amount");
        let c_local_currency = header.find("Local currency");
        let c_notes = header.find("Notes and #tags");
        let c_desc = header.find("Description");

        while let Some(row) = rows.next_row()? {
            let id = row.required(c_id, "Transaction ID")?;
            let date = row.date(c_date, "Date", DateOrder::Dmy)?;
            let value = row.amount(c_amount, "Amount", DecimalMark::Point)?;
            let currency = match row.opt(c_currency, "Currency")? {
                None => Currency::GBP,
                Some(_) => row.currency(c_currency, "Currency")?,
            };
            let local_currency = row.text(c_local_currency, "Local currency")?;
            let (original_amount, original_currency) =
                if local_currency.is_empty() || local_currency == currency.as_str() {
                    (None, None)
                } else {
                    let local = row.amount(c_local_amount, "Local amount", DecimalMark::Point)?;
                    (
                        Some(local),
                        Some(row.currency(c_local_currency, "Local currency")?),
                    )
                };
            let raw_desc = row.text(c_desc, "Description")?;
            let name = row.text(c_name, "Name")?;
            let txn = ParsedTxn {
                line: row.line(),
                source_id: Some(id),
                date,
                description: if name.is_empty() { raw_desc } else { name },
                details: crate::import::pipeline::format::Details {
                    merchant: Some(name),
                    descriptor: Some(raw_desc),
                    ..crate::import::pipeline::format::Details::default()
                },
                category: row.opt(c_category, "Category")?,
                source_type: row.opt(c_type, "Type")?,
                memo: row.opt(c_notes, "Notes and #tags")?,
                amount: value,
                currency,
                original_amount,
                original_currency,
                status: TxnStatus::Posted,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

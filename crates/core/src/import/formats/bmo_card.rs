//! BMO (Bank of Montreal, Canada) credit-card transactions CSV
//! (`bmo-card-csv`).
//!
//! The file starts with a preamble line `Following data is valid as of
//! 20260302094243:` and a blank line; the header follows on line 3:
//! `Item #,Card #,Transaction Date,Posting Date,Transaction Amount,Description`.
//! Dates are `YYYYMMDD` without separators. `Card #` is the full card number
//! wrapped in apostrophes (`'5191230000004321'`, so spreadsheets keep it as
//! text); its last four digits name the default account
//! (`BMO card ending 4321`). `Item #` only numbers the lines of this export
//! and is not an id. Amounts are CAD.
//!
//! **Sign**: BMO writes purchases positive (`COSTCO WHOLESALE ...,85.06`) and
//! payments and refunds negative (`PAYMENT RECEIVED - THANK YOU,-500.00`);
//! the double-entry-generator example and its converter (a minus means money
//! in) agree. Every amount is negated so spending is negative in the ledger.
//! The export holds posted lines only.
//!
//! Detection looks past the preamble: the head's text must hold the header
//! line itself. Line numbers in errors count the preamble lines.

use std::io::BufRead;

use chrono::NaiveDate;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{
    account_ending, normalise_header, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct BmoCard;

const NAME: &str = "BMO credit card CSV";
const HEADER: &str = "Item #,Card #,Transaction Date,Posting Date,Transaction Amount,Description";
const SIGNATURE: &[&str] = &[
    "Item #",
    "Card #",
    "Transaction Date",
    "Posting Date",
    "Transaction Amount",
    "Description",
];
const DATE: &str = "a date as YYYYMMDD";

impl Format for BmoCard {
    fn id(&self) -> &'static str {
        "bmo-card-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text
            .split(['\n', '\r'])
            .filter(|line| !line.trim().is_empty())
            .take(10)
            .any(|line| is_header(line.split(',')))
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        account_ending("BMO card", hint)
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        // The preamble (and blank lines) come before the header.
        let mut rows = CsvRows::new(input);
        let is_bmo_header = |cells: &[&str]| is_header(cells.iter().copied());
        let header = rows.header_after_preamble(NAME, HEADER, Some(20), &is_bmo_header)?;
        let c_card = header.require("Card #")?;
        let c_date = header.require("Transaction Date")?;
        let c_post = header.require("Posting Date")?;
        let c_amount = header.require("Transaction Amount")?;
        let c_desc = header.require("Description")?;

        while let Some(row) = rows.next_row()? {
            let line = row.line();
            let date = compact_date(
                row.text(c_date, "Transaction Date")?,
                "Transaction Date",
                line,
            )?;
            let posted_date = match row.text(c_post, "Posting Date")? {
                "" => None,
                p => Some(compact_date(p, "Posting Date", line)?),
            };
            // Purchases are positive in the file: spending is negative here.
            let amount = -row.amount(c_amount, "Transaction Amount", DecimalMark::Point)?;
            let card = row.text(c_card, "Card #")?.trim_matches('\'');
            let last4 = (card.len() >= 4 && card.bytes().all(|b| b.is_ascii_digit()))
                .then(|| &card[card.len() - 4..]);
            let txn = ParsedTxn {
                line,
                date,
                posted_date,
                description: row.text(c_desc, "Description")?,
                amount,
                currency: Currency::CAD,
                status: TxnStatus::Posted,
                account_hint: last4,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

/// Whether a line's cells are BMO's header (trimmed, case-insensitive).
fn is_header<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let cells: Vec<String> = cells.map(normalise_header).collect();
    cells.len() == SIGNATURE.len()
        && SIGNATURE
            .iter()
            .zip(&cells)
            .all(|(want, have)| normalise_header(want) == *have)
}

/// Parses BMO's `YYYYMMDD`.
fn compact_date(value: &str, column: &'static str, line: u64) -> Result<NaiveDate, RowError> {
    let bad = |impossible| {
        RowError::new(
            line,
            Problem::BadDate {
                column,
                value: value.to_owned(),
                expected: DATE,
                impossible,
            },
        )
    };
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(false));
    }
    let num = |r: std::ops::Range<usize>| value[r].parse::<u32>().map_err(|_| bad(false));
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    if y < 1000 {
        return Err(bad(false));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| bad(true))
}

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

use super::amex::LineCounted;
use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, normalise_header, Columns, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

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
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("BMO card ending {card}"),
            None => "BMO card".to_owned(),
        }
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(LineCounted::new(input));
        let mut rec = csv::ByteRecord::new();
        // The preamble (and blank lines) come before the header.
        let mut first_line = None;
        let header_line = loop {
            if !rdr
                .read_byte_record(&mut rec)
                .map_err(|e| csv_error(&e, 1))?
            {
                return Err(RowError::new(
                    first_line.unwrap_or(1),
                    match first_line {
                        None => Problem::Empty,
                        Some(_) => Problem::NotThisFormat {
                            format: NAME,
                            expected_header: HEADER,
                        },
                    },
                ));
            }
            let line = rdr.get_mut().line_of(record_start(&rec));
            if is_blank(&rec) {
                continue;
            }
            first_line.get_or_insert(line);
            let cells = rec.iter().map(|c| std::str::from_utf8(c).unwrap_or(""));
            if is_header(cells) {
                break line;
            }
            if line > 20 {
                return Err(RowError::new(
                    first_line.unwrap_or(1),
                    Problem::NotThisFormat {
                        format: NAME,
                        expected_header: HEADER,
                    },
                ));
            }
        };
        let cols = Columns::new(rec.iter());
        let c_card = cols.require("Card #", NAME, header_line)?;
        let c_date = cols.require("Transaction Date", NAME, header_line)?;
        let c_post = cols.require("Posting Date", NAME, header_line)?;
        let c_amount = cols.require("Transaction Amount", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;

        loop {
            let more = rdr
                .read_byte_record(&mut rec)
                .map_err(|e| csv_error(&e, rdr.get_ref().last_line()))?;
            if !more {
                return Ok(());
            }
            let line = rdr.get_mut().line_of(record_start(&rec));
            if is_blank(&rec) {
                continue;
            }
            if rec.len() != cols.len() {
                return Err(RowError::new(
                    line,
                    Problem::FieldCount {
                        found: rec.len(),
                        expected: cols.len(),
                    },
                ));
            }
            let date = compact_date(
                field(&rec, c_date, "Transaction Date", line)?,
                "Transaction Date",
                line,
            )?;
            let post = field(&rec, c_post, "Posting Date", line)?;
            let posted_date = match post {
                "" => None,
                p => Some(compact_date(p, "Posting Date", line)?),
            };
            let text = field(&rec, c_amount, "Transaction Amount", line)?;
            if text.is_empty() {
                return Err(RowError::new(
                    line,
                    Problem::EmptyField {
                        column: "Transaction Amount",
                    },
                ));
            }
            let written = parse_amount(text, DecimalMark::Point).map_err(|_| {
                RowError::new(
                    line,
                    Problem::BadAmount {
                        column: "Transaction Amount",
                        value: text.to_owned(),
                    },
                )
            })?;
            let card = field(&rec, c_card, "Card #", line)?.trim_matches('\'');
            let last4 = (card.len() >= 4 && card.bytes().all(|b| b.is_ascii_digit()))
                .then(|| &card[card.len() - 4..]);
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: None,
                source_type: None,
                memo: None,
                // Purchases are positive in the file: spending is negative here.
                amount: -written,
                currency: Currency::CAD,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: last4,
            };
            sink.row(&txn)?;
        }
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

fn record_start(rec: &csv::ByteRecord) -> u64 {
    rec.position().map_or(0, |p| p.byte())
}

fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

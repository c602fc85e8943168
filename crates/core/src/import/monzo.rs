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
//! - `Name` is Monzo's merchant name (the line's description; the raw card
//!   descriptor in `Description` stands in when it is empty). The memo keeps
//!   the raw `Description` and the user's `Notes and #tags`.
//! - The export lists settled lines only: every line is posted.

use std::io::BufRead;

use rust_decimal::Decimal;

use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, parse_date, Columns, DateOrder, Format, Head, ParsedTxn,
    RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

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
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let mut rec = csv::ByteRecord::new();
        if !rdr
            .read_byte_record(&mut rec)
            .map_err(|e| csv_error(&e, 1))?
        {
            return Err(RowError::new(1, Problem::Empty));
        }
        let header_line = rec.position().map_or(1, |p| p.line());
        let cols = Columns::new(rec.iter());
        if !SIGNATURE.iter().all(|c| cols.find(c).is_some()) {
            return Err(RowError::new(
                header_line,
                Problem::NotThisFormat {
                    format: NAME,
                    expected_header: HEADER,
                },
            ));
        }
        let c_id = cols.require("Transaction ID", NAME, header_line)?;
        let c_date = cols.require("Date", NAME, header_line)?;
        let c_name = cols.require("Name", NAME, header_line)?;
        let c_amount = cols.require("Amount", NAME, header_line)?;
        let c_currency = cols.find("Currency");
        let c_type = cols.find("Type");
        let c_category = cols.find("Category");
        let c_local_amount = cols.find("Local amount");
        let c_local_currency = cols.find("Local currency");
        let c_notes = cols.find("Notes and #tags");
        let c_desc = cols.find("Description");
        let mut memo_buf = String::new();

        loop {
            let more = rdr
                .read_byte_record(&mut rec)
                .map_err(|e| csv_error(&e, header_line))?;
            if !more {
                return Ok(());
            }
            let line = rec.position().map_or(0, |p| p.line());
            if rec.len() != cols.len() {
                if is_blank(&rec) {
                    continue;
                }
                return Err(RowError::new(
                    line,
                    Problem::FieldCount {
                        found: rec.len(),
                        expected: cols.len(),
                    },
                ));
            }
            let opt = |c: Option<usize>, name: &'static str| -> Result<&str, RowError> {
                match c {
                    Some(i) => field(&rec, i, name, line),
                    None => Ok(""),
                }
            };
            let id = field(&rec, c_id, "Transaction ID", line)?;
            if id.is_empty() {
                return Err(RowError::new(
                    line,
                    Problem::EmptyField {
                        column: "Transaction ID",
                    },
                ));
            }
            let date = parse_date(
                field(&rec, c_date, "Date", line)?,
                DateOrder::Dmy,
                "Date",
                line,
            )?;
            let value = amount(field(&rec, c_amount, "Amount", line)?, "Amount", line)?;
            let currency_text = opt(c_currency, "Currency")?;
            let currency = if currency_text.is_empty() {
                Currency::parse("GBP")
                    .map_err(|_| RowError::new(line, Problem::EmptyField { column: "Currency" }))?
            } else {
                currency_code(currency_text, "Currency", line)?
            };
            let local_currency = opt(c_local_currency, "Local currency")?;
            let (original_amount, original_currency) =
                if local_currency.is_empty() || local_currency == currency.as_str() {
                    (None, None)
                } else {
                    let local = amount(opt(c_local_amount, "Local amount")?, "Local amount", line)?;
                    (
                        Some(local),
                        Some(currency_code(local_currency, "Local currency", line)?),
                    )
                };
            let raw_desc = opt(c_desc, "Description")?;
            let notes = opt(c_notes, "Notes and #tags")?;
            memo_buf.clear();
            memo_buf.push_str(raw_desc);
            if !notes.is_empty() {
                if !memo_buf.is_empty() {
                    memo_buf.push_str(" | ");
                }
                memo_buf.push_str(notes);
            }
            let name = field(&rec, c_name, "Name", line)?;
            let txn = ParsedTxn {
                line,
                source_id: Some(id),
                date,
                posted_date: None,
                occurred_at: None,
                description: if name.is_empty() { raw_desc } else { name },
                category: non_empty(opt(c_category, "Category")?),
                source_type: non_empty(opt(c_type, "Type")?),
                memo: non_empty(&memo_buf),
                amount: value,
                currency,
                original_amount,
                original_currency,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: None,
            };
            sink.row(&txn)?;
        }
    }
}

fn amount(text: &str, column: &'static str, line: u64) -> Result<Decimal, RowError> {
    if text.is_empty() {
        return Err(RowError::new(line, Problem::EmptyField { column }));
    }
    parse_amount(text, DecimalMark::Point).map_err(|_| {
        RowError::new(
            line,
            Problem::BadAmount {
                column,
                value: text.to_owned(),
            },
        )
    })
}

fn currency_code(text: &str, column: &'static str, line: u64) -> Result<Currency, RowError> {
    if text.is_empty() {
        return Err(RowError::new(line, Problem::EmptyField { column }));
    }
    Currency::parse(text).map_err(|_| {
        RowError::new(
            line,
            Problem::BadCurrency {
                column,
                value: text.to_owned(),
            },
        )
    })
}

/// A blank line inside the data reads as one empty field.
fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.len() == 1
        && rec
            .get(0)
            .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
}

fn non_empty(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

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

use rust_decimal::Decimal;

use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, parse_date, Columns, DateOrder, Format, Head, ParsedTxn,
    RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

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
        let c_date = cols.require("Date", NAME, header_line)?;
        let c_payee = cols.require("Payee", NAME, header_line)?;
        let c_type = cols.require("Transaction type", NAME, header_line)?;
        let c_ref = cols.require("Payment reference", NAME, header_line)?;
        let c_amount = cols.require("Amount (EUR)", NAME, header_line)?;
        let c_category = cols.find("Category");
        let c_foreign = cols.find("Amount (Foreign Currency)");
        let c_foreign_cur = cols.find("Type Foreign Currency");
        let c_rate = cols.find("Exchange Rate");
        let eur = Currency::parse("EUR")
            .map_err(|_| RowError::new(header_line, Problem::Csv("EUR".into())))?;

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
            let date = parse_date(
                field(&rec, c_date, "Date", line)?,
                DateOrder::Ymd,
                "Date",
                line,
            )?;
            let value = amount(
                field(&rec, c_amount, "Amount (EUR)", line)?,
                "Amount (EUR)",
                line,
            )?;
            let foreign_cur = opt(c_foreign_cur, "Type Foreign Currency")?;
            let (original_amount, original_currency, fx_rate) =
                if foreign_cur.is_empty() || foreign_cur == "EUR" {
                    (None, None, None)
                } else {
                    let currency = Currency::parse(foreign_cur).map_err(|_| {
                        RowError::new(
                            line,
                            Problem::BadCurrency {
                                column: "Type Foreign Currency",
                                value: foreign_cur.to_owned(),
                            },
                        )
                    })?;
                    let foreign = amount(
                        opt(c_foreign, "Amount (Foreign Currency)")?,
                        "Amount (Foreign Currency)",
                        line,
                    )?;
                    let rate = opt(c_rate, "Exchange Rate")?;
                    let rate = if rate.is_empty() {
                        None
                    } else {
                        Some(amount(rate, "Exchange Rate", line)?)
                    };
                    (Some(foreign), Some(currency), rate)
                };
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date: None,
                occurred_at: None,
                description: field(&rec, c_payee, "Payee", line)?,
                category: non_empty(opt(c_category, "Category")?),
                source_type: non_empty(field(&rec, c_type, "Transaction type", line)?),
                memo: non_empty(field(&rec, c_ref, "Payment reference", line)?),
                amount: value,
                currency: eur,
                original_amount,
                original_currency,
                fx_rate,
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

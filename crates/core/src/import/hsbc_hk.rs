//! HSBC Hong Kong credit card CSV (`hsbc-hk-card-csv`).
//!
//! `Transaction date,Post date,Description,Billing amount,Billing currency,Transaction status,Merchant name,Country / region,Area / district,Credit / Debit`
//! (the card export of HSBC HK online banking):
//!
//! - Dates are DD/MM/YYYY; `Transaction date` is the line's `date`,
//!   `Post date` its `posted_date` (may be empty while pending).
//! - `Billing amount` is quoted, with thousands commas, and followed by one
//!   or two TABs *outside* the quotes (`"-1,099.14"\t,CNY`); the TABs are
//!   trimmed. Purchases are written negative, payments and returns positive.
//! - `Credit / Debit` (`DEBIT` / `CREDIT`) says the direction too, and decides
//!   it: a `DEBIT` line is money out (negative), a `CREDIT` line money in
//!   (positive), whatever sign the amount carries; an empty cell leaves the
//!   amount's own sign. It is kept as the source type. The last cell may
//!   carry a trailing space (`DEBIT `).
//! - `Billing currency` is per line (a dual-currency card bills HKD and CNY
//!   lines in one file); there is no original (foreign) amount column.
//! - `Transaction status` `POSTED` → posted, `PENDING` → pending;
//!   `DECLINED`, `REVERSED` and `CANCELLED` (not seen in public samples) →
//!   reverted, kept.
//! - `Description` is kept as written (padded: `SALES:   MCDONALDS   CHN   CN`);
//!   `Merchant name` is the memo. No id column.

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
pub struct HsbcHkCard;

const NAME: &str = "HSBC HK credit card CSV";
const HEADER: &str = "Transaction date,Post date,Description,Billing amount,Billing currency,Transaction status,Merchant name,Country / region,Area / district,Credit / Debit";
const SIGNATURE: &[&str] = &[
    "Transaction date",
    "Post date",
    "Description",
    "Billing amount",
    "Billing currency",
    "Transaction status",
    "Credit / Debit",
];
const STATUSES: &str = "POSTED or PENDING";
const DIRECTIONS: &str = "DEBIT or CREDIT";

impl Format for HsbcHkCard {
    fn id(&self) -> &'static str {
        "hsbc-hk-card-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "HSBC HK card".to_owned()
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
        let c_date = cols.require("Transaction date", NAME, header_line)?;
        let c_post = cols.require("Post date", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_amount = cols.require("Billing amount", NAME, header_line)?;
        let c_currency = cols.require("Billing currency", NAME, header_line)?;
        let c_status = cols.require("Transaction status", NAME, header_line)?;
        let c_dir = cols.require("Credit / Debit", NAME, header_line)?;
        let c_merchant = cols.find("Merchant name");

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
            let date = parse_date(
                field(&rec, c_date, "Transaction date", line)?,
                DateOrder::Dmy,
                "Transaction date",
                line,
            )?;
            let post = field(&rec, c_post, "Post date", line)?;
            let posted_date = if post.is_empty() {
                None
            } else {
                Some(parse_date(post, DateOrder::Dmy, "Post date", line)?)
            };
            let written = amount(
                field(&rec, c_amount, "Billing amount", line)?,
                "Billing amount",
                line,
            )?;
            let dir = field(&rec, c_dir, "Credit / Debit", line)?;
            let value = match dir.to_ascii_uppercase().as_str() {
                "DEBIT" => -written.abs(),
                "CREDIT" => written.abs(),
                "" => written,
                _ => {
                    return Err(RowError::new(
                        line,
                        Problem::UnexpectedValue {
                            column: "Credit / Debit",
                            value: dir.to_owned(),
                            expected: DIRECTIONS,
                        },
                    ))
                }
            };
            let status_text = field(&rec, c_status, "Transaction status", line)?;
            let status = match status_text.to_ascii_uppercase().as_str() {
                "POSTED" => TxnStatus::Posted,
                "PENDING" => TxnStatus::Pending,
                "DECLINED" | "REVERSED" | "CANCELLED" => TxnStatus::Reverted,
                _ => {
                    return Err(RowError::new(
                        line,
                        Problem::UnexpectedValue {
                            column: "Transaction status",
                            value: status_text.to_owned(),
                            expected: STATUSES,
                        },
                    ))
                }
            };
            let currency_text = field(&rec, c_currency, "Billing currency", line)?;
            if currency_text.is_empty() {
                return Err(RowError::new(
                    line,
                    Problem::EmptyField {
                        column: "Billing currency",
                    },
                ));
            }
            let currency = Currency::parse(currency_text).map_err(|_| {
                RowError::new(
                    line,
                    Problem::BadCurrency {
                        column: "Billing currency",
                        value: currency_text.to_owned(),
                    },
                )
            })?;
            let merchant = match c_merchant {
                Some(i) => field(&rec, i, "Merchant name", line)?,
                None => "",
            };
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: None,
                source_type: non_empty(dir),
                memo: non_empty(merchant),
                amount: value,
                currency,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status,
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

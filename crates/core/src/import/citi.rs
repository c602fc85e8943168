//! Citi credit-card activity CSV (`citi-csv`).
//!
//! `Status,Date,Description,Debit,Credit` with an optional trailing
//! `Member Name` (cards with authorised users). Dates are MM/DD/YYYY.
//! `Status` is `Cleared` (posted) or `Pending` (pending); a declined or
//! cancelled line is kept as `reverted`, any other status is an error.
//!
//! **Sign**: `Debit` is spending, written positive, and becomes negative.
//! `Credit` is money in (payments, refunds) and becomes positive whatever its
//! written sign: Citi writes payments there as negative numbers
//! (`,-1037.98`). One of the two is filled per line. The file names no card,
//! so the default account is `Citi card`; amounts are USD.
//!
//! Detection: `Status` and `Date` next to the `Debit`/`Credit` pair.

use std::io::BufRead;

use rust_decimal::Decimal;

use super::amex::LineCounted;
use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, parse_us_date, Columns, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

#[derive(Debug)]
pub struct CitiCard;

const NAME: &str = "Citi card CSV";
const HEADER: &str = "Status,Date,Description,Debit,Credit";
const SIGNATURE: &[&str] = &["Status", "Date", "Description", "Debit", "Credit"];
const STATUSES: &str = "Cleared or Pending";

impl Format for CitiCard {
    fn id(&self) -> &'static str {
        "citi-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("Citi card ending {card}"),
            None => "Citi card".to_owned(),
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
        let header_line = loop {
            if !rdr
                .read_byte_record(&mut rec)
                .map_err(|e| csv_error(&e, 1))?
            {
                return Err(RowError::new(1, Problem::Empty));
            }
            if !is_blank(&rec) {
                break rdr.get_mut().line_of(record_start(&rec));
            }
        };
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
        let c_status = cols.require("Status", NAME, header_line)?;
        let c_date = cols.require("Date", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_debit = cols.require("Debit", NAME, header_line)?;
        let c_credit = cols.require("Credit", NAME, header_line)?;

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
            let status_text = field(&rec, c_status, "Status", line)?;
            let status = match status_text.to_ascii_lowercase().as_str() {
                "cleared" => TxnStatus::Posted,
                "pending" => TxnStatus::Pending,
                "declined" | "cancelled" | "canceled" => TxnStatus::Reverted,
                _ => {
                    return Err(RowError::new(
                        line,
                        Problem::UnexpectedValue {
                            column: "Status",
                            value: status_text.to_owned(),
                            expected: STATUSES,
                        },
                    ))
                }
            };
            let date = parse_us_date(field(&rec, c_date, "Date", line)?, "Date", line)?;
            let debit = amount(field(&rec, c_debit, "Debit", line)?, "Debit", line)?;
            let credit = amount(field(&rec, c_credit, "Credit", line)?, "Credit", line)?;
            let amount = match (debit, credit) {
                (Some(d), None) => -d.abs(),
                (None, Some(c)) => c.abs(),
                (None, None) => {
                    return Err(RowError::new(line, Problem::EmptyField { column: "Debit" }))
                }
                (Some(_), Some(_)) => return Err(RowError::new(
                    line,
                    Problem::UnexpectedValue {
                        column: "Credit",
                        value: field(&rec, c_credit, "Credit", line)?.to_owned(),
                        expected:
                            "an empty Credit when Debit holds the amount (one of the two per line)",
                    },
                )),
            };
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date: None,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: None,
                source_type: None,
                memo: None,
                amount,
                currency: Currency::USD,
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

/// An amount column that may be empty.
fn amount(text: &str, column: &'static str, line: u64) -> Result<Option<Decimal>, RowError> {
    if text.is_empty() {
        return Ok(None);
    }
    parse_amount(text, DecimalMark::Point)
        .map(Some)
        .map_err(|_| {
            RowError::new(
                line,
                Problem::BadAmount {
                    column,
                    value: text.to_owned(),
                },
            )
        })
}

fn record_start(rec: &csv::ByteRecord) -> u64 {
    rec.position().map_or(0, |p| p.byte())
}

fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

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

use rust_decimal::Decimal;

use super::amex::LineCounted;
use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, parse_date, Columns, DateOrder, Format, Head, ParsedTxn,
    RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

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
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("Capital One card ending {card}"),
            None => "Capital One card".to_owned(),
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
        let c_date = cols.require("Transaction Date", NAME, header_line)?;
        let c_post = cols.require("Posted Date", NAME, header_line)?;
        let c_card = cols.require("Card No.", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_cat = cols.require("Category", NAME, header_line)?;
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
            let date = parse_date(
                field(&rec, c_date, "Transaction Date", line)?,
                DateOrder::Ymd,
                "Transaction Date",
                line,
            )?;
            let post = field(&rec, c_post, "Posted Date", line)?;
            let posted_date = match post {
                "" => None,
                p => Some(parse_date(p, DateOrder::Ymd, "Posted Date", line)?),
            };
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
                posted_date,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: non_empty(field(&rec, c_cat, "Category", line)?),
                source_type: None,
                memo: None,
                amount,
                currency: Currency::USD,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: non_empty(field(&rec, c_card, "Card No.", line)?),
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

fn non_empty(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

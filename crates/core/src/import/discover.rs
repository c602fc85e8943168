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

use super::amex::LineCounted;
use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, parse_us_date, Columns, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

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
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("Discover card ending {card}"),
            None => "Discover card".to_owned(),
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
        let c_date = cols.require("Trans. Date", NAME, header_line)?;
        let c_post = cols.require("Post Date", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_amount = cols.require("Amount", NAME, header_line)?;
        let c_cat = cols.require("Category", NAME, header_line)?;

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
            let date = parse_us_date(
                field(&rec, c_date, "Trans. Date", line)?,
                "Trans. Date",
                line,
            )?;
            let post = field(&rec, c_post, "Post Date", line)?;
            let posted_date = match post {
                "" => None,
                p => Some(parse_us_date(p, "Post Date", line)?),
            };
            let text = field(&rec, c_amount, "Amount", line)?;
            if text.is_empty() {
                return Err(RowError::new(
                    line,
                    Problem::EmptyField { column: "Amount" },
                ));
            }
            let written = parse_amount(text, DecimalMark::Point).map_err(|_| {
                RowError::new(
                    line,
                    Problem::BadAmount {
                        column: "Amount",
                        value: text.to_owned(),
                    },
                )
            })?;
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
                // Charges are positive in the file: spending is negative here.
                amount: -written,
                currency: Currency::USD,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: None,
            };
            sink.row(&txn)?;
        }
    }
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

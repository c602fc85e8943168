//! Chase credit-card activity CSV.
//!
//! `Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo`
//! (older exports have no `Card` column). Dates are MM/DD/YYYY; purchases and
//! fees are negative, payments and returns positive, already from the card
//! holder's view. The export holds posted lines only; amounts are USD.

use std::io::BufRead;

use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, parse_us_date, Columns, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_plain_decimal, Currency};

#[derive(Debug)]
pub struct ChaseCard;

const NAME: &str = "Chase credit card CSV";
const HEADER: &str = "Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo";
const SIGNATURE: &[&str] = &[
    "Transaction Date",
    "Post Date",
    "Description",
    "Category",
    "Type",
    "Amount",
];

impl Format for ChaseCard {
    fn id(&self) -> &'static str {
        "chase-card-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("Chase card ending {card}"),
            None => "Chase card".to_owned(),
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
        let c_date = cols.require("Transaction Date", NAME, header_line)?;
        let c_post = cols.require("Post Date", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_cat = cols.require("Category", NAME, header_line)?;
        let c_type = cols.require("Type", NAME, header_line)?;
        let c_amount = cols.require("Amount", NAME, header_line)?;
        let c_memo = cols.find("Memo");
        let c_card = cols.find("Card");

        loop {
            let more = rdr
                .read_byte_record(&mut rec)
                .map_err(|e| csv_error(&e, header_line))?;
            if !more {
                return Ok(());
            }
            let line = rec.position().map_or(0, |p| p.line());
            if rec.len() != cols.len() {
                // A trailing empty line inside the data reads as one empty field.
                if rec.len() == 1
                    && rec
                        .get(0)
                        .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
                {
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
            let date = parse_us_date(
                field(&rec, c_date, "Transaction Date", line)?,
                "Transaction Date",
                line,
            )?;
            let post = field(&rec, c_post, "Post Date", line)?;
            let posted_date = if post.is_empty() {
                None
            } else {
                Some(parse_us_date(post, "Post Date", line)?)
            };
            let amount_text = field(&rec, c_amount, "Amount", line)?;
            if amount_text.is_empty() {
                return Err(RowError::new(
                    line,
                    Problem::EmptyField { column: "Amount" },
                ));
            }
            let amount = parse_plain_decimal(amount_text).map_err(|_| {
                RowError::new(
                    line,
                    Problem::BadAmount {
                        column: "Amount",
                        value: amount_text.to_owned(),
                    },
                )
            })?;
            let memo = match c_memo {
                Some(i) => non_empty(field(&rec, i, "Memo", line)?),
                None => None,
            };
            let card = match c_card {
                Some(i) => non_empty(field(&rec, i, "Card", line)?),
                None => None,
            };
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: non_empty(field(&rec, c_cat, "Category", line)?),
                source_type: non_empty(field(&rec, c_type, "Type", line)?),
                memo,
                amount,
                currency: Currency::USD,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: card,
            };
            sink.row(&txn)?;
        }
    }
}

fn non_empty(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

//! Revolut account statement CSV (`revolut-csv`).
//!
//! The current export (app → account → Statement → Excel/CSV) is
//! `Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance`,
//! one file per currency account, unquoted, LF line ends:
//!
//! - Dates are `YYYY-MM-DD HH:MM:SS` in the account holder's local time. The
//!   Started Date's calendar date is the line's `date` and the Completed
//!   Date's its `posted_date`, both kept as written (no time zone shift).
//!   A pending line (and a reverted one) usually has no Completed Date and no
//!   Balance.
//! - `Amount` is signed from the holder's view: spending negative, top-ups
//!   and refunds positive. It is the line's amount as written.
//! - `Fee` is a separate, positive column in the same `Currency` (weekend
//!   exchange mark-ups, ATM and transfer fees); the balance moves by
//!   `Amount - Fee`. A non-zero fee is kept, as written, in `fx_fee`
//!   (the ledger's fee column, in the billed currency); it is **not** folded
//!   into the amount, so the line stays what the merchant charged. A zero fee
//!   is recorded as no fee.
//! - `State`: `COMPLETED` → posted, `PENDING` → pending, `REVERTED`,
//!   `DECLINED` and `FAILED` → reverted (kept, never dropped). Any other
//!   value is refused with the values this format knows.
//! - There is no id column and no original (foreign) amount: a card payment
//!   in USD from a GBP account shows only the GBP the account paid.
//!
//! The older crypto statement has
//! `Type,Product,Started Date,Completed Date,Description,Amount,Currency,Fiat amount,Fiat amount (inc. fees),Fee,Base currency,State,Balance`
//! (hours may have one digit: `2022-08-24 3:47:33`). There `Amount` and
//! `Currency` are a coin quantity and ticker (`BTC`, `ALGO`, not ISO 4217),
//! so the line's amount is `Fiat amount` in `Base currency` (the value
//! without the fee), `Fee` (in the base currency) goes to `fx_fee` as above,
//! and the coin quantity is kept in the memo (`-0.00031200 BTC`). Such a file
//! lands in its own default account (`Revolut crypto EUR`) so that exchanges
//! are not counted twice against the fiat account.
//!
//! The default account is `Revolut` plus the first line's currency
//! (`Revolut GBP`).

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
pub struct Revolut;

const NAME: &str = "Revolut statement CSV";
const HEADER: &str =
    "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance";
/// Columns every Revolut statement has, current and crypto alike.
const SIGNATURE: &[&str] = &[
    "Type",
    "Started Date",
    "Completed Date",
    "Description",
    "Amount",
    "Fee",
    "Currency",
    "State",
];
const STATES: &str = "COMPLETED, PENDING, REVERTED, DECLINED or FAILED";

impl Format for Revolut {
    fn id(&self) -> &'static str {
        "revolut-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(h) => format!("Revolut {h}"),
            None => "Revolut".to_owned(),
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
        let c_type = cols.require("Type", NAME, header_line)?;
        let c_started = cols.require("Started Date", NAME, header_line)?;
        let c_completed = cols.require("Completed Date", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_amount = cols.require("Amount", NAME, header_line)?;
        let c_fee = cols.require("Fee", NAME, header_line)?;
        let c_currency = cols.require("Currency", NAME, header_line)?;
        let c_state = cols.require("State", NAME, header_line)?;
        // The crypto statement: the fiat value and its currency.
        let crypto = match (cols.find("Fiat amount"), cols.find("Base currency")) {
            (Some(fiat), Some(base)) => Some((fiat, base)),
            _ => None,
        };
        let mut memo_buf = String::new();
        let mut hint_buf = String::new();

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
                field(&rec, c_started, "Started Date", line)?,
                DateOrder::Ymd,
                "Started Date",
                line,
            )?;
            let completed = field(&rec, c_completed, "Completed Date", line)?;
            let posted_date = if completed.is_empty() {
                None
            } else {
                Some(parse_date(
                    completed,
                    DateOrder::Ymd,
                    "Completed Date",
                    line,
                )?)
            };
            let state = field(&rec, c_state, "State", line)?;
            let status = match state.to_ascii_uppercase().as_str() {
                "COMPLETED" => TxnStatus::Posted,
                "PENDING" => TxnStatus::Pending,
                "REVERTED" | "DECLINED" | "FAILED" => TxnStatus::Reverted,
                _ => {
                    return Err(RowError::new(
                        line,
                        Problem::UnexpectedValue {
                            column: "State",
                            value: state.to_owned(),
                            expected: STATES,
                        },
                    ))
                }
            };
            let fee = amount(field(&rec, c_fee, "Fee", line)?, "Fee", line, true)?
                .filter(|f| !f.is_zero());
            let (value, currency, memo, hint) = match crypto {
                None => {
                    let text = field(&rec, c_currency, "Currency", line)?;
                    let value = amount(
                        field(&rec, c_amount, "Amount", line)?,
                        "Amount",
                        line,
                        false,
                    )?
                    .unwrap_or_default();
                    (value, currency(text, "Currency", line)?, None, text)
                }
                Some((c_fiat, c_base)) => {
                    let base = field(&rec, c_base, "Base currency", line)?;
                    let value = amount(
                        field(&rec, c_fiat, "Fiat amount", line)?,
                        "Fiat amount",
                        line,
                        false,
                    )?
                    .unwrap_or_default();
                    memo_buf.clear();
                    memo_buf.push_str(field(&rec, c_amount, "Amount", line)?);
                    memo_buf.push(' ');
                    memo_buf.push_str(field(&rec, c_currency, "Currency", line)?);
                    hint_buf.clear();
                    hint_buf.push_str("crypto ");
                    hint_buf.push_str(base);
                    (
                        value,
                        currency(base, "Base currency", line)?,
                        Some(memo_buf.trim()),
                        hint_buf.as_str(),
                    )
                }
            };
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: None,
                source_type: non_empty(field(&rec, c_type, "Type", line)?),
                memo: memo.filter(|m| !m.is_empty()),
                amount: value,
                currency,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: fee,
                status,
                account_hint: Some(hint),
            };
            sink.row(&txn)?;
        }
    }
}

/// An amount through [`parse_amount`]; empty is `None` where allowed.
fn amount(
    text: &str,
    column: &'static str,
    line: u64,
    may_be_empty: bool,
) -> Result<Option<Decimal>, RowError> {
    if text.is_empty() {
        return if may_be_empty {
            Ok(None)
        } else {
            Err(RowError::new(line, Problem::EmptyField { column }))
        };
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

fn currency(text: &str, column: &'static str, line: u64) -> Result<Currency, RowError> {
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

//! Wise transfer history CSV (`wise-csv`).
//!
//! `id,status,direction,date_created,date_finished,source_fee_amount,source_fee_currency,target_fee_amount,target_fee_currency,source_name,source_amount_after_fees,source_currency,target_name,target_amount_after_fees,target_currency,exchange_rate,reference,batch`,
//! unquoted unless a name or reference holds a comma.
//!
//! Choices, one line per transfer:
//!
//! - `id` (`TRANSFER-1234567890`) is the source id: a re-import adds nothing.
//! - `date_created`'s calendar date is the line's `date`, `date_finished`'s
//!   its `posted_date` (empty until the transfer finishes); both
//!   `YYYY-MM-DD HH:MM:SS`, kept as written.
//! - `direction` `OUT` (and `NEUTRAL`, a conversion between one's own
//!   balances, which still leaves the source balance) is money out: the
//!   amount is minus what left the source balance, `source_amount_after_fees`
//!   plus `source_fee_amount`, in `source_currency`; the description is
//!   `target_name`. `IN` is money in: plus `target_amount_after_fees` in
//!   `target_currency`, described by `source_name`. The direction is kept as
//!   the source type, so a `NEUTRAL` line can be told apart.
//! - When source and target currencies differ, the other side's amount and
//!   currency (with the line's sign) are the original amount and currency,
//!   and `exchange_rate` the FX rate as Wise writes it (target units per
//!   source unit).
//! - The fee charged on the line's own side (`source_fee_amount` for money
//!   out, `target_fee_amount` for money in) is kept in `fx_fee` when it is
//!   not zero; for money out it is also inside the amount, since that is what
//!   the balance lost.
//! - `status` `COMPLETED` → posted; `CANCELLED` and `REFUNDED` → reverted
//!   (kept, never dropped); anything else (`PROCESSING`,
//!   `WAITING_FOR_PAYMENT`...) → pending.
//! - `reference` is the memo.

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
pub struct Wise;

const NAME: &str = "Wise transfer history CSV";
const HEADER: &str = "id,status,direction,date_created,date_finished,source_fee_amount,source_fee_currency,target_fee_amount,target_fee_currency,source_name,source_amount_after_fees,source_currency,target_name,target_amount_after_fees,target_currency,exchange_rate,reference,batch";
const SIGNATURE: &[&str] = &[
    "id",
    "status",
    "direction",
    "date_created",
    "source_amount_after_fees",
    "source_currency",
    "target_amount_after_fees",
    "target_currency",
];
const DIRECTIONS: &str = "OUT, IN or NEUTRAL";

impl Format for Wise {
    fn id(&self) -> &'static str {
        "wise-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "Wise".to_owned()
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
        let c_id = cols.require("id", NAME, header_line)?;
        let c_status = cols.require("status", NAME, header_line)?;
        let c_direction = cols.require("direction", NAME, header_line)?;
        let c_created = cols.require("date_created", NAME, header_line)?;
        let c_finished = cols.find("date_finished");
        let c_source_fee = cols.find("source_fee_amount");
        let c_target_fee = cols.find("target_fee_amount");
        let c_source_name = cols.find("source_name");
        let c_source_amount = cols.require("source_amount_after_fees", NAME, header_line)?;
        let c_source_cur = cols.require("source_currency", NAME, header_line)?;
        let c_target_name = cols.find("target_name");
        let c_target_amount = cols.require("target_amount_after_fees", NAME, header_line)?;
        let c_target_cur = cols.require("target_currency", NAME, header_line)?;
        let c_rate = cols.find("exchange_rate");
        let c_reference = cols.find("reference");

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
            let id = field(&rec, c_id, "id", line)?;
            if id.is_empty() {
                return Err(RowError::new(line, Problem::EmptyField { column: "id" }));
            }
            let status = match field(&rec, c_status, "status", line)?
                .to_ascii_uppercase()
                .as_str()
            {
                "COMPLETED" => TxnStatus::Posted,
                "CANCELLED" | "REFUNDED" => TxnStatus::Reverted,
                _ => TxnStatus::Pending,
            };
            let direction = field(&rec, c_direction, "direction", line)?;
            let out = match direction.to_ascii_uppercase().as_str() {
                "OUT" | "NEUTRAL" => true,
                "IN" => false,
                _ => {
                    return Err(RowError::new(
                        line,
                        Problem::UnexpectedValue {
                            column: "direction",
                            value: direction.to_owned(),
                            expected: DIRECTIONS,
                        },
                    ))
                }
            };
            let date = parse_date(
                field(&rec, c_created, "date_created", line)?,
                DateOrder::Ymd,
                "date_created",
                line,
            )?;
            let finished = opt(c_finished, "date_finished")?;
            let posted_date = if finished.is_empty() {
                None
            } else {
                Some(parse_date(finished, DateOrder::Ymd, "date_finished", line)?)
            };
            let source_amount = amount(
                field(&rec, c_source_amount, "source_amount_after_fees", line)?,
                "source_amount_after_fees",
                line,
            )?;
            let target_amount = amount(
                field(&rec, c_target_amount, "target_amount_after_fees", line)?,
                "target_amount_after_fees",
                line,
            )?;
            let source_cur = currency(
                field(&rec, c_source_cur, "source_currency", line)?,
                "source_currency",
                line,
            )?;
            let target_cur = currency(
                field(&rec, c_target_cur, "target_currency", line)?,
                "target_currency",
                line,
            )?;
            let source_fee = optional_amount(
                opt(c_source_fee, "source_fee_amount")?,
                "source_fee_amount",
                line,
            )?;
            let target_fee = optional_amount(
                opt(c_target_fee, "target_fee_amount")?,
                "target_fee_amount",
                line,
            )?;
            let (value, cur, other, other_cur, fee, description) = if out {
                (
                    -(source_amount.abs() + source_fee.unwrap_or_default().abs()),
                    source_cur,
                    -target_amount.abs(),
                    target_cur,
                    source_fee,
                    opt(c_target_name, "target_name")?,
                )
            } else {
                (
                    target_amount.abs(),
                    target_cur,
                    source_amount.abs(),
                    source_cur,
                    target_fee,
                    opt(c_source_name, "source_name")?,
                )
            };
            let (original_amount, original_currency, fx_rate) = if other_cur == cur {
                (None, None, None)
            } else {
                let rate = opt(c_rate, "exchange_rate")?;
                let rate = if rate.is_empty() {
                    None
                } else {
                    Some(amount(rate, "exchange_rate", line)?)
                };
                (Some(other), Some(other_cur), rate)
            };
            let txn = ParsedTxn {
                line,
                source_id: Some(id),
                date,
                posted_date,
                occurred_at: None,
                description,
                category: None,
                source_type: Some(direction),
                memo: non_empty(opt(c_reference, "reference")?),
                amount: value,
                currency: cur,
                original_amount,
                original_currency,
                fx_rate,
                fx_fee: fee.filter(|f| !f.is_zero()),
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

fn optional_amount(
    text: &str,
    column: &'static str,
    line: u64,
) -> Result<Option<Decimal>, RowError> {
    if text.is_empty() {
        Ok(None)
    } else {
        amount(text, column, line).map(Some)
    }
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

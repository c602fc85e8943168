//! Barclays (UK) online banking CSV (`barclays-csv`).
//!
//! `Number,Date,Account,Amount,Subcategory,Memo`, unquoted:
//!
//! - `Number` is usually empty (or `0`, or a running count of the export):
//!   not an id, not used.
//! - `Date` is DD/MM/YYYY, the booking date.
//! - `Account` is `sort-code account-number` (`20-00-00 12345678`); it names
//!   the default account (`Barclays 20-00-00 12345678`, or `Barclays`).
//! - `Amount` is signed from the holder's view, in GBP.
//! - `Subcategory` is Barclays' kind of payment (`PAYMENT`, `DIRECTDEP`,
//!   `Debit`, `Direct Debit`, `Counter Credit`...), kept as the source type.
//! - The payee is inside `Memo`, in padded fixed-width parts:
//!   `NETFLIX.COM         ON 02 AUG          BCC` is payee, `ON` + the day the
//!   card was used, and a two-to-three-letter transaction code (`BCC`, `CPM`,
//!   `BGC`, `DDR`...). The description is the memo with the spaces folded,
//!   the trailing code and the `ON dd MMM` part taken off (`NETFLIX.COM`);
//!   the memo keeps the full text as written.

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
pub struct Barclays;

const NAME: &str = "Barclays CSV";
const HEADER: &str = "Number,Date,Account,Amount,Subcategory,Memo";
const SIGNATURE: &[&str] = &["Number", "Date", "Account", "Amount", "Subcategory", "Memo"];
/// Barclays' transaction codes at the end of a memo.
const CODES: &[&str] = &[
    "BCC", "CPM", "BGC", "DDR", "DD", "SO", "STO", "FT", "TFR", "BBP", "CHQ", "DEB", "CR", "DR",
    "FPO", "FPI", "ATM", "CSH",
];
const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

impl Format for Barclays {
    fn id(&self) -> &'static str {
        "barclays-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(account) => format!("Barclays {account}"),
            None => "Barclays".to_owned(),
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
        let c_date = cols.require("Date", NAME, header_line)?;
        let c_account = cols.require("Account", NAME, header_line)?;
        let c_amount = cols.require("Amount", NAME, header_line)?;
        let c_sub = cols.require("Subcategory", NAME, header_line)?;
        let c_memo = cols.require("Memo", NAME, header_line)?;
        let gbp = Currency::parse("GBP")
            .map_err(|_| RowError::new(header_line, Problem::Csv("GBP".into())))?;
        let mut desc_buf = String::new();

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
                field(&rec, c_date, "Date", line)?,
                DateOrder::Dmy,
                "Date",
                line,
            )?;
            let value = amount(field(&rec, c_amount, "Amount", line)?, "Amount", line)?;
            let memo = field(&rec, c_memo, "Memo", line)?;
            payee_from_memo(memo, &mut desc_buf);
            let txn = ParsedTxn {
                line,
                source_id: None,
                date,
                posted_date: None,
                occurred_at: None,
                description: &desc_buf,
                category: None,
                source_type: non_empty(field(&rec, c_sub, "Subcategory", line)?),
                memo: non_empty(memo),
                amount: value,
                currency: gbp,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint: non_empty(field(&rec, c_account, "Account", line)?),
            };
            sink.row(&txn)?;
        }
    }
}

/// The payee part of a Barclays memo: spaces folded, a trailing transaction
/// code and an `ON dd MMM` card-use date removed. Falls back to the whole
/// memo (folded) when nothing would be left.
fn payee_from_memo(memo: &str, out: &mut String) {
    let words: Vec<&str> = memo.split_whitespace().collect();
    let mut end = words.len();
    if end > 1 && CODES.contains(&words[end - 1]) {
        end -= 1;
    }
    if let Some(i) = (1..end).find(|&i| {
        words[i] == "ON"
            && words.get(i + 1).is_some_and(|d| {
                (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
            })
            && words.get(i + 2).is_some_and(|m| MONTHS.contains(m))
    }) {
        end = i;
    }
    out.clear();
    let keep = if end == 0 { &words[..] } else { &words[..end] };
    for (i, w) in keep.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
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

#[cfg(test)]
mod tests {
    use super::payee_from_memo;

    #[test]
    fn payee_comes_out_of_the_memo() {
        let mut s = String::new();
        for (memo, payee) in [
            ("NETFLIX.COM         ON 02 AUG          BCC", "NETFLIX.COM"),
            ("DELIVEROO ON 30 OCT CPM", "DELIVEROO"),
            (
                "JELLYFISH UK LTD JELLYFISH UK BGC",
                "JELLYFISH UK LTD JELLYFISH UK",
            ),
            ("ACME LTD SALARY", "ACME LTD SALARY"),
            ("BCC", "BCC"),
            ("", ""),
        ] {
            payee_from_memo(memo, &mut s);
            assert_eq!(s, payee, "{memo}");
        }
    }
}

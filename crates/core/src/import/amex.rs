//! American Express card activity CSV (`amex-csv`).
//!
//! Amex writes three layouts, told apart by their header:
//!
//! - short: `Date,Description,Amount`;
//! - `Date,Description,Card Member,Account #,Amount`;
//! - extended ("include all additional transaction details"): the columns
//!   above followed by `Extended Details,Appears On Your Statement As,Address,
//!   City/State,Zip Code,Country,Reference,Category` (some exports have no
//!   `Card Member,Account #`). `Extended Details` and `Address` are quoted
//!   fields that span several lines, and the file may start with blank rows
//!   (empty lines or rows of bare commas) before the header.
//!
//! Quirks, and what this module does with them:
//!
//! - **Sign**: charges are positive and payments/credits negative in the
//!   file. Every amount is negated, so spending is negative in the ledger.
//! - **Dates** are MM/DD/YYYY in US exports and DD/MM/YYYY in UK ones. The
//!   order is decided per file from the dates in the head
//!   ([`infer_date_order`]); when every day there is 12 or less, MM/DD/YYYY.
//! - **Currency** is not in the file: USD for an MM/DD/YYYY file, GBP for a
//!   DD/MM/YYYY (UK) one.
//! - `Reference` is the line's own id, written with apostrophes
//!   (`'320260450123456789'`); without them it is the source id.
//! - `Account #` holds the card's last five digits as `-11005`: those digits
//!   name the default account (`American Express card ending 11005`).
//! - `Extended Details` (foreign spend, merchant details) becomes the memo;
//!   `Category` (`Merchandise & Supplies-Internet Purchase`) the category.
//! - The export holds posted lines only.
//!
//! Detection: `Card Member` with `Account #`, or `Appears On Your Statement
//! As`, are Amex's own. The short layout `Date,Description,Amount` is the
//! generic shape many banks write with the opposite sign, so it is claimed
//! only when the head shows Amex's sign convention: a card payment
//! (`... PAYMENT - THANK YOU`) written as a negative amount, and none written
//! as positive. Otherwise the file is left to the column mapper; a user can
//! still force this format with `--format amex-csv`.

use std::io::BufRead;

use rust_decimal::Decimal;

use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, header_has_all, infer_date_order, normalise_header, parse_date, Columns,
    DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

#[derive(Debug)]
pub struct AmexCard;

const NAME: &str = "American Express CSV";
const HEADER: &str = "Date,Description,Card Member,Account #,Amount";
const CORE: &[&str] = &["Date", "Description", "Amount"];

impl Format for AmexCard {
    fn id(&self) -> &'static str {
        "amex-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        let header = head.csv_header();
        if !header_has_all(&header, CORE) {
            return false;
        }
        if header_has_all(&header, &["Card Member", "Account #"])
            || header_has_all(&header, &["Appears On Your Statement As"])
        {
            return true;
        }
        header.len() == 3 && short_layout_has_amex_signs(head)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("American Express card ending {card}"),
            None => "American Express card".to_owned(),
        }
    }

    fn parse(
        &self,
        head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let order = date_order(head);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(LineCounted::new(input));
        let mut rec = csv::ByteRecord::new();
        // Leading blank rows come before the header.
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
        if !CORE.iter().all(|c| cols.find(c).is_some()) {
            return Err(RowError::new(
                header_line,
                Problem::NotThisFormat {
                    format: NAME,
                    expected_header: HEADER,
                },
            ));
        }
        let currency_code = if order == DateOrder::Dmy {
            "GBP"
        } else {
            "USD"
        };
        let currency = Currency::parse(currency_code).map_err(|_| {
            RowError::new(
                header_line,
                Problem::BadCurrency {
                    column: "currency",
                    value: currency_code.to_owned(),
                },
            )
        })?;
        let c_date = cols.require("Date", NAME, header_line)?;
        let c_desc = cols.require("Description", NAME, header_line)?;
        let c_amount = cols.require("Amount", NAME, header_line)?;
        let c_account = cols.find("Account #");
        let c_details = cols.find("Extended Details");
        let c_reference = cols.find("Reference");
        let c_category = cols.find("Category");

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
            let date = parse_date(field(&rec, c_date, "Date", line)?, order, "Date", line)?;
            // Charges are positive in the file: spending is negative here.
            let amount = -amount(field(&rec, c_amount, "Amount", line)?, "Amount", line)?;
            let optional = |c: Option<usize>, name: &'static str| match c {
                Some(i) => field(&rec, i, name, line).map(non_empty),
                None => Ok(None),
            };
            let account_hint = optional(c_account, "Account #")?.and_then(card_digits);
            let source_id = optional(c_reference, "Reference")?
                .map(|r| r.trim_matches('\'').trim())
                .and_then(non_empty);
            let txn = ParsedTxn {
                line,
                source_id,
                date,
                posted_date: None,
                occurred_at: None,
                description: field(&rec, c_desc, "Description", line)?,
                category: optional(c_category, "Category")?,
                source_type: None,
                memo: optional(c_details, "Extended Details")?,
                amount,
                currency,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status: TxnStatus::Posted,
                account_hint,
            };
            sink.row(&txn)?;
        }
    }
}

/// Physical line numbers for CSV records.
///
/// The csv crate's own `position().line()` is wrong for statements as banks
/// write them: after a CRLF it is one short (the LF is counted only once the
/// next record has begun), bare CR endings are not counted, and blank lines
/// skipped before a record are not added. This reader notes every line
/// break it hands to the CSV reader; [`LineCounted::line_of`] turns a
/// record's byte offset into its 1-based physical line. The other card
/// formats of this change use it too (it belongs in `format.rs` next to
/// `csv_error`; kept here as this change may only add its own modules).
pub(super) struct LineCounted<R> {
    inner: R,
    /// Bytes handed out so far.
    offset: u64,
    /// A CR seen last, whose LF (if any) has not been read yet.
    pending_cr: Option<u64>,
    /// Line breaks read ahead of the last record asked about, as
    /// `(first byte, byte after)`.
    breaks: std::collections::VecDeque<(u64, u64)>,
    /// Line breaks before the last record asked about.
    counted: u64,
}

impl<R: std::io::Read> LineCounted<R> {
    pub(super) fn new(inner: R) -> Self {
        LineCounted {
            inner,
            offset: 0,
            pending_cr: None,
            breaks: std::collections::VecDeque::new(),
            counted: 0,
        }
    }

    /// The physical line on which the record at byte `start` begins (blank
    /// lines the CSV reader skipped at `start` are stepped over). Records must
    /// be asked about in file order.
    pub(super) fn line_of(&mut self, start: u64) -> u64 {
        let mut pos = start;
        while let Some(&(first, after)) = self.breaks.front() {
            if first > pos {
                break;
            }
            self.counted += 1;
            pos = pos.max(after);
            self.breaks.pop_front();
        }
        self.counted + 1
    }

    /// The line of the last record asked about, for errors with no position.
    pub(super) fn last_line(&self) -> u64 {
        self.counted + 1
    }
}

impl<R: std::io::Read> std::io::Read for LineCounted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.breaks.push_back((cr, cr + 1));
            }
            return Ok(0);
        }
        for (i, b) in buf[..n].iter().enumerate() {
            let at = self.offset + i as u64;
            match *b {
                // A CR is always the byte just before: CRLF is one break.
                b'\n' => match self.pending_cr.take() {
                    Some(cr) => self.breaks.push_back((cr, at + 1)),
                    None => self.breaks.push_back((at, at + 1)),
                },
                b'\r' => {
                    if let Some(cr) = self.pending_cr.replace(at) {
                        self.breaks.push_back((cr, cr + 1));
                    }
                }
                _ => {
                    if let Some(cr) = self.pending_cr.take() {
                        self.breaks.push_back((cr, cr + 1));
                    }
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// The data rows at the start of the file as text cells (the header and
/// leading blank rows skipped), for decisions made from the head. A row cut
/// off by the end of the head may be incomplete; a row the CSV reader cannot
/// read ends the list.
fn head_rows(head: &Head<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(head.text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let Ok(rec) = rec else { break };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_owned()).collect();
        if header.is_none() {
            header = Some(cells.iter().map(|c| normalise_header(c)).collect());
        } else {
            rows.push(cells);
        }
    }
    (header.unwrap_or_default(), rows)
}

/// The order of day and month in this file's dates, from the head's rows.
fn date_order(head: &Head<'_>) -> DateOrder {
    const BOTH: [DateOrder; 2] = [DateOrder::Mdy, DateOrder::Dmy];
    let (header, rows) = head_rows(head);
    let Some(c_date) = header.iter().position(|h| h == "date") else {
        return DateOrder::Mdy;
    };
    // A date that fits neither order (cut off, or simply wrong) says nothing
    // about the order; the parse reports it at its line.
    let samples = rows
        .iter()
        .filter_map(|r| r.get(c_date))
        .map(String::as_str)
        .filter(|d| BOTH.iter().any(|o| parse_date(d, *o, "Date", 0).is_ok()));
    infer_date_order(samples, &BOTH).unwrap_or(DateOrder::Mdy)
}

/// Whether a `Date,Description,Amount` file writes card payments as negative
/// amounts (Amex's convention: charges positive), judged from the head.
fn short_layout_has_amex_signs(head: &Head<'_>) -> bool {
    let (_, rows) = head_rows(head);
    let mut negative_payment = false;
    for row in &rows {
        let (Some(desc), Some(amount)) = (row.get(1), row.get(2)) else {
            continue;
        };
        let desc = desc.to_uppercase();
        if !(desc.contains("PAYMENT") && desc.contains("THANK YOU")) {
            continue;
        }
        match parse_amount(amount, DecimalMark::Point) {
            Ok(a) if a.is_sign_negative() && !a.is_zero() => negative_payment = true,
            Ok(a) if !a.is_zero() => return false,
            _ => {}
        }
    }
    negative_payment
}

/// The card's last digits from `Account #` (`-11005` → `11005`).
fn card_digits(value: &str) -> Option<&str> {
    let digits = value.rsplit(|c: char| !c.is_ascii_digit()).next()?;
    let start = digits.len().saturating_sub(5);
    non_empty(&digits[start..])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(data: &str) -> Vec<u64> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(3)
            .from_reader(LineCounted::new(data.as_bytes()));
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).expect("csv") {
            out.push(rdr.get_mut().line_of(record_start(&rec)));
        }
        out
    }

    #[test]
    fn physical_lines_for_every_line_ending() {
        assert_eq!(lines_of("h1,h2\na,\"x\ny\nz\"\nb,c\n"), [1, 2, 5]);
        assert_eq!(lines_of("h1,h2\r\na,\"x\r\ny\r\nz\"\r\nb,c\r\n"), [1, 2, 5]);
        assert_eq!(lines_of("h1,h2\ra,\"x\ry\"\rb,c"), [1, 2, 4]);
        assert_eq!(lines_of("\r\n\r\nh1,h2\r\n\r\na,b\r\n"), [3, 5]);
        assert_eq!(lines_of("\n\nh1\n\nb\n"), [3, 5]);
        assert_eq!(lines_of("h1\n,,\nb"), [1, 2, 3]);
    }

    #[test]
    fn card_digits_from_account_numbers() {
        assert_eq!(card_digits("-11005"), Some("11005"));
        assert_eq!(card_digits("XXXX-XXXXXX-21009"), Some("21009"));
        assert_eq!(card_digits("378282246310005"), Some("10005"));
        assert_eq!(card_digits("-"), None);
    }
}

//! WeChat Pay (微信支付) bill export, XLSX (`wechat-pay-xlsx`).
//!
//! The workbook holds the same bill as the CSV export ([`crate::import::formats::wechat`]):
//! sheet `Sheet1`, the preamble in rows 1–17, the header
//! `交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注`
//! in row 18 (it is looked for in the first 40 rows), the lines below it.
//! Each row is read by the CSV format's own row mapping
//! ([`crate::import::formats::wechat::bill_row`]): the same directions, statuses and
//! neutral-line rule.
//!
//! - Error positions are `FILE:ROW`: the "line" of an XLSX error is the
//!   sheet's 1-based row number, as the spreadsheet shows it.
//! - Cells are read as text; a number cell is written as its shortest
//!   decimal (`68`, `25.9`), a date cell as `YYYY-MM-DD HH:MM:SS`.
//! - The whole workbook is read into memory (an XLSX is a ZIP, read from
//!   its end): at most 64 MiB, a bill is far smaller.
//! - Before calamine opens it, the ZIP is checked from its directories
//!   ([`crate::zipguard`], [`crate::zipguard::XLSX_LIMITS`]): at most 10 000
//!   entries, 256 MiB uncompressed, no entry over 1 MiB that unpacks more
//!   than 200 times its stored size, no `..`, absolute or backslash names,
//!   no links. A zip bomb renamed `.xlsx` is refused at line 1, unexpanded.
//! - Detection: the pipeline hands a ZIP only to formats that read bytes,
//!   and this one claims any ZIP with an `xl/` entry near its start (an
//!   XLSX). It is the only XLSX format so far; a workbook that is not a
//!   WeChat Pay bill is refused when its `Sheet1` has no bill header.

use std::io::{BufRead, Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use crate::import::formats::wechat::{bill_row, is_header, Cols, HEADER};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{Columns, Format, Head, Parsed, RowSink};
use crate::import::pipeline::source::ZIP_SIGNATURE;
use crate::zipguard::ZipRefusal;

#[derive(Debug)]
pub struct WeChatPayXlsx;

const NAME: &str = "WeChat Pay (微信支付) bill XLSX";
const SHEET: &str = "Sheet1";
/// The largest workbook read.
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Rows searched for the header.
const HEADER_WITHIN: usize = 40;

impl Format for WeChatPayXlsx {
    fn id(&self) -> &'static str {
        "wechat-pay-xlsx"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn reads_binary(&self) -> bool {
        true
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text.lines().any(|name| name.starts_with("xl/"))
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "微信支付 WeChat Pay".to_owned()
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let broken = |found: crate::i18n::Msg| {
            RowError::new(
                1,
                Problem::Malformed {
                    found: Box::new(found),
                    expected: Box::new(crate::msg!("detail-wechat-xlsx-expected")),
                },
            )
        };
        let mut bytes = Vec::new();
        input
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                broken(crate::msg!(
                    "detail-file-unreadable",
                    error = crate::library_errors::io(&e)
                ))
            })?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(broken(crate::msg!(
                "detail-xlsx-too-large",
                max = (MAX_BYTES / 1024 / 1024).to_string()
            )));
        }
        if !bytes.starts_with(ZIP_SIGNATURE) {
            return Err(broken(crate::msg!("detail-xlsx-not-zip")));
        }
        // The container is checked from its directories before calamine
        // expands anything (zip-slip and zip-bomb safe).
        crate::zipguard::open_checked(&bytes, &crate::zipguard::XLSX_LIMITS).map_err(
            |e| match e {
                ZipRefusal::Unreadable { why, .. } => {
                    broken(crate::msg!("detail-xlsx-unopenable", error = *why))
                }
                other => broken(crate::msg!("detail-xlsx-refused", error = other.msg())),
            },
        )?;
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
            broken(crate::msg!(
                "detail-xlsx-unopenable",
                error = crate::library_errors::xlsx(&e)
            ))
        })?;
        let range = book.worksheet_range(SHEET).map_err(|e| {
            broken(crate::msg!(
                "detail-xlsx-sheet-unreadable",
                sheet = SHEET,
                error = crate::library_errors::xlsx(&e)
            ))
        })?;
        // Row numbers as the spreadsheet shows them.
        let first_row = range.start().map_or(1, |(r, _)| u64::from(r) + 1);
        let mut rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (first_row + i as u64, cells.iter().map(text).collect()));

        let not_this = || {
            RowError::new(
                first_row,
                Problem::NotThisFormat {
                    format: NAME,
                    expected_header: HEADER,
                },
            )
        };
        let (header_row, header): (u64, Vec<String>) = rows
            .by_ref()
            .take(HEADER_WITHIN)
            .find(|(_, cells): &(u64, Vec<String>)| is_header(cells))
            .ok_or_else(not_this)?;
        let names = Columns::new(header.iter().map(|c| c.as_bytes()));
        let cols = Cols::find(&|name| names.require(name, NAME, header_row))?;

        for (row, cells) in rows {
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            let cell = |c: usize, _name: &'static str| -> Result<&str, RowError> {
                Ok(cells.get(c).map_or("", |s| s.as_str()))
            };
            let txn = bill_row(row, &cols, &cell)?;
            sink.row(&txn)?;
        }
        Ok(())
    }
}

/// A cell as the text the CSV export would hold, trimmed.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date_time(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date-time (days since 1899-12-30) as
/// `YYYY-MM-DD HH:MM:SS`; the number itself if it is out of range.
fn excel_date_time(serial: f64) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    let seconds = (serial * 86_400.0).round();
    match epoch {
        Some(epoch) if seconds.is_finite() && seconds.abs() < 1e12 => epoch
            .checked_add_signed(chrono::TimeDelta::seconds(seconds as i64))
            .map_or_else(
                || serial.to_string(),
                |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
            ),
        _ => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_cells_read_as_the_csv_writes_them() {
        assert_eq!(excel_date_time(46079.5), "2026-02-26 12:00:00");
        assert_eq!(excel_date_time(f64::NAN), "NaN");
        assert_eq!(text(&Data::Float(25.9)), "25.9");
        assert_eq!(text(&Data::Float(68.0)), "68");
        assert_eq!(text(&Data::String(" ¥28.16\t".into())), "¥28.16");
    }
}

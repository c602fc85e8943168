//! The CSV statement reader every CSV format shares: header search, the
//! row loop, blank rows, field counts and typed cells, each error at the
//! record's **physical** line.
//!
//! ```text
//! let mut rows = CsvRows::new(input);
//! let header = rows.header(NAME, HEADER, SIGNATURE)?;
//! let c_date = header.require("Date")?;
//! while let Some(row) = rows.next_row()? {
//!     let date = row.date(c_date, "Date", DateOrder::Ymd)?;
//!     ...
//! }
//! ```
//!
//! Line numbers come from [`LineCounted`], not from the csv crate's
//! `position().line()`, which is wrong for files as banks write them.
//! Cells are borrowed from the current record: reading a row allocates
//! nothing.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{parse_date, sniff_delimiter, Columns, DateOrder};
use crate::money::{parse_amount, parse_plain_decimal, Currency, DecimalMark, MoneyError};

/// Reads a CSV statement record by record.
pub(crate) struct CsvRows<'a> {
    rdr: csv::Reader<LineCounted<&'a mut dyn BufRead>>,
    rec: csv::ByteRecord,
    /// Physical line of the record in `rec`.
    line: u64,
    /// Fields every row must have: the header's.
    width: usize,
    /// Rows may lack the header's last (empty) cell, and carry extra ones.
    ragged_end: bool,
    /// Single-cell rows of dashes (`------`) are skipped like blank rows.
    skip_rulers: bool,
}

impl std::fmt::Debug for CsvRows<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRows")
            .field("line", &self.line)
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

/// The header a statement was found to have.
#[derive(Debug)]
pub(crate) struct Header {
    pub cols: Columns,
    /// Physical line of the header.
    pub line: u64,
    format: &'static str,
}

impl Header {
    /// A column every file of the format has, or `MissingColumn` at the
    /// header's line.
    pub fn require(&self, name: &'static str) -> Result<usize, RowError> {
        self.cols.require(name, self.format, self.line)
    }

    /// A column some files of the format have.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.cols.find(name)
    }
}

impl<'a> CsvRows<'a> {
    /// Reads `input`, with the delimiter [`sniff_delimiter`] finds in its
    /// first non-blank line (a comma for almost every file).
    pub fn new(input: &'a mut dyn BufRead) -> Self {
        let delimiter = Self::first_line_delimiter(input);
        Self::with_delimiter(input, delimiter)
    }

    fn first_line_delimiter(input: &mut dyn BufRead) -> u8 {
        match input.fill_buf() {
            Ok(buf) => {
                let text = String::from_utf8_lossy(buf);
                let first = text
                    .split(['\n', '\r'])
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or("");
                sniff_delimiter(first)
            }
            // The reader reports the error at its first read.
            Err(_) => b',',
        }
    }

    /// Reads `input` with the given delimiter: for a file whose first line
    /// (a preamble) does not show the table's.
    pub fn with_delimiter(input: &'a mut dyn BufRead, delimiter: u8) -> Self {
        CsvRows {
            rdr: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .buffer_capacity(1 << 16)
                .from_reader(LineCounted::new(input)),
            rec: csv::ByteRecord::new(),
            line: 0,
            width: 0,
            ragged_end: false,
            skip_rulers: false,
        }
    }

    /// For files whose lines end with a comma (one more, empty, cell): a row
    /// may lack that last cell, and cells past the header's are ignored.
    pub fn ragged_end(mut self) -> Self {
        self.ragged_end = true;
        self
    }

    /// Skips rulers (a line of dashes) between and after the rows.
    pub fn skip_rulers(mut self) -> Self {
        self.skip_rulers = true;
        self
    }

    /// The header is the first non-blank record and holds every column of
    /// `signature` (compared as [`crate::import::pipeline::format::normalise_header`]);
    /// otherwise the file is refused as `NotThisFormat` at that line.
    pub fn header(
        &mut self,
        format: &'static str,
        expected_header: &'static str,
        signature: &[&str],
    ) -> Result<Header, RowError> {
        self.header_after_preamble(format, expected_header, Some(0), &|cells| {
            let cols = Columns::new(cells.iter().map(|c| c.as_bytes()));
            signature.iter().all(|s| cols.find(s).is_some())
        })
    }

    /// The header comes after a preamble: non-blank records are skipped until
    /// `is_header` holds for one's trimmed cells. A preamble record past line
    /// `within` (when given), or the end of the file, refuses the file as
    /// `NotThisFormat` at its first non-blank line.
    pub fn header_after_preamble(
        &mut self,
        format: &'static str,
        expected_header: &'static str,
        within: Option<u64>,
        is_header: &dyn Fn(&[&str]) -> bool,
    ) -> Result<Header, RowError> {
        let not_this = |line| {
            RowError::new(
                line,
                Problem::NotThisFormat {
                    format,
                    expected_header,
                },
            )
        };
        let mut first_line = None;
        loop {
            if !self.read()? {
                return Err(match first_line {
                    None => RowError::new(1, Problem::Empty),
                    Some(line) => not_this(line),
                });
            }
            if is_blank(&self.rec) {
                continue;
            }
            let first = *first_line.get_or_insert(self.line);
            let text: Vec<std::borrow::Cow<'_, str>> =
                self.rec.iter().map(String::from_utf8_lossy).collect();
            let cells: Vec<&str> = text.iter().map(|c| c.trim()).collect();
            if is_header(&cells) {
                break;
            }
            if within.is_some_and(|w| self.line > w) {
                return Err(not_this(first));
            }
        }
        Ok(self.header_here(format))
    }

    /// The header is the record on physical line `line`, as the user says
    /// (`--header-line`); what comes before it is skipped. A blank line
    /// there, or a file that ends before it, is refused at that line.
    pub fn header_on_line(&mut self, format: &'static str, line: u64) -> Result<Header, RowError> {
        let not_there = |found: crate::i18n::Msg| {
            RowError::new(
                line,
                Problem::Malformed {
                    found: Box::new(found),
                    expected: Box::new(crate::msg!("detail-csv-header-line")),
                },
            )
        };
        loop {
            if !self.read()? {
                return Err(not_there(crate::msg!(
                    "detail-csv-ends-before",
                    line = line.to_string()
                )));
            }
            if self.line < line {
                continue;
            }
            if self.line > line || is_blank(&self.rec) {
                return Err(not_there(crate::msg!(
                    "detail-csv-no-header-row",
                    line = line.to_string()
                )));
            }
            break;
        }
        Ok(self.header_here(format))
    }

    /// The record just read is the header: every row must have its width.
    fn header_here(&mut self, format: &'static str) -> Header {
        let cols = Columns::new(self.rec.iter());
        self.width = cols.len();
        Header {
            cols,
            line: self.line,
            format,
        }
    }

    /// The next row that is not blank, or `None` at the end of the file.
    /// A row whose field count differs from the header's is an error.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, RowError> {
        loop {
            if !self.read()? {
                return Ok(None);
            }
            if is_blank(&self.rec) || (self.skip_rulers && is_ruler(&self.rec)) {
                continue;
            }
            let found = self.rec.len();
            let fits = if self.ragged_end {
                found + 1 >= self.width
            } else {
                found == self.width
            };
            if !fits {
                return Err(RowError::new(
                    self.line,
                    Problem::FieldCount {
                        found,
                        expected: self.width,
                    },
                ));
            }
            return Ok(Some(Row {
                rec: &self.rec,
                line: self.line,
            }));
        }
    }

    /// Reads the next record and notes its line; `false` at the end.
    fn read(&mut self) -> Result<bool, RowError> {
        let more = self
            .rdr
            .read_byte_record(&mut self.rec)
            .map_err(|e| csv_error(&e, self.rdr.get_ref().last_line()))?;
        if more {
            let start = self.rec.position().map_or(0, |p| p.byte());
            self.line = self.rdr.get_mut().line_of(start);
        }
        Ok(more)
    }
}

/// A column position: a required column's `usize`, or an optional column's
/// `Option<usize>` (a column the file lacks reads as an empty cell).
pub(crate) trait Col: Copy + Into<Option<usize>> {}
impl<T: Copy + Into<Option<usize>>> Col for T {}

/// One data row, borrowing its cells from the reader.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'r> {
    rec: &'r csv::ByteRecord,
    line: u64,
}

impl<'r> Row<'r> {
    /// The physical line the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// An error at this row's line.
    pub fn error(&self, problem: Problem) -> RowError {
        RowError::new(self.line, problem)
    }

    /// A value outside the set the format knows, at this row's line.
    pub fn unexpected(
        &self,
        column: &'static str,
        value: &str,
        expected: &'static str,
    ) -> RowError {
        self.error(Problem::UnexpectedValue {
            column,
            value: value.to_owned(),
            expected,
        })
    }

    /// A cell as text, trimmed (`""` when the column is missing).
    pub fn text(&self, col: impl Col, column: &'static str) -> Result<&'r str, RowError> {
        let bytes = col.into().and_then(|i| self.rec.get(i)).unwrap_or_default();
        std::str::from_utf8(bytes)
            .map(str::trim)
            .map_err(|_| self.error(Problem::FieldNotUtf8 { column }))
    }

    /// A cell that may be empty: `None` when it is (or the column is missing).
    pub fn opt(&self, col: impl Col, column: &'static str) -> Result<Option<&'r str>, RowError> {
        self.text(col, column).map(non_empty)
    }

    /// [`Row::opt`], with `placeholder` (such as `/`) also meaning empty.
    pub fn opt_unless(
        &self,
        col: impl Col,
        column: &'static str,
        placeholder: &str,
    ) -> Result<Option<&'r str>, RowError> {
        Ok(self.opt(col, column)?.filter(|v| *v != placeholder))
    }

    /// A cell that must not be empty.
    pub fn required(&self, col: impl Col, column: &'static str) -> Result<&'r str, RowError> {
        let text = self.text(col, column)?;
        if text.is_empty() {
            return Err(self.error(Problem::EmptyField { column }));
        }
        Ok(text)
    }

    /// A date in the given order (a time after it is ignored).
    pub fn date(
        &self,
        col: impl Col,
        column: &'static str,
        order: DateOrder,
    ) -> Result<NaiveDate, RowError> {
        parse_date(self.text(col, column)?, order, column, self.line)
    }

    /// A date that may be empty.
    pub fn opt_date(
        &self,
        col: impl Col,
        column: &'static str,
        order: DateOrder,
    ) -> Result<Option<NaiveDate>, RowError> {
        match self.text(col, column)? {
            "" => Ok(None),
            text => parse_date(text, order, column, self.line).map(Some),
        }
    }

    /// An amount through [`parse_amount`]; empty is an error.
    pub fn amount(
        &self,
        col: impl Col,
        column: &'static str,
        mark: DecimalMark,
    ) -> Result<Decimal, RowError> {
        self.parsed(col, column, |t| parse_amount(t, mark))?
            .ok_or_else(|| self.error(Problem::EmptyField { column }))
    }

    /// An amount that may be empty.
    pub fn opt_amount(
        &self,
        col: impl Col,
        column: &'static str,
        mark: DecimalMark,
    ) -> Result<Option<Decimal>, RowError> {
        self.parsed(col, column, |t| parse_amount(t, mark))
    }

    /// A plain decimal (`-12.34`: no thousands separators, no symbols),
    /// through [`parse_plain_decimal`]; empty is an error.
    pub fn plain_amount(&self, col: impl Col, column: &'static str) -> Result<Decimal, RowError> {
        self.parsed(col, column, parse_plain_decimal)?
            .ok_or_else(|| self.error(Problem::EmptyField { column }))
    }

    fn parsed(
        &self,
        col: impl Col,
        column: &'static str,
        parse: impl Fn(&str) -> Result<Decimal, MoneyError>,
    ) -> Result<Option<Decimal>, RowError> {
        match self.text(col, column)? {
            "" => Ok(None),
            text => parse(text).map(Some).map_err(|_| {
                self.error(Problem::BadAmount {
                    column,
                    value: text.to_owned(),
                })
            }),
        }
    }

    /// An ISO 4217 currency code; empty is an error.
    pub fn currency(&self, col: impl Col, column: &'static str) -> Result<Currency, RowError> {
        let text = self.required(col, column)?;
        Currency::parse(text).map_err(|_| {
            self.error(Problem::BadCurrency {
                column,
                value: text.to_owned(),
            })
        })
    }
}

/// `None` for an empty string.
pub(crate) fn non_empty(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// A record with nothing but whitespace in it (an empty line reads as one
/// empty field; a row of bare commas as several).
fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

/// A single cell of dashes: a ruler line.
fn is_ruler(rec: &csv::ByteRecord) -> bool {
    rec.len() <= 1
        && rec
            .iter()
            .all(|f| f.iter().all(|b| b.is_ascii_whitespace() || *b == b'-'))
}

/// A CSV library error as a row error at the right line.
fn csv_error(e: &csv::Error, fallback_line: u64) -> RowError {
    let problem = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Problem::FieldCount {
            found: *len as usize,
            expected: *expected_len as usize,
        },
        _ => Problem::Unreadable(Box::new(crate::library_errors::csv(e))),
    };
    RowError::new(fallback_line, problem)
}

/// Physical line numbers for CSV records.
///
/// The csv crate's own `position().line()` is wrong for statements as banks
/// write them: after a CRLF it is one short (the LF is counted only once the
/// next record has begun), bare CR endings are not counted, and blank lines
/// skipped before a record are not added. This reader notes every line
/// break it hands to the CSV reader; [`LineCounted::line_of`] turns a
/// record's byte offset into its 1-based physical line.
struct LineCounted<R> {
    inner: R,
    /// Bytes handed out so far.
    offset: u64,
    /// A CR seen last, whose LF (if any) has not been read yet.
    pending_cr: Option<u64>,
    /// Line breaks read ahead of the last record asked about, as
    /// `(first byte, byte after)`.
    breaks: VecDeque<(u64, u64)>,
    /// Line breaks before the last record asked about.
    counted: u64,
}

impl<R: Read> LineCounted<R> {
    fn new(inner: R) -> Self {
        LineCounted {
            inner,
            offset: 0,
            pending_cr: None,
            breaks: VecDeque::new(),
            counted: 0,
        }
    }

    /// The physical line on which the record at byte `start` begins (blank
    /// lines the CSV reader skipped at `start` are stepped over). Records must
    /// be asked about in file order.
    fn line_of(&mut self, start: u64) -> u64 {
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
    fn last_line(&self) -> u64 {
        self.counted + 1
    }
}

impl<R: Read> Read for LineCounted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.breaks.push_back((cr, cr + 1));
            }
            return Ok(0);
        }
        let mut i = 0;
        while i < n {
            // Most bytes are neither CR nor LF: skip to the next that is.
            if self.pending_cr.is_none() {
                match buf[i..n].iter().position(|b| matches!(b, b'\n' | b'\r')) {
                    Some(skip) => i += skip,
                    None => break,
                }
            }
            let at = self.offset + i as u64;
            match buf[i] {
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
            i += 1;
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The physical line of every record, read with a tiny buffer so that
    /// line breaks straddle reads.
    fn lines_of(data: &str) -> Vec<u64> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(3)
            .from_reader(LineCounted::new(data.as_bytes()));
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).expect("csv") {
            let start = rec.position().map_or(0, |p| p.byte());
            out.push(rdr.get_mut().line_of(start));
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
        assert_eq!(lines_of("h1\r\r\nb\r\n\rc"), [1, 3, 5]);
    }

    const SIG: &[&str] = &["Date", "Amount"];

    /// Reads `data` as a `Date,Amount` statement: the header's line, then
    /// each row's line and date, up to the first error (as `Err(line)`).
    /// A row read: `Ok((line, date))`, or `Err(line)` of the error.
    type Read = Result<(u64, String), u64>;

    fn read(data: &str) -> (u64, Vec<Read>) {
        let mut bytes = data.as_bytes();
        let mut rows = CsvRows::new(&mut bytes);
        let header = rows.header("test CSV", "Date,Amount", SIG).expect("header");
        let c_date = header.require("Date").expect("Date");
        let c_amount = header.require("Amount").expect("Amount");
        let mut out = Vec::new();
        loop {
            let row = match rows.next_row() {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(e) => {
                    out.push(Err(e.line));
                    break;
                }
            };
            let parsed = row.date(c_date, "Date", DateOrder::Ymd).and_then(|d| {
                row.amount(c_amount, "Amount", DecimalMark::Point)
                    .map(|_| d)
            });
            match parsed {
                Ok(d) => out.push(Ok((row.line(), d.to_string()))),
                Err(e) => {
                    out.push(Err(e.line));
                    break;
                }
            }
        }
        (header.line, out)
    }

    fn ok(line: u64, date: &str) -> Read {
        Ok((line, date.to_owned()))
    }

    /// A good row on line 2 and an impossible date on line 3, every line
    /// ended by `end`.
    fn good_then_bad(end: &str) {
        let data = ["Date,Amount", "2026-03-01,1", "2026-02-30,2", ""].join(end);
        assert_eq!(
            read(&data),
            (1, vec![ok(2, "2026-03-01"), Err(3)]),
            "{end:?}"
        );
    }

    #[test]
    fn lf_rows() {
        good_then_bad("\n");
    }

    #[test]
    fn crlf_rows() {
        good_then_bad("\r\n");
    }

    #[test]
    fn bare_cr_rows() {
        good_then_bad("\r");
    }

    #[test]
    fn blank_lines_before_the_header_and_between_rows() {
        let (h, rows) = read("\r\n \r\n,\r\nDate,Amount\r\n\r\n2026-03-01,1\r\n,\r\nx,2\r\n");
        assert_eq!((h, rows), (4, vec![ok(6, "2026-03-01"), Err(8)]));
    }

    #[test]
    fn quoted_newlines_inside_a_field() {
        let data = "Date,Amount\n2026-03-01,\"1\n\"\n2026-02-30,2\n";
        assert_eq!(read(data).1, vec![ok(2, "2026-03-01"), Err(4)]);
        let crlf = data.replace('\n', "\r\n");
        assert_eq!(read(&crlf).1, vec![ok(2, "2026-03-01"), Err(4)]);
    }

    #[test]
    fn field_count_at_its_line() {
        let (_, rows) = read("Date,Amount\r\n2026-03-01,1\r\n\r\n2026-03-02,1,3\r\n");
        assert_eq!(rows, vec![ok(2, "2026-03-01"), Err(4)]);
    }

    #[test]
    fn preamble_before_the_header() {
        let is_header = |cells: &[&str]| cells == ["Date", "Amount"];
        let data = "Exported 2026-03-02,\r\n\r\nnotes\r\nDate , Amount\r\n2026-02-30,1\r\n";
        let mut bytes = data.as_bytes();
        let mut rows = CsvRows::new(&mut bytes);
        let header = rows
            .header_after_preamble("test CSV", "Date,Amount", Some(10), &is_header)
            .expect("header");
        assert_eq!(header.line, 4);
        let row = rows.next_row().expect("row").expect("a row");
        let err = row.date(0, "Date", DateOrder::Ymd).expect_err("bad date");
        assert_eq!(err.line, 5);

        // Not found within the bound: refused at the first non-blank line.
        let mut bytes = "\nnotes\nmore\nDate,Amount\n".as_bytes();
        let err = CsvRows::new(&mut bytes)
            .header_after_preamble("test CSV", "Date,Amount", Some(2), &is_header)
            .expect_err("too late");
        assert_eq!(
            (
                err.line,
                matches!(err.problem, Problem::NotThisFormat { .. })
            ),
            (2, true)
        );
    }

    #[test]
    fn refusals_at_the_header() {
        let refuse = |data: &str| {
            let mut bytes = data.as_bytes();
            let e = CsvRows::new(&mut bytes)
                .header("test CSV", "Date,Amount", SIG)
                .expect_err("refused");
            (e.line, e.problem)
        };
        assert_eq!(refuse("\n \n"), (1, Problem::Empty));
        assert!(matches!(
            refuse("\r\n\r\nDate,Value\r\n"),
            (3, Problem::NotThisFormat { .. })
        ));
    }

    #[test]
    fn ragged_ends_and_rulers() {
        let mut bytes = "a,b,\n1,2,\n3,2\n------\n4,5,,\n".as_bytes();
        let mut rows = CsvRows::new(&mut bytes).ragged_end().skip_rulers();
        rows.header("t", "a,b", &["a", "b"]).expect("header");
        let mut lines = Vec::new();
        while let Some(row) = rows.next_row().expect("row") {
            lines.push(row.line());
        }
        assert_eq!(lines, [2, 3, 5]);
    }

    #[test]
    fn cells() {
        let mut bytes = "a,b,c\n x ,,/\n".as_bytes();
        let mut rows = CsvRows::new(&mut bytes);
        rows.header("t", "a,b,c", &["a"]).expect("header");
        let row = rows.next_row().expect("row").expect("a row");
        assert_eq!(row.text(0, "a"), Ok("x"));
        assert_eq!(row.opt(1, "b"), Ok(None));
        assert_eq!(row.opt(None, "missing"), Ok(None));
        assert_eq!(row.opt_unless(2, "c", "/"), Ok(None));
        assert_eq!(
            row.required(1, "b"),
            Err(RowError::new(2, Problem::EmptyField { column: "b" }))
        );
        assert_eq!(
            row.amount(0, "a", DecimalMark::Point),
            Err(RowError::new(
                2,
                Problem::BadAmount {
                    column: "a",
                    value: "x".into()
                }
            ))
        );
    }
}

//! What a file format module provides: detection by content and a streaming
//! parser that hands normalised rows to the pipeline one at a time.
//!
//! Adding a format is one new module implementing [`Format`] (or, for a
//! bank CSV whose layout is data, one `CsvProfile` entry) plus one line in
//! [`crate::import::FORMATS`]; dedupe, batches and errors come from the
//! pipeline.
//!
//! Invariant: a parser hands rows to its [`RowSink`] in file order, each
//! with its physical line, and never touches the ledger.

use std::io::BufRead;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

pub use crate::classify::Details;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::Notice;
use crate::ledger::TxnStatus;
use crate::money::Currency;
use crate::provider::ProviderRecord;

/// The start of a file, for detection: the first bytes (BOM removed), as text.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    pub text: &'a str,
}

/// What the user told the importer about a file (`--date-order`,
/// `--currency`), for formats whose files leave it open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hints {
    pub date_order: Option<DateOrder>,
    pub currency: Option<Currency>,
}

impl<'a> Head<'a> {
    /// The first line that is not blank, without its line ending. A line of
    /// nothing but delimiters and empty quotes (`,,,,`, `;;;`, `"",""`), the
    /// empty row a spreadsheet or a bank writes above its header, is blank.
    pub fn first_line(&self) -> &'a str {
        self.text
            .split(['\n', '\r'])
            .map(str::trim)
            .find(|l| !is_blank_row(l))
            .unwrap_or("")
    }

    /// The cells of the first non-blank line read as CSV (with the
    /// delimiter [`sniff_delimiter`] finds in it), trimmed. None for a
    /// line that opens a JSON object (an agent log, a JSON export): no
    /// CSV format's header starts with `{`, and a folder scan asks every
    /// CSV format about every log, so no CSV reader is built for it.
    pub fn csv_header(&self) -> Vec<String> {
        let first = self.first_line();
        if first.starts_with('{') {
            return Vec::new();
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sniff_delimiter(first))
            .from_reader(first.as_bytes());
        let mut rec = csv::StringRecord::new();
        match rdr.read_record(&mut rec) {
            Ok(true) => rec.iter().map(|c| c.trim().to_owned()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Whether a line holds no value: only delimiters, quotes and spaces.
pub fn is_blank_row(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b',' | b';' | b'\t' | b'"' | b' '))
}

/// The delimiter of a CSV, from its first non-blank line: a comma, unless
/// the line has no comma outside quotes and has semicolons (what a
/// spreadsheet in a decimal-comma locale writes) or tabs, whichever more.
/// Deciding on the first line keeps preamble files (whose first line has
/// none of them) on commas.
pub fn sniff_delimiter(first_line: &str) -> u8 {
    let (mut commas, mut semis, mut tabs, mut quoted) = (0usize, 0usize, 0usize, false);
    for b in first_line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if commas > 0 || (semis == 0 && tabs == 0) {
        b','
    } else if semis >= tabs {
        b';'
    } else {
        b'\t'
    }
}

/// One statement line, normalised, borrowing its text from the parser.
#[derive(Debug, Clone)]
pub struct ParsedTxn<'a> {
    /// Physical 1-based line where the row starts.
    pub line: u64,
    /// The source's own id (FITID, bank reference), if it has one.
    pub source_id: Option<&'a str>,
    /// The local calendar date written on the statement (the transaction
    /// date where the file has two).
    pub date: NaiveDate,
    pub posted_date: Option<NaiveDate>,
    /// A UTC instant, where the source gives one.
    pub occurred_at: Option<DateTime<Utc>>,
    pub description: &'a str,
    /// The other descriptive fields the file gives (a clean merchant name,
    /// the raw descriptor, the goods, the MCC): the classifier reads them
    /// and the line keeps them (empty by default).
    pub details: Details<'a>,
    pub category: Option<&'a str>,
    pub source_type: Option<&'a str>,
    pub memo: Option<&'a str>,
    /// Signed from the card holder's view: spending negative.
    pub amount: Decimal,
    pub currency: Currency,
    pub original_amount: Option<Decimal>,
    pub original_currency: Option<Currency>,
    pub fx_rate: Option<Decimal>,
    pub fx_fee: Option<Decimal>,
    pub status: TxnStatus,
    /// A hint for the default account name (e.g. the card's last digits).
    pub account_hint: Option<&'a str>,
}

impl Default for ParsedTxn<'_> {
    /// A posted USD line of nothing on 1970-01-01, line 0: the base a
    /// format fills in (`ParsedTxn { date, amount, .., ..ParsedTxn::default() }`),
    /// so it names only the fields its file gives.
    fn default() -> Self {
        ParsedTxn {
            line: 0,
            source_id: None,
            date: NaiveDate::default(),
            posted_date: None,
            occurred_at: None,
            description: "",
            details: Details::default(),
            category: None,
            source_type: None,
            memo: None,
            amount: Decimal::ZERO,
            currency: Currency::USD,
            original_amount: None,
            original_currency: None,
            fx_rate: None,
            fx_fee: None,
            status: TxnStatus::Posted,
            account_hint: None,
        }
    }
}

impl<'a> ParsedTxn<'a> {
    /// A posted line with what every line has; the rest is empty.
    pub fn new(
        line: u64,
        date: NaiveDate,
        description: &'a str,
        amount: Decimal,
        currency: Currency,
    ) -> Self {
        ParsedTxn {
            line,
            date,
            description,
            amount,
            currency,
            ..ParsedTxn::default()
        }
    }
}

/// Receives parsed rows; returning an error stops the parse.
pub trait RowSink {
    fn row(&mut self, txn: &ParsedTxn<'_>) -> Result<(), RowError>;

    /// Receives one provider cost or usage record (formats whose
    /// [`Format::records`] is true send these instead of rows).
    /// The default refuses them: a sink for statement lines only.
    fn record(&mut self, rec: ProviderRecord) -> Result<(), RowError> {
        Err(RowError::new(
            rec.line,
            Problem::Unreadable(Box::new(crate::msg!("import-records-not-expected"))),
        ))
    }

    /// What the user said about this file, for formats that need it.
    fn hints(&self) -> Hints {
        Hints::default()
    }

    /// Hands the import summary something it must name beyond the counts
    /// (see [`Notice`]): a value the file did not give and was assumed
    /// ([`AssumedCurrency`]), lines skipped because they carry nothing to
    /// import, a preamble passed over. Any format may call it, on the parser
    /// thread, at any point of its parse (a count is best sent once, at the
    /// end); the pipeline puts each notice in `ImportOutcome::notices`, so
    /// the CLI prints it as `note: ...`, adds it to `--json` and the app
    /// shows it in the preview. One notice per code and file. The default
    /// drops it (sinks that only collect rows, in tests).
    fn notice(&mut self, notice: Notice) {
        let _ = notice;
    }

    /// Hands over one line the format could not read and skipped (an
    /// agent log's line that is not JSON, not an entry of the log, or over
    /// the length read whole), after its notice counted it: a sink that
    /// keeps rejects stores it with its line and reason. Not for a last
    /// line cut off while it is being written (it is read whole next
    /// time), nor lines skipped for carrying nothing to import. The
    /// default drops it (the notice still counts it).
    fn reject(&mut self, line: u64, reason: crate::i18n::Msg) {
        let _ = (line, reason);
    }
}

/// How many line numbers a notice lists (the first few).
pub const NOTICE_LINES: usize = 5;

/// Counts the rows a format gave a currency the file does not state (the
/// user's `--currency`, else the format's fallback), for one
/// `assumed_currency` notice at the end of the parse. Formats whose issuer
/// states one currency for every statement (a US card in USD, a UK bank in
/// GBP) know their currency and do not use this.
///
/// ```text
/// let hints = sink.hints();
/// let mut assumed = AssumedCurrency::default();
/// // per row, where the file gives no currency (an OFX with an empty
/// // CURDEF and no per-line currency, a camt amount without Ccy, ...):
/// let cur = hints.currency.unwrap_or(Currency::USD);
/// assumed.row(line, cur);
/// // once, at the end of the parse:
/// assumed.finish(hints, sink);
/// ```
#[derive(Debug, Default)]
pub struct AssumedCurrency {
    currency: Option<Currency>,
    count: u64,
    lines: Vec<u64>,
}

impl AssumedCurrency {
    /// Notes that the row at `line` was given `currency` by assumption.
    pub fn row(&mut self, line: u64, currency: Currency) {
        self.currency.get_or_insert(currency);
        self.count += 1;
        if self.lines.len() < NOTICE_LINES {
            self.lines.push(line);
        }
    }

    /// Sends the notice, if any row was given an assumed currency. Nothing
    /// is assumed when the user named the currency (`hints.currency`).
    pub fn finish(self, hints: Hints, sink: &mut dyn RowSink) {
        let Some(cur) = self.currency else { return };
        if hints.currency.is_some() {
            return;
        }
        let n = self.count;
        let amounts = if n == 1 { "amount" } else { "amounts" };
        sink.notice(Notice {
            code: "assumed_currency",
            lines: self.lines,
            count: n,
            msg: Some(crate::msg!(
                "import-notice-assumed-currency",
                count = crate::import::count_arg(n),
                currency = cur.to_string()
            )),
            message: format!(
                "the file does not say its currency: {n} {amounts} read as {cur}; if they are in \
                 another currency, import it again with --currency CODE (in the app: the \
                 currency field under the file)"
            ),
        });
    }
}

/// What [`Format::parse`] returns: `Ok` once every row is in the sink, or
/// the first row error (which stops the parse).
pub type Parsed = Result<(), RowError>;

pub trait Format: Sync {
    /// Stable id, e.g. `chase-card-csv` (`--format` takes it).
    fn id(&self) -> &'static str;
    /// What a user calls it, e.g. "Chase credit card CSV".
    fn name(&self) -> &'static str;
    /// Whether the file's content is this format.
    fn detect(&self, head: &Head<'_>) -> bool;
    /// The account name used when the user gives none.
    fn default_account(&self, hint: Option<&str>) -> String;
    /// Whether one file may hold statements of several accounts (OFX). If
    /// so, each row goes to the account its own hint names; otherwise the
    /// first row's hint names the account of the whole file (the card
    /// numbers of a statement's card members are one account).
    fn several_accounts(&self) -> bool {
        false
    }
    /// Whether the format reads a binary container (an XLSX workbook)
    /// rather than text. Such a format is offered only binary input: its
    /// `detect` sees the names of the container's first entries, one a
    /// line, and its `parse` gets the file's bytes undecoded as `input`.
    fn reads_binary(&self) -> bool {
        false
    }
    /// Whether the format holds provider cost and usage records (sent to
    /// [`RowSink::record`]) rather than statement lines of an account.
    fn records(&self) -> bool {
        false
    }
    /// Reads every row, in file order, into `sink`. `head` is the start of
    /// the same input (as detection saw it), for decisions a format makes
    /// per file from its data, such as the order of day and month.
    fn parse(&self, head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed;
}

/// An account's default name: `"{base} ending {hint}"` when the file gives
/// the card's or account's last digits, else just `base`.
pub fn account_ending(base: &str, hint: Option<&str>) -> String {
    match hint.map(str::trim).filter(|h| !h.is_empty()) {
        Some(digits) => format!("{base} ending {digits}"),
        None => base.to_owned(),
    }
}

/// How the default account is named from a row's account hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    /// `"{base} ending {hint}"`, else `base` (card digits).
    Ending(&'static str),
    /// `"{base} {hint}"`, else `base` (a sort code and account number).
    Named(&'static str),
    /// Always this name.
    Fixed(&'static str),
    /// The file's own name for the account (an OFX or camt statement's
    /// label, a QIF `!Account`), else this one.
    Hint(&'static str),
}

impl Account {
    pub fn name(self, hint: Option<&str>) -> String {
        match self {
            Account::Ending(base) => account_ending(base, hint),
            Account::Named(base) => match hint.filter(|h| !h.is_empty()) {
                Some(account) => format!("{base} {account}"),
                None => base.to_owned(),
            },
            Account::Fixed(name) => name.to_owned(),
            Account::Hint(fallback) => hint
                .filter(|h| !h.is_empty())
                .unwrap_or(fallback)
                .to_owned(),
        }
    }
}

/// `value`'s size with `line`'s direction: an original (foreign) amount
/// that the file writes unsigned, or signed its own way, follows the sign
/// of the line it belongs to.
pub fn signed_as(value: Decimal, line: Decimal) -> Decimal {
    if line.is_sign_negative() {
        -value.abs()
    } else {
        value.abs()
    }
}

/// Maps header names to column positions, case- and space-insensitively.
#[derive(Debug)]
pub struct Columns {
    names: Vec<String>,
}

impl Columns {
    pub fn new<'a>(header: impl IntoIterator<Item = &'a [u8]>) -> Self {
        Columns {
            names: header
                .into_iter()
                .map(|c| normalise_header(&String::from_utf8_lossy(c)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn find(&self, name: &str) -> Option<usize> {
        let want = normalise_header(name);
        self.names.iter().position(|n| *n == want)
    }

    pub fn require(
        &self,
        name: &'static str,
        format: &'static str,
        line: u64,
    ) -> Result<usize, RowError> {
        self.find(name).ok_or_else(|| {
            RowError::new(
                line,
                Problem::MissingColumn {
                    column: name,
                    format,
                },
            )
        })
    }
}

/// Lowercase, trimmed, inner spaces folded, BOM removed.
pub fn normalise_header(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a header holds all of `names` (compared as [`normalise_header`]).
pub fn header_has_all(header: &[String], names: &[&str]) -> bool {
    let have: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    names
        .iter()
        .all(|n| have.iter().any(|h| *h == normalise_header(n)))
}

/// The order of day, month and year in a statement's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `03/31/2026` (US)
    Mdy,
    /// `31/03/2026` (most of the world)
    Dmy,
    /// `2026-03-31` (ISO 8601)
    Ymd,
}

impl std::str::FromStr for DateOrder {
    type Err = String;

    /// `mdy`, `dmy` or `ymd`, as `--date-order` takes them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "mdy" => Ok(DateOrder::Mdy),
            "dmy" => Ok(DateOrder::Dmy),
            "ymd" => Ok(DateOrder::Ymd),
            _ => Err(format!(
                "{s:?} is not a date order; expected mdy, dmy or ymd"
            )),
        }
    }
}

impl DateOrder {
    /// The id `--date-order` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
            DateOrder::Ymd => "ymd",
        }
    }

    /// How the expected form is described in messages.
    pub fn expected(self) -> &'static str {
        match self {
            DateOrder::Mdy => "a date as MM/DD/YYYY",
            DateOrder::Dmy => "a date as DD/MM/YYYY",
            DateOrder::Ymd => "a date as YYYY-MM-DD",
        }
    }
}

/// Decides a file's date order from its dates: an order is possible if every
/// sample is a real date in it. `None` when no candidate fits, or when more
/// than one fits (every day is 12 or less): then the caller falls back to the
/// profile's default or asks the user.
pub fn infer_date_order<'a>(
    samples: impl IntoIterator<Item = &'a str>,
    candidates: &[DateOrder],
) -> Option<DateOrder> {
    let mut possible: Vec<DateOrder> = candidates.to_vec();
    for s in samples {
        possible.retain(|o| parse_date(s, *o, "date", 0).is_ok());
    }
    match possible.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Parses `MM/DD/YYYY` (one-digit month and day accepted).
pub fn parse_us_date(value: &str, column: &'static str, line: u64) -> Result<NaiveDate, RowError> {
    parse_date(value, DateOrder::Mdy, column, line)
}

/// A date cell that cannot be read (`impossible`: well formed, but no such
/// day), at `line`.
pub fn bad_date(
    line: u64,
    column: &'static str,
    value: &str,
    expected: &'static str,
    impossible: bool,
) -> RowError {
    RowError::new(
        line,
        Problem::BadDate {
            column,
            value: value.to_owned(),
            expected,
            impossible,
        },
    )
}

/// Parses a calendar date in the given order, with `/`, `-` or `.` between
/// the parts (one-digit day and month accepted). A time after the date
/// (`2026-03-31 14:05:09`, `2026-03-31T14:05`) is ignored: the date is kept
/// as written, never shifted.
pub fn parse_date(
    value: &str,
    order: DateOrder,
    column: &'static str,
    line: u64,
) -> Result<NaiveDate, RowError> {
    let bad = |impossible| bad_date(line, column, value, order.expected(), impossible);
    if value.is_empty() {
        return Err(RowError::new(line, Problem::EmptyField { column }));
    }
    let date_part = value.split([' ', 'T']).next().unwrap_or(value);
    let sep = date_part
        .chars()
        .find(|c| matches!(c, '/' | '-' | '.'))
        .ok_or_else(|| bad(false))?;
    let mut parts = [0u32; 3];
    let mut n = 0;
    for (i, part) in date_part.split(sep).enumerate() {
        if i >= 3 || part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad(false));
        }
        parts[i] = part.parse().map_err(|_| bad(false))?;
        n = i + 1;
    }
    if n != 3 {
        return Err(bad(false));
    }
    let [a, b, c] = parts;
    let (y, m, d) = match order {
        DateOrder::Mdy => (c, a, b),
        DateOrder::Dmy => (c, b, a),
        DateOrder::Ymd => (a, b, c),
    };
    if !(1000..=9999).contains(&y) {
        return Err(bad(false));
    }
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad(true));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| bad(true))
}

/// The parts of a [`Format`] impl that every provider-record format (cost
/// and usage exports, Admin API pages, Claude Code logs) writes alike: its
/// id and name, the provider name it shows for a batch, and `records()`.
macro_rules! provider_format {
    ($id:literal, $name:expr, $shown:literal) => {
        fn id(&self) -> &'static str {
            $id
        }

        fn name(&self) -> &'static str {
            $name
        }

        fn default_account(&self, _hint: Option<&str>) -> String {
            $shown.into()
        }

        fn records(&self) -> bool {
            true
        }
    };
}
pub(crate) use provider_format;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_line_has_no_csv_header_and_a_csv_line_has_one() {
        let header = |t: &str| Head { text: t }.csv_header();
        assert!(header("{\"type\":\"session_meta\",\"payload\":{\"a\":1}}\n").is_empty());
        assert!(header("\n  {\"type\":\"user\"").is_empty());
        assert_eq!(
            header("Date, Amount ,\"Memo, note\"\n1,2,3\n"),
            ["Date", "Amount", "Memo, note"]
        );
        assert_eq!(header("Datum;Betrag\n"), ["Datum", "Betrag"]);
        assert_eq!(header("[1,2]\n"), ["[1", "2]"]);
    }

    #[test]
    fn us_dates() {
        let ok = |s| parse_us_date(s, "Date", 1).map(|d| d.to_string());
        assert_eq!(ok("01/31/2026"), Ok("2026-01-31".into()));
        assert_eq!(ok("2/3/2026"), Ok("2026-02-03".into()));
        assert_eq!(ok("02/29/2024"), Ok("2024-02-29".into()));
        for (bad, impossible) in [
            ("02/30/2026", true),
            ("13/01/2026", true),
            ("2026-01-31", false),
            ("01/31/26", false),
            ("01/31", false),
            ("a/b/c", false),
        ] {
            match parse_us_date(bad, "Date", 7) {
                Err(RowError {
                    line: 7,
                    problem: Problem::BadDate { impossible: i, .. },
                }) => assert_eq!(i, impossible, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn other_orders_and_times() {
        let ok = |s, o| parse_date(s, o, "Date", 1).map(|d| d.to_string());
        assert_eq!(ok("31/03/2026", DateOrder::Dmy), Ok("2026-03-31".into()));
        assert_eq!(ok("31.03.2026", DateOrder::Dmy), Ok("2026-03-31".into()));
        assert_eq!(ok("2026-03-31", DateOrder::Ymd), Ok("2026-03-31".into()));
        assert_eq!(
            ok("2026-03-31 23:59:59", DateOrder::Ymd),
            Ok("2026-03-31".into())
        );
        assert_eq!(
            ok("2026-03-31T23:59", DateOrder::Ymd),
            Ok("2026-03-31".into())
        );
        assert!(ok("31/03/2026", DateOrder::Mdy).is_err());
        assert!(ok("2026-02-30", DateOrder::Ymd).is_err());
        assert!(ok("20260331", DateOrder::Ymd).is_err());
    }

    #[test]
    fn date_order_is_decided_per_file() {
        let both = [DateOrder::Mdy, DateOrder::Dmy];
        assert_eq!(
            infer_date_order(["03/04/2026", "13/04/2026"], &both),
            Some(DateOrder::Dmy)
        );
        assert_eq!(
            infer_date_order(["03/04/2026", "04/13/2026"], &both),
            Some(DateOrder::Mdy)
        );
        assert_eq!(infer_date_order(["03/04/2026", "05/06/2026"], &both), None);
        assert_eq!(infer_date_order(["13/13/2026"], &both), None);
    }

    #[test]
    fn rows_of_bare_delimiters_are_blank() {
        let head = Head {
            text: ",,,,\r\n;;\n\"\",\"\"\nDate,Description,Amount\n",
        };
        assert_eq!(head.first_line(), "Date,Description,Amount");
        assert!(!is_blank_row("a,,"));
    }

    #[test]
    fn headers_compare_loosely() {
        let h = vec![
            "\u{feff}Transaction  Date".to_string(),
            " AMOUNT ".to_string(),
        ];
        assert!(header_has_all(&h, &["transaction date", "Amount"]));
        assert!(!header_has_all(&h, &["Post Date"]));
    }
}

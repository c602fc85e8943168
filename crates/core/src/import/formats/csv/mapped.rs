//! The generic mapper: any CSV no built-in profile reads, with its columns
//! named by the user (`--map date=Datum,amount=Betrag,description=Text`).
//!
//! A mapping is saved in the ledger as a named profile together with the
//! file's header, and used again without asking the next time a file with
//! the same header comes in (SPEC §3). The delimiter (`,` `;` tab) is found
//! from the header line; the date order is read from the file's own dates
//! when the mapping does not say it (and asked for when they read both
//! ways); amounts take the decimal mark the mapping names, or the one the
//! delimiter suggests (a `;` file is usually written with decimal commas).

use std::fmt;
use std::io::BufRead;
use std::str::FromStr;

use super::profile::{DateForm, Description, Empty, Field, Num, Plan, Read, Sign, Statuses, Step};
use super::rows::CsvRows;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{
    header_has_all, infer_date_order, normalise_header, sniff_delimiter, DateOrder, Format, Head,
    Parsed, NOTICE_LINES,
};
use crate::import::{Notice, RowSink};
use crate::money::{Currency, DecimalMark};

/// A saved mapping profile (stored by the ledger).
pub use crate::ledger::import_profiles::ProfileRow;

/// Which column holds what, and how the file writes its values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MapSpec {
    pub date: String,
    pub description: String,
    /// One signed amount column, or `debit` (and `credit`) instead.
    pub amount: Option<String>,
    pub debit: Option<String>,
    pub credit: Option<String>,
    pub posted_date: Option<String>,
    /// A column of ISO 4217 codes; without it, `--currency` or USD.
    pub currency: Option<String>,
    pub memo: Option<String>,
    pub category: Option<String>,
    /// Extra descriptive columns the classifier reads and the line keeps
    /// (its `details`): a clean merchant or counterparty name, the raw card
    /// descriptor, the goods or product, the merchant category code.
    pub merchant: Option<String>,
    pub descriptor: Option<String>,
    pub goods: Option<String>,
    pub mcc: Option<String>,
    /// The source's own id for each line (duplicate layer 1).
    pub id: Option<String>,
    /// A status column (`pending`, `booked`, `declined`, …).
    pub status: Option<String>,
    pub date_order: Option<DateOrder>,
    pub decimal: Option<DecimalMark>,
    /// The file writes spending as positive amounts (Amex style).
    pub spending_positive: bool,
}

/// A `--map` text that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapSpecError {
    #[error("--map: {0:?} is not key=value; expected for example date=Date,amount=Amount,description=Description")]
    NotKeyValue(String),
    #[error("--map: unknown key {0:?}; expected one of date, amount, debit, credit, description, posted_date, currency, memo, category, merchant, descriptor, goods, mcc, id, status, date_order, decimal, sign")]
    UnknownKey(String),
    #[error("--map: {key}={value:?} is not allowed; expected {expected}")]
    BadValue {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("--map: no {0} column named; expected {0}=COLUMN")]
    Missing(&'static str),
}

impl FromStr for MapSpec {
    type Err = MapSpecError;

    /// `key=value` pairs separated by commas (or new lines, for a profile
    /// file); a value with a comma goes in double quotes; `#` starts a
    /// comment line.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut spec = MapSpec::default();
        let (mut date, mut description) = (None, None);
        for pair in split_pairs(text) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| MapSpecError::NotKeyValue(pair.clone()))?;
            let key = key.trim().to_ascii_lowercase();
            let value = unquote(value.trim());
            let col = || Some(value.clone());
            match key.as_str() {
                "date" => date = col(),
                "description" | "payee" => description = col(),
                "amount" => spec.amount = col(),
                "debit" => spec.debit = col(),
                "credit" => spec.credit = col(),
                "posted_date" | "posted" => spec.posted_date = col(),
                "currency" => spec.currency = col(),
                "memo" => spec.memo = col(),
                "category" => spec.category = col(),
                "merchant" | "counterparty" => spec.merchant = col(),
                "descriptor" => spec.descriptor = col(),
                "goods" | "product" => spec.goods = col(),
                "mcc" => spec.mcc = col(),
                "id" => spec.id = col(),
                "status" => spec.status = col(),
                "date_order" => {
                    spec.date_order = Some(value.parse().map_err(|_| MapSpecError::BadValue {
                        key: "date_order",
                        value: value.clone(),
                        expected: "mdy, dmy or ymd",
                    })?)
                }
                "decimal" => {
                    spec.decimal = Some(match value.to_ascii_lowercase().as_str() {
                        "point" | "." => DecimalMark::Point,
                        "comma" | "," => DecimalMark::Comma,
                        _ => {
                            return Err(MapSpecError::BadValue {
                                key: "decimal",
                                value,
                                expected: "point or comma",
                            })
                        }
                    })
                }
                "sign" => {
                    spec.spending_positive = match value.to_ascii_lowercase().as_str() {
                        "spending-negative" | "negative" => false,
                        "spending-positive" | "positive" => true,
                        _ => {
                            return Err(MapSpecError::BadValue {
                                key: "sign",
                                value,
                                expected: crate::import::pipeline::error::expect::SIGN,
                            })
                        }
                    }
                }
                _ => return Err(MapSpecError::UnknownKey(key)),
            }
        }
        spec.date = date
            .filter(|d| !d.is_empty())
            .ok_or(MapSpecError::Missing("date"))?;
        spec.description = description
            .filter(|d| !d.is_empty())
            .ok_or(MapSpecError::Missing("description"))?;
        if spec.amount.is_none() && spec.debit.is_none() {
            return Err(MapSpecError::Missing("amount"));
        }
        Ok(spec)
    }
}

impl fmt::Display for MapSpec {
    /// The canonical text, as profiles store it and `--map` takes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = vec![
            format!("date={}", quote(&self.date)),
            format!("description={}", quote(&self.description)),
        ];
        let mut col = |key: &str, v: &Option<String>| {
            if let Some(v) = v {
                parts.push(format!("{key}={}", quote(v)));
            }
        };
        col("amount", &self.amount);
        col("debit", &self.debit);
        col("credit", &self.credit);
        col("posted_date", &self.posted_date);
        col("currency", &self.currency);
        col("memo", &self.memo);
        col("category", &self.category);
        col("merchant", &self.merchant);
        col("descriptor", &self.descriptor);
        col("goods", &self.goods);
        col("mcc", &self.mcc);
        col("id", &self.id);
        col("status", &self.status);
        if let Some(o) = self.date_order {
            parts.push(format!("date_order={}", o.as_str()));
        }
        match self.decimal {
            Some(DecimalMark::Point) => parts.push("decimal=point".into()),
            Some(DecimalMark::Comma) => parts.push("decimal=comma".into()),
            None => {}
        }
        if self.spending_positive {
            parts.push("sign=spending-positive".into());
        }
        f.write_str(&parts.join(","))
    }
}

fn quote(v: &str) -> String {
    if v.contains([',', '"', '=']) || v.trim() != v {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_owned()
    }
}

fn unquote(v: &str) -> String {
    match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => v.to_owned(),
    }
}

/// Splits on commas and new lines outside double quotes; skips blank and
/// `#` comment lines.
fn split_pairs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut push = |cur: &mut String| {
        let t = cur.trim();
        if !t.is_empty() && !t.starts_with('#') {
            out.push(t.to_owned());
        }
        cur.clear();
    };
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' | '\n' | '\r' if !quoted => push(&mut cur),
            _ => cur.push(c),
        }
    }
    push(&mut cur);
    out
}

impl MapSpec {
    /// The file's columns the mapping names, in the order of its keys.
    pub fn columns(&self) -> Vec<&str> {
        let mut out = vec![self.date.as_str(), self.description.as_str()];
        for c in [
            &self.amount,
            &self.debit,
            &self.credit,
            &self.posted_date,
            &self.currency,
            &self.memo,
            &self.category,
            &self.id,
            &self.status,
        ]
        .into_iter()
        .flatten()
        {
            out.push(c.as_str());
        }
        out
    }
}

/// A file read through a user's mapping.
#[derive(Debug)]
pub struct MappedCsv {
    pub spec: MapSpec,
    /// The profile's name, for the batch record and the default account.
    pub profile: String,
    /// The physical line of the header, where the user gives it
    /// (`--header-line`); else the header is the first line that holds
    /// every column the mapping names, and the lines above it (a bank's
    /// preamble: account, period, balances) are skipped.
    pub header_line: Option<u64>,
}

/// How many lines of a file's start are looked at for its header.
const HEADER_SCAN: usize = 60;

/// Where a CSV's header line is in the head of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderAt {
    /// Physical 1-based line.
    pub line: u64,
    /// Byte offset of the line in the head's text.
    pub offset: usize,
    /// The delimiter its cells are read with.
    pub delimiter: u8,
}

/// The first lines of the head: physical number, byte offset, text
/// (without its line end).
fn head_lines<'a>(head: &Head<'a>) -> impl Iterator<Item = (u64, usize, &'a str)> {
    let text = head.text;
    let mut offset = 0;
    text.split('\n')
        .enumerate()
        .map(move |(i, line)| {
            let at = offset;
            offset += line.len() + 1;
            (i as u64 + 1, at, line.trim_end_matches('\r'))
        })
        .take(HEADER_SCAN)
}

/// One line's cells read with `delimiter`, trimmed.
fn cells_with(line: &str, delimiter: u8) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line.as_bytes());
    let mut rec = csv::StringRecord::new();
    match rdr.read_record(&mut rec) {
        Ok(true) => rec.iter().map(|c| c.trim().to_owned()).collect(),
        _ => Vec::new(),
    }
}

/// The header line of a mapped file: line `line` when the user gives it,
/// else the first line of the head that holds every column `spec` names
/// (read with the delimiter the line suggests, or else `;` or a tab).
/// `None` when the head has no such line.
pub fn locate_header(head: &Head<'_>, spec: &MapSpec, line: Option<u64>) -> Option<HeaderAt> {
    let names = spec.columns();
    head_lines(head).find_map(|(n, offset, text)| {
        if text.trim().is_empty() {
            return None;
        }
        let sniffed = sniff_delimiter(text);
        let at = |delimiter| HeaderAt {
            line: n,
            offset,
            delimiter,
        };
        match line {
            Some(want) => (n == want).then(|| at(sniffed)),
            None => [sniffed, b',', b';', b'\t']
                .into_iter()
                .find(|d| header_has_all(&cells_with(text, *d), &names))
                .map(at),
        }
    })
}

/// The line a file without a mapping probably has its header on: the first
/// of the widest lines (most cells up to the last non-empty one, two at
/// least) among the first lines. A bank's preamble lines (account, period,
/// balance) are narrower than its table, a header names every column, and
/// a row is no wider than its header (a trailing empty cell not counted).
pub fn guess_header(head: &Head<'_>) -> Option<HeaderAt> {
    let mut best: Option<(usize, HeaderAt)> = None;
    for (n, offset, text) in head_lines(head) {
        if text.trim().is_empty() {
            continue;
        }
        let delimiter = sniff_delimiter(text);
        let cells = cells_with(text, delimiter);
        let width = cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1);
        if width >= 2 && best.is_none_or(|(w, _)| width > w) {
            best = Some((
                width,
                HeaderAt {
                    line: n,
                    offset,
                    delimiter,
                },
            ));
        }
    }
    best.map(|(_, at)| at)
}

/// Physical line `line` of the head as a header (with the delimiter it
/// suggests), if the head reaches it and it is not blank.
pub fn header_line_at(head: &Head<'_>, line: u64) -> Option<HeaderAt> {
    head_lines(head)
        .find(|(n, _, text)| *n == line && !text.trim().is_empty())
        .map(|(n, offset, text)| HeaderAt {
            line: n,
            offset,
            delimiter: sniff_delimiter(text),
        })
}

/// The header line at `at` (the first non-blank line when `None`), its
/// cells trimmed.
pub fn header_cells(head: &Head<'_>, at: Option<HeaderAt>) -> Vec<String> {
    match at {
        Some(at) => {
            let text = head.text.get(at.offset..).unwrap_or_default();
            let line = text.split('\n').next().unwrap_or_default();
            cells_with(line.trim_end_matches('\r'), at.delimiter)
        }
        None => head.csv_header(),
    }
}

/// The key a header is matched to profiles by: its cells, normalised,
/// joined by U+001F.
fn key_of(cells: &[String]) -> String {
    cells
        .iter()
        .map(|h| normalise_header(h))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// The header a file's rows are matched to profiles by, for the header at
/// `at` (the first line when `None`).
pub fn header_key(head: &Head<'_>, at: Option<HeaderAt>) -> String {
    key_of(&header_cells(head, at))
}

/// The keys of the head's first lines, in order: a profile saved for a
/// file's header is found for a later file with a preamble above the same
/// header.
pub fn header_keys(head: &Head<'_>) -> Vec<String> {
    head_lines(head)
        .filter(|(_, _, text)| !text.trim().is_empty())
        .map(|(_, _, text)| key_of(&cells_with(text, sniff_delimiter(text))))
        .collect()
}

/// A profile name made from the file's header (at `at`, else its first
/// line), when the user gives none.
pub fn default_profile_name(head: &Head<'_>, at: Option<HeaderAt>) -> String {
    let cells = header_cells(head, at);
    let shown: Vec<&str> = cells.iter().take(3).map(String::as_str).collect();
    let more = if cells.len() > 3 { ",…" } else { "" };
    format!("CSV {}{more}", shown.join(","))
}

impl MappedCsv {
    /// Where this file's header is, as far as the head shows.
    pub fn header_at(&self, head: &Head<'_>) -> Option<HeaderAt> {
        locate_header(head, &self.spec, self.header_line)
    }
}

const NAME: &str = "CSV with a column mapping";

impl Format for MappedCsv {
    fn id(&self) -> &'static str {
        "mapped-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    /// Never detected by content: chosen by `--map` or a saved profile.
    fn detect(&self, _head: &Head<'_>) -> bool {
        false
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        self.profile.clone()
    }

    fn parse(&self, head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let s = &self.spec;
        // The header may come after a preamble: its delimiter and its rows
        // (for the date order) are the table's, not the preamble's.
        let at = self.header_at(head);
        let delimiter = at.map_or_else(|| sniff_delimiter(head.first_line()), |a| a.delimiter);
        let table = Head {
            text: at
                .and_then(|a| head.text.get(a.offset..))
                .unwrap_or(head.text),
        };
        let mark = s.decimal.unwrap_or(if delimiter == b';' {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        });
        let mut rows = CsvRows::with_delimiter(input, delimiter);
        // The header is the line the user gives, else the first line that
        // holds every column the mapping names; what comes before it is a
        // preamble, skipped and named in the summary.
        let names = s.columns();
        let preamble = std::cell::Cell::new(0u64);
        let header = match self.header_line {
            Some(n) => rows.header_on_line(NAME, n)?,
            None => rows
                .header_after_preamble(NAME, "a header line", None, &|cells| {
                    let cells: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
                    let found = header_has_all(&cells, &names);
                    if !found {
                        preamble.set(preamble.get() + 1);
                    }
                    found
                })
                .map_err(|e| match e.problem {
                    // No line holds them all: name the first one the first
                    // line lacks.
                    Problem::NotThisFormat { .. } => {
                        let first = header_cells(head, None);
                        let missing = names
                            .iter()
                            .find(|n| !header_has_all(&first, &[n]))
                            .unwrap_or(&names[0]);
                        RowError::new(
                            e.line,
                            Problem::Malformed {
                                found: Box::new(crate::msg!(
                                    "detail-csv-no-column",
                                    column = missing.to_string()
                                )),
                                expected: Box::new(crate::msg!(
                                    "detail-csv-mapped-columns-or-line",
                                    columns = s.to_string()
                                )),
                            },
                        )
                    }
                    _ => e,
                })?,
        };
        if header.line > 1 && (self.header_line.is_some() || preamble.get() > 0) {
            sink.notice(Notice {
                code: "skipped_preamble",
                lines: (1..header.line).take(NOTICE_LINES).collect(),
                count: header.line - 1,
                msg: Some(crate::msg!(
                    "import-notice-skipped-preamble",
                    line = header.line.to_string(),
                    last = (header.line - 1).to_string()
                )),
                message: format!(
                    "the header is on line {}: lines 1-{} above it (the file's preamble) were \
                     skipped",
                    header.line,
                    header.line - 1
                ),
            });
        }
        let need = |name: &str| {
            header.find(name).ok_or_else(|| {
                RowError::new(
                    header.line,
                    Problem::Malformed {
                        found: Box::new(crate::msg!("detail-csv-no-column", column = name)),
                        expected: Box::new(crate::msg!(
                            "detail-csv-mapped-columns",
                            columns = s.to_string()
                        )),
                    },
                )
            })
        };
        let opt = |name: &Option<String>| name.as_deref().map(need).transpose();
        let c_date = need(&s.date)?;
        let c_desc = need(&s.description)?;
        let c_amount = opt(&s.amount)?;
        let c_debit = opt(&s.debit)?;
        let c_credit = opt(&s.credit)?;
        let c_posted = opt(&s.posted_date)?;
        let c_currency = opt(&s.currency)?;
        let c_memo = opt(&s.memo)?;
        let c_category = opt(&s.category)?;
        let c_merchant = opt(&s.merchant)?;
        let c_descriptor = opt(&s.descriptor)?;
        let c_goods = opt(&s.goods)?;
        let c_mcc = opt(&s.mcc)?;
        let c_id = opt(&s.id)?;
        let c_status = opt(&s.status)?;

        let hints = sink.hints();
        let order = match s.date_order.or(hints.date_order) {
            Some(o) => o,
            None => infer_order(&table, delimiter, c_date)?,
        };
        // The same engine as the built-in bank layouts, with the cells in
        // the order a mapped row is checked. Without a currency column (or
        // an empty cell in it): the user's `--currency`, else USD, and the
        // summary says so.
        let step = |col: Option<usize>, label: &'static str, read: Read| Step {
            col,
            col2: None,
            label,
            read,
        };
        let text = |col, label, field, empty| step(col, label, Read::Text(field, empty));
        let sign = if s.spending_positive {
            Sign::SpendingPositive
        } else {
            Sign::AsWritten
        };
        let mut steps = Vec::with_capacity(16);
        match (c_amount, c_debit) {
            (Some(c), _) => {
                steps.push(step(Some(c), "amount", Read::Amount(Num::Mark(mark), sign)))
            }
            (None, Some(d)) => steps.push(Step {
                col2: c_credit,
                ..step(
                    Some(d),
                    "debit",
                    Read::DebitCredit {
                        credit: "credit",
                        credit_label: "credit",
                        mark,
                        zero_is_empty: true,
                        both:
                            "an empty credit when debit holds the amount (one of the two per line)",
                    },
                )
            }),
            // No amount column: every row is refused for its empty amount.
            (None, None) => steps.push(step(None, "amount", Read::Amount(Num::Mark(mark), sign))),
        }
        if let Some(c) = c_currency {
            let read = Read::Currency {
                empty_is_default: true,
                fold_case: true,
            };
            steps.push(step(Some(c), "currency", read));
        }
        if let Some(c) = c_status {
            steps.push(step(Some(c), "status", Read::Status(Statuses::Lenient)));
        }
        if let Some(c) = c_id {
            steps.push(text(Some(c), "id", Field::SourceId, Empty::Nothing));
        }
        steps.push(step(
            Some(c_date),
            "date",
            Read::Date(DateForm::Order(order)),
        ));
        if let Some(c) = c_posted {
            steps.push(step(
                Some(c),
                "posted date",
                Read::PostedDate(DateForm::Order(order)),
            ));
        }
        steps.extend([
            text(
                Some(c_desc),
                "description",
                Field::Description,
                Empty::Refused,
            ),
            text(c_merchant, "merchant", Field::Merchant, Empty::Nothing),
            text(
                c_descriptor,
                "descriptor",
                Field::Descriptor,
                Empty::Nothing,
            ),
            text(c_goods, "goods", Field::Goods, Empty::Nothing),
            text(c_mcc, "mcc", Field::Mcc, Empty::Nothing),
        ]);
        if let Some(c) = c_category {
            steps.push(text(Some(c), "category", Field::Category, Empty::Nothing));
        }
        if let Some(c) = c_memo {
            steps.push(text(Some(c), "memo", Field::Memo, Empty::Nothing));
        }
        Plan {
            steps,
            currency: hints.currency.unwrap_or(Currency::USD),
            assumed_currency: true,
            description: Description::Cell,
        }
        .run(&mut rows, sink)
    }
}

/// The date order the head's dates allow, or ask the user.
fn infer_order(head: &Head<'_>, delimiter: u8, col: usize) -> Result<DateOrder, RowError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(head.text.as_bytes());
    let mut samples = Vec::new();
    for rec in rdr.records().take(500) {
        let Ok(rec) = rec else { break };
        if let Some(v) = rec.get(col).map(str::trim).filter(|v| !v.is_empty()) {
            samples.push(v.to_owned());
        }
    }
    let all = [DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy];
    infer_date_order(samples.iter().map(String::as_str), &all).ok_or_else(|| {
        RowError::new(
            2,
            Problem::AmbiguousDateOrder {
                example: samples.first().cloned().unwrap_or_default(),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_print_back() {
        let spec: MapSpec = "date=Buchungstag, amount=Betrag (EUR),description=\"Empfänger, Name\",decimal=comma,date_order=dmy"
            .parse()
            .expect("spec");
        assert_eq!(spec.date, "Buchungstag");
        assert_eq!(spec.amount.as_deref(), Some("Betrag (EUR)"));
        assert_eq!(spec.description, "Empfänger, Name");
        assert_eq!(spec.decimal, Some(DecimalMark::Comma));
        let again: MapSpec = spec.to_string().parse().expect("round trip");
        assert_eq!(again, spec);
    }

    #[test]
    fn specs_missing_or_unknown_keys_are_refused() {
        assert_eq!(
            "amount=A,description=D".parse::<MapSpec>(),
            Err(MapSpecError::Missing("date"))
        );
        assert_eq!(
            "date=D,description=X".parse::<MapSpec>(),
            Err(MapSpecError::Missing("amount"))
        );
        assert!(matches!(
            "date=D,amount=A,description=X,colour=red".parse::<MapSpec>(),
            Err(MapSpecError::UnknownKey(k)) if k == "colour"
        ));
        assert!(matches!(
            "date=D,amount=A,description=X,decimal=dot dot".parse::<MapSpec>(),
            Err(MapSpecError::BadValue { key: "decimal", .. })
        ));
    }

    #[test]
    fn a_profile_file_is_one_pair_a_line_with_comments() {
        let spec: MapSpec = "# my bank\ndate=Date\namount=Amount\n\ndescription=Payee\n"
            .parse()
            .expect("file");
        assert_eq!(spec.description, "Payee");
    }
}

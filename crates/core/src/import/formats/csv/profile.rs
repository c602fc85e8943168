//! The CSV table engine: one reader for every bank CSV whose layout is
//! data (a [`CsvProfile`]: header signature, cells, date form, sign,
//! account label, currency, status words), and for the user's saved column
//! mappings ([`super::mapped`] turns a mapping into the same [`Plan`]).
//!
//! A profile lists its cells **in the order a row is checked**: when a row
//! has several bad cells, the first one listed is the one reported
//! (`FILE:LINE: ...`). Where a bank has a real quirk, the profile names an
//! option ([`Read::CardDigits`], [`Description::PayeeFromMemo`],
//! [`HeaderAt::AfterPreamble`], ...) rather than growing a module.
//!
//! Invariant: every row is read by `Plan::run`; a profile holds no code.

use std::io::BufRead;

use chrono::NaiveDate;

use super::rows::{non_empty, CsvRows, Header, Row};
use crate::import::pipeline::error::{Problem, RowError};
pub use crate::import::pipeline::format::Account;
use crate::import::pipeline::format::{
    bad_date, header_has_all, normalise_header, AssumedCurrency, DateOrder, Format, Head, Parsed,
    ParsedTxn,
};
use crate::import::RowSink;
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

/// One bank's CSV layout, as data.
#[derive(Debug)]
pub struct CsvProfile {
    /// The format id (`--format` takes it), e.g. `chase-card-csv`.
    pub id: &'static str,
    /// What a user calls it, e.g. "Chase credit card CSV".
    pub name: &'static str,
    /// The header as the bank writes it, for messages.
    pub header: &'static str,
    /// The columns that identify the layout (compared as
    /// [`normalise_header`]); every one is required, any other column a
    /// cell names is optional (read as empty when the file lacks it).
    pub signature: &'static [&'static str],
    /// Where the header is.
    pub header_at: HeaderAt,
    /// Rows end with a comma the header has not (one more, empty, cell),
    /// or lack the header's last empty cell: cells past the header's are
    /// ignored.
    pub ragged_end: bool,
    /// How the default account is named.
    pub account: Account,
    /// The currency of a row no [`Read::Currency`] cell sets.
    pub currency: Currency,
    /// The cells read, in the order each row is checked.
    pub cells: &'static [Cell],
    /// Where the description comes from.
    pub description: Description,
}

/// Where a profile's header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderAt {
    /// The first non-blank line, holding every column of the signature.
    First,
    /// After a preamble: a line that is exactly the signature (in its
    /// order), among the first `detect_within` non-blank lines of the head
    /// for detection and within physical line `within` when parsing (BMO).
    AfterPreamble { detect_within: usize, within: u64 },
}

/// One cell a profile reads: its column, the name errors give it, and what
/// it becomes.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    pub column: &'static str,
    pub label: &'static str,
    pub read: Read,
}

impl Cell {
    pub const fn new(column: &'static str, read: Read) -> Self {
        Cell {
            column,
            label: column,
            read,
        }
    }

    /// The same cell, named `label` in errors.
    pub const fn labelled(self, label: &'static str) -> Self {
        Cell { label, ..self }
    }
}

/// What a cell becomes in a row.
#[derive(Debug, Clone, Copy)]
pub enum Read {
    /// The line's date; empty is an error.
    Date(DateForm),
    /// The posting date; may be empty.
    PostedDate(DateForm),
    /// The amount; empty is an error.
    Amount(Num, Sign),
    /// This cell is a debit column and `credit` the credit column, one
    /// filled per line: the debit becomes negative and the credit positive
    /// whatever their written sign.
    DebitCredit {
        credit: &'static str,
        credit_label: &'static str,
        mark: DecimalMark,
        /// A zero in one column with the amount in the other is one filled.
        zero_is_empty: bool,
        /// The `expected` of the error when both are filled.
        both: &'static str,
    },
    /// A direction column (`DEBIT` / `CREDIT`) that decides the amount's
    /// sign (read before it); empty leaves the written sign. Kept as the
    /// source type.
    Direction {
        debit: &'static str,
        credit: &'static str,
        expected: &'static str,
    },
    /// The line's status.
    Status(Statuses),
    /// The line's currency (ISO 4217).
    Currency {
        /// An empty cell means the profile's currency; else it is an error.
        empty_is_default: bool,
        /// Lower-case codes are read as upper-case.
        fold_case: bool,
    },
    /// A text cell into a field of the line.
    Text(Field, Empty),
    /// This cell is a local (merchant's) currency and `amount` its amount:
    /// where the currency is not the line's (read before it), they are the
    /// original amount and currency (Monzo).
    Original {
        amount: &'static str,
        amount_label: &'static str,
    },
    /// A card number (maybe wrapped in apostrophes): its last four digits
    /// are the account hint (BMO).
    CardDigits,
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// Three parts in this order, separated (`03/31/2026`).
    Order(DateOrder),
    /// `YYYYMMDD` without separators.
    Compact,
}

/// How an amount is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// `-12.34` only (no thousands separators, no symbols).
    Plain,
    /// What [`crate::money::parse_amount`] reads, with this decimal mark.
    Mark(DecimalMark),
}

/// Which way the file signs spending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Spending negative, as the ledger keeps it.
    AsWritten,
    /// Spending positive: every amount is negated.
    SpendingPositive,
}

/// A status column's words.
#[derive(Debug, Clone, Copy)]
pub enum Statuses {
    /// These words (compared ignoring ASCII case); any other is refused,
    /// saying `expected`.
    Words {
        posted: &'static [&'static str],
        pending: &'static [&'static str],
        reverted: &'static [&'static str],
        expected: &'static str,
    },
    /// The words banks use in several languages; anything else is posted
    /// (the user's mappings).
    Lenient,
}

/// A text field of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Description,
    Memo,
    Category,
    SourceType,
    SourceId,
    AccountHint,
    Merchant,
    Descriptor,
    Goods,
    Mcc,
}

/// What an empty text cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// Nothing (`None`).
    Nothing,
    /// An empty text, kept as such.
    Kept,
    /// An error.
    Refused,
}

/// Where a profile's description comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Description {
    /// A [`Field::Description`] cell.
    Cell,
    /// The merchant name, else the descriptor (Monzo).
    MerchantElseDescriptor,
    /// The payee part of the memo: spaces folded, a trailing transaction
    /// code and an `ON dd MMM` card-use date taken off (Barclays).
    PayeeFromMemo,
}

/// A profile's header, found: the columns of its cells.
#[derive(Debug)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// The currency of a row no cell sets.
    pub currency: Currency,
    /// Whether that currency is assumed (the file does not say it): each
    /// such row is counted for an `assumed_currency` notice.
    pub assumed_currency: bool,
    pub description: Description,
}

/// One cell of a [`Plan`]: its column positions (`None`: the file lacks
/// it, read as empty).
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub col: Option<usize>,
    /// The second column of a [`Read::DebitCredit`] or [`Read::Original`].
    pub col2: Option<usize>,
    pub label: &'static str,
    pub read: Read,
}

impl CsvProfile {
    fn detect_head(&self, head: &Head<'_>) -> bool {
        match self.header_at {
            HeaderAt::First => header_has_all(&head.csv_header(), self.signature),
            HeaderAt::AfterPreamble { detect_within, .. } => head
                .text
                .split(['\n', '\r'])
                .filter(|line| !line.trim().is_empty())
                .take(detect_within)
                .any(|line| self.is_exact_header(line.split(','))),
        }
    }

    /// Whether a line's cells are exactly the signature, in its order.
    fn is_exact_header<'a>(&self, cells: impl Iterator<Item = &'a str>) -> bool {
        let cells: Vec<String> = cells.map(normalise_header).collect();
        cells.len() == self.signature.len()
            && self
                .signature
                .iter()
                .zip(&cells)
                .all(|(want, have)| normalise_header(want) == *have)
    }

    fn find_header(&self, rows: &mut CsvRows<'_>) -> Result<Header, RowError> {
        match self.header_at {
            HeaderAt::First => rows.header(self.name, self.header, self.signature),
            HeaderAt::AfterPreamble { within, .. } => {
                let exact = |cells: &[&str]| self.is_exact_header(cells.iter().copied());
                rows.header_after_preamble(self.name, self.header, Some(within), &exact)
            }
        }
    }

    /// The plan for a file with this header.
    fn plan(&self, header: &Header) -> Result<Plan, RowError> {
        let column = |name: &'static str| match header.find(name) {
            Some(c) => Ok(Some(c)),
            None if self.signature.contains(&name) => header.require(name).map(Some),
            None => Ok(None),
        };
        let mut steps = Vec::with_capacity(self.cells.len());
        for cell in self.cells {
            let col2 = match cell.read {
                Read::DebitCredit { credit, .. } => column(credit)?,
                Read::Original { amount, .. } => column(amount)?,
                _ => None,
            };
            steps.push(Step {
                col: column(cell.column)?,
                col2,
                label: cell.label,
                read: cell.read,
            });
        }
        Ok(Plan {
            steps,
            currency: self.currency,
            assumed_currency: false,
            description: self.description,
        })
    }
}

impl Format for CsvProfile {
    fn id(&self) -> &'static str {
        self.id
    }

    fn name(&self) -> &'static str {
        self.name
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        self.detect_head(head)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        self.account.name(hint)
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut rows = CsvRows::new(input);
        if self.ragged_end {
            rows = rows.ragged_end();
        }
        let header = self.find_header(&mut rows)?;
        self.plan(&header)?.run(&mut rows, sink)
    }
}

impl Plan {
    /// Reads every row into `sink`.
    pub(crate) fn run(
        &self,
        rows: &mut CsvRows<'_>,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let hints = sink.hints();
        let mut assumed = AssumedCurrency::default();
        let mut buf = String::new();
        while let Some(row) = rows.next_row()? {
            let mut txn = ParsedTxn {
                line: row.line(),
                currency: self.currency,
                ..ParsedTxn::default()
            };
            let mut currency_read = false;
            for step in &self.steps {
                currency_read |= step.apply(&row, &mut txn, self.currency)?;
            }
            if self.assumed_currency && !currency_read {
                assumed.row(txn.line, self.currency);
            }
            match self.description {
                Description::Cell => {}
                Description::MerchantElseDescriptor => {
                    txn.description = match txn.details.merchant {
                        Some(name) if !name.is_empty() => name,
                        _ => txn.details.descriptor.unwrap_or_default(),
                    };
                }
                Description::PayeeFromMemo => {
                    payee_from_memo(txn.memo.unwrap_or_default(), &mut buf);
                    txn.description = &buf;
                }
            }
            sink.row(&txn)?;
        }
        if self.assumed_currency {
            assumed.finish(hints, sink);
        }
        Ok(())
    }
}

impl Step {
    /// Reads this cell of `row` into `txn`; `true` when it set the line's
    /// currency from the file.
    fn apply<'r>(
        &self,
        row: &Row<'r>,
        txn: &mut ParsedTxn<'r>,
        default: Currency,
    ) -> Result<bool, RowError> {
        let (col, label) = (self.col, self.label);
        match self.read {
            Read::Date(form) => txn.date = date(row, col, label, form)?,
            Read::PostedDate(form) => {
                txn.posted_date = match row.text(col, label)? {
                    "" => None,
                    _ => Some(date(row, col, label, form)?),
                }
            }
            Read::Amount(num, sign) => {
                let a = match num {
                    Num::Plain => row.plain_amount(col, label)?,
                    Num::Mark(mark) => row.amount(col, label, mark)?,
                };
                txn.amount = match sign {
                    Sign::AsWritten => a,
                    Sign::SpendingPositive => -a,
                };
            }
            Read::DebitCredit {
                credit_label,
                mark,
                zero_is_empty,
                both,
                ..
            } => {
                let d = row.opt_amount(col, label, mark)?;
                let c = match self.col2 {
                    Some(c) => row.opt_amount(c, credit_label, mark)?,
                    None => None,
                };
                txn.amount = match (d, c) {
                    (Some(d), None) => -d.abs(),
                    (None, Some(c)) => c.abs(),
                    (Some(d), Some(c)) if zero_is_empty && c.is_zero() => -d.abs(),
                    (Some(d), Some(c)) if zero_is_empty && d.is_zero() => c.abs(),
                    (None, None) => return Err(row.error(Problem::EmptyField { column: label })),
                    (Some(_), Some(_)) => {
                        return Err(row.unexpected(
                            credit_label,
                            row.text(self.col2, credit_label)?,
                            both,
                        ))
                    }
                };
            }
            Read::Direction {
                debit,
                credit,
                expected,
            } => {
                let dir = row.text(col, label)?;
                if dir.eq_ignore_ascii_case(debit) {
                    txn.amount = -txn.amount.abs();
                } else if dir.eq_ignore_ascii_case(credit) {
                    txn.amount = txn.amount.abs();
                } else if !dir.is_empty() {
                    return Err(row.unexpected(label, dir, expected));
                }
                txn.source_type = non_empty(dir);
            }
            Read::Status(statuses) => txn.status = status(row, col, label, statuses)?,
            Read::Currency {
                empty_is_default,
                fold_case,
            } => {
                let text = row.text(col, label)?;
                if text.is_empty() {
                    if empty_is_default {
                        txn.currency = default;
                        return Ok(false);
                    }
                    return Err(row.error(Problem::EmptyField { column: label }));
                }
                let parsed = if fold_case {
                    Currency::parse(&text.to_ascii_uppercase())
                } else {
                    Currency::parse(text)
                };
                txn.currency = parsed.map_err(|_| {
                    row.error(Problem::BadCurrency {
                        column: label,
                        value: text.to_owned(),
                    })
                })?;
                return Ok(true);
            }
            Read::Text(field, empty) => {
                let text = row.text(col, label)?;
                let value = match empty {
                    Empty::Nothing => non_empty(text),
                    Empty::Kept => Some(text),
                    Empty::Refused if text.is_empty() => {
                        return Err(row.error(Problem::EmptyField { column: label }))
                    }
                    Empty::Refused => Some(text),
                };
                set(txn, field, value);
            }
            Read::Original { amount_label, .. } => {
                let local = row.text(col, label)?;
                if !local.is_empty() && local != txn.currency.as_str() {
                    txn.original_amount =
                        Some(row.amount(self.col2, amount_label, DecimalMark::Point)?);
                    txn.original_currency = Some(row.currency(col, label)?);
                }
            }
            Read::CardDigits => {
                let card = row.text(col, label)?.trim_matches('\'');
                txn.account_hint = (card.len() >= 4 && card.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| &card[card.len() - 4..]);
            }
        }
        Ok(false)
    }
}

fn set<'r>(txn: &mut ParsedTxn<'r>, field: Field, value: Option<&'r str>) {
    match field {
        Field::Description => txn.description = value.unwrap_or_default(),
        Field::Memo => txn.memo = value,
        Field::Category => txn.category = value,
        Field::SourceType => txn.source_type = value,
        Field::SourceId => txn.source_id = value,
        Field::AccountHint => txn.account_hint = value,
        Field::Merchant => txn.details.merchant = value,
        Field::Descriptor => txn.details.descriptor = value,
        Field::Goods => txn.details.goods = value,
        Field::Mcc => txn.details.mcc = value,
    }
}

fn date(
    row: &Row<'_>,
    col: Option<usize>,
    label: &'static str,
    form: DateForm,
) -> Result<NaiveDate, RowError> {
    match form {
        DateForm::Order(order) => row.date(col, label, order),
        DateForm::Compact => compact_date(row.text(col, label)?, label, row.line()),
    }
}

/// Parses `YYYYMMDD`.
fn compact_date(value: &str, column: &'static str, line: u64) -> Result<NaiveDate, RowError> {
    let bad = |impossible| bad_date(line, column, value, "a date as YYYYMMDD", impossible);
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(false));
    }
    let num = |r: std::ops::Range<usize>| value[r].parse::<u32>().map_err(|_| bad(false));
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    if y < 1000 {
        return Err(bad(false));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| bad(true))
}

fn status(
    row: &Row<'_>,
    col: Option<usize>,
    label: &'static str,
    statuses: Statuses,
) -> Result<TxnStatus, RowError> {
    let text = row.text(col, label)?;
    match statuses {
        Statuses::Lenient => Ok(lenient_status(text)),
        Statuses::Words {
            posted,
            pending,
            reverted,
            expected,
        } => {
            let is = |words: &[&str]| words.iter().any(|w| text.eq_ignore_ascii_case(w));
            if is(posted) {
                Ok(TxnStatus::Posted)
            } else if is(pending) {
                Ok(TxnStatus::Pending)
            } else if is(reverted) {
                Ok(TxnStatus::Reverted)
            } else {
                Err(row.unexpected(label, text, expected))
            }
        }
    }
}

/// A status cell in words banks use.
fn lenient_status(text: &str) -> TxnStatus {
    match text.trim().to_lowercase().as_str() {
        "pending" | "authorized" | "authorised" | "authorization" | "hold" | "vorgemerkt"
        | "en attente" | "pendiente" | "处理中" => TxnStatus::Pending,
        "declined" | "reversed" | "reverted" | "cancelled" | "canceled" | "void" | "failed"
        | "rejected" => TxnStatus::Reverted,
        _ => TxnStatus::Posted,
    }
}

/// Barclays' transaction codes at the end of a memo.
const CODES: &[&str] = &[
    "BCC", "CPM", "BGC", "DDR", "DD", "SO", "STO", "FT", "TFR", "BBP", "CHQ", "DEB", "CR", "DR",
    "FPO", "FPI", "ATM", "CSH",
];
const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn compact_dates() {
        assert_eq!(
            compact_date("20260302", "d", 1).map(|d| d.to_string()),
            Ok("2026-03-02".into())
        );
        assert!(compact_date("20260230", "d", 1).is_err());
        assert!(compact_date("2026-03-02", "d", 1).is_err());
    }
}

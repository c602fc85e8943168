//! Quicken Interchange Format (QIF), bank and credit-card sections.
//!
//! A file is a `!Type:Bank` / `!Type:CCard` (or `Cash`, `Oth A`, `Oth L`)
//! header, optionally after an `!Account` block (`N` name, `T` type, `^`),
//! followed by records of one line per field, each ended by `^`:
//! `D` date, `T` (or `U`) amount, signed from the account holder's view,
//! `P` payee, `M` memo, `L` category, `N` number, `C` cleared flag, `A`
//! address lines, and split lines (`S`, `E`, `$`) whose total is `T`.
//!
//! Dates are written in the exporter's locale: `03/01/2026`, `3/1'26`
//! (apostrophe before a 2000s year), `01.03.2026`, `2026-03-01`. The order
//! of day and month is decided once per file from all the dates at its
//! start; when every one of them reads either way, the user says which with
//! `--date-order` (the error asks for it).
//!
//! Investment sections (`!Type:Invst`) and files holding several accounts
//! are refused with a message rather than half-read.

use std::io::BufRead;

use chrono::NaiveDate;

use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{
    Account, AssumedCurrency, DateOrder, Format, Head, Parsed, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

/// QIF, with the date order the user chose when the file alone cannot tell.
#[derive(Debug)]
pub struct Qif;

const NAME: &str = "QIF file";
const SUPPORTED: &[&str] = &["bank", "ccard", "cash", "oth a", "oth l"];

fn section_type(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t.strip_prefix('!')?;
    let (key, value) = rest.split_once(':')?;
    key.trim()
        .eq_ignore_ascii_case("type")
        .then(|| value.trim().to_ascii_lowercase())
}

/// The date lines at the start of the file, for deciding the order.
fn head_dates(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix('D'))
        .map(|d| d.trim().to_owned())
        .collect()
}

/// A QIF date's numbers: year first (`2026-03-01`), or two numbers in the
/// file's order and a year completed from two digits (`'26` → 2026; `/98` →
/// 1998, `/26` → 2026).
enum DateParts {
    YearFirst { y: u32, m: u32, d: u32 },
    Ordered { a: u32, b: u32, y: u32 },
}

fn date_parts(text: &str) -> Option<DateParts> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let apostrophe = t.contains('\'');
    let parts: Vec<&str> = t.split(['/', '-', '.', '\'']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let [a, b, c] = <[u32; 3]>::try_from(n).ok()?;
    if parts[0].len() == 4 {
        return Some(DateParts::YearFirst { y: a, m: b, d: c });
    }
    let y = match parts[2].len() {
        1 | 2 if apostrophe || c < 70 => c + 2000,
        1 | 2 => c + 1900,
        4 => c,
        _ => return None,
    };
    Some(DateParts::Ordered { a, b, y })
}

fn to_date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let (y, m, d) = match date_parts(text)? {
        DateParts::YearFirst { y, m, d } => (y, m, d),
        DateParts::Ordered { a, b, y } => match order {
            DateOrder::Dmy => (y, b, a),
            DateOrder::Mdy | DateOrder::Ymd => (y, a, b),
        },
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// Decides the file's date order from `dates`: `Some` when exactly one of
/// month-first and day-first reads all of them.
pub(crate) fn decide_order(dates: &[String]) -> Option<DateOrder> {
    let fits = |o: DateOrder| dates.iter().all(|d| to_date(d, o).is_some());
    match (fits(DateOrder::Mdy), fits(DateOrder::Dmy)) {
        (true, false) => Some(DateOrder::Mdy),
        (false, true) => Some(DateOrder::Dmy),
        _ => None,
    }
}

impl Format for Qif {
    fn id(&self) -> &'static str {
        "qif"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .is_some_and(|l| {
                section_type(l).is_some()
                    || l.eq_ignore_ascii_case("!account")
                    || l.starts_with("!Option")
            })
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        Account::Hint("QIF import").name(hint)
    }

    fn parse(&self, head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        // An unsupported section is the first thing to say, before dates.
        for (i, line) in head.text.lines().enumerate() {
            if let Some(kind) = section_type(line) {
                if !SUPPORTED.contains(&kind.as_str()) {
                    return Err(RowError::new(
                        i as u64 + 1,
                        Problem::UnsupportedSection { section: kind },
                    ));
                }
                break;
            }
        }
        let dates = head_dates(head.text);
        let order = match (sink.hints().date_order, decide_order(&dates)) {
            (Some(chosen), _) => chosen,
            (None, Some(found)) => found,
            (None, None) if !dates.iter().all(|d| to_date(d, DateOrder::Mdy).is_some()) => {
                // Some date reads neither way (13/13/2026): the order most
                // dates fit, and the row parser names the bad one.
                let fits = |o| dates.iter().filter(|d| to_date(d, o).is_some()).count();
                if fits(DateOrder::Dmy) > fits(DateOrder::Mdy) {
                    DateOrder::Dmy
                } else {
                    DateOrder::Mdy
                }
            }
            (None, None) => {
                return Err(RowError::new(
                    1,
                    Problem::AmbiguousDateOrder {
                        example: dates.first().cloned().unwrap_or_default(),
                    },
                ))
            }
        };

        // QIF does not say; the user may (`--currency`), else US dollars,
        // and the summary says so.
        let hints = sink.hints();
        let currency = hints.currency.unwrap_or(Currency::USD);
        let mut assumed = AssumedCurrency::default();
        let mut account: Option<String> = None;
        let mut accounts_seen = 0;
        let mut in_account_block = false;
        let mut section: Option<String> = None;
        let mut rec = Record::default();
        let mut buf = String::new();
        let mut line_no = 0u64;
        loop {
            buf.clear();
            let n = input.read_line(&mut buf).map_err(|e| {
                let found = crate::library_errors::io(&e);
                RowError::new(line_no + 1, Problem::Unreadable(Box::new(found)))
            })?;
            if n == 0 {
                break;
            }
            // A bare CR ends a line too; the LF of a CRLF (or what follows
            // a CR at the end of the file) is no line of its own, so lines
            // are counted as the file has them.
            for (i, raw) in buf.split('\r').enumerate() {
                let text = raw.trim_end_matches('\n');
                if i > 0 && (raw == "\n" || raw.is_empty()) {
                    continue;
                }
                line_no += 1;
                let line = text.trim_end();
                if line.trim().is_empty() {
                    continue;
                }
                if line.starts_with('!') {
                    if line.trim().eq_ignore_ascii_case("!account") {
                        in_account_block = true;
                        accounts_seen += 1;
                        if accounts_seen > 1 {
                            return Err(RowError::new(line_no, Problem::SeveralAccounts));
                        }
                    } else if let Some(kind) = section_type(line) {
                        if !SUPPORTED.contains(&kind.as_str()) {
                            return Err(RowError::new(
                                line_no,
                                Problem::UnsupportedSection { section: kind },
                            ));
                        }
                        section = Some(kind);
                        in_account_block = false;
                    }
                    continue;
                }
                if in_account_block {
                    if line == "^" {
                        in_account_block = false;
                    } else if let Some(name) = line.strip_prefix('N') {
                        account = Some(name.trim().to_owned());
                    }
                    continue;
                }
                if section.is_none() {
                    return Err(RowError::new(
                        line_no,
                        Problem::NotThisFormat {
                            format: NAME,
                            expected_header: "!Type:Bank or !Type:CCard",
                        },
                    ));
                }
                if rec.start == 0 {
                    rec.start = line_no;
                }
                let (code, value) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
                match code {
                    "^" => {
                        rec.emit(order, currency, account.as_deref(), sink)?;
                        assumed.row(rec.start, currency);
                        rec = Record::default();
                    }
                    "D" => rec.date = Some((line_no, value.trim().to_owned())),
                    // `U` repeats `T` in newer files; `T` wins when both are there.
                    "T" => rec.amount = Some((line_no, value.trim().to_owned())),
                    "U" if rec.amount.is_none() => {
                        rec.amount = Some((line_no, value.trim().to_owned()))
                    }
                    "P" => rec.payee = value.trim().to_owned(),
                    "M" => rec.memo = value.trim().to_owned(),
                    "L" => rec.category = value.trim().to_owned(),
                    _ => {} // N, C, A, splits and unknown codes: not needed
                }
            }
        }
        if rec.start != 0 && (rec.date.is_some() || rec.amount.is_some()) {
            // The last record may lack its closing `^`.
            rec.emit(order, currency, account.as_deref(), sink)?;
            assumed.row(rec.start, currency);
        }
        assumed.finish(hints, sink);
        Ok(())
    }
}

#[derive(Debug, Default)]
struct Record {
    start: u64,
    date: Option<(u64, String)>,
    amount: Option<(u64, String)>,
    payee: String,
    memo: String,
    category: String,
}

impl Record {
    fn emit(
        &self,
        order: DateOrder,
        currency: Currency,
        account: Option<&str>,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let (date_line, date_text) = self
            .date
            .as_ref()
            .ok_or_else(|| RowError::new(self.start, Problem::EmptyField { column: "D (date)" }))?;
        let date = to_date(date_text, order).ok_or_else(|| {
            RowError::new(
                *date_line,
                Problem::BadDate {
                    column: "D (date)",
                    value: date_text.clone(),
                    expected: order.expected(),
                    impossible: date_parts(date_text).is_some(),
                },
            )
        })?;
        let (amount_line, amount_text) = self.amount.as_ref().ok_or_else(|| {
            RowError::new(
                self.start,
                Problem::EmptyField {
                    column: "T (amount)",
                },
            )
        })?;
        let amount = parse_amount(amount_text, DecimalMark::Point).map_err(|_| {
            RowError::new(
                *amount_line,
                Problem::BadAmount {
                    column: "T (amount)",
                    value: amount_text.clone(),
                },
            )
        })?;
        let non_empty = |s: &str| {
            if s.is_empty() {
                None
            } else {
                Some(s.to_owned())
            }
        };
        let payee = non_empty(&self.payee);
        let memo = non_empty(&self.memo);
        let category = non_empty(&self.category);
        let description = payee.as_deref().or(memo.as_deref()).unwrap_or("");
        sink.row(&ParsedTxn {
            line: self.start,
            date,
            description,
            details: crate::import::pipeline::format::Details::merchant(payee.as_deref()),
            category: category.as_deref(),
            memo: if payee.is_some() {
                memo.as_deref()
            } else {
                None
            },
            amount,
            currency,
            status: TxnStatus::Posted,
            account_hint: account,
            ..ParsedTxn::default()
        })
    }
}

//! 招商银行 (China Merchants Bank) credit-card statement CSV
//! (`cmb-card-csv`).
//!
//! The export, as the double-entry-generator example (`example/cmb/credit`)
//! shows it, is a title line naming the statement month, then the header
//! and the rows:
//!
//! ```text
//! 招商银行信用卡对账单（个人消费卡账户 2024年01月）（补）
//! 交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额
//! ,12/29,掌上生活还款,-1.23,1234,-1.23
//! 01/05,01/07,中国移动,"8,000.00",1234,"8,000.00(CN)"
//! ```
//!
//! The file may be GB18030 or UTF-8 (the pipeline decodes it).
//!
//! - **Year**: dates are `MM/DD` with no year. The year comes from the
//!   statement period above the header: the title's `YYYY年MM月` (the
//!   statement month; the period ends on its last day), or a period written
//!   as two full dates (`2026/01/19-2026/02/18`, `2026年01月19日至2026年02月18日`),
//!   whose second date ends it. Each date gets the year that puts it
//!   closest to the period's end: in a January statement `12/29` is the
//!   previous December and `01/05` this January; in a December statement
//!   a posting on `01/02` is the next January. A file without such a line
//!   is refused at line 1.
//! - `交易日` (transaction date) is the line's date; repayments leave it
//!   empty, and then `记账日` (posting date) is used. `记账日` is the
//!   `posted_date`.
//! - `人民币金额` is CNY with thousands commas (`"8,000.00"`). Purchases are
//!   positive in the file, repayments and refunds negative; every amount is
//!   negated so spending is negative in the ledger.
//! - `交易地金额` is the amount where the card was used, followed by that
//!   place's country code in brackets (`8,000.00(CN)`, `20.00(US)`), or bare.
//!   A foreign amount becomes the original amount, in the currency of the
//!   country (a short table: US, GB, JP, HK, the euro area, ...; a code
//!   written as an ISO currency, `20.00(USD)` or `USD 20.00`, is taken as
//!   is). A foreign amount whose country is not in the table is kept in the
//!   memo as written (`3.00(ZZ)`) rather than guessed.
//! - `卡号末四位` (last four digits of the card) names the default account
//!   (`招商银行信用卡 尾号 1005`).
//! - The statement holds posted lines only.

use std::cell::Cell;
use std::io::BufRead;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::import::formats::csv::rows::{CsvRows, Row};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{normalise_header, Format, Head, Parsed, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

#[derive(Debug)]
pub struct CmbCard;

const NAME: &str = "招商银行 (China Merchants Bank) credit card CSV";
const HEADER: &str = "交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额";
const SIGNATURE: &[&str] = &[
    "交易日",
    "记账日",
    "交易摘要",
    "人民币金额",
    "卡号末四位",
    "交易地金额",
];
const MM_DD: &str = "a date as MM/DD";

fn is_header(cells: &[&str]) -> bool {
    cells.len() == SIGNATURE.len()
        && SIGNATURE
            .iter()
            .zip(cells)
            .all(|(want, have)| normalise_header(want) == normalise_header(have))
}

impl Format for CmbCard {
    fn id(&self) -> &'static str {
        "cmb-card-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text
            .split(['\n', '\r'])
            .filter(|line| !line.trim().is_empty())
            .take(10)
            .any(|line| is_header(&line.split(',').map(str::trim).collect::<Vec<_>>()))
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(card) => format!("招商银行信用卡 尾号 {card}"),
            None => "招商银行信用卡".to_owned(),
        }
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut rows = CsvRows::new(input);
        // The period line comes before the header; note the last one seen.
        let period = Cell::new(None);
        let header = rows.header_after_preamble(NAME, HEADER, Some(20), &|cells| {
            if is_header(cells) {
                return true;
            }
            if let Some(end) = cells.iter().find_map(|c| period_end(c)) {
                period.set(Some(end));
            }
            false
        })?;
        let end = period.get().ok_or_else(|| {
            RowError::new(
                1,
                Problem::Malformed {
                    found: Box::new(crate::msg!(
                        "detail-cmb-no-period",
                        line = header.line.to_string()
                    )),
                    expected: Box::new(crate::msg!("detail-cmb-period-expected")),
                },
            )
        })?;
        let c_date = header.require("交易日")?;
        let c_post = header.require("记账日")?;
        let c_desc = header.require("交易摘要")?;
        let c_amount = header.require("人民币金额")?;
        let c_card = header.require("卡号末四位")?;
        let c_local = header.require("交易地金额")?;

        while let Some(row) = rows.next_row()? {
            let posted = month_day(&row, c_post, "记账日", end)?;
            let date = match row.opt(c_date, "交易日")? {
                Some(_) => month_day(&row, c_date, "交易日", end)?,
                None => posted,
            };
            let written = row.amount(c_amount, "人民币金额", DecimalMark::Point)?;
            let local = row.opt(c_local, "交易地金额")?;
            let foreign = match local {
                Some(text) => foreign_amount(text)
                    .map_err(|()| {
                        row.error(Problem::BadAmount {
                            column: "交易地金额",
                            value: text.to_owned(),
                        })
                    })?
                    .filter(|f| f.place != Place::Home),
                None => None,
            };
            let (original_amount, original_currency, memo) = match foreign {
                Some(Foreign {
                    amount,
                    place: Place::Currency(c),
                }) => (Some(-amount), Some(c), None),
                Some(_) => (None, None, local),
                None => (None, None, None),
            };
            let card = row.text(c_card, "卡号末四位")?;
            let txn = ParsedTxn {
                line: row.line(),
                date,
                posted_date: Some(posted),
                description: row.text(c_desc, "交易摘要")?,
                memo,
                // Purchases are positive in the file: spending is negative here.
                amount: -written,
                currency: Currency::CNY,
                original_amount,
                original_currency,
                status: TxnStatus::Posted,
                account_hint: (card.len() == 4 && card.bytes().all(|b| b.is_ascii_digit()))
                    .then_some(card),
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

/// A `MM/DD` cell, in the year that puts it closest to the period's `end`.
fn month_day(
    row: &Row<'_>,
    col: usize,
    column: &'static str,
    end: NaiveDate,
) -> Result<NaiveDate, RowError> {
    let value = row.required(col, column)?;
    let bad = |impossible| {
        row.error(Problem::BadDate {
            column,
            value: value.to_owned(),
            expected: MM_DD,
            impossible,
        })
    };
    let (m, d) = value.split_once('/').ok_or_else(|| bad(false))?;
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (m, d) = (
        number(m).ok_or_else(|| bad(false))?,
        number(d).ok_or_else(|| bad(false))?,
    );
    nearest(m, d, end).ok_or_else(|| bad(true))
}

/// Month `m`, day `d` in the year that puts it closest to `end` (the year
/// before, of, or after the period's end); `None` if it is no real date in
/// that year.
fn nearest(m: u32, d: u32, end: NaiveDate) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Day 1 stands in for the day when picking the year, so that 02/29
    // picks its year like 02/28 and then fails if that year has no 29th.
    let year = [end.year() - 1, end.year(), end.year() + 1]
        .into_iter()
        .filter_map(|y| Some((y, NaiveDate::from_ymd_opt(y, m, d.min(28))?)))
        .min_by_key(|(_, date)| (*date - end).num_days().abs())?
        .0;
    NaiveDate::from_ymd_opt(year, m, d)
}

/// The last day of the statement period a preamble cell names: the second
/// of two full dates (`2026/01/19-2026/02/18`), or else the last day of the
/// month in `YYYY年MM月`.
fn period_end(text: &str) -> Option<NaiveDate> {
    let runs = digit_runs(text);
    // Two full dates: year, month, day, each run joined to the next by one
    // separator character.
    let mut dates = Vec::new();
    let mut i = 0;
    while i + 2 < runs.len() {
        let (y, m, d) = (&runs[i], &runs[i + 1], &runs[i + 2]);
        let joined = |a: &Run, b: &Run, seps: &[char]| {
            a.after.is_some_and(|c| seps.contains(&c)) && b.start == a.end + a.after_len()
        };
        if y.len == 4
            && m.len <= 2
            && d.len <= 2
            && joined(y, m, &['/', '-', '.', '年'])
            && joined(m, d, &['/', '-', '.', '月'])
        {
            if let Some(date) = NaiveDate::from_ymd_opt(y.value as i32, m.value, d.value) {
                dates.push(date);
                i += 3;
                continue;
            }
        }
        i += 1;
    }
    if let [_, end, ..] = dates.as_slice() {
        return Some(*end);
    }
    // The statement month: `2026年01月`.
    runs.windows(2).find_map(|w| {
        let (y, m) = (&w[0], &w[1]);
        let month_after = m.after == Some('月');
        if y.len == 4
            && y.after == Some('年')
            && m.start == y.end + y.after_len()
            && m.len <= 2
            && month_after
        {
            let first = NaiveDate::from_ymd_opt(y.value as i32, m.value, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            next.pred_opt()
        } else {
            None
        }
    })
}

/// A run of ASCII digits in a text, with the character after it.
#[derive(Debug)]
struct Run {
    start: usize,
    end: usize,
    len: usize,
    value: u32,
    after: Option<char>,
}

impl Run {
    fn after_len(&self) -> usize {
        self.after.map_or(0, char::len_utf8)
    }
}

fn digit_runs(text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &text[start..i];
            if let Ok(value) = digits.parse() {
                runs.push(Run {
                    start,
                    end: i,
                    len: i - start,
                    value,
                    after: text[i..].chars().next(),
                });
            }
        } else {
            i += 1;
        }
    }
    runs
}

/// Where a `交易地金额` was spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Mainland China, or no place written: the amount is the CNY one.
    Home,
    /// Abroad, in this currency.
    Currency(Currency),
    /// Abroad, in a country the table does not know.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Foreign {
    amount: Decimal,
    place: Place,
}

/// Reads `8,000.00(CN)`, `20.00(US)`, `20.00(USD)`, `USD 20.00` or a bare
/// amount.
fn foreign_amount(text: &str) -> Result<Option<Foreign>, ()> {
    let text = text.trim();
    let (number, code) = match text
        .strip_suffix(')')
        .or_else(|| text.strip_suffix('）'))
        .and_then(|t| t.rsplit_once(['(', '（']))
    {
        Some((number, code)) => (number, Some(code.trim())),
        None => match text.split_once(' ') {
            Some((code, number))
                if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) =>
            {
                (number, Some(code))
            }
            _ => (text, None),
        },
    };
    let amount = parse_amount(number, DecimalMark::Point).map_err(|_| ())?;
    let place = match code {
        None | Some("") | Some("CN") | Some("CHN") | Some("CNY") => Place::Home,
        Some(code) if code.len() == 3 => {
            Currency::parse(code).map(Place::Currency).map_err(|_| ())?
        }
        Some(code) if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            country_currency(code).map_or(Place::Unknown, Place::Currency)
        }
        Some(_) => return Err(()),
    };
    Ok(Some(Foreign { amount, place }))
}

/// The currency of a country (ISO 3166 alpha-2), for the places card
/// spending abroad most often happens.
fn country_currency(country: &str) -> Option<Currency> {
    let code = match country {
        "US" => "USD",
        "GB" => "GBP",
        "JP" => "JPY",
        "HK" => "HKD",
        "MO" => "MOP",
        "TW" => "TWD",
        "SG" => "SGD",
        "KR" => "KRW",
        "AU" => "AUD",
        "NZ" => "NZD",
        "CA" => "CAD",
        "CH" => "CHF",
        "TH" => "THB",
        "MY" => "MYR",
        "AE" => "AED",
        "IE" | "DE" | "FR" | "NL" | "BE" | "LU" | "IT" | "ES" | "PT" | "AT" | "FI" | "GR"
        | "EE" | "LV" | "LT" | "SK" | "SI" | "MT" | "CY" | "HR" => "EUR",
        _ => return None,
    };
    Currency::parse(code).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_period_ends_where_the_preamble_says() {
        for (preamble, end) in [
            (
                "招商银行信用卡对账单（个人消费卡账户 2024年01月）（补）",
                ymd(2024, 1, 31),
            ),
            ("招商银行信用卡对账单 2024年02月", ymd(2024, 2, 29)),
            ("账单周期 2026/01/19-2026/02/18", ymd(2026, 2, 18)),
            ("2025年12月19日至2026年01月18日", ymd(2026, 1, 18)),
            ("招商银行信用卡对账单", None),
            ("2026年13月", None),
            ("交易日", None),
        ] {
            assert_eq!(period_end(preamble), end, "{preamble}");
        }
    }

    #[test]
    fn each_date_takes_the_year_nearest_the_period_end() {
        let jan = NaiveDate::from_ymd_opt(2026, 1, 31).expect("date");
        assert_eq!(nearest(12, 20, jan), ymd(2025, 12, 20));
        assert_eq!(nearest(1, 5, jan), ymd(2026, 1, 5));
        assert_eq!(nearest(2, 1, jan), ymd(2026, 2, 1));
        let dec = NaiveDate::from_ymd_opt(2025, 12, 18).expect("date");
        assert_eq!(nearest(1, 2, dec), ymd(2026, 1, 2));
        assert_eq!(nearest(11, 19, dec), ymd(2025, 11, 19));
        let mar_2024 = NaiveDate::from_ymd_opt(2024, 3, 18).expect("date");
        assert_eq!(nearest(2, 29, mar_2024), ymd(2024, 2, 29));
        let mar_2025 = NaiveDate::from_ymd_opt(2025, 3, 18).expect("date");
        assert_eq!(nearest(2, 29, mar_2025), None);
        assert_eq!(nearest(13, 1, jan), None);
        assert_eq!(nearest(4, 31, jan), None);
    }

    #[test]
    fn foreign_amounts() {
        let f = |t| foreign_amount(t);
        let usd = Currency::USD;
        assert_eq!(
            f("20.00(US)"),
            Ok(Some(Foreign {
                amount: Decimal::new(2000, 2),
                place: Place::Currency(usd)
            }))
        );
        assert_eq!(
            f("USD 20.00"),
            Ok(Some(Foreign {
                amount: Decimal::new(2000, 2),
                place: Place::Currency(usd)
            }))
        );
        assert_eq!(
            f("\"8,000.00(CN)\"".trim_matches('"')).map(|o| o.map(|x| x.place)),
            Ok(Some(Place::Home))
        );
        assert_eq!(
            f("-3.90").map(|o| o.map(|x| x.place)),
            Ok(Some(Place::Home))
        );
        assert_eq!(
            f("5.00(ZZ)").map(|o| o.map(|x| x.place)),
            Ok(Some(Place::Unknown))
        );
        assert_eq!(f("abc(US)"), Err(()));
        assert_eq!(f("5.00(usa)"), Err(()));
    }
}

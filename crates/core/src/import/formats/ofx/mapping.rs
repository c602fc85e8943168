//! From OFX values to a ledger line: account labels, amounts, currencies
//! (`CURDEF`, `CURRENCY`/`ORIGCURRENCY`), dates with their offsets.
//!
//! Invariant: the ledger date is the calendar date the bank wrote, never
//! moved to UTC.

use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{AssumedCurrency, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{parse_plain_decimal, Currency};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

use super::parser::*;
use super::DATE_EXPECTED;

/// `Checking ending 1234`, `Credit card ending 9876`.
pub(super) fn account_label(card: bool, acct_type: &str, acct_id: &str) -> String {
    let kind = if card {
        "Credit card".to_owned()
    } else {
        match acct_type.to_ascii_uppercase().as_str() {
            "" => "Bank account".to_owned(),
            "CHECKING" => "Checking".to_owned(),
            "SAVINGS" => "Savings".to_owned(),
            "MONEYMRKT" => "Money market".to_owned(),
            "CREDITLINE" => "Credit line".to_owned(),
            "CD" => "CD".to_owned(),
            other => {
                let mut s = other.to_ascii_lowercase();
                if let Some(first) = s.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                s
            }
        }
    };
    let digits: Vec<char> = acct_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let last4: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    if last4.is_empty() {
        kind
    } else {
        format!("{kind} ending {last4}")
    }
}

/// A text value on one line: where it holds a line break or a tab (a
/// CDATA section written over several lines), each run of white space
/// becomes one space.
pub(super) fn one_line(value: &str, out: &mut String) {
    out.clear();
    if !value.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
        out.push_str(value);
        return;
    }
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

pub(super) fn non_empty(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

pub(super) fn amount(val: &Val, column: &'static str, txn_line: u64) -> Result<Decimal, RowError> {
    let Some((text, line)) = val else {
        return Err(RowError::new(txn_line, Problem::EmptyField { column }));
    };
    if text.is_empty() {
        return Err(RowError::new(*line, Problem::EmptyField { column }));
    }
    // OFX allows a comma as the decimal mark; it has no grouping.
    let dotted;
    let t = if !text.contains('.') && text.matches(',').count() == 1 {
        dotted = text.replace(',', ".");
        dotted.as_str()
    } else {
        text.as_str()
    };
    parse_plain_decimal(t).map_err(|_| {
        RowError::new(
            *line,
            Problem::BadAmount {
                column,
                value: text.clone(),
            },
        )
    })
}

pub(super) fn currency(val: &Val, column: &'static str) -> Result<Option<Currency>, RowError> {
    match val {
        Some((text, line)) if !text.is_empty() => Currency::parse(text).map(Some).map_err(|_| {
            RowError::new(
                *line,
                Problem::BadCurrency {
                    column,
                    value: text.clone(),
                },
            )
        }),
        _ => Ok(None),
    }
}

pub(super) fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

/// The currency every line with a `CURRENCY` aggregate names, when they
/// all name the same one.
pub(super) fn lines_currency(txns: &[Txn]) -> Option<Currency> {
    let mut found = None;
    for fx in txns.iter().filter_map(|t| t.currency.as_ref()) {
        if fx.original {
            continue;
        }
        let Some((text, _)) = &fx.symbol else {
            continue;
        };
        let Ok(c) = Currency::parse(text) else {
            continue;
        };
        match found {
            None => found = Some(c),
            Some(f) if f == c => {}
            Some(_) => return None,
        }
    }
    found
}

/// Sends one line. `fallback` is the statement's currency where CURDEF
/// is missing or empty: `--currency`, else the one its lines name.
pub(super) fn emit(
    txn: &Txn,
    stmt: &Statement,
    fallback: Option<Currency>,
    sink: &mut dyn RowSink,
    assumed: &mut AssumedCurrency,
) -> Result<(), RowError> {
    let (date_text, date_line) = match &txn.dtposted {
        Some((t, l)) if !t.is_empty() => (t, *l),
        Some((_, l)) => {
            return Err(RowError::new(
                *l,
                Problem::EmptyField { column: "DTPOSTED" },
            ))
        }
        None => {
            return Err(RowError::new(
                txn.line,
                Problem::EmptyField { column: "DTPOSTED" },
            ))
        }
    };
    let (date, occurred_at) = parse_ofx_date(date_text).map_err(|impossible| {
        RowError::new(
            date_line,
            Problem::BadDate {
                column: "DTPOSTED",
                value: date_text.clone(),
                expected: DATE_EXPECTED,
                impossible,
            },
        )
    })?;
    let trnamt = amount(&txn.trnamt, "TRNAMT", txn.line)?;
    // The statement's currency: CURDEF, else the fallback; with neither,
    // a line's own CURRENCY names its currency and any other line is
    // taken to be in US dollars.
    let known_currency = stmt.currency.or(fallback);
    let account_currency = known_currency.unwrap_or(Currency::USD);
    let mut value = trnamt;
    let mut row_currency = account_currency;
    let (mut original_amount, mut original_currency, mut fx_rate) = (None, None, None);
    if let Some(fx) = &txn.currency {
        let symbol = currency(&fx.symbol, "CURSYM")?;
        let rate = match &fx.rate {
            Some((t, _)) if !t.is_empty() => Some(amount(&fx.rate, "CURRATE", fx.line)?),
            _ => None,
        };
        let out_of_range = |line| {
            RowError::new(
                line,
                Problem::AmountOutOfRange {
                    column: "TRNAMT",
                    value: trnamt.to_string(),
                },
            )
        };
        match (symbol, rate) {
            (Some(sym), _) if sym == account_currency => {}
            // CURRATE turns CURSYM into CURDEF; with no CURDEF there is
            // nothing to turn it into: the line stays in its own currency.
            (Some(sym), Some(_)) if !fx.original && known_currency.is_none() => row_currency = sym,
            (Some(sym), Some(rate)) if !rate.is_zero() => {
                fx_rate = Some(rate);
                original_currency = Some(sym);
                if fx.original {
                    // TRNAMT is already in CURDEF, converted from CURSYM.
                    original_amount = Some(cents(
                        trnamt
                            .checked_div(rate)
                            .ok_or_else(|| out_of_range(fx.line))?,
                    ));
                } else {
                    // TRNAMT is in CURSYM; CURRATE turns it into CURDEF.
                    original_amount = Some(trnamt);
                    value = cents(
                        trnamt
                            .checked_mul(rate)
                            .ok_or_else(|| out_of_range(fx.line))?,
                    );
                }
            }
            (Some(sym), _) if !fx.original => row_currency = sym,
            (Some(sym), _) => original_currency = Some(sym),
            (None, _) => {}
        }
    }
    if known_currency.is_none() && row_currency == account_currency {
        // Neither CURDEF, `--currency` nor the line's own CURRENCY.
        assumed.row(txn.line, row_currency);
    }
    // A zero original amount is no original amount (a 0.00 beside a real
    // charge would be read as what it cost), and then no rate either.
    if original_amount.is_some_and(|a: Decimal| a.is_zero()) {
        (original_amount, original_currency, fx_rate) = (None, None, None);
    }
    let named = non_empty(&txn.name).or(non_empty(&txn.payee_name));
    let description = named
        .or(non_empty(&txn.memo))
        .unwrap_or(txn.trntype.as_str());
    let memo_text = named.and(non_empty(&txn.memo));
    let memo_owned;
    let memo = match (memo_text, non_empty(&txn.checknum)) {
        (m, None) => m,
        (None, Some(n)) => {
            memo_owned = format!("check {n}");
            Some(memo_owned.as_str())
        }
        (Some(m), Some(n)) => {
            memo_owned = format!("{m}; check {n}");
            Some(memo_owned.as_str())
        }
    };
    sink.row(&ParsedTxn {
        line: txn.line,
        source_id: non_empty(&txn.fitid),
        date,
        occurred_at,
        description,
        details: crate::import::pipeline::format::Details {
            merchant: non_empty(&txn.payee_name),
            mcc: non_empty(&txn.sic),
            ..crate::import::pipeline::format::Details::default()
        },
        source_type: non_empty(&txn.trntype),
        memo,
        amount: value,
        currency: row_currency,
        original_amount,
        original_currency,
        fx_rate,
        status: TxnStatus::Posted,
        account_hint: stmt.label.as_deref(),
        ..ParsedTxn::default()
    })
}

pub(super) fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads `YYYYMMDD[HHMMSS[.XXX]][[±]H[H][.F][:TZ]]`: the calendar date as
/// written and, when a time and an offset are both given, the UTC instant.
/// `Err(true)` for a well-formed but impossible date or time.
pub(super) fn parse_ofx_date(text: &str) -> Result<(NaiveDate, Option<DateTime<Utc>>), bool> {
    let t = text.trim();
    let (main, zone) = match t.split_once('[') {
        Some((m, z)) => (m.trim_end(), Some(z.trim().strip_suffix(']').ok_or(false)?)),
        None => (t, None),
    };
    let (stamp, fraction) = match main.split_once('.') {
        Some((s, f)) => (s, Some(f)),
        None => (main, None),
    };
    if fraction.is_some_and(|f| digits(f).is_none() || f.len() > 9) {
        return Err(false);
    }
    if !matches!(stamp.len(), 8 | 12 | 14) || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(false);
    }
    if fraction.is_some() && stamp.len() != 14 {
        return Err(false);
    }
    let part = |r: std::ops::Range<usize>| stamp.get(r).and_then(digits).ok_or(false);
    let (y, m, d) = (part(0..4)?, part(4..6)?, part(6..8)?);
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).map_err(|_| false)?, m, d).ok_or(true)?;
    let time = if stamp.len() >= 12 {
        let (h, mi) = (part(8..10)?, part(10..12)?);
        let s = if stamp.len() == 14 { part(12..14)? } else { 0 };
        Some(NaiveTime::from_hms_opt(h, mi, s).ok_or(true)?)
    } else {
        None
    };
    let offset_minutes = match zone {
        None => None,
        Some(z) => {
            let offset = z.split_once(':').map_or(z, |(o, _)| o).trim();
            let (negative, unsigned) = match offset.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, offset.strip_prefix('+').unwrap_or(offset)),
            };
            let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            if whole.len() > 2 || frac.len() > 2 {
                return Err(false);
            }
            let hours = digits(whole).ok_or(false)?;
            let frac_minutes = match frac.len() {
                0 => 0,
                1 => digits(frac).ok_or(false)? * 6,
                _ => digits(frac).ok_or(false)? * 6 / 10,
            };
            let minutes = i64::from(hours * 60 + frac_minutes);
            let minutes = if negative { -minutes } else { minutes };
            if !(-12 * 60..=14 * 60).contains(&minutes) {
                return Err(true);
            }
            Some(minutes)
        }
    };
    let occurred_at = match (time, offset_minutes) {
        (Some(time), Some(minutes)) => {
            let local = date.and_time(time);
            Some((local - Duration::minutes(minutes)).and_utc())
        }
        _ => None,
    };
    Ok((date, occurred_at))
}

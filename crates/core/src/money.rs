//! Exact money: `rust_decimal::Decimal` in code, integer micro-units in SQLite.
//!
//! A provider export may carry float noise (`0.019733999999999998`); amounts are
//! rounded half-even to the micro-unit when they enter the ledger, never later.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Digits kept after the decimal point in the ledger (micro-units, 1e-6).
pub const MICRO_DIGITS: u32 = 6;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MoneyError {
    #[error("\"{0}\" is not a number")]
    NotANumber(String),
    #[error("{0} is too large for the ledger (at most about 9.2 trillion)")]
    OutOfRange(Decimal),
    #[error("\"{0}\" is not an ISO 4217 currency code (three capital letters, such as USD)")]
    BadCurrency(String),
}

impl MoneyError {
    /// The error as a message of the catalogs; its English is the error's
    /// own text.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            MoneyError::NotANumber(s) => msg!("apperr-money-not-a-number", found = s.as_str()),
            MoneyError::OutOfRange(d) => {
                msg!("apperr-money-out-of-range", amount = d.to_string())
            }
            MoneyError::BadCurrency(s) => {
                msg!("apperr-money-bad-currency", found = s.as_str())
            }
        }
    }
}

/// An ISO 4217 currency code: three ASCII capital letters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const GBP: Currency = Currency(*b"GBP");
    pub const CNY: Currency = Currency(*b"CNY");
    pub const HKD: Currency = Currency(*b"HKD");
    pub const CAD: Currency = Currency(*b"CAD");

    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        let b = code.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(MoneyError::BadCurrency(code.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        // The constructor only admits ASCII capitals.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl std::str::FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::parse(s)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

impl TryFrom<String> for Currency {
    type Error = MoneyError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::parse(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.as_str().to_owned()
    }
}

/// Rounds half-even to micro-units and returns them as an integer.
pub fn to_micros(amount: Decimal) -> Result<i64, MoneyError> {
    let mut r = amount.round_dp_with_strategy(MICRO_DIGITS, RoundingStrategy::MidpointNearestEven);
    r.rescale(MICRO_DIGITS);
    i64::try_from(r.mantissa()).map_err(|_| MoneyError::OutOfRange(amount))
}

/// The exact decimal for a micro-unit integer, without trailing zeros beyond cents.
pub fn from_micros(micros: i64) -> Decimal {
    with_cents(Decimal::new(micros, MICRO_DIGITS))
}

/// An amount as money is written: at least two decimals, no trailing zeros
/// beyond them (`25.00`, `0.125`).
pub fn with_cents(d: Decimal) -> Decimal {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

/// Parses a plain decimal as statements write it: an optional sign, digits, an
/// optional point and fraction. Thousands separators and other notations are
/// the concern of the format that uses them.
pub fn parse_plain_decimal(text: &str) -> Result<Decimal, MoneyError> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && (b == b'-' || b == b'+')))
        && t.bytes().filter(|b| *b == b'.').count() <= 1
        && t.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return Err(MoneyError::NotANumber(text.to_owned()));
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    t.parse::<Decimal>()
        .map_err(|_| MoneyError::NotANumber(text.to_owned()))
}

/// A number as provider exports write it: a plain decimal, float noise and
/// all (`0.019733999999999998`), or in scientific notation (`1e-05`), which
/// is how some tools write a float's small values.
pub fn parse_export_number(text: &str) -> Result<Decimal, MoneyError> {
    let t = text.trim();
    if t.bytes().any(|b| b == b'e' || b == b'E') {
        let ok = t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        if ok {
            if let Ok(d) = Decimal::from_scientific(t) {
                return Ok(d);
            }
        }
        return Err(MoneyError::NotANumber(text.to_owned()));
    }
    parse_plain_decimal(t)
}

/// How a statement writes its numbers: which character separates the
/// decimals. Thousands separators (`,` `.` `'` space, NBSP) are whatever the
/// other characters are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

/// Parses an amount as statements write it: an optional currency symbol or
/// code, a sign in front or behind (`-5.00`, `5.00-`), parentheses for a
/// negative (`(5.00)`), thousands separators. `mark` says which character is
/// the decimal separator; the other grouping characters are dropped only
/// where they group three digits.
pub fn parse_amount(text: &str, mark: DecimalMark) -> Result<Decimal, MoneyError> {
    let bad = || MoneyError::NotANumber(text.to_owned());
    let mut t = text.trim();
    let mut negative = false;
    let mut signed = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    if let Some(rest) = t.strip_suffix('-') {
        (negative, signed) = (!negative, true);
        t = rest.trim_end();
    } else if let Some(rest) = t.strip_prefix('-') {
        (negative, signed) = (!negative, true);
        t = rest.trim_start();
    } else if let Some(rest) = t.strip_prefix('+') {
        signed = true;
        t = rest.trim_start();
    }
    // Currency symbols and codes around the number: "$", "HK$", "€", "USD".
    let t = t.trim_matches(|c: char| {
        c.is_alphabetic() || matches!(c, '$' | '€' | '£' | '¥' | '₹' | '￥' | ' ' | '\u{a0}')
    });
    // A sign may also sit between the symbol and the digits: "$-5.00".
    let (t, negative) = match t.strip_prefix('-') {
        Some(rest) if !signed => (rest, !negative),
        _ => (t, negative),
    };
    let (decimal, groups): (char, &[char]) = match mark {
        DecimalMark::Point => ('.', &[',', '\'', ' ', '\u{a0}', '\u{202f}']),
        DecimalMark::Comma => (',', &['.', '\'', ' ', '\u{a0}', '\u{202f}']),
    };
    let (int_part, frac_part) = match t.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(bad());
    }
    // Grouped digits: the first group 1-3 digits, every later one exactly 3.
    let mut digits = String::with_capacity(t.len());
    let parts: Vec<&str> = int_part.split(|c| groups.contains(&c)).collect();
    for (i, part) in parts.iter().enumerate() {
        let ok_len = if parts.len() == 1 {
            true
        } else if i == 0 {
            (1..=3).contains(&part.len())
        } else {
            part.len() == 3
        };
        if !ok_len || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        digits.push_str(part);
    }
    if let Some(f) = frac_part {
        if !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        digits.push('.');
        digits.push_str(f);
    }
    let value = digits.parse::<Decimal>().map_err(|_| bad())?;
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn rounds_half_even_to_micro_units() {
        assert_eq!(to_micros(d("0.019733999999999998")), Ok(19_734));
        assert_eq!(to_micros(d("0.0000005")), Ok(0));
        assert_eq!(to_micros(d("0.0000015")), Ok(2));
        assert_eq!(to_micros(d("-20.00")), Ok(-20_000_000));
    }

    #[test]
    fn micro_units_round_trip_to_cents_at_least() {
        assert_eq!(from_micros(-20_000_000).to_string(), "-20.00");
        assert_eq!(from_micros(19_734).to_string(), "0.019734");
        assert_eq!(from_micros(1_500_000).to_string(), "1.50");
    }

    #[test]
    fn plain_decimals_only() {
        assert_eq!(parse_plain_decimal("-12.34"), Ok(d("-12.34")));
        assert_eq!(parse_plain_decimal("+5"), Ok(d("5")));
        for bad in ["", "-", "1,000.00", "12.3.4", "abc", "1e5", "$5.00", "--1"] {
            assert!(
                parse_plain_decimal(bad).is_err(),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn statement_amounts() {
        use DecimalMark::{Comma, Point};
        let ok = |s, m| parse_amount(s, m).map(|d| d.to_string());
        assert_eq!(ok("1,234.56", Point), Ok("1234.56".into()));
        assert_eq!(ok("-1,234.56", Point), Ok("-1234.56".into()));
        assert_eq!(ok("(12.50)", Point), Ok("-12.50".into()));
        assert_eq!(ok("12.50-", Point), Ok("-12.50".into()));
        assert_eq!(ok("$-5.00", Point), Ok("-5.00".into()));
        assert_eq!(ok("HK$1,000.00", Point), Ok("1000.00".into()));
        assert_eq!(ok("-2,345.00\t", Point), Ok("-2345.00".into()));
        assert_eq!(ok("1.798,20", Comma), Ok("1798.20".into()));
        assert_eq!(ok("USD20,00", Comma), Ok("20.00".into()));
        assert_eq!(ok("1'234.50", Point), Ok("1234.50".into()));
        assert_eq!(ok("1\u{a0}234,50 €", Comma), Ok("1234.50".into()));
        assert_eq!(ok("¥28.16", Point), Ok("28.16".into()));
        assert_eq!(ok(".5", Point), Ok("0.5".into()));
        assert_eq!(
            ok("0.019733999999999998", Point),
            Ok("0.019733999999999998".into())
        );
        for bad in [
            "",
            "-",
            "()",
            "1,23.00",
            "12,3456.00",
            "1.2.3",
            "abc",
            "1e5",
            "--5",
            "5..0",
        ] {
            assert!(
                parse_amount(bad, Point).is_err(),
                "{bad:?} should be rejected"
            );
        }
        assert!(parse_amount("1.234.567,8.9", Comma).is_err());
    }

    #[test]
    fn currency_codes() {
        assert_eq!(
            Currency::parse("USD").map(|c| c.to_string()),
            Ok("USD".into())
        );
        assert!(Currency::parse("usd").is_err());
        assert!(Currency::parse("US").is_err());
    }

    #[test]
    fn too_large_is_refused() {
        assert!(to_micros(d("99999999999999")).is_err());
    }
}

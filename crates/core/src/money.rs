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

/// An ISO 4217 currency code: three ASCII capital letters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");

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
    let mut d = Decimal::new(micros, MICRO_DIGITS).normalize();
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

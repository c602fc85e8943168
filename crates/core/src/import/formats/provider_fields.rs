//! Cells as AI-provider exports write them: instants as unix seconds or
//! ISO 8601 in UTC, amounts with float noise, token counts written as
//! floats (`7852.0`), lowercase currency codes. Shared by the OpenAI and
//! Anthropic formats, CSV and JSON alike.
//!
//! Invariant: an endpoint's CSV export and its Admin API page name the same
//! series ([`OPENAI_COSTS`], [`ANTHROPIC_COSTS`], [`ANTHROPIC_USAGE`]), so a
//! day read from both is one record.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::import::formats::csv::rows::Row;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{AssumedCurrency, Hints};
use crate::money::{parse_export_number, Currency};

/// OpenAI's cost report, `/v1/organization/costs` or its CSV export.
pub(crate) const OPENAI_COSTS: &str = "openai-costs";
/// Anthropic's cost report, `cost_report` or the Console's cost export.
pub(crate) const ANTHROPIC_COSTS: &str = "anthropic-costs";
/// Anthropic's messages usage, `usage_report/messages` or the Console's
/// usage export.
pub(crate) const ANTHROPIC_USAGE: &str = "anthropic-usage-messages";

/// An instant: unix seconds (`1743465600`, `1743465600.0`) or ISO 8601
/// (`2025-04-01T00:00:00Z`, `2025-04-01 00:00:00+00:00`, a bare date as its
/// UTC midnight).
pub(crate) fn instant(text: &str, column: &'static str) -> Result<DateTime<Utc>, Problem> {
    let t = text.trim();
    let bad = || Problem::BadDate {
        column,
        value: text.to_owned(),
        expected: crate::import::pipeline::error::expect::PROVIDER_TIME,
        impossible: false,
    };
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let whole = t.split('.').next().unwrap_or_default();
        let frac_is_zero = t
            .split('.')
            .nth(1)
            .is_none_or(|f| f.bytes().all(|b| b == b'0'));
        let secs: i64 = whole.parse().map_err(|_| bad())?;
        if !frac_is_zero {
            return Err(bad());
        }
        return Utc.timestamp_opt(secs, 0).single().ok_or_else(bad);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(t) {
        return Ok(t.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(t, fmt) {
            return Ok(t.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(t.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    Err(bad())
}

/// An amount as exported (float noise kept; rounded when stored).
pub(crate) fn number(text: &str, column: &'static str) -> Result<Decimal, Problem> {
    parse_export_number(text).map_err(|_| Problem::BadAmount {
        column,
        value: shown(text),
    })
}

/// A count (tokens, requests): an integer, or a float with no fraction.
pub(crate) fn count(text: &str, column: &'static str) -> Result<i64, Problem> {
    let bad = || Problem::UnexpectedValue {
        column,
        expected: crate::import::pipeline::error::expect::TOKEN_COUNT,
        value: shown(text),
    };
    let d = parse_export_number(text).map_err(|_| bad())?;
    if d.fract() != Decimal::ZERO || d < Decimal::ZERO {
        return Err(bad());
    }
    d.to_i64().ok_or_else(bad)
}

/// A currency code written in any case (`usd`).
pub(crate) fn currency(text: &str, column: &'static str) -> Result<Currency, Problem> {
    Currency::parse(&text.trim().to_ascii_uppercase()).map_err(|_| Problem::BadCurrency {
        column,
        value: text.to_owned(),
    })
}

/// A count cell of a CSV export that may be empty (or missing).
pub(crate) fn opt_count(
    row: &Row<'_>,
    col: Option<usize>,
    column: &'static str,
) -> Result<Option<i64>, RowError> {
    row.opt(col, column)?
        .map(|t| count(t, column))
        .transpose()
        .map_err(|p| row.error(p))
}

/// The tokens written to the prompt cache: the 5-minute and the 1-hour
/// writes together, `None` when neither is given.
pub(crate) fn cache_writes(five_minutes: Option<i64>, one_hour: Option<i64>) -> Option<i64> {
    match (five_minutes, one_hour) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    }
}

/// The currency a provider amount is in: the code written, else the
/// user's `--currency`, else USD (what OpenAI and Anthropic bill in). An
/// amount at `line` whose currency was not written is counted in
/// `assumed` (`line` is `None` for a record without an amount).
pub(crate) fn currency_or_assumed(
    code: Option<&str>,
    column: &'static str,
    hints: Hints,
    assumed: &mut AssumedCurrency,
    line: Option<u64>,
) -> Result<Currency, Problem> {
    match code {
        Some(c) => currency(c, column),
        None => {
            let usd = hints.currency.unwrap_or(Currency::USD);
            if let Some(line) = line {
                assumed.row(line, usd);
            }
            Ok(usd)
        }
    }
}

/// A value as an error message shows it: at most 60 characters.
fn shown(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// An owned, trimmed, non-empty cell.
pub(crate) fn owned(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_in_every_written_form() {
        let midnight = Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).single();
        for t in [
            "1743465600",
            "1743465600.0",
            "2025-04-01T00:00:00Z",
            "2025-04-01T00:00:00+00:00",
            "2025-04-01 00:00:00+00:00",
            "2025-04-01 00:00:00",
            "2025-04-01",
        ] {
            assert_eq!(instant(t, "start_time").ok(), midnight, "{t}");
        }
        assert!(instant("1743465600.5", "start_time").is_err());
        assert!(instant("April 1", "start_time").is_err());
        assert!(instant("", "start_time").is_err());
    }

    #[test]
    fn counts_and_numbers() {
        assert_eq!(count("7852.0", "t").ok(), Some(7852));
        assert_eq!(count("12", "t").ok(), Some(12));
        assert!(count("1.5", "t").is_err());
        assert!(count("-3", "t").is_err());
        assert_eq!(
            number("0.019733999999999998", "a").ok(),
            "0.019733999999999998".parse().ok()
        );
        assert_eq!(number("1e-05", "a").ok(), "0.00001".parse().ok());
        assert!(number("1e", "a").is_err());
        assert_eq!(currency("usd", "c").ok(), Some(Currency::USD));
    }
}

//! Instants the ledger records (import time, undo time, edit time): UTC,
//! RFC 3339, whole seconds, so they sort as text and read well.

use chrono::SecondsFormat;

/// Now, as the ledger stores it: `2026-03-01T14:05:09Z`.
pub fn now_utc_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Today's date on this machine's calendar (statement dates are local).
pub fn today_local() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Today's date in UTC (provider records are kept by UTC day).
pub fn today_utc() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

pub use chrono::NaiveDate;

/// Now, as an instant, for the functions that take the time as an argument
/// (cases, a report's generation time).
pub fn now_utc() -> DateTime<Utc> {
    Utc::now()
}

pub use chrono::{DateTime, Utc};

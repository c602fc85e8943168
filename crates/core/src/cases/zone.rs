//! Time in a case: the UTC instants it stores, and the local zone its
//! timeline is shown in.
//!
//! Invariant: cases store UTC instants only (RFC 3339, whole seconds, `Z`);
//! a local time is computed for display from the zone kept with the case.

use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, Utc};
use serde::Serialize;

use super::CaseError;

/// A UTC instant as cases store it: RFC 3339 to the second, `Z`.
pub(super) fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A stored instant, read back.
pub(super) fn parse_instant(s: &str) -> Result<DateTime<Utc>, CaseError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| CaseError::Corrupt(format!("instant {s:?}")))
}

/// The local time a case's timeline is shown in: the time zone's name where
/// known, and the UTC offset in force when the case was opened (the times are
/// computed with that offset; a daylight-saving change during the case is not
/// followed, and the pack says which offset it used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalZone {
    pub name: Option<String>,
    pub utc_offset_minutes: i32,
}

impl LocalZone {
    /// This machine's zone at `at`.
    pub fn system(at: DateTime<Utc>) -> LocalZone {
        let offset = at.with_timezone(&chrono::Local).offset().fix();
        LocalZone {
            name: iana_time_zone::get_timezone().ok(),
            utc_offset_minutes: offset.local_minus_utc() / 60,
        }
    }

    /// A fixed offset, as `+08:00`, `-05:00`, `Z` or `UTC`.
    pub fn parse_offset(text: &str) -> Result<LocalZone, CaseError> {
        let t = text.trim();
        let bad = || CaseError::BadOffset(t.to_owned());
        if t == "Z" || t.eq_ignore_ascii_case("utc") {
            return Ok(LocalZone {
                name: Some("UTC".into()),
                utc_offset_minutes: 0,
            });
        }
        let (sign, rest) = match t.as_bytes().first() {
            Some(b'+') => (1, &t[1..]),
            Some(b'-') => (-1, &t[1..]),
            _ => return Err(bad()),
        };
        let (h, m) = rest.split_once(':').ok_or_else(bad)?;
        let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if h > 18 || !(0..60).contains(&m) || (h == 18 && m > 0) {
            return Err(bad());
        }
        Ok(LocalZone {
            name: None,
            utc_offset_minutes: sign * (h * 60 + m),
        })
    }

    fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_minutes * 60).unwrap_or_else(|| Utc.fix())
    }

    /// `+08:00`.
    pub fn offset_text(&self) -> String {
        self.offset().to_string()
    }

    /// A UTC instant in this zone: `2026-01-26 17:05:00 +08:00`.
    pub fn local(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.offset())
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    }

    /// How the zone is described to a reader.
    pub fn describe(&self) -> String {
        match &self.name {
            Some(n) => format!("UTC{} ({n})", self.offset_text()),
            None => format!("UTC{}", self.offset_text()),
        }
    }
}

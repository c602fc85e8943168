//! Duplicate detection, layer 2 of SPEC §2: a content fingerprint plus an
//! occurrence index.
//!
//! The fingerprint hashes what a statement says about a line and does not
//! change between two exports of it: the local date, the amount, the currency
//! and the description with case and runs of spaces folded. The occurrence
//! index counts earlier rows of the same file with the same fingerprint, so
//! two identical real charges on one day are `(fp, 0)` and `(fp, 1)` and both
//! stay, while an overlapping statement produces the same pairs again and adds
//! nothing.
//!
//! Layer 1 (the source's own id) is a unique index in the ledger on the
//! account, the id, the date, the signed amount and the occurrence: an id
//! merges two lines only when they also agree on the date, the amount and
//! its direction, and it never merges two identical lines of one file
//! (layer 2's rule). It catches a line whose description changed between
//! two exports. Files that give one id to lines that differ (an order and
//! its refund, anonymised exports) keep every line; [`SourceIdReuse`] notes
//! them so the import summary can say so.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use chrono::{Datelike, NaiveDate};
use xxhash_rust::xxh3::Xxh3;

use crate::import::pipeline::format::ParsedTxn;

/// The fingerprint of a row's content, as stored (an SQLite INTEGER).
pub fn fingerprint(txn: &ParsedTxn<'_>, amount_micros: i64, scratch: &mut Vec<u8>) -> i64 {
    let mut h = Xxh3::new();
    iso_date(txn.date, |d| h.update(d));
    h.update(&[0]);
    h.update(&amount_micros.to_le_bytes());
    h.update(txn.currency.as_str().as_bytes());
    h.update(&[0]);
    scratch.clear();
    for (i, word) in txn.description.split_whitespace().enumerate() {
        if i > 0 {
            scratch.push(b' ');
        }
        scratch.extend(word.bytes().map(|b| b.to_ascii_uppercase()));
    }
    h.update(scratch);
    h.digest() as i64
}

/// Hands `f` the date as `to_string` writes it (`2025-12-31`), without
/// allocating for a four-digit year.
fn iso_date(date: NaiveDate, f: impl FnOnce(&[u8])) {
    let y = date.year();
    if !(0..=9999).contains(&y) {
        return f(date.to_string().as_bytes());
    }
    let (y, m, d) = (y as u32, date.month(), date.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    f(&[
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
}

/// The fingerprints are already uniformly distributed: hash them as they are.
#[derive(Default, Clone, Copy, Debug)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = n as u64;
    }
}

type FastSet = HashSet<i64, BuildHasherDefault<IdentityHasher>>;
type FastMap = HashMap<i64, u32, BuildHasherDefault<IdentityHasher>>;

/// Counts occurrences of each fingerprint within one file. Most fingerprints
/// occur once, so they live in a set; only repeats get a counter. The sets
/// are kept per date (the fingerprint covers the date), so a statement read in
/// date order works in a small, cache-warm set at a time.
///
/// Every fingerprint of the file is kept (a file in no order may come back
/// to any date), but not in hash sets: once the sets hold [`OPEN_ROWS`]
/// fingerprints, each date's are moved into its sorted array (8 bytes a
/// row, against about 17 in a set with its spare room). A ten-million-line
/// statement then holds ~80 MB here instead of ~170 MB.
#[derive(Debug, Default)]
pub struct Occurrences {
    days: HashMap<i32, Day>,
    /// Fingerprints in the days' sets.
    open: usize,
    repeats: FastMap,
}

/// The fingerprints seen on one date: the sorted array of those moved out
/// of the set, and the set of the newer ones.
#[derive(Debug, Default)]
struct Day {
    sorted: Vec<i64>,
    set: FastSet,
}

/// How many fingerprints the sets hold before they are moved into the
/// sorted arrays (~17 MB of sets).
const OPEN_ROWS: usize = 1 << 20;

impl Occurrences {
    /// The occurrence index of this row: 0 for the first row with `fp`.
    pub fn next(&mut self, date: NaiveDate, fp: i64) -> u32 {
        let day = self.days.entry(date.num_days_from_ce()).or_default();
        if day.sorted.binary_search(&fp).is_err() && day.set.insert(fp) {
            self.open += 1;
            if self.open >= OPEN_ROWS {
                self.close();
            }
            return 0;
        }
        let n = self.repeats.entry(fp).or_insert(0);
        *n += 1;
        *n
    }

    /// Moves every date's set into its sorted array.
    fn close(&mut self) {
        for day in self.days.values_mut() {
            if day.set.is_empty() {
                continue;
            }
            let set = std::mem::take(&mut day.set);
            day.sorted.reserve_exact(set.len());
            day.sorted.extend(set);
            day.sorted.sort_unstable();
        }
        self.open = 0;
    }
}

/// How many physical lines a notice lists at most.
pub const NOTICE_LINES: usize = 10;

/// Notes rows whose source id an earlier row of the same file (and
/// account) already carried: the file re-uses ids, layer 1 keeps the rows
/// that differ, and the summary names them (notice `reused_source_ids`).
///
/// Per id it keeps one 64-bit digest of the account and the id: 8 bytes an
/// id, no allocation per row, so a million-row statement with ids costs a
/// few tens of MiB at most and one hash lookup a row.
#[derive(Debug, Default)]
pub struct SourceIdReuse {
    seen: foldhash::HashSet<u64>,
    /// Rows whose id an earlier row carried.
    pub count: u64,
    /// Their physical lines, the first [`NOTICE_LINES`].
    pub lines: Vec<u64>,
    /// One of the re-used ids, for the message.
    pub example: Option<String>,
}

impl SourceIdReuse {
    /// Notes one row with a source id.
    pub fn note(&mut self, account: Option<i64>, id: &str, line: u64) {
        let mut key = Xxh3::new();
        key.update(&account.unwrap_or(-1).to_le_bytes());
        key.update(id.as_bytes());
        if self.seen.insert(key.digest()) {
            return;
        }
        self.count += 1;
        if self.lines.len() < NOTICE_LINES {
            self.lines.push(line);
        }
        if self.example.is_none() {
            self.example = Some(id.to_owned());
        }
    }

    /// The summary's notice, when any row re-used an id.
    pub fn notice(&self) -> Option<crate::import::Notice> {
        if self.count == 0 {
            return None;
        }
        let rows = if self.count == 1 {
            "1 row carries an id".to_owned()
        } else {
            format!("{} rows carry an id", self.count)
        };
        Some(crate::import::Notice {
            code: "reused_source_ids",
            lines: self.lines.clone(),
            count: self.count,
            msg: Some(match self.example.as_deref() {
                Some(e) => crate::msg!(
                    "import-notice-reused-ids-example",
                    count = crate::import::count_arg(self.count),
                    example = e
                ),
                None => crate::msg!(
                    "import-notice-reused-ids",
                    count = crate::import::count_arg(self.count)
                ),
            }),
            message: format!(
                "the file re-uses ids: {rows} (order or transaction number{}) that an \
                 earlier row also carries; a row with another date, amount or content is \
                 a transaction of its own, so it was kept, not merged as a duplicate",
                self.example
                    .as_deref()
                    .map(|e| format!(", such as {e}"))
                    .unwrap_or_default()
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::TxnStatus;
    use crate::money::Currency;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn txn(desc: &str) -> ParsedTxn<'_> {
        ParsedTxn {
            line: 2,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
            description: desc,
            amount: Decimal::new(-2000, 2),
            currency: Currency::USD,
            status: TxnStatus::Posted,
            ..ParsedTxn::default()
        }
    }

    #[test]
    fn fingerprint_folds_case_and_spaces_only() {
        let mut s = Vec::new();
        let a = fingerprint(&txn("OPENAI *CHATGPT SUBSCR"), -20_000_000, &mut s);
        let b = fingerprint(&txn("  openai   *chatgpt subscr "), -20_000_000, &mut s);
        let c = fingerprint(&txn("OPENAI *CHATGPT SUBSCR"), -20_000_001, &mut s);
        let d = fingerprint(&txn("OPENAI*CHATGPT SUBSCR"), -20_000_000, &mut s);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn reuse_is_an_id_seen_again_in_the_same_account() {
        let mut r = SourceIdReuse::default();
        r.note(Some(1), "A1", 10);
        r.note(Some(2), "A1", 11); // another account
        r.note(Some(1), "A1", 12);
        r.note(Some(1), "B2", 13);
        r.note(Some(1), "A1", 14);
        assert_eq!((r.count, r.lines.clone()), (2, vec![12, 14]));
        let n = r.notice().expect("notice");
        assert_eq!((n.code, n.count), ("reused_source_ids", 2));
        assert!(n.message.contains("A1"), "{}", n.message);
        assert!(SourceIdReuse::default().notice().is_none());
    }

    #[test]
    fn a_date_is_hashed_as_it_is_written() {
        for (y, m, d) in [
            (2025, 12, 31),
            (2016, 1, 1),
            (999, 3, 9),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            let mut got = Vec::new();
            iso_date(date, |b| got.extend_from_slice(b));
            assert_eq!(String::from_utf8_lossy(&got), date.to_string());
        }
    }

    #[test]
    fn occurrences_count_per_fingerprint() {
        let mut o = Occurrences::default();
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let e = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let got = [
            o.next(d, 7),
            o.next(d, 9),
            o.next(d, 7),
            o.next(d, 7),
            o.next(d, 9),
            o.next(e, 10),
        ];
        assert_eq!(got, [0, 0, 1, 2, 1, 0]);
    }

    #[test]
    fn occurrences_survive_the_move_into_sorted_arrays() {
        // More rows than the sets hold, over dates visited out of order and
        // twice: every occurrence is what a plain count gives.
        let mut o = Occurrences::default();
        let mut plain: HashMap<(i32, i64), u32> = HashMap::new();
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut moved = false;
        for i in 0..(OPEN_ROWS as u64 * 5 / 2) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Runs of 60,000 rows on dates in no order, each date met again
            // later; one row in eight repeats a fingerprint of its date
            // (a fingerprint covers the date).
            let day = ((i / 60_000) * 7 % 17) as i32;
            let fp = if state.is_multiple_of(8) {
                (state % 64) as i64 + i64::from(day) * 1000
            } else {
                state as i64
            };
            let date = NaiveDate::from_num_days_from_ce_opt(738_000 + day).unwrap_or_default();
            let want = plain.entry((day, fp)).or_insert(0);
            let got = o.next(date, fp);
            assert_eq!(got, *want, "row {i}");
            *want += 1;
            moved |= o.days.values().any(|d| !d.sorted.is_empty());
        }
        assert!(moved, "the sets were moved into sorted arrays");
    }
}

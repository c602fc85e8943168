//! Duplicate detection, layer 2 of SPEC §2: a content fingerprint plus an
//! occurrence index.
//!
//! The fingerprint hashes what a statement says about a line and does not
//! change between two exports of it: the local date, the amount, the currency
//! and the description with case and runs of spaces folded. The occurrence
//! index counts earlier rows of the same file with the same fingerprint, so
//! two identical real charges on one day are `(fp, 0)` and `(fp, 1)` and both
//! stay, while an overlapping statement produces the same pairs again and adds
//! nothing. Layer 1 (the source's own id) is a unique index in the ledger.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use chrono::{Datelike, NaiveDate};
use xxhash_rust::xxh3::Xxh3;

use super::format::ParsedTxn;

/// The fingerprint of a row's content, as stored (an SQLite INTEGER).
pub fn fingerprint(txn: &ParsedTxn<'_>, amount_micros: i64, scratch: &mut Vec<u8>) -> i64 {
    let mut h = Xxh3::new();
    h.update(txn.date.to_string().as_bytes());
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
#[derive(Debug, Default)]
pub struct Occurrences {
    seen: HashMap<i32, FastSet>,
    repeats: FastMap,
}

impl Occurrences {
    /// The occurrence index of this row: 0 for the first row with `fp`.
    pub fn next(&mut self, date: NaiveDate, fp: i64) -> u32 {
        if self
            .seen
            .entry(date.num_days_from_ce())
            .or_default()
            .insert(fp)
        {
            return 0;
        }
        let n = self.repeats.entry(fp).or_insert(0);
        *n += 1;
        *n
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
            source_id: None,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
            posted_date: None,
            occurred_at: None,
            description: desc,
            details: super::super::format::Details::default(),
            category: None,
            source_type: None,
            memo: None,
            amount: Decimal::new(-2000, 2),
            currency: Currency::USD,
            original_amount: None,
            original_currency: None,
            fx_rate: None,
            fx_fee: None,
            status: TxnStatus::Posted,
            account_hint: None,
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
}

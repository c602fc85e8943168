//! The dashboard's reads of the daily rollup: spend per month and class,
//! the top AI vendors, the other currencies.
//!
//! Invariant: these read `rollup_daily` only (never `transactions`), so the
//! dashboard costs the same on a 1M-line ledger as on a small one.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{date_to_int, Ledger, LedgerError};
use crate::money::from_micros;

/// Spend (debits, as negative money) of one class in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthClassDebit {
    /// The month as yyyymm.
    pub yyyymm: i64,
    pub class: String,
    pub debit: Decimal,
}

/// A vendor's net AI spend (negative money) and its line count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorNet {
    pub vendor: String,
    pub net: Decimal,
    pub count: u64,
}

impl Ledger {
    /// Posted debits per month and class in `currency`, local dates `lo..=hi`.
    pub fn debits_by_month_and_class(
        &self,
        lo: NaiveDate,
        hi: NaiveDate,
        currency: &str,
    ) -> Result<Vec<MonthClassDebit>, LedgerError> {
        self.in_period(
            "SELECT day / 100, class, sum(debit) FROM rollup_daily
              WHERE day BETWEEN ?1 AND ?2 AND status = 'posted' AND currency = ?3
              GROUP BY 1, 2",
            (lo, hi, currency),
            |r| {
                Ok(MonthClassDebit {
                    yyyymm: r.get(0)?,
                    class: r.get(1)?,
                    debit: from_micros(r.get(2)?),
                })
            },
        )
    }

    /// The five AI vendors (subscription or API) with the most net spend in
    /// `currency`, local dates `lo..=hi`, most spent first.
    pub fn top_ai_vendors(
        &self,
        lo: NaiveDate,
        hi: NaiveDate,
        currency: &str,
    ) -> Result<Vec<VendorNet>, LedgerError> {
        self.in_period(
            "SELECT vendor, sum(debit + credit), sum(n) FROM rollup_daily
              WHERE day BETWEEN ?1 AND ?2 AND status = 'posted' AND currency = ?3
                AND vendor <> '' AND class IN ('ai-subscription', 'ai-api')
              GROUP BY vendor HAVING sum(debit + credit) < 0
              ORDER BY 2 ASC, vendor LIMIT 5",
            (lo, hi, currency),
            |r| {
                Ok(VendorNet {
                    vendor: r.get(0)?,
                    net: from_micros(r.get(1)?),
                    count: r.get::<_, i64>(2)?.max(0) as u64,
                })
            },
        )
    }

    /// Runs `sql` over the rollup with `?1..?3` bound to the local dates
    /// `lo..=hi` and `currency`, one `row` a result row.
    fn in_period<T>(
        &self,
        sql: &str,
        (lo, hi, currency): (NaiveDate, NaiveDate, &str),
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let params = rusqlite::params![date_to_int(lo), date_to_int(hi), currency];
        let rows = stmt.query_map(params, row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The currencies the ledger's lines have other than `currency`, unsorted.
    pub fn currencies_other_than(&self, currency: &str) -> Result<Vec<String>, LedgerError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT currency FROM rollup_daily WHERE currency <> ?1")?;
        let rows = stmt.query_map([currency], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

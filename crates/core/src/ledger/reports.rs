//! What the reports read: the rollup grouped by month, the charges of
//! subscription lines, and the subscriptions the user entered by hand
//! (`subscriptions_manual`).
//!
//! Invariant: these reads return stored values as they are (micro-units,
//! text codes); what they mean (net, AI share, cadence, renewal) is decided
//! in `crate::reports`.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::queries::{
    subscription_candidates, LineRange, EDITS_JOIN, EFFECTIVE_CLASS, EFFECTIVE_PRODUCT,
    EFFECTIVE_VENDOR,
};
use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::money::Currency;

impl Ledger {
    /// The dates of the first and the last line (posted or pending) within
    /// the inclusive bounds, `None` when there is none. Each end reads one
    /// row of the date index.
    pub fn line_dates(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Option<(NaiveDate, NaiveDate)>, LedgerError> {
        let lo = from.map_or(i64::MIN, date_to_int);
        let hi = to.map_or(i64::MAX, date_to_int);
        let end = |order: &str| -> Result<Option<i64>, LedgerError> {
            let sql = format!(
                "SELECT txn_date FROM transactions
                  WHERE txn_date BETWEEN ?1 AND ?2 AND status <> 'reverted'
                  ORDER BY txn_date {order} LIMIT 1"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![lo, hi])?;
            Ok(match rows.next()? {
                Some(r) => Some(r.get(0)?),
                None => None,
            })
        };
        let (Some(first), Some(last)) = (end("ASC")?, end("DESC")?) else {
            return Ok(None);
        };
        Ok(date_from_int(first).zip(date_from_int(last)))
    }
}

/// The rollup's sums for one month, class, vendor, currency pair and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupMonth {
    /// `yyyymm`.
    pub month: i64,
    pub class: String,
    /// `""` when the lines name no vendor.
    pub vendor: String,
    pub currency: String,
    /// `""` when the lines carry no original currency.
    pub orig_currency: String,
    pub status: String,
    pub n: i64,
    pub debit: i64,
    pub credit: i64,
    pub orig_debit: i64,
    pub orig_credit: i64,
}

/// Posted `ai-api` card lines of one provider vendor in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopupRollup {
    /// `yyyymm`.
    pub month: i64,
    pub vendor: String,
    pub currency: String,
    /// The lines' net in micro-units (spending negative).
    pub net: i64,
    pub n: i64,
}

/// What one write did to the lines, for the stored subscription detection
/// (`crate::reports::subs` redoes only the vendors it names).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LinesChanged {
    /// `line_generation` before and after the write (in its transaction).
    pub before: i64,
    pub after: i64,
    /// The effective vendors whose subscription lines the write added,
    /// removed or changed; `None` when it cannot tell (every vendor then).
    pub sub_vendors: Option<std::collections::BTreeSet<String>>,
}

/// The effective vendors of the subscription lines of `batch` (ids in
/// `[first, last]`), before an undo takes them out; `None` when one of them
/// names no vendor.
pub(crate) fn batch_subscription_vendors(
    conn: &rusqlite::Connection,
    first: i64,
    last: i64,
    batch: i64,
) -> rusqlite::Result<Option<std::collections::BTreeSet<String>>> {
    let candidates = subscription_candidates(LineRange::Id, "BETWEEN ?1 AND ?2");
    let sql = format!(
        "SELECT DISTINCT {EFFECTIVE_VENDOR} FROM transactions t {EDITS_JOIN}
          WHERE t.id IN ({candidates})
            AND t.batch_id = ?3 AND {EFFECTIVE_CLASS} = 'ai-subscription'"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let vendors = stmt
        .query_map(params![first, last, batch], |r| {
            r.get::<_, Option<String>>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(vendors.into_iter().collect())
}

/// One posted `ai-subscription` spending line, as subscription detection
/// reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionCharge {
    pub date: NaiveDate,
    /// Micro-units, negative.
    pub amount: i64,
    pub currency: Currency,
    /// Micro-units and currency the merchant charged, where given.
    pub original: Option<(i64, Currency)>,
    /// The effective vendor; `None` when the line names none.
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub description: String,
}

/// A subscription entered by hand, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualSubscriptionRow {
    pub id: i64,
    pub vendor: String,
    pub product: Option<String>,
    /// Micro-units, positive.
    pub amount: i64,
    pub currency: Currency,
    /// `monthly`, `yearly`, ... as stored.
    pub cadence: String,
    pub since: NaiveDate,
    pub note: Option<String>,
}

/// A subscription to enter by hand, checked and in micro-units.
#[derive(Debug, Clone, Copy)]
pub struct NewManualSubscriptionRow<'a> {
    pub vendor: &'a str,
    pub product: Option<&'a str>,
    pub amount: i64,
    pub currency: Currency,
    pub cadence: &'a str,
    pub since: NaiveDate,
    pub note: Option<&'a str>,
}

fn bounds(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (i64, i64) {
    (
        from.map_or(0, date_to_int),
        to.map_or(99_999_999, date_to_int),
    )
}

/// The rows of a subscription charge query (date, amount, currency,
/// original amount and currency, vendor, product, description).
fn read_charges(mut rows: rusqlite::Rows<'_>) -> Result<Vec<SubscriptionCharge>, LedgerError> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let day: i64 = r.get(0)?;
        let vendor: Option<String> = r.get(5)?;
        let description: String = r.get(7)?;
        let original = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<String>>(4)?) {
            (Some(a), Some(c)) => Some((a, currency(c)?)),
            _ => None,
        };
        out.push(SubscriptionCharge {
            date: date_from_int(day).ok_or_else(|| LedgerError::Corrupt(format!("date {day}")))?,
            amount: r.get(1)?,
            currency: currency(r.get(2)?)?,
            original,
            vendor,
            product: r.get(6)?,
            description,
        });
    }
    Ok(out)
}

fn currency(text: String) -> Result<Currency, LedgerError> {
    Currency::parse(&text).map_err(|_| LedgerError::Corrupt(format!("currency {text:?}")))
}

impl Ledger {
    /// The rollup between two local dates (inclusive; `None` is open),
    /// summed per month, class, vendor, currency, original currency and
    /// status.
    pub(crate) fn rollup_months(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<RollupMonth>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day / 100, class, vendor, currency, orig_currency, status,
                    sum(n), sum(debit), sum(credit), sum(orig_debit), sum(orig_credit)
               FROM rollup_daily
              WHERE day BETWEEN ?1 AND ?2
              GROUP BY 1, 2, 3, 4, 5, 6",
        )?;
        let (lo, hi) = bounds(from, to);
        let mut rows = stmt.query([lo, hi])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(RollupMonth {
                month: r.get(0)?,
                class: r.get(1)?,
                vendor: r.get(2)?,
                currency: r.get(3)?,
                orig_currency: r.get(4)?,
                status: r.get(5)?,
                n: r.get(6)?,
                debit: r.get(7)?,
                credit: r.get(8)?,
                orig_debit: r.get(9)?,
                orig_credit: r.get(10)?,
            });
        }
        Ok(out)
    }

    /// Posted `ai-api` lines of the provider vendors (`openai`,
    /// `anthropic`; one of them when `vendor` names it) per month, from the
    /// rollup.
    pub(crate) fn topup_rollup(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        vendor: Option<&str>,
    ) -> Result<Vec<TopupRollup>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT day / 100, vendor, currency, sum(debit + credit), sum(n)
               FROM rollup_daily
              WHERE class = 'ai-api' AND vendor IN ('openai', 'anthropic')
                AND status = 'posted' AND day BETWEEN ?1 AND ?2
                AND (?3 IS NULL OR vendor = ?3)
              GROUP BY 1, 2, 3",
        )?;
        let (lo, hi) = bounds(from, to);
        let mut rows = stmt.query(params![lo, hi, vendor])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(TopupRollup {
                month: r.get(0)?,
                vendor: r.get(1)?,
                currency: r.get(2)?,
                net: r.get(3)?,
                n: r.get(4)?,
            });
        }
        Ok(out)
    }

    /// Every posted `ai-subscription` spending line up to `as_of`.
    pub(crate) fn subscription_charges(
        &self,
        as_of: NaiveDate,
    ) -> Result<Vec<SubscriptionCharge>, LedgerError> {
        let candidates = subscription_candidates(LineRange::Date, "<= ?1");
        let sql = format!(
            "SELECT t.txn_date, t.amount, t.currency, t.original_amount, t.original_currency,
                    {EFFECTIVE_VENDOR}, {EFFECTIVE_PRODUCT}, t.description
               FROM transactions t
               {EDITS_JOIN}
              WHERE t.id IN ({candidates})
                AND {EFFECTIVE_CLASS} = 'ai-subscription' AND t.status = 'posted'
                AND t.amount <= 0 AND t.txn_date <= ?1
              ORDER BY t.txn_date, t.account_id, t.fingerprint, t.occurrence",
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query(params![date_to_int(as_of)])?;
        read_charges(rows)
    }

    /// Every posted `ai-subscription` spending line (any date) whose
    /// effective vendor is one of `vendors`: what detection reads to redo
    /// just those vendors.
    pub(crate) fn subscription_charges_of(
        &self,
        vendors: &[&str],
    ) -> Result<Vec<SubscriptionCharge>, LedgerError> {
        // The lines without an edit from the charges' covering index
        // (migration 0026) alone: by their stored class and vendor, which
        // is one of `vendors` (never none, so the description detection
        // would key a vendorless charge by is not read). The lines a
        // user's edit covers (few) from the edits, by their effective
        // class and vendor. In the order detection reads them.
        let sql = format!(
            "SELECT txn_date, amount, currency, original_amount, original_currency,
                    vendor, product, description
               FROM (
                 SELECT t.txn_date, t.account_id, t.fingerprint, t.occurrence, t.amount,
                        t.currency, t.original_amount, t.original_currency,
                        t.vendor AS vendor, t.product AS product, '' AS description
                   FROM transactions t INDEXED BY transactions_sub_charges
                  WHERE t.vendor IN (SELECT value FROM json_each(?1))
                    AND t.class = 'ai-subscription' AND t.status = 'posted' AND t.amount <= 0
                    AND NOT EXISTS (
                        SELECT 1 FROM txn_edits e
                         WHERE e.txn_date = t.txn_date AND e.account_id = t.account_id
                           AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence)
                 UNION ALL
                 SELECT t.txn_date, t.account_id, t.fingerprint, t.occurrence, t.amount,
                        t.currency, t.original_amount, t.original_currency,
                        {EFFECTIVE_VENDOR}, {EFFECTIVE_PRODUCT}, t.description
                   FROM txn_edits e CROSS JOIN transactions t
                     ON t.txn_date = e.txn_date AND t.account_id = e.account_id
                    AND t.fingerprint = e.fingerprint AND t.occurrence = e.occurrence
                  WHERE {EFFECTIVE_CLASS} = 'ai-subscription' AND t.status = 'posted'
                    AND t.amount <= 0
                    AND {EFFECTIVE_VENDOR} IN (SELECT value FROM json_each(?1)))
              ORDER BY txn_date, account_id, fingerprint, occurrence",
        );
        let list = serde_json::to_string(vendors)
            .map_err(|e| LedgerError::Corrupt(format!("vendor list: {e}")))?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query([list])?;
        read_charges(rows)
    }

    /// Whether a posted subscription line names no vendor (detection keys
    /// it by its merchant text), from the view's line counts.
    pub(crate) fn has_vendorless_subscriptions(&self) -> Result<bool, LedgerError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM txn_tally
                                 WHERE class = 'ai-subscription' AND vendor = ''
                                   AND status = 'posted')",
            )?
            .query_row([], |r| r.get(0))?)
    }

    /// How many times the lines have changed (see migration 0012): a result
    /// derived from the lines is current while this stays the same.
    pub(crate) fn line_generation(&self) -> Result<i64, LedgerError> {
        Ok(self
            .conn
            .prepare_cached("SELECT n FROM line_generation WHERE id = 1")?
            .query_row([], |r| r.get(0))?)
    }

    /// The newest day a posted subscription line has (`None`: no such line).
    pub(crate) fn last_subscription_day(&self) -> Result<Option<NaiveDate>, LedgerError> {
        let day: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT day FROM rollup_daily
                  WHERE class = 'ai-subscription' AND status = 'posted'
                  ORDER BY day DESC LIMIT 1",
            )?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(day.and_then(date_from_int))
    }

    /// The stored subscription detection: its generation, the day it runs
    /// through, and its JSON.
    pub(crate) fn subs_detected(&self) -> Result<Option<(i64, NaiveDate, String)>, LedgerError> {
        let row: Option<(i64, i64, String)> = self
            .conn
            .prepare_cached("SELECT generation, through, body FROM subs_detected WHERE id = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        Ok(row.and_then(|(g, d, b)| date_from_int(d).map(|d| (g, d, b))))
    }

    /// The vendors whose subscription lines changed one at a time since the
    /// stored detection was made (migration 0024; '' for a line without a
    /// vendor).
    pub(crate) fn subs_stale(&self) -> Result<Vec<String>, LedgerError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT vendor FROM subs_stale ORDER BY vendor")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores a subscription detection computed at `generation` over every
    /// vendor, unless the lines changed since (then it would be stale at
    /// once); then no vendor is stale.
    pub(crate) fn store_subs_detected(
        &self,
        generation: i64,
        through: NaiveDate,
        body: &str,
    ) -> Result<(), LedgerError> {
        // Stored first, the list emptied after: a crash between leaves the
        // listed vendors to detect again, which is only slower.
        let stored = self
            .conn
            .prepare_cached(
                "INSERT INTO subs_detected (id, generation, through, body)
                 SELECT 1, ?1, ?2, ?3 FROM line_generation WHERE id = 1 AND n = ?1
                 ON CONFLICT (id) DO UPDATE SET generation = excluded.generation,
                    through = excluded.through, body = excluded.body",
            )?
            .execute(params![generation, date_to_int(through), body])?;
        if stored > 0 {
            self.conn
                .prepare_cached("DELETE FROM subs_stale")?
                .execute([])?;
        }
        Ok(())
    }

    /// The subscriptions entered by hand, by vendor, product and id.
    pub(crate) fn manual_subscription_rows(
        &self,
    ) -> Result<Vec<ManualSubscriptionRow>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, vendor, product, amount, currency, cadence, since, note
               FROM subscriptions_manual ORDER BY vendor, product, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let corrupt = |what: &str| LedgerError::Corrupt(format!("subscription {id}: {what}"));
            let cur: String = r.get(4)?;
            out.push(ManualSubscriptionRow {
                id,
                vendor: r.get(1)?,
                product: r.get(2)?,
                amount: r.get(3)?,
                currency: Currency::parse(&cur).map_err(|_| corrupt("currency"))?,
                cadence: r.get(5)?,
                since: date_from_int(r.get(6)?).ok_or_else(|| corrupt("date"))?,
                note: r.get(7)?,
            });
        }
        Ok(out)
    }

    /// Stores a subscription entered by hand; returns its id.
    pub(crate) fn insert_manual_subscription(
        &mut self,
        s: &NewManualSubscriptionRow<'_>,
    ) -> Result<i64, LedgerError> {
        self.conn.execute(
            "INSERT INTO subscriptions_manual
                 (vendor, product, amount, currency, cadence, since, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                s.vendor,
                s.product,
                s.amount,
                s.currency.as_str(),
                s.cadence,
                date_to_int(s.since),
                s.note,
                crate::clock::now_utc_text()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Removes a subscription entered by hand; false when there was none.
    pub(crate) fn delete_manual_subscription(&mut self, id: i64) -> Result<bool, LedgerError> {
        let n = self
            .conn
            .execute("DELETE FROM subscriptions_manual WHERE id = ?1", [id])?;
        Ok(n > 0)
    }
}

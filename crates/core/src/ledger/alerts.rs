//! What alerts read and remember: subscription charges with their line and
//! account, the plans the user marked cancelled, and each alert's state
//! (dismissed, notified) by its stable id.
//!
//! Invariant: an alert's state is keyed by the alert's id only, so it
//! survives any recomputation; nothing here decides what an alert is.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::queries::{
    subscription_candidates, LineRange, EDITS_JOIN, EFFECTIVE_CLASS, EFFECTIVE_PRODUCT,
    EFFECTIVE_VENDOR,
};
use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::money::Currency;

/// A posted `ai-subscription` charge with the line and account behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionLine {
    pub id: i64,
    pub account_id: i64,
    pub date: NaiveDate,
    /// Micro-units, negative.
    pub amount: i64,
    pub currency: Currency,
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub description: String,
}

/// A posted `ai-subscription` charge (0 included: a free trial) with the
/// amount the merchant charged in its own currency: what a subscription's
/// renewal, trial or price-change alert points back at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChargeLine {
    pub id: i64,
    pub date: NaiveDate,
    /// Micro-units, zero or negative.
    pub amount: i64,
    pub currency: Currency,
    /// The merchant's own amount (micro-units) and currency, where given.
    pub original: Option<(i64, Currency)>,
    pub vendor: Option<String>,
    pub description: String,
}

/// A plan marked cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancellationRow {
    pub id: i64,
    pub vendor: String,
    pub product: Option<String>,
    pub cancelled_on: NaiveDate,
}

/// What became of one alert.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertStateRow {
    pub dismissed_at: Option<String>,
    pub notified_at: Option<String>,
}

impl Ledger {
    /// Posted `ai-subscription` spending lines dated within the bounds.
    pub(crate) fn subscription_lines(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SubscriptionLine>, LedgerError> {
        let sql = format!(
            "WITH days AS (
                 SELECT DISTINCT day FROM rollup_daily
                  WHERE class = 'ai-subscription' AND status = 'posted'
                    AND day BETWEEN ?1 AND ?2)
             SELECT t.id, t.account_id, t.txn_date, t.amount, t.currency,
                    {EFFECTIVE_VENDOR}, {EFFECTIVE_PRODUCT}, t.description
               FROM days CROSS JOIN transactions t ON t.txn_date = days.day
               {EDITS_JOIN}
              WHERE {EFFECTIVE_CLASS} = 'ai-subscription' AND t.status = 'posted'
                AND t.amount < 0
              ORDER BY t.txn_date, t.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![date_to_int(from), date_to_int(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let d: i64 = r.get(2)?;
            let cur: String = r.get(4)?;
            out.push(SubscriptionLine {
                id: r.get(0)?,
                account_id: r.get(1)?,
                date: date_from_int(d).ok_or_else(|| LedgerError::Corrupt(format!("date {d}")))?,
                amount: r.get(3)?,
                currency: Currency::parse(&cur)
                    .map_err(|_| LedgerError::Corrupt(format!("currency {cur:?}")))?,
                vendor: r.get(5)?,
                product: r.get(6)?,
                description: r.get(7)?,
            });
        }
        Ok(out)
    }

    /// Posted `ai-subscription` charges (amount <= 0) dated within the
    /// bounds, by date and id: the lines subscription detection reads
    /// (`subscription_charges`), with their ids. Only the candidates are
    /// read, through the class index and the user's edits.
    pub(crate) fn plan_charge_lines(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PlanChargeLine>, LedgerError> {
        let candidates = subscription_candidates(LineRange::Date, "BETWEEN ?1 AND ?2");
        let sql = format!(
            "SELECT t.id, t.txn_date, t.amount, t.currency, t.original_amount,
                    t.original_currency, {EFFECTIVE_VENDOR}, t.description
               FROM transactions t
               {EDITS_JOIN}
              WHERE t.id IN ({candidates})
                AND {EFFECTIVE_CLASS} = 'ai-subscription' AND t.status = 'posted'
                AND t.amount <= 0
              ORDER BY t.txn_date, t.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![date_to_int(from), date_to_int(to)])?;
        let currency = |c: String| {
            Currency::parse(&c).map_err(|_| LedgerError::Corrupt(format!("currency {c:?}")))
        };
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let d: i64 = r.get(1)?;
            let original = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<String>>(5)?) {
                (Some(a), Some(c)) => Some((a, currency(c)?)),
                _ => None,
            };
            out.push(PlanChargeLine {
                id: r.get(0)?,
                date: date_from_int(d).ok_or_else(|| LedgerError::Corrupt(format!("date {d}")))?,
                amount: r.get(2)?,
                currency: currency(r.get(3)?)?,
                original,
                vendor: r.get(6)?,
                description: r.get(7)?,
            });
        }
        Ok(out)
    }

    /// Marks a plan cancelled on a date; returns the mark's id.
    pub(crate) fn insert_cancellation(
        &mut self,
        vendor: &str,
        product: Option<&str>,
        on: NaiveDate,
    ) -> Result<i64, LedgerError> {
        self.conn.execute(
            "INSERT INTO subscription_cancellations (vendor, product, cancelled_on, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                vendor,
                product,
                date_to_int(on),
                crate::clock::now_utc_text()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every plan marked cancelled, by id.
    pub(crate) fn cancellations(&self) -> Result<Vec<CancellationRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, vendor, product, cancelled_on FROM subscription_cancellations ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let d: i64 = r.get(3)?;
            out.push(CancellationRow {
                id: r.get(0)?,
                vendor: r.get(1)?,
                product: r.get(2)?,
                cancelled_on: date_from_int(d)
                    .ok_or_else(|| LedgerError::Corrupt(format!("date {d}")))?,
            });
        }
        Ok(out)
    }

    /// Removes a cancellation mark; false when there was none.
    pub(crate) fn delete_cancellation(&mut self, id: i64) -> Result<bool, LedgerError> {
        Ok(self
            .conn
            .execute("DELETE FROM subscription_cancellations WHERE id = ?1", [id])?
            > 0)
    }

    /// Every alert's stored state, by id.
    pub(crate) fn alert_states(&self) -> Result<HashMap<String, AlertStateRow>, LedgerError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT alert_id, dismissed_at, notified_at FROM alert_state")?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            out.insert(
                r.get::<_, String>(0)?,
                AlertStateRow {
                    dismissed_at: r.get(1)?,
                    notified_at: r.get(2)?,
                },
            );
        }
        Ok(out)
    }

    /// Marks an alert dismissed at `at` (kept if it already was).
    pub(crate) fn dismiss_alert(&mut self, id: &str, at: &str) -> Result<(), LedgerError> {
        self.conn.execute(
            "INSERT INTO alert_state (alert_id, dismissed_at) VALUES (?1, ?2)
             ON CONFLICT (alert_id) DO UPDATE
                SET dismissed_at = coalesce(dismissed_at, excluded.dismissed_at)",
            params![id, at],
        )?;
        Ok(())
    }

    /// Marks alerts notified at `at` (each keeps its first notification),
    /// in one transaction.
    pub(crate) fn mark_alerts_notified(
        &mut self,
        ids: &[String],
        at: &str,
    ) -> Result<(), LedgerError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO alert_state (alert_id, notified_at) VALUES (?1, ?2)
                 ON CONFLICT (alert_id) DO UPDATE
                    SET notified_at = coalesce(notified_at, excluded.notified_at)",
            )?;
            for id in ids {
                stmt.execute(params![id, at])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// An alert setting (`alerts.*` keys of the app settings).
    pub(crate) fn alert_setting(&self, key: &str) -> Result<Option<String>, LedgerError> {
        self.app_setting(key)
    }

    /// Sets or clears an alert setting.
    pub(crate) fn set_alert_setting(
        &self,
        key: &str,
        value: Option<&str>,
    ) -> Result<(), LedgerError> {
        self.set_app_setting(key, value)
    }
}

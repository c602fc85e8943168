//! The tables of prepaid credits: hand-entered grants, the balances a user
//! read off a billing page, and the daily usage cost that consumes credit.
//!
//! Invariant: these reads return stored values as they are (micro-units,
//! provider ids, yyyymmdd dates); what they mean (FIFO, expiry, burn rate)
//! is decided in `crate::credits`.

use chrono::NaiveDate;
use rusqlite::params;

use super::queries::EDITS_JOIN;
use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::ai_provider::Provider;
use crate::money::{from_micros, Currency};

/// Credit granted by hand, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRow {
    pub id: i64,
    pub provider: Provider,
    pub organization_id: Option<String>,
    pub granted_on: NaiveDate,
    /// Micro-units, positive.
    pub amount: i64,
    pub currency: Currency,
    pub expires_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A grant to store, checked and in micro-units.
#[derive(Debug, Clone, Copy)]
pub struct NewGrantRow<'a> {
    pub provider: Provider,
    pub organization_id: Option<&'a str>,
    pub granted_on: NaiveDate,
    pub amount: i64,
    pub currency: Currency,
    pub expires_on: Option<NaiveDate>,
    pub note: Option<&'a str>,
}

/// A balance the user read on the provider's billing page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceCheckRow {
    pub id: i64,
    pub provider: Provider,
    pub organization_id: Option<String>,
    pub checked_on: NaiveDate,
    /// Micro-units, may be negative.
    pub balance: i64,
    pub currency: Currency,
}

/// One UTC day of a provider's usage cost (bucketed exports and sync,
/// never superseded rows; Claude Code's own estimates are left out: that
/// usage is paid by a plan, not by credit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageDay {
    pub provider: Provider,
    pub organization_id: Option<String>,
    pub utc_date: NaiveDate,
    pub currency: Currency,
    /// Micro-units, the cost (positive consumes credit).
    pub amount: i64,
    /// How many cost records, and the lowest and highest id among them.
    pub records: i64,
    pub first_id: i64,
    pub last_id: i64,
}

fn provider(text: &str) -> Result<Provider, LedgerError> {
    Provider::from_id(text).ok_or_else(|| LedgerError::Corrupt(format!("provider {text:?}")))
}

fn currency(text: &str) -> Result<Currency, LedgerError> {
    Currency::parse(text).map_err(|_| LedgerError::Corrupt(format!("currency {text:?}")))
}

/// A `UsageDay` from a row of provider, organization, day, currency,
/// amount, records, first and last record id (both readers' column order).
fn usage_day(r: &rusqlite::Row<'_>) -> Result<UsageDay, LedgerError> {
    Ok(UsageDay {
        provider: provider(&r.get::<_, String>(0)?)?,
        organization_id: r.get(1)?,
        utc_date: date(r.get(2)?)?,
        currency: currency(&r.get::<_, String>(3)?)?,
        amount: r.get(4)?,
        records: r.get(5)?,
        first_id: r.get(6)?,
        last_id: r.get(7)?,
    })
}

fn date(v: i64) -> Result<NaiveDate, LedgerError> {
    date_from_int(v).ok_or_else(|| LedgerError::Corrupt(format!("date {v}")))
}

impl Ledger {
    /// Stores a grant; returns its id.
    pub(crate) fn insert_credit_grant(&mut self, g: &NewGrantRow<'_>) -> Result<i64, LedgerError> {
        self.conn.execute(
            "INSERT INTO credit_grants (provider, organization_id, granted_on, amount, currency,
                 expires_on, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                g.provider.as_str(),
                g.organization_id,
                date_to_int(g.granted_on),
                g.amount,
                g.currency.as_str(),
                g.expires_on.map(date_to_int),
                g.note,
                crate::clock::now_utc_text()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every grant, oldest first.
    pub(crate) fn credit_grants(&self) -> Result<Vec<GrantRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, provider, organization_id, granted_on, amount, currency, expires_on, note
               FROM credit_grants ORDER BY granted_on, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(GrantRow {
                id: r.get(0)?,
                provider: provider(&r.get::<_, String>(1)?)?,
                organization_id: r.get(2)?,
                granted_on: date(r.get(3)?)?,
                amount: r.get(4)?,
                currency: currency(&r.get::<_, String>(5)?)?,
                expires_on: r.get::<_, Option<i64>>(6)?.map(date).transpose()?,
                note: r.get(7)?,
            });
        }
        Ok(out)
    }

    /// Stores a balance read on a billing page; returns its id.
    pub(crate) fn insert_balance_check(
        &mut self,
        provider: Provider,
        organization_id: Option<&str>,
        on: NaiveDate,
        balance: i64,
        currency: Currency,
    ) -> Result<i64, LedgerError> {
        self.conn.execute(
            "INSERT INTO credit_balance_checks
                 (provider, organization_id, checked_on, balance, currency, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                provider.as_str(),
                organization_id,
                date_to_int(on),
                balance,
                currency.as_str(),
                crate::clock::now_utc_text()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every balance check, oldest first (by date, then as entered).
    pub(crate) fn balance_checks(&self) -> Result<Vec<BalanceCheckRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, provider, organization_id, checked_on, balance, currency
               FROM credit_balance_checks ORDER BY checked_on, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(BalanceCheckRow {
                id: r.get(0)?,
                provider: provider(&r.get::<_, String>(1)?)?,
                organization_id: r.get(2)?,
                checked_on: date(r.get(3)?)?,
                balance: r.get(4)?,
                currency: currency(&r.get::<_, String>(5)?)?,
            });
        }
        Ok(out)
    }

    /// The usage cost per provider, organization, UTC day and currency, up
    /// to `to` (inclusive), oldest first: read from `usage_cost_days`, the
    /// grouping the triggers of migration 16 keep (not 100k records summed
    /// again on every call).
    pub(crate) fn usage_cost_days(&self, to: NaiveDate) -> Result<Vec<UsageDay>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT provider, nullif(org, ''), utc_date, currency, amount, records,
                    first_id, last_id
               FROM usage_cost_days
              WHERE utc_date <= ?1
              ORDER BY utc_date, provider, org, currency",
        )?;
        let mut rows = stmt.query([date_to_int(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(usage_day(r)?);
        }
        Ok(out)
    }
}

impl Ledger {
    /// Posted card lines up to `to` whose effective class is `ai-api` and
    /// whose vendor is a provider (`openai`, `anthropic`): the top-ups.
    /// Only the candidates are read, and only from the covering index of
    /// migration 18 (no wide row is read): the lines stored as `ai-api`,
    /// and the lines a user's edit makes `ai-api`; the effective class and
    /// vendor decide. Only the fields credit matching reads are filled:
    /// id, date, amounts and currencies, class, vendor, status (the rest
    /// are empty).
    pub(crate) fn provider_topup_lines(
        &self,
        to: NaiveDate,
    ) -> Result<Vec<super::TxnRow>, LedgerError> {
        use super::queries::{EFFECTIVE_CLASS, EFFECTIVE_VENDOR};
        let sql = format!(
            "SELECT t.id, t.txn_date, t.amount, t.currency, t.original_amount,
                    t.original_currency, {EFFECTIVE_VENDOR}
               FROM transactions t INDEXED BY transactions_api_topups
               {EDITS_JOIN}
              WHERE t.class = 'ai-api' AND t.txn_date <= ?1
                AND t.status = 'posted' AND t.amount < 0
                AND {EFFECTIVE_CLASS} = 'ai-api'
                AND {EFFECTIVE_VENDOR} IN ('openai', 'anthropic')
             UNION ALL
             SELECT t.id, t.txn_date, t.amount, t.currency, t.original_amount,
                    t.original_currency, {EFFECTIVE_VENDOR}
               FROM txn_edits e CROSS JOIN transactions t
                 ON t.txn_date = e.txn_date AND t.account_id = e.account_id
                AND t.fingerprint = e.fingerprint AND t.occurrence = e.occurrence
              WHERE e.class = 'ai-api' AND e.txn_date <= ?1 AND t.class IS NOT 'ai-api'
                AND t.status = 'posted' AND t.amount < 0
                AND {EFFECTIVE_VENDOR} IN ('openai', 'anthropic')
             ORDER BY 2, 1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([date_to_int(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(super::TxnRow {
                id: r.get(0)?,
                date: date(r.get(1)?)?,
                posted_date: None,
                description: String::new(),
                amount: from_micros(r.get(2)?),
                currency: currency(&r.get::<_, String>(3)?)?,
                original_amount: r.get::<_, Option<i64>>(4)?.map(from_micros),
                original_currency: r
                    .get::<_, Option<String>>(5)?
                    .map(|c| currency(&c))
                    .transpose()?,
                class: Some(crate::classify::Class::AiApi),
                vendor: r.get(6)?,
                product: None,
                class_source: None,
                review: None,
                account: String::new(),
                status: super::TxnStatus::Posted,
                tags: Vec::new(),
                note: None,
                category: None,
                memo: None,
                batch_id: 0,
                details: Box::default(),
                decided_by: None,
            });
        }
        Ok(out)
    }
}

impl Ledger {
    /// [`Self::usage_cost_days`] summed from the records themselves, as the
    /// triggers' table stands for (tests compare the two).
    #[cfg(test)]
    pub(crate) fn usage_cost_days_summed(&self) -> Result<Vec<UsageDay>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT provider, organization_id, utc_date, currency, sum(amount), count(*),
                    min(id), max(id)
               FROM provider_records
              WHERE kind = 'cost' AND superseded_by IS NULL AND amount IS NOT NULL
                AND series <> 'claude-code'
              GROUP BY utc_date, provider, organization_id, currency
              ORDER BY utc_date, provider, organization_id, currency",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(usage_day(r)?);
        }
        Ok(out)
    }
}

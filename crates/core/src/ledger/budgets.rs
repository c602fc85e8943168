//! The `budgets` table and the sums a budget is judged on: posted card
//! lines per class, vendor and currency (from the rollup), and the lines a
//! tag names.
//!
//! Invariant: reads return stored values (micro-units, text codes); what
//! counts toward a budget and what it projects is decided in `crate::budgets`.

use chrono::NaiveDate;
use rusqlite::params;

use super::queries::{EDITS_JOIN, EFFECTIVE_CLASS, EFFECTIVE_VENDOR};
use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::money::Currency;

/// A budget as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetRow {
    pub id: i64,
    /// `provider`, `vendor`, `class` or `tag`.
    pub scope_kind: String,
    pub scope_value: String,
    /// Micro-units, positive.
    pub amount: i64,
    pub currency: Currency,
    /// Both `None`: every calendar month.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// Posted lines' net (micro-units, spending negative) per class, vendor
/// and currency, with the original currency's net where one is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassVendorNet {
    pub class: String,
    /// `""` when the lines name no vendor.
    pub vendor: String,
    pub currency: String,
    pub net: i64,
    /// `""` when the lines carry no original currency.
    pub orig_currency: String,
    pub orig_net: i64,
}

/// A posted line that carries a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedLine {
    pub id: i64,
    pub date: NaiveDate,
    pub amount: i64,
    pub currency: String,
}

/// A posted line counted by a budget, for the rows behind an alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopedLine {
    pub id: i64,
    pub class: Option<String>,
    pub vendor: Option<String>,
}

impl Ledger {
    /// Stores a checked budget; returns its id.
    pub(crate) fn insert_budget(
        &mut self,
        scope_kind: &str,
        scope_value: &str,
        amount: i64,
        currency: Currency,
        period: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<i64, LedgerError> {
        self.conn.execute(
            "INSERT INTO budgets (scope_kind, scope_value, amount, currency, period_from,
                 period_to, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                scope_kind,
                scope_value,
                amount,
                currency.as_str(),
                period.map(|p| date_to_int(p.0)),
                period.map(|p| date_to_int(p.1)),
                crate::clock::now_utc_text()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every budget, by id.
    pub(crate) fn budget_rows(&self) -> Result<Vec<BudgetRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, scope_kind, scope_value, amount, currency, period_from, period_to
               FROM budgets ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let corrupt = |w: &str| LedgerError::Corrupt(format!("budget {id}: {w}"));
            let cur: String = r.get(4)?;
            let from: Option<i64> = r.get(5)?;
            let to: Option<i64> = r.get(6)?;
            let period = match (from, to) {
                (Some(f), Some(t)) => Some((
                    date_from_int(f).ok_or_else(|| corrupt("date"))?,
                    date_from_int(t).ok_or_else(|| corrupt("date"))?,
                )),
                _ => None,
            };
            out.push(BudgetRow {
                id,
                scope_kind: r.get(1)?,
                scope_value: r.get(2)?,
                amount: r.get(3)?,
                currency: Currency::parse(&cur).map_err(|_| corrupt("currency"))?,
                period,
            });
        }
        Ok(out)
    }

    /// Removes a budget; false when there was none.
    pub(crate) fn delete_budget(&mut self, id: i64) -> Result<bool, LedgerError> {
        Ok(self
            .conn
            .execute("DELETE FROM budgets WHERE id = ?1", [id])?
            > 0)
    }

    /// Posted lines between two local dates (inclusive), summed per class,
    /// vendor, currency and original currency, from the rollup.
    pub(crate) fn posted_net_by_class_vendor(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ClassVendorNet>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT class, vendor, currency, sum(debit + credit), orig_currency,
                    sum(orig_debit + orig_credit)
               FROM rollup_daily
              WHERE status = 'posted' AND day BETWEEN ?1 AND ?2
              GROUP BY class, vendor, currency, orig_currency",
        )?;
        let mut rows = stmt.query(params![date_to_int(from), date_to_int(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(ClassVendorNet {
                class: r.get(0)?,
                vendor: r.get(1)?,
                currency: r.get(2)?,
                net: r.get(3)?,
                orig_currency: r.get(4)?,
                orig_net: r.get(5)?,
            });
        }
        Ok(out)
    }

    /// Posted lines between two local dates whose effective tags (the
    /// user's, else the rule's) include `tag` (compared without case).
    /// Only the candidates are read: the lines a rule tagged (through the
    /// partial index of migration 18) and the lines a user's edit tags.
    pub(crate) fn tagged_lines(
        &self,
        tag: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<TaggedLine>, LedgerError> {
        let sql = format!(
            "SELECT t.id, t.txn_date, t.amount, t.currency
               FROM transactions t {EDITS_JOIN}
              WHERE t.id IN (
                      SELECT id FROM transactions INDEXED BY transactions_rule_tagged
                       WHERE rule_tags IS NOT NULL AND txn_date BETWEEN ?2 AND ?3
                      UNION ALL
                      SELECT t2.id FROM txn_edits e2 JOIN transactions t2
                          ON t2.txn_date = e2.txn_date AND t2.account_id = e2.account_id
                         AND t2.fingerprint = e2.fingerprint AND t2.occurrence = e2.occurrence
                       WHERE e2.tags IS NOT NULL AND e2.txn_date BETWEEN ?2 AND ?3)
                AND t.txn_date BETWEEN ?2 AND ?3 AND t.status = 'posted'
                AND coalesce(e.tags, t.rule_tags) IS NOT NULL
                AND EXISTS (SELECT 1 FROM json_each(coalesce(e.tags, t.rule_tags)) j
                             WHERE lower(j.value) = lower(?1))
              ORDER BY t.txn_date, t.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![tag, date_to_int(from), date_to_int(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let d: i64 = r.get(1)?;
            out.push(TaggedLine {
                id: r.get(0)?,
                date: date_from_int(d).ok_or_else(|| LedgerError::Corrupt(format!("date {d}")))?,
                amount: r.get(2)?,
                currency: r.get(3)?,
            });
        }
        Ok(out)
    }

    /// Posted spending lines between two local dates with an AI class or a
    /// vendor (the lines a class or vendor budget can count), oldest first.
    /// Only the candidates are read, through the partial indexes: lines
    /// stored with a vendor (of the vendors the rollup has in those days) or
    /// an AI class, and lines a user's edit touches; the effective class and
    /// vendor decide.
    pub(crate) fn ai_or_vendor_lines(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ScopedLine>, LedgerError> {
        let sql = format!(
            "SELECT t.id, {EFFECTIVE_CLASS}, {EFFECTIVE_VENDOR}
               FROM transactions t {EDITS_JOIN}
              WHERE t.id IN (
                    SELECT id FROM transactions INDEXED BY transactions_vendor_date
                     WHERE vendor IN (SELECT DISTINCT vendor FROM rollup_daily
                                       WHERE vendor <> '' AND day BETWEEN ?1 AND ?2)
                       AND txn_date BETWEEN ?1 AND ?2
                    UNION
                    SELECT id FROM transactions INDEXED BY transactions_class_date
                     WHERE class IN ('ai-api', 'ai-subscription') AND class <> 'everyday'
                       AND txn_date BETWEEN ?1 AND ?2
                    UNION
                    SELECT t2.id FROM txn_edits e2 JOIN transactions t2
                        ON t2.txn_date = e2.txn_date AND t2.account_id = e2.account_id
                       AND t2.fingerprint = e2.fingerprint AND t2.occurrence = e2.occurrence
                     WHERE e2.txn_date BETWEEN ?1 AND ?2)
                AND t.txn_date BETWEEN ?1 AND ?2 AND t.status = 'posted' AND t.amount < 0
                AND ({EFFECTIVE_VENDOR} IS NOT NULL
                     OR {EFFECTIVE_CLASS} IN ('ai-api', 'ai-subscription'))
              ORDER BY t.txn_date, t.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![date_to_int(from), date_to_int(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(ScopedLine {
                id: r.get(0)?,
                class: r.get(1)?,
                vendor: r.get(2)?,
            });
        }
        Ok(out)
    }
}

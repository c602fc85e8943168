//! The transactions view's reads: lines matching the view's filters, a
//! page at a time, newest first, their count, a seek, the filter facets.
//!
//! Invariant: the page, count and seek of one query use the same WHERE
//! clause, built from the filters the query sets only (so SQLite seeks the
//! date index).
//!
//! Pages are keyset pages: the cursor is the last line shown (its date and
//! id), and the next page starts right after it in the order
//! `date DESC, id ASC`. A page costs the same at the top of a 1M-line ledger
//! and at its bottom, unlike `OFFSET`, which walks every skipped line.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::queries::{txn_from_row, txn_select, EFFECTIVE_CLASS, EFFECTIVE_VENDOR};
use super::{date_from_int, date_to_int, Ledger, LedgerError, TxnRow, TxnStatus};
use crate::classify::Class;

/// The view's filters; `None` (or an empty text) leaves a filter off.
/// Dates are inclusive local dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TxnQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub account: Option<String>,
    /// The effective class.
    pub class: Option<Class>,
    /// The effective vendor id (`openai`, ...).
    pub vendor: Option<String>,
    pub status: Option<TxnStatus>,
    /// Words the description, memo or one of the line's other fields
    /// (merchant, descriptor, goods, mcc) contains, case-insensitively.
    pub text: Option<String>,
}

/// Where a page ends: the last line it showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TxnCursor {
    pub date: NaiveDate,
    pub id: i64,
}

/// One page of lines and where the next one starts (`None`: no more).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TxnPage {
    pub rows: Vec<TxnRow>,
    pub next: Option<TxnCursor>,
}

/// What the view's filter menus offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TxnFacets {
    pub accounts: Vec<String>,
    /// The vendor ids the ledger's lines have.
    pub vendors: Vec<String>,
    /// The effective classes the ledger's lines have, by id.
    pub classes: Vec<Class>,
    /// The name to show for a vendor id (`openai` -> `OpenAI`): every vendor
    /// of the catalog, and each id of `vendors` (its own id when the catalog
    /// does not know it).
    pub vendor_names: std::collections::BTreeMap<String, String>,
}

/// The most lines one page may hold.
pub const MAX_PAGE: u32 = 1_000;

/// `text` as a LIKE pattern: `%text%`, with `%`, `_` and `\` taken literally.
fn like_pattern(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut p = String::with_capacity(t.len() + 2);
    p.push('%');
    for c in t.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    Some(p)
}

/// The WHERE clause for `query` (only the filters it sets, so SQLite can
/// seek the date index instead of testing every line) and its values.
/// `before` is the page cursor.
fn where_clause(
    query: &TxnQuery,
    before: Option<TxnCursor>,
) -> (String, Vec<rusqlite::types::Value>, bool) {
    use rusqlite::types::Value;
    let mut sql = String::from("1");
    let mut args: Vec<Value> = Vec::new();
    let mut needs_edits = false;
    let mut push = |sql: &mut String, clause: &str, v: Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(from) = query.from {
        push(
            &mut sql,
            " AND t.txn_date >= ?",
            Value::Integer(date_to_int(from)),
        );
    }
    if let Some(to) = query.to {
        push(
            &mut sql,
            " AND t.txn_date <= ?",
            Value::Integer(date_to_int(to)),
        );
    }
    if let Some(c) = before {
        let d = date_to_int(c.date);
        push(&mut sql, " AND t.txn_date <= ?", Value::Integer(d));
        push(&mut sql, " AND (t.txn_date < ?", Value::Integer(d));
        push(&mut sql, " OR t.id > ?)", Value::Integer(c.id));
    }
    if let Some(a) = blank(&query.account) {
        push(&mut sql, " AND a.name = ?", Value::Text(a.to_owned()));
    }
    if let Some(c) = query.class {
        needs_edits = true;
        push(
            &mut sql,
            &format!(" AND {EFFECTIVE_CLASS} = ?"),
            Value::Text(c.as_str().to_owned()),
        );
    }
    if let Some(v) = blank(&query.vendor) {
        needs_edits = true;
        push(
            &mut sql,
            &format!(" AND ({EFFECTIVE_VENDOR}) = ?"),
            Value::Text(v.to_owned()),
        );
    }
    if let Some(st) = query.status {
        push(
            &mut sql,
            " AND t.status = ?",
            Value::Text(st.as_str().to_owned()),
        );
    }
    if let Some(p) = query.text.as_deref().and_then(like_pattern) {
        push(
            &mut sql,
            " AND (t.description LIKE ? ESCAPE '\\'",
            Value::Text(p.clone()),
        );
        push(
            &mut sql,
            " OR t.memo LIKE ? ESCAPE '\\'",
            Value::Text(p.clone()),
        );
        push(
            &mut sql,
            " OR (t.details IS NOT NULL AND EXISTS (
                 SELECT 1 FROM json_each(t.details) WHERE json_each.value LIKE ? ESCAPE '\\')))",
            Value::Text(p),
        );
    }
    // A pending hold the user confirmed as its posted line is not shown.
    sql.push_str(
        " AND NOT (t.status = 'pending'
              AND t.id IN (SELECT pending_id FROM txn_links WHERE state = 'confirmed'))",
    );
    (sql, args, needs_edits)
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

const EDITS_JOIN: &str = "LEFT JOIN txn_edits e
    ON e.txn_date = t.txn_date AND e.account_id = t.account_id
   AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence";

/// The joins a count or a seek needs for `query`'s filters (a page always
/// takes the full select, with both).
fn joins(query: &TxnQuery, needs_edits: bool) -> String {
    let account = if blank(&query.account).is_some() {
        "JOIN accounts a ON a.id = t.account_id"
    } else {
        ""
    };
    let edits = if needs_edits { EDITS_JOIN } else { "" };
    format!("{account} {edits}")
}

impl Ledger {
    /// Up to `limit` lines (at most [`MAX_PAGE`]) matching `query`, after
    /// `cursor`, newest first.
    pub fn txn_page(
        &self,
        query: &TxnQuery,
        cursor: Option<TxnCursor>,
        limit: u32,
    ) -> Result<TxnPage, LedgerError> {
        let limit = limit.clamp(1, MAX_PAGE);
        let (clause, mut args, _) = where_clause(query, cursor);
        args.push(rusqlite::types::Value::Integer(i64::from(limit) + 1));
        let sql = format!(
            "{} WHERE {clause} ORDER BY t.txn_date DESC, t.id ASC LIMIT ?{}",
            txn_select(),
            args.len()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        let mut out = Vec::with_capacity(limit as usize);
        let mut more = false;
        while let Some(row) = rows.next()? {
            if out.len() == limit as usize {
                more = true;
                break;
            }
            out.push(txn_from_row(row)?);
        }
        let next = match (more, out.last()) {
            (true, Some(last)) => Some(TxnCursor {
                date: last.date,
                id: last.id,
            }),
            _ => None,
        };
        Ok(TxnPage { rows: out, next })
    }

    /// The cursor a page starting at `position` (0-based, in the view's
    /// order) is asked with: the line just before it. `None` for position 0
    /// or past the end. Lets the view jump (a dragged scrollbar, End) without
    /// paging through every line before the spot.
    pub fn txn_seek(
        &self,
        query: &TxnQuery,
        position: u64,
    ) -> Result<Option<TxnCursor>, LedgerError> {
        if position == 0 {
            return Ok(None);
        }
        let (clause, mut args, needs_edits) = where_clause(query, None);
        let joins = joins(query, needs_edits);
        args.push(rusqlite::types::Value::Integer(
            i64::try_from(position - 1).unwrap_or(i64::MAX),
        ));
        let sql = format!(
            "SELECT t.txn_date, t.id FROM transactions t {joins}
              WHERE {clause} ORDER BY t.txn_date DESC, t.id ASC LIMIT 1 OFFSET ?{}",
            args.len()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        match rows.next()? {
            Some(r) => {
                let day: i64 = r.get(0)?;
                let date = date_from_int(day)
                    .ok_or_else(|| LedgerError::Corrupt(format!("date {day}")))?;
                Ok(Some(TxnCursor {
                    date,
                    id: r.get(1)?,
                }))
            }
            None => Ok(None),
        }
    }

    /// The ids of every line matching `query`, in ledger order (for a
    /// change to "all matching lines").
    pub fn txn_ids(&self, query: &TxnQuery) -> Result<Vec<i64>, LedgerError> {
        let (clause, args, needs_edits) = where_clause(query, None);
        let joins = joins(query, needs_edits);
        let sql = format!("SELECT t.id FROM transactions t {joins} WHERE {clause} ORDER BY t.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    /// How many lines match `query`.
    pub fn txn_count(&self, query: &TxnQuery) -> Result<u64, LedgerError> {
        let (clause, args, needs_edits) = where_clause(query, None);
        let joins = joins(query, needs_edits);
        let sql = format!("SELECT count(*) FROM transactions t {joins} WHERE {clause}");
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// The accounts, vendors and classes the ledger's lines have (from the
    /// rollup, so it stays fast on a large ledger).
    pub fn txn_facets(&self) -> Result<TxnFacets, LedgerError> {
        let list = |sql: &str| -> Result<Vec<String>, LedgerError> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.map(|r| r.map_err(LedgerError::from)).collect()
        };
        let vendors =
            list("SELECT DISTINCT vendor FROM rollup_daily WHERE vendor <> '' ORDER BY vendor")?;
        let catalog = self.catalog();
        let mut vendor_names: std::collections::BTreeMap<String, String> = catalog
            .vendors()
            .iter()
            .map(|v| (v.id.clone(), v.name.clone()))
            .collect();
        for id in &vendors {
            vendor_names.entry(id.clone()).or_insert_with(|| id.clone());
        }
        Ok(TxnFacets {
            accounts: list("SELECT name FROM accounts ORDER BY name")?,
            vendors,
            classes: list("SELECT DISTINCT class FROM rollup_daily ORDER BY class")?
                .iter()
                .map(|c| {
                    c.parse::<Class>()
                        .map_err(|_| LedgerError::Corrupt(format!("class {c:?}")))
                })
                .collect::<Result<_, _>>()?,
            vendor_names,
        })
    }

    /// The newest and oldest statement dates, if any line exists.
    pub fn date_range(&self) -> Result<Option<(NaiveDate, NaiveDate)>, LedgerError> {
        let (lo, hi): (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT min(txn_date), max(txn_date) FROM transactions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(
            match (lo.and_then(date_from_int), hi.and_then(date_from_int)) {
                (Some(lo), Some(hi)) => Some((lo, hi)),
                _ => None,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_takes_wildcards_literally() {
        assert_eq!(like_pattern("  "), None);
        assert_eq!(
            like_pattern("50%_off\\").as_deref(),
            Some("%50\\%\\_off\\\\%")
        );
    }
}

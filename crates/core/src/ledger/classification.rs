//! Classification in the ledger: the stored class of every line, the user's
//! rules, and re-classifying after a change.
//!
//! Each line stores what the rules and the catalog say (`class`, `vendor`,
//! `product`, `class_source`, `review`, `rule_tags`); imports fill these as
//! they insert. A rule change, or a change of catalog
//! version, classifies the whole ledger again in one transaction, writing
//! only the lines whose result changed. The user's own edits live in
//! `txn_edits` and are laid over the stored columns when the ledger is read
//! (see `queries.rs`), so an edit beats any rule and survives re-import.

use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;

use super::{Ledger, LedgerError};
use crate::classify::{
    text, Catalog, Class, Classifier, Line, MatchField, MatchKind, NewRule, Rule, StoredDetails,
};
use crate::money::{from_micros, to_micros};

const RULE_SELECT: &str = "SELECT id, created_at, field, kind, pattern, min_amount, max_amount,
        account, currency, class, vendor, product, tags, priority, enabled, from_txn
   FROM rules";

fn rule_from_row(r: &Row<'_>) -> Result<Rule, LedgerError> {
    let corrupt = |what: &str, v: &str| LedgerError::Corrupt(format!("rule {what} {v:?}"));
    let field: String = r.get(2)?;
    let kind: String = r.get(3)?;
    let class: String = r.get(9)?;
    let tags: Option<String> = r.get(12)?;
    Ok(Rule {
        id: r.get(0)?,
        created_at: r.get(1)?,
        rule: NewRule {
            field: MatchField::parse(&field).ok_or_else(|| corrupt("field", &field))?,
            kind: MatchKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
            pattern: r.get(4)?,
            min_amount: r.get::<_, Option<i64>>(5)?.map(from_micros),
            max_amount: r.get::<_, Option<i64>>(6)?.map(from_micros),
            account: r.get(7)?,
            currency: r.get(8)?,
            class: class.parse().map_err(|_| corrupt("class", &class))?,
            vendor: r.get(10)?,
            product: r.get(11)?,
            tags: match tags {
                Some(t) => serde_json::from_str(&t).map_err(|_| corrupt("tags", &t))?,
                None => Vec::new(),
            },
            priority: r.get(13)?,
        },
        enabled: r.get::<_, i64>(14)? != 0,
        from_txn: r.get(15)?,
    })
}

fn load_rules(conn: &Connection) -> Result<Vec<Rule>, LedgerError> {
    let mut stmt = conn.prepare(&format!("{RULE_SELECT} ORDER BY priority DESC, id ASC"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(rule_from_row(r)?);
    }
    Ok(out)
}

/// A classifier with the ledger's rules, every account already known to it.
pub(crate) fn classifier(
    conn: &Connection,
    catalog: &Arc<Catalog>,
) -> Result<Classifier, LedgerError> {
    let rules = load_rules(conn)?;
    let mut c = Classifier::new(Arc::clone(catalog), &rules)?;
    if c.rules_name_accounts().next().is_some() {
        let mut stmt = conn.prepare("SELECT id, name FROM accounts")?;
        let accounts = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        for (id, name) in accounts {
            c.note_account(id, &name);
        }
    }
    Ok(c)
}

/// The columns a stored line is classified from, in the order
/// [`StoredLine::read`] takes them.
pub(super) const LINE_COLUMNS: &str = "description, source_type, memo, amount, currency, \
     original_amount, original_currency, account_id, details, category";

/// Writes a classification (`?1` the line's id, then class, vendor,
/// product, source, review, rule tags, explanation).
pub(super) const WRITE_CLASS: &str =
    "UPDATE transactions SET class = ?2, vendor = ?3, product = ?4, class_source = ?5,
            review = ?6, rule_tags = ?7, decided_by = ?8
      WHERE id = ?1";

/// Writes line `id`'s classification with a statement of [`WRITE_CLASS`].
pub(super) fn write_class(
    write: &mut rusqlite::Statement<'_>,
    id: i64,
    v: &crate::classify::View<'_>,
) -> rusqlite::Result<usize> {
    write.execute(params![
        id,
        v.class.as_str(),
        v.vendor,
        v.product,
        v.source,
        v.review,
        v.tags,
        v.decided_by
    ])
}

/// A stored line as the classifier reads it, owning its text.
#[derive(Debug)]
pub(super) struct StoredLine {
    description: String,
    source_type: Option<String>,
    memo: Option<String>,
    amount: i64,
    currency: String,
    original_amount: Option<i64>,
    original_currency: Option<String>,
    account_id: Option<i64>,
    details: StoredDetails,
    category: Option<String>,
}

impl StoredLine {
    /// Reads [`LINE_COLUMNS`] from `r`, the first at column `at`.
    pub(super) fn read(r: &Row<'_>, at: usize) -> rusqlite::Result<StoredLine> {
        let details: Option<String> = r.get(at + 8)?;
        Ok(StoredLine {
            description: r.get(at)?,
            source_type: r.get(at + 1)?,
            memo: r.get(at + 2)?,
            amount: r.get(at + 3)?,
            currency: r.get(at + 4)?,
            original_amount: r.get(at + 5)?,
            original_currency: r.get(at + 6)?,
            account_id: r.get(at + 7)?,
            details: StoredDetails::parse(details.as_deref()),
            category: r.get(at + 9)?,
        })
    }

    pub(super) fn line(&self) -> Line<'_> {
        Line {
            description: &self.description,
            details: self.details.details(),
            category: self.category.as_deref(),
            source_type: self.source_type.as_deref(),
            memo: self.memo.as_deref(),
            amount: self.amount,
            currency: &self.currency,
            original_amount: self.original_amount,
            original_currency: self.original_currency.as_deref(),
            account_id: self.account_id,
        }
    }
}

/// Classifies every line again; returns how many lines changed.
fn reclassify_all(conn: &Connection, catalog: &Arc<Catalog>) -> Result<u64, LedgerError> {
    let mut cl = classifier(conn, catalog)?;
    let mut read = conn.prepare(&format!(
        "SELECT id, {LINE_COLUMNS}, class, vendor, product, class_source,
                review, rule_tags, decided_by
           FROM transactions
          WHERE id NOT IN (SELECT refund_id FROM refund_links)"
    ))?;
    let mut write = conn.prepare(WRITE_CLASS)?;
    let mut rows = read.query([])?;
    let mut changed = 0u64;
    // The rollup follows line by line (out before the write, back in after)
    // until so many lines changed that one rebuild at the end is cheaper.
    let mut rebuild = false;
    while let Some(r) = rows.next()? {
        let stored = StoredLine::read(r, 1)?;
        let line = stored.line();
        let o = cl.outcome(&line);
        let v = cl.view(&o);
        let old: [Option<String>; 7] = [
            r.get(11)?,
            r.get(12)?,
            r.get(13)?,
            r.get(14)?,
            r.get(15)?,
            r.get(16)?,
            r.get(17)?,
        ];
        let new = [
            Some(v.class.as_str()),
            v.vendor,
            v.product,
            Some(v.source),
            v.review,
            v.tags,
            v.decided_by,
        ];
        let same = old.iter().map(Option::as_deref).eq(new);
        if !same {
            let id: i64 = r.get(0)?;
            rebuild = rebuild || changed >= super::rollup::REBUILD_AFTER;
            // Past the count, the line is still noted for the stored
            // subscription detection (its vendor detected again), not counted.
            if rebuild {
                super::tally::note_changed(conn, id)?;
            } else {
                super::rollup::remove_line(conn, id)?;
            }
            write_class(&mut write, id, &v)?;
            if rebuild {
                super::tally::note_changed(conn, id)?;
            } else {
                super::rollup::add_line(conn, id)?;
            }
            changed += 1;
        }
    }
    // Paired refunds follow their purchase (ledger/refunds.rs).
    changed += super::refunds::follow_purchases(conn)?;
    if rebuild {
        super::rollup::rebuild_noted(conn)?;
    } else if changed > 0 {
        super::rollup::finish_lines(conn)?;
    }
    Ok(changed)
}

/// Re-classifies when the stored classes came from another catalog version
/// (or none: a ledger just migrated). Returns the lines changed.
pub(crate) fn ensure_classified(
    conn: &mut Connection,
    catalog: &Arc<Catalog>,
) -> Result<u64, LedgerError> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT catalog_version FROM classify_state WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if stored.as_deref() == Some(catalog.version()) {
        return Ok(0);
    }
    let tx = conn.transaction()?;
    let changed = reclassify_all(&tx, catalog)?;
    tx.execute(
        "INSERT INTO classify_state (id, catalog_version) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET catalog_version = excluded.catalog_version",
        [catalog.version()],
    )?;
    tx.commit()?;
    Ok(changed)
}

/// What a rule change did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(rename = "RuleFromTxn")]
pub struct RuleChange {
    pub rule: Rule,
    /// Lines whose class, vendor, product or tags changed.
    pub reclassified: u64,
}

impl Ledger {
    /// The catalog this ledger classifies with.
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// Classifies with `catalog` from now on, re-classifying the ledger if
    /// its version differs from the one the stored classes came from.
    pub fn use_catalog(&mut self, catalog: Catalog) -> Result<u64, LedgerError> {
        self.catalog = Arc::new(catalog);
        ensure_classified(&mut self.conn, &self.catalog)
    }

    /// Classifies every line again (rules and catalog); returns the lines
    /// that changed.
    pub fn reclassify(&mut self) -> Result<u64, LedgerError> {
        let tx = self.conn.transaction()?;
        let n = reclassify_all(&tx, &self.catalog)?;
        tx.commit()?;
        Ok(n)
    }

    /// Every rule, in the order they run.
    pub fn rules(&self) -> Result<Vec<Rule>, LedgerError> {
        load_rules(&self.conn)
    }

    pub fn rule(&self, id: i64) -> Result<Rule, LedgerError> {
        let mut stmt = self.conn.prepare(&format!("{RULE_SELECT} WHERE id = ?1"))?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(r) => rule_from_row(r),
            None => Err(LedgerError::NoSuchRule(id)),
        }
    }

    /// Adds a rule and re-classifies the ledger, in one transaction.
    pub fn add_rule(&mut self, rule: NewRule) -> Result<RuleChange, LedgerError> {
        self.insert_rule(rule, None)
    }

    fn insert_rule(
        &mut self,
        rule: NewRule,
        from_txn: Option<i64>,
    ) -> Result<RuleChange, LedgerError> {
        let rule = rule.validate()?;
        let micros = |d: Option<Decimal>| -> Result<Option<i64>, LedgerError> {
            d.map(|d| {
                to_micros(d.abs()).map_err(|_| {
                    LedgerError::Classify(crate::classify::ClassifyError::amount_out_of_range(d))
                })
            })
            .transpose()
        };
        let tags = (!rule.tags.is_empty())
            .then(|| serde_json::to_string(&rule.tags).unwrap_or_else(|_| "[]".into()));
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO rules (created_at, field, kind, pattern, min_amount, max_amount,
                                account, currency, class, vendor, product, tags, priority,
                                enabled, from_txn)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14)",
            params![
                crate::clock::now_utc_text(),
                rule.field.as_str(),
                rule.kind.as_str(),
                rule.pattern,
                micros(rule.min_amount)?,
                micros(rule.max_amount)?,
                rule.account,
                rule.currency,
                rule.class.as_str(),
                rule.vendor,
                rule.product,
                tags,
                rule.priority,
                from_txn
            ],
        )?;
        let id = tx.last_insert_rowid();
        let reclassified = reclassify_all(&tx, &self.catalog)?;
        tx.commit()?;
        Ok(RuleChange {
            rule: self.rule(id)?,
            reclassified,
        })
    }

    /// Removes a rule and re-classifies the ledger.
    pub fn remove_rule(&mut self, id: i64) -> Result<RuleChange, LedgerError> {
        let rule = self.rule(id)?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM rules WHERE id = ?1", [id])?;
        let reclassified = reclassify_all(&tx, &self.catalog)?;
        tx.commit()?;
        Ok(RuleChange { rule, reclassified })
    }

    /// Turns a rule on or off and re-classifies the ledger.
    pub fn set_rule_enabled(&mut self, id: i64, enabled: bool) -> Result<RuleChange, LedgerError> {
        self.rule(id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE rules SET enabled = ?2 WHERE id = ?1",
            params![id, i64::from(enabled)],
        )?;
        let reclassified = reclassify_all(&tx, &self.catalog)?;
        tx.commit()?;
        Ok(RuleChange {
            rule: self.rule(id)?,
            reclassified,
        })
    }

    /// The rule a line's current class, vendor and product make: lines with
    /// the same merchant get the same.
    pub fn rule_from_txn(&self, txn_id: i64) -> Result<NewRule, LedgerError> {
        let t = self.transaction(txn_id)?;
        let class = t.class.unwrap_or(Class::Everyday);
        // The bank's clean merchant name where it gives one.
        let pattern = match t.details.merchant.as_deref() {
            Some(m) if !m.trim().is_empty() => m.trim().to_owned(),
            _ => text::merchant(&t.description),
        };
        Ok(NewRule {
            field: MatchField::Merchant,
            kind: MatchKind::Contains,
            pattern,
            min_amount: None,
            max_amount: None,
            account: None,
            currency: None,
            class,
            vendor: if class.is_ai() { t.vendor } else { None },
            product: if class.is_ai() { t.product } else { None },
            tags: t.tags,
            priority: 0,
        })
    }

    /// Makes a rule from a line in one step ([`Ledger::rule_from_txn`]) and
    /// re-classifies the ledger with it.
    pub fn add_rule_from_txn(&mut self, txn_id: i64) -> Result<RuleChange, LedgerError> {
        let rule = self.rule_from_txn(txn_id)?;
        self.insert_rule(rule, Some(txn_id))
    }
}

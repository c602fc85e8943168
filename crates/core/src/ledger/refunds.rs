//! Refunds paired with their purchases, so that every total nets to what the
//! money really did (Alipay and WeChat Pay bills).
//!
//! Both wallets write a refund as a line of its own, money in, beside the
//! purchase line it gives money back for:
//!
//! - Alipay: the refund's `交易分类` is `退款`, its `商品说明` reads
//!   `退款-<goods>`, its status `退款成功`, and its `交易订单号` is the
//!   purchase's order number with the refund's own number glued on
//!   (`<order>_<refund>`, sometimes `<order>*<refund>`; anonymised exports
//!   repeat the order number as it is). A purchase refunded in full is
//!   `交易关闭` (kept `reverted` by the importer); a partly refunded one
//!   stays `交易成功`.
//! - WeChat Pay: the refund's `交易类型` ends in `退款` (`退款`,
//!   `<merchant>-退款`), its `交易对方` is the purchase's, and its ids are
//!   the refund's own (nothing in the bill ties them to the purchase's). The
//!   purchase says what happened in its status: `已全额退款` (kept
//!   `reverted` by the importer) or `已退款(￥5.00)` (partly; `posted`).
//!
//! Counted as it stands, the refund is income and the summary is off by it
//! (a refunded ChatGPT Plus shows +145 in everyday instead of nothing).
//!
//! ## Which purchase
//!
//! After every import of such a bill, each refund line of the accounts it
//! touched that has no purchase yet (in this file or any earlier one: a
//! refund imported next month pairs with the purchase already in the
//! ledger, and a purchase imported after its refund pairs too) looks for
//! one in the same account and currency, money out, in a bill of the same
//! wallets:
//!
//! 1. **by order id**: the purchase whose id is the refund's id up to its
//!    first `_` or `*`, or the refund's id itself; a refund whose id names
//!    an order (`<order>_<refund>`) pairs with that order or nothing;
//! 2. **by counterparty**, for a refund whose id names no order (WeChat
//!    Pay, anonymised exports): the same `交易对方`, dated on the refund's
//!    day or up to [`WITHIN_DAYS`] before it.
//!
//! The refund must fit in what is left of the purchase (its amount less the
//! refunds already paired with it). Among several: one the refund empties
//! exactly first (a closed purchase before a posted one: a purchase
//! refunded in full is closed), then a posted one before a closed one (a
//! partly refunded purchase stays posted), then the nearest before the
//! refund.
//!
//! ## What a pair does
//!
//! | purchase | refund | then |
//! |---|---|---|
//! | reverted (closed, refunded in full) | any part | the refund is `reverted` too: no money moved |
//! | posted or pending, no refund before | the whole amount | both `reverted`: the money came back |
//! | posted or pending | a part (or the rest, after other parts) | the refund stays `posted` |
//!
//! In every case the refund takes the purchase's class, vendor, product and
//! rule tags (`class_source` `refund:<purchase id>`), so a partial refund of
//! an AI plan nets inside `ai-subscription` (the summary's `amount`; its
//! `spent` and the AI share still show the charge, `received` the refund),
//! and a client's reimbursement takes the refunds of the purchases tagged
//! for the client (`reimburse::client_rows`). Reverted lines count nowhere
//! (summary, rollup, subscriptions, reimbursements, balances; the journal
//! export writes them as comments), so a full refund nets to zero
//! everywhere. The
//! pair is a row of `refund_links`, which keeps each line's status from
//! before: undoing either line's batch puts the other back as its own file
//! wrote it (the refund classified again on its own). Re-classification
//! (a rule, a new catalog) leaves paired refunds to follow their purchase.
//!
//! A refund with no purchase in the ledger stays what its file says: money
//! in, classified by its own counterparty and goods like any line (a refund
//! from OpenAI is an AI line, one from a coffee shop everyday); the import
//! names it (`unmatched_refunds`) and pairs it when the purchase arrives.
//! A user's edit of the purchase's class is not carried to the refund; edit
//! the refund too.

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use super::classification::{write_class, StoredLine, LINE_COLUMNS, WRITE_CLASS};
use super::{date_from_int, date_to_int, rollup, LedgerError};
use crate::classify::Catalog;

/// How many days before its refund a purchase may be dated to pair by
/// counterparty alone.
pub const WITHIN_DAYS: u64 = 366;

/// The formats whose bills hold refund lines this module pairs.
pub(crate) const FORMATS: [&str; 3] = ["alipay-csv", "wechat-pay-csv", "wechat-pay-xlsx"];

const FORMATS_SQL: &str = "('alipay-csv', 'wechat-pay-csv', 'wechat-pay-xlsx')";

/// Whether a line `t` of batch `b` is a refund line (money in, not itself
/// reverted, written as a refund by its wallet: Alipay's category `退款` or
/// goods `退款-…` (in the memo on lines imported before migration 11),
/// WeChat's type `…-退款`).
const IS_REFUND: &str = "t.amount > 0 AND t.status != 'reverted' AND (
       (b.format = 'alipay-csv' AND (t.category = '退款' OR t.memo LIKE '退款%'
                                      OR json_extract(t.details, '$.goods') LIKE '退款%'))
    OR (b.format IN ('wechat-pay-csv', 'wechat-pay-xlsx') AND t.category LIKE '%退款'))";

/// Whether imports of this format pair refunds.
pub(crate) fn pairs_refunds(format_id: &str) -> bool {
    FORMATS.contains(&format_id)
}

/// What pairing did in one import.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Pairing {
    /// Pairs made.
    pub paired: u64,
    /// The physical lines of this batch's rows in them (first few).
    pub paired_lines: Vec<u64>,
    /// Of them, pairs whose lines were both reverted (a full refund).
    pub reverted: u64,
    /// Refund lines of this batch left without a purchase.
    pub unmatched: u64,
    pub unmatched_lines: Vec<u64>,
}

/// How many lines a notice lists.
const NOTICE_LINES: usize = 10;

#[derive(Debug, Clone)]
struct Refund {
    id: i64,
    account_id: i64,
    date: i64,
    amount: i64,
    currency: String,
    source_id: Option<String>,
    description: String,
    source_line: u64,
    batch_id: i64,
}

#[derive(Debug, Clone)]
struct Purchase {
    id: i64,
    date: i64,
    amount: i64,
    status: String,
    source_line: u64,
    batch_id: i64,
}

/// The id ranges of the batches whose lines may be refunds or purchases:
/// every imported batch of the wallets' formats, and `current` (a batch
/// being written, whose range is not recorded yet).
fn batch_ranges(
    conn: &Connection,
    current: Option<(i64, i64, i64)>,
) -> rusqlite::Result<Vec<(i64, i64, i64)>> {
    let mut out: Vec<(i64, i64, i64)> = conn
        .prepare(&format!(
            "SELECT id, first_txn_id, last_txn_id FROM import_batches
              WHERE status = 'imported' AND format IN {FORMATS_SQL}
                AND first_txn_id IS NOT NULL AND last_txn_id IS NOT NULL"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(c) = current {
        out.retain(|b| b.0 != c.0);
        out.push(c);
    }
    Ok(out)
}

/// The refund lines without a purchase, in `accounts`, oldest first.
fn open_refunds(
    conn: &Connection,
    ranges: &[(i64, i64, i64)],
    accounts: &[i64],
) -> rusqlite::Result<Vec<Refund>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id, t.account_id, t.txn_date, t.amount, t.currency, t.source_id,
                t.description, t.source_line, t.batch_id
           FROM transactions t JOIN import_batches b ON b.id = t.batch_id
          WHERE t.id BETWEEN ?1 AND ?2 AND t.batch_id = ?3 AND {IS_REFUND}
            AND NOT EXISTS (SELECT 1 FROM refund_links l WHERE l.refund_id = t.id)"
    ))?;
    let mut out = Vec::new();
    for &(batch, first, last) in ranges {
        let rows = stmt.query_map(params![first, last, batch], |r| {
            Ok(Refund {
                id: r.get(0)?,
                account_id: r.get(1)?,
                date: r.get(2)?,
                amount: r.get(3)?,
                currency: r.get(4)?,
                source_id: r.get(5)?,
                description: r.get(6)?,
                source_line: r.get::<_, i64>(7)?.max(0) as u64,
                batch_id: r.get(8)?,
            })
        })?;
        for r in rows {
            let r = r?;
            if accounts.contains(&r.account_id) {
                out.push(r);
            }
        }
    }
    out.sort_by_key(|r| (r.date, r.id));
    Ok(out)
}

/// The order number a refund's id names: up to its first `_` or `*`.
fn order_of(source_id: &str) -> &str {
    source_id
        .split(['_', '*'])
        .next()
        .unwrap_or(source_id)
        .trim()
}

fn purchase_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Purchase> {
    Ok(Purchase {
        id: r.get(0)?,
        date: r.get(1)?,
        amount: r.get(2)?,
        status: r.get(3)?,
        source_line: r.get::<_, i64>(4)?.max(0) as u64,
        batch_id: r.get(5)?,
    })
}

const PURCHASE_COLUMNS: &str = "t.id, t.txn_date, t.amount, t.status, t.source_line, t.batch_id";

/// The purchases `refund` may belong to, and how they were found.
fn candidates(
    conn: &Connection,
    ranges: &[(i64, i64, i64)],
    refund: &Refund,
) -> rusqlite::Result<(Vec<Purchase>, &'static str)> {
    if let Some(id) = refund.source_id.as_deref() {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {PURCHASE_COLUMNS}
               FROM transactions t JOIN import_batches b ON b.id = t.batch_id
              WHERE t.account_id = ?1 AND t.source_id = ?2 AND t.amount < 0
                AND t.currency = ?3 AND b.format IN {FORMATS_SQL}"
        ))?;
        let mut found = Vec::new();
        let order = order_of(id);
        for key in [order, id] {
            for p in stmt.query_map(
                params![refund.account_id, key, refund.currency],
                purchase_from_row,
            )? {
                let p = p?;
                if !found.iter().any(|f: &Purchase| f.id == p.id) {
                    found.push(p);
                }
            }
            if order == id {
                break;
            }
        }
        if !found.is_empty() {
            return Ok((found, "order id"));
        }
        if order != id {
            // The id names its order, and no purchase carries it: the
            // purchase is not in the ledger (yet). Another purchase of the
            // same counterparty is not it.
            return Ok((Vec::new(), "order id"));
        }
    }
    let hi = refund.date;
    let lo = date_from_int(hi)
        .and_then(|d: NaiveDate| d.checked_sub_days(Days::new(WITHIN_DAYS)))
        .map_or(hi, date_to_int);
    // Only the wallets' own lines, batch by batch through their id ranges:
    // a ledger may hold a million card lines besides, and no index serves
    // a counterparty.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PURCHASE_COLUMNS} FROM transactions t
          WHERE t.id BETWEEN ?1 AND ?2 AND t.batch_id = ?3
            AND t.txn_date BETWEEN ?4 AND ?5 AND t.account_id = ?6
            AND t.description = ?7 AND t.amount < 0 AND t.currency = ?8"
    ))?;
    let mut found = Vec::new();
    for &(batch, first, last) in ranges {
        for p in stmt.query_map(
            params![
                first,
                last,
                batch,
                lo,
                hi,
                refund.account_id,
                refund.description,
                refund.currency
            ],
            purchase_from_row,
        )? {
            found.push(p?);
        }
    }
    Ok((found, "counterparty and amount"))
}

/// What is left of a purchase to refund, and how many refunds it has.
fn refunded(conn: &Connection, purchase: i64) -> rusqlite::Result<(i64, u64)> {
    conn.prepare_cached(
        "SELECT coalesce(sum(r.amount), 0), count(*)
           FROM refund_links l JOIN transactions r ON r.id = l.refund_id
          WHERE l.purchase_id = ?1",
    )?
    .query_row([purchase], |r| {
        Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
    })
}

/// Sets a line's status, keeping the rollup in step.
fn set_status(conn: &Connection, id: i64, status: &str) -> rusqlite::Result<()> {
    rollup::remove_line(conn, id)?;
    conn.prepare_cached("UPDATE transactions SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status])?;
    rollup::add_line(conn, id)
}

/// Gives the refund its purchase's class, vendor, product and rule tags,
/// keeping the rollup in step. Returns whether anything changed.
fn follow(conn: &Connection, refund: i64, purchase: i64) -> rusqlite::Result<bool> {
    let differs: bool = conn
        .prepare_cached(
            "SELECT r.class IS NOT p.class OR r.vendor IS NOT p.vendor
                    OR r.product IS NOT p.product OR r.rule_tags IS NOT p.rule_tags
                    OR r.review IS NOT NULL OR r.class_source IS NOT ('refund:' || p.id)
               FROM transactions r, transactions p WHERE r.id = ?1 AND p.id = ?2",
        )?
        .query_row(params![refund, purchase], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if !differs {
        return Ok(false);
    }
    rollup::remove_line(conn, refund)?;
    conn.prepare_cached(
        "UPDATE transactions SET (class, vendor, product, rule_tags, review, class_source,
                                  decided_by) =
                (SELECT p.class, p.vendor, p.product, p.rule_tags, NULL, 'refund:' || p.id, NULL
                   FROM transactions p WHERE p.id = ?2)
          WHERE id = ?1",
    )?
    .execute(params![refund, purchase])?;
    rollup::add_line(conn, refund)?;
    Ok(true)
}

/// Pairs every refund line without a purchase in `accounts` (see the
/// module). `current` is the batch being written, `(id, first, last)`, whose
/// lines count as this import's for the notices.
pub(crate) fn pair(
    conn: &Connection,
    accounts: &[i64],
    current: Option<(i64, i64, i64)>,
) -> rusqlite::Result<Pairing> {
    let ranges = batch_ranges(conn, current)?;
    let refunds = open_refunds(conn, &ranges, accounts)?;
    let this_batch = |batch: i64| current.is_some_and(|c| c.0 == batch);
    let mut out = Pairing::default();
    for refund in refunds {
        let (found, how) = candidates(conn, &ranges, &refund)?;
        let mut best: Option<(Purchase, i64, u64)> = None;
        let mut best_key = None;
        for p in found {
            if p.id == refund.id {
                continue;
            }
            let (back, links) = refunded(conn, p.id)?;
            let left = -p.amount - back;
            if refund.amount > left {
                continue;
            }
            let exact = refund.amount == left;
            let closed = p.status == "reverted";
            // Exact: a closed purchase first; partial: a posted one first.
            let key = (!exact, if exact { !closed } else { closed }, -p.date, -p.id);
            if best_key.as_ref().is_none_or(|k| key < *k) {
                best_key = Some(key);
                best = Some((p, left, links));
            }
        }
        let Some((purchase, left, links)) = best else {
            if this_batch(refund.batch_id) {
                out.unmatched += 1;
                if out.unmatched_lines.len() < NOTICE_LINES {
                    out.unmatched_lines.push(refund.source_line);
                }
            }
            continue;
        };
        let refund_status: String = conn.query_row(
            "SELECT status FROM transactions WHERE id = ?1",
            [refund.id],
            |r| r.get(0),
        )?;
        conn.prepare_cached(
            "INSERT INTO refund_links (refund_id, purchase_id, matched_by, refund_status,
                                       purchase_status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            refund.id,
            purchase.id,
            how,
            refund_status,
            purchase.status,
            crate::clock::now_utc_text()
        ])?;
        let full = refund.amount == left && links == 0;
        if purchase.status == "reverted" {
            set_status(conn, refund.id, "reverted")?;
            out.reverted += 1;
        } else if full {
            set_status(conn, purchase.id, "reverted")?;
            set_status(conn, refund.id, "reverted")?;
            out.reverted += 1;
        }
        follow(conn, refund.id, purchase.id)?;
        out.paired += 1;
        for (batch, line) in [
            (refund.batch_id, refund.source_line),
            (purchase.batch_id, purchase.source_line),
        ] {
            if this_batch(batch) && out.paired_lines.len() < NOTICE_LINES {
                out.paired_lines.push(line);
            }
        }
    }
    rollup::finish_lines(conn)?;
    out.paired_lines.sort_unstable();
    out.paired_lines.dedup();
    Ok(out)
}

/// Migration 10: pairs the refunds already in a ledger.
pub(crate) fn pair_all(conn: &Connection) -> rusqlite::Result<()> {
    let accounts: Vec<i64> = conn
        .prepare("SELECT id FROM accounts")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    pair(conn, &accounts, None)?;
    Ok(())
}

/// After a re-classification: each paired refund takes its purchase's
/// class again. Returns the refunds that changed.
pub(crate) fn follow_purchases(conn: &Connection) -> rusqlite::Result<u64> {
    let pairs: Vec<(i64, i64)> = conn
        .prepare("SELECT refund_id, purchase_id FROM refund_links")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = 0;
    for (refund, purchase) in pairs {
        if follow(conn, refund, purchase)? {
            changed += 1;
        }
    }
    Ok(changed)
}

/// Before the lines of batch `batch` (ids `first..=last`) are deleted:
/// every pair with one line in the batch and one outside it is undone, the
/// line outside put back as its own file wrote it. True when it changed
/// such a line.
pub(crate) fn unpair_batch(
    conn: &Connection,
    catalog: &Arc<Catalog>,
    first: i64,
    last: i64,
    batch: i64,
) -> Result<bool, LedgerError> {
    type Pair = (i64, i64, String, String, i64, i64);
    let pairs: Vec<Pair> = conn
        .prepare(
            "SELECT l.refund_id, l.purchase_id, l.refund_status, l.purchase_status,
                    r.batch_id, p.batch_id
               FROM refund_links l
               JOIN transactions r ON r.id = l.refund_id
               JOIN transactions p ON p.id = l.purchase_id
              WHERE (l.refund_id BETWEEN ?1 AND ?2 AND r.batch_id = ?3)
                 OR (l.purchase_id BETWEEN ?1 AND ?2 AND p.batch_id = ?3)",
        )?
        .query_map(params![first, last, batch], |r| Pair::try_from(r))?
        .collect::<rusqlite::Result<_>>()?;
    let mut classifier = None;
    let mut others = false;
    for (refund, purchase, refund_status, purchase_status, refund_batch, purchase_batch) in pairs {
        conn.execute("DELETE FROM refund_links WHERE refund_id = ?1", [refund])?;
        if refund_batch == batch && purchase_batch != batch {
            others = true;
            set_status(conn, purchase, &purchase_status)?;
        } else if purchase_batch == batch && refund_batch != batch {
            others = true;
            set_status(conn, refund, &refund_status)?;
            let c = match &mut classifier {
                Some(c) => c,
                None => classifier.insert(super::classification::classifier(conn, catalog)?),
            };
            classify_alone(conn, c, refund)?;
        }
    }
    rollup::finish_lines(conn)?;
    Ok(others)
}

/// Classifies one line by its own fields again (a refund whose purchase
/// went), keeping the rollup in step.
fn classify_alone(
    conn: &Connection,
    classifier: &mut crate::classify::Classifier,
    id: i64,
) -> Result<(), LedgerError> {
    let stored = conn.query_row(
        &format!("SELECT {LINE_COLUMNS} FROM transactions WHERE id = ?1"),
        [id],
        |r| StoredLine::read(r, 0),
    )?;
    let outcome = classifier.outcome(&stored.line());
    let v = classifier.view(&outcome);
    rollup::remove_line(conn, id)?;
    write_class(&mut *conn.prepare_cached(WRITE_CLASS)?, id, &v)?;
    rollup::add_line(conn, id)?;
    Ok(())
}

/// A refund and the purchase it was paired with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RefundLink {
    pub refund_id: i64,
    pub purchase_id: i64,
    /// `order id` or `counterparty and amount`.
    pub matched_by: String,
}

impl super::Ledger {
    /// Every refund paired with its purchase, by refund id.
    pub fn refund_links(&self) -> Result<Vec<RefundLink>, LedgerError> {
        Ok(self
            .conn
            .prepare(
                "SELECT refund_id, purchase_id, matched_by FROM refund_links ORDER BY refund_id",
            )?
            .query_map([], |r| {
                Ok(RefundLink {
                    refund_id: r.get(0)?,
                    purchase_id: r.get(1)?,
                    matched_by: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refund_id_names_its_order_up_to_the_first_separator() {
        assert_eq!(
            order_of("2026021022001100110000000009_8840001"),
            "2026021022001100110000000009"
        );
        assert_eq!(
            order_of("2026021022001100110000000009*1"),
            "2026021022001100110000000009"
        );
        assert_eq!(
            order_of("2026021022001100110000000009"),
            "2026021022001100110000000009"
        );
    }
}

//! The summary rollup (`rollup_daily`, migration 0005), kept exactly in step
//! with the lines it sums.
//!
//! A line's contribution is keyed by its local date, account, *effective*
//! class and vendor (the user's edit over the stored columns, as
//! [`super::queries`] lays them), billed and original currency, and status.
//! Reverted lines contribute nothing. Every write path adds or removes the
//! contributions of the lines it touches inside its own transaction:
//!
//! | write | how |
//! |---|---|
//! | import | [`add_range`] over the batch's id range, after its inserts |
//! | undo of a batch | [`remove_range`] before the lines are deleted |
//! | re-classification | per changed line [`remove_line`] / [`add_line`]; past [`REBUILD_AFTER`] changed lines, [`rebuild`] once at the end |
//! | edit of a line | [`remove_line`] before the edit, [`add_line`] after |
//! | migration 0005 | the same grouped SELECT over every line |
//!
//! [`differences`] compares the rollup with a plain GROUP BY (tests).

use rusqlite::{params, Connection};

use super::LedgerError;

/// After this many changed lines a re-classification stops updating the
/// rollup line by line and rebuilds it once at the end.
pub(crate) const REBUILD_AFTER: u64 = 20_000;

/// The grouped contribution of the lines `t` that `filter` selects, times
/// `sign`. Columns in `rollup_daily` order.
fn grouped_select(sign: i64, filter: &str) -> String {
    format!(
        "SELECT t.txn_date, t.account_id,
                coalesce(e.class, t.class, 'everyday'),
                coalesce({vendor}, ''),
                t.currency, coalesce(t.original_currency, ''), t.status,
                {sign} * count(*),
                {sign} * sum(CASE WHEN t.amount < 0 THEN t.amount ELSE 0 END),
                {sign} * sum(CASE WHEN t.amount > 0 THEN t.amount ELSE 0 END),
                {sign} * sum(CASE WHEN t.amount < 0 THEN coalesce(t.original_amount, 0) ELSE 0 END),
                {sign} * sum(CASE WHEN t.amount < 0 THEN 0 ELSE coalesce(t.original_amount, 0) END)
           FROM transactions t
           LEFT JOIN txn_edits e
             ON e.txn_date = t.txn_date AND e.account_id = t.account_id
            AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence
          WHERE t.status IN ('posted', 'pending') AND ({filter})
          GROUP BY 1, 2, 3, 4, 5, 6, 7",
        vendor = super::queries::EFFECTIVE_VENDOR,
    )
}

fn upsert(sign: i64, filter: &str) -> String {
    format!(
        "INSERT INTO rollup_daily (day, account_id, class, vendor, currency, orig_currency,
                                   status, n, debit, credit, orig_debit, orig_credit)
         {}
         ON CONFLICT (day, account_id, class, vendor, currency, orig_currency, status)
         DO UPDATE SET n = n + excluded.n, debit = debit + excluded.debit,
                       credit = credit + excluded.credit,
                       orig_debit = orig_debit + excluded.orig_debit,
                       orig_credit = orig_credit + excluded.orig_credit",
        grouped_select(sign, filter)
    )
}

/// Drops keys no line contributes to any more.
fn prune(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM rollup_daily WHERE n = 0")?
        .execute([])?;
    Ok(())
}

/// Adds the lines with ids in `[first, last]` (a batch just written).
pub(crate) fn add_range(conn: &Connection, first: i64, last: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(&upsert(1, "t.id BETWEEN ?1 AND ?2"))?
        .execute(params![first, last])?;
    Ok(())
}

/// Removes the lines of `batch` with ids in `[first, last]` (before they go).
pub(crate) fn remove_range(
    conn: &Connection,
    first: i64,
    last: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(&upsert(-1, "t.id BETWEEN ?1 AND ?2 AND t.batch_id = ?3"))?
        .execute(params![first, last, batch])?;
    prune(conn)
}

/// Adds one line's contribution (after its classification changed).
pub(crate) fn add_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(&upsert(1, "t.id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// Removes one line's contribution (before its classification changes).
/// Call [`finish_lines`] once after a run of these.
pub(crate) fn remove_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(&upsert(-1, "t.id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// Drops the keys a run of [`remove_line`] emptied.
pub(crate) fn finish_lines(conn: &Connection) -> rusqlite::Result<()> {
    prune(conn)
}

/// Computes the rollup again from every line.
pub(crate) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM rollup_daily", [])?;
    conn.execute(&upsert(1, "1"), [])?;
    Ok(())
}

/// One key of the rollup and its sums.
type RollupRow = (i64, i64, String, String, String, String, String, [i64; 5]);

fn read_rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<RollupRow>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
        ))
    })?;
    rows.collect()
}

/// Where the rollup and a plain GROUP BY over the lines disagree, one line of
/// text per key (empty when they agree exactly).
pub(crate) fn differences(conn: &Connection) -> Result<Vec<String>, LedgerError> {
    let order = "ORDER BY 1, 2, 3, 4, 5, 6, 7";
    let stored = read_rows(
        conn,
        &format!(
            "SELECT day, account_id, class, vendor, currency, orig_currency, status,
                    n, debit, credit, orig_debit, orig_credit FROM rollup_daily {order}"
        ),
    )?;
    let fresh = read_rows(conn, &format!("{} {order}", grouped_select(1, "1")))?;
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < stored.len() || j < fresh.len() {
        let key = |r: &RollupRow| {
            (
                r.0,
                r.1,
                r.2.clone(),
                r.3.clone(),
                r.4.clone(),
                r.5.clone(),
                r.6.clone(),
            )
        };
        match (stored.get(i), fresh.get(j)) {
            (Some(a), Some(b)) if key(a) == key(b) => {
                if a.7 != b.7 {
                    out.push(format!("{:?}: rollup {:?}, lines {:?}", key(a), a.7, b.7));
                }
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if key(a) < key(b) => {
                out.push(format!("{:?}: rollup {:?}, no lines", key(a), a.7));
                i += 1;
            }
            (Some(a), None) => {
                out.push(format!("{:?}: rollup {:?}, no lines", key(a), a.7));
                i += 1;
            }
            (_, Some(b)) => {
                out.push(format!("{:?}: not in the rollup, lines {:?}", key(b), b.7));
                j += 1;
            }
            (None, None) => break,
        }
    }
    Ok(out)
}

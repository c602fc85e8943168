//! The summary rollup (`rollup_daily`, migration 0006), kept exactly in step
//! with the lines it sums.
//!
//! A line's contribution is keyed by its local date, account, *effective*
//! class and vendor (the user's edit over the stored columns, as
//! [`super::queries`] lays them), billed and original currency, and status.
//! Reverted lines contribute nothing. A line a receipt split into parts
//! (`txn_parts`, migration 0018) contributes each part by the part's own
//! class and vendor instead, and counts once per part, until the user sets
//! the line's class or vendor ([`super::queries::PARTS_APPLY`]): their edit
//! wins and the line counts whole. Every write path adds or removes the
//! contributions of the lines it touches inside its own transaction:
//!
//! | write | how |
//! |---|---|
//! | import | [`BatchRollup`]: summed in memory as rows are inserted, written before commit |
//! | undo of a batch | [`remove_range`] before the lines are deleted |
//! | re-classification | per changed line [`remove_line`] / [`add_line`]; past [`REBUILD_AFTER`] changed lines, [`rebuild_noted`] once at the end |
//! | edit of a line | [`remove_line`] before the edit, [`add_line`] after |
//! | split of a line into parts, or their undo | [`remove_line`] before, [`add_line`] after |
//! | migration 0006 | the same grouped SELECT over every line |
//!
//! [`differences`] compares the rollup with a plain GROUP BY (tests).
//!
//! Each of these write paths keeps the transactions view's line counts
//! ([`super::tally`]) too, in the same statement sequence.

use rusqlite::{params, Connection};

use super::LedgerError;

/// After this many changed lines a re-classification stops updating the
/// rollup line by line and rebuilds it once at the end.
pub(crate) const REBUILD_AFTER: u64 = 20_000;

/// The grouped contribution of the lines `t` that `filter` selects, times
/// `sign`. Columns in `rollup_daily` order. With `parts` (the effective
/// classification, once migration 0018 made `txn_parts`), a line split into
/// parts contributes each part by the part's own class and vendor (its
/// amounts summing to the line's exactly) and counts once per part.
fn grouped_select(sign: i64, filter: &str, effective: bool) -> String {
    grouped_select_with(sign, filter, effective, effective)
}

fn grouped_select_with(sign: i64, filter: &str, effective: bool, parts: bool) -> String {
    let (class, vendor) = if effective {
        (
            "coalesce(e.class, t.class, 'everyday')",
            super::queries::EFFECTIVE_VENDOR,
        )
    } else {
        // What an import's INSERT wrote, ignoring edits.
        ("coalesce(t.class, 'everyday')", "t.vendor")
    };
    let (class, vendor, amount, original, join) = if parts {
        (
            format!("CASE WHEN p.txn_id IS NULL THEN {class} ELSE p.class END"),
            format!("CASE WHEN p.txn_id IS NULL THEN {vendor} ELSE p.vendor END"),
            "coalesce(p.amount, t.amount)",
            "CASE WHEN p.txn_id IS NULL THEN t.original_amount ELSE p.original_amount END",
            "LEFT JOIN txn_parts p ON p.txn_id = t.id AND {apply}",
        )
    } else {
        (
            class.to_owned(),
            vendor.to_owned(),
            "t.amount",
            "t.original_amount",
            "",
        )
    };
    format!(
        "SELECT t.txn_date, t.account_id,
                {class},
                coalesce({vendor}, ''),
                t.currency, coalesce(t.original_currency, ''), t.status,
                {sign} * count(*),
                {sign} * sum(CASE WHEN t.amount < 0 THEN {amount} ELSE 0 END),
                {sign} * sum(CASE WHEN t.amount > 0 THEN {amount} ELSE 0 END),
                {sign} * sum(CASE WHEN t.amount < 0 THEN coalesce({original}, 0) ELSE 0 END),
                {sign} * sum(CASE WHEN t.amount < 0 THEN 0 ELSE coalesce({original}, 0) END)
           FROM transactions t
           {edits}
           {join}
          WHERE t.status IN ('posted', 'pending') AND ({filter})
          GROUP BY 1, 2, 3, 4, 5, 6, 7",
        edits = super::queries::EDITS_JOIN,
        join = join.replace("{apply}", super::queries::PARTS_APPLY),
    )
}

fn upsert(sign: i64, filter: &str) -> String {
    upsert_with(sign, filter, true)
}

fn upsert_with(sign: i64, filter: &str, effective: bool) -> String {
    upsert_sql(grouped_select(sign, filter, effective))
}

fn upsert_sql(select: String) -> String {
    format!(
        "INSERT INTO rollup_daily (day, account_id, class, vendor, currency, orig_currency,
                                   status, n, debit, credit, orig_debit, orig_credit)
         {select}
         ON CONFLICT (day, account_id, class, vendor, currency, orig_currency, status)
         DO UPDATE SET n = n + excluded.n, debit = debit + excluded.debit,
                       credit = credit + excluded.credit,
                       orig_debit = orig_debit + excluded.orig_debit,
                       orig_credit = orig_credit + excluded.orig_credit"
    )
}

/// Runs the effective upsert of `filter`; a migration before 0018 (no
/// `txn_parts` yet: no line has parts) runs it without the parts.
fn run_upsert(
    conn: &Connection,
    sign: i64,
    filter: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<()> {
    let stmt = match conn.prepare_cached(&upsert(sign, filter)) {
        Err(rusqlite::Error::SqliteFailure(_, Some(m))) if m == "no such table: txn_parts" => {
            conn.prepare_cached(&upsert_sql(grouped_select_with(sign, filter, true, false)))
        }
        other => other,
    };
    stmt?.execute(params).map(|_| ())
}

/// Drops keys no line contributes to any more.
fn prune(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM rollup_daily WHERE n = 0")?
        .execute([])?;
    Ok(())
}

/// Adds the lines with ids in `[first, last]` (a batch just written).
pub(crate) fn add_range(conn: &Connection, first: i64, last: i64) -> rusqlite::Result<()> {
    run_upsert(conn, 1, "t.id BETWEEN ?1 AND ?2", params![first, last])?;
    super::tally::add_range(conn, first, last)
}

/// Removes the lines of `batch` with ids in `[first, last]` (before they go).
pub(crate) fn remove_range(
    conn: &Connection,
    first: i64,
    last: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    run_upsert(
        conn,
        -1,
        "t.id BETWEEN ?1 AND ?2 AND t.batch_id = ?3",
        params![first, last, batch],
    )?;
    super::tally::remove_range(conn, first, last, batch)?;
    super::text_index::remove_range(conn, first, last, batch)?;
    prune(conn)
}

/// Adds one line's contribution (after its classification changed).
pub(crate) fn add_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    run_upsert(conn, 1, "t.id = ?1", [id])?;
    super::tally::add_line(conn, id)
}

/// Removes one line's contribution (before its classification changes).
/// Call [`finish_lines`] once after a run of these.
pub(crate) fn remove_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    run_upsert(conn, -1, "t.id = ?1", [id])?;
    super::tally::remove_line(conn, id)
}

/// Drops the keys a run of [`remove_line`] emptied.
pub(crate) fn finish_lines(conn: &Connection) -> rusqlite::Result<()> {
    super::tally::drop_empty(conn)?;
    prune(conn)
}

/// Computes the rollup and the tally again from every line, at the end of
/// a re-classification whose every changed line was noted
/// ([`super::tally::note_changed`]): the stored subscription detection
/// stays current but for their vendors.
pub(crate) fn rebuild_noted(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM rollup_daily", [])?;
    run_upsert(conn, 1, "1", [])?;
    super::tally::rebuild_noted(conn)
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
    let fresh = read_rows(conn, &format!("{} {order}", grouped_select(1, "1", true)))?;
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

/// Whether a user's edit covers a line with an id in `[first, last]`.
///
/// The edits are the outer loop (`CROSS JOIN` keeps that order): each is
/// one lookup in the identity index, so the cost follows the user's edits,
/// not the batch. Left to itself SQLite walks the batch's id range and
/// looks each line up in `txn_edits`: a whole read of a 10M-line batch
/// just written (the largest cost after the INSERT itself).
pub(crate) fn range_has_edits(conn: &Connection, first: i64, last: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM txn_edits e2 CROSS JOIN transactions t2
                           ON t2.txn_date = e2.txn_date AND t2.account_id = e2.account_id
                          AND t2.fingerprint = e2.fingerprint AND t2.occurrence = e2.occurrence
                        WHERE t2.id BETWEEN ?1 AND ?2)",
    )?
    .query_row(params![first, last], |r| r.get(0))
}

/// One key of a batch's line counts ([`super::tally`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TallyKey {
    day: i64,
    account_id: i64,
    class: &'static str,
    /// Index into [`BatchRollup::vendors`]; 0 is no vendor.
    vendor: u32,
    status: &'static str,
}

/// One key of a batch's contribution, as the import writer sees its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct BatchKey {
    day: i64,
    account_id: i64,
    class: &'static str,
    /// Index into [`BatchRollup::vendors`]; 0 is no vendor.
    vendor: u32,
    currency: crate::money::Currency,
    orig_currency: Option<crate::money::Currency>,
    pending: bool,
}

/// A batch's contribution to the rollup, summed in memory as its rows are
/// inserted (a grouped SELECT over a million new rows would sort them all:
/// seconds and tens of MiB) and written once at the end.
///
/// It sums the *stored* classification (what the INSERT wrote); rows of the
/// batch that a user's edit covers (lines coming back after an undo) are
/// corrected in SQL at the end. Insert groups in which the unique source-id
/// index skipped a row are not summed here: their id range is added from
/// the table instead.
#[derive(Debug, Default)]
pub(crate) struct BatchRollup {
    sums: foldhash::HashMap<BatchKey, [i64; 5]>,
    /// The batch's line counts for [`super::tally`] (reverted lines too).
    counts: foldhash::HashMap<TallyKey, i64>,
    vendors: Vec<String>,
    vendor_ids: foldhash::HashMap<String, u32>,
    /// Id ranges to add from the table.
    ranges: Vec<(i64, i64)>,
    /// The vendors ([`Self::vendors`] indexes) of the batch's subscription
    /// lines, and whether one of them names none.
    sub_vendors: std::collections::BTreeSet<u32>,
    sub_vendorless: bool,
}

/// What [`BatchRollup::add`] needs of a row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BatchLine<'a> {
    pub day: i64,
    pub account_id: i64,
    pub class: &'static str,
    pub vendor: Option<&'a str>,
    pub amount: i64,
    pub currency: crate::money::Currency,
    pub original_amount: Option<i64>,
    pub original_currency: Option<crate::money::Currency>,
    pub status: super::TxnStatus,
}

impl BatchRollup {
    pub(crate) fn add(&mut self, l: &BatchLine<'_>) {
        let vendor = match l.vendor {
            None => 0,
            Some(v) => match self.vendor_ids.get(v) {
                Some(&id) => id,
                None => {
                    self.vendors.push(v.to_owned());
                    let id = self.vendors.len() as u32;
                    self.vendor_ids.insert(v.to_owned(), id);
                    id
                }
            },
        };
        if l.class == crate::classify::Class::AiSubscription.as_str() {
            match vendor {
                0 => self.sub_vendorless = true,
                v => {
                    self.sub_vendors.insert(v);
                }
            }
        }
        *self
            .counts
            .entry(TallyKey {
                day: l.day,
                account_id: l.account_id,
                class: l.class,
                vendor,
                status: l.status.as_str(),
            })
            .or_default() += 1;
        let pending = match l.status {
            super::TxnStatus::Reverted => return,
            super::TxnStatus::Pending => true,
            super::TxnStatus::Posted => false,
        };
        let key = BatchKey {
            day: l.day,
            account_id: l.account_id,
            class: l.class,
            vendor,
            currency: l.currency,
            orig_currency: l.original_currency,
            pending,
        };
        let s = self.sums.entry(key).or_default();
        let orig = l.original_amount.unwrap_or(0);
        s[0] += 1;
        if l.amount < 0 {
            s[1] += l.amount;
            s[3] += orig;
        } else {
            s[2] += l.amount;
            s[4] += orig;
        }
    }

    /// The vendors of the batch's subscription lines as inserted; `None`
    /// when a line names none or some rows were summed from the table.
    pub(crate) fn subscription_vendors(&self) -> Option<std::collections::BTreeSet<String>> {
        if self.sub_vendorless || !self.ranges.is_empty() {
            return None;
        }
        Some(
            self.sub_vendors
                .iter()
                .map(|&i| self.vendors[i as usize - 1].clone())
                .collect(),
        )
    }

    /// Rows with ids in `[first, last]` are summed from the table instead.
    pub(crate) fn add_range(&mut self, first: i64, last: i64) {
        if first <= last {
            self.ranges.push((first, last));
        }
    }

    /// Writes the batch's contribution; `[first, last]` is the batch's id
    /// range (for the correction of edited rows).
    pub(crate) fn write(&self, conn: &Connection, first: i64, last: i64) -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO rollup_daily (day, account_id, class, vendor, currency, orig_currency,
                                       status, n, debit, credit, orig_debit, orig_credit)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (day, account_id, class, vendor, currency, orig_currency, status)
             DO UPDATE SET n = n + excluded.n, debit = debit + excluded.debit,
                           credit = credit + excluded.credit,
                           orig_debit = orig_debit + excluded.orig_debit,
                           orig_credit = orig_credit + excluded.orig_credit",
        )?;
        for (k, s) in &self.sums {
            let vendor = match k.vendor {
                0 => "",
                i => self.vendors[i as usize - 1].as_str(),
            };
            stmt.execute(params![
                k.day,
                k.account_id,
                k.class,
                vendor,
                k.currency.as_str(),
                k.orig_currency.as_ref().map_or("", |c| c.as_str()),
                if k.pending { "pending" } else { "posted" },
                s[0],
                s[1],
                s[2],
                s[3],
                s[4]
            ])?;
        }
        for (k, n) in &self.counts {
            let vendor = match k.vendor {
                0 => "",
                i => self.vendors[i as usize - 1].as_str(),
            };
            super::tally::add_key(conn, (k.day, k.account_id, k.class, vendor, k.status), *n)?;
        }
        for &(a, b) in &self.ranges {
            add_range(conn, a, b)?;
        }
        // Rows of the batch with a user's edit: the sums above used their
        // stored classification; swap it for the effective one. Edits
        // first, as in `range_has_edits`.
        let edited = "t.id IN (SELECT t2.id FROM txn_edits e2 CROSS JOIN transactions t2
                         ON t2.txn_date = e2.txn_date AND t2.account_id = e2.account_id
                        AND t2.fingerprint = e2.fingerprint AND t2.occurrence = e2.occurrence
                      WHERE t2.id BETWEEN ?1 AND ?2)";
        let mut ranges_sql = String::from("1");
        for &(a, b) in &self.ranges {
            // Rows summed from the table already have their edits.
            ranges_sql.push_str(&format!(" AND t.id NOT BETWEEN {a} AND {b}"));
        }
        let filter = format!("{edited} AND {ranges_sql}");
        conn.execute(&upsert_with(-1, &filter, false), params![first, last])?;
        run_upsert(conn, 1, &filter, params![first, last])?;
        super::tally::correct_edited(conn, &filter, first, last)?;
        prune(conn)
    }
}

//! The transactions view's line counts (`txn_tally`, migration 0012), kept
//! exactly in step with the lines they count.
//!
//! Invariant: for every local date, account, effective class, effective
//! vendor and status, `txn_tally.n` is the number of lines with that key
//! (reverted lines included; '' for no class or vendor; a key with no line
//! has no row). The tally is written wherever the summary rollup is: every
//! [`super::rollup`] write path calls the function of the same name here,
//! inside the same transaction, so the two cannot drift apart.
//!
//! Every write here also moves `line_generation` (what the stored
//! subscription detection is keyed by). A change of one line ([`add_line`],
//! [`remove_line`]) lists the line's vendor in `subs_stale` when it is a
//! subscription line and keeps a current stored detection current (see
//! `reports/subs.rs`); a change of a range of lines (an import, an undo)
//! leaves that to the caller, which knows the vendors of its batch.
//!
//! [`differences`] compares the tally with a plain GROUP BY (tests).
//!
//! A migration's step before 0015 that rewrites lines (0011 pairs refunds)
//! runs these before the table exists: then they do nothing (the schema
//! says so, [`super::migrations::has_table`]), and 0015 counts every line.

use rusqlite::{params, Connection};

use super::LedgerError;

/// The grouped count of the lines `t` that `filter` selects, times `sign`.
/// `effective`: by the user's edit over the stored columns; else by what an
/// import's INSERT wrote.
fn grouped_select(sign: i64, filter: &str, effective: bool) -> String {
    let (class, vendor) = if effective {
        (
            "coalesce(e.class, t.class, '')",
            super::queries::EFFECTIVE_VENDOR,
        )
    } else {
        ("coalesce(t.class, '')", "t.vendor")
    };
    format!(
        "SELECT t.txn_date, t.account_id, {class}, coalesce({vendor}, ''), t.status,
                {sign} * count(*)
           FROM transactions t
           {edits}
          WHERE ({filter})
          GROUP BY 1, 2, 3, 4, 5",
        edits = super::queries::EDITS_JOIN,
    )
}

const UPSERT_HEAD: &str = "INSERT INTO txn_tally (day, account_id, class, vendor, status, n)";
const UPSERT_TAIL: &str = "ON CONFLICT (day, account_id, class, vendor, status)
         DO UPDATE SET n = n + excluded.n";

fn upsert_with(sign: i64, filter: &str, effective: bool) -> String {
    format!(
        "{UPSERT_HEAD} {} {UPSERT_TAIL}",
        grouped_select(sign, filter, effective)
    )
}

fn upsert(sign: i64, filter: &str) -> String {
    upsert_with(sign, filter, true)
}

/// Runs `sql` with `params`; nothing when the table is not made yet (a
/// migration's step before 0015, see [`super::migrations::has_table`]).
fn run(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<()> {
    if !super::migrations::has_table(conn, "txn_tally")? {
        return Ok(());
    }
    conn.prepare_cached(sql)?.execute(params).map(|_| ())
}

/// Drops keys no line has any more, and marks the lines changed (see
/// [`bump`]): after a range of lines went or came (an undo, an import).
pub(crate) fn prune(conn: &Connection) -> rusqlite::Result<()> {
    bump(conn)?;
    drop_empty(conn)
}

/// Drops keys no line has any more (after a run of [`remove_line`] and
/// [`add_line`], which marked the lines changed themselves).
pub(crate) fn drop_empty(conn: &Connection) -> rusqlite::Result<()> {
    run(conn, "DELETE FROM txn_tally WHERE n = 0", [])
}

/// Marks the lines changed: `line_generation.n` goes up, so a result
/// derived from the lines before (the subscription detection) is not read.
fn bump(conn: &Connection) -> rusqlite::Result<()> {
    if !super::migrations::has_table(conn, "line_generation")? {
        return Ok(());
    }
    conn.prepare_cached("UPDATE line_generation SET n = n + 1 WHERE id = 1")?
        .execute([])
        .map(|_| ())
}

/// How many times the lines have changed so far (`line_generation.n`).
pub(crate) fn generation(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT n FROM line_generation WHERE id = 1")?
        .query_row([], |r| r.get(0))
}

/// One line changes (called before and after, with [`add_line`] and
/// [`remove_line`]): the stored subscription detection, if it was current,
/// stays current but for this line's vendor when it is a subscription line
/// (migration 0024): the vendor goes in `subs_stale` and the detection
/// moves to the generation [`bump`] is about to make. So the first
/// detection after an edit or a rule redoes only the vendors it touched.
fn note_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    if !super::migrations::has_table(conn, "subs_stale")? {
        return Ok(());
    }
    conn.prepare_cached(&format!(
        "INSERT INTO subs_stale (vendor)
         SELECT coalesce({vendor}, '') FROM transactions t {edits}
          WHERE t.id = ?1 AND {class} = 'ai-subscription'
         ON CONFLICT (vendor) DO NOTHING",
        vendor = super::queries::EFFECTIVE_VENDOR,
        edits = super::queries::EDITS_JOIN,
        class = super::queries::EFFECTIVE_CLASS,
    ))?
    .execute([id])?;
    keep_current(conn)
}

/// A stored detection that is current moves to the generation [`bump`] is
/// about to make.
fn keep_current(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE subs_detected SET generation = generation + 1
          WHERE id = 1 AND generation = (SELECT n FROM line_generation WHERE id = 1)",
    )?
    .execute([])?;
    Ok(())
}

/// One line of a re-classification that counts every line again at its
/// end ([`rebuild_noted`]) changes (called before and after its write): what
/// [`remove_line`] and [`add_line`] do for the stored subscription
/// detection, without counting the line.
pub(crate) fn note_changed(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    note_line(conn, id)?;
    bump(conn)
}

/// [`rebuild`] after a run of lines each noted by [`note_changed`] (or
/// counted by [`remove_line`] and [`add_line`]): the stored detection, if
/// current, stays current (the rebuild changes no line; its vendors
/// changed are listed already). So a rule that changes many lines leaves
/// only their vendors to detect again, not every vendor.
pub(crate) fn rebuild_noted(conn: &Connection) -> rusqlite::Result<()> {
    if super::migrations::has_table(conn, "subs_stale")? {
        keep_current(conn)?;
    }
    rebuild(conn)
}

/// Adds the lines with ids in `[first, last]`.
pub(crate) fn add_range(conn: &Connection, first: i64, last: i64) -> rusqlite::Result<()> {
    bump(conn)?;
    run(
        conn,
        &upsert(1, "t.id BETWEEN ?1 AND ?2"),
        params![first, last],
    )
}

/// Removes the lines of `batch` with ids in `[first, last]` (before they go).
pub(crate) fn remove_range(
    conn: &Connection,
    first: i64,
    last: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    run(
        conn,
        &upsert(-1, "t.id BETWEEN ?1 AND ?2 AND t.batch_id = ?3"),
        params![first, last, batch],
    )?;
    prune(conn)
}

/// Adds one line (after its class, vendor or status changed).
pub(crate) fn add_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    note_line(conn, id)?;
    bump(conn)?;
    run(conn, &upsert(1, "t.id = ?1"), [id])
}

/// Removes one line (before its class, vendor or status changes).
pub(crate) fn remove_line(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    note_line(conn, id)?;
    bump(conn)?;
    run(conn, &upsert(-1, "t.id = ?1"), [id])
}

/// Moves the lines `filter` selects (with `?1`, `?2` the batch's id range)
/// from their stored class and vendor to their effective ones: rows of a
/// batch that a user's edit covers, which the import counted as stored.
pub(crate) fn correct_edited(
    conn: &Connection,
    filter: &str,
    first: i64,
    last: i64,
) -> rusqlite::Result<()> {
    run(conn, &upsert_with(-1, filter, false), params![first, last])?;
    run(conn, &upsert_with(1, filter, true), params![first, last])?;
    prune(conn)
}

/// Counts every line again.
pub(crate) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    bump(conn)?;
    run(conn, "DELETE FROM txn_tally", [])?;
    run(conn, &upsert(1, "1"), [])
}

/// Writes one key's count of a batch (summed in memory by the import).
pub(crate) fn add_key(
    conn: &Connection,
    (day, account_id, class, vendor, status): (i64, i64, &str, &str, &str),
    n: i64,
) -> rusqlite::Result<()> {
    // The batch's write ends with `correct_edited`, which bumps. An import
    // runs after every migration: the table is there.
    conn.prepare_cached(&format!(
        "{UPSERT_HEAD} VALUES (?1, ?2, ?3, ?4, ?5, ?6) {UPSERT_TAIL}"
    ))?
    .execute(params![day, account_id, class, vendor, status, n])
    .map(|_| ())
}

type TallyRow = ((i64, i64, String, String, String), i64);

fn read_rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<TallyRow>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            r.get(5)?,
        ))
    })?;
    rows.collect()
}

/// Where the tally and a plain GROUP BY over the lines disagree, one line of
/// text per key (empty when they agree exactly).
pub(crate) fn differences(conn: &Connection) -> Result<Vec<String>, LedgerError> {
    let stored: std::collections::BTreeMap<_, _> = read_rows(
        conn,
        "SELECT day, account_id, class, vendor, status, n FROM txn_tally",
    )?
    .into_iter()
    .collect();
    let fresh: std::collections::BTreeMap<_, _> = read_rows(conn, &grouped_select(1, "1", true))?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for (k, n) in &stored {
        match fresh.get(k) {
            Some(m) if m == n => {}
            Some(m) => out.push(format!("{k:?}: tally {n}, lines {m}")),
            None => out.push(format!("{k:?}: tally {n}, no lines")),
        }
    }
    for (k, m) in &fresh {
        if !stored.contains_key(k) {
            out.push(format!("{k:?}: not in the tally, lines {m}"));
        }
    }
    Ok(out)
}

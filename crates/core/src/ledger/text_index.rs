//! The transactions view's text index (`txn_text`, migration 0012): an FTS5
//! trigram index of each line's searched text, so a search reads the few
//! lines that can match instead of every line.
//!
//! Invariant: `txn_text` has one row per line, with the line's id as rowid
//! and its description, memo and details values as body. A search only uses
//! it to pick candidates (every trigram of the words is in the body), then
//! checks them with the view's LIKE: the index can only make a search
//! faster, never change what it finds. Written in the import's transaction
//! ([`add_range`]) and cleared in the undo's ([`remove_range`]); nothing
//! else changes the searched fields.

use rusqlite::{params, Connection};

use super::LedgerError;

/// A line's searched text, for a `transactions t`.
const BODY: &str = "t.description || char(10) || coalesce(t.memo, '') || char(10)
    || coalesce((SELECT group_concat(value, char(10)) FROM json_each(t.details)), '')";

/// Indexes the lines with ids in `[first, last]` (a batch just written).
pub(crate) fn add_range(conn: &Connection, first: i64, last: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO txn_text (rowid, body)
         SELECT t.id, {BODY} FROM transactions t WHERE t.id BETWEEN ?1 AND ?2"
    ))?
    .execute(params![first, last])?;
    Ok(())
}

/// Takes out the lines of `batch` with ids in `[first, last]`.
pub(crate) fn remove_range(
    conn: &Connection,
    first: i64,
    last: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "DELETE FROM txn_text WHERE rowid IN
           (SELECT id FROM transactions WHERE id BETWEEN ?1 AND ?2 AND batch_id = ?3)",
    )?
    .execute(params![first, last, batch])?;
    Ok(())
}

/// The FTS5 query for the lines whose text holds `text`: every trigram of
/// it (case folded by the tokenizer, as LIKE folds ASCII). `None` for text
/// under three characters, which no trigram covers.
pub(crate) fn match_query(text: &str) -> Option<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut out = String::new();
    for w in chars.windows(3) {
        let tri: String = w.iter().collect::<String>().to_lowercase();
        if !seen.insert(tri.clone()) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" AND ");
        }
        out.push('"');
        out.push_str(&tri.replace('"', "\"\""));
        out.push('"');
    }
    Some(out)
}

/// How many lines the index offers for `query` (a [`match_query`]).
pub(crate) fn candidates(conn: &Connection, query: &str) -> Result<u64, LedgerError> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM txn_text WHERE txn_text MATCH ?1")?
        .query_row([query], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Where the index and the lines disagree (tests): lines a search for each
/// of `probes` would miss through the index, or find that are not there.
pub(crate) fn differences(conn: &Connection, probes: &[&str]) -> Result<Vec<String>, LedgerError> {
    let mut out = Vec::new();
    let rows: i64 = conn.query_row("SELECT count(*) FROM txn_text", [], |r| r.get(0))?;
    let lines: i64 = conn.query_row("SELECT count(*) FROM transactions", [], |r| r.get(0))?;
    if rows != lines {
        out.push(format!(
            "txn_text has {rows} rows, the ledger {lines} lines"
        ));
    }
    for p in probes {
        let Some(q) = match_query(p) else { continue };
        let like = format!("%{p}%");
        let missed: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM transactions t
                  WHERE ({BODY}) LIKE ?1
                    AND t.id NOT IN (SELECT rowid FROM txn_text WHERE txn_text MATCH ?2)"
            ),
            params![like, q],
            |r| r.get(0),
        )?;
        let ghosts: i64 = conn.query_row(
            "SELECT count(*) FROM txn_text WHERE txn_text MATCH ?1
                AND rowid NOT IN (SELECT id FROM transactions)",
            [&q],
            |r| r.get(0),
        )?;
        if missed != 0 || ghosts != 0 {
            out.push(format!(
                "{p:?}: {missed} lines not found through the index, {ghosts} indexed lines gone"
            ));
        }
    }
    Ok(out)
}

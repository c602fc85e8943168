//! The transactions view's text index (migration 0021): each distinct
//! searched text ("body": description, memo and the values of details, one
//! a row) once in `txn_bodies` with the number of lines carrying it, an
//! FTS5 trigram index of the bodies (`txn_body_text`, rowid = body id), and
//! each line's `body_id`. A search reads the few bodies that can match
//! instead of every line.
//!
//! A body is found by the hash of its text ([`hash`], indexed) and then
//! compared in full: the text is stored once, not again in a UNIQUE index
//! (migration 0024; on a ledger of mostly distinct texts that index was as
//! large as the bodies).
//!
//! Invariant: every line's `body_id` names the body equal to its searched
//! text ([`BODY`]), and no two bodies have the same text; each body's
//! `hash` is [`hash`] of its text; each body's `n` is the number of lines naming it (never
//! 0: such a body is deleted); `txn_body_text` has exactly one row per body.
//! A search only uses the index to pick candidate bodies, then checks them
//! with the view's LIKE: the index can only make a search faster, never
//! change what it finds. Written in the import's transaction
//! ([`BatchBodies`]) and the undo's ([`remove_range`]); nothing else
//! changes the searched fields (a user's edit does not touch them).

use rusqlite::{params, Connection, OptionalExtension};

use super::LedgerError;
use crate::classify::Details;

/// A line's searched text, for a `transactions t` (what [`write_body`]
/// writes for the same line).
pub(crate) const BODY: &str = "t.description || char(10) || coalesce(t.memo, '') || char(10)
    || coalesce((SELECT group_concat(value, char(10)) FROM json_each(t.details)), '')";

/// Writes a line's body into `out` (cleared first): its description, memo
/// and the values of its stored details (tidied, in stored order), one a
/// row, exactly as [`BODY`] reads them back.
pub(crate) fn write_body(
    out: &mut String,
    description: &str,
    memo: Option<&str>,
    details: &Details<'_>,
) {
    out.clear();
    out.push_str(description);
    out.push('\n');
    out.push_str(memo.unwrap_or(""));
    out.push('\n');
    let d = details.tidy();
    let mut first = true;
    for v in [d.merchant, d.descriptor, d.goods, d.mcc]
        .into_iter()
        .flatten()
    {
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(v);
    }
}

/// The stored hash of a body's text (xxh3, 64 bits, as SQLite's signed
/// integer).
pub(crate) fn hash(body: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64(body.as_bytes()) as i64
}

/// Fills in every body's hash and indexes the bodies by it (migration
/// 0024, which made the column with 0).
pub(crate) fn fill_hashes(conn: &Connection) -> rusqlite::Result<()> {
    let bodies: Vec<(i64, String)> = conn
        .prepare("SELECT id, body FROM txn_bodies")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = conn.prepare("UPDATE txn_bodies SET hash = ?2 WHERE id = ?1")?;
    for (id, body) in &bodies {
        set.execute(params![id, hash(body)])?;
    }
    conn.execute_batch("CREATE INDEX txn_bodies_hash ON txn_bodies (hash)")
}

/// How many bodies the import keeps in memory at once (a file of mostly
/// distinct texts then costs an index lookup per line, not memory).
const CACHED_BODIES: usize = 1 << 16;

/// The bodies of one batch's lines: their ids (made as new text is met)
/// and how many inserted lines carry each, written at the batch's end.
#[derive(Debug, Default)]
pub(crate) struct BatchBodies {
    cache: foldhash::HashMap<String, i64>,
    /// Lines per body among the rows inserted so far.
    counts: foldhash::HashMap<i64, i64>,
    /// The first body this batch created: it and every body after it are
    /// the batch's (an id is the highest so far plus one), not in the text
    /// index yet.
    first_created: Option<i64>,
    /// Id ranges whose lines are counted from the table instead.
    ranges: Vec<(i64, i64)>,
}

impl BatchBodies {
    /// The id of the body `body`, made (with n = 0) when new.
    pub(crate) fn id(&mut self, conn: &Connection, body: &str) -> rusqlite::Result<i64> {
        if let Some(&id) = self.cache.get(body) {
            return Ok(id);
        }
        let h = hash(body);
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM txn_bodies WHERE hash = ?1 AND body = ?2")?
            .query_row(params![h, body], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                let id = conn
                    .prepare_cached(
                        "INSERT INTO txn_bodies (hash, body, n) VALUES (?1, ?2, 0) RETURNING id",
                    )?
                    .query_row(params![h, body], |r| r.get(0))?;
                self.first_created.get_or_insert(id);
                id
            }
        };
        if self.cache.len() >= CACHED_BODIES {
            self.cache.clear();
        }
        self.cache.insert(body.to_owned(), id);
        Ok(id)
    }

    /// Counts a group of inserted lines by their body ids.
    pub(crate) fn add(&mut self, ids: &[i64]) {
        for &id in ids {
            *self.counts.entry(id).or_insert(0) += 1;
        }
    }

    /// Lines with ids in `[first, last]` are counted from the table instead
    /// (a group where the source-id index skipped some rows).
    pub(crate) fn add_range(&mut self, first: i64, last: i64) {
        if first <= last {
            self.ranges.push((first, last));
        }
    }

    /// Writes the batch's counts, indexes the bodies it made, and drops
    /// those no inserted line carries.
    pub(crate) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        for &(a, b) in &self.ranges {
            let mut stmt = conn.prepare_cached(
                "SELECT body_id, count(*) FROM transactions
                  WHERE id BETWEEN ?1 AND ?2 AND body_id IS NOT NULL GROUP BY body_id",
            )?;
            let rows = stmt.query_map(params![a, b], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (id, n) = row?;
                *self.counts.entry(id).or_insert(0) += n;
            }
        }
        // In id order: bodies of mostly distinct texts outgrow the page
        // cache, and a hash map's order would read and write them back at
        // random.
        let mut counts: Vec<(i64, i64)> = self.counts.drain().collect();
        counts.sort_unstable();
        let mut bump = conn.prepare_cached("UPDATE txn_bodies SET n = n + ?2 WHERE id = ?1")?;
        for (id, n) in counts {
            bump.execute(params![id, n])?;
        }
        // One statement for all the new bodies: each write to the FTS5
        // table makes it flush what it holds as a segment of its own, so a
        // body at a time meant a segment a body and merges without end
        // (1M mostly distinct texts: 45 s of CPU, three quarters of it here).
        if let Some(first) = self.first_created.take() {
            conn.prepare_cached(
                "INSERT INTO txn_body_text (rowid, body)
                 SELECT id, body FROM txn_bodies WHERE id >= ?1 AND n > 0",
            )?
            .execute([first])?;
            conn.prepare_cached("DELETE FROM txn_bodies WHERE id >= ?1 AND n = 0")?
                .execute([first])?;
        }
        self.counts.clear();
        self.ranges.clear();
        Ok(())
    }
}

/// Takes out the lines of `batch` with ids in `[first, last]` (before they
/// are deleted): their bodies' counts go down, and a body left with no line
/// goes, with its index row.
pub(crate) fn remove_range(
    conn: &Connection,
    first: i64,
    last: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE txn_bodies SET n = n - g.k
           FROM (SELECT body_id, count(*) AS k FROM transactions
                  WHERE id BETWEEN ?1 AND ?2 AND batch_id = ?3 AND body_id IS NOT NULL
                  GROUP BY body_id) AS g
          WHERE txn_bodies.id = g.body_id",
    )?
    .execute(params![first, last, batch])?;
    conn.prepare_cached(
        "DELETE FROM txn_body_text WHERE rowid IN (SELECT id FROM txn_bodies WHERE n <= 0)",
    )?
    .execute([])?;
    conn.prepare_cached("DELETE FROM txn_bodies WHERE n <= 0")?
        .execute([])?;
    Ok(())
}

/// The FTS5 query for the bodies that hold `text`: every trigram of it
/// (case folded by the tokenizer, as LIKE folds ASCII). `None` for text
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

/// The bodies matching the LIKE pattern `like` (a `%text%` with `\`
/// escapes), as a SELECT of their ids numbered from `?{at}`: through the
/// trigram index when the text has a trigram, and its values.
pub(crate) fn bodies_sql(text: &str, like: &str, at: usize) -> (String, Vec<String>) {
    match match_query(text) {
        Some(m) => (
            format!(
                "SELECT id FROM txn_bodies WHERE id IN
                   (SELECT rowid FROM txn_body_text WHERE txn_body_text MATCH ?{at})
                   AND body LIKE ?{} ESCAPE '\\'",
                at + 1
            ),
            vec![m, like.to_owned()],
        ),
        None => (
            format!("SELECT id FROM txn_bodies WHERE body LIKE ?{at} ESCAPE '\\'"),
            vec![like.to_owned()],
        ),
    }
}

/// The lines whose body matches (`like` as for [`bodies_sql`]).
pub(crate) fn lines_matching(
    conn: &Connection,
    text: &str,
    like: &str,
) -> Result<u64, LedgerError> {
    Ok(matching(conn, text, like)?.1)
}

/// How many bodies match (`like` as for [`bodies_sql`]) and how many
/// lines carry them.
pub(crate) fn matching(
    conn: &Connection,
    text: &str,
    like: &str,
) -> Result<(u64, u64), LedgerError> {
    let (sql, args) = bodies_sql(text, like, 1);
    let (bodies, lines): (i64, i64) = conn
        .prepare_cached(&format!(
            "SELECT count(*), coalesce(sum(n), 0) FROM txn_bodies WHERE id IN ({sql})"
        ))?
        .query_row(rusqlite::params_from_iter(args), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok((bodies.max(0) as u64, lines.max(0) as u64))
}

/// Where the bodies and the lines disagree (tests): a line whose body is
/// not its text, a count that is not the lines' count, a body with no
/// index row or an index row with no body, and for each of `probes` the
/// lines a search through the bodies would miss or wrongly find.
pub(crate) fn differences(conn: &Connection, probes: &[&str]) -> Result<Vec<String>, LedgerError> {
    let mut out = Vec::new();
    let count =
        |sql: &str| -> Result<i64, LedgerError> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let wrong = count(&format!(
        "SELECT count(*) FROM transactions t LEFT JOIN txn_bodies b ON b.id = t.body_id
          WHERE b.body IS NOT ({BODY})"
    ))?;
    if wrong != 0 {
        out.push(format!(
            "{wrong} lines point at a body that is not their text"
        ));
    }
    let counts = count(
        "SELECT count(*) FROM txn_bodies b
          WHERE b.n IS NOT (SELECT count(*) FROM transactions t WHERE t.body_id = b.id)
             OR b.n <= 0",
    )?;
    if counts != 0 {
        out.push(format!("{counts} bodies with a wrong line count"));
    }
    let mut hashes = conn.prepare("SELECT hash, body FROM txn_bodies")?;
    let mut rows = hashes.query([])?;
    let (mut bad_hash, mut texts) = (0, std::collections::HashSet::new());
    let mut twice = 0;
    while let Some(r) = rows.next()? {
        let (h, body): (i64, String) = (r.get(0)?, r.get(1)?);
        if h != hash(&body) {
            bad_hash += 1;
        }
        if !texts.insert(body) {
            twice += 1;
        }
    }
    if bad_hash != 0 {
        out.push(format!("{bad_hash} bodies with a wrong hash"));
    }
    if twice != 0 {
        out.push(format!("{twice} texts stored as more than one body"));
    }
    let bodies = count("SELECT count(*) FROM txn_bodies")?;
    // A contentless table counts its rows without reading them.
    let indexed = count("SELECT count(*) FROM txn_body_text")?;
    if bodies != indexed {
        out.push(format!(
            "txn_body_text has {indexed} rows, txn_bodies {bodies}"
        ));
    }
    for p in probes {
        let Some(like) = like_of(p) else { continue };
        let (sql, mut args) = bodies_sql(p, &like, 2);
        args.insert(0, like.clone());
        let missed: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM transactions t
                  WHERE (t.description LIKE ?1 ESCAPE '\\' OR t.memo LIKE ?1 ESCAPE '\\'
                         OR EXISTS (SELECT 1 FROM json_each(t.details)
                                     WHERE json_each.value LIKE ?1 ESCAPE '\\'))
                    AND t.body_id NOT IN ({sql})"
            ),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let ghosts: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM transactions t
                  WHERE NOT (t.description LIKE ?1 ESCAPE '\\'
                             OR coalesce(t.memo, '') LIKE ?1 ESCAPE '\\'
                         OR EXISTS (SELECT 1 FROM json_each(t.details)
                                     WHERE json_each.value LIKE ?1 ESCAPE '\\'))
                    AND t.body_id IN ({sql})"
            ),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        if missed != 0 || ghosts != 0 {
            out.push(format!(
                "{p:?}: {missed} lines not found through the bodies, {ghosts} found wrongly"
            ));
        }
    }
    Ok(out)
}

/// `%text%` with `%`, `_` and `\` taken literally (the view's pattern).
fn like_of(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut p = String::from("%");
    for c in t.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_what_sql_reads_back() {
        let conn = Connection::open_in_memory().expect("open");
        let details = Details {
            merchant: Some(" Anthropic "),
            descriptor: None,
            goods: Some("Claude Pro"),
            mcc: Some("5734"),
        };
        let mut json = String::new();
        assert!(details.write_json(&mut json));
        let mut body = String::new();
        write_body(&mut body, "ANTHROPIC* CLAUDE", Some("memo"), &details);
        let sql: String = conn
            .query_row(
                &format!(
                    "SELECT {BODY} FROM (SELECT 'ANTHROPIC* CLAUDE' AS description,
                             'memo' AS memo, ?1 AS details) t"
                ),
                [&json],
                |r| r.get(0),
            )
            .expect("body");
        assert_eq!(body, sql);
        write_body(&mut body, "x", None, &Details::default());
        assert_eq!(body, "x\n\n");
    }
}

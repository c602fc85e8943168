//! The case tables (`cases`, `case_facts`, `case_rows`, `case_notes`,
//! `case_attachments`, `case_diagnoses`): every read and write of them, typed.
//!
//! `crate::cases` holds the rules (what an answer means, how ledger facts
//! merge); this file only stores and loads rows. Values stay as the tables
//! hold them (ids as text, JSON as text) and `cases` reads them, so a damaged
//! value is reported by `cases` in its own words.
//!
//! Invariant: nothing here overwrites or deletes a case row. An answer, a link
//! removal or a diagnosis is a new row or an `unlinked_at` stamp, so the
//! case's history stays whole.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::Ledger;

/// A failure of the case tables' SQLite statements.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct CaseStoreError(#[from] rusqlite::Error);

type Res<T> = Result<T, CaseStoreError>;

/// A case row as stored. `provider` and `status` are the stored ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    pub id: i64,
    pub title: String,
    pub provider: String,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub tz_name: Option<String>,
    pub utc_offset_minutes: i32,
}

/// A case to insert: its head and the user's first answers.
#[derive(Debug, Clone)]
pub struct NewCaseRow<'a> {
    pub title: &'a str,
    pub provider: &'a str,
    pub tz_name: Option<&'a str>,
    pub utc_offset_minutes: i32,
    /// UTC instant, RFC 3339; also the first answers' time.
    pub at: &'a str,
    /// `(fact, value as JSON text)`.
    pub answers: Vec<(&'a str, String)>,
}

/// One row of `case_facts`: an answer with its source (`user`, `ledger`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub id: i64,
    pub fact: String,
    /// JSON text; `None` for "unknown".
    pub value: Option<String>,
    pub source: String,
    /// The ledger row ids behind it, as a JSON array.
    pub rows: String,
    pub answered_at: String,
}

/// Where a card line sits in the ledger: its identity survives an undo and a
/// re-import of the statement, its id does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxnIdentity {
    pub account_id: i64,
    pub txn_date: i64,
    pub fingerprint: i64,
    pub occurrence: i64,
}

/// One row of `case_rows`: a link to a card line or a payment record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLink {
    pub id: i64,
    /// `txn` or `payment`.
    pub kind: String,
    pub txn_id: Option<i64>,
    /// Present (all four parts) for a card line.
    pub identity: Option<TxnIdentity>,
    pub payment_id: Option<i64>,
    pub linked_at: String,
    pub unlinked_at: Option<String>,
}

/// A note on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub text: String,
    pub created_at: String,
}

/// A file kept with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    /// The file name in the case's attachment folder (and in the pack).
    pub stored_name: String,
    pub original_name: String,
    pub original_sha256: String,
    pub stored_sha256: String,
    pub original_size: u64,
    pub size: u64,
    pub media_type: String,
    /// When the app took its copy (UTC).
    pub captured_at: String,
    /// Whether metadata (EXIF, GPS, text chunks) was removed from the copy.
    pub redacted: bool,
}

/// One row of `case_diagnoses`; `result` is the diagnosis JSON as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDiagnosis {
    pub id: i64,
    pub computed_at: String,
    pub result: String,
}

fn insert_answer(
    conn: &Connection,
    case: i64,
    fact: &str,
    value: Option<&str>,
    source: &str,
    rows: &str,
    at: &str,
) -> Res<()> {
    conn.execute(
        "INSERT INTO case_facts (case_id, fact, value, source, rows, answered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![case, fact, value, source, rows, at],
    )?;
    Ok(())
}

const CASE_COLUMNS: &str =
    "id, title, provider, status, created_at, updated_at, tz_name, utc_offset_minutes";

fn stored_case(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredCase> {
    Ok(StoredCase {
        id: r.get(0)?,
        title: r.get(1)?,
        provider: r.get(2)?,
        status: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        tz_name: r.get(6)?,
        utc_offset_minutes: r.get(7)?,
    })
}

impl Ledger {
    /// Opens a case with its first answers, in one transaction; its id.
    pub(crate) fn case_insert(&mut self, new: &NewCaseRow<'_>) -> Res<i64> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO cases (title, provider, status, created_at, updated_at, tz_name, utc_offset_minutes)
             VALUES (?1, ?2, 'open', ?3, ?3, ?4, ?5)",
            params![new.title, new.provider, new.at, new.tz_name, new.utc_offset_minutes],
        )?;
        let id = tx.last_insert_rowid();
        for (fact, value) in &new.answers {
            insert_answer(&tx, id, fact, Some(value), "user", "[]", new.at)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// One case's head, if it exists.
    pub(crate) fn case_head(&self, case: i64) -> Res<Option<StoredCase>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [case], stored_case).optional()?)
    }

    /// Every case's head, newest first.
    pub(crate) fn case_heads(&self) -> Res<Vec<StoredCase>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases ORDER BY id DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], stored_case)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stamps the case as changed at `at`.
    pub(crate) fn case_touch(&self, case: i64, at: &str) -> Res<()> {
        self.conn.execute(
            "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
            params![case, at],
        )?;
        Ok(())
    }

    /// Sets the case's status (`open` or `closed`) and stamps it changed.
    pub(crate) fn case_set_status(&self, case: i64, status: &str, at: &str) -> Res<()> {
        self.conn.execute(
            "UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![case, status, at],
        )?;
        Ok(())
    }

    /// Records a user's answer (`None`: unknown); with `provider`, the case's
    /// provider changes too, in the same transaction.
    pub(crate) fn case_answer(
        &mut self,
        case: i64,
        fact: &str,
        value: Option<&str>,
        provider: Option<&str>,
        at: &str,
    ) -> Res<()> {
        let tx = self.conn.transaction()?;
        insert_answer(&tx, case, fact, value, "user", "[]", at)?;
        if let Some(p) = provider {
            tx.execute(
                "UPDATE cases SET provider = ?2 WHERE id = ?1",
                params![case, p],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records what the ledger now shows for a fact (`None`: nothing any
    /// more), with the row ids behind it as a JSON array.
    pub(crate) fn case_ledger_answer(
        &self,
        case: i64,
        fact: &str,
        value: Option<&str>,
        rows: &str,
        at: &str,
    ) -> Res<()> {
        insert_answer(&self.conn, case, fact, value, "ledger", rows, at)
    }

    /// Every answer of a case, oldest first.
    pub(crate) fn case_answers(&self, case: i64) -> Res<Vec<StoredAnswer>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, fact, value, source, rows, answered_at FROM case_facts
              WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([case], |r| {
            Ok(StoredAnswer {
                id: r.get(0)?,
                fact: r.get(1)?,
                value: r.get(2)?,
                source: r.get(3)?,
                rows: r.get(4)?,
                answered_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A card line's identity, if the line exists.
    pub(crate) fn txn_identity(&self, txn_id: i64) -> Res<Option<TxnIdentity>> {
        Ok(self
            .conn
            .query_row(
                "SELECT account_id, txn_date, fingerprint, occurrence FROM transactions WHERE id = ?1",
                [txn_id],
                |r| {
                    Ok(TxnIdentity {
                        account_id: r.get(0)?,
                        txn_date: r.get(1)?,
                        fingerprint: r.get(2)?,
                        occurrence: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The id the line with this identity has now, if it is in the ledger.
    pub(crate) fn txn_by_identity(&self, id: &TxnIdentity) -> Res<Option<i64>> {
        Ok(super::import_write::id_by_identity(
            &self.conn,
            id.account_id,
            id.txn_date,
            id.fingerprint,
            id.occurrence,
        )?)
    }

    /// Whether the ledger pairs this pending line with this posted line as
    /// one charge (a proposed or confirmed link, not a rejected one).
    pub(crate) fn txns_paired(&self, pending_id: i64, posted_id: i64) -> Res<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM txn_links WHERE pending_id = ?1 AND posted_id = ?2
                   AND state != 'rejected'",
                params![pending_id, posted_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The link in force from the case to the line with this identity.
    pub(crate) fn case_txn_link(&self, case: i64, id: &TxnIdentity) -> Res<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM case_rows WHERE case_id = ?1 AND kind = 'txn' AND unlinked_at IS NULL
                   AND account_id = ?2 AND txn_date = ?3 AND fingerprint = ?4 AND occurrence = ?5",
                params![case, id.account_id, id.txn_date, id.fingerprint, id.occurrence],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The link in force from the case to a payment record.
    pub(crate) fn case_payment_link(&self, case: i64, payment_id: i64) -> Res<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM case_rows WHERE case_id = ?1 AND kind = 'payment'
                   AND payment_id = ?2 AND unlinked_at IS NULL",
                params![case, payment_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Links a card line, by id and identity.
    pub(crate) fn case_link_txn(
        &self,
        case: i64,
        txn_id: i64,
        id: &TxnIdentity,
        at: &str,
    ) -> Res<()> {
        self.conn.execute(
            "INSERT INTO case_rows (case_id, kind, txn_id, account_id, txn_date, fingerprint, occurrence, linked_at)
             VALUES (?1, 'txn', ?2, ?3, ?4, ?5, ?6, ?7)",
            params![case, txn_id, id.account_id, id.txn_date, id.fingerprint, id.occurrence, at],
        )?;
        Ok(())
    }

    /// Links a payment record.
    pub(crate) fn case_link_payment(&self, case: i64, payment_id: i64, at: &str) -> Res<()> {
        self.conn.execute(
            "INSERT INTO case_rows (case_id, kind, payment_id, linked_at) VALUES (?1, 'payment', ?2, ?3)",
            params![case, payment_id, at],
        )?;
        Ok(())
    }

    /// Stamps one link as removed.
    pub(crate) fn case_unlink(&self, link_id: i64, at: &str) -> Res<()> {
        self.conn.execute(
            "UPDATE case_rows SET unlinked_at = ?2 WHERE id = ?1",
            params![link_id, at],
        )?;
        Ok(())
    }

    /// Stamps the case's links in force to a payment record as removed; how
    /// many there were.
    pub(crate) fn case_unlink_payment(&self, case: i64, payment_id: i64, at: &str) -> Res<usize> {
        Ok(self.conn.execute(
            "UPDATE case_rows SET unlinked_at = ?3
              WHERE case_id = ?1 AND kind = 'payment' AND payment_id = ?2 AND unlinked_at IS NULL",
            params![case, payment_id, at],
        )?)
    }

    /// Every link of a case, also the removed ones, oldest first.
    pub(crate) fn case_links(&self, case: i64) -> Res<Vec<StoredLink>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, txn_id, account_id, txn_date, fingerprint, occurrence, payment_id,
                    linked_at, unlinked_at
               FROM case_rows WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([case], |r| {
            let identity = match (
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<i64>>(6)?,
            ) {
                (Some(a), Some(d), Some(f), Some(o)) => Some(TxnIdentity {
                    account_id: a,
                    txn_date: d,
                    fingerprint: f,
                    occurrence: o,
                }),
                _ => None,
            };
            Ok(StoredLink {
                id: r.get(0)?,
                kind: r.get(1)?,
                txn_id: r.get(2)?,
                identity,
                payment_id: r.get(7)?,
                linked_at: r.get(8)?,
                unlinked_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a note; its id.
    pub(crate) fn case_add_note(&self, case: i64, text: &str, at: &str) -> Res<i64> {
        self.conn.execute(
            "INSERT INTO case_notes (case_id, text, created_at) VALUES (?1, ?2, ?3)",
            params![case, text, at],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A case's notes, oldest first.
    pub(crate) fn case_notes(&self, case: i64) -> Res<Vec<Note>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, text, created_at FROM case_notes WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([case], |r| {
            Ok(Note {
                id: r.get(0)?,
                text: r.get(1)?,
                created_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many attachments the case has.
    pub(crate) fn case_attachment_count(&self, case: i64) -> Res<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM case_attachments WHERE case_id = ?1",
            [case],
            |r| r.get(0),
        )?)
    }

    /// Records an attachment (its `id` is ignored); its id.
    pub(crate) fn case_add_attachment(&self, case: i64, a: &Attachment) -> Res<i64> {
        self.conn.execute(
            "INSERT INTO case_attachments (case_id, stored_name, original_name, original_sha256,
                stored_sha256, original_size, size, media_type, captured_at, redacted)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                case,
                a.stored_name,
                a.original_name,
                a.original_sha256,
                a.stored_sha256,
                a.original_size as i64,
                a.size as i64,
                a.media_type,
                a.captured_at,
                a.redacted
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A case's attachments, oldest first.
    pub(crate) fn case_attachments(&self, case: i64) -> Res<Vec<Attachment>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, stored_name, original_name, original_sha256, stored_sha256, original_size,
                    size, media_type, captured_at, redacted
               FROM case_attachments WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([case], |r| {
            Ok(Attachment {
                id: r.get(0)?,
                stored_name: r.get(1)?,
                original_name: r.get(2)?,
                original_sha256: r.get(3)?,
                stored_sha256: r.get(4)?,
                original_size: r.get::<_, i64>(5)?.max(0) as u64,
                size: r.get::<_, i64>(6)?.max(0) as u64,
                media_type: r.get(7)?,
                captured_at: r.get(8)?,
                redacted: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a diagnosis run (JSON text); its id.
    pub(crate) fn case_add_diagnosis(
        &self,
        case: i64,
        computed_at: &str,
        result: &str,
    ) -> Res<i64> {
        self.conn.execute(
            "INSERT INTO case_diagnoses (case_id, computed_at, result) VALUES (?1, ?2, ?3)",
            params![case, computed_at, result],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A case's diagnosis runs, oldest first.
    pub(crate) fn case_diagnoses(&self, case: i64) -> Res<Vec<StoredDiagnosis>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, computed_at, result FROM case_diagnoses WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([case], |r| {
            Ok(StoredDiagnosis {
                id: r.get(0)?,
                computed_at: r.get(1)?,
                result: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

//! Writing one batch: duplicate checks against the ledger and buffered,
//! multi-row inserts, all inside the caller's transaction.
//!
//! Speed comes from three choices, measured on a 1M-row statement
//! (`scripts/bench-import.sh`):
//! - the identity index leads with the date, descending, so the rows of a
//!   statement written newest first arrive in index order and fill its pages
//!   at the end (a file in another order is as correct, just slower);
//! - the keys already in the ledger are read one date at a time from that
//!   index (a covering scan) and checked in memory, so a re-import costs one
//!   small query per date instead of one lookup per row;
//! - the parser runs on a second thread and hands rows over in chunks; new
//!   rows go in 64 at a time through a prepared multi-row INSERT, which pays
//!   SQLite's per-statement costs once for many rows.
//!
//! Each new row is classified on its way in (rules, then the catalog; see
//! [`crate::classify`]) and its class columns are part of the same INSERT.
//! The classifier remembers what it learned per distinct descriptor, so a
//! statement of a million lines costs a few hundred pattern matches.

use std::collections::HashMap;

use crate::classify::{Classifier, Outcome};
use crate::import::pipeline::format::Format;
use crate::import::pipeline::stream::{RowChunk, CHUNK_ROWS};
use crate::ledger::date_to_int;
use crate::ledger::import_write::{
    account, source_id_exists, Account, ImportTx as Transaction, KnownKeys, LineInsert, NewLine,
    StorageResult, INSERT_ROWS,
};
use crate::ledger::rollup::{BatchLine, BatchRollup};
use crate::ledger::text_index::{write_body, BatchBodies};
use crate::provider::RecordWriter;

/// Counts and writes the rows of one batch.
pub(crate) struct BatchWriter<'f> {
    /// `None` in a dry run.
    pub batch_id: Option<i64>,
    format: &'f dyn Format,
    /// The account the user named for every row, if any.
    explicit: Option<Account>,
    /// Accounts by the rows' hints (no hint is ""), as the format names them.
    by_hint: HashMap<String, Account>,
    /// The accounts rows went to, in the order first used.
    pub used: Vec<Account>,
    known: KnownKeys,
    /// Dry run: the layer-1 keys (account, id, date, amount, occurrence)
    /// seen so far, with the line each was first seen on.
    source_ids_seen: HashMap<(Option<i64>, String, i64, i64, u32), u64>,
    /// Dry run with a preview: the lines it shows.
    pub preview: Option<crate::import::pipeline::preview::Collector>,
    /// Rows that carry an id an earlier row of the file also carries.
    pub reused: crate::import::pipeline::dedupe::SourceIdReuse,
    /// `None` in a dry run.
    classifier: Option<Classifier>,
    fresh: Vec<(usize, Option<i64>, Option<Outcome>)>,
    /// The stored form of a row's details, reused row after row.
    details_json: String,
    pub added: u64,
    pub duplicates: u64,
    /// Provider records, written as a whole at the batch's end.
    pub records: RecordWriter,
    /// The batch's contribution to the summary rollup, written at its end.
    pub rollup: BatchRollup,
    /// The batch's searched texts (ledger/text_index.rs), written at its end.
    pub bodies: BatchBodies,
    /// A row's searched text and a group's body ids, reused.
    body: String,
    body_ids: Vec<i64>,
    /// The highest id inserted so far (or the one before the batch's first).
    last_id: i64,
}

impl std::fmt::Debug for BatchWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchWriter")
            .field("batch_id", &self.batch_id)
            .field("format", &self.format.id())
            .field("used", &self.used)
            .field("added", &self.added)
            .field("duplicates", &self.duplicates)
            .finish_non_exhaustive()
    }
}

impl<'f> BatchWriter<'f> {
    /// `first_new_id`: the lowest id this batch's rows can get; `explicit`:
    /// the account the user named, else each row's goes by its hint.
    pub fn new(
        tx: &Transaction<'_>,
        batch_id: Option<i64>,
        format: &'f dyn Format,
        explicit: Option<&str>,
        first_new_id: i64,
        mut classifier: Option<Classifier>,
    ) -> StorageResult<Self> {
        let explicit = explicit
            .map(|name| account(tx, name, batch_id.is_none()))
            .transpose()?;
        if let (Some(c), Some(Account { id: Some(id), name })) = (&mut classifier, &explicit) {
            c.note_account(*id, name);
        }
        Ok(BatchWriter {
            batch_id,
            format,
            explicit,
            by_hint: HashMap::new(),
            used: Vec::new(),
            known: KnownKeys::new(first_new_id),
            source_ids_seen: HashMap::new(),
            preview: None,
            reused: Default::default(),
            classifier,
            fresh: Vec::with_capacity(CHUNK_ROWS),
            details_json: String::new(),
            added: 0,
            duplicates: 0,
            records: RecordWriter::default(),
            rollup: BatchRollup::default(),
            bodies: BatchBodies::default(),
            body: String::new(),
            body_ids: Vec::with_capacity(INSERT_ROWS),
            last_id: first_new_id - 1,
        })
    }

    /// The account for a row with this hint.
    fn account_for(
        &mut self,
        tx: &Transaction<'_>,
        hint: Option<&str>,
    ) -> StorageResult<Option<i64>> {
        // The common cases, per row and without allocating: the account the
        // user named, or the one account of a single-account file.
        if let Some(a) = &self.explicit {
            if self.used.is_empty() {
                self.used.push(a.clone());
            }
            return Ok(a.id);
        }
        if !self.format.several_accounts() {
            if let Some(first) = self.used.first() {
                return Ok(first.id);
            }
        }
        let acc = match self.by_hint.get(hint.unwrap_or_default()) {
            Some(a) => a.clone(),
            None => {
                let name = self.format.default_account(hint);
                let a = account(tx, &name, self.batch_id.is_none())?;
                if let (Some(c), Some(id)) = (&mut self.classifier, a.id) {
                    c.note_account(id, &a.name);
                }
                self.by_hint
                    .insert(hint.unwrap_or_default().to_owned(), a.clone());
                a
            }
        };
        let id = acc.id;
        if !self.used.iter().any(|u| u.name == acc.name) {
            self.used.push(acc);
        }
        Ok(id)
    }

    /// The account named before any row (a file with no rows still names
    /// the account it was meant for).
    pub fn note_empty(&mut self, tx: &Transaction<'_>) -> StorageResult<()> {
        if self.used.is_empty() {
            self.account_for(tx, None)?;
        }
        Ok(())
    }

    /// Checks a chunk of rows against the ledger and writes the new ones.
    pub fn push_chunk(&mut self, tx: &Transaction<'_>, chunk: &RowChunk) -> StorageResult<()> {
        for (record, amount) in &chunk.records {
            self.records.push(record, *amount);
        }
        self.fresh.clear();
        for (i, row) in chunk.rows.iter().enumerate() {
            let account_id = self.account_for(tx, chunk.opt_str(&row.account_hint))?;
            if let Some(id) = chunk.opt_str(&row.source_id) {
                self.reused.note(account_id, id, row.line);
            }
            let known = match account_id {
                Some(account_id) => self.known.contains(
                    tx,
                    account_id,
                    date_to_int(row.date),
                    (row.fingerprint, row.occurrence),
                )?,
                None => false,
            };
            if known {
                self.duplicates += 1;
                if let (Some(p), Some(account_id)) = (&mut self.preview, account_id) {
                    p.known(chunk, row, account_id, date_to_int(row.date));
                }
            } else {
                let outcome = self
                    .classifier
                    .as_mut()
                    .map(|c| c.outcome(&chunk.line(row, account_id)));
                self.fresh.push((i, account_id, outcome));
            }
        }
        let Some(batch_id) = self.batch_id else {
            // Dry run: only the source-id layer is left to ask about.
            for (i, account_id, _) in std::mem::take(&mut self.fresh) {
                let row = &chunk.rows[i];
                match self.source_id_known(tx, account_id, chunk, i)? {
                    Some(earlier) => {
                        self.duplicates += 1;
                        if let Some(p) = &mut self.preview {
                            p.same_id(chunk, row, account_id, date_to_int(row.date), earlier);
                        }
                    }
                    None => {
                        self.added += 1;
                        if let Some(p) = &mut self.preview {
                            p.added(chunk, row);
                        }
                    }
                }
            }
            return Ok(());
        };
        let mut lines: Vec<BatchLine<'_>> = Vec::with_capacity(INSERT_ROWS);
        for group in self.fresh.chunks(INSERT_ROWS) {
            lines.clear();
            self.body_ids.clear();
            let mut insert = LineInsert::new(tx, group.len())?;
            let mut details = std::mem::take(&mut self.details_json);
            for &(i, account_id, outcome) in group {
                let r = &chunk.rows[i];
                let line = chunk.line(r, account_id);
                let class = match (&self.classifier, &outcome) {
                    (Some(c), Some(o)) => Some(c.view(o)),
                    _ => None,
                };
                write_body(&mut self.body, line.description, line.memo, &line.details);
                let body_id = self.bodies.id(tx, &self.body)?;
                self.body_ids.push(body_id);
                insert.push(&NewLine {
                    batch_id,
                    account_id,
                    source_line: r.line as i64,
                    source_id: chunk.opt_str(&r.source_id),
                    fingerprint: r.fingerprint,
                    occurrence: r.occurrence,
                    txn_date: date_to_int(r.date),
                    posted_date: r.posted_date.map(date_to_int),
                    occurred_at: r.occurred_at,
                    description: line.description,
                    // Copied by SQLite as it is bound: one buffer serves every row.
                    details: line
                        .details
                        .write_json(&mut details)
                        .then_some(details.as_str()),
                    category: line.category,
                    source_type: line.source_type,
                    memo: line.memo,
                    amount: line.amount,
                    currency: line.currency,
                    original_amount: line.original_amount,
                    original_currency: line.original_currency,
                    fx_rate: r.fx_rate,
                    fx_fee: r.fx_fee,
                    status: r.status.as_str(),
                    class: class.map(|v| v.class.as_str()),
                    vendor: class.and_then(|v| v.vendor),
                    product: class.and_then(|v| v.product),
                    class_source: class.map(|v| v.source),
                    review: class.and_then(|v| v.review),
                    rule_tags: class.and_then(|v| v.tags),
                    decided_by: class.and_then(|v| v.decided_by),
                    body_id,
                })?;
                if let (Some(v), Some(account_id)) = (class, account_id) {
                    lines.push(BatchLine {
                        day: date_to_int(r.date),
                        account_id,
                        class: v.class.as_str(),
                        vendor: v.vendor,
                        amount: r.amount,
                        currency: r.currency,
                        original_amount: r.original_amount,
                        original_currency: r.original_currency,
                        status: r.status,
                    });
                }
            }
            self.details_json = details;
            // Rows whose source id is already in the account with the same
            // date, amount and occurrence are skipped by the unique index:
            // they count as duplicates.
            let inserted = insert.run()?;
            if inserted > 0 {
                let last = tx.last_insert_rowid();
                if inserted == group.len() as u64 {
                    self.bodies.add(&self.body_ids);
                } else {
                    self.bodies.add_range(self.last_id + 1, last);
                }
                if inserted == group.len() as u64 && lines.len() == group.len() {
                    for l in &lines {
                        self.rollup.add(l);
                    }
                } else {
                    // Which rows the index skipped is not known here: sum
                    // this group's id range from the table at the end.
                    self.rollup.add_range(self.last_id + 1, last);
                }
                self.last_id = last;
            }
            self.added += inserted;
            self.duplicates += group.len() as u64 - inserted;
        }
        Ok(())
    }

    /// Dry run: whether the unique source-id index would skip row `i` of
    /// `chunk` (the same id, date, amount and occurrence in the account
    /// already, or earlier in this file): `None` when it would not,
    /// `Some(None)` for the ledger's line, `Some(Some(line))` for an earlier
    /// line of the file.
    fn source_id_known(
        &mut self,
        tx: &Transaction<'_>,
        account_id: Option<i64>,
        chunk: &RowChunk,
        i: usize,
    ) -> StorageResult<Option<Option<u64>>> {
        let row = &chunk.rows[i];
        let Some(id) = chunk.opt_str(&row.source_id) else {
            return Ok(None);
        };
        let date = date_to_int(row.date);
        let key = (account_id, id.to_owned(), date, row.amount, row.occurrence);
        if let Some(first) = self.source_ids_seen.get(&key) {
            return Ok(Some(Some(*first)));
        }
        self.source_ids_seen.insert(key, row.line);
        let Some(account_id) = account_id else {
            return Ok(None);
        };
        Ok(source_id_exists(tx, account_id, id, date, row.amount, row.occurrence)?.then_some(None))
    }
}

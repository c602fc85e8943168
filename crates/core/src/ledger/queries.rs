//! Reading the ledger's lines and batches, removing a batch's rows and
//! recording user edits.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::sync_state::SyncRewind;
use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::money::{from_micros, Currency};

/// Where a line stands at its bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum TxnStatus {
    Posted,
    Pending,
    /// Declined, closed or cancelled at the source: kept, never dropped.
    Reverted,
}

impl TxnStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TxnStatus::Posted => "posted",
            TxnStatus::Pending => "pending",
            TxnStatus::Reverted => "reverted",
        }
    }

    fn parse(s: &str) -> Result<Self, LedgerError> {
        match s {
            "posted" => Ok(TxnStatus::Posted),
            "pending" => Ok(TxnStatus::Pending),
            "reverted" => Ok(TxnStatus::Reverted),
            other => Err(LedgerError::Corrupt(format!("status {other:?}"))),
        }
    }
}

/// One ledger line as the front ends show it (SPEC §9 `txns`).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TxnRow {
    pub id: i64,
    /// The local calendar date written on the statement.
    pub date: NaiveDate,
    pub posted_date: Option<NaiveDate>,
    pub description: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub original_amount: Option<Decimal>,
    pub original_currency: Option<Currency>,
    /// The user's edit, else a rule's, else the catalog's; `None` for a
    /// line not classified yet.
    pub class: Option<crate::classify::Class>,
    pub vendor: Option<String>,
    pub product: Option<String>,
    /// Who decided the class: `edit`, `rule:<id>`, `catalog` or `default`.
    pub class_source: Option<String>,
    /// Why an unfamiliar line deserves a look (it stays `everyday` meanwhile).
    pub review: Option<String>,
    pub account: String,
    pub status: TxnStatus,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub category: Option<String>,
    pub memo: Option<String>,
    pub batch_id: i64,
    /// Every descriptive field the bank gave, by name (only those it gave):
    /// `merchant`, `descriptor`, `goods`, `memo`, `category`, `mcc`, `type`.
    // Boxed, like `decided_by`: seldom read, and it keeps a row small.
    pub details: Box<crate::classify::LineDetails>,
    /// Which field and which rule or catalog entry (and price) decided the
    /// class; `None` for a line not classified yet.
    pub decided_by: Option<Box<crate::classify::DecidedBy>>,
}

/// Which lines `txns` returns. Dates are inclusive local dates.
#[derive(Debug, Clone, Default)]
pub struct TxnFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub account: Option<String>,
    /// The effective class (`ai-api`, ...).
    pub class: Option<String>,
    /// The effective vendor id (`openai`, ...).
    pub vendor: Option<String>,
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum BatchStatus {
    Imported,
    Undone,
}

/// One import batch, as `imports` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct BatchInfo {
    pub batch_id: i64,
    pub file: String,
    pub sha256: String,
    pub format: String,
    pub account: String,
    /// UTC instant, RFC 3339.
    pub imported_at: String,
    pub added: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub status: BatchStatus,
    pub undone_at: Option<String>,
}

/// What the user changed on one line. `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct TxnEdit {
    pub class: Option<String>,
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub tags: Option<Vec<String>>,
    pub note: Option<String>,
}

fn date_col(row: &Row<'_>, idx: usize) -> Result<Option<NaiveDate>, LedgerError> {
    let v: Option<i64> = row.get(idx)?;
    v.map(|v| date_from_int(v).ok_or_else(|| LedgerError::Corrupt(format!("date {v}"))))
        .transpose()
}

fn currency_col(row: &Row<'_>, idx: usize) -> Result<Option<Currency>, LedgerError> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| Currency::parse(&t).map_err(|_| LedgerError::Corrupt(format!("currency {t:?}"))))
        .transpose()
}

// The effective classification: the user's edit (txn_edits) over what the
// rules and the catalog stored on the line. An edit that makes a line
// everyday or a transfer drops its vendor and product; an edit naming another
// vendor drops the stored product.
pub(crate) const EFFECTIVE_CLASS: &str = "coalesce(e.class, t.class)";
pub(crate) const EFFECTIVE_VENDOR: &str = "CASE WHEN e.vendor IS NOT NULL THEN e.vendor
         WHEN e.class IN ('everyday', 'transfer') THEN NULL ELSE t.vendor END";
pub(crate) const EFFECTIVE_PRODUCT: &str = "CASE WHEN e.product IS NOT NULL THEN e.product
         WHEN e.class IN ('everyday', 'transfer') THEN NULL
         WHEN e.vendor IS NOT NULL AND e.vendor IS NOT t.vendor THEN NULL
         ELSE t.product END";

/// When a line split into parts (`txn_parts` `p`, a multi-item receipt)
/// counts by its parts: unless the user set its class or vendor (their
/// edit wins; the line counts whole). Needs `e` ([`EDITS_JOIN`]).
pub(crate) const PARTS_APPLY: &str = "coalesce(e.class_by_user, 0) = 0";

/// The user's edit of a line `t`, as `e` (keyed by the line's identity).
pub(crate) const EDITS_JOIN: &str = "LEFT JOIN txn_edits e
        ON e.txn_date = t.txn_date AND e.account_id = t.account_id
       AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence";

/// Which column bounds the lines [`subscription_candidates`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRange {
    /// The line's date (`txn_date`; an edit carries its line's date).
    Date,
    /// The line's id.
    Id,
}

/// The ids of the lines that may be subscription lines within a range: the
/// lines stored as `ai-subscription`, through the partial class index
/// (migration 0012; the literal `<> 'everyday'` lets SQLite use it), and
/// the lines a user's edit makes subscriptions. `bound` is the SQL that
/// follows the range column (`BETWEEN ?1 AND ?2`, `<= ?1`). The caller
/// still checks the effective class on each (an edit can take a stored
/// subscription out). Only these are read, not every line of their days.
pub(crate) fn subscription_candidates(range: LineRange, bound: &str) -> String {
    let (stored, edited) = match range {
        LineRange::Date => ("txn_date", "e2.txn_date"),
        LineRange::Id => ("id", "t2.id"),
    };
    format!(
        "SELECT id FROM transactions INDEXED BY transactions_class_date
          WHERE class = 'ai-subscription' AND class <> 'everyday' AND {stored} {bound}
         UNION ALL
         SELECT t2.id FROM txn_edits e2 JOIN transactions t2
             ON t2.txn_date = e2.txn_date AND t2.account_id = e2.account_id
            AND t2.fingerprint = e2.fingerprint AND t2.occurrence = e2.occurrence
          WHERE e2.class = 'ai-subscription' AND {edited} {bound}"
    )
}

pub(crate) fn txn_select() -> String {
    format!(
        "SELECT t.id, t.txn_date, t.posted_date, t.description, t.amount, t.currency,
           t.original_amount, t.original_currency, {EFFECTIVE_CLASS}, {EFFECTIVE_VENDOR},
           {EFFECTIVE_PRODUCT},
           a.name, t.status, coalesce(e.tags, t.rule_tags), e.note, t.category, t.memo,
           t.batch_id,
           CASE WHEN coalesce(e.class, e.vendor, e.product) IS NOT NULL THEN 'edit'
                ELSE t.class_source END,
           CASE WHEN e.class IS NOT NULL THEN NULL ELSE t.review END,
           t.details, t.source_type, t.decided_by
      FROM transactions t
      JOIN accounts a ON a.id = t.account_id
      {EDITS_JOIN}"
    )
}

pub(crate) fn txn_from_row(row: &Row<'_>) -> Result<TxnRow, LedgerError> {
    let tags: Option<String> = row.get(13)?;
    let tags = match tags {
        Some(json) => serde_json::from_str(&json)
            .map_err(|_| LedgerError::Corrupt(format!("tags {json:?}")))?,
        None => Vec::new(),
    };
    let status: String = row.get(12)?;
    Ok(TxnRow {
        id: row.get(0)?,
        date: date_col(row, 1)?.ok_or_else(|| LedgerError::Corrupt("missing date".into()))?,
        posted_date: date_col(row, 2)?,
        description: row.get(3)?,
        amount: from_micros(row.get(4)?),
        currency: currency_col(row, 5)?
            .ok_or_else(|| LedgerError::Corrupt("missing currency".into()))?,
        original_amount: row.get::<_, Option<i64>>(6)?.map(from_micros),
        original_currency: currency_col(row, 7)?,
        class: row
            .get::<_, Option<String>>(8)?
            .map(|c| {
                c.parse::<crate::classify::Class>()
                    .map_err(|_| LedgerError::Corrupt(format!("class {c:?}")))
            })
            .transpose()?,
        vendor: row.get(9)?,
        product: row.get(10)?,
        account: row.get(11)?,
        status: TxnStatus::parse(&status)?,
        tags,
        note: row.get(14)?,
        category: row.get(15)?,
        memo: row.get(16)?,
        batch_id: row.get(17)?,
        class_source: row.get(18)?,
        review: row.get(19)?,
        details: Box::new(crate::classify::LineDetails::from_parts(
            row.get::<_, Option<String>>(20)?.as_deref(),
            row.get::<_, Option<String>>(16)?.as_deref(),
            row.get::<_, Option<String>>(15)?.as_deref(),
            row.get::<_, Option<String>>(21)?.as_deref(),
        )),
        decided_by: crate::classify::DecidedBy::from_parts(
            row.get::<_, Option<String>>(18)?.as_deref(),
            row.get::<_, Option<String>>(22)?.as_deref(),
        )
        .map(Box::new),
    })
}

impl Ledger {
    /// How many lines the ledger holds.
    pub fn transaction_count(&self) -> Result<u64, LedgerError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM transactions", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Lines matching `filter`, newest first (ties in file order).
    pub fn transactions(&self, filter: &TxnFilter) -> Result<Vec<TxnRow>, LedgerError> {
        let sql = format!(
            "{}
             WHERE (?1 IS NULL OR t.txn_date >= ?1)
               AND (?2 IS NULL OR t.txn_date <= ?2)
               AND (?3 IS NULL OR a.name = ?3)
               AND (?5 IS NULL OR {EFFECTIVE_CLASS} = ?5)
               AND (?6 IS NULL OR {EFFECTIVE_VENDOR} = ?6)
               AND NOT (t.status = 'pending' AND EXISTS (
                    SELECT 1 FROM txn_links l WHERE l.pending_id = t.id AND l.state = 'confirmed'))
             ORDER BY t.txn_date DESC, t.id ASC
             LIMIT ?4",
            txn_select()
        );
        let limit = filter
            .limit
            .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![
            filter.from.map(date_to_int),
            filter.to.map(date_to_int),
            filter.account,
            limit,
            filter.class,
            filter.vendor
        ])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(txn_from_row(row)?);
        }
        Ok(out)
    }

    /// One line by id.
    pub fn transaction(&self, id: i64) -> Result<TxnRow, LedgerError> {
        let sql = format!("{} WHERE t.id = ?1", txn_select());
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => txn_from_row(row),
            None => Err(LedgerError::NoSuchTxn(id)),
        }
    }

    /// Every import batch, newest first, with the account its lines went to
    /// as stored (`several accounts` when the file named more than one).
    /// Front ends read [`crate::batches::history`], which names a provider-records
    /// batch after its format.
    pub(crate) fn batch_rows(&self) -> Result<Vec<BatchInfo>, LedgerError> {
        self.batch_rows_of(None)
    }

    /// [`Self::batch_rows`], or only batch `only` when given.
    pub(crate) fn batch_rows_of(&self, only: Option<i64>) -> Result<Vec<BatchInfo>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, b.file_name, b.file_sha256, b.format,
                    coalesce(a.name, 'several accounts'), b.imported_at,
                    b.added, b.duplicates, b.rejected, b.status, b.undone_at
               FROM import_batches b LEFT JOIN accounts a ON a.id = b.account_id
              WHERE ?1 IS NULL OR b.id = ?1
              ORDER BY b.id DESC",
        )?;
        let mut rows = stmt.query([only])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let status: String = r.get(9)?;
            out.push(BatchInfo {
                batch_id: r.get(0)?,
                file: r.get(1)?,
                sha256: r.get(2)?,
                format: r.get(3)?,
                account: r.get(4)?,
                imported_at: r.get(5)?,
                added: r.get::<_, i64>(6)?.max(0) as u64,
                duplicates: r.get::<_, i64>(7)?.max(0) as u64,
                rejected: r.get::<_, i64>(8)?.max(0) as u64,
                status: match status.as_str() {
                    "imported" => BatchStatus::Imported,
                    "undone" => BatchStatus::Undone,
                    other => return Err(LedgerError::Corrupt(format!("batch status {other:?}"))),
                },
                undone_at: r.get(10)?,
            });
        }
        Ok(out)
    }

    /// Removes every row a batch added (its lines and its provider records)
    /// in one transaction, and keeps the batch in the history as `undone`.
    /// `rewind` is asked, with the batch's file name, which sync position
    /// goes back with it (inside the same transaction). User edits are
    /// kept: they come back if the same file is imported again. Returns how
    /// many lines and records went.
    pub(crate) fn undo_batch_rows(
        &mut self,
        batch_id: i64,
        rewind: impl FnOnce(&str) -> Option<SyncRewind>,
    ) -> Result<(u64, super::reports::LinesChanged), LedgerError> {
        let catalog = std::sync::Arc::clone(&self.catalog);
        let tx = self.conn.transaction()?;
        let mut changed = super::reports::LinesChanged {
            before: super::tally::generation(&tx)?,
            ..Default::default()
        };
        let found: Option<(String, Option<i64>, Option<i64>, String)> = tx
            .query_row(
                "SELECT status, first_txn_id, last_txn_id, file_name
                   FROM import_batches WHERE id = ?1",
                [batch_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (first, last, file_name) = match found {
            None => return Err(LedgerError::NoSuchBatch(batch_id)),
            Some((status, ..)) if status == "undone" => {
                return Err(LedgerError::BatchAlreadyUndone(batch_id))
            }
            Some((_, first, last, file_name)) => (first, last, file_name),
        };
        // The batch's rows sit in one id range (see the schema); the range
        // makes this a scan of just those rows, with no index on batch_id.
        let removed = match (first, last) {
            (Some(first), Some(last)) => {
                // Refunds paired across batches: the other line goes back
                // to what its own file says.
                // The subscription vendors the undo changes (all when a
                // line of another batch changes too).
                changed.sub_vendors =
                    super::reports::batch_subscription_vendors(&tx, first, last, batch_id)?;
                if super::refunds::unpair_batch(&tx, &catalog, first, last, batch_id)? {
                    changed.sub_vendors = None;
                }
                super::rollup::remove_range(&tx, first, last, batch_id)?;
                // Parts of these lines (issue #19) go with them.
                tx.execute(
                    "DELETE FROM txn_parts WHERE txn_id IN (SELECT id FROM transactions
                      WHERE id BETWEEN ?1 AND ?2 AND batch_id = ?3)",
                    params![first, last, batch_id],
                )?;
                tx.execute(
                    "DELETE FROM transactions WHERE id BETWEEN ?1 AND ?2 AND batch_id = ?3",
                    params![first, last, batch_id],
                )?
            }
            _ => 0,
        };
        let removed = removed + super::provider_records::undo_records(&tx, batch_id)?;
        let removed = removed + super::mail_receipts::undo_receipts(&tx, batch_id)?;
        if let Some(to) = rewind(&file_name) {
            super::sync_state::rewind(&tx, to)?;
        }
        tx.execute(
            "UPDATE import_batches SET status = 'undone', undone_at = ?2 WHERE id = ?1",
            params![batch_id, crate::clock::now_utc_text()],
        )?;
        changed.after = super::tally::generation(&tx)?;
        tx.commit()?;
        Ok((removed as u64, changed))
    }

    /// Records a user's change to one line, apart from its imported fields.
    pub fn edit_transaction(&mut self, id: i64, edit: &TxnEdit) -> Result<TxnRow, LedgerError> {
        let class = edit
            .class
            .as_deref()
            .map(str::parse::<crate::classify::Class>)
            .transpose()?;
        // A new AI class without a vendor keeps the vendor and product the
        // line shows now, so the edit holds them even if a rule changes later.
        let (mut vendor, mut product) = (edit.vendor.clone(), edit.product.clone());
        if class.is_some_and(crate::classify::Class::is_ai) && vendor.is_none() {
            let now = self.transaction(id)?;
            vendor = now.vendor;
            if product.is_none() {
                product = now.product;
            }
        }
        let class = class.map(crate::classify::Class::as_str);
        let tags = edit
            .tags
            .as_ref()
            .map(|t| serde_json::to_string(t).unwrap_or_else(|_| "[]".into()));
        let tx = self.conn.transaction()?;
        write_edit(
            &tx,
            id,
            &EditValues {
                class,
                vendor: vendor.as_deref(),
                product: product.as_deref(),
                tags: tags.as_deref(),
                note: edit.note.as_deref(),
                by_user: true,
            },
        )?;
        tx.commit()?;
        self.transaction(id)
    }
}

/// The values an edit writes (`None`: keep what the line has).
pub(crate) struct EditValues<'a> {
    pub class: Option<&'a str>,
    pub vendor: Option<&'a str>,
    pub product: Option<&'a str>,
    pub tags: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The user's own edit (the editor, the CLI), not a receipt's match:
    /// a class or vendor it sets wins over the line's parts
    /// ([`PARTS_APPLY`]) and survives the undo of a mail import.
    pub by_user: bool,
}

/// Writes an edit of line `id` in the caller's transaction, the rollup
/// kept true (an import writes its matches' edits with its batch).
pub(crate) fn write_edit(
    tx: &rusqlite::Connection,
    id: i64,
    e: &EditValues<'_>,
) -> Result<(), LedgerError> {
    let (class, vendor, product, tags) = (e.class, e.vendor, e.product, e.tags);
    {
        // The rollup sums lines by their effective class and vendor: take the
        // line out before the edit and put it back after (same transaction).
        super::rollup::remove_line(tx, id)?;
        let changed = tx.execute(
            "INSERT INTO txn_edits (account_id, txn_date, fingerprint, occurrence,
                                    class, vendor, product, tags, note, updated_at,
                                    class_by_user)
             SELECT account_id, txn_date, fingerprint, occurrence, ?2, ?3, ?4, ?5, ?6, ?7,
                    ?8 AND (?2 IS NOT NULL OR ?3 IS NOT NULL)
               FROM transactions WHERE id = ?1
             ON CONFLICT (txn_date, account_id, fingerprint, occurrence) DO UPDATE SET
                class = coalesce(excluded.class, class),
                vendor = coalesce(excluded.vendor, vendor),
                product = coalesce(excluded.product, product),
                tags = coalesce(excluded.tags, tags),
                note = coalesce(excluded.note, note),
                updated_at = excluded.updated_at,
                class_by_user = CASE WHEN excluded.class IS NOT NULL
                                       OR excluded.vendor IS NOT NULL
                                     THEN excluded.class_by_user ELSE class_by_user END",
            params![
                id,
                class,
                vendor,
                product,
                tags,
                e.note,
                crate::clock::now_utc_text(),
                e.by_user
            ],
        )?;
        if changed == 0 {
            return Err(LedgerError::NoSuchTxn(id));
        }
        super::rollup::add_line(tx, id)?;
        super::rollup::finish_lines(tx)?;
    }
    Ok(())
}

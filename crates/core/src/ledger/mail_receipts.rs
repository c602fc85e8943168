//! `mail_receipts`: receipts read from mail (migration 0012), their match to
//! a card line, and what `payments list` and `txns` show of them.
//!
//! Invariant: a receipt row belongs to the batch that read it and goes with
//! its undo, together with the receipt file it attached to its line and the
//! parts (`txn_parts`, migration 0018) it split that line into.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::money::{from_micros, Currency};

/// A receipt to store, its amounts already in micro-units.
#[derive(Debug, Clone)]
pub struct NewMailReceipt<'a> {
    pub source_line: u64,
    pub message_key: &'a str,
    pub vendor: &'a str,
    pub channel: &'a str,
    pub product: Option<&'a str>,
    pub sender: &'a str,
    pub subject: &'a str,
    pub receipt_no: Option<&'a str>,
    pub invoice_no: Option<&'a str>,
    pub paid_at: Option<String>,
    pub zone: Option<&'a str>,
    pub paid_date: NaiveDate,
    pub amount: i64,
    pub currency: &'a str,
    pub tax: Option<i64>,
    pub tax_rate: Option<String>,
    /// JSON array of the items.
    pub items: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub card_brand: Option<&'a str>,
    pub card_last4: Option<&'a str>,
}

/// A stored receipt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MailReceiptRow {
    pub id: i64,
    pub batch_id: i64,
    pub source: String,
    pub vendor: String,
    pub channel: String,
    pub product: Option<String>,
    pub sender: String,
    pub subject: String,
    pub receipt_no: Option<String>,
    pub invoice_no: Option<String>,
    pub paid_at: Option<String>,
    pub zone: Option<String>,
    pub paid_date: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub tax: Option<Decimal>,
    pub tax_rate: Option<String>,
    /// The items, as stored (JSON).
    pub items: serde_json::Value,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
    pub stored_name: Option<String>,
    pub matched_txn_id: Option<i64>,
    pub flag: Option<String>,
}

/// Whether a message was read before: `None` if not, `Some(Some(id))` when
/// its receipt has no card line yet, `Some(None)` when it has one.
pub(crate) fn seen_unmatched(
    tx: &Transaction<'_>,
    message_key: &str,
) -> rusqlite::Result<Option<Option<i64>>> {
    tx.query_row(
        "SELECT id, matched_txn_id FROM mail_receipts WHERE message_key = ?1",
        [message_key],
        |r| {
            let id: i64 = r.get(0)?;
            let matched: Option<i64> = r.get(1)?;
            Ok(matched.is_none().then_some(id))
        },
    )
    .optional()
}

/// Stores a receipt in batch `batch_id`; returns its id.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    batch_id: i64,
    r: &NewMailReceipt<'_>,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO mail_receipts (batch_id, source_line, source, message_key, vendor, channel,
            product, sender, subject, receipt_no, invoice_no, paid_at, zone, paid_date, amount,
            currency, tax, tax_rate, items, period_start, period_end, card_brand, card_last4)
         VALUES (?1, ?2, 'email', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                 ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        params![
            batch_id,
            r.source_line as i64,
            r.message_key,
            r.vendor,
            r.channel,
            r.product,
            r.sender,
            r.subject,
            r.receipt_no,
            r.invoice_no,
            r.paid_at,
            r.zone,
            date_to_int(r.paid_date),
            r.amount,
            r.currency,
            r.tax,
            r.tax_rate,
            r.items,
            r.period_start.map(date_to_int),
            r.period_end.map(date_to_int),
            r.card_brand,
            r.card_last4,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Undo of a batch: its receipts, and the receipt files they attached to
/// their lines. Returns how many receipts went.
pub(super) fn undo_receipts(tx: &Transaction<'_>, batch_id: i64) -> rusqlite::Result<usize> {
    // The lines the matches named go back to what they were: the class,
    // vendor and product the match wrote leave the line's edit (its tags
    // and note stay, and a class or vendor the user set since stays whole),
    // and the rollup follows, in this transaction.
    let named: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT m.matched_txn_id FROM mail_receipts m JOIN transactions t
                ON t.id = m.matched_txn_id
              WHERE m.batch_id = ?1 AND m.edited = 1",
        )?;
        let rows = stmt.query_map([batch_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    // The lines the batch's receipts split: whole again.
    let split: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT p.txn_id FROM txn_parts p JOIN mail_receipts m
                ON m.id = p.receipt_id
              WHERE m.batch_id = ?1",
        )?;
        let rows = stmt.query_map([batch_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut touched: Vec<i64> = named.iter().chain(&split).copied().collect();
    touched.sort_unstable();
    touched.dedup();
    for &id in &touched {
        super::rollup::remove_line(tx, id)?;
    }
    tx.execute(
        "DELETE FROM txn_parts WHERE receipt_id IN
            (SELECT id FROM mail_receipts WHERE batch_id = ?1)",
        [batch_id],
    )?;
    for &id in &named {
        tx.execute(
            "UPDATE txn_edits AS k SET class = NULL, vendor = NULL, product = NULL
              WHERE class_by_user = 0
                AND EXISTS (SELECT 1 FROM transactions t WHERE t.id = ?1
                   AND k.txn_date = t.txn_date AND k.account_id = t.account_id
                   AND k.fingerprint = t.fingerprint AND k.occurrence = t.occurrence)",
            [id],
        )?;
        tx.execute(
            "DELETE FROM txn_edits AS k
              WHERE class IS NULL AND vendor IS NULL AND product IS NULL AND tags IS NULL
                AND note IS NULL
                AND EXISTS (SELECT 1 FROM transactions t WHERE t.id = ?1
                   AND k.txn_date = t.txn_date AND k.account_id = t.account_id
                   AND k.fingerprint = t.fingerprint AND k.occurrence = t.occurrence)",
            [id],
        )?;
    }
    for &id in &touched {
        super::rollup::add_line(tx, id)?;
    }
    if !touched.is_empty() {
        super::rollup::finish_lines(tx)?;
    }
    tx.execute(
        "DELETE FROM receipts AS k
          WHERE EXISTS (SELECT 1 FROM mail_receipts m JOIN transactions t
                           ON t.id = m.matched_txn_id
                        WHERE m.batch_id = ?1 AND k.sha256 IN (m.file_sha256, m.pdf_sha256)
                          AND k.txn_date = t.txn_date AND k.account_id = t.account_id
                          AND k.fingerprint = t.fingerprint AND k.occurrence = t.occurrence)",
        [batch_id],
    )?;
    tx.execute("DELETE FROM mail_receipts WHERE batch_id = ?1", [batch_id])
}

const SELECT: &str = "SELECT id, batch_id, source, vendor, channel, product, sender, subject,
    receipt_no, invoice_no, paid_at, zone, paid_date, amount, currency, tax, tax_rate, items,
    period_start, period_end, card_brand, card_last4, stored_name, matched_txn_id, flag
    FROM mail_receipts";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<MailReceiptRow, LedgerError>> {
    let id: i64 = r.get(0)?;
    let corrupt = move |what: &str| LedgerError::Corrupt(format!("mail receipt {id}: {what}"));
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<i64>>(i)?.and_then(date_from_int))
    };
    let Some(paid_date) = date(12)? else {
        return Ok(Err(corrupt("date")));
    };
    let currency: String = r.get(14)?;
    let Ok(currency) = Currency::parse(&currency) else {
        return Ok(Err(corrupt("currency")));
    };
    let items: String = r.get(17)?;
    Ok(Ok(MailReceiptRow {
        id,
        batch_id: r.get(1)?,
        source: r.get(2)?,
        vendor: r.get(3)?,
        channel: r.get(4)?,
        product: r.get(5)?,
        sender: r.get(6)?,
        subject: r.get(7)?,
        receipt_no: r.get(8)?,
        invoice_no: r.get(9)?,
        paid_at: r.get(10)?,
        zone: r.get(11)?,
        paid_date,
        amount: from_micros(r.get(13)?),
        currency,
        tax: r.get::<_, Option<i64>>(15)?.map(from_micros),
        tax_rate: r.get(16)?,
        items: serde_json::from_str(&items).unwrap_or(serde_json::Value::Array(Vec::new())),
        period_start: date(18)?,
        period_end: date(19)?,
        card_brand: r.get(20)?,
        card_last4: r.get(21)?,
        stored_name: r.get(22)?,
        matched_txn_id: r.get(23)?,
        flag: r.get(24)?,
    }))
}

/// Which receipts a line has: the count of files attached (`receipts`)
/// and the channel its matched receipt names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct LineReceipts {
    pub channel: Option<String>,
    pub receipts: u64,
    /// The matched receipt's items (JSON), if any.
    pub items: Option<String>,
}

impl Ledger {
    /// Every receipt read from mail, oldest first (of one batch, if given).
    pub fn mail_receipts(&self, batch: Option<i64>) -> Result<Vec<MailReceiptRow>, LedgerError> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT} WHERE ?1 IS NULL OR batch_id = ?1 ORDER BY paid_date, id"
        ))?;
        let rows = stmt.query_map([batch], read_row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// The lines some receipt already backs.
    pub fn mail_matched_lines(&self) -> Result<Vec<i64>, LedgerError> {
        let mut stmt = self
            .conn
            .prepare("SELECT matched_txn_id FROM mail_receipts WHERE matched_txn_id IS NOT NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Channel and receipt count of each of these lines.
    pub fn line_receipts(&self, ids: &[i64]) -> Result<Vec<LineReceipts>, LedgerError> {
        let mut channel = self.conn.prepare_cached(
            "SELECT channel, items FROM mail_receipts WHERE matched_txn_id = ?1
              ORDER BY id LIMIT 1",
        )?;
        let mut count = self.conn.prepare_cached(
            "SELECT count(*) FROM transactions t JOIN receipts k
                ON k.txn_date = t.txn_date AND k.account_id = t.account_id
               AND k.fingerprint = t.fingerprint AND k.occurrence = t.occurrence
             WHERE t.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let matched: Option<(String, String)> = channel
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (channel, items) = match matched {
                Some((c, i)) => (Some(c), Some(i)),
                None => (None, None),
            };
            out.push(LineReceipts {
                channel,
                items,
                receipts: count.query_row([id], |r| r.get::<_, i64>(0))?.max(0) as u64,
            });
        }
        Ok(out)
    }
}

/// A write transaction an import holds while it still reads the ledger
/// through `&Ledger` (the lines to match, on the same connection, so they
/// see what the batch has written so far). Dry run: deferred, rolled back.
impl Ledger {
    pub(crate) fn shared_import_transaction(
        &self,
        dry_run: bool,
    ) -> rusqlite::Result<Transaction<'_>> {
        let behavior = if dry_run {
            rusqlite::TransactionBehavior::Deferred
        } else {
            rusqlite::TransactionBehavior::Immediate
        };
        Transaction::new_unchecked(&self.conn, behavior)
    }
}

/// Records that receipt `id` backs line `txn_id`, with the file it
/// attached (the attachment row is written here too, keyed by the line's
/// identity as `receipt attach` keys it), in the import's transaction.
pub(crate) fn set_match(
    tx: &Transaction<'_>,
    id: i64,
    txn_id: i64,
    file: Option<super::reimburse::NewReceipt<'_>>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE mail_receipts SET matched_txn_id = ?2, file_sha256 = ?3, stored_name = ?4
          WHERE id = ?1",
        params![
            id,
            txn_id,
            file.map(|f| f.sha256),
            file.map(|f| f.stored_name)
        ],
    )?;
    if let Some(f) = file {
        attach_file(tx, txn_id, &f)?;
    }
    Ok(())
}

/// Records receipt file `f` against line `txn_id`, once per content and
/// line (the one INSERT of a receipt row, by hand or by mail matching).
pub(super) fn attach_file(
    tx: &Transaction<'_>,
    txn_id: i64,
    f: &super::reimburse::NewReceipt<'_>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO receipts (account_id, txn_date, fingerprint, occurrence, file_name,
                               sha256, size, stored_name, attached_at)
         SELECT account_id, txn_date, fingerprint, occurrence, ?2, ?3, ?4, ?5, ?6
           FROM transactions WHERE id = ?1
         ON CONFLICT DO NOTHING",
        params![
            txn_id,
            f.file_name,
            f.sha256,
            f.size as i64,
            f.stored_name,
            crate::clock::now_utc_text()
        ],
    )?;
    Ok(())
}

/// Attaches receipt `id`'s PDF to its matched line too.
pub(crate) fn set_pdf(
    tx: &Transaction<'_>,
    id: i64,
    txn_id: i64,
    f: super::reimburse::NewReceipt<'_>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE mail_receipts SET pdf_sha256 = ?2 WHERE id = ?1",
        params![id, f.sha256],
    )?;
    attach_file(tx, txn_id, &f)
}

/// Notes that receipt `id`'s match named its line (undo takes it back).
pub(crate) fn mark_edited(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.execute("UPDATE mail_receipts SET edited = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// Flags receipts (`double_payment`).
pub(crate) fn flag(tx: &Transaction<'_>, ids: &[i64], flag: &str) -> rusqlite::Result<()> {
    for id in ids {
        tx.execute(
            "UPDATE mail_receipts SET flag = ?2 WHERE id = ?1",
            params![id, flag],
        )?;
    }
    Ok(())
}

/// One part of a line to store (micro-units, signed as the line).
#[derive(Debug, Clone)]
pub(crate) struct NewPart<'a> {
    pub amount: i64,
    pub original_amount: Option<i64>,
    pub class: &'a str,
    pub vendor: Option<&'a str>,
    pub product: &'a str,
}

/// Splits line `txn_id` into `parts` (receipt `receipt_id`'s items), in the
/// import's transaction, the rollup moved from the line to its parts. A
/// line split already, or parts that do not sum to the line's amount (and
/// original amount) exactly, are left as they are: false.
pub(crate) fn set_parts(
    tx: &Transaction<'_>,
    receipt_id: i64,
    txn_id: i64,
    parts: &[NewPart<'_>],
) -> rusqlite::Result<bool> {
    let split: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM txn_parts WHERE txn_id = ?1)",
        [txn_id],
        |r| r.get(0),
    )?;
    let line: Option<(i64, Option<i64>)> = tx
        .query_row(
            "SELECT amount, original_amount FROM transactions WHERE id = ?1",
            [txn_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((amount, original)) = line else {
        return Ok(false);
    };
    let sum: i64 = parts.iter().map(|p| p.amount).sum();
    let orig_sum: Option<i64> = parts.iter().map(|p| p.original_amount).sum();
    if split || parts.len() < 2 || sum != amount || (original.is_some() && orig_sum != original) {
        return Ok(false);
    }
    super::rollup::remove_line(tx, txn_id)?;
    for (idx, p) in parts.iter().enumerate() {
        tx.execute(
            "INSERT INTO txn_parts (txn_id, idx, receipt_id, amount, original_amount, class,
                                    vendor, product)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                txn_id,
                idx as i64,
                receipt_id,
                p.amount,
                original.and(p.original_amount),
                p.class,
                p.vendor,
                p.product
            ],
        )?;
    }
    super::rollup::add_line(tx, txn_id)?;
    super::rollup::finish_lines(tx)?;
    Ok(true)
}

/// A stored part of a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinePartRow {
    pub class: String,
    pub vendor: Option<String>,
    pub product: String,
    /// Signed as the line is (spending negative).
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// The mail receipt the part comes from.
    pub receipt_id: i64,
}

impl Ledger {
    /// The parts line `txn_id` counts by, in the receipt's order: empty when
    /// the line is not split, or when the user set its class or vendor
    /// (their edit wins; the stored parts wait in [`Ledger::line_parts`]).
    pub fn parts_in_effect(&self, txn_id: i64) -> Result<Vec<LinePartRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.class, p.vendor, p.product, p.amount, p.receipt_id FROM txn_parts p
               JOIN transactions t ON t.id = p.txn_id
               {edits}
              WHERE p.txn_id = ?1 AND {apply} ORDER BY p.idx",
            edits = super::queries::EDITS_JOIN,
            apply = super::queries::PARTS_APPLY,
        ))?;
        let rows = stmt.query_map([txn_id], part_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored parts of line `txn_id`, in the receipt's order (empty:
    /// the line is not split).
    pub fn line_parts(&self, txn_id: i64) -> Result<Vec<LinePartRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT class, vendor, product, amount, receipt_id FROM txn_parts
              WHERE txn_id = ?1 ORDER BY idx",
        )?;
        let rows = stmt.query_map([txn_id], part_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Ledger {
    /// The mail receipt matched to line `txn_id`, if any.
    pub fn matched_receipt(&self, txn_id: i64) -> Result<Option<MailReceiptRow>, LedgerError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE matched_txn_id = ?1 ORDER BY id LIMIT 1"
        ))?;
        let row = stmt.query_row([txn_id], read_row).optional()?;
        row.transpose()
    }
}

/// A `txn_parts` row read as `class, vendor, product, amount, receipt_id`.
fn part_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LinePartRow> {
    Ok(LinePartRow {
        class: r.get(0)?,
        vendor: r.get(1)?,
        product: r.get(2)?,
        amount: from_micros(r.get(3)?),
        receipt_id: r.get(4)?,
    })
}

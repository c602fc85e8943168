//! The ledger as CSV: one row per line, every field `txns` shows, ledger
//! signs (spending negative). RFC 4180 with CRLF line ends; text cells are
//! neutralised ([`super::csv_safe`]), numbers are plain decimals.

use super::csv_safe::{number, opt_number, text, writer};
use super::ExportError;
use crate::ledger::TxnRow;

pub const HEADER: [&str; 16] = [
    "id",
    "date",
    "posted_date",
    "account",
    "description",
    "amount",
    "currency",
    "original_amount",
    "original_currency",
    "class",
    "vendor",
    "product",
    "status",
    "tags",
    "note",
    "batch_id",
];

pub fn to_bytes(rows: &[TxnRow]) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Encode(e.to_string());
    let mut w = writer(Vec::new());
    w.write_record(HEADER).map_err(err)?;
    let opt = |v: &Option<String>| text(v.as_deref().unwrap_or(""));
    for t in rows {
        w.write_record([
            t.id.to_string(),
            t.date.to_string(),
            t.posted_date.map(|d| d.to_string()).unwrap_or_default(),
            text(&t.account),
            text(&t.description),
            number(t.amount),
            t.currency.to_string(),
            opt_number(t.original_amount),
            t.original_currency
                .map(|c| c.to_string())
                .unwrap_or_default(),
            t.class.map(|c| c.as_str().to_owned()).unwrap_or_default(),
            opt(&t.vendor),
            opt(&t.product),
            t.status.as_str().to_owned(),
            text(&t.tags.join(", ")),
            opt(&t.note),
            t.batch_id.to_string(),
        ])
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))
}

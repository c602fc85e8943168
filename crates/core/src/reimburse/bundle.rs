//! The receipts ZIP that goes beside a report: each attached receipt under
//! the name the report gives it (`<date>_<vendor>_<txn id>.<ext>`), and a
//! `manifest.json` naming every file with its SHA-256 and its line. Stored
//! copies are checked against their SHA-256 as they are packed. Entries carry
//! the report's generation time, so the same report gives the same bytes.

use std::io::{Seek, Write};
use std::path::Path;

use chrono::{Datelike, Timelike};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::{ReimburseError, Report};

/// The manifest's name inside the ZIP.
pub const MANIFEST: &str = "manifest.json";

#[derive(Serialize)]
struct Manifest<'a> {
    client: &'a str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    generated_at: &'a str,
    files: Vec<ManifestFile<'a>>,
    /// Report lines (txn ids) with no receipt attached.
    lines_without_receipt: Vec<i64>,
}

#[derive(Serialize)]
struct ManifestFile<'a> {
    name: &'a str,
    original_name: &'a str,
    sha256: &'a str,
    size: u64,
    line: usize,
    txn_id: i64,
    date: chrono::NaiveDate,
    vendor: &'a str,
    description: &'a str,
    #[serde(with = "rust_decimal::serde::str")]
    amount: rust_decimal::Decimal,
    currency: crate::money::Currency,
}

/// Writes the ZIP; `receipts_dir` is the ledger's receipts folder. Returns
/// how many receipts it holds.
pub fn write_zip<W: Write + Seek>(
    report: &Report,
    receipts_dir: &Path,
    out: W,
) -> Result<u64, ReimburseError> {
    let stamp = chrono::DateTime::parse_from_rfc3339(&report.generated_at)
        .ok()
        .and_then(|t| {
            zip::DateTime::from_date_and_time(
                u16::try_from(t.year()).ok()?,
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
            )
            .ok()
        })
        .unwrap_or_default();
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(out);
    let mut files = Vec::new();
    let mut without = Vec::new();
    for l in &report.lines {
        if l.receipts.is_empty() {
            without.push(l.txn_id);
        }
        for r in &l.receipts {
            let path = receipts_dir.join(&r.stored_name);
            let damaged = || ReimburseError::ReceiptDamaged {
                path: path.clone(),
                sha256: r.sha256.clone(),
            };
            let bytes = std::fs::read(&path).map_err(|_| damaged())?;
            if super::store::hex(&Sha256::digest(&bytes)) != r.sha256 {
                return Err(damaged());
            }
            zip.start_file(r.name.as_str(), opts)?;
            zip.write_all(&bytes).map_err(zip::result::ZipError::Io)?;
            files.push(ManifestFile {
                name: &r.name,
                original_name: &r.original_name,
                sha256: &r.sha256,
                size: r.size,
                line: l.number,
                txn_id: l.txn_id,
                date: l.date,
                vendor: &l.vendor,
                description: &l.description,
                amount: l.owed,
                currency: l.currency,
            });
        }
    }
    let count = files.len() as u64;
    let manifest = Manifest {
        client: &report.client,
        from: report.from,
        to: report.to,
        generated_at: &report.generated_at,
        files,
        lines_without_receipt: without,
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| ReimburseError::Encode(format!("manifest: {e}")))?;
    zip.start_file(MANIFEST, opts)?;
    zip.write_all(&json).map_err(zip::result::ZipError::Io)?;
    zip.finish()?;
    Ok(count)
}

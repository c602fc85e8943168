//! What reimbursement keeps in the ledger: tags on many lines at once,
//! receipts attached to lines, and reimbursed marks. Receipts and marks are
//! keyed by the line's identity (migration 0005), like `txn_edits`, so they
//! survive an undo and re-import of the statement. The tables are the
//! ledger's ([`crate::ledger::reimburse`]); this module keeps the rules
//! (tag spelling, which lines a selection names, receipt files).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{tags, ReimburseError};
use crate::ledger::reimburse::NewReceipt;
use crate::ledger::TxnFilter;
use crate::{Ledger, LedgerError};

pub use crate::ledger::reimburse::{Mark, Receipt};

/// The folder beside the ledger file that holds receipt copies.
pub const RECEIPTS_DIR: &str = "receipts";

/// The largest receipt accepted (a scanned PDF is a few MiB).
pub const MAX_RECEIPT_BYTES: u64 = 64 * 1024 * 1024;

/// Which lines a bulk change applies to.
#[derive(Debug, Clone)]
pub enum LineSelection {
    /// These line ids.
    Ids(Vec<i64>),
    /// Every line matching the filter (dates, class, vendor, account).
    Filter(TxnFilter),
}

/// What a bulk tag change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagChange {
    /// Lines selected.
    pub selected: u64,
    /// Lines whose tags changed.
    pub changed: u64,
}

/// The lines a selection names, in ledger order; an unknown id is an error.
fn selected_ids(ledger: &Ledger, sel: &LineSelection) -> Result<Vec<i64>, LedgerError> {
    match sel {
        LineSelection::Ids(ids) => {
            let mut out = Vec::with_capacity(ids.len());
            for &id in ids {
                out.push(ledger.transaction(id)?.id);
            }
            out.sort_unstable();
            out.dedup();
            Ok(out)
        }
        LineSelection::Filter(f) => Ok(ledger.transactions(f)?.iter().map(|t| t.id).collect()),
    }
}

/// Adds and removes tags on many lines in one transaction. Tags are
/// checked and normalised first ([`tags::normalise`]); a line's tags are
/// its effective ones (the user's, else its rule's), and the result is
/// stored as the user's, so it survives undo and re-import.
pub fn change_tags(
    ledger: &mut Ledger,
    sel: &LineSelection,
    add: &[String],
    remove: &[String],
) -> Result<TagChange, ReimburseError> {
    let add = add
        .iter()
        .map(|t| tags::normalise(t))
        .collect::<Result<Vec<_>, _>>()?;
    let remove = remove
        .iter()
        .map(|t| tags::normalise(t))
        .collect::<Result<Vec<_>, _>>()?;
    let ids = selected_ids(ledger, sel)?;
    let mut updates = Vec::new();
    for &id in &ids {
        let row = ledger.transaction(id)?;
        let mut next: Vec<String> = row
            .tags
            .iter()
            .filter(|t| !remove.iter().any(|r| tags::same(r, t)))
            .cloned()
            .collect();
        for a in &add {
            if !next.iter().any(|t| tags::same(t, a)) {
                next.push(a.clone());
            }
        }
        if next != row.tags {
            updates.push((id, next));
        }
    }
    ledger.set_user_tags(&updates)?;
    Ok(TagChange {
        selected: ids.len() as u64,
        changed: updates.len() as u64,
    })
}

/// The folder receipts are copied into: `receipts/` beside the ledger.
pub fn receipts_dir(ledger: &Ledger) -> Result<PathBuf, ReimburseError> {
    let path = ledger.path().ok_or(ReimburseError::InMemory)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    Ok(dir.join(RECEIPTS_DIR))
}

/// Copies `file` into the receipts folder (once per content) and attaches
/// it to line `txn_id`. Attaching the same bytes to the same line again
/// returns the existing receipt.
pub fn attach_receipt(
    ledger: &mut Ledger,
    txn_id: i64,
    file: &Path,
) -> Result<Receipt, ReimburseError> {
    ledger.transaction(txn_id)?;
    let read_err = |source| ReimburseError::ReadReceipt {
        path: file.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(file).map_err(read_err)?;
    if !meta.is_file() {
        return Err(ReimburseError::NotAFile(file.to_path_buf()));
    }
    if meta.len() > MAX_RECEIPT_BYTES {
        return Err(ReimburseError::ReceiptTooLarge {
            path: file.to_path_buf(),
            size: meta.len(),
        });
    }
    let bytes = std::fs::read(file).map_err(read_err)?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "receipt".into());
    let stored_name = match extension(&file_name) {
        Some(ext) => format!("{sha256}.{ext}"),
        None => sha256.clone(),
    };
    let dir = receipts_dir(ledger)?;
    let target = dir.join(&stored_name);
    if !target.is_file() {
        store_file(&dir, &target, &bytes)?;
    }
    ledger.insert_receipt(
        txn_id,
        &NewReceipt {
            file_name: &file_name,
            sha256: &sha256,
            size: bytes.len() as u64,
            stored_name: &stored_name,
        },
    )?;
    ledger
        .receipts(txn_id)?
        .into_iter()
        .find(|r| r.sha256 == sha256)
        .ok_or_else(|| LedgerError::Corrupt("receipt not stored".into()).into())
}

/// Removes receipt `receipt_id` from its line (the stored copy stays:
/// another line may share it).
pub fn detach_receipt(ledger: &mut Ledger, receipt_id: i64) -> Result<(), ReimburseError> {
    if !ledger.delete_receipt(receipt_id)? {
        return Err(ReimburseError::NoSuchReceipt(receipt_id));
    }
    Ok(())
}

/// Writes a receipt copy through a temporary file and a rename, so a crash
/// never leaves half a receipt under its final name.
pub(crate) fn store_file(dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), ReimburseError> {
    let write_err = |source| ReimburseError::StoreReceipt {
        path: target.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(write_err)?;
    let tmp = target.with_extension("partial");
    let mut f = std::fs::File::create(&tmp).map_err(write_err)?;
    f.write_all(bytes).map_err(write_err)?;
    f.sync_all().map_err(write_err)?;
    drop(f);
    std::fs::rename(&tmp, target).map_err(write_err)
}

/// Lowercase hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A file name's extension, when it is a short plain one (`pdf`, `png`).
pub(crate) fn extension(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()
        && (1..=8).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then(|| ext.to_ascii_lowercase())
}

//! The line detail panel (SPEC §8): everything the ledger knows about one
//! card or bank line in one answer — the fields the statement gave, the
//! original amount and the rate it implies, why the line has its class, its
//! receipts, tags, the cases and refunds it is linked to and the import it
//! came from — and the receipt actions the panel offers (attach, see, open,
//! remove).
//!
//! Invariant: every answer is read fresh from the ledger; a receipt is shown
//! or opened only after its stored copy's SHA-256 was checked.

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::cases_view::{base64, shows_as_image, THUMBNAIL_MAX_BYTES};
use super::{ErrorCode, ErrorDto};
use crate::cases::{sha256_hex, CaseStatus};
use crate::ledger::{BatchStatus, Ledger, TxnRow};
use crate::reimburse::{self, ReimburseError};

type Res<T> = Result<T, ErrorDto>;

/// The import a line came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineBatch {
    pub id: i64,
    /// The file's name as imported.
    pub file: String,
    /// The format id (`chase-card`, `ofx`, ...).
    pub format: String,
    /// UTC instant, RFC 3339.
    pub imported_at: String,
    pub undone: bool,
}

/// A receipt kept with a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineReceipt {
    pub id: i64,
    /// The file's name as the user had it.
    pub file_name: String,
    /// By the name's extension: `application/pdf`, `image/png`, ...
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    /// UTC instant, RFC 3339.
    pub attached_at: String,
    /// Whether [`receipt_thumbnail`] has an image for it.
    pub has_thumbnail: bool,
}

/// A case the line is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineCaseRef {
    pub id: i64,
    /// The title as stored (English for a title the app wrote).
    pub title: String,
    /// A title the app wrote, as a message for the user's language.
    pub title_msg: Option<crate::i18n::Msg>,
    pub status: CaseStatus,
}

/// Which side of a refund pairing the other line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RefundRole {
    /// This line is a refund of the other (the purchase).
    RefundOf,
    /// The other line refunds this one.
    RefundedBy,
}

/// A refund pairing the line is part of.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LineRefund {
    pub role: RefundRole,
    /// The other line.
    pub other: TxnRow,
    /// How the pair was found: `order id` or `counterparty and amount`.
    pub matched_by: String,
}

/// Everything the detail panel shows of one line.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LineDetail {
    /// The line as the list shows it, with `details` (every descriptive
    /// field the statement gave) and `decided_by` (which rule or catalog
    /// entry decided the class).
    pub row: TxnRow,
    /// Units of the line's currency per unit of the original currency
    /// (exact decimal, at most 6 places); `None` without an original amount.
    pub rate: Option<String>,
    pub batch: Option<LineBatch>,
    pub receipts: Vec<LineReceipt>,
    pub cases: Vec<LineCaseRef>,
    pub refunds: Vec<LineRefund>,
}

/// The rate an original amount implies: |amount / original|, 6 places.
pub fn implied_rate(amount: Decimal, original: Option<Decimal>) -> Option<Decimal> {
    let original = original?;
    if original.is_zero() {
        return None;
    }
    amount
        .checked_div(original)
        .map(|r| r.abs().round_dp(6).normalize())
}

/// The detail panel of line `id`.
pub fn line_detail(ledger: &Ledger, id: i64) -> Res<LineDetail> {
    let row = ledger.transaction(id)?;
    let rate = implied_rate(row.amount, row.original_amount).map(|r| r.to_string());
    let batch = ledger.batch(row.batch_id)?.map(|b| LineBatch {
        id: b.batch_id,
        file: b.file,
        format: b.format,
        imported_at: b.imported_at,
        undone: b.status == BatchStatus::Undone,
    });
    let receipts = ledger
        .receipts(id)?
        .into_iter()
        .map(|r| {
            let media_type = crate::cases::media_type_from_name(&r.file_name).to_owned();
            LineReceipt {
                id: r.id,
                has_thumbnail: shows_as_image(&media_type) && r.size <= THUMBNAIL_MAX_BYTES,
                file_name: r.file_name,
                media_type,
                size: r.size,
                sha256: r.sha256,
                attached_at: r.attached_at,
            }
        })
        .collect();
    let cases = ledger
        .line_cases(id)?
        .into_iter()
        .map(|c| {
            let (title, title_msg) = crate::cases::model::read_title(c.title);
            LineCaseRef {
                id: c.id,
                title,
                title_msg,
                status: if c.status == "closed" {
                    CaseStatus::Closed
                } else {
                    CaseStatus::Open
                },
            }
        })
        .collect();
    let mut refunds = Vec::new();
    for l in ledger.line_refund_links(id)? {
        let (role, other) = if l.refund_id == id {
            (RefundRole::RefundOf, l.purchase_id)
        } else {
            (RefundRole::RefundedBy, l.refund_id)
        };
        refunds.push(LineRefund {
            role,
            other: ledger.transaction(other)?,
            matched_by: l.matched_by,
        });
    }
    Ok(LineDetail {
        row,
        rate,
        batch,
        receipts,
        cases,
        refunds,
    })
}

/// Attaches files to line `id` as receipts (each copied once per content
/// into the receipts folder, as `aispend receipt attach` does). All files
/// are checked first; one that cannot be attached stops the rest.
pub fn line_attach_receipts(ledger: &mut Ledger, id: i64, files: &[PathBuf]) -> Res<LineDetail> {
    ledger.transaction(id)?;
    for f in files {
        reimburse::attach_receipt(ledger, id, f).map_err(ErrorDto::from)?;
    }
    line_detail(ledger, id)
}

/// Removes receipt `receipt` from line `id` (the stored copy stays: another
/// line may share it).
pub fn line_remove_receipt(ledger: &mut Ledger, id: i64, receipt: i64) -> Res<LineDetail> {
    owned_receipt(ledger, id, receipt)?;
    reimburse::detach_receipt(ledger, receipt).map_err(ErrorDto::from)?;
    line_detail(ledger, id)
}

/// The stored copy of receipt `receipt` of line `id`, checked against its
/// SHA-256: what "Open" hands the system's viewer.
pub fn receipt_file(ledger: &Ledger, id: i64, receipt: i64) -> Res<PathBuf> {
    let r = owned_receipt(ledger, id, receipt)?;
    let path = reimburse::receipts_dir(ledger)
        .map_err(ErrorDto::from)?
        .join(&r.stored_name);
    let damaged = || {
        ErrorDto::from(ReimburseError::ReceiptDamaged {
            path: path.clone(),
            sha256: r.sha256.clone(),
        })
    };
    let bytes = std::fs::read(&path).map_err(|_| damaged())?;
    if sha256_hex(&bytes) != r.sha256 {
        return Err(damaged());
    }
    Ok(path)
}

/// An image receipt as a `data:` URL for the panel; `None` for other files
/// and images over [`THUMBNAIL_MAX_BYTES`].
pub fn receipt_thumbnail(ledger: &Ledger, id: i64, receipt: i64) -> Res<Option<String>> {
    let r = owned_receipt(ledger, id, receipt)?;
    let media_type = crate::cases::media_type_from_name(&r.file_name);
    if !shows_as_image(media_type) || r.size > THUMBNAIL_MAX_BYTES {
        return Ok(None);
    }
    let path = receipt_file(ledger, id, receipt)?;
    let bytes = std::fs::read(&path).map_err(|_| {
        ErrorDto::from(ReimburseError::ReceiptDamaged {
            path: path.clone(),
            sha256: r.sha256.clone(),
        })
    })?;
    Ok(Some(format!("data:{media_type};base64,{}", base64(&bytes))))
}

/// Receipt `receipt`, if it belongs to line `id`.
fn owned_receipt(ledger: &Ledger, id: i64, receipt: i64) -> Res<crate::ledger::reimburse::Receipt> {
    ledger
        .receipts(id)?
        .into_iter()
        .find(|r| r.id == receipt)
        .ok_or_else(|| {
            ErrorDto::new(
                ErrorCode::NotFound,
                format!(
                    "line {id} has no receipt {receipt}; open the line again to see its receipts"
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    #[test]
    fn the_rate_is_the_line_amount_per_original_unit() {
        assert_eq!(
            implied_rate(dec("-72.50"), Some(dec("-10.00"))),
            Some(dec("7.25"))
        );
        assert_eq!(
            implied_rate(dec("-13.87"), Some(dec("-15.00"))),
            Some(dec("0.924667"))
        );
        assert_eq!(implied_rate(dec("-5"), None), None);
        assert_eq!(implied_rate(dec("-5"), Some(Decimal::ZERO)), None);
    }
}

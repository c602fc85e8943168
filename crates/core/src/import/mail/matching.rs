//! Receipt ↔ card line: the same amount (billed, or original where the
//! line was converted), a card date within a few days of the paid date, and
//! the same vendor (or, for an Apple or Google Play receipt, an app-store
//! line such as `APPLE.COM/BILL`). A match attaches the message as the
//! line's receipt (stored by SHA-256, as `receipt attach` stores a file)
//! and names the line's product; an app-store line also takes the app's
//! vendor and the subscription class. Then: the same plan paid twice
//! (app store and direct, or two cards) is flagged, and app-store lines no
//! receipt explains are listed. A receipt of several items from different
//! vendors or classes splits its line into parts (see [`split_line`]).
//!
//! Invariant: a line backs at most one receipt, and a receipt at most one
//! line; nothing is matched on amount alone.

use chrono::Days;
use sha2::{Digest, Sha256};

use super::receipt::Receipt;
use super::vendors::Channel;
use super::Found;
use crate::import::{ImportError, Notice};
use crate::ledger::import_write::ImportTx as Transaction;
use crate::ledger::{mail_receipts, queries, Ledger, TxnFilter, TxnRow};

/// Card lines post up to this many days after the receipt (and, across time
/// zones, a day before).
pub const DAYS_AFTER: u64 = 5;
pub const DAYS_BEFORE: u64 = 1;
/// Two receipts for one plan closer than this are one period paid twice.
pub const DOUBLE_WITHIN_DAYS: i64 = 20;

/// What matching did.
#[derive(Debug, Default)]
pub struct Matched {
    pub matched: u64,
    /// Of those, receipts read by this import (not earlier ones).
    pub matched_new: u64,
    pub notices: Vec<Notice>,
}

/// Which store an app-store line is from, by its descriptor.
pub fn store_of(line: &TxnRow, catalog: &crate::classify::Catalog) -> Option<Channel> {
    let words = crate::classify::text::words(&line.description);
    if !catalog.is_app_store(&words) {
        return None;
    }
    match words.first().map(String::as_str) {
        Some("GOOGLE") => Some(Channel::GooglePlay),
        Some(_) => Some(Channel::Apple),
        None => None,
    }
}

fn same_amount(r: &Receipt, t: &TxnRow) -> bool {
    let billed = t.amount.is_sign_negative() && t.currency == r.currency && -t.amount == r.amount;
    let original = matches!(
        (t.original_amount, t.original_currency),
        (Some(a), Some(c)) if c == r.currency && a.abs() == r.amount
    ) && t.amount.is_sign_negative();
    billed || original
}

/// Matches each receipt to its line; writes the match, the receipt file and
/// the line's product when `write` (not in a dry run), in `tx`: the
/// import's own transaction, so the batch, its matches and the lines they
/// named commit together or not at all. Reads go through `ledger` on the
/// same connection and see what `tx` has written.
pub(crate) fn match_found(
    ledger: &Ledger,
    tx: &Transaction<'_>,
    found: &[Found],
    write: bool,
) -> Result<Matched, ImportError> {
    let catalog = std::sync::Arc::clone(&ledger.catalog);
    let mut taken: std::collections::HashSet<i64> =
        ledger.mail_matched_lines()?.into_iter().collect();
    let mut out = Matched::default();
    for f in found {
        let r = &f.receipt;
        let from = r.paid_date.checked_sub_days(Days::new(DAYS_BEFORE));
        let to = r.paid_date.checked_add_days(Days::new(DAYS_AFTER));
        let lines = ledger.transactions(&TxnFilter {
            from,
            to,
            ..TxnFilter::default()
        })?;
        let best = lines
            .iter()
            .filter(|t| !taken.contains(&t.id) && same_amount(r, t))
            .filter(|t| match r.channel {
                Channel::Direct => t.vendor.as_deref() == Some(r.vendor.as_str()),
                store => store_of(t, &catalog) == Some(store),
            })
            .min_by_key(|t| ((t.date - r.paid_date).num_days().abs(), t.id));
        let Some(line) = best else { continue };
        taken.insert(line.id);
        out.matched += 1;
        if !f.earlier {
            out.matched_new += 1;
        }
        if !write {
            continue;
        }
        let Some(id) = f.id else { continue };
        attach(ledger, tx, id, line, f)?;
        if name_line(tx, line, r)? {
            mail_receipts::mark_edited(tx, id)?;
        }
        split_line(tx, id, line, r)?;
    }
    if write {
        out.notices.extend(flag_double_payments(ledger, tx)?);
    }
    // Lines matched by this import (a dry run has not written them) are
    // identified already.
    out.notices.extend(app_store_notice(ledger, &taken)?);
    Ok(out)
}

/// Stores the message in the receipts folder (beside the ledger; a ledger
/// in memory keeps no file) and records the match.
/// The files go to the folder before the batch commits: a crash between
/// leaves a stored file no row names (content-addressed, reused by the
/// next import), never a row without its file.
fn attach(
    ledger: &Ledger,
    tx: &Transaction<'_>,
    id: i64,
    line: &TxnRow,
    f: &Found,
) -> Result<(), ImportError> {
    let dir = match crate::reimburse::receipts_dir(ledger) {
        Ok(d) => Some(d),
        Err(crate::reimburse::ReimburseError::InMemory) => None,
        Err(e) => {
            return Err(ImportError::Read {
                file: "receipts folder".into(),
                source: std::io::Error::other(e.to_string()),
            })
        }
    };
    let Some(dir) = dir else {
        mail_receipts::set_match(tx, id, line.id, None)?;
        return Ok(());
    };
    let bytes = super::message_bytes(&f.at).map_err(|source| ImportError::Read {
        file: format!("{:?}", f.at),
        source,
    })?;
    let sha256 = crate::reimburse::store::hex(&Sha256::digest(&bytes));
    // A receipt PDF imported on its own is stored as the PDF it is.
    let ext = if f.pdf { "pdf" } else { "eml" };
    let stored_name = format!("{sha256}.{ext}");
    let target = dir.join(&stored_name);
    if !target.is_file() {
        crate::reimburse::store::store_file(&dir, &target, &bytes).map_err(|e| {
            ImportError::Read {
                file: target.display().to_string(),
                source: std::io::Error::other(e.to_string()),
            }
        })?;
    }
    let r = &f.receipt;
    let file_name = format!(
        "receipt-{}-{}{}.{ext}",
        r.vendor,
        r.paid_date,
        r.receipt_no
            .as_deref()
            .map(|n| format!("-{}", n.replace(['/', '\\', ' '], "_")))
            .unwrap_or_default()
    );
    mail_receipts::set_match(
        tx,
        id,
        line.id,
        Some(crate::ledger::reimburse::NewReceipt {
            file_name: &file_name,
            sha256: &sha256,
            size: bytes.len() as u64,
            stored_name: &stored_name,
        }),
    )?;
    // Its PDF, where the message carries one, is the line's receipt too.
    let max = crate::reimburse::store::MAX_RECEIPT_BYTES as usize;
    let attached = if f.pdf {
        Vec::new()
    } else {
        super::read::pdf_attachments(&bytes, max)
    };
    if let Some((name, pdf)) = attached.into_iter().next() {
        let pdf_sha = crate::reimburse::store::hex(&Sha256::digest(&pdf));
        let stored = format!("{pdf_sha}.pdf");
        let target = dir.join(&stored);
        if !target.is_file() {
            crate::reimburse::store::store_file(&dir, &target, &pdf).map_err(|e| {
                ImportError::Read {
                    file: target.display().to_string(),
                    source: std::io::Error::other(e.to_string()),
                }
            })?;
        }
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        mail_receipts::set_pdf(
            tx,
            id,
            line.id,
            crate::ledger::reimburse::NewReceipt {
                file_name: &safe,
                sha256: &pdf_sha,
                size: pdf.len() as u64,
                stored_name: &stored,
            },
        )?;
    }
    Ok(())
}

/// The line gains the receipt's product; an app-store line also its
/// vendor and the subscription class. A user's own edit is kept. True when
/// the line was named (undo of the batch takes it back).
fn name_line(tx: &Transaction<'_>, line: &TxnRow, r: &Receipt) -> Result<bool, ImportError> {
    let user_edited = line.class_source.as_deref() == Some("edit");
    if user_edited {
        return Ok(false);
    }
    let product = r.product.as_deref();
    let edit = match r.channel {
        Channel::Direct if line.product.is_none() && product.is_some() => queries::EditValues {
            class: None,
            vendor: None,
            product,
            tags: None,
            note: None,
            by_user: false,
        },
        Channel::Direct => return Ok(false),
        _ => queries::EditValues {
            class: Some("ai-subscription"),
            vendor: Some(&r.vendor),
            product,
            tags: None,
            note: None,
            by_user: false,
        },
    };
    queries::write_edit(tx, line.id, &edit)?;
    Ok(true)
}

/// The class an item's part of a line counts as: an item from no vendor
/// the table knows is everyday; a plan is a subscription, credits are API
/// spending; anything else counts as the line does.
fn part_class(item: &super::receipt::Item, line: &TxnRow) -> &'static str {
    use super::receipt::ItemKind;
    use crate::classify::Class;
    if item.vendor.is_none() {
        return Class::Everyday.as_str();
    }
    match item.kind {
        ItemKind::Plan => Class::AiSubscription.as_str(),
        ItemKind::CreditPurchase | ItemKind::AutoRecharge => Class::AiApi.as_str(),
        ItemKind::Other => line.class.unwrap_or(Class::Everyday).as_str(),
    }
}

/// `total` (signed) in parts proportional to `shares`, each signed as
/// `total`, in micro-units; they sum to `total` exactly.
fn signed_parts(
    total: rust_decimal::Decimal,
    shares: &[rust_decimal::Decimal],
) -> Option<Vec<i64>> {
    let parts = super::receipt::apportion(total.abs(), shares)?;
    parts
        .into_iter()
        .map(|p| {
            let p = if total.is_sign_negative() { -p } else { p };
            crate::money::to_micros(p).ok()
        })
        .collect()
}

/// A receipt of several items from different vendors or classes (an Apple
/// receipt for ChatGPT Plus and an everyday app) splits its line into one
/// part per item, summing to the line exactly (and to its original amount,
/// where it has one); each part then counts by its own class and vendor.
/// A line the user classified by hand, or split already (the receipt read
/// again), stays as it is. True when the line was split.
fn split_line(
    tx: &Transaction<'_>,
    receipt_id: i64,
    line: &TxnRow,
    r: &Receipt,
) -> Result<bool, ImportError> {
    if r.items.len() < 2 || line.class_source.as_deref() == Some("edit") {
        return Ok(false);
    }
    let classes: Vec<&'static str> = r.items.iter().map(|i| part_class(i, line)).collect();
    let mut kinds: Vec<(&str, Option<&str>)> = r
        .items
        .iter()
        .zip(&classes)
        .map(|(i, c)| (*c, i.vendor.as_deref()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.len() < 2 {
        return Ok(false);
    }
    let Some(shares) = r.items.iter().map(|i| i.share).collect::<Option<Vec<_>>>() else {
        return Ok(false);
    };
    let Some(billed) = signed_parts(line.amount, &shares) else {
        return Ok(false);
    };
    let original = match line.original_amount {
        Some(o) => match signed_parts(o, &shares) {
            Some(p) => p.into_iter().map(Some).collect(),
            None => return Ok(false),
        },
        None => vec![None; shares.len()],
    };
    let products: Vec<String> = r
        .items
        .iter()
        .map(|i| super::receipt::product_name(&i.description))
        .collect();
    let parts: Vec<mail_receipts::NewPart<'_>> = r
        .items
        .iter()
        .enumerate()
        .map(|(k, i)| mail_receipts::NewPart {
            amount: billed[k],
            original_amount: original[k],
            class: classes[k],
            vendor: i.vendor.as_deref(),
            product: &products[k],
        })
        .collect();
    Ok(mail_receipts::set_parts(tx, receipt_id, line.id, &parts)?)
}

/// The same plan paid twice for one period: by app store and directly, or
/// on two cards. Both receipts are flagged.
fn flag_double_payments(ledger: &Ledger, tx: &Transaction<'_>) -> Result<Vec<Notice>, ImportError> {
    let all = ledger.mail_receipts(None)?;
    // What each receipt paid for: (vendor, plan) per plan item, else the
    // receipt's own product.
    let plans = |r: &crate::ledger::mail_receipts::MailReceiptRow| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = r
            .items
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter(|i| i.get("kind").and_then(|k| k.as_str()) == Some("plan"))
                    .filter_map(|i| {
                        let vendor = i.get("vendor")?.as_str()?.to_owned();
                        let desc = i.get("description")?.as_str()?;
                        Some((vendor, super::receipt::product_name(desc).to_lowercase()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if out.is_empty() {
            if let Some(p) = &r.product {
                out.push((r.vendor.clone(), p.to_lowercase()));
            }
        }
        out
    };
    let mut flagged = Vec::new();
    for (i, a) in all.iter().enumerate() {
        let pa = plans(a);
        for b in &all[i + 1..] {
            let shared = plans(b).into_iter().find(|p| pa.contains(p));
            let close = (a.paid_date - b.paid_date).num_days().abs() < DOUBLE_WITHIN_DAYS;
            let two_ways = a.channel != b.channel
                || matches!((&a.card_last4, &b.card_last4), (Some(x), Some(y)) if x != y);
            if let (Some((_, plan)), true, true) = (shared, close, two_ways) {
                let name = a
                    .items
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i.get("description")?.as_str())
                    .map(super::receipt::product_name)
                    .find(|n| n.to_lowercase() == plan)
                    .unwrap_or(plan);
                flagged.push((a.id, b.id, name, a.paid_date.max(b.paid_date)));
            }
        }
    }
    if flagged.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = flagged.iter().flat_map(|f| [f.0, f.1]).collect();
    mail_receipts::flag(tx, &ids, "double_payment")?;
    Ok(vec![Notice {
        code: "double_payment",
        lines: Vec::new(),
        count: flagged.len() as u64,
        msg: crate::import::lists::list(
            flagged
                .iter()
                .map(|(_, _, p, d)| {
                    crate::msg!(
                        "import-notice-double-payment",
                        plan = p.to_string(),
                        date = d.to_string()
                    )
                })
                .collect(),
        ),
        message: flagged
            .iter()
            .map(|(_, _, p, d)| {
                format!("{p} paid twice around {d} (app store and directly, or on two cards)")
            })
            .collect::<Vec<_>>()
            .join("; "),
    }])
}

/// App-store lines no receipt explains: they stay everyday.
pub fn unidentified_app_store_lines(ledger: &Ledger) -> Result<Vec<TxnRow>, crate::LedgerError> {
    let matched: std::collections::HashSet<i64> =
        ledger.mail_matched_lines()?.into_iter().collect();
    let catalog = std::sync::Arc::clone(&ledger.catalog);
    Ok(ledger
        .transactions(&TxnFilter::default())?
        .into_iter()
        .filter(|t| t.amount.is_sign_negative() && !matched.contains(&t.id))
        .filter(|t| store_of(t, &catalog).is_some())
        .filter(|t| !t.class.is_some_and(crate::classify::Class::is_ai))
        .collect())
}

fn app_store_notice(
    ledger: &Ledger,
    matched: &std::collections::HashSet<i64>,
) -> Result<Vec<Notice>, ImportError> {
    let lines: Vec<TxnRow> = unidentified_app_store_lines(ledger)?
        .into_iter()
        .filter(|t| !matched.contains(&t.id))
        .collect();
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![Notice {
        code: "app_store_charge",
        lines: Vec::new(),
        msg: crate::import::lists::list(
            lines
                .iter()
                .take(10)
                .map(|t| {
                    crate::msg!(
                        "import-notice-app-store-charge",
                        date = t.date.to_string(),
                        description = t.description.as_str(),
                        amount = t.amount.to_string(),
                        currency = t.currency.to_string()
                    )
                })
                .collect(),
        ),
        count: lines.len() as u64,
        message: lines
            .iter()
            .take(10)
            .map(|t| {
                format!(
                    "app store charge: import the receipt to identify it ({} {} {} {})",
                    t.date, t.description, t.amount, t.currency
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }])
}

//! Receipts from the mailbox (issue #19): an `.eml`, an `.mbox`, a
//! Maildir folder or a receipt `.pdf` saved on its own, read locally, its receipt e-mails recorded as provider
//! payment records (`source: email`) in one batch, and each matched to the
//! card line it backs.
//!
//! [`source`] splits the mail into messages (streamed), [`read`] decodes one
//! (MIME, via `mail-parser`), [`pdf`] reads a PDF's text layer (a PDF
//! on its own, or the one a mail carries when its body is no receipt the
//! readers know), [`vendors`] checks who sent it against the
//! catalog's `[[receipt_sender]]` table, [`receipt`] reads the layouts, and
//! [`matching`] finds the line, attaches the message and names the line's
//! product (and, for an app-store line, its vendor and channel).
//!
//! Invariant: as for statements, the receipts land as one batch or not at
//! all, and nothing is dropped silently: every message is a receipt, a
//! duplicate, an unrecognised message listed with sender and subject, or a
//! counted skip. Only the matched receipts' messages are stored.

pub mod matching;
pub mod pdf;
pub mod read;
pub mod receipt;
pub mod source;
pub mod vendors;

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{ImportError, ImportOptions, ImportOutcome, Notice};
use crate::i18n::{Lang, Msg};
use crate::ledger::{import_write, mail_receipts, Ledger};
use crate::money::to_micros;
use receipt::{Receipt, Verdict};
pub use source::{detect, MailKind};

/// What a mail import found, for the `receipts` object of its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ReceiptCounts {
    /// Receipts read and trusted (new ones; duplicates are counted apart).
    pub recognised: u64,
    /// Of those, matched to a card line.
    pub matched: u64,
    /// Of those, with no card line yet.
    pub unmatched: u64,
    /// Ordinary mail, and messages that could not be read.
    pub skipped_messages: u64,
    /// Receipt-like messages not recorded, each with why.
    pub unrecognised: Vec<Unrecognised>,
}

/// A receipt-like message that did not become a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Unrecognised {
    /// The physical line the message starts on (1 for a file of its own).
    pub line: u64,
    pub file: String,
    pub sender: String,
    pub subject: String,
    /// Why, in English (`reason_msg` rendered, for logs and scripts).
    pub reason: String,
    /// Why, as a message to render in the user's language.
    pub reason_msg: Msg,
}

/// One receipt of this import, waiting to be matched.
pub(crate) struct Found {
    pub id: Option<i64>,
    pub receipt: Receipt,
    pub at: source::Location,
    /// Recorded by an earlier import, unmatched until now.
    pub earlier: bool,
    /// The message is a PDF file (stored as `.pdf`, not `.eml`).
    pub pdf: bool,
}

/// Imports the mail at `path` (detected as `kind`).
pub fn import_mail(
    ledger: &mut Ledger,
    path: &Path,
    kind: MailKind,
    opts: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    let display = path.display().to_string();
    let io_err = |source| ImportError::Read {
        file: display.clone(),
        source,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    let catalog = std::sync::Arc::clone(&ledger.catalog);
    let mut counts = ReceiptCounts::default();
    let mut found: Vec<Found> = Vec::new();
    let mut unreadable_lines: Vec<u64> = Vec::new();
    let mut duplicates = 0u64;
    let mut pdf_skipped: Vec<(u64, String, String)> = Vec::new();
    let mut hash = Sha256::new();
    let mut size = 0u64;
    // One transaction for the batch, its matches, the files they attach and
    // the lines they name: undo of the import takes all of them, and a
    // crash leaves none of them half-written.
    let ledger: &Ledger = ledger;
    let tx = ledger.shared_import_transaction(opts.dry_run)?;
    let batch_id = import_write::open_batch(&tx, &file_name, kind.id(), opts.dry_run)?;
    let mut keys = std::collections::HashSet::new();
    {
        let mut each = |m: source::RawMessage| -> Result<(), ImportError> {
            size += m.bytes.len() as u64;
            hash.update(&m.bytes);
            let where_ = match &m.at {
                source::Location::File(p) => p.display().to_string(),
                source::Location::Mbox { .. } => display.clone(),
            };
            let read = if kind == MailKind::Pdf {
                reading_pdf(&m, &file_name, &catalog)
            } else {
                reading(&m, &catalog)
            };
            let (mail, r) = match read {
                Reading::PdfSkipped { what, reason } => {
                    counts.skipped_messages += 1;
                    pdf_skipped.push((m.line, what, reason));
                    return Ok(());
                }
                Reading::Skipped { unreadable } => {
                    counts.skipped_messages += 1;
                    if unreadable {
                        unreadable_lines.push(m.line);
                    }
                    return Ok(());
                }
                Reading::Unrecognised { mail, reason } => {
                    counts.unrecognised.push(Unrecognised {
                        line: m.line,
                        file: where_,
                        sender: mail.from,
                        subject: mail.subject,
                        reason: reason.render(Lang::En),
                        reason_msg: reason,
                    });
                    return Ok(());
                }
                Reading::Receipt { mail, receipt } => (mail, receipt),
            };
            let key = mail
                .message_id
                .clone()
                .map(|id| format!("id:{id}"))
                .unwrap_or_else(|| {
                    format!(
                        "sha256:{}",
                        crate::reimburse::store::hex(&Sha256::digest(&m.bytes))
                    )
                });
            if !keys.insert(key.clone()) {
                duplicates += 1;
                return Ok(());
            }
            if let Some(seen) = mail_receipts::seen_unmatched(&tx, &key)? {
                // Read before: a duplicate. One still without its card line
                // (the mail came before the statement) is matched now, while
                // its message is at hand to be stored.
                duplicates += 1;
                if let Some(id) = seen {
                    found.push(Found {
                        id: Some(id),
                        receipt: *r,
                        at: m.at,
                        earlier: true,
                        pdf: kind == MailKind::Pdf,
                    });
                }
                return Ok(());
            }
            let id = match batch_id {
                Some(b) => {
                    let row = new_row(m.line, &key, &mail, &r).ok_or_else(|| {
                        ImportError::BadInput(super::BadInput {
                            file: where_.clone(),
                            line: m.line,
                            problem: super::Problem::Malformed {
                                found: Box::new(crate::msg!(
                                    "detail-receipt-amount",
                                    amount = r.amount.to_string()
                                )),
                                expected: Box::new(crate::msg!("detail-ledger-amount")),
                            },
                            format: Some(kind.id()),
                        })
                    })?;
                    Some(mail_receipts::insert(&tx, b, &row)?)
                }
                None => None,
            };
            counts.recognised += 1;
            found.push(Found {
                id,
                receipt: *r,
                at: m.at,
                earlier: false,
                pdf: kind == MailKind::Pdf,
            });
            Ok(())
        };
        source::for_each_message(path, kind, &mut each, &|e| io_err(e))?;
    }
    let sha256 = crate::reimburse::store::hex(&hash.finalize());
    if kind != MailKind::Maildir {
        // The batch records the file's size as it is on disk.
        size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(size);
    }
    if let Some(id) = batch_id {
        import_write::finish_batch(
            &tx,
            id,
            &import_write::BatchTotals {
                sha256: &sha256,
                size,
                added: counts.recognised,
                duplicates,
                first: None,
                last: None,
                account_id: None,
                rejected: 0,
            },
        )?;
    }
    let matched = matching::match_found(ledger, &tx, &found, !opts.dry_run)?;
    if batch_id.is_some() {
        tx.commit()?;
    } else {
        tx.rollback()?;
    }
    let mut notices = matched.notices;
    counts.matched = matched.matched;
    counts.unmatched = counts.recognised.saturating_sub(matched.matched_new);
    if counts.unmatched > 0 {
        notices.push(Notice {
            code: "receipts_without_line",
            lines: Vec::new(),
            count: counts.unmatched,
            msg: Some(crate::msg!(
                "import-notice-receipts-without-line",
                count = crate::import::count_arg(counts.unmatched)
            )),
            message: format!(
                "{} no card line yet: import the statement, then this mail again to match {}",
                if counts.unmatched == 1 {
                    "1 receipt has"
                } else {
                    "some receipts have"
                },
                if counts.unmatched == 1 { "it" } else { "them" },
            ),
        });
    }
    let unreadable = unreadable_lines;
    if !unreadable.is_empty() {
        notices.push(Notice {
            code: "unreadable_messages",
            count: unreadable.len() as u64,
            msg: Some(crate::msg!(
                "import-notice-unreadable-messages",
                count = unreadable.len()
            )),
            message: format!(
                "{} could not be read as mail (malformed MIME, too many parts or too large) \
                 and {} skipped",
                if unreadable.len() == 1 {
                    "1 message"
                } else {
                    "some messages"
                },
                if unreadable.len() == 1 { "was" } else { "were" }
            ),
            lines: unreadable.into_iter().take(20).collect(),
        });
    }
    if !pdf_skipped.is_empty() {
        notices.push(Notice {
            code: "pdf_skipped",
            count: pdf_skipped.len() as u64,
            msg: crate::import::lists::list(
                pdf_skipped
                    .iter()
                    .map(|(_, what, why)| {
                        crate::msg!("pdf-skipped", what = what.as_str(), why = why.as_str())
                    })
                    .collect(),
            ),
            lines: pdf_skipped.iter().take(20).map(|p| p.0).collect(),
            message: pdf_skipped
                .iter()
                .map(|(_, what, why)| {
                    crate::msg!("pdf-skipped", what = what.as_str(), why = why.as_str())
                        .render(crate::i18n::Lang::En)
                })
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    if !counts.unrecognised.is_empty() {
        notices.push(Notice {
            code: "unrecognised_receipts",
            count: counts.unrecognised.len() as u64,
            msg: crate::import::lists::list(
                counts
                    .unrecognised
                    .iter()
                    .map(|u| {
                        crate::msg!(
                            "import-notice-unrecognised-receipt",
                            sender = u.sender.as_str(),
                            subject = u.subject.as_str(),
                            reason = u.reason_msg.clone()
                        )
                    })
                    .collect(),
            ),
            lines: counts
                .unrecognised
                .iter()
                .take(20)
                .map(|u| u.line)
                .collect(),
            message: counts
                .unrecognised
                .iter()
                .map(|u| format!("{} \"{}\": {}", u.sender, u.subject, u.reason))
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    Ok(ImportOutcome {
        file: display,
        format: kind.id().to_owned(),
        batch_id,
        account: "mail receipts".into(),
        added: counts.recognised,
        duplicates,
        rejected: 0,
        sha256,
        dry_run: opts.dry_run,
        proposals: 0,
        rejects: Vec::new(),
        reject_msgs: Vec::new(),
        notices,
        preview: None,
        receipts: Some(counts),
    })
}

/// The row a receipt is stored as; `None` when its amounts do not fit.
fn new_row<'a>(
    line: u64,
    key: &'a str,
    mail: &'a read::Mail,
    r: &'a Receipt,
) -> Option<mail_receipts::NewMailReceipt<'a>> {
    let amount = to_micros(r.amount).ok().filter(|&a| a > 0)?;
    let tax = match r.tax {
        Some(t) => Some(to_micros(t).ok()?),
        None => None,
    };
    Some(mail_receipts::NewMailReceipt {
        source_line: line,
        message_key: key,
        vendor: &r.vendor,
        channel: r.channel.as_str(),
        product: r.product.as_deref(),
        sender: &mail.from,
        subject: &mail.subject,
        receipt_no: r.receipt_no.as_deref(),
        invoice_no: r.invoice_no.as_deref(),
        paid_at: r
            .paid_at
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        zone: r.zone.as_deref(),
        paid_date: r.paid_date,
        amount,
        currency: r.currency.as_str(),
        tax,
        tax_rate: r.tax_rate.map(|t| t.normalize().to_string()),
        items: serde_json::to_string(&r.items).unwrap_or_else(|_| "[]".into()),
        period_start: r.period_start,
        period_end: r.period_end,
        card_brand: r.card_brand.as_deref(),
        card_last4: r.card_last4.as_deref(),
    })
}

/// Reads a stored message's bytes again, for the receipt file.
pub(crate) fn message_bytes(at: &source::Location) -> std::io::Result<Vec<u8>> {
    let mut v = source::read_again(at)?;
    v.truncate(source::MAX_MESSAGE_BYTES);
    Ok(v)
}

/// What one message is, read and recognised.
#[derive(Debug)]
pub enum Reading {
    /// Ordinary mail, or a message that could not be read (`true`).
    Skipped {
        unreadable: bool,
    },
    /// A PDF that gave no text (a scan, a broken file): a receipt PDF
    /// imported on its own, or the one a receipt-like mail carries. Counted
    /// as skipped and listed with `what` it was and why.
    PdfSkipped {
        what: String,
        reason: String,
    },
    Unrecognised {
        mail: Box<read::Mail>,
        reason: Msg,
    },
    Receipt {
        mail: Box<read::Mail>,
        receipt: Box<Receipt>,
    },
}

/// Reads and recognises one message.
pub fn reading(m: &source::RawMessage, catalog: &crate::classify::Catalog) -> Reading {
    if m.truncated {
        return Reading::Skipped { unreadable: true };
    }
    let Ok(mail) = read::read(&m.bytes) else {
        return Reading::Skipped { unreadable: true };
    };
    let verdict = receipt::recognise(&mail, catalog);
    if matches!(verdict, Verdict::Receipt(_))
        || mail.pdf_names.is_empty()
        || !receipt::mentions_receipt(&mail)
    {
        return from_verdict(mail, verdict);
    }
    // The body is no receipt the readers know, but the mail speaks of one
    // and carries a PDF: the PDF's text is read as the receipt, under the
    // mail's own sender (so a look-alike domain is refused as ever).
    let mut verdict = verdict;
    let mut skipped = None;
    for (name, bytes) in read::pdf_attachments(&m.bytes, pdf::MAX_PDF_BYTES) {
        match pdf::text(&bytes) {
            Ok(text) => {
                let as_read = read::Mail {
                    text,
                    ..mail.clone()
                };
                match receipt::recognise(&as_read, catalog) {
                    Verdict::Receipt(r) => {
                        return Reading::Receipt {
                            mail: Box::new(mail),
                            receipt: r,
                        }
                    }
                    Verdict::Unrecognised(why) if verdict == Verdict::NotReceipt => {
                        verdict = Verdict::Unrecognised(crate::msg!(
                            "receipt-why-in-pdf",
                            name = name.as_str(),
                            why = why
                        ));
                    }
                    _ => {}
                }
            }
            Err(e) => skipped = Some((name, e)),
        }
    }
    match (verdict, skipped) {
        (Verdict::NotReceipt, Some((name, e))) => Reading::PdfSkipped {
            what: format!(
                "{name} (attached to \"{}\" from {})",
                mail.subject, mail.from
            ),
            reason: e.to_string(),
        },
        (v, _) => from_verdict(mail, v),
    }
}

fn from_verdict(mail: read::Mail, verdict: Verdict) -> Reading {
    match verdict {
        Verdict::NotReceipt => Reading::Skipped { unreadable: false },
        Verdict::Unrecognised(reason) => Reading::Unrecognised {
            mail: Box::new(mail),
            reason,
        },
        Verdict::Receipt(r) => Reading::Receipt {
            mail: Box::new(mail),
            receipt: r,
        },
    }
}

/// Reads a receipt PDF imported on its own (`name` is its file name): its
/// text through the same layouts as mail, its vendor named by the legal
/// name or app it gives (a file the user chose has no sender to check).
pub fn reading_pdf(
    m: &source::RawMessage,
    name: &str,
    catalog: &crate::classify::Catalog,
) -> Reading {
    let text = if m.truncated {
        Err(pdf::PdfSkip::TooLarge(source::MAX_MESSAGE_BYTES))
    } else {
        pdf::text(&m.bytes)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            return Reading::PdfSkipped {
                what: name.to_owned(),
                reason: e.to_string(),
            }
        }
    };
    let mail = read::Mail {
        from: String::new(),
        domain: String::new(),
        from_name: String::new(),
        subject: name.to_owned(),
        message_id: None,
        date: None,
        text,
        pdf_names: Vec::new(),
    };
    match receipt::recognise_file(&mail, catalog) {
        Verdict::NotReceipt => Reading::Unrecognised {
            mail: Box::new(mail),
            reason: crate::msg!("receipt-why-pdf-no-layout"),
        },
        Verdict::Receipt(mut r) => {
            // A file has no Date: header: the zone the PDF states, else the
            // user's own, written into the record.
            if r.zone.is_none() {
                let (paid_at, zone) = pdf_zone(&mail.text, r.paid_date, local_offset);
                r.paid_at = r.paid_at.or(paid_at);
                r.zone = Some(zone);
            }
            from_verdict(mail, Verdict::Receipt(r))
        }
        v => from_verdict(mail, v),
    }
}

/// This machine's offset from UTC on `day` (at noon, away from DST jumps).
fn local_offset(day: chrono::NaiveDate) -> chrono::FixedOffset {
    use chrono::{Offset, TimeZone};
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    chrono::Local
        .offset_from_local_datetime(&noon)
        .earliest()
        .map(|o| o.fix())
        .unwrap_or_else(|| chrono::Utc.fix())
}

/// The paid-at instant and zone a receipt PDF's text states (a time with
/// `UTC`, `GMT+2`, `+01:00` or a US/European zone abbreviation after it,
/// on the paid date), else no instant and the zone `local` gives for the
/// paid date. The zone is written `+01:00`.
pub(crate) fn pdf_zone(
    text: &str,
    paid_date: chrono::NaiveDate,
    local: impl Fn(chrono::NaiveDate) -> chrono::FixedOffset,
) -> (Option<chrono::DateTime<chrono::Utc>>, String) {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*(?:\(?)(UTC|GMT|Z|PST|PDT|MST|MDT|CST|CDT|EST|EDT|CET|CEST|BST)?\s*([+-]\d{1,2}(?::?\d{2})?)?",
        )
        .expect("the zone pattern is valid")
    });
    for c in re.captures_iter(text) {
        let abbr = c.get(5).map(|m| m.as_str());
        let numeric = c.get(6).map(|m| m.as_str());
        let hours = match abbr {
            Some("PST") => -8,
            Some("PDT" | "MST") => -7,
            Some("MDT" | "CST") => -6,
            Some("CDT" | "EST") => -5,
            Some("EDT") => -4,
            Some("CET" | "BST") => 1,
            Some("CEST") => 2,
            _ => 0,
        };
        let mut secs = hours * 3600;
        if let Some(n) = numeric {
            let sign = if n.starts_with('-') { -1 } else { 1 };
            let digits: String = n[1..].chars().filter(char::is_ascii_digit).collect();
            let (h, m) = match digits.len() {
                1 | 2 => (digits.parse::<i32>().unwrap_or(0), 0),
                3 | 4 => {
                    let (h, m) = digits.split_at(digits.len() - 2);
                    (h.parse().unwrap_or(0), m.parse().unwrap_or(0))
                }
                _ => continue,
            };
            secs += sign * (h * 3600 + m * 60);
        } else if abbr.is_none() {
            continue; // a time with no zone says nothing of the zone
        }
        let Some(zone) = chrono::FixedOffset::east_opt(secs) else {
            continue;
        };
        let mut hour: u32 = c[1].parse().unwrap_or(99);
        let minute: u32 = c[2].parse().unwrap_or(99);
        let second: u32 = c.get(3).map_or(0, |m| m.as_str().parse().unwrap_or(99));
        match c.get(4).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
            Some("pm") if hour < 12 => hour += 12,
            Some("am") if hour == 12 => hour = 0,
            _ => {}
        }
        let Some(local_time) = paid_date.and_hms_opt(hour, minute, second) else {
            continue;
        };
        use chrono::TimeZone;
        if let Some(at) = zone.from_local_datetime(&local_time).single() {
            return (Some(at.with_timezone(&chrono::Utc)), zone.to_string());
        }
    }
    (None, local(paid_date).to_string())
}

/// Scans mail held in memory (one message, or an mbox by its `From `
/// lines) without a ledger: what the fuzz target and the benchmark run.
/// Returns how many messages there were and what they were.
pub fn scan_bytes(data: &[u8], catalog: &crate::classify::Catalog) -> (u64, ReceiptCounts) {
    let mut counts = ReceiptCounts::default();
    let mut messages = 0u64;
    let pdf_input = source::sniff(data) == Some(MailKind::Pdf);
    let mut each = |m: source::RawMessage| -> Result<(), std::io::Error> {
        messages += 1;
        let read = if pdf_input {
            reading_pdf(&m, "memory.pdf", catalog)
        } else {
            reading(&m, catalog)
        };
        match read {
            Reading::Skipped { .. } | Reading::PdfSkipped { .. } => counts.skipped_messages += 1,
            Reading::Unrecognised { mail, reason } => counts.unrecognised.push(Unrecognised {
                line: m.line,
                file: String::new(),
                sender: mail.from,
                subject: mail.subject,
                reason: reason.render(Lang::En),
                reason_msg: reason,
            }),
            Reading::Receipt { .. } => counts.recognised += 1,
        }
        Ok(())
    };
    let result = match source::sniff(data) {
        Some(MailKind::Mbox) => source::split_mbox(Path::new("memory"), data, &mut each, &|e| e),
        _ => each(source::RawMessage {
            at: source::Location::File(Path::new("memory").to_path_buf()),
            line: 1,
            truncated: data.len() > source::MAX_MESSAGE_BYTES,
            bytes: data[..data.len().min(source::MAX_MESSAGE_BYTES)].to_vec(),
        }),
    };
    // Reading from memory cannot fail.
    debug_assert!(result.is_ok());
    (messages, counts)
}

#[cfg(test)]
mod zone_tests {
    use super::pdf_zone;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 13).expect("date")
    }

    fn plus_one(_: chrono::NaiveDate) -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(3600).expect("offset")
    }

    #[test]
    fn a_pdf_receipt_takes_the_zone_it_states_else_the_users() {
        let (at, zone) = pdf_zone("Date paid January 13, 2026 4:05 PM PST", day(), plus_one);
        assert_eq!(zone, "-08:00");
        assert_eq!(at.expect("at").to_rfc3339(), "2026-01-14T00:05:00+00:00");
        let (at, zone) = pdf_zone("Paid at 16:05:09 UTC+02:00", day(), plus_one);
        assert_eq!(zone, "+02:00");
        assert_eq!(at.expect("at").to_rfc3339(), "2026-01-13T14:05:09+00:00");
        // Amounts and times without a zone say nothing: the user's zone.
        let (at, zone) = pdf_zone("Tax 8.1% on $100.00 -33.97 at 10:30", day(), plus_one);
        assert_eq!((at, zone.as_str()), (None, "+01:00"));
    }
}

//! Receipts from mail (issue #19): `.eml`, `.mbox` and Maildir fixtures in
//! the real receipt layouts, imported, matched to card lines, undone.

use std::path::{Path, PathBuf};

use aispend_core::i18n::Lang;
use aispend_core::import::mail::{read, receipt, source};
use aispend_core::import::{import_file, ImportOptions, ImportOutcome};
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/mail")
        .join(rel)
}

struct Temp {
    dir: tempfile::TempDir,
}

fn temp_ledger() -> (Temp, Ledger) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite")).expect("open ledger");
    (Temp { dir }, ledger)
}

fn import(ledger: &mut Ledger, rel: &str) -> ImportOutcome {
    import_file(ledger, &fixture(rel), &ImportOptions::default()).expect("import")
}

/// Every message of a fixture, read and recognised, as text for a snapshot.
fn verdicts(rel: &str) -> String {
    let catalog = aispend_core::classify::Catalog::builtin();
    let path = fixture(rel);
    let kind = source::detect(&path).expect("mail");
    let mut out = String::new();
    source::for_each_message::<std::io::Error>(
        &path,
        kind,
        &mut |m| {
            let mail = read::read(&m.bytes).expect("readable");
            let v = receipt::recognise(&mail, &catalog);
            out.push_str(&format!(
                "--- line {}: {} | {}\n",
                m.line, mail.from, mail.subject
            ));
            match v {
                receipt::Verdict::Receipt(r) => {
                    out.push_str(&serde_json::to_string_pretty(&r).expect("json"));
                    out.push('\n');
                }
                receipt::Verdict::Unrecognised(why) => {
                    out.push_str(&format!("Unrecognised({:?})\n", why.render(Lang::En)));
                }
                other => out.push_str(&format!("{other:?}\n")),
            }
            Ok(())
        },
        &|e| e,
    )
    .expect("messages");
    out
}

#[test]
fn every_fixture_reads_as_its_layout_says() {
    let mut all = String::new();
    for f in [
        "openai-chatgpt-plus.eml",
        "anthropic-api-credits-html.eml",
        "github-copilot.eml",
        "apple-chatgpt-plus.eml",
        "phishing-openai-lookalike.eml",
        "mixed.mbox",
        "maildir",
    ] {
        all.push_str(&format!("===== {f}\n{}", verdicts(f)));
    }
    insta::assert_snapshot!(all);
}

fn txn<'a>(
    rows: &'a [aispend_core::ledger::TxnRow],
    desc: &str,
    amount: &str,
) -> &'a aispend_core::ledger::TxnRow {
    rows.iter()
        .find(|t| t.description == desc && t.amount.to_string() == amount)
        .unwrap_or_else(|| panic!("no line {desc} {amount}"))
}

#[test]
fn receipts_land_as_one_batch_match_their_lines_and_undo() {
    let (tmp, mut ledger) = temp_ledger();
    import(
        &mut ledger,
        "statement/Chase7788_Activity20260101_20260131.CSV",
    );
    // A dry run counts and writes nothing.
    let dry = import_file(
        &mut ledger,
        &fixture("mixed.mbox"),
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .expect("dry run");
    let counts = dry.receipts.clone().expect("receipts");
    assert_eq!(
        (counts.recognised, counts.matched, counts.skipped_messages),
        (7, 5, 2)
    );
    assert!(ledger.mail_receipts(None).expect("receipts").is_empty());
    assert!(
        !tmp.dir.path().join("receipts").exists(),
        "a dry run stores no file"
    );

    let out = import(&mut ledger, "mixed.mbox");
    assert_eq!(out.format, "mail-mbox");
    let counts = out.receipts.clone().expect("receipts");
    assert_eq!(counts.recognised, 7);
    assert_eq!(counts.matched, 5, "{out:#?}");
    assert_eq!(
        counts.unmatched, 2,
        "ElevenLabs and Perplexity were paid on other cards"
    );
    assert_eq!(
        counts.skipped_messages, 2,
        "the newsletter and the personal mail"
    );
    assert_eq!(counts.unrecognised.len(), 1, "the look-alike sender");
    assert!(counts.unrecognised[0]
        .reason
        .contains("openai-billing-support.com"));
    assert_eq!(
        counts.unrecognised[0].subject,
        "Your receipt from OpenAI, LLC #9001-0000"
    );
    // The reason is a message: English as `reason` says, Chinese for a
    // reader of Chinese, the domain kept as found.
    let why = &counts.unrecognised[0].reason_msg;
    assert_eq!(why.id, "receipt-why-look-alike");
    assert_eq!(why.render(Lang::En), counts.unrecognised[0].reason);
    assert_eq!(
        why.render(Lang::ZhCn),
        "内容像是 OpenAI, LLC 的收据，但发件域名是 openai-billing-support.com，\
         商家表中 OpenAI, LLC 没有这个域名（可能是仿冒发件人）：未记为付款"
    );

    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    // Google Play's line is Claude Pro, via google_play, with its receipt.
    let play = txn(&rows, "GOOGLE *Google Play", "-21.40");
    assert_eq!(play.vendor.as_deref(), Some("anthropic"));
    assert_eq!(play.product.as_deref(), Some("Claude Pro"));
    let info = ledger.line_receipts(&[play.id]).expect("line receipts");
    assert_eq!(info[0].channel.as_deref(), Some("google_play"));
    assert_eq!(info[0].receipts, 1);
    // Stored as the receipt command stores files: by SHA-256, beside the ledger.
    let attached = ledger.receipts(play.id).expect("receipts");
    assert_eq!(attached.len(), 1);
    assert!(tmp
        .dir
        .path()
        .join("receipts")
        .join(&attached[0].stored_name)
        .is_file());
    // The groceries line of the same amount is never a receipt's line.
    let groceries = txn(&rows, "WHOLEFDS MKT 10233", "-20.00");
    assert_eq!(
        ledger.line_receipts(&[groceries.id]).expect("x")[0].receipts,
        0
    );
    // Only matched receipts are kept: five files, not the whole mailbox.
    let kept = std::fs::read_dir(tmp.dir.path().join("receipts"))
        .expect("dir")
        .count();
    assert_eq!(kept, 5);
    let mut matched: Vec<String> = ledger
        .mail_receipts(None)
        .expect("receipts")
        .iter()
        .filter_map(|r| {
            let t = ledger.transaction(r.matched_txn_id?).ok()?;
            Some(format!(
                "{} {} -> {} {}",
                r.vendor, r.amount, t.description, t.amount
            ))
        })
        .collect();
    matched.sort();
    assert_eq!(
        matched,
        [
            "anthropic 21.40 -> GOOGLE *Google Play -21.40",
            "cursor 20.00 -> CURSOR  AI POWERED IDE -20.00",
            "midjourney 10.00 -> MIDJOURNEY INC. -10.00",
            "openai 39.99 -> APPLE.COM/BILL -39.99",
            "runway 10.00 -> RUNWAYML.COM -10.00",
        ]
    );
    // The unmatched app-store line is listed.
    let note = out
        .notices
        .iter()
        .find(|n| n.code == "app_store_charge")
        .expect("listed");
    assert_eq!(
        note.count, 2,
        "9.99 and 21.64: their receipts are not in this mbox"
    );
    assert!(note.message.contains("import the receipt to identify it"));

    // Re-import: every receipt is a duplicate.
    let again = import(&mut ledger, "mixed.mbox");
    assert_eq!((again.added, again.duplicates), (0, 7));

    assert_eq!(
        ledger.rollup_differences().expect("rollup"),
        Vec::<String>::new()
    );

    // Undo removes the receipts and their attachments, and the lines they
    // named are what the statement alone made of them.
    let batch = out.batch_id.expect("batch");
    aispend_core::batches::undo(&mut ledger, batch).expect("undo");
    assert!(ledger.mail_receipts(None).expect("receipts").is_empty());
    assert!(ledger.receipts(play.id).expect("receipts").is_empty());
    let play_after = ledger.transaction(play.id).expect("line");
    assert_eq!(play_after.vendor, None, "{play_after:?}");
    assert_eq!(play_after.product, None);
    assert_ne!(play_after.class_source.as_deref(), Some("edit"));
    assert_eq!(
        ledger.rollup_differences().expect("rollup"),
        Vec::<String>::new()
    );
    let back = import(&mut ledger, "mixed.mbox");
    assert_eq!(back.added, 7, "after undo the receipts import again");
}

#[test]
fn an_apple_line_becomes_chatgpt_plus_and_a_double_payment_is_flagged() {
    let (_tmp, mut ledger) = temp_ledger();
    import(
        &mut ledger,
        "statement/Chase7788_Activity20260101_20260131.CSV",
    );
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let apple = txn(&rows, "APPLE.COM/BILL", "-21.64").id;
    assert_ne!(
        ledger.transaction(apple).expect("line").vendor.as_deref(),
        Some("openai")
    );
    import(&mut ledger, "openai-chatgpt-plus.eml");
    let out = import(&mut ledger, "apple-chatgpt-plus.eml");
    assert_eq!(out.receipts.as_ref().expect("r").matched, 1);
    let line = ledger.transaction(apple).expect("line");
    assert_eq!(line.vendor.as_deref(), Some("openai"));
    assert_eq!(line.product.as_deref(), Some("ChatGPT Plus"));
    assert_eq!(line.class.map(|c| c.as_str()), Some("ai-subscription"));
    assert_eq!(
        ledger.line_receipts(&[apple]).expect("x")[0]
            .channel
            .as_deref(),
        Some("apple")
    );
    // ChatGPT Plus paid by Apple on Jan 8 and directly on Jan 4: flagged.
    let flag = out
        .notices
        .iter()
        .find(|n| n.code == "double_payment")
        .expect("flagged");
    assert!(flag.message.contains("ChatGPT Plus"), "{}", flag.message);
    // The notice comes from the catalogs too, in both languages.
    let msg = flag.msg.as_ref().expect("a catalog message");
    let zh = aispend_core::i18n::render(aispend_core::i18n::Lang::ZhCn, msg);
    assert!(
        zh.contains("ChatGPT Plus") && zh.contains("付了两次"),
        "{zh}"
    );
    let en = aispend_core::i18n::render(aispend_core::i18n::Lang::En, msg);
    assert!(en.contains("paid twice"), "{en}");
    let flagged: Vec<_> = ledger
        .mail_receipts(None)
        .expect("receipts")
        .into_iter()
        .filter(|r| r.flag.as_deref() == Some("double_payment"))
        .collect();
    assert_eq!(flagged.len(), 2);
}

#[test]
fn a_maildir_and_a_phishing_eml() {
    let (_tmp, mut ledger) = temp_ledger();
    let out = import(&mut ledger, "maildir");
    assert_eq!(out.format, "mail-maildir");
    let r = out.receipts.expect("receipts");
    assert_eq!((r.recognised, r.skipped_messages, r.unmatched), (2, 1, 2));
    let out = import(&mut ledger, "phishing-openai-lookalike.eml");
    let r = out.receipts.expect("receipts");
    assert_eq!((out.added, r.recognised, r.unrecognised.len()), (0, 0, 1));
}

/// A message of `depth` multiparts, each inside the last.
fn nested(depth: usize) -> Vec<u8> {
    let mut head = String::from(
        "From: Anthropic <invoice+statements@mail.anthropic.com>\r\nSubject: Your receipt from Anthropic, PBC\r\nDate: Tue, 13 Jan 2026 16:40:02 +0100\r\nMIME-Version: 1.0\r\n",
    );
    let mut tail = String::new();
    for i in 0..depth {
        head.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
        tail = format!("\r\n--b{i}--\r\n{tail}");
    }
    head.push_str("Content-Type: text/plain\r\n\r\nAmount paid $1.00\r\n");
    head.push_str(&tail);
    head.into_bytes()
}

#[test]
fn hostile_mail_is_a_counted_skip_never_a_panic() {
    let catalog = aispend_core::classify::Catalog::builtin();
    // Malformed MIME: open boundaries, bad charsets and encodings, no
    // headers, an amount too large for the ledger.
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/mail/hostile/malformed.mbox"),
    )
    .expect("fixture");
    let (messages, counts) = aispend_core::import::mail::scan_bytes(&bytes, &catalog);
    assert_eq!(messages, 4);
    assert_eq!(
        counts.recognised + counts.skipped_messages + counts.unrecognised.len() as u64,
        4
    );
    // Imported, the ledger takes what it can and names the rest.
    let (_tmp, mut ledger) = temp_ledger();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/mail/hostile/malformed.mbox");
    let out = import_file(&mut ledger, &path, &ImportOptions::default()).expect("import");
    let r = out.receipts.expect("receipts");
    assert_eq!(
        (r.recognised, r.skipped_messages, r.unrecognised.len()),
        (0, 3, 1),
        "{r:?}"
    );
    let unreadable = out
        .notices
        .iter()
        .find(|n| n.code == "unreadable_messages")
        .expect("named");
    assert_eq!(unreadable.lines, vec![16], "the message with no headers");
    // Deep nesting: read without overflowing the stack, skipped past the
    // part limit.
    for depth in [10, 200, 5_000] {
        let msg = nested(depth);
        let (n, counts) = aispend_core::import::mail::scan_bytes(&msg, &catalog);
        assert_eq!(n, 1);
        assert_eq!(
            counts.skipped_messages + counts.recognised + counts.unrecognised.len() as u64,
            1
        );
    }
    // Random bytes of every kind.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for len in [0usize, 1, 7, 100, 5_000] {
        let junk: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed & 0xff) as u8
            })
            .collect();
        let _ = aispend_core::import::mail::scan_bytes(&junk, &catalog);
        let mut mbox = b"From x Mon Jan  5 10:00:00 2026\n".to_vec();
        mbox.extend_from_slice(&junk);
        let _ = aispend_core::import::mail::scan_bytes(&mbox, &catalog);
    }
}

/// A receipt e-mail (the matched message) is text to a redaction: card
/// numbers go to their last 4, addresses unless kept.
#[test]
fn a_receipt_email_redacts_like_other_text() {
    use aispend_core::cases::{redact, Redaction};
    let bytes = std::fs::read(fixture("apple-chatgpt-plus.eml")).expect("fixture");
    // A full card number (Luhn-valid), as a forwarded receipt may show one.
    let text =
        String::from_utf8_lossy(&bytes).replace("Visa •••• 7788", "Visa 4111 1111 1111 1111");
    let out = redact::redact(&text, Redaction { keep_emails: false });
    assert!(!out.contains("4111 1111 1111 1111"), "{out}");
    assert!(out.contains("Visa •••• 1111"), "{out}");
    assert!(!out.contains("pat@example.net"), "{out}");
}

#[test]
fn a_receipt_with_a_pdf_attaches_both_and_undo_takes_both() {
    let (tmp, mut ledger) = temp_ledger();
    import(
        &mut ledger,
        "statement/Chase7788_Activity20260101_20260131.CSV",
    );
    let out = import(&mut ledger, "openai-api-credits-with-pdf.eml");
    let r = out.receipts.expect("receipts");
    assert_eq!((r.recognised, r.matched), (1, 1));
    let row = &ledger.mail_receipts(None).expect("rows")[0];
    assert_eq!(row.items[0]["kind"], "credit_purchase");
    let line = row.matched_txn_id.expect("matched");
    let files = ledger.receipts(line).expect("receipts");
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "receipt-openai-2026-01-27-2231-8804.eml",
            "Receipt-2231-8804.pdf"
        ]
    );
    let pdf = tmp.dir.path().join("receipts").join(&files[1].stored_name);
    assert!(std::fs::read(pdf).expect("pdf").starts_with(b"%PDF-1.4"));
    aispend_core::batches::undo(&mut ledger, out.batch_id.expect("batch")).expect("undo");
    assert!(ledger.receipts(line).expect("receipts").is_empty());
}

#[test]
fn mail_before_its_statement_matches_when_imported_again() {
    let (_tmp, mut ledger) = temp_ledger();
    let first = import(&mut ledger, "apple-chatgpt-plus.eml");
    let r = first.receipts.expect("receipts");
    assert_eq!((r.recognised, r.matched, r.unmatched), (1, 0, 1));
    let note = first
        .notices
        .iter()
        .find(|n| n.code == "receipts_without_line")
        .expect("named");
    assert!(
        note.message.contains("import the statement"),
        "{}",
        note.message
    );
    import(
        &mut ledger,
        "statement/Chase7788_Activity20260101_20260131.CSV",
    );
    let again = import(&mut ledger, "apple-chatgpt-plus.eml");
    let r = again.receipts.expect("receipts");
    assert_eq!((again.added, again.duplicates), (0, 1));
    assert_eq!((r.recognised, r.matched, r.unmatched), (0, 1, 0));
    let row = &ledger.mail_receipts(None).expect("rows")[0];
    let line = ledger
        .transaction(row.matched_txn_id.expect("matched"))
        .expect("line");
    assert_eq!(line.product.as_deref(), Some("ChatGPT Plus"));
    // Undo of the first batch, which recorded the receipt, takes it all back.
    aispend_core::batches::undo(&mut ledger, first.batch_id.expect("batch")).expect("undo");
    assert_eq!(ledger.receipts(line.id).expect("receipts").len(), 0);
    assert_eq!(ledger.transaction(line.id).expect("line").product, None);
}

#[test]
fn matching_fails_with_its_batch_all_or_nothing() {
    let (tmp, mut ledger) = temp_ledger();
    import(
        &mut ledger,
        "statement/Chase7788_Activity20260101_20260131.CSV",
    );
    let before = ledger.transactions(&TxnFilter::default()).expect("txns");
    // The receipts folder cannot be made (a file holds its name): storing
    // the first matched message fails in the middle of matching.
    std::fs::write(tmp.dir.path().join("receipts"), b"in the way").expect("block");
    let err = import_file(
        &mut ledger,
        &fixture("mixed.mbox"),
        &ImportOptions::default(),
    );
    assert!(err.is_err(), "{err:?}");
    // Nothing of the batch is left: no receipt, no match, no named line.
    assert!(ledger.mail_receipts(None).expect("receipts").is_empty());
    let after = ledger.transactions(&TxnFilter::default()).expect("txns");
    assert_eq!(before, after, "a line was named by a batch that failed");
    // With the folder free, the same mail imports whole.
    std::fs::remove_file(tmp.dir.path().join("receipts")).expect("unblock");
    let out = import(&mut ledger, "mixed.mbox");
    let counts = out.receipts.expect("receipts");
    assert_eq!((counts.recognised, counts.matched), (7, 5));
    // Undo takes the matches and the lines' names back with the batch.
    aispend_core::batches::undo(&mut ledger, out.batch_id.expect("batch")).expect("undo");
    let undone = ledger.transactions(&TxnFilter::default()).expect("txns");
    assert_eq!(before, undone);
}

/// Apple's receipt as mailed since 2025 (HTML only): the date alone at the
/// top, `Order ID:` and `Document:` with their values on the next line, an
/// item table per app with no `App Store` heading, and no `Total` line (the
/// card line under `Billing and Payment` carries what was charged).
#[test]
fn apple_receipt_in_the_lockup_layout_reads_its_apps_and_total() {
    let catalog = aispend_core::classify::Catalog::builtin();
    let bytes = std::fs::read(fixture("apple-html-lockup.eml")).expect("fixture");
    let mail = read::read(&bytes).expect("readable");
    let receipt::Verdict::Receipt(r) = receipt::recognise(&mail, &catalog) else {
        panic!("not a receipt: {}", mail.text);
    };
    assert_eq!(r.amount.to_string(), "43.98");
    assert_eq!(r.currency.as_str(), "EUR");
    assert_eq!(r.paid_date.to_string(), "2026-02-16");
    assert_eq!(r.receipt_no.as_deref(), Some("MQ4LX8ZT2B"));
    assert_eq!(r.invoice_no.as_deref(), Some("308815224907"));
    assert_eq!(r.tax.map(|t| t.to_string()).as_deref(), Some("7.02"));
    assert_eq!(r.card_last4.as_deref(), Some("3105"));
    let apps: Vec<_> = r
        .items
        .iter()
        .map(|i| {
            (
                i.app.clone(),
                i.vendor.clone(),
                i.share.map(|s| s.to_string()),
            )
        })
        .collect();
    assert_eq!(
        apps,
        vec![
            (
                Some("Claude by Anthropic".into()),
                Some("anthropic".into()),
                Some("21.99".into())
            ),
            (
                Some("Perplexity - Ask Anything".into()),
                Some("perplexity".into()),
                Some("21.99".into())
            ),
        ]
    );
    assert_eq!(r.product.as_deref(), Some("Claude Pro + Perplexity Pro"));
}

/// What the summary says, by class and by vendor, as text to compare.
fn summary_text(ledger: &Ledger) -> String {
    let s = aispend_core::reports::summary(ledger, aispend_core::reports::Period::default())
        .expect("summary");
    let mut out: Vec<String> = s
        .totals
        .iter()
        .map(|t| {
            format!(
                "class {} {} {} n={}",
                t.class, t.currency, t.amount, t.count
            )
        })
        .collect();
    out.extend(s.by_vendor.iter().map(|v| {
        format!(
            "vendor {} {} {} {}",
            v.vendor, v.class, v.currency, v.amount
        )
    }));
    out.join("\n")
}

fn assert_sums_agree(ledger: &Ledger, after: &str) {
    let diff = ledger.rollup_differences().expect("compare");
    assert!(diff.is_empty(), "after {after}: {}", diff.join("\n"));
    let diff = ledger.tally_differences().expect("compare");
    assert!(diff.is_empty(), "after {after}: {}", diff.join("\n"));
}

#[test]
fn a_two_item_apple_receipt_splits_its_line_into_parts_each_counted_by_its_class() {
    use aispend_core::budgets::{self, NewBudget, Period, Scope};
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, "split/Chase7788_Activity20260201_20260228.CSV");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let apple = txn(&rows, "APPLE.COM/BILL", "-32.45").id;
    let before_line = ledger.transaction(apple).expect("line");
    let before = summary_text(&ledger);
    assert!(ledger.line_parts(apple).expect("parts").is_empty());

    let out = import(&mut ledger, "split/apple-chatgpt-and-weather.eml");
    assert_eq!(out.receipts.as_ref().expect("r").matched, 1);
    let parts = ledger.line_parts(apple).expect("parts");
    let shown: Vec<(String, Option<String>, String, String)> = parts
        .iter()
        .map(|p| {
            (
                p.class.clone(),
                p.vendor.clone(),
                p.product.clone(),
                p.amount.to_string(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                "ai-subscription".into(),
                Some("openai".into()),
                "ChatGPT Plus".into(),
                "-21.64".into()
            ),
            (
                "everyday".into(),
                None,
                "Daylight Premium".into(),
                "-10.81".into()
            ),
        ]
    );
    let sum: rust_decimal::Decimal = parts.iter().map(|p| p.amount).sum();
    assert_eq!(sum, before_line.amount, "the parts sum to the line exactly");
    assert_sums_agree(&ledger, "the split");

    // The summary counts each part by its own class and vendor.
    let s = aispend_core::reports::summary(&ledger, aispend_core::reports::Period::default())
        .expect("summary");
    let class = |c: &str| {
        s.totals
            .iter()
            .find(|t| t.class == c)
            .map(|t| t.amount.to_string())
    };
    assert_eq!(class("ai-subscription").as_deref(), Some("-21.64"));
    // Groceries 41.20 + Spotify 11.99 + the weather app's part 10.81.
    assert_eq!(class("everyday").as_deref(), Some("-64.00"));
    let openai = s
        .by_vendor
        .iter()
        .find(|v| v.vendor == "openai")
        .expect("openai");
    assert_eq!(openai.amount.to_string(), "-21.64");

    // A vendor budget counts the ChatGPT Plus part only.
    budgets::set_budget(
        &mut ledger,
        &NewBudget {
            scope: Scope::parse("vendor", "openai").expect("scope"),
            amount: "50".parse().expect("amount"),
            currency: aispend_core::money::Currency::parse("USD").expect("usd"),
            period: Period::Range(
                chrono::NaiveDate::from_ymd_opt(2026, 2, 1).expect("d"),
                chrono::NaiveDate::from_ymd_opt(2026, 2, 28).expect("d"),
            ),
        },
    )
    .expect("budget");
    let status = budgets::budget_status(
        &ledger,
        chrono::NaiveDate::from_ymd_opt(2026, 2, 28).expect("d"),
    )
    .expect("status");
    assert_eq!(status[0].spent.to_string(), "-21.64");

    // Read again: not split twice.
    let again = import(&mut ledger, "split/apple-chatgpt-and-weather.eml");
    assert_eq!(again.added, 0);
    assert_eq!(ledger.line_parts(apple).expect("parts").len(), 2);
    assert_sums_agree(&ledger, "the second import");
    let split_summary = summary_text(&ledger);
    assert_ne!(split_summary, before);

    // Undo of the mail import: the line is whole again, as it was.
    let batch = out.batch_id.expect("batch");
    aispend_core::batches::undo(&mut ledger, batch).expect("undo");
    assert!(ledger.line_parts(apple).expect("parts").is_empty());
    assert_eq!(ledger.transaction(apple).expect("line"), before_line);
    assert_eq!(summary_text(&ledger), before);
    assert_sums_agree(&ledger, "the undo");

    // Imported again after the undo, it splits once more; undoing the
    // statement takes the parts with their line.
    let back = import(&mut ledger, "split/apple-chatgpt-and-weather.eml");
    assert_eq!(ledger.line_parts(apple).expect("parts").len(), 2);
    assert_sums_agree(&ledger, "the import after undo");
    let statement = ledger.transaction(apple).expect("line").batch_id;
    aispend_core::batches::undo(&mut ledger, statement).expect("undo statement");
    assert_sums_agree(&ledger, "the statement's undo");
    assert!(ledger.line_parts(apple).expect("parts").is_empty());
    aispend_core::batches::undo(&mut ledger, back.batch_id.expect("b")).expect("undo mail");
    assert_sums_agree(&ledger, "both undone");
}

/// The user's own class or vendor on a split line wins over its parts:
/// the line counts whole by the user's edit in the summary, the rollup and
/// the budgets; the parts stay stored but are not in effect. The undo of
/// the mail import keeps the user's edit, and the receipt read again
/// neither names nor splits the line the user classified.
#[test]
fn a_users_edit_of_a_split_line_wins_over_its_parts_through_undo_and_reimport() {
    use aispend_core::budgets::{self, NewBudget, Period, Scope};
    use aispend_core::ledger::TxnEdit;
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, "split/Chase7788_Activity20260201_20260228.CSV");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let apple = txn(&rows, "APPLE.COM/BILL", "-32.45").id;
    let out = import(&mut ledger, "split/apple-chatgpt-and-weather.eml");
    assert_eq!(ledger.parts_in_effect(apple).expect("parts").len(), 2);
    let class = |ledger: &Ledger, c: &str| {
        aispend_core::reports::summary(ledger, aispend_core::reports::Period::default())
            .expect("summary")
            .totals
            .iter()
            .find(|t| t.class == c)
            .map(|t| t.amount.to_string())
    };
    assert_eq!(class(&ledger, "ai-subscription").as_deref(), Some("-21.64"));

    // The whole charge was ChatGPT: the user says so.
    ledger
        .edit_transaction(
            apple,
            &TxnEdit {
                class: Some("ai-subscription".into()),
                vendor: Some("openai".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    assert_sums_agree(&ledger, "the user's edit");
    assert_eq!(class(&ledger, "ai-subscription").as_deref(), Some("-32.45"));
    // Groceries 41.20 + Spotify 11.99; the weather app's part is gone.
    assert_eq!(class(&ledger, "everyday").as_deref(), Some("-53.19"));
    assert!(ledger.parts_in_effect(apple).expect("parts").is_empty());
    assert_eq!(ledger.line_parts(apple).expect("stored").len(), 2, "kept");
    let listed =
        aispend_core::app::receipts_view::txns_with_receipts(&ledger, &TxnFilter::default())
            .expect("txns");
    let row = listed.iter().find(|t| t.row.id == apple).expect("row");
    assert!(row.parts.is_empty(), "txns --json shows the line whole");
    budgets::set_budget(
        &mut ledger,
        &NewBudget {
            scope: Scope::parse("vendor", "openai").expect("scope"),
            amount: "50".parse().expect("amount"),
            currency: aispend_core::money::Currency::parse("USD").expect("usd"),
            period: Period::Range(
                chrono::NaiveDate::from_ymd_opt(2026, 2, 1).expect("d"),
                chrono::NaiveDate::from_ymd_opt(2026, 2, 28).expect("d"),
            ),
        },
    )
    .expect("budget");
    let spent = |ledger: &Ledger| {
        budgets::budget_status(
            ledger,
            chrono::NaiveDate::from_ymd_opt(2026, 2, 28).expect("d"),
        )
        .expect("status")[0]
            .spent
            .to_string()
    };
    assert_eq!(spent(&ledger), "-32.45");
    // A later edit of the tags only keeps the user's class in charge.
    ledger
        .edit_transaction(
            apple,
            &TxnEdit {
                tags: Some(vec!["client:Acme".into()]),
                ..TxnEdit::default()
            },
        )
        .expect("tags");
    assert!(ledger.parts_in_effect(apple).expect("parts").is_empty());
    let edited = summary_text(&ledger);

    // Undo of the mail import: the parts go, the user's edit stays.
    aispend_core::batches::undo(&mut ledger, out.batch_id.expect("batch")).expect("undo");
    let line = ledger.transaction(apple).expect("line");
    assert_eq!(
        line.class,
        Some(aispend_core::classify::Class::AiSubscription)
    );
    assert_eq!(line.vendor.as_deref(), Some("openai"));
    assert!(ledger.line_parts(apple).expect("stored").is_empty());
    assert_eq!(summary_text(&ledger), edited);
    assert_eq!(spent(&ledger), "-32.45");
    assert_sums_agree(&ledger, "the undo");

    // Read again: matched, but the line the user classified is not split.
    let again = import(&mut ledger, "split/apple-chatgpt-and-weather.eml");
    assert_eq!(again.receipts.as_ref().expect("r").matched, 1);
    assert!(ledger.line_parts(apple).expect("stored").is_empty());
    assert_eq!(summary_text(&ledger), edited);
    assert_eq!(spent(&ledger), "-32.45");
    assert_sums_agree(&ledger, "the import after undo");
}

/// The reimbursement report a client can pay from: net, tax and gross from
/// the receipts, a stored report number, and the receipts appended to the
/// PDF (the e-mail as text, its attached PDF's page as it is).
#[test]
fn the_reimbursement_pdf_carries_tax_a_number_and_the_receipts_pages() {
    use aispend_core::reimburse::{self, Parties, ReportRequest};
    let (tmp, mut ledger) = temp_ledger();
    import(
        &mut ledger,
        "statement/Chase7788_Activity20260101_20260131.CSV",
    );
    import(&mut ledger, "apple-chatgpt-plus.eml");
    import(&mut ledger, "openai-api-credits-with-pdf.eml");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let apple = txn(&rows, "APPLE.COM/BILL", "-21.64").id;
    let openai = txn(&rows, "OPENAI", "-50.00").id;
    let cursor = txn(&rows, "CURSOR  AI POWERED IDE", "-20.00").id;
    for id in [apple, openai, cursor] {
        ledger
            .edit_transaction(
                id,
                &aispend_core::ledger::TxnEdit {
                    tags: Some(vec!["client:Acme".into()]),
                    ..Default::default()
                },
            )
            .expect("tag");
    }
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let req = |to: &str| ReportRequest {
        client: "acme".into(),
        from: date("2026-01-01"),
        to: date(to),
        currency: aispend_core::money::Currency::USD,
        rates: Vec::new(),
        include_reimbursed: true,
        generated_at: chrono::DateTime::from_timestamp(1_770_000_000, 0).expect("time"),
        parties: Parties {
            sender: "Pat Example\n12 Sample Street\n10115 Berlin".into(),
            client_address: "Acme GmbH\n1 Example Way".into(),
            payment_note: "Pay within 14 days to IBAN DE00 0000 0000 0000 0000 00.".into(),
        },
        lang: aispend_core::i18n::Lang::En,
    };

    // A preview has no number before the report is first written.
    let preview = reimburse::build_report(&ledger, &req("2026-01-31")).expect("preview");
    assert_eq!(preview.number, None);
    let line = |id| {
        preview
            .lines
            .iter()
            .find(|l| l.txn_id == id)
            .expect("line")
            .clone()
    };
    let a = line(apple);
    assert_eq!(a.receipt_no.as_deref(), Some("MT7QK2ZP4D"));
    let figures = |l: &aispend_core::reimburse::ReportLine| {
        (
            l.net.map(|d| d.to_string()),
            l.tax.map(|d| d.to_string()),
            l.owed.to_string(),
        )
    };
    assert_eq!(
        figures(&a),
        (Some("19.99".into()), Some("1.65".into()), "21.64".into())
    );
    assert_eq!(line(openai).receipt_no.as_deref(), Some("2231-8804"));
    let c = line(cursor);
    assert_eq!((c.receipt_no, c.net, c.tax), (None, None, None));
    let usd = &preview.totals[0];
    assert_eq!(
        (
            usd.net.to_string(),
            usd.tax.to_string(),
            usd.owed.to_string()
        ),
        ("89.99".into(), "1.65".into(), "91.64".into())
    );
    assert_eq!(preview.without_receipt, vec![c.number]);

    let out = tmp.dir.path().join("acme.pdf");
    let w = reimburse::write_report(&ledger, &req("2026-01-31"), &out).expect("write");
    assert_eq!(w.report.number, Some(1));
    // The same report again keeps its number; another period takes the next.
    let again = reimburse::write_report(&ledger, &req("2026-01-31"), &out).expect("again");
    assert_eq!(again.report.number, Some(1));
    let other = tmp.dir.path().join("acme-feb.pdf");
    let next = reimburse::write_report(&ledger, &req("2026-02-28"), &other).expect("next");
    assert_eq!(next.report.number, Some(2));
    assert_eq!(
        reimburse::build_report(&ledger, &req("2026-01-31"))
            .expect("preview")
            .number,
        Some(1)
    );

    let bytes = std::fs::read(&out).expect("pdf");
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("text");
    let first = &pages[0];
    for want in [
        "Reimbursement report R-0001",
        "Pat Example, 12 Sample Street, 10115 Berlin",
        "Acme GmbH, 1 Example Way",
        "Without a receipt: 1 line",
        "MT7QK2ZP4D",
        "19.99",
        "1.65",
        "21.64",
    ] {
        assert!(first.contains(want), "{want:?} not on page 1:\n{first}");
    }
    let all = pages.join("\n");
    assert!(all.contains("IBAN DE00"), "{all}");
    // The Apple e-mail as text, headed with its line.
    let apple_page = pages
        .iter()
        .find(|p| p.contains("Receipt for line") && p.contains("Order ID: MT7QK2ZP4D"))
        .unwrap_or_else(|| panic!("no page with the Apple e-mail:\n{all}"));
    assert!(
        apple_page.contains("ChatGPT Plus (Monthly)"),
        "{apple_page}"
    );
    // The OpenAI receipt's attached PDF, its page embedded as it is.
    let pdf_page = pages
        .iter()
        .find(|p| p.contains("Receipt for line") && p.contains(".pdf"))
        .unwrap_or_else(|| panic!("no page with the attached PDF:\n{all}"));
    assert!(pdf_page.contains("Amount paid $50.00"), "{pdf_page}");
    if let Ok(dir) = std::env::var("AISPEND_KEEP_REPORT") {
        std::fs::copy(&out, std::path::Path::new(&dir).join("receipts-report.pdf")).expect("keep");
    }
}

#[test]
fn a_github_upgrade_reads_its_proration_line_as_an_item() {
    let catalog = aispend_core::classify::Catalog::builtin();
    let bytes = std::fs::read(fixture("github-copilot-upgrade-proration.eml")).expect("fixture");
    let mail = read::read(&bytes).expect("readable");
    let receipt::Verdict::Receipt(r) = receipt::recognise(&mail, &catalog) else {
        panic!("not a receipt");
    };
    let items: Vec<(String, receipt::ItemKind, String, Option<String>)> = r
        .items
        .iter()
        .map(|i| {
            (
                i.description.clone(),
                i.kind,
                i.amount.to_string(),
                i.share.map(|s| s.to_string()),
            )
        })
        .collect();
    assert_eq!(
        items,
        vec![
            (
                "Copilot Pro+".into(),
                receipt::ItemKind::Plan,
                "39.00".into(),
                Some("39.00".into())
            ),
            (
                "Copilot Pro".into(),
                receipt::ItemKind::Other,
                "-33.97".into(),
                Some("-33.97".into())
            ),
        ]
    );
    assert_eq!(r.amount.to_string(), "5.03");
    assert_eq!(r.product.as_deref(), Some("Copilot Pro+"));
}

//! PDF receipts (issue #19): receipt PDFs in Stripe's receipt layout (as
//! a text extractor reads real OpenAI, Anthropic and ElevenLabs receipt
//! PDFs: `Invoice number`, `Receipt number`, `Date paid`, the seller's
//! block, `$X paid on DATE`, the `Description Qty Unit price [Tax] Amount`
//! table, `Tax 8.1% on $100.00 $8.10`, `Amount paid`), imported on their
//! own and attached to mail; a scanned PDF with no text layer is listed as
//! skipped. The fixture PDFs are written by the generator below (our own
//! values) and committed; a test checks the committed files are what it
//! writes (`AISPEND_WRITE_FIXTURES=1` rewrites them).

use std::path::{Path, PathBuf};

use aispend_core::import::mail::{pdf, read, receipt, source};
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/mail/pdf")
        .join(rel)
}

/// Text as WinAnsi bytes (Helvetica's encoding here).
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '€' => 0x80,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            c if (c as u32) < 0x80 => c as u8,
            _ => b'?',
        })
        .collect()
}

/// One A4 page per slice of `(x, y, size, text)` runs, in Helvetica.
fn text_pdf(pages: &[Vec<(f32, f32, f32, &str)>]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let mut next = 4;
    let mut page_ids = Vec::new();
    for _ in pages {
        page_ids.push((Ref::new(next), Ref::new(next + 1)));
        next += 2;
    }
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().map(|p| p.0))
        .count(pages.len() as i32);
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (runs, (page, content)) in pages.iter().zip(&page_ids) {
        let mut p = pdf.page(*page);
        p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
            .parent(tree)
            .contents(*content);
        p.resources().fonts().pair(Name(b"F1"), font);
        p.finish();
        let mut c = Content::new();
        for (x, y, size, text) in runs {
            c.begin_text()
                .set_font(Name(b"F1"), *size)
                .next_line(*x, *y)
                .show(Str(&win_ansi(text)))
                .end_text();
        }
        pdf.stream(*content, &c.finish());
    }
    pdf.finish()
}

/// A page that is only a picture (a phone scan of a paper receipt): a
/// grey raster image, no text operator at all.
fn scanned_pdf() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree, page, content, image) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
        .parent(tree)
        .contents(content);
    p.resources().x_objects().pair(Name(b"Im1"), image);
    p.finish();
    // 64 x 96 grey pixels: light paper with darker bands where print was.
    let (w, h) = (64u32, 96u32);
    let pixels: Vec<u8> = (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            if y % 8 < 2 && (8..56).contains(&x) {
                70
            } else {
                235
            }
        })
        .collect();
    let mut img = pdf.image_xobject(image, &pixels);
    img.width(w as i32)
        .height(h as i32)
        .color_space()
        .device_gray();
    img.bits_per_component(8);
    img.finish();
    let mut c = Content::new();
    c.save_state()
        .transform([500.0, 0.0, 0.0, 750.0, 47.0, 46.0])
        .x_object(Name(b"Im1"))
        .restore_state();
    pdf.stream(content, &c.finish());
    let _ = Filter::FlateDecode; // raw samples: nothing compressed
    pdf.finish()
}

/// Stripe's receipt PDF, as a text extractor lays it out, for one seller.
struct StripeReceipt<'a> {
    title: &'a str,
    invoice_no: &'a str,
    receipt_no: &'a str,
    paid: &'a str,
    card: &'a str,
    seller: [&'a str; 4],
    total: &'a str,
    rows: Vec<(&'a str, &'a str, &'a str, Option<&'a str>, &'a str)>,
    period: Option<&'a str>,
    subtotal: &'a str,
    tax: Option<&'a str>,
}

fn stripe_pdf(r: &StripeReceipt<'_>) -> Vec<u8> {
    let mut runs: Vec<(f32, f32, f32, String)> = vec![
        (50.0, 780.0, 20.0, r.title.to_owned()),
        (50.0, 745.0, 9.0, "Invoice number".into()),
        (150.0, 745.0, 9.0, r.invoice_no.to_owned()),
        (50.0, 731.0, 9.0, "Receipt number".into()),
        (150.0, 731.0, 9.0, r.receipt_no.to_owned()),
        (50.0, 717.0, 9.0, "Date paid".into()),
        (150.0, 717.0, 9.0, r.paid.to_owned()),
        (50.0, 703.0, 9.0, "Payment method".into()),
        (150.0, 703.0, 9.0, r.card.to_owned()),
        (300.0, 670.0, 9.0, "Bill to".into()),
        (300.0, 656.0, 9.0, "Jo Example".into()),
        (300.0, 642.0, 9.0, "jo@example.net".into()),
    ];
    for (i, l) in r.seller.iter().enumerate() {
        runs.push((50.0, 670.0 - 14.0 * i as f32, 9.0, (*l).to_owned()));
    }
    runs.push((50.0, 590.0, 16.0, format!("{} paid on {}", r.total, r.paid)));
    let mut y = 550.0;
    let tax_col = r.rows.iter().any(|row| row.3.is_some());
    runs.push((50.0, y, 8.0, "Description".into()));
    runs.push((300.0, y, 8.0, "Qty".into()));
    runs.push((350.0, y, 8.0, "Unit price".into()));
    if tax_col {
        runs.push((420.0, y, 8.0, "Tax".into()));
    }
    runs.push((490.0, y, 8.0, "Amount".into()));
    for (desc, qty, unit, tax, amount) in &r.rows {
        y -= 18.0;
        runs.push((50.0, y, 9.0, (*desc).to_owned()));
        runs.push((300.0, y, 9.0, (*qty).to_owned()));
        runs.push((350.0, y, 9.0, (*unit).to_owned()));
        if let Some(t) = tax {
            runs.push((420.0, y, 9.0, (*t).to_owned()));
        }
        runs.push((490.0, y, 9.0, (*amount).to_owned()));
        if let Some(p) = r.period {
            y -= 12.0;
            runs.push((50.0, y, 8.0, p.to_owned()));
        }
    }
    let mut totals = vec![("Subtotal", r.subtotal.to_owned())];
    if let Some(t) = r.tax {
        totals.push(("Total excluding tax", r.subtotal.to_owned()));
        totals.push(("", t.to_owned()));
    }
    totals.push(("Total", r.total.to_owned()));
    totals.push(("Amount paid", r.total.to_owned()));
    for (label, value) in totals {
        y -= 18.0;
        if label.is_empty() {
            // `Tax 8.1% on $100.00` then its amount, one row.
            let (l, v) = value.rsplit_once(' ').unwrap_or((&value, ""));
            runs.push((300.0, y, 9.0, l.to_owned()));
            runs.push((490.0, y, 9.0, v.to_owned()));
        } else {
            runs.push((300.0, y, 9.0, label.to_owned()));
            runs.push((490.0, y, 9.0, value));
        }
    }
    runs.push((
        50.0,
        60.0,
        7.0,
        format!("{} · Page 1 of 1", r.receipt_no).replace('·', "-"),
    ));
    let page: Vec<(f32, f32, f32, &str)> = runs
        .iter()
        .map(|(x, y, s, t)| (*x, *y, *s, t.as_str()))
        .collect();
    text_pdf(&[page])
}

fn anthropic_max() -> Vec<u8> {
    stripe_pdf(&StripeReceipt {
        title: "Receipt",
        invoice_no: "7C1F3E2A 0006",
        receipt_no: "2760 4418",
        paid: "January 18, 2026",
        card: "Visa - 7788",
        seller: [
            "Anthropic, PBC",
            "500 Example Street, Suite 100",
            "San Francisco, California 94100",
            "billing-support@example.invalid",
        ],
        total: "$108.10",
        rows: vec![("Max plan - 5x", "1", "$100.00", Some("8.1%"), "$100.00")],
        period: Some("Jan 18 – Feb 18, 2026"),
        subtotal: "$100.00",
        tax: Some("Tax 8.1% on $100.00 $8.10"),
    })
}

fn openai_auto_recharge() -> Vec<u8> {
    stripe_pdf(&StripeReceipt {
        title: "Receipt",
        invoice_no: "9B3D2F10-0012",
        receipt_no: "1408-5531",
        paid: "February 1, 2026",
        card: "Visa - 7788",
        seller: [
            "OpenAI, LLC",
            "1 Example Plaza",
            "San Francisco, California 94100",
            "ar@example.invalid",
        ],
        total: "$25.00",
        rows: vec![("Auto-recharge credits", "1", "$25.00", None, "$25.00")],
        period: None,
        subtotal: "$25.00",
        tax: None,
    })
}

/// A mail whose body only says the receipt is attached; the PDF is it.
fn mail_with_pdf(from: &str, subject: &str, id: &str, name: &str, pdf: &[u8]) -> Vec<u8> {
    use std::fmt::Write as _;
    let b64 = base64_lines(pdf);
    let mut m = String::new();
    let _ = write!(
        m,
        "From: {from}\r\nTo: Jo Example <jo@example.net>\r\nSubject: {subject}\r\n\
         Date: Sun, 01 Feb 2026 09:12:40 +0100\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"==pdf-only-42\"\r\n\r\n\
         --==pdf-only-42\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Hi Jo,\r\n\r\nThe document for your latest payment is attached as a PDF.\r\n\r\n\
         Thanks,\r\nThe billing team\r\n\r\n\
         --==pdf-only-42\r\nContent-Type: application/pdf; name=\"{name}\"\r\n\
         Content-Disposition: attachment; filename=\"{name}\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{b64}\r\n--==pdf-only-42--\r\n"
    );
    m.into_bytes()
}

fn base64_lines(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Every fixture file of this folder and its bytes.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let anthropic = anthropic_max();
    let openai = openai_auto_recharge();
    let scan = scanned_pdf();
    vec![
        ("anthropic-max-receipt.pdf", anthropic),
        (
            "openai-receipt-pdf-only.eml",
            mail_with_pdf(
                "OpenAI <invoice+statements@tm.openai.com>",
                "Your OpenAI API receipt",
                "pdf-only-1408-5531@tm.openai.com",
                "Receipt-1408-5531.pdf",
                &openai,
            ),
        ),
        ("scanned-receipt.pdf", scan.clone()),
        (
            "scanned-receipt-attached.eml",
            mail_with_pdf(
                "Print Shop <billing@example.net>",
                "Your receipt",
                "scan-77@example.net",
                "scan-0042.pdf",
                &scan,
            ),
        ),
        (
            "lookalike-openai-pdf-only.eml",
            mail_with_pdf(
                "OpenAI <invoice@openai-receipts.example.net>",
                "Your OpenAI API receipt",
                "lookalike-1408-5531@example.net",
                "Receipt-1408-5531.pdf",
                &openai,
            ),
        ),
    ]
}

#[test]
fn fixtures_are_what_the_generator_writes() {
    let write = std::env::var_os("AISPEND_WRITE_FIXTURES").is_some();
    for (name, bytes) in fixtures() {
        let path = fixture(name);
        if write {
            std::fs::create_dir_all(fixture("")).expect("folder");
            std::fs::write(&path, &bytes).expect("write fixture");
        }
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            on_disk == bytes,
            "{name} differs from the generator: AISPEND_WRITE_FIXTURES=1 to rewrite"
        );
    }
}

#[test]
fn a_receipt_pdf_reads_as_the_stripe_layout() {
    let bytes = std::fs::read(fixture("anthropic-max-receipt.pdf")).expect("fixture");
    let text = pdf::text(&bytes).expect("text layer");
    assert!(text.contains("Date paid January 18, 2026"), "{text}");
    let mail = read::Mail {
        from: String::new(),
        domain: String::new(),
        from_name: String::new(),
        subject: "anthropic-max-receipt.pdf".into(),
        message_id: None,
        date: None,
        text: text.clone(),
        pdf_names: Vec::new(),
    };
    let catalog = aispend_core::classify::Catalog::builtin();
    let receipt::Verdict::Receipt(r) = receipt::recognise_file(&mail, &catalog) else {
        panic!("not a receipt: {text}");
    };
    insta::assert_snapshot!(format!(
        "{}\n---\n{}",
        text,
        serde_json::to_string_pretty(&r).expect("json")
    ));
    // The same text from an unknown sender is never a payment.
    let stranger = read::Mail {
        from: "billing@anthropic-pay.example.net".into(),
        domain: "anthropic-pay.example.net".into(),
        ..mail
    };
    assert!(matches!(
        receipt::recognise(&stranger, &catalog),
        receipt::Verdict::Unrecognised(_)
    ));
}

#[test]
fn a_scan_has_no_text_layer_and_garbage_is_no_panic() {
    let scan = std::fs::read(fixture("scanned-receipt.pdf")).expect("fixture");
    assert_eq!(pdf::text(&scan), Err(pdf::PdfSkip::NoTextLayer));
    // Cut anywhere, flipped bytes: a reason every time, never a panic.
    let good = std::fs::read(fixture("anthropic-max-receipt.pdf")).expect("fixture");
    for cut in (0..good.len()).step_by(97) {
        let _ = pdf::text(&good[..cut]);
    }
    let mut flipped = good.clone();
    for i in (40..flipped.len()).step_by(13) {
        flipped[i] ^= 0x5a;
        let _ = pdf::text(&flipped);
    }
    assert!(source::sniff(&good) == Some(source::MailKind::Pdf));
}

fn temp_ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite")).expect("open ledger");
    (dir, ledger)
}

#[test]
fn pdfs_import_alone_and_from_mail_match_their_lines_and_undo() {
    let (dir, mut ledger) = temp_ledger();
    let opts = ImportOptions::default();
    import_file(&mut ledger, &fixture("statement.CSV"), &opts).expect("statement");

    // A receipt PDF on its own.
    let out =
        import_file(&mut ledger, &fixture("anthropic-max-receipt.pdf"), &opts).expect("pdf import");
    assert_eq!(out.format, "receipt-pdf");
    let counts = out.receipts.clone().expect("receipts");
    assert_eq!((counts.recognised, counts.matched), (1, 1), "{out:#?}");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let line = rows
        .iter()
        .find(|t| t.description == "ANTHROPIC" && t.amount.to_string() == "-108.10")
        .expect("the Anthropic line");
    let paid = ledger.mail_receipts(None).expect("payments");
    assert_eq!(paid[0].product.as_deref(), Some("Max plan - 5x"));
    assert_eq!(paid[0].matched_txn_id, Some(line.id));
    assert_eq!(paid[0].tax.map(|t| t.to_string()).as_deref(), Some("8.10"));
    // The PDF states no time zone: the user's own is written into the record.
    let local = {
        use chrono::{Offset, TimeZone};
        let noon = paid[0].paid_date.and_hms_opt(12, 0, 0).expect("noon");
        chrono::Local
            .offset_from_local_datetime(&noon)
            .earliest()
            .expect("offset")
            .fix()
            .to_string()
    };
    assert_eq!(paid[0].zone.as_deref(), Some(local.as_str()));
    let product_before = line.product.clone();
    let receipts = ledger.receipts(line.id).expect("receipts");
    assert_eq!(receipts.len(), 1);
    assert!(receipts[0].file_name.ends_with(".pdf"), "{receipts:?}");
    assert!(dir
        .path()
        .join("receipts")
        .join(&receipts[0].stored_name)
        .is_file());
    // Again: a duplicate, nothing new.
    let again =
        import_file(&mut ledger, &fixture("anthropic-max-receipt.pdf"), &opts).expect("again");
    assert_eq!((again.added, again.duplicates), (0, 1));

    // A mail whose body is no receipt: its PDF is.
    let out =
        import_file(&mut ledger, &fixture("openai-receipt-pdf-only.eml"), &opts).expect("mail");
    let counts = out.receipts.clone().expect("receipts");
    assert_eq!((counts.recognised, counts.matched), (1, 1), "{out:#?}");
    let payments = ledger.mail_receipts(None).expect("payments");
    let openai = payments
        .iter()
        .find(|p| p.vendor == "openai")
        .expect("openai receipt");
    assert_eq!(openai.receipt_no.as_deref(), Some("1408-5531"));
    assert_eq!(openai.invoice_no.as_deref(), Some("9B3D2F10-0012"));

    // The look-alike sender's PDF is refused; the scans are listed.
    let out = import_file(
        &mut ledger,
        &fixture("lookalike-openai-pdf-only.eml"),
        &opts,
    )
    .expect("look-alike");
    let counts = out.receipts.clone().expect("receipts");
    assert_eq!(counts.recognised, 0);
    assert_eq!(counts.unrecognised.len(), 1, "{out:#?}");
    assert!(counts.unrecognised[0]
        .reason
        .contains("openai-receipts.example.net"));
    for f in ["scanned-receipt.pdf", "scanned-receipt-attached.eml"] {
        let out = import_file(&mut ledger, &fixture(f), &opts).expect(f);
        let counts = out.receipts.clone().expect("receipts");
        assert_eq!((counts.recognised, counts.skipped_messages), (0, 1), "{f}");
        let notice = out
            .notices
            .iter()
            .find(|n| n.code == "pdf_skipped")
            .unwrap_or_else(|| panic!("{f}: {out:#?}"));
        assert!(
            notice.message.contains("without a text layer"),
            "{notice:?}"
        );
    }

    // Undo of the PDF's batch takes its receipt, match and product back.
    let batch = ledger
        .mail_receipts(None)
        .expect("payments")
        .iter()
        .find(|p| p.vendor == "anthropic")
        .map(|p| p.batch_id)
        .expect("batch");
    aispend_core::batches::undo(&mut ledger, batch).expect("undo");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let line = rows
        .iter()
        .find(|t| t.description == "ANTHROPIC")
        .expect("line");
    assert_eq!(line.product, product_before);
    assert!(ledger.receipts(line.id).expect("receipts").is_empty());
    assert!(ledger
        .mail_receipts(None)
        .expect("payments")
        .iter()
        .all(|p| p.vendor != "anthropic"));
}

#[test]
fn the_pdf_a_stripe_mail_carries_has_a_text_layer() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/mail/openai-api-credits-with-pdf.eml");
    let bytes = std::fs::read(path).expect("fixture");
    let pdfs = read::pdf_attachments(&bytes, pdf::MAX_PDF_BYTES);
    assert_eq!(pdfs.len(), 1);
    let text = pdf::text(&pdfs[0].1).expect("text layer");
    assert!(text.contains("OpenAI"), "{text}");
}

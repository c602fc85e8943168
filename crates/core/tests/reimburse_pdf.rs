//! The reimbursement PDF a client can pay from (issue #19): receipt images
//! placed one per page, scaled to fit and headed with their line, and the
//! report written in the user's language, Chinese text in an embedded font.
//! Checked with poppler's `pdftotext`, `pdfimages`, `pdfinfo` and `pdffonts`
//! (`scripts/install-system-deps.sh` installs poppler-utils).

use std::path::{Path, PathBuf};
use std::process::Command;

use aispend_core::i18n::Lang;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::{TxnEdit, TxnFilter};
use aispend_core::reimburse::{self, Parties, ReportRequest};
use aispend_core::Ledger;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

/// Runs a poppler tool on `pdf`; a missing tool fails with how to install it.
fn poppler(cmd: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(pdf)
        .args(if cmd == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| {
            panic!("{cmd} is not installed ({e}); run scripts/install-system-deps.sh (apt: poppler-utils)")
        });
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

struct Setup {
    dir: tempfile::TempDir,
    ledger: Ledger,
    /// ChatGPT Plus (a PNG screenshot), Midjourney (a JPEG photo), Cursor
    /// (no receipt).
    ids: [i64; 3],
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ledger = Ledger::open(&dir.path().join("ledger.sqlite")).expect("ledger");
    import_file(
        &mut ledger,
        &fixture("mail/statement/Chase7788_Activity20260101_20260131.CSV"),
        &ImportOptions::default(),
    )
    .expect("import");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let id = |text: &str| {
        rows.iter()
            .find(|t| t.description == text)
            .unwrap_or_else(|| panic!("no line {text}"))
            .id
    };
    let ids = [
        id("OPENAI *CHATGPT SUBSCR"),
        id("MIDJOURNEY INC."),
        id("CURSOR  AI POWERED IDE"),
    ];
    for (i, id) in ids.into_iter().enumerate() {
        ledger
            .edit_transaction(
                id,
                &TxnEdit {
                    tags: Some(vec!["client:Acme".into()]),
                    // A description in Chinese: the user's own note.
                    note: (i == 1).then(|| "设计稿配图".to_owned()),
                    ..TxnEdit::default()
                },
            )
            .expect("tag");
    }
    reimburse::attach_receipt(
        &mut ledger,
        ids[0],
        &fixture("receipts/receipt-screenshot.png"),
    )
    .expect("attach png");
    reimburse::attach_receipt(&mut ledger, ids[1], &fixture("receipts/receipt-photo.jpg"))
        .expect("attach jpeg");
    Setup { dir, ledger, ids }
}

fn request(lang: Lang) -> ReportRequest {
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    ReportRequest {
        client: "acme".into(),
        from: date("2026-01-01"),
        to: date("2026-01-31"),
        currency: aispend_core::money::Currency::USD,
        rates: Vec::new(),
        include_reimbursed: true,
        generated_at: chrono::DateTime::from_timestamp(1_770_000_000, 0).expect("time"),
        parties: Parties {
            sender: "梅林\n上海市徐汇区示例路 12 号".into(),
            client_address: "Acme GmbH\n1 Example Way".into(),
            payment_note: "请于 14 日内付款。IBAN DE00 0000 0000 0000 0000 00".into(),
        },
        lang,
    }
}

/// `pdftotext`'s pages (it ends each with a form feed).
fn pages(pdf: &Path) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout"], pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn keep(pdf: &Path, name: &str) {
    if let Ok(dir) = std::env::var("AISPEND_KEEP_REPORT") {
        std::fs::copy(pdf, Path::new(&dir).join(name)).expect("keep");
    }
}

#[test]
fn receipt_images_get_a_page_each_scaled_to_fit_and_headed_with_their_line() {
    let mut s = setup();
    let out = s.dir.path().join("acme.pdf");
    let w = reimburse::write_report(&s.ledger, &request(Lang::En), &out).expect("write");
    assert_eq!(w.receipts, 2);
    keep(&out, "images-en.pdf");

    let pages = pages(&out);
    assert_eq!(pages.len(), 3, "the report, then one page per image");
    let line_of = |id: i64| {
        w.report
            .lines
            .iter()
            .find(|l| l.txn_id == id)
            .expect("line")
            .number
    };
    let png_page = &pages[1];
    assert!(
        png_page.contains(&format!(
            "Receipt for line {}: 2026-01-05",
            line_of(s.ids[0])
        )),
        "{png_page}"
    );
    assert!(png_page.contains("20.00 USD"), "{png_page}");
    let jpeg_page = &pages[2];
    assert!(
        jpeg_page.contains(&format!(
            "Receipt for line {}: 2026-01-07",
            line_of(s.ids[1])
        )),
        "{jpeg_page}"
    );
    assert!(
        !pages
            .concat()
            .contains("is in the receipts ZIP beside this report"),
        "no image falls back to a note"
    );

    // Both images are in the file, at their own pixel size.
    let list = poppler("pdfimages", &["-list"], &out);
    let sizes: Vec<(String, String)> = list
        .lines()
        .skip(2)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[3].to_owned(), f[4].to_owned())
        })
        .collect();
    assert_eq!(
        sizes,
        [("390".into(), "640".into()), ("640".into(), "360".into())],
        "{list}"
    );
    // A tall screenshot on an upright page, a wide photo on a landscape one.
    let info = poppler("pdfinfo", &["-f", "1", "-l", "3"], &out);
    let info = info.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(info.contains("Page 2 size: 595.28 x 841.89"), "{info}");
    assert!(info.contains("Page 3 size: 841.89 x 595.28"), "{info}");

    // A damaged image: its page says where the file is, the report is whole.
    let bad = s.dir.path().join("broken.png");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\nnot really").expect("write");
    reimburse::attach_receipt(&mut s.ledger, s.ids[2], &bad).expect("attach");
    let out2 = s.dir.path().join("acme-2.pdf");
    reimburse::write_report(&s.ledger, &request(Lang::En), &out2).expect("write");
    let pages2 = self::pages(&out2);
    assert_eq!(pages2.len(), 4);
    assert!(
        pages2[3].contains("This receipt image could not be read"),
        "{}",
        pages2[3]
    );
    assert_eq!(
        poppler("pdfimages", &["-list"], &out2).lines().count(),
        4,
        "the two good images stay"
    );
}

#[test]
fn the_report_reads_in_chinese_with_the_cjk_font_embedded() {
    let s = setup();
    let out = s.dir.path().join("acme-zh.pdf");
    reimburse::write_report(&s.ledger, &request(Lang::ZhCn), &out).expect("write");
    keep(&out, "report-zh-CN.pdf");
    let pages = pages(&out);
    let first = &pages[0];
    for want in [
        "报销报告 R-0001",
        "发件人：梅林, 上海市徐汇区示例路 12 号",
        "客户：Acme GmbH, 1 Example Way",
        "期间：2026-01-01 至 2026-01-31",
        "无收据：1 笔（#3）",
        "日期",
        "服务商",
        "折合 USD",
        "设计稿配图",
        "小计",
        "以 USD 计费合计：净额 50.00 · 税额 0.00 · 总额 50.00 USD（3 笔）",
        "付款方式",
        "请于 14 日内付款。",
        "收据（附在本报告之后",
        // The two receipt images follow, and count.
        "第 1 页，共 3 页",
    ] {
        assert!(first.contains(want), "{want:?} not on page 1:\n{first}");
    }
    assert!(!first.contains("Reimbursement report"), "{first}");
    assert!(
        pages[1].contains("第 1 笔的收据：2026-01-05"),
        "{}",
        pages[1]
    );

    // Both fonts embedded (subset), none taken from the machine.
    let fonts = poppler("pdffonts", &[], &out);
    assert!(fonts.contains("DejaVuSansCondensed"), "{fonts}");
    assert!(fonts.contains("NotoSansCJKsc-Regular"), "{fonts}");
    for row in fonts.lines().skip(2) {
        assert!(row.contains(" yes "), "every font embedded: {row}");
    }

    // The same request in English is the English report, byte for byte the
    // same twice over.
    let en = s.dir.path().join("acme-en.pdf");
    reimburse::write_report(&s.ledger, &request(Lang::En), &en).expect("write");
    let text = self::pages(&en).concat();
    assert!(text.contains("Without a receipt: 1 line (#3)"), "{text}");
    assert!(text.contains("设计稿配图"), "user text stays as written");
    let again = s.dir.path().join("acme-en-2.pdf");
    reimburse::write_report(&s.ledger, &request(Lang::En), &again).expect("write");
    assert_eq!(
        std::fs::read(&en).expect("read"),
        std::fs::read(&again).expect("read")
    );
}

#[test]
fn every_page_counts_and_an_e_mail_receipt_is_labelled_in_the_report_language() {
    let mut s = setup();
    // The third line: an e-mail receipt and a PDF one.
    reimburse::attach_receipt(
        &mut s.ledger,
        s.ids[2],
        &fixture("mail/openai-chatgpt-plus.eml"),
    )
    .expect("attach eml");
    reimburse::attach_receipt(
        &mut s.ledger,
        s.ids[2],
        &fixture("mail/pdf/anthropic-max-receipt.pdf"),
    )
    .expect("attach pdf");

    for (lang, name, footer, labels, not) in [
        (
            Lang::ZhCn,
            "all-zh.pdf",
            "第 {page} 页，共 {pages} 页",
            ["发件人：", "主题：", "日期：2026-"],
            "Subject:",
        ),
        (
            Lang::En,
            "all-en.pdf",
            "page {page} of {pages}",
            ["From: ", "Subject: ", "Date: 2026-"],
            "主题",
        ),
    ] {
        let out = s.dir.path().join(name);
        reimburse::write_report(&s.ledger, &request(lang), &out).expect("write");
        keep(&out, name);
        let pages = pages(&out);
        let info = poppler("pdfinfo", &[], &out);
        let count: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{info}"));
        // The report, two images, the e-mail, the PDF receipt's page(s).
        assert!(count >= 5, "{info}");
        assert_eq!(pages.len(), count);
        // Every page, the appended receipts' too, says where it is in the
        // whole file.
        for (i, page) in pages.iter().enumerate() {
            let want = footer
                .replace("{page}", &(i + 1).to_string())
                .replace("{pages}", &count.to_string());
            assert!(
                page.contains(&want),
                "{want:?} not on page {}:\n{page}",
                i + 1
            );
        }
        let mail = pages
            .iter()
            .find(|p| p.contains("OpenAI") && p.contains(labels[0]) && p.contains("ChatGPT Plus"))
            .unwrap_or_else(|| panic!("no e-mail receipt page:\n{}", pages.concat()));
        for label in labels {
            assert!(
                mail.contains(label),
                "{label:?} not on the e-mail page:\n{mail}"
            );
        }
        assert!(!mail.contains(not), "{mail}");
    }
}

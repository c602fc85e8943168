//! The desktop app's read models (crates/core/src/app): keyset pages against
//! the plain listing, counts and filters, the dashboard over the sample
//! dataset, the display currency, the import preview and mapping step.

use std::path::{Path, PathBuf};

use aispend_core::app;
use aispend_core::app::import_view::{preview_file, ImportOptionsInput, PickedFile};
use aispend_core::app::mapping::{ColumnMapping, MapRole, MappedColumn};
use aispend_core::app::sample::SAMPLE_ACCOUNT;
use aispend_core::app::{AppError, TxnQuery};
use aispend_core::classify::Class;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::{TxnEdit, TxnFilter, TxnStatus};
use aispend_core::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn sample_ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().expect("ledger");
    app::sample::load_sample(&mut l, d("2026-11-24")).expect("sample");
    l
}

fn all_pages(l: &Ledger, q: &TxnQuery, size: u32) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut cursor = None;
    loop {
        let page = l.txn_page(q, cursor, size).expect("page");
        assert!(page.rows.len() <= size as usize);
        ids.extend(page.rows.iter().map(|r| r.id));
        match page.next {
            Some(c) => cursor = Some(c),
            None => return ids,
        }
    }
}

#[test]
fn pages_walk_the_same_lines_as_the_listing() {
    let l = sample_ledger();
    let listed: Vec<i64> = l
        .transactions(&TxnFilter::default())
        .expect("list")
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(listed.len() > 200, "sample has {} lines", listed.len());
    for size in [1, 7, 50, 1000] {
        assert_eq!(
            all_pages(&l, &TxnQuery::default(), size),
            listed,
            "page size {size}"
        );
    }
    assert_eq!(
        l.txn_count(&TxnQuery::default()).expect("count"),
        listed.len() as u64
    );
}

#[test]
fn a_seek_lands_on_the_same_line_as_paging_there() {
    let l = sample_ledger();
    let listed = all_pages(&l, &TxnQuery::default(), 1000);
    assert_eq!(l.txn_seek(&TxnQuery::default(), 0).expect("seek"), None);
    for position in [1usize, 7, 100, listed.len() - 1] {
        let cursor = l
            .txn_seek(&TxnQuery::default(), position as u64)
            .expect("seek");
        let page = l.txn_page(&TxnQuery::default(), cursor, 3).expect("page");
        assert_eq!(page.rows[0].id, listed[position], "position {position}");
    }
    assert_eq!(
        l.txn_seek(&TxnQuery::default(), listed.len() as u64 + 1)
            .expect("seek"),
        None
    );
    let q = TxnQuery {
        class: Some(Class::AiSubscription),
        ..TxnQuery::default()
    };
    let subs = all_pages(&l, &q, 1000);
    let cursor = l.txn_seek(&q, 10).expect("seek");
    assert_eq!(
        l.txn_page(&q, cursor, 1).expect("page").rows[0].id,
        subs[10]
    );
}

#[test]
fn filters_narrow_pages_and_counts_alike() {
    let l = sample_ledger();
    let q = TxnQuery {
        class: Some(Class::AiSubscription),
        ..TxnQuery::default()
    };
    let ids = all_pages(&l, &q, 10);
    assert_eq!(l.txn_count(&q).expect("count"), ids.len() as u64);
    // 4 monthly plans over 12 months.
    assert!(
        (44..=52).contains(&ids.len()),
        "{} subscription lines",
        ids.len()
    );
    for id in &ids {
        assert_eq!(
            l.transaction(*id).expect("row").class.map(Class::as_str),
            Some("ai-subscription")
        );
    }

    let text = TxnQuery {
        text: Some("chatgpt".into()),
        ..TxnQuery::default()
    };
    let rows = l.txn_page(&text, None, 100).expect("page").rows;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.description.contains("CHATGPT")));

    // LIKE wildcards in the text are taken literally.
    let wild = TxnQuery {
        text: Some("%".into()),
        ..TxnQuery::default()
    };
    assert_eq!(l.txn_count(&wild).expect("count"), 0);

    let dated = TxnQuery {
        from: Some(d("2026-10-01")),
        to: Some(d("2026-10-31")),
        vendor: Some("openai".into()),
        ..TxnQuery::default()
    };
    for r in l.txn_page(&dated, None, 100).expect("page").rows {
        assert!(r.date >= d("2026-10-01") && r.date <= d("2026-10-31"));
        assert_eq!(r.vendor.as_deref(), Some("openai"));
    }
    let pending = TxnQuery {
        status: Some(TxnStatus::Pending),
        ..TxnQuery::default()
    };
    assert_eq!(l.txn_count(&pending).expect("count"), 0);
}

#[test]
fn an_edit_moves_a_line_between_class_filters() {
    let mut l = sample_ledger();
    let everyday = TxnQuery {
        class: Some(Class::Everyday),
        ..TxnQuery::default()
    };
    let before = l.txn_count(&everyday).expect("count");
    let id = l.txn_page(&everyday, None, 1).expect("page").rows[0].id;
    l.edit_transaction(
        id,
        &TxnEdit {
            class: Some("ai-api".into()),
            vendor: Some("openai".into()),
            ..TxnEdit::default()
        },
    )
    .expect("edit");
    assert_eq!(l.txn_count(&everyday).expect("count"), before - 1);
}

#[test]
fn facets_name_each_vendor_as_the_catalog_does() {
    let mut l = sample_ledger();
    let f = l.txn_facets().expect("facets");
    assert!(f.vendors.contains(&"openai".to_string()), "{:?}", f.vendors);
    assert_eq!(
        f.vendor_names.get("openai").map(String::as_str),
        Some("OpenAI")
    );
    assert_eq!(
        f.vendor_names.get("anthropic").map(String::as_str),
        Some("Anthropic")
    );
    for v in &f.vendors {
        assert!(f.vendor_names.contains_key(v), "no name for {v}");
    }
    // A vendor the catalog does not know is shown by its id.
    let id = l
        .txn_page(&TxnQuery::default(), None, 1)
        .expect("page")
        .rows[0]
        .id;
    l.edit_transaction(
        id,
        &TxnEdit {
            class: Some("ai-api".into()),
            vendor: Some("acme-llm".into()),
            ..TxnEdit::default()
        },
    )
    .expect("edit");
    let f = l.txn_facets().expect("facets");
    assert_eq!(
        f.vendor_names.get("acme-llm").map(String::as_str),
        Some("acme-llm")
    );
}

#[test]
fn the_dashboard_adds_up_the_sample_year() {
    let l = sample_ledger();
    let dash = app::dashboard::dashboard(&l, d("2026-11-24")).expect("dashboard");
    assert_eq!(dash.currency.as_deref(), Some("USD"));
    assert_eq!(dash.month, "2026-11");
    assert_eq!(dash.trend.len(), 12);
    assert_eq!(dash.trend[0].month, "2025-12");
    assert_eq!(dash.trend[11].month, "2026-11");
    // November: ChatGPT (3rd), Claude (12th), Copilot (18th), Midjourney
    // (22nd) = 60.00 of AI subscriptions, and no API top-up (odd month).
    let subs = &dash.this_month[0];
    assert_eq!(subs.class, Class::AiSubscription);
    assert_eq!(subs.spent, dec("60.00"));
    assert_eq!(subs.count, 4);
    assert_eq!(dash.this_month[1].class, Class::AiApi);
    assert_eq!(dash.this_month[1].spent, Decimal::ZERO);
    // The trend's last month is this month.
    assert_eq!(dash.trend[11].ai_subscription, dec("60.00"));
    // October has a top-up (even month).
    assert!(dash.trend[10].ai_api > Decimal::ZERO);
    let share = dash.ai_share.expect("share");
    assert!(
        share > Decimal::ZERO && share < Decimal::ONE,
        "share {share}"
    );
    assert!(!dash.top_vendors.is_empty() && dash.top_vendors.len() <= 5);
    assert!(dash
        .top_vendors
        .windows(2)
        .all(|w| w[0].spent >= w[1].spent));
    assert!(
        dash.top_vendors.iter().any(|v| v.name == "OpenAI"),
        "{:?}",
        dash.top_vendors
    );
    // Every monthly plan renews within 30 days.
    assert!(dash.renewals.len() >= 3, "{:?}", dash.renewals);
    assert!(dash
        .renewals
        .iter()
        .all(|r| r.next_renewal >= d("2026-11-24") && r.next_renewal <= d("2026-12-24")));
    assert!(dash.other_currencies.is_empty());
}

#[test]
fn the_sample_is_offered_once_and_removed_whole() {
    let mut l = sample_ledger();
    let o = l.overview().expect("overview");
    assert!(o.sample_loaded);
    assert!(o.transactions > 200);
    assert!(matches!(
        app::sample::load_sample(&mut l, d("2026-11-24")),
        Err(AppError::SampleLoaded)
    ));
    let accounts = l.settings().expect("settings").accounts;
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].name, SAMPLE_ACCOUNT);
    let removed = app::sample::remove_sample(&mut l).expect("remove");
    assert_eq!(removed, o.transactions);
    let o = l.overview().expect("overview");
    assert!(!o.sample_loaded);
    assert_eq!(o.transactions, 0);
    assert_eq!(
        app::dashboard::dashboard(&l, d("2026-11-24"))
            .expect("dash")
            .currency,
        None
    );

    // Not over the user's own lines.
    import_file(
        &mut l,
        &fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV"),
        &ImportOptions::default(),
    )
    .expect("import");
    assert!(matches!(
        app::sample::load_sample(&mut l, d("2026-11-24")),
        Err(AppError::NotEmpty)
    ));
}

#[test]
fn the_display_currency_is_the_users_choice_or_the_main_one() {
    let mut l = sample_ledger();
    assert_eq!(l.settings().expect("s").currency.as_deref(), Some("USD"));
    assert!(!l.settings().expect("s").currency_chosen);
    app::settings::set_display_currency(&mut l, Some("eur")).expect("set");
    let s = l.settings().expect("s");
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert!(s.currency_chosen);
    let dash = app::dashboard::dashboard(&l, d("2026-11-24")).expect("dash");
    assert_eq!(dash.this_month[0].spent, Decimal::ZERO);
    assert_eq!(dash.other_currencies, vec!["USD".to_owned()]);
    assert!(matches!(
        app::settings::set_display_currency(&mut l, Some("euro")),
        Err(AppError::BadCurrency(_))
    ));
    app::settings::set_display_currency(&mut l, None).expect("clear");
    assert_eq!(l.settings().expect("s").currency.as_deref(), Some("USD"));
}

#[test]
fn preview_counts_without_writing_and_offers_a_mapping_for_unknown_csv() {
    let mut l = Ledger::open_in_memory().expect("ledger");
    let chase = fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV");
    let picked = PickedFile {
        token: "t1".into(),
        name: "statement.csv".into(),
        size: 0,
    };
    let p = preview_file(&mut l, &picked, &chase, &ImportOptionsInput::default()).expect("p");
    assert_eq!(p.format.as_deref(), Some("chase-card-csv"));
    assert_eq!(p.added, 18);
    assert!(p.error.is_none() && p.mapping.is_none());
    assert_eq!(
        l.transaction_count().expect("n"),
        0,
        "a preview wrote lines"
    );

    let mapped = std::fs::read_dir(fixture("mapped"))
        .expect("mapped fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .expect("a mapped fixture");
    let p = preview_file(&mut l, &picked, &mapped, &ImportOptionsInput::default()).expect("p");
    let err = p.error.expect("an unknown CSV is refused");
    assert_eq!(err.code, "unknown-format", "{}", err.message);
    let m = p.mapping.expect("a mapping step");
    assert!(m.header.len() >= 3, "{:?}", m.header);
    assert!(!m.sample.is_empty());
    assert!(m.fields.iter().any(|f| f == "date"));

    let bad = ImportOptionsInput {
        // A typed mapping that names no description or amount column.
        mapping: Some(ColumnMapping {
            columns: vec![MappedColumn {
                role: MapRole::Date,
                column: "Date".into(),
            }],
        }),
        ..ImportOptionsInput::default()
    };
    let p = preview_file(&mut l, &picked, &mapped, &bad).expect("p");
    assert_eq!(p.error.expect("bad mapping").code, "bad-mapping");
}

#[test]
fn restore_brings_back_a_backup_and_keeps_the_replaced_content() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ledger.sqlite");
    let mut l = Ledger::open(&path).expect("open");
    import_file(
        &mut l,
        &fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV"),
        &ImportOptions::default(),
    )
    .expect("import");
    let backup = dir.path().join("backup.sqlite");
    l.backup_to(&backup).expect("backup");
    let before = l.transaction_count().expect("n");
    app::sample::load_sample(&mut l, d("2026-11-24")).err(); // refused: not empty
    let batch = aispend_core::batches::history(&l).expect("batches")[0].batch_id;
    aispend_core::batches::undo(&mut l, batch).expect("undo");
    assert_eq!(l.transaction_count().expect("n"), 0);

    let safety = l.restore_from(&backup).expect("restore");
    assert_eq!(l.transaction_count().expect("n"), before);
    let kept = Ledger::open(&safety).expect("safety copy opens");
    assert_eq!(kept.transaction_count().expect("n"), 0);

    // Not a ledger: refused, nothing changes.
    let junk = dir.path().join("notes.sqlite");
    std::fs::write(&junk, b"just some text, not a database").expect("write");
    let err = l.restore_from(&junk).expect_err("junk refused");
    assert!(
        err.to_string().contains("not an AI Spend ledger backup"),
        "{err}"
    );
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x)"))
        .expect("empty db");
    assert!(l.restore_from(&empty).is_err());
    assert_eq!(l.transaction_count().expect("n"), before);
}

#[test]
fn the_external_version_moves_on_another_programs_write_only() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ledger.sqlite");
    let mut app = Ledger::open(&path).expect("open");
    let seen = app.external_version().expect("version");
    // The app's own writes leave it as it is.
    import_file(
        &mut app,
        &fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV"),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_eq!(app.external_version().expect("version"), seen);
    // The CLI (another connection) undoes that import: the app sees a change.
    let mut cli = Ledger::open(&path).expect("second connection");
    let batch = aispend_core::batches::history(&cli).expect("batches")[0].batch_id;
    aispend_core::batches::undo(&mut cli, batch).expect("undo");
    drop(cli);
    let now = app.external_version().expect("version");
    assert_ne!(now, seen, "another connection's write went unnoticed");
    assert_eq!(
        app.external_version().expect("version"),
        now,
        "no new write, same version"
    );
}

/// The line detail panel: the statement's fields, the original amount's
/// rate, the import it came from, receipts (attach, see, open, remove) and
/// the refund pairing and case links it is part of.
#[test]
fn the_line_detail_panel_shows_everything_the_ledger_knows_of_a_line() {
    use aispend_core::app::line_detail::{self, RefundRole};
    use aispend_core::cases::{self, CaseStatus, LocalZone, NewCase};

    let dir = tempfile::tempdir().expect("temp dir");
    let mut l = Ledger::open(&dir.path().join("ledger.sqlite")).expect("open");
    let card = fixture("cmb/招商银行信用卡对账单_2026年01月.csv");
    import_file(&mut l, &card, &ImportOptions::default()).expect("import cmb");
    let all = l.transactions(&TxnFilter::default()).expect("txns");
    let claude = all
        .iter()
        .find(|t| t.description.contains("ANTHROPIC") && t.original_amount.is_some())
        .expect("the Anthropic line in USD");

    let detail = line_detail::line_detail(&l, claude.id).expect("detail");
    assert_eq!(detail.row.id, claude.id);
    // -72.60 CNY for -10.00 USD.
    assert_eq!(detail.rate.as_deref(), Some("7.26"));
    let batch = detail.batch.expect("its import");
    assert_eq!(batch.id, claude.batch_id);
    assert_eq!(batch.file, "招商银行信用卡对账单_2026年01月.csv");
    assert!(!batch.undone);
    assert!(detail.row.decided_by.is_some(), "the panel says why");
    assert!(detail.receipts.is_empty() && detail.cases.is_empty() && detail.refunds.is_empty());

    // A PNG and a PDF receipt; the PNG has a thumbnail, both open.
    let png = dir.path().join("claude-receipt.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n fake png body").expect("write png");
    let pdf = dir.path().join("Invoice-0042.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 fake").expect("write pdf");
    let detail =
        line_detail::line_attach_receipts(&mut l, claude.id, &[png.clone(), pdf]).expect("attach");
    let names: Vec<&str> = detail
        .receipts
        .iter()
        .map(|r| r.file_name.as_str())
        .collect();
    assert_eq!(names, ["claude-receipt.png", "Invoice-0042.pdf"]);
    assert_eq!(detail.receipts[0].media_type, "image/png");
    assert!(detail.receipts[0].has_thumbnail && !detail.receipts[1].has_thumbnail);
    let thumb = line_detail::receipt_thumbnail(&l, claude.id, detail.receipts[0].id)
        .expect("thumbnail")
        .expect("an image");
    assert!(thumb.starts_with("data:image/png;base64,"), "{thumb}");
    let stored = line_detail::receipt_file(&l, claude.id, detail.receipts[1].id).expect("file");
    assert_eq!(std::fs::read(&stored).expect("read"), b"%PDF-1.4 fake");

    // A changed stored copy is refused, never shown.
    std::fs::write(&stored, b"%PDF-1.4 tampered").expect("tamper");
    let e = line_detail::receipt_file(&l, claude.id, detail.receipts[1].id).expect_err("damaged");
    assert!(e.message.contains("missing or changed"), "{}", e.message);

    // Another line's receipt id is not this line's.
    let other = all
        .iter()
        .find(|t| t.id != claude.id)
        .expect("another line");
    let e = line_detail::line_remove_receipt(&mut l, other.id, detail.receipts[0].id)
        .expect_err("not its receipt");
    assert_eq!(e.code, app::ErrorCode::NotFound);
    let detail =
        line_detail::line_remove_receipt(&mut l, claude.id, detail.receipts[0].id).expect("remove");
    assert_eq!(detail.receipts.len(), 1);

    // A case about the line shows on it, closed or open.
    let now = chrono::DateTime::parse_from_rfc3339("2026-02-01T10:00:00Z")
        .expect("instant")
        .with_timezone(&chrono::Utc);
    let case = cases::create(
        &mut l,
        &NewCase {
            title: Some("Claude top-up".into()),
            provider: None,
            facts: aispend_core::topup::Facts::new(),
            zone: LocalZone::system(now),
        },
        now,
    )
    .expect("case");
    cases::link_txn(&mut l, case, claude.id, now).expect("link");
    cases::set_status(&mut l, case, CaseStatus::Closed, now).expect("close");
    let detail = line_detail::line_detail(&l, claude.id).expect("detail");
    assert_eq!(detail.cases.len(), 1);
    assert_eq!(
        (detail.cases[0].id, detail.cases[0].status),
        (case, CaseStatus::Closed)
    );

    // Alipay: a refund names its purchase and the purchase its refund.
    import_file(
        &mut l,
        &fixture("alipay/alipay_record_20260401_083012.csv"),
        &ImportOptions::default(),
    )
    .expect("import alipay");
    let link = l.refund_links().expect("links").remove(0);
    let refund = line_detail::line_detail(&l, link.refund_id).expect("refund");
    assert_eq!(refund.refunds.len(), 1);
    assert_eq!(refund.refunds[0].role, RefundRole::RefundOf);
    assert_eq!(refund.refunds[0].other.id, link.purchase_id);
    assert_eq!(refund.refunds[0].matched_by, "order id");
    let purchase = line_detail::line_detail(&l, link.purchase_id).expect("purchase");
    assert_eq!(purchase.refunds[0].role, RefundRole::RefundedBy);
    assert_eq!(purchase.refunds[0].other.id, link.refund_id);

    let e = line_detail::line_detail(&l, 999_999).expect_err("no such line");
    assert_eq!(e.code, app::ErrorCode::NotFound);
}

/// The import preview shows the lines it would add, the ones it would skip
/// with the ledger line each duplicates, and the rows it would leave out
/// with their reasons; nothing is written.
#[test]
fn the_import_preview_lists_new_duplicate_and_rejected_lines() {
    use aispend_core::import::DuplicateOf;

    let dir = tempfile::tempdir().expect("temp dir");
    let mut l = Ledger::open(&dir.path().join("ledger.sqlite")).expect("open");
    let jan = fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV");
    import_file(&mut l, &jan, &ImportOptions::default()).expect("import");
    let before = l.transaction_count().expect("n");

    // The same statement with one new line on top.
    let text = std::fs::read_to_string(&jan).expect("read");
    let (header, rest) = text.split_once('\n').expect("a header");
    let grown = dir.path().join("Chase1234_grown.CSV");
    std::fs::write(
        &grown,
        format!("{header}\n1234,02/02/2026,02/03/2026,CURSOR USAGE MID FEB,Shopping,Sale,-7.13,\n{rest}"),
    )
    .expect("write");
    let picked = PickedFile {
        token: "t1".into(),
        name: "Chase1234_grown.CSV".into(),
        size: 0,
    };
    let p = preview_file(&mut l, &picked, &grown, &ImportOptionsInput::default()).expect("p");
    assert!(p.error.is_none(), "{:?}", p.error);
    assert_eq!((p.added, p.duplicates), (1, before));
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].description, "CURSOR USAGE MID FEB");
    assert_eq!(p.lines[0].amount, dec("-7.13"));
    assert_eq!(p.lines[0].line, 2);
    assert_eq!(p.duplicate_lines.len() as u64, before);
    for dup in &p.duplicate_lines {
        match &dup.of {
            DuplicateOf::Ledger { txn } => {
                assert_eq!(txn.description, dup.line.description);
                assert_eq!(txn.amount, dup.line.amount);
                assert_eq!(txn.date, dup.line.date);
            }
            other => panic!("line {}: {other:?}", dup.line.line),
        }
    }
    assert_eq!(
        l.transaction_count().expect("n"),
        before,
        "a preview wrote lines"
    );

    // Unreadable rows: refused by default, listed when left out.
    let bad = fixture("bad/bmo_unreadable_amount.csv");
    let p = preview_file(&mut l, &picked, &bad, &ImportOptionsInput::default()).expect("p");
    assert!(p.error.is_some() && p.rejects.is_empty());
    let skip = ImportOptionsInput {
        skip_bad_rows: true,
        ..ImportOptionsInput::default()
    };
    let p = preview_file(&mut l, &picked, &bad, &skip).expect("p");
    assert!(p.error.is_none(), "{:?}", p.error);
    assert!(!p.rejects.is_empty());
    assert_eq!(p.rejected, p.rejects.len() as u64);
    assert!(
        p.rejects.iter().all(|r| r.line > 1 && !r.reason.is_empty()),
        "{:?}",
        p.rejects
    );
    assert_eq!(p.lines.len() as u64, p.added);
    assert_eq!(l.transaction_count().expect("n"), before);
}

/// A mailbox previews as its receipts: how many were recognised, and the
/// look-alike sender that is not trusted, with why; nothing is written.
#[test]
fn a_mailbox_previews_its_receipts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut l = Ledger::open(&dir.path().join("ledger.sqlite")).expect("open");
    let picked = PickedFile {
        token: "m".into(),
        name: "mixed.mbox".into(),
        size: 0,
    };
    let mbox = fixture("mail/mixed.mbox");
    let p = preview_file(&mut l, &picked, &mbox, &ImportOptionsInput::default()).expect("p");
    assert!(p.error.is_none(), "{:?}", p.error);
    let r = p.receipts.expect("receipt counts");
    assert_eq!(r.recognised, 7);
    assert_eq!(r.skipped_messages, 2);
    assert_eq!(r.unrecognised.len(), 1);
    assert!(
        r.unrecognised[0].reason.contains("look-alike"),
        "{}",
        r.unrecognised[0].reason
    );
    assert!(
        aispend_core::batches::history(&l)
            .expect("history")
            .is_empty(),
        "a preview wrote a batch"
    );
}

#[test]
fn an_ids_filter_shows_exactly_those_lines_in_pages_counts_and_seeks() {
    let l = sample_ledger();
    let listed = all_pages(&l, &TxnQuery::default(), 1000);
    // Five lines from across the ledger, given out of order, one unknown.
    let mut want = vec![listed[40], listed[3], listed[200], listed[0], listed[120]];
    let q = TxnQuery {
        ids: Some(vec![
            want[0],
            want[1],
            want[2],
            want[3],
            want[4],
            999_999_999,
        ]),
        ..TxnQuery::default()
    };
    let got = all_pages(&l, &q, 2);
    // In the view's order, which is the listing's.
    want.sort_by_key(|id| listed.iter().position(|x| x == id));
    assert_eq!(got, want);
    assert_eq!(l.txn_count(&q).expect("count"), 5);
    let cursor = l.txn_seek(&q, 3).expect("seek");
    assert_eq!(l.txn_page(&q, cursor, 1).expect("page").rows[0].id, want[3]);
    // Within the other filters; an empty list matches nothing.
    let subs = TxnQuery {
        class: Some(Class::AiSubscription),
        ..q.clone()
    };
    for id in all_pages(&l, &subs, 10) {
        assert!(want.contains(&id));
    }
    let none = TxnQuery {
        ids: Some(Vec::new()),
        ..TxnQuery::default()
    };
    assert_eq!(l.txn_count(&none).expect("count"), 0);
    assert!(all_pages(&l, &none, 10).is_empty());
}

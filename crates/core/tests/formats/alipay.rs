use crate::{import, lines};
use aispend_core::classify::Class;
use aispend_core::import::ImportOptions;

#[test]
fn alipay_gb18030_with_preamble() {
    insta::assert_snapshot!(lines("alipay/alipay_record_20260301_091252.csv"));
}

#[test]
fn alipay_order_numbers_dedupe_a_re_import() {
    let (mut ledger, first) = import(
        "alipay/alipay_record_20260301_091252.csv",
        &ImportOptions::default(),
    );
    assert_eq!(first.added, 7);
    let again = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture("alipay/alipay_record_20260301_091252.csv"),
        &ImportOptions::default(),
    )
    .expect("re-import");
    assert_eq!((again.added, again.duplicates), (0, 7));
}

const MARCH: &str = "alipay/alipay_record_20260401_083012.csv";
const APRIL: &str = "alipay/alipay_record_20260501_090000.csv";

/// Net per (class, currency) over all time, as the summary gives it.
fn totals(ledger: &aispend_core::Ledger) -> Vec<(String, String, String)> {
    let s = aispend_core::reports::summary(ledger, aispend_core::reports::Period::default())
        .expect("summary");
    assert_eq!(
        ledger.rollup_differences().expect("rollup"),
        Vec::<String>::new()
    );
    s.totals
        .into_iter()
        .map(|t| (t.class, t.currency, t.amount.to_string()))
        .collect()
}

fn codes(out: &aispend_core::import::ImportOutcome) -> Vec<&'static str> {
    out.notices.iter().map(|n| n.code).collect()
}

fn statuses(ledger: &aispend_core::Ledger) -> Vec<String> {
    let mut rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    rows.sort_by_key(|r| r.id);
    rows.iter()
        .map(|r| format!("{} {} {}", r.description, r.amount, r.status.as_str()))
        .collect()
}

#[test]
fn alipay_refunds_and_closed_trades_snapshot() {
    insta::assert_snapshot!(lines(MARCH));
}

/// Issue #16: a closed purchase (交易关闭) and its 退款成功 line net to
/// nothing, a refunded ChatGPT Plus is not +145 income, a partial refund
/// nets in its purchase's class, and a refund that shares its purchase's
/// order id is kept (it used to vanish as a duplicate).
#[test]
fn alipay_refunds_net_against_their_purchases() {
    let (ledger, out) = import(MARCH, &ImportOptions::default());
    assert_eq!((out.added, out.duplicates), (11, 0));
    assert_eq!(codes(&out), ["reused_source_ids", "refunds_paired"]);
    let reused = &out.notices[0];
    assert_eq!((reused.count, reused.lines.clone()), (1, vec![33]));
    let paired = &out.notices[1];
    assert_eq!(paired.count, 4);
    assert!(
        paired.message.contains("3 gave the whole purchase back"),
        "{}",
        paired.message
    );
    // -118 + 39 (book, partly refunded) - 32 (coffee) - 100 (cloud, refunded
    // next month) + 200 (transfer in); the earbuds, the film and ChatGPT
    // Plus were refunded in full.
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "-11.00".into())]
    );
    let links = ledger.refund_links().expect("links");
    let how: Vec<&str> = links.iter().map(|l| l.matched_by.as_str()).collect();
    assert_eq!(how, ["order id"; 4]);
    let rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    let book_refund = rows
        .iter()
        .find(|r| r.details.goods.as_deref() == Some("退款-技术书籍"))
        .expect("book refund");
    assert_eq!(book_refund.status.as_str(), "posted");
    let book = rows
        .iter()
        .find(|r| r.details.goods.as_deref() == Some("技术书籍"))
        .expect("book");
    assert_eq!(
        book_refund.class_source.as_deref(),
        Some(&*format!("refund:{}", book.id))
    );
    for memo in [
        "ChatGPT Plus Subscription",
        "退款-ChatGPT Plus Subscription",
        "电影票",
        "退款-电影票",
    ] {
        let r = rows
            .iter()
            .find(|r| r.details.goods.as_deref() == Some(memo))
            .expect(memo);
        assert_eq!(r.status.as_str(), "reverted", "{memo}");
    }
}

/// A refund imported with next month's bill pairs with the purchase already
/// in the ledger; undoing either bill puts the other back as its own file
/// says, and importing it again pairs them again.
#[test]
fn alipay_refund_in_a_later_bill_pairs_and_undo_restores() {
    let (mut ledger, _) = import(MARCH, &ImportOptions::default());
    let march = statuses(&ledger);
    let april = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture(APRIL),
        &ImportOptions::default(),
    )
    .expect("april");
    assert_eq!(codes(&april), ["refunds_paired"]);
    // The cloud purchase (-100) and its refund are reverted; April's coffee.
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "61.00".into())]
    );
    assert!(statuses(&ledger).contains(&"某某云计算 -100.00 reverted".to_owned()));

    aispend_core::batches::undo(&mut ledger, april.batch_id.expect("batch")).expect("undo april");
    assert_eq!(statuses(&ledger), march);
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "-11.00".into())]
    );

    let again = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture(APRIL),
        &ImportOptions::default(),
    )
    .expect("april again");
    assert_eq!((again.added, again.duplicates), (2, 0));
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "61.00".into())]
    );

    // Undo March: April's refund stands alone, money in, by its own class.
    let first = aispend_core::batches::history(&ledger).expect("batches");
    let march_batch = first.iter().map(|b| b.batch_id).min().expect("march");
    aispend_core::batches::undo(&mut ledger, march_batch).expect("undo march");
    assert_eq!(
        statuses(&ledger),
        ["街角咖啡 -28.00 posted", "某某云计算 100.00 posted"]
    );
    let rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    assert!(rows
        .iter()
        .all(|r| r.class_source.as_deref() == Some("default")));
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "72.00".into())]
    );
    assert!(ledger.refund_links().expect("links").is_empty());

    // March again: the purchase arrives after its refund and pairs with it.
    let back = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture(MARCH),
        &ImportOptions::default(),
    )
    .expect("march again");
    assert_eq!((back.added, back.duplicates), (11, 0));
    assert_eq!(ledger.refund_links().expect("links").len(), 5);
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "61.00".into())]
    );
}

/// A dry run counts what the import adds, re-used ids included; a second
/// import of the same bill adds nothing.
#[test]
fn alipay_dry_run_and_re_import_count_the_same() {
    let (mut ledger, dry) = import(
        MARCH,
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!((dry.added, dry.duplicates), (11, 0));
    assert_eq!(codes(&dry), ["reused_source_ids"]);
    let real = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture(MARCH),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_eq!((real.added, real.duplicates), (dry.added, dry.duplicates));
    let again_dry = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture(MARCH),
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .expect("dry again");
    let again = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture(MARCH),
        &ImportOptions::default(),
    )
    .expect("again");
    assert_eq!((again_dry.added, again_dry.duplicates), (0, 11));
    assert_eq!((again.added, again.duplicates), (0, 11));
}

/// A partial refund of an AI plan nets inside the plan's class and vendor,
/// and follows the purchase when a rule re-classifies it; a refund whose
/// order is not in the ledger is money in, classed by its own merchant.
#[test]
fn alipay_ai_refunds_follow_their_purchase() {
    let (mut ledger, out) = import(
        "realworld/alipay-csv/refunds-closed-partial-unmatched.csv",
        &ImportOptions::default(),
    );
    assert_eq!(codes(&out), ["refunds_paired", "unmatched_refunds"]);
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "-126.20".into())]
    );
    // The same bill's partly refunded purchase, moved to another class by a
    // rule: its refund follows, so the class still nets.
    let change = ledger
        .add_rule(aispend_core::classify::NewRule {
            field: aispend_core::classify::MatchField::Description,
            kind: aispend_core::classify::MatchKind::Contains,
            pattern: "某某旗舰店".into(),
            min_amount: None,
            max_amount: None,
            account: None,
            currency: None,
            class: aispend_core::classify::Class::AiApi,
            vendor: Some("shop".into()),
            product: None,
            tags: Vec::new(),
            priority: 0,
        })
        .expect("rule");
    assert_eq!(change.reclassified, 2);
    assert_eq!(
        totals(&ledger),
        [
            ("ai-api".into(), "CNY".into(), "-113.00".into()),
            ("everyday".into(), "CNY".into(), "-13.20".into())
        ]
    );
    let rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    let refund = rows
        .iter()
        .find(|r| r.details.goods.as_deref() == Some("退款-保温杯(少发一只)"))
        .expect("refund");
    assert_eq!(
        (refund.class.map(Class::as_str), refund.vendor.as_deref()),
        (Some("ai-api"), Some("shop"))
    );
}

/// A ChatGPT Plus purchase partly refunded nets inside its AI class (not as
/// everyday income); a refund whose order is not in the ledger is money in,
/// classified by its own merchant (an AI line too).
#[test]
fn alipay_partial_refund_of_an_ai_plan_nets_in_its_class() {
    let (ledger, out) = import(
        "alipay/alipay_record_20260601_080000.csv",
        &ImportOptions::default(),
    );
    assert_eq!(codes(&out), ["refunds_paired", "unmatched_refunds"]);
    let mut rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    rows.sort_by_key(|r| r.id);
    let (credits, refund, plan) = (&rows[0], &rows[1], &rows[2]);
    assert_eq!(refund.class, plan.class);
    assert_eq!(refund.vendor.as_deref(), Some("openai"));
    assert_eq!(refund.status.as_str(), "posted");
    let ai = |c: &Option<Class>| c.map(Class::as_str).is_some_and(|c| c.starts_with("ai-"));
    assert!(ai(&plan.class), "{:?}", plan.class);
    assert!(ai(&credits.class), "{:?}", credits.class);
    assert_eq!(credits.class_source.as_deref(), Some("catalog"));
    // -145 + 45 + 50, all of it AI, none of it everyday income.
    let t = totals(&ledger);
    assert!(
        t.iter().all(|(class, _, _)| class.starts_with("ai-")),
        "{t:?}"
    );
    let net: rust_decimal::Decimal = t
        .iter()
        .map(|(_, _, a)| a.parse::<rust_decimal::Decimal>().expect("amount"))
        .sum();
    assert_eq!(net.to_string(), "-50.00");
}

/// A client's reimbursement nets a partial refund of a purchase tagged for
/// the client, and leaves out a purchase refunded in full.
#[test]
fn alipay_reimbursement_nets_the_refund_of_a_tagged_purchase() {
    use aispend_core::ledger::TxnEdit;
    let (mut ledger, _) = import(MARCH, &ImportOptions::default());
    let rows = ledger
        .transactions(&aispend_core::ledger::TxnFilter::default())
        .expect("txns");
    for memo in ["技术书籍", "电影票"] {
        let id = rows
            .iter()
            .find(|r| r.details.goods.as_deref() == Some(memo))
            .expect(memo)
            .id;
        ledger
            .edit_transaction(
                id,
                &TxnEdit {
                    tags: Some(vec!["client:acme".into()]),
                    ..TxnEdit::default()
                },
            )
            .expect("tag");
    }
    let date = |d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
    let report = aispend_core::reimburse::build_report(
        &ledger,
        &aispend_core::reimburse::ReportRequest {
            client: "acme".into(),
            from: date("2026-03-01"),
            to: date("2026-03-31"),
            currency: aispend_core::money::Currency::CNY,
            rates: Vec::new(),
            include_reimbursed: true,
            generated_at: chrono::DateTime::from_timestamp(1_775_000_000, 0).expect("time"),
            parties: Default::default(),
            lang: aispend_core::i18n::Lang::En,
        },
    )
    .expect("report");
    let owed: Vec<String> = report.lines.iter().map(|l| l.owed.to_string()).collect();
    assert_eq!(owed, ["118.00", "-39.00"]);
    assert_eq!(report.total_converted.to_string(), "79.00");
}

use crate::lines;

#[test]
fn wechat_pay_with_preamble_and_neutral_lines() {
    insta::assert_snapshot!(lines("wechat/微信支付账单(20260201-20260228).csv"));
}

use aispend_core::import::{import_file, ImportOptions, ImportOutcome};
use aispend_core::ledger::TxnFilter;

const MARCH: &str = "wechat/微信支付账单(20260301-20260331).csv";
const APRIL: &str = "wechat/微信支付账单(20260401-20260430).csv";

fn totals(ledger: &aispend_core::Ledger) -> Vec<(String, String, String)> {
    assert_eq!(
        ledger.rollup_differences().expect("rollup"),
        Vec::<String>::new()
    );
    aispend_core::reports::summary(ledger, aispend_core::reports::Period::default())
        .expect("summary")
        .totals
        .into_iter()
        .map(|t| (t.class, t.currency, t.amount.to_string()))
        .collect()
}

fn codes(out: &ImportOutcome) -> Vec<&'static str> {
    out.notices.iter().map(|n| n.code).collect()
}

fn status_of(ledger: &aispend_core::Ledger, description: &str, amount: &str) -> String {
    ledger
        .transactions(&TxnFilter::default())
        .expect("txns")
        .into_iter()
        .find(|r| r.description == description && r.amount.to_string() == amount)
        .map(|r| r.status.as_str().to_owned())
        .unwrap_or_else(|| panic!("no line {description} {amount}"))
}

#[test]
fn wechat_pay_refunds_snapshot() {
    insta::assert_snapshot!(lines(MARCH));
}

/// Issue #16: a purchase refunded in full (已全额退款) and its `…-退款` line
/// net to nothing; a partial refund (已退款(￥12.00)) nets against its
/// purchase; a refund whose purchase is not in the ledger counts as money
/// in and is named.
#[test]
fn wechat_pay_refunds_net_against_their_purchases() {
    let (ledger, out) = crate::import(MARCH, &ImportOptions::default());
    assert_eq!((out.added, out.duplicates), (8, 0));
    assert_eq!(codes(&out), ["refunds_paired", "unmatched_refunds"]);
    assert_eq!(out.notices[1].lines, vec![20]);
    // -42.50 + 12.00 - 25.90 + 66.00 + 8.00 (the unmatched taxi refund)
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "17.60".into())]
    );
    assert_eq!(status_of(&ledger, "某某AI", "68.00"), "reverted");
    assert_eq!(status_of(&ledger, "某某AI", "-68.00"), "reverted");
    assert_eq!(status_of(&ledger, "某某外卖", "12.00"), "posted");
    assert_eq!(status_of(&ledger, "某某云服务", "-99.00"), "reverted");
    let how: Vec<String> = ledger
        .refund_links()
        .expect("links")
        .into_iter()
        .map(|l| l.matched_by)
        .collect();
    assert_eq!(how, ["counterparty and amount"; 2]);
}

/// The refund of a purchase refunded in full arrives with next month's
/// bill: it pairs with the (already reverted) purchase instead of counting
/// as income.
#[test]
fn wechat_pay_refund_next_month_pairs_with_the_purchase() {
    let (mut ledger, _) = crate::import(MARCH, &ImportOptions::default());
    let april = import_file(
        &mut ledger,
        &crate::fixture(APRIL),
        &ImportOptions::default(),
    )
    .expect("april");
    assert_eq!(codes(&april), ["refunds_paired"]);
    assert_eq!(status_of(&ledger, "某某云服务", "99.00"), "reverted");
    // March's 17.60 and April's coffee.
    assert_eq!(
        totals(&ledger),
        [("everyday".into(), "CNY".into(), "-0.40".into())]
    );
}

/// Anonymised ids (one 交易单号 on every row): every row stays, two equal
/// payments on one day included, and the summary names the re-used ids;
/// the dry run and a second import agree.
#[test]
fn wechat_pay_anonymised_ids_keep_every_row() {
    let file = "realworld/wechat-pay-csv/anonymised-ids.csv";
    let (mut ledger, dry) = crate::import(
        file,
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    let out = import_file(
        &mut ledger,
        &crate::fixture(file),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_eq!((dry.added, dry.duplicates), (6, 0));
    assert_eq!((out.added, out.duplicates), (6, 0));
    assert_eq!(codes(&out), ["reused_source_ids"]);
    assert_eq!(codes(&dry), ["reused_source_ids"]);
    assert_eq!(out.notices[0].count, 5);
    assert_eq!(out.notices[0].lines, [19, 20, 21, 22, 23]);
    let again = import_file(
        &mut ledger,
        &crate::fixture(file),
        &ImportOptions::default(),
    )
    .expect("again");
    assert_eq!((again.added, again.duplicates), (0, 6));
}

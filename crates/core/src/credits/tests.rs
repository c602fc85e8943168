use super::testkit::{card, d, dec, openai_costs, payment, payment_before};
use super::*;
use crate::provider::PaymentKind;

fn account(ledger: &Ledger, as_of: &str) -> CreditAccount {
    let mut all = credits(ledger, Some(Provider::Openai), d(as_of)).expect("credits");
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

/// A year of OpenAI credit: a January top-up seen only on the card, a June
/// purchase seen three ways (payment record, receipt, card line), a grant
/// that expires at the end of the year.
fn year(dir: &Path) -> Ledger {
    let mut l = Ledger::open_in_memory().expect("ledger");
    card(
        &mut l,
        dir,
        "card.csv",
        &[
            (
                "2025-01-10",
                "OPENAI                   OPENAI.COM    CA",
                "10.00",
            ),
            (
                "2025-06-02",
                "OPENAI                   OPENAI.COM    CA",
                "20.00",
            ),
            (
                "2025-06-05",
                "CORNER MARKET #112       BROOKLYN      NY",
                "14.20",
            ),
        ],
    );
    payment(&mut l, PaymentKind::CreditPurchase, "2025-06-01", "20.00");
    payment(&mut l, PaymentKind::Receipt, "2025-06-01", "20.00");
    grant(
        &mut l,
        &NewGrant {
            provider: Provider::Openai,
            organization: None,
            amount: dec("5.00"),
            currency: Currency::USD,
            on: d("2025-07-01"),
            expires: Some(d("2025-12-31")),
            note: Some("promo".into()),
        },
    )
    .expect("grant");
    openai_costs(
        &mut l,
        dir,
        "cost.csv",
        &[
            ("2025-07-02", "7.00"),
            ("2025-11-01", "3.00"),
            ("2026-01-15", "4.00"),
        ],
    );
    l
}

use std::path::Path;

#[test]
fn one_purchase_seen_three_ways_counts_once_and_fifo_takes_grants_first() {
    let dir = tempfile::tempdir().expect("dir");
    let l = year(dir.path());
    let a = account(&l, "2026-01-20");
    assert_eq!(a.organization.as_deref(), Some("org-T1"));
    type Row = (
        NaiveDate,
        Decimal,
        Option<NaiveDate>,
        Decimal,
        Decimal,
        CreditSource,
        Vec<String>,
    );
    let got: Vec<Row> = a
        .purchases
        .iter()
        .map(|p| {
            (
                p.date,
                p.amount,
                p.expires_on,
                p.remaining,
                p.expired,
                p.source,
                p.rows.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // 10.00, 2 used on Jul 2 (after the grant's 5), 3 on Nov 1, 5 lost on Jan 10
            (
                d("2025-01-10"),
                dec("10"),
                Some(d("2026-01-10")),
                dec("0"),
                dec("5"),
                CreditSource::Card,
                vec!["txn:1".to_owned()]
            ),
            (
                d("2025-06-01"),
                dec("20"),
                Some(d("2026-06-01")),
                dec("16"),
                dec("0"),
                CreditSource::Payment,
                vec![
                    "payment:1".to_owned(),
                    "payment:2".to_owned(),
                    "txn:2".to_owned()
                ]
            ),
            (
                d("2025-07-01"),
                dec("5"),
                Some(d("2025-12-31")),
                dec("0"),
                dec("0"),
                CreditSource::Grant,
                vec!["grant:1".to_owned()]
            ),
        ]
    );
    assert_eq!(a.balance, dec("16"));
    assert_eq!(a.used, dec("14"));
    assert_eq!(
        a.next_expiry,
        Some(NextExpiry {
            date: d("2026-06-01"),
            amount: dec("16")
        })
    );
    assert_eq!(a.burn_per_day_7d.to_string(), "0.5714");
    assert_eq!(a.burn_per_day_30d.to_string(), "0.1333");
    // 16 at 4/7 a day lasts 28 days
    assert_eq!(a.runs_out_on, Some(d("2026-02-17")));
    assert_eq!(a.unexplained, Decimal::ZERO);
    assert!(!a.auto_recharge.detected);
}

#[test]
fn expiry_is_twelve_months_and_the_expiry_day_itself_is_too_late() {
    let dir = tempfile::tempdir().expect("dir");
    let l = year(dir.path());
    // The day before the January lot expires, 5 of it is still there.
    let a = account(&l, "2026-01-09");
    assert_eq!(a.balance, dec("25"));
    assert_eq!(
        a.next_expiry,
        Some(NextExpiry {
            date: d("2026-01-10"),
            amount: dec("5")
        })
    );
    let a = account(&l, "2026-01-10");
    assert_eq!(a.balance, dec("20"));
}

#[test]
fn overuse_goes_negative_and_the_next_purchase_repays_it() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = Ledger::open_in_memory().expect("ledger");
    payment(&mut l, PaymentKind::CreditPurchase, "2026-03-01", "5.00");
    openai_costs(&mut l, dir.path(), "c.csv", &[("2026-03-02", "8.50")]);
    let a = account(&l, "2026-03-03");
    assert_eq!(a.balance, dec("-3.5"));
    assert_eq!(a.runs_out_on, Some(d("2026-03-03")), "already out");
    payment(&mut l, PaymentKind::CreditPurchase, "2026-03-04", "10.00");
    let a = account(&l, "2026-03-05");
    assert_eq!(a.balance, dec("6.5"));
    assert_eq!(a.purchases[1].remaining, dec("6.5"));
}

#[test]
fn a_stated_balance_shows_the_gap_it_cannot_explain() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = year(dir.path());
    let a = set_balance(
        &mut l,
        Provider::Openai,
        None,
        dec("12.34"),
        Currency::USD,
        d("2026-01-18"),
    )
    .expect("set");
    assert_eq!(a.computed_balance, dec("16"));
    assert_eq!(a.unexplained, dec("-3.66"));
    assert_eq!(a.balance, dec("12.34"));
    // Later usage moves the shown balance; the gap stays in sight.
    openai_costs(&mut l, dir.path(), "more.csv", &[("2026-01-19", "1.00")]);
    let a = account(&l, "2026-01-20");
    assert_eq!(
        (a.balance, a.unexplained, a.checked_on),
        (dec("11.34"), dec("-3.66"), Some(d("2026-01-18")))
    );
}

#[test]
fn auto_recharge_is_found_and_a_loop_flagged() {
    let mut l = Ledger::open_in_memory().expect("ledger");
    for date in ["2026-01-05", "2026-02-07", "2026-03-06", "2026-04-02"] {
        payment_before(
            &mut l,
            PaymentKind::CreditPurchase,
            date,
            "10.00",
            Some("4.80"),
        );
    }
    payment(&mut l, PaymentKind::CreditPurchase, "2026-04-03", "50.00");
    let a = account(&l, "2026-04-20");
    let r = &a.auto_recharge;
    assert!(r.detected);
    assert_eq!((r.amount, r.threshold), (Some(dec("10")), Some(dec("4.8"))));
    assert_eq!(
        (r.count_this_month, r.usual_per_month, r.is_loop),
        (1, 1, false)
    );
    // Three more the same day: a loop.
    for _ in 0..3 {
        payment_before(
            &mut l,
            PaymentKind::CreditPurchase,
            "2026-04-21",
            "10.00",
            Some("4.90"),
        );
    }
    let a = account(&l, "2026-04-21");
    let r = &a.auto_recharge;
    assert_eq!(
        (r.count_this_month, r.is_loop, r.loop_on),
        (4, true, Some(d("2026-04-21")))
    );
    assert_eq!(r.rows, ["payment:6", "payment:7", "payment:8"]);
}

#[test]
fn bad_grants_change_nothing() {
    let mut l = Ledger::open_in_memory().expect("ledger");
    let g = NewGrant {
        provider: Provider::Anthropic,
        organization: None,
        amount: dec("-5"),
        currency: Currency::USD,
        on: d("2026-01-01"),
        expires: None,
        note: None,
    };
    let e = grant(&mut l, &g).expect_err("negative");
    assert!(e.to_string().contains("positive amount"), "{e}");
    let e = grant(
        &mut l,
        &NewGrant {
            amount: dec("5"),
            expires: Some(d("2025-12-31")),
            ..g
        },
    )
    .expect_err("expires before");
    assert!(e.is_bad_input());
    assert!(credits(&l, None, d("2026-02-01"))
        .expect("credits")
        .is_empty());
}

/// The usage per day the triggers keep (migration 16) is the grouping of
/// the records themselves through imports, supersedes and an undo.
#[test]
fn usage_days_follow_imports_supersedes_and_undo() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = Ledger::open_in_memory().expect("ledger");
    let end = d("2026-12-31");
    let check = |l: &Ledger| {
        let kept = l.usage_cost_days(end).expect("kept");
        assert_eq!(kept, l.usage_cost_days_summed().expect("summed"));
        kept
    };
    openai_costs(
        &mut l,
        dir.path(),
        "costs-1.csv",
        &[
            ("2026-11-01", "1.50"),
            ("2026-11-02", "2.00"),
            ("2026-11-02", "0.25"),
        ],
    );
    let kept = check(&l);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!((kept[1].amount, kept[1].records), (2_250_000, 2));
    assert_eq!(kept[0].organization_id.as_deref(), Some("org-T1"));
    // A newer export of overlapping days supersedes the older records.
    openai_costs(
        &mut l,
        dir.path(),
        "costs-2.csv",
        &[("2026-11-02", "3.00"), ("2026-11-03", "0.75")],
    );
    let after = check(&l);
    assert_eq!(after.len(), 3, "{after:?}");
    // Undoing the newer import brings the older records back.
    let newest = crate::batches::history(&l)
        .expect("batches")
        .iter()
        .map(|b| b.batch_id)
        .max()
        .expect("a batch");
    crate::batches::undo(&mut l, newest).expect("undo");
    assert_eq!(check(&l), kept);
    // Only what is up to the date asked.
    assert_eq!(l.usage_cost_days(d("2026-11-01")).expect("kept").len(), 1);
}

/// The top-ups read from migration 18's covering index are exactly the
/// posted `ai-api` provider lines the full query gives (effective class and
/// vendor), after edits that take a line out and bring one in.
#[test]
fn top_ups_from_the_index_are_the_lines_the_full_query_gives() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = Ledger::open_in_memory().expect("ledger");
    let api = "OPENAI                   OPENAI.COM    CA";
    card(
        &mut l,
        dir.path(),
        "card.csv",
        &[
            ("2026-11-03", api, "30.00"),
            ("2026-11-04", api, "12.00"),
            (
                "2026-11-05",
                "CORNER MARKET #112       BROOKLYN      NY",
                "9.40",
            ),
        ],
    );
    let check = |l: &Ledger| -> Vec<i64> {
        let full: Vec<(i64, NaiveDate, Decimal, Option<String>)> = crate::reconcile::card_lines(l)
            .expect("full")
            .into_iter()
            .filter(|c| c.row.status == crate::ledger::TxnStatus::Posted)
            .map(|c| (c.row.id, c.row.date, c.row.amount, c.row.vendor))
            .collect();
        let lean: Vec<(i64, NaiveDate, Decimal, Option<String>)> = l
            .provider_topup_lines(d("2026-12-31"))
            .expect("lean")
            .into_iter()
            .map(|r| (r.id, r.date, r.amount, r.vendor))
            .collect();
        assert_eq!(lean, full);
        lean.iter().map(|r| r.0).collect()
    };
    assert_eq!(check(&l), [1, 2]);
    l.edit_transaction(
        2,
        &crate::ledger::TxnEdit {
            class: Some("everyday".into()),
            ..Default::default()
        },
    )
    .expect("out");
    l.edit_transaction(
        3,
        &crate::ledger::TxnEdit {
            class: Some("ai-api".into()),
            vendor: Some("anthropic".into()),
            ..Default::default()
        },
    )
    .expect("in");
    assert_eq!(check(&l), [1, 3]);
}

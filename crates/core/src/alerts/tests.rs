use super::*;
use crate::budgets::{set_budget, NewBudget, Period, Scope};
use crate::credits::testkit::{card, card_as, d, dec, openai_costs, payment, payment_before};
use crate::provider::PaymentKind;

const CHATGPT: &str = "OPENAI *CHATGPT SUBSCR   OPENAI.COM    CA";

fn now() -> DateTime<Utc> {
    "2026-12-05T10:00:00Z".parse().expect("instant")
}

/// Autumn 2026 on two cards: ChatGPT monthly (and once on a second card),
/// Claude's price going up, a Cursor trial, Midjourney charging after it was
/// marked cancelled, and a November budget for all AI spending.
fn autumn(dir: &std::path::Path) -> Ledger {
    let mut l = Ledger::open_in_memory().expect("ledger");
    card(
        &mut l,
        dir,
        "a.csv",
        &[
            ("2026-09-10", CHATGPT, "20.00"),
            (
                "2026-09-15",
                "CLAUDE.AI SUBSCRIPTION   ANTHROPIC.COM CA",
                "20.00",
            ),
            ("2026-10-10", CHATGPT, "20.00"),
            (
                "2026-10-15",
                "CLAUDE.AI SUBSCRIPTION   ANTHROPIC.COM CA",
                "20.00",
            ),
            (
                "2026-10-20",
                "MIDJOURNEY INC           MIDJOURNEY.COM CA",
                "10.00",
            ),
            (
                "2026-11-08",
                "CURSOR.COM               NEW YORK      NY",
                "1.00",
            ),
            ("2026-11-10", CHATGPT, "20.00"),
            (
                "2026-11-15",
                "CLAUDE.AI SUBSCRIPTION   ANTHROPIC.COM CA",
                "25.00",
            ),
            (
                "2026-11-20",
                "MIDJOURNEY INC           MIDJOURNEY.COM CA",
                "10.00",
            ),
        ],
    );
    card_as(
        &mut l,
        dir,
        "b.csv",
        &[("2026-11-25", CHATGPT, "20.00")],
        Some("Card B"),
    );
    mark_cancelled(&mut l, "midjourney", None, d("2026-11-01")).expect("cancel");
    set_budget(
        &mut l,
        &NewBudget {
            scope: Scope::parse("class", "ai").expect("scope"),
            amount: dec("50"),
            currency: Currency::USD,
            period: Period::parse("2026-11-01..2026-11-30").expect("period"),
        },
    )
    .expect("budget");
    l
}

fn summary(list: &[Alert]) -> Vec<(AlertKind, String, NaiveDate, Decimal, Vec<String>)> {
    list.iter()
        .map(|a| (a.kind, a.subject.clone(), a.date, a.amount, a.rows.clone()))
        .collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

#[test]
fn each_subscription_and_budget_kind_with_its_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let l = autumn(dir.path());
    let as_of = local_date(now(), FixedOffset::east_opt(0).expect("utc"));
    let list = alerts(&l, as_of, false).expect("alerts");
    assert_eq!(
        summary(&list),
        [
            (
                AlertKind::PriceChange,
                "anthropic Claude Team".into(),
                d("2026-11-15"),
                dec("-25"),
                s(&["txn:4", "txn:8"])
            ),
            (
                AlertKind::LapsedStillCharged,
                "midjourney".into(),
                d("2026-11-20"),
                dec("-10"),
                s(&["txn:9"])
            ),
            (
                AlertKind::DoubleSubscription,
                "openai ChatGPT Plus".into(),
                d("2026-11-25"),
                dec("-40"),
                s(&["txn:7", "txn:10"])
            ),
            (
                AlertKind::BudgetExceeded,
                "class:ai".into(),
                d("2026-11-30"),
                dec("-76"),
                s(&["budget:1", "txn:6", "txn:7", "txn:8", "txn:9", "txn:10"])
            ),
            (
                AlertKind::TrialEnding,
                "cursor Cursor".into(),
                d("2026-12-08"),
                dec("-1"),
                s(&["txn:6"])
            ),
            (
                AlertKind::RenewalSoon,
                "openai ChatGPT Plus".into(),
                d("2026-12-10"),
                dec("-20"),
                s(&["txn:7"])
            ),
        ],
        "{list:#?}"
    );
    assert!(
        list[0]
            .message
            .contains("now charges 25.00 USD (was 20.00 USD)"),
        "{}",
        list[0].message
    );
    assert!(list.iter().all(|a| a.id.starts_with(a.kind.as_str())));
    // The ledger lines behind each, for the app to open: the `txn:` rows.
    let lines: Vec<Vec<i64>> = list.iter().map(|a| a.lines.clone()).collect();
    assert_eq!(
        lines,
        [
            vec![4, 8],
            vec![9],
            vec![7, 10],
            vec![6, 7, 8, 9, 10],
            vec![6],
            vec![7]
        ]
    );
}

#[test]
fn the_local_date_decides_what_is_soon() {
    let dir = tempfile::tempdir().expect("dir");
    let l = autumn(dir.path());
    // 2026-12-02 23:30 UTC is already Dec 3 in Shanghai: the ChatGPT renewal
    // on Dec 10 is 7 days away there, 8 in London.
    let t: DateTime<Utc> = "2026-12-02T23:30:00Z".parse().expect("t");
    let kinds = |off: i32| -> Vec<AlertKind> {
        let as_of = local_date(t, FixedOffset::east_opt(off).expect("offset"));
        alerts(&l, as_of, false)
            .expect("alerts")
            .iter()
            .map(|a| a.kind)
            .collect()
    };
    assert!(kinds(8 * 3600).contains(&AlertKind::RenewalSoon));
    assert!(!kinds(0).contains(&AlertKind::RenewalSoon));
}

#[test]
fn ids_are_stable_and_dismissal_and_notification_stick() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = autumn(dir.path());
    let as_of = d("2026-12-05");
    let first = compute(&l, as_of).expect("alerts");
    let again = compute(&l, as_of).expect("alerts");
    assert_eq!(first, again);
    // A day later the same renewal is the same alert.
    let later = compute(&l, d("2026-12-06")).expect("alerts");
    let renewal = |v: &[Alert]| {
        v.iter()
            .find(|a| a.kind == AlertKind::RenewalSoon)
            .map(|a| a.id.clone())
    };
    assert_eq!(renewal(&first), renewal(&later));

    let n = to_notify(&l, as_of).expect("notify");
    assert_eq!(n.len(), 6);
    mark_notified(
        &mut l,
        &n.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        now(),
    )
    .expect("mark");
    assert!(
        to_notify(&l, as_of).expect("notify").is_empty(),
        "each alert is notified once"
    );

    let id = renewal(&first).expect("renewal");
    let gone = dismiss(&mut l, &id, as_of, now()).expect("dismiss");
    assert!(gone.dismissed);
    assert!(alerts(&l, as_of, false)
        .expect("alerts")
        .iter()
        .all(|a| a.id != id));
    assert!(alerts(&l, as_of, true)
        .expect("all")
        .iter()
        .any(|a| a.id == id && a.dismissed));
    let e = dismiss(&mut l, "renewal_soon-0000000000", as_of, now()).expect_err("unknown");
    assert!(
        e.is_bad_input() && e.to_string().contains("no alert"),
        "{e}"
    );
}

#[test]
fn settings_turn_kinds_off_and_quiet_mode_stops_notifications() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = autumn(dir.path());
    let as_of = d("2026-12-05");
    set_kind_enabled(&mut l, AlertKind::BudgetExceeded, false).expect("off");
    let list = alerts(&l, as_of, false).expect("alerts");
    assert!(list.iter().all(|a| a.kind != AlertKind::BudgetExceeded));
    assert_eq!(to_notify(&l, as_of).expect("notify").len(), 5);
    let st = set_quiet(&mut l, true).expect("quiet");
    assert!(st.quiet);
    assert!(
        !st.kinds
            .iter()
            .find(|k| k.kind == AlertKind::BudgetExceeded)
            .expect("k")
            .enabled
    );
    assert!(to_notify(&l, as_of).expect("notify").is_empty());
    assert_eq!(
        alerts(&l, as_of, false).expect("alerts").len(),
        5,
        "quiet keeps the list"
    );
}

#[test]
fn credit_running_low_and_expiring() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = Ledger::open_in_memory().expect("ledger");
    payment(&mut l, PaymentKind::CreditPurchase, "2025-12-20", "30.00");
    let days: Vec<String> = (0..7)
        .map(|i| (d("2026-11-28") + Duration::days(i)).to_string())
        .collect();
    let usage: Vec<(&str, &str)> = days.iter().map(|x| (x.as_str(), "3.00")).collect();
    openai_costs(&mut l, dir.path(), "c.csv", &usage);
    let list = alerts(&l, d("2026-12-05"), false).expect("alerts");
    assert_eq!(
        summary(&list),
        [
            // 9 left; the last 7 days (Nov 29 to Dec 5, which has no usage
            // yet) used 18: 9 lasts 3.5 days, so it is gone on Dec 9
            (
                AlertKind::CreditsLow,
                "OpenAI org-T1 (USD)".into(),
                d("2026-12-09"),
                dec("9"),
                s(&["payment:1", "usage:1..7"])
            ),
            (
                AlertKind::CreditsExpiring,
                "OpenAI org-T1 (USD)".into(),
                d("2025-12-20").with_year_plus(1),
                dec("9"),
                s(&["payment:1"])
            ),
        ]
    );
}

#[test]
fn an_auto_recharge_loop_is_raised_and_low_credit_is_not() {
    let mut l = Ledger::open_in_memory().expect("ledger");
    for date in [
        "2026-10-03",
        "2026-11-04",
        "2026-12-01",
        "2026-12-04",
        "2026-12-04",
        "2026-12-04",
    ] {
        payment_before(
            &mut l,
            PaymentKind::CreditPurchase,
            date,
            "10.00",
            Some("2.00"),
        );
    }
    let list = alerts(&l, d("2026-12-05"), false).expect("alerts");
    let kinds: Vec<AlertKind> = list.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [AlertKind::AutoRechargeLoop]);
    assert_eq!(
        (list[0].date, list[0].amount),
        (d("2026-12-04"), dec("-30"))
    );
    assert_eq!(list[0].rows, ["payment:4", "payment:5", "payment:6"]);
}

trait PlusYear {
    fn with_year_plus(self, n: i32) -> NaiveDate;
}

impl PlusYear for NaiveDate {
    fn with_year_plus(self, n: i32) -> NaiveDate {
        use chrono::Datelike;
        self.with_year(self.year() + n).expect("date")
    }
}

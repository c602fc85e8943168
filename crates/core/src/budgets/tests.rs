use super::*;
use crate::credits::testkit::{card, d, dec, openai_costs};
use crate::ledger::TxnEdit;

const CHATGPT: &str = "OPENAI *CHATGPT SUBSCR   OPENAI.COM    CA";
const API: &str = "OPENAI                   OPENAI.COM    CA";

/// October and November 2026: ChatGPT Plus on the 1st of each month, three
/// API top-ups, a grocery line tagged for a client, and two days of usage.
fn autumn(dir: &std::path::Path) -> Ledger {
    let mut l = Ledger::open_in_memory().expect("ledger");
    card(
        &mut l,
        dir,
        "card.csv",
        &[
            ("2026-10-01", CHATGPT, "20.00"),
            ("2026-10-20", API, "10.00"),
            ("2026-11-01", CHATGPT, "20.00"),
            ("2026-11-03", API, "30.00"),
            ("2026-11-12", API, "25.00"),
            (
                "2026-11-13",
                "CORNER MARKET #112       BROOKLYN      NY",
                "14.20",
            ),
        ],
    );
    l.edit_transaction(
        6,
        &TxnEdit {
            tags: Some(vec!["client:acme".into()]),
            ..TxnEdit::default()
        },
    )
    .expect("tag");
    openai_costs(
        &mut l,
        dir,
        "cost.csv",
        &[("2026-11-10", "3.00"), ("2026-11-14", "4.00")],
    );
    l
}

fn set(l: &mut Ledger, kind: &str, value: &str, amount: &str, period: &str) -> i64 {
    set_budget(
        l,
        &NewBudget {
            scope: Scope::parse(kind, value).expect("scope"),
            amount: dec(amount),
            currency: Currency::USD,
            period: Period::parse(period).expect("period"),
        },
    )
    .expect("set")
    .id
}

#[test]
fn spent_projected_and_status_per_scope() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = autumn(dir.path());
    set(&mut l, "class", "ai-api", "50", "monthly");
    set(&mut l, "vendor", "openai", "100", "monthly");
    set(&mut l, "class", "ai-subscription", "30", "monthly");
    set(
        &mut l,
        "class",
        "ai-subscription",
        "30",
        "2026-11-01..2026-12-31",
    );
    set(&mut l, "provider", "openai", "10", "monthly");
    set(&mut l, "tag", "client:acme", "20", "monthly");
    let got: Vec<(String, Decimal, Decimal, BudgetState)> = budget_status(&l, d("2026-11-15"))
        .expect("status")
        .into_iter()
        .map(|s| (s.scope, s.spent, s.projected, s.status))
        .collect();
    assert_eq!(
        got,
        [
            // 55 spent on a 50 budget
            (
                "class:ai-api".into(),
                dec("-55"),
                dec("-87.5"),
                BudgetState::Over
            ),
            // 75 so far; 65 of API in the last 30 days (Oct 20 on) is 32.50
            // for 15 more days
            (
                "vendor:openai".into(),
                dec("-75"),
                dec("-107.5"),
                BudgetState::ProjectedOver
            ),
            // the next ChatGPT renewal is on Dec 1, after November
            (
                "class:ai-subscription".into(),
                dec("-20"),
                dec("-20"),
                BudgetState::Ok
            ),
            // ... but inside the two-month period
            (
                "class:ai-subscription".into(),
                dec("-20"),
                dec("-40"),
                BudgetState::ProjectedOver
            ),
            // 7 of usage, the last week's 1.00 a day for 15 days
            (
                "provider:openai".into(),
                dec("-7"),
                dec("-22"),
                BudgetState::ProjectedOver
            ),
            (
                "tag:client:acme".into(),
                dec("-14.2"),
                dec("-21.3"),
                BudgetState::ProjectedOver
            ),
        ]
    );
    let st = budget_status(&l, d("2026-11-15")).expect("status");
    assert_eq!(st[0].rows, ["txn:4", "txn:5"]);
    assert_eq!(st[5].rows, ["txn:6"]);
    assert!(st[2].rows.is_empty(), "ok budgets carry no rows");
}

#[test]
fn a_past_period_projects_what_it_spent() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = autumn(dir.path());
    set(&mut l, "class", "ai", "200", "2026-10-01..2026-10-31");
    let s = &budget_status(&l, d("2026-11-15")).expect("status")[0];
    assert_eq!(
        (s.spent, s.projected, s.status),
        (dec("-30"), dec("-30"), BudgetState::Ok)
    );
}

#[test]
fn bad_budgets_are_refused_and_change_nothing() {
    let mut l = Ledger::open_in_memory().expect("ledger");
    let e = Scope::parse("provider", "gemini").expect_err("unknown");
    assert!(e.to_string().contains("unknown provider \"gemini\""), "{e}");
    assert!(e.is_bad_input());
    let e = Period::parse("2026-13-01..2026-12-31").expect_err("date");
    assert!(e.to_string().contains("\"2026-13-01\" in period"), "{e}");
    assert!(Period::parse("2026-12-31..2026-12-01").is_err());
    assert!(Period::parse("weekly").is_err());
    assert!(Scope::parse("class", "everyday").is_err());
    for amount in ["0", "-5"] {
        let e = set_budget(
            &mut l,
            &NewBudget {
                scope: Scope::Class(BudgetClass::Ai),
                amount: dec(amount),
                currency: Currency::USD,
                period: Period::Monthly,
            },
        )
        .expect_err("not positive");
        assert!(e.to_string().contains("positive amount"), "{e}");
    }
    assert!(budgets(&l).expect("list").is_empty());
    assert!(matches!(
        remove_budget(&mut l, 9),
        Err(BudgetError::NoSuchBudget(9))
    ));
}

/// A Claude Code session of Nov 1 2026 (1200 input, 2048 cache-write,
/// 15000 cache-read and 900 output tokens of Sonnet 4.5) and a 100.00
/// Claude charge on Nov 5: the repository's fixtures.
fn claude_max() -> Ledger {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/usage");
    let mut l = Ledger::open_in_memory().expect("ledger");
    for f in [
        "7b3e9f10-2c4d-4e5a-9b6c-1d2e3f4a5b6c.jsonl",
        "Citi-card-claude-max-2026-11.CSV",
    ] {
        crate::import::import_file(&mut l, &root.join(f), &Default::default()).expect("import");
    }
    l
}

fn plan_values(l: &Ledger, as_of: &str) -> Vec<PlanValue> {
    let subs = crate::reports::subscriptions(l, d(as_of)).expect("subs");
    plan_value(
        l,
        &crate::pricing::PriceList::builtin(),
        d(as_of),
        crate::usage::Zone::utc(),
        &subs,
    )
    .expect("plan value")
}

#[test]
fn a_plans_usage_is_valued_at_api_prices_and_the_price_in_days_of_it() {
    let l = claude_max();
    let v = plan_values(&l, "2026-11-30");
    assert_eq!(v.len(), 1, "{v:#?}");
    let v = &v[0];
    assert_eq!(
        (v.provider, v.month.as_str()),
        (Provider::Anthropic, "2026-11")
    );
    // (1200×3 + 2048×3.75 + 15000×0.30 + 900×15) / 1e6, as `costs --check`
    // gives it; spending, negative.
    assert_eq!(v.api_value.to_string(), "-0.02928");
    assert_eq!(v.plan_price, Some(dec("-100.00")));
    // The whole month counted: the price for those days is the full price.
    assert_eq!(v.plan_price_to_date, Some(dec("-100.00")));
    assert_eq!(v.projected_api_value, dec("-0.03"));
    assert_eq!(v.plans.len(), 1, "{:?}", v.plans);
    assert!(v.plans[0].starts_with("anthropic"), "{:?}", v.plans);
    assert!(v.by_hand.is_empty());
    // The price comes from the card's Claude charge of Nov 5: its line.
    let charge = l
        .plan_charge_lines(d("2026-11-05"), d("2026-11-05"))
        .expect("lines");
    assert_eq!(charge.len(), 1, "{charge:?}");
    assert_eq!(v.rows, [format!("txn:{}", charge[0].id)]);
    assert_eq!(v.lines, [charge[0].id]);
    assert_eq!(v.value_per_price, Some(dec("0.00")));
    // 100.00 buys 100 / (0.02928 / 30) days of this usage at API prices.
    assert_eq!(v.price_buys_days, Some(dec("102459.0")));
    assert_eq!(
        (v.days, v.month_days, v.records, v.unpriced_records),
        (30, 30, 1, 0)
    );
    assert_eq!(v.price_rows.len(), 1, "{:?}", v.price_rows);
    let en = v.msg.render(crate::i18n::Lang::En);
    assert!(
        en.contains("0.03 USD at API prices") && en.contains("102459.0 days"),
        "{en}"
    );
    let zh = v.msg.render(crate::i18n::Lang::ZhCn);
    assert!(zh.contains("按 API 价格计算为 0.03 USD"), "{zh}");

    // Before the plan's first charge no plan is known: the value stands alone.
    let early = plan_values(&l, "2026-11-03");
    assert_eq!(early.len(), 1);
    assert_eq!(
        (early[0].plan_price, early[0].price_buys_days),
        (None, None)
    );
    assert_eq!(early[0].msg.id, "plan-value-no-plan");
    // A month without plan usage has no plan value.
    assert!(plan_values(&l, "2026-12-05").is_empty());
}

#[test]
fn plan_value_sets_usage_against_the_price_for_the_same_days() {
    let l = claude_max();
    // Nov 10: 10 of 30 days; the plan (charged Nov 5) costs 100 a month.
    let v = plan_values(&l, "2026-11-10");
    assert_eq!(v.len(), 1, "{v:#?}");
    let v = &v[0];
    assert_eq!((v.days, v.month_days), (10, 30));
    assert_eq!(v.plan_price, Some(dec("-100.00")));
    assert_eq!(v.plan_price_to_date, Some(dec("-33.33")));
    // 0.02928 / (100 × 10 / 30), not / 100: the fair ratio.
    let fair = (dec("0.02928") / (dec("100") * dec("10") / dec("30"))).round_dp(2);
    assert_eq!(v.value_per_price, Some(fair));
    // 0.02928 over 10 days, projected to 30.
    assert_eq!(v.projected_api_value, dec("-0.09"));
    // The reverse keeps the full monthly price: 100 / (0.02928 / 10).
    assert_eq!(v.price_buys_days, Some(dec("34153.0")));
    let en = v.msg.render(crate::i18n::Lang::En);
    assert!(
        en.contains("the 33.33 USD the plans cost for those 10 days")
            && en.contains("prorated to 10 of the month's 30 days")
            && en.contains("the whole month's usage comes to 0.09 USD"),
        "{en}"
    );
    let zh = v.msg.render(crate::i18n::Lang::ZhCn);
    assert!(
        zh.contains("套餐同期费用 33.33 USD") && zh.contains("按本月 30 天中已过的 10 天折算"),
        "{zh}"
    );
}

#[test]
fn a_plan_entered_by_hand_names_its_entry_not_a_line() {
    let mut l = claude_max();
    let m = crate::reports::subs::add_manual_subscription(
        &mut l,
        &crate::reports::subs::NewManualSubscription {
            vendor: "anthropic".into(),
            product: Some("Claude Team".into()),
            amount: dec("30.00"),
            currency: Currency::USD,
            cadence: crate::reports::subs::Cadence::Monthly,
            since: d("2026-10-20"),
            note: None,
        },
    )
    .expect("manual");
    let v = plan_values(&l, "2026-11-30");
    assert_eq!(v.len(), 1, "{v:#?}");
    let v = &v[0];
    assert_eq!(v.plan_price, Some(dec("-130.00")));
    assert_eq!(v.by_hand, ["anthropic Claude Team"]);
    assert!(
        v.rows.contains(&format!("subscription:{}", m.id)),
        "{:?}",
        v.rows
    );
    // Only the detected plan's charge is a ledger line.
    assert_eq!(v.lines.len(), 1, "{:?}", v.lines);
    assert_eq!(v.rows.len(), 2, "{:?}", v.rows);
}

#[test]
fn budgets_carry_the_plan_values_their_scope_covers() {
    let mut l = claude_max();
    for (kind, value) in [
        ("class", "ai"),
        ("class", "ai-api"),
        ("provider", "anthropic"),
        ("tag", "client:a"),
    ] {
        set_budget(
            &mut l,
            &NewBudget {
                scope: Scope::parse(kind, value).expect("scope"),
                amount: dec("50"),
                currency: Currency::USD,
                period: Period::Monthly,
            },
        )
        .expect("budget");
    }
    let mut list = budget_status(&l, d("2026-11-30")).expect("status");
    assert!(list.iter().all(|b| b.plan_value.is_empty()));
    attach_plan_value(&mut list, &plan_values(&l, "2026-11-30")).expect("attach");
    let counts: Vec<(&str, usize)> = list
        .iter()
        .map(|b| (b.scope.as_str(), b.plan_value.len()))
        .collect();
    assert_eq!(
        counts,
        [
            ("class:ai", 1),
            ("class:ai-api", 0),
            ("provider:anthropic", 1),
            ("tag:client:a", 0)
        ]
    );
}

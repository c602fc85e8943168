//! Reconciliation of card top-ups with provider payment records, and the
//! top-up checklist's facts read from the ledger.

use std::path::{Path, PathBuf};

use aispend_core::import::{import_file, ImportOptions};
use aispend_core::provider::{NewPayment, PaymentKind, PaymentStatus, Provider};
use aispend_core::reconcile::{fill_topup_facts, FlagKind, MatchedOn, ReconcileOptions};
use aispend_core::topup::{self, BankStatus, Facts, Origin, PaymentRecord};
use aispend_core::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn payment(date_s: &str, amount: &str) -> NewPayment {
    NewPayment {
        provider: Provider::Openai,
        kind: PaymentKind::CreditPurchase,
        status: PaymentStatus::Succeeded,
        paid_date: date(date_s),
        paid_at: None,
        amount: dec(amount),
        currency: aispend_core::money::Currency::USD,
        invoice_number: None,
        receipt_number: None,
        organization_id: None,
        card_brand: None,
        card_last4: None,
        balance_before: None,
        balance_after: None,
        note: None,
    }
}

/// The Citi statement: a pending OpenAI hold (3 days old), two equal
/// charges on one day, an old Anthropic hold, a top-up, a card payment and
/// a ChatGPT subscription (not a top-up).
fn citi_ledger() -> Ledger {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixture("reconcile/Citi-card-2026-11.CSV"),
        &ImportOptions::default(),
    )
    .expect("import");
    ledger
}

#[test]
fn matches_and_flags_across_a_statement() {
    let mut ledger = citi_ledger();
    aispend_core::provider::add_payment(
        &mut ledger,
        &NewPayment {
            balance_before: Some(dec("-7.35")),
            balance_after: Some(dec("12.65")),
            ..payment("2026-11-02", "20.00")
        },
    )
    .expect("payment");
    aispend_core::provider::add_payment(&mut ledger, &payment("2026-11-12", "10.00"))
        .expect("payment");
    aispend_core::provider::add_payment(&mut ledger, &payment("2026-11-15", "50.00"))
        .expect("payment");
    let report = aispend_core::reconcile::reconcile(
        &ledger,
        &ReconcileOptions {
            as_of: date("2026-11-24"),
            stale_days: 7,
        },
    )
    .expect("reconcile");
    assert_eq!((report.card_lines, report.payments), (5, 3));
    let matches: Vec<(i64, i64, MatchedOn, i64)> = report
        .matches
        .iter()
        .map(|m| (m.txn_id, m.payment_id, m.matched_on, m.day_shift))
        .collect();
    // The 20.00 top-up is dated a day after its UTC receipt; one of the two
    // 10.00 charges matches its payment.
    assert_eq!(
        matches,
        [
            (3, 2, MatchedOn::BilledAmount, 0),
            (6, 1, MatchedOn::BilledAmount, 1)
        ]
    );
    let flags: Vec<(FlagKind, Vec<i64>, Vec<i64>)> = report
        .flags
        .iter()
        .map(|f| (f.kind, f.txn_ids.clone(), f.payment_ids.clone()))
        .collect();
    assert_eq!(
        flags,
        [
            (FlagKind::NegativeBalanceOffset, vec![6], vec![1]),
            (FlagKind::StalePending, vec![5], vec![]),
            (FlagKind::DoubleCharge, vec![3, 4], vec![]),
            (FlagKind::RecordWithoutCharge, vec![], vec![3]),
        ]
    );
    let offset = &report.flags[0];
    assert!(
        offset
            .message
            .contains("7.35 USD repaid earlier use and 12.65 USD became new credit"),
        "{}",
        offset.message
    );
    // A flag's facts open a case that the engine reads.
    let facts = Facts::from_json_str(&report.flags[2].facts.to_string()).expect("facts");
    assert_eq!(facts.charges_seen(), Some(2));
    // No Anthropic records: the 5.00 hold can't be checked, and it says so.
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("No Anthropic payment records")));
}

#[test]
fn a_pending_hold_with_no_record_fills_the_checklist() {
    let mut ledger = citi_ledger();
    aispend_core::provider::add_payment(&mut ledger, &payment("2026-11-02", "20.00"))
        .expect("payment");
    let mut facts = Facts::from_json_str(
        r#"{"amount":"25.00","currency":"USD","paid_at":"2026-11-21T18:00:00Z","now":"2026-11-22T10:00:00Z"}"#,
    )
    .expect("facts");
    let used = fill_topup_facts(&ledger, &mut facts).expect("fill");
    assert_eq!(used.txn_ids, [1]);
    assert_eq!(facts.bank_status(), Some(BankStatus::Pending));
    assert_eq!(facts.charges_seen(), Some(1));
    assert_eq!(facts.platform_payment_record(), Some(PaymentRecord::None));
    let known = facts.get(topup::FactName::BankStatus).expect("bank status");
    assert_eq!(
        (known.source.origin, known.source.rows.clone()),
        (Origin::Ledger, vec![1])
    );
    let d = topup::diagnose(&facts);
    assert_eq!(
        d.top().map(|t| t.code.as_str()),
        Some("bank_authorization_only")
    );
    assert!(d.ledger_rows().contains(&1));
}

#[test]
fn the_users_answer_wins_and_a_disagreement_is_kept() {
    let ledger = citi_ledger();
    let mut facts = Facts::from_json_str(
        r#"{"amount":"10.00","paid_at":"2026-11-12T18:00:00Z","now":"2026-11-14T10:00:00Z","charges_seen":1}"#,
    )
    .expect("facts");
    let used = fill_topup_facts(&ledger, &mut facts).expect("fill");
    assert_eq!(facts.charges_seen(), Some(1));
    assert_eq!(used.conflicts, ["charges_seen"]);
    assert_eq!(facts.conflicts().len(), 1);
}

#[test]
fn a_foreign_card_matches_on_its_date_with_the_implied_rate() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixture("revolut/account-statement_2026-03-01_2026-03-31_en-gb_4f2a1c.csv"),
        &ImportOptions::default(),
    )
    .expect("import");
    aispend_core::provider::add_payment(&mut ledger, &payment("2026-03-02", "20.00"))
        .expect("payment");
    let report = aispend_core::reconcile::reconcile(
        &ledger,
        &ReconcileOptions {
            as_of: date("2026-03-31"),
            stale_days: 7,
        },
    )
    .expect("reconcile");
    let m = report
        .matches
        .iter()
        .find(|m| m.matched_on == MatchedOn::DateOnly)
        .expect("a date-only match");
    // 16.02 GBP for 20.00 USD.
    assert_eq!(m.implied_rate, Some(dec("0.801")));
}

#[test]
fn usage_after_the_payment_comes_from_cost_exports() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixture("openai/cost_2026-11-01_2026-11-03.csv"),
        &ImportOptions::default(),
    )
    .expect("import");
    let mut facts = Facts::from_json_str(
        r#"{"amount":"20.00","paid_at":"2026-11-01T09:00:00Z","now":"2026-11-04T10:00:00Z"}"#,
    )
    .expect("facts");
    let used = fill_topup_facts(&ledger, &mut facts).expect("fill");
    let u = used.usage_after.expect("usage after");
    assert_eq!((u.days, u.amount), (2, dec("4.2437")));
}

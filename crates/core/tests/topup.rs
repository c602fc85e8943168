//! The top-up diagnosis over a table of scenarios (tests/fixtures/topup/*.json).
//!
//! Each scenario is a facts file as a user or the checklist would write it;
//! the table says what the answer must be: the top code, whom to contact
//! first, what not to do, and codes that must or must not be among the
//! findings. A handful are snapshotted whole.

use std::path::{Path, PathBuf};

use aispend_core::topup::{
    diagnose, BankStatus, Code, Contact, Diagnosis, DoNot, FactName, FactValue, Facts, Origin,
    PaymentRecord, Source,
};
use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/topup")
        .join(format!("{name}.json"))
}

fn load(name: &str) -> Facts {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Facts::from_json_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

struct Case {
    file: &'static str,
    top: Option<Code>,
    contact: Contact,
    do_not: &'static [DoNot],
    present: &'static [Code],
    absent: &'static [Code],
}

use Code as C;
use Contact as K;
const NO: &[DoNot] = &[];
const BOTH: &[DoNot] = &[DoNot::PayAgain, DoNot::Chargeback];

const fn case(
    file: &'static str,
    top: Code,
    contact: Contact,
    do_not: &'static [DoNot],
    present: &'static [Code],
    absent: &'static [Code],
) -> Case {
    Case {
        file,
        top: Some(top),
        contact,
        do_not,
        present,
        absent,
    }
}

const CASES: &[Case] = &[
    // Timing.
    case(
        "delay_paid_3_minutes_ago",
        C::BalanceUpdateDelay,
        K::Wait,
        BOTH,
        &[],
        &[C::PaymentSucceededNotCredited],
    ),
    case(
        "delay_recorded_5_minutes_ago",
        C::BalanceUpdateDelay,
        K::Wait,
        BOTH,
        &[],
        &[C::BankAuthorizationOnly],
    ),
    case(
        "delay_45_minutes_ago",
        C::BalanceUpdateDelay,
        K::Wait,
        BOTH,
        &[],
        &[],
    ),
    // The bank's side.
    case(
        "bank_pending_no_record",
        C::BankAuthorizationOnly,
        K::IssuingBank,
        BOTH,
        &[],
        &[C::PaymentSucceededNotCredited],
    ),
    case(
        "bank_pending_no_record_old_hold",
        C::BankAuthorizationOnly,
        K::IssuingBank,
        BOTH,
        &[],
        &[C::BalanceUpdateDelay],
    ),
    case(
        "bank_settled_no_record",
        C::BankAuthorizationOnly,
        K::IssuingBank,
        BOTH,
        &[],
        &[],
    ),
    // Negative balances, alone and combined.
    case(
        "negative_offset_exact",
        C::NegativeBalanceOffset,
        K::None,
        BOTH,
        &[],
        &[C::PaymentSucceededNotCredited, C::BalanceUpdateDelay],
    ),
    case(
        "negative_offset_quota_error",
        C::NegativeBalanceOffset,
        K::None,
        BOTH,
        &[C::QuotaExhausted],
        &[],
    ),
    case(
        "negative_offset_before_only",
        C::NegativeBalanceOffset,
        K::None,
        BOTH,
        &[C::PaymentSucceededNotCredited],
        &[],
    ),
    case(
        "negative_balance_and_pending_hold",
        C::BankAuthorizationOnly,
        K::IssuingBank,
        BOTH,
        &[C::NegativeBalanceOffset],
        &[],
    ),
    case(
        "negative_balance_and_pending_hold_recorded",
        C::NegativeBalanceOffset,
        K::None,
        BOTH,
        &[],
        &[C::BankAuthorizationOnly],
    ),
    // Organizations, projects, rights.
    case(
        "wrong_org_after_success",
        C::WrongOrganization,
        K::None,
        BOTH,
        &[C::PaymentSucceededNotCredited],
        &[],
    ),
    case(
        "wrong_org_no_billing_rights",
        C::WrongOrganization,
        K::OrgOwner,
        BOTH,
        &[C::BillingPermissionMissing],
        &[],
    ),
    case(
        "wrong_org_and_rate_limit",
        C::WrongOrganization,
        K::None,
        BOTH,
        &[C::NotBillingRateLimit],
        &[C::QuotaExhausted],
    ),
    case(
        "wrong_project",
        C::WrongOrganization,
        K::None,
        BOTH,
        &[],
        &[],
    ),
    case(
        "billing_permission_missing",
        C::BillingPermissionMissing,
        K::OrgOwner,
        NO,
        &[C::QuotaExhausted],
        &[],
    ),
    // The payment page.
    case(
        "payment_3ds_failed",
        C::Payment3dsFailed,
        K::IssuingBank,
        NO,
        &[],
        &[C::BalanceUpdateDelay, C::CardDeclined],
    ),
    case(
        "authentication_required",
        C::Payment3dsFailed,
        K::IssuingBank,
        NO,
        &[],
        &[],
    ),
    case(
        "card_declined",
        C::CardDeclined,
        K::IssuingBank,
        NO,
        &[],
        &[],
    ),
    case(
        "international_blocked",
        C::CardDeclined,
        K::IssuingBank,
        NO,
        &[],
        &[],
    ),
    case(
        "address_mismatch",
        C::BillingAddressMismatch,
        K::None,
        NO,
        &[],
        &[],
    ),
    case(
        "prepaid_card",
        C::PrepaidCardNotSupported,
        K::None,
        NO,
        &[],
        &[],
    ),
    case(
        "prepaid_not_supported_error",
        C::PrepaidCardNotSupported,
        K::None,
        NO,
        &[],
        &[],
    ),
    // A failure with no reason: the bank has it; a virtual card may be prepaid.
    case(
        "virtual_card_failed",
        C::CardDeclined,
        K::IssuingBank,
        NO,
        &[C::PrepaidCardNotSupported],
        &[],
    ),
    case(
        "bank_reversed",
        C::CardDeclined,
        K::IssuingBank,
        NO,
        &[],
        &[C::BankAuthorizationOnly],
    ),
    case(
        "unsupported_region_payment",
        C::UnsupportedRegion,
        K::None,
        NO,
        &[],
        &[],
    ),
    case(
        "unsupported_region_api",
        C::UnsupportedRegion,
        K::None,
        NO,
        &[],
        &[C::QuotaExhausted],
    ),
    case(
        "verification_page_blocked",
        C::VerificationPageBlocked,
        K::None,
        NO,
        &[],
        &[],
    ),
    case(
        "auto_recharge_limit_reached",
        C::AutoRechargeLimitReached,
        K::None,
        NO,
        &[C::QuotaExhausted],
        &[],
    ),
    // API errors that are not about money, and those that are.
    case(
        "rate_limit_pasted",
        C::NotBillingRateLimit,
        K::None,
        NO,
        &[],
        &[C::QuotaExhausted],
    ),
    case(
        "model_not_found",
        C::NotBillingModelAccess,
        K::None,
        NO,
        &[],
        &[],
    ),
    case(
        "invalid_key_python_sdk",
        C::NotBillingInvalidKey,
        K::None,
        NO,
        &[],
        &[],
    ),
    case("quota_plain", C::QuotaExhausted, K::None, NO, &[], &[]),
    case(
        "quota_spend_limit",
        C::QuotaExhausted,
        K::None,
        NO,
        &[],
        &[],
    ),
    case(
        "quota_spend_limit_no_rights",
        C::QuotaExhausted,
        K::OrgOwner,
        NO,
        &[C::BillingPermissionMissing],
        &[],
    ),
    case(
        "anthropic_credit_too_low_pasted",
        C::QuotaExhausted,
        K::None,
        NO,
        &[],
        &[],
    ),
    // The provider's side.
    case(
        "payment_succeeded_not_credited",
        C::PaymentSucceededNotCredited,
        K::OpenaiSupport,
        BOTH,
        &[],
        &[C::WrongOrganization, C::NegativeBalanceOffset],
    ),
    case(
        "payment_succeeded_org_unknown",
        C::PaymentSucceededNotCredited,
        K::OpenaiSupport,
        BOTH,
        &[],
        &[],
    ),
    // Duplicates and fraud.
    case(
        "duplicate_pending",
        C::DuplicateChargeRisk,
        K::Wait,
        BOTH,
        &[C::PaymentSucceededNotCredited],
        &[],
    ),
    case(
        "duplicate_settled",
        C::DuplicateChargeRisk,
        K::IssuingBank,
        BOTH,
        &[],
        &[],
    ),
    case(
        "unauthorized_charge",
        C::UnauthorizedCharge,
        K::ProviderAndBank,
        NO,
        &[],
        &[],
    ),
    case(
        "unauthorized_with_duplicates",
        C::UnauthorizedCharge,
        K::ProviderAndBank,
        NO,
        &[C::DuplicateChargeRisk],
        &[],
    ),
    Case {
        file: "nothing_known",
        top: None,
        contact: K::None,
        do_not: NO,
        present: &[],
        absent: &[],
    },
];

fn codes(d: &Diagnosis) -> Vec<Code> {
    d.diagnoses.iter().map(|f| f.code).collect()
}

#[test]
fn every_scenario_gives_the_expected_answer() {
    let mut failures = Vec::new();
    for c in CASES {
        let d = diagnose(&load(c.file));
        let got = (d.top().map(|f| f.code), d.first_contact, d.do_not.clone());
        let want = (c.top, c.contact, c.do_not.to_vec());
        if got != want {
            failures.push(format!(
                "{}: got {got:?}, want {want:?} ({:?})",
                c.file,
                codes(&d)
            ));
        }
        for p in c.present {
            if !codes(&d).contains(p) {
                failures.push(format!("{}: {p} missing from {:?}", c.file, codes(&d)));
            }
        }
        for a in c.absent {
            if codes(&d).contains(a) {
                failures.push(format!("{}: {a} should not be in {:?}", c.file, codes(&d)));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_fixture_and_every_code_as_top() {
    assert!(CASES.len() >= 30);
    let dir = fixture("x")
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every fixture has a row, every row a fixture"
    );
    for code in Code::ALL {
        assert!(
            CASES.iter().any(|c| c.top == Some(*code)),
            "{code} is never the top diagnosis"
        );
    }
}

#[test]
fn findings_are_ranked_and_explained() {
    for c in CASES {
        let d = diagnose(&load(c.file));
        let scores: Vec<u8> = d.diagnoses.iter().map(|f| f.confidence).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{}: {scores:?}",
            c.file
        );
        for f in &d.diagnoses {
            assert!(f.confidence <= 100);
            assert!(f.explanation.len() > 40, "{}: {}", c.file, f.explanation);
            assert!(
                !f.evidence.is_empty(),
                "{}: {} has no evidence",
                c.file,
                f.code
            );
        }
        assert!(!d.next_steps.is_empty(), "{}", c.file);
        let mut seen = codes(&d);
        seen.dedup();
        assert_eq!(seen.len(), d.diagnoses.len(), "{}: a code twice", c.file);
    }
}

#[test]
fn explanations_use_the_facts() {
    let d = diagnose(&load("negative_offset_exact"));
    let text = &d.diagnoses[0].explanation;
    assert!(
        text.contains("-8.00 USD") && text.contains("2.00 USD"),
        "{text}"
    );
    assert!(text.contains("10.00 USD"), "{text}");
    let d = diagnose(&load("delay_paid_3_minutes_ago"));
    assert!(d.diagnoses[0].explanation.contains("3 minutes ago"));
    let d = diagnose(&load("wrong_org_after_success"));
    assert!(d.diagnoses[0].explanation.contains("org-Xk3aaaa"));
    assert!(d.diagnoses[0].explanation.contains("org-Xk3bbbb"));
    let d = diagnose(&load("anthropic_credit_too_low_pasted"));
    assert!(d.next_steps.iter().any(|s| s.contains("billing page")));
}

#[test]
fn unauthorized_says_rotate_keys_and_allows_the_bank_dispute() {
    let d = diagnose(&load("unauthorized_charge"));
    assert!(!d.do_not.contains(&DoNot::Chargeback));
    assert!(d
        .next_steps
        .iter()
        .any(|s| s.contains("Rotate every API key")));
}

#[test]
fn missing_facts_are_the_questions_that_change_the_answer() {
    // Paid minutes ago, nothing else: whether the payment failed matters.
    let d = diagnose(&load("delay_paid_3_minutes_ago"));
    let asked: Vec<FactName> = d.missing_facts.iter().map(|m| m.fact).collect();
    assert!(asked.contains(&FactName::PaymentError), "{asked:?}");
    assert!(
        asked.contains(&FactName::PlatformPaymentRecord),
        "{asked:?}"
    );
    assert!(!asked.contains(&FactName::Currency));
    // Answering a question takes it off the list.
    for m in &d.missing_facts {
        assert!(!m.could_lead_to.is_empty(), "{m:?}");
        assert!(m.question.ends_with('?') || m.question.ends_with('.'));
    }
    // Everything that matters is known: nothing left to ask but fraud.
    let d = diagnose(&load("negative_offset_exact"));
    let asked: Vec<FactName> = d.missing_facts.iter().map(|m| m.fact).collect();
    assert_eq!(asked, vec![FactName::RecognizedCharge]);
    // A failed payment: the organizations no longer matter.
    let d = diagnose(&load("payment_3ds_failed"));
    assert!(d.missing_facts.iter().all(|m| m.fact != FactName::KeyOrg));
    // Each listed fact really changes the top code or the first contact.
    let facts = load("payment_succeeded_org_unknown");
    let d = diagnose(&facts);
    let key_org = d
        .missing_facts
        .iter()
        .find(|m| m.fact == FactName::KeyOrg)
        .unwrap_or_else(|| panic!("key_org not asked: {:?}", d.missing_facts));
    assert!(key_org.could_lead_to.contains(&Code::WrongOrganization));
}

#[test]
fn the_same_facts_give_the_same_answer_whatever_the_order_or_the_clock() {
    for c in CASES {
        let facts = load(c.file);
        let a = diagnose(&facts);
        let b = diagnose(&facts.clone());
        assert_eq!(a, b, "{}", c.file);
        // Filling `now` from a clock does not override the facts' own `now`.
        let mut clocked = facts.clone();
        clocked.now_or(
            Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0)
                .single()
                .unwrap_or_default(),
        );
        assert_eq!(diagnose(&clocked), a, "{}", c.file);
        // The keys of the file in reverse order read the same.
        let text = std::fs::read_to_string(fixture(c.file)).unwrap_or_default();
        let v: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap_or_default();
        let reversed: serde_json::Map<String, serde_json::Value> = v.into_iter().rev().collect();
        let again = Facts::from_json_str(&serde_json::Value::Object(reversed).to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(diagnose(&again), a, "{}", c.file);
    }
}

#[test]
fn facts_from_the_ledger_are_cited_with_their_rows() {
    let mut facts = load("nothing_known");
    facts.set_from_ledger(FactValue::BankStatus(BankStatus::Pending), &[1041]);
    facts.set_from_ledger(FactValue::Amount(Decimal::new(2500, 2)), &[1041]);
    facts.set_from_ledger(FactValue::ChargesSeen(2), &[1041, 1042]);
    facts.set(
        FactValue::PlatformPaymentRecord(PaymentRecord::Succeeded),
        Source::user(),
    );
    let d = diagnose(&facts);
    let top = d.top().unwrap_or_else(|| panic!("no finding"));
    assert_eq!(top.code, Code::DuplicateChargeRisk);
    let charges = top
        .evidence
        .iter()
        .find(|e| e.fact == FactName::ChargesSeen)
        .unwrap_or_else(|| panic!("charges_seen not cited"));
    assert_eq!(charges.source, Origin::Ledger);
    assert_eq!(charges.rows, vec![1041, 1042]);
    let record = top
        .evidence
        .iter()
        .find(|e| e.fact == FactName::PlatformPaymentRecord)
        .unwrap_or_else(|| panic!("record not cited"));
    assert_eq!((record.source, record.rows.len()), (Origin::User, 0));
    assert_eq!(d.ledger_rows(), vec![1041, 1042]);
    assert!(top.explanation.contains("25.00"));
}

fn snapshot(name: &str) {
    let d = diagnose(&load(name));
    let json = serde_json::to_string_pretty(&d).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(format!("topup_{name}"), json);
}

#[test]
fn golden_negative_offset_exact() {
    snapshot("negative_offset_exact");
}

#[test]
fn golden_bank_pending_no_record() {
    snapshot("bank_pending_no_record");
}

#[test]
fn golden_wrong_org_after_success() {
    snapshot("wrong_org_after_success");
}

#[test]
fn golden_unauthorized_charge() {
    snapshot("unauthorized_charge");
}

#[test]
fn golden_delay_paid_3_minutes_ago() {
    snapshot("delay_paid_3_minutes_ago");
}

#[test]
fn golden_quota_spend_limit_no_rights() {
    snapshot("quota_spend_limit_no_rights");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Any mix of answers, each fact present or not, as the JSON a user writes.
    fn facts_json() -> impl Strategy<Value = String> {
        let opt =
            |choices: Vec<&'static str>| proptest::option::of(proptest::sample::select(choices));
        (
            (
                opt(vec!["none", "pending", "settled", "declined", "reversed"]),
                opt(vec!["succeeded", "failed", "none"]),
                opt(vec![
                    "none",
                    "3ds_failed",
                    "authentication_required",
                    "card_declined",
                    "international_blocked",
                    "address_mismatch",
                    "prepaid_not_supported",
                    "unsupported_region",
                    "verification_page_blocked",
                ]),
                opt(vec!["credit", "debit", "prepaid", "virtual"]),
                opt(vec![
                    "2026-03-02T09:58:00Z",
                    "2026-03-02T09:20:00Z",
                    "2026-02-20T10:00:00Z",
                ]),
            ),
            (
                opt(vec!["-8.00", "0.00", "5.00"]),
                opt(vec!["2.00", "-3.00", "5.00"]),
                opt(vec!["10.00", "5.00"]),
                opt(vec!["org-Xk3aaaa", "org-Xk3bbbb"]),
                opt(vec!["org-Xk3aaaa", "org-Xk3bbbb"]),
            ),
            (
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<bool>()),
                proptest::option::of(0u32..4),
                opt(vec![
                    "insufficient_quota",
                    "rate_limit_exceeded",
                    "model_not_found",
                    "invalid_api_key",
                    "project_spend_limit_exceeded",
                ]),
                proptest::option::of(any::<bool>()),
            ),
        )
            .prop_map(
                |(
                    (bank, record, perr, card, paid),
                    (before, after, amount, torg, korg),
                    (view, recog, charges, api, auto),
                )| {
                    let mut m = serde_json::Map::new();
                    m.insert("now".into(), "2026-03-02T10:00:00Z".into());
                    let mut put = |k: &str, v: Option<&str>| {
                        if let Some(v) = v {
                            m.insert(k.into(), v.into());
                        }
                    };
                    put("bank_status", bank);
                    put("platform_payment_record", record);
                    put("payment_error", perr);
                    put("card_kind", card);
                    put("paid_at", paid);
                    put("balance_before", before);
                    put("balance_after", after);
                    put("amount", amount);
                    put("topup_org", torg);
                    put("key_org", korg);
                    if let Some(v) = view {
                        m.insert("can_view_billing".into(), v.into());
                    }
                    if let Some(v) = recog {
                        m.insert("recognized_charge".into(), v.into());
                    }
                    if let Some(n) = charges {
                        m.insert("charges_seen".into(), n.into());
                    }
                    if let Some(code) = api {
                        m.insert(
                            "api_error".into(),
                            serde_json::json!({"status": 429, "code": code}),
                        );
                    }
                    if let Some(full) = auto {
                        m.insert(
                            "auto_recharge".into(),
                            serde_json::json!({
                                "enabled": true, "monthly_limit": "50.00",
                                "recharged_this_month": if full { "50.00" } else { "10.00" }
                            }),
                        );
                    }
                    serde_json::Value::Object(m).to_string()
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_rules_hold_for_any_mix_of_facts(json in facts_json()) {
            let facts = Facts::from_json_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let d = diagnose(&facts);
            prop_assert_eq!(&d, &diagnose(&facts));
            let scores: Vec<u8> = d.diagnoses.iter().map(|f| f.confidence).collect();
            prop_assert!(scores.windows(2).all(|w| w[0] >= w[1]));
            let top = d.top().map(|f| f.code);
            if facts.recognized_charge() == Some(false) {
                prop_assert_eq!(top, Some(Code::UnauthorizedCharge));
                prop_assert_eq!(d.first_contact, Contact::ProviderAndBank);
                prop_assert!(!d.do_not.contains(&DoNot::Chargeback));
            } else {
                // A hold, a settled charge, a provider record or duplicates: never pay again.
                let money_moved = matches!(facts.bank_status(), Some(BankStatus::Pending | BankStatus::Settled))
                    || facts.platform_payment_record() == Some(PaymentRecord::Succeeded)
                    || facts.charges_seen().is_some_and(|n| n >= 1);
                if money_moved {
                    prop_assert!(d.do_not.contains(&DoNot::PayAgain), "{:?}", d.do_not);
                }
            }
            if top.is_none() {
                prop_assert_eq!(d.first_contact, Contact::None);
            }
            // Only unknown facts are asked about.
            for m in &d.missing_facts {
                prop_assert!(!facts.has(m.fact));
            }
        }
    }
}

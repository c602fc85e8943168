//! The top-up diagnosis over the folder of scenarios (tests/fixtures/topup/).
//!
//! Each scenario is a facts file (`<name>.json`) as a user or the checklist
//! would write it, with `now` fixed, and beside it `<name>.expect.toml`: the
//! rule it pins, every code found in order, whom to contact first and what
//! not to do. Adding a scenario is adding the two files. A handful are
//! snapshotted whole.

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

/// What a fixture's `<name>.expect.toml` says `diagnose` must answer.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The rule the fixture pins, in words.
    rule: String,
    /// Every code found, best first.
    codes: Vec<String>,
    first_contact: String,
    do_not: Vec<String>,
}

/// Every fixture's name, sorted.
fn fixtures() -> Vec<String> {
    let dir = fixture("x")
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

fn expect_path(name: &str) -> PathBuf {
    fixture(name).with_extension("expect.toml")
}

fn expect(name: &str) -> Expect {
    let path = expect_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (every fixture needs one)", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn codes(d: &Diagnosis) -> Vec<Code> {
    d.diagnoses.iter().map(|f| f.code).collect()
}

fn ids<T: std::fmt::Display>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[test]
fn every_fixture_gives_its_expected_answer() {
    let mut failures = Vec::new();
    for name in fixtures() {
        let want = expect(&name);
        let d = diagnose(&load(&name));
        let got = (ids(&codes(&d)), d.first_contact.to_string(), ids(&d.do_not));
        if got
            != (
                want.codes.clone(),
                want.first_contact.clone(),
                want.do_not.clone(),
            )
        {
            failures.push(format!(
                "{name} ({}):\n  got  codes {:?}, first_contact {}, do_not {:?}\n  want codes {:?}, first_contact {}, do_not {:?}",
                want.rule, got.0, got.1, got.2, want.codes, want.first_contact, want.do_not
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_fixture_has_an_expectation_and_every_code_is_top_somewhere() {
    let names = fixtures();
    assert!(names.len() >= 60, "{}", names.len());
    let dir = fixture("x")
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".expect.toml") {
            assert!(names.iter().any(|n| n == stem), "{file} has no fixture");
        }
    }
    let mut tops = Vec::new();
    for name in &names {
        let want = expect(name);
        assert!(want.rule.len() > 20, "{name}: say which rule it pins");
        for c in &want.codes {
            assert!(Code::from_id(c).is_some(), "{name}: unknown code {c}");
        }
        assert!(
            Contact::from_id(&want.first_contact).is_some(),
            "{name}: unknown contact"
        );
        // Both or nothing, in this order.
        assert!(
            want.do_not.is_empty() || want.do_not == ["pay_again", "chargeback"],
            "{name}: {:?}",
            want.do_not
        );
        tops.extend(want.codes.first().cloned());
    }
    for code in Code::ALL {
        assert!(
            tops.iter().any(|t| t == code.as_str()),
            "{code} is never the top diagnosis"
        );
    }
}

/// The same facts at three ages, and what each window changes.
#[test]
fn elapsed_time_changes_the_answer_window_by_window() {
    let top = |name: &str| {
        let d = diagnose(&load(name));
        (
            d.top().map(|f| f.code),
            d.first_contact,
            !d.do_not.is_empty(),
        )
    };
    // A successful top-up and insufficient_quota now.
    assert_eq!(
        top("quota_after_success_5_minutes"),
        (Some(Code::BalanceUpdateDelay), Contact::Wait, true)
    );
    assert_eq!(
        top("quota_after_success_2_days"),
        (
            Some(Code::PaymentSucceededNotCredited),
            Contact::OpenaiSupport,
            true
        )
    );
    assert_eq!(
        top("quota_after_success_6_weeks"),
        (Some(Code::QuotaExhausted), Contact::None, false)
    );
    // A hold with no provider record.
    assert_eq!(
        top("hold_no_record_5_minutes"),
        (Some(Code::BalanceUpdateDelay), Contact::Wait, true)
    );
    for name in ["hold_no_record_2_days", "hold_no_record_6_weeks"] {
        assert_eq!(
            top(name),
            (
                Some(Code::BankAuthorizationOnly),
                Contact::IssuingBank,
                true
            ),
            "{name}"
        );
    }
    // Two pending charges: wait while a hold may drop, then the bank.
    for name in ["duplicate_pending_5_minutes", "duplicate_pending_2_days"] {
        assert_eq!(
            top(name),
            (Some(Code::DuplicateChargeRisk), Contact::Wait, true),
            "{name}"
        );
    }
    assert_eq!(
        top("duplicate_pending_10_days"),
        (Some(Code::DuplicateChargeRisk), Contact::IssuingBank, true)
    );
    // Two settled charges: the bank at any age.
    for name in [
        "duplicate_settled_negative_offset_5_minutes",
        "duplicate_settled_negative_offset",
        "duplicate_settled_negative_offset_6_weeks",
    ] {
        assert_eq!(
            top(name),
            (Some(Code::DuplicateChargeRisk), Contact::IssuingBank, true),
            "{name}"
        );
    }
}

/// Moving `now` over the same facts: once a completed payment is weeks old,
/// the advice to hold off paying goes, unless a second charge is there.
#[test]
fn moving_now_alone_moves_the_answer() {
    let at = |name: &str, days: i64| {
        let mut f = load(name);
        let paid = f.paid_at().unwrap_or_else(|| panic!("{name}: no paid_at"));
        f.set(
            FactValue::Now(paid + chrono::TimeDelta::days(days)),
            Source::user(),
        );
        diagnose(&f)
    };
    let d = at("quota_after_success_2_days", 0);
    assert_eq!(d.first_contact, Contact::Wait);
    let d = at("quota_after_success_2_days", 20);
    assert_eq!(d.top().map(|f| f.code), Some(Code::QuotaExhausted));
    assert!(d.do_not.is_empty());
    let d = at("duplicate_settled_negative_offset_5_minutes", 60);
    assert_eq!(d.top().map(|f| f.code), Some(Code::DuplicateChargeRisk));
    assert_eq!(d.do_not, [DoNot::PayAgain, DoNot::Chargeback]);
}

#[test]
fn findings_are_ranked_and_explained() {
    for name in fixtures() {
        let d = diagnose(&load(&name));
        let scores: Vec<u8> = d.diagnoses.iter().map(|f| f.confidence).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{}: {scores:?}",
            name
        );
        for f in &d.diagnoses {
            assert!(f.confidence <= 100);
            assert!(f.explanation.len() > 40, "{}: {}", name, f.explanation);
            assert!(
                !f.evidence.is_empty(),
                "{}: {} has no evidence",
                name,
                f.code
            );
        }
        assert!(!d.next_steps.is_empty(), "{}", name);
        let mut seen = codes(&d);
        seen.dedup();
        assert_eq!(seen.len(), d.diagnoses.len(), "{}: a code twice", name);
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
    // Everything about the balance is known: left to ask are fraud and a second charge.
    let d = diagnose(&load("negative_offset_exact"));
    let asked: Vec<FactName> = d.missing_facts.iter().map(|m| m.fact).collect();
    assert_eq!(
        asked,
        vec![FactName::RecognizedCharge, FactName::ChargesSeen]
    );
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
    for name in fixtures() {
        let facts = load(&name);
        let a = diagnose(&facts);
        let b = diagnose(&facts.clone());
        assert_eq!(a, b, "{}", name);
        // Filling `now` from a clock does not override the facts' own `now`.
        let mut clocked = facts.clone();
        clocked.now_or(
            Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0)
                .single()
                .unwrap_or_default(),
        );
        assert_eq!(diagnose(&clocked), a, "{}", name);
        // The keys of the file in reverse order read the same.
        let text = std::fs::read_to_string(fixture(&name)).unwrap_or_default();
        let v: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap_or_default();
        let reversed: serde_json::Map<String, serde_json::Value> = v.into_iter().rev().collect();
        let again = Facts::from_json_str(&serde_json::Value::Object(reversed).to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(diagnose(&again), a, "{}", name);
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
                    "2026-02-28T10:00:00Z",
                    "2026-02-20T10:00:00Z",
                    "2026-01-19T10:00:00Z",
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
                proptest::option::of(any::<bool>()),
            ),
        )
            .prop_map(
                |(
                    (bank, record, perr, card, paid),
                    (before, after, amount, torg, korg),
                    (view, recog, charges, api, auto, used),
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
                    if let Some(v) = used {
                        m.insert("used_since_payment".into(), v.into());
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
            let both = [DoNot::PayAgain, DoNot::Chargeback];
            // Both or nothing.
            prop_assert!(d.do_not.is_empty() || d.do_not == both, "{:?}", d.do_not);
            let bank = facts.bank_status();
            let succeeded = facts.platform_payment_record() == Some(PaymentRecord::Succeeded);
            let went_through = succeeded || bank == Some(BankStatus::Settled);
            let charges = facts.charges_seen().unwrap_or(0);
            if facts.recognized_charge() == Some(false) {
                prop_assert_eq!(top, Some(Code::UnauthorizedCharge));
                prop_assert_eq!(d.first_contact, Contact::ProviderAndBank);
                prop_assert!(d.do_not.is_empty());
            } else if charges >= 2 && went_through {
                // A charge too many: never pay again, whatever the top.
                prop_assert_eq!(&d.do_not, &both);
            }
            // With no money in play, only a delay or another organization
            // (where credits may sit) holds off paying.
            let nothing_moved = !matches!(bank, Some(BankStatus::Pending | BankStatus::Settled))
                && !succeeded
                && charges == 0;
            if nothing_moved
                && !matches!(top, Some(Code::BalanceUpdateDelay | Code::WrongOrganization))
            {
                prop_assert!(d.do_not.is_empty(), "{:?} {:?}", top, d.do_not);
            }
            // Paid weeks ago, credited and used since, out of credit now:
            // buying again is the fix, and nobody needs to be asked.
            let long_ago = facts.paid_at().is_some_and(|p| {
                facts.now().is_some_and(|n| (n - p).num_days() > 14)
            });
            let orgs_differ = matches!(
                (facts.topup_org(), facts.key_org()),
                (Some(a), Some(b)) if a != b
            );
            if succeeded
                && long_ago
                && facts.used_since_payment() == Some(true)
                && facts.api_error().and_then(|e| e.code).as_deref() == Some("insufficient_quota")
                && charges <= 1
                && !matches!(bank, Some(BankStatus::Pending))
                && matches!(facts.payment_error(), None | Some(aispend_core::topup::PaymentError::None))
                && !orgs_differ
                && facts.can_view_billing() != Some(false)
                && facts.recognized_charge() != Some(false)
            {
                prop_assert!(
                    matches!(top, Some(Code::QuotaExhausted | Code::NegativeBalanceOffset)),
                    "{:?}", top
                );
                prop_assert_eq!(d.first_contact, Contact::None);
                prop_assert!(d.do_not.is_empty(), "{:?}", d.do_not);
            }
            if top.is_none() {
                prop_assert_eq!(d.first_contact, Contact::None);
                prop_assert!(d.do_not.is_empty());
            }
            // Only unknown facts are asked about.
            for m in &d.missing_facts {
                prop_assert!(!facts.has(m.fact));
            }
        }
    }
}

#[test]
fn a_diagnosis_renders_in_chinese_and_keeps_its_neutral_messages() {
    use aispend_core::i18n::Lang;
    let f = facts(
        r#"{"amount": "10.00", "currency": "USD", "paid_at": "2026-03-02T09:57:00Z",
            "now": "2026-03-02T10:00:00Z"}"#,
    );
    let en = diagnose(&f);
    let zh = diagnose(&f).localized(Lang::ZhCn);
    let (e, z) = (&en.diagnoses[0], &zh.diagnoses[0]);
    assert_eq!(e.explanation_msg, z.explanation_msg);
    assert!(e.explanation.contains("3 minutes ago"), "{}", e.explanation);
    assert!(z.explanation.contains("3 分钟前"), "{}", z.explanation);
    assert!(z.explanation.contains("10.00 USD"), "{}", z.explanation);
    assert!(zh.next_steps[0].contains("分钟"), "{:?}", zh.next_steps);
    assert!(zh
        .missing_facts
        .iter()
        .all(|m| m.question.chars().any(|c| c > '\u{4e00}')));
    // The JSON carries both: the rendered text and the id with its arguments.
    let v = serde_json::to_value(&zh).unwrap_or_default();
    assert_eq!(
        v["diagnoses"][0]["explanation_msg"]["id"],
        "topup-why-update-delay-early"
    );
    assert_eq!(v["diagnoses"][0]["explanation_msg"]["args"]["ago"], 3);
}

#[test]
fn accidental_api_billing_renders_in_both_languages() {
    use aispend_core::i18n::Lang;
    let d = diagnose(&facts(
        r#"{"provider": "anthropic", "api_key_billed": true, "now": "2026-03-02T10:00:00Z"}"#,
    ));
    let top = &d.diagnoses[0];
    assert_eq!(top.code, Code::AccidentalApiBilling);
    assert!(
        top.explanation.contains("Anthropic plan"),
        "{}",
        top.explanation
    );
    assert!(
        d.next_steps[0].contains("ANTHROPIC_API_KEY"),
        "{:?}",
        d.next_steps
    );
    let zh = top.explanation_msg.render(Lang::ZhCn);
    assert!(zh.contains("API 密钥") && zh.contains("Anthropic"), "{zh}");
    assert_eq!(
        top.code.title().render(Lang::ZhCn),
        "费用记在了 API 密钥上，而不是您的订阅套餐"
    );
}

fn facts(json: &str) -> Facts {
    Facts::from_json_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

//! The questions worth asking: for each unknown fact, a few representative
//! answers are tried, and the fact is kept when one changes the top
//! diagnosis or the first contact.
//!
//! Invariant: computed, never listed by hand; most different outcomes
//! first, ties in checklist order.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::ctx::{Ctx, Landed, DAY_MINUTES};
use super::{Code, Contact, Core, MissingFact};
use crate::topup::api_error::{ApiError, ApiErrorKind, QuotaCode};
use crate::topup::facts::{
    AutoRecharge, BankStatus, CardKind, FactName, FactValue, Facts, PaymentError, PaymentRecord,
    Source,
};

/// Representative answers to an unknown fact, each as the facts it sets.
pub(super) fn probes(name: FactName, f: &Facts) -> Vec<Vec<FactValue>> {
    let one = |v: FactValue| vec![v];
    match name {
        FactName::BankStatus => BankStatus::ALL
            .iter()
            .map(|v| one(FactValue::BankStatus(*v)))
            .collect(),
        FactName::PlatformPaymentRecord => PaymentRecord::ALL
            .iter()
            .map(|v| one(FactValue::PlatformPaymentRecord(*v)))
            .collect(),
        FactName::PaymentError => PaymentError::ALL
            .iter()
            .map(|v| one(FactValue::PaymentError(*v)))
            .collect(),
        FactName::CardKind => CardKind::ALL
            .iter()
            .map(|v| one(FactValue::CardKind(*v)))
            .collect(),
        FactName::PaidAt => match f.now() {
            Some(now) => [3, 30, 180, 10 * DAY_MINUTES, 6 * 7 * DAY_MINUTES]
                .iter()
                .filter_map(|m| now.checked_sub_signed(TimeDelta::minutes(*m)))
                .map(|t: DateTime<Utc>| one(FactValue::PaidAt(t)))
                .collect(),
            None => Vec::new(),
        },
        FactName::Amount => match (f.balance_before(), f.balance_after()) {
            (Some(b), Some(a)) => [
                a.checked_sub(b),
                a.checked_sub(b).and_then(|d| d.checked_add(Decimal::TEN)),
            ]
            .into_iter()
            .flatten()
            .filter(|d| *d > Decimal::ZERO)
            .map(|d| one(FactValue::Amount(d)))
            .collect(),
            _ => Vec::new(),
        },
        FactName::BalanceBefore => {
            let mut v = vec![Decimal::new(-800, 2), Decimal::ZERO];
            if let (Some(a), Some(amt)) = (f.balance_after(), f.amount()) {
                v.extend(a.checked_sub(amt));
            }
            v.into_iter()
                .map(|d| one(FactValue::BalanceBefore(d)))
                .collect()
        }
        FactName::BalanceAfter => match (f.balance_before(), f.amount()) {
            (Some(b), Some(amt)) => [b.checked_add(amt), Some(b)]
                .into_iter()
                .flatten()
                .map(|d| one(FactValue::BalanceAfter(d)))
                .collect(),
            _ => Vec::new(),
        },
        FactName::TopupOrg | FactName::KeyOrg => org_probes(
            name,
            f.topup_org(),
            f.key_org(),
            FactValue::TopupOrg,
            FactValue::KeyOrg,
            "org-",
        ),
        FactName::TopupProject | FactName::KeyProject => org_probes(
            name,
            f.topup_project(),
            f.key_project(),
            FactValue::TopupProject,
            FactValue::KeyProject,
            "proj_",
        ),
        FactName::CanViewBilling => vec![
            one(FactValue::CanViewBilling(true)),
            one(FactValue::CanViewBilling(false)),
        ],
        FactName::UsedSincePayment => vec![
            one(FactValue::UsedSincePayment(true)),
            one(FactValue::UsedSincePayment(false)),
        ],
        FactName::AutoRecharge => vec![
            one(FactValue::AutoRecharge(AutoRecharge {
                enabled: Some(true),
                threshold: None,
                monthly_limit: Some(Decimal::new(50, 0)),
                recharged_this_month: Some(Decimal::new(50, 0)),
            })),
            one(FactValue::AutoRecharge(AutoRecharge {
                enabled: Some(false),
                ..AutoRecharge::default()
            })),
        ],
        FactName::ApiError => [
            ApiErrorKind::Quota(QuotaCode::InsufficientQuota),
            ApiErrorKind::RateLimit,
            ApiErrorKind::ModelAccess,
            ApiErrorKind::InvalidKey,
        ]
        .into_iter()
        .map(|k| one(FactValue::ApiError(ApiError::example(k))))
        .collect(),
        FactName::RecognizedCharge => {
            if Ctx::new(f).money_moved {
                vec![one(FactValue::RecognizedCharge(false))]
            } else {
                Vec::new()
            }
        }
        FactName::ChargesSeen => vec![
            one(FactValue::ChargesSeen(1)),
            one(FactValue::ChargesSeen(2)),
        ],
        // Worth asking only where it would explain an empty balance.
        FactName::ApiKeyBilled => {
            let c = Ctx::new(f);
            let out_of_credit = matches!(
                f.api_error().map(|e| e.kind),
                Some(ApiErrorKind::Quota(q)) if !q.is_spend_limit()
            );
            if out_of_credit || c.landed() != Landed::Unknown {
                vec![one(FactValue::ApiKeyBilled(true))]
            } else {
                Vec::new()
            }
        }
        FactName::Provider | FactName::Currency | FactName::Now => Vec::new(),
    }
}

/// Same / different answers for one side of an org or project pair. When
/// both sides are unknown, only the key's side is asked (with both set).
pub(super) fn org_probes(
    name: FactName,
    topup: Option<String>,
    key: Option<String>,
    mk_topup: fn(String) -> FactValue,
    mk_key: fn(String) -> FactValue,
    prefix: &str,
) -> Vec<Vec<FactValue>> {
    let other = |s: &str| format!("{s}-other");
    let is_topup_side = matches!(name, FactName::TopupOrg | FactName::TopupProject);
    match (topup, key) {
        (Some(t), None) if !is_topup_side => {
            vec![vec![mk_key(t.clone())], vec![mk_key(other(&t))]]
        }
        (None, Some(k)) if is_topup_side => {
            vec![vec![mk_topup(k.clone())], vec![mk_topup(other(&k))]]
        }
        (None, None) if !is_topup_side => {
            let a = format!("{prefix}a");
            vec![
                vec![mk_topup(a.clone()), mk_key(a.clone())],
                vec![mk_topup(a.clone()), mk_key(other(&a))],
            ]
        }
        _ => Vec::new(),
    }
}

pub(super) fn missing_facts(facts: &Facts, core: &Core) -> Vec<MissingFact> {
    let base = core.outcome();
    let mut found: Vec<(usize, MissingFact)> = Vec::new();
    for &name in FactName::ALL {
        if facts.has(name) {
            continue;
        }
        let mut outcomes: Vec<(Option<Code>, Contact)> = Vec::new();
        for answer in probes(name, facts) {
            let mut probe = facts.clone();
            for v in answer {
                probe.set(v, Source::user());
            }
            let o = Core::run(&probe).outcome();
            if o != base && !outcomes.contains(&o) {
                outcomes.push(o);
            }
        }
        if outcomes.is_empty() {
            continue;
        }
        let mut could_lead_to: Vec<Code> = outcomes.iter().filter_map(|(c, _)| *c).collect();
        could_lead_to.sort_unstable();
        could_lead_to.dedup();
        found.push((
            outcomes.len(),
            MissingFact {
                fact: name,
                question: String::new(),
                question_msg: name.question(),
                could_lead_to,
            },
        ));
    }
    // Most different outcomes first; ties in checklist order (a stable sort).
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, m)| m).collect()
}

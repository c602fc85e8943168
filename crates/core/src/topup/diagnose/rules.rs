//! The rules: one per diagnosis code, each proposing a finding with a
//! score, an explanation built from the facts and the facts it rests on.
//!
//! Invariant: [`RULES`] lists every code once, in the order of `Code::ALL`;
//! a rule reads only its [`Ctx`].

use rust_decimal::Decimal;

use super::ctx::{close, Age, Ctx, Landed, NONE};
use super::{Code, HOLD_RELEASE_TYPICAL_DAYS, NORMAL_UPDATE_MINUTES, UPDATE_GIVE_UP_MINUTES};
use crate::i18n::Msg;
use crate::msg;
use crate::topup::api_error::{ApiError, ApiErrorKind, QuotaCode};
use crate::topup::facts::{
    AutoRecharge, BankStatus, CardKind, FactName, PaymentError, PaymentRecord,
};

/// A rule's proposal.
pub(super) struct Cand {
    pub(super) code: Code,
    pub(super) score: u8,
    pub(super) explanation: Msg,
    pub(super) facts: Vec<FactName>,
}

fn cand(code: Code, score: u8, explanation: Msg, facts: &[FactName]) -> Option<Cand> {
    Some(Cand {
        code,
        score,
        explanation,
        facts: facts.to_vec(),
    })
}

type Rule = fn(&Ctx<'_>) -> Option<Cand>;

pub(super) const RULES: &[Rule] = &[
    unauthorized_charge,
    duplicate_charge_risk,
    wrong_organization,
    negative_balance_offset,
    balance_update_delay,
    bank_authorization_only,
    payment_succeeded_not_credited,
    payment_3ds_failed,
    card_declined,
    billing_address_mismatch,
    prepaid_card_not_supported,
    unsupported_region,
    verification_page_blocked,
    auto_recharge_limit_reached,
    billing_permission_missing,
    quota_exhausted,
    not_billing_rate_limit,
    not_billing_model_access,
    not_billing_invalid_key,
    accidental_api_billing,
];

fn unauthorized_charge(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.recognized_charge() != Some(false) {
        return None;
    }
    cand(
        Code::UnauthorizedCharge,
        98,
        msg!(
            "topup-why-unauthorized-charge",
            amount = c.amount_arg(),
            provider = c.provider.name()
        ),
        &[
            FactName::RecognizedCharge,
            FactName::Amount,
            FactName::BankStatus,
            FactName::ChargesSeen,
        ],
    )
}

/// Whether the extra charges are past the point where they may still drop by
/// themselves: one settled, or they are older than a hold lasts.
pub(super) fn duplicate_is_final(c: &Ctx<'_>) -> bool {
    c.f.bank_status() == Some(BankStatus::Settled) || c.age.is_some_and(|a| a >= Age::Days)
}

fn duplicate_charge_risk(c: &Ctx<'_>) -> Option<Cand> {
    let n = c.f.charges_seen().filter(|n| *n >= 2)?;
    let state = match c.f.bank_status() {
        Some(BankStatus::Settled) => "settled",
        Some(BankStatus::Pending) if duplicate_is_final(c) => "pending-old",
        Some(BankStatus::Pending) => "pending",
        _ if duplicate_is_final(c) => "old",
        _ => "watch",
    };
    let score = if c.failed_only() {
        // The extra lines are holds from the refused attempts; the refusal
        // is the cause to fix first.
        60
    } else if duplicate_is_final(c) {
        96
    } else {
        91
    };
    cand(
        Code::DuplicateChargeRisk,
        score,
        c.with_ago(msg!(
            "topup-why-duplicate-charge-risk",
            n = i64::from(n),
            amount = c.amount_arg(),
            state = state
        )),
        &[
            FactName::ChargesSeen,
            FactName::BankStatus,
            FactName::PlatformPaymentRecord,
            FactName::Amount,
        ],
    )
}

fn wrong_organization(c: &Ctx<'_>) -> Option<Cand> {
    if c.org_mismatch() == Some(true) {
        let (t, k) = (c.f.topup_org()?, c.f.key_org()?);
        return cand(
            Code::WrongOrganization,
            // A failed payment bought nothing, so the mismatch hides no credits.
            if c.failed_only() { 30 } else { 92 },
            msg!("topup-why-wrong-organization", topup = t, key = k),
            &[
                FactName::TopupOrg,
                FactName::KeyOrg,
                FactName::PlatformPaymentRecord,
                FactName::CanViewBilling,
            ],
        );
    }
    if c.project_mismatch() == Some(true) && c.org_mismatch() != Some(true) {
        let (t, k) = (c.f.topup_project()?, c.f.key_project()?);
        return cand(
            Code::WrongOrganization,
            if c.failed_only() { 30 } else { 86 },
            msg!("topup-why-wrong-project", topup = t, key = k),
            &[
                FactName::TopupProject,
                FactName::KeyProject,
                FactName::TopupOrg,
                FactName::KeyOrg,
            ],
        );
    }
    None
}

fn negative_balance_offset(c: &Ctx<'_>) -> Option<Cand> {
    let amount = c.f.amount();
    let before = c.f.balance_before().or_else(|| {
        // A negative balance after a successful purchase implies one before.
        let after = c.f.balance_after()?;
        let a = amount?;
        (c.succeeded() && after < Decimal::ZERO).then(|| after.checked_sub(a))?
    })?;
    if before >= Decimal::ZERO {
        return None;
    }
    let debt = c.money(-before);
    let facts = &[
        FactName::BalanceBefore,
        FactName::BalanceAfter,
        FactName::Amount,
        FactName::PlatformPaymentRecord,
        FactName::ApiError,
    ];
    let not_arrived = matches!(
        c.f.platform_payment_record(),
        Some(PaymentRecord::None | PaymentRecord::Failed)
    );
    if not_arrived {
        return cand(
            Code::NegativeBalanceOffset,
            40,
            msg!(
                "topup-why-negative-not-arrived",
                before = c.money(before),
                debt = debt
            ),
            facts,
        );
    }
    let expected = amount.and_then(|a| before.checked_add(a));
    let (score, tail) = match (c.f.balance_after(), expected) {
        (Some(after), Some(exp)) if close(after, exp) => (
            95,
            msg!(
                "topup-why-negative-exact",
                before = c.money(before),
                after = c.money(after),
                amount = c.money(amount.unwrap_or_default()),
                debt = debt
            ),
        ),
        (Some(after), Some(exp)) => (
            55,
            msg!(
                "topup-why-negative-mismatch",
                before = c.money(before),
                debt = debt,
                after = c.money(after),
                expected = c.money(exp)
            ),
        ),
        _ => (
            75,
            msg!(
                "topup-why-negative-before-only",
                before = c.money(before),
                debt = debt,
                amount = c.amount_arg()
            ),
        ),
    };
    cand(Code::NegativeBalanceOffset, score, tail, facts)
}

fn balance_update_delay(c: &Ctx<'_>) -> Option<Cand> {
    let m = c.minutes?;
    if c.failed || m > UPDATE_GIVE_UP_MINUTES {
        return None;
    }
    if c.credited_in_full() == Some(true) {
        return None;
    }
    let score = match (m <= NORMAL_UPDATE_MINUTES, c.succeeded()) {
        (true, true) => 90,
        (true, false) => 80,
        (false, _) => 45,
    };
    let text = if m <= NORMAL_UPDATE_MINUTES {
        msg!(
            "topup-why-update-delay-early",
            amount = c.amount_arg(),
            minutes = NORMAL_UPDATE_MINUTES
        )
    } else {
        msg!("topup-why-update-delay-late", amount = c.amount_arg())
    };
    cand(
        Code::BalanceUpdateDelay,
        score,
        c.with_ago(text),
        &[
            FactName::PaidAt,
            FactName::Now,
            FactName::PlatformPaymentRecord,
            FactName::Amount,
        ],
    )
}

fn bank_authorization_only(c: &Ctx<'_>) -> Option<Cand> {
    let bank = c.f.bank_status()?;
    let record = c.f.platform_payment_record();
    let name = c.provider.name();
    let facts = &[
        FactName::BankStatus,
        FactName::PlatformPaymentRecord,
        FactName::PaidAt,
        FactName::Amount,
    ];
    let old_hold = c
        .minutes
        .is_some_and(|m| m > HOLD_RELEASE_TYPICAL_DAYS * 24 * 60);
    let hold = if old_hold { "old" } else { "young" };
    match (bank, record) {
        (BankStatus::Pending, Some(PaymentRecord::None | PaymentRecord::Failed) | None) => {
            let score = match record {
                Some(PaymentRecord::None)
                    if c.minutes.is_some_and(|m| m <= NORMAL_UPDATE_MINUTES) =>
                {
                    70
                }
                Some(PaymentRecord::None) => 85,
                Some(_) => 75,
                None => 55,
            };
            let record = match record {
                Some(PaymentRecord::None) => "none",
                Some(_) => "failed",
                None => "unchecked",
            };
            cand(
                Code::BankAuthorizationOnly,
                score,
                msg!(
                    "topup-why-bank-hold",
                    amount = c.amount_arg(),
                    record = record,
                    hold = hold,
                    provider = name,
                    days = HOLD_RELEASE_TYPICAL_DAYS
                ),
                facts,
            )
        }
        (BankStatus::Settled, Some(PaymentRecord::None)) => cand(
            Code::BankAuthorizationOnly,
            45,
            msg!(
                "topup-why-bank-settled-no-record",
                amount = c.amount_arg(),
                provider = name
            ),
            facts,
        ),
        _ => None,
    }
}

fn payment_succeeded_not_credited(c: &Ctx<'_>) -> Option<Cand> {
    if !c.succeeded() || c.credited_in_full() == Some(true) {
        return None;
    }
    let mut score: i32 = match c.minutes {
        Some(m) if m <= NORMAL_UPDATE_MINUTES => 20,
        Some(m) if m <= UPDATE_GIVE_UP_MINUTES => 70,
        Some(_) => 85,
        None => 60,
    };
    let used = c.f.used_since_payment();
    let long_ago = c.age == Some(Age::Weeks);
    if used == Some(true) && c.age != Some(Age::Minutes) {
        // The key worked after the payment: the credit most likely arrived.
        score = score.min(30);
    } else if long_ago && used.is_none() {
        // A credit that never arrived is usually noticed within days.
        score = score.min(50);
    }
    match c.org_mismatch() {
        Some(true) => score = score.min(30),
        Some(false) => {}
        None => score -= 10,
    }
    if let Some(before) = c.f.balance_before() {
        if before < Decimal::ZERO {
            score = score.min(30);
        }
    }
    if c.f.can_view_billing() == Some(false) {
        score -= 15;
    }
    let (before, after) = match (c.f.balance_before(), c.f.balance_after()) {
        (Some(b), Some(a)) => (c.money(b), c.money(a)),
        _ => (NONE.to_owned(), NONE.to_owned()),
    };
    let time = match (long_ago, used) {
        (_, Some(true)) => "used",
        (true, Some(false)) => "not-used-long-ago",
        (true, None) => "long-ago",
        (false, _) => NONE,
    };
    cand(
        Code::PaymentSucceededNotCredited,
        u8::try_from(score.clamp(0, 100)).unwrap_or(0),
        c.with_ago(msg!(
            "topup-why-paid-not-credited",
            provider = c.provider.name(),
            amount = c.amount_arg(),
            before = before,
            after = after,
            time = time
        )),
        &[
            FactName::PlatformPaymentRecord,
            FactName::PaidAt,
            FactName::Now,
            FactName::TopupOrg,
            FactName::KeyOrg,
            FactName::BalanceBefore,
            FactName::BalanceAfter,
            FactName::Amount,
            FactName::UsedSincePayment,
        ],
    )
}

/// An error from the payment page loses weight when a payment went through
/// anyway (a later attempt, most likely).
fn stale_if_succeeded(c: &Ctx<'_>, score: u8) -> u8 {
    if c.went_through() {
        score.saturating_sub(40)
    } else {
        score
    }
}

fn payment_3ds_failed(c: &Ctx<'_>) -> Option<Cand> {
    let e = c.f.payment_error()?;
    if !matches!(
        e,
        PaymentError::ThreeDsFailed | PaymentError::AuthenticationRequired
    ) {
        return None;
    }
    cand(
        Code::Payment3dsFailed,
        stale_if_succeeded(c, 90),
        msg!("topup-why-3ds-failed"),
        &[
            FactName::PaymentError,
            FactName::BankStatus,
            FactName::PlatformPaymentRecord,
        ],
    )
}

fn card_declined(c: &Ctx<'_>) -> Option<Cand> {
    let e = c.f.payment_error();
    let bank_declined = c.f.bank_status() == Some(BankStatus::Declined);
    let (score, text) = match e {
        Some(PaymentError::InternationalBlocked) => (90, msg!("topup-why-international-blocked")),
        Some(PaymentError::CardDeclined) => (
            if bank_declined { 90 } else { 88 },
            msg!("topup-why-card-declined"),
        ),
        _ if bank_declined => (80, msg!("topup-why-bank-declined")),
        None | Some(PaymentError::None)
            if c.f.platform_payment_record() == Some(PaymentRecord::Failed) =>
        {
            (
                55,
                msg!("topup-why-provider-failed", provider = c.provider.name()),
            )
        }
        None | Some(PaymentError::None) if c.f.bank_status() == Some(BankStatus::Reversed) => {
            (50, msg!("topup-why-bank-reversed"))
        }
        _ => return None,
    };
    cand(
        Code::CardDeclined,
        stale_if_succeeded(c, score),
        text,
        &[
            FactName::PaymentError,
            FactName::BankStatus,
            FactName::CardKind,
        ],
    )
}

fn billing_address_mismatch(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.payment_error()? != PaymentError::AddressMismatch {
        return None;
    }
    cand(
        Code::BillingAddressMismatch,
        stale_if_succeeded(c, 88),
        msg!("topup-why-address-mismatch"),
        &[FactName::PaymentError],
    )
}

fn prepaid_card_not_supported(c: &Ctx<'_>) -> Option<Cand> {
    let e = c.f.payment_error();
    let kind = c.f.card_kind();
    let facts = &[
        FactName::CardKind,
        FactName::PaymentError,
        FactName::PlatformPaymentRecord,
    ];
    if e == Some(PaymentError::PrepaidNotSupported) {
        return cand(
            Code::PrepaidCardNotSupported,
            stale_if_succeeded(c, 92),
            msg!("topup-why-prepaid-refused"),
            facts,
        );
    }
    if c.went_through() {
        return None;
    }
    match kind {
        Some(CardKind::Prepaid) => cand(
            Code::PrepaidCardNotSupported,
            80,
            msg!("topup-why-prepaid-card"),
            facts,
        ),
        Some(CardKind::Virtual) if c.failed && matches!(e, None | Some(PaymentError::None)) => {
            cand(
                Code::PrepaidCardNotSupported,
                30,
                msg!("topup-why-virtual-card"),
                facts,
            )
        }
        _ => None,
    }
}

fn unsupported_region(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.payment_error() == Some(PaymentError::UnsupportedRegion) {
        return cand(
            Code::UnsupportedRegion,
            stale_if_succeeded(c, 90),
            msg!("topup-why-region-payment", provider = c.provider.name()),
            &[FactName::PaymentError, FactName::CardKind],
        );
    }
    let err = c.f.api_error()?;
    if err.kind != ApiErrorKind::UnsupportedRegion {
        return None;
    }
    cand(
        Code::UnsupportedRegion,
        80,
        msg!("topup-why-region-api", error = err.label()),
        &[FactName::ApiError],
    )
}

fn verification_page_blocked(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.payment_error()? != PaymentError::VerificationPageBlocked {
        return None;
    }
    cand(
        Code::VerificationPageBlocked,
        stale_if_succeeded(c, 88),
        msg!("topup-why-verification-blocked"),
        &[FactName::PaymentError],
    )
}

fn auto_recharge_limit_reached(c: &Ctx<'_>) -> Option<Cand> {
    let a: AutoRecharge = c.f.auto_recharge()?;
    if a.limit_reached() != Some(true) {
        return None;
    }
    let (done, limit) = (
        a.recharged_this_month.unwrap_or_default(),
        a.monthly_limit.unwrap_or_default(),
    );
    let score = if c.succeeded() { 35 } else { 80 };
    cand(
        Code::AutoRechargeLimitReached,
        score,
        msg!(
            "topup-why-auto-recharge-limit",
            done = c.money(done),
            limit = c.money(limit)
        ),
        &[FactName::AutoRecharge, FactName::PlatformPaymentRecord],
    )
}

fn billing_permission_missing(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.can_view_billing()? {
        return None;
    }
    cand(
        Code::BillingPermissionMissing,
        75,
        msg!("topup-why-billing-permission"),
        &[
            FactName::CanViewBilling,
            FactName::TopupOrg,
            FactName::KeyOrg,
        ],
    )
}

fn quota_exhausted(c: &Ctx<'_>) -> Option<Cand> {
    let err: ApiError = c.f.api_error()?;
    let ApiErrorKind::Quota(code) = err.kind else {
        return None;
    };
    let error = err.label();
    let (score, text) = if code.is_spend_limit() {
        (80, msg!("topup-why-spend-limit", error = error))
    } else {
        let reason = match code {
            QuotaCode::CreditBalanceTooLow => "no-credit",
            _ => "org",
        };
        match c.landed() {
            Landed::Shown if c.credited_in_full() == Some(true) => (
                80,
                msg!(
                    "topup-why-quota-landed-full",
                    error = error,
                    reason = reason,
                    amount = c.amount_arg()
                ),
            ),
            Landed::Shown => (
                80,
                c.with_ago(msg!(
                    "topup-why-quota-landed-used",
                    error = error,
                    reason = reason,
                    amount = c.amount_arg()
                )),
            ),
            Landed::Presumed => (
                65,
                c.with_ago(msg!(
                    "topup-why-quota-presumed",
                    error = error,
                    reason = reason,
                    amount = c.amount_arg()
                )),
            ),
            Landed::Unknown => (
                60,
                msg!("topup-why-quota-unknown", error = error, reason = reason),
            ),
        }
    };
    cand(
        Code::QuotaExhausted,
        score,
        text,
        &[
            FactName::ApiError,
            FactName::BalanceAfter,
            FactName::PlatformPaymentRecord,
            FactName::UsedSincePayment,
            FactName::PaidAt,
        ],
    )
}

fn not_billing(c: &Ctx<'_>, kind: ApiErrorKind, code: Code, score: u8, why: Msg) -> Option<Cand> {
    let err = c.f.api_error()?;
    if err.kind != kind {
        return None;
    }
    cand(
        code,
        score,
        why.arg("error", err.label()),
        &[FactName::ApiError, FactName::KeyOrg, FactName::KeyProject],
    )
}

fn not_billing_rate_limit(c: &Ctx<'_>) -> Option<Cand> {
    not_billing(
        c,
        ApiErrorKind::RateLimit,
        Code::NotBillingRateLimit,
        70,
        msg!("topup-why-rate-limit"),
    )
}

fn not_billing_model_access(c: &Ctx<'_>) -> Option<Cand> {
    not_billing(
        c,
        ApiErrorKind::ModelAccess,
        Code::NotBillingModelAccess,
        70,
        msg!("topup-why-model-access"),
    )
}

fn not_billing_invalid_key(c: &Ctx<'_>) -> Option<Cand> {
    not_billing(
        c,
        ApiErrorKind::InvalidKey,
        Code::NotBillingInvalidKey,
        75,
        msg!("topup-why-invalid-key"),
    )
}

/// Usage billed to an API key while a plan covering the tool is paid
/// (issue "every AI tool that bills by use"): the credit went to work the
/// plan would have covered. Strongest when it explains an empty balance:
/// a quota error, or a credit known to have landed and gone.
fn accidental_api_billing(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.api_key_billed() != Some(true) {
        return None;
    }
    let out_of_credit = matches!(
        c.f.api_error().map(|e| e.kind),
        Some(ApiErrorKind::Quota(q)) if !q.is_spend_limit()
    );
    let score = if out_of_credit || c.landed() != Landed::Unknown {
        85
    } else {
        70
    };
    cand(
        Code::AccidentalApiBilling,
        score,
        msg!(
            "topup-why-accidental-api-billing",
            provider = c.provider.name()
        ),
        &[
            FactName::ApiKeyBilled,
            FactName::ApiError,
            FactName::UsedSincePayment,
            FactName::Provider,
        ],
    )
}

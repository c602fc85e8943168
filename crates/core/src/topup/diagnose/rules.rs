//! The rules: one per diagnosis code, each proposing a finding with a
//! score, an explanation built from the facts and the facts it rests on.
//!
//! Invariant: [`RULES`] lists every code once, in the order of `Code::ALL`;
//! a rule reads only its [`Ctx`].

use rust_decimal::Decimal;

use super::ctx::{close, Age, Ctx, Landed};
use super::{Code, HOLD_RELEASE_TYPICAL_DAYS, NORMAL_UPDATE_MINUTES, UPDATE_GIVE_UP_MINUTES};
use crate::topup::api_error::{ApiError, ApiErrorKind, QuotaCode};
use crate::topup::facts::{
    AutoRecharge, BankStatus, CardKind, FactName, PaymentError, PaymentRecord,
};

/// A rule's proposal.
pub(super) struct Cand {
    pub(super) code: Code,
    pub(super) score: u8,
    pub(super) explanation: String,
    pub(super) facts: Vec<FactName>,
}

fn cand(code: Code, score: u8, explanation: String, facts: &[FactName]) -> Option<Cand> {
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
];

fn unauthorized_charge(c: &Ctx<'_>) -> Option<Cand> {
    if c.f.recognized_charge() != Some(false) {
        return None;
    }
    cand(
        Code::UnauthorizedCharge,
        98,
        format!(
            "You did not make this purchase{}, so treat it as fraud rather than a missing \
             top-up: report it to {} and to your card issuer today, and assume an API key or \
             your login may be exposed.",
            c.of_amount(),
            c.provider.name()
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
    let settle = match c.f.bank_status() {
        Some(BankStatus::Settled) => " Your bank shows the charge as settled, so ask it to \
             reverse the extra one; that charge is the problem, whatever the balance shows."
            .to_owned(),
        Some(BankStatus::Pending) if duplicate_is_final(c) => format!(
            " They have been pending for{}, longer than a hold usually lasts: ask your bank \
             which of them will be taken and to release the extra one.",
            c.ago().trim_end_matches(" ago")
        ),
        Some(BankStatus::Pending) => " They are still pending: the extra one is usually a \
             hold from a retried attempt and should drop by itself."
            .to_owned(),
        _ if duplicate_is_final(c) => " By now a hold would have dropped, so ask your bank \
             whether more than one of them was taken."
            .to_owned(),
        _ => " Watch whether more than one of them settles.".to_owned(),
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
        format!(
            "Your card shows {n} charges for a single top-up{}.{settle} Paying again would \
             only add another.",
            c.of_amount()
        ),
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
            format!(
                "The credits were bought for organization {t}, but your API key belongs to \
                 {k}. Credits stay with the organization that bought them, so this key will \
                 not see them: use a key from {t}, or buy credits in {k}."
            ),
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
            format!(
                "You were looking at project {t} when you paid, but the API key belongs to \
                 project {k}. Check the key's project and its limits, or create a key in \
                 the project you meant."
            ),
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
            format!(
                "Your balance was already {} before this purchase. Once a payment does go \
                 through, the first {debt} of it will repay that usage, so the balance will \
                 rise by less than you paid.",
                c.money(before)
            ),
            facts,
        );
    }
    let expected = amount.and_then(|a| before.checked_add(a));
    let (score, tail) = match (c.f.balance_after(), expected) {
        (Some(after), Some(exp)) if close(after, exp) => (
            95,
            format!(
                "Your balance went from {} to {}, which is exactly the old balance plus the \
                 {} you paid: the top-up arrived in full and {debt} of it repaid earlier usage.",
                c.money(before),
                c.money(after),
                c.money(amount.unwrap_or_default())
            ),
        ),
        (Some(after), Some(exp)) => (
            55,
            format!(
                "Your balance was {} before paying, so {debt} of the top-up went to repay \
                 earlier usage; even so, {} is not the {} that old balance plus the payment \
                 would give, so something else is also at play.",
                c.money(before),
                c.money(after),
                c.money(exp)
            ),
        ),
        _ => (
            75,
            format!(
                "Your balance was {} before paying. Usage beyond your credit is recorded as a \
                 negative balance and the next purchase pays it off first, so {debt} of the \
                 top-up{} went there before anything showed as new credit.",
                c.money(before),
                c.of_amount()
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
        format!(
            "You paid{}{}. A new purchase can take a few minutes to reach the balance, so \
             nothing is wrong yet: reload the billing page in about {NORMAL_UPDATE_MINUTES} \
             minutes before doing anything else.",
            c.paid_amount(),
            c.ago()
        )
    } else {
        format!(
            "You paid{}{}, longer than a balance update normally takes but not so long that \
             a slow update is ruled out. Reload the billing page, then check the payment \
             history.",
            c.paid_amount(),
            c.ago()
        )
    };
    cand(
        Code::BalanceUpdateDelay,
        score,
        text,
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
    let hold_note = if old_hold {
        format!(
            " The hold is older than the {HOLD_RELEASE_TYPICAL_DAYS} days or so a hold usually \
             lasts, so ask your bank about it."
        )
    } else {
        format!(
            " If no payment shows up at {name}, the hold usually drops within about \
             {HOLD_RELEASE_TYPICAL_DAYS} days; your bank can confirm."
        )
    };
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
            let what = match record {
                Some(PaymentRecord::None) => {
                    format!("{name}'s payment history has no record of it")
                }
                Some(_) => format!("{name} recorded the payment as failed"),
                None => format!("you have not yet checked {name}'s payment history"),
            };
            cand(
                Code::BankAuthorizationOnly,
                score,
                format!(
                    "Your bank shows a pending charge{}, but {what}. A pending line is only a \
                     hold on the money, not a completed payment, and no credit is added until \
                     the provider confirms one.{hold_note}",
                    c.of_amount()
                ),
                facts,
            )
        }
        (BankStatus::Settled, Some(PaymentRecord::None)) => cand(
            Code::BankAuthorizationOnly,
            45,
            format!(
                "Your bank shows the charge{} as settled, yet {name}'s payment history for this \
                 organization lists nothing. Check the payment history of your other \
                 organizations; if none has it, ask your bank which merchant took the money.",
                c.of_amount()
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
    let balance = match (c.f.balance_before(), c.f.balance_after()) {
        (Some(b), Some(a)) => format!(" The balance went from {} to {}.", c.money(b), c.money(a)),
        _ => String::new(),
    };
    let time_note = match (long_ago, used) {
        (_, Some(true)) => {
            " The API did work after the payment, though, which suggests the \
             credit arrived and has been used since."
        }
        (true, Some(false)) => {
            " The API has not worked since you paid, so the credit most \
             likely never arrived."
        }
        (true, None) => {
            " After this long, though, a credit that arrived and has since been \
             used is the likelier story; say whether the API worked for a while after the \
             payment."
        }
        (false, _) => "",
    };
    cand(
        Code::PaymentSucceededNotCredited,
        u8::try_from(score.clamp(0, 100)).unwrap_or(0),
        format!(
            "{}'s payment history shows your payment{} succeeded{}, but no credit came with \
             it.{balance} When the organization matches and no negative balance explains the \
             gap, only {} can trace it in their records: send them the payment details.\
             {time_note}",
            c.provider.name(),
            c.of_amount(),
            c.ago(),
            c.support()
        ),
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
        "The payment stopped at your bank's security check (3-D Secure, the code or app \
         approval), so no credit was bought. Your bank knows why it failed: approve the \
         payment in its app or ask it to, then try once more, if needed in another browser."
            .to_owned(),
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
        Some(PaymentError::InternationalBlocked) => (
            90,
            "Your bank refused the payment because the card is not allowed to pay foreign or \
             online merchants. Ask the bank to allow international online payments, then \
             retry once."
                .to_owned(),
        ),
        Some(PaymentError::CardDeclined) => (
            if bank_declined { 90 } else { 88 },
            "The card was declined. The provider usually does not learn the reason, but your \
             bank does: ask it what blocked the payment (limits, foreign merchant rules, \
             fraud checks)."
                .to_owned(),
        ),
        _ if bank_declined => (
            80,
            "Your bank shows the payment as declined, so no money moved and no credit was \
             bought. Ask the bank why before trying again."
                .to_owned(),
        ),
        None | Some(PaymentError::None)
            if c.f.platform_payment_record() == Some(PaymentRecord::Failed) =>
        {
            (
                55,
                format!(
                    "{} recorded the payment as failed without a reason you can see. The \
                     provider often does not get the bank's reason for a refusal; your bank \
                     has it, so ask the bank before trying again.",
                    c.provider.name()
                ),
            )
        }
        None | Some(PaymentError::None) if c.f.bank_status() == Some(BankStatus::Reversed) => (
            50,
            "Your bank reversed the charge, so the purchase did not complete and the money is \
             back or on its way back. The bank can tell you why it was reversed."
                .to_owned(),
        ),
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
        "The billing address or postal code you entered does not match what your card issuer \
         has on file, so the bank's check failed. Enter the address exactly as the issuer \
         records it and try once more."
            .to_owned(),
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
            "The payment page refused the card as prepaid. API credits can only be bought \
             with a standard credit or debit card; retrying with this card will fail the \
             same way."
                .to_owned(),
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
            "You paid with a prepaid card, and API credits are sold only to standard credit \
             or debit cards. Use one of those instead."
                .to_owned(),
            facts,
        ),
        Some(CardKind::Virtual) if c.failed && matches!(e, None | Some(PaymentError::None)) => {
            cand(
                Code::PrepaidCardNotSupported,
                30,
                "The payment failed on a virtual card. Some virtual cards are prepaid \
                 underneath, which the provider does not accept; ask the card's issuer \
                 whether yours is."
                    .to_owned(),
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
            format!(
                "The payment was refused because of where it came from or where the card was \
                 issued. {} sells credits only in the countries it supports, to cards issued \
                 there.",
                c.provider.name()
            ),
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
        format!(
            "The API answers {}: it does not serve requests from your current country or \
             territory, and more credit will not change that.",
            err.label()
        ),
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
        "Your bank's verification window never finished loading, which a VPN, a pop-up \
         blocker or a script blocker often causes. Turn those off (or use a private window or \
         another network) and pay once more."
            .to_owned(),
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
        format!(
            "Auto-recharge has already added {} this month against a monthly limit of {}, so \
             it will not add more until next month. Raise the limit, or buy credits by hand \
             (a manual purchase does not count against that limit).",
            c.money(done),
            c.money(limit)
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
        "You cannot open this organization's billing page, so you cannot see its balance or \
         payment history yourself; what you see elsewhere (usage, card alerts) does not show \
         whether credits arrived. The organization's owner can check, or give you access."
            .to_owned(),
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
    let (score, text) = if code.is_spend_limit() {
        (
            80,
            format!(
                "The API answers {}: a spending limit set on the organization or project was \
                 reached. That cap stops requests whatever the balance is; whoever manages \
                 the limits has to raise it.",
                err.label()
            ),
        )
    } else {
        let why = match code {
            QuotaCode::CreditBalanceTooLow => "the account has no usable credit left",
            _ => "the organization has run out of usable credit",
        };
        let fix = "Buying credit again is the fix; retrying will not help.";
        match c.landed() {
            Landed::Shown if c.credited_in_full() == Some(true) => (
                80,
                format!(
                    "The API answers {}: {why}. The top-up{} did reach the balance (it rose by \
                     the amount paid), and what is there now is not enough for requests. {fix}",
                    err.label(),
                    c.of_amount()
                ),
            ),
            Landed::Shown => (
                80,
                format!(
                    "The API answers {}: {why}. The top-up{}{} did reach the balance, since \
                     the API kept working after it, and it has been spent since. {fix}",
                    err.label(),
                    c.of_amount(),
                    c.ago()
                ),
            ),
            Landed::Presumed => (
                65,
                format!(
                    "The API answers {}: {why}. The top-up{} was paid{}: a completed payment \
                     that old reached the balance long ago and has most likely been spent \
                     since. {fix} If the API never worked after that payment, say so, \
                     because then the credit may never have arrived.",
                    err.label(),
                    c.of_amount(),
                    c.ago()
                ),
            ),
            Landed::Unknown => (
                60,
                format!(
                    "The API answers {}: {why}. Retrying will not help; the error clears once \
                     credit reaches the organization the key belongs to.",
                    err.label()
                ),
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

fn not_billing(c: &Ctx<'_>, kind: ApiErrorKind, code: Code, score: u8, why: &str) -> Option<Cand> {
    let err = c.f.api_error()?;
    if err.kind != kind {
        return None;
    }
    cand(
        code,
        score,
        format!("The API answers {}: {why}", err.label()),
        &[FactName::ApiError, FactName::KeyOrg, FactName::KeyProject],
    )
}

fn not_billing_rate_limit(c: &Ctx<'_>) -> Option<Cand> {
    not_billing(
        c,
        ApiErrorKind::RateLimit,
        Code::NotBillingRateLimit,
        70,
        "too many requests or tokens per minute. That is a rate limit, not a lack of credit; \
         slow down, retry with backoff, or check the project's rate limits.",
    )
}

fn not_billing_model_access(c: &Ctx<'_>) -> Option<Cand> {
    not_billing(
        c,
        ApiErrorKind::ModelAccess,
        Code::NotBillingModelAccess,
        70,
        "the model name is wrong or this key's project may not use that model. Credit does \
         not change model access; check the model name and the project's allowed models.",
    )
}

fn not_billing_invalid_key(c: &Ctx<'_>) -> Option<Cand> {
    not_billing(
        c,
        ApiErrorKind::InvalidKey,
        Code::NotBillingInvalidKey,
        75,
        "the API key itself is not accepted (mistyped, revoked, or from another account). \
         Fix the key your code sends; credit has nothing to do with it.",
    )
}

//! Advice for the top finding: whom to contact first, what not to do yet,
//! and the next steps.
//!
//! Invariant: "do not" is both (`pay_again`, `chargeback`) or nothing, by
//! the rule of the `diagnose` module documentation.

use super::ctx::{Ctx, Landed};
use super::rules::duplicate_is_final;
use super::{Code, Contact, DoNot, NORMAL_UPDATE_MINUTES};
use crate::i18n::Msg;
use crate::msg;

pub(super) fn first_contact(top: Code, c: &Ctx<'_>) -> Contact {
    let owner_if_no_rights = if c.f.can_view_billing() == Some(false) {
        Contact::OrgOwner
    } else {
        Contact::None
    };
    match top {
        Code::BalanceUpdateDelay => Contact::Wait,
        Code::BankAuthorizationOnly | Code::Payment3dsFailed | Code::CardDeclined => {
            Contact::IssuingBank
        }
        Code::NegativeBalanceOffset
        | Code::BillingAddressMismatch
        | Code::PrepaidCardNotSupported
        | Code::UnsupportedRegion
        | Code::VerificationPageBlocked
        | Code::NotBillingRateLimit
        | Code::NotBillingInvalidKey
        | Code::AccidentalApiBilling => Contact::None,
        // Fixed on the billing or limits pages: by the user, or by the owner
        // when the user cannot open them.
        Code::WrongOrganization
        | Code::NotBillingModelAccess
        | Code::AutoRechargeLimitReached
        | Code::QuotaExhausted => owner_if_no_rights,
        Code::BillingPermissionMissing => Contact::OrgOwner,
        Code::DuplicateChargeRisk => {
            if duplicate_is_final(c) {
                Contact::IssuingBank
            } else {
                Contact::Wait
            }
        }
        Code::PaymentSucceededNotCredited => Contact::OpenaiSupport,
        Code::UnauthorizedCharge => Contact::ProviderAndBank,
    }
}

/// What not to do yet: both or nothing, by the rule of the module
/// documentation.
pub(super) fn do_not(top: Option<Code>, c: &Ctx<'_>) -> Vec<DoNot> {
    let Some(top) = top else {
        return Vec::new();
    };
    let hold_off = match top {
        // Paying again is beside the point, and the bank's dispute is the remedy.
        Code::UnauthorizedCharge => return Vec::new(),
        // The money is on its way, held, or unaccounted for.
        Code::BalanceUpdateDelay
        | Code::BankAuthorizationOnly
        | Code::PaymentSucceededNotCredited
        | Code::DuplicateChargeRisk => true,
        // The credits exist, in another organization or project.
        Code::WrongOrganization => !c.failed_only(),
        _ => c.money_open(),
    };
    // A charge too many already exists, whatever the top says.
    if hold_off || c.extra_charge() {
        vec![DoNot::PayAgain, DoNot::Chargeback]
    } else {
        Vec::new()
    }
}

pub(super) fn next_steps(top: Code, c: &Ctx<'_>) -> Vec<Msg> {
    let p = c.provider.name();
    match top {
        Code::BalanceUpdateDelay => vec![
            msg!("topup-step-wait-reload", minutes = NORMAL_UPDATE_MINUTES),
            msg!("topup-step-check-org-selected"),
        ],
        Code::BankAuthorizationOnly => vec![
            msg!("topup-step-check-payment-history", provider = p),
            msg!("topup-step-ask-bank-hold"),
        ],
        Code::NegativeBalanceOffset => vec![
            msg!("topup-step-compare-balance"),
            msg!("topup-step-look-at-usage"),
        ],
        Code::WrongOrganization => vec![
            msg!("topup-step-use-right-key"),
            msg!("topup-step-select-org-next-time"),
        ],
        Code::BillingPermissionMissing => vec![msg!("topup-step-ask-owner-billing")],
        Code::Payment3dsFailed | Code::CardDeclined => vec![
            msg!("topup-step-ask-bank-why"),
            msg!("topup-step-retry-once"),
        ],
        Code::BillingAddressMismatch => vec![msg!("topup-step-fix-address")],
        Code::PrepaidCardNotSupported => vec![msg!("topup-step-standard-card")],
        Code::UnsupportedRegion => vec![msg!("topup-step-check-regions", provider = p)],
        Code::VerificationPageBlocked => vec![msg!("topup-step-unblock-page")],
        Code::AutoRechargeLimitReached => vec![msg!("topup-step-raise-auto-recharge")],
        Code::NotBillingRateLimit => vec![msg!("topup-step-rate-limits")],
        Code::NotBillingModelAccess => vec![msg!("topup-step-model-name")],
        Code::NotBillingInvalidKey => vec![msg!("topup-step-new-key")],
        Code::QuotaExhausted => {
            let landed = c.landed() != Landed::Unknown;
            match (c.spend_limit(), c.f.can_view_billing() == Some(false)) {
                (true, true) => vec![msg!("topup-step-owner-raise-limit")],
                (true, false) => vec![msg!("topup-step-raise-limit")],
                (false, true) => vec![msg!("topup-step-owner-add-credit")],
                (false, false) if landed => vec![
                    msg!("topup-step-buy-credits-used"),
                    msg!("topup-step-auto-recharge"),
                ],
                (false, false) => vec![
                    msg!("topup-step-open-billing"),
                    msg!("topup-step-add-credit"),
                ],
            }
        }
        Code::DuplicateChargeRisk => vec![
            msg!("topup-step-keep-evidence"),
            if duplicate_is_final(c) {
                msg!("topup-step-bank-reverse-extra")
            } else {
                msg!("topup-step-if-both-settle")
            },
        ],
        Code::PaymentSucceededNotCredited => {
            vec![msg!("topup-step-contact-support", provider = p)]
        }
        Code::UnauthorizedCharge => vec![
            msg!("topup-step-report-charge", provider = p),
            msg!("topup-step-call-issuer"),
            msg!("topup-step-rotate-keys"),
        ],
        Code::AccidentalApiBilling => vec![
            msg!("topup-step-remove-api-key"),
            msg!("topup-step-check-key-usage"),
        ],
    }
}

//! Advice for the top finding: whom to contact first, what not to do yet,
//! and the next steps.
//!
//! Invariant: "do not" is both (`pay_again`, `chargeback`) or nothing, by
//! the rule of the `diagnose` module documentation.

use super::ctx::{Ctx, Landed};
use super::rules::duplicate_is_final;
use super::{Code, Contact, DoNot, NORMAL_UPDATE_MINUTES};

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
        | Code::NotBillingInvalidKey => Contact::None,
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

pub(super) fn next_steps(top: Code, c: &Ctx<'_>) -> Vec<String> {
    let p = c.provider.name();
    let lines: Vec<String> = match top {
        Code::BalanceUpdateDelay => vec![
            format!("Wait about {NORMAL_UPDATE_MINUTES} minutes, then reload the billing page."),
            "Make sure the organization you paid for is the one selected.".to_owned(),
        ],
        Code::BankAuthorizationOnly => vec![
            format!("Check {p}'s payment history for this payment."),
            "Ask your bank whether the line is a hold or a completed charge.".to_owned(),
        ],
        Code::NegativeBalanceOffset => vec![
            "Compare the balance before and after the purchase on the billing page.".to_owned(),
            "Look at recent usage to see what ran the balance below zero.".to_owned(),
        ],
        Code::WrongOrganization => vec![
            "Use an API key from the organization and project that hold the credits.".to_owned(),
            "Or select the key's organization before buying next time.".to_owned(),
        ],
        Code::BillingPermissionMissing => {
            vec!["Ask the organization's owner to check the balance or give you billing access."
                .to_owned()]
        }
        Code::Payment3dsFailed | Code::CardDeclined => vec![
            "Call your bank or open its app and ask why the payment was refused.".to_owned(),
            "Retry once after the bank has cleared it.".to_owned(),
        ],
        Code::BillingAddressMismatch => {
            vec!["Enter the billing address exactly as your card issuer has it, then retry once."
                .to_owned()]
        }
        Code::PrepaidCardNotSupported => {
            vec!["Pay with a standard credit or debit card.".to_owned()]
        }
        Code::UnsupportedRegion => vec![format!(
            "Check {p}'s list of supported countries for where you are and where the card was issued."
        )],
        Code::VerificationPageBlocked => vec![
            "Turn off VPNs, pop-up and script blockers, or use a private window, then pay once."
                .to_owned(),
        ],
        Code::AutoRechargeLimitReached => vec![
            "Raise the monthly auto-recharge limit, or buy credits by hand.".to_owned(),
        ],
        Code::NotBillingRateLimit => {
            vec!["Check the project's rate limits and add retries with backoff.".to_owned()]
        }
        Code::NotBillingModelAccess => {
            vec!["Check the model name and which models the key's project allows.".to_owned()]
        }
        Code::NotBillingInvalidKey => {
            vec!["Create a new key in the right project and update your code to use it."
                .to_owned()]
        }
        Code::QuotaExhausted => {
            let landed = c.landed() != Landed::Unknown;
            match (c.spend_limit(), c.f.can_view_billing() == Some(false)) {
                (true, true) => vec![
                    "Ask the organization's owner to raise the organization or project spend limit."
                        .to_owned(),
                ],
                (true, false) => vec![
                    "Raise the spend limit on the organization's or project's limits page.".to_owned(),
                ],
                (false, true) => vec![
                    "Ask the organization's owner to check the balance and add credit.".to_owned(),
                ],
                (false, false) if landed => vec![
                    "Buy credits on the billing page of the key's organization: the earlier \
                     top-up has been used."
                        .to_owned(),
                    "If the balance runs out often, turn on auto-recharge or raise its amount."
                        .to_owned(),
                ],
                (false, false) => vec![
                    "Open the billing page of the key's organization and check the balance."
                        .to_owned(),
                    "If it is empty or negative, add credit there; retrying alone will not help."
                        .to_owned(),
                ],
            }
        }
        Code::DuplicateChargeRisk => vec![
            "Keep both bank lines and the payment history as evidence.".to_owned(),
            if duplicate_is_final(c) {
                "Ask your bank to reverse the extra charge; do not buy again to make up for it."
                    .to_owned()
            } else {
                "If both charges settle, ask your bank to reverse the extra one.".to_owned()
            },
        ],
        Code::PaymentSucceededNotCredited => vec![format!(
            "Contact {} with the date, amount, receipt and the last 4 digits of the card.",
            c.support()
        )],
        Code::UnauthorizedCharge => vec![
            format!("Report the charge to {p} (date, amount, last 4 digits of the card)."),
            "Call your card issuer to block further charges and dispute this one.".to_owned(),
            "Rotate every API key, change your password and sign out of all devices.".to_owned(),
        ],
    };
    lines
}

//! The checklist's questions: the text that asks for each fact, how each is
//! answered (a choice, yes/no, an amount, ...) and the order the wizard asks
//! them in. They live next to the facts they ask for; front ends only show
//! them.
//!
//! Invariant: every choice offered is an id the facts reader accepts
//! ([`FactValue::parse_answer`](super::FactValue::parse_answer)).

use serde::Serialize;
use ts_rs::TS;

use super::facts::{BankStatus, CardKind, FactName, PaymentError, PaymentRecord, Provider};
use crate::i18n::Msg;
use crate::msg;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// One of `choices`.
    Choice,
    /// `true` or `false`.
    YesNo,
    /// A decimal amount such as 20.00.
    Decimal,
    /// An ISO 4217 code.
    Currency,
    /// An RFC 3339 instant.
    Instant,
    /// A whole number.
    Count,
    /// One line of text.
    Text,
    /// Text pasted as shown (an API error, auto-recharge settings).
    Paste,
}

impl FactName {
    /// The checklist question that asks for this fact.
    pub fn question(self) -> Msg {
        match self {
            FactName::Provider => msg!("topup-q-provider"),
            FactName::Amount => msg!("topup-q-amount"),
            FactName::Currency => msg!("topup-q-currency"),
            FactName::PaidAt => msg!("topup-q-paid-at"),
            FactName::Now => msg!("topup-q-now"),
            FactName::BankStatus => msg!("topup-q-bank-status"),
            FactName::PlatformPaymentRecord => msg!("topup-q-platform-payment-record"),
            FactName::PaymentError => msg!("topup-q-payment-error"),
            FactName::CardKind => msg!("topup-q-card-kind"),
            FactName::BalanceBefore => msg!("topup-q-balance-before"),
            FactName::BalanceAfter => msg!("topup-q-balance-after"),
            FactName::UsedSincePayment => msg!("topup-q-used-since-payment"),
            FactName::TopupOrg => msg!("topup-q-topup-org"),
            FactName::KeyOrg => msg!("topup-q-key-org"),
            FactName::TopupProject => msg!("topup-q-topup-project"),
            FactName::KeyProject => msg!("topup-q-key-project"),
            FactName::CanViewBilling => msg!("topup-q-can-view-billing"),
            FactName::AutoRecharge => msg!("topup-q-auto-recharge"),
            FactName::ApiError => msg!("topup-q-api-error"),
            FactName::RecognizedCharge => msg!("topup-q-recognized-charge"),
            FactName::ChargesSeen => msg!("topup-q-charges-seen"),
            FactName::ApiKeyBilled => msg!("topup-q-api-key-billed"),
        }
    }
}

/// The question for a fact or a case detail (`card_last4`,
/// `receipt_number`) of [`QUESTION_ORDER`].
pub fn question_msg(fact: &str) -> Msg {
    match (FactName::from_id(fact), fact) {
        (Some(name), _) => name.question(),
        (None, "card_last4") => msg!("topup-q-card-last4"),
        (None, "receipt_number") => msg!("topup-q-receipt-number"),
        (None, other) => Msg::new(other),
    }
}

/// The words for one answer to choose (`choice` an id of
/// [`answer_kind`]'s list for `fact`); `None` for a fact without choices.
pub fn choice_msg(fact: &str, choice: &str) -> Option<Msg> {
    let m = match (FactName::from_id(fact)?, choice) {
        (FactName::Provider, "openai") => msg!("topup-choice-provider-openai"),
        (FactName::Provider, "anthropic") => msg!("topup-choice-provider-anthropic"),
        (FactName::BankStatus, "none") => msg!("topup-choice-bank-status-none"),
        (FactName::BankStatus, "pending") => msg!("topup-choice-bank-status-pending"),
        (FactName::BankStatus, "settled") => msg!("topup-choice-bank-status-settled"),
        (FactName::BankStatus, "declined") => msg!("topup-choice-bank-status-declined"),
        (FactName::BankStatus, "reversed") => msg!("topup-choice-bank-status-reversed"),
        (FactName::PlatformPaymentRecord, "succeeded") => msg!("topup-choice-record-succeeded"),
        (FactName::PlatformPaymentRecord, "failed") => msg!("topup-choice-record-failed"),
        (FactName::PlatformPaymentRecord, "none") => msg!("topup-choice-record-none"),
        (FactName::PaymentError, "none") => msg!("topup-choice-error-none"),
        (FactName::PaymentError, "3ds_failed") => msg!("topup-choice-error-3ds-failed"),
        (FactName::PaymentError, "authentication_required") => {
            msg!("topup-choice-error-authentication-required")
        }
        (FactName::PaymentError, "card_declined") => msg!("topup-choice-error-card-declined"),
        (FactName::PaymentError, "international_blocked") => {
            msg!("topup-choice-error-international-blocked")
        }
        (FactName::PaymentError, "address_mismatch") => {
            msg!("topup-choice-error-address-mismatch")
        }
        (FactName::PaymentError, "prepaid_not_supported") => {
            msg!("topup-choice-error-prepaid-not-supported")
        }
        (FactName::PaymentError, "unsupported_region") => {
            msg!("topup-choice-error-unsupported-region")
        }
        (FactName::PaymentError, "verification_page_blocked") => {
            msg!("topup-choice-error-verification-page-blocked")
        }
        (FactName::CardKind, "credit") => msg!("topup-choice-card-credit"),
        (FactName::CardKind, "debit") => msg!("topup-choice-card-debit"),
        (FactName::CardKind, "prepaid") => msg!("topup-choice-card-prepaid"),
        (FactName::CardKind, "virtual") => msg!("topup-choice-card-virtual"),
        _ => return None,
    };
    Some(m)
}

/// The checklist's questions, in the order the wizard asks them: the
/// diagnosis facts, then the case-only details that fill the message.
pub const QUESTION_ORDER: &[&str] = &[
    "recognized_charge",
    "amount",
    "currency",
    "paid_at",
    "bank_status",
    "charges_seen",
    "platform_payment_record",
    "payment_error",
    "card_kind",
    "balance_before",
    "balance_after",
    "used_since_payment",
    "topup_org",
    "key_org",
    "topup_project",
    "key_project",
    "can_view_billing",
    "auto_recharge",
    "api_error",
    "api_key_billed",
    "provider",
    "card_last4",
    "receipt_number",
];

/// How a fact (or case detail) is answered, with the ids to choose from
/// for a choice.
pub fn answer_kind(fact: &str) -> (AnswerKind, Vec<String>) {
    fn choice<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> (AnswerKind, Vec<String>) {
        let ids = all.iter().map(|v| id(*v).to_owned()).collect();
        (AnswerKind::Choice, ids)
    }
    match FactName::from_id(fact) {
        Some(FactName::Provider) => choice(Provider::ALL, Provider::as_str),
        Some(FactName::BankStatus) => choice(BankStatus::ALL, BankStatus::as_str),
        Some(FactName::PlatformPaymentRecord) => choice(PaymentRecord::ALL, PaymentRecord::as_str),
        Some(FactName::PaymentError) => choice(PaymentError::ALL, PaymentError::as_str),
        Some(FactName::CardKind) => choice(CardKind::ALL, CardKind::as_str),
        Some(
            FactName::CanViewBilling
            | FactName::RecognizedCharge
            | FactName::UsedSincePayment
            | FactName::ApiKeyBilled,
        ) => (
            AnswerKind::YesNo,
            vec!["true".to_owned(), "false".to_owned()],
        ),
        Some(FactName::Amount | FactName::BalanceBefore | FactName::BalanceAfter) => {
            (AnswerKind::Decimal, Vec::new())
        }
        Some(FactName::Currency) => (AnswerKind::Currency, Vec::new()),
        Some(FactName::PaidAt | FactName::Now) => (AnswerKind::Instant, Vec::new()),
        Some(FactName::ChargesSeen) => (AnswerKind::Count, Vec::new()),
        Some(FactName::AutoRecharge | FactName::ApiError) => (AnswerKind::Paste, Vec::new()),
        _ => (AnswerKind::Text, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_and_question_has_words() {
        for fact in QUESTION_ORDER {
            assert_ne!(question_msg(fact).id, *fact, "{fact}");
            let (kind, choices) = answer_kind(fact);
            if kind == AnswerKind::Choice {
                for c in choices {
                    assert!(choice_msg(fact, &c).is_some(), "{fact}: {c}");
                }
            }
        }
    }
}

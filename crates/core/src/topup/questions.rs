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
    pub fn question(self) -> &'static str {
        match self {
            FactName::Provider => "Which provider was the top-up for: OpenAI or Anthropic?",
            FactName::Amount => "How much did you try to add, in the currency of the billing page?",
            FactName::Currency => "In which currency was the top-up?",
            FactName::PaidAt => "When did you pay (date and time)?",
            FactName::Now => "What time is it now?",
            FactName::BankStatus => {
                "What does your bank or card app show for this payment: nothing, pending, \
                 settled, declined or reversed?"
            }
            FactName::PlatformPaymentRecord => {
                "Does the provider's payment history list this payment, and did it succeed or fail?"
            }
            FactName::PaymentError => "Did the payment page show an error, and which one?",
            FactName::CardKind => "Which kind of card did you use: credit, debit, prepaid or virtual?",
            FactName::BalanceBefore => "What was the credit balance just before you paid?",
            FactName::BalanceAfter => "What does the credit balance show now?",
            FactName::UsedSincePayment => {
                "Since you paid, has the API worked for a while (calls billed after the payment)?"
            }
            FactName::TopupOrg => "Which organization was selected when you bought the credits?",
            FactName::KeyOrg => "Which organization does the API key you use belong to?",
            FactName::TopupProject => "Which project was selected when you bought the credits?",
            FactName::KeyProject => "Which project does the API key belong to?",
            FactName::CanViewBilling => "Can you open the billing page of that organization?",
            FactName::AutoRecharge => {
                "Is auto-recharge on, and how much has it added this month against its monthly limit?"
            }
            FactName::ApiError => "What error does the API return now? Paste it as shown.",
            FactName::RecognizedCharge => "Did you make this purchase yourself?",
            FactName::ChargesSeen => "How many card charges do you see for this one top-up?",
        }
    }
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
        Some(FactName::Provider) => choice(Provider::API_BILLED, Provider::as_str),
        Some(FactName::BankStatus) => choice(BankStatus::ALL, BankStatus::as_str),
        Some(FactName::PlatformPaymentRecord) => choice(PaymentRecord::ALL, PaymentRecord::as_str),
        Some(FactName::PaymentError) => choice(PaymentError::ALL, PaymentError::as_str),
        Some(FactName::CardKind) => choice(CardKind::ALL, CardKind::as_str),
        Some(
            FactName::CanViewBilling | FactName::RecognizedCharge | FactName::UsedSincePayment,
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

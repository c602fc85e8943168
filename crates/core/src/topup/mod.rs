//! "My top-up didn't arrive": facts in, ranked diagnoses out (SPEC §7.1).
//!
//! - [`Facts`] holds what is known about one missing top-up, each fact with its
//!   [`Source`] (the user, the ledger with its row ids, or the clock for `now`).
//!   [`Facts::from_json_str`] reads the JSON of SPEC §7.1;
//!   [`Facts::set_from_ledger`] adds what the ledger shows.
//! - [`diagnose`] is pure and deterministic: the same facts give the same
//!   [`Diagnosis`], and it never reads the clock (`now` is a fact; front ends
//!   fill it with [`Facts::now_or`]).
//!
//! Confidence is an integer 0–100: how strongly the given facts point at a
//! cause under this module's rules. It is a ranking score, not a calibrated
//! probability; the same facts always give the same numbers.

mod api_error;
mod card;
mod diagnose;
mod facts;
pub mod questions;

pub use api_error::{ApiError, ApiErrorKind, QuotaCode};
pub use card::{bank_status, charge_amount};
pub use diagnose::{
    diagnose, Code, Contact, Diagnosis, DoNot, Evidence, Finding, MissingFact,
    CREDIT_PRESUMED_USED_DAYS, HOLD_RELEASE_TYPICAL_DAYS, NORMAL_UPDATE_MINUTES,
    UPDATE_GIVE_UP_MINUTES,
};
pub use facts::{
    AutoRecharge, BankStatus, CardKind, Conflict, FactName, FactValue, Facts, Known, LedgerFill,
    Origin, PaymentError, PaymentRecord, Provider, Source,
};

use crate::i18n::{Lang, Msg};
use crate::msg;

/// Why a facts file or an answer was refused. Each names the field, the
/// problem and what was expected, as a message ([`TopupError::msg`]); the
/// `Display` text is its English. [`TopupError::in_file`] puts the file
/// name in front.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum TopupError {
    /// The text is not JSON at all. `message` is the JSON reader's own.
    #[error("{line}:{column}: not valid JSON: {message}; expected a JSON object of facts")]
    Json {
        line: usize,
        column: usize,
        message: String,
        /// The same problem as a message, for the user's language.
        why: Box<Msg>,
    },
    /// The facts file could not be read; the detail is the system's own.
    #[error("cannot read the facts file: {0}")]
    Read(String),
    /// JSON, but not an object.
    #[error(
        "the facts must be a JSON object ({{\"fact\": value, ...}}); expected an object such as {{\"bank_status\": \"pending\"}}"
    )]
    NotAnObject,
    /// One field is wrong. `at` is the line and column of its key, when found.
    #[error("{}", self.msg().render(Lang::En))]
    Field {
        field: String,
        at: Option<(usize, usize)>,
        problem: Box<Msg>,
        expected: Box<Msg>,
    },
}

/// A facts file that was refused: the file's name and why.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{}", self.msg().render(Lang::En))]
pub struct FactsFileError {
    pub file: String,
    pub error: TopupError,
}

impl FactsFileError {
    /// `FILE:LINE:COL: ...` when the place is known, else `FILE: ...`.
    pub fn msg(&self) -> Msg {
        if let Some((line, column)) = self.error.at() {
            msg!(
                "topup-facts-file-at",
                file = self.file.as_str(),
                line = line,
                column = column,
                error = self.error.body()
            )
        } else {
            msg!(
                "topup-facts-file",
                file = self.file.as_str(),
                error = self.error.msg()
            )
        }
    }
}

impl TopupError {
    /// `FILE:LINE:COL: ...` when the place is known, else `FILE: ...`.
    pub fn in_file(&self, file: &str) -> String {
        self.clone_in(file).to_string()
    }

    /// The error with the facts file's name, as an error of its own.
    pub fn in_file_error(self, file: &str) -> FactsFileError {
        FactsFileError {
            file: file.to_owned(),
            error: self,
        }
    }

    fn clone_in(&self, file: &str) -> FactsFileError {
        FactsFileError {
            file: file.to_owned(),
            error: self.clone(),
        }
    }

    /// The error as a message of the catalogs (`topup-errors.ftl`).
    pub fn msg(&self) -> Msg {
        match self.at() {
            Some((line, column)) => msg!(
                "topup-error-at",
                line = line,
                column = column,
                error = self.body()
            ),
            None => self.body(),
        }
    }

    /// The line and column the error is at, when known.
    fn at(&self) -> Option<(usize, usize)> {
        match self {
            TopupError::Json { line, column, .. } => Some((*line, *column)),
            TopupError::Field { at, .. } => *at,
            _ => None,
        }
    }

    /// The message without its place.
    fn body(&self) -> Msg {
        match self {
            TopupError::Json { why, .. } => {
                msg!("topup-error-json-body", detail = (**why).clone())
            }
            TopupError::NotAnObject => msg!("topup-error-not-an-object"),
            TopupError::Read(detail) => msg!("topup-error-read", detail = detail.as_str()),
            TopupError::Field {
                field,
                problem,
                expected,
                ..
            } => msg!(
                "topup-error-field",
                field = field.as_str(),
                problem = (**problem).clone(),
                expected = (**expected).clone()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// A refused answer of every kind the readers make.
    fn refusals() -> Vec<TopupError> {
        let file = |text: &str| Facts::from_json_str(text).err();
        let answer = |fact: &str, text: &str| FactValue::parse_answer(fact, text).err();
        [
            file("{\n  \"amount\": \"10.00\",\n}"),
            file("[1]"),
            file(r#"{"bank_stauts": "pending"}"#),
            file(r#"{"bank_status": "pendng"}"#),
            file(r#"{"bank_status": 3}"#),
            file(r#"{"amount": 10.5}"#),
            file(r#"{"amount": "ten"}"#),
            file(r#"{"amount": true}"#),
            file(r#"{"paid_at": "yesterday"}"#),
            file(r#"{"can_view_billing": "no"}"#),
            file(r#"{"topup_org": ""}"#),
            file(r#"{"auto_recharge": 5}"#),
            file(r#"{"auto_recharge": {"limit": "5"}}"#),
            file(r#"{"auto_recharge": {"monthly_limit": 50}}"#),
            file(r#"{"currency": 840}"#),
            file(r#"{"currency": "dollars"}"#),
            file(r#"{"charges_seen": -1}"#),
            file(r#"{"api_error": 429}"#),
            file(r#"{"api_error": "it failed"}"#),
            file(r#"{"api_error": "   "}"#),
            file(r#"{"api_error": "Error code: 429 - {'error': "}"#),
            file(r#"{"api_error": {"error": 5}}"#),
            file(r#"{"api_error": {"foo": 1}}"#),
            answer("bank_stauts", "pending"),
            answer("provider", "gemini"),
            Some(TopupError::Read(
                "No such file or directory (os error 2)".into(),
            )),
        ]
        .into_iter()
        .map(|e| e.unwrap_or_else(|| panic!("a refusal was accepted")))
        .collect()
    }

    #[test]
    fn every_refusal_is_a_message_whose_english_is_its_text() {
        for e in refusals() {
            let m = e.msg();
            assert_eq!(m.render(Lang::En), e.to_string());
            let zh = m.render(Lang::ZhCn);
            assert!(has_chinese(&zh), "{zh}");
            assert!(!zh.contains(" is not "), "English inside: {zh}");
            let in_file = e.clone().in_file_error("facts.json");
            assert_eq!(in_file.to_string(), e.in_file("facts.json"));
            assert!(in_file.msg().render(Lang::ZhCn).starts_with("facts.json"));
        }
    }

    #[test]
    fn a_refused_field_reads_in_chinese_with_its_place_and_values() {
        let e = Facts::from_json_str("{\n  \"bank_status\": \"pendng\"\n}")
            .err()
            .map(|e| e.in_file_error("a.json").msg().render(Lang::ZhCn));
        assert_eq!(
            e.as_deref(),
            Some(
                "a.json:2:3：字段“bank_status”：\"pendng\" 不是允许的取值；应为以下之一：\
                 \"none\", \"pending\", \"settled\", \"declined\" 或 \"reversed\""
            )
        );
        let e = FactValue::parse_answer("auto_recharge", r#"{"monthly_limit": 50}"#)
            .err()
            .map(|e| e.msg().render(Lang::ZhCn));
        assert_eq!(
            e.as_deref(),
            Some(
                "字段“auto_recharge”：\"monthly_limit\"：50 是 JSON 数字（金额要写成字符串，\
                 才能保持精确）；应为用字符串写的小数，例如 \"10.00\" 或 \"-8.00\""
            )
        );
    }
}

//! The rules: facts → ranked diagnoses, first contact, what not to do, and the
//! questions whose answers would change the result.
//!
//! Each of the 19 codes has one rule that looks at the facts and, when they
//! point at it, proposes a finding with a score (0–100), an explanation built
//! from the facts and the facts it rests on. Findings are ranked by score, ties
//! broken by the order of [`Code::ALL`]; nothing depends on the clock, hash
//! order or the machine.
//!
//! # Time: the age of the payment
//!
//! The same facts mean different things an hour and a month after paying.
//! The age is `now − paid_at` (unknown when either is unknown), read in four
//! windows:
//!
//! | window | age | what a missing credit means there |
//! |---|---|---|
//! | minutes | up to [`UPDATE_GIVE_UP_MINUTES`] | a purchase can take a few minutes to reach the balance (normally [`NORMAL_UPDATE_MINUTES`]): nothing is wrong yet |
//! | hours | up to [`HOLD_RELEASE_TYPICAL_DAYS`] days | the provider has recorded the payment or not; a card line may still be a hold that settles or drops by itself |
//! | days | up to [`CREDIT_PRESUMED_USED_DAYS`] days | a hold should have settled or dropped by now; one still pending, or a second charge still there, is the bank's to explain |
//! | weeks | beyond | a completed payment reached the balance long ago and has likely been spent since: today's balance and today's API error say nothing about whether it arrived then |
//!
//! # Where the money stands
//!
//! Three readings of the facts decide what not to do (and feed some scores):
//!
//! - **failed**: the payment page, the bank (declined, reversed) or the
//!   provider (failed) says the payment did not go through, and no completed
//!   payment (a settled charge, or the provider's record of success) says
//!   otherwise.
//! - **credit landed**: *shown* when the balance rose by the amount paid (a
//!   negative balance it repaid included) or the API kept working after the
//!   payment (`used_since_payment`, which the ledger fills from the cost
//!   exports); *presumed* when a completed payment is in the weeks window and
//!   nobody says the API stopped working after it.
//! - **money open**: money left or is held (a hold, a settled charge, the
//!   provider's record, a charge the user sees), the payment did not fail, and
//!   the credit is not known to have landed. Such a payment may still turn
//!   into credit, or the bank or the provider may still put it right.
//!
//! # First contact and what not to do
//!
//! The first contact belongs to the top finding (table below). What not to
//! do is the same pair for every code, `pay_again` and `chargeback`, and is
//! given exactly when paying again could buy the same credit twice and a
//! dispute would cut across a fix still in progress:
//!
//! - never for `unauthorized_charge`: paying is beside the point and the
//!   bank's dispute is the remedy;
//! - always when two or more charges are seen for one top-up and the payment
//!   did not fail (a charge too many already exists), whatever the top;
//! - for a top finding that says the money is on its way or unaccounted for
//!   (`balance_update_delay`, `bank_authorization_only`,
//!   `payment_succeeded_not_credited`, `duplicate_charge_risk`) and for
//!   `wrong_organization` unless the payment failed (the credits sit in the
//!   other organization; buying in the key's would buy a second lot);
//! - for every other top finding only while the money is open. So never once
//!   the credit landed (used up, repaid a negative balance: paying is the
//!   fix), never after a refused payment with nothing settled (retrying once
//!   the cause is fixed is the fix), and never for a limit or an API error
//!   when no payment is in play.
//!
//! # Several causes at once
//!
//! Scores sit on one ladder, so that when several rules apply the ranking
//! follows these rules rather than special cases:
//!
//! 1. A charge the user did not make (98) is above everything.
//! 2. A second charge that settled, or that is older than a hold lasts (96),
//!    is above every explanation of the balance, even one the figures prove
//!    to the cent (a negative balance repaid, 95): the balance can be right
//!    while the card is charged twice. Young pending duplicates (91) may
//!    still drop, so a proven explanation stays above them.
//! 3. Facts that prove a cause (the offset to the cent 95, another
//!    organization 92) are above causes that are only likely.
//! 4. A refusal on the payment page (88–92) loses 40 when a completed
//!    payment exists: a later attempt went through and its fate is the
//!    question.
//! 5. The weeks window turns "paid but not credited" (85) into the less
//!    likely story (50, or 30 when the API worked after paying): a quota
//!    error then means the credit was spent (65 presumed, 80 shown).
//!
//! Per code, with what elapsed time changes:
//!
//! | code | confidence | first contact | do not |
//! |---|---|---|---|
//! | `unauthorized_charge` | 98 | `provider_and_bank` | nothing |
//! | `duplicate_charge_risk` | 96 settled or past the hold window; 91 pending and young; 60 when the payment failed (holds from the attempts) | `issuing_bank` when settled or past the hold window, else `wait` | both |
//! | `negative_balance_offset` | 95 when after = before + amount; 75 with the balance before only; 55 when the figures disagree; 40 before any payment went through | `none` | while money open (not when the figures prove the credit landed) |
//! | `wrong_organization` | 92 (organization), 86 (project); 30 after a failed payment | `org_owner` without billing rights, else `none` | both unless the payment failed |
//! | `balance_update_delay` | minutes window only: 90 with a provider record, 80 without; 45 after 10 minutes | `wait` | both |
//! | `bank_authorization_only` | pending: 85 (70 in the first 10 minutes), 75 when the provider failed it, 55 unchecked; settled without a record 45; past the hold window the text sends you to the bank | `issuing_bank` | both |
//! | `payment_succeeded_not_credited` | 20 / 70 / 85 by the minutes window; 50 in the weeks window unless the API has not worked since; 30 when the API worked since, a negative balance or another organization explains it; −10 organization unknown; −15 no billing rights | `openai_support` | both |
//! | `payment_3ds_failed`, `card_declined` | 50–90; −40 after a completed payment | `issuing_bank` | while money open |
//! | `billing_address_mismatch`, `prepaid_card_not_supported`, `unsupported_region`, `verification_page_blocked` | 80–92; −40 after a completed payment | `none` | while money open |
//! | `auto_recharge_limit_reached` | 80; 35 after a successful manual purchase | `org_owner` without billing rights, else `none` | while money open |
//! | `billing_permission_missing` | 75 | `org_owner` | while money open |
//! | `quota_exhausted` | 80 for a spend limit or a credit shown landed; 65 presumed (weeks); 60 otherwise | `org_owner` without billing rights, else `none` | while money open: never once the credit landed |
//! | `not_billing_*` | 70–75 | `none` (`org_owner` for model access without billing rights) | while money open |
//!
//! `missing_facts` is computed, not listed by hand: for each unknown fact the
//! engine tries a few representative answers and keeps the fact when some
//! answer changes the top diagnosis or the first contact.
//!
//! # Files
//!
//! `ctx.rs` reads the facts into the time model and the standing of the
//! money; `rules.rs` holds one rule per code; `advice.rs` the first contact,
//! what not to do and the next steps; `missing.rs` the questions worth
//! asking. This file holds the output types and runs them in that order.

mod advice;
mod ctx;
mod missing;
mod rules;

use serde::Serialize;
use serde_json::Value;

use super::facts::{id_enum, Conflict, FactName, FactValue, Facts, Origin, Provider, Source};
use crate::i18n::{Lang, Msg};
use crate::msg;
use advice::{do_not, first_contact, next_steps};
use ctx::Ctx;
use missing::missing_facts;
use rules::RULES;

/// A balance normally shows a purchase within a few minutes. The guide's
/// first part and its FAQ say credits "may take a few minutes" to appear
/// (older OpenAI text: "a couple minutes", reference/formats.md §1.5); ten
/// minutes is that, with room.
pub const NORMAL_UPDATE_MINUTES: i64 = 10;

/// After this long, a slow update no longer explains a missing balance. The
/// guide's FAQ: if the balance still has not changed "after a longer period",
/// move on to payment history, the bank and a negative balance.
pub const UPDATE_GIVE_UP_MINUTES: i64 = 60;

/// How long a card hold usually stays before it settles or drops. The guide's
/// part on bank authorization says an unsettled hold is released "later"
/// without a number; seven days is the common card-network figure (some
/// issuers keep holds up to about 30 days). Past it, ask the bank.
pub const HOLD_RELEASE_TYPICAL_DAYS: i64 = 7;

/// From this age on, a completed payment is presumed to have reached the
/// balance and to have been used since, unless the user says the API never
/// worked after it. Two weeks: past the hold window, past the time in which a
/// credit that never arrived gets noticed by a key that keeps failing, and
/// about the span the ledger looks back for card lines
/// (`reconcile::RECENT_DAYS`).
pub const CREDIT_PRESUMED_USED_DAYS: i64 = 14;

id_enum!(
    /// The stable diagnosis codes of SPEC §7.1.
    Code as "DiagnosisCode" {
        UnauthorizedCharge => "unauthorized_charge",
        DuplicateChargeRisk => "duplicate_charge_risk",
        WrongOrganization => "wrong_organization",
        NegativeBalanceOffset => "negative_balance_offset",
        BalanceUpdateDelay => "balance_update_delay",
        BankAuthorizationOnly => "bank_authorization_only",
        PaymentSucceededNotCredited => "payment_succeeded_not_credited",
        Payment3dsFailed => "payment_3ds_failed",
        CardDeclined => "card_declined",
        BillingAddressMismatch => "billing_address_mismatch",
        PrepaidCardNotSupported => "prepaid_card_not_supported",
        UnsupportedRegion => "unsupported_region",
        VerificationPageBlocked => "verification_page_blocked",
        AutoRechargeLimitReached => "auto_recharge_limit_reached",
        BillingPermissionMissing => "billing_permission_missing",
        QuotaExhausted => "quota_exhausted",
        NotBillingRateLimit => "not_billing_rate_limit",
        NotBillingModelAccess => "not_billing_model_access",
        NotBillingInvalidKey => "not_billing_invalid_key",
        AccidentalApiBilling => "accidental_api_billing",
    }
);

impl Code {
    /// The finding's title for the user.
    pub fn title(self) -> Msg {
        match self {
            Code::UnauthorizedCharge => msg!("topup-code-unauthorized-charge"),
            Code::DuplicateChargeRisk => msg!("topup-code-duplicate-charge-risk"),
            Code::WrongOrganization => msg!("topup-code-wrong-organization"),
            Code::NegativeBalanceOffset => msg!("topup-code-negative-balance-offset"),
            Code::BalanceUpdateDelay => msg!("topup-code-balance-update-delay"),
            Code::BankAuthorizationOnly => msg!("topup-code-bank-authorization-only"),
            Code::PaymentSucceededNotCredited => {
                msg!("topup-code-payment-succeeded-not-credited")
            }
            Code::Payment3dsFailed => msg!("topup-code-payment-3ds-failed"),
            Code::CardDeclined => msg!("topup-code-card-declined"),
            Code::BillingAddressMismatch => msg!("topup-code-billing-address-mismatch"),
            Code::PrepaidCardNotSupported => msg!("topup-code-prepaid-card-not-supported"),
            Code::UnsupportedRegion => msg!("topup-code-unsupported-region"),
            Code::VerificationPageBlocked => msg!("topup-code-verification-page-blocked"),
            Code::AutoRechargeLimitReached => msg!("topup-code-auto-recharge-limit-reached"),
            Code::BillingPermissionMissing => msg!("topup-code-billing-permission-missing"),
            Code::QuotaExhausted => msg!("topup-code-quota-exhausted"),
            Code::NotBillingRateLimit => msg!("topup-code-not-billing-rate-limit"),
            Code::NotBillingModelAccess => msg!("topup-code-not-billing-model-access"),
            Code::NotBillingInvalidKey => msg!("topup-code-not-billing-invalid-key"),
            Code::AccidentalApiBilling => msg!("topup-code-accidental-api-billing"),
        }
    }
}

id_enum!(
    /// Whom to contact first.
    Contact {
        Wait => "wait", IssuingBank => "issuing_bank", OpenaiSupport => "openai_support",
        OrgOwner => "org_owner", ProviderAndBank => "provider_and_bank", None => "none",
    }
);

id_enum!(
    /// What not to do yet.
    DoNot { PayAgain => "pay_again", Chargeback => "chargeback" }
);

impl Contact {
    /// Whom to contact, in words (`provider` names the provider's support).
    pub fn msg(self, provider: Provider) -> Msg {
        let p = provider.name();
        match self {
            Contact::Wait => msg!("topup-contact-wait"),
            Contact::IssuingBank => msg!("topup-contact-issuing-bank"),
            Contact::OpenaiSupport => msg!("topup-contact-openai-support", provider = p),
            Contact::OrgOwner => msg!("topup-contact-org-owner"),
            Contact::ProviderAndBank => msg!("topup-contact-provider-and-bank", provider = p),
            Contact::None => msg!("topup-contact-none"),
        }
    }

    /// Why that contact comes first.
    pub fn hint(self) -> Msg {
        match self {
            Contact::Wait => msg!("topup-contact-hint-wait"),
            Contact::IssuingBank => msg!("topup-contact-hint-issuing-bank"),
            Contact::OpenaiSupport => msg!("topup-contact-hint-openai-support"),
            Contact::OrgOwner => msg!("topup-contact-hint-org-owner"),
            Contact::ProviderAndBank => msg!("topup-contact-hint-provider-and-bank"),
            Contact::None => msg!("topup-contact-hint-none"),
        }
    }
}

impl DoNot {
    /// What not to do, and why, for the user.
    pub fn msg(self) -> crate::i18n::Msg {
        match self {
            DoNot::PayAgain => crate::msg!("donot-pay-again"),
            DoNot::Chargeback => crate::msg!("donot-chargeback"),
        }
    }
}

/// A fact a finding rests on, with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub fact: FactName,
    pub value: Value,
    pub source: Origin,
    /// The ledger rows behind the fact (empty when none).
    pub rows: Vec<i64>,
}

/// One possible cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    /// 0–100, see the module documentation of `topup`.
    pub confidence: u8,
    /// `explanation_msg` rendered (English unless [`Diagnosis::localize`]d).
    pub explanation: String,
    /// Why the facts point here: a message id and its arguments.
    pub explanation_msg: Msg,
    pub evidence: Vec<Evidence>,
}

/// An unanswered question whose answer would change the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingFact {
    pub fact: FactName,
    /// `question_msg` rendered.
    pub question: String,
    pub question_msg: Msg,
    /// The top diagnoses some answer would lead to (the current one when only
    /// the first contact would change).
    pub could_lead_to: Vec<Code>,
}

/// The whole answer for one set of facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// Best first.
    pub diagnoses: Vec<Finding>,
    pub first_contact: Contact,
    pub do_not: Vec<DoNot>,
    /// Most useful first.
    pub missing_facts: Vec<MissingFact>,
    /// `next_steps_msg` rendered.
    pub next_steps: Vec<String>,
    pub next_steps_msg: Vec<Msg>,
    /// Every known fact with its provenance.
    pub facts: Vec<Evidence>,
    /// Facts where the ledger disagrees with the user (the user's value is used).
    pub conflicts: Vec<Conflict>,
}

impl Diagnosis {
    /// The best finding, if any rule applied.
    pub fn top(&self) -> Option<&Finding> {
        self.diagnoses.first()
    }

    /// Renders every text in `lang` (each `*_msg` stays as it is).
    pub fn localize(&mut self, lang: Lang) {
        for f in &mut self.diagnoses {
            f.explanation = f.explanation_msg.render(lang);
        }
        for m in &mut self.missing_facts {
            m.question = m.question_msg.render(lang);
        }
        self.next_steps = self.next_steps_msg.iter().map(|m| m.render(lang)).collect();
    }

    /// This diagnosis with its texts in `lang`.
    pub fn localized(mut self, lang: Lang) -> Diagnosis {
        self.localize(lang);
        self
    }

    /// Every ledger row the answer cites, ascending.
    pub fn ledger_rows(&self) -> Vec<i64> {
        let mut rows: Vec<i64> = self.facts.iter().flat_map(|e| e.rows.clone()).collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }
}

/// Works out the likely causes. Pure: reads only `facts`.
pub fn diagnose(facts: &Facts) -> Diagnosis {
    let core = Core::run(facts);
    let missing_facts = missing_facts(facts, &core);
    let next_steps_msg = core
        .findings
        .first()
        .map(|f| next_steps(f.code, &Ctx::new(facts)))
        .unwrap_or_else(|| vec![msg!("topup-step-no-cause")]);
    let d = Diagnosis {
        diagnoses: core.findings,
        first_contact: core.contact,
        do_not: core.do_not,
        missing_facts,
        next_steps: Vec::new(),
        next_steps_msg,
        facts: facts
            .iter()
            .map(|k| evidence_of(&k.value, &k.source))
            .collect(),
        conflicts: facts.conflicts().to_vec(),
    };
    d.localized(Lang::En)
}

fn evidence_of(value: &FactValue, source: &Source) -> Evidence {
    Evidence {
        fact: value.name(),
        value: value.to_json(),
        source: source.origin,
        rows: source.rows.clone(),
    }
}

/// Findings, contact and do-not: everything but the questions.
pub(super) struct Core {
    findings: Vec<Finding>,
    contact: Contact,
    do_not: Vec<DoNot>,
}

impl Core {
    pub(super) fn run(facts: &Facts) -> Core {
        let ctx = Ctx::new(facts);
        let mut findings: Vec<Finding> = RULES
            .iter()
            .filter_map(|rule| rule(&ctx))
            .map(|c| Finding {
                code: c.code,
                confidence: c.score.min(100),
                explanation: String::new(),
                explanation_msg: c.explanation,
                evidence: c
                    .facts
                    .iter()
                    .filter_map(|n| facts.get(*n))
                    .map(|k| evidence_of(&k.value, &k.source))
                    .collect(),
            })
            .filter(|f| f.confidence > 0)
            .collect();
        findings.sort_by(|a, b| b.confidence.cmp(&a.confidence).then(a.code.cmp(&b.code)));
        let top = findings.first().map(|f| f.code);
        let contact = top.map_or(Contact::None, |c| first_contact(c, &ctx));
        let do_not = do_not(top, &ctx);
        Core {
            findings,
            contact,
            do_not,
        }
    }

    pub(super) fn outcome(&self) -> (Option<Code>, Contact) {
        (self.findings.first().map(|f| f.code), self.contact)
    }
}

#[cfg(test)]
mod tests {
    use super::ctx::duration_words;
    use super::*;
    use crate::topup::facts::{BankStatus, PaymentRecord};

    fn facts(json: &str) -> Facts {
        Facts::from_json_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn every_rule_is_listed_once_in_code_order() {
        assert_eq!(RULES.len(), Code::ALL.len());
        assert_eq!(Code::ALL.len(), 20);
    }

    #[test]
    fn no_facts_no_diagnosis_but_questions() {
        let d = diagnose(&Facts::new());
        assert!(d.diagnoses.is_empty());
        assert_eq!(d.first_contact, Contact::None);
        assert!(d.do_not.is_empty());
        assert!(!d.missing_facts.is_empty());
    }

    #[test]
    fn ledger_rows_reach_the_evidence() {
        let mut f = facts(r#"{"now": "2026-03-01T12:00:00Z"}"#);
        f.set_from_ledger(FactValue::BankStatus(BankStatus::Pending), &[17]);
        f.set_from_ledger(FactValue::PlatformPaymentRecord(PaymentRecord::None), &[]);
        let d = diagnose(&f);
        let top = d.top().unwrap_or_else(|| panic!("no finding"));
        assert_eq!(top.code, Code::BankAuthorizationOnly);
        let bank = top
            .evidence
            .iter()
            .find(|e| e.fact == FactName::BankStatus)
            .unwrap_or_else(|| panic!("no bank evidence"));
        assert_eq!((bank.source, bank.rows.clone()), (Origin::Ledger, vec![17]));
        assert_eq!(d.ledger_rows(), vec![17]);
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        let max = "79228162514264337593543950335";
        for (before, after, amount) in [
            (format!("-{max}"), max.to_owned(), max.to_owned()),
            (max.to_owned(), format!("-{max}"), format!("-{max}")),
            (format!("-{max}"), format!("-{max}"), max.to_owned()),
        ] {
            let f = facts(&format!(
                r#"{{"balance_before": "{before}", "balance_after": "{after}", "amount": "{amount}",
                    "platform_payment_record": "succeeded"}}"#
            ));
            let d = diagnose(&f);
            assert!(!d.diagnoses.is_empty());
        }
    }

    #[test]
    fn duration_words_read_well() {
        assert_eq!(duration_words(1, Lang::En), "1 minute ago");
        assert_eq!(duration_words(90, Lang::En), "90 minutes ago");
        assert_eq!(duration_words(180, Lang::En), "3 hours ago");
        assert_eq!(duration_words(3 * 24 * 60, Lang::En), "3 days ago");
        assert_eq!(duration_words(60 * 24 * 60, Lang::En), "8 weeks ago");
        assert_eq!(duration_words(180, Lang::ZhCn), "3 小时前");
    }
}

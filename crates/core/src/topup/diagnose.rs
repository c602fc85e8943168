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

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::api_error::{ApiError, ApiErrorKind, QuotaCode};
use super::facts::{
    id_enum, AutoRecharge, BankStatus, CardKind, Conflict, FactName, FactValue, Facts, Origin,
    PaymentError, PaymentRecord, Provider, Source,
};

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

const DAY_MINUTES: i64 = 24 * 60;

/// The windows of the time model (module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Age {
    /// Up to [`UPDATE_GIVE_UP_MINUTES`]: the balance may still be updating.
    Minutes,
    /// Up to [`HOLD_RELEASE_TYPICAL_DAYS`]: a card line may still be a hold.
    Hours,
    /// Up to [`CREDIT_PRESUMED_USED_DAYS`]: holds have settled or dropped.
    Days,
    /// Beyond: a completed payment's credit has long been in the balance.
    Weeks,
}

impl Age {
    fn of(minutes: i64) -> Age {
        if minutes <= UPDATE_GIVE_UP_MINUTES {
            Age::Minutes
        } else if minutes <= HOLD_RELEASE_TYPICAL_DAYS * DAY_MINUTES {
            Age::Hours
        } else if minutes <= CREDIT_PRESUMED_USED_DAYS * DAY_MINUTES {
            Age::Days
        } else {
            Age::Weeks
        }
    }
}

/// Whether the credit bought reached the organization's balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landed {
    /// A fact shows it: the balance rose by the amount, or the API worked
    /// after the payment.
    Shown,
    /// A completed payment in the weeks window, and nobody says the API
    /// stopped working after it.
    Presumed,
    /// Nothing says.
    Unknown,
}

/// Balances are compared to the cent.
const CENT: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

id_enum!(
    /// The stable diagnosis codes of SPEC §7.1.
    Code {
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
    }
);

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
    pub explanation: String,
    pub evidence: Vec<Evidence>,
}

/// An unanswered question whose answer would change the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingFact {
    pub fact: FactName,
    pub question: &'static str,
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
    pub next_steps: Vec<String>,
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
    let next_steps = core
        .findings
        .first()
        .map(|f| next_steps(f.code, &Ctx::new(facts)))
        .unwrap_or_else(|| {
            vec!["Answer the questions below; each one narrows the cause.".to_owned()]
        });
    Diagnosis {
        diagnoses: core.findings,
        first_contact: core.contact,
        do_not: core.do_not,
        missing_facts,
        next_steps,
        facts: facts
            .iter()
            .map(|k| evidence_of(&k.value, &k.source))
            .collect(),
        conflicts: facts.conflicts().to_vec(),
    }
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
struct Core {
    findings: Vec<Finding>,
    contact: Contact,
    do_not: Vec<DoNot>,
}

impl Core {
    fn run(facts: &Facts) -> Core {
        let ctx = Ctx::new(facts);
        let mut findings: Vec<Finding> = RULES
            .iter()
            .filter_map(|rule| rule(&ctx))
            .map(|c| Finding {
                code: c.code,
                confidence: c.score.min(100),
                explanation: c.explanation,
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

    fn outcome(&self) -> (Option<Code>, Contact) {
        (self.findings.first().map(|f| f.code), self.contact)
    }
}

/// A rule's proposal.
struct Cand {
    code: Code,
    score: u8,
    explanation: String,
    facts: Vec<FactName>,
}

fn cand(code: Code, score: u8, explanation: String, facts: &[FactName]) -> Option<Cand> {
    Some(Cand {
        code,
        score,
        explanation,
        facts: facts.to_vec(),
    })
}

/// The facts, with what the rules derive from them.
struct Ctx<'a> {
    f: &'a Facts,
    provider: Provider,
    /// Minutes from payment to now (never negative), when both are known.
    minutes: Option<i64>,
    /// The window of the time model those minutes fall in.
    age: Option<Age>,
    /// Something says the payment did not go through.
    failed: bool,
    /// Money left or is held: a hold, a settled charge, a provider record, a
    /// charge the user sees.
    money_moved: bool,
    /// Balance after − balance before, when both are known.
    balance_change: Option<Decimal>,
}

impl<'a> Ctx<'a> {
    fn new(f: &'a Facts) -> Ctx<'a> {
        let minutes = match (f.paid_at(), f.now()) {
            (Some(p), Some(n)) => Some(n.signed_duration_since(p).num_minutes().max(0)),
            _ => None,
        };
        let failed = matches!(
            f.payment_error(),
            Some(e) if e != PaymentError::None
        ) || matches!(
            f.bank_status(),
            Some(BankStatus::Declined | BankStatus::Reversed)
        ) || f.platform_payment_record() == Some(PaymentRecord::Failed);
        let money_moved = matches!(
            f.bank_status(),
            Some(BankStatus::Pending | BankStatus::Settled)
        ) || f.platform_payment_record() == Some(PaymentRecord::Succeeded)
            || f.charges_seen().is_some_and(|n| n >= 1);
        let balance_change = match (f.balance_before(), f.balance_after()) {
            (Some(b), Some(a)) => a.checked_sub(b),
            _ => None,
        };
        Ctx {
            f,
            provider: f.provider(),
            minutes,
            age: minutes.map(Age::of),
            failed,
            money_moved,
            balance_change,
        }
    }

    fn succeeded(&self) -> bool {
        self.f.platform_payment_record() == Some(PaymentRecord::Succeeded)
    }

    /// A payment completed: the provider recorded it as succeeded, or the
    /// bank settled the charge.
    fn went_through(&self) -> bool {
        self.succeeded() || self.f.bank_status() == Some(BankStatus::Settled)
    }

    /// Something says the payment failed and no completed payment says
    /// otherwise: nothing was bought.
    fn failed_only(&self) -> bool {
        self.failed && !self.went_through()
    }

    /// Whether the credit reached the balance (module documentation).
    fn landed(&self) -> Landed {
        if self.credited_in_full() == Some(true) {
            return Landed::Shown;
        }
        if self.failed_only() {
            return Landed::Unknown;
        }
        match self.f.used_since_payment() {
            Some(true) => Landed::Shown,
            Some(false) => Landed::Unknown,
            None if self.went_through() && self.age == Some(Age::Weeks) => Landed::Presumed,
            None => Landed::Unknown,
        }
    }

    /// Money left or is held, the payment did not fail, and the credit is
    /// not known to have landed: it may still become credit or be put right.
    fn money_open(&self) -> bool {
        self.money_moved && !self.failed_only() && self.landed() == Landed::Unknown
    }

    /// Two or more charges for one top-up, not holds from refused attempts.
    fn extra_charge(&self) -> bool {
        self.f.charges_seen().is_some_and(|n| n >= 2) && !self.failed_only()
    }

    fn spend_limit(&self) -> bool {
        matches!(
            self.f.api_error().map(|e| e.kind),
            Some(ApiErrorKind::Quota(q)) if q.is_spend_limit()
        )
    }

    /// "10.00 USD", or "10.00" without a currency.
    fn money(&self, d: Decimal) -> String {
        let mut d = d.normalize();
        if d.scale() < 2 {
            d.rescale(2);
        }
        match self.f.currency() {
            Some(c) => format!("{d} {c}"),
            None => d.to_string(),
        }
    }

    /// " of 10.00 USD" or "".
    fn of_amount(&self) -> String {
        self.f
            .amount()
            .map(|a| format!(" of {}", self.money(a)))
            .unwrap_or_default()
    }

    /// " 10.00 USD" or "".
    fn paid_amount(&self) -> String {
        self.f
            .amount()
            .map(|a| format!(" {}", self.money(a)))
            .unwrap_or_default()
    }

    /// "3 minutes ago" etc., or "" when unknown.
    fn ago(&self) -> String {
        match self.minutes {
            Some(m) => format!(" {}", duration_words(m)),
            None => String::new(),
        }
    }

    /// Whether the balance rose by the amount paid (to the cent).
    fn credited_in_full(&self) -> Option<bool> {
        let change = self.balance_change?;
        let amount = self.f.amount()?;
        Some(close(change, amount))
    }

    fn org_mismatch(&self) -> Option<bool> {
        Some(!same_id(&self.f.topup_org()?, &self.f.key_org()?))
    }

    fn project_mismatch(&self) -> Option<bool> {
        Some(!same_id(&self.f.topup_project()?, &self.f.key_project()?))
    }

    fn support(&self) -> String {
        format!("{} support", self.provider.name())
    }
}

/// Equal to the cent (false when the difference does not fit a Decimal).
fn close(a: Decimal, b: Decimal) -> bool {
    a.checked_sub(b).is_some_and(|d| d.abs() <= CENT)
}

fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn duration_words(minutes: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    if minutes < 120 {
        plural(minutes, "minute")
    } else if minutes < 2 * DAY_MINUTES {
        plural(minutes / 60, "hour")
    } else if minutes < CREDIT_PRESUMED_USED_DAYS * DAY_MINUTES {
        plural(minutes / DAY_MINUTES, "day")
    } else {
        plural(minutes / (7 * DAY_MINUTES), "week")
    }
}

type Rule = fn(&Ctx<'_>) -> Option<Cand>;

const RULES: &[Rule] = &[
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
fn duplicate_is_final(c: &Ctx<'_>) -> bool {
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

fn first_contact(top: Code, c: &Ctx<'_>) -> Contact {
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
fn do_not(top: Option<Code>, c: &Ctx<'_>) -> Vec<DoNot> {
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

fn next_steps(top: Code, c: &Ctx<'_>) -> Vec<String> {
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

/// Representative answers to an unknown fact, each as the facts it sets.
fn probes(name: FactName, f: &Facts) -> Vec<Vec<FactValue>> {
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
        FactName::Provider | FactName::Currency | FactName::Now => Vec::new(),
    }
}

/// Same / different answers for one side of an org or project pair. When
/// both sides are unknown, only the key's side is asked (with both set).
fn org_probes(
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

fn missing_facts(facts: &Facts, core: &Core) -> Vec<MissingFact> {
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
                question: name.question(),
                could_lead_to,
            },
        ));
    }
    // Most different outcomes first; ties in checklist order (a stable sort).
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(json: &str) -> Facts {
        Facts::from_json_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn every_rule_is_listed_once_in_code_order() {
        assert_eq!(RULES.len(), Code::ALL.len());
        assert_eq!(Code::ALL.len(), 19);
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
        assert_eq!(duration_words(1), "1 minute ago");
        assert_eq!(duration_words(90), "90 minutes ago");
        assert_eq!(duration_words(180), "3 hours ago");
        assert_eq!(duration_words(3 * 24 * 60), "3 days ago");
    }
}

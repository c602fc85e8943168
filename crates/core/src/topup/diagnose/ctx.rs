//! What the rules read: the facts with the time model (the age windows)
//! and the standing of the money derived from them, and the words for both.
//!
//! Invariant: everything here is a pure function of the facts; no rule
//! derives these readings on its own.

use rust_decimal::Decimal;

use crate::i18n::Msg;

use super::{CREDIT_PRESUMED_USED_DAYS, HOLD_RELEASE_TYPICAL_DAYS, UPDATE_GIVE_UP_MINUTES};
use crate::topup::api_error::ApiErrorKind;
use crate::topup::facts::{BankStatus, Facts, PaymentError, PaymentRecord, Provider};

pub(super) const DAY_MINUTES: i64 = 24 * 60;

/// The windows of the time model (module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Age {
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
    pub(super) fn of(minutes: i64) -> Age {
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
pub(super) enum Landed {
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
pub(super) const CENT: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// The facts, with what the rules derive from them.
pub(super) struct Ctx<'a> {
    pub(super) f: &'a Facts,
    pub(super) provider: Provider,
    /// Minutes from payment to now (never negative), when both are known.
    pub(super) minutes: Option<i64>,
    /// The window of the time model those minutes fall in.
    pub(super) age: Option<Age>,
    /// Something says the payment did not go through.
    pub(super) failed: bool,
    /// Money left or is held: a hold, a settled charge, a provider record, a
    /// charge the user sees.
    pub(super) money_moved: bool,
    /// Balance after − balance before, when both are known.
    pub(super) balance_change: Option<Decimal>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(f: &'a Facts) -> Ctx<'a> {
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

    pub(super) fn succeeded(&self) -> bool {
        self.f.platform_payment_record() == Some(PaymentRecord::Succeeded)
    }

    /// A payment completed: the provider recorded it as succeeded, or the
    /// bank settled the charge.
    pub(super) fn went_through(&self) -> bool {
        self.succeeded() || self.f.bank_status() == Some(BankStatus::Settled)
    }

    /// Something says the payment failed and no completed payment says
    /// otherwise: nothing was bought.
    pub(super) fn failed_only(&self) -> bool {
        self.failed && !self.went_through()
    }

    /// Whether the credit reached the balance (module documentation).
    pub(super) fn landed(&self) -> Landed {
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
    pub(super) fn money_open(&self) -> bool {
        self.money_moved && !self.failed_only() && self.landed() == Landed::Unknown
    }

    /// Two or more charges for one top-up, not holds from refused attempts.
    pub(super) fn extra_charge(&self) -> bool {
        self.f.charges_seen().is_some_and(|n| n >= 2) && !self.failed_only()
    }

    pub(super) fn spend_limit(&self) -> bool {
        matches!(
            self.f.api_error().map(|e| e.kind),
            Some(ApiErrorKind::Quota(q)) if q.is_spend_limit()
        )
    }

    /// "10.00 USD", or "10.00" without a currency.
    pub(super) fn money(&self, d: Decimal) -> String {
        let d = crate::money::with_cents(d);
        match self.f.currency() {
            Some(c) => format!("{d} {c}"),
            None => d.to_string(),
        }
    }

    /// The amount paid as a message argument: "10.00 USD", or `none`
    /// (the catalogs leave it out).
    pub(super) fn amount_arg(&self) -> String {
        self.f
            .amount()
            .map(|a| self.money(a))
            .unwrap_or_else(|| NONE.to_owned())
    }

    /// `msg` with how long ago the payment was (`ago`, `ago_unit`; the
    /// unit `none` when unknown), for the catalogs' `topup-ago`.
    pub(super) fn with_ago(&self, msg: Msg) -> Msg {
        with_duration(msg, self.minutes)
    }

    /// Whether the balance rose by the amount paid (to the cent).
    pub(super) fn credited_in_full(&self) -> Option<bool> {
        let change = self.balance_change?;
        let amount = self.f.amount()?;
        Some(close(change, amount))
    }

    pub(super) fn org_mismatch(&self) -> Option<bool> {
        Some(!same_id(&self.f.topup_org()?, &self.f.key_org()?))
    }

    pub(super) fn project_mismatch(&self) -> Option<bool> {
        Some(!same_id(&self.f.topup_project()?, &self.f.key_project()?))
    }
}

/// The argument value the catalogs read as "not known".
pub(super) const NONE: &str = "none";

/// Equal to the cent (false when the difference does not fit a Decimal).
pub(super) fn close(a: Decimal, b: Decimal) -> bool {
    a.checked_sub(b).is_some_and(|d| d.abs() <= CENT)
}

pub(super) fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// `msg` with a duration as `ago` (a count) and `ago_unit` (`minute`,
/// `hour`, `day`, `week`; `none` when unknown): minutes below two hours,
/// hours below two days, days below the weeks window, then weeks.
pub(super) fn with_duration(msg: Msg, minutes: Option<i64>) -> Msg {
    let Some(minutes) = minutes else {
        return msg.arg("ago", 0).arg("ago_unit", NONE);
    };
    let (n, unit) = if minutes < 120 {
        (minutes, "minute")
    } else if minutes < 2 * DAY_MINUTES {
        (minutes / 60, "hour")
    } else if minutes < CREDIT_PRESUMED_USED_DAYS * DAY_MINUTES {
        (minutes / DAY_MINUTES, "day")
    } else {
        (minutes / (7 * DAY_MINUTES), "week")
    };
    msg.arg("ago", n).arg("ago_unit", unit)
}

/// "3 hours ago" in `lang`.
#[cfg(test)]
pub(super) fn duration_words(minutes: i64, lang: crate::i18n::Lang) -> String {
    with_duration(crate::msg!("topup-ago"), Some(minutes)).render(lang)
}

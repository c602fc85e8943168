//! The facts of one missing top-up (SPEC §7.1), each with where it came from.
//!
//! A fact is known or unknown; unknown is a valid answer. Every known fact
//! carries a [`Source`]: the user said it, the ledger showed it (with the
//! ledger row ids), or the clock supplied it (`now` only). What the user says
//! wins: a ledger value only fills a fact the user left open, and a
//! disagreement is kept as a [`Conflict`] for the output to show.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use super::api_error::ApiError;
use super::TopupError;
pub use crate::ai_provider::Provider;
use crate::i18n::{Arg, Msg};
use crate::money::{self, Currency};
use crate::msg;

/// A closed set of lowercase ids, read from JSON by id, unknown ids refused.
/// TypeScript sees the union of the ids, named as the enum or as the name
/// after `as` (`Code as "DiagnosisCode" { ... }`).
macro_rules! id_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        id_enum!(@ $(#[$doc])* $name, stringify!($name), { $($(#[$vdoc])* $variant => $id),+ });
    };
    ($(#[$doc:meta])* $name:ident as $ts:literal { $($(#[$vdoc:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        id_enum!(@ $(#[$doc])* $name, $ts, { $($(#[$vdoc])* $variant => $id),+ });
    };
    (@ $(#[$doc:meta])* $name:ident, $ts:expr, { $($(#[$vdoc:meta])* $variant:ident => $id:literal),+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in the order the SPEC lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// The value for an id, if it is one.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }

            /// Every id, in the order of [`Self::ALL`].
            pub const IDS: &'static [&'static str] = &[$($id),+];
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl ::ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name() -> String {
                ($ts).to_owned()
            }
            fn decl() -> String {
                format!("type {} = {};", Self::name(), Self::inline())
            }
            fn decl_concrete() -> String {
                Self::decl()
            }
            fn inline() -> String {
                [$(concat!("\"", $id, "\"")),+].join(" | ")
            }
            fn inline_flattened() -> String {
                Self::inline()
            }
        }
    };
}
pub(crate) use id_enum;

/// `one of "a", "b" or "c"` as a message, joined in the reader's language.
pub(crate) fn one_of_msg(ids: &[&str]) -> Msg {
    let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
    let values = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => Arg::from(msg!(
            "detail-expect-values",
            init = rest.join(", "),
            last = last.as_str()
        )),
        _ => Arg::from(quoted.join("")),
    };
    Msg::new("topup-expect-one-of").arg("values", values)
}

id_enum!(
    /// What the card issuer shows for the charge.
    BankStatus {
        None => "none", Pending => "pending", Settled => "settled",
        Declined => "declined", Reversed => "reversed",
    }
);

id_enum!(
    /// What the provider's payment history shows.
    PaymentRecord { Succeeded => "succeeded", Failed => "failed", None => "none" }
);

id_enum!(
    /// The error the payment page showed.
    PaymentError {
        None => "none", ThreeDsFailed => "3ds_failed",
        AuthenticationRequired => "authentication_required", CardDeclined => "card_declined",
        InternationalBlocked => "international_blocked", AddressMismatch => "address_mismatch",
        PrepaidNotSupported => "prepaid_not_supported", UnsupportedRegion => "unsupported_region",
        VerificationPageBlocked => "verification_page_blocked",
    }
);

id_enum!(
    /// The kind of card paid with.
    CardKind { Credit => "credit", Debit => "debit", Prepaid => "prepaid", Virtual => "virtual" }
);

id_enum!(
    /// The name of each fact, in the order the checklist asks about them.
    FactName {
        Provider => "provider", Amount => "amount", Currency => "currency",
        PaidAt => "paid_at", Now => "now", BankStatus => "bank_status",
        PlatformPaymentRecord => "platform_payment_record", PaymentError => "payment_error",
        CardKind => "card_kind", BalanceBefore => "balance_before",
        BalanceAfter => "balance_after", UsedSincePayment => "used_since_payment",
        TopupOrg => "topup_org", KeyOrg => "key_org",
        TopupProject => "topup_project", KeyProject => "key_project",
        CanViewBilling => "can_view_billing", AutoRecharge => "auto_recharge",
        ApiError => "api_error", RecognizedCharge => "recognized_charge",
        ChargesSeen => "charges_seen", ApiKeyBilled => "api_key_billed",
    }
);

/// Auto-recharge settings as the billing page shows them. Amounts are in the
/// top-up's currency; `recharged_this_month` is how much auto-recharge has
/// added so far this month.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AutoRecharge {
    pub enabled: Option<bool>,
    pub threshold: Option<Decimal>,
    pub monthly_limit: Option<Decimal>,
    pub recharged_this_month: Option<Decimal>,
}

impl AutoRecharge {
    /// Whether the monthly limit is used up: on, and what was added this month
    /// has reached the limit. None when a needed part is unknown.
    pub fn limit_reached(&self) -> Option<bool> {
        match self.enabled {
            Some(false) => Some(false),
            Some(true) => Some(self.recharged_this_month? >= self.monthly_limit?),
            None => None,
        }
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        if let Some(e) = self.enabled {
            m.insert("enabled".into(), Value::from(e));
        }
        for (k, v) in [
            ("threshold", self.threshold),
            ("monthly_limit", self.monthly_limit),
            ("recharged_this_month", self.recharged_this_month),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), Value::from(v.to_string()));
            }
        }
        Value::Object(m)
    }
}

/// One fact's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    Provider(Provider),
    Amount(Decimal),
    Currency(Currency),
    PaidAt(DateTime<Utc>),
    Now(DateTime<Utc>),
    BankStatus(BankStatus),
    PlatformPaymentRecord(PaymentRecord),
    PaymentError(PaymentError),
    CardKind(CardKind),
    BalanceBefore(Decimal),
    BalanceAfter(Decimal),
    /// The API kept working after the payment: usage was billed after it.
    UsedSincePayment(bool),
    TopupOrg(String),
    KeyOrg(String),
    TopupProject(String),
    KeyProject(String),
    CanViewBilling(bool),
    AutoRecharge(AutoRecharge),
    ApiError(ApiError),
    RecognizedCharge(bool),
    ChargesSeen(u32),
    /// Usage was billed to an API key while a plan that covers the tool
    /// is paid (`costs --check` finds it in the provider's usage).
    ApiKeyBilled(bool),
}

impl FactValue {
    /// Which fact this is a value of.
    pub fn name(&self) -> FactName {
        match self {
            FactValue::Provider(_) => FactName::Provider,
            FactValue::Amount(_) => FactName::Amount,
            FactValue::Currency(_) => FactName::Currency,
            FactValue::PaidAt(_) => FactName::PaidAt,
            FactValue::Now(_) => FactName::Now,
            FactValue::BankStatus(_) => FactName::BankStatus,
            FactValue::PlatformPaymentRecord(_) => FactName::PlatformPaymentRecord,
            FactValue::PaymentError(_) => FactName::PaymentError,
            FactValue::CardKind(_) => FactName::CardKind,
            FactValue::BalanceBefore(_) => FactName::BalanceBefore,
            FactValue::BalanceAfter(_) => FactName::BalanceAfter,
            FactValue::UsedSincePayment(_) => FactName::UsedSincePayment,
            FactValue::ApiKeyBilled(_) => FactName::ApiKeyBilled,
            FactValue::TopupOrg(_) => FactName::TopupOrg,
            FactValue::KeyOrg(_) => FactName::KeyOrg,
            FactValue::TopupProject(_) => FactName::TopupProject,
            FactValue::KeyProject(_) => FactName::KeyProject,
            FactValue::CanViewBilling(_) => FactName::CanViewBilling,
            FactValue::AutoRecharge(_) => FactName::AutoRecharge,
            FactValue::ApiError(_) => FactName::ApiError,
            FactValue::RecognizedCharge(_) => FactName::RecognizedCharge,
            FactValue::ChargesSeen(_) => FactName::ChargesSeen,
        }
    }

    /// The value as the JSON output shows it: amounts as decimal strings,
    /// instants as RFC 3339, ids as strings.
    pub fn to_json(&self) -> Value {
        let instant = |t: &DateTime<Utc>| Value::from(t.to_rfc3339_opts(SecondsFormat::Secs, true));
        match self {
            FactValue::Provider(v) => Value::from(v.as_str()),
            FactValue::Amount(d) | FactValue::BalanceBefore(d) | FactValue::BalanceAfter(d) => {
                Value::from(d.to_string())
            }
            FactValue::Currency(c) => Value::from(c.as_str()),
            FactValue::PaidAt(t) | FactValue::Now(t) => instant(t),
            FactValue::BankStatus(v) => Value::from(v.as_str()),
            FactValue::PlatformPaymentRecord(v) => Value::from(v.as_str()),
            FactValue::PaymentError(v) => Value::from(v.as_str()),
            FactValue::CardKind(v) => Value::from(v.as_str()),
            FactValue::TopupOrg(s)
            | FactValue::KeyOrg(s)
            | FactValue::TopupProject(s)
            | FactValue::KeyProject(s) => Value::from(s.as_str()),
            FactValue::CanViewBilling(b)
            | FactValue::RecognizedCharge(b)
            | FactValue::UsedSincePayment(b)
            | FactValue::ApiKeyBilled(b) => Value::from(*b),
            FactValue::AutoRecharge(a) => a.to_json(),
            FactValue::ApiError(e) => e.to_json(),
            FactValue::ChargesSeen(n) => Value::from(*n),
        }
    }
}

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The user answered it (the facts file, the checklist).
    User,
    /// The ledger showed it; the rows are listed.
    Ledger,
    /// The clock (only `now`, when nobody gave it).
    Clock,
}

/// A fact's provenance: its origin and the ledger rows behind it. A user
/// fact with rows is one the ledger agrees with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub origin: Origin,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<i64>,
}

impl Source {
    pub fn user() -> Source {
        Source {
            origin: Origin::User,
            rows: Vec::new(),
        }
    }

    pub fn ledger(rows: &[i64]) -> Source {
        let mut rows = rows.to_vec();
        rows.sort_unstable();
        rows.dedup();
        Source {
            origin: Origin::Ledger,
            rows,
        }
    }

    pub fn clock() -> Source {
        Source {
            origin: Origin::Clock,
            rows: Vec::new(),
        }
    }
}

/// A known fact: its value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub value: FactValue,
    pub source: Source,
}

/// The user said one thing and the ledger another; the user's value is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub fact: FactName,
    pub user_value: Value,
    pub ledger_value: Value,
    pub rows: Vec<i64>,
}

/// What [`Facts::set_from_ledger`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerFill {
    /// The fact was unknown; it now holds the ledger's value.
    Filled,
    /// The user gave the same value; the rows now back it.
    Confirmed,
    /// The user gave another value, which stays; the conflict is recorded.
    Conflicts,
}

/// Everything known about one missing top-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    known: BTreeMap<FactName, Known>,
    conflicts: Vec<Conflict>,
}

macro_rules! getter {
    ($(#[$doc:meta])* $fn:ident, $variant:ident, $ty:ty) => {
        $(#[$doc])*
        pub fn $fn(&self) -> Option<$ty> {
            match self.known.get(&FactName::$variant).map(|k| &k.value) {
                Some(FactValue::$variant(v)) => Some(v.clone()),
                _ => None,
            }
        }
    };
}

impl Facts {
    /// No facts at all.
    pub fn new() -> Facts {
        Facts::default()
    }

    /// Sets a fact with its source, replacing what was there.
    pub fn set(&mut self, value: FactValue, source: Source) {
        self.known.insert(value.name(), Known { value, source });
    }

    /// Makes a fact unknown again.
    pub fn clear(&mut self, name: FactName) {
        self.known.remove(&name);
    }

    /// A fact the ledger shows, with the ledger rows it was read from.
    /// The user's answer wins: an unknown fact is filled; a user fact with
    /// the same value gains the rows as backing; a different user value stays
    /// and the disagreement is kept in [`Facts::conflicts`].
    pub fn set_from_ledger(&mut self, value: FactValue, rows: &[i64]) -> LedgerFill {
        let name = value.name();
        match self.known.get_mut(&name) {
            Some(k) if k.source.origin == Origin::User => {
                if k.value == value {
                    k.source.rows.extend_from_slice(rows);
                    k.source.rows.sort_unstable();
                    k.source.rows.dedup();
                    LedgerFill::Confirmed
                } else {
                    let mut rows = rows.to_vec();
                    rows.sort_unstable();
                    rows.dedup();
                    self.conflicts.push(Conflict {
                        fact: name,
                        user_value: k.value.to_json(),
                        ledger_value: value.to_json(),
                        rows,
                    });
                    LedgerFill::Conflicts
                }
            }
            _ => {
                self.set(value, Source::ledger(rows));
                LedgerFill::Filled
            }
        }
    }

    /// A known fact and its source.
    pub fn get(&self, name: FactName) -> Option<&Known> {
        self.known.get(&name)
    }

    /// Whether a fact is known.
    pub fn has(&self, name: FactName) -> bool {
        self.known.contains_key(&name)
    }

    /// Every known fact, in checklist order.
    pub fn iter(&self) -> impl Iterator<Item = &Known> {
        self.known.values()
    }

    /// Where the user and the ledger disagree.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Fills `now` from the clock when nobody gave it (front ends call this;
    /// [`super::diagnose`] never reads the clock).
    pub fn now_or(&mut self, clock: DateTime<Utc>) {
        if !self.has(FactName::Now) {
            self.set(FactValue::Now(clock), Source::clock());
        }
    }

    getter!(
        /// The provider as the user gave it (see [`Facts::provider`] for the default).
        provider_given, Provider, Provider);
    getter!(amount, Amount, Decimal);
    getter!(currency, Currency, Currency);
    getter!(paid_at, PaidAt, DateTime<Utc>);
    getter!(now, Now, DateTime<Utc>);
    getter!(bank_status, BankStatus, BankStatus);
    getter!(
        platform_payment_record,
        PlatformPaymentRecord,
        PaymentRecord
    );
    getter!(payment_error, PaymentError, PaymentError);
    getter!(card_kind, CardKind, CardKind);
    getter!(balance_before, BalanceBefore, Decimal);
    getter!(balance_after, BalanceAfter, Decimal);
    getter!(used_since_payment, UsedSincePayment, bool);
    getter!(api_key_billed, ApiKeyBilled, bool);
    getter!(topup_org, TopupOrg, String);
    getter!(key_org, KeyOrg, String);
    getter!(topup_project, TopupProject, String);
    getter!(key_project, KeyProject, String);
    getter!(can_view_billing, CanViewBilling, bool);
    getter!(auto_recharge, AutoRecharge, AutoRecharge);
    getter!(api_error, ApiError, ApiError);
    getter!(recognized_charge, RecognizedCharge, bool);
    getter!(charges_seen, ChargesSeen, u32);

    /// The provider: as given, else the one the pasted error belongs to,
    /// else OpenAI (SPEC §7.1's default).
    pub fn provider(&self) -> Provider {
        self.provider_given()
            .or_else(|| self.api_error().map(|e| e.provider))
            .unwrap_or(Provider::Openai)
    }

    /// Reads the facts JSON of SPEC §7.1. Every fact is optional; `null` and
    /// `"unknown"` mean unknown. Unknown field names and values are refused
    /// with the field, the problem and what was expected.
    pub fn from_json_str(text: &str) -> Result<Facts, TopupError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let why = crate::library_errors::json(&e);
            TopupError::Json {
                line: e.line(),
                column: e.column(),
                message: why.render(crate::i18n::Lang::En),
                why: Box::new(why),
            }
        })?;
        let Value::Object(map) = value else {
            return Err(TopupError::NotAnObject);
        };
        let mut facts = Facts::new();
        for (key, v) in &map {
            let field_err = |problem: Msg, expected: Msg| TopupError::Field {
                field: key.clone(),
                at: key_position(text, key),
                problem: Box::new(problem),
                expected: Box::new(expected),
            };
            let Some(name) = FactName::from_id(key) else {
                return Err(field_err(
                    msg!("topup-problem-unknown-fact"),
                    one_of_msg(FactName::IDS),
                ));
            };
            if is_unknown(v) {
                continue;
            }
            let value = read_fact(name, v).map_err(|(p, e)| field_err(p, e))?;
            facts.set(value, Source::user());
        }
        Ok(facts)
    }
}

impl FactValue {
    /// Reads one answer as a command line or a form gives it: the fact's name
    /// and the value's text (`pending`, `20.00`, `true`, `2`, an RFC 3339
    /// instant; JSON or pasted text for `auto_recharge` and `api_error`).
    /// `unknown` or an empty text gives `None`. The checks and messages are
    /// those of the facts file, without a line and column.
    pub fn parse_answer(fact: &str, text: &str) -> Result<Option<FactValue>, TopupError> {
        let field_err = |(problem, expected): FieldProblem| TopupError::Field {
            field: fact.to_owned(),
            at: None,
            problem: Box::new(problem),
            expected: Box::new(expected),
        };
        let Some(name) = FactName::from_id(fact.trim()) else {
            return Err(field_err((
                msg!("topup-problem-unknown-fact"),
                one_of_msg(FactName::IDS),
            )));
        };
        let text = text.trim();
        if text.is_empty() || text == "unknown" {
            return Ok(None);
        }
        let as_string = || Value::String(text.to_owned());
        let value = match name {
            FactName::CanViewBilling
            | FactName::RecognizedCharge
            | FactName::UsedSincePayment
            | FactName::ApiKeyBilled => match text {
                "true" | "yes" => Value::Bool(true),
                "false" | "no" => Value::Bool(false),
                _ => as_string(),
            },
            FactName::ChargesSeen => text
                .parse::<u64>()
                .map_or_else(|_| as_string(), Value::from),
            FactName::AutoRecharge | FactName::ApiError => {
                serde_json::from_str::<Value>(text).unwrap_or_else(|_| as_string())
            }
            _ => as_string(),
        };
        read_fact(name, &value).map(Some).map_err(field_err)
    }
}

/// The JSON reader's error by its kind (`library_errors`), without its
/// place: the caller puts the line and column in front.
fn is_unknown(v: &Value) -> bool {
    matches!(v, Value::Null) || matches!(v, Value::String(s) if s.trim() == "unknown")
}

/// The line and column of `"key":` in the text, when it occurs exactly once.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{key}\"");
    let mut found = text
        .match_indices(&needle)
        .filter(|(i, _)| text[i + needle.len()..].trim_start().starts_with(':'));
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(at, |nl| at - nl - 1) + 1;
    Some((line, column))
}

/// What is wrong with a value, and what was expected instead.
type FieldProblem = (Msg, Msg);

/// A JSON value as the user wrote it: a string in quotes, anything else
/// as JSON.
fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

fn read_id<T>(v: &Value, from_id: fn(&str) -> Option<T>, ids: &[&str]) -> Result<T, FieldProblem> {
    let expected = one_of_msg(ids);
    match v {
        Value::String(s) => from_id(s.trim()).ok_or_else(|| {
            (
                msg!("topup-problem-not-allowed", found = describe(v)),
                expected,
            )
        }),
        other => Err((
            msg!("topup-problem-not-a-string", found = describe(other)),
            expected,
        )),
    }
}

fn read_decimal(v: &Value) -> Result<Decimal, FieldProblem> {
    let expected = msg!("topup-expect-decimal");
    match v {
        Value::String(s) => money::parse_plain_decimal(s).map_err(|_| {
            (
                msg!("topup-problem-not-a-decimal", found = describe(v)),
                expected,
            )
        }),
        Value::Number(n) => Err((
            msg!("topup-problem-json-number", found = n.to_string()),
            expected,
        )),
        other => Err((
            msg!("topup-problem-not-an-amount", found = describe(other)),
            expected,
        )),
    }
}

fn read_instant(v: &Value) -> Result<DateTime<Utc>, FieldProblem> {
    let expected = msg!("topup-expect-instant");
    match v {
        Value::String(s) => DateTime::parse_from_rfc3339(s.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                (
                    msg!(
                        "topup-problem-not-an-instant",
                        found = describe(v),
                        detail = e.to_string()
                    ),
                    expected,
                )
            }),
        other => Err((
            msg!("topup-problem-not-a-string", found = describe(other)),
            expected,
        )),
    }
}

fn read_bool(v: &Value) -> Result<bool, FieldProblem> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err((
            msg!("topup-problem-not-a-bool", found = describe(other)),
            msg!("topup-expect-bool"),
        )),
    }
}

fn read_text(v: &Value) -> Result<String, FieldProblem> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        other => Err((
            msg!("topup-problem-not-a-name", found = describe(other)),
            msg!("topup-expect-name"),
        )),
    }
}

fn read_auto_recharge(v: &Value) -> Result<AutoRecharge, FieldProblem> {
    let expected = msg!("topup-expect-auto-recharge");
    let Value::Object(m) = v else {
        return Err((
            msg!("topup-problem-not-an-object", found = describe(v)),
            expected,
        ));
    };
    let mut a = AutoRecharge::default();
    for (k, v) in m {
        if is_unknown(v) {
            continue;
        }
        let nested = |(p, e): FieldProblem| {
            (
                msg!("topup-problem-nested", key = k.as_str(), problem = p),
                e,
            )
        };
        match k.as_str() {
            "enabled" => a.enabled = Some(read_bool(v).map_err(nested)?),
            "threshold" => a.threshold = Some(read_decimal(v).map_err(nested)?),
            "monthly_limit" => a.monthly_limit = Some(read_decimal(v).map_err(nested)?),
            "recharged_this_month" => {
                a.recharged_this_month = Some(read_decimal(v).map_err(nested)?);
            }
            _ => {
                return Err((
                    msg!("topup-problem-not-a-setting", key = k.as_str()),
                    expected,
                ))
            }
        }
    }
    Ok(a)
}

fn provider_ids() -> Vec<&'static str> {
    Provider::ALL.iter().map(|p| p.as_str()).collect()
}

fn read_fact(name: FactName, v: &Value) -> Result<FactValue, FieldProblem> {
    Ok(match name {
        FactName::Provider => FactValue::Provider(read_id(v, Provider::from_id, &provider_ids())?),
        FactName::Amount => FactValue::Amount(read_decimal(v)?),
        FactName::Currency => {
            let expected = msg!("topup-expect-currency");
            let Value::String(s) = v else {
                return Err((
                    msg!("topup-problem-not-a-string", found = describe(v)),
                    expected,
                ));
            };
            let c = Currency::parse(&s.trim().to_ascii_uppercase()).map_err(|_| {
                (
                    msg!("topup-problem-not-a-currency", found = describe(v)),
                    expected,
                )
            })?;
            FactValue::Currency(c)
        }
        FactName::PaidAt => FactValue::PaidAt(read_instant(v)?),
        FactName::Now => FactValue::Now(read_instant(v)?),
        FactName::BankStatus => {
            FactValue::BankStatus(read_id(v, BankStatus::from_id, BankStatus::IDS)?)
        }
        FactName::PlatformPaymentRecord => FactValue::PlatformPaymentRecord(read_id(
            v,
            PaymentRecord::from_id,
            PaymentRecord::IDS,
        )?),
        FactName::PaymentError => {
            FactValue::PaymentError(read_id(v, PaymentError::from_id, PaymentError::IDS)?)
        }
        FactName::CardKind => FactValue::CardKind(read_id(v, CardKind::from_id, CardKind::IDS)?),
        FactName::BalanceBefore => FactValue::BalanceBefore(read_decimal(v)?),
        FactName::BalanceAfter => FactValue::BalanceAfter(read_decimal(v)?),
        FactName::TopupOrg => FactValue::TopupOrg(read_text(v)?),
        FactName::KeyOrg => FactValue::KeyOrg(read_text(v)?),
        FactName::TopupProject => FactValue::TopupProject(read_text(v)?),
        FactName::KeyProject => FactValue::KeyProject(read_text(v)?),
        FactName::CanViewBilling => FactValue::CanViewBilling(read_bool(v)?),
        FactName::AutoRecharge => FactValue::AutoRecharge(read_auto_recharge(v)?),
        FactName::ApiError => FactValue::ApiError(
            ApiError::from_json(v).map_err(|p| (p, msg!("topup-expect-api-error")))?,
        ),
        FactName::RecognizedCharge => FactValue::RecognizedCharge(read_bool(v)?),
        FactName::UsedSincePayment => FactValue::UsedSincePayment(read_bool(v)?),
        FactName::ApiKeyBilled => FactValue::ApiKeyBilled(read_bool(v)?),
        FactName::ChargesSeen => {
            let n = v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    (
                        msg!("topup-problem-not-a-count", found = describe(v)),
                        msg!("topup-expect-count"),
                    )
                })?;
            FactValue::ChargesSeen(n)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topup::api_error::ApiErrorKind;

    fn parse(text: &str) -> Facts {
        Facts::from_json_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn err(text: &str) -> String {
        match Facts::from_json_str(text) {
            Ok(f) => panic!("{text} was accepted: {f:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn every_fact_reads_and_keeps_the_user_as_source() {
        let f = parse(
            r#"{
              "provider": "openai", "amount": "10.00", "currency": "usd",
              "paid_at": "2026-03-01T14:05:00+08:00", "now": "2026-03-01T07:00:00Z",
              "bank_status": "pending", "platform_payment_record": "none",
              "payment_error": "3ds_failed", "card_kind": "virtual",
              "balance_before": "-8.00", "balance_after": "2.00", "used_since_payment": false,
              "topup_org": "org-Xk3aaa", "key_org": "org-Xk3bbb",
              "topup_project": "proj_A", "key_project": "proj_B",
              "can_view_billing": false,
              "auto_recharge": {"enabled": true, "threshold": "5.00", "monthly_limit": "50.00", "recharged_this_month": "50.00"},
              "api_error": {"error": {"message": "x", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}},
              "recognized_charge": true, "charges_seen": 2, "api_key_billed": false
            }"#,
        );
        assert_eq!(f.iter().count(), FactName::ALL.len());
        assert!(f.iter().all(|k| k.source == Source::user()));
        assert_eq!(f.amount(), Some(Decimal::new(1000, 2)));
        assert_eq!(f.currency(), Some(Currency::USD));
        assert_eq!(
            f.paid_at().map(|t| t.to_rfc3339()),
            Some("2026-03-01T06:05:00+00:00".to_owned())
        );
        assert_eq!(f.balance_before(), Some(Decimal::new(-800, 2)));
        assert_eq!(f.payment_error(), Some(PaymentError::ThreeDsFailed));
        assert_eq!(
            f.auto_recharge().and_then(|a| a.limit_reached()),
            Some(true)
        );
        assert!(matches!(
            f.api_error().map(|e| e.kind),
            Some(ApiErrorKind::Quota(_))
        ));
        assert_eq!(f.charges_seen(), Some(2));
    }

    #[test]
    fn null_and_unknown_mean_unknown() {
        let f = parse(r#"{"bank_status": null, "card_kind": "unknown", "amount": "5"}"#);
        assert_eq!(f.bank_status(), None);
        assert_eq!(f.card_kind(), None);
        assert_eq!(f.iter().count(), 1);
        assert_eq!(parse("{}").provider(), Provider::Openai);
    }

    #[test]
    fn api_error_as_pasted_text() {
        let f = parse(
            r#"{"api_error": "  Error code: 429 - {'error': {'message': 'You exceeded your current quota.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}\n"}"#,
        );
        let e = f.api_error().unwrap_or_else(|| panic!("no api_error"));
        assert_eq!(e.status, Some(429));
        assert!(matches!(e.kind, ApiErrorKind::Quota(_)));
    }

    #[test]
    fn anthropic_error_makes_the_provider_anthropic_when_not_given() {
        let f = parse(
            r#"{"api_error": {"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}}"#,
        );
        assert_eq!(f.provider(), Provider::Anthropic);
    }

    #[test]
    fn bad_values_name_the_field_the_problem_and_what_was_expected() {
        let e = err("{\n  \"bank_status\": \"pendng\"\n}");
        assert_eq!(
            e,
            "2:3: field \"bank_status\": \"pendng\" is not one of the allowed values; expected one of \"none\", \"pending\", \"settled\", \"declined\" or \"reversed\""
        );
        let e = err(r#"{"amount": 10.5}"#);
        assert!(e.contains("field \"amount\": 10.5 is a JSON number"), "{e}");
        assert!(e.contains("expected a decimal string"), "{e}");
        let e = err(r#"{"amount": "ten"}"#);
        assert!(e.contains("\"ten\" is not a decimal amount"), "{e}");
        let e = err(r#"{"paid_at": "yesterday"}"#);
        assert!(e.contains("field \"paid_at\""), "{e}");
        assert!(e.contains("expected an RFC 3339 instant"), "{e}");
        let e = err(r#"{"payment_error": "declined"}"#);
        assert!(e.contains("\"3ds_failed\""), "{e}");
        let e = err(r#"{"card_kind": "gift"}"#);
        assert!(
            e.contains("\"credit\", \"debit\", \"prepaid\" or \"virtual\""),
            "{e}"
        );
        let e = err(r#"{"bank_stauts": "pending"}"#);
        assert!(e.contains("field \"bank_stauts\": is not a fact"), "{e}");
        let e = err(r#"{"charges_seen": -1}"#);
        assert!(
            e.contains("field \"charges_seen\": -1 is not a count"),
            "{e}"
        );
        let e = err(r#"{"can_view_billing": "no"}"#);
        assert!(e.contains("\"no\" is not true or false"), "{e}");
        let e = err(r#"{"auto_recharge": {"enabled": true, "limit": "5"}}"#);
        assert!(
            e.contains("\"limit\" is not an auto-recharge setting"),
            "{e}"
        );
        let e = err(r#"{"auto_recharge": {"monthly_limit": 50}}"#);
        assert!(e.contains("\"monthly_limit\": 50 is a JSON number"), "{e}");
        let e = err(r#"{"api_error": "it failed"}"#);
        assert!(e.contains("field \"api_error\": no error body"), "{e}");
        assert!(e.contains("expected the provider's error body"), "{e}");
        let e = err(r#"{"currency": "dollars"}"#);
        assert!(e.contains("expected an ISO 4217 code"), "{e}");
        let e = err(r#"{"topup_org": ""}"#);
        assert!(e.contains("field \"topup_org\""), "{e}");
    }

    #[test]
    fn answers_as_text_read_like_the_facts_file() {
        let v = |f: &str, t: &str| FactValue::parse_answer(f, t);
        assert_eq!(
            v("bank_status", "pending"),
            Ok(Some(FactValue::BankStatus(BankStatus::Pending)))
        );
        assert_eq!(
            v("amount", "20.00"),
            Ok(Some(FactValue::Amount(Decimal::new(2000, 2))))
        );
        assert_eq!(
            v("can_view_billing", "no"),
            Ok(Some(FactValue::CanViewBilling(false)))
        );
        assert_eq!(v("charges_seen", "2"), Ok(Some(FactValue::ChargesSeen(2))));
        assert_eq!(v("card_kind", "unknown"), Ok(None));
        assert!(matches!(
            v("api_error", "Error code: 429 - {'error': {'type': 'insufficient_quota', 'code': 'insufficient_quota', 'message': 'x'}}"),
            Ok(Some(FactValue::ApiError(_)))
        ));
        match v("bank_status", "pendng") {
            Err(e) => assert_eq!(
                e.to_string(),
                "field \"bank_status\": \"pendng\" is not one of the allowed values; expected one of \"none\", \"pending\", \"settled\", \"declined\" or \"reversed\""
            ),
            Ok(x) => panic!("accepted {x:?}"),
        }
        assert!(v("bank_stauts", "pending").is_err());
        assert!(v("amount", "ten").is_err());
    }

    #[test]
    fn broken_json_gives_line_and_column() {
        let e = err("{\n  \"amount\": \"10.00\",\n}");
        assert!(e.starts_with("3:1: not valid JSON: trailing comma"), "{e}");
        assert_eq!(
            err("[1, 2]"),
            "the facts must be a JSON object ({\"fact\": value, ...}); expected an object such as {\"bank_status\": \"pending\"}"
        );
    }

    #[test]
    fn the_ledger_fills_unknown_facts_and_never_overrides_the_user() {
        let mut f = parse(r#"{"bank_status": "pending", "charges_seen": 1}"#);
        assert_eq!(
            f.set_from_ledger(FactValue::BankStatus(BankStatus::Pending), &[42, 41, 42]),
            LedgerFill::Confirmed
        );
        assert_eq!(
            f.get(FactName::BankStatus).map(|k| k.source.clone()),
            Some(Source {
                origin: Origin::User,
                rows: vec![41, 42]
            })
        );
        assert_eq!(
            f.set_from_ledger(FactValue::ChargesSeen(2), &[41, 43]),
            LedgerFill::Conflicts
        );
        assert_eq!(f.charges_seen(), Some(1));
        assert_eq!(f.conflicts().len(), 1);
        assert_eq!(
            f.set_from_ledger(FactValue::Amount(Decimal::new(1000, 2)), &[41]),
            LedgerFill::Filled
        );
        assert_eq!(
            f.get(FactName::Amount).map(|k| k.source.clone()),
            Some(Source::ledger(&[41]))
        );
    }
}

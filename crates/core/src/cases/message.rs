//! The drafted message to the first contact, filled with the case's facts.
//! Every sentence is the app's own, from the `cases.ftl` catalogs; the text
//! is redacted by the pack.
//!
//! The message follows the diagnosis' first contact: a letter to support,
//! the bank or the organization's owner, two letters for an unauthorized
//! charge, a letter kept for later while the advice is to wait, and no letter
//! at all when nobody is to be contacted (`none`): then it lists what to do.
//!
//! Languages ([`Langs`]): a letter to the provider's support is in English
//! (what support reads); a letter to the bank or the organization's owner
//! is in the user's language, and in Chinese whenever a linked card line is
//! in CNY (a Chinese bank); notes to the user are in the user's language.
//! When the letter to send is not all in the user's language, a rendering
//! in it goes beside for the user to check ([`Draft::check`]).
//!
//! Invariant: the letter to send never depends on the app's language
//! except through [`Langs`].

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::model::value_text;
use super::{CaseView, Linked};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::topup::questions::choice_msg;
use crate::topup::FactName;

/// Who reads which part of the message, in which language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Langs {
    /// The provider's support.
    pub support: Lang,
    /// The card's bank and the organization's owner.
    pub bank: Lang,
    /// The user (notes around the letters).
    pub user: Lang,
}

impl Langs {
    /// Every part in one language.
    pub fn all(lang: Lang) -> Langs {
        Langs {
            support: lang,
            bank: lang,
            user: lang,
        }
    }

    /// The languages a message to send is written in, for a user who reads
    /// `user` (module documentation).
    pub fn to_send(view: &CaseView, user: Lang) -> Langs {
        let cny_card = view.active_rows().any(|r| {
            matches!(&r.row, Linked::Txn { txn: Some(t), .. } if t.currency == crate::money::Currency::CNY)
        });
        Langs {
            support: Lang::En,
            bank: if cny_card { Lang::ZhCn } else { user },
            user,
        }
    }
}

/// The drafted message as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Draft {
    /// The language the user reads.
    pub lang: Lang,
    /// What to send.
    pub text: String,
    /// The same message all in the user's language, when `text` is not.
    pub check: Option<String>,
}

/// The message for a user who reads `user`, with its check rendering.
pub(super) fn draft_for(view: &CaseView, verdict: &Verdict<'_>, user: Lang) -> Draft {
    let langs = Langs::to_send(view, user);
    let text = draft(view, verdict, langs);
    let check = (langs != Langs::all(user)).then(|| draft(view, verdict, Langs::all(user)));
    // Nothing to check when the other parts did not change a word.
    let check = check.filter(|c| *c != text);
    Draft {
        lang: user,
        text,
        check,
    }
}

fn fact_text(view: &CaseView, name: FactName) -> Option<String> {
    view.facts
        .iter()
        .find(|f| f.fact == name.as_str())
        .map(|f| value_text(&f.value))
}

fn fact_value(view: &CaseView, name: FactName) -> Option<&Value> {
    view.facts
        .iter()
        .find(|f| f.fact == name.as_str())
        .map(|f| &f.value)
}

/// `2026-01-26 09:05 UTC (2026-01-26 17:05:00 +08:00 local time)`.
fn when(view: &CaseView, rfc3339: &str, lang: Lang) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let t = t.with_timezone(&chrono::Utc);
            msg!(
                "case-when",
                utc = t.format("%Y-%m-%d %H:%M").to_string(),
                local = view.zone.local(t)
            )
            .render(lang)
        }
        Err(_) => rfc3339.to_owned(),
    }
}

fn join(items: &[String]) -> String {
    items.join(", ")
}

/// An answer id in words: the id itself in English (`credit`, `address
/// mismatch`), the checklist's answer in other languages.
fn word(lang: Lang, fact: FactName, id: &str) -> String {
    match (lang, choice_msg(fact.as_str(), id)) {
        (Lang::En, _) | (_, None) => id.replace('_', " "),
        (_, Some(m)) => m.render(lang),
    }
}

/// What the latest diagnosis says, read from its stored JSON.
pub(super) struct Verdict<'a> {
    pub contact: &'a str,
    pub top_code: Option<&'a str>,
    pub explanation: Option<&'a str>,
    /// The explanation's message, when the diagnosis was stored with it.
    pub explanation_msg: Option<Msg>,
    pub do_not: Vec<&'a str>,
    pub next_steps: Vec<&'a str>,
    /// The next steps' messages, when stored with them.
    pub next_steps_msg: Option<Vec<Msg>>,
}

impl<'a> Verdict<'a> {
    pub fn of(result: Option<&'a Value>) -> Verdict<'a> {
        let top = result
            .and_then(|r| r.get("diagnoses"))
            .and_then(Value::as_array)
            .and_then(|a| a.first());
        Verdict {
            contact: result
                .and_then(|r| r.get("first_contact"))
                .and_then(Value::as_str)
                .unwrap_or("none"),
            top_code: top.and_then(|t| t.get("code")).and_then(Value::as_str),
            explanation: top
                .and_then(|t| t.get("explanation"))
                .and_then(Value::as_str),
            explanation_msg: top
                .and_then(|t| t.get("explanation_msg"))
                .and_then(|m| serde_json::from_value(m.clone()).ok()),
            do_not: strs(result, "do_not"),
            next_steps: strs(result, "next_steps"),
            next_steps_msg: result
                .and_then(|r| r.get("next_steps_msg"))
                .and_then(|m| serde_json::from_value(m.clone()).ok()),
        }
    }

    /// The top finding's explanation in `lang` (as stored, for a diagnosis
    /// recorded before its texts were messages).
    pub fn explanation_in(&self, lang: Lang) -> Option<String> {
        match &self.explanation_msg {
            Some(m) => Some(m.render(lang)),
            None => self.explanation.map(str::to_owned),
        }
    }

    /// The next steps in `lang` (as stored, for an older diagnosis).
    pub fn next_steps_in(&self, lang: Lang) -> Vec<String> {
        match &self.next_steps_msg {
            Some(ms) => ms.iter().map(|m| m.render(lang)).collect(),
            None => self.next_steps.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

fn strs<'a>(result: Option<&'a Value>, key: &str) -> Vec<&'a str> {
    result
        .and_then(|r| r.get(key))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The amount and currency paid, or `none`.
fn amount_arg(view: &CaseView) -> String {
    match (
        fact_text(view, FactName::Amount),
        fact_text(view, FactName::Currency),
    ) {
        (Some(a), Some(c)) => format!("{a} {c}"),
        (Some(a), None) => a,
        _ => "none".to_owned(),
    }
}

/// The facts of the purchase, one line each.
fn purchase_lines(view: &CaseView, lang: Lang) -> Vec<String> {
    let p = view.provider.name();
    let mut out: Vec<Msg> = Vec::new();
    let paid = fact_text(view, FactName::PaidAt)
        .map(|t| when(view, &t, lang))
        .unwrap_or_else(|| "none".to_owned());
    out.push(msg!(
        "case-purchase",
        amount = amount_arg(view),
        provider = p,
        paid = paid
    ));
    let kind = fact_text(view, FactName::CardKind).map(|k| word(lang, FactName::CardKind, &k));
    if !view.details.card_last4.is_empty() {
        out.push(msg!(
            "case-card-last4",
            kind = kind.unwrap_or_else(|| "none".to_owned()),
            last4 = join(&view.details.card_last4)
        ));
    } else if let Some(k) = kind {
        out.push(msg!("case-card-kind", kind = k));
    }
    if let Some(o) = fact_text(view, FactName::TopupOrg) {
        out.push(msg!("case-org-bought", org = o));
    }
    if let Some(o) = fact_text(view, FactName::KeyOrg) {
        out.push(msg!("case-org-key", org = o));
    }
    if let Some(o) = fact_text(view, FactName::TopupProject) {
        out.push(msg!("case-project-bought", project = o));
    }
    if let Some(o) = fact_text(view, FactName::KeyProject) {
        out.push(msg!("case-project-key", project = o));
    }
    if !view.details.receipt_numbers.is_empty() {
        out.push(msg!(
            "case-receipt-number",
            numbers = join(&view.details.receipt_numbers)
        ));
    }
    if !view.details.invoice_numbers.is_empty() {
        out.push(msg!(
            "case-invoice-number",
            numbers = join(&view.details.invoice_numbers)
        ));
    }
    for r in view.active_rows() {
        match &r.row {
            Linked::Txn { txn: Some(t), .. } => out.push(msg!(
                "case-card-line",
                date = t.date.to_string(),
                description = t.description.as_str(),
                amount = format!("{} {}", t.amount, t.currency),
                status = t.status.as_str()
            )),
            Linked::Payment {
                payment: Some(pm), ..
            } => out.push(msg!(
                "case-payment-record",
                provider = p,
                kind = pm.kind.as_str().replace('_', " "),
                amount = format!("{} {}", pm.amount, pm.currency),
                date = pm.paid_date.to_string(),
                status = pm.status.as_str()
            )),
            _ => {}
        }
    }
    out.iter().map(|m| m.render(lang)).collect()
}

/// What the user has already looked at, in sentences.
fn checked_lines(view: &CaseView, verdict: &Verdict<'_>, lang: Lang) -> Vec<String> {
    let p = view.provider.name();
    let mut out: Vec<Msg> = Vec::new();
    if let Some(s) = fact_text(view, FactName::BankStatus) {
        out.push(msg!("case-checked-bank", status = s));
    }
    if let Some(s) = fact_text(view, FactName::PlatformPaymentRecord) {
        out.push(msg!("case-checked-record", status = s, provider = p));
    }
    if let Some(e) = fact_text(view, FactName::PaymentError) {
        if e != "none" {
            out.push(msg!(
                "case-checked-payment-error",
                error = word(lang, FactName::PaymentError, &e)
            ));
        }
    }
    match (
        fact_text(view, FactName::BalanceBefore),
        fact_text(view, FactName::BalanceAfter),
    ) {
        (Some(b), Some(a)) => out.push(msg!("case-checked-balance-both", before = b, after = a)),
        (None, Some(a)) => out.push(msg!("case-checked-balance-now", after = a)),
        (Some(b), None) => out.push(msg!("case-checked-balance-before", before = b)),
        (None, None) => {}
    }
    match (
        fact_text(view, FactName::TopupOrg),
        fact_text(view, FactName::KeyOrg),
    ) {
        (Some(t), Some(k)) if t.eq_ignore_ascii_case(&k) => {
            out.push(msg!("case-checked-orgs-same", org = t))
        }
        (Some(t), Some(k)) => out.push(msg!("case-checked-orgs-differ", topup = t, key = k)),
        _ => {}
    }
    if let Some(v) = fact_value(view, FactName::CanViewBilling).and_then(Value::as_bool) {
        out.push(if v {
            msg!("case-checked-billing-yes")
        } else {
            msg!("case-checked-billing-no")
        });
    }
    if let Some(a) = fact_value(view, FactName::AutoRecharge) {
        if a.get("enabled").and_then(Value::as_bool) == Some(true) {
            out.push(msg!("case-checked-auto-recharge"));
        }
    }
    if let Some(e) = fact_value(view, FactName::ApiError) {
        let status = e.get("status").map(Value::to_string);
        let code = e
            .get("code")
            .or_else(|| e.get("type"))
            .and_then(Value::as_str);
        let what = match (status, code) {
            (Some(s), Some(c)) => format!("{s} {c}"),
            (None, Some(c)) => c.to_owned(),
            (Some(s), None) => s,
            (None, None) => "none".to_owned(),
        };
        out.push(msg!("case-checked-api-error", error = what));
    }
    match fact_value(view, FactName::UsedSincePayment).and_then(Value::as_bool) {
        Some(true) => out.push(msg!("case-checked-used-yes")),
        Some(false) => out.push(msg!("case-checked-used-no")),
        None => {}
    }
    if let Some(n) = fact_value(view, FactName::ChargesSeen).and_then(Value::as_i64) {
        out.push(msg!("case-checked-charges", n = n));
    }
    if fact_value(view, FactName::RecognizedCharge).and_then(Value::as_bool) == Some(false) {
        out.push(msg!("case-checked-not-mine"));
    }
    if fact_value(view, FactName::ApiKeyBilled).and_then(Value::as_bool) == Some(true) {
        out.push(msg!("case-checked-api-key-billed"));
    }
    if verdict.do_not.contains(&"pay_again") {
        out.push(msg!("case-checked-not-paid-again"));
    }
    if verdict.do_not.contains(&"chargeback") {
        out.push(msg!("case-checked-no-chargeback"));
    }
    out.iter().map(|m| m.render(lang)).collect()
}

fn bank_ask(verdict: &Verdict<'_>, provider: &str) -> Msg {
    match verdict.top_code {
        Some("bank_authorization_only") => msg!("case-ask-bank-hold", provider = provider),
        Some("payment_3ds_failed") => msg!("case-ask-bank-3ds", provider = provider),
        Some("card_declined") => msg!("case-ask-bank-declined", provider = provider),
        Some("duplicate_charge_risk") => msg!("case-ask-bank-duplicate"),
        _ => msg!("case-ask-bank-status"),
    }
}

fn block(title: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut s = format!("{title}\n");
    for l in lines {
        s.push_str("- ");
        s.push_str(l);
        s.push('\n');
    }
    s.push('\n');
    s
}

/// One letter, all in `lang`.
struct Letter {
    to: Msg,
    subject: Msg,
    opening: Msg,
    ask: Msg,
}

fn letter(l: Letter, view: &CaseView, verdict: &Verdict<'_>, lang: Lang) -> String {
    let r = |m: &Msg| m.render(lang);
    let mut s = format!(
        "{}\n{}\n\n{}\n\n{}\n\n",
        r(&msg!("case-to", to = r(&l.to))),
        r(&msg!("case-subject", subject = r(&l.subject))),
        r(&msg!("case-hello")),
        r(&l.opening)
    );
    s.push_str(&block(
        &r(&msg!("case-purchase-title")),
        &purchase_lines(view, lang),
    ));
    s.push_str(&block(
        &r(&msg!("case-checked-title")),
        &checked_lines(view, verdict, lang),
    ));
    s.push_str(&r(&l.ask));
    s.push_str("\n\n");
    s.push_str(&r(&msg!("case-attach", files = view.attachments.len())));
    s.push_str("\n\n");
    s.push_str(&r(&msg!("case-thanks")));
    s.push('\n');
    s.push_str(&r(&msg!("case-your-name")));
    s.push('\n');
    s
}

/// The drafted message (or messages, when two parties are to be told),
/// each part in its reader's language.
pub(super) fn draft(view: &CaseView, verdict: &Verdict<'_>, langs: Langs) -> String {
    let p = view.provider.name();
    let amount = amount_arg(view);
    let support = |opening: Msg| {
        letter(
            Letter {
                to: msg!("case-to-support", provider = p),
                subject: msg!("case-subject-support", amount = amount.as_str()),
                opening,
                ask: msg!("case-ask-support"),
            },
            view,
            verdict,
            langs.support,
        )
    };
    let bank = |opening: Msg, ask: Msg| {
        letter(
            Letter {
                to: msg!("case-to-bank"),
                subject: msg!("case-subject-bank", provider = p, amount = amount.as_str()),
                opening,
                ask,
            },
            view,
            verdict,
            langs.bank,
        )
    };
    let u = langs.user;
    let why = verdict
        .explanation_in(u)
        .map(|e| format!(" {}", msg!("case-reading", explanation = e).render(u)))
        .unwrap_or_default();
    match verdict.contact {
        "openai_support" => support(msg!("case-open-support-paid", provider = p)),
        "issuing_bank" => bank(
            if verdict.top_code == Some("duplicate_charge_risk") {
                msg!("case-open-bank-duplicate", provider = p)
            } else {
                msg!("case-open-bank-payment", provider = p)
            },
            bank_ask(verdict, p),
        ),
        "org_owner" => letter(
            Letter {
                to: msg!("case-to-owner"),
                subject: msg!("case-subject-owner", provider = p, amount = amount.as_str()),
                opening: msg!("case-open-owner", provider = p),
                ask: msg!("case-ask-owner"),
            },
            view,
            verdict,
            langs.bank,
        ),
        "provider_and_bank" => {
            let mut s = msg!("case-two-messages").render(u);
            s.push_str("\n\n");
            s.push_str(&letter(
                Letter {
                    to: msg!("case-to-support", provider = p),
                    subject: msg!("case-subject-unauthorized", amount = amount.as_str()),
                    opening: msg!("case-open-unauthorized-provider", provider = p),
                    ask: msg!("case-ask-unauthorized-provider"),
                },
                view,
                verdict,
                langs.support,
            ));
            s.push_str("\n----------------------------------------\n\n");
            s.push_str(&bank(
                msg!("case-open-unauthorized-bank", provider = p),
                msg!("case-ask-unauthorized-bank"),
            ));
            s
        }
        "wait" => {
            // Kept for later, to whoever the case goes to if waiting does not
            // settle it: the bank for a second charge, else support.
            let (to, draft) = if verdict.top_code == Some("duplicate_charge_risk") {
                (
                    msg!("case-to-your-bank"),
                    bank(
                        msg!("case-open-bank-duplicate", provider = p),
                        bank_ask(verdict, p),
                    ),
                )
            } else {
                (
                    msg!("case-to-support", provider = p),
                    support(msg!("case-open-support-waiting", provider = p)),
                )
            };
            let mut s = format!(
                "{}{why}\n{}\n\n",
                msg!("case-wait-note").render(u),
                msg!("case-wait-below", to = to.render(u)).render(u)
            );
            s.push_str(&draft);
            s
        }
        _ => {
            // Nobody to write to: no letter, only what to do.
            let mut s = format!("{}{why}\n", msg!("case-none-note").render(u));
            let steps = verdict.next_steps_in(u);
            if !steps.is_empty() {
                s.push('\n');
                s.push_str(&msg!("case-what-to-do").render(u));
                s.push('\n');
                for step in &steps {
                    s.push_str("- ");
                    s.push_str(step);
                    s.push('\n');
                }
            }
            if !verdict.do_not.is_empty() {
                let items: Vec<String> = verdict
                    .do_not
                    .iter()
                    .map(|d| match *d {
                        "pay_again" => msg!("case-do-not-pay-again").render(u),
                        "chargeback" => msg!("case-do-not-chargeback").render(u),
                        other => other.to_owned(),
                    })
                    .collect();
                let sep = if u == Lang::ZhCn { "、" } else { ", " };
                s.push('\n');
                s.push_str(&msg!("case-do-not", list = items.join(sep)).render(u));
                s.push('\n');
            }
            s
        }
    }
}

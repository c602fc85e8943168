//! The drafted message to the first contact, filled with the case's facts.
//! Every sentence is the app's own; the text is redacted by the pack.
//!
//! The message follows the diagnosis' first contact: a letter to support,
//! the bank or the organization's owner, two letters for an unauthorized
//! charge, a letter kept for later while the advice is to wait, and no letter
//! at all when nobody is to be contacted (`none`): then it lists what to do.

use serde_json::Value;

use super::model::value_text;
use super::{CaseView, Linked};
use crate::topup::{FactName, Provider};

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

/// `2026-01-26 09:05 UTC (17:05 local time, UTC+08:00)`.
fn when(view: &CaseView, rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let t = t.with_timezone(&chrono::Utc);
            format!(
                "{} UTC ({} local time)",
                t.format("%Y-%m-%d %H:%M"),
                view.zone.local(t)
            )
        }
        Err(_) => rfc3339.to_owned(),
    }
}

fn join(items: &[String]) -> String {
    items.join(", ")
}

/// What the latest diagnosis says, read from its stored JSON.
pub(super) struct Verdict<'a> {
    pub contact: &'a str,
    pub top_code: Option<&'a str>,
    pub explanation: Option<&'a str>,
    pub do_not: Vec<&'a str>,
    pub next_steps: Vec<&'a str>,
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
            do_not: strs(result, "do_not"),
            next_steps: strs(result, "next_steps"),
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

/// Who a contact id means, in words.
pub(super) fn contact_words(contact: &str, provider: Provider) -> String {
    match contact {
        "wait" => "nobody yet: wait a little".to_owned(),
        "issuing_bank" => "the bank that issued the card".to_owned(),
        "openai_support" => format!("{} support", provider.name()),
        "org_owner" => "the owner of the organization".to_owned(),
        "provider_and_bank" => format!("{} support and the card's bank", provider.name()),
        _ => "nobody: the fix is on your side".to_owned(),
    }
}

/// The facts of the purchase, one line each.
fn purchase_lines(view: &CaseView) -> Vec<String> {
    let p = view.provider.name();
    let mut out = Vec::new();
    let amount = match (
        fact_text(view, FactName::Amount),
        fact_text(view, FactName::Currency),
    ) {
        (Some(a), Some(c)) => format!("{a} {c}"),
        (Some(a), None) => a,
        _ => "an amount I have not filled in yet".to_owned(),
    };
    let paid = fact_text(view, FactName::PaidAt)
        .map(|t| format!(", paid on {}", when(view, &t)))
        .unwrap_or_default();
    out.push(format!("Purchase: {amount} of {p} API credits{paid}."));
    if !view.details.card_last4.is_empty() {
        let kind = fact_text(view, FactName::CardKind)
            .map(|k| format!("{k} "))
            .unwrap_or_default();
        out.push(format!(
            "Card used: {kind}card ending in {}.",
            join(&view.details.card_last4)
        ));
    } else if let Some(k) = fact_text(view, FactName::CardKind) {
        out.push(format!("Card used: a {k} card."));
    }
    if let Some(o) = fact_text(view, FactName::TopupOrg) {
        out.push(format!("Organization the credits were bought for: {o}."));
    }
    if let Some(o) = fact_text(view, FactName::KeyOrg) {
        out.push(format!("Organization of the API key in use: {o}."));
    }
    if let Some(o) = fact_text(view, FactName::TopupProject) {
        out.push(format!("Project selected when buying: {o}."));
    }
    if let Some(o) = fact_text(view, FactName::KeyProject) {
        out.push(format!("Project of the API key: {o}."));
    }
    if !view.details.receipt_numbers.is_empty() {
        out.push(format!(
            "Receipt number: {}.",
            join(&view.details.receipt_numbers)
        ));
    }
    if !view.details.invoice_numbers.is_empty() {
        out.push(format!(
            "Invoice number: {}.",
            join(&view.details.invoice_numbers)
        ));
    }
    for r in view.active_rows() {
        match &r.row {
            Linked::Txn { txn: Some(t), .. } => out.push(format!(
                "Card statement line: {} \"{}\" {} {} ({}).",
                t.date,
                t.description,
                t.amount,
                t.currency,
                t.status.as_str()
            )),
            Linked::Payment {
                payment: Some(pm), ..
            } => out.push(format!(
                "{p} payment record: {} {} {} on {} ({}).",
                pm.kind.as_str().replace('_', " "),
                pm.amount,
                pm.currency,
                pm.paid_date,
                pm.status.as_str()
            )),
            _ => {}
        }
    }
    out
}

/// What the user has already looked at, in sentences.
fn checked_lines(view: &CaseView, verdict: &Verdict<'_>) -> Vec<String> {
    let p = view.provider.name();
    let mut out = Vec::new();
    if let Some(s) = fact_text(view, FactName::BankStatus) {
        out.push(match s.as_str() {
            "none" => "My bank shows no charge for this purchase.".to_owned(),
            other => format!("My bank shows the charge as {other}."),
        });
    }
    if let Some(s) = fact_text(view, FactName::PlatformPaymentRecord) {
        out.push(match s.as_str() {
            "none" => {
                format!("The payment history on the {p} billing page does not list this payment.")
            }
            other => format!(
                "The payment history on the {p} billing page lists this payment as {other}."
            ),
        });
    }
    if let Some(e) = fact_text(view, FactName::PaymentError) {
        if e != "none" {
            out.push(format!(
                "The payment page showed an error ({}).",
                e.replace('_', " ")
            ));
        }
    }
    match (
        fact_text(view, FactName::BalanceBefore),
        fact_text(view, FactName::BalanceAfter),
    ) {
        (Some(b), Some(a)) => out.push(format!(
            "The credit balance was {b} before the payment and shows {a} now."
        )),
        (None, Some(a)) => out.push(format!("The credit balance shows {a} now.")),
        (Some(b), None) => out.push(format!("The credit balance was {b} before the payment.")),
        (None, None) => {}
    }
    match (
        fact_text(view, FactName::TopupOrg),
        fact_text(view, FactName::KeyOrg),
    ) {
        (Some(t), Some(k)) if t.eq_ignore_ascii_case(&k) => out.push(format!(
            "I compared organizations: the credits and my API key both belong to {t}."
        )),
        (Some(t), Some(k)) => out.push(format!(
            "I compared organizations: the credits went to {t}, my API key belongs to {k}."
        )),
        _ => {}
    }
    if let Some(v) = fact_value(view, FactName::CanViewBilling).and_then(Value::as_bool) {
        out.push(if v {
            "I can open the organization's billing page.".to_owned()
        } else {
            "I cannot open the organization's billing page myself.".to_owned()
        });
    }
    if let Some(a) = fact_value(view, FactName::AutoRecharge) {
        if a.get("enabled").and_then(Value::as_bool) == Some(true) {
            out.push("I checked the auto-recharge settings.".to_owned());
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
            (None, None) => "an error".to_owned(),
        };
        out.push(format!("The API now answers with {what}."));
    }
    match fact_value(view, FactName::UsedSincePayment).and_then(Value::as_bool) {
        Some(true) => out.push("The API kept working for a while after the payment.".to_owned()),
        Some(false) => out.push("The API has not worked since the payment.".to_owned()),
        None => {}
    }
    if let Some(n) = fact_value(view, FactName::ChargesSeen).and_then(Value::as_u64) {
        out.push(format!(
            "I see {n} card charge{} for this one purchase.",
            if n == 1 { "" } else { "s" }
        ));
    }
    if fact_value(view, FactName::RecognizedCharge).and_then(Value::as_bool) == Some(false) {
        out.push("I did not make this purchase.".to_owned());
    }
    if verdict.do_not.contains(&"pay_again") {
        out.push("I have not paid a second time.".to_owned());
    }
    if verdict.do_not.contains(&"chargeback") {
        out.push("I have not opened a dispute or chargeback.".to_owned());
    }
    out
}

fn bank_ask(verdict: &Verdict<'_>, provider: &str) -> String {
    match verdict.top_code {
        Some("bank_authorization_only") => format!(
            "Please tell me whether this is only an authorization hold that {provider} never \
             completed, and when it will be released or settled."
        ),
        Some("payment_3ds_failed") => format!(
            "The card verification (3-D Secure) did not complete. Please tell me why, and \
             what I need to do so that a payment to {provider} can be verified."
        ),
        Some("card_declined") => format!(
            "Please tell me why the payment was declined, and allow online and international \
             payments to {provider} if a rule on my card blocked it."
        ),
        Some("duplicate_charge_risk") => "I see more than one charge for a single purchase. \
             Please tell me whether they will all settle, and reverse any extra one that does."
            .to_owned(),
        _ => "Please tell me the status of this payment on your side.".to_owned(),
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

fn letter(
    to: &str,
    subject: &str,
    opening: &str,
    ask: &str,
    view: &CaseView,
    verdict: &Verdict<'_>,
    attachments: usize,
) -> String {
    let mut s = format!("To: {to}\nSubject: {subject}\n\nHello,\n\n{opening}\n\n");
    s.push_str(&block("The purchase:", &purchase_lines(view)));
    s.push_str(&block(
        "What I have already checked:",
        &checked_lines(view, verdict),
    ));
    s.push_str(ask);
    s.push_str("\n\n");
    s.push_str(&format!(
        "I attach an evidence pack with a summary, a timeline in UTC and local time, {}and \
         the SHA-256 hash of every file in it.\n\n",
        if attachments > 0 {
            format!(
                "{attachments} supporting file{}, ",
                if attachments == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    ));
    s.push_str("Thank you,\n[your name]\n");
    s
}

/// The drafted message (or messages, when two parties are to be told).
pub(super) fn draft(view: &CaseView, verdict: &Verdict<'_>) -> String {
    let p = view.provider.name();
    let n = view.attachments.len();
    let amount = fact_text(view, FactName::Amount)
        .map(|a| {
            let c = fact_text(view, FactName::Currency).unwrap_or_default();
            format!(" of {a} {c}").trim_end().to_owned()
        })
        .unwrap_or_default();
    let support = |opening: &str| {
        letter(
            &format!("{p} support"),
            &format!("API credit purchase{amount} not added to my balance"),
            opening,
            "Please check this payment and add the credits to the right organization, or tell \
             me where they went.",
            view,
            verdict,
            n,
        )
    };
    let bank = |opening: &str, ask: &str| {
        letter(
            "the bank that issued my card",
            &format!("Card payment to {p}{amount}"),
            opening,
            ask,
            view,
            verdict,
            n,
        )
    };
    let why = verdict
        .explanation
        .map(|e| format!(" The app's reading of the facts: {e}"))
        .unwrap_or_default();
    match verdict.contact {
        "openai_support" => support(&format!(
            "I bought {p} API credits and the payment went through, but the credits have not \
             reached my balance."
        )),
        "issuing_bank" => bank(
            &if verdict.top_code == Some("duplicate_charge_risk") {
                format!("My card was charged more than once by {p} for a single purchase of API credits.")
            } else {
                format!("I am writing about a card payment to {p} for API credits that did not go through as expected.")
            },
            &bank_ask(verdict, p),
        ),
        "org_owner" => letter(
            "the owner of our organization",
            &format!("{p} API credits{amount}: please check the organization's billing"),
            &format!(
                "I bought (or tried to buy) {p} API credits for our organization, but my API key \
                 does not see them, and I cannot settle it without the owner's rights."
            ),
            "Please check on the billing page that the credits are in the organization and \
             project my API key belongs to, and either move my key there or give me access to \
             billing.",
            view,
            verdict,
            n,
        ),
        "provider_and_bank" => {
            let mut s =
                String::from("Two messages follow: one to the provider, one to the bank.\n\n");
            s.push_str(&letter(
                &format!("{p} support"),
                &format!("Credit purchase{amount} I did not make"),
                &format!("A purchase of {p} API credits was made on my account that I did not make."),
                "Please stop further charges, tell me which organization and key the purchase came \
                 from, and refund it. I am rotating my API keys and password now.",
                view,
                verdict,
                n,
            ));
            s.push_str("\n----------------------------------------\n\n");
            s.push_str(&bank(
                &format!("My card was charged by {p} for a purchase I did not make."),
                "Please block further charges from this merchant on my card and tell me how to \
                 dispute this one.",
            ));
            s
        }
        "wait" => {
            // Kept for later, to whoever the case goes to if waiting does not
            // settle it: the bank for a second charge, else support.
            let (to, draft) = if verdict.top_code == Some("duplicate_charge_risk") {
                (
                    "your bank".to_owned(),
                    bank(
                        &format!(
                            "My card was charged more than once by {p} for a single purchase of API credits."
                        ),
                        &bank_ask(verdict, p),
                    ),
                )
            } else {
                (
                    format!("{p} support"),
                    support(&format!(
                        "I bought {p} API credits, but they have not reached my balance."
                    )),
                )
            };
            let mut s = format!(
                "Note: nobody needs to be contacted yet: the diagnosis says this is probably \
                 still settling; give it a little time before writing.{why}\nThe draft below, \
                 to {to}, is here in case that changes.\n\n"
            );
            s.push_str(&draft);
            s
        }
        _ => {
            // Nobody to write to: no letter, only what to do.
            let mut s = format!(
                "Nobody needs to be contacted: the diagnosis says you can settle this yourself, \
                 so there is no message to send.{why}\n"
            );
            if !verdict.next_steps.is_empty() {
                s.push_str("\nWhat to do:\n");
                for step in &verdict.next_steps {
                    s.push_str("- ");
                    s.push_str(step);
                    s.push('\n');
                }
            }
            if !verdict.do_not.is_empty() {
                s.push_str(&format!(
                    "\nDo not, for now: {}.\n",
                    verdict
                        .do_not
                        .iter()
                        .map(|d| match *d {
                            "pay_again" => "pay again",
                            "chargeback" => "start a chargeback",
                            other => other,
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            s
        }
    }
}

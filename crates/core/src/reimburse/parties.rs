//! The sender's name and address, each client's address and the payment
//! note a report carries: saved in the ledger's settings, set in the app's
//! Settings or by the CLI's flags, and checked here, once, for both.
//!
//! Invariant: what is stored is what the report prints: plain text, line
//! ends `\n`, no control characters, no trailing spaces, no blank first or
//! last line, and at most as many lines (of at most as many characters) as
//! the report's layout has room for.

use crate::i18n::Msg;
use crate::msg;
use crate::Ledger;

use super::{tags, Parties, ReimburseError};

const SENDER_KEY: &str = "report.sender";
const NOTE_KEY: &str = "report.payment_note";

fn client_address_key(client: &str) -> String {
    format!("report.client_address:{}", client.trim().to_lowercase())
}

/// A field of the parties, as the catalogs name it (`reimb-party-field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyField {
    Sender,
    ClientAddress,
    PaymentNote,
}

impl PartyField {
    fn id(self) -> &'static str {
        match self {
            PartyField::Sender => "sender",
            PartyField::ClientAddress => "client",
            PartyField::PaymentNote => "note",
        }
    }

    /// Lines, and characters per line, the report has room for.
    pub fn limits(self) -> (usize, usize) {
        match self {
            PartyField::Sender | PartyField::ClientAddress => (6, 100),
            PartyField::PaymentNote => (10, 200),
        }
    }
}

/// `text` as it is stored and printed, or why it cannot be: line ends made
/// `\n`, tabs made spaces, each line's end trimmed, blank lines around it
/// dropped; then at most [`PartyField::limits`] lines and characters, and
/// no control character. An empty result clears the field.
pub fn check_party(field: PartyField, text: &str) -> Result<String, ReimburseError> {
    let bad = |m: Msg| Err(ReimburseError::Party(m));
    let text = text.replace("\r\n", "\n").replace(['\r', '\t'], " ");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(String::new());
    };
    let lines = &lines[first..=last];
    let (max_lines, max_chars) = field.limits();
    if lines.len() > max_lines {
        return bad(msg!(
            "reimb-party-too-many-lines",
            field = field.id(),
            lines = lines.len(),
            max = max_lines
        ));
    }
    for (i, l) in lines.iter().enumerate() {
        if l.chars().any(char::is_control) {
            return bad(msg!(
                "reimb-party-control",
                field = field.id(),
                line = i + 1
            ));
        }
        let chars = l.chars().count();
        if chars > max_chars {
            return bad(msg!(
                "reimb-party-line-too-long",
                field = field.id(),
                line = i + 1,
                chars = chars,
                max = max_chars
            ));
        }
    }
    Ok(lines.join("\n"))
}

/// The parties saved in the settings for `client`'s reports (an empty
/// client: no client address).
pub fn saved_parties(ledger: &Ledger, client: &str) -> Result<Parties, ReimburseError> {
    let client_address = if client.trim().is_empty() {
        String::new()
    } else {
        ledger
            .app_setting(&client_address_key(client))?
            .unwrap_or_default()
    };
    Ok(Parties {
        sender: ledger.app_setting(SENDER_KEY)?.unwrap_or_default(),
        client_address,
        payment_note: ledger.app_setting(NOTE_KEY)?.unwrap_or_default(),
    })
}

/// Saves the parties given (`Some`; an empty text clears one) for every
/// later report (the client's address for `client`'s reports). Every field
/// is checked first ([`check_party`]): nothing is saved when one is bad.
/// A client address needs a client that a `client:` tag can name.
pub fn save_parties(
    ledger: &Ledger,
    client: &str,
    sender: Option<&str>,
    client_address: Option<&str>,
    payment_note: Option<&str>,
) -> Result<Parties, ReimburseError> {
    let check = |f: PartyField, v: Option<&str>| v.map(|v| check_party(f, v)).transpose();
    let sender = check(PartyField::Sender, sender)?;
    let client_address = check(PartyField::ClientAddress, client_address)?;
    let payment_note = check(PartyField::PaymentNote, payment_note)?;
    if client_address.is_some() {
        if client.trim().is_empty() {
            return Err(ReimburseError::Party(msg!("reimb-party-no-client")));
        }
        tags::client_tag(client)?;
    }
    let set = |key: &str, v: Option<String>| -> Result<(), ReimburseError> {
        if let Some(v) = v {
            ledger.set_app_setting(key, (!v.is_empty()).then_some(v.as_str()))?;
        }
        Ok(())
    };
    set(SENDER_KEY, sender)?;
    set(&client_address_key(client), client_address)?;
    set(NOTE_KEY, payment_note)?;
    saved_parties(ledger, client)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn msg_of(r: Result<String, ReimburseError>) -> Msg {
        match r {
            Err(ReimburseError::Party(m)) => m,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn text_is_stored_as_printed() {
        let t = check_party(
            PartyField::Sender,
            "\r\n  \nMei Lin   \r\n12 Harbour Rd\t3F\n\n",
        )
        .expect("fine");
        assert_eq!(t, "Mei Lin\n12 Harbour Rd 3F");
        assert_eq!(
            check_party(PartyField::PaymentNote, " \n \n").expect("empty"),
            ""
        );
        // A blank line inside is kept (a paragraph break in the note).
        assert_eq!(
            check_party(PartyField::PaymentNote, "IBAN X\n\nDue in 14 days").expect("fine"),
            "IBAN X\n\nDue in 14 days"
        );
    }

    #[test]
    fn each_limit_names_its_field_in_both_languages() {
        let seven = ["a"; 7].join("\n");
        let m = msg_of(check_party(PartyField::Sender, &seven));
        assert_eq!(
            m.render(Lang::En),
            "Your name and address has 7 lines; the report has room for 6"
        );
        assert_eq!(
            m.render(Lang::ZhCn),
            "你的姓名和地址有 7 行；报告最多容纳 6 行"
        );
        let long = format!("ok\n{}", "x".repeat(101));
        let m = msg_of(check_party(PartyField::ClientAddress, &long));
        assert!(m
            .render(Lang::En)
            .starts_with("Line 2 of the client's address has 101 characters"));
        assert!(m.render(Lang::ZhCn).contains("客户地址"));
        let m = msg_of(check_party(PartyField::PaymentNote, "pay\u{7}now"));
        assert!(
            m.render(Lang::En).contains("the payment note"),
            "{}",
            m.render(Lang::En)
        );
        // 200 characters fit a note's line; 10 lines fit a note.
        let note = vec!["y".repeat(200); 10].join("\n");
        assert_eq!(
            check_party(PartyField::PaymentNote, &note).expect("fits"),
            note
        );
    }

    #[test]
    fn a_bad_field_saves_nothing() {
        let ledger = Ledger::open_in_memory().expect("ledger");
        save_parties(&ledger, "Acme", Some("Mei"), Some("Acme Ltd"), Some("IBAN")).expect("saved");
        let err = save_parties(
            &ledger,
            "Acme",
            Some("New sender"),
            Some("z\n".repeat(9).as_str()),
            None,
        )
        .expect_err("too many lines");
        assert!(err.is_bad_input());
        let p = saved_parties(&ledger, "acme").expect("read");
        assert_eq!(p.sender, "Mei");
        assert_eq!(p.client_address, "Acme Ltd");
        assert_eq!(p.payment_note, "IBAN");
        // A client address needs a client.
        let err = save_parties(&ledger, " ", None, Some("Somewhere"), None).expect_err("no client");
        assert!(matches!(err, ReimburseError::Party(_)));
        // An empty text clears; None keeps.
        let p = save_parties(&ledger, "Acme", Some(""), None, None).expect("cleared");
        assert_eq!(p.sender, "");
        assert_eq!(p.client_address, "Acme Ltd");
    }
}

//! One message, read: sender, subject, the instant and zone of its `Date:`
//! header, and its text (the text part, else the HTML part as text), through
//! the `mail-parser` crate, which decodes MIME, transfer encodings and
//! charsets.
//!
//! Invariant: reading never panics and never fails the import: a message
//! that cannot be read is a [`Unreadable`] reason, counted and listed.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use mail_parser::{MessageParser, MimeHeaders};

/// The most MIME parts a message may have; more is a hostile message.
pub const MAX_PARTS: usize = 500;
/// The most text kept from a message's body (receipts are a few KiB).
pub const MAX_TEXT: usize = 256 * 1024;

/// What a receipt reader needs of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The sender's address, lower case (`invoice+statements@openai.com`).
    pub from: String,
    /// The part after `@`, lower case.
    pub domain: String,
    /// The display name (`OpenAI`).
    pub from_name: String,
    pub subject: String,
    pub message_id: Option<String>,
    /// The `Date:` header, in the zone it states.
    pub date: Option<DateTime<FixedOffset>>,
    /// The body as text, lines trimmed, blank runs collapsed.
    pub text: String,
    /// Attached PDFs' names (read by a later stage; listed for now).
    pub pdf_names: Vec<String>,
}

impl Mail {
    /// The `Date:` header as a UTC instant.
    pub fn instant(&self) -> Option<DateTime<Utc>> {
        self.date.map(|d| d.with_timezone(&Utc))
    }

    /// The date the message was sent, in its own zone.
    pub fn local_date(&self) -> Option<NaiveDate> {
        self.date.map(|d| d.date_naive())
    }
}

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a MIME message at all.
    NotMime,
    /// Larger than the cap.
    TooLarge,
    /// More parts than [`MAX_PARTS`] (a bomb of nested multiparts).
    TooManyParts(usize),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotMime => f.write_str("not a readable MIME message"),
            Unreadable::TooLarge => write!(
                f,
                "larger than {} MiB",
                super::source::MAX_MESSAGE_BYTES / (1024 * 1024)
            ),
            Unreadable::TooManyParts(n) => {
                write!(
                    f,
                    "{n} MIME parts (more than {MAX_PARTS}): skipped as hostile"
                )
            }
        }
    }
}

/// The PDF attachments of a message: (name, bytes), at most `max` bytes
/// each (a larger one is left out).
pub fn pdf_attachments(bytes: &[u8], max: usize) -> Vec<(String, Vec<u8>)> {
    let Some(msg) = MessageParser::default().parse(bytes) else {
        return Vec::new();
    };
    msg.attachments()
        .filter(|a| {
            a.content_type()
                .is_some_and(|c| c.subtype().is_some_and(|s| s.eq_ignore_ascii_case("pdf")))
                || a.attachment_name()
                    .is_some_and(|n| n.to_ascii_lowercase().ends_with(".pdf"))
                || a.contents().starts_with(b"%PDF-")
        })
        .filter(|a| a.contents().len() <= max && !a.contents().is_empty())
        .map(|a| {
            (
                a.attachment_name().unwrap_or("receipt.pdf").to_owned(),
                a.contents().to_vec(),
            )
        })
        .collect()
}

/// Reads one message.
pub fn read(bytes: &[u8]) -> Result<Mail, Unreadable> {
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or(Unreadable::NotMime)?;
    if msg.parts.len() > MAX_PARTS {
        return Err(Unreadable::TooManyParts(msg.parts.len()));
    }
    let (from, from_name) = msg
        .from()
        .and_then(|a| a.first())
        .map(|a| {
            (
                a.address().unwrap_or_default().trim().to_ascii_lowercase(),
                a.name().unwrap_or_default().trim().to_owned(),
            )
        })
        .unwrap_or_default();
    if from.is_empty() && msg.subject().is_none() && msg.date().is_none() {
        return Err(Unreadable::NotMime);
    }
    let domain = from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').to_owned())
        .unwrap_or_default();
    let date = msg.date().and_then(|d| {
        let secs = (i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60)
            * if d.tz_before_gmt { -1 } else { 1 };
        let zone = FixedOffset::east_opt(secs)?;
        let naive =
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))?
                .and_hms_opt(u32::from(d.hour), u32::from(d.minute), u32::from(d.second))?;
        naive.and_local_timezone(zone).single()
    });
    // The text part where there is one; else the HTML part, as text with a
    // line per cell and paragraph (mail-parser's own conversion runs the
    // cells of a table together).
    let has_text = msg
        .parts
        .iter()
        .any(|p| matches!(p.body, mail_parser::PartType::Text(_)) && !p.is_message());
    let body = if has_text {
        msg.body_text(0).map(|t| t.into_owned())
    } else {
        msg.body_html(0).map(|h| html_to_text(&h))
    }
    .unwrap_or_default();
    let pdf_names = msg
        .attachments()
        .filter(|a| {
            a.content_type()
                .is_some_and(|c| c.subtype().is_some_and(|s| s.eq_ignore_ascii_case("pdf")))
                || a.attachment_name()
                    .is_some_and(|n| n.to_ascii_lowercase().ends_with(".pdf"))
        })
        .map(|a| a.attachment_name().unwrap_or("receipt.pdf").to_owned())
        .collect();
    Ok(Mail {
        from,
        domain,
        from_name,
        subject: msg.subject().unwrap_or_default().trim().to_owned(),
        message_id: msg.message_id().map(str::to_owned),
        date,
        text: tidy(&body),
        pdf_names,
    })
}

/// HTML as text: a line break for each block (cell, row, paragraph, `br`),
/// other tags dropped, `head`, `style` and `script` left out, entities
/// decoded.
pub fn html_to_text(html: &str) -> String {
    use regex::Regex;
    use std::sync::OnceLock;
    static DROP: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    static ENTITY: OnceLock<Regex> = OnceLock::new();
    let html = &html[..floor_char(html, MAX_TEXT * 8)];
    let drop = DROP.get_or_init(|| {
        Regex::new(r"(?is)<(head|style|script)\b.*?</(head|style|script)\s*>|<!--.*?-->")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    let tag = TAG.get_or_init(|| {
        Regex::new(r"(?s)<\s*(/?)\s*([a-zA-Z0-9]*)[^>]*>")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    let entity = ENTITY.get_or_init(|| {
        Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    let html = drop.replace_all(html, "");
    let text = tag.replace_all(&html, |c: &regex::Captures<'_>| {
        let name = c
            .get(2)
            .map(|m| m.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "br" | "p" | "div" | "td" | "th" | "tr" | "table" | "li" | "ul" | "ol" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" | "tbody" | "thead" | "tfoot" | "title"
            | "section" | "header" | "footer" => "\n",
            _ => "",
        }
    });
    entity
        .replace_all(&text, |c: &regex::Captures<'_>| {
            let e = &c[1];
            let ch = if let Some(hex) = e.strip_prefix("#x").or_else(|| e.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = e.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match e {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    "euro" => Some('€'),
                    "pound" => Some('£'),
                    "yen" => Some('¥'),
                    "bull" => Some('•'),
                    "middot" => Some('·'),
                    "ndash" => Some('–'),
                    "mdash" => Some('—'),
                    "copy" => Some('©'),
                    "reg" => Some('®'),
                    "trade" => Some('™'),
                    _ => None,
                }
            };
            ch.map(String::from).unwrap_or_else(|| c[0].to_owned())
        })
        .into_owned()
}

/// The largest char boundary at or below `at`.
fn floor_char(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Trims each line, turns tabs and non-breaking spaces into spaces, drops
/// blank runs, and caps the length.
pub(crate) fn tidy(body: &str) -> String {
    let mut out = String::with_capacity(body.len().min(MAX_TEXT));
    for line in body.lines() {
        let line: String = line
            .chars()
            .map(|c| match c {
                '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
                c => c,
            })
            .collect();
        let line = line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if line.is_empty() {
            continue;
        }
        if out.len() + line.len() > MAX_TEXT {
            break;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sender_zone_and_html_only_body() {
        let raw = "From: \"OpenAI\" <Invoice+Statements@OpenAI.com>\r\nSubject: Your receipt\r\nDate: Tue, 3 Jun 2025 14:05:09 -0700\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<table><tr><td>Amount paid</td><td>$20.00</td></tr></table>";
        let m = read(raw.as_bytes()).expect("read");
        assert_eq!(m.from, "invoice+statements@openai.com");
        assert_eq!(m.domain, "openai.com");
        assert_eq!(
            m.instant().expect("date").to_rfc3339(),
            "2025-06-03T21:05:09+00:00"
        );
        assert!(m.text.contains("Amount paid"), "{}", m.text);
        assert!(m.text.contains("$20.00"), "{}", m.text);
    }

    #[test]
    fn garbage_is_a_reason_not_a_panic() {
        assert!(read(b"").is_err());
        assert!(read(b"\x00\x01\x02").is_err());
    }
}

//! Redaction of the text that goes into an evidence pack (SPEC §7.2).
//!
//! - **Card numbers** become `•••• 1234` (the last four digits). A card number
//!   is 13–19 digits, either in one run or in groups split by single spaces or
//!   dashes where every group but the last has four digits (`4242 4242 4242
//!   4242`, `4242-4242-4242-4242`, `4242 4242 4242 4242 123`) or the American
//!   Express layout 4-6-5, and it must pass the Luhn check. The run must not
//!   continue into more digits or a decimal part (`1234567890123.45` is an
//!   amount; only `.` counts as a decimal mark, since a comma beside a card
//!   number is a CSV separator: `1,4242424242424242,25.00` is masked), and
//!   it must stand on its own: not glued to a letter or digit
//!   on either side (so the digits inside a SHA-256 hex string or an id like
//!   `INV4242424242424242` are left alone). What this leaves alone, on
//!   purpose: dates (`2026-11-24`, even two of them side by side: their
//!   groups are not card groups), order or reference numbers that fail Luhn,
//!   and anything shorter than 13 digits. A Luhn-valid run between
//!   punctuation is masked wherever it stands, also in a URL
//!   (`/orders/4242424242424242`): one number in ten passes Luhn by chance,
//!   and masking such an order number costs less than leaking a card.
//! - **API keys**: `sk-` followed by at least 16 key characters (letters,
//!   digits, `-`, `_`), not glued to a word before it, becomes
//!   `[API key removed]`. This covers `sk-...`, `sk-proj-...`,
//!   `sk-svcacct-...`, `sk-admin-...`, `sk-ant-api03-...` and
//!   `sk-ant-admin01-...`; words such as `sk-learn` are too short to match.
//! - **E-mail addresses** are masked unless the user keeps them:
//!   `jane.doe@example.com` becomes `j•••@example.com` (the domain stays, so
//!   support can tell which account family it is).

use serde::Serialize;

/// What to redact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Redaction {
    /// Keep e-mail addresses as written (default: masked).
    pub keep_emails: bool,
}

/// What replaces a removed API key.
pub const KEY_REMOVED: &str = "[API key removed]";
/// What stands before the last four digits of a masked card number.
pub const CARD_MASK: &str = "•••• ";

const MIN_KEY_BODY: usize = 16;

/// What kind of secret a redaction removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "RedactionKind")]
pub enum HitKind {
    Card,
    ApiKey,
    Email,
}

impl HitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Card => "card",
            HitKind::ApiKey => "api_key",
            HitKind::Email => "email",
        }
    }
}

/// One redaction in a text. `hint` says what was found without repeating
/// it: `•••• 4242 (16 digits)`, `sk-proj-…(40 chars)`,
/// `j…@example.com (20 chars)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub hint: String,
    pub replacement: String,
    /// 1-based line of the text.
    pub line: usize,
}

/// The text with card numbers, API keys and (unless kept) e-mail addresses
/// redacted.
pub fn redact(text: &str, opts: Redaction) -> String {
    redact_with_hits(text, opts).0
}

/// [`redact`], and what it removed, by line.
pub fn redact_with_hits(text: &str, opts: Redaction) -> (String, Vec<Hit>) {
    let mut hits = Vec::new();
    // No replacement and no match spans a line break, so the line of a
    // match is the same in every pass's input.
    let text = redact_keys(text, &mut hits);
    let text = redact_cards(&text, &mut hits);
    let text = if opts.keep_emails {
        text
    } else {
        mask_emails(&text, &mut hits)
    };
    hits.sort_by_key(|h| h.line);
    (text, hits)
}

fn line_at(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Key prefixes named in a hint, longest first.
const KEY_PREFIXES: [&str; 7] = [
    "sk-ant-admin01-",
    "sk-ant-api03-",
    "sk-svcacct-",
    "sk-admin-",
    "sk-proj-",
    "sk-ant-",
    "sk-",
];

fn key_hint(key: &str) -> String {
    let prefix = KEY_PREFIXES
        .iter()
        .find(|p| key.starts_with(*p))
        .copied()
        .unwrap_or("sk-");
    format!("{prefix}…({} chars)", key.chars().count())
}

/// True when the digits pass the Luhn check.
pub fn luhn_ok(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn redact_keys(text: &str, hits: &mut Vec<Hit>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let starts = bytes[i..].starts_with(b"sk-")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if starts {
            let body = bytes[i + 3..]
                .iter()
                .take_while(|b| is_key_char(**b))
                .count();
            if body >= MIN_KEY_BODY {
                hits.push(Hit {
                    kind: HitKind::ApiKey,
                    hint: key_hint(&text[i..i + 3 + body]),
                    replacement: KEY_REMOVED.to_owned(),
                    line: line_at(text, i),
                });
                out.push_str(&text[last..i]);
                out.push_str(KEY_REMOVED);
                i += 3 + body;
                last = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[last..]);
    out
}

/// A candidate card number found at `start..end` with its digits.
struct CardRun {
    end: usize,
    digits: Vec<u8>,
}

/// Reads digit groups from `start` (a digit not preceded by a digit).
fn card_at(bytes: &[u8], start: usize) -> Option<CardRun> {
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (start, end) of each group
    let mut sep: Option<u8> = None;
    let mut i = start;
    loop {
        let g_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        groups.push((g_start, i));
        // A single separator followed by a digit continues the number.
        if i + 1 < bytes.len()
            && (bytes[i] == b' ' || bytes[i] == b'-')
            && bytes[i + 1].is_ascii_digit()
            && sep.is_none_or(|s| s == bytes[i])
        {
            sep = Some(bytes[i]);
            i += 1;
            continue;
        }
        break;
    }
    // Try the longest prefix of groups that forms a card number.
    for n in (1..=groups.len()).rev() {
        let gs = &groups[..n];
        let end = gs[n - 1].1;
        let lens: Vec<usize> = gs.iter().map(|(a, b)| b - a).collect();
        let total: usize = lens.iter().sum();
        if !(13..=19).contains(&total) {
            continue;
        }
        let shaped = n == 1
            || lens[..n - 1].iter().all(|l| *l == 4) && (1..=4).contains(&lens[n - 1])
            || lens == [4, 6, 5]
            || lens == [4, 6, 4];
        if !shaped {
            continue;
        }
        // Not followed by a decimal part or more digits.
        // Only `.` is a decimal mark here: a comma next to a card is a CSV
        // field separator (`1,4242424242424242,25.00`), and a 13-digit amount
        // with a decimal comma is not one anybody pays.
        let decimal =
            end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit();
        let glued = end < bytes.len() && bytes[end].is_ascii_alphanumeric();
        if decimal || glued {
            continue;
        }
        let digits: Vec<u8> = gs
            .iter()
            .flat_map(|(a, b)| bytes[*a..*b].iter().copied())
            .collect();
        if luhn_ok(&digits) {
            return Some(CardRun { end, digits });
        }
    }
    None
}

fn redact_cards(text: &str, hits: &mut Vec<Hit>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at_run_start = bytes[i].is_ascii_digit()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    // a decimal part, not the start of a number
                    || (i >= 2 && bytes[i - 1] == b'.' && bytes[i - 2].is_ascii_digit())));
        if at_run_start {
            if let Some(run) = card_at(bytes, i) {
                let tail = String::from_utf8_lossy(&run.digits[run.digits.len() - 4..]);
                let masked = format!("{CARD_MASK}{tail}");
                hits.push(Hit {
                    kind: HitKind::Card,
                    hint: format!("{masked} ({} digits)", run.digits.len()),
                    replacement: masked.clone(),
                    line: line_at(text, i),
                });
                out.push_str(&text[last..i]);
                out.push_str(&masked);
                i = run.end;
                last = i;
                continue;
            }
        }
        // Skip the rest of this digit run: a card never starts mid-run.
        if bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._%+-".contains(&b)
}

fn is_domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

fn mask_emails(text: &str, hits: &mut Vec<Hit>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices('@') {
        if at < last {
            continue;
        }
        let mut start = at;
        while start > last && is_local_char(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain_char(bytes[end]) {
            end += 1;
        }
        // Trailing dots belong to the sentence.
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let valid = start < at
            && domain.contains('.')
            && !domain.starts_with('.')
            && domain
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if !valid {
            continue;
        }
        let masked = format!("{}•••@{domain}", char::from(bytes[start]));
        hits.push(Hit {
            kind: HitKind::Email,
            hint: format!(
                "{}…@{domain} ({} chars)",
                char::from(bytes[start]),
                end - start
            ),
            replacement: masked.clone(),
            line: line_at(text, start),
        });
        out.push_str(&text[last..start]);
        out.push_str(&masked);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> String {
        redact(text, Redaction::default())
    }

    #[test]
    fn card_numbers_keep_only_the_last_four() {
        assert_eq!(r("card 4242424242424242."), "card •••• 4242.");
        assert_eq!(r("4242 4242 4242 4242"), "•••• 4242");
        assert_eq!(r("(4242-4242-4242-4242)"), "(•••• 4242)");
        assert_eq!(r("amex 3782 822463 10005 ok"), "amex •••• 0005 ok");
        assert_eq!(r("visa13 4222222222222"), "visa13 •••• 2222");
        assert_eq!(r("19 digits 4242424242424242428"), "19 digits •••• 2428");
    }

    #[test]
    fn a_card_between_csv_fields_is_masked() {
        assert_eq!(r("1,4242424242424242,25.00\n"), "1,•••• 4242,25.00\n");
        assert_eq!(r("x,4242424242424242,7"), "x,•••• 4242,7");
    }

    #[test]
    fn what_is_not_a_card_stays() {
        // Dates, also two side by side, are not card groups.
        assert_eq!(r("paid 2026-11-24"), "paid 2026-11-24");
        assert_eq!(r("2026-11-24 2026-11-25"), "2026-11-24 2026-11-25");
        // A 16-digit order number that fails Luhn stays, also in a URL.
        assert!(!luhn_ok(b"1234567812345678"));
        let url = "https://example.com/orders/1234567812345678?x=1";
        assert_eq!(r(url), url);
        // An amount with a decimal part is not a card.
        assert_eq!(r("1234567890123.45 USD"), "1234567890123.45 USD");
        // Too short or too long.
        assert_eq!(r("424242424242"), "424242424242");
        assert_eq!(r("42424242424242424242424"), "42424242424242424242424");
        // Phone-like groups of three.
        assert_eq!(r("+1 415 555 0100 0199"), "+1 415 555 0100 0199");
    }

    #[test]
    fn digits_glued_to_letters_are_not_cards() {
        let hash = "ab4242424242424242cd";
        assert_eq!(r(hash), hash);
        assert_eq!(r("INV4242424242424242"), "INV4242424242424242");
    }

    #[test]
    fn a_luhn_valid_number_in_a_url_is_masked_too() {
        assert_eq!(
            r("https://example.com/o/4242424242424242"),
            "https://example.com/o/•••• 4242"
        );
    }

    #[test]
    fn api_keys_are_removed() {
        for key in [
            "sk-abcdefghijklmnopqrstuvwxyz012345",
            "sk-proj-AbC_dEf-1234567890abcdefGHIJ",
            "sk-svcacct-0123456789abcdef0123",
            "sk-admin-0123456789abcdefXYZ",
            "sk-ant-api03-abcdefghijklmnop_qrstuv-wxyzAA",
            "sk-ant-admin01-abcdefghijklmnopqrst",
        ] {
            assert_eq!(
                r(&format!("key={key} end")),
                "key=[API key removed] end",
                "{key}"
            );
        }
        assert_eq!(r("I use sk-learn daily"), "I use sk-learn daily");
        assert_eq!(
            r("task-abcdefghijklmnopqrstuvwxyz"),
            "task-abcdefghijklmnopqrstuvwxyz"
        );
    }

    #[test]
    fn emails_are_masked_unless_kept() {
        assert_eq!(
            r("write to jane.doe@example.com."),
            "write to j•••@example.com."
        );
        assert_eq!(r("not@mail"), "not@mail");
        assert_eq!(r("@handle"), "@handle");
        let kept = redact("jane.doe@example.com", Redaction { keep_emails: true });
        assert_eq!(kept, "jane.doe@example.com");
    }

    #[test]
    fn hits_say_what_was_removed_without_repeating_it() {
        let key = "sk-proj-AbCdEf0123456789xyz";
        let text = format!("a\ncard 4242424242424242\nkey {key} mail jane.doe@example.com");
        let (out, hits) = redact_with_hits(&text, Redaction::default());
        assert_eq!(
            out,
            "a\ncard •••• 4242\nkey [API key removed] mail j•••@example.com"
        );
        let got: Vec<(HitKind, &str, usize)> = hits
            .iter()
            .map(|h| (h.kind, h.hint.as_str(), h.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (HitKind::Card, "•••• 4242 (16 digits)", 2),
                (HitKind::ApiKey, "sk-proj-…(27 chars)", 3),
                (HitKind::Email, "j…@example.com (20 chars)", 3),
            ]
        );
        for h in &hits {
            assert!(!h.hint.contains("4242424242424242") && !h.hint.contains(key));
            assert!(!h.hint.contains("jane.doe"));
        }
        let (_, kept) = redact_with_hits(&text, Redaction { keep_emails: true });
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn redaction_is_idempotent_and_keeps_other_text() {
        let t = "Paid 20.00 USD on 2026-01-26 with 4242 4242 4242 4242, key sk-proj-abcdefghijklmnopqrstuv, ünïcödé";
        let once = r(t);
        assert_eq!(r(&once), once);
        assert!(once.contains("ünïcödé"));
        assert!(once.contains("20.00 USD on 2026-01-26"));
    }
}

//! Who a receipt is from: the catalog's `[[receipt_sender]]` table read
//! for one message (legal name, sender domain, app name → vendor).
//!
//! Invariant: a vendor is named only when the message's sender domain is
//! one the table gives for that vendor (or a processor that mails for it);
//! a name alone never makes a payment.

use crate::classify::catalog::ReceiptSender;
use crate::classify::Catalog;

/// How a receipt reached the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Bought from the vendor itself.
    Direct,
    /// Bought in an iPhone or Mac app through Apple.
    Apple,
    /// Bought in an Android app through Google Play.
    GooglePlay,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Direct => "direct",
            Channel::Apple => "apple",
            Channel::GooglePlay => "google_play",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "direct" => Some(Channel::Direct),
            "apple" => Some(Channel::Apple),
            "google_play" => Some(Channel::GooglePlay),
            _ => None,
        }
    }
}

/// What the sender's domain is, per the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// A vendor's own domain.
    Vendor(String),
    /// An app store's domain.
    Store(Channel),
    /// A processor that mails receipts for its merchants (Stripe).
    Processor,
    /// A domain the table does not know.
    Unknown,
}

fn domain_in(domain: &str, list: &[String]) -> bool {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    list.iter().any(|d| {
        let d = d.to_ascii_lowercase();
        domain == d
            || domain
                .strip_suffix(d.as_str())
                .is_some_and(|head| head.ends_with('.'))
    })
}

/// What `domain` is.
pub fn sender(catalog: &Catalog, domain: &str) -> Sender {
    for s in catalog.receipt_senders() {
        if !domain_in(domain, &s.domains) {
            continue;
        }
        return match (s.vendor.as_deref(), s.channel.as_deref()) {
            (Some(v), _) => Sender::Vendor(v.to_owned()),
            (None, Some("apple")) => Sender::Store(Channel::Apple),
            (None, Some("google_play")) => Sender::Store(Channel::GooglePlay),
            (None, Some("processor")) => Sender::Processor,
            _ => Sender::Unknown,
        };
    }
    Sender::Unknown
}

/// A name compared as a key: letters and digits only, lower case.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn vendor_entries(catalog: &Catalog) -> impl Iterator<Item = (&str, &ReceiptSender)> {
    catalog
        .receipt_senders()
        .iter()
        .filter_map(|s| s.vendor.as_deref().map(|v| (v, s)))
}

/// The vendor whose legal name this is (`OpenAI, LLC` → openai).
pub fn by_legal_name(catalog: &Catalog, name: &str) -> Option<String> {
    let k = key(name);
    vendor_entries(catalog)
        .find(|(_, s)| s.legal_names.iter().any(|n| key(n) == k))
        .map(|(v, _)| v.to_owned())
}

/// The legal name the table knows that `line` opens with (a receipt PDF's
/// seller block shares its lines with the `Bill to` column), the longest
/// first; the name as the table writes it.
pub fn legal_name_opening(catalog: &Catalog, line: &str) -> Option<String> {
    let k = key(line);
    vendor_entries(catalog)
        .flat_map(|(_, s)| s.legal_names.iter())
        .filter(|n| key(n).len() > 4 && k.starts_with(&key(n)))
        .max_by_key(|n| key(n).len())
        .cloned()
}

/// The vendor of an app a store receipt names (`ChatGPT` → openai): the
/// app's name, or its name before ` - ` or `: `.
pub fn by_app(catalog: &Catalog, app: &str) -> Option<String> {
    let whole = key(app);
    let short = key(app
        .split([':', '('])
        .next()
        .unwrap_or(app)
        .split(" - ")
        .next()
        .unwrap_or(app));
    vendor_entries(catalog)
        .find(|(_, s)| s.apps.iter().any(|a| key(a) == whole || key(a) == short))
        .map(|(v, _)| v.to_owned())
}

/// Whether `domain` is one the vendor mails from.
pub fn vendor_domain(catalog: &Catalog, vendor: &str, domain: &str) -> bool {
    vendor_entries(catalog).any(|(v, s)| v == vendor && domain_in(domain, &s.domains))
}

/// Whether a text names a vendor or a store by a legal name the table
/// knows (for telling a look-alike sender from ordinary mail).
pub fn names_known_sender(catalog: &Catalog, text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    catalog
        .receipt_senders()
        .iter()
        .filter(|s| s.channel.as_deref() != Some("processor"))
        .flat_map(|s| s.legal_names.iter())
        .find(|n| n.len() > 4 && lower.contains(&n.to_lowercase()))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_knows_domains_names_and_apps() {
        let c = Catalog::builtin();
        assert_eq!(sender(&c, "tm.openai.com"), Sender::Vendor("openai".into()));
        assert_eq!(sender(&c, "openai.com.evil.io"), Sender::Unknown);
        assert_eq!(sender(&c, "notopenai.com"), Sender::Unknown);
        assert_eq!(sender(&c, "email.apple.com"), Sender::Store(Channel::Apple));
        assert_eq!(sender(&c, "stripe.com"), Sender::Processor);
        assert_eq!(
            by_legal_name(&c, "Anysphere, Inc.").as_deref(),
            Some("cursor")
        );
        assert_eq!(
            by_legal_name(&c, "Anthropic, PBC").as_deref(),
            Some("anthropic")
        );
        assert_eq!(by_legal_name(&c, "OpenAI Inc").as_deref(), None);
        assert_eq!(by_app(&c, "ChatGPT").as_deref(), Some("openai"));
        assert_eq!(
            by_app(&c, "Perplexity - Ask Anything").as_deref(),
            Some("perplexity")
        );
        assert!(vendor_domain(&c, "midjourney", "midjourney.com"));
        assert!(!vendor_domain(&c, "midjourney", "openai.com"));
    }
}

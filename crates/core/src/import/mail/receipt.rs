//! Receipt e-mails into payments: the Stripe layout (most AI vendors mail
//! Stripe receipts), GitHub's payment receipt, Apple's "Your receipt from
//! Apple" and Google Play's order receipt, each read from the message's
//! text (or its HTML part as text).
//!
//! Invariant: a message becomes a [`Receipt`] only when its layout gives an
//! amount, a currency and a date AND its sender is one the vendor table
//! knows for the vendor it names; anything receipt-like short of that is
//! [`Verdict::Unrecognised`] with the reason, never dropped.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use rust_decimal::Decimal;
use serde::Serialize;

use super::read::Mail;
use super::vendors::{self, Channel, Sender};
use crate::classify::Catalog;
use crate::i18n::Msg;
use crate::money::Currency;
use crate::msg;

/// What a receipt line item buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A plan or subscription.
    Plan,
    /// Prepaid credits bought by hand.
    CreditPurchase,
    /// Credits bought by an automatic top-up.
    AutoRecharge,
    /// Anything else the receipt lists.
    Other,
}

/// One line item of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Item {
    pub description: String,
    pub kind: ItemKind,
    /// The app a store receipt names (`ChatGPT`).
    pub app: Option<String>,
    /// The vendor the item is from, where the receipt tells.
    pub vendor: Option<String>,
    pub quantity: Option<u32>,
    /// The item's amount as listed (before tax on a US receipt).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    /// The item's part of what was charged, tax included: the parts of a
    /// receipt sum to its total exactly (see [`apportion`]).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub share: Option<Decimal>,
}

/// Splits `total` over the items in proportion to their amounts, in whole
/// cents (whole units for a total without decimals), the cents left over
/// going to the largest remainders (the first item on a tie): the parts sum
/// to `total` exactly. `None` when the items' amounts sum to zero.
pub fn apportion(total: Decimal, amounts: &[Decimal]) -> Option<Vec<Decimal>> {
    let sum: Decimal = amounts.iter().copied().sum();
    if sum <= Decimal::ZERO || amounts.iter().any(|a| a.is_sign_negative()) {
        return None;
    }
    let dp = if total.scale() == 0 { 0 } else { 2 };
    let unit = Decimal::new(1, dp);
    let mut parts = Vec::with_capacity(amounts.len());
    let mut rems = Vec::with_capacity(amounts.len());
    for a in amounts {
        let exact = total.checked_mul(*a)?.checked_div(sum)?;
        let floor = exact.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero);
        rems.push(exact - floor);
        parts.push(floor);
    }
    let mut left = total - parts.iter().copied().sum::<Decimal>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| rems[b].cmp(&rems[a]).then(a.cmp(&b)));
    for i in order.into_iter().cycle().take(parts.len() * 100) {
        if left < unit {
            break;
        }
        parts[i] += unit;
        left -= unit;
    }
    (parts.iter().copied().sum::<Decimal>() == total).then_some(parts)
}

/// Gives each item its share of the total: its own amount when the items
/// sum to the total exactly (a proration line below zero included), else
/// the total apportioned.
fn with_shares(mut items: Vec<Item>, total: Decimal) -> Vec<Item> {
    let amounts: Vec<Decimal> = items.iter().map(|i| i.amount).collect();
    if items.len() > 1 && amounts.iter().copied().sum::<Decimal>() == total {
        for item in &mut items {
            item.share = Some(item.amount);
        }
        return items;
    }
    if let Some(parts) = apportion(total, &amounts) {
        for (item, part) in items.iter_mut().zip(parts) {
            item.share = Some(part);
        }
    }
    items
}

/// A receipt as read from one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// The vendor paid (for a store receipt, the vendor of its first item).
    pub vendor: String,
    pub channel: Channel,
    /// What it buys, as the receipt names it (`ChatGPT Plus`).
    pub product: Option<String>,
    pub receipt_no: Option<String>,
    pub invoice_no: Option<String>,
    /// The instant the message states (its `Date:`), in UTC.
    pub paid_at: Option<DateTime<Utc>>,
    /// The zone the message states, `+02:00`.
    pub zone: Option<String>,
    /// The date the receipt says it was paid.
    pub paid_date: NaiveDate,
    /// What was charged, tax included.
    pub amount: Decimal,
    pub currency: Currency,
    pub tax: Option<Decimal>,
    /// Percent, as the receipt gives it (`19`, `8.875`).
    pub tax_rate: Option<Decimal>,
    pub items: Vec<Item>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
}

/// What a message turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Ordinary mail: counted and skipped.
    NotReceipt,
    /// Looks like a receipt but is not one the reader can trust or read.
    Unrecognised(Msg),
    Receipt(Box<Receipt>),
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).unwrap_or_else(|e| panic!("pattern {pat}: {e}")))
}

macro_rules! regex {
    ($pat:expr) => {{
        static CELL: OnceLock<Regex> = OnceLock::new();
        re(&CELL, $pat)
    }};
}

/// A money amount with its currency: `$20.00`, `€22.61`, `£18`,
/// `21,99 €`, `US$ 20.00`, `$10.00 USD`, `EUR 12.00`.
pub fn money(text: &str) -> Option<(Decimal, Currency)> {
    let r = regex!(
        r"(?x)
        (?:(?P<sym>US\$|CA\$|A\$|AU\$|HK\$|S\$|NZ\$|\$|€|£|¥|₹)\s?(?P<n1>\d[\d.,]*)(?:\s?(?P<code1>[A-Z]{3})\b)?)
        |(?:(?P<n2>\d[\d.,]*)\s?(?P<sym2>€|£|zł|kr))
        |(?:\b(?P<code2>USD|EUR|GBP|CAD|AUD|CHF|JPY|SEK|NOK|DKK|PLN|INR|SGD|HKD|NZD)\s?(?P<n3>\d[\d.,]*))"
    );
    let c = r.captures(text)?;
    let (num, cur) = if let Some(n) = c.name("n1") {
        let code = c.name("code1").map(|m| m.as_str().to_owned());
        let sym = c.name("sym").map(|m| m.as_str()).unwrap_or("$");
        let by_sym = match sym {
            "€" => "EUR",
            "£" => "GBP",
            "¥" => "JPY",
            "₹" => "INR",
            "CA$" => "CAD",
            "A$" | "AU$" => "AUD",
            "HK$" => "HKD",
            "S$" => "SGD",
            "NZ$" => "NZD",
            _ => "USD",
        };
        (n.as_str(), code.unwrap_or_else(|| by_sym.to_owned()))
    } else if let Some(n) = c.name("n2") {
        let code = match c.name("sym2").map(|m| m.as_str()) {
            Some("€") => "EUR",
            Some("£") => "GBP",
            Some("zł") => "PLN",
            _ => "SEK",
        };
        (n.as_str(), code.to_owned())
    } else {
        (c.name("n3")?.as_str(), c.name("code2")?.as_str().to_owned())
    };
    Some((number(num)?, Currency::parse(&cur).ok()?))
}

/// `1,234.56`, `1.234,56`, `21,99`, `20`: the last separator followed by
/// exactly two digits is the decimal one.
fn number(s: &str) -> Option<Decimal> {
    let s = s.trim_end_matches(['.', ',']);
    let dec = s
        .rfind(['.', ','])
        .filter(|&i| s.len() - i - 1 == 2)
        .map(|i| s.as_bytes()[i]);
    let cleaned: String = s
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '.' | ',' if Some(c as u8) == dec => Some('.'),
            _ => None,
        })
        .collect();
    cleaned.parse().ok()
}

/// A date as receipts write them: `June 3, 2025`, `Jun 3, 2025`,
/// `3 Jun 2025`, `2025-06-03`.
pub fn date(text: &str) -> Option<NaiveDate> {
    let r = regex!(
        r"(\d{4}-\d{2}-\d{2})|([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})|(\d{1,2} [A-Z][a-z]{2,8}\.?,? \d{4})"
    );
    let c = r.captures(text)?;
    let s = c.get(0)?.as_str().replace(['.', ','], "");
    for f in ["%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&s, f) {
            return Some(d);
        }
    }
    // `Sept 3 2025`
    NaiveDate::parse_from_str(&s.replacen("Sept", "Sep", 1), "%b %d %Y").ok()
}

/// The first line of `text` that starts with `label` (case-insensitive,
/// then `:` or space), as the rest of the line; or the next line when the
/// label stands alone (an HTML table cell).
fn field<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    labels.iter().find_map(|label| field_one(text, label))
}

/// [`field`] for one label; a value that is only the label's own words
/// (`Receipt from ...` for `Receipt`) is not taken.
fn field_one<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(head) = line.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let tail = &line[label.len()..];
        let glued = label.ends_with(|c: char| !c.is_alphanumeric());
        if !glued && !tail.is_empty() && !tail.starts_with([':', ' ', '#']) {
            continue;
        }
        let rest = tail.trim_start_matches([':', ' ', '#']).trim();
        if rest.is_empty() {
            return lines.next().map(str::trim);
        }
        return Some(rest);
    }
    None
}

/// Card brand and last four: `Visa - 4242`, `Visa •••• 4242`,
/// `Mastercard-8811`, `Visa (4*** **** **** 4242)`, `Visa ending in 4242`.
fn card(text: &str) -> Option<(String, String)> {
    let r = regex!(
        r"(?i)\b(visa|mastercard|master card|american express|amex|discover|jcb|unionpay|diners club|cartes bancaires)\b[^\n\d]{0,20}?(?:\(?[\d*•·x ]{0,16}?)?(\d{4})\)?(?:\D|$)"
    );
    let c = r.captures(text)?;
    let brand = c.get(1)?.as_str().to_lowercase().replace(' ', "_");
    let brand = match brand.as_str() {
        "master_card" => "mastercard".to_owned(),
        "american_express" => "amex".to_owned(),
        _ => brand,
    };
    Some((brand, c.get(2)?.as_str().to_owned()))
}

/// `Tax (19%) €3.80`, `VAT - Germany (19%) €3.80`, `Sales tax 8.875% $1.78`,
/// `Tax: $1.62`: the amount and, where given, the rate.
fn tax(text: &str) -> Option<(Decimal, Option<Decimal>)> {
    let r = regex!(r"(?im)^(?:tax|vat|sales tax|gst|hst|mwst|iva|tva)\b[^\n]*$");
    for m in r.find_iter(text) {
        let line = m.as_str();
        let rate = regex!(r"(\d+(?:[.,]\d+)?)\s?%")
            .captures(line)
            .and_then(|c| c.get(1)?.as_str().replace(',', ".").parse::<Decimal>().ok());
        // An HTML cell: the amount on the next line.
        let next = text[m.end()..]
            .trim_start_matches(['\r', '\n'])
            .lines()
            .next()
            .unwrap_or("");
        if !line.chars().any(|c| "$€£¥".contains(c)) && money(next).is_some() && next.len() < 24
        {
            return money(next).map(|(a, _)| (a, rate));
        }
        // The amount after the rate (so `19%` is not read as money).
        // Stripe's PDF writes the base too: `Tax 8.1% on $200.00 $16.20`.
        let after = regex!(r"\d+(?:[.,]\d+)?\s?%(?:\s+on\s+[^\s)]+)?\)?")
            .find(line)
            .map(|m| &line[m.end()..])
            .unwrap_or(line);
        if let Some((amount, _)) = money(after) {
            return Some((amount, rate));
        }
    }
    None
}

/// `Jun 3 – Jul 3, 2025` or `Jun 3, 2025 - Jul 3, 2025`: a billing period.
fn period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let r = regex!(
        r"(?i)\b([A-Z][a-z]{2,8}\.? \d{1,2})(?:, (\d{4}))?\s?[–—-]\s?([A-Z][a-z]{2,8}\.? \d{1,2}), (\d{4})"
    );
    let c = r.captures(text)?;
    let end_year = c.get(4)?.as_str();
    let end = date(&format!("{}, {end_year}", c.get(3)?.as_str()))?;
    let start_year = c
        .get(2)
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| end_year.to_owned());
    let mut start = date(&format!("{}, {start_year}", c.get(1)?.as_str()))?;
    if start > end {
        start = start.with_year_minus_one()?;
    }
    Some((start, end))
}

trait YearMinusOne: Sized {
    fn with_year_minus_one(self) -> Option<Self>;
}

impl YearMinusOne for NaiveDate {
    fn with_year_minus_one(self) -> Option<Self> {
        use chrono::Datelike;
        self.with_year(self.year() - 1)
    }
}

fn item_kind(description: &str) -> ItemKind {
    let d = description.to_lowercase();
    if d.contains("auto-recharge")
        || d.contains("auto recharge")
        || d.contains("auto-reload")
        || d.contains("automatic top")
        || d.contains("auto top")
    {
        ItemKind::AutoRecharge
    } else if d.contains("credit") || d.contains("top-up") || d.contains("top up") {
        ItemKind::CreditPurchase
    } else if d.contains("plan")
        || d.contains("subscription")
        || d.contains("pro")
        || d.contains("plus")
        || d.contains("monthly")
        || d.contains("annual")
        || d.contains("yearly")
        || d.contains("tier")
        || d.contains("max")
    {
        ItemKind::Plan
    } else {
        ItemKind::Other
    }
}

/// A product name without the receipt's decoration (`ChatGPT Plus
/// Subscription` → `ChatGPT Plus`, `Claude Pro (Monthly)` → `Claude Pro`).
pub(crate) fn product_name(description: &str) -> String {
    let mut s = description.trim();
    if let Some(i) = s.find(" (") {
        s = &s[..i];
    }
    for tail in [" Subscription", " subscription"] {
        if let Some(head) = s.strip_suffix(tail) {
            if !head.is_empty() {
                s = head;
            }
        }
    }
    s.trim().to_owned()
}

/// Whether a message speaks of a receipt: its subject or body says
/// receipt, invoice, payment or order (a mail whose PDF may be the receipt).
pub fn mentions_receipt(mail: &Mail) -> bool {
    let r = regex!(r"(?i)\b(receipt|invoice|payment|order|billing|charged)\b");
    let head = &mail.text[..floor_char(&mail.text, 4000)];
    r.is_match(&mail.subject) || r.is_match(head)
}

/// Whether a message looks like a receipt at all: it speaks of one and
/// names an amount.
fn receipt_like(mail: &Mail) -> bool {
    mentions_receipt(mail) && money(&mail.text).is_some()
}

fn floor_char(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Who vouches for a receipt's vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    /// A mail: its sender's domain must be one the table gives the vendor.
    Sender,
    /// A file the user chose to import (a PDF saved from the vendor's
    /// billing page): no sender to check; the vendor is still named only
    /// by a legal name or app the table knows.
    UserFile,
}

/// Reads one message.
pub fn recognise(mail: &Mail, catalog: &Catalog) -> Verdict {
    recognise_as(mail, catalog, Trust::Sender)
}

/// Reads a receipt PDF the user imported on its own: `mail` holds its text
/// (no sender, its file name as subject). The layouts are the mail ones.
pub fn recognise_file(mail: &Mail, catalog: &Catalog) -> Verdict {
    recognise_as(mail, catalog, Trust::UserFile)
}

fn recognise_as(mail: &Mail, catalog: &Catalog, trust: Trust) -> Verdict {
    if !receipt_like(mail) {
        return Verdict::NotReceipt;
    }
    let file = trust == Trust::UserFile;
    let sender = vendors::sender(catalog, &mail.domain);
    let subject = mail.subject.to_lowercase();
    let layout = if subject.contains("receipt from apple")
        || (mail.text.contains("Apple Account") || mail.text.contains("Apple ID"))
            && mail.text.contains("Order ID")
    {
        Some(Layout::Apple)
    } else if subject.contains("google play") || mail.text.contains("Order number: GPA.") {
        Some(Layout::GooglePlay)
    } else if subject.contains("[github] payment receipt") || mail.text.contains("GITHUB RECEIPT") {
        Some(Layout::GitHub)
    } else if stripe_seller(mail, catalog).is_some() {
        Some(Layout::Stripe)
    } else {
        None
    };
    let unknown_domain = |who: &str| {
        Verdict::Unrecognised(if mail.domain.is_empty() {
            msg!("receipt-why-no-sender", who = who)
        } else {
            msg!(
                "receipt-why-look-alike",
                who = who,
                domain = mail.domain.as_str()
            )
        })
    };
    let result = match layout {
        Some(Layout::Apple) => {
            if !file && sender != Sender::Store(Channel::Apple) {
                return unknown_domain("Apple");
            }
            store_receipt(mail, catalog, Channel::Apple)
        }
        Some(Layout::GooglePlay) => {
            if !file && sender != Sender::Store(Channel::GooglePlay) {
                return unknown_domain("Google Play");
            }
            store_receipt(mail, catalog, Channel::GooglePlay)
        }
        Some(Layout::GitHub) => {
            if !file && !vendors::vendor_domain(catalog, "github-copilot", &mail.domain) {
                return unknown_domain("GitHub, Inc.");
            }
            github(mail)
        }
        Some(Layout::Stripe) => {
            let name = stripe_seller(mail, catalog).unwrap_or_default();
            let Some(vendor) = vendors::by_legal_name(catalog, &name) else {
                return Verdict::Unrecognised(msg!(
                    "receipt-why-unknown-merchant",
                    name = format!("{name:?}")
                ));
            };
            let trusted = file
                || sender == Sender::Processor
                || vendors::vendor_domain(catalog, &vendor, &mail.domain);
            if !trusted {
                return unknown_domain(&name);
            }
            stripe(mail, vendor)
        }
        None => {
            if sender == Sender::Unknown && !file {
                if let Some(name) = vendors::names_known_sender(
                    catalog,
                    &format!("{}\n{}\n{}", mail.from_name, mail.subject, mail.text),
                ) {
                    return unknown_domain(&name);
                }
            }
            Err(msg!("receipt-why-no-layout"))
        }
    };
    match result {
        Ok(r) => Verdict::Receipt(Box::new(r)),
        Err(why) => Verdict::Unrecognised(why),
    }
}

enum Layout {
    Stripe,
    GitHub,
    Apple,
    GooglePlay,
}

/// `Receipt from OpenAI, LLC` (subject or body): the legal name.
fn stripe_legal_name(mail: &Mail) -> Option<String> {
    let r = regex!(r"(?i)receipt from (.+?)(?: #\s?[\w-]+| \[#?[\w-]+\])?\s*$");
    for line in std::iter::once(mail.subject.as_str()).chain(mail.text.lines().take(40)) {
        if let Some(c) = r.captures(line.trim()) {
            let name = c.get(1)?.as_str().trim().trim_end_matches('.').to_owned();
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    None
}

/// The legal name a Stripe receipt is from: `Receipt from ...` in a mail;
/// in a receipt PDF (which has no such line), the seller's block: a line
/// that is a legal name the vendor table knows, on a page that has Stripe's
/// `Invoice number` and `Date paid` (or `... paid on ...`).
fn stripe_seller(mail: &Mail, catalog: &Catalog) -> Option<String> {
    if let Some(name) = stripe_legal_name(mail) {
        return Some(name);
    }
    let t = &mail.text;
    let stripe_page = field(t, &["Invoice number"]).is_some()
        && (field(t, &["Date paid"]).is_some() || regex!(r"(?m) paid on ").is_match(t));
    if !stripe_page {
        return None;
    }
    t.lines()
        .take(60)
        .find_map(|l| vendors::legal_name_opening(catalog, l))
}

/// A Stripe number as the PDF prints it (`2231 8804`, `5D0C9A1E 0004`) or
/// the mail does (`2231-8804`): the dashed form.
fn stripe_number(value: &str) -> Option<String> {
    let r = regex!(r"^#?([A-Z0-9]{4,12})[- ]([0-9]{4})\b");
    if let Some(c) = r.captures(value.trim()) {
        return Some(format!("{}-{}", c.get(1)?.as_str(), c.get(2)?.as_str()));
    }
    value
        .split_whitespace()
        .next()
        .map(|s| s.trim_start_matches('#').to_owned())
        .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
}

/// The instant and zone of the message, and the date the receipt states
/// (else the message's own date in its zone).
/// The instant (UTC), the zone it was stated in, and the paid date.
type When = (Option<DateTime<Utc>>, Option<String>, NaiveDate);

fn when(mail: &Mail, stated: Option<NaiveDate>) -> Result<When, Msg> {
    let zone = mail.date.map(|d| d.offset().to_string());
    let day = stated
        .or_else(|| mail.local_date())
        .ok_or_else(|| msg!("receipt-why-no-date"))?;
    Ok((mail.instant(), zone, day))
}

type Read = Result<Receipt, Msg>;

fn stripe(mail: &Mail, vendor: String) -> Read {
    let t = &mail.text;
    let (amount, currency) = field(t, &["Amount paid", "Amount charged", "Total"])
        .and_then(money)
        .or_else(|| {
            // `$20.00` then `Paid June 3, 2025` at the top.
            t.lines()
                .take(12)
                .find_map(|l| money(l).filter(|_| l.len() < 24))
        })
        .ok_or_else(|| msg!("receipt-why-stripe-no-amount"))?;
    let stated = field(t, &["Date paid", "Paid on", "Paid"]).and_then(date);
    let (paid_at, zone, paid_date) = when(mail, stated)?;
    let receipt_no = field(t, &["Receipt number", "Receipt #"]).and_then(stripe_number);
    let invoice_no = field(t, &["Invoice number", "Invoice #", "Invoice"]).and_then(stripe_number);
    let card = field(t, &["Payment method"])
        .and_then(card)
        .or_else(|| card(t));
    let (tax, tax_rate) = tax(t).map(|(a, r)| (Some(a), r)).unwrap_or((None, None));
    let period = period(t);
    // Items: `Description Qty 1 $20.00` (the Qty may sit on the next line
    // when the HTML table is read as text).
    let mut items = Vec::new();
    let lines: Vec<&str> = t.lines().collect();
    let qty = regex!(r"(?i)^(.*?)\s*(?:qty|quantity)[:\s]*(\d+)\s*(.*)$");
    let mut i = 0;
    while i < lines.len() {
        if let Some(c) = qty.captures(lines[i]) {
            let mut desc = c
                .get(1)
                .map(|m| m.as_str().trim())
                .unwrap_or_default()
                .to_owned();
            if desc.is_empty() && i > 0 {
                desc = lines[i - 1].trim().to_owned();
            }
            // A period printed on the item's own line is not its name.
            if let Some(p) = regex!(
                r"^[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\s?[–—-]\s?[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*"
            )
            .find(&desc)
            {
                desc = desc[p.end()..].trim().to_owned();
            }
            let rest = c.get(3).map(|m| m.as_str()).unwrap_or_default();
            let amount = money(rest).or_else(|| lines.get(i + 1).and_then(|l| money(l)));
            if let (false, Some((a, _))) = (desc.is_empty(), amount) {
                items.push(Item {
                    kind: item_kind(&desc),
                    description: desc,
                    app: None,
                    vendor: Some(vendor.clone()),
                    quantity: c.get(2).and_then(|m| m.as_str().parse().ok()),
                    amount: a,
                    share: None,
                });
            }
        }
        i += 1;
    }
    if items.is_empty() {
        items = table_items(&lines, &vendor);
    }
    let product = items
        .iter()
        .find(|i| i.kind == ItemKind::Plan)
        .map(|i| product_name(&i.description));
    let items = with_shares(items, amount);
    Ok(Receipt {
        vendor,
        channel: Channel::Direct,
        product,
        receipt_no,
        invoice_no,
        paid_at,
        zone,
        paid_date,
        amount,
        currency,
        tax,
        tax_rate,
        items,
        period_start: period.map(|p| p.0),
        period_end: period.map(|p| p.1),
        card_brand: card.as_ref().map(|c| c.0.clone()),
        card_last4: card.map(|c| c.1),
    })
}

/// A receipt PDF's item table: under the `Description Qty Unit price
/// [Tax] Amount` heading, rows of a description, a quantity, the unit price
/// (a tax rate) and the amount, up to `Subtotal` or `Total`. A row printed
/// without its description takes the line above (the name wrapped); a
/// period line under a row is not an item.
fn table_items(lines: &[&str], vendor: &str) -> Vec<Item> {
    let Some(head) = lines.iter().position(|l| {
        let l = l.to_lowercase();
        l.starts_with("description") && l.contains("qty") && l.contains("amount")
    }) else {
        return Vec::new();
    };
    let row = regex!(
        r"^(?P<desc>.*?)\s*\b(?P<qty>\d{1,4})\s+(?P<unit>\S*\d[\d.,]*\S*)(?:\s+\d+(?:[.,]\d+)?\s?%)?\s+(?P<amount>\S*\d[\d.,]*\S*)$"
    );
    let mut items = Vec::new();
    let mut prev: Option<&str> = None;
    for l in &lines[head + 1..] {
        let lower = l.to_lowercase();
        if lower.starts_with("subtotal") || lower.starts_with("total") {
            break;
        }
        let Some(c) = row.captures(l) else {
            prev = Some(l);
            continue;
        };
        let (Some((amount, _)), Some(_)) = (
            c.name("amount").and_then(|m| money(m.as_str())),
            c.name("unit").and_then(|m| money(m.as_str())),
        ) else {
            prev = Some(l);
            continue;
        };
        let mut desc = c
            .name("desc")
            .map(|m| m.as_str().trim())
            .unwrap_or_default();
        if desc.is_empty() {
            desc = prev.unwrap_or_default();
        }
        prev = None;
        if desc.is_empty() || period(desc).is_some() {
            continue;
        }
        items.push(Item {
            kind: item_kind(desc),
            description: desc.to_owned(),
            app: None,
            vendor: Some(vendor.to_owned()),
            quantity: c.name("qty").and_then(|m| m.as_str().parse().ok()),
            amount,
            share: None,
        });
    }
    items
}

fn github(mail: &Mail) -> Read {
    let t = &mail.text;
    let (amount, currency) = field(t, &["Total", "Amount"])
        .and_then(money)
        .ok_or_else(|| msg!("receipt-why-github-no-total"))?;
    let stated = field(t, &["Date"]).and_then(date);
    let (paid_at, zone, paid_date) = when(mail, stated)?;
    let card = field(t, &["Charged to"]).and_then(card);
    let through = field(t, &["For service through"]).and_then(date);
    // `Copilot Pro+: $39.00`, and on an upgrade the proration of the plan
    // left: `Copilot Pro: -$33.97` or `Copilot Pro -33.97`.
    let line = regex!(
        r"^(GitHub [^:\n]+?|Copilot[^:\n]*?)(?::\s*|\s+)(-?\s*(?:US)?\$?\s*-?\d[\d.,]*(?:\s*USD)?)\s*$"
    );
    let items: Vec<Item> = t
        .lines()
        .filter_map(|l| {
            let c = line.captures(l.trim())?;
            let raw = c.get(2)?.as_str();
            let a = match money(raw) {
                Some((a, _)) => a,
                None => number(raw.trim_start_matches(['-', ' ']))?,
            };
            let negative = raw.trim_start().starts_with('-') || raw.contains("$-");
            let a = if negative { -a } else { a };
            let desc = c.get(1)?.as_str().trim().to_owned();
            Some(Item {
                kind: if negative {
                    ItemKind::Other
                } else {
                    item_kind(&desc).max_plan()
                },
                description: desc,
                app: None,
                vendor: Some("github-copilot".into()),
                quantity: None,
                amount: a,
                share: None,
            })
        })
        .collect();
    let (tax, tax_rate) = tax(t).map(|(a, r)| (Some(a), r)).unwrap_or((None, None));
    let items = with_shares(items, amount);
    Ok(Receipt {
        vendor: "github-copilot".into(),
        channel: Channel::Direct,
        product: items.first().map(|i| product_name(&i.description)),
        receipt_no: field(t, &["Transaction ID"]).map(str::to_owned),
        invoice_no: field(t, &["Invoice"]).map(str::to_owned),
        paid_at,
        zone,
        paid_date,
        amount,
        currency,
        tax,
        tax_rate,
        items,
        period_start: None,
        period_end: through,
        card_brand: card.as_ref().map(|c| c.0.clone()),
        card_last4: card.map(|c| c.1),
    })
}

trait PlanDefault {
    fn max_plan(self) -> Self;
}

impl PlanDefault for ItemKind {
    /// A GitHub receipt's line is its subscription.
    fn max_plan(self) -> Self {
        match self {
            ItemKind::Other => ItemKind::Plan,
            k => k,
        }
    }
}

/// Apple and Google Play: the store's receipt, items naming apps.
fn store_receipt(mail: &Mail, catalog: &Catalog, channel: Channel) -> Read {
    let t = &mail.text;
    let lines: Vec<&str> = t.lines().map(str::trim).collect();
    let total_at = lines.iter().rposition(|l| {
        let lower = l.to_lowercase();
        lower.starts_with("total") || lower.starts_with("order total")
    });
    let (amount, currency) = match total_at {
        Some(at) => money(lines[at]).or_else(|| lines.get(at + 1).and_then(|l| money(l))),
        // Apple's receipts since 2025 print no `Total`: under `Billing and
        // Payment` the card line is followed by what it was charged.
        None => billed_total(&lines),
    }
    .ok_or_else(|| msg!("receipt-why-store-no-total"))?;
    // `Date: 8 Jan 2026`, else (Apple since 2025) a date alone near the top.
    let stated = field(t, &["Date", "Order date", "Invoice date"])
        .and_then(date)
        .or_else(|| {
            lines
                .iter()
                .take(15)
                .filter(|l| l.len() <= 20)
                .find_map(|l| date(l))
        });
    let (paid_at, zone, paid_date) = when(mail, stated)?;
    let items = match channel {
        Channel::GooglePlay => play_items(&lines, catalog),
        _ => apple_items(&lines, catalog),
    };
    if items.is_empty() {
        return Err(msg!("receipt-why-store-no-item"));
    }
    let Some(vendor) = items.iter().find_map(|i| i.vendor.clone()) else {
        return Err(msg!(
            "receipt-why-unknown-app",
            store = if channel == Channel::Apple {
                "Apple"
            } else {
                "Google Play"
            },
            apps = items
                .iter()
                .map(|i| i.app.as_deref().unwrap_or(&i.description))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let card = field(t, &["Payment method", "Billing and Payment", "Billed to"])
        .and_then(card)
        .or_else(|| card(t));
    let (tax, tax_rate) = tax(t).map(|(a, r)| (Some(a), r)).unwrap_or((None, None));
    let renews = lines
        .iter()
        .find(|l| l.starts_with("Renews") || l.starts_with("Next billing"))
        .and_then(|l| date(l));
    // Several apps on one receipt: the line is each of them in part.
    let product = Some(
        items
            .iter()
            .map(|i| product_name(&i.description))
            .collect::<Vec<_>>()
            .join(" + "),
    );
    let items = with_shares(items, amount);
    Ok(Receipt {
        product,
        vendor,
        channel,
        receipt_no: field(t, &["Order ID", "Order number"])
            .and_then(|s| s.split_whitespace().next())
            .map(str::to_owned),
        invoice_no: field(t, &["Document No.", "Document No", "Document"])
            .and_then(|s| s.split_whitespace().next())
            .map(str::to_owned),
        paid_at,
        zone,
        paid_date,
        amount,
        currency,
        tax,
        tax_rate,
        items,
        period_start: renews.map(|_| paid_date),
        period_end: renews,
        card_brand: card.as_ref().map(|c| c.0.clone()),
        card_last4: card.map(|c| c.1),
    })
}

/// The amount charged to the card under `Billing and Payment`: the last
/// amount there on a line of its own, after the card line.
fn billed_total(lines: &[&str]) -> Option<(Decimal, Currency)> {
    let at = lines
        .iter()
        .position(|l| l.eq_ignore_ascii_case("billing and payment"))?;
    let rest = &lines[at + 1..];
    let card_at = rest.iter().position(|l| card(l).is_some())?;
    rest[card_at..]
        .iter()
        .take(2)
        .filter_map(|l| {
            let after_card = regex!(r"\d{4}\)?(?:\s*\([^)]*\))?")
                .find(l)
                .map(|m| &l[m.end()..]);
            money(after_card.unwrap_or(l))
        })
        .next()
}

/// Apple: after the `App Store` heading (or, in the layout Apple mails
/// since 2025, after the `Order ID` and `Document` values), each item is a
/// block of the app's name, the purchase's name, noise (`Renews ...`,
/// `Report a Problem`) and its price; the blocks end at `Subtotal` (or
/// `Total`, or `Billing and Payment`).
fn apple_items(lines: &[&str], catalog: &Catalog) -> Vec<Item> {
    let heading = lines
        .iter()
        .position(|l| *l == "App Store" || *l == "Apple Services");
    let after_ids = || {
        let label = lines
            .iter()
            .rposition(|l| l.starts_with("Document") || l.starts_with("Order ID"))?;
        // `Document:` alone on its line: its value is the next one.
        let inline = field_one(lines[label], "Document")
            .or_else(|| field_one(lines[label], "Order ID"))
            .is_some_and(|v| v != lines.get(label + 1).copied().unwrap_or_default());
        Some(if inline { label } else { label + 1 })
    };
    let Some(start) = heading.or_else(after_ids) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for l in &lines[start + 1..] {
        let lower = l.to_lowercase();
        if lower.starts_with("subtotal")
            || lower.starts_with("total")
            || lower.starts_with("billing and payment")
        {
            break;
        }
        if *l == "App Store" || *l == "Apple Services" {
            continue;
        }
        if let Some((amount, _)) = money(l).filter(|_| l.len() < 20) {
            let named: Vec<&str> = block
                .iter()
                .copied()
                .filter(|b| {
                    !(b.starts_with("Renews")
                        || b.starts_with("Report a Problem")
                        || b.starts_with("Write a Review")
                        || b.starts_with("Expires")
                        || b.starts_with("Cancel"))
                })
                .collect();
            if let Some(app) = named.first() {
                let desc = named.get(1).copied().unwrap_or(app);
                items.push(Item {
                    description: desc.to_owned(),
                    kind: item_kind(desc).max_plan(),
                    app: Some((*app).to_owned()),
                    vendor: vendors::by_app(catalog, app),
                    quantity: None,
                    amount,
                    share: None,
                });
            }
            block.clear();
        } else {
            block.push(l);
        }
    }
    items
}

/// Google Play: `Claude Pro (Claude by Anthropic) €21.99/month` lines under
/// the `Item Price` heading.
fn play_items(lines: &[&str], catalog: &Catalog) -> Vec<Item> {
    let r = regex!(r"^(.+?) \(([^()]+)\)\s*(?:\|\s*)?(.+)$");
    lines
        .iter()
        .filter_map(|l| {
            let c = r.captures(l)?;
            let (amount, _) = money(c.get(3)?.as_str())?;
            let desc = c.get(1)?.as_str().trim().to_owned();
            let app = c.get(2)?.as_str().trim().to_owned();
            Some(Item {
                kind: item_kind(&desc).max_plan(),
                vendor: vendors::by_app(catalog, &app),
                description: desc,
                app: Some(app),
                quantity: None,
                amount,
                share: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn cur(s: &str) -> Currency {
        Currency::parse(s).expect("currency")
    }

    #[test]
    fn reads_money_in_the_ways_receipts_write_it() {
        assert_eq!(money("$20.00"), Some((d("20.00"), cur("USD"))));
        assert_eq!(money("Total: €22,61"), Some((d("22.61"), cur("EUR"))));
        assert_eq!(money("21,99 €/month"), Some((d("21.99"), cur("EUR"))));
        assert_eq!(money("$10.00 USD"), Some((d("10.00"), cur("USD"))));
        assert_eq!(money("£1,234.50"), Some((d("1234.50"), cur("GBP"))));
        assert_eq!(money("EUR 12.00"), Some((d("12.00"), cur("EUR"))));
        assert_eq!(money("no money here 2025"), None);
    }

    #[test]
    fn reads_dates_periods_cards_and_tax() {
        assert_eq!(
            date("Paid June 3, 2025"),
            NaiveDate::from_ymd_opt(2025, 6, 3)
        );
        assert_eq!(date("14 Jan 2026"), NaiveDate::from_ymd_opt(2026, 1, 14));
        assert_eq!(date("2026-02-01"), NaiveDate::from_ymd_opt(2026, 2, 1));
        assert_eq!(
            period("Dec 20 – Jan 20, 2026"),
            Some((
                NaiveDate::from_ymd_opt(2025, 12, 20).expect("date"),
                NaiveDate::from_ymd_opt(2026, 1, 20).expect("date")
            ))
        );
        assert_eq!(card("Visa - 4242"), Some(("visa".into(), "4242".into())));
        assert_eq!(
            card("Mastercard-8811"),
            Some(("mastercard".into(), "8811".into()))
        );
        assert_eq!(
            card("Visa (4*** **** **** 4242)"),
            Some(("visa".into(), "4242".into()))
        );
        assert_eq!(
            card("Visa •••• 1234 $19.99"),
            Some(("visa".into(), "1234".into()))
        );
        assert_eq!(
            tax("VAT - Germany (19%) €3.80\n"),
            Some((d("3.80"), Some(d("19"))))
        );
        assert_eq!(tax("Tax $1.62\n"), Some((d("1.62"), None)));
        // Stripe's PDF prints the base the rate is on.
        assert_eq!(
            tax("Tax 8.1% on $100.00 $8.10\n"),
            Some((d("8.10"), Some(d("8.1"))))
        );
        assert_eq!(
            tax("VAT - Switzerland (8.1% on $11.00) $0.89\n"),
            Some((d("0.89"), Some(d("8.1"))))
        );
        assert_eq!(stripe_number("2760 4418").as_deref(), Some("2760-4418"));
        assert_eq!(
            stripe_number("7C1F3E2A 0006").as_deref(),
            Some("7C1F3E2A-0006")
        );
        assert_eq!(stripe_number("#2231-8804").as_deref(), Some("2231-8804"));
    }

    #[test]
    fn parts_sum_to_the_total_exactly() {
        let parts = apportion(d("21.64"), &[d("19.99")]).expect("parts");
        assert_eq!(parts, vec![d("21.64")]);
        // 39.99 + tax 3.30 over 19.99 and 20.00.
        let parts = apportion(d("43.29"), &[d("19.99"), d("20.00")]).expect("parts");
        assert_eq!(parts.iter().copied().sum::<Decimal>(), d("43.29"));
        assert_eq!(parts, vec![d("21.64"), d("21.65")]);
        // Three equal items of an amount that does not divide.
        let parts = apportion(d("10.00"), &[d("1"), d("1"), d("1")]).expect("parts");
        assert_eq!(parts, vec![d("3.34"), d("3.33"), d("3.33")]);
        assert_eq!(
            apportion(d("1000"), &[d("1"), d("2")]),
            Some(vec![d("333"), d("667")])
        );
        assert_eq!(apportion(d("5.00"), &[d("0")]), None);
    }
}

//! The vendor catalog: data (`catalog.toml`), loaded and checked once.
//!
//! The schema is documented at the top of `catalog.toml`. A user catalog
//! with the same schema is merged over the built-in one
//! ([`Catalog::with_user`]): its vendors are added (or renamed) and its
//! entries are tried before the built-in ones at equal specificity.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde::Deserialize;

use super::fields::Field;
use super::text::{find_words, name_key, words};
use super::{Class, ClassifyError};
use crate::money::to_micros;

const BUILTIN: &str = include_str!("catalog.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    version: Option<u32>,
    #[serde(default)]
    vendor: Vec<VendorDef>,
    #[serde(default)]
    app_store: Vec<AppStoreDef>,
    #[serde(default)]
    entry: Vec<EntryDef>,
    #[serde(default)]
    fx: Vec<FxDef>,
    #[serde(default)]
    receipt_sender: Vec<ReceiptSender>,
}

/// Who may send a vendor's receipt (issue #19): the receipt's legal names
/// and the sender domains the vendor mails from. A store (`channel` apple,
/// google_play) sells other vendors' apps; a processor (`stripe`) mails for
/// the legal name the receipt states. Read by `crate::mail::vendors`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReceiptSender {
    /// The vendor id (none for a store or a processor).
    pub vendor: Option<String>,
    /// `direct` (default), `apple`, `google_play`, or `processor`.
    #[serde(default)]
    pub channel: Option<String>,
    /// The names the receipt says it is from (`OpenAI, LLC`).
    #[serde(default)]
    pub legal_names: Vec<String>,
    /// Sender domains; a subdomain of one counts too.
    #[serde(default)]
    pub domains: Vec<String>,
    /// App names a store receipt gives for this vendor (`ChatGPT`).
    #[serde(default)]
    pub apps: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FxDef {
    currency: String,
    per_usd: [String; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VendorDef {
    id: String,
    name: String,
    app_product: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    plain: Option<Class>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppStoreDef {
    prefix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDef {
    id: Option<String>,
    vendor: Option<String>,
    class: Class,
    product: Option<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    source_types: Vec<String>,
    #[serde(default)]
    sign: Sign,
    #[serde(default)]
    prices: Vec<PriceDef>,
    #[serde(default)]
    require_price: bool,
    fields: Option<Vec<Field>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PriceDef {
    amount: String,
    currency: Option<String>,
    product: Option<String>,
}

/// Which direction of money an entry applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sign {
    #[default]
    Any,
    /// Money in (a card payment seen from the card).
    Credit,
    /// Money out.
    Debit,
}

impl Sign {
    pub(crate) fn allows(self, amount: i64) -> bool {
        match self {
            Sign::Any => true,
            Sign::Credit => amount > 0,
            Sign::Debit => amount < 0,
        }
    }
}

/// A vendor the catalog knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    /// What an app-store purchase of this vendor is (`ChatGPT Plus`).
    pub app_product: Option<String>,
    /// Other whole names a clean merchant field may give the vendor.
    pub aliases: Vec<String>,
    /// The class of a line that names only the vendor (a clean merchant
    /// name, nothing about the product, at no plan price); `None`: the
    /// class of the vendor's first entry.
    pub plain: Option<Class>,
}

/// A plan price: micro-units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Price {
    pub amount: i64,
    pub currency: String,
    pub product: Option<String>,
}

/// One way a vendor's charge appears on a statement.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id, `vendor/what` (`openai/chatgpt`), named by explanations.
    pub id: String,
    pub vendor: Option<String>,
    pub class: Class,
    pub product: Option<String>,
    /// Each pattern as its words.
    pub patterns: Vec<Vec<String>>,
    /// Per pattern: it is only the vendor's name (with a legal form, such
    /// as `OPENAI LLC`): it tells the vendor but not the product.
    pub names_only: Vec<bool>,
    /// The fields its patterns are matched against.
    pub fields: Vec<Field>,
    /// Upper-cased.
    pub source_types: Vec<String>,
    pub sign: Sign,
    pub prices: Vec<Price>,
    pub require_price: bool,
    /// From the user's catalog.
    pub user: bool,
}

/// The amounts of a line, for price points.
#[derive(Debug, Clone, Copy)]
pub struct Amounts<'a> {
    pub amount: i64,
    pub currency: &'a str,
    pub original_amount: Option<i64>,
    pub original_currency: Option<&'a str>,
}

/// How a line is at a plan price.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum PriceBy {
    /// Its billed amount is the price, in the price's currency.
    Amount,
    /// Its original amount is the price, in the price's currency.
    Original,
    /// Its billed amount is a USD price converted at a rate inside the
    /// currency's band ([`FxBand`]).
    Fx,
}

impl PriceBy {
    pub fn as_str(self) -> &'static str {
        match self {
            PriceBy::Amount => "amount",
            PriceBy::Original => "original",
            PriceBy::Fx => "fx",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "amount" => Some(PriceBy::Amount),
            "original" => Some(PriceBy::Original),
            "fx" => Some(PriceBy::Fx),
            _ => None,
        }
    }
}

/// A line at one of an entry's prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceHit {
    /// Index into the entry's `prices`.
    pub price: usize,
    pub by: PriceBy,
}

/// The rates at which a currency plausibly buys one US dollar, in
/// micro-units of the currency per dollar, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FxBand {
    pub currency: String,
    pub low: i64,
    pub high: i64,
}

impl FxBand {
    /// Whether `amount` (micro-units of this currency, its size) is the USD
    /// `price` (micro-units) at a rate inside the band:
    /// `low * price <= amount * 1e6 <= high * price`, in exact integers.
    pub fn holds(&self, amount: i64, price: i64) -> bool {
        let a = i128::from(amount).abs() * 1_000_000;
        let p = i128::from(price);
        i128::from(self.low) * p <= a && a <= i128::from(self.high) * p
    }

    /// How far the implied rate is from the band's middle, for choosing
    /// between two prices that both fit (smaller is nearer).
    fn distance(&self, amount: i64, price: i64) -> i128 {
        let mid = i128::from(self.low) + i128::from(self.high);
        // |amount / price - mid / 2|, scaled by 2 * price: exact.
        (i128::from(amount).abs() * 2_000_000 - mid * i128::from(price)).abs() * 1_000_000
            / i128::from(price.max(1))
    }
}

impl Entry {
    /// The price the line is at, if any: its billed amount in a price's
    /// currency, else its original amount in a price's currency (both
    /// exact, sign ignored), else (a line with no original amount, billed
    /// in a currency with an FX band) its billed amount at a USD price
    /// converted inside the band. When several USD prices fit, the one
    /// whose implied rate is nearest the band's middle.
    pub fn price_at(&self, a: &Amounts<'_>, fx: &[FxBand]) -> Option<PriceHit> {
        let at = |by| move |price| PriceHit { price, by };
        if let Some(i) = self
            .prices
            .iter()
            .position(|p| p.currency.eq_ignore_ascii_case(a.currency) && p.amount == a.amount.abs())
        {
            return Some(at(PriceBy::Amount)(i));
        }
        if let (Some(oc), Some(oa)) = (a.original_currency, a.original_amount) {
            return self
                .prices
                .iter()
                .position(|p| p.currency.eq_ignore_ascii_case(oc) && p.amount == oa.abs())
                .map(at(PriceBy::Original));
        }
        if a.currency.eq_ignore_ascii_case("USD") {
            return None;
        }
        let band = fx
            .iter()
            .find(|b| b.currency.eq_ignore_ascii_case(a.currency))?;
        self.prices
            .iter()
            .enumerate()
            .filter(|(_, p)| p.currency == "USD" && band.holds(a.amount, p.amount))
            .min_by_key(|(_, p)| band.distance(a.amount, p.amount))
            .map(|(i, _)| at(PriceBy::Fx)(i))
    }
}

/// A pattern that matched a descriptor, ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub entry: u32,
    /// Words in the longest pattern of the entry that matched.
    pub words: u32,
    /// That pattern's index in the entry.
    pub pattern: u32,
}

/// The merged catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    version: String,
    vendors: Vec<Vendor>,
    entries: Vec<Entry>,
    app_stores: Vec<Vec<String>>,
    fx: Vec<FxBand>,
    receipt_senders: Vec<ReceiptSender>,
    /// Vendor index by the [`name_key`] of its name and aliases.
    names: std::collections::HashMap<String, u32>,
    /// (entry, pattern) by the pattern's first word.
    first_words: std::collections::HashMap<String, Vec<(u32, u32)>>,
}

impl Catalog {
    /// The built-in catalog, parsed and checked once per process.
    pub fn builtin() -> Arc<Catalog> {
        static BUILT: OnceLock<Arc<Catalog>> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                // The built-in file is checked by a unit test; should it ever
                // be broken, classification degrades to an empty catalog
                // instead of taking the ledger down.
                Arc::new(
                    Catalog::parse(BUILTIN, "built-in catalog", false).unwrap_or_else(|_| {
                        Catalog {
                            version: "broken".into(),
                            vendors: Vec::new(),
                            entries: Vec::new(),
                            app_stores: Vec::new(),
                            fx: Vec::new(),
                            receipt_senders: Vec::new(),
                            names: Default::default(),
                            first_words: Default::default(),
                        }
                    }),
                )
            })
            .clone()
    }

    /// The built-in catalog with the user's file at `path` merged over it.
    pub fn with_user(path: &Path) -> Result<Catalog, ClassifyError> {
        let text = std::fs::read_to_string(path).map_err(|source| ClassifyError::ReadCatalog {
            path: path.to_path_buf(),
            source,
        })?;
        Self::with_user_text(&text, &path.display().to_string())
    }

    /// [`Catalog::with_user`] from text; `name` names it in errors.
    pub fn with_user_text(text: &str, name: &str) -> Result<Catalog, ClassifyError> {
        let base = Catalog::parse(BUILTIN, "built-in catalog", false)?;
        let user = Catalog::parse_with(text, name, true, &base.vendors)?;
        let mut vendors = base.vendors;
        for v in user.vendors {
            match vendors.iter_mut().find(|b| b.id == v.id) {
                Some(b) => *b = v,
                None => vendors.push(v),
            }
        }
        let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let mut fx = user.fx;
        for b in base.fx {
            if !fx.iter().any(|u| u.currency == b.currency) {
                fx.push(b);
            }
        }
        let mut entries: Vec<Entry> = user.entries.into_iter().chain(base.entries).collect();
        mark_names_only(&mut entries, vendors.iter());
        Ok(Catalog {
            version: format!("{}+user-{hash:016x}", base.version),
            first_words: first_word_index(&entries),
            names: name_index(&vendors),
            vendors,
            entries,
            app_stores: user.app_stores.into_iter().chain(base.app_stores).collect(),
            fx,
            receipt_senders: user
                .receipt_senders
                .into_iter()
                .chain(base.receipt_senders)
                .collect(),
        })
    }

    fn parse(text: &str, name: &str, user: bool) -> Result<Catalog, ClassifyError> {
        Self::parse_with(text, name, user, &[])
    }

    fn parse_with(
        text: &str,
        name: &str,
        user: bool,
        known: &[Vendor],
    ) -> Result<Catalog, ClassifyError> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| ClassifyError::BadCatalog {
            name: name.to_owned(),
            reason: e.to_string(),
        })?;
        let bad = |reason: String| ClassifyError::BadCatalog {
            name: name.to_owned(),
            reason,
        };
        let version = match (file.version, user) {
            (Some(v), _) => format!("v{v}"),
            (None, true) => "user".to_owned(),
            (None, false) => return Err(bad("it has no `version`".into())),
        };
        let mut vendors: Vec<Vendor> = Vec::new();
        for v in file.vendor {
            if !valid_vendor_id(&v.id) {
                return Err(bad(format!(
                    "vendor id {:?} must be lowercase letters, digits and dashes",
                    v.id
                )));
            }
            if vendors.iter().any(|o| o.id == v.id) {
                return Err(bad(format!("vendor {:?} is defined twice", v.id)));
            }
            if matches!(v.plain, Some(Class::Everyday | Class::Transfer)) {
                return Err(bad(format!(
                    "vendor {:?}: `plain` must be ai-subscription or ai-api",
                    v.id
                )));
            }
            for a in std::iter::once(&v.name).chain(&v.aliases) {
                if name_key(a).is_empty() {
                    return Err(bad(format!("vendor {:?}: name {a:?} has no words", v.id)));
                }
            }
            vendors.push(Vendor {
                id: v.id,
                name: v.name,
                app_product: v.app_product,
                aliases: v.aliases,
                plain: v.plain,
            });
        }
        let mut entries = Vec::new();
        for (n, e) in file.entry.into_iter().enumerate() {
            let what = format!(
                "entry {} ({})",
                n + 1,
                e.vendor.as_deref().unwrap_or("no vendor")
            );
            match (&e.vendor, e.class) {
                (Some(v), Class::AiSubscription | Class::AiApi) => {
                    if !vendors.iter().chain(known).any(|k| &k.id == v) {
                        return Err(bad(format!(
                            "{what}: vendor {v:?} is not defined by a [[vendor]]"
                        )));
                    }
                }
                (None, Class::AiSubscription | Class::AiApi) => {
                    return Err(bad(format!("{what}: AI spending needs a vendor")))
                }
                (Some(_), Class::Everyday | Class::Transfer) => {
                    return Err(bad(format!(
                        "{what}: `{}` lines have no vendor",
                        e.class.as_str()
                    )))
                }
                (None, _) => {}
            }
            if e.patterns.is_empty() && e.source_types.is_empty() {
                return Err(bad(format!(
                    "{what}: it needs `patterns` or `source_types`"
                )));
            }
            let mut patterns = Vec::new();
            for p in &e.patterns {
                let w = words(p);
                if w.is_empty() {
                    return Err(bad(format!("{what}: pattern {p:?} has no words")));
                }
                patterns.push(w);
            }
            let mut prices = Vec::new();
            for p in &e.prices {
                let amount: Decimal = p.amount.trim().parse().map_err(|_| {
                    bad(format!(
                        "{what}: price {:?} is not a decimal amount",
                        p.amount
                    ))
                })?;
                let amount = to_micros(amount.abs())
                    .map_err(|_| bad(format!("{what}: price {:?} is out of range", p.amount)))?;
                let currency = p.currency.as_deref().unwrap_or("USD").to_ascii_uppercase();
                if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                    return Err(bad(format!(
                        "{what}: currency {currency:?} is not an ISO 4217 code"
                    )));
                }
                prices.push(Price {
                    amount,
                    currency,
                    product: p.product.clone(),
                });
            }
            if e.require_price && prices.is_empty() {
                return Err(bad(format!("{what}: `require_price` needs `prices`")));
            }
            let id = match e.id {
                Some(id) => {
                    let ok = id
                        .split_once('/')
                        .is_some_and(|(a, b)| valid_vendor_id(a) && valid_vendor_id(b));
                    if !ok {
                        return Err(bad(format!(
                            "{what}: id {id:?} must be two ids joined by `/` (openai/chatgpt)"
                        )));
                    }
                    id
                }
                None => format!(
                    "{}/{}{}",
                    e.vendor.as_deref().unwrap_or(e.class.as_str()),
                    if user { "user-" } else { "" },
                    n + 1
                ),
            };
            if entries.iter().any(|o: &Entry| o.id == id) {
                return Err(bad(format!("{what}: id {id:?} is used twice")));
            }
            let fields = match e.fields {
                None => Field::TEXT.to_vec(),
                Some(f) => {
                    if let Some(bad_field) = f.iter().find(|f| !Field::TEXT.contains(f)) {
                        return Err(bad(format!(
                            "{what}: patterns cannot match the {bad_field} field; \
                             expected description, merchant, descriptor, goods or memo"
                        )));
                    }
                    f
                }
            };
            entries.push(Entry {
                id,
                names_only: vec![false; patterns.len()],
                fields,
                vendor: e.vendor,
                class: e.class,
                product: e.product,
                patterns,
                source_types: e
                    .source_types
                    .iter()
                    .map(|s| s.trim().to_uppercase())
                    .collect(),
                sign: e.sign,
                prices,
                require_price: e.require_price,
                user,
            });
        }
        let mut app_stores = Vec::new();
        for a in file.app_store {
            let w = words(&a.prefix);
            if w.is_empty() {
                return Err(bad(format!("app store prefix {:?} has no words", a.prefix)));
            }
            app_stores.push(w);
        }
        let mut fx = Vec::new();
        for f in file.fx {
            let currency = f.currency.trim().to_ascii_uppercase();
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(bad(format!(
                    "fx: currency {currency:?} is not an ISO 4217 code"
                )));
            }
            let rate = |t: &str| -> Result<i64, ClassifyError> {
                t.trim()
                    .parse::<Decimal>()
                    .ok()
                    .filter(|d| d.is_sign_positive() && !d.is_zero())
                    .and_then(|d| to_micros(d).ok())
                    .ok_or_else(|| bad(format!("fx {currency}: {t:?} is not a positive rate")))
            };
            let (low, high) = (rate(&f.per_usd[0])?, rate(&f.per_usd[1])?);
            if low > high {
                return Err(bad(format!(
                    "fx {currency}: the low rate is above the high one"
                )));
            }
            fx.push(FxBand {
                currency,
                low,
                high,
            });
        }
        mark_names_only(&mut entries, known.iter().chain(&vendors));
        Ok(Catalog {
            version,
            first_words: first_word_index(&entries),
            names: name_index(&vendors),
            vendors,
            entries,
            app_stores,
            fx,
            receipt_senders: file.receipt_sender,
        })
    }

    /// Who may send receipts, and for which vendor (`[[receipt_sender]]`).
    pub fn receipt_senders(&self) -> &[ReceiptSender] {
        &self.receipt_senders
    }

    /// `v1`, or `v1+user-<hash>` with a user catalog: what the ledger records
    /// so that a change of catalog re-classifies it.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn vendors(&self) -> &[Vendor] {
        &self.vendors
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// The FX bands: the rates at which a currency plausibly buys a dollar.
    pub fn fx(&self) -> &[FxBand] {
        &self.fx
    }

    /// The vendor a whole clean merchant name names (its name or an alias,
    /// compared by [`name_key`]), as an index into [`Catalog::vendors`].
    pub fn vendor_by_name(&self, name: &str) -> Option<u32> {
        self.names.get(&name_key(name)).copied()
    }

    /// The entry a line that names only vendor `v` falls to: the vendor's
    /// first entry of its `plain` class (else its first entry) that needs
    /// no price.
    pub fn plain_entry(&self, v: u32) -> Option<u32> {
        let vendor = self.vendors.get(v as usize)?;
        let own = |e: &Entry| e.vendor.as_deref() == Some(vendor.id.as_str()) && !e.require_price;
        let class = vendor
            .plain
            .or_else(|| self.entries.iter().find(|e| own(e)).map(|e| e.class))?;
        self.entries
            .iter()
            .position(|e| own(e) && e.class == class)
            .map(|i| i as u32)
    }

    /// Entries whose patterns match `words`, best first: more pattern words,
    /// then user entries, then file order.
    ///
    /// Patterns are found through an index of their first words, so a text
    /// costs a few hash look-ups per word, not a pass over every pattern
    /// (a statement whose memos all differ learns each one).
    pub fn candidates(&self, words: &[String]) -> Vec<Candidate> {
        let mut best: Vec<Candidate> = Vec::new();
        for (at, w) in words.iter().enumerate() {
            for key in index_keys(w) {
                let Some(list) = self.first_words.get(key) else {
                    continue;
                };
                for &(entry, k) in list {
                    let p = &self.entries[entry as usize].patterns[k as usize];
                    let fits = words.len() - at >= p.len()
                        && p.iter()
                            .zip(&words[at..])
                            .all(|(pw, dw)| super::text::word_matches(pw, dw));
                    if !fits {
                        continue;
                    }
                    let n = p.len() as u32;
                    match best.iter_mut().find(|c| c.entry == entry) {
                        // The longest pattern, the first of equal length.
                        Some(c)
                            if (n, std::cmp::Reverse(k))
                                > (c.words, std::cmp::Reverse(c.pattern)) =>
                        {
                            c.words = n;
                            c.pattern = k;
                        }
                        Some(_) => {}
                        None => best.push(Candidate {
                            entry,
                            words: n,
                            pattern: k,
                        }),
                    }
                }
            }
        }
        // Equal ranks keep file order (user entries come first in `entries`).
        best.sort_by_key(|c| (std::cmp::Reverse(c.words), c.entry));
        best
    }

    /// [`Catalog::candidates`] the slow way, every pattern against every
    /// position: the index must find exactly these.
    #[cfg(test)]
    fn candidates_by_scan(&self, words: &[String]) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                e.patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| find_words(p, words).is_some())
                    .map(|(k, p)| (p.len() as u32, std::cmp::Reverse(k)))
                    .max()
                    .map(|(n, std::cmp::Reverse(k))| Candidate {
                        entry: i as u32,
                        words: n,
                        pattern: k as u32,
                    })
            })
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.words));
        out
    }

    /// Entries that claim a line by its source type (`Payment`).
    pub fn by_source_type<'a>(&'a self, source_type: &'a str) -> impl Iterator<Item = u32> + 'a {
        let st = source_type.trim();
        self.entries
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.source_types.iter().any(|s| s.eq_ignore_ascii_case(st)))
            .map(|(i, _)| i as u32)
    }

    /// Whether the descriptor starts with an app store's prefix.
    pub fn is_app_store(&self, words: &[String]) -> bool {
        self.app_stores
            .iter()
            .any(|p| find_words(p, words) == Some(0))
    }
}

/// Marks the patterns that are only their vendor's name or an alias, with
/// or without a legal form (`OPENAI`, `OPENAI LLC`, `ANTHROPIC PBC`).
fn mark_names_only<'v>(entries: &mut [Entry], vendors: impl Iterator<Item = &'v Vendor> + Clone) {
    for e in entries {
        let Some(vid) = e.vendor.as_deref() else {
            continue;
        };
        let keys: Vec<String> = vendors
            .clone()
            .filter(|v| v.id == vid)
            .flat_map(|v| std::iter::once(&v.name).chain(&v.aliases))
            .map(|n| name_key(n))
            .collect();
        for (k, p) in e.patterns.iter().enumerate() {
            let key = name_key(&p.join(" "));
            e.names_only[k] = keys.contains(&key);
        }
    }
}

/// Every pattern by its first word.
fn first_word_index(entries: &[Entry]) -> std::collections::HashMap<String, Vec<(u32, u32)>> {
    let mut out: std::collections::HashMap<String, Vec<(u32, u32)>> = Default::default();
    for (i, e) in entries.iter().enumerate() {
        for (k, p) in e.patterns.iter().enumerate() {
            if let Some(first) = p.first() {
                out.entry(first.clone())
                    .or_default()
                    .push((i as u32, k as u32));
            }
        }
    }
    out
}

/// The first-word keys a text word may stand for: itself, and for a dotted
/// word the domain without a leading `WWW.` and without a glued region code
/// (`WWW.PERPLEXITY.AI` is `PERPLEXITY.AI`, `ANTHROPIC.COMUS` is
/// `ANTHROPIC.COM`), as [`super::text::word_matches`] allows.
fn index_keys(w: &str) -> impl Iterator<Item = &str> {
    let bare = w.strip_prefix("WWW.").filter(|rest| rest.contains('.'));
    std::iter::once(w)
        .chain(bare)
        .flat_map(|f| std::iter::once(f).chain(glued(f, 2)).chain(glued(f, 4)))
}

/// `w` without its last `cut` letters, where they are a region code glued
/// onto a domain.
fn glued(w: &str, cut: usize) -> Option<&str> {
    let keep = w.len().checked_sub(cut)?;
    let (head, tail) = (w.get(..keep)?, w.get(keep..)?);
    (head.contains('.') && tail.bytes().all(|b| b.is_ascii_uppercase())).then_some(head)
}

/// Vendor indexes by the name keys of their names and aliases (the last
/// vendor to claim a key keeps it: a user vendor over a built-in one).
fn name_index(vendors: &[Vendor]) -> std::collections::HashMap<String, u32> {
    let mut out = std::collections::HashMap::new();
    for (i, v) in vendors.iter().enumerate() {
        for n in std::iter::once(&v.name).chain(&v.aliases) {
            out.insert(name_key(n), i as u32);
        }
    }
    out
}

/// Lowercase letters, digits and inner dashes: `github-copilot`.
pub fn valid_vendor_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_parses_and_is_valid() {
        let c = Catalog::parse(BUILTIN, "built-in", false).expect("built-in catalog parses");
        assert_eq!(c.version(), "v3");
        for id in [
            "openai",
            "anthropic",
            "github-copilot",
            "cursor",
            "midjourney",
            "google-gemini",
            "perplexity",
            "microsoft-copilot",
            "elevenlabs",
            "runway",
            "poe",
            "character-ai",
            "suno",
        ] {
            assert!(c.vendor(id).is_some(), "vendor {id} missing");
            assert!(
                c.entries().iter().any(|e| e.vendor.as_deref() == Some(id)),
                "no entry for {id}"
            );
        }
        for e in c.entries() {
            if let Some(v) = &e.vendor {
                assert!(c.vendor(v).is_some(), "entry names unknown vendor {v}");
                assert!(matches!(e.class, Class::AiSubscription | Class::AiApi));
            }
            assert!(!e.patterns.is_empty() || !e.source_types.is_empty());
        }
        assert!(!Catalog::builtin().entries().is_empty());
    }

    #[test]
    fn a_user_catalog_adds_vendors_and_wins_ties() {
        let user = r#"
            [[vendor]]
            id = "acme-ai"
            name = "Acme AI"

            [[entry]]
            vendor = "acme-ai"
            class = "ai-api"
            product = "credits"
            patterns = ["ACME INTELLIGENCE"]

            [[entry]]
            vendor = "acme-ai"
            class = "ai-subscription"
            patterns = ["MIDJOURNEY"]
        "#;
        let c = Catalog::with_user_text(user, "user.toml").expect("user catalog");
        assert!(c.version().starts_with("v3+user-"));
        assert!(c.vendor("acme-ai").is_some() && c.vendor("openai").is_some());
        let best = c.candidates(&words("MIDJOURNEY INC"));
        assert_eq!(
            c.entry(best[0].entry).vendor.as_deref(),
            Some("midjourney"),
            "two words beat one"
        );
        let best = c.candidates(&words("MIDJOURNEY"));
        assert_eq!(
            c.entry(best[0].entry).vendor.as_deref(),
            Some("acme-ai"),
            "user first at a tie"
        );
    }

    #[test]
    fn the_first_word_index_finds_what_a_scan_finds() {
        let c = Catalog::parse(BUILTIN, "built-in", false).expect("catalog");
        let mut texts: Vec<String> = c
            .entries()
            .iter()
            .flat_map(|e| e.patterns.iter().map(|p| p.join(" ")))
            .collect();
        texts.extend(
            [
                "OPENAI *CHATGPT SUBSCR OPENAI.COM CA",
                "CLAUDE.AI SUBSCRIPTION ANTHROPIC.COMUS",
                "CLAUDE.AI SUBSCRIPTION ANTHROPIC.COMCAUS",
                "ANTHROPIC.COMPANY LTD",
                "CURSOR USAGE MAR CURSOR.COM",
                "CURSOR, AI POWERED IDE CURSOR.COM NY",
                "GITHUB INC COPILOT GITHUB.COM",
                "APPLE.COM/BILL ANTHROPIC",
                "PAYMENT THANK YOU",
                "ANTHROPOLOGIE #0512",
                "X.YZ",
                "",
            ]
            .map(str::to_owned),
        );
        for t in texts {
            let w = words(&t);
            assert_eq!(c.candidates(&w), c.candidates_by_scan(&w), "{t}");
        }
    }

    #[test]
    fn bad_catalogs_are_refused_with_a_reason() {
        for (text, needle) in [
            (
                "version = 1\n[[entry]]\nclass = \"ai-api\"\npatterns = [\"X\"]",
                "needs a vendor",
            ),
            (
                "version = 1\n[[entry]]\nvendor = \"nope\"\nclass = \"ai-api\"\npatterns = [\"X\"]",
                "not defined",
            ),
            (
                "version = 1\n[[entry]]\nclass = \"shopping\"\npatterns = [\"X\"]",
                "unknown variant",
            ),
            (
                "version = 1\n[[entry]]\nclass = \"everyday\"\npatterns = [\"***\"]",
                "no words",
            ),
            (
                "[[entry]]\nclass = \"everyday\"\npatterns = [\"X\"]",
                "no `version`",
            ),
            (
                "version = 1\n[[vendor]]\nid = \"Bad Id\"\nname = \"x\"",
                "lowercase",
            ),
        ] {
            let err = Catalog::parse(text, "t.toml", false)
                .expect_err(text)
                .to_string();
            assert!(err.contains(needle), "{err} should say {needle}");
            assert!(err.contains("t.toml"), "{err}");
        }
        let err = Catalog::with_user_text("[[entry]]\nvendor=\"openai\"\nclass=\"ai-api\"\nprices=[{amount=\"x\"}]\npatterns=[\"A\"]", "u.toml")
            .expect_err("bad price");
        assert!(err.to_string().contains("not a decimal"), "{err}");
    }
}

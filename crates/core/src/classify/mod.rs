//! Classification: every ledger line gets a class and, for AI spending, a
//! vendor and a product (SPEC §4).
//!
//! Precedence, first that speaks wins:
//! 1. the user's edit of the line (`txn_edits`, applied when the ledger is
//!    read, so it survives undo and re-import);
//! 2. the user's rules ([`rules`]), by priority then age;
//! 3. the vendor catalog ([`catalog`], data in `catalog.toml`);
//! 4. `everyday`, flagged for review when the line looks like unfamiliar AI
//!    spending (a `.AI` domain, `*API`, a memo that looks like a key).
//!
//! A line is seen through every descriptive field its bank gave
//! ([`fields`]): the description, a clean merchant name, the raw card
//! descriptor, the goods bought, the memo, the category, the MCC. Rules name
//! the field they read. The catalog's patterns are matched against the text
//! fields; a clean merchant field whose whole name is a vendor's name or
//! alias names that vendor. Across fields the most specific match wins
//! (more pattern words, then user entries, then file order, then the field
//! order of [`Field::TEXT`]); a match that is only a vendor's name (`OPENAI
//! LLC`, a merchant field `Anthropic`) gives way to a match of the same
//! vendor that names a product (`CHATGPT` in the goods, `CLAUDE.AI
//! SUBSCRIPTION` in the descriptor). When a clean merchant field named the
//! vendor and nothing named the product, a plan price decides: the line's
//! amount at one of the vendor's prices (in its own currency, its original
//! one, or a USD price at a plausible FX rate, see [`catalog::FxBand`])
//! makes it that plan; else the vendor's `plain` class.
//!
//! Every decision is explained ([`DecidedBy`]): which rule or catalog entry,
//! which field, what in it matched and which price.
//!
//! A [`Classifier`] holds the catalog and the compiled rules, and caches what
//! it learned per distinct field text, so a million-line import classifies a
//! few hundred texts, not a million lines: each line costs a hash look-up per
//! field it has and a walk over the (few) candidates found.

pub mod catalog;
pub mod fields;
pub mod rules;
pub mod text;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use catalog::{Amounts, Catalog, PriceBy};
pub use fields::{Details, Field, LineDetails, StoredDetails};
pub use rules::{MatchField, MatchKind, NewRule, Rule};

/// The four classes of SPEC §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    AiSubscription,
    AiApi,
    Everyday,
    Transfer,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::AiSubscription,
        Class::AiApi,
        Class::Everyday,
        Class::Transfer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::AiSubscription => "ai-subscription",
            Class::AiApi => "ai-api",
            Class::Everyday => "everyday",
            Class::Transfer => "transfer",
        }
    }

    /// Whether lines of this class have a vendor.
    pub fn is_ai(self) -> bool {
        matches!(self, Class::AiSubscription | Class::AiApi)
    }
}

impl std::str::FromStr for Class {
    type Err = ClassifyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Class::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ClassifyError::UnknownClass(s.to_owned()))
    }
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClassifyError {
    #[error("could not read the catalog {path}")]
    ReadCatalog {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{name} is not a valid vendor catalog: {reason}")]
    BadCatalog { name: String, reason: String },
    #[error("unknown class {0:?}; expected ai-subscription, ai-api, everyday or transfer")]
    UnknownClass(String),
    #[error("the regular expression {pattern:?} is not valid or too large: {reason}")]
    BadRegex { pattern: String, reason: String },
    /// A rule refused, as a message of the catalogs.
    #[error("invalid rule: {}", .0.render(crate::i18n::Lang::En))]
    BadRule(crate::i18n::Msg),
}

impl ClassifyError {
    /// A rule whose amount bound the ledger cannot hold.
    pub fn amount_out_of_range(amount: rust_decimal::Decimal) -> ClassifyError {
        ClassifyError::BadRule(crate::msg!(
            "apperr-rule-amount-range",
            amount = amount.to_string()
        ))
    }
}

/// What a line is, and who said so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub class: Class,
    pub vendor: Option<String>,
    pub product: Option<String>,
    /// `rule:<id>`, `catalog` or `default` (`edit` is added by the ledger).
    pub source: String,
    /// Why the line deserves a look, for an unfamiliar line that looks like
    /// AI spending; it keeps its class (`everyday`) until someone decides.
    pub review: Option<String>,
    pub tags: Vec<String>,
    /// Which field and which rule or catalog entry (and price) decided.
    pub decided_by: DecidedBy,
}

/// How a catalog entry came to match a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum MatchHow {
    /// One of its patterns is in the field's words.
    Pattern,
    /// The field (a clean merchant name) is the vendor's name or alias.
    Name,
    /// The statement's own type column.
    Type,
}

/// Why a line has its class: `txns --json` rows carry it as `decided_by`.
///
/// `{"source":"catalog","entry":"anthropic/claude","field":"descriptor",
/// "match":"pattern","text":"CLAUDE.AI SUBSCRIPTION","price":"GBP 18.00",
/// "price_by":"amount"}`; a rule: `{"source":"rule:3","field":"merchant"}`;
/// no rule nor entry: `{"source":"default"}`; the user's edit:
/// `{"source":"edit"}`. Keys without a value are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DecidedBy {
    /// `catalog`, `rule:<id>`, `default`, `edit`, or `refund:<purchase
    /// id>` for a refund that takes its purchase's class.
    pub source: String,
    /// The catalog entry (`openai/chatgpt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub entry: Option<String>,
    /// The field whose text decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<Field>,
    /// How the entry matched.
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub how: Option<MatchHow>,
    /// What matched: the pattern, the vendor name or the type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text: Option<String>,
    /// The plan price the line is at (`USD 20.00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub price: Option<String>,
    /// How the line is at it: its `amount`, its `original` amount, or its
    /// amount at a USD price converted at a plausible rate (`fx`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub price_by: Option<PriceBy>,
}

impl DecidedBy {
    /// From a line's `class_source` and stored `decided_by` text (the
    /// object without `source`). An edit is explained by the edit alone.
    pub fn from_parts(source: Option<&str>, stored: Option<&str>) -> Option<DecidedBy> {
        let source = source?;
        let mut d = match (source, stored) {
            ("edit", _) | (_, None) => DecidedBy::default(),
            (_, Some(text)) => serde_json::from_str(text).unwrap_or_default(),
        };
        d.source = source.to_owned();
        Some(d)
    }
}

/// One line as classification sees it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub description: &'a str,
    /// The other descriptive fields the bank gave.
    pub details: Details<'a>,
    pub category: Option<&'a str>,
    pub source_type: Option<&'a str>,
    pub memo: Option<&'a str>,
    /// Micro-units, spending negative.
    pub amount: i64,
    pub currency: &'a str,
    pub original_amount: Option<i64>,
    pub original_currency: Option<&'a str>,
    pub account_id: Option<i64>,
}

impl Default for Line<'_> {
    fn default() -> Self {
        Line {
            description: "",
            details: Details::default(),
            category: None,
            source_type: None,
            memo: None,
            amount: 0,
            currency: "USD",
            original_amount: None,
            original_currency: None,
            account_id: None,
        }
    }
}

impl<'a> Line<'a> {
    /// The text of one field, when the line has it (not blank).
    pub fn text(&self, field: Field) -> Option<&'a str> {
        let v = match field {
            Field::Description => Some(self.description),
            Field::Memo => self.memo,
            Field::Category => self.category,
            Field::Type => self.source_type,
            other => self.details.get(other),
        };
        v.filter(|t| !t.trim().is_empty())
    }
}

/// The decision for one line, as indexes into its [`Classifier`]: small and
/// `Copy`, so an import can keep one per row of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Outcome {
    by: By,
    review: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum By {
    Default,
    Rule {
        rule: u32,
        field: Field,
    },
    Entry {
        entry: u32,
        field: Field,
        how: How,
        price: Option<(u32, PriceBy)>,
        app_store: bool,
    },
}

/// How an entry matched: which pattern, the vendor's name, or the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum How {
    Pattern(u32),
    Name(u32),
    Type,
}

/// What the classifier learned about one field text.
#[derive(Debug)]
struct Known {
    /// Rules whose pattern matches this text (ascending).
    rules: Vec<u32>,
    /// Rules whose pattern matches the merchant read from this text
    /// ([`text::merchant`]), for a line with no merchant field.
    merchant_rules: Vec<u32>,
    candidates: Vec<catalog::Candidate>,
    /// The vendor this text names as a whole (clean) merchant name.
    name: Option<u32>,
    app_store: bool,
    review: Option<&'static str>,
}

/// The fields whose texts the classifier learns: [`Field::TEXT`], then the
/// two that only rules read.
const LEARNED: [Field; 7] = [
    Field::Description,
    Field::Merchant,
    Field::Descriptor,
    Field::Goods,
    Field::Memo,
    Field::Category,
    Field::Mcc,
];

/// At most this many texts are remembered; then the cache starts over.
const CACHE_MAX: usize = 50_000;

/// The rank of a catalog match: more pattern words, then earlier entries
/// (user entries come first), then earlier fields. Smaller is better.
type Rank = (std::cmp::Reverse<u32>, u32, usize);

#[derive(Debug, Clone, Copy)]
struct Pick {
    rank: Rank,
    entry: u32,
    field: Field,
    how: How,
    price: Option<catalog::PriceHit>,
    names_only: bool,
}

/// The catalog and the rules, ready to classify lines.
#[derive(Debug)]
pub struct Classifier {
    catalog: Arc<Catalog>,
    rules: Vec<rules::Compiled>,
    cache: foldhash::HashMap<Box<str>, Known>,
    /// Whether a rule reads the category or the MCC (then they are learned).
    rules_read_codes: bool,
    /// Whether a rule reads the merchant read from a description.
    rules_read_merchant: bool,
    /// Each outcome's explanation, as stored (`decided_by` without source).
    explained: foldhash::HashMap<Outcome, Option<Box<str>>>,
}

impl Classifier {
    /// `rules` in any order; enabled ones are tried by priority (highest
    /// first), then oldest first.
    pub fn new(catalog: Arc<Catalog>, rules: &[Rule]) -> Result<Classifier, ClassifyError> {
        let mut compiled = rules
            .iter()
            .filter(|r| r.enabled)
            .map(rules::Compiled::new)
            .collect::<Result<Vec<_>, _>>()?;
        compiled.sort_by(|a, b| b.priority.cmp(&a.priority).then(a.id.cmp(&b.id)));
        let reads = |f: &[MatchField]| compiled.iter().any(|r| f.contains(&r.field));
        Ok(Classifier {
            rules_read_codes: reads(&[MatchField::Category, MatchField::Mcc, MatchField::Any]),
            rules_read_merchant: reads(&[MatchField::Merchant, MatchField::Any]),
            catalog,
            rules: compiled,
            cache: foldhash::HashMap::default(),
            explained: foldhash::HashMap::default(),
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Tells the rules naming account `name` that its id is `id`.
    pub fn note_account(&mut self, id: i64, name: &str) {
        for r in &mut self.rules {
            if r.account.as_deref() == Some(name) {
                r.account_id = Some(id);
            }
        }
    }

    /// Whether any rule names an account (the caller must then note them).
    pub fn rules_name_accounts(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().filter_map(|r| r.account.as_deref())
    }

    fn learn(&mut self, text: &str) {
        if self.cache.contains_key(text) {
            return;
        }
        let words = text::words(text);
        let matching = |t: &str| -> Vec<u32> {
            self.rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.text_matches(t))
                .map(|(i, _)| i as u32)
                .collect()
        };
        let rules = matching(text);
        let merchant_rules = if self.rules_read_merchant {
            matching(&text::merchant(text))
        } else {
            Vec::new()
        };
        let candidates = self.catalog.candidates(&words);
        let known = Known {
            rules,
            merchant_rules,
            app_store: self.catalog.is_app_store(&words),
            name: self.catalog.vendor_by_name(text),
            review: text::review_reason(text, None),
            candidates,
        };
        self.cache.insert(text.into(), known);
    }

    /// Which of [`LEARNED`] the classifier reads on this line: the text
    /// fields it has, and the category and the MCC when a rule reads them.
    fn fields(&self, line: &Line<'_>) -> [bool; 7] {
        std::array::from_fn(|i| {
            (i < Field::TEXT.len() || self.rules_read_codes) && line.text(LEARNED[i]).is_some()
        })
    }

    /// Decides one line (rules, then the type, then the catalog, then
    /// `everyday`).
    pub fn outcome(&mut self, line: &Line<'_>) -> Outcome {
        if self.cache.len() >= CACHE_MAX {
            self.cache.clear();
        }
        let fields = self.fields(line);
        for (i, f) in LEARNED.iter().enumerate() {
            if let (true, Some(t)) = (fields[i], line.text(*f)) {
                self.learn(t);
            }
        }
        let o = self.decide(line, &fields);
        // Never cleared: outcomes are bounded by the rules and the catalog
        // (an entry, a field, a pattern or price, a few review reasons), and
        // an outcome handed out must keep its explanation until viewed.
        if !self.explained.contains_key(&o) {
            let text = self.explain(&o);
            self.explained.insert(o, text);
        }
        o
    }

    fn decide(&self, line: &Line<'_>, fields: &[bool; 7]) -> Outcome {
        let knowns: [Option<&Known>; 7] = std::array::from_fn(|i| {
            if fields[i] {
                line.text(LEARNED[i]).and_then(|t| self.cache.get(t))
            } else {
                None
            }
        });
        let k = |f: Field| -> Option<&Known> {
            LEARNED.iter().position(|g| *g == f).and_then(|i| knowns[i])
        };

        // 1. The user's rules, in order.
        if !self.rules.is_empty() {
            let has = |k: Option<&Known>, i: u32, merchant: bool| {
                k.is_some_and(|k| {
                    let list = if merchant {
                        &k.merchant_rules
                    } else {
                        &k.rules
                    };
                    list.binary_search(&i).is_ok()
                })
            };
            for (i, r) in self.rules.iter().enumerate() {
                let i = i as u32;
                let field = |m: MatchField| -> Option<Field> {
                    match m {
                        MatchField::Merchant => {
                            if line.text(Field::Merchant).is_some() {
                                has(k(Field::Merchant), i, false).then_some(Field::Merchant)
                            } else {
                                has(k(Field::Description), i, true).then_some(Field::Merchant)
                            }
                        }
                        MatchField::Any => None,
                        other => {
                            let f = other.field()?;
                            has(k(f), i, false).then_some(f)
                        }
                    }
                };
                // `Any`: the first field, in `MatchField::ALL`'s order, that
                // matches (`Any` itself matches nothing).
                let hit = match r.field {
                    MatchField::Any => MatchField::ALL.into_iter().find_map(field),
                    m => field(m),
                };
                if let Some(field) = hit {
                    if r.rest_matches(line) {
                        return Outcome {
                            by: By::Rule { rule: i, field },
                            review: None,
                        };
                    }
                }
            }
        }

        // 2. The statement's own type.
        let catalog = &self.catalog;
        if let Some(st) = line.text(Field::Type) {
            if let Some(entry) = catalog
                .by_source_type(st)
                .find(|&e| catalog.entry(e).sign.allows(line.amount))
            {
                return Outcome {
                    by: By::Entry {
                        entry,
                        field: Field::Type,
                        how: How::Type,
                        price: None,
                        app_store: false,
                    },
                    review: None,
                };
            }
        }

        // 3. The catalog, over every text field.
        let amounts = Amounts {
            amount: line.amount,
            currency: line.currency,
            original_amount: line.original_amount,
            original_currency: line.original_currency,
        };
        let fx = catalog.fx();
        let mut picks = Vec::new();
        let mut named: Option<u32> = None;
        for (fi, f) in Field::TEXT.iter().enumerate() {
            let Some(kn) = k(*f) else { continue };
            for c in &kn.candidates {
                let e = catalog.entry(c.entry);
                if !e.fields.contains(f) || !e.sign.allows(line.amount) {
                    continue;
                }
                let price = e.price_at(&amounts, fx);
                if e.require_price && price.is_none() {
                    continue;
                }
                picks.push(Pick {
                    rank: (std::cmp::Reverse(c.words), c.entry, fi),
                    entry: c.entry,
                    field: *f,
                    how: How::Pattern(c.pattern),
                    price,
                    names_only: e
                        .names_only
                        .get(c.pattern as usize)
                        .copied()
                        .unwrap_or(false),
                });
            }
            if *f == Field::Merchant {
                if let Some(v) = kn.name {
                    named = Some(v);
                    if let Some(entry) = catalog.plain_entry(v) {
                        let e = catalog.entry(entry);
                        if e.sign.allows(line.amount) {
                            picks.push(Pick {
                                rank: (std::cmp::Reverse(0), entry, fi),
                                entry,
                                field: *f,
                                how: How::Name(v),
                                price: e.price_at(&amounts, fx),
                                names_only: true,
                            });
                        }
                    }
                }
            }
        }
        let vendor_of = |p: &Pick| catalog.entry(p.entry).vendor.as_deref();
        let mut best = picks.iter().min_by_key(|p| p.rank).copied();
        if let Some(b) = best.filter(|b| b.names_only) {
            // Only the vendor's name: a match of the same vendor that names
            // the product, in any field, tells more.
            let v = vendor_of(&b);
            if let Some(better) = picks
                .iter()
                .filter(|p| !p.names_only && vendor_of(p) == v)
                .min_by_key(|p| p.rank)
            {
                best = Some(*better);
            } else if let Some(named) =
                named.filter(|n| catalog.vendors().get(*n as usize).map(|x| x.id.as_str()) == v)
            {
                // A clean merchant name and nothing about the product: a
                // plan price decides.
                if let Some((entry, hit)) = self.plan_at(named, &amounts) {
                    best = Some(Pick {
                        rank: b.rank,
                        entry,
                        field: Field::Merchant,
                        how: How::Name(named),
                        price: Some(hit),
                        names_only: true,
                    });
                }
            }
        }
        if let Some(b) = best {
            let app_store = [Field::Description, Field::Descriptor, b.field]
                .into_iter()
                .any(|f| k(f).is_some_and(|kn| kn.app_store));
            return Outcome {
                by: By::Entry {
                    entry: b.entry,
                    field: b.field,
                    how: b.how,
                    price: b.price.map(|h| (h.price as u32, h.by)),
                    app_store,
                },
                review: None,
            };
        }

        // 4. Nothing: everyday, flagged when it looks like AI spending.
        let review = [
            Field::Description,
            Field::Descriptor,
            Field::Merchant,
            Field::Goods,
        ]
        .into_iter()
        .find_map(|f| k(f).and_then(|kn| kn.review))
        .or_else(|| {
            line.text(Field::Memo)
                .and_then(|m| text::review_reason("", Some(m)))
        });
        Outcome {
            by: By::Default,
            review,
        }
    }

    /// The first of vendor `v`'s entries (in catalog order) that the line is
    /// at a price of: exact prices (amount, then original) before FX ones.
    fn plan_at(&self, v: u32, a: &Amounts<'_>) -> Option<(u32, catalog::PriceHit)> {
        let vendor = self.catalog.vendors().get(v as usize)?;
        let mut fx_hit = None;
        for (i, e) in self.catalog.entries().iter().enumerate() {
            if e.vendor.as_deref() != Some(vendor.id.as_str()) || !e.sign.allows(a.amount) {
                continue;
            }
            match e.price_at(a, self.catalog.fx()) {
                Some(h) if h.by != PriceBy::Fx => return Some((i as u32, h)),
                Some(h) if fx_hit.is_none() => fx_hit = Some((i as u32, h)),
                _ => {}
            }
        }
        fx_hit
    }

    /// The stored explanation of an outcome (`decided_by` without source).
    fn explain(&self, o: &Outcome) -> Option<Box<str>> {
        let d = match o.by {
            By::Default => return None,
            By::Rule { field, .. } => DecidedBy {
                field: Some(field),
                ..DecidedBy::default()
            },
            By::Entry {
                entry,
                field,
                how,
                price,
                ..
            } => {
                let e = self.catalog.entry(entry);
                let (how, text) = match how {
                    How::Pattern(p) => (
                        MatchHow::Pattern,
                        e.patterns.get(p as usize).map(|w| w.join(" ")),
                    ),
                    How::Name(v) => (
                        MatchHow::Name,
                        self.catalog
                            .vendors()
                            .get(v as usize)
                            .map(|v| v.name.clone()),
                    ),
                    How::Type => (MatchHow::Type, e.source_types.first().cloned()),
                };
                let price = price.and_then(|(i, by)| {
                    let p = e.prices.get(i as usize)?;
                    Some((
                        format!(
                            "{} {}",
                            p.currency,
                            crate::money::from_micros(p.amount).round_dp(2)
                        ),
                        by,
                    ))
                });
                DecidedBy {
                    entry: Some(e.id.clone()),
                    field: Some(field),
                    how: Some(how),
                    text,
                    price_by: price.as_ref().map(|p| p.1),
                    price: price.map(|p| p.0),
                    ..DecidedBy::default()
                }
            }
        };
        serde_json::to_string(&d).ok().map(String::into_boxed_str)
    }

    /// The class, vendor, product, source and tags an outcome stands for.
    pub fn view(&self, o: &Outcome) -> View<'_> {
        let decided_by = self.explained.get(o).and_then(|t| t.as_deref());
        match o.by {
            By::Default => View {
                class: Class::Everyday,
                vendor: None,
                product: None,
                source: "default",
                review: o.review,
                tags: None,
                decided_by,
            },
            By::Rule { rule, .. } => {
                let r = &self.rules[rule as usize];
                View {
                    class: r.class,
                    vendor: r.vendor.as_deref(),
                    product: r.product.as_deref(),
                    source: &r.source,
                    review: None,
                    tags: r.tags_json.as_deref(),
                    decided_by,
                }
            }
            By::Entry {
                entry,
                price,
                app_store,
                ..
            } => {
                let e = self.catalog.entry(entry);
                let mut class = e.class;
                let mut product = price
                    .and_then(|(p, _)| e.prices.get(p as usize))
                    .and_then(|p| p.product.as_deref())
                    .or(e.product.as_deref());
                if app_store && class == Class::AiApi {
                    class = Class::AiSubscription;
                    product = e
                        .vendor
                        .as_deref()
                        .and_then(|v| self.catalog.vendor(v))
                        .and_then(|v| v.app_product.as_deref())
                        .or(Some("in-app subscription"));
                }
                View {
                    class,
                    vendor: e.vendor.as_deref(),
                    product: if class.is_ai() { product } else { None },
                    source: "catalog",
                    review: None,
                    tags: None,
                    decided_by,
                }
            }
        }
    }

    /// Classifies one line into an owned result.
    pub fn classify(&mut self, line: &Line<'_>) -> Classification {
        let o = self.outcome(line);
        self.view(&o).to_owned()
    }
}

/// A borrowed [`Classification`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View<'a> {
    pub class: Class,
    pub vendor: Option<&'a str>,
    pub product: Option<&'a str>,
    pub source: &'a str,
    pub review: Option<&'static str>,
    /// JSON array text, where a rule adds tags.
    pub tags: Option<&'a str>,
    /// The explanation as stored: JSON object text without `source`.
    pub decided_by: Option<&'a str>,
}

impl View<'_> {
    pub fn to_owned(&self) -> Classification {
        Classification {
            class: self.class,
            vendor: self.vendor.map(str::to_owned),
            product: self.product.map(str::to_owned),
            source: self.source.to_owned(),
            review: self.review.map(str::to_owned),
            tags: self
                .tags
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default(),
            decided_by: DecidedBy::from_parts(Some(self.source), self.decided_by)
                .unwrap_or_default(),
        }
    }
}

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
//! A [`Classifier`] holds the catalog and the compiled rules, and caches what
//! it learned per distinct descriptor, so a million-line import classifies a
//! few hundred descriptors, not a million.

pub mod catalog;
pub mod rules;
pub mod text;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use catalog::{Amounts, Catalog};
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
    #[error("invalid rule: {0}")]
    BadRule(String),
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
}

/// One line as classification sees it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub description: &'a str,
    pub source_type: Option<&'a str>,
    pub memo: Option<&'a str>,
    /// Micro-units, spending negative.
    pub amount: i64,
    pub currency: &'a str,
    pub original_amount: Option<i64>,
    pub original_currency: Option<&'a str>,
    pub account_id: Option<i64>,
}

/// The decision for one line, as indexes into its [`Classifier`]: small and
/// `Copy`, so an import can keep one per row of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    by: By,
    review: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Default,
    Rule(u32),
    Entry {
        entry: u32,
        price: Option<u32>,
        app_store: bool,
    },
}

/// What the classifier learned about one descriptor.
#[derive(Debug)]
struct Known {
    rules: Vec<u32>,
    candidates: Vec<catalog::Candidate>,
    app_store: bool,
    review: Option<&'static str>,
}

/// At most this many descriptors are remembered; then the cache starts over.
const CACHE_MAX: usize = 50_000;

/// The catalog and the rules, ready to classify lines.
#[derive(Debug)]
pub struct Classifier {
    catalog: Arc<Catalog>,
    rules: Vec<rules::Compiled>,
    cache: foldhash::HashMap<Box<str>, Known>,
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
        Ok(Classifier {
            catalog,
            rules: compiled,
            cache: foldhash::HashMap::default(),
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

    fn learn(&mut self, description: &str) {
        if self.cache.contains_key(description) {
            return;
        }
        if self.cache.len() >= CACHE_MAX {
            self.cache.clear();
        }
        let words = text::words(description);
        let merchant = if self.rules.iter().any(|r| r.field == MatchField::Merchant) {
            text::merchant(description)
        } else {
            String::new()
        };
        let rules = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.text_matches(description, &merchant))
            .map(|(i, _)| i as u32)
            .collect();
        let candidates = self.catalog.candidates(&words);
        let known = Known {
            rules,
            app_store: !candidates.is_empty() && self.catalog.is_app_store(&words),
            review: if candidates.is_empty() {
                text::review_reason(description, None)
            } else {
                None
            },
            candidates,
        };
        self.cache.insert(description.into(), known);
    }

    /// Decides one line (rules, then catalog, then `everyday`).
    pub fn outcome(&mut self, line: &Line<'_>) -> Outcome {
        self.learn(line.description);
        let known = self.cache.get(line.description).unwrap_or(&NOTHING_KNOWN);
        let catalog = &self.catalog;
        let mut review = known.review;
        let app_store = known.app_store;
        let candidates = &known.candidates;
        for &i in &known.rules {
            if self.rules[i as usize].rest_matches(line) {
                return Outcome {
                    by: By::Rule(i),
                    review: None,
                };
            }
        }
        if let Some(st) = line.source_type.filter(|s| !s.trim().is_empty()) {
            if let Some(entry) = catalog
                .by_source_type(st)
                .find(|&e| catalog.entry(e).sign.allows(line.amount))
            {
                return Outcome {
                    by: By::Entry {
                        entry,
                        price: None,
                        app_store: false,
                    },
                    review: None,
                };
            }
        }
        let amounts = Amounts {
            amount: line.amount,
            currency: line.currency,
            original_amount: line.original_amount,
            original_currency: line.original_currency,
        };
        for c in candidates {
            let e = catalog.entry(c.entry);
            if !e.sign.allows(line.amount) {
                continue;
            }
            let price = e.price_at(&amounts);
            if e.require_price && price.is_none() {
                continue;
            }
            return Outcome {
                by: By::Entry {
                    entry: c.entry,
                    price: price.map(|p| p as u32),
                    app_store,
                },
                review: None,
            };
        }
        if review.is_none() {
            review = line
                .memo
                .filter(|m| !m.trim().is_empty())
                .and_then(|m| text::review_reason("", Some(m)));
        }
        Outcome {
            by: By::Default,
            review,
        }
    }

    /// The class, vendor, product, source and tags an outcome stands for.
    pub fn view(&self, o: &Outcome) -> View<'_> {
        match o.by {
            By::Default => View {
                class: Class::Everyday,
                vendor: None,
                product: None,
                source: "default",
                review: o.review,
                tags: None,
            },
            By::Rule(i) => {
                let r = &self.rules[i as usize];
                View {
                    class: r.class,
                    vendor: r.vendor.as_deref(),
                    product: r.product.as_deref(),
                    source: &r.source,
                    review: None,
                    tags: r.tags_json.as_deref(),
                }
            }
            By::Entry {
                entry,
                price,
                app_store,
            } => {
                let e = self.catalog.entry(entry);
                let mut class = e.class;
                let mut product = price
                    .and_then(|p| e.prices.get(p as usize))
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

/// What is known of a descriptor never seen (never used: `learn` comes first).
static NOTHING_KNOWN: Known = Known {
    rules: Vec::new(),
    candidates: Vec::new(),
    app_store: false,
    review: None,
};

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
        }
    }
}

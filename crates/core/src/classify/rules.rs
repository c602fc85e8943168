//! User rules: "lines like this are that". They run before the catalog.
//!
//! A rule matches one field of a line ([`MatchField`]): the description, the
//! merchant (the bank's clean merchant field, or for a line without one the
//! merchant read from the description, see [`super::text::merchant`]), the
//! raw descriptor, the goods, the memo, the category, the MCC, or any of
//! them; by `contains` (case and spacing ignored, at word
//! edges, so `OPEN` does not match `OPENTABLE`) or by a regular expression
//! (case-insensitive, size-bounded), optionally narrowed by an amount range
//! (on the amount's size, so a refund of a matching charge matches too), an
//! account and a currency (the billed or the original one). Enabled rules
//! are tried by priority, highest first, then oldest first; the first that
//! matches gives the line its class, vendor, product and tags.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalog::valid_vendor_id;
use super::text::contains_at_word_edges;
use super::{Class, ClassifyError, Field, Line};
use crate::money::to_micros;
use crate::msg;

/// Which text a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum MatchField {
    Description,
    /// The bank's merchant field, else the merchant read from the
    /// description.
    Merchant,
    Descriptor,
    Goods,
    Memo,
    Category,
    Mcc,
    /// Any of the above (the first that matches is named).
    Any,
}

impl MatchField {
    pub const ALL: [MatchField; 8] = [
        MatchField::Description,
        MatchField::Merchant,
        MatchField::Descriptor,
        MatchField::Goods,
        MatchField::Memo,
        MatchField::Category,
        MatchField::Mcc,
        MatchField::Any,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MatchField::Any => "any",
            other => other.field().map_or("any", Field::as_str),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        MatchField::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The line's field this names (`None` for `any`).
    pub fn field(self) -> Option<Field> {
        Some(match self {
            MatchField::Description => Field::Description,
            MatchField::Merchant => Field::Merchant,
            MatchField::Descriptor => Field::Descriptor,
            MatchField::Goods => Field::Goods,
            MatchField::Memo => Field::Memo,
            MatchField::Category => Field::Category,
            MatchField::Mcc => Field::Mcc,
            MatchField::Any => return None,
        })
    }
}

impl std::str::FromStr for MatchField {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MatchField::parse(&s.trim().to_ascii_lowercase()).ok_or_else(|| {
            format!(
                "{s:?} is not a field; expected description, merchant, descriptor, goods, memo, category, mcc or any"
            )
        })
    }
}

/// How a rule's pattern is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Contains,
    Regex,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Contains => "contains",
            MatchKind::Regex => "regex",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "contains" => Some(MatchKind::Contains),
            "regex" => Some(MatchKind::Regex),
            _ => None,
        }
    }
}

/// A rule as the user writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewRule {
    pub field: MatchField,
    pub kind: MatchKind,
    pub pattern: String,
    /// Smallest amount (its size: 10 matches -10 and 10), inclusive.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub min_amount: Option<Decimal>,
    /// Largest amount (its size), inclusive.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub max_amount: Option<Decimal>,
    pub account: Option<String>,
    pub currency: Option<String>,
    pub class: Class,
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub tags: Vec<String>,
    /// Higher runs first.
    pub priority: i64,
}

/// A stored rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Rule {
    pub id: i64,
    /// UTC instant, RFC 3339.
    pub created_at: String,
    #[serde(flatten)]
    pub rule: NewRule,
    pub enabled: bool,
    /// The line this rule was made from, if any.
    pub from_txn: Option<i64>,
}

/// The longest pattern a rule may have.
const MAX_PATTERN: usize = 1_000;
/// Compiled regular expressions stay under this many bytes.
const REGEX_SIZE: usize = 256 * 1024;

impl NewRule {
    /// Checks the rule and tidies it (trimmed pattern, upper-case currency).
    pub fn validate(mut self) -> Result<NewRule, ClassifyError> {
        let bad = |m: crate::i18n::Msg| Err(ClassifyError::BadRule(m));
        self.pattern = self.pattern.trim().to_owned();
        if self.pattern.is_empty() {
            return bad(msg!("apperr-rule-empty-pattern"));
        }
        if self.pattern.len() > MAX_PATTERN {
            return bad(msg!("apperr-rule-long-pattern", max = MAX_PATTERN));
        }
        if self.kind == MatchKind::Regex {
            compile(&self.pattern)?;
        }
        if let (Some(lo), Some(hi)) = (self.min_amount, self.max_amount) {
            if lo.abs() > hi.abs() {
                return bad(msg!(
                    "apperr-rule-min-above-max",
                    min = lo.to_string(),
                    max = hi.to_string()
                ));
            }
        }
        for a in [self.min_amount, self.max_amount].into_iter().flatten() {
            if to_micros(a.abs()).is_err() {
                return Err(ClassifyError::amount_out_of_range(a));
            }
        }
        if let Some(c) = &self.currency {
            let c = c.trim().to_ascii_uppercase();
            if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_alphabetic()) {
                return bad(msg!("apperr-rule-bad-currency", found = format!("{c:?}")));
            }
            self.currency = Some(c);
        }
        self.account = self
            .account
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty());
        self.vendor = self
            .vendor
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        self.product = self
            .product
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
        match (&self.vendor, self.class.is_ai()) {
            (Some(v), true) if !valid_vendor_id(v) => {
                return bad(msg!("apperr-rule-bad-vendor", found = format!("{v:?}")))
            }
            (Some(v), false) => {
                return bad(msg!(
                    "apperr-rule-no-vendor",
                    class = self.class.as_str(),
                    vendor = v.as_str()
                ))
            }
            _ => {}
        }
        if !self.class.is_ai() {
            self.product = None;
        }
        self.tags = self
            .tags
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        Ok(self)
    }
}

fn compile(pattern: &str) -> Result<regex::Regex, ClassifyError> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE)
        .dfa_size_limit(REGEX_SIZE)
        .build()
        .map_err(|e| ClassifyError::BadRegex {
            pattern: pattern.to_owned(),
            reason: e.to_string(),
        })
}

#[derive(Debug)]
enum Matcher {
    Contains(String),
    Regex(regex::Regex),
}

/// A rule ready to run.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub id: i64,
    pub priority: i64,
    pub field: MatchField,
    matcher: Matcher,
    min: Option<i64>,
    max: Option<i64>,
    pub account: Option<String>,
    pub account_id: Option<i64>,
    currency: Option<String>,
    pub class: Class,
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub tags_json: Option<String>,
    /// `rule:<id>`.
    pub source: String,
}

impl Compiled {
    pub fn new(r: &Rule) -> Result<Compiled, ClassifyError> {
        let n = &r.rule;
        let matcher = match n.kind {
            MatchKind::Contains => Matcher::Contains(n.pattern.clone()),
            MatchKind::Regex => Matcher::Regex(compile(&n.pattern)?),
        };
        let micros = |d: Option<Decimal>| d.and_then(|d| to_micros(d.abs()).ok());
        Ok(Compiled {
            id: r.id,
            priority: n.priority,
            field: n.field,
            matcher,
            min: micros(n.min_amount),
            max: micros(n.max_amount),
            account: n.account.clone(),
            account_id: None,
            currency: n.currency.clone(),
            class: n.class,
            vendor: n.vendor.clone(),
            product: n.product.clone(),
            tags_json: (!n.tags.is_empty())
                .then(|| serde_json::to_string(&n.tags).unwrap_or_else(|_| "[]".into())),
            source: format!("rule:{}", r.id),
        })
    }

    /// Whether the pattern matches `text` (the field is checked by the
    /// classifier).
    pub fn text_matches(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Contains(needle) => contains_at_word_edges(text, needle),
            Matcher::Regex(re) => re.is_match(text),
        }
    }

    /// Amount, account and currency.
    pub fn rest_matches(&self, line: &Line<'_>) -> bool {
        let size = line.amount.unsigned_abs();
        if self.min.is_some_and(|m| size < m.unsigned_abs())
            || self.max.is_some_and(|m| size > m.unsigned_abs())
        {
            return false;
        }
        if self.account.is_some()
            && (self.account_id.is_none() || self.account_id != line.account_id)
        {
            return false;
        }
        if let Some(c) = &self.currency {
            let billed = c.eq_ignore_ascii_case(line.currency);
            let original = line
                .original_currency
                .is_some_and(|o| c.eq_ignore_ascii_case(o));
            if !billed && !original {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Catalog, Classifier};
    use super::*;

    fn rule(id: i64, kind: MatchKind, pattern: &str, class: Class) -> Rule {
        Rule {
            id,
            created_at: "2026-01-01T00:00:00Z".into(),
            rule: NewRule {
                field: MatchField::Description,
                kind,
                pattern: pattern.into(),
                min_amount: None,
                max_amount: None,
                account: None,
                currency: None,
                class,
                vendor: None,
                product: None,
                tags: Vec::new(),
                priority: 0,
            },
            enabled: true,
            from_txn: None,
        }
    }

    fn line(description: &str, amount: i64) -> Line<'_> {
        Line {
            description,
            amount,
            account_id: Some(1),
            ..Line::default()
        }
    }

    #[test]
    fn rules_run_before_the_catalog_by_priority() {
        let mut a = rule(1, MatchKind::Contains, "openai", Class::Everyday);
        a.rule.min_amount = Some(Decimal::new(100, 0));
        let mut b = rule(2, MatchKind::Regex, r"^acme\s+lab", Class::AiApi);
        b.rule.vendor = Some("acme".into());
        b.rule.tags = vec!["client-x".into()];
        let mut c = rule(3, MatchKind::Contains, "acme", Class::Transfer);
        c.rule.priority = 5;
        let disabled = Rule {
            enabled: false,
            ..rule(4, MatchKind::Contains, "starbucks", Class::AiApi)
        };
        let mut cl = Classifier::new(Catalog::builtin(), &[a, b, c, disabled]).expect("rules");

        let small = cl.classify(&line("OPENAI", -25_000_000));
        assert_eq!(
            (small.class, small.source.as_str()),
            (Class::AiApi, "catalog")
        );
        let big = cl.classify(&line("OPENAI", -250_000_000));
        assert_eq!(
            (big.class, big.source.as_str()),
            (Class::Everyday, "rule:1")
        );
        let refund = cl.classify(&line("OPENAI", 250_000_000));
        assert_eq!(refund.source, "rule:1", "ranges are on the amount's size");

        let acme = cl.classify(&line("ACME LABS INC", -1));
        assert_eq!(acme.source, "rule:3", "priority beats age");
        let sb = cl.classify(&line("STARBUCKS", -1));
        assert_eq!(sb.source, "default", "disabled rules do not run");
    }

    #[test]
    fn account_and_currency_narrow_a_rule() {
        let mut r = rule(7, MatchKind::Contains, "coffee", Class::Transfer);
        r.rule.account = Some("Joint".into());
        r.rule.currency = Some("EUR".into());
        let mut cl = Classifier::new(Catalog::builtin(), &[r]).expect("rules");
        let mut l = line("COFFEE BAR", -1);
        assert_eq!(cl.classify(&l).source, "default", "account unknown yet");
        cl.note_account(1, "Joint");
        assert_eq!(cl.classify(&l).source, "default", "USD, not EUR");
        l.original_currency = Some("EUR");
        assert_eq!(cl.classify(&l).source, "rule:7");
        l.account_id = Some(2);
        assert_eq!(cl.classify(&l).source, "default");
    }

    #[test]
    fn merchant_rules_and_tags() {
        let mut r = rule(
            9,
            MatchKind::Contains,
            "blue bottle coffee",
            Class::Everyday,
        );
        r.rule.field = MatchField::Merchant;
        r.rule.tags = vec!["coffee".into()];
        let mut cl = Classifier::new(Catalog::builtin(), &[r]).expect("rules");
        let c = cl.classify(&line("SQ *BLUE BOTTLE COFFEE", -5));
        assert_eq!(
            (c.source.as_str(), c.tags),
            ("rule:9", vec!["coffee".to_owned()])
        );
    }

    #[test]
    fn validation_explains_what_is_wrong() {
        let base = rule(0, MatchKind::Regex, "(unclosed", Class::AiApi).rule;
        let err = base.clone().validate().expect_err("bad regex").to_string();
        assert!(err.contains("not valid"), "{err}");
        let huge = NewRule {
            pattern: "x{1000}{1000}".into(),
            ..base.clone()
        };
        assert!(huge.validate().is_err(), "regex size is bounded");
        let vendorless = NewRule {
            kind: MatchKind::Contains,
            pattern: "x".into(),
            class: Class::Everyday,
            vendor: Some("openai".into()),
            ..base.clone()
        };
        assert!(vendorless
            .validate()
            .expect_err("no vendor")
            .to_string()
            .contains("no vendor"));
        let range = NewRule {
            kind: MatchKind::Contains,
            pattern: "x".into(),
            min_amount: Some(Decimal::new(10, 0)),
            max_amount: Some(Decimal::new(5, 0)),
            ..base.clone()
        };
        assert!(range.validate().is_err());
        let ok = NewRule {
            kind: MatchKind::Contains,
            pattern: "  x  ".into(),
            currency: Some("eur".into()),
            ..base
        }
        .validate()
        .expect("valid");
        assert_eq!(
            (ok.pattern.as_str(), ok.currency.as_deref()),
            ("x", Some("EUR"))
        );
    }
}

//! The price list: what each provider charges per unit of usage, per model,
//! from a date on, as data (`prices.toml`, shipped here; a user's
//! `prices.toml` beside the ledger is merged over it), and the estimate of
//! what a usage record cost at the price in force on its date.
//!
//! Invariant: a price is an exact decimal per million tokens (or per
//! request/image); a model with no row in force, or usage of a kind the row
//! does not price, is an [`Estimate::Unknown`], never priced at 0. Every
//! priced estimate names the row it used.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::{Lang, Msg};
use crate::money::Currency;
use crate::msg;

/// The user's price list, beside the ledger.
pub const USER_PRICES_FILE: &str = "prices.toml";

const BUILTIN: &str = include_str!("prices.toml");

/// Why a price list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PricingError {
    #[error("cannot read the price list {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// What is wrong with the list, as a message of the catalogs.
    #[error("{name}: {}", problem.render(crate::i18n::Lang::En))]
    Invalid {
        name: String,
        problem: crate::i18n::Msg,
    },
}

/// One dated price of one model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceRow {
    pub provider: String,
    pub model: String,
    pub aliases: Vec<String>,
    pub valid_from: NaiveDate,
    pub currency: Currency,
    /// Per million tokens.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub input: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub cached_input: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub cache_write: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub output: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub reasoning: Option<Decimal>,
    /// Per request; per image.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub per_request: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub per_image: Option<Decimal>,
    pub source: Option<String>,
    /// From the user's price list.
    pub user: bool,
}

impl PriceRow {
    /// How an estimate names this row: `openai/o3@2025-06-10`.
    pub fn reference(&self) -> String {
        format!("{}/{}@{}", self.provider, self.model, self.valid_from)
    }

    fn names(&self, model: &str) -> bool {
        self.model == model || self.aliases.iter().any(|a| a == model)
    }
}

/// The price list: built-in rows, with the user's merged over them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceList {
    /// `2026-12-07`, or `2026-12-07+user` with a user list.
    pub version: String,
    pub rows: Vec<PriceRow>,
}

/// Token and unit counts of one usage record, split the way prices are.
///
/// `input` is input NOT read from a cache; `reasoning` counts only
/// reasoning tokens a log states apart from `output` (for OpenAI and
/// Anthropic they are inside `output` and this is 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Units {
    pub input: i64,
    pub cached_input: i64,
    pub cache_write: i64,
    pub output: i64,
    pub reasoning: i64,
    /// Requests billed per request (only where the row prices requests).
    pub requests: i64,
    pub images: i64,
}

/// What a usage record is estimated to have cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Estimate {
    Priced {
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
        currency: Currency,
        /// The row used (`provider/model@valid_from`).
        row: String,
    },
    Unknown {
        /// Why: no model, no row for the model on the date, or a kind of
        /// usage the row does not price. `reason` is its English, kept for
        /// scripts that read `--json`; `msg` is the message to show.
        reason: String,
        msg: Msg,
    },
}

impl Estimate {
    /// An unknown estimate, for the reason `msg` says.
    fn unknown(msg: Msg) -> Estimate {
        Estimate::Unknown {
            reason: msg.render(Lang::En),
            msg,
        }
    }
}

const MILLION: i64 = 1_000_000;

impl PriceList {
    /// The built-in list (parsed once).
    pub fn builtin() -> Arc<PriceList> {
        static LIST: OnceLock<Arc<PriceList>> = OnceLock::new();
        LIST.get_or_init(|| {
            // The shipped file is checked by the tests; a broken one is a
            // build defect, and an empty list prices nothing (all unknown).
            Arc::new(
                PriceList::parse(BUILTIN, "built-in prices.toml", false).unwrap_or(PriceList {
                    version: "broken".into(),
                    rows: Vec::new(),
                }),
            )
        })
        .clone()
    }

    /// The built-in list with the user's `prices.toml` in `dir` merged over
    /// it, when there is one.
    pub fn for_dir(dir: Option<&Path>) -> Result<Arc<PriceList>, PricingError> {
        match dir
            .map(|d| d.join(USER_PRICES_FILE))
            .filter(|p| p.is_file())
        {
            Some(p) => Ok(Arc::new(PriceList::with_user(&p)?)),
            None => Ok(PriceList::builtin()),
        }
    }

    /// The built-in list with the user's file at `path` merged over it.
    pub fn with_user(path: &Path) -> Result<PriceList, PricingError> {
        let text = std::fs::read_to_string(path).map_err(|source| PricingError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::with_user_text(&text, &path.display().to_string())
    }

    /// [`PriceList::with_user`] from text; `name` names it in errors.
    pub fn with_user_text(text: &str, name: &str) -> Result<PriceList, PricingError> {
        let base = PriceList::builtin();
        let user = PriceList::parse(text, name, true)?;
        let mut rows: Vec<PriceRow> = base
            .rows
            .iter()
            .filter(|b| {
                !user.rows.iter().any(|u| {
                    u.provider == b.provider && u.model == b.model && u.valid_from == b.valid_from
                })
            })
            .cloned()
            .collect();
        rows.extend(user.rows);
        rows.sort_by(|a, b| {
            (&a.provider, &a.model, a.valid_from).cmp(&(&b.provider, &b.model, b.valid_from))
        });
        Ok(PriceList {
            version: format!("{}+user", base.version),
            rows,
        })
    }

    fn parse(text: &str, name: &str, user: bool) -> Result<PriceList, PricingError> {
        use crate::msg;
        let bad = |problem: crate::i18n::Msg| PricingError::Invalid {
            name: name.to_owned(),
            problem,
        };
        let doc: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| bad(msg!("apperr-prices-toml", detail = e.message())))?;
        let version = match doc.get("version") {
            Some(toml::Value::String(v)) => v.clone(),
            None if user => "user".into(),
            _ => return Err(bad(msg!("apperr-prices-version"))),
        };
        let mut rows = Vec::new();
        let prices = match doc.get("price") {
            None => &Vec::new(),
            Some(toml::Value::Array(a)) => a,
            Some(_) => return Err(bad(msg!("apperr-prices-not-a-list"))),
        };
        for (i, p) in prices.iter().enumerate() {
            let at =
                |m: crate::i18n::Msg| bad(msg!("apperr-prices-at", index = i + 1, problem = m));
            let toml::Value::Table(t) = p else {
                return Err(at(msg!("apperr-prices-not-a-table")));
            };
            for key in t.keys() {
                if !KEYS.contains(&key.as_str()) {
                    return Err(at(msg!(
                        "apperr-prices-unknown-key",
                        key = key.as_str(),
                        known = KEYS.join(", ")
                    )));
                }
            }
            let text_of = |k: &str| -> Result<Option<String>, PricingError> {
                match t.get(k) {
                    None => Ok(None),
                    Some(toml::Value::String(s)) if !s.trim().is_empty() => {
                        Ok(Some(s.trim().to_owned()))
                    }
                    Some(_) => Err(at(msg!("apperr-prices-empty-text", key = k))),
                }
            };
            let provider = text_of("provider")?
                .ok_or_else(|| at(msg!("apperr-prices-missing", key = "provider")))?
                .to_ascii_lowercase();
            let model = text_of("model")?
                .ok_or_else(|| at(msg!("apperr-prices-missing", key = "model")))?;
            let valid_from = text_of("valid_from")?
                .ok_or_else(|| at(msg!("apperr-prices-missing", key = "valid_from")))?;
            let valid_from = NaiveDate::parse_from_str(&valid_from, "%Y-%m-%d").map_err(|_| {
                at(msg!(
                    "apperr-prices-bad-date",
                    found = format!("{valid_from:?}")
                ))
            })?;
            let currency = match text_of("currency")? {
                None => Currency::USD,
                Some(c) => Currency::parse(&c)
                    .map_err(|e| at(msg!("apperr-prices-currency", problem = e.msg())))?,
            };
            let aliases = match t.get("aliases") {
                None => Vec::new(),
                Some(toml::Value::Array(a)) => a
                    .iter()
                    .map(|v| match v {
                        toml::Value::String(s) => Ok(s.clone()),
                        _ => Err(at(msg!("apperr-prices-aliases"))),
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => return Err(at(msg!("apperr-prices-aliases"))),
            };
            let price = |k: &str| -> Result<Option<Decimal>, PricingError> {
                match t.get(k) {
                    None => Ok(None),
                    Some(toml::Value::String(s)) => {
                        let d: Decimal = s.trim().parse().map_err(|_| {
                            at(msg!(
                                "apperr-prices-not-decimal",
                                key = k,
                                found = format!("{s:?}")
                            ))
                        })?;
                        if d.is_sign_negative() {
                            return Err(at(msg!(
                                "apperr-prices-negative",
                                key = k,
                                found = format!("{s:?}")
                            )));
                        }
                        Ok(Some(d))
                    }
                    Some(toml::Value::Integer(n)) if *n >= 0 => Ok(Some(Decimal::from(*n))),
                    Some(toml::Value::Float(_)) => Err(at(msg!("apperr-prices-float", key = k))),
                    Some(_) => Err(at(msg!("apperr-prices-not-a-price", key = k))),
                }
            };
            rows.push(PriceRow {
                provider,
                model,
                aliases,
                valid_from,
                currency,
                input: price("input")?,
                cached_input: price("cached_input")?,
                cache_write: price("cache_write")?,
                output: price("output")?,
                reasoning: price("reasoning")?,
                per_request: price("per_request")?,
                per_image: price("per_image")?,
                source: text_of("source")?,
                user,
            });
        }
        rows.sort_by(|a, b| {
            (&a.provider, &a.model, a.valid_from).cmp(&(&b.provider, &b.model, b.valid_from))
        });
        if let Some(w) = rows.windows(2).find(|w| {
            w[0].provider == w[1].provider
                && w[0].model == w[1].model
                && w[0].valid_from == w[1].valid_from
        }) {
            return Err(bad(msg!("apperr-prices-two-rows", row = w[0].reference())));
        }
        Ok(PriceList { version, rows })
    }

    /// The row in force for `provider`'s `model` on `on`: the latest row of
    /// that model (by id or alias, then without a date suffix) that starts
    /// on or before that day.
    pub fn in_force(&self, provider: &str, model: &str, on: NaiveDate) -> Option<&PriceRow> {
        let find = |m: &str| {
            self.rows
                .iter()
                .filter(|r| r.provider == provider && r.names(m) && r.valid_from <= on)
                .max_by_key(|r| r.valid_from)
        };
        find(model).or_else(|| {
            let bare = without_date_suffix(model)?;
            find(bare)
        })
    }

    /// Every row in force on `on` (one per model), optionally of one
    /// provider or model (`aispend prices`).
    pub fn rows_on(
        &self,
        provider: Option<&str>,
        model: Option<&str>,
        on: NaiveDate,
    ) -> Vec<&PriceRow> {
        let mut out: Vec<&PriceRow> = Vec::new();
        for r in &self.rows {
            if provider.is_some_and(|p| p != r.provider)
                || model.is_some_and(|m| !r.names(m) && without_date_suffix(m) != Some(&r.model))
                || r.valid_from > on
            {
                continue;
            }
            match out
                .iter_mut()
                .find(|o| o.provider == r.provider && o.model == r.model)
            {
                Some(o) if o.valid_from < r.valid_from => *o = r,
                Some(_) => {}
                None => out.push(r),
            }
        }
        out
    }

    /// What `units` of `provider`'s `model` cost on `on`.
    pub fn estimate(
        &self,
        provider: &str,
        model: Option<&str>,
        on: NaiveDate,
        units: &Units,
    ) -> Estimate {
        let Some(model) = model else {
            return Estimate::unknown(msg!("usage-unpriced-no-model"));
        };
        let Some(row) = self.in_force(provider, model, on) else {
            return Estimate::unknown(msg!(
                "usage-unpriced-no-price",
                provider = provider,
                model = model,
                date = on.to_string()
            ));
        };
        let per_million = [
            (units.input, row.input, "input"),
            (units.cached_input, row.cached_input, "cached_input"),
            (units.cache_write, row.cache_write, "cache_write"),
            (units.output, row.output, "output"),
            (units.reasoning, row.reasoning.or(row.output), "reasoning"),
        ];
        let mut amount = Decimal::ZERO;
        for (n, price, what) in per_million {
            if n == 0 {
                continue;
            }
            let Some(price) = price else {
                return Estimate::unknown(msg!(
                    "usage-unpriced-no-kind-price",
                    row = row.reference(),
                    kind = what
                ));
            };
            amount += Decimal::from(n) * price / Decimal::from(MILLION);
        }
        for (n, price) in [
            (units.requests, row.per_request),
            (units.images, row.per_image),
        ] {
            if let Some(price) = price {
                amount += Decimal::from(n) * price;
            }
        }
        Estimate::Priced {
            amount: amount.normalize(),
            currency: row.currency,
            row: row.reference(),
        }
    }
}

const KEYS: &[&str] = &[
    "provider",
    "model",
    "aliases",
    "valid_from",
    "currency",
    "input",
    "cached_input",
    "cache_write",
    "output",
    "reasoning",
    "per_request",
    "per_image",
    "source",
];

/// `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`;
/// `gpt-5-2025-08-07` → `gpt-5`; `None` when there is no date suffix.
pub fn without_date_suffix(model: &str) -> Option<&str> {
    let b = model.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if b.len() > 9 && b[b.len() - 9] == b'-' && digits(&b[b.len() - 8..]) {
        return Some(&model[..model.len() - 9]);
    }
    if b.len() > 11 {
        let tail = &b[b.len() - 11..];
        if tail[0] == b'-'
            && digits(&tail[1..5])
            && tail[5] == b'-'
            && digits(&tail[6..8])
            && tail[8] == b'-'
            && digits(&tail[9..])
        {
            return Some(&model[..model.len() - 11]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    /// The English reason of an unknown estimate, checked to be its
    /// message's English.
    fn reason(e: &Estimate) -> String {
        match e {
            Estimate::Unknown { reason, msg } => {
                assert_eq!(*reason, msg.render(Lang::En));
                reason.clone()
            }
            other => panic!("expected an unknown estimate, got {other:?}"),
        }
    }

    #[test]
    fn why_an_estimate_is_unknown_reads_in_chinese() {
        let list = PriceList::builtin();
        let out = Units {
            output: 5,
            ..Units::default()
        };
        let zh = |e: Estimate| match e {
            Estimate::Unknown { msg, .. } => msg.render(Lang::ZhCn),
            other => panic!("expected an unknown estimate, got {other:?}"),
        };
        assert_eq!(
            zh(list.estimate("openai", None, day("2026-11-20"), &out)),
            "记录中没有注明模型"
        );
        assert_eq!(
            zh(list.estimate("openai", Some("gpt-9-turbo"), day("2026-11-20"), &out)),
            "2026-11-20 这一天没有 openai 的 gpt-9-turbo 价格"
        );
        let write = Units {
            cache_write: 5,
            ..Units::default()
        };
        assert_eq!(
            zh(list.estimate("google", Some("gemini-2.5-pro"), day("2026-11-20"), &write)),
            "google/gemini-2.5-pro@2025-06-17 没有缓存写入 token 的价格"
        );
    }

    #[test]
    fn the_shipped_list_parses() {
        let list = PriceList::parse(BUILTIN, "built-in", false).expect("parses");
        assert!(list.rows.len() > 20);
        assert_eq!(PriceList::builtin().version, "2026-12-07");
    }

    #[test]
    fn the_price_in_force_is_the_latest_row_on_or_before_the_date() {
        let list = PriceList::builtin();
        let u = Units {
            input: 1_000_000,
            output: 1_000_000,
            ..Units::default()
        };
        let before = list.estimate("openai", Some("o3"), day("2025-06-09"), &u);
        let after = list.estimate("openai", Some("o3-2025-04-16"), day("2025-06-10"), &u);
        assert_eq!(
            before,
            Estimate::Priced {
                amount: dec("50"),
                currency: Currency::USD,
                row: "openai/o3@2025-04-16".into()
            }
        );
        assert_eq!(
            after,
            Estimate::Priced {
                amount: dec("10"),
                currency: Currency::USD,
                row: "openai/o3@2025-06-10".into()
            }
        );
        // Before the model's first row: unknown, not the later price.
        assert_eq!(
            reason(&list.estimate("openai", Some("o3"), day("2025-01-01"), &u)),
            "no openai price for o3 on 2025-01-01"
        );
    }

    #[test]
    fn every_kind_of_token_is_priced_exactly() {
        let list = PriceList::builtin();
        let u = Units {
            input: 4,
            cached_input: 19_152,
            cache_write: 7_997,
            output: 10,
            ..Units::default()
        };
        // 4×3 + 19152×0.30 + 7997×3.75 + 10×15, per million.
        let e = list.estimate(
            "anthropic",
            Some("claude-sonnet-4-5-20250929"),
            day("2026-11-20"),
            &u,
        );
        assert_eq!(
            e,
            Estimate::Priced {
                amount: dec("0.03589635"),
                currency: Currency::USD,
                row: "anthropic/claude-sonnet-4-5@2025-09-29".into()
            }
        );
    }

    #[test]
    fn an_unknown_model_or_an_unpriced_kind_is_unknown_never_zero() {
        let list = PriceList::builtin();
        let u = Units {
            output: 5,
            ..Units::default()
        };
        assert_eq!(
            reason(&list.estimate("openai", Some("gpt-9-turbo"), day("2026-11-20"), &u)),
            "no openai price for gpt-9-turbo on 2026-11-20"
        );
        assert_eq!(
            reason(&list.estimate("openai", None, day("2026-11-20"), &u)),
            "the record names no model"
        );
        let w = Units {
            cache_write: 5,
            ..Units::default()
        };
        assert_eq!(
            reason(&list.estimate("google", Some("gemini-2.5-pro"), day("2026-11-20"), &w)),
            "google/gemini-2.5-pro@2025-06-17 has no cache write price"
        );
    }

    #[test]
    fn a_user_list_adds_and_replaces_rows() {
        let user = r#"
[[price]]
provider = "openai"
model = "gpt-5"
valid_from = "2025-08-07"
input = "2"
cached_input = "0.2"
cache_write = "0"
output = "20"

[[price]]
provider = "openrouter"
model = "acme/coder-1"
valid_from = "2026-01-01"
input = "0.5"
output = 1
per_request = "0.001"
"#;
        let list = PriceList::with_user_text(user, "user prices.toml").expect("merges");
        assert_eq!(list.version, "2026-12-07+user");
        let gpt5 = list
            .in_force("openai", "gpt-5", day("2026-01-01"))
            .expect("row");
        assert!(gpt5.user);
        assert_eq!(gpt5.output, Some(dec("20")));
        let u = Units {
            input: 2_000_000,
            output: 1_000_000,
            requests: 3,
            ..Units::default()
        };
        assert_eq!(
            list.estimate("openrouter", Some("acme/coder-1"), day("2026-02-01"), &u),
            Estimate::Priced {
                amount: dec("2.003"),
                currency: Currency::USD,
                row: "openrouter/acme/coder-1@2026-01-01".into()
            }
        );
    }

    #[test]
    fn a_bad_user_list_is_refused_in_plain_words() {
        let err = |t: &str| {
            PriceList::with_user_text(t, "prices.toml")
                .expect_err("refused")
                .to_string()
        };
        let row = "[[price]]\nprovider = \"openai\"\nmodel = \"m\"\nvalid_from = \"2026-01-01\"\n";
        assert_eq!(
            err(&format!("{row}input = 3.5\n")),
            "prices.toml: price 1: `input` is written as a float; write it as text (\"3.75\") \
             so it stays exact"
        );
        assert_eq!(
            err(&format!("{row}inptu = \"3\"\n")),
            "prices.toml: price 1: unknown key `inptu` (known: provider, model, aliases, \
             valid_from, currency, input, cached_input, cache_write, output, reasoning, \
             per_request, per_image, source)"
        );
        assert_eq!(
            err(&format!("{row}output = \"-1\"\n")),
            "prices.toml: price 1: `output` \"-1\" is negative"
        );
        assert_eq!(
            err(&row.replace("2026-01-01", "01/02/2026")),
            "prices.toml: price 1: `valid_from` \"01/02/2026\" is not YYYY-MM-DD"
        );
        assert_eq!(
            err(&format!("{row}{row}")),
            "prices.toml: two rows for openai/m@2026-01-01"
        );
        // The same problem in Chinese: no English sentence inside.
        let problem = match PriceList::with_user_text(&format!("{row}input = 3.5\n"), "p.toml") {
            Err(PricingError::Invalid { problem, .. }) => problem.render(crate::i18n::Lang::ZhCn),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problem,
            "第 1 条价格：`input` 写成了浮点数；请写成文本（\"3.75\"），以保持精确"
        );
    }

    #[test]
    fn rows_on_a_date_are_one_per_model() {
        let list = PriceList::builtin();
        let o3 = list.rows_on(Some("openai"), Some("o3"), day("2026-01-01"));
        assert_eq!(o3.len(), 1);
        assert_eq!(o3[0].reference(), "openai/o3@2025-06-10");
        let all = list.rows_on(None, None, day("2026-01-01"));
        assert!(all.iter().all(|r| r.valid_from <= day("2026-01-01")));
        assert!(list.rows_on(None, None, day("2020-01-01")).is_empty());
    }

    #[test]
    fn date_suffixes() {
        assert_eq!(
            without_date_suffix("claude-sonnet-4-5-20250929"),
            Some("claude-sonnet-4-5")
        );
        assert_eq!(without_date_suffix("gpt-5-2025-08-07"), Some("gpt-5"));
        assert_eq!(without_date_suffix("gpt-5"), None);
        assert_eq!(without_date_suffix("-20250929"), None);
    }
}

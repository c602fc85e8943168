//! Reports (SPEC §5): the spending summary, subscriptions and the provider
//! view.
//!
//! The summary reads the rollup (`rollup_daily`, see `ledger/rollup.rs`), never
//! the lines, so a summary over years of a million-line ledger reads a few
//! thousand rows. Definitions, used by every front end:
//!
//! - **Period**: inclusive local statement dates (`date` in `txns`). A month is
//!   the calendar month of those local dates. Either end may be open; the
//!   summary then also says where its lines begin and end (`lines_from`,
//!   `lines_to`: the first and last posted or pending line in the period).
//! - **Counted lines**: posted lines. Pending lines are shown apart
//!   (`pending`), since most become a posted line later and counting both
//!   would count one charge twice; reverted lines never count.
//! - **amount** (per class, vendor, month): the net of the lines, spending
//!   negative and money in (refunds) positive; `spent` and `received` give
//!   the two sides.
//! - **AI share**: AI spending (`ai-subscription` + `ai-api`, the negative
//!   lines only) over all spending (the negative lines of every class but
//!   `transfer`), in one currency at a time; `ai_share` is the share in the
//!   period's main currency (the one most counted spending lines are billed
//!   in), a decimal fraction with 4 places (`"0.0312"`), null when nothing was
//!   spent. `ai_share_by_currency` gives every currency's.
//! - **Original currency**: where lines carry the amount the merchant charged
//!   in another currency, `original` sums both sides per class, vendor and
//!   pair of currencies.

pub mod provider;
pub mod subs;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::ledger::{Ledger, LedgerError};
use crate::money::from_micros;

pub use provider::{
    cost_breakdown, costs_vs_topups, CostBreakdown, CostGroup, CostKey, CostTotal, TopupMonth,
};
pub use subs::{
    add_manual_subscription, manual_subscriptions, remove_manual_subscription, subscriptions,
    subscriptions_from_scratch, Cadence, ManualSubscription, NewManualSubscription, SubSource,
    SubStatus, Subscription,
};

/// What went wrong building a report from what the user asked.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0:?} is not a month; expected YYYY-MM, such as 2025-03")]
    BadMonth(String),
    #[error("the period starts ({from}) after it ends ({to}); swap --from and --to")]
    EmptyPeriod { from: NaiveDate, to: NaiveDate },
    /// A subscription refused, as a message of the catalogs.
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    BadSubscription(crate::i18n::Msg),
    #[error("there is no manual subscription {0}; `aispend subs` lists them")]
    NoSuchSubscription(i64),
    #[error(transparent)]
    Ledger(#[from] crate::ledger::LedgerError),
}

/// A period of local dates, both ends inclusive; `None` is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// The calendar month `YYYY-MM`.
    pub fn month(text: &str) -> Result<Period, ReportError> {
        let bad = || ReportError::BadMonth(text.to_owned());
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let y: i32 = y.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        let from = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
        let to = subs::add_months(from, 1, 1)
            .and_then(|d| d.pred_opt())
            .ok_or_else(bad)?;
        Ok(Period {
            from: Some(from),
            to: Some(to),
        })
    }

    /// `from..=to`, refusing a period that ends before it starts.
    pub fn between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Period, ReportError> {
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(ReportError::EmptyPeriod { from: f, to: t });
            }
        }
        Ok(Period { from, to })
    }
}

/// A total per class and billed currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassTotal {
    pub class: String,
    pub currency: String,
    /// Net: spending negative, money in positive.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub spent: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub received: Decimal,
    pub count: u64,
}

/// A total per vendor (AI lines only: everyday lines have no vendor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VendorTotal {
    pub vendor: String,
    pub class: String,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub count: u64,
}

/// A total per local calendar month, class and currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthTotal {
    /// `YYYY-MM`, local.
    pub month: String,
    pub class: String,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub count: u64,
}

/// Lines billed in one currency for an amount in another: both sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OriginalTotal {
    pub class: String,
    pub vendor: Option<String>,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub original_currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub original_amount: Decimal,
    pub count: u64,
}

/// AI spending over all spending in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub currency: String,
    /// AI spending, negative.
    #[serde(with = "rust_decimal::serde::str")]
    pub ai_spent: Decimal,
    /// All spending but transfers, negative.
    #[serde(with = "rust_decimal::serde::str")]
    pub spent: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub share: Option<Decimal>,
}

/// The spending summary (SPEC §9 `summary`), with the definitions in the
/// module's documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The period asked for (`None`: open at that end).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The period the lines actually cover: the first and the last posted
    /// or pending line within it; `None` when it holds no line.
    pub lines_from: Option<NaiveDate>,
    pub lines_to: Option<NaiveDate>,
    pub totals: Vec<ClassTotal>,
    pub by_vendor: Vec<VendorTotal>,
    pub months: Vec<MonthTotal>,
    pub original: Vec<OriginalTotal>,
    /// Pending lines, apart from the totals.
    pub pending: Vec<ClassTotal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub ai_share: Option<Decimal>,
    pub ai_share_currency: Option<String>,
    pub ai_share_by_currency: Vec<Share>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    n: i64,
    debit: i64,
    credit: i64,
    orig_debit: i64,
    orig_credit: i64,
}

impl Sums {
    fn add(&mut self, o: &Sums) {
        self.n += o.n;
        self.debit += o.debit;
        self.credit += o.credit;
        self.orig_debit += o.orig_debit;
        self.orig_credit += o.orig_credit;
    }
    fn net(&self) -> Decimal {
        from_micros(self.debit + self.credit)
    }
    fn count(&self) -> u64 {
        self.n.max(0) as u64
    }
}

const AI_CLASSES: [&str; 2] = ["ai-subscription", "ai-api"];

/// The share `part / whole`, 4 places, half-even; `None` when `whole` is 0.
fn share(part: i64, whole: i64) -> Option<Decimal> {
    (whole != 0).then(|| {
        (Decimal::from(part) / Decimal::from(whole))
            .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven)
    })
}

fn yyyymm(month: i64) -> String {
    format!("{:04}-{:02}", month / 100, month % 100)
}

/// The spending summary for `period`, from the rollup.
pub fn summary(ledger: &Ledger, period: Period) -> Result<Summary, LedgerError> {
    let mut totals: BTreeMap<(String, String), Sums> = BTreeMap::new();
    let mut pending: BTreeMap<(String, String), Sums> = BTreeMap::new();
    let mut vendors: BTreeMap<(String, String, String), Sums> = BTreeMap::new();
    let mut months: BTreeMap<(i64, String, String), Sums> = BTreeMap::new();
    let mut original: BTreeMap<(String, String, String, String), Sums> = BTreeMap::new();
    for r in ledger.rollup_months(period.from, period.to)? {
        let (month, class, vendor, currency, orig_currency, status) = (
            r.month,
            r.class,
            r.vendor,
            r.currency,
            r.orig_currency,
            r.status,
        );
        let s = Sums {
            n: r.n,
            debit: r.debit,
            credit: r.credit,
            orig_debit: r.orig_debit,
            orig_credit: r.orig_credit,
        };
        if status != "posted" {
            pending.entry((class, currency)).or_default().add(&s);
            continue;
        }
        totals
            .entry((class.clone(), currency.clone()))
            .or_default()
            .add(&s);
        months
            .entry((month, class.clone(), currency.clone()))
            .or_default()
            .add(&s);
        if !orig_currency.is_empty() && orig_currency != currency {
            original
                .entry((
                    class.clone(),
                    vendor.clone(),
                    currency.clone(),
                    orig_currency,
                ))
                .or_default()
                .add(&s);
        }
        if !vendor.is_empty() {
            vendors
                .entry((vendor, class, currency))
                .or_default()
                .add(&s);
        }
    }
    let mut out = assemble(period, totals, pending, vendors, months, original);
    if let Some((first, last)) = ledger.line_dates(period.from, period.to)? {
        out.lines_from = Some(first);
        out.lines_to = Some(last);
    }
    Ok(out)
}

fn class_totals(map: BTreeMap<(String, String), Sums>) -> Vec<ClassTotal> {
    map.into_iter()
        .filter(|(_, s)| s.n != 0)
        .map(|((class, currency), s)| ClassTotal {
            class,
            currency,
            amount: s.net(),
            spent: from_micros(s.debit),
            received: from_micros(s.credit),
            count: s.count(),
        })
        .collect()
}

fn assemble(
    period: Period,
    totals: BTreeMap<(String, String), Sums>,
    pending: BTreeMap<(String, String), Sums>,
    vendors: BTreeMap<(String, String, String), Sums>,
    months: BTreeMap<(i64, String, String), Sums>,
    original: BTreeMap<(String, String, String, String), Sums>,
) -> Summary {
    // Per currency: AI spending, all spending but transfers, and how many
    // lines (to find the main currency).
    let mut per_currency: BTreeMap<&str, (i64, i64, i64)> = BTreeMap::new();
    for ((class, currency), s) in &totals {
        if class == "transfer" {
            continue;
        }
        let e = per_currency.entry(currency.as_str()).or_default();
        if AI_CLASSES.contains(&class.as_str()) {
            e.0 += s.debit;
        }
        e.1 += s.debit;
        e.2 += s.n;
    }
    let ai_share_by_currency: Vec<Share> = per_currency
        .iter()
        .filter(|(_, (_, spent, _))| *spent != 0)
        .map(|(c, (ai, spent, _))| Share {
            currency: (*c).to_owned(),
            ai_spent: from_micros(*ai),
            spent: from_micros(*spent),
            share: share(*ai, *spent),
        })
        .collect();
    // The main currency: most lines; ties go to the first code.
    let main = per_currency
        .iter()
        .filter(|(_, (_, spent, _))| *spent != 0)
        .max_by(|a, b| a.1 .2.cmp(&b.1 .2).then(b.0.cmp(a.0)))
        .map(|(c, _)| (*c).to_owned());
    let ai_share = main
        .as_deref()
        .and_then(|m| ai_share_by_currency.iter().find(|s| s.currency == m))
        .and_then(|s| s.share);
    Summary {
        from: period.from,
        to: period.to,
        lines_from: None,
        lines_to: None,
        by_vendor: vendors
            .into_iter()
            .filter(|(_, s)| s.n != 0)
            .map(|((vendor, class, currency), s)| VendorTotal {
                vendor,
                class,
                currency,
                amount: s.net(),
                count: s.count(),
            })
            .collect(),
        months: months
            .into_iter()
            .filter(|(_, s)| s.n != 0)
            .map(|((month, class, currency), s)| MonthTotal {
                month: yyyymm(month),
                class,
                currency,
                amount: s.net(),
                count: s.count(),
            })
            .collect(),
        original: original
            .into_iter()
            .filter(|(_, s)| s.n != 0)
            .map(
                |((class, vendor, currency, original_currency), s)| OriginalTotal {
                    class,
                    vendor: (!vendor.is_empty()).then_some(vendor),
                    currency,
                    amount: s.net(),
                    original_currency,
                    original_amount: from_micros(s.orig_debit + s.orig_credit),
                    count: s.count(),
                },
            )
            .collect(),
        totals: class_totals(totals),
        pending: class_totals(pending),
        ai_share,
        ai_share_currency: main,
        ai_share_by_currency,
    }
}

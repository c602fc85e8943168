//! The dashboard: this month per class, the 12-month trend, the AI share of
//! spending, the top vendors and the renewals coming up, all in the display
//! currency (lines billed in other currencies are named, never converted).
//!
//! "Spent" is what the spending lines add up to (refunds and money in are
//! left out), as a positive amount; the summary's definitions (SPEC §5)
//! apply: posted lines only, pending ones counted apart, transfers are not
//! spending.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::AppError;
use crate::classify::Class;
use crate::ledger::Ledger;
use crate::reports::subs::{add_months, Cadence, SubStatus};
use crate::reports::Period;

/// What one class spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClassAmount {
    pub class: Class,
    /// Positive.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub spent: Decimal,
    pub count: u64,
}

/// One month of the trend: what each class spent (positive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrendMonth {
    /// `YYYY-MM`, local.
    pub month: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub ai_subscription: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub ai_api: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub everyday: Decimal,
}

/// A vendor and what was spent with it, net of its refunds (positive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VendorAmount {
    pub vendor: String,
    /// The catalog's name for it (`OpenAI`), else its id.
    pub name: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub spent: Decimal,
    pub count: u64,
}

/// A subscription renewing soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Renewal {
    pub vendor: String,
    pub product: Option<String>,
    pub next_renewal: NaiveDate,
    /// The latest price, positive.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: String,
    pub cadence: Cadence,
}

/// The dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    /// `YYYY-MM`: the month `this_month` covers.
    pub month: String,
    /// The display currency; `None` for an empty ledger.
    pub currency: Option<String>,
    /// The classes the month's cards show, in order (every class but
    /// transfers, which move money rather than spend it).
    pub classes: Vec<Class>,
    /// Every class, in the order ai-subscription, ai-api, everyday.
    pub this_month: Vec<ClassAmount>,
    /// 12 months, oldest first, ending with this month.
    pub trend: Vec<TrendMonth>,
    /// AI spending over all spending this month (0..1, 4 places).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub ai_share: Option<Decimal>,
    /// The 5 vendors spent most with over the 12 months.
    pub top_vendors: Vec<VendorAmount>,
    /// Renewals within 30 days of `as_of`, soonest first (every currency).
    pub renewals: Vec<Renewal>,
    /// Currencies other lines are billed in (not in these figures).
    pub other_currencies: Vec<String>,
    /// Pending lines (all currencies), not in the figures.
    pub pending_count: u64,
}

const SHOWN: [Class; 3] = [Class::AiSubscription, Class::AiApi, Class::Everyday];
const RENEWAL_DAYS: i64 = 30;

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The dashboard as of the local date `as_of`.
pub fn dashboard(ledger: &Ledger, as_of: NaiveDate) -> Result<Dashboard, AppError> {
    let month_start = first_of_month(as_of);
    let month = format!("{:04}-{:02}", as_of.year(), as_of.month());
    let currency = ledger.display_currency()?;
    let month_summary = crate::reports::summary(ledger, Period::month(&month)?)?;
    let pending_count = month_summary.pending.iter().map(|p| p.count).sum();

    let Some(cur) = currency else {
        return Ok(Dashboard {
            as_of,
            month,
            currency: None,
            classes: SHOWN.to_vec(),
            this_month: Vec::new(),
            trend: Vec::new(),
            ai_share: None,
            top_vendors: Vec::new(),
            renewals: Vec::new(),
            other_currencies: Vec::new(),
            pending_count,
        });
    };
    let cur = cur.as_str().to_owned();

    let this_month = SHOWN
        .iter()
        .map(|class| {
            let t = month_summary
                .totals
                .iter()
                .find(|t| t.class == class.as_str() && t.currency == cur);
            ClassAmount {
                class: *class,
                spent: t.map_or(Decimal::ZERO, |t| -t.spent),
                count: t.map_or(0, |t| t.count),
            }
        })
        .collect();
    let ai_share = month_summary
        .ai_share_by_currency
        .iter()
        .find(|s| s.currency == cur)
        .and_then(|s| s.share);

    // The trend and the vendors: 12 months of the rollup.
    let months_back = month_start.year() * 12 + month_start.month0() as i32 - 11;
    let trend_start = NaiveDate::from_ymd_opt(
        months_back.div_euclid(12),
        months_back.rem_euclid(12) as u32 + 1,
        1,
    )
    .unwrap_or(month_start);
    let mut trend: Vec<TrendMonth> = (0..12)
        .filter_map(|i| add_months(trend_start, i, 1))
        .map(|d| TrendMonth {
            month: format!("{:04}-{:02}", d.year(), d.month()),
            ai_subscription: Decimal::ZERO,
            ai_api: Decimal::ZERO,
            everyday: Decimal::ZERO,
        })
        .collect();
    let month_end = add_months(month_start, 1, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(as_of);
    for row in ledger.debits_by_month_and_class(trend_start, month_end, &cur)? {
        let spent = -row.debit;
        let key = format!("{:04}-{:02}", row.yyyymm / 100, row.yyyymm % 100);
        if let Some(m) = trend.iter_mut().find(|m| m.month == key) {
            match row.class.parse::<Class>() {
                Ok(Class::AiSubscription) => m.ai_subscription += spent,
                Ok(Class::AiApi) => m.ai_api += spent,
                Ok(Class::Everyday) => m.everyday += spent,
                Ok(Class::Transfer) | Err(_) => {}
            }
        }
    }
    let mut top_vendors = Vec::new();
    for v in ledger.top_ai_vendors(trend_start, month_end, &cur)? {
        let name = ledger
            .catalog()
            .vendor(&v.vendor)
            .map_or_else(|| v.vendor.clone(), |c| c.name.clone());
        top_vendors.push(VendorAmount {
            vendor: v.vendor,
            name,
            spent: -v.net,
            count: v.count,
        });
    }

    let horizon = as_of + chrono::Duration::days(RENEWAL_DAYS);
    let mut renewals: Vec<Renewal> = crate::reports::subscriptions(ledger, as_of)?
        .into_iter()
        .filter(|s| s.status == SubStatus::Active)
        .filter_map(|s| {
            let next = s.next_renewal?;
            (next >= as_of && next <= horizon).then(|| Renewal {
                vendor: s.vendor,
                product: s.product,
                next_renewal: next,
                amount: s.amount.abs(),
                currency: s.currency.as_str().to_owned(),
                cadence: s.cadence,
            })
        })
        .collect();
    renewals.sort_by(|a, b| {
        a.next_renewal
            .cmp(&b.next_renewal)
            .then(a.vendor.cmp(&b.vendor))
    });

    let mut other_currencies = ledger.currencies_other_than(&cur)?;
    other_currencies.sort();

    Ok(Dashboard {
        as_of,
        month,
        currency: Some(cur),
        classes: SHOWN.to_vec(),
        this_month,
        trend,
        ai_share,
        top_vendors,
        renewals,
        other_currencies,
        pending_count,
    })
}

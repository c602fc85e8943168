//! Prepaid API credit per provider account: what was bought or granted,
//! what usage consumed, what is left, what expires, when it runs out, and
//! whether auto-recharge is firing.
//!
//! An *account* is a provider, an organization where one is known (when a
//! provider's rows name exactly one organization, every row of that provider
//! belongs to it; when they name several, rows without one form their own
//! account) and a currency.
//!
//! **Purchases**, each counted once however many ways the ledger saw it:
//! - provider payment records of kind `credit_purchase` or `receipt` that
//!   succeeded (failed, pending and refunded ones bought nothing); a receipt
//!   and a credit purchase of the same provider and currency are one
//!   purchase when they share a receipt or invoice number, or when their
//!   amounts are within a cent and their dates within [`SAME_PAYMENT_DAYS`];
//! - posted card lines classed `ai-api` for the provider, unless
//!   reconciliation pairs the line with a payment record (same rules as
//!   `reconcile`: card date 1 day before to 4 after, same or original
//!   amount, a fee band); the pair is one purchase, its rows both ids. A
//!   card line is counted in the currency the provider charged (its
//!   original amount, where the line gives one).
//!
//! **Grants** (entered by hand) are credit with an optional expiry.
//! **Usage** is the provider's cost records per UTC day (Claude Code's
//! estimates are a plan's usage, not credit, and are left out).
//!
//! **Rule** (replayed day by day, oldest first): a day's purchases arrive
//! first, then what expires that day is lost, then the day's usage is taken
//! from granted credit (soonest expiry first), then from paid credit oldest
//! first. Usage beyond the credit makes the balance negative; the next
//! purchase repays that first. A purchase expires [`EXPIRY_MONTHS`] after
//! its date unless the user gave a date; a credit is usable before its
//! expiry date, not on it.
//!
//! **Corrections**: a balance the user read on a date is compared with the
//! balance the rows give on that date; the difference is `unexplained`, and
//! the balance shown is the rows' balance plus it, so the figure matches the
//! billing page and the gap stays visible.
//!
//! Invariant: every figure comes from rows that `rows` names; nothing is
//! estimated silently (a threshold or a run-out day says how it was found).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ai_provider::Provider;
use crate::ledger::credits::{NewGrantRow, UsageDay};
use crate::ledger::{Ledger, LedgerError, TxnRow};
use crate::money::{from_micros, to_micros, Currency};
use crate::provider::{PaymentKind, PaymentRow, PaymentStatus};
use crate::reconcile::{self, CardLine};
use crate::reports::subs::add_months;

/// Months after its purchase that paid credit expires, unless told.
pub const EXPIRY_MONTHS: u32 = 12;
/// Days apart a receipt and a payment record of one purchase may be dated.
pub const SAME_PAYMENT_DAYS: i64 = 1;
/// Same-amount top-ups needed before auto-recharge is called detected.
pub const AUTO_RECHARGE_MIN: usize = 3;
/// Top-ups of the auto-recharge amount in one day that make a loop.
pub const LOOP_PER_DAY: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum CreditsError {
    /// An amount refused, as a message of the catalogs.
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    BadAmount(crate::i18n::Msg),
    /// A date refused, as a message of the catalogs.
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    BadDate(crate::i18n::Msg),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl CreditsError {
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, CreditsError::Ledger(_))
    }
}

/// Where a credit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CreditSource {
    /// A provider payment record (credit purchase), perhaps with a card line.
    Payment,
    /// A provider receipt with no credit-purchase record.
    Receipt,
    /// A card line no payment record matched.
    Card,
    /// Credit granted by hand (promotional, free).
    Grant,
    /// Usage cost below zero: the provider gave credit back.
    UsageCredit,
}

/// One purchase or grant and what is left of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CreditPurchase {
    pub date: NaiveDate,
    /// The credit bought or granted (positive).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub expires_on: Option<NaiveDate>,
    /// What usage has not yet taken (0 once expired).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub remaining: Decimal,
    /// What was lost unused at expiry.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub expired: Decimal,
    pub source: CreditSource,
    /// The rows behind it: `payment:ID`, `txn:ID`, `grant:ID`, `usage:ID`.
    pub rows: Vec<String>,
}

/// The credit that expires next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NextExpiry {
    pub date: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// Auto-recharge as the top-ups show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AutoRecharge {
    /// At least [`AUTO_RECHARGE_MIN`] top-ups of one amount.
    pub detected: bool,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub amount: Option<Decimal>,
    /// The median balance just before those top-ups (the billing page's
    /// "balance before" where a payment record gives it).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub threshold: Option<Decimal>,
    /// Those top-ups in the as-of date's month.
    pub count_this_month: u32,
    /// The median count of the earlier months that had any (up to 6).
    pub usual_per_month: u32,
    /// Several in one day, or more than twice the usual month (and 3+).
    #[serde(rename = "loop")]
    pub is_loop: bool,
    /// The day the loop was seen (the as-of month's busiest day).
    pub loop_on: Option<NaiveDate>,
    /// The top-ups of this month (or of the loop's day).
    pub rows: Vec<String>,
}

/// One provider account's credit (`aispend credits --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CreditAccount {
    pub provider: Provider,
    pub organization: Option<String>,
    pub currency: Currency,
    /// The rows' balance plus `unexplained`: what the billing page shows.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub balance: Decimal,
    pub as_of: NaiveDate,
    pub purchases: Vec<CreditPurchase>,
    pub next_expiry: Option<NextExpiry>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub burn_per_day_7d: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub burn_per_day_30d: Decimal,
    /// At the 7-day rate (the 30-day one when the last week used nothing);
    /// the as-of date when the balance is already at or below zero.
    pub runs_out_on: Option<NaiveDate>,
    pub auto_recharge: AutoRecharge,
    /// The user's last stated balance minus what the rows gave that day.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub unexplained: Decimal,
    /// The date of the balance the user stated, if any.
    pub checked_on: Option<NaiveDate>,
    /// The balance the rows alone give.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub computed_balance: Decimal,
    /// All usage up to the as-of date, and the usage rows' id range.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub used: Decimal,
    pub usage_rows: Vec<String>,
}

/// Credit to grant by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGrant {
    pub provider: Provider,
    pub organization: Option<String>,
    pub amount: Decimal,
    pub currency: Currency,
    pub on: NaiveDate,
    pub expires: Option<NaiveDate>,
    pub note: Option<String>,
}

/// Account key: provider, organization, currency.
type Key = (Provider, Option<String>, Currency);

#[derive(Debug, Clone)]
struct Lot {
    date: NaiveDate,
    amount: i64,
    expires_on: Option<NaiveDate>,
    granted: bool,
    remaining: i64,
    expired: i64,
    source: CreditSource,
    rows: Vec<String>,
    /// The balance the payment record says was there before it.
    stated_before: Option<i64>,
    /// The rows' balance just before it arrived.
    computed_before: i64,
    order: usize,
}

#[derive(Debug, Default)]
struct Account {
    lots: Vec<Lot>,
    usage: Vec<UsageDay>,
    checks: Vec<(NaiveDate, i64)>,
}

fn micros(d: Decimal) -> Result<i64, CreditsError> {
    to_micros(d).map_err(|e| CreditsError::BadAmount(e.msg()))
}

/// Whether a receipt and a credit purchase record the same payment.
fn same_payment(a: &PaymentRow, b: &PaymentRow) -> bool {
    if a.provider != b.provider || a.currency != b.currency {
        return false;
    }
    let shared =
        |x: &Option<String>, y: &Option<String>| matches!((x, y), (Some(x), Some(y)) if x == y);
    if shared(&a.receipt_number, &b.receipt_number) || shared(&a.invoice_number, &b.invoice_number)
    {
        return true;
    }
    (a.amount - b.amount).abs() <= Decimal::new(1, 2)
        && (a.paid_date - b.paid_date).num_days().abs() <= SAME_PAYMENT_DAYS
}

/// The organizations each provider's rows name.
fn organizations<'a>(
    names: impl Iterator<Item = (Provider, Option<&'a str>)>,
) -> HashMap<Provider, BTreeSet<String>> {
    let mut out: HashMap<Provider, BTreeSet<String>> = HashMap::new();
    for (p, o) in names {
        let set = out.entry(p).or_default();
        if let Some(o) = o.filter(|o| !o.is_empty()) {
            set.insert(o.to_owned());
        }
    }
    out
}

fn org_of(
    orgs: &HashMap<Provider, BTreeSet<String>>,
    p: Provider,
    o: Option<&str>,
) -> Option<String> {
    match orgs.get(&p) {
        Some(set) if set.len() == 1 => set.iter().next().cloned(),
        Some(_) => o.filter(|o| !o.is_empty()).map(str::to_owned),
        None => None,
    }
}

/// What the ledger says about every provider account's credit, read once
/// (the alerts and budgets reuse it).
pub fn credits(
    ledger: &Ledger,
    provider: Option<Provider>,
    as_of: NaiveDate,
) -> Result<Vec<CreditAccount>, CreditsError> {
    let usage = ledger.usage_cost_days(as_of)?;
    credits_with(ledger, provider, as_of, usage)
}

/// [`credits`] with the usage days already read (up to `as_of`).
pub(crate) fn credits_with(
    ledger: &Ledger,
    provider: Option<Provider>,
    as_of: NaiveDate,
    usage: Vec<UsageDay>,
) -> Result<Vec<CreditAccount>, CreditsError> {
    let payments: Vec<PaymentRow> = ledger
        .payments(provider)?
        .into_iter()
        .filter(|p| p.paid_date <= as_of)
        .collect();
    let grants: Vec<_> = ledger
        .credit_grants()?
        .into_iter()
        .filter(|g| provider.is_none_or(|p| p == g.provider) && g.granted_on <= as_of)
        .collect();
    let checks: Vec<_> = ledger
        .balance_checks()?
        .into_iter()
        .filter(|c| provider.is_none_or(|p| p == c.provider) && c.checked_on <= as_of)
        .collect();
    let usage: Vec<UsageDay> = usage
        .into_iter()
        .filter(|u| u.utc_date <= as_of && provider.is_none_or(|p| p == u.provider))
        .collect();
    let mut lines = Vec::new();
    for row in ledger.provider_topup_lines(as_of)? {
        let Some(p) = row.vendor.as_deref().and_then(Provider::from_id) else {
            continue;
        };
        if provider.is_some_and(|want| want != p) {
            continue;
        }
        lines.push(CardLine {
            billed: -row.amount,
            provider: p,
            row,
        });
    }

    let orgs = organizations(
        payments
            .iter()
            .map(|p| (p.provider, p.organization_id.as_deref()))
            .chain(
                grants
                    .iter()
                    .map(|g| (g.provider, g.organization_id.as_deref())),
            )
            .chain(
                checks
                    .iter()
                    .map(|c| (c.provider, c.organization_id.as_deref())),
            )
            .chain(
                usage
                    .iter()
                    .map(|u| (u.provider, u.organization_id.as_deref())),
            )
            .chain(lines.iter().map(|l| (l.provider, None))),
    );

    let mut accounts: BTreeMap<Key, Account> = BTreeMap::new();
    let mut order = 0usize;
    let mut push_lot = |accounts: &mut BTreeMap<Key, Account>, key: Key, mut lot: Lot| {
        lot.order = order;
        order += 1;
        accounts.entry(key).or_default().lots.push(lot);
    };

    // Payments: credit purchases first, then receipts not already one.
    let credit_payments: Vec<&PaymentRow> = payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Succeeded)
        .filter(|p| matches!(p.kind, PaymentKind::CreditPurchase | PaymentKind::Receipt))
        .collect();
    let mut kept: Vec<(&PaymentRow, Vec<String>)> = Vec::new();
    for p in credit_payments
        .iter()
        .filter(|p| p.kind == PaymentKind::CreditPurchase)
        .chain(
            credit_payments
                .iter()
                .filter(|p| p.kind == PaymentKind::Receipt),
        )
    {
        if let Some(k) = kept
            .iter_mut()
            .find(|(k, rows)| k.kind != p.kind && rows.len() == 1 && same_payment(k, p))
        {
            k.1.push(format!("payment:{}", p.id));
            continue;
        }
        kept.push((p, vec![format!("payment:{}", p.id)]));
    }
    // Card lines paired with any payment record are that payment.
    let usable: Vec<PaymentRow> = payments
        .iter()
        .filter(|p| p.status != PaymentStatus::Failed)
        .cloned()
        .collect();
    let matches = reconcile::match_all(&lines, &usable);
    let matched_txn: HashMap<i64, i64> = matches.iter().map(|m| (m.txn_id, m.payment_id)).collect();
    for (p, mut rows) in kept {
        let paid: Vec<String> = matches
            .iter()
            .filter(|m| rows.contains(&format!("payment:{}", m.payment_id)))
            .map(|m| format!("txn:{}", m.txn_id))
            .collect();
        rows.extend(paid);
        let amount = micros(p.amount)?;
        let key = (
            p.provider,
            org_of(&orgs, p.provider, p.organization_id.as_deref()),
            p.currency,
        );
        push_lot(
            &mut accounts,
            key,
            Lot {
                date: p.paid_date,
                amount,
                expires_on: add_months(p.paid_date, EXPIRY_MONTHS, p.paid_date.day()),
                granted: false,
                remaining: amount,
                expired: 0,
                source: if p.kind == PaymentKind::Receipt {
                    CreditSource::Receipt
                } else {
                    CreditSource::Payment
                },
                rows,
                stated_before: p.balance_before.map(micros).transpose()?,
                computed_before: 0,
                order: 0,
            },
        );
    }
    for l in lines
        .iter()
        .filter(|l| !matched_txn.contains_key(&l.row.id))
    {
        let (amount, currency) = card_amount(&l.row);
        let amount = micros(amount)?;
        let key = (l.provider, org_of(&orgs, l.provider, None), currency);
        push_lot(
            &mut accounts,
            key,
            Lot {
                date: l.row.date,
                amount,
                expires_on: add_months(l.row.date, EXPIRY_MONTHS, l.row.date.day()),
                granted: false,
                remaining: amount,
                expired: 0,
                source: CreditSource::Card,
                rows: vec![format!("txn:{}", l.row.id)],
                stated_before: None,
                computed_before: 0,
                order: 0,
            },
        );
    }
    for g in &grants {
        let key = (
            g.provider,
            org_of(&orgs, g.provider, g.organization_id.as_deref()),
            g.currency,
        );
        push_lot(
            &mut accounts,
            key,
            Lot {
                date: g.granted_on,
                amount: g.amount,
                expires_on: g.expires_on,
                granted: true,
                remaining: g.amount,
                expired: 0,
                source: CreditSource::Grant,
                rows: vec![format!("grant:{}", g.id)],
                stated_before: None,
                computed_before: 0,
                order: 0,
            },
        );
    }
    for c in &checks {
        let key = (
            c.provider,
            org_of(&orgs, c.provider, c.organization_id.as_deref()),
            c.currency,
        );
        accounts
            .entry(key)
            .or_default()
            .checks
            .push((c.checked_on, c.balance));
    }
    for u in usage {
        let key = (
            u.provider,
            org_of(&orgs, u.provider, u.organization_id.as_deref()),
            u.currency,
        );
        accounts.entry(key).or_default().usage.push(u);
    }

    Ok(accounts
        .into_iter()
        .map(|(key, account)| replay(key, account, as_of))
        .collect())
}

/// What a card line paid, in the currency the provider charged.
fn card_amount(row: &TxnRow) -> (Decimal, Currency) {
    match (row.original_amount, row.original_currency) {
        (Some(a), Some(c)) => (a.abs(), c),
        _ => (row.amount.abs(), row.currency),
    }
}

/// The credit of one account as the replay goes.
#[derive(Default)]
struct Pool {
    lots: Vec<Lot>,
    /// What the lots hold (the sum of `remaining`), kept as they change.
    total: i64,
    /// Usage beyond the credit, repaid by the next purchase.
    debt: i64,
    /// Expiry dates still ahead, soonest first.
    expiring: BinaryHeap<Reverse<(NaiveDate, usize)>>,
    /// Granted lots (few).
    granted: Vec<usize>,
    /// Paid lots in arrival (= date) order, and the first that may still
    /// hold credit.
    paid: Vec<usize>,
    paid_from: usize,
}

impl Pool {
    fn balance(&self) -> i64 {
        self.total - self.debt
    }

    fn arrive(&mut self, mut lot: Lot) {
        lot.computed_before = self.balance();
        let repay = self.debt.min(lot.remaining);
        lot.remaining -= repay;
        self.debt -= repay;
        self.total += lot.remaining;
        let i = self.lots.len();
        if let Some(e) = lot.expires_on {
            self.expiring.push(Reverse((e, i)));
        }
        if lot.granted {
            self.granted.push(i);
        } else {
            self.paid.push(i);
        }
        self.lots.push(lot);
    }

    fn expire(&mut self, day: NaiveDate) {
        while let Some(&Reverse((e, i))) = self.expiring.peek() {
            if e > day {
                break;
            }
            self.expiring.pop();
            let lot = &mut self.lots[i];
            lot.expired += lot.remaining;
            self.total -= lot.remaining;
            lot.remaining = 0;
        }
    }

    fn consume(&mut self, amount: i64) {
        let mut need = amount;
        let lots = &self.lots;
        let mut grants: Vec<usize> = self
            .granted
            .iter()
            .copied()
            .filter(|&i| lots[i].remaining > 0)
            .collect();
        grants.sort_by_key(|&i| {
            let l = &lots[i];
            (l.expires_on.is_none(), l.expires_on, l.date, l.order)
        });
        for i in grants
            .into_iter()
            .chain(self.paid[self.paid_from..].iter().copied())
        {
            if need == 0 {
                break;
            }
            let take = need.min(self.lots[i].remaining);
            self.lots[i].remaining -= take;
            self.total -= take;
            need -= take;
        }
        while self.paid_from < self.paid.len()
            && self.lots[self.paid[self.paid_from]].remaining == 0
        {
            self.paid_from += 1;
        }
        self.debt += need;
    }
}

/// Replays one account day by day (see the module doc).
fn replay(key: Key, mut a: Account, as_of: NaiveDate) -> CreditAccount {
    a.lots.sort_by_key(|l| (l.date, l.order));
    let mut days: BTreeSet<NaiveDate> = BTreeSet::new();
    days.extend(a.lots.iter().map(|l| l.date));
    days.extend(
        a.lots
            .iter()
            .filter_map(|l| l.expires_on)
            .filter(|d| *d <= as_of),
    );
    days.extend(a.usage.iter().map(|u| u.utc_date));
    days.extend(a.checks.iter().map(|c| c.0));
    days.insert(as_of);

    let mut pool = Pool::default();
    let mut pending = a.lots.into_iter().peekable();
    let mut usage = a.usage.iter().peekable();
    let mut used: i64 = 0;
    let mut unexplained: i64 = 0;
    let mut checked_on = None;
    let mut checks = a.checks.iter().peekable();
    for day in days {
        // 1. purchases of the day; each repays overuse first
        while let Some(lot) = pending.next_if(|l| l.date <= day) {
            pool.arrive(lot);
        }
        // 2. what expires today is lost
        pool.expire(day);
        // 3. the day's usage: granted first (soonest expiry), then oldest paid
        while let Some(u) = usage.next_if(|u| u.utc_date <= day) {
            used += u.amount;
            if u.amount < 0 {
                pool.arrive(Lot {
                    date: day,
                    amount: -u.amount,
                    expires_on: None,
                    granted: true,
                    remaining: -u.amount,
                    expired: 0,
                    source: CreditSource::UsageCredit,
                    rows: vec![format!("usage:{}", u.first_id)],
                    stated_before: None,
                    computed_before: 0,
                    order: usize::MAX,
                });
            } else {
                pool.consume(u.amount);
            }
        }
        // 4. a stated balance on this day
        while let Some((on, stated)) = checks.next_if(|c| c.0 <= day) {
            unexplained = stated - pool.balance();
            checked_on = Some(*on);
        }
    }
    let computed = pool.balance();
    let lots = pool.lots;
    let shown = computed + unexplained;
    let used_in = |days: i64| -> i64 {
        let from = as_of - Duration::days(days - 1);
        a.usage
            .iter()
            .filter(|u| u.utc_date >= from && u.utc_date <= as_of)
            .map(|u| u.amount)
            .sum()
    };
    let (s7, s30) = (used_in(7), used_in(30));
    let rate = |sum: i64, days: i64| {
        (from_micros(sum) / Decimal::from(days))
            .round_dp(4)
            .normalize_money()
    };
    let (burn7, burn30) = (rate(s7, 7), rate(s30, 30));
    let shown_dec = from_micros(shown);
    // Whole days the balance lasts at the rate, rounded up, in exact integers.
    let window = if s7 > 0 {
        Some((s7, 7))
    } else if s30 > 0 {
        Some((s30, 30))
    } else {
        None
    };
    let runs_out_on = if shown <= 0 {
        Some(as_of)
    } else {
        window.and_then(|(sum, days)| {
            let n = (i128::from(shown) * i128::from(days) + i128::from(sum) - 1) / i128::from(sum);
            i64::try_from(n)
                .ok()
                .and_then(|n| as_of.checked_add_signed(Duration::try_days(n)?))
        })
    };
    let next_expiry = lots
        .iter()
        .filter(|l| l.remaining > 0)
        .filter_map(|l| l.expires_on)
        .filter(|e| *e > as_of)
        .min()
        .map(|date| NextExpiry {
            date,
            amount: from_micros(
                lots.iter()
                    .filter(|l| l.remaining > 0 && l.expires_on == Some(date))
                    .map(|l| l.remaining)
                    .sum(),
            ),
        });
    let auto_recharge = auto_recharge(&lots, as_of);
    let mut purchases: Vec<CreditPurchase> = lots
        .iter()
        .map(|l| CreditPurchase {
            date: l.date,
            amount: from_micros(l.amount),
            expires_on: l.expires_on,
            remaining: from_micros(l.remaining),
            expired: from_micros(l.expired),
            source: l.source,
            rows: l.rows.clone(),
        })
        .collect();
    purchases.sort_by(|x, y| (x.date, &x.rows).cmp(&(y.date, &y.rows)));
    let usage_rows = match (
        a.usage.iter().map(|u| u.first_id).min(),
        a.usage.iter().map(|u| u.last_id).max(),
    ) {
        (Some(lo), Some(hi)) if lo == hi => vec![format!("usage:{lo}")],
        (Some(lo), Some(hi)) => vec![format!("usage:{lo}..{hi}")],
        _ => Vec::new(),
    };
    CreditAccount {
        provider: key.0,
        organization: key.1,
        currency: key.2,
        balance: shown_dec,
        as_of,
        purchases,
        next_expiry,
        burn_per_day_7d: burn7,
        burn_per_day_30d: burn30,
        runs_out_on,
        auto_recharge,
        unexplained: from_micros(unexplained),
        checked_on,
        computed_balance: from_micros(computed),
        used: from_micros(used),
        usage_rows,
    }
}

trait NormalizeMoney {
    fn normalize_money(self) -> Self;
}

impl NormalizeMoney for Decimal {
    /// At least two decimal places, at most four, no trailing zeros beyond two.
    fn normalize_money(self) -> Decimal {
        let mut d = self.normalize();
        if d.scale() < 2 {
            d.rescale(2);
        }
        d
    }
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[(v.len() - 1) / 2])
}

/// Auto-recharge: the most frequent paid amount seen [`AUTO_RECHARGE_MIN`]
/// times or more (ties: the most recent).
fn auto_recharge(lots: &[Lot], as_of: NaiveDate) -> AutoRecharge {
    let paid: Vec<&Lot> = lots
        .iter()
        .filter(|l| !l.granted && l.date <= as_of)
        .collect();
    let mut by_amount: BTreeMap<i64, Vec<&Lot>> = BTreeMap::new();
    for l in &paid {
        by_amount.entry(l.amount).or_default().push(l);
    }
    let best = by_amount
        .iter()
        .filter(|(_, v)| v.len() >= AUTO_RECHARGE_MIN)
        .max_by_key(|(_, v)| (v.len(), v.iter().map(|l| l.date).max()));
    let Some((&amount, tops)) = best else {
        return AutoRecharge {
            detected: false,
            amount: None,
            threshold: None,
            count_this_month: 0,
            usual_per_month: 0,
            is_loop: false,
            loop_on: None,
            rows: Vec::new(),
        };
    };
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let this = month(as_of);
    let threshold = median(
        tops.iter()
            .map(|l| l.stated_before.unwrap_or(l.computed_before))
            .collect(),
    );
    let this_month: Vec<&&Lot> = tops.iter().filter(|l| month(l.date) == this).collect();
    let mut per_month: BTreeMap<i32, i64> = BTreeMap::new();
    for l in tops
        .iter()
        .filter(|l| month(l.date) < this && month(l.date) >= this - 6)
    {
        *per_month.entry(month(l.date)).or_default() += 1;
    }
    let usual = median(per_month.values().copied().collect()).unwrap_or(0);
    let mut per_day: BTreeMap<NaiveDate, Vec<&Lot>> = BTreeMap::new();
    for l in &this_month {
        per_day.entry(l.date).or_default().push(l);
    }
    let busiest = per_day
        .iter()
        .max_by_key(|(d, v)| (v.len(), std::cmp::Reverse(**d)))
        .map(|(d, v)| (*d, v.len()));
    let count = this_month.len() as i64;
    let day_loop = busiest.filter(|(_, n)| *n >= LOOP_PER_DAY);
    let month_loop = usual > 0 && count > 2 * usual && count >= 3;
    let is_loop = day_loop.is_some() || month_loop;
    let rows = match day_loop {
        Some((d, _)) => per_day[&d].iter().flat_map(|l| l.rows.clone()).collect(),
        None => this_month.iter().flat_map(|l| l.rows.clone()).collect(),
    };
    AutoRecharge {
        detected: true,
        amount: Some(from_micros(amount)),
        threshold: threshold.map(from_micros),
        count_this_month: count as u32,
        usual_per_month: usual as u32,
        is_loop,
        loop_on: if is_loop {
            day_loop.map(|d| d.0).or(this_month.last().map(|l| l.date))
        } else {
            None
        },
        rows,
    }
}

/// Grants credit by hand; returns the grant's id.
pub fn grant(ledger: &mut Ledger, g: &NewGrant) -> Result<i64, CreditsError> {
    if g.amount <= Decimal::ZERO {
        return Err(CreditsError::BadAmount(crate::msg!(
            "apperr-credits-not-positive",
            amount = g.amount.to_string()
        )));
    }
    if let Some(e) = g.expires {
        if e <= g.on {
            return Err(CreditsError::BadDate(crate::msg!(
                "apperr-credits-expires-first",
                expires = e.to_string(),
                on = g.on.to_string()
            )));
        }
    }
    let amount = micros(g.amount)?;
    Ok(ledger.insert_credit_grant(&NewGrantRow {
        provider: g.provider,
        organization_id: g.organization.as_deref(),
        granted_on: g.on,
        amount,
        currency: g.currency,
        expires_on: g.expires,
        note: g.note.as_deref(),
    })?)
}

/// Records the balance the billing page showed on a date, and returns the
/// account as it stands on that date (with its `unexplained` difference).
pub fn set_balance(
    ledger: &mut Ledger,
    provider: Provider,
    organization: Option<&str>,
    amount: Decimal,
    currency: Currency,
    on: NaiveDate,
) -> Result<CreditAccount, CreditsError> {
    let m = micros(amount)?;
    ledger.insert_balance_check(provider, organization, on, m, currency)?;
    let mut accounts: Vec<CreditAccount> = credits(ledger, Some(provider), on)?
        .into_iter()
        .filter(|a| a.currency == currency && a.checked_on == Some(on))
        .collect();
    // The organization's own account, where several were checked that day.
    let org = organization.map(str::trim).filter(|o| !o.is_empty());
    let i = accounts
        .iter()
        .position(|a| org.is_none_or(|o| a.organization.as_deref() == Some(o)))
        .unwrap_or(0);
    (i < accounts.len())
        .then(|| accounts.swap_remove(i))
        .ok_or_else(|| {
            CreditsError::Ledger(LedgerError::Corrupt(
                "the balance was stored but its account was not found".into(),
            ))
        })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod testkit;

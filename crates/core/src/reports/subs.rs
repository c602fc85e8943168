//! Subscriptions (SPEC §4, §9 `subs`): detected from the ledger's
//! `ai-subscription` lines, plus the ones the user enters by hand.
//!
//! Detection, per vendor (the effective vendor; a line without one goes by
//! its merchant text):
//!
//! 1. The vendor's posted charges up to the as-of date (amount ≤ 0; a refund
//!    is not a charge), oldest first, are split into *plans*: one card
//!    charge each period. The catalog names products by price (`ChatGPT Plus`
//!    at 20, `ChatGPT Pro` at 200), so grouping by product would split a plan
//!    at each price change; grouping by vendor and then by price keeps a
//!    plan whole and still tells two plans of one vendor apart.
//! 2. A plan's *price* is compared in the currency the merchant charged: the
//!    original amount and currency where the line has them (a EUR card paying
//!    a USD plan drifts in EUR but not in USD; tolerance 1%), else the billed
//!    amount with a ±7% band for FX drift on cards that do not give the
//!    original amount.
//! 3. Each day's charges first join a plan whose price they match and which
//!    is not charged too early (at least its cadence less a window, or 5
//!    days for a plan of one charge); the rest join a plan that is *due*
//!    (its cadence ± window since its last charge) at another price: a
//!    **price change**, or **trial-to-paid** when the plan's only charge so
//!    far was 0 or under half the new price; what is left starts a plan.
//! 4. **Cadence** is the median gap between a plan's charges: up to 17 days
//!    weekly, up to 200 monthly, else annual (one charge: monthly).
//!    **amount** is the latest charge (negative, as billed), **next renewal**
//!    the last charge plus one period in calendar terms (a month keeps the
//!    day of month, clamped to the month's length: Jan 31 → Feb 28 → Mar 31),
//!    **annual cost** the amount times 52, 12 or 1.
//! 5. **Lapsed**: the as-of date is past the next renewal plus a grace of 3
//!    days (weekly), 7 (monthly) or 30 (annual); else active.
//!
//! Steps 1-4 depend only on the charges up to the as-of date. Asked as of a
//! date on or after the ledger's newest subscription line, the detection is
//! the same for every such date but for step 5: so it is stored in the
//! ledger (`subs_detected`) with the lines' generation, and served from
//! there, step 5 redone, until a line changes. An import or an undo brings
//! it to the new generation itself ([`refresh_stored`]), detecting again
//! only the vendors whose subscription lines it changed, so the first call
//! after one reads the stored detection. An edit or a rule (any write that
//! changes lines one at a time) keeps the stored detection current but for
//! the vendors of the subscription lines it changed, which it lists
//! (`subs_stale`, see `ledger/tally.rs`): the first call after it detects
//! those vendors again, from their lines only. Invariant: what is served equals
//! [`subscriptions_from_scratch`] (tests check it after imports, undo, rules
//! and edits, and the crash harness after every kill).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ReportError;
use crate::ledger::alerts::PlanChargeLine;
use crate::ledger::reports::{LinesChanged, NewManualSubscriptionRow, SubscriptionCharge};
use crate::ledger::{Ledger, LedgerError};
use crate::money::{from_micros, to_micros, Currency};

/// Where a subscription comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum SubSource {
    /// Detected from the ledger's charges.
    Ledger,
    /// Entered with `subs add`.
    Manual,
}

/// How often a subscription renews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    Weekly,
    Monthly,
    Annual,
}

impl Cadence {
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Annual => "annual",
        }
    }

    pub fn parse(s: &str) -> Option<Cadence> {
        match s {
            "weekly" => Some(Cadence::Weekly),
            "monthly" => Some(Cadence::Monthly),
            "annual" | "yearly" => Some(Cadence::Annual),
            _ => None,
        }
    }

    fn per_year(self) -> i64 {
        match self {
            Cadence::Weekly => 52,
            Cadence::Monthly => 12,
            Cadence::Annual => 1,
        }
    }

    fn grace_days(self) -> i64 {
        match self {
            Cadence::Weekly => 3,
            Cadence::Monthly => 7,
            Cadence::Annual => 30,
        }
    }

    fn from_gap(days: i64) -> Cadence {
        match days {
            ..=17 => Cadence::Weekly,
            18..=200 => Cadence::Monthly,
            _ => Cadence::Annual,
        }
    }

    /// The renewal after `last`; a month or year keeps `anchor_day` where the
    /// month has it.
    pub fn next(self, last: NaiveDate, anchor_day: u32) -> Option<NaiveDate> {
        match self {
            Cadence::Weekly => last.checked_add_signed(Duration::days(7)),
            Cadence::Monthly => add_months(last, 1, anchor_day),
            Cadence::Annual => add_months(last, 12, anchor_day),
        }
    }
}

/// `d` plus `months` calendar months, on `anchor_day` or the month's last day.
pub fn add_months(d: NaiveDate, months: u32, anchor_day: u32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last_day = add_first_of_next(first)?.pred_opt()?.day();
    NaiveDate::from_ymd_opt(y, m, anchor_day.clamp(1, last_day))
}

fn add_first_of_next(first: NaiveDate) -> Option<NaiveDate> {
    if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum SubStatus {
    Active,
    Lapsed,
}

/// One subscription (SPEC §9 `subs`), detected or entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Subscription {
    pub vendor: String,
    pub product: Option<String>,
    pub cadence: Cadence,
    /// The latest charge (or the manual price), negative: spending.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
    /// What the merchant charged in its own currency, where the line says.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub original_amount: Option<Decimal>,
    pub original_currency: Option<Currency>,
    pub first_charge: Option<NaiveDate>,
    pub last_charge: Option<NaiveDate>,
    pub next_renewal: Option<NaiveDate>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub annual_cost: Decimal,
    pub status: SubStatus,
    /// The price (in the plan's currency) changed beyond the tolerance.
    pub price_change: bool,
    /// The price before the latest change, negative, in `previous_currency`.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub previous_amount: Option<Decimal>,
    pub previous_currency: Option<Currency>,
    pub price_changed_on: Option<NaiveDate>,
    /// The first charge was 0 or small, full-price charges followed.
    pub trial_to_paid: bool,
    /// Charges found (0 for a manual entry).
    pub charges: u32,
    /// Detected in the ledger, or entered by hand.
    pub source: SubSource,
    /// The manual entry's id (`subs remove ID`).
    pub id: Option<i64>,
}

/// A subscription to enter by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewManualSubscription {
    pub vendor: String,
    pub product: Option<String>,
    /// The price, positive.
    pub amount: Decimal,
    pub currency: Currency,
    pub cadence: Cadence,
    /// The first charge.
    pub since: NaiveDate,
    pub note: Option<String>,
}

/// A stored manual subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManualSubscription {
    pub id: i64,
    pub vendor: String,
    pub product: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
    pub cadence: Cadence,
    pub since: NaiveDate,
    pub note: Option<String>,
}

/// One charge of a subscription line.
#[derive(Debug, Clone)]
struct Charge {
    date: NaiveDate,
    amount: i64,
    currency: Currency,
    original: Option<(i64, Currency)>,
    product: Option<String>,
}

/// What a plan's price is compared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Price {
    value: i64,
    currency: Currency,
    /// The merchant's own amount (exact) rather than the billed one (drifts).
    original: bool,
}

impl Price {
    fn of(c: &Charge) -> Price {
        match c.original {
            Some((value, currency)) if currency != c.currency => Price {
                value,
                currency,
                original: true,
            },
            _ => Price {
                value: c.amount,
                currency: c.currency,
                original: false,
            },
        }
    }

    /// Within the tolerance of `self` (1% for original amounts, 7% for
    /// billed ones; at least a cent).
    fn matches(&self, other: &Price) -> bool {
        if self.currency != other.currency || self.original != other.original {
            return false;
        }
        let base = self.value.unsigned_abs().max(other.value.unsigned_abs());
        let pct = if self.original { 1 } else { 7 };
        let tolerance = (base * pct / 100).max(10_000);
        self.value.abs_diff(other.value) <= tolerance
    }
}

#[derive(Debug)]
struct Plan {
    charges: Vec<usize>,
    /// The gaps between its charges, in days, sorted.
    gaps: Vec<i64>,
    /// The median gap, once there are two charges.
    cadence_days: Option<i64>,
    price: Price,
    last: NaiveDate,
    price_change: Option<(Price, NaiveDate)>,
    trial_to_paid: bool,
}

/// Window around the cadence within which a charge is on time.
fn window(cadence_days: i64) -> i64 {
    match Cadence::from_gap(cadence_days) {
        Cadence::Weekly => 2,
        Cadence::Monthly => 6,
        Cadence::Annual => 20,
    }
}

impl Plan {
    fn new(i: usize, c: &Charge) -> Plan {
        Plan {
            charges: vec![i],
            gaps: Vec::new(),
            cadence_days: None,
            price: Price::of(c),
            last: c.date,
            price_change: None,
            trial_to_paid: false,
        }
    }

    fn gap(&self, date: NaiveDate) -> i64 {
        (date - self.last).num_days()
    }

    /// Not charged too early for another period.
    fn can_take(&self, date: NaiveDate) -> bool {
        let gap = self.gap(date);
        match self.cadence_days {
            Some(c) => gap >= c - window(c),
            None => gap >= 5,
        }
    }

    /// How far from on time a charge on `date` is (`None`: not due).
    fn due(&self, date: NaiveDate) -> Option<i64> {
        let gap = self.gap(date);
        match self.cadence_days {
            Some(c) => ((gap - c).abs() <= window(c)).then_some((gap - c).abs()),
            None => [7, 30, 365]
                .into_iter()
                .filter(|&c| (gap - c).abs() <= window(c) + 1)
                .map(|c| (gap - c).abs())
                .min(),
        }
    }

    fn push(&mut self, i: usize, c: &Charge) {
        // Kept sorted (only the median is read): an insertion, not a sort
        // of a copy at every charge.
        let gap = self.gap(c.date);
        let at = self.gaps.partition_point(|&g| g < gap);
        self.gaps.insert(at, gap);
        self.charges.push(i);
        self.last = c.date;
        self.price = Price::of(c);
        self.cadence_days = Some(self.gaps[self.gaps.len() / 2]);
    }
}

/// Splits one vendor's charges (oldest first) into plans.
fn plans(charges: &[Charge]) -> Vec<Plan> {
    let mut plans: Vec<Plan> = Vec::new();
    let mut day_start = 0;
    while day_start < charges.len() {
        let date = charges[day_start].date;
        let day_end = charges[day_start..]
            .iter()
            .position(|c| c.date != date)
            .map_or(charges.len(), |n| day_start + n);
        let mut left = Vec::new();
        // 1. the same price, not too early: the most nearly on time
        for (i, c) in charges.iter().enumerate().take(day_end).skip(day_start) {
            let price = Price::of(c);
            let best = plans
                .iter()
                .enumerate()
                .filter(|(_, p)| p.price.matches(&price) && p.can_take(date))
                .min_by_key(|(_, p)| p.due(date).unwrap_or(1_000 + p.gap(date)))
                .map(|(k, _)| k);
            match best {
                Some(k) => plans[k].push(i, c),
                None => left.push(i),
            }
        }
        // 2. another price on a plan that is due: price change or trial end
        let mut fresh = Vec::new();
        for i in left {
            let c = &charges[i];
            let price = Price::of(c);
            let best = plans
                .iter()
                .enumerate()
                .filter(|(_, p)| p.price.currency == price.currency && p.gap(date) > 0)
                .filter_map(|(k, p)| p.due(date).map(|d| (k, d)))
                .min_by_key(|&(_, d)| d)
                .map(|(k, _)| k);
            match best {
                Some(k) => {
                    let p = &mut plans[k];
                    let old = p.price;
                    let trial = p.charges.len() == 1
                        && old.value.unsigned_abs() * 2 < price.value.unsigned_abs();
                    if trial {
                        p.trial_to_paid = true;
                    } else {
                        p.price_change = Some((old, date));
                    }
                    p.push(i, c);
                }
                None => fresh.push(i),
            }
        }
        // 3. a new plan
        for i in fresh {
            plans.push(Plan::new(i, &charges[i]));
        }
        day_start = day_end;
    }
    plans
}

fn money(micros: i64) -> Decimal {
    from_micros(micros)
}

fn detected(vendor: &str, charges: &[Charge], p: &Plan, as_of: NaiveDate) -> Subscription {
    let last = &charges[p.charges[p.charges.len() - 1]];
    let first = &charges[p.charges[0]];
    let cadence = p.cadence_days.map_or(Cadence::Monthly, Cadence::from_gap);
    // A charge at the end of a short month stands for a later day of month.
    let mut anchor = last.date.day();
    if add_months(last.date, 0, 31) == Some(last.date) {
        anchor = p
            .charges
            .iter()
            .rev()
            .take(3)
            .map(|&i| charges[i].date.day())
            .max()
            .unwrap_or(anchor);
    }
    let next = cadence.next(last.date, anchor);
    let status = status_at(cadence, next, as_of);
    let product = p
        .charges
        .iter()
        .rev()
        .find_map(|&i| charges[i].product.clone());
    Subscription {
        vendor: vendor.to_owned(),
        product,
        cadence,
        amount: money(last.amount),
        currency: last.currency,
        original_amount: last.original.map(|o| money(o.0)),
        original_currency: last.original.map(|o| o.1),
        first_charge: Some(first.date),
        last_charge: Some(last.date),
        next_renewal: next,
        annual_cost: money(last.amount.saturating_mul(cadence.per_year())),
        status,
        price_change: p.price_change.is_some(),
        previous_amount: p.price_change.map(|(old, _)| money(old.value)),
        previous_currency: p.price_change.map(|(old, _)| old.currency),
        price_changed_on: p.price_change.map(|(_, d)| d),
        trial_to_paid: p.trial_to_paid,
        charges: p.charges.len() as u32,
        source: SubSource::Ledger,
        id: None,
    }
}

/// Step 5: lapsed when `as_of` is past the next renewal and its grace.
fn status_at(cadence: Cadence, next: Option<NaiveDate>, as_of: NaiveDate) -> SubStatus {
    match next.and_then(|n| n.checked_add_signed(Duration::days(cadence.grace_days()))) {
        Some(deadline) if as_of > deadline => SubStatus::Lapsed,
        _ => SubStatus::Active,
    }
}

fn manual(m: &ManualSubscription, as_of: NaiveDate) -> Result<Subscription, LedgerError> {
    let micros = -to_micros(m.amount).map_err(|e| LedgerError::Corrupt(e.to_string()))?;
    let anchor = m.since.day();
    let (mut last, mut next) = (None, Some(m.since));
    // Walk the renewals up to the as-of date (a few hundred at most).
    while let Some(n) = next.filter(|n| *n <= as_of) {
        last = Some(n);
        next = m.cadence.next(n, anchor);
    }
    Ok(Subscription {
        vendor: m.vendor.clone(),
        product: m.product.clone(),
        cadence: m.cadence,
        amount: money(micros),
        currency: m.currency,
        original_amount: None,
        original_currency: None,
        first_charge: Some(m.since),
        last_charge: last,
        next_renewal: next,
        annual_cost: money(micros.saturating_mul(m.cadence.per_year())),
        status: SubStatus::Active,
        price_change: false,
        previous_amount: None,
        previous_currency: None,
        price_changed_on: None,
        trial_to_paid: false,
        charges: 0,
        source: SubSource::Manual,
        id: Some(m.id),
    })
}

/// Subscriptions as of `as_of`: detected from the ledger, then the manual
/// ones; each by vendor, product and first charge.
pub fn subscriptions(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<Subscription>, LedgerError> {
    let generation = ledger.line_generation()?;
    let newest = ledger.last_subscription_day()?;
    // Every charge is on or before `as_of`: the stored detection applies.
    let complete = newest.is_none_or(|n| n <= as_of);
    if complete {
        if let Some((stored, _, body)) = ledger.subs_detected()? {
            if stored == generation {
                if let Some(mut out) = current_stored(ledger, &body, &[], as_of)? {
                    if !ledger.subs_stale()?.is_empty() {
                        // Redone for the vendors an edit or a rule changed:
                        // stored so the next call reads it as it is.
                        if let Ok(body) = serde_json::to_string(&out) {
                            let through = newest.unwrap_or(as_of);
                            let _ = ledger.store_subs_detected(generation, through, &body);
                        }
                    }
                    for s in &mut out {
                        s.status = status_at(s.cadence, s.next_renewal, as_of);
                    }
                    add_manual(ledger, as_of, &mut out)?;
                    return Ok(out);
                }
            }
        }
    }
    let mut out = detect(ledger, as_of)?;
    if complete {
        if let Ok(body) = serde_json::to_string(&out) {
            // A cache: a ledger opened read-only just computes again.
            let _ = ledger.store_subs_detected(generation, newest.unwrap_or(as_of), &body);
        }
    }
    add_manual(ledger, as_of, &mut out)?;
    Ok(out)
}

/// [`subscriptions`] computed from the lines, never from the stored
/// detection (tests compare the two).
pub fn subscriptions_from_scratch(
    ledger: &Ledger,
    as_of: NaiveDate,
) -> Result<Vec<Subscription>, LedgerError> {
    let mut out = detect(ledger, as_of)?;
    add_manual(ledger, as_of, &mut out)?;
    Ok(out)
}

fn add_manual(
    ledger: &Ledger,
    as_of: NaiveDate,
    out: &mut Vec<Subscription>,
) -> Result<(), LedgerError> {
    for m in manual_subscriptions(ledger)? {
        out.push(manual(&m, as_of)?);
    }
    Ok(())
}

/// The stored detection `body` (made when no line had changed since, but
/// for the vendors `subs_stale` lists and `also`) brought up to date: those
/// vendors detected again from their charges (read through the vendor
/// index), the others kept. `None` when it cannot be (a vendorless line
/// among the changed or the ledger's subscription lines, keyed by its
/// merchant text, which no index finds; a body that does not parse): then
/// every vendor is detected again.
fn current_stored(
    ledger: &Ledger,
    body: &str,
    also: &[String],
    as_of: NaiveDate,
) -> Result<Option<Vec<Subscription>>, LedgerError> {
    let Ok(mut list) = serde_json::from_str::<Vec<Subscription>>(body) else {
        return Ok(None);
    };
    let mut vendors = ledger.subs_stale()?;
    vendors.extend(also.iter().cloned());
    vendors.sort();
    vendors.dedup();
    if vendors.is_empty() {
        return Ok(Some(list));
    }
    if vendors.iter().any(String::is_empty) || ledger.has_vendorless_subscriptions()? {
        return Ok(None);
    }
    list.retain(|s| vendors.binary_search(&s.vendor).is_err());
    let names: Vec<&str> = vendors.iter().map(String::as_str).collect();
    list.extend(detect_charges(
        ledger.subscription_charges_of(&names)?,
        as_of,
    ));
    // Stable: each vendor's subscriptions keep their order.
    list.sort_by(|a, b| a.vendor.cmp(&b.vendor));
    Ok(Some(list))
}

/// Brings the stored detection up to date after a write (an import, an
/// undo), so the next [`subscriptions`] reads it instead of detecting from
/// every line. When the stored detection was current before the write and
/// the write names the vendors whose subscription lines it changed, only
/// those vendors (and the ones an edit or a rule changed before) are
/// detected again, the others kept; else every vendor is. Nothing when no
/// line changed. A cache: should this fail, the next call detects from
/// scratch.
pub(crate) fn refresh_stored(ledger: &Ledger, change: &LinesChanged) -> Result<(), LedgerError> {
    if change.after == change.before {
        return Ok(());
    }
    let newest = ledger.last_subscription_day()?;
    // The status is redone on every read; the date only bounds the charges.
    let as_of = newest
        .or_else(|| NaiveDate::from_ymd_opt(1970, 1, 1))
        .ok_or_else(|| LedgerError::Corrupt("date".into()))?;
    let stored = ledger
        .subs_detected()?
        .filter(|(generation, _, _)| *generation == change.before);
    let kept = match (&change.sub_vendors, stored) {
        (Some(vendors), Some((_, _, body))) => {
            let vendors: Vec<String> = vendors.iter().cloned().collect();
            current_stored(ledger, &body, &vendors, as_of)?
        }
        _ => None,
    };
    let out = match kept {
        Some(list) => list,
        None => detect(ledger, as_of)?,
    };
    if let Ok(body) = serde_json::to_string(&out) {
        ledger.store_subs_detected(change.after, as_of, &body)?;
    }
    Ok(())
}

/// Steps 1-5 over the ledger's charges up to `as_of`.
fn detect(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<Subscription>, LedgerError> {
    Ok(detect_charges(ledger.subscription_charges(as_of)?, as_of))
}

/// Steps 1-5 over `charges`, by vendor (the effective vendor, else the
/// merchant text).
fn detect_charges(charges: Vec<SubscriptionCharge>, as_of: NaiveDate) -> Vec<Subscription> {
    let mut by_vendor: BTreeMap<String, Vec<Charge>> = BTreeMap::new();
    for c in charges {
        let vendor = match c.vendor {
            Some(v) => v,
            None => crate::classify::text::merchant(&c.description),
        };
        by_vendor.entry(vendor).or_default().push(Charge {
            date: c.date,
            amount: c.amount,
            currency: c.currency,
            original: c.original,
            product: c.product,
        });
    }
    let mut out = Vec::new();
    for (vendor, mut charges) in by_vendor {
        charges.sort_by_key(|c| c.date);
        let mut subs: Vec<Subscription> = plans(&charges)
            .iter()
            .map(|p| detected(&vendor, &charges, p, as_of))
            .collect();
        subs.sort_by(|a, b| {
            (&a.product, a.first_charge, a.amount).cmp(&(&b.product, b.first_charge, b.amount))
        });
        out.extend(subs);
    }
    out
}

/// Whether a charge line belongs to a subscription's vendor (its effective
/// vendor, else its merchant text, as detection groups them).
pub(crate) fn charge_of(l: &PlanChargeLine, s: &Subscription) -> bool {
    match &l.vendor {
        Some(v) => *v == s.vendor,
        None => crate::classify::text::merchant(&l.description) == s.vendor,
    }
}

/// The ledger line(s) of a detected subscription's last charge: the
/// vendor's charge on that day at the subscription's amount, by id. None
/// for a subscription entered by hand.
pub fn last_charge_lines(ledger: &Ledger, s: &Subscription) -> Result<Vec<i64>, LedgerError> {
    let (Some(last), SubSource::Ledger) = (s.last_charge, s.source) else {
        return Ok(Vec::new());
    };
    let amount = to_micros(s.amount).map_err(|e| LedgerError::Corrupt(e.to_string()))?;
    Ok(ledger
        .plan_charge_lines(last, last)?
        .iter()
        .filter(|l| charge_of(l, s) && l.amount == amount && l.currency == s.currency)
        .map(|l| l.id)
        .collect())
}

/// The subscriptions entered by hand.
pub fn manual_subscriptions(ledger: &Ledger) -> Result<Vec<ManualSubscription>, LedgerError> {
    ledger
        .manual_subscription_rows()?
        .into_iter()
        .map(|r| {
            Ok(ManualSubscription {
                id: r.id,
                cadence: Cadence::parse(&r.cadence).ok_or_else(|| {
                    LedgerError::Corrupt(format!("subscription {}: cadence", r.id))
                })?,
                vendor: r.vendor,
                product: r.product,
                amount: from_micros(r.amount),
                currency: r.currency,
                since: r.since,
                note: r.note,
            })
        })
        .collect()
}

/// Enters a subscription by hand; returns it as stored.
pub fn add_manual_subscription(
    ledger: &mut Ledger,
    s: &NewManualSubscription,
) -> Result<ManualSubscription, ReportError> {
    let bad = ReportError::BadSubscription;
    if s.vendor.trim().is_empty() {
        return Err(bad(crate::msg!("apperr-subs-vendor-empty")));
    }
    if s.amount <= Decimal::ZERO {
        return Err(bad(crate::msg!(
            "apperr-subs-not-positive",
            amount = s.amount.to_string()
        )));
    }
    let micros = to_micros(s.amount).map_err(|e| bad(e.msg()))?;
    let id = ledger.insert_manual_subscription(&NewManualSubscriptionRow {
        vendor: s.vendor.trim(),
        product: s.product.as_deref(),
        amount: micros,
        currency: s.currency,
        cadence: s.cadence.as_str(),
        since: s.since,
        note: s.note.as_deref(),
    })?;
    Ok(ManualSubscription {
        id,
        vendor: s.vendor.trim().to_owned(),
        product: s.product.clone(),
        amount: from_micros(micros),
        currency: s.currency,
        cadence: s.cadence,
        since: s.since,
        note: s.note.clone(),
    })
}

/// Removes a manual subscription.
pub fn remove_manual_subscription(ledger: &mut Ledger, id: i64) -> Result<(), ReportError> {
    let removed = ledger.delete_manual_subscription(id)?;
    if !removed {
        return Err(ReportError::NoSuchSubscription(id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// A Chase card statement, newest line first: `subs` are (descriptor,
    /// amount) charged on the 5th of each month in `months` (yyyy-mm), with
    /// an everyday line each month.
    fn statement(
        dir: &std::path::Path,
        name: &str,
        months: &[&str],
        subs: &[(&str, &str)],
    ) -> std::path::PathBuf {
        let mut out =
            String::from("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n");
        for m in months.iter().rev() {
            let (y, mo) = m.split_once('-').expect("month");
            out.push_str(&format!(
                "{mo}/20/{y},{mo}/21/{y},BLUE BOTTLE COFFEE,Food & Drink,Sale,-6.50,\n"
            ));
            for (desc, amount) in subs {
                out.push_str(&format!(
                    "{mo}/05/{y},{mo}/06/{y},{desc},Shopping,Sale,-{amount},\n"
                ));
            }
        }
        let path = dir.join(name);
        std::fs::write(&path, out).expect("write statement");
        path
    }

    /// The stored detection is current after the write and equals the one
    /// computed from the lines.
    fn assert_stored_current(ledger: &Ledger, after: &str) {
        let (generation, _, body) = ledger
            .subs_detected()
            .expect("read")
            .unwrap_or_else(|| panic!("after {after}: no stored detection"));
        assert_eq!(
            generation,
            ledger.line_generation().expect("generation"),
            "after {after}: the stored detection is stale"
        );
        let as_of = d("2030-01-01");
        let mut stored: Vec<Subscription> = serde_json::from_str(&body).expect("stored JSON");
        for s in &mut stored {
            s.status = status_at(s.cadence, s.next_renewal, as_of);
        }
        assert_eq!(
            stored,
            detect(ledger, as_of).expect("detect"),
            "after {after}"
        );
    }

    #[test]
    fn imports_and_undo_keep_the_stored_detection_current() {
        use crate::import::{import_file, ImportOptions};
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        let opts = ImportOptions {
            account: Some("Card".into()),
            ..ImportOptions::default()
        };
        let first_half = [
            "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
        ];
        let a = statement(
            dir.path(),
            "a.csv",
            &first_half,
            &[
                ("OPENAI *CHATGPT SUBSCR", "20.00"),
                ("CLAUDE.AI SUBSCRIPTION", "20.00"),
            ],
        );
        let a = import_file(&mut ledger, &a, &opts)
            .expect("import a")
            .batch_id;
        assert_stored_current(&ledger, "the first import (every vendor)");
        let claude = |l: &Ledger| {
            let (_, _, body) = l.subs_detected().expect("read").expect("stored");
            serde_json::from_str::<Vec<Subscription>>(&body)
                .expect("JSON")
                .into_iter()
                .filter(|s| s.vendor == "anthropic")
                .count()
        };
        assert_eq!(claude(&ledger), 1);

        // OpenAI only, at a new price: only its plan is detected again.
        let b = statement(
            dir.path(),
            "b.csv",
            &["2025-07", "2025-08", "2025-09"],
            &[("OPENAI *CHATGPT SUBSCR", "200.00")],
        );
        let b = import_file(&mut ledger, &b, &opts)
            .expect("import b")
            .batch_id;
        assert_stored_current(&ledger, "an import of one vendor's lines");
        assert_eq!(claude(&ledger), 1, "the other vendor's plan is kept");

        // Everyday lines only: the stored detection moves to the new
        // generation unchanged.
        let c = statement(dir.path(), "c.csv", &["2025-10"], &[]);
        let c = import_file(&mut ledger, &c, &opts)
            .expect("import c")
            .batch_id;
        assert_stored_current(&ledger, "an import without subscription lines");

        for (batch, what) in [
            (b, "undo of one vendor's batch"),
            (c, "undo"),
            (a, "undo of all"),
        ] {
            crate::batches::undo(&mut ledger, batch.expect("batch")).expect("undo");
            assert_stored_current(&ledger, what);
        }
        assert_eq!(claude(&ledger), 0);
    }

    #[test]
    fn edits_and_rules_leave_only_their_vendors_to_detect_again() {
        use crate::classify::{Class, MatchField, MatchKind, NewRule};
        use crate::import::{import_file, ImportOptions};
        use crate::ledger::{TxnEdit, TxnFilter};
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        let opts = ImportOptions {
            account: Some("Card".into()),
            ..ImportOptions::default()
        };
        let a = statement(
            dir.path(),
            "a.csv",
            &["2025-01", "2025-02", "2025-03", "2025-04"],
            &[
                ("OPENAI *CHATGPT SUBSCR", "20.00"),
                ("CLAUDE.AI SUBSCRIPTION", "20.00"),
            ],
        );
        import_file(&mut ledger, &a, &opts).expect("import");
        assert_stored_current(&ledger, "the import");
        let as_of = d("2030-01-01");
        let served = |l: &Ledger| subscriptions(l, as_of).expect("subs");
        let scratch = |l: &Ledger| subscriptions_from_scratch(l, as_of).expect("subs");
        let stale = |l: &Ledger| l.subs_stale().expect("stale");
        let current = |l: &Ledger| {
            let (g, _, _) = l.subs_detected().expect("read").expect("stored");
            g == l.line_generation().expect("generation")
        };

        // An edit moves one Claude charge to another vendor: both vendors
        // are listed, the stored detection stays current for the rest.
        let lines = ledger.transactions(&TxnFilter::default()).expect("lines");
        let claude = lines
            .iter()
            .find(|t| t.description.starts_with("CLAUDE"))
            .expect("a Claude line");
        ledger
            .edit_transaction(
                claude.id,
                &TxnEdit {
                    vendor: Some("perplexity".into()),
                    ..TxnEdit::default()
                },
            )
            .expect("edit");
        assert!(current(&ledger), "the edit keeps the stored detection");
        assert_eq!(stale(&ledger), ["anthropic", "perplexity"]);
        assert_eq!(served(&ledger), scratch(&ledger), "after the edit");
        assert!(stale(&ledger).is_empty(), "the first call redid them");
        assert_stored_current(&ledger, "the first call after the edit");

        // An everyday line made a subscription: its vendor is listed.
        let coffee = lines
            .iter()
            .find(|t| t.description.starts_with("BLUE BOTTLE"))
            .expect("an everyday line");
        ledger
            .edit_transaction(
                coffee.id,
                &TxnEdit {
                    class: Some("ai-subscription".into()),
                    vendor: Some("openai".into()),
                    ..TxnEdit::default()
                },
            )
            .expect("edit");
        assert_eq!(stale(&ledger), ["openai"]);
        assert_eq!(served(&ledger), scratch(&ledger), "after the second edit");

        // A product-only edit: the vendor's other lines are read from the
        // charges' index, this one by its edit.
        let chatgpt = lines
            .iter()
            .find(|t| t.description.starts_with("OPENAI"))
            .expect("a ChatGPT line");
        ledger
            .edit_transaction(
                chatgpt.id,
                &TxnEdit {
                    product: Some("ChatGPT Team".into()),
                    ..TxnEdit::default()
                },
            )
            .expect("edit");
        assert_eq!(stale(&ledger), ["openai"]);
        let after = served(&ledger);
        assert_eq!(after, scratch(&ledger), "after a product edit");
        assert!(
            after
                .iter()
                .any(|s| s.product.as_deref() == Some("ChatGPT Team")),
            "the edited product is detected: {after:?}"
        );

        // A rule that makes every OpenAI line everyday: only OpenAI.
        let rule = ledger
            .add_rule(NewRule {
                field: MatchField::Description,
                kind: MatchKind::Contains,
                pattern: "CHATGPT".into(),
                min_amount: None,
                max_amount: None,
                account: None,
                currency: None,
                class: Class::Everyday,
                vendor: None,
                product: None,
                tags: Vec::new(),
                priority: 0,
            })
            .expect("rule");
        assert!(rule.reclassified > 0);
        assert!(current(&ledger), "the rule keeps the stored detection");
        assert_eq!(stale(&ledger), ["openai"]);
        assert_eq!(served(&ledger), scratch(&ledger), "after the rule");
        ledger.remove_rule(rule.rule.id).expect("remove rule");
        assert_eq!(stale(&ledger), ["openai"]);
        assert_eq!(served(&ledger), scratch(&ledger), "after the rule went");
        assert_stored_current(&ledger, "the rule removed");

        // A stale list left by an edit is taken into the next import's
        // refresh.
        ledger
            .edit_transaction(
                claude.id,
                &TxnEdit {
                    vendor: Some("anthropic".into()),
                    ..TxnEdit::default()
                },
            )
            .expect("edit back");
        let b = statement(
            dir.path(),
            "b.csv",
            &["2025-05"],
            &[("OPENAI *CHATGPT SUBSCR", "20.00")],
        );
        import_file(&mut ledger, &b, &opts).expect("import b");
        assert!(stale(&ledger).is_empty());
        assert_stored_current(&ledger, "an import after an edit");
        assert_eq!(served(&ledger), scratch(&ledger), "after the import");
    }

    #[test]
    fn a_rule_past_the_rebuild_count_leaves_only_its_vendor_to_detect_again() {
        use crate::classify::{Class, MatchField, MatchKind, NewRule};
        use crate::import::{import_file, ImportOptions};
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        // More Midjourney lines than a re-classification counts one by one
        // (it counts every line again at its end), and a Claude plan.
        let lines = crate::ledger::rollup::REBUILD_AFTER + 50;
        let mut csv =
            String::from("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n");
        let start = d("2020-01-01");
        for i in 0..lines {
            let day = start + Duration::days(i64::try_from(i % 1500).expect("day"));
            let day = day.format("%m/%d/%Y");
            let _ = writeln!(
                csv,
                "{day},{day},MIDJOURNEY INC,Shopping,Sale,-{}.00,",
                10 + i % 7
            );
        }
        for m in 1..=12 {
            let _ = writeln!(
                csv,
                "{m:02}/05/2024,{m:02}/06/2024,CLAUDE.AI SUBSCRIPTION,Shopping,Sale,-20.00,"
            );
        }
        let path = dir.path().join("many.csv");
        std::fs::write(&path, csv).expect("write");
        let opts = ImportOptions {
            account: Some("Card".into()),
            ..ImportOptions::default()
        };
        import_file(&mut ledger, &path, &opts).expect("import");
        let as_of = d("2030-01-01");
        assert_eq!(
            subscriptions(&ledger, as_of).expect("subs"),
            subscriptions_from_scratch(&ledger, as_of).expect("subs")
        );
        let rule = ledger
            .add_rule(NewRule {
                field: MatchField::Description,
                kind: MatchKind::Contains,
                pattern: "MIDJOURNEY".into(),
                min_amount: None,
                max_amount: None,
                account: None,
                currency: None,
                class: Class::AiSubscription,
                vendor: Some("midjourney".into()),
                product: Some("Rule plan".into()),
                tags: Vec::new(),
                priority: 0,
            })
            .expect("rule");
        assert!(rule.reclassified > crate::ledger::rollup::REBUILD_AFTER);
        let (g, _, _) = ledger.subs_detected().expect("read").expect("stored");
        assert_eq!(
            g,
            ledger.line_generation().expect("generation"),
            "the stored detection stays current"
        );
        assert_eq!(ledger.subs_stale().expect("stale"), ["midjourney"]);
        let served = subscriptions(&ledger, as_of).expect("subs");
        assert_eq!(
            served,
            subscriptions_from_scratch(&ledger, as_of).expect("subs")
        );
        assert!(served
            .iter()
            .any(|s| s.product.as_deref() == Some("Rule plan")));
        assert!(ledger.subs_stale().expect("stale").is_empty());
        let rollup = ledger.rollup_differences().expect("check");
        assert!(rollup.is_empty(), "{rollup:?}");
        let tally = ledger.tally_differences().expect("check");
        assert!(tally.is_empty(), "{tally:?}");
    }

    #[test]
    fn months_keep_the_anchor_day_clamped() {
        assert_eq!(add_months(d("2025-01-31"), 1, 31), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2025-02-28"), 1, 31), Some(d("2025-03-31")));
        assert_eq!(add_months(d("2024-02-29"), 12, 29), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2025-12-15"), 1, 15), Some(d("2026-01-15")));
    }

    #[test]
    fn fx_drift_is_not_a_price_change_but_a_new_price_is() {
        let usd = Currency::USD;
        let a = Price {
            value: -18_400_000,
            currency: Currency::EUR,
            original: false,
        };
        let b = Price {
            value: -19_300_000,
            ..a
        };
        assert!(a.matches(&b), "5% drift");
        let p = Price {
            value: -20_000_000,
            currency: usd,
            original: true,
        };
        assert!(!p.matches(&Price {
            value: -22_000_000,
            ..p
        }));
        assert!(p.matches(&Price {
            value: -20_000_000,
            ..p
        }));
    }
}

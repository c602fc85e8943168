//! The bell, the credit and budget panels, and the alert settings of the
//! desktop app: read models and actions over `crate::{alerts, credits,
//! budgets}`, taking the instant and the UTC offset the shell gives.
//!
//! Invariant: it shapes, it does not decide: every alert, figure and status
//! comes from the domain modules; "today" is the user's local date at the
//! instant given, converted once by `alerts::local_date`.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ai_provider::Provider;
use crate::alerts::{self, Alert, AlertError, AlertKind, AlertSettings, Cancellation};
use crate::budgets::{
    self, Budget, BudgetError, BudgetStatus, NewBudget, Period, PlanValue, Scope,
};
use crate::credits::{self, CreditAccount, NewGrant};
use crate::money::Currency;
use crate::msg;
use crate::Ledger;
use rust_decimal::Decimal;

/// What the bell and the panels show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AlertsView {
    pub as_of: NaiveDate,
    /// Shown alerts: not dismissed, of a kind turned on.
    pub alerts: Vec<Alert>,
    pub credits: Vec<CreditAccount>,
    pub budgets: Vec<BudgetStatus>,
    /// This month's plan usage at API prices against the plans' price.
    pub plan_value: Vec<PlanValue>,
    /// Why plan value is left out: the user's `prices.toml` beside the
    /// ledger could not be read. The bell, credits and budgets still show.
    pub plan_value_error: Option<crate::i18n::Msg>,
    pub settings: AlertSettings,
    /// Plans the user marked cancelled (each can be taken back).
    pub cancellations: Vec<Cancellation>,
}

/// A budget as the app's form gives it: every field as typed, parsed and
/// checked here (the CLI's `budget set` takes the same).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct BudgetInput {
    /// `provider`, `vendor`, `class` or `tag`.
    pub scope_kind: String,
    /// `openai`, `cursor`, `ai-api` / `ai-subscription` / `ai`, `client:acme`.
    pub scope_value: String,
    /// The limit, e.g. `100.00`.
    pub amount: String,
    pub currency: String,
    /// `monthly` or `YYYY-MM-DD..YYYY-MM-DD`.
    pub period: String,
}

/// Granted or promotional credit, as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct GrantInput {
    pub provider: String,
    /// The organization (`org-…`), where the provider has several; empty:
    /// none.
    pub organization: String,
    pub amount: String,
    pub currency: String,
    /// The local date it was granted, `YYYY-MM-DD`.
    pub on: String,
    /// When it expires, `YYYY-MM-DD`; empty: never.
    pub expires: String,
    pub note: String,
}

/// "My billing page says X on this date", as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct BalanceInput {
    pub provider: String,
    /// The organization, where the provider has several; empty: none.
    pub organization: String,
    /// The balance shown (may be negative).
    pub amount: String,
    pub currency: String,
    /// The local date the page showed it, `YYYY-MM-DD`.
    pub on: String,
}

/// A plan to mark cancelled, as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CancelInput {
    pub vendor: String,
    /// Only this plan of the vendor; empty or none: every plan.
    pub product: Option<String>,
    /// The local date it was cancelled, `YYYY-MM-DD`.
    pub on: String,
}

/// A form's field, as the catalogs name it (`form-field`'s selector).
#[derive(Clone, Copy)]
enum Field {
    Amount,
    Balance,
    Date,
    Expiry,
}

impl Field {
    fn id(self) -> &'static str {
        match self {
            Field::Amount => "amount",
            Field::Balance => "balance",
            Field::Date => "date",
            Field::Expiry => "expiry",
        }
    }
}

/// A form's amount: a plain decimal (`12.34`, `-3`), named by its field.
fn amount(field: Field, text: &str) -> Result<Decimal, AlertError> {
    if text.trim().is_empty() {
        return Err(AlertError::Form(msg!(
            "form-amount-empty",
            field = field.id()
        )));
    }
    crate::money::parse_plain_decimal(text).map_err(|_| {
        AlertError::Form(msg!(
            "form-amount-bad",
            field = field.id(),
            found = text.trim()
        ))
    })
}

/// A form's date, `YYYY-MM-DD`, named by its field.
fn date(field: Field, text: &str) -> Result<NaiveDate, AlertError> {
    if text.trim().is_empty() {
        return Err(AlertError::Form(msg!(
            "form-date-empty",
            field = field.id()
        )));
    }
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AlertError::Form(msg!(
            "form-date-bad",
            field = field.id(),
            found = text.trim()
        ))
    })
}

fn currency(text: &str) -> Result<Currency, AlertError> {
    let t = text.trim();
    let t = if t.is_empty() { "USD" } else { t };
    t.parse::<Currency>()
        .map_err(|_| AlertError::Form(msg!("form-currency-bad", found = t)))
}

fn provider(text: &str) -> Result<Provider, AlertError> {
    text.parse::<Provider>()
        .map_err(|e| AlertError::Budget(BudgetError::UnknownProvider(e)))
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Sets a budget from the form; nothing is stored when a field is bad.
pub fn set_budget(ledger: &mut Ledger, input: &BudgetInput) -> Result<Budget, AlertError> {
    let b = NewBudget {
        scope: Scope::parse(input.scope_kind.trim(), &input.scope_value)?,
        amount: amount(Field::Amount, &input.amount)?,
        currency: currency(&input.currency)?,
        period: Period::parse(&input.period)?,
    };
    Ok(budgets::set_budget(ledger, &b)?)
}

/// Removes a budget.
pub fn remove_budget(ledger: &mut Ledger, id: i64) -> Result<(), AlertError> {
    Ok(budgets::remove_budget(ledger, id)?)
}

/// Grants credit from the form; returns the grant's id.
pub fn add_grant(ledger: &mut Ledger, input: &GrantInput) -> Result<i64, AlertError> {
    let expires = match optional(&input.expires) {
        Some(e) => Some(date(Field::Expiry, &e)?),
        None => None,
    };
    let g = NewGrant {
        provider: provider(&input.provider)?,
        organization: optional(&input.organization),
        amount: amount(Field::Amount, &input.amount)?,
        currency: currency(&input.currency)?,
        on: date(Field::Date, &input.on)?,
        expires,
        note: optional(&input.note),
    };
    Ok(credits::grant(ledger, &g)?)
}

/// Records the balance a billing page showed; returns the account on that
/// date, its `unexplained` difference included.
pub fn set_balance(ledger: &mut Ledger, input: &BalanceInput) -> Result<CreditAccount, AlertError> {
    let p = provider(&input.provider)?;
    let a = amount(Field::Balance, &input.amount)?;
    let c = currency(&input.currency)?;
    let on = date(Field::Date, &input.on)?;
    let org = optional(&input.organization);
    Ok(credits::set_balance(ledger, p, org.as_deref(), a, c, on)?)
}

/// Marks a plan cancelled (`lapsed_still_charged` fires on a later charge).
pub fn mark_cancelled(
    ledger: &mut Ledger,
    input: &CancelInput,
) -> Result<Cancellation, AlertError> {
    let on = date(Field::Date, &input.on)?;
    alerts::mark_cancelled(ledger, &input.vendor, input.product.as_deref(), on)
}

/// Takes a cancellation mark back.
pub fn unmark_cancelled(ledger: &mut Ledger, id: i64) -> Result<(), AlertError> {
    alerts::unmark_cancelled(ledger, id)
}

/// A change to the alert settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AlertSettingInput {
    Kind { kind: AlertKind, enabled: bool },
    Quiet { quiet: bool },
}

fn offset(minutes: i32) -> Result<FixedOffset, AlertError> {
    FixedOffset::east_opt(minutes.saturating_mul(60))
        .ok_or_else(|| AlertError::Form(crate::msg!("apperr-alert-bad-offset", minutes = minutes)))
}

/// The user's local date at `now`, `utc_offset_minutes` east of UTC.
pub fn today(now: DateTime<Utc>, utc_offset_minutes: i32) -> Result<NaiveDate, AlertError> {
    Ok(alerts::local_date(now, offset(utc_offset_minutes)?))
}

/// The bell, the credits and the budgets at `now`.
pub fn alerts_view(
    ledger: &Ledger,
    now: DateTime<Utc>,
    utc_offset_minutes: i32,
) -> Result<AlertsView, AlertError> {
    let as_of = today(now, utc_offset_minutes)?;
    let all = alerts::compute_all(ledger, as_of)?;
    let settings = alerts::settings(ledger)?;
    let zone = crate::usage::Zone::Fixed(offset(utc_offset_minutes)?);
    // A broken price list leaves plan value out and says why; it never
    // takes the bell, the credits or the budgets down with it.
    let (plan_value, plan_value_error) = match crate::usage::prices_for(ledger) {
        Ok(prices) => (
            budgets::plan_value(ledger, &prices, as_of, zone, &all.subscriptions)?,
            None,
        ),
        Err(e) => (
            Vec::new(),
            Some(crate::msg!(
                "plan-value-price-list-error",
                error = e.to_string()
            )),
        ),
    };
    let mut budgets = all.budgets;
    budgets::attach_plan_value(&mut budgets, &plan_value)?;
    Ok(AlertsView {
        as_of,
        alerts: alerts::shown(all.alerts, &settings),
        credits: all.credits,
        budgets,
        plan_value,
        plan_value_error,
        settings,
        cancellations: alerts::cancellations(ledger)?,
    })
}

/// The alerts to raise as notifications now (none in quiet mode). They stay
/// due until the shell reports them shown with [`mark_notified`], so one
/// the system could not show is tried again on the next round.
pub fn due_notifications(
    ledger: &Ledger,
    now: DateTime<Utc>,
    utc_offset_minutes: i32,
) -> Result<Vec<Alert>, AlertError> {
    let as_of = today(now, utc_offset_minutes)?;
    alerts::to_notify(ledger, as_of)
}

/// Records that the alerts `ids` were shown as notifications at `now`.
pub fn mark_notified(
    ledger: &mut Ledger,
    ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), AlertError> {
    alerts::mark_notified(ledger, ids, now)
}

/// Dismisses an alert shown at `now`.
pub fn dismiss_alert(
    ledger: &mut Ledger,
    id: &str,
    now: DateTime<Utc>,
    utc_offset_minutes: i32,
) -> Result<Alert, AlertError> {
    let as_of = today(now, utc_offset_minutes)?;
    alerts::dismiss(ledger, id, as_of, now)
}

/// Changes a setting; returns the settings.
pub fn set_alert_setting(
    ledger: &mut Ledger,
    input: &AlertSettingInput,
) -> Result<AlertSettings, AlertError> {
    match input {
        AlertSettingInput::Kind { kind, enabled } => {
            alerts::set_kind_enabled(ledger, *kind, *enabled)
        }
        AlertSettingInput::Quiet { quiet } => alerts::set_quiet(ledger, *quiet),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A monthly budget of 10 USD for OpenAI.
    fn openai_budget(l: &mut Ledger) {
        crate::budgets::set_budget(
            l,
            &crate::budgets::NewBudget {
                scope: crate::budgets::Scope::parse("provider", "openai").expect("scope"),
                amount: "10".parse().expect("amount"),
                currency: crate::money::Currency::USD,
                period: crate::budgets::Period::Monthly,
            },
        )
        .expect("budget");
    }

    #[test]
    fn a_broken_price_list_leaves_plan_value_out_and_the_rest_shown() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("prices.toml"), "this is [not toml").expect("write");
        let mut l = Ledger::open(&dir.path().join("ledger.sqlite")).expect("ledger");
        openai_budget(&mut l);
        let now: DateTime<Utc> = "2026-12-05T10:00:00Z".parse().expect("now");
        let view = alerts_view(&l, now, 0).expect("the view despite the price list");
        assert_eq!(view.budgets.len(), 1);
        assert!(view.plan_value.is_empty());
        let msg = view.plan_value_error.expect("the reason");
        let en = crate::i18n::render(crate::i18n::Lang::En, &msg);
        assert!(en.contains("prices.toml"), "{en}");
        // A good price list: no reason given.
        std::fs::remove_file(dir.path().join("prices.toml")).expect("rm");
        let view = alerts_view(&l, now, 0).expect("view");
        assert!(view.plan_value_error.is_none());
    }

    #[test]
    fn notifications_are_taken_once_and_never_in_quiet_mode() {
        let mut l = Ledger::open_in_memory().expect("ledger");
        openai_budget(&mut l);
        let now: DateTime<Utc> = "2026-12-05T10:00:00Z".parse().expect("now");
        let view = alerts_view(&l, now, 480).expect("view");
        assert_eq!(view.as_of.to_string(), "2026-12-05");
        assert_eq!(view.budgets.len(), 1);
        // Nothing spent: no alert, nothing to notify.
        assert!(due_notifications(&l, now, 480).expect("due").is_empty());
        assert!(today(now, 100_000).is_err());
        let s =
            set_alert_setting(&mut l, &AlertSettingInput::Quiet { quiet: true }).expect("quiet");
        assert!(s.quiet);
    }

    #[test]
    fn the_forms_organization_reaches_its_account() {
        let mut l = Ledger::open_in_memory().expect("ledger");
        let now: DateTime<Utc> = "2026-12-05T10:00:00Z".parse().expect("now");
        for (org, amount) in [(" org-A ", "5.00"), ("org-B", "3.00")] {
            add_grant(
                &mut l,
                &GrantInput {
                    provider: "openai".into(),
                    organization: org.into(),
                    amount: amount.into(),
                    currency: "USD".into(),
                    on: "2026-12-01".into(),
                    expires: String::new(),
                    note: String::new(),
                },
            )
            .expect("grant");
        }
        let a = set_balance(
            &mut l,
            &BalanceInput {
                provider: "openai".into(),
                organization: "org-B".into(),
                amount: "2.50".into(),
                currency: "USD".into(),
                on: "2026-12-05".into(),
            },
        )
        .expect("balance");
        assert_eq!(a.organization.as_deref(), Some("org-B"));
        assert_eq!(a.unexplained.to_string(), "-0.50");
        let view = alerts_view(&l, now, 0).expect("view");
        let accounts: Vec<(Option<&str>, String)> = view
            .credits
            .iter()
            .map(|c| (c.organization.as_deref(), c.balance.to_string()))
            .collect();
        assert_eq!(
            accounts,
            [
                (Some("org-A"), "5.00".to_owned()),
                (Some("org-B"), "2.50".to_owned())
            ]
        );
    }

    fn budget(kind: &str, value: &str, amount: &str, period: &str) -> BudgetInput {
        BudgetInput {
            scope_kind: kind.into(),
            scope_value: value.into(),
            amount: amount.into(),
            currency: "USD".into(),
            period: period.into(),
        }
    }

    #[test]
    fn a_bad_field_reads_in_the_users_language() {
        let mut l = Ledger::open_in_memory().expect("ledger");
        let e = set_budget(&mut l, &budget("class", "ai-api", "1,5", "monthly"))
            .expect_err("bad amount");
        let (_, dto) = crate::app::describe(&e);
        let m = dto.msg.expect("a catalog message");
        assert_eq!(m.id, "form-amount-bad");
        assert_eq!(
            m.render(crate::i18n::Lang::En),
            "the amount \"1,5\" is not an amount; write it with a point and no separators, such as 12.34"
        );
        assert_eq!(
            m.render(crate::i18n::Lang::ZhCn),
            "金额“1,5”不是金额；请用小数点、不加千位分隔符，例如 12.34"
        );
    }

    #[test]
    fn forms_set_and_remove_and_bad_fields_change_nothing() {
        let mut l = Ledger::open_in_memory().expect("ledger");
        let now: DateTime<Utc> = "2026-12-05T10:00:00Z".parse().expect("now");
        for (input, says) in [
            (
                budget("class", "ai-api", "abc", "monthly"),
                "\"abc\" is not an amount",
            ),
            (
                budget("class", "ai-api", "", "monthly"),
                "the amount is empty",
            ),
            (
                budget("class", "ai-api", "-5", "monthly"),
                "expected a positive amount",
            ),
            (
                budget("class", "movies", "5", "monthly"),
                "class \"movies\" has no budget",
            ),
            (budget("provider", "acme", "5", "monthly"), "acme"),
            (
                budget("tag", "client:a", "5", "2026-12-31..2026-12-01"),
                "ends before it starts",
            ),
            (budget("vendor", "", "5", "monthly"), "the vendor is empty"),
        ] {
            let e = set_budget(&mut l, &input).expect_err("bad");
            assert!(e.is_bad_input(), "{e}");
            assert!(e.to_string().contains(says), "{e}");
        }
        assert!(budgets::budgets(&l).expect("list").is_empty());
        let b = set_budget(&mut l, &budget("class", "ai", "100", "monthly")).expect("budget");
        set_budget(
            &mut l,
            &budget("tag", "client:acme", "50.5", "2026-12-01..2026-12-31"),
        )
        .expect("period budget");
        let view = alerts_view(&l, now, 0).expect("view");
        assert_eq!(view.budgets.len(), 2);
        assert_eq!(view.budgets[0].scope, "class:ai");
        remove_budget(&mut l, b.id).expect("remove");
        assert!(remove_budget(&mut l, b.id).is_err());
        assert_eq!(budgets::budgets(&l).expect("list").len(), 1);

        let grant = |amount: &str, on: &str, expires: &str| GrantInput {
            provider: "openai".into(),
            organization: String::new(),
            amount: amount.into(),
            currency: "USD".into(),
            on: on.into(),
            expires: expires.into(),
            note: " ".into(),
        };
        for (input, says) in [
            (grant("5", "12/01/2026", ""), "\"12/01/2026\" is not a date"),
            (grant("5", "2026-12-01", "2026-11-01"), "is not after"),
            (grant("0", "2026-12-01", ""), "expected a positive amount"),
        ] {
            let e = add_grant(&mut l, &input).expect_err("bad");
            assert!(e.to_string().contains(says), "{e}");
        }
        add_grant(&mut l, &grant("5.00", "2026-12-01", "2027-03-01")).expect("grant");
        let view = alerts_view(&l, now, 0).expect("view");
        assert_eq!(view.credits.len(), 1);
        assert_eq!(view.credits[0].balance.to_string(), "5.00");

        let a = set_balance(
            &mut l,
            &BalanceInput {
                provider: "openai".into(),
                organization: String::new(),
                amount: "4.25".into(),
                currency: "".into(),
                on: "2026-12-05".into(),
            },
        )
        .expect("balance");
        assert_eq!(a.unexplained.to_string(), "-0.75");
        let e = set_balance(
            &mut l,
            &BalanceInput {
                provider: "nope".into(),
                organization: String::new(),
                amount: "1".into(),
                currency: "USD".into(),
                on: "2026-12-05".into(),
            },
        )
        .expect_err("provider");
        assert!(e.is_bad_input());

        let c = mark_cancelled(
            &mut l,
            &CancelInput {
                vendor: "openai".into(),
                product: Some("ChatGPT Plus".into()),
                on: "2026-11-30".into(),
            },
        )
        .expect("cancel");
        assert_eq!(
            alerts_view(&l, now, 0).expect("view").cancellations,
            std::slice::from_ref(&c)
        );
        unmark_cancelled(&mut l, c.id).expect("undo");
        assert!(unmark_cancelled(&mut l, c.id).is_err());
        assert!(alerts_view(&l, now, 0)
            .expect("view")
            .cancellations
            .is_empty());
    }
}

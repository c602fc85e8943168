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

use crate::alerts::{self, Alert, AlertError, AlertKind, AlertSettings};
use crate::budgets::{self, BudgetStatus};
use crate::credits::{self, CreditAccount};
use crate::Ledger;

/// What the bell and the panels show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AlertsView {
    pub as_of: NaiveDate,
    /// Shown alerts: not dismissed, of a kind turned on.
    pub alerts: Vec<Alert>,
    pub credits: Vec<CreditAccount>,
    pub budgets: Vec<BudgetStatus>,
    pub settings: AlertSettings,
}

/// A change to the alert settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AlertSettingInput {
    Kind { kind: AlertKind, enabled: bool },
    Quiet { quiet: bool },
}

fn offset(minutes: i32) -> Result<FixedOffset, AlertError> {
    FixedOffset::east_opt(minutes.saturating_mul(60)).ok_or_else(|| {
        AlertError::BadInput(format!(
            "UTC offset {minutes} minutes is not an offset; expected -1080 to 1080"
        ))
    })
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
    Ok(AlertsView {
        as_of,
        alerts: alerts::alerts(ledger, as_of, false)?,
        credits: credits::credits(ledger, None, as_of)?,
        budgets: budgets::budget_status(ledger, as_of)?,
        settings: alerts::settings(ledger)?,
    })
}

/// The alerts to raise as notifications now, marked notified in the same
/// call: a shell that shows them raises each once.
pub fn take_notifications(
    ledger: &mut Ledger,
    now: DateTime<Utc>,
    utc_offset_minutes: i32,
) -> Result<Vec<Alert>, AlertError> {
    let as_of = today(now, utc_offset_minutes)?;
    let list = alerts::to_notify(ledger, as_of)?;
    let ids: Vec<String> = list.iter().map(|a| a.id.clone()).collect();
    alerts::mark_notified(ledger, &ids, now)?;
    Ok(list)
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

    #[test]
    fn notifications_are_taken_once_and_never_in_quiet_mode() {
        let mut l = Ledger::open_in_memory().expect("ledger");
        crate::budgets::set_budget(
            &mut l,
            &crate::budgets::NewBudget {
                scope: crate::budgets::Scope::parse("provider", "openai").expect("scope"),
                amount: "10".parse().expect("amount"),
                currency: crate::money::Currency::USD,
                period: crate::budgets::Period::Monthly,
            },
        )
        .expect("budget");
        let now: DateTime<Utc> = "2026-12-05T10:00:00Z".parse().expect("now");
        let view = alerts_view(&l, now, 480).expect("view");
        assert_eq!(view.as_of.to_string(), "2026-12-05");
        assert_eq!(view.budgets.len(), 1);
        // Nothing spent: no alert, nothing to notify.
        assert!(take_notifications(&mut l, now, 480)
            .expect("take")
            .is_empty());
        assert!(today(now, 100_000).is_err());
        let s =
            set_alert_setting(&mut l, &AlertSettingInput::Quiet { quiet: true }).expect("quiet");
        assert!(s.quiet);
    }
}

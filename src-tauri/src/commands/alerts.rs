//! The bell (alerts), the credit and budget panels, the alert settings and
//! start-at-login; and the notifier that raises alerts as native desktop
//! notifications when the app starts and every [`NOTIFY_EVERY`] while it runs.
//!
//! Invariant: which alert exists, and which one is due a notification, is
//! decided by the core (`app::alerts_view`); this file only passes it the
//! instant and the machine's UTC offset, and shows what it returns. Each
//! alert is notified once: marked in the core once it was shown. A
//! notification speaks the UI's language (told by `set_language`), rendered
//! from the core's catalogs.

use std::time::Duration;

use aispend_core::alerts::{Alert, AlertSettings, Cancellation};
use aispend_core::app::alerts_view::{
    self, AlertSettingInput, AlertsView, BalanceInput, BudgetInput, CancelInput, GrantInput,
};
use aispend_core::app::ErrorCode;
use aispend_core::budgets::Budget;
use aispend_core::clock::now_utc;
use aispend_core::credits::CreditAccount;
use aispend_core::i18n::{Lang, Msg};
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt as _;
use tauri_plugin_notification::NotificationExt as _;

use super::{blocking, Res};
use crate::{AppState, CommandError};

/// How often the running app looks for new alerts.
pub const NOTIFY_EVERY: Duration = Duration::from_secs(15 * 60);

/// The machine's UTC offset now, in minutes east of UTC.
fn utc_offset_minutes() -> i32 {
    chrono::Local::now().offset().local_minus_utc() / 60
}

#[tauri::command]
pub async fn alerts_view(app: AppHandle) -> Res<AlertsView> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| {
            Ok(alerts_view::alerts_view(
                l,
                now_utc(),
                utc_offset_minutes(),
            )?)
        })
    })
    .await
}

#[tauri::command]
pub async fn dismiss_alert(app: AppHandle, id: String) -> Res<Alert> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| {
            Ok(alerts_view::dismiss_alert(
                l,
                &id,
                now_utc(),
                utc_offset_minutes(),
            )?)
        })
    })
    .await
}

#[tauri::command]
pub async fn set_alert_setting(app: AppHandle, input: AlertSettingInput) -> Res<AlertSettings> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::set_alert_setting(l, &input)?))
    })
    .await
}

#[tauri::command]
pub async fn set_budget(app: AppHandle, input: BudgetInput) -> Res<Budget> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::set_budget(l, &input)?))
    })
    .await
}

#[tauri::command]
pub async fn remove_budget(app: AppHandle, id: i64) -> Res<i64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::remove_budget(l, id).map(|()| id)?))
    })
    .await
}

#[tauri::command]
pub async fn add_grant(app: AppHandle, input: GrantInput) -> Res<i64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::add_grant(l, &input)?))
    })
    .await
}

#[tauri::command]
pub async fn set_credit_balance(app: AppHandle, input: BalanceInput) -> Res<CreditAccount> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::set_balance(l, &input)?))
    })
    .await
}

#[tauri::command]
pub async fn mark_cancelled(app: AppHandle, input: CancelInput) -> Res<Cancellation> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::mark_cancelled(l, &input)?))
    })
    .await
}

#[tauri::command]
pub async fn unmark_cancelled(app: AppHandle, id: i64) -> Res<i64> {
    blocking(app, move |_, s| {
        s.with_ledger(|l| Ok(alerts_view::unmark_cancelled(l, id).map(|()| id)?))
    })
    .await
}

fn autostart_error(e: impl std::fmt::Display) -> CommandError {
    CommandError {
        code: ErrorCode::Internal,
        message: format!("could not change start at login: {e}"),
        msg: None,
    }
}

/// Whether the app starts at login (off unless the user turned it on).
#[tauri::command]
pub fn autostart_status(app: AppHandle) -> Res<bool> {
    app.autolaunch().is_enabled().map_err(autostart_error)
}

#[tauri::command]
pub fn set_autostart(app: AppHandle, enabled: bool) -> Res<bool> {
    let launcher = app.autolaunch();
    if enabled {
        launcher.enable().map_err(autostart_error)?;
    } else {
        launcher.disable().map_err(autostart_error)?;
    }
    launcher.is_enabled().map_err(autostart_error)
}

/// The UI tells the shell its language: at start and on every switch, so
/// the notifications raised afterwards speak it.
#[tauri::command]
pub fn set_language(app: AppHandle, lang: Lang) -> Lang {
    app.state::<AppState>().set_lang(lang);
    lang
}

/// A notification's title and body for `alert`, in `lang`.
pub fn notification_text(lang: Lang, alert: &Alert) -> (String, String) {
    let title = Msg::new("notify-title").arg("subject", alert.subject.as_str());
    (title.render(lang), alert.msg.render(lang))
}

/// Raises the alerts due a notification now; returns how many were shown.
/// Only those are marked notified: one the system refused stays due and is
/// tried again on the next round.
pub fn notify_now(app: &AppHandle) -> usize {
    let state = app.state::<AppState>();
    let now = now_utc();
    let due = state.with_ledger(|l| {
        Ok(alerts_view::due_notifications(
            l,
            now,
            utc_offset_minutes(),
        )?)
    });
    let Ok(due) = due else {
        return 0;
    };
    let lang = state.lang();
    let shown = raise(&due, |a| {
        let (title, body) = notification_text(lang, a);
        let result = app
            .notification()
            .builder()
            .title(&title)
            .body(&body)
            .show();
        match result {
            Ok(()) => true,
            Err(error) => {
                eprintln!("AI Spend could not show a notification: {error}");
                false
            }
        }
    });
    if shown.is_empty() {
        return 0;
    }
    match state.with_ledger(|l| Ok(alerts_view::mark_notified(l, &shown, now)?)) {
        Ok(()) => shown.len(),
        Err(error) => {
            eprintln!("AI Spend could not record its notifications: {error:?}");
            0
        }
    }
}

/// Shows each alert of `due` with `show`; returns the ids of those shown.
fn raise(due: &[Alert], mut show: impl FnMut(&Alert) -> bool) -> Vec<String> {
    due.iter()
        .filter(|a| show(a))
        .map(|a| a.id.clone())
        .collect()
}

/// How long the first round waits for the UI to say its language before it
/// falls back on the system's.
const WAIT_FOR_LANGUAGE: Duration = Duration::from_secs(10);

/// Starts the notifier: once the UI has said its language (or after
/// [`WAIT_FOR_LANGUAGE`]), then every [`NOTIFY_EVERY`].
pub fn start_notifier(app: AppHandle) {
    std::thread::spawn(move || {
        let step = Duration::from_millis(200);
        let mut waited = Duration::ZERO;
        while app.state::<AppState>().ui_lang().is_none() && waited < WAIT_FOR_LANGUAGE {
            std::thread::sleep(step);
            waited += step;
        }
        loop {
            notify_now(&app);
            std::thread::sleep(NOTIFY_EVERY);
        }
    });
}

#[cfg(test)]
mod tests {
    use aispend_core::alerts::{Alert, AlertKind};
    use aispend_core::i18n::{Lang, Msg};
    use aispend_core::money::{from_micros, Currency};
    use aispend_core::Ledger;

    use super::{notification_text, raise};
    use crate::{AppState, CommandError};

    fn renewal() -> Alert {
        let msg = Msg::new("alert-renewal-soon")
            .arg("plan", "ChatGPT Plus")
            .arg("date", "2026-12-09")
            .arg("amount", "20.00")
            .arg("currency", "USD")
            .arg("cadence", "monthly");
        Alert {
            id: "renewal_soon-0123456789".into(),
            kind: AlertKind::RenewalSoon,
            subject: "ChatGPT Plus".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap_or_default(),
            amount: from_micros(-20_000_000),
            currency: Currency::USD,
            message: "ChatGPT Plus renews on 2026-12-09 for 20.00 USD (monthly)".into(),
            msg,
            rows: vec![],
            lines: vec![],
            dismissed: false,
            notified: false,
        }
    }

    #[test]
    fn only_the_notifications_shown_are_marked() {
        let first = renewal();
        let mut second = renewal();
        second.id = "renewal_soon-9876543210".into();
        let due = [first, second];
        let mut tried = Vec::new();
        let shown = raise(&due, |a| {
            tried.push(a.id.clone());
            a.id != "renewal_soon-0123456789"
        });
        assert_eq!(tried.len(), 2, "each due alert is tried");
        assert_eq!(shown, vec!["renewal_soon-9876543210".to_string()]);
        assert!(raise(&due, |_| false).is_empty());
    }

    #[test]
    fn english_notifications_read_as_before() {
        let a = renewal();
        let (title, body) = notification_text(Lang::En, &a);
        assert_eq!(title, "AI Spend: ChatGPT Plus");
        assert_eq!(body, a.message);
    }

    #[test]
    fn chinese_notifications_come_from_the_zh_catalog() {
        let (title, body) = notification_text(Lang::ZhCn, &renewal());
        assert_eq!(title, "AI Spend 提醒：ChatGPT Plus");
        assert!(
            body.starts_with("ChatGPT Plus 将于 2026-12-09 续订"),
            "{body}"
        );
        assert!(!body.contains("renews"), "{body}");
    }

    #[test]
    fn the_shell_speaks_the_language_the_ui_last_told_it() {
        let state = AppState::new(Ledger::open_in_memory().map_err(CommandError::from));
        assert_eq!(state.ui_lang(), None);
        state.set_lang(Lang::ZhCn);
        assert_eq!(state.lang(), Lang::ZhCn);
        state.set_lang(Lang::En);
        assert_eq!(state.lang(), Lang::En);
    }
}

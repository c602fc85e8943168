//! The desktop shell: opens the ledger, hands it to the commands and starts
//! the window. It only translates between the UI and `aispend_core` (SPEC §1);
//! every rule lives in the core.

pub mod commands;
mod dialogs;
pub mod files;
pub mod renderer;

use std::path::PathBuf;
use std::sync::Mutex;

use aispend_core::app::{ErrorCode, ErrorDto};
use aispend_core::i18n::Lang;
use aispend_core::Ledger;
use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};

/// An error as the UI receives it: `{ code, message }`.
pub type CommandError = ErrorDto;

/// The environment variable that points the app at a ledger file, before the
/// default location (the same override the CLI honours).
pub const LEDGER_ENV: &str = "AISPEND_DB";

/// The ledger the app works on and the files the user handed it, shared by
/// all commands.
#[derive(Debug)]
pub struct AppState {
    ledger: Mutex<Result<Ledger, CommandError>>,
    pub files: files::FileRegistry,
    /// The running sync's cancel flag, if a sync runs.
    pub sync_cancel: Mutex<Option<std::sync::Arc<std::sync::atomic::AtomicBool>>>,
    /// The language the UI speaks, as it told the shell (`set_language`, at
    /// start and on every switch); `None` until it has.
    ui_lang: Mutex<Option<Lang>>,
}

pub(crate) fn poisoned() -> CommandError {
    ErrorDto {
        code: ErrorCode::Internal,
        message: "an earlier command failed while using the ledger; restart AI Spend".into(),
        msg: None,
    }
}

pub(crate) fn no_data_dir() -> CommandError {
    ErrorDto {
        code: ErrorCode::NoDataDir,
        message: format!(
            "this system has no home folder to keep the ledger in; set {LEDGER_ENV} to a file path"
        ),
        msg: None,
    }
}

impl AppState {
    /// Wraps an opened ledger, or the error that prevented opening it: the
    /// window still starts and shows that error instead of crashing.
    pub fn new(ledger: Result<Ledger, CommandError>) -> Self {
        Self {
            ledger: Mutex::new(ledger),
            files: files::FileRegistry::default(),
            sync_cancel: Mutex::new(None),
            ui_lang: Mutex::new(None),
        }
    }

    /// The language the UI told the shell, if it has.
    pub fn ui_lang(&self) -> Option<Lang> {
        self.ui_lang.lock().ok().and_then(|g| *g)
    }

    /// The language the shell writes its own text in (notifications): the
    /// UI's, or before the UI has said, the system's locale variables.
    pub fn lang(&self) -> Lang {
        self.ui_lang()
            .unwrap_or_else(|| Lang::from_locale_vars(|name| std::env::var(name).ok()))
    }

    /// Remembers the language the UI speaks.
    pub fn set_lang(&self, lang: Lang) {
        if let Ok(mut g) = self.ui_lang.lock() {
            *g = Some(lang);
        }
    }

    /// Runs `f` with the ledger, or returns why there is none.
    pub fn with_ledger<T>(
        &self,
        f: impl FnOnce(&mut Ledger) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self.ledger.lock().map_err(|_| poisoned())?;
        match &mut *guard {
            Ok(ledger) => f(ledger),
            Err(error) => Err(error.clone()),
        }
    }
}

/// Where this build keeps its ledger: `AISPEND_DB` if set, else the platform
/// data folder of the shipped app (release) or of the dev identifier (debug),
/// so development never touches the user's ledger.
pub fn ledger_path() -> Option<PathBuf> {
    match std::env::var_os(LEDGER_ENV) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => aispend_core::paths::default_ledger_path(cfg!(debug_assertions)),
    }
}

/// Opens the ledger this build uses (see [`ledger_path`]).
pub fn open_ledger() -> Result<Ledger, CommandError> {
    let path = ledger_path().ok_or_else(no_data_dir)?;
    Ledger::open(&path).map_err(CommandError::from)
}

/// Starts the app. Called by `main`, before any other thread exists.
pub fn run() {
    renderer::choose();
    let state = AppState::new(open_ledger());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        // Offered in Settings, off until the user turns it on.
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .manage(state)
        .setup(|app| {
            // Alerts as notifications: at start, then while the app runs.
            commands::alerts::start_notifier(app.handle().clone());
            // The agent log folders the user turned on: at start, then
            // every few minutes.
            commands::usage::start_watch(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // Files dropped on the window: the shell registers their paths
            // and tells the UI their tokens; the UI never sees a path.
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, position }) = event {
                let state = window.state::<AppState>();
                let files = state.files.register(paths.iter().cloned());
                // The drop point in CSS pixels, so the UI can find the line
                // it fell on.
                let at = window
                    .scale_factor()
                    .ok()
                    .map(|scale| position.to_logical::<f64>(scale));
                let dropped = aispend_core::app::import_view::FilesDropped {
                    files,
                    x: at.map(|p| p.x),
                    y: at.map(|p| p.y),
                };
                let _ = window.emit("files-dropped", dropped);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::dashboard::ledger_overview,
            commands::dashboard::ledger_version,
            commands::dashboard::dashboard,
            commands::txns::txn_page,
            commands::txns::txn_count,
            commands::txns::txn_seek,
            commands::txns::txn_seek_date,
            commands::txns::txn_facets,
            commands::txns::edit_txn,
            commands::txns::rule_from_txn,
            commands::txns::rules,
            commands::txns::remove_rule,
            commands::subscriptions::subscriptions,
            commands::import::pick_import_files,
            commands::import::import_preview,
            commands::import::mapping_check,
            commands::import::import_commit,
            commands::import::imports,
            commands::import::undo_import,
            commands::settings::settings,
            commands::settings::set_currency,
            commands::settings::backup_ledger,
            commands::settings::restore_ledger,
            commands::settings::load_sample,
            commands::settings::remove_sample,
            commands::sync::sync_status,
            commands::sync::set_provider_key,
            commands::sync::remove_provider_key,
            commands::sync::sync_now,
            commands::sync::cancel_sync,
            commands::cases::case_list,
            commands::cases::case_candidates,
            commands::cases::case_new,
            commands::cases::case_open,
            commands::cases::case_answer,
            commands::line_detail::line_detail,
            commands::line_detail::line_add_receipts,
            commands::line_detail::line_attach_receipts,
            commands::line_detail::line_remove_receipt,
            commands::line_detail::receipt_thumbnail,
            commands::line_detail::receipt_open,
            commands::cases::case_note,
            commands::cases::case_set_status,
            commands::cases::case_link_candidates,
            commands::cases::case_link,
            commands::cases::case_unlink,
            commands::cases::case_add_files,
            commands::cases::case_attach,
            commands::cases::case_thumbnail,
            commands::cases::case_pack_preview,
            commands::cases::case_export,
            commands::reconcile::reconciliation,
            commands::reconcile::case_from_flag,
            commands::reimburse::reimburse_tags,
            commands::reimburse::tag_lines,
            commands::reimburse::reimburse_preview,
            commands::reimburse::export_reimbursement,
            commands::reimburse::mark_reimbursed,
            commands::reimburse::unmark_reimbursed,
            commands::reimburse::report_parties,
            commands::reimburse::save_report_parties,
            commands::providers::provider_view,
            commands::usage::usage_view,
            commands::usage::set_watched_folder,
            commands::usage::scan_watched_now,
            commands::alerts::alerts_view,
            commands::alerts::dismiss_alert,
            commands::alerts::set_alert_setting,
            commands::alerts::autostart_status,
            commands::alerts::set_autostart,
            commands::alerts::set_budget,
            commands::alerts::remove_budget,
            commands::alerts::add_grant,
            commands::alerts::set_credit_balance,
            commands::alerts::mark_cancelled,
            commands::alerts::set_language,
            commands::alerts::unmark_cancelled,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("AI Spend could not start: {error}");
        std::process::exit(1);
    }
}

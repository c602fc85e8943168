//! The desktop shell: opens the ledger, hands it to the commands and starts
//! the window. It only translates between the UI and `aispend_core` (SPEC §1);
//! every rule lives in the core.

pub mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use aispend_core::Ledger;

pub use commands::CommandError;

/// The environment variable that points the app at a ledger file, before the
/// default location (the same override the CLI honours).
pub const LEDGER_ENV: &str = "AISPEND_DB";

/// The ledger the app works on, shared by all commands.
#[derive(Debug)]
pub struct AppState {
    ledger: Mutex<Result<Ledger, CommandError>>,
}

impl AppState {
    /// Wraps an opened ledger, or the error that prevented opening it: the
    /// window still starts and shows that error instead of crashing.
    pub fn new(ledger: Result<Ledger, CommandError>) -> Self {
        Self {
            ledger: Mutex::new(ledger),
        }
    }

    /// Runs `f` with the ledger, or returns why there is none.
    pub fn with_ledger<T>(
        &self,
        f: impl FnOnce(&Ledger) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let guard = self.ledger.lock().map_err(|_| CommandError::poisoned())?;
        match &*guard {
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
    let path = ledger_path().ok_or_else(CommandError::no_data_dir)?;
    Ledger::open(&path).map_err(CommandError::from)
}

/// Starts the app. Called by `main`.
pub fn run() {
    let state = AppState::new(open_ledger());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![commands::ledger_overview])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("AI Spend could not start: {error}");
        std::process::exit(1);
    }
}

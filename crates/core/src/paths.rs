//! Where the ledger lives by default: the platform data folder, under the
//! app's identifier. The CLI and the shipped app share one ledger; development
//! builds of the app use their own identifier so they never touch it.

use std::path::PathBuf;

/// The shipped app's identifier (also `identifier` in tauri.conf.json).
pub const APP_IDENTIFIER: &str = "app.aispend.desktop";
/// Development builds' identifier (tauri.development.conf.json).
pub const DEV_APP_IDENTIFIER: &str = "app.aispend.desktop.dev";
/// The ledger's file name inside the data folder.
pub const LEDGER_FILE: &str = "ledger.sqlite";

/// The data folder for the shipped app (`dev = false`) or a development build,
/// e.g. `~/.local/share/app.aispend.desktop` on Linux. `None` when the platform
/// has no home folder to put it in.
pub fn data_dir(dev: bool) -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    let id = if dev {
        DEV_APP_IDENTIFIER
    } else {
        APP_IDENTIFIER
    };
    Some(base.data_dir().join(id))
}

/// The default ledger file.
pub fn default_ledger_path(dev: bool) -> Option<PathBuf> {
    data_dir(dev).map(|d| d.join(LEDGER_FILE))
}

//! The native file dialogs: the one place that opens them, with their
//! titles in the user's language (the core's `dialogs.ftl`) and the file
//! kinds the core accepts.
//!
//! Invariant: every dialog honours its test variable (debug builds only),
//! so the real-window tests never block on a native dialog.

use std::path::PathBuf;

use aispend_core::i18n::{Lang, Msg};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::commands::test_dialog;

/// Files the user is asked to open.
pub(crate) struct Open<'a> {
    pub title: Msg,
    /// What the filter is called ("Statements and exports").
    pub kinds: Msg,
    pub extensions: &'a [&'a str],
}

/// A file the user is asked to save.
pub(crate) struct Save<'a> {
    pub title: Msg,
    pub kinds: Msg,
    pub extensions: &'a [&'a str],
    pub file_name: String,
}

/// The files picked (or `AISPEND_TEST_PICK_FILES`); empty when cancelled.
pub(crate) fn pick_files(app: &AppHandle, lang: Lang, o: Open<'_>) -> Vec<PathBuf> {
    if let Some(p) = test_dialog("AISPEND_TEST_PICK_FILES") {
        return p;
    }
    app.dialog()
        .file()
        .set_title(o.title.render(lang))
        .add_filter(o.kinds.render(lang), o.extensions)
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect()
}

/// One file picked (or the first of `AISPEND_TEST_PICK_FILES`).
pub(crate) fn pick_file(app: &AppHandle, lang: Lang, o: Open<'_>) -> Option<PathBuf> {
    if let Some(p) = test_dialog("AISPEND_TEST_PICK_FILES") {
        return p.into_iter().next();
    }
    app.dialog()
        .file()
        .set_title(o.title.render(lang))
        .add_filter(o.kinds.render(lang), o.extensions)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// Where to save (or `AISPEND_TEST_SAVE_FILE`: of several paths, the first
/// with the wanted extension); `None` when cancelled.
pub(crate) fn save_file(app: &AppHandle, lang: Lang, s: Save<'_>) -> Option<PathBuf> {
    if let Some(p) = test_dialog("AISPEND_TEST_SAVE_FILE") {
        return p
            .iter()
            .find(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| s.extensions.contains(&e))
            })
            .or(p.first())
            .cloned();
    }
    app.dialog()
        .file()
        .set_title(s.title.render(lang))
        .set_file_name(s.file_name)
        .add_filter(s.kinds.render(lang), s.extensions)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

//! Generates the Tauri context and the ACL for the app's own commands: every
//! command listed here gets an `allow-<name>` permission, and the webview may
//! call it only if a capability in `src-tauri/capabilities/` grants that.

/// Every command of `src-tauri/src/commands`; `tests/security.rs` checks this
/// list against the handler and the capability.
const COMMANDS: &[&str] = &[
    "ledger_overview",
    "ledger_version",
    "dashboard",
    "txn_page",
    "txn_count",
    "txn_seek",
    "txn_seek_date",
    "txn_facets",
    "edit_txn",
    "rule_from_txn",
    "rules",
    "remove_rule",
    "subscriptions",
    "pick_import_files",
    "import_preview",
    "mapping_check",
    "import_commit",
    "imports",
    "undo_import",
    "settings",
    "set_currency",
    "backup_ledger",
    "restore_ledger",
    "load_sample",
    "remove_sample",
    "sync_status",
    "set_provider_key",
    "remove_provider_key",
    "sync_now",
    "cancel_sync",
    // the top-up wizard and reconciliation (issue #7)
    "case_list",
    "case_candidates",
    "case_new",
    "case_open",
    "case_answer",
    "line_detail",
    "line_add_receipts",
    "line_attach_receipts",
    "line_remove_receipt",
    "receipt_thumbnail",
    "receipt_open",
    "case_note",
    "case_set_status",
    "case_link_candidates",
    "case_link",
    "case_unlink",
    "case_add_files",
    "case_attach",
    "case_thumbnail",
    "case_pack_preview",
    "case_export",
    "reconciliation",
    "case_from_flag",
    "reimburse_tags",
    "tag_lines",
    "reimburse_preview",
    "export_reimbursement",
    "mark_reimbursed",
    "unmark_reimbursed",
    "report_parties",
    "save_report_parties",
    "provider_view",
    // credits, budgets and alerts (issue #18)
    "alerts_view",
    "dismiss_alert",
    "set_alert_setting",
    "autostart_status",
    "set_autostart",
    "set_budget",
    "remove_budget",
    "add_grant",
    "set_credit_balance",
    "mark_cancelled",
    "unmark_cancelled",
    // usage of AI tools and the watched log folders (issue #20)
    "usage_view",
    "set_watched_folder",
    "scan_watched_now",
    // the UI's language, for the notifications the shell raises (issue #21)
    "set_language",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}

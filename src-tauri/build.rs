//! Generates the Tauri context and the ACL for the app's own commands: every
//! command listed here gets an `allow-<name>` permission, and the webview may
//! call it only if a capability in `src-tauri/capabilities/` grants that.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&["ledger_overview"]));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}

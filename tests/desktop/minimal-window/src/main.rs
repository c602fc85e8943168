//! The smallest Tauri window: what the desktop start-up benchmark compares
//! the real app with (tests/desktop/bench_startup.py --minimal).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("minimal-window: {e}");
        std::process::exit(1);
    }
}

//! Which WebKitGTK renderer the window uses on Linux, and whether its
//! JavaScript is JIT-compiled.
//!
//! WebKitGTK 2.42+ draws through its DMA-BUF renderer. Without a GPU render
//! node (`/dev/dri/renderD*`: virtual machines, remote desktops, Xvfb) it
//! falls back to software GL inside that renderer, which on our 2-core test
//! machine makes the dashboard's first paint ~4x slower (9.5 s against 2.6 s)
//! and the three processes ~100 MiB larger than WebKit's plain software path.
//! So when there is no render node and the user has not chosen either way,
//! the shell turns the DMA-BUF renderer off for its own web process.

use std::path::Path;

/// WebKitGTK's switch for the DMA-BUF renderer.
pub const DMABUF_ENV: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// True when the DMA-BUF renderer should be turned off: the user has not set
/// `WEBKIT_DISABLE_DMABUF_RENDERER` themselves and none of `dri_entries` (the
/// file names in `/dev/dri`) is a render node.
pub fn disable_dmabuf(user_choice: Option<&str>, dri_entries: &[String]) -> bool {
    user_choice.is_none() && !dri_entries.iter().any(|name| name.starts_with("renderD"))
}

fn dri_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// JavaScriptCore's switch for its JIT compilers (read by each WebKit
/// process from its environment).
pub const JIT_ENV: &str = "JSC_useJIT";

/// The value the shell gives [`JIT_ENV`], if any: `"false"` unless the user
/// has set it themselves.
///
/// The UI's JavaScript is small (the start-up bundle is ~135 KB) and spends
/// a few milliseconds per interaction; JSC's interpreter runs it fast enough
/// (the transactions view still renders a 200-line page well inside a frame).
/// What the JIT tiers cost is measurable: on the sample ledger the three
/// processes' idle PSS is ~9 MiB higher with them, and on a 2-core machine
/// their compile threads compete with the first paint. Without a JIT the
/// web process also writes no executable memory, the hardening Safari's
/// Lockdown Mode makes for the same reason. Measured with
/// `scripts/bench-desktop.sh`; see docs/ARCHITECTURE.md.
pub fn jit_setting(user_choice: Option<&str>) -> Option<&'static str> {
    match user_choice {
        Some(_) => None,
        None => Some("false"),
    }
}

/// Applies [`disable_dmabuf`] and [`jit_setting`] to this process's
/// environment. Call it first thing in `main`, before any thread exists (it
/// sets environment variables, which WebKit's processes read when they
/// start).
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let user = std::env::var(DMABUF_ENV).ok();
    if disable_dmabuf(user.as_deref(), &dri_entries(Path::new("/dev/dri"))) {
        std::env::set_var(DMABUF_ENV, "1");
    }
    let user = std::env::var(JIT_ENV).ok();
    if let Some(value) = jit_setting(user.as_deref()) {
        std::env::set_var(JIT_ENV, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn off_without_a_render_node() {
        assert!(disable_dmabuf(None, &[]));
        assert!(disable_dmabuf(None, &names(&["card0", "by-path"])));
    }

    #[test]
    fn left_alone_with_a_render_node() {
        assert!(!disable_dmabuf(None, &names(&["card0", "renderD128"])));
    }

    #[test]
    fn the_users_choice_wins() {
        assert!(!disable_dmabuf(Some("0"), &[]));
        assert!(!disable_dmabuf(Some("1"), &names(&["renderD128"])));
    }

    #[test]
    fn javascript_runs_without_the_jit_unless_the_user_says_otherwise() {
        assert_eq!(jit_setting(None), Some("false"));
        assert_eq!(jit_setting(Some("true")), None);
        assert_eq!(jit_setting(Some("false")), None);
    }
}

//! Which WebKitGTK renderer the window uses on Linux.
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

/// Applies [`disable_dmabuf`] to this process's environment. Call it first
/// thing in `main`, before any thread exists (it sets an environment
/// variable, which WebKit reads when the web process starts).
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let user = std::env::var(DMABUF_ENV).ok();
    if disable_dmabuf(user.as_deref(), &dri_entries(Path::new("/dev/dri"))) {
        std::env::set_var(DMABUF_ENV, "1");
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
}

//! Files the user handed the app, by dialog or by drop. The webview only
//! ever holds their tokens: no command takes a path from it, so it cannot
//! make the core read a file the user did not choose.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use aispend_core::app::import_view::PickedFile;
use aispend_core::app::{ErrorCode, ErrorDto};

#[derive(Debug, Default)]
pub struct FileRegistry {
    next: AtomicU64,
    paths: Mutex<HashMap<String, PathBuf>>,
}

impl FileRegistry {
    /// Registers the chosen paths and returns what the UI may know of them.
    pub fn register(&self, paths: impl IntoIterator<Item = PathBuf>) -> Vec<PickedFile> {
        let mut out = Vec::new();
        let Ok(mut map) = self.paths.lock() else {
            return out;
        };
        for path in paths {
            // A folder is taken only when it is a Maildir (mail receipts).
            if path.is_dir() && aispend_core::import::mail::detect(&path).is_none() {
                continue;
            }
            let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
            let token = format!("f{n}");
            out.push(PickedFile {
                token: token.clone(),
                name: file_name(&path),
                size: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            });
            map.insert(token, path);
        }
        out
    }

    /// The file behind `token`, with what the UI knows of it.
    pub fn resolve(&self, token: &str) -> Result<(PickedFile, PathBuf), ErrorDto> {
        let map = self.paths.lock().map_err(|_| crate::poisoned())?;
        let path = map.get(token).cloned().ok_or_else(|| ErrorDto {
            code: ErrorCode::UnknownFile,
            message: "that file is no longer chosen; choose it again with \"Choose files\"".into(),
            msg: None,
        })?;
        let picked = PickedFile {
            token: token.to_owned(),
            name: file_name(&path),
            size: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        };
        Ok((picked, path))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_registered_tokens_resolve() {
        let reg = FileRegistry::default();
        let dir = std::env::temp_dir();
        let file = dir.join("aispend-registry-test.csv");
        std::fs::write(&file, b"x").expect("write");
        let picked = reg.register([file.clone(), dir.clone()]);
        assert_eq!(picked.len(), 1, "a folder is not a file to import");
        assert_eq!(picked[0].name, "aispend-registry-test.csv");
        assert_eq!(picked[0].size, 1);
        let (again, path) = reg.resolve(&picked[0].token).expect("resolves");
        assert_eq!(path, file);
        assert_eq!(again.name, picked[0].name);
        assert_eq!(
            reg.resolve("/etc/passwd").expect_err("not a token").code,
            "unknown-file"
        );
        assert_eq!(
            reg.resolve("f999").expect_err("never issued").code,
            "unknown-file"
        );
        let _ = std::fs::remove_file(file);
    }
}

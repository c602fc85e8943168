//! The coding agents' default log folders on Linux, macOS and Windows, and
//! one scan of them (`aispend import --watch-default`): every `*.jsonl`
//! log not read since it last changed is imported (one batch per file;
//! events already in the ledger count as duplicates), so usage survives
//! the tools' own clean-up.
//!
//! Invariant: a scan reads only files whose size or modification time
//! changed since the batch that read them (or whose batch was undone); a
//! file that cannot be read is reported with its error, never skipped
//! silently, and does not stop the others.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Tool;
use crate::import::{import_file, ImportOptions, ImportOutcome};
use crate::ledger::{Ledger, LedgerError};

/// Folders deeper than this under a log folder are not walked.
const MAX_DEPTH: usize = 8;

/// One default log folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogFolder {
    /// The tool whose default folder it is; `None` for a folder the user
    /// named.
    pub tool: Option<Tool>,
    pub path: PathBuf,
    pub exists: bool,
}

/// The folders Claude Code, Codex CLI and Gemini CLI write their logs to,
/// for a home folder and an environment (`CLAUDE_CONFIG_DIR`, a
/// comma-separated list; `CODEX_HOME`; `GEMINI_CLI_HOME`, the home Gemini
/// CLI uses instead of the user's). The same relative paths hold on Linux,
/// macOS and Windows (`%USERPROFILE%\.claude`, `%USERPROFILE%\.codex`,
/// `%USERPROFILE%\.gemini`).
pub fn default_log_folders(home: &Path, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<LogFolder> {
    let mut out: Vec<(Tool, PathBuf)> = Vec::new();
    match env("CLAUDE_CONFIG_DIR").filter(|v| !v.is_empty()) {
        Some(dirs) => {
            for d in dirs.to_string_lossy().split(',').map(str::trim) {
                if !d.is_empty() {
                    out.push((Tool::ClaudeCode, PathBuf::from(d).join("projects")));
                }
            }
        }
        None => {
            out.push((Tool::ClaudeCode, home.join(".config/claude/projects")));
            out.push((Tool::ClaudeCode, home.join(".claude/projects")));
        }
    }
    let codex = env("CODEX_HOME")
        .filter(|v| !v.is_empty())
        .map_or_else(|| home.join(".codex"), PathBuf::from);
    out.push((Tool::CodexCli, codex.join("sessions")));
    let gemini_home = env("GEMINI_CLI_HOME")
        .filter(|v| !v.is_empty())
        .map_or_else(|| home.to_path_buf(), PathBuf::from);
    out.push((Tool::GeminiCli, gemini_home.join(".gemini/tmp")));
    out.into_iter()
        .map(|(tool, path)| LogFolder {
            tool: Some(tool),
            exists: path.is_dir(),
            path,
        })
        .collect()
}

/// This machine's default log folders.
pub fn this_machines_log_folders() -> Vec<LogFolder> {
    let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) else {
        return Vec::new();
    };
    default_log_folders(&home, &|k| std::env::var_os(k))
}

/// Whether a file is an agent log: any `*.jsonl`, and Gemini CLI's
/// `session-*.json` documents in a `chats` folder.
fn is_log(p: &Path) -> bool {
    match p.extension().and_then(|x| x.to_str()) {
        Some("jsonl") => true,
        Some("json") => {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("session-"))
                && p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|d| d == "chats")
        }
        _ => false,
    }
}

/// Every agent log file under `folder` ([`is_log`]), sorted.
pub fn find_logs(folder: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            let p = e.path();
            if kind.is_dir() && depth < MAX_DEPTH {
                walk(&p, depth + 1, out);
            } else if kind.is_file() && is_log(&p) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(folder, 0, &mut out);
    out.sort();
    out
}

/// What one scan did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogScan {
    pub folders: Vec<LogFolder>,
    /// Files read, each one batch.
    pub imported: Vec<ImportOutcome>,
    /// Files unchanged since they were read.
    pub unchanged: u64,
    /// Files that could not be read, with why.
    pub failed: Vec<LogFailure>,
    pub added: u64,
    pub duplicates: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogFailure {
    pub file: String,
    pub error: String,
}

/// Why a scan stopped.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

fn stamp(meta: &std::fs::Metadata) -> String {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or_else(
            || "unknown".to_owned(),
            |d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos()),
        )
}

/// Imports every log under `folders` that changed since it was last read.
pub fn scan(
    ledger: &mut Ledger,
    folders: Vec<LogFolder>,
    opts: &ImportOptions,
) -> Result<LogScan, ScanError> {
    let mut out = LogScan {
        folders,
        imported: Vec::new(),
        unchanged: 0,
        failed: Vec::new(),
        added: 0,
        duplicates: 0,
    };
    let files: Vec<PathBuf> = out
        .folders
        .iter()
        .filter(|f| f.exists)
        .flat_map(|f| find_logs(&f.path))
        .collect();
    for file in files {
        let shown = file.display().to_string();
        let Ok(meta) = std::fs::metadata(&file) else {
            out.failed.push(LogFailure {
                file: shown,
                error: "the file could not be read (gone, or no permission)".into(),
            });
            continue;
        };
        let (size, modified) = (meta.len(), stamp(&meta));
        if ledger.agent_log_unchanged(&shown, size, &modified)? {
            out.unchanged += 1;
            continue;
        }
        match import_file(ledger, &file, opts) {
            Ok(o) => {
                out.added += o.added;
                out.duplicates += o.duplicates;
                if let Some(batch) = o.batch_id {
                    ledger.note_agent_log(&shown, size, &modified, batch)?;
                }
                out.imported.push(o);
            }
            Err(e) => out.failed.push(LogFailure {
                file: shown,
                error: crate::error_text(&e),
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_folders_follow_the_tools_environment() {
        let home = Path::new("/home/ana");
        let none = |_: &str| None;
        let got: Vec<(Tool, PathBuf)> = default_log_folders(home, &none)
            .into_iter()
            .map(|f| (f.tool.expect("default folders name their tool"), f.path))
            .collect();
        assert_eq!(
            got,
            vec![
                (Tool::ClaudeCode, home.join(".config/claude/projects")),
                (Tool::ClaudeCode, home.join(".claude/projects")),
                (Tool::CodexCli, home.join(".codex/sessions")),
                (Tool::GeminiCli, home.join(".gemini/tmp")),
            ]
        );
        assert!(is_log(Path::new(
            "/h/.gemini/tmp/ab12/chats/session-2026-11-20T09-15-5f0c.json"
        )));
        assert!(!is_log(Path::new("/h/.gemini/tmp/ab12/logs.json")));
        assert!(!is_log(Path::new("/h/.gemini/settings.json")));
        let env = |k: &str| match k {
            "CLAUDE_CONFIG_DIR" => Some(OsString::from("/a/claude, /b/claude")),
            "CODEX_HOME" => Some(OsString::from("/c/codex")),
            "GEMINI_CLI_HOME" => Some(OsString::from("/g")),
            _ => None,
        };
        let got: Vec<PathBuf> = default_log_folders(home, &env)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            got,
            vec![
                PathBuf::from("/a/claude/projects"),
                PathBuf::from("/b/claude/projects"),
                PathBuf::from("/c/codex/sessions"),
                PathBuf::from("/g/.gemini/tmp"),
            ]
        );
    }
}

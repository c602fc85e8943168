//! The harness the CLI's end-to-end tests share: `aispend` run from the
//! repository root (so fixture paths read as in the README) on a ledger in a
//! temporary folder. Each test file adds its own setup to `Env`.

#![allow(dead_code)] // every test binary uses a different part of it

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh ledger in a temporary folder.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn empty() -> Self {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A fresh ledger with `files` imported (none: empty).
    pub fn with_files(files: &[&str]) -> Self {
        let env = Env::empty();
        if !files.is_empty() {
            let mut args = vec!["import"];
            args.extend(files);
            args.push("--json");
            env.json(&args);
        }
        env
    }

    /// The ledger file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.sqlite")
    }

    /// `aispend --db LEDGER` run from the repository root, with messages in
    /// English whatever the developer's locale (`LANG=C`, no `LC_ALL` or
    /// `LC_MESSAGES`); the caller adds arguments and environment.
    pub fn cmd(&self) -> Command {
        let mut c = bare_cmd();
        c.env_remove("AISPEND_DB").arg("--db").arg(self.db());
        c
    }

    /// Runs `aispend --db LEDGER ARGS...`; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        output(self.cmd().args(args))
    }

    /// Runs `aispend --db LEDGER ARGS...` (with `LANG=C`, no `LC_ALL` or
    /// `LC_MESSAGES`, unless `envs` sets them) with extra environment variables
    /// and, if given, text on standard input; returns (exit code, stdout,
    /// stderr).
    pub fn run_with(
        &self,
        args: &[&str],
        envs: &[(&str, &str)],
        stdin: Option<&str>,
    ) -> (i32, String, String) {
        let mut cmd = self.cmd();
        cmd.args(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.write_stdin(stdin.unwrap_or_default());
        output(&mut cmd)
    }

    /// A path inside the ledger's temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?} failed: {err}");
        out
    }

    /// Runs a command with `--json` appended; it must succeed and print JSON.
    pub fn json_cmd(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        self.json(&a)
    }

    /// Runs a command that must succeed and print JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?} failed: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }
}

/// `aispend` run from the repository root in English (`LANG=C`, no
/// `LC_ALL` or `LC_MESSAGES`), naming no ledger: the caller says which.
pub fn bare_cmd() -> Command {
    let mut c = Command::cargo_bin("aispend").expect("binary");
    c.current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    c
}

/// Runs `cmd`; returns (exit code, stdout, stderr).
pub fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run aispend");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

//! The ledger: one SQLite file per user.
//!
//! Every front end opens it through [`Ledger::open`], which sets the pragmas the
//! rest of the code relies on (WAL, `foreign_keys`, `synchronous=FULL`) and runs
//! the migrations.
//!
//! The ledger owns every table: each one is read and written through the
//! typed functions of this module and its files (`payments`,
//! `provider_records`, `sync_state`, `reimburse`, `reports`, ...), and the
//! domain modules above call them. Invariant: the ledger sits at the
//! bottom; it uses only `ai_provider`, `classify`, `money`, `clock`, `paths`
//! and `zipguard`, its connection is private, and no SQL runs outside it
//! (`tests/architecture.rs` checks both). Work that spans modules, such as
//! undoing an import, lives above, in `crate::batches`.

pub(crate) mod agent_logs;
pub mod alerts;
pub mod budgets;
pub(crate) mod cases;
pub(crate) mod classification;
pub mod credits;
pub(crate) mod import_profiles;
pub(crate) mod import_rejects;
pub(crate) mod import_write;
pub mod integrity;
pub(crate) mod links;
pub mod mail_receipts;
pub mod migrations;
pub mod payments;
pub mod provider_records;
pub(crate) mod queries;
pub(crate) mod refunds;
pub mod reimburse;
pub mod reports;
pub(crate) mod rollup;
pub mod sync_state;
pub(crate) mod tally;
pub(crate) mod text_index;
pub mod views_dashboard;
pub mod views_recon;
pub mod views_settings;
pub mod views_tags;
pub mod views_txn_detail;
pub mod views_txns;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::Connection;

use crate::classify::{Catalog, ClassifyError};

pub use classification::RuleChange;
pub use links::{LinkRow, LinkState};
pub use queries::{BatchInfo, BatchStatus, TxnEdit, TxnFilter, TxnRow, TxnStatus};
pub use refunds::RefundLink;

/// A storage error for the error table's tests: the floors above the
/// ledger name no SQLite type.
#[cfg(test)]
pub(crate) fn sample_storage_error() -> rusqlite::Error {
    rusqlite::Error::InvalidQuery
}

/// A "no such row" storage error, for the same tests.
#[cfg(test)]
pub(crate) fn sample_no_rows_error() -> rusqlite::Error {
    rusqlite::Error::QueryReturnedNoRows
}

/// The ledger's page cache, KiB.
pub(crate) const CACHE_KIB: i64 = 16 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error(
        "{} was written by a newer AI Spend (schema version {found}; this one knows up to {supported}); update AI Spend to open it",
        path.as_deref().map(|p| p.display().to_string()).unwrap_or_else(|| "the ledger".into())
    )]
    NewerDatabase {
        path: Option<PathBuf>,
        found: u32,
        supported: u32,
    },
    #[error("could not open the ledger at {path}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("could not create the ledger's folder {path}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not an AI Spend ledger (it is not an SQLite database)")]
    NotALedger { path: PathBuf },
    #[error("schema migration {version} failed")]
    Migration {
        version: u32,
        source: rusqlite::Error,
    },
    #[error("could not back up the ledger to {path}")]
    Backup {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("there is no import batch {0}; `aispend imports` lists them")]
    NoSuchBatch(i64),
    #[error("import batch {0} was already undone")]
    BatchAlreadyUndone(i64),
    #[error("there is no transaction {0}")]
    NoSuchTxn(i64),
    #[error("there is no rule {0}; `aispend rules list` lists them")]
    NoSuchRule(i64),
    #[error(transparent)]
    Classify(#[from] ClassifyError),
    #[error("the ledger holds a value this version cannot read: {0}")]
    Corrupt(String),
    #[error("there is no provider payment record {0}; `aispend payments list` lists them")]
    NoSuchPayment(i64),
    #[error("there is no mapping profile {0:?}; `aispend profiles` lists them")]
    NoSuchProfile(String),
    #[error("there is no link {0}; `aispend links --all` lists them")]
    NoSuchLink(i64),
    #[error("{path} is not an AI Spend ledger backup ({why}); choose a file made by \"Back up the ledger\"")]
    NotABackup { path: PathBuf, why: NotABackup },
    #[error("the ledger is in memory; there is no file to restore into")]
    NoFile,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// A local calendar date as the ledger stores it: the integer yyyymmdd.
pub(crate) fn date_to_int(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// The inverse of [`date_to_int`]; `None` for a value that is no date.
pub(crate) fn date_from_int(v: i64) -> Option<chrono::NaiveDate> {
    let y = i32::try_from(v / 10_000).ok()?;
    chrono::NaiveDate::from_ymd_opt(y, (v / 100 % 100) as u32, (v % 100) as u32)
}

/// Why a file is not a backup this version can restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotABackup {
    /// SQLite could not read it (its words).
    Unreadable(String),
    NoSchema,
    /// Written by a newer version: its schema version.
    Newer(u32),
    /// What SQLite's integrity check said.
    Integrity(String),
}

impl std::fmt::Display for NotABackup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotABackup::Unreadable(s) => f.write_str(s),
            NotABackup::NoSchema => f.write_str("it has no ledger schema"),
            NotABackup::Newer(v) => {
                write!(f, "it was written by a newer AI Spend (schema version {v})")
            }
            NotABackup::Integrity(s) => write!(f, "its integrity check says: {s}"),
        }
    }
}

impl LedgerError {
    /// True when the user asked for something that is not there or not a
    /// ledger (CLI exit code 2), rather than a failure of the system.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            LedgerError::NoSuchBatch(_)
                | LedgerError::BatchAlreadyUndone(_)
                | LedgerError::NoSuchTxn(_)
                | LedgerError::NoSuchPayment(_)
                | LedgerError::NoSuchProfile(_)
                | LedgerError::NoSuchLink(_)
                | LedgerError::NotALedger { .. }
                | LedgerError::NotABackup { .. }
                | LedgerError::NoSuchRule(_)
                | LedgerError::Classify(_)
        )
    }
}

/// An open ledger. Not `Sync`: give each thread its own, or guard it.
#[derive(Debug)]
pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
    backup: Option<PathBuf>,
    /// The vendor catalog lines are classified with.
    pub(crate) catalog: Arc<Catalog>,
}

/// The user's catalog, when there is one: `catalog.toml` beside the ledger.
pub const USER_CATALOG_FILE: &str = "catalog.toml";

impl Ledger {
    /// Opens (creating if needed) the ledger at `path` and brings its schema up
    /// to date. A database from a newer AI Spend is refused without a change.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LedgerError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| LedgerError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Self::setup(conn, Some(path.to_path_buf()))
    }

    /// A throwaway ledger in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Ledger, LedgerError> {
        Self::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Ledger, LedgerError> {
        let not_a_ledger = |e: rusqlite::Error, path: &Option<PathBuf>| match (&e, path) {
            (rusqlite::Error::SqliteFailure(f, _), Some(p))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                LedgerError::NotALedger { path: p.clone() }
            }
            _ => LedgerError::Sqlite(e),
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // journal_mode answers with a row; read and ignore it.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| not_a_ledger(e, &path))?;
        // temp_store = FILE: a sort larger than the cache (the GROUP BY
        // that rebuilds the rollup over every line, after a rule changes
        // many) spills to a temporary file instead of the heap. In memory
        // it held ~800 MB at 10M lines; on file the process stays under
        // 40 MB, no slower. A small sort never leaves the cache either way.
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = FULL;
             PRAGMA temp_store = FILE;
             PRAGMA cache_size = -{CACHE_KIB};"
        ))?;
        let backup = migrations::migrate(&mut conn, path.as_deref())?;
        let user_catalog = path
            .as_deref()
            .and_then(Path::parent)
            .map(|dir| dir.join(USER_CATALOG_FILE))
            .filter(|p| p.is_file());
        let catalog = match user_catalog {
            Some(p) => Arc::new(Catalog::with_user(&p)?),
            None => Catalog::builtin(),
        };
        classification::ensure_classified(&mut conn, &catalog)?;
        Ok(Ledger {
            conn,
            path,
            backup,
            catalog,
        })
    }

    /// Where this ledger lives (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The copy taken before this open migrated an older schema, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// Where the summary rollup disagrees with a plain GROUP BY over the
    /// lines, one text line per key; empty when they agree exactly. For
    /// tests and `--verify`-style checks: it reads the whole ledger.
    pub fn rollup_differences(&self) -> Result<Vec<String>, LedgerError> {
        rollup::differences(&self.conn)
    }

    /// Where the view's line counts (`txn_tally`) disagree with a plain
    /// GROUP BY over the lines; empty when they agree exactly (tests).
    pub fn tally_differences(&self) -> Result<Vec<String>, LedgerError> {
        tally::differences(&self.conn)
    }

    /// Where the text index (`txn_bodies`) and the lines disagree for a search
    /// of each of `probes`; empty when they agree (tests).
    pub fn text_index_differences(&self, probes: &[&str]) -> Result<Vec<String>, LedgerError> {
        text_index::differences(&self.conn, probes)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32, LedgerError> {
        migrations::current_version(&self.conn)
    }

    /// Replaces the ledger's content with the backup at `from`.
    ///
    /// `from` must be a ledger this version can open: a SQLite file whose
    /// schema version is known and whose integrity check passes. The
    /// current content is first saved beside the ledger (backup API) as
    /// `<name>.before-restore-<UTC>.sqlite`, whose path is returned; then
    /// `from` is copied in with the backup API and an older schema is
    /// migrated. Nothing changes when `from` is refused.
    pub fn restore_from(&mut self, from: &Path) -> Result<PathBuf, LedgerError> {
        let path = self.path.clone().ok_or(LedgerError::NoFile)?;
        let refuse = |why: NotABackup| LedgerError::NotABackup {
            path: from.to_path_buf(),
            why,
        };
        let src = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| refuse(NotABackup::Unreadable(e.to_string())))?;
        let version = migrations::current_version(&src)
            .map_err(|e| refuse(NotABackup::Unreadable(e.to_string())))?;
        if version == 0 {
            return Err(refuse(NotABackup::NoSchema));
        }
        if version > migrations::latest_version() {
            return Err(refuse(NotABackup::Newer(version)));
        }
        let check: String = src
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| refuse(NotABackup::Unreadable(e.to_string())))?;
        if check != "ok" {
            return Err(refuse(NotABackup::Integrity(check)));
        }
        src.query_row("SELECT count(*) FROM transactions", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| refuse(NotABackup::Unreadable(e.to_string())))?;
        drop(src);

        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "ledger".into());
        let safety = path.with_file_name(format!("{stem}.before-restore-{stamp}.sqlite"));
        self.backup_to(&safety)?;
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                from,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| refuse(NotABackup::Unreadable(e.to_string())))?;
        migrations::migrate(&mut self.conn, Some(&path))?;
        classification::ensure_classified(&mut self.conn, &self.catalog)?;
        Ok(safety)
    }

    /// Writes a consistent copy of the live ledger to `target` with SQLite's
    /// backup API (safe while the ledger is in use; never a raw file copy).
    pub fn backup_to(&self, target: &Path) -> Result<(), LedgerError> {
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                target,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|source| LedgerError::Backup {
                path: target.to_path_buf(),
                source,
            })
    }
}

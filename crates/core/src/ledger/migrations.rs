//! Embedded, forward-only schema migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Each migration
//! runs in its own transaction together with the bump of `user_version`, so a
//! crash leaves the database at the previous version, never half-way. A database
//! whose version is newer than this binary knows is refused untouched. Before a
//! migration changes a database that already holds a schema, a consistent copy
//! is written next to it with `VACUUM INTO` (never a raw file copy, which could
//! miss pages still in the WAL).

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::LedgerError;

/// The migrations, in order. Never edit or reorder a released entry: add one.
pub const MIGRATIONS: &[&str] = &[include_str!("sql/0001_initial.sql")];

/// The schema version this binary writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

pub(crate) fn current_version(conn: &Connection) -> Result<u32, LedgerError> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// Brings the schema up to date. `db_path` is where the backup goes beside;
/// `None` for an in-memory ledger. Returns the backup written, if any.
pub(crate) fn migrate(
    conn: &mut Connection,
    db_path: Option<&Path>,
) -> Result<Option<PathBuf>, LedgerError> {
    let found = current_version(conn)?;
    let latest = latest_version();
    if found > latest {
        return Err(LedgerError::NewerDatabase {
            path: db_path.map(Path::to_path_buf),
            found,
            supported: latest,
        });
    }
    if found == latest {
        return Ok(None);
    }
    let backup = match db_path {
        Some(path) if found > 0 => Some(backup_before_migration(conn, path, found)?),
        _ => None,
    };
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as u32 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .map_err(|source| LedgerError::Migration { version, source })?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(backup)
}

fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    from_version: u32,
) -> Result<PathBuf, LedgerError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = format!(
        "{}.v{from_version}-{stamp}.backup",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "ledger".into())
    );
    let target = path.with_file_name(name);
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
        .map_err(|source| LedgerError::Backup {
            path: target.clone(),
            source,
        })?;
    Ok(target)
}

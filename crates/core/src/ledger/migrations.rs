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
pub const MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_initial.sql"),
    include_str!("sql/0002_provider_records.sql"),
    include_str!("sql/0003_classification.sql"),
    include_str!("sql/0004_cases.sql"),
    include_str!("sql/0005_reimbursement.sql"),
    include_str!("sql/0006_rollup.sql"),
    include_str!("sql/0007_app_settings.sql"),
    include_str!("sql/0008_sync.sql"),
];

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
    migrate_with(conn, db_path, MIGRATIONS)
}

fn migrate_with(
    conn: &mut Connection,
    db_path: Option<&Path>,
    migrations: &[&str],
) -> Result<Option<PathBuf>, LedgerError> {
    let found = current_version(conn)?;
    let latest = migrations.len() as u32;
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
    for (index, sql) in migrations.iter().enumerate().skip(found as usize) {
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

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "CREATE TABLE t (x INTEGER);";
    const V2: &str = "ALTER TABLE t ADD COLUMN y INTEGER;";
    const BROKEN: &str = "ALTER TABLE t ADD COLUMN z INTEGER; CREATE TABLE t (oops);";

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_schema ORDER BY name")
            .expect("schema query");
        let rows = stmt.query_map([], |r| r.get(0)).expect("schema rows");
        rows.collect::<Result<_, _>>().expect("schema text")
    }

    #[test]
    fn backs_up_before_changing_an_existing_schema() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ledger.sqlite");
        let mut conn = Connection::open(&path).expect("open");
        assert_eq!(
            migrate_with(&mut conn, Some(&path), &[V1]).expect("v1"),
            None
        );
        conn.execute("INSERT INTO t VALUES (42)", []).expect("row");

        let backup = migrate_with(&mut conn, Some(&path), &[V1, V2])
            .expect("v2")
            .expect("a backup is taken");
        assert_eq!(current_version(&conn).expect("version"), 2);
        let old = Connection::open(&backup).expect("backup opens");
        assert_eq!(current_version(&old).expect("old version"), 1);
        let x: i64 = old
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .expect("row kept");
        assert_eq!(x, 42);
        assert!(!tables(&old)[0].contains('y'), "backup is the old schema");
    }

    #[test]
    fn a_failed_migration_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate_with(&mut conn, None, &[V1]).expect("v1");
        let before = tables(&conn);
        let err = migrate_with(&mut conn, None, &[V1, BROKEN]).expect_err("must fail");
        assert!(
            matches!(err, LedgerError::Migration { version: 2, .. }),
            "{err:?}"
        );
        assert_eq!(current_version(&conn).expect("version"), 1);
        assert_eq!(
            tables(&conn),
            before,
            "the half-applied step was rolled back"
        );
    }

    #[test]
    fn refuses_a_newer_database() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", 7)
            .expect("set version");
        let err = migrate_with(&mut conn, None, &[V1]).expect_err("must refuse");
        assert!(
            matches!(
                err,
                LedgerError::NewerDatabase {
                    found: 7,
                    supported: 1,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(tables(&conn).is_empty(), "nothing was created");
    }
}

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

use rusqlite::{Connection, Transaction};

use super::LedgerError;

/// One migration: SQL, then (rarely) a step that SQL alone cannot say, run
/// in the same transaction.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    sql: &'static str,
    then: Option<fn(&Transaction<'_>) -> rusqlite::Result<()>>,
}

const fn sql(sql: &'static str) -> Migration {
    Migration { sql, then: None }
}

/// The migrations, in order. Never edit or reorder a released entry: add one.
pub const MIGRATIONS: &[Migration] = &[
    sql(include_str!("sql/0001_initial.sql")),
    sql(include_str!("sql/0002_provider_records.sql")),
    sql(include_str!("sql/0003_classification.sql")),
    sql(include_str!("sql/0004_cases.sql")),
    sql(include_str!("sql/0005_reimbursement.sql")),
    sql(include_str!("sql/0006_rollup.sql")),
    sql(include_str!("sql/0007_app_settings.sql")),
    sql(include_str!("sql/0008_sync.sql")),
    Migration {
        sql: include_str!("sql/0009_check_lists.sql"),
        then: Some(check_lists_to_or_chains),
    },
    // 0010 makes `refund_links`; the refunds already in the ledger are
    // paired after 0011, since pairing writes the columns 0011 adds.
    sql(include_str!("sql/0010_source_ids_and_refunds.sql")),
    Migration {
        sql: include_str!("sql/0011_details.sql"),
        then: Some(pair_existing_refunds),
    },
    sql(include_str!("sql/0012_receipts.sql")),
    sql(include_str!("sql/0013_agent_usage.sql")),
    sql(include_str!("sql/0014_credits.sql")),
    sql(include_str!("sql/0015_years_of_data.sql")),
    sql(include_str!("sql/0016_usage_providers.sql")),
    sql(include_str!("sql/0017_credits_speed.sql")),
    sql(include_str!("sql/0018_receipt_parts_and_reports.sql")),
    sql(include_str!("sql/0019_credits_budgets_speed.sql")),
    // 0020 rebuilds `agent_log_files`; the tables that name a provider
    // (cases, credit grants and balance checks) then take every provider.
    Migration {
        sql: include_str!("sql/0020_usage_watch.sql"),
        then: Some(widen_provider_checks),
    },
    sql(include_str!("sql/0021_text_bodies.sql")),
    sql(include_str!("sql/0022_user_class_edits.sql")),
    sql(include_str!("sql/0023_source_files.sql")),
    // 0024 keys the text bodies by a hash computed in Rust.
    Migration {
        sql: include_str!("sql/0024_stale_vendors_and_bodies.sql"),
        then: Some(hash_text_bodies),
    },
    sql(include_str!("sql/0025_reject_files.sql")),
    sql(include_str!("sql/0026_subscription_charges.sql")),
];

/// After migration 11: the refunds already in the ledger are paired with
/// their purchases (see `ledger/refunds.rs`).
fn pair_existing_refunds(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    super::refunds::pair_all(tx)
}

/// Migration 25: each text body's hash (see `ledger/text_index.rs`), then
/// the index that finds a body by it.
fn hash_text_bodies(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    super::text_index::fill_hashes(tx)
}

/// Migration 9's rewrites of the `transactions` table's text: each IN-list
/// CHECK and the same rule as an OR chain (see `sql/0009_check_lists.sql`).
const CHECK_REWRITES: [(&str, &str); 2] = [
    (
        "CHECK (status IN ('posted', 'pending', 'reverted'))",
        "CHECK (status = 'posted' OR status = 'pending' OR status = 'reverted')",
    ),
    (
        "CHECK (class IN ('ai-subscription', 'ai-api', 'everyday', 'transfer'))",
        "CHECK (class = 'ai-subscription' OR class = 'ai-api' OR class = 'everyday' \
         OR class = 'transfer')",
    ),
];

/// Migration 9: SQLite's documented procedure for changing CHECK
/// constraints. The table's text in `sqlite_schema` is edited, the schema
/// cookie goes up by one (so every other connection reads the schema again)
/// and this connection reloads it at once, which also proves the new text
/// parses; any error rolls the whole migration back. A table whose text
/// holds neither list is left alone.
fn check_lists_to_or_chains(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let old: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'transactions'",
        [],
        |r| r.get(0),
    )?;
    let new = CHECK_REWRITES
        .iter()
        .fold(old.clone(), |text, (from, to)| text.replace(from, to));
    if new == old {
        return Ok(());
    }
    let cookie: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let edited = tx
        .execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'transactions'",
            [&new],
        )
        .and_then(|_| tx.pragma_update(None, "schema_version", cookie + 1));
    // RESET turns writing off again and makes this connection re-read the
    // schema, whether or not the edit went through.
    tx.pragma_update(None, "writable_schema", "RESET")?;
    edited?;
    tx.query_row("SELECT count(*) FROM transactions WHERE 0", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

/// The schema version this binary writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Whether the table `name` (one a migration makes) exists. Once every
/// migration has run it does, which one cheap read of `user_version`
/// tells; while a migration's Rust step runs (0011 pairs refunds, before
/// the later tables exist) the schema itself is asked.
pub(crate) fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    let version: i64 = conn
        .prepare_cached("PRAGMA user_version")?
        .query_row([], |r| r.get(0))?;
    if version >= i64::from(latest_version()) {
        return Ok(true);
    }
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
    )?
    .query_row([name], |r| r.get(0))
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
    migrations: &[Migration],
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
    for (index, step) in migrations.iter().enumerate().skip(found as usize) {
        let version = index as u32 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(step.sql)
            .and_then(|()| step.then.map_or(Ok(()), |then| then(&tx)))
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

/// Migration 20's tables whose `provider` CHECK grows from the two API
/// providers to every provider that bills by use (as `provider_records`
/// did in 0016).
const PROVIDER_CHECK_TABLES: [&str; 3] = ["cases", "credit_grants", "credit_balance_checks"];

/// Migration 20: the same documented procedure as migration 9, on
/// [`PROVIDER_CHECK_TABLES`]. `cases` is referred to by its facts, links
/// and diagnoses with ON DELETE CASCADE, so a rebuild (DROP TABLE) inside
/// the migration's transaction, where foreign keys cannot be turned off,
/// would delete them; a wider CHECK changes nothing on disk and every row
/// already meets it, so the text is edited instead and the ids stay.
fn widen_provider_checks(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    const FROM: &str = "CHECK (provider IN ('openai', 'anthropic'))";
    const TO: &str = "CHECK (provider IN ('openai', 'anthropic', 'google', 'cursor', \
                      'github', 'openrouter'))";
    let cookie: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let edited = (|| {
        for table in PROVIDER_CHECK_TABLES {
            tx.execute(
                "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)
                  WHERE type = 'table' AND name = ?3",
                rusqlite::params![FROM, TO, table],
            )?;
        }
        tx.pragma_update(None, "schema_version", cookie + 1)
    })();
    // RESET turns writing off again and makes this connection re-read the
    // schema, whether or not the edit went through.
    tx.pragma_update(None, "writable_schema", "RESET")?;
    edited?;
    for table in PROVIDER_CHECK_TABLES {
        tx.query_row(&format!("SELECT count(*) FROM {table} WHERE 0"), [], |r| {
            r.get::<_, i64>(0)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: Migration = sql("CREATE TABLE t (x INTEGER);");
    const V2: Migration = sql("ALTER TABLE t ADD COLUMN y INTEGER;");
    const BROKEN: Migration = sql("ALTER TABLE t ADD COLUMN z INTEGER; CREATE TABLE t (oops);");

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

    fn transactions_sql(conn: &Connection) -> String {
        conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'transactions'",
            [],
            |r| r.get(0),
        )
        .expect("transactions table")
    }

    /// Inserts a line; each call gets its own occurrence, so no two collide.
    fn insert_line(
        conn: &Connection,
        status: &str,
        class: Option<&str>,
    ) -> rusqlite::Result<usize> {
        conn.execute(
            "INSERT INTO transactions (batch_id, account_id, source_line, fingerprint, occurrence,
                    txn_date, description, amount, currency, status, class)
             VALUES (1, 1, 2, 7, (SELECT count(*) FROM transactions), 20260301,
                     'OPENAI *CHATGPT SUBSCR', -20000000, 'USD', ?1, ?2)",
            rusqlite::params![status, class],
        )
    }

    #[test]
    fn nine_writes_the_check_lists_as_or_chains_with_the_same_rule() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ledger.sqlite");
        let mut conn = Connection::open(&path).expect("open");
        migrate_with(&mut conn, Some(&path), &MIGRATIONS[..8]).expect("v8");
        let old = transactions_sql(&conn);
        assert!(old.contains(CHECK_REWRITES[0].0) && old.contains(CHECK_REWRITES[1].0));
        // Another connection that has already read the old schema.
        let other = Connection::open(&path).expect("second connection");
        let cookie = |c: &Connection| -> i64 {
            c.query_row("PRAGMA schema_version", [], |r| r.get(0))
                .expect("cookie")
        };
        let before = cookie(&other);

        migrate_with(&mut conn, Some(&path), &MIGRATIONS[..9]).expect("v9");
        assert_eq!(current_version(&conn).expect("version"), 9);
        let new = transactions_sql(&conn);
        for (from, to) in CHECK_REWRITES {
            assert!(!new.contains(from), "{new}");
            assert!(new.contains(to), "{new}");
        }
        assert!(
            cookie(&other) > before,
            "other connections re-read the schema"
        );
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        assert_eq!(integrity, "ok");

        // The rule is the same, seen from either connection: the three
        // statuses and the four classes (or none) go in, nothing else does.
        conn.execute_batch(
            "INSERT INTO accounts (id, name, created_at)
                  VALUES (1, 'Chase card ending 1234', '2026-03-02T09:00:00Z');
             INSERT INTO import_batches (id, file_name, file_sha256, file_size, format,
                    imported_at, added, duplicates, rejected, status)
                  VALUES (1, 'Chase1234_Activity.CSV', '', 0, 'chase-card-csv',
                    '2026-03-02T09:00:00Z', 0, 0, 0, 'imported');",
        )
        .expect("the lines' account and batch");
        for c in [&conn, &other] {
            for status in ["posted", "pending", "reverted"] {
                insert_line(c, status, None).expect("a known status");
            }
            for class in ["ai-subscription", "ai-api", "everyday", "transfer"] {
                insert_line(c, "posted", Some(class)).expect("a known class");
            }
            for (status, class) in [("settled", None), ("", None), ("posted", Some("ai"))] {
                let err = insert_line(c, status, class).expect_err("refused");
                assert!(err.to_string().contains("CHECK constraint failed"), "{err}");
            }
        }
    }

    #[test]
    fn nine_leaves_a_table_without_the_lists_alone() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate_with(&mut conn, None, MIGRATIONS).expect("v9");
        let done = transactions_sql(&conn);
        let tx = conn.transaction().expect("tx");
        check_lists_to_or_chains(&tx).expect("a second run");
        tx.commit().expect("commit");
        assert_eq!(transactions_sql(&conn), done);
    }

    #[test]
    fn ten_keys_source_ids_by_date_and_amount_and_pairs_refunds_already_in() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate_with(&mut conn, None, &MIGRATIONS[..9]).expect("v9");
        conn.execute_batch(
            "INSERT INTO accounts (id, name, created_at)
                  VALUES (1, '支付宝 Alipay', '2026-04-01T00:00:00Z');
             INSERT INTO import_batches (id, file_name, file_sha256, file_size, format,
                    imported_at, added, duplicates, rejected, status, first_txn_id, last_txn_id)
                  VALUES (1, 'alipay_record.csv', '', 0, 'alipay-csv',
                    '2026-04-01T00:00:00Z', 3, 0, 0, 'imported', 1, 3);
             INSERT INTO transactions (id, batch_id, account_id, source_line, source_id,
                    fingerprint, occurrence, txn_date, description, category, memo, amount,
                    currency, status, class)
             VALUES (1, 1, 1, 26, '2026032022001100220000000012_1', 11, 0, 20260325,
                     '某某数码专营店', '退款', '退款-蓝牙耳机', 199000000, 'CNY', 'posted', 'everyday'),
                    (2, 1, 1, 27, '2026032022001100220000000012', 12, 0, 20260320,
                     '某某数码专营店', '数码电器', '蓝牙耳机', -199000000, 'CNY', 'reverted',
                     'everyday'),
                    (3, 1, 1, 28, '2026031522001100220000000014', 13, 0, 20260315,
                     '街角咖啡', '餐饮美食', '美式咖啡', -32000000, 'CNY', 'posted', 'everyday');",
        )
        .expect("a v9 ledger with a refund counted as income");
        super::super::rollup::rebuild_noted(&conn).expect("rollup");
        // The old index: one id, one line per account.
        let again = "INSERT INTO transactions (batch_id, account_id, source_line, source_id,
                    fingerprint, occurrence, txn_date, description, amount, currency, status)
             VALUES (1, 1, 29, '2026031522001100220000000014', 14, 0, 20260316, '街角咖啡',
                     -18000000, 'CNY', 'posted')";
        assert!(conn.execute(again, []).is_err());

        migrate_with(&mut conn, None, MIGRATIONS).expect("v10");
        let index: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'transactions_source_id'",
                [],
                |r| r.get(0),
            )
            .expect("index");
        assert!(index.contains("txn_date, amount, occurrence"), "{index}");
        // The pairing kept the rollup in step.
        assert_eq!(
            super::super::rollup::differences(&conn).expect("diff"),
            Vec::<String>::new()
        );
        conn.execute(again, []).expect("another date, another line");
        let refund: String = conn
            .query_row("SELECT status FROM transactions WHERE id = 1", [], |r| {
                r.get(0)
            })
            .expect("refund");
        assert_eq!(refund, "reverted");
        let link: (i64, i64, String) = conn
            .query_row(
                "SELECT refund_id, purchase_id, matched_by FROM refund_links",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("link");
        assert_eq!(link, (1, 2, "order id".to_owned()));
    }

    #[test]
    fn the_details_migration_keeps_rules_their_ids_and_the_counter() {
        let mut conn = Connection::open_in_memory().expect("open");
        // Up to the migration before it (0010 may come from another branch).
        let before = MIGRATIONS
            .iter()
            .position(|m| m.sql.contains("ADD COLUMN details"))
            .expect("the details migration");
        migrate_with(&mut conn, None, &MIGRATIONS[..before]).expect("before");
        let rule = |c: &Connection, id: Option<i64>, field: &str| {
            c.execute(
                "INSERT INTO rules (id, created_at, field, kind, pattern, class, priority,
                                    enabled, from_txn)
                 VALUES (?1, '2026-01-01T00:00:00Z', ?2, 'contains', 'x', 'everyday', 0, 1, 7)",
                rusqlite::params![id, field],
            )
        };
        for id in 1..=3 {
            rule(&conn, Some(id), "merchant").expect("old rule");
        }
        conn.execute("DELETE FROM rules WHERE id = 3", [])
            .expect("the newest removed");
        assert!(rule(&conn, None, "goods").is_err(), "not a field yet");

        migrate_with(&mut conn, None, MIGRATIONS).expect("latest");
        let ids: Vec<(i64, String, Option<i64>)> = conn
            .prepare("SELECT id, field, from_txn FROM rules ORDER BY id")
            .expect("select")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rules");
        assert_eq!(
            ids,
            [
                (1, "merchant".into(), Some(7)),
                (2, "merchant".into(), Some(7))
            ]
        );
        rule(&conn, None, "goods").expect("a goods rule");
        let newest: i64 = conn
            .query_row("SELECT max(id) FROM rules", [], |r| r.get(0))
            .expect("max");
        assert_eq!(newest, 4, "id 3 is never reused");
        for field in [
            "description",
            "descriptor",
            "memo",
            "category",
            "mcc",
            "any",
        ] {
            rule(&conn, None, field).expect(field);
        }
        let err = rule(&conn, None, "colour").expect_err("refused");
        assert!(err.to_string().contains("CHECK constraint failed"), "{err}");
        let cols: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('transactions')")
            .expect("info")
            .query_map([], |r| r.get(0))
            .expect("cols")
            .collect::<Result<_, _>>()
            .expect("names");
        assert!(cols.iter().any(|c| c == "details") && cols.iter().any(|c| c == "decided_by"));
    }

    #[test]
    fn sixteen_widens_the_providers_and_keeps_every_record_and_id() {
        let mut conn = Connection::open_in_memory().expect("open");
        let at = MIGRATIONS
            .iter()
            .position(|m| m.sql.contains("provider_records_new"))
            .expect("the providers migration");
        migrate_with(&mut conn, None, &MIGRATIONS[..at]).expect("before");
        conn.execute_batch(
            "INSERT INTO import_batches (id, file_name, file_sha256, file_size, format,
                    imported_at, added, duplicates, rejected, status)
                  VALUES (1, 'cost.csv', '', 0, 'openai-cost-csv',
                    '2026-11-01T00:00:00Z', 2, 0, 0, 'imported');
             INSERT INTO provider_records (id, batch_id, source_line, provider, kind, series,
                    bucket_start, utc_date, amount, currency, machine)
                  VALUES (7, 1, 2, 'openai', 'cost', 'openai-costs',
                    '2026-11-01T00:00:00Z', 20261101, 1250000, 'USD', 'laptop'),
                         (9, 1, 3, 'anthropic', 'cost', 'anthropic-costs',
                    '2026-11-01T00:00:00Z', 20261101, 500000, 'USD', NULL);
             DELETE FROM provider_records WHERE id = 9;
             INSERT INTO provider_payments (provider, kind, status, paid_date, amount,
                    currency, created_at)
                  VALUES ('openai', 'credit_purchase', 'succeeded', 20261101, 10000000, 'USD',
                    '2026-11-01T00:00:00Z');",
        )
        .expect("a ledger before the wider providers");
        let refused = conn.execute(
            "INSERT INTO provider_records (batch_id, source_line, provider, kind, series,
                    bucket_start, utc_date) VALUES (1, 4, 'openrouter', 'usage', 'openrouter',
                    '2026-11-01T00:00:00Z', 20261101)",
            [],
        );
        assert!(refused.is_err(), "openrouter was not a provider yet");
        migrate_with(&mut conn, None, MIGRATIONS).expect("migrated");
        let kept: (i64, String, i64, Option<String>) = conn
            .query_row(
                "SELECT id, provider, amount, machine FROM provider_records",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .expect("the record");
        assert_eq!(kept, (7, "openai".into(), 1_250_000, Some("laptop".into())));
        for p in ["google", "cursor", "github", "openrouter"] {
            conn.execute(
                "INSERT INTO provider_records (batch_id, source_line, provider, kind, series,
                        bucket_start, utc_date) VALUES (1, 4, ?1, 'usage', 'x',
                        '2026-11-01T00:00:00Z', 20261101)",
                [p],
            )
            .unwrap_or_else(|e| panic!("{p}: {e}"));
            conn.execute(
                "INSERT INTO provider_payments (provider, kind, status, paid_date, amount,
                        currency, created_at)
                      VALUES (?1, 'credit_purchase', 'succeeded', 20261101, 1, 'USD',
                        '2026-11-01T00:00:00Z')",
                [p],
            )
            .unwrap_or_else(|e| panic!("{p}: {e}"));
        }
        assert!(conn
            .execute(
                "INSERT INTO provider_records (batch_id, source_line, provider, kind, series,
                        bucket_start, utc_date) VALUES (1, 4, 'gemini', 'usage', 'x',
                        '2026-11-01T00:00:00Z', 20261101)",
                [],
            )
            .is_err());
        // AUTOINCREMENT: the deleted record's id 9 is never given again.
        let first_new: i64 = conn
            .query_row(
                "SELECT min(id) FROM provider_records WHERE provider = 'google'",
                [],
                |r| r.get(0),
            )
            .expect("id");
        assert_eq!(first_new, 10);
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index'
                   AND tbl_name = 'provider_records' AND name LIKE 'provider_records_%'",
                [],
                |r| r.get(0),
            )
            .expect("indexes");
        // The five migration 16 rebuilds, and migration 19's by day.
        assert_eq!(indexes, 6);
    }
}

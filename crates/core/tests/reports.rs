//! Reports end to end: the rollup against a plain GROUP BY after random
//! writes, golden summaries over fixture statements, and subscription
//! detection over a generated multi-year ledger with known subscriptions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aispend_core::app::{TxnCursor, TxnQuery};
use aispend_core::classify::{Class, MatchField, MatchKind, NewRule};
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::{TxnEdit, TxnFilter, TxnStatus};
use aispend_core::reports::{Cadence, NewManualSubscription, Period, SubStatus, Subscription};
use aispend_core::Ledger;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// A small deterministic generator (xorshift64*), so the test needs no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn import(ledger: &mut Ledger, path: &Path) -> i64 {
    import_file(ledger, path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
        .batch_id
        .expect("a batch")
}

fn assert_rollup_agrees(ledger: &Ledger, after: &str) {
    let diff = ledger.rollup_differences().expect("compare");
    assert!(
        diff.is_empty(),
        "after {after} the rollup disagrees with the lines:\n{}",
        diff.join("\n")
    );
    let diff = ledger.tally_differences().expect("compare");
    assert!(
        diff.is_empty(),
        "after {after} the view's line counts (txn_tally) disagree with the lines:\n{}",
        diff.join("\n")
    );
    let diff = ledger
        .text_index_differences(&TEXT_PROBES)
        .expect("compare");
    assert!(
        diff.is_empty(),
        "after {after} the text index (txn_bodies) disagrees with the lines:\n{}",
        diff.join("\n")
    );
}

/// Searches the tests run: words of the statements, in other cases, a
/// word no line has, and ones too short for a trigram.
const TEXT_PROBES: [&str; 8] = [
    "openai",
    "SUBSCR",
    "Thank You",
    "mkt #1",
    "netflix.com",
    "zzq",
    "ai",
    "É",
];

/// Subscriptions served (from the stored detection when it is current)
/// equal the detection computed from the lines, asked twice (the second
/// is served from the stored one) and at dates before and after the lines.
fn assert_subscriptions_agree(ledger: &Ledger, after: &str) {
    for as_of in ["2025-02-15", "2025-12-31", "2026-09-30", "2026-09-30"] {
        let as_of = d(as_of);
        let served = aispend_core::reports::subscriptions(ledger, as_of).expect("subs");
        let fresh = aispend_core::reports::subscriptions_from_scratch(ledger, as_of).expect("subs");
        assert_eq!(served, fresh, "after {after}: subscriptions as of {as_of}");
    }
}

/// The view's queries the tally and the partial indexes serve, alone and
/// combined.
fn view_queries() -> Vec<TxnQuery> {
    let mut out = vec![TxnQuery::default()];
    for class in [
        Class::AiSubscription,
        Class::AiApi,
        Class::Everyday,
        Class::Transfer,
    ] {
        out.push(TxnQuery {
            class: Some(class),
            ..TxnQuery::default()
        });
        out.push(TxnQuery {
            class: Some(class),
            status: Some(TxnStatus::Posted),
            from: Some(d("2025-02-01")),
            ..TxnQuery::default()
        });
    }
    for vendor in ["openai", "anthropic", "perplexity", "netflix-ai"] {
        out.push(TxnQuery {
            vendor: Some(vendor.into()),
            ..TxnQuery::default()
        });
        out.push(TxnQuery {
            vendor: Some(vendor.into()),
            class: Some(Class::AiApi),
            ..TxnQuery::default()
        });
    }
    for status in [TxnStatus::Posted, TxnStatus::Pending, TxnStatus::Reverted] {
        out.push(TxnQuery {
            status: Some(status),
            ..TxnQuery::default()
        });
    }
    out.push(TxnQuery {
        account: Some("Random card".into()),
        to: Some(d("2025-03-15")),
        class: Some(Class::Everyday),
        ..TxnQuery::default()
    });
    out.push(TxnQuery {
        account: Some("no such account".into()),
        ..TxnQuery::default()
    });
    for text in TEXT_PROBES {
        out.push(TxnQuery {
            text: Some(text.into()),
            ..TxnQuery::default()
        });
    }
    out.push(TxnQuery {
        text: Some("claude".into()),
        class: Some(Class::AiSubscription),
        to: Some(d("2025-03-31")),
        ..TxnQuery::default()
    });
    // A text with each other filter (counted from the body index, with the
    // edited lines counted again by their effective class and vendor).
    for text in ["openai", "OPENAI *", "netflix", "mkt", "a", "zzq"] {
        out.push(TxnQuery {
            text: Some(text.into()),
            account: Some("Random card".into()),
            ..TxnQuery::default()
        });
        out.push(TxnQuery {
            text: Some(text.into()),
            status: Some(TxnStatus::Pending),
            ..TxnQuery::default()
        });
        out.push(TxnQuery {
            text: Some(text.into()),
            class: Some(Class::AiApi),
            ..TxnQuery::default()
        });
        out.push(TxnQuery {
            text: Some(text.into()),
            class: Some(Class::Everyday),
            from: Some(d("2025-02-01")),
            ..TxnQuery::default()
        });
        for vendor in ["openai", "netflix-ai", "perplexity"] {
            out.push(TxnQuery {
                text: Some(text.into()),
                vendor: Some(vendor.into()),
                ..TxnQuery::default()
            });
        }
        out.push(TxnQuery {
            text: Some(text.into()),
            account: Some("Random card".into()),
            class: Some(Class::AiSubscription),
            status: Some(TxnStatus::Posted),
            from: Some(d("2025-01-10")),
            to: Some(d("2025-03-31")),
            ..TxnQuery::default()
        });
    }
    out
}

/// Every view query's count, pages, seeks and date jumps against the plain
/// WHERE clause over the lines (`txn_ids`, which reads no tally).
fn assert_view_agrees(ledger: &Ledger, after: &str) {
    let dates: std::collections::HashMap<i64, NaiveDate> = ledger
        .transactions(&TxnFilter::default())
        .expect("lines")
        .iter()
        .map(|t| (t.id, t.date))
        .collect();
    for q in view_queries() {
        let mut want: Vec<(NaiveDate, i64)> = ledger
            .txn_ids(&q)
            .expect("ids")
            .into_iter()
            .map(|id| (dates[&id], id))
            .collect();
        want.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let ctx = format!("after {after}, query {q:?}");
        assert_eq!(
            ledger.txn_count(&q).expect("count"),
            want.len() as u64,
            "{ctx}: count"
        );
        // A text search's page reads the days its size needs: several sizes.
        let sizes: &[u32] = if q.text.is_some() { &[7, 1, 50] } else { &[7] };
        for &size in sizes {
            let mut got = Vec::new();
            let mut cursor = None;
            loop {
                let page = ledger.txn_page(&q, cursor, size).expect("page");
                got.extend(page.rows.iter().map(|r| (r.date, r.id)));
                match page.next {
                    Some(c) => cursor = Some(c),
                    None => break,
                }
            }
            assert_eq!(got, want, "{ctx}: pages of {size}");
        }
        for position in [1, 2, want.len() / 2, want.len(), want.len() + 1] {
            let seek = ledger.txn_seek(&q, position as u64).expect("seek");
            let expect = (position >= 1 && position <= want.len()).then(|| {
                let (date, id) = want[position - 1];
                TxnCursor { date, id }
            });
            assert_eq!(seek, expect, "{ctx}: seek to {position}");
        }
        for day in [
            "2024-12-31",
            "2025-01-15",
            "2025-03-01",
            "2025-04-30",
            "2025-12-31",
        ] {
            let day = d(day);
            let jump = ledger.txn_seek_date(&q, day).expect("jump");
            let before = want.iter().filter(|w| w.0 > day).count();
            assert_eq!(jump.position, before as u64, "{ctx}: jump to {day}");
            let first = ledger
                .txn_page(&q, jump.cursor, 3)
                .expect("page")
                .rows
                .first()
                .map(|r| (r.date, r.id));
            assert_eq!(first, want.get(before).copied(), "{ctx}: page at {day}");
        }
    }
}

const DESCRIPTORS: &[&str] = &[
    "OPENAI *CHATGPT SUBSCR",
    "OPENAI",
    "CLAUDE.AI SUBSCRIPTION",
    "ANTHROPIC",
    "GITHUB *COPILOT",
    "WHOLEFDS MKT #10234",
    "NETFLIX.COM",
    "STARBUCKS STORE 05812",
    "Payment Thank You-Mobile",
];
const STATUSES: &[&str] = &["", "", "", "", "pending", "declined"];
const CURRENCIES: &[&str] = &["USD", "USD", "USD", "EUR"];

/// A statement the generic mapper reads, with statuses and currencies.
fn random_statement(rng: &mut Rng, dir: &Path, n: usize, name: &str) -> PathBuf {
    // Half the rows carry a bank id from a small pool, so the unique
    // source-id index skips some rows in the middle of an insert.
    let mut text = String::from("Date,Description,Amount,Currency,Status,Id\n");
    for _ in 0..n {
        let day = d("2025-01-01") + chrono::Duration::days(rng.below(120) as i64);
        let desc = DESCRIPTORS[rng.below(DESCRIPTORS.len() as u64) as usize];
        let cents = rng.below(30_000) as i64 + 1;
        let sign = if desc.starts_with("Payment") || rng.below(20) == 0 {
            ""
        } else {
            "-"
        };
        let _ = writeln!(
            text,
            "{day},{desc},{sign}{}.{:02},{},{},{}",
            cents / 100,
            cents % 100,
            CURRENCIES[rng.below(CURRENCIES.len() as u64) as usize],
            STATUSES[rng.below(STATUSES.len() as u64) as usize],
            if rng.below(2) == 0 {
                format!("B{}", rng.below(300))
            } else {
                String::new()
            },
        );
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write statement");
    path
}

fn mapped_opts() -> ImportOptions {
    ImportOptions {
        account: Some("Random card".into()),
        map: Some(
            "date=Date,description=Description,amount=Amount,currency=Currency,status=Status,id=Id"
                .parse()
                .expect("map"),
        ),
        ..ImportOptions::default()
    }
}

#[test]
fn the_rollup_matches_a_plain_group_by_after_random_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for seed in [7_u64, 20_240_601, 0xDEAD_BEEF] {
        let mut rng = Rng(seed);
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        let mut batches: Vec<i64> = Vec::new();
        let mut rules: Vec<i64> = Vec::new();
        let mut files: Vec<PathBuf> = Vec::new();
        for step in 0..40 {
            let op = rng.below(10);
            let what = match op {
                // import a new statement, or one imported before (duplicates,
                // or lines coming back after an undo, with their edits)
                0..=2 => {
                    let path = if files.is_empty() || rng.below(3) > 0 {
                        let n = 1 + rng.below(60) as usize;
                        let p = random_statement(
                            &mut rng,
                            dir.path(),
                            n,
                            &format!("s{seed}-{step}.csv"),
                        );
                        files.push(p.clone());
                        p
                    } else {
                        files[rng.below(files.len() as u64) as usize].clone()
                    };
                    let out = import_file(&mut ledger, &path, &mapped_opts()).expect("import");
                    batches.extend(out.batch_id);
                    "an import"
                }
                3 => {
                    let fx = [
                        "revolut/account-statement_2026-03-01_2026-03-31_en-gb_4f2a1c.csv",
                        "n26/n26-csv-transactions.csv",
                        "chase/Chase1234_Activity20260101_20260131_20260203.CSV",
                    ];
                    let path = fixture(fx[rng.below(3) as usize]);
                    batches.push(import(&mut ledger, &path));
                    "a fixture import"
                }
                4 if !batches.is_empty() => {
                    let i = rng.below(batches.len() as u64) as usize;
                    let b = batches.swap_remove(i);
                    aispend_core::batches::undo(&mut ledger, b).expect("undo");
                    "an undo"
                }
                5 => {
                    let (pattern, class, vendor) = match rng.below(3) {
                        0 => ("NETFLIX", Class::AiSubscription, Some("netflix-ai")),
                        1 => ("STARBUCKS", Class::Transfer, None),
                        _ => ("OPENAI", Class::Everyday, None),
                    };
                    let change = ledger
                        .add_rule(NewRule {
                            field: MatchField::Description,
                            kind: MatchKind::Contains,
                            pattern: pattern.into(),
                            min_amount: None,
                            max_amount: None,
                            account: None,
                            currency: None,
                            class,
                            vendor: vendor.map(str::to_owned),
                            product: None,
                            tags: Vec::new(),
                            priority: rng.below(3) as i64,
                        })
                        .expect("rule");
                    rules.push(change.rule.id);
                    "a new rule"
                }
                6 if !rules.is_empty() => {
                    let i = rng.below(rules.len() as u64) as usize;
                    ledger
                        .remove_rule(rules.swap_remove(i))
                        .expect("remove rule");
                    "a rule removed"
                }
                _ => {
                    let lines = ledger.transactions(&TxnFilter::default()).expect("lines");
                    if lines.is_empty() {
                        continue;
                    }
                    let t = &lines[rng.below(lines.len() as u64) as usize];
                    let edit = match rng.below(4) {
                        0 => TxnEdit {
                            class: Some("ai-api".into()),
                            vendor: Some("openai".into()),
                            ..TxnEdit::default()
                        },
                        1 => TxnEdit {
                            class: Some("everyday".into()),
                            ..TxnEdit::default()
                        },
                        2 => TxnEdit {
                            class: Some("ai-subscription".into()),
                            ..TxnEdit::default()
                        },
                        _ => TxnEdit {
                            vendor: Some("perplexity".into()),
                            ..TxnEdit::default()
                        },
                    };
                    ledger.edit_transaction(t.id, &edit).expect("edit");
                    "an edit"
                }
            };
            assert_rollup_agrees(&ledger, &format!("step {step} ({what}, seed {seed})"));
            if step % 5 == 4 {
                assert_view_agrees(&ledger, &format!("step {step} ({what}, seed {seed})"));
            }
            assert_subscriptions_agree(&ledger, &format!("step {step} ({what}, seed {seed})"));
        }
        assert_view_agrees(&ledger, &format!("the last step (seed {seed})"));
        assert!(ledger.transaction_count().expect("count") > 0);
    }
}

#[test]
fn migration_0005_fills_the_rollup_from_the_lines_already_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.sqlite");
    {
        let mut ledger = Ledger::open(&db).expect("open");
        import(
            &mut ledger,
            &fixture("revolut/account-statement_2026-03-01_2026-03-31_en-gb_4f2a1c.csv"),
        );
        import(
            &mut ledger,
            &fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV"),
        );
        let id = ledger.transactions(&TxnFilter::default()).expect("lines")[0].id;
        ledger
            .edit_transaction(
                id,
                &TxnEdit {
                    class: Some("ai-api".into()),
                    vendor: Some("openai".into()),
                    ..TxnEdit::default()
                },
            )
            .expect("edit");
    }
    // Back to the schema before the rollup (0006_rollup.sql, version 6), as
    // an older AI Spend left it: the migrations after it are undone too.
    let version = aispend_core::ledger::migrations::latest_version();
    {
        let conn = rusqlite::Connection::open(&db).expect("raw open");
        conn.execute_batch(
            "DROP TABLE rollup_daily; DROP TABLE subscriptions_manual;
             DROP TABLE IF EXISTS app_settings; DROP TABLE IF EXISTS sync_state;
             DROP TABLE IF EXISTS refund_links; DROP TABLE IF EXISTS txn_tally;
             DROP INDEX IF EXISTS transactions_class_date;
             DROP INDEX IF EXISTS transactions_vendor_date;
             DROP INDEX IF EXISTS transactions_status_date;
             DROP TABLE IF EXISTS line_generation; DROP TABLE IF EXISTS subs_detected;
             DROP TABLE IF EXISTS subs_stale;
             DROP TABLE IF EXISTS txn_text;
             DROP INDEX IF EXISTS transactions_body_date;
             ALTER TABLE transactions DROP COLUMN body_id;
             DROP TABLE IF EXISTS txn_bodies; DROP TABLE IF EXISTS txn_body_text;
             DROP TABLE IF EXISTS mail_receipts;
             ALTER TABLE transactions DROP COLUMN details;
             ALTER TABLE transactions DROP COLUMN decided_by;
             DROP TABLE IF EXISTS agent_log_files;
             ALTER TABLE provider_records DROP COLUMN reasoning_tokens;
             ALTER TABLE provider_records DROP COLUMN machine;
             ALTER TABLE provider_records DROP COLUMN source_file;
             DROP TABLE IF EXISTS credit_grants; DROP TABLE IF EXISTS credit_balance_checks;
             DROP TABLE IF EXISTS budgets; DROP TABLE IF EXISTS subscription_cancellations;
             DROP TABLE IF EXISTS alert_state; DROP INDEX IF EXISTS provider_records_cost_days;
             DROP TRIGGER IF EXISTS usage_cost_days_insert;
             DROP TRIGGER IF EXISTS usage_cost_days_delete;
             DROP TRIGGER IF EXISTS usage_cost_days_update;
             DROP TABLE IF EXISTS usage_cost_days;
             DROP TABLE IF EXISTS txn_parts; DROP TABLE IF EXISTS reimbursement_reports;
             DROP INDEX IF EXISTS transactions_api_topups;
             DROP INDEX IF EXISTS transactions_rule_tagged;
             DROP INDEX IF EXISTS provider_records_utc_date;
             DROP INDEX IF EXISTS transactions_sub_charges;
             ALTER TABLE txn_edits DROP COLUMN class_by_user;
             PRAGMA user_version = 5;",
        )
        .expect("downgrade");
    }
    let ledger = Ledger::open(&db).expect("migrate");
    assert_eq!(ledger.schema_version().expect("version"), version);
    assert_rollup_agrees(&ledger, "migration 0005");
    // Migration 0020: the tables that name a provider take every provider
    // (the CHECK widened in place, the rows and their ids kept).
    {
        let conn = rusqlite::Connection::open(&db).expect("raw open");
        for (table, cols, values) in [
            (
                "credit_grants",
                "provider, granted_on, amount, currency, created_at",
                "'openrouter', 20261101, 5000000, 'USD', '2026-11-01T00:00:00Z'",
            ),
            (
                "credit_balance_checks",
                "provider, checked_on, balance, currency, created_at",
                "'cursor', 20261101, 1000000, 'USD', '2026-11-01T00:00:00Z'",
            ),
            (
                "cases",
                "title, provider, created_at, updated_at, utc_offset_minutes",
                "'t', 'github', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 0",
            ),
        ] {
            let new_provider = ["'openrouter'", "'cursor'", "'github'"]
                .into_iter()
                .find(|p| values.contains(p))
                .expect("a provider");
            conn.execute(
                &format!("INSERT INTO {table} ({cols}) VALUES ({values})"),
                [],
            )
            .unwrap_or_else(|e| panic!("{table}: {e}"));
            let bad = conn.execute(
                &format!(
                    "INSERT INTO {table} ({cols}) VALUES ({})",
                    values.replacen(new_provider, "'nobody'", 1)
                ),
                [],
            );
            assert!(bad.is_err(), "{table} still refuses an unknown provider");
            conn.execute(
                &format!("DELETE FROM {table} WHERE id = last_insert_rowid()"),
                [],
            )
            .expect("delete");
        }
        let fk: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .expect("fk check");
        assert_eq!(fk, 0);
    }
    assert!(!aispend_core::reports::summary(&ledger, Period::default())
        .expect("summary")
        .totals
        .is_empty());
}

/// The fixture ledger of the golden summaries: two overlapping Chase
/// statements, an Amex one, Revolut (GBP, pending and declined lines) and
/// N26 (EUR card paying USD merchants).
fn fixture_ledger() -> Ledger {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    for f in [
        "chase/Chase1234_Activity20260101_20260131_20260203.CSV",
        "chase/Chase1234_Activity20260125_20260224_20260226.CSV",
        "amex/activity_extended.csv",
        "revolut/account-statement_2026-03-01_2026-03-31_en-gb_4f2a1c.csv",
        "n26/n26-csv-transactions.csv",
    ] {
        import(&mut ledger, &fixture(f));
    }
    ledger
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("json")
}

#[test]
fn golden_summary_all_time() {
    let ledger = fixture_ledger();
    insta::assert_snapshot!(json(
        &aispend_core::reports::summary(&ledger, Period::default()).expect("summary")
    ));
}

#[test]
fn golden_summary_january_2026() {
    let ledger = fixture_ledger();
    let p = Period::month("2026-01").expect("month");
    insta::assert_snapshot!(json(
        &aispend_core::reports::summary(&ledger, p).expect("summary")
    ));
}

#[test]
fn golden_summary_a_period_across_months_in_eur() {
    let ledger = fixture_ledger();
    let p = Period::between(Some(d("2026-02-15")), Some(d("2026-05-31"))).expect("period");
    insta::assert_snapshot!(json(
        &aispend_core::reports::summary(&ledger, p).expect("summary")
    ));
}

#[test]
fn summary_edges_of_a_period_are_inclusive_and_edits_move_totals() {
    let mut ledger = fixture_ledger();
    let all = ledger.transactions(&TxnFilter::default()).expect("lines");
    let line = all
        .iter()
        .find(|t| {
            t.class.map(Class::as_str) == Some("everyday")
                && t.amount < Decimal::ZERO
                && t.status.as_str() == "posted"
        })
        .expect("an everyday spending line");
    let one_day = Period::between(Some(line.date), Some(line.date)).expect("period");
    let before = aispend_core::reports::summary(&ledger, one_day).expect("summary");
    let sum_of = |s: &aispend_core::reports::Summary, class: &str| {
        s.totals
            .iter()
            .filter(|t| t.class == class && t.currency == line.currency.as_str())
            .map(|t| t.amount)
            .sum::<Decimal>()
    };
    let by_lines: Decimal = all
        .iter()
        .filter(|t| {
            t.date == line.date
                && t.currency == line.currency
                && t.status.as_str() == "posted"
                && t.class.map(Class::as_str) == Some("everyday")
        })
        .map(|t| t.amount)
        .sum();
    assert_eq!(sum_of(&before, "everyday"), by_lines);
    ledger
        .edit_transaction(
            line.id,
            &TxnEdit {
                class: Some("ai-api".into()),
                vendor: Some("openai".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    let after = aispend_core::reports::summary(&ledger, one_day).expect("summary");
    assert_eq!(sum_of(&after, "everyday"), by_lines - line.amount);
    assert_eq!(
        sum_of(&after, "ai-api") - sum_of(&before, "ai-api"),
        line.amount
    );
    assert!(after
        .by_vendor
        .iter()
        .any(|v| v.vendor == "openai" && v.class == "ai-api"));
}

#[test]
fn bad_periods_are_refused() {
    assert!(Period::month("2026-13").is_err());
    assert!(Period::month("26-01").is_err());
    assert!(Period::between(Some(d("2026-02-01")), Some(d("2026-01-01"))).is_err());
    assert_eq!(
        Period::month("2024-02").expect("month").to,
        Some(d("2024-02-29"))
    );
}

// ---------------------------------------------------------------------------
// Subscriptions over a generated multi-year ledger.

fn mmddyyyy(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

/// The day `day` of every month from `from` to `to`, clamped to month ends.
fn monthly(from: &str, to: &str, day: u32) -> Vec<NaiveDate> {
    let (from, to) = (d(from), d(to));
    let mut out = Vec::new();
    let mut m = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).expect("month");
    while m <= to {
        let date = aispend_core::reports::subs::add_months(m, 0, day).expect("date");
        if date >= from && date <= to {
            out.push(date);
        }
        m = aispend_core::reports::subs::add_months(m, 1, 1).expect("next");
    }
    out
}

/// A USD Chase card (ChatGPT Plus; Copilot with a price change; Midjourney
/// annual; Cursor until a lapse; Perplexity after a 1.00 trial; API top-ups
/// and everyday noise) and a EUR N26 card paying Claude Pro in USD.
fn subscription_ledger(dir: &Path) -> Ledger {
    let mut rng = Rng(42);
    let mut rows: Vec<(NaiveDate, String, String, &str)> = Vec::new();
    let mut charge = |date: NaiveDate, desc: &str, amount: &str, kind: &'static str| {
        rows.push((date, desc.to_owned(), amount.to_owned(), kind));
    };
    for date in monthly("2022-01-01", "2025-12-31", 3) {
        charge(date, "OPENAI *CHATGPT SUBSCR", "-20.00", "Sale");
    }
    for date in monthly("2022-06-01", "2025-12-31", 18) {
        let price = if date < d("2025-03-01") {
            "-10.00"
        } else {
            "-12.00"
        };
        charge(date, "GITHUB *COPILOT", price, "Sale");
    }
    for y in 2022..=2025 {
        let date = NaiveDate::from_ymd_opt(y, 2, 22).expect("date");
        charge(date, "MIDJOURNEY INC", "-96.00", "Sale");
    }
    for date in monthly("2023-01-01", "2024-06-30", 31) {
        charge(date, "CURSOR, AI POWERED IDE", "-20.00", "Sale");
    }
    charge(d("2024-09-09"), "PERPLEXITY.AI", "-1.00", "Sale");
    for date in monthly("2024-10-01", "2025-12-31", 9) {
        charge(date, "PERPLEXITY.AI", "-20.00", "Sale");
    }
    for date in monthly("2022-01-01", "2025-12-31", 1) {
        let cents = 500 + rng.below(30_000);
        charge(
            date,
            "OPENAI",
            &format!("-{}.{:02}", cents / 100, cents % 100),
            "Sale",
        );
    }
    for i in 0..1500 {
        let date = d("2022-01-01") + chrono::Duration::days(rng.below(1460) as i64);
        let cents = 100 + rng.below(20_000);
        let desc = ["WHOLEFDS MKT #10234", "SHELL OIL 57442", "NETFLIX.COM"][i % 3];
        charge(
            date,
            desc,
            &format!("-{}.{:02}", cents / 100, cents % 100),
            "Sale",
        );
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut chase =
        String::from("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n");
    for (date, desc, amount, kind) in &rows {
        let _ = writeln!(
            chase,
            "{},{},\"{}\",Shopping,{},{},",
            mmddyyyy(*date),
            mmddyyyy(*date),
            desc,
            kind,
            amount
        );
    }
    let chase_path = dir.join("Chase9876_Activity.CSV");
    std::fs::write(&chase_path, chase).expect("write");

    let mut n26 = String::from("\"Date\",\"Payee\",\"Account number\",\"Transaction type\",\"Payment reference\",\"Amount (EUR)\",\"Amount (Foreign Currency)\",\"Type Foreign Currency\",\"Exchange Rate\"\n");
    for date in monthly("2023-03-01", "2025-12-31", 12) {
        // 20 USD at a rate that drifts between 1.03 and 1.12 USD per EUR
        let rate = dec("1.03") + Decimal::new(rng.below(10) as i64, 2);
        let eur = (dec("20") / rate).round_dp(2);
        let _ = writeln!(
            n26,
            "\"{date}\",\"CLAUDE.AI SUBSCRIPTION\",\"\",\"MasterCard Payment\",\"\",\"-{eur}\",\"-20.0\",\"USD\",\"{rate}\""
        );
    }
    let n26_path = dir.join("n26.csv");
    std::fs::write(&n26_path, n26).expect("write");

    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import(&mut ledger, &chase_path);
    import(&mut ledger, &n26_path);
    ledger
}

fn find<'a>(subs: &'a [Subscription], vendor: &str) -> Vec<&'a Subscription> {
    subs.iter().filter(|s| s.vendor == vendor).collect()
}

fn one<'a>(subs: &'a [Subscription], vendor: &str) -> &'a Subscription {
    let found = find(subs, vendor);
    assert_eq!(found.len(), 1, "one {vendor} subscription: {found:#?}");
    found[0]
}

#[test]
fn known_subscriptions_are_detected_from_a_multi_year_ledger() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = subscription_ledger(dir.path());
    let subs = aispend_core::reports::subscriptions(&ledger, d("2025-12-31")).expect("subs");

    let chatgpt = one(&subs, "openai");
    assert_eq!(chatgpt.cadence, Cadence::Monthly);
    assert_eq!(chatgpt.amount, dec("-20.00"));
    assert_eq!(chatgpt.currency.as_str(), "USD");
    assert_eq!(chatgpt.last_charge, Some(d("2025-12-03")));
    assert_eq!(chatgpt.next_renewal, Some(d("2026-01-03")));
    assert_eq!(chatgpt.annual_cost, dec("-240.00"));
    assert_eq!(chatgpt.status, SubStatus::Active);
    assert_eq!(chatgpt.charges, 48);
    assert!(!chatgpt.price_change && !chatgpt.trial_to_paid);

    let copilot = one(&subs, "github-copilot");
    assert_eq!(copilot.amount, dec("-12.00"));
    assert!(copilot.price_change, "{copilot:#?}");
    assert_eq!(copilot.previous_amount, Some(dec("-10.00")));
    assert_eq!(copilot.price_changed_on, Some(d("2025-03-18")));
    assert_eq!(copilot.annual_cost, dec("-144.00"));
    assert_eq!(copilot.status, SubStatus::Active);

    let mj = one(&subs, "midjourney");
    assert_eq!(mj.cadence, Cadence::Annual);
    assert_eq!(mj.next_renewal, Some(d("2026-02-22")));
    assert_eq!(mj.annual_cost, dec("-96.00"));
    assert_eq!(mj.status, SubStatus::Active);

    let cursor = one(&subs, "cursor");
    assert_eq!(cursor.cadence, Cadence::Monthly);
    assert_eq!(cursor.last_charge, Some(d("2024-06-30")));
    assert_eq!(
        cursor.next_renewal,
        Some(d("2024-07-31")),
        "the 31st is kept"
    );
    assert_eq!(cursor.status, SubStatus::Lapsed);
    assert!(!cursor.price_change, "a clamped day is no price change");

    let perplexity = one(&subs, "perplexity");
    assert!(perplexity.trial_to_paid, "{perplexity:#?}");
    assert!(!perplexity.price_change);
    assert_eq!(perplexity.amount, dec("-20.00"));
    assert_eq!(perplexity.first_charge, Some(d("2024-09-09")));

    let claude = one(&subs, "anthropic");
    assert_eq!(claude.cadence, Cadence::Monthly);
    assert_eq!(claude.currency.as_str(), "EUR");
    assert_eq!(claude.original_amount, Some(dec("-20.00")));
    assert_eq!(
        claude.original_currency.map(|c| c.to_string()).as_deref(),
        Some("USD")
    );
    assert!(
        !claude.price_change,
        "FX drift is not a price change: {claude:#?}"
    );
    assert_eq!(claude.charges, 34);
    assert_eq!(claude.next_renewal, Some(d("2026-01-12")));

    // API top-ups and everyday lines are no subscriptions.
    assert_eq!(subs.len(), 6, "{subs:#?}");

    // Judged earlier, Cursor was active and later charges do not count.
    let then = aispend_core::reports::subscriptions(&ledger, d("2024-07-15")).expect("subs");
    assert_eq!(one(&then, "cursor").status, SubStatus::Active);
    assert!(!one(&then, "github-copilot").price_change);
    assert!(find(&then, "perplexity").is_empty());
}

#[test]
fn manual_subscriptions_appear_beside_detected_ones() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let m = aispend_core::reports::add_manual_subscription(
        &mut ledger,
        &NewManualSubscription {
            vendor: "elevenlabs".into(),
            product: Some("Starter".into()),
            amount: dec("5.00"),
            currency: "USD".parse().expect("currency"),
            cadence: Cadence::Monthly,
            since: d("2025-01-31"),
            note: None,
        },
    )
    .expect("add");
    let subs = aispend_core::reports::subscriptions(&ledger, d("2025-03-05")).expect("subs");
    assert_eq!(subs.len(), 1);
    let s = &subs[0];
    assert_eq!(s.source, aispend_core::reports::SubSource::Manual);
    assert_eq!(s.id, Some(m.id));
    assert_eq!(s.amount, dec("-5.00"));
    assert_eq!(s.last_charge, Some(d("2025-02-28")));
    assert_eq!(s.next_renewal, Some(d("2025-03-31")));
    assert_eq!(s.annual_cost, dec("-60.00"));
    assert!(aispend_core::reports::add_manual_subscription(
        &mut ledger,
        &NewManualSubscription {
            amount: dec("-1"),
            ..NewManualSubscription {
                vendor: "x".into(),
                product: None,
                amount: Decimal::ZERO,
                currency: "USD".parse().expect("currency"),
                cadence: Cadence::Weekly,
                since: d("2025-01-01"),
                note: None,
            }
        }
    )
    .is_err());
    aispend_core::reports::remove_manual_subscription(&mut ledger, m.id).expect("remove");
    assert!(aispend_core::reports::remove_manual_subscription(&mut ledger, m.id).is_err());
    assert!(
        aispend_core::reports::subscriptions(&ledger, d("2025-03-05"))
            .expect("subs")
            .is_empty()
    );
}

#[test]
fn an_edited_line_coming_back_after_undo_is_summed_by_its_edit() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let jan = fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV");
    let batch = import(&mut ledger, &jan);
    let lines = ledger.transactions(&TxnFilter::default()).expect("lines");
    let everyday = lines
        .iter()
        .find(|t| t.class.map(Class::as_str) == Some("everyday"))
        .expect("an everyday line");
    ledger
        .edit_transaction(
            everyday.id,
            &TxnEdit {
                class: Some("ai-api".into()),
                vendor: Some("openai".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    let sub = lines
        .iter()
        .find(|t| t.class.map(Class::as_str) == Some("ai-subscription"))
        .expect("a subscription line");
    ledger
        .edit_transaction(
            sub.id,
            &TxnEdit {
                class: Some("everyday".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    let before = aispend_core::reports::summary(&ledger, Period::default()).expect("summary");
    aispend_core::batches::undo(&mut ledger, batch).expect("undo");
    assert_rollup_agrees(&ledger, "the undo");
    import(&mut ledger, &jan);
    assert_rollup_agrees(&ledger, "the re-import of edited lines");
    assert_eq!(
        aispend_core::reports::summary(&ledger, Period::default()).expect("summary"),
        before
    );
}

#[test]
fn the_text_bodies_count_their_lines_and_the_check_catches_a_wrong_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.sqlite");
    let chase = fixture("chase/Chase1234_Activity20260101_20260131_20260203.CSV");
    {
        let mut ledger = Ledger::open(&db).expect("open");
        let first = import(&mut ledger, &chase);
        // The same file again: every row a duplicate, no body left behind.
        let again =
            import_file(&mut ledger, &chase, &ImportOptions::default()).expect("import again");
        assert_eq!(again.added, 0);
        assert_rollup_agrees(&ledger, "a re-import of only duplicates");
        aispend_core::batches::undo(&mut ledger, first).expect("undo");
        assert_rollup_agrees(&ledger, "the undo of the only batch");
        import(&mut ledger, &chase);
        assert_rollup_agrees(&ledger, "the import after the undo");
    }
    let conn = rusqlite::Connection::open(&db).expect("raw open");
    let (bodies, lines): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM txn_bodies), (SELECT sum(n) FROM txn_bodies)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("bodies");
    assert!(
        bodies > 0 && bodies < lines,
        "{bodies} bodies for {lines} lines"
    );
    conn.execute_batch(
        "UPDATE txn_bodies SET n = n + 1 WHERE id = (SELECT min(id) FROM txn_bodies);
         DELETE FROM txn_body_text WHERE rowid = (SELECT max(id) FROM txn_bodies);",
    )
    .expect("break the bodies");
    drop(conn);
    let ledger = Ledger::open(&db).expect("open again");
    let diff = ledger
        .text_index_differences(&TEXT_PROBES)
        .expect("compare");
    assert!(
        diff.iter().any(|d| d.contains("wrong line count"))
            && diff.iter().any(|d| d.contains("txn_body_text has")),
        "{diff:?}"
    );
}

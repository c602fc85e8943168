//! Report speed benchmark (run by `scripts/bench-reports.sh`).
//!
//! `bench_reports LEDGER [CSV]`: imports CSV into LEDGER when given (a fresh
//! file), then times over the ledger, reporting medians:
//! - the 24-month summary (2024-01-01..2025-12-31) from the rollup, 30 runs;
//! - the same totals by a plain GROUP BY over the lines, 3 runs (reference);
//! - subscription detection as of 2025-12-31, 7 runs;
//! - the desktop transactions view (app::txn_page): a 200-line page at the
//!   top, one in the middle (after walking there by cursor), the last one,
//!   a filtered page (class ai-api) and a text search, 30 runs each
//!   (goal: a page in <= 10 ms); the dashboard as of 2025-12-31, 7 runs;
//! - every filter combination the view offers (account, class, vendor,
//!   status, a date range, alone and together): the first page, a page after
//!   a jump to the middle, the count; a jump to a date; 7 runs each;
//! - the ledger's bytes per line and the peak memory of the process.
//!
//! Prints one JSON object. A benchmark, not a test: it never fails on a goal.

#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use aispend_core::app::{TxnCursor, TxnQuery};
use aispend_core::classify::Class;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::reports::Period;
use aispend_core::Ledger;
use chrono::NaiveDate;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        // JSON null: nothing was measured.
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The process's CPU time so far (user + system), in milliseconds.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Vec<f64>, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    match last {
        Some(v) => (times, v),
        None => panic!("runs must be at least 1"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let db = args.get(1).ok_or("usage: bench_reports LEDGER [CSV]")?;
    let mut ledger = Ledger::open(Path::new(db))?;
    let mut import_ms = None;
    let mut import_cpu_ms = None;
    if let Some(csv) = args.get(2) {
        let (t, cpu) = (Instant::now(), cpu_ms());
        import_file(&mut ledger, Path::new(csv), &ImportOptions::default())?;
        import_ms = Some(t.elapsed().as_secs_f64() * 1000.0);
        import_cpu_ms = cpu_ms().zip(cpu).map(|(b, a)| b - a);
        if std::env::var_os("BENCH_IMPORT_ONLY").is_some() {
            // Only the import (profiling it): its wall and CPU time.
            println!(
                "{}",
                serde_json::json!({ "import_ms": import_ms, "import_cpu_ms": import_cpu_ms, "load_average": load() })
            );
            return Ok(());
        }
    }
    let lines = ledger.transaction_count()?;
    let from = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
    let to = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    let period = Period::between(Some(from), Some(to))?;

    let load_summary = load();
    let (summary_ms, summary) = time(30, || aispend_core::reports::summary(&ledger, period));
    let summary = summary?;
    let months = summary
        .months
        .iter()
        .map(|m| m.month.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();

    let load_group_by = load();
    let conn = rusqlite::Connection::open(db)?;
    let (group_by_ms, rows) = time(3, || -> rusqlite::Result<usize> {
        let mut stmt = conn.prepare(
            "SELECT t.txn_date / 100, coalesce(e.class, t.class), t.currency, sum(t.amount)
               FROM transactions t
               LEFT JOIN txn_edits e
                 ON e.txn_date = t.txn_date AND e.account_id = t.account_id
                AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence
              WHERE t.txn_date BETWEEN 20240101 AND 20251231 AND t.status = 'posted'
              GROUP BY 1, 2, 3",
        )?;
        let n = stmt.query_map([], |_| Ok(()))?.count();
        Ok(n)
    });
    rows?;

    let as_of = to;
    let load_subs = load();
    let (subs_ms, subs) = time(7, || aispend_core::reports::subscriptions(&ledger, as_of));
    let subs = subs?;
    // The detection from the lines (what the first call after a change costs).
    let (scratch_ms, scratch) = time(3, || {
        aispend_core::reports::subscriptions_from_scratch(&ledger, as_of)
    });
    scratch?;

    // The transactions view: walk to the middle and the end by cursor once,
    // then time single pages there.
    let all = TxnQuery::default();
    let mut cursor: Option<TxnCursor> = None;
    let mut middle = None;
    let mut seen = 0u64;
    loop {
        let page = ledger.txn_page(&all, cursor, 1000)?;
        seen += page.rows.len() as u64;
        if middle.is_none() && seen >= lines / 2 {
            middle = page.next;
        }
        match page.next {
            Some(next) if seen + 200 < lines => cursor = Some(next),
            _ => break,
        }
    }
    let near_end = cursor;
    let load_pages = load();
    let (top_ms, top) = time(30, || ledger.txn_page(&all, None, 200));
    let top = top?;
    let (mid_ms, _) = time(30, || ledger.txn_page(&all, middle, 200));
    let (end_ms, _) = time(30, || ledger.txn_page(&all, near_end, 200));
    let api = TxnQuery {
        class: Some(Class::AiApi),
        ..TxnQuery::default()
    };
    let (class_ms, _) = time(30, || ledger.txn_page(&api, None, 200));
    let text = TxnQuery {
        text: Some("openai".into()),
        ..TxnQuery::default()
    };
    let (text_ms, _) = time(7, || ledger.txn_page(&text, None, 200));
    let (count_ms, _) = time(7, || ledger.txn_count(&all));
    let (seek_end_ms, _) = time(7, || ledger.txn_seek(&all, lines.saturating_sub(200)));
    let (seek_mid_ms, _) = time(7, || ledger.txn_seek(&all, lines / 2));
    let load_dash = load();
    let (dash_ms, dash) = time(7, || {
        aispend_core::app::dashboard::dashboard(&ledger, as_of)
    });
    dash?;

    // Every filter combination: the first page, a page after a jump to the
    // middle, the matching count, a jump to a date.
    let load_filters = load();
    let account = ledger.txn_facets()?.accounts.first().cloned();
    let mut filters = serde_json::Map::new();
    let mut worst: f64 = 0.0;
    for mask in 0u32..64 {
        let q = TxnQuery {
            account: (mask & 1 != 0).then(|| account.clone()).flatten(),
            class: (mask & 2 != 0).then_some(Class::AiApi),
            vendor: (mask & 4 != 0).then(|| "openai".to_owned()),
            status: (mask & 8 != 0).then_some(aispend_core::ledger::TxnStatus::Posted),
            from: (mask & 16 != 0).then_some(NaiveDate::from_ymd_opt(2023, 1, 1).ok_or("date")?),
            to: (mask & 16 != 0).then_some(NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("date")?),
            text: (mask & 32 != 0).then(|| "openai".to_owned()),
            ids: None,
        };
        let name = [
            (1, "account"),
            (2, "class"),
            (4, "vendor"),
            (8, "status"),
            (16, "dates"),
            (32, "text"),
        ]
        .iter()
        .filter(|(b, _)| mask & b != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join("+");
        let name = if name.is_empty() {
            "none".to_owned()
        } else {
            name
        };
        let (c_ms, n) = time(7, || ledger.txn_count(&q));
        let n = n?;
        let (p_ms, _) = time(7, || ledger.txn_page(&q, None, 200));
        let (s_ms, mid) = time(7, || ledger.txn_seek(&q, n / 2));
        let mid = mid?;
        let (m_ms, _) = time(7, || ledger.txn_page(&q, mid, 200));
        let day = NaiveDate::from_ymd_opt(2023, 9, 15).ok_or("date")?;
        let (j_ms, jump) = time(7, || ledger.txn_seek_date(&q, day));
        let jump = jump?;
        let (jp_ms, _) = time(7, || ledger.txn_page(&q, jump.cursor, 200));
        let figures = [
            median(c_ms),
            median(p_ms),
            median(s_ms),
            median(m_ms),
            median(j_ms),
            median(jp_ms),
        ];
        worst = figures.iter().copied().fold(worst, f64::max);
        filters.insert(
            name,
            serde_json::json!({
                "matching": n,
                "count_ms": figures[0],
                "first_page_ms": figures[1],
                "seek_middle_ms": figures[2],
                "page_at_middle_ms": figures[3],
                "jump_to_date_ms": figures[4],
                "page_at_date_ms": figures[5],
            }),
        );
    }
    let rare = TxnQuery {
        text: Some("zzqx-no-such-text".into()),
        ..TxnQuery::default()
    };
    let (rare_ms, _) = time(3, || ledger.txn_page(&rare, None, 200));
    let (text_count_ms, _) = time(3, || ledger.txn_count(&text));
    let end_jump =
        ledger.txn_seek_date(&all, NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?)?;
    let (jump_end_ms, _) = time(7, || {
        ledger.txn_seek(&all, end_jump.position.saturating_sub(200))
    });
    // The first subscriptions call after an edit of one subscription line
    // and after a rule that reclassifies one vendor's lines (each changes
    // the lines; the stored detection is redone for their vendors only).
    let load_changes = load();
    let sub_line = ledger
        .txn_page(
            &TxnQuery {
                class: Some(Class::AiSubscription),
                ..TxnQuery::default()
            },
            None,
            1,
        )?
        .rows
        .first()
        .map(|r| r.id);
    let mut after_edit_ms = Vec::new();
    let mut edit_ms = Vec::new();
    if let Some(id) = sub_line {
        for product in ["Bench plan", "Bench plan 2", "Bench plan 3"] {
            let t = Instant::now();
            ledger.edit_transaction(
                id,
                &aispend_core::ledger::TxnEdit {
                    product: Some(product.into()),
                    ..Default::default()
                },
            )?;
            edit_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            aispend_core::reports::subscriptions(&ledger, as_of)?;
            after_edit_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    // A product and a priority of this run's own: over a kept ledger
    // (KEEP=1) the rule outranks an earlier run's and changes the same
    // lines as on a fresh one.
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let t = Instant::now();
    let rule = ledger.add_rule(aispend_core::classify::NewRule {
        field: aispend_core::classify::MatchField::Description,
        kind: aispend_core::classify::MatchKind::Contains,
        pattern: "MIDJOURNEY".into(),
        min_amount: None,
        max_amount: None,
        account: None,
        currency: None,
        class: Class::AiSubscription,
        vendor: Some("midjourney".into()),
        product: Some(format!("Bench rule {run}")),
        tags: Vec::new(),
        priority: i64::try_from(run).unwrap_or(0),
    })?;
    let rule_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    aispend_core::reports::subscriptions(&ledger, as_of)?;
    let after_rule_ms = t.elapsed().as_secs_f64() * 1000.0;
    drop(conn);
    // Closed, the ledger's write-ahead log is folded into the file.
    drop(ledger);
    let bytes = std::fs::metadata(db)?.len();
    let peak_kib = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|v| v.parse::<u64>().ok());

    println!(
        "{}",
        serde_json::json!({
            "txn_page_200": {
                "top_median_ms": median(top_ms),
                "middle_median_ms": median(mid_ms),
                "end_median_ms": median(end_ms),
                "class_filter_median_ms": median(class_ms),
                "text_search_median_ms": median(text_ms),
                "count_all_median_ms": median(count_ms),
                "seek_middle_median_ms": median(seek_mid_ms),
                "seek_end_median_ms": median(seek_end_ms),
                "rows": top.rows.len(),
                "goal_ms": 10,
                "load_average": load_pages,
            },
            "dashboard": { "median_ms": median(dash_ms), "runs": 7, "load_average": load_dash },
            "filters": {
                "combinations": filters,
                "worst_ms": worst,
                "load_average": load_filters,
            },
            "text_search_no_match_page_ms": median(rare_ms),
            "text_search_count_ms": median(text_count_ms),
            "seek_end_by_total_ms": median(jump_end_ms),
            "file_bytes": bytes,
            "bytes_per_line": if lines > 0 { bytes as f64 / lines as f64 } else { 0.0 },
            "peak_rss_kib": peak_kib,
            "lines": lines,
            "import_ms": import_ms,
            "import_cpu_ms": import_cpu_ms,
            "summary_24_months": {
                "median_ms": median(summary_ms.clone()),
                "runs": summary_ms.len(),
                "months": months,
                "goal_ms": 20,
                "load_average": load_summary,
            },
            "plain_group_by_24_months": {
                "median_ms": median(group_by_ms),
                "runs": 3,
                "load_average": load_group_by,
            },
            "subs_detection": {
                "median_ms": median(subs_ms.clone()),
                "runs": subs_ms.len(),
                "subscriptions": subs.len(),
                "first_call_ms": subs_ms.first().copied(),
                "from_scratch_median_ms": median(scratch_ms),
                "goal_ms": 1000,
                "load_average": load_subs,
            },
            "ai_share": summary.ai_share.map(|s| s.to_string()),
            "subs_after_changes": {
                "edit_median_ms": median(edit_ms),
                "first_call_after_edit_median_ms": median(after_edit_ms),
                "rule_ms": rule_ms,
                "rule_reclassified": rule.reclassified,
                "first_call_after_rule_ms": after_rule_ms,
                "load_average": load_changes,
            },
        })
    );
    Ok(())
}

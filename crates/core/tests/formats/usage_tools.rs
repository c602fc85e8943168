//! AI tools that bill by use, read from their exports and logs: Cursor's
//! usage events, GitHub Copilot's two usage reports, OpenRouter's activity
//! (CSV and JSON) and Gemini CLI's sessions (document and appended shape).
//! Fixtures are in each tool's real layout with invented values.

use aispend_core::import::{import_file, ImportOptions, ImportOutcome};
use aispend_core::provider::CostFilter;
use aispend_core::Ledger;

use crate::amex::{detected_by, import_error};
use crate::fixture;

const FIXTURES: &[(&str, &str)] = &[
    ("cursor/usage-events-2026-11-20.csv", "cursor-usage-csv"),
    (
        "cursor/usage-events-2026-11-21-rexport.csv",
        "cursor-usage-csv",
    ),
    ("cursor/usage-events-old.csv", "cursor-usage-csv"),
    (
        "github_copilot/premium-request-usage-2025-06.csv",
        "github-copilot-premium-csv",
    ),
    (
        "github_copilot/usage-report-2026-11.csv",
        "github-copilot-usage-csv",
    ),
    ("openrouter/activity-2026-11.csv", "openrouter-csv"),
    ("openrouter/generations-2026-11.json", "openrouter-json"),
    ("openrouter/activity-days-2026-11.json", "openrouter-json"),
    (
        "openrouter/activity-days-2026-11-17-18.json",
        "openrouter-json",
    ),
    (
        "gemini_cli/session-2026-11-20T09-15-5f0c2a7e.json",
        "gemini-cli-json",
    ),
    (
        "gemini_cli/session-2026-11-21T14-02-7a3e9c10.jsonl",
        "gemini-cli-json",
    ),
];

fn import(ledger: &mut Ledger, rel: &str) -> ImportOutcome {
    import_file(ledger, &fixture(rel), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The current records, one per line, with what each tool's records carry.
fn records(ledger: &Ledger) -> String {
    let mut text = String::new();
    for r in ledger.costs(&CostFilter::default()).expect("costs") {
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
        text.push_str(&format!(
            "{} {} {} {} | {}..{} | org {} | project {} ({}) | key {} | user {} | item {} | model {} | tier {} | {} {} | qty {} {} | req {} in {} cached {} write {} out {} reasoning {}\n",
            r.date,
            r.provider,
            r.kind.as_str(),
            r.series,
            r.bucket_start,
            opt(&r.bucket_end),
            opt(&r.organization_id),
            opt(&r.project_id),
            opt(&r.project_name),
            opt(&r.api_key_name),
            opt(&r.user_id),
            opt(&r.line_item),
            opt(&r.model),
            opt(&r.service_tier),
            r.amount.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
            r.currency.map(|c| c.to_string()).unwrap_or_else(|| "-".into()),
            r.quantity.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
            opt(&r.quantity_unit),
            num(r.requests),
            num(r.input_tokens),
            num(r.cached_input_tokens),
            num(r.cache_write_tokens),
            num(r.output_tokens),
            num(r.reasoning_tokens),
        ));
    }
    text
}

fn snapshot_of(rel: &str) -> String {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import(&mut ledger, rel);
    let notices: Vec<String> = out
        .notices
        .iter()
        .map(|n| format!("notice {} {:?}: {}", n.code, n.lines, n.message))
        .collect();
    format!(
        "format: {}\nsource: {}\nadded: {}, duplicates: {}\n{}{}",
        out.format,
        out.account,
        out.added,
        out.duplicates,
        records(&ledger),
        notices.join("\n")
    )
}

#[test]
fn each_fixture_is_claimed_by_its_format_alone() {
    for (rel, id) in FIXTURES {
        assert_eq!(detected_by(rel), [*id], "{rel}");
    }
}

#[test]
fn cursor_usage_events() {
    insta::assert_snapshot!(
        "cursor_usage_events",
        snapshot_of("cursor/usage-events-2026-11-20.csv")
    );
    insta::assert_snapshot!(
        "cursor_usage_events_cost_to_you",
        snapshot_of("cursor/usage-events-2026-11-21-rexport.csv")
    );
    insta::assert_snapshot!(
        "cursor_usage_events_old",
        snapshot_of("cursor/usage-events-old.csv")
    );
}

#[test]
fn cursor_re_export_adds_nothing_twice_and_keeps_identical_requests() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let first = import(&mut ledger, "cursor/usage-events-2026-11-20.csv");
    // Two identical requests in one export are two requests.
    assert_eq!((first.added, first.duplicates), (8, 0));
    let again = import(&mut ledger, "cursor/usage-events-2026-11-20.csv");
    assert_eq!((again.added, again.duplicates), (0, 8));
    // A later export that repeats one request of the first.
    let next = import(&mut ledger, "cursor/usage-events-2026-11-21-rexport.csv");
    assert_eq!((next.added, next.duplicates), (2, 1));
}

#[test]
fn cursor_cost_that_is_not_money_names_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("usage-events.csv");
    std::fs::write(
        &path,
        "Date,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,\
         Output Tokens,Total Tokens,Cost\n\
         2026-11-20T08:02:11.512Z,Usage-based,gpt-5,No,10,10,0,5,15,$0.01\n\
         2026-11-20T08:03:11.512Z,Usage-based,gpt-5,No,10,10,0,5,15,about a cent\n",
    )
    .expect("write");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let err = import_file(&mut ledger, &path, &ImportOptions::default())
        .expect_err("a cost that is no amount")
        .to_string()
        .replace(&path.display().to_string(), "usage-events.csv");
    insta::assert_snapshot!("cursor_bad_cost", err);
    assert!(ledger
        .costs(&CostFilter::default())
        .expect("costs")
        .is_empty());
}

#[test]
fn copilot_reports_both_generations() {
    insta::assert_snapshot!(
        "copilot_premium_requests_2025",
        snapshot_of("github_copilot/premium-request-usage-2025-06.csv")
    );
    insta::assert_snapshot!(
        "copilot_usage_report_2026",
        snapshot_of("github_copilot/usage-report-2026-11.csv")
    );
}

#[test]
fn copilot_report_imported_again_replaces_its_days() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let rel = "github_copilot/usage-report-2026-11.csv";
    import(&mut ledger, rel);
    let before = records(&ledger);
    let again = import(&mut ledger, rel);
    assert_eq!(again.added, 0);
    assert_eq!(records(&ledger), before);
}

#[test]
fn openrouter_csv_and_json() {
    insta::assert_snapshot!(
        "openrouter_activity_csv",
        snapshot_of("openrouter/activity-2026-11.csv")
    );
    insta::assert_snapshot!(
        "openrouter_generations_json",
        snapshot_of("openrouter/generations-2026-11.json")
    );
    insta::assert_snapshot!(
        "openrouter_activity_days_json",
        snapshot_of("openrouter/activity-days-2026-11.json")
    );
}

#[test]
fn openrouter_generation_in_csv_and_json_is_one_record() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import(&mut ledger, "openrouter/activity-2026-11.csv");
    let json = import(&mut ledger, "openrouter/generations-2026-11.json");
    assert_eq!((json.added, json.duplicates), (1, 1));
}

/// The cost per UTC day and series of the current OpenRouter records.
fn openrouter_days(ledger: &Ledger) -> Vec<(String, String, String)> {
    let mut days: std::collections::BTreeMap<(String, String), rust_decimal::Decimal> =
        Default::default();
    for r in ledger.costs(&CostFilter::default()).expect("costs") {
        *days.entry((r.date.to_string(), r.series)).or_default() += r.amount.unwrap_or_default();
    }
    days.into_iter()
        .map(|((d, s), a)| (d, s, a.normalize().to_string()))
        .collect()
}

#[test]
fn openrouter_activity_days_yield_to_the_generations_of_the_day() {
    let t = |d: &str, s: &str, a: &str| (d.to_owned(), s.to_owned(), a.to_owned());
    // Generations cover the 18th and 19th; the activity export alone the 17th.
    let want = vec![
        t("2026-11-17", "openrouter-activity", "0.00412"),
        t("2026-11-18", "openrouter", "0.012345"),
        t("2026-11-19", "openrouter", "0.00172"),
    ];
    // Either order of import gives the same days, each counted once.
    let mut a = Ledger::open_in_memory().expect("ledger");
    import(&mut a, "openrouter/activity-days-2026-11-17-18.json");
    let generations = import(&mut a, "openrouter/generations-2026-11.json");
    let mut b = Ledger::open_in_memory().expect("ledger");
    import(&mut b, "openrouter/generations-2026-11.json");
    import(&mut b, "openrouter/activity-days-2026-11-17-18.json");
    assert_eq!(openrouter_days(&a), want);
    assert_eq!(openrouter_days(&b), want);
    // A newer export of the days, then undone: still counted once.
    let again = import(&mut b, "openrouter/activity-days-2026-11.json");
    assert_eq!(openrouter_days(&b), want);
    aispend_core::batches::undo(&mut b, again.batch_id.expect("batch")).expect("undo");
    assert_eq!(openrouter_days(&b), want);
    // Without the generations, the activity rows of the 18th count again.
    aispend_core::batches::undo(&mut a, generations.batch_id.expect("batch")).expect("undo");
    assert_eq!(
        openrouter_days(&a),
        vec![
            t("2026-11-17", "openrouter-activity", "0.00412"),
            t("2026-11-18", "openrouter-activity", "0.013305"),
        ]
    );
}

#[test]
fn gemini_cli_sessions_both_shapes() {
    insta::assert_snapshot!(
        "gemini_cli_document",
        snapshot_of("gemini_cli/session-2026-11-20T09-15-5f0c2a7e.json")
    );
    insta::assert_snapshot!(
        "gemini_cli_appended",
        snapshot_of("gemini_cli/session-2026-11-21T14-02-7a3e9c10.jsonl")
    );
}

#[test]
fn gemini_cli_grown_session_adds_only_new_replies() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("session.jsonl");
    let full = std::fs::read_to_string(fixture(
        "gemini_cli/session-2026-11-21T14-02-7a3e9c10.jsonl",
    ))
    .expect("fixture");
    let cut = full.find("{\"id\":\"g-03\"").expect("g-03");
    std::fs::write(&path, &full[..cut]).expect("write");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let first = import_file(&mut ledger, &path, &ImportOptions::default()).expect("first");
    assert_eq!(first.added, 2);
    std::fs::write(&path, &full).expect("grow");
    let grown = import_file(&mut ledger, &path, &ImportOptions::default()).expect("grown");
    assert_eq!((grown.added, grown.duplicates), (1, 2));
}

#[test]
fn gemini_cli_document_cut_off_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("session-cut.json");
    let full =
        std::fs::read_to_string(fixture("gemini_cli/session-2026-11-20T09-15-5f0c2a7e.json"))
            .expect("fixture");
    std::fs::write(&path, &full[..full.len() / 2]).expect("write");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let err = import_file(&mut ledger, &path, &ImportOptions::default())
        .expect_err("cut off")
        .to_string()
        .replace(&path.display().to_string(), "session-cut.json");
    insta::assert_snapshot!("gemini_cli_cut_document", err);
}

#[test]
fn gemini_cli_bad_token_count_names_the_line() {
    let rel = "bad/gemini_cli_bad_tokens.jsonl";
    insta::assert_snapshot!("gemini_cli_bad_tokens", import_error(rel));
}

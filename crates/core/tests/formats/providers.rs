//! AI-provider records: OpenAI and Anthropic exports, Admin API pages and
//! Claude Code logs, read into `provider_records` (never into card lines).

use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::TxnFilter;
use aispend_core::provider::{CostFilter, Provider};
use aispend_core::Ledger;

use crate::amex::{detected_by, import_error};
use crate::fixture;

/// Every provider fixture and the one format that must claim it.
const FIXTURES: &[(&str, &str)] = &[
    ("openai/cost_2025-04-01_2025-04-04.csv", "openai-cost-csv"),
    ("openai/cost_2025-04-03_2025-04-05.csv", "openai-cost-csv"),
    ("openai/cost_2026-11-01_2026-11-03.csv", "openai-cost-csv"),
    (
        "openai/completions_usage_2026-11-01_2026-11-03.csv",
        "openai-usage-csv",
    ),
    ("openai/completions_usage_empty.csv", "openai-usage-csv"),
    (
        "openai/activity-2025-04-01-2025-04-02.csv",
        "openai-usage-csv",
    ),
    (
        "openai/activity-2024-12-01-2024-12-02.csv",
        "openai-usage-csv",
    ),
    (
        "openai/images_usage_2026-11-01_2026-11-03.csv",
        "openai-usage-csv",
    ),
    (
        "openai/audio_speeches_usage_2026-11-01_2026-11-02.csv",
        "openai-usage-csv",
    ),
    (
        "openai/audio_transcriptions_usage_2026-11-01_2026-11-02.csv",
        "openai-usage-csv",
    ),
    (
        "openai/usage_images_audio_api_page.json",
        "openai-admin-json",
    ),
    ("openai/costs_api_pages.json", "openai-admin-json"),
    (
        "openai/usage_completions_api_page.json",
        "openai-admin-json",
    ),
    (
        "anthropic/claude_api_cost_2026-11.csv",
        "anthropic-cost-csv",
    ),
    ("anthropic/claude_api_cost_old.csv", "anthropic-cost-csv"),
    (
        "anthropic/claude_api_tokens_2026-11.csv",
        "anthropic-usage-csv",
    ),
    (
        "anthropic/cost_report_2026-11-01.json",
        "anthropic-admin-json",
    ),
    (
        "anthropic/usage_report_messages_2026-11-01.json",
        "anthropic-admin-json",
    ),
    (
        "claude_code/3f2b9c4e-7d1a-4e8b-9c0d-5a6b7c8d9e0f.jsonl",
        "claude-code-jsonl",
    ),
    (
        "claude_code/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl",
        "claude-code-jsonl",
    ),
    (
        "realworld/codex-cli-jsonl/rollout-2026-11-20T09-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl",
        "codex-cli-jsonl",
    ),
];

fn import_into(ledger: &mut Ledger, rel: &str) -> (u64, u64) {
    let out = import_file(ledger, &fixture(rel), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    (out.added, out.duplicates)
}

/// The current records, one per line, as the snapshots show them.
fn records(ledger: &Ledger) -> String {
    let mut text = String::new();
    for r in ledger.costs(&CostFilter::default()).expect("costs") {
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
        text.push_str(&format!(
            "{} {} {} {} | {}..{} | org {} ({}) | project {} ({}) | key {} ({}) | user {} | item {} | model {} | token {} | tier {} | {} {} | qty {} {} | req {} in {} out {} cached {} write {}\n",
            r.date,
            r.provider,
            r.kind.as_str(),
            r.series,
            r.bucket_start,
            opt(&r.bucket_end),
            opt(&r.organization_id),
            opt(&r.organization_name),
            opt(&r.project_id),
            opt(&r.project_name),
            opt(&r.api_key_id),
            opt(&r.api_key_name),
            opt(&r.user_id),
            opt(&r.line_item),
            opt(&r.model),
            opt(&r.token_type),
            opt(&r.service_tier),
            r.amount.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
            r.currency.map(|c| c.to_string()).unwrap_or_else(|| "-".into()),
            r.quantity.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
            opt(&r.quantity_unit),
            num(r.requests),
            num(r.input_tokens),
            num(r.output_tokens),
            num(r.cached_input_tokens),
            num(r.cache_write_tokens),
        ));
    }
    text
}

fn snapshot_of(rel: &str) -> String {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(&mut ledger, &fixture(rel), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    // Provider records are not card spending: no ledger line appears.
    assert!(ledger
        .transactions(&TxnFilter::default())
        .expect("txns")
        .is_empty());
    format!(
        "format: {}\nsource: {}\nadded: {}, duplicates: {}\n{}",
        out.format,
        out.account,
        out.added,
        out.duplicates,
        records(&ledger)
    )
}

#[test]
fn each_provider_fixture_is_claimed_by_its_format_alone() {
    for (rel, id) in FIXTURES {
        assert_eq!(detected_by(rel), [*id], "{rel}");
    }
}

#[test]
fn openai_cost_csv_every_column_variant() {
    insta::assert_snapshot!(
        "openai_cost_2025_apr",
        snapshot_of("openai/cost_2025-04-01_2025-04-04.csv")
    );
    insta::assert_snapshot!(
        "openai_cost_2025_oct_iso",
        snapshot_of("openai/cost_2025-04-03_2025-04-05.csv")
    );
    insta::assert_snapshot!(
        "openai_cost_2026_quantity",
        snapshot_of("openai/cost_2026-11-01_2026-11-03.csv")
    );
}

#[test]
fn openai_usage_exports() {
    insta::assert_snapshot!(
        "openai_usage_completions",
        snapshot_of("openai/completions_usage_2026-11-01_2026-11-03.csv")
    );
    insta::assert_snapshot!(
        "openai_usage_activity_legacy",
        snapshot_of("openai/activity-2025-04-01-2025-04-02.csv")
    );
    let empty = snapshot_of("openai/completions_usage_empty.csv");
    assert!(empty.contains("added: 0, duplicates: 0"), "{empty}");
}

/// Images, speech and transcription usage keep what they count in as the
/// record's quantity and unit (issue #16): images with their source and
/// size, characters, seconds; the legacy Activity export's `num_images`
/// (with `image_size`), `num_characters` and `num_seconds` too.
#[test]
fn openai_usage_quantities_are_kept() {
    insta::assert_snapshot!(
        "openai_usage_activity_images_audio",
        snapshot_of("openai/activity-2024-12-01-2024-12-02.csv")
    );
    insta::assert_snapshot!(
        "openai_usage_images",
        snapshot_of("openai/images_usage_2026-11-01_2026-11-03.csv")
    );
    insta::assert_snapshot!(
        "openai_usage_audio_speeches",
        snapshot_of("openai/audio_speeches_usage_2026-11-01_2026-11-02.csv")
    );
    insta::assert_snapshot!(
        "openai_usage_audio_transcriptions",
        snapshot_of("openai/audio_transcriptions_usage_2026-11-01_2026-11-02.csv")
    );
    insta::assert_snapshot!(
        "openai_usage_images_audio_api",
        snapshot_of("openai/usage_images_audio_api_page.json")
    );
}

/// Each endpoint's export is its own series: the images export of a day
/// does not replace the completions of that day.
#[test]
fn an_images_export_does_not_replace_the_completions_of_its_day() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    assert_eq!(
        import_into(
            &mut ledger,
            "openai/completions_usage_2026-11-01_2026-11-03.csv"
        ),
        (2, 0)
    );
    assert_eq!(
        import_into(&mut ledger, "openai/images_usage_2026-11-01_2026-11-03.csv"),
        (3, 0)
    );
    let rows = ledger.costs(&CostFilter::default()).expect("costs");
    let series: Vec<&str> = rows.iter().map(|r| r.series.as_str()).collect();
    assert_eq!(
        series
            .iter()
            .filter(|s| **s == "openai-usage-completions")
            .count(),
        2,
        "{series:?}"
    );
    assert_eq!(
        series
            .iter()
            .filter(|s| **s == "openai-usage-images")
            .count(),
        3,
        "{series:?}"
    );
}

#[test]
fn openai_admin_api_pages() {
    insta::assert_snapshot!(
        "openai_costs_api",
        snapshot_of("openai/costs_api_pages.json")
    );
    insta::assert_snapshot!(
        "openai_usage_api",
        snapshot_of("openai/usage_completions_api_page.json")
    );
}

#[test]
fn anthropic_exports_and_reports() {
    insta::assert_snapshot!(
        "anthropic_cost_csv",
        snapshot_of("anthropic/claude_api_cost_2026-11.csv")
    );
    insta::assert_snapshot!(
        "anthropic_cost_csv_old",
        snapshot_of("anthropic/claude_api_cost_old.csv")
    );
    insta::assert_snapshot!(
        "anthropic_usage_csv",
        snapshot_of("anthropic/claude_api_tokens_2026-11.csv")
    );
    insta::assert_snapshot!(
        "anthropic_cost_report",
        snapshot_of("anthropic/cost_report_2026-11-01.json")
    );
    insta::assert_snapshot!(
        "anthropic_usage_report",
        snapshot_of("anthropic/usage_report_messages_2026-11-01.json")
    );
}

#[test]
fn anthropic_cost_report_amounts_are_cents() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_into(&mut ledger, "anthropic/cost_report_2026-11-01.json");
    let amounts: Vec<String> = ledger
        .costs(&CostFilter::default())
        .expect("costs")
        .iter()
        .map(|r| r.amount.map(|a| a.to_string()).unwrap_or_default())
        .collect();
    // "41.2305" cents, "187.00" cents, "3" cents.
    assert_eq!(amounts, ["0.412305", "1.87", "0.03"]);
}

#[test]
fn claude_code_logs_dedupe_on_message_and_request_ids() {
    insta::assert_snapshot!(
        "claude_code",
        snapshot_of("claude_code/3f2b9c4e-7d1a-4e8b-9c0d-5a6b7c8d9e0f.jsonl")
    );
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    // The first session logs one message twice: it counts once.
    assert_eq!(
        import_into(
            &mut ledger,
            "claude_code/3f2b9c4e-7d1a-4e8b-9c0d-5a6b7c8d9e0f.jsonl"
        ),
        (2, 1)
    );
    // A resumed session repeats a message of the first and adds its own.
    assert_eq!(
        import_into(
            &mut ledger,
            "claude_code/8c7d6e5f-1a2b-4c3d-8e9f-0a1b2c3d4e5f.jsonl"
        ),
        (1, 1)
    );
    let rows = ledger.costs(&CostFilter::default()).expect("costs");
    assert_eq!(rows.len(), 3);
    let with_cost: Vec<String> = rows
        .iter()
        .filter_map(|r| r.amount.map(|a| format!("{a} {}", r.kind.as_str())))
        .collect();
    assert_eq!(with_cost, ["0.00164 cost"]);
}

/// A log as it is while the session runs: every line without usage is
/// skipped and counted in one notice, a streamed reply counts once, and a
/// last line cut off mid-write does not refuse the log (issue #16).
#[test]
fn claude_code_logs_skip_lines_without_usage_and_say_so() {
    let rel = "claude_code/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl";
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(&mut ledger, &fixture(rel), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!((out.added, out.duplicates), (4, 1));
    let [n] = out.notices.as_slice() else {
        panic!("{:?}", out.notices)
    };
    assert_eq!(
        (n.code, n.count, n.lines.as_slice()),
        ("skipped_lines", 9, &[1, 2, 3, 6, 7][..])
    );
    assert_eq!(
        n.message,
        "9 lines skipped: 8 carry no usage (2 API error, \
         1 file-history-snapshot, 1 summary, 1 system, 3 user); line 14, the last, is cut \
         off: Claude Code was still writing the log (import it again once the session is \
         over to read that line)"
    );
    insta::assert_snapshot!("claude_code_running_session", snapshot_of(rel));
}

#[test]
fn overlapping_exports_are_not_counted_twice() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    assert_eq!(
        import_into(&mut ledger, "openai/cost_2025-04-01_2025-04-04.csv"),
        (5, 0)
    );
    // The second export overlaps on 04-03 (same figures, another layout
    // without project names) and adds 04-04 and 04-05.
    assert_eq!(
        import_into(&mut ledger, "openai/cost_2025-04-03_2025-04-05.csv"),
        (2, 2)
    );
    // The first again: nothing new.
    assert_eq!(
        import_into(&mut ledger, "openai/cost_2025-04-01_2025-04-04.csv"),
        (0, 5)
    );
    let total: rust_decimal::Decimal = ledger
        .costs(&CostFilter::default())
        .expect("costs")
        .iter()
        .filter_map(|r| r.amount)
        .sum();
    // 0.019734 + 0.06 + 0.000756 + 1.234 + 0.3072 + 0.5 + 2.000001
    assert_eq!(total.to_string(), "4.121691");
}

#[test]
fn a_csv_and_an_api_page_of_the_same_day_count_once_and_undo_restores() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_into(&mut ledger, "openai/cost_2026-11-01_2026-11-03.csv");
    let day = |ledger: &Ledger| -> Vec<String> {
        ledger
            .costs(&CostFilter {
                provider: Some(Provider::Openai),
                from: "2026-11-01".parse().ok(),
                to: "2026-11-01".parse().ok(),
            })
            .expect("costs")
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r.line_item.clone().unwrap_or_default(),
                    r.amount.unwrap_or_default()
                )
            })
            .collect()
    };
    let from_csv = day(&ledger);
    assert_eq!(
        from_csv,
        [
            "gpt-5-nano, input_tokens 0.0113",
            "gpt-5-nano, output_tokens 0.0324"
        ]
    );
    // The API page says the same about 11-01 but with the figure revised by
    // float noise (0.032400000000000005 rounds to the same micro-units) and
    // no user/key grouping: it replaces the day, it does not add to it.
    let out = import_file(
        &mut ledger,
        &fixture("openai/costs_api_pages.json"),
        &ImportOptions::default(),
    )
    .expect("api page");
    assert_eq!(day(&ledger), from_csv);
    assert_eq!(
        ledger.costs(&CostFilter::default()).expect("costs").len(),
        3
    );
    // Undo brings back exactly what the CSV said.
    aispend_core::batches::undo(&mut ledger, out.batch_id.expect("batch")).expect("undo");
    let rows = ledger.costs(&CostFilter::default()).expect("costs");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.api_key_id.is_some()), "{rows:?}");
}

#[test]
fn a_provider_export_in_a_dry_run_writes_nothing() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(
        &mut ledger,
        &fixture("anthropic/claude_api_cost_2026-11.csv"),
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .expect("dry run");
    assert_eq!((out.added, out.duplicates, out.batch_id), (6, 0, None));
    assert!(ledger
        .costs(&CostFilter::default())
        .expect("costs")
        .is_empty());
    assert!(aispend_core::batches::history(&ledger,)
        .expect("batches")
        .is_empty());
}

#[test]
fn bad_provider_files_name_the_line_and_what_was_expected() {
    let cases = [
        (
            "bad/openai_cost_bad_amount.csv",
            "bad/openai_cost_bad_amount.csv:3: amount_value \"0.0.6\" is not an amount; expected a number such as -12.34",
        ),
        (
            "bad/openai_cost_bad_currency.csv",
            "bad/openai_cost_bad_currency.csv:2: amount_currency \"dollars\" is not a currency code; expected a three-letter ISO 4217 code such as GBP",
        ),
        (
            "bad/openai_cost_bad_time.csv",
            "bad/openai_cost_bad_time.csv:2: start_time \"yesterday\" is not a date; expected unix seconds (1743465600) or an ISO 8601 time in UTC (2025-04-01T00:00:00Z)",
        ),
        (
            "bad/openai_costs_api_bad_value.json",
            "bad/openai_costs_api_bad_value.json:11: amount.value \"twelve\" is not an amount; expected a number such as -12.34",
        ),
        (
            "bad/anthropic_cost_report_bad_amount.json",
            "bad/anthropic_cost_report_bad_amount.json:3: amount \"12,5\" is not an amount; expected a number such as -12.34",
        ),
        (
            "bad/anthropic_cost_bad_date.csv",
            "bad/anthropic_cost_bad_date.csv:3: usage_date_utc \"2025-06-31\" is not a date; expected unix seconds (1743465600) or an ISO 8601 time in UTC (2025-04-01T00:00:00Z)",
        ),
    ];
    let mut wrong = Vec::new();
    for (rel, want) in cases {
        let got = import_error(rel);
        if got != want {
            wrong.push(format!("{rel}\n  got:  {got}\n  want: {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let truncated = import_error("bad/openai_costs_api_truncated.json");
    assert!(
        truncated.starts_with("bad/openai_costs_api_truncated.json:11: "),
        "{truncated}"
    );
    let jsonl = import_error("bad/claude_code_bad_usage.jsonl");
    assert_eq!(
        jsonl,
        "bad/claude_code_bad_usage.jsonl:4: the usage of this message could not be read: \
         usage.input_tokens is \"four\"; expected a token count (a whole number, 0 or more)"
    );
}

//! Provider sync against a local fake of the Admin APIs (issue #8): pages,
//! `has_more`/`next_page`, empty buckets, 429 then success, 401, retries,
//! cancel, incremental runs, and no double counting with CSV exports.

mod fake_api;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use aispend_core::import::{import_reader, ImportOptions};
use aispend_core::provider::CostFilter;
use aispend_core::provider::Provider;
use aispend_core::sync::{
    self, AdminKey, RetryPolicy, Stage, SyncError, SyncOptions, SyncProgress,
};
use aispend_core::Ledger;
use chrono::NaiveDate;
use fake_api::{FakeApi, Req, Resp};
use rust_decimal::Decimal;

const OPENAI_KEY: &str = "sk-admin-PLANTEDsecretOPENAI0123456789";
const ANTHROPIC_KEY: &str = "sk-ant-admin01-PLANTEDsecretANTHROPIC0123";
/// 2024-11-01T00:00:00Z and the two days after it.
const D1: i64 = 1_730_419_200;
const D2: i64 = D1 + 86_400;
const D3: i64 = D2 + 86_400;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, d).expect("date")
}

fn openai_key() -> AdminKey {
    AdminKey::from_input(Provider::Openai, OPENAI_KEY.into()).expect("key")
}

fn anthropic_key() -> AdminKey {
    AdminKey::from_input(Provider::Anthropic, ANTHROPIC_KEY.into()).expect("key")
}

fn opts(api: &FakeApi) -> SyncOptions {
    let mut o = SyncOptions::new(day(3));
    o.openai_base_url = Some(api.url.clone());
    o.anthropic_base_url = Some(api.url.clone());
    o.retry = RetryPolicy {
        max_attempts: 4,
        first_delay: Duration::from_millis(20),
        max_delay: Duration::from_secs(5),
        timeout: Duration::from_secs(10),
    };
    o
}

fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite")).expect("ledger");
    (dir, ledger)
}

/// Costs page 1: day 1 with two line items, day 2 empty; page 2: day 3.
fn openai_handler(req: &Req, before: usize) -> Resp {
    match req.path.as_str() {
        "/v1/organization/costs" => match req.param("page") {
            None => Resp::json(fake_api::openai_costs_page(
                &[
                    (
                        D1,
                        &[
                            ("gpt-4o, input", "proj_a", "0.019733999999999998"),
                            ("gpt-4o, output", "proj_a", "0.06"),
                        ],
                    ),
                    (D2, &[]),
                ],
                Some("page_2"),
            )),
            Some("page_2") => Resp::json(fake_api::openai_costs_page(
                &[(D3, &[("gpt-4o-mini, input", "proj_b", "1.25")])],
                None,
            )),
            Some(_) => Resp::status(400, r#"{"error":{"message":"bad page"}}"#),
        },
        // 429 first, then the page.
        "/v1/organization/usage/completions" if before == 0 => Resp::status(
            429,
            r#"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
        )
        .with_header("retry-after", "1"),
        "/v1/organization/usage/completions" => Resp::json(fake_api::openai_usage_page(
            &[(D1, 1000, 500), (D2, 0, 0)],
            None,
        )),
        _ => Resp::status(404, r#"{"error":{"message":"not found"}}"#),
    }
}

fn total(ledger: &Ledger, provider: Provider) -> Decimal {
    ledger
        .costs(&CostFilter {
            provider: Some(provider),
            ..CostFilter::default()
        })
        .expect("costs")
        .iter()
        .filter_map(|r| r.amount)
        .sum()
}

#[test]
fn openai_sync_follows_pages_retries_429_and_imports() {
    let api = FakeApi::start(openai_handler);
    let (_dir, mut ledger) = ledger();
    let mut events: Vec<SyncProgress> = Vec::new();
    let started = Instant::now();
    let reports = sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |p| {
        events.push(p.clone())
    })
    .expect("sync");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].endpoint, "costs");
    assert_eq!((reports[0].pages, reports[0].added), (2, 3));
    assert_eq!((reports[1].pages, reports[1].added), (1, 2));
    assert_eq!(reports[0].from, day(3) - chrono::Days::new(30));
    assert!(reports[0].batch_id.is_some());

    // The documented parameters and headers.
    let costs = api.requests_to("/v1/organization/costs");
    assert_eq!(costs.len(), 2);
    let first = &costs[0];
    assert_eq!(first.param("bucket_width"), Some("1d"));
    assert_eq!(first.params("group_by"), ["project_id", "line_item"]);
    assert_eq!(first.param("limit"), Some("180"));
    assert_eq!(first.param("start_time"), Some("1728000000")); // 2024-10-04
    assert_eq!(first.param("page"), None);
    assert_eq!(costs[1].param("page"), Some("page_2"));
    assert_eq!(
        first.header("authorization"),
        Some(format!("Bearer {OPENAI_KEY}").as_str())
    );

    // 429 then success, honouring retry-after: 1.
    assert_eq!(
        api.requests_to("/v1/organization/usage/completions").len(),
        2
    );
    assert!(events.contains(&SyncProgress {
        provider: Provider::Openai,
        endpoint: "usage-completions",
        stage: Stage::Waiting {
            status: Some(429),
            attempt: 1,
            delay_ms: 1000
        }
    }));
    assert!(started.elapsed() >= Duration::from_secs(1));

    // Exact amounts, float noise rounded half-even to micro-units.
    assert_eq!(
        total(&ledger, Provider::Openai),
        "1.329734".parse::<Decimal>().expect("dec")
    );
    let state = sync::sync_status(&ledger).expect("status");
    assert_eq!(state[0].synced_through, Some(day(3)));
    assert_eq!(state[0].last_result.as_deref(), Some("ok"));
}

#[test]
fn a_second_run_is_incremental_and_adds_nothing_twice() {
    let api = FakeApi::start(openai_handler);
    let (_dir, mut ledger) = ledger();
    let o = opts(&api);
    sync::sync_provider(&mut ledger, &openai_key(), &o, &mut |_| {}).expect("first");
    let before = total(&ledger, Provider::Openai);
    let count = ledger.provider_record_count().expect("count");

    let reports = sync::sync_provider(&mut ledger, &openai_key(), &o, &mut |_| {}).expect("again");
    // Only from the day before the last day synced.
    assert_eq!(reports[0].from, day(2));
    let costs = api.requests_to("/v1/organization/costs");
    assert_eq!(costs[2].param("start_time"), Some(D2.to_string().as_str()));
    assert_eq!(reports[0].added, 0);
    assert_eq!(reports[0].duplicates, 3);
    assert_eq!(total(&ledger, Provider::Openai), before);
    assert_eq!(ledger.provider_record_count().expect("count"), count);
}

#[test]
fn undoing_a_sync_batch_lets_the_next_sync_fetch_its_days_again() {
    let api = FakeApi::start(openai_handler);
    let (_dir, mut ledger) = ledger();
    let o = opts(&api);
    let first = sync::sync_provider(&mut ledger, &openai_key(), &o, &mut |_| {}).expect("first");
    let costs_batch = first[0].batch_id.expect("a costs batch");
    let count = ledger.provider_record_count().expect("count");
    let through = |l: &Ledger| sync::sync_status(l).expect("status")[0].synced_through;
    assert_eq!(through(&ledger), Some(day(3)));

    aispend_core::batches::undo(&mut ledger, costs_batch).expect("undo");
    assert_eq!(
        through(&ledger),
        Some(first[0].from),
        "the position went back to the batch's start"
    );
    assert!(ledger.provider_record_count().expect("count") < count);

    let again = sync::sync_provider(&mut ledger, &openai_key(), &o, &mut |_| {}).expect("again");
    assert_eq!(again[0].from, first[0].from - chrono::Days::new(1));
    assert_eq!(again[0].added, first[0].added, "the undone days came back");
    assert_eq!(ledger.provider_record_count().expect("count"), count);

    // Undoing a file import leaves the sync position alone.
    let before = through(&ledger);
    let csv =
        "start_time,end_time,amount_value,amount_currency,line_item,project_id,organization_id\n\
               1767225600,1767312000,0.5,usd,gpt-4o,proj_x,org_x\n";
    let out = import_reader(
        &mut ledger,
        "costs.csv",
        "costs.csv",
        csv.as_bytes(),
        csv.len() as u64,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .expect("csv");
    aispend_core::batches::undo(&mut ledger, out.batch_id.expect("batch")).expect("undo csv");
    assert_eq!(through(&ledger), before);
}

#[test]
fn a_csv_export_of_the_same_days_is_not_counted_twice() {
    let api = FakeApi::start(openai_handler);
    let (_dir, mut ledger) = ledger();
    // The dashboard's cost export for day 1, with the same figures.
    let csv = format!(
        "start_time,end_time,amount_value,amount_currency,line_item,project_id,organization_id,project_name,organization_name\n\
         {D1},{D2},0.019733999999999998,usd,\"gpt-4o, input\",proj_a,org-1,Default project,Me\n\
         {D1},{D2},0.06,usd,\"gpt-4o, output\",proj_a,org-1,Default project,Me\n"
    );
    import_reader(
        &mut ledger,
        "cost.csv",
        "cost.csv",
        csv.as_bytes(),
        csv.len() as u64,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .expect("csv import");
    assert_eq!(
        total(&ledger, Provider::Openai),
        "0.079734".parse::<Decimal>().expect("dec")
    );
    sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {}).expect("sync");
    // Day 1 is there once; day 3 comes from the sync only.
    let day1: Decimal = ledger
        .costs(&CostFilter {
            provider: Some(Provider::Openai),
            from: Some(day(1)),
            to: Some(day(1)),
        })
        .expect("costs")
        .iter()
        .filter_map(|r| r.amount)
        .sum();
    assert_eq!(day1, "0.079734".parse::<Decimal>().expect("dec"));
    assert_eq!(
        total(&ledger, Provider::Openai),
        "1.329734".parse::<Decimal>().expect("dec")
    );

    // And the other way round: a CSV imported after the sync adds nothing.
    // (the same rows in another order, so the file's bytes differ)
    let mut lines: Vec<&str> = csv.lines().collect();
    lines.swap(1, 2);
    let csv_again = lines.join("\n") + "\n";
    import_reader(
        &mut ledger,
        "cost2.csv",
        "cost2.csv",
        csv_again.as_bytes(),
        csv_again.len() as u64,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .expect("csv import after sync");
    assert_eq!(
        total(&ledger, Provider::Openai),
        "1.329734".parse::<Decimal>().expect("dec")
    );
}

#[test]
fn anthropic_sync_sends_its_headers_and_reads_cents() {
    let api = FakeApi::start(|req, _| match (req.path.as_str(), req.param("page")) {
        ("/v1/organizations/cost_report", None) => Resp::json(fake_api::anthropic_cost_page(
            &[
                (
                    "2024-11-01",
                    &[("Claude Sonnet 4 Usage - Output Tokens", "123.45")],
                ),
                ("2024-11-02", &[]),
            ],
            Some("next_cost"),
        )),
        ("/v1/organizations/cost_report", Some("next_cost")) => {
            Resp::json(fake_api::anthropic_cost_page(
                &[(
                    "2024-11-03",
                    &[("Claude Sonnet 4 Usage - Input Tokens", "50")],
                )],
                None,
            ))
        }
        ("/v1/organizations/usage_report/messages", _) => Resp::json(
            fake_api::anthropic_usage_page(&[("2024-11-01", 2000, 300)], None),
        ),
        _ => Resp::status(
            404,
            r#"{"type":"error","error":{"type":"not_found_error","message":"nope"}}"#,
        ),
    });
    let (_dir, mut ledger) = ledger();
    let mut o = opts(&api);
    o.from = Some(day(1));
    let reports =
        sync::sync_provider(&mut ledger, &anthropic_key(), &o, &mut |_| {}).expect("sync");
    assert_eq!(
        reports
            .iter()
            .map(|r| (r.endpoint, r.pages, r.added))
            .collect::<Vec<_>>(),
        [("cost-report", 2, 2), ("usage-messages", 1, 1)]
    );
    let reqs = api.requests_to("/v1/organizations/cost_report");
    assert_eq!(reqs[0].header("x-api-key"), Some(ANTHROPIC_KEY));
    assert_eq!(reqs[0].header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(reqs[0].header("authorization"), None);
    assert_eq!(reqs[0].param("starting_at"), Some("2024-11-01T00:00:00Z"));
    assert_eq!(
        reqs[0].params("group_by[]"),
        ["workspace_id", "description"]
    );
    assert_eq!(reqs[1].param("page"), Some("next_cost"));
    let usage = api.requests_to("/v1/organizations/usage_report/messages");
    assert_eq!(usage[0].params("group_by[]"), ["workspace_id", "model"]);
    // 123.45 cents + 50 cents.
    assert_eq!(
        total(&ledger, Provider::Anthropic),
        "1.7345".parse::<Decimal>().expect("dec")
    );
}

#[test]
fn a_rejected_key_stops_with_what_to_do_and_never_shows_the_key() {
    let api = FakeApi::start(|req, _| {
        let echoed = req
            .header("authorization")
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        Resp::status(
            401,
            format!(
                r#"{{"error":{{"message":"Incorrect API key provided: {echoed}. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}}}"#
            ),
        )
    });
    let (dir, mut ledger) = ledger();
    let err =
        sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {}).expect_err("401");
    assert!(
        matches!(err, SyncError::KeyRejected { status: 401, .. }),
        "{err:?}"
    );
    let text = aispend_core::error_text(&err);
    assert!(
        text.contains("OpenAI refused the OpenAI Admin key"),
        "{text}"
    );
    assert!(text.contains("aispend keys set openai"), "{text}");
    assert!(!text.contains("PLANTED"), "{text}");
    assert!(!format!("{err:?}").contains("PLANTED"));
    // One try only: a 401 is not retried.
    assert_eq!(api.requests().len(), 1);
    assert_eq!(ledger.provider_record_count().expect("count"), 0);
    let state = sync::sync_status(&ledger).expect("status");
    assert_eq!(state[0].last_result.as_deref(), Some("failed"));
    assert_eq!(state[0].synced_through, None);
    drop(ledger);
    assert_no_key_in_folder(dir.path());

    let api = FakeApi::start(|_, _| {
        Resp::status(
            403,
            r#"{"type":"error","error":{"type":"permission_error","message":"not allowed"}}"#,
        )
    });
    let (_dir, mut ledger) = self::ledger();
    let err = sync::sync_provider(&mut ledger, &anthropic_key(), &opts(&api), &mut |_| {})
        .expect_err("403");
    let text = err.to_string();
    assert!(text.contains("HTTP 403: not allowed"), "{text}");
    assert!(text.contains("aispend keys set anthropic"), "{text}");
}

#[test]
fn server_errors_are_retried_then_reported() {
    let api = FakeApi::start(|_, _| Resp::status(503, "upstream unavailable"));
    let (_dir, mut ledger) = ledger();
    let err =
        sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {}).expect_err("503");
    assert!(
        matches!(err, SyncError::Http { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(api.requests().len(), 4, "max_attempts tries");
    assert!(err.to_string().contains("upstream unavailable"), "{err}");
}

#[test]
fn the_cancel_flag_stops_a_waiting_run_and_imports_nothing() {
    let api = FakeApi::start(|_, _| {
        Resp::status(429, r#"{"error":{"message":"slow down"}}"#).with_header("retry-after", "30")
    });
    let (_dir, mut ledger) = ledger();
    let o = opts(&api);
    let flag = o.cancel.clone();
    let setter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        flag.store(true, Ordering::Relaxed);
    });
    let started = Instant::now();
    let err =
        sync::sync_provider(&mut ledger, &openai_key(), &o, &mut |_| {}).expect_err("cancelled");
    setter.join().expect("setter");
    assert!(matches!(err, SyncError::Cancelled), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(ledger.provider_record_count().expect("count"), 0);
    let state = sync::sync_status(&ledger).expect("status");
    assert_eq!(state[0].last_result.as_deref(), Some("cancelled"));
}

#[test]
fn an_unreachable_provider_is_a_clear_network_error() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let (_dir, mut ledger) = ledger();
    let mut o = SyncOptions::new(day(3));
    o.openai_base_url = Some(format!("http://127.0.0.1:{port}"));
    o.retry.max_attempts = 2;
    o.retry.first_delay = Duration::from_millis(10);
    let err =
        sync::sync_provider(&mut ledger, &openai_key(), &o, &mut |_| {}).expect_err("unreachable");
    assert!(matches!(err, SyncError::Network { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("could not reach OpenAI (127.0.0.1)"),
        "{err}"
    );
}

#[test]
fn a_page_that_is_not_a_page_is_refused() {
    let api = FakeApi::start(|_, _| Resp::json(r#"{"has_more":true,"next_page":"x","data":[]}"#));
    let (_dir, mut ledger) = ledger();
    let err = sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {})
        .expect_err("loop");
    assert!(
        err.to_string().contains("next_page is missing or repeats"),
        "{err}"
    );
    let api = FakeApi::start(|_, _| Resp::json("<html>"));
    let err = sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {})
        .expect_err("html");
    assert!(err.to_string().contains("could not be read"), "{err}");
}

#[test]
fn the_key_never_lands_in_the_ledger_file() {
    let api = FakeApi::start(openai_handler);
    let (dir, mut ledger) = ledger();
    sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {}).expect("sync");
    drop(ledger);
    assert_no_key_in_folder(dir.path());
}

/// No file in the folder (the ledger, its WAL, backups) holds the key.
fn assert_no_key_in_folder(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let bytes = std::fs::read(&path).expect("read");
            for key in [OPENAI_KEY, ANTHROPIC_KEY, "PLANTEDsecret"] {
                assert!(
                    !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
                    "{} holds the key",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn a_page_the_importer_refuses_imports_nothing_and_says_where() {
    let api = FakeApi::start(|_, _| {
        Resp::json(fake_api::openai_costs_page(
            &[(D1, &[("gpt-4o, input", "proj_a", "\"lots\"")])],
            None,
        ))
    });
    let (_dir, mut ledger) = ledger();
    let err = sync::sync_provider(&mut ledger, &openai_key(), &opts(&api), &mut |_| {})
        .expect_err("bad amount");
    assert!(matches!(err, SyncError::Import { .. }), "{err:?}");
    let text = aispend_core::error_text(&err);
    assert!(
        text.starts_with("the records synced from /v1/organization/costs could not be imported: OpenAI /v1/organization/costs:1:"),
        "{text}"
    );
    assert_eq!(ledger.provider_record_count().expect("count"), 0);
    let state = sync::sync_status(&ledger).expect("status");
    assert_eq!(state[0].last_result.as_deref(), Some("failed"));
}

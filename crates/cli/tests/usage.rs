//! `aispend usage`, `aispend prices` and `aispend costs --check` end to end,
//! on real-layout fixtures: agent logs, provider exports and a card
//! statement.

use serde_json::Value;

mod common;
use common::Env;

const CODEX: &str = "tests/fixtures/realworld/codex-cli-jsonl/rollout-2026-11-20T09-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl";
const CLAUDE: &str = "tests/fixtures/claude_code/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl";
const ANTHROPIC_COST: &str = "tests/fixtures/anthropic/claude_api_cost_2026-11.csv";
const ANTHROPIC_TOKENS: &str = "tests/fixtures/anthropic/claude_api_tokens_2026-11.csv";
const OPENAI_USAGE: &str = "tests/fixtures/openai/completions_usage_2026-11-01_2026-11-03.csv";
const OPENAI_COST: &str = "tests/fixtures/openai/cost_2026-11-01_2026-11-03.csv";
const CARD: &str = "tests/fixtures/reconcile/Citi-card-2026-11.CSV";

fn env(files: &[&str]) -> Env {
    Env::with_files(files)
}

fn row<'a>(rows: &'a Value, key: &str) -> &'a Value {
    rows.as_array()
        .expect("rows")
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}: {rows:#}"))
}

#[test]
fn usage_by_tool_follows_the_contract() {
    let env = env(&[CODEX, CLAUDE, OPENAI_USAGE]);
    let rows = env.json(&["usage", "--by", "tool", "--json"]);
    let codex = row(&rows, "codex-cli");
    for field in [
        "key",
        "tool",
        "provider",
        "model",
        "input_tokens",
        "cached_input_tokens",
        "output_tokens",
        "reasoning_tokens",
        "requests",
        "estimated_cost",
        "reported_cost",
        "currency",
    ] {
        assert!(codex.get(field).is_some(), "{field} missing: {codex:#}");
    }
    assert_eq!(codex["tool"], "codex-cli");
    assert_eq!(codex["provider"], "openai");
    assert_eq!(codex["input_tokens"], 30110);
    assert_eq!(codex["cached_input_tokens"], 22016);
    assert_eq!(codex["output_tokens"], 1530);
    assert_eq!(codex["reasoning_tokens"], 704);
    assert_eq!(codex["requests"], 3);
    // (5340×1.25 + 3072×0.125 + 188×10 + 1373×1.25 + 8448×0.125 + 1016×10
    //  + 1381×0.25 + 10496×0.025 + 326×2) / 1e6
    assert_eq!(
        codex["estimated_cost"], "-0.0231309",
        "spending is negative"
    );
    assert_eq!(codex["reported_cost"], Value::Null);
    assert_eq!(codex["currency"], "USD");
    assert_eq!(
        codex["price_rows"],
        serde_json::json!([
            "openai/gpt-5.1-codex-mini@2025-11-13",
            "openai/gpt-5.1-codex@2025-11-13"
        ])
    );
    // The whole answer, as SPEC §9 writes money (spending negative).
    insta::assert_snapshot!(
        "usage_by_tool",
        serde_json::to_string_pretty(&rows).expect("json")
    );
    let claude = row(&rows, "claude-code");
    assert_eq!(claude["provider"], "anthropic");
    assert_eq!(claude["reported_cost"], Value::Null);
    assert!(claude["estimated_cost"].is_string(), "{claude:#}");
    // API usage with a model the list does not price: counted, not 0.
    let api = row(&rows, "api");
    assert_eq!(api["unpriced_records"], 1);
    assert_eq!(
        api["unpriced"],
        serde_json::json!(["no openai price for gpt-4.1-mini-2025-04-14 on 2026-11-03"])
    );
    assert_eq!(api["unpriced_msgs"][0]["id"], "usage-unpriced-no-price");
    // The record's own line says why, in the reader's language.
    let (code, zh, err) = env.run(&["--lang", "zh-CN", "usage", "--records"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        zh.contains("无法估算：2026-11-03 这一天没有 openai 的 gpt-4.1-mini-2025-04-14 价格"),
        "{zh}"
    );
    let (code, en, err) = env.run(&["--lang", "en", "usage", "--records"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        en.contains("unknown: no openai price for gpt-4.1-mini-2025-04-14 on 2026-11-03"),
        "{en}"
    );
}

#[test]
fn usage_by_project_and_day_in_the_users_zone() {
    let env = env(&[CODEX]);
    let rows = env.json(&["usage", "--by", "project", "--json"]);
    assert_eq!(row(&rows, "invoicer")["requests"], 3);
    // 09:00 UTC on 20 November is the 19th at UTC-10.
    let days = env.json(&["usage", "--by", "day", "--utc-offset", "-10:00", "--json"]);
    assert_eq!(row(&days, "2026-11-19")["requests"], 3);
    let none = env.json(&[
        "usage",
        "--by",
        "day",
        "--utc-offset",
        "-10:00",
        "--from",
        "2026-11-20",
        "--json",
    ]);
    assert_eq!(none, serde_json::json!([]));
    let records = env.json(&["usage", "--records", "--json"]);
    assert_eq!(
        records[0]["estimate"],
        serde_json::json!({"status": "priced", "amount": "0.008939", "currency": "USD",
                           "row": "openai/gpt-5.1-codex@2025-11-13"})
    );
    let (code, _, err) = env.run(&["usage", "--utc-offset", "eight"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn prices_lists_the_rows_in_force() {
    let env = Env::empty();
    let rows = env.json(&[
        "prices",
        "--provider",
        "openai",
        "--model",
        "o3",
        "--on",
        "2025-07-01",
        "--json",
    ]);
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(rows[0]["valid_from"], "2025-06-10");
    assert_eq!(rows[0]["input"], "2");
    assert_eq!(rows[0]["output"], "8");
    let before = env.json(&["prices", "--model", "o3", "--on", "2025-05-01", "--json"]);
    assert_eq!(before[0]["input"], "10");
    let none = env.json(&["prices", "--model", "o3", "--on", "2025-01-01", "--json"]);
    assert_eq!(none, serde_json::json!([]));
}

#[test]
fn a_user_price_list_beside_the_ledger_prices_more_models() {
    let env = env(&[OPENAI_USAGE]);
    let dir = env.dir.path().to_path_buf();
    std::fs::write(
        dir.join("prices.toml"),
        "[[price]]\nprovider = \"openai\"\nmodel = \"gpt-4.1-mini\"\nvalid_from = \"2025-04-14\"\n\
         input = \"0.40\"\ncached_input = \"0.10\"\ncache_write = \"0\"\noutput = \"1.60\"\n",
    )
    .expect("write");
    let rows = env.json(&["usage", "--by", "model", "--json"]);
    let m = row(&rows, "gpt-4.1-mini-2025-04-14");
    assert_eq!(m["unpriced_records"], 0);
    // (7852×0.40 + 1210×1.60) / 1e6
    assert_eq!(m["estimated_cost"], "-0.0050768");
    std::fs::write(dir.join("prices.toml"), "[[price]]\nprovider = 3\n").expect("write");
    let (code, _, err) = env.run(&["usage"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("prices.toml: price 1: `provider` must be non-empty text"),
        "{err}"
    );
}

#[test]
fn costs_check_puts_estimate_report_and_card_side_by_side() {
    let env = env(&[
        ANTHROPIC_COST,
        ANTHROPIC_TOKENS,
        OPENAI_USAGE,
        OPENAI_COST,
        CARD,
        CODEX,
    ]);
    let months = env.json(&["costs", "--check", "--month", "2026-11", "--json"]);
    let openai = months
        .as_array()
        .expect("months")
        .iter()
        .find(|m| m["provider"] == "openai")
        .expect("openai");
    assert_eq!(openai["month"], "2026-11");
    assert_eq!(openai["reported"], "-4.2437");
    assert_eq!(openai["charged"], "-40");
    assert_eq!(openai["currency"], "USD");
    // Codex usage is plan usage, valued apart, not estimated API spend.
    assert_eq!(openai["plan_usage_value"], "-0.0231309");
    let kinds: Vec<&str> = openai["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| g["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [
            "estimate_vs_reported",
            "unpriced_usage",
            "charged_vs_reported"
        ]
    );
    let charged = &openai["gaps"][2];
    // The card paid more than the records say: more spending, negative (SPEC §9).
    assert_eq!(charged["amount"], "-35.7563");
    assert!(charged["rows"].as_array().is_some_and(|r| !r.is_empty()));
    let unpriced = &openai["gaps"][1];
    assert_eq!(unpriced["amount"], Value::Null);
    assert_eq!(unpriced["row_count"], 1);
    // Each gap carries its language-neutral message and its rendering.
    assert_eq!(unpriced["msg"]["id"], "usage-gap-unpriced-usage");
    assert_eq!(unpriced["msg"]["args"]["count"], 1);
    assert_eq!(
        unpriced["message"],
        "Usage of models the price list does not price (1 record): its cost is unknown \
         (not zero) and left out of the estimate. Add those models to prices.toml beside \
         the ledger (`aispend prices` lists the prices in force), then check again."
    );
    assert_eq!(
        unpriced["note"], unpriced["message"],
        "the English note is the message"
    );
    // The card paid more than the provider reports: what that means and
    // what to look at.
    assert!(
        charged["message"]
            .as_str()
            .is_some_and(|m| m.contains("prepaid credit") && m.contains("top-ups and invoices")),
        "{charged}"
    );
    let (code, zh, err) = env.run_with(
        &["--lang", "zh-CN", "costs", "--check", "--month", "2026-11"],
        &[],
        None,
    );
    assert_eq!(code, 0, "{err}");
    // The gap's kind is named in the reader's language, never as its code.
    assert!(
        zh.contains("差额 未定价的用量 -：") && zh.contains("差额 扣款与报告不符 35.76："),
        "{zh}"
    );
    let en = env.ok(&["--lang", "en", "costs", "--check", "--month", "2026-11"]);
    assert!(
        en.contains("gap unpriced usage -: Usage of models")
            && en.contains("gap charged vs reported 35.76: The card paid"),
        "{en}"
    );
    for text in [&zh, &en] {
        assert!(!text.contains("UnpricedUsage") && !text.contains("ChargedVsReported"));
    }
    let (code, _, err) = env.run(&["costs", "--check", "--month", "2026-13"]);
    assert_eq!(code, 2, "{err}");
}

const CLAUDE_NOV_1: &str = "tests/fixtures/usage/7b3e9f10-2c4d-4e5a-9b6c-1d2e3f4a5b6c.jsonl";
const CLAUDE_MAX_CARD: &str = "tests/fixtures/usage/Citi-card-claude-max-2026-11.CSV";

fn anthropic(months: &Value) -> &Value {
    months
        .as_array()
        .expect("months")
        .iter()
        .find(|m| m["provider"] == "anthropic")
        .expect("anthropic")
}

#[test]
fn claude_code_usage_in_the_api_usage_while_a_plan_is_paid_is_flagged() {
    let env = env(&[CLAUDE_NOV_1, CLAUDE_MAX_CARD, ANTHROPIC_TOKENS]);
    let m = env.json(&["costs", "--check", "--month", "2026-11", "--json"]);
    let a = anthropic(&m);
    assert_eq!(a["plan_paid"], "-100");
    // (1200×3 + 2048×3.75 + 15000×0.30 + 900×15) / 1e6
    assert_eq!(a["plan_usage_value"], "-0.02928");
    let gap = a["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .find(|g| g["kind"] == "agent_usage_billed_to_api")
        .unwrap_or_else(|| panic!("no flag: {a:#}"));
    assert_eq!(gap["amount"], "-0.02928");
    assert_eq!(gap["row_count"], 1);
    // The session's folder is its project.
    let p = env.json(&[
        "usage",
        "--by",
        "project",
        "--provider",
        "anthropic",
        "--json",
    ]);
    assert_eq!(row(&p, "ledger-tool")["tool"], "claude-code");
}

#[test]
fn without_a_plan_or_without_matching_api_usage_nothing_is_flagged() {
    for files in [
        &[CLAUDE_NOV_1, ANTHROPIC_TOKENS][..],
        &[CLAUDE_NOV_1, CLAUDE_MAX_CARD][..],
    ] {
        let env = env(files);
        let m = env.json(&["costs", "--check", "--month", "2026-11", "--json"]);
        let a = anthropic(&m);
        assert!(
            a["gaps"]
                .as_array()
                .expect("gaps")
                .iter()
                .all(|g| g["kind"] != "agent_usage_billed_to_api"),
            "{a:#}"
        );
    }
}

#[test]
fn logs_merged_from_two_machines_keep_their_label_and_count_once() {
    let env = Env::empty();
    let first = env.json(&["import", CODEX, "--machine", "laptop", "--json"]);
    assert_eq!(first["files"][0]["added"], 3);
    // The same session copied over from the other machine, grown since:
    // only the new token count is added.
    let text = std::fs::read_to_string(common::root().join(CODEX)).expect("read");
    let whole = text
        .rsplit_once('\n')
        .map_or(text.as_str(), |(keep, _)| keep);
    let grown = format!(
        "{whole}\n{}\n",
        r#"{"timestamp":"2026-11-20T09:02:55.918Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":41990,"cached_input_tokens":33280,"output_tokens":1801,"reasoning_output_tokens":768,"total_tokens":43791},"last_token_usage":{"input_tokens":11880,"cached_input_tokens":11264,"output_tokens":271,"reasoning_output_tokens":64,"total_tokens":12151},"model_context_window":272000},"rate_limits":null}}"#
    );
    let copy = env.dir.path().join("rollout-copied.jsonl");
    std::fs::write(&copy, grown).expect("write");
    let path = copy.to_str().expect("utf-8 path");
    let second = env.json(&["import", path, "--machine", "desktop", "--json"]);
    assert_eq!(
        (
            second["files"][0]["added"].clone(),
            second["files"][0]["duplicates"].clone()
        ),
        (1.into(), 3.into())
    );
    let rows = env.json(&["usage", "--by", "machine", "--json"]);
    assert_eq!(row(&rows, "laptop")["requests"], 3);
    assert_eq!(row(&rows, "desktop")["requests"], 1);
    assert_eq!(row(&rows, "desktop")["input_tokens"], 11880);
}

#[test]
fn watch_default_reads_new_and_grown_logs_and_skips_the_rest() {
    let env = Env::empty();
    let base = env.dir.path();
    let codex = base.join("codex/sessions/2026/11/20");
    let claude = base.join("claude/projects/-home-ana-src-ledger-tool");
    std::fs::create_dir_all(&codex).expect("dirs");
    std::fs::create_dir_all(&claude).expect("dirs");
    let log = codex.join("rollout-2026-11-20T09-00-00-0199a1b2.jsonl");
    std::fs::copy(common::root().join(CODEX), &log).expect("copy");
    std::fs::copy(
        common::root().join(CLAUDE_NOV_1),
        claude.join("7b3e9f10-2c4d-4e5a-9b6c-1d2e3f4a5b6c.jsonl"),
    )
    .expect("copy");
    std::fs::write(claude.join("notes.txt"), "not a log").expect("write");
    let vars = [
        (
            "CODEX_HOME",
            base.join("codex").to_string_lossy().into_owned(),
        ),
        (
            "CLAUDE_CONFIG_DIR",
            base.join("claude").to_string_lossy().into_owned(),
        ),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let scan = |env: &Env| -> Value {
        let (code, out, err) = env.run_with(&["import", "--watch-default", "--json"], &vars, None);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).expect("json")
    };
    let first = scan(&env);
    assert_eq!(first["imported"].as_array().map(Vec::len), Some(2));
    assert_eq!(first["added"], 4);
    let again = scan(&env);
    assert_eq!(
        (again["unchanged"].clone(), again["added"].clone()),
        (2.into(), 0.into())
    );
    // The running session's log grows: only its new token count lands.
    let text = std::fs::read_to_string(&log).expect("read");
    let whole = text
        .rsplit_once('\n')
        .map_or(text.as_str(), |(keep, _)| keep);
    std::fs::write(
        &log,
        format!(
            "{whole}\n{}\n",
            r#"{"timestamp":"2026-11-20T09:02:55.918Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":41990,"cached_input_tokens":33280,"output_tokens":1801,"reasoning_output_tokens":768,"total_tokens":43791},"last_token_usage":{"input_tokens":11880,"cached_input_tokens":11264,"output_tokens":271,"reasoning_output_tokens":64,"total_tokens":12151}}}}"#
        ),
    )
    .expect("grow");
    let grown = scan(&env);
    assert_eq!(
        (
            grown["added"].clone(),
            grown["duplicates"].clone(),
            grown["unchanged"].clone()
        ),
        (1.into(), 0.into(), 1.into())
    );
    // Read on from where the last scan stopped, in one batch.
    assert!(
        grown["imported"][0]["from_byte"].as_u64() > Some(0),
        "{grown:#}"
    );
    assert!(grown["batch_id"].is_i64(), "{grown:#}");
    assert!(first["batch_id"].is_i64());
}

#[test]
fn tools_that_report_their_charge_are_checked_and_their_models_priced() {
    let env = env(&[
        "tests/fixtures/cursor/usage-events-2026-11-20.csv",
        "tests/fixtures/openrouter/activity-2026-11.csv",
        "tests/fixtures/gemini_cli/session-2026-11-20T09-15-5f0c2a7e.json",
    ]);
    let m = env.json(&["costs", "--check", "--month", "2026-11", "--json"]);
    let of = |p: &str| {
        m.as_array()
            .expect("months")
            .iter()
            .find(|x| x["provider"] == p)
            .unwrap_or_else(|| panic!("{p}: {m:#}"))
            .clone()
    };
    let cursor = of("cursor");
    // $0.42 + $0.03 + $0.01 + $0.01 charged; included and errored rows 0.
    assert_eq!(cursor["reported"], "-0.47");
    assert!(cursor["estimated"].is_string(), "{cursor:#}");
    // Included requests are the plan's, valued at API prices apart.
    assert!(cursor["plan_usage_value"].is_string(), "{cursor:#}");
    let openrouter = of("openrouter");
    assert_eq!(openrouter["reported"], "-0.013305");
    // Gemini CLI is an agent: its usage is valued, never estimated spend.
    let google = of("google");
    assert_eq!(google["estimated"], Value::Null);
    assert!(google["plan_usage_value"].is_string(), "{google:#}");
    // Cursor's and OpenRouter's names of Anthropic's models are priced.
    let u = env.json(&["usage", "--provider", "cursor", "--by", "model", "--json"]);
    assert!(row(&u, "claude-4.5-sonnet-thinking")["estimated_cost"].is_string());
    let u = env.json(&[
        "usage",
        "--provider",
        "openrouter",
        "--by",
        "model",
        "--json",
    ]);
    assert!(row(&u, "anthropic/claude-sonnet-4.5")["estimated_cost"].is_string());
}

/// A folder of seven Codex logs (copies of one session on several days),
/// the fourth with a line that is not JSON in the middle.
fn seven_logs(env: &Env) -> std::path::PathBuf {
    let folder = env.path("logs");
    let text = std::fs::read_to_string(common::root().join(CODEX)).expect("fixture");
    for day in 0..7 {
        let dir = folder.join(format!("2026/11/{:02}", 20 + day));
        std::fs::create_dir_all(&dir).expect("dirs");
        let mut log = text.clone();
        if day == 3 {
            let at = log.find('\n').expect("a line") + 1;
            log.insert_str(at, "Segmentation fault (core dumped)\n");
        }
        std::fs::write(
            dir.join(format!(
                "rollout-2026-11-{:02}T09-00-00-0199a1b2.jsonl",
                20 + day
            )),
            log,
        )
        .expect("write");
    }
    folder
}

#[test]
fn a_big_scan_prints_totals_and_a_few_examples_and_verbose_prints_every_log() {
    let shown = |lang: &str, verbose: bool| {
        let env = Env::empty();
        let folder = seven_logs(&env);
        let folder = folder.to_string_lossy().into_owned();
        let mut args = vec!["--lang", lang, "import", "--watch-default", folder.as_str()];
        if verbose {
            args.push("--verbose");
        }
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 0, "{err}");
        out.replace(env.dir.path().to_string_lossy().as_ref(), "[DIR]")
    };
    let en = shown("en", false);
    let zh = shown("zh-CN", false);
    insta::assert_snapshot!("watch_scan_brief", format!("{en}\n---\n{zh}"));
    // Seven logs, seven notices: three shown, the rest counted.
    let listed = |out: &str| out.lines().filter(|l| l.starts_with("  2026/11/")).count();
    assert_eq!(listed(&en), 3, "{en}");
    let verbose = shown("en", true);
    assert_eq!(listed(&verbose), 7, "{verbose}");
    assert!(!verbose.contains("--verbose"), "{verbose}");
}

#[test]
fn a_scans_unreadable_lines_are_rejects_naming_their_log() {
    let env = Env::empty();
    let folder = seven_logs(&env);
    let folder = folder.to_string_lossy().into_owned();
    let scan = env.json(&["import", "--watch-default", folder.as_str(), "--json"]);
    // --json keeps every log's notices and rejects.
    let imported = scan["imported"].as_array().expect("logs");
    assert_eq!(imported.len(), 7);
    assert!(imported.iter().all(|r| r["notices"].is_array()), "{scan:#}");
    assert_eq!(scan["rejected"], 1);
    let batch = scan["batch_id"].as_i64().expect("a batch");
    let rejects = env.json(&["rejects", &batch.to_string(), "--json"]);
    assert_eq!(
        rejects["rejected"],
        serde_json::json!([{
            "file": "2026/11/23/rollout-2026-11-23T09-00-00-0199a1b2.jsonl",
            "line": 2,
            "reason": "not JSON: the text is not valid JSON (expected value)",
            "id": "import-reject-log-not-json",
            "args": rejects["rejected"][0]["args"].clone(),
        }]),
        "{rejects:#}"
    );
    let text = env.ok(&["rejects", &batch.to_string()]);
    assert_eq!(
        text.trim(),
        "2026/11/23/rollout-2026-11-23T09-00-00-0199a1b2.jsonl:2: not JSON: the text is not valid JSON (expected value)"
    );
}

#[test]
fn a_log_imported_as_one_file_keeps_its_unreadable_lines_as_rejects() {
    let env = Env::empty();
    let mut log = std::fs::read_to_string(common::root().join(CODEX)).expect("fixture");
    let at = log.find('\n').expect("a line") + 1;
    log.insert_str(at, "Segmentation fault (core dumped)\n");
    // A last line still being written is not a reject.
    log.push_str("{\"timestamp\":\"2026-11-20T09:30:00.000Z\",\"type\":\"event_msg\",\"pay");
    let file = env.path("rollout-2026-11-20T09-00-00-0199a1b2.jsonl");
    std::fs::write(&file, log).expect("write");
    let file = file.to_string_lossy().into_owned();

    let out = env.json(&["import", file.as_str(), "--json"]);
    let out = &out["files"][0];
    assert_eq!(out["rejected"], 1, "{out:#}");
    assert_eq!(out["rejects"][0]["line"], 2, "{out:#}");
    let batch = out["batch_id"].as_i64().expect("a batch");
    let rejects = env.json(&["rejects", &batch.to_string(), "--json"]);
    assert_eq!(
        rejects["rejected"],
        serde_json::json!([{
            "line": 2,
            "reason": "not JSON: the text is not valid JSON (expected value)",
            "id": "import-reject-log-not-json",
            "args": rejects["rejected"][0]["args"].clone(),
        }]),
        "{rejects:#}"
    );
    let text = env.ok(&["rejects", &batch.to_string()]);
    assert_eq!(
        text.trim(),
        "line 2: not JSON: the text is not valid JSON (expected value)"
    );

    // The text summary names the line, in the reader's language.
    let again = Env::empty();
    let copy = again.path("rollout.jsonl");
    std::fs::copy(&file, &copy).expect("copy");
    let copy = copy.to_string_lossy().into_owned();
    let (code, zh, err) = again.run(&["--lang", "zh-CN", "import", copy.as_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(zh.contains("第 2 行：不是 JSON"), "{zh}");
}

#[test]
fn a_log_that_fails_is_named_in_the_readers_language() {
    let env = Env::empty();
    let log = std::fs::read_to_string(common::root().join(CODEX)).expect("fixture");
    // A token count cut in the middle of the log (not its last line, which
    // may still be being written) makes the log fail, listed by name.
    let mut lines: Vec<String> = log.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|l| l.contains("token_count"))
        .expect("a token count");
    assert!(at + 1 < lines.len(), "not the last line");
    let cut = lines[at].len() / 2;
    lines[at].truncate(cut);
    let folder = env.path("logs");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(
        folder.join("rollout-2026-11-20T09-00-00-0199a1b2.jsonl"),
        lines.join("\n") + "\n",
    )
    .expect("write");
    let folder = folder.to_string_lossy().into_owned();
    let (code, out, err) = env.run(&["--lang", "zh-CN", "import", "--watch-default", &folder]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("rollout-2026-11-20T09-00-00-0199a1b2.jsonl"),
        "{out}"
    );
    assert!(out.contains("无法读取 token 数"), "{out}");
    assert!(!out.contains("could not be read"), "{out}");
    assert!(err.contains("有 1 个日志无法读取"), "{err}");
    let (code, out, _) = env.run(&["import", "--watch-default", &folder]);
    assert_eq!(code, 2);
    assert!(out.contains("the token count could not be read"), "{out}");
}

#[test]
fn the_check_in_text_leaves_out_months_with_nothing_to_check() {
    let env = Env::empty();
    env.ok(&["sample", "load"]);
    let json = env.json(&["costs", "--check", "--json"]);
    let months = json.as_array().expect("months");
    let empty = months
        .iter()
        .filter(|c| {
            ["estimated", "reported", "charged", "plan_usage_value"]
                .iter()
                .all(|k| c[k].is_null())
                && c["gaps"].as_array().is_some_and(Vec::is_empty)
        })
        .count();
    assert!(
        empty > 0,
        "the sample has months with nothing to check: {json:#}"
    );
    let text = env.ok(&["costs", "--check"]);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("20")).count(),
        months.len() - empty,
        "{text}"
    );
    assert!(
        !text.contains("reported          -  charged          -"),
        "{text}"
    );
    assert!(text.contains("gap charged vs reported"), "{text}");
    let (code, out, _) = env.run(&["--lang", "zh-CN", "costs", "--check", "--month", "2001-01"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("这段时间没有可核对的内容"), "{out}");
}

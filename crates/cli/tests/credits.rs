//! `aispend credits`, `aispend budget` and `aispend alerts` end to end, on
//! a card statement with OpenAI top-ups and ChatGPT, and an OpenAI cost
//! export.

use serde_json::Value;

mod common;
use common::Env;

const CARD: &str = "tests/fixtures/credits/Citi-card-2026-11.CSV";
const COST: &str = "tests/fixtures/credits/cost_2026-11-20_2026-11-30.csv";

fn env() -> Env {
    Env::with_files(&[CARD, COST])
}

#[test]
fn credits_json_follows_the_contract() {
    let env = env();
    env.ok(&[
        "credits",
        "grant",
        "--provider",
        "openai",
        "--amount",
        "5.00",
        "--on",
        "2026-12-01",
        "--expires",
        "2027-01-01",
    ]);
    let v = env.json(&[
        "credits",
        "--provider",
        "openai",
        "--as-of",
        "2026-12-04",
        "--json",
    ]);
    insta::assert_snapshot!(
        "credits_openai",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
    // The stated balance leaves a gap the rows cannot explain.
    let a = env.json(&[
        "credits",
        "set-balance",
        "--provider",
        "openai",
        "--amount",
        "45.00",
        "--on",
        "2026-12-04",
        "--json",
    ]);
    assert_eq!(a["unexplained"], "-2.50");
    let v = env.json(&["credits", "--as-of", "2026-12-04", "--json"]);
    assert_eq!(
        (v[0]["balance"].as_str(), v[0]["unexplained"].as_str()),
        (Some("45.00"), Some("-2.50"))
    );
    let text = env.ok(&["credits", "--as-of", "2026-12-04"]);
    assert!(
        text.contains("-2.50 of it the ledger cannot explain"),
        "{text}"
    );
    assert!(text.contains("runs out on 2027-01-15"), "{text}");
}

#[test]
fn budgets_set_list_status_remove() {
    let env = env();
    let b = env.json(&[
        "budget", "set", "--class", "ai-api", "--amount", "60", "--json",
    ]);
    assert_eq!(b["scope"], "class:ai-api");
    env.ok(&[
        "budget",
        "set",
        "--vendor",
        "openai",
        "--amount",
        "100",
        "--period",
        "2026-11-01..2026-11-30",
    ]);
    env.ok(&["budget", "set", "--provider", "openai", "--amount", "40"]);
    let v = env.json(&["budget", "status", "--as-of", "2026-11-25", "--json"]);
    insta::assert_snapshot!(
        "budget_status",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
    let list = env.json(&["budget", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    env.ok(&["budget", "remove", "2"]);
    let (code, _, err) = env.run(&["budget", "remove", "2"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no budget 2"), "{err}");
    let text = env.ok(&["budget", "status", "--as-of", "2026-11-25"]);
    assert!(text.contains("OVER"), "{text}");
}

#[test]
fn bad_budgets_and_dates_are_refused_and_change_nothing() {
    let env = env();
    let cases: &[(&[&str], &str)] = &[
        (
            &["budget", "set", "--provider", "gemini", "--amount", "10"],
            "unknown provider \"gemini\"",
        ),
        (
            &["budget", "set", "--class", "ai", "--amount", "-5"],
            "positive amount",
        ),
        (
            &["budget", "set", "--class", "ai", "--amount", "0"],
            "positive amount",
        ),
        (
            &[
                "budget",
                "set",
                "--class",
                "ai",
                "--amount",
                "5",
                "--period",
                "2026-02-30..2026-03-31",
            ],
            "\"2026-02-30\" in period",
        ),
        (
            &["budget", "set", "--class", "groceries", "--amount", "5"],
            "class \"groceries\"",
        ),
        (
            &["budget", "set", "--amount", "5"],
            "--provider, --vendor, --class or --tag",
        ),
        (&["credits", "--as-of", "2026-13-01"], "2026-13-01"),
        (&["credits", "--provider", "gemini"], "unknown provider"),
        (
            &[
                "credits",
                "grant",
                "--provider",
                "openai",
                "--amount",
                "-1",
                "--on",
                "2026-12-01",
            ],
            "positive amount",
        ),
        (
            &["alerts", "dismiss", "renewal_soon-0123456789"],
            "no alert",
        ),
        (
            &[
                "credits",
                "set-balance",
                "--provider",
                "gemini",
                "--amount",
                "1",
                "--on",
                "2026-12-01",
            ],
            "unknown provider",
        ),
        (
            &[
                "credits",
                "grant",
                "--provider",
                "openai",
                "--amount",
                "5",
                "--on",
                "2026-12-01",
                "--expires",
                "2026-11-01",
            ],
            "2026-11-01",
        ),
        (
            &["alerts", "settings", "--kind", "nope", "--enabled", "off"],
            "not an alert kind",
        ),
        (&["alerts", "settings", "--quiet", "maybe"], "on or off"),
        (&["budget", "remove", "99"], "no budget 99"),
        (
            &["budget", "plan-value", "--as-of", "2026-02-30"],
            "2026-02-30",
        ),
    ];
    for (args, says) in cases {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // The command line's own refusals speak the reader's language too,
    // and carry their message id in --json.
    let zh: &[(&[&str], &str)] = &[
        (
            &["--lang", "zh-CN", "alerts", "settings", "--quiet", "maybe"],
            "应为 on 或 off",
        ),
        (
            &["--lang", "zh-CN", "budget", "set", "--amount", "5"],
            "请说明预算统计的范围",
        ),
    ];
    for (args, says) in zh {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let (code, _, err) = env.run(&["--json", "alerts", "settings", "--quiet", "maybe"]);
    assert_eq!(code, 2);
    assert!(err.contains("\"cli-err-on-off\""), "{err}");
    assert_eq!(
        env.json(&["budget", "list", "--json"]),
        Value::Array(vec![])
    );
    let settings = env.json(&["alerts", "settings", "--json"]);
    assert_eq!(settings["quiet"], false, "{settings:#}");
    assert!(
        settings["kinds"]
            .as_array()
            .is_some_and(|k| k.iter().all(|k| k["enabled"] == true)),
        "{settings:#}"
    );
    let credits = env.json(&["credits", "--as-of", "2026-12-04", "--json"]);
    assert_eq!(
        credits[0]["checked_on"],
        Value::Null,
        "no balance was stored"
    );
    assert_eq!(
        credits[0]["purchases"].as_array().map(Vec::len),
        Some(2),
        "no grant was stored"
    );
}

#[test]
fn alerts_list_dismiss_and_settings() {
    let env = env();
    env.ok(&["budget", "set", "--class", "ai-api", "--amount", "60"]);
    let v = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    insta::assert_snapshot!(
        "alerts",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
    let again = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    assert_eq!(v, again, "same ledger, same ids");
    let id = v[0]["id"].as_str().expect("id").to_owned();
    env.ok(&["alerts", "dismiss", &id, "--as-of", "2026-12-04"]);
    let after = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    assert!(after
        .as_array()
        .expect("list")
        .iter()
        .all(|a| a["id"] != id.as_str()));
    let all = env.json(&["alerts", "--as-of", "2026-12-04", "--all", "--json"]);
    assert!(all
        .as_array()
        .expect("list")
        .iter()
        .any(|a| a["id"] == id.as_str() && a["dismissed"] == true));
    // Kinds can be turned off; quiet mode is stored.
    let s = env.json(&[
        "alerts",
        "settings",
        "--kind",
        "renewal_soon",
        "--enabled",
        "off",
        "--quiet",
        "on",
        "--json",
    ]);
    assert_eq!(s["quiet"], true);
    let text = env.ok(&["alerts", "--as-of", "2026-12-04"]);
    assert!(!text.contains("renewal_soon"), "{text}");
    let (code, _, err) = env.run(&[
        "alerts",
        "settings",
        "--kind",
        "nagging",
        "--enabled",
        "off",
    ]);
    assert_eq!(code, 2, "{err}");
    // A plan marked cancelled that charges again.
    env.ok(&[
        "alerts",
        "cancelled",
        "--vendor",
        "openai",
        "--product",
        "ChatGPT Plus",
        "--on",
        "2026-10-31",
    ]);
    let v = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    assert!(
        v.as_array()
            .expect("list")
            .iter()
            .any(|a| a["kind"] == "lapsed_still_charged"),
        "{v:#}"
    );
}

/// `alerts` in Chinese: the same alerts, each message from the zh-CN
/// catalog; the JSON is the same in every language.
#[test]
fn alerts_in_chinese() {
    let env = env();
    env.ok(&["budget", "set", "--class", "ai-api", "--amount", "60"]);
    let zh = env.ok(&["--lang", "zh-CN", "alerts", "--as-of", "2026-12-04"]);
    insta::assert_snapshot!("alerts_zh_cn", zh);
    assert!(zh.contains("续订"), "{zh}");
    let en = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    let zh_json = env.json(&[
        "--lang",
        "zh-CN",
        "alerts",
        "--as-of",
        "2026-12-04",
        "--json",
    ]);
    assert_eq!(en, zh_json, "--json is language-neutral");
}

#[test]
fn budget_status_values_a_plans_usage_at_api_prices() {
    let env = Env::empty();
    env.json(&[
        "import",
        "tests/fixtures/usage/7b3e9f10-2c4d-4e5a-9b6c-1d2e3f4a5b6c.jsonl",
        "tests/fixtures/usage/Citi-card-claude-max-2026-11.CSV",
        "--json",
    ]);
    env.ok(&["budget", "set", "--class", "ai", "--amount", "150"]);
    let v = env.json(&["budget", "status", "--as-of", "2026-11-30", "--json"]);
    let b = &v[0];
    // The existing fields stay; the plan value is added.
    assert_eq!(b["scope"], "class:ai");
    assert_eq!(b["spent"], "-100.00");
    let p = &b["plan_value"][0];
    assert_eq!(p["provider"], "anthropic");
    assert_eq!(p["month"], "2026-11");
    assert_eq!(p["api_value"], "-0.02928");
    assert_eq!(p["plan_price"], "-100.00");
    assert_eq!(p["price_buys_days"], "102459.0");
    let text = env.ok(&["budget", "status", "--as-of", "2026-11-30"]);
    assert!(text.contains("at API prices"), "{text}");
}

/// `budget plan-value`: plan value with or without budgets, the price
/// prorated to the days so far and the rows behind it; `budget status
/// --json` stays an array (empty with no budgets).
#[test]
fn budget_plan_value_needs_no_budget_and_names_its_rows() {
    let env = Env::empty();
    env.json(&[
        "import",
        "tests/fixtures/usage/7b3e9f10-2c4d-4e5a-9b6c-1d2e3f4a5b6c.jsonl",
        "tests/fixtures/usage/Citi-card-claude-max-2026-11.CSV",
        "--json",
    ]);
    let status = env.json(&["budget", "status", "--as-of", "2026-11-10", "--json"]);
    assert_eq!(status, serde_json::json!([]), "the contract: an array");
    let v = env.json(&["budget", "plan-value", "--as-of", "2026-11-10", "--json"]);
    let list = v.as_array().expect("an array");
    assert_eq!(list.len(), 1, "{v:#}");
    let p = &list[0];
    assert_eq!(p["provider"], "anthropic");
    assert_eq!(
        (p["from"].as_str(), p["to"].as_str()),
        (Some("2026-11-01"), Some("2026-11-10"))
    );
    assert_eq!(p["plan_price"], "-100.00");
    assert_eq!(p["plan_price_to_date"], "-33.33");
    assert_eq!(p["projected_api_value"], "-0.09");
    assert_eq!(
        (p["days"].as_u64(), p["month_days"].as_u64()),
        (Some(10), Some(30))
    );
    // The price's row: the card's Claude line, as `txns` numbers it.
    let rows = p["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = rows[0].as_str().unwrap_or_default();
    let id: i64 = row
        .strip_prefix("txn:")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a line: {row}"));
    assert_eq!(p["lines"], serde_json::json!([id]));
    let txns = env.json(&["txns", "--json"]);
    let line = txns
        .as_array()
        .and_then(|t| t.iter().find(|l| l["id"] == id))
        .cloned()
        .unwrap_or_default();
    assert_eq!(line["amount"], "-100.00", "{line:#}");
    // Text: the prorated comparison said, and where the price comes from.
    let text = env.ok(&["budget", "plan-value", "--as-of", "2026-11-10"]);
    assert!(
        text.contains("the 33.33 USD the plans cost for those 10 days")
            && text.contains(&format!("price from: txn:{id}")),
        "{text}"
    );
    let zh = env.ok(&[
        "--lang",
        "zh-CN",
        "budget",
        "plan-value",
        "--as-of",
        "2026-11-10",
    ]);
    assert!(zh.contains("按本月 30 天中已过的 10 天折算"), "{zh}");
    // A month without plan usage says so.
    let none = env.ok(&["budget", "plan-value", "--as-of", "2026-12-05"]);
    assert!(none.contains("No plan usage"), "{none}");
    let none_zh = env.ok(&[
        "--lang",
        "zh-CN",
        "budget",
        "plan-value",
        "--as-of",
        "2026-12-05",
    ]);
    assert!(none_zh.contains("没有套餐用量"), "{none_zh}");
    // A bad date is refused.
    let (code, _, err) = env.run(&["budget", "plan-value", "--as-of", "2026-13-01"]);
    assert_ne!(code, 0);
    assert!(err.contains("2026-13-01"), "{err}");
}

//! `aispend credits`, `aispend budget` and `aispend alerts` end to end, on
//! a card statement with OpenAI top-ups and ChatGPT, and an OpenAI cost
//! export.

use serde_json::Value;

mod common;
use common::Env;

const CARD: &str = "tests/fixtures/credits/Citi-card-2026-11.CSV";
const COST: &str = "tests/fixtures/credits/cost_2026-11-20_2026-11-30.csv";

fn env() -> Env {
    let env = Env::empty();
    env.json(&["import", CARD, COST, "--json"]);
    env
}

fn ok(env: &Env, args: &[&str]) -> String {
    let (code, out, err) = env.run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn credits_json_follows_the_contract() {
    let env = env();
    ok(
        &env,
        &[
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
        ],
    );
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
    let text = ok(&env, &["credits", "--as-of", "2026-12-04"]);
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
    ok(
        &env,
        &[
            "budget",
            "set",
            "--vendor",
            "openai",
            "--amount",
            "100",
            "--period",
            "2026-11-01..2026-11-30",
        ],
    );
    ok(
        &env,
        &["budget", "set", "--provider", "openai", "--amount", "40"],
    );
    let v = env.json(&["budget", "status", "--as-of", "2026-11-25", "--json"]);
    insta::assert_snapshot!(
        "budget_status",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
    let list = env.json(&["budget", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    ok(&env, &["budget", "remove", "2"]);
    let (code, _, err) = env.run(&["budget", "remove", "2"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no budget 2"), "{err}");
    let text = ok(&env, &["budget", "status", "--as-of", "2026-11-25"]);
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
    ];
    for (args, says) in cases {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(
        env.json(&["budget", "list", "--json"]),
        Value::Array(vec![])
    );
    assert_eq!(
        env.json(&["credits", "--as-of", "2026-12-04", "--json"])[0]["purchases"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "no grant was stored"
    );
}

#[test]
fn alerts_list_dismiss_and_settings() {
    let env = env();
    ok(
        &env,
        &["budget", "set", "--class", "ai-api", "--amount", "60"],
    );
    let v = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    insta::assert_snapshot!(
        "alerts",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
    let again = env.json(&["alerts", "--as-of", "2026-12-04", "--json"]);
    assert_eq!(v, again, "same ledger, same ids");
    let id = v[0]["id"].as_str().expect("id").to_owned();
    ok(&env, &["alerts", "dismiss", &id, "--as-of", "2026-12-04"]);
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
    let text = ok(&env, &["alerts", "--as-of", "2026-12-04"]);
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
    ok(
        &env,
        &[
            "alerts",
            "cancelled",
            "--vendor",
            "openai",
            "--product",
            "ChatGPT Plus",
            "--on",
            "2026-10-31",
        ],
    );
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
    ok(
        &env,
        &["budget", "set", "--class", "ai-api", "--amount", "60"],
    );
    let zh = ok(
        &env,
        &["--lang", "zh-CN", "alerts", "--as-of", "2026-12-04"],
    );
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
    ok(&env, &["budget", "set", "--class", "ai", "--amount", "150"]);
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
    let text = ok(&env, &["budget", "status", "--as-of", "2026-11-30"]);
    assert!(text.contains("at API prices"), "{text}");
}

//! Every command's human output in the reader's language: the same ledger
//! printed with `--lang zh-CN` (snapshots), `--lang en` printing exactly
//! what the default English does, and `--json` the same in both.

use std::collections::BTreeMap;

mod common;
use common::Env;

const JAN: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const FEB: &str = "tests/fixtures/chase/Chase1234_Activity20260125_20260224_20260226.CSV";
const N26: &str = "tests/fixtures/n26/n26-csv-transactions.csv";
const OPENAI_COST: &str = "tests/fixtures/openai/cost_2025-04-01_2025-04-04.csv";
const CREDIT_CARD: &str = "tests/fixtures/credits/Citi-card-2026-11.CSV";
const CREDIT_COST: &str = "tests/fixtures/credits/cost_2026-11-20_2026-11-30.csv";
const CODEX: &str = "tests/fixtures/realworld/codex-cli-jsonl/rollout-2026-11-20T09-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl";

/// A ledger with card statements, a provider cost export, credit, a
/// budget, a rule, a manual subscription and a payment: something for
/// every command to print.
fn ledger() -> Env {
    let env = Env::empty();
    for args in [
        &["import", JAN, FEB, N26, OPENAI_COST, "--json"][..],
        &["import", CREDIT_CARD, CREDIT_COST, CODEX, "--json"],
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
            "--json",
        ],
        &[
            "budget", "set", "--class", "ai-api", "--amount", "60", "--json",
        ],
        &[
            "rules",
            "add",
            "--contains",
            "NETFLIX",
            "--class",
            "everyday",
            "--json",
        ],
        &[
            "subs",
            "add",
            "--vendor",
            "anthropic",
            "--product",
            "Claude Pro",
            "--amount",
            "20.00",
            "--since",
            "2026-01-03",
            "--json",
        ],
        &[
            "payments",
            "add",
            "--provider",
            "openai",
            "--date",
            "2026-01-14",
            "--amount",
            "20.00",
            "--receipt",
            "2841-3370",
            "--invoice",
            "INV-0042",
            "--card-brand",
            "visa",
            "--last4",
            "1234",
            "--json",
        ],
    ] {
        env.json(args);
    }
    env
}

/// The commands whose output is read here, each a read that changes
/// nothing (so the languages see the same ledger).
const READS: &[&[&str]] = &[
    &["imports"],
    &["summary", "--month", "2026-01"],
    &["summary"],
    &["subs", "--as-of", "2026-02-20"],
    &["costs"],
    &["costs", "--by", "model"],
    &["costs", "--vs-topups"],
    &["payments", "list"],
    &["rules", "list"],
    &["links"],
    &["credits", "--as-of", "2026-12-04"],
    &["budget", "list"],
    &["budget", "status", "--as-of", "2026-11-25"],
    &["alerts", "--as-of", "2026-12-04"],
    &["alerts", "settings"],
    &["usage", "--by", "tool"],
    &[
        "prices",
        "--provider",
        "openai",
        "--model",
        "o3",
        "--on",
        "2025-07-01",
    ],
    &["rejects", "1"],
];

fn out(env: &Env, lang: Option<&str>, args: &[&str]) -> String {
    let mut all = Vec::new();
    if let Some(l) = lang {
        all.extend(["--lang", l]);
    }
    all.extend(args);
    let (code, out, err) = env.run(&all);
    assert_eq!(code, 0, "{all:?}: {err}");
    out
}

#[test]
fn every_read_speaks_chinese_and_english_stays_as_it_was() {
    let env = ledger();
    let mut zh = String::new();
    for args in READS {
        let default = out(&env, None, args);
        assert_eq!(out(&env, Some("en"), args), default, "{args:?}");
        let chinese = out(&env, Some("zh-CN"), args);
        zh.push_str(&format!("$ aispend {}\n{chinese}\n", args.join(" ")));
        // Every command here prints labels (the cost and budget lists only
        // rows of data): none reads as it did in English.
        if args != &["costs"] && args != &["budget", "list"] {
            assert_ne!(chinese, default, "{args:?}");
        }
    }
    insta::assert_snapshot!("every_read_zh_cn", without_import_times(&zh));
}

/// `text` with each instant the test run wrote (`2026-12-08T00:37:02Z`,
/// an import's or a case's time) as `<time>`.
fn without_import_times(text: &str) -> String {
    let shape = b"dddd-dd-ddTdd:dd:dd";
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let is_time = b.len() - i >= shape.len()
            && shape.iter().zip(&b[i..]).all(|(s, c)| match s {
                b'd' => c.is_ascii_digit(),
                other => other == c,
            });
        if is_time {
            let mut end = i + shape.len();
            // Fractions of a second and the offset (Z or +hh:mm).
            while end < b.len() && (b[end].is_ascii_digit() || b".Z+-:".contains(&b[end])) {
                end += 1;
            }
            out.push_str("<time>");
            i = end;
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    out
}

#[test]
fn a_case_speaks_chinese_from_opening_to_closing() {
    let env = Env::empty();
    env.json(&["import", JAN, "--json"]);
    let zh = |args: &[&str]| {
        let mut all = vec!["--lang", "zh-CN"];
        all.extend(args);
        let (code, out, err) = env.run(&all);
        assert_eq!(code, 0, "{all:?}: {err}");
        format!("$ aispend {}\n{out}", args.join(" "))
    };
    let text = [
        zh(&[
            "case",
            "new",
            "--title",
            "Missing 25 USD top-up",
            "--provider",
            "openai",
            "--utc-offset",
            "+08:00",
        ]),
        zh(&["case", "answer", "1", "bank_status", "pending"]),
        zh(&["case", "answer", "1", "amount", "25.00"]),
        zh(&["case", "link", "1", "3"]),
        zh(&["case", "unlink", "1", "3"]),
        zh(&["case", "link", "1", "3"]),
        zh(&["case", "note", "1", "Called the bank on Monday"]),
        zh(&["case", "list"]),
        zh(&["case", "show", "1"]),
        zh(&["case", "export", "1", "--preview"]),
        zh(&["case", "close", "1"]),
        zh(&["case", "reopen", "1"]),
    ];
    insta::assert_snapshot!("case_zh_cn", without_import_times(&text.join("\n")));
}

#[test]
fn json_is_the_same_in_every_language() {
    let env = ledger();
    let mut seen = BTreeMap::new();
    for args in READS {
        let mut json = args.to_vec();
        json.push("--json");
        let en = out(&env, Some("en"), &json);
        let zh = out(&env, Some("zh-CN"), &json);
        assert_eq!(en, zh, "{args:?}");
        seen.insert(args.join(" "), en.len());
    }
    assert_eq!(seen.len(), READS.len());
}

#[test]
fn changes_report_in_chinese() {
    let env = Env::empty();
    let zh = |args: &[&str]| {
        let mut all = vec!["--lang", "zh-CN"];
        all.extend(args);
        let (code, out, err) = env.run(&all);
        assert_eq!(code, 0, "{all:?}: {err}");
        format!("$ aispend {}\n{out}", args.join(" "))
    };
    let text = [
        zh(&["import", JAN]),
        zh(&[
            "rules",
            "add",
            "--contains",
            "SPOTIFY",
            "--class",
            "everyday",
            "--min=-20",
            "--account",
            "Chase card ending 1234",
        ]),
        zh(&["rules", "disable", "1"]),
        zh(&["rules", "list"]),
        zh(&["budget", "set", "--provider", "openai", "--amount", "40"]),
        zh(&["budget", "remove", "1"]),
        zh(&["alerts", "settings", "--quiet", "on"]),
        zh(&[
            "alerts",
            "cancelled",
            "--vendor",
            "openai",
            "--product",
            "ChatGPT Plus",
            "--on",
            "2026-01-20",
        ]),
        zh(&["undo-import", "1"]),
        zh(&["imports"]),
    ];
    insta::assert_snapshot!("changes_zh_cn", without_import_times(&text.join("\n")));
    // The sample's line count follows today's date: checked apart.
    let empty = Env::empty();
    for (action, said) in [("load", "已载入示例数据："), ("remove", "已移除示例数据：")]
    {
        let (code, out, err) = empty.run(&["--lang", "zh-CN", "sample", action]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.starts_with(said) && out.contains("笔账目（账户“Sample card (demo data)”）。"),
            "{out}"
        );
    }
}

#[test]
fn library_errors_speak_chinese_with_the_library_words_as_detail() {
    let env = Env::empty();
    // A page of the Admin API cut off mid-list.
    let cut = env.path("costs_cut.json");
    std::fs::write(
        &cut,
        "{\"object\": \"page\", \"data\": [\n  {\"amount\": 1},\n",
    )
    .expect("write the cut page");
    let cut = cut.to_string_lossy().into_owned();
    let cases: &[(&str, &[&str])] = &[
        // serde_json
        (&cut, &["--format", "openai-admin-json"]),
        // quick-xml
        ("tests/fixtures/hostile/camt_mismatched_end_tag.xml", &[]),
        // calamine
        (
            "tests/fixtures/hostile/xlsx_workbook_without_sheets.xlsx",
            &[],
        ),
        // zip
        (
            "tests/fixtures/hostile/xlsx_zip_signature_then_junk.xlsx",
            &["--format", "wechat-pay-xlsx"],
        ),
    ];
    let mut zh = String::new();
    for (file, extra) in cases {
        let mut args = vec!["--lang", "zh-CN", "import", file];
        args.extend(*extra);
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{file}: {err}");
        zh.push_str(&err);
        // --json: the library's own words travel as the detail.
        args.push("--json");
        let (_, _, err) = env.run(&args);
        let v: serde_json::Value = serde_json::from_str(err.trim()).unwrap_or_default();
        assert!(
            err.contains("\"detail\""),
            "{file}: no library detail in {v}"
        );
    }
    let tmp = env.dir.path().to_string_lossy().into_owned();
    insta::assert_snapshot!("library_errors_zh_cn", zh.replace(&tmp, "<tmp>"));
}

/// Bad input of every kind, refused in Chinese: a command line the parser
/// refuses, a value the core refuses, an id that is not there, a file that
/// is not there. Each exits 2 and carries no English sentence (file names,
/// codes and the operating system's own words in brackets aside).
#[test]
fn bad_input_is_refused_in_chinese() {
    let env = Env::with_files(&[JAN]);
    let cases: &[&[&str]] = &[
        &["summary", "--from", "2025-02-30"],
        &["usage", "--by", "nope"],
        &["reconcile", "--from", "x"],
        &["subs", "cancel"],
        &["subs", "add", "--vendor", "x", "--amount", "3"],
        &["summary", "--month", "2025-13"],
        &["rules", "add", "--contains", " ", "--class", "ai-api"],
        &[
            "rules",
            "add",
            "--contains",
            "x",
            "--class",
            "everyday",
            "--vendor",
            "openai",
        ],
        &[
            "subs",
            "add",
            "--vendor",
            " ",
            "--amount",
            "10",
            "--since",
            "2025-01-01",
            "--cadence",
            "monthly",
        ],
        &["tag", "add", "--ids", "1", "a,b"],
        &[
            "credits",
            "grant",
            "--provider",
            "openai",
            "--amount",
            "5",
            "--on",
            "2025-01-05",
            "--expires",
            "2025-01-01",
        ],
        &[
            "budget",
            "set",
            "--provider",
            "openai",
            "--amount",
            "10",
            "--period",
            "2025-01-01..x",
        ],
        &["budget", "set", "--class", "bogus", "--amount", "10"],
        &["budget", "remove", "99"],
        &["undo-import", "999"],
        &["import", "tests/fixtures/no-such-file.csv"],
        // A folder is not a file; the refusal says how a folder of logs is read.
        &["import", "."],
    ];
    for args in cases {
        let mut all = vec!["--lang", "zh-CN"];
        all.extend_from_slice(args);
        let (code, _, err) = env.run(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.starts_with("aispend: "), "{args:?}: {err}");
        assert!(
            err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{args:?}: {err}"
        );
        for english in [
            "error:", " is not ", "expected", "unknown", "the ", "For more",
        ] {
            assert!(!err.contains(english), "{args:?}: {english:?} in {err}");
        }
    }
    // The valid values clap lists are joined as Chinese joins a list.
    let (code, _, err) = env.run(&["--lang", "zh-CN", "usage", "--by", "nope"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("应为以下之一："), "{err}");
    assert!(err.contains("、"), "{err}");
    assert!(!err.contains(", "), "{err}");
    // English keeps the parser's own words.
    let (code, _, err) = env.run(&["summary", "--from", "2025-02-30"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: invalid value '2025-02-30'"),
        "{err}"
    );
}

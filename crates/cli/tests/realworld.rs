//! The realworld corpus: files written in the layouts banks, wallets and AI
//! providers really export (their envelopes, odd lines, shared ids, refunds,
//! CDATA, preambles), each imported through the CLI into an empty ledger and
//! checked against the expectation written beside it.
//!
//! `tests/fixtures/realworld/<format>/<file>` has `<file>.expect.toml`:
//!
//! ```toml
//! format = "alipay-csv"      # detected format id
//! added = 12                 # counts of the import summary
//! duplicates = 0
//! rejected = 0
//! notices = ["reused_source_ids"]   # exactly these notice codes (none if omitted)
//! args = ["--currency", "EUR"]      # extra import arguments (optional)
//! [[total]]                  # `summary --json` totals: every non-zero (class, currency)
//! class = "everyday"
//! currency = "CNY"
//! amount = "-123.45"
//! [[line]]                   # the first `txns --json` row whose description contains `match`
//! match = "ChatGPT Plus"
//! class = "ai-subscription"  # each key optional
//! vendor = "openai"
//! amount = "-145.00"
//! status = "posted"
//! original_amount = ""       # "" = the line has none
//! ```
//!
//! A file that must be refused says `exit = 2` and `error = [...]`, strings
//! stderr must contain; the ledger must then hold no batch and no line.
//!
//! Every file is checked, and every failure is reported together at the end,
//! so one run shows the whole corpus's state.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{root, Env};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    format: Option<String>,
    added: Option<u64>,
    duplicates: Option<u64>,
    rejected: Option<u64>,
    notices: Option<Vec<String>>,
    #[serde(default)]
    args: Vec<String>,
    exit: Option<i32>,
    #[serde(default)]
    error: Vec<String>,
    #[serde(default)]
    total: Vec<Total>,
    #[serde(default)]
    line: Vec<LineExpect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Total {
    class: String,
    currency: String,
    amount: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineExpect {
    #[serde(rename = "match")]
    needle: String,
    class: Option<String>,
    vendor: Option<String>,
    amount: Option<String>,
    currency: Option<String>,
    status: Option<String>,
    original_amount: Option<String>,
    original_currency: Option<String>,
}

/// Every corpus file (a file with an `.expect.toml` beside it), sorted.
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
                continue;
            }
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Some(data) = name.strip_suffix(".expect.toml") {
                out.push((p.with_file_name(data), p.clone()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("tests/fixtures/realworld"), &mut out);
    out.sort();
    out
}

fn json(s: &str, what: &str) -> Result<Value, String> {
    serde_json::from_str(s).map_err(|e| format!("{what} is not JSON ({e}): {s}"))
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| s.parse().ok())
}

fn same_amount(got: &Value, want: &str) -> bool {
    match (dec(got), want.parse::<Decimal>()) {
        (Some(g), Ok(w)) => g == w,
        _ => false,
    }
}

/// Checks one corpus file; every problem found, not just the first.
fn check(data: &Path, expect_path: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    let text = match std::fs::read_to_string(expect_path) {
        Ok(t) => t,
        Err(e) => return vec![format!("cannot read {}: {e}", expect_path.display())],
    };
    let want: Expect = match toml::from_str(&text) {
        Ok(w) => w,
        Err(e) => {
            return vec![format!(
                "{} is not a valid expectation: {e}",
                expect_path.display()
            )]
        }
    };
    if !data.is_file() && !data.is_dir() {
        return vec![format!(
            "{} has no data file beside it",
            expect_path.display()
        )];
    }
    let env = Env::empty();
    let file = data.to_string_lossy().into_owned();
    let mut args = vec!["import", file.as_str(), "--json"];
    args.extend(want.args.iter().map(String::as_str));
    let (code, out, err) = env.run(&args);
    // With --json an error is one JSON object; its text is `message`.
    let err = serde_json::from_str::<serde_json::Value>(err.trim())
        .ok()
        .and_then(|v| v["message"].as_str().map(str::to_owned))
        .unwrap_or(err);

    if let Some(exit) = want.exit {
        if code != exit {
            bad.push(format!("exit {code}, expected {exit}; stderr: {err}"));
        }
        for s in &want.error {
            if !err.contains(s.as_str()) {
                bad.push(format!("stderr lacks {s:?}: {err}"));
            }
        }
        let (_, imports, _) = env.run(&["imports", "--json"]);
        if json(&imports, "imports")
            .ok()
            .and_then(|v| v["imports"].as_array().map(|a| !a.is_empty()))
            .unwrap_or(true)
        {
            bad.push(format!("a refused file left a batch: {imports}"));
        }
        return bad;
    }
    if code != 0 {
        return vec![format!("import failed with exit {code}: {err}")];
    }
    let report = match json(&out, "import --json") {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let f = &report["files"][0];
    if let Some(format) = &want.format {
        if f["format"] != format.as_str() {
            bad.push(format!("format {}, expected {format}", f["format"]));
        }
    }
    for (key, want) in [
        ("added", want.added),
        ("duplicates", want.duplicates),
        ("rejected", want.rejected),
    ] {
        if let Some(n) = want {
            if f[key].as_u64() != Some(n) {
                bad.push(format!("{key} {}, expected {n}", f[key]));
            }
        }
    }
    let got_notices: BTreeSet<String> = f["notices"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|n| n["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let want_notices: BTreeSet<String> = want
        .notices
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    if got_notices != want_notices {
        bad.push(format!(
            "notices {got_notices:?}, expected {want_notices:?} ({})",
            f["notices"]
        ));
    }

    if !want.total.is_empty() {
        let (_, out, err) = env.run(&["summary", "--json"]);
        match json(&out, "summary --json") {
            Err(e) => bad.push(format!("{e} {err}")),
            Ok(s) => {
                let got: BTreeSet<(String, String, String)> = s["totals"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|t| dec(&t["amount"]).is_some_and(|a| !a.is_zero()))
                    .map(|t| {
                        (
                            t["class"].as_str().unwrap_or("").to_owned(),
                            t["currency"].as_str().unwrap_or("").to_owned(),
                            dec(&t["amount"])
                                .map(|d| d.normalize().to_string())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                let wanted: BTreeSet<(String, String, String)> = want
                    .total
                    .iter()
                    .map(|t| {
                        (
                            t.class.clone(),
                            t.currency.clone(),
                            t.amount
                                .parse::<Decimal>()
                                .map(|d| d.normalize().to_string())
                                .unwrap_or_else(|_| t.amount.clone()),
                        )
                    })
                    .collect();
                if got != wanted {
                    bad.push(format!("summary totals {got:?}, expected {wanted:?}"));
                }
            }
        }
    }

    if !want.line.is_empty() {
        let (_, out, err) = env.run(&["txns", "--json"]);
        match json(&out, "txns --json") {
            Err(e) => bad.push(format!("{e} {err}")),
            Ok(rows) => {
                let rows = rows.as_array().cloned().unwrap_or_default();
                for l in &want.line {
                    let Some(row) = rows.iter().find(|r| {
                        r["description"]
                            .as_str()
                            .is_some_and(|d| d.contains(l.needle.as_str()))
                    }) else {
                        bad.push(format!("no line whose description contains {:?}", l.needle));
                        continue;
                    };
                    let mut field = |key: &str, want: &Option<String>, money: bool| {
                        if let Some(w) = want {
                            let ok = if w.is_empty() {
                                row[key].is_null()
                            } else if money {
                                same_amount(&row[key], w)
                            } else {
                                row[key].as_str() == Some(w.as_str())
                            };
                            if !ok {
                                bad.push(format!(
                                    "line {:?}: {key} {}, expected {w}",
                                    l.needle, row[key]
                                ));
                            }
                        }
                    };
                    field("class", &l.class, false);
                    field("vendor", &l.vendor, false);
                    field("amount", &l.amount, true);
                    field("currency", &l.currency, false);
                    field("status", &l.status, false);
                    field("original_amount", &l.original_amount, true);
                    field("original_currency", &l.original_currency, false);
                }
            }
        }
    }
    bad
}

#[test]
fn every_realworld_file_imports_as_expected() {
    let files = corpus();
    let mut failures = Vec::new();
    for (data, expect) in &files {
        for problem in check(data, expect) {
            let rel = data.strip_prefix(root()).unwrap_or(data);
            failures.push(format!("{}: {problem}", rel.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert!(
        files.len() >= 20,
        "the realworld corpus has only {} files",
        files.len()
    );
}

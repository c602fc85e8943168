//! The OS keychain for real: `aispend keys` and `aispend sync` against a
//! Secret Service (GNOME Keyring in a private D-Bus session), and a scan of
//! everything the app wrote or printed for the planted key.
//!
//! It needs that session, so it runs only when `AISPEND_TEST_SECRET_SERVICE`
//! is set; `scripts/test.sh` has a step that starts the session and sets it:
//!
//! ```sh
//! XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- bash -c \
//!   'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!    AISPEND_TEST_SECRET_SERVICE=1 cargo test -p aispend --test keyring'
//! ```

mod common;
#[path = "../../core/tests/fake_api/mod.rs"]
mod fake_api;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::Env;
use fake_api::{FakeApi, Req, Resp};

const OPENAI_KEY: &str = "sk-admin-FAKE-TEST-KEY-PLANTED-openai";
const ANTHROPIC_KEY: &str = "sk-ant-admin01-FAKE-TEST-KEY-PLANTED-anthropic";
const PLANTED: &str = "PLANTED";
const OPENAI_CSV: &str = "tests/fixtures/openai/cost_2025-04-01_2025-04-04.csv";
const CHASE: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
/// 2025-04-01T00:00:00Z, the first day of the CSV export above.
const APR1: i64 = 1_743_465_600;

fn handler(req: &Req, _: usize) -> Resp {
    match (req.path.as_str(), req.param("page")) {
        ("/v1/organization/costs", None) => Resp::json(fake_api::openai_costs_page(
            &[
                (APR1, &[("gpt-4o-2024-08-06, input", "proj_a", "0.02")]),
                (APR1 + 86_400, &[]),
            ],
            Some("p2"),
        )),
        ("/v1/organization/costs", Some("p2")) => Resp::json(fake_api::openai_costs_page(
            &[(APR1 + 2 * 86_400, &[("gpt-4o, output", "proj_a", "1.5")])],
            None,
        )),
        ("/v1/organization/usage/completions", _) => {
            Resp::json(fake_api::openai_usage_page(&[(APR1, 100, 50)], None))
        }
        ("/v1/organizations/cost_report", _) => Resp::json(fake_api::anthropic_cost_page(
            &[(
                "2025-04-01",
                &[("Claude Sonnet 4 Usage - Output Tokens", "250")],
            )],
            None,
        )),
        ("/v1/organizations/usage_report/messages", _) => Resp::json(
            fake_api::anthropic_usage_page(&[("2025-04-01", 10, 20)], None),
        ),
        _ => Resp::status(404, r#"{"error":{"message":"no such endpoint"}}"#),
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every file under `dir` (ZIP members read out) that holds the key.
fn files_with_key(dir: &Path, found: &mut Vec<String>, scanned: &mut usize) {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files_with_key(&path, found, scanned);
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        *scanned += 1;
        if contains(&bytes, PLANTED) {
            found.push(path.display().to_string());
        }
        if bytes.starts_with(b"PK") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
            for i in 0..zip.len() {
                let mut member = zip.by_index(i).expect("member");
                let mut inner = Vec::new();
                member.read_to_end(&mut inner).expect("member bytes");
                *scanned += 1;
                if contains(&inner, PLANTED) {
                    found.push(format!("{}!{i}", path.display()));
                }
            }
        }
    }
}

#[test]
fn keys_and_sync_through_a_real_secret_service() {
    if std::env::var_os("AISPEND_TEST_SECRET_SERVICE").is_none() {
        eprintln!(
            "skipped: needs a Secret Service; scripts/test.sh runs it inside dbus-run-session \
             with AISPEND_TEST_SECRET_SERVICE=1"
        );
        return;
    }
    let api = FakeApi::start(handler);
    let env = Env::empty();
    let out = tempfile::tempdir().expect("out dir");
    let envs = [
        ("AISPEND_OPENAI_BASE_URL", api.url.as_str()),
        ("AISPEND_ANTHROPIC_BASE_URL", api.url.as_str()),
    ];
    let mut logs = String::new();
    let mut run = |args: &[&str], stdin: Option<&str>| {
        let (code, stdout, stderr) = env.run_with(args, &envs, stdin);
        logs.push_str(&stdout);
        logs.push_str(&stderr);
        (code, stdout, stderr)
    };

    // Nothing stored: sync is off and says how to turn it on.
    let (code, stdout, _) = run(&["keys", "status", "--json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(v["keys"][0]["stored"], false);
    let (code, _, err) = run(&["sync"], None);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("aispend keys set openai"), "{err}");
    assert_eq!(api.connection_count(), 0);

    // Stored from standard input, and really in the Secret Service.
    let (code, _, err) = run(&["keys", "set", "openai"], Some(&format!("{OPENAI_KEY}\n")));
    assert_eq!(code, 0, "{err}");
    let lookup = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "app.aispend.desktop",
            "username",
            "openai-admin-key",
        ])
        .output()
        .expect("secret-tool (libsecret-tools)");
    assert_eq!(String::from_utf8_lossy(&lookup.stdout).trim(), OPENAI_KEY);
    let (code, _, err) = run(&["keys", "set", "anthropic"], Some(ANTHROPIC_KEY));
    assert_eq!(code, 0, "{err}");
    let (_, stdout, _) = run(&["keys", "status"], None);
    assert!(stdout.contains("openai     Admin key stored"), "{stdout}");
    assert!(stdout.contains("anthropic  Admin key stored"), "{stdout}");

    // A CSV export of the same days first, then the sync: nothing twice.
    let (code, _, err) = run(&["import", OPENAI_CSV, CHASE], None);
    assert_eq!(code, 0, "{err}");
    let (code, stdout, err) = run(&["sync", "--from", "2025-04-01", "--json"], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let synced = v["synced"].as_array().expect("synced");
    assert_eq!(synced.len(), 4);
    assert_eq!(synced[0]["endpoint"], "costs");
    assert_eq!(synced[0]["pages"], 2);
    assert_eq!(synced[0]["added"], 2);
    let auth = api.requests_to("/v1/organization/costs")[0]
        .header("authorization")
        .map(str::to_owned);
    assert_eq!(
        auth.as_deref(),
        Some(format!("Bearer {OPENAI_KEY}").as_str())
    );
    let anthropic = api.requests_to("/v1/organizations/cost_report");
    assert_eq!(anthropic[0].header("x-api-key"), Some(ANTHROPIC_KEY));

    // Day 1 and day 3 now say what the API says; day 2 keeps... nothing (empty).
    let (_, stdout, _) = run(
        &[
            "costs",
            "--provider",
            "openai",
            "--from",
            "2025-04-01",
            "--to",
            "2025-04-01",
            "--json",
        ],
        None,
    );
    let rows: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let amounts: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["amount"].as_str())
        .collect();
    assert_eq!(amounts, ["0.02"], "the CSV's day 1 replaced, not added to");

    // A second run, in text: progress on stderr, nothing added.
    let (code, stdout, err) = run(&["sync", "--provider", "openai"], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("OpenAI costs: fetching page 2"), "{err}");
    assert!(stdout.contains("0 added"), "{stdout}");

    // Everything the app writes: exports, a reimbursement report, an evidence pack.
    let o = |name: &str| out.path().join(name).to_string_lossy().into_owned();
    for args in [
        vec!["export", "--format", "csv", "--out", &o("ledger.csv")],
        vec![
            "export",
            "--format",
            "beancount",
            "--out",
            &o("ledger.beancount"),
        ],
        vec![
            "export",
            "--format",
            "ledger",
            "--out",
            &o("ledger.journal"),
        ],
        vec!["costs", "--json"],
        vec!["imports", "--json"],
        vec!["sync", "--status", "--json"],
    ] {
        let (code, _, err) = run(&args, None);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, stdout, err) = run(
        &[
            "case",
            "new",
            "--title",
            "Missing top-up",
            "--provider",
            "openai",
            "--utc-offset",
            "+00:00",
            "--json",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let case: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let id = case["id"].as_i64().expect("id").to_string();
    let (code, _, err) = run(&["case", "export", &id, "--out", &o("pack.zip")], None);
    assert_eq!(code, 0, "{err}");

    // A key the provider refuses: the message names the key and the fix.
    let refusing = FakeApi::start(|req, _| {
        let echoed = req.header("authorization").unwrap_or_default().to_owned();
        Resp::status(
            401,
            format!(
                r#"{{"error":{{"message":"Incorrect API key provided: {echoed}.","code":"invalid_api_key"}}}}"#
            ),
        )
    });
    let (code, _, err) = env.run_with(
        &["sync", "--provider", "openai"],
        &[("AISPEND_OPENAI_BASE_URL", refusing.url.as_str())],
        None,
    );
    logs.push_str(&err);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("refused the OpenAI Admin key stored in the OS keychain"),
        "{err}"
    );
    assert!(err.contains("aispend keys set openai"), "{err}");

    // Removed: gone from the Secret Service, and sync for it is off again.
    let (code, stdout, _) = env.run_with(&["keys", "remove", "openai"], &[], None);
    assert_eq!(code, 0);
    assert!(stdout.contains("Removed the OpenAI Admin key"), "{stdout}");
    let lookup = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "app.aispend.desktop",
            "username",
            "openai-admin-key",
        ])
        .output()
        .expect("secret-tool");
    assert!(lookup.stdout.is_empty());
    let (code, _, err) = env.run_with(&["sync", "--provider", "openai"], &envs, None);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no OpenAI Admin key is stored"), "{err}");
    let (_, _, _) = env.run_with(&["keys", "remove", "anthropic"], &[], None);

    // The planted keys are nowhere: not in what was printed, not in the
    // ledger, its WAL or backups, not in any export or pack.
    assert!(
        !logs.contains(PLANTED),
        "printed output holds the key:\n{logs}"
    );
    let mut found = Vec::new();
    let mut scanned = 0;
    files_with_key(env.dir.path(), &mut found, &mut scanned);
    files_with_key(out.path(), &mut found, &mut scanned);
    assert!(scanned >= 6, "only {scanned} files scanned");
    assert!(found.is_empty(), "the key was written to: {found:?}");
}

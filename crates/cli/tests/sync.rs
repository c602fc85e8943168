//! `aispend keys` and `aispend sync` without a keychain, and the promise of
//! SPEC §8: with sync off the app opens no network connection. (The keychain
//! itself is tested against a real Secret Service in tests/keyring.rs.)

mod common;
#[path = "../../core/tests/fake_api/mod.rs"]
mod fake_api;

use std::path::Path;
use std::process::Command;

use common::{root, Env};
use fake_api::{FakeApi, Resp};

const CHASE: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const OPENAI_COSTS: &str = "tests/fixtures/openai/cost_2025-04-01_2025-04-04.csv";
const ANTHROPIC_COSTS: &str = "tests/fixtures/anthropic/cost_report_2026-11-01.json";

/// Every command that is not `sync` or `keys`, as a user would run them.
fn everyday_commands(out: &Path) -> Vec<Vec<String>> {
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    [
        vec!["import", CHASE, OPENAI_COSTS, ANTHROPIC_COSTS],
        vec!["imports"],
        vec!["txns"],
        vec!["costs"],
        vec!["costs", "--by", "project"],
        vec!["summary", "--month", "2026-01"],
        vec!["subs", "--as-of", "2026-02-01"],
        vec!["reconcile", "--as-of", "2026-02-01"],
        vec!["rules", "list"],
        vec!["sync", "--status"],
        vec!["export", "--format", "csv", "--out", &o("all.csv")],
        vec![
            "export",
            "--format",
            "beancount",
            "--out",
            &o("all.beancount"),
        ],
        vec![
            "topup",
            "diagnose",
            "--facts",
            "tests/fixtures/topup/bank_pending_no_record.json",
        ],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(str::to_owned).collect())
    .collect()
}

#[test]
fn with_sync_off_no_command_connects_to_the_providers() {
    // The providers' base URLs point at a listener here: any request any
    // other command made would arrive at it.
    let api = FakeApi::start(|_, _| Resp::json(r#"{"data":[],"has_more":false}"#));
    let env = Env::empty();
    let envs = [
        ("AISPEND_OPENAI_BASE_URL", api.url.as_str()),
        ("AISPEND_ANTHROPIC_BASE_URL", api.url.as_str()),
    ];
    for args in everyday_commands(env.dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = env.run_with(&args, &envs, None);
        assert!(code == 0 || args[0] == "topup", "{args:?}: {err}");
    }
    assert_eq!(api.connection_count(), 0);
}

/// Whether `strace` can trace here (it is in scripts/install-system-deps.sh;
/// some containers forbid ptrace).
fn strace_works() -> bool {
    Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=none", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The socket families a process tree opened, from `strace -e trace=network`.
fn sockets_opened(trace: &str) -> Vec<String> {
    trace
        .lines()
        .filter(|l| l.contains("socket(") || l.contains("connect("))
        .map(str::to_owned)
        .collect()
}

#[test]
fn with_sync_off_no_command_opens_an_internet_socket() {
    if !strace_works() {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace is needed for this test in CI (scripts/install-system-deps.sh)"
        );
        eprintln!("strace cannot trace here; skipped");
        return;
    }
    let env = Env::empty();
    let bin = assert_cmd::cargo::cargo_bin("aispend");
    let db = env.dir.path().join("ledger.sqlite");
    let trace = env.dir.path().join("trace.txt");
    let run_traced = |args: &[String]| {
        let status = Command::new("strace")
            .arg("-f")
            .arg("-qq")
            .args(["-e", "trace=network", "-o"])
            .arg(&trace)
            .arg(&bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .current_dir(root())
            .env_remove("AISPEND_DB")
            .output()
            .expect("strace");
        (
            status.status,
            std::fs::read_to_string(&trace).expect("trace"),
        )
    };
    // The tracer sees a connection when there is one.
    let control = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=network", "-o"])
        .arg(&trace)
        .args(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"])
        .output()
        .expect("strace control");
    assert!(control.status.success());
    let seen = std::fs::read_to_string(&trace).expect("trace");
    assert!(
        sockets_opened(&seen).iter().any(|l| l.contains("AF_INET")),
        "strace saw no socket in the control run:\n{seen}"
    );
    for args in everyday_commands(env.dir.path()) {
        let (status, seen) = run_traced(&args);
        assert!(
            status.success() || args[0] == "topup",
            "{args:?} failed under strace"
        );
        let opened = sockets_opened(&seen);
        assert!(
            opened.is_empty(),
            "`aispend {}` opened sockets:\n{}",
            args.join(" "),
            opened.join("\n")
        );
    }
}

/// Only the sync module may name an HTTP or socket library: a new network
/// call anywhere else fails here.
#[test]
fn only_the_sync_module_talks_to_the_network() {
    const NETWORK: &[&str] = &[
        "reqwest",
        "hyper::",
        "hyper_",
        "ureq",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "tokio::net",
        "std::net",
        "tauri_plugin_http",
    ];
    let repo = root();
    let mut offenders = Vec::new();
    let mut checked = 0;
    for dir in ["crates/core/src", "crates/cli/src", "src-tauri/src"] {
        let mut stack = vec![repo.join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                checked += 1;
                let rel = path
                    .strip_prefix(&repo)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel.starts_with("crates/core/src/sync/") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read");
                for word in NETWORK {
                    if text.contains(word) {
                        offenders.push(format!("{rel}: {word}"));
                    }
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} files checked");
    assert!(
        offenders.is_empty(),
        "network code outside crates/core/src/sync: {offenders:?}"
    );
    // ...and the sync module does use it (so the words above are the right ones).
    let sync = std::fs::read_to_string(repo.join("crates/core/src/sync/mod.rs")).expect("sync");
    assert!(sync.contains("reqwest::Client::builder()"));
    // The manifests keep TLS to rustls: no native-tls or OpenSSL.
    let lock = std::fs::read_to_string(repo.join("Cargo.lock")).expect("lock");
    for banned in [
        "name = \"native-tls\"",
        "name = \"openssl\"",
        "name = \"openssl-sys\"",
    ] {
        assert!(!lock.contains(banned), "Cargo.lock has {banned}");
    }
}

#[test]
fn keys_are_never_taken_from_the_command_line() {
    let env = Env::empty();
    let (code, _, err) = env.run(&["keys", "set", "openai", "sk-admin-FROMARGV0123456789"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unexpected argument"), "{err}");
}

#[test]
fn a_wrong_kind_of_key_is_refused_before_the_keychain_and_not_echoed() {
    let env = Env::empty();
    for (provider, input, says) in [
        (
            "openai",
            "sk-proj-NOTANADMINKEY0123456789\n",
            "does not start with sk-admin-",
        ),
        (
            "anthropic",
            "sk-ant-api03-NOTANADMINKEY012345\n",
            "does not start with sk-ant-admin",
        ),
        ("openai", "\n", "nothing was entered"),
    ] {
        let (code, out, err) = env.run_with(&["keys", "set", provider], &[], Some(input));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{err}");
        assert!(
            !err.contains("NOTANADMINKEY") && !out.contains("NOTANADMINKEY"),
            "{err}"
        );
    }
    // In the user's language, reason and all.
    let (code, _, err) = env.run_with(
        &["--lang", "zh-CN", "keys", "set", "openai"],
        &[],
        Some("sk-ant-admin01-NOTANADMINKEY0123\n"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("这不是OpenAI Admin 密钥（sk-admin-...）：它看起来是 Anthropic 的密钥"),
        "{err}"
    );
    // `keys` never opens (or creates) the ledger.
    assert!(!env.dir.path().join("ledger.sqlite").exists());
}

#[test]
fn sync_status_lists_every_endpoint() {
    let env = Env::empty();
    let v = env.json(&["sync", "--status", "--json"]);
    let rows = v["sync"].as_array().expect("rows");
    let ids: Vec<_> = rows
        .iter()
        .map(|r| {
            format!(
                "{}/{}",
                r["provider"].as_str().unwrap_or("?"),
                r["endpoint"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            "openai/costs",
            "openai/usage-completions",
            "anthropic/cost-report",
            "anthropic/usage-messages"
        ]
    );
    assert!(rows.iter().all(|r| r["synced_through"].is_null()));
}

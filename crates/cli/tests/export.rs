//! Reimbursement reports and ledger exports end to end: golden CSV and PDF
//! text, the real accounting tools (`bean-check`, `hledger check`), CSV
//! injection, and reimbursed marks that survive undo and re-import.
//!
//! The real tools and `pdftotext` are installed by
//! `scripts/install-system-deps.sh`, which `scripts/test.sh` (CI) runs first.
//! A missing tool FAILS these tests: it is never a reason to skip.

use std::path::PathBuf;
use std::process::Command as Proc;

use serde_json::Value;

const CHASE_JAN: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const N26: &str = "tests/fixtures/n26/n26-csv-transactions.csv";
const MONZO: &str = "tests/fixtures/monzo/MonzoDataExport_01Apr2026-30Apr2026.csv";
const HOSTILE: &str = "tests/fixtures/exports/Chase9999_hostile.CSV";
const NOW: &str = "2026-06-30T12:00:00Z";

mod common;
use common::Env;

impl Env {
    /// A ledger with Chase (USD), N26 (EUR billed, USD original), Monzo (GBP,
    /// USD and EUR originals, a refund) and the hostile descriptions; some
    /// lines billed to client Acme, with receipts.
    fn new() -> Self {
        let env = Env::empty();
        for f in [CHASE_JAN, N26, MONZO, HOSTILE] {
            env.ok(&["import", f]);
        }
        for vendor in ["openai", "anthropic", "midjourney"] {
            env.ok(&[
                "tag",
                "add",
                "client:Acme",
                "--vendor",
                vendor,
                "--from",
                "2026-01-01",
                "--to",
                "2026-05-31",
            ]);
        }
        let cafe = env.id_of("Café Lumière");
        let link = env.id_of("=HYPERLINK(\"http://evil.example\",\"click\")");
        env.ok(&[
            "tag",
            "add",
            "client:acme",
            "--ids",
            &format!("{cafe},{link}"),
        ]);
        env.ok(&["tag", "add", "project:Chatbot", "--ids", &cafe.to_string()]);
        env.ok(&[
            "txns",
            "edit",
            &link.to_string(),
            "--note",
            "\tTAB-LED NOTE",
        ]);
        let receipt = env.dir.path().join("OpenAI invoice 2026-01.pdf");
        std::fs::write(&receipt, b"%PDF-1.4 receipt one\n").expect("receipt");
        let shot = env.dir.path().join("claude.PNG");
        std::fs::write(&shot, b"not really a png").expect("receipt");
        let chatgpt = env.id_of("OPENAI *CHATGPT SUBSCR");
        env.ok(&[
            "receipt",
            "attach",
            &chatgpt.to_string(),
            receipt.to_str().expect("utf8"),
        ]);
        env.ok(&[
            "receipt",
            "attach",
            &chatgpt.to_string(),
            shot.to_str().expect("utf8"),
        ]);
        let claude = env.id_of("CLAUDE.AI SUBSCRIPTION");
        env.ok(&[
            "receipt",
            "attach",
            &claude.to_string(),
            shot.to_str().expect("utf8"),
        ]);
        env
    }

    /// The first line (oldest id) with this description.
    fn id_of(&self, description: &str) -> i64 {
        let rows = self.json_cmd(&["txns"]);
        rows.as_array()
            .expect("rows")
            .iter()
            .filter(|t| t["description"] == description)
            .filter_map(|t| t["id"].as_i64())
            .min()
            .unwrap_or_else(|| panic!("no line {description:?}"))
    }

    fn report(&self, file: &str, extra: &[&str]) -> PathBuf {
        let out = self.path(file);
        let mut args = vec![
            "report",
            "reimbursement",
            "--client",
            "ACME",
            "--from",
            "2026-01-01",
            "--to",
            "2026-05-31",
            "--out",
            out.to_str().expect("utf8"),
            "--now",
            NOW,
        ];
        args.extend_from_slice(extra);
        self.ok(&args);
        out
    }

    fn export(&self, format: &str, file: &str) -> (PathBuf, String) {
        let out = self.path(file);
        self.ok(&[
            "export",
            "--format",
            format,
            "--out",
            out.to_str().expect("utf8"),
        ]);
        let text = std::fs::read_to_string(&out).expect("export");
        (out, text)
    }
}

/// Runs a real tool; a missing tool fails the test with how to install it.
fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Proc::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is not installed ({e}); run scripts/install-system-deps.sh (apt: hledger beancount poppler-utils)")
    });
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The temp folder's path, which differs per run, out of a text.
fn scrub(env: &Env, text: &str) -> String {
    text.replace(&env.dir.path().display().to_string(), "[TMP]")
}

#[test]
fn reimbursement_csv_golden() {
    let env = Env::new();
    let out = env.report("acme.csv", &["--rate", "GBP=1.27"]);
    let bytes = std::fs::read(&out).expect("csv");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.ends_with("\r\n"), "RFC 4180: CRLF line ends");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    // The hostile description is shown, not evaluated; numbers stay numbers.
    assert!(text.contains(r#"'=HYPERLINK(""http://evil.example"",""click"")"#));
    assert!(
        !text.contains("'-"),
        "amounts are never neutralised:\n{text}"
    );
    insta::assert_snapshot!("reimbursement_csv", text.replace("\r\n", "\n"));

    // The receipts ZIP: named files and a manifest with their SHA-256.
    let zip = env.path("acme.receipts.zip");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).expect("zip")).expect("a zip");
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()).expect("entry name"))
        .collect();
    names.sort();
    insta::assert_debug_snapshot!("reimbursement_zip_names", names);
    let mut manifest = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("manifest.json").expect("manifest"),
        &mut manifest,
    )
    .expect("read manifest");
    insta::assert_snapshot!("reimbursement_zip_manifest", manifest);
}

#[test]
fn reimbursement_pdf_text_golden() {
    let env = Env::new();
    let pdf = env.report("acme.pdf", &[]);
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let (ok, text) = tool("pdftotext", &["-layout", pdf.to_str().expect("utf8"), "-"]);
    assert!(ok, "pdftotext failed: {text}");
    let trimmed: String = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("reimbursement_pdf_text", trimmed.trim_end());
    // The same request gives the same bytes.
    let again = env.report("again.pdf", &[]);
    assert_eq!(
        std::fs::read(again).expect("pdf"),
        bytes,
        "deterministic PDF"
    );
}

#[test]
fn long_reports_run_over_several_pages() {
    let env = Env::new();
    env.ok(&[
        "tag",
        "add",
        "client:Acme",
        "--from",
        "2026-01-01",
        "--to",
        "2026-05-31",
    ]);
    // 44 lines: more than one page of rows; the subtotals and totals
    // the receipt list runs onto a third, and the three receipts' pages
    // after it count in the numbering too.
    let pdf = env.report("all.pdf", &["--rate", "GBP=1.27", "--rate", "EUR=1.08"]);
    let (ok, text) = tool("pdftotext", &[pdf.to_str().expect("utf8"), "-"]);
    assert!(ok, "{text}");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages[..3].concat().contains("Subtotals"), "{text}");
    assert!(pages[2].contains("(continued)"), "{}", pages[2]);
    assert!(pages[3].contains("Receipt for line"), "{}", pages[3]);
    for n in 1..=6 {
        assert!(text.contains(&format!("page {n} of 6")), "{text}");
    }
    assert!(text.contains("Subtotals"), "{text}");
    assert!(text.contains("(continued)"));
    assert_eq!(
        text.matches("Description").count(),
        2,
        "header on each page"
    );
}

#[test]
fn reimbursed_marks_show_and_survive_undo_and_reimport() {
    let env = Env::new();
    let out = env.ok(&[
        "reimbursed",
        "mark",
        "--client",
        "acme",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--on",
        "2026-02-10",
    ]);
    assert!(out.contains("Marked 6 of 6 lines"), "{out}");
    let report = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "reimbursement",
            "--client",
            "Acme",
            "--from",
            "2026-01-01",
            "--to",
            "2026-05-31",
            "--now",
            NOW,
        ];
        let out = env.path("r.csv");
        args.extend_from_slice(&["--out", out.to_str().expect("utf8")]);
        args.extend_from_slice(extra);
        env.json_cmd(&args)["report"].clone()
    };
    let all = report(&[]);
    let lines = all["lines"].as_array().expect("lines");
    let marked: Vec<&Value> = lines
        .iter()
        .filter(|l| l["reimbursed_on"] == "2026-02-10")
        .collect();
    assert_eq!(marked.len(), 6);
    assert!(marked
        .iter()
        .all(|l| l["date"].as_str() < Some("2026-02-01")));
    let outstanding = report(&["--outstanding"]);
    assert_eq!(
        outstanding["lines"].as_array().expect("lines").len(),
        lines.len() - 6
    );

    // Undo the Chase January batch and import it again: tags, receipts and
    // marks come back with the lines (new ids, same identity).
    let batches = env.json_cmd(&["imports"]);
    let chase = batches["imports"]
        .as_array()
        .expect("batches")
        .iter()
        .find(|b| b["account"] == "Chase card ending 1234")
        .and_then(|b| b["batch_id"].as_i64())
        .expect("chase batch");
    env.ok(&["undo-import", &chase.to_string()]);
    let during = report(&[]);
    assert!(during["lines"].as_array().expect("lines").len() < lines.len());
    env.ok(&["import", CHASE_JAN]);
    let after = report(&[]);
    let strip = |r: &Value| -> Vec<(Value, Value, Value, usize)> {
        r["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .map(|l| {
                (
                    l["date"].clone(),
                    l["description"].clone(),
                    l["reimbursed_on"].clone(),
                    l["receipts"].as_array().map_or(0, Vec::len),
                )
            })
            .collect()
    };
    assert_eq!(strip(&after), strip(&all));
    assert_ne!(after["lines"][0]["txn_id"], all["lines"][0]["txn_id"]);

    // Unmark takes the marks off again.
    env.ok(&[
        "reimbursed",
        "unmark",
        "--client",
        "acme",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
    ]);
    let none = report(&[]);
    assert!(none["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .all(|l| l["reimbursed_on"].is_null()));
}

#[test]
fn beancount_export_passes_bean_check() {
    let env = Env::new();
    let (path, text) = env.export("beancount", "ledger.beancount");
    let (ok, out) = tool("bean-check", &[path.to_str().expect("utf8")]);
    assert!(ok, "bean-check rejected the export:\n{out}\n{text}");
    insta::assert_snapshot!("export_beancount", text);
}

#[test]
fn hledger_export_passes_hledger_check() {
    let env = Env::new();
    let (path, text) = env.export("ledger", "ledger.journal");
    let file = path.to_str().expect("utf8");
    // Default checks (parseable, balanced), then strict (accounts and
    // commodities declared).
    for args in [vec!["-f", file, "check"], vec!["-f", file, "check", "-s"]] {
        let (ok, out) = tool("hledger", &args);
        assert!(ok, "hledger {args:?} rejected the export:\n{out}\n{text}");
    }
    // hledger reads the amounts back: Acme's expense lines total as expected.
    let (ok, bal) = tool(
        "hledger",
        &["-f", file, "bal", "Liabilities:Card:Chase-9999", "-N"],
    );
    assert!(ok, "{bal}");
    assert!(bal.contains("-21.00 USD"), "{bal}");
    insta::assert_snapshot!("export_hledger", text);
}

#[test]
fn csv_export_neutralises_formulas_and_keeps_numbers() {
    let env = Env::new();
    let (_, text) = env.export("csv", "ledger.csv");
    assert!(text.contains(r#"'=HYPERLINK(""http://evil.example"",""click"")"#));
    assert!(text.contains(",'@SUM(A1:A9),"));
    assert!(text.contains(",'+cmd|' /C calc'!A0,"));
    assert!(text.contains(",'-2+3 MINUS SHOP,"));
    assert!(text.contains(",'\tTAB-LED NOTE,"));
    assert!(text.contains(",-20.00,USD,"), "amounts are plain numbers");
    assert!(text.ends_with("\r\n"));
    insta::assert_snapshot!("export_csv", text.replace("\r\n", "\n"));
}

#[test]
fn exports_are_deterministic() {
    let env = Env::new();
    for format in ["csv", "beancount", "ledger"] {
        let (_, a) = env.export(format, "a.out");
        let (_, b) = env.export(format, "b.out");
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn bad_input_exits_2_with_a_reason() {
    let env = Env::new();
    let out = env.path("x.txt");
    let out = out.to_str().expect("utf8");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "report",
                "reimbursement",
                "--client",
                "Acme",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-31",
                "--out",
                out,
            ],
            "end it in .csv or .pdf",
        ),
        (
            vec![
                "report",
                "reimbursement",
                "--client",
                "Acme",
                "--from",
                "2026-02-01",
                "--to",
                "2026-01-31",
                "--out",
                "x.csv",
            ],
            "the period is backwards",
        ),
        (
            vec![
                "report",
                "reimbursement",
                "--client",
                "Acme",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-31",
                "--out",
                "x.csv",
                "--rate",
                "EUR",
            ],
            "is not CUR=RATE",
        ),
        (vec!["tag", "add", "client:", "--ids", "1"], "names no one"),
        (
            vec!["tag", "add", "x", "--ids", "99999"],
            "there is no transaction 99999",
        ),
        (
            vec!["receipt", "attach", "1", "/nonexistent/receipt.pdf"],
            "cannot read the receipt",
        ),
        (
            vec!["receipt", "remove", "424242"],
            "there is no receipt 424242",
        ),
    ];
    for (args, want) in cases {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let (code, _, err) = env.run(&["export", "--format", "xlsx", "--out", "x"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        scrub(&env, &err).contains("use csv, beancount or ledger"),
        "{err}"
    );
}

#[test]
fn a_sender_too_long_for_the_report_is_refused_and_the_pdf_speaks_the_users_language() {
    let env = Env::new();
    let out = env.path("acme.pdf");
    let args = |sender: &str| -> Vec<String> {
        [
            "report",
            "reimbursement",
            "--client",
            "ACME",
            "--from",
            "2026-01-01",
            "--to",
            "2026-05-31",
            "--out",
            out.to_str().expect("utf8"),
            "--now",
            NOW,
            "--sender",
            sender,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    // Seven lines: the core's check (the same as the app's Settings) names
    // the field; nothing is saved and no file is written.
    let seven = "Jo\\n1\\n2\\n3\\n4\\n5\\n6";
    let a = args(seven);
    let refs: Vec<&str> = a.iter().map(String::as_str).collect();
    let (code, _, err) = env.run(&refs);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Your name and address has 7 lines; the report has room for 6"),
        "{err}"
    );
    assert!(!out.exists());
    let (code, _, err) = env.run_with(&refs, &[("LANG", "zh_CN.UTF-8")], None);
    assert_eq!(code, 2);
    assert!(err.contains("你的姓名和地址有 7 行"), "{err}");

    // A good sender, and the report in Chinese under a Chinese locale.
    let a = args("Jo Freelance\\nRua Nova 1, Lisboa");
    let refs: Vec<&str> = a.iter().map(String::as_str).collect();
    let (code, _, err) = env.run_with(&refs, &[("LANG", "zh_CN.UTF-8")], None);
    assert_eq!(code, 0, "{err}");
    let (ok, text) = tool("pdftotext", &[out.to_str().expect("utf8"), "-"]);
    assert!(ok, "{text}");
    assert!(text.contains("报销报告 R-0001"), "{text}");
    assert!(
        text.contains("发件人：Jo Freelance, Rua Nova 1, Lisboa"),
        "{text}"
    );
    assert!(text.contains("期间：2026-01-01 至 2026-05-31"), "{text}");
}

#[test]
fn a_failed_write_says_what_failed_in_the_readers_language() {
    let env = Env::empty();
    env.ok(&["import", CHASE_JAN]);
    let out = env.path("no-such-folder").join("spend.csv");
    let out = out.to_str().expect("utf8");
    let args = ["export", "--format", "csv", "--out", out];
    let (code, _, err) = env.run(&[&["--lang", "zh-CN"], &args[..]].concat());
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("无法写入"), "{err}");
    assert!(err.contains("要写入的文件夹不存在"), "{err}");
    assert!(err.contains("spend.csv"), "{err}");
    assert!(!err.contains("读取"), "a write is not a read: {err}");
    // English keeps the operating system's own words after the file.
    let (_, _, en) = env.run(&[&["--lang", "en"], &args[..]].concat());
    assert!(en.contains("could not write"), "{en}");
    assert!(!en.contains("要写入"), "{en}");
}

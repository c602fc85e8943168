//! A hostile corpus (`tests/fixtures/hostile/`, plus large cases generated
//! here) and no-panic properties: every bad input is refused with a
//! `FILE:LINE` error that says what was expected, the ledger is left exactly
//! as it was, and nothing panics, auto-detected or forced to any format.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use aispend_core::import::{
    format_ids, import_file, import_reader, ImportError, ImportOptions, ImportOutcome,
};
use aispend_core::ledger::{BatchInfo, TxnFilter, TxnRow};
use aispend_core::Ledger;
use proptest::prelude::*;

const BASE: &str = "chase/Chase1234_Activity20260101_20260131_20260203.CSV";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A ledger that already holds the January Chase statement.
fn base_ledger() -> Ledger {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixtures().join(BASE),
        &ImportOptions::default(),
    )
    .expect("base statement");
    ledger
}

type State = (Vec<TxnRow>, Vec<BatchInfo>);

/// What a refused import must leave as it was. The batches' import times
/// are left out: after an accepted case the base ledger is rebuilt, and its
/// batch may be stamped a second later than the one `before` was read from.
fn state(ledger: &Ledger) -> State {
    (
        ledger.transactions(&TxnFilter::default()).expect("txns"),
        aispend_core::batches::history(ledger)
            .expect("batches")
            .into_iter()
            .map(|b| BatchInfo {
                imported_at: String::new(),
                ..b
            })
            .collect(),
    )
}

/// `None` for auto-detection, then every format id.
fn formats() -> Vec<Option<&'static str>> {
    std::iter::once(None)
        .chain(format_ids().into_iter().map(Some))
        .collect()
}

/// One import of `bytes` named `name`, forced to `format` or detected. A
/// panic is caught and reported as `Err` naming the case.
fn run(
    ledger: &mut Ledger,
    name: &str,
    bytes: &[u8],
    format: Option<&str>,
) -> Result<Result<ImportOutcome, ImportError>, String> {
    let opts = ImportOptions {
        format: format.map(str::to_owned),
        ..ImportOptions::default()
    };
    catch_unwind(AssertUnwindSafe(|| {
        import_reader(
            ledger,
            name,
            name,
            bytes,
            bytes.len() as u64,
            &opts,
            &mut |_| {},
        )
    }))
    .map_err(|p| {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        format!("{name} as {}: panicked: {msg}", format.unwrap_or("auto"))
    })
}

/// Files (and formats) that are legitimately readable: the import may
/// succeed. Anything else must be refused.
fn may_succeed(name: &str, format: Option<&str>) -> bool {
    let header_only =
        name.ends_with("header_only.CSV") && matches!(format, None | Some("chase-card-csv"));
    let zero = name.ends_with("amount_negative_zero.CSV")
        && matches!(format, None | Some("chase-card-csv"));
    // OFX skips a DOCTYPE unread and keeps `&name;` as written: nothing is
    // expanded, so the statement under it is readable.
    let unexpanded =
        name.ends_with("ofx_v2_external_entity.ofx") && matches!(format, None | Some("ofx"));
    header_only || zero || unexpanded
}

/// Checks one import against the rules; returns its snapshot line, or what
/// is wrong. On success the ledger is rebuilt so the next case starts from
/// the base.
fn check(
    ledger: &mut Ledger,
    before: &State,
    name: &str,
    bytes: &[u8],
    format: Option<&str>,
) -> Result<String, String> {
    let shown = format.unwrap_or("auto");
    match run(ledger, name, bytes, format)? {
        Err(ImportError::BadInput(bad)) => {
            let msg = bad.problem.to_string();
            if bad.line < 1 {
                return Err(format!("{name} as {shown}: line 0: {bad}"));
            }
            if !msg.contains("expected") {
                return Err(format!("{name} as {shown}: no \"expected\" in: {bad}"));
            }
            if !bad
                .to_string()
                .starts_with(&format!("{name}:{}: ", bad.line))
            {
                return Err(format!("{name} as {shown}: not FILE:LINE: {bad}"));
            }
            if &state(ledger) != before {
                return Err(format!("{name} as {shown}: ledger changed"));
            }
            Ok(format!("{shown}: {bad}"))
        }
        Err(other) => Err(format!(
            "{name} as {shown}: not a bad-input error: {other:?}"
        )),
        Ok(out) => {
            *ledger = base_ledger();
            if may_succeed(name, format) {
                Ok(format!("{shown}: ok, {} added", out.added))
            } else {
                Err(format!("{name} as {shown}: accepted ({} added)", out.added))
            }
        }
    }
}

/// Every format and auto-detection over one input; the snapshot lines.
fn check_all(
    name: &str,
    bytes: &[u8],
    formats: &[Option<&str>],
    failures: &mut Vec<String>,
) -> Vec<String> {
    let mut ledger = base_ledger();
    let before = state(&ledger);
    formats
        .iter()
        .map(|f| match check(&mut ledger, &before, name, bytes, *f) {
            Ok(line) => line,
            Err(failure) => {
                failures.push(failure.clone());
                format!("FAILED {failure}")
            }
        })
        .collect()
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = fixtures().join("hostile");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("hostile folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n != "README.md" && !n.ends_with(".py")
        })
        .map(|p| {
            let name = format!(
                "hostile/{}",
                p.file_name().and_then(|n| n.to_str()).expect("name")
            );
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    files.sort();
    files
}

const CHASE_HEADER: &str = "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n";
const CHASE_ROW: &str = "01/30/2026,01/31/2026,OPENAI *CHATGPT SUBSCR,Shopping,Sale,-20.00,\n";

/// Large inputs, made here rather than committed.
fn generated() -> Vec<(String, Vec<u8>, bool)> {
    let mb = 1 << 20;
    let mut cases: Vec<(String, Vec<u8>, bool)> = Vec::new();
    // (name, bytes, every format: false means auto and a few formats only)
    let mut line_10mb = CHASE_HEADER.as_bytes().to_vec();
    line_10mb.extend_from_slice(b"01/30/2026,01/31/2026,");
    line_10mb.resize(line_10mb.len() + 10 * mb, b'A');
    line_10mb.extend_from_slice(b",Shopping,Sale,-20.00\n");
    cases.push(("gen/chase_10mb_line_short_row".into(), line_10mb, false));

    let mut header_10mb = vec![b'x'; 10 * mb];
    header_10mb.push(b'\n');
    cases.push(("gen/10mb_first_line".into(), header_10mb, false));

    let mut two_mb = CHASE_HEADER.as_bytes().to_vec();
    two_mb.extend_from_slice(CHASE_ROW.as_bytes());
    two_mb.extend(std::iter::repeat_n(b'9', 2 * mb));
    cases.push(("gen/chase_2mb_line_no_newline".into(), two_mb, true));

    let mut ofx_2mb = b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<NAME>".to_vec();
    ofx_2mb.resize(ofx_2mb.len() + 2 * mb, b'N');
    cases.push(("gen/ofx_2mb_tag_text".into(), ofx_2mb, true));

    let mut ofx_tag = b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<".to_vec();
    ofx_tag.resize(ofx_tag.len() + 2 * mb, b'T');
    cases.push(("gen/ofx_2mb_tag_name".into(), ofx_tag, true));

    let deep = |open: &str, n: usize| {
        let mut v = br#"<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>"#.to_vec();
        for _ in 0..n {
            v.extend_from_slice(open.as_bytes());
        }
        v
    };
    cases.push(("gen/camt_nested_100k".into(), deep("<Stmt>", 100_000), true));
    cases.push((
        "gen/camt_nested_100k_lines".into(),
        deep("<Ntry>\n", 100_000),
        true,
    ));

    let mut ofx_deep = b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n".to_vec();
    for _ in 0..100_000 {
        ofx_deep.extend_from_slice(b"<BANKMSGSRSV1>");
    }
    cases.push(("gen/ofx_nested_100k".into(), ofx_deep, true));

    // Invalid UTF-8 past the head the encoding is sniffed from.
    let mut late = CHASE_HEADER.as_bytes().to_vec();
    while late.len() < 600 * 1024 {
        late.extend_from_slice(CHASE_ROW.as_bytes());
    }
    late.extend_from_slice(b"01/29/2026,01/30/2026,CAF\xc9 \xff\xfe,Shopping,Sale,-4.00,\n");
    cases.push(("gen/chase_invalid_utf8_after_600k".into(), late, false));

    let mut qif_long = b"!Type:Bank\nD03/22/2026\nP".to_vec();
    qif_long.resize(qif_long.len() + 2 * mb, b'P');
    qif_long.extend_from_slice(b"\nT-1e400\n^\n");
    cases.push(("gen/qif_2mb_payee_bad_amount".into(), qif_long, true));

    // A zip bomb named .xlsx: a "sheet" of 50 MB of zeros deflated to about
    // 50 KB. The importer checks the container before calamine opens it.
    cases.push(("gen/zip_bomb.xlsx".into(), zip_bomb_xlsx(50 * mb), true));
    cases
}

/// A workbook-shaped ZIP whose sheet is `size` zero bytes.
fn zip_bomb_xlsx(size: usize) -> Vec<u8> {
    use std::io::Write;
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in [
        ("[Content_Types].xml", b"<Types/>".to_vec()),
        ("xl/workbook.xml", b"<workbook/>".to_vec()),
        ("xl/worksheets/sheet1.xml", vec![0u8; size]),
    ] {
        z.start_file(name, opts).expect("start");
        z.write_all(&bytes).expect("write");
    }
    z.finish().expect("finish").into_inner()
}

#[test]
fn hostile_corpus_is_refused_with_file_line_errors() {
    let all = formats();
    let files = corpus();
    assert!(files.len() >= 40, "{} files", files.len());
    let mut report = String::new();
    let mut failures = Vec::new();
    for (name, bytes) in &files {
        report.push_str(&format!("== {name}\n"));
        for line in check_all(name, bytes, &all, &mut failures) {
            report.push_str(&line);
            report.push('\n');
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::assert_snapshot!(report);
}

#[test]
fn generated_large_cases_are_refused() {
    let all = formats();
    let few: Vec<Option<&str>> = vec![
        None,
        Some("chase-card-csv"),
        Some("ofx"),
        Some("camt"),
        Some("qif"),
    ];
    let mut report = String::new();
    let mut failures = Vec::new();
    for (name, bytes, every) in generated() {
        report.push_str(&format!("== {name} ({} bytes)\n", bytes.len()));
        let formats = if every { &all } else { &few };
        for line in check_all(&name, &bytes, formats, &mut failures) {
            report.push_str(&line);
            report.push('\n');
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::assert_snapshot!(report);
}

/// The good fixtures, one or two per format, for mutation.
const GOOD: &[&str] = &[
    BASE,
    "amex/activity_card_member.csv",
    "barclays/data.csv",
    "bmo/bmo_mastercard_2026-02.csv",
    "camt/camt053_v2_two_accounts.xml",
    "capital_one/2026-03-05_transaction_download.csv",
    "citi/Citi-card-2026-03.CSV",
    "cmb/cmb_credit_2026-02_gb18030.csv",
    "discover/Discover-RecentActivity-20260305.csv",
    "hsbc_hk/hsbc_hk_credit_card_2026-05.csv",
    "monzo/MonzoDataExport_01Apr2026-30Apr2026.csv",
    "n26/n26-csv-transactions.csv",
    "ofx/checking.ofx",
    "ofx/card_v220.ofx",
    "qif/Everyday_Checking_2026-03.qif",
    "revolut/account-statement_2026-03-01_2026-03-31_en-gb_4f2a1c.csv",
    "alipay/alipay_record_20260301_091252.csv",
    "wechat/微信支付账单(20260201-20260228).csv",
    "wechat/微信支付账单(20260201-20260228).xlsx",
    "wise/transfer-history.csv",
    // The formats of usage-billed tools (issue 20): agent logs and exports.
    "claude_code/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl",
    "realworld/codex-cli-jsonl/rollout-2026-11-20T09-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl",
    "gemini_cli/session-2026-11-20T09-15-5f0c2a7e.json",
    "gemini_cli/session-2026-11-21T14-02-7a3e9c10.jsonl",
    "cursor/usage-events-2026-11-20.csv",
    "github_copilot/usage-report-2026-11.csv",
    "github_copilot/premium-request-usage-2025-06.csv",
    "openrouter/activity-2026-11.csv",
    "openrouter/generations-2026-11.json",
];

/// One property run over auto-detection and every format: never a panic;
/// `Ok`, or `BadInput` at a line ≥ 1 with the ledger unchanged.
fn never_panics(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let before = state(&ledger);
    for format in formats() {
        match run(&mut ledger, "prop", bytes, format) {
            Err(panic) => return Err(TestCaseError::fail(panic)),
            Ok(Ok(_)) => ledger = Ledger::open_in_memory().expect("ledger"),
            Ok(Err(ImportError::BadInput(bad))) => {
                prop_assert!(bad.line >= 1, "line 0 as {:?}: {}", format, bad);
                prop_assert!(!bad.problem.to_string().is_empty());
                prop_assert_eq!(&state(&ledger), &before);
            }
            Ok(Err(other)) => return Err(TestCaseError::fail(format!("{format:?}: {other:?}"))),
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..8),
                proptest::sample::select(vec![
                    b"\"".to_vec(),
                    b",".to_vec(),
                    b"\n".to_vec(),
                    b"\r".to_vec(),
                    b"<".to_vec(),
                    b"</".to_vec(),
                    b"&".to_vec(),
                    b"-".to_vec(),
                    b"9999999999999999999999".to_vec(),
                    b"\xff".to_vec(),
                    b"\x00".to_vec(),
                ]),
            ]
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..16).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let len = bytes.len();
        match m {
            Mutation::Flip(i, b) if len > 0 => bytes[i % len] ^= b | 1,
            Mutation::Insert(i, b) => {
                let at = i % (len + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Delete(i, n) if len > 0 => {
                let at = i % len;
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Truncate(i) => bytes.truncate(i % (len + 1)),
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        never_panics(&bytes)?;
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..GOOD.len(),
        muts in proptest::collection::vec(mutation(), 1..4),
    ) {
        let good = std::fs::read(fixtures().join(GOOD[which])).expect("fixture");
        never_panics(&apply(good, &muts))?;
    }
}

/// A Codex CLI log with a 100 MB tool-output line and a cut-off last line:
/// the usage around them lands, the long line is counted as skipped without
/// being held whole, and nothing panics.
#[test]
fn a_codex_log_with_a_100_mb_line_keeps_its_usage() {
    let meta = r#"{"timestamp":"2026-11-20T09:00:00Z","type":"session_meta","payload":{"id":"s1","cwd":"/w/p","model_provider":"openai"}}"#;
    let turn = r#"{"timestamp":"2026-11-20T09:00:01Z","type":"turn_context","payload":{"model":"gpt-5.1-codex"}}"#;
    let count = r#"{"timestamp":"2026-11-20T09:00:05Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":5,"reasoning_output_tokens":0,"total_tokens":15},"last_token_usage":null}}}"#;
    let mut bytes = format!("{meta}\n{turn}\n").into_bytes();
    bytes.extend_from_slice(
        br#"{"timestamp":"2026-11-20T09:00:02Z","type":"response_item","payload":{"type":"function_call_output","output":""#,
    );
    bytes.resize(bytes.len() + 100 * (1 << 20), b'x');
    bytes.extend_from_slice(b"\"}}\n");
    bytes.extend_from_slice(count.as_bytes());
    bytes.extend_from_slice(b"\n{\"timestamp\":\"2026-11-20T09:00:0");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let total = bytes.len() as u64;
    let out = import_reader(
        &mut ledger,
        "rollout-hostile.jsonl",
        "rollout-hostile.jsonl",
        bytes.as_slice(),
        total,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .expect("imports");
    assert_eq!(out.format, "codex-cli-jsonl");
    assert_eq!(out.added, 1);
    let notice = out
        .notices
        .iter()
        .find(|n| n.code == "skipped_lines")
        .expect("notice");
    assert!(
        notice.message.contains("1 line over 16 MiB"),
        "{}",
        notice.message
    );
    assert!(
        notice.message.contains("line 5, the last, is cut off"),
        "{}",
        notice.message
    );
}

/// A Claude Code log as the hostile side of a watch meets it: a 100 MB
/// line (a tool's output pasted whole), a line of another shape, and a
/// last line still being written. Every usage line lands once, as from the
/// clean log; the rest is counted as skipped, with its lines named.
#[test]
fn a_claude_code_log_with_a_100_mb_line_and_a_cut_last_line_keeps_its_usage() {
    let clean = std::fs::read_to_string(
        fixtures().join("claude_code/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl"),
    )
    .expect("fixture");
    let import = |bytes: &[u8]| {
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        import_reader(
            &mut ledger,
            "5e1d2c3b.jsonl",
            "5e1d2c3b.jsonl",
            bytes,
            bytes.len() as u64,
            &ImportOptions::default(),
            &mut |_| {},
        )
        .expect("imports")
    };
    let want = import(clean.as_bytes()).added;
    assert!(want > 0);
    let lines: Vec<&str> = clean.lines().collect();
    let mut bytes = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 3 {
            bytes.extend_from_slice(
                br#"{"type":"user","message":{"role":"user","content":[{"type":"tool_result","content":""#,
            );
            bytes.resize(bytes.len() + 100 * (1 << 20), b'y');
            bytes.extend_from_slice(b"\"}]}}\n");
            bytes.extend_from_slice(b"<html><body>not a log line</body></html>\n");
        }
        bytes.extend_from_slice(l.as_bytes());
        bytes.push(b'\n');
    }
    let last_usage = lines
        .iter()
        .rev()
        .find(|l| l.contains("\"usage\""))
        .expect("a usage line");
    bytes.extend_from_slice(&last_usage.as_bytes()[..last_usage.len() / 2]);
    let out = import(&bytes);
    assert_eq!(out.format, "claude-code-jsonl");
    assert_eq!(out.added, want, "every usage line once");
    let notice = out
        .notices
        .iter()
        .find(|n| n.code == "skipped_lines")
        .expect("notice");
    assert!(notice.count >= 3, "{notice:?}");
    assert!(
        notice.message.contains("1 line over 16 MiB"),
        "{}",
        notice.message
    );
    let cut = format!("line {}, the last, is cut off", lines.len() + 3);
    assert!(notice.message.contains(&cut), "{}", notice.message);
}

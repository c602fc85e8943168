//! `aispend` end to end over the fixture files (SPEC §9).

use serde_json::Value;

mod common;
use common::Env;

impl Env {
    /// Everything a user can see of the ledger, to prove it did not change.
    fn state(&self) -> (Value, Value) {
        (
            self.json(&["txns", "--json"]),
            self.json(&["imports", "--json"]),
        )
    }
}

const JAN: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const FEB: &str = "tests/fixtures/chase/Chase1234_Activity20260125_20260224_20260226.CSV";

#[test]
fn import_reports_counts_and_the_batch_id() {
    let env = Env::empty();
    let v = env.json(&["import", JAN, "--json"]);
    let f = &v["files"][0];
    assert_eq!(f["file"], JAN);
    assert_eq!(f["format"], "chase-card-csv");
    assert_eq!(f["batch_id"], 1);
    assert_eq!(
        (
            f["added"].as_u64(),
            f["duplicates"].as_u64(),
            f["rejected"].as_u64()
        ),
        (Some(18), Some(0), Some(0))
    );
}

#[test]
fn re_import_adds_nothing_and_overlap_adds_only_what_is_new() {
    let env = Env::empty();
    env.json(&["import", JAN, "--json"]);
    let again = env.json(&["--json", "import", JAN]);
    assert_eq!(again["files"][0]["added"], 0);
    assert_eq!(again["files"][0]["duplicates"], 18);
    let feb = env.json(&["import", FEB, "--json"]);
    assert_eq!(feb["files"][0]["added"], 7);
    assert_eq!(feb["files"][0]["duplicates"], 8);
    assert_eq!(
        env.json(&["txns", "--json"]).as_array().map(Vec::len),
        Some(25)
    );
}

#[test]
fn several_files_in_one_command_are_one_batch_each() {
    let env = Env::empty();
    let v = env.json(&["import", JAN, FEB, "--json", "--account", "Visa"]);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["batch_id"], 1);
    assert_eq!(files[1]["batch_id"], 2);
    assert_eq!(files[1]["added"], 7);
}

#[test]
fn dry_run_previews_and_writes_nothing() {
    let env = Env::empty();
    env.json(&["import", JAN, "--json"]);
    let before = env.state();
    let v = env.json(&["import", FEB, "--dry-run", "--json"]);
    assert_eq!(v["files"][0]["batch_id"], Value::Null);
    assert_eq!(v["files"][0]["added"], 7);
    assert_eq!(v["files"][0]["duplicates"], 8);
    assert_eq!(env.state(), before);
}

#[test]
fn undo_then_re_import() {
    let env = Env::empty();
    env.json(&["import", JAN, "--json"]);
    let v = env.json(&["undo-import", "1", "--json"]);
    assert_eq!(v["removed"], 18);
    assert_eq!(env.json(&["txns", "--json"]), Value::Array(vec![]));
    let imports = env.json(&["imports", "--json"]);
    assert_eq!(imports["imports"][0]["status"], "undone");
    let back = env.json(&["import", JAN, "--json"]);
    assert_eq!(back["files"][0]["added"], 18);

    let (code, _, err) = env.run(&["undo-import", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("already undone"), "{err}");
    let (code, _, err) = env.run(&["undo-import", "77"]);
    assert_eq!(code, 2);
    assert!(err.contains("no import batch 77"), "{err}");
}

#[test]
fn txns_json_follows_the_contract() {
    let env = Env::empty();
    env.json(&["import", JAN, "--json"]);
    let rows = env.json(&[
        "txns",
        "--from",
        "2026-01-30",
        "--to",
        "2026-01-30",
        "--json",
    ]);
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 1);
    let t = &rows[0];
    for key in [
        "id",
        "date",
        "posted_date",
        "description",
        "amount",
        "currency",
        "original_amount",
        "original_currency",
        "class",
        "vendor",
        "product",
        "account",
        "status",
        "tags",
    ] {
        assert!(t.get(key).is_some(), "missing {key} in {t}");
    }
    assert_eq!(t["date"], "2026-01-30");
    assert_eq!(t["posted_date"], "2026-01-31");
    assert_eq!(t["amount"], "-20.00", "amounts are decimal strings");
    assert_eq!(t["currency"], "USD");
    assert_eq!(t["status"], "posted");
    assert_eq!(t["account"], "Chase card ending 1234");
    assert_eq!(t["tags"], Value::Array(vec![]));

    let limited = env.json(&["txns", "--limit", "5", "--json"]);
    assert_eq!(limited.as_array().map(Vec::len), Some(5));
}

#[test]
fn the_ledger_path_can_come_from_the_environment() {
    let env = Env::empty();
    common::bare_cmd()
        .env("AISPEND_DB", env.db())
        .args(["import", JAN, "--json"])
        .assert()
        .success();
    assert_eq!(
        env.json(&["txns", "--json"]).as_array().map(Vec::len),
        Some(18)
    );
}

#[test]
fn human_output_names_the_batch() {
    let env = Env::empty();
    let (code, out, _) = env.run(&["import", JAN]);
    assert_eq!(code, 0);
    assert!(out.contains("batch 1"), "{out}");
    assert!(out.contains("18 added, 0 duplicates, 0 rejected"), "{out}");
}

/// Each bad file: exit 2, one golden message on stderr, nothing written.
fn rejects(name: &str) -> String {
    let env = Env::empty();
    env.json(&["import", JAN, "--json"]);
    let before = env.state();
    let path = format!("tests/fixtures/bad/{name}");
    let (code, out, err) = env.run(&["import", &path, "--json"]);
    assert_eq!(code, 2, "{name}: {err}");
    assert_eq!(
        out.trim(),
        r#"{
  "files": []
}"#
    );
    assert_eq!(env.state(), before, "{name} changed the ledger");
    // With --json the error is one JSON object: its stable code, the
    // message id and arguments, and the text.
    let v: serde_json::Value = serde_json::from_str(err.trim())
        .unwrap_or_else(|e| panic!("{name}: stderr is not JSON ({e}): {err}"));
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

#[test]
fn golden_impossible_date() {
    insta::assert_snapshot!(rejects("impossible_date.CSV"));
}

#[test]
fn golden_unreadable_amount() {
    insta::assert_snapshot!(rejects("unreadable_amount.CSV"));
}

#[test]
fn golden_wrong_column_count() {
    insta::assert_snapshot!(rejects("wrong_column_count.CSV"));
}

#[test]
fn golden_bad_date_after_quoted_newline() {
    insta::assert_snapshot!(rejects("bad_date_after_quoted_newline.CSV"));
}

#[test]
fn golden_not_a_statement() {
    insta::assert_snapshot!(rejects("not_a_statement.CSV"));
}

#[test]
fn golden_empty_file() {
    insta::assert_snapshot!(rejects("empty.CSV"));
}

#[test]
fn golden_binary_file() {
    insta::assert_snapshot!(rejects("binary_spreadsheet.CSV"));
}

#[test]
fn golden_missing_file() {
    insta::assert_snapshot!(rejects("no_such_file.CSV"));
}

#[test]
fn golden_ofx_error_reply_instead_of_a_statement() {
    insta::assert_snapshot!(rejects("ofx_stmttrnrs_status_2000.ofx"));
}

#[test]
fn golden_ofx_sign_on_refused() {
    insta::assert_snapshot!(rejects("ofx_signon_status_15500.ofx"));
}

#[test]
fn golden_camt_without_a_statement() {
    insta::assert_snapshot!(rejects("camt053_no_statement.xml"));
}

#[test]
fn an_unknown_format_id_lists_the_known_ones() {
    let env = Env::empty();
    let (code, _, err) = env.run(&["import", JAN, "--format", "chase"]);
    assert_eq!(code, 2);
    // The list grows with every format, so only its start is fixed here.
    assert!(
        err.starts_with(&format!(
            "aispend: {JAN}:1: unknown format \"chase\"; expected one of: chase-card-csv, "
        )),
        "{err}"
    );
}

#[test]
fn a_bad_file_after_a_good_one_keeps_the_good_one() {
    let env = Env::empty();
    let (code, out, err) = env.run(&[
        "import",
        JAN,
        "tests/fixtures/bad/impossible_date.CSV",
        "--json",
    ]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        v["files"].as_array().map(Vec::len),
        Some(1),
        "the good file is reported"
    );
    assert!(err.contains("impossible_date.CSV:3:"), "{err}");
    assert_eq!(
        env.json(&["txns", "--json"]).as_array().map(Vec::len),
        Some(18)
    );
}

#[test]
fn bad_arguments_exit_2() {
    let env = Env::empty();
    let (code, _, _) = env.run(&["txns", "--from", "2026-02-30"]);
    assert_eq!(code, 2);
    let (code, _, _) = env.run(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn a_database_that_is_not_a_ledger_exits_2() {
    let env = Env::empty();
    std::fs::write(env.db(), "plain text, not a database ".repeat(40)).expect("write");
    let (code, _, err) = env.run(&["txns"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not an AI Spend ledger"), "{err}");
}

/// A file whose start is UTF-8 but which turns into another encoding later
/// (two exports pasted together) is refused at the line where it changes.
#[test]
fn golden_encoding_changes_mid_file() {
    let env = Env::empty();
    let mut bytes = b"Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n".to_vec();
    for i in 0..6_000 {
        bytes.extend(format!("03/01/2026,03/02/2026,SHOP {i},Shopping,Sale,-1.00,\n").as_bytes());
    }
    bytes.extend(b"03/01/2026,03/02/2026,CAF\xc9 DE FLORE,Food & Drink,Sale,-14.20,\n");
    std::fs::write(env.dir.path().join("pasted.CSV"), bytes).expect("write");
    let out = env
        .cmd()
        .current_dir(env.dir.path())
        .args(["import", "pasted.CSV"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(env.json(&["txns", "--json"]), Value::Array(vec![]));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr));
}

#[test]
fn golden_forced_format_that_does_not_fit() {
    let env = Env::empty();
    let (code, _, err) = env.run(&[
        "import",
        "tests/fixtures/bad/not_a_statement.CSV",
        "--format",
        "chase-card-csv",
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(err);
}

const PREAMBLE: &str = "tests/fixtures/mapped/umsatzanzeige_mit_vorspann.csv";
const PREAMBLE_MAP: &str = "date=Buchungsdatum,description=Empfänger/Auftraggeber,amount=Betrag";

/// Issue #16: a mapped CSV whose header is below a preamble imports, and
/// the summary names the preamble and the currency it assumed, in text
/// and in JSON; `--currency` and `--header-line` change them.
#[test]
fn a_mapped_csv_with_a_preamble_names_what_it_skipped_and_assumed() {
    let env = Env::empty();
    let (code, out, err) = env.run(&["import", PREAMBLE, "--map", PREAMBLE_MAP, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  note: the header is on line 6: lines 1-5 above it (the file's preamble) were skipped\n"),
        "{out}"
    );
    assert!(
        out.contains("  note: the file does not say its currency: 5 amounts read as USD; if they are in another currency, import it again with --currency CODE"),
        "{out}"
    );
    let v = env.json(&[
        "import",
        PREAMBLE,
        "--map",
        PREAMBLE_MAP,
        "--currency",
        "EUR",
        "--header-line",
        "6",
        "--json",
    ]);
    let f = &v["files"][0];
    assert_eq!(f["added"], 5);
    let codes: Vec<&str> = f["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter_map(|n| n["code"].as_str())
        .collect();
    assert_eq!(codes, ["skipped_preamble"]);
    assert_eq!(f["notices"][0]["lines"], serde_json::json!([1, 2, 3, 4, 5]));
    // A header line that is not the header: exit 2, the physical line.
    let (code, _, err) = env.run(&[
        "import",
        PREAMBLE,
        "--map",
        PREAMBLE_MAP,
        "--header-line",
        "2",
        "--dry-run",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("umsatzanzeige_mit_vorspann.csv:2: no column \"Buchungsdatum\" in the header"),
        "{err}"
    );
    // --header-line belongs to a mapping.
    let (code, _, err) = env.run(&["import", JAN, "--header-line", "3", "--dry-run"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--header-line was given, but no mapping reads this file"),
        "{err}"
    );
}

/// Issue #16: image and speech usage keep their quantity and unit, and
/// `costs --json` shows them.
#[test]
fn costs_json_shows_quantities() {
    let env = Env::empty();
    env.json(&[
        "import",
        "tests/fixtures/openai/images_usage_2026-11-01_2026-11-03.csv",
        "tests/fixtures/openai/audio_speeches_usage_2026-11-01_2026-11-02.csv",
        "--json",
    ]);
    let rows = env.json(&["costs", "--json"]);
    let seen: Vec<(String, String)> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["quantity"].as_str().unwrap_or("-").to_owned(),
                r["quantity_unit"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    assert!(seen.contains(&("6".into(), "images".into())), "{seen:?}");
    assert!(
        seen.contains(&("18422".into(), "characters".into())),
        "{seen:?}"
    );
    let (_, text, _) = env.run(&["costs"]);
    assert!(
        text.contains("image.generation, 1024x1024  [proj_Q2mXl0fNDrr4JkGz0b8eTyhW]  6 images"),
        "{text}"
    );
}

/// An import error in Chinese: `--lang zh-CN`, or the locale variables in
/// POSIX order (LC_ALL before LC_MESSAGES before LANG). The file, line,
/// field and value stay as the file has them; `--json` keeps its id and
/// arguments whatever the language.
#[test]
fn import_errors_speak_the_users_language() {
    let env = Env::empty();
    let bad = "tests/fixtures/bad/unreadable_amount.CSV";
    let (code, _, flag) = env.run(&["--lang", "zh-CN", "import", bad]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("zh_cn_import_error", flag);
    let by_locale = |vars: &[(&str, &str)]| {
        let mut c = env.cmd();
        for (k, v) in vars {
            c.env(k, v);
        }
        let out = c.args(["import", bad]).output().expect("run aispend");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(by_locale(&[("LANG", "zh_CN.UTF-8")]), flag);
    assert_eq!(
        by_locale(&[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]),
        env.run(&["import", bad]).2
    );
    assert_eq!(
        by_locale(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")]),
        flag
    );
    // The flag beats the locale.
    let mut c = env.cmd();
    c.env("LC_ALL", "zh_CN.UTF-8");
    let out = c
        .args(["--lang", "en", "import", bad])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an amount"));

    let (_, _, en) = env.run(&["import", bad, "--json"]);
    let (_, _, zh) = env.run(&["--lang", "zh-CN", "import", bad, "--json"]);
    let en: Value = serde_json::from_str(en.trim()).expect("JSON error");
    let zh: Value = serde_json::from_str(zh.trim()).expect("JSON error");
    assert_eq!(en["id"], "import-bad-amount");
    assert_eq!(
        (&en["code"], &en["id"], &en["args"]),
        (&zh["code"], &zh["id"], &zh["args"])
    );
    assert_eq!(zh["args"]["field"], "Amount");
    assert_eq!(zh["args"]["line"], "4");
    assert!(
        zh["message"].as_str().unwrap_or("").contains("不是金额"),
        "{zh}"
    );
}

/// What a parser found and what it expected are messages of their own
/// (`--json`: `args.found` is `{id, args}`), so a Chinese user reads the
/// whole error in Chinese, not an English fragment inside a Chinese frame.
#[test]
fn parser_details_speak_the_users_language() {
    let env = Env::empty();
    let mut zh = String::new();
    for bad in [
        "tests/fixtures/bad/ofx_truncated.ofx",
        "tests/fixtures/bad/camt053_no_statement.xml",
        "tests/fixtures/bad/claude_code_bad_usage.jsonl",
        "tests/fixtures/bad/wise_unknown_direction.csv",
    ] {
        let (code, _, text) = env.run(&["--lang", "zh-CN", "import", bad]);
        assert_eq!(code, 2, "{bad}: {text}");
        zh.push_str(&text);
        let (_, _, en) = env.run(&["import", bad]);
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{bad}: {en}"
        );
    }
    insta::assert_snapshot!("zh_cn_parser_details", zh);
    let (_, _, json) = env.run(&[
        "--lang",
        "zh-CN",
        "import",
        "tests/fixtures/bad/ofx_truncated.ofx",
        "--json",
    ]);
    let v: Value = serde_json::from_str(json.trim()).expect("JSON error");
    assert_eq!(v["id"], "import-malformed");
    assert_eq!(v["args"]["found"]["id"], "detail-ofx-ends-inside-element");
    assert_eq!(v["args"]["expected"]["id"], "detail-ofx-cut-short");
    assert_eq!(
        v["args"]["expected"]["args"]["expected"]["id"],
        "detail-ofx-rest-of-statement"
    );
}

/// An import notice lists its items (skipped kinds of lines, the cut-off
/// last line) in the user's language too.
#[test]
fn notices_speak_the_users_language() {
    let env = Env::empty();
    let log = "tests/fixtures/realworld/codex-cli-jsonl/\
               rollout-2026-11-20T09-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl";
    let (code, out, err) = env.run(&["--lang", "zh-CN", "import", log]);
    assert_eq!(code, 0, "{err}");
    let notes: Vec<&str> = out.lines().filter(|l| l.contains("跳过了")).collect();
    insta::assert_snapshot!("zh_cn_skipped_lines_notice", notes.join("\n"));
    let (_, json, _) = env.run(&["import", log, "--json", "--dry-run"]);
    let v: Value = serde_json::from_str(json.trim()).expect("JSON");
    let n = &v["files"][0]["notices"][0];
    assert_eq!(n["code"], "skipped_lines", "{v}");
    assert_eq!(n["msg"]["id"], "import-notice-skipped-lines", "{v}");
}

/// The reason a left-out row is stored with is a message: `aispend
/// rejects` shows it in the language of whoever reads it later.
#[test]
fn stored_reject_reasons_render_in_the_readers_language() {
    let env = Env::empty();
    let bad = "tests/fixtures/bad/chase_two_bad_rows.CSV";
    let (code, _, err) = env.run(&["import", bad, "--skip-bad-rows"]);
    assert_eq!(code, 0, "{err}");
    let (_, en, _) = env.run(&["rejects", "1"]);
    assert!(
        en.contains(":5: Transaction Date \"02/30/2026\" is not a real calendar date"),
        "{en}"
    );
    let (_, zh, _) = env.run(&["--lang", "zh-CN", "rejects", "1"]);
    assert!(
        zh.contains(":5：字段“Transaction Date”的值“02/30/2026”不是真实存在的日期"),
        "{zh}"
    );
    let v = env.json(&["rejects", "1", "--json"]);
    assert_eq!(v["rejected"][1]["id"], "import-impossible-date", "{v}");
    assert_eq!(v["rejected"][1]["line"], 5, "{v}");
}

/// Issue #21: the import summary's own labels (the counts line, "left out",
/// "note") come from the CLI catalog in the user's language; English stays
/// as it was.
#[test]
fn the_import_summary_speaks_chinese() {
    let env = Env::empty();
    let bad = "tests/fixtures/bad/chase_two_bad_rows.CSV";
    let (code, zh_bad, err) = env.run(&["--lang", "zh-CN", "import", bad, "--skip-bad-rows"]);
    assert_eq!(code, 0, "{err}");
    let (code, zh_notes, err) = env.run(&[
        "--lang",
        "zh-CN",
        "import",
        PREAMBLE,
        "--map",
        PREAMBLE_MAP,
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{err}");
    let zh = format!("{zh_bad}{zh_notes}");
    assert!(!zh.contains("left out") && !zh.contains("note:"), "{zh}");
    insta::assert_snapshot!("zh_cn_import_summary", zh);
    let (_, en, _) = env.run(&["import", PREAMBLE, "--map", PREAMBLE_MAP, "--dry-run"]);
    assert!(
        en.contains(", dry run, nothing written): 5 added, 0 duplicates, 0 rejected\n  note: the header is on line 6"),
        "{en}"
    );
}

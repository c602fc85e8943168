//! `aispend case ...` end to end: a case from a statement fixture, answers,
//! a GPS-tagged JPEG, export twice to identical bytes, verify, tamper, and
//! the exit codes of SPEC §9 (0 ok, 2 bad input).

use std::io::{Cursor, Read, Write};

mod common;
use common::{root, Env};

const JAN: &str = "tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const JPEG: &str = "tests/fixtures/evidence/screenshot_with_gps.jpg";

fn openai_line(env: &Env) -> i64 {
    let txns = env.json_cmd(&["txns"]);
    txns.as_array()
        .expect("array")
        .iter()
        .find(|t| t["description"] == "OPENAI")
        .and_then(|t| t["id"].as_i64())
        .expect("the OPENAI line")
}

fn case_with_evidence(env: &Env) -> i64 {
    env.ok(&["import", JAN]);
    let txn = openai_line(env);
    let new = env.json_cmd(&[
        "case",
        "new",
        "--title",
        "Missing 25 USD top-up",
        "--provider",
        "openai",
        "--utc-offset",
        "-05:00",
    ]);
    let id = new["id"].as_i64().expect("case id");
    let id_s = id.to_string();
    env.ok(&["case", "answer", &id_s, "bank_status", "pending"]);
    env.ok(&["case", "answer", &id_s, "amount", "25.00"]);
    env.ok(&[
        "case",
        "answer",
        &id_s,
        "platform_payment_record",
        "succeeded",
    ]);
    env.ok(&["case", "answer", &id_s, "card_last4", "4242"]);
    env.ok(&["case", "link", &id_s, &txn.to_string()]);
    env.ok(&[
        "case",
        "note",
        &id_s,
        "card 4242-4242-4242-4242, key sk-ant-api03-FAKEFAKEFAKEFAKEFAKE00",
    ]);
    env.ok(&["case", "attach", &id_s, JPEG]);
    env.ok(&["case", "diagnose", &id_s]);
    id
}

#[test]
fn a_case_from_start_to_a_verified_pack() {
    let env = Env::empty();
    let id = case_with_evidence(&env);
    let id_s = id.to_string();

    let show = env.json_cmd(&["case", "show", &id_s]);
    let facts = show["facts"].as_array().expect("facts");
    let bank = facts
        .iter()
        .find(|f| f["fact"] == "bank_status")
        .expect("bank_status");
    // The user said pending; the ledger line is posted: the answer is kept, the conflict shown.
    assert_eq!(bank["value"], "pending");
    assert_eq!(bank["source"], "user");
    assert_eq!(show["conflicts"][0]["fact"], "bank_status");
    assert_eq!(show["attachments"][0]["redacted"], true);
    assert_eq!(show["zone"]["utc_offset_minutes"], -300);
    assert!(show["diagnoses"].as_array().is_some_and(|d| d.len() == 1));
    let text = env.ok(&["case", "show", &id_s]);
    assert!(text.contains("bank_status"), "{text}");
    assert!(text.contains("(metadata removed)"), "{text}");

    let list = env.json_cmd(&["case", "list"]);
    assert_eq!(list["cases"][0]["id"], id);

    let a = env.path("a.zip");
    let b = env.path("b.zip");
    let a_s = a.to_string_lossy().into_owned();
    let b_s = b.to_string_lossy().into_owned();
    let report = env.json_cmd(&["case", "export", &id_s, "--out", &a_s]);
    assert_eq!(report["files"].as_array().map(Vec::len), Some(5));
    env.ok(&["case", "export", &id_s, "--out", &b_s]);
    let bytes = std::fs::read(&a).expect("pack a");
    assert_eq!(
        bytes,
        std::fs::read(&b).expect("pack b"),
        "same case, same bytes"
    );

    let out = env.ok(&["case", "verify", &a_s]);
    assert!(out.contains("hashes match"), "{out}");
    let v = env.json_cmd(&["case", "verify", &a_s]);
    assert_eq!(v["ok"], true);

    // Nothing secret in the pack.
    let mut z = zip::ZipArchive::new(Cursor::new(bytes.clone())).expect("zip");
    let mut entries = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let name = f.name().expect("name").into_owned();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).expect("read");
        let text = String::from_utf8_lossy(&buf);
        assert!(!text.contains("4242-4242-4242-4242"), "{name}");
        assert!(!text.contains("sk-ant-"), "{name}");
        entries.push((name, buf));
    }
    let msg = entries
        .iter()
        .find(|(n, _)| n.ends_with("data/message.txt"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("message");
    assert!(msg.contains("ending in 4242"), "{msg}");
    assert!(msg.contains("25.00"), "{msg}");

    // Change one file and zip again: verify exits 2 and names it.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, mut buf) in entries {
        if name.ends_with("data/summary.md") {
            buf[0] ^= 0x01;
        }
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(&buf).expect("write");
    }
    let tampered = env.path("tampered.zip");
    std::fs::write(&tampered, w.finish().expect("finish").into_inner()).expect("write");
    let (code, _, err) = env.run(&["case", "verify", &tampered.to_string_lossy()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not verify"), "{err}");
    assert!(err.contains("data/summary.md: SHA-256 is"), "{err}");
}

#[test]
fn bad_input_exits_2_with_what_was_expected() {
    let env = Env::empty();
    let id = env.json_cmd(&["case", "new", "--utc-offset", "+01:00"])["id"]
        .as_i64()
        .expect("id")
        .to_string();
    let (code, _, err) = env.run(&["case", "answer", &id, "bank_status", "pendng"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "field \"bank_status\": \"pendng\" is not one of the allowed values; expected one of"
        ),
        "{err}"
    );
    let (code, _, err) = env.run(&["case", "answer", &id, "amount", "ten"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected a decimal string"), "{err}");
    let (code, _, err) = env.run(&["case", "show", "42"]);
    assert_eq!(code, 2);
    assert!(err.contains("there is no case 42"), "{err}");
    let (code, _, err) = env.run(&["case", "link", &id, "999"]);
    assert_eq!(code, 2);
    assert!(err.contains("there is no transaction 999"), "{err}");
    let (code, _, err) = env.run(&["case", "attach", &id, "no/such/file.png"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the file"), "{err}");
    let (code, _, err) = env.run(&["case", "new", "--utc-offset", "8"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected +HH:MM"), "{err}");
    let junk = env.path("junk.zip");
    std::fs::write(&junk, b"not a zip").expect("write");
    let (code, _, err) = env.run(&["case", "verify", &junk.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("not an evidence pack"), "{err}");
    let (code, _, err) = env.run(&["case", "note", &id, "  "]);
    assert_eq!(code, 2);
    assert!(err.contains("the note is empty"), "{err}");
}

#[test]
fn close_and_reopen_a_case() {
    let env = Env::empty();
    let id = env.json_cmd(&["case", "new"])["id"]
        .as_i64()
        .expect("case id")
        .to_string();
    let v = env.json_cmd(&["case", "close", &id]);
    assert_eq!(v["status"], "closed");
    let list = env.json_cmd(&["case", "list"]);
    assert_eq!(list["cases"][0]["status"], "closed", "{list}");
    let (code, _, err) = env.run(&["case", "note", &id, "after closing"]);
    assert_eq!(code, 2, "a closed case refuses changes");
    assert!(err.contains(&format!("case {id} is closed")), "{err}");
    assert!(err.contains("aispend case reopen"), "{err}");
    let out = env.ok(&["case", "reopen", &id]);
    assert_eq!(out.trim(), format!("Case {id}: open"));
    // The title the app wrote reads in the reader's language.
    let en = env.ok(&["case", "list"]);
    assert!(en.contains("top-up did not arrive"), "{en}");
    let zh = env.ok(&["--lang", "zh-CN", "case", "list"]);
    assert!(zh.contains("充值未到账"), "{zh}");
    let zh = env.ok(&["--lang", "zh-CN", "case", "show", &id]);
    assert!(zh.contains("充值未到账"), "{zh}");
    env.ok(&["case", "note", &id, "after reopening"]);
    let (code, _, err) = env.run(&["case", "close", "999"]);
    assert_eq!(code, 2);
    assert!(err.contains("there is no case 999"), "{err}");
}

#[test]
fn preview_shows_what_would_be_redacted_and_writes_nothing() {
    let env = Env::empty();
    let id = case_with_evidence(&env);
    let id_s = id.to_string();
    // An attachment whose name holds a card number and a key.
    let named = env.path("card 4242424242424242 sk-proj-AbCdEf0123456789xyz.png");
    std::fs::copy(root().join(JPEG), &named).expect("copy");
    env.ok(&["case", "attach", &id_s, &named.to_string_lossy()]);
    env.ok(&["case", "note", &id_s, "write to jane.doe@example.com"]);
    let db_before = std::fs::read(env.path("ledger.sqlite")).expect("db");
    let files_before = std::fs::read_dir(env.dir.path()).expect("dir").count();

    let out = env.ok(&["case", "export", &id_s, "--preview"]);
    assert!(out.contains("data/summary.md\n"), "{out}");
    assert!(
        out.contains("data/attachments/02-card______4242__API_key_removed_.png\n  file name  "),
        "{out}"
    );
    assert!(
        out.contains("file name  card     •••• 4242 (16 digits) -> •••• 4242"),
        "{out}"
    );
    assert!(
        out.contains("file name  api_key  sk-proj-…(27 chars) -> [API key removed]"),
        "{out}"
    );
    assert!(
        out.contains("email    j…@example.com (20 chars) -> j•••@example.com"),
        "{out}"
    );
    assert!(out.contains("nothing was written"), "{out}");
    for secret in [
        "4242424242424242",
        "4242-4242-4242-4242",
        "AbCdEf0123456789xyz",
        "FAKEFAKE",
        "jane.doe",
    ] {
        assert!(!out.contains(secret), "{secret} in {out}");
    }
    // --out is allowed and still not written.
    let pack = env.path("p.zip");
    let json = env.json_cmd(&[
        "case",
        "export",
        &id_s,
        "--out",
        &pack.to_string_lossy(),
        "--preview",
    ]);
    assert_eq!(json["written"], false);
    assert!(!pack.exists());
    let kinds: Vec<&str> = json["redactions"]
        .as_array()
        .expect("redactions")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"card") && kinds.contains(&"api_key") && kinds.contains(&"email"));
    let kept = env.json_cmd(&["case", "export", &id_s, "--preview", "--keep-emails"]);
    assert!(kept["redactions"]
        .as_array()
        .expect("redactions")
        .iter()
        .all(|h| h["kind"] != "email"));
    assert_eq!(
        std::fs::read(env.path("ledger.sqlite")).expect("db"),
        db_before
    );
    assert_eq!(
        std::fs::read_dir(env.dir.path()).expect("dir").count(),
        files_before
    );

    // Without --out or --preview there is nothing to do.
    let (code, _, err) = env.run(&["case", "export", &id_s]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--out"), "{err}");
}

fn hostile_zip(build: impl FnOnce(&mut zip::ZipWriter<Cursor<Vec<u8>>>)) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    build(&mut z);
    z.finish().expect("finish").into_inner()
}

fn put(z: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]) {
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file(name, opts).expect("start");
    z.write_all(bytes).expect("write");
}

#[test]
fn verify_refuses_zip_slip_and_zip_bombs_with_exit_2() {
    let env = Env::empty();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "dotdot.zip",
            hostile_zip(|z| put(z, "../evil", b"x")),
            "entry \"../evil\" has a `..` part",
        ),
        (
            "absolute.zip",
            hostile_zip(|z| put(z, "/etc/x", b"x")),
            "entry \"/etc/x\" is an absolute path",
        ),
        (
            "backslash.zip",
            hostile_zip(|z| put(z, "..\\evil", b"x")),
            "holds a backslash",
        ),
        (
            "link.zip",
            hostile_zip(|z| {
                z.add_symlink(
                    "a/link",
                    "/etc/passwd",
                    zip::write::SimpleFileOptions::default(),
                )
                .expect("link");
            }),
            "entry \"a/link\" is a symbolic link",
        ),
        (
            "zeros.zip",
            hostile_zip(|z| put(z, "a/zeros", &vec![0u8; 10 << 20])),
            "more than 200:1 (a zip bomb)",
        ),
        (
            "many.zip",
            hostile_zip(|z| {
                for i in 0..20_000 {
                    z.start_file(format!("e{i}"), zip::write::SimpleFileOptions::default())
                        .expect("start");
                }
            }),
            "it has 20000 entries, more than the 10000 allowed",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = env.path(name);
        std::fs::write(&path, bytes).expect("write");
        let (code, out, err) = env.run(&["case", "verify", &path.to_string_lossy()]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: {out}");
        assert!(err.contains("not an evidence pack"), "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
    }
    // Nothing was unpacked next to the packs.
    assert!(!env.dir.path().join("evil").exists());
}

/// The drafted message for a reader of Chinese: the letter to support stays
/// in English (what support reads), with a Chinese rendering beside it.
#[test]
fn drafted_message_to_support_in_english_with_a_chinese_check() {
    let env = Env::empty();
    let id = case_with_evidence(&env).to_string();
    let en = env.ok(&["--lang", "en", "case", "message", &id]);
    assert!(en.starts_with("To: OpenAI support\n"), "{en}");
    assert!(
        !en.contains("========"),
        "nothing to check for an English reader: {en}"
    );
    let zh = env.ok(&["--lang", "zh-CN", "case", "message", &id]);
    assert!(
        zh.starts_with(&en),
        "the letter to send is the English one:\n{zh}"
    );
    insta::assert_snapshot!("case_message_zh_cn", zh);
    let v = env.json_cmd(&["--lang", "zh-CN", "case", "message", &id]);
    assert_eq!(v["message"]["lang"], "zh-CN");
    assert!(v["message"]["check"]
        .as_str()
        .is_some_and(|c| c.contains("收件人：OpenAI 客服")));
}

/// A letter to the bank is in the reader's language: all Chinese, nothing
/// to check.
#[test]
fn drafted_message_to_the_bank_in_chinese() {
    let env = Env::empty();
    let id = env.json_cmd(&[
        "case",
        "new",
        "--provider",
        "openai",
        "--utc-offset",
        "+08:00",
    ])["id"]
        .as_i64()
        .expect("case id")
        .to_string();
    env.ok(&["case", "answer", &id, "amount", "20.00"]);
    env.ok(&["case", "answer", &id, "currency", "USD"]);
    env.ok(&["case", "answer", &id, "payment_error", "card_declined"]);
    env.ok(&["case", "answer", &id, "bank_status", "declined"]);
    env.ok(&["case", "diagnose", &id]);
    let zh = env.ok(&["--lang", "zh-CN", "case", "message", &id]);
    assert!(zh.starts_with("收件人：我的发卡银行\n"), "{zh}");
    assert!(zh.contains("请告诉我这笔付款为什么被拒绝"), "{zh}");
    assert!(!zh.contains("========"), "{zh}");
    let en = env.ok(&["case", "message", &id]);
    assert!(en.starts_with("To: the bank that issued my card\n"), "{en}");
}

#[test]
fn a_refused_answer_or_detail_speaks_chinese() {
    let env = Env::empty();
    let id = env.json_cmd(&["case", "new", "--utc-offset", "+08:00"])["id"]
        .as_i64()
        .expect("id")
        .to_string();
    let (code, _, amount) = env.run(&["--lang", "zh-CN", "case", "answer", &id, "amount", "ten"]);
    assert_eq!(code, 2);
    let (code, _, last4) = env.run(&["--lang", "zh-CN", "case", "answer", &id, "card_last4", "42"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("zh_cn_refused_answers", format!("{amount}{last4}"));
    let (_, _, err) = env.run(&["case", "answer", &id, "card_last4", "42", "--json"]);
    let err: serde_json::Value = serde_json::from_str(err.trim()).expect("a JSON error");
    assert_eq!(
        (err["code"].as_str(), err["id"].as_str()),
        (Some("bad-answer"), Some("topup-error-field"))
    );
    assert_eq!(
        err["message"],
        "field \"card_last4\": \"42\" is not four digits; expected the last four digits of the card, such as 4242"
    );
}

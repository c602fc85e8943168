//! Top-up cases end to end: a case built from a real statement fixture, a
//! provider payment record, answers, a note with secrets in it, a JPEG with
//! GPS in its EXIF, and the evidence pack (deterministic, redacted, verified).

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use aispend_core::cases::{self, CaseError, ExportOptions, Linked, LocalZone, NewCase, Redaction};
use aispend_core::i18n::Lang;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::TxnFilter;
use aispend_core::money::Currency;
use aispend_core::provider::{NewPayment, PaymentKind, PaymentStatus, Provider as PayProvider};
use aispend_core::topup::{Facts, Origin, Provider};
use aispend_core::Ledger;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::json;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

const JAN: &str = "chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const CARD: &str = "4242 4242 4242 4242";
const KEY: &str = "sk-proj-FAKEkey0123456789abcdefGHIJKLmnop";

struct Setup {
    dir: tempfile::TempDir,
    ledger: Ledger,
    case: i64,
    txn: i64,
    batch: i64,
}

fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("ledger.sqlite")
}

/// The whole case, with fixed times.
fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ledger = Ledger::open(&db_path(&dir)).expect("open");
    let outcome =
        import_file(&mut ledger, &fixture(JAN), &ImportOptions::default()).expect("import");
    let txn = ledger
        .transactions(&TxnFilter::default())
        .expect("txns")
        .into_iter()
        .find(|t| t.description == "OPENAI")
        .expect("the OPENAI line of the fixture")
        .id;
    let payment = aispend_core::provider::add_payment(
        &mut ledger,
        &NewPayment {
            provider: PayProvider::Openai,
            kind: PaymentKind::CreditPurchase,
            status: PaymentStatus::Succeeded,
            paid_date: NaiveDate::from_ymd_opt(2026, 1, 26).expect("date"),
            paid_at: Some(at("2026-01-26T17:05:00Z")),
            amount: Decimal::new(2500, 2),
            currency: Currency::USD,
            invoice_number: Some("INV-FAKE-0001".into()),
            receipt_number: Some("2211-0042".into()),
            organization_id: Some("org-FAKE123".into()),
            card_brand: Some("visa".into()),
            card_last4: Some("4242".into()),
            balance_before: None,
            balance_after: None,
            note: None,
        },
    )
    .expect("payment")
    .id;
    let facts = Facts::from_json_str(
        r#"{"balance_before": "0.00", "balance_after": "0.00",
            "topup_org": "org-FAKE123", "key_org": "org-FAKE123", "can_view_billing": true}"#,
    )
    .expect("facts");
    let case = cases::create(
        &mut ledger,
        &NewCase {
            title: Some("API credits from 26 January missing".into()),
            provider: Some(Provider::Openai),
            facts,
            zone: LocalZone::parse_offset("+08:00").expect("offset"),
        },
        at("2026-01-27T09:00:00Z"),
    )
    .expect("create");
    cases::answer(
        &mut ledger,
        case,
        "bank_status",
        "pending",
        at("2026-01-27T09:01:00Z"),
    )
    .expect("answer");
    cases::answer(
        &mut ledger,
        case,
        "bank_status",
        "settled",
        at("2026-01-27T09:02:00Z"),
    )
    .expect("answer again");
    cases::answer(
        &mut ledger,
        case,
        "amount",
        "25.00",
        at("2026-01-27T09:03:00Z"),
    )
    .expect("amount");
    cases::link_txn(&mut ledger, case, txn, at("2026-01-27T09:04:00Z")).expect("link txn");
    cases::link_payment(&mut ledger, case, payment, at("2026-01-27T09:05:00Z")).expect("link pay");
    cases::note(
        &mut ledger,
        case,
        &format!(
            "Paid with {CARD}; my key {KEY} still gets 429. Reach me at jane.doe@example.com."
        ),
        at("2026-01-27T09:06:00Z"),
    )
    .expect("note");
    cases::attach(
        &mut ledger,
        case,
        &fixture("evidence/screenshot_with_gps.jpg"),
        at("2026-01-27T09:07:00Z"),
    )
    .expect("attach jpeg");
    cases::attach(
        &mut ledger,
        case,
        &fixture("evidence/bank_note.txt"),
        at("2026-01-27T09:08:00Z"),
    )
    .expect("attach txt");
    cases::diagnose(&mut ledger, case, at("2026-01-27T10:00:00Z")).expect("diagnose");
    Setup {
        dir,
        ledger,
        case,
        txn,
        batch: outcome.batch_id.expect("batch id"),
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let name = f.name().expect("name").into_owned();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).expect("read");
        out.push((name, buf));
    }
    out
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("finish").into_inner()
}

fn text_of(entries: &[(String, Vec<u8>)], suffix: &str) -> String {
    let (_, b) = entries
        .iter()
        .find(|(n, _)| n.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} in the pack"));
    String::from_utf8(b.clone()).expect("utf-8")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn facts_merge_answers_and_ledger_with_provenance_and_history() {
    let s = setup();
    let view = cases::show(&s.ledger, s.case).expect("show");
    let fact = |name: &str| {
        view.facts
            .iter()
            .find(|f| f.fact == name)
            .unwrap_or_else(|| panic!("no fact {name}"))
            .clone()
    };
    // The user's later answer supersedes the earlier one; the ledger agrees and adds its row.
    let bank = fact("bank_status");
    assert_eq!(bank.value, json!("settled"));
    assert_eq!(bank.source, Origin::User);
    assert_eq!(bank.rows, vec![s.txn]);
    assert_eq!(bank.answered_at.as_deref(), Some("2026-01-27T09:02:00Z"));
    // Filled from the links: the payment record and the card line.
    assert_eq!(fact("platform_payment_record").source, Origin::Ledger);
    assert_eq!(fact("platform_payment_record").value, json!("succeeded"));
    assert_eq!(fact("charges_seen").value, json!(1));
    assert_eq!(fact("paid_at").value, json!("2026-01-26T17:05:00Z"));
    assert_eq!(fact("currency").value, json!("USD"));
    // The history keeps both bank_status answers.
    let answers: Vec<_> = view
        .history
        .iter()
        .filter(|a| a.fact == "bank_status" && a.source == Origin::User)
        .map(|a| (a.value.clone(), a.current))
        .collect();
    assert_eq!(
        answers,
        vec![
            (Some(json!("pending")), false),
            (Some(json!("settled")), true)
        ]
    );
    assert_eq!(view.details.card_last4, vec!["4242".to_owned()]);
    assert_eq!(view.details.receipt_numbers, vec!["2211-0042".to_owned()]);
    assert!(view.diagnosis_current);
    let d = view.latest_diagnosis().expect("a diagnosis");
    assert_eq!(d.result["first_contact"], json!("openai_support"));
    assert_eq!(
        d.result["diagnoses"][0]["code"],
        json!("payment_succeeded_not_credited")
    );
}

#[test]
fn answers_are_checked_like_the_facts_file() {
    let mut s = setup();
    let e = cases::answer(
        &mut s.ledger,
        s.case,
        "bank_status",
        "pendng",
        at("2026-01-28T00:00:00Z"),
    )
    .expect_err("refused");
    assert!(e.is_bad_input());
    assert_eq!(
        e.to_string(),
        "field \"bank_status\": \"pendng\" is not one of the allowed values; expected one of \"none\", \"pending\", \"settled\", \"declined\" or \"reversed\""
    );
    let e = cases::answer(
        &mut s.ledger,
        s.case,
        "card_last4",
        "42",
        at("2026-01-28T00:00:00Z"),
    )
    .expect_err("refused");
    assert!(
        e.to_string().contains("expected the last four digits"),
        "{e}"
    );
    let e = cases::answer(
        &mut s.ledger,
        999,
        "amount",
        "1",
        at("2026-01-28T00:00:00Z"),
    )
    .expect_err("no case");
    assert!(matches!(e, CaseError::NoSuchCase(999)));
    // "unknown" clears an answer, and the history keeps it.
    cases::answer(
        &mut s.ledger,
        s.case,
        "amount",
        "unknown",
        at("2026-01-28T00:00:00Z"),
    )
    .expect("unknown");
    let view = cases::show(&s.ledger, s.case).expect("show");
    let amount = view
        .facts
        .iter()
        .find(|f| f.fact == "amount")
        .expect("amount");
    // The payment record still shows the amount.
    assert_eq!(amount.source, Origin::Ledger);
    assert!(!view.diagnosis_current, "facts changed since the diagnosis");
}

#[test]
fn attachments_lose_gps_and_keep_both_hashes() {
    let s = setup();
    let view = cases::show(&s.ledger, s.case).expect("show");
    let jpeg = &view.attachments[0];
    assert_eq!(jpeg.original_name, "screenshot_with_gps.jpg");
    assert_eq!(jpeg.media_type, "image/jpeg");
    assert!(jpeg.redacted);
    let original = std::fs::read(fixture("evidence/screenshot_with_gps.jpg")).expect("fixture");
    assert_eq!(jpeg.original_sha256, cases::sha256_hex(&original));
    assert_ne!(jpeg.original_sha256, jpeg.stored_sha256);
    assert_eq!(jpeg.captured_at, "2026-01-27T09:07:00Z");
    // Stored next to the ledger, in the temp folder.
    let stored_path = s
        .dir
        .path()
        .join("attachments")
        .join(s.case.to_string())
        .join(&jpeg.stored_name);
    let stored = std::fs::read(&stored_path).expect("stored copy");
    assert_eq!(cases::sha256_hex(&stored), jpeg.stored_sha256);
    assert!(contains(&original, b"Exif\0\0") && contains(&original, b"221B"));
    assert!(!contains(&stored, b"Exif"), "EXIF (with GPS) removed");
    assert!(!contains(&stored, b"FakeCam"));
    assert!(!contains(&stored, b"221B"), "comment removed");
    assert!(stored.starts_with(&[0xFF, 0xD8]) && stored.ends_with(&[0xFF, 0xD9]));
    // The image data is untouched: the stored copy is the original minus the two segments.
    assert_eq!(original.len() - stored.len(), 2 + 0x9c + 2 + 0x1d);
    let txt = &view.attachments[1];
    assert!(!txt.redacted);
    assert_eq!(txt.original_sha256, txt.stored_sha256);
}

#[test]
fn the_pack_is_deterministic_redacted_and_verifies() {
    let mut s = setup();
    let opts = ExportOptions::default();
    let (a, files) = cases::export_bytes(&s.ledger, s.case, &opts).expect("export");
    let (b, _) = cases::export_bytes(&s.ledger, s.case, &opts).expect("export again");
    assert_eq!(a, b, "same case, same bytes");
    let out = s.dir.path().join("pack.zip");
    let report = cases::export(
        &mut s.ledger,
        s.case,
        &out,
        &opts,
        at("2030-01-01T00:00:00Z"),
    )
    .expect("export to file");
    assert!(!report.diagnosed, "the diagnosis was current");
    assert_eq!(std::fs::read(&out).expect("pack"), a);
    drop(s.ledger);
    let reopened = Ledger::open(&db_path(&s.dir)).expect("reopen");
    let (c, _) = cases::export_bytes(&reopened, s.case, &opts).expect("export after reopen");
    assert_eq!(a, c, "same bytes after reopening the ledger");

    let entries = unzip(&a);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let root = format!("aispend-case-{}", s.case);
    let expected: Vec<String> = [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "manifest.json",
        "data/summary.md",
        "data/summary.html",
        "data/timeline.csv",
        "data/message.txt",
        "data/attachments/01-screenshot_with_gps.jpg",
        "data/attachments/02-bank_note.txt",
    ]
    .iter()
    .map(|n| format!("{root}/{n}"))
    .collect();
    assert_eq!(names, expected);
    assert_eq!(files.len(), 6);

    // Redaction everywhere: no card number, no key, no e-mail address.
    for (name, bytes) in &entries {
        for secret in [
            CARD.as_bytes(),
            b"4242424242424242".as_slice(),
            b"sk-proj-",
            b"jane.doe@",
        ] {
            assert!(
                !contains(bytes, secret),
                "{name} holds {}",
                String::from_utf8_lossy(secret)
            );
        }
    }
    let md = text_of(&entries, "summary.md");
    assert!(md.contains("•••• 4242"), "{md}");
    assert!(md.contains("[API key removed]"), "{md}");
    assert!(md.contains("j•••@example.com"), "{md}");
    let note = text_of(&entries, "attachments/02-bank_note.txt");
    assert!(note.contains("•••• 4242") && note.contains("[API key removed]"));
    let html = text_of(&entries, "summary.html");
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no remote content"
    );
    let timeline = text_of(&entries, "timeline.csv");
    assert!(timeline.starts_with("utc,local,event,detail\r\n"));
    assert!(timeline.contains("2026-01-27T09:06:00Z,2026-01-27 17:06:00 +08:00,note,"));
    let jpeg = &entries[9].1;
    assert!(!contains(jpeg, b"Exif"));

    // Keeping e-mails is an option.
    let (kept, _) = cases::export_bytes(
        &reopened,
        s.case,
        &ExportOptions {
            redaction: Redaction { keep_emails: true },
            ..ExportOptions::default()
        },
    )
    .expect("export keeping emails");
    assert!(text_of(&unzip(&kept), "summary.md").contains("jane.doe@example.com"));

    let ok = cases::verify_bytes(&a, "pack.zip").expect("verify");
    assert!(ok.ok, "{:?}", ok.problems);
    assert_eq!(ok.checked, 6 + 4 + 6);

    // A file changed and the ZIP rewritten: verify names the file.
    let mut tampered = entries.clone();
    tampered[8].1[10] ^= 0x01;
    let r = cases::verify_bytes(&rezip(&tampered), "pack.zip").expect("verify tampered");
    assert!(!r.ok);
    let msgs: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
    assert!(
        msgs.iter().any(
            |m| m.starts_with(&format!("{root}/data/message.txt: SHA-256 is"))
                && m.contains("manifest-sha256.txt")
        ),
        "{msgs:?}"
    );
    // A file added and one removed.
    let mut changed = entries.clone();
    changed.remove(10);
    changed.push((format!("{root}/data/extra.txt"), b"hello".to_vec()));
    let r = cases::verify_bytes(&rezip(&changed), "pack.zip").expect("verify changed");
    let msgs: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
    assert!(
        msgs.iter()
            .any(|m| m
                .contains("02-bank_note.txt: listed in manifest-sha256.txt but not in the pack")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("data/extra.txt: in the pack but in no manifest")),
        "{msgs:?}"
    );
    // One byte flipped inside the ZIP itself: the damaged entry is named.
    let mut raw = a.clone();
    let pos = raw
        .windows(b"data/message.txt".len())
        .position(|w| w == b"data/message.txt")
        .expect("entry header")
        + b"data/message.txt".len()
        + 5;
    raw[pos] ^= 0xFF;
    match cases::verify_bytes(&raw, "pack.zip") {
        Ok(r) => assert!(!r.ok, "a flipped byte must not verify"),
        Err(e) => assert!(e.to_string().contains("message.txt"), "{e}"),
    }
    assert!(cases::verify_bytes(b"not a zip", "x.zip").is_err());
}

#[test]
fn summary_and_message_snapshots() {
    let s = setup();
    let (bytes, _) =
        cases::export_bytes(&s.ledger, s.case, &ExportOptions::default()).expect("export");
    let entries = unzip(&bytes);
    insta::assert_snapshot!("summary_md", text_of(&entries, "summary.md"));
    insta::assert_snapshot!("message_txt", text_of(&entries, "message.txt"));
    insta::assert_snapshot!("timeline_csv", text_of(&entries, "timeline.csv"));
}

#[test]
fn a_link_survives_undo_and_reimport() {
    let mut s = setup();
    aispend_core::batches::undo(&mut s.ledger, s.batch).expect("undo");
    let view = cases::show(&s.ledger, s.case).expect("show");
    let link = view.active_rows().next().expect("link kept");
    assert!(
        matches!(&link.row, Linked::Txn { txn: None, .. }),
        "line gone for now"
    );
    import_file(&mut s.ledger, &fixture(JAN), &ImportOptions::default()).expect("re-import");
    let view = cases::show(&s.ledger, s.case).expect("show");
    let link = view.active_rows().next().expect("link kept");
    match &link.row {
        Linked::Txn {
            txn_id,
            txn: Some(t),
        } => {
            assert_eq!(*txn_id, s.txn);
            assert_ne!(t.id, s.txn, "the line has a new id");
            assert_eq!(t.description, "OPENAI");
        }
        other => panic!("{other:?}"),
    }
    // Unlinking by the new id works, and the history keeps the link.
    let new_id = match &link.row {
        Linked::Txn { txn: Some(t), .. } => t.id,
        _ => unreachable!(),
    };
    cases::unlink_txn(&mut s.ledger, s.case, new_id, at("2026-01-28T00:00:00Z")).expect("unlink");
    let view = cases::show(&s.ledger, s.case).expect("show");
    assert_eq!(
        view.active_rows()
            .filter(|r| matches!(r.row, Linked::Txn { .. }))
            .count(),
        0
    );
    assert!(view
        .rows
        .iter()
        .any(|r| r.unlinked_at.as_deref() == Some("2026-01-28T00:00:00Z")));
    let e = cases::unlink_txn(&mut s.ledger, s.case, new_id, at("2026-01-28T00:00:00Z"))
        .expect_err("not linked");
    assert!(e.is_bad_input());
}

#[test]
fn a_closed_case_refuses_changes_until_it_is_reopened() {
    use aispend_core::cases::CaseStatus;
    let mut s = setup();
    let t = at("2026-01-29T09:00:00Z");
    let before = cases::show(&s.ledger, s.case).expect("show");
    cases::set_status(&mut s.ledger, s.case, CaseStatus::Closed, t).expect("close");
    let closed = cases::show(&s.ledger, s.case).expect("show");
    assert_eq!(closed.status, CaseStatus::Closed);
    assert_eq!(closed.updated_at, "2026-01-29T09:00:00Z");
    // Everything the case held is still there.
    assert_eq!(closed.notes, before.notes);
    assert_eq!(closed.rows.len(), before.rows.len());
    assert_eq!(closed.topup_facts(), before.topup_facts());
    let listed = cases::list(&s.ledger).expect("list");
    assert_eq!(listed[0].status, CaseStatus::Closed);

    let refused: Vec<CaseError> = vec![
        cases::note(&mut s.ledger, s.case, "late note", t).expect_err("note"),
        cases::answer(&mut s.ledger, s.case, "bank_status", "posted", t).expect_err("answer"),
        cases::unlink_txn(&mut s.ledger, s.case, s.txn, t).expect_err("unlink"),
        cases::link_txn(&mut s.ledger, s.case, s.txn, t).expect_err("link"),
    ];
    for e in refused {
        assert!(matches!(e, CaseError::Closed(c) if c == s.case), "{e}");
        assert!(e.is_bad_input());
        assert!(e.to_string().contains("aispend case reopen"), "{e}");
    }
    let after = cases::show(&s.ledger, s.case).expect("show");
    assert_eq!(after.notes, before.notes, "nothing changed");
    assert_eq!(after.history.len(), before.history.len());

    // Closing twice is not an error and changes nothing.
    cases::set_status(
        &mut s.ledger,
        s.case,
        CaseStatus::Closed,
        at("2026-02-01T00:00:00Z"),
    )
    .expect("close again");
    assert_eq!(
        cases::show(&s.ledger, s.case).expect("show").updated_at,
        "2026-01-29T09:00:00Z"
    );
    cases::set_status(&mut s.ledger, s.case, CaseStatus::Open, t).expect("reopen");
    cases::note(&mut s.ledger, s.case, "reopened: the bank answered", t).expect("note");
    let e = cases::set_status(&mut s.ledger, 9999, CaseStatus::Closed, t).expect_err("none");
    assert!(matches!(e, CaseError::NoSuchCase(9999)));
}

#[test]
fn attachments_need_a_ledger_file_and_a_readable_image() {
    let mut mem = Ledger::open_in_memory().expect("memory");
    let case = cases::create(
        &mut mem,
        &NewCase {
            title: None,
            provider: None,
            facts: Facts::new(),
            zone: LocalZone::parse_offset("Z").expect("utc"),
        },
        at("2026-01-27T09:00:00Z"),
    )
    .expect("create");
    let e = cases::attach(
        &mut mem,
        case,
        &fixture("evidence/bank_note.txt"),
        at("2026-01-27T09:00:00Z"),
    )
    .expect_err("in memory");
    assert!(matches!(e, CaseError::NoDataFolder));
    assert_eq!(
        cases::list(&mem).expect("list")[0].title,
        "OpenAI top-up did not arrive"
    );

    let mut s = setup();
    let bad = s.dir.path().join("broken.jpg");
    std::fs::write(&bad, b"\xFF\xD8\xFF\xE1\x00\x10Exif").expect("write");
    let e =
        cases::attach(&mut s.ledger, s.case, &bad, at("2026-01-28T00:00:00Z")).expect_err("bad");
    assert!(e.is_bad_input());
    assert!(
        e.to_string().contains("expected a JPEG or PNG image"),
        "{e}"
    );
    let e = cases::attach(
        &mut s.ledger,
        s.case,
        &s.dir.path().join("nope.pdf"),
        at("2026-01-28T00:00:00Z"),
    )
    .expect_err("missing");
    assert!(
        e.to_string().contains("nope.pdf: cannot read the file"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------
// Redaction everywhere, and the preview

const PLANTED_CARDS: [&str; 3] = [
    "4242424242424242",
    "5555 5555 5555 4444",
    "3782-822463-10005",
];
const PLANTED_KEYS: [&str; 5] = [
    "sk-proj-AbCdEf0123456789xyz",
    "sk-admin-0123456789abcdefXYZ",
    "sk-svcacct-0123456789abcdef0123",
    "sk-ant-api03-abcdefghijklmnop_qrstuv",
    "sk-abcdefghijklmnopqrstuvwxyz012345",
];
const PLANTED_EMAILS: [&str; 2] = ["jane.doe@example.com", "ops+billing@corp.example.org"];

/// Every secret in one line of text.
fn all_secrets() -> String {
    format!(
        "{} {} {}",
        PLANTED_CARDS.join(" and "),
        PLANTED_KEYS.join(" "),
        PLANTED_EMAILS.join(", ")
    )
}

/// The digits of a card as a run, also when written in groups.
fn digits(card: &str) -> String {
    card.chars().filter(char::is_ascii_digit).collect()
}

/// A case with secrets planted in every field the user fills, every note
/// and every attachment's name and text.
fn planted() -> (Setup, Vec<String>) {
    let mut s = setup();
    let t = at("2026-01-28T09:00:00Z");
    // The title is set at creation: a second case carries it.
    let case = cases::create(
        &mut s.ledger,
        &NewCase {
            title: Some(format!("Missing top-up {}", all_secrets())),
            provider: Some(Provider::Openai),
            facts: Facts::new(),
            zone: LocalZone::parse_offset("+08:00").expect("offset"),
        },
        t,
    )
    .expect("create");
    cases::link_txn(&mut s.ledger, case, s.txn, t).expect("link");
    let short = |i: usize| {
        format!(
            "{} {}",
            PLANTED_CARDS[i % 3],
            PLANTED_KEYS[i % PLANTED_KEYS.len()]
        )
    };
    cases::answer(&mut s.ledger, case, "receipt_number", &short(0), t).expect("receipt");
    cases::answer(&mut s.ledger, case, "invoice_number", &short(1), t).expect("invoice");
    cases::answer(&mut s.ledger, case, "topup_org", &all_secrets(), t).expect("topup_org");
    cases::answer(&mut s.ledger, case, "key_org", &all_secrets(), t).expect("key_org");
    // A settled charge the provider does not list: the message is a letter
    // to the bank, which carries the facts (and so the planted secrets).
    cases::answer(&mut s.ledger, case, "platform_payment_record", "none", t).expect("record");
    cases::note(&mut s.ledger, case, &all_secrets(), t).expect("note");
    cases::note(
        &mut s.ledger,
        case,
        &format!("line one\n{}\nline three", all_secrets()),
        t,
    )
    .expect("note on lines");
    let png_name = "card 4242424242424242 sk-proj-AbCdEf0123456789xyz.png";
    let png = s.dir.path().join(png_name);
    std::fs::copy(fixture("evidence/screenshot_with_gps.jpg"), &png).expect("copy");
    cases::attach(&mut s.ledger, case, &png, t).expect("attach image");
    let txt = s.dir.path().join(format!(
        "from jane.doe@example.com sk-admin-0123456789abcdefXYZ {}.txt",
        PLANTED_CARDS[1]
    ));
    std::fs::write(&txt, format!("bank said:\n{}\n", all_secrets())).expect("write");
    cases::attach(&mut s.ledger, case, &txt, t).expect("attach text");
    let csv = s.dir.path().join("5555555555554444.csv");
    std::fs::write(&csv, format!("a,b\n1,{}\n", all_secrets())).expect("write");
    cases::attach(&mut s.ledger, case, &csv, t).expect("attach csv");
    cases::diagnose(&mut s.ledger, case, t).expect("diagnose");
    s.case = case;
    (s, vec![png_name.to_owned()])
}

/// Every planted secret found in a (decompressed) entry or entry name.
fn leaks(entries: &[(String, Vec<u8>)], keep_emails: bool) -> Vec<String> {
    let mut needles: Vec<String> = Vec::new();
    for c in PLANTED_CARDS {
        needles.push(c.to_owned());
        needles.push(digits(c));
    }
    needles.extend(PLANTED_KEYS.iter().map(|k| (*k).to_owned()));
    if !keep_emails {
        needles.extend(PLANTED_EMAILS.iter().map(|e| (*e).to_owned()));
        // An address turned into a file name (`@` becomes `_`) is one too.
        needles.push("jane.doe_example.com".to_owned());
    }
    let mut found = Vec::new();
    for (name, bytes) in entries {
        for n in &needles {
            if name.contains(n.as_str()) {
                found.push(format!("entry name {name} holds {n}"));
            }
            if contains(bytes, n.as_bytes()) {
                found.push(format!("{name} holds {n}"));
            }
            // Hex-escaped or JSON-escaped forms are not written; the HTML
            // escapes only & < > " ', none of which the secrets hold.
        }
    }
    found
}

#[test]
fn secrets_in_every_field_note_and_attachment_name_are_redacted_in_the_pack() {
    let (s, _) = planted();
    let (bytes, _) =
        cases::export_bytes(&s.ledger, s.case, &ExportOptions::default()).expect("export");
    let entries = unzip(&bytes);
    let found = leaks(&entries, false);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let root = format!("aispend-case-{}", s.case);
    assert!(
        names.contains(
            &format!("{root}/data/attachments/01-card______4242__API_key_removed_.png").as_str()
        ),
        "{names:?}"
    );
    assert!(
        names.contains(&format!("{root}/data/attachments/03-_____4444.csv").as_str()),
        "{names:?}"
    );
    // The summary, the timeline and manifest.json name the redacted files.
    let md = text_of(&entries, "summary.md");
    assert!(
        md.contains("attachments/01-card______4242__API_key_removed_.png"),
        "{md}"
    );
    assert!(md.contains("card •••• 4242 [API key removed].png"), "{md}");
    let manifest = text_of(&entries, "manifest.json");
    assert!(
        manifest.contains("card •••• 4242 [API key removed].png"),
        "{manifest}"
    );
    let timeline = text_of(&entries, "timeline.csv");
    assert!(timeline.contains("as attachments/01-card______4242__API_key_removed_.png"));
    // The pack still verifies.
    let ok = cases::verify_bytes(&bytes, "pack.zip").expect("verify");
    assert!(ok.ok, "{:?}", ok.problems);

    // Keeping e-mails keeps them, and only them.
    let keep = ExportOptions {
        redaction: Redaction { keep_emails: true },
        ..ExportOptions::default()
    };
    let (kept, _) = cases::export_bytes(&s.ledger, s.case, &keep).expect("export");
    let entries = unzip(&kept);
    let found = leaks(&entries, true);
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(text_of(&entries, "summary.md").contains("jane.doe@example.com"));
}

#[test]
fn the_preview_lists_every_redaction_and_writes_nothing() {
    let (mut s, names) = planted();
    // A fact changed after the diagnosis: export would diagnose first; the
    // preview must not.
    cases::answer(
        &mut s.ledger,
        s.case,
        "amount",
        "25.00",
        at("2026-01-28T10:00:00Z"),
    )
    .expect("answer");
    let before = cases::show(&s.ledger, s.case).expect("show");
    let dir_before: Vec<_> = std::fs::read_dir(s.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    let hits = cases::redaction_preview(
        &s.ledger,
        s.case,
        &ExportOptions::default(),
        at("2026-01-28T11:00:00Z"),
    )
    .expect("preview");
    let after = cases::show(&s.ledger, s.case).expect("show");
    assert_eq!(before.diagnoses.len(), after.diagnoses.len());
    assert_eq!(before.updated_at, after.updated_at);
    assert!(!after.diagnosis_current);
    let dir_after: Vec<_> = std::fs::read_dir(s.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(dir_before, dir_after, "nothing written");

    // Never a full secret in what the preview shows.
    for h in &hits {
        let shown = format!("{} {} {}", h.file, h.original_masked_hint, h.replacement);
        for c in PLANTED_CARDS {
            assert!(!shown.contains(c) && !shown.contains(&digits(c)), "{shown}");
        }
        for k in PLANTED_KEYS.iter().chain(PLANTED_EMAILS.iter()) {
            assert!(!shown.contains(k), "{shown}");
        }
    }
    let name_hits: Vec<_> = hits
        .iter()
        .filter(|h| h.file == "data/attachments/01-card______4242__API_key_removed_.png")
        .collect();
    assert_eq!(name_hits.len(), 2, "{hits:#?} for {names:?}");
    assert!(name_hits.iter().all(|h| h.line.is_none()));
    assert!(name_hits.iter().any(|h| h.kind == cases::HitKind::Card
        && h.original_masked_hint == "•••• 4242 (16 digits)"
        && h.replacement == "•••• 4242"));
    assert!(name_hits.iter().any(|h| h.kind == cases::HitKind::ApiKey
        && h.original_masked_hint == "sk-proj-…(27 chars)"
        && h.replacement == "[API key removed]"));
    // The text attachment: its second line holds every secret.
    let txt: Vec<_> = hits
        .iter()
        .filter(|h| h.file.starts_with("data/attachments/02-") && h.line.is_some())
        .collect();
    assert_eq!(txt.len(), 3 + 5 + 2, "{txt:#?}");
    assert!(txt.iter().all(|h| h.line == Some(2)));
    for file in [
        "data/summary.md",
        "data/summary.html",
        "data/timeline.csv",
        "data/message.txt",
        "manifest.json",
    ] {
        assert!(
            hits.iter().any(|h| h.file == file),
            "no redaction in {file}"
        );
    }
    // With e-mails kept, no e-mail is listed.
    let kept = cases::redaction_preview(
        &s.ledger,
        s.case,
        &ExportOptions {
            redaction: Redaction { keep_emails: true },
            ..ExportOptions::default()
        },
        at("2026-01-28T11:00:00Z"),
    )
    .expect("preview");
    assert!(kept.iter().all(|h| h.kind != cases::HitKind::Email));
    assert!(!kept.is_empty());
}

// ---------------------------------------------------------------------------
// Hostile packs for verify

fn zip_with(build: impl FnOnce(&mut zip::ZipWriter<Cursor<Vec<u8>>>)) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    build(&mut z);
    z.finish().expect("finish").into_inner()
}

fn deflated() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

fn file(z: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]) {
    z.start_file(name, deflated()).expect("start");
    z.write_all(bytes).expect("write");
}

/// (what, the pack, a part of the message).
pub fn hostile_packs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let bag = |z: &mut zip::ZipWriter<Cursor<Vec<u8>>>| {
        file(z, "aispend-case-1/bagit.txt", b"BagIt-Version: 1.0\n");
    };
    vec![
        (
            "a .. entry",
            zip_with(|z| {
                bag(z);
                file(z, "../evil", b"x");
            }),
            "entry \"../evil\" has a `..` part",
        ),
        (
            "an absolute path",
            zip_with(|z| {
                bag(z);
                file(z, "/etc/x", b"x");
            }),
            "entry \"/etc/x\" is an absolute path",
        ),
        (
            "a backslash",
            zip_with(|z| {
                bag(z);
                file(z, "aispend-case-1\\..\\..\\evil", b"x");
            }),
            "holds a backslash",
        ),
        (
            "a symbolic link",
            zip_with(|z| {
                bag(z);
                z.add_symlink("aispend-case-1/data/link", "/etc/passwd", deflated())
                    .expect("symlink");
            }),
            "entry \"aispend-case-1/data/link\" is a symbolic link",
        ),
        (
            "10 MB of zeros",
            zip_with(|z| {
                bag(z);
                file(z, "aispend-case-1/data/zeros", &vec![0u8; 10 << 20]);
            }),
            "more than 200:1 (a zip bomb)",
        ),
        (
            "20 000 entries",
            zip_with(|z| {
                for i in 0..20_000 {
                    z.start_file(format!("e{i}"), zip::write::SimpleFileOptions::default())
                        .expect("start");
                }
            }),
            "it has 20000 entries, more than the 10000 allowed",
        ),
    ]
}

#[test]
fn hostile_packs_are_refused_before_anything_is_unpacked() {
    for (what, bytes, message) in hostile_packs() {
        let e = cases::verify_bytes(&bytes, "evil.zip").expect_err(what);
        assert!(e.is_bad_input(), "{what}: {e}");
        let text = e.to_string();
        assert!(
            text.starts_with("evil.zip: not an evidence pack: ") && text.contains(message),
            "{what}: {text}"
        );
        assert!(text.contains("expected a ZIP written by `aispend case export`"));
    }
}

fn names_in(entries: &[(String, Vec<u8>)]) -> Vec<String> {
    entries
        .iter()
        .map(|(n, _)| n.split_once('/').map_or(n.as_str(), |(_, r)| r).to_owned())
        .collect()
}

#[test]
fn a_pack_for_a_chinese_reader_is_in_chinese_and_still_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ledger = Ledger::open(&db_path(&dir)).expect("open");
    let facts = Facts::from_json_str(
        r#"{"provider": "openai", "amount": "20.00", "currency": "USD",
            "bank_status": "declined", "payment_error": "card_declined", "card_kind": "credit"}"#,
    )
    .expect("facts");
    let case = cases::create(
        &mut ledger,
        &NewCase {
            title: Some("充值被拒".into()),
            provider: Some(Provider::Openai),
            facts,
            zone: LocalZone::parse_offset("+08:00").expect("offset"),
        },
        at("2026-02-03T01:00:00Z"),
    )
    .expect("create");
    cases::note(
        &mut ledger,
        case,
        "银行短信说交易被拒绝",
        at("2026-02-03T01:05:00Z"),
    )
    .expect("note");
    cases::diagnose(&mut ledger, case, at("2026-02-03T01:10:00Z")).expect("diagnose");
    let zh = ExportOptions {
        user: Lang::ZhCn,
        ..ExportOptions::default()
    };
    let (a, _) = cases::export_bytes(&ledger, case, &zh).expect("export");
    let (b, _) = cases::export_bytes(&ledger, case, &zh).expect("export again");
    assert_eq!(a, b, "same case, same language, same bytes");
    let ok = cases::verify_bytes(&a, "pack.zip").expect("verify");
    assert!(ok.ok, "{:?}", ok.problems);

    // The bank is the first contact and the user reads Chinese: the whole
    // pack is in Chinese, nothing beside it.
    let entries = unzip(&a);
    assert_eq!(
        names_in(&entries)[5..],
        [
            "data/summary.md",
            "data/summary.html",
            "data/timeline.csv",
            "data/message.txt"
        ]
    );
    let manifest = text_of(&entries, "manifest.json");
    assert!(manifest.contains("\"language\": \"zh-CN\""), "{manifest}");
    assert!(text_of(&entries, "summary.html").contains("<html lang=\"zh-CN\">"));
    let md = text_of(&entries, "summary.md");
    assert!(
        md.contains("首先联系：您的发卡银行（issuing_bank）"),
        "{md}"
    );
    insta::assert_snapshot!("summary_md_zh_cn", md);
    insta::assert_snapshot!("timeline_csv_zh_cn", text_of(&entries, "timeline.csv"));

    // The same case for a reader of English: all in English.
    let (en, _) = cases::export_bytes(&ledger, case, &ExportOptions::default()).expect("en");
    let en = unzip(&en);
    assert_eq!(names_in(&en), names_in(&entries));
    assert!(text_of(&en, "summary.md").starts_with("# Top-up case 1: 充值被拒"));
    assert!(text_of(&en, "timeline.csv").starts_with("utc,local,event,detail\r\n"));
}

#[test]
fn a_pack_to_support_for_a_chinese_user_keeps_english_with_chinese_beside() {
    let s = setup();
    let zh = ExportOptions {
        user: Lang::ZhCn,
        ..ExportOptions::default()
    };
    let (a, files) = cases::export_bytes(&s.ledger, s.case, &zh).expect("export");
    let (b, _) = cases::export_bytes(&s.ledger, s.case, &zh).expect("export again");
    assert_eq!(a, b);
    let ok = cases::verify_bytes(&a, "pack.zip").expect("verify");
    assert!(ok.ok, "{:?}", ok.problems);
    let entries = unzip(&a);
    assert_eq!(
        names_in(&entries)[5..10],
        [
            "data/summary.md",
            "data/summary.html",
            "data/summary.zh-CN.md",
            "data/summary.zh-CN.html",
            "data/timeline.csv",
        ]
    );
    assert!(names_in(&entries).contains(&"data/message.zh-CN.txt".to_owned()));
    assert_eq!(files.len(), 9);
    // Support reads the English; the summary says where the Chinese is.
    let md = text_of(&entries, "data/summary.md");
    assert!(md.starts_with("# Top-up case"), "{md}");
    assert!(
        md.contains(
            "The same summary in Chinese (Simplified): summary.zh-CN.md and summary.zh-CN.html."
        ),
        "{md}"
    );
    let zh_md = text_of(&entries, "summary.zh-CN.md");
    assert!(zh_md.starts_with("# 充值案件 "), "{zh_md}");
    assert!(
        zh_md.contains("首先联系：OpenAI 客服（openai_support）"),
        "{zh_md}"
    );
    assert!(zh_md.contains("•••• 4242") && !zh_md.contains("jane.doe@"));
    let cjk = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    assert!(
        !cjk(&text_of(&entries, "data/message.txt")),
        "support reads English"
    );
    let check = text_of(&entries, "message.zh-CN.txt");
    assert!(cjk(&check), "{check}");
    assert!(text_of(&entries, "timeline.csv").starts_with("utc,local,event,detail\r\n"));
}

//! The ledger and the import pipeline against real fixture files.

use std::path::{Path, PathBuf};

use aispend_core::classify::Class;
use aispend_core::import::{import_file, ImportError, ImportOptions, Problem};
use aispend_core::ledger::{TxnEdit, TxnFilter, TxnStatus};
use aispend_core::{Ledger, LedgerError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

const JAN: &str = "chase/Chase1234_Activity20260101_20260131_20260203.CSV";
const FEB_OVERLAP: &str = "chase/Chase1234_Activity20260125_20260224_20260226.CSV";
const OLDER: &str = "chase/Activity2025_older_export.CSV";

struct Temp {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn temp_ledger() -> (Temp, Ledger) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.sqlite");
    let ledger = Ledger::open(&path).expect("open ledger");
    (Temp { _dir: dir, path }, ledger)
}

fn import(ledger: &mut Ledger, rel: &str) -> aispend_core::import::ImportOutcome {
    import_file(ledger, &fixture(rel), &ImportOptions::default()).expect("import")
}

fn all(ledger: &Ledger) -> Vec<aispend_core::ledger::TxnRow> {
    ledger.transactions(&TxnFilter::default()).expect("txns")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn a_new_ledger_has_the_pragmas_the_code_relies_on() {
    let (tmp, ledger) = temp_ledger();
    assert_eq!(
        ledger.schema_version().expect("version"),
        aispend_core::ledger::migrations::latest_version()
    );
    drop(ledger);
    let conn = rusqlite::Connection::open(&tmp.path).expect("raw open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
}

#[test]
fn imports_a_chase_statement_exactly() {
    let (_tmp, mut ledger) = temp_ledger();
    let out = import(&mut ledger, JAN);
    assert_eq!((out.added, out.duplicates, out.rejected), (18, 0, 0));
    assert_eq!(out.format, "chase-card-csv");
    assert_eq!(out.account, "Chase card ending 1234");
    assert_eq!(out.sha256.len(), 64);

    let rows = all(&ledger);
    assert_eq!(rows.len(), 18);
    let chatgpt = rows
        .iter()
        .find(|r| r.description == "OPENAI *CHATGPT SUBSCR")
        .expect("ChatGPT line");
    assert_eq!(chatgpt.amount, Decimal::new(-2000, 2));
    assert_eq!(chatgpt.amount.to_string(), "-20.00");
    assert_eq!(chatgpt.currency.as_str(), "USD");
    assert_eq!(
        chatgpt.date,
        date(2026, 1, 30),
        "the transaction date, as written"
    );
    assert_eq!(chatgpt.posted_date, Some(date(2026, 1, 31)));
    assert_eq!(chatgpt.status, TxnStatus::Posted);

    let quoted = rows
        .iter()
        .find(|r| r.description == "TST* NOPA RESTAURANT")
        .expect("quoted line");
    assert_eq!(
        quoted.memo.as_deref(),
        Some("split with \"Alex\", see note")
    );
    let payment = rows
        .iter()
        .find(|r| r.description.starts_with("Payment Thank You"))
        .expect("payment");
    assert_eq!(payment.amount.to_string(), "850.00");
    assert_eq!(payment.category, None);

    // Exact sums: no float anywhere.
    let total: Decimal = rows.iter().map(|r| r.amount).sum();
    assert_eq!(total.to_string(), "390.54");
}

#[test]
fn two_identical_charges_on_one_day_both_stay() {
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let coffees = all(&ledger)
        .into_iter()
        .filter(|r| r.description == "SQ *BLUE BOTTLE COFFEE")
        .count();
    assert_eq!(coffees, 2);
}

#[test]
fn the_same_file_twice_adds_nothing_the_second_time() {
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let again = import(&mut ledger, JAN);
    assert_eq!((again.added, again.duplicates), (0, 18));
    assert!(again.batch_id.is_some(), "the attempt is still recorded");
    assert_eq!(all(&ledger).len(), 18);
}

#[test]
fn an_overlapping_statement_adds_only_its_new_week() {
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let feb = import(&mut ledger, FEB_OVERLAP);
    // 8 lines (Jan 25-31, with both identical coffees) were in January's file.
    assert_eq!((feb.added, feb.duplicates), (7, 8));
    assert_eq!(all(&ledger).len(), 25);
}

#[test]
fn the_same_lines_in_another_account_are_not_duplicates() {
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let opts = ImportOptions {
        account: Some("Partner's card".into()),
        ..ImportOptions::default()
    };
    let out = import_file(&mut ledger, &fixture(JAN), &opts).expect("import");
    assert_eq!((out.added, out.account.as_str()), (18, "Partner's card"));
}

#[test]
fn a_dry_run_counts_and_writes_nothing() {
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let opts = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    let preview = import_file(&mut ledger, &fixture(FEB_OVERLAP), &opts).expect("dry run");
    assert_eq!(
        (preview.added, preview.duplicates, preview.batch_id),
        (7, 8, None)
    );
    assert_eq!(all(&ledger).len(), 18);
    assert_eq!(
        aispend_core::batches::history(&ledger,)
            .expect("batches")
            .len(),
        1
    );

    // A dry run into a fresh account sees everything as new.
    let fresh = ImportOptions {
        dry_run: true,
        account: Some("new card".into()),
        ..ImportOptions::default()
    };
    let out = import_file(&mut ledger, &fixture(JAN), &fresh).expect("dry run");
    assert_eq!((out.added, out.duplicates), (18, 0));
    assert!(aispend_core::batches::history(&ledger,)
        .expect("batches")
        .iter()
        .all(|b| b.account != "new card"));
}

#[test]
fn undo_removes_a_batch_and_its_file_can_come_back() {
    let (_tmp, mut ledger) = temp_ledger();
    let jan = import(&mut ledger, JAN);
    let feb = import(&mut ledger, FEB_OVERLAP);
    let removed =
        aispend_core::batches::undo(&mut ledger, feb.batch_id.expect("batch")).expect("undo");
    assert_eq!(removed, 7);
    assert_eq!(all(&ledger).len(), 18);
    assert!(matches!(
        aispend_core::batches::undo(&mut ledger, feb.batch_id.expect("batch")),
        Err(LedgerError::BatchAlreadyUndone(_))
    ));
    assert!(matches!(
        aispend_core::batches::undo(&mut ledger, 999),
        Err(LedgerError::NoSuchBatch(999))
    ));

    aispend_core::batches::undo(&mut ledger, jan.batch_id.expect("batch")).expect("undo");
    assert!(all(&ledger).is_empty());
    let back = import(&mut ledger, JAN);
    assert_eq!(back.added, 18);
}

#[test]
fn user_edits_survive_undo_and_re_import() {
    let (_tmp, mut ledger) = temp_ledger();
    let batch = import(&mut ledger, JAN);
    let line = all(&ledger)
        .into_iter()
        .find(|r| r.description == "OPENAI")
        .expect("API top-up");
    ledger
        .edit_transaction(
            line.id,
            &TxnEdit {
                class: Some("ai-api".into()),
                vendor: Some("openai".into()),
                tags: Some(vec!["client-acme".into()]),
                note: Some("credits for the Acme prototype".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    aispend_core::batches::undo(&mut ledger, batch.batch_id.expect("batch")).expect("undo");
    import(&mut ledger, JAN);
    let again = all(&ledger)
        .into_iter()
        .find(|r| r.description == "OPENAI")
        .expect("API top-up again");
    assert_ne!(again.id, line.id, "a new row");
    assert_eq!(again.class.map(Class::as_str), Some("ai-api"));
    assert_eq!(again.vendor.as_deref(), Some("openai"));
    assert_eq!(again.tags, vec!["client-acme".to_string()]);
    assert_eq!(
        again.note.as_deref(),
        Some("credits for the Acme prototype")
    );
}

#[test]
fn older_exports_without_card_column_with_bom_crlf_and_quoted_newlines() {
    let (_tmp, mut ledger) = temp_ledger();
    let out = import(&mut ledger, OLDER);
    assert_eq!((out.added, out.account.as_str()), (5, "Chase card"));
    let rows = all(&ledger);
    let cursor = rows
        .iter()
        .find(|r| r.description == "CURSOR, AI POWERED IDE")
        .expect("quoted comma");
    assert_eq!(cursor.amount.to_string(), "-20.00");
    let dinner = rows
        .iter()
        .find(|r| r.description == "OPENTABLE*BOOKING")
        .expect("multi-line memo");
    assert_eq!(
        dinner.memo.as_deref(),
        Some("deposit for\r\ndinner on the 12th")
    );
}

#[test]
fn filters_by_local_date_inclusive() {
    let (_tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let rows = ledger
        .transactions(&TxnFilter {
            from: Some(date(2026, 1, 29)),
            to: Some(date(2026, 1, 30)),
            ..TxnFilter::default()
        })
        .expect("txns");
    assert_eq!(rows.len(), 3);
    assert!(
        rows.windows(2).all(|w| w[0].date >= w[1].date),
        "newest first"
    );
}

#[test]
fn a_bad_row_late_in_a_large_file_leaves_the_ledger_unchanged() {
    let (tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let before = all(&ledger);
    let big = tmp.path.with_file_name("big.CSV");
    let mut text =
        String::from("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "01/{:02}/2025,01/{:02}/2025,SHOP {i},Shopping,Sale,-{}.{:02},\n",
            i % 28 + 1,
            i % 28 + 1,
            i % 300 + 1,
            i % 100
        ));
    }
    text.push_str("02/30/2025,03/01/2025,LAST ONE,Shopping,Sale,-1.00,\n");
    std::fs::write(&big, text).expect("write");
    let err = import_file(&mut ledger, &big, &ImportOptions::default()).expect_err("bad row");
    match err {
        ImportError::BadInput(b) => {
            assert_eq!(b.line, 20_002);
            assert!(matches!(
                b.problem,
                Problem::BadDate {
                    impossible: true,
                    ..
                }
            ));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(all(&ledger), before);
    assert_eq!(
        aispend_core::batches::history(&ledger,)
            .expect("batches")
            .len(),
        1
    );
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.sqlite");
    std::fs::write(
        &path,
        "this is a text file, not SQLite, and it is long enough to have a header area ".repeat(20),
    )
    .expect("write");
    let err = Ledger::open(&path).expect_err("refused");
    assert!(matches!(err, LedgerError::NotALedger { .. }), "{err:?}");
}

#[test]
fn a_ledger_from_a_newer_version_is_refused_untouched() {
    let (tmp, ledger) = temp_ledger();
    drop(ledger);
    {
        let conn = rusqlite::Connection::open(&tmp.path).expect("raw open");
        conn.pragma_update(None, "user_version", 999).expect("bump");
    }
    let bytes = std::fs::read(&tmp.path).expect("read");
    let err = Ledger::open(&tmp.path).expect_err("newer refused");
    assert!(err.to_string().contains("newer AI Spend"), "{err}");
    assert_eq!(std::fs::read(&tmp.path).expect("read"), bytes);
}

#[test]
fn backup_api_copies_a_live_ledger() {
    let (tmp, mut ledger) = temp_ledger();
    import(&mut ledger, JAN);
    let copy = tmp.path.with_file_name("copy.sqlite");
    ledger.backup_to(&copy).expect("backup");
    let other = Ledger::open(&copy).expect("open copy");
    assert_eq!(other.transaction_count().expect("count"), 18);
}

/// A file in no date order, with more dates than the importer keeps in
/// memory at once, still dedupes exactly (the cache falls back to lookups).
#[test]
fn unsorted_files_with_many_dates_dedupe_exactly() {
    let (tmp, mut ledger) = temp_ledger();
    let mut lines = Vec::new();
    for i in 0..3_000u32 {
        let day = (i * 37) % 200; // cycles through 200 dates
        let d = date(2025, 1, 1) + chrono::Days::new(u64::from(day));
        // Every 10th row repeats the one before it: identical real charges.
        let n = if i % 10 == 9 { i - 1 } else { i };
        let d = if i % 10 == 9 {
            date(2025, 1, 1) + chrono::Days::new(u64::from(((i - 1) * 37) % 200))
        } else {
            d
        };
        lines.push(format!(
            "{},{},SHOP {n},Shopping,Sale,-{}.{:02},",
            d.format("%m/%d/%Y"),
            d.format("%m/%d/%Y"),
            n % 90 + 1,
            n % 100
        ));
    }
    let header = "Transaction Date,Post Date,Description,Category,Type,Amount,Memo";
    let write = |name: &str, rows: &[String]| {
        let p = tmp.path.with_file_name(name);
        std::fs::write(&p, format!("{header}\n{}\n", rows.join("\n"))).expect("write");
        p
    };
    let all_rows = write("all.CSV", &lines);
    let reversed: Vec<String> = lines.iter().rev().cloned().collect();
    let reversed = write("reversed.CSV", &reversed);
    let half = write("half.CSV", &lines[..1_500]);

    let opts = ImportOptions::default();
    let first = import_file(&mut ledger, &half, &opts).expect("half");
    assert_eq!((first.added, first.duplicates), (1_500, 0));
    let second = import_file(&mut ledger, &all_rows, &opts).expect("all");
    assert_eq!((second.added, second.duplicates), (1_500, 1_500));
    let third = import_file(&mut ledger, &reversed, &opts).expect("reversed");
    assert_eq!((third.added, third.duplicates), (0, 3_000));
    assert_eq!(ledger.transaction_count().expect("count"), 3_000);
}

#[test]
fn a_pending_hold_and_its_posted_line_are_proposed_never_merged_silently() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let first = import(&mut ledger, "reconcile/Citi-card-2026-11.CSV");
    assert_eq!(first.proposals, 0);
    let later = import(&mut ledger, "citi/Citi-card-2026-11-later.CSV");
    // The 25.00 OpenAI hold of 11/21 posts on 11/23 under another
    // descriptor: one proposal, both lines still listed.
    assert_eq!(later.proposals, 1);
    let links = ledger.links(false).expect("links");
    assert_eq!(links.len(), 1);
    let (pending, posted) = (links[0].pending.id, links[0].posted.id);
    assert_eq!(links[0].pending.status, TxnStatus::Pending);
    assert_eq!(links[0].posted.status, TxnStatus::Posted);
    let listed = |l: &Ledger| all(l).iter().map(|t| t.id).collect::<Vec<_>>();
    assert!(listed(&ledger).contains(&pending) && listed(&ledger).contains(&posted));
    // Rejected: both stay, and it is not proposed again on re-import.
    ledger.decide_link(links[0].id, false).expect("reject");
    assert!(ledger.links(false).expect("links").is_empty());
    assert_eq!(
        import(&mut ledger, "citi/Citi-card-2026-11-later.CSV").proposals,
        0
    );
    assert!(listed(&ledger).contains(&pending));
    // Confirmed: the posted line stands for the charge; the hold is hidden.
    ledger.decide_link(links[0].id, true).expect("confirm");
    assert!(!listed(&ledger).contains(&pending));
    assert!(listed(&ledger).contains(&posted));
    // Undoing the posted line's batch removes the link with it and the
    // hold shows again.
    aispend_core::batches::undo(&mut ledger, later.batch_id.expect("batch")).expect("undo");
    assert!(listed(&ledger).contains(&pending));
    assert!(ledger.links(true).expect("links").is_empty());
    // Importing it again proposes the pair again.
    assert_eq!(
        import(&mut ledger, "citi/Citi-card-2026-11-later.CSV").proposals,
        1
    );
}

#[test]
fn skip_bad_rows_lists_every_row_it_leaves_out() {
    let path = fixture("bad/chase_two_bad_rows.CSV");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    // By default the file is refused at its first bad row, and nothing lands.
    let err = import_file(&mut ledger, &path, &ImportOptions::default()).expect_err("refused");
    assert!(err.to_string().contains(":3: Amount \"-4.5O\""), "{err}");
    assert!(all(&ledger).is_empty());
    // Opted in: the three good rows land, the two bad ones are listed.
    let opts = ImportOptions {
        skip_bad_rows: true,
        ..ImportOptions::default()
    };
    let out = import_file(&mut ledger, &path, &opts).expect("skipping");
    assert_eq!((out.added, out.rejected), (3, 2));
    let lines: Vec<u64> = out.rejects.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 5]);
    // Stored as messages: read back in the reader's language.
    let stored = aispend_core::import::stored_rejects(&ledger, out.batch_id.expect("batch"))
        .expect("rejects");
    let stored_lines: Vec<u64> = stored.iter().map(|r| r.line).collect();
    assert_eq!(stored_lines, lines);
    assert_eq!(stored[1].msg.id, "import-impossible-date");
    assert!(stored[1]
        .msg
        .render(aispend_core::i18n::Lang::En)
        .contains("\"02/30/2026\" is not a real calendar date"));
    assert!(stored[1]
        .msg
        .render(aispend_core::i18n::Lang::ZhCn)
        .contains("不是真实存在的日期"));
    // The batch records the file as it is on disk.
    let bytes = std::fs::read(&path).expect("read");
    let sha = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&bytes))
    };
    assert_eq!(
        aispend_core::batches::history(&ledger,).expect("batches")[0].sha256,
        sha
    );
    // Lines keep their numbers: the good rows after a bad one are there.
    let descriptions: Vec<String> = all(&ledger).into_iter().map(|t| t.description).collect();
    assert!(
        descriptions.iter().any(|d| d.starts_with("GITHUB")),
        "{descriptions:?}"
    );
}

/// Layer 1 (issue #16): a bank that numbers FITIDs per day gives one id to
/// lines of different days and amounts; every line stays and the summary
/// names the re-used ids. The dry run counts the same, a second import adds
/// nothing.
#[test]
fn source_ids_merge_only_lines_with_the_same_date_and_amount() {
    let file = "realworld/ofx/per-day-fitids.ofx";
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let dry = import_file(
        &mut ledger,
        &fixture(file),
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .expect("dry run");
    let first = import(&mut ledger, file);
    for out in [&dry, &first] {
        assert_eq!((out.added, out.duplicates), (5, 0));
        let codes: Vec<&str> = out.notices.iter().map(|n| n.code).collect();
        assert_eq!(codes, ["reused_source_ids"]);
        assert_eq!(out.notices[0].count, 3);
    }
    let again = import(&mut ledger, file);
    assert_eq!((again.added, again.duplicates), (0, 5));
}

/// Layer 1 still does its job: the same FITID, date and amount under a
/// description the bank rewrote between two exports is one line.
#[test]
fn a_source_id_still_merges_a_line_whose_description_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ofx = |name: &str| {
        format!(
            "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>\
             <CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>5555<ACCTTYPE>CHECKING</BANKACCTFROM>\
             <BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-20.00\
             <FITID>A-77<NAME>{name}</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>\
             </BANKMSGSRSV1></OFX>\n"
        )
    };
    let a = dir.path().join("a.ofx");
    let b = dir.path().join("b.ofx");
    std::fs::write(&a, ofx("OPENAI *CHATGPT SUBSCR")).expect("write");
    std::fs::write(&b, ofx("OPENAI *CHATGPT SUBSCR SAN FRANCISCO CA")).expect("write");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let first = import_file(&mut ledger, &a, &ImportOptions::default()).expect("a");
    let dry = import_file(
        &mut ledger,
        &b,
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .expect("b dry");
    let second = import_file(&mut ledger, &b, &ImportOptions::default()).expect("b");
    assert_eq!((first.added, first.duplicates), (1, 0));
    assert_eq!((dry.added, dry.duplicates), (0, 1));
    assert_eq!((second.added, second.duplicates), (0, 1));
}

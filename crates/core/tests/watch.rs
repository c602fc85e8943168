//! The watched agent log folders (`usage::logs::scan`): one batch per
//! scan, a grown log read on from where the last scan stopped, a log cut
//! short or written over read again without counting anything twice, no
//! batch when nothing is new, and copies from two machines merged under
//! the first machine's label. Fixtures are the real-layout logs of
//! `tests/fixtures` (invented values), cut and grown here.

use std::path::{Path, PathBuf};

use aispend_core::batches;
use aispend_core::import::ImportOptions;
use aispend_core::provider::{CostFilter, CostRow};
use aispend_core::usage::logs::{read_changed, scan, write_scan, LogFolder, LogScan};
use aispend_core::Ledger;

const CLAUDE: &str = "tests/fixtures/claude_code/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl";
const CLAUDE_2: &str = "tests/fixtures/claude_code/3f2b9c4e-7d1a-4e8b-9c0d-5a6b7c8d9e0f.jsonl";
const CODEX: &str = "tests/fixtures/realworld/codex-cli-jsonl/rollout-2026-11-20T09-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The fixture's complete lines.
fn lines(fixture: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(fixture)).expect("fixture");
    text.split_inclusive('\n')
        .filter(|l| l.ends_with('\n'))
        .map(str::to_owned)
        .collect()
}

struct Env {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    ledger: Ledger,
    path: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("projects/-home-dev-ledger");
    std::fs::create_dir_all(&folder).expect("folder");
    let path = dir.path().join("ledger.db");
    let ledger = Ledger::open(&path).expect("ledger");
    Env {
        folder,
        ledger,
        path,
        _dir: dir,
    }
}

impl Env {
    fn scan_as(&mut self, folder: &Path, machine: &str) -> LogScan {
        let folders = vec![LogFolder {
            tool: None,
            path: folder.to_path_buf(),
            exists: true,
        }];
        let opts = ImportOptions {
            machine: Some(machine.to_owned()),
            ..ImportOptions::default()
        };
        let out = scan(&mut self.ledger, folders, &opts).expect("scan");
        assert!(out.failed.is_empty(), "{:?}", out.failed);
        out
    }

    fn folders(&self) -> Vec<LogFolder> {
        vec![LogFolder {
            tool: None,
            path: self.folder.clone(),
            exists: true,
        }]
    }

    /// Another connection to the same ledger (the CLI, the app's reader).
    fn other(&self) -> Ledger {
        Ledger::open(&self.path).expect("second connection")
    }

    fn scan(&mut self) -> LogScan {
        let folder = self.folder.clone();
        self.scan_as(&folder, "laptop")
    }

    fn records(&self) -> Vec<CostRow> {
        self.ledger.costs(&CostFilter::default()).expect("costs")
    }

    fn batches(&self) -> usize {
        batches::history(&self.ledger).expect("history").len()
    }
}

fn write(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.concat()).expect("write");
}

/// Sets a file's modification time ahead, as a later write would (a test
/// rewrites files faster than some file systems' clock ticks).
fn touch_later(path: &Path, secs: u64) {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    let t = std::time::SystemTime::now() + std::time::Duration::from_secs(secs);
    f.set_modified(t).expect("mtime");
}

#[test]
fn new_lines_of_every_log_land_in_one_batch_and_a_grown_log_adds_only_its_new_events() {
    let mut e = env();
    let all = lines(CLAUDE);
    let log = e.folder.join("5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl");
    write(&log, &all[..6]);
    std::fs::copy(
        root().join(CLAUDE_2),
        e.folder.join("3f2b9c4e-7d1a-4e8b-9c0d-5a6b7c8d9e0f.jsonl"),
    )
    .expect("copy");
    let first = e.scan();
    assert_eq!(first.imported.len(), 2);
    let batch = first.batch_id.expect("a batch");
    assert_eq!(e.batches(), 1, "two logs, one batch");
    let before = e.records();
    assert!(before.iter().all(|r| r.batch_id == batch));
    assert_eq!(before.len() as u64, first.added);

    // The session goes on: its log grows, with a last line half written.
    let mut grown = all.clone();
    let cut = grown.pop().expect("a last line");
    grown.push(cut[..cut.len() / 2].to_owned());
    write(&log, &grown);
    touch_later(&log, 5);
    let second = e.scan();
    assert_eq!(second.unchanged, 1);
    assert_eq!(second.imported.len(), 1);
    let read = &second.imported[0];
    assert_eq!(read.from_byte, all[..6].concat().len() as u64);
    assert!(!read.reread);
    assert_eq!(read.duplicates, 0, "nothing already read is read again");
    assert!(read.added > 0);
    let after = e.records();
    assert_eq!(after.len(), before.len() + read.added as usize);
    // The new records keep their lines in the file (not in the tail).
    let new_batch = second.batch_id.expect("a batch");
    assert_ne!(new_batch, batch);
    assert_eq!(e.batches(), 2);

    // The half-written line is finished: it lands once, the rest is not
    // read again.
    write(&log, &all);
    touch_later(&log, 10);
    let third = e.scan();
    assert_eq!((third.added, third.duplicates), (1, 0));
    assert_eq!(e.records().len(), after.len() + 1);

    // Read whole in one go, the same log gives the same records.
    let mut whole = env();
    write(&whole.folder.join("one.jsonl"), &all);
    std::fs::copy(root().join(CLAUDE_2), whole.folder.join("two.jsonl")).expect("copy");
    let w = whole.scan();
    assert_eq!(w.added as usize, e.records().len());
}

#[test]
fn a_scan_with_nothing_new_makes_no_batch() {
    let mut e = env();
    let all = lines(CLAUDE);
    let log = e.folder.join("s.jsonl");
    write(&log, &all);
    assert!(e.scan().batch_id.is_some());
    let again = e.scan();
    assert_eq!((again.unchanged, again.imported.len()), (1, 0));
    assert_eq!(again.batch_id, None);
    // A line without usage (the user's next prompt) is read, adds nothing.
    let mut more = all.clone();
    more.push(all[2].clone());
    write(&log, &more);
    touch_later(&log, 5);
    let quiet = e.scan();
    assert_eq!(quiet.imported.len(), 1);
    assert_eq!(
        (quiet.added, quiet.duplicates, quiet.batch_id),
        (0, 0, None)
    );
    assert_eq!(e.batches(), 1);
    assert_eq!(e.scan().unchanged, 1);
}

#[test]
fn a_log_cut_short_is_read_again_from_its_start_without_counting_twice() {
    let mut e = env();
    let all = lines(CLAUDE);
    let log = e.folder.join("s.jsonl");
    write(&log, &all);
    let first = e.scan();
    let n = e.records().len();
    assert_eq!(first.added as usize, n);
    // The tool trims its log to its last lines.
    write(&log, &all[all.len() - 4..]);
    touch_later(&log, 5);
    let cut = e.scan();
    let read = &cut.imported[0];
    assert!(read.reread, "{read:?}");
    assert_eq!(read.from_byte, 0);
    assert_eq!(read.added, 0);
    assert!(read.duplicates > 0);
    assert_eq!(cut.batch_id, None);
    assert_eq!(e.records().len(), n);
    // It grows again from there: read on, still nothing twice.
    let mut grown = all[all.len() - 4..].to_vec();
    grown.extend_from_slice(&all[..3]);
    write(&log, &grown);
    touch_later(&log, 10);
    let on = e.scan();
    assert!(!on.imported[0].reread);
    assert_eq!(e.records().len(), n);
}

#[test]
fn a_log_written_over_is_read_again_and_its_new_events_land_once() {
    let mut e = env();
    let log = e.folder.join("s.jsonl");
    write(&log, &lines(CLAUDE));
    let first = e.scan();
    let n = e.records().len();
    // Another session's log now stands at the same path, longer than the
    // first: its first bytes differ, so it is read from its start.
    let mut other = lines(CLAUDE_2);
    other.extend(lines(CLAUDE));
    write(&log, &other);
    touch_later(&log, 5);
    let over = e.scan();
    let read = &over.imported[0];
    assert!(read.reread && read.from_byte == 0, "{read:?}");
    // Claude Code writes a reply's usage once per content block: repeats
    // count as duplicates too.
    assert!(
        read.duplicates >= first.added + first.duplicates,
        "the first log's events, once: {read:?}"
    );
    assert!(read.added > 0);
    assert_eq!(e.records().len(), n + read.added as usize);
}

#[test]
fn copies_from_two_machines_merge_without_counting_twice_and_keep_the_label() {
    let mut e = env();
    let log = e.folder.join("s.jsonl");
    write(&log, &lines(CLAUDE));
    let laptop = e.scan();
    assert_eq!(laptop.machine.as_deref(), Some("laptop"));
    let synced = e.folder.parent().expect("parent").join("from-desk");
    std::fs::create_dir_all(&synced).expect("dir");
    let mut desk_log = lines(CLAUDE);
    desk_log.extend(lines(CLAUDE_2));
    write(&synced.join("s.jsonl"), &desk_log);
    let desk = e.scan_as(&synced, "desk");
    assert!(desk.duplicates >= laptop.added + laptop.duplicates);
    let rows = e.records();
    let by = |m: &str| {
        rows.iter()
            .filter(|r| r.machine.as_deref() == Some(m))
            .count()
    };
    assert_eq!(by("laptop") as u64, laptop.added);
    assert_eq!(by("desk") as u64, desk.added);
    assert_eq!(rows.len() as u64, laptop.added + desk.added);
}

#[test]
fn a_grown_codex_log_keeps_its_session_model_and_project() {
    let mut e = env();
    let all = lines(CODEX);
    let log = e.folder.join("rollout-2026-11-20T09-00-00-0199a1b2.jsonl");
    write(&log, &all[..9]);
    let first = e.scan();
    assert_eq!(first.added, 1);
    write(&log, &all);
    touch_later(&log, 5);
    let grown = e.scan();
    assert!(grown.imported[0].from_byte > 0);
    assert!(!grown.imported[0].reread);
    assert_eq!(grown.duplicates, 0);
    let rows = e.records();
    assert_eq!(rows.len() as u64, 1 + grown.added);
    assert!(grown.added >= 2);
    for r in &rows {
        assert!(r.model.is_some(), "{r:?}");
        assert_eq!(r.project_id.as_deref(), Some("/home/ana/src/invoicer"));
    }
    // The same log read whole in one go gives the same records.
    let mut whole = env();
    write(&whole.folder.join("r.jsonl"), &all);
    whole.scan();
    let strip = |rows: Vec<CostRow>| -> Vec<_> {
        rows.into_iter()
            .map(|r| (r.model, r.input_tokens, r.output_tokens, r.bucket_start))
            .collect()
    };
    assert_eq!(strip(whole.records()), strip(e.records()));
}

#[test]
fn undoing_a_scans_batch_makes_the_next_scan_read_the_log_again() {
    let mut e = env();
    let log = e.folder.join("s.jsonl");
    write(&log, &lines(CLAUDE));
    let first = e.scan();
    batches::undo(&mut e.ledger, first.batch_id.expect("batch")).expect("undo");
    assert!(e.records().is_empty());
    let again = e.scan();
    assert_eq!(again.added, first.added);
}

#[test]
fn the_app_reads_only_folders_the_user_turned_on_and_shows_their_usage() {
    use aispend_core::app::usage_view::{scan_watched, set_watched, usage_view, UsageQuery};
    let mut e = env();
    write(&e.folder.join("s.jsonl"), &lines(CLAUDE));
    let root = e.folder.parent().expect("projects").to_path_buf();
    let defaults = vec![
        LogFolder {
            tool: Some(aispend_core::usage::Tool::ClaudeCode),
            path: root.clone(),
            exists: true,
        },
        LogFolder {
            tool: Some(aispend_core::usage::Tool::CodexCli),
            path: root.join("no-such-codex"),
            exists: false,
        },
    ];
    let shown = root.display().to_string();
    // Off until the user says so: no scan, nothing read.
    assert!(scan_watched(&mut e.ledger, &defaults, None)
        .expect("scan")
        .is_none());
    let v = usage_view(&e.ledger, &UsageQuery::default(), &defaults).expect("view");
    assert!(v.by_tool.is_empty() && v.watch.last_scan.is_none());
    assert!(v.watch.folders.iter().all(|f| !f.watched));
    // Only the agents' own folders can be turned on.
    assert!(set_watched(&mut e.ledger, &defaults, "/etc", true).is_err());
    let w = set_watched(&mut e.ledger, &defaults, &shown, true).expect("on");
    assert!(w.folders[0].watched && !w.folders[1].watched);
    let scan = scan_watched(&mut e.ledger, &defaults, Some("box".into()))
        .expect("scan")
        .expect("a scan");
    assert!(scan.added > 0);
    let v = usage_view(&e.ledger, &UsageQuery::default(), &defaults).expect("view");
    let claude = v
        .by_tool
        .iter()
        .find(|l| l.key == "claude-code")
        .expect("claude-code usage");
    assert!(claude.requests > 0 && claude.input_tokens > 0);
    assert!(!v.by_model.is_empty() && !v.by_project.is_empty());
    let last = v.watch.last_scan.expect("last scan");
    assert_eq!((last.added, last.read, last.failed), (scan.added, 1, 0));
    assert!(!v.check.is_empty(), "the month's check");
    // Turned off again: the next scan reads nothing.
    set_watched(&mut e.ledger, &defaults, &shown, false).expect("off");
    assert!(scan_watched(&mut e.ledger, &defaults, None)
        .expect("scan")
        .is_none());
}

#[test]
fn a_scan_reads_its_logs_with_no_write_transaction_open() {
    let mut e = env();
    let all = lines(CLAUDE);
    write(&e.folder.join("a.jsonl"), &all);
    std::fs::copy(root().join(CLAUDE_2), e.folder.join("b.jsonl")).expect("copy");
    let mut other = e.other();
    let opts = ImportOptions::default();
    let mut writes = 0;
    // While the scan is between its logs, another program writes: it gets
    // the ledger at once (were the scan's transaction open, it would wait
    // out the busy timeout and fail).
    let pending = read_changed(&e.ledger, e.folders(), &opts, &mut |read| {
        assert!(
            read.added == 0 && read.duplicates == 0,
            "nothing written yet"
        );
        let started = std::time::Instant::now();
        aispend_core::app::settings::set_display_currency(&mut other, Some("EUR"))
            .expect("another connection writes while the scan reads");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        writes += 1;
    })
    .expect("read");
    assert_eq!(writes, 2, "one write after each log");
    assert!(
        e.records().is_empty(),
        "nothing is written before write_scan"
    );
    let out = write_scan(&mut e.ledger, pending, &opts).expect("write");
    assert_eq!(out.imported.len(), 2);
    assert!(out.deferred.is_empty());
    assert_eq!(e.batches(), 1, "still one batch");
    assert_eq!(e.records().len() as u64, out.added);
}

#[test]
fn a_log_cut_short_between_the_read_and_the_write_is_left_for_the_next_scan() {
    let mut e = env();
    let all = lines(CLAUDE);
    let log = e.folder.join("s.jsonl");
    write(&log, &all);
    let opts = ImportOptions::default();
    let pending = read_changed(&e.ledger, e.folders(), &opts, &mut |_| {
        // The tool trims its log after the scan read it.
        write(&log, &all[..3]);
    })
    .expect("read");
    let out = write_scan(&mut e.ledger, pending, &opts).expect("write");
    assert_eq!(out.deferred, vec![log.display().to_string()]);
    assert_eq!((out.added, out.batch_id), (0, None));
    assert!(e.records().is_empty());
    // The next scan reads what the log now holds, once.
    touch_later(&log, 5);
    let next = e.scan();
    assert!(next.deferred.is_empty());
    let mut whole = env();
    write(&whole.folder.join("s.jsonl"), &all[..3]);
    assert_eq!(next.added, whole.scan().added);
    assert_eq!(e.records().len() as u64, next.added);
}

#[test]
fn a_log_another_scan_wrote_meanwhile_is_not_written_twice() {
    let mut e = env();
    write(&e.folder.join("s.jsonl"), &lines(CLAUDE));
    let opts = ImportOptions::default();
    let pending = read_changed(&e.ledger, e.folders(), &opts, &mut |_| {}).expect("read");
    // Another scan (the CLI's) reads and writes the same log first.
    let mut cli = e.other();
    let first = scan(&mut cli, e.folders(), &opts).expect("cli scan");
    assert!(first.added > 0);
    let late = write_scan(&mut e.ledger, pending, &opts).expect("write");
    assert_eq!(late.deferred.len(), 1);
    assert_eq!((late.added, late.batch_id), (0, None));
    assert_eq!(e.records().len() as u64, first.added);
    assert_eq!(e.batches(), 1);
    assert_eq!(e.scan().unchanged, 1, "the position the CLI kept stands");
}

#[test]
fn the_apps_own_scan_does_not_look_like_another_programs_write() {
    use aispend_core::app::usage_view::{read_watched, set_watched, write_watched};
    let mut e = env();
    let log = e.folder.join("s.jsonl");
    let all = lines(CLAUDE);
    write(&log, &all[..6]);
    let defaults = e.folders();
    let shown = e.folder.display().to_string();
    set_watched(&mut e.ledger, &defaults, &shown, true).expect("on");
    let seen = e.ledger.external_version().expect("version");
    // The app's watch: read through a connection of its own, written
    // through the app's.
    let reader = e.other();
    let pending = read_watched(&reader, &defaults, Some("box".into()))
        .expect("read")
        .expect("a folder is watched");
    let scan = write_watched(&mut e.ledger, pending).expect("write");
    assert!(scan.added > 0);
    assert_eq!(
        e.ledger.external_version().expect("version"),
        seen,
        "the app's own scan is not another program's write"
    );
    // The log grows and the watch scans again: still the app's own.
    write(&log, &all);
    touch_later(&log, 5);
    let pending = read_watched(&reader, &defaults, None)
        .expect("read")
        .expect("watched");
    assert!(write_watched(&mut e.ledger, pending).expect("write").added > 0);
    assert_eq!(e.ledger.external_version().expect("version"), seen);
    // The CLI writes: that one shows.
    let mut cli = e.other();
    aispend_core::app::settings::set_display_currency(&mut cli, Some("EUR")).expect("cli write");
    assert_ne!(e.ledger.external_version().expect("version"), seen);
}

#[test]
fn each_record_of_a_scan_names_its_log_and_line() {
    let mut e = env();
    let sub = e.folder.join("2026/11");
    std::fs::create_dir_all(&sub).expect("dir");
    // A line of another shape (not JSON, not usage) in the middle of one.
    let all = lines(CLAUDE);
    let mut a = all[..6].to_vec();
    a.insert(2, "a note the user typed into the log\n".to_owned());
    write(&sub.join("a.jsonl"), &a);
    std::fs::copy(root().join(CLAUDE_2), e.folder.join("b.jsonl")).expect("copy");
    let out = e.scan();
    let names: Vec<&str> = out.imported.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["2026/11/a.jsonl", "b.jsonl"]);
    let notice = out.imported[0]
        .notices
        .iter()
        .find(|n| n.lines.contains(&3))
        .unwrap_or_else(|| panic!("the odd line is named: {:?}", out.imported[0].notices));
    assert!(notice.count >= 1);
    let folder = e.folder.clone();
    let text = |name: &str| -> Vec<String> {
        let path = folder.join(name);
        std::fs::read_to_string(path)
            .expect("log")
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let (a_text, b_text) = (text("2026/11/a.jsonl"), text("b.jsonl"));
    let rows = e.records();
    assert!(rows.len() > 2);
    let mut seen = std::collections::BTreeSet::new();
    for r in &rows {
        let file = r
            .source_file
            .as_deref()
            .expect("a record of a scan names its log");
        seen.insert(file.to_owned());
        let log = if file == "b.jsonl" { &b_text } else { &a_text };
        let line = &log[(r.source_line as usize).checked_sub(1).expect("1-based")];
        let model = r.model.as_deref().expect("model");
        assert!(
            line.contains(model) && line.contains("\"usage\""),
            "{file}:{} is the record's own line: {line}",
            r.source_line
        );
    }
    assert_eq!(seen.len(), 2, "{seen:?}");
    // A log read on after it grew keeps its lines in the file.
    let mut grown = a.clone();
    grown.extend_from_slice(&all[6..]);
    write(&sub.join("a.jsonl"), &grown);
    touch_later(&sub.join("a.jsonl"), 5);
    let on = e.scan();
    assert!(on.imported[0].from_byte > 0 && on.added > 0);
    let a_text = text("2026/11/a.jsonl");
    for r in e
        .records()
        .iter()
        .filter(|r| r.batch_id == on.batch_id.expect("batch"))
    {
        assert_eq!(r.source_file.as_deref(), Some("2026/11/a.jsonl"));
        assert!(r.source_line as usize > a.len(), "{}", r.source_line);
        assert!(a_text[r.source_line as usize - 1].contains("\"usage\""));
    }
}

#[test]
fn lines_a_scan_cannot_read_are_kept_as_rejects_naming_their_log_but_a_line_being_written_is_not() {
    let mut e = env();
    let all = lines(CLAUDE);
    let sub = e.folder.join("2026-11");
    std::fs::create_dir_all(&sub).expect("folder");
    let log = sub.join("5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl");
    // Line 4 is another shape, line 5 not JSON, line 6 over 16 MiB (a
    // tool's output); the usage line after them is half written.
    let mut text = all[..3].to_vec();
    text.push("[\"another\", \"shape\"]\n".to_owned());
    text.push("Traceback (most recent call last):\n".to_owned());
    text.push(format!(
        "{{\"type\":\"user\",\"message\":{{\"content\":\"{}\"}}}}\n",
        "x".repeat(17 << 20)
    ));
    let usage = all[3].clone();
    let (head, rest) = usage.split_at(usage.len() / 2);
    let mut cut = text.clone();
    cut.push(head.to_owned());
    write(&log, &cut);
    let first = e.scan();
    assert_eq!(first.rejected, 3, "{first:?}");
    let batch = first.batch_id.expect("a batch keeps its rejects");
    let read = &first.imported[0];
    assert_eq!(
        read.name,
        "2026-11/5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl"
    );
    let lines_of = |rs: &[aispend_core::usage::logs::LogReject]| -> Vec<u64> {
        rs.iter().map(|r| r.line).collect()
    };
    assert_eq!(lines_of(&read.rejects), vec![4, 5, 6]);
    let stored = aispend_core::import::stored_rejects(&e.ledger, batch).expect("rejects");
    let got: Vec<(Option<&str>, u64, &str)> = stored
        .iter()
        .map(|r| (r.file.as_deref(), r.line, r.msg.id.as_ref()))
        .collect();
    let name = Some(read.name.as_str());
    assert_eq!(
        got,
        vec![
            (name, 4, "import-reject-log-not-entry"),
            (name, 5, "import-reject-log-not-json"),
            (name, 6, "import-reject-log-line-over"),
        ]
    );
    assert_eq!(
        stored[2].msg.render(aispend_core::i18n::Lang::En),
        "a line over 16 MiB, not read (a tool's output, most likely)"
    );

    // The half-written line is finished: it is read whole, as usage, and
    // never was a reject.
    text.push(format!("{head}{rest}"));
    write(&log, &text);
    touch_later(&log, 5);
    let second = e.scan();
    assert_eq!((second.added, second.rejected), (1, 0), "{second:?}");
    let again = aispend_core::import::stored_rejects(&e.ledger, second.batch_id.expect("a batch"))
        .expect("rejects");
    assert!(again.is_empty(), "{again:?}");

    // Cut short and read again from its start: its rejects are not
    // recorded twice.
    write(&log, &text[..text.len() - 1]);
    touch_later(&log, 10);
    let third = e.scan();
    assert!(third.imported[0].reread || third.imported[0].from_byte == 0);
    assert_eq!(third.imported[0].rejects.len(), 3);
    assert_eq!(third.rejected, 0, "already kept by the first scan's batch");
}

#[test]
fn a_log_imported_as_one_file_keeps_its_unreadable_lines_as_rejects_but_not_a_line_being_written() {
    let mut e = env();
    let all = lines(CLAUDE);
    let log = e.folder.join("5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl");
    // As a folder scan sees them: line 4 another shape, line 5 not JSON,
    // line 6 over 16 MiB; then a usage line half written.
    let mut text = all[..3].to_vec();
    text.push("[\"another\", \"shape\"]\n".to_owned());
    text.push("Traceback (most recent call last):\n".to_owned());
    text.push(format!(
        "{{\"type\":\"user\",\"message\":{{\"content\":\"{}\"}}}}\n",
        "x".repeat(17 << 20)
    ));
    let usage = all[3].clone();
    text.push(usage[..usage.len() / 2].to_owned());
    write(&log, &text);
    let out = aispend_core::import::import_file(&mut e.ledger, &log, &ImportOptions::default())
        .expect("import");
    assert_eq!(out.format, "claude-code-jsonl");
    assert_eq!(out.rejected, 3, "{out:?}");
    let lines_of: Vec<u64> = out.rejects.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines_of, vec![4, 5, 6]);
    assert_eq!(out.reject_msgs.len(), 3);
    assert_eq!(
        out.reject_msgs[2].render(aispend_core::i18n::Lang::En),
        "line 6: a line over 16 MiB, not read (a tool's output, most likely)"
    );
    // The skipped-lines notice still counts them, and the cut-off line.
    assert!(
        out.notices.iter().any(|n| n.code == "skipped_lines"),
        "{:?}",
        out.notices
    );

    let batch = out.batch_id.expect("a batch");
    let stored = aispend_core::import::stored_rejects(&e.ledger, batch).expect("rejects");
    let got: Vec<(Option<&str>, u64, &str)> = stored
        .iter()
        .map(|r| (r.file.as_deref(), r.line, r.msg.id.as_ref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (None, 4, "import-reject-log-not-entry"),
            (None, 5, "import-reject-log-not-json"),
            (None, 6, "import-reject-log-line-over"),
        ]
    );
    let history = batches::history(&e.ledger).expect("history");
    let b = history
        .iter()
        .find(|b| b.batch_id == batch)
        .expect("the batch");
    assert_eq!(b.rejected, 3);
}

//! The coding agents' default log folders on Linux, macOS and Windows, and
//! one scan of them (`aispend import --watch-default`, and the app's watch):
//! the new lines of every `*.jsonl` log land in ONE batch per scan.
//!
//! A log read before is read again from the byte after the last complete
//! line read (`read_to`) when its first `read_to` bytes still hash as they
//! did; a log cut short or written over fails that check and is read again
//! from its start, its events already in the ledger counted as duplicates
//! by their ids (never twice). Logs copied from several machines merge the
//! same way, each record keeping the machine label it came with.
//!
//! Invariant: a scan reads only files whose size or modification time
//! changed since they were read (or whose batch was undone); a file that
//! cannot be read is reported with its error, never skipped silently, and
//! does not stop the others; a scan with nothing new makes no batch.

use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Tool;
use crate::import::format::{Head, ParsedTxn};
use crate::import::pipeline::detect;
use crate::import::{BadInput, ImportError, ImportOptions, Notice, Problem, RowError, RowSink};
use crate::ledger::agent_logs::{LogRead, LogSpool, LogState, Spooled};
use crate::ledger::{Ledger, LedgerError};
use crate::provider::ProviderRecord;

/// Folders deeper than this under a log folder are not walked.
const MAX_DEPTH: usize = 8;

/// One default log folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogFolder {
    /// The tool whose default folder it is; `None` for a folder the user
    /// named.
    pub tool: Option<Tool>,
    pub path: PathBuf,
    pub exists: bool,
}

/// The folders Claude Code, Codex CLI and Gemini CLI write their logs to,
/// for a home folder and an environment (`CLAUDE_CONFIG_DIR`, a
/// comma-separated list; `CODEX_HOME`; `GEMINI_CLI_HOME`, the home Gemini
/// CLI uses instead of the user's). The same relative paths hold on Linux,
/// macOS and Windows (`%USERPROFILE%\.claude`, `%USERPROFILE%\.codex`,
/// `%USERPROFILE%\.gemini`).
pub fn default_log_folders(home: &Path, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<LogFolder> {
    let mut out: Vec<(Tool, PathBuf)> = Vec::new();
    match env("CLAUDE_CONFIG_DIR").filter(|v| !v.is_empty()) {
        Some(dirs) => {
            for d in dirs.to_string_lossy().split(',').map(str::trim) {
                if !d.is_empty() {
                    out.push((Tool::ClaudeCode, PathBuf::from(d).join("projects")));
                }
            }
        }
        None => {
            out.push((Tool::ClaudeCode, home.join(".config/claude/projects")));
            out.push((Tool::ClaudeCode, home.join(".claude/projects")));
        }
    }
    let codex = env("CODEX_HOME")
        .filter(|v| !v.is_empty())
        .map_or_else(|| home.join(".codex"), PathBuf::from);
    out.push((Tool::CodexCli, codex.join("sessions")));
    let gemini_home = env("GEMINI_CLI_HOME")
        .filter(|v| !v.is_empty())
        .map_or_else(|| home.to_path_buf(), PathBuf::from);
    out.push((Tool::GeminiCli, gemini_home.join(".gemini/tmp")));
    out.into_iter()
        .map(|(tool, path)| LogFolder {
            tool: Some(tool),
            exists: path.is_dir(),
            path,
        })
        .collect()
}

/// This machine's default log folders.
pub fn this_machines_log_folders() -> Vec<LogFolder> {
    let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) else {
        return Vec::new();
    };
    default_log_folders(&home, &|k| std::env::var_os(k))
}

/// Whether a file is an agent log: any `*.jsonl`, and Gemini CLI's
/// `session-*.json` documents in a `chats` folder.
fn is_log(p: &Path) -> bool {
    match p.extension().and_then(|x| x.to_str()) {
        Some("jsonl") => true,
        Some("json") => {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("session-"))
                && p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|d| d == "chats")
        }
        _ => false,
    }
}

/// Every agent log file under `folder` ([`is_log`]), sorted.
pub fn find_logs(folder: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            let p = e.path();
            if kind.is_dir() && depth < MAX_DEPTH {
                walk(&p, depth + 1, out);
            } else if kind.is_file() && is_log(&p) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(folder, 0, &mut out);
    out.sort();
    out
}

/// What one scan did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogScan {
    pub folders: Vec<LogFolder>,
    /// The one batch the scan wrote; `None` when nothing was new.
    pub batch_id: Option<i64>,
    /// The machine label given to records whose log names none.
    pub machine: Option<String>,
    /// Files read (wholly or from where the last scan stopped).
    pub imported: Vec<LogFileRead>,
    /// Files unchanged since they were read.
    pub unchanged: u64,
    /// Files that could not be read, with why.
    pub failed: Vec<LogFailure>,
    /// Files read but not written: they changed between the read and the
    /// write (cut short or written over, or read by another scan meanwhile);
    /// the next scan reads them again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deferred: Vec<String>,
    pub added: u64,
    pub duplicates: u64,
    /// Lines of the logs that could not be read, kept as the batch's
    /// rejects (`aispend rejects BATCH_ID`): each log's in
    /// [`LogFileRead::rejects`].
    pub rejected: u64,
}

/// How many of a scan's notices (or deferred logs) are listed one by one
/// before a short account replaces the list (see [`LogScan::brief`]).
pub const SCAN_LIST_MAX: usize = 5;

/// How many examples a short account of a scan shows of each list.
pub const SCAN_EXAMPLES: usize = 3;

/// A big scan's notices and deferred logs in short: the totals, and the
/// first few of each as examples. The scan itself keeps every one.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanBrief<'a> {
    /// Lines the logs' notices say were skipped, in all.
    pub skipped_lines: u64,
    /// Logs with a notice.
    pub logs_with_notices: u64,
    /// Notices in all.
    pub notices: u64,
    /// The first [`SCAN_EXAMPLES`] notices, each with its log's name (its
    /// path under the folder read).
    pub examples: Vec<(&'a str, &'a Notice)>,
    /// Logs deferred to the next scan, in all, and the first few.
    pub deferred: u64,
    pub deferred_examples: &'a [String],
}

impl LogScan {
    /// The scan in short when its notices or deferred logs are more than
    /// [`SCAN_LIST_MAX`]; `None` when every one is short enough to list.
    pub fn brief(&self) -> Option<ScanBrief<'_>> {
        let notices: Vec<(&str, &Notice)> = self
            .imported
            .iter()
            .flat_map(|r| r.notices.iter().map(move |n| (r.name.as_str(), n)))
            .collect();
        if notices.len() <= SCAN_LIST_MAX && self.deferred.len() <= SCAN_LIST_MAX {
            return None;
        }
        Some(ScanBrief {
            skipped_lines: notices
                .iter()
                .filter(|(_, n)| n.code == "skipped_lines")
                .map(|(_, n)| n.count)
                .sum(),
            logs_with_notices: self
                .imported
                .iter()
                .filter(|r| !r.notices.is_empty())
                .count() as u64,
            notices: notices.len() as u64,
            examples: notices.into_iter().take(SCAN_EXAMPLES).collect(),
            deferred: self.deferred.len() as u64,
            deferred_examples: &self.deferred[..self.deferred.len().min(SCAN_EXAMPLES)],
        })
    }
}

/// One log a scan read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogFileRead {
    pub file: String,
    /// Its path under the folder it was found in: the file its records, and
    /// the lines of its notices, are named by in the scan's batch.
    pub name: String,
    pub format: String,
    /// The byte it was read from: 0 for a new log or one read again whole.
    pub from_byte: u64,
    /// Read again from its start because it was cut short or written over
    /// since the last scan (or that scan's batch was undone).
    pub reread: bool,
    pub added: u64,
    pub duplicates: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
    /// Its lines that could not be read (not JSON, not an entry of the
    /// log, too long to read), which the batch keeps as rejects; a last
    /// line cut off while it is being written is not one (it is read
    /// whole by a later scan).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rejects: Vec<LogReject>,
}

/// A line of a log a scan could not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogReject {
    pub line: u64,
    /// Why, in English; `msg` in the catalogs' words.
    pub reason: String,
    pub msg: crate::i18n::Msg,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogFailure {
    pub file: String,
    pub error: String,
    /// The same in the catalogs' words, where they have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msg: Option<crate::i18n::Msg>,
}

/// Why a scan stopped.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

fn stamp(meta: &std::fs::Metadata) -> String {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or_else(
            || "unknown".to_owned(),
            |d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos()),
        )
}

/// This machine's name (`HOSTNAME`, `COMPUTERNAME`, else
/// `/etc/hostname`), the label a scan of its own folders gives.
pub fn this_machine() -> Option<String> {
    ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .chain(std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .find(|h| !h.is_empty())
}

/// Imports the new lines of every log under `folders`, in one batch:
/// [`read_changed`], then [`write_scan`], on the one ledger.
pub fn scan(
    ledger: &mut Ledger,
    folders: Vec<LogFolder>,
    opts: &ImportOptions,
) -> Result<LogScan, ScanError> {
    let pending = read_changed(ledger, folders, opts, &mut |_| {})?;
    write_scan(ledger, pending, opts)
}

/// The logs a scan has read and not yet written: their records wait in a
/// spool (a scratch file, not memory), each with what the ledger knew of
/// its log when it was read.
#[derive(Debug)]
pub struct PendingScan {
    out: LogScan,
    files: Vec<PendingFile>,
    spool: Option<LogSpool>,
}

impl PendingScan {
    /// Whether there is anything to write: a log that changed since it was
    /// last read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[derive(Debug)]
struct PendingFile {
    path: PathBuf,
    read: LogFileRead,
    /// What the ledger knew of the log when it was read.
    seen: Option<LogState>,
    size: u64,
    modified: String,
    read_to: u64,
    prefix_sha256: String,
    /// SHA-256 of the last [`CHECK_BYTES`] bytes before `read_to`, as read.
    check: String,
    records: Spooled,
}

/// The bytes before where a log was read to that are read again, just
/// before writing, to tell the log is still what was read.
const CHECK_BYTES: u64 = 64 * 1024;

/// Reads and parses the new lines of every log under `folders` that changed
/// since it was last read, without writing to the ledger (no transaction is
/// open: another program, or the app, can write meanwhile). `progress` is
/// told of each log once it is read.
pub fn read_changed(
    ledger: &Ledger,
    folders: Vec<LogFolder>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(&LogFileRead),
) -> Result<PendingScan, ScanError> {
    let machine = opts.machine.clone().filter(|m| !m.trim().is_empty());
    let mut out = LogScan {
        folders,
        batch_id: None,
        machine,
        imported: Vec::new(),
        unchanged: 0,
        failed: Vec::new(),
        deferred: Vec::new(),
        added: 0,
        duplicates: 0,
        rejected: 0,
    };
    let files: Vec<(PathBuf, String)> = out
        .folders
        .iter()
        .filter(|f| f.exists)
        .flat_map(|f| {
            find_logs(&f.path).into_iter().map(|p| {
                let name = relative(&f.path, &p);
                (p, name)
            })
        })
        .collect();
    let mut pending = Vec::new();
    let mut spool = None;
    for (file, name) in files {
        let shown = file.display().to_string();
        let Ok(meta) = std::fs::metadata(&file) else {
            out.failed.push(gone(&shown));
            continue;
        };
        let (size, modified) = (meta.len(), stamp(&meta));
        let state = ledger.agent_log_state(&shown)?;
        if state
            .as_ref()
            .is_some_and(|s| s.live && s.size == size && s.modified == modified)
        {
            out.unchanged += 1;
            continue;
        }
        match read_log(&file, &shown, size, state.as_ref().filter(|s| s.live)) {
            Ok((mut read, tail)) => {
                read.name = name;
                let spool = match &mut spool {
                    Some(s) => s,
                    slot @ None => slot.insert(LogSpool::new()?),
                };
                let records = spool.keep(&tail.records)?;
                drop(tail.records);
                progress(&read);
                pending.push(PendingFile {
                    path: file,
                    read,
                    seen: state,
                    size,
                    modified,
                    read_to: tail.read_to,
                    prefix_sha256: tail.prefix_sha256,
                    check: tail.check,
                    records,
                });
            }
            Err(e) => out.failed.push(LogFailure {
                file: shown,
                error: crate::error_text(&e),
                msg: e.msg(),
            }),
        }
    }
    Ok(PendingScan {
        out,
        files: pending,
        spool,
    })
}

/// `file`'s path under `folder`, with `/` between its parts (the name a
/// batch of many logs gives each record's file).
fn relative(folder: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(folder).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn gone(shown: &str) -> LogFailure {
    LogFailure {
        file: shown.to_owned(),
        error: "the file could not be read (gone, or no permission)".into(),
        msg: Some(crate::msg!("usage-watch-file-gone", file = shown)),
    }
}

/// Writes what [`read_changed`] read, in one batch, in one transaction that
/// holds no reading or parsing. A log whose stored state changed since it
/// was read (another scan got there first), or that is no longer what was
/// read (cut short, or written over), is left out and read again by the
/// next scan; a log that only grew is kept (its new end is read next time).
pub fn write_scan(
    ledger: &mut Ledger,
    pending: PendingScan,
    opts: &ImportOptions,
) -> Result<LogScan, ScanError> {
    let PendingScan {
        mut out,
        files,
        spool,
    } = pending;
    let Some(spool) = spool.filter(|_| !files.is_empty()) else {
        return Ok(out);
    };
    let written = write_files(ledger, &mut out, files, &spool, opts);
    // Detached before the spool's file is removed, whatever the write did.
    let detached = ledger.end_log_batch();
    drop(spool);
    written?;
    detached?;
    Ok(out)
}

fn write_files(
    ledger: &mut Ledger,
    out: &mut LogScan,
    files: Vec<PendingFile>,
    spool: &LogSpool,
    opts: &ImportOptions,
) -> Result<(), ScanError> {
    let mut batch = ledger.log_batch_writer(out.machine.as_deref(), spool)?;
    for f in files {
        let shown = f.read.file.clone();
        if batch.state(&shown)? != f.seen || !still_as_read(&f) {
            out.deferred.push(shown);
            continue;
        }
        let mut read = f.read;
        let rejects = read
            .rejects
            .iter()
            .map(|r| {
                (
                    r.line,
                    serde_json::to_string(&r.msg).unwrap_or_else(|_| r.reason.clone()),
                )
            })
            .collect();
        let (added, dups, rejected) = batch.add(
            LogRead {
                path: shown,
                size: f.size,
                modified: f.modified,
                read_to: f.read_to,
                prefix_sha256: f.prefix_sha256,
                source_file: read.name.clone(),
                records: f.records,
                rejects,
            },
            spool,
        )?;
        read.added = added;
        read.duplicates = dups;
        out.added += added;
        out.duplicates += dups;
        out.rejected += rejected;
        out.imported.push(read);
    }
    // A dry run counts, then drops the transaction: nothing is kept.
    if !opts.dry_run {
        out.batch_id = batch.finish()?;
    }
    Ok(())
}

/// Whether the log still holds what was read: at least `read_to` bytes,
/// the last of which hash as they did.
fn still_as_read(f: &PendingFile) -> bool {
    let Ok(mut file) = File::open(&f.path) else {
        return false;
    };
    match file.metadata() {
        Ok(m) if m.len() >= f.read_to => {}
        _ => return false,
    }
    tail_check(&mut file, f.read_to).is_ok_and(|c| c == f.check)
}

/// SHA-256 of the [`CHECK_BYTES`] bytes before `end`.
fn tail_check(file: &mut File, end: u64) -> std::io::Result<String> {
    let start = end.saturating_sub(CHECK_BYTES);
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::with_capacity((end - start) as usize);
    file.take(end - start).read_to_end(&mut buf)?;
    if (buf.len() as u64) < end - start {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(hex(&Sha256::digest(&buf)))
}

/// How a log format is read again after it grew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resume {
    /// Every line stands alone (Claude Code): read on from `read_to`.
    Plain,
    /// Lines lean on earlier ones (Codex: the session and the model come
    /// first): read on from `read_to`, the session's context lines first.
    WithContext,
    /// A whole document (Gemini CLI's JSON sessions, any other format):
    /// read whole; its events already in the ledger count as duplicates.
    Whole,
}

fn resume_of(format_id: &str) -> Resume {
    match format_id {
        "claude-code-jsonl" => Resume::Plain,
        "codex-cli-jsonl" => Resume::WithContext,
        _ => Resume::Whole,
    }
}

/// What reading one log gave.
struct Tail {
    read_to: u64,
    prefix_sha256: String,
    check: String,
    records: Vec<(ProviderRecord, Option<i64>)>,
}

/// The bytes read for the head a format is detected by.
const HEAD_BYTES: u64 = 64 * 1024;

fn read_err(file: &str) -> impl Fn(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Read {
        file: file.to_owned(),
        source,
    }
}

/// Reads the log at `path` from where `state` says the last scan stopped,
/// if its beginning is still what that scan read; else from its start.
fn read_log(
    path: &Path,
    shown: &str,
    size: u64,
    state: Option<&LogState>,
) -> Result<(LogFileRead, Tail), ImportError> {
    let err = read_err(shown);
    let mut file = File::open(path).map_err(&err)?;
    let mut head = Vec::new();
    (&mut file)
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .map_err(&err)?;
    let head_text = String::from_utf8_lossy(&head);
    let head = Head { text: &head_text };
    let format = detect::choose_format(&head, None)
        .ok()
        .filter(|f| f.records())
        .ok_or_else(|| {
            ImportError::BadInput(BadInput {
                file: shown.to_owned(),
                line: 1,
                problem: Problem::Malformed {
                    found: Box::new(crate::msg!("usage-watch-not-a-log")),
                    expected: Box::new(crate::msg!("usage-watch-agent-log")),
                },
                format: None,
            })
        })?;
    let resume = resume_of(format.id());
    // Where to read from: on from the last scan if what it read is intact.
    let mut hasher = Sha256::new();
    let mut from = Prefix::default();
    let mut reread = state.is_some_and(|s| s.read_to > 0);
    if let Some(s) = state.filter(|s| resume != Resume::Whole && s.read_to > 0) {
        if let Some(want) = s.prefix_sha256.as_deref().filter(|_| s.read_to <= size) {
            file.seek(SeekFrom::Start(0)).map_err(&err)?;
            let mut h = Sha256::new();
            let prefix = read_prefix(&mut file, s.read_to, resume, &mut h).map_err(&err)?;
            if hex(&h.clone().finalize()) == want {
                hasher = h;
                from = prefix;
                reread = false;
            }
        }
    }
    let end = if resume == Resume::Whole {
        size
    } else {
        end_of_last_line(&mut file, size).map_err(&err)?
    };
    let mut sink = Collect {
        records: Vec::new(),
        notices: Vec::new(),
        rejects: Vec::new(),
        context_lines: from.context_lines,
        base_line: from.lines,
        file: shown,
    };
    if end > from.bytes {
        file.seek(SeekFrom::Start(from.bytes)).map_err(&err)?;
        let mut tail = Hashing {
            inner: (&mut file).take(end - from.bytes),
            hasher: &mut hasher,
        };
        let parsed = {
            let mut input = BufReader::with_capacity(
                256 * 1024,
                std::io::Read::chain(from.context.as_slice(), &mut tail),
            );
            format.parse(&head, &mut input, &mut sink)
        };
        parsed.map_err(|e| {
            ImportError::BadInput(BadInput {
                file: shown.to_owned(),
                line: sink.physical(e.line),
                problem: e.problem,
                format: Some(format.id()),
            })
        })?;
        // Hash up to `end` even where the format stopped before it.
        std::io::copy(&mut tail, &mut std::io::sink()).map_err(&err)?;
    }
    let read_to = end.max(from.bytes);
    let check = tail_check(&mut file, read_to).map_err(&err)?;
    Ok((
        LogFileRead {
            file: shown.to_owned(),
            name: shown.to_owned(),
            format: format.id().to_owned(),
            from_byte: from.bytes,
            reread,
            added: 0,
            duplicates: 0,
            notices: sink.notices,
            rejects: sink
                .rejects
                .into_iter()
                .map(|(line, msg)| LogReject {
                    line,
                    reason: msg.render(crate::i18n::Lang::En),
                    msg,
                })
                .collect(),
        },
        Tail {
            read_to,
            prefix_sha256: hex(&hasher.finalize()),
            check,
            records: sink.records,
        },
    ))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The part of a log the last scan read: its length and lines, and (for
/// [`Resume::WithContext`]) the lines the rest leans on.
#[derive(Debug, Default)]
struct Prefix {
    bytes: u64,
    lines: u64,
    context: Vec<u8>,
    context_lines: u64,
}

/// Hashes the first `len` bytes of `file` into `hasher`, counting lines
/// and keeping Codex's last `session_meta` line, and the last
/// `turn_context` (the model) and running token total after it (so the
/// next count is told from a repeat of it).
fn read_prefix(
    file: &mut File,
    len: u64,
    resume: Resume,
    hasher: &mut Sha256,
) -> std::io::Result<Prefix> {
    let mut input = BufReader::with_capacity(256 * 1024, file.take(len));
    let mut out = Prefix {
        bytes: len,
        ..Prefix::default()
    };
    let (mut session, mut turn, mut count) = (Vec::new(), Vec::new(), Vec::new());
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        hasher.update(&line);
        if line.ends_with(b"\n") {
            out.lines += 1;
        }
        if resume == Resume::WithContext {
            let near = &line[..line.len().min(160)];
            if contains(near, b"\"type\":\"session_meta\"") {
                session.clone_from(&line);
                turn.clear();
                count.clear();
            } else if contains(near, b"\"type\":\"turn_context\"") {
                turn.clone_from(&line);
            } else if contains(&line, b"\"type\":\"token_count\"")
                && contains(&line, b"\"total_token_usage\"")
            {
                count.clone_from(&line);
            }
        }
    }
    for l in [session, turn, count] {
        if !l.is_empty() {
            out.context.extend_from_slice(&l);
            if !l.ends_with(b"\n") {
                out.context.push(b'\n');
            }
            out.context_lines += 1;
        }
    }
    Ok(out)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The byte after the last `\n` of a file of `size` bytes (0 when it has
/// none): a last line still being written is left for the next scan.
fn end_of_last_line(file: &mut File, size: u64) -> std::io::Result<u64> {
    const STEP: u64 = 64 * 1024;
    let mut end = size;
    let mut buf = vec![0u8; STEP as usize];
    while end > 0 {
        let start = end.saturating_sub(STEP);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf[..n])?;
        if let Some(i) = buf[..n].iter().rposition(|b| *b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// A reader that hashes what passes through it.
struct Hashing<'h, R> {
    inner: R,
    hasher: &'h mut Sha256,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Keeps one log's records, their lines those of the file.
struct Collect<'a> {
    records: Vec<(ProviderRecord, Option<i64>)>,
    notices: Vec<Notice>,
    rejects: Vec<(u64, crate::i18n::Msg)>,
    /// Lines of context put before the tail (they make no records).
    context_lines: u64,
    /// Lines of the file before the tail.
    base_line: u64,
    file: &'a str,
}

impl Collect<'_> {
    fn physical(&self, line: u64) -> u64 {
        if line == 0 {
            0
        } else {
            self.base_line + line.saturating_sub(self.context_lines)
        }
    }
}

impl RowSink for Collect<'_> {
    fn row(&mut self, txn: &ParsedTxn<'_>) -> Result<(), RowError> {
        let _ = txn;
        Err(RowError::new(
            0,
            Problem::Unreadable(Box::new(crate::msg!(
                "import-statement-lines-in-log",
                file = self.file
            ))),
        ))
    }

    fn record(&mut self, mut rec: ProviderRecord) -> Result<(), RowError> {
        let amount = rec
            .amount
            .map(|a| {
                crate::money::to_micros(a).map_err(|_| {
                    RowError::new(
                        rec.line,
                        Problem::AmountOutOfRange {
                            column: "amount",
                            value: a.to_string(),
                        },
                    )
                })
            })
            .transpose()?;
        // A record of a context line was read by an earlier scan.
        if rec.line <= self.context_lines {
            return Ok(());
        }
        rec.line = self.physical(rec.line);
        self.records.push((rec, amount));
        Ok(())
    }

    fn notice(&mut self, mut notice: Notice) {
        for l in &mut notice.lines {
            *l = self.physical(*l);
        }
        self.notices.push(notice);
    }

    fn reject(&mut self, line: u64, reason: crate::i18n::Msg) {
        let line = self.physical(line);
        self.rejects.push((line, reason));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_folders_follow_the_tools_environment() {
        let home = Path::new("/home/ana");
        let none = |_: &str| None;
        let got: Vec<(Tool, PathBuf)> = default_log_folders(home, &none)
            .into_iter()
            .map(|f| (f.tool.expect("default folders name their tool"), f.path))
            .collect();
        assert_eq!(
            got,
            vec![
                (Tool::ClaudeCode, home.join(".config/claude/projects")),
                (Tool::ClaudeCode, home.join(".claude/projects")),
                (Tool::CodexCli, home.join(".codex/sessions")),
                (Tool::GeminiCli, home.join(".gemini/tmp")),
            ]
        );
        assert!(is_log(Path::new(
            "/h/.gemini/tmp/ab12/chats/session-2026-11-20T09-15-5f0c.json"
        )));
        assert!(!is_log(Path::new("/h/.gemini/tmp/ab12/logs.json")));
        assert!(!is_log(Path::new("/h/.gemini/settings.json")));
        let env = |k: &str| match k {
            "CLAUDE_CONFIG_DIR" => Some(OsString::from("/a/claude, /b/claude")),
            "CODEX_HOME" => Some(OsString::from("/c/codex")),
            "GEMINI_CLI_HOME" => Some(OsString::from("/g")),
            _ => None,
        };
        let got: Vec<PathBuf> = default_log_folders(home, &env)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            got,
            vec![
                PathBuf::from("/a/claude/projects"),
                PathBuf::from("/b/claude/projects"),
                PathBuf::from("/c/codex/sessions"),
                PathBuf::from("/g/.gemini/tmp"),
            ]
        );
    }
}

//! Where mail comes from: one `.eml` file, an `.mbox` file (many messages
//! split on their `From ` lines) or a Maildir folder (`cur/`, `new/`,
//! `tmp/`), told apart by content, and read one message at a time.
//!
//! Invariant: memory is bounded by one message (at most
//! [`MAX_MESSAGE_BYTES`]), never by the mailbox: an mbox is streamed, and a
//! message is handed over with where it lies, so the few kept are read again
//! from there instead of held.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The largest message read; a bigger one is counted and skipped.
pub const MAX_MESSAGE_BYTES: usize = 32 * 1024 * 1024;

/// The three shapes a mail export takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Eml,
    Mbox,
    Maildir,
    /// A receipt PDF saved on its own (read by [`super::pdf`]).
    Pdf,
}

impl MailKind {
    /// The format id a batch records.
    pub fn id(self) -> &'static str {
        match self {
            MailKind::Eml => "mail-eml",
            MailKind::Mbox => "mail-mbox",
            MailKind::Maildir => "mail-maildir",
            MailKind::Pdf => "receipt-pdf",
        }
    }
}

/// Where one message lies, to read it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A whole file (`.eml`, a Maildir message).
    File(PathBuf),
    /// Bytes `offset..offset+len` of an mbox, `>From ` quoting still in.
    Mbox {
        path: PathBuf,
        offset: u64,
        len: u64,
    },
}

/// One message as read: its bytes (unquoted), where it lies, and the
/// physical line it starts on (1 for a file of its own).
#[derive(Debug)]
pub struct RawMessage {
    pub at: Location,
    pub line: u64,
    pub bytes: Vec<u8>,
    /// True when the message was longer than [`MAX_MESSAGE_BYTES`] and
    /// `bytes` holds only its start.
    pub truncated: bool,
}

/// What kind of mail `path` is, judged by content: a folder with `cur/`
/// and `new/` is a Maildir, a file opening with an mbox `From ` line is an
/// mbox, a file opening with mail headers is one message. `None`: not mail.
pub fn detect(path: &Path) -> Option<MailKind> {
    if path.is_dir() {
        return (path.join("cur").is_dir() && path.join("new").is_dir())
            .then_some(MailKind::Maildir);
    }
    let mut head = vec![0u8; 8192];
    let mut f = File::open(path).ok()?;
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return None,
        }
    }
    head.truncate(n);
    sniff(&head)
}

/// [`detect`] for the first bytes of a file.
pub fn sniff(head: &[u8]) -> Option<MailKind> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"%PDF-") {
        return Some(MailKind::Pdf);
    }
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    if is_from_line(first) && has_year(first) {
        return Some(MailKind::Mbox);
    }
    looks_like_headers(head).then_some(MailKind::Eml)
}

/// `From sender date`: the line an mbox starts each message with.
fn is_from_line(line: &[u8]) -> bool {
    line.starts_with(b"From ") && line.get(5).is_some_and(|b| !b.is_ascii_whitespace())
}

/// An mbox `From ` line ends with its date (`... 2026`): a prose line that
/// opens with "From " has no year in it.
fn has_year(line: &[u8]) -> bool {
    line.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// The file opens with an RFC 5322 header block that names at least two of
/// the headers every message has (so a CSV or a text note is not mail).
fn looks_like_headers(head: &[u8]) -> bool {
    const KNOWN: [&str; 10] = [
        "from",
        "to",
        "date",
        "subject",
        "message-id",
        "mime-version",
        "received",
        "return-path",
        "delivered-to",
        "content-type",
    ];
    let text = String::from_utf8_lossy(head);
    let mut known = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if i == 0 {
                return false;
            }
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return false;
        }
        if KNOWN.iter().any(|k| name.eq_ignore_ascii_case(k)) {
            known += 1;
        }
    }
    known >= 2
}

/// Reads every message of `path` (of kind `kind`) in order, handing each to
/// `each`; stops at the first error `each` returns.
pub fn for_each_message<E>(
    path: &Path,
    kind: MailKind,
    each: &mut dyn FnMut(RawMessage) -> Result<(), E>,
    io_err: &dyn Fn(std::io::Error) -> E,
) -> Result<(), E> {
    match kind {
        MailKind::Eml | MailKind::Pdf => each(read_file(path).map_err(io_err)?),
        MailKind::Maildir => {
            for file in maildir_files(path).map_err(io_err)? {
                each(read_file(&file).map_err(io_err)?)?;
            }
            Ok(())
        }
        MailKind::Mbox => {
            let f = File::open(path).map_err(io_err)?;
            split_mbox(path, BufReader::with_capacity(256 * 1024, f), each, io_err)
        }
    }
}

/// One file, whole (up to the cap).
fn read_file(path: &Path) -> std::io::Result<RawMessage> {
    let f = File::open(path)?;
    let len = f.metadata()?.len();
    let mut bytes = Vec::with_capacity(len.min(MAX_MESSAGE_BYTES as u64) as usize);
    f.take(MAX_MESSAGE_BYTES as u64).read_to_end(&mut bytes)?;
    Ok(RawMessage {
        at: Location::File(path.to_path_buf()),
        line: 1,
        bytes,
        truncated: len > MAX_MESSAGE_BYTES as u64,
    })
}

/// A Maildir's messages: `new/` then `cur/` (`tmp/` holds deliveries still
/// being written, which are not messages yet), each sorted by name so that
/// an import is repeatable. Dot files are skipped.
fn maildir_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

/// Splits an mbox (mboxrd/mboxo) on its `From ` lines, streaming: each
/// message's `>From ` lines lose one `>` (mboxrd: `>>From ` becomes
/// `>From `). A `From ` line inside a body was quoted by the writer, so it
/// never starts a message; the blank line before a `From ` line belongs to
/// the separator.
pub fn split_mbox<R: BufRead, E>(
    path: &Path,
    mut reader: R,
    each: &mut dyn FnMut(RawMessage) -> Result<(), E>,
    io_err: &dyn Fn(std::io::Error) -> E,
) -> Result<(), E> {
    let mut line = Vec::with_capacity(1024);
    let mut offset = 0u64;
    let mut line_no = 0u64;
    let mut current: Option<RawMessage> = None;
    let mut start = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io_err)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let at = offset;
        offset += n as u64;
        if is_from_line(&line) {
            if let Some(mut m) = current.take() {
                finish(&mut m, path, start, at);
                each(m)?;
            }
            start = offset;
            current = Some(RawMessage {
                at: Location::File(PathBuf::new()),
                line: line_no + 1,
                bytes: Vec::new(),
                truncated: false,
            });
            continue;
        }
        let Some(m) = current.as_mut() else {
            // Text before the first `From ` line is not a message.
            continue;
        };
        if m.truncated {
            continue;
        }
        let body: &[u8] = if line.starts_with(b">") && unquoted_from(&line) {
            &line[1..]
        } else {
            &line
        };
        if m.bytes.len() + body.len() > MAX_MESSAGE_BYTES {
            m.truncated = true;
            m.bytes = Vec::new();
            continue;
        }
        m.bytes.extend_from_slice(body);
    }
    if let Some(mut m) = current.take() {
        finish(&mut m, path, start, offset);
        each(m)?;
    }
    Ok(())
}

/// `>From `, `>>From `, ...: a quoted `From ` line.
fn unquoted_from(line: &[u8]) -> bool {
    let rest = &line[line.iter().take_while(|&&b| b == b'>').count()..];
    rest.starts_with(b"From ")
}

/// Drops the separator's blank line from a message's end and records where
/// it lies.
fn finish(m: &mut RawMessage, path: &Path, start: u64, end: u64) {
    if m.bytes.ends_with(b"\r\n\r\n") {
        m.bytes.truncate(m.bytes.len() - 2);
    } else if m.bytes.ends_with(b"\n\n") {
        m.bytes.truncate(m.bytes.len() - 1);
    }
    m.at = Location::Mbox {
        path: path.to_path_buf(),
        offset: start,
        len: end.saturating_sub(start),
    };
}

/// Reads a message again from where it lies (the receipts kept are read
/// once more to be stored, so the mailbox is never held in memory).
pub fn read_again(at: &Location) -> std::io::Result<Vec<u8>> {
    match at {
        Location::File(p) => {
            let f = File::open(p)?;
            let mut bytes = Vec::new();
            f.take(MAX_MESSAGE_BYTES as u64).read_to_end(&mut bytes)?;
            Ok(bytes)
        }
        Location::Mbox { path, offset, len } => {
            let mut f = File::open(path)?;
            f.seek(SeekFrom::Start(*offset))?;
            let mut out = Vec::new();
            for line in BufReader::new(f.take(*len)).split(b'\n') {
                let line = line?;
                let body = if line.starts_with(b">") && unquoted_from(&line) {
                    &line[1..]
                } else {
                    &line[..]
                };
                out.extend_from_slice(body);
                out.push(b'\n');
            }
            while out.ends_with(b"\n\n") {
                out.pop();
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<RawMessage> {
        let mut out = Vec::new();
        split_mbox::<_, std::io::Error>(
            Path::new("x.mbox"),
            text.as_bytes(),
            &mut |m| {
                out.push(m);
                Ok(())
            },
            &|e| e,
        )
        .expect("split");
        out
    }

    #[test]
    fn splits_on_from_lines_and_unquotes_from() {
        let mbox = "From a@x Mon Jan  5 10:00:00 2026\nSubject: one\n\nbody\n>From here on\n>>From kept once\n\nFrom b@y Mon Jan  5 11:00:00 2026\nSubject: two\n\nFrom-less\n";
        let msgs = split(mbox);
        assert_eq!(msgs.len(), 2);
        assert_eq!(
            String::from_utf8_lossy(&msgs[0].bytes),
            "Subject: one\n\nbody\nFrom here on\n>From kept once\n"
        );
        assert_eq!(msgs[0].line, 2);
        assert_eq!(msgs[1].line, 9);
        assert_eq!(
            String::from_utf8_lossy(&msgs[1].bytes),
            "Subject: two\n\nFrom-less\n"
        );
        let Location::Mbox { offset, len, .. } = msgs[1].at else {
            panic!("mbox location");
        };
        assert_eq!(
            &mbox[offset as usize..(offset + len) as usize],
            "Subject: two\n\nFrom-less\n"
        );
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(
            sniff(b"From a@b Mon Jan  5 10:00:00 2026\n"),
            Some(MailKind::Mbox)
        );
        assert_eq!(
            sniff(b"Received: x\nFrom: a@b\nSubject: hi\n\nbody"),
            Some(MailKind::Eml)
        );
        assert_eq!(sniff(b"Date,Description,Amount\n2026-01-01,x,1\n"), None);
        assert_eq!(sniff(b"From: a@b\n"), None, "one header is not enough");
        assert_eq!(sniff(b"From the desk of\n"), None);
        assert_eq!(sniff(b"OFXHEADER:100\nDATA:OFXSGML\n"), None);
    }

    #[test]
    fn a_huge_message_is_cut_not_held() {
        let mut mbox = String::from("From a@x Mon Jan  5 10:00:00 2026\nSubject: big\n\n");
        let line = "x".repeat(1023) + "\n";
        for _ in 0..(MAX_MESSAGE_BYTES / 1024 + 2) {
            mbox.push_str(&line);
        }
        mbox.push_str("From b@y Mon Jan  5 11:00:00 2026\nSubject: small\n\nok\n");
        let msgs = split(&mbox);
        assert_eq!(msgs.len(), 2);
        assert!(msgs[0].truncated && msgs[0].bytes.is_empty());
        assert!(!msgs[1].truncated);
    }
}

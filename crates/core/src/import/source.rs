//! Reading an input file: hashing every byte as it streams past, and the
//! checks that come before any format sees it (empty, binary, encoding).

use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::error::Problem;

/// A reader that feeds every byte it passes on into SHA-256 and counts them.
#[derive(Debug)]
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    bytes: Arc<AtomicU64>,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
            bytes: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A live view of how many bytes have been read so far.
    pub fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes)
    }

    /// Lowercase hex SHA-256 of everything read, and the byte count.
    pub fn finish(self) -> (String, u64) {
        let digest = self.hasher.finalize();
        let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
        (hex, self.bytes.load(Ordering::Relaxed))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Checks the start of the input, skips a UTF-8 byte-order mark and returns
/// the head as text for detection.
pub fn inspect_head<R: Read>(input: &mut BufReader<R>) -> Result<String, (u64, Problem)> {
    let buf = input
        .fill_buf()
        .map_err(|e| (1, Problem::Csv(e.to_string())))?;
    if buf.is_empty() {
        return Err((1, Problem::Empty));
    }
    if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
        return Err((1, Problem::Utf16));
    }
    let bom = if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let body = &buf[bom..];
    if let Some(pos) = body.iter().position(|b| *b == 0) {
        return Err((line_at(body, pos), Problem::Binary));
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t.to_owned(),
        // A multi-byte character cut at the end of the buffer is fine.
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned()
        }
        Err(e) => return Err((line_at(body, e.valid_up_to()), Problem::NotUtf8)),
    };
    if text.trim().is_empty() {
        return Err((1, Problem::Empty));
    }
    input.consume(bom);
    Ok(text)
}

/// 1-based physical line of byte `pos` (LF, CRLF or bare CR endings).
fn line_at(bytes: &[u8], pos: usize) -> u64 {
    let before = &bytes[..pos];
    let lf = before.iter().filter(|b| **b == b'\n').count();
    let bare_cr = before
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count();
    (lf + bare_cr) as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &[u8]) -> Result<String, (u64, Problem)> {
        inspect_head(&mut BufReader::new(bytes))
    }

    #[test]
    fn rejects_what_is_not_text() {
        assert_eq!(head(b""), Err((1, Problem::Empty)));
        assert_eq!(head(b"\n\r\n  \n"), Err((1, Problem::Empty)));
        assert_eq!(head(b"a,b\nc,\x00d"), Err((2, Problem::Binary)));
        assert_eq!(head(b"a,b\n\nc,\xff"), Err((3, Problem::NotUtf8)));
        assert_eq!(head(b"\xff\xfea\x00"), Err((1, Problem::Utf16)));
    }

    #[test]
    fn strips_a_utf8_bom() {
        assert_eq!(head(b"\xEF\xBB\xBFa,b\n"), Ok("a,b\n".into()));
    }
}

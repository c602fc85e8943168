//! Reading an input file: hashing every byte as it streams past, and the
//! checks that come before any format sees it (empty, binary, encoding).

use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;
use sha2::{Digest, Sha256};

use crate::import::pipeline::error::Problem;

/// A reader that feeds every byte it passes on into SHA-256 and counts them.
#[derive(Debug)]
pub struct HashingReader<R> {
    inner: R,
    hash: HashHandle,
}

/// The running hash and byte count of a [`HashingReader`], readable while
/// the reader itself is owned elsewhere (by a decoder, on another thread).
#[derive(Debug, Clone, Default)]
pub struct HashHandle {
    hasher: Arc<Mutex<Sha256>>,
    bytes: Arc<AtomicU64>,
}

impl HashHandle {
    /// How many bytes have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Lowercase hex SHA-256 of everything read, and the byte count.
    pub fn finish(&self) -> (String, u64) {
        let digest = match self.hasher.lock() {
            Ok(h) => h.clone().finalize(),
            Err(poisoned) => poisoned.into_inner().clone().finalize(),
        };
        let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
        (hex, self.bytes_read())
    }
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> (Self, HashHandle) {
        let hash = HashHandle::default();
        (
            HashingReader {
                inner,
                hash: hash.clone(),
            },
            hash,
        )
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut h) = self.hash.hasher.lock() {
            h.update(&buf[..n]);
        }
        self.hash.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The text encoding of an input, decided once from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    pub encoding: &'static Encoding,
    /// Bytes of byte-order mark at the start.
    pub bom: usize,
    /// A binary container (a ZIP: an XLSX workbook), not text: `encoding`
    /// means nothing, the bytes reach the format undecoded, and only formats
    /// that read bytes ([`crate::import::pipeline::format::Format::reads_binary`]) take it.
    pub binary: bool,
}

/// The first bytes of a ZIP archive (a local file header), as every XLSX
/// starts.
pub const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";

/// Decides the encoding from the start of the input: a byte-order mark
/// (UTF-8, UTF-16 LE/BE) wins; else UTF-8 if the bytes are valid UTF-8; else
/// the legacy encoding the bytes look like (GB18030 for a Chinese bill,
/// Windows-1252 for a Western one), by `chardetng`. Empty and binary inputs
/// are refused here, with the line where the trouble starts.
pub fn sniff_encoding(head: &[u8]) -> Result<TextEncoding, (u64, Problem)> {
    if head.is_empty() {
        return Err((1, Problem::Empty));
    }
    if head.starts_with(ZIP_SIGNATURE) {
        return Ok(TextEncoding {
            encoding: UTF_8,
            bom: 0,
            binary: true,
        });
    }
    if let Some((encoding, bom)) = Encoding::for_bom(head) {
        if encoding == UTF_8 {
            check_not_binary(&head[bom..])?;
        }
        return Ok(TextEncoding {
            encoding,
            bom,
            binary: false,
        });
    }
    check_not_binary(head)?;
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the buffer is fine.
        Err(e) => e.error_len().is_none(),
    };
    if utf8 {
        return Ok(TextEncoding {
            encoding: UTF_8,
            bom: 0,
            binary: false,
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(head, false);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    Ok(TextEncoding {
        encoding,
        bom: 0,
        binary: false,
    })
}

fn check_not_binary(bytes: &[u8]) -> Result<(), (u64, Problem)> {
    match bytes.iter().position(|b| *b == 0) {
        Some(pos) => Err((line_at(bytes, pos), Problem::Binary)),
        None => Ok(()),
    }
}

/// The head as text for detection, decoded, without its BOM. Empty or
/// all-blank text is refused. For a ZIP the "text" is the names of the
/// entries whose local headers lie in the head, one a line
/// (`[Content_Types].xml`, `xl/workbook.xml`, ...): what a format reading
/// a container detects it by.
pub fn head_text(head: &[u8], enc: TextEncoding) -> Result<String, (u64, Problem)> {
    if enc.binary {
        return Ok(zip_entry_names(head).join("\n"));
    }
    let body = &head[enc.bom..];
    let text = if enc.encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(t) => t.to_owned(),
            Err(e) if e.error_len().is_none() => {
                String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned()
            }
            Err(e) => return Err((line_at(body, e.valid_up_to()), Problem::NotUtf8)),
        }
    } else {
        enc.encoding
            .decode_without_bom_handling(body)
            .0
            .into_owned()
    };
    if text.trim().is_empty() {
        return Err((1, Problem::Empty));
    }
    Ok(text)
}

/// The input as UTF-8 for the formats: UTF-8 passes through (its BOM
/// skipped); anything else is decoded as it streams. A binary container
/// passes through as it is.
pub fn utf8_reader<'a, R: Read + Send + 'a>(
    mut raw: BufReader<R>,
    enc: TextEncoding,
) -> Box<dyn BufRead + Send + 'a> {
    if enc.binary {
        Box::new(raw)
    } else if enc.encoding == UTF_8 {
        raw.consume(enc.bom);
        Box::new(raw)
    } else {
        let decoder = DecodeReaderBytesBuilder::new()
            .encoding(Some(enc.encoding))
            .bom_override(true)
            .build(raw);
        Box::new(BufReader::with_capacity(256 * 1024, ReadFull(decoder)))
    }
}

/// Reads until the buffer is full or the input ends. The decoder hands out
/// text in small pieces at first (a few bytes while it looks for a BOM), and
/// a format that peeks at the buffered start of its input (the CSV reader
/// choosing its delimiter from the first line) must see whole lines.
struct ReadFull<R>(R);

impl<R: Read> Read for ReadFull<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            match self.0.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if filled > 0 => {
                    // Hand out what was read; the error comes back next time.
                    let _ = e;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(filled)
    }
}

/// The names in the ZIP local file headers found in `bytes` (a file's
/// start: entries whose header lies past it are not seen).
fn zip_entry_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes[from..]
        .windows(ZIP_SIGNATURE.len())
        .position(|w| w == ZIP_SIGNATURE)
    {
        let start = from + at;
        from = start + ZIP_SIGNATURE.len();
        let Some(fixed) = bytes.get(start..start + 30) else {
            break;
        };
        let len = u16::from_le_bytes([fixed[26], fixed[27]]) as usize;
        if let Some(Ok(name)) = bytes
            .get(start + 30..start + 30 + len)
            .map(std::str::from_utf8)
        {
            if !name.is_empty() && !name.contains(['\n', '\r']) {
                names.push(name.to_owned());
            }
        }
    }
    names
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

    fn head(bytes: &[u8]) -> Result<(String, &'static str), (u64, Problem)> {
        let enc = sniff_encoding(bytes)?;
        Ok((head_text(bytes, enc)?, enc.encoding.name()))
    }

    #[test]
    fn rejects_what_is_not_text() {
        assert_eq!(head(b""), Err((1, Problem::Empty)));
        assert_eq!(head(b"\n\r\n  \n"), Err((1, Problem::Empty)));
        assert_eq!(head(b"a,b\nc,\x00d"), Err((2, Problem::Binary)));
        assert_eq!(head(b"\xEF\xBB\xBFa\n\x00"), Err((2, Problem::Binary)));
    }

    #[test]
    fn a_zip_passes_as_binary_with_its_entry_names() {
        let mut zip = Vec::new();
        for name in ["[Content_Types].xml", "xl/workbook.xml"] {
            zip.extend_from_slice(ZIP_SIGNATURE);
            zip.extend_from_slice(&[0; 22]);
            zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
            zip.extend_from_slice(&[0, 0]);
            zip.extend_from_slice(name.as_bytes());
            zip.extend_from_slice(b"\x00\x01\x02");
        }
        // A header cut short names nothing.
        zip.extend_from_slice(ZIP_SIGNATURE);
        zip.extend_from_slice(&[0; 10]);
        let enc = sniff_encoding(&zip).expect("a zip");
        assert!(enc.binary);
        assert_eq!(
            head_text(&zip, enc),
            Ok("[Content_Types].xml\nxl/workbook.xml".to_owned())
        );
    }

    #[test]
    fn decides_the_encoding_from_the_bytes() {
        assert_eq!(head(b"\xEF\xBB\xBFa,b\n"), Ok(("a,b\n".into(), "UTF-8")));
        assert_eq!(head(b"caf\xc3\xa9\n"), Ok(("café\n".into(), "UTF-8")));
        assert_eq!(
            head(b"\xff\xfea\x00,\x00b\x00"),
            Ok(("a,b".into(), "UTF-16LE"))
        );
        assert_eq!(
            head(b"\xfe\xff\x00a\x00,\x00b"),
            Ok(("a,b".into(), "UTF-16BE"))
        );
        let western = b"Date,Description,Amount\n03/01/2026,CAF\xc9 DE FLORE PARIS,-14.20\n";
        assert_eq!(head(western).map(|h| h.1), Ok("windows-1252"));
        // "交易时间,交易对方,金额" and a row, in GB18030 as Alipay writes it.
        let (gbk, _, _) = encoding_rs::GB18030.encode("交易时间,交易分类,交易对方,商品说明,收/支,金额\n2026-03-01 10:00:00,数码电器,OpenAI,ChatGPT Plus 订阅,支出,140.00\n");
        let (text, name) = head(&gbk).expect("decodes");
        assert!(text.starts_with("交易时间"), "{text}");
        assert!(name == "GBK" || name == "gb18030", "{name}");
    }
}

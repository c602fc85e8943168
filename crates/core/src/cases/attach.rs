//! What an attachment's bytes are, and the copy a case keeps of them.
//!
//! JPEG and PNG lose their metadata losslessly, by dropping whole segments
//! or chunks (the pixels are never decoded or re-encoded):
//! - JPEG: every APPn segment except APP0 JFIF/JFXX, APP2 ICC profile and
//!   APP14 Adobe (which the decoder needs for the colours), and every COM
//!   comment. That removes EXIF (with its GPS block and thumbnail), XMP,
//!   IPTC/Photoshop, MPF and maker data.
//! - PNG: `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME` chunks.
//!
//! Other files (PDF, CSV, TXT, other images) are kept byte for byte; only
//! JPEG and PNG are marked as redacted.
//!
//! Invariant: the stored copy is written beside and renamed into place, so a
//! crash never leaves half a file under an attachment's name.

use img_parts::jpeg::Jpeg;
use img_parts::png::Png;
use img_parts::Bytes;
use sha2::{Digest, Sha256};

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::store::{ensure_open, touch};
use super::zone::instant;
use super::{Attachment, CaseError};
use crate::ledger::Ledger;

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The media type, from the bytes where they say it, else from the name.
pub fn media_type(bytes: &[u8], name: &str) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return "image/jpeg";
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return "image/png";
    }
    if bytes.starts_with(b"%PDF-") {
        return "application/pdf";
    }
    if bytes.starts_with(b"GIF8") {
        return "image/gif";
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return "image/webp";
    }
    media_type_from_name(name)
}

/// The media type a file's name suggests (its extension, any case); the
/// fallback of [`media_type`] when the bytes say nothing.
pub fn media_type_from_name(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "csv" => "text/csv",
        "txt" | "log" => "text/plain",
        "json" => "application/json",
        "md" => "text/markdown",
        "html" | "htm" => "text/html",
        // A receipt e-mail (issue #19): text, so a pack redacts it.
        "eml" => "message/rfc822",
        "heic" | "heif" => "image/heic",
        _ => "application/octet-stream",
    }
}

/// True for media types whose text the pack redacts.
pub fn is_text(media_type: &str) -> bool {
    media_type.starts_with("text/")
        || media_type == "application/json"
        || media_type == "message/rfc822"
}

/// The bytes to store and whether metadata was removed. `Err` carries what
/// is wrong with an image that claims to be JPEG or PNG but cannot be read.
pub fn stripped(bytes: &[u8], media_type: &str) -> Result<(Vec<u8>, bool), crate::i18n::Msg> {
    match media_type {
        "image/jpeg" => strip_jpeg(bytes).map(|b| (b, true)),
        "image/png" => strip_png(bytes).map(|b| (b, true)),
        _ => Ok((bytes.to_vec(), false)),
    }
}

const APP0: u8 = 0xE0;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;
const APP15: u8 = 0xEF;
const COM: u8 = 0xFE;

fn keep_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    match marker {
        APP0 => contents.starts_with(b"JFIF\0") || contents.starts_with(b"JFXX\0"),
        APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        APP14 => contents.starts_with(b"Adobe"),
        m if (APP0..=APP15).contains(&m) => false,
        COM => false,
        _ => true,
    }
}

fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, crate::i18n::Msg> {
    let mut jpeg = Jpeg::from_bytes(Bytes::copy_from_slice(bytes))
        .map_err(|e| crate::msg!("case-image-not-jpeg", detail = e.to_string()))?;
    jpeg.segments_mut()
        .retain(|s| keep_jpeg_segment(s.marker(), s.contents()));
    Ok(jpeg.encoder().bytes().to_vec())
}

const DROPPED_PNG_CHUNKS: [[u8; 4]; 5] = [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"];

fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, crate::i18n::Msg> {
    let mut png = Png::from_bytes(Bytes::copy_from_slice(bytes))
        .map_err(|e| crate::msg!("case-image-not-png", detail = e.to_string()))?;
    png.chunks_mut()
        .retain(|c| !DROPPED_PNG_CHUNKS.contains(&c.kind()));
    Ok(png.encoder().bytes().to_vec())
}

/// A file name safe in any file system and in a ZIP: letters, digits, `.`,
/// `-` and `_`, at most 80 characters, never empty or hidden.
pub fn safe_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    while out.starts_with('.') {
        out.remove(0);
    }
    if out.len() > 80 {
        let cut = out.len() - 80;
        out = out[cut..].to_owned();
    }
    if out.is_empty() {
        out.push_str("file");
    }
    out
}

/// The folder a case's attachments live in: `attachments/<case id>/` next
/// to the ledger file.
pub fn attachment_dir(ledger: &Ledger, case: i64) -> Result<PathBuf, CaseError> {
    let path = ledger.path().ok_or(CaseError::NoDataFolder)?;
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(base.join("attachments").join(case.to_string()))
}

/// Copies a file into the case's folder (JPEG/PNG without their metadata)
/// and records it with both hashes.
pub fn attach(
    ledger: &mut Ledger,
    case: i64,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<Attachment, CaseError> {
    ensure_open(ledger, case)?;
    let dir = attachment_dir(ledger, case)?;
    let bytes = std::fs::read(file).map_err(|source| CaseError::ReadFile {
        path: file.to_path_buf(),
        source,
    })?;
    let original_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let media_type = media_type(&bytes, &original_name);
    let (stored, redacted) =
        stripped(&bytes, media_type).map_err(|problem| CaseError::BadImage {
            path: file.to_path_buf(),
            problem,
        })?;
    let seq = ledger.case_attachment_count(case)? + 1;
    let stored_name = format!("{seq:02}-{}", safe_name(&original_name));
    std::fs::create_dir_all(&dir).map_err(|source| CaseError::WriteFile {
        path: dir.clone(),
        source,
    })?;
    let target = dir.join(&stored_name);
    // Write beside, then rename: a crash never leaves half a file under the name.
    let partial = dir.join(format!(".{stored_name}.partial"));
    std::fs::write(&partial, &stored)
        .and_then(|()| std::fs::rename(&partial, &target))
        .map_err(|source| CaseError::WriteFile {
            path: target.clone(),
            source,
        })?;
    let a = Attachment {
        id: 0,
        stored_name,
        original_name,
        original_sha256: sha256_hex(&bytes),
        stored_sha256: sha256_hex(&stored),
        original_size: bytes.len() as u64,
        size: stored.len() as u64,
        media_type: media_type.to_owned(),
        captured_at: instant(now),
        redacted,
    };
    let id = ledger.case_add_attachment(case, &a)?;
    touch(ledger, case, now)?;
    Ok(Attachment { id, ..a })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_email_is_text_the_pack_redacts() {
        let media = media_type(b"From: Apple <no_reply@email.apple.com>\r\n", "receipt.eml");
        assert_eq!(media, "message/rfc822");
        assert!(is_text(media));
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("Screen Shot 1.png"), "Screen_Shot_1.png");
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(safe_name(""), "file");
        assert_eq!(safe_name("收据.pdf"), "__.pdf");
    }

    #[test]
    fn without_telling_bytes_the_name_decides_in_any_case() {
        assert_eq!(media_type_from_name("Receipt-2026.PDF"), "application/pdf");
        assert_eq!(media_type(b"plain words", "shot.jpeg"), "image/jpeg");
        assert_eq!(
            media_type_from_name("no-extension"),
            "application/octet-stream"
        );
    }

    #[test]
    fn media_types_come_from_bytes_first() {
        assert_eq!(media_type(b"%PDF-1.7", "x.txt"), "application/pdf");
        assert_eq!(media_type(b"a,b", "bank.CSV"), "text/csv");
        assert_eq!(media_type(b"\xFF\xD8\xFF\xE0", "x"), "image/jpeg");
        assert_eq!(media_type(b"??", "x.bin"), "application/octet-stream");
    }

    #[test]
    fn a_broken_jpeg_is_refused() {
        assert!(stripped(b"\xFF\xD8\xFF\xE1\x00", "image/jpeg").is_err());
    }
}

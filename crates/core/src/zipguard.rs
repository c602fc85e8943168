//! Reading a ZIP someone else made (an evidence pack to verify, an XLSX
//! workbook to import) without letting it escape or explode.
//!
//! Before anything is decompressed, the container is checked from its
//! directories alone:
//! - the entry count in the end-of-central-directory record (also the
//!   ZIP64 one) is read first, so a directory of millions of entries is
//!   refused before it is parsed;
//! - every name: no `..` part, no absolute path (`/x`, `\x`, `C:`), no
//!   backslash at all (a `..\x` written on Windows), no NUL;
//! - no symbolic link (Unix mode `S_IFLNK`);
//! - the declared uncompressed sizes: their sum under the total cap, and
//!   each entry's ratio (uncompressed : compressed) under the ratio cap once
//!   the entry is larger than a grace size (small files may compress well).
//!
//! Then [`read_entry`] decompresses through `take(cap + 1)`: the declared
//! sizes are not trusted, the caps hold on the bytes actually produced.
//! (The `zip` crate also stops an entry at its declared size, so a reader
//! that decompresses by itself after [`check`], as calamine does, is bound
//! by the same declared sizes.)

use std::io::{Cursor, Read, Seek};

use zip::ZipArchive;

use crate::i18n::Msg;
use crate::library_errors as library;
use crate::msg;

/// The caps for one kind of archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Most entries (files and folders).
    pub max_entries: u64,
    /// Most bytes, uncompressed, over all entries.
    pub max_total: u64,
    /// Highest uncompressed : compressed ratio of one entry...
    pub max_ratio: u64,
    /// ...once it is larger than this many bytes uncompressed.
    pub ratio_grace: u64,
}

const MIB: u64 = 1024 * 1024;

/// Evidence packs (`aispend case verify`).
pub const PACK_LIMITS: ZipLimits = ZipLimits {
    max_entries: 10_000,
    max_total: 1024 * MIB,
    max_ratio: 200,
    ratio_grace: MIB,
};

/// XLSX workbooks (the file itself is at most 64 MiB).
pub const XLSX_LIMITS: ZipLimits = ZipLimits {
    max_entries: 10_000,
    max_total: 256 * MIB,
    max_ratio: 200,
    ratio_grace: MIB,
};

/// Why an archive was refused. The texts say what was found; callers add
/// what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipRefusal {
    /// The zip library's own words in `detail`; `why` says it in the
    /// reader's language.
    #[error("not a readable ZIP ({detail})")]
    Unreadable { why: Box<Msg>, detail: String },
    #[error("it has {found} entries, more than the {max} allowed")]
    TooManyEntries { found: u64, max: u64 },
    #[error("entry {name:?} {why}, which could write outside the folder it is unpacked in")]
    UnsafeName { name: String, why: &'static str },
    #[error("entry {name:?} is a symbolic link")]
    Link { name: String },
    #[error("its entries unpack to {} MiB or more, more than the {} MiB allowed", .total / MIB, .max / MIB)]
    TooLarge { total: u64, max: u64 },
    #[error("entry {name:?} unpacks {ratio} times larger than it is stored, more than {max}:1 (a zip bomb)")]
    Ratio { name: String, ratio: u64, max: u64 },
    #[error("entry {name:?} cannot be read ({problem})")]
    Entry {
        name: String,
        why: Box<Msg>,
        problem: String,
    },
}

impl ZipRefusal {
    /// The refusal as a message of the catalogs (its `Display` is the
    /// English of it).
    pub fn msg(&self) -> Msg {
        match self {
            ZipRefusal::Unreadable { why, .. } => msg!("zip-unreadable", error = (**why).clone()),
            ZipRefusal::TooManyEntries { found, max } => {
                msg!("zip-too-many-entries", found = *found, max = *max)
            }
            ZipRefusal::UnsafeName { name, why } => {
                let why = match *why {
                    "holds a NUL byte" => msg!("zip-name-nul"),
                    "holds a backslash" => msg!("zip-name-backslash"),
                    "is an absolute path" => msg!("zip-name-absolute"),
                    "starts with a drive letter" => msg!("zip-name-drive"),
                    _ => msg!("zip-name-parent"),
                };
                msg!("zip-unsafe-name", name = format!("{name:?}"), why = why)
            }
            ZipRefusal::Link { name } => msg!("zip-link", name = format!("{name:?}")),
            ZipRefusal::TooLarge { total, max } => {
                msg!("zip-too-large", total = *total / MIB, max = *max / MIB)
            }
            ZipRefusal::Ratio { name, ratio, max } => msg!(
                "zip-bomb",
                name = format!("{name:?}"),
                ratio = *ratio,
                max = *max
            ),
            ZipRefusal::Entry { name, why, .. } => msg!(
                "zip-entry-unreadable",
                name = format!("{name:?}"),
                error = (**why).clone()
            ),
        }
    }
}

fn unreadable(e: &zip::result::ZipError) -> ZipRefusal {
    ZipRefusal::Unreadable {
        why: Box::new(library::zip(e)),
        detail: e.to_string(),
    }
}

fn entry_error(name: String, why: Msg, problem: String) -> ZipRefusal {
    ZipRefusal::Entry {
        name,
        why: Box::new(why),
        problem,
    }
}

/// The entry count the end-of-central-directory record declares, read from
/// the raw bytes (before the directory is parsed). `None` when there is no
/// such record (the ZIP reader then says what is wrong).
pub fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const LOCATOR: &[u8] = b"PK\x06\x07";
    const EOCD64: &[u8] = b"PK\x06\x06";
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let at = (from..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| bytes[i..].starts_with(EOCD))?;
    let u16_at = |i: usize| -> Option<u64> {
        let b = bytes.get(i..i + 2)?;
        Some(u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let count = u16_at(at + 10)?;
    if count != 0xFFFF {
        return Some(count);
    }
    // ZIP64: the locator sits just before the record and points at the
    // ZIP64 end record, which holds the real count.
    let loc = at.checked_sub(20)?;
    if !bytes[loc..].starts_with(LOCATOR) {
        return Some(count);
    }
    let u64_at = |i: usize| -> Option<u64> {
        let b: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    };
    let rec = usize::try_from(u64_at(loc + 8)?).ok()?;
    if !bytes.get(rec..)?.starts_with(EOCD64) {
        return Some(count);
    }
    u64_at(rec + 32)
}

/// What is wrong with an entry name, if anything.
pub fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.contains('\0') {
        return Some("holds a NUL byte");
    }
    if name.contains('\\') {
        return Some("holds a backslash");
    }
    if name.starts_with('/') {
        return Some("is an absolute path");
    }
    let b = name.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Some("starts with a drive letter");
    }
    if name.split('/').any(|part| part == "..") {
        return Some("has a `..` part");
    }
    None
}

const S_IFMT: u32 = 0o170_000;
const S_IFLNK: u32 = 0o120_000;

/// Opens an archive held in memory and checks it against `limits` from
/// its directories alone, decompressing nothing.
pub fn open_checked<'a>(
    bytes: &'a [u8],
    limits: &ZipLimits,
) -> Result<ZipArchive<Cursor<&'a [u8]>>, ZipRefusal> {
    if let Some(found) = declared_entries(bytes) {
        if found > limits.max_entries {
            return Err(ZipRefusal::TooManyEntries {
                found,
                max: limits.max_entries,
            });
        }
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    check(&mut archive, limits)?;
    Ok(archive)
}

/// Checks an open archive against `limits` from its central directory:
/// count, names, links, declared sizes and ratios. Decompresses nothing.
pub fn check<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    limits: &ZipLimits,
) -> Result<(), ZipRefusal> {
    let found = archive.len() as u64;
    if found > limits.max_entries {
        return Err(ZipRefusal::TooManyEntries {
            found,
            max: limits.max_entries,
        });
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let f = archive
            .by_index_raw(i)
            .map_err(|e| entry_error(format!("#{i}"), library::zip(&e), e.to_string()))?;
        let name = String::from_utf8_lossy(f.name_raw()).into_owned();
        if let Some(why) = unsafe_name(&name) {
            return Err(ZipRefusal::UnsafeName { name, why });
        }
        if f.unix_mode().is_some_and(|m| m & S_IFMT == S_IFLNK) {
            return Err(ZipRefusal::Link { name });
        }
        let size = f.size();
        total = total.saturating_add(size);
        if total > limits.max_total {
            return Err(ZipRefusal::TooLarge {
                total,
                max: limits.max_total,
            });
        }
        if size > limits.ratio_grace {
            let ratio = size / f.compressed_size().max(1);
            if ratio > limits.max_ratio {
                return Err(ZipRefusal::Ratio {
                    name,
                    ratio,
                    max: limits.max_ratio,
                });
            }
        }
    }
    Ok(())
}

/// Reads one entry, at most `budget` bytes (what is left of the total
/// cap), checking the ratio on the bytes actually produced.
pub fn read_entry(
    entry: &mut dyn Read,
    name: &str,
    compressed_size: u64,
    budget: u64,
    limits: &ZipLimits,
) -> Result<Vec<u8>, ZipRefusal> {
    let mut buf = Vec::new();
    entry
        .take(budget.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| entry_error(name.to_owned(), library::io(&e), e.to_string()))?;
    let got = buf.len() as u64;
    if got > budget {
        return Err(ZipRefusal::TooLarge {
            total: limits.max_total - budget + got,
            max: limits.max_total,
        });
    }
    if got > limits.ratio_grace {
        let ratio = got / compressed_size.max(1);
        if ratio > limits.max_ratio {
            return Err(ZipRefusal::Ratio {
                name: name.to_owned(),
                ratio,
                max: limits.max_ratio,
            });
        }
    }
    Ok(buf)
}

/// Every file entry of a checked archive, decompressed under the caps:
/// (name, bytes), folders left out.
pub fn read_all(bytes: &[u8], limits: &ZipLimits) -> Result<Vec<(String, Vec<u8>)>, ZipRefusal> {
    let mut archive = open_checked(bytes, limits)?;
    let mut out = Vec::new();
    let mut used = 0u64;
    for i in 0..archive.len() {
        let label = archive
            .name_for_index(i)
            .and_then(Result::ok)
            .map_or_else(|| format!("#{i}"), |n| n.into_owned());
        let mut f = archive
            .by_index(i)
            .map_err(|e| entry_error(label, library::zip(&e), e.to_string()))?;
        if f.is_dir() {
            continue;
        }
        let name = String::from_utf8_lossy(f.name_raw()).into_owned();
        let compressed = f.compressed_size();
        let buf = read_entry(&mut f, &name, compressed, limits.max_total - used, limits)?;
        used += buf.len() as u64;
        out.push((name, buf));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            z.start_file(*name, SimpleFileOptions::default())
                .expect("start");
            z.write_all(bytes).expect("write");
        }
        z.finish().expect("finish").into_inner()
    }

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        assert_eq!(unsafe_name("a/b.txt"), None);
        assert_eq!(unsafe_name("a..b/c"), None);
        assert!(unsafe_name("../evil").is_some());
        assert!(unsafe_name("a/../../evil").is_some());
        assert!(unsafe_name("/etc/x").is_some());
        assert!(unsafe_name("..\\evil").is_some());
        assert!(unsafe_name("C:/x").is_some());
        assert!(unsafe_name("a\0b").is_some());
    }

    #[test]
    fn the_entry_count_is_read_before_the_directory() {
        let z = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        assert_eq!(declared_entries(&z), Some(3));
        assert_eq!(declared_entries(b"not a zip"), None);
        let low = ZipLimits {
            max_entries: 2,
            ..PACK_LIMITS
        };
        assert!(matches!(
            open_checked(&z, &low),
            Err(ZipRefusal::TooManyEntries { found: 3, max: 2 })
        ));
    }

    #[test]
    fn the_total_cap_holds_while_reading() {
        let z = zip_of(&[("a", &[7u8; 600]), ("b", &[8u8; 600])]);
        let low = ZipLimits {
            max_total: 1000,
            ..PACK_LIMITS
        };
        // Declared sizes already pass the cap.
        assert!(matches!(
            open_checked(&z, &low),
            Err(ZipRefusal::TooLarge { .. })
        ));
        // And the streaming cap on its own: a budget lower than the entry.
        let mut r: &[u8] = &[1u8; 50];
        assert!(matches!(
            read_entry(&mut r, "x", 50, 10, &low),
            Err(ZipRefusal::TooLarge { .. })
        ));
        let ok = read_all(&z, &PACK_LIMITS).expect("within the caps");
        assert_eq!(ok.len(), 2);
    }

    #[test]
    fn a_high_ratio_is_refused() {
        let zeros = vec![0u8; 2 * 1024 * 1024];
        let z = zip_of(&[("zeros", &zeros)]);
        let e = open_checked(&z, &PACK_LIMITS).expect_err("bomb");
        assert!(matches!(e, ZipRefusal::Ratio { .. }), "{e}");
        // Under the grace size, a small file may compress well.
        let z = zip_of(&[("zeros", &zeros[..4096])]);
        assert!(open_checked(&z, &PACK_LIMITS).is_ok());
    }
}

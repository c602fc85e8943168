//! PDF receipts: the text layer of a receipt PDF, saved on its own or
//! attached to a mail, read locally with `pdf-extract` (fonts decoded
//! through their ToUnicode maps and encodings, a row's cells kept on one
//! line), so that the same readers as for mail ([`super::receipt`]) run on
//! it. No OCR: a PDF that is only a scanned image has no text to read.
//!
//! Invariant: reading a PDF never panics the import and never loses one
//! silently: the answer is its text, or a [`PdfSkip`] that says why not
//! (no text layer, unreadable, too large), which the import lists.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// The largest PDF read (a receipt is tens of KiB; the receipts folder
/// takes files up to this size too).
pub const MAX_PDF_BYTES: usize = crate::reimburse::store::MAX_RECEIPT_BYTES as usize;
/// Fewer letters and digits than this is no text layer (a scan may carry a
/// stray page number or a producer's mark).
pub const MIN_TEXT_CHARS: usize = 16;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfSkip {
    /// The bytes do not open with `%PDF-`.
    NotPdf,
    /// Larger than [`MAX_PDF_BYTES`].
    TooLarge(usize),
    /// The PDF could not be parsed (broken, or encrypted with a password).
    Unreadable(String),
    /// Pages without text: a scanned image.
    NoTextLayer,
}

impl PdfSkip {
    /// Why, as a message of the catalogs (`pdf-receipts.ftl`).
    pub fn msg(&self) -> crate::i18n::Msg {
        match self {
            PdfSkip::NotPdf => crate::msg!("pdf-skip-not-pdf"),
            PdfSkip::TooLarge(n) => crate::msg!(
                "pdf-skip-too-large",
                size_mib = n / (1024 * 1024),
                max_mib = MAX_PDF_BYTES / (1024 * 1024)
            ),
            PdfSkip::Unreadable(why) => crate::msg!("pdf-skip-unreadable", why = why.as_str()),
            PdfSkip::NoTextLayer => crate::msg!("pdf-skip-no-text-layer"),
        }
    }
}

/// In English (the import's notices are English text for now).
impl std::fmt::Display for PdfSkip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().render(crate::i18n::Lang::En))
    }
}

/// Whether `head` is the start of a PDF: `%PDF-` within its first KiB
/// (some writers put bytes before the header; readers allow it).
pub fn is_pdf(head: &[u8]) -> bool {
    head[..head.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The text of a PDF, lines trimmed and blank runs dropped, pages in order.
pub fn text(bytes: &[u8]) -> Result<String, PdfSkip> {
    if !is_pdf(bytes) {
        return Err(PdfSkip::NotPdf);
    }
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfSkip::TooLarge(bytes.len()));
    }
    // pdf-extract indexes into what a hostile file says; a panic there is
    // this file's problem, reported as unreadable, not the import's end.
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }))
    .map_err(|_| PdfSkip::Unreadable("its structure is broken".into()))?
    .map_err(|e| PdfSkip::Unreadable(short_reason(&e.to_string())))?;
    let text = super::read::tidy(&extracted);
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_TEXT_CHARS {
        return Err(PdfSkip::NoTextLayer);
    }
    Ok(text)
}

/// The first line of a parser's error, cut to a readable length.
fn short_reason(e: &str) -> String {
    let line = e.lines().next().unwrap_or("unknown error").trim();
    let mut end = line.len().min(120);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    if line.is_empty() {
        "unknown error".into()
    } else {
        line[..end].to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_and_garbage_are_reasons_not_panics() {
        assert_eq!(text(b"hello"), Err(PdfSkip::NotPdf));
        assert!(matches!(
            text(b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
            Err(PdfSkip::Unreadable(_))
        ));
        assert!(is_pdf(b"\r\n%PDF-1.4"));
        assert!(!is_pdf(b""));
    }
}

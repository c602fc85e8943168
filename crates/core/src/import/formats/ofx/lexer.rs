//! The OFX tokenizer: one tolerant pass over 1.x SGML and 2.x XML bytes,
//! read 64 KiB at a time into its own buffer, giving start tags, end tags
//! and text; character references decoded, nothing expanded.
//!
//! Invariant: tag names, values and nesting are bounded (`MAX_NAME`,
//! `MAX_VALUE`, `MAX_DEPTH`), so hostile input costs neither stack nor memory.

use crate::i18n::Msg;
use crate::import::pipeline::error::{Problem, RowError};
use crate::msg;
use std::io::BufRead;

use super::{MAX_NAME, MAX_VALUE, READ_CHUNK};

// ---------------------------------------------------------------------------
// Tokenizer

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    /// `<NAME>`; the name is in [`Lexer::name`].
    Start,
    /// `<NAME/>`
    Empty,
    /// `</NAME>`
    End,
    /// Text with something other than white space in [`Lexer::text`].
    Text,
    Eof,
}

pub(super) struct Lexer<'r> {
    pub(super) input: &'r mut dyn BufRead,
    /// Bytes read from `input` and not yet lexed: `buf[pos..end]`. Reading
    /// through a local buffer keeps the per-byte path free of calls through
    /// the `dyn BufRead` (it was a fifth of the parse).
    pub(super) buf: Box<[u8]>,
    pub(super) pos: usize,
    pub(super) end: usize,
    /// Physical line of the byte just read (1-based).
    pub(super) line: u64,
    pub(super) prev_cr: bool,
    /// The last line holding something other than white space.
    pub(super) last_content_line: u64,
    pub(super) unread: Option<u8>,
    /// A `<` was read that starts the next token's tag.
    pub(super) tag_pending: bool,
    /// That tag is a `<!` declaration whose first bytes were read already
    /// (looking for `<![CDATA[`).
    pub(super) bang_pending: bool,
    pub(super) lt_line: u64,
    /// The current tag's name, upper case.
    pub(super) name: String,
    /// The current text, raw bytes (at most [`MAX_VALUE`] + 1 kept).
    pub(super) text: Vec<u8>,
    pub(super) text_too_long: bool,
    /// Line of the current token.
    pub(super) tok_line: u64,
}

pub(super) fn io_error(line: u64, e: &std::io::Error) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(msg!(
                "detail-file-unreadable",
                error = crate::library_errors::io(e)
            )),
            expected: Box::new(msg!("detail-ofx-readable")),
        },
    )
}

pub(super) fn malformed(line: u64, found: Msg, expected: Msg) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(found),
            expected: Box::new(expected),
        },
    )
}

impl<'r> Lexer<'r> {
    pub(super) fn new(input: &'r mut dyn BufRead) -> Self {
        Lexer {
            input,
            buf: vec![0; READ_CHUNK].into_boxed_slice(),
            pos: 0,
            end: 0,
            line: 1,
            prev_cr: false,
            last_content_line: 1,
            unread: None,
            tag_pending: false,
            bang_pending: false,
            lt_line: 1,
            name: String::new(),
            text: Vec::new(),
            text_too_long: false,
            tok_line: 1,
        }
    }

    /// The next byte, counting CRLF, LF and bare CR as line ends.
    #[inline]
    pub(super) fn byte(&mut self) -> Result<Option<u8>, RowError> {
        if let Some(b) = self.unread.take() {
            return Ok(Some(b));
        }
        if self.pos == self.end && !self.refill()? {
            return Ok(None);
        }
        let b = self.buf[self.pos];
        self.pos += 1;
        match b {
            b'\n' => {
                if !self.prev_cr {
                    self.line += 1;
                }
                self.prev_cr = false;
            }
            b'\r' => {
                self.line += 1;
                self.prev_cr = true;
            }
            b' ' | b'\t' => self.prev_cr = false,
            _ => {
                self.prev_cr = false;
                self.last_content_line = self.line;
            }
        }
        Ok(Some(b))
    }

    /// Reads the next stretch of the input; false at its end.
    #[cold]
    pub(super) fn refill(&mut self) -> Result<bool, RowError> {
        loop {
            match self.input.read(&mut self.buf) {
                Ok(n) => {
                    self.pos = 0;
                    self.end = n;
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_error(self.line, &e)),
            }
        }
    }

    pub(super) fn push_text(&mut self, b: u8) {
        if self.text.len() <= MAX_VALUE {
            self.text.push(b);
        } else {
            self.text_too_long = true;
        }
        if self.tok_line == 0 && !b.is_ascii_whitespace() {
            self.tok_line = self.line;
        }
    }

    pub(super) fn next(&mut self) -> Result<Tok, RowError> {
        loop {
            if !self.tag_pending {
                self.text.clear();
                self.text_too_long = false;
                self.tok_line = 0;
                loop {
                    match self.byte()? {
                        None => break,
                        Some(b'<') => {
                            let lt_line = self.line;
                            match self.byte()? {
                                Some(b'!') => {
                                    if self.cdata_opens()? {
                                        // Text, whatever it holds, up to `]]>`.
                                        self.read_cdata(lt_line)?;
                                    } else {
                                        self.tag_pending = true;
                                        self.bang_pending = true;
                                        self.lt_line = lt_line;
                                        break;
                                    }
                                }
                                Some(n)
                                    if n.is_ascii_alphabetic()
                                        || matches!(n, b'/' | b'?' | b'!' | b'_') =>
                                {
                                    self.unread = Some(n);
                                    self.tag_pending = true;
                                    self.lt_line = lt_line;
                                    break;
                                }
                                other => {
                                    // A `<` that starts no tag is text.
                                    self.push_text(b'<');
                                    self.unread = other;
                                }
                            }
                        }
                        Some(b) => self.push_text(b),
                    }
                }
                if self.tok_line != 0 {
                    return Ok(Tok::Text);
                }
                if !self.tag_pending {
                    return Ok(Tok::Eof);
                }
            }
            self.tag_pending = false;
            self.tok_line = self.lt_line;
            if let Some(tok) = self.tag()? {
                return Ok(tok);
            }
        }
    }

    pub(super) fn eof_in(&self, what: Msg, expected: Msg) -> RowError {
        malformed(
            self.last_content_line,
            msg!(
                "detail-ofx-ends-inside",
                what = what,
                from = self.tok_line.to_string()
            ),
            msg!("detail-ofx-cut-short", expected = expected),
        )
    }

    /// Reads a tag after its `<`. `None` for what is skipped: processing
    /// instructions, comments and declarations.
    pub(super) fn tag(&mut self) -> Result<Option<Tok>, RowError> {
        if std::mem::take(&mut self.bang_pending) {
            self.skip_declaration()?;
            return Ok(None);
        }
        match self.byte()? {
            Some(b'?') => {
                self.skip_until(
                    b"?>",
                    msg!("detail-ofx-processing-instruction"),
                    msg!("detail-ofx-closing-token", token = "?>"),
                )?;
                Ok(None)
            }
            Some(b'!') => {
                self.skip_declaration()?;
                Ok(None)
            }
            Some(b'/') => {
                self.read_name(None)?;
                self.skip_tag_rest()?;
                Ok(Some(Tok::End))
            }
            first => {
                self.read_name(first)?;
                let empty = self.skip_tag_rest()?;
                Ok(Some(if empty { Tok::Empty } else { Tok::Start }))
            }
        }
    }

    /// After `<!`: reads on while the bytes are `[CDATA[`; true when they
    /// all are. On the first other byte, that byte is put back and the rest
    /// is a declaration or comment, as if read from its `<!` (the bytes
    /// read hold no `<`, `>` or quote that would change how it is skipped).
    pub(super) fn cdata_opens(&mut self) -> Result<bool, RowError> {
        for want in b"[CDATA[" {
            match self.byte()? {
                Some(b) if b == *want => {}
                other => {
                    self.unread = other;
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// Reads a `<![CDATA[ … ]]>` section's bytes into the text as they are:
    /// tags, `<` and `&` in it are text (the value's references are decoded
    /// later, as a bank that escapes a name and then wraps it meant). An
    /// empty section still makes a (blank) value, so `<NAME><![CDATA[]]>`
    /// is an empty leaf, not an aggregate.
    pub(super) fn read_cdata(&mut self, from: u64) -> Result<(), RowError> {
        if self.tok_line == 0 {
            self.tok_line = from;
        }
        let mut brackets = 0usize;
        loop {
            let Some(b) = self.byte()? else {
                return Err(malformed(
                    self.last_content_line,
                    msg!(
                        "detail-ofx-ends-inside",
                        what = msg!("detail-ofx-cdata"),
                        from = from.to_string()
                    ),
                    msg!(
                        "detail-ofx-cut-short",
                        expected = msg!("detail-ofx-cdata-close")
                    ),
                ));
            };
            match b {
                b']' => brackets += 1,
                b'>' if brackets >= 2 => {
                    for _ in 2..brackets {
                        self.push_text(b']');
                    }
                    return Ok(());
                }
                _ => {
                    for _ in 0..brackets {
                        self.push_text(b']');
                    }
                    brackets = 0;
                    self.push_text(b);
                }
            }
        }
    }

    pub(super) fn read_name(&mut self, first: Option<u8>) -> Result<(), RowError> {
        self.name.clear();
        let mut next = match first {
            Some(b) => Some(b),
            None => self.byte()?,
        };
        loop {
            match next {
                None => {
                    return Err(self.eof_in(msg!("detail-ofx-a-tag"), msg!("detail-ofx-tag-close")))
                }
                Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':') => {
                    if self.name.len() >= MAX_NAME {
                        return Err(malformed(
                            self.tok_line,
                            msg!("detail-ofx-long-tag-name", max = MAX_NAME.to_string()),
                            msg!("detail-ofx-tag-names"),
                        ));
                    }
                    self.name.push(char::from(b.to_ascii_uppercase()));
                }
                Some(b) => {
                    self.unread = Some(b);
                    return Ok(());
                }
            }
            next = self.byte()?;
        }
    }

    /// Skips to the tag's `>` (past any attributes); true for `<NAME/>`.
    pub(super) fn skip_tag_rest(&mut self) -> Result<bool, RowError> {
        let mut slash = false;
        let mut quote: Option<u8> = None;
        loop {
            let Some(b) = self.byte()? else {
                return Err(self.eof_in(
                    msg!("detail-ofx-the-tag", name = self.name.as_str()),
                    msg!("detail-ofx-its-close"),
                ));
            };
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => return Ok(slash),
                (None, b'/') => slash = true,
                (None, b) if b.is_ascii_whitespace() => {}
                (None, _) => slash = false,
            }
        }
    }

    pub(super) fn skip_until(
        &mut self,
        end: &[u8],
        what: Msg,
        expected: Msg,
    ) -> Result<(), RowError> {
        let mut matched = 0;
        loop {
            let Some(b) = self.byte()? else {
                return Err(self.eof_in(what, expected));
            };
            if end.get(matched) == Some(&b) {
                matched += 1;
                if matched == end.len() {
                    return Ok(());
                }
            } else {
                matched = usize::from(end.first() == Some(&b));
            }
        }
    }

    /// Skips `<!-- … -->` or a `<!DOCTYPE …[ <!ENTITY …> ]>`-style
    /// declaration, nested brackets and quotes included, without reading it.
    pub(super) fn skip_declaration(&mut self) -> Result<(), RowError> {
        let first = self.byte()?;
        if first == Some(b'-') {
            let second = self.byte()?;
            if second == Some(b'-') {
                return self.skip_until(
                    b"-->",
                    msg!("detail-ofx-comment"),
                    msg!("detail-ofx-closing-token", token = "-->"),
                );
            }
            self.unread = second;
        } else {
            self.unread = first;
        }
        let mut depth = 1u64;
        let mut quote: Option<u8> = None;
        loop {
            let Some(b) = self.byte()? else {
                return Err(
                    self.eof_in(msg!("detail-ofx-declaration"), msg!("detail-ofx-its-close"))
                );
            };
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'<') => depth += 1,
                (None, b'>') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                (None, _) => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Statements

/// Decodes the five XML entities and numeric character references; any
/// other `&…;` is kept as written (nothing is ever expanded). Banks that
/// escape a value twice write `&amp;lt;` for `<` and `&amp;#233;` for `é`:
/// when a pass makes an `&`, the value is decoded again (at most three
/// passes, so `&amp;amp;amp;` stays bounded). Only such values pay for a
/// second pass; a plain value is copied once.
pub(super) fn decode(raw: &str, out: &mut String) {
    let start = out.len();
    let mut made_amp = decode_once(raw, out);
    for _ in 0..2 {
        if !made_amp {
            return;
        }
        let once = out.split_off(start);
        made_amp = decode_once(&once, out);
    }
}

/// One decoding pass; true when it turned a reference into an `&`.
pub(super) fn decode_once(raw: &str, out: &mut String) -> bool {
    let mut made_amp = false;
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let ch = end.and_then(|end| {
            let ent = rest.get(1..end)?;
            let c = match ent {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse::<u32>().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')?
                }
            };
            Some((c, end))
        });
        match ch {
            Some((c, end)) => {
                made_amp |= c == '&';
                out.push(c);
                rest = rest.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    made_amp
}

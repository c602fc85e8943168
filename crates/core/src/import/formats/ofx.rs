//! OFX / QFX statements: 1.x SGML and 2.x XML, bank and credit-card.
//!
//! A 1.x file is a block of `KEY:VALUE` header lines (`OFXHEADER:100`,
//! `CHARSET:1252`, …) and then SGML in which leaf elements have no closing
//! tag (`<TRNAMT>-10.00`) while aggregates do (`<STMTTRN>…</STMTTRN>`). A 2.x
//! file is `<?xml …?>` + `<?OFX …?>` and well-formed XML, though banks also
//! ship 2.x headers over SGML bodies. Both are read by one small tolerant
//! tokenizer: an element followed by text is a leaf (its closing tag, if any,
//! is skipped); an element followed by another tag is an aggregate, unless
//! it is a known leaf left empty (`<MEMO>` with nothing after it).
//!
//! Nothing is expanded: `<!DOCTYPE>` / `<!ENTITY>` declarations, comments
//! and processing instructions are skipped unread, and the only character
//! references decoded are `&amp; &lt; &gt; &quot; &apos;` and `&#…;`; any
//! other `&name;` stays as written. Banks that escape twice (`&amp;lt;`,
//! `&amp;#233;`) get a second pass. `<![CDATA[ … ]]>` sections, which banks
//! write around `NAME` and `MEMO` in 2.x and in 1.x SGML alike, are text
//! whatever they hold (tags, `<`, `&`), up to `]]>`; an empty one is an
//! empty value. A `<BR/>` inside a value (ING Australia's `MEMO`) is a
//! space, and a text value written over several lines is put on one. Tag names, values and nesting depth are bounded, so hostile
//! input costs neither stack nor memory.
//!
//! Statements: `BANKMSGSRSV1 > STMTTRNRS > STMTRS` (account in
//! `BANKACCTFROM`: `BANKID`, `ACCTID`, `ACCTTYPE`) and `CREDITCARDMSGSRSV1 >
//! CCSTMTTRNRS > CCSTMTRS` (`CCACCTFROM/ACCTID`). `CURDEF` is the
//! statement's currency; where it is missing or empty, `--currency` stands
//! in for it, else the one currency the lines' own `CURRENCY/CURSYM` name
//! (when they agree); a line with its own `CURSYM` is in that currency,
//! and any other line is taken as US dollars. Each `STMTTRN` gives one
//! posted line: `FITID` is the source id,
//! `TRNAMT` is already signed from the holder's view (card purchases
//! negative), `NAME` (else `PAYEE/NAME`, else `MEMO`) the description and
//! `MEMO` the memo when there is a name. A `CURRENCY` / `ORIGCURRENCY`
//! aggregate gives the original amount, currency and rate, as the
//! specification reads them: under `CURRENCY`, `TRNAMT` is in `CURSYM` and
//! `TRNAMT × CURRATE` is the amount in `CURDEF` (the line's amount; the
//! `CURSYM` one is the original); under `ORIGCURRENCY`, `TRNAMT` is in
//! `CURDEF` already and `TRNAMT ÷ CURRATE` is the original. A zero original
//! amount is none. A file may hold
//! several statements; each row carries its own account's label as the
//! account hint (`Checking ending 1234`, `Credit card ending 9876`).
//!
//! Dates (`DTPOSTED`) are `YYYYMMDD[HHMMSS[.XXX]][[±]H[H][.F][:TZ]]`. The
//! ledger date is the calendar date as written, the bank's own, never moved
//! to UTC; when a time and an offset are both given, the UTC instant is kept
//! too. Investment statements are refused rather than half-read.
//!
//! A file that holds no statement is refused, never imported as "0 added":
//! the bank's error reply (a `STATUS` whose `SEVERITY` is `ERROR` in the
//! sign-on `SONRS` or in `STMTTRNRS`/`CCSTMTTRNRS`) at the line of that
//! `STATUS`, with the bank's code, severity and message; otherwise, when no
//! `STMTRS`/`CCSTMTRS` came, the first status other than 0, an account list
//! (`ACCTINFORS`), a reply with no statement or the empty `<OFX>`. A
//! statement with no transactions in its period is a statement: 0 lines.
//!
//! Speed: one pass over the bytes, read 64 KiB at a time into the lexer's
//! own buffer, with no allocation per tag (buffers are reused); rows go out
//! as their `</STMTTRN>` is read. `scripts/bench-import.sh` imports a
//! 100,000-transaction 1.x card statement (14 MB) and times SQLite alone
//! writing the same rows beside it.

use std::io::BufRead;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::import::pipeline::error::{BankStatus, Problem, RowError};
use crate::import::pipeline::format::{AssumedCurrency, Format, Head, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{parse_plain_decimal, Currency};

#[derive(Debug)]
pub struct Ofx;

const NAME: &str = "OFX/QFX statement";

/// Deepest nesting read; real statements use about eight levels.
const MAX_DEPTH: usize = 32;
/// Longest tag name read.
const MAX_NAME: usize = 64;
/// Longest value read, in bytes.
const MAX_VALUE: usize = 4096;
/// Bytes the lexer reads from its input at a time.
const READ_CHUNK: usize = 64 * 1024;
/// How much of the head detection looks at for an `<OFX>` root.
const DETECT_CHARS: usize = 4096;

const DATE_EXPECTED: &str =
    "an OFX date such as 20260301, 20260301120000 or 20260301120000.000[-5:EST] (offset from -12 to +14)";

impl Format for Ofx {
    fn id(&self) -> &'static str {
        "ofx"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        let text = head.text.trim_start_matches('\u{feff}').trim_start();
        let start: String = text
            .chars()
            .take(DETECT_CHARS)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let first_line: String = start
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if first_line.starts_with("OFXHEADER:") {
            return true;
        }
        start.starts_with('<') && (start.contains("<?OFX") || start.contains("<OFX>"))
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(label) => label.to_owned(),
            None => "OFX import".to_owned(),
        }
    }

    /// Each statement's rows go to that statement's own account.
    fn several_accounts(&self) -> bool {
        true
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let hints = sink.hints();
        let hint_currency = hints.currency;
        let mut parser = Parser {
            sink,
            frames: Vec::new(),
            stmt: None,
            txn: None,
            saw_ofx: false,
            ofx_line: 1,
            hint_currency,
            value: String::new(),
            status: None,
            replies: Vec::new(),
            statements: 0,
            first_notable: None,
            empty_reply: None,
            acct_list: None,
            assumed: AssumedCurrency::default(),
        };
        parser.run(&mut Lexer::new(input))?;
        let Parser { assumed, sink, .. } = parser;
        assumed.finish(hints, sink);
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Tokenizer

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
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

struct Lexer<'r> {
    input: &'r mut dyn BufRead,
    /// Bytes read from `input` and not yet lexed: `buf[pos..end]`. Reading
    /// through a local buffer keeps the per-byte path free of calls through
    /// the `dyn BufRead` (it was a fifth of the parse).
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    /// Physical line of the byte just read (1-based).
    line: u64,
    prev_cr: bool,
    /// The last line holding something other than white space.
    last_content_line: u64,
    unread: Option<u8>,
    /// A `<` was read that starts the next token's tag.
    tag_pending: bool,
    /// That tag is a `<!` declaration whose first bytes were read already
    /// (looking for `<![CDATA[`).
    bang_pending: bool,
    lt_line: u64,
    /// The current tag's name, upper case.
    name: String,
    /// The current text, raw bytes (at most [`MAX_VALUE`] + 1 kept).
    text: Vec<u8>,
    text_too_long: bool,
    /// Line of the current token.
    tok_line: u64,
}

fn io_error(line: u64, e: &std::io::Error) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: format!("the file cannot be read ({e})"),
            expected: "a readable OFX file".into(),
        },
    )
}

fn malformed(line: u64, found: impl Into<String>, expected: impl Into<String>) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: found.into(),
            expected: expected.into(),
        },
    )
}

impl<'r> Lexer<'r> {
    fn new(input: &'r mut dyn BufRead) -> Self {
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
    fn byte(&mut self) -> Result<Option<u8>, RowError> {
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
    fn refill(&mut self) -> Result<bool, RowError> {
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

    fn push_text(&mut self, b: u8) {
        if self.text.len() <= MAX_VALUE {
            self.text.push(b);
        } else {
            self.text_too_long = true;
        }
        if self.tok_line == 0 && !b.is_ascii_whitespace() {
            self.tok_line = self.line;
        }
    }

    fn next(&mut self) -> Result<Tok, RowError> {
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

    fn eof_in(&self, what: &str, expected: &str) -> RowError {
        malformed(
            self.last_content_line,
            format!("the file ends inside {what} (from line {})", self.tok_line),
            format!("{expected}; the file looks cut short, download it again"),
        )
    }

    /// Reads a tag after its `<`. `None` for what is skipped: processing
    /// instructions, comments and declarations.
    fn tag(&mut self) -> Result<Option<Tok>, RowError> {
        if std::mem::take(&mut self.bang_pending) {
            self.skip_declaration()?;
            return Ok(None);
        }
        match self.byte()? {
            Some(b'?') => {
                self.skip_until(b"?>", "a <?…?> processing instruction", "?>")?;
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
    fn cdata_opens(&mut self) -> Result<bool, RowError> {
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
    fn read_cdata(&mut self, from: u64) -> Result<(), RowError> {
        if self.tok_line == 0 {
            self.tok_line = from;
        }
        let mut brackets = 0usize;
        loop {
            let Some(b) = self.byte()? else {
                return Err(malformed(
                    self.last_content_line,
                    format!("the file ends inside a <![CDATA[ section (from line {from})"),
                    "]]> closing the section; the file looks cut short, download it again",
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

    fn read_name(&mut self, first: Option<u8>) -> Result<(), RowError> {
        self.name.clear();
        let mut next = match first {
            Some(b) => Some(b),
            None => self.byte()?,
        };
        loop {
            match next {
                None => return Err(self.eof_in("a tag", "the tag's closing >")),
                Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':') => {
                    if self.name.len() >= MAX_NAME {
                        return Err(malformed(
                            self.tok_line,
                            format!("a tag name longer than {MAX_NAME} characters"),
                            "OFX tag names such as <STMTTRN>",
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
    fn skip_tag_rest(&mut self) -> Result<bool, RowError> {
        let mut slash = false;
        let mut quote: Option<u8> = None;
        loop {
            let Some(b) = self.byte()? else {
                return Err(self.eof_in(&format!("the tag <{}", self.name), "its closing >"));
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

    fn skip_until(&mut self, end: &[u8], what: &str, expected: &str) -> Result<(), RowError> {
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
    fn skip_declaration(&mut self) -> Result<(), RowError> {
        let first = self.byte()?;
        if first == Some(b'-') {
            let second = self.byte()?;
            if second == Some(b'-') {
                return self.skip_until(b"-->", "a <!-- comment", "-->");
            }
            self.unread = second;
        } else {
            self.unread = first;
        }
        let mut depth = 1u64;
        let mut quote: Option<u8> = None;
        loop {
            let Some(b) = self.byte()? else {
                return Err(self.eof_in("a <!…> declaration", "its closing >"));
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ofx,
    /// `STMTRS` (bank) or `CCSTMTRS` (card).
    Statement {
        card: bool,
    },
    AcctFrom,
    Txn,
    /// `CURRENCY` (false) or `ORIGCURRENCY` (true).
    Currency {
        original: bool,
    },
    Payee,
    /// `SONRS` or a `…TRNRS`: the bank's reply to one request, with its
    /// `STATUS` and (for a statement request) the statement.
    Reply,
    /// `STATUS`: `CODE`, `SEVERITY`, `MESSAGE`.
    Status,
    /// `ACCTINFORS`: the list of accounts a bank offers for download.
    AcctList,
    /// A known aggregate whose leaves are not read.
    Other,
    /// An unknown element with no value: a scope, closed by its end tag or
    /// by its parent's.
    Unknown,
}

fn aggregate(name: &str) -> Option<Kind> {
    Some(match name {
        "OFX" => Kind::Ofx,
        "STMTRS" => Kind::Statement { card: false },
        "CCSTMTRS" => Kind::Statement { card: true },
        "BANKACCTFROM" | "CCACCTFROM" => Kind::AcctFrom,
        "STMTTRN" => Kind::Txn,
        "CURRENCY" => Kind::Currency { original: false },
        "ORIGCURRENCY" => Kind::Currency { original: true },
        "PAYEE" => Kind::Payee,
        "STATUS" => Kind::Status,
        "SONRS" | "STMTTRNRS" | "CCSTMTTRNRS" => Kind::Reply,
        "ACCTINFORS" => Kind::AcctList,
        "SIGNONMSGSRSV1" | "FI" | "BANKMSGSRSV1" | "CREDITCARDMSGSRSV1" | "BANKTRANLIST"
        | "LEDGERBAL" | "AVAILBAL" | "BALLIST" | "BAL" | "BANKACCTTO" | "CCACCTTO"
        | "IMAGEDATA" | "INTRARS" | "MKTGINFO" => Kind::Other,
        // Other replies (`ACCTINFOTRNRS`, `INTRATRNRS`, …): their status
        // is named when the file holds no statement.
        _ if name.ends_with("TRNRS") => Kind::Reply,
        _ => return None,
    })
}

/// Leaves that may be written empty (`<MEMO>` and nothing): without this
/// list they would read as the start of an aggregate.
fn known_leaf(name: &str) -> bool {
    matches!(
        name,
        "TRNTYPE"
            | "DTPOSTED"
            | "DTUSER"
            | "DTAVAIL"
            | "TRNAMT"
            | "FITID"
            | "CORRECTFITID"
            | "CORRECTACTION"
            | "SRVRTID"
            | "CHECKNUM"
            | "REFNUM"
            | "SIC"
            | "PAYEEID"
            | "NAME"
            | "EXTDNAME"
            | "MEMO"
            | "CURRATE"
            | "CURSYM"
            | "CURDEF"
            | "BANKID"
            | "BRANCHID"
            | "ACCTID"
            | "ACCTTYPE"
            | "ACCTKEY"
            | "DTSTART"
            | "DTEND"
            | "BALAMT"
            | "DTASOF"
            | "CODE"
            | "SEVERITY"
            | "MESSAGE"
            | "DTSERVER"
            | "LANGUAGE"
            | "DTPROFUP"
            | "DTACCTUP"
            | "ORG"
            | "FID"
            | "TRNUID"
            | "CLTCOOKIE"
            | "INTU.BID"
            | "INTU.USERID"
            | "ADDR1"
            | "ADDR2"
            | "ADDR3"
            | "CITY"
            | "STATE"
            | "POSTALCODE"
            | "COUNTRY"
            | "PHONE"
    )
}

#[derive(Debug)]
struct Frame {
    name: String,
    kind: Kind,
    line: u64,
}

/// A value and the line it was on.
type Val = Option<(String, u64)>;

#[derive(Debug, Default)]
struct Statement {
    card: bool,
    /// `CURDEF`; `None` when it is missing or empty.
    currency: Option<Currency>,
    /// Whether `CURDEF` was read. Rows wait for a currency: CURDEF, or
    /// `--currency` once CURDEF is known to be empty; with neither, they
    /// wait for the statement's end, where the lines' own currency is
    /// known.
    curdef_read: bool,
    acct_id: String,
    acct_type: String,
    /// The account label, once its `…ACCTFROM` is closed.
    label: Option<String>,
    /// Rows read before the account or currency, sent at the statement's end.
    waiting: Vec<Txn>,
}

#[derive(Debug, Default)]
struct Txn {
    line: u64,
    trntype: String,
    dtposted: Val,
    trnamt: Val,
    fitid: String,
    name: String,
    payee_name: String,
    memo: String,
    checknum: String,
    sic: String,
    currency: Option<Fx>,
}

#[derive(Debug, Default)]
struct Fx {
    original: bool,
    line: u64,
    rate: Val,
    symbol: Val,
}

/// A `STATUS` aggregate: the bank's own code, severity and message.
#[derive(Debug, Default, Clone)]
struct Status {
    line: u64,
    code: String,
    severity: String,
    message: String,
}

impl Status {
    /// `SEVERITY` `ERROR`, or a code other than 0 (success) and 1 (up to
    /// date) with no severity.
    fn is_error(&self) -> bool {
        if self.severity.is_empty() {
            !matches!(self.code.as_str(), "" | "0" | "1")
        } else {
            self.severity.eq_ignore_ascii_case("ERROR")
        }
    }

    fn problem(&self, element: &str) -> Problem {
        let message: String = self.message.chars().take(300).collect();
        Problem::BankError(Box::new(BankStatus {
            element: element.to_owned(),
            code: self.code.clone(),
            severity: self.severity.clone(),
            message,
            meaning: status_meaning(&self.code),
        }))
    }
}

/// What the OFX specification says a status code means, for the codes a
/// statement download meets; the bank's own message comes first.
fn status_meaning(code: &str) -> Option<&'static str> {
    Some(match code {
        "2000" => "general error",
        "2001" => "invalid account",
        "2002" => "general account error",
        "2003" => "account not found",
        "2004" => "account closed",
        "2005" => "account not authorized",
        "2019" => "duplicate request",
        "2020" => "invalid date",
        "2027" => "invalid date range",
        "15000" => "the password must be changed",
        "15500" => "sign-on invalid: wrong user id or password",
        "15501" => "customer account already in use",
        "15502" => "user id or password locked out",
        _ => return None,
    })
}

/// A reply (`SONRS`, `STMTTRNRS`, …) being read.
#[derive(Debug)]
struct Reply {
    name: String,
    line: u64,
    /// Whether a statement (`STMTRS`/`CCSTMTRS`) was inside it.
    statement: bool,
}

struct Parser<'s> {
    sink: &'s mut dyn RowSink,
    frames: Vec<Frame>,
    stmt: Option<Statement>,
    txn: Option<Txn>,
    saw_ofx: bool,
    /// The line of the first `<OFX>`.
    ofx_line: u64,
    /// `--currency`: the statement's currency where `CURDEF` is missing.
    hint_currency: Option<Currency>,
    /// The current leaf's value, decoded.
    value: String,
    /// The `STATUS` being read.
    status: Option<Status>,
    /// The replies open now, outermost first.
    replies: Vec<Reply>,
    /// How many statements the file holds (one with no transactions
    /// counts).
    statements: u64,
    /// The first status other than success, with its reply's name: why a
    /// file with no statement has none.
    first_notable: Option<(String, Status)>,
    /// The first reply, other than the sign-on, that held no statement.
    empty_reply: Option<(String, u64)>,
    /// The line of an account list (`ACCTINFORS`).
    acct_list: Option<u64>,
    /// Lines given US dollars because nothing in the file names a currency.
    assumed: AssumedCurrency,
}

impl Parser<'_> {
    fn run(&mut self, lx: &mut Lexer<'_>) -> Result<(), RowError> {
        let mut name = String::new();
        let mut tok = lx.next()?;
        loop {
            match tok {
                Tok::Eof => return self.finish(lx),
                // Header lines, and stray text between aggregates.
                Tok::Text => tok = lx.next()?,
                Tok::End => {
                    self.close(&lx.name, lx.tok_line)?;
                    tok = lx.next()?;
                }
                Tok::Empty => {
                    if aggregate(&lx.name).is_none() {
                        self.value.clear();
                        name.clone_from(&lx.name);
                        self.leaf(&name, lx.tok_line)?;
                    }
                    tok = lx.next()?;
                }
                Tok::Start => {
                    name.clone_from(&lx.name);
                    let line = lx.tok_line;
                    let next = lx.next()?;
                    if let Some(kind) = aggregate(&name) {
                        self.open(kind, &name, line)?;
                        tok = next;
                    } else if next == Tok::Text {
                        let value_line = lx.tok_line;
                        self.value.clear();
                        loop {
                            if lx.text_too_long || self.value.len() > MAX_VALUE {
                                return Err(malformed(
                                    value_line,
                                    format!(
                                        "the value of <{name}> is longer than {MAX_VALUE} bytes"
                                    ),
                                    "a short value, as OFX statements have",
                                ));
                            }
                            decode(&String::from_utf8_lossy(&lx.text), &mut self.value);
                            tok = lx.next()?;
                            // A line break written as `<BR/>` inside a value
                            // (ING Australia's MEMO): a space, and the value
                            // goes on after it.
                            if !matches!(tok, Tok::Empty | Tok::Start) || lx.name != "BR" {
                                break;
                            }
                            tok = lx.next()?;
                            if tok != Tok::Text {
                                break;
                            }
                            self.value.push(' ');
                        }
                        self.leaf(&name, value_line)?;
                        if tok == Tok::End && lx.name == name {
                            tok = lx.next()?;
                        }
                    } else if known_leaf(&name) {
                        self.value.clear();
                        self.leaf(&name, line)?;
                        tok = next;
                        if tok == Tok::End && lx.name == name {
                            tok = lx.next()?;
                        }
                    } else {
                        self.open(Kind::Unknown, &name, line)?;
                        tok = next;
                    }
                }
            }
        }
    }

    fn finish(&mut self, lx: &Lexer<'_>) -> Result<(), RowError> {
        if let Some(open) = self.frames.iter().rev().find(|f| f.kind != Kind::Unknown) {
            return Err(malformed(
                lx.last_content_line,
                format!(
                    "the file ends inside <{}> (opened on line {})",
                    open.name, open.line
                ),
                format!(
                    "</{}> and the rest of the statement; the file looks cut short, download it again",
                    open.name
                ),
            ));
        }
        if !self.saw_ofx {
            return Err(malformed(
                lx.last_content_line,
                "the file has no <OFX> element",
                "an OFX statement: <OFX> … </OFX> after the header",
            ));
        }
        if self.statements > 0 {
            return Ok(());
        }
        // No statement: say why, in the bank's own words where it gave any.
        if let Some((element, status)) = &self.first_notable {
            return Err(RowError::new(status.line, status.problem(element)));
        }
        let (line, found, expected) = if let Some(line) = self.acct_list {
            (
                line,
                "the file is an account list (<ACCTINFORS>): the accounts the bank offers, without their transactions".to_owned(),
                "a statement (<STMTRS> or <CCSTMTRS>); download an account's transactions (a statement) instead",
            )
        } else if let Some((name, line)) = &self.empty_reply {
            (
                *line,
                format!("the bank's reply <{name}> holds no statement"),
                "a <STMTRS> or <CCSTMTRS> with the account's transactions inside it; download the statement again",
            )
        } else {
            (
                self.ofx_line,
                "the <OFX> holds no statement".to_owned(),
                "a bank or credit-card statement (<STMTRS> or <CCSTMTRS>) inside <OFX>; download the account's transactions again",
            )
        };
        Err(RowError::new(
            line,
            Problem::NoStatement {
                found,
                expected: expected.to_owned(),
            },
        ))
    }

    fn open(&mut self, kind: Kind, name: &str, line: u64) -> Result<(), RowError> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(malformed(
                line,
                format!("<{name}> is nested more than {MAX_DEPTH} tags deep"),
                "an OFX statement (a few levels of nesting)",
            ));
        }
        if name == "INVSTMTMSGSRSV1" || name == "INVSTMTRS" {
            return Err(malformed(
                line,
                "an investment statement (<INVSTMTRS>) is not read",
                "bank or credit-card statements (<STMTRS> or <CCSTMTRS>)",
            ));
        }
        match kind {
            Kind::Ofx => {
                if !self.saw_ofx {
                    self.ofx_line = line;
                }
                self.saw_ofx = true;
            }
            Kind::Reply => self.replies.push(Reply {
                name: name.to_owned(),
                line,
                statement: false,
            }),
            Kind::Status => {
                self.status = Some(Status {
                    line,
                    ..Status::default()
                })
            }
            Kind::AcctList => {
                self.acct_list.get_or_insert(line);
            }
            Kind::Statement { card } => {
                if let Some(outer) = self.frames.iter().find(|f| f.kind == kind) {
                    return Err(malformed(
                        line,
                        format!(
                            "<{name}> starts inside <{}> from line {}",
                            outer.name, outer.line
                        ),
                        format!("</{}> before the next statement", outer.name),
                    ));
                }
                self.stmt = Some(Statement {
                    card,
                    ..Statement::default()
                });
                self.statements += 1;
                for reply in &mut self.replies {
                    reply.statement = true;
                }
            }
            Kind::Txn => {
                if let Some(outer) = self.frames.iter().find(|f| f.kind == Kind::Txn) {
                    return Err(malformed(
                        line,
                        format!(
                            "<STMTTRN> starts inside the <STMTTRN> from line {}",
                            outer.line
                        ),
                        "</STMTTRN> closing each transaction before the next",
                    ));
                }
                if self.stmt.is_none() {
                    return Err(malformed(
                        line,
                        "a <STMTTRN> outside a statement",
                        "transactions inside <STMTRS> or <CCSTMTRS>",
                    ));
                }
                self.txn = Some(Txn {
                    line,
                    ..Txn::default()
                });
            }
            Kind::Currency { original } => {
                let in_txn = self.top_known() == Some(Kind::Txn);
                if let (Some(txn), true) = (self.txn.as_mut(), in_txn) {
                    txn.currency = Some(Fx {
                        original,
                        line,
                        ..Fx::default()
                    });
                }
            }
            _ => {}
        }
        self.frames.push(Frame {
            name: name.to_owned(),
            kind,
            line,
        });
        Ok(())
    }

    /// The innermost open element that is not an unknown scope.
    fn top_known(&self) -> Option<Kind> {
        self.frames
            .iter()
            .rev()
            .map(|f| f.kind)
            .find(|k| *k != Kind::Unknown)
    }

    fn leaf(&mut self, name: &str, line: u64) -> Result<(), RowError> {
        let value = self.value.trim();
        let owned = || Some((value.to_owned(), line));
        match self.top_known() {
            Some(Kind::Txn) => {
                let Some(t) = self.txn.as_mut() else {
                    return Ok(());
                };
                match name {
                    "TRNTYPE" => t.trntype = value.to_owned(),
                    "DTPOSTED" => t.dtposted = owned(),
                    "TRNAMT" => t.trnamt = owned(),
                    "FITID" => t.fitid = value.to_owned(),
                    "NAME" => one_line(value, &mut t.name),
                    "MEMO" => one_line(value, &mut t.memo),
                    "CHECKNUM" => t.checknum = value.to_owned(),
                    "SIC" => t.sic = value.to_owned(),
                    _ => {}
                }
            }
            Some(Kind::Payee) if name == "NAME" => {
                if let Some(t) = self.txn.as_mut() {
                    one_line(value, &mut t.payee_name);
                }
            }
            Some(Kind::Currency { .. }) => {
                if let Some(fx) = self.txn.as_mut().and_then(|t| t.currency.as_mut()) {
                    match name {
                        "CURRATE" => fx.rate = owned(),
                        "CURSYM" => fx.symbol = owned(),
                        _ => {}
                    }
                }
            }
            Some(Kind::AcctFrom) => {
                if let Some(s) = self.stmt.as_mut() {
                    match name {
                        "ACCTID" => s.acct_id = value.to_owned(),
                        "ACCTTYPE" => s.acct_type = value.to_owned(),
                        _ => {}
                    }
                }
            }
            Some(Kind::Statement { .. }) if name == "CURDEF" => {
                // An empty CURDEF is no CURDEF: each line's own CURRENCY,
                // else `--currency`, says what the amounts are in.
                let currency = match value {
                    "" => None,
                    v => Some(Currency::parse(v).map_err(|_| {
                        RowError::new(
                            line,
                            Problem::BadCurrency {
                                column: "CURDEF",
                                value: value.to_owned(),
                            },
                        )
                    })?),
                };
                if let Some(s) = self.stmt.as_mut() {
                    s.currency = currency;
                    s.curdef_read = true;
                }
            }
            Some(Kind::Status) => {
                if let Some(st) = self.status.as_mut() {
                    match name {
                        "CODE" => value.clone_into(&mut st.code),
                        "SEVERITY" => value.clone_into(&mut st.severity),
                        "MESSAGE" => value.clone_into(&mut st.message),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &str, line: u64) -> Result<(), RowError> {
        let Some(at) = self.frames.iter().rposition(|f| f.name == name) else {
            if aggregate(name).is_some() {
                return Err(malformed(
                    line,
                    format!("</{name}> closes a <{name}> that is not open"),
                    format!("each </{name}> after its own <{name}>"),
                ));
            }
            // The closing tag of a leaf (2.x XML, or SGML written both ways).
            return Ok(());
        };
        if let Some(inner) = self.frames[at + 1..]
            .iter()
            .rev()
            .find(|f| f.kind != Kind::Unknown)
        {
            return Err(malformed(
                line,
                format!(
                    "</{name}> comes while <{}> from line {} is still open",
                    inner.name, inner.line
                ),
                format!("</{}> first", inner.name),
            ));
        }
        self.frames.truncate(at + 1);
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        match frame.kind {
            Kind::AcctFrom => {
                if let Some(s) = self.stmt.as_mut() {
                    if self
                        .frames
                        .iter()
                        .any(|f| matches!(f.kind, Kind::Statement { .. }))
                    {
                        s.label = Some(account_label(s.card, &s.acct_type, &s.acct_id));
                    }
                }
            }
            Kind::Txn => {
                if let Some(txn) = self.txn.take() {
                    let ready = self.stmt.as_ref().is_some_and(|s| {
                        s.label.is_some()
                            && (s.currency.is_some()
                                || (s.curdef_read && self.hint_currency.is_some()))
                    });
                    match self.stmt.as_mut() {
                        Some(s) if !ready => s.waiting.push(txn),
                        Some(s) => emit(&txn, s, self.hint_currency, self.sink, &mut self.assumed)?,
                        None => {}
                    }
                }
            }
            Kind::Statement { .. } => {
                if let Some(mut s) = self.stmt.take() {
                    if s.label.is_none() {
                        s.label = Some(account_label(s.card, &s.acct_type, &s.acct_id));
                    }
                    // No CURDEF and no `--currency`: the one currency the
                    // lines name with their own CURRENCY, if they agree.
                    let fallback = match (s.currency, self.hint_currency) {
                        (None, None) => lines_currency(&s.waiting),
                        (_, hint) => hint,
                    };
                    for txn in std::mem::take(&mut s.waiting) {
                        emit(&txn, &s, fallback, self.sink, &mut self.assumed)?;
                    }
                }
            }
            Kind::Status => {
                let Some(status) = self.status.take() else {
                    return Ok(());
                };
                // The status of the reply it is directly in.
                if self.top_known() != Some(Kind::Reply) {
                    return Ok(());
                }
                let Some(reply) = self.replies.last() else {
                    return Ok(());
                };
                let fatal = matches!(reply.name.as_str(), "SONRS" | "STMTTRNRS" | "CCSTMTTRNRS");
                if fatal && status.is_error() {
                    return Err(RowError::new(status.line, status.problem(&reply.name)));
                }
                if self.first_notable.is_none() && !matches!(status.code.as_str(), "" | "0") {
                    self.first_notable = Some((reply.name.clone(), status));
                }
            }
            Kind::Reply => {
                if let Some(reply) = self.replies.pop() {
                    if reply.name != "SONRS" && !reply.statement && self.empty_reply.is_none() {
                        self.empty_reply = Some((reply.name, reply.line));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// `Checking ending 1234`, `Credit card ending 9876`.
fn account_label(card: bool, acct_type: &str, acct_id: &str) -> String {
    let kind = if card {
        "Credit card".to_owned()
    } else {
        match acct_type.to_ascii_uppercase().as_str() {
            "" => "Bank account".to_owned(),
            "CHECKING" => "Checking".to_owned(),
            "SAVINGS" => "Savings".to_owned(),
            "MONEYMRKT" => "Money market".to_owned(),
            "CREDITLINE" => "Credit line".to_owned(),
            "CD" => "CD".to_owned(),
            other => {
                let mut s = other.to_ascii_lowercase();
                if let Some(first) = s.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                s
            }
        }
    };
    let digits: Vec<char> = acct_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let last4: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    if last4.is_empty() {
        kind
    } else {
        format!("{kind} ending {last4}")
    }
}

/// A text value on one line: where it holds a line break or a tab (a
/// CDATA section written over several lines), each run of white space
/// becomes one space.
fn one_line(value: &str, out: &mut String) {
    out.clear();
    if !value.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
        out.push_str(value);
        return;
    }
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn non_empty(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

fn amount(val: &Val, column: &'static str, txn_line: u64) -> Result<Decimal, RowError> {
    let Some((text, line)) = val else {
        return Err(RowError::new(txn_line, Problem::EmptyField { column }));
    };
    if text.is_empty() {
        return Err(RowError::new(*line, Problem::EmptyField { column }));
    }
    // OFX allows a comma as the decimal mark; it has no grouping.
    let dotted;
    let t = if !text.contains('.') && text.matches(',').count() == 1 {
        dotted = text.replace(',', ".");
        dotted.as_str()
    } else {
        text.as_str()
    };
    parse_plain_decimal(t).map_err(|_| {
        RowError::new(
            *line,
            Problem::BadAmount {
                column,
                value: text.clone(),
            },
        )
    })
}

fn currency(val: &Val, column: &'static str) -> Result<Option<Currency>, RowError> {
    match val {
        Some((text, line)) if !text.is_empty() => Currency::parse(text).map(Some).map_err(|_| {
            RowError::new(
                *line,
                Problem::BadCurrency {
                    column,
                    value: text.clone(),
                },
            )
        }),
        _ => Ok(None),
    }
}

fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

/// The currency every line with a `CURRENCY` aggregate names, when they
/// all name the same one.
fn lines_currency(txns: &[Txn]) -> Option<Currency> {
    let mut found = None;
    for fx in txns.iter().filter_map(|t| t.currency.as_ref()) {
        if fx.original {
            continue;
        }
        let Some((text, _)) = &fx.symbol else {
            continue;
        };
        let Ok(c) = Currency::parse(text) else {
            continue;
        };
        match found {
            None => found = Some(c),
            Some(f) if f == c => {}
            Some(_) => return None,
        }
    }
    found
}

/// Sends one line. `fallback` is the statement's currency where CURDEF
/// is missing or empty: `--currency`, else the one its lines name.
fn emit(
    txn: &Txn,
    stmt: &Statement,
    fallback: Option<Currency>,
    sink: &mut dyn RowSink,
    assumed: &mut AssumedCurrency,
) -> Result<(), RowError> {
    let (date_text, date_line) = match &txn.dtposted {
        Some((t, l)) if !t.is_empty() => (t, *l),
        Some((_, l)) => {
            return Err(RowError::new(
                *l,
                Problem::EmptyField { column: "DTPOSTED" },
            ))
        }
        None => {
            return Err(RowError::new(
                txn.line,
                Problem::EmptyField { column: "DTPOSTED" },
            ))
        }
    };
    let (date, occurred_at) = parse_ofx_date(date_text).map_err(|impossible| {
        RowError::new(
            date_line,
            Problem::BadDate {
                column: "DTPOSTED",
                value: date_text.clone(),
                expected: DATE_EXPECTED,
                impossible,
            },
        )
    })?;
    let trnamt = amount(&txn.trnamt, "TRNAMT", txn.line)?;
    // The statement's currency: CURDEF, else the fallback; with neither,
    // a line's own CURRENCY names its currency and any other line is
    // taken to be in US dollars.
    let known_currency = stmt.currency.or(fallback);
    let account_currency = known_currency.unwrap_or(Currency::USD);
    let mut value = trnamt;
    let mut row_currency = account_currency;
    let (mut original_amount, mut original_currency, mut fx_rate) = (None, None, None);
    if let Some(fx) = &txn.currency {
        let symbol = currency(&fx.symbol, "CURSYM")?;
        let rate = match &fx.rate {
            Some((t, _)) if !t.is_empty() => Some(amount(&fx.rate, "CURRATE", fx.line)?),
            _ => None,
        };
        let out_of_range = |line| {
            RowError::new(
                line,
                Problem::AmountOutOfRange {
                    column: "TRNAMT",
                    value: trnamt.to_string(),
                },
            )
        };
        match (symbol, rate) {
            (Some(sym), _) if sym == account_currency => {}
            // CURRATE turns CURSYM into CURDEF; with no CURDEF there is
            // nothing to turn it into: the line stays in its own currency.
            (Some(sym), Some(_)) if !fx.original && known_currency.is_none() => row_currency = sym,
            (Some(sym), Some(rate)) if !rate.is_zero() => {
                fx_rate = Some(rate);
                original_currency = Some(sym);
                if fx.original {
                    // TRNAMT is already in CURDEF, converted from CURSYM.
                    original_amount = Some(cents(
                        trnamt
                            .checked_div(rate)
                            .ok_or_else(|| out_of_range(fx.line))?,
                    ));
                } else {
                    // TRNAMT is in CURSYM; CURRATE turns it into CURDEF.
                    original_amount = Some(trnamt);
                    value = cents(
                        trnamt
                            .checked_mul(rate)
                            .ok_or_else(|| out_of_range(fx.line))?,
                    );
                }
            }
            (Some(sym), _) if !fx.original => row_currency = sym,
            (Some(sym), _) => original_currency = Some(sym),
            (None, _) => {}
        }
    }
    if known_currency.is_none() && row_currency == account_currency {
        // Neither CURDEF, `--currency` nor the line's own CURRENCY.
        assumed.row(txn.line, row_currency);
    }
    // A zero original amount is no original amount (a 0.00 beside a real
    // charge would be read as what it cost), and then no rate either.
    if original_amount.is_some_and(|a: Decimal| a.is_zero()) {
        (original_amount, original_currency, fx_rate) = (None, None, None);
    }
    let named = non_empty(&txn.name).or(non_empty(&txn.payee_name));
    let description = named
        .or(non_empty(&txn.memo))
        .unwrap_or(txn.trntype.as_str());
    let memo_text = named.and(non_empty(&txn.memo));
    let memo_owned;
    let memo = match (memo_text, non_empty(&txn.checknum)) {
        (m, None) => m,
        (None, Some(n)) => {
            memo_owned = format!("check {n}");
            Some(memo_owned.as_str())
        }
        (Some(m), Some(n)) => {
            memo_owned = format!("{m}; check {n}");
            Some(memo_owned.as_str())
        }
    };
    sink.row(&ParsedTxn {
        line: txn.line,
        source_id: non_empty(&txn.fitid),
        date,
        occurred_at,
        description,
        details: crate::import::pipeline::format::Details {
            merchant: non_empty(&txn.payee_name),
            mcc: non_empty(&txn.sic),
            ..crate::import::pipeline::format::Details::default()
        },
        source_type: non_empty(&txn.trntype),
        memo,
        amount: value,
        currency: row_currency,
        original_amount,
        original_currency,
        fx_rate,
        status: TxnStatus::Posted,
        account_hint: stmt.label.as_deref(),
        ..ParsedTxn::default()
    })
}

/// Decodes the five XML entities and numeric character references; any
/// other `&…;` is kept as written (nothing is ever expanded). Banks that
/// escape a value twice write `&amp;lt;` for `<` and `&amp;#233;` for `é`:
/// when a pass makes an `&`, the value is decoded again (at most three
/// passes, so `&amp;amp;amp;` stays bounded). Only such values pay for a
/// second pass; a plain value is copied once.
fn decode(raw: &str, out: &mut String) {
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
fn decode_once(raw: &str, out: &mut String) -> bool {
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

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads `YYYYMMDD[HHMMSS[.XXX]][[±]H[H][.F][:TZ]]`: the calendar date as
/// written and, when a time and an offset are both given, the UTC instant.
/// `Err(true)` for a well-formed but impossible date or time.
fn parse_ofx_date(text: &str) -> Result<(NaiveDate, Option<DateTime<Utc>>), bool> {
    let t = text.trim();
    let (main, zone) = match t.split_once('[') {
        Some((m, z)) => (m.trim_end(), Some(z.trim().strip_suffix(']').ok_or(false)?)),
        None => (t, None),
    };
    let (stamp, fraction) = match main.split_once('.') {
        Some((s, f)) => (s, Some(f)),
        None => (main, None),
    };
    if fraction.is_some_and(|f| digits(f).is_none() || f.len() > 9) {
        return Err(false);
    }
    if !matches!(stamp.len(), 8 | 12 | 14) || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(false);
    }
    if fraction.is_some() && stamp.len() != 14 {
        return Err(false);
    }
    let part = |r: std::ops::Range<usize>| stamp.get(r).and_then(digits).ok_or(false);
    let (y, m, d) = (part(0..4)?, part(4..6)?, part(6..8)?);
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).map_err(|_| false)?, m, d).ok_or(true)?;
    let time = if stamp.len() >= 12 {
        let (h, mi) = (part(8..10)?, part(10..12)?);
        let s = if stamp.len() == 14 { part(12..14)? } else { 0 };
        Some(NaiveTime::from_hms_opt(h, mi, s).ok_or(true)?)
    } else {
        None
    };
    let offset_minutes = match zone {
        None => None,
        Some(z) => {
            let offset = z.split_once(':').map_or(z, |(o, _)| o).trim();
            let (negative, unsigned) = match offset.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, offset.strip_prefix('+').unwrap_or(offset)),
            };
            let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            if whole.len() > 2 || frac.len() > 2 {
                return Err(false);
            }
            let hours = digits(whole).ok_or(false)?;
            let frac_minutes = match frac.len() {
                0 => 0,
                1 => digits(frac).ok_or(false)? * 6,
                _ => digits(frac).ok_or(false)? * 6 / 10,
            };
            let minutes = i64::from(hours * 60 + frac_minutes);
            let minutes = if negative { -minutes } else { minutes };
            if !(-12 * 60..=14 * 60).contains(&minutes) {
                return Err(true);
            }
            Some(minutes)
        }
    };
    let occurred_at = match (time, offset_minutes) {
        (Some(time), Some(minutes)) => {
            let local = date.and_time(time);
            Some((local - Duration::minutes(minutes)).and_utc())
        }
        _ => None,
    };
    Ok((date, occurred_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_the_written_day() {
        let d = |s| parse_ofx_date(s).map(|(d, at)| (d.to_string(), at.map(|a| a.to_rfc3339())));
        assert_eq!(d("20260301"), Ok(("2026-03-01".into(), None)));
        assert_eq!(d("20260301[+14]"), Ok(("2026-03-01".into(), None)));
        assert_eq!(
            d("20260301120000.000[-5:EST]"),
            Ok((
                "2026-03-01".into(),
                Some("2026-03-01T17:00:00+00:00".into())
            ))
        );
        assert_eq!(
            d("20260301233000[-12]"),
            Ok((
                "2026-03-01".into(),
                Some("2026-03-02T11:30:00+00:00".into())
            ))
        );
        assert_eq!(
            d("20260301000500[+14:LINT]"),
            Ok((
                "2026-03-01".into(),
                Some("2026-02-28T10:05:00+00:00".into())
            ))
        );
        assert_eq!(
            d("20260301000000[-3.5:NST]"),
            Ok((
                "2026-03-01".into(),
                Some("2026-03-01T03:30:00+00:00".into())
            ))
        );
        assert_eq!(d("20260301120000"), Ok(("2026-03-01".into(), None)));
        assert_eq!(d("20260230"), Err(true));
        assert_eq!(d("20260301250000"), Err(true));
        assert_eq!(d("20260301[+15]"), Err(true));
        assert_eq!(d("2026-03-01"), Err(false));
        assert_eq!(d("202603"), Err(false));
        assert_eq!(d("20260301[-5:EST"), Err(false));
        assert_eq!(d("20260301[x]"), Err(false));
    }

    #[test]
    fn only_the_basic_entities_are_decoded() {
        let dec = |s: &str| {
            let mut out = String::new();
            decode(s, &mut out);
            out
        };
        assert_eq!(
            dec("AT&amp;T &lt;x&gt; &quot;q&quot; &apos;"),
            "AT&T <x> \"q\" '"
        );
        assert_eq!(dec("caf&#233; &#xE9;"), "café é");
        assert_eq!(
            dec("&lol9; & &nbsp; &#0; &#xD800; &"),
            "&lol9; & &nbsp; &#0; &#xD800; &"
        );
    }

    #[test]
    fn account_labels() {
        assert_eq!(
            account_label(false, "CHECKING", "000123451234"),
            "Checking ending 1234"
        );
        assert_eq!(
            account_label(true, "", "XXXX-XXXX-9876"),
            "Credit card ending 9876"
        );
        assert_eq!(account_label(false, "", ""), "Bank account");
        assert_eq!(
            account_label(false, "BROKERAGE", "12"),
            "Brokerage ending 12"
        );
    }
}

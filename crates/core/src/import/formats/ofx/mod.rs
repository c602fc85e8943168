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

use crate::import::pipeline::format::{Account, AssumedCurrency, Format, Head, Parsed, RowSink};

mod lexer;
mod mapping;
mod parser;

use lexer::*;
use parser::*;

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

const DATE_EXPECTED: &str = crate::import::pipeline::error::expect::OFX_DATE;

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
        Account::Hint("OFX import").name(hint)
    }

    /// Each statement's rows go to that statement's own account.
    fn several_accounts(&self) -> bool {
        true
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
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

#[cfg(test)]
mod tests {
    use super::mapping::*;
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

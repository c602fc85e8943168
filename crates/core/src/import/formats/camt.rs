//! ISO 20022 bank statements: camt.053 (end-of-day statement), camt.052
//! (intraday account report) and camt.054 (debit/credit notification: the
//! single bookings a bank sends as they happen), any message version
//! (`camt.053.001.02` to `.08` and later), detected by the namespace in the
//! file's head.
//!
//! A file is `Document > BkToCstmrStmt > Stmt*` (camt.052:
//! `BkToCstmrAcctRpt > Rpt*`; camt.054: `BkToCstmrDbtCdtNtfctn > Ntfctn*`). Each statement names its account
//! (`Acct/Id/IBAN`, or `Acct/Id/Othr/Id`, and `Acct/Ccy`) and lists entries
//! (`Ntry`). One file may hold several statements, for several accounts:
//! every line carries its statement's account (the last four characters of
//! the account id and the currency, e.g. "Bank account ending 3000 (EUR)"),
//! and the pipeline routes each line to that account. Two accounts whose ids
//! end in the same four characters and share a currency land in one account;
//! `--account` puts a whole file into one named account.
//!
//! One entry is one line:
//! - amount: `Amt` is always positive; `CdtDbtInd` `CRDT` makes it money in
//!   (positive), `DBIT` money out (negative). The currency is `Amt@Ccy`
//!   (the account's `Ccy` when the attribute is missing).
//! - reversals: an entry with `RvslInd` `true` is a reversal (German banks'
//!   "Storno") and is written with the direction of the entry it cancels, so
//!   its sign is flipped: a reversed `DBIT` is money back in (positive), a
//!   reversed `CRDT` money out. This is how German banks (the main camt.053
//!   users) write reversals; the ISO usage note reads `CdtDbtInd` as the
//!   reversal's own direction, so a bank that follows it will show reversed
//!   lines with the opposite sign. The line is imported either way, never
//!   dropped, and its memo starts with "Reversal".
//! - status: `Sts` (v8+ nests it as `Sts/Cd`) `BOOK` is posted; `PDNG` and
//!   `FUTR` are pending; `INFO` (an entry the bank reports for information,
//!   not booked) is also imported as pending, so it is seen and never dropped
//!   silently. A missing status counts as booked.
//! - date: `BookgDt` (`Dt`, or the calendar date of `DtTm` as written, never
//!   shifted to UTC; a `DtTm` with an offset also gives the instant); an
//!   entry without a booking date (pending ones often have none) takes its
//!   value date. The posted date is `ValDt`.
//! - source id: `AcctSvcrRef`, else `NtryRef`, else the first
//!   `TxDtls/Refs/EndToEndId` (`NOTPROVIDED` is no id).
//! - description: the counterparty, i.e. `Cdtr/Nm` of a debit or `Dbtr/Nm`
//!   of a credit (also `Cdtr/Pty/Nm` as v8+ writes it), else the remittance
//!   text `RmtInf/Ustrd`, else `AddtlNtryInf`. An entry booking several
//!   transactions (a batch) is one line for the entry's total; its text
//!   comes from the first transaction that has it.
//! - memo: `RmtInf/Ustrd` (several joined with a space), else `AddtlNtryInf`,
//!   unless that is already the description.
//! - original amount (a payment in another currency): the first of the
//!   transaction's `AmtDtls/InstdAmt`, `AmtDtls/TxAmt` (only when the entry
//!   books one transaction), then the entry's own `AmtDtls/InstdAmt` and
//!   `TxAmt`, that is in a currency other than the entry's and not zero. A
//!   zero, empty or unreadable amount is no original amount; the counter
//!   value `CntrValAmt` never is one, and no rate is read from `CcyXchg`.
//!
//! A document with no statement (`Stmt`, `Rpt` or `Ntfctn`) is refused at
//! its message element's line; a statement with no entries imports as 0
//! lines.
//!
//! The XML is read as a stream. A DOCTYPE is refused (ISO 20022 messages
//! have none), so no DTD entity is ever expanded; only the five predefined
//! entities and numeric character references are. Every error names the
//! physical line of the element at fault.

use std::io::{BufRead, Read};

use chrono::{DateTime, NaiveDate, Utc};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rust_decimal::Decimal;

use crate::i18n::Msg;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{
    parse_date, signed_as, Account, DateOrder, Format, Head, Parsed, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_plain_decimal, Currency};
use crate::msg;

#[derive(Debug)]
pub struct Camt;

const NAMESPACES: &[&str] = &[
    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.",
    "urn:iso:std:iso:20022:tech:xsd:camt.052.001.",
    "urn:iso:std:iso:20022:tech:xsd:camt.054.001.",
];

fn expected_xml() -> Msg {
    msg!("detail-camt-expected-xml")
}

impl Format for Camt {
    fn id(&self) -> &'static str {
        "camt"
    }

    fn name(&self) -> &'static str {
        "ISO 20022 camt.053/052/054 bank statement"
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text.trim_start().starts_with('<') && NAMESPACES.iter().any(|n| head.text.contains(n))
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        Account::Hint("Bank account (camt)").name(hint)
    }

    fn several_accounts(&self) -> bool {
        true
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut reader = Reader::from_reader(LineCounter::new(input));
        let config = reader.config_mut();
        // Text is trimmed per element once it is whole: trimming each piece
        // would eat the spaces around `&amp;` ("Müller &amp; Söhne").
        config.trim_text(false);
        config.expand_empty_elements = true;
        config.check_end_names = true;
        let mut p = Parser::default();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let pos = reader.buffer_position();
            reader.get_mut().mark(pos);
            let line = reader.get_ref().line_of(pos);
            let event = match reader.read_event_into(&mut buf) {
                Ok(ev) => ev,
                Err(e) => {
                    let at = reader.get_ref().line_of(reader.error_position());
                    return Err(malformed(
                        at,
                        msg!(
                            "detail-xml-unreadable",
                            error = crate::library_errors::xml(&e)
                        ),
                        expected_xml(),
                    ));
                }
            };
            match event {
                Event::Start(e) => p.start(&e, line)?,
                Event::End(_) => p.end(sink)?,
                Event::Text(t) => p.text.push_str(&t.xml10_content()),
                Event::CData(t) => p.text.push_str(&t),
                Event::GeneralRef(r) => {
                    let c = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten().map(String::from)
                    } else {
                        resolve_predefined_entity(&r).map(str::to_owned)
                    };
                    match c {
                        Some(c) => p.text.push_str(&c),
                        None => {
                            return Err(malformed(
                                line,
                                msg!("detail-xml-unknown-reference", name = &*r),
                                msg!("detail-xml-known-references"),
                            ))
                        }
                    }
                }
                Event::DocType(_) => {
                    return Err(malformed(
                        line,
                        msg!("detail-camt-doctype"),
                        msg!("detail-camt-no-doctype"),
                    ))
                }
                Event::Eof => {
                    if let Some((name, opened)) = p.open.last() {
                        let end = reader.get_ref().last_line();
                        return Err(malformed(
                            end,
                            msg!(
                                "detail-camt-ends-inside",
                                element = name.as_str(),
                                opened = opened.to_string()
                            ),
                            msg!("detail-camt-whole-statement"),
                        ));
                    }
                    if !p.saw_root {
                        return Err(malformed(
                            line,
                            msg!("detail-camt-no-document"),
                            expected_xml(),
                        ));
                    }
                    if p.statements == 0 {
                        return Err(p.no_statement());
                    }
                    return Ok(());
                }
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }
}

fn malformed(line: u64, found: Msg, expected: Msg) -> RowError {
    RowError::new(
        line,
        Problem::Malformed {
            found: Box::new(found),
            expected: Box::new(expected),
        },
    )
}

/// Counts the lines of the bytes the XML reader consumes, so that a byte
/// position maps to its physical line. Only the newlines after the last mark
/// are remembered.
struct LineCounter<'r> {
    inner: &'r mut dyn BufRead,
    consumed: u64,
    /// Newlines before `marked`.
    lines_before: u64,
    marked: u64,
    /// Positions of the newlines consumed since `marked`.
    recent: Vec<u64>,
    last_byte: Option<u8>,
}

impl<'r> LineCounter<'r> {
    fn new(inner: &'r mut dyn BufRead) -> Self {
        LineCounter {
            inner,
            consumed: 0,
            lines_before: 0,
            marked: 0,
            recent: Vec::new(),
            last_byte: None,
        }
    }

    fn note(&mut self, bytes: &[u8]) {
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                self.recent.push(self.consumed + i as u64);
            }
        }
        self.consumed += bytes.len() as u64;
        if let Some(b) = bytes.last() {
            self.last_byte = Some(*b);
        }
    }

    /// Forgets the newlines before `pos` (no later position is asked about).
    fn mark(&mut self, pos: u64) {
        if pos < self.marked {
            return;
        }
        let before = self.recent.iter().take_while(|o| **o < pos).count();
        self.lines_before += before as u64;
        self.recent.drain(..before);
        self.marked = pos;
    }

    /// The 1-based line of the byte at `pos` (at or after the last mark).
    fn line_of(&self, pos: u64) -> u64 {
        let pos = pos.max(self.marked);
        1 + self.lines_before + self.recent.iter().take_while(|o| **o < pos).count() as u64
    }

    /// The last line with anything on it.
    fn last_line(&self) -> u64 {
        let lines = self.lines_before + self.recent.len() as u64;
        match self.last_byte {
            Some(b'\n') | None => lines.max(1),
            Some(_) => lines + 1,
        }
    }
}

impl Read for LineCounter<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.note(&out[..n]);
        Ok(n)
    }
}

impl BufRead for LineCounter<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The bytes about to be consumed are still in the buffer.
        let mut taken = Vec::new();
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            for (i, b) in buf[..n].iter().enumerate() {
                if *b == b'\n' {
                    taken.push(self.consumed + i as u64);
                }
            }
            if let Some(b) = buf[..n].last() {
                self.last_byte = Some(*b);
            }
        }
        self.recent.extend(taken);
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

/// A value and the line of its element.
type At = Option<(u64, String)>;

#[derive(Default)]
struct Statement {
    iban: Option<String>,
    other_id: Option<String>,
    currency: Option<String>,
    /// The account name every line of the statement goes to.
    hint: Option<String>,
}

impl Statement {
    fn hint(&self) -> Option<String> {
        let id = self.iban.as_deref().or(self.other_id.as_deref())?;
        let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
        let chars: Vec<char> = id.chars().collect();
        let last4: String = chars[chars.len().saturating_sub(4)..].iter().collect();
        Some(match self.currency.as_deref().filter(|c| !c.is_empty()) {
            Some(ccy) => format!("Bank account ending {last4} ({ccy})"),
            None => format!("Bank account ending {last4}"),
        })
    }
}

#[derive(Default)]
struct Entry {
    line: u64,
    ntry_ref: Option<String>,
    amount: At,
    amount_ccy: Option<String>,
    cdt_dbt: At,
    reversal: At,
    status: At,
    booking: At,
    value: At,
    svcr_ref: Option<String>,
    end_to_end: Option<String>,
    debtor: Option<String>,
    creditor: Option<String>,
    ustrd: Vec<String>,
    addtl: Option<String>,
    /// How many transactions (`TxDtls`) the entry books.
    tx_count: u32,
    /// Amounts in `AmtDtls` that may say what a payment in another
    /// currency was for, in [`ORIGINAL_PATHS`] order: the value (first
    /// seen) and its `Ccy`.
    amounts: [Option<(String, Option<String>)>; ORIGINAL_PATHS.len()],
}

/// Where an entry's original amount may be, best first: the instructed
/// amount (what the payer asked for: a card payment abroad, a transfer in
/// another currency), then the transaction amount (what a bank such as
/// Wise books a conversion's other side at). The first transaction's
/// (`TxDtls`) only count when the entry books one transaction: a batch's
/// entry totals several, and one of them is not what it was for. The
/// counter value (`CntrValAmt`) is the amount converted into the account's
/// currency, never the original; `CcyXchg` rates are not read (their
/// direction depends on `UnitCcy`, and no rate is guessed).
const ORIGINAL_PATHS: [&str; 4] = [
    "/NtryDtls/TxDtls/AmtDtls/InstdAmt/Amt",
    "/NtryDtls/TxDtls/AmtDtls/TxAmt/Amt",
    "/AmtDtls/InstdAmt/Amt",
    "/AmtDtls/TxAmt/Amt",
];

#[derive(Default)]
struct Parser {
    /// Open elements (local names) and their lines.
    open: Vec<(String, u64)>,
    /// `/Document/BkToCstmrStmt/...`, the path of the open elements.
    path: String,
    /// Where the statement (`Stmt`/`Rpt`) and entry start in `path`.
    stmt_at: Option<usize>,
    ntry_at: Option<usize>,
    text: String,
    saw_root: bool,
    /// How many statements (`Stmt`, `Rpt`, `Ntfctn`) the file holds.
    statements: u64,
    /// The message element (`BkToCstmrStmt`, …) and its line.
    message: Option<(String, u64)>,
    /// The line of `<Document>`.
    root_line: u64,
    stmt: Statement,
    entry: Entry,
}

impl Parser {
    fn start(&mut self, e: &BytesStart<'_>, line: u64) -> Result<(), RowError> {
        let name = e.local_name().into_inner().to_owned();
        if self.open.is_empty() {
            if name != "Document" {
                return Err(malformed(
                    line,
                    msg!("detail-camt-starts-with", element = name.as_str()),
                    msg!("detail-camt-document-first"),
                ));
            }
            self.saw_root = true;
            self.root_line = line;
        }
        self.path.push('/');
        self.path.push_str(&name);
        self.text.clear();
        let depth = self.open.len();
        self.open.push((name, line));
        let name = self.open[depth].0.as_str();
        match (name, depth) {
            (_, 1) if self.message.is_none() => self.message = Some((name.to_owned(), line)),
            ("Stmt" | "Rpt" | "Ntfctn", 2) => {
                self.stmt_at = Some(self.path.len());
                self.stmt = Statement::default();
                self.statements += 1;
            }
            ("Ntry", 3) if self.stmt_at.is_some() => {
                self.ntry_at = Some(self.path.len());
                self.entry = Entry {
                    line,
                    ..Entry::default()
                };
            }
            ("TxDtls", _)
                if self
                    .ntry_at
                    .is_some_and(|at| &self.path[at..] == "/NtryDtls/TxDtls") =>
            {
                self.entry.tx_count = self.entry.tx_count.saturating_add(1);
            }
            ("Amt", _) if self.ntry_at.is_some() => {
                if let Some(i) = self.original_slot() {
                    if self.entry.amounts[i].is_none() {
                        let ccy = e.try_get_attribute("Ccy").ok().flatten();
                        let ccy = ccy.map(|a| a.value.trim().to_owned());
                        // The value comes at the element's end.
                        self.entry.amounts[i] = Some((String::new(), ccy));
                    }
                }
                if depth == 4 {
                    let ccy = e.try_get_attribute("Ccy").map_err(|err| {
                        malformed(
                            line,
                            msg!("detail-camt-amt-unreadable", error = err.to_string()),
                            expected_xml(),
                        )
                    })?;
                    self.entry.amount_ccy = ccy.map(|a| a.value.trim().to_owned());
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A document with no statement, report or notification in it (a
    /// valid one with no entries is not this: it imports as 0 lines).
    fn no_statement(&self) -> RowError {
        let (found, line) = match &self.message {
            Some((name, line)) => {
                let wanted = match name.as_str() {
                    "BkToCstmrStmt" => Some("<Stmt>"),
                    "BkToCstmrAcctRpt" => Some("<Rpt>"),
                    "BkToCstmrDbtCdtNtfctn" => Some("<Ntfctn>"),
                    _ => None,
                };
                let found = match wanted {
                    Some(w) => msg!("detail-camt-holds-no", element = name.as_str(), wanted = w),
                    None => msg!("detail-camt-holds-none", element = name.as_str()),
                };
                (found, *line)
            }
            None => (msg!("detail-camt-empty-document"), self.root_line),
        };
        RowError::new(
            line,
            Problem::NoStatement {
                found: Box::new(found),
                expected: Box::new(msg!("detail-camt-statement-expected")),
            },
        )
    }

    /// Which of [`ORIGINAL_PATHS`] the open element is, inside an entry.
    fn original_slot(&self) -> Option<usize> {
        let rel = &self.path[self.ntry_at?..];
        ORIGINAL_PATHS.iter().position(|p| *p == rel)
    }

    fn end(&mut self, sink: &mut dyn RowSink) -> Result<(), RowError> {
        let Some((name, opened)) = self.open.pop() else {
            return Ok(());
        };
        let value = self.text.trim().to_owned();
        self.text.clear();
        if let Some(at) = self.ntry_at {
            let rel = &self.path[at..];
            let e = &mut self.entry;
            let v = || Some((opened, value.clone()));
            match rel {
                "" => {
                    let entry = std::mem::take(&mut self.entry);
                    self.ntry_at = None;
                    if self.stmt.hint.is_none() {
                        self.stmt.hint = self.stmt.hint();
                    }
                    emit(&entry, &self.stmt, sink)?;
                }
                "/NtryRef" => e.ntry_ref = Some(value.clone()),
                "/Amt" => e.amount = v(),
                "/CdtDbtInd" => e.cdt_dbt = v(),
                "/RvslInd" => e.reversal = v(),
                "/Sts" | "/Sts/Cd" if !value.is_empty() => e.status = v(),
                "/BookgDt/Dt" | "/BookgDt/DtTm" => e.booking = v(),
                "/ValDt/Dt" | "/ValDt/DtTm" => e.value = v(),
                "/AcctSvcrRef" => e.svcr_ref = Some(value.clone()),
                "/AddtlNtryInf" => e.addtl = Some(value.clone()),
                "/NtryDtls/TxDtls/Refs/EndToEndId" if e.end_to_end.is_none() => {
                    e.end_to_end = Some(value.clone())
                }
                "/NtryDtls/TxDtls/RltdPties/Dbtr/Nm" | "/NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm"
                    if e.debtor.is_none() && !value.is_empty() =>
                {
                    e.debtor = Some(value.clone())
                }
                "/NtryDtls/TxDtls/RltdPties/Cdtr/Nm" | "/NtryDtls/TxDtls/RltdPties/Cdtr/Pty/Nm"
                    if e.creditor.is_none() && !value.is_empty() =>
                {
                    e.creditor = Some(value.clone())
                }
                "/NtryDtls/TxDtls/RmtInf/Ustrd" if !value.is_empty() => e.ustrd.push(value.clone()),
                _ => {
                    if let Some(i) = ORIGINAL_PATHS.iter().position(|p| *p == rel) {
                        if let Some((text, _)) = e.amounts[i].as_mut() {
                            if text.is_empty() {
                                text.clone_from(&value);
                            }
                        }
                    }
                }
            }
        } else if let Some(at) = self.stmt_at {
            let rel = &self.path[at..];
            match rel {
                "" => self.stmt_at = None,
                "/Acct/Id/IBAN" => self.stmt.iban = Some(value),
                "/Acct/Id/Othr/Id" => self.stmt.other_id = Some(value),
                "/Acct/Ccy" => self.stmt.currency = Some(value),
                _ => {}
            }
        }
        let cut = self.path.len() - name.len() - 1;
        self.path.truncate(cut);
        Ok(())
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn emit(e: &Entry, stmt: &Statement, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let (amount_line, amount_text) = e.amount.as_ref().ok_or_else(|| {
        malformed(
            e.line,
            msg!("detail-camt-no-amt"),
            msg!("detail-camt-amt-expected"),
        )
    })?;
    let amount = parse_plain_decimal(amount_text).map_err(|_| {
        RowError::new(
            *amount_line,
            Problem::BadAmount {
                column: "Amt",
                value: amount_text.clone(),
            },
        )
    })?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(malformed(
            *amount_line,
            msg!("detail-camt-negative-amt", found = amount_text.as_str()),
            msg!("detail-camt-positive-amt"),
        ));
    }
    let ccy_text = non_empty(&e.amount_ccy).or(non_empty(&stmt.currency));
    let currency = match ccy_text {
        Some(c) => Currency::parse(c).map_err(|_| {
            RowError::new(
                *amount_line,
                Problem::BadCurrency {
                    column: "Amt Ccy",
                    value: c.to_owned(),
                },
            )
        })?,
        None => {
            return Err(malformed(
                *amount_line,
                msg!("detail-camt-no-currency"),
                msg!("detail-camt-currency-expected"),
            ))
        }
    };
    let (cd_line, cd) = e.cdt_dbt.as_ref().ok_or_else(|| {
        malformed(
            e.line,
            msg!("detail-camt-no-cdtdbtind"),
            msg!("detail-camt-cdtdbtind-expected"),
        )
    })?;
    let credit = match cd.as_str() {
        "CRDT" => true,
        "DBIT" => false,
        _ => {
            return Err(RowError::new(
                *cd_line,
                Problem::UnexpectedValue {
                    column: "CdtDbtInd",
                    value: cd.clone(),
                    expected: "CRDT or DBIT",
                },
            ))
        }
    };
    let reversal = match e.reversal.as_ref() {
        None => false,
        Some((l, v)) => match v.as_str() {
            "true" | "1" => true,
            "false" | "0" => false,
            _ => {
                return Err(RowError::new(
                    *l,
                    Problem::UnexpectedValue {
                        column: "RvslInd",
                        value: v.clone(),
                        expected: "true or false",
                    },
                ))
            }
        },
    };
    let amount: Decimal = if credit != reversal { amount } else { -amount };
    // A payment in another currency: the first amount of
    // [`ORIGINAL_PATHS`] that is in another currency and not zero, signed
    // as the entry. A zero, missing or unreadable one is no original amount
    // (the entry's own amount is what was booked); it never refuses the
    // statement.
    let first = if e.tx_count <= 1 { 0 } else { 2 };
    let original = e.amounts[first..].iter().flatten().find_map(|(text, ccy)| {
        let ccy = Currency::parse(non_empty(ccy)?).ok()?;
        let a = parse_plain_decimal(text).ok()?;
        (ccy != currency && !a.is_zero()).then(|| (signed_as(a, amount), ccy))
    });
    let status = match e.status.as_ref() {
        None => TxnStatus::Posted,
        Some((l, v)) => match v.as_str() {
            "BOOK" => TxnStatus::Posted,
            "PDNG" | "FUTR" | "INFO" => TxnStatus::Pending,
            _ => {
                return Err(RowError::new(
                    *l,
                    Problem::UnexpectedValue {
                        column: "Sts",
                        value: v.clone(),
                        expected: "BOOK, PDNG, FUTR or INFO",
                    },
                ))
            }
        },
    };
    let date_of = |at: &(u64, String), column: &'static str| -> Result<NaiveDate, RowError> {
        parse_date(&at.1, DateOrder::Ymd, column, at.0)
    };
    let value_date = e.value.as_ref().map(|v| date_of(v, "ValDt")).transpose()?;
    let (date, occurred_at) = match e.booking.as_ref() {
        Some(b) => (date_of(b, "BookgDt")?, instant(&b.1)),
        None => match value_date {
            Some(d) => (d, None),
            None => {
                return Err(malformed(
                    e.line,
                    msg!("detail-camt-no-date"),
                    msg!("detail-camt-date-expected"),
                ))
            }
        },
    };
    let source_id = [&e.svcr_ref, &e.ntry_ref, &e.end_to_end]
        .into_iter()
        .filter_map(non_empty)
        .find(|s| !s.eq_ignore_ascii_case("NOTPROVIDED"));
    let party = if credit { &e.debtor } else { &e.creditor };
    let ustrd = (!e.ustrd.is_empty()).then(|| e.ustrd.join(" "));
    let addtl = non_empty(&e.addtl);
    let description = non_empty(party)
        .or(ustrd.as_deref())
        .or(addtl)
        .unwrap_or("");
    let memo = [ustrd.as_deref(), addtl]
        .into_iter()
        .flatten()
        .find(|m| *m != description);
    let memo_text = match (reversal, memo) {
        (true, Some(m)) => Some(format!("Reversal: {m}")),
        (true, None) => Some("Reversal".to_owned()),
        (false, m) => m.map(str::to_owned),
    };
    sink.row(&ParsedTxn {
        line: e.line,
        source_id,
        date,
        posted_date: value_date,
        occurred_at,
        description,
        details: crate::import::pipeline::format::Details::merchant(non_empty(party)),
        memo: memo_text.as_deref(),
        amount,
        currency,
        original_amount: original.map(|(a, _)| a),
        original_currency: original.map(|(_, c)| c),
        status,
        account_hint: stmt.hint.as_deref(),
        ..ParsedTxn::default()
    })
}

/// The instant of an ISO date-time that carries its offset (`Z`, `+01:00`).
fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_namespace_of_any_version() {
        let yes = |t: &str| Camt.detect(&Head { text: t });
        assert!(yes(
            "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"
        ));
        assert!(yes(
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02\">"
        ));
        assert!(!yes(
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">"
        ));
        assert!(!yes(
            "Date,Amount\nurn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
        ));
    }

    #[test]
    fn line_counter_maps_positions() {
        let data = b"a\nbc\n\nd";
        let mut input: &[u8] = data;
        let mut c = LineCounter::new(&mut input);
        c.consume(5);
        assert_eq!(c.line_of(0), 1);
        assert_eq!(c.line_of(2), 2);
        c.mark(5);
        assert_eq!(c.line_of(5), 3);
        c.consume(2);
        assert_eq!(c.line_of(6), 4);
        assert_eq!(c.last_line(), 4);
    }

    struct Collect(Vec<String>);

    impl RowSink for Collect {
        fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
            self.0.push(format!(
                "{} {:?} {:?} {}",
                t.line,
                t.source_id,
                t.occurred_at.map(|d| d.to_rfc3339()),
                t.description
            ));
            Ok(())
        }
    }

    fn parse_text(xml: &str) -> Result<Vec<String>, RowError> {
        let mut input = xml.as_bytes();
        let mut sink = Collect(Vec::new());
        Camt.parse(&Head { text: xml }, &mut input, &mut sink)?;
        Ok(sink.0)
    }

    const HEAD: &str = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt><Stmt>\n";

    fn entry(inner: &str) -> String {
        format!(
            "{HEAD}<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>\n{inner}\n</Ntry>\n</Stmt></BkToCstmrStmt></Document>\n"
        )
    }

    #[test]
    fn source_ids_instants_and_references() {
        let rows = parse_text(&entry(
            "<BookgDt><DtTm>2026-03-14T23:40:00+01:00</DtTm></BookgDt><NtryRef>N1</NtryRef>\
             <AcctSvcrRef>NOTPROVIDED</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Cdtr><Nm>A&#x26;B &lt;C&gt;</Nm></Cdtr></RltdPties></TxDtls></NtryDtls>",
        ));
        assert_eq!(
            rows,
            Ok(vec![
                "3 Some(\"N1\") Some(\"2026-03-14T22:40:00+00:00\") A&B <C>".to_owned()
            ])
        );
        let rows = parse_text(&entry(
            "<BookgDt><Dt>2026-03-14</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>E2E</EndToEndId></Refs></TxDtls></NtryDtls>",
        ));
        assert_eq!(rows, Ok(vec!["3 Some(\"E2E\") None ".to_owned()]));
    }

    struct Originals(Vec<String>);

    impl RowSink for Originals {
        fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
            self.0.push(format!(
                "{} {:?} {:?}",
                t.amount,
                t.original_amount,
                t.original_currency.map(|c| c.to_string())
            ));
            Ok(())
        }
    }

    #[test]
    fn original_amounts_come_from_one_transaction_or_the_entry() {
        let original = |inner: &str| {
            let xml = entry(&format!("<BookgDt><Dt>2026-03-14</Dt></BookgDt>{inner}"));
            let mut sink = Originals(Vec::new());
            Camt.parse(&Head { text: &xml }, &mut xml.as_bytes(), &mut sink)
                .expect("parse");
            sink.0.join("; ")
        };
        let tx = |amt: &str| {
            format!("<TxDtls><AmtDtls><InstdAmt><Amt Ccy=\"USD\">{amt}</Amt></InstdAmt></AmtDtls></TxDtls>")
        };
        assert_eq!(
            original(&format!("<NtryDtls>{}</NtryDtls>", tx("1.10"))),
            "-1.00 Some(-1.10) Some(\"USD\")"
        );
        // A batch: one transaction's amount is not the entry's; the
        // entry's own AmtDtls is.
        assert_eq!(
            original(&format!(
                "<NtryDtls>{}{}</NtryDtls>",
                tx("1.10"),
                tx("2.20")
            )),
            "-1.00 None None"
        );
        assert_eq!(
            original(&format!(
                "<AmtDtls><InstdAmt><Amt Ccy=\"USD\">3.30</Amt></InstdAmt></AmtDtls><NtryDtls>{}{}</NtryDtls>",
                tx("1.10"),
                tx("2.20")
            )),
            "-1.00 Some(-3.30) Some(\"USD\")"
        );
        // Zero, unreadable, no currency, the entry's own currency: none.
        for amt in ["0", "0.00", "-0", "x", ""] {
            assert_eq!(
                original(&format!("<NtryDtls>{}</NtryDtls>", tx(amt))),
                "-1.00 None None",
                "{amt:?}"
            );
        }
        assert_eq!(
            original("<NtryDtls><TxDtls><AmtDtls><InstdAmt><Amt>5.00</Amt></InstdAmt></AmtDtls></TxDtls></NtryDtls>"),
            "-1.00 None None"
        );
        assert_eq!(
            original("<NtryDtls><TxDtls><AmtDtls><InstdAmt><Amt Ccy=\"EUR\">5.00</Amt></InstdAmt></AmtDtls></TxDtls></NtryDtls>"),
            "-1.00 None None"
        );
    }

    #[test]
    fn unknown_entities_and_bad_values_are_refused() {
        let err = |xml: &str| parse_text(xml).map_err(|e| (e.line, e.problem.to_string()));
        assert_eq!(
            err(&entry("<BookgDt><Dt>2026-03-14</Dt></BookgDt>\n<AddtlNtryInf>&bomb;</AddtlNtryInf>")),
            Err((
                5,
                "the reference \"&bomb;\" is not a known character; expected text with only &amp; &lt; &gt; &quot; &apos; or &#NN; references".to_owned()
            ))
        );
        assert_eq!(
            err(&entry(
                "<Sts>XXXX</Sts><BookgDt><Dt>2026-03-14</Dt></BookgDt>"
            ))
            .map_err(|e| e.0),
            Err(4)
        );
        assert_eq!(
            err(&entry("<BookgDt><Dt>2026-02-30</Dt></BookgDt>")).map_err(|e| e.0),
            Err(4)
        );
        assert_eq!(
            err(&entry(
                "<BookgDt><Dt>2026-03-14</Dt></BookgDt>\n<Oops></Ntry>"
            ))
            .map_err(|e| e.0),
            Err(5)
        );
    }
}

//! The OFX statement reader: walks the tokens through replies, statements
//! and `STMTTRN` aggregates, collects each line's values and the bank's
//! statuses, and refuses a file that holds no statement.
//!
//! Invariant: a line is handed on as its `</STMTTRN>` is read; a reply that
//! is the bank's error is refused at the line of its `STATUS`.

use crate::import::pipeline::error::{BankStatus, Problem, RowError};
use crate::import::pipeline::format::{AssumedCurrency, RowSink};
use crate::money::Currency;
use crate::msg;

use super::{lexer::*, mapping::*};
use super::{MAX_DEPTH, MAX_VALUE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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

pub(super) fn aggregate(name: &str) -> Option<Kind> {
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
pub(super) fn known_leaf(name: &str) -> bool {
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
pub(super) struct Frame {
    pub(super) name: String,
    pub(super) kind: Kind,
    pub(super) line: u64,
}

/// A value and the line it was on.
pub(super) type Val = Option<(String, u64)>;

#[derive(Debug, Default)]
pub(super) struct Statement {
    pub(super) card: bool,
    /// `CURDEF`; `None` when it is missing or empty.
    pub(super) currency: Option<Currency>,
    /// Whether `CURDEF` was read. Rows wait for a currency: CURDEF, or
    /// `--currency` once CURDEF is known to be empty; with neither, they
    /// wait for the statement's end, where the lines' own currency is
    /// known.
    pub(super) curdef_read: bool,
    pub(super) acct_id: String,
    pub(super) acct_type: String,
    /// The account label, once its `…ACCTFROM` is closed.
    pub(super) label: Option<String>,
    /// Rows read before the account or currency, sent at the statement's end.
    pub(super) waiting: Vec<Txn>,
}

#[derive(Debug, Default)]
pub(super) struct Txn {
    pub(super) line: u64,
    pub(super) trntype: String,
    pub(super) dtposted: Val,
    pub(super) trnamt: Val,
    pub(super) fitid: String,
    pub(super) name: String,
    pub(super) payee_name: String,
    pub(super) memo: String,
    pub(super) checknum: String,
    pub(super) sic: String,
    pub(super) currency: Option<Fx>,
}

#[derive(Debug, Default)]
pub(super) struct Fx {
    pub(super) original: bool,
    pub(super) line: u64,
    pub(super) rate: Val,
    pub(super) symbol: Val,
}

/// A `STATUS` aggregate: the bank's own code, severity and message.
#[derive(Debug, Default, Clone)]
pub(super) struct Status {
    pub(super) line: u64,
    pub(super) code: String,
    pub(super) severity: String,
    pub(super) message: String,
}

impl Status {
    /// `SEVERITY` `ERROR`, or a code other than 0 (success) and 1 (up to
    /// date) with no severity.
    pub(super) fn is_error(&self) -> bool {
        if self.severity.is_empty() {
            !matches!(self.code.as_str(), "" | "0" | "1")
        } else {
            self.severity.eq_ignore_ascii_case("ERROR")
        }
    }

    pub(super) fn problem(&self, element: &str) -> Problem {
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
pub(super) fn status_meaning(code: &str) -> Option<&'static str> {
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
pub(super) struct Reply {
    pub(super) name: String,
    pub(super) line: u64,
    /// Whether a statement (`STMTRS`/`CCSTMTRS`) was inside it.
    pub(super) statement: bool,
}

pub(super) struct Parser<'s> {
    pub(super) sink: &'s mut dyn RowSink,
    pub(super) frames: Vec<Frame>,
    pub(super) stmt: Option<Statement>,
    pub(super) txn: Option<Txn>,
    pub(super) saw_ofx: bool,
    /// The line of the first `<OFX>`.
    pub(super) ofx_line: u64,
    /// `--currency`: the statement's currency where `CURDEF` is missing.
    pub(super) hint_currency: Option<Currency>,
    /// The current leaf's value, decoded.
    pub(super) value: String,
    /// The `STATUS` being read.
    pub(super) status: Option<Status>,
    /// The replies open now, outermost first.
    pub(super) replies: Vec<Reply>,
    /// How many statements the file holds (one with no transactions
    /// counts).
    pub(super) statements: u64,
    /// The first status other than success, with its reply's name: why a
    /// file with no statement has none.
    pub(super) first_notable: Option<(String, Status)>,
    /// The first reply, other than the sign-on, that held no statement.
    pub(super) empty_reply: Option<(String, u64)>,
    /// The line of an account list (`ACCTINFORS`).
    pub(super) acct_list: Option<u64>,
    /// Lines given US dollars because nothing in the file names a currency.
    pub(super) assumed: AssumedCurrency,
}

impl Parser<'_> {
    pub(super) fn run(&mut self, lx: &mut Lexer<'_>) -> Result<(), RowError> {
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
                                    msg!(
                                        "detail-ofx-long-value",
                                        element = name.as_str(),
                                        max = MAX_VALUE.to_string()
                                    ),
                                    msg!("detail-ofx-short-value"),
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

    pub(super) fn finish(&mut self, lx: &Lexer<'_>) -> Result<(), RowError> {
        if let Some(open) = self.frames.iter().rev().find(|f| f.kind != Kind::Unknown) {
            return Err(malformed(
                lx.last_content_line,
                msg!(
                    "detail-ofx-ends-inside-element",
                    element = open.name.as_str(),
                    opened = open.line.to_string()
                ),
                msg!(
                    "detail-ofx-cut-short",
                    expected = msg!("detail-ofx-rest-of-statement", element = open.name.as_str())
                ),
            ));
        }
        if !self.saw_ofx {
            return Err(malformed(
                lx.last_content_line,
                msg!("detail-ofx-no-ofx"),
                msg!("detail-ofx-statement-expected"),
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
                msg!("detail-ofx-account-list"),
                msg!("detail-ofx-statement-instead"),
            )
        } else if let Some((name, line)) = &self.empty_reply {
            (
                *line,
                msg!("detail-ofx-empty-reply", element = name.as_str()),
                msg!("detail-ofx-statement-inside-reply"),
            )
        } else {
            (
                self.ofx_line,
                msg!("detail-ofx-no-statement"),
                msg!("detail-ofx-statement-inside-ofx"),
            )
        };
        Err(RowError::new(
            line,
            Problem::NoStatement {
                found: Box::new(found),
                expected: Box::new(expected),
            },
        ))
    }

    pub(super) fn open(&mut self, kind: Kind, name: &str, line: u64) -> Result<(), RowError> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(malformed(
                line,
                msg!(
                    "detail-ofx-too-deep",
                    element = name,
                    max = MAX_DEPTH.to_string()
                ),
                msg!("detail-ofx-shallow"),
            ));
        }
        if name == "INVSTMTMSGSRSV1" || name == "INVSTMTRS" {
            return Err(malformed(
                line,
                msg!("detail-ofx-investment"),
                msg!("detail-ofx-bank-or-card"),
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
                        msg!(
                            "detail-ofx-nested-statement",
                            element = name,
                            outer = outer.name.as_str(),
                            from = outer.line.to_string()
                        ),
                        msg!("detail-ofx-close-before-next", outer = outer.name.as_str()),
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
                        msg!("detail-ofx-nested-txn", from = outer.line.to_string()),
                        msg!("detail-ofx-close-each-txn"),
                    ));
                }
                if self.stmt.is_none() {
                    return Err(malformed(
                        line,
                        msg!("detail-ofx-txn-outside"),
                        msg!("detail-ofx-txn-inside"),
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
    pub(super) fn top_known(&self) -> Option<Kind> {
        self.frames
            .iter()
            .rev()
            .map(|f| f.kind)
            .find(|k| *k != Kind::Unknown)
    }

    pub(super) fn leaf(&mut self, name: &str, line: u64) -> Result<(), RowError> {
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

    pub(super) fn close(&mut self, name: &str, line: u64) -> Result<(), RowError> {
        let Some(at) = self.frames.iter().rposition(|f| f.name == name) else {
            if aggregate(name).is_some() {
                return Err(malformed(
                    line,
                    msg!("detail-ofx-close-not-open", element = name),
                    msg!("detail-ofx-close-after-open", element = name),
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
                msg!(
                    "detail-ofx-close-while-open",
                    element = name,
                    inner = inner.name.as_str(),
                    from = inner.line.to_string()
                ),
                msg!("detail-ofx-close-first", inner = inner.name.as_str()),
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

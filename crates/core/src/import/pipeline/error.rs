//! Import errors. Every problem with the input names the file, the physical
//! 1-based line and what was expected; nothing is written when one occurs.

use std::fmt;

use crate::i18n::{Lang, Msg};
use crate::ledger::LedgerError;
use crate::msg;

/// What is wrong with a file, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    Binary,
    NotUtf8,
    UnknownFormat {
        first_line: String,
    },
    UnknownFormatId {
        id: String,
        known: Vec<&'static str>,
    },
    NotThisFormat {
        format: &'static str,
        expected_header: &'static str,
    },
    FieldCount {
        found: usize,
        expected: usize,
    },
    MissingColumn {
        column: &'static str,
        format: &'static str,
    },
    EmptyField {
        column: &'static str,
    },
    BadDate {
        column: &'static str,
        value: String,
        expected: &'static str,
        impossible: bool,
    },
    BadAmount {
        column: &'static str,
        value: String,
    },
    AmountOutOfRange {
        column: &'static str,
        value: String,
    },
    /// A currency column that does not hold an ISO 4217 code.
    BadCurrency {
        column: &'static str,
        value: String,
    },
    /// A column with a fixed set of values (a state, a direction) holding
    /// another one; `expected` lists the values the format uses.
    UnexpectedValue {
        column: &'static str,
        value: String,
        expected: &'static str,
    },
    FieldNotUtf8 {
        column: &'static str,
    },
    AmbiguousDateOrder {
        example: String,
    },
    SeveralAccounts,
    UnsupportedSection {
        section: String,
    },
    /// The reader under a format (the CSV parser, a decoder, the file
    /// system) could not go on: what it reported, as a message of the
    /// catalogs (`library_errors`).
    Unreadable(Box<Msg>),
    /// A structured file (OFX) whose markup is wrong: what was found and
    /// what should have been there, as messages of the catalogs.
    Malformed {
        found: Box<Msg>,
        expected: Box<Msg>,
    },
    /// The bank's error reply instead of a statement (an OFX `<STATUS>`
    /// whose severity is `ERROR`): its own code, severity and message.
    BankError(Box<BankStatus>),
    /// A statement format's file that holds no statement (an account
    /// list, an empty envelope): what it holds, and what was expected.
    NoStatement {
        found: Box<Msg>,
        expected: Box<Msg>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => write!(f, "the file is empty; expected a statement with a header line"),
            Problem::Binary => write!(
                f,
                "this is a binary file, not a text statement; expected a CSV export from your bank or AI provider"
            ),
            Problem::NotUtf8 => write!(
                f,
                "the text is not valid UTF-8; expected a UTF-8 CSV (re-export it, or save it as UTF-8)"
            ),
            Problem::UnknownFormat { first_line } => write!(
                f,
                "not a statement format AI Spend recognises (it starts with {first_line:?}); expected a supported export such as a Chase card CSV with the header \"Transaction Date,Post Date,Description,Category,Type,Amount,Memo\", or a CSV whose columns you name with --map date=COLUMN,amount=COLUMN,description=COLUMN"
            ),
            Problem::UnknownFormatId { id, known } => write!(
                f,
                "unknown format {id:?}; expected one of: {}",
                known.join(", ")
            ),
            Problem::NotThisFormat { format, expected_header } => write!(
                f,
                "this file is not {} {format}; expected the header {expected_header:?}",
                if format.starts_with(['A', 'E', 'I', 'O']) { "an" } else { "a" }
            ),
            Problem::FieldCount { found, expected } => write!(
                f,
                "the row has {found} field{}, the header has {expected}; expected one value per column (a value containing a comma must be in double quotes)",
                if *found == 1 { "" } else { "s" }
            ),
            Problem::MissingColumn { column, format } => {
                write!(f, "the header has no {column:?} column, which every {format} has")
            }
            Problem::EmptyField { column } => write!(f, "{column} is empty; expected a value"),
            Problem::BadDate { column, value, expected, impossible: true } => write!(
                f,
                "{column} {value:?} is not a real calendar date; expected {expected}"
            ),
            Problem::BadDate { column, value, expected, impossible: false } => {
                write!(f, "{column} {value:?} is not a date; expected {expected}")
            }
            Problem::BadAmount { column, value } => write!(
                f,
                "{column} {value:?} is not an amount; expected a number such as -12.34"
            ),
            Problem::AmountOutOfRange { column, value } => write!(
                f,
                "{column} {value:?} is too large; expected an amount below 9 trillion"
            ),
            Problem::BadCurrency { column, value } => write!(
                f,
                "{column} {value:?} is not a currency code; expected a three-letter ISO 4217 code such as GBP"
            ),
            Problem::UnexpectedValue { column, value, expected } => write!(
                f,
                "{column} {value:?} is not a value this format uses; expected {expected}"
            ),
            Problem::FieldNotUtf8 { column } => {
                write!(f, "{column} is not valid UTF-8 text; expected a UTF-8 file")
            }
            Problem::AmbiguousDateOrder { example } => write!(
                f,
                "every date in the file reads both as month/day and as day/month (such as {example:?}); expected --date-order mdy or --date-order dmy to say which"
            ),
            Problem::SeveralAccounts => write!(
                f,
                "the file holds more than one account; expected one account per file (export each account on its own)"
            ),
            Problem::UnsupportedSection { section } => write!(
                f,
                "a \"!Type:{section}\" section is not read; expected bank or credit-card transactions (!Type:Bank or !Type:CCard)"
            ),
            Problem::Unreadable(found) => write!(
                f,
                "the CSV cannot be read: {}; expected a complete, readable file (export it again)",
                found.render(Lang::En)
            ),
            Problem::Malformed { found, expected } => write!(
                f,
                "{}; expected {}",
                found.render(Lang::En),
                expected.render(Lang::En)
            ),
            Problem::BankError(status) => {
                let BankStatus { element, code, severity, message, meaning } = &**status;
                let mut status = format!("code {code}");
                if !severity.is_empty() {
                    status.push_str(&format!(" {severity}"));
                }
                if !message.is_empty() {
                    status.push_str(&format!(" {message:?}"));
                }
                if let Some(m) = meaning {
                    status.push_str(&format!(" (OFX: {m})"));
                }
                if element == "SONRS" {
                    write!(
                        f,
                        "the bank refused the sign-on (<SONRS> status {status}), so the file holds no statement; expected a statement: sign in to the bank again and download a new file"
                    )
                } else {
                    write!(
                        f,
                        "the bank sent an error instead of a statement (<{element}> status {status}); expected a statement (<STMTRS> or <CCSTMTRS>): download it again, or ask the bank what code {code} means"
                    )
                }
            }
            Problem::NoStatement { found, expected } => write!(
                f,
                "{}; expected {}",
                found.render(Lang::En),
                expected.render(Lang::En)
            ),
        }
    }
}

/// A bank's own status in a reply that holds no statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankStatus {
    /// The reply it is in: `SONRS` (the sign-on), `STMTTRNRS`, ….
    pub element: String,
    pub code: String,
    pub severity: String,
    pub message: String,
    /// What the format's specification says the code means.
    pub meaning: Option<&'static str>,
}

/// A problem at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput {
    pub file: String,
    /// Physical 1-based line number (a CSV header is line 1).
    pub line: u64,
    pub problem: Problem,
    /// The format whose parser refused the input, when it got that far.
    pub format: Option<&'static str>,
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.problem)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is wrong; the ledger was left as it was.
    #[error("{0}")]
    BadInput(BadInput),
    /// The file could not be read at all.
    #[error("{file}: cannot read the file")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl From<crate::ledger::import_write::StorageError> for ImportError {
    fn from(e: crate::ledger::import_write::StorageError) -> Self {
        ImportError::Ledger(LedgerError::Sqlite(e))
    }
}

impl ImportError {
    /// True when the user's input is at fault (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, ImportError::BadInput(_) | ImportError::Read { .. })
    }
}

/// A parser's error before the pipeline adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub problem: Problem,
}

impl RowError {
    pub fn new(line: u64, problem: Problem) -> Self {
        RowError { line, problem }
    }
}

/// A date expectation given as a pattern (`a date as MM/DD/YYYY`): the
/// pattern alone, which reads the same in every language.
fn date_pattern(expected: &str) -> Option<&str> {
    expected.strip_prefix("a date as ")
}

/// The described forms a format may expect in a column (the `expected` of
/// [`Problem::BadDate`] and [`Problem::UnexpectedValue`]), named here so
/// that [`expected_msg`] gives each its message of the catalogs.
pub mod expect {
    /// An OFX date or date-time.
    pub const OFX_DATE: &str = "an OFX date such as 20260301, 20260301120000 or \
         20260301120000.000[-5:EST] (offset from -12 to +14)";
    /// A provider API's instant.
    pub const PROVIDER_TIME: &str =
        "unix seconds (1743465600) or an ISO 8601 time in UTC (2025-04-01T00:00:00Z)";
    /// A provider export's count of tokens or requests.
    pub const TOKEN_COUNT: &str = "a whole number of tokens or requests, such as 7852";
    /// Cursor's cost cell.
    pub const CURSOR_COST: &str = "a cost in dollars ($0.42) or a word for no charge \
         (Included, Free, Errored, No Charge)";
    /// How `--map sign=` reads amounts.
    pub const SIGN: &str = "spending-negative (the default) or spending-positive";
}

/// What a column should hold, as a message of the catalogs: a date pattern
/// (`a date as MM/DD/YYYY`), a described form of [`expect`], a debit/credit
/// pair's "an empty Credit when Debit holds the amount (…)", or a list of
/// the format's own values (`BOOK, PDNG, FUTR or INFO`), joined in the
/// reader's language. Any other text is shown as it is.
pub fn expected_msg(expected: &str) -> Msg {
    if let Some(p) = date_pattern(expected) {
        return msg!("detail-expect-date", pattern = p);
    }
    match expected {
        expect::OFX_DATE => return msg!("detail-expect-ofx-date"),
        expect::PROVIDER_TIME => return msg!("detail-expect-provider-time"),
        expect::TOKEN_COUNT => return msg!("detail-expect-token-count"),
        expect::CURSOR_COST => return msg!("detail-expect-cursor-cost"),
        expect::SIGN => return msg!("detail-expect-sign"),
        _ => {}
    }
    let pair = expected
        .strip_prefix("an empty ")
        .and_then(|r| r.strip_suffix(" holds the amount (one of the two per line)"))
        .and_then(|r| r.split_once(" when "));
    if let Some((credit, debit)) = pair {
        return msg!("detail-expect-one-of-two", credit = credit, debit = debit);
    }
    if let Some((init, last)) = expected.rsplit_once(" or ") {
        let token = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
        if token(last) && init.split(", ").all(token) {
            return msg!("detail-expect-values", init = init, last = last);
        }
    }
    msg!("detail-expect-text", text = expected)
}

impl BadInput {
    /// What is wrong, for the user: a message id with the file, the line,
    /// the field (the file's own column name), what was found and what was
    /// expected. The [`fmt::Display`] text stays English for logs.
    pub fn msg(&self) -> Msg {
        let file = self.file.as_str();
        let line = self.line.to_string();
        let m = match &self.problem {
            Problem::Empty => msg!("import-empty", file = file, line = line),
            Problem::Binary => msg!("import-binary", file = file, line = line),
            Problem::NotUtf8 => msg!("import-not-utf8", file = file, line = line),
            Problem::UnknownFormat { first_line } => msg!(
                "import-unknown-format",
                file = file,
                line = line,
                found = first_line.as_str()
            ),
            Problem::UnknownFormatId { id, known } => msg!(
                "import-unknown-format-id",
                file = file,
                line = line,
                found = id.as_str(),
                expected = known.join(", ")
            ),
            Problem::NotThisFormat {
                format,
                expected_header,
            } => msg!(
                "import-not-this-format",
                file = file,
                line = line,
                format = *format,
                expected = *expected_header
            ),
            Problem::FieldCount { found, expected } => msg!(
                "import-field-count",
                file = file,
                line = line,
                found = *found,
                expected = *expected
            ),
            Problem::MissingColumn { column, format } => msg!(
                "import-missing-column",
                file = file,
                line = line,
                field = *column,
                format = *format
            ),
            Problem::EmptyField { column } => {
                msg!(
                    "import-empty-field",
                    file = file,
                    line = line,
                    field = *column
                )
            }
            Problem::BadDate {
                column,
                value,
                expected,
                impossible,
            } => match (date_pattern(expected), impossible) {
                (Some(p), true) => msg!(
                    "import-impossible-date",
                    file = file,
                    line = line,
                    field = *column,
                    found = value.as_str(),
                    pattern = p
                ),
                (Some(p), false) => msg!(
                    "import-bad-date",
                    file = file,
                    line = line,
                    field = *column,
                    found = value.as_str(),
                    pattern = p
                ),
                (None, _) => msg!(
                    "import-bad-date-described",
                    file = file,
                    line = line,
                    field = *column,
                    found = value.as_str(),
                    expected = expected_msg(expected)
                ),
            },
            Problem::BadAmount { column, value } => msg!(
                "import-bad-amount",
                file = file,
                line = line,
                field = *column,
                found = value.as_str()
            ),
            Problem::AmountOutOfRange { column, value } => msg!(
                "import-amount-out-of-range",
                file = file,
                line = line,
                field = *column,
                found = value.as_str()
            ),
            Problem::BadCurrency { column, value } => msg!(
                "import-bad-currency",
                file = file,
                line = line,
                field = *column,
                found = value.as_str()
            ),
            Problem::UnexpectedValue {
                column,
                value,
                expected,
            } => msg!(
                "import-unexpected-value",
                file = file,
                line = line,
                field = *column,
                found = value.as_str(),
                expected = expected_msg(expected)
            ),
            Problem::FieldNotUtf8 { column } => msg!(
                "import-field-not-utf8",
                file = file,
                line = line,
                field = *column
            ),
            Problem::AmbiguousDateOrder { example } => msg!(
                "import-ambiguous-date-order",
                file = file,
                line = line,
                found = example.as_str()
            ),
            Problem::SeveralAccounts => msg!("import-several-accounts", file = file, line = line),
            Problem::UnsupportedSection { section } => msg!(
                "import-unsupported-section",
                file = file,
                line = line,
                found = section.as_str()
            ),
            Problem::Unreadable(found) => msg!(
                "import-csv-unreadable",
                file = file,
                line = line,
                found = (**found).clone()
            ),
            Problem::Malformed { found, expected } => msg!(
                "import-malformed",
                file = file,
                line = line,
                found = (**found).clone(),
                expected = (**expected).clone()
            ),
            Problem::BankError(status) => {
                let BankStatus {
                    element,
                    code,
                    severity,
                    message,
                    meaning,
                } = &**status;
                let mut found = code.clone();
                if !severity.is_empty() {
                    found.push_str(&format!(" {severity}"));
                }
                if !message.is_empty() {
                    found.push_str(&format!(" {message:?}"));
                }
                if let Some(m) = meaning {
                    found.push_str(&format!(" (OFX: {m})"));
                }
                if element == "SONRS" {
                    msg!(
                        "import-bank-sign-on-refused",
                        file = file,
                        line = line,
                        found = found
                    )
                } else {
                    msg!(
                        "import-bank-error",
                        file = file,
                        line = line,
                        element = element.as_str(),
                        found = found,
                        code = code.as_str()
                    )
                }
            }
            Problem::NoStatement { found, expected } => msg!(
                "import-no-statement",
                file = file,
                line = line,
                found = (**found).clone(),
                expected = (**expected).clone()
            ),
        };
        m
    }
}

impl ImportError {
    /// What went wrong, for the user (see [`BadInput::msg`]); `None` for a
    /// failure of the ledger, which its own error describes.
    pub fn msg(&self) -> Option<Msg> {
        match self {
            ImportError::BadInput(b) => Some(b.msg()),
            ImportError::Read { file, source } => Some(msg!(
                "import-unreadable-file",
                file = file.as_str(),
                found = crate::library_errors::io(source)
            )),
            ImportError::Ledger(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_forms_become_their_messages() {
        let id = |e: &str| expected_msg(e).id;
        assert_eq!(id("a date as MM/DD"), "detail-expect-date");
        assert_eq!(id(expect::OFX_DATE), "detail-expect-ofx-date");
        assert_eq!(id(expect::CURSOR_COST), "detail-expect-cursor-cost");
        assert_eq!(id("BOOK, PDNG, FUTR or INFO"), "detail-expect-values");
        assert_eq!(id("true or false"), "detail-expect-values");
        assert_eq!(
            id("an empty Credit when Debit holds the amount (one of the two per line)"),
            "detail-expect-one-of-two"
        );
        // A sentence is not a list of values.
        assert_eq!(id("a number or a word"), "detail-expect-text");
        // Every form renders in English exactly as it is written.
        for e in [
            expect::OFX_DATE,
            expect::PROVIDER_TIME,
            expect::TOKEN_COUNT,
            expect::CURSOR_COST,
            expect::SIGN,
            "BOOK, PDNG, FUTR or INFO",
            "an empty credit when debit holds the amount (one of the two per line)",
        ] {
            assert_eq!(expected_msg(e).render(Lang::En), e);
        }
        assert_eq!(
            expected_msg("CRDT or DBIT").render(Lang::ZhCn),
            "CRDT 或 DBIT"
        );
    }
}

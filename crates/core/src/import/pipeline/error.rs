//! Import errors. Every problem with the input names the file, the physical
//! 1-based line and what was expected; nothing is written when one occurs.

use std::fmt;

use crate::i18n::Msg;
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
    Csv(String),
    /// A structured file (OFX) whose markup is wrong: what was found and
    /// what should have been there.
    Malformed {
        found: String,
        expected: String,
    },
    /// The bank's error reply instead of a statement (an OFX `<STATUS>`
    /// whose severity is `ERROR`): its own code, severity and message.
    BankError(Box<BankStatus>),
    /// A statement format's file that holds no statement (an account
    /// list, an empty envelope): what it holds, and what was expected.
    NoStatement {
        found: String,
        expected: String,
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
            Problem::Csv(msg) => write!(
                f,
                "the CSV cannot be read: {msg}; expected a complete, readable file (export it again)"
            ),
            Problem::Malformed { found, expected } => write!(f, "{found}; expected {expected}"),
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
            Problem::NoStatement { found, expected } => write!(f, "{found}; expected {expected}"),
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
                    expected = *expected
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
                expected = *expected
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
            Problem::Csv(detail) => msg!(
                "import-csv-unreadable",
                file = file,
                line = line,
                found = detail.as_str()
            ),
            Problem::Malformed { found, expected } => msg!(
                "import-malformed",
                file = file,
                line = line,
                found = found.as_str(),
                expected = expected.as_str()
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
                found = found.as_str(),
                expected = expected.as_str()
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
                found = source.to_string()
            )),
            ImportError::Ledger(_) => None,
        }
    }
}

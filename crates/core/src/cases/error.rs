//! Why a case operation was refused or failed.
//!
//! Invariant: [`CaseError::is_bad_input`] is true exactly for what the user
//! can fix by asking differently (CLI exit code 2); storage and pack-writing
//! failures are not.

use std::path::PathBuf;

use crate::ledger::cases::CaseStoreError;
use crate::ledger::LedgerError;
use crate::topup::TopupError;

/// Why a case operation was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("there is no case {0}; `aispend case list` lists them")]
    NoSuchCase(i64),
    /// An answer that `topup` refused: the field, the problem, what was expected.
    #[error("{0}")]
    Fact(#[from] TopupError),
    /// A case detail (card digits, a receipt number) that was refused.
    #[error("{}", detail_msg(field, problem, expected).render(crate::i18n::Lang::En))]
    Detail {
        field: String,
        problem: crate::i18n::Msg,
        expected: crate::i18n::Msg,
    },
    #[error("case {case} has no linked {what}; `aispend case show {case}` lists its links")]
    NotLinked { case: i64, what: String },
    #[error("{what} is already linked to case {case}")]
    AlreadyLinked { case: i64, what: String },
    #[error("the note is empty; expected the text of the note")]
    EmptyNote,
    #[error("case {0} is closed; reopen it (`aispend case reopen {0}`) to change it")]
    Closed(i64),
    #[error("UTC offset \"{0}\" is not valid; expected +HH:MM or -HH:MM such as +08:00 or -05:00")]
    BadOffset(String),
    #[error("this ledger is in memory; attachments are kept next to a ledger file")]
    NoDataFolder,
    #[error("{path}: cannot read the file: {source}")]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: {}; expected a JPEG or PNG image that opens in an image viewer",
        path.display(),
        problem.render(crate::i18n::Lang::En)
    )]
    BadImage {
        path: PathBuf,
        problem: crate::i18n::Msg,
    },
    #[error("could not write {path}")]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the attachment's stored copy is missing or changed (expected SHA-256 {expected}); attach the file again")]
    AttachmentChanged { path: PathBuf, expected: String },
    #[error(
        "{path}: not an evidence pack: {}; expected a ZIP written by `aispend case export`",
        problem.render(crate::i18n::Lang::En)
    )]
    NotAPack {
        path: String,
        problem: crate::i18n::Msg,
    },
    /// `case verify` found problems: the pack and each problem, one a line.
    #[error("{} does not verify:\n  {}", path.display(), problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  "))]
    PackFails {
        path: PathBuf,
        problems: Vec<super::PackProblem>,
    },
    #[error("could not write the evidence pack")]
    Zip(#[from] zip::result::ZipError),
    #[error("the case data is damaged: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The case tables could not be read or written.
    #[error(transparent)]
    Store(#[from] CaseStoreError),
}

impl CaseError {
    /// True when the user asked for something that is not there or gave a
    /// value that is wrong (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            CaseError::NoSuchCase(_)
            | CaseError::Fact(_)
            | CaseError::Detail { .. }
            | CaseError::NotLinked { .. }
            | CaseError::AlreadyLinked { .. }
            | CaseError::EmptyNote
            | CaseError::Closed(_)
            | CaseError::BadOffset(_)
            | CaseError::NoDataFolder
            | CaseError::ReadFile { .. }
            | CaseError::BadImage { .. }
            | CaseError::NotAPack { .. }
            | CaseError::PackFails { .. } => true,
            CaseError::Ledger(e) => e.is_bad_input(),
            _ => false,
        }
    }
}

impl CaseError {
    /// The error as a message of the catalogs (`case-errors.ftl`), whose
    /// English reads as the error's own text; `None` for the ledger's
    /// errors, which the app's error table renders itself.
    pub fn msg(&self) -> Option<crate::i18n::Msg> {
        use crate::msg;
        let what = |w: &str| match (
            w.strip_prefix("transaction "),
            w.strip_prefix("payment record "),
        ) {
            (Some(id), _) => msg!("case-what-txn", id = id),
            (_, Some(id)) => msg!("case-what-payment", id = id),
            _ => msg!("case-what-other", what = w),
        };
        let path = |p: &PathBuf| p.display().to_string();
        Some(match self {
            CaseError::NoSuchCase(id) => msg!("case-error-no-such-case", id = id.to_string()),
            CaseError::NotLinked { case, what: w } => msg!(
                "case-error-not-linked",
                case = case.to_string(),
                what = what(w)
            ),
            CaseError::AlreadyLinked { case, what: w } => msg!(
                "case-error-already-linked",
                case = case.to_string(),
                what = what(w)
            ),
            CaseError::EmptyNote => msg!("case-error-empty-note"),
            CaseError::Closed(id) => msg!("case-error-closed", id = id.to_string()),
            CaseError::BadOffset(o) => msg!("case-error-bad-offset", found = o.as_str()),
            CaseError::NoDataFolder => msg!("case-error-no-data-folder"),
            CaseError::ReadFile { path: p, source } => msg!(
                "case-error-read-file",
                path = path(p),
                detail = crate::library_errors::io(source)
            ),
            CaseError::BadImage { path: p, problem } => msg!(
                "case-error-bad-image",
                path = path(p),
                detail = problem.clone()
            ),
            CaseError::WriteFile { path: p, source } => msg!(
                "case-error-write-file",
                path = path(p),
                detail = crate::library_errors::io_write(source)
            ),
            CaseError::AttachmentChanged { path: p, expected } => msg!(
                "case-error-attachment-changed",
                path = path(p),
                sha = expected.as_str()
            ),
            CaseError::NotAPack { path: p, problem } => msg!(
                "case-error-not-a-pack",
                path = p.as_str(),
                detail = problem.clone()
            ),
            CaseError::PackFails { path: p, problems } => msg!(
                "case-verify-failed",
                path = p.display().to_string(),
                problems = super::pack::problem_lines(problems)
            ),
            CaseError::Zip(_) => msg!("case-error-zip"),
            CaseError::Corrupt(d) => msg!("case-error-corrupt", detail = d.as_str()),
            CaseError::Fact(e) => e.msg(),
            CaseError::Detail {
                field,
                problem,
                expected,
            } => detail_msg(field, problem, expected),
            CaseError::Store(e) => msg!("case-error-store", detail = e.to_string()),
            CaseError::Ledger(_) => return None,
        })
    }
}

/// A refused detail reads like a refused answer: the field, the problem,
/// what was expected.
fn detail_msg(
    field: &str,
    problem: &crate::i18n::Msg,
    expected: &crate::i18n::Msg,
) -> crate::i18n::Msg {
    crate::msg!(
        "topup-error-field",
        field = field,
        problem = problem.clone(),
        expected = expected.clone()
    )
}

/// One error of every kind a case operation returns, for the tests here
/// and the app's error table. `variant` has no catch-all arm, so a new
/// variant does not compile until it is numbered there, and the count
/// check then wants a sample of it here.
#[cfg(test)]
pub(crate) fn samples() -> Vec<CaseError> {
    use crate::msg;
    let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
    let all = vec![
        CaseError::NoSuchCase(7),
        CaseError::Fact(TopupError::NotAnObject),
        CaseError::Detail {
            field: "card_last4".into(),
            problem: msg!("case-problem-not-four-digits", found = "42"),
            expected: msg!("case-expect-last4"),
        },
        CaseError::NotLinked {
            case: 2,
            what: "transaction 14".into(),
        },
        CaseError::AlreadyLinked {
            case: 2,
            what: "payment record 3".into(),
        },
        CaseError::EmptyNote,
        CaseError::Closed(4),
        CaseError::BadOffset("+25:00".into()),
        CaseError::NoDataFolder,
        CaseError::ReadFile {
            path: "a.png".into(),
            source: io(),
        },
        CaseError::BadImage {
            path: "a.png".into(),
            problem: msg!("case-image-not-png", detail = "bad header"),
        },
        CaseError::WriteFile {
            path: "b.zip".into(),
            source: io(),
        },
        CaseError::AttachmentChanged {
            path: "c.png".into(),
            expected: "ab12".into(),
        },
        CaseError::NotAPack {
            path: "d.zip".into(),
            problem: msg!("case-pack-no-bagit"),
        },
        CaseError::PackFails {
            path: "e.zip".into(),
            problems: vec![
                super::PackProblem::Extra {
                    path: "bag/data/x".into(),
                },
                super::PackProblem::Missing {
                    path: "bag/data/y".into(),
                    manifest: "manifest.json".into(),
                },
            ],
        },
        CaseError::Zip(zip::result::ZipError::FileNotFound),
        CaseError::Corrupt("x".into()),
        CaseError::Ledger(LedgerError::NoSuchTxn(9)),
        CaseError::Store(CaseStoreError::from(crate::ledger::sample_no_rows_error())),
    ];
    let kinds: std::collections::BTreeSet<u8> = all.iter().map(variant).collect();
    assert_eq!(kinds.len(), 19, "one sample of every variant");
    all
}

#[cfg(test)]
fn variant(e: &CaseError) -> u8 {
    match e {
        CaseError::NoSuchCase(_) => 0,
        CaseError::Fact(_) => 1,
        CaseError::Detail { .. } => 2,
        CaseError::NotLinked { .. } => 3,
        CaseError::AlreadyLinked { .. } => 4,
        CaseError::EmptyNote => 5,
        CaseError::Closed(_) => 6,
        CaseError::BadOffset(_) => 7,
        CaseError::NoDataFolder => 8,
        CaseError::ReadFile { .. } => 9,
        CaseError::BadImage { .. } => 10,
        CaseError::WriteFile { .. } => 11,
        CaseError::AttachmentChanged { .. } => 12,
        CaseError::NotAPack { .. } => 13,
        CaseError::Zip(_) => 14,
        CaseError::Corrupt(_) => 15,
        CaseError::Ledger(_) => 16,
        CaseError::Store(_) => 17,
        CaseError::PackFails { .. } => 18,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn case_errors_read_as_their_own_text_in_english() {
        // The ledger's errors have their message in the app's error table.
        for e in samples() {
            let Some(m) = e.msg() else {
                assert!(matches!(e, CaseError::Ledger(_)), "{e}: no message");
                continue;
            };
            let en = m.render(Lang::En);
            if matches!(e, CaseError::Store(_)) {
                // The storage library's words, after what could not be done.
                assert!(en.ends_with(&e.to_string()), "{en}");
            } else if let CaseError::WriteFile { source, .. } = &e {
                // Which file, then what the operating system said failed.
                assert_eq!(en, format!("{e}: {source}"));
            } else {
                assert_eq!(en, e.to_string());
            }
            let zh = m.render(Lang::ZhCn);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}

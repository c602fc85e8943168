//! The import view: a preview of each chosen file before anything is
//! written, the mapping step for a CSV no format reads, and the import
//! itself. Files are known to the UI only by tokens the shell hands out for
//! paths the user picked in a dialog or dropped on the window.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::{mapping_needed, ColumnMapping, MappingNeeded};
use super::{AppError, ErrorCode, ErrorDto};
use crate::i18n::Msg;
use crate::import::format::Hints;
use crate::import::mail::ReceiptCounts;
use crate::import::{
    import_file_with_progress, ImportError, ImportOptions, Notice, PreviewDuplicate, PreviewLine,
};
use crate::ledger::Ledger;
use crate::money::Currency;

/// A file the user picked or dropped, as the UI knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PickedFile {
    pub token: String,
    /// The file's name (never its folder).
    pub name: String,
    pub size: u64,
}

/// Files dropped on the window, and where they fell: CSS pixels from the
/// top-left of the window's page (`None` when the shell could not tell), so
/// the UI can see which element was under them (a line takes a receipt).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FilesDropped {
    pub files: Vec<PickedFile>,
    pub x: Option<f64>,
    pub y: Option<f64>,
}

/// What the user chose for the files being imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptionsInput {
    /// The account every line goes to (default: the statement's own).
    pub account: Option<String>,
    /// A format id, to skip detection.
    pub format: Option<String>,
    /// The column mapping the mapping step made (typed: a header holding
    /// a comma is one column).
    pub mapping: Option<ColumnMapping>,
    /// The name the mapping is saved under.
    pub profile: Option<String>,
    /// The physical line of a mapped CSV's header, where the user picks it.
    pub header_line: Option<u64>,
    /// The currency of a file that does not say its own (ISO 4217 code);
    /// without it such a file is read as USD and its preview says so.
    pub currency: Option<String>,
    /// Leave out rows that cannot be read (CSV files), listing each with
    /// its line and reason, instead of refusing the whole file.
    pub skip_bad_rows: bool,
}

impl ImportOptionsInput {
    /// The core's options; a mapping that cannot be used is refused here.
    pub fn to_options(&self, dry_run: bool) -> Result<ImportOptions, ErrorDto> {
        let given = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let map = match &self.mapping {
            Some(m) if !m.columns.is_empty() => Some(m.to_spec().map_err(ErrorDto::from)?),
            _ => None,
        };
        let currency = match given(&self.currency) {
            Some(code) => Some(Currency::parse(&code.to_ascii_uppercase()).map_err(|_| {
                ErrorDto::new(
                    ErrorCode::BadCurrency,
                    format!(
                        "{code:?} is not a currency; expected an ISO 4217 code such as USD, EUR or GBP"
                    ),
                )
            })?),
            None => None,
        };
        Ok(ImportOptions {
            account: given(&self.account),
            format: given(&self.format),
            dry_run,
            map,
            profile: given(&self.profile),
            header_line: self.header_line.filter(|n| *n > 0),
            hints: Hints {
                currency,
                ..Hints::default()
            },
            skip_bad_rows: self.skip_bad_rows,
            preview_rows: if dry_run { PREVIEW_ROWS } else { 0 },
            machine: None,
        })
    }
}

/// How many lines an import preview shows of each list (the counts are
/// always whole).
pub const PREVIEW_ROWS: usize = 200;

/// A row the import leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RejectDto {
    /// The physical line of the file.
    pub line: u64,
    pub reason: String,
    /// The reason as a message of the catalogs (file, line, field).
    pub msg: Option<Msg>,
}

/// What importing a file would do, or why it cannot be imported as it is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FilePreview {
    pub token: String,
    pub name: String,
    pub format: Option<String>,
    pub account: Option<String>,
    pub added: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub error: Option<ErrorDto>,
    /// Set when the file is a CSV that needs its columns named.
    pub mapping: Option<MappingNeeded>,
    /// What the summary names beyond the counts (an assumed currency,
    /// skipped lines, a preamble passed over).
    pub notices: Vec<NoticeDto>,
    /// The first [`PREVIEW_ROWS`] lines the import would add.
    pub lines: Vec<PreviewLine>,
    /// The first [`PREVIEW_ROWS`] lines it would skip, each with the line
    /// it duplicates.
    pub duplicate_lines: Vec<PreviewDuplicate>,
    /// Every row it would leave out (with "leave out unreadable rows").
    pub rejects: Vec<RejectDto>,
    /// A mail file or folder: the receipts it holds, and the messages it
    /// skips or cannot trust, each with why.
    pub receipts: Option<ReceiptCounts>,
}

/// One thing an import's summary says beyond its counts (see
/// [`crate::import::Notice`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeDto {
    /// A stable id: `assumed_currency`, `skipped_lines`, `skipped_preamble`, ...
    pub code: String,
    /// The first few physical lines it concerns.
    pub lines: Vec<u64>,
    pub count: u64,
    pub message: String,
    /// The message of the catalogs, where there is one: what the UI shows.
    pub msg: Option<Msg>,
}

fn notices(list: &[Notice]) -> Vec<NoticeDto> {
    list.iter()
        .map(|n| NoticeDto {
            code: n.code.to_owned(),
            lines: n.lines.clone(),
            count: n.count,
            message: n.message.clone(),
            msg: n.msg.clone(),
        })
        .collect()
}

/// What importing a file did: its batch, or the error that left the
/// ledger as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileImported {
    pub token: String,
    pub name: String,
    pub format: Option<String>,
    pub account: Option<String>,
    pub batch_id: Option<i64>,
    pub added: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub error: Option<ErrorDto>,
    pub notices: Vec<NoticeDto>,
    /// A mail import's receipts: recognised, matched, skipped, unrecognised.
    pub receipts: Option<ReceiptCounts>,
}

/// How far the import of one file has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "ImportProgress")]
pub struct ImportProgressEvent {
    pub token: String,
    pub name: String,
    pub rows: u64,
    pub bytes: u64,
    pub total_bytes: u64,
}

/// An import error as the UI shows it.
pub fn import_error(e: &ImportError) -> ErrorDto {
    super::describe(e).1
}

/// Previews the import of `path` (a dry run: nothing is written).
pub fn preview_file(
    ledger: &mut Ledger,
    file: &PickedFile,
    path: &Path,
    options: &ImportOptionsInput,
) -> Result<FilePreview, AppError> {
    let mut preview = FilePreview {
        token: file.token.clone(),
        name: file.name.clone(),
        format: None,
        account: None,
        added: 0,
        duplicates: 0,
        rejected: 0,
        error: None,
        mapping: None,
        notices: Vec::new(),
        lines: Vec::new(),
        duplicate_lines: Vec::new(),
        rejects: Vec::new(),
        receipts: None,
    };
    let opts = match options.to_options(true) {
        Ok(o) => o,
        Err(e) => {
            preview.error = Some(e);
            return Ok(preview);
        }
    };
    match import_file_with_progress(ledger, path, &opts, &mut |_| {}) {
        Ok(o) => {
            preview.format = Some(o.format);
            preview.account = Some(o.account);
            preview.added = o.added;
            preview.duplicates = o.duplicates;
            preview.rejected = o.rejected;
            preview.notices = notices(&o.notices);
            preview.receipts = o.receipts.clone();
            preview.rejects = o
                .rejects
                .iter()
                .enumerate()
                .map(|(i, (line, reason))| RejectDto {
                    line: *line,
                    reason: reason.clone(),
                    msg: o.reject_msgs.get(i).cloned(),
                })
                .collect();
            if let Some(p) = o.preview {
                preview.lines = p.added;
                preview.duplicate_lines = p.duplicates;
            }
        }
        Err(ImportError::Ledger(e)) => return Err(e.into()),
        Err(e) => {
            if opts.map.is_none() {
                preview.mapping = mapping_needed(ledger, path, opts.header_line)?;
            }
            preview.error = Some(import_error(&e));
        }
    }
    Ok(preview)
}

/// Imports `path` as one batch, reporting progress. A file that cannot be
/// imported comes back with its error and nothing written.
pub fn import_picked(
    ledger: &mut Ledger,
    file: &PickedFile,
    path: &Path,
    options: &ImportOptionsInput,
    progress: &mut dyn FnMut(ImportProgressEvent),
) -> FileImported {
    let mut done = FileImported {
        token: file.token.clone(),
        name: file.name.clone(),
        format: None,
        account: None,
        batch_id: None,
        added: 0,
        duplicates: 0,
        rejected: 0,
        error: None,
        notices: Vec::new(),
        receipts: None,
    };
    let opts = match options.to_options(false) {
        Ok(o) => o,
        Err(e) => {
            done.error = Some(e);
            return done;
        }
    };
    let outcome = import_file_with_progress(ledger, path, &opts, &mut |p| {
        progress(ImportProgressEvent {
            token: file.token.clone(),
            name: file.name.clone(),
            rows: p.rows,
            bytes: p.bytes_read,
            total_bytes: p.bytes_total,
        })
    });
    match outcome {
        Ok(o) => {
            done.format = Some(o.format);
            done.account = Some(o.account);
            done.batch_id = o.batch_id;
            done.receipts = o.receipts.clone();
            done.added = o.added;
            done.duplicates = o.duplicates;
            done.rejected = o.rejected;
            done.notices = notices(&o.notices);
        }
        Err(e) => done.error = Some(import_error(&e)),
    }
    done
}

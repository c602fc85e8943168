//! The evidence pack: a deterministic, redacted BagIt bag in a ZIP, and its
//! verification.
//!
//! Layout (one top folder, as BagIt's serialization asks):
//! ```text
//! aispend-case-<id>/
//!   bagit.txt                 BagIt 1.0, UTF-8
//!   bag-info.txt              software, case id, Payload-Oxum, Bagging-Date
//!   manifest-sha256.txt       SHA-256 of every payload file (data/...)
//!   tagmanifest-sha256.txt    SHA-256 of the tag files above and manifest.json
//!   manifest.json             every payload file with SHA-256, size, media type;
//!                             attachments with their original name and both hashes
//!   data/summary.md           the case, readable, in the reader's language
//!   data/summary.html         the same, self-contained (no scripts, no remote content)
//!   data/summary.<lang>.md    the same in the user's language, when it is not the reader's
//!   data/summary.<lang>.html
//!   data/timeline.csv         every event in UTC and local time, in the reader's language
//!   data/message.txt          the drafted message to the first contact
//!   data/message.<lang>.txt   the same in the user's language, to check, when the
//!                             message to send is not all in it
//!   data/attachments/NN-name  the stored copies (images without metadata)
//! ```
//! Languages ([`PackLangs`]): the pack is for whoever the diagnosis says to
//! contact first, so it speaks their language the way the drafted message
//! does: English for the provider's support, the bank's language for the
//! bank (Chinese for a card line in CNY), the user's own when nobody is to
//! be contacted yet. When the user reads another language, the summary and
//! the message go beside in it; the summary's last section says which is
//! which, and `manifest.json` names both languages.
//! Determinism: the pack is built only from what the ledger stores (never the
//! clock), entries are written in this fixed order, every entry has the time
//! 1980-01-01 00:00:00, Unix permissions 0644, no extra fields or comments,
//! and Deflate at level 6. `Bagging-Date` is the date of the case's last
//! change, not of the export. The same case therefore gives the same bytes
//! with the same build of AI Spend.

//!
//! | file | job |
//! |---|---|
//! | `mod.rs` | export, preview and the redactor every file passes through |
//! | `bagit.rs` | the payload, the BagIt tag files and the ZIP |
//! | `summary.rs` | `summary.md` and `summary.html` from one document |
//! | `timeline.rs` | `timeline.csv` |
//! | `verify.rs` | checking a pack |

mod bagit;
mod summary;
mod timeline;
mod verify;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::attach::{safe_name, sha256_hex};
use super::message::{draft, draft_for, Draft, Langs, Verdict};
use super::redact::{redact_with_hits, Hit, HitKind, Redaction};
use super::{show, Attachment, CaseError, CaseView};
use crate::i18n::Lang;
use crate::ledger::Ledger;
use bagit::build;

pub(crate) use verify::problem_lines;
pub use verify::{verify, verify_bytes, PackProblem, VerifyReport};

/// How to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub redaction: Redaction,
    /// The language the user reads (the app's or the CLI's); the pack's
    /// own language follows its reader ([`PackLangs`]).
    pub user: Lang,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            redaction: Redaction::default(),
            user: Lang::En,
        }
    }
}

/// The languages of a pack: its reader's, and the user's beside it when
/// that is another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackLangs {
    /// The language of `summary.md`, `summary.html` and `timeline.csv`.
    pub reader: Lang,
    /// The user's language, when it is not the reader's.
    pub beside: Option<Lang>,
    /// The user's language, when the message to send is not all in it and
    /// a rendering to check goes beside it.
    pub message_check: Option<Lang>,
}

impl PackLangs {
    /// Who reads the pack (module documentation), for a user who reads `user`.
    pub fn of(view: &CaseView, user: Lang) -> PackLangs {
        let verdict = Verdict::of(view.latest_diagnosis().map(|d| &d.result));
        let to_send = Langs::to_send(view, user);
        let reader = match verdict.contact {
            "issuing_bank" | "org_owner" => to_send.bank,
            "openai_support" | "provider_and_bank" => to_send.support,
            _ => user,
        };
        let check = draft_for(view, &verdict, user).check.is_some();
        PackLangs {
            reader,
            beside: (reader != user).then_some(user),
            message_check: check.then_some(user),
        }
    }

    /// The summary's path in the pack (under `data/`) in `lang`.
    pub fn summary_md(&self, lang: Lang) -> String {
        self.named("summary", lang, "md")
    }

    /// The HTML summary's path in the pack in `lang`.
    pub fn summary_html(&self, lang: Lang) -> String {
        self.named("summary", lang, "html")
    }

    /// The path of the drafted message's rendering in `lang`, to check.
    pub fn message_check_txt(lang: Lang) -> String {
        format!("data/message.{}.txt", lang.tag())
    }

    fn named(&self, stem: &str, lang: Lang, ext: &str) -> String {
        if lang == self.reader {
            format!("data/{stem}.{ext}")
        } else {
            format!("data/{stem}.{}.{ext}", lang.tag())
        }
    }
}

/// One file in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackFile {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// What [`export`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    pub case_id: i64,
    pub path: String,
    pub sha256: String,
    pub size: u64,
    /// Whether a diagnosis was run first because the facts had changed.
    pub diagnosed: bool,
    pub files: Vec<PackFile>,
}

/// Exports a case to `out`. When the facts changed since the newest
/// diagnosis (or none was run), a diagnosis is run first with `now` and
/// recorded, so the pack always speaks of the current facts.
pub fn export(
    ledger: &mut Ledger,
    case: i64,
    out: &Path,
    opts: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<ExportReport, CaseError> {
    let view = show(ledger, case)?;
    let diagnosed = !view.diagnosis_current;
    if diagnosed {
        super::diagnose(ledger, case, now)?;
    }
    let (bytes, files) = export_bytes(ledger, case, opts)?;
    let partial = out.with_extension("zip.partial");
    std::fs::write(&partial, &bytes)
        .and_then(|()| std::fs::rename(&partial, out))
        .map_err(|source| CaseError::WriteFile {
            path: out.to_path_buf(),
            source,
        })?;
    Ok(ExportReport {
        case_id: case,
        path: out.display().to_string(),
        sha256: sha256_hex(&bytes),
        size: bytes.len() as u64,
        diagnosed,
        files,
    })
}

/// The pack's bytes, from the stored case alone (the newest diagnosis as
/// recorded). Same case, same bytes.
pub fn export_bytes(
    ledger: &Ledger,
    case: i64,
    opts: &ExportOptions,
) -> Result<(Vec<u8>, Vec<PackFile>), CaseError> {
    let view = show(ledger, case)?;
    build(
        ledger,
        &view,
        opts,
        &mut Redactor::new(opts.redaction, false),
    )
}

/// The drafted message to the first contact, redacted as the pack's
/// `data/message.txt` holds it (from the newest recorded diagnosis).
pub fn drafted_message(view: &CaseView, opts: &ExportOptions) -> String {
    let verdict = Verdict::of(view.latest_diagnosis().map(|d| &d.result));
    redact_with_hits(
        &draft(view, &verdict, Langs::to_send(view, opts.user)),
        opts.redaction,
    )
    .0
}

/// The drafted message for a user who reads `user`: the text to send
/// (support's letters in English, the bank's in the user's language or in
/// Chinese for a CNY card) and, when that is not all in `user`, the same
/// message in `user` to check; both redacted as the pack would.
pub fn drafted_message_in(view: &CaseView, opts: &ExportOptions, user: Lang) -> Draft {
    let verdict = Verdict::of(view.latest_diagnosis().map(|d| &d.result));
    let d = draft_for(view, &verdict, user);
    Draft {
        lang: d.lang,
        text: redact_with_hits(&d.text, opts.redaction).0,
        check: d.check.map(|c| redact_with_hits(&c, opts.redaction).0),
    }
}

/// One redaction an export would make, as [`redaction_preview`] lists it.
/// The hint never repeats the secret: `•••• 4242 (16 digits)`,
/// `sk-proj-…(40 chars)`, `j…@example.com (20 chars)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedactionHit {
    /// The file in the pack (`data/summary.md`, `manifest.json`,
    /// `data/attachments/02-...`), as the pack names it.
    pub file: String,
    pub kind: HitKind,
    pub original_masked_hint: String,
    pub replacement: String,
    /// 1-based line in the file; `None` when the secret is in the file's
    /// own name (an attachment's original name) or in a field of
    /// `manifest.json`.
    pub line: Option<usize>,
}

/// What [`export`] would redact, file by file, writing nothing: the pack
/// is built in memory from the case as export would see it (when the
/// facts changed since the newest diagnosis, with a diagnosis made at
/// `now` that is not recorded).
pub fn redaction_preview(
    ledger: &Ledger,
    case: i64,
    opts: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<Vec<RedactionHit>, CaseError> {
    let mut view = show(ledger, case)?;
    if !view.diagnosis_current {
        let d = super::store::unrecorded_diagnosis(&view, now)?;
        view.diagnoses.push(d);
        view.diagnosis_current = true;
    }
    let mut red = Redactor::new(opts.redaction, true);
    build(ledger, &view, opts, &mut red)?;
    Ok(red.hits.unwrap_or_default())
}

/// Redacts the pack's text and, for a preview, records what it removed.
pub(super) struct Redactor {
    opts: Redaction,
    hits: Option<Vec<RedactionHit>>,
}

impl Redactor {
    fn new(opts: Redaction, record: bool) -> Self {
        Redactor {
            opts,
            hits: record.then(Vec::new),
        }
    }

    fn record(&mut self, file: &str, found: Vec<Hit>, in_text: bool) {
        if let Some(hits) = &mut self.hits {
            hits.extend(found.into_iter().map(|h| RedactionHit {
                file: file.to_owned(),
                kind: h.kind,
                original_masked_hint: h.hint,
                replacement: h.replacement,
                line: in_text.then_some(h.line),
            }));
        }
    }

    /// A whole file's text.
    pub(super) fn text(&mut self, file: &str, text: &str) -> String {
        let (out, found) = redact_with_hits(text, self.opts);
        self.record(file, found, true);
        out
    }

    /// One field of `file` (no line).
    pub(super) fn field(&mut self, file: &str, text: &str) -> String {
        let (out, found) = redact_with_hits(text, self.opts);
        self.record(file, found, false);
        out
    }

    /// The attachment's path in the pack: its number and its original
    /// name, redacted, then made safe (`01-card_____4242_...png`). An
    /// original name with nothing to redact keeps the stored name.
    pub(super) fn pack_path(&mut self, a: &Attachment) -> String {
        let (clean, found) = redact_with_hits(&a.original_name, self.opts);
        let name = if found.is_empty() {
            a.stored_name.clone()
        } else {
            let seq = a.stored_name.split_once('-').map_or("", |(n, _)| n);
            format!("{seq}-{}", safe_name(&clean))
        };
        let path = format!("data/attachments/{name}");
        self.record(&path, found, false);
        path
    }
}

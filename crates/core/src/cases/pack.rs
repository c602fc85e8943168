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
//!   data/summary.md           the case, readable
//!   data/summary.html         the same, self-contained (no scripts, no remote content)
//!   data/timeline.csv         every event in UTC and local time
//!   data/message.txt          the drafted message to the first contact
//!   data/attachments/NN-name  the stored copies (images without metadata)
//! ```
//! Determinism: the pack is built only from what the ledger stores (never the
//! clock), entries are written in this fixed order, every entry has the time
//! 1980-01-01 00:00:00, Unix permissions 0644, no extra fields or comments,
//! and Deflate at level 6. `Bagging-Date` is the date of the case's last
//! change, not of the export. The same case therefore gives the same bytes
//! with the same build of AI Spend.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;

use super::attach::safe_name;
use super::attach::{is_text, sha256_hex};
use super::message::{contact_words, draft, Verdict};
use super::redact::{redact_with_hits, Hit, HitKind, Redaction};
use super::zone::parse_instant;
use super::{attachment_dir, show, CaseError, CaseView, Linked};
use crate::ledger::Ledger;
use crate::zipguard;

/// How to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    pub redaction: Redaction,
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

/// A problem [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PackProblem {
    /// The file's bytes do not have the hash a manifest lists.
    Mismatch {
        path: String,
        manifest: String,
        expected: String,
        actual: String,
    },
    /// A manifest lists a file the pack does not hold.
    Missing { path: String, manifest: String },
    /// A payload file no manifest lists.
    Extra { path: String },
    /// A manifest line or file that cannot be read.
    BadManifest { manifest: String, problem: String },
}

impl std::fmt::Display for PackProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackProblem::Mismatch {
                path,
                manifest,
                expected,
                actual,
            } => write!(
                f,
                "{path}: SHA-256 is {actual}, but {manifest} lists {expected}: the file was changed"
            ),
            PackProblem::Missing { path, manifest } => {
                write!(f, "{path}: listed in {manifest} but not in the pack")
            }
            PackProblem::Extra { path } => {
                write!(f, "{path}: in the pack but in no manifest")
            }
            PackProblem::BadManifest { manifest, problem } => write!(f, "{manifest}: {problem}"),
        }
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    /// The bag's top folder.
    pub bag: String,
    /// How many (file, manifest) pairs were checked.
    pub checked: usize,
    pub problems: Vec<PackProblem>,
}

const TIMELINE_HEADER: [&str; 4] = ["utc", "local", "event", "detail"];

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
    redact_with_hits(&draft(view, &verdict), opts.redaction).0
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
struct Redactor {
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
    fn text(&mut self, file: &str, text: &str) -> String {
        let (out, found) = redact_with_hits(text, self.opts);
        self.record(file, found, true);
        out
    }

    /// One field of `file` (no line).
    fn field(&mut self, file: &str, text: &str) -> String {
        let (out, found) = redact_with_hits(text, self.opts);
        self.record(file, found, false);
        out
    }

    /// The attachment's path in the pack: its number and its original
    /// name, redacted, then made safe (`01-card_____4242_...png`). An
    /// original name with nothing to redact keeps the stored name.
    fn pack_path(&mut self, a: &super::Attachment) -> String {
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

/// The pack's bytes for a case as `view` shows it.
fn build(
    ledger: &Ledger,
    view: &CaseView,
    opts: &ExportOptions,
    red: &mut Redactor,
) -> Result<(Vec<u8>, Vec<PackFile>), CaseError> {
    let case = view.id;
    // Attachments' paths in the pack, their names redacted.
    let att_paths: Vec<String> = view.attachments.iter().map(|a| red.pack_path(a)).collect();

    // Payload files, in pack order.
    let mut payload: Vec<(String, Vec<u8>, String)> = Vec::new();
    let doc = summary_doc(view, opts, &att_paths);
    payload.push((
        "data/summary.md".into(),
        red.text("data/summary.md", &render_md(&doc)).into_bytes(),
        "text/markdown".into(),
    ));
    payload.push((
        "data/summary.html".into(),
        red.text("data/summary.html", &render_html(&doc))
            .into_bytes(),
        "text/html".into(),
    ));
    payload.push((
        "data/timeline.csv".into(),
        red.text("data/timeline.csv", &timeline_csv(view, &att_paths)?)
            .into_bytes(),
        "text/csv".into(),
    ));
    let verdict = Verdict::of(view.latest_diagnosis().map(|d| &d.result));
    payload.push((
        "data/message.txt".into(),
        red.text("data/message.txt", &draft(view, &verdict))
            .into_bytes(),
        "text/plain".into(),
    ));
    let mut attachments_json = Vec::new();
    if !view.attachments.is_empty() {
        let dir = attachment_dir(ledger, case)?;
        for (a, pack_path) in view.attachments.iter().zip(att_paths) {
            let path = dir.join(&a.stored_name);
            let stored = std::fs::read(&path).map_err(|_| CaseError::AttachmentChanged {
                path: path.clone(),
                expected: a.stored_sha256.clone(),
            })?;
            if sha256_hex(&stored) != a.stored_sha256 {
                return Err(CaseError::AttachmentChanged {
                    path,
                    expected: a.stored_sha256.clone(),
                });
            }
            let (bytes, redacted_in_pack) = match std::str::from_utf8(&stored) {
                Ok(text) if is_text(&a.media_type) => {
                    let r = red.text(&pack_path, text);
                    let changed = r != text;
                    (r.into_bytes(), changed)
                }
                _ => (stored, false),
            };
            attachments_json.push(json!({
                "path": pack_path,
                "original_name": red.field("manifest.json", &a.original_name),
                "original_sha256": a.original_sha256,
                "stored_sha256": a.stored_sha256,
                "pack_sha256": sha256_hex(&bytes),
                "captured_at": a.captured_at,
                "media_type": a.media_type,
                "metadata_removed": a.redacted,
                "redacted_in_pack": redacted_in_pack,
            }));
            payload.push((pack_path, bytes, a.media_type.clone()));
        }
    }

    let root = format!("aispend-case-{case}");
    let mut manifest = String::new();
    let mut files_json = Vec::new();
    let mut files = Vec::new();
    let mut octets = 0u64;
    for (path, bytes, media) in &payload {
        let h = sha256_hex(bytes);
        manifest.push_str(&format!("{h}  {path}\n"));
        octets += bytes.len() as u64;
        files_json.push(json!({
            "path": path, "sha256": h, "size": bytes.len(), "media_type": media,
        }));
        files.push(PackFile {
            path: format!("{root}/{path}"),
            sha256: h,
            size: bytes.len() as u64,
        });
    }
    let bagging_date = parse_instant(&view.updated_at)?.format("%Y-%m-%d");
    let bag_info = format!(
        "Source-Organization: AI Spend (local ledger)\n\
         Bag-Software-Agent: AI Spend {}\n\
         External-Identifier: aispend-case-{case}\n\
         External-Description: Evidence for a top-up that did not arrive ({} API credits)\n\
         Bagging-Date: {bagging_date}\n\
         Payload-Oxum: {octets}.{}\n",
        env!("CARGO_PKG_VERSION"),
        view.provider.name(),
        payload.len()
    );
    let manifest_json = serde_json::to_string_pretty(&json!({
        "format": "aispend-evidence-pack/1",
        "case_id": case,
        "redaction": {
            "card_numbers": "last 4 digits",
            "api_keys": "removed",
            "emails": if opts.redaction.keep_emails { "kept" } else { "masked" },
        },
        "files": files_json,
        "attachments": attachments_json,
    }))
    .map_err(|e| CaseError::Corrupt(format!("manifest: {e}")))?
        + "\n";
    let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_owned();
    let tags: Vec<(&str, String)> = vec![
        ("bagit.txt", bagit),
        ("bag-info.txt", bag_info),
        ("manifest-sha256.txt", manifest),
        ("manifest.json", manifest_json),
    ];
    let mut tagmanifest = String::new();
    for (name, text) in &tags {
        tagmanifest.push_str(&format!("{}  {name}\n", sha256_hex(text.as_bytes())));
    }

    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, text) in tags.iter().take(3) {
        entries.push((format!("{root}/{name}"), text.clone().into_bytes()));
    }
    entries.push((
        format!("{root}/tagmanifest-sha256.txt"),
        tagmanifest.into_bytes(),
    ));
    entries.push((
        format!("{root}/manifest.json"),
        tags[3].1.clone().into_bytes(),
    ));
    for (path, bytes, _) in payload {
        entries.push((format!("{root}/{path}"), bytes));
    }
    Ok((write_zip(&entries)?, files))
}

fn write_zip(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, CaseError> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        .system(zip::System::Unix)
        .large_file(false);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes).map_err(zip::result::ZipError::Io)?;
    }
    Ok(zip.finish()?.into_inner())
}

// ---------------------------------------------------------------------------
// Verification

/// Checks a pack file: every hash in manifest-sha256.txt,
/// tagmanifest-sha256.txt and manifest.json, and that no payload file is
/// unlisted.
pub fn verify(path: &Path) -> Result<VerifyReport, CaseError> {
    let read_err = |source| CaseError::ReadFile {
        path: path.to_path_buf(),
        source,
    };
    let cap = zipguard::PACK_LIMITS.max_total;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
        .map_err(read_err)?;
    if bytes.len() as u64 > cap {
        return Err(CaseError::NotAPack {
            path: path.display().to_string(),
            problem: format!("the file is larger than {} MiB", cap / 1024 / 1024),
        });
    }
    verify_bytes(&bytes, &path.display().to_string())
}

/// [`verify`] on bytes; `name` is used in messages.
pub fn verify_bytes(bytes: &[u8], name: &str) -> Result<VerifyReport, CaseError> {
    let not_a_pack = |problem: String| CaseError::NotAPack {
        path: name.to_owned(),
        problem,
    };
    // Checked from the central directory before anything is decompressed,
    // then read under the caps (zip-slip and zip-bomb safe).
    let files: BTreeMap<String, Vec<u8>> = zipguard::read_all(bytes, &zipguard::PACK_LIMITS)
        .map_err(|e| not_a_pack(e.to_string()))?
        .into_iter()
        .collect();
    let root = files
        .keys()
        .find_map(|k| k.strip_suffix("/bagit.txt").filter(|r| !r.contains('/')))
        .map(str::to_owned)
        .ok_or_else(|| not_a_pack("it has no bagit.txt in a top folder".into()))?;
    let prefix = format!("{root}/");
    let inner: BTreeMap<String, Vec<u8>> = files
        .into_iter()
        .map(|(k, v)| match k.strip_prefix(&prefix) {
            Some(rest) => (rest.to_owned(), v),
            None => (k, v),
        })
        .collect();

    let mut problems = Vec::new();
    let mut checked = 0usize;
    let mut listed_payload: BTreeMap<String, ()> = BTreeMap::new();
    for manifest in ["manifest-sha256.txt", "tagmanifest-sha256.txt"] {
        let Some(text) = inner.get(manifest) else {
            problems.push(PackProblem::Missing {
                path: format!("{prefix}{manifest}"),
                manifest: "the BagIt layout".into(),
            });
            continue;
        };
        let text = String::from_utf8_lossy(text);
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((hash, path)) = line.split_once(char::is_whitespace) else {
                problems.push(PackProblem::BadManifest {
                    manifest: format!("{manifest}:{}", n + 1),
                    problem: format!("\"{line}\" is not \"<sha256>  <path>\""),
                });
                continue;
            };
            let path = path.trim_start();
            if manifest == "manifest-sha256.txt" {
                listed_payload.insert(path.to_owned(), ());
            }
            checked += 1;
            check(&inner, &prefix, path, hash, manifest, &mut problems);
        }
    }
    match inner.get("manifest.json") {
        None => problems.push(PackProblem::Missing {
            path: format!("{prefix}manifest.json"),
            manifest: "the pack layout".into(),
        }),
        Some(text) => match serde_json::from_slice::<Value>(text) {
            Err(e) => problems.push(PackProblem::BadManifest {
                manifest: "manifest.json".into(),
                problem: format!("not valid JSON ({e})"),
            }),
            Ok(v) => {
                for f in v
                    .get("files")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                {
                    let (Some(path), Some(hash)) = (
                        f.get("path").and_then(Value::as_str),
                        f.get("sha256").and_then(Value::as_str),
                    ) else {
                        problems.push(PackProblem::BadManifest {
                            manifest: "manifest.json".into(),
                            problem: format!("an entry without path and sha256: {f}"),
                        });
                        continue;
                    };
                    checked += 1;
                    check(&inner, &prefix, path, hash, "manifest.json", &mut problems);
                }
            }
        },
    }
    for path in inner.keys().filter(|k| k.starts_with("data/")) {
        if !listed_payload.contains_key(path) {
            problems.push(PackProblem::Extra {
                path: format!("{prefix}{path}"),
            });
        }
    }
    Ok(VerifyReport {
        ok: problems.is_empty(),
        bag: root,
        checked,
        problems,
    })
}

fn check(
    files: &BTreeMap<String, Vec<u8>>,
    prefix: &str,
    path: &str,
    hash: &str,
    manifest: &str,
    problems: &mut Vec<PackProblem>,
) {
    match files.get(path) {
        None => problems.push(PackProblem::Missing {
            path: format!("{prefix}{path}"),
            manifest: manifest.to_owned(),
        }),
        Some(bytes) => {
            let actual = sha256_hex(bytes);
            if !actual.eq_ignore_ascii_case(hash) {
                problems.push(PackProblem::Mismatch {
                    path: format!("{prefix}{path}"),
                    manifest: manifest.to_owned(),
                    expected: hash.to_owned(),
                    actual,
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The summary, as a small document rendered to Markdown and HTML

enum Block {
    Para(String),
    Bullets(Vec<String>),
    Table(Vec<&'static str>, Vec<Vec<String>>),
}

struct Doc {
    title: String,
    sections: Vec<(String, Vec<Block>)>,
}

fn utc_and_local(view: &CaseView, t: &str) -> String {
    match parse_instant(t) {
        Ok(at) => format!("{t} ({} local)", view.zone.local(at)),
        Err(_) => t.to_owned(),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().map(value_text).collect())
        .unwrap_or_default()
}

/// `att_paths`: each attachment's path in the pack, in `view`'s order.
fn summary_doc(view: &CaseView, opts: &ExportOptions, att_paths: &[String]) -> Doc {
    let mut sections = Vec::new();
    let p = view.provider;
    sections.push((
        "Case".to_owned(),
        vec![Block::Bullets(vec![
            format!("Case number: {}", view.id),
            format!("Provider: {}", p.name()),
            format!(
                "Status: {}",
                match view.status {
                    super::CaseStatus::Open => "open",
                    super::CaseStatus::Closed => "closed",
                }
            ),
            format!("Opened: {}", utc_and_local(view, &view.created_at)),
            format!("Last change: {}", utc_and_local(view, &view.updated_at)),
            format!(
                "Times are UTC; local times use {}, the offset in force when the case was opened.",
                view.zone.describe()
            ),
        ])],
    ));

    let mut diag = Vec::new();
    match view.latest_diagnosis() {
        None => diag.push(Block::Para(
            "No diagnosis has been run for this case yet.".into(),
        )),
        Some(d) => {
            let r = &d.result;
            let verdict = Verdict::of(Some(r));
            let mut lines = vec![format!("Computed: {}", utc_and_local(view, &d.computed_at))];
            if !view.diagnosis_current {
                lines.push(
                    "Note: facts changed after this diagnosis; run it again to update it.".into(),
                );
            }
            let findings = r
                .get("diagnoses")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            match findings.first() {
                Some(top) => lines.push(format!(
                    "Most likely: {} (confidence {}/100). {}",
                    top.get("code").map(value_text).unwrap_or_default(),
                    top.get("confidence").map(value_text).unwrap_or_default(),
                    top.get("explanation").map(value_text).unwrap_or_default()
                )),
                None => lines.push("The facts so far do not point at a cause.".into()),
            }
            for f in findings.iter().skip(1) {
                lines.push(format!(
                    "Also possible: {} ({}/100). {}",
                    f.get("code").map(value_text).unwrap_or_default(),
                    f.get("confidence").map(value_text).unwrap_or_default(),
                    f.get("explanation").map(value_text).unwrap_or_default()
                ));
            }
            lines.push(format!(
                "First contact: {} ({})",
                contact_words(verdict.contact, p),
                verdict.contact
            ));
            let dn = strs(r.get("do_not"));
            if !dn.is_empty() {
                lines.push(format!("Do not, for now: {}", dn.join(", ")));
            }
            diag.push(Block::Bullets(lines));
            let steps = strs(r.get("next_steps"));
            if !steps.is_empty() {
                diag.push(Block::Para("Next steps:".into()));
                diag.push(Block::Bullets(steps));
            }
            let missing: Vec<String> = r
                .get("missing_facts")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|m| {
                            format!(
                                "{} ({})",
                                m.get("question").map(value_text).unwrap_or_default(),
                                m.get("fact").map(value_text).unwrap_or_default()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !missing.is_empty() {
                diag.push(Block::Para("Questions still open:".into()));
                diag.push(Block::Bullets(missing));
            }
        }
    }
    sections.push(("Diagnosis".to_owned(), diag));

    let fact_rows: Vec<Vec<String>> = view
        .facts
        .iter()
        .map(|f| {
            vec![
                f.fact.clone(),
                value_text(&f.value),
                match f.source {
                    crate::topup::Origin::User => "you".to_owned(),
                    crate::topup::Origin::Ledger => "ledger".to_owned(),
                    crate::topup::Origin::Clock => "clock".to_owned(),
                },
                f.rows
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                f.answered_at.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut facts_blocks = vec![Block::Table(
        vec!["Fact", "Value", "Source", "Ledger rows", "Answered (UTC)"],
        fact_rows,
    )];
    for c in &view.conflicts {
        facts_blocks.push(Block::Para(format!(
            "The answer for {} is {}, but the ledger shows {} (rows {}); the answer is used.",
            c.fact,
            value_text(&c.user_value),
            value_text(&c.ledger_value),
            c.rows
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let d = &view.details;
    let mut detail_lines = Vec::new();
    for (label, list) in [
        ("Card ending in", &d.card_last4),
        ("Receipt number", &d.receipt_numbers),
        ("Invoice number", &d.invoice_numbers),
        ("Organization", &d.organization_ids),
    ] {
        if !list.is_empty() {
            detail_lines.push(format!("{label}: {}", list.join(", ")));
        }
    }
    if !detail_lines.is_empty() {
        facts_blocks.push(Block::Bullets(detail_lines));
    }
    sections.push(("Facts".to_owned(), facts_blocks));

    let mut txn_rows = Vec::new();
    let mut pay_rows = Vec::new();
    for r in view.active_rows() {
        match &r.row {
            Linked::Txn { txn_id, txn } => match txn {
                Some(t) => txn_rows.push(vec![
                    t.id.to_string(),
                    t.date.to_string(),
                    t.description.clone(),
                    format!("{} {}", t.amount, t.currency),
                    t.status.as_str().to_owned(),
                    t.account.clone(),
                ]),
                None => txn_rows.push(vec![
                    txn_id.to_string(),
                    String::new(),
                    "(its import is undone; it comes back when the statement is imported again)"
                        .into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]),
            },
            Linked::Payment {
                payment_id,
                payment,
            } => match payment {
                Some(pm) => pay_rows.push(vec![
                    pm.id.to_string(),
                    pm.paid_date.to_string(),
                    pm.kind.as_str().to_owned(),
                    pm.status.as_str().to_owned(),
                    format!("{} {}", pm.amount, pm.currency),
                    pm.invoice_number.clone().unwrap_or_default(),
                    pm.receipt_number.clone().unwrap_or_default(),
                    pm.organization_id.clone().unwrap_or_default(),
                    pm.card_last4.clone().unwrap_or_default(),
                ]),
                None => pay_rows.push(vec![
                    payment_id.to_string(),
                    String::new(),
                    "(removed)".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]),
            },
        }
    }
    let mut rows_blocks = Vec::new();
    if txn_rows.is_empty() && pay_rows.is_empty() {
        rows_blocks.push(Block::Para("No ledger rows are linked.".into()));
    }
    if !txn_rows.is_empty() {
        rows_blocks.push(Block::Para(
            "Card statement lines (dates are the statement's local dates):".into(),
        ));
        rows_blocks.push(Block::Table(
            vec!["Id", "Date", "Description", "Amount", "Status", "Account"],
            txn_rows,
        ));
    }
    if !pay_rows.is_empty() {
        rows_blocks.push(Block::Para(format!("{} payment records:", p.name())));
        rows_blocks.push(Block::Table(
            vec![
                "Id",
                "Date",
                "Kind",
                "Status",
                "Amount",
                "Invoice",
                "Receipt",
                "Organization",
                "Card",
            ],
            pay_rows,
        ));
    }
    sections.push(("Linked ledger rows".to_owned(), rows_blocks));

    let att_rows: Vec<Vec<String>> = view
        .attachments
        .iter()
        .zip(att_paths)
        .map(|(a, path)| {
            vec![
                path.strip_prefix("data/").unwrap_or(path).to_owned(),
                a.original_name.clone(),
                a.captured_at.clone(),
                a.original_sha256.clone(),
                a.stored_sha256.clone(),
                if a.redacted {
                    "removed".into()
                } else if a.media_type.starts_with("image/") {
                    "kept as is (not a JPEG or PNG)".into()
                } else {
                    "not an image".into()
                },
            ]
        })
        .collect();
    sections.push((
        "Attachments".to_owned(),
        if att_rows.is_empty() {
            vec![Block::Para("No files are attached.".into())]
        } else {
            vec![Block::Table(
                vec![
                    "File in pack",
                    "Original name",
                    "Captured (UTC)",
                    "SHA-256 of the original",
                    "SHA-256 of the stored copy",
                    "Image metadata",
                ],
                att_rows,
            )]
        },
    ));

    sections.push((
        "Notes".to_owned(),
        if view.notes.is_empty() {
            vec![Block::Para("No notes.".into())]
        } else {
            vec![Block::Bullets(
                view.notes
                    .iter()
                    .map(|n| format!("{}: {}", utc_and_local(view, &n.created_at), n.text))
                    .collect(),
            )]
        },
    ));

    sections.push((
        "About this pack".to_owned(),
        vec![Block::Bullets(vec![
            "Card numbers are shortened to their last four digits and API keys are removed."
                .to_owned(),
            if opts.redaction.keep_emails {
                "E-mail addresses are shown as written.".to_owned()
            } else {
                "E-mail addresses are masked.".to_owned()
            },
            "Image attachments are stored without their metadata (EXIF, GPS position, text); \
             both hashes are listed above."
                .to_owned(),
            "Text attachments (CSV, TXT, JSON) are redacted in the pack the same way; \
             manifest.json says which ones changed."
                .to_owned(),
            "manifest-sha256.txt (BagIt) and manifest.json list the SHA-256 of every file; \
             `aispend case verify PACK.zip` checks them."
                .to_owned(),
        ])],
    ));
    Doc {
        title: format!("Top-up case {}: {}", view.id, view.title),
        sections,
    }
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn render_md(doc: &Doc) -> String {
    let mut s = format!("# {}\n", md_cell(&doc.title));
    for (title, blocks) in &doc.sections {
        s.push_str(&format!("\n## {title}\n"));
        for b in blocks {
            s.push('\n');
            match b {
                Block::Para(t) => {
                    s.push_str(&t.replace(['\n', '\r'], " "));
                    s.push('\n');
                }
                Block::Bullets(items) => {
                    for i in items {
                        s.push_str(&format!("- {}\n", i.replace(['\n', '\r'], " ")));
                    }
                }
                Block::Table(head, rows) => {
                    s.push_str(&format!("| {} |\n", head.join(" | ")));
                    s.push_str(&format!(
                        "|{}\n",
                        head.iter().map(|_| "---|").collect::<String>()
                    ));
                    for r in rows {
                        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
                        s.push_str(&format!("| {} |\n", cells.join(" | ")));
                    }
                }
            }
        }
    }
    s
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn render_html(doc: &Doc) -> String {
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    );
    s.push_str(&format!("<title>{}</title>\n", esc(&doc.title)));
    s.push_str(
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}\
         table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}\
         td{overflow-wrap:anywhere}</style>\n</head>\n<body>\n",
    );
    s.push_str(&format!("<h1>{}</h1>\n", esc(&doc.title)));
    for (title, blocks) in &doc.sections {
        s.push_str(&format!("<h2>{}</h2>\n", esc(title)));
        for b in blocks {
            match b {
                Block::Para(t) => s.push_str(&format!("<p>{}</p>\n", esc(t))),
                Block::Bullets(items) => {
                    s.push_str("<ul>\n");
                    for i in items {
                        s.push_str(&format!("<li>{}</li>\n", esc(i)));
                    }
                    s.push_str("</ul>\n");
                }
                Block::Table(head, rows) => {
                    s.push_str("<table>\n<tr>");
                    for h in head {
                        s.push_str(&format!("<th>{}</th>", esc(h)));
                    }
                    s.push_str("</tr>\n");
                    for r in rows {
                        s.push_str("<tr>");
                        for c in r {
                            s.push_str(&format!("<td>{}</td>", esc(c)));
                        }
                        s.push_str("</tr>\n");
                    }
                    s.push_str("</table>\n");
                }
            }
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

// ---------------------------------------------------------------------------
// The timeline

/// A spreadsheet would run a cell that begins with = + - @ (SPEC §5).
fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn timeline_csv(view: &CaseView, att_paths: &[String]) -> Result<String, CaseError> {
    // (utc, order among same-time events, id, event, detail)
    let mut events: Vec<(String, u8, i64, &'static str, String)> = Vec::new();
    events.push((
        view.created_at.clone(),
        0,
        0,
        "opened",
        format!("{} ({})", view.title, view.provider.name()),
    ));
    for a in &view.history {
        let rows = if a.rows.is_empty() {
            String::new()
        } else {
            format!(
                " (ledger rows {})",
                a.rows
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let (event, detail) = match (a.source, &a.value) {
            (crate::topup::Origin::Ledger, Some(v)) => (
                "ledger fact",
                format!("{} = {}{rows}", a.fact, value_text(v)),
            ),
            (crate::topup::Origin::Ledger, None) => (
                "ledger fact",
                format!("{}: no longer shown by the linked rows", a.fact),
            ),
            (_, Some(v)) => ("answer", format!("{} = {}", a.fact, value_text(v))),
            (_, None) => ("answer", format!("{} = unknown", a.fact)),
        };
        events.push((a.answered_at.clone(), 1, a.id, event, detail));
    }
    for r in &view.rows {
        let what = match &r.row {
            Linked::Txn { txn_id, txn } => match txn {
                Some(t) => format!(
                    "card line {}: {} {} {} {} ({})",
                    t.id,
                    t.date,
                    t.description,
                    t.amount,
                    t.currency,
                    t.status.as_str()
                ),
                None => format!("card line {txn_id} (its import is undone)"),
            },
            Linked::Payment {
                payment_id,
                payment,
            } => match payment {
                Some(p) => format!(
                    "payment record {}: {} {} {} {} ({})",
                    p.id,
                    p.paid_date,
                    p.kind.as_str(),
                    p.amount,
                    p.currency,
                    p.status.as_str()
                ),
                None => format!("payment record {payment_id} (removed)"),
            },
        };
        events.push((r.linked_at.clone(), 2, r.link_id, "linked", what.clone()));
        if let Some(u) = &r.unlinked_at {
            events.push((u.clone(), 2, r.link_id, "unlinked", what));
        }
    }
    for n in &view.notes {
        events.push((n.created_at.clone(), 3, n.id, "note", n.text.clone()));
    }
    for (a, path) in view.attachments.iter().zip(att_paths) {
        events.push((
            a.captured_at.clone(),
            4,
            a.id,
            "attached",
            format!(
                "{} as {} (SHA-256 {}; metadata {})",
                a.original_name,
                path.strip_prefix("data/").unwrap_or(path),
                a.stored_sha256,
                if a.redacted { "removed" } else { "kept" }
            ),
        ));
    }
    for d in &view.diagnoses {
        let v = Verdict::of(Some(&d.result));
        let conf = d
            .result
            .get("diagnoses")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(|t| t.get("confidence"))
            .map(value_text)
            .unwrap_or_default();
        events.push((
            d.computed_at.clone(),
            5,
            d.id,
            "diagnosis",
            format!(
                "{}{}; first contact: {}",
                v.top_code.unwrap_or("no cause yet"),
                if conf.is_empty() {
                    String::new()
                } else {
                    format!(" ({conf}/100)")
                },
                v.contact
            ),
        ));
    }
    events.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| CaseError::Corrupt(format!("timeline: {e}"));
    w.write_record(TIMELINE_HEADER).map_err(csv_err)?;
    for (utc, _, _, event, detail) in events {
        let local = parse_instant(&utc)
            .map(|t| view.zone.local(t))
            .unwrap_or_default();
        w.write_record([
            utc.as_str(),
            local.as_str(),
            event,
            safe_cell(&detail).as_str(),
        ])
        .map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| CaseError::Corrupt(format!("timeline: {e}")))?;
    String::from_utf8(bytes).map_err(|e| CaseError::Corrupt(format!("timeline: {e}")))
}

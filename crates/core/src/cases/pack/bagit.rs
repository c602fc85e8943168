//! Writing the pack: the payload files, the BagIt tag files and manifests,
//! and the ZIP that holds them.
//!
//! Invariant: deterministic bytes. Entries in a fixed order, each dated
//! 1980-01-01 00:00:00 with permissions 0644, no extra fields, Deflate level
//! 6; `Bagging-Date` is the case's last change, never the clock.

use std::io::{Cursor, Write};

use serde_json::json;
use zip::write::SimpleFileOptions;

use super::super::attach::{attachment_dir, is_text, sha256_hex};
use super::super::message::{draft_for, Verdict};
use super::super::zone::parse_instant;
use super::super::{CaseError, CaseView};
use super::summary::{render_html, render_md, summary_doc};
use super::timeline::timeline_csv;
use super::{ExportOptions, PackFile, PackLangs, Redactor};
use crate::ledger::Ledger;

/// The pack's bytes for a case as `view` shows it.
pub(super) fn build(
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
    let langs = PackLangs::of(view, opts.user);
    for lang in std::iter::once(langs.reader).chain(langs.beside) {
        let doc = summary_doc(view, opts, &att_paths, &langs, lang);
        let md = langs.summary_md(lang);
        payload.push((
            md.clone(),
            red.text(&md, &render_md(&doc)).into_bytes(),
            "text/markdown".into(),
        ));
        let html = langs.summary_html(lang);
        payload.push((
            html.clone(),
            red.text(&html, &render_html(&doc)).into_bytes(),
            "text/html".into(),
        ));
    }
    payload.push((
        "data/timeline.csv".into(),
        red.text(
            "data/timeline.csv",
            &timeline_csv(view, &att_paths, langs.reader)?,
        )
        .into_bytes(),
        "text/csv".into(),
    ));
    let verdict = Verdict::of(view.latest_diagnosis().map(|d| &d.result));
    let message = draft_for(view, &verdict, opts.user);
    payload.push((
        "data/message.txt".into(),
        red.text("data/message.txt", &message.text).into_bytes(),
        "text/plain".into(),
    ));
    if let (Some(check), Some(lang)) = (&message.check, langs.message_check) {
        let path = PackLangs::message_check_txt(lang);
        payload.push((
            path.clone(),
            red.text(&path, check).into_bytes(),
            "text/plain".into(),
        ));
    }
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
        "language": langs.reader.tag(),
        "user_language": opts.user.tag(),
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

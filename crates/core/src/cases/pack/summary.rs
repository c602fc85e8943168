//! The pack's summary: the case as a small document (sections of
//! paragraphs, bullet lists and tables), rendered to Markdown
//! (`data/summary.md`) and to self-contained HTML (`data/summary.html`).
//!
//! Invariant: both renderings come from one [`Doc`], so they never say
//! different things; the HTML has no scripts and no remote content, and
//! every text is escaped.

use serde_json::Value;

use super::super::message::{contact_words, Verdict};
use super::super::model::value_text;
use super::super::zone::parse_instant;
use super::super::{CaseStatus, CaseView, Linked};
use super::ExportOptions;
use crate::ledger::TxnRow;
use crate::provider::PaymentRow;
use crate::topup::Origin;
/// A block of a section.
pub(super) enum Block {
    Para(String),
    Bullets(Vec<String>),
    Table(Vec<&'static str>, Vec<Vec<String>>),
}

/// The summary as a document: a title and its sections.
pub(super) struct Doc {
    title: String,
    sections: Vec<Section>,
}

/// `2026-01-26T09:05:00Z (2026-01-26 17:05:00 +08:00 local)`.
pub(super) fn utc_and_local(view: &CaseView, t: &str) -> String {
    match parse_instant(t) {
        Ok(at) => format!("{t} ({} local)", view.zone.local(at)),
        Err(_) => t.to_owned(),
    }
}

/// A JSON array's items as text.
fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().map(value_text).collect())
        .unwrap_or_default()
}

/// One section: its title and its blocks.
type Section = (String, Vec<Block>);

/// `att_paths`: each attachment's path in the pack, in `view`'s order.
pub(super) fn summary_doc(view: &CaseView, opts: &ExportOptions, att_paths: &[String]) -> Doc {
    Doc {
        title: format!("Top-up case {}: {}", view.id, view.title),
        sections: vec![
            case_section(view),
            diagnosis_section(view),
            facts_section(view),
            linked_rows_section(view),
            attachments_section(view, att_paths),
            notes_section(view),
            about_section(opts),
        ],
    }
}

/// The case: number, provider, status, times and the zone they are shown in.
fn case_section(view: &CaseView) -> Section {
    (
        "Case".to_owned(),
        vec![Block::Bullets(vec![
            format!("Case number: {}", view.id),
            format!("Provider: {}", view.provider.name()),
            format!(
                "Status: {}",
                match view.status {
                    CaseStatus::Open => "open",
                    CaseStatus::Closed => "closed",
                }
            ),
            format!("Opened: {}", utc_and_local(view, &view.created_at)),
            format!("Last change: {}", utc_and_local(view, &view.updated_at)),
            format!(
                "Times are UTC; local times use {}, the offset in force when the case was opened.",
                view.zone.describe()
            ),
        ])],
    )
}

/// The newest diagnosis: findings, first contact, do-not, next steps and open questions.
fn diagnosis_section(view: &CaseView) -> Section {
    let p = view.provider;
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
    ("Diagnosis".to_owned(), diag)
}

/// The facts with their sources, the conflicts, and the case-only details.
fn facts_section(view: &CaseView) -> Section {
    let fact_rows: Vec<Vec<String>> = view
        .facts
        .iter()
        .map(|f| {
            vec![
                f.fact.clone(),
                value_text(&f.value),
                match f.source {
                    Origin::User => "you".to_owned(),
                    Origin::Ledger => "ledger".to_owned(),
                    Origin::Clock => "clock".to_owned(),
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
    ("Facts".to_owned(), facts_blocks)
}

/// The card lines and payment records linked now.
fn linked_rows_section(view: &CaseView) -> Section {
    let p = view.provider;
    let mut txn_rows = Vec::new();
    let mut pay_rows = Vec::new();
    for r in view.active_rows() {
        match &r.row {
            Linked::Txn { txn_id, txn } => txn_rows.push(txn_cells(*txn_id, txn.as_ref())),
            Linked::Payment {
                payment_id,
                payment,
            } => pay_rows.push(payment_cells(*payment_id, payment.as_ref())),
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
    ("Linked ledger rows".to_owned(), rows_blocks)
}

/// A linked card line's cells; a placeholder while its import is undone.
fn txn_cells(txn_id: i64, txn: Option<&TxnRow>) -> Vec<String> {
    match txn {
        Some(t) => vec![
            t.id.to_string(),
            t.date.to_string(),
            t.description.clone(),
            format!("{} {}", t.amount, t.currency),
            t.status.as_str().to_owned(),
            t.account.clone(),
        ],
        None => vec![
            txn_id.to_string(),
            String::new(),
            "(its import is undone; it comes back when the statement is imported again)".into(),
            String::new(),
            String::new(),
            String::new(),
        ],
    }
}

/// A linked payment record's cells; a placeholder once it was removed.
fn payment_cells(payment_id: i64, payment: Option<&PaymentRow>) -> Vec<String> {
    match payment {
        Some(pm) => vec![
            pm.id.to_string(),
            pm.paid_date.to_string(),
            pm.kind.as_str().to_owned(),
            pm.status.as_str().to_owned(),
            format!("{} {}", pm.amount, pm.currency),
            pm.invoice_number.clone().unwrap_or_default(),
            pm.receipt_number.clone().unwrap_or_default(),
            pm.organization_id.clone().unwrap_or_default(),
            pm.card_last4.clone().unwrap_or_default(),
        ],
        None => {
            let mut cells = vec![String::new(); 9];
            cells[0] = payment_id.to_string();
            cells[2] = "(removed)".into();
            cells
        }
    }
}

/// The attached files, with both hashes and what happened to their metadata.
fn attachments_section(view: &CaseView, att_paths: &[String]) -> Section {
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
    (
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
    )
}

/// The notes, with their times.
fn notes_section(view: &CaseView) -> Section {
    (
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
    )
}

/// What the pack redacted and how to check it.
fn about_section(opts: &ExportOptions) -> Section {
    (
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
    )
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub(super) fn render_md(doc: &Doc) -> String {
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

pub(super) fn render_html(doc: &Doc) -> String {
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

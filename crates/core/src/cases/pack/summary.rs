//! The pack's summary: the case as a small document (sections of
//! paragraphs, bullet lists and tables), rendered to Markdown
//! (`data/summary.md`) and to self-contained HTML (`data/summary.html`).
//!
//! Every sentence is a message of the catalogs (`case-pack.ftl`), rendered
//! in the language the document is for ([`super::PackLangs`]); ids the
//! ledger stores (fact names, answer ids, diagnosis codes) stay as they are,
//! beside their words, so both readers can point at the same thing.
//!
//! Invariant: both renderings come from one [`Doc`], so they never say
//! different things; the HTML has no scripts and no remote content, and
//! every text is escaped.

use serde_json::Value;

use super::super::message::Verdict;
use super::super::model::value_text;
use super::super::zone::parse_instant;
use super::super::{CaseStatus, CaseView, Linked};
use super::{ExportOptions, PackLangs};
use crate::i18n::{Lang, Msg};
use crate::import::lists;
use crate::ledger::TxnRow;
use crate::msg;
use crate::provider::PaymentRow;
use crate::topup::{Code, Contact, DoNot, Origin};

/// A block of a section.
pub(super) enum Block {
    Para(String),
    Bullets(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
}

/// The summary as a document: its language, a title and its sections.
pub(super) struct Doc {
    lang: Lang,
    title: String,
    sections: Vec<Section>,
}

/// `2026-01-26T09:05:00Z (2026-01-26 17:05:00 +08:00 local)`.
pub(super) fn utc_and_local(view: &CaseView, t: &str, lang: Lang) -> String {
    match parse_instant(t) {
        Ok(at) => msg!("case-pack-utc-local", utc = t, local = view.zone.local(at)).render(lang),
        Err(_) => t.to_owned(),
    }
}

/// A JSON array's items as text.
fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().map(value_text).collect())
        .unwrap_or_default()
}

/// Ledger row ids as `3, 7`.
fn ids(rows: &[i64]) -> String {
    rows.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One section: its title and its blocks.
type Section = (String, Vec<Block>);

/// The summary in `lang`. `att_paths`: each attachment's path in the
/// pack, in `view`'s order; `langs`: who the pack is for (said in the
/// last section).
pub(super) fn summary_doc(
    view: &CaseView,
    opts: &ExportOptions,
    att_paths: &[String],
    langs: &PackLangs,
    lang: Lang,
) -> Doc {
    Doc {
        lang,
        title: msg!(
            "case-pack-title",
            id = view.id.to_string(),
            title = view_title(view, lang)
        )
        .render(lang),
        sections: vec![
            case_section(view, lang),
            diagnosis_section(view, lang),
            facts_section(view, lang),
            linked_rows_section(view, lang),
            attachments_section(view, att_paths, lang),
            notes_section(view, lang),
            about_section(opts, langs, lang),
        ],
    }
}

fn heads(lang: Lang, ids: &[Msg]) -> Vec<String> {
    ids.iter().map(|m| m.render(lang)).collect()
}

/// The case: number, provider, status, times and the zone they are shown in.
fn case_section(view: &CaseView, lang: Lang) -> Section {
    let status = match view.status {
        CaseStatus::Open => msg!("case-pack-status-open"),
        CaseStatus::Closed => msg!("case-pack-status-closed"),
    };
    let lines = [
        msg!("case-pack-number", id = view.id.to_string()),
        msg!("case-pack-provider", provider = view.provider.name()),
        msg!("case-pack-status", status = status),
        msg!(
            "case-pack-opened",
            when = utc_and_local(view, &view.created_at, lang)
        ),
        msg!(
            "case-pack-last-change",
            when = utc_and_local(view, &view.updated_at, lang)
        ),
        msg!("case-pack-times", zone = view.zone.describe()),
    ];
    (
        msg!("case-pack-section-case").render(lang),
        vec![Block::Bullets(heads(lang, &lines))],
    )
}

/// A finding of a stored diagnosis: its code, its title when the code is
/// known, its confidence and its explanation (the stored message, else the
/// stored text of an older diagnosis).
fn finding_args(f: &Value, lang: Lang) -> (String, String, String, String) {
    let code = f.get("code").map(value_text).unwrap_or_default();
    let title = Code::from_id(&code)
        .map(|c| c.title().render(lang))
        .unwrap_or_else(|| code.clone());
    let confidence = f.get("confidence").map(value_text).unwrap_or_default();
    let explanation = f
        .get("explanation_msg")
        .and_then(|m| serde_json::from_value::<Msg>(m.clone()).ok())
        .map(|m| m.render(lang))
        .or_else(|| f.get("explanation").map(value_text))
        .unwrap_or_default();
    (code, title, confidence, explanation)
}

/// The newest diagnosis: findings, first contact, do-not, next steps and open questions.
fn diagnosis_section(view: &CaseView, lang: Lang) -> Section {
    let p = view.provider;
    let mut diag = Vec::new();
    match view.latest_diagnosis() {
        None => diag.push(Block::Para(msg!("case-pack-no-diagnosis").render(lang))),
        Some(d) => {
            let r = &d.result;
            let verdict = Verdict::of(Some(r));
            let mut lines = vec![msg!(
                "case-pack-computed",
                when = utc_and_local(view, &d.computed_at, lang)
            )];
            if !view.diagnosis_current {
                lines.push(msg!("case-pack-stale"));
            }
            let findings = r
                .get("diagnoses")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            match findings.first() {
                Some(top) => {
                    let (code, title, confidence, explanation) = finding_args(top, lang);
                    lines.push(msg!(
                        "case-pack-most-likely",
                        title = title,
                        code = code,
                        confidence = confidence,
                        explanation = explanation
                    ));
                }
                None => lines.push(msg!("case-pack-no-cause")),
            }
            for f in findings.iter().skip(1) {
                let (code, title, confidence, explanation) = finding_args(f, lang);
                lines.push(msg!(
                    "case-pack-also-possible",
                    title = title,
                    code = code,
                    confidence = confidence,
                    explanation = explanation
                ));
            }
            let contact = Contact::from_id(verdict.contact).unwrap_or(Contact::None);
            lines.push(msg!(
                "case-pack-first-contact",
                contact = contact.msg(p),
                code = contact.as_str()
            ));
            let dn: Vec<Msg> = strs(r.get("do_not"))
                .iter()
                .map(|id| match DoNot::from_id(id) {
                    Some(d) => d.msg(),
                    None => msg!("case-pack-other-id", id = id.as_str()),
                })
                .collect();
            if let Some(list) = lists::list(dn) {
                lines.push(msg!("case-pack-do-not", list = list));
            }
            diag.push(Block::Bullets(heads(lang, &lines)));
            let steps = verdict.next_steps_in(lang);
            if !steps.is_empty() {
                diag.push(Block::Para(msg!("case-pack-next-steps").render(lang)));
                diag.push(Block::Bullets(steps));
            }
            let missing: Vec<String> = r
                .get("missing_facts")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|m| {
                            let question = m
                                .get("question_msg")
                                .and_then(|q| serde_json::from_value::<Msg>(q.clone()).ok())
                                .map(|q| q.render(lang))
                                .or_else(|| m.get("question").map(value_text))
                                .unwrap_or_default();
                            msg!(
                                "case-pack-question",
                                question = question,
                                fact = m.get("fact").map(value_text).unwrap_or_default()
                            )
                            .render(lang)
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !missing.is_empty() {
                diag.push(Block::Para(msg!("case-pack-open-questions").render(lang)));
                diag.push(Block::Bullets(missing));
            }
        }
    }
    (msg!("case-pack-section-diagnosis").render(lang), diag)
}

/// The facts with their sources, the conflicts, and the case-only details.
fn facts_section(view: &CaseView, lang: Lang) -> Section {
    let fact_rows: Vec<Vec<String>> = view
        .facts
        .iter()
        .map(|f| {
            vec![
                f.fact.clone(),
                value_text(&f.value),
                match f.source {
                    Origin::User => msg!("case-pack-source-you"),
                    Origin::Ledger => msg!("case-pack-source-ledger"),
                    Origin::Clock => msg!("case-pack-source-clock"),
                }
                .render(lang),
                ids(&f.rows),
                f.answered_at.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut facts_blocks = vec![Block::Table(
        heads(
            lang,
            &[
                msg!("case-pack-col-fact"),
                msg!("case-pack-col-value"),
                msg!("case-pack-col-source"),
                msg!("case-pack-col-ledger-rows"),
                msg!("case-pack-col-answered"),
            ],
        ),
        fact_rows,
    )];
    for c in &view.conflicts {
        facts_blocks.push(Block::Para(
            msg!(
                "case-pack-conflict",
                fact = c.fact.as_str(),
                answer = value_text(&c.user_value),
                ledger = value_text(&c.ledger_value),
                rows = ids(&c.rows)
            )
            .render(lang),
        ));
    }
    let d = &view.details;
    let mut detail_lines = Vec::new();
    for (list, label) in [
        (&d.card_last4, msg!("case-pack-card-ending")),
        (&d.receipt_numbers, msg!("case-pack-receipt-number")),
        (&d.invoice_numbers, msg!("case-pack-invoice-number")),
        (&d.organization_ids, msg!("case-pack-organization")),
    ] {
        if !list.is_empty() {
            detail_lines.push(
                msg!("case-pack-detail", label = label, values = list.join(", ")).render(lang),
            );
        }
    }
    if !detail_lines.is_empty() {
        facts_blocks.push(Block::Bullets(detail_lines));
    }
    (msg!("case-pack-section-facts").render(lang), facts_blocks)
}

/// The card lines and payment records linked now.
fn linked_rows_section(view: &CaseView, lang: Lang) -> Section {
    let p = view.provider;
    let mut txn_rows = Vec::new();
    let mut pay_rows = Vec::new();
    for r in view.active_rows() {
        match &r.row {
            Linked::Txn { txn_id, txn } => txn_rows.push(txn_cells(*txn_id, txn.as_ref(), lang)),
            Linked::Payment {
                payment_id,
                payment,
            } => pay_rows.push(payment_cells(*payment_id, payment.as_ref(), lang)),
        }
    }
    let mut rows_blocks = Vec::new();
    if txn_rows.is_empty() && pay_rows.is_empty() {
        rows_blocks.push(Block::Para(msg!("case-pack-no-rows").render(lang)));
    }
    if !txn_rows.is_empty() {
        rows_blocks.push(Block::Para(msg!("case-pack-card-lines").render(lang)));
        rows_blocks.push(Block::Table(
            heads(
                lang,
                &[
                    msg!("case-pack-col-id"),
                    msg!("case-pack-col-date"),
                    msg!("case-pack-col-description"),
                    msg!("case-pack-col-amount"),
                    msg!("case-pack-col-status"),
                    msg!("case-pack-col-account"),
                ],
            ),
            txn_rows,
        ));
    }
    if !pay_rows.is_empty() {
        rows_blocks.push(Block::Para(
            msg!("case-pack-payment-records", provider = p.name()).render(lang),
        ));
        rows_blocks.push(Block::Table(
            heads(
                lang,
                &[
                    msg!("case-pack-col-id"),
                    msg!("case-pack-col-date"),
                    msg!("case-pack-col-kind"),
                    msg!("case-pack-col-status"),
                    msg!("case-pack-col-amount"),
                    msg!("case-pack-col-invoice"),
                    msg!("case-pack-col-receipt"),
                    msg!("case-pack-col-organization"),
                    msg!("case-pack-col-card"),
                ],
            ),
            pay_rows,
        ));
    }
    (msg!("case-pack-section-rows").render(lang), rows_blocks)
}

/// A linked card line's cells; a placeholder while its import is undone.
fn txn_cells(txn_id: i64, txn: Option<&TxnRow>, lang: Lang) -> Vec<String> {
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
            msg!("case-pack-import-undone").render(lang),
            String::new(),
            String::new(),
            String::new(),
        ],
    }
}

/// A linked payment record's cells; a placeholder once it was removed.
fn payment_cells(payment_id: i64, payment: Option<&PaymentRow>, lang: Lang) -> Vec<String> {
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
            cells[2] = msg!("case-pack-removed").render(lang);
            cells
        }
    }
}

/// The attached files, with both hashes and what happened to their metadata.
fn attachments_section(view: &CaseView, att_paths: &[String], lang: Lang) -> Section {
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
                    msg!("case-pack-metadata-removed")
                } else if a.media_type.starts_with("image/") {
                    msg!("case-pack-metadata-kept")
                } else {
                    msg!("case-pack-not-an-image")
                }
                .render(lang),
            ]
        })
        .collect();
    (
        msg!("case-pack-section-attachments").render(lang),
        if att_rows.is_empty() {
            vec![Block::Para(msg!("case-pack-no-attachments").render(lang))]
        } else {
            vec![Block::Table(
                heads(
                    lang,
                    &[
                        msg!("case-pack-col-file"),
                        msg!("case-pack-col-original-name"),
                        msg!("case-pack-col-captured"),
                        msg!("case-pack-col-original-sha"),
                        msg!("case-pack-col-stored-sha"),
                        msg!("case-pack-col-metadata"),
                    ],
                ),
                att_rows,
            )]
        },
    )
}

/// The notes, with their times.
fn notes_section(view: &CaseView, lang: Lang) -> Section {
    (
        msg!("case-pack-section-notes").render(lang),
        if view.notes.is_empty() {
            vec![Block::Para(msg!("case-pack-no-notes").render(lang))]
        } else {
            vec![Block::Bullets(
                view.notes
                    .iter()
                    .map(|n| {
                        msg!(
                            "case-pack-note",
                            when = utc_and_local(view, &n.created_at, lang),
                            text = n.text.as_str()
                        )
                        .render(lang)
                    })
                    .collect(),
            )]
        },
    )
}

/// The language name of `lang`, as a message.
fn lang_name(lang: Lang) -> Msg {
    match lang {
        Lang::En => msg!("case-pack-lang-en"),
        Lang::ZhCn => msg!("case-pack-lang-zh-cn"),
    }
}

/// A payload path as the summary names it, beside it in `data/`.
fn in_data(path: &str) -> String {
    path.strip_prefix("data/").unwrap_or(path).to_owned()
}

/// What the pack redacted, which language it speaks, and how to check it.
fn about_section(opts: &ExportOptions, langs: &PackLangs, lang: Lang) -> Section {
    let mut lines = vec![
        msg!("case-pack-about-cards"),
        if opts.redaction.keep_emails {
            msg!("case-pack-about-emails-kept")
        } else {
            msg!("case-pack-about-emails-masked")
        },
        msg!("case-pack-about-images"),
        msg!("case-pack-about-text"),
        msg!("case-pack-about-manifests"),
    ];
    lines.push(msg!(
        "case-pack-about-language",
        language = lang_name(langs.reader)
    ));
    if let Some(beside) = langs.beside {
        lines.push(msg!(
            "case-pack-about-beside",
            language = lang_name(beside),
            md = in_data(&langs.summary_md(beside)),
            html = in_data(&langs.summary_html(beside))
        ));
    }
    if let Some(check) = langs.message_check {
        lines.push(msg!(
            "case-pack-about-message-check",
            language = lang_name(check),
            file = in_data(&PackLangs::message_check_txt(check))
        ));
    }
    (
        msg!("case-pack-section-about").render(lang),
        vec![Block::Bullets(heads(lang, &lines))],
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
    let mut s = String::from("<!DOCTYPE html>\n<html lang=\"");
    s.push_str(doc.lang.tag());
    s.push_str(
        "\">\n<head>\n<meta charset=\"utf-8\">\n\
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

/// The case's title in `lang`: the app's own title as a message, a title
/// the user typed as typed.
pub(super) fn view_title(view: &CaseView, lang: Lang) -> String {
    view.title_msg
        .as_ref()
        .map_or_else(|| view.title.clone(), |m| m.render(lang))
}

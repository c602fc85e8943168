//! `aispend case ...`: top-up cases and evidence packs (SPEC §7.2, §9).
//!
//! Parses, calls `aispend_core::cases` with the clock's time, prints. A
//! case error the user can fix (no such case, a bad value, an unreadable
//! file, a pack that does not verify) exits 2.

use std::io::Write;
use std::path::PathBuf;

use aispend_core::cases::{self, ExportOptions, Linked, LocalZone, NewCase, Redaction};
use aispend_core::i18n::Msg;
use aispend_core::msg;
use aispend_core::topup::{self, Facts, Provider, TopupError};
use aispend_core::Ledger;
use chrono::Utc;
use clap::Subcommand;

use crate::args::ProviderArg;
use crate::out::{pad, print_json, tr, Failure};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a case for a top-up that did not arrive
    New {
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_enum)]
        provider: Option<ProviderArg>,
        /// Facts known already (the JSON that `topup diagnose --facts` reads)
        #[arg(long, value_name = "FILE")]
        facts: Option<PathBuf>,
        /// Local time for the timeline as a UTC offset, e.g. +08:00 (default: this machine's)
        #[arg(long, value_name = "OFFSET", allow_hyphen_values = true)]
        utc_offset: Option<String>,
        /// Open it from flag N of `aispend reconcile` (numbered from 1), with
        /// the flag's facts and rows
        #[arg(long, value_name = "N", conflicts_with = "facts")]
        from_flag: Option<usize>,
        /// The day `reconcile` judges on, for --from-flag (default today)
        #[arg(long, value_name = "DATE", requires = "from_flag")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// List cases, newest first
    List,
    /// Everything about a case: facts with their source, rows, files, notes, diagnosis
    Show { id: i64 },
    /// Answer a question: a fact (bank_status, amount, ...) or card_last4, receipt_number, invoice_number
    Answer {
        id: i64,
        fact: String,
        /// The value, e.g. pending, 20.00, true; "unknown" clears it
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Link a ledger line (an id from `aispend txns`) or a payment record to the case
    Link {
        id: i64,
        /// The transaction id (or the payment id with --payment)
        row: i64,
        /// ROW is a provider payment record (`aispend payments list`)
        #[arg(long)]
        payment: bool,
    },
    /// Remove a link (kept in the case's history)
    Unlink {
        id: i64,
        row: i64,
        #[arg(long)]
        payment: bool,
    },
    /// Add a note
    Note {
        id: i64,
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Close a case: it keeps everything and refuses changes until reopened
    Close { id: i64 },
    /// Reopen a closed case
    Reopen { id: i64 },
    /// Copy files into the case (images lose their EXIF/GPS metadata)
    Attach {
        id: i64,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run the diagnosis on the case's facts and keep it in its history
    Diagnose { id: i64 },
    /// Print the drafted message to the first contact: what to send (support
    /// in English, the bank in your language), and the same in your
    /// language to check
    Message {
        id: i64,
        /// Keep e-mail addresses (they are redacted by default)
        #[arg(long)]
        keep_emails: bool,
    },
    /// Write the evidence pack (a ZIP)
    Export {
        id: i64,
        #[arg(long, value_name = "PACK.zip", required_unless_present = "preview")]
        out: Option<PathBuf>,
        /// Keep e-mail addresses as written (default: masked)
        #[arg(long)]
        keep_emails: bool,
        /// Show what would be redacted in each file of the pack; write nothing
        #[arg(long)]
        preview: bool,
    },
    /// Check every hash in an evidence pack
    Verify {
        #[arg(value_name = "PACK.zip")]
        pack: PathBuf,
    },
}

pub fn run(ledger: &mut Ledger, cmd: CaseCommand, json: bool) -> Result<(), Failure> {
    let now = Utc::now();
    match cmd {
        CaseCommand::New {
            title,
            provider,
            facts,
            utc_offset,
            from_flag,
            as_of,
        } => {
            let zone = match &utc_offset {
                Some(o) => LocalZone::parse_offset(o)?,
                None => LocalZone::system(now),
            };
            if let Some(n) = from_flag {
                let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
                let report = aispend_core::reconcile::reconcile(
                    ledger,
                    &aispend_core::reconcile::ReconcileOptions {
                        as_of,
                        stale_days: 7,
                    },
                )?;
                let flag = n
                    .checked_sub(1)
                    .and_then(|i| report.flags.get(i))
                    .ok_or_else(|| {
                        Failure::bad_input(msg!(
                            "cli-err-no-flag",
                            n = n.to_string(),
                            count = report.flags.len()
                        ))
                    })?;
                let id = cases::create_from_flag(ledger, flag, zone, now)?;
                if json {
                    return print_json(&cases::show(ledger, id)?);
                }
                let opened = msg!(
                    "cli-case-opened-from-flag",
                    id = id,
                    flag = n,
                    text = flag.msg.clone()
                );
                println!("{}", tr(opened));
                println!("{}", tr(msg!("cli-case-next-diagnose", id = id)));
                return Ok(());
            }
            let facts = match facts {
                Some(path) => {
                    let name = path.display().to_string();
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| TopupError::Read(e.to_string()).in_file_error(&name))?;
                    Facts::from_json_str(&text).map_err(|e| e.in_file_error(&name))?
                }
                None => Facts::new(),
            };
            if let Some(p) = provider.map(Provider::from) {
                if !Provider::API_BILLED.contains(&p) {
                    return Err(Failure::bad_input(msg!(
                        "cli-err-not-api-billed",
                        provider = p.name()
                    )));
                }
            }
            let new = NewCase {
                title,
                provider: provider.map(Provider::from),
                facts,
                zone,
            };
            let id = cases::create(ledger, &new, now)?;
            if json {
                return print_json(&cases::show(ledger, id)?);
            }
            println!("{}", tr(msg!("cli-case-opened", id = id)));
            Ok(())
        }
        CaseCommand::List => {
            let list = cases::list(ledger)?;
            if json {
                return print_json(&serde_json::json!({ "cases": list }));
            }
            if list.is_empty() {
                println!("{}", tr(msg!("cli-cases-none")));
            }
            for c in list {
                println!(
                    "{:>4}  {}  {:<9}  {}  {}",
                    c.id,
                    pad(&tr(status(c.status)), 6),
                    c.provider.as_str(),
                    c.updated_at,
                    c.title_msg
                        .as_ref()
                        .map_or_else(|| c.title.clone(), |m| tr(m.clone()))
                );
            }
            Ok(())
        }
        CaseCommand::Show { id } => {
            let view = cases::show(ledger, id)?;
            if json {
                print_json(&view)
            } else {
                print_view(&view)
            }
        }
        CaseCommand::Answer { id, fact, value } => {
            let stored = cases::answer(ledger, id, &fact, &value, now)?;
            if json {
                return print_json(&serde_json::json!({
                    "case_id": id, "fact": fact, "value": stored,
                }));
            }
            match stored {
                Some(v) => println!(
                    "{}",
                    tr(msg!(
                        "cli-case-fact-set",
                        id = id,
                        fact = fact.as_str(),
                        value = text_of(&v)
                    ))
                ),
                None => println!(
                    "{}",
                    tr(msg!("cli-case-fact-unknown", id = id, fact = fact.as_str()))
                ),
            }
            Ok(())
        }
        CaseCommand::Link { id, row, payment } => {
            if payment {
                cases::link_payment(ledger, id, row, now)?;
            } else {
                cases::link_txn(ledger, id, row, now)?;
            }
            let m = if payment {
                msg!("cli-case-linked-payment", row = row)
            } else {
                msg!("cli-case-linked-txn", row = row)
            };
            done(json, id, m)
        }
        CaseCommand::Unlink { id, row, payment } => {
            if payment {
                cases::unlink_payment(ledger, id, row, now)?;
            } else {
                cases::unlink_txn(ledger, id, row, now)?;
            }
            let m = if payment {
                msg!("cli-case-unlinked-payment", row = row)
            } else {
                msg!("cli-case-unlinked-txn", row = row)
            };
            done(json, id, m)
        }
        CaseCommand::Note { id, text } => {
            let note = cases::note(ledger, id, &text, now)?;
            if json {
                return print_json(&serde_json::json!({ "case_id": id, "note_id": note }));
            }
            println!("{}", tr(msg!("cli-case-note-added", id = id, note = note)));
            Ok(())
        }
        CaseCommand::Close { id } => {
            cases::set_status(ledger, id, cases::CaseStatus::Closed, now)?;
            if json {
                return print_json(&serde_json::json!({ "case_id": id, "status": "closed" }));
            }
            println!("{}", tr(msg!("cli-case-closed", id = id)));
            Ok(())
        }
        CaseCommand::Reopen { id } => {
            cases::set_status(ledger, id, cases::CaseStatus::Open, now)?;
            if json {
                return print_json(&serde_json::json!({ "case_id": id, "status": "open" }));
            }
            println!("{}", tr(msg!("cli-case-reopened", id = id)));
            Ok(())
        }
        CaseCommand::Attach { id, files } => {
            let mut added = Vec::new();
            for f in &files {
                added.push(cases::attach(ledger, id, f, now)?);
            }
            if json {
                return print_json(&serde_json::json!({ "case_id": id, "attachments": added }));
            }
            for a in added {
                let m = msg!(
                    "cli-case-attached",
                    id = id,
                    file = a.original_name.as_str(),
                    stored = a.stored_name.as_str(),
                    sha256 = a.stored_sha256.as_str(),
                    redacted = if a.redacted { "yes" } else { "no" }
                );
                println!("{}", tr(m));
            }
            Ok(())
        }
        CaseCommand::Diagnose { id } => {
            let d = cases::diagnose(ledger, id, now)?;
            if json {
                return print_json(&d);
            }
            let lang = crate::lang();
            let r = &d.result;
            let code = r["diagnoses"][0]["code"]
                .as_str()
                .and_then(topup::Code::from_id);
            match (r["diagnoses"].get(0), code) {
                (Some(top), Some(code)) => {
                    // The stored message in the chosen language; the stored
                    // text for a diagnosis recorded before messages.
                    let why = serde_json::from_value::<Msg>(top["explanation_msg"].clone())
                        .map(|m| m.render(lang))
                        .unwrap_or_else(|_| text_of(&top["explanation"]));
                    let head = msg!(
                        "topup-cli-most-likely",
                        title = code.title().render(lang),
                        code = code.as_str(),
                        confidence = top["confidence"].as_i64().unwrap_or(0)
                    );
                    println!("{}\n  {why}", head.render(lang));
                }
                _ => println!("{}", msg!("topup-cli-no-cause").render(lang)),
            }
            let contact = r["first_contact"]
                .as_str()
                .and_then(topup::Contact::from_id)
                .unwrap_or(topup::Contact::None);
            let line = msg!(
                "topup-cli-first-contact",
                contact = contact.msg(cases::show(ledger, id)?.provider).render(lang),
                code = contact.as_str()
            );
            println!("{}", line.render(lang));
            Ok(())
        }
        CaseCommand::Message { id, keep_emails } => {
            let view = cases::show(ledger, id)?;
            let opts = ExportOptions {
                redaction: Redaction { keep_emails },
                user: crate::lang(),
            };
            let d = cases::drafted_message_in(&view, &opts, crate::lang());
            if json {
                return print_json(&serde_json::json!({ "case_id": id, "message": d }));
            }
            print!("{}", d.text);
            if let Some(check) = &d.check {
                let title = msg!("case-check-title").render(d.lang);
                println!("\n========================================\n{title}\n\n{check}");
            }
            Ok(())
        }
        CaseCommand::Export {
            id,
            out,
            keep_emails,
            preview,
        } => {
            let opts = ExportOptions {
                redaction: Redaction { keep_emails },
                user: crate::lang(),
            };
            if preview {
                let hits = cases::redaction_preview(ledger, id, &opts, now)?;
                if json {
                    return print_json(&serde_json::json!({
                        "case_id": id, "written": false, "redactions": hits,
                    }));
                }
                return print_preview(id, &hits);
            }
            let Some(out) = out else {
                return Err(Failure::bad_input(msg!("cli-err-pack-out")));
            };
            let report = cases::export(ledger, id, &out, &opts, now)?;
            if json {
                return print_json(&report);
            }
            let m = msg!(
                "cli-case-exported",
                file = report.path.as_str(),
                files = report.files.len(),
                sha256 = report.sha256.as_str(),
                diagnosed = if report.diagnosed { "yes" } else { "no" }
            );
            println!("{}", tr(m));
            Ok(())
        }
        CaseCommand::Verify { pack } => {
            let report = cases::verify(&pack)?;
            if json {
                print_json(&report)?;
            } else if report.ok {
                let m = msg!(
                    "cli-case-verified",
                    file = pack.display().to_string(),
                    count = report.checked
                );
                println!("{}", tr(m));
            }
            if report.ok {
                return Ok(());
            }
            Err(cases::CaseError::PackFails {
                path: pack,
                problems: report.problems,
            }
            .into())
        }
    }
}

fn print_preview(id: i64, hits: &[cases::RedactionHit]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    if hits.is_empty() {
        writeln!(out, "{}", tr(msg!("cli-case-nothing-redacted", id = id)))?;
    }
    let mut file: Option<&str> = None;
    for h in hits {
        if file != Some(h.file.as_str()) {
            writeln!(out, "{}", h.file)?;
            file = Some(h.file.as_str());
        }
        let place = tr(match h.line {
            Some(n) => msg!("cli-case-place-line", line = n),
            None if h.file == "manifest.json" => msg!("cli-case-place-field"),
            None => msg!("cli-case-place-file-name"),
        });
        writeln!(
            out,
            "  {} {:<8} {} -> {}",
            pad(&place, 10),
            h.kind.as_str(),
            h.original_masked_hint,
            h.replacement
        )?;
    }
    writeln!(out, "{}", tr(msg!("cli-case-preview-only", id = id)))?;
    Ok(())
}

/// A case's status in the reader's language.
fn status(s: cases::CaseStatus) -> Msg {
    match s {
        cases::CaseStatus::Open => msg!("cli-case-status-open"),
        cases::CaseStatus::Closed => msg!("cli-case-status-closed"),
    }
}

/// A link change done: `--json` keeps the English `done` text it always had.
fn done(json: bool, id: i64, what: Msg) -> Result<(), Failure> {
    if json {
        let text = what.render(aispend_core::i18n::Lang::En);
        return print_json(&serde_json::json!({ "case_id": id, "done": text }));
    }
    println!("{}", tr(msg!("cli-case-done", id = id, what = what)));
    Ok(())
}

fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn print_view(v: &cases::CaseView) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let head = msg!(
        "cli-case-head",
        id = v.id,
        title = v
            .title_msg
            .as_ref()
            .map_or_else(|| v.title.clone(), |m| tr(m.clone())),
        provider = v.provider.as_str(),
        status = status(v.status)
    );
    writeln!(out, "{}", tr(head))?;
    let times = msg!(
        "cli-case-times",
        opened = v.created_at.as_str(),
        changed = v.updated_at.as_str(),
        zone = v.zone.describe()
    );
    writeln!(out, "{}", tr(times))?;
    let none = tr(msg!("cli-case-none"));
    writeln!(out, "\n{}", tr(msg!("cli-case-facts")))?;
    if v.facts.is_empty() {
        writeln!(out, "  {}", tr(msg!("cli-case-none-yet")))?;
    }
    for f in &v.facts {
        let rows = if f.rows.is_empty() {
            String::new()
        } else {
            let r: Vec<String> = f.rows.iter().map(i64::to_string).collect();
            format!(
                ", {}",
                tr(msg!("cli-case-fact-rows", rows = crate::out::list(&r)))
            )
        };
        writeln!(
            out,
            "  {:<24} {:<24} ({}{}{})",
            f.fact,
            text_of(&f.value),
            serde_json::to_value(f.source)
                .map(|s| text_of(&s))
                .unwrap_or_default(),
            rows,
            f.answered_at
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default()
        )?;
    }
    for c in &v.conflicts {
        let m = msg!(
            "cli-case-conflict",
            fact = c.fact.as_str(),
            yours = c.user_value.to_string(),
            ledger = c.ledger_value.to_string()
        );
        writeln!(out, "  {}", tr(m))?;
    }
    writeln!(out, "\n{}", tr(msg!("cli-case-linked-rows")))?;
    let mut any = false;
    for r in v.active_rows() {
        any = true;
        match &r.row {
            Linked::Txn { txn: Some(t), .. } => writeln!(
                out,
                "  txn {:>6}  {}  {:>10} {}  {:<8} {}",
                t.id,
                t.date,
                t.amount,
                t.currency,
                t.status.as_str(),
                t.description
            )?,
            Linked::Txn { txn_id, txn: None } => writeln!(
                out,
                "  txn {txn_id:>6}  {}",
                tr(msg!("cli-case-txn-undone"))
            )?,
            Linked::Payment {
                payment: Some(p), ..
            } => writeln!(
                out,
                "  payment {:>3}  {}  {:>10} {}  {}  {}",
                p.id,
                p.paid_date,
                p.amount,
                p.currency,
                p.status.as_str(),
                tr(msg!(
                    "cli-payment-receipt",
                    receipt = p.receipt_number.as_deref().unwrap_or("-")
                ))
            )?,
            Linked::Payment {
                payment_id,
                payment: None,
            } => writeln!(
                out,
                "  payment {payment_id:>3}  {}",
                tr(msg!("cli-case-payment-removed"))
            )?,
        }
    }
    if !any {
        writeln!(out, "  {none}")?;
    }
    writeln!(out, "\n{}", tr(msg!("cli-case-attachments")))?;
    if v.attachments.is_empty() {
        writeln!(out, "  {none}")?;
    }
    for a in &v.attachments {
        let m = msg!(
            "cli-case-attachment",
            stored = a.stored_name.as_str(),
            file = a.original_name.as_str(),
            captured = a.captured_at.to_string(),
            sha256 = a.stored_sha256.as_str(),
            redacted = if a.redacted { "yes" } else { "no" }
        );
        writeln!(out, "  {}", tr(m))?;
    }
    writeln!(out, "\n{}", tr(msg!("cli-case-notes")))?;
    if v.notes.is_empty() {
        writeln!(out, "  {none}")?;
    }
    for n in &v.notes {
        writeln!(out, "  {}  {}", n.created_at, n.text)?;
    }
    writeln!(out, "\n{}", tr(msg!("cli-case-diagnosis")))?;
    match v.latest_diagnosis() {
        None => writeln!(out, "  {}", tr(msg!("cli-case-no-diagnosis", id = v.id)))?,
        Some(d) => {
            let r = &d.result;
            match r["diagnoses"].get(0) {
                Some(top) => {
                    let m = msg!(
                        "cli-case-diagnosed",
                        code = text_of(&top["code"]),
                        confidence = top["confidence"].to_string(),
                        contact = text_of(&r["first_contact"]),
                        at = d.computed_at.as_str(),
                        current = if v.diagnosis_current { "yes" } else { "no" }
                    );
                    writeln!(out, "  {}", tr(m))?
                }
                None => writeln!(
                    out,
                    "  {}",
                    tr(msg!("cli-case-no-cause", at = d.computed_at.as_str()))
                )?,
            }
        }
    }
    Ok(())
}

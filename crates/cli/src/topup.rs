//! `aispend topup diagnose --facts FILE [--now RFC3339] [--json]` (SPEC §7.1, §9).
//!
//! Reads the facts file, fills `now` (from `--now`, else the file, else the
//! clock), asks the core and prints. A facts file that cannot be read is bad
//! input: exit 2 with `FILE:LINE:COL: field "x": ...; expected ...`.

use std::io::Write;
use std::path::{Path, PathBuf};

use aispend_core::msg;
use aispend_core::topup::{self, Diagnosis, FactValue, Facts, Origin, Source, TopupError};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use crate::out::{print_json, Failure};

#[derive(Debug, Subcommand)]
pub enum TopupCommand {
    /// Work out why a credit top-up did not arrive, from a JSON file of facts
    Diagnose {
        /// The facts (SPEC §7.1), e.g. {"bank_status": "pending", "platform_payment_record": "none"}
        #[arg(long, value_name = "FILE")]
        facts: PathBuf,
        /// Judge times as of this instant (overrides the file's "now" and the clock)
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
        /// Use only the facts file, not what the ledger shows
        #[arg(long)]
        no_ledger: bool,
    },
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{e}; expected an RFC 3339 instant such as 2026-03-01T14:05:00Z"))
}

pub fn run(ledger: &aispend_core::Ledger, cmd: TopupCommand, json: bool) -> Result<(), Failure> {
    match cmd {
        TopupCommand::Diagnose {
            facts,
            now,
            no_ledger,
        } => {
            let mut f = read_facts(&facts)?;
            if let Some(now) = now {
                f.set(FactValue::Now(now), Source::user());
            }
            f.now_or(Utc::now());
            let from_ledger = if no_ledger {
                None
            } else {
                Some(aispend_core::reconcile::fill_topup_facts(ledger, &mut f)?)
            };
            let d = topup::diagnose(&f).localized(crate::lang());
            if json {
                let mut value = serde_json::to_value(&d)?;
                if let (Some(l), Some(map)) = (&from_ledger, value.as_object_mut()) {
                    map.insert("ledger".into(), serde_json::to_value(l)?);
                }
                print_json(&value)
            } else {
                print_text(&d, f.provider())?;
                if let Some(u) = from_ledger.as_ref().and_then(|l| l.usage_after.as_ref()) {
                    let m = msg!(
                        "topup-cli-usage-after",
                        amount = format!("{} {}", u.amount, u.currency),
                        days = u.days,
                        from = u.from.to_string(),
                        to = u.to.to_string()
                    );
                    println!("\n{}", m.render(crate::lang()));
                }
                Ok(())
            }
        }
    }
}

fn read_facts(path: &Path) -> Result<Facts, Failure> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| TopupError::Read(e.to_string()).in_file_error(&name))?;
    Facts::from_json_str(&text).map_err(|e| Failure::from(e.in_file_error(&name)))
}

fn print_text(d: &Diagnosis, provider: topup::Provider) -> Result<(), Failure> {
    let lang = crate::lang();
    let mut out = std::io::stdout().lock();
    match d.top() {
        Some(top) => {
            let head = msg!(
                "topup-cli-most-likely",
                title = top.code.title().render(lang),
                code = top.code.as_str(),
                confidence = u32::from(top.confidence)
            );
            writeln!(out, "{}", head.render(lang))?;
            writeln!(out, "  {}", top.explanation)?;
        }
        None => writeln!(out, "{}", msg!("topup-cli-no-cause").render(lang))?,
    }
    let others = d.diagnoses.get(1..).unwrap_or_default();
    if !others.is_empty() {
        writeln!(out, "\n{}", msg!("topup-cli-also-possible").render(lang))?;
        for f in others {
            let line = msg!(
                "topup-cli-finding",
                title = f.code.title().render(lang),
                code = f.code.as_str(),
                confidence = u32::from(f.confidence),
                explanation = f.explanation.as_str()
            );
            writeln!(out, "  - {}", line.render(lang))?;
        }
    }
    let contact = msg!(
        "topup-cli-first-contact",
        contact = d.first_contact.msg(provider).render(lang),
        code = d.first_contact.as_str()
    );
    writeln!(out, "\n{}", contact.render(lang))?;
    writeln!(out, "  {}", d.first_contact.hint().render(lang))?;
    if !d.do_not.is_empty() {
        writeln!(out, "\n{}", msg!("topup-cli-do-not").render(lang))?;
        for x in &d.do_not {
            let line = msg!(
                "topup-cli-item",
                text = x.msg().render(lang),
                code = x.as_str()
            );
            writeln!(out, "  - {}", line.render(lang))?;
        }
    }
    if !d.next_steps.is_empty() {
        writeln!(out, "\n{}", msg!("topup-cli-next-steps").render(lang))?;
        for s in &d.next_steps {
            writeln!(out, "  - {s}")?;
        }
    }
    if !d.missing_facts.is_empty() {
        writeln!(out, "\n{}", msg!("topup-cli-questions").render(lang))?;
        for m in &d.missing_facts {
            let line = msg!(
                "topup-cli-item",
                text = m.question.as_str(),
                code = m.fact.as_str()
            );
            writeln!(out, "  - {}", line.render(lang))?;
        }
    }
    let rows = d.ledger_rows();
    if !rows.is_empty() {
        let rows: Vec<String> = rows.iter().map(i64::to_string).collect();
        let m = msg!("topup-cli-ledger-rows", rows = crate::out::list(&rows));
        writeln!(out, "\n{}", m.render(lang))?;
    }
    for c in &d.conflicts {
        let m = msg!(
            "topup-cli-conflict",
            fact = c.fact.as_str(),
            user = c.user_value.to_string(),
            ledger = c.ledger_value.to_string()
        );
        writeln!(out, "{}", m.render(lang))?;
    }
    if d.facts.iter().any(|e| e.source == Origin::Clock) {
        writeln!(out, "\n{}", msg!("topup-cli-clock").render(lang))?;
    }
    Ok(())
}

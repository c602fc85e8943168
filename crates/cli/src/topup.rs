//! `aispend topup diagnose --facts FILE [--now RFC3339] [--json]` (SPEC §7.1, §9).
//!
//! Reads the facts file, fills `now` (from `--now`, else the file, else the
//! clock), asks the core and prints. A facts file that cannot be read is bad
//! input: exit 2 with `FILE:LINE:COL: field "x": ...; expected ...`.

use std::io::Write;
use std::path::{Path, PathBuf};

use aispend_core::topup::{self, Diagnosis, FactValue, Facts, Origin, Source};
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
            let d = topup::diagnose(&f);
            if json {
                let mut value = serde_json::to_value(&d)?;
                if let (Some(l), Some(map)) = (&from_ledger, value.as_object_mut()) {
                    map.insert("ledger".into(), serde_json::to_value(l)?);
                }
                print_json(&value)
            } else {
                print_text(&d)?;
                if let Some(u) = from_ledger.as_ref().and_then(|l| l.usage_after.as_ref()) {
                    println!(
                        "\nYour imported cost exports show {} {} of API use on {} day(s) from {} to {}: the organization had credit to spend after the payment.",
                        u.amount, u.currency, u.days, u.from, u.to
                    );
                }
                Ok(())
            }
        }
    }
}

fn read_facts(path: &Path) -> Result<Facts, Failure> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::bad_input(format!("{name}: cannot read the facts file: {e}")))?;
    Facts::from_json_str(&text).map_err(|e| Failure::bad_input(e.in_file(&name)))
}

fn print_text(d: &Diagnosis) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match d.top() {
        Some(top) => {
            writeln!(
                out,
                "Most likely: {} (confidence {}/100)",
                top.code, top.confidence
            )?;
            writeln!(out, "  {}", top.explanation)?;
        }
        None => writeln!(
            out,
            "Not enough facts to name a cause yet; the questions below narrow it down."
        )?,
    }
    let others = d.diagnoses.get(1..).unwrap_or_default();
    if !others.is_empty() {
        writeln!(out, "\nAlso possible:")?;
        for f in others {
            writeln!(
                out,
                "  - {} ({}/100): {}",
                f.code, f.confidence, f.explanation
            )?;
        }
    }
    writeln!(
        out,
        "\nFirst contact: {} ({})",
        contact_words(d.first_contact),
        d.first_contact
    )?;
    if !d.do_not.is_empty() {
        writeln!(out, "\nDo not, for now:")?;
        for x in &d.do_not {
            let words = x.msg().render(crate::lang());
            writeln!(out, "  - {words} ({x})")?;
        }
    }
    if !d.next_steps.is_empty() {
        writeln!(out, "\nNext steps:")?;
        for s in &d.next_steps {
            writeln!(out, "  - {s}")?;
        }
    }
    if !d.missing_facts.is_empty() {
        writeln!(out, "\nQuestions that could change this answer:")?;
        for m in &d.missing_facts {
            writeln!(out, "  - {} ({})", m.question, m.fact)?;
        }
    }
    let rows = d.ledger_rows();
    if !rows.is_empty() {
        let rows: Vec<String> = rows.iter().map(i64::to_string).collect();
        writeln!(out, "\nLedger rows used: {}", rows.join(", "))?;
    }
    for c in &d.conflicts {
        writeln!(
            out,
            "Note: you said {} is {}, the ledger shows {}; your answer was used.",
            c.fact, c.user_value, c.ledger_value
        )?;
    }
    if d.facts.iter().any(|e| e.source == Origin::Clock) {
        writeln!(out, "\n(Times judged against this machine's clock.)")?;
    }
    Ok(())
}

fn contact_words(c: topup::Contact) -> &'static str {
    match c {
        topup::Contact::Wait => "nobody yet, wait a few minutes",
        topup::Contact::IssuingBank => "your card's issuing bank",
        topup::Contact::OpenaiSupport => "the provider's support",
        topup::Contact::OrgOwner => "the organization's owner",
        topup::Contact::ProviderAndBank => "both the provider and your bank",
        topup::Contact::None => "nobody: you can fix this yourself",
    }
}

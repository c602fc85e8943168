//! The pack's timeline: every event of a case (opened, answers, ledger
//! facts, links, notes, attachments, diagnoses) as CSV rows in UTC and in
//! the case's local time.
//!
//! Invariant: events sort by (UTC time, kind, id), so the same case always
//! gives the same rows; no cell starts with a character a spreadsheet runs.

use serde_json::Value;

use super::super::message::Verdict;
use super::super::model::value_text;
use super::super::zone::parse_instant;
use super::super::{CaseError, CaseView, Linked};
use crate::topup::Origin;

const TIMELINE_HEADER: [&str; 4] = ["utc", "local", "event", "detail"];

/// A spreadsheet would run a cell that begins with = + - @ (SPEC §5).
fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// One row before sorting: (utc, order among same-time events, id, event,
/// detail).
type Event = (String, u8, i64, &'static str, String);

/// `data/timeline.csv`: every event of the case, oldest first, with its UTC
/// and local time. `att_paths`: each attachment's path in the pack.
pub(super) fn timeline_csv(view: &CaseView, att_paths: &[String]) -> Result<String, CaseError> {
    let mut events: Vec<Event> = vec![(
        view.created_at.clone(),
        0,
        0,
        "opened",
        format!("{} ({})", view.title, view.provider.name()),
    )];
    answer_events(&mut events, view);
    link_events(&mut events, view);
    note_events(&mut events, view);
    attachment_events(&mut events, view, att_paths);
    diagnosis_events(&mut events, view);
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

/// The user's answers and the ledger facts, as the history holds them.
fn answer_events(events: &mut Vec<Event>, view: &CaseView) {
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
            (Origin::Ledger, Some(v)) => (
                "ledger fact",
                format!("{} = {}{rows}", a.fact, value_text(v)),
            ),
            (Origin::Ledger, None) => (
                "ledger fact",
                format!("{}: no longer shown by the linked rows", a.fact),
            ),
            (_, Some(v)) => ("answer", format!("{} = {}", a.fact, value_text(v))),
            (_, None) => ("answer", format!("{} = unknown", a.fact)),
        };
        events.push((a.answered_at.clone(), 1, a.id, event, detail));
    }
}

/// Every link made, and every link removed.
fn link_events(events: &mut Vec<Event>, view: &CaseView) {
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
}

/// The notes.
fn note_events(events: &mut Vec<Event>, view: &CaseView) {
    for n in &view.notes {
        events.push((n.created_at.clone(), 3, n.id, "note", n.text.clone()));
    }
}

/// The files attached, with their paths in the pack.
fn attachment_events(events: &mut Vec<Event>, view: &CaseView, att_paths: &[String]) {
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
}

/// Every diagnosis run, with its top cause and first contact.
fn diagnosis_events(events: &mut Vec<Event>, view: &CaseView) {
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
}

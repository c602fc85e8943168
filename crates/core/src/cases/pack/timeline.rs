//! The pack's timeline: every event of a case (opened, answers, ledger
//! facts, links, notes, attachments, diagnoses) as CSV rows in UTC and in
//! the case's local time, its words in the pack's language.
//!
//! Invariant: events sort by (UTC time, kind, id), so the same case always
//! gives the same rows; no cell starts with a character a spreadsheet runs.

use serde_json::Value;

use super::super::message::Verdict;
use super::super::model::value_text;
use super::super::zone::parse_instant;
use super::super::{CaseError, CaseView, Linked};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::topup::Origin;

/// A spreadsheet would run a cell that begins with = + - @ (SPEC §5).
fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// An event's detail: a message, or the user's own text (a note).
enum Detail {
    Msg(Msg),
    Text(String),
}

impl From<Msg> for Detail {
    fn from(m: Msg) -> Self {
        Detail::Msg(m)
    }
}

/// One row before sorting: (utc, order among same-time events, id, event,
/// detail).
type Event = (String, u8, i64, Msg, Detail);

/// `data/timeline.csv`: every event of the case, oldest first, with its UTC
/// and local time, its words in `lang`. `att_paths`: each attachment's path
/// in the pack.
pub(super) fn timeline_csv(
    view: &CaseView,
    att_paths: &[String],
    lang: Lang,
) -> Result<String, CaseError> {
    let mut events: Vec<Event> = vec![(
        view.created_at.clone(),
        0,
        0,
        msg!("case-timeline-opened"),
        msg!(
            "case-timeline-opened-detail",
            title = super::summary::view_title(view, lang),
            provider = view.provider.name()
        )
        .into(),
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
    let header = [
        msg!("case-timeline-col-utc"),
        msg!("case-timeline-col-local"),
        msg!("case-timeline-col-event"),
        msg!("case-timeline-col-detail"),
    ]
    .map(|m| m.render(lang));
    w.write_record(&header).map_err(csv_err)?;
    for (utc, _, _, event, detail) in events {
        let local = parse_instant(&utc)
            .map(|t| view.zone.local(t))
            .unwrap_or_default();
        w.write_record([
            utc.as_str(),
            local.as_str(),
            event.render(lang).as_str(),
            safe_cell(&match detail {
                Detail::Msg(m) => m.render(lang),
                Detail::Text(t) => t,
            })
            .as_str(),
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
        let rows = a
            .rows
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let fact = a.fact.as_str();
        let (event, detail) = match (a.source, &a.value) {
            (Origin::Ledger, Some(v)) if rows.is_empty() => (
                msg!("case-timeline-ledger-fact"),
                msg!("case-timeline-value", fact = fact, value = value_text(v)),
            ),
            (Origin::Ledger, Some(v)) => (
                msg!("case-timeline-ledger-fact"),
                msg!(
                    "case-timeline-value-rows",
                    fact = fact,
                    value = value_text(v),
                    rows = rows
                ),
            ),
            (Origin::Ledger, None) => (
                msg!("case-timeline-ledger-fact"),
                msg!("case-timeline-no-longer-shown", fact = fact),
            ),
            (_, Some(v)) => (
                msg!("case-timeline-answer"),
                msg!("case-timeline-value", fact = fact, value = value_text(v)),
            ),
            (_, None) => (
                msg!("case-timeline-answer"),
                msg!("case-timeline-unknown", fact = fact),
            ),
        };
        events.push((a.answered_at.clone(), 1, a.id, event, detail.into()));
    }
}

/// Every link made, and every link removed.
fn link_events(events: &mut Vec<Event>, view: &CaseView) {
    for r in &view.rows {
        let what = match &r.row {
            Linked::Txn { txn_id, txn } => match txn {
                Some(t) => msg!(
                    "case-timeline-card-line",
                    id = t.id.to_string(),
                    date = t.date.to_string(),
                    description = t.description.as_str(),
                    amount = format!("{} {}", t.amount, t.currency),
                    status = t.status.as_str()
                ),
                None => msg!("case-timeline-card-line-undone", id = txn_id.to_string()),
            },
            Linked::Payment {
                payment_id,
                payment,
            } => match payment {
                Some(p) => msg!(
                    "case-timeline-payment",
                    id = p.id.to_string(),
                    date = p.paid_date.to_string(),
                    kind = p.kind.as_str(),
                    amount = format!("{} {}", p.amount, p.currency),
                    status = p.status.as_str()
                ),
                None => msg!("case-timeline-payment-removed", id = payment_id.to_string()),
            },
        };
        events.push((
            r.linked_at.clone(),
            2,
            r.link_id,
            msg!("case-timeline-linked"),
            what.clone().into(),
        ));
        if let Some(u) = &r.unlinked_at {
            events.push((
                u.clone(),
                2,
                r.link_id,
                msg!("case-timeline-unlinked"),
                what.into(),
            ));
        }
    }
}

/// The notes.
fn note_events(events: &mut Vec<Event>, view: &CaseView) {
    for n in &view.notes {
        events.push((
            n.created_at.clone(),
            3,
            n.id,
            msg!("case-timeline-note"),
            Detail::Text(n.text.clone()),
        ));
    }
}

/// The files attached, with their paths in the pack.
fn attachment_events(events: &mut Vec<Event>, view: &CaseView, att_paths: &[String]) {
    for (a, path) in view.attachments.iter().zip(att_paths) {
        let path = path.strip_prefix("data/").unwrap_or(path);
        let sha = a.stored_sha256.as_str();
        let name = a.original_name.as_str();
        let detail = if a.redacted {
            msg!(
                "case-timeline-attached-removed",
                name = name,
                path = path,
                sha = sha
            )
        } else {
            msg!(
                "case-timeline-attached-kept",
                name = name,
                path = path,
                sha = sha
            )
        };
        events.push((
            a.captured_at.clone(),
            4,
            a.id,
            msg!("case-timeline-attached"),
            detail.into(),
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
        let detail = match (v.top_code, conf.is_empty()) {
            (Some(code), false) => msg!(
                "case-timeline-diagnosis",
                code = code,
                confidence = conf,
                contact = v.contact
            ),
            (Some(code), true) => {
                msg!(
                    "case-timeline-diagnosis-plain",
                    code = code,
                    contact = v.contact
                )
            }
            (None, _) => msg!("case-timeline-diagnosis-none", contact = v.contact),
        };
        events.push((
            d.computed_at.clone(),
            5,
            d.id,
            msg!("case-timeline-diagnosis-event"),
            detail.into(),
        ));
    }
}

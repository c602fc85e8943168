//! The types of a case: what is opened, listed, shown and linked.
//!
//! Invariant: a [`CaseView`] is always computed from the stored rows (the
//! user's answers merged with what the links show now); nothing here is
//! stored as it is shown.

use serde::Serialize;
use serde_json::Value;

use super::LocalZone;
use crate::ledger::TxnRow;
use crate::provider::PaymentRow;
use crate::topup::{Conflict, Facts, Origin, Provider};

pub use crate::ledger::cases::{Attachment, Note};

/// A fact's JSON value as a reader sees it: strings without quotes.
pub(super) fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A case to open.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub title: Option<String>,
    pub provider: Option<Provider>,
    /// Facts known from the start (a facts file); recorded as user answers.
    pub facts: Facts,
    pub zone: LocalZone,
}

/// Whether a case is still being worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    Open,
    Closed,
}

/// One case in a list (the app's case list shows it as is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "CaseListItem")]
pub struct CaseSummary {
    pub id: i64,
    /// The title in English (what the user typed, as typed).
    pub title: String,
    /// A title the app wrote (no title was given), for the user's language.
    pub title_msg: Option<crate::i18n::Msg>,
    pub provider: Provider,
    pub status: CaseStatus,
    pub created_at: String,
    pub updated_at: String,
}

/// One answer in a fact's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactAnswer {
    pub id: i64,
    pub fact: String,
    /// `None`: the answer was "unknown" (or the ledger no longer shows it).
    pub value: Option<Value>,
    pub source: Origin,
    pub rows: Vec<i64>,
    /// UTC instant.
    pub answered_at: String,
    /// False once a later answer from the same source replaced it.
    pub current: bool,
}

/// A fact as the diagnosis uses it, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrentFact {
    pub fact: String,
    pub value: Value,
    pub source: Origin,
    pub rows: Vec<i64>,
    /// When the user answered it (UTC); for ledger facts, when the newest row
    /// behind it was linked.
    pub answered_at: Option<String>,
}

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Linked {
    /// A card line; `txn` is `None` while its import is undone.
    Txn { txn_id: i64, txn: Option<TxnRow> },
    /// A provider payment record; `None` once it was removed.
    Payment {
        payment_id: i64,
        payment: Option<PaymentRow>,
    },
}

/// A ledger row linked to the case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedRow {
    pub link_id: i64,
    #[serde(flatten)]
    pub row: Linked,
    pub linked_at: String,
    pub unlinked_at: Option<String>,
}

impl LinkedRow {
    pub(super) fn active(&self) -> bool {
        self.unlinked_at.is_none()
    }
}

/// One diagnosis run: the JSON `topup diagnose` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisRecord {
    pub id: i64,
    pub computed_at: String,
    pub result: Value,
}

/// Details for the drafted message that are not diagnosis facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseDetails {
    pub card_last4: Vec<String>,
    pub receipt_numbers: Vec<String>,
    pub invoice_numbers: Vec<String>,
    pub organization_ids: Vec<String>,
}

/// Everything about one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub id: i64,
    /// The title in English (what the user typed, as typed).
    pub title: String,
    /// A title the app wrote (no title was given), for the user's language.
    pub title_msg: Option<crate::i18n::Msg>,
    pub provider: Provider,
    pub status: CaseStatus,
    pub created_at: String,
    pub updated_at: String,
    pub zone: LocalZone,
    /// The facts the diagnosis uses, user answers and ledger facts merged.
    pub facts: Vec<CurrentFact>,
    /// Where the user's answer and the ledger disagree (the answer is used).
    pub conflicts: Vec<Conflict>,
    pub details: CaseDetails,
    /// Every answer ever given, oldest first.
    pub history: Vec<FactAnswer>,
    /// Every link, also the removed ones (with `unlinked_at`).
    pub rows: Vec<LinkedRow>,
    pub notes: Vec<Note>,
    pub attachments: Vec<Attachment>,
    /// Every diagnosis run, oldest first.
    pub diagnoses: Vec<DiagnosisRecord>,
    /// Whether the newest diagnosis was made from the current facts.
    pub diagnosis_current: bool,
    #[serde(skip)]
    pub(super) merged: Facts,
}

impl CaseView {
    /// The merged facts, as [`crate::topup::diagnose`] takes them.
    pub fn topup_facts(&self) -> &Facts {
        &self.merged
    }

    /// The newest diagnosis, if any was run.
    pub fn latest_diagnosis(&self) -> Option<&DiagnosisRecord> {
        self.diagnoses.last()
    }

    /// The links still in force.
    pub fn active_rows(&self) -> impl Iterator<Item = &LinkedRow> {
        self.rows.iter().filter(|r| r.active())
    }
}

/// How a title the app writes is stored: its message as JSON, so a reader
/// sees it in their language. A title the user typed is stored as typed.
pub(crate) fn stored_title(m: &crate::i18n::Msg) -> String {
    serde_json::to_string(m).unwrap_or_else(|_| m.render(crate::i18n::Lang::En))
}

/// A stored title: its English text and, for a title the app wrote, its
/// message. Titles stored as English text (before titles were messages)
/// read as they are.
pub(crate) fn read_title(stored: String) -> (String, Option<crate::i18n::Msg>) {
    let msg = stored
        .starts_with('{')
        .then(|| serde_json::from_str::<crate::i18n::Msg>(&stored).ok())
        .flatten()
        .filter(|m| m.id.starts_with("case-title-"));
    match msg {
        Some(m) => (m.render(crate::i18n::Lang::En), Some(m)),
        None => (stored, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::msg;

    #[test]
    fn an_app_title_reads_in_each_language_and_a_typed_one_as_typed() {
        let stored = stored_title(&msg!("case-title-topup", provider = "OpenAI"));
        let (en, m) = read_title(stored);
        assert_eq!(en, "OpenAI top-up did not arrive");
        assert_eq!(
            m.map(|m| m.render(Lang::ZhCn)),
            Some("OpenAI 充值未到账".to_owned())
        );
        // A title stored as English text before titles were messages.
        let old = "OpenAI top-up did not arrive".to_owned();
        assert_eq!(read_title(old.clone()), (old, None));
        // A typed title that merely looks like JSON, or names another message.
        for typed in [r#"{"id":"error-no-lines","args":{}}"#, "{not json", "{}"] {
            assert_eq!(read_title(typed.to_owned()), (typed.to_owned(), None));
        }
    }
}

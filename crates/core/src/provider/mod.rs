//! What the AI providers themselves record: cost and usage per UTC day
//! (OpenAI and Anthropic exports, Admin API pages, Claude Code logs) and
//! payments (credit purchases, invoices, receipts).
//!
//! These are provider records, never card spending: they live in their own
//! tables (`provider_records`, `provider_payments`) and the card lines in
//! `transactions` are compared with them, not added to them.

mod payments;
mod records;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Currency;

pub use crate::ai_provider::{Provider, UnknownProvider};
pub use payments::{NewPayment, PaymentError, PaymentKind, PaymentRow, PaymentStatus};
pub use records::{CostFilter, CostRow};

/// Whether a record says what something cost or only how much was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Cost,
    Usage,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Cost => "cost",
            RecordKind::Usage => "usage",
        }
    }
}

/// One cost or usage record as a provider file states it, normalised.
///
/// `series` names what the numbers describe (`openai-costs`,
/// `openai-usage-completions`, `anthropic-costs`, `claude-code`, ...): a newer
/// import of a day replaces an older one only within the same series.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderRecord {
    /// Physical 1-based line where the record starts.
    pub line: u64,
    pub provider: Provider,
    pub kind: RecordKind,
    pub series: &'static str,
    /// UTC start of the bucket (or the event's time).
    pub bucket_start: DateTime<Utc>,
    /// UTC end of the bucket, exclusive.
    pub bucket_end: Option<DateTime<Utc>>,
    /// An event's own id (Claude Code `message.id:requestId`), for event logs.
    pub source_id: Option<String>,
    pub organization_id: Option<String>,
    pub organization_name: Option<String>,
    /// OpenAI project; Anthropic workspace.
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub api_key_id: Option<String>,
    pub api_key_name: Option<String>,
    pub user_id: Option<String>,
    pub line_item: Option<String>,
    pub model: Option<String>,
    pub token_type: Option<String>,
    pub service_tier: Option<String>,
    /// Exact, as written (float noise included); rounded half-even to
    /// micro-units when stored.
    pub amount: Option<Decimal>,
    pub currency: Option<Currency>,
    pub quantity: Option<Decimal>,
    pub quantity_unit: Option<String>,
    pub requests: Option<i64>,
    pub input_tokens: Option<i64>,
    pub output_tokens: Option<i64>,
    pub cached_input_tokens: Option<i64>,
    pub cache_write_tokens: Option<i64>,
}

impl ProviderRecord {
    /// A record with only its place and time; fill the rest with struct
    /// update syntax.
    pub fn new(
        line: u64,
        provider: Provider,
        kind: RecordKind,
        series: &'static str,
        bucket_start: DateTime<Utc>,
    ) -> Self {
        ProviderRecord {
            line,
            provider,
            kind,
            series,
            bucket_start,
            bucket_end: None,
            source_id: None,
            organization_id: None,
            organization_name: None,
            project_id: None,
            project_name: None,
            api_key_id: None,
            api_key_name: None,
            user_id: None,
            line_item: None,
            model: None,
            token_type: None,
            service_tier: None,
            amount: None,
            currency: None,
            quantity: None,
            quantity_unit: None,
            requests: None,
            input_tokens: None,
            output_tokens: None,
            cached_input_tokens: None,
            cache_write_tokens: None,
        }
    }

    /// The UTC calendar day the record belongs to.
    pub fn utc_date(&self) -> NaiveDate {
        self.bucket_start.date_naive()
    }
}

pub(crate) use records::{undo_records, RecordWriter};

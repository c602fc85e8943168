//! What the AI providers themselves record: cost and usage per UTC day
//! (OpenAI and Anthropic exports, Admin API pages, Claude Code logs) and
//! payments (credit purchases, invoices, receipts).
//!
//! These are provider records, never card spending: they live in their own
//! tables (`provider_records`, `provider_payments`) and the card lines in
//! `transactions` are compared with them, not added to them. Those tables
//! and their row types are the ledger's ([`crate::ledger::payments`],
//! [`crate::ledger::provider_records`]); this module keeps the provider
//! names and what a user may enter as a payment.

mod payments;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use crate::ledger::provider_records::{CostFilter, CostRow, ProviderRecord, RecordKind};
pub use payments::{NewPayment, PaymentError, PaymentKind, PaymentRow, PaymentStatus};

/// An AI provider whose records the ledger reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Openai,
    Anthropic,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Openai => "openai",
            Provider::Anthropic => "anthropic",
        }
    }

    /// The provider's name as a user reads it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Openai => "OpenAI",
            Provider::Anthropic => "Anthropic",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A provider name that is not one the ledger knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider {0:?}; expected openai or anthropic")]
pub struct UnknownProvider(pub String);

impl FromStr for Provider {
    type Err = UnknownProvider;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "openai" => Ok(Provider::Openai),
            "anthropic" => Ok(Provider::Anthropic),
            _ => Err(UnknownProvider(s.to_owned())),
        }
    }
}

pub(crate) use crate::ledger::provider_records::RecordWriter;

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

pub use crate::ai_provider::{Provider, UnknownProvider};
pub use crate::ledger::provider_records::{CostFilter, CostRow, ProviderRecord, RecordKind};
pub use payments::{add_payment, NewPayment, PaymentError, PaymentKind, PaymentRow, PaymentStatus};

pub(crate) use crate::ledger::provider_records::RecordWriter;

//! The file formats: one module per format that needs code (OFX, camt,
//! QIF, Amex, Revolut, Alipay, WeChat, Wise, CMB, the AI providers' exports
//! and Claude Code logs), and [`csv`], whose table engine reads every simple
//! bank CSV layout from a profile entry.
//!
//! Invariant: a format only reads; it hands normalised rows (or provider
//! records) to a [`crate::import::RowSink`] and never touches the ledger.

pub(crate) mod alipay;
pub(crate) mod amex;
pub(crate) mod anthropic_csv;
pub(crate) mod camt;
pub(crate) mod claude_code;
pub(crate) mod cmb_card;
pub(crate) mod codex_cli;
pub(crate) mod copilot_csv;
pub mod csv;
pub(crate) mod cursor_csv;
pub(crate) mod gemini_cli;
pub(crate) mod jsonl;
pub(crate) mod n26;
pub(crate) mod ofx;
pub(crate) mod openai_csv;
pub(crate) mod openrouter;
pub(crate) mod provider_fields;
pub(crate) mod provider_json;
pub(crate) mod qif;
pub(crate) mod revolut;
pub(crate) mod wechat;
pub(crate) mod wechat_xlsx;
pub(crate) mod wise;
pub(crate) mod wise_statement;

//! Argument types more than one command parses.
//!
//! Invariant: each value a user can name on the command line has one parser
//! here, converted to the core's type at the edge.

use clap::ValueEnum;

/// An AI provider, as `--provider` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProviderArg {
    Openai,
    Anthropic,
    Google,
    Cursor,
    Github,
    Openrouter,
}

impl From<ProviderArg> for aispend_core::ai_provider::Provider {
    fn from(p: ProviderArg) -> Self {
        match p {
            ProviderArg::Openai => Self::Openai,
            ProviderArg::Anthropic => Self::Anthropic,
            ProviderArg::Google => Self::Google,
            ProviderArg::Cursor => Self::Cursor,
            ProviderArg::Github => Self::Github,
            ProviderArg::Openrouter => Self::Openrouter,
        }
    }
}

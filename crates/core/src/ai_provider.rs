//! Which AI provider: the one closed set of provider ids every floor of the
//! crate names (provider records, top-up facts, cases, reconciliation, sync).
//!
//! It sits at the bottom, beside [`crate::money`], so that `topup` (facts and
//! diagnosis), `provider` (records and payments) and everything above can
//! import it downward without importing each other. `crate::provider::Provider`
//! and `crate::topup::Provider` are re-exports of this type.
//!
//! The first two have Admin APIs the sync reads and top-ups the diagnosis
//! knows ([`Provider::API_BILLED`]); the others bill usage that the ledger
//! reads from their exports and logs: Google (Gemini CLI), Cursor, GitHub
//! (Copilot) and OpenRouter.
//!
//! Invariant: the wire id (`openai`, `anthropic`, `google`, …) is the same everywhere — in
//! JSON, in the ledger's columns, in facts files and in case files on disk.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An AI provider whose spending the ledger follows. TypeScript calls it
/// `ProviderId` (the union of the wire ids).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "ProviderId")]
pub enum Provider {
    Openai,
    Anthropic,
    Google,
    Cursor,
    Github,
    Openrouter,
}

impl Provider {
    /// Every provider, in the order the SPEC lists them.
    pub const ALL: &'static [Provider] = &[
        Provider::Openai,
        Provider::Anthropic,
        Provider::Google,
        Provider::Cursor,
        Provider::Github,
        Provider::Openrouter,
    ];

    /// The providers with an Admin API the sync reads, keys in the keychain
    /// and prepaid API top-ups the diagnosis knows.
    pub const API_BILLED: &'static [Provider] = &[Provider::Openai, Provider::Anthropic];

    /// The stable id: `openai`, `anthropic`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Openai => "openai",
            Provider::Anthropic => "anthropic",
            Provider::Google => "google",
            Provider::Cursor => "cursor",
            Provider::Github => "github",
            Provider::Openrouter => "openrouter",
        }
    }

    /// The provider's name as a user reads it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Openai => "OpenAI",
            Provider::Anthropic => "Anthropic",
            Provider::Google => "Google",
            Provider::Cursor => "Cursor",
            Provider::Github => "GitHub",
            Provider::Openrouter => "OpenRouter",
        }
    }

    /// The provider for an exact id, if it is one (stored data, facts files).
    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "openai" => Some(Provider::Openai),
            "anthropic" => Some(Provider::Anthropic),
            "google" => Some(Provider::Google),
            "cursor" => Some(Provider::Cursor),
            "github" => Some(Provider::Github),
            "openrouter" => Some(Provider::Openrouter),
            _ => None,
        }
    }

    /// The ids, for error messages: `"openai", "anthropic", … or "openrouter"`.
    pub fn ids() -> String {
        let quoted: Vec<String> = Provider::ALL
            .iter()
            .map(|p| format!("\"{}\"", p.as_str()))
            .collect();
        match quoted.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => quoted.join(""),
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
#[error("unknown provider {0:?}; expected openai, anthropic, google, cursor, github or openrouter")]
pub struct UnknownProvider(pub String);

/// Lenient reading for people (command lines, query strings): case and
/// surrounding spaces are ignored.
impl FromStr for Provider {
    type Err = UnknownProvider;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::from_id(&s.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownProvider(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wire_id_everywhere() {
        for p in Provider::ALL {
            assert_eq!(Provider::from_id(p.as_str()), Some(*p));
            assert_eq!(serde_json::to_value(p).ok(), Some(p.as_str().into()));
            let back = serde_json::from_value::<Provider>(p.as_str().into()).ok();
            assert_eq!(back, Some(*p));
            assert_eq!(p.to_string(), p.as_str());
        }
        assert_eq!(" OpenAI ".parse::<Provider>(), Ok(Provider::Openai));
        assert!("gemini".parse::<Provider>().is_err());
        assert_eq!("OpenRouter".parse::<Provider>(), Ok(Provider::Openrouter));
        assert_eq!(
            Provider::ids(),
            "\"openai\", \"anthropic\", \"google\", \"cursor\", \"github\" or \"openrouter\""
        );
    }
}

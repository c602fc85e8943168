//! Admin keys and the OS keychain (SPEC §8).
//!
//! An Admin key lives in one place only: the platform's credential store,
//! reached through the `keyring` crate (macOS Keychain, Windows Credential
//! Manager, the Secret Service on Linux). It never goes into SQLite, a log,
//! an export or an error message. In memory it is an [`AdminKey`]: its
//! `Debug` shows no character of it, it has no `Serialize`, and its bytes
//! are zeroed when it is dropped.
//!
//! `keyring` built without a platform store silently keeps credentials in
//! an in-memory mock that forgets them at exit. `crates/core/Cargo.toml`
//! switches on the store of each supported platform; on any other platform
//! (or if the features are ever lost) [`Keychain`] sees the mock and refuses,
//! saying why, rather than pretend to have saved a key.

use std::fmt;

use keyring::Entry;
use zeroize::Zeroizing;

use crate::provider::Provider;

/// The keychain service the app and the CLI store their keys under.
pub const SERVICE: &str = crate::paths::APP_IDENTIFIER;

/// Why a key could not be read, stored or removed. No variant carries the
/// key or any part of it.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "this build of AI Spend has no OS keychain to keep the key in (the keyring \
         library would only hold it in memory and lose it at exit); keys can be stored \
         on macOS (Keychain), Windows (Credential Manager) and Linux (Secret Service)"
    )]
    NoKeychain,
    #[error(
        "could not reach the OS keychain: {detail}; on Linux a Secret Service \
         (GNOME Keyring or KWallet) must be running and unlocked"
    )]
    Unavailable { detail: String },
    #[error("that is not {expected}: {reason}")]
    Invalid {
        expected: &'static str,
        reason: &'static str,
    },
    #[error(
        "the {provider} key in the OS keychain is not {expected}; store it again with \
         `aispend keys set {id}`",
        provider = .provider.name(),
        expected = expected(*.provider),
        id = .provider.as_str()
    )]
    StoredInvalid { provider: Provider },
}

impl KeyError {
    /// Whether the user gave something unusable (exit code 2), rather than
    /// the system failing.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            KeyError::Invalid { .. } | KeyError::StoredInvalid { .. }
        )
    }
}

fn expected(p: Provider) -> &'static str {
    match p {
        Provider::Openai => "an OpenAI Admin key (sk-admin-...)",
        Provider::Anthropic => "an Anthropic Admin key (sk-ant-admin...)",
        _ => NO_ADMIN_API,
    }
}

fn prefix(p: Provider) -> &'static str {
    match p {
        Provider::Openai => "sk-admin-",
        Provider::Anthropic => "sk-ant-admin",
        _ => "",
    }
}

/// What is expected of a key for a provider with no Admin API.
const NO_ADMIN_API: &str =
    "an OpenAI or Anthropic Admin key (the providers whose Admin API AI Spend reads)";

/// An Admin key in memory: hidden from `Debug`, never serialised, zeroed on
/// drop.
pub struct AdminKey {
    provider: Provider,
    secret: Zeroizing<String>,
}

impl fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AdminKey({}, <hidden>)", self.provider.as_str())
    }
}

impl AdminKey {
    /// Takes a key as typed or piped in (surrounding whitespace and a final
    /// newline are dropped). The input is zeroed whether or not it is a key.
    pub fn from_input(provider: Provider, input: String) -> Result<AdminKey, KeyError> {
        let input = Zeroizing::new(input);
        let text = input.trim();
        let bad = |reason| KeyError::Invalid {
            expected: expected(provider),
            reason,
        };
        if !Provider::API_BILLED.contains(&provider) {
            return Err(KeyError::Invalid {
                expected: NO_ADMIN_API,
                reason: "this provider has no Admin API AI Spend reads; import its usage \
                         export instead (`aispend import FILE`)",
            });
        }
        if text.is_empty() {
            return Err(bad("nothing was entered"));
        }
        if provider == Provider::Openai && text.starts_with("sk-ant-") {
            return Err(bad("it looks like an Anthropic key"));
        }
        if provider == Provider::Anthropic
            && text.starts_with("sk-")
            && !text.starts_with("sk-ant-")
        {
            return Err(bad("it looks like an OpenAI key"));
        }
        if !text.starts_with(prefix(provider)) {
            return Err(bad(match provider {
                Provider::Openai => {
                    "it does not start with sk-admin- (project and service-account keys \
                     cannot read the organization's costs; create an Admin key in the \
                     organization settings)"
                }
                Provider::Anthropic => {
                    "it does not start with sk-ant-admin (API keys cannot read the \
                     organization's costs; create an Admin key in the Console)"
                }
                _ => "this provider has no Admin API AI Spend reads",
            }));
        }
        if text.len() < prefix(provider).len() + 8 {
            return Err(bad("it is too short"));
        }
        if !text.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(bad("it contains spaces or characters a key never has"));
        }
        Ok(AdminKey {
            provider,
            secret: Zeroizing::new(text.to_owned()),
        })
    }

    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The key itself, for the one place that sends it (an HTTP header).
    pub(crate) fn expose(&self) -> &str {
        &self.secret
    }
}

/// Whether a provider's key is in the keychain (`aispend keys status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct KeyStatus {
    pub provider: Provider,
    pub stored: bool,
}

/// The OS keychain, under one service name.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Default for Keychain {
    fn default() -> Self {
        Keychain::os()
    }
}

fn user(p: Provider) -> &'static str {
    match p {
        Provider::Openai => "openai-admin-key",
        Provider::Anthropic => "anthropic-admin-key",
        Provider::Google => "google-admin-key",
        Provider::Cursor => "cursor-admin-key",
        Provider::Github => "github-admin-key",
        Provider::Openrouter => "openrouter-admin-key",
    }
}

fn platform(e: keyring::Error) -> KeyError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            KeyError::Unavailable {
                detail: inner.to_string(),
            }
        }
        // The other variants describe attributes, never the secret; the
        // `Ambiguous` one prints credentials' debug forms, so not that.
        keyring::Error::Ambiguous(_) => KeyError::Unavailable {
            detail: "the keychain holds more than one entry for this key; remove them \
                     with `aispend keys remove` and store the key again"
                .into(),
        },
        other => KeyError::Unavailable {
            detail: other.to_string(),
        },
    }
}

/// Refuses keyring's in-memory mock, which a build without a platform
/// store falls back to without a word.
pub(crate) fn refuse_mock(entry: &Entry) -> Result<(), KeyError> {
    if entry
        .get_credential()
        .downcast_ref::<keyring::mock::MockCredential>()
        .is_some()
    {
        return Err(KeyError::NoKeychain);
    }
    Ok(())
}

impl Keychain {
    /// The keychain the app and the CLI share.
    pub fn os() -> Keychain {
        Keychain {
            service: SERVICE.to_owned(),
        }
    }

    /// A keychain under another service name (tests).
    pub fn with_service(service: &str) -> Keychain {
        Keychain {
            service: service.to_owned(),
        }
    }

    fn entry(&self, provider: Provider) -> Result<Entry, KeyError> {
        let entry = Entry::new(&self.service, user(provider)).map_err(platform)?;
        refuse_mock(&entry)?;
        Ok(entry)
    }

    /// Stores (or replaces) a provider's key.
    pub fn set(&self, key: &AdminKey) -> Result<(), KeyError> {
        self.entry(key.provider)?
            .set_password(key.expose())
            .map_err(platform)
    }

    /// The provider's key, if one is stored.
    pub fn get(&self, provider: Provider) -> Result<Option<AdminKey>, KeyError> {
        match self.entry(provider)?.get_password() {
            Ok(text) => AdminKey::from_input(provider, text)
                .map(Some)
                .map_err(|_| KeyError::StoredInvalid { provider }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(keyring::Error::BadEncoding(mut bytes)) => {
                zeroize::Zeroize::zeroize(&mut bytes);
                Err(KeyError::StoredInvalid { provider })
            }
            Err(e) => Err(platform(e)),
        }
    }

    /// Removes a provider's key; `false` when there was none.
    pub fn remove(&self, provider: Provider) -> Result<bool, KeyError> {
        match self.entry(provider)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(platform(e)),
        }
    }

    /// Which providers have a key stored.
    pub fn status(&self) -> Result<Vec<KeyStatus>, KeyError> {
        [Provider::Openai, Provider::Anthropic]
            .into_iter()
            .map(|provider| {
                let stored = match self.entry(provider)?.get_password() {
                    Ok(text) => {
                        drop(Zeroizing::new(text));
                        true
                    }
                    Err(keyring::Error::NoEntry) => false,
                    Err(keyring::Error::BadEncoding(mut bytes)) => {
                        zeroize::Zeroize::zeroize(&mut bytes);
                        true
                    }
                    Err(e) => return Err(platform(e)),
                };
                Ok(KeyStatus { provider, stored })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made up for the test; no provider ever issued it.
    const OPENAI: &str = "sk-admin-FAKE-TEST-KEY-PLANTED-not-real";

    #[test]
    fn debug_hides_the_key() {
        let key = AdminKey::from_input(Provider::Openai, format!("  {OPENAI}\n")).expect("key");
        let shown = format!("{key:?}");
        assert!(!shown.contains("PLANTED"), "{shown}");
        assert_eq!(key.expose(), OPENAI);
    }

    #[test]
    fn wrong_kinds_of_key_are_refused_without_echoing_them() {
        for (p, text) in [
            (Provider::Openai, "sk-proj-abcdefghijklmnop"),
            (Provider::Openai, "sk-ant-admin01-abcdefghijkl"),
            (Provider::Anthropic, "sk-admin-abcdefghijklmnop"),
            (Provider::Anthropic, "sk-ant-api03-abcdefghijkl"),
            (Provider::Openai, ""),
            (Provider::Openai, "sk-admin-ab cdefghijklmn"),
        ] {
            let err = AdminKey::from_input(p, text.to_owned()).expect_err(text);
            assert!(err.is_bad_input());
            let msg = err.to_string();
            assert!(
                text.is_empty() || !msg.contains(&text[3..]),
                "{msg} echoes the key"
            );
        }
        AdminKey::from_input(Provider::Anthropic, "sk-ant-admin01-abcdefghijkl".into())
            .expect("anthropic admin key");
    }

    #[test]
    fn the_in_memory_mock_is_refused() {
        let cred = keyring::mock::MockCredentialBuilder {};
        let built = keyring::credential::CredentialBuilderApi::build(&cred, None, "svc", "user")
            .expect("mock credential");
        let entry = Entry::new_with_credential(built);
        let err = refuse_mock(&entry).expect_err("mock refused");
        assert!(matches!(err, KeyError::NoKeychain));
        assert!(err.to_string().contains("lose it at exit"), "{err}");
    }
}

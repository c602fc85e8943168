//! The errors of sync and of the keychain as messages of the catalogs
//! (`crates/core/i18n/*/sync.ftl`), for the app and the CLI to show in the
//! user's language.
//!
//! Invariant: every variant of [`SyncError`] and [`KeyError`] the user can
//! meet has a message whose English reads as the error's own text; a
//! reason the table does not know is shown as it is (the test below walks
//! every reason the code gives).

use crate::i18n::Msg;
use crate::msg;
use crate::provider::Provider;
use crate::sync::keys::KeyError;
use crate::sync::SyncError;

/// The message of a sync error; `None` where its cause says more (a failed
/// import, the ledger), which the caller then shows.
pub(crate) fn sync_msg(e: &SyncError) -> Option<Msg> {
    Some(match e {
        SyncError::Key(k) => key_msg(k),
        SyncError::NoKey { provider } => msg!(
            "sync-no-key",
            provider = provider.name(),
            id = provider.as_str()
        ),
        SyncError::KeyRejected {
            provider,
            status,
            detail,
        } => {
            let kind = key_kind(*provider);
            let advice = if *status == 403 {
                msg!("sync-advice-forbidden", kind = kind, id = provider.as_str())
            } else {
                msg!("sync-advice-invalid", kind = kind, id = provider.as_str())
            };
            msg!(
                "sync-key-rejected",
                provider = provider.name(),
                status = status.to_string(),
                detail = detail.as_str(),
                advice = advice
            )
        }
        SyncError::Http {
            provider,
            path,
            status,
            detail,
        } => msg!(
            "sync-http",
            provider = provider.name(),
            path = *path,
            status = status.to_string(),
            detail = detail.as_str()
        ),
        SyncError::Network {
            provider,
            host,
            detail,
        } => msg!(
            "sync-network",
            provider = provider.name(),
            host = host.as_str(),
            detail = detail.as_str()
        ),
        SyncError::BadResponse {
            provider,
            path,
            detail,
        } => msg!(
            "sync-bad-response",
            provider = provider.name(),
            path = *path,
            detail = detail.as_str()
        ),
        SyncError::BaseUrl {
            provider,
            url,
            reason,
        } => msg!(
            "sync-base-url",
            provider = provider.name(),
            url = format!("{url:?}"),
            reason = reason_msg(reason)
        ),
        SyncError::Cancelled => msg!("sync-cancelled"),
        SyncError::Client(detail) => msg!("sync-client", detail = detail.as_str()),
        _ => return None,
    })
}

/// The message of a keychain error.
pub(crate) fn key_msg(e: &KeyError) -> Msg {
    match e {
        KeyError::NoKeychain => msg!("key-no-keychain"),
        KeyError::Unavailable { detail } => msg!("key-unavailable", detail = detail.as_str()),
        KeyError::Invalid { expected, reason } => msg!(
            "key-invalid",
            expected = expected_msg(expected),
            reason = reason_msg(reason)
        ),
        KeyError::StoredInvalid { provider } => msg!(
            "key-stored-invalid",
            provider = provider.name(),
            expected = expected_msg(match provider {
                Provider::Openai => "an OpenAI Admin key (sk-admin-...)",
                Provider::Anthropic => "an Anthropic Admin key (sk-ant-admin...)",
                _ => "",
            }),
            id = provider.as_str()
        ),
    }
}

fn key_kind(p: Provider) -> Msg {
    match p {
        Provider::Openai => msg!("sync-key-kind-openai"),
        Provider::Anthropic => msg!("sync-key-kind-anthropic"),
        _ => msg!("sync-key-kind-other"),
    }
}

/// What key was expected, as `keys.rs` names it.
fn expected_msg(expected: &str) -> Msg {
    match expected {
        "an OpenAI Admin key (sk-admin-...)" => msg!("key-expect-openai"),
        "an Anthropic Admin key (sk-ant-admin...)" => msg!("key-expect-anthropic"),
        _ => msg!("key-expect-any"),
    }
}

/// Why a key or a base URL cannot be used, as `keys.rs` and `mod.rs` say it.
fn reason_msg(reason: &str) -> Msg {
    match reason {
        "nothing was entered" => msg!("key-reason-empty"),
        "it looks like an Anthropic key" => msg!("key-reason-anthropic-key"),
        "it looks like an OpenAI key" => msg!("key-reason-openai-key"),
        "it is too short" => msg!("key-reason-short"),
        "it contains spaces or characters a key never has" => msg!("key-reason-characters"),
        "this provider has no Admin API AI Spend reads" => msg!("key-reason-no-admin-api"),
        "it is not a URL" => msg!("sync-url-not-url"),
        "plain http is allowed only to this machine (127.0.0.1)" => msg!("sync-url-plain-http"),
        "it must start with https://" => msg!("sync-url-https"),
        "it must name a host and no user" => msg!("sync-url-host"),
        "this provider has no Admin API AI Spend reads; import its export instead" => {
            msg!("sync-url-no-admin-api")
        }
        r if r.starts_with("this provider has no Admin API AI Spend reads; import its usage") => {
            msg!("key-reason-no-admin-api-import")
        }
        r if r.starts_with("it does not start with sk-admin-") => {
            msg!("key-reason-openai-prefix")
        }
        r if r.starts_with("it does not start with sk-ant-admin") => {
            msg!("key-reason-anthropic-prefix")
        }
        r => msg!("sync-reason-text", text = r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::sync::keys::AdminKey;

    /// Every key the code refuses, every URL it refuses and every sync
    /// error: its message reads in English as the error's own text, and
    /// none falls back to the untranslated reason.
    #[test]
    fn every_sync_and_key_error_has_its_message() {
        let mut errors: Vec<SyncError> = Vec::new();
        for (p, input) in [
            (Provider::Openai, ""),
            (Provider::Openai, "sk-ant-admin01-abcdefghijkl"),
            (Provider::Anthropic, "sk-admin-abcdefghijkl"),
            (Provider::Openai, "sk-proj-abcdefghijkl"),
            (Provider::Anthropic, "sk-ant-api03-abcdefghijkl"),
            (Provider::Openai, "sk-admin-1"),
            (Provider::Openai, "sk-admin-abc def ghijkl"),
            (Provider::Cursor, "whatever-key-text"),
        ] {
            match AdminKey::from_input(p, input.to_owned()) {
                Err(e) => errors.push(SyncError::Key(e)),
                Ok(_) => panic!("{p:?} {input:?} was taken"),
            }
        }
        errors.push(SyncError::Key(KeyError::NoKeychain));
        errors.push(SyncError::Key(KeyError::Unavailable {
            detail: "locked".into(),
        }));
        errors.push(SyncError::Key(KeyError::StoredInvalid {
            provider: Provider::Anthropic,
        }));
        for reason in [
            "it is not a URL",
            "plain http is allowed only to this machine (127.0.0.1)",
            "it must start with https://",
            "it must name a host and no user",
            "this provider has no Admin API AI Spend reads; import its export instead",
        ] {
            errors.push(SyncError::BaseUrl {
                provider: Provider::Openai,
                url: "ftp://x".into(),
                reason,
            });
        }
        for status in [401, 403] {
            errors.push(SyncError::KeyRejected {
                provider: Provider::Openai,
                status,
                detail: "invalid key".into(),
            });
        }
        errors.push(SyncError::NoKey {
            provider: Provider::Anthropic,
        });
        errors.push(SyncError::Http {
            provider: Provider::Openai,
            path: "/v1/organization/costs",
            status: 500,
            detail: "oops".into(),
        });
        errors.push(SyncError::Network {
            provider: Provider::Openai,
            host: "api.openai.com".into(),
            detail: "timed out".into(),
        });
        errors.push(SyncError::BadResponse {
            provider: Provider::Anthropic,
            path: "/v1/organizations/cost_report",
            detail: "eof".into(),
        });
        errors.push(SyncError::Cancelled);
        errors.push(SyncError::Client("tls".into()));
        for e in &errors {
            let m = sync_msg(e).expect("a message");
            let text = format!("{m:?}");
            assert!(!text.contains("sync-reason-text"), "{e}: {text}");
            assert!(
                !text.contains("key-expect-any") || e.to_string().contains("OpenAI or Anthropic"),
                "{e}: {text}"
            );
            assert_eq!(m.render(Lang::En), e.to_string(), "{text}");
            let zh = m.render(Lang::ZhCn);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}

//! The Settings view's provider sync (issue #8): which providers have an
//! Admin key in the OS keychain, how far each endpoint is synced, storing and
//! removing a key, and a sync run with progress and cancel. The key crosses
//! from the UI once, straight into [`AdminKey`]; nothing here returns it.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{ErrorCode, ErrorDto};
use crate::ledger::Ledger;
use crate::provider::Provider;
use crate::sync::{self, AdminKey, KeyError, Keychain, RunResult, Stage, SyncError, SyncOptions};

/// One endpoint's sync state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EndpointStatus {
    pub endpoint: String,
    pub synced_through: Option<NaiveDate>,
    pub last_run_at: Option<String>,
    /// How the last run ended; `None` before the first run.
    pub last_result: Option<RunResult>,
}

/// One provider in the Settings view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderSync {
    pub provider: Provider,
    pub name: String,
    /// What a key of this provider looks like (`sk-admin-...`).
    pub key_hint: String,
    pub key_stored: bool,
    /// Why the keychain could not be asked (the key status is unknown).
    pub keychain_error: Option<String>,
    pub endpoints: Vec<EndpointStatus>,
}

/// Where a sync run is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncProgressEvent {
    pub provider: Provider,
    pub endpoint: String,
    pub stage: SyncStage,
    /// Pages fetched or being fetched.
    pub page: Option<u32>,
    /// Before a retry: the HTTP status the provider answered.
    pub status: Option<u16>,
    pub delay_ms: Option<u64>,
    pub added: Option<u64>,
}

/// The step a sync run is at ([`Stage`] without its figures, which
/// [`SyncProgressEvent`] carries beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SyncStage {
    /// Fetching a page (`page`).
    Fetching,
    /// Waiting before a retry (`status`, `delay_ms`).
    Waiting,
    /// Writing the fetched pages (`page`: how many).
    Importing,
    /// The endpoint is done (`added`).
    Done,
}

/// What a sync run of one endpoint did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EndpointSynced {
    pub provider: Provider,
    pub endpoint: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub pages: u32,
    pub batch_id: Option<i64>,
    pub added: u64,
    pub duplicates: u64,
}

/// A sync run: what each endpoint did, and the error that stopped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncRun {
    pub synced: Vec<EndpointSynced>,
    pub error: Option<ErrorDto>,
}

fn key_error(e: &KeyError) -> ErrorDto {
    super::describe(e).1
}

fn sync_error(e: &SyncError) -> ErrorDto {
    super::describe(e).1
}

fn hint(p: Provider) -> &'static str {
    match p {
        Provider::Openai => "sk-admin-...",
        Provider::Anthropic => "sk-ant-admin...",
        _ => "",
    }
}

/// Every provider's key status and sync state.
pub fn sync_overview(ledger: &Ledger, keychain: &Keychain) -> Result<Vec<ProviderSync>, ErrorDto> {
    let states = sync::sync_status(ledger)?;
    Ok(Provider::API_BILLED
        .iter()
        .map(|&p| {
            let (key_stored, keychain_error) = match keychain.get(p) {
                Ok(k) => (k.is_some(), None),
                Err(KeyError::StoredInvalid { .. }) => (true, None),
                Err(e) => (false, Some(e.to_string())),
            };
            ProviderSync {
                provider: p,
                name: p.name().into(),
                key_hint: hint(p).into(),
                key_stored,
                keychain_error,
                endpoints: states
                    .iter()
                    .filter(|s| s.provider == p)
                    .map(|s| EndpointStatus {
                        endpoint: s.endpoint.into(),
                        synced_through: s.synced_through,
                        last_run_at: s.last_run_at.clone(),
                        last_result: s.last_result.as_deref().and_then(RunResult::from_id),
                    })
                    .collect(),
            }
        })
        .collect())
}

/// Checks `input` is the provider's Admin key and stores it in the keychain.
pub fn store_key(keychain: &Keychain, provider: Provider, input: String) -> Result<(), ErrorDto> {
    let key = AdminKey::from_input(provider, input).map_err(|e| key_error(&e))?;
    keychain.set(&key).map_err(|e| key_error(&e))
}

/// Removes the provider's key; `false` when none was stored.
pub fn remove_key(keychain: &Keychain, provider: Provider) -> Result<bool, ErrorDto> {
    keychain.remove(provider).map_err(|e| key_error(&e))
}

/// Syncs `provider` (or every provider with a stored key) until done, an
/// error, or `cancel`. `base_urls` replace the OpenAI and Anthropic API
/// addresses (tests; plain http only to loopback).
pub fn run_sync(
    ledger: &mut Ledger,
    keychain: &Keychain,
    provider: Option<Provider>,
    today_utc: NaiveDate,
    base_urls: (Option<String>, Option<String>),
    cancel: Arc<AtomicBool>,
    progress: &mut dyn FnMut(SyncProgressEvent),
) -> SyncRun {
    let mut run = SyncRun {
        synced: Vec::new(),
        error: None,
    };
    let providers: Vec<Provider> = match provider {
        Some(p) => vec![p],
        None => Provider::API_BILLED.to_vec(),
    };
    let mut opts = SyncOptions::new(today_utc);
    opts.openai_base_url = base_urls.0;
    opts.anthropic_base_url = base_urls.1;
    opts.cancel = cancel;
    let mut any = false;
    for p in providers {
        let key = match keychain.get(p) {
            Ok(Some(k)) => k,
            Ok(None) if provider.is_some() => {
                run.error = Some(sync_error(&SyncError::NoKey { provider: p }));
                return run;
            }
            Ok(None) => continue,
            Err(e) => {
                run.error = Some(key_error(&e));
                return run;
            }
        };
        any = true;
        let result = sync::sync_provider(ledger, &key, &opts, &mut |sp| {
            let mut ev = SyncProgressEvent {
                provider: sp.provider,
                endpoint: sp.endpoint.into(),
                stage: SyncStage::Done,
                page: None,
                status: None,
                delay_ms: None,
                added: None,
            };
            match &sp.stage {
                Stage::Fetching { page } => {
                    ev.stage = SyncStage::Fetching;
                    ev.page = Some(*page);
                }
                Stage::Waiting {
                    status, delay_ms, ..
                } => {
                    ev.stage = SyncStage::Waiting;
                    ev.status = *status;
                    ev.delay_ms = Some(*delay_ms);
                }
                Stage::Importing { pages } => {
                    ev.stage = SyncStage::Importing;
                    ev.page = Some(*pages);
                }
                Stage::Done { added, .. } => {
                    ev.stage = SyncStage::Done;
                    ev.added = Some(*added);
                }
            }
            progress(ev);
        });
        match result {
            Ok(reports) => run
                .synced
                .extend(reports.into_iter().map(|r| EndpointSynced {
                    provider: r.provider,
                    endpoint: r.endpoint.into(),
                    from: r.from,
                    to: r.to,
                    pages: r.pages,
                    batch_id: r.batch_id,
                    added: r.added,
                    duplicates: r.duplicates,
                })),
            Err(e) => {
                run.error = Some(sync_error(&e));
                return run;
            }
        }
    }
    if !any {
        run.error = Some(ErrorDto::new(
            ErrorCode::NoKey,
            "no Admin key is stored, so sync is off; add an OpenAI or Anthropic Admin key above",
        ));
    }
    run
}

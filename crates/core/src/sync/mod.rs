//! Provider sync (issue #8): pull cost and usage records straight from the
//! OpenAI and Anthropic Admin APIs. Optional and off by default.
//!
//! **This module is the only code that talks to a network.** Nothing else in
//! the workspace builds an HTTP client or opens a socket; a CLI test checks
//! that at the source level and by running the other commands against a
//! listener that must see no connection.
//!
//! A run, per endpoint:
//! 1. the first day to fetch: `--from`, else the day before the last day
//!    synced (providers revise their latest figures), else [`FIRST_SYNC_DAYS`]
//!    back;
//! 2. every page from that day to now (`has_more` / `next_page`), retrying 429
//!    and 5xx with backoff (honouring `retry-after`), stopping at once on 401
//!    or 403 with what to do about the key;
//! 3. the pages go through the ordinary import path as one batch
//!    (`openai-admin-json` / `anthropic-admin-json`), so the day-replacement
//!    dedupe of `provider::records` applies: a day already imported from a CSV
//!    export or an earlier sync is replaced or counted as duplicate, never
//!    added twice, and `undo-import` works on a sync batch like on any other;
//! 4. `sync_state` moves to the last day fetched.
//!
//! The front end supplies a progress callback and a cancel flag
//! ([`SyncOptions::cancel`]) it may set from another thread; a cancelled
//! endpoint imports nothing.

pub mod anthropic;
pub mod keys;
pub(crate) mod messages;
pub mod openai;
pub(crate) mod state;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use serde::{Deserialize, Serialize};

pub use keys::{AdminKey, KeyError, KeyStatus, Keychain};
pub use state::{sync_status, RunResult, SyncState};

use crate::import::{import_reader, ImportError, ImportOptions};
use crate::ledger::{Ledger, LedgerError};
use crate::provider::Provider;

/// How many days back a first sync starts, without `--from`.
pub const FIRST_SYNC_DAYS: u64 = 30;
/// The most pages one endpoint may take in one run.
const MAX_PAGES: usize = 1000;
/// The largest page body read.
const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;

/// One Admin API endpoint the sync reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Endpoint {
    OpenaiCosts,
    OpenaiCompletions,
    AnthropicCosts,
    AnthropicMessages,
}

impl Endpoint {
    pub const ALL: [Endpoint; 4] = [
        Endpoint::OpenaiCosts,
        Endpoint::OpenaiCompletions,
        Endpoint::AnthropicCosts,
        Endpoint::AnthropicMessages,
    ];

    pub fn provider(self) -> Provider {
        match self {
            Endpoint::OpenaiCosts | Endpoint::OpenaiCompletions => Provider::Openai,
            Endpoint::AnthropicCosts | Endpoint::AnthropicMessages => Provider::Anthropic,
        }
    }

    /// A stable id: `costs`, `usage-completions`, `cost-report`, `usage-messages`.
    pub fn id(self) -> &'static str {
        match self {
            Endpoint::OpenaiCosts => "costs",
            Endpoint::OpenaiCompletions => "usage-completions",
            Endpoint::AnthropicCosts => "cost-report",
            Endpoint::AnthropicMessages => "usage-messages",
        }
    }

    /// The path under the provider's base URL.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::OpenaiCosts => "/v1/organization/costs",
            Endpoint::OpenaiCompletions => "/v1/organization/usage/completions",
            Endpoint::AnthropicCosts => "/v1/organizations/cost_report",
            Endpoint::AnthropicMessages => "/v1/organizations/usage_report/messages",
        }
    }

    fn format_id(self) -> &'static str {
        match self {
            Endpoint::OpenaiCosts | Endpoint::OpenaiCompletions => "openai-admin-json",
            Endpoint::AnthropicCosts | Endpoint::AnthropicMessages => "anthropic-admin-json",
        }
    }

    /// The endpoints of one provider, in the order a run fetches them
    /// (none for a provider with no Admin API: see `Provider::API_BILLED`).
    pub fn of(provider: Provider) -> &'static [Endpoint] {
        match provider {
            Provider::Openai => &[Endpoint::OpenaiCosts, Endpoint::OpenaiCompletions],
            Provider::Anthropic => &[Endpoint::AnthropicCosts, Endpoint::AnthropicMessages],
            _ => &[],
        }
    }
}

/// How hard to try when a provider is busy or briefly unreachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries per request, the first included.
    pub max_attempts: u32,
    /// The wait after the first failure; it doubles after each.
    pub first_delay: Duration,
    /// The longest wait, for backoff and for a provider's `retry-after` alike.
    pub max_delay: Duration,
    /// How long one request may take.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(120),
            timeout: Duration::from_secs(60),
        }
    }
}

/// What a sync run does.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The first UTC day to fetch; by default the day before the last day
    /// synced, or [`FIRST_SYNC_DAYS`] back on a first run.
    pub from: Option<NaiveDate>,
    /// Today, in UTC (the last day a run fetches).
    pub today: NaiveDate,
    /// Replaces `https://api.openai.com` (tests). Plain `http` is accepted
    /// only for this machine (loopback).
    pub openai_base_url: Option<String>,
    /// Replaces `https://api.anthropic.com` (tests), as above.
    pub anthropic_base_url: Option<String>,
    pub retry: RetryPolicy,
    /// Set it (from any thread) to stop the run at the next request or wait.
    pub cancel: Arc<AtomicBool>,
}

impl SyncOptions {
    pub fn new(today: NaiveDate) -> Self {
        SyncOptions {
            from: None,
            today,
            openai_base_url: None,
            anthropic_base_url: None,
            retry: RetryPolicy::default(),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Where a run is, for a progress display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncProgress {
    pub provider: Provider,
    pub endpoint: &'static str,
    #[serde(flatten)]
    pub stage: Stage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// Asking for page `page` (1-based).
    Fetching {
        page: u32,
    },
    /// Waiting before trying again: the provider answered `status` (`None`
    /// when it could not be reached).
    Waiting {
        status: Option<u16>,
        attempt: u32,
        delay_ms: u64,
    },
    /// Importing the pages fetched.
    Importing {
        pages: u32,
    },
    Done {
        added: u64,
        duplicates: u64,
    },
}

/// What one endpoint's run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointReport {
    pub provider: Provider,
    pub endpoint: &'static str,
    /// First and last UTC day asked for.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub pages: u32,
    /// The import batch the records went into (`undo-import` takes it).
    pub batch_id: Option<i64>,
    pub added: u64,
    pub duplicates: u64,
}

/// Why a sync stopped. No variant holds the key: provider messages are
/// scrubbed of anything that looks like one before they are kept.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(
        "no {name} Admin key is stored; add one with `aispend keys set {id}` \
         (sync is off until a key is stored)",
        name = .provider.name(),
        id = .provider.as_str()
    )]
    NoKey { provider: Provider },
    #[error(
        "{name} refused the {name} Admin key stored in the OS keychain (HTTP {status}: \
         {detail}). {advice}",
        name = .provider.name(),
        advice = key_advice(*.provider, *.status)
    )]
    KeyRejected {
        provider: Provider,
        status: u16,
        detail: String,
    },
    #[error("{name} answered HTTP {status} for {path}: {detail}", name = .provider.name())]
    Http {
        provider: Provider,
        path: &'static str,
        status: u16,
        detail: String,
    },
    #[error(
        "could not reach {name} ({host}): {detail}; check the network connection and try again",
        name = .provider.name()
    )]
    Network {
        provider: Provider,
        host: String,
        detail: String,
    },
    #[error("{name} sent a page of {path} that could not be read: {detail}", name = .provider.name())]
    BadResponse {
        provider: Provider,
        path: &'static str,
        detail: String,
    },
    #[error("the {name} base URL {url:?} cannot be used: {reason}", name = .provider.name())]
    BaseUrl {
        provider: Provider,
        url: String,
        reason: &'static str,
    },
    #[error("sync cancelled; nothing was imported for the endpoint in progress")]
    Cancelled,
    #[error("the records synced from {path} could not be imported")]
    Import {
        path: &'static str,
        #[source]
        source: Box<ImportError>,
    },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error("could not start the network client: {0}")]
    Client(String),
}

impl SyncError {
    /// Whether the user gave something unusable (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            SyncError::Key(k) => k.is_bad_input(),
            SyncError::NoKey { .. } | SyncError::BaseUrl { .. } => true,
            _ => false,
        }
    }
}

fn key_advice(provider: Provider, status: u16) -> String {
    let id = provider.as_str();
    let kind = match provider {
        Provider::Openai => "an OpenAI Admin key (sk-admin-...) created by an organization owner",
        Provider::Anthropic => {
            "an Anthropic Admin key (sk-ant-admin...) of an organization (individual accounts \
             have no Admin API)"
        }
        _ => "an Admin key of a provider whose Admin API AI Spend reads (OpenAI, Anthropic)",
    };
    if status == 403 {
        format!(
            "The key was recognised but may not read usage and costs: use {kind}, then \
             store it with `aispend keys set {id}`."
        )
    } else {
        format!(
            "The key may be mistyped, revoked or expired: create a new one ({kind}) and \
             store it with `aispend keys set {id}`, or remove it with `aispend keys remove {id}`."
        )
    }
}

/// Syncs one provider's endpoints with its Admin key.
pub fn sync_provider(
    ledger: &mut Ledger,
    key: &AdminKey,
    opts: &SyncOptions,
    progress: &mut dyn FnMut(&SyncProgress),
) -> Result<Vec<EndpointReport>, SyncError> {
    let provider = key.provider();
    let base = base_url(provider, opts)?;
    let client = client(&base, opts)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SyncError::Client(e.to_string()))?;
    let mut reports = Vec::new();
    for &endpoint in Endpoint::of(provider) {
        let from = match opts.from {
            Some(d) => d,
            None => match state::synced_through(ledger, endpoint)? {
                Some(last) => last.checked_sub_days(Days::new(1)).unwrap_or(last),
                None => opts
                    .today
                    .checked_sub_days(Days::new(FIRST_SYNC_DAYS))
                    .unwrap_or(opts.today),
            },
        }
        .min(opts.today);
        let fetched = runtime.block_on(fetch_all(
            &client, endpoint, key, &base, from, opts, progress,
        ));
        let pages = match fetched {
            Ok(pages) => pages,
            Err(e) => {
                let result = match e {
                    SyncError::Cancelled => state::RunResult::Cancelled,
                    _ => state::RunResult::Failed,
                };
                state::record(ledger, endpoint, result, None, None)?;
                return Err(e);
            }
        };
        let report = match import_pages(ledger, endpoint, from, opts.today, &pages, progress) {
            Ok(r) => r,
            Err(e) => {
                state::record(ledger, endpoint, state::RunResult::Failed, None, None)?;
                return Err(e);
            }
        };
        state::record(
            ledger,
            endpoint,
            state::RunResult::Ok,
            Some(opts.today),
            report.batch_id,
        )?;
        reports.push(report);
    }
    Ok(reports)
}

/// The file name a sync's batch is recorded under:
/// `openai-costs-sync-2026-10-01..2026-11-24.json`.
pub(crate) fn batch_file_name(endpoint: Endpoint, from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "{}-{}-sync-{from}..{to}.json",
        endpoint.provider().as_str(),
        endpoint.id()
    )
}

/// The endpoint and first day of a sync batch's file name
/// ([`batch_file_name`]); `None` for any other file.
pub(crate) fn parse_batch_file_name(name: &str) -> Option<(Endpoint, NaiveDate)> {
    Endpoint::ALL.into_iter().find_map(|endpoint| {
        let rest = name.strip_prefix(&format!(
            "{}-{}-sync-",
            endpoint.provider().as_str(),
            endpoint.id()
        ))?;
        let (from, rest) = rest.split_once("..")?;
        let to = rest.strip_suffix(".json")?;
        to.parse::<NaiveDate>().ok()?;
        Some((endpoint, from.parse().ok()?))
    })
}

fn import_pages(
    ledger: &mut Ledger,
    endpoint: Endpoint,
    from: NaiveDate,
    to: NaiveDate,
    pages: &[String],
    progress: &mut dyn FnMut(&SyncProgress),
) -> Result<EndpointReport, SyncError> {
    let provider = endpoint.provider();
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    progress(&SyncProgress {
        provider,
        endpoint: endpoint.id(),
        stage: Stage::Importing { pages: count },
    });
    // One page per line: the layout `openai-admin-json` and
    // `anthropic-admin-json` read as a saved series of pages.
    let body = pages.join("\n");
    let display = format!("{} {}", provider.name(), endpoint.path());
    let file_name = batch_file_name(endpoint, from, to);
    let opts = ImportOptions {
        format: Some(endpoint.format_id().to_owned()),
        ..ImportOptions::default()
    };
    let outcome = import_reader(
        ledger,
        &display,
        &file_name,
        body.as_bytes(),
        body.len() as u64,
        &opts,
        &mut |_| {},
    )
    .map_err(|source| SyncError::Import {
        path: endpoint.path(),
        source: Box::new(source),
    })?;
    progress(&SyncProgress {
        provider,
        endpoint: endpoint.id(),
        stage: Stage::Done {
            added: outcome.added,
            duplicates: outcome.duplicates,
        },
    });
    Ok(EndpointReport {
        provider,
        endpoint: endpoint.id(),
        from,
        to,
        pages: count,
        batch_id: outcome.batch_id,
        added: outcome.added,
        duplicates: outcome.duplicates,
    })
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn base_url(provider: Provider, opts: &SyncOptions) -> Result<Url, SyncError> {
    let (given, default) = match provider {
        Provider::Openai => (opts.openai_base_url.as_deref(), openai::DEFAULT_BASE_URL),
        Provider::Anthropic => (
            opts.anthropic_base_url.as_deref(),
            anthropic::DEFAULT_BASE_URL,
        ),
        _ => {
            return Err(SyncError::BaseUrl {
                provider,
                url: String::new(),
                reason: "this provider has no Admin API AI Spend reads; import its export instead",
            })
        }
    };
    let text = given.unwrap_or(default);
    let bad = |reason| SyncError::BaseUrl {
        provider,
        url: text.to_owned(),
        reason,
    };
    let url = Url::parse(text).map_err(|_| bad("it is not a URL"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(bad(
                "plain http is allowed only to this machine (127.0.0.1)",
            ))
        }
        _ => return Err(bad("it must start with https://")),
    }
    if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(bad("it must name a host and no user"));
    }
    Ok(url)
}

/// `base` with `path` appended to its own path, no query.
pub(crate) fn join(base: &Url, path: &str) -> Result<Url, SyncError> {
    let mut url = base.clone();
    let full = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&full);
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

fn client(base: &Url, opts: &SyncOptions) -> Result<reqwest::Client, SyncError> {
    let mut builder = reqwest::Client::builder()
        // A redirect could carry the key's header to another host.
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(15).min(opts.retry.timeout))
        .timeout(opts.retry.timeout)
        .user_agent(concat!("aispend/", env!("CARGO_PKG_VERSION")));
    if is_loopback(base) {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| SyncError::Client(crate::error_text(&e)))
}

#[derive(Deserialize)]
struct PageMeta {
    #[allow(dead_code)] // present, or the body is not a page
    data: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    has_more: bool,
    next_page: Option<String>,
}

async fn fetch_all(
    client: &reqwest::Client,
    endpoint: Endpoint,
    key: &AdminKey,
    base: &Url,
    from: NaiveDate,
    opts: &SyncOptions,
    progress: &mut dyn FnMut(&SyncProgress),
) -> Result<Vec<String>, SyncError> {
    let provider = endpoint.provider();
    let headers = match endpoint {
        Endpoint::OpenaiCosts | Endpoint::OpenaiCompletions => openai::headers(key)?,
        Endpoint::AnthropicCosts | Endpoint::AnthropicMessages => anthropic::headers(key)?,
    };
    let bad = |detail: String| SyncError::BadResponse {
        provider,
        path: endpoint.path(),
        detail,
    };
    let mut pages = Vec::new();
    let mut next: Option<String> = None;
    loop {
        if pages.len() >= MAX_PAGES {
            return Err(bad(format!(
                "more than {MAX_PAGES} pages; sync a shorter period with --from"
            )));
        }
        let url = match endpoint {
            Endpoint::OpenaiCosts | Endpoint::OpenaiCompletions => {
                openai::url(base, endpoint.path(), from, next.as_deref())?
            }
            Endpoint::AnthropicCosts | Endpoint::AnthropicMessages => {
                anthropic::url(base, endpoint.path(), from, next.as_deref())?
            }
        };
        progress(&SyncProgress {
            provider,
            endpoint: endpoint.id(),
            stage: Stage::Fetching {
                page: u32::try_from(pages.len() + 1).unwrap_or(u32::MAX),
            },
        });
        let body = get(client, endpoint, &url, &headers, key, opts, progress).await?;
        let meta: PageMeta = serde_json::from_str(&body).map_err(|e| {
            bad(format!(
                "{e}; expected a page {{\"data\":[…],\"has_more\":…,\"next_page\":…}}"
            ))
        })?;
        pages.push(body);
        match (meta.has_more, meta.next_page) {
            (false, _) => return Ok(pages),
            (true, Some(p)) if !p.is_empty() && next.as_deref() != Some(p.as_str()) => {
                next = Some(p);
            }
            (true, _) => {
                return Err(bad(
                    "has_more is true but next_page is missing or repeats the last one".into(),
                ))
            }
        }
    }
}

/// Waits until the cancel flag is set.
async fn cancelled(flag: &AtomicBool) {
    while !flag.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sleeps `delay`, or returns `Cancelled` as soon as the flag is set.
async fn pause(delay: Duration, opts: &SyncOptions) -> Result<(), SyncError> {
    tokio::select! {
        _ = tokio::time::sleep(delay) => Ok(()),
        _ = cancelled(&opts.cancel) => Err(SyncError::Cancelled),
    }
}

fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let factor = 1u32 << attempt.saturating_sub(1).min(16);
    policy
        .first_delay
        .saturating_mul(factor)
        .min(policy.max_delay)
}

/// `retry-after` as a wait: seconds (the form the Admin APIs send), or an
/// HTTP date (RFC 9110: `Sun, 06 Nov 1994 08:49:37 GMT`) counted from
/// `now`; a date already past means no wait. Capped at a day; anything else
/// is ignored (backoff applies).
fn retry_after(headers: &HeaderMap, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    retry_after_text(headers.get(RETRY_AFTER)?.to_str().ok()?, now)
}

fn retry_after_text(text: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    const DAY: f64 = 86_400.0;
    let text = text.trim();
    if let Ok(secs) = text.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(DAY)));
    }
    let at = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let wait = (at.with_timezone(&chrono::Utc) - now)
        .to_std()
        .unwrap_or(Duration::ZERO);
    Some(wait.min(Duration::from_secs_f64(DAY)))
}

/// One GET, tried again on 429, 5xx and transient network failures.
async fn get(
    client: &reqwest::Client,
    endpoint: Endpoint,
    url: &Url,
    headers: &HeaderMap,
    key: &AdminKey,
    opts: &SyncOptions,
    progress: &mut dyn FnMut(&SyncProgress),
) -> Result<String, SyncError> {
    let provider = endpoint.provider();
    let policy = &opts.retry;
    let max = policy.max_attempts.max(1);
    let mut attempt = 0;
    loop {
        attempt += 1;
        if opts.cancelled() {
            return Err(SyncError::Cancelled);
        }
        let send = client.get(url.clone()).headers(headers.clone()).send();
        let sent = tokio::select! {
            r = send => r,
            _ = cancelled(&opts.cancel) => return Err(SyncError::Cancelled),
        };
        let (status, wait) = match sent {
            Ok(resp) => {
                let status = resp.status();
                if status.is_success() {
                    return read_body(resp, endpoint, opts).await;
                }
                let after = retry_after(resp.headers(), chrono::Utc::now());
                let body = read_body(resp, endpoint, opts).await.unwrap_or_default();
                let detail = error_detail(&body, key);
                let code = status.as_u16();
                if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                    return Err(SyncError::KeyRejected {
                        provider,
                        status: code,
                        detail,
                    });
                }
                let retryable = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
                if !retryable || attempt >= max {
                    return Err(SyncError::Http {
                        provider,
                        path: endpoint.path(),
                        status: code,
                        detail,
                    });
                }
                let wait =
                    after.map_or_else(|| backoff(policy, attempt), |a| a.min(policy.max_delay));
                (Some(code), wait)
            }
            Err(e) => {
                if attempt >= max || !(e.is_connect() || e.is_timeout() || e.is_request()) {
                    return Err(SyncError::Network {
                        provider,
                        host: url.host_str().unwrap_or_default().to_owned(),
                        detail: scrub(&crate::error_text(&e.without_url()), key),
                    });
                }
                (None, backoff(policy, attempt))
            }
        };
        progress(&SyncProgress {
            provider,
            endpoint: endpoint.id(),
            stage: Stage::Waiting {
                status,
                attempt,
                delay_ms: u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            },
        });
        pause(wait, opts).await?;
    }
}

async fn read_body(
    mut resp: reqwest::Response,
    endpoint: Endpoint,
    opts: &SyncOptions,
) -> Result<String, SyncError> {
    let provider = endpoint.provider();
    let mut buf = Vec::new();
    loop {
        let chunk = tokio::select! {
            c = resp.chunk() => c,
            _ = cancelled(&opts.cancel) => return Err(SyncError::Cancelled),
        };
        match chunk {
            Ok(Some(bytes)) => {
                buf.extend_from_slice(&bytes);
                if buf.len() > MAX_PAGE_BYTES {
                    return Err(SyncError::BadResponse {
                        provider,
                        path: endpoint.path(),
                        detail: format!("a page larger than {MAX_PAGE_BYTES} bytes"),
                    });
                }
            }
            Ok(None) => break,
            Err(e) => {
                return Err(SyncError::Network {
                    provider,
                    host: String::new(),
                    detail: crate::error_text(&e.without_url()),
                })
            }
        }
    }
    String::from_utf8(buf).map_err(|_| SyncError::BadResponse {
        provider,
        path: endpoint.path(),
        detail: "the body is not UTF-8 text".into(),
    })
}

/// The provider's error message (`{"error":{"message":…}}`, both providers),
/// else the start of the body; scrubbed of keys and cut short.
fn error_detail(body: &str, key: &AdminKey) -> String {
    #[derive(Deserialize)]
    struct Outer {
        error: Inner,
    }
    #[derive(Deserialize)]
    struct Inner {
        message: Option<String>,
    }
    let text = match serde_json::from_str::<Outer>(body) {
        Ok(Outer {
            error: Inner { message: Some(m) },
        }) => m,
        _ if body.trim().is_empty() => "no message".to_owned(),
        _ => body.trim().to_owned(),
    };
    let mut text = scrub(&text, key);
    if text.chars().count() > 300 {
        text = text.chars().take(300).collect::<String>() + "…";
    }
    text
}

/// Removes the key, and anything shaped like a provider key, from a text
/// that is about to be shown or kept (provider messages echo keys).
pub(crate) fn scrub(text: &str, key: &AdminKey) -> String {
    let without = text.replace(key.expose(), "[key]");
    let mut out = String::with_capacity(without.len());
    let mut rest = without.as_str();
    while let Some(at) = rest.find("sk-") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_*.".contains(c)))
            .unwrap_or(tail.len());
        out.push_str("[key]");
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        use std::time::Duration;
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T08:49:30Z")
            .expect("now")
            .with_timezone(&chrono::Utc);
        let wait = |t: &str| super::retry_after_text(t, now);
        assert_eq!(wait("7"), Some(Duration::from_secs(7)));
        assert_eq!(wait(" 1.5 "), Some(Duration::from_millis(1500)));
        assert_eq!(
            wait("Tue, 24 Nov 2026 08:49:37 GMT"),
            Some(Duration::from_secs(7))
        );
        // Past dates mean "now"; far ones are capped at a day.
        assert_eq!(wait("Tue, 24 Nov 2026 08:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(
            wait("Fri, 24 Nov 2028 08:00:00 GMT"),
            Some(Duration::from_secs(86_400))
        );
        assert_eq!(wait("99999999"), Some(Duration::from_secs(86_400)));
        for bad in ["", "-3", "soon", "NaN", "inf", "2026-11-24T08:49:37Z"] {
            assert_eq!(wait(bad), None, "{bad:?}");
        }
    }

    use super::*;

    fn key() -> AdminKey {
        AdminKey::from_input(Provider::Openai, "sk-admin-SECRET0123456789".into()).expect("key")
    }

    #[test]
    fn scrub_removes_keys() {
        let k = key();
        let s = scrub(
            "Incorrect API key provided: sk-admin-SECRET0123456789. Also sk-admin-SE***789 and sk-ant-admin01-x.",
            &k,
        );
        assert_eq!(s, "Incorrect API key provided: [key]. Also [key] and [key]");
        assert!(!s.contains("SECRET"));
    }

    #[test]
    fn plain_http_only_to_loopback() {
        let mut opts = SyncOptions::new(NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"));
        for ok in [
            "http://127.0.0.1:9",
            "http://localhost:1/x",
            "https://api.openai.com",
            "http://[::1]:3",
        ] {
            opts.openai_base_url = Some(ok.into());
            base_url(Provider::Openai, &opts).expect(ok);
        }
        for bad in [
            "http://example.com",
            "ftp://127.0.0.1",
            "nonsense",
            "https://u:p@h.com",
        ] {
            opts.openai_base_url = Some(bad.into());
            assert!(base_url(Provider::Openai, &opts).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_carry_the_documented_parameters() {
        let from = NaiveDate::from_ymd_opt(2024, 11, 1).expect("date");
        let base = Url::parse("http://127.0.0.1:1/prefix/").expect("url");
        let u =
            openai::url(&base, Endpoint::OpenaiCosts.path(), from, Some("tok/+=")).expect("url");
        assert_eq!(
            u.as_str(),
            "http://127.0.0.1:1/prefix/v1/organization/costs?start_time=1730419200&bucket_width=1d&group_by=project_id&group_by=line_item&limit=180&page=tok%2F%2B%3D"
        );
        let u = anthropic::url(&base, Endpoint::AnthropicCosts.path(), from, None).expect("url");
        assert_eq!(
            u.as_str(),
            "http://127.0.0.1:1/prefix/v1/organizations/cost_report?starting_at=2024-11-01T00%3A00%3A00Z&bucket_width=1d&group_by%5B%5D=workspace_id&group_by%5B%5D=description&limit=31"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy {
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
            ..RetryPolicy::default()
        };
        let waits: Vec<_> = (1..=5).map(|a| backoff(&p, a).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 500, 500]);
    }
}

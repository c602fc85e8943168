//! Anthropic's Admin API: `GET /v1/organizations/cost_report` and
//! `GET /v1/organizations/usage_report/messages` (headers `x-api-key` and
//! `anthropic-version: 2023-06-01`).
//!
//! Daily buckets from `starting_at` (RFC 3339, UTC midnight) to now; costs are
//! grouped by workspace and description, message usage by workspace and
//! model. Pages follow `has_more` / `next_page` (sent back as `page`).

use chrono::NaiveDate;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Url;

use super::keys::AdminKey;
use super::SyncError;

pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
pub const API_VERSION: &str = "2023-06-01";

pub(crate) fn url(
    base: &Url,
    path: &str,
    from: NaiveDate,
    page: Option<&str>,
) -> Result<Url, SyncError> {
    let mut url = super::join(base, path)?;
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("starting_at", &format!("{from}T00:00:00Z"));
        q.append_pair("bucket_width", "1d");
        q.append_pair("group_by[]", "workspace_id");
        if path.ends_with("/cost_report") {
            q.append_pair("group_by[]", "description");
        } else {
            q.append_pair("group_by[]", "model");
        }
        q.append_pair("limit", "31");
        if let Some(p) = page {
            q.append_pair("page", p);
        }
    }
    Ok(url)
}

pub(crate) fn headers(key: &AdminKey) -> Result<HeaderMap, SyncError> {
    let mut h = HeaderMap::new();
    let mut k = HeaderValue::from_str(key.expose()).map_err(|_| {
        SyncError::Key(super::keys::KeyError::StoredInvalid {
            provider: key.provider(),
        })
    })?;
    k.set_sensitive(true);
    h.insert(HeaderName::from_static("x-api-key"), k);
    h.insert(
        HeaderName::from_static("anthropic-version"),
        HeaderValue::from_static(API_VERSION),
    );
    Ok(h)
}

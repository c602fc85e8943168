//! OpenAI's Admin API: `GET /v1/organization/costs` and
//! `GET /v1/organization/usage/completions` (Bearer auth with an Admin key).
//!
//! Daily buckets from `start_time` (unix seconds, inclusive) to now; costs are
//! grouped by project and line item, completions usage by project and model.
//! Pages follow `has_more` / `next_page` (sent back as `page`).

use chrono::NaiveDate;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::Url;

use super::keys::AdminKey;
use super::SyncError;

pub const DEFAULT_BASE_URL: &str = "https://api.openai.com";

/// The largest `limit` each endpoint takes for daily buckets.
pub(crate) fn url(
    base: &Url,
    path: &str,
    from: NaiveDate,
    page: Option<&str>,
) -> Result<Url, SyncError> {
    let mut url = super::join(base, path)?;
    let start = from
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or_default();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("start_time", &start.to_string());
        q.append_pair("bucket_width", "1d");
        if path.ends_with("/costs") {
            q.append_pair("group_by", "project_id");
            q.append_pair("group_by", "line_item");
            q.append_pair("limit", "180");
        } else {
            q.append_pair("group_by", "project_id");
            q.append_pair("group_by", "model");
            q.append_pair("limit", "31");
        }
        if let Some(p) = page {
            q.append_pair("page", p);
        }
    }
    Ok(url)
}

pub(crate) fn headers(key: &AdminKey) -> Result<HeaderMap, SyncError> {
    let mut h = HeaderMap::new();
    let mut auth = HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
        SyncError::Key(super::keys::KeyError::StoredInvalid {
            provider: key.provider(),
        })
    })?;
    auth.set_sensitive(true);
    h.insert(AUTHORIZATION, auth);
    Ok(h)
}

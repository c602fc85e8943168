//! The provider's API error, as the user pastes it.
//!
//! Accepted shapes:
//! - OpenAI's body `{"error":{"message","type","param","code"}}`;
//! - Anthropic's body `{"type":"error","error":{"type","message"}}`;
//! - a short form `{"status": 429, "code": "insufficient_quota"}` (or `"type"`);
//! - any of those as *text*: with whitespace around it, after an HTTP status
//!   line (`HTTP/1.1 429 Too Many Requests`) and headers, or after the
//!   `Error code: 429 - ` prefix the Python SDK prints, whose body is a Python
//!   dict (`'single quotes'`, `None`); or just the bare code
//!   (`insufficient_quota`).
//!
//! Only the classification ([`ApiErrorKind`]) feeds the diagnosis; the
//! status, type, code and message are kept to be shown back.

use serde_json::{Map, Value};

use crate::ai_provider::Provider;
use crate::i18n::Msg;
use crate::msg;

/// What an API error says about money, in the terms the diagnosis uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorKind {
    /// The account has no usable credit, or a spending cap stopped it.
    Quota(QuotaCode),
    /// Too many requests or tokens per minute: not a balance problem.
    RateLimit,
    /// The model does not exist or the key may not use it.
    ModelAccess,
    /// The key is wrong, revoked or not accepted.
    InvalidKey,
    /// The request came from a country or territory the API does not serve.
    UnsupportedRegion,
    /// Read, but not one the diagnosis has a rule for.
    Other,
}

/// Which quota error it was: the code tells a used-up balance from a cap
/// someone set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaCode {
    /// `insufficient_quota` with code `insufficient_quota` or null.
    InsufficientQuota,
    /// `credit_balance_exhausted`.
    CreditBalanceExhausted,
    /// `organization_spend_limit_exceeded`.
    OrganizationSpendLimit,
    /// `project_spend_limit_exceeded`.
    ProjectSpendLimit,
    /// `organization_usage_limit_exceeded`.
    OrganizationUsageLimit,
    /// `billing_hard_limit_reached` (older accounts).
    BillingHardLimit,
    /// Anthropic: "credit balance is too low" (or a `billing_error`).
    CreditBalanceTooLow,
}

impl QuotaCode {
    /// A cap set by someone in the organization, rather than an empty balance.
    pub fn is_spend_limit(self) -> bool {
        matches!(
            self,
            QuotaCode::OrganizationSpendLimit
                | QuotaCode::ProjectSpendLimit
                | QuotaCode::OrganizationUsageLimit
                | QuotaCode::BillingHardLimit
        )
    }
}

/// A provider's API error, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Whose error body this is, judged by its shape.
    pub provider: Provider,
    /// The HTTP status, when the paste or the object gives one.
    pub status: Option<u16>,
    pub error_type: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub kind: ApiErrorKind,
}

const KNOWN_CODES: &[&str] = &[
    "credit_balance_exhausted",
    "organization_spend_limit_exceeded",
    "project_spend_limit_exceeded",
    "organization_usage_limit_exceeded",
    "billing_hard_limit_reached",
    "insufficient_quota",
    "rate_limit_exceeded",
    "model_not_found",
    "invalid_api_key",
    "unsupported_country_region_territory",
    "rate_limit_error",
    "authentication_error",
    "permission_error",
    "not_found_error",
    "billing_error",
];

impl ApiError {
    /// Reads an `api_error` fact: an object, or a string of pasted text.
    /// The error is the problem as a message (the caller names the field).
    pub fn from_json(value: &Value) -> Result<ApiError, Msg> {
        match value {
            Value::String(text) => ApiError::from_text(text),
            Value::Object(map) => ApiError::from_object(map, None),
            other => Err(msg!("topup-api-not-a-body", kind = kind_of(other))),
        }
    }

    /// Reads pasted text leniently (see the module documentation).
    pub fn from_text(text: &str) -> Result<ApiError, Msg> {
        let text = text.trim();
        if text.is_empty() {
            return Err(msg!("topup-api-empty"));
        }
        let status = status_in_text(text);
        if let (Some(start), Some(end)) = (text.find('{'), text.rfind('}')) {
            if start < end {
                let body = &text[start..=end];
                let parsed = serde_json::from_str::<Value>(body)
                    .ok()
                    .or_else(|| python_to_json(body).and_then(|j| serde_json::from_str(&j).ok()));
                return match parsed {
                    Some(Value::Object(map)) => ApiError::from_object(&map, status),
                    _ => Err(msg!("topup-api-cut-off")),
                };
            }
        }
        // No body: a bare code, perhaps after a status.
        let lower = text.to_ascii_lowercase();
        if let Some(code) = KNOWN_CODES.iter().find(|c| contains_word(&lower, c)) {
            let code = (*code).to_owned();
            let e = if code.ends_with("_error") {
                classify(Some(code), None, None, status, Some(Provider::Anthropic))
            } else {
                classify(None, Some(code), None, status, None)
            };
            return Ok(e);
        }
        Err(msg!("topup-api-nothing-found"))
    }

    fn from_object(map: &Map<String, Value>, status: Option<u16>) -> Result<ApiError, Msg> {
        let status = status.or_else(|| status_field(map));
        let anthropic_shape = map.get("type").and_then(Value::as_str) == Some("error");
        match map.get("error") {
            Some(Value::Object(inner)) => {
                let provider = if anthropic_shape {
                    Provider::Anthropic
                } else {
                    Provider::Openai
                };
                Ok(classify(
                    text_field(inner, "type"),
                    text_field(inner, "code"),
                    text_field(inner, "message"),
                    status.or_else(|| status_field(inner)),
                    Some(provider),
                ))
            }
            Some(Value::String(message)) => Ok(classify(
                text_field(map, "type"),
                text_field(map, "code"),
                Some(message.clone()),
                status,
                None,
            )),
            Some(other) => Err(msg!("topup-api-error-member", kind = kind_of(other))),
            None => {
                let (t, c, m) = (
                    text_field(map, "type"),
                    text_field(map, "code"),
                    text_field(map, "message"),
                );
                if t.is_none() && c.is_none() && m.is_none() && status.is_none() {
                    return Err(msg!("topup-api-no-members"));
                }
                Ok(classify(t, c, m, status, None))
            }
        }
    }

    /// The code if there is one, else the type: what to show in one word.
    pub fn label(&self) -> String {
        let name = self
            .code
            .as_deref()
            .or(self.error_type.as_deref())
            .unwrap_or("an unnamed error");
        match self.status {
            Some(s) => format!("{name} (HTTP {s})"),
            None => name.to_owned(),
        }
    }

    /// A short JSON summary for evidence and fact listings.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("provider".into(), Value::from(self.provider.as_str()));
        if let Some(s) = self.status {
            m.insert("status".into(), Value::from(s));
        }
        if let Some(t) = &self.error_type {
            m.insert("type".into(), Value::from(t.as_str()));
        }
        m.insert(
            "code".into(),
            self.code.as_deref().map_or(Value::Null, Value::from),
        );
        Value::Object(m)
    }

    /// A representative error of each kind, for the "what would change the
    /// answer" probe.
    pub(crate) fn example(kind: ApiErrorKind) -> ApiError {
        let (t, c) = match kind {
            ApiErrorKind::Quota(_) => ("insufficient_quota", "insufficient_quota"),
            ApiErrorKind::RateLimit => ("tokens", "rate_limit_exceeded"),
            ApiErrorKind::ModelAccess => ("invalid_request_error", "model_not_found"),
            ApiErrorKind::InvalidKey => ("invalid_request_error", "invalid_api_key"),
            ApiErrorKind::UnsupportedRegion => {
                ("request_forbidden", "unsupported_country_region_territory")
            }
            ApiErrorKind::Other => ("server_error", "server_error"),
        };
        classify(
            Some(t.to_owned()),
            Some(c.to_owned()),
            None,
            None,
            Some(Provider::Openai),
        )
    }
}

fn classify(
    error_type: Option<String>,
    code: Option<String>,
    message: Option<String>,
    status: Option<u16>,
    provider: Option<Provider>,
) -> ApiError {
    let t = error_type.as_deref().unwrap_or("");
    let c = code.as_deref().unwrap_or("");
    let msg = message.as_deref().unwrap_or("").to_ascii_lowercase();
    let anthropic_type = matches!(
        t,
        "rate_limit_error"
            | "authentication_error"
            | "permission_error"
            | "not_found_error"
            | "billing_error"
            | "overloaded_error"
            | "api_error"
    ) || (t == "invalid_request_error" && msg.contains("credit balance"));
    let provider = provider.unwrap_or(if anthropic_type {
        Provider::Anthropic
    } else {
        Provider::Openai
    });
    let by_code = match c {
        "insufficient_quota" => Some(ApiErrorKind::Quota(QuotaCode::InsufficientQuota)),
        "credit_balance_exhausted" => Some(ApiErrorKind::Quota(QuotaCode::CreditBalanceExhausted)),
        "organization_spend_limit_exceeded" => {
            Some(ApiErrorKind::Quota(QuotaCode::OrganizationSpendLimit))
        }
        "project_spend_limit_exceeded" => Some(ApiErrorKind::Quota(QuotaCode::ProjectSpendLimit)),
        "organization_usage_limit_exceeded" => {
            Some(ApiErrorKind::Quota(QuotaCode::OrganizationUsageLimit))
        }
        "billing_hard_limit_reached" => Some(ApiErrorKind::Quota(QuotaCode::BillingHardLimit)),
        "rate_limit_exceeded" => Some(ApiErrorKind::RateLimit),
        "model_not_found" => Some(ApiErrorKind::ModelAccess),
        "invalid_api_key" => Some(ApiErrorKind::InvalidKey),
        "unsupported_country_region_territory" => Some(ApiErrorKind::UnsupportedRegion),
        _ => None,
    };
    let by_type = || match t {
        "insufficient_quota" => Some(ApiErrorKind::Quota(QuotaCode::InsufficientQuota)),
        "tokens" | "requests" | "rate_limit_error" => Some(ApiErrorKind::RateLimit),
        "authentication_error" => Some(ApiErrorKind::InvalidKey),
        "permission_error" | "not_found_error" => Some(ApiErrorKind::ModelAccess),
        "billing_error" => Some(ApiErrorKind::Quota(QuotaCode::CreditBalanceTooLow)),
        "invalid_request_error" if msg.contains("credit balance is too low") => {
            Some(ApiErrorKind::Quota(QuotaCode::CreditBalanceTooLow))
        }
        _ => None,
    };
    let by_message = || {
        if msg.contains("exceeded your current quota") {
            Some(ApiErrorKind::Quota(QuotaCode::InsufficientQuota))
        } else if msg.contains("credit balance is too low") {
            Some(ApiErrorKind::Quota(QuotaCode::CreditBalanceTooLow))
        } else if msg.contains("billing hard limit") {
            Some(ApiErrorKind::Quota(QuotaCode::BillingHardLimit))
        } else if msg.contains("rate limit reached") {
            Some(ApiErrorKind::RateLimit)
        } else if msg.contains("incorrect api key") {
            Some(ApiErrorKind::InvalidKey)
        } else if msg.contains("does not exist or you do not have access") {
            Some(ApiErrorKind::ModelAccess)
        } else if msg.contains("country, region, or territory not supported") {
            Some(ApiErrorKind::UnsupportedRegion)
        } else {
            None
        }
    };
    let kind = by_code
        .or_else(by_type)
        .or_else(by_message)
        .unwrap_or(ApiErrorKind::Other);
    ApiError {
        provider,
        status,
        error_type,
        code,
        message,
        kind,
    }
}

fn text_field(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

fn status_field(map: &Map<String, Value>) -> Option<u16> {
    match map.get("status").or_else(|| map.get("status_code")) {
        Some(Value::Number(n)) => n.as_u64().and_then(|s| u16::try_from(s).ok()),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What kind of JSON value `v` is, in words.
fn kind_of(v: &Value) -> Msg {
    match v {
        Value::Null => msg!("topup-json-null"),
        Value::Bool(_) => msg!("topup-json-bool"),
        Value::Number(_) => msg!("topup-json-number"),
        Value::String(_) => msg!("topup-json-string"),
        Value::Array(_) => msg!("topup-json-list"),
        Value::Object(_) => msg!("topup-json-object"),
    }
}

/// `Error code: 429 - ...`, `HTTP/1.1 429 Too Many Requests`, `status: 429`.
fn status_in_text(text: &str) -> Option<u16> {
    let head = match text.find('{') {
        Some(i) => &text[..i],
        None => text,
    };
    let lower = head.to_ascii_lowercase();
    for marker in [
        "error code:",
        "http/1.1",
        "http/1.0",
        "http/2",
        "http/3",
        "status:",
    ] {
        if let Some(i) = lower.find(marker) {
            let rest = lower[i + marker.len()..].trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 3 {
                return digits.parse().ok();
            }
        }
    }
    None
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        edge(before) && edge(after)
    })
}

/// Turns a Python dict literal (what `print(e)` shows for an SDK error) into
/// JSON: quoted strings of either kind, `None`, `True`, `False`. Returns None
/// when a string is not closed.
fn python_to_json(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let mut s = String::new();
                let mut closed = false;
                while let Some(d) = chars.next() {
                    if d == c {
                        closed = true;
                        break;
                    }
                    if d == '\\' {
                        match chars.next()? {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            other => s.push(other),
                        }
                    } else {
                        s.push(d);
                    }
                }
                if !closed {
                    return None;
                }
                out.push_str(&serde_json::to_string(&s).ok()?);
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        word.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push_str(match word.as_str() {
                    "None" => "null",
                    "True" => "true",
                    "False" => "false",
                    other => other,
                });
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(t: &str) -> ApiError {
        ApiError::from_text(t).unwrap_or_else(|e| panic!("{t:?}: {e:?}"))
    }

    // The bodies below are verbatim from reference/formats.md §1.4.
    const QUOTA: &str = r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;

    #[test]
    fn openai_insufficient_quota_with_code_and_with_null_code() {
        let e = text(QUOTA);
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::InsufficientQuota));
        assert_eq!(e.provider, Provider::Openai);
        let older = QUOTA.replace(r#""code":"insufficient_quota""#, r#""code":null"#);
        let e = text(&older);
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::InsufficientQuota));
        assert_eq!(e.code, None);
    }

    #[test]
    fn openai_quota_codes() {
        for (code, want) in [
            (
                "credit_balance_exhausted",
                QuotaCode::CreditBalanceExhausted,
            ),
            (
                "organization_spend_limit_exceeded",
                QuotaCode::OrganizationSpendLimit,
            ),
            ("project_spend_limit_exceeded", QuotaCode::ProjectSpendLimit),
            (
                "organization_usage_limit_exceeded",
                QuotaCode::OrganizationUsageLimit,
            ),
        ] {
            let v = json!({"error":{"message":"x","type":"insufficient_quota","param":null,"code":code}});
            let e = ApiError::from_json(&v).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(e.kind, ApiErrorKind::Quota(want), "{code}");
        }
    }

    #[test]
    fn openai_billing_hard_limit() {
        let e = text(
            r#"{"error":{"message":"Billing hard limit has been reached","type":"invalid_request_error","param":null,"code":"billing_hard_limit_reached"}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::BillingHardLimit));
        assert!(QuotaCode::BillingHardLimit.is_spend_limit());
    }

    #[test]
    fn openai_rate_limit_model_key_region() {
        let e = text(
            r#"{"error":{"message":"Rate limit reached for gpt-4 in organization org-Xk3abc on tokens per min. Limit: 10000 / min. Please try again in 6ms.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::RateLimit);
        let e = text(
            r#"{"error":{"message":"The model `o3-mini-2025-01-31` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::ModelAccess);
        let e = text(
            r#"{"error":{"message":"Incorrect API key provided: kk. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::InvalidKey);
        let e = text(
            r#"{"error":{"message":"Country, region, or territory not supported.","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::UnsupportedRegion);
    }

    #[test]
    fn a_server_error_is_read_but_not_classified() {
        let e = text(
            r#"{"error":{"message":"Your request to GET /dashboard/billing/credit_grants must be made with a session key.","type":"server_error","param":null,"code":null}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::Other);
    }

    #[test]
    fn pasted_with_whitespace_status_line_or_sdk_prefix() {
        let e = text(&format!("\n\n   {QUOTA}  \n"));
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::InsufficientQuota));
        let e = text(&format!(
            "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\n\r\n{QUOTA}"
        ));
        assert_eq!(e.status, Some(429));
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::InsufficientQuota));
        let e = text(&format!("Error code: 429 - {QUOTA}"));
        assert_eq!(e.status, Some(429));
    }

    #[test]
    fn python_sdk_dict_repr() {
        let e = text(
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
        );
        assert_eq!(e.status, Some(429));
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::InsufficientQuota));
        let e = text(
            "Error code: 404 - {'error': {'message': \"The model `gpt-x` doesn't exist\", 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
        );
        assert_eq!(e.kind, ApiErrorKind::ModelAccess);
        assert_eq!(
            e.message.as_deref(),
            Some("The model `gpt-x` doesn't exist")
        );
    }

    #[test]
    fn short_forms_and_bare_codes() {
        let e = ApiError::from_json(&json!({"status": 429, "code": "rate_limit_exceeded"}))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((e.kind, e.status), (ApiErrorKind::RateLimit, Some(429)));
        let e = text("429 insufficient_quota");
        assert_eq!(e.kind, ApiErrorKind::Quota(QuotaCode::InsufficientQuota));
        let e = text("anthropic says: authentication_error");
        assert_eq!(
            (e.kind, e.provider),
            (ApiErrorKind::InvalidKey, Provider::Anthropic)
        );
    }

    #[test]
    fn anthropic_bodies() {
        let body = |t: &str, m: &str| json!({"type":"error","error":{"type":t,"message":m},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"});
        for (t, m, want) in [
            (
                "invalid_request_error",
                "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
                ApiErrorKind::Quota(QuotaCode::CreditBalanceTooLow),
            ),
            ("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", ApiErrorKind::RateLimit),
            ("authentication_error", "invalid x-api-key", ApiErrorKind::InvalidKey),
            ("permission_error", "Your API key does not have permission to use the specified resource.", ApiErrorKind::ModelAccess),
            ("not_found_error", "model: claude-x", ApiErrorKind::ModelAccess),
            ("invalid_request_error", "messages: field required", ApiErrorKind::Other),
        ] {
            let e = ApiError::from_json(&body(t, m)).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(e.kind, want, "{t}");
            assert_eq!(e.provider, Provider::Anthropic);
            // The same, pasted as text.
            let pasted = ApiError::from_text(&body(t, m).to_string()).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(pasted, e);
        }
    }

    #[test]
    fn unreadable_pastes_say_why() {
        for bad in [
            "",
            "   ",
            "it just says error",
            "{\"error\": {\"type\": \"insuff",
        ] {
            assert!(ApiError::from_text(bad).is_err(), "{bad:?}");
        }
        let cut = ApiError::from_text("Error code: 429 - {'error': {'message': 'x'").err();
        assert!(
            cut.is_some_and(|m| m.id == "topup-api-nothing-found" || m.id == "topup-api-cut-off")
        );
        let cut = ApiError::from_text("{'error': 'x' ] }").err();
        assert_eq!(cut.map(|m| m.id), Some("topup-api-cut-off".to_owned()));
        assert!(ApiError::from_json(&json!(429)).is_err());
        assert!(ApiError::from_json(&json!({"foo": 1})).is_err());
        assert!(ApiError::from_json(&json!({"error": 5})).is_err());
    }
}

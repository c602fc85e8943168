//! Tags on lines, and the conventions reimbursement reads from them.
//!
//! A tag is free text (trimmed, 1–100 characters, no control characters, no
//! comma). Two prefixes carry meaning: `client:NAME` says who pays the line
//! back (`report reimbursement --client NAME` selects it) and `project:NAME`
//! groups work. The prefix is stored lowercase; `NAME` is kept as written
//! and compared without regard to case, so `client:Acme` and `client:ACME`
//! are one client. Tags compare the same way: `Client:Acme` is `client:Acme`.

use super::ReimburseError;
use crate::msg;

/// The tag prefix that names a client.
pub const CLIENT: &str = "client:";
/// The tag prefix that names a project.
pub const PROJECT: &str = "project:";

/// Checks a tag and gives its stored form.
pub fn normalise(tag: &str) -> Result<String, ReimburseError> {
    let t = tag.trim();
    let bad = |why: crate::i18n::Msg| ReimburseError::BadTag {
        tag: tag.to_owned(),
        why,
    };
    if t.is_empty() {
        return Err(bad(msg!("apperr-tag-empty")));
    }
    if t.chars().count() > 100 {
        return Err(bad(msg!("apperr-tag-too-long", max = 100)));
    }
    if t.chars().any(char::is_control) {
        return Err(bad(msg!("apperr-tag-control")));
    }
    if t.contains(',') {
        return Err(bad(msg!("apperr-tag-comma")));
    }
    for prefix in [CLIENT, PROJECT] {
        if t.len() >= prefix.len()
            && t.is_char_boundary(prefix.len())
            && t[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            let name = t[prefix.len()..].trim();
            if name.is_empty() {
                return Err(bad(msg!(
                    "apperr-tag-no-name",
                    prefix = format!("{prefix:?}")
                )));
            }
            return Ok(format!("{prefix}{name}"));
        }
    }
    Ok(t.to_owned())
}

/// Whether two tags are the same tag (case folded).
pub fn same(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// The tag that marks a line for `client`.
pub fn client_tag(client: &str) -> Result<String, ReimburseError> {
    normalise(&format!("{CLIENT}{}", client.trim()))
}

/// Whether a line with `tags` is billed to `client`.
pub fn has_client(tags: &[String], client: &str) -> bool {
    let want = format!("{CLIENT}{}", client.trim()).to_lowercase();
    tags.iter().any(|t| t.to_lowercase() == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_lowercased_and_names_kept() {
        assert_eq!(
            normalise(" Client: Acme Corp ").ok(),
            Some("client:Acme Corp".into())
        );
        assert_eq!(normalise("PROJECT:x").ok(), Some("project:x".into()));
        assert_eq!(normalise("research").ok(), Some("research".into()));
        assert!(normalise("client:").is_err());
        assert!(normalise("a,b").is_err());
        assert!(normalise("").is_err());
        assert!(normalise("a\tb").is_err());
    }

    #[test]
    fn clients_match_without_case() {
        let tags = vec!["client:Acme".to_owned(), "x".to_owned()];
        assert!(has_client(&tags, "ACME"));
        assert!(has_client(&tags, " acme "));
        assert!(!has_client(&tags, "Acme Corp"));
    }
}

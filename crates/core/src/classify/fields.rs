//! The descriptive fields a bank gives for a line, by name.
//!
//! Card statements put everything in one descriptor; neobanks, wallets and
//! bank files split it: a clean merchant or counterparty name (Monzo
//! `Name`, Revolut `Description`, Alipay `交易对方`, camt `Cdtr/Nm`), the
//! raw card descriptor (Monzo `Description`, Amex `Appears On Your
//! Statement As`), a goods or product name (Alipay `商品说明`, WeChat
//! `商品`), a merchant category code (OFX `SIC`). Every importer hands the
//! classifier all of them as [`Details`]; the line keeps them (the
//! `details` column, see [`Details::write_json`]) so that re-classifying
//! and the front ends see the same fields.
//!
//! The line's `memo` and `category` have columns of their own and are not
//! repeated in `details`; together with the description they make the
//! [`Field`]s a rule or the catalog can match and an explanation can name.

use serde::{Deserialize, Serialize};

/// A named descriptive field of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The line's description (what the statement shows first).
    Description,
    /// A clean merchant or counterparty name.
    Merchant,
    /// The raw card descriptor, where the description is something else.
    Descriptor,
    /// The goods or product bought.
    Goods,
    /// Free text: the bank's memo, remittance text or the user's notes.
    Memo,
    /// The bank's own category.
    Category,
    /// The merchant category code (ISO 18245).
    Mcc,
    /// The statement's own type column (`Payment`, `TOPUP`).
    Type,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Description => "description",
            Field::Merchant => "merchant",
            Field::Descriptor => "descriptor",
            Field::Goods => "goods",
            Field::Memo => "memo",
            Field::Category => "category",
            Field::Mcc => "mcc",
            Field::Type => "type",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Some(match s {
            "description" => Field::Description,
            "merchant" => Field::Merchant,
            "descriptor" => Field::Descriptor,
            "goods" => Field::Goods,
            "memo" => Field::Memo,
            "category" => Field::Category,
            "mcc" => Field::Mcc,
            "type" => Field::Type,
            _ => return None,
        })
    }

    /// The fields whose words the catalog's patterns are matched against,
    /// in the order an explanation prefers when two name the same entry.
    pub const TEXT: [Field; 5] = [
        Field::Description,
        Field::Merchant,
        Field::Descriptor,
        Field::Goods,
        Field::Memo,
    ];
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The descriptive fields of a line beyond its description, memo and
/// category (which have columns of their own), borrowed from the parser.
/// Empty fields are `None`; a format fills what its file has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Details<'a> {
    /// A clean merchant or counterparty name, as a neobank, wallet or bank
    /// file gives it (`Anthropic`, `OpenAI LLC`, `Cursor`). Matched whole
    /// against the catalog's vendor names as well as by its patterns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant: Option<&'a str>,
    /// The raw card descriptor (`CLAUDE.AI SUBSCRIPTION ANTHROPIC.COM USA`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<&'a str>,
    /// The goods or product name (`ChatGPT Plus Subscription`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods: Option<&'a str>,
    /// The merchant category code (`5734`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcc: Option<&'a str>,
}

impl<'a> Details<'a> {
    /// Just a clean merchant name.
    pub fn merchant(name: Option<&'a str>) -> Self {
        Details {
            merchant: name,
            ..Details::default()
        }
    }

    /// Just a raw card descriptor.
    pub fn descriptor(text: Option<&'a str>) -> Self {
        Details {
            descriptor: text,
            ..Details::default()
        }
    }

    /// The same, with every blank field made `None` and the rest trimmed.
    pub fn tidy(self) -> Self {
        let t = |v: Option<&'a str>| v.map(str::trim).filter(|s| !s.is_empty());
        Details {
            merchant: t(self.merchant),
            descriptor: t(self.descriptor),
            goods: t(self.goods),
            mcc: t(self.mcc),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.merchant.is_none()
            && self.descriptor.is_none()
            && self.goods.is_none()
            && self.mcc.is_none()
    }

    pub fn get(&self, field: Field) -> Option<&'a str> {
        match field {
            Field::Merchant => self.merchant,
            Field::Descriptor => self.descriptor,
            Field::Goods => self.goods,
            Field::Mcc => self.mcc,
            _ => None,
        }
    }

    /// The stored form (the `details` column): a compact JSON object of the
    /// non-empty fields, e.g. `{"merchant":"Anthropic"}`, written into
    /// `out` (cleared first). Returns false, leaving `out` empty, when
    /// every field is empty: the column is then NULL and costs a line
    /// nothing.
    pub fn write_json(&self, out: &mut String) -> bool {
        out.clear();
        let d = self.tidy();
        if d.is_empty() {
            return false;
        }
        match serde_json::to_string(&d) {
            Ok(s) => {
                out.push_str(&s);
                true
            }
            Err(_) => false,
        }
    }
}

/// [`Details`] read back from the stored form, owning its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct StoredDetails {
    #[serde(default)]
    merchant: Option<String>,
    #[serde(default)]
    descriptor: Option<String>,
    #[serde(default)]
    goods: Option<String>,
    #[serde(default)]
    mcc: Option<String>,
}

impl StoredDetails {
    /// Reads the `details` column; text that is not such an object (it
    /// never should be) reads as no details rather than failing the line.
    pub fn parse(text: Option<&str>) -> StoredDetails {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn details(&self) -> Details<'_> {
        Details {
            merchant: self.merchant.as_deref(),
            descriptor: self.descriptor.as_deref(),
            goods: self.goods.as_deref(),
            mcc: self.mcc.as_deref(),
        }
        .tidy()
    }
}

/// Every descriptive field of a line, owned, by name: what `txns --json`
/// and the app show as `details`. Only non-empty fields appear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LineDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub merchant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub descriptor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub goods: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub memo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mcc: Option<String>,
    /// The statement's own type (`Card Payment`, `Sale`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub r#type: Option<String>,
}

impl LineDetails {
    /// From the stored `details` text and the line's own columns.
    pub fn from_parts(
        details: Option<&str>,
        memo: Option<&str>,
        category: Option<&str>,
        source_type: Option<&str>,
    ) -> Self {
        let stored = StoredDetails::parse(details);
        let d = stored.details();
        let own = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        LineDetails {
            merchant: own(d.merchant),
            descriptor: own(d.descriptor),
            goods: own(d.goods),
            memo: own(memo),
            category: own(category),
            mcc: own(d.mcc),
            r#type: own(source_type),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_keeps_only_what_is_there() {
        let mut out = String::from("stale");
        assert!(!Details::default().write_json(&mut out));
        assert!(out.is_empty());
        let d = Details {
            merchant: Some(" Anthropic "),
            descriptor: Some("CLAUDE.AI SUBSCRIPTION \"X\""),
            goods: Some("  "),
            mcc: None,
        };
        assert!(d.write_json(&mut out));
        assert_eq!(
            out,
            r#"{"merchant":"Anthropic","descriptor":"CLAUDE.AI SUBSCRIPTION \"X\""}"#
        );
        let stored = StoredDetails::parse(Some(&out));
        let back = stored.details();
        assert_eq!(back.merchant, Some("Anthropic"));
        assert_eq!(back.descriptor, Some("CLAUDE.AI SUBSCRIPTION \"X\""));
        assert_eq!(
            StoredDetails::parse(Some("not json")).details(),
            Details::default()
        );
        let all = LineDetails::from_parts(Some(&out), Some("team lunch"), None, Some("Card"));
        assert_eq!(
            serde_json::to_string(&all).expect("json"),
            r#"{"merchant":"Anthropic","descriptor":"CLAUDE.AI SUBSCRIPTION \"X\"","memo":"team lunch","type":"Card"}"#
        );
    }

    #[test]
    fn field_names_round_trip() {
        for f in [
            Field::Description,
            Field::Merchant,
            Field::Descriptor,
            Field::Goods,
            Field::Memo,
            Field::Category,
            Field::Mcc,
            Field::Type,
        ] {
            assert_eq!(Field::parse(f.as_str()), Some(f));
        }
        assert_eq!(Field::parse("nope"), None);
    }
}

//! Account names for the accounting exports (beancount and hledger use the
//! same ones).
//!
//! - A ledger account named `<Issuer> card ending <digits>` is a card:
//!   `Liabilities:Card:<Issuer>-<digits>` (`Liabilities:Card:Chase-1234`).
//!   Any other account is `Assets:Bank:<Name>` (`Assets:Bank:Revolut-EUR`).
//! - The other side of a line comes from its class: `Expenses:AI:Subscriptions:
//!   <Vendor>`, `Expenses:AI:API:<Vendor>` (the catalog's vendor name,
//!   `Unknown` without one), `Expenses:Everyday`, and for transfers (card
//!   payments, top-ups, moves between own accounts) `Assets:Bank:Unknown`,
//!   the other account not being known.
//! - Each component is ASCII letters, digits and `-`, starting with a capital
//!   letter or digit, which both tools accept. A name with nothing usable
//!   (e.g. only CJK) becomes `Account-<n>`; two names that come out the same
//!   get `-2`, `-3`.

use std::collections::BTreeMap;

use crate::classify::Class;
use crate::ledger::TxnRow;
use crate::Ledger;

/// The counter account of transfers.
pub const TRANSFERS: &str = "Assets:Bank:Unknown";
/// Everyday spending.
pub const EVERYDAY: &str = "Expenses:Everyday";
/// Lines with no class (not yet classified).
pub const UNCLASSIFIED: &str = "Expenses:Unclassified";

/// A name made into one account component: words capitalised and joined by
/// `-`, non-ASCII dropped; `None` when nothing is left.
pub fn component(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

/// Account names for one export.
#[derive(Debug, Clone)]
pub struct AccountNames {
    /// Ledger account name → accounting account.
    own: BTreeMap<String, String>,
    /// Vendor id → its component.
    vendors: BTreeMap<String, String>,
}

impl AccountNames {
    pub fn new(ledger: &Ledger, rows: &[TxnRow]) -> AccountNames {
        let mut own = BTreeMap::new();
        let mut used: Vec<String> = vec![TRANSFERS.to_owned()];
        let mut names: Vec<&str> = rows.iter().map(|t| t.account.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        for (i, name) in names.into_iter().enumerate() {
            let base = own_account(name).unwrap_or_else(|| {
                let root = if is_card(name) {
                    "Liabilities:Card"
                } else {
                    "Assets:Bank"
                };
                format!("{root}:Account-{}", i + 1)
            });
            let mut candidate = base.clone();
            let mut n = 2;
            while used.contains(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            used.push(candidate.clone());
            own.insert(name.to_owned(), candidate);
        }
        let mut vendors = BTreeMap::new();
        for v in rows.iter().filter_map(|t| t.vendor.as_deref()) {
            if vendors.contains_key(v) {
                continue;
            }
            let display = ledger
                .catalog
                .vendor(v)
                .map_or_else(|| v.to_owned(), |x| x.name.clone());
            let comp = component(&display)
                .or_else(|| component(v))
                .unwrap_or_else(|| "Unknown".into());
            vendors.insert(v.to_owned(), comp);
        }
        AccountNames { own, vendors }
    }

    /// The accounting account of a ledger account.
    pub fn own(&self, ledger_account: &str) -> &str {
        self.own
            .get(ledger_account)
            .map_or("Assets:Bank:Unnamed", String::as_str)
    }

    /// The other side of a line.
    pub fn counter(&self, t: &TxnRow) -> String {
        let vendor = || {
            t.vendor
                .as_deref()
                .and_then(|v| self.vendors.get(v))
                .map_or("Unknown", String::as_str)
        };
        match t.class {
            Some(Class::AiSubscription) => format!("Expenses:AI:Subscriptions:{}", vendor()),
            Some(Class::AiApi) => format!("Expenses:AI:API:{}", vendor()),
            Some(Class::Everyday) => EVERYDAY.to_owned(),
            Some(Class::Transfer) => TRANSFERS.to_owned(),
            None => UNCLASSIFIED.to_owned(),
        }
    }

    /// Every account the lines use, sorted.
    pub fn all(&self, rows: &[TxnRow]) -> Vec<String> {
        let mut out: Vec<String> = rows
            .iter()
            .filter(|t| t.status != crate::ledger::TxnStatus::Reverted)
            .flat_map(|t| [self.own(&t.account).to_owned(), self.counter(t)])
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// How many of the ledger's own accounts there are.
    pub fn count(&self) -> usize {
        self.own.len()
    }
}

fn is_card(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "card")
}

fn own_account(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if let Some(pos) = lower.find(" card ending ") {
        let issuer = component(&name[..pos]);
        let digits = component(&name[pos + " card ending ".len()..])?;
        return Some(match issuer {
            Some(i) => format!("Liabilities:Card:{i}-{digits}"),
            None => format!("Liabilities:Card:Card-{digits}"),
        });
    }
    let comp = component(name)?;
    Some(if is_card(name) {
        format!("Liabilities:Card:{comp}")
    } else {
        format!("Assets:Bank:{comp}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            own_account("Chase card ending 1234").as_deref(),
            Some("Liabilities:Card:Chase-1234")
        );
        assert_eq!(
            own_account("American Express card ending 11005").as_deref(),
            Some("Liabilities:Card:American-Express-11005")
        );
        assert_eq!(
            own_account("Revolut EUR").as_deref(),
            Some("Assets:Bank:Revolut-EUR")
        );
        assert_eq!(
            own_account("招商银行 card ending 1234").as_deref(),
            Some("Liabilities:Card:Card-1234")
        );
        assert_eq!(own_account("支付宝"), None);
        assert_eq!(
            component("GitHub Copilot").as_deref(),
            Some("GitHub-Copilot")
        );
        assert_eq!(component("openai").as_deref(), Some("Openai"));
    }
}

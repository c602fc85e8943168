//! Beancount and hledger journals of the ledger's lines.
//!
//! Each line is a transaction of two postings: the ledger account (the card
//! or bank) with the billed amount, and the account its class names
//! ([`super::accounts`]) with the opposite. A line with an original amount
//! in another currency books the expense in that currency at the billed
//! total (`20.00 USD @@ 18.43 EUR`), so both the original and the billed
//! amount are kept and the transaction balances exactly. Posted lines are
//! cleared (`*`), pending ones flagged (`!`); reverted lines are comments.
//!
//! Text is made safe for each syntax: beancount strings escape `\` and `"`;
//! an hledger description loses `;` (which would start a comment) and gets
//! the line id as its code, `(12)`, so text can never be read as one.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::accounts::AccountNames;
use super::ExportFormat;
use crate::ledger::{TxnRow, TxnStatus};

/// Control characters (newlines, tabs) become spaces; runs of spaces stay.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A beancount string literal.
fn bean_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An hledger description: one line, no `;`.
fn hledger_text(text: &str) -> String {
    one_line(text).replace(';', ",")
}

/// An hledger tag from one of ours: `client:Acme` is the tag `client` with
/// value `Acme`; a plain tag is a tag with no value.
fn hledger_tag(tag: &str) -> String {
    let clean = |s: &str| -> String {
        one_line(s)
            .chars()
            .map(|c| {
                if c.is_whitespace() || c == ':' || c == ',' {
                    '-'
                } else {
                    c
                }
            })
            .collect()
    };
    match tag.split_once(':') {
        Some((name, value)) => format!(
            "{}:{}",
            clean(name),
            one_line(value).replace([',', ';'], " ").trim()
        ),
        None => format!("{}:", clean(tag)),
    }
}

/// The expense side in its original currency, when the line has one.
fn original(t: &TxnRow) -> Option<(Decimal, String)> {
    let (oa, oc) = (t.original_amount?, t.original_currency?);
    if oc == t.currency || oa.is_zero() || t.amount.is_zero() {
        return None;
    }
    let size = oa.abs();
    let units = if t.amount < Decimal::ZERO {
        size
    } else {
        -size
    };
    Some((units, oc.to_string()))
}

/// The journal text of `rows` in `format` (beancount or ledger).
pub fn render(rows: &[TxnRow], names: &AccountNames, format: ExportFormat) -> String {
    let bean = format == ExportFormat::Beancount;
    let mut out = String::new();
    let kind = if bean { "beancount" } else { "hledger journal" };
    let _ = writeln!(
        out,
        "; AI Spend ledger export ({kind}): {} lines.\n; Spending is booked to Expenses:*, the card or bank is the other side.",
        rows.len()
    );
    if bean {
        out.push_str("option \"title\" \"AI Spend ledger\"\n");
    } else {
        out.push_str("decimal-mark .\n");
    }
    let live: Vec<&TxnRow> = rows
        .iter()
        .filter(|t| t.status != TxnStatus::Reverted)
        .collect();
    let mut commodities: Vec<String> = live
        .iter()
        .flat_map(|t| {
            let mut v = vec![t.currency.to_string()];
            if let Some((_, oc)) = original(t) {
                v.push(oc);
            }
            v
        })
        .collect();
    commodities.sort();
    commodities.dedup();
    let accounts = names.all(rows);
    if let Some(first) = live.iter().map(|t| t.date).min() {
        out.push('\n');
        for c in &commodities {
            if bean {
                let _ = writeln!(out, "{first} commodity {c}");
            } else {
                let _ = writeln!(out, "commodity 1000.00 {c}");
            }
        }
        out.push('\n');
        for a in &accounts {
            if bean {
                let _ = writeln!(out, "{first} open {a}");
            } else {
                let _ = writeln!(out, "account {a}");
            }
        }
    }
    for t in rows {
        out.push('\n');
        if t.status == TxnStatus::Reverted {
            let _ = writeln!(
                out,
                "; reverted at the bank, no money moved: {} {} {} {} [{}] id {}",
                t.date,
                one_line(&t.description),
                t.amount,
                t.currency,
                one_line(&t.account),
                t.id
            );
            continue;
        }
        let flag = if t.status == TxnStatus::Pending {
            '!'
        } else {
            '*'
        };
        let own = names.own(&t.account);
        let counter = names.counter(t);
        let counter_amount = match original(t) {
            Some((units, oc)) => format!("{units} {oc} @@ {} {}", t.amount.abs(), t.currency),
            None => format!("{} {}", -t.amount, t.currency),
        };
        if bean {
            let _ = writeln!(out, "{} {flag} {}", t.date, bean_string(&t.description));
            let _ = writeln!(out, "  aispend-id: \"{}\"", t.id);
            let _ = writeln!(out, "  aispend-account: {}", bean_string(&t.account));
            if !t.tags.is_empty() {
                let _ = writeln!(out, "  aispend-tags: {}", bean_string(&t.tags.join(", ")));
            }
            if let Some(n) = &t.note {
                let _ = writeln!(out, "  aispend-note: {}", bean_string(n));
            }
            let _ = writeln!(out, "  {own}  {} {}", t.amount, t.currency);
            let _ = writeln!(out, "  {counter}  {counter_amount}");
        } else {
            let _ = writeln!(
                out,
                "{} {flag} ({}) {}",
                t.date,
                t.id,
                hledger_text(&t.description)
            );
            if !t.tags.is_empty() {
                let tags: Vec<String> = t.tags.iter().map(|g| hledger_tag(g)).collect();
                let _ = writeln!(out, "    ; {}", tags.join(", "));
            }
            if let Some(n) = &t.note {
                let _ = writeln!(out, "    ; note: {}", hledger_text(n));
            }
            let _ = writeln!(out, "    {own}  {} {}", t.amount, t.currency);
            let _ = writeln!(out, "    {counter}  {counter_amount}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(bean_string("a \"b\" \\ c\nd"), r#""a \"b\" \\ c d""#);
        assert_eq!(hledger_text("x; y"), "x, y");
        assert_eq!(hledger_tag("client:Acme, Inc"), "client:Acme  Inc");
        assert_eq!(hledger_tag("my tag"), "my-tag:");
    }
}

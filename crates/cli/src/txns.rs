//! `aispend txns`: ledger lines, newest first.
//!
//! Invariant: lists only; the filter is the ledger's own.

use std::io::Write;

use aispend_core::classify::Class;
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;
use chrono::NaiveDate;

use crate::out::{amount, print_json, Failure};

/// What `aispend txns` lists.
pub struct ListArgs {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub account: Option<String>,
    pub class: Option<Class>,
    pub vendor: Option<String>,
    pub limit: Option<u64>,
}

pub fn list(ledger: &Ledger, a: ListArgs, json: bool) -> Result<(), Failure> {
    let ListArgs {
        from,
        to,
        account,
        class,
        vendor,
        limit,
    } = a;
    let filter = TxnFilter {
        from,
        to,
        account,
        class: class.map(|c| c.as_str().to_owned()),
        vendor,
        limit,
    };
    if json {
        // Each row with its channel and receipt count (issue #19).
        let rows = aispend_core::app::receipts_view::txns_with_receipts(ledger, &filter)?;
        return print_json(&rows);
    }
    let rows = ledger.transactions(&filter)?;
    let mut out = std::io::stdout().lock();
    for t in &rows {
        writeln!(
            out,
            "{:>7}  {}  {:>12} {}  {:<8}  {:<15} {:<14}  {}  [{}]",
            t.id,
            t.date,
            amount(t.amount),
            t.currency,
            t.status.as_str(),
            t.class.map_or("-", |c| c.as_str()),
            t.vendor.as_deref().unwrap_or("-"),
            t.description,
            t.account
        )?;
    }
    Ok(())
}

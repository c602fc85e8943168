//! Every statement format, data first: each fixture in `tests/fixtures/` is
//! imported into a fresh ledger and the lines it produced are compared with a
//! snapshot (`snapshots/`). One module per format; all compile into this one
//! test binary.

use std::path::{Path, PathBuf};

use aispend_core::import::{import_file, ImportOptions, ImportOutcome};
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;

mod alipay;
mod amex;
mod barclays;
mod bmo_card;
mod camt;
mod capital_one;
mod chase;
mod citi;
mod cmb_card;
mod discover;
mod hsbc_hk;
mod mapped;
mod monzo;
mod n26;
mod ofx;
mod providers;
mod qif;
mod revolut;
mod usage_tools;
mod wechat;
mod wechat_xlsx;
mod wise;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

/// Imports one fixture into a fresh in-memory ledger.
pub fn import(rel: &str, opts: &ImportOptions) -> (Ledger, ImportOutcome) {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out =
        import_file(&mut ledger, &fixture(rel), opts).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (ledger, out)
}

/// The lines of a fixture as the snapshot shows them: one per line, in file
/// order, with every field a format can fill.
pub fn lines(rel: &str) -> String {
    let (ledger, out) = import(rel, &ImportOptions::default());
    let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    rows.sort_by_key(|r| r.id);
    let mut text = format!(
        "format: {}\naccount: {}\nadded: {}, duplicates: {}\n",
        out.format, out.account, out.added, out.duplicates
    );
    for r in rows {
        text.push_str(&format!(
            "{} | posted {} | {} {} | orig {} {} | {} | {} | cat {} | memo {}\n",
            r.date,
            r.posted_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            r.amount,
            r.currency,
            r.original_amount
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            r.original_currency
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            r.status.as_str(),
            r.description,
            r.category.as_deref().unwrap_or("-"),
            r.memo
                .as_deref()
                .map(|m| m.replace(['\r', '\n'], " "))
                .unwrap_or_else(|| "-".into()),
        ));
        // The line's other fields, where they say more than its description.
        let d = &r.details;
        for (name, value) in [
            ("merchant", &d.merchant),
            ("descriptor", &d.descriptor),
            ("goods", &d.goods),
            ("mcc", &d.mcc),
        ] {
            if let Some(v) = value.as_deref().filter(|v| *v != r.description) {
                text.pop();
                text.push_str(&format!(" | {name} {v}\n"));
            }
        }
    }
    text
}

//! `aispend sample load|remove`: the removable sample dataset.
//!
//! Invariant: the sample loads only into an empty ledger (the core refuses
//! otherwise).

use aispend_core::app::sample;
use aispend_core::Ledger;

use crate::out::{print_json, Failure};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SampleAction {
    Load,
    Remove,
}

pub fn run(ledger: &mut Ledger, action: SampleAction, json: bool) -> Result<(), Failure> {
    let (verb, lines) = match action {
        SampleAction::Load => {
            sample::load_sample(ledger, aispend_core::clock::today_local())?;
            ("loaded", ledger.transaction_count()?)
        }
        SampleAction::Remove => ("removed", sample::remove_sample(ledger)?),
    };
    if json {
        print_json(&serde_json::json!({ "sample": verb, "lines": lines }))?;
    } else {
        println!(
            "Sample data {verb}: {lines} lines (account \"{}\").",
            sample::SAMPLE_ACCOUNT
        );
    }
    Ok(())
}

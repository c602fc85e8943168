//! `aispend sample load|remove`: the removable sample dataset.
//!
//! Invariant: the sample loads only into an empty ledger (the core refuses
//! otherwise).

use aispend_core::app::sample;
use aispend_core::{msg, Ledger};

use crate::out::{print_json, tr, Failure};

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
    let lines_arg = i64::try_from(lines).unwrap_or(i64::MAX);
    if json {
        print_json(&serde_json::json!({ "sample": verb, "lines": lines }))?;
    } else {
        let account = sample::SAMPLE_ACCOUNT;
        let m = match action {
            SampleAction::Load => msg!("cli-sample-loaded", lines = lines_arg, account = account),
            SampleAction::Remove => {
                msg!("cli-sample-removed", lines = lines_arg, account = account)
            }
        };
        println!("{}", tr(m));
    }
    Ok(())
}

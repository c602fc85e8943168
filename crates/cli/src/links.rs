//! `aispend links`: pending lines whose posted line may have arrived.
//!
//! Invariant: a link changes only when the user confirms or rejects it.

use aispend_core::ledger::LinkState;
use aispend_core::Ledger;

use crate::out::{print_json, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LinkAction {
    Confirm,
    Reject,
}

pub fn run(
    ledger: &mut Ledger,
    action: Option<LinkAction>,
    id: Option<i64>,
    all: bool,
    json: bool,
) -> Result<(), Failure> {
    if let (Some(action), Some(id)) = (action, id) {
        let link = ledger.decide_link(id, action == LinkAction::Confirm)?;
        if json {
            return print_json(&link);
        }
        match link.state {
            LinkState::Confirmed => println!(
                "Link {id} confirmed: line {} is the posted version of pending line {}, which no longer shows in listings.",
                link.posted.id, link.pending.id
            ),
            _ => println!("Link {id} rejected: the two lines stay as separate charges."),
        }
        return Ok(());
    }
    let links = ledger.links(all)?;
    if json {
        return print_json(&links);
    }
    if links.is_empty() {
        println!("No pending lines waiting for review.");
    }
    for l in links {
        println!(
            "{:>5}  {:<9}  pending {} {} {} {}  ->  posted {} {} {}\n       {}",
            l.id,
            l.state.as_str(),
            l.pending.id,
            l.pending.date,
            l.pending.amount,
            l.pending.currency,
            l.posted.id,
            l.posted.date,
            l.posted.description,
            l.reason
        );
    }
    Ok(())
}

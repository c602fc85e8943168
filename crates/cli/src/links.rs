//! `aispend links`: pending lines whose posted line may have arrived.
//!
//! Invariant: a link changes only when the user confirms or rejects it.

use aispend_core::ledger::LinkState;
use aispend_core::{msg, Ledger};

use crate::out::{pad, print_json, tr, Failure};

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
        let m = match link.state {
            LinkState::Confirmed => msg!(
                "cli-link-confirmed",
                id = id,
                posted = link.posted.id,
                pending = link.pending.id
            ),
            _ => msg!("cli-link-rejected", id = id),
        };
        println!("{}", tr(m));
        return Ok(());
    }
    let links = ledger.links(all)?;
    if json {
        return print_json(&links);
    }
    if links.is_empty() {
        println!("{}", tr(msg!("cli-links-none")));
    }
    for l in links {
        let state = match l.state {
            LinkState::Proposed => msg!("cli-link-state-proposed"),
            LinkState::Confirmed => msg!("cli-link-state-confirmed"),
            LinkState::Rejected => msg!("cli-link-state-rejected"),
        };
        let pair = msg!(
            "cli-link-pair",
            pending = l.pending.id,
            pending_date = l.pending.date.to_string(),
            amount = format!("{} {}", l.pending.amount, l.pending.currency),
            posted = l.posted.id,
            posted_date = l.posted.date.to_string(),
            description = l.posted.description.as_str()
        );
        println!(
            "{:>5}  {}  {}\n       {}",
            l.id,
            pad(&tr(state), 9),
            tr(pair),
            l.reason
        );
    }
    Ok(())
}

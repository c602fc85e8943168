//! `aispend rules ...` and `aispend txns edit ...`: user rules and manual
//! corrections (SPEC §4, §9). Parsing and printing only; the core decides.

use std::io::Write;

use aispend_core::classify::{Class, MatchField, MatchKind, NewRule, Rule};
use aispend_core::ledger::{RuleChange, TxnEdit};
use aispend_core::Ledger;
use clap::{ArgGroup, Args, Subcommand};
use rust_decimal::Decimal;

use crate::out::{print_json, Failure};

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List the rules in the order they run
    List,
    /// Add a rule (and re-classify the ledger with it)
    #[command(group(
        ArgGroup::new("what").required(true).args(["contains", "regex", "from_txn"])
    ))]
    Add(Box<AddArgs>),
    /// Remove a rule (and re-classify the ledger without it)
    Remove {
        #[arg(value_name = "ID")]
        id: i64,
    },
    /// Turn a rule back on
    Enable {
        #[arg(value_name = "ID")]
        id: i64,
    },
    /// Turn a rule off without removing it
    Disable {
        #[arg(value_name = "ID")]
        id: i64,
    },
}

#[derive(Debug, Args)]
struct AddArgs {
    /// Text the line contains (case and spacing ignored, at word edges)
    #[arg(long, value_name = "TEXT", conflicts_with = "regex")]
    contains: Option<String>,
    /// A regular expression the line matches (case-insensitive)
    #[arg(long, value_name = "RE")]
    regex: Option<String>,
    /// The field the text is looked for in: description (default),
    /// merchant (the bank's merchant name, else the one read from the
    /// description), descriptor, goods, memo, category, mcc, or any
    #[arg(long, value_name = "FIELD", conflicts_with = "merchant")]
    field: Option<MatchField>,
    /// Same as --field merchant
    #[arg(long)]
    merchant: bool,
    /// Make the rule from this line's class, vendor and product, matching
    /// its merchant
    #[arg(long, value_name = "ID", conflicts_with_all = ["contains", "regex", "class"])]
    from_txn: Option<i64>,
    /// Smallest amount (its size; refunds match too)
    #[arg(long, value_name = "AMT")]
    min: Option<Decimal>,
    /// Largest amount (its size)
    #[arg(long, value_name = "AMT")]
    max: Option<Decimal>,
    /// Only lines of this account
    #[arg(long, value_name = "NAME")]
    account: Option<String>,
    /// Only lines billed in (or originally in) this currency
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// ai-subscription, ai-api, everyday or transfer
    #[arg(long, value_name = "CLASS", required_unless_present = "from_txn")]
    class: Option<Class>,
    /// Vendor id, e.g. openai (AI classes only)
    #[arg(long, value_name = "ID")]
    vendor: Option<String>,
    /// Product, e.g. "ChatGPT Plus"
    #[arg(long)]
    product: Option<String>,
    /// A tag to add (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Higher runs first (default 0; ties: oldest first)
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    priority: i64,
}

/// `aispend txns edit ID ...`
#[derive(Debug, Subcommand)]
pub enum TxnsAction {
    /// Correct one line; the change survives undo and re-import
    Edit {
        #[arg(value_name = "ID")]
        id: i64,
        /// ai-subscription, ai-api, everyday or transfer
        #[arg(long, value_name = "CLASS")]
        class: Option<Class>,
        /// Vendor id, e.g. openai
        #[arg(long, value_name = "ID")]
        vendor: Option<String>,
        #[arg(long)]
        product: Option<String>,
        /// Tags (replace the line's tags; repeat for several)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn run(ledger: &mut Ledger, args: RulesArgs, json: bool) -> Result<(), Failure> {
    match args.command {
        RulesCommand::List => {
            let rules = ledger.rules()?;
            if json {
                return print_json(&serde_json::json!({ "rules": rules }));
            }
            if rules.is_empty() {
                println!("No rules yet. Add one with `aispend rules add --contains TEXT --class CLASS` or `aispend rules add --from-txn ID`.");
            }
            let mut out = std::io::stdout().lock();
            for r in &rules {
                writeln!(out, "{}", describe(r))?;
            }
            Ok(())
        }
        RulesCommand::Add(a) => {
            let change = match a.from_txn {
                Some(id) => ledger.add_rule_from_txn(id)?,
                None => ledger.add_rule(new_rule(*a)?)?,
            };
            report(&change, "Added", json)
        }
        RulesCommand::Remove { id } => report(&ledger.remove_rule(id)?, "Removed", json),
        RulesCommand::Enable { id } => report(&ledger.set_rule_enabled(id, true)?, "Enabled", json),
        RulesCommand::Disable { id } => {
            report(&ledger.set_rule_enabled(id, false)?, "Disabled", json)
        }
    }
}

fn new_rule(a: AddArgs) -> Result<NewRule, Failure> {
    let (kind, pattern) = match (a.contains, a.regex) {
        (Some(text), None) => (MatchKind::Contains, text),
        (None, Some(re)) => (MatchKind::Regex, re),
        // clap's group makes one of them (or --from-txn) required.
        _ => return Err(Failure::bad_input("give --contains TEXT or --regex RE")),
    };
    let class = a.class.ok_or_else(|| {
        Failure::bad_input("give --class (ai-subscription, ai-api, everyday, transfer)")
    })?;
    Ok(NewRule {
        field: match (a.field, a.merchant) {
            (Some(f), _) => f,
            (None, true) => MatchField::Merchant,
            (None, false) => MatchField::Description,
        },
        kind,
        pattern,
        min_amount: a.min,
        max_amount: a.max,
        account: a.account,
        currency: a.currency,
        class,
        vendor: a.vendor,
        product: a.product,
        tags: a.tags,
        priority: a.priority,
    })
}

fn report(change: &RuleChange, verb: &str, json: bool) -> Result<(), Failure> {
    if json {
        return print_json(change);
    }
    println!(
        "{verb} rule {}: {}\nRe-classified {} lines.",
        change.rule.id,
        describe(&change.rule),
        change.reclassified
    );
    Ok(())
}

fn describe(r: &Rule) -> String {
    let n = &r.rule;
    let mut when = format!("{} {} {:?}", n.field.as_str(), n.kind.as_str(), n.pattern);
    if let Some(m) = n.min_amount {
        when.push_str(&format!(", amount >= {m}"));
    }
    if let Some(m) = n.max_amount {
        when.push_str(&format!(", amount <= {m}"));
    }
    if let Some(a) = &n.account {
        when.push_str(&format!(", account {a:?}"));
    }
    if let Some(c) = &n.currency {
        when.push_str(&format!(", currency {c}"));
    }
    let mut then = n.class.as_str().to_owned();
    if let Some(v) = &n.vendor {
        then.push_str(&format!(" {v}"));
    }
    if let Some(p) = &n.product {
        then.push_str(&format!(" ({p})"));
    }
    if !n.tags.is_empty() {
        then.push_str(&format!(" tags {}", n.tags.join(",")));
    }
    format!(
        "{:>5}  {}when {when} -> {then}  [priority {}]",
        r.id,
        if r.enabled { "" } else { "(disabled) " },
        n.priority
    )
}

pub fn run_txns_action(ledger: &mut Ledger, action: TxnsAction, json: bool) -> Result<(), Failure> {
    match action {
        TxnsAction::Edit {
            id,
            class,
            vendor,
            product,
            tags,
            note,
        } => {
            let edit = TxnEdit {
                class: class.map(|c| c.as_str().to_owned()),
                vendor,
                product,
                tags: (!tags.is_empty()).then_some(tags),
                note,
            };
            let row = ledger.edit_transaction(id, &edit)?;
            if json {
                return print_json(&row);
            }
            println!(
                "Line {}: {} {} {}{}. Make it a rule with `aispend rules add --from-txn {}`.",
                row.id,
                row.description,
                row.class.map_or("-", |c| c.as_str()),
                row.vendor.as_deref().unwrap_or("-"),
                row.product
                    .as_deref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default(),
                row.id
            );
            Ok(())
        }
    }
}

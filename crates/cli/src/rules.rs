//! `aispend rules ...` and `aispend txns edit ...`: user rules and manual
//! corrections (SPEC §4, §9). Parsing and printing only; the core decides.

use std::io::Write;

use aispend_core::classify::{Class, MatchField, MatchKind, NewRule, Rule};
use aispend_core::ledger::{RuleChange, TxnEdit};
use aispend_core::{msg, Ledger};
use clap::{ArgGroup, Args, Subcommand};
use rust_decimal::Decimal;

use crate::out::{print_json, tr, Failure};

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
                println!("{}", tr(msg!("cli-rules-none")));
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
            report(&change, "added", json)
        }
        RulesCommand::Remove { id } => report(&ledger.remove_rule(id)?, "removed", json),
        RulesCommand::Enable { id } => report(&ledger.set_rule_enabled(id, true)?, "enabled", json),
        RulesCommand::Disable { id } => {
            report(&ledger.set_rule_enabled(id, false)?, "disabled", json)
        }
    }
}

fn new_rule(a: AddArgs) -> Result<NewRule, Failure> {
    let (kind, pattern) = match (a.contains, a.regex) {
        (Some(text), None) => (MatchKind::Contains, text),
        (None, Some(re)) => (MatchKind::Regex, re),
        // clap's group makes one of them (or --from-txn) required.
        _ => return Err(Failure::bad_input(msg!("cli-err-rule-match"))),
    };
    let class = a
        .class
        .ok_or_else(|| Failure::bad_input(msg!("cli-err-rule-class")))?;
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

/// `change` is `added`, `removed`, `enabled` or `disabled`.
fn report(change: &RuleChange, what: &str, json: bool) -> Result<(), Failure> {
    if json {
        return print_json(change);
    }
    let done = msg!(
        "cli-rule-changed",
        change = what,
        id = change.rule.id,
        rule = describe(&change.rule)
    );
    let reclassified = msg!(
        "cli-rule-reclassified",
        lines = i64::try_from(change.reclassified).unwrap_or(i64::MAX)
    );
    println!("{}\n{}", tr(done), tr(reclassified));
    Ok(())
}

fn describe(r: &Rule) -> String {
    let n = &r.rule;
    let kind = match n.kind {
        MatchKind::Contains => msg!("cli-rule-contains"),
        MatchKind::Regex => msg!("cli-rule-regex"),
    };
    let mut when = vec![format!("{} {} {:?}", n.field.as_str(), tr(kind), n.pattern)];
    if let Some(m) = n.min_amount {
        when.push(tr(msg!("cli-rule-min", amount = m.to_string())));
    }
    if let Some(m) = n.max_amount {
        when.push(tr(msg!("cli-rule-max", amount = m.to_string())));
    }
    if let Some(a) = &n.account {
        when.push(tr(msg!("cli-rule-account", account = format!("{a:?}"))));
    }
    if let Some(c) = &n.currency {
        when.push(tr(msg!("cli-rule-currency", currency = c.to_string())));
    }
    let mut then = n.class.as_str().to_owned();
    if let Some(v) = &n.vendor {
        then.push_str(&format!(" {v}"));
    }
    if let Some(p) = &n.product {
        then.push_str(&format!(" ({p})"));
    }
    if !n.tags.is_empty() {
        then.push(' ');
        then.push_str(&tr(msg!("cli-rule-tags", tags = n.tags.join(","))));
    }
    let when = when.join(&tr(msg!("cli-list-separator")));
    let rule = if r.enabled {
        msg!("cli-rule", when = when, then = then, priority = n.priority)
    } else {
        msg!(
            "cli-rule-disabled",
            when = when,
            then = then,
            priority = n.priority
        )
    };
    format!("{:>5}  {}", r.id, tr(rule))
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
            let line = format!(
                "{} {} {}{}",
                row.description,
                row.class.map_or("-", |c| c.as_str()),
                row.vendor.as_deref().unwrap_or("-"),
                row.product
                    .as_deref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default(),
            );
            println!("{}", tr(msg!("cli-txn-edited", id = row.id, line = line)));
            Ok(())
        }
    }
}

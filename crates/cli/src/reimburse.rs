//! `aispend tag ...`, `aispend receipt ...`, `aispend report reimbursement
//! ...` and `aispend reimbursed ...` (SPEC §5, §9). Parsing and printing
//! only; the core decides.

use std::path::PathBuf;

use aispend_core::classify::Class;
use aispend_core::ledger::TxnFilter;
use aispend_core::money::Currency;
use aispend_core::reimburse::{self, LineSelection, Rate, ReportRequest};
use aispend_core::{msg, Ledger};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{ArgGroup, Args, Subcommand};

use crate::out::{print_json, tr, Failure};

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Add a tag (e.g. client:Acme, project:Chatbot) to many lines
    Add(TagArgs),
    /// Remove a tag from many lines
    Remove(TagArgs),
}

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("which")
        .required(true)
        .multiple(true)
        .args(["ids", "from", "to", "vendor", "class", "account"])
))]
pub struct TagArgs {
    /// The tag; `client:NAME` bills the line to a client
    #[arg(value_name = "TAG")]
    tag: String,
    /// These line ids, comma separated (e.g. 1,2,3)
    #[arg(long, value_name = "IDS", value_delimiter = ',', conflicts_with_all = ["from", "to", "vendor", "class", "account"])]
    ids: Vec<i64>,
    /// First local date, inclusive
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last local date, inclusive
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
    /// Only lines of this vendor id
    #[arg(long, value_name = "ID")]
    vendor: Option<String>,
    /// Only lines of this class
    #[arg(long, value_name = "CLASS")]
    class: Option<Class>,
    /// Only lines of this account
    #[arg(long, value_name = "NAME")]
    account: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Copy a receipt into the ledger's receipts folder and attach it to a line
    Attach {
        #[arg(value_name = "TXN_ID")]
        txn_id: i64,
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List a line's receipts
    List {
        #[arg(value_name = "TXN_ID")]
        txn_id: i64,
    },
    /// Detach a receipt (the stored copy stays)
    Remove {
        #[arg(value_name = "RECEIPT_ID")]
        receipt_id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// What a client owes for the lines tagged client:NAME, as CSV or PDF
    /// (by the file's extension), with FILE.receipts.zip beside it
    Reimbursement(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The client (lines tagged client:NAME; case does not matter)
    #[arg(long, value_name = "NAME")]
    client: String,
    /// First local date, inclusive
    #[arg(long, value_name = "DATE")]
    from: NaiveDate,
    /// Last local date, inclusive
    #[arg(long, value_name = "DATE")]
    to: NaiveDate,
    /// The report file: FILE.csv or FILE.pdf
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The currency totals are converted to
    #[arg(long, value_name = "CODE", default_value = "USD")]
    currency: Currency,
    /// A rate for lines billed in another currency: one CUR is RATE of the
    /// report currency (repeat for several), e.g. --rate EUR=1.08
    #[arg(long = "rate", value_name = "CUR=RATE")]
    rates: Vec<String>,
    /// Leave out lines already marked reimbursed
    #[arg(long)]
    outstanding: bool,
    /// Your name and address on the report, lines separated by `\n` or
    /// newlines (saved for later reports; "" clears it)
    #[arg(long, value_name = "TEXT")]
    sender: Option<String>,
    /// The client's name and address on the report (saved for this
    /// client's later reports; "" clears it)
    #[arg(long, value_name = "TEXT")]
    client_address: Option<String>,
    /// How to pay: bank details, terms (saved for later reports)
    #[arg(long, value_name = "TEXT")]
    payment_note: Option<String>,
    /// The generation time printed on the report (RFC 3339; default now)
    #[arg(long, value_name = "RFC3339", hide = true)]
    now: Option<DateTime<Utc>>,
}

#[derive(Debug, Subcommand)]
pub enum ReimbursedCommand {
    /// Mark a client's lines in the period as reimbursed
    Mark(MarkArgs),
    /// Take the reimbursed mark off a client's lines in the period
    Unmark(MarkArgs),
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    #[arg(long, value_name = "NAME")]
    client: String,
    #[arg(long, value_name = "DATE")]
    from: NaiveDate,
    #[arg(long, value_name = "DATE")]
    to: NaiveDate,
    /// The day the client paid (default today)
    #[arg(long, value_name = "DATE")]
    on: Option<NaiveDate>,
}

pub fn run_tag(ledger: &mut Ledger, cmd: TagCommand, json: bool) -> Result<(), Failure> {
    let (args, add) = match cmd {
        TagCommand::Add(a) => (a, true),
        TagCommand::Remove(a) => (a, false),
    };
    let sel = if args.ids.is_empty() {
        LineSelection::Filter(TxnFilter {
            from: args.from,
            to: args.to,
            account: args.account,
            class: args.class.map(|c| c.as_str().to_owned()),
            vendor: args.vendor,
            limit: None,
        })
    } else {
        LineSelection::Ids(args.ids)
    };
    let tag = [args.tag.clone()];
    let change = if add {
        aispend_core::reimburse::change_tags(ledger, &sel, &tag, &[])?
    } else {
        aispend_core::reimburse::change_tags(ledger, &sel, &[], &tag)?
    };
    if json {
        return print_json(&change);
    }
    let m = msg!(
        "cli-tag-changed",
        change = if add { "added" } else { "removed" },
        tag = format!("{:?}", args.tag),
        selected = change.selected,
        changed = change.changed
    );
    println!("{}", tr(m));
    Ok(())
}

pub fn run_receipt(ledger: &mut Ledger, cmd: ReceiptCommand, json: bool) -> Result<(), Failure> {
    match cmd {
        ReceiptCommand::Attach { txn_id, file } => {
            let r = aispend_core::reimburse::attach_receipt(ledger, txn_id, &file)?;
            if json {
                return print_json(&r);
            }
            let m = msg!(
                "cli-receipt-attached",
                file = r.file_name.as_str(),
                line = r.txn_id,
                receipt = r.id,
                sha256 = r.sha256.as_str()
            );
            println!("{}", tr(m));
        }
        ReceiptCommand::List { txn_id } => {
            let list = ledger.receipts(txn_id)?;
            if json {
                return print_json(&serde_json::json!({ "receipts": list }));
            }
            if list.is_empty() {
                println!("{}", tr(msg!("cli-receipts-none", line = txn_id)));
            }
            for r in list {
                let m = msg!(
                    "cli-receipt-row",
                    file = r.file_name.as_str(),
                    bytes = r.size,
                    sha256 = r.sha256.as_str(),
                    at = r.attached_at.as_str()
                );
                println!("{:>5}  {}", r.id, tr(m));
            }
        }
        ReceiptCommand::Remove { receipt_id } => {
            aispend_core::reimburse::detach_receipt(ledger, receipt_id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": receipt_id }));
            }
            println!("{}", tr(msg!("cli-receipt-detached", id = receipt_id)));
        }
    }
    Ok(())
}

pub fn run_report(ledger: &Ledger, cmd: ReportCommand, json: bool) -> Result<(), Failure> {
    let ReportCommand::Reimbursement(a) = cmd;
    let rates = a
        .rates
        .iter()
        .map(|r| r.parse::<Rate>())
        .collect::<Result<Vec<_>, _>>()?;
    let lines = |t: &Option<String>| t.as_ref().map(|t| t.replace("\\n", "\n"));
    let parties = reimburse::save_parties(
        ledger,
        &a.client,
        lines(&a.sender).as_deref(),
        lines(&a.client_address).as_deref(),
        lines(&a.payment_note).as_deref(),
    )?;
    let req = ReportRequest {
        client: a.client,
        from: a.from,
        to: a.to,
        currency: a.currency,
        rates,
        include_reimbursed: !a.outstanding,
        generated_at: a.now.unwrap_or_else(Utc::now),
        parties,
        lang: crate::lang(),
    };
    let w = reimburse::write_report(ledger, &req, &a.out)?;
    if json {
        return print_json(&serde_json::json!({
            "file": w.file,
            "kind": w.kind,
            "receipts_zip": w.receipts_zip,
            "receipts": w.receipts,
            "report": w.report,
        }));
    }
    let r = &w.report;
    let m = msg!(
        "cli-report-wrote",
        file = w.file.display().to_string(),
        number = r.number_text().unwrap_or_default(),
        lines = r.lines.len(),
        client = r.client.as_str(),
        from = r.from.to_string(),
        to = r.to.to_string(),
        zip = w.receipts_zip.display().to_string(),
        receipts = w.receipts
    );
    println!("{}", tr(m));
    for t in &r.totals {
        let m = msg!(
            "cli-report-billed",
            currency = t.currency.to_string(),
            net = t.net.to_string(),
            tax = t.tax.to_string(),
            gross = t.owed.to_string()
        );
        println!("  {}", tr(m));
    }
    let m = msg!(
        "cli-report-total",
        total = format!("{} {}", r.total_converted, r.currency),
        outstanding = format!("{} {}", r.outstanding_converted, r.currency)
    );
    println!("  {}", tr(m));
    for n in &r.notes {
        println!("  {}", tr(msg!("cli-note", note = n.render(crate::lang()))));
    }
    Ok(())
}

pub fn run_reimbursed(
    ledger: &mut Ledger,
    cmd: ReimbursedCommand,
    json: bool,
) -> Result<(), Failure> {
    let (a, mark) = match cmd {
        ReimbursedCommand::Mark(a) => (a, true),
        ReimbursedCommand::Unmark(a) => (a, false),
    };
    let ids = reimburse::client_lines(ledger, &a.client, a.from, a.to)?;
    let on = a.on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let n = if mark {
        ledger.mark_reimbursed(&ids, a.client.trim(), on)?
    } else {
        ledger.unmark_reimbursed(&ids)?
    };
    if json {
        return print_json(&serde_json::json!({
            "client": a.client.trim(),
            "lines": ids.len(),
            "changed": n,
            "reimbursed_on": mark.then_some(on),
        }));
    }
    if mark {
        let m = msg!(
            "cli-reimbursed-marked",
            count = n,
            lines = ids.len(),
            client = a.client.trim(),
            date = on.to_string()
        );
        println!("{}", tr(m));
    } else {
        let m = msg!(
            "cli-reimbursed-unmarked",
            count = n,
            lines = ids.len(),
            client = a.client.trim()
        );
        println!("{}", tr(m));
    }
    Ok(())
}

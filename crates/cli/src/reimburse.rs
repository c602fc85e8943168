//! `aispend tag ...`, `aispend receipt ...`, `aispend report reimbursement
//! ...` and `aispend reimbursed ...` (SPEC §5, §9). Parsing and printing
//! only; the core decides.

use std::path::PathBuf;

use aispend_core::classify::Class;
use aispend_core::ledger::TxnFilter;
use aispend_core::money::Currency;
use aispend_core::reimburse::{self, LineSelection, Rate, ReportRequest};
use aispend_core::Ledger;
use chrono::{DateTime, NaiveDate, Utc};
use clap::{ArgGroup, Args, Subcommand};

use crate::out::{print_json, Failure};

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
    println!(
        "{} tag {:?}: {} lines selected, {} changed.",
        if add { "Added" } else { "Removed" },
        args.tag,
        change.selected,
        change.changed
    );
    Ok(())
}

pub fn run_receipt(ledger: &mut Ledger, cmd: ReceiptCommand, json: bool) -> Result<(), Failure> {
    match cmd {
        ReceiptCommand::Attach { txn_id, file } => {
            let r = aispend_core::reimburse::attach_receipt(ledger, txn_id, &file)?;
            if json {
                return print_json(&r);
            }
            println!(
                "Attached {} to line {} (receipt {}, sha256 {}).",
                r.file_name, r.txn_id, r.id, r.sha256
            );
        }
        ReceiptCommand::List { txn_id } => {
            let list = ledger.receipts(txn_id)?;
            if json {
                return print_json(&serde_json::json!({ "receipts": list }));
            }
            if list.is_empty() {
                println!("Line {txn_id} has no receipts. Attach one with `aispend receipt attach {txn_id} FILE`.");
            }
            for r in list {
                println!(
                    "{:>5}  {}  {} bytes  sha256 {}  attached {}",
                    r.id, r.file_name, r.size, r.sha256, r.attached_at
                );
            }
        }
        ReceiptCommand::Remove { receipt_id } => {
            aispend_core::reimburse::detach_receipt(ledger, receipt_id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": receipt_id }));
            }
            println!("Detached receipt {receipt_id}.");
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
    println!(
        "Wrote {} (report {}, {} lines for {}, {} to {}) and {} ({} receipts).",
        w.file.display(),
        r.number_text().unwrap_or_default(),
        r.lines.len(),
        r.client,
        r.from,
        r.to,
        w.receipts_zip.display(),
        w.receipts
    );
    for t in &r.totals {
        println!(
            "  billed in {}: net {} tax {} gross {} {}",
            t.currency, t.net, t.tax, t.owed, t.currency
        );
    }
    println!(
        "  total: {} {}; outstanding: {} {}",
        r.total_converted, r.currency, r.outstanding_converted, r.currency
    );
    for n in &r.notes {
        println!("  note: {}", n.render(crate::lang()));
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
        println!(
            "Marked {n} of {} lines of {} reimbursed on {on} (lines already marked keep their date).",
            ids.len(),
            a.client.trim()
        );
    } else {
        println!(
            "Took the reimbursed mark off {n} of {} lines of {}.",
            ids.len(),
            a.client.trim()
        );
    }
    Ok(())
}

//! The reimbursement report as CSV: RFC 4180, CRLF line ends, UTF-8 without
//! a BOM, one header row, one row per line, then subtotal rows (per vendor, per project tag,
//! per billed currency), then total rows.
//!
//! The last columns (`receipt_no`, `net`, `tax`, `gross`) are the PDF's:
//! the matched receipt's number, and net / tax where the receipt gives tax
//! (blank otherwise); `gross` repeats `amount`. Subtotal and total rows fill
//! net / tax / gross too.
//!
//! Amounts are what the client owes (spending positive, a refund negative),
//! written as plain decimals that a spreadsheet reads as numbers. Every text
//! cell goes through [`crate::export::csv_safe::text`], so a description such
//! as `=HYPERLINK(...)` is shown, never evaluated.

use super::{ReimburseError, Report};
use crate::export::csv_safe::{number, opt_number, text, writer};

/// The header row.
pub const HEADER: [&str; 17] = [
    "line",
    "date",
    "vendor",
    "description",
    "amount",
    "currency",
    "converted_amount",
    "converted_currency",
    "conversion",
    "receipts",
    "reimbursed_on",
    "status",
    "txn_id",
    "receipt_no",
    "net",
    "tax",
    "gross",
];

/// The report's CSV bytes.
pub fn to_bytes(report: &Report) -> Result<Vec<u8>, ReimburseError> {
    let mut w = writer(Vec::new());
    let io = |e: csv::Error| ReimburseError::Encode(format!("csv: {e}"));
    w.write_record(HEADER).map_err(io)?;
    let cur = report.currency.to_string();
    for l in &report.lines {
        let receipts = l
            .receipts
            .iter()
            .map(super::ReceiptRef::reference)
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            l.number.to_string(),
            l.date.to_string(),
            text(&l.vendor),
            text(&l.description),
            number(l.owed),
            l.currency.to_string(),
            opt_number(l.owed_converted),
            cur.clone(),
            text(&l.conversion.label(l.currency)),
            text(&receipts),
            l.reimbursed_on.map(|d| d.to_string()).unwrap_or_default(),
            l.status.as_str().to_owned(),
            l.txn_id.to_string(),
            text(l.receipt_no.as_deref().unwrap_or_default()),
            opt_number(l.net),
            opt_number(l.tax),
            number(l.owed),
        ])
        .map_err(io)?;
    }
    // A subtotal or total row: its label, then owed, currency, net, tax
    // and gross in their columns (the line columns between stay empty).
    let summary_row = |label: String, owed, currency: String, net, tax| {
        let mut row = vec![String::new(); 3];
        row.extend([label, number(owed), currency]);
        row.extend(std::iter::repeat_n(String::new(), 8));
        row.extend([number(net), number(tax), number(owed)]);
        row
    };
    for s in &report.subtotals {
        let label = text(&format!(
            "Subtotal {} in {} ({} line{})",
            s.label(),
            s.currency,
            s.lines,
            if s.lines == 1 { "" } else { "s" }
        ));
        w.write_record(summary_row(
            label,
            s.owed,
            s.currency.to_string(),
            s.net,
            s.tax,
        ))
        .map_err(io)?;
    }
    for t in &report.totals {
        let label = format!("Total billed in {} ({} lines)", t.currency, t.lines);
        w.write_record(summary_row(
            label,
            t.owed,
            t.currency.to_string(),
            t.net,
            t.tax,
        ))
        .map_err(io)?;
    }
    let empty = String::new;
    let incomplete = if report.unconverted_lines > 0 {
        format!(" (without {} unconverted lines)", report.unconverted_lines)
    } else {
        String::new()
    };
    for (label, value) in [
        (
            format!("Total in {cur}{incomplete}"),
            report.total_converted,
        ),
        (
            format!("Outstanding in {cur} (not yet marked reimbursed){incomplete}"),
            report.outstanding_converted,
        ),
    ] {
        w.write_record([
            empty(),
            empty(),
            empty(),
            text(&label),
            empty(),
            empty(),
            number(value),
            cur.clone(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| ReimburseError::Encode(format!("csv: {e}")))
}

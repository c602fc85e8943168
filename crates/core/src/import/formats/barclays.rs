//! Barclays (UK) online banking CSV (`barclays-csv`).
//!
//! `Number,Date,Account,Amount,Subcategory,Memo`, unquoted:
//!
//! - `Number` is usually empty (or `0`, or a running count of the export):
//!   not an id, not used.
//! - `Date` is DD/MM/YYYY, the booking date.
//! - `Account` is `sort-code account-number` (`20-00-00 12345678`); it names
//!   the default account (`Barclays 20-00-00 12345678`, or `Barclays`).
//! - `Amount` is signed from the holder's view, in GBP.
//! - `Subcategory` is Barclays' kind of payment (`PAYMENT`, `DIRECTDEP`,
//!   `Debit`, `Direct Debit`, `Counter Credit`...), kept as the source type.
//! - The payee is inside `Memo`, in padded fixed-width parts:
//!   `NETFLIX.COM         ON 02 AUG          BCC` is payee, `ON` + the day the
//!   card was used, and a two-to-three-letter transaction code (`BCC`, `CPM`,
//!   `BGC`, `DDR`...). The description is the memo with the spaces folded,
//!   the trailing code and the `ON dd MMM` part taken off (`NETFLIX.COM`);
//!   the memo keeps the full text as written.

use std::io::BufRead;

use crate::import::formats::csv::rows::{non_empty, CsvRows};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{
    header_has_all, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct Barclays;

const NAME: &str = "Barclays CSV";
const HEADER: &str = "Number,Date,Account,Amount,Subcategory,Memo";
const SIGNATURE: &[&str] = &["Number", "Date", "Account", "Amount", "Subcategory", "Memo"];
/// Barclays' transaction codes at the end of a memo.
const CODES: &[&str] = &[
    "BCC", "CPM", "BGC", "DDR", "DD", "SO", "STO", "FT", "TFR", "BBP", "CHQ", "DEB", "CR", "DR",
    "FPO", "FPI", "ATM", "CSH",
];
const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

impl Format for Barclays {
    fn id(&self) -> &'static str {
        "barclays-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        header_has_all(&head.csv_header(), SIGNATURE)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        match hint.filter(|h| !h.is_empty()) {
            Some(account) => format!("Barclays {account}"),
            None => "Barclays".to_owned(),
        }
    }

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, SIGNATURE)?;
        let c_date = header.require("Date")?;
        let c_account = header.require("Account")?;
        let c_amount = header.require("Amount")?;
        let c_sub = header.require("Subcategory")?;
        let c_memo = header.require("Memo")?;
        let mut desc_buf = String::new();

        while let Some(row) = rows.next_row()? {
            let date = row.date(c_date, "Date", DateOrder::Dmy)?;
            let value = row.amount(c_amount, "Amount", DecimalMark::Point)?;
            let memo = row.text(c_memo, "Memo")?;
            payee_from_memo(memo, &mut desc_buf);
            let txn = ParsedTxn {
                line: row.line(),
                date,
                description: &desc_buf,
                source_type: row.opt(c_sub, "Subcategory")?,
                memo: non_empty(memo),
                amount: value,
                currency: Currency::GBP,
                status: TxnStatus::Posted,
                account_hint: row.opt(c_account, "Account")?,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

/// The payee part of a Barclays memo: spaces folded, a trailing transaction
/// code and an `ON dd MMM` card-use date removed. Falls back to the whole
/// memo (folded) when nothing would be left.
fn payee_from_memo(memo: &str, out: &mut String) {
    let words: Vec<&str> = memo.split_whitespace().collect();
    let mut end = words.len();
    if end > 1 && CODES.contains(&words[end - 1]) {
        end -= 1;
    }
    if let Some(i) = (1..end).find(|&i| {
        words[i] == "ON"
            && words.get(i + 1).is_some_and(|d| {
                (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
            })
            && words.get(i + 2).is_some_and(|m| MONTHS.contains(m))
    }) {
        end = i;
    }
    out.clear();
    let keep = if end == 0 { &words[..] } else { &words[..end] };
    for (i, w) in keep.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

#[cfg(test)]
mod tests {
    use super::payee_from_memo;

    #[test]
    fn payee_comes_out_of_the_memo() {
        let mut s = String::new();
        for (memo, payee) in [
            ("NETFLIX.COM         ON 02 AUG          BCC", "NETFLIX.COM"),
            ("DELIVEROO ON 30 OCT CPM", "DELIVEROO"),
            (
                "JELLYFISH UK LTD JELLYFISH UK BGC",
                "JELLYFISH UK LTD JELLYFISH UK",
            ),
            ("ACME LTD SALARY", "ACME LTD SALARY"),
            ("BCC", "BCC"),
            ("", ""),
        ] {
            payee_from_memo(memo, &mut s);
            assert_eq!(s, payee, "{memo}");
        }
    }
}

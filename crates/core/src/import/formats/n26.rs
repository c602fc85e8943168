//! N26 transactions CSV (`n26-csv`), in both layouts N26 has exported.
//!
//! Until mid-2024:
//! `"Date","Payee","Account number","Transaction type","Payment reference","Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"`
//! with every cell in double quotes (older exports add `"Category"` before
//! the amounts; some add `"Account Name"`).
//!
//! Since mid-2024 (the category column was dropped):
//! `"Booking Date","Value Date","Partner Name","Partner Iban",Type,"Payment Reference","Account Name","Amount (EUR)","Original Amount","Original Currency","Exchange Rate"`
//! with only some cells quoted (`Type` in the header is bare), amounts
//! written with up to nine decimals (`25.000000000`), an empty `Value Date`
//! or `Partner Name` on some lines (round-ups, transfers between Spaces),
//! and `Account Name` naming the Space a line belongs to.
//!
//! Columns are picked by name, so both layouts share one reader:
//!
//! - `Date` / `Booking Date` is YYYY-MM-DD, the booking date.
//! - `Amount (EUR)` is signed from the holder's view (spending negative),
//!   written loosely (`-5.2`, `50.0`); the account is in EUR.
//! - Card payments fill the foreign columns even in EUR
//!   (`"-5.2","EUR","1.0"`): only when the foreign currency is another one
//!   do its amount and currency become the original amount and currency,
//!   and `Exchange Rate` the FX rate, stored as N26 writes it (foreign units
//!   per euro: `-18.57` EUR for `-20.00` USD at `1.0770`). The old layout
//!   signs the foreign amount like the euro amount; the new one writes it
//!   unsigned (`-12.34,10.00,GBP`), so the original amount always takes the
//!   euro amount's sign.
//! - `Payee` / `Partner Name` is the description; where the new layout
//!   leaves it empty, the payment reference or else the type stands in.
//!   `Payment reference` is the memo and `Transaction type` / `Type`
//!   (`MasterCard Payment`, `Presentment`, `Credit Transfer`, `Income`,
//!   `Direct Debit`...) the source type.
//! - `Account Name` (the Space) names the account: `N26 Main Account`,
//!   `N26 Savings`; a file without it goes to `N26`.
//! - No id column; every line is booked (posted).

use std::io::BufRead;

use crate::import::formats::csv::rows::{CsvRows, Header};
use crate::import::pipeline::format::{
    header_has_all, signed_as, Account, DateOrder, Format, Head, Parsed, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct N26;

const NAME: &str = "N26 CSV";
const HEADER: &str = "\"Booking Date\",\"Value Date\",\"Partner Name\",\"Partner Iban\",Type,\"Payment Reference\",\"Account Name\",\"Amount (EUR)\",\"Original Amount\",\"Original Currency\",\"Exchange Rate\"";
/// The layout exported until mid-2024.
const SIGNATURE_2019: &[&str] = &[
    "Date",
    "Payee",
    "Account number",
    "Transaction type",
    "Payment reference",
    "Amount (EUR)",
];
/// The layout exported since mid-2024.
const SIGNATURE_2024: &[&str] = &[
    "Booking Date",
    "Partner Name",
    "Type",
    "Payment Reference",
    "Amount (EUR)",
];

/// The first of `names` the header has.
fn either(header: &Header, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| header.find(n))
}

impl Format for N26 {
    fn id(&self) -> &'static str {
        "n26-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        let header = head.csv_header();
        header_has_all(&header, SIGNATURE_2019) || header_has_all(&header, SIGNATURE_2024)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        // The Space: `N26 Main Account`, `N26 Savings`.
        Account::Named("N26").name(hint)
    }

    fn several_accounts(&self) -> bool {
        true
    }

    fn parse(&self, head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut rows = CsvRows::new(input);
        let header = if head.csv_header().iter().any(|h| h.trim() == "Booking Date") {
            rows.header(NAME, HEADER, SIGNATURE_2024)?
        } else {
            rows.header(NAME, HEADER, SIGNATURE_2019)?
        };
        let c_date = match either(&header, &["Booking Date", "Date"]) {
            Some(c) => c,
            None => header.require("Booking Date")?,
        };
        let c_payee = either(&header, &["Partner Name", "Payee"]);
        let c_type = either(&header, &["Type", "Transaction type"]);
        let c_ref = header.find("Payment reference");
        let c_amount = header.require("Amount (EUR)")?;
        let c_category = header.find("Category");
        let c_space = header.find("Account Name");
        let c_foreign = either(&header, &["Original Amount", "Amount (Foreign Currency)"]);
        let c_foreign_cur = either(&header, &["Original Currency", "Type Foreign Currency"]);
        let c_rate = header.find("Exchange Rate");
        const POINT: DecimalMark = DecimalMark::Point;

        while let Some(row) = rows.next_row()? {
            let date = row.date(c_date, "Booking Date", DateOrder::Ymd)?;
            let value = row.amount(c_amount, "Amount (EUR)", POINT)?;
            let foreign_cur = match c_foreign_cur {
                Some(c) => row.text(c, "Original Currency")?,
                None => "",
            };
            let (original_amount, original_currency, fx_rate) = match (c_foreign_cur, c_foreign) {
                (Some(cc), Some(ca)) if !foreign_cur.is_empty() && foreign_cur != "EUR" => {
                    let currency = row.currency(cc, "Original Currency")?;
                    let foreign = row.amount(ca, "Original Amount", POINT)?;
                    let rate = row.opt_amount(c_rate, "Exchange Rate", POINT)?;
                    // The new layout writes it unsigned: it takes the
                    // euro amount's direction.
                    (Some(signed_as(foreign, value)), Some(currency), rate)
                }
                _ => (None, None, None),
            };
            let memo = row.opt(c_ref, "Payment Reference")?;
            let source_type = row.opt(c_type, "Type")?;
            let description = row
                .opt(c_payee, "Partner Name")?
                .or(memo)
                .or(source_type)
                .unwrap_or("N26");
            let txn = ParsedTxn {
                line: row.line(),
                date,
                description,
                details: crate::import::pipeline::format::Details::merchant(
                    row.opt(c_payee, "Partner Name")?,
                ),
                category: row.opt(c_category, "Category")?,
                source_type,
                memo,
                amount: value,
                currency: Currency::EUR,
                original_amount,
                original_currency,
                fx_rate,
                status: TxnStatus::Posted,
                account_hint: row.opt(c_space, "Account Name")?,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

//! American Express card activity CSV (`amex-csv`).
//!
//! Amex writes three layouts, told apart by their header:
//!
//! - short: `Date,Description,Amount`;
//! - `Date,Description,Card Member,Account #,Amount`;
//! - extended ("include all additional transaction details"): the columns
//!   above followed by `Extended Details,Appears On Your Statement As,Address,
//!   City/State,Zip Code,Country,Reference,Category` (some exports have no
//!   `Card Member,Account #`). `Extended Details` and `Address` are quoted
//!   fields that span several lines, and the file may start with blank rows
//!   (empty lines or rows of bare commas) before the header.
//!
//! Quirks, and what this module does with them:
//!
//! - **Sign**: charges are positive and payments/credits negative in the
//!   file. Every amount is negated, so spending is negative in the ledger.
//! - **Dates** are MM/DD/YYYY in US exports and DD/MM/YYYY in UK ones. The
//!   order is decided per file from the dates in the head
//!   ([`infer_date_order`]); when every day there is 12 or less, MM/DD/YYYY
//!   unless the user says `--date-order dmy`.
//! - **Currency** is not in the file: USD for an MM/DD/YYYY file, GBP for a
//!   DD/MM/YYYY (UK) one, unless the user says `--currency`.
//! - `Reference` is the line's own id, written with apostrophes
//!   (`'320260450123456789'`); without them it is the source id.
//! - `Account #` holds the card's last five digits as `-11005`: those digits
//!   name the default account (`American Express card ending 11005`).
//! - `Extended Details` (foreign spend, merchant details) becomes the memo;
//!   `Category` (`Merchandise & Supplies-Internet Purchase`) the category;
//!   `Appears On Your Statement As` (the raw card descriptor, where Amex's
//!   `Description` is its own cleaned name) `details.descriptor`.
//! - The export holds posted lines only.
//!
//! Detection: `Card Member` with `Account #`, or `Appears On Your Statement
//! As`, are Amex's own. The short layout `Date,Description,Amount` is the
//! generic shape many banks write with the opposite sign, so it is claimed
//! only when the head shows Amex's sign convention: a card payment
//! (`... PAYMENT - THANK YOU`) written as a negative amount, and none written
//! as positive. Otherwise the file is left to the column mapper; a user can
//! still force this format with `--format amex-csv`.

use std::io::BufRead;

use crate::import::formats::csv::rows::{non_empty, CsvRows};
use crate::import::pipeline::format::{
    account_ending, header_has_all, infer_date_order, normalise_header, parse_date, signed_as,
    AssumedCurrency, DateOrder, Format, Head, Parsed, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

#[derive(Debug)]
pub struct AmexCard;

const NAME: &str = "American Express CSV";
const HEADER: &str = "Date,Description,Card Member,Account #,Amount";
const CORE: &[&str] = &["Date", "Description", "Amount"];

impl Format for AmexCard {
    fn id(&self) -> &'static str {
        "amex-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        let header = head.csv_header();
        if !header_has_all(&header, CORE) {
            return false;
        }
        if header_has_all(&header, &["Card Member", "Account #"])
            || header_has_all(&header, &["Appears On Your Statement As"])
        {
            return true;
        }
        header.len() == 3 && short_layout_has_amex_signs(head)
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        account_ending("American Express card", hint)
    }

    fn parse(&self, head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        // What the user said (`--date-order`, `--currency`) wins over what
        // the file suggests.
        let hints = sink.hints();
        let order = hints.date_order.unwrap_or_else(|| date_order(head));
        // Leading blank rows come before the header.
        let mut rows = CsvRows::new(input);
        let header = rows.header(NAME, HEADER, CORE)?;
        // Amex does not write the currency: day-first dates are Amex UK's
        // (GBP), the others Amex US's (USD); the summary says which.
        let currency = hints.currency.unwrap_or(if order == DateOrder::Dmy {
            Currency::GBP
        } else {
            Currency::USD
        });
        let mut assumed = AssumedCurrency::default();
        let c_date = header.require("Date")?;
        let c_desc = header.require("Description")?;
        let c_amount = header.require("Amount")?;
        let c_account = header.find("Account #");
        let c_details = header.find("Extended Details");
        let c_reference = header.find("Reference");
        let c_category = header.find("Category");
        let c_appears = header.find("Appears On Your Statement As");

        while let Some(row) = rows.next_row()? {
            let details = row.opt(c_details, "Extended Details")?;
            let foreign = details.and_then(foreign_spend);
            let amount = -row.amount(c_amount, "Amount", DecimalMark::Point)?;
            let txn = ParsedTxn {
                line: row.line(),
                date: row.date(c_date, "Date", order)?,
                // Charges are positive in the file: spending is negative here.
                amount,
                account_hint: row.opt(c_account, "Account #")?.and_then(card_digits),
                source_id: row
                    .opt(c_reference, "Reference")?
                    .map(|r| r.trim_matches('\'').trim())
                    .and_then(non_empty),
                description: row.text(c_desc, "Description")?,
                details: crate::import::pipeline::format::Details {
                    descriptor: row.opt(c_appears, "Appears On Your Statement As")?,
                    ..crate::import::pipeline::format::Details::default()
                },
                category: row.opt(c_category, "Category")?,
                memo: details,
                currency,
                original_amount: foreign.as_ref().map(|f| signed_as(f.amount, amount)),
                original_currency: foreign.as_ref().map(|f| f.currency),
                fx_rate: foreign.as_ref().and_then(|f| f.rate),
                fx_fee: foreign
                    .as_ref()
                    .and_then(|f| f.commission)
                    .filter(|c| !c.is_zero()),
                status: TxnStatus::Posted,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
            assumed.row(txn.line, currency);
        }
        assumed.finish(hints, sink);
        Ok(())
    }
}

/// The data rows at the start of the file as text cells (the header and
/// leading blank rows skipped), for decisions made from the head. A row cut
/// off by the end of the head may be incomplete; a row the CSV reader cannot
/// read ends the list.
fn head_rows(head: &Head<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(head.text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let Ok(rec) = rec else { break };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_owned()).collect();
        if header.is_none() {
            header = Some(cells.iter().map(|c| normalise_header(c)).collect());
        } else {
            rows.push(cells);
        }
    }
    (header.unwrap_or_default(), rows)
}

/// The order of day and month in this file's dates, from the head's rows.
fn date_order(head: &Head<'_>) -> DateOrder {
    const BOTH: [DateOrder; 2] = [DateOrder::Mdy, DateOrder::Dmy];
    let (header, rows) = head_rows(head);
    let Some(c_date) = header.iter().position(|h| h == "date") else {
        return DateOrder::Mdy;
    };
    // A date that fits neither order (cut off, or simply wrong) says nothing
    // about the order; the parse reports it at its line.
    let samples = rows
        .iter()
        .filter_map(|r| r.get(c_date))
        .map(String::as_str)
        .filter(|d| BOTH.iter().any(|o| parse_date(d, *o, "Date", 0).is_ok()));
    infer_date_order(samples, &BOTH).unwrap_or(DateOrder::Mdy)
}

/// Whether a `Date,Description,Amount` file writes card payments as negative
/// amounts (Amex's convention: charges positive), judged from the head.
fn short_layout_has_amex_signs(head: &Head<'_>) -> bool {
    let (_, rows) = head_rows(head);
    let mut negative_payment = false;
    for row in &rows {
        let (Some(desc), Some(amount)) = (row.get(1), row.get(2)) else {
            continue;
        };
        let desc = desc.to_uppercase();
        if !(desc.contains("PAYMENT") && desc.contains("THANK YOU")) {
            continue;
        }
        match parse_amount(amount, DecimalMark::Point) {
            Ok(a) if a.is_sign_negative() && !a.is_zero() => negative_payment = true,
            Ok(a) if !a.is_zero() => return false,
            _ => {}
        }
    }
    negative_payment
}

/// The card's last digits from `Account #` (`-11005` → `11005`).
fn card_digits(value: &str) -> Option<&str> {
    let digits = value.rsplit(|c: char| !c.is_ascii_digit()).next()?;
    let start = digits.len().saturating_sub(5);
    non_empty(&digits[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_digits_from_account_numbers() {
        assert_eq!(card_digits("-11005"), Some("11005"));
        assert_eq!(card_digits("XXXX-XXXXXX-21009"), Some("21009"));
        assert_eq!(card_digits("378282246310005"), Some("10005"));
        assert_eq!(card_digits("-"), None);
    }
}

/// What `Extended Details` says about a charge in another currency:
/// `Foreign Spend Amount: 12.50 British Pounds`, `Commission Amount: 0.00`,
/// `Currency Exchange Rate: 1.2736`.
#[derive(Debug, Clone, PartialEq)]
struct ForeignSpend {
    amount: rust_decimal::Decimal,
    currency: Currency,
    rate: Option<rust_decimal::Decimal>,
    commission: Option<rust_decimal::Decimal>,
}

/// Reads the foreign spend out of `Extended Details`; `None` when it has
/// none, or names a currency this table does not know (the text stays in
/// the memo either way).
fn foreign_spend(details: &str) -> Option<ForeignSpend> {
    let field = |name: &str| {
        details.lines().find_map(|l| {
            l.trim()
                .strip_prefix(name)
                .map(|rest| rest.trim_start_matches([' ', ':']).trim())
        })
    };
    let spend = field("Foreign Spend Amount")?;
    let (number, name) = spend.split_once(' ')?;
    let amount = crate::money::parse_plain_decimal(&number.replace(',', "")).ok()?;
    let currency = currency_named(name.trim())?;
    let dec = |t: Option<&str>| {
        t.and_then(|t| crate::money::parse_plain_decimal(&t.replace(',', "")).ok())
    };
    Some(ForeignSpend {
        amount: amount.abs(),
        currency,
        rate: dec(field("Currency Exchange Rate")),
        commission: dec(field("Commission Amount")),
    })
}

/// The currencies as Amex names them in `Foreign Spend Amount`.
fn currency_named(name: &str) -> Option<Currency> {
    let code = match name.to_ascii_lowercase().as_str() {
        "british pounds" | "pounds sterling" | "uk sterling" => "GBP",
        "euros" | "euro" => "EUR",
        "us dollars" | "u.s. dollars" => "USD",
        "canadian dollars" => "CAD",
        "australian dollars" => "AUD",
        "new zealand dollars" => "NZD",
        "hong kong dollars" => "HKD",
        "singapore dollars" => "SGD",
        "japanese yen" | "yen" => "JPY",
        "swiss francs" => "CHF",
        "chinese yuan renminbi" | "chinese yuan" | "renminbi" => "CNY",
        "mexican pesos" => "MXN",
        "indian rupees" => "INR",
        "swedish krona" | "swedish kronor" => "SEK",
        "danish krone" | "danish kroner" => "DKK",
        "norwegian krone" | "norwegian kroner" => "NOK",
        "south korean won" | "korean won" => "KRW",
        "brazilian real" => "BRL",
        _ => return None,
    };
    Currency::parse(code).ok()
}

#[cfg(test)]
mod foreign_tests {
    use super::*;

    #[test]
    fn foreign_spend_in_extended_details() {
        let f = foreign_spend(
            "Foreign Spend Amount: 12.50 British Pounds\nCommission Amount: 0.00\nCurrency Exchange Rate: 1.2736",
        )
        .expect("foreign spend");
        assert_eq!(f.amount.to_string(), "12.50");
        assert_eq!(f.currency, Currency::GBP);
        assert_eq!(f.rate.map(|r| r.to_string()), Some("1.2736".into()));
        assert!(foreign_spend("Description : API CREDITS Price : 50.00").is_none());
        assert!(foreign_spend("Foreign Spend Amount: 9.00 Martian Credits").is_none());
    }
}

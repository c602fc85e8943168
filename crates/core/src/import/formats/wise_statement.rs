//! Wise balance statement CSV (`wise-statement-csv`): what Wise exports for
//! one currency balance, the file that holds the Wise card's payments.
//!
//! `"TransferWise ID","Date","Amount","Currency","Description","Payment Reference","Running Balance","Exchange From","Exchange To","Exchange Rate","Payer Name","Payee Name","Payee Account Number","Merchant","Card Last Four Digits","Card Holder Full Name","Attachment","Note","Total fees"`
//! (newer exports add `"Exchange To Amount"`, older ones stop after
//! `Merchant`), every cell quoted or none, newest line first.
//!
//! - `Date` is DD-MM-YYYY, the local date of the line.
//! - `Amount` is signed from the holder's view, in `Currency` (the
//!   balance's currency); the account is `Wise <currency>` (one balance a
//!   file).
//! - `TransferWise ID` (`CARD-4279179476`, `TRANSFER-…`, `BALANCE-…`) is the
//!   source id. Wise writes the fee of a card payment as a line of its own
//!   with the SAME id (`Wise Charges for: CARD-4279179476`), so an id alone
//!   never identifies a line: the pipeline merges two lines on an id only
//!   when their date and amount agree too.
//! - A card payment in another currency says so in `Description`
//!   (`Card transaction of 20.00 USD issued by …`) and, in newer exports, in
//!   `Exchange To` / `Exchange To Amount`: that amount and currency (signed
//!   like the line) are the original amount and currency, and `Exchange
//!   Rate` the FX rate as Wise writes it (target units per source unit).
//! - `Total fees`, when not zero, is the line's fee (`fx_fee`).
//! - `Description` is the description (it carries the card descriptor);
//!   `Merchant` the card descriptor among the line's details, `Payee Name`
//!   or `Payer Name` its merchant (the other party of a transfer);
//!   `Payment Reference` (else `Note`) the memo; the id's prefix (`CARD`,
//!   `TRANSFER`, `BALANCE`, …) the source type, except that a conversion
//!   between one's own balances (`Converted 100.00 EUR to 107.52 USD`) is
//!   `CONVERSION`, which the catalog knows as an own-account move.
//! - A balance statement holds completed lines only: every line is posted.

use rust_decimal::Decimal;

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header, Row};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::Account;
use crate::import::pipeline::format::{signed_as, DateOrder, Details, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

pub(crate) static WISE_STATEMENT: CodedCsv = CodedCsv {
    id: "wise-statement-csv",
    name: "Wise balance statement CSV",
    header: "\"TransferWise ID\",\"Date\",\"Amount\",\"Currency\",\"Description\",\"Payment Reference\",\"Running Balance\",\"Exchange From\",\"Exchange To\",\"Exchange Rate\",\"Payer Name\",\"Payee Name\",\"Payee Account Number\",\"Merchant\",\"Total fees\"",
    signature: &[
        "TransferWise ID",
        "Date",
        "Amount",
        "Currency",
        "Description",
    ],
    without: &[],
    // One balance a file: `Wise EUR`.
    account: Account::Named("Wise"),
    records: false,
    read,
};

const POINT: DecimalMark = DecimalMark::Point;

fn read(rows: &mut CsvRows<'_>, header: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c_id = header.require("TransferWise ID")?;
    let c_date = header.require("Date")?;
    let c_amount = header.require("Amount")?;
    let c_currency = header.require("Currency")?;
    let c_description = header.require("Description")?;
    let c_reference = header.find("Payment Reference");
    let c_note = header.find("Note");
    let c_to = header.find("Exchange To");
    let c_to_amount = header.find("Exchange To Amount");
    let c_rate = header.find("Exchange Rate");
    let c_fees = header.find("Total fees");
    let c_merchant = header.find("Merchant");
    let c_payee = header.find("Payee Name");
    let c_payer = header.find("Payer Name");

    while let Some(row) = rows.next_row()? {
        let id = row.required(c_id, "TransferWise ID")?;
        let date = row.date(c_date, "Date", DateOrder::Dmy)?;
        let amount = row.amount(c_amount, "Amount", POINT)?;
        let currency = row.currency(c_currency, "Currency")?;
        let description = row.required(c_description, "Description")?;
        let (original_amount, original_currency) =
            original(&row, c_to, c_to_amount, description, currency)?;
        let fx_rate = match original_currency {
            Some(_) => row.opt_amount(c_rate, "Exchange Rate", POINT)?,
            None => None,
        };
        let txn = ParsedTxn {
            line: row.line(),
            source_id: Some(id),
            date,
            description,
            details: Details {
                merchant: row
                    .opt(c_payee, "Payee Name")?
                    .or(row.opt(c_payer, "Payer Name")?),
                descriptor: row.opt(c_merchant, "Merchant")?,
                ..Details::default()
            },
            source_type: if description.starts_with("Converted ") {
                Some("CONVERSION")
            } else {
                id.split_once('-').map(|(kind, _)| kind)
            },
            memo: row
                .opt(c_reference, "Payment Reference")?
                .or(row.opt(c_note, "Note")?),
            amount,
            currency,
            original_amount: original_amount.map(|v| signed_as(v, amount)),
            original_currency,
            fx_rate,
            fx_fee: row
                .opt_amount(c_fees, "Total fees", POINT)?
                .filter(|f| !f.is_zero()),
            status: TxnStatus::Posted,
            account_hint: Some(currency.as_str()),
            ..ParsedTxn::default()
        };
        sink.row(&txn)?;
    }
    Ok(())
}

/// The amount and currency the merchant charged, where it is not the
/// balance's: `Exchange To` with `Exchange To Amount`, else what the
/// description says (`Card transaction of 20.00 USD issued by …`).
fn original(
    row: &Row<'_>,
    c_to: Option<usize>,
    c_to_amount: Option<usize>,
    description: &str,
    balance: Currency,
) -> Result<(Option<Decimal>, Option<Currency>), RowError> {
    let to = row.opt(c_to, "Exchange To")?;
    if let (Some(to), Some(v)) = (
        to,
        row.opt_amount(c_to_amount, "Exchange To Amount", POINT)?,
    ) {
        if let Ok(cur) = to.parse::<Currency>() {
            if cur != balance && !v.is_zero() {
                return Ok((Some(v), Some(cur)));
            }
        }
        return Ok((None, None));
    }
    Ok(card_amount(description)
        .filter(|(v, cur)| *cur != balance && !v.is_zero())
        .map_or((None, None), |(v, cur)| (Some(v), Some(cur))))
}

/// `Card transaction of 20.00 USD issued by …` → (20.00, USD).
fn card_amount(description: &str) -> Option<(Decimal, Currency)> {
    let rest = description.split_once(" of ")?.1;
    let mut words = rest.split_whitespace();
    let value = parse_amount(words.next()?, POINT).ok()?;
    let cur = words.next()?.parse::<Currency>().ok()?;
    (words.next() == Some("issued")).then_some((value, cur))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_amount_reads_the_description() {
        let got = card_amount("Card transaction of 20.00 USD issued by Openai *chatgpt Subscr");
        assert_eq!(
            got.map(|(v, c)| (v.to_string(), c.as_str().to_owned())),
            Some(("20.00".into(), "USD".into()))
        );
        assert_eq!(card_amount("Sent money to Jo Example"), None);
        assert_eq!(card_amount("Converted 500.00 EUR to 567.00 USD"), None);
    }
}

//! Revolut account statement CSV (`revolut-csv`).
//!
//! The current export (app → account → Statement → Excel/CSV) is
//! `Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance`,
//! one file per currency account, unquoted, LF line ends:
//!
//! - Dates are `YYYY-MM-DD HH:MM:SS` in the account holder's local time. The
//!   Started Date's calendar date is the line's `date` and the Completed
//!   Date's its `posted_date`, both kept as written (no time zone shift).
//!   A pending line (and a reverted one) usually has no Completed Date and no
//!   Balance.
//! - `Amount` is signed from the holder's view: spending negative, top-ups
//!   and refunds positive. It is the line's amount as written.
//! - `Fee` is a separate, positive column in the same `Currency` (weekend
//!   exchange mark-ups, ATM and transfer fees); the balance moves by
//!   `Amount - Fee`. A non-zero fee is kept, as written, in `fx_fee`
//!   (the ledger's fee column, in the billed currency); it is **not** folded
//!   into the amount, so the line stays what the merchant charged. A zero fee
//!   is recorded as no fee.
//! - `State`: `COMPLETED` → posted, `PENDING` → pending, `REVERTED`,
//!   `DECLINED` and `FAILED` → reverted (kept, never dropped). Any other
//!   value is refused with the values this format knows.
//! - There is no id column and no original (foreign) amount: a card payment
//!   in USD from a GBP account shows only the GBP the account paid.
//!
//! The older crypto statement has
//! `Type,Product,Started Date,Completed Date,Description,Amount,Currency,Fiat amount,Fiat amount (inc. fees),Fee,Base currency,State,Balance`
//! (hours may have one digit: `2022-08-24 3:47:33`). There `Amount` and
//! `Currency` are a coin quantity and ticker (`BTC`, `ALGO`, not ISO 4217),
//! so the line's amount is `Fiat amount` in `Base currency` (the value
//! without the fee), `Fee` (in the base currency) goes to `fx_fee` as above,
//! and the coin quantity is kept in the memo (`-0.00031200 BTC`). Such a file
//! lands in its own default account (`Revolut crypto EUR`) so that exchanges
//! are not counted twice against the fiat account.
//!
//! The default account is `Revolut` plus the first line's currency
//! (`Revolut GBP`).

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::Account;
use crate::import::pipeline::format::{DateOrder, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::DecimalMark;

pub(crate) static REVOLUT: CodedCsv = CodedCsv {
    id: "revolut-csv",
    name: "Revolut statement CSV",
    header:
        "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance",
    // Columns every Revolut statement has, current and crypto alike.
    signature: &[
        "Type",
        "Started Date",
        "Completed Date",
        "Description",
        "Amount",
        "Fee",
        "Currency",
        "State",
    ],
    without: &[],
    // The first line's currency: `Revolut GBP`, `Revolut crypto EUR`.
    account: Account::Named("Revolut"),
    records: false,
    read,
};

const STATES: &str = "COMPLETED, PENDING, REVERTED, DECLINED or FAILED";

fn read(rows: &mut CsvRows<'_>, header: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c_type = header.require("Type")?;
    let c_started = header.require("Started Date")?;
    let c_completed = header.require("Completed Date")?;
    let c_desc = header.require("Description")?;
    let c_amount = header.require("Amount")?;
    let c_fee = header.require("Fee")?;
    let c_currency = header.require("Currency")?;
    let c_state = header.require("State")?;
    // The crypto statement: the fiat value and its currency.
    let crypto = match (header.find("Fiat amount"), header.find("Base currency")) {
        (Some(fiat), Some(base)) => Some((fiat, base)),
        _ => None,
    };
    let mut memo_buf = String::new();
    let mut hint_buf = String::new();

    while let Some(row) = rows.next_row()? {
        let date = row.date(c_started, "Started Date", DateOrder::Ymd)?;
        let posted_date = row.opt_date(c_completed, "Completed Date", DateOrder::Ymd)?;
        let state = row.text(c_state, "State")?;
        let status = match state.to_ascii_uppercase().as_str() {
            "COMPLETED" => TxnStatus::Posted,
            "PENDING" => TxnStatus::Pending,
            "REVERTED" | "DECLINED" | "FAILED" => TxnStatus::Reverted,
            _ => return Err(row.unexpected("State", state, STATES)),
        };
        let fee = row
            .opt_amount(c_fee, "Fee", DecimalMark::Point)?
            .filter(|f| !f.is_zero());
        let (value, currency, memo, hint) = match crypto {
            None => {
                let text = row.text(c_currency, "Currency")?;
                let value = row.amount(c_amount, "Amount", DecimalMark::Point)?;
                (value, row.currency(c_currency, "Currency")?, None, text)
            }
            Some((c_fiat, c_base)) => {
                let base = row.text(c_base, "Base currency")?;
                let value = row.amount(c_fiat, "Fiat amount", DecimalMark::Point)?;
                memo_buf.clear();
                memo_buf.push_str(row.text(c_amount, "Amount")?);
                memo_buf.push(' ');
                memo_buf.push_str(row.text(c_currency, "Currency")?);
                hint_buf.clear();
                hint_buf.push_str("crypto ");
                hint_buf.push_str(base);
                (
                    value,
                    row.currency(c_base, "Base currency")?,
                    Some(memo_buf.trim()),
                    hint_buf.as_str(),
                )
            }
        };
        let txn = ParsedTxn {
            line: row.line(),
            date,
            posted_date,
            description: row.text(c_desc, "Description")?,
            details: crate::import::pipeline::format::Details::merchant(Some(
                row.text(c_desc, "Description")?,
            )),
            source_type: row.opt(c_type, "Type")?,
            memo: memo.filter(|m| !m.is_empty()),
            amount: value,
            currency,
            fx_fee: fee,
            status,
            account_hint: Some(hint),
            ..ParsedTxn::default()
        };
        sink.row(&txn)?;
    }
    Ok(())
}

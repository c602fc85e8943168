//! Wise transfer history CSV (`wise-csv`).
//!
//! `id,status,direction,date_created,date_finished,source_fee_amount,source_fee_currency,target_fee_amount,target_fee_currency,source_name,source_amount_after_fees,source_currency,target_name,target_amount_after_fees,target_currency,exchange_rate,reference,batch`,
//! unquoted unless a name or reference holds a comma.
//!
//! Choices, one line per transfer:
//!
//! - `id` (`TRANSFER-1234567890`) is the source id: a re-import adds nothing.
//! - `date_created`'s calendar date is the line's `date`, `date_finished`'s
//!   its `posted_date` (empty until the transfer finishes); both
//!   `YYYY-MM-DD HH:MM:SS`, kept as written.
//! - `direction` `OUT` (and `NEUTRAL`, a conversion between one's own
//!   balances, which still leaves the source balance) is money out: the
//!   amount is minus what left the source balance, `source_amount_after_fees`
//!   plus `source_fee_amount`, in `source_currency`; the description is
//!   `target_name`. `IN` is money in: plus `target_amount_after_fees` in
//!   `target_currency`, described by `source_name`. The direction is kept as
//!   the source type, so a `NEUTRAL` line can be told apart.
//! - When source and target currencies differ, the other side's amount and
//!   currency (with the line's sign) are the original amount and currency,
//!   and `exchange_rate` the FX rate as Wise writes it (target units per
//!   source unit).
//! - The fee charged on the line's own side (`source_fee_amount` for money
//!   out, `target_fee_amount` for money in) is kept in `fx_fee` when it is
//!   not zero; for money out it is also inside the amount, since that is what
//!   the balance lost.
//! - `status` `COMPLETED` → posted; `CANCELLED` and `REFUNDED` → reverted
//!   (kept, never dropped); anything else (`PROCESSING`,
//!   `WAITING_FOR_PAYMENT`...) → pending.
//! - `reference` is the memo.

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::Account;
use crate::import::pipeline::format::{DateOrder, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::DecimalMark;

pub(crate) static WISE: CodedCsv = CodedCsv {
    id: "wise-csv",
    name: "Wise transfer history CSV",
    header: "id,status,direction,date_created,date_finished,source_fee_amount,source_fee_currency,target_fee_amount,target_fee_currency,source_name,source_amount_after_fees,source_currency,target_name,target_amount_after_fees,target_currency,exchange_rate,reference,batch",
    signature: &[
        "id",
        "status",
        "direction",
        "date_created",
        "source_amount_after_fees",
        "source_currency",
        "target_amount_after_fees",
        "target_currency",
    ],
    without: &[],
    account: Account::Fixed("Wise"),
    records: false,
    read,
};

const DIRECTIONS: &str = "OUT, IN or NEUTRAL";

fn read(rows: &mut CsvRows<'_>, header: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c_id = header.require("id")?;
    let c_status = header.require("status")?;
    let c_direction = header.require("direction")?;
    let c_created = header.require("date_created")?;
    let c_finished = header.find("date_finished");
    let c_source_fee = header.find("source_fee_amount");
    let c_target_fee = header.find("target_fee_amount");
    let c_source_name = header.find("source_name");
    let c_source_amount = header.require("source_amount_after_fees")?;
    let c_source_cur = header.require("source_currency")?;
    let c_target_name = header.find("target_name");
    let c_target_amount = header.require("target_amount_after_fees")?;
    let c_target_cur = header.require("target_currency")?;
    let c_rate = header.find("exchange_rate");
    let c_reference = header.find("reference");
    const POINT: DecimalMark = DecimalMark::Point;

    while let Some(row) = rows.next_row()? {
        let id = row.required(c_id, "id")?;
        let status = match row.text(c_status, "status")?.to_ascii_uppercase().as_str() {
            "COMPLETED" => TxnStatus::Posted,
            "CANCELLED" | "REFUNDED" => TxnStatus::Reverted,
            _ => TxnStatus::Pending,
        };
        let direction = row.text(c_direction, "direction")?;
        let out = match direction.to_ascii_uppercase().as_str() {
            "OUT" | "NEUTRAL" => true,
            "IN" => false,
            _ => return Err(row.unexpected("direction", direction, DIRECTIONS)),
        };
        let date = row.date(c_created, "date_created", DateOrder::Ymd)?;
        let posted_date = row.opt_date(c_finished, "date_finished", DateOrder::Ymd)?;
        let source_amount = row.amount(c_source_amount, "source_amount_after_fees", POINT)?;
        let target_amount = row.amount(c_target_amount, "target_amount_after_fees", POINT)?;
        let source_cur = row.currency(c_source_cur, "source_currency")?;
        let target_cur = row.currency(c_target_cur, "target_currency")?;
        let source_fee = row.opt_amount(c_source_fee, "source_fee_amount", POINT)?;
        let target_fee = row.opt_amount(c_target_fee, "target_fee_amount", POINT)?;
        let (value, cur, other, other_cur, fee, description) = if out {
            (
                -(source_amount.abs() + source_fee.unwrap_or_default().abs()),
                source_cur,
                -target_amount.abs(),
                target_cur,
                source_fee,
                row.text(c_target_name, "target_name")?,
            )
        } else {
            (
                target_amount.abs(),
                target_cur,
                source_amount.abs(),
                source_cur,
                target_fee,
                row.text(c_source_name, "source_name")?,
            )
        };
        let (original_amount, original_currency, fx_rate) = if other_cur == cur {
            (None, None, None)
        } else {
            let rate = row.opt_amount(c_rate, "exchange_rate", POINT)?;
            (Some(other), Some(other_cur), rate)
        };
        let txn = ParsedTxn {
            line: row.line(),
            source_id: Some(id),
            date,
            posted_date,
            description,
            details: crate::import::pipeline::format::Details::merchant(Some(description)),
            source_type: Some(direction),
            memo: row.opt(c_reference, "reference")?,
            amount: value,
            currency: cur,
            original_amount,
            original_currency,
            fx_rate,
            fx_fee: fee.filter(|f| !f.is_zero()),
            status,
            ..ParsedTxn::default()
        };
        sink.row(&txn)?;
    }
    Ok(())
}

//! WeChat Pay (微信支付) bill export, CSV.
//!
//! UTF-8 text. Sixteen preamble lines, each padded with commas to the width
//! of the table (`微信支付账单明细`, nickname, period, export time, counts,
//! totals, notes, a dashed ruler), then the header:
//! `交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注`
//!
//! - `交易时间` is local China time; the date is kept as written.
//! - `金额(元)` is written `¥28.16`, always positive; `收/支` gives the
//!   direction: `支出` out (negative), `收入` in (positive), `/` neutral
//!   (wallet top-ups, withdrawals, card repayments, moves to savings). A
//!   neutral line keeps `/` in `source_type` so classification can treat it
//!   as a transfer; its sign says which way the money went as far as the
//!   export tells: top-ups (`充值`), moves back into the wallet (`…到零钱`)
//!   and refunds come in, everything else goes out.
//! - `当前状态`: failed, closed or cancelled lines are `reverted`, and so
//!   is a purchase refunded in full (`已全额退款`); lines still under way
//!   (`…中`, `待…`) are `pending`; the rest are `posted` (a partly refunded
//!   purchase, `已退款(￥5.00)`, included).
//! - Refunds are lines of their own: `交易类型` `退款` or `<merchant>-退款`,
//!   money in, under the purchase's `交易对方`. The ledger pairs each with
//!   its purchase so the totals net (see `ledger/refunds.rs`).
//! - `/` stands for an empty cell; ids may end with a TAB or a space.
//! - `交易单号` is WeChat's own id (`source_id`).

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{
    parse_date, DateOrder, Format, Head, Parsed, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

#[derive(Debug)]
pub struct WeChatPay;

pub(crate) const NAME: &str = "WeChat Pay (微信支付) bill CSV";
pub(crate) const HEADER: &str =
    "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注";
const SIGNATURE: &[&str] = &[
    "交易时间",
    "交易类型",
    "交易对方",
    "商品",
    "收/支",
    "金额(元)",
    "当前状态",
    "交易单号",
];

pub(crate) fn is_header<S: AsRef<str>>(cells: &[S]) -> bool {
    SIGNATURE
        .iter()
        .all(|s| cells.iter().any(|c| c.as_ref() == *s))
}

impl Format for WeChatPay {
    fn id(&self) -> &'static str {
        "wechat-pay-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text.lines().take(40).any(|l| {
            is_header(
                &l.split(',')
                    .map(|c| c.trim().to_owned())
                    .collect::<Vec<_>>(),
            )
        })
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "微信支付 WeChat Pay".to_owned()
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut rows = CsvRows::new(input);
        let header =
            rows.header_after_preamble(NAME, HEADER, None, &|cells: &[&str]| is_header(cells))?;
        let cols = Cols::find(&|name| header.require(name))?;
        while let Some(row) = rows.next_row()? {
            let txn = bill_row(row.line(), &cols, &|c, name| row.text(c, name))?;
            sink.row(&txn)?;
        }
        Ok(())
    }
}

/// Where the columns of a bill are, in the CSV or the XLSX.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cols {
    time: usize,
    kind: usize,
    party: usize,
    item: usize,
    dir: usize,
    amount: usize,
    status: usize,
    id: usize,
}

impl Cols {
    /// Every column a bill has, by name, through `require` (which reports a
    /// missing one).
    pub(crate) fn find(
        require: &dyn Fn(&'static str) -> Result<usize, RowError>,
    ) -> Result<Self, RowError> {
        Ok(Cols {
            time: require("交易时间")?,
            kind: require("交易类型")?,
            party: require("交易对方")?,
            item: require("商品")?,
            dir: require("收/支")?,
            amount: require("金额(元)")?,
            status: require("当前状态")?,
            id: require("交易单号")?,
        })
    }
}

/// One bill row as a transaction, from its cells: `cell(column, name)` is
/// the cell's trimmed text (`""` when empty). The CSV and the XLSX bill
/// share it, so both read a row the same way.
pub(crate) fn bill_row<'a>(
    line: u64,
    cols: &Cols,
    cell: &dyn Fn(usize, &'static str) -> Result<&'a str, RowError>,
) -> Result<ParsedTxn<'a>, RowError> {
    // `/` stands for an empty cell.
    let get = |c: usize, name| -> Result<Option<&'a str>, RowError> {
        Ok(Some(cell(c, name)?).filter(|v| !v.is_empty() && *v != "/"))
    };
    let date = parse_date(
        cell(cols.time, "交易时间")?,
        DateOrder::Ymd,
        "交易时间",
        line,
    )?;
    let amount_text = cell(cols.amount, "金额(元)")?;
    if amount_text.is_empty() {
        return Err(RowError::new(
            line,
            Problem::EmptyField {
                column: "金额(元)"
            },
        ));
    }
    let amount = parse_amount(amount_text, DecimalMark::Point)
        .map_err(|_| {
            RowError::new(
                line,
                Problem::BadAmount {
                    column: "金额(元)",
                    value: amount_text.to_owned(),
                },
            )
        })?
        .abs();
    let kind = get(cols.kind, "交易类型")?.unwrap_or("");
    let status_text = get(cols.status, "当前状态")?.unwrap_or("");
    let direction = get(cols.dir, "收/支")?;
    let incoming = match direction {
        Some("收入") => true,
        Some("支出") => false,
        _ => kind.contains("充值") || kind.ends_with("到零钱") || status_text.contains('退'),
    };
    // A purchase refunded in full (`已全额退款`) moved no money in the end:
    // reverted, like a closed one; its refund line (money in) pairs with
    // it in the ledger (ledger/refunds.rs). `已退款(￥5.00)` is a partial
    // refund: the purchase stands.
    let refunded_in_full = !incoming && status_text.contains("全额退款");
    let status = if refunded_in_full
        || ["失败", "关闭", "撤销"]
            .iter()
            .any(|s| status_text.contains(s))
    {
        TxnStatus::Reverted
    } else if status_text.ends_with('中') || status_text.starts_with('待') {
        TxnStatus::Pending
    } else {
        TxnStatus::Posted
    };
    let party = get(cols.party, "交易对方")?;
    Ok(ParsedTxn {
        line,
        source_id: get(cols.id, "交易单号")?,
        date,
        description: party.unwrap_or(kind),
        details: crate::import::pipeline::format::Details {
            merchant: party,
            goods: get(cols.item, "商品")?,
            ..crate::import::pipeline::format::Details::default()
        },
        category: Some(kind).filter(|k| !k.is_empty()),
        source_type: Some(direction.unwrap_or("/")),
        amount: if incoming { amount } else { -amount },
        currency: Currency::CNY,
        status,
        ..ParsedTxn::default()
    })
}

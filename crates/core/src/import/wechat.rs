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
//! - `当前状态`: failed, closed or cancelled lines are `reverted`; lines
//!   still under way (`…中`, `待…`) are `pending`; the rest are `posted`.
//! - `/` stands for an empty cell; ids may end with a TAB or a space.
//! - `交易单号` is WeChat's own id (`source_id`).

use std::io::BufRead;

use super::csv_rows::CsvRows;
use super::error::RowError;
use super::format::{DateOrder, Format, Head, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

#[derive(Debug)]
pub struct WeChatPay;

const NAME: &str = "WeChat Pay (微信支付) bill CSV";
const HEADER: &str =
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

fn is_header<S: AsRef<str>>(cells: &[S]) -> bool {
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

    fn parse(
        &self,
        _head: &Head<'_>,
        input: &mut dyn BufRead,
        sink: &mut dyn RowSink,
    ) -> Result<(), RowError> {
        let mut rows = CsvRows::new(input);
        let header =
            rows.header_after_preamble(NAME, HEADER, None, &|cells: &[&str]| is_header(cells))?;
        let (c_time, c_kind, c_party, c_item) = (
            header.require("交易时间")?,
            header.require("交易类型")?,
            header.require("交易对方")?,
            header.require("商品")?,
        );
        let (c_dir, c_amount, c_status, c_id) = (
            header.require("收/支")?,
            header.require("金额(元)")?,
            header.require("当前状态")?,
            header.require("交易单号")?,
        );

        while let Some(row) = rows.next_row()? {
            // `/` stands for an empty cell.
            let get = |c: usize, name| row.opt_unless(c, name, "/");
            let date = row.date(c_time, "交易时间", DateOrder::Ymd)?;
            let amount = row.amount(c_amount, "金额(元)", DecimalMark::Point)?.abs();
            let kind = get(c_kind, "交易类型")?.unwrap_or("");
            let status_text = get(c_status, "当前状态")?.unwrap_or("");
            let direction = get(c_dir, "收/支")?;
            let incoming = match direction {
                Some("收入") => true,
                Some("支出") => false,
                _ => {
                    kind.contains("充值") || kind.ends_with("到零钱") || status_text.contains('退')
                }
            };
            let status = if ["失败", "关闭", "撤销"]
                .iter()
                .any(|s| status_text.contains(s))
            {
                TxnStatus::Reverted
            } else if status_text.ends_with('中') || status_text.starts_with('待') {
                TxnStatus::Pending
            } else {
                TxnStatus::Posted
            };
            let party = get(c_party, "交易对方")?;
            let txn = ParsedTxn {
                line: row.line(),
                source_id: get(c_id, "交易单号")?,
                date,
                posted_date: None,
                occurred_at: None,
                description: party.unwrap_or(kind),
                category: Some(kind).filter(|k| !k.is_empty()),
                source_type: Some(direction.unwrap_or("/")),
                memo: get(c_item, "商品")?,
                amount: if incoming { amount } else { -amount },
                currency: Currency::CNY,
                original_amount: None,
                original_currency: None,
                fx_rate: None,
                fx_fee: None,
                status,
                account_hint: None,
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

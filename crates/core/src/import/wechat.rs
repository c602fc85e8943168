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

use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, parse_date, Columns, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

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

fn is_header(cells: &[String]) -> bool {
    SIGNATURE.iter().all(|s| cells.iter().any(|c| c == s))
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
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut rec = csv::ByteRecord::new();
        let cols = loop {
            if !rdr
                .read_byte_record(&mut rec)
                .map_err(|e| csv_error(&e, 1))?
            {
                return Err(RowError::new(
                    1,
                    Problem::NotThisFormat {
                        format: NAME,
                        expected_header: HEADER,
                    },
                ));
            }
            let cells: Vec<String> = rec
                .iter()
                .map(|c| String::from_utf8_lossy(c).trim().to_owned())
                .collect();
            if is_header(&cells) {
                break Columns::new(rec.iter());
            }
        };
        let line_of = |rec: &csv::ByteRecord| rec.position().map_or(0, |p| p.line());
        let header_line = line_of(&rec);
        let col = |name: &'static str| cols.require(name, NAME, header_line);
        let (c_time, c_kind, c_party, c_item) = (
            col("交易时间")?,
            col("交易类型")?,
            col("交易对方")?,
            col("商品")?,
        );
        let (c_dir, c_amount, c_status, c_id) = (
            col("收/支")?,
            col("金额(元)")?,
            col("当前状态")?,
            col("交易单号")?,
        );

        while rdr
            .read_byte_record(&mut rec)
            .map_err(|e| csv_error(&e, header_line))?
        {
            let line = line_of(&rec);
            if rec.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            if rec.len() != cols.len() {
                return Err(RowError::new(
                    line,
                    Problem::FieldCount {
                        found: rec.len(),
                        expected: cols.len(),
                    },
                ));
            }
            let get = |i: usize, name: &'static str| -> Result<Option<&str>, RowError> {
                let v = field(&rec, i, name, line)?;
                Ok(if v.is_empty() || v == "/" {
                    None
                } else {
                    Some(v)
                })
            };
            let date = parse_date(
                field(&rec, c_time, "交易时间", line)?,
                DateOrder::Ymd,
                "交易时间",
                line,
            )?;
            let amount_text = field(&rec, c_amount, "金额(元)", line)?;
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
                line,
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

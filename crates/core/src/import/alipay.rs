//! Alipay (支付宝) bill export, CSV.
//!
//! The file is GB18030/GBK text (the pipeline decodes it). About two dozen
//! preamble lines (export details, totals, nine numbered notes, a dashed
//! ruler) come before the header:
//! `交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,`
//! Cells are right-padded with spaces, order numbers end with a TAB, every
//! line ends with a comma (an empty last cell), and `/` stands for nothing.
//!
//! - `交易时间` is local China time (`2026-03-01 21:32:14`); the date is kept
//!   as written and no UTC instant is claimed.
//! - `金额` is always positive; `收/支` gives the direction: `支出` (out) is
//!   spending, made negative; `收入` (in) positive; `不计收支` (neither: moves
//!   to savings, refunds, top-ups) is kept with its direction read from the
//!   status (`退款…` refunds come in, anything else goes out) and its
//!   `收/支` value in `source_type`, so classification can treat it as a
//!   transfer rather than spending.
//! - `交易状态`: `交易关闭` (closed) is `reverted`; waiting states
//!   (`等待…`, `…中`) are `pending`; the rest (`交易成功`, `退款成功`,
//!   `还款成功`, ...) are `posted`.
//! - `交易订单号` is Alipay's own id (`source_id`).

use std::io::BufRead;

use super::error::{Problem, RowError};
use super::format::{
    csv_error, field, parse_date, Columns, DateOrder, Format, Head, ParsedTxn, RowSink,
};
use crate::ledger::TxnStatus;
use crate::money::{parse_amount, Currency, DecimalMark};

#[derive(Debug)]
pub struct Alipay;

const NAME: &str = "Alipay (支付宝) bill CSV";
const HEADER: &str = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注";
const SIGNATURE: &[&str] = &[
    "交易时间",
    "交易对方",
    "商品说明",
    "收/支",
    "金额",
    "交易状态",
    "交易订单号",
];

fn is_header(cells: &[String]) -> bool {
    SIGNATURE.iter().all(|s| cells.iter().any(|c| c == s))
}

fn cells(line: &str) -> Vec<String> {
    line.split(',').map(|c| c.trim().to_owned()).collect()
}

impl Format for Alipay {
    fn id(&self) -> &'static str {
        "alipay-csv"
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        head.text.lines().take(60).any(|l| is_header(&cells(l)))
    }

    fn default_account(&self, _hint: Option<&str>) -> String {
        "支付宝 Alipay".to_owned()
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
        // Skip the preamble up to the header line.
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
            let text: Vec<String> = rec
                .iter()
                .map(|c| String::from_utf8_lossy(c).trim().to_owned())
                .collect();
            if is_header(&text) {
                break Columns::new(rec.iter());
            }
        };
        let line_of = |rec: &csv::ByteRecord| rec.position().map_or(0, |p| p.line());
        let header_line = line_of(&rec);
        let col = |name: &'static str| cols.require(name, NAME, header_line);
        let (c_time, c_kind, c_party, c_item) = (
            col("交易时间")?,
            cols.find("交易分类"),
            col("交易对方")?,
            col("商品说明")?,
        );
        let (c_dir, c_amount, c_status, c_id) = (
            col("收/支")?,
            col("金额")?,
            col("交易状态")?,
            col("交易订单号")?,
        );
        let c_note = cols.find("备注");

        while rdr
            .read_byte_record(&mut rec)
            .map_err(|e| csv_error(&e, header_line))?
        {
            let line = line_of(&rec);
            // Blank lines and rulers after the rows.
            let first = rec.get(0).unwrap_or_default();
            if rec.len() <= 1 && first.iter().all(|b| b.is_ascii_whitespace() || *b == b'-') {
                continue;
            }
            // The trailing comma makes one extra, empty cell.
            if rec.len() < cols.len().saturating_sub(1) {
                return Err(RowError::new(
                    line,
                    Problem::FieldCount {
                        found: rec.len(),
                        expected: cols.len(),
                    },
                ));
            }
            let get = |i: usize, name: &'static str| -> Result<Option<&str>, RowError> {
                let v = field(&rec, i, name, line)?.trim_matches(|c: char| c.is_whitespace());
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
            let amount_text = field(&rec, c_amount, "金额", line)?;
            let amount = parse_amount(amount_text, DecimalMark::Point).map_err(|_| {
                RowError::new(
                    line,
                    Problem::BadAmount {
                        column: "金额",
                        value: amount_text.to_owned(),
                    },
                )
            })?;
            let direction = get(c_dir, "收/支")?.unwrap_or("不计收支");
            let status_text = get(c_status, "交易状态")?.unwrap_or("");
            let incoming = match direction {
                "收入" => true,
                "支出" => false,
                _ => status_text.contains("退款"),
            };
            let status = if status_text.contains("关闭") {
                TxnStatus::Reverted
            } else if status_text.starts_with("等待") || status_text.ends_with('中') {
                TxnStatus::Pending
            } else {
                TxnStatus::Posted
            };
            let party = get(c_party, "交易对方")?;
            let item = get(c_item, "商品说明")?;
            let memo = match c_note {
                Some(i) => get(i, "备注")?,
                None => None,
            };
            let category = match c_kind {
                Some(i) => get(i, "交易分类")?,
                None => None,
            };
            let txn = ParsedTxn {
                line,
                source_id: get(c_id, "交易订单号")?,
                date,
                posted_date: None,
                occurred_at: None,
                description: party.or(item).unwrap_or(""),
                category,
                source_type: Some(direction),
                memo: if party.is_some() { item.or(memo) } else { memo },
                amount: if incoming {
                    amount.abs()
                } else {
                    -amount.abs()
                },
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

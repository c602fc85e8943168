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
//! - `交易订单号` is Alipay's own id (`source_id`). A refund line
//!   (`交易分类` `退款`, `商品说明` `退款-…`, `退款成功`) carries its
//!   purchase's order number with its own glued on (`<order>_<refund>`);
//!   the ledger pairs the two so the totals net (see `ledger/refunds.rs`).
//!   Anonymised exports may give several lines one id: layer 1 keeps lines
//!   that differ in date or amount (see `import/dedupe.rs`).

use std::io::BufRead;

use crate::import::formats::csv::rows::CsvRows;
use crate::import::pipeline::format::{DateOrder, Format, Head, Parsed, ParsedTxn, RowSink};
use crate::ledger::TxnStatus;
use crate::money::{Currency, DecimalMark};

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

fn is_header<S: AsRef<str>>(cells: &[S]) -> bool {
    SIGNATURE
        .iter()
        .all(|s| cells.iter().any(|c| c.as_ref() == *s))
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

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        // Skip the preamble up to the header line; the trailing comma makes
        // one extra, empty cell; rulers may follow the rows.
        let mut rows = CsvRows::new(input).ragged_end().skip_rulers();
        let header =
            rows.header_after_preamble(NAME, HEADER, None, &|cells: &[&str]| is_header(cells))?;
        let (c_time, c_kind, c_party, c_item) = (
            header.require("交易时间")?,
            header.find("交易分类"),
            header.require("交易对方")?,
            header.require("商品说明")?,
        );
        let (c_dir, c_amount, c_status, c_id) = (
            header.require("收/支")?,
            header.require("金额")?,
            header.require("交易状态")?,
            header.require("交易订单号")?,
        );
        let c_note = header.find("备注");

        while let Some(row) = rows.next_row()? {
            // `/` stands for nothing.
            let get = |c: Option<usize>, name| row.opt_unless(c, name, "/");
            let date = row.date(c_time, "交易时间", DateOrder::Ymd)?;
            let amount = row.amount(c_amount, "金额", DecimalMark::Point)?;
            let direction = get(Some(c_dir), "收/支")?.unwrap_or("不计收支");
            let status_text = get(Some(c_status), "交易状态")?.unwrap_or("");
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
            let party = get(Some(c_party), "交易对方")?;
            let item = get(Some(c_item), "商品说明")?;
            let memo = get(c_note, "备注")?;
            let txn = ParsedTxn {
                line: row.line(),
                category: get(c_kind, "交易分类")?,
                source_id: get(Some(c_id), "交易订单号")?,
                date,
                description: party.or(item).unwrap_or(""),
                details: crate::import::pipeline::format::Details {
                    merchant: party,
                    goods: item,
                    ..crate::import::pipeline::format::Details::default()
                },
                source_type: Some(direction),
                memo,
                amount: if incoming {
                    amount.abs()
                } else {
                    -amount.abs()
                },
                currency: Currency::CNY,
                status,
                ..ParsedTxn::default()
            };
            sink.row(&txn)?;
        }
        Ok(())
    }
}

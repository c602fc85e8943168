//! Cursor's usage-events CSV (`cursor-usage-csv`): Dashboard → Usage →
//! Export CSV. See `docs/formats/cursor.md` for the layout.
//!
//! One row per request: `Date` (UTC instant), `Kind` (`Included`,
//! `Usage-based`, `Errored, No Charge`, `Aborted, Not Charged`, `Free`, …),
//! `Model` (Cursor's names), `Max Mode`, `Input (w/ Cache Write)` (the
//! input counting what was written to the cache), `Input (w/o Cache
//! Write)` (the plain input), `Cache Read`, `Output Tokens`, `Total
//! Tokens`, `Cost` (`$0.42`, `0.42`, or text such as `Included`), and in
//! newer exports `Cost to you`, `User`, `Cloud Agent ID`, `Automation ID`,
//! `Requests`; older ones have no `Kind` or `Max Mode`. Columns are found by
//! name.
//!
//! What Cursor charged is `Cost to you` where the export has it, else
//! `Cost`; a row whose kind or cost says it was not charged (included in
//! the plan, free, errored, aborted) is kept with its tokens and a charge
//! of 0, its kind naming why. A cost that is neither an amount nor such a
//! word refuses the file, naming the line.
//!
//! Invariant: a row has no id of its own, so its id is its content (time,
//! user, model, tokens) and its place among identical rows: a re-export of
//! the same days adds nothing twice, and two identical requests in one
//! export stay two.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header, Row};
use crate::import::formats::provider_fields::{instant, number, opt_count, owned};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::Account;
use crate::import::RowSink;
use crate::money::Currency;
use crate::provider::{Provider, ProviderRecord, RecordKind};

/// The series Cursor's records are kept in.
pub const SERIES: &str = "cursor";

pub(crate) static CURSOR_USAGE_CSV: CodedCsv = CodedCsv {
    id: "cursor-usage-csv",
    name: "Cursor usage events CSV",
    header: "Date,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost",
    signature: &["Date", "Model", "Input (w/o Cache Write)", "Output Tokens"],
    without: &[],
    account: Account::Fixed("Cursor"),
    records: true,
    read: read_events,
};

/// Words a cost or kind cell uses for a request that was not charged.
const NOT_CHARGED: &[&str] = &[
    "included",
    "free",
    "no charge",
    "not charged",
    "errored",
    "aborted",
    "-",
    "–",
];

fn not_charged(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    NOT_CHARGED
        .iter()
        .any(|w| t == *w || (w.len() > 2 && t.contains(w)))
}

/// A cost cell: `$0.42`, `0.42`, `-$0.01` (a credit), or `None` for a
/// word that says nothing was charged.
fn cost(text: &str, column: &'static str) -> Result<Option<Decimal>, Problem> {
    let t = text.trim();
    if not_charged(t) {
        return Ok(None);
    }
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r.trim_start()),
        None => (false, t),
    };
    let rest = rest
        .strip_prefix("US$")
        .or(rest.strip_prefix('$'))
        .unwrap_or(rest);
    let d = number(rest, column).map_err(|_| Problem::UnexpectedValue {
        column,
        value: text.to_owned(),
        expected: crate::import::pipeline::error::expect::CURSOR_COST,
    })?;
    Ok(Some(if neg { -d } else { d }))
}

struct Cols {
    date: usize,
    kind: Option<usize>,
    model: Option<usize>,
    max_mode: Option<usize>,
    with_write: Option<usize>,
    without_write: Option<usize>,
    cache_read: Option<usize>,
    output: Option<usize>,
    cost: Option<usize>,
    cost_to_you: Option<usize>,
    user: Option<usize>,
    requests: Option<usize>,
}

fn read_events(rows: &mut CsvRows<'_>, h: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c = Cols {
        date: h.require("Date")?,
        kind: h.find("Kind"),
        model: h.find("Model"),
        max_mode: h.find("Max Mode"),
        with_write: h.find("Input (w/ Cache Write)"),
        without_write: h.find("Input (w/o Cache Write)"),
        cache_read: h.find("Cache Read"),
        output: h.find("Output Tokens"),
        cost: h.find("Cost"),
        cost_to_you: h.find("Cost to you"),
        user: h.find("User"),
        requests: h.find("Requests"),
    };
    // How many rows of the same content came before, for ids.
    let mut seen: HashMap<String, u32> = HashMap::new();
    while let Some(row) = rows.next_row()? {
        let record = event(&row, &c, &mut seen)?;
        sink.record(record)?;
    }
    Ok(())
}

fn event(
    row: &Row<'_>,
    c: &Cols,
    seen: &mut HashMap<String, u32>,
) -> Result<ProviderRecord, RowError> {
    let date = row.required(c.date, "Date")?;
    let when = instant(date, "Date").map_err(|p| row.error(p))?;
    let kind = owned(row.opt(c.kind, "Kind")?);
    let model = owned(row.opt(c.model, "Model")?);
    let with_write = opt_count(row, c.with_write, "Input (w/ Cache Write)")?;
    let without_write = opt_count(row, c.without_write, "Input (w/o Cache Write)")?;
    let cache_read = opt_count(row, c.cache_read, "Cache Read")?;
    let output = opt_count(row, c.output, "Output Tokens")?;
    let (input, cache_write) = match (with_write, without_write) {
        (Some(w), Some(wo)) => (Some(wo), Some((w - wo).max(0))),
        (None, wo) => (wo, None),
        (w, None) => (w, None),
    };
    let user = owned(row.opt(c.user, "User")?);
    let quantity = row
        .opt(c.requests, "Requests")?
        .map(|t| number(t, "Requests"))
        .transpose()
        .map_err(|p| row.error(p))?;
    // What was charged: `Cost to you`, else `Cost`; not charged is 0.
    let charged_col = if c.cost_to_you.is_some() {
        (c.cost_to_you, "Cost to you")
    } else {
        (c.cost, "Cost")
    };
    let cell = row.opt(charged_col.0, charged_col.1)?;
    let stated = cell
        .map(|t| cost(t, charged_col.1))
        .transpose()
        .map_err(|p| row.error(p))?
        .flatten();
    let kind_free = kind.as_deref().is_some_and(|k| {
        let k = k.to_lowercase();
        k.contains("included")
            || k.contains("free")
            || k.contains("not charged")
            || k.contains("no charge")
    });
    let amount = match (stated, cell) {
        // The plan covers it: whatever `Cost` shows is its value, not a charge.
        (Some(_), _) if kind_free && c.cost_to_you.is_none() => Some(Decimal::ZERO),
        (Some(d), _) => Some(d),
        // A word for no charge.
        (None, Some(_)) => Some(Decimal::ZERO),
        (None, None) if kind_free => Some(Decimal::ZERO),
        (None, None) => None,
    };
    let max_mode = row
        .opt(c.max_mode, "Max Mode")?
        .filter(|m| m.eq_ignore_ascii_case("yes") || m.eq_ignore_ascii_case("true"))
        .map(|_| "max mode".to_owned());
    let key = format!(
        "{}|{}|{}|{}|{}|{}|{}",
        when.to_rfc3339(),
        user.as_deref().unwrap_or(""),
        model.as_deref().unwrap_or(""),
        with_write.unwrap_or(0),
        without_write.unwrap_or(0),
        cache_read.unwrap_or(0),
        output.unwrap_or(0)
    );
    let n = seen.entry(key.clone()).or_default();
    *n += 1;
    Ok(ProviderRecord {
        source_id: Some(format!("{key}#{n}")),
        model,
        user_id: user,
        line_item: kind,
        service_tier: max_mode,
        input_tokens: input,
        cached_input_tokens: cache_read,
        cache_write_tokens: cache_write,
        output_tokens: output,
        requests: Some(1),
        quantity,
        quantity_unit: quantity.map(|_| "requests".to_owned()),
        currency: amount.map(|_| Currency::USD),
        amount,
        kind: if amount.is_some() {
            RecordKind::Cost
        } else {
            RecordKind::Usage
        },
        ..ProviderRecord::new(
            row.line(),
            Provider::Cursor,
            RecordKind::Usage,
            SERIES,
            when,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_as_cursor_writes_them() {
        let ok = |t: &str| cost(t, "Cost").map(|d| d.map(|d| d.to_string()));
        assert_eq!(ok("$0.42"), Ok(Some("0.42".into())));
        assert_eq!(ok("0.12"), Ok(Some("0.12".into())));
        assert_eq!(ok("-$0.01"), Ok(Some("-0.01".into())));
        assert_eq!(ok("Included"), Ok(None));
        assert_eq!(ok("Free"), Ok(None));
        assert_eq!(ok("-"), Ok(None));
        assert_eq!(ok("Errored, No Charge"), Ok(None));
        assert!(ok("lots").is_err());
        assert!(ok("$").is_err());
    }
}

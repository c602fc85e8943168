//! GitHub Copilot's usage reports, both header generations. See
//! `docs/formats/github-copilot.md` for the layouts.
//!
//! - `github-copilot-premium-csv`, the premium-request report until autumn
//!   2025: `Timestamp,User,Model,Requests Used,Exceeds Monthly Quota,
//!   Total Monthly Quota`, one row per request (or group of requests) with
//!   its UTC instant. It states no money: the requests are kept as usage
//!   (quantity in premium requests, whether they exceeded the quota).
//! - `github-copilot-usage-csv`, the billing usage report since then:
//!   `date,username,product,sku,model,quantity,unit_type,
//!   applied_cost_per_quantity,gross_amount,discount_amount,net_amount,…`
//!   (with `exceeds_quota`, `total_monthly_quota`, `organization`,
//!   `repository`, `cost_center_name`, and in the AI-credit reports
//!   `input,output,cache_read,cache_write` token counts). One row per UTC
//!   day, user, SKU and model; `net_amount` is what GitHub bills (gross less
//!   the discount of the plan's allowance), kept as a cost record whose line
//!   item names the SKU, the gross and the discount.
//!
//! Invariant: the daily report has no row ids: like every bucketed export,
//! a newer import of a day replaces what an older one said about that day
//! (a re-export adds nothing twice); the older per-request report has
//! instants, and its id is the row's content and its place among identical
//! rows.

use std::collections::HashMap;

use chrono::Duration;
use rust_decimal::Decimal;

use crate::import::formats::csv::coded::CodedCsv;
use crate::import::formats::csv::rows::{CsvRows, Header};
use crate::import::formats::provider_fields::{instant, number, opt_count, owned};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::Account;
use crate::import::RowSink;
use crate::money::Currency;
use crate::provider::{Provider, ProviderRecord, RecordKind};

/// The series Copilot's records are kept in.
pub const SERIES: &str = "github-copilot";

pub(crate) static COPILOT_PREMIUM_CSV: CodedCsv = CodedCsv {
    id: "github-copilot-premium-csv",
    name: "GitHub Copilot premium request usage CSV (until 2025)",
    header: "Timestamp,User,Model,Requests Used,Exceeds Monthly Quota,Total Monthly Quota",
    signature: &["Timestamp", "User", "Model", "Requests Used"],
    without: &[],
    account: Account::Fixed("GitHub Copilot"),
    records: true,
    read: read_premium,
};

pub(crate) static COPILOT_USAGE_CSV: CodedCsv = CodedCsv {
    id: "github-copilot-usage-csv",
    name: "GitHub billing usage report CSV (Copilot)",
    header: "date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,…",
    signature: &["date", "product", "sku", "quantity", "net_amount"],
    without: &[],
    account: Account::Fixed("GitHub Copilot"),
    records: true,
    read: read_usage,
};

fn yes(text: Option<&str>) -> Option<bool> {
    text.map(|t| matches!(t.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1"))
}

fn read_premium(
    rows: &mut CsvRows<'_>,
    h: &Header,
    sink: &mut dyn RowSink,
) -> Result<(), RowError> {
    let c_time = h.require("Timestamp")?;
    let c_user = h.find("User");
    let c_model = h.find("Model");
    let c_used = h.require("Requests Used")?;
    let c_exceeds = h.find("Exceeds Monthly Quota");
    let mut seen: HashMap<String, u32> = HashMap::new();
    while let Some(row) = rows.next_row()? {
        let time = row.required(c_time, "Timestamp")?;
        let when = instant(time, "Timestamp").map_err(|p| row.error(p))?;
        let used = number(row.required(c_used, "Requests Used")?, "Requests Used")
            .map_err(|p| row.error(p))?;
        let user = owned(row.opt(c_user, "User")?);
        let model = owned(row.opt(c_model, "Model")?);
        let exceeds = yes(row.opt(c_exceeds, "Exceeds Monthly Quota")?);
        let key = format!(
            "{}|{}|{}|{used}",
            when.to_rfc3339(),
            user.as_deref().unwrap_or(""),
            model.as_deref().unwrap_or("")
        );
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        sink.record(ProviderRecord {
            source_id: Some(format!("{key}#{n}")),
            model,
            user_id: user,
            line_item: exceeds.map(|e| {
                if e {
                    "premium requests over the monthly quota".to_owned()
                } else {
                    "premium requests within the monthly quota".to_owned()
                }
            }),
            quantity: Some(used),
            quantity_unit: Some("premium requests".into()),
            requests: whole(used),
            ..ProviderRecord::new(
                row.line(),
                Provider::Github,
                RecordKind::Usage,
                SERIES,
                when,
            )
        })?;
    }
    Ok(())
}

/// A whole count of requests, where the quantity is one.
fn whole(q: Decimal) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    (q.fract().is_zero() && q >= Decimal::ZERO)
        .then(|| q.to_i64())
        .flatten()
}

fn read_usage(rows: &mut CsvRows<'_>, h: &Header, sink: &mut dyn RowSink) -> Result<(), RowError> {
    let c_date = h.require("date")?;
    let c_user = h.find("username");
    let c_product = h.find("product");
    let c_sku = h.require("sku")?;
    let c_model = h.find("model");
    let c_qty = h.find("quantity");
    let c_unit = h.find("unit_type");
    let c_gross = h.find("gross_amount");
    let c_discount = h.find("discount_amount");
    let c_net = h.require("net_amount")?;
    let c_exceeds = h.find("exceeds_quota");
    let c_org = h.find("organization");
    let c_repo = h.find("repository");
    let c_in = h.find("input");
    let c_out = h.find("output");
    let c_read = h.find("cache_read");
    let c_write = h.find("cache_write");
    while let Some(row) = rows.next_row()? {
        let day = row.required(c_date, "date")?;
        let start = instant(day, "date").map_err(|p| row.error(p))?;
        let money = |col: Option<usize>, name: &'static str| -> Result<Option<Decimal>, RowError> {
            row.opt(col, name)?
                .map(|t| number(t.trim_start_matches('$'), name))
                .transpose()
                .map_err(|p| row.error(p))
        };
        let net = money(Some(c_net), "net_amount")?.unwrap_or(Decimal::ZERO);
        let gross = money(c_gross, "gross_amount")?;
        let discount = money(c_discount, "discount_amount")?;
        let quantity = money(c_qty, "quantity")?;
        let sku = row.required(c_sku, "sku")?.to_owned();
        let product = owned(row.opt(c_product, "product")?);
        let mut item = sku;
        if let Some(p) = product.filter(|p| !item.starts_with(p.as_str())) {
            item = format!("{p} {item}");
        }
        let mut notes = Vec::new();
        if let Some(g) = gross {
            notes.push(format!("gross {}", g.normalize()));
        }
        if let Some(d) = discount.filter(|d| !d.is_zero()) {
            notes.push(format!("included allowance {}", d.normalize()));
        }
        if yes(row.opt(c_exceeds, "exceeds_quota")?) == Some(true) {
            notes.push("over quota".into());
        }
        if !notes.is_empty() {
            item = format!("{item} ({})", notes.join(", "));
        }
        sink.record(ProviderRecord {
            bucket_end: Some(start + Duration::days(1)),
            model: owned(row.opt(c_model, "model")?),
            user_id: owned(row.opt(c_user, "username")?),
            organization_id: owned(row.opt(c_org, "organization")?),
            project_name: owned(row.opt(c_repo, "repository")?),
            line_item: Some(item),
            amount: Some(net),
            currency: Some(Currency::USD),
            quantity,
            quantity_unit: owned(row.opt(c_unit, "unit_type")?),
            requests: quantity.and_then(whole),
            input_tokens: opt_count(&row, c_in, "input")?,
            output_tokens: opt_count(&row, c_out, "output")?,
            cached_input_tokens: opt_count(&row, c_read, "cache_read")?,
            cache_write_tokens: opt_count(&row, c_write, "cache_write")?,
            ..ProviderRecord::new(
                row.line(),
                Provider::Github,
                RecordKind::Cost,
                SERIES,
                start,
            )
        })?;
    }
    Ok(())
}

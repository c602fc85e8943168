//! The Providers view's usage part (issue #20): usage per tool, model and
//! project with its estimated and reported cost ([`crate::usage::usage`],
//! the same as `aispend usage`), the three-way check per provider and month
//! ([`crate::usage::check::check`], as `aispend costs --check`), and the
//! watched log folders with the user's consent per folder and the last
//! scan. This module only shapes what the core computes, and keeps the
//! consent in the ledger's settings.
//!
//! Invariant: a folder is watched only once the user turned it on here;
//! a scan reads only those folders. Amounts are positive here (what was
//! used or paid), as in the rest of the Providers view.

use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AppError;
use crate::i18n::Msg;
use crate::import::ImportOptions;
use crate::ledger::Ledger;
use crate::provider::Provider;
use crate::usage::check::{self, GapKind, MonthCheck};
use crate::usage::logs::{self, LogFolder, LogScan};
use crate::usage::{UsageBy, UsageError, UsageFilter, UsageRow, Zone};

/// The settings keys: the folders the user turned on (a JSON list of
/// paths), and the last scan (`{"at", "added", "read", "failed"}`).
const WATCHED_KEY: &str = "usage.watched_folders";
const LAST_SCAN_KEY: &str = "usage.last_scan";

/// The view's filters; dates are the user's days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct UsageQuery {
    pub provider: Option<Provider>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One total of usage (a tool, a model or a project).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UsageLine {
    pub key: String,
    /// `claude-code`, `codex-cli`, ... where every record shares it.
    pub tool: Option<String>,
    pub provider: Option<Provider>,
    pub input_tokens: i64,
    pub cached_input_tokens: i64,
    pub output_tokens: i64,
    pub reasoning_tokens: i64,
    pub requests: i64,
    pub records: u64,
    /// Tokens × the price list; `None` where nothing could be priced.
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub estimated_cost: Option<Decimal>,
    /// What the tool or provider itself states.
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub reported_cost: Option<Decimal>,
    pub currency: String,
    /// Records the price list does not price (left out of the estimate).
    pub unpriced_records: u64,
}

/// One gap of the check, and the records behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckGap {
    /// `estimate_vs_reported`, `charged_vs_reported`, ...
    pub kind: String,
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    /// Provider record ids (the first few) and how many in all.
    pub rows: Vec<i64>,
    pub row_count: u64,
    /// What the gap means, in the user's language.
    pub msg: Msg,
}

/// One provider and month: estimated ↔ reported ↔ charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckMonth {
    pub provider: Provider,
    /// `YYYY-MM`, the user's month.
    pub month: String,
    pub currency: String,
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub estimated: Option<Decimal>,
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub reported: Option<Decimal>,
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub charged: Option<Decimal>,
    /// Agent usage under a plan, at API prices.
    #[ts(type = "string | null")]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub plan_usage_value: Option<Decimal>,
    pub gaps: Vec<CheckGap>,
}

/// A default log folder and whether the user lets the app watch it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WatchFolder {
    /// `claude-code`, `codex-cli`, `gemini-cli`.
    pub tool: Option<String>,
    pub path: String,
    pub exists: bool,
    pub watched: bool,
}

/// The last scan of the watched folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LastScan {
    /// UTC instant.
    pub at: String,
    pub added: u64,
    /// Logs read (new or grown).
    pub read: u64,
    pub failed: u64,
}

/// The watch-folder part of the view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WatchState {
    pub folders: Vec<WatchFolder>,
    pub last_scan: Option<LastScan>,
}

/// The usage part of the Providers view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UsageView {
    pub by_tool: Vec<UsageLine>,
    pub by_model: Vec<UsageLine>,
    pub by_project: Vec<UsageLine>,
    pub check: Vec<CheckMonth>,
    pub watch: WatchState,
}

fn usage_err(e: UsageError) -> AppError {
    match e {
        UsageError::Ledger(l) => AppError::Ledger(l),
        other => AppError::Usage(other),
    }
}

/// A setting's value as the JSON text the ledger keeps.
fn setting_text<T: Serialize + ?Sized>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Refused(crate::library_errors::json(&e)))
}

fn line(r: UsageRow) -> UsageLine {
    UsageLine {
        key: r.key,
        tool: r.tool.map(|t| t.as_str().to_owned()),
        provider: r.provider,
        input_tokens: r.input_tokens,
        cached_input_tokens: r.cached_input_tokens,
        output_tokens: r.output_tokens,
        reasoning_tokens: r.reasoning_tokens,
        requests: r.requests,
        records: r.records,
        estimated_cost: r.estimated_cost,
        reported_cost: r.reported_cost,
        currency: r.currency.as_str().to_owned(),
        unpriced_records: r.unpriced_records,
    }
}

/// A gap's wire id, and what it means as a message (`count`: the records
/// behind it; see [`crate::usage::check::Gap::msg`]).
fn gap_kind(g: &crate::usage::check::Gap) -> (&'static str, Msg) {
    let id = match g.kind {
        GapKind::EstimateVsReported => "estimate_vs_reported",
        GapKind::ReportedWithoutUsage => "reported_without_usage",
        GapKind::UsageWithoutReport => "usage_without_report",
        GapKind::UnpricedUsage => "unpriced_usage",
        GapKind::ChargedVsReported => "charged_vs_reported",
        GapKind::AgentUsageBilledToApi => "agent_usage_billed_to_api",
    };
    (id, g.msg())
}

fn month(m: MonthCheck) -> CheckMonth {
    CheckMonth {
        provider: m.provider,
        month: m.month,
        currency: m.currency.as_str().to_owned(),
        estimated: m.estimated,
        reported: m.reported,
        charged: m.charged,
        plan_usage_value: m.plan_usage_value,
        gaps: m
            .gaps
            .into_iter()
            .map(|g| {
                let (kind, msg) = gap_kind(&g);
                CheckGap {
                    kind: kind.to_owned(),
                    amount: g.amount,
                    rows: g.rows,
                    row_count: g.row_count,
                    msg,
                }
            })
            .collect(),
    }
}

/// The folders the user turned on.
fn watched(ledger: &Ledger) -> Result<Vec<String>, AppError> {
    Ok(ledger
        .app_setting(WATCHED_KEY)?
        .and_then(|v| serde_json::from_str::<Vec<String>>(&v).ok())
        .unwrap_or_default())
}

/// The watch-folder state for these default folders.
pub fn watch_state(ledger: &Ledger, defaults: &[LogFolder]) -> Result<WatchState, AppError> {
    let on = watched(ledger)?;
    let shown = |p: &PathBuf| p.display().to_string();
    Ok(WatchState {
        folders: defaults
            .iter()
            .map(|f| WatchFolder {
                tool: f.tool.map(|t| t.as_str().to_owned()),
                path: shown(&f.path),
                exists: f.exists,
                watched: on.contains(&shown(&f.path)),
            })
            .collect(),
        last_scan: ledger
            .app_setting(LAST_SCAN_KEY)?
            .and_then(|v| serde_json::from_str(&v).ok()),
    })
}

/// The usage part of the Providers view; `defaults` are this machine's
/// default log folders.
pub fn usage_view(
    ledger: &Ledger,
    query: &UsageQuery,
    defaults: &[LogFolder],
) -> Result<UsageView, AppError> {
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(AppError::BackwardsPeriod { from, to });
        }
    }
    let prices = crate::usage::prices_for(ledger)?;
    let filter = UsageFilter {
        provider: query.provider,
        from: query.from,
        to: query.to,
    };
    let records =
        crate::usage::priced_records(ledger, &prices, &filter, Zone::Local).map_err(usage_err)?;
    let by = |b| {
        crate::usage::totals(&records, b)
            .into_iter()
            .filter(|r| r.input_tokens + r.output_tokens + r.requests > 0)
            .map(line)
            .collect::<Vec<_>>()
    };
    Ok(UsageView {
        by_tool: by(UsageBy::Tool),
        by_model: by(UsageBy::Model),
        by_project: by(UsageBy::Project),
        check: check::check(ledger, &prices, &filter, Zone::Local)
            .map_err(usage_err)?
            .into_iter()
            .map(month)
            .collect(),
        watch: watch_state(ledger, defaults)?,
    })
}

/// Turns watching `path` (one of the default folders) on or off.
pub fn set_watched(
    ledger: &mut Ledger,
    defaults: &[LogFolder],
    path: &str,
    on: bool,
) -> Result<WatchState, AppError> {
    if !defaults
        .iter()
        .any(|f| f.path.display().to_string() == path)
    {
        return Err(AppError::Refused(crate::msg!(
            "apperr-watch-not-a-folder",
            path = format!("{path:?}")
        )));
    }
    let mut list = watched(ledger)?;
    list.retain(|p| p != path);
    if on {
        list.push(path.to_owned());
        list.sort();
    }
    let text = setting_text(&list)?;
    ledger.set_app_setting(WATCHED_KEY, Some(&text))?;
    watch_state(ledger, defaults)
}

/// [`set_watched`] for the folder at `index` of [`watch_state`]'s list:
/// the app names a folder by its place in the list the core gave, never by
/// a path of its own.
pub fn set_watched_at(
    ledger: &mut Ledger,
    defaults: &[LogFolder],
    index: usize,
    on: bool,
) -> Result<WatchState, AppError> {
    let Some(folder) = defaults.get(index) else {
        return Err(AppError::Refused(crate::msg!(
            "apperr-watch-no-such-folder",
            index = index,
            count = defaults.len()
        )));
    };
    let path = folder.path.display().to_string();
    set_watched(ledger, defaults, &path, on)
}

/// Scans the folders of `defaults` the user turned on (none: no scan,
/// `None`), labelling records `machine`, and keeps when it ran:
/// [`read_watched`] then [`write_watched`] on the one ledger.
pub fn scan_watched(
    ledger: &mut Ledger,
    defaults: &[LogFolder],
    machine: Option<String>,
) -> Result<Option<LogScan>, AppError> {
    match read_watched(ledger, defaults, machine)? {
        Some(pending) => Ok(Some(write_watched(ledger, pending)?)),
        None => Ok(None),
    }
}

/// Reads the new lines of the folders of `defaults` the user turned on
/// (none: `None`), without writing: `reader` may be a connection of its
/// own, so the app's views stay free while the logs are read.
pub fn read_watched(
    reader: &Ledger,
    defaults: &[LogFolder],
    machine: Option<String>,
) -> Result<Option<logs::PendingScan>, AppError> {
    let on = watched(reader)?;
    let folders: Vec<LogFolder> = defaults
        .iter()
        .filter(|f| on.contains(&f.path.display().to_string()))
        .cloned()
        .collect();
    if folders.is_empty() {
        return Ok(None);
    }
    let opts = ImportOptions {
        machine,
        ..ImportOptions::default()
    };
    logs::read_changed(reader, folders, &opts, &mut |_| {})
        .map(Some)
        .map_err(scan_err)
}

/// Writes what [`read_watched`] read, in one batch, and keeps when the scan
/// ran. Written through the app's own connection, the scan does not look
/// like another program's write to it (the ledger's version, which counts
/// only other connections' writes, stays as it is).
pub fn write_watched(ledger: &mut Ledger, pending: logs::PendingScan) -> Result<LogScan, AppError> {
    let scan = logs::write_scan(ledger, pending, &ImportOptions::default()).map_err(scan_err)?;
    let last = LastScan {
        at: crate::clock::now_utc_text(),
        added: scan.added,
        read: scan.imported.len() as u64,
        failed: scan.failed.len() as u64,
    };
    let text = setting_text(&last)?;
    ledger.set_app_setting(LAST_SCAN_KEY, Some(&text))?;
    Ok(scan)
}

fn scan_err(e: logs::ScanError) -> AppError {
    match e {
        logs::ScanError::Ledger(l) => AppError::Ledger(l),
    }
}

//! `provider_records`: provider cost and usage records, stored and read back.
//!
//! Bucketed exports describe whole UTC days, and the same day often arrives
//! twice: two exports that overlap, a CSV and an Admin API page, or a later
//! export after the provider revised its figures. So a day is written as a
//! unit: when a file's records for a day (in one series and organization)
//! equal what the ledger already holds for it, they are duplicates; when they
//! differ, they are added and the older records of that day are marked as
//! superseded by this batch. Nothing is deleted, so undoing the newer batch
//! brings the older records back. Event logs (Claude Code) carry an id per
//! event instead and are deduplicated on it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{date_from_int, date_to_int, Ledger, LedgerError};
use crate::ai_provider::Provider;
use crate::money::{from_micros, Currency};

/// Whether a record says what something cost or only how much was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Cost,
    Usage,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Cost => "cost",
            RecordKind::Usage => "usage",
        }
    }
}

/// One cost or usage record as a provider file states it, normalised.
///
/// `series` names what the numbers describe (`openai-costs`,
/// `openai-usage-completions`, `anthropic-costs`, `claude-code`, ...): a newer
/// import of a day replaces an older one only within the same series.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderRecord {
    /// Physical 1-based line where the record starts.
    pub line: u64,
    pub provider: Provider,
    pub kind: RecordKind,
    pub series: &'static str,
    /// UTC start of the bucket (or the event's time).
    pub bucket_start: DateTime<Utc>,
    /// UTC end of the bucket, exclusive.
    pub bucket_end: Option<DateTime<Utc>>,
    /// An event's own id (Claude Code `message.id:requestId`), for event logs.
    pub source_id: Option<String>,
    pub organization_id: Option<String>,
    pub organization_name: Option<String>,
    /// OpenAI project; Anthropic workspace.
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub api_key_id: Option<String>,
    pub api_key_name: Option<String>,
    pub user_id: Option<String>,
    pub line_item: Option<String>,
    pub model: Option<String>,
    pub token_type: Option<String>,
    pub service_tier: Option<String>,
    /// Exact, as written (float noise included); rounded half-even to
    /// micro-units when stored.
    pub amount: Option<Decimal>,
    pub currency: Option<Currency>,
    pub quantity: Option<Decimal>,
    pub quantity_unit: Option<String>,
    pub requests: Option<i64>,
    pub input_tokens: Option<i64>,
    pub output_tokens: Option<i64>,
    pub cached_input_tokens: Option<i64>,
    pub cache_write_tokens: Option<i64>,
    /// Reasoning tokens, where a log counts them (inside `output_tokens`
    /// for OpenAI and Codex).
    pub reasoning_tokens: Option<i64>,
    /// The machine the log was written on, where known.
    pub machine: Option<String>,
}

impl ProviderRecord {
    /// A record with only its place and time; fill the rest with struct
    /// update syntax.
    pub fn new(
        line: u64,
        provider: Provider,
        kind: RecordKind,
        series: &'static str,
        bucket_start: DateTime<Utc>,
    ) -> Self {
        ProviderRecord {
            line,
            provider,
            kind,
            series,
            bucket_start,
            bucket_end: None,
            source_id: None,
            organization_id: None,
            organization_name: None,
            project_id: None,
            project_name: None,
            api_key_id: None,
            api_key_name: None,
            user_id: None,
            line_item: None,
            model: None,
            token_type: None,
            service_tier: None,
            amount: None,
            currency: None,
            quantity: None,
            quantity_unit: None,
            requests: None,
            input_tokens: None,
            output_tokens: None,
            cached_input_tokens: None,
            cache_write_tokens: None,
            reasoning_tokens: None,
            machine: None,
        }
    }

    /// The UTC calendar day the record belongs to.
    pub fn utc_date(&self) -> NaiveDate {
        self.bucket_start.date_naive()
    }
}

/// A record as stored, every compared column in order. Two exports that
/// say the same thing about a day give equal sets of these.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stored {
    provider: &'static str,
    kind: &'static str,
    series: String,
    bucket_start: String,
    bucket_end: Option<String>,
    utc_date: i64,
    source_id: Option<String>,
    organization_id: Option<String>,
    organization_name: Option<String>,
    project_id: Option<String>,
    project_name: Option<String>,
    api_key_id: Option<String>,
    api_key_name: Option<String>,
    user_id: Option<String>,
    line_item: Option<String>,
    model: Option<String>,
    token_type: Option<String>,
    service_tier: Option<String>,
    amount: Option<i64>,
    currency: Option<String>,
    quantity: Option<String>,
    quantity_unit: Option<String>,
    requests: Option<i64>,
    input_tokens: Option<i64>,
    output_tokens: Option<i64>,
    cached_input_tokens: Option<i64>,
    cache_write_tokens: Option<i64>,
    reasoning_tokens: Option<i64>,
    machine: Option<String>,
}

pub(super) const COLUMNS: &str =
    "provider, kind, series, bucket_start, bucket_end, utc_date, source_id,
    organization_id, organization_name, project_id, project_name, api_key_id, api_key_name,
    user_id, line_item, model, token_type, service_tier, amount, currency, quantity,
    quantity_unit, requests, input_tokens, output_tokens, cached_input_tokens,
    cache_write_tokens, reasoning_tokens, machine";

fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

impl Stored {
    pub(super) fn from_record(r: &ProviderRecord, amount: Option<i64>) -> Self {
        Stored {
            provider: r.provider.as_str(),
            kind: r.kind.as_str(),
            series: r.series.to_owned(),
            bucket_start: instant(r.bucket_start),
            bucket_end: r.bucket_end.map(instant),
            utc_date: date_to_int(r.utc_date()),
            source_id: r.source_id.clone(),
            organization_id: r.organization_id.clone(),
            organization_name: r.organization_name.clone(),
            project_id: r.project_id.clone(),
            project_name: r.project_name.clone(),
            api_key_id: r.api_key_id.clone(),
            api_key_name: r.api_key_name.clone(),
            user_id: r.user_id.clone(),
            line_item: r.line_item.clone(),
            model: r.model.clone(),
            token_type: r.token_type.clone(),
            service_tier: r.service_tier.clone(),
            amount,
            currency: r.currency.map(|c| c.as_str().to_owned()),
            quantity: r.quantity.map(|q| q.normalize().to_string()),
            quantity_unit: r.quantity_unit.clone(),
            requests: r.requests,
            input_tokens: r.input_tokens,
            output_tokens: r.output_tokens,
            cached_input_tokens: r.cached_input_tokens,
            cache_write_tokens: r.cache_write_tokens,
            reasoning_tokens: r.reasoning_tokens,
            machine: r.machine.clone(),
        }
    }

    fn insert(
        &self,
        tx: &Transaction<'_>,
        batch_id: i64,
        line: u64,
        file: Option<&str>,
    ) -> rusqlite::Result<usize> {
        self.insert_into(tx, "provider_records", batch_id, line, file)
    }

    /// Inserts the record into `table` (`provider_records`, or a scan's
    /// spool of the same columns).
    pub(super) fn insert_into(
        &self,
        conn: &rusqlite::Connection,
        table: &str,
        batch_id: i64,
        line: u64,
        file: Option<&str>,
    ) -> rusqlite::Result<usize> {
        let mut stmt = conn.prepare_cached(&insert_sql(table))?;
        self.execute(&mut stmt, batch_id, line, file)
    }

    /// Runs an [`insert_sql`] statement for the record.
    pub(super) fn execute(
        &self,
        stmt: &mut rusqlite::Statement<'_>,
        batch_id: i64,
        line: u64,
        file: Option<&str>,
    ) -> rusqlite::Result<usize> {
        stmt.execute(params![
            batch_id,
            line as i64,
            file,
            self.provider,
            self.kind,
            self.series,
            self.bucket_start,
            self.bucket_end,
            self.utc_date,
            self.source_id,
            self.organization_id,
            self.organization_name,
            self.project_id,
            self.project_name,
            self.api_key_id,
            self.api_key_name,
            self.user_id,
            self.line_item,
            self.model,
            self.token_type,
            self.service_tier,
            self.amount,
            self.currency,
            self.quantity,
            self.quantity_unit,
            self.requests,
            self.input_tokens,
            self.output_tokens,
            self.cached_input_tokens,
            self.cache_write_tokens,
            self.reasoning_tokens,
            self.machine,
        ])
    }
}

/// The statement that inserts one record into `table` (`provider_records`,
/// or a scan's spool of the same columns); see [`Stored::execute`].
pub(super) fn insert_sql(table: &str) -> String {
    format!(
        "INSERT INTO {table} (batch_id, source_line, source_file, {COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30,
                 ?31, ?32)
         ON CONFLICT DO NOTHING"
    )
}

/// OpenRouter's series (the format's `SERIES` and `ACTIVITY`; named here
/// since the ledger names no import module): its generations, one record
/// each, and its days of activity, which yield to generations of the day.
pub(super) const OPENROUTER_GENERATIONS: &str = "openrouter";
pub(super) const OPENROUTER_ACTIVITY: &str = "openrouter-activity";

/// The unit a newer export replaces: one series' records of one UTC day for
/// one organization (`""` when the file does not name it).
type DayKey = (String, i64, String);

/// Collects a batch's provider records and writes them at its end, inside
/// the batch's transaction.
#[derive(Debug, Default)]
pub(crate) struct RecordWriter {
    days: BTreeMap<DayKey, Vec<(u64, Stored)>>,
    events: Vec<(u64, Stored)>,
    pub added: u64,
    pub duplicates: u64,
    /// "OpenAI organization Acme (org-…)" and the like, in order first seen.
    pub sources: Vec<String>,
    /// The machine label the user gave the import (`--machine`), for
    /// records whose file does not name one.
    pub machine: Option<String>,
    /// The file the records being written came from, in a batch of many
    /// files (its path relative to the folder read); `None`: the batch's.
    pub source_file: Option<String>,
}

impl RecordWriter {
    /// Keeps one record; `amount` is its amount in micro-units.
    pub fn push(&mut self, r: &ProviderRecord, amount: Option<i64>) {
        let label = source_label(r);
        if !self.sources.contains(&label) {
            self.sources.push(label);
        }
        self.push_stored(r.line, Stored::from_record(r, amount));
    }

    /// Keeps one record as stored (read back from a scan's spool), labelled
    /// with the import's machine where it names none.
    pub(super) fn push_stored(&mut self, line: u64, mut stored: Stored) {
        if stored.machine.is_none() {
            stored.machine.clone_from(&self.machine);
        }
        if stored.source_id.is_some() {
            self.events.push((line, stored));
        } else {
            let key = (
                stored.series.clone(),
                stored.utc_date,
                stored.organization_id.clone().unwrap_or_default(),
            );
            self.days.entry(key).or_default().push((line, stored));
        }
    }

    /// Writes the records (`batch_id` `None`: a dry run, which only counts).
    pub fn finish(&mut self, tx: &Transaction<'_>, batch_id: Option<i64>) -> rusqlite::Result<()> {
        let mut seen = HashSet::new();
        // UTC days OpenRouter's generations of this batch cover.
        let mut generation_days = BTreeSet::new();
        for (line, s) in std::mem::take(&mut self.events) {
            if s.series == OPENROUTER_GENERATIONS {
                generation_days.insert(s.utc_date);
            }
            let key = (s.provider, s.series.clone(), s.source_id.clone());
            let new = seen.insert(key)
                && !tx
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM provider_records
                          WHERE provider = ?1 AND series = ?2 AND source_id = ?3)",
                    )?
                    .query_row(params![s.provider, s.series, s.source_id], |r| {
                        r.get::<_, bool>(0)
                    })?;
            if !new {
                self.duplicates += 1;
                continue;
            }
            if let Some(batch) = batch_id {
                s.insert(tx, batch, line, self.source_file.as_deref())?;
            }
            self.added += 1;
        }
        // Generations tell a day more finely than OpenRouter's activity
        // rows of the same day: those yield (and come back if this batch is
        // undone).
        if let Some(batch) = batch_id {
            for day in &generation_days {
                tx.prepare_cached(
                    "UPDATE provider_records SET superseded_by = ?1
                      WHERE series = ?2 AND utc_date = ?3 AND superseded_by IS NULL",
                )?
                .execute(params![batch, OPENROUTER_ACTIVITY, day])?;
            }
        }
        for ((series, date, org), mut rows) in std::mem::take(&mut self.days) {
            // What the ledger currently says about this day, in this series,
            // for this organization (or where either side does not name one).
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT id, {COLUMNS} FROM provider_records
                  WHERE series = ?1 AND utc_date = ?2 AND superseded_by IS NULL
                    AND source_id IS NULL
                    AND (?3 = '' OR organization_id IS NULL OR organization_id = ?3)"
            ))?;
            let mut ids = Vec::new();
            let mut current = Vec::new();
            let mut found = stmt.query(params![series, date, org])?;
            while let Some(row) = found.next()? {
                ids.push(row.get::<_, i64>(0)?);
                current.push(Stored::read_at(row, 1)?);
            }
            let mut ours: Vec<Stored> = rows.iter().map(|(_, s)| s.figures()).collect();
            let mut current: Vec<Stored> = current.into_iter().map(|s| s.figures()).collect();
            ours.sort();
            current.sort();
            if ours == current {
                self.duplicates += rows.len() as u64;
                continue;
            }
            self.added += rows.len() as u64;
            let Some(batch) = batch_id else { continue };
            rows.sort_by_key(|(line, _)| *line);
            for (line, s) in &rows {
                s.insert(tx, batch, *line, self.source_file.as_deref())?;
            }
            // A day of OpenRouter activity that generations already cover
            // is kept, but yields to the batch that brought them.
            if series == OPENROUTER_ACTIVITY {
                let covered: Option<i64> = tx
                    .prepare_cached(
                        "SELECT max(batch_id) FROM provider_records
                          WHERE series = ?1 AND utc_date = ?2 AND superseded_by IS NULL",
                    )?
                    .query_row(params![OPENROUTER_GENERATIONS, date], |r| r.get(0))?;
                if let Some(by) = covered {
                    // An earlier export of the day, hidden by the
                    // generations, is replaced by this one (undoing this
                    // batch hides it behind them again).
                    tx.prepare_cached(
                        "UPDATE provider_records SET superseded_by = ?1
                          WHERE series = ?2 AND utc_date = ?3 AND batch_id <> ?1
                            AND superseded_by IN (SELECT batch_id FROM provider_records
                                                   WHERE series = ?4 AND utc_date = ?3)",
                    )?
                    .execute(params![
                        batch,
                        OPENROUTER_ACTIVITY,
                        date,
                        OPENROUTER_GENERATIONS
                    ])?;
                    tx.prepare_cached(
                        "UPDATE provider_records SET superseded_by = ?1
                          WHERE batch_id = ?2 AND series = ?3 AND utc_date = ?4",
                    )?
                    .execute(params![by, batch, OPENROUTER_ACTIVITY, date])?;
                }
            }
            if !ids.is_empty() {
                tx.execute(
                    &format!(
                        "UPDATE provider_records SET superseded_by = ?1 WHERE id IN ({})",
                        vec!["?"; ids.len()].join(",")
                    ),
                    params_from_iter(std::iter::once(batch).chain(ids.iter().copied())),
                )?;
            }
        }
        Ok(())
    }
}

impl Stored {
    /// What the record says, without the names a layout may or may not
    /// carry (organization, project and key names): two exports with the
    /// same ids and figures say the same thing.
    fn figures(&self) -> Stored {
        Stored {
            organization_name: None,
            project_name: None,
            api_key_name: None,
            ..self.clone()
        }
    }

    /// A stored record from a row whose record columns start at `offset`.
    pub(super) fn read_at(row: &rusqlite::Row<'_>, offset: usize) -> rusqlite::Result<Self> {
        let g = |i: usize| i + offset;
        let provider: String = row.get(g(0))?;
        let kind: String = row.get(g(1))?;
        Ok(Stored {
            provider: Provider::from_id(&provider).map_or("openai", Provider::as_str),
            kind: if kind == "usage" { "usage" } else { "cost" },
            series: row.get(g(2))?,
            bucket_start: row.get(g(3))?,
            bucket_end: row.get(g(4))?,
            utc_date: row.get(g(5))?,
            source_id: row.get(g(6))?,
            organization_id: row.get(g(7))?,
            organization_name: row.get(g(8))?,
            project_id: row.get(g(9))?,
            project_name: row.get(g(10))?,
            api_key_id: row.get(g(11))?,
            api_key_name: row.get(g(12))?,
            user_id: row.get(g(13))?,
            line_item: row.get(g(14))?,
            model: row.get(g(15))?,
            token_type: row.get(g(16))?,
            service_tier: row.get(g(17))?,
            amount: row.get(g(18))?,
            currency: row.get(g(19))?,
            quantity: row.get(g(20))?,
            quantity_unit: row.get(g(21))?,
            requests: row.get(g(22))?,
            input_tokens: row.get(g(23))?,
            output_tokens: row.get(g(24))?,
            cached_input_tokens: row.get(g(25))?,
            cache_write_tokens: row.get(g(26))?,
            reasoning_tokens: row.get(g(27))?,
            machine: row.get(g(28))?,
        })
    }
}

/// How a batch's records are named in its outcome.
fn source_label(r: &ProviderRecord) -> String {
    let provider = r.provider.name();
    match (&r.organization_name, &r.organization_id) {
        (Some(name), Some(id)) => format!("{provider} organization {name} ({id})"),
        (Some(name), None) => format!("{provider} organization {name}"),
        (None, Some(id)) => format!("{provider} organization {id}"),
        (None, None) if r.series == "claude-code" => "Claude Code logs".to_owned(),
        (None, None) => provider.to_owned(),
    }
}

/// Undoes a batch's provider records: the days it superseded get back the
/// records it replaced (or, where a later batch replaced this one's in
/// turn, stay replaced by that later batch); then its own records go.
pub(super) fn undo_records(tx: &Transaction<'_>, batch_id: i64) -> rusqlite::Result<usize> {
    tx.execute(
        "UPDATE provider_records AS old
            SET superseded_by = (
                SELECT n.superseded_by FROM provider_records AS n
                 WHERE n.batch_id = ?1 AND n.series = old.series
                   AND n.utc_date = old.utc_date AND n.superseded_by IS NOT NULL
                 LIMIT 1)
          WHERE old.superseded_by = ?1",
        [batch_id],
    )?;
    tx.execute(
        "DELETE FROM provider_records WHERE batch_id = ?1",
        [batch_id],
    )
}

/// Which records `costs` lists.
#[derive(Debug, Clone, Default)]
pub struct CostFilter {
    pub provider: Option<Provider>,
    /// First UTC date, inclusive.
    pub from: Option<NaiveDate>,
    /// Last UTC date, inclusive.
    pub to: Option<NaiveDate>,
}

/// One provider cost or usage record (SPEC §9 `costs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostRow {
    pub id: i64,
    pub provider: Provider,
    pub kind: RecordKind,
    pub series: String,
    /// The UTC calendar date of the bucket.
    pub date: NaiveDate,
    pub bucket_start: String,
    pub bucket_end: Option<String>,
    pub organization_id: Option<String>,
    pub organization_name: Option<String>,
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub line_item: Option<String>,
    pub model: Option<String>,
    pub token_type: Option<String>,
    pub service_tier: Option<String>,
    pub api_key_id: Option<String>,
    pub api_key_name: Option<String>,
    pub user_id: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    pub currency: Option<Currency>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub quantity: Option<Decimal>,
    pub quantity_unit: Option<String>,
    pub requests: Option<i64>,
    pub input_tokens: Option<i64>,
    pub output_tokens: Option<i64>,
    pub cached_input_tokens: Option<i64>,
    pub cache_write_tokens: Option<i64>,
    pub reasoning_tokens: Option<i64>,
    pub machine: Option<String>,
    pub batch_id: i64,
    /// The file of the batch the record came from, where the batch read
    /// many (a folder of agent logs): its path relative to that folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    /// Its line in that file (or in the batch's one file).
    pub source_line: u64,
}

impl Ledger {
    /// The current provider records (none a later import replaced), by UTC
    /// date, then provider, project and line item.
    pub fn costs(&self, filter: &CostFilter) -> Result<Vec<CostRow>, LedgerError> {
        // A bound given is written as a plain range, so SQLite can read
        // only its days through `provider_records_utc_date` (migration 18).
        let from = if filter.from.is_some() {
            "utc_date >= ?2"
        } else {
            "?2 IS NULL"
        };
        let to = if filter.to.is_some() {
            "utc_date <= ?3"
        } else {
            "?3 IS NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, batch_id, source_line, source_file, {COLUMNS} FROM provider_records
              WHERE superseded_by IS NULL
                AND (?1 IS NULL OR provider = ?1)
                AND {from}
                AND {to}
              ORDER BY utc_date, provider, series, bucket_start, project_id, line_item,
                       model, token_type, api_key_id, id"
        ))?;
        let rows = stmt.query_map(
            params![
                filter.provider.map(Provider::as_str),
                filter.from.map(date_to_int),
                filter.to.map(date_to_int)
            ],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    Stored::read_at(row, 4)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for r in rows {
            let (id, batch_id, line, file, s) = r?;
            let mut row = cost_row(id, batch_id, s)?;
            row.source_line = line.max(0) as u64;
            row.source_file = file;
            out.push(row);
        }
        Ok(out)
    }

    /// How many current provider records the ledger holds.
    pub fn provider_record_count(&self) -> Result<u64, LedgerError> {
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT count(*) FROM provider_records WHERE superseded_by IS NULL",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.unwrap_or(0) as u64)
    }
}

fn cost_row(id: i64, batch_id: i64, s: Stored) -> Result<CostRow, LedgerError> {
    let corrupt = |what: &str| LedgerError::Corrupt(format!("provider record {id}: {what}"));
    Ok(CostRow {
        id,
        provider: Provider::from_id(s.provider).ok_or_else(|| corrupt("provider"))?,
        kind: if s.kind == "usage" {
            RecordKind::Usage
        } else {
            RecordKind::Cost
        },
        series: s.series,
        date: date_from_int(s.utc_date).ok_or_else(|| corrupt("date"))?,
        bucket_start: s.bucket_start,
        bucket_end: s.bucket_end,
        organization_id: s.organization_id,
        organization_name: s.organization_name,
        project_id: s.project_id,
        project_name: s.project_name,
        line_item: s.line_item,
        model: s.model,
        token_type: s.token_type,
        service_tier: s.service_tier,
        api_key_id: s.api_key_id,
        api_key_name: s.api_key_name,
        user_id: s.user_id,
        amount: s.amount.map(from_micros),
        currency: s
            .currency
            .map(|c| Currency::parse(&c))
            .transpose()
            .map_err(|_| corrupt("currency"))?,
        quantity: s
            .quantity
            .map(|q| q.parse::<Decimal>())
            .transpose()
            .map_err(|_| corrupt("quantity"))?,
        quantity_unit: s.quantity_unit,
        requests: s.requests,
        input_tokens: s.input_tokens,
        output_tokens: s.output_tokens,
        cached_input_tokens: s.cached_input_tokens,
        cache_write_tokens: s.cache_write_tokens,
        reasoning_tokens: s.reasoning_tokens,
        machine: s.machine,
        batch_id,
        source_file: None,
        source_line: 0,
    })
}

//! The parsing side of the pipeline: it runs on its own thread, turns each
//! parsed row into an owned, normalised row with its amounts in micro-units,
//! fingerprint and occurrence index, and hands rows over in chunks. Chunks
//! keep their text in one buffer and come back to be reused, so a large file
//! streams through a fixed amount of memory with no allocation per row.

use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::classify::Line;
use crate::import::pipeline::dedupe::{fingerprint, Occurrences};
use crate::import::pipeline::error::{Problem, RowError};
use crate::import::pipeline::format::{Details, Hints, ParsedTxn, RowSink};
use crate::import::Notice;
use crate::ledger::TxnStatus;
use crate::money::{to_micros, Currency};
use crate::provider::ProviderRecord;

/// Rows per chunk handed from the parser to the writer.
pub(crate) const CHUNK_ROWS: usize = 512;

/// A row's text lives in its chunk's buffer; these are byte ranges into it.
type Span = Range<u32>;

#[derive(Debug, Clone)]
pub(crate) struct OwnedRow {
    pub line: u64,
    pub source_id: Option<Span>,
    pub date: NaiveDate,
    pub posted_date: Option<NaiveDate>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub description: Span,
    pub details: DetailSpans,
    pub category: Option<Span>,
    pub source_type: Option<Span>,
    pub memo: Option<Span>,
    pub account_hint: Option<Span>,
    pub amount: i64,
    pub currency: Currency,
    pub original_amount: Option<i64>,
    pub original_currency: Option<Currency>,
    pub fx_rate: Option<Decimal>,
    pub fx_fee: Option<i64>,
    pub status: TxnStatus,
    pub fingerprint: i64,
    pub occurrence: u32,
}

/// A row's [`Details`], as spans of its chunk's text.
#[derive(Debug, Clone, Default)]
pub(crate) struct DetailSpans {
    merchant: Option<Span>,
    descriptor: Option<Span>,
    goods: Option<Span>,
    mcc: Option<Span>,
}

#[derive(Debug, Default)]
pub(crate) struct RowChunk {
    text: String,
    pub rows: Vec<OwnedRow>,
    /// Provider records, each with its amount in micro-units (few per file:
    /// they are owned rather than packed like rows).
    pub records: Vec<(ProviderRecord, Option<i64>)>,
}

impl RowChunk {
    pub fn str(&self, span: &Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    pub fn opt_str(&self, span: &Option<Span>) -> Option<&str> {
        span.as_ref().map(|s| self.str(s))
    }

    pub fn details(&self, d: &DetailSpans) -> Details<'_> {
        Details {
            merchant: self.opt_str(&d.merchant),
            descriptor: self.opt_str(&d.descriptor),
            goods: self.opt_str(&d.goods),
            mcc: self.opt_str(&d.mcc),
        }
    }

    /// A row's fields as the classifier reads them (and the writer stores
    /// them), borrowed from the chunk's text.
    pub fn line<'a>(&'a self, row: &'a OwnedRow, account_id: Option<i64>) -> Line<'a> {
        Line {
            description: self.str(&row.description),
            details: self.details(&row.details),
            category: self.opt_str(&row.category),
            source_type: self.opt_str(&row.source_type),
            memo: self.opt_str(&row.memo),
            amount: row.amount,
            currency: row.currency.as_str(),
            original_amount: row.original_amount,
            original_currency: row.original_currency.as_ref().map(|c| c.as_str()),
            account_id,
        }
    }

    fn keep_details(&mut self, d: &Details<'_>) -> DetailSpans {
        let d = d.tidy();
        DetailSpans {
            merchant: d.merchant.map(|s| self.keep(s)),
            descriptor: d.descriptor.map(|s| self.keep(s)),
            goods: d.goods.map(|s| self.keep(s)),
            mcc: d.mcc.map(|s| self.keep(s)),
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.rows.clear();
        self.records.clear();
    }

    fn keep(&mut self, s: &str) -> Span {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        start..self.text.len() as u32
    }
}

/// The message that ends the stream early: the writer hung up.
/// The writer thread hung up: the import stops where it is.
pub(crate) fn writer_gone() -> Problem {
    Problem::Unreadable(Box::new(crate::msg!("import-writer-stopped")))
}

/// Collects parsed rows into chunks and sends them to the writer.
pub(crate) struct ChunkSink {
    chunk: RowChunk,
    send: SyncSender<RowChunk>,
    recycled: Receiver<RowChunk>,
    occurrences: Occurrences,
    scratch: Vec<u8>,
    hints: Hints,
    per_account: bool,
    /// What the format said the summary must name (see [`RowSink::notice`]).
    notices: Vec<Notice>,
    /// The lines the format could not read and skipped (see
    /// [`RowSink::reject`]), kept as the batch's rejects.
    rejects: Vec<(u64, crate::i18n::Msg)>,
}

impl ChunkSink {
    /// `per_account`: count occurrences per account hint (each statement in
    /// a multi-account file on its own), or across the file when every row
    /// goes to one account the user named.
    pub fn new(
        send: SyncSender<RowChunk>,
        recycled: Receiver<RowChunk>,
        hints: Hints,
        per_account: bool,
    ) -> Self {
        ChunkSink {
            chunk: RowChunk::default(),
            send,
            recycled,
            occurrences: Occurrences::default(),
            scratch: Vec::new(),
            hints,
            per_account,
            notices: Vec::new(),
            rejects: Vec::new(),
        }
    }

    /// Sends what is left; call once the parser is done. Gives back the
    /// format's notices and the lines it could not read, for the import's
    /// outcome.
    pub fn finish(mut self) -> Result<Finished, RowError> {
        if !self.chunk.rows.is_empty() || !self.chunk.records.is_empty() {
            let last = std::mem::take(&mut self.chunk);
            self.send
                .send(last)
                .map_err(|_| RowError::new(0, writer_gone()))?;
        }
        Ok(Finished {
            notices: self.notices,
            rejects: self.rejects,
        })
    }
}

/// What a parse leaves besides its rows: its notices and the lines it
/// could not read (each with why), in file order.
pub(crate) struct Finished {
    pub notices: Vec<Notice>,
    pub rejects: Vec<(u64, crate::i18n::Msg)>,
}

fn micros(amount: Decimal, line: u64, column: &'static str) -> Result<i64, RowError> {
    to_micros(amount).map_err(|_| {
        RowError::new(
            line,
            Problem::AmountOutOfRange {
                column,
                value: amount.to_string(),
            },
        )
    })
}

impl RowSink for ChunkSink {
    fn hints(&self) -> Hints {
        self.hints
    }

    fn notice(&mut self, notice: Notice) {
        // One per code: a later one (a format that counts again) replaces it.
        self.notices.retain(|n| n.code != notice.code);
        self.notices.push(notice);
    }

    fn reject(&mut self, line: u64, reason: crate::i18n::Msg) {
        self.rejects.push((line, reason));
    }

    fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
        let amount = micros(t.amount, t.line, "amount")?;
        let original_amount = t
            .original_amount
            .map(|a| micros(a, t.line, "original amount"))
            .transpose()?;
        let fx_fee = t.fx_fee.map(|a| micros(a, t.line, "fee")).transpose()?;
        let fp = fingerprint(t, amount, &mut self.scratch);
        // Identical lines in two accounts' statements are not repeats.
        let scope = match (self.per_account, t.account_hint) {
            (true, Some(h)) => xxhash_rust::xxh3::xxh3_64(h.as_bytes()) as i64,
            _ => 0,
        };
        let occurrence = self.occurrences.next(t.date, fp ^ scope);
        let c = &mut self.chunk;
        let row = OwnedRow {
            line: t.line,
            source_id: t.source_id.map(|s| c.keep(s)),
            date: t.date,
            posted_date: t.posted_date,
            occurred_at: t.occurred_at,
            description: c.keep(t.description),
            details: c.keep_details(&t.details),
            category: t.category.map(|s| c.keep(s)),
            source_type: t.source_type.map(|s| c.keep(s)),
            memo: t.memo.map(|s| c.keep(s)),
            account_hint: t.account_hint.map(|s| c.keep(s)),
            amount,
            currency: t.currency,
            original_amount,
            original_currency: t.original_currency,
            fx_rate: t.fx_rate,
            fx_fee,
            status: t.status,
            fingerprint: fp,
            occurrence,
        };
        c.rows.push(row);
        if c.rows.len() == CHUNK_ROWS {
            self.send_full(t.line)?;
        }
        Ok(())
    }

    fn record(&mut self, rec: ProviderRecord) -> Result<(), RowError> {
        let amount = rec
            .amount
            .map(|a| micros(a, rec.line, "amount"))
            .transpose()?;
        let line = rec.line;
        self.chunk.records.push((rec, amount));
        if self.chunk.records.len() == CHUNK_ROWS {
            self.send_full(line)?;
        }
        Ok(())
    }
}

impl ChunkSink {
    /// Hands the full chunk to the writer and starts a (recycled) new one.
    fn send_full(&mut self, line: u64) -> Result<(), RowError> {
        let mut next = self.recycled.try_recv().unwrap_or_default();
        next.clear();
        let full = std::mem::replace(&mut self.chunk, next);
        self.send
            .send(full)
            .map_err(|_| RowError::new(line, writer_gone()))
    }
}

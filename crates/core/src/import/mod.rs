//! Importing a file: detect → parse (streaming) → normalise → dedupe →
//! write one batch in one transaction.
//!
//! [`pipeline`] owns what every file goes through (reading, detection,
//! chunks, dedupe, the batch, errors); [`formats`] holds one module per
//! format that needs code, and the CSV table engine that reads every simple
//! bank layout from a [`formats::csv::profile::CsvProfile`] entry (and the
//! user's saved mappings). [`FORMATS`] lists them in detection order. The
//! SQL an import runs lives in `ledger/import_*.rs`.
//!
//! Invariant: a file either lands whole, as one batch, or not at all.

pub mod formats;
pub(crate) mod lists;
pub mod mail;
pub mod pipeline;

/// The user's column mappings, under their old path.
pub use formats::csv::mapped;
pub use pipeline::error;
/// The format contract and its helpers, under their old path.
pub use pipeline::format;

use formats::csv::profiles;
use formats::{
    alipay, amex, anthropic_csv, camt, claude_code, cmb_card, codex_cli, n26, ofx, openai_csv,
    provider_json, qif, revolut, wechat, wechat_xlsx, wise, wise_statement,
};
use formats::{copilot_csv, cursor_csv, gemini_cli, openrouter};
use pipeline::{detect, rejects, source, stream, write as writer};

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::mpsc;

use serde::Serialize;

pub use error::{BadInput, ImportError, Problem, RowError};
pub use format::RowSink;
use format::{Format, Head};
pub use pipeline::preview::{DuplicateOf, Preview, PreviewDuplicate, PreviewLine};
pub use pipeline::rejects::{stored_rejects, StoredReject};

/// The file name endings an open dialog offers for import: every format of
/// [`FORMATS`] and the mail files. Detection reads the content, so a file
/// with another name still imports when dropped or named on the CLI.
pub const FILE_EXTENSIONS: &[&str] = &[
    "csv", "tsv", "txt", "ofx", "qfx", "qif", "xml", "json", "jsonl", "xlsx", "eml", "mbox", "pdf",
];

use crate::ledger::{import_profiles, import_rejects, import_write, Ledger};
use writer::BatchWriter;

/// Every format the detector knows, in the order it tries them.
pub static FORMATS: &[&dyn Format] = &[
    &profiles::CHASE_CARD,
    &profiles::CHASE_CHECKING,
    &revolut::REVOLUT,
    &profiles::MONZO,
    &n26::N26,
    &wise::WISE,
    &wise_statement::WISE_STATEMENT,
    &profiles::BARCLAYS,
    &profiles::HSBC_HK_CARD,
    &alipay::Alipay,
    &wechat::WeChatPay,
    &wechat_xlsx::WeChatPayXlsx,
    &qif::Qif,
    &amex::AmexCard,
    &profiles::CAPITAL_ONE_CARD,
    &profiles::CITI_CARD,
    &profiles::DISCOVER_CARD,
    &profiles::BMO_CARD,
    &camt::Camt,
    &cmb_card::CmbCard,
    &ofx::Ofx,
    &openai_csv::OPENAI_COST_CSV,
    &openai_csv::OpenAiUsageCsv,
    &provider_json::OpenAiAdminJson,
    &anthropic_csv::ANTHROPIC_COST_CSV,
    &anthropic_csv::ANTHROPIC_USAGE_CSV,
    &provider_json::AnthropicAdminJson,
    &codex_cli::CodexCliJsonl,
    &claude_code::ClaudeCodeJsonl,
    &cursor_csv::CURSOR_USAGE_CSV,
    &copilot_csv::COPILOT_PREMIUM_CSV,
    &copilot_csv::COPILOT_USAGE_CSV,
    &openrouter::OPENROUTER_CSV,
    &openrouter::OpenRouterJson,
    &gemini_cli::GeminiCliSession,
];

/// Ids of the known formats, for `--format` and messages.
pub fn format_ids() -> Vec<&'static str> {
    FORMATS.iter().map(|f| f.id()).collect()
}

/// The format with this id.
pub fn format_by_id(id: &str) -> Option<&'static dyn Format> {
    FORMATS.iter().copied().find(|f| f.id() == id)
}

/// How to import a file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The account every line goes to; by default each line goes to the
    /// account its statement names (a file may hold several).
    pub account: Option<String>,
    /// A format id, to skip detection.
    pub format: Option<String>,
    /// Count what would happen, write nothing.
    pub dry_run: bool,
    /// What the user says about files that leave it open (date order,
    /// currency).
    pub hints: format::Hints,
    /// A column mapping for a CSV no built-in profile reads (`--map`); it
    /// is saved as a profile and used again for files with its header.
    pub map: Option<mapped::MapSpec>,
    /// The name the mapping is saved under (default: from the header).
    pub profile: Option<String>,
    /// The physical line of a mapped CSV's header (`--header-line`), for a
    /// file whose preamble the mapping's column names do not get past.
    pub header_line: Option<u64>,
    /// Leave out rows whose values cannot be read (CSV files only), listing
    /// each with its line and reason, instead of refusing the file.
    pub skip_bad_rows: bool,
    /// In a dry run, keep the first this many lines it would add and would
    /// skip as duplicates ([`ImportOutcome::preview`]); 0 keeps none.
    pub preview_rows: usize,
    /// The machine an agent log was written on (`--machine`), kept on its
    /// usage records so logs merged from several machines stay told apart.
    pub machine: Option<String>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportOutcome {
    pub file: String,
    pub format: String,
    /// The batch written; `None` in a dry run.
    pub batch_id: Option<i64>,
    /// The account(s) the lines went to, comma-separated.
    pub account: String,
    pub added: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub sha256: String,
    pub dry_run: bool,
    /// Pending lines that may now have their posted line (duplicate layer
    /// 3): proposals for the user to confirm (`Ledger::links`).
    pub proposals: u64,
    /// The rows left out (`skip_bad_rows`): physical line and reason.
    pub rejects: Vec<(u64, String)>,
    /// Each left-out row's reason as a message (file, line, field), in the
    /// order of `rejects`.
    #[serde(skip)]
    pub reject_msgs: Vec<crate::i18n::Msg>,
    /// What the summary must name beyond the counts: rows merged or kept
    /// for a reason the user should know, values the file did not give and
    /// were assumed, lines skipped because they carry nothing to import.
    /// Empty for most files (and then left out of the JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
    /// A dry run's lines, when [`ImportOptions::preview_rows`] asked for them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview: Option<Preview>,
    /// A mail import's receipts (issue #19); `None` for other files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipts: Option<mail::ReceiptCounts>,
}

/// One thing an import's summary says beyond its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// A stable id, e.g. `reused_source_ids`, `assumed_currency`.
    pub code: &'static str,
    /// The physical lines it concerns (the first few where there are many).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<u64>,
    /// How many rows it concerns (0 where it is about the whole file).
    pub count: u64,
    /// What happened and, where the user can change it, how.
    pub message: String,
    /// The same as a message of the catalogs, for the user's language;
    /// `None` where the catalogs have none yet (then `message` is shown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msg: Option<crate::i18n::Msg>,
}

/// A count as a message argument.
pub(crate) fn count_arg(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// How far an import has got, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
}

const BUF_BYTES: usize = 256 * 1024;

/// Imports one file into the ledger as one batch.
pub fn import_file(
    ledger: &mut Ledger,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    import_file_with_progress(ledger, path, opts, &mut |_| {})
}

/// [`import_file`], reporting progress after every chunk of rows.
pub fn import_file_with_progress(
    ledger: &mut Ledger,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, ImportError> {
    let display = path.display().to_string();
    let read_err = |source| ImportError::Read {
        file: display.clone(),
        source,
    };
    // Mail (an .eml, an .mbox, a Maildir folder), told by content.
    if opts.format.is_none()
        || opts
            .format
            .as_deref()
            .is_some_and(|f| f.starts_with("mail") || f == "receipt-pdf")
    {
        if let Some(kind) = mail::detect(path) {
            return mail::import_mail(ledger, path, kind, opts);
        }
    }
    let file = File::open(path).map_err(read_err)?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(read_err(std::io::ErrorKind::IsADirectory.into()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    if opts.skip_bad_rows {
        let mut bytes = Vec::new();
        let mut file = file;
        file.read_to_end(&mut bytes).map_err(read_err)?;
        return rejects::import_skipping(ledger, &display, &name, &bytes, opts, progress);
    }
    import_reader(ledger, &display, &name, file, total, opts, progress)
}

/// Imports from any reader. `display` names the input in errors; `file_name`
/// is what the batch records.
pub fn import_reader<R: Read + Send>(
    ledger: &mut Ledger,
    display: &str,
    file_name: &str,
    reader: R,
    bytes_total: u64,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, ImportError> {
    let input = Input {
        display,
        file_name,
        reader,
        bytes_total,
    };
    import_inner(ledger, input, opts, progress, &rejects::Skipped::default())
}

/// One input of an import: `display` names it in errors, `file_name` is
/// what the batch records, `bytes_total` what progress counts toward.
pub(crate) struct Input<'a, R> {
    pub display: &'a str,
    pub file_name: &'a str,
    pub reader: R,
    pub bytes_total: u64,
}

/// [`import_reader`], with the rows left out of this input (their lines
/// blanked) and the original file's hash to record for the batch.
pub(crate) fn import_inner<R: Read + Send>(
    ledger: &mut Ledger,
    input: Input<'_, R>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    skipped: &rejects::Skipped,
) -> Result<ImportOutcome, ImportError> {
    let Input {
        display,
        file_name,
        reader,
        bytes_total,
    } = input;
    let bad = |line: u64, problem: Problem| {
        ImportError::BadInput(BadInput {
            file: display.to_owned(),
            line,
            problem,
            format: None,
        })
    };
    let (hashing, hash) = HashingReader::new(reader);
    let mut raw = BufReader::with_capacity(BUF_BYTES, hashing);
    let first = raw
        .fill_buf()
        .map_err(|source| ImportError::Read {
            file: display.to_owned(),
            source,
        })?
        .to_vec();
    let encoding = source::sniff_encoding(&first).map_err(|(line, p)| bad(line, p))?;
    let head = source::head_text(&first, encoding).map_err(|(line, p)| bad(line, p))?;
    drop(first);
    let head_ref = Head { text: &head };
    // A mapping the user gives, else a built-in format, else a profile saved
    // for this header.
    let mapped = match (&opts.map, opts.format.as_deref()) {
        (Some(_), _) if encoding.binary => return Err(bad(1, Problem::Binary)),
        (Some(spec), _) => Some(mapped::MappedCsv {
            spec: spec.clone(),
            profile: opts.profile.clone().unwrap_or_else(|| {
                let at = mapped::locate_header(&head_ref, spec, opts.header_line);
                mapped::default_profile_name(&head_ref, at)
            }),
            header_line: opts.header_line,
        }),
        (None, None) if !encoding.binary => match detect::choose_format(&head_ref, None) {
            Ok(_) if opts.header_line.is_none() => None,
            _ => saved_profile(ledger, &head_ref, opts.header_line)?,
        },
        _ => None,
    };
    let format: &dyn Format = match &mapped {
        Some(m) => m,
        None if opts.header_line.is_some() => {
            return Err(bad(
                1,
                Problem::Malformed {
                    found: Box::new(crate::msg!("detail-header-line-unmapped")),
                    expected: Box::new(crate::msg!("detail-header-line-with-map")),
                },
            ))
        }
        None => {
            let chosen = detect::choose_format(&head_ref, opts.format.as_deref());
            detect::for_input(chosen, encoding.binary).map_err(|p| bad(1, p))?
        }
    };
    let mut input = source::utf8_reader(raw, encoding);

    // Foreign-key checks are off while the batch is written (see
    // `Ledger::import_foreign_keys`). The test at the end of this file runs
    // `PRAGMA foreign_key_check` after importing every fixture.
    ledger.import_foreign_keys(false)?;
    let written =
        (|| -> Result<
            (
                ImportOutcome,
                Option<pipeline::preview::Collector>,
                Option<crate::ledger::reports::LinesChanged>,
            ),
            ImportError,
        > {
            let catalog = std::sync::Arc::clone(&ledger.catalog);
            let tx = ledger.import_transaction(opts.dry_run)?;
            let first_id = import_write::first_new_id(&tx)?;
            let generation = crate::ledger::tally::generation(&tx)?;
            let mut changed = None;

            // The parser runs on its own thread and hands rows over in chunks; this
            // thread owns the transaction and writes them.
            let (send, chunks) = mpsc::sync_channel::<stream::RowChunk>(4);
            let (recycle, recycled) = mpsc::channel::<stream::RowChunk>();
            let explicit = explicit_account(opts);
            let batch_id = import_write::open_batch(&tx, file_name, format.id(), opts.dry_run)?;
            // Lines are classified as they are inserted (not in a dry run).
            let classifier = match batch_id {
                Some(_) => Some(crate::ledger::classification::classifier(&tx, &catalog)?),
                None => None,
            };
            let mut writer =
                BatchWriter::new(&tx, batch_id, format, explicit, first_id, classifier)?;
            writer.records.machine = opts.machine.clone().filter(|m| !m.trim().is_empty());
            if opts.dry_run && opts.preview_rows > 0 {
                writer.preview = Some(pipeline::preview::Collector::new(opts.preview_rows));
            }
            let mut rows = 0u64;
            let (parsed, written) = std::thread::scope(|scope| {
                let parser = scope.spawn(move || {
                    let per_account = explicit.is_none() && format.several_accounts();
                    let mut sink = stream::ChunkSink::new(send, recycled, opts.hints, per_account);
                    format.parse(&head_ref, &mut input, &mut sink)?;
                    let finished = sink.finish()?;
                    // Hash the whole file even if the format stopped before its end.
                    std::io::copy(&mut input, &mut std::io::sink())
                        .map_err(|e| {
                            RowError::new(
                                0,
                                Problem::Unreadable(Box::new(crate::library_errors::io(&e))),
                            )
                        })?;
                    Ok::<_, RowError>(finished)
                });
                let written = (|| -> Result<(), ImportError> {
                    for chunk in chunks.iter() {
                        writer.push_chunk(&tx, &chunk)?;
                        rows += chunk.rows.len() as u64;
                        progress(ImportProgress {
                            bytes_read: hash.bytes_read(),
                            bytes_total,
                            rows,
                        });
                        // The parser may be gone already; then the chunk just drops.
                        let _ = recycle.send(chunk);
                    }
                    Ok(())
                })();
                // On a write error, hang up so the parser stops at its next chunk.
                drop(chunks);
                let parsed = parser.join().unwrap_or_else(|_| {
                    Err(RowError::new(
                        0,
                        Problem::Unreadable(Box::new(crate::msg!("import-parser-crashed"))),
                    ))
                });
                (parsed, written)
            });
            written?;
            // What the format said the summary must name (RowSink::notice).
            let stream::Finished {
                mut notices,
                rejects: unread,
            } = parsed.map_err(|e| {
                ImportError::BadInput(BadInput {
                    file: display.to_owned(),
                    line: e.line,
                    problem: e.problem,
                    format: Some(format.id()),
                })
            })?;
            // The rows left out: those `--skip-bad-rows` blanked, then the
            // lines the format could not read (an agent log's, as a folder
            // scan keeps them; a cut-off last line is not one).
            let mut left_out = skipped.rows.clone();
            let mut left_out_msgs = skipped.msgs.clone();
            let mut stored = skipped.stored();
            for (line, why) in &unread {
                left_out.push((*line, why.render(crate::i18n::Lang::En)));
                left_out_msgs.push(crate::msg!(
                    "import-reject-log-at-line",
                    line = line.to_string(),
                    reason = why.clone()
                ));
                stored.push((
                    *line,
                    serde_json::to_string(why).unwrap_or_else(|_| why.render(crate::i18n::Lang::En)),
                ));
            }
            let (sha256, size) = match &skipped.original {
                Some((sha, size)) => (sha.clone(), *size),
                None => hash.finish(),
            };
            writer.records.finish(&tx, writer.batch_id)?;
            // A file with a header and no rows still names its (empty) batch's
            // account; provider records belong to no account.
            if !format.records() {
                writer.note_empty(&tx)?;
            }
            // A batch belongs to an account when all its rows went to one.
            let batch_account = match writer.used.as_slice() {
                [one] => one.id,
                _ => None,
            };

            let mut proposals = 0;
            notices.extend(writer.reused.notice());
            let batch_id = match writer.batch_id {
                Some(id) => {
                    // Ids only grow (AUTOINCREMENT) and this is the one write transaction,
                    // so the batch's rows are exactly those at or above `first`.
                    let (first, last) = import_write::batch_id_range(&tx, first_id)?;
                    // The vendors whose subscription lines the batch adds, for
                    // the stored detection (reports/subs.rs); unknown when an
                    // edit or a refund changes lines.
                    let mut sub_vendors = writer.rollup.subscription_vendors();
                    // The batch's searched texts (ledger/text_index.rs), also
                    // when every row was a duplicate (its new bodies go).
                    writer.bodies.write(&tx)?;
                    if let (Some(first), Some(last)) = (first, last) {
                        if crate::ledger::rollup::range_has_edits(&tx, first, last)? {
                            sub_vendors = None;
                        }
                        // The summary rollup takes the batch's lines in the same
                        // transaction (ledger/rollup.rs).
                        writer.rollup.write(&tx, first, last)?;
                        if crate::ledger::refunds::pairs_refunds(format.id()) {
                            let accounts: Vec<i64> =
                                writer.used.iter().filter_map(|a| a.id).collect();
                            let pairing = crate::ledger::refunds::pair(
                                &tx,
                                &accounts,
                                Some((id, first, last)),
                            )?;
                            if pairing.reverted > 0 {
                                sub_vendors = None;
                            }
                            notices.extend(refund_notices(&pairing));
                        }
                    }
                    if let Some(m) = &mapped {
                        let key = mapped::header_key(&head_ref, m.header_at(&head_ref));
                        import_profiles::save_profile(
                            &tx,
                            id,
                            &m.profile,
                            &key,
                            &m.spec.to_string(),
                        )?;
                    }
                    if let (Some(first), Some(last)) = (first, last) {
                        proposals = crate::ledger::links::propose(&tx, first, last)?;
                    }
                    import_rejects::insert_rejects(&tx, id, &stored)?;
                    import_write::finish_batch(
                        &tx,
                        id,
                        &import_write::BatchTotals {
                            sha256: &sha256,
                            size,
                            added: writer.added + writer.records.added,
                            duplicates: writer.duplicates + writer.records.duplicates,
                            first,
                            last,
                            account_id: batch_account,
                            rejected: left_out.len() as u64,
                        },
                    )?;
                    changed = Some(crate::ledger::reports::LinesChanged {
                        before: generation,
                        after: crate::ledger::tally::generation(&tx)?,
                        sub_vendors,
                    });
                    tx.commit()?;
                    Some(id)
                }
                None => {
                    tx.rollback()?;
                    None
                }
            };
            let collector = writer.preview.take();
            let outcome = ImportOutcome {
                file: display.to_owned(),
                format: format.id().to_owned(),
                batch_id,
                account: writer
                    .used
                    .iter()
                    .map(|a| a.name.as_str())
                    .chain(writer.records.sources.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .if_empty(|| {
                        if format.records() {
                            format.default_account(None)
                        } else {
                            String::new()
                        }
                    }),
                added: writer.added + writer.records.added,
                duplicates: writer.duplicates + writer.records.duplicates,
                rejected: left_out.len() as u64,
                rejects: left_out,
                reject_msgs: left_out_msgs,
                notices,
                sha256,
                dry_run: opts.dry_run,
                proposals,
                preview: None,
                receipts: None,
            };
            Ok((outcome, collector, changed))
        })();
    let restored = ledger.import_foreign_keys(true);
    let (mut outcome, collector, changed) = written?;
    restored?;
    if let Some(changed) = changed {
        // The stored subscription detection follows the batch (a cache: the
        // import stands whatever happens to it; a stale one is never read).
        let _ = crate::reports::subs::refresh_stored(ledger, &changed);
    }
    if let Some(c) = collector {
        // The dry run's transaction is gone: look the duplicates up.
        outcome.preview = Some(c.finish(ledger)?);
    }
    Ok(outcome)
}

use source::HashingReader;

/// What the summary says about refunds paired with their purchases, or left
/// without one (ledger/refunds.rs).
fn refund_notices(p: &crate::ledger::refunds::Pairing) -> Vec<Notice> {
    let mut out = Vec::new();
    if p.paired > 0 {
        let one = p.paired == 1;
        let full = match (p.reverted, one) {
            (0, _) => String::new(),
            (_, true) => "; it gave the whole purchase back, so both lines are kept as \
                          reverted (no money moved in the end)"
                .to_owned(),
            (n, false) => format!(
                "; {n} gave the whole purchase back, so each is kept with its purchase as \
                 reverted (no money moved in the end)"
            ),
        };
        out.push(Notice {
            code: "refunds_paired",
            lines: p.paired_lines.clone(),
            count: p.paired,
            msg: Some(crate::msg!(
                "import-notice-refunds-paired",
                count = count_arg(p.paired),
                reverted = count_arg(p.reverted)
            )),
            message: format!(
                "{} paired with the {} {} money back for and {} {} class, so the totals \
                 net to what was really spent{full}",
                plural(p.paired, "refund was", "refunds were"),
                if one { "purchase" } else { "purchases" },
                if one { "it gives" } else { "they give" },
                if one { "takes" } else { "take" },
                if one { "its" } else { "their" },
            ),
        });
    }
    if p.unmatched > 0 {
        let one = p.unmatched == 1;
        out.push(Notice {
            code: "unmatched_refunds",
            lines: p.unmatched_lines.clone(),
            count: p.unmatched,
            msg: Some(crate::msg!(
                "import-notice-unmatched-refunds",
                count = count_arg(p.unmatched)
            )),
            message: format!(
                "{} no purchase in the ledger to net against (its bill is not imported \
                 yet?); {} as money in until the purchase arrives, then {} paired with it",
                plural(p.unmatched, "refund has", "refunds have"),
                if one { "it counts" } else { "they count" },
                if one { "it is" } else { "they are" },
            ),
        });
    }
    out
}

/// `1 refund was`, `2 refunds were`.
fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The most recently used profile saved for this file's header, if any:
/// the header on `header_line` when the user gives it, else the first of
/// the head's lines that a profile knows (a header below a preamble is
/// found too).
fn saved_profile(
    ledger: &Ledger,
    head: &Head<'_>,
    header_line: Option<u64>,
) -> Result<Option<mapped::MappedCsv>, ImportError> {
    let keys = match header_line {
        Some(n) => mapped::header_line_at(head, n)
            .map(|at| vec![mapped::header_key(head, Some(at))])
            .unwrap_or_default(),
        None => mapped::header_keys(head),
    };
    let Some((name, spec)) = ledger.profile_for_headers(keys)? else {
        return Ok(None);
    };
    let spec = spec.parse().map_err(|e: mapped::MapSpecError| {
        ImportError::Ledger(crate::LedgerError::Corrupt(format!(
            "mapping profile {name:?}: {e}"
        )))
    })?;
    Ok(Some(mapped::MappedCsv {
        spec,
        profile: name,
        header_line,
    }))
}

/// The account the user named, if any. A blank `--account` means "not
/// given", not an account named "".
fn explicit_account(opts: &ImportOptions) -> Option<&str> {
    opts.account
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

/// `s`, or what `f` gives when it is empty.
trait IfEmpty {
    fn if_empty(self, f: impl FnOnce() -> String) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, f: impl FnOnce() -> String) -> String {
        if self.is_empty() {
            f()
        } else {
            self
        }
    }
}

/// A CSV no built-in format and no saved profile reads: its header and first
/// rows, for a mapping step to show (the app's counterpart of `--map`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmappedCsv {
    pub header: Vec<String>,
    /// The physical line the header is on: the widest of the first lines
    /// (a bank's preamble above the table is skipped), or the line the
    /// user gave.
    pub header_line: u64,
    /// Up to `rows` rows after the header, as the file writes them.
    pub sample: Vec<Vec<String>>,
    /// The name the mapping is saved under unless the user gives one.
    pub suggested_profile: String,
}

/// Whether `path` needs a column mapping: `Some` for a text file whose
/// header (on `header_line`, else found as [`mapped::guess_header`] finds
/// it) reads as a CSV header that no format detects and no profile matches;
/// `None` when it imports as it is (or is not a CSV at all, so a mapping
/// would not help: the import's own error says why).
pub fn unmapped_csv(
    ledger: &Ledger,
    path: &Path,
    rows: usize,
    header_line: Option<u64>,
) -> Result<Option<UnmappedCsv>, ImportError> {
    let display = path.display().to_string();
    let read_err = |source| ImportError::Read {
        file: display.clone(),
        source,
    };
    let file = File::open(path).map_err(read_err)?;
    let mut raw = BufReader::with_capacity(BUF_BYTES, file);
    let first = raw.fill_buf().map_err(read_err)?.to_vec();
    let Ok(encoding) = source::sniff_encoding(&first) else {
        return Ok(None);
    };
    if encoding.binary {
        return Ok(None);
    }
    let Ok(head) = source::head_text(&first, encoding) else {
        return Ok(None);
    };
    let head_ref = Head { text: &head };
    if (header_line.is_none() && detect::choose_format(&head_ref, None).is_ok())
        || saved_profile(ledger, &head_ref, header_line)?.is_some()
    {
        return Ok(None);
    }
    let at = match header_line {
        Some(n) => mapped::header_line_at(&head_ref, n),
        None => mapped::guess_header(&head_ref),
    };
    let Some(at) = at else {
        return Ok(None);
    };
    let header = mapped::header_cells(&head_ref, Some(at));
    if header.len() < 2 {
        return Ok(None);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(at.delimiter)
        .from_reader(head.get(at.offset..).unwrap_or_default().as_bytes());
    let mut sample = Vec::new();
    for rec in rdr.records().take(rows) {
        match rec {
            Ok(r) => sample.push(r.iter().map(|c| c.trim().to_owned()).collect()),
            Err(_) => break,
        }
    }
    Ok(Some(UnmappedCsv {
        header,
        header_line: at.line,
        sample,
        suggested_profile: mapped::default_profile_name(&head_ref, Some(at)),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
    }

    fn foreign_keys_on(ledger: &Ledger) -> bool {
        ledger.foreign_keys_enforced().expect("pragma")
    }

    fn violations(ledger: &Ledger) -> Vec<String> {
        ledger.dangling_references().expect("check")
    }

    /// Imports run with foreign-key checks off (see `import_inner`): every
    /// fixture of every format, imported into one ledger, leaves no row
    /// pointing at a missing parent, and the checks are back on after each
    /// import, the ones that fail included.
    #[test]
    fn imports_keep_every_reference_and_turn_the_checks_back_on() {
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        let mut imported = 0;
        let mut refused = 0;
        let mut folders: Vec<_> = std::fs::read_dir(fixtures())
            .expect("fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        for folder in folders {
            let mut files: Vec<_> = std::fs::read_dir(&folder)
                .expect("folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
                .collect();
            files.sort();
            for file in files {
                match import_file(&mut ledger, &file, &ImportOptions::default()) {
                    Ok(_) => imported += 1,
                    Err(_) => refused += 1,
                }
                assert!(
                    foreign_keys_on(&ledger),
                    "checks left off after {}",
                    file.display()
                );
            }
        }
        assert!(imported > 40, "only {imported} fixtures imported");
        assert!(
            refused > 10,
            "the hostile corpus should be refused ({refused})"
        );
        assert_eq!(violations(&ledger), Vec::<String>::new());
        // And a batch's undo, which relies on the checks' cascades, still works.
        let batches: Vec<i64> = crate::batches::history(&ledger)
            .expect("batches")
            .into_iter()
            .filter(|b| b.added > 0)
            .map(|b| b.batch_id)
            .collect();
        for id in batches {
            crate::batches::undo(&mut ledger, id).expect("undo");
        }
        assert_eq!(violations(&ledger), Vec::<String>::new());
        let left = ledger.transaction_count().expect("count");
        assert_eq!(left, 0);
    }
}

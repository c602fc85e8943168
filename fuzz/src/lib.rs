//! The fuzz targets' shared check: one import of the fuzzer's bytes, forced
//! to one format, against the rules `crates/core/tests/hostile.rs` keeps:
//!
//! * nothing panics (libfuzzer-sys aborts on a panic in any thread, the
//!   import's parser thread included);
//! * a refused file is `ImportError::BadInput` at a line >= 1, written
//!   `FILE:LINE: ...`, whose problem says what was "expected";
//! * a dry run, and a refused import, leave the ledger as it was (lines and
//!   batches counted);
//! * an input the dry run accepts is accepted by the real import too, with
//!   the same counts, as one new batch;
//! * undoing that batch takes every line it wrote out again.
//!
//! One in-memory ledger is opened per process and reused: an accepted input
//! is undone, so the ledger holds no lines when the next input starts (undo
//! costs a few deletes; opening a fresh ledger runs every migration). It is
//! replaced every [`FRESH_EVERY`] accepted inputs, so that the accounts,
//! undone batches and reference tables an import leaves behind stay few.

use std::sync::Mutex;

use aispend_core::import::{import_reader, ImportError, ImportOptions, ImportOutcome};
use aispend_core::Ledger;

/// The mapping the `mapped-csv` target imports with (the header of
/// `tests/fixtures/mapped/budget_export.tsv`).
pub const MAP: &str = "date=Date,amount=Amount,description=Description";

/// The file name every input is imported as.
const NAME: &str = "fuzz.input";

/// How many accepted inputs one ledger takes before it is replaced.
const FRESH_EVERY: u32 = 500;

static LEDGER: Mutex<Option<(Ledger, u32)>> = Mutex::new(None);

/// Runs one input forced to the format `format` (a format id, or
/// `mapped-csv` for the generic mapper with [`MAP`]); panics when a rule is
/// broken.
pub fn run(format: &str, data: &[u8]) {
    let opts = options(format);
    // A poisoned lock only means an earlier input panicked (and the fuzzer
    // stopped there); take the ledger anyway.
    let mut slot = LEDGER.lock().unwrap_or_else(|p| p.into_inner());
    let (ledger, accepted) = slot.get_or_insert_with(|| (new_ledger(), 0));
    let before = state(ledger);

    let dry = ImportOptions {
        dry_run: true,
        ..opts.clone()
    };
    let dry_result = import(ledger, data, &dry);
    assert_eq!(
        state(ledger),
        before,
        "{format}: a dry run changed the ledger"
    );
    let dry_out = match dry_result {
        Err(e) => return check_refusal(format, &e),
        Ok(out) => out,
    };

    // The dry run accepted it: the real import must too, with its counts.
    let real = import(ledger, data, &opts);
    match real {
        Err(e) => {
            check_refusal(format, &e);
            assert_eq!(
                state(ledger),
                before,
                "{format}: a refused import changed the ledger"
            );
            panic!("{format}: the dry run accepted ({dry_out:?}) but the import refused: {e}");
        }
        Ok(out) => {
            let after = state(ledger);
            assert_eq!(
                after.1,
                before.1 + 1,
                "{format}: an import wrote no batch, or several"
            );
            assert!(
                after.0 - before.0 <= out.added as u64,
                "{format}: {} lines written, {} reported added",
                after.0 - before.0,
                out.added
            );
            assert!(out.batch_id.is_some(), "{format}: no batch id: {out:?}");
            assert_eq!(
                (out.added, out.duplicates, &out.format),
                (dry_out.added, dry_out.duplicates, &dry_out.format),
                "{format}: the dry run and the import counted differently"
            );
            // Undo it, so the next input starts from a ledger without lines.
            let batch = out.batch_id.unwrap_or_default();
            if let Err(e) = aispend_core::batches::undo(ledger, batch) {
                panic!("{format}: undoing batch {batch} failed: {e}");
            }
            assert_eq!(
                state(ledger).0,
                before.0,
                "{format}: undoing batch {batch} left lines behind"
            );
            *accepted += 1;
            if *accepted >= FRESH_EVERY {
                *ledger = new_ledger();
                *accepted = 0;
            }
        }
    }
}

fn options(format: &str) -> ImportOptions {
    if format == "mapped-csv" {
        ImportOptions {
            map: Some(MAP.parse().expect("the fuzz mapping parses")),
            ..ImportOptions::default()
        }
    } else {
        ImportOptions {
            format: Some(format.to_owned()),
            ..ImportOptions::default()
        }
    }
}

fn new_ledger() -> Ledger {
    Ledger::open_in_memory().expect("an in-memory ledger opens")
}

/// (lines, batches): cheap, and any write an import makes adds a batch.
fn state(ledger: &Ledger) -> (u64, usize) {
    (
        ledger.transaction_count().expect("count lines"),
        aispend_core::batches::history(ledger)
            .expect("list batches")
            .len(),
    )
}

fn import(
    ledger: &mut Ledger,
    data: &[u8],
    opts: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    import_reader(
        ledger,
        NAME,
        NAME,
        data,
        data.len() as u64,
        opts,
        &mut |_| {},
    )
}

/// A refusal must be bad input at a real line that says what was expected.
fn check_refusal(format: &str, e: &ImportError) {
    let ImportError::BadInput(bad) = e else {
        panic!("{format}: not a bad-input error: {e:?}");
    };
    assert!(bad.line >= 1, "{format}: line {}: {bad}", bad.line);
    let problem = bad.problem.to_string();
    assert!(
        problem.contains("expected"),
        "{format}: no \"expected\" in: {bad}"
    );
    assert!(
        bad.to_string()
            .starts_with(&format!("{NAME}:{}: ", bad.line)),
        "{format}: not FILE:LINE: {bad}"
    );
}

/// The mail reader (issue #19): the bytes as one message and, when they
/// open with a `From ` line, as an mbox; every message is read and
/// recognised without a panic, and each is exactly one of a receipt, a
/// listed unrecognised message or a counted skip.
pub fn run_mail(data: &[u8]) {
    let catalog = aispend_core::classify::Catalog::builtin();
    let (messages, counts) = aispend_core::import::mail::scan_bytes(data, &catalog);
    assert_eq!(
        counts.recognised + counts.skipped_messages + counts.unrecognised.len() as u64,
        messages,
        "mail: a message was neither a receipt, unrecognised nor skipped"
    );
    let _ = aispend_core::import::mail::read::html_to_text(&String::from_utf8_lossy(data));
}

/// The PDF receipt reader (issue #19): the bytes as a PDF (a `%PDF-`
/// header put in front when they lack one, so the fuzzer reaches the
/// parser): its text or a reason, never a panic; as an import, the file is
/// exactly one of a receipt, a listed unrecognised file or a counted skip.
pub fn run_pdf(data: &[u8]) {
    use aispend_core::import::mail::pdf;
    let owned;
    let data = if pdf::is_pdf(data) {
        data
    } else {
        owned = [b"%PDF-1.7\n".as_slice(), data].concat();
        &owned
    };
    if let Ok(text) = pdf::text(data) {
        assert!(
            text.chars().filter(|c| c.is_alphanumeric()).count() >= pdf::MIN_TEXT_CHARS,
            "pdf: text shorter than a text layer"
        );
    }
    let catalog = aispend_core::classify::Catalog::builtin();
    let (messages, counts) = aispend_core::import::mail::scan_bytes(data, &catalog);
    assert_eq!(
        counts.recognised + counts.skipped_messages + counts.unrecognised.len() as u64,
        messages,
        "pdf: the file was neither a receipt, unrecognised nor skipped"
    );
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every format has its target, and every target is a format.
    #[test]
    fn one_target_per_format() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz_targets");
        let mut targets: Vec<String> = std::fs::read_dir(&dir)
            .expect("fuzz_targets")
            .map(|e| e.expect("entry").path())
            .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
            .collect();
        targets.sort();
        let mut ids: Vec<String> = aispend_core::import::format_ids()
            .into_iter()
            .map(str::to_owned)
            .chain(std::iter::once("mapped-csv".to_owned()))
            .chain(std::iter::once("mail".to_owned()))
            .chain(std::iter::once("pdf".to_owned()))
            .collect();
        ids.sort();
        assert_eq!(targets, ids);
        let manifest =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
                .expect("Cargo.toml");
        for id in &ids {
            assert!(
                manifest.contains(&format!("path = \"fuzz_targets/{id}.rs\"")),
                "no [[bin]] for {id} in fuzz/Cargo.toml"
            );
        }
    }

    /// The fixtures the seeds come from pass the check.
    #[test]
    fn a_good_statement_passes() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/chase/Chase1234_Activity20260101_20260131_20260203.CSV");
        let bytes = std::fs::read(path).expect("fixture");
        super::run("chase-card-csv", &bytes);
        super::run("ofx", &bytes);
        super::run("chase-card-csv", b"");
        let mbox = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mail/mixed.mbox"),
        )
        .expect("mbox");
        super::run_mail(&mbox);
        super::run_mail(b"");
        let pdf = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/mail/pdf/anthropic-max-receipt.pdf"),
        )
        .expect("pdf");
        super::run_pdf(&pdf);
        super::run_pdf(&pdf[..pdf.len() / 2]);
        super::run_pdf(b"");
    }
}

//! Reimbursement (SPEC §5): what a client owes for the AI spend tagged to
//! them, as a CSV or a PDF, with a ZIP of the receipts behind the lines.
//!
//! - Lines are chosen by the tag `client:NAME` ([`tags`]) and the period
//!   (inclusive local dates). Reverted (declined) lines are never billed.
//! - The report shows what is **owed**: spending (negative in the ledger) as
//!   a positive amount, a refund as a negative one.
//! - **Conversion to the report currency never invents a rate**: a line
//!   billed in the report currency is taken as is; a line whose original
//!   amount is in the report currency uses that original amount (the rate the
//!   bank actually applied); otherwise the user's `--rate CUR=RATE` (one CUR
//!   is RATE report-currency units), rounded half-even to cents; otherwise the
//!   converted amount is left blank and a note says which rate is missing.
//! - Reimbursed marks are keyed by line identity and survive undo and
//!   re-import; a report shows each line's mark and can leave marked lines out.
//! - Output is deterministic: the same ledger and request give the same bytes
//!   (the generation time is part of the request).

pub mod bundle;
pub mod csv;
pub mod parties;
pub mod pdf;
pub mod store;
pub mod tags;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::i18n::{Lang, Msg};
use crate::ledger::{TxnFilter, TxnStatus};
use crate::money::Currency;
use crate::msg;
use crate::{Ledger, LedgerError};

pub use parties::{check_party, save_parties, saved_parties, PartyField};
pub use store::{
    attach_receipt, change_tags, detach_receipt, receipts_dir, LineSelection, Mark, Receipt,
    TagChange,
};

#[derive(Debug, thiserror::Error)]
pub enum ReimburseError {
    #[error("tag {tag:?} cannot be used: {}", why.render(crate::i18n::Lang::En))]
    BadTag { tag: String, why: crate::i18n::Msg },
    #[error("cannot read the receipt {path}")]
    ReadReceipt {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not a file; attach a receipt file (PDF, image, ...)")]
    NotAFile(PathBuf),
    #[error("{path} is {size} bytes; receipts can be at most 64 MiB")]
    ReceiptTooLarge { path: PathBuf, size: u64 },
    #[error("could not store the receipt copy {path}")]
    StoreReceipt {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the stored receipt {path} is missing or changed (its SHA-256 is not {sha256}); attach the file again")]
    ReceiptDamaged { path: PathBuf, sha256: String },
    #[error("there is no receipt {0}; `aispend receipt list TXN_ID` lists a line's receipts")]
    NoSuchReceipt(i64),
    #[error("receipts need a ledger file; an in-memory ledger has no folder for them")]
    InMemory,
    #[error("the period is backwards: --from {from} is after --to {to}")]
    BackwardsPeriod { from: NaiveDate, to: NaiveDate },
    #[error("{0:?} is not a report file name; end it in .csv or .pdf")]
    OutputKind(PathBuf),
    #[error("rate {0:?} is not CUR=RATE with a positive rate, e.g. EUR=1.08")]
    BadRate(String),
    #[error("could not write {path}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write the receipts ZIP")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not lay out the PDF: {0}")]
    Pdf(String),
    #[error("could not write the report: {0}")]
    Encode(String),
    /// A name, address or payment note the report cannot carry, as a
    /// message of the catalogs naming the field.
    #[error("{}", .0.render(crate::i18n::Lang::En))]
    Party(crate::i18n::Msg),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl ReimburseError {
    /// True when the user asked for something wrong (CLI exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            ReimburseError::BadTag { .. }
            | ReimburseError::ReadReceipt { .. }
            | ReimburseError::NotAFile(_)
            | ReimburseError::ReceiptTooLarge { .. }
            | ReimburseError::NoSuchReceipt(_)
            | ReimburseError::BackwardsPeriod { .. }
            | ReimburseError::OutputKind(_)
            | ReimburseError::Party(_)
            | ReimburseError::BadRate(_) => true,
            ReimburseError::Ledger(e) => e.is_bad_input(),
            _ => false,
        }
    }
}

/// A user-given exchange rate: one `from` is `rate` report-currency units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub from: Currency,
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
}

impl std::str::FromStr for Rate {
    type Err = ReimburseError;
    /// `EUR=1.08`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ReimburseError::BadRate(s.to_owned());
        let (cur, rate) = s.split_once('=').ok_or_else(bad)?;
        let from = Currency::parse(cur.trim()).map_err(|_| bad())?;
        let rate = crate::money::parse_plain_decimal(rate).map_err(|_| bad())?;
        if rate <= Decimal::ZERO {
            return Err(bad());
        }
        Ok(Rate { from, rate })
    }
}

/// What to report.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub client: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The currency totals are converted to.
    pub currency: Currency,
    pub rates: Vec<Rate>,
    /// Lines already marked reimbursed are shown (with their date) unless
    /// this is false.
    pub include_reimbursed: bool,
    /// When the report was made (front ends pass the clock; tests a fixed time).
    pub generated_at: DateTime<Utc>,
    /// Who sends the report, the client's address and how to pay.
    pub parties: Parties,
    /// The language the PDF is written in (the CSV is data: its header
    /// and codes are the same in every language).
    pub lang: Lang,
}

/// The names and addresses a report a client can pay from carries, and
/// the payment note (set in Settings or by CLI flags). Empty: not printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parties {
    /// The sender's name and address, one line each.
    pub sender: String,
    /// The client's name and address as it goes on the report, one line
    /// each (the client tag's name when empty).
    pub client_address: String,
    /// How to pay: bank details, terms.
    pub payment_note: String,
}

/// How a line's converted amount was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Conversion {
    /// Billed in the report currency.
    Same,
    /// The line's own original amount is in the report currency.
    Original,
    /// The user's rate for the billed currency.
    Rate {
        #[serde(with = "rust_decimal::serde::str")]
        rate: Decimal,
    },
    /// No rate known: left blank.
    Missing,
}

impl Conversion {
    /// A short label for the report's table.
    pub fn label(&self, line_currency: Currency) -> String {
        match self {
            Conversion::Same => "same currency".into(),
            Conversion::Original => "original amount".into(),
            Conversion::Rate { rate } => format!("rate {line_currency}={rate}"),
            Conversion::Missing => format!("no {line_currency} rate"),
        }
    }
}

/// A receipt as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptRef {
    /// Its name inside the receipts ZIP: `<date>_<vendor>_<txn id>.<ext>`.
    pub name: String,
    /// The name the user attached it under.
    pub original_name: String,
    pub sha256: String,
    pub size: u64,
    /// Where the copy lives, relative to the ledger's receipts folder.
    #[serde(skip)]
    pub stored_name: String,
}

impl ReceiptRef {
    /// `2026-01-05_openai_12.pdf (sha256 1a2b3c4d)`.
    pub fn reference(&self) -> String {
        format!(
            "{} (sha256 {})",
            self.name,
            self.sha256.get(..8).unwrap_or(&self.sha256)
        )
    }
}

/// One billed line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportLine {
    /// 1-based position in the report.
    pub number: usize,
    pub txn_id: i64,
    pub date: NaiveDate,
    /// The vendor's name (`OpenAI`); empty for a line with no vendor.
    pub vendor: String,
    pub vendor_id: Option<String>,
    pub description: String,
    /// The ledger amount: spending negative.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// What the client owes for the line: `-amount`.
    #[serde(with = "rust_decimal::serde::str")]
    pub owed: Decimal,
    pub currency: Currency,
    /// `owed` in the report currency, when a rate is known.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub owed_converted: Option<Decimal>,
    pub conversion: Conversion,
    pub receipts: Vec<ReceiptRef>,
    /// The receipt number of the mail receipt matched to the line.
    pub receipt_no: Option<String>,
    /// Net and tax of `owed` (gross), where the line's receipt gives its
    /// tax in the line's currency for the line's whole amount.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub net: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub tax: Option<Decimal>,
    pub reimbursed_on: Option<NaiveDate>,
    pub status: TxnStatus,
    pub account: String,
    /// The names of the line's `project:NAME` tags, as written.
    pub projects: Vec<String>,
}

/// The owed total of the lines billed in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrencyTotal {
    pub currency: Currency,
    /// Gross: what is owed.
    #[serde(with = "rust_decimal::serde::str")]
    pub owed: Decimal,
    /// The tax the lines' receipts give; `owed - tax`, lines without a tax
    /// figure counted whole.
    #[serde(with = "rust_decimal::serde::str")]
    pub net: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub tax: Decimal,
    pub lines: u64,
}

/// What a [`Subtotal`] groups the lines by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SubtotalBy {
    Vendor,
    Project,
}

/// The owed total of one vendor's (or one project's) lines billed in one
/// currency. `name` is empty for the lines with no vendor (no project tag).
/// A line tagged with two projects counts in both project subtotals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subtotal {
    pub by: SubtotalBy,
    pub name: String,
    pub currency: Currency,
    /// Gross: what is owed.
    #[serde(with = "rust_decimal::serde::str")]
    pub owed: Decimal,
    /// `owed - tax`, lines without a tax figure counted whole.
    #[serde(with = "rust_decimal::serde::str")]
    pub net: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub tax: Decimal,
    pub lines: u64,
}

impl Subtotal {
    /// `Vendor OpenAI`, `Project Chatbot`, `No vendor`, `No project`.
    pub fn label(&self) -> String {
        match (self.by, self.name.is_empty()) {
            (SubtotalBy::Vendor, false) => format!("Vendor {}", self.name),
            (SubtotalBy::Vendor, true) => "No vendor".into(),
            (SubtotalBy::Project, false) => format!("Project {}", self.name),
            (SubtotalBy::Project, true) => "No project".into(),
        }
    }
}

/// What a group of lines owes: gross, tax and count, summed exactly and
/// rounded to cents once, at the end. One sum for the subtotals and the
/// per-currency totals, so the two always agree.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    owed: Decimal,
    tax: Decimal,
    lines: u64,
}

impl Sum {
    fn add(&mut self, l: &ReportLine) {
        self.owed += l.owed;
        self.tax += l.tax.unwrap_or_default();
        self.lines += 1;
    }

    /// `(gross, net, tax)` in cents; net is `gross - tax`, a line without a
    /// tax figure counted whole.
    fn rounded(&self) -> (Decimal, Decimal, Decimal) {
        let owed = round_cents(self.owed);
        let tax = round_cents(self.tax);
        (owed, round_cents(owed - tax), tax)
    }
}

/// The sums of `entries` per key, keys in first-seen order (the first
/// spelling of a key kept); `same` says when two keys are one group.
fn sums<'a, K>(
    entries: impl IntoIterator<Item = (K, &'a ReportLine)>,
    same: impl Fn(&K, &K) -> bool,
) -> Vec<(K, Sum)> {
    let mut out: Vec<(K, Sum)> = Vec::new();
    for (k, l) in entries {
        match out.iter_mut().find(|(have, _)| same(have, &k)) {
            Some((_, s)) => s.add(l),
            None => {
                let mut s = Sum::default();
                s.add(l);
                out.push((k, s));
            }
        }
    }
    out
}

/// Totals per billed currency, by currency.
pub fn currency_totals(lines: &[ReportLine]) -> Vec<CurrencyTotal> {
    let mut out: Vec<CurrencyTotal> = sums(lines.iter().map(|l| (l.currency, l)), |a, b| a == b)
        .into_iter()
        .map(|(currency, s)| {
            let (owed, net, tax) = s.rounded();
            CurrencyTotal {
                currency,
                owed,
                net,
                tax,
                lines: s.lines,
            }
        })
        .collect();
    out.sort_by_key(|t| t.currency);
    out
}

/// Subtotals per vendor, then per project tag (only when some line has
/// one), each per billed currency; sorted by name (case folded, the
/// unnamed group last), then currency.
pub fn subtotals(lines: &[ReportLine]) -> Vec<Subtotal> {
    let mut entries: Vec<((SubtotalBy, &str, Currency), &ReportLine)> = lines
        .iter()
        .map(|l| ((SubtotalBy::Vendor, l.vendor.as_str(), l.currency), l))
        .collect();
    if lines.iter().any(|l| !l.projects.is_empty()) {
        for l in lines {
            if l.projects.is_empty() {
                entries.push(((SubtotalBy::Project, "", l.currency), l));
            }
            for p in &l.projects {
                entries.push(((SubtotalBy::Project, p.as_str(), l.currency), l));
            }
        }
    }
    let same = |a: &(SubtotalBy, &str, Currency), b: &(SubtotalBy, &str, Currency)| {
        a.0 == b.0 && a.2 == b.2 && a.1.to_lowercase() == b.1.to_lowercase()
    };
    let mut out: Vec<Subtotal> = sums(entries, same)
        .into_iter()
        .map(|((by, name, currency), s)| {
            let (owed, net, tax) = s.rounded();
            Subtotal {
                by,
                name: name.to_owned(),
                currency,
                owed,
                net,
                tax,
                lines: s.lines,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.by, a.name.is_empty(), a.name.to_lowercase(), a.currency).cmp(&(
            b.by,
            b.name.is_empty(),
            b.name.to_lowercase(),
            b.currency,
        ))
    });
    out
}

/// A reimbursement report, ready to be written as CSV or PDF.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The report's number: given when the report is first written (and
    /// kept for the same client, period and currency); `None` in a preview
    /// of a report never written.
    pub number: Option<i64>,
    pub parties: Parties,
    pub client: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: Currency,
    /// RFC 3339 UTC.
    pub generated_at: String,
    pub include_reimbursed: bool,
    pub lines: Vec<ReportLine>,
    /// Per billed currency.
    pub totals: Vec<CurrencyTotal>,
    /// Per vendor and per project tag, per billed currency ([`subtotals`]).
    pub subtotals: Vec<Subtotal>,
    /// The converted total of the lines with a known conversion.
    #[serde(with = "rust_decimal::serde::str")]
    pub total_converted: Decimal,
    /// Of that, the lines not yet marked reimbursed.
    #[serde(with = "rust_decimal::serde::str")]
    pub outstanding_converted: Decimal,
    /// Lines left out of the converted totals for want of a rate.
    pub unconverted_lines: u64,
    /// Sentences about the report (missing rates, pending lines), as
    /// messages of the catalogs; serialised in English (the CLI's JSON).
    #[serde(serialize_with = "english")]
    pub notes: Vec<Msg>,
    /// The numbers of the lines with no receipt attached.
    pub without_receipt: Vec<usize>,
}

impl Report {
    /// The report number as printed (`R-0007`), or `None` before it has one.
    pub fn number_text(&self) -> Option<String> {
        self.number.map(|n| format!("R-{n:04}"))
    }

    /// The key its number is stored under.
    pub fn number_key(&self) -> (String, NaiveDate, NaiveDate, Currency) {
        (
            self.client.to_lowercase(),
            self.from,
            self.to,
            self.currency,
        )
    }
}

/// Messages as their English text, for the CLI's JSON.
fn english<S: serde::Serializer>(msgs: &[Msg], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(msgs.iter().map(|m| m.render(Lang::En)))
}

fn round_cents(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    if r.scale() < 2 {
        r.rescale(2);
    }
    r
}

/// A lowercase `[a-z0-9-]` slug for file names.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "line".into()
    } else {
        out.chars().take(32).collect()
    }
}

/// Builds the report from the ledger.
pub fn build_report(ledger: &Ledger, req: &ReportRequest) -> Result<Report, ReimburseError> {
    if req.from > req.to {
        return Err(ReimburseError::BackwardsPeriod {
            from: req.from,
            to: req.to,
        });
    }
    let client = tags::client_tag(&req.client)?;
    let mut client = client[tags::CLIENT.len()..].to_owned();
    let all = ledger.transactions(&TxnFilter {
        from: Some(req.from),
        to: Some(req.to),
        ..TxnFilter::default()
    })?;
    let mut rows = client_rows(ledger, all, &client)?;
    rows.sort_by_key(|t| (t.date, t.id));
    // The client's name as the first line's tag writes it.
    if let Some(tagged) = rows.first().and_then(|t| {
        t.tags
            .iter()
            .find(|g| tags::same(g, &format!("{}{client}", tags::CLIENT)))
    }) {
        client = tagged[tags::CLIENT.len()..].to_owned();
    }

    let mut lines = Vec::new();
    for t in rows {
        let mark = ledger.reimbursed_mark(t.id)?;
        if mark.is_some() && !req.include_reimbursed {
            continue;
        }
        let owed = -t.amount;
        let (owed_converted, conversion) = if t.currency == req.currency {
            (Some(owed), Conversion::Same)
        } else if let (Some(orig), Some(oc)) = (t.original_amount, t.original_currency) {
            if oc == req.currency {
                let size = orig.abs();
                (
                    Some(if owed < Decimal::ZERO { -size } else { size }),
                    Conversion::Original,
                )
            } else {
                user_rate(req, t.currency, owed)
            }
        } else {
            user_rate(req, t.currency, owed)
        };
        let vendor_name = t
            .vendor
            .as_deref()
            .map(|v| {
                ledger
                    .catalog
                    .vendor(v)
                    .map_or_else(|| v.to_owned(), |x| x.name.clone())
            })
            .unwrap_or_default();
        let vendor_slug = slug(t.vendor.as_deref().unwrap_or("line"));
        let receipts = ledger
            .receipts(t.id)?
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let ext = store::extension(&r.stored_name).unwrap_or_else(|| "bin".into());
                let suffix = if i == 0 {
                    String::new()
                } else {
                    format!("-{}", i + 1)
                };
                ReceiptRef {
                    name: format!("{}_{}_{}{suffix}.{ext}", t.date, vendor_slug, t.id),
                    original_name: r.file_name,
                    sha256: r.sha256,
                    size: r.size,
                    stored_name: r.stored_name,
                }
            })
            .collect();
        let matched = ledger.matched_receipt(t.id)?;
        let receipt_no = matched
            .as_ref()
            .and_then(|r| r.receipt_no.clone().or_else(|| r.invoice_no.clone()));
        // Tax from the receipt when it backs the whole line in its currency.
        let tax = matched.as_ref().and_then(|r| {
            let whole = r.currency == t.currency && r.amount == owed.abs();
            let tax = r.tax.filter(|_| whole)?;
            Some(if owed.is_sign_negative() { -tax } else { tax })
        });
        let net = tax.map(|x| owed - x);
        let mut projects: Vec<String> = Vec::new();
        for g in &t.tags {
            let name = g
                .get(..tags::PROJECT.len())
                .filter(|p| p.eq_ignore_ascii_case(tags::PROJECT))
                .and_then(|_| g.get(tags::PROJECT.len()..))
                .map(str::trim)
                .unwrap_or_default();
            if !name.is_empty() && !projects.iter().any(|p| tags::same(p, name)) {
                projects.push(name.to_owned());
            }
        }
        let description = match &t.note {
            Some(n) if !n.trim().is_empty() => format!("{} ({})", t.description, n.trim()),
            _ => t.description.clone(),
        };
        lines.push(ReportLine {
            number: lines.len() + 1,
            txn_id: t.id,
            date: t.date,
            vendor: vendor_name,
            vendor_id: t.vendor.clone(),
            description,
            amount: t.amount,
            owed,
            currency: t.currency,
            owed_converted,
            conversion,
            receipts,
            receipt_no,
            net,
            tax,
            reimbursed_on: mark.map(|m| m.reimbursed_on),
            status: t.status,
            account: t.account,
            projects,
        });
    }

    let totals = currency_totals(&lines);
    let (mut total_converted, mut outstanding) = (Decimal::ZERO, Decimal::ZERO);
    let mut unconverted = 0u64;
    let mut missing: Vec<Currency> = Vec::new();
    for l in &lines {
        match l.owed_converted {
            Some(c) => {
                total_converted += c;
                if l.reimbursed_on.is_none() {
                    outstanding += c;
                }
            }
            None => {
                unconverted += 1;
                if !missing.contains(&l.currency) {
                    missing.push(l.currency);
                }
            }
        }
    }
    missing.sort();

    let mut notes = Vec::new();
    if lines.is_empty() {
        notes.push(msg!(
            "reimb-note-no-lines",
            client = client.as_str(),
            from = req.from.to_string(),
            to = req.to.to_string()
        ));
    }
    for c in &missing {
        notes.push(msg!(
            "reimb-note-missing-rate",
            currency = c.as_str(),
            report = req.currency.as_str()
        ));
    }
    for r in &req.rates {
        if lines
            .iter()
            .any(|l| matches!(l.conversion, Conversion::Rate { .. }) && l.currency == r.from)
        {
            notes.push(msg!(
                "reimb-note-rate",
                from = r.from.as_str(),
                rate = r.rate.to_string(),
                report = req.currency.as_str()
            ));
        }
    }
    let pending = lines
        .iter()
        .filter(|l| l.status == TxnStatus::Pending)
        .count();
    if pending > 0 {
        notes.push(msg!("reimb-note-pending", count = pending));
    }

    let without_receipt = lines
        .iter()
        .filter(|l| l.receipts.is_empty())
        .map(|l| l.number)
        .collect();
    let number = ledger.report_number(&crate::ledger::reimburse::ReportKey {
        client: &client.to_lowercase(),
        from: req.from,
        to: req.to,
        currency: req.currency.as_str(),
    })?;
    // What the request leaves empty comes from the settings.
    let saved = saved_parties(ledger, &client)?;
    let pick = |given: &str, saved: String| {
        if given.trim().is_empty() {
            saved
        } else {
            given.to_owned()
        }
    };
    let parties = Parties {
        sender: pick(&req.parties.sender, saved.sender),
        client_address: pick(&req.parties.client_address, saved.client_address),
        payment_note: pick(&req.parties.payment_note, saved.payment_note),
    };
    Ok(Report {
        number,
        parties,
        client,
        from: req.from,
        to: req.to,
        currency: req.currency,
        generated_at: req
            .generated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        include_reimbursed: req.include_reimbursed,
        subtotals: subtotals(&lines),
        lines,
        totals,
        total_converted: round_cents(total_converted),
        outstanding_converted: round_cents(outstanding),
        unconverted_lines: unconverted,
        notes,
        without_receipt,
    })
}

fn user_rate(
    req: &ReportRequest,
    currency: Currency,
    owed: Decimal,
) -> (Option<Decimal>, Conversion) {
    match req.rates.iter().find(|r| r.from == currency) {
        Some(r) => (
            owed.checked_mul(r.rate).map(round_cents),
            Conversion::Rate { rate: r.rate },
        ),
        None => (None, Conversion::Missing),
    }
}

/// The file kinds a report is written as, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputKind {
    Csv,
    Pdf,
}

impl OutputKind {
    pub fn for_path(path: &Path) -> Result<OutputKind, ReimburseError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(OutputKind::Csv),
            Some("pdf") => Ok(OutputKind::Pdf),
            _ => Err(ReimburseError::OutputKind(path.to_path_buf())),
        }
    }
}

/// What [`write_report`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub file: PathBuf,
    pub kind: OutputKind,
    pub receipts_zip: PathBuf,
    pub receipts: u64,
    pub report: Report,
}

/// `report.pdf` → `report.receipts.zip`, beside it.
pub fn receipts_zip_path(out: &Path) -> PathBuf {
    out.with_extension("receipts.zip")
}

/// Builds the report and writes it to `out` (CSV or PDF by extension), with
/// the receipts ZIP beside it. Each file is written whole or not at all
/// (a temporary file renamed into place).
pub fn write_report(
    ledger: &Ledger,
    req: &ReportRequest,
    out: &Path,
) -> Result<Written, ReimburseError> {
    let kind = OutputKind::for_path(out)?;
    let mut report = build_report(ledger, req)?;
    // Written, the report has its number (the one it had, or the next).
    let (client, from, to, currency) = report.number_key();
    report.number = Some(
        ledger.assign_report_number(&crate::ledger::reimburse::ReportKey {
            client: &client,
            from,
            to,
            currency: currency.as_str(),
        })?,
    );
    let bytes = match kind {
        OutputKind::Csv => csv::to_bytes(&report)?,
        OutputKind::Pdf => {
            pdf::render_with(&report, &appendix(ledger, &report, req.lang)?, req.lang)?
        }
    };
    let zip_path = receipts_zip_path(out);
    let mut zip_bytes = Vec::new();
    let receipts = if report.lines.iter().any(|l| !l.receipts.is_empty()) {
        let dir = crate::reimburse::receipts_dir(ledger)?;
        bundle::write_zip(&report, &dir, std::io::Cursor::new(&mut zip_bytes))?
    } else {
        bundle::write_zip(&report, Path::new(""), std::io::Cursor::new(&mut zip_bytes))?
    };
    write_atomically(out, &bytes)?;
    write_atomically(&zip_path, &zip_bytes)?;
    Ok(Written {
        file: out.to_path_buf(),
        kind,
        receipts_zip: zip_path,
        receipts,
        report,
    })
}

/// The receipt files a PDF report appends, each with the line it backs, in
/// the report's order. A stored copy that is missing is left out (the
/// report's receipt list still names it).
fn appendix(
    ledger: &Ledger,
    report: &Report,
    lang: Lang,
) -> Result<Vec<pdf::Appended>, ReimburseError> {
    if report.lines.iter().all(|l| l.receipts.is_empty()) {
        return Ok(Vec::new());
    }
    let dir = receipts_dir(ledger)?;
    let mut out = Vec::new();
    for l in &report.lines {
        for r in &l.receipts {
            let Ok(bytes) = std::fs::read(dir.join(&r.stored_name)) else {
                continue;
            };
            let heading = msg!(
                "reimb-pdf-receipt-heading",
                line = l.number,
                date = l.date.to_string(),
                what = if l.vendor.is_empty() {
                    l.description.as_str()
                } else {
                    l.vendor.as_str()
                },
                amount = l.owed.to_string(),
                currency = l.currency.as_str(),
                name = r.name.as_str()
            )
            .render(lang);
            let ext = store::extension(&r.stored_name).unwrap_or_default();
            let body = match ext.as_str() {
                "pdf" => pdf::Body::Pdf(bytes),
                "eml" => match crate::import::mail::read::read(&bytes) {
                    Ok(mail) => pdf::Body::Text(mail_text(&mail, lang)),
                    Err(_) => pdf::Body::Text(String::from_utf8_lossy(&bytes).into_owned()),
                },
                "txt" | "csv" => pdf::Body::Text(String::from_utf8_lossy(&bytes).into_owned()),
                other => match pdf::ImageKind::for_extension(other) {
                    Some(kind) => pdf::Body::Image(bytes, kind),
                    None => pdf::Body::Other,
                },
            };
            out.push(pdf::Appended { heading, body });
        }
    }
    Ok(out)
}

/// An e-mail receipt as text pages: its headers, labelled in the report's
/// language (the date as the sender's clock showed it, in ISO order), then
/// its body as written.
fn mail_text(mail: &crate::import::mail::read::Mail, lang: Lang) -> String {
    let sender = if mail.from_name.is_empty() {
        mail.from.clone()
    } else {
        format!("{} <{}>", mail.from_name, mail.from)
    };
    let mut t = msg!("reimb-pdf-mail-from", sender = sender).render(lang);
    t.push('\n');
    t.push_str(&msg!("reimb-pdf-mail-subject", subject = mail.subject.as_str()).render(lang));
    t.push('\n');
    if let Some(d) = mail.date {
        let date = d.format("%Y-%m-%d %H:%M %:z").to_string();
        t.push_str(&msg!("reimb-pdf-mail-date", date = date).render(lang));
        t.push('\n');
    }
    t.push('\n');
    t.push_str(&mail.text);
    t
}

/// Writes `bytes` to `path` through a temporary file beside it.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReimburseError> {
    use std::io::Write;
    let err = |source| ReimburseError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    let mut f = std::fs::File::create(&tmp).map_err(err)?;
    f.write_all(bytes).map_err(err)?;
    f.sync_all().map_err(err)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(err)
}

/// The lines of `client` in the period that are not yet marked, for
/// `reimbursed mark`; all the client's lines there for `reimbursed unmark`.
pub fn client_lines(
    ledger: &Ledger,
    client: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<i64>, ReimburseError> {
    if from > to {
        return Err(ReimburseError::BackwardsPeriod { from, to });
    }
    tags::client_tag(client)?;
    let all = ledger.transactions(&TxnFilter {
        from: Some(from),
        to: Some(to),
        ..TxnFilter::default()
    })?;
    let mut ids: Vec<i64> = client_rows(ledger, all, client)?
        .into_iter()
        .map(|t| t.id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// The client's lines among `all`: those tagged for the client, and the
/// refunds paired with them (`ledger/refunds.rs`: a partly refunded
/// purchase nets in the report even if only the purchase was tagged);
/// reverted lines (a purchase refunded in full included) never.
fn client_rows(
    ledger: &Ledger,
    all: Vec<crate::ledger::TxnRow>,
    client: &str,
) -> Result<Vec<crate::ledger::TxnRow>, ReimburseError> {
    let tagged: std::collections::HashSet<i64> = all
        .iter()
        .filter(|t| tags::has_client(&t.tags, client) && t.status != TxnStatus::Reverted)
        .map(|t| t.id)
        .collect();
    let refunds: std::collections::HashSet<i64> = ledger
        .refund_links()?
        .into_iter()
        .filter(|l| tagged.contains(&l.purchase_id))
        .map(|l| l.refund_id)
        .collect();
    Ok(all
        .into_iter()
        .filter(|t| {
            t.status != TxnStatus::Reverted && (tagged.contains(&t.id) || refunds.contains(&t.id))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn line(
        vendor: &str,
        owed: Decimal,
        tax: Option<Decimal>,
        cur: &str,
        p: &[&str],
    ) -> ReportLine {
        ReportLine {
            number: 1,
            txn_id: 1,
            date: NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
            vendor: vendor.into(),
            vendor_id: None,
            description: "x".into(),
            amount: -owed,
            owed,
            currency: Currency::parse(cur).expect("currency"),
            owed_converted: None,
            conversion: Conversion::Missing,
            receipts: Vec::new(),
            receipt_no: None,
            net: tax.map(|t| owed - t),
            tax,
            reimbursed_on: None,
            status: TxnStatus::Posted,
            account: "card".into(),
            projects: p.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn row(s: &Subtotal) -> String {
        format!(
            "{} {} net {} tax {} gross {} ({})",
            s.label(),
            s.currency,
            s.net,
            s.tax,
            s.owed,
            s.lines
        )
    }

    #[test]
    fn subtotals_per_vendor_and_project_per_currency() {
        let lines = [
            line("OpenAI", dec("20"), Some(dec("3.33")), "USD", &["Chatbot"]),
            line("OpenAI", dec("5"), None, "USD", &[]),
            line("OpenAI", dec("-5"), None, "USD", &["chatbot"]),
            line("Anthropic", dec("14.38"), None, "GBP", &["Chatbot", "Site"]),
            line("", dec("1"), None, "USD", &[]),
        ];
        let rows: Vec<String> = subtotals(&lines).iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "Vendor Anthropic GBP net 14.38 tax 0.00 gross 14.38 (1)",
                "Vendor OpenAI USD net 16.67 tax 3.33 gross 20.00 (3)",
                "No vendor USD net 1.00 tax 0.00 gross 1.00 (1)",
                "Project Chatbot GBP net 14.38 tax 0.00 gross 14.38 (1)",
                "Project Chatbot USD net 11.67 tax 3.33 gross 15.00 (2)",
                "Project Site GBP net 14.38 tax 0.00 gross 14.38 (1)",
                "No project USD net 6.00 tax 0.00 gross 6.00 (2)",
            ]
        );
    }

    #[test]
    fn currency_totals_are_the_vendor_subtotals_added_up() {
        let lines = [
            line(
                "OpenAI",
                dec("20.005"),
                Some(dec("3.335")),
                "USD",
                &["Chatbot"],
            ),
            line("Anthropic", dec("5"), None, "USD", &[]),
            line("OpenAI", dec("-5"), None, "USD", &[]),
            line("Anthropic", dec("14.38"), Some(dec("2.40")), "GBP", &[]),
        ];
        let totals: Vec<String> = currency_totals(&lines)
            .iter()
            .map(|t| {
                format!(
                    "{} net {} tax {} gross {} ({})",
                    t.currency, t.net, t.tax, t.owed, t.lines
                )
            })
            .collect();
        // One sum, rounded once (half-even): 20.005 + 5 - 5 = 20.00.
        assert_eq!(
            totals,
            [
                "GBP net 11.98 tax 2.40 gross 14.38 (1)",
                "USD net 16.66 tax 3.34 gross 20.00 (3)",
            ]
        );
        // Every line counts in one vendor subtotal of its currency.
        let subs = subtotals(&lines);
        for t in currency_totals(&lines) {
            let n: u64 = subs
                .iter()
                .filter(|s| s.by == SubtotalBy::Vendor && s.currency == t.currency)
                .map(|s| s.lines)
                .sum();
            assert_eq!(n, t.lines, "{}", t.currency);
        }
    }

    #[test]
    fn no_project_subtotals_when_no_line_has_a_project() {
        let lines = [line("OpenAI", dec("20"), None, "USD", &[])];
        let s = subtotals(&lines);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].by, SubtotalBy::Vendor);
        assert!(subtotals(&[]).is_empty());
    }
}

//! The Reimbursement view (SPEC §5, issue #7): tag lines per client or
//! project (chosen lines, or every line a transactions query matches), the
//! clients and projects the ledger's tags name, a preview of a client's
//! report for a period, its exports (CSV, PDF, the receipts ZIP) and the
//! reimbursed marks, with an undo of the last mark.
//!
//! Everything here reads [`crate::reimburse`]: the report is the one the
//! CLI writes (`aispend report reimbursement`), so the preview, the files and
//! the CLI agree to the cent.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::txns::TxnQuery;
use super::AppError;
use crate::i18n::{Lang, Msg};
use crate::ledger::{Ledger, TxnStatus};
use crate::money::Currency;
use crate::reimburse::{
    self, bundle, tags, Conversion, LineSelection, Rate, ReimburseError, Report, ReportRequest,
    SubtotalBy,
};

/// Which lines a tag change applies to: these ids, or every line `query`
/// matches (the transactions view's filters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TagTarget {
    pub ids: Option<Vec<i64>>,
    pub query: Option<TxnQuery>,
}

/// What a tag change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagResult {
    /// The tag as stored (`client:Acme`).
    pub tag: String,
    pub selected: u64,
    pub changed: u64,
    /// The client the tag names (`Acme` for `client:Acme`), if it names one.
    pub client: Option<String>,
}

/// The client a tag names: the text after its `client:` prefix (any case),
/// trimmed; `None` for a tag without the prefix or with no name after it.
pub fn client_of(tag: &str) -> Option<String> {
    let t = tag.trim();
    let prefix = tags::CLIENT;
    if t.len() < prefix.len()
        || !t.is_char_boundary(prefix.len())
        || !t[..prefix.len()].eq_ignore_ascii_case(prefix)
    {
        return None;
    }
    let name = t[prefix.len()..].trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A client or project named by the ledger's tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagName {
    /// The name after the prefix, as the first tag writes it.
    pub name: String,
    /// Lines carrying the tag.
    pub lines: u64,
}

/// The clients and projects the ledger's tags name, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReimburseTags {
    pub clients: Vec<TagName>,
    pub projects: Vec<TagName>,
}

/// A report request as the view sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReimburseRequest {
    pub client: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The report currency; `None` is USD, as in the CLI.
    pub currency: Option<String>,
    /// `CUR=RATE` (one CUR is RATE report units), as `--rate` takes them.
    pub rates: Vec<String>,
    /// Show the lines already marked reimbursed (with their date).
    pub include_reimbursed: bool,
}

/// One line of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReimburseLine {
    pub number: u64,
    pub txn_id: i64,
    pub date: NaiveDate,
    pub vendor: String,
    pub description: String,
    /// What the client owes for it (spending positive, a refund negative).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub owed: Decimal,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub owed_converted: Option<Decimal>,
    pub conversion: ConversionKind,
    /// The rate used, for `rate`.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub rate: Option<Decimal>,
    /// The receipts' names in the ZIP.
    pub receipts: Vec<String>,
    /// The matched mail receipt's number.
    pub receipt_no: Option<String>,
    /// Net and tax of `owed` (gross), where the receipt gives its tax.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub net: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub tax: Option<Decimal>,
    pub reimbursed_on: Option<NaiveDate>,
    /// `posted` or `pending` (reverted lines are never billed).
    pub status: TxnStatus,
    pub account: String,
}

/// How a line's owed amount reached the report currency
/// ([`Conversion`] without its rate, which [`ReimburseLine::rate`] carries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ConversionKind {
    /// Billed in the report currency.
    Same,
    /// The line's own original amount is in the report currency.
    Original,
    /// The user's rate for the billed currency.
    Rate,
    /// No rate known: left blank.
    Missing,
}

/// The owed total of the lines billed in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReimburseTotal {
    pub currency: String,
    /// Gross.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub owed: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub net: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub tax: Decimal,
    pub lines: u64,
}

/// The owed total of one vendor's (or project tag's) lines billed in one
/// currency: the subtotals the CSV and PDF print ([`reimburse::subtotals`]).
/// Its total's fields sit beside `by` and `name` in the JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReimburseSubtotal {
    pub by: SubtotalBy,
    /// The vendor's (project's) name; empty for the lines with none.
    pub name: String,
    #[serde(flatten)]
    pub total: ReimburseTotal,
}

/// The report as the view previews it: what the CSV and PDF will hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReimbursePreview {
    /// The report's number (`R-0007`) once it was written; `None` before.
    pub number: Option<String>,
    /// The client's name as its first line's tag writes it.
    pub client: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: String,
    pub lines: Vec<ReimburseLine>,
    pub totals: Vec<ReimburseTotal>,
    /// Per vendor, then per project tag (only when a line has one), each
    /// per billed currency, in the report's order.
    pub subtotals: Vec<ReimburseSubtotal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub total_converted: Decimal,
    /// Of that, the lines not yet marked reimbursed.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub outstanding_converted: Decimal,
    pub unconverted_lines: u64,
    /// Lines with no receipt attached.
    pub missing_receipts: u64,
    /// Lines already marked reimbursed.
    pub reimbursed_lines: u64,
    /// Sentences about the report (missing rates, pending lines).
    pub notes: Vec<Msg>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReimburseExport {
    pub kind: ExportKind,
    /// The file written (where the user chose).
    pub file: String,
    /// The receipts ZIP written beside a CSV or PDF report.
    pub receipts_zip: Option<String>,
    pub lines: u64,
    pub receipts: u64,
}

/// What marking a report's lines reimbursed did: `ids` are the lines marked
/// now (not those marked before), which `unmark_reimbursed` takes to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MarkResult {
    pub client: String,
    pub on: NaiveDate,
    pub ids: Vec<i64>,
}

/// The export kinds, by the file the user saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    Csv,
    Pdf,
    Zip,
}

impl ExportKind {
    pub fn parse(s: &str) -> Result<Self, AppError> {
        match s {
            "csv" => Ok(ExportKind::Csv),
            "pdf" => Ok(ExportKind::Pdf),
            "zip" => Ok(ExportKind::Zip),
            other => Err(AppError::BadExportKind(other.to_owned())),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Csv => "csv",
            ExportKind::Pdf => "pdf",
            ExportKind::Zip => "zip",
        }
    }
}

impl ReimburseRequest {
    fn to_core(&self, generated_at: DateTime<Utc>, lang: Lang) -> Result<ReportRequest, AppError> {
        let currency = match self.currency.as_deref().map(str::trim) {
            None | Some("") => Currency::parse("USD"),
            Some(c) => Currency::parse(c),
        }
        .map_err(|_| AppError::BadCurrency(self.currency.clone().unwrap_or_default()))?;
        let rates = self
            .rates
            .iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| r.trim().parse::<Rate>())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ReportRequest {
            client: self.client.clone(),
            from: self.from,
            to: self.to,
            currency,
            rates,
            include_reimbursed: self.include_reimbursed,
            generated_at,
            parties: reimburse::Parties::default(),
            lang,
        })
    }

    /// A file name to offer in the save dialog: `reimbursement-acme-2026-01-01-2026-01-31.csv`.
    pub fn suggested_name(&self, kind: ExportKind) -> String {
        let base = format!(
            "reimbursement-{}-{}-{}",
            reimburse::slug(&self.client),
            self.from,
            self.to
        );
        match kind {
            ExportKind::Zip => format!("{base}.receipts.zip"),
            k => format!("{base}.{}", k.extension()),
        }
    }
}

fn preview_of(r: Report) -> ReimbursePreview {
    let missing_receipts = r.lines.iter().filter(|l| l.receipts.is_empty()).count() as u64;
    let reimbursed_lines = r.lines.iter().filter(|l| l.reimbursed_on.is_some()).count() as u64;
    ReimbursePreview {
        number: r.number_text(),
        client: r.client,
        from: r.from,
        to: r.to,
        currency: r.currency.as_str().to_owned(),
        lines: r
            .lines
            .into_iter()
            .map(|l| {
                let (conversion, rate) = match l.conversion {
                    Conversion::Same => (ConversionKind::Same, None),
                    Conversion::Original => (ConversionKind::Original, None),
                    Conversion::Rate { rate } => (ConversionKind::Rate, Some(rate)),
                    Conversion::Missing => (ConversionKind::Missing, None),
                };
                ReimburseLine {
                    number: l.number as u64,
                    txn_id: l.txn_id,
                    date: l.date,
                    vendor: l.vendor,
                    description: l.description,
                    owed: l.owed,
                    currency: l.currency.as_str().to_owned(),
                    owed_converted: l.owed_converted,
                    conversion,
                    rate,
                    receipts: l.receipts.into_iter().map(|x| x.name).collect(),
                    receipt_no: l.receipt_no,
                    net: l.net,
                    tax: l.tax,
                    reimbursed_on: l.reimbursed_on,
                    status: l.status,
                    account: l.account,
                }
            })
            .collect(),
        totals: r
            .totals
            .into_iter()
            .map(|t| ReimburseTotal {
                currency: t.currency.as_str().to_owned(),
                owed: t.owed,
                net: t.net,
                tax: t.tax,
                lines: t.lines,
            })
            .collect(),
        subtotals: r
            .subtotals
            .into_iter()
            .map(|s| ReimburseSubtotal {
                by: s.by,
                name: s.name,
                total: ReimburseTotal {
                    currency: s.currency.as_str().to_owned(),
                    owed: s.owed,
                    net: s.net,
                    tax: s.tax,
                    lines: s.lines,
                },
            })
            .collect(),
        total_converted: r.total_converted,
        outstanding_converted: r.outstanding_converted,
        unconverted_lines: r.unconverted_lines,
        missing_receipts,
        reimbursed_lines,
        notes: r.notes,
    }
}

/// `(lowercase key, first spelling, lines)` per tag name of one prefix.
fn count_names(found: &[(String, u64)], prefix: &str) -> Vec<TagName> {
    let mut out: Vec<(String, TagName)> = Vec::new();
    for (tag, n) in found {
        let Some(head) = tag.get(..prefix.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        let name = tag[prefix.len()..].trim();
        if name.is_empty() {
            continue;
        }
        let key = name.to_lowercase();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, t)) => t.lines += n,
            None => out.push((
                key,
                TagName {
                    name: name.to_owned(),
                    lines: *n,
                },
            )),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, t)| t).collect()
}

/// Adds `tag` to (or, with `remove`, takes it off) the target lines, in
/// one transaction; the tag is checked first (`client:`/`project:` need
/// a name, no commas, ...).
pub fn tag_lines(
    ledger: &mut Ledger,
    target: &TagTarget,
    tag: &str,
    remove: bool,
) -> Result<TagResult, AppError> {
    let stored = tags::normalise(tag)?;
    let ids = match (&target.ids, &target.query) {
        (Some(ids), _) => ids.clone(),
        (None, Some(q)) => ledger.txn_ids(q)?,
        (None, None) => return Err(AppError::NoLines),
    };
    if ids.is_empty() {
        return Err(AppError::NoLines);
    }
    let sel = LineSelection::Ids(ids);
    let one = std::slice::from_ref(&stored);
    let change = if remove {
        crate::reimburse::change_tags(ledger, &sel, &[], one)?
    } else {
        crate::reimburse::change_tags(ledger, &sel, one, &[])?
    };
    Ok(TagResult {
        client: client_of(&stored),
        tag: stored,
        selected: change.selected,
        changed: change.changed,
    })
}

/// The clients and projects the lines' effective tags name (the user's
/// tags, else the tags their rule gave them).
pub fn reimburse_tags(ledger: &Ledger) -> Result<ReimburseTags, AppError> {
    // The user's tags (few lines have edits), then the rule tags of lines
    // without tags of their own: no per-line lookup for untagged lines.
    let found = ledger.client_project_tag_counts()?;
    Ok(ReimburseTags {
        clients: count_names(&found, tags::CLIENT),
        projects: count_names(&found, tags::PROJECT),
    })
}

/// The report for `req` as the view shows it.
pub fn reimburse_preview(
    ledger: &Ledger,
    req: &ReimburseRequest,
    now: DateTime<Utc>,
) -> Result<ReimbursePreview, AppError> {
    // The language only changes a written PDF, never the figures.
    let report = reimburse::build_report(ledger, &req.to_core(now, Lang::En)?)?;
    Ok(preview_of(report))
}

/// Writes the report (CSV or PDF, with the receipts ZIP beside it, as
/// `aispend report reimbursement` does) or only the receipts ZIP to `out`;
/// a PDF in `lang`.
pub fn reimburse_export(
    ledger: &Ledger,
    req: &ReimburseRequest,
    kind: ExportKind,
    out: &Path,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<ReimburseExport, AppError> {
    let core = req.to_core(now, lang)?;
    // The dialog may return a name without the extension the kind needs.
    let out = if out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(kind.extension()))
    {
        out.to_path_buf()
    } else {
        let mut name = out.as_os_str().to_owned();
        name.push(".");
        name.push(kind.extension());
        name.into()
    };
    match kind {
        ExportKind::Csv | ExportKind::Pdf => {
            let w = reimburse::write_report(ledger, &core, &out)?;
            Ok(ReimburseExport {
                kind,
                file: w.file.display().to_string(),
                receipts_zip: Some(w.receipts_zip.display().to_string()),
                lines: w.report.lines.len() as u64,
                receipts: w.receipts,
            })
        }
        ExportKind::Zip => {
            let report = reimburse::build_report(ledger, &core)?;
            let dir = if report.lines.iter().any(|l| !l.receipts.is_empty()) {
                crate::reimburse::receipts_dir(ledger)?
            } else {
                Path::new("").to_path_buf()
            };
            let mut bytes = Vec::new();
            let receipts = bundle::write_zip(&report, &dir, std::io::Cursor::new(&mut bytes))?;
            reimburse::write_atomically(&out, &bytes)?;
            Ok(ReimburseExport {
                kind,
                file: out.display().to_string(),
                receipts_zip: None,
                lines: report.lines.len() as u64,
                receipts,
            })
        }
    }
}

/// Marks the client's unmarked lines in the period reimbursed on `on`;
/// returns the lines marked now, for an undo.
pub fn reimburse_mark(
    ledger: &mut Ledger,
    client: &str,
    from: NaiveDate,
    to: NaiveDate,
    on: NaiveDate,
) -> Result<MarkResult, AppError> {
    let mut ids = Vec::new();
    for id in reimburse::client_lines(ledger, client, from, to)? {
        if ledger.reimbursed_mark(id)?.is_none() {
            ids.push(id);
        }
    }
    // The client's name as its lines' tag writes it (as the report shows it).
    let want = tags::client_tag(client)?;
    let mut client = want[tags::CLIENT.len()..].to_owned();
    if let Some(&first) = ids.first() {
        if let Some(tag) = ledger
            .transaction(first)?
            .tags
            .into_iter()
            .find(|t| tags::same(t, &want))
        {
            client = tag[tags::CLIENT.len()..].to_owned();
        }
    }
    ledger.mark_reimbursed(&ids, &client, on)?;
    Ok(MarkResult { client, on, ids })
}

/// The names, addresses and payment note reports carry, as the Settings
/// form shows and sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReportParties {
    /// The client whose address `client_address` is; empty: none chosen.
    pub client: String,
    /// The sender's name and address, one line each.
    pub sender: String,
    /// The client's name and address as it goes on its reports.
    pub client_address: String,
    /// How to pay: bank details, terms.
    pub payment_note: String,
}

/// The saved parties, with `client`'s address (none for an empty client).
pub fn report_parties(ledger: &Ledger, client: &str) -> Result<ReportParties, AppError> {
    let p = reimburse::saved_parties(ledger, client)?;
    Ok(ReportParties {
        client: client.trim().to_owned(),
        sender: p.sender,
        client_address: p.client_address,
        payment_note: p.payment_note,
    })
}

/// Saves the form: the sender and the payment note for every report, the
/// address for the chosen client's. Each field is checked in the core
/// (`reimburse::check_party`); nothing is saved when one is bad.
pub fn save_report_parties(
    ledger: &mut Ledger,
    form: &ReportParties,
) -> Result<ReportParties, AppError> {
    let client = form.client.trim();
    // No client chosen and no address typed: there is no address to save.
    let address = (!client.is_empty() || !form.client_address.trim().is_empty())
        .then_some(form.client_address.as_str());
    reimburse::save_parties(
        ledger,
        client,
        Some(&form.sender),
        address,
        Some(&form.payment_note),
    )?;
    report_parties(ledger, client)
}

/// Takes the mark off these lines (the undo of [`Ledger::reimburse_mark`]).
pub fn reimburse_unmark(ledger: &mut Ledger, ids: &[i64]) -> Result<u64, AppError> {
    Ok(ledger.unmark_reimbursed(ids)?)
}

impl From<ReimburseError> for AppError {
    fn from(e: ReimburseError) -> Self {
        AppError::Reimburse(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_tag_names_its_client() {
        assert_eq!(client_of("client:Acme Corp").as_deref(), Some("Acme Corp"));
        assert_eq!(client_of("Client: Acme ").as_deref(), Some("Acme"));
        assert_eq!(client_of("client:"), None);
        assert_eq!(client_of("project:Chatbot"), None);
        assert_eq!(client_of("clientele"), None);
    }

    #[test]
    fn a_subtotal_is_its_total_with_what_it_groups_by_beside_it() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        let sub = ReimburseSubtotal {
            by: SubtotalBy::Vendor,
            name: "openai".into(),
            total: ReimburseTotal {
                currency: "USD".into(),
                owed: d("24.20"),
                net: d("20.00"),
                tax: d("4.20"),
                lines: 2,
            },
        };
        let json = serde_json::to_value(&sub).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({
                "by": "vendor",
                "name": "openai",
                "currency": "USD",
                "owed": "24.20",
                "net": "20.00",
                "tax": "4.20",
                "lines": 2
            })
        );
    }
}

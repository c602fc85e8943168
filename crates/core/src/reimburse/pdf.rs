//! The reimbursement report as a PDF a client can file: A4 landscape, a
//! title block (client, period, report currency, generation time), a table of
//! the lines (date, vendor, description, amount, currency, converted amount,
//! receipt, reimbursed mark) whose header repeats on every page, the totals,
//! notes, and the list of receipts with their full SHA-256. Written for a
//! client to pay from, it also carries the report number, the sender's and
//! the client's addresses, the payment note, net / tax / gross per line and
//! per currency, the lines without a receipt on the first page, and the
//! receipts themselves appended (a PDF receipt's pages as they are, an
//! e-mail receipt as text pages), each page headed with the line it backs.
//!
//! DejaVu Sans Condensed (regular and bold) is embedded from the repository
//! (`crates/core/assets/fonts/`, subset by krilla), so the PDF never depends
//! on fonts installed where it is made or read, and its text extracts (krilla
//! writes ToUnicode maps). Characters the font lacks (CJK) show as boxes in
//! the PDF; the CSV keeps them.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size as PageSize, Transform};
use krilla::metadata::{DateTime as PdfDateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::{ReimburseError, Report};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");

// A4 landscape, in points.
const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 36.0;
const BODY: f32 = 8.0;
const ROW_H: f32 = 13.0;
const PAD: f32 = 3.0;
const BOTTOM: f32 = PAGE_H - 40.0;

/// Table columns: title, width, right-aligned.
const COLUMNS: [(&str, f32, bool); 12] = [
    ("#", 22.0, true),
    ("Date", 54.0, false),
    ("Vendor", 70.0, false),
    ("Description", 150.0, false),
    ("Receipt no.", 80.0, false),
    ("Net", 52.0, true),
    ("Tax", 46.0, true),
    ("Gross", 56.0, true),
    ("Cur.", 28.0, false),
    ("Converted", 62.0, true),
    ("Receipt", 90.0, false),
    ("Reimbursed", 60.0, false),
];

/// Height of the band above an appended PDF receipt page that heads it.
const BAND: f32 = 30.0;

/// A receipt file appended to the report, headed with the line it backs.
#[derive(Debug, Clone)]
pub struct Appended {
    pub heading: String,
    pub body: Body,
}

/// What an appended receipt is.
#[derive(Debug, Clone)]
pub enum Body {
    /// A PDF: its pages, as they are.
    Pdf(Vec<u8>),
    /// An e-mail (or text) receipt: set as text pages.
    Text(String),
    /// An image or other file: a page that says it is in the ZIP.
    Other,
}

/// Text widths from the font's glyph advances.
struct Measure {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

impl Measure {
    fn new() -> Result<Self, ReimburseError> {
        let load = |b: &'static [u8]| {
            FontRef::new(b).map_err(|e| ReimburseError::Pdf(format!("embedded font: {e}")))
        };
        Ok(Measure {
            regular: load(REGULAR)?,
            bold: load(BOLD)?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// `text` cut to fit `width`, ending in an ellipsis when cut.
    fn fit(&self, text: &str, size: f32, bold: bool, width: f32) -> String {
        if self.width(text, size, bold) <= width {
            return text.to_owned();
        }
        let mut out: String = text.to_owned();
        while !out.is_empty() && self.width(&format!("{out}…"), size, bold) > width {
            out.pop();
        }
        format!("{}…", out.trim_end())
    }

    /// `text` broken into lines no wider than `width`, at spaces.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
            .into_iter()
            .map(|l| self.fit(&l, size, bold, width))
            .collect()
    }
}

/// What goes on a page, in order.
#[derive(Debug, Clone)]
enum Item {
    TableHeader(String),
    Row(Vec<String>),
    Rule,
    Text { text: String, size: f32, bold: bool },
    Gap(f32),
}

impl Item {
    fn height(&self) -> f32 {
        match self {
            Item::TableHeader(_) | Item::Row(_) => ROW_H,
            Item::Rule => 4.0,
            Item::Text { size, .. } => size * 1.45,
            Item::Gap(h) => *h,
        }
    }
}

/// The PDF's bytes, without receipts appended.
pub fn render(report: &Report) -> Result<Vec<u8>, ReimburseError> {
    render_with(report, &[])
}

/// The PDF's bytes with `appended` receipts after the report. A receipt
/// PDF the writer cannot embed (unreadable, or a newer PDF version than
/// the report's) is named on a page of its own instead.
pub fn render_with(report: &Report, appended: &[Appended]) -> Result<Vec<u8>, ReimburseError> {
    match render_inner(report, appended, true) {
        Ok(bytes) => Ok(bytes),
        Err(_) if appended.iter().any(|a| matches!(a.body, Body::Pdf(_))) => {
            render_inner(report, appended, false)
        }
        Err(e) => Err(e),
    }
}

fn render_inner(
    report: &Report,
    appended: &[Appended],
    embed: bool,
) -> Result<Vec<u8>, ReimburseError> {
    let m = Measure::new()?;
    let items = items(report, &m);
    let pages = paginate(report, items);

    let regular = Font::new(REGULAR.into(), 0)
        .ok_or_else(|| ReimburseError::Pdf("the embedded font does not load".into()))?;
    let bold = Font::new(BOLD.into(), 0)
        .ok_or_else(|| ReimburseError::Pdf("the embedded bold font does not load".into()))?;
    let mut doc = Document::new();
    doc.set_metadata(metadata(report));
    let total = pages.len();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| ReimburseError::Pdf("page size".into()))?;
    for (n, page_items) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            regular: &regular,
            bold: &bold,
            m: &m,
        };
        for (y, item) in page_items {
            pen.item(*y, item);
        }
        let footer = format!(
            "AI Spend reimbursement report · {} · {} to {} · generated {} · page {} of {}",
            report.client,
            report.from,
            report.to,
            generated_text(report),
            n + 1,
            total
        );
        let footer = m.fit(&footer, 7.0, false, PAGE_W - 2.0 * MARGIN);
        pen.text(MARGIN, PAGE_H - 20.0, &footer, 7.0, false);
        s.finish();
        page.finish();
    }
    for a in appended {
        append(&mut doc, a, &regular, &bold, &m, embed)?;
    }
    doc.finish()
        .map_err(|e| ReimburseError::Pdf(format!("{e:?}")))
}

fn generated_text(report: &Report) -> String {
    chrono::DateTime::parse_from_rfc3339(&report.generated_at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| report.generated_at.clone())
}

fn metadata(report: &Report) -> Metadata {
    let mut md = Metadata::new()
        .title(format!(
            "Reimbursement report: {}, {} to {}",
            report.client, report.from, report.to
        ))
        .creator("AI Spend".into())
        .producer("AI Spend".into());
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&report.generated_at) {
        use chrono::{Datelike, Timelike};
        if let Ok(year) = u16::try_from(t.year()) {
            md = md.creation_date(
                PdfDateTime::new(year)
                    .month(t.month() as u8)
                    .day(t.day() as u8)
                    .hour(t.hour() as u8)
                    .minute(t.minute() as u8)
                    .second(t.second() as u8)
                    .utc_offset_hour(0)
                    .utc_offset_minute(0),
            );
        }
    }
    md
}

fn items(report: &Report, m: &Measure) -> Vec<Item> {
    let cur = report.currency;
    let mut items = vec![Item::TableHeader(format!("In {cur}"))];
    for l in &report.lines {
        let receipt = match l.receipts.as_slice() {
            [] => "none".to_owned(),
            [one] => one.reference(),
            [first, rest @ ..] => format!("{} +{}", first.name, rest.len()),
        };
        let reimbursed = match l.reimbursed_on {
            Some(d) => format!("reimbursed {d}"),
            None if l.status == crate::ledger::TxnStatus::Pending => "pending".into(),
            None => String::new(),
        };
        let converted = match l.owed_converted {
            Some(c) => c.to_string(),
            None => "—".into(),
        };
        let opt =
            |d: Option<rust_decimal::Decimal>| d.map_or_else(|| "—".into(), |d| d.to_string());
        let cells = [
            l.number.to_string(),
            l.date.to_string(),
            if l.vendor.is_empty() {
                "—".to_owned()
            } else {
                l.vendor.clone()
            },
            l.description.clone(),
            l.receipt_no.clone().unwrap_or_else(|| "—".into()),
            opt(l.net),
            opt(l.tax),
            l.owed.to_string(),
            l.currency.to_string(),
            converted,
            receipt,
            reimbursed,
        ];
        let row = cells
            .iter()
            .zip(COLUMNS)
            .map(|(c, (_, w, _))| m.fit(c, BODY, false, w - 2.0 * PAD))
            .collect();
        items.push(Item::Row(row));
    }
    items.push(Item::Rule);
    let text = |text: String, size: f32, bold: bool| Item::Text { text, size, bold };
    for t in &report.totals {
        items.push(text(
            format!(
                "Total billed in {}: net {} · tax {} · gross {} {} ({} line{})",
                t.currency,
                t.net,
                t.tax,
                t.owed,
                t.currency,
                t.lines,
                if t.lines == 1 { "" } else { "s" }
            ),
            9.0,
            true,
        ));
    }
    let incomplete = if report.unconverted_lines > 0 {
        format!(
            " (without {} line{} with no rate)",
            report.unconverted_lines,
            if report.unconverted_lines == 1 {
                ""
            } else {
                "s"
            }
        )
    } else {
        String::new()
    };
    items.push(text(
        format!(
            "Total in {cur}: {} {cur}{incomplete}",
            report.total_converted
        ),
        10.0,
        true,
    ));
    items.push(text(
        format!(
            "Outstanding in {cur} (not yet marked reimbursed): {} {cur}",
            report.outstanding_converted
        ),
        10.0,
        true,
    ));
    if !report.parties.payment_note.trim().is_empty() {
        items.push(Item::Gap(6.0));
        items.push(text("Payment".into(), 10.0, true));
        for l in report.parties.payment_note.lines() {
            for line in m.wrap(l, BODY, false, PAGE_W - 2.0 * MARGIN) {
                items.push(text(line, BODY, false));
            }
        }
    }
    if !report.notes.is_empty() {
        items.push(Item::Gap(6.0));
        items.push(text("Notes".into(), 10.0, true));
        for n in &report.notes {
            for line in m.wrap(n, BODY, false, PAGE_W - 2.0 * MARGIN) {
                items.push(text(line, BODY, false));
            }
        }
    }
    let receipts: Vec<_> = report
        .lines
        .iter()
        .flat_map(|l| l.receipts.iter().map(move |r| (l.number, r)))
        .collect();
    if !receipts.is_empty() {
        items.push(Item::Gap(6.0));
        items.push(text(
            "Receipts (appended after this report, and in the receipts ZIP beside it)".into(),
            10.0,
            true,
        ));
        for (n, r) in receipts {
            let line = format!(
                "line {n}: {}  (attached as {}, {} bytes)  SHA-256 {}",
                r.name, r.original_name, r.size, r.sha256
            );
            items.push(text(
                m.fit(&line, BODY, false, PAGE_W - 2.0 * MARGIN),
                BODY,
                false,
            ));
        }
    }
    items
}

/// Places the items on pages: the title block on the first page, a short
/// heading on the others, and the table header again wherever rows go on.
fn paginate(report: &Report, items: Vec<Item>) -> Vec<Vec<(f32, Item)>> {
    let mut pages: Vec<Vec<(f32, Item)>> = Vec::new();
    let mut page = title_block(report);
    let mut y = page.last().map_or(MARGIN, |(y, i)| y + i.height()) + 8.0;
    let mut in_table = false;
    let mut converted = String::new();
    for item in items {
        match item {
            Item::TableHeader(ref c) => {
                in_table = true;
                converted = c.clone();
            }
            Item::Rule => in_table = false,
            _ => {}
        }
        if y + item.height() > BOTTOM {
            pages.push(std::mem::take(&mut page));
            let heading = Item::Text {
                text: format!(
                    "Reimbursement report · {} · {} to {} (continued)",
                    report.client, report.from, report.to
                ),
                size: 9.0,
                bold: true,
            };
            y = MARGIN + 12.0;
            let h = heading.height();
            page.push((y, heading));
            y += h + 6.0;
            if in_table && !matches!(item, Item::TableHeader(_)) {
                page.push((y, Item::TableHeader(converted.clone())));
                y += ROW_H;
            }
        }
        let h = item.height();
        page.push((y, item));
        y += h;
    }
    pages.push(page);
    pages
}

fn title_block(report: &Report) -> Vec<(f32, Item)> {
    let mut out = Vec::new();
    let mut y = MARGIN + 16.0;
    let mut push = |text: String, size: f32, bold: bool| {
        let item = Item::Text { text, size, bold };
        let h = item.height();
        out.push((y, item));
        y += h;
    };
    match report.number_text() {
        Some(n) => push(format!("Reimbursement report {n}"), 16.0, true),
        None => push("Reimbursement report".into(), 16.0, true),
    }
    let sender: Vec<&str> = report
        .parties
        .sender
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if !sender.is_empty() {
        push(format!("From: {}", sender.join(", ")), 10.0, false);
    }
    let to: Vec<&str> = report
        .parties
        .client_address
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if to.is_empty() {
        push(format!("Client: {}", report.client), 10.0, false);
    } else {
        push(format!("Client: {}", to.join(", ")), 10.0, false);
    }
    push(
        format!("Period: {} to {}", report.from, report.to),
        10.0,
        false,
    );
    push(
        format!(
            "Amounts: what the client owes; converted to {}",
            report.currency
        ),
        10.0,
        false,
    );
    push(
        format!("Generated: {}", generated_text(report)),
        10.0,
        false,
    );
    if !report.include_reimbursed {
        push(
            "Lines already marked reimbursed are left out.".into(),
            10.0,
            false,
        );
    }
    if !report.without_receipt.is_empty() {
        let n = report.without_receipt.len();
        let list: Vec<String> = report
            .without_receipt
            .iter()
            .take(40)
            .map(|n| format!("#{n}"))
            .collect();
        push(
            format!(
                "Without a receipt: {n} line{} ({}{})",
                if n == 1 { "" } else { "s" },
                list.join(", "),
                if n > 40 { ", …" } else { "" }
            ),
            10.0,
            true,
        );
    }
    out
}

/// Appends one receipt: a PDF's pages each under a band with the heading;
/// text as pages of its own, the heading on each.
fn append(
    doc: &mut Document,
    a: &Appended,
    regular: &Font,
    bold: &Font,
    m: &Measure,
    embed: bool,
) -> Result<(), ReimburseError> {
    let heading = m.fit(&a.heading, 10.0, true, PAGE_W - 2.0 * MARGIN);
    if let (Body::Pdf(bytes), true) = (&a.body, embed) {
        if let Ok(pdf) = krilla::pdf::Pdf::new(std::sync::Arc::new(bytes.clone())) {
            let sizes: Vec<(f32, f32)> =
                pdf.pages().iter().map(|p| p.render_dimensions()).collect();
            let doc_pdf = krilla::pdf::PdfDocument::new(std::sync::Arc::new(pdf));
            for (i, (w, h)) in sizes.into_iter().enumerate() {
                let (Some(settings), Some(size)) = (
                    PageSettings::from_wh(w.max(200.0), h + BAND),
                    PageSize::from_wh(w, h),
                ) else {
                    continue;
                };
                let mut page = doc.start_page_with(settings);
                let mut s = page.surface();
                let mut pen = Pen {
                    s: &mut s,
                    regular,
                    bold,
                    m,
                };
                let head = m.fit(&a.heading, 9.0, true, w.max(200.0) - 24.0);
                pen.text(12.0, 19.0, &head, 9.0, true);
                s.push_transform(&Transform::from_translate(0.0, BAND));
                s.draw_pdf_page(&doc_pdf, size, i);
                s.pop();
                s.finish();
                page.finish();
            }
            return Ok(());
        }
    }
    let text = match &a.body {
        Body::Text(t) => t.clone(),
        Body::Pdf(_) => {
            "This PDF receipt could not be placed here; it is in the receipts ZIP.".to_owned()
        }
        Body::Other => {
            "This receipt (an image or another file) is in the receipts ZIP beside this report."
                .to_owned()
        }
    };
    let mut lines: Vec<String> = Vec::new();
    for l in text.lines() {
        if l.trim().is_empty() {
            lines.push(String::new());
        } else {
            lines.extend(m.wrap(l, 9.0, false, PAGE_W - 2.0 * MARGIN));
        }
    }
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| ReimburseError::Pdf("page size".into()))?;
    let line_h = 9.0 * 1.45;
    let first = MARGIN + 40.0;
    let per_page = (((BOTTOM - first) / line_h) as usize).max(1);
    let chunks: Vec<&[String]> = if lines.is_empty() {
        vec![&[]]
    } else {
        lines.chunks(per_page).collect()
    };
    for (k, chunk) in chunks.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            regular,
            bold,
            m,
        };
        let head = if k == 0 {
            heading.clone()
        } else {
            m.fit(
                &format!("{} (continued)", a.heading),
                10.0,
                true,
                PAGE_W - 2.0 * MARGIN,
            )
        };
        pen.text(MARGIN, MARGIN + 16.0, &head, 10.0, true);
        pen.hline(MARGIN + 24.0);
        let mut y = first;
        for l in chunk.iter() {
            pen.text(MARGIN, y, l, 9.0, false);
            y += line_h;
        }
        s.finish();
        page.finish();
    }
    Ok(())
}

/// Draws on one page.
struct Pen<'a, 'b> {
    s: &'a mut Surface<'b>,
    regular: &'a Font,
    bold: &'a Font,
    m: &'a Measure,
}

impl Pen<'_, '_> {
    fn text(&mut self, x: f32, baseline: f32, text: &str, size: f32, bold: bool) {
        if text.is_empty() {
            return;
        }
        let font = if bold { self.bold } else { self.regular };
        self.s.draw_text(
            Point::from_xy(x, baseline),
            font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: u8) {
        let Some(rect) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        if let Some(path) = pb.finish() {
            self.s.set_fill(Some(Fill {
                paint: rgb::Color::new(grey, grey, grey).into(),
                ..Fill::default()
            }));
            self.s.draw_path(&path);
            self.s.set_fill(Some(Fill::default()));
        }
    }

    fn hline(&mut self, y: f32) {
        let mut pb = PathBuilder::new();
        pb.move_to(MARGIN, y);
        pb.line_to(PAGE_W - MARGIN, y);
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                width: 0.6,
                ..Stroke::default()
            }));
            self.s.draw_path(&path);
            self.s.set_stroke(None);
            self.s.set_fill(Some(Fill::default()));
        }
    }

    fn cells(&mut self, top: f32, cells: &[String], bold: bool) {
        let mut x = MARGIN;
        let baseline = top + ROW_H - 3.5;
        for (cell, (_, w, right)) in cells.iter().zip(COLUMNS) {
            let tx = if right {
                x + w - PAD - self.m.width(cell, BODY, bold)
            } else {
                x + PAD
            };
            self.text(tx, baseline, cell, BODY, bold);
            x += w;
        }
    }

    fn item(&mut self, y: f32, item: &Item) {
        match item {
            Item::TableHeader(converted) => {
                self.rect(MARGIN, y, PAGE_W - 2.0 * MARGIN, ROW_H, 225);
                let titles: Vec<String> = COLUMNS
                    .iter()
                    .map(|(t, ..)| {
                        if *t == "Converted" {
                            converted.clone()
                        } else {
                            (*t).to_owned()
                        }
                    })
                    .collect();
                self.cells(y, &titles, true);
            }
            Item::Row(cells) => self.cells(y, cells, false),
            Item::Rule => self.hline(y + 2.0),
            Item::Text { text, size, bold } => {
                self.text(MARGIN, y + size * 1.1, text, *size, *bold)
            }
            Item::Gap(_) => {}
        }
    }
}

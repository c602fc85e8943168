//! The reimbursement report as a PDF a client can file: A4 landscape, a
//! title block (client, period, report currency, generation time), a table of
//! the lines (date, vendor, description, amount, currency, converted amount,
//! receipt, reimbursed mark) whose header repeats on every page, subtotals
//! per vendor and per project tag, the totals,
//! notes, and the list of receipts with their full SHA-256. Written for a
//! client to pay from, it also carries the report number, the sender's and
//! the client's addresses, the payment note, net / tax / gross per line and
//! per currency, the lines without a receipt on the first page, and the
//! receipts themselves appended (a PDF receipt's pages as they are, an
//! e-mail receipt as text pages, a PNG or JPEG image on a page of its own,
//! scaled to fit), each page headed with the line it backs.
//!
//! Its text is in the user's language (the `reimb-pdf-*` messages of the
//! catalogs); amounts, dates and codes are the same in every language.
//!
//! DejaVu Sans Condensed (regular and bold) is embedded from the repository
//! (`crates/core/assets/fonts/`, subset by krilla), so the PDF never depends
//! on fonts installed where it is made or read, and its text extracts (krilla
//! writes ToUnicode maps). Each character DejaVu lacks is drawn with Noto
//! Sans CJK SC, cut to GB 2312 and the catalogs' characters (the same
//! folder; its README says how it was made): Chinese labels and Chinese
//! descriptions read on every machine. A character neither font has shows
//! as a box; the CSV keeps it.

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

use super::{ReimburseError, Report, Subtotal, SubtotalBy};
use crate::i18n::Lang;
use crate::msg;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");
/// What DejaVu lacks: Chinese (one weight; bold text uses it too).
const CJK: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-GB2312.otf");

// A4 landscape, in points.
const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 36.0;
const BODY: f32 = 8.0;
const ROW_H: f32 = 13.0;
const PAD: f32 = 3.0;
const BOTTOM: f32 = PAGE_H - 40.0;

/// Table columns: name, width, right-aligned (titles: [`column_titles`]).
const COLUMNS: [(&str, f32, bool); 12] = [
    ("#", 22.0, true),
    ("date", 54.0, false),
    ("vendor", 70.0, false),
    ("description", 150.0, false),
    ("receipt no.", 80.0, false),
    ("net", 52.0, true),
    ("tax", 46.0, true),
    ("gross", 56.0, true),
    ("currency", 28.0, false),
    ("converted", 62.0, true),
    ("receipt", 90.0, false),
    ("reimbursed", 60.0, false),
];

/// The table's column titles in `lang`, in [`COLUMNS`]' order, fitted to
/// their columns.
fn column_titles(lang: Lang, currency: &str, m: &Measure) -> Vec<String> {
    let titles = [
        None,
        Some(msg!("reimb-pdf-col-date")),
        Some(msg!("reimb-pdf-col-vendor")),
        Some(msg!("reimb-pdf-col-description")),
        Some(msg!("reimb-pdf-col-receipt-no")),
        Some(msg!("reimb-pdf-col-net")),
        Some(msg!("reimb-pdf-col-tax")),
        Some(msg!("reimb-pdf-col-gross")),
        Some(msg!("reimb-pdf-col-currency")),
        Some(msg!("reimb-pdf-col-converted", currency = currency)),
        Some(msg!("reimb-pdf-col-receipt")),
        Some(msg!("reimb-pdf-col-reimbursed")),
    ];
    titles
        .iter()
        .zip(COLUMNS)
        .map(|(t, (_, w, _))| {
            let title = t
                .as_ref()
                .map_or_else(|| "#".to_owned(), |t| t.render(lang));
            m.fit(&title, BODY, true, w - 2.0 * PAD)
        })
        .collect()
}

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
    /// A PNG or JPEG receipt (a photo, a screenshot): one page of its own,
    /// the image scaled to fit under the heading.
    Image(Vec<u8>, ImageKind),
    /// Any other file: a page that says it is in the ZIP.
    Other,
}

/// The raster formats an appended receipt image may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    /// By a stored receipt's extension.
    pub fn for_extension(ext: &str) -> Option<ImageKind> {
        match ext {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" => Some(ImageKind::Jpeg),
            _ => None,
        }
    }
}

/// Which embedded font draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    /// DejaVu Sans Condensed, regular or bold.
    Latin,
    /// Noto Sans CJK SC (subset), for what DejaVu lacks.
    Cjk,
}

/// Text widths from the fonts' glyph advances, and which font draws what.
struct Measure {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
    cjk: FontRef<'static>,
}

impl Measure {
    fn new() -> Result<Self, ReimburseError> {
        let load = |b: &'static [u8]| {
            FontRef::new(b).map_err(|e| ReimburseError::Pdf(format!("embedded font: {e}")))
        };
        Ok(Measure {
            regular: load(REGULAR)?,
            bold: load(BOLD)?,
            cjk: load(CJK)?,
        })
    }

    fn latin(&self, bold: bool) -> &FontRef<'static> {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// DejaVu when it has the character (or neither font has it), else
    /// the CJK font.
    fn face(&self, c: char, bold: bool) -> Face {
        if self.latin(bold).charmap().map(c).is_some() || self.cjk.charmap().map(c).is_none() {
            Face::Latin
        } else {
            Face::Cjk
        }
    }

    /// `text` cut into runs each drawn with one font.
    fn runs<'t>(&self, text: &'t str, bold: bool) -> Vec<(Face, &'t str)> {
        let mut out: Vec<(Face, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Face> = None;
        for (i, c) in text.char_indices() {
            // A space too: the CJK subset has none of the Latin letters.
            let face = self.face(c, bold);
            match current {
                Some(f) if f != face => {
                    out.push((f, &text[start..i]));
                    start = i;
                    current = Some(face);
                }
                None => current = Some(face),
                _ => {}
            }
        }
        if let Some(f) = current {
            out.push((f, &text[start..]));
        }
        out
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.runs(text, bold)
            .into_iter()
            .map(|(face, run)| {
                let font = match face {
                    Face::Latin => self.latin(bold),
                    Face::Cjk => &self.cjk,
                };
                let charmap = font.charmap();
                let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
                run.chars()
                    .map(|c| {
                        charmap
                            .map(c)
                            .and_then(|g| metrics.advance_width(g))
                            .unwrap_or(size * 0.6)
                    })
                    .sum::<f32>()
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

    /// `text` broken into lines no wider than `width`, at spaces; a word
    /// wider than a line (Chinese is written without spaces) is broken
    /// between characters.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut words: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            if self.width(word, size, bold) <= width {
                words.push(word.to_owned());
                continue;
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(&piece, size, bold) > width && piece.chars().count() > 1 {
                    piece.pop();
                    words.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            if !piece.is_empty() {
                words.push(piece);
            }
        }
        for word in words {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word;
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
    /// The table's column titles.
    TableHeader(Vec<String>),
    Row(Vec<String>),
    Rule,
    Text {
        text: String,
        size: f32,
        bold: bool,
    },
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

/// The PDF's bytes in `lang`, without receipts appended.
pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, ReimburseError> {
    render_with(report, &[], lang)
}

/// The PDF's bytes with `appended` receipts after the report. A receipt
/// PDF or image the writer cannot embed (unreadable, a newer PDF version
/// than the report's, a damaged image) is named on a page of its own
/// instead.
pub fn render_with(
    report: &Report,
    appended: &[Appended],
    lang: Lang,
) -> Result<Vec<u8>, ReimburseError> {
    match render_inner(report, appended, true, lang) {
        Ok(bytes) => Ok(bytes),
        Err(_)
            if appended
                .iter()
                .any(|a| matches!(a.body, Body::Pdf(_) | Body::Image(..))) =>
        {
            render_inner(report, appended, false, lang)
        }
        Err(e) => Err(e),
    }
}

fn render_inner(
    report: &Report,
    appended: &[Appended],
    embed: bool,
    lang: Lang,
) -> Result<Vec<u8>, ReimburseError> {
    let m = Measure::new()?;
    let items = items(report, &m, lang);
    let pages = paginate(report, items, &m, lang);

    let regular = Font::new(REGULAR.into(), 0)
        .ok_or_else(|| ReimburseError::Pdf("the embedded font does not load".into()))?;
    let bold = Font::new(BOLD.into(), 0)
        .ok_or_else(|| ReimburseError::Pdf("the embedded bold font does not load".into()))?;
    let cjk = Font::new(CJK.into(), 0)
        .ok_or_else(|| ReimburseError::Pdf("the embedded CJK font does not load".into()))?;
    let fonts = Fonts {
        regular: &regular,
        bold: &bold,
        cjk: &cjk,
    };
    let mut doc = Document::new();
    doc.set_metadata(metadata(report, lang));
    // Every page counts in "page X of Y", the appended receipts' too: a
    // client reading the file sees one document.
    let plans: Vec<Plan> = appended.iter().map(|a| plan(a, &m, embed, lang)).collect();
    let total = pages.len() + plans.iter().map(Plan::pages).sum::<usize>();
    let generated = generated_text(report);
    let footer = |page: usize| {
        msg!(
            "reimb-pdf-footer",
            client = report.client.as_str(),
            from = report.from.to_string(),
            to = report.to.to_string(),
            at = generated.as_str(),
            page = page,
            pages = total
        )
        .render(lang)
    };
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| ReimburseError::Pdf("page size".into()))?;
    for (n, page_items) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            f: &fonts,
            m: &m,
        };
        for (y, item) in page_items {
            pen.item(*y, item);
        }
        pen.footer(PAGE_W, PAGE_H, &footer(n + 1));
        s.finish();
        page.finish();
    }
    let mut next = pages.len() + 1;
    for (a, p) in appended.iter().zip(&plans) {
        append(&mut doc, a, p, (&fonts, &m), next, &footer, lang)?;
        next += p.pages();
    }
    doc.finish()
        .map_err(|e| ReimburseError::Pdf(format!("{e:?}")))
}

fn generated_text(report: &Report) -> String {
    chrono::DateTime::parse_from_rfc3339(&report.generated_at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| report.generated_at.clone())
}

fn metadata(report: &Report, lang: Lang) -> Metadata {
    let mut md = Metadata::new()
        .title(
            msg!(
                "reimb-pdf-metadata-title",
                client = report.client.as_str(),
                from = report.from.to_string(),
                to = report.to.to_string()
            )
            .render(lang),
        )
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

/// A subtotal's label in `lang`: `Vendor OpenAI`, `No project`, ...
fn subtotal_label(s: &Subtotal, lang: Lang) -> String {
    let name = s.name.as_str();
    match (s.by, name.is_empty()) {
        (SubtotalBy::Vendor, false) => msg!("reimb-pdf-subtotal-vendor", name = name),
        (SubtotalBy::Vendor, true) => msg!("reimb-pdf-no-vendor"),
        (SubtotalBy::Project, false) => msg!("reimb-pdf-subtotal-project", name = name),
        (SubtotalBy::Project, true) => msg!("reimb-pdf-no-project"),
    }
    .render(lang)
}

fn items(report: &Report, m: &Measure, lang: Lang) -> Vec<Item> {
    let cur = report.currency.as_str();
    let full = PAGE_W - 2.0 * MARGIN;
    let mut items = vec![Item::TableHeader(column_titles(lang, cur, m))];
    for l in &report.lines {
        let receipt = match l.receipts.as_slice() {
            [] => msg!("reimb-pdf-receipt-none").render(lang),
            [one] => one.reference(),
            [first, rest @ ..] => format!("{} +{}", first.name, rest.len()),
        };
        let reimbursed = match l.reimbursed_on {
            Some(d) => msg!("reimb-pdf-reimbursed-on", date = d.to_string()).render(lang),
            None if l.status == crate::ledger::TxnStatus::Pending => {
                msg!("reimb-pdf-pending").render(lang)
            }
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
    if !report.subtotals.is_empty() {
        items.push(text(msg!("reimb-pdf-subtotals").render(lang), 9.0, true));
    }
    // One line per vendor (project): its amounts per currency side by side.
    let mut i = 0;
    while let Some(first) = report.subtotals.get(i) {
        let group: Vec<_> = report.subtotals[i..]
            .iter()
            .take_while(|s| s.by == first.by && s.name == first.name)
            .collect();
        i += group.len();
        let lines: u64 = group.iter().map(|s| s.lines).sum();
        let amounts = group
            .iter()
            .map(|s| {
                if s.tax.is_zero() {
                    format!("{} {}", s.owed, s.currency)
                } else {
                    msg!(
                        "reimb-pdf-subtotal-amount-tax",
                        gross = s.owed.to_string(),
                        currency = s.currency.as_str(),
                        net = s.net.to_string(),
                        tax = s.tax.to_string()
                    )
                    .render(lang)
                }
            })
            .collect::<Vec<_>>()
            .join("  ·  ");
        let line = msg!(
            "reimb-pdf-subtotal-line",
            label = subtotal_label(first, lang),
            amounts = amounts,
            lines = count(lines)
        )
        .render(lang);
        items.push(text(m.fit(&line, BODY, false, full), BODY, false));
    }
    if !report.subtotals.is_empty() {
        items.push(Item::Gap(4.0));
    }
    for t in &report.totals {
        items.push(text(
            msg!(
                "reimb-pdf-total-billed",
                currency = t.currency.as_str(),
                net = t.net.to_string(),
                tax = t.tax.to_string(),
                gross = t.owed.to_string(),
                lines = count(t.lines)
            )
            .render(lang),
            9.0,
            true,
        ));
    }
    let total = if report.unconverted_lines > 0 {
        msg!(
            "reimb-pdf-total-converted-incomplete",
            currency = cur,
            amount = report.total_converted.to_string(),
            lines = count(report.unconverted_lines)
        )
    } else {
        msg!(
            "reimb-pdf-total-converted",
            currency = cur,
            amount = report.total_converted.to_string()
        )
    };
    items.push(text(total.render(lang), 10.0, true));
    items.push(text(
        msg!(
            "reimb-pdf-outstanding",
            currency = cur,
            amount = report.outstanding_converted.to_string()
        )
        .render(lang),
        10.0,
        true,
    ));
    if !report.parties.payment_note.trim().is_empty() {
        items.push(Item::Gap(6.0));
        items.push(text(msg!("reimb-pdf-payment").render(lang), 10.0, true));
        for l in report.parties.payment_note.lines() {
            for line in m.wrap(l, BODY, false, full) {
                items.push(text(line, BODY, false));
            }
        }
    }
    if !report.notes.is_empty() {
        items.push(Item::Gap(6.0));
        items.push(text(msg!("reimb-pdf-notes").render(lang), 10.0, true));
        for n in &report.notes {
            for line in m.wrap(&n.render(lang), BODY, false, full) {
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
        items.push(text(msg!("reimb-pdf-receipts").render(lang), 10.0, true));
        for (n, r) in receipts {
            let line = msg!(
                "reimb-pdf-receipt-entry",
                line = n,
                name = r.name.as_str(),
                original = r.original_name.as_str(),
                size = r.size.to_string(),
                sha256 = r.sha256.as_str()
            )
            .render(lang);
            items.push(text(m.fit(&line, BODY, false, full), BODY, false));
        }
    }
    items
}

/// A count as a message argument (a number, for the plural forms).
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Places the items on pages: the title block on the first page, a short
/// heading on the others, and the table header again wherever rows go on.
fn paginate(report: &Report, items: Vec<Item>, m: &Measure, lang: Lang) -> Vec<Vec<(f32, Item)>> {
    let mut pages: Vec<Vec<(f32, Item)>> = Vec::new();
    let mut page = title_block(report, m, lang);
    let mut y = page.last().map_or(MARGIN, |(y, i)| y + i.height()) + 8.0;
    let mut in_table = false;
    let mut titles: Vec<String> = Vec::new();
    for item in items {
        match item {
            Item::TableHeader(ref c) => {
                in_table = true;
                titles = c.clone();
            }
            Item::Rule => in_table = false,
            _ => {}
        }
        if y + item.height() > BOTTOM {
            pages.push(std::mem::take(&mut page));
            let heading = Item::Text {
                text: m.fit(
                    &msg!(
                        "reimb-pdf-continued",
                        client = report.client.as_str(),
                        from = report.from.to_string(),
                        to = report.to.to_string()
                    )
                    .render(lang),
                    9.0,
                    true,
                    PAGE_W - 2.0 * MARGIN,
                ),
                size: 9.0,
                bold: true,
            };
            y = MARGIN + 12.0;
            let h = heading.height();
            page.push((y, heading));
            y += h + 6.0;
            if in_table && !matches!(item, Item::TableHeader(_)) {
                page.push((y, Item::TableHeader(titles.clone())));
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

fn title_block(report: &Report, m: &Measure, lang: Lang) -> Vec<(f32, Item)> {
    let mut out = Vec::new();
    let mut y = MARGIN + 16.0;
    let full = PAGE_W - 2.0 * MARGIN;
    let mut push = |text: String, size: f32, bold: bool| {
        let item = Item::Text {
            text: m.fit(&text, size, bold, full),
            size,
            bold,
        };
        let h = item.height();
        out.push((y, item));
        y += h;
    };
    match report.number_text() {
        Some(n) => push(
            msg!("reimb-pdf-title-numbered", number = n).render(lang),
            16.0,
            true,
        ),
        None => push(msg!("reimb-pdf-title").render(lang), 16.0, true),
    }
    let joined = |text: &str| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sender = joined(&report.parties.sender);
    if !sender.is_empty() {
        push(
            msg!("reimb-pdf-from", sender = sender).render(lang),
            10.0,
            false,
        );
    }
    let to = joined(&report.parties.client_address);
    let client = if to.is_empty() {
        report.client.clone()
    } else {
        to
    };
    push(
        msg!("reimb-pdf-client", client = client).render(lang),
        10.0,
        false,
    );
    push(
        msg!(
            "reimb-pdf-period",
            from = report.from.to_string(),
            to = report.to.to_string()
        )
        .render(lang),
        10.0,
        false,
    );
    push(
        msg!("reimb-pdf-amounts", currency = report.currency.as_str()).render(lang),
        10.0,
        false,
    );
    push(
        msg!("reimb-pdf-generated", at = generated_text(report)).render(lang),
        10.0,
        false,
    );
    if !report.include_reimbursed {
        push(msg!("reimb-pdf-left-out").render(lang), 10.0, false);
    }
    if !report.without_receipt.is_empty() {
        let n = report.without_receipt.len();
        let mut list: Vec<String> = report
            .without_receipt
            .iter()
            .take(40)
            .map(|n| format!("#{n}"))
            .collect();
        if n > 40 {
            list.push("…".into());
        }
        push(
            msg!(
                "reimb-pdf-without-receipt",
                count = n,
                list = list.join(", ")
            )
            .render(lang),
            10.0,
            true,
        );
    }
    out
}

/// How an appended receipt goes on pages, decided before any page is drawn
/// so that every page's footer can count them all.
enum Plan {
    /// A PDF receipt's pages as they are (sizes in points), under a band
    /// with the heading and above a band with the footer.
    Pdf(krilla::pdf::PdfDocument, Vec<(f32, f32)>),
    /// An image on a page of its own.
    Image(krilla::image::Image, (u32, u32)),
    /// Text pages, the lines wrapped and cut into pages.
    Text(Vec<Vec<String>>),
}

impl Plan {
    fn pages(&self) -> usize {
        match self {
            Plan::Pdf(_, sizes) => sizes.len(),
            Plan::Image(..) => 1,
            Plan::Text(chunks) => chunks.len(),
        }
    }
}

/// Lines of 9-point text under a receipt heading.
const TEXT_LINE_H: f32 = 9.0 * 1.45;
const TEXT_TOP: f32 = MARGIN + 40.0;

/// Plans one receipt: a PDF's pages, an image's page, or text pages (an
/// e-mail, or the note that says the file is in the ZIP when the writer
/// cannot embed it).
fn plan(a: &Appended, m: &Measure, embed: bool, lang: Lang) -> Plan {
    if let (Body::Pdf(bytes), true) = (&a.body, embed) {
        if let Ok(pdf) = krilla::pdf::Pdf::new(std::sync::Arc::new(bytes.clone())) {
            let sizes: Vec<(f32, f32)> = pdf
                .pages()
                .iter()
                .map(|p| p.render_dimensions())
                .filter(|&(w, h)| {
                    PageSettings::from_wh(w.max(200.0), h + BAND + FOOT).is_some()
                        && PageSize::from_wh(w, h).is_some()
                })
                .collect();
            if !sizes.is_empty() {
                let doc = krilla::pdf::PdfDocument::new(std::sync::Arc::new(pdf));
                return Plan::Pdf(doc, sizes);
            }
        }
    }
    if let (Body::Image(bytes, kind), true) = (&a.body, embed) {
        let data: krilla::Data = bytes.clone().into();
        let image = match kind {
            ImageKind::Png => krilla::image::Image::from_png(data, true),
            ImageKind::Jpeg => krilla::image::Image::from_jpeg(data, true),
        };
        if let Ok(image) = image {
            let size = image.size();
            if size.0 > 0 && size.1 > 0 {
                return Plan::Image(image, size);
            }
        }
    }
    let text = match &a.body {
        Body::Text(t) => t.clone(),
        Body::Pdf(_) => msg!("reimb-pdf-pdf-not-placed").render(lang),
        Body::Image(..) => msg!("reimb-pdf-image-not-read").render(lang),
        Body::Other => msg!("reimb-pdf-other-file").render(lang),
    };
    let mut lines: Vec<String> = Vec::new();
    for l in text.lines() {
        if l.trim().is_empty() {
            lines.push(String::new());
        } else {
            lines.extend(m.wrap(l, 9.0, false, PAGE_W - 2.0 * MARGIN));
        }
    }
    let per_page = (((BOTTOM - TEXT_TOP) / TEXT_LINE_H) as usize).max(1);
    if lines.is_empty() {
        Plan::Text(vec![Vec::new()])
    } else {
        Plan::Text(lines.chunks(per_page).map(<[String]>::to_vec).collect())
    }
}

/// Height of the band below an appended PDF receipt page that holds the
/// report's footer.
const FOOT: f32 = 24.0;

/// Draws one planned receipt: each page headed with its line and footed
/// with the report's footer, numbered on from `first_page`.
fn append(
    doc: &mut Document,
    a: &Appended,
    plan: &Plan,
    pen_parts: (&Fonts<'_>, &Measure),
    first_page: usize,
    footer: &dyn Fn(usize) -> String,
    lang: Lang,
) -> Result<(), ReimburseError> {
    let (f, m) = pen_parts;
    match plan {
        Plan::Pdf(doc_pdf, sizes) => {
            for (i, &(w, h)) in sizes.iter().enumerate() {
                let page_w = w.max(200.0);
                let (Some(settings), Some(size)) = (
                    PageSettings::from_wh(page_w, h + BAND + FOOT),
                    PageSize::from_wh(w, h),
                ) else {
                    continue;
                };
                let mut page = doc.start_page_with(settings);
                let mut s = page.surface();
                let mut pen = Pen { s: &mut s, f, m };
                let head = m.fit(&a.heading, 9.0, true, page_w - 24.0);
                pen.text(12.0, 19.0, &head, 9.0, true);
                let foot = m.fit(&footer(first_page + i), 7.0, false, page_w - 24.0);
                pen.text(12.0, h + BAND + FOOT - 9.0, &foot, 7.0, false);
                s.push_transform(&Transform::from_translate(0.0, BAND));
                s.draw_pdf_page(doc_pdf, size, i);
                s.pop();
                s.finish();
                page.finish();
            }
        }
        Plan::Image(image, px) => {
            image_page(doc, a, image, *px, (f, m), &footer(first_page))?;
        }
        Plan::Text(chunks) => {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| ReimburseError::Pdf("page size".into()))?;
            for (k, chunk) in chunks.iter().enumerate() {
                let mut page = doc.start_page_with(settings.clone());
                let mut s = page.surface();
                let mut pen = Pen { s: &mut s, f, m };
                let head = if k == 0 {
                    a.heading.clone()
                } else {
                    msg!("reimb-pdf-heading-continued", heading = a.heading.as_str()).render(lang)
                };
                let head = m.fit(&head, 10.0, true, PAGE_W - 2.0 * MARGIN);
                pen.text(MARGIN, MARGIN + 16.0, &head, 10.0, true);
                pen.hline(MARGIN + 24.0);
                let mut y = TEXT_TOP;
                for l in chunk {
                    pen.text(MARGIN, y, l, 9.0, false);
                    y += TEXT_LINE_H;
                }
                pen.footer(PAGE_W, PAGE_H, &footer(first_page + k));
                s.finish();
                page.finish();
            }
        }
    }
    Ok(())
}

/// An image receipt on a page of its own: A4, upright for a tall image
/// and landscape for a wide one, the heading on top and the image scaled
/// to fit below it (never more than twice its size in points, so a small
/// screenshot stays sharp), the report's footer below.
fn image_page(
    doc: &mut Document,
    a: &Appended,
    image: &krilla::image::Image,
    (px_w, px_h): (u32, u32),
    (f, m): (&Fonts<'_>, &Measure),
    footer: &str,
) -> Result<(), ReimburseError> {
    let (page_w, page_h) = if px_h >= px_w {
        (PAGE_H, PAGE_W)
    } else {
        (PAGE_W, PAGE_H)
    };
    let top = MARGIN + 34.0;
    let (room_w, room_h) = (page_w - 2.0 * MARGIN, page_h - top - MARGIN);
    let scale = (room_w / px_w as f32).min(room_h / px_h as f32).min(2.0);
    let (w, h) = (px_w as f32 * scale, px_h as f32 * scale);
    let (Some(settings), Some(size)) = (
        PageSettings::from_wh(page_w, page_h),
        PageSize::from_wh(w, h),
    ) else {
        return Err(ReimburseError::Pdf("image page size".into()));
    };
    let mut page = doc.start_page_with(settings);
    let mut s = page.surface();
    let mut pen = Pen { s: &mut s, f, m };
    let head = m.fit(&a.heading, 10.0, true, room_w);
    pen.text(MARGIN, MARGIN + 16.0, &head, 10.0, true);
    pen.hline_at(MARGIN, page_w - MARGIN, MARGIN + 24.0);
    pen.footer(page_w, page_h, footer);
    // Centred across the page, from the top of the room below the heading.
    s.push_transform(&Transform::from_translate((page_w - w) / 2.0, top));
    s.draw_image(image.clone(), size);
    s.pop();
    s.finish();
    page.finish();
    Ok(())
}

/// The embedded fonts, loaded for krilla.
struct Fonts<'a> {
    regular: &'a Font,
    bold: &'a Font,
    cjk: &'a Font,
}

/// Draws on one page.
struct Pen<'a, 'b> {
    s: &'a mut Surface<'b>,
    f: &'a Fonts<'a>,
    m: &'a Measure,
}

impl Pen<'_, '_> {
    /// `text` from `x` on the baseline: each run in the font that has its
    /// characters.
    fn text(&mut self, x: f32, baseline: f32, text: &str, size: f32, bold: bool) {
        let mut x = x;
        for (face, run) in self.m.runs(text, bold) {
            if run.is_empty() {
                continue;
            }
            let font = match (face, bold) {
                (Face::Cjk, _) => self.f.cjk,
                (Face::Latin, true) => self.f.bold,
                (Face::Latin, false) => self.f.regular,
            };
            self.s.draw_text(
                Point::from_xy(x, baseline),
                font.clone(),
                size,
                run,
                false,
                TextDirection::Auto,
            );
            x += self.m.width(run, size, bold);
        }
    }

    /// The report's footer at the foot of a page `w` wide and `h` high.
    fn footer(&mut self, w: f32, h: f32, text: &str) {
        let text = self.m.fit(text, 7.0, false, w - 2.0 * MARGIN);
        self.text(MARGIN, h - 20.0, &text, 7.0, false);
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
        self.hline_at(MARGIN, PAGE_W - MARGIN, y);
    }

    fn hline_at(&mut self, from: f32, to: f32, y: f32) {
        let mut pb = PathBuilder::new();
        pb.move_to(from, y);
        pb.line_to(to, y);
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
            Item::TableHeader(titles) => {
                self.rect(MARGIN, y, PAGE_W - 2.0 * MARGIN, ROW_H, 225);
                self.cells(y, titles, true);
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

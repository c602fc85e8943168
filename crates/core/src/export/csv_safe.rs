//! CSV cells that are safe to open in a spreadsheet (SPEC §5).
//!
//! A text cell that begins with `=`, `+`, `-`, `@`, a TAB or a CR could be
//! read as a formula ("CSV injection"); such a cell gets a leading `'`, which
//! spreadsheets show as text and do not evaluate. Numbers are written by
//! [`number`] and are plain decimals (`-20.00`): a spreadsheet reads them as
//! numbers and never as formulas, so they are not neutralised.

use rust_decimal::Decimal;

/// The characters that make a text cell look like a formula when first.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell, neutralised when it could be read as a formula.
pub fn text(cell: &str) -> String {
    if cell.starts_with(TRIGGERS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A number cell: the plain decimal (`-20.00`, `1234.5`), which spreadsheets
/// read as a number. Only [`Decimal`]s reach here, never user text.
pub fn number(value: Decimal) -> String {
    value.to_string()
}

/// An optional number: empty when unknown.
pub fn opt_number(value: Option<Decimal>) -> String {
    value.map(number).unwrap_or_default()
}

/// The writer every CSV export uses: RFC 4180 quoting, CRLF line ends.
pub fn writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\tlead",
            "\rlead",
        ] {
            assert_eq!(text(bad), format!("'{bad}"));
        }
        assert_eq!(text("OPENAI *CHATGPT"), "OPENAI *CHATGPT");
        assert_eq!(text(""), "");
        assert_eq!(text("a=b"), "a=b");
    }

    #[test]
    fn numbers_stay_numbers() {
        assert_eq!(number(Decimal::new(-2000, 2)), "-20.00");
        assert_eq!(opt_number(None), "");
    }
}

//! CSV formats whose rows need code but whose file does not: the header is
//! the first non-blank line and holds a signature, as a [`CsvProfile`]'s
//! does, and the rows go to the format's own `read` function (Wise,
//! Revolut, the AI providers' cost exports). A [`CodedCsv`] entry names the
//! id, the header, the account and that function; the [`Format`] around it
//! (detection, header search, errors at the header) is written once, here.
//!
//! Invariant: a coded CSV is detected and its header found exactly as a
//! `HeaderAt::First` profile's: by [`header_has_all`] on the first
//! non-blank line.
//!
//! [`CsvProfile`]: super::profile::CsvProfile

use std::io::BufRead;

use super::rows::{CsvRows, Header};
use crate::import::pipeline::error::RowError;
use crate::import::pipeline::format::{header_has_all, Account, Format, Head, Parsed};
use crate::import::RowSink;

/// Reads the rows below the header into `sink`.
pub(crate) type ReadRows = fn(&mut CsvRows<'_>, &Header, &mut dyn RowSink) -> Result<(), RowError>;

/// One CSV format read by code, found by its header.
#[derive(Debug)]
pub(crate) struct CodedCsv {
    /// The format id (`--format` takes it).
    pub id: &'static str,
    /// What a user calls it.
    pub name: &'static str,
    /// The header as the file writes it, for messages.
    pub header: &'static str,
    /// The columns every file of the format has (compared as
    /// [`crate::import::pipeline::format::normalise_header`]).
    pub signature: &'static [&'static str],
    /// Columns whose presence says the file is another format (detection
    /// only).
    pub without: &'static [&'static str],
    /// How the default account (or, for provider records, the provider)
    /// is named.
    pub account: Account,
    /// Whether the rows are provider cost or usage records rather than
    /// statement lines ([`Format::records`]).
    pub records: bool,
    pub read: ReadRows,
}

impl Format for CodedCsv {
    fn id(&self) -> &'static str {
        self.id
    }

    fn name(&self) -> &'static str {
        self.name
    }

    fn detect(&self, head: &Head<'_>) -> bool {
        let header = head.csv_header();
        header_has_all(&header, self.signature)
            && !self.without.iter().any(|w| header_has_all(&header, &[*w]))
    }

    fn default_account(&self, hint: Option<&str>) -> String {
        self.account.name(hint)
    }

    fn records(&self) -> bool {
        self.records
    }

    fn parse(&self, _head: &Head<'_>, input: &mut dyn BufRead, sink: &mut dyn RowSink) -> Parsed {
        let mut rows = CsvRows::new(input);
        let header = rows.header(self.name, self.header, self.signature)?;
        (self.read)(&mut rows, &header, sink)
    }
}

//! Which format reads a file: the one `--format` names, else the first of
//! [`crate::import::FORMATS`] whose `detect` holds for the file's head; a
//! binary input only by a format that reads bytes.
//!
//! Invariant: detection reads only the head (the first bytes, decoded) and
//! tries the formats in the one order [`crate::import::FORMATS`] lists.

use crate::import::pipeline::error::Problem;
use crate::import::pipeline::format::{Format, Head};
use crate::import::{format_ids, FORMATS};

/// The format with id `id`, else the first that detects the head.
pub(crate) fn choose_format(
    head: &Head<'_>,
    id: Option<&str>,
) -> Result<&'static dyn Format, Problem> {
    match id {
        Some(id) => FORMATS
            .iter()
            .copied()
            .find(|f| f.id() == id)
            .ok_or_else(|| Problem::UnknownFormatId {
                id: id.to_owned(),
                known: format_ids(),
            }),
        None => FORMATS
            .iter()
            .copied()
            .find(|f| f.detect(head))
            .ok_or_else(|| Problem::UnknownFormat {
                first_line: head.first_line().chars().take(60).collect(),
            }),
    }
}

/// Keeps each input with the formats that can read it: binary input (a
/// ZIP) goes only to a format that reads bytes, and one that no format
/// claims, or that `--format` gives to a text format, is refused as binary.
pub(crate) fn for_input(
    chosen: Result<&'static dyn Format, Problem>,
    binary: bool,
) -> Result<&'static dyn Format, Problem> {
    match chosen {
        Ok(f) if binary && !f.reads_binary() => Err(Problem::Binary),
        Err(Problem::UnknownFormat { .. }) if binary => Err(Problem::Binary),
        other => other,
    }
}

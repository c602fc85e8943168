//! CSV statements: the reader every CSV format shares (`rows`), the one
//! table engine that runs both the built-in bank layouts ([`profile`],
//! listed as data in [`profiles`]) and the user's saved column mappings
//! ([`mapped`]), and the frame of the CSV formats whose rows need code
//! (`coded`).
//!
//! Invariant: a CSV layout that differs from another only in its header
//! names, date order, sign, account label, currency and status words is a
//! [`profile::CsvProfile`] entry, not code.

pub(crate) mod coded;
pub mod mapped;
pub mod profile;
pub mod profiles;
pub(crate) mod rows;

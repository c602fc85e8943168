//! The app's settings that live in the ledger (`app_settings`), and what the
//! start page and the Settings view read about the ledger.
//!
//! Invariant: a setting is one row per key; clearing it deletes the row.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::{date_from_int, Ledger, LedgerError};
use crate::money::Currency;

pub(crate) const CURRENCY_KEY: &str = "currency";
pub(crate) const SAMPLE_KEY: &str = "sample_batches";

/// What the start page shows about the open ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LedgerOverview {
    pub path: String,
    /// The folder holding the ledger (and its backups).
    pub data_folder: String,
    pub transactions: u64,
    pub schema_version: u32,
    /// The removable sample dataset is in the ledger.
    pub sample_loaded: bool,
    /// The currency the dashboard shows; `None` for an empty ledger.
    pub currency: Option<String>,
}

/// One account with how many counted lines it has and their dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountInfo {
    pub name: String,
    pub lines: u64,
    pub first_date: Option<chrono::NaiveDate>,
    pub last_date: Option<chrono::NaiveDate>,
}

/// The Settings view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Settings {
    pub ledger_path: String,
    pub data_folder: String,
    /// The display currency: the one the user chose, else the ledger's main one.
    pub currency: Option<String>,
    /// The user chose `currency` (it is not just the ledger's main one).
    pub currency_chosen: bool,
    pub accounts: Vec<AccountInfo>,
}

impl Ledger {
    pub(crate) fn app_setting(&self, key: &str) -> Result<Option<String>, LedgerError> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM app_settings WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub(crate) fn set_app_setting(
        &self,
        key: &str,
        value: Option<&str>,
    ) -> Result<(), LedgerError> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO app_settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, v],
            )?,
            None => self
                .conn
                .execute("DELETE FROM app_settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// The currency the user chose for the dashboard, if any.
    pub fn chosen_currency(&self) -> Result<Option<Currency>, LedgerError> {
        Ok(self
            .app_setting(CURRENCY_KEY)?
            .and_then(|c| Currency::parse(&c).ok()))
    }

    /// The currency most counted lines are billed in (ties: the first code).
    pub fn main_currency(&self) -> Result<Option<Currency>, LedgerError> {
        let code: Option<String> = self
            .conn
            .query_row(
                "SELECT currency FROM rollup_daily GROUP BY currency
                  ORDER BY sum(n) DESC, currency LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(code.and_then(|c| Currency::parse(&c).ok()))
    }

    /// The dashboard's currency: the user's choice, else the main one.
    pub fn display_currency(&self) -> Result<Option<Currency>, LedgerError> {
        match self.chosen_currency()? {
            Some(c) => Ok(Some(c)),
            None => self.main_currency(),
        }
    }

    /// Every account with its counted lines (posted and pending) and dates.
    pub fn accounts_info(&self) -> Result<Vec<AccountInfo>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.name, coalesce(sum(r.n), 0), min(r.day), max(r.day)
               FROM accounts a LEFT JOIN rollup_daily r ON r.account_id = a.id
              GROUP BY a.id ORDER BY a.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, n, lo, hi) = row?;
            out.push(AccountInfo {
                name,
                lines: n.max(0) as u64,
                first_date: lo.and_then(date_from_int),
                last_date: hi.and_then(date_from_int),
            });
        }
        Ok(out)
    }

    fn path_text(&self) -> (String, String) {
        match self.path() {
            Some(p) => (
                p.display().to_string(),
                p.parent()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default(),
            ),
            None => (":memory:".into(), String::new()),
        }
    }

    /// A number that changes when another connection (the CLI, a second
    /// window) has written to the ledger since this one last looked:
    /// SQLite's `PRAGMA data_version`. The app polls it to reload its views.
    /// This connection's own writes leave it as it is.
    pub fn external_version(&self) -> Result<i64, LedgerError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// What the start page shows.
    pub fn overview(&self) -> Result<LedgerOverview, LedgerError> {
        let (path, data_folder) = self.path_text();
        Ok(LedgerOverview {
            path,
            data_folder,
            transactions: self.transaction_count()?,
            schema_version: self.schema_version()?,
            sample_loaded: self.app_setting(SAMPLE_KEY)?.is_some(),
            currency: self.display_currency()?.map(|c| c.as_str().to_owned()),
        })
    }

    /// What the Settings view shows.
    pub fn settings(&self) -> Result<Settings, LedgerError> {
        let (ledger_path, data_folder) = self.path_text();
        let chosen = self.chosen_currency()?;
        Ok(Settings {
            ledger_path,
            data_folder,
            currency: self.display_currency()?.map(|c| c.as_str().to_owned()),
            currency_chosen: chosen.is_some(),
            accounts: self.accounts_info()?,
        })
    }
}

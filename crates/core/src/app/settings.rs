//! The Settings view's writes (SPEC §8): the display currency. What the
//! start page and the Settings view read lives with its SQL in
//! `ledger::views_settings` and is re-exported here.
//!
//! Invariant: a currency is stored only as a valid ISO 4217 code.

use super::AppError;
use crate::ledger::views_settings::CURRENCY_KEY;
use crate::ledger::Ledger;
use crate::money::Currency;

pub(crate) use crate::ledger::views_settings::SAMPLE_KEY;
pub use crate::ledger::views_settings::{AccountInfo, LedgerOverview, Settings};

/// Sets (or, with `None`, clears) the dashboard's currency.
pub fn set_display_currency(ledger: &mut Ledger, code: Option<&str>) -> Result<(), AppError> {
    let code = match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some(
            Currency::parse(&c.to_ascii_uppercase())
                .map_err(|_| AppError::BadCurrency(c.to_owned()))?,
        ),
        None => None,
    };
    ledger.set_app_setting(CURRENCY_KEY, code.as_ref().map(Currency::as_str))?;
    Ok(())
}

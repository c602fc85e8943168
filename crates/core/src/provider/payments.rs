//! Payments a provider recorded: credit purchases, invoices and receipts,
//! as the user enters them from the provider's billing page or a receipt.
//! Reconciliation and the top-up checklist match them to card lines.
//!
//! The rows and their storage are the ledger's ([`crate::ledger::payments`]);
//! this module keeps what a user may enter.

use rust_decimal::Decimal;

use crate::ledger::payments::PaymentMicros;
use crate::ledger::{Ledger, LedgerError};
use crate::money::to_micros;

pub use crate::ledger::payments::{NewPayment, PaymentKind, PaymentRow, PaymentStatus};

/// Why a payment record was refused.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("amount {0} is not a payment; expected a positive amount such as 20.00")]
    NotPositive(Decimal),
    #[error("amount {0} is too large to record")]
    TooLarge(Decimal),
    #[error("card last 4 {0:?} is not four digits; expected the last four digits of the card, such as 4242")]
    BadLast4(String),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl PaymentError {
    /// True when the user entered a payment that cannot be recorded (CLI
    /// exit code 2), rather than a failure of the system.
    pub fn is_bad_input(&self) -> bool {
        match self {
            PaymentError::Ledger(e) => e.is_bad_input(),
            _ => true,
        }
    }
}

/// Records a provider payment; returns it as stored.
pub fn add_payment(ledger: &mut Ledger, p: &NewPayment) -> Result<PaymentRow, PaymentError> {
    if p.amount <= Decimal::ZERO {
        return Err(PaymentError::NotPositive(p.amount));
    }
    let amount = to_micros(p.amount).map_err(|_| PaymentError::TooLarge(p.amount))?;
    let last4 = p.card_last4.as_deref().map(str::trim);
    if let Some(l) = last4 {
        if l.len() != 4 || !l.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PaymentError::BadLast4(l.to_owned()));
        }
    }
    let amounts = PaymentMicros {
        amount,
        balance_before: balance(p.balance_before)?,
        balance_after: balance(p.balance_after)?,
    };
    Ok(ledger.insert_payment(p, amounts, last4)?)
}

fn balance(b: Option<Decimal>) -> Result<Option<i64>, PaymentError> {
    b.map(|b| to_micros(b).map_err(|_| PaymentError::TooLarge(b)))
        .transpose()
}

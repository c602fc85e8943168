//! What card lines say about a top-up: the bank's status and the amount the
//! provider billed. One reading, shared by reconciliation (the facts a flag
//! starts from) and cases (the facts linked lines show).
//!
//! Invariant: a set of lines has the most advanced state any of them
//! reached (settled, else pending, else reversed), and a charge is measured
//! in the currency the provider billed.

use rust_decimal::Decimal;

use super::BankStatus;
use crate::ledger::{TxnRow, TxnStatus};
use crate::money::Currency;

/// The bank's status for a charge seen as these card lines: settled when
/// any line is posted, else pending when any is pending, else reversed.
pub fn bank_status<I: IntoIterator<Item = TxnStatus>>(statuses: I) -> BankStatus {
    let (mut posted, mut pending) = (false, false);
    for s in statuses {
        match s {
            TxnStatus::Posted => posted = true,
            TxnStatus::Pending => pending = true,
            TxnStatus::Reverted => {}
        }
    }
    if posted {
        BankStatus::Settled
    } else if pending {
        BankStatus::Pending
    } else {
        BankStatus::Reversed
    }
}

/// The magnitude of a charge in the currency the provider billed: the
/// original amount where the statement gives one (a card in another
/// currency), else the billed amount.
pub fn charge_amount(t: &TxnRow) -> (Decimal, Currency) {
    match (t.original_amount, t.original_currency) {
        (Some(a), Some(c)) => (a.abs(), c),
        _ => (t.amount.abs(), t.currency),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_advanced_state_wins() {
        use TxnStatus::*;
        assert_eq!(bank_status([Pending, Posted]), BankStatus::Settled);
        assert_eq!(bank_status([Reverted, Pending]), BankStatus::Pending);
        assert_eq!(bank_status([Reverted]), BankStatus::Reversed);
        assert_eq!(bank_status([Posted]), BankStatus::Settled);
    }
}

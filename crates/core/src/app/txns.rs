//! The transactions view (SPEC §8): the query, page and facet types live
//! with their SQL in `ledger::views_txns` and are re-exported here; this file
//! adds what the editor sends.
//!
//! Invariant: no SQL here; a page is the ledger's keyset page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::classify::Class;

pub use crate::ledger::views_txns::{TxnCursor, TxnFacets, TxnJump, TxnPage, TxnQuery, MAX_PAGE};

/// What the user changed on a line in the editor; `None` leaves a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TxnEditInput {
    pub class: Option<Class>,
    pub vendor: Option<String>,
    pub tags: Option<Vec<String>>,
    pub note: Option<String>,
}

impl TxnEditInput {
    /// The ledger's edit for this input (a class by its id).
    pub fn to_edit(self) -> crate::ledger::TxnEdit {
        let e = self;
        crate::ledger::TxnEdit {
            class: e.class.map(|c| c.as_str().to_owned()),
            vendor: e.vendor,
            product: None,
            tags: e.tags,
            note: e.note,
        }
    }
}

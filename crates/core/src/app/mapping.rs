//! The import view's mapping step for a CSV no built-in format reads: what
//! the step shows, the typed mapping it sends back, and the one check of
//! whether a mapping can be used.
//!
//! Invariant: [`check_mapping`] is the only place that decides whether a
//! mapping is complete; the mapping step asks it (through the API) and every
//! mapping the CLI or the app hands the importer has passed it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AppError;
use crate::import::mapped::{MapSpec, MapSpecError};
use crate::import::unmapped_csv;
use crate::ledger::Ledger;

/// What a column holds, as the mapping step offers it (the `--map` keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MapRole {
    Date,
    Description,
    Amount,
    Debit,
    Credit,
    Currency,
    Status,
    Id,
    Memo,
    Category,
    Merchant,
    Descriptor,
    Goods,
}

impl MapRole {
    /// Every role, in the order the step shows them.
    pub const ALL: [MapRole; 13] = [
        MapRole::Date,
        MapRole::Description,
        MapRole::Amount,
        MapRole::Debit,
        MapRole::Credit,
        MapRole::Currency,
        MapRole::Status,
        MapRole::Id,
        MapRole::Memo,
        MapRole::Category,
        MapRole::Merchant,
        MapRole::Descriptor,
        MapRole::Goods,
    ];

    /// The role's `--map` key.
    pub fn as_str(self) -> &'static str {
        match self {
            MapRole::Date => "date",
            MapRole::Description => "description",
            MapRole::Amount => "amount",
            MapRole::Debit => "debit",
            MapRole::Credit => "credit",
            MapRole::Currency => "currency",
            MapRole::Status => "status",
            MapRole::Id => "id",
            MapRole::Memo => "memo",
            MapRole::Category => "category",
            MapRole::Merchant => "merchant",
            MapRole::Descriptor => "descriptor",
            MapRole::Goods => "goods",
        }
    }
}

/// One column of a mapping: the header text of the column that holds `role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MappedColumn {
    pub role: MapRole,
    /// The column's header exactly as the file has it (commas and quotes
    /// included: nothing is parsed out of it).
    pub column: String,
}

/// A column mapping as the mapping step sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub columns: Vec<MappedColumn>,
}

/// Whether a mapping can be used, and which roles it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappingCheck {
    pub valid: bool,
    /// What to map still: `date`, `description`, and `amount` (or `debit`,
    /// with `credit` when the file has one).
    pub missing: Vec<MapRole>,
}

/// The one check of a mapping: it needs a date, a description, and the
/// money as one signed `amount` column or a `debit` column (a `credit`
/// column beside it is optional).
pub fn check_mapping(roles: &[MapRole]) -> MappingCheck {
    let has = |r: MapRole| roles.contains(&r);
    let mut missing = Vec::new();
    for r in [MapRole::Date, MapRole::Description] {
        if !has(r) {
            missing.push(r);
        }
    }
    if !has(MapRole::Amount) && !has(MapRole::Debit) {
        missing.push(MapRole::Amount);
    }
    MappingCheck {
        valid: missing.is_empty(),
        missing,
    }
}

/// The roles a parsed `--map` names.
pub fn roles_of(spec: &MapSpec) -> Vec<MapRole> {
    let mut roles = Vec::new();
    let mut role = |r: MapRole, present: bool| {
        if present {
            roles.push(r);
        }
    };
    role(MapRole::Date, !spec.date.is_empty());
    role(MapRole::Description, !spec.description.is_empty());
    role(MapRole::Amount, spec.amount.is_some());
    role(MapRole::Debit, spec.debit.is_some());
    role(MapRole::Credit, spec.credit.is_some());
    role(MapRole::Currency, spec.currency.is_some());
    role(MapRole::Status, spec.status.is_some());
    role(MapRole::Id, spec.id.is_some());
    role(MapRole::Memo, spec.memo.is_some());
    role(MapRole::Category, spec.category.is_some());
    role(MapRole::Merchant, spec.merchant.is_some());
    role(MapRole::Descriptor, spec.descriptor.is_some());
    role(MapRole::Goods, spec.goods.is_some());
    roles
}

/// The first role [`check_mapping`] finds missing, as the importer's error.
fn refuse(check: &MappingCheck) -> Result<(), MapSpecError> {
    match check.missing.first() {
        None => Ok(()),
        Some(r) => Err(MapSpecError::Missing(r.as_str())),
    }
}

/// Checks a `--map` the CLI parsed (the same check the mapping step uses).
pub fn checked_spec(spec: MapSpec) -> Result<MapSpec, MapSpecError> {
    refuse(&check_mapping(&roles_of(&spec)))?;
    Ok(spec)
}

impl PartialEq<str> for MapRole {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl ColumnMapping {
    /// [`check_mapping`] of the roles given a column (an empty column name
    /// is none).
    pub fn check(&self) -> MappingCheck {
        let roles: Vec<MapRole> = self
            .columns
            .iter()
            .filter(|c| !c.column.trim().is_empty())
            .map(|c| c.role)
            .collect();
        check_mapping(&roles)
    }

    /// The importer's mapping, once [`check_mapping`] accepts it. A column
    /// named for a role twice keeps the last; an empty column name is none.
    pub fn to_spec(&self) -> Result<MapSpec, MapSpecError> {
        refuse(&self.check())?;
        let mut spec = MapSpec::default();
        for c in &self.columns {
            let column = c.column.trim();
            if column.is_empty() {
                continue;
            }
            let v = Some(column.to_owned());
            match c.role {
                MapRole::Date => spec.date = column.to_owned(),
                MapRole::Description => spec.description = column.to_owned(),
                MapRole::Amount => spec.amount = v,
                MapRole::Debit => spec.debit = v,
                MapRole::Credit => spec.credit = v,
                MapRole::Currency => spec.currency = v,
                MapRole::Status => spec.status = v,
                MapRole::Id => spec.id = v,
                MapRole::Memo => spec.memo = v,
                MapRole::Category => spec.category = v,
                MapRole::Merchant => spec.merchant = v,
                MapRole::Descriptor => spec.descriptor = v,
                MapRole::Goods => spec.goods = v,
            }
        }
        Ok(spec)
    }
}

/// A file that needs a column mapping, with what the step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappingNeeded {
    pub header: Vec<String>,
    pub sample: Vec<Vec<String>>,
    pub suggested_profile: String,
    /// The roles a mapping may give, in the order shown.
    pub fields: Vec<MapRole>,
    /// The physical line the header was read from: a bank's preamble above
    /// it is skipped; the step lets the user pick another line.
    pub header_line: u64,
}

/// The mapping step for `path`, if it needs one (see
/// [`crate::import::unmapped_csv`]), with its header on `header_line` when
/// the user gave one.
pub fn mapping_needed(
    ledger: &Ledger,
    path: &Path,
    header_line: Option<u64>,
) -> Result<Option<MappingNeeded>, AppError> {
    Ok(
        unmapped_csv(ledger, path, 5, header_line)?.map(|u| MappingNeeded {
            header_line: u.header_line,
            header: u.header,
            sample: u.sample,
            suggested_profile: u.suggested_profile,
            fields: MapRole::ALL.to_vec(),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(role: MapRole, column: &str) -> MappedColumn {
        MappedColumn {
            role,
            column: column.into(),
        }
    }

    #[test]
    fn a_mapping_needs_date_description_and_money() {
        use MapRole::*;
        assert!(check_mapping(&[Date, Description, Amount]).valid);
        assert!(check_mapping(&[Date, Description, Debit]).valid);
        assert!(check_mapping(&[Date, Description, Debit, Credit]).valid);
        assert_eq!(
            check_mapping(&[Date, Credit]).missing,
            [Description, Amount]
        );
    }

    #[test]
    fn a_header_with_a_comma_is_one_column() {
        let m = ColumnMapping {
            columns: vec![
                col(MapRole::Date, "Date"),
                col(MapRole::Description, "Payee, name"),
                col(MapRole::Amount, "Amount (EUR)"),
            ],
        };
        let spec = m.to_spec().expect("a usable mapping");
        assert_eq!(spec.description, "Payee, name");
        let missing = ColumnMapping {
            columns: vec![col(MapRole::Date, "Date")],
        };
        assert_eq!(missing.to_spec(), Err(MapSpecError::Missing("description")));
    }
}

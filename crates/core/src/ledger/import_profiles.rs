//! The `mapping_profiles` table: the user's saved column mappings, each
//! under a name with the header it is for (SPEC §3).
//!
//! Invariant: a profile's spec is stored as the text `--map` takes; this
//! module never reads it (the importer parses it), and a header key is
//! matched exactly, most recently used first.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{Ledger, LedgerError};

/// A saved mapping profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProfileRow {
    pub name: String,
    /// The mapping, as `--map` takes it.
    pub spec: String,
    /// The header it is used for, its cells joined by commas.
    pub header: String,
    pub created_at: String,
    pub used_at: Option<String>,
}

impl Ledger {
    /// The saved mapping profiles, by name.
    pub fn mapping_profiles(&self) -> Result<Vec<ProfileRow>, LedgerError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, spec, header_key, created_at, used_at FROM mapping_profiles ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ProfileRow {
                name: r.get(0)?,
                spec: r.get(1)?,
                header: r.get::<_, String>(2)?.replace('\u{1f}', ","),
                created_at: r.get(3)?,
                used_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets a mapping profile; files with its header are then asked
    /// about again.
    pub fn remove_mapping_profile(&mut self, name: &str) -> Result<(), LedgerError> {
        match self
            .conn
            .execute("DELETE FROM mapping_profiles WHERE name = ?1", [name])?
        {
            0 => Err(LedgerError::NoSuchProfile(name.to_owned())),
            _ => Ok(()),
        }
    }

    /// The `(name, spec)` of the most recently used profile saved for the
    /// first of `header_keys` any profile is saved for.
    pub(crate) fn profile_for_headers(
        &self,
        header_keys: impl IntoIterator<Item = String>,
    ) -> rusqlite::Result<Option<(String, String)>> {
        profile_for_headers(&self.conn, header_keys)
    }
}

fn profile_for_headers(
    conn: &Connection,
    header_keys: impl IntoIterator<Item = String>,
) -> rusqlite::Result<Option<(String, String)>> {
    for key in header_keys {
        let found = conn
            .query_row(
                "SELECT name, spec FROM mapping_profiles WHERE header_key = ?1
                  ORDER BY coalesce(used_at, created_at) DESC, id DESC LIMIT 1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Saves (or refreshes) the mapping a batch used, under its name and
/// header, and notes the profile on the batch.
pub(crate) fn save_profile(
    tx: &Transaction<'_>,
    batch_id: i64,
    name: &str,
    header_key: &str,
    spec: &str,
) -> rusqlite::Result<()> {
    let now = crate::clock::now_utc_text();
    tx.execute(
        "INSERT INTO mapping_profiles (name, header_key, spec, created_at, used_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (name) DO UPDATE SET header_key = excluded.header_key,
                spec = excluded.spec, used_at = excluded.used_at",
        params![name, header_key, spec, now],
    )?;
    tx.execute(
        "UPDATE import_batches SET profile = ?2 WHERE id = ?1",
        params![batch_id, name],
    )?;
    Ok(())
}

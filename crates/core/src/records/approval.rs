//! Approval: where each scenario version stands for certification, read
//! from the catalogue's ledger (`catalogue_events`: a version's status is
//! its latest event). Certification and the attempt history read it here;
//! changing it is [`super::catalogue`]'s, which sits above them because a
//! change recomputes the certifications of the trainees who played the
//! version.

use crate::certification::Approval;
use crate::clock::read_instant;
use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a version stands in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum VersionStatus {
    /// Passes at it count.
    Approved,
    /// Passes at it no longer count.
    Withdrawn,
}

impl VersionStatus {
    /// The stored id (`approved`, `withdrawn`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The status stored as `s`; anything else is a database error.
    pub(crate) fn parse(s: &str) -> Result<Self> {
        match s {
            "approved" => Ok(VersionStatus::Approved),
            "withdrawn" => Ok(VersionStatus::Withdrawn),
            other => Err(Error::Database(format!(
                "unknown catalogue status \"{other}\" in the database"
            ))),
        }
    }
}

/// Every version's standing, for certification: (id, hash) → approval.
/// Versions the catalogue never listed are absent (unapproved).
pub(crate) fn approvals(conn: &Connection) -> Result<HashMap<(String, String), Approval>> {
    let mut stmt = conn.prepare_cached(
        "SELECT scenario_id, content_hash, event, actor, at, reason FROM catalogue_events ORDER BY seq",
    )?;
    type Row = (String, String, String, String, String, Option<String>);
    let rows: Vec<Row> = stmt
        .query_map([], |r| TryFrom::try_from(r))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = HashMap::new();
    for (id, hash, event, actor, at, reason) in rows {
        let a = match VersionStatus::parse(&event)? {
            VersionStatus::Approved => Approval::Approved,
            VersionStatus::Withdrawn => Approval::Withdrawn {
                on: read_instant(&at)?.date_naive(),
                by: actor,
                reason: reason.unwrap_or_default(),
            },
        };
        out.insert((id, hash), a);
    }
    Ok(out)
}

/// The approval of one version in a map from [`approvals`].
pub(crate) fn approval_of(
    map: &HashMap<(String, String), Approval>,
    id: &str,
    hash: &str,
) -> Approval {
    map.get(&(id.to_string(), hash.to_string()))
        .cloned()
        .unwrap_or(Approval::Unapproved)
}

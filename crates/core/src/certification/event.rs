//! What a certification ledger row records: a grant, a renewal or a
//! withdrawal, with its written form (stored, exported, audited) in one
//! place. The records store it ([`crate::records::CertificationEvent`]).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// What a row of the certification ledger records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum CertificationKind {
    /// A first certification.
    Granted,
    /// A renewal after a refresher assessment.
    Renewed,
    /// A grant no longer supported (after moderation or a withdrawn
    /// scenario version).
    Withdrawn,
}

impl CertificationKind {
    /// The stable id, as stored, exported and audited
    /// (`certification.granted`).
    pub fn id(self) -> &'static str {
        self.into()
    }
}

impl std::fmt::Display for CertificationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for CertificationKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        [
            CertificationKind::Granted,
            CertificationKind::Renewed,
            CertificationKind::Withdrawn,
        ]
        .into_iter()
        .find(|k| k.id() == s)
        .ok_or_else(|| {
            Error::Database(format!(
                "stored certification event \"{s}\" is not granted, renewed or withdrawn"
            ))
        })
    }
}

impl PartialEq<&str> for CertificationKind {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

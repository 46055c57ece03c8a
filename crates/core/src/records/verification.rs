//! Verifying the records: every hash chain walked from its genesis, the
//! live rows of the tables that change in place against their sealed
//! histories, observation notes against their sealed digests, and every
//! chain against the newest signed checkpoint. It sits above the modules it
//! checks, so sealing ([`super::chain`]) depends on none of them.

use super::chain::{self, ChainReport, Tamper, CHAINS, OBSERVATION_NOTES};
use super::store::Store;
use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The result of walking every chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// One entry per chain.
    pub chains: Vec<ChainReport>,
    /// The tables whose rows change in place (trainers, trainees, settings,
    /// turns): each live row against its latest sealed history entry.
    #[serde(default)]
    pub live: Vec<ChainReport>,
    /// The chains against the newest signed checkpoint.
    #[serde(default)]
    pub checkpoint: Option<super::checkpoint::CheckpointReport>,
}

impl Verification {
    /// Whether every chain matches, and still reaches its last checkpoint.
    pub fn is_ok(&self) -> bool {
        self.chains.iter().all(|c| c.tamper.is_none())
            && self.live.iter().all(|c| c.tamper.is_none())
            && self.checkpoint.as_ref().is_none_or(|c| c.is_ok())
    }

    /// The rows that do not match: one per broken chain and per live
    /// table, then every checkpoint finding.
    pub fn tampered(&self) -> Vec<&Tamper> {
        self.chains
            .iter()
            .chain(&self.live)
            .filter_map(|c| c.tamper.as_ref())
            .chain(self.checkpoint.iter().flat_map(|c| &c.problems))
            .collect()
    }
}

/// Walks every chain from its first row, stopping each at its first
/// mismatch, and the live tables (no checkpoint).
pub(crate) fn verify(conn: &Connection) -> Result<Verification> {
    let mut chains = Vec::new();
    for chain in CHAINS {
        let mut report = chain::verify_chain(conn, chain)?;
        if report.tamper.is_none() && chain.table == OBSERVATION_NOTES.table {
            report.tamper = super::observation::verify_note_texts(conn)?;
        }
        chains.push(report);
    }
    Ok(Verification {
        chains,
        live: super::ledger::verify(conn)?,
        checkpoint: None,
    })
}

impl Store {
    /// Walks every hash chain (attempts, grades, overrides, certifications,
    /// audit, catalogue and the histories of trainers, trainees, settings
    /// and turns), checks the live rows of those four against their
    /// histories and every chain against the newest signed checkpoint.
    pub fn verify(&self) -> Result<Verification> {
        let mut v = verify(&self.conn)?;
        let mut c = self.verify_checkpoint()?;
        // A chain whose walk already names a row needs no second, vaguer
        // finding from the checkpoint (a row deleted from the middle also
        // makes the chain shorter than it was).
        c.problems.retain(|p| {
            !v.chains
                .iter()
                .any(|ch| ch.table == p.table && ch.tamper.is_some())
        });
        v.checkpoint = Some(c);
        Ok(v)
    }
}

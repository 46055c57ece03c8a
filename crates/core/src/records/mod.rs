//! Training records in one SQLite file: trainees and staff (trainers and
//! accreditation officers, [`role`]), attempts
//! saved turn by turn, grades, trainer moderation, certifications and an
//! audit log, with tamper-evident hash chains.
//!
//! The desktop app and the CLI open the same file the same way
//! ([`Store::open`]): WAL mode and foreign keys on every connection, the
//! schema brought up to date by embedded forward-only migrations
//! ([`migrations`]) after a backup next to the file. Time comes from an
//! injected [`Clock`](crate::clock::Clock).

pub mod analytics;
pub mod approval;
pub mod audit;
pub mod catalogue;
pub mod certificate;
pub mod chain;
pub mod checkpoint;
pub mod erasure;
pub mod filter;
pub(crate) mod history;
pub(crate) mod ledger;
pub mod migrations;
pub mod moderation;
pub mod observation;
pub mod observed;
pub mod opening;
pub mod redaction;
pub mod retention;
pub mod role;
pub mod roster;
pub(crate) mod rows;
pub mod session;
pub mod store;
pub mod trainee;
pub mod trainer;
pub mod verification;

pub use audit::AuditEntry;
pub use catalogue::{
    AffectedTrainee, BundledApproval, CatalogueEntry, ScenarioVersion, UnlistedVersion,
    VersionStatus, Withdrawal,
};
pub use certificate::{CertificationEvent, CertificationKind};
pub use chain::{ChainReport, Tamper, TamperKind};
pub use moderation::{written_reason, Override, OverrideTarget};
pub use retention::Retention;
pub use role::{Capability, Role, Staff};
pub use session::Session;
pub use store::Store;
pub use trainee::Trainee;
pub use trainer::Trainer;
pub use verification::Verification;

use crate::attempt::{Input, Mode};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where an attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum AttemptStatus {
    /// Started, not ended: resumable.
    InProgress,
    /// Reached an ending and was graded.
    Completed,
    /// Given up before an ending.
    Abandoned,
}

impl AttemptStatus {
    /// The stored id.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            AttemptStatus::InProgress => "in progress",
            AttemptStatus::Completed => "completed",
            AttemptStatus::Abandoned => "abandoned",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Self> {
        match s {
            "in_progress" => Ok(AttemptStatus::InProgress),
            "completed" => Ok(AttemptStatus::Completed),
            "abandoned" => Ok(AttemptStatus::Abandoned),
            other => Err(Error::Database(format!(
                "unknown attempt status \"{other}\" in the database"
            ))),
        }
    }
}

/// An attempt that was started and not finished: enough to resume it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgress {
    /// The attempt id.
    pub attempt: Uuid,
    /// The trainee.
    pub trainee: Uuid,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario version when started.
    pub scenario_version: String,
    /// Scenario content hash when started.
    pub content_hash: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// The seed.
    pub seed: u64,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// Every committed input, in order.
    pub inputs: Vec<Input>,
    /// The language the attempt is shown in ("en", "es"): resuming shows
    /// the same translation and analyses free text in the same language.
    pub language: String,
}

/// One line of a trainee's attempt history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    /// The attempt id.
    pub attempt: Uuid,
    /// Scenario id.
    pub scenario_id: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// In progress, completed or abandoned.
    pub status: AttemptStatus,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// Whether it passed, with moderation applied (completed attempts only).
    pub passed: Option<bool>,
    /// Whether a trainer overrode any of its grades.
    pub moderated: bool,
    /// Turns committed.
    pub turns: u32,
    /// Whether it has free-text turns (still readable or erased).
    pub free_text: bool,
    /// The scenario version's standing in the catalogue: a pass at a
    /// withdrawn or unapproved version is recorded but does not count.
    pub approval: crate::certification::Approval,
}

/// One completed attempt's competency levels (moderation applied), a
/// column of the competency grid across attempts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptGrades {
    /// The attempt id.
    pub attempt: Uuid,
    /// Scenario id.
    pub scenario_id: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// When it ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// Whether it passed (moderation applied).
    pub passed: bool,
    /// Whether a trainer overrode any of its grades.
    pub moderated: bool,
    /// All 15 competencies in framework order, each with its level.
    pub levels: Vec<(crate::competency::Competency, crate::grading::Level)>,
}

/// A trainee's progress on one scenario, for library cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ScenarioProgress {
    /// No attempt yet.
    NotTried,
    /// Attempted (practice, unfinished or not passed), never passed in assessment.
    Practised,
    /// Passed in assessment mode (with moderation applied).
    Passed,
}

pub(crate) fn parse_uuid(s: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(s.trim()).map_err(|_| {
        Error::Input(format!(
            "\"{s}\" is not a valid {what} id (expected a UUID such as 67e55044-10b1-426f-9247-bb680e5fe0c8)"
        ))
    })
}

pub(crate) fn mode_id(m: Mode) -> &'static str {
    match m {
        Mode::Practice => "practice",
        Mode::Assessment => "assessment",
    }
}

pub(crate) fn parse_mode(s: &str) -> Result<Mode> {
    s.parse()
        .map_err(|_| Error::Database(format!("unknown mode \"{s}\" in the database")))
}

#[cfg(test)]
mod tests;

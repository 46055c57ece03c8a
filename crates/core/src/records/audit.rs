//! The audit log: who did what, when, to what, with the value before and
//! after and the reason. Entries hold ids, never a trainee's name or email.

use super::chain;
use super::store::Store;
use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    /// Position in the log, from 1.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: `trainer NAME (ID)`, `system` or `cli`.
    pub actor: String,
    /// What: `trainee.add`, `override`, `certification.granted`, …
    pub action: String,
    /// To what: `attempt ID competency open_questions`, `trainee ID`, …
    pub subject: String,
    /// The value before, when something changed.
    pub before: Option<String>,
    /// The value after.
    pub after: Option<String>,
    /// Why, in the actor's words.
    pub reason: Option<String>,
}

/// Every kind of change the audit log records, with its written form in
/// one place (`trainee.add`, `override`, …). Entries written by older
/// versions are read back as they were written ([`AuditEntry::action`] is
/// text); every new entry is one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// A trainee profile was created.
    TraineeAdd,
    /// A trainee's personal data was erased on request.
    TraineeErase,
    /// A trainer was added.
    TrainerAdd,
    /// An accreditation officer was added.
    AccreditationOfficerAdd,
    /// A sign-in or a staff action was refused.
    AccessRefused,
    /// A trainer overrode an automated grade or red-flag outcome.
    Override,
    /// A trainee was certified, renewed, or a certification withdrawn.
    Certification(crate::certification::event::CertificationKind),
    /// The transcript retention setting changed.
    SettingsRetention,
    /// The certification policy changed.
    SettingsPolicy,
    /// A scenario version was approved for certification.
    CatalogueApprove,
    /// A scenario version was withdrawn.
    CatalogueWithdraw,
    /// An observed role-play assessment was recorded.
    ObservationRecord,
}

impl AuditAction {
    /// The written form, as stored and exported.
    pub const fn id(self) -> &'static str {
        use crate::certification::event::CertificationKind as K;
        match self {
            AuditAction::TraineeAdd => "trainee.add",
            AuditAction::TraineeErase => "trainee.erase",
            AuditAction::TrainerAdd => "trainer.add",
            AuditAction::AccreditationOfficerAdd => "accreditation_officer.add",
            AuditAction::AccessRefused => "access.refused",
            AuditAction::Override => "override",
            AuditAction::Certification(K::Granted) => "certification.granted",
            AuditAction::Certification(K::Renewed) => "certification.renewed",
            AuditAction::Certification(K::Withdrawn) => "certification.withdrawn",
            AuditAction::SettingsRetention => "settings.retention",
            AuditAction::SettingsPolicy => "settings.policy",
            AuditAction::CatalogueApprove => "catalogue.approve",
            AuditAction::CatalogueWithdraw => "catalogue.withdraw",
            AuditAction::ObservationRecord => "observation.record",
        }
    }
}

impl PartialEq<AuditAction> for String {
    fn eq(&self, other: &AuditAction) -> bool {
        self == other.id()
    }
}

/// What to write in the log (the time comes from the store's clock).
pub(crate) struct Entry<'a> {
    pub actor: &'a str,
    pub action: AuditAction,
    pub subject: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// Appends an entry and seals it into the audit chain.
pub(crate) fn record(conn: &Connection, at: &str, e: Entry<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO audit (at, actor, action, subject, before, after, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            at,
            e.actor,
            e.action.id(),
            e.subject,
            e.before,
            e.after,
            e.reason
        ],
    )?;
    chain::seal(conn, &chain::AUDIT, conn.last_insert_rowid())
}

impl Store {
    /// The whole audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        entries(&self.conn, "", [])
    }
}

/// The entries matching `filter` (a `WHERE` clause over the audit table,
/// or nothing), oldest first.
pub(crate) fn entries<P: rusqlite::Params>(
    conn: &Connection,
    filter: &str,
    params: P,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
            "SELECT seq, at, actor, action, subject, before, after, reason FROM audit {filter} ORDER BY seq"
        ))?;
    let rows = stmt.query_map(params, |r| {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            subject: r.get(4)?,
            before: r.get(5)?,
            after: r.get(6)?,
            reason: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

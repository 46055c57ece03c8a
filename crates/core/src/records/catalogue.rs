//! The scenario catalogue: which scenario versions count towards
//! certification.
//!
//! A version is a scenario id with the SHA-256 of its folder's content
//! (the pair attempts reference in `scenarios`). The catalogue is an
//! append-only, hash-chained ledger (`catalogue_events`): each row approves
//! or withdraws one version, says who did it, when and (for a withdrawal)
//! why, and is written to the audit log too. A version's status is its
//! latest event; the `catalogue` view in the database lists every version
//! with it. Attempts at any version are recorded, but only passes at an
//! approved version count towards certification (initial or refresher);
//! approving or withdrawing a version recomputes the certifications of the
//! trainees who played it.
//!
//! The bundled library is approved by the installation
//! ([`Store::approve_bundled`], through [`crate::bundled::approve`]): versions
//! the catalogue has never seen, never one that was withdrawn. Scenario
//! folders a user adds, including a copy of a bundled scenario under a new
//! id, wait for a trainer ([`Store::approve_version`]).

use super::audit::{self, Entry};
use super::chain;
use super::moderation::MAX_REASON_CHARS;
use super::store::Store;
use crate::certification::Approval;
use crate::clock::read_instant;
use crate::error::{Error, Result};
use crate::scenario::Scenario;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use uuid::Uuid;

/// The actor of approvals made for the bundled library.
pub const INSTALLATION: &str = "installation";

/// The actor of approvals made when a database from before the catalogue
/// was upgraded.
pub const MIGRATION: &str = "migration";

pub use crate::scenario::version::ScenarioVersion;

/// How the audit log names a version.
fn version_subject(v: &ScenarioVersion) -> String {
    subject(&v.id, &v.version, &v.content_hash)
}

fn subject(id: &str, version: &str, hash: &str) -> String {
    format!("scenario {id} version {version} ({hash})")
}

pub use super::approval::VersionStatus;
use super::approval::{approval_of, approvals};

/// One row of the catalogue: a version with its current status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    /// Scenario id.
    pub scenario_id: String,
    /// Content hash.
    pub content_hash: String,
    /// Version string.
    pub version: String,
    /// Its title, as shown to people.
    pub title: String,
    /// Approved or withdrawn.
    pub status: VersionStatus,
    /// Who approved it last (`trainer NAME (ID)`, `installation`, `migration`).
    pub approved_by: String,
    /// When the version was approved.
    pub approved_at: DateTime<Utc>,
    /// Who withdrew it, while withdrawn.
    pub withdrawn_by: Option<String>,
    /// When, while withdrawn.
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// Why, while withdrawn.
    pub withdrawal_reason: Option<String>,
}

/// A version attempts were recorded at that the catalogue has never listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlistedVersion {
    /// The version.
    pub version: ScenarioVersion,
    /// Passed assessments recorded at it (none of them count).
    pub passes: u32,
}

/// A trainee whose passes at a withdrawn version no longer count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedTrainee {
    /// The trainee's pseudonymous id.
    pub trainee: Uuid,
    /// Display name (empty once erased).
    pub display_name: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Version string.
    pub scenario_version: String,
    /// Content hash of the withdrawn version.
    pub content_hash: String,
    /// The passes that no longer count, oldest first.
    pub attempts: Vec<Uuid>,
    /// Whether the trainee has since passed the scenario at an approved version.
    pub reassessed: bool,
}

/// What [`Store::withdraw_version`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// The version as it now stands.
    pub entry: CatalogueEntry,
    /// The trainees whose passes at it no longer count.
    pub affected: Vec<AffectedTrainee>,
}

/// What [`crate::bundled::approve`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledApproval {
    /// Versions approved now (never seen before).
    pub approved: Vec<ScenarioVersion>,
    /// Folders that could not be read or loaded, each with the reason; they
    /// are left unapproved.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Whether the catalogue has ever listed this version.
fn seen(conn: &Connection, id: &str, hash: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM catalogue_events WHERE scenario_id = ?1 AND content_hash = ?2)",
        [id, hash],
        |r| r.get(0),
    )?)
}

/// The current status of a version, if the catalogue lists it.
fn current(conn: &Connection, id: &str, hash: &str) -> Result<Option<VersionStatus>> {
    let s: Option<String> = conn
        .query_row(
            "SELECT event FROM catalogue_events WHERE scenario_id = ?1 AND content_hash = ?2
             ORDER BY seq DESC LIMIT 1",
            [id, hash],
            |r| r.get(0),
        )
        .optional()?;
    s.as_deref().map(VersionStatus::parse).transpose()
}

/// One approval or withdrawal to record.
struct Event<'a> {
    version: &'a ScenarioVersion,
    status: VersionStatus,
    actor: &'a str,
    trainer: Option<Uuid>,
    reason: Option<&'a str>,
    before: Option<VersionStatus>,
}

/// Appends one event, seals it, audits it and brings the certifications of
/// the trainees who played the version up to date. Call inside a write
/// transaction.
fn record_event(conn: &Connection, now: &str, e: Event<'_>) -> Result<()> {
    let Event {
        version: v,
        status,
        actor,
        trainer,
        reason,
        before,
    } = e;
    conn.execute(
        "INSERT OR IGNORE INTO scenarios (id, content_hash, version, title) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![v.id, v.content_hash, v.version, v.title],
    )?;
    conn.execute(
        "INSERT INTO catalogue_events (scenario_id, content_hash, version, event, actor, trainer_id, at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            v.id,
            v.content_hash,
            v.version,
            status.id(),
            actor,
            trainer.map(|t| t.to_string()),
            now,
            reason
        ],
    )?;
    chain::seal(conn, &chain::CATALOGUE, conn.last_insert_rowid())?;
    let action = match status {
        VersionStatus::Approved => audit::AuditAction::CatalogueApprove,
        VersionStatus::Withdrawn => audit::AuditAction::CatalogueWithdraw,
    };
    audit::record(
        conn,
        now,
        Entry {
            actor,
            action,
            subject: &version_subject(v),
            before: Some(before.map(VersionStatus::id).unwrap_or("not listed")),
            after: Some(status.id()),
            reason,
        },
    )?;
    let trainees: Vec<String> = {
        let mut stmt = conn.prepare(TRAINEES_OF_VERSION)?;
        let rows = stmt.query_map([&v.id, &v.content_hash], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for t in trainees {
        super::certificate::sync(conn, super::parse_uuid(&t, "trainee")?, now)?;
    }
    Ok(())
}

/// The trainees who attempted one scenario version, whose certifications
/// a change to that version's status can change. It is answered from the
/// `attempts_by_version` index alone (migration 11): before that index, each
/// version approved read every attempt row, so a first run that approved the
/// bundled library over 1,000,000 attempts read them once per new version.
pub(crate) const TRAINEES_OF_VERSION: &str =
    "SELECT DISTINCT trainee_id FROM attempts WHERE scenario_id = ?1 AND content_hash = ?2";

/// Approves, as `actor`, every version in `versions` the catalogue has
/// never seen; returns those approved. Call inside a write transaction.
pub(crate) fn approve_unseen(
    conn: &Connection,
    now: &str,
    versions: &[ScenarioVersion],
    actor: &str,
    reason: &str,
) -> Result<Vec<ScenarioVersion>> {
    let mut done = Vec::new();
    for v in versions {
        if seen(conn, &v.id, &v.content_hash)? || done.contains(v) {
            continue;
        }
        record_event(
            conn,
            now,
            Event {
                version: v,
                status: VersionStatus::Approved,
                actor,
                trainer: None,
                reason: Some(reason),
                before: None,
            },
        )?;
        done.push(v.clone());
    }
    Ok(done)
}

/// Whether `scenario` was loaded from the bundled library's folder.
pub(crate) fn is_bundled(scenario: &Scenario) -> bool {
    let Some(root) = crate::library::bundled_dir() else {
        return false;
    };
    let (Ok(root), Ok(dir)) = (root.canonicalize(), scenario.source.dir.canonicalize()) else {
        return false;
    };
    dir.starts_with(root)
}

/// Approves every version with a completed assessment recorded before the
/// catalogue existed (a database upgraded from an older schema), so the
/// certifications it holds stand. Call inside a write transaction.
pub(crate) fn grandfather(conn: &Connection, now: &str) -> Result<Vec<ScenarioVersion>> {
    let versions: Vec<ScenarioVersion> = {
        let mut stmt = conn.prepare(
            "SELECT s.id, s.content_hash, s.version, s.title FROM scenarios s
             WHERE EXISTS (SELECT 1 FROM attempts a WHERE a.scenario_id = s.id
                           AND a.content_hash = s.content_hash
                           AND a.mode = 'assessment' AND a.status = 'completed')
             ORDER BY s.id, s.content_hash",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ScenarioVersion {
                id: r.get(0)?,
                content_hash: r.get(1)?,
                version: r.get(2)?,
                title: r.get(3)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    approve_unseen(
        conn,
        now,
        &versions,
        MIGRATION,
        "assessed before the scenario catalogue existed; review with `rehearse catalogue list`",
    )
}

fn check_reason(reason: &str) -> Result<&str> {
    super::moderation::written_reason(reason, "a withdrawal")
}

type EntryRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn entry(row: EntryRow) -> Result<CatalogueEntry> {
    let (id, hash, version, title, status, approved_by, approved_at, wby, wat, why) = row;
    Ok(CatalogueEntry {
        scenario_id: id,
        content_hash: hash,
        version,
        title,
        status: VersionStatus::parse(&status)?,
        approved_by,
        approved_at: read_instant(&approved_at)?,
        withdrawn_by: wby,
        withdrawn_at: wat.as_deref().map(read_instant).transpose()?,
        withdrawal_reason: why,
    })
}

const ENTRY_COLUMNS: &str = "scenario_id, content_hash, version, title, status, approved_by, approved_at, withdrawn_by, withdrawn_at, withdrawal_reason";

impl Store {
    /// Every version the catalogue lists, by scenario id then approval time.
    pub fn catalogue(&self) -> Result<Vec<CatalogueEntry>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM catalogue ORDER BY scenario_id, approved_at, content_hash"
        ))?;
        let rows: Vec<EntryRow> = stmt
            .query_map([], |r| TryFrom::try_from(r))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(entry).collect()
    }

    /// One version's catalogue entry, if it is listed.
    pub fn catalogue_entry(&self, id: &str, content_hash: &str) -> Result<Option<CatalogueEntry>> {
        let row: Option<EntryRow> = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM catalogue WHERE scenario_id = ?1 AND content_hash = ?2"
                ),
                [id, content_hash],
                |r| TryFrom::try_from(r),
            )
            .optional()?;
        row.map(entry).transpose()
    }

    /// Whether passes at a version count: approved, withdrawn (with when,
    /// by whom and why) or unapproved (never listed). Clients show it
    /// before an assessment that will not count.
    pub fn version_approval(&self, id: &str, content_hash: &str) -> Result<Approval> {
        Ok(approval_of(&approvals(&self.conn)?, id, content_hash))
    }

    /// Versions attempts were recorded at that the catalogue has never
    /// listed (awaiting a trainer's approval), by scenario id.
    pub fn unlisted_versions(&self) -> Result<Vec<UnlistedVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.content_hash, s.version, s.title,
                    (SELECT count(*) FROM attempts a WHERE a.scenario_id = s.id AND a.content_hash = s.content_hash
                       AND a.mode = 'assessment' AND a.status = 'completed' AND a.passed = 1)
             FROM scenarios s
             WHERE NOT EXISTS (SELECT 1 FROM catalogue_events e WHERE e.scenario_id = s.id AND e.content_hash = s.content_hash)
             ORDER BY s.id, s.content_hash",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(UnlistedVersion {
                version: ScenarioVersion {
                    id: r.get(0)?,
                    content_hash: r.get(1)?,
                    version: r.get(2)?,
                    title: r.get(3)?,
                },
                passes: r.get::<_, i64>(4)? as u32,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A version recorded in the database (played or listed), by id and
    /// content hash: for approving or withdrawing one no longer on disk.
    pub fn recorded_version(&self, id: &str, content_hash: &str) -> Result<ScenarioVersion> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT version, title FROM scenarios WHERE id = ?1 AND content_hash = ?2",
                [id, content_hash],
                |r| TryFrom::try_from(r),
            )
            .optional()?;
        let (version, title) = row.ok_or_else(|| {
            Error::NotFound(format!(
                "no version of scenario \"{id}\" with content hash {content_hash} is recorded; `rehearse catalogue list` shows the versions"
            ))
        })?;
        Ok(ScenarioVersion {
            id: id.to_string(),
            content_hash: content_hash.to_string(),
            version,
            title,
        })
    }

    /// A trainer approves a scenario version: passes at it count from now
    /// on, including those recorded before. Needs the trainer's name (or
    /// id) and passphrase. A withdrawn version may be approved again this
    /// way (audited with its status before); an approved one is refused.
    pub fn approve_version(
        &self,
        trainer: &str,
        passphrase: &str,
        version: &ScenarioVersion,
        note: Option<&str>,
    ) -> Result<CatalogueEntry> {
        let trainer = self.authenticate_trainer(trainer, passphrase)?;
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > MAX_REASON_CHARS) {
            return Err(Error::Input(format!(
                "the note is longer than {MAX_REASON_CHARS} characters"
            )));
        }
        let now = self.now_text();
        let tx = self.write()?;
        let before = current(&tx, &version.id, &version.content_hash)?;
        if before == Some(VersionStatus::Approved) {
            return Err(Error::NotAllowed(format!(
                "scenario {} version {} ({}) is already approved",
                version.id, version.version, version.content_hash
            )));
        }
        record_event(
            &tx,
            &now,
            Event {
                version,
                status: VersionStatus::Approved,
                actor: &format!("trainer {} ({})", trainer.display_name, trainer.id),
                trainer: Some(trainer.id),
                reason: note,
                before,
            },
        )?;
        tx.commit()?;
        self.catalogue_entry(&version.id, &version.content_hash)?
            .ok_or_else(|| Error::Database("the approval was not stored".into()))
    }

    /// A trainer withdraws an approved version, with a written reason:
    /// passes earned under it stop counting (they are listed for
    /// re-assessment in each trainee's status) and certifications granted
    /// under the policy in force are recomputed by the same rules. Returns
    /// the entry and the trainees affected.
    pub fn withdraw_version(
        &self,
        trainer: &str,
        passphrase: &str,
        id: &str,
        content_hash: &str,
        reason: &str,
    ) -> Result<Withdrawal> {
        let trainer = self.authenticate_trainer(trainer, passphrase)?;
        let reason = check_reason(reason)?;
        let now = self.now_text();
        let tx = self.write()?;
        let version = match current(&tx, id, content_hash)? {
            Some(VersionStatus::Approved) => self.recorded_version(id, content_hash)?,
            Some(VersionStatus::Withdrawn) => {
                return Err(Error::NotAllowed(format!(
                    "scenario {id} version {content_hash} is already withdrawn"
                )))
            }
            None => {
                return Err(Error::NotAllowed(format!(
                    "scenario {id} version {content_hash} is not approved, so there is nothing to withdraw (its passes do not count)"
                )))
            }
        };
        record_event(
            &tx,
            &now,
            Event {
                version: &version,
                status: VersionStatus::Withdrawn,
                actor: &format!("trainer {} ({})", trainer.display_name, trainer.id),
                trainer: Some(trainer.id),
                reason: Some(reason),
                before: Some(VersionStatus::Approved),
            },
        )?;
        tx.commit()?;
        let entry = self
            .catalogue_entry(id, content_hash)?
            .ok_or_else(|| Error::Database("the withdrawal was not stored".into()))?;
        let affected = self.affected_trainees(Some((id, content_hash)))?;
        Ok(Withdrawal { entry, affected })
    }

    /// The installation approves the bundled library: every version in
    /// `versions` that the catalogue has never seen is approved with the
    /// actor `installation` (audited and chained); a version seen before,
    /// approved or withdrawn, is left as it is, so a withdrawn version is
    /// never approved again this way. Returns the versions approved now.
    /// Call it with the bundled library only, never with folders a user
    /// added.
    pub fn approve_bundled(&self, versions: &[ScenarioVersion]) -> Result<Vec<ScenarioVersion>> {
        let now = self.now_text();
        let tx = self.write()?;
        let done = approve_unseen(&tx, &now, versions, INSTALLATION, "bundled library")?;
        tx.commit()?;
        Ok(done)
    }

    /// Trainees with passed assessments at a withdrawn version (`Some((id,
    /// hash))` for one version, `None` for every withdrawn version), by
    /// scenario then trainee.
    pub fn affected_trainees(&self, version: Option<(&str, &str)>) -> Result<Vec<AffectedTrainee>> {
        let rows: Vec<(String, String, String, String, String, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT a.trainee_id, t.display_name, a.scenario_id, a.scenario_version, a.content_hash, a.id
                 FROM attempts a JOIN trainees t ON t.id = a.trainee_id
                 JOIN catalogue c ON c.scenario_id = a.scenario_id AND c.content_hash = a.content_hash
                 WHERE c.status = 'withdrawn' AND a.mode = 'assessment' AND a.status = 'completed'
                   AND (?1 IS NULL OR (a.scenario_id = ?1 AND a.content_hash = ?2))
                 ORDER BY a.scenario_id, a.content_hash, t.display_name, a.trainee_id, a.ended_at, a.id",
            )?;
            let (id, hash) = version.unzip();
            let rows = stmt.query_map(rusqlite::params![id, hash], |r| TryFrom::try_from(r))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out: Vec<AffectedTrainee> = Vec::new();
        for (trainee, name, scenario_id, scenario_version, hash, attempt) in rows {
            if !super::history::effective(&self.conn, &attempt)?.passed() {
                continue;
            }
            let trainee = super::parse_uuid(&trainee, "trainee")?;
            let attempt = super::parse_uuid(&attempt, "attempt")?;
            match out.iter_mut().find(|x| {
                x.trainee == trainee && x.scenario_id == scenario_id && x.content_hash == hash
            }) {
                Some(x) => x.attempts.push(attempt),
                None => out.push(AffectedTrainee {
                    trainee,
                    display_name: name,
                    scenario_id,
                    scenario_version,
                    content_hash: hash,
                    attempts: vec![attempt],
                    reassessed: false,
                }),
            }
        }
        let today = self.clock().today();
        for x in &mut out {
            let status = self.status(x.trainee, today)?;
            x.reassessed = !status
                .reassessment
                .iter()
                .any(|g| g.scenario_id == x.scenario_id && g.content_hash == x.content_hash);
        }
        Ok(out)
    }
}

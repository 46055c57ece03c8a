//! The certification ledger: every grant, renewal and withdrawal, chained,
//! each with the policy version it was granted under; and the status of a
//! trainee at any date under the store's policy.
//!
//! **Keeping the ledger current without recomputing everyone.** A trainee's
//! ledger follows from their evidence (completed attempts with their grades
//! and overrides, observed assessments), the catalogue's approvals, the
//! policy and the day. `certification_syncs` (migration
//! [`CERTIFICATION_SYNC_VERSION`](super::migrations::CERTIFICATION_SYNC_VERSION))
//! holds, per trainee, the day their ledger was last brought in line and the
//! first later day on which evidence already recorded starts to count
//! (`due_on`: an attempt or observation dated after the sync). SQLite
//! triggers delete a trainee's row in the same transaction as any change to
//! their attempts, grades, overrides or observations, and every row when the
//! policy changes; a catalogue approval or withdrawal re-syncs the trainees it
//! touches itself. [`Store::sync_certifications`] then recomputes only the
//! trainees with no row, a row from a later day (the clock went back) or a
//! `due_on` that has come. That gives the same ledger as recomputing all of
//! them: grants are found by one pass over the evidence in date order up to
//! the day, so with no evidence dated after the last sync a later day finds
//! the same grants. Standing (certified, expired, lapsed) is never stored:
//! [`Store::status`] computes it for the day asked, so a certificate that
//! expires overnight shows as expired without a sync.

use super::audit::{self, Entry};
use super::chain;
use super::history::records;
use super::store::Store;
use crate::certification::{evaluate_observed, GrantKind, Policy, Status};
use crate::clock::read_instant;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const POLICY_KEY: &str = "certification_policy";

pub use crate::certification::event::CertificationKind;

impl rusqlite::types::FromSql for CertificationKind {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        v.as_str()?
            .parse()
            .map_err(|e: Error| rusqlite::types::FromSqlError::Other(e.to_string().into()))
    }
}

impl rusqlite::types::ToSql for CertificationKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.id().into())
    }
}

/// One row of the certification ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationEvent {
    /// Position in the ledger.
    pub seq: i64,
    /// The trainee.
    pub trainee: Uuid,
    /// A grant, a renewal or a withdrawal.
    pub event: CertificationKind,
    /// The day the rules were met.
    pub effective_on: NaiveDate,
    /// The last valid day.
    pub expires_on: NaiveDate,
    /// The policy version.
    pub policy_version: String,
    /// The attempts it rests on, then the observed assessments.
    pub basis: Vec<Uuid>,
    /// Those of `basis` that are observed role-play assessments.
    #[serde(default)]
    pub observed: Vec<Uuid>,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::Database(format!("stored date \"{s}\" is not YYYY-MM-DD")))
}

pub(crate) fn policy(conn: &Connection) -> Result<Policy> {
    match Store::setting(conn, POLICY_KEY)? {
        None => Ok(Policy::default()),
        Some(text) => Policy::from_toml(&text),
    }
}

fn ledger(conn: &Connection, trainee: Uuid) -> Result<Vec<CertificationEvent>> {
    let mut stmt = conn.prepare(
        "SELECT seq, event, effective_on, expires_on, policy_version, basis, recorded_at
         FROM certifications WHERE trainee_id = ?1 ORDER BY seq",
    )?;
    type Row = (i64, String, String, String, String, String, String);
    let rows: Vec<Row> = stmt
        .query_map([trainee.to_string()], |r| TryFrom::try_from(r))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(seq, event, eff, exp, version, basis, recorded_at)| {
            let basis: Vec<Uuid> = serde_json::from_str(&basis).map_err(|e| {
                Error::Database(format!("certification {seq} has an unreadable basis: {e}"))
            })?;
            Ok(CertificationEvent {
                observed: super::observation::observation_ids(conn, &basis)?,
                seq,
                trainee,
                event: event.parse()?,
                effective_on: date(&eff)?,
                expires_on: date(&exp)?,
                policy_version: version,
                basis,
                recorded_at,
            })
        })
        .collect()
}

/// The status under `policy` from the trainee's attempts and observed
/// role-play assessments.
fn status_at(conn: &Connection, policy: &Policy, trainee: Uuid, at: NaiveDate) -> Result<Status> {
    Ok(evaluate_observed(
        policy,
        &records(conn, trainee)?,
        &super::observation::observed_records(conn, trainee)?,
        at,
    ))
}

/// Brings the ledger in line with the history as of `now`: records grants
/// not yet recorded, and withdraws recorded ones the history (after
/// moderation) no longer supports. Marks the trainee synced as of that day.
pub(crate) fn sync(conn: &Connection, trainee: Uuid, now: &str) -> Result<()> {
    sync_under(conn, &policy(conn)?, trainee, now)
}

fn sync_under(conn: &Connection, policy: &Policy, trainee: Uuid, now: &str) -> Result<()> {
    let today = read_instant(now)?.date_naive();
    let history = records(conn, trainee)?;
    let observed = super::observation::observed_records(conn, trainee)?;
    let status = evaluate_observed(policy, &history, &observed, today);
    // Evidence dated after today counts once its day comes.
    let due_on = history
        .iter()
        .filter_map(|r| r.completed_on)
        .chain(observed.iter().map(|o| o.observed_on))
        .filter(|d| *d > today)
        .min();
    let book = ledger(conn, trainee)?;
    let active = |eff: NaiveDate, exp: NaiveDate| {
        let granted = book
            .iter()
            .filter(|e| {
                e.event != CertificationKind::Withdrawn
                    && e.effective_on == eff
                    && e.expires_on == exp
            })
            .count();
        let withdrawn = book
            .iter()
            .filter(|e| {
                e.event == CertificationKind::Withdrawn
                    && e.effective_on == eff
                    && e.expires_on == exp
            })
            .count();
        granted > withdrawn
    };
    let write = |event: CertificationKind,
                 eff: NaiveDate,
                 exp: NaiveDate,
                 version: &str,
                 basis: &[Uuid]|
     -> Result<()> {
        let basis = serde_json::to_string(basis).map_err(|e| Error::Database(e.to_string()))?;
        conn.execute(
            "INSERT INTO certifications (trainee_id, event, effective_on, expires_on, policy_version, basis, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                trainee.to_string(),
                event,
                eff.to_string(),
                exp.to_string(),
                version,
                basis,
                now
            ],
        )?;
        chain::seal(conn, &chain::CERTIFICATIONS, conn.last_insert_rowid())?;
        audit::record(
            conn,
            now,
            Entry {
                actor: "system",
                action: audit::AuditAction::Certification(event),
                subject: &format!("trainee {trainee}"),
                before: None,
                after: Some(&format!("valid {eff} to {exp} (policy {version})")),
                reason: None,
            },
        )
    };
    for g in &status.grants {
        if !active(g.effective_on, g.expires_on) {
            let event = match g.kind {
                GrantKind::Initial => CertificationKind::Granted,
                GrantKind::Renewal => CertificationKind::Renewed,
            };
            let basis: Vec<Uuid> = g.basis.iter().chain(&g.observed).copied().collect();
            write(
                event,
                g.effective_on,
                g.expires_on,
                &g.policy_version,
                &basis,
            )?;
        }
    }
    for e in &book {
        // Grants under an earlier policy stand; only this policy's are re-checked.
        if e.event == CertificationKind::Withdrawn
            || e.policy_version != policy.version
            || !active(e.effective_on, e.expires_on)
        {
            continue;
        }
        let supported = status
            .grants
            .iter()
            .any(|g| g.effective_on == e.effective_on && g.expires_on == e.expires_on);
        if !supported {
            write(
                CertificationKind::Withdrawn,
                e.effective_on,
                e.expires_on,
                &e.policy_version,
                &e.basis,
            )?;
        }
    }
    conn.prepare_cached(
        "INSERT INTO certification_syncs (trainee_id, synced_on, due_on) VALUES (?1, ?2, ?3)
         ON CONFLICT(trainee_id) DO UPDATE SET synced_on = excluded.synced_on, due_on = excluded.due_on",
    )?
    .execute(rusqlite::params![
        trainee.to_string(),
        today.to_string(),
        due_on.map(|d| d.to_string())
    ])?;
    Ok(())
}

/// The trainees whose ledger may be out of line on `today`: never synced
/// (or their evidence or the policy changed since), synced on a later day,
/// or holding evidence whose day has come since.
fn stale(conn: &Connection, today: NaiveDate) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare(
        "SELECT t.id FROM trainees t
         LEFT JOIN certification_syncs s ON s.trainee_id = t.id
         WHERE s.trainee_id IS NULL OR s.synced_on > ?1 OR s.due_on <= ?1
         ORDER BY t.rowid",
    )?;
    let ids: Vec<String> = stmt
        .query_map([today.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter()
        .map(|id| super::parse_uuid(id, "trainee"))
        .collect()
}

impl Store {
    /// The certification policy in force (the documented default until one is set).
    pub fn policy(&self) -> Result<Policy> {
        policy(&self.conn)
    }

    /// Installs an organisation's policy (audited). Certifications already
    /// recorded keep the version they were granted under.
    pub fn set_policy(&self, new: &Policy, actor: &str) -> Result<()> {
        new.validate()?;
        let now = self.now_text();
        let tx = self.write()?;
        let before = policy(&tx)?;
        Store::set_setting(&tx, POLICY_KEY, &new.to_toml()?, &now)?;
        audit::record(
            &tx,
            &now,
            Entry {
                actor,
                action: audit::AuditAction::SettingsPolicy,
                subject: "certification policy",
                before: Some(&before.version),
                after: Some(&new.version),
                reason: None,
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The trainee's certification status on `at` (read-only).
    pub fn status(&self, trainee: Uuid, at: NaiveDate) -> Result<Status> {
        super::trainee::get(&self.conn, trainee)?;
        status_at(&self.conn, &policy(&self.conn)?, trainee, at)
    }

    /// The trainee's certification ledger, oldest first.
    pub fn certifications(&self, trainee: Uuid) -> Result<Vec<CertificationEvent>> {
        super::trainee::get(&self.conn, trainee)?;
        ledger(&self.conn, trainee)
    }

    /// Brings every trainee's ledger up to date as of the store's clock,
    /// recomputing only those whose evidence, policy or day has changed
    /// since their last sync (see the module notes); returns how many were
    /// recomputed.
    pub fn sync_certifications(&self) -> Result<usize> {
        let now = self.now_text();
        let today = read_instant(&now)?.date_naive();
        // A read first: when nobody is stale, no write lock is taken.
        if stale(&self.conn, today)?.is_empty() {
            return Ok(0);
        }
        let tx = self.write()?;
        let ids = stale(&tx, today)?;
        let policy = policy(&tx)?;
        for &id in &ids {
            sync_under(&tx, &policy, id, &now)?;
        }
        tx.commit()?;
        self.checkpoint_after("certification");
        Ok(ids.len())
    }
}

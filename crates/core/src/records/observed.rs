//! Recording an observed assessment: the observation, its grades and its
//! notes sealed in their chains in one transaction with an audit entry,
//! then the trainee's certification brought up to date. It sits above
//! [`super::certificate`], which reads observations
//! ([`super::observation`]) to certify.

use super::audit::{self, Entry};
use super::chain;
use super::observation::{load, note_digest};
use super::store::Store;
use crate::clock::{format_instant, read_instant};
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::observation::{NewObservation, Observation};
use rusqlite::types::ValueRef;
use uuid::Uuid;

impl Store {
    /// Records a trainer's observed assessment of a live role-play. Needs a
    /// trainer's name (or id) and passphrase; a trainee profile or an
    /// accreditation officer is refused.
    pub fn record_observation(
        &self,
        trainer: &str,
        passphrase: &str,
        new: NewObservation,
    ) -> Result<Observation> {
        let trainer = self.authenticate_trainer(trainer, passphrase)?;
        let mut new = new.validated()?;
        // Stored to the second, as every instant in the records.
        new.observed_at = read_instant(&format_instant(new.observed_at))?;
        let now = self.now_text();
        // A few minutes' grace for a clock on another device.
        if new.observed_at > read_instant(&now)? + chrono::Duration::minutes(5) {
            return Err(Error::Input(format!(
                "the role-play's time {} is in the future",
                format_instant(new.observed_at)
            )));
        }
        let tx = self.write()?;
        let trainee = super::trainee::get(&tx, new.trainee)?;
        if trainee.erased_at.is_some() {
            return Err(Error::NotAllowed(format!(
                "trainee {} was erased; nothing new can be recorded for them",
                trainee.id
            )));
        }
        let id = Uuid::new_v4().to_string();
        let passed = new.passed();
        tx.execute(
            "INSERT INTO observations (id, trainee_id, trainer_id, partner, scenario_id, observed_at, recorded_at, passed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                id,
                new.trainee.to_string(),
                trainer.id.to_string(),
                new.partner.id(),
                new.scenario_id,
                format_instant(new.observed_at),
                now,
                passed
            ],
        )?;
        chain::seal(&tx, &chain::OBSERVATIONS, tx.last_insert_rowid())?;
        let grades = Competency::ALL
            .iter()
            .map(|c| ("competency", c.id(), new.levels[c].id()))
            .chain(
                new.red_flags
                    .iter()
                    .map(|(f, v)| ("red_flag", f.id(), v.id())),
            );
        for (kind, item, value) in grades {
            tx.execute(
                "INSERT INTO observation_grades (observation_id, kind, item, value) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, kind, item, value],
            )?;
            chain::seal(&tx, &chain::OBSERVATION_GRADES, tx.last_insert_rowid())?;
        }
        for n in &new.notes {
            let nonce = Uuid::new_v4().simple().to_string();
            let digest = note_digest(
                ValueRef::Text(nonce.as_bytes()),
                ValueRef::Text(n.text.as_bytes()),
            );
            tx.execute(
                "INSERT INTO observation_notes (observation_id, elapsed_seconds, competency, note, note_nonce, note_digest)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![id, n.elapsed_seconds, n.competency.map(Competency::id), n.text, nonce, digest],
            )?;
            chain::seal(&tx, &chain::OBSERVATION_NOTES, tx.last_insert_rowid())?;
        }
        let scored = new
            .levels
            .values()
            .filter(|l| **l != Level::NotAssessed)
            .count();
        audit::record(
            &tx,
            &now,
            Entry {
                actor: &format!("trainer {} ({})", trainer.display_name, trainer.id),
                action: audit::AuditAction::ObservationRecord,
                subject: &format!("observation {id} trainee {}", new.trainee),
                before: None,
                after: Some(&format!(
                    "{} ({scored} competencies scored, {} red flag(s), {} note(s), partner {})",
                    if passed { "passed" } else { "not passed" },
                    new.red_flags.len(),
                    new.notes.len(),
                    new.partner.id()
                )),
                reason: None,
            },
        )?;
        super::certificate::sync(&tx, new.trainee, &now)?;
        let stored = load(&tx, &id)?
            .ok_or_else(|| Error::Database(format!("observation {id} vanished while recorded")))?;
        tx.commit()?;
        self.checkpoint_after("observation");
        Ok(stored)
    }
}

//! Erasing a trainee on a data-protection request: their profile's
//! personal fields, the free text of every transcript and the words of
//! every observation note about them, with their unfinished attempts
//! abandoned. It reaches across the records, so it sits above the modules
//! it erases from.

use super::audit::{self, Entry};
use super::retention;
use super::store::Store;
use super::trainee::{get, Trainee, ERASED_NAME};
use crate::error::{Error, Result};
use uuid::Uuid;

impl Store {
    /// Erases a trainee's personal data (data-protection request): the
    /// name, email and organisation go, every transcript loses its free
    /// text, the words of every observation note about them go (each note's
    /// time, competency and salted digest stay), unfinished attempts are
    /// abandoned. Grades, red-flag outcomes,
    /// certifications and the audit trail stay, tied only to the
    /// pseudonymous id, as anonymised aggregates.
    pub fn erase_trainee(&self, id: Uuid, actor: &str) -> Result<Trainee> {
        let now = self.now_text();
        let tx = self.write()?;
        let t = get(&tx, id)?;
        if t.erased_at.is_some() {
            return Err(Error::NotAllowed(format!(
                "trainee {id} was already erased"
            )));
        }
        tx.execute(
            "UPDATE trainees SET display_name = ?1, email = NULL, organisation = NULL, erased_at = ?2 WHERE id = ?3",
            rusqlite::params![ERASED_NAME, now, id.to_string()],
        )?;
        super::ledger::record_by_subject(
            &tx,
            &super::ledger::TRAINEES,
            &id.to_string(),
            "erased",
            &now,
        )?;
        let open: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM attempts WHERE trainee_id = ?1 AND status = 'in_progress'",
            )?;
            let rows = stmt.query_map([id.to_string()], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for a in open {
            super::session::close_abandoned(&tx, &a, &now)?;
        }
        let attempts: Vec<String> = {
            let mut stmt = tx.prepare("SELECT id FROM attempts WHERE trainee_id = ?1")?;
            let rows = stmt.query_map([id.to_string()], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for a in &attempts {
            retention::erase_transcript(&tx, a, &now)?;
        }
        let notes = super::observation::erase_notes(&tx, id)?;
        let mut after = format!(
            "{} attempt transcript(s) erased, the words of {} observation note(s) erased",
            attempts.len(),
            notes.erased
        );
        if notes.mismatched > 0 {
            after.push_str(&format!(
                " ({} of them no longer matched their digest: edited outside Rehearse before the erasure)",
                notes.mismatched
            ));
        }
        audit::record(
            &tx,
            &now,
            Entry {
                actor,
                action: audit::AuditAction::TraineeErase,
                subject: &format!("trainee {id}"),
                before: None,
                after: Some(&after),
                reason: Some("data-protection request"),
            },
        )?;
        let t = get(&tx, id)?;
        tx.commit()?;
        Ok(t)
    }
}

//! Moderation as a trainer sees it: the queue of assessments to review and
//! one attempt opened with its grades, the trainee's status and the audit
//! trail of its overrides. The core authenticates the trainer and applies
//! an override (`Store::moderate`, reason required, audited); these are the
//! views of what it holds.

use crate::error::Result;
use crate::view::{AttemptLabel, DebriefView, StatusView};
use rehearse_core::records::{AuditEntry, Store, Trainer};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// A trainer, as a front end names them after creating or signing in.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrainerView {
    /// Trainer id.
    pub id: String,
    /// Display name.
    pub name: String,
}

impl From<Trainer> for TrainerView {
    fn from(t: Trainer) -> Self {
        TrainerView {
            id: t.id.to_string(),
            name: t.display_name,
        }
    }
}

/// One attempt in the moderation queue.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueRow {
    /// The attempt, its scenario and mode (always assessment: the queue
    /// holds assessments only).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub label: AttemptLabel,
    /// Trainee display name.
    pub trainee: String,
    /// When it ended (RFC 3339).
    pub ended_at: Option<String>,
    /// Whether it passed, moderation applied.
    pub passed: Option<bool>,
    /// Whether a trainer already overrode a grade in it.
    pub moderated: bool,
    /// Turns played.
    pub turns: u32,
}

/// An attempt opened for moderation: its grades and transcript, the
/// trainee's status, and its audit trail.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModerationView {
    /// Attempt id.
    pub attempt: String,
    /// Trainee display name.
    pub trainee: String,
    /// The graded report, moderation applied (original grades in its
    /// moderation notes).
    pub report: DebriefView,
    /// The trainee's certification status today.
    pub status: StatusView,
    /// Audit entries about this attempt's overrides, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// The trainee of `attempt`: id and display name.
fn trainee_of(store: &Store, attempt: Uuid) -> Result<(Uuid, String)> {
    let id = store.attempt_trainee(attempt)?;
    let name = store.find_trainee(&id.to_string())?.display_name;
    Ok((id, name))
}

/// The moderation queue, newest first: completed assessments with
/// free-text turns, each titled from `titles` (scenario id to title; a
/// scenario no longer in the library has none).
pub fn queue(store: &Store, titles: &HashMap<String, String>) -> Result<Vec<QueueRow>> {
    store
        .moderation_queue()?
        .into_iter()
        .map(|a| {
            Ok(QueueRow {
                trainee: trainee_of(store, a.attempt)?.1,
                label: AttemptLabel::new(a.attempt, a.scenario_id, a.mode, titles),
                ended_at: a.ended_at.map(rehearse_core::clock::format_instant),
                passed: a.passed,
                moderated: a.moderated,
                turns: a.turns,
            })
        })
        .collect()
}

/// `attempt` opened for moderation, as it stands now.
pub fn view(store: &Store, attempt: Uuid) -> Result<ModerationView> {
    let (trainee, name) = trainee_of(store, attempt)?;
    let report = store.report(attempt)?;
    let status = store.status(trainee, store.clock().today())?;
    Ok(ModerationView {
        attempt: attempt.to_string(),
        trainee: name,
        report: DebriefView::from(&report),
        status: StatusView::from(&status),
        audit: store.override_audit(attempt)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};
    use rehearse_core::records::OverrideTarget;

    #[test]
    fn an_override_shows_in_the_queue_and_in_the_attempts_audit() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        let trainer = TrainerView::from(
            store
                .add_first_trainer("Tess", "a long passphrase")
                .unwrap(),
        );
        assert_eq!(trainer.name, "Tess");
        let ana = store.add_trainee("Ana", None, None).unwrap();
        let played = play_test(store, ana.id, "midwife-neonatal-death", "second good route");
        let id = played.attempt_id().unwrap();
        let attempt: Uuid = id.parse().unwrap();
        let titles = HashMap::from([(
            "midwife-neonatal-death".to_string(),
            "Five weeks on".to_string(),
        )]);
        let rows = queue(store, &titles).unwrap();
        let row = rows
            .iter()
            .find(|r| r.label.attempt == id)
            .expect("in the queue");
        assert_eq!(row.trainee, "Ana");
        assert_eq!(row.label.title.as_deref(), Some("Five weeks on"));
        assert!(!row.moderated && row.label.mode == rehearse_core::attempt::Mode::Assessment);
        let before = view(store, attempt).unwrap();
        assert!(before.audit.is_empty());
        let competency = before.report.competencies[0].label.id.to_string();
        store
            .moderate(
                "Tess",
                "a long passphrase",
                attempt,
                OverrideTarget::Competency(competency.parse().unwrap()),
                "not_yet",
                "the trainee read the options aloud",
            )
            .unwrap();
        let after = view(store, attempt).unwrap();
        assert_eq!(after.audit.len(), 1);
        assert_eq!(after.trainee, "Ana");
        let row = queue(store, &titles)
            .unwrap()
            .into_iter()
            .find(|r| r.label.attempt == id);
        assert!(row.expect("still queued").moderated);
    }
}

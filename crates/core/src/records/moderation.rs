//! Trainer moderation: overriding a competency level or a red-flag outcome
//! on a graded attempt, with a written reason. The original grade stays;
//! every override is chained and written to the audit log, and the
//! trainee's certification is brought up to date.

use super::audit::{self, Entry};
use super::chain;
use super::history::effective;
use super::store::Store;
use crate::clock::read_instant;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::red_flag::RedFlagCategory;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The longest reason accepted.
pub const MAX_REASON_CHARS: usize = 2000;

/// A decision's written reason, trimmed: required, and at most
/// [`MAX_REASON_CHARS`]. `what` names the decision ("an override").
pub fn written_reason<'a>(reason: &'a str, what: &str) -> Result<&'a str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Input(format!(
            "{what} needs a written reason (--reason \"…\")"
        )));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::Input(format!(
            "the reason is longer than {MAX_REASON_CHARS} characters"
        )));
    }
    Ok(reason)
}

/// What an override changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum OverrideTarget {
    /// A competency's level.
    Competency(Competency),
    /// A red-flag category's outcome.
    RedFlag(RedFlagCategory),
}

impl OverrideTarget {
    fn kind(self) -> &'static str {
        match self {
            OverrideTarget::Competency(_) => "competency",
            OverrideTarget::RedFlag(_) => "red_flag",
        }
    }

    fn item(self) -> &'static str {
        match self {
            OverrideTarget::Competency(c) => c.id(),
            OverrideTarget::RedFlag(f) => f.id(),
        }
    }

    /// Checks a new value: a level id for a competency, `recognised` or
    /// `missed` for a red flag.
    fn value(self, value: &str) -> Result<String> {
        let v = value.trim();
        match self {
            OverrideTarget::Competency(_) => {
                let level: Level = v.parse().map_err(|e| Error::Input(format!("{e}")))?;
                Ok(level.id().to_string())
            }
            OverrideTarget::RedFlag(_) => {
                Ok(v.parse::<crate::red_flag::Recognition>()?.id().to_string())
            }
        }
    }
}

/// A stored override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// Position in the overrides chain.
    pub seq: i64,
    /// The attempt.
    pub attempt: Uuid,
    /// `competency` or `red_flag`.
    pub kind: String,
    /// Competency id or category.
    pub item: String,
    /// The grade before.
    pub before: String,
    /// The grade after.
    pub after: String,
    /// The trainer's reason.
    pub reason: String,
    /// The trainer's id.
    pub trainer: Uuid,
    /// The trainer's name.
    pub trainer_name: String,
    /// When the override was made.
    pub at: DateTime<Utc>,
}

/// The audit action of an override.
const OVERRIDE_ACTION: audit::AuditAction = audit::AuditAction::Override;

/// How an override's audit subject starts (`attempt ID `, then the kind
/// and item overridden): written and read here only.
fn override_subject_prefix(attempt: Uuid) -> String {
    format!("attempt {attempt} ")
}

impl Store {
    /// Overrides one grade of a completed attempt. Needs a trainer's name (or
    /// id) and passphrase; a trainee profile is refused.
    pub fn moderate(
        &self,
        trainer: &str,
        passphrase: &str,
        attempt: Uuid,
        target: OverrideTarget,
        value: &str,
        reason: &str,
    ) -> Result<Override> {
        let trainer = self.authenticate_trainer(trainer, passphrase)?;
        let after = target.value(value)?;
        let reason = written_reason(reason, "an override")?;
        let id = attempt.to_string();
        let now = self.now_text();
        let tx = self.write()?;
        let row: Option<(String, String)> = tx
            .query_row(
                "SELECT status, trainee_id FROM attempts WHERE id = ?1",
                [&id],
                |r| TryFrom::try_from(r),
            )
            .optional()?;
        let (status, trainee) =
            row.ok_or_else(|| Error::NotFound(format!("no attempt with id {attempt}")))?;
        if status != "completed" {
            return Err(Error::NotAllowed(format!(
                "attempt {attempt} is {}; only a graded (completed) attempt can be moderated",
                status.replace('_', " ")
            )));
        }
        let e = effective(&tx, &id)?;
        let before = match target {
            OverrideTarget::Competency(c) => e.competencies.get(c.id()).map(|v| v.0.clone()),
            OverrideTarget::RedFlag(f) => e.flags.get(f.id()).cloned(),
        }
        .ok_or_else(|| {
            Error::NotAllowed(format!(
                "attempt {attempt} has no {} \"{}\" to override (no warning sign of it came up)",
                target.kind().replace('_', " "),
                target.item()
            ))
        })?;
        if before == after {
            return Err(Error::Input(format!(
                "{} {} is already {after}",
                target.kind().replace('_', " "),
                target.item()
            )));
        }
        tx.execute(
            "INSERT INTO overrides (attempt_id, kind, item, before, after, reason, trainer_id, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                id,
                target.kind(),
                target.item(),
                before,
                after,
                reason,
                trainer.id.to_string(),
                now
            ],
        )?;
        let seq = tx.last_insert_rowid();
        chain::seal(&tx, &chain::OVERRIDES, seq)?;
        audit::record(
            &tx,
            &now,
            Entry {
                actor: &format!("trainer {} ({})", trainer.display_name, trainer.id),
                action: OVERRIDE_ACTION,
                subject: &format!(
                    "{}{} {}",
                    override_subject_prefix(attempt),
                    target.kind(),
                    target.item()
                ),
                before: Some(&before),
                after: Some(&after),
                reason: Some(reason),
            },
        )?;
        let trainee = super::parse_uuid(&trainee, "trainee")?;
        super::certificate::sync(&tx, trainee, &now)?;
        tx.commit()?;
        self.checkpoint_after("moderation");
        Ok(Override {
            seq,
            attempt,
            kind: target.kind().into(),
            item: target.item().into(),
            before,
            after,
            reason: reason.into(),
            trainer: trainer.id,
            trainer_name: trainer.display_name,
            at: read_instant(&now)?,
        })
    }

    /// The audit entries of an attempt's overrides, oldest first: what a
    /// moderator sees beside the grades.
    pub fn override_audit(&self, attempt: Uuid) -> Result<Vec<audit::AuditEntry>> {
        let prefix = override_subject_prefix(attempt);
        audit::entries(
            &self.conn,
            "WHERE action = ?1 AND substr(subject, 1, length(?2)) = ?2",
            rusqlite::params![OVERRIDE_ACTION.id(), prefix],
        )
    }

    /// The overrides of an attempt, oldest first.
    pub fn overrides(&self, attempt: Uuid) -> Result<Vec<Override>> {
        let mut stmt = self.conn.prepare(
            "SELECT o.seq, o.kind, o.item, o.before, o.after, o.reason, o.trainer_id, t.display_name, o.at
             FROM overrides o JOIN trainers t ON t.id = o.trainer_id
             WHERE o.attempt_id = ?1 ORDER BY o.seq",
        )?;
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        );
        let rows: Vec<Row> = stmt
            .query_map([attempt.to_string()], |r| TryFrom::try_from(r))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(
                |(seq, kind, item, before, after, reason, trainer, name, at)| {
                    Ok(Override {
                        seq,
                        attempt,
                        kind,
                        item,
                        before,
                        after,
                        reason,
                        trainer: Uuid::parse_str(&trainer).map_err(|_| {
                            Error::Database(format!(
                                "stored trainer id \"{trainer}\" is not a UUID"
                            ))
                        })?,
                        trainer_name: name,
                        at: read_instant(&at)?,
                    })
                },
            )
            .collect()
    }

    /// The moderation queue: completed assessment attempts with free-text
    /// turns, newest first.
    pub fn moderation_queue(&self) -> Result<Vec<super::AttemptSummary>> {
        self.summaries(
            "WHERE a.mode = 'assessment' AND a.status = 'completed'
               AND EXISTS (SELECT 1 FROM turns t WHERE t.attempt_id = a.id AND t.input_kind = 'free_text')
             ORDER BY a.ended_at DESC, a.id DESC",
            &[],
        )
    }
}

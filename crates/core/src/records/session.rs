//! A recorded attempt: every turn is committed as it happens, and the
//! attempt is graded, sealed and counted towards certification when it
//! reaches an ending (if its scenario version is approved in the
//! [catalogue](super::catalogue)).

use super::store::Store;
use super::{chain, ledger};
use super::{mode_id, retention, InProgress};
use crate::attempt::{Attempt, FlagOutcome, Input, Mode, Turn};
use crate::error::{Error, Result};
use crate::response::ResponseAnalyser;
use crate::scenario::Scenario;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

/// An attempt bound to the store.
pub struct Session {
    attempt: Attempt,
    id: Uuid,
    trainee: Uuid,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("trainee", &self.trainee)
            .field("attempt", &self.attempt)
            .finish()
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Database(format!("could not encode a record: {e}")))
}

impl Session {
    /// Starts a new recorded attempt for a trainee.
    pub fn start(
        store: &Store,
        trainee: Uuid,
        scenario: Arc<Scenario>,
        mode: Mode,
        seed: u64,
        analyser: Arc<dyn ResponseAnalyser>,
    ) -> Result<Session> {
        let t = super::trainee::get(&store.conn, trainee)?;
        if t.erased_at.is_some() {
            return Err(Error::NotAllowed(format!(
                "trainee {trainee} was erased and cannot start attempts"
            )));
        }
        let attempt = Attempt::start(Arc::clone(&scenario), mode, seed, analyser)?;
        let id = Uuid::new_v4();
        let now = store.now_text();
        let tx = store.write()?;
        // A version of the bundled library is approved by the installation
        // the first time it is seen, here at the latest (as
        // `Store::approve_bundled` does when a client opens the library);
        // folders a user added wait for a trainer's approval.
        if super::catalogue::is_bundled(&scenario) {
            super::catalogue::approve_unseen(
                &tx,
                &now,
                &[super::catalogue::ScenarioVersion::of(&scenario)],
                super::catalogue::INSTALLATION,
                "bundled library",
            )?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO scenarios (id, content_hash, version, title) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![
                scenario.id(),
                scenario.source.content_hash,
                scenario.def.meta.version,
                // The script's own title, whatever language is shown.
                scenario.untranslated.meta.title
            ],
        )?;
        tx.execute(
            "INSERT INTO attempts (id, trainee_id, scenario_id, content_hash, scenario_version, mode, seed, started_at, status, language)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'in_progress', ?9)",
            rusqlite::params![
                id.to_string(),
                trainee.to_string(),
                scenario.id(),
                scenario.source.content_hash,
                scenario.def.meta.version,
                mode_id(mode),
                seed.to_string(),
                now,
                attempt.language()
            ],
        )?;
        tx.commit()?;
        Ok(Session {
            attempt,
            id,
            trainee,
        })
    }

    /// Resumes an unfinished attempt by replaying its committed inputs.
    /// Refuses when the scenario's content changed since it started.
    pub fn resume(
        store: &Store,
        in_progress: &InProgress,
        scenario: Arc<Scenario>,
        analyser: Arc<dyn ResponseAnalyser>,
    ) -> Result<Session> {
        let status: Option<String> = store
            .conn
            .query_row(
                "SELECT status FROM attempts WHERE id = ?1",
                [in_progress.attempt.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref() {
            Some("in_progress") => {}
            Some(other) => {
                return Err(Error::NotAllowed(format!(
                    "attempt {} is {}, not in progress",
                    in_progress.attempt,
                    other.replace('_', " ")
                )))
            }
            None => {
                return Err(Error::NotFound(format!(
                    "no attempt with id {}",
                    in_progress.attempt
                )))
            }
        }
        if scenario.id() != in_progress.scenario_id {
            return Err(Error::Input(format!(
                "attempt {} is at scenario \"{}\", not \"{}\"",
                in_progress.attempt,
                in_progress.scenario_id,
                scenario.id()
            )));
        }
        if scenario.source.content_hash != in_progress.content_hash {
            return Err(Error::ScenarioChanged {
                attempt: in_progress.attempt.to_string(),
                scenario: in_progress.scenario_id.clone(),
                stored: in_progress.content_hash.clone(),
                current: scenario.source.content_hash.clone(),
            });
        }
        // Resumed in the language it was started in, with that language's
        // analyser, so the replay takes the same routes.
        let (scenario, analyser) = if scenario.language() == in_progress.language {
            (scenario, analyser)
        } else {
            let shown = Arc::new(scenario.localised(&in_progress.language));
            let analyser = crate::scenario::translation::analyser_for(&shown)?;
            (shown, analyser)
        };
        let attempt = Attempt::replay(
            scenario,
            in_progress.mode,
            in_progress.seed,
            analyser,
            &in_progress.inputs,
        )?;
        Ok(Session {
            attempt,
            id: in_progress.attempt,
            trainee: in_progress.trainee,
        })
    }

    /// The attempt as it stands.
    pub fn attempt(&self) -> &Attempt {
        &self.attempt
    }

    /// The attempt id.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The trainee.
    pub fn trainee(&self) -> Uuid {
        self.trainee
    }

    /// Plays one response and commits the turn; on reaching an ending also
    /// grades the attempt, stores its report, seals it into the chains and
    /// brings the trainee's certification up to date, all in one transaction.
    pub fn respond(&mut self, store: &Store, input: Input) -> Result<&Turn> {
        let turn = self.attempt.respond(input)?.clone();
        if let Err(e) = self.commit_turn(store, &turn) {
            // Keep memory and disk in step: rebuild from what is stored.
            let inputs = &self.attempt.inputs()[..self.attempt.inputs().len() - 1];
            self.attempt = Attempt::replay(
                Arc::clone(self.attempt.scenario()),
                self.attempt.mode(),
                self.attempt.seed(),
                self.attempt.analyser(),
                inputs,
            )?;
            return Err(e);
        }
        Ok(self.attempt.turns().last().expect("a turn was just played"))
    }

    fn commit_turn(&self, store: &Store, turn: &Turn) -> Result<()> {
        let now = store.now_text();
        let tx = store.write()?;
        let (kind, choice) = match &turn.input {
            Input::Choice { index } => ("choice", Some(*index as i64)),
            Input::FreeText { .. } => ("free_text", None),
            Input::Silence => ("silence", None),
        };
        let labels: Vec<&str> = turn.shows.iter().map(|b| b.id()).collect();
        tx.execute(
            "INSERT INTO turns (attempt_id, number, input_kind, choice, said, input, labels, evidence, detail, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                self.id.to_string(),
                turn.number,
                kind,
                choice,
                turn.said,
                json(&turn.input)?,
                json(&labels)?,
                json(&turn.evidence)?,
                json(turn)?,
                now
            ],
        )?;
        ledger::record(
            &tx,
            &ledger::TURNS,
            Some(tx.last_insert_rowid()),
            &ledger::turn_subject(&self.id.to_string(), turn.number as i64),
            "played",
            &now,
        )?;
        if self.attempt.is_ended() {
            self.finish(&tx, &now)?;
        }
        tx.commit()?;
        if self.attempt.is_ended() && self.attempt.mode() == crate::attempt::Mode::Assessment {
            // A completed assessment may have changed a certification.
            store.checkpoint_after("assessment");
        }
        Ok(())
    }

    fn finish(&self, tx: &Connection, now: &str) -> Result<()> {
        let report = self.attempt.report();
        let id = self.id.to_string();
        tx.execute(
            "UPDATE attempts SET status = 'completed', ended_at = ?1, passed = ?2, ending = ?3, report = ?4,
                 chain_seq = (SELECT COALESCE(MAX(chain_seq), 0) + 1 FROM attempts)
             WHERE id = ?5 AND status = 'in_progress'",
            rusqlite::params![
                now,
                report.passed,
                report.ending.as_ref().map(|e| e.id.clone()),
                json(&report)?,
                id
            ],
        )?;
        let rowid: i64 = tx.query_row("SELECT rowid FROM attempts WHERE id = ?1", [&id], |r| {
            r.get(0)
        })?;
        chain::seal(tx, &chain::ATTEMPTS, rowid)?;
        for g in &report.competencies {
            insert_grade(
                tx,
                &id,
                "competency",
                g.competency.id(),
                g.level.id(),
                g.targeted,
            )?;
        }
        let mut flags: BTreeMap<&str, FlagOutcome> = BTreeMap::new();
        for f in &report.red_flags {
            let e = flags.entry(f.category.id()).or_insert(f.outcome);
            if f.outcome == FlagOutcome::Missed {
                *e = FlagOutcome::Missed;
            }
        }
        for (category, outcome) in flags {
            let value = match outcome {
                FlagOutcome::Recognised => "recognised",
                FlagOutcome::Missed | FlagOutcome::Open => "missed",
            };
            insert_grade(tx, &id, "red_flag", category, value, true)?;
        }
        if retention::current(tx)? == retention::Retention::EraseOnceGraded {
            retention::erase_transcript(tx, &id, now)?;
        }
        super::certificate::sync(tx, self.trainee, now)?;
        Ok(())
    }

    /// Takes back the last turn (practice only) and removes it from the store.
    pub fn undo(&mut self, store: &Store) -> Result<()> {
        self.attempt.undo()?;
        let kept = self.attempt.turns().len() as i64;
        let now = store.now_text();
        let id = self.id.to_string();
        let tx = store.write()?;
        let taken: Vec<i64> = {
            let mut stmt =
                tx.prepare("SELECT number FROM turns WHERE attempt_id = ?1 AND number > ?2")?;
            let rows = stmt.query_map(rusqlite::params![id, kept], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.execute(
            "DELETE FROM turns WHERE attempt_id = ?1 AND number > ?2",
            rusqlite::params![id, kept],
        )?;
        for number in taken {
            ledger::record(
                &tx,
                &ledger::TURNS,
                None,
                &ledger::turn_subject(&id, number),
                "undone",
                &now,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Gives the attempt up: it stays in the history as abandoned and never counts.
    pub fn abandon(self, store: &Store) -> Result<()> {
        let now = store.now_text();
        let tx = store.write()?;
        close_abandoned(&tx, &self.id.to_string(), &now)?;
        tx.commit()?;
        Ok(())
    }
}

fn insert_grade(
    tx: &Connection,
    attempt: &str,
    kind: &str,
    item: &str,
    value: &str,
    targeted: bool,
) -> Result<()> {
    tx.execute(
        "INSERT INTO grades (attempt_id, kind, item, value, targeted) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![attempt, kind, item, value, targeted],
    )?;
    chain::seal(tx, &chain::GRADES, tx.last_insert_rowid())
}

/// Marks an unfinished attempt abandoned and seals it.
pub(crate) fn close_abandoned(tx: &Connection, attempt: &str, now: &str) -> Result<()> {
    let n = tx.execute(
        "UPDATE attempts SET status = 'abandoned', ended_at = ?1,
             chain_seq = (SELECT COALESCE(MAX(chain_seq), 0) + 1 FROM attempts)
         WHERE id = ?2 AND status = 'in_progress'",
        [now, attempt],
    )?;
    if n == 0 {
        return Err(Error::NotAllowed(format!(
            "attempt {attempt} is not in progress"
        )));
    }
    let rowid: i64 = tx.query_row("SELECT rowid FROM attempts WHERE id = ?1", [attempt], |r| {
        r.get(0)
    })?;
    chain::seal(tx, &chain::ATTEMPTS, rowid)
}

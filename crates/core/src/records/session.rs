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
    ///
    /// The turn is played on a scratch copy of the attempt and the session
    /// keeps it only once the transaction has committed, so after a script
    /// error or a failed write nothing of the turn is on disk or in memory.
    pub fn respond(&mut self, store: &Store, input: Input) -> Result<&Turn> {
        let (id, trainee) = (self.id, self.trainee);
        self.attempt
            .respond_then(input, |after| commit_turn(store, id, trainee, after))
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

/// Writes the last turn of `attempt` (attempt `id` of `trainee`) in one
/// transaction, finishing the attempt when the turn reached an ending.
fn commit_turn(store: &Store, id: Uuid, trainee: Uuid, attempt: &Attempt) -> Result<()> {
    let Some(turn) = attempt.turns().last() else {
        return Err(Error::NotAllowed("there is no turn to record yet".into()));
    };
    let now = store.now_text();
    let tx = store.write()?;
    let (kind, choice) = match &turn.input {
        Input::Choice { index } => ("choice", Some(*index as i64)),
        Input::FreeText { .. } => ("free_text", None),
        Input::Silence => ("silence", None),
    };
    let labels: Vec<&str> = turn.shows.iter().map(|b| b.id()).collect();
    tx.prepare_cached(
        "INSERT INTO turns (attempt_id, number, input_kind, choice, said, input, labels, evidence, detail, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
            id.to_string(),
            turn.number,
            kind,
            choice,
            turn.said,
            json(&turn.input)?,
            json(&labels)?,
            json(&turn.evidence)?,
            json(turn)?,
            now
        ])?;
    ledger::record(
        &tx,
        &ledger::TURNS,
        Some(tx.last_insert_rowid()),
        &ledger::turn_subject(&id.to_string(), turn.number as i64),
        "played",
        &now,
    )?;
    if attempt.is_ended() {
        finish(&tx, id, trainee, attempt, &now)?;
    }
    tx.commit()?;
    if attempt.is_ended() && attempt.mode() == crate::attempt::Mode::Assessment {
        // A completed assessment may have changed a certification.
        store.checkpoint_after("assessment");
    }
    Ok(())
}

/// Grades, seals and counts a finished attempt inside the turn's transaction.
fn finish(tx: &Connection, id: Uuid, trainee: Uuid, attempt: &Attempt, now: &str) -> Result<()> {
    let report = attempt.report();
    let id = id.to_string();
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
            g.score,
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
        let value = crate::red_flag::Recognition::from(outcome).id();
        insert_grade(tx, &id, "red_flag", category, value, true, None)?;
    }
    if retention::current(tx)? == retention::Retention::EraseOnceGraded {
        retention::erase_transcript(tx, &id, now)?;
    }
    super::certificate::sync(tx, trainee, now)?;
    Ok(())
}

fn insert_grade(
    tx: &Connection,
    attempt: &str,
    kind: &str,
    item: &str,
    value: &str,
    targeted: bool,
    score: Option<f64>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO grades (attempt_id, kind, item, value, targeted, score)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![attempt, kind, item, value, targeted, score],
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

#[cfg(test)]
mod tests {
    //! A recorded turn against a real SQLite file: a script error mid-turn
    //! or a refused write stores nothing, and the attempt kept in memory
    //! matches the one resumed from disk.

    use super::*;
    use crate::attempt::tests::{breaking, pick};
    use crate::clock::{parse_instant, FixedClock};
    use crate::response::english;

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_failed_turn_writes_nothing_and_the_resumed_attempt_matches_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rehearse.db");
        let clock = Arc::new(FixedClock::new(parse_instant("2025-02-10").unwrap()));
        let store = Store::open_with_clock(&path, clock).unwrap();
        let trainee = store.add_trainee("Kim", None, None).unwrap().id;
        let mut s =
            Session::start(&store, trainee, breaking(), Mode::Assessment, 7, english()).unwrap();
        s.respond(&store, pick(s.attempt(), "warm")).unwrap();

        let outside = Connection::open(&path).unwrap();
        let stored = |outside: &Connection| {
            (
                count(outside, "SELECT count(*) FROM turns"),
                count(outside, "SELECT count(*) FROM turns_history"),
            )
        };
        let on_disk = stored(&outside);
        assert_eq!(on_disk.0, 1);
        let (view, turns) = (s.attempt().view(), s.attempt().turns().to_vec());

        // A script error in the next beat's line, after routing and effects.
        let e = s
            .respond(&store, pick(s.attempt(), "to_broken"))
            .unwrap_err();
        assert_eq!(e.code(), "script", "{e}");
        assert_eq!(
            stored(&outside),
            on_disk,
            "nothing was written for the turn"
        );
        assert_eq!(s.attempt().view(), view);
        assert_eq!(s.attempt().turns(), &turns[..]);

        // A write the database refuses keeps nothing in memory either.
        outside
            .execute_batch(
                "CREATE TRIGGER refuse_turns BEFORE INSERT ON turns
                 BEGIN SELECT RAISE(ABORT, 'the disk refused'); END;",
            )
            .unwrap();
        let e = s.respond(&store, pick(s.attempt(), "fine")).unwrap_err();
        assert!(e.to_string().contains("the disk refused"), "{e}");
        assert_eq!(stored(&outside), on_disk);
        assert_eq!(s.attempt().view(), view);
        assert_eq!(s.attempt().inputs().len(), 1);
        outside.execute_batch("DROP TRIGGER refuse_turns").unwrap();

        // Resumed from disk, the attempt is the one kept in memory.
        let open = store.in_progress(trainee).unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].inputs, s.attempt().inputs());
        let mut resumed = Session::resume(&store, &open[0], breaking(), english()).unwrap();
        assert_eq!(resumed.attempt().view(), view);
        assert_eq!(resumed.attempt().turns(), &turns[..]);
        assert_eq!(resumed.attempt().flags(), s.attempt().flags());
        assert_eq!(resumed.attempt().values(), s.attempt().values());

        // Both go on the same way, and the finished attempt verifies.
        for id in ["fine", "done"] {
            let input = pick(resumed.attempt(), id);
            let t = resumed.respond(&store, input).unwrap().clone();
            let input = pick(s.attempt(), id);
            assert_eq!(s.attempt.respond(input).unwrap(), &t);
        }
        assert!(resumed.attempt().is_ended());
        assert_eq!(store.report(resumed.id()).unwrap(), s.attempt().report());
        assert_eq!(count(&outside, "SELECT count(*) FROM turns"), 3);
        assert!(store.verify().unwrap().is_ok());
    }
}

//! The conversation in play: a trainee's attempt recorded turn by turn, or
//! a run that is not recorded (a trainer's trial from the workbench, or a
//! terminal play without a trainee). Both front ends hold one of these and
//! play it through the same methods, so "respond", "undo", "which report"
//! and "re-base after an edit" are decided once.

use crate::error::{Error, Result};
use rehearse_core::attempt::{Attempt, Input, Mode};
use rehearse_core::certification::Approval;
use rehearse_core::records::{InProgress, Session, Store};
use rehearse_core::report::Report;
use rehearse_core::response::ResponseAnalyser;
use rehearse_core::scenario::{self, translation, Scenario};
use rehearse_core::testcase::{step, ScriptLine, Step};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

/// The seed of a trainer's trial run: fixed, so a walk shows the same
/// menus each time it is tried.
pub const TRIAL_SEED: u64 = 1;

/// How a conversation is kept.
enum Keeping {
    /// A trainee's attempt, committed to the records turn by turn.
    Recorded(Session),
    /// Not recorded: a trainer's trial run, or a terminal play without a
    /// trainee. `from` is the beat it started at, so an edit of the
    /// scenario can replay it from there.
    Unrecorded {
        /// The attempt.
        attempt: Attempt,
        /// The beat the run started at.
        from: String,
    },
}

/// The conversation in play, with the scenario folder it was loaded from.
pub struct Conversation {
    /// Recorded or not.
    keeping: Keeping,
    /// The scenario folder, so a change to its files can be matched to it.
    dir: PathBuf,
    /// For a recorded assessment whose scenario version does not count
    /// towards certification, where that version stands (read once, when
    /// the attempt starts or resumes).
    not_counted: Option<Approval>,
}

/// What re-basing a run after an edit of its scenario did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebase {
    /// The run is recorded, or its scenario was not among the changed
    /// files: nothing was done. A recorded attempt is never re-based; it
    /// keeps the version it started with.
    Untouched,
    /// The edited scenario does not load; the run is left as it was (the
    /// checker's findings say why).
    Unloadable,
    /// The run's responses, replayed on the edited scenario from the beat
    /// it started at, lead to the same beat as before.
    Replayed,
    /// Replaying led elsewhere, so the run restarts at the beat it was on,
    /// which still exists.
    RestartedHere,
    /// The beat it was on is gone; the run restarts at the beat it started
    /// at, or at the scenario's start when that is gone too.
    RestartedAtFirst,
}

impl Conversation {
    /// A recorded attempt of the scenario in `dir`.
    pub fn recorded(session: Session, dir: PathBuf) -> Self {
        Conversation {
            keeping: Keeping::Recorded(session),
            dir,
            not_counted: None,
        }
    }

    /// A run that is not recorded, started at beat `from` of the scenario in `dir`.
    pub fn unrecorded(attempt: Attempt, from: String, dir: PathBuf) -> Self {
        Conversation {
            keeping: Keeping::Unrecorded { attempt, from },
            dir,
            not_counted: None,
        }
    }

    /// Starts a trainee's recorded attempt at `scenario` (loaded from
    /// `dir`), shown in `language` when the scenario carries it (else in its
    /// script's own language) and analysed in the language shown.
    pub fn start_recorded(
        store: &Store,
        trainee: Uuid,
        dir: PathBuf,
        scenario: &Scenario,
        language: &str,
        mode: Mode,
        seed: u64,
    ) -> Result<Self> {
        let (shown, analyser) = shown_in(scenario, language)?;
        let session = Session::start(store, trainee, shown, mode, seed, analyser)?;
        Self::recorded(session, dir).with_standing(store)
    }

    /// Resumes an attempt left in progress, replaying its stored turns; it
    /// is shown again in the language it was started in.
    pub fn resume(
        store: &Store,
        pending: &InProgress,
        dir: PathBuf,
        scenario: Arc<Scenario>,
    ) -> Result<Self> {
        let analyser = translation::analyser_for(&scenario)?;
        let session = Session::resume(store, pending, scenario, analyser)?;
        Self::recorded(session, dir).with_standing(store)
    }

    /// Reads where the assessment's scenario version stands in `store`'s
    /// catalogue; practice never counts and needs no warning.
    fn with_standing(mut self, store: &Store) -> Result<Self> {
        let attempt = self.attempt();
        if attempt.mode() == Mode::Assessment {
            let s = attempt.scenario();
            let approval = store.version_approval(s.id(), &s.source.content_hash)?;
            self.not_counted = (!approval.counts()).then_some(approval);
        }
        Ok(self)
    }

    /// Why this recorded assessment will not count towards certification:
    /// its scenario version is not approved (never, or withdrawn since it
    /// was). `None` when it counts, and for practice and trial runs.
    pub fn not_counted(&self) -> Option<&Approval> {
        self.not_counted.as_ref()
    }

    /// Starts a run that is not recorded at the scenario's start, shown and
    /// analysed as [`Conversation::start_recorded`] does (the terminal
    /// player without a trainee).
    pub fn start_unrecorded(
        dir: PathBuf,
        scenario: &Scenario,
        language: &str,
        mode: Mode,
        seed: u64,
    ) -> Result<Self> {
        let (shown, analyser) = shown_in(scenario, language)?;
        let attempt = Attempt::start(shown, mode, seed, analyser)?;
        let from = attempt.node().to_string();
        Ok(Self::unrecorded(attempt, from, dir))
    }

    /// A trainer's trial run of the scenario in `dir` from beat `beat`: in
    /// practice mode (hints and undo) with a fixed seed, so the same walk
    /// shows the same menus, and in the script's own language.
    pub fn trial(dir: PathBuf, beat: &str) -> Result<Self> {
        let s = Arc::new(scenario::load_playable(&dir)?);
        let analyser = translation::analyser_for(&s)?;
        let attempt = Attempt::start_at(s, Mode::Practice, TRIAL_SEED, analyser, beat)?;
        Ok(Self::unrecorded(attempt, beat.to_string(), dir))
    }

    /// The attempt as it stands.
    pub fn attempt(&self) -> &Attempt {
        match &self.keeping {
            Keeping::Recorded(s) => s.attempt(),
            Keeping::Unrecorded { attempt, .. } => attempt,
        }
    }

    /// Whether the conversation is a run that is not recorded.
    pub fn is_unrecorded(&self) -> bool {
        matches!(self.keeping, Keeping::Unrecorded { .. })
    }

    /// Ends the conversation in `slot` if it is a run that is not recorded
    /// (a workbench trial, which shows the answer key), leaving a recorded
    /// attempt in play: what closing the workbench or signing out does.
    pub fn drop_trial(slot: &mut Option<Conversation>) {
        if slot.as_ref().is_some_and(Conversation::is_unrecorded) {
            *slot = None;
        }
    }

    /// The recorded attempt's id; `None` for a run that is not recorded.
    pub fn attempt_id(&self) -> Option<String> {
        match &self.keeping {
            Keeping::Recorded(s) => Some(s.id().to_string()),
            Keeping::Unrecorded { .. } => None,
        }
    }

    /// Plays one response, committing it to `store` when recorded. A
    /// recorded turn is played on a scratch copy and kept only once it is
    /// committed, so a script error leaves the conversation as it was.
    pub fn respond(&mut self, store: Option<&Store>, input: Input) -> Result<()> {
        match &mut self.keeping {
            Keeping::Recorded(s) => {
                s.respond(recording(store)?, input)?;
            }
            Keeping::Unrecorded { attempt, .. } => {
                attempt.respond(input)?;
            }
        }
        Ok(())
    }

    /// Takes back the last turn (practice only; the core refuses otherwise),
    /// removing it from `store` when recorded.
    pub fn undo(&mut self, store: Option<&Store>) -> Result<()> {
        match &mut self.keeping {
            Keeping::Recorded(s) => s.undo(recording(store)?)?,
            Keeping::Unrecorded { attempt, .. } => attempt.undo()?,
        }
        Ok(())
    }

    /// Feeds one line of an input script (a response, `#id` or `/undo`),
    /// resolved against the menu as it is shown now.
    pub fn apply(&mut self, store: Option<&Store>, line: &ScriptLine) -> Result<()> {
        match step(self.attempt(), line)? {
            Step::Respond(input) => self.respond(store, input),
            Step::Undo => self.undo(store),
        }
    }

    /// The report: for an ended recorded attempt, the one stored when it
    /// was graded (so it is the report moderation and exports see);
    /// otherwise the attempt's report as it stands.
    pub fn report(&self, store: Option<&Store>) -> Result<Report> {
        match &self.keeping {
            Keeping::Recorded(s) if s.attempt().is_ended() => Ok(recording(store)?.report(s.id())?),
            _ => Ok(self.attempt().report()),
        }
    }

    /// Ends the conversation without finishing it: a recorded attempt that
    /// has not reached an ending is marked abandoned in `store`; a run that
    /// is not recorded is simply dropped.
    pub fn abandon(self, store: Option<&Store>) -> Result<()> {
        match self.keeping {
            Keeping::Recorded(s) if !s.attempt().is_ended() => Ok(s.abandon(recording(store)?)?),
            _ => Ok(()),
        }
    }

    /// Whether any of `changed` lies in this conversation's scenario folder.
    pub fn concerns(&self, changed: &[PathBuf]) -> bool {
        changed.iter().any(|p| p.starts_with(&self.dir))
    }

    /// Re-bases a run that is not recorded on its scenario as it is now on
    /// disk, after a change to any of `changed`. Its responses are replayed
    /// from the beat it started at; when that no longer leads to the beat
    /// it was on, it restarts at that beat if the beat still exists, else at
    /// the beat it started at (or the scenario's start). The run keeps its
    /// mode, seed and analyser. A recorded attempt is never re-based.
    pub fn rebase(&mut self, changed: &[PathBuf]) -> Rebase {
        if !self.concerns(changed) {
            return Rebase::Untouched;
        }
        let Keeping::Unrecorded { attempt, from } = &self.keeping else {
            return Rebase::Untouched;
        };
        let Ok(fresh) = scenario::load_playable(&self.dir) else {
            return Rebase::Unloadable;
        };
        let fresh = Arc::new(fresh);
        let here = attempt.node().to_string();
        let start = |beat: &str| {
            Attempt::start_at(
                Arc::clone(&fresh),
                attempt.mode(),
                attempt.seed(),
                attempt.analyser(),
                beat,
            )
        };
        let replayed = start(from).and_then(|mut a| {
            for input in attempt.inputs() {
                a.respond(input.clone())?;
            }
            Ok(a)
        });
        let (next, next_from, outcome) = match replayed {
            Ok(a) if a.node() == here => (a, from.clone(), Rebase::Replayed),
            _ if fresh.node(&here).is_some() => match start(&here) {
                Ok(a) => (a, here, Rebase::RestartedHere),
                Err(_) => return Rebase::Unloadable,
            },
            _ => {
                let beat = if fresh.beat(from).is_some() {
                    from.clone()
                } else {
                    fresh.def.start.clone()
                };
                match start(&beat) {
                    Ok(a) => (a, beat, Rebase::RestartedAtFirst),
                    Err(_) => return Rebase::Unloadable,
                }
            }
        };
        self.keeping = Keeping::Unrecorded {
            attempt: next,
            from: next_from,
        };
        outcome
    }

    /// The scenario folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// A new attempt's scenario as shown in `language` (the script's own when
/// the scenario does not carry it), with the analyser of the language shown.
fn shown_in(
    scenario: &Scenario,
    language: &str,
) -> Result<(Arc<Scenario>, Arc<dyn ResponseAnalyser>)> {
    let shown = Arc::new(scenario.localised(language));
    let analyser = translation::analyser_for(&shown)?;
    Ok((shown, analyser))
}

/// The store a recorded conversation commits to; a recorded conversation
/// played without one is a caller's mistake, refused in words.
fn recording(store: Option<&Store>) -> Result<&Store> {
    store.ok_or_else(|| {
        Error::Invalid("a recorded attempt needs the records store to play its turns".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{bundled, play_lines, play_test, recorded, records_on};
    use rehearse_core::attempt::Mode;
    use rehearse_core::testcase::find_test;

    /// A copy of a bundled scenario in a folder of its own, to edit.
    fn copy_of(id: &str, into: &Path) -> PathBuf {
        let dir = into.join(id);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(bundled(id)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
            }
        }
        dir
    }

    /// A trial run of a copy of near-miss in `tmp`, `turns` turns along
    /// its strong path.
    fn trial_after(tmp: &Path, turns: usize) -> (PathBuf, Conversation) {
        let dir = copy_of("near-miss", tmp);
        let mut c = trial(&dir);
        let inputs = find_test(&dir, "strong path").unwrap().inputs;
        play_lines(&mut c, None, &inputs[..turns]);
        (dir, c)
    }

    fn trial(dir: &Path) -> Conversation {
        let s = scenario::load_playable(dir).unwrap();
        Conversation::trial(dir.to_path_buf(), &s.def.start).unwrap()
    }

    #[test]
    fn a_recorded_conversation_commits_each_turn_and_reports_what_was_stored() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        let ana = store.add_trainee("Ana", None, None).unwrap();
        let c = play_test(store, ana.id, "near-miss", "strong path");
        assert!(!c.is_unrecorded());
        let id = c.attempt_id().unwrap();
        let stored = store.report(id.parse().unwrap()).unwrap();
        let report = c.report(Some(store)).unwrap();
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            serde_json::to_value(&stored).unwrap()
        );
        assert!(report.passed, "the strong path passes");
        // Without the store a recorded conversation refuses, in words.
        let err = c.report(None).err().unwrap();
        assert_eq!(err.code(), "invalid");
    }

    #[test]
    fn an_edit_that_keeps_the_path_replays_the_run_to_the_same_beat() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, mut c) = trial_after(tmp.path(), 2);
        let here = c.attempt().node().to_string();
        let turns = c.attempt().turns().len();
        // Unrelated paths change nothing.
        assert_eq!(c.rebase(&[tmp.path().join("elsewhere")]), Rebase::Untouched);
        // An edit of a line's wording keeps the graph.
        let script = dir.join("scenario.rhai");
        let text = std::fs::read_to_string(&script).unwrap();
        std::fs::write(&script, format!("{text}\n// edited\n")).unwrap();
        assert_eq!(c.rebase(std::slice::from_ref(&script)), Rebase::Replayed);
        assert_eq!(c.attempt().node(), here);
        assert_eq!(c.attempt().turns().len(), turns);
    }

    #[test]
    fn an_edit_that_removes_the_beat_restarts_the_run_where_it_began() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, mut c) = trial_after(tmp.path(), 1);
        let here = c.attempt().node().to_string();
        let start = c.attempt().scenario().def.start.clone();
        assert_ne!(here, start);
        // The beat the run is on is renamed everywhere it is named.
        let script = dir.join("scenario.rhai");
        let text = std::fs::read_to_string(&script).unwrap();
        let renamed = text.replace(&format!("\"{here}\""), &format!("\"{here}_renamed\""));
        assert_ne!(text, renamed);
        std::fs::write(&script, renamed).unwrap();
        assert_eq!(
            c.rebase(std::slice::from_ref(&script)),
            Rebase::RestartedAtFirst
        );
        assert_eq!(c.attempt().node(), start);
        assert!(c.attempt().turns().is_empty());
    }

    #[test]
    fn an_edit_that_breaks_the_script_leaves_the_run_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, mut c) = trial_after(tmp.path(), 1);
        let here = c.attempt().node().to_string();
        let script = dir.join("scenario.rhai");
        std::fs::write(&script, "this is not rhai (((").unwrap();
        assert_eq!(c.rebase(std::slice::from_ref(&script)), Rebase::Unloadable);
        assert_eq!(c.attempt().node(), here);
        assert_eq!(c.attempt().turns().len(), 1);
    }

    #[test]
    fn a_recorded_attempt_is_never_rebased() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        let bo = store.add_trainee("Bo", None, None).unwrap();
        let dir = copy_of("near-miss", tmp.path());
        let mut c = recorded(store, bo.id, &dir, Mode::Practice);
        let script = dir.join("scenario.rhai");
        std::fs::write(&script, "broken (((").unwrap();
        assert_eq!(c.rebase(&[script]), Rebase::Untouched);
        assert!(c.attempt_id().is_some());
    }

    #[test]
    fn abandoning_marks_an_unfinished_recorded_attempt_and_drops_a_trial() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        let cy = store.add_trainee("Cy", None, None).unwrap();
        let c = recorded(store, cy.id, &bundled("near-miss"), Mode::Practice);
        assert_eq!(store.in_progress(cy.id).unwrap().len(), 1);
        c.abandon(Some(store)).unwrap();
        assert!(store.in_progress(cy.id).unwrap().is_empty());
        trial(&bundled("near-miss")).abandon(None).unwrap();
    }

    #[test]
    fn closing_the_workbench_drops_a_trial_and_keeps_a_recorded_attempt() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let dee = opened.store.add_trainee("Dee", None, None).unwrap();
        let mut slot = Some(trial(&bundled("near-miss")));
        Conversation::drop_trial(&mut slot);
        assert!(slot.is_none());
        let mut slot = Some(recorded(
            &opened.store,
            dee.id,
            &bundled("near-miss"),
            Mode::Practice,
        ));
        Conversation::drop_trial(&mut slot);
        assert!(slot.is_some_and(|c| !c.is_unrecorded()));
        let mut empty: Option<Conversation> = None;
        Conversation::drop_trial(&mut empty);
        assert!(empty.is_none());
    }
}

//! Attempts left in progress: the list a trainee is offered to resume, and
//! resuming one from the library by its scenario id (an attempt records
//! the scenario's id, not its folder, since folders move).

use crate::conversation::Conversation;
use crate::error::{Error, Result};
use crate::view::AttemptLabel;
use rehearse_core::attempt::Mode;
use rehearse_core::library::index::LibraryIndex;
use rehearse_core::records::{InProgress, Store};
use rehearse_core::scenario::Scenario;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use uuid::Uuid;

/// An attempt left in progress, as a front end offers it for resuming.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InProgressView {
    /// The attempt, its scenario and mode.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub label: AttemptLabel,
    /// Turns played so far.
    pub turns: usize,
}

/// The trainee's attempts left in progress, titled from `titles`
/// (scenario id to title, from the library index).
pub fn in_progress(
    store: &Store,
    trainee: Uuid,
    titles: &HashMap<String, String>,
) -> Result<Vec<InProgressView>> {
    Ok(store
        .in_progress(trainee)?
        .into_iter()
        .map(|p| InProgressView {
            label: AttemptLabel::new(p.attempt, p.scenario_id, p.mode, titles),
            turns: p.inputs.len(),
        })
        .collect())
}

/// Resumes the trainee's attempt `attempt`, replaying its stored turns
/// against the scenario of the same id in `folders` (found through the
/// library index, so only that folder is compiled).
pub fn resume(
    store: &Store,
    trainee: Uuid,
    attempt: Uuid,
    index: &mut LibraryIndex,
    folders: &[PathBuf],
) -> Result<Conversation> {
    let pending = store
        .in_progress(trainee)?
        .into_iter()
        .find(|p| p.attempt == attempt)
        .ok_or_else(|| Error::Invalid("that attempt is no longer in progress".into()))?;
    let dir = crate::library::find(index, folders, &pending.scenario_id)
        .ok_or_else(|| rehearse_core::Error::ScenarioNotFound(pending.scenario_id.clone()))?;
    let scenario = rehearse_core::scenario::load_playable(&dir)?;
    Conversation::resume(store, &pending, dir, Arc::new(scenario))
}

/// How a trainee's play of a scenario began: a new recorded attempt, or
/// the one they left in progress at that scenario, resumed.
pub enum Begun {
    /// A new attempt, in the mode and with the seed asked for.
    Started,
    /// The attempt left in progress, resumed in the mode, seed and
    /// language it was started in (whatever was asked for now).
    Resumed {
        /// The attempt as it was left.
        pending: InProgress,
        /// Whether the mode or seed asked for differs from the attempt's
        /// own, which were kept.
        kept_its_own: bool,
    },
}

/// The trainee's play of `scenario` (in `dir`): the attempt they left in
/// progress at it, resumed, or else a new recorded attempt shown in
/// `language` (the script's own when the scenario does not carry it) in
/// `mode` with `seed` (a fresh one when `None`). What the CLI's `play
/// --trainee` does, so a trainee never has two attempts open at one scenario.
#[allow(clippy::too_many_arguments)]
pub fn resume_or_start(
    store: &Store,
    trainee: Uuid,
    dir: PathBuf,
    scenario: &Arc<Scenario>,
    language: &str,
    mode: Mode,
    seed: Option<u64>,
) -> Result<(Conversation, Begun)> {
    let open = store
        .in_progress(trainee)?
        .into_iter()
        .find(|p| p.scenario_id == scenario.id());
    Ok(match open {
        Some(pending) => (
            Conversation::resume(store, &pending, dir, Arc::clone(scenario))?,
            Begun::Resumed {
                kept_its_own: pending.mode != mode || seed.is_some_and(|s| s != pending.seed),
                pending,
            },
        ),
        None => {
            let seed = seed.unwrap_or_else(rehearse_core::rng::fresh_seed);
            let play =
                Conversation::start_recorded(store, trainee, dir, scenario, language, mode, seed)?;
            (play, Begun::Started)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{bundled, recorded, records_on};
    use rehearse_core::attempt::Input;

    #[test]
    fn an_attempt_left_open_is_listed_and_resumes_where_it_stopped() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        let ana = store.add_trainee("Ana", None, None).unwrap();
        let mut c = recorded(store, ana.id, &bundled("near-miss"), Mode::Practice);
        c.respond(Some(store), Input::Choice { index: 1 }).unwrap();
        let id: Uuid = c.attempt_id().unwrap().parse().unwrap();
        let node = c.attempt().view().node;
        drop(c);

        let titles = HashMap::from([("near-miss".to_string(), "Title".to_string())]);
        let open = in_progress(store, ana.id, &titles).unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(
            (open[0].turns, open[0].label.title.as_deref()),
            (1, Some("Title"))
        );

        // The folder is found by the scenario's id, wherever it is listed.
        let root = rehearse_core::library::bundled_dir().unwrap();
        let folders = rehearse_core::library::expand(&[root]).unwrap();
        let mut index = LibraryIndex::new();
        let resumed = resume(store, ana.id, id, &mut index, &folders).unwrap();
        assert_eq!(resumed.attempt().view().node, node);
        assert_eq!(resumed.attempt_id().unwrap(), id.to_string());

        let other = store.add_trainee("Bo", None, None).unwrap();
        let err = resume(store, other.id, id, &mut index, &folders)
            .err()
            .unwrap();
        assert_eq!(err.code(), "invalid");
        let none: Vec<PathBuf> = Vec::new();
        let err = resume(store, ana.id, id, &mut index, &none).err().unwrap();
        assert_eq!(
            err.code(),
            rehearse_core::Error::ScenarioNotFound(String::new()).code()
        );
    }

    /// Fresh records with trainee Ana, and the bundled near-miss loaded.
    fn ana_at_near_miss() -> (
        tempfile::TempDir,
        crate::records::Opened,
        rehearse_core::records::Trainee,
        PathBuf,
        Arc<Scenario>,
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        let dir = bundled("near-miss");
        let s = Arc::new(rehearse_core::scenario::load_playable(&dir).unwrap());
        (tmp, opened, ana, dir, s)
    }

    #[test]
    fn playing_a_scenario_again_resumes_the_attempt_left_open_there() {
        let (_tmp, opened, ana, dir, s) = ana_at_near_miss();
        let store = &opened.store;
        let (mut first, begun) = resume_or_start(
            store,
            ana.id,
            dir.clone(),
            &s,
            "en",
            Mode::Practice,
            Some(7),
        )
        .unwrap();
        assert!(matches!(begun, Begun::Started));
        first
            .respond(Some(store), Input::Choice { index: 1 })
            .unwrap();
        let id = first.attempt_id();
        drop(first);
        // Asked for an assessment now: the open practice attempt is resumed.
        let (again, begun) =
            resume_or_start(store, ana.id, dir, &s, "en", Mode::Assessment, Some(9)).unwrap();
        let Begun::Resumed {
            pending: p,
            kept_its_own,
        } = begun
        else {
            panic!("resumed")
        };
        assert_eq!((p.mode, p.seed, p.inputs.len()), (Mode::Practice, 7, 1));
        assert!(kept_its_own, "assessment was asked for, practice kept");
        assert_eq!(again.attempt_id(), id);
    }

    #[test]
    fn an_assessment_at_a_withdrawn_version_is_named_as_not_counting() {
        let (_tmp, opened, ana, dir, s) = ana_at_near_miss();
        let store = &opened.store;
        let start = |mode| {
            Conversation::start_recorded(store, ana.id, dir.clone(), &s, "en", mode, 3).unwrap()
        };
        // The bundled version is approved on opening: it counts.
        let exam = start(Mode::Assessment);
        assert_eq!(exam.not_counted(), None);
        exam.abandon(Some(store)).unwrap();
        store.add_trainer("Tess", "a long passphrase").unwrap();
        store
            .withdraw_version(
                "Tess",
                "a long passphrase",
                s.id(),
                &s.source.content_hash,
                "typo",
            )
            .unwrap();
        let exam = start(Mode::Assessment);
        match exam.not_counted() {
            Some(rehearse_core::certification::Approval::Withdrawn { reason, .. }) => {
                assert_eq!(reason, "typo")
            }
            other => panic!("{other:?}"),
        }
        exam.abandon(Some(store)).unwrap();
        // Practice never counts, so there is nothing to warn of.
        assert_eq!(start(Mode::Practice).not_counted(), None);
    }
}

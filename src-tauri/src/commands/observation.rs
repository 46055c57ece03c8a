//! Observed role-play (trainers): the rubric, the trainees, recording an
//! observed assessment with timestamped notes and red-flag recognition, and
//! the agreement with the automated grades. Thin adapters: every command
//! carries the trainer's name and passphrase and the core checks them
//! (`Store::authenticate_trainer`, `Store::record_observation`).

use crate::commands::{off_main, parse_id};
use crate::error::{Error, Result};
use crate::state::{lock, Records};
use crate::views::StatusView;
use rehearse_core::competency::Competency;
use rehearse_core::grading::Level;
use rehearse_core::observation::{
    parse_elapsed, rubric, AgreementReport, FlagSeen, NewObservation, Note, Observation, Partner,
};
use rehearse_core::records::Store;
use rehearse_core::red_flag::RedFlagCategory;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tauri::{AppHandle, Manager, Runtime, State};

/// A trainee the trainer may observe.
#[derive(Debug, Clone, Serialize)]
pub struct TraineeChoice {
    /// Pseudonymous id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Organisation.
    pub organisation: Option<String>,
}

/// Everything the observation screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct ObservationOverview {
    /// Descriptors for every level of every competency, and the red flags.
    pub rubric: rubric::Rubric,
    /// Trainees (erased ones left out).
    pub trainees: Vec<TraineeChoice>,
    /// Observations recorded so far, newest first.
    pub observations: Vec<Observation>,
    /// Automated and observed results side by side with their agreement.
    pub agreement: AgreementReport,
}

/// One note as the page sends it: the time into the role-play as typed
/// (`mm:ss`), an optional competency id and the words.
#[derive(Debug, Clone, Deserialize)]
pub struct NoteInput {
    /// `mm:ss`, `h:mm:ss` or seconds.
    pub elapsed: String,
    /// A competency id, or empty.
    #[serde(default)]
    pub competency: Option<String>,
    /// The note.
    pub text: String,
}

/// An observed assessment as the page sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct ObservationInput {
    /// Trainee id.
    pub trainee: String,
    /// `trainee` or `actor`.
    pub partner: String,
    /// The brief's scenario id, or empty.
    #[serde(default)]
    pub scenario_id: Option<String>,
    /// Competency id → level id (`not_assessed` or absent: not scored).
    pub levels: BTreeMap<String, String>,
    /// Red-flag category → `recognised` or `missed` (absent: not presented).
    #[serde(default)]
    pub red_flags: BTreeMap<String, String>,
    /// Timestamped notes.
    #[serde(default)]
    pub notes: Vec<NoteInput>,
}

/// What recording returns: the stored observation, the trainee's status
/// now, and the screen as it now stands.
#[derive(Debug, Clone, Serialize)]
pub struct RecordedObservation {
    /// The observation as stored.
    pub observation: Observation,
    /// The trainee's certification status today.
    pub status: StatusView,
    /// The refreshed screen.
    pub overview: ObservationOverview,
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::invalid(e.to_string())
}

impl ObservationInput {
    /// The observed assessment, timed at the records clock's now.
    fn parse(self, store: &Store) -> Result<NewObservation> {
        let mut levels = BTreeMap::new();
        for (c, l) in self.levels {
            let c: Competency = c.parse().map_err(invalid)?;
            let l: Level = l.parse().map_err(invalid)?;
            levels.insert(c, l);
        }
        let mut red_flags = BTreeMap::new();
        for (f, v) in self.red_flags {
            let f: RedFlagCategory = f.parse().map_err(invalid)?;
            let v: FlagSeen = v.parse()?;
            red_flags.insert(f, v);
        }
        let notes = self
            .notes
            .into_iter()
            .map(|n| {
                Ok(Note {
                    elapsed_seconds: parse_elapsed(&n.elapsed)?,
                    competency: match n.competency.as_deref().map(str::trim) {
                        None | Some("") => None,
                        Some(c) => Some(c.parse().map_err(invalid)?),
                    },
                    text: n.text,
                })
            })
            .collect::<Result<_>>()?;
        Ok(NewObservation {
            trainee: parse_id(&self.trainee, "trainee")?,
            partner: self.partner.parse::<Partner>()?,
            scenario_id: self.scenario_id,
            observed_at: store.clock().now(),
            levels,
            red_flags,
            notes,
        })
    }
}

fn overview(store: &Store) -> Result<ObservationOverview> {
    let mut observations = store.observations(None)?;
    observations.reverse();
    Ok(ObservationOverview {
        rubric: rubric::rubric(),
        trainees: store
            .trainees()?
            .into_iter()
            .filter(|t| t.erased_at.is_none())
            .map(|t| TraineeChoice {
                id: t.id.to_string(),
                name: t.display_name,
                organisation: t.organisation,
            })
            .collect(),
        observations,
        agreement: store.observation_agreement(None)?,
    })
}

/// The observation screen (trainer name and passphrase required).
#[tauri::command]
pub async fn observation_overview<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
) -> Result<ObservationOverview> {
    off_main(app, move |app| {
        observation_overview_blocking(app.state(), trainer, passphrase)
    })
    .await
}

/// The work of [`observation_overview`], on the calling thread (the command tests call it).
pub fn observation_overview_blocking(
    records: State<'_, Records>,
    trainer: String,
    passphrase: String,
) -> Result<ObservationOverview> {
    let store = lock(&records.0);
    store.authenticate_trainer(&trainer, &passphrase)?;
    overview(&store)
}

/// Records an observed assessment of a role-play that has just ended (its
/// time is the records clock's now); the core checks the passphrase,
/// validates, chains, audits and brings the trainee's certification up to
/// date.
#[tauri::command]
pub async fn record_observation<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    observation: ObservationInput,
) -> Result<RecordedObservation> {
    off_main(app, move |app| {
        record_observation_blocking(app.state(), trainer, passphrase, observation)
    })
    .await
}

/// The work of [`record_observation`], on the calling thread (the command tests call it).
pub fn record_observation_blocking(
    records: State<'_, Records>,
    trainer: String,
    passphrase: String,
    observation: ObservationInput,
) -> Result<RecordedObservation> {
    let store = lock(&records.0);
    // Refused callers learn nothing about the input's problems.
    store.authenticate_trainer(&trainer, &passphrase)?;
    let new = observation.parse(&store)?;
    let o = store.record_observation(&trainer, &passphrase, new)?;
    let status = store.status(o.trainee, store.clock().today())?;
    Ok(RecordedObservation {
        status: StatusView::from(&status),
        overview: overview(&store)?,
        observation: o,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::App;

    const TRAINER: &str = "Dr Okafor";
    const PASS: &str = "correct horse battery";

    fn app(data: &std::path::Path) -> App<MockRuntime> {
        crate::setup(mock_builder(), AppState::open(data).expect("open state"))
            .build(mock_context(noop_assets()))
            .expect("build the mock app")
    }

    fn input(trainee: &str, level: &str, note_time: &str) -> ObservationInput {
        ObservationInput {
            trainee: trainee.into(),
            partner: "actor".into(),
            scenario_id: Some("insulin-overdose".into()),
            levels: [
                ("open_questions".to_string(), level.to_string()),
                ("atmosphere".to_string(), "exemplary".to_string()),
                ("presence".to_string(), "not_assessed".to_string()),
            ]
            .into_iter()
            .collect(),
            red_flags: [("suicide_risk".to_string(), "recognised".to_string())]
                .into_iter()
                .collect(),
            notes: vec![NoteInput {
                elapsed: note_time.into(),
                competency: Some("atmosphere".into()),
                text: "offers a quiet room".into(),
            }],
        }
    }

    #[test]
    fn a_trainer_records_an_observation_and_sees_status_and_agreement() {
        let data = tempfile::tempdir().unwrap();
        let app = app(data.path());
        let records = app.state::<Records>();
        let trainee = {
            let store = lock(&records.0);
            store.add_trainer(TRAINER, PASS).unwrap();
            store
                .add_trainee("Sam Carter", None, Some("North"))
                .unwrap()
                .id
                .to_string()
        };
        // A trainee's name, or a wrong passphrase, is refused before anything is read.
        for (who, pass) in [("Sam Carter", PASS), (TRAINER, "wrong passphrase")] {
            let e =
                observation_overview_blocking(app.state(), who.into(), pass.into()).unwrap_err();
            assert_eq!(e.code(), "unauthorised");
            let e = record_observation_blocking(
                app.state(),
                who.into(),
                pass.into(),
                input(&trainee, "competent", "00:30"),
            )
            .unwrap_err();
            assert_eq!(e.code(), "unauthorised");
        }
        let v = observation_overview_blocking(app.state(), TRAINER.into(), PASS.into()).unwrap();
        assert_eq!(v.rubric.competencies.len(), 15);
        assert!(v.rubric.competencies.iter().all(|c| c.levels.len() == 4));
        assert_eq!(v.trainees.len(), 1);
        assert!(v.observations.is_empty());
        // Bad input is refused with a reason and records nothing.
        let e = record_observation_blocking(
            app.state(),
            TRAINER.into(),
            PASS.into(),
            input(&trainee, "great", "00:30"),
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(e.to_string().contains("great"), "{e}");
        let e = record_observation_blocking(
            app.state(),
            TRAINER.into(),
            PASS.into(),
            input(&trainee, "competent", "4:99"),
        )
        .unwrap_err();
        assert_eq!(e.code(), "input");
        let r = record_observation_blocking(
            app.state(),
            TRAINER.into(),
            PASS.into(),
            input(&trainee, "competent", "00:30"),
        )
        .unwrap();
        assert!(r.observation.passed);
        assert_eq!(r.observation.notes[0].elapsed_seconds, 30);
        assert_eq!(r.observation.trainer_name, TRAINER);
        assert_eq!(r.status.headline, "not started");
        assert_eq!(r.overview.observations.len(), 1);
        assert_eq!(r.overview.agreement.competencies.len(), 15);
        assert_eq!(
            r.overview.agreement.trainees, 0,
            "no automated attempt to pair"
        );
        assert!(lock(&records.0).verify().unwrap().is_ok());
    }
}

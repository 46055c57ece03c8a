//! Observed role-play (trainers): the rubric, the trainees, recording an
//! observed assessment with timestamped notes and red-flag recognition, and
//! the agreement with the automated grades. Thin adapters: every command
//! carries the trainer's name and passphrase and the core checks them
//! (`Store::authenticate_trainer`, `Store::record_observation`).

use crate::commands::off_main;
use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_app::observation;
use tauri::{AppHandle, Manager, Runtime, State};

/// The observation screen's views and input: the application layer's.
pub use rehearse_app::observation::{
    NoteInput, ObservationInput, ObservationOverview, RecordedObservation, TraineeChoice,
};

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
    Ok(observation::overview(&store)?)
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
    Ok(observation::record(
        &store,
        &trainer,
        &passphrase,
        observation,
    )?)
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

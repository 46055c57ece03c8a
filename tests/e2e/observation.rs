//! Observed role-play in the real window: under a policy that requires one
//! observed assessment, a trainee with four passed assessments is "in
//! progress"; a trainer signs in, opens "Observed role-play", scores the
//! competencies with the rubric's descriptors on screen, marks a red flag
//! recognised and adds a timestamped note, and records it. The trainee's
//! status turns to "certified until …", the agreement table shows the pair
//! with the hand-checked agreement, and an export of the records (JSON and
//! CSV, through the core) lists the observation as observed.

use crate::harness::{self, Env};
use crate::{db_path, seed_staff, test_inputs, trainer_sign_in};
use rehearse_core::clock::{parse_instant, FixedClock};
use rehearse_core::competency::Competency;
use rehearse_core::grading::Level;
use rehearse_core::records::{Session, Store};
use std::sync::Arc;

/// Seeds a policy requiring an observed assessment, the trainee "Sam
/// Carter" with the four certifying passes (an hour apart, the junior
/// doctor's last), and the staff. Returns the automated level of
/// `open_questions` in the latest pass that scored it, read from the stored
/// reports.
fn seed(env: &Env) -> Level {
    use rehearse_core::attempt::Mode;
    use rehearse_core::testcase::{input_for, ScriptLine};
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T09:00:00Z").unwrap(),
    ));
    let store = Store::open_with_clock(&db_path(env), clock.clone()).unwrap();
    let policy = rehearse_core::certification::Policy::from_toml(
        &rehearse_core::certification::policy::DEFAULT_TOML
            .replace("rehearse-default-2", "trust-observed")
            .replace(
                "red_flags = [\"suicide_risk\", \"severe_decompensation\"]\n",
                "red_flags = [\"suicide_risk\", \"severe_decompensation\"]\nobserved = { count = 1, at_least = \"competent\" }\n",
            ),
    )
    .unwrap();
    store.set_policy(&policy, "e2e").unwrap();
    let t = store
        .add_trainee("Sam Carter", None, Some("North"))
        .unwrap();
    let mut attempts = Vec::new();
    for (hour, (id, test)) in [
        ("midwife-neonatal-death", "second good route"),
        ("team-shared-event", "strong path"),
        ("insulin-overdose", "second good route"),
        ("junior-doctor-death", "second good route"),
    ]
    .into_iter()
    .enumerate()
    {
        clock.set(parse_instant(&format!("2025-02-10T1{hour}:00:00Z")).unwrap());
        let scenario = Arc::new(
            rehearse_core::scenario::load_playable(&harness::repo().join("scenarios").join(id))
                .unwrap(),
        );
        let mut s = Session::start(
            &store,
            t.id,
            scenario,
            Mode::Assessment,
            1,
            rehearse_core::response::english(),
        )
        .unwrap();
        for line in test_inputs(id, test) {
            let ScriptLine::Respond(input) = input_for(s.attempt(), &line).unwrap() else {
                panic!("undo in {id}");
            };
            s.respond(&store, input).unwrap();
        }
        assert!(s.attempt().is_ended());
        attempts.push(s.id());
    }
    let status = store
        .status(
            t.id,
            rehearse_core::clock::parse_date("2025-02-12").unwrap(),
        )
        .unwrap();
    assert_eq!(status.headline(), "in progress", "waits for an observation");
    seed_staff(&store);
    // The latest pass that scored it.
    attempts
        .iter()
        .rev()
        .filter_map(|a| {
            store
                .report(*a)
                .unwrap()
                .competencies
                .iter()
                .find(|g| g.competency == Competency::OpenQuestions)
                .map(|g| g.level)
                .filter(|l| *l != Level::NotAssessed)
        })
        .next()
        .expect("a pass scored open_questions")
}

#[test]
fn a_trainer_records_an_observed_role_play_that_certifies_and_is_exported_as_observed() {
    let env = Env::new("observation");
    let automated = seed(&env);
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-02-12T09:30:00Z")]);
    trainer_sign_in(&app);
    app.wait_for("#queue, #queue-empty");
    app.click_on("#nav-observation");
    app.wait_for("#observation-form");
    // The rubric's descriptors are on screen for every level.
    let label = app
        .text_of("label[for=\"level-open_questions-competent\"]")
        .unwrap();
    assert!(label.contains("Mainly open questions"), "{label}");
    assert_eq!(
        app.all("#observation-form fieldset[data-competency]").len(),
        15
    );
    assert_eq!(app.all("#agreement tbody tr").len(), 15);
    app.click_on("#level-open_questions-competent");
    app.click_on("#level-follow_affect-exemplary");
    app.click_on("#flag-suicide_risk-recognised");
    let time = app.wait_for("#note-time");
    app.type_into(&time, "03:15");
    app.execute(
        "const s = document.getElementById('note-competency');
         s.value = 'open_questions';
         s.dispatchEvent(new Event('change'));
         return true;",
    );
    let text = app.wait_for("#note-text");
    app.type_into(&text, "asks what the night was like for him");
    app.click_on("#add-note");
    app.wait_until("the note in the list", || {
        app.text_of("#note-list li")
            .filter(|t| t.contains("03:15") && t.contains("open_questions"))
    });
    crate::a11y::axe(&app).unwrap_or_else(|e| panic!("axe on the observation form: {e}"));
    app.screenshot("observation-form");
    app.click_on("#record-observation");
    let saved = app.wait_for("#observation-saved");
    assert_eq!(
        app.attr(&saved, "data-standing").as_deref(),
        Some("certified")
    );
    let status = app.text_of("#observation-status").unwrap();
    assert!(status.contains("certified until 2026-02-12"), "{status}");
    assert_eq!(app.all("#observations li").len(), 1);
    // The agreement with the automated grade: one pair for each scored
    // competency, and the level agreement checked by hand against the
    // last automated pass.
    let row = "#agreement tbody tr[data-competency=\"open_questions\"]";
    assert_eq!(
        app.attr(&app.wait_for(row), "data-pairs").as_deref(),
        Some("1")
    );
    let agreement = app.text_of(&format!("{row} .level-agreement")).unwrap();
    let expected = if automated == Level::Competent {
        "100%"
    } else {
        "0%"
    };
    assert_eq!(agreement, expected, "automated level {automated:?}");
    let threshold = app.text_of(&format!("{row} .threshold-agreement")).unwrap();
    assert_eq!(
        threshold,
        if automated.is_competent() {
            "100%"
        } else {
            "0%"
        }
    );
    assert_eq!(
        app.text_of("#agreement")
            .map(|t| t.contains("1 paired trainee")),
        Some(true)
    );
    crate::a11y::axe(&app).unwrap_or_else(|e| panic!("axe after recording: {e}"));
    app.screenshot("observation-recorded");

    // After "Change role" a trainee's screen has no way in, and the
    // commands invoked from the page are refused by the core.
    app.click_on("#crumbs button.link");
    app.click_on("[data-profile=\"Sam Carter\"]");
    app.wait_for("#library .card");
    assert!(app.all("#nav-observation").is_empty());
    for (who, pass) in [
        ("Sam Carter", "anything"),
        ("", ""),
        (crate::TRAINER, "wrong"),
    ] {
        for (cmd, extra) in [
            ("observation_overview", String::new()),
            (
                "record_observation",
                format!(
                    ", observation: {{ trainee: '{}', partner: 'actor', levels: {{ open_questions: 'exemplary' }} }}",
                    uuid::Uuid::nil()
                ),
            ),
        ] {
            let args = format!("{{ trainer: '{who}', passphrase: '{pass}'{extra} }}");
            assert_eq!(
                crate::probe(&app, cmd, &args),
                "unauthorised",
                "{cmd} as {who:?}"
            );
        }
    }

    // The records the window wrote, exported through the core: the
    // observation is marked as observed in JSON and CSV, and the
    // certification's basis names it.
    let store = Store::open(&db_path(&env)).unwrap();
    let export = |format| {
        let mut out = Vec::new();
        rehearse_core::export::export(
            &store,
            &rehearse_core::export::Options {
                format,
                filter: Default::default(),
                include_identity: false,
                home_page: "https://trust.example/".into(),
                issuer_name: "Test".into(),
            },
            None,
            &mut out,
            &mut |_, _| {},
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    };
    let doc: serde_json::Value =
        serde_json::from_str(&export(rehearse_core::export::Format::Json)).unwrap();
    let obs = doc["observations"].as_array().unwrap();
    assert_eq!(obs.len(), 1);
    assert_eq!(obs[0]["assessment"], "observed");
    assert_eq!(obs[0]["notes"], 1);
    let id = obs[0]["id"].as_str().unwrap();
    let granted = doc["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["event"] == "granted")
        .unwrap();
    assert_eq!(granted["observed_basis"], serde_json::json!([id]));
    let csv = export(rehearse_core::export::Format::CsvAttempts);
    let line = csv.lines().find(|l| l.starts_with(id)).unwrap();
    assert!(line.contains(",observed,"), "{line}");
}

//! Command tests on Tauri's mock runtime: the real commands, state and
//! records database, without a window.

use super::{
    accreditation, dashboard, debrief, library, moderation, player, profiles, staff, workbench,
};
use crate::state::{lock, AppState, Player, Records, Workbench};
use rehearse_core::attempt::{FlagOutcome, Input, Mode};
use rehearse_core::records::{Capability, Role};
use std::path::PathBuf;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager};

/// A mock-runtime app over the data folder `data` (shared by the command tests).
pub(super) fn app(data: &std::path::Path) -> App<MockRuntime> {
    crate::setup(mock_builder(), AppState::open(data).expect("open state"))
        .build(mock_context(noop_assets()))
        .expect("build the mock app")
}

/// The folder of the bundled scenario `id`.
pub(super) fn bundled(id: &str) -> PathBuf {
    rehearse_core::library::bundled_dir()
        .expect("the bundled scenarios")
        .join(id)
}

const TRAINER: &str = "Dr Okafor";
const TRAINER_PASS: &str = "correct horse battery";
const OFFICER: &str = "Olu Officer";
const OFFICER_PASS: &str = "audit the audit trail";
/// Staff used only for wrong passphrases: five of them lock a name for 15
/// minutes (issue #10), so the names the tests sign in with stay unlocked.
const TRAINER_GUESSED: &str = "Dr Guessed";
const OFFICER_GUESSED: &str = "Olu Guessed";

/// Adds the trainer and the accreditation officer through the core store.
fn add_staff(store: &rehearse_core::records::Store) {
    store.add_trainer(TRAINER, TRAINER_PASS).unwrap();
    store
        .add_staff(OFFICER, OFFICER_PASS, Role::AccreditationOfficer)
        .unwrap();
    store.add_trainer(TRAINER_GUESSED, TRAINER_PASS).unwrap();
    store
        .add_staff(OFFICER_GUESSED, OFFICER_PASS, Role::AccreditationOfficer)
        .unwrap();
}

/// Adds the staff to the app's own store.
fn seed_staff(app: &App<MockRuntime>) {
    add_staff(&lock(&app.state::<Records>().0));
}

fn t() -> String {
    TRAINER.to_string()
}

fn tp() -> String {
    TRAINER_PASS.to_string()
}

fn o() -> String {
    OFFICER.to_string()
}

fn op() -> String {
    OFFICER_PASS.to_string()
}

fn choice(index: usize) -> Input {
    Input::Choice { index }
}

fn profile(app: &App<MockRuntime>, name: &str) -> String {
    profiles::create_profile(app.state(), name.into())
        .unwrap()
        .id
}

#[test]
fn profiles_are_created_and_listed_and_blank_names_refused() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let err = profiles::create_profile(app.state(), "  ".into()).unwrap_err();
    assert_eq!(err.code(), "input");
    let p = profiles::create_profile(app.state(), "Ana".into()).unwrap();
    let all = profiles::list_profiles(app.state()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].id.as_str(), all[0].name.as_str()),
        (p.id.as_str(), "Ana")
    );
}

#[test]
fn library_cards_carry_status_and_never_red_flags() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let trainee = profile(&app, "Ana");
    let cards =
        library::list_scenarios_blocking(app.state(), app.state(), Some(trainee.clone())).unwrap();
    assert!(cards.len() >= 9);
    let json = serde_json::to_string(&cards).unwrap();
    assert!(
        !json.contains("red_flag") && !json.contains("suicide"),
        "{json}"
    );
    let midwife = cards
        .iter()
        .find(|c| c.id == "midwife-neonatal-death")
        .unwrap();
    assert_eq!(
        midwife.status,
        rehearse_core::records::ScenarioProgress::NotTried
    );
    assert!(!midwife.targets.is_empty() && midwife.minutes > 0);

    player::start_attempt_blocking(
        app.state(),
        app.state(),
        trainee.clone(),
        midwife.path.clone(),
        Mode::Practice,
    )
    .unwrap();
    player::respond_blocking(app.state(), app.state(), choice(1)).unwrap();
    let cards = library::list_scenarios_blocking(app.state(), app.state(), Some(trainee)).unwrap();
    let midwife = cards
        .iter()
        .find(|c| c.id == "midwife-neonatal-death")
        .unwrap();
    assert_eq!(
        midwife.status,
        rehearse_core::records::ScenarioProgress::Practised
    );
    let err = library::list_scenarios_blocking(app.state(), app.state(), Some("nope".into()))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn practice_shows_feedback_and_undoes_assessment_does_neither() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let trainee = profile(&app, "Ana");
    let err = player::respond_blocking(app.state(), app.state(), choice(1)).unwrap_err();
    assert_eq!(err.code(), "no_attempt");

    let dir = bundled("midwife-neonatal-death");
    let v = player::start_attempt_blocking(
        app.state(),
        app.state(),
        trainee.clone(),
        dir.clone(),
        Mode::Practice,
    )
    .unwrap();
    assert!(!v.view.meters.is_empty(), "practice shows meters");
    let v = player::respond_blocking(app.state(), app.state(), choice(1)).unwrap();
    assert_eq!(v.view.turn, 1);
    let f = v.transcript[0]
        .feedback
        .as_ref()
        .expect("practice feedback");
    assert!(!f.hint.is_empty());
    let v = player::undo_turn_blocking(app.state(), app.state()).unwrap();
    assert_eq!((v.view.turn, v.view.can_undo), (0, false));

    let v =
        player::start_attempt_blocking(app.state(), app.state(), trainee, dir, Mode::Assessment)
            .unwrap();
    assert!(v.view.meters.is_empty(), "assessment hides meters");
    let v = player::respond_blocking(app.state(), app.state(), choice(1)).unwrap();
    assert!(
        v.transcript[0].feedback.is_none(),
        "assessment shows no hint"
    );
    let err = player::undo_turn_blocking(app.state(), app.state()).unwrap_err();
    assert_eq!(err.code(), "not_allowed");
}

#[test]
fn an_assessment_at_an_unapproved_copy_says_it_will_not_count() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let trainee = profile(&app, "Ana");
    // A trainer's own edit of a bundled scenario: same id, new content.
    let copy = data.path().join("edited").join("near-miss");
    std::fs::create_dir_all(&copy).unwrap();
    for f in std::fs::read_dir(bundled("near-miss")).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            std::fs::copy(&f, copy.join(f.file_name().unwrap())).unwrap();
        }
    }
    let script = copy.join("scenario.rhai");
    let edited = std::fs::read_to_string(&script).unwrap() + "\n// a local edit\n";
    std::fs::write(&script, edited).unwrap();
    let v = player::start_attempt_blocking(
        app.state(),
        app.state(),
        trainee.clone(),
        copy.clone(),
        Mode::Assessment,
    )
    .unwrap();
    assert_eq!(
        v.not_counted,
        Some(rehearse_core::certification::Approval::Unapproved)
    );
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["not_counted"]["status"], "unapproved");
    // Practice never counts, and the bundled version does.
    let v = player::start_attempt_blocking(
        app.state(),
        app.state(),
        trainee.clone(),
        copy,
        Mode::Practice,
    )
    .unwrap();
    assert_eq!(v.not_counted, None);
    let v = player::start_attempt_blocking(
        app.state(),
        app.state(),
        trainee,
        bundled("near-miss"),
        Mode::Assessment,
    )
    .unwrap();
    assert_eq!(v.not_counted, None);
}

#[test]
fn free_text_feedback_names_rules_and_spans() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let trainee = profile(&app, "Ana");
    let mut v = player::start_attempt_blocking(
        app.state(),
        app.state(),
        trainee,
        bundled("midwife-neonatal-death"),
        Mode::Practice,
    )
    .unwrap();
    // Pick the first choice until a beat offers free text.
    while v.view.free_text.is_none() {
        assert!(!v.view.ended, "the first choices never reach free text");
        v = player::respond_blocking(app.state(), app.state(), choice(1)).unwrap();
    }
    let turn = v.transcript.len();
    let text = "How have things been for you since it happened?";
    let v = player::respond_blocking(
        app.state(),
        app.state(),
        Input::FreeText { text: text.into() },
    )
    .unwrap();
    let f = v.transcript[turn].feedback.as_ref().unwrap();
    assert_eq!(f.question, Some("open"));
    let hit = f.rules.first().expect("a rule fired");
    assert_eq!(&text[hit.span.start..hit.span.end], hit.span.text);
}

#[test]
fn an_attempt_survives_a_restart_and_resumes() {
    let data = tempfile::tempdir().unwrap();
    let trainee;
    {
        let app = app(data.path());
        trainee = profile(&app, "Sam");
        player::start_attempt_blocking(
            app.state(),
            app.state(),
            trainee.clone(),
            bundled("insulin-overdose"),
            Mode::Practice,
        )
        .unwrap();
        player::respond_blocking(app.state(), app.state(), choice(1)).unwrap();
        player::respond_blocking(app.state(), app.state(), choice(1)).unwrap();
    }
    let app = app(data.path());
    assert!(player::current_attempt(app.state()).is_none());
    let pending =
        player::list_in_progress_blocking(app.state(), app.state(), trainee.clone()).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].turns, 2);
    assert_eq!(
        pending[0].label.title.as_deref(),
        Some("Forty instead of four")
    );
    let v = player::resume_attempt_blocking(
        app.state(),
        app.state(),
        app.state(),
        trainee.clone(),
        pending[0].label.attempt.clone(),
    )
    .unwrap();
    assert_eq!(v.view.turn, 2);
    assert_eq!(
        v.attempt_id.as_deref(),
        Some(pending[0].label.attempt.as_str())
    );
    player::abandon_attempt(app.state(), app.state()).unwrap();
    assert!(
        player::list_in_progress_blocking(app.state(), app.state(), trainee)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_missed_red_flag_fails_the_debrief_and_reports_export() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let trainee = profile(&app, "Jo");
    play_test(
        &app,
        &trainee,
        "midwife-neonatal-death",
        "reassuring her away from the cue misses the red flag",
        Mode::Assessment,
    );
    let d = debrief::attempt_report(app.state(), app.state()).unwrap();
    assert!(d.completed && !d.passed);
    assert_eq!(d.competencies.len(), 15);
    let missed: Vec<_> = d
        .red_flags
        .iter()
        .filter(|f| f.outcome == FlagOutcome::Missed)
        .collect();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].category, "suicide_risk");
    assert!(!d.critical.is_empty());

    let player = app.state::<Player>();
    let md = debrief::report_file(&player, &app.state(), debrief::ReportFormat::Markdown).unwrap();
    assert!(md.name.ends_with(".md") && md.text.contains("NOT PASSED"));
    let html = debrief::report_file(&player, &app.state(), debrief::ReportFormat::Html).unwrap();
    assert!(html.name.ends_with(".html") && html.text.starts_with("<!doctype html>"));
}

#[test]
fn the_workbench_checks_draws_plays_tests_and_explores() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    seed_staff(&app);
    let folder = data.path().join("authoring");
    let dir = folder.join("midwife-neonatal-death");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(bundled("midwife-neonatal-death")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let view = workbench::open_workbench_blocking(
        app.handle().clone(),
        app.state(),
        app.state::<Workbench>(),
        t(),
        tp(),
        folder.clone(),
    )
    .unwrap();
    assert_eq!(view.scenarios.len(), 1);
    assert_eq!(view.scenarios[0].errors, 0);

    let g = workbench::workbench_graph_blocking(app.state(), t(), tp(), dir.clone()).unwrap();
    assert!(g.nodes.iter().any(|n| n.node.ending));
    assert!(g.nodes.iter().any(|n| n.node.red_flag.is_some()));
    let beat = g
        .nodes
        .iter()
        .find(|n| !n.node.start && !n.node.ending)
        .unwrap();
    let v = workbench::play_from_blocking(
        app.state(),
        app.state(),
        t(),
        tp(),
        dir.clone(),
        beat.node.id.clone(),
    )
    .unwrap();
    assert!(v.trial && v.attempt_id.is_none());
    assert_eq!(v.view.node, beat.node.id);

    let tests = tauri::async_runtime::block_on(workbench::run_scenario_tests(
        app.handle().clone(),
        t(),
        tp(),
        dir.clone(),
    ))
    .unwrap();
    assert!(
        !tests.is_empty() && tests.iter().all(|t| t.passed),
        "{tests:?}"
    );
    let explore = |walks| {
        tauri::async_runtime::block_on(workbench::run_explorer(
            app.handle().clone(),
            t(),
            tp(),
            dir.clone(),
            walks,
            1,
        ))
    };
    let x = explore(20).unwrap();
    assert_eq!(x.exploration.walks, 20);
    assert!(x.coverage > 0.0);
    let err = explore(0).unwrap_err();
    assert_eq!(err.code(), "invalid");

    let script = dir.join("scenario.rhai");
    let good = std::fs::read_to_string(&script).unwrap();
    let (from, _) = good.split_once("next: \"").unwrap();
    let line = from.lines().count();
    let broken = good.replacen("next: \"", "next: \"zz_", 1);
    std::fs::write(&script, broken).unwrap();
    let view = rehearse_app::check::folder(&folder.canonicalize().unwrap()).unwrap();
    let f = view.scenarios[0]
        .findings
        .iter()
        .find(|f| f.finding.code == "E011")
        .expect("E011");
    assert_eq!(
        (f.file.as_str(), f.finding.location.line),
        ("midwife-neonatal-death/scenario.rhai", line)
    );
    assert!(!f.explanation.is_empty());

    // Signing out closes the workbench: the watcher and the trial go.
    workbench::close_workbench(app.state(), app.state());
    assert!(lock(&app.state::<Workbench>().0).is_none());
    assert!(player::current_attempt(app.state()).is_none());
}

/// Plays a scenario's test path from its tests.toml through the commands.
fn play_test(app: &App<MockRuntime>, trainee: &str, id: &str, test: &str, mode: Mode) -> String {
    use rehearse_core::testcase::{find_test, parse_input, ScriptLine};
    let t = find_test(&bundled(id), test).unwrap();
    let scenario = rehearse_core::scenario::load_playable(&bundled(id)).unwrap();
    let v =
        player::start_attempt_blocking(app.state(), app.state(), trainee.into(), bundled(id), mode)
            .unwrap();
    for line in &t.inputs {
        // The app shuffles with a fresh seed: find a choice named by id
        // where the menu shows it now.
        let input = match parse_input(line).unwrap() {
            ScriptLine::Respond(input) => input,
            ScriptLine::Pick(choice) => {
                let now = player::current_attempt(app.state()).unwrap();
                let beat = scenario.beat(&now.view.node).unwrap();
                let text = &beat.choice(&choice).unwrap().1.text;
                let place = now.view.choices.iter().position(|c| c == text).unwrap();
                Input::Choice { index: place + 1 }
            }
            ScriptLine::Undo => panic!("undo in {id}"),
        };
        player::respond_blocking(app.state(), app.state(), input).unwrap();
    }
    let v2 = player::current_attempt(app.state()).unwrap();
    assert!(v2.view.ended, "{id} {test}");
    v.attempt_id.unwrap()
}

#[test]
fn a_passed_assessment_updates_the_dashboard_and_opens_its_debrief() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let ana = profile(&app, "Ana");
    let d = dashboard::trainee_dashboard_blocking(app.state(), app.state(), ana.clone()).unwrap();
    assert_eq!(d.status.headline, "not started");
    assert!(d.status.countdown.is_none());
    assert_eq!(d.competencies.len(), 15);
    assert!(d.grid.is_empty() && d.history.is_empty());
    let before = d.status.missing.len();

    let attempt = play_test(
        &app,
        &ana,
        "midwife-neonatal-death",
        "second good route",
        Mode::Assessment,
    );
    let d = dashboard::trainee_dashboard_blocking(app.state(), app.state(), ana.clone()).unwrap();
    assert_eq!(d.status.headline, "in progress");
    assert_eq!(
        d.status.missing.len(),
        before - 1,
        "the suicide-risk item is met"
    );
    assert!(d.status.missing.iter().all(|m| !m.text.is_empty()));
    assert_eq!(d.grid.len(), 1);
    assert_eq!(d.grid[0].levels.len(), 15);
    assert!(d.grid[0].passed);
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].label.attempt, attempt);
    assert!(d.history[0].has_debrief);
    assert_eq!(d.history[0].label.title.as_deref(), Some("Five weeks on"));

    let r = dashboard::stored_report(app.state(), ana.clone(), attempt.clone()).unwrap();
    assert!(r.passed && r.completed && r.moderation.is_empty());
    assert_eq!(r.competencies.len(), 15);
    let other = profile(&app, "Bo");
    let err = dashboard::stored_report(app.state(), other, attempt).unwrap_err();
    assert_eq!(err.code(), "not_allowed");
    let err =
        dashboard::trainee_dashboard_blocking(app.state(), app.state(), "x".into()).unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn a_trainer_override_changes_the_status_and_a_trainee_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let sam = profile(&app, "Sam");
    for (id, test) in [
        ("midwife-neonatal-death", "second good route"),
        ("team-shared-event", "strong path"),
        ("insulin-overdose", "second good route"),
        ("junior-doctor-death", "second good route"),
    ] {
        play_test(&app, &sam, id, test, Mode::Assessment);
    }
    let d = dashboard::trainee_dashboard_blocking(app.state(), app.state(), sam.clone()).unwrap();
    assert!(
        d.status.headline.starts_with("certified until"),
        "{}",
        d.status.headline
    );
    let c = d
        .status
        .countdown
        .as_ref()
        .expect("a countdown while certified");
    assert!(
        c.days > 0 && c.text.contains("refresher window"),
        "{}",
        c.text
    );

    assert!(!moderation::trainer_exists(app.state()).unwrap());
    let t = moderation::create_trainer_blocking(
        app.state(),
        "Dr Okafor".into(),
        "correct horse battery".into(),
    )
    .unwrap();
    assert_eq!(t.name, "Dr Okafor");
    assert!(moderation::trainer_exists(app.state()).unwrap());
    let err =
        moderation::create_trainer_blocking(app.state(), "Eve".into(), "another long one".into())
            .unwrap_err();
    assert_eq!(err.code(), "not_allowed");
    let pass = || "correct horse battery".to_string();
    let sign_in = |name: &str, passphrase: String| {
        staff::staff_sign_in_blocking(app.state(), name.into(), passphrase, Capability::Moderate)
    };
    let err = sign_in("Dr Okafor", "nope".into()).unwrap_err();
    assert_eq!(err.code(), "unauthorised");
    sign_in("dr okafor", pass()).unwrap();

    // A trainee profile is refused by every trainer command.
    let err = sign_in("Sam", pass()).unwrap_err();
    assert_eq!(err.code(), "unauthorised");
    let err = moderation::moderation_queue_blocking(
        app.state(),
        app.state(),
        "Sam".into(),
        String::new(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "unauthorised");

    let queue =
        moderation::moderation_queue_blocking(app.state(), app.state(), "Dr Okafor".into(), pass())
            .unwrap();
    // Assessments with typed turns only: at most the four played.
    assert!((1..=4).contains(&queue.len()), "{queue:?}");
    assert!(queue.iter().all(|q| q.trainee == "Sam" && q.turns > 0));
    let attempt = queue
        .iter()
        .find(|q| q.label.scenario_id == "junior-doctor-death")
        .expect("the junior-doctor route has free text")
        .label
        .attempt
        .clone();
    let v = moderation::moderation_attempt_blocking(
        app.state(),
        "Dr Okafor".into(),
        pass(),
        attempt.clone(),
    )
    .unwrap();
    assert!(v.report.passed && v.audit.is_empty());
    assert!(v.report.transcript.iter().any(|t| t.said.is_some()));
    let target_id = v
        .report
        .competencies
        .iter()
        .find(|c| c.targeted)
        .unwrap()
        .label
        .id;
    let target: rehearse_core::records::OverrideTarget =
        serde_json::from_value(serde_json::json!({"kind": "competency", "id": target_id})).unwrap();

    let err = moderation::moderate_blocking(
        app.state(),
        "Sam".into(),
        pass(),
        attempt.clone(),
        target,
        "not_yet".into(),
        "r".into(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "unauthorised");
    let err = moderation::moderate_blocking(
        app.state(),
        "Dr Okafor".into(),
        pass(),
        attempt.clone(),
        target,
        "not_yet".into(),
        "  ".into(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "input");
    let v = moderation::moderate_blocking(
        app.state(),
        "Dr Okafor".into(),
        pass(),
        attempt.clone(),
        target,
        "not_yet".into(),
        "Did not check the plan with him.".into(),
    )
    .unwrap();
    assert_eq!(v.status.headline, "in progress");
    assert!(!v.report.passed);
    assert_eq!(v.report.moderation.len(), 1);
    assert_eq!(v.audit.len(), 1);
    let e = &v.audit[0];
    assert!(e.actor.contains("Dr Okafor"));
    assert_eq!(e.after.as_deref(), Some("not_yet"));
    assert_eq!(
        e.reason.as_deref(),
        Some("Did not check the plan with him.")
    );
    let d = dashboard::trainee_dashboard_blocking(app.state(), app.state(), sam).unwrap();
    assert_eq!(d.status.headline, "in progress");
    assert!(d.history.iter().any(|h| h.moderated));
}

/// Found only in typed responses of the seeded transcripts.
const MARKER: &str = "Zanzibarquoll7731";

/// Plays a bundled scenario's named test as an assessment through the
/// core, with `MARKER` added to every typed response.
fn seed_play(store: &rehearse_core::records::Store, trainee: uuid::Uuid, id: &str, test: &str) {
    use rehearse_core::records::Session;
    use rehearse_core::testcase::{find_test, input_for, ScriptLine};
    let dir = bundled(id);
    let scenario = std::sync::Arc::new(rehearse_core::scenario::load_playable(&dir).unwrap());
    let inputs = find_test(&dir, test).unwrap().inputs;
    let mut s = Session::start(
        store,
        trainee,
        scenario,
        Mode::Assessment,
        1,
        rehearse_core::response::english(),
    )
    .unwrap();
    for line in inputs {
        let line = if line.parse::<u32>().is_err() && !line.starts_with(['/', '#']) {
            format!("{} {MARKER}", line.trim_end_matches(['?', '.']))
        } else {
            line
        };
        let ScriptLine::Respond(input) = input_for(s.attempt(), &line).unwrap() else {
            panic!("undo in {id}");
        };
        s.respond(store, input).unwrap();
    }
    assert!(s.attempt().is_ended());
}

/// Seeds, through the core store (before the app opens it), a trainee of
/// North Trust certified through the four strong paths on the clock's
/// day, and a trainee of South Trust with no attempts. `None` uses the
/// system clock.
fn seed_accreditation(data: &std::path::Path, at: Option<&str>) -> (String, String) {
    use rehearse_core::clock::{parse_instant, FixedClock};
    use rehearse_core::records::Store;
    let db = data.join("rehearse.db");
    let store = match at {
        Some(at) => Store::open_with_clock(
            &db,
            std::sync::Arc::new(FixedClock::new(parse_instant(at).unwrap())),
        )
        .unwrap(),
        None => Store::open(&db).unwrap(),
    };
    let north = store
        .add_trainee("Ana North", Some("ana@north.example"), Some("North Trust"))
        .unwrap();
    let south = store
        .add_trainee("Ben South", None, Some("South Trust"))
        .unwrap();
    for (id, test) in [
        ("midwife-neonatal-death", "second good route"),
        ("team-shared-event", "strong path"),
        ("insulin-overdose", "second good route"),
        ("junior-doctor-death", "second good route"),
    ] {
        seed_play(&store, north.id, id, test);
    }
    add_staff(&store);
    (north.id.to_string(), south.id.to_string())
}

fn filters(org: &str, from: &str, to: &str, status: &[&str]) -> accreditation::FilterInput {
    accreditation::FilterInput {
        organisation: Some(org.into()),
        from: Some(from.into()),
        to: Some(to.into()),
        status: status.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn the_records_table_follows_organisation_date_and_status_filters() {
    let data = tempfile::tempdir().unwrap();
    let (north, south) = seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let app = app(data.path());
    let ids = |page: rehearse_core::export::RosterPage| {
        page.rows
            .iter()
            .map(|r| r.trainee.to_string())
            .collect::<Vec<_>>()
    };

    let all = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "", "", &[]),
        None,
    )
    .unwrap();
    assert_eq!((all.total, all.has_next, all.page), (Some(2), false, 0));
    let all = all.rows;
    assert_eq!(all.len(), 2);
    let past = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "", "", &[]),
        Some(1),
    )
    .unwrap();
    assert!(past.rows.is_empty() && !past.has_next && past.total == Some(2));
    let ana = all.iter().find(|r| r.trainee.to_string() == north).unwrap();
    assert_eq!((ana.attempts, ana.assessments), (4, 4));
    let json = serde_json::to_string(&all).unwrap();
    assert!(
        !json.contains("Ana North") && !json.contains("ana@north"),
        "{json}"
    );

    let rows = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("south trust", "", "", &[]),
        None,
    );
    assert_eq!(ids(rows.unwrap()), std::slice::from_ref(&south));
    // Status on the last day of the range: certified on 2025-02-10.
    let rows = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "2025-02-01", "2025-02-28", &["certified"]),
        None,
    );
    assert_eq!(ids(rows.unwrap()), std::slice::from_ref(&north));
    let rows = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "2025-03-01", "2025-03-31", &[]),
        None,
    );
    assert!(rows.unwrap().rows.is_empty(), "no attempt in March");
    let rows = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "", "", &["not_started"]),
        None,
    );
    assert_eq!(ids(rows.unwrap()), [south]);

    let err = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "", "", &["certfied"]),
        None,
    )
    .unwrap_err();
    assert_eq!(err.code(), "input");
    let err = accreditation::records_table_blocking(
        app.state(),
        o(),
        op(),
        filters("", "2025-03-01", "2025-02-01", &[]),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("backwards"), "{err}");
}

/// Splits RFC 4180 CSV text into records of fields.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted && field.is_empty() && row.is_empty(), "ragged CSV");
    rows
}

#[test]
fn an_export_to_a_file_is_readable_csv_without_transcripts_or_identity() {
    let data = tempfile::tempdir().unwrap();
    let (north, _) = seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let app = app(data.path());
    let out = data.path().join("attempts.csv");
    let request = |format, identity| accreditation::ExportRequest {
        format,
        filters: filters("North Trust", "", "", &[]),
        include_identity: identity,
        home_page: String::new(),
        issuer_name: accreditation::ISSUER_NAME.into(),
    };
    let done = tauri::async_runtime::block_on(accreditation::write_export(
        app.handle().clone(),
        o(),
        op(),
        request(accreditation::ExportFormat::CsvAttempts, false),
        out.clone(),
    ))
    .unwrap();
    assert_eq!(done.records, 4);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains(MARKER),
        "a transcript leaked into the export"
    );
    assert!(!text.contains("Ana North"), "identity without asking");
    let rows = read_csv(&text);
    assert_eq!(rows.len(), 5, "header and four attempts");
    assert_eq!(rows[0][..2], ["attempt_id", "trainee_id"]);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    assert!(rows[1..].iter().all(|r| r[1] == north));

    // Identity only when asked; JSON is signed as a bundle.
    let json = data.path().join("records.json");
    let done = tauri::async_runtime::block_on(accreditation::write_export(
        app.handle().clone(),
        o(),
        op(),
        request(accreditation::ExportFormat::Json, true),
        json.clone(),
    ))
    .unwrap();
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("Ana North") && !text.contains(MARKER));
    assert!(done.signature.unwrap().exists());
    let v = tauri::async_runtime::block_on(accreditation::verify_file(
        app.handle().clone(),
        o(),
        op(),
        json.clone(),
    ))
    .unwrap();
    assert!(v.valid, "{v:?}");
}

#[test]
fn verify_accepts_an_issued_credential_and_rejects_a_tampered_one() {
    let data = tempfile::tempdir().unwrap();
    seed_accreditation(data.path(), None);
    let app = app(data.path());
    let file = data.path().join("credentials.json");
    let done = tauri::async_runtime::block_on(accreditation::write_export(
        app.handle().clone(),
        o(),
        op(),
        accreditation::ExportRequest {
            format: accreditation::ExportFormat::Ob3,
            filters: accreditation::FilterInput::default(),
            include_identity: false,
            home_page: String::new(),
            issuer_name: accreditation::ISSUER_NAME.into(),
        },
        file.clone(),
    ))
    .unwrap();
    assert_eq!(done.records, 1);
    assert!(data.path().join("issuer-key.json").exists());
    let verify = |p: &std::path::Path| {
        tauri::async_runtime::block_on(accreditation::verify_file(
            app.handle().clone(),
            o(),
            op(),
            p.to_path_buf(),
        ))
    };
    let v = verify(&file).unwrap();
    assert!(v.valid, "{v:?}");
    assert!(v.summary.starts_with("Valid"));
    for check in ["type:", "issuer key:", "proof:", "dates:"] {
        assert!(
            v.items[0].checks.iter().any(|c| c.starts_with(check)),
            "{v:?}"
        );
    }

    let mut creds: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let original = creds.clone();
    creds[0]["credentialSubject"]["result"] = serde_json::json!([]);
    let tampered = data.path().join("tampered.json");
    std::fs::write(&tampered, serde_json::to_string_pretty(&creds).unwrap()).unwrap();
    let v = verify(&tampered).unwrap();
    assert!(!v.valid);
    assert!(v.summary.starts_with("Not valid"), "{}", v.summary);
    assert!(
        v.items[0]
            .problem
            .as_deref()
            .unwrap()
            .contains("signature does not match"),
        "{v:?}"
    );
    let err = verify(&data.path().join("absent.json")).unwrap_err();
    assert_eq!(err.code(), "io");

    // Signed by someone else's key (a valid signature, a self-asserted
    // did:key): never shown as genuine here.
    let stranger = rehearse_core::credential::keys::IssuerKey::from_seed([9; 32]);
    let mut doc = original[0].clone();
    doc.as_object_mut().unwrap().remove("proof");
    doc["issuer"]["id"] = serde_json::Value::from(stranger.did());
    let created = rehearse_core::clock::parse_instant(doc["validFrom"].as_str().unwrap()).unwrap();
    let other = rehearse_core::credential::proof::sign(&doc, &stranger, created).unwrap();
    let foreign = data.path().join("foreign.json");
    std::fs::write(&foreign, serde_json::to_string_pretty(&other).unwrap()).unwrap();
    let v = verify(&foreign).unwrap();
    assert!(!v.valid, "{v:?}");
    assert!(
        v.items[0]
            .problem
            .as_deref()
            .unwrap()
            .contains("signed by an issuer you have not pinned"),
        "{v:?}"
    );
}

#[test]
fn a_push_to_an_unreachable_store_leaves_statements_pending_with_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let app = app(data.path());
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cfg = rehearse_core::xapi::LrsConfig::new(
        &format!("http://127.0.0.1:{port}/xAPI/"),
        "user",
        "secret",
    );
    cfg.tries = 1;
    cfg.timeout = std::time::Duration::from_secs(2);
    let outcome = tauri::async_runtime::block_on(accreditation::push_with(
        app.handle().clone(),
        o(),
        op(),
        cfg,
        accreditation::FilterInput::default(),
        "https://trust.example/".into(),
    ))
    .unwrap();
    // Two statements per attempt and one for the certification.
    assert_eq!(outcome.queued, 9);
    assert_eq!(outcome.delivered, 0);
    let stopped = outcome.stopped.expect("the push says why it stopped");
    assert!(stopped.contains("did not answer"), "{stopped}");
    assert!(stopped.contains("nothing was lost"), "{stopped}");
    assert_eq!(outcome.outbox.counts.pending, 9);
    assert_eq!(
        (
            outcome.outbox.counts.delivered,
            outcome.outbox.counts.failed
        ),
        (0, 0)
    );
    let state = accreditation::outbox_state_blocking(app.state(), o(), op()).unwrap();
    assert_eq!(state.counts.pending, 9);
    let state = accreditation::retry_failed_statements_blocking(app.state(), o(), op()).unwrap();
    assert_eq!(state.counts.pending, 9);
    // The page must name the store.
    let err = tauri::async_runtime::block_on(accreditation::push_statements(
        app.handle().clone(),
        o(),
        op(),
        " ".into(),
        "u".into(),
        "p".into(),
        accreditation::FilterInput::default(),
        "https://trust.example/".into(),
    ))
    .unwrap_err();
    assert_eq!(err.code(), "invalid");
}

/// Credentials that must never open the workbench: a trainee's name (with
/// the trainer's passphrase), a wrong or empty passphrase, no name, an
/// unknown name, and an accreditation officer.
fn not_a_trainer(trainee: &str) -> Vec<(String, String)> {
    [
        (trainee, TRAINER_PASS),
        (TRAINER_GUESSED, "not the passphrase"),
        (TRAINER_GUESSED, ""),
        ("", ""),
        ("Nobody Here", TRAINER_PASS),
        (OFFICER, OFFICER_PASS),
    ]
    .into_iter()
    .map(|(n, p)| (n.to_string(), p.to_string()))
    .collect()
}

#[test]
fn workbench_commands_refuse_anyone_but_a_trainer() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    seed_staff(&app);
    let sam = profile(&app, "Sam");
    let dir = bundled("midwife-neonatal-death");
    let mut refused = not_a_trainer("Sam");
    refused.push((sam, TRAINER_PASS.into()));
    for (name, pass) in refused {
        let who = format!("{name:?} / {pass:?}");
        let codes = [
            tauri::async_runtime::block_on(workbench::choose_workbench_folder(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            workbench::open_workbench_blocking(
                app.handle().clone(),
                app.state(),
                app.state(),
                name.clone(),
                pass.clone(),
                dir.clone(),
            )
            .map(|_| ())
            .unwrap_err()
            .code(),
            workbench::workbench_graph_blocking(
                app.state(),
                name.clone(),
                pass.clone(),
                dir.clone(),
            )
            .map(|_| ())
            .unwrap_err()
            .code(),
            workbench::play_from_blocking(
                app.state(),
                app.state(),
                name.clone(),
                pass.clone(),
                dir.clone(),
                "start".into(),
            )
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(workbench::run_scenario_tests(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
                dir.clone(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(workbench::run_explorer(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
                dir.clone(),
                5,
                1,
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            staff::staff_sign_in_blocking(
                app.state(),
                name.clone(),
                pass.clone(),
                Capability::Author,
            )
            .map(|_| ())
            .unwrap_err()
            .code(),
        ];
        assert_eq!(codes, ["unauthorised"; 7], "{who}");
    }
    // Nothing was opened, watched or started on the way.
    assert!(lock(&app.state::<Workbench>().0).is_none());
    assert!(player::current_attempt(app.state()).is_none());

    let s = staff::staff_sign_in_blocking(app.state(), t(), tp(), Capability::Author).unwrap();
    assert_eq!((s.name.as_str(), s.role), (TRAINER, Role::Trainer));
    let g = workbench::workbench_graph_blocking(app.state(), t(), tp(), dir.clone()).unwrap();
    assert!(!g.nodes.is_empty());
    // The refusals are in the audit log, never with a trainee's name.
    let audit = lock(&app.state::<Records>().0).audit_log().unwrap();
    let refusals: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "access.refused")
        .collect();
    assert_eq!(refusals.len(), 7 * 7);
    assert!(refusals.iter().all(|e| !e.actor.contains("Sam")));
    assert!(refusals.iter().any(
        |e| e.actor.starts_with("accreditation officer Olu Officer (")
            && e.subject == "capability author"
    ));
}

#[test]
fn an_officer_opens_the_records_but_not_the_workbench_or_moderation() {
    let data = tempfile::tempdir().unwrap();
    seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let app = app(data.path());
    let all = || filters("", "", "", &[]);

    // Both staff roles may use the records.
    let s = staff::staff_sign_in_blocking(app.state(), o(), op(), Capability::Accredit).unwrap();
    assert_eq!(s.role, Role::AccreditationOfficer);
    assert_eq!(s.role_label, "accreditation officer");
    let s = staff::staff_sign_in_blocking(app.state(), t(), tp(), Capability::Accredit).unwrap();
    assert_eq!(s.role, Role::Trainer);
    for (name, pass) in [(o(), op()), (t(), tp())] {
        let page =
            accreditation::records_table_blocking(app.state(), name, pass, all(), None).unwrap();
        assert_eq!(page.rows.len(), 2);
    }

    // Nobody else, by any accreditation command.
    let out = data.path().join("refused.csv");
    let refused = [
        ("Ana North", OFFICER_PASS),
        (OFFICER_GUESSED, "not the passphrase"),
        (OFFICER_GUESSED, ""),
        ("", ""),
        ("Nobody Here", OFFICER_PASS),
    ];
    for (name, pass) in refused {
        let (name, pass) = (name.to_string(), pass.to_string());
        let who = format!("{name:?} / {pass:?}");
        let request = || accreditation::ExportRequest {
            format: accreditation::ExportFormat::Csv,
            filters: all(),
            include_identity: true,
            home_page: String::new(),
            issuer_name: accreditation::ISSUER_NAME.into(),
        };
        let codes = [
            accreditation::records_table_blocking(
                app.state(),
                name.clone(),
                pass.clone(),
                all(),
                None,
            )
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(accreditation::export_records(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
                request(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(accreditation::write_export(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
                request(),
                out.clone(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            accreditation::outbox_state_blocking(app.state(), name.clone(), pass.clone())
                .map(|_| ())
                .unwrap_err()
                .code(),
            accreditation::retry_failed_statements_blocking(
                app.state(),
                name.clone(),
                pass.clone(),
            )
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(accreditation::push_statements(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
                " ".into(),
                "u".into(),
                "p".into(),
                all(),
                String::new(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(accreditation::choose_file_to_verify(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            tauri::async_runtime::block_on(accreditation::verify_file(
                app.handle().clone(),
                name.clone(),
                pass.clone(),
                out.clone(),
            ))
            .map(|_| ())
            .unwrap_err()
            .code(),
            staff::staff_sign_in_blocking(app.state(), name, pass, Capability::Accredit)
                .map(|_| ())
                .unwrap_err()
                .code(),
        ];
        assert_eq!(codes, ["unauthorised"; 9], "{who}");
    }
    assert!(!out.exists(), "a refused export wrote a file");
    assert!(
        !data.path().join("xapi-outbox.db").exists(),
        "a refused call opened the outbox"
    );

    // Staff exist, so nobody can make themselves the first trainer.
    let e =
        moderation::create_trainer_blocking(app.state(), "Eve".into(), "another long one".into())
            .unwrap_err();
    assert_eq!(e.code(), "not_allowed");

    // The officer never reaches the workbench or moderation.
    let dir = bundled("midwife-neonatal-death");
    let e = workbench::open_workbench_blocking(
        app.handle().clone(),
        app.state(),
        app.state(),
        o(),
        op(),
        dir.clone(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "unauthorised");
    assert!(e.to_string().contains("is an accreditation officer"), "{e}");
    let e = workbench::play_from_blocking(app.state(), app.state(), o(), op(), dir, "start".into())
        .unwrap_err();
    assert_eq!(e.code(), "unauthorised");
    let e = moderation::moderation_queue_blocking(app.state(), app.state(), o(), op()).unwrap_err();
    assert_eq!(e.code(), "unauthorised");
    let e =
        staff::staff_sign_in_blocking(app.state(), o(), op(), Capability::Moderate).unwrap_err();
    assert_eq!(e.code(), "unauthorised");
    assert!(lock(&app.state::<Workbench>().0).is_none());
}

#[test]
fn opening_the_app_approves_the_bundled_library_once_and_keeps_withdrawals() {
    use rehearse_core::records::VersionStatus;
    let data = tempfile::tempdir().unwrap();
    let bundled_ids: std::collections::BTreeSet<String> =
        rehearse_core::library::expand(&[bundled("")])
            .unwrap()
            .iter()
            .map(|d| {
                rehearse_core::scenario::load_playable(d)
                    .unwrap()
                    .id()
                    .to_string()
            })
            .collect();
    assert!(bundled_ids.len() >= 9);
    let (first, withdrawn) = {
        let app = app(data.path());
        seed_staff(&app);
        let records = app.state::<Records>();
        let store = lock(&records.0);
        let catalogue = store.catalogue().unwrap();
        let ids: std::collections::BTreeSet<String> =
            catalogue.iter().map(|e| e.scenario_id.clone()).collect();
        assert!(ids.is_superset(&bundled_ids), "{ids:?}");
        assert!(catalogue
            .iter()
            .all(|e| e.status == VersionStatus::Approved && e.approved_by == "installation"));
        let w = store
            .withdraw_version(
                TRAINER,
                TRAINER_PASS,
                &catalogue[0].scenario_id,
                &catalogue[0].content_hash,
                "Replaced after review.",
            )
            .unwrap();
        (catalogue, w.entry)
    };
    // Opening again approves no version twice and leaves the withdrawal.
    let app = app(data.path());
    let records = app.state::<Records>();
    let store = lock(&records.0);
    let catalogue = store.catalogue().unwrap();
    for before in &first[1..] {
        let now = catalogue
            .iter()
            .find(|e| e.scenario_id == before.scenario_id && e.content_hash == before.content_hash)
            .expect("still listed");
        assert_eq!(now, before, "approved again");
    }
    let again = catalogue
        .iter()
        .find(|e| {
            e.scenario_id == withdrawn.scenario_id && e.content_hash == withdrawn.content_hash
        })
        .unwrap();
    assert_eq!(again.status, VersionStatus::Withdrawn);
    assert_eq!(again, &withdrawn);
}

#[test]
fn an_export_leaves_the_shared_records_connection_free_while_it_runs() {
    use tauri::Listener;
    let data = tempfile::tempdir().unwrap();
    seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let app = app(data.path());
    let out = data.path().join("attempts.csv");
    let partial = data.path().join("attempts.csv.partial");
    // Each progress event is emitted from inside the export: note whether
    // the file was still being written and whether the window's shared
    // connection could be taken then.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let (handle, seen2) = (app.handle().clone(), std::sync::Arc::clone(&seen));
    app.listen(accreditation::EXPORT_PROGRESS, move |_| {
        let free = handle.state::<Records>().0.try_lock().is_ok();
        lock(&seen2).push((partial.exists(), free));
    });
    let done = tauri::async_runtime::block_on(accreditation::write_export(
        app.handle().clone(),
        o(),
        op(),
        accreditation::ExportRequest {
            format: accreditation::ExportFormat::CsvAttempts,
            filters: filters("", "", "", &[]),
            include_identity: false,
            home_page: String::new(),
            issuer_name: accreditation::ISSUER_NAME.into(),
        },
        out,
    ))
    .unwrap();
    assert_eq!(done.records, 4);
    let seen = lock(&seen).clone();
    let during: Vec<bool> = seen.iter().filter(|(p, _)| *p).map(|(_, f)| *f).collect();
    assert!(
        !during.is_empty(),
        "no progress while the export ran: {seen:?}"
    );
    assert!(
        during.iter().all(|free| *free),
        "the export held the shared connection: {seen:?}"
    );
}

#[test]
fn a_certificate_is_written_with_its_credential_and_refused_without_a_standing_certification() {
    use crate::commands::certificate::{write_certificate, CertificateFormat, CertificateRequest};
    let data = tempfile::tempdir().unwrap();
    let (north, south) = seed_accreditation(data.path(), None);
    let app = app(data.path());
    let request = |trainee: &str, format, staff: Option<(&str, &str)>| CertificateRequest {
        trainee: trainee.to_string(),
        format,
        staff: staff.map(|s| s.0.to_string()),
        passphrase: staff.map(|s| s.1.to_string()),
    };
    let pdf = data.path().join("ana.pdf");
    let done = tauri::async_runtime::block_on(write_certificate(
        app.handle().clone(),
        request(&north, CertificateFormat::Pdf, None),
        pdf.clone(),
    ))
    .unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let cred: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&done.credential).unwrap()).unwrap();
    let printed = rehearse_core::certificate::Payload::parse(&done.code).unwrap();
    let now = lock(&app.state::<Records>().0).clock().now();
    rehearse_core::certificate::check_printed(&printed, &cred, None, now).unwrap();
    // From the records screen: staff checked by the core; HTML escaped.
    let html = data.path().join("ana.html");
    tauri::async_runtime::block_on(write_certificate(
        app.handle().clone(),
        request(
            &north,
            CertificateFormat::Html,
            Some((OFFICER, OFFICER_PASS)),
        ),
        html.clone(),
    ))
    .unwrap();
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("Ana North"));
    let refused = tauri::async_runtime::block_on(write_certificate(
        app.handle().clone(),
        request(
            &north,
            CertificateFormat::Pdf,
            Some((OFFICER_GUESSED, "wrong")),
        ),
        data.path().join("x.pdf"),
    ))
    .unwrap_err();
    assert_eq!(refused.code(), "unauthorised", "{refused}");
    let none = tauri::async_runtime::block_on(write_certificate(
        app.handle().clone(),
        request(&south, CertificateFormat::Pdf, None),
        data.path().join("ben.pdf"),
    ))
    .unwrap_err();
    assert_eq!(none.code(), "not_allowed", "{none}");
    assert!(
        none.to_string().contains("no standing certification"),
        "{none}"
    );
    assert!(!data.path().join("ben.pdf").exists());
}

/// A ralph learning record store on loopback (the peer the CLI's push tests
/// use, from `tests/peers`), killed when dropped.
struct RalphStore(std::process::Child, u16);

impl RalphStore {
    fn start(dir: &std::path::Path) -> RalphStore {
        use std::process::Command;
        let peers = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/peers");
        let setup = Command::new(peers.join("setup.sh")).output().unwrap();
        assert!(setup.status.success(), "{setup:?}");
        let py =
            PathBuf::from(String::from_utf8(setup.stdout).unwrap().trim()).join("lrs/bin/python");
        let auth = dir.join("auth.json");
        let made = Command::new(&py)
            .arg(peers.join("make_auth.py"))
            .arg(&auth)
            .args(["pusher", "store-pass"])
            .status()
            .unwrap();
        assert!(made.success());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(&py)
            .arg(peers.join("serve_ralph_fs.py"))
            .arg(port.to_string())
            .arg(dir.join("store"))
            .arg(&auth)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let store = RalphStore(child, port);
        let start = std::time::Instant::now();
        while ureq::get(&format!("http://127.0.0.1:{port}/__heartbeat__"))
            .call()
            .is_err()
        {
            assert!(start.elapsed().as_secs() < 60, "the store did not start");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        store
    }
}

impl Drop for RalphStore {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_push_to_a_real_store_reports_its_progress_batch_by_batch_to_the_end() {
    use tauri::Listener;
    let data = tempfile::tempdir().unwrap();
    seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let app = app(data.path());
    let store = RalphStore::start(data.path());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen2 = std::sync::Arc::clone(&seen);
    app.listen(accreditation::PUSH_PROGRESS, move |event| {
        let p: serde_json::Value = serde_json::from_str(event.payload()).unwrap();
        lock(&seen2).push((p["done"].as_u64().unwrap(), p["total"].as_u64().unwrap()));
    });
    let mut cfg = rehearse_core::xapi::LrsConfig::new(
        &format!("http://127.0.0.1:{}/xAPI/", store.1),
        "pusher",
        "store-pass",
    );
    cfg.batch_size = 2;
    let outcome = tauri::async_runtime::block_on(accreditation::push_with(
        app.handle().clone(),
        o(),
        op(),
        cfg,
        accreditation::FilterInput::default(),
        "https://trust.example/".into(),
    ))
    .unwrap();
    assert_eq!(outcome.stopped, None);
    assert_eq!((outcome.queued, outcome.delivered), (9, 9));
    // Nine statements in batches of two: nothing sent, then after each of
    // the five batches, the last one complete.
    let seen = lock(&seen).clone();
    assert_eq!(
        seen,
        vec![(0, 9), (2, 9), (4, 9), (6, 9), (8, 9), (9, 9)],
        "{seen:?}"
    );
}

#[test]
fn the_app_applies_transcript_retention_when_it_opens_the_records() {
    use rehearse_core::records::{Retention, Store};
    let data = tempfile::tempdir().unwrap();
    // Four attempts with typed words, ended on 10 February 2025, under a
    // setting that erases transcripts 30 days after an attempt ends: not
    // yet due on that day.
    let (north, _) = seed_accreditation(data.path(), Some("2025-02-10T10:00:00Z"));
    let db = data.path().join("rehearse.db");
    let transcripts = |store: &Store| {
        store
            .attempts(north.parse().unwrap())
            .unwrap()
            .iter()
            .filter(|a| {
                serde_json::to_string(&store.report(a.attempt).unwrap())
                    .unwrap()
                    .contains(MARKER)
            })
            .count()
    };
    {
        let store = Store::open_with_clock(
            &db,
            std::sync::Arc::new(rehearse_core::clock::FixedClock::new(
                rehearse_core::clock::parse_instant("2025-02-10T12:00:00Z").unwrap(),
            )),
        )
        .unwrap();
        assert_eq!(
            store
                .set_retention(Retention::EraseAfterDays(30), "test")
                .unwrap(),
            0
        );
        assert_eq!(transcripts(&store), 4);
    }
    // The app opens them on the system clock, long after: the words are due.
    let app = app(data.path());
    let records = app.state::<Records>();
    let store = lock(&records.0);
    assert_eq!(
        transcripts(&store),
        0,
        "the app left transcripts past their time"
    );
    assert_eq!(store.attempts(north.parse().unwrap()).unwrap().len(), 4);
}

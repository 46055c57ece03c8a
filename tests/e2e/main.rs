//! End-to-end tests of the real Rehearse window: each test starts Xvfb,
//! tauri-driver and WebKitWebDriver (see `harness`), drives the app over
//! WebDriver with its own data directory, and saves screenshots to
//! `<target>/e2e-artifacts/`.

mod a11y;
mod accessibility;
mod cohort;
mod hardening;
mod harness;
mod locale;
mod navigation;
mod observation;

use harness::{keys, Env};

/// The seeded trainer and accreditation officer.
const TRAINER: &str = "Dr Okafor";
const TRAINER_PASS: &str = "correct horse battery";
const OFFICER: &str = "Olu Officer";
const OFFICER_PASS: &str = "audit the audit trail";

/// The records database the app opens for this test's data directory.
fn db_path(env: &Env) -> std::path::PathBuf {
    env.data.path().join("rehearse/rehearse.db")
}

/// Adds the trainer and the accreditation officer through the core store
/// (before the app starts), as `rehearse trainer add` would.
fn seed_staff(store: &rehearse_core::records::Store) {
    use rehearse_core::records::Role;
    store.add_trainer(TRAINER, TRAINER_PASS).unwrap();
    store
        .add_staff(OFFICER, OFFICER_PASS, Role::AccreditationOfficer)
        .unwrap();
}

/// Signs in on the sign-in screen that is showing, with clicks.
fn sign_in_as(app: &harness::App, name: &str, passphrase: &str) {
    let field = app.wait_for("#staff-name");
    app.type_into(&field, name);
    let pass = app.wait_for("#staff-passphrase");
    app.type_into(&pass, passphrase);
    app.click_on("#staff-sign-in");
}

/// Creates a profile from the start screen with clicks.
fn create_profile(app: &harness::App, name: &str) {
    let input = app.wait_for("#new-profile-name");
    app.type_into(&input, name);
    app.click_on("#create-profile");
    app.wait_for("#library .card");
}

#[test]
fn library_lists_the_bundled_scenarios() {
    let env = Env::new("library");
    let app = env.launch();
    create_profile(&app, "Alex");
    let bundled: Vec<String> = std::fs::read_dir(harness::repo().join("scenarios"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("scenario.rhai").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(bundled.len() >= 9, "{bundled:?}");
    let cards = app.all("#library .card");
    assert_eq!(cards.len(), bundled.len());
    for id in &bundled {
        let card = app.wait_for(&format!("#library .card[data-scenario=\"{id}\"]"));
        let text = app.text(&card);
        assert!(text.contains("Not tried"), "{id}: {text}");
        assert!(text.contains("minutes"), "{id}: {text}");
        // The library never reveals which red flags a scenario holds.
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("suicide") && !lower.contains("red flag"),
            "{id}: {text}"
        );
    }
    app.screenshot("library");
}

/// Presses Tab until a button with this aria-label has focus.
fn tab_to_label(app: &harness::App, label: &str) {
    app.tab_to(label, |app, el| {
        app.attr(el, "aria-label").as_deref() == Some(label)
    });
}

/// Presses a key for one turn and waits for the turn counter to reach `turn`.
fn key_turn(app: &harness::App, key: &str, turn: u32) {
    app.press(key);
    app.wait_turn(turn);
}

#[test]
fn a_practice_attempt_by_keyboard_only_with_hint_and_undo_ends_in_a_debrief() {
    let env = Env::new("practice-keyboard");
    let app = env.launch();
    // Start screen: Tab to the name box, type, Enter submits.
    app.tab_to("the profile name box", |app, el| {
        app.attr(el, "id").as_deref() == Some("new-profile-name")
    });
    app.press("Robin");
    app.press(keys::ENTER);
    app.wait_for("#library .card");
    let card = app.wait_for("[data-scenario=\"midwife-neonatal-death\"] .practise");
    let label = app
        .attr(&card, "aria-label")
        .expect("a label on the Practise button");
    tab_to_label(&app, &label);
    app.press(keys::ENTER);
    app.wait_for("#player");
    assert_eq!(
        app.attr(&app.wait_for("#mode"), "data-mode").as_deref(),
        Some("practice")
    );
    assert!(app.all("#choices .choice").len() >= 2);

    // The scenario's strong path, by keyboard. Turn 1, then a hint is shown.
    let scenario = "midwife-neonatal-death";
    let inputs = test_inputs(scenario, "strong path");
    play_by_keys(&app, scenario, &inputs[0], 1);
    let hint = app.wait_for("#hint");
    assert!(!app.text(&hint).trim().is_empty());
    assert!(app.text_of("#feedback-heading").unwrap().contains("turn 1"));
    // Another answer than the path's, then Ctrl+Z takes it back.
    let other = match step(&app, scenario, &inputs[1]) {
        Step::Choice(1) => 2,
        _ => 1,
    };
    key_turn(&app, &other.to_string(), 2);
    app.screenshot("before-undo");
    key_turn(&app, &format!("{}z", keys::CONTROL), 1);
    assert_eq!(app.all("#transcript > li").len(), 1);

    for (i, line) in inputs.iter().enumerate().skip(1) {
        play_by_keys(&app, scenario, line, i as u32 + 1);
    }
    app.wait_for("#player[data-ended=\"true\"]");
    app.screenshot("ended");
    // Focus is on "See your debrief"; Enter opens it.
    let focused = app.active();
    assert_eq!(app.attr(&focused, "id").as_deref(), Some("see-debrief"));
    app.press(keys::ENTER);
    app.wait_for("#competency-table");
    assert_eq!(app.all("#competency-table tbody tr").len(), 15);
    assert_eq!(app.all("#chart .bar").len(), 15);
    assert!(app.text_of("#result").unwrap().contains("Passed"));
    assert!(app.text_of("#red-flags").unwrap().contains("recognised"));
    assert!(!app.all("#ending-debrief").is_empty());
    app.screenshot("debrief");
}

#[test]
fn an_assessment_ignoring_a_suicide_risk_cue_fails_naming_the_missed_flag() {
    let env = Env::new("assessment-missed");
    let app = env.launch();
    create_profile(&app, "Jordan");
    app.click_on("[data-scenario=\"midwife-neonatal-death\"] .assess");
    app.wait_for("#player");
    assert_eq!(
        app.attr(&app.wait_for("#mode"), "data-mode").as_deref(),
        Some("assessment")
    );
    // The bundled version is approved: no warning that it will not count.
    assert!(app.all("#not-counted").is_empty());
    // From tests.toml: "reassuring her away from the cue misses the red flag".
    let scenario = "midwife-neonatal-death";
    let inputs = test_inputs(scenario, "reassuring her away from the cue");
    for (i, line) in inputs.iter().enumerate() {
        // Assessment mode: no hints, no meters, no undo.
        assert!(app.all("#feedback").is_empty() && app.all("#undo").is_empty());
        assert!(app.all(".meters").is_empty());
        play_by_clicks(&app, scenario, std::slice::from_ref(line), i as u32);
    }
    app.click_on("#see-debrief");
    let result = app.wait_for("#result");
    assert_eq!(app.attr(&result, "data-passed").as_deref(), Some("false"));
    assert!(app.text(&result).contains("Not passed"));
    let banner = app.wait_for(".banner.critical[data-flag=\"suicide_risk\"]");
    let text = app.text(&banner);
    assert!(text.contains("Missed red flag: Suicide risk"), "{text}");
    assert!(text.contains("at turn"), "{text}");
    assert!(!app.all("#red-flags [data-outcome=\"missed\"]").is_empty());
    assert_eq!(app.all("#competency-table tbody tr").len(), 15);
    app.screenshot("failed-debrief");
}

#[test]
fn closing_the_app_mid_attempt_and_reopening_resumes_it() {
    let env = Env::new("resume");
    let line_before;
    {
        let app = env.launch();
        create_profile(&app, "Sam");
        app.click_on("[data-scenario=\"insulin-overdose\"] .practise");
        app.wait_for("#player");
        app.click_on("#choices .choice[data-index=\"1\"]");
        app.wait_turn(1);
        app.click_on("#choices .choice[data-index=\"1\"]");
        app.wait_turn(2);
        line_before = app.text_of("#line").unwrap();
        app.screenshot("before-close");
    } // the session ends and the window closes
    let app = env.launch();
    app.click_on("[data-profile=\"Sam\"]");
    let resume = app.wait_for("#resume .resume-button");
    assert!(app.text(&resume).contains("Forty instead of four"));
    app.click(&resume);
    app.wait_for("#player");
    assert_eq!(app.turn(), 2);
    assert_eq!(app.all("#transcript > li").len(), 2);
    assert_eq!(app.text_of("#line").unwrap(), line_before);
    // It goes on from there.
    app.click_on("#choices .choice[data-index=\"1\"]");
    app.wait_turn(3);
    app.screenshot("resumed");
}

#[test]
fn the_workbench_shows_a_broken_target_and_reloads_when_the_file_is_fixed() {
    let env = Env::new("workbench");
    let folder = env.data.path().join("authoring");
    let dir = folder.join("declines-support");
    harness::copy_bundled_scenario("declines-support", &dir);
    let script = dir.join("scenario.rhai");
    let good = std::fs::read_to_string(&script).unwrap();
    assert!(good.contains("next: \"respected\""));
    let broken = good.replacen("next: \"respected\"", "next: \"respectd\"", 1);
    std::fs::write(&script, &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("respectd")).unwrap() + 1;
    seed_staff(&rehearse_core::records::Store::open(&db_path(&env)).unwrap());

    let app = env.launch();
    app.click_on("#open-workbench");
    // The sign-in screen, by keyboard: the name box has focus, Tab goes to
    // the passphrase, Enter signs in.
    app.wait_for("#staff-form[data-area=\"workbench\"]");
    assert_eq!(app.attr(&app.active(), "id").as_deref(), Some("staff-name"));
    app.screenshot("sign-in");
    app.press(TRAINER);
    app.press(keys::TAB);
    assert_eq!(
        app.attr(&app.active(), "id").as_deref(),
        Some("staff-passphrase")
    );
    app.press(TRAINER_PASS);
    app.press(keys::ENTER);
    let path = app.wait_for("#folder-path");
    assert!(app
        .text_of("#crumbs")
        .unwrap_or_default()
        .to_lowercase()
        .contains("trainer: dr okafor"));
    app.type_into(&path, &folder.display().to_string());
    app.click_on("#open-folder");
    let finding = app.wait_for(".finding.error[data-code=\"E011\"]");
    let text = app.text(&finding);
    assert!(text.contains("respectd"), "{text}");
    assert!(text.contains(&format!("scenario.rhai:{line}:")), "{text}");
    assert!(app
        .text_of(".wb-scenario .check")
        .unwrap()
        .contains("error"));
    app.screenshot("broken");

    // Fix the file on disk: the finding goes away without a restart.
    std::fs::write(&script, &good).unwrap();
    app.wait_until("the finding to disappear", || {
        app.all(".finding[data-code=\"E011\"]")
            .is_empty()
            .then_some(())
    });
    assert!(app.all(".finding.error").is_empty());
    assert!(!app
        .text_of(".wb-scenario .check")
        .unwrap()
        .contains("error"));

    // The graph marks endings and red-flag cues; a beat plays from there.
    app.wait_for("#graph-svg .node.ending");
    app.wait_for("#graph-svg .node.beat.red-flag, #graph-svg .node.beat");
    app.screenshot("fixed");
    app.click_on("#graph-svg .node.beat[data-node=\"respected\"] .node-box");
    app.wait_for("#player[data-node=\"respected\"]");
    assert_eq!(
        app.attr(&app.wait_for("#mode"), "data-mode").as_deref(),
        Some("trial")
    );
}

#[test]
fn the_csp_forbids_inline_script_and_markdown_html_shows_as_text() {
    let env = Env::new("csp");
    let dir = env.data.path().join("rehearse/scenarios/xss-check");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("scenario.rhai"),
        r#"scenario(#{ id: "xss-check", version: "1.0.0", title: "Markup check", summary: "Raw HTML in a line.",
  setting: "Test", minutes: 1, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
beat("start", #{
  line: "I said <script>window.__xss = 1</script> and **meant** it <img src=x onerror=\"window.__xss = 2\">",
  choices: [#{ text: "Go on", next: "end", evidence: #{ atmosphere: [1, "warm"] } }],
});
ending("end", #{ line: "Thanks." });
"#,
    )
    .unwrap();
    let app = env.launch();

    create_profile(&app, "Casey");
    // A full-window screenshot of the page showing the escaped markup
    // stalls WebKitWebDriver, so the artifact is taken here.
    app.screenshot("library");
    app.click_on("[data-scenario=\"xss-check\"] .practise");
    let line = app.wait_for("#line");
    let text = app.text(&line);
    assert!(text.contains("<script>window.__xss = 1</script>"), "{text}");
    assert!(text.contains("<img src=x"), "{text}");
    assert!(app.all("#line script, #line img").is_empty());
    assert!(
        !app.all("#line strong").is_empty(),
        "Markdown still renders"
    );
    assert_eq!(
        app.execute("return window.__xss === undefined;"),
        serde_json::json!(true)
    );

    // An inline <script> added to the page does not run under the CSP.
    let ran = app.execute(
        "window.__inline = false;
         const s = document.createElement('script');
         s.textContent = 'window.__inline = true';
         document.body.appendChild(s);
         return window.__inline;",
    );
    assert_eq!(ran, serde_json::json!(false), "an inline script ran");
}

#[test]
fn an_assessment_at_an_unapproved_scenario_warns_that_it_will_not_count() {
    let env = Env::new("not-counted");
    let dir = env.data.path().join("rehearse/scenarios/own-brief");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("scenario.rhai"),
        r#"scenario(#{ id: "own-brief", version: "1.0.0", title: "Our own brief", summary: "A local scenario.",
  setting: "Test", minutes: 1, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
beat("start", #{
  line: "Have you got a minute?",
  choices: [#{ text: "Of course. Sit down.", next: "end", evidence: #{ atmosphere: [1, "warm"] } }],
});
ending("end", #{ line: "Thanks." });
"#,
    )
    .unwrap();
    let app = env.launch();
    create_profile(&app, "Robin");
    app.click_on("[data-scenario=\"own-brief\"] .assess");
    let warning = app.wait_for("#not-counted");
    let text = app.text(&warning);
    assert!(text.contains("not been approved"), "{text}");
    assert!(
        text.contains("does not count towards certification"),
        "{text}"
    );
    app.screenshot("not-counted");
}

/// The inputs of a scenario test in its tests.toml.
fn test_inputs(id: &str, prefix: &str) -> Vec<String> {
    rehearse_core::testcase::find_test(&harness::repo().join("scenarios").join(id), prefix)
        .unwrap_or_else(|e| panic!("{e}"))
        .inputs
}

/// One response of a scenario test, as the window takes it.
enum Step {
    /// The choice shown at this place (from 1).
    Choice(usize),
    /// Typed words.
    Words(String),
    /// Stay silent.
    Silence,
}

/// What a line of a scenario's tests.toml asks for in the window now: a
/// `#id` pick becomes the place where the (shuffled) menu shows that
/// choice, read from the current view and the scenario itself.
fn step(app: &harness::App, scenario: &str, line: &str) -> Step {
    use rehearse_core::attempt::Input;
    use rehearse_core::testcase::{parse_input, ScriptLine};
    match parse_input(line).unwrap_or_else(|e| panic!("{line}: {e}")) {
        ScriptLine::Respond(Input::Choice { index }) => Step::Choice(index),
        ScriptLine::Respond(Input::FreeText { text }) => Step::Words(text),
        ScriptLine::Respond(Input::Silence) => Step::Silence,
        ScriptLine::Pick(id) => {
            let view = app.execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI__.core.invoke('current_attempt').then(done, (e) => done(String(e)));",
            );
            let node = view["node"].as_str().expect("a conversation in progress");
            let loaded = rehearse_core::scenario::load_playable(
                &harness::repo().join("scenarios").join(scenario),
            )
            .unwrap();
            let text = &loaded
                .beat(node)
                .and_then(|b| b.choice(&id))
                .unwrap_or_else(|| panic!("no choice #{id} at {node}"))
                .1
                .text;
            let place = view["choices"]
                .as_array()
                .and_then(|c| c.iter().position(|t| t.as_str() == Some(text.as_str())))
                .unwrap_or_else(|| panic!("#{id} is not on the menu at {node}: {view}"));
            Step::Choice(place + 1)
        }
        ScriptLine::Undo => panic!("undo in a scenario test"),
    }
}

/// Plays a scenario test's inputs with clicks and typing, from turn
/// `first` + 1 on, waiting for each turn.
fn play_by_clicks(app: &harness::App, scenario: &str, inputs: &[String], first: u32) {
    for (i, line) in inputs.iter().enumerate() {
        match step(app, scenario, line) {
            Step::Choice(n) => app.click_on(&format!("#choices .choice[data-index=\"{n}\"]")),
            Step::Silence => app.click_on("#silence"),
            Step::Words(text) => {
                let box_ = app.wait_for("#free-text");
                app.type_into(&box_, &text);
                app.click_on("#send");
            }
        }
        app.wait_turn(first + i as u32 + 1);
    }
}

/// Plays one line by keyboard only: a digit for a choice, Ctrl+. for
/// silence, and for words Tab to the text box, type, Ctrl+Enter.
fn play_by_keys(app: &harness::App, scenario: &str, line: &str, turn: u32) {
    match step(app, scenario, line) {
        Step::Choice(n) => {
            assert!(n <= 9, "choice {n} has no key");
            app.press(&n.to_string());
        }
        Step::Silence => app.press(&format!("{}.", keys::CONTROL)),
        Step::Words(text) => {
            app.tab_to("the text box", |app, el| {
                app.attr(el, "id").as_deref() == Some("free-text")
            });
            app.press(&text);
            app.press(&format!("{}{}", keys::CONTROL, keys::ENTER));
        }
    }
    app.wait_turn(turn);
}

/// The number of "still missing" items the dashboard lists.
fn missing_count(app: &harness::App) -> usize {
    app.all("#missing > li").len()
}

#[test]
fn a_passed_assessment_updates_the_dashboard() {
    let env = Env::new("dashboard");
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-02-10T10:00:00Z")]);
    create_profile(&app, "Avery");
    app.click_on("#nav-dashboard");
    let headline = app.wait_for("#status-headline");
    assert!(app.text(&headline).contains("not started"));
    let before = missing_count(&app);
    assert!(before > 0);
    assert!(!app.all("#grid-empty").is_empty() && !app.all("#history-empty").is_empty());
    app.screenshot("dashboard-before");

    app.click_on("#nav-library");
    app.click_on("[data-scenario=\"midwife-neonatal-death\"] .assess");
    app.wait_for("#player");
    play_by_clicks(
        &app,
        "midwife-neonatal-death",
        &test_inputs("midwife-neonatal-death", "second good route"),
        0,
    );
    app.wait_for("#player[data-ended=\"true\"]");
    app.click_on("#nav-dashboard");
    app.wait_until("the status to move on", || {
        app.text_of("#status-headline")
            .filter(|t| t.contains("in progress"))
    });
    assert_eq!(missing_count(&app), before - 1, "the red-flag item is met");
    assert_eq!(app.all("#competency-grid thead th[data-attempt]").len(), 1);
    assert_eq!(app.all("#competency-grid tbody tr").len(), 15);
    let rows = app.all("#history tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(app.text(&rows[0]).contains("Five weeks on"));
    assert!(app.text(&rows[0]).contains("passed"));
    app.screenshot("dashboard-after");
    // The history row opens that attempt's debrief.
    app.click_on("#history .open-debrief");
    let result = app.wait_for("#result");
    assert_eq!(app.attr(&result, "data-passed").as_deref(), Some("true"));
    assert_eq!(app.all("#competency-table tbody tr").len(), 15);
    app.click_on("#back-dashboard");
    app.wait_for("#status-headline");
}

/// Seeds a trainee certified through the four strong paths on 2025-02-10,
/// and a trainer, through the core store (before the app starts).
fn seed_certified(env: &Env) {
    use rehearse_core::attempt::Mode;
    use rehearse_core::clock::{parse_instant, FixedClock};
    use rehearse_core::records::{Session, Store};
    use rehearse_core::testcase::{input_for, ScriptLine};
    use std::sync::Arc;
    let db = env.data.path().join("rehearse/rehearse.db");
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T10:00:00Z").unwrap(),
    ));
    let store = Store::open_with_clock(&db, clock).unwrap();
    let t = store.add_trainee("Sam Carter", None, None).unwrap();
    for (id, test) in [
        ("midwife-neonatal-death", "second good route"),
        ("team-shared-event", "strong path"),
        ("insulin-overdose", "second good route"),
        ("junior-doctor-death", "second good route"),
    ] {
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
    }
    assert!(store
        .status(
            t.id,
            rehearse_core::clock::parse_date("2025-02-10").unwrap()
        )
        .unwrap()
        .headline()
        .starts_with("certified until"));
    seed_staff(&store);
}

/// Seeds the trainee "Sam Carter" (no attempts) and the staff through the
/// core store, for tests about who may open what.
fn seed_trainee(env: &Env) {
    let store = rehearse_core::records::Store::open(&db_path(env)).unwrap();
    store.add_trainee("Sam Carter", None, None).unwrap();
    seed_staff(&store);
}

/// Signs in to moderation as the seeded trainer from the start screen.
fn trainer_sign_in(app: &harness::App) {
    app.click_on("#open-moderation");
    app.wait_for("#staff-form[data-area=\"moderation\"]");
    sign_in_as(app, TRAINER, TRAINER_PASS);
}

#[test]
fn a_trainer_override_changes_the_status_and_shows_the_audit_entry() {
    let env = Env::new("moderation");
    seed_certified(&env);
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-03-01T09:00:00Z")]);
    // The trainee sees the certificate first.
    app.click_on("[data-profile=\"Sam Carter\"]");
    app.click_on("#nav-dashboard");
    let headline = app.wait_for("#status-headline");
    assert!(
        app.text(&headline).contains("certified until 2026-02-10"),
        "{}",
        app.text(&headline)
    );
    let countdown = app.wait_for("#countdown");
    assert_eq!(app.attr(&countdown, "data-days").as_deref(), Some("286"));
    assert!(app.text(&countdown).contains("refresher window opens"));
    app.screenshot("certified");

    app.click_on("#crumbs button.link");
    trainer_sign_in(&app);
    // The queue holds assessments with typed turns: open the junior
    // doctor's.
    let item = app.wait_for("#queue li[data-scenario=\"junior-doctor-death\"]");
    assert!((1..=4).contains(&app.all("#queue li").len()));
    assert!(app.text(&item).contains("Sam Carter"));
    app.click_on("#queue li[data-scenario=\"junior-doctor-death\"] .open-attempt");
    app.wait_for("#competency-table");
    assert!(app
        .text_of("#trainee-headline")
        .unwrap()
        .contains("certified until 2026-02-10"));
    assert!(!app.all("#transcript > li").is_empty());

    app.click_on("#open-override");
    app.wait_for("#override-dialog[open]");
    // Choose the first targeted competency (Active listening) and "not yet".
    app.execute(
        "const t = document.getElementById('override-target');
         t.value = 'competency:active_listening';
         t.dispatchEvent(new Event('change'));
         document.getElementById('override-value').value = 'not_yet';
         return true;",
    );
    // Without a reason nothing is saved.
    app.click_on("#save-override");
    assert!(app.all("#saved").is_empty());
    assert!(!app.all("#override-dialog[open]").is_empty());
    let reason = app.wait_for("#override-reason");
    app.type_into(
        &reason,
        "Summarised facts, not feelings, in the free-text turn.",
    );
    app.screenshot("override-dialog");
    app.click_on("#save-override");
    let saved = app.wait_for("#saved .audit-entry");
    let text = app.text(&saved);
    assert!(text.contains("Dr Okafor"), "{text}");
    assert!(text.contains("2025-03-01T09:00:00Z"), "{text}");
    assert!(text.contains("active_listening"), "{text}");
    assert!(text.contains("not yet"), "{text}");
    assert!(text.contains("Summarised facts, not feelings"), "{text}");
    assert!(app
        .text_of("#trainee-headline")
        .unwrap()
        .contains("in progress"));
    assert_eq!(
        app.attr(&app.wait_for("#result"), "data-passed").as_deref(),
        Some("false")
    );
    assert!(!app.all("#moderation-notes").is_empty());
    app.screenshot("after-override");
}

#[test]
fn a_trainee_profile_cannot_reach_moderation() {
    let env = Env::new("trainee-no-moderation");
    seed_trainee(&env);
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-03-01T09:00:00Z")]);
    // A trainer signs in first, then changes role: nothing is kept.
    trainer_sign_in(&app);
    app.wait_for("#queue, #queue-empty");
    app.click_on("#crumbs button.link");
    app.click_on("[data-profile=\"Sam Carter\"]");
    app.wait_for("#library .card");
    app.click_on("#nav-dashboard");
    app.wait_for("#status-headline");
    // No link, button or route to moderation from the trainee's screens.
    assert!(app.all("#nav-moderation").is_empty());
    for css in ["#crumbs", "#main"] {
        let text = app.text_of(css).unwrap_or_default().to_lowercase();
        assert!(!text.contains("moderation"), "{css}: {text}");
    }
    app.screenshot("trainee-dashboard");
    // The commands refuse a trainee name, and there is no session to reuse.
    let probe = |cmd: &str, args: &str| -> serde_json::Value {
        app.execute_async(&format!(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core.invoke('{cmd}', {args})
               .then(() => done('allowed'), (e) => done(e && e.code ? e.code : String(e)));"
        ))
    };
    let attempt = "00000000-0000-0000-0000-000000000000";
    assert_eq!(
        probe(
            "moderation_queue",
            "{trainer: 'Sam Carter', passphrase: ''}"
        ),
        "unauthorised"
    );
    assert_eq!(
        probe(
            "moderate",
            &format!("{{trainer: 'Sam Carter', passphrase: 'x', attempt: '{attempt}', target: {{kind: 'competency', id: 'active_listening'}}, value: 'not_yet', reason: 'r'}}")
        ),
        "unauthorised"
    );
    assert_eq!(
        probe("moderation_queue", "{trainer: 'Dr Okafor', passphrase: ''}"),
        "unauthorised",
        "the trainer's earlier sign-in is not reusable"
    );
}

#[test]
fn the_accreditation_role_filters_the_records_and_verifies_a_credential_file() {
    use rehearse_core::clock::{parse_instant, FixedClock};
    use rehearse_core::credential::{keys::KEY_FILE, IssuerKey};
    use rehearse_core::export::{self, Filter, Format};
    use rehearse_core::records::Store;
    use std::sync::Arc;
    let env = Env::new("accreditation");
    seed_certified(&env);
    // A second trainee, of another organisation, with no attempts; and the
    // certified trainee's credential, issued with the installation's key.
    let db = env.data.path().join("rehearse/rehearse.db");
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T12:00:00Z").unwrap(),
    ));
    let store = Store::open_with_clock(&db, clock).unwrap();
    let ben = store
        .add_trainee("Ben South", None, Some("South Trust"))
        .unwrap();
    let key = IssuerKey::load_or_create(&db.with_file_name(KEY_FILE)).unwrap();
    let files = tempfile::tempdir().unwrap();
    let credential = files.path().join("credential.json");
    let opts = export::Options {
        format: Format::Ob3,
        filter: Filter::default(),
        include_identity: false,
        home_page: String::new(),
        issuer_name: "Rehearse".into(),
    };
    let written =
        export::write_file(&store, &opts, Some(&key), &credential, &mut |_, _| {}).unwrap();
    assert_eq!(written.summary.records, 1);
    drop(store);

    let app = env.launch_with(&[("REHEARSE_NOW", "2025-02-11T09:00:00Z")]);
    app.click_on("#open-accreditation");
    app.wait_for("#staff-form[data-area=\"records\"]");
    // An accreditation officer signs in (a trainer could too).
    sign_in_as(&app, OFFICER, OFFICER_PASS);
    app.wait_for("#records-table");
    assert!(app
        .text_of("#crumbs")
        .unwrap_or_default()
        .to_lowercase()
        .contains("olu officer (accreditation officer)"));
    app.wait_until("both trainees listed", || {
        (app.all("#records-table tbody tr").len() == 2).then_some(())
    });
    let org = app.wait_for("#records-organisation");
    app.type_into(&org, "South Trust");
    app.click_on("#records-apply");
    let row = app.wait_until("only South Trust listed", || {
        let rows = app.all("#records-table tbody tr");
        (rows.len() == 1).then(|| rows.into_iter().next().unwrap())
    });
    assert_eq!(
        app.attr(&row, "data-trainee").as_deref(),
        Some(ben.id.to_string().as_str())
    );
    assert_eq!(
        app.attr(&row, "data-status").as_deref(),
        Some("not_started")
    );
    assert!(
        !app.text(&row).contains("Ben South"),
        "the table is pseudonymous"
    );
    app.screenshot("accreditation-records");

    app.click_on("#nav-verify");
    let path = app.wait_for("#verify-path");
    app.type_into(&path, credential.to_str().unwrap());
    app.click_on("#verify-submit");
    let heading = app.wait_for("#verdict-heading");
    assert_eq!(app.attr(&heading, "data-valid").as_deref(), Some("true"));
    let text = app.text_of("#verify-result").unwrap_or_default();
    for check in [
        "Passed: type:",
        "Passed: issuer key:",
        "Passed: proof:",
        "Passed: dates:",
    ] {
        assert!(text.contains(check), "{text}");
    }
    assert!(
        app.text_of("#verdict")
            .unwrap_or_default()
            .starts_with("Valid"),
        "{text}"
    );
    app.screenshot("accreditation-verify");

    // The officer has no way into the workbench or moderation: both
    // sign-in screens refuse the officer's own credentials.
    for (button, area) in [
        ("#open-workbench", "workbench"),
        ("#open-moderation", "moderation"),
    ] {
        app.click_on("#crumbs button.link");
        app.click_on(button);
        app.wait_for(&format!("#staff-form[data-area=\"{area}\"]"));
        sign_in_as(&app, OFFICER, OFFICER_PASS);
        let banner = app.wait_for("#error:not([hidden])");
        assert_eq!(
            app.attr(&banner, "data-code").as_deref(),
            Some("unauthorised"),
            "{area}"
        );
        assert!(
            app.text(&banner).contains("is an accreditation officer"),
            "{}",
            app.text(&banner)
        );
        assert!(app.all("#folder-path, #queue, #queue-empty").is_empty());
    }
}

/// Runs `invoke(cmd, args)` in the page and returns `"allowed"` or the
/// error code it was refused with.
fn probe(app: &harness::App, cmd: &str, args: &str) -> serde_json::Value {
    app.execute_async(&format!(
        "const done = arguments[arguments.length - 1];
         window.__TAURI__.core.invoke('{cmd}', {args})
           .then(() => done('allowed'), (e) => done(e && e.code ? e.code : String(e)));"
    ))
}

#[test]
fn a_trainee_profile_cannot_open_the_workbench_or_the_training_records() {
    let env = Env::new("trainee-no-workbench");
    seed_trainee(&env);
    let folder = env.data.path().join("authoring");
    let dir = folder.join("declines-support");
    harness::copy_bundled_scenario("declines-support", &dir);
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-03-01T09:00:00Z")]);

    // A trainer uses the workbench and starts a trial run, then changes
    // role: the sign-in, the open folder and the trial all go.
    app.click_on("#open-workbench");
    sign_in_as(&app, TRAINER, TRAINER_PASS);
    let path = app.wait_for("#folder-path");
    app.type_into(&path, &folder.display().to_string());
    app.click_on("#open-folder");
    app.click_on("#graph-svg .node.beat[data-node=\"respected\"] .node-box");
    app.wait_for("#player[data-node=\"respected\"]");
    app.click_on("#crumbs button.link");

    // The trainee's screens have no way to the workbench or the records.
    app.click_on("[data-profile=\"Sam Carter\"]");
    app.wait_for("#library .card");
    let nav = [
        "#nav-workbench",
        "#nav-moderation",
        "#nav-records",
        "#nav-push",
        "#nav-verify",
    ];
    let nowhere = |app: &harness::App| {
        for css in nav {
            assert!(app.all(css).is_empty(), "{css} on a trainee screen");
        }
        for css in ["#crumbs", "#main"] {
            let text = app.text_of(css).unwrap_or_default().to_lowercase();
            for word in ["workbench", "training records"] {
                assert!(!text.contains(word), "{css} mentions {word}: {text}");
            }
        }
    };
    nowhere(&app);
    app.click_on("#nav-dashboard");
    app.wait_for("#status-headline");
    nowhere(&app);
    app.screenshot("trainee-dashboard");

    // The sign-in screens refuse the trainee's name, whatever the passphrase.
    for (button, area) in [
        ("#open-workbench", "workbench"),
        ("#open-accreditation", "records"),
    ] {
        app.click_on("#crumbs button.link");
        app.click_on(button);
        app.wait_for(&format!("#staff-form[data-area=\"{area}\"]"));
        sign_in_as(&app, "Sam Carter", TRAINER_PASS);
        let banner = app.wait_for("#error:not([hidden])");
        assert_eq!(
            app.attr(&banner, "data-code").as_deref(),
            Some("unauthorised"),
            "{area}"
        );
        assert!(
            app.text(&banner).contains("is a trainee profile"),
            "{}",
            app.text(&banner)
        );
        assert!(app.all("#folder-path, #records-table").is_empty());
        app.screenshot(&format!("refused-{area}"));
    }

    // From the trainee's screens, every workbench and records command is
    // refused, and nothing of the trainer's earlier sign-in is reusable.
    app.click_on("#crumbs button.link");
    app.click_on("[data-profile=\"Sam Carter\"]");
    app.wait_for("#library .card");
    assert_eq!(
        app.execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core.invoke('current_attempt').then(done, (e) => done(String(e)));"
        ),
        serde_json::Value::Null,
        "the trainer's trial run was dropped on sign-out"
    );
    let scenario = serde_json::to_string(&dir.display().to_string()).unwrap();
    let file = serde_json::to_string(&dir.join("tests.toml").display().to_string()).unwrap();
    for who in [
        "'Sam Carter', passphrase: 'correct horse battery'",
        "'Dr Okafor', passphrase: ''",
        "'', passphrase: ''",
    ] {
        let trainer = format!("trainer: {who}");
        let staff = format!("staff: {who}");
        let calls = [
            ("choose_workbench_folder", format!("{{{trainer}}}")),
            ("open_workbench", format!("{{{trainer}, path: {scenario}}}")),
            ("workbench_graph", format!("{{{trainer}, path: {scenario}}}")),
            ("play_from", format!("{{{trainer}, path: {scenario}, beat: 'respected'}}")),
            ("run_scenario_tests", format!("{{{trainer}, path: {scenario}}}")),
            ("run_explorer", format!("{{{trainer}, path: {scenario}, walks: 5, seed: 1}}")),
            ("records_table", format!("{{{staff}, filters: {{}}}}")),
            ("export_records", format!("{{{staff}, request: {{format: 'csv'}}}}")),
            ("outbox_state", format!("{{{staff}}}")),
            ("retry_failed_statements", format!("{{{staff}}}")),
            (
                "push_statements",
                format!("{{{staff}, lrs: 'http://127.0.0.1:9/xAPI/', user: 'u', password: 'p', filters: {{}}, home_page: 'https://x.example/'}}"),
            ),
            ("choose_file_to_verify", format!("{{{staff}}}")),
            ("verify_file", format!("{{{staff}, path: {file}}}")),
        ];
        for (cmd, args) in &calls {
            assert_eq!(probe(&app, cmd, args), "unauthorised", "{cmd} {args}");
        }
        for capability in ["author", "accredit", "moderate"] {
            let name = who.split_once(',').unwrap().0;
            let pass = who.split_once("passphrase: ").unwrap().1;
            assert_eq!(
                probe(
                    &app,
                    "staff_sign_in",
                    &format!("{{name: {name}, passphrase: {pass}, capability: '{capability}'}}")
                ),
                "unauthorised",
                "{capability} {who}"
            );
        }
    }
    // The page is still the trainee's library.
    assert!(!app.all("#library .card").is_empty());
}

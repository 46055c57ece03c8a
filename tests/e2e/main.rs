//! End-to-end tests of the real Rehearse window: each test starts Xvfb,
//! tauri-driver and WebKitWebDriver (see `harness`), drives the app over
//! WebDriver with its own data directory, and saves screenshots to
//! `<target>/e2e-artifacts/`.

mod harness;

use harness::{keys, Env};

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

    // Turn 1, then a hint is shown for it.
    key_turn(&app, "1", 1);
    let hint = app.wait_for("#hint");
    assert!(!app.text(&hint).trim().is_empty());
    assert!(app.text_of("#feedback-heading").unwrap().contains("turn 1"));
    // A weaker answer, then Ctrl+Z takes it back.
    key_turn(&app, "2", 2);
    app.screenshot("before-undo");
    key_turn(&app, &format!("{}z", keys::CONTROL), 1);
    assert_eq!(app.all("#transcript > li").len(), 1);

    // The strong path from the scenario's tests: 1 1 1 /silence 1 1 1 1 1 1.
    let rest = ["1", "1", "silence", "1", "1", "1", "1", "1", "1"];
    for (i, k) in rest.iter().enumerate() {
        let key = if *k == "silence" {
            format!("{}.", keys::CONTROL)
        } else {
            k.to_string()
        };
        key_turn(&app, &key, i as u32 + 2);
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
    // From tests.toml: "reassuring her away from the cue misses the red flag".
    let inputs = ["1", "1", "2", "/silence", "1", "2", "2", "1"];
    for (i, input) in inputs.iter().enumerate() {
        // Assessment mode: no hints, no meters, no undo.
        assert!(app.all("#feedback").is_empty() && app.all("#undo").is_empty());
        assert!(app.all(".meters").is_empty());
        if *input == "/silence" {
            app.click_on("#silence");
        } else {
            app.click_on(&format!("#choices .choice[data-index=\"{input}\"]"));
        }
        app.wait_turn(i as u32 + 1);
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
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(harness::repo().join("scenarios/declines-support")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let script = dir.join("scenario.rhai");
    let good = std::fs::read_to_string(&script).unwrap();
    assert!(good.contains("next: \"respected\""));
    let broken = good.replacen("next: \"respected\"", "next: \"respectd\"", 1);
    std::fs::write(&script, &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("respectd")).unwrap() + 1;

    let app = env.launch();
    app.click_on("#open-workbench");
    let path = app.wait_for("#folder-path");
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

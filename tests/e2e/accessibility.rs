//! Every view of the app, checked by machine (issue #17): axe-core's WCAG
//! 2.1 A and AA rules, the layout at 200% text and the dark theme, with a
//! screenshot of each view; and the staff roles' flows by keyboard only.
//! One app session visits all the views, so the checks cost one launch.

use crate::a11y::{self, Findings};
use crate::harness::{keys, App, Env};
use crate::{
    seed_certified, sign_in_as, test_inputs, OFFICER, OFFICER_PASS, TRAINER, TRAINER_PASS,
};
use std::path::PathBuf;

/// What the tour needs on disk besides the certified trainee and staff: a
/// workbench folder holding a scenario with a broken target, and a
/// credential file issued with the installation's key.
struct World {
    folder: PathBuf,
    script: PathBuf,
    good: String,
    credential: PathBuf,
    _files: tempfile::TempDir,
}

fn world(env: &Env) -> World {
    use rehearse_core::clock::{parse_instant, FixedClock};
    use rehearse_core::credential::{keys::KEY_FILE, IssuerKey};
    use rehearse_core::export::{self, Filter, Format};
    use rehearse_core::records::Store;
    use std::sync::Arc;
    seed_certified(env);
    let folder = env.data.path().join("authoring");
    let dir = folder.join("declines-support");
    crate::harness::copy_bundled_scenario("declines-support", &dir);
    let script = dir.join("scenario.rhai");
    let good = std::fs::read_to_string(&script).unwrap();
    let broken = good.replacen("next: \"respected\"", "next: \"respectd\"", 1);
    assert_ne!(broken, good);
    std::fs::write(&script, &broken).unwrap();

    let db = env.data.path().join("rehearse/rehearse.db");
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T12:00:00Z").unwrap(),
    ));
    let store = Store::open_with_clock(&db, clock).unwrap();
    store
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
    export::write_file(&store, &opts, Some(&key), &credential, &mut |_, _| {}).unwrap();
    World {
        folder,
        script,
        good,
        credential,
        _files: files,
    }
}

/// Visits every view, calling `check(app, name)` on each once it shows.
/// Returns the number of views checked.
fn tour(app: &App, w: &World, check: &mut dyn FnMut(&App, &str)) -> usize {
    let mut n = 0;
    let mut see = |app: &App, name: &str| {
        n += 1;
        check(app, name);
    };
    // Trainee: start, library, dashboard, a stored passed debrief.
    app.wait_for("[data-profile=\"Sam Carter\"]");
    see(app, "start");
    app.click_on("[data-profile=\"Sam Carter\"]");
    app.wait_for("#library .card");
    see(app, "library");
    app.click_on("#nav-dashboard");
    app.wait_for("#history .open-debrief");
    see(app, "dashboard");
    app.click_on("#history .open-debrief");
    app.wait_for("#result[data-passed=\"true\"]");
    see(app, "debrief-passed");
    app.click_on("#back-dashboard");
    app.wait_for("#status-headline");

    // Practice: one choice, then own words where the beat takes them, so
    // the hint and the marked words show.
    app.click_on("#nav-library");
    app.click_on("[data-scenario=\"midwife-neonatal-death\"] .practise");
    app.wait_for("#player");
    app.click_on("#choices .choice[data-index=\"1\"]");
    app.wait_turn(1);
    if let Some(text) = app.all("#free-text").into_iter().next() {
        app.type_into(
            &text,
            "It sounds like you feel you let her down, and that is heavy to carry.",
        );
        app.click_on("#send");
        app.wait_turn(2);
    }
    app.wait_for("#hint");
    see(app, "player-practice");
    app.click_on("#leave");
    app.wait_for("#resume .resume-button");
    see(app, "library-resume");

    // Assessment, failed: the cue waved away.
    let scenario = "midwife-neonatal-death";
    app.click_on(&format!("[data-scenario=\"{scenario}\"] .assess"));
    app.wait_for("#mode[data-mode=\"assessment\"]");
    see(app, "player-assessment");
    let inputs = test_inputs(scenario, "reassuring her away from the cue");
    crate::play_by_clicks(app, scenario, &inputs, 0);
    app.wait_for("#player[data-ended=\"true\"]");
    see(app, "player-ended");
    app.click_on("#see-debrief");
    app.wait_for("#result[data-passed=\"false\"]");
    see(app, "debrief-failed");

    // Trainer: sign-in, the workbench with findings, then with the graph
    // once the file is fixed, its tests and explorer run.
    app.click_on("#crumbs button.link");
    app.click_on("#open-workbench");
    app.wait_for("#staff-form[data-area=\"workbench\"]");
    see(app, "sign-in");
    sign_in_as(app, TRAINER, TRAINER_PASS);
    let path = app.wait_for("#folder-path");
    app.type_into(&path, &w.folder.display().to_string());
    app.click_on("#open-folder");
    app.wait_for(".finding.error[data-code=\"E011\"]");
    see(app, "workbench-findings");
    std::fs::write(&w.script, &w.good).unwrap();
    app.wait_until("the finding to go", || {
        app.all(".finding.error").is_empty().then_some(())
    });
    app.wait_for("#graph-svg .node.beat");
    app.click_on("#run-tests");
    app.wait_for("#test-results");
    app.execute("document.getElementById('walks').value = '20'; return true;");
    app.click_on("#run-explorer");
    app.wait_for("#explorer-results");
    // A late reload after the fix redraws the view, the graph last.
    app.wait_for("#graph-svg .node.beat");
    see(app, "workbench-graph");

    // Moderation: the queue, an attempt, the override dialog.
    app.click_on("#nav-moderation");
    app.wait_for("#queue .open-attempt");
    see(app, "moderation-queue");
    app.click_on("#queue li[data-scenario=\"junior-doctor-death\"] .open-attempt");
    app.wait_for("#competency-table");
    see(app, "moderation-attempt");
    app.click_on("#open-override");
    app.wait_for("#override-dialog[open]");
    see(app, "override-dialog");
    app.click_on("#cancel-override");

    // Accreditation: records, the export dialog, push and verify.
    app.click_on("#crumbs button.link");
    app.click_on("#open-accreditation");
    app.wait_for("#staff-form[data-area=\"records\"]");
    sign_in_as(app, OFFICER, OFFICER_PASS);
    app.wait_until("both trainees listed", || {
        (app.all("#records-table tbody tr").len() == 2).then_some(())
    });
    see(app, "records");
    app.click_on("#open-export");
    app.wait_for("#export-dialog[open]");
    see(app, "export-dialog");
    app.click_on("#close-export");
    app.click_on("#nav-push");
    app.wait_for("#outbox-counts");
    see(app, "push");
    app.click_on("#nav-verify");
    let path = app.wait_for("#verify-path");
    app.type_into(&path, w.credential.to_str().unwrap());
    app.click_on("#verify-submit");
    app.wait_for("#verdict-heading[data-valid=\"true\"]");
    see(app, "verify");
    n
}

#[test]
fn every_view_passes_axe_and_survives_200_percent_text() {
    let env = Env::new("a11y-light");
    let w = world(&env);
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-03-01T09:00:00Z")]);
    assert!(!a11y::is_dark(&app), "the default theme is light");
    let mut found = Findings::default();
    let views = tour(&app, &w, &mut |app, view| {
        found.note(view, "axe-core (WCAG 2.1 A and AA)", a11y::axe(app));
        app.screenshot(view);
        found.note(view, "root text at 200%", a11y::text_200(app));
        app.screenshot(&format!("{view}-200"));
        a11y::text_100(app);
    });
    assert!(views >= 18, "{views} views");
    found.finish(views);
}

#[test]
fn every_view_follows_the_dark_theme_and_passes_axe() {
    let env = Env::new("a11y-dark");
    let w = world(&env);
    let app = env.launch_with(&[
        ("REHEARSE_NOW", "2025-03-01T09:00:00Z"),
        ("GTK_THEME", "Adwaita:dark"),
    ]);
    let mut found = Findings::default();
    let views = tour(&app, &w, &mut |app, view| {
        if !a11y::is_dark(app) {
            found.note(
                view,
                "dark theme",
                Err("  the page is not dark under GTK_THEME=Adwaita:dark\n".into()),
            );
        }
        // colour-contrast is among the WCAG AA rules axe runs here.
        found.note(
            view,
            "axe-core (WCAG 2.1 A and AA) in the dark theme",
            a11y::axe(app),
        );
        app.screenshot(&format!("{view}-dark"));
    });
    found.finish(views);
}

/// Presses Tab until the element with this id has focus.
fn tab_to_id(app: &App, id: &str) {
    app.tab_to(id, |app, el| app.attr(el, "id").as_deref() == Some(id));
}

/// Presses Shift+Tab until the element with this id has focus.
fn shift_tab_to_id(app: &App, id: &str) {
    app.shift_tab_to(id, |app, el| app.attr(el, "id").as_deref() == Some(id));
}

/// The id of the focused element.
fn focused_id(app: &App) -> Option<String> {
    app.attr(&app.active(), "id")
}

#[test]
fn the_staff_roles_work_by_keyboard_only() {
    let env = Env::new("staff-keyboard");
    let w = world(&env);
    std::fs::write(&w.script, &w.good).unwrap();
    let app = env.launch_with(&[("REHEARSE_NOW", "2025-03-01T09:00:00Z")]);

    // Trainer sign-in: Tab to the workbench button, Enter; the name box
    // has focus, Tab to the passphrase, Enter signs in.
    tab_to_id(&app, "open-workbench");
    app.press(keys::ENTER);
    app.wait_for("#staff-form[data-area=\"workbench\"]");
    assert_eq!(focused_id(&app).as_deref(), Some("staff-name"));
    app.press(TRAINER);
    app.press(keys::TAB);
    assert_eq!(focused_id(&app).as_deref(), Some("staff-passphrase"));
    app.press(TRAINER_PASS);
    app.press(keys::ENTER);

    // Workbench: type the folder, Enter opens it; Tab to a beat of the
    // graph, Enter plays from it; back by keyboard, Tab to the tests
    // button, Enter runs them.
    app.wait_for("#folder-path");
    tab_to_id(&app, "folder-path");
    app.press(&w.folder.display().to_string());
    app.press(keys::ENTER);
    app.wait_for("#graph-svg .node.beat");
    app.tab_to("the beat \"respected\"", |app, el| {
        app.attr(el, "data-node").as_deref() == Some("respected")
    });
    app.press(keys::ENTER);
    app.wait_for("#player[data-node=\"respected\"]");
    assert_eq!(
        app.attr(&app.wait_for("#mode"), "data-mode").as_deref(),
        Some("trial")
    );
    app.press("1");
    app.wait_turn(1);
    app.screenshot("trial-by-keys");
    tab_to_id(&app, "leave");
    app.press(keys::ENTER);
    app.wait_for("#graph-svg .node.beat");
    tab_to_id(&app, "run-tests");
    app.press(keys::ENTER);
    let results = app.wait_for("#test-results");
    assert!(app.text(&results).contains("tests passed"));
    app.screenshot("workbench-tests");

    // Moderation: to the queue, open an attempt, override by keyboard.
    shift_tab_to_id(&app, "nav-moderation");
    app.press(keys::ENTER);
    app.wait_for("#queue .open-attempt");
    app.tab_to("an attempt in the queue", |app, el| {
        app.attr(el, "class").as_deref() == Some("open-attempt")
    });
    app.press(keys::ENTER);
    app.wait_for("#competency-table");
    tab_to_id(&app, "open-override");
    app.press(keys::ENTER);
    app.wait_for("#override-dialog[open]");
    assert_eq!(focused_id(&app).as_deref(), Some("override-target"));
    app.press(keys::TAB);
    assert_eq!(focused_id(&app).as_deref(), Some("override-value"));
    app.press(keys::TAB);
    assert_eq!(focused_id(&app).as_deref(), Some("override-reason"));
    app.press("Checked by keyboard only.");
    tab_to_id(&app, "save-override");
    app.press(keys::ENTER);
    let saved = app.wait_for("#saved .audit-entry");
    assert!(app.text(&saved).contains("Checked by keyboard only."));
    assert_eq!(focused_id(&app).as_deref(), Some("saved-heading"));

    // Change role by keyboard; the accreditation officer signs in.
    app.shift_tab_to("Change role", |app, el| app.text(el) == "Change role");
    app.press(keys::ENTER);
    tab_to_id(&app, "open-accreditation");
    app.press(keys::ENTER);
    app.wait_for("#staff-form[data-area=\"records\"]");
    assert_eq!(focused_id(&app).as_deref(), Some("staff-name"));
    app.press(OFFICER);
    app.press(keys::TAB);
    app.press(OFFICER_PASS);
    app.press(keys::ENTER);
    app.wait_until("both trainees listed", || {
        (app.all("#records-table tbody tr").len() == 2).then_some(())
    });
    // Filter: type the organisation, Enter applies.
    tab_to_id(&app, "records-organisation");
    app.press("South Trust");
    app.press(keys::ENTER);
    app.wait_until("only South Trust listed", || {
        (app.all("#records-table tbody tr").len() == 1).then_some(())
    });
    // The export dialog opens with Enter, takes focus, and Escape closes it.
    tab_to_id(&app, "open-export");
    app.press(keys::ENTER);
    app.wait_for("#export-dialog[open]");
    assert_eq!(focused_id(&app).as_deref(), Some("format-csv"));
    app.screenshot("export-by-keys");
    app.press(keys::ESCAPE);
    app.wait_until("the dialog to close", || {
        app.all("#export-dialog[open]").is_empty().then_some(())
    });
    // Verify: Tab to the page, type the path, Enter.
    shift_tab_to_id(&app, "nav-verify");
    app.press(keys::ENTER);
    app.wait_for("#verify-path");
    tab_to_id(&app, "verify-path");
    app.press(w.credential.to_str().unwrap());
    app.press(keys::ENTER);
    let heading = app.wait_for("#verdict-heading");
    assert_eq!(app.attr(&heading, "data-valid").as_deref(), Some("true"));
    app.screenshot("verify-by-keys");
}

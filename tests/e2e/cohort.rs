//! The trainer's cohort reports in the real window: a trainer signs in,
//! opens "Cohort reports", filters by organisation and sees the chart and
//! the table, whose figures must be the ones seeded (through the real
//! record APIs, `tests/integration/cohort_seed.rs`); an organisation of
//! fewer than five trainees shows as suppressed.

use crate::harness::Env;
use crate::{db_path, seed_staff, sign_in_as, TRAINER, TRAINER_PASS};
use std::sync::Arc;

#[path = "../integration/cohort_seed.rs"]
mod cohort_seed;

use cohort_seed::{Playable, Seeder};

/// North Trust: six trainees, three pass (strong path) and three reassure
/// her away from the red flag. South Trust: five, four pass. West Hospice:
/// two, both pass (too few to show).
const PLAN: [(&str, usize, usize); 3] = [
    ("North Trust", 6, 3),
    ("South Trust", 5, 4),
    ("West Hospice", 2, 2),
];

fn seed(env: &Env) -> cohort_seed::Seeded {
    use rehearse_core::clock::FixedClock;
    let start: chrono::DateTime<chrono::Utc> = "2026-02-02T09:00:00Z".parse().unwrap();
    let clock = Arc::new(FixedClock::new(start));
    let store =
        rehearse_core::records::Store::open_with_clock(&db_path(env), clock.clone()).unwrap();
    seed_staff(&store);
    let midwife = Playable::load(&cohort_seed::library().join("midwife-neonatal-death"));
    let mut s = Seeder::new(&store, clock);
    for (org, n, passing) in PLAN {
        for k in 0..n {
            let t = s.trainee(&format!("{org} {k}"), org);
            let path = if k < passing {
                "strong path"
            } else {
                "reassuring her away from the cue"
            };
            s.play(
                t,
                &midwife,
                path,
                start + chrono::Duration::days(k as i64),
                20,
            );
        }
    }
    s.seeded
}

/// The text of the table cell in `column` of the first body row.
fn cell(app: &crate::harness::App, column: &str) -> String {
    app.text_of(&format!(
        "#cohort-table tbody tr:first-child [data-column=\"{column}\"]"
    ))
    .unwrap_or_default()
}

/// Clears the organisation box, types `org` and applies the filters.
fn filter(app: &crate::harness::App, org: &str) {
    app.execute("document.getElementById('cohort-organisation').value = '';");
    let field = app.wait_for("#cohort-organisation");
    app.type_into(&field, org);
    app.click_on("#cohort-apply");
    app.wait_until("the report for the organisation", || {
        app.text_of("#cohort-scope")
            .filter(|t| t.contains(&format!("organisation {org}")))
    });
}

#[test]
fn a_trainer_filters_the_cohort_report_by_organisation_and_sees_the_chart_and_table() {
    let env = Env::new("cohort");
    let seeded = seed(&env);
    let app = env.launch_with(&[("REHEARSE_NOW", "2026-03-01T09:00:00Z")]);
    app.click_on("#open-moderation");
    app.wait_for("#staff-form[data-area=\"moderation\"]");
    sign_in_as(&app, TRAINER, TRAINER_PASS);
    app.wait_for("#queue, #queue-empty");
    app.click_on("#nav-cohort");
    app.wait_for("#cohort-table[data-kind=\"pass-rate\"]");

    // All organisations: what was seeded.
    let attempts = seeded.attempts.len();
    let passed = seeded.attempts.iter().filter(|a| a.passed).count();
    assert_eq!((attempts, passed), (13, 9));
    assert_eq!(cell(&app, "attempts"), attempts.to_string());
    assert_eq!(cell(&app, "passed"), passed.to_string());
    assert_eq!(cell(&app, "pass_rate"), "69.2%");
    app.screenshot("cohort-all");

    // South Trust: five trainees, four passes, in the table and the chart.
    filter(&app, "South Trust");
    let south: Vec<_> = seeded
        .attempts
        .iter()
        .filter(|a| a.organisation == "South Trust")
        .collect();
    assert_eq!(cell(&app, "trainees"), "5");
    assert_eq!(cell(&app, "attempts"), south.len().to_string());
    assert_eq!(
        cell(&app, "passed"),
        south.iter().filter(|a| a.passed).count().to_string()
    );
    assert_eq!(cell(&app, "pass_rate"), "80.0%");
    let svg = app.wait_for("svg#cohort-chart");
    assert_eq!(app.attr(&svg, "role").as_deref(), Some("img"));
    let bars = app.all("#cohort-chart .cohort-bar:not(.suppressed) rect.seg");
    assert_eq!(bars.len(), 1);
    assert_eq!(app.attr(&bars[0], "data-value").as_deref(), Some("0.8"));
    let words = app
        .execute("return document.getElementById('cohort-chart-summary').textContent;")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(words.contains("pass rate 80.0%"), "{words}");
    app.screenshot("cohort-south");
    // The view passes axe-core's WCAG 2.1 A and AA rules and survives 200% text.
    crate::a11y::axe(&app).unwrap_or_else(|e| panic!("axe on the cohort report:\n{e}"));
    let layout = crate::a11y::text_200(&app);
    crate::a11y::text_100(&app);
    layout.unwrap_or_else(|e| panic!("the cohort report at 200% text:\n{e}"));

    // Red flags for North Trust: three of six recognised.
    app.execute("document.getElementById('cohort-kind').value = 'red-flags';");
    filter(&app, "North Trust");
    app.wait_for("#cohort-table[data-kind=\"red-flags\"]");
    assert_eq!(cell(&app, "cued"), "6");
    assert_eq!(cell(&app, "recognised"), "3");
    assert_eq!(cell(&app, "recognition_rate"), "50.0%");
    assert_eq!(cell(&app, "median_turns"), "3.00");

    // West Hospice: two trainees, shown as suppressed, with no numbers.
    filter(&app, "West Hospice");
    app.wait_for("#cohort-table[data-kind=\"red-flags\"]");
    assert_eq!(cell(&app, "recognition_rate"), "suppressed");
    assert_eq!(cell(&app, "cued"), "suppressed");
    assert!(!app.all("#cohort-chart .cohort-bar.suppressed").is_empty());
    assert!(app.all("#cohort-chart rect.seg").is_empty());
    app.screenshot("cohort-suppressed");

    // The competency profile: a stacked chart with its legend, 15 rows.
    app.execute("document.getElementById('cohort-kind').value = 'competency';");
    filter(&app, "North Trust");
    app.wait_for("#cohort-table[data-kind=\"competency\"]");
    assert_eq!(app.all("#cohort-table tbody tr").len(), 15);
    assert!(!app.all("#cohort-legend li").is_empty());
    // plan_next_steps: competent or better on the strong path, not yet
    // when she is reassured away (hand-checked in tests/integration/analytics.rs).
    let row = app.execute(
        "const row = [...document.querySelectorAll('#cohort-table tbody tr')]
           .find((r) => r.querySelector('[data-column=\"competency\"]').textContent === 'plan_next_steps');
         return Object.fromEntries([...row.children].map((c) => [c.dataset.column, c.textContent]));",
    );
    assert_eq!(row["trainees"], "6", "{row}");
    assert_eq!(row["not_yet"], "3", "{row}");
    assert_eq!(row["competent_or_better"], "50.0%", "{row}");
    crate::a11y::axe(&app).unwrap_or_else(|e| panic!("axe on the competency profile:\n{e}"));
    app.screenshot("cohort-competency");

    // A trainee profile's name is refused by the command.
    let code = app.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI__.core.invoke('cohort_report', {staff: 'North Trust 0', passphrase: 'x', query: {kind: 'pass-rate'}})
           .then(() => done('allowed'), (e) => done(e && e.code ? e.code : String(e)));",
    );
    assert_eq!(code, "unauthorised");
}

#[test]
fn the_cohort_report_follows_the_dark_theme_and_passes_axe() {
    let env = Env::new("cohort-dark");
    seed(&env);
    let app = env.launch_with(&[
        ("REHEARSE_NOW", "2026-03-01T09:00:00Z"),
        ("GTK_THEME", "Adwaita:dark"),
    ]);
    app.click_on("#open-workbench");
    app.wait_for("#staff-form[data-area=\"workbench\"]");
    sign_in_as(&app, TRAINER, TRAINER_PASS);
    app.wait_for("#folder-path");
    // Signed in through the workbench, the same nav entry leads there.
    app.click_on("#nav-cohort");
    app.wait_for("#cohort-table[data-kind=\"pass-rate\"]");
    for kind in ["competency", "pass-rate"] {
        app.execute(&format!(
            "document.getElementById('cohort-kind').value = '{kind}';"
        ));
        filter(&app, "North Trust");
        app.wait_for(&format!("#cohort-table[data-kind=\"{kind}\"]"));
        assert!(crate::a11y::is_dark(&app), "the page is not dark");
        crate::a11y::axe(&app)
            .unwrap_or_else(|e| panic!("axe on the {kind} report in the dark theme:\n{e}"));
        app.screenshot(&format!("cohort-{kind}-dark"));
    }
}

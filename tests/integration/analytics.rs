//! Cohort and item analytics on a real SQLite file: a small case whose
//! figures were worked out by hand from the midwife scenario and its tests,
//! read through the real `rehearse report` binary as CSV; and a seeded
//! cohort of 203 trainees in four organisations, with attempts at two
//! versions of a scenario and at a second scenario (see `cohort_seed.rs`),
//! whose reports must agree with what was seeded.

use crate::cohort_seed::{self, Playable, Seeder};
use crate::exports::rehearse;
use chrono::{Duration, Months, NaiveDate};
use rehearse_core::analytics::{self, suppression::Guarded, Kind};
use rehearse_core::clock::FixedClock;
use rehearse_core::records::analytics::CohortFilter;
use rehearse_core::records::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// Reads RFC 4180 CSV into records (enough for our own output).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
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
    rows
}

/// `rehearse report KIND ARGS --format csv` as maps from column id to value.
fn report_csv(db: &Path, kind: &str, args: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut all = vec!["report", kind, "--format", "csv"];
    all.extend_from_slice(args);
    let out = rehearse(db, &all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = read_csv(&out.stdout);
    let header = rows[0].clone();
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{r:?}");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

/// Typed with the free text of the Small Trust attempts, and found in no report.
const MARKER: &str = "Quorblethwaite4417";

const STRONG: &str = "strong path";
const REASSURING: &str = "reassuring her away from the cue";

/// Ten Small Trust trainees (five play the strong path, five reassure her
/// away from the cue) and two Tiny Trust trainees (strong path), one turn
/// every 20 seconds.
fn small_case(db: &Path) {
    let clock = Arc::new(FixedClock::new("2026-02-02T09:00:00Z".parse().unwrap()));
    let store = Store::open_with_clock(db, clock.clone()).unwrap();
    let midwife = Playable::load(&cohort_seed::library().join("midwife-neonatal-death"));
    let mut s = Seeder::new(&store, clock);
    let start = "2026-02-02T09:00:00Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap();
    for k in 0..10 {
        let t = s.trainee(&format!("Small {k}"), "Small Trust");
        let path = if k < 5 { STRONG } else { REASSURING };
        s.play_marked(
            t,
            &midwife,
            path,
            start + Duration::days(k),
            20,
            Some(MARKER),
        );
    }
    for k in 0..2 {
        let t = s.trainee(&format!("Tiny {k}"), "Tiny Trust");
        s.play(t, &midwife, STRONG, start + Duration::days(k), 20);
    }
}

#[test]
fn a_hand_checked_small_case_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    small_case(&db);
    let small = ["--organisation", "small trust"];

    // Pass rate: 5 of 10 in Small Trust; 7 of 12 overall; Tiny Trust is too small.
    let rows = report_csv(&db, "pass-rate", &small);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["scenario_id"], "midwife-neonatal-death");
    assert_eq!(r["scenario_version"], "1.1.2");
    assert_eq!(
        (
            &*r["trainees"],
            &*r["attempts"],
            &*r["passed"],
            &*r["pass_rate"],
            &*r["trainees_passed"]
        ),
        ("10", "10", "5", "0.5000", "5")
    );
    assert_eq!(report_csv(&db, "pass-rate", &[])[0]["pass_rate"], "0.5833");
    let tiny = report_csv(&db, "pass-rate", &["--organisation", "Tiny Trust"]);
    assert_eq!(tiny[0]["pass_rate"], "suppressed");
    assert_eq!(
        tiny[0]["trainees"], "suppressed",
        "not even the group's size"
    );

    // Red flags: the cue (beat `dark`) is first open to a response at turn 6;
    // the strong path asks at 6, asks about timing at 7 and makes her safe
    // at 8: 3 turns, 60 s after the turn-5 commit that showed the cue.
    let rows = report_csv(&db, "red-flags", &small);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["category"], "suicide_risk");
    assert_eq!(
        (
            &*r["cued"],
            &*r["recognised"],
            &*r["recognition_rate"],
            &*r["timed"]
        ),
        ("10", "5", "0.5000", "5")
    );
    assert_eq!((&*r["median_turns"], &*r["mean_turns"]), ("3.00", "3.00"));
    assert_eq!(
        (&*r["median_seconds"], &*r["mean_seconds"]),
        ("60.00", "60.00")
    );

    // Items: everyone opens the same way, so that option cannot discriminate
    // and the other opening choices were never chosen; at `dark` the strong
    // path's route is taken by every passing walk and no failing one (D = 1,
    // point-biserial 1), the reassurance by every failing walk (D = -1), and
    // the five reassuring walks go wrong there (they miss the cue).
    let rows = report_csv(&db, "items", &small);
    let at = |beat: &str| -> Vec<&BTreeMap<String, String>> {
        rows.iter().filter(|r| r["beat"] == beat).collect()
    };
    let opening = at("opening");
    let thank = opening
        .iter()
        .find(|r| r["option"] == "thank_you_for_coming")
        .unwrap();
    assert_eq!((&*thank["walks"], &*thank["share"]), ("10", "1.0000"));
    assert_eq!(
        (
            &*thank["p_pass"],
            &*thank["p_fail"],
            &*thank["discrimination"]
        ),
        ("1.0000", "1.0000", "0.00")
    );
    assert_eq!(thank["flags"], "not_discriminating");
    assert!(opening.len() > 1);
    for other in opening
        .iter()
        .filter(|r| r["option"] != "thank_you_for_coming")
    {
        assert_eq!(other["walks"], "0", "{other:?}");
        assert!(other["flags"].starts_with("never_chosen"), "{other:?}");
    }
    let dark = at("dark");
    assert_eq!(dark[0]["reached"], "10");
    assert_eq!(dark[0]["went_wrong_share"], "0.5000");
    let taken: Vec<&&BTreeMap<String, String>> =
        dark.iter().filter(|r| r["walks"] != "0").collect();
    assert_eq!(taken.len(), 2, "{taken:?}");
    let mut d: Vec<(&str, &str, &str)> = taken
        .iter()
        .map(|r| (&*r["discrimination"], &*r["point_biserial"], &*r["walks"]))
        .collect();
    d.sort();
    assert_eq!(d, [("-1.00", "-1.00", "5"), ("1.00", "1.00", "5")]);
    assert!(taken
        .iter()
        .all(|r| r["option"].starts_with("free_text:") || r["option"] == "otherwise"));

    // Competency profile: plan_next_steps is competent or better on the
    // strong path and not yet when she is reassured away.
    let rows = report_csv(&db, "competency", &small);
    assert_eq!(rows.len(), 15);
    let plan = rows
        .iter()
        .find(|r| r["competency"] == "plan_next_steps")
        .unwrap();
    assert_eq!(
        (
            &*plan["trainees"],
            &*plan["not_yet"],
            &*plan["competent_or_better"]
        ),
        ("10", "5", "0.5000")
    );
    assert!(
        report_csv(&db, "competency", &["--organisation", "Tiny Trust"])
            .iter()
            .all(|r| r["trainees"] == "suppressed")
    );

    // A date range that excludes the last five Small Trust attempts (days 5 to 9).
    let early = report_csv(
        &db,
        "pass-rate",
        &["--organisation", "Small Trust", "--to", "2026-02-06"],
    );
    assert_eq!(
        (&*early[0]["attempts"], &*early[0]["pass_rate"]),
        ("5", "1.0000")
    );

    // No transcript: the words typed at the cue appear in no report.
    for kind in [
        "pass-rate",
        "competency",
        "items",
        "red-flags",
        "forecast",
        "versions",
    ] {
        for format in ["csv", "table"] {
            let out = rehearse(&db, &["report", kind, "--format", format]);
            assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
            assert!(
                !out.stdout.contains(MARKER),
                "{kind} {format} shows typed words"
            );
        }
    }
    // Bad input is refused with a clear message.
    let out = rehearse(
        &db,
        &[
            "report",
            "items",
            "--from",
            "2026-03-01",
            "--to",
            "2026-02-01",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("backwards"), "{}", out.stderr);
    let out = rehearse(&db, &["report", "pass-rate", "--from", "March"]);
    assert_ne!(out.code, 0);
}

/// The forecast day of the seeded cohort, and the days until the refresher
/// window opens for the certified North Trust trainees 0, 1, 2, ….
const FORECAST_DAY: &str = "2026-06-01";
const DUE_IN: [i64; 8] = [10, 29, 30, 31, 59, 75, 90, 91];

fn certified_on(k: usize) -> Option<chrono::DateTime<chrono::Utc>> {
    let day: NaiveDate = FORECAST_DAY.parse().unwrap();
    let opens = day + Duration::days(*DUE_IN.get(k)?);
    // Window opens 60 days before expiry; validity 12 months (default policy).
    let certified = (opens + Duration::days(60)) - Months::new(12);
    Some(certified.and_hms_opt(10, 0, 0).unwrap().and_utc())
}

#[test]
fn the_seeded_cohort_agrees_with_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let clock = Arc::new(FixedClock::new(cohort_seed::cohort_start()));
    let store = Store::open_with_clock(&db, clock.clone()).unwrap();
    let started = std::time::Instant::now();
    let seeded = cohort_seed::seed_cohort(&store, clock, dir.path(), &certified_on);
    eprintln!(
        "seeded {} trainees, {} attempts in {:?}",
        seeded.trainees.len(),
        seeded.attempts.len(),
        started.elapsed()
    );
    assert!(seeded.trainees.len() >= 200);
    let all = CohortFilter::default();
    let report =
        |kind, filter: &CohortFilter| analytics::report(&store, kind, filter, &[]).unwrap();

    // Pass rate per version equals the plan, version by version.
    let rows = analytics::cohort::pass_rates(&store.cohort_attempts(&all).unwrap());
    let mut plan: BTreeMap<(String, String), (BTreeSet<uuid::Uuid>, usize, usize)> =
        BTreeMap::new();
    for a in &seeded.attempts {
        let e = plan
            .entry((a.scenario.clone(), a.hash.clone()))
            .or_default();
        e.0.insert(a.trainee);
        e.1 += 1;
        e.2 += usize::from(a.passed);
    }
    assert_eq!(rows.len(), plan.len());
    let versions: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.version.scenario_id == "midwife-neonatal-death")
        .map(|r| r.version.version.as_str())
        .collect();
    assert_eq!(versions.len(), 2, "two versions of the midwife scenario");
    for r in &rows {
        let (trainees, attempts, passed) = &plan[&(
            r.version.scenario_id.clone(),
            r.version.content_hash.clone(),
        )];
        match &r.figures {
            Guarded::Shown(f) => {
                assert_eq!(
                    (f.trainees, f.attempts, f.passed),
                    (trainees.len(), *attempts, *passed),
                    "{r:?}"
                );
                assert!((f.pass_rate - *passed as f64 / *attempts as f64).abs() < 1e-12);
            }
            Guarded::Suppressed => assert!(trainees.len() < 5, "{r:?}"),
        }
    }

    // The organisation of three is suppressed everywhere; the others are not.
    let west = CohortFilter {
        organisation: Some("West Hospice".into()),
        ..CohortFilter::default()
    };
    for kind in [
        Kind::PassRate,
        Kind::Competency,
        Kind::Items,
        Kind::RedFlags,
        Kind::Versions,
    ] {
        let r = report(kind, &west);
        assert!(!r.table.rows.is_empty(), "{kind:?}");
        assert_eq!(
            r.chart.bars.iter().filter(|b| !b.suppressed).count(),
            0,
            "{kind:?}"
        );
        for row in &r.table.rows {
            assert!(row.iter().all(|c| c.value().is_none()), "{kind:?}: {row:?}");
        }
    }
    let east = CohortFilter {
        organisation: Some("East Clinic".into()),
        ..CohortFilter::default()
    };
    let r = report(Kind::PassRate, &east);
    assert_eq!(r.suppressed, 0);

    // Competency profile: each trainee once, level counts add up.
    let profile = analytics::cohort::competency_profile(&store.cohort_attempts(&all).unwrap());
    for row in &profile {
        if let Guarded::Shown(f) = &row.figures {
            assert!(f.trainees <= seeded.trainees.len());
            assert_eq!(f.levels.iter().sum::<usize>(), f.trainees);
        }
    }

    // Red flags: recognised cues per scenario equal the plan.
    let timing = analytics::red_flag_timing::red_flag_timing(&store.cohort_attempts(&all).unwrap());
    for t in &timing {
        let cues: Vec<bool> = seeded
            .attempts
            .iter()
            .filter(|a| a.scenario == t.scenario_id)
            .flat_map(|a| {
                a.flags
                    .iter()
                    .filter(|(c, _)| *c == t.category)
                    .map(|(_, ok)| *ok)
            })
            .collect();
        let f = t.figures.shown().expect("every scenario has many trainees");
        assert_eq!(
            (f.cued, f.recognised),
            (cues.len(), cues.iter().filter(|r| **r).count()),
            "{t:?}"
        );
    }

    // Items: every walk at a version reaches its first beat, and the walks
    // taking each option there add up to the walks reaching it.
    let items = analytics::item::items(&store.cohort_attempts(&all).unwrap(), &[]);
    for v in &items {
        let first = v.beats[0].figures.shown().unwrap();
        let (_, attempts, _) = &plan[&(
            v.version.scenario_id.clone(),
            v.version.content_hash.clone(),
        )];
        assert_eq!(first.reached, *attempts, "{}", v.version.label());
        assert_eq!(
            first.options.iter().map(|o| o.walks).sum::<usize>(),
            first.reached
        );
        for b in &v.beats {
            if let Guarded::Shown(f) = &b.figures {
                assert!(f.went_wrong <= f.reached && f.reach_rate <= 1.0);
                for o in &f.options {
                    if let Guarded::Shown(d) = &o.discrimination {
                        assert!((d.index - (d.p_pass - d.p_fail)).abs() < 1e-12);
                        assert!(d.point_biserial.abs() <= 1.0 + 1e-9);
                    }
                }
            }
        }
    }

    // Versions: the change is the difference of the two pass rates.
    let changes = analytics::cohort::version_change(&store.cohort_attempts(&all).unwrap());
    let midwife: Vec<_> = changes
        .iter()
        .filter(|r| r.version.scenario_id == "midwife-neonatal-death")
        .collect();
    assert_eq!(midwife.len(), 2);
    let (a, b) = (
        midwife[0].figures.shown().unwrap(),
        midwife[1].figures.shown().unwrap(),
    );
    assert_eq!(
        midwife[0].version.version, "1.1.2",
        "the bundled version was played first"
    );
    let c = midwife[1].change.as_ref().unwrap();
    assert!((c.pass_rate - (b.pass.pass_rate - a.pass.pass_rate) * 100.0).abs() < 1e-9);
    assert!(
        (a.pass.pass_rate - b.pass.pass_rate).abs() > 0.01,
        "the mixes differ"
    );

    // A date range: January only holds version 1.1.2 of the midwife scenario.
    let january = CohortFilter {
        from: Some("2026-01-01".parse().unwrap()),
        to: Some("2026-01-31".parse().unwrap()),
        ..CohortFilter::default()
    };
    let r = analytics::cohort::pass_rates(&store.cohort_attempts(&january).unwrap());
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].version.version, "1.1.2");

    // Forecast on the day: the certified trainees whose window opens within
    // 90 days, soonest first, in the right horizons; the 91st day is out.
    let due_filter = CohortFilter {
        to: Some(FORECAST_DAY.parse().unwrap()),
        ..CohortFilter::default()
    };
    let f = report(Kind::Forecast, &due_filter);
    let days = f.table.column("days").unwrap();
    let within = f.table.column("horizon").unwrap();
    let got: Vec<(String, String)> = f
        .table
        .rows
        .iter()
        .map(|r| (r[days].display(), r[within].display()))
        .collect();
    let want: Vec<(String, String)> = DUE_IN
        .iter()
        .filter(|d| **d <= 90)
        .map(|d| {
            (
                d.to_string(),
                format!(
                    "{} days",
                    [30, 60, 90].into_iter().find(|h| d <= h).unwrap()
                ),
            )
        })
        .collect();
    assert_eq!(got, want);
    let bars: Vec<f64> = f.chart.bars.iter().map(|b| b.segments[0].value).collect();
    assert_eq!(bars, [3.0, 5.0, 7.0]);

    // The CLI gives the same figures as CSV.
    drop(store);
    let cli = report_csv(&db, "pass-rate", &[]);
    assert_eq!(cli.len(), rows.len());
    let cli = report_csv(&db, "forecast", &["--to", FORECAST_DAY]);
    assert_eq!(cli.len(), 7);
    assert!(cli
        .iter()
        .all(|r| r["organisation"] == "North Trust" && r["certification_status"] == "certified"));
}

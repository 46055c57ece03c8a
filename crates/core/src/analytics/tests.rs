//! Hand-checked cases for every report, and a computed discrimination example.

use super::item::{DeclaredOptions, OptionFlag};
use super::suppression::Guarded;
use super::*;
use crate::certification::{Standing, Status};
use crate::competency::Competency;
use crate::records::analytics::{CohortTrainee, CompetencyFact, FlagFact, TurnFact};
use chrono::{DateTime, Duration, Utc};

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

fn who(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A walk: trainee, version, day offset, passed, turns `(beat, option, net)`.
fn walk(
    trainee: u128,
    hash: &str,
    day: i64,
    passed: bool,
    turns: &[(&str, &str, i32)],
) -> CohortAttempt {
    let start = t0() + Duration::days(day);
    CohortAttempt {
        attempt: Uuid::new_v4(),
        trainee: who(trainee),
        organisation: Some("North".into()),
        scenario_id: "s".into(),
        scenario_version: match hash {
            "h1" => "1.0.0",
            "h2" => "1.1.0",
            _ => "2.0.0",
        }
        .into(),
        content_hash: hash.into(),
        started_at: start,
        ended_at: start + Duration::minutes(10),
        passed,
        competencies: Competency::ALL
            .iter()
            .map(|c| CompetencyFact {
                competency: *c,
                level: Level::NotAssessed,
                score: None,
                targeted: false,
            })
            .collect(),
        red_flags: Vec::new(),
        turns: turns
            .iter()
            .enumerate()
            .map(|(i, (beat, option, net))| TurnFact {
                number: i as u32 + 1,
                beat: beat.to_string(),
                option: option.to_string(),
                net: *net,
                at: start + Duration::seconds(30 * (i as i64 + 1)),
            })
            .collect(),
    }
}

fn pass_rate_case() -> Vec<CohortAttempt> {
    let mut v = vec![
        // Version 1.0.0: six trainees, seven walks; trainee 1 failed then passed.
        walk(1, "h1", 0, false, &[]),
        walk(1, "h1", 1, true, &[]),
        walk(2, "h1", 1, true, &[]),
        walk(3, "h1", 1, true, &[]),
        walk(4, "h1", 1, false, &[]),
        walk(5, "h1", 1, false, &[]),
        walk(6, "h1", 1, false, &[]),
    ];
    // Version 1.1.0: four trainees only, suppressed.
    for n in 11..15 {
        v.push(walk(n, "h2", 5, true, &[]));
    }
    // Version 2.0.0: five trainees, four pass.
    for n in 21..26 {
        v.push(walk(n, "h3", 9, n != 25, &[]));
    }
    v
}

#[test]
fn pass_rate_per_version_by_hand() {
    let rows = cohort::pass_rates(&pass_rate_case());
    let versions: Vec<&str> = rows.iter().map(|r| r.version.version.as_str()).collect();
    assert_eq!(versions, ["1.0.0", "1.1.0", "2.0.0"]);
    let f = rows[0].figures.shown().unwrap();
    assert_eq!(
        (f.trainees, f.attempts, f.passed, f.trainees_passed),
        (6, 7, 3, 3)
    );
    assert!((f.pass_rate - 3.0 / 7.0).abs() < 1e-12);
    assert_eq!(rows[1].figures, Guarded::Suppressed);
    assert_eq!(rows[2].figures.shown().unwrap().pass_rate, 0.8);
    let r = build(Kind::PassRate, &pass_rate_case(), &[]);
    assert_eq!(r.suppressed, 1);
    let rate = r.table.column("pass_rate").unwrap();
    assert_eq!(r.table.rows[0][rate].display(), "42.9%");
    assert_eq!(r.table.rows[1][rate], Cell::Suppressed);
    assert!(r.chart.bars[1].suppressed && r.chart.bars[1].segments.is_empty());
}

#[test]
fn versions_compare_with_the_previous_shown_version() {
    let rows = cohort::version_change(&pass_rate_case());
    assert!(rows[0].change.is_none());
    assert!(rows[1].figures.is_suppressed() && rows[1].change.is_none());
    let c = rows[2].change.as_ref().unwrap();
    assert_eq!(c.from_version, "1.0.0");
    assert!((c.pass_rate - (0.8 - 3.0 / 7.0) * 100.0).abs() < 1e-9);
    assert_eq!(c.recognition_rate, None, "no cues in either version");
}

/// Twelve walks at one beat: six passing trainees (1–6), six failing (7–12).
fn discrimination_case() -> Vec<CohortAttempt> {
    let mut v = Vec::new();
    for n in 1..=12u128 {
        let pass = n <= 6;
        let mut turns: Vec<(&str, &str, i32)> = Vec::new();
        if n == 6 || n == 12 {
            turns.push(("b1", "silence", 0));
        }
        // A: passing 1–5, failing 7–8. B: passing 6, failing 9–12.
        let a = matches!(n, 1..=5 | 7 | 8);
        turns.push(("b1", if a { "a" } else { "b" }, if a { 2 } else { -1 }));
        if n <= 4 {
            turns.push(("b2", "x", 1));
        }
        let mut w = walk(n, "h1", n as i64, pass, &turns);
        w.red_flags.push(FlagFact {
            category: "suicide_risk".into(),
            beat: "b1".into(),
            sign_turn: 1,
            window: 3,
            recognised: pass,
            recognised_turn: pass.then(|| [1, 1, 2, 2, 1, 2][n as usize - 1]),
        });
        let (level, score) = match n {
            1..=5 => (Level::Competent, 1.0),
            6 => (Level::Exemplary, 1.6),
            7..=9 => (Level::NotYet, 0.0),
            _ => (Level::Developing, 0.5),
        };
        w.competencies[0].level = level;
        w.competencies[0].score = Some(score);
        w.competencies[0].targeted = true;
        v.push(w);
    }
    v
}

fn declared() -> DeclaredOptions {
    let mut d = DeclaredOptions {
        content_hash: "h1".into(),
        scenario_id: "s".into(),
        ..DeclaredOptions::default()
    };
    d.order = vec!["b1".into(), "b2".into()];
    d.beats.insert(
        "b1".into(),
        vec![
            ("a".into(), "Ask directly".into()),
            ("b".into(), "Reassure".into()),
            ("c".into(), "Change the subject".into()),
            ("silence".into(), "stayed silent".into()),
        ],
    );
    d.beats
        .insert("b2".into(), vec![("x".into(), "Close".into())]);
    d
}

#[test]
fn discrimination_matches_the_computed_example() {
    let items = item::items(&discrimination_case(), &[declared()]);
    assert_eq!(items.len(), 1);
    let v = &items[0];
    assert!(v.options_known);
    let b1 = v.beats[0]
        .figures
        .shown()
        .expect("twelve trainees reach b1");
    assert_eq!((b1.reached, b1.trainees), (12, 12));
    // Wrong: the six failing walks missed the cue at b1, and walk 6 took B (net -1).
    assert_eq!(b1.went_wrong, 7);
    assert!((b1.went_wrong_share - 7.0 / 12.0).abs() < 1e-12);
    let opt = |id: &str| b1.options.iter().find(|o| o.option == id).unwrap();
    let a = opt("a");
    assert_eq!((a.walks, a.responses), (7, 7));
    assert_eq!(a.label.as_deref(), Some("Ask directly"));
    let d = a.discrimination.shown().unwrap();
    assert!((d.p_pass - 5.0 / 6.0).abs() < 1e-12);
    assert!((d.p_fail - 2.0 / 6.0).abs() < 1e-12);
    assert!((d.index - 0.5).abs() < 1e-12);
    // phi = (5·4 − 2·1) / √(7·5·6·6) = 18 / √1260
    assert!((d.point_biserial - 18.0 / 1260f64.sqrt()).abs() < 1e-12);
    assert!((d.point_biserial - 0.507_093).abs() < 1e-6);
    assert!(a.flags.is_empty());
    let b = opt("b").discrimination.shown().unwrap().clone();
    assert!((b.index + 0.5).abs() < 1e-12);
    assert!((b.point_biserial + 18.0 / 1260f64.sqrt()).abs() < 1e-12);
    // Silence: one passing, one failing walk: D = 0, does not discriminate.
    let s = opt("silence");
    assert_eq!(s.walks, 2);
    assert_eq!(s.discrimination.shown().unwrap().index, 0.0);
    assert_eq!(s.flags, [OptionFlag::NotDiscriminating]);
    // C was declared and never taken.
    let c = opt("c");
    assert_eq!(c.walks, 0);
    assert_eq!(
        c.flags,
        [OptionFlag::NeverChosen, OptionFlag::NotDiscriminating]
    );
    // b2: four trainees reached it, suppressed.
    assert_eq!(v.beats[1].beat, "b2");
    assert!(v.beats[1].figures.is_suppressed());
}

#[test]
fn point_biserial_is_phi_for_two_binary_variables() {
    let took = [true, true, true, false, false, true, false, false];
    let pass = [true, true, false, false, true, true, false, false];
    // n11 = 3, n10 = 1, n01 = 1, n00 = 3: phi = (9 − 1) / √(4·4·4·4) = 0.5
    assert!((item::point_biserial(&took, &pass).unwrap() - 0.5).abs() < 1e-12);
    assert_eq!(
        item::point_biserial(&took, &[true; 8]),
        None,
        "no failing walk"
    );
}

#[test]
fn discrimination_is_suppressed_when_either_group_is_small() {
    // Only the first nine walks: six passing, three failing trainees.
    let walks: Vec<CohortAttempt> = discrimination_case().into_iter().take(9).collect();
    let items = item::items(&walks, &[declared()]);
    let b1 = items[0].beats[0].figures.shown().unwrap();
    assert!(b1.options.iter().all(|o| o.discrimination.is_suppressed()));
    assert!(b1
        .options
        .iter()
        .all(|o| !o.flags.contains(&OptionFlag::NotDiscriminating)));
}

#[test]
fn red_flag_recognition_and_timing_by_hand() {
    let rows = red_flag_timing::red_flag_timing(&discrimination_case());
    assert_eq!(rows.len(), 1);
    let f = rows[0].figures.shown().unwrap();
    assert_eq!((f.trainees, f.cued, f.recognised, f.timed), (12, 12, 6, 6));
    assert_eq!(f.recognition_rate, 0.5);
    // turns [1, 1, 2, 2, 1, 2]; each turn is committed 30 s after the last.
    assert_eq!(f.median_turns, Some(1.5));
    assert_eq!(f.mean_turns, Some(1.5));
    assert_eq!(f.median_seconds, Some(45.0));
    assert_eq!(f.mean_seconds, Some(45.0));
}

#[test]
fn competency_profile_by_hand() {
    let rows = cohort::competency_profile(&discrimination_case());
    let f = rows[0].figures.shown().unwrap();
    assert_eq!(f.trainees, 12);
    assert_eq!(f.levels, [3, 3, 5, 1]);
    assert_eq!(f.competent_or_better, 0.5);
    assert!((f.mean_score.unwrap() - 8.1 / 12.0).abs() < 1e-12);
    assert_eq!(f.mean_level, Some(Level::Developing));
    assert!(rows[1..].iter().all(|r| r.figures.is_suppressed()));
}

#[test]
fn each_trainee_counts_once_at_the_latest_level() {
    let mut walks = discrimination_case();
    // Trainee 7 (not yet) plays again later and reaches exemplary.
    let mut again = walk(7, "h1", 30, true, &[]);
    again.competencies[0].level = Level::Exemplary;
    again.competencies[0].score = Some(2.0);
    walks.push(again);
    let f = cohort::competency_profile(&walks)[0]
        .figures
        .shown()
        .unwrap()
        .clone();
    assert_eq!(f.trainees, 12);
    assert_eq!(f.levels, [2, 3, 5, 2]);
}

fn status(standing: Standing, window: &str, expires: &str) -> Status {
    Status {
        at: "2026-03-01".parse().unwrap(),
        standing,
        expires_on: Some(expires.parse().unwrap()),
        window_opens: Some(window.parse().unwrap()),
        grace_ends: None,
        missing: Vec::new(),
        next_action: String::new(),
        policy_version: "p".into(),
        grants: Vec::new(),
        reassessment: Vec::new(),
        awaiting_approval: Vec::new(),
    }
}

#[test]
fn the_forecast_uses_the_status_countdown() {
    let t = |n| CohortTrainee {
        id: who(n),
        organisation: None,
    };
    let statuses = vec![
        (
            t(1),
            status(Standing::Certified, "2026-03-31", "2026-05-30"),
        ), // 30 days
        (
            t(2),
            status(Standing::Certified, "2026-04-01", "2026-05-31"),
        ), // 31: within 60
        (
            t(3),
            status(Standing::Certified, "2026-05-30", "2026-07-29"),
        ), // 90
        (
            t(4),
            status(Standing::Certified, "2026-05-31", "2026-07-30"),
        ), // 91: not listed
        (
            t(5),
            status(Standing::RefresherDue, "2026-02-01", "2026-04-01"),
        ), // now
        (t(6), status(Standing::Lapsed, "2025-01-01", "2025-03-01")),
    ];
    let due = forecast::forecast(&statuses);
    let got: Vec<(Uuid, i64, i64)> = due.iter().map(|d| (d.trainee, d.days, d.horizon)).collect();
    assert_eq!(
        got,
        [
            (who(5), 0, 30),
            (who(1), 30, 30),
            (who(2), 31, 60),
            (who(3), 90, 90)
        ]
    );
    assert_eq!(forecast::within(&due), [(30, 2), (60, 3), (90, 4)]);
}

#[test]
fn report_kinds_parse_by_id() {
    for k in Kind::ALL {
        assert_eq!(k.id().parse::<Kind>().unwrap(), k);
    }
    assert!("pass_rate".parse::<Kind>().is_err());
}

#[test]
fn every_kind_builds_a_table_and_chart_of_the_same_rows() {
    let walks = discrimination_case();
    for k in Kind::ALL.into_iter().filter(|k| *k != Kind::Forecast) {
        let r = build(k, &walks, &[declared()]);
        assert!(!r.table.rows.is_empty(), "{k:?}");
        assert!(
            r.table
                .rows
                .iter()
                .all(|row| row.len() == r.table.columns.len()),
            "{k:?}"
        );
        assert_eq!(r.chart.summary().len(), r.chart.bars.len());
    }
}

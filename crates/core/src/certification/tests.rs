//! Every status transition with an injected date, leap years, refreshing on
//! the last day of the window and in grace, and properties over arbitrary
//! histories.

use super::status::{add_months, initial_missing};
use super::*;
use crate::attempt::Mode;
use crate::competency::Competency;
use crate::red_flag::RedFlagCategory;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::BTreeSet;
use uuid::Uuid;

/// The default policy's refresher-specific scenario.
const R: &str = policy::REFRESHER_CONTENT;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rec(
    n: u128,
    scenario: &str,
    day: NaiveDate,
    mode: Mode,
    flags: &[RedFlagCategory],
) -> AttemptRecord {
    AttemptRecord {
        attempt: Uuid::from_u128(n),
        scenario_id: scenario.into(),
        scenario_version: "1.0.0".into(),
        content_hash: format!("hash-of-{scenario}"),
        approval: Approval::Approved,
        mode,
        started_on: day,
        completed_on: Some(day),
        passed: true,
        competent: Competency::ALL.into_iter().collect(),
        recognised: flags.iter().copied().collect(),
    }
}

/// Four passed assessments on `day` that meet the default initial rules.
fn certifying(day: NaiveDate, base: u128) -> Vec<AttemptRecord> {
    vec![
        rec(
            base + 1,
            "a",
            day,
            Mode::Assessment,
            &[RedFlagCategory::SuicideRisk],
        ),
        rec(
            base + 2,
            "b",
            day,
            Mode::Assessment,
            &[RedFlagCategory::SevereDecompensation],
        ),
        rec(base + 3, "c", day, Mode::Assessment, &[]),
        rec(base + 4, "e", day, Mode::Assessment, &[]),
    ]
}

fn at(history: &[AttemptRecord], day: &str) -> Status {
    evaluate(&Policy::default(), history, d(day))
}

#[test]
fn not_started_then_in_progress_with_missing_items() {
    let s = at(&[], "2025-01-01");
    assert_eq!(s.standing, Standing::NotStarted);
    assert_eq!(s.headline(), "not started");
    assert!(s.next_action.contains("assessment mode"));

    let mut h = certifying(d("2025-01-10"), 0);
    h.truncate(3);
    h[2].competent.remove(&Competency::FollowUp);
    let s = at(&h, "2025-01-20");
    assert_eq!(s.headline(), "in progress");
    // Follow-up is still competent in two passes, so only the scenarios are missing.
    assert_eq!(
        s.missing,
        vec![Missing::DistinctScenarios { needed: 4, have: 3 }]
    );
    assert!(
        s.next_action.contains("different scenarios"),
        "{}",
        s.next_action
    );
    // Before the attempts, nothing had started.
    assert_eq!(at(&h, "2025-01-09").standing, Standing::NotStarted);
}

#[test]
fn each_rule_is_an_item_of_its_own() {
    let mut h = certifying(d("2025-01-10"), 0);
    for r in &mut h {
        r.recognised.clear();
    }
    h[0].competent.remove(&Competency::AllowSilence);
    h[1].competent.remove(&Competency::AllowSilence);
    h[2].competent.remove(&Competency::AllowSilence);
    let s = at(&h, "2025-02-01");
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(
        s.missing,
        vec![
            Missing::Competency {
                competency: Competency::AllowSilence,
                needed: 2,
                have: 1
            },
            Missing::RedFlag {
                category: RedFlagCategory::SuicideRisk
            },
            Missing::RedFlag {
                category: RedFlagCategory::SevereDecompensation
            },
        ]
    );
    assert!(s.next_action.contains("Allow silence"), "{}", s.next_action);
}

#[test]
fn practice_and_failed_attempts_never_count() {
    let mut practice = certifying(d("2025-01-10"), 0);
    for r in &mut practice {
        r.mode = Mode::Practice;
    }
    assert_eq!(at(&practice, "2025-02-01").standing, Standing::InProgress);
    let mut failed = certifying(d("2025-01-10"), 0);
    failed[3].passed = false;
    let s = at(&failed, "2025-02-01");
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(
        s.missing,
        vec![Missing::DistinctScenarios { needed: 4, have: 3 }]
    );
    let mut unfinished = certifying(d("2025-01-10"), 0);
    unfinished[3].completed_on = None;
    assert_eq!(at(&unfinished, "2025-02-01").standing, Standing::InProgress);
}

#[test]
fn certified_refresher_due_grace_and_lapse_at_their_boundaries() {
    let h = certifying(d("2025-02-10"), 0);
    // Passes dated after `at` do not count yet.
    assert_eq!(at(&h, "2025-02-09").standing, Standing::NotStarted);
    let s = at(&h, "2025-02-10");
    assert_eq!(s.headline(), "certified until 2026-02-10");
    assert!(s.missing.is_empty());
    assert_eq!(s.window_opens, Some(d("2025-12-12")));
    assert_eq!(s.grants[0].policy_version, "rehearse-default-2");
    assert_eq!(
        at(&h, "2025-12-11").headline(),
        "certified until 2026-02-10"
    );
    let due = at(&h, "2025-12-12");
    assert_eq!(due.headline(), "refresher due");
    assert_eq!(
        due.missing,
        vec![
            Missing::RefresherPasses { needed: 2, have: 0 },
            Missing::RefresherRedFlag { needed: 1, have: 0 },
            Missing::RefresherDistinctScenarios { needed: 2, have: 0 },
            Missing::RefresherContent {
                scenarios: vec![R.into()]
            }
        ]
    );
    assert_eq!(at(&h, "2026-02-10").headline(), "refresher due");
    assert_eq!(at(&h, "2026-02-11").headline(), "expired (grace)");
    let last = at(&h, "2026-03-12");
    assert_eq!(last.headline(), "expired (grace)");
    assert!(
        last.next_action.contains("2026-03-12"),
        "{}",
        last.next_action
    );
    let lapsed = at(&h, "2026-03-13");
    assert_eq!(lapsed.headline(), "lapsed");
    assert!(lapsed.next_action.contains("full certification"));
    assert!(!lapsed.missing.is_empty());
}

#[test]
fn leap_day_certificate_runs_to_the_last_day_of_february() {
    assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
    let h = certifying(d("2024-02-29"), 0);
    assert_eq!(
        at(&h, "2024-03-01").headline(),
        "certified until 2025-02-28"
    );
    assert_eq!(at(&h, "2025-02-28").headline(), "refresher due");
    assert_eq!(at(&h, "2025-03-01").headline(), "expired (grace)");
    // Renewed from 2025-02-28: twelve months later is 2026-02-28.
    let mut r = h.clone();
    r.push(rec(10, "a", d("2025-02-01"), Mode::Assessment, &[]));
    r.push(rec(
        11,
        R,
        d("2025-02-20"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    assert_eq!(
        at(&r, "2025-03-15").headline(),
        "certified until 2026-02-28"
    );
    // A certificate granted on 2023-02-28 renews to 2025-02-28, not the 29th.
    let mut y = certifying(d("2023-02-28"), 20);
    y.push(rec(30, "a", d("2024-01-10"), Mode::Assessment, &[]));
    y.push(rec(
        31,
        R,
        d("2024-02-28"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    assert_eq!(
        at(&y, "2024-03-01").headline(),
        "certified until 2025-02-28"
    );
}

#[test]
fn refresher_in_the_window_renews_from_the_old_expiry() {
    let mut h = certifying(d("2025-02-10"), 0);
    h.push(rec(10, "a", d("2026-01-05"), Mode::Assessment, &[]));
    let s = at(&h, "2026-01-06");
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(
        s.missing,
        vec![
            Missing::RefresherPasses { needed: 2, have: 1 },
            Missing::RefresherRedFlag { needed: 1, have: 0 },
            Missing::RefresherDistinctScenarios { needed: 2, have: 1 },
            Missing::RefresherContent {
                scenarios: vec![R.into()]
            }
        ]
    );
    h.push(rec(
        11,
        R,
        d("2026-01-20"),
        Mode::Assessment,
        &[RedFlagCategory::SevereDecompensation],
    ));
    let s = at(&h, "2026-01-21");
    assert_eq!(s.headline(), "certified until 2027-02-10");
    assert_eq!(s.grants.len(), 2);
    assert_eq!(s.grants[1].kind, GrantKind::Renewal);
    assert_eq!(s.grants[1].effective_on, d("2026-01-20"));
}

#[test]
fn refreshing_on_the_last_day_of_the_window() {
    let mut h = certifying(d("2025-02-10"), 0);
    h.push(rec(
        10,
        "a",
        d("2025-12-12"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    h.push(rec(11, R, d("2026-02-10"), Mode::Assessment, &[]));
    assert_eq!(
        at(&h, "2026-02-10").headline(),
        "certified until 2027-02-10"
    );
    // One day before the window opens does not count.
    let mut early = certifying(d("2025-02-10"), 0);
    early.push(rec(
        10,
        "a",
        d("2025-12-11"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    early.push(rec(11, R, d("2026-02-10"), Mode::Assessment, &[]));
    let s = at(&early, "2026-02-10");
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(
        s.missing,
        vec![
            Missing::RefresherPasses { needed: 2, have: 1 },
            Missing::RefresherRedFlag { needed: 1, have: 0 },
            Missing::RefresherDistinctScenarios { needed: 2, have: 1 }
        ]
    );
}

#[test]
fn refreshing_in_grace_renews_and_after_grace_it_is_too_late() {
    let mut h = certifying(d("2025-02-10"), 0);
    h.push(rec(10, "a", d("2026-02-20"), Mode::Assessment, &[]));
    assert_eq!(at(&h, "2026-02-21").headline(), "expired (grace)");
    h.push(rec(
        11,
        R,
        d("2026-03-12"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    assert_eq!(
        at(&h, "2026-03-12").headline(),
        "certified until 2027-02-10"
    );
    assert_eq!(
        at(&h, "2026-04-01").headline(),
        "certified until 2027-02-10"
    );

    let mut late = certifying(d("2025-02-10"), 0);
    late.push(rec(10, "a", d("2026-02-20"), Mode::Assessment, &[]));
    late.push(rec(
        11,
        "b",
        d("2026-03-13"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    let s = at(&late, "2026-03-14");
    assert_eq!(s.headline(), "lapsed");
    // The pass on the day after grace starts the new pool.
    assert!(s
        .missing
        .contains(&Missing::DistinctScenarios { needed: 4, have: 1 }));
}

#[test]
fn refresher_without_a_red_flag_does_not_renew() {
    let mut h = certifying(d("2025-02-10"), 0);
    h.push(rec(10, "a", d("2026-01-05"), Mode::Assessment, &[]));
    h.push(rec(11, "b", d("2026-01-06"), Mode::Assessment, &[]));
    h.push(rec(12, R, d("2026-01-07"), Mode::Assessment, &[]));
    let s = at(&h, "2026-01-08");
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(
        s.missing,
        vec![Missing::RefresherRedFlag { needed: 1, have: 0 }]
    );
}

#[test]
fn after_a_lapse_only_new_passes_certify_again() {
    let mut h = certifying(d("2025-02-10"), 0);
    assert_eq!(at(&h, "2026-06-01").headline(), "lapsed");
    h.extend(certifying(d("2026-06-02"), 100));
    let s = at(&h, "2026-06-02");
    assert_eq!(s.headline(), "certified until 2027-06-02");
    assert_eq!(s.grants.len(), 2);
    assert_eq!(s.grants[1].kind, GrantKind::Initial);
}

#[test]
fn a_six_month_policy_is_applied_and_recorded() {
    let mut p = Policy::default();
    p.validity.months = 6;
    p.version = "semiannual".into();
    let h = certifying(d("2025-02-10"), 0);
    let s = evaluate(&p, &h, d("2025-03-01"));
    assert_eq!(s.headline(), "certified until 2025-08-10");
    assert_eq!(s.grants[0].policy_version, "semiannual");
    assert_eq!(
        evaluate(&p, &h, d("2025-06-11")).headline(),
        "refresher due"
    );
}

fn arb_record() -> impl Strategy<Value = (u8, u16, bool, bool, bool, u16, u8)> {
    (
        0u8..6,
        0u16..900,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<u16>(),
        0u8..4,
    )
}

fn build(raw: &[(u8, u16, bool, bool, bool, u16, u8)]) -> Vec<AttemptRecord> {
    let base = d("2024-01-01");
    raw.iter()
        .enumerate()
        .map(
            |(i, &(s, day, assessment, passed, completed, mask, flags))| {
                let day = base + chrono::Days::new(u64::from(day));
                let mut recognised = BTreeSet::new();
                if flags & 1 == 1 {
                    recognised.insert(RedFlagCategory::SuicideRisk);
                }
                if flags & 2 == 2 {
                    recognised.insert(RedFlagCategory::SevereDecompensation);
                }
                AttemptRecord {
                    attempt: Uuid::from_u128(i as u128 + 1),
                    scenario_id: format!("s{s}"),
                    scenario_version: "1.0.0".into(),
                    content_hash: format!("h{s}"),
                    // s4 was withdrawn and s5 never approved: neither counts.
                    approval: match s {
                        4 => Approval::Withdrawn {
                            on: base,
                            by: "trainer T".into(),
                            reason: "r".into(),
                        },
                        5 => Approval::Unapproved,
                        _ => Approval::Approved,
                    },
                    mode: if assessment {
                        Mode::Assessment
                    } else {
                        Mode::Practice
                    },
                    started_on: day,
                    completed_on: completed.then_some(day),
                    passed: passed && completed,
                    // Mostly-full masks, so certification actually happens.
                    competent: Competency::ALL
                        .into_iter()
                        .enumerate()
                        .filter(|(k, _)| mask & (1 << k) != 0 || mask & 0x8000 != 0)
                        .map(|(_, c)| c)
                        .collect(),
                    recognised,
                }
            },
        )
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn status_and_missing_items_agree(raw in prop::collection::vec(arb_record(), 0..24), day in 0u16..1000) {
        let policy = Policy::default();
        let history = build(&raw);
        let at = d("2024-01-01") + chrono::Days::new(u64::from(day));
        let s = evaluate(&policy, &history, at);
        // Missing items are empty exactly when certified with nothing due.
        prop_assert_eq!(s.missing.is_empty(), s.standing == Standing::Certified);
        let counted: Vec<&AttemptRecord> = history
            .iter()
            .filter(|r| r.mode == Mode::Assessment && r.passed && r.approval.counts() && r.completed_on.is_some_and(|c| c <= at))
            .collect();
        // Attempts at versions that do not count change nothing but the
        // lists of uncounted passes.
        let approved_only: Vec<AttemptRecord> = history.iter().filter(|r| r.approval.counts()).cloned().collect();
        let only = evaluate(&policy, &approved_only, at);
        prop_assert_eq!(&only.grants, &s.grants);
        prop_assert_eq!(&only.missing, &s.missing);
        prop_assert!(only.reassessment.is_empty() && only.awaiting_approval.is_empty());
        let unapproved_passes = history.iter().filter(|r| r.approval == Approval::Unapproved && r.mode == Mode::Assessment && r.passed && r.completed_on.is_some_and(|c| c <= at)).count();
        prop_assert_eq!(s.awaiting_approval.iter().map(|g| g.attempts.len()).sum::<usize>(), unapproved_passes);
        if s.grants.is_empty() {
            // Never certified: the items are exactly what the rules lack over every pass so far.
            prop_assert!(matches!(s.standing, Standing::NotStarted | Standing::InProgress));
            prop_assert_eq!(&s.missing, &initial_missing(&policy, &counted));
            prop_assert!(!initial_missing(&policy, &counted).is_empty());
            let started = history.iter().any(|r| r.started_on <= at);
            prop_assert_eq!(s.standing == Standing::NotStarted, !started);
        } else {
            prop_assert!(!matches!(s.standing, Standing::NotStarted | Standing::InProgress));
            for g in &s.grants {
                let basis: Vec<&AttemptRecord> = counted.iter().copied().filter(|r| g.basis.contains(&r.attempt)).collect();
                prop_assert_eq!(basis.len(), g.basis.len());
                prop_assert!(basis.iter().all(|r| r.completed_on.unwrap() <= g.effective_on));
                if g.kind == GrantKind::Initial {
                    prop_assert!(initial_missing(&policy, &basis).is_empty());
                    prop_assert_eq!(g.expires_on, add_months(g.effective_on, 12));
                }
            }
        }
        let expected = match s.standing {
            Standing::NotStarted => "not started".to_string(),
            Standing::InProgress => "in progress".to_string(),
            Standing::Certified => format!("certified until {}", s.expires_on.unwrap()),
            Standing::RefresherDue => "refresher due".to_string(),
            Standing::ExpiredGrace => "expired (grace)".to_string(),
            Standing::Lapsed => "lapsed".to_string(),
        };
        prop_assert_eq!(s.headline(), expected);
        prop_assert!(!s.next_action.is_empty());
        // Practice attempts (started no later than the first attempt) never change the result.
        if history.iter().any(|r| r.started_on <= at) {
            let mut with_practice = history.clone();
            for r in &history {
                let mut p = r.clone();
                p.attempt = Uuid::from_u128(r.attempt.as_u128() + 10_000);
                p.mode = Mode::Practice;
                with_practice.push(p);
            }
            let t = evaluate(&policy, &with_practice, at);
            prop_assert_eq!(t.standing, s.standing);
            prop_assert_eq!(t.missing, s.missing);
            prop_assert_eq!(t.grants, s.grants);
        }
    }
}

#[test]
fn the_countdown_goes_to_the_window_then_expiry_then_the_end_of_grace() {
    let h = certifying(d("2025-02-10"), 0);
    assert_eq!(at(&[], "2025-01-01").countdown(), None);
    assert_eq!(at(&h[..2], "2025-02-10").countdown(), None, "in progress");
    let c = at(&h, "2025-02-10").countdown().unwrap();
    assert_eq!(
        (c.target, c.on, c.days),
        (CountdownTarget::RefresherWindow, d("2025-12-12"), 305)
    );
    assert_eq!(
        c.to_string(),
        "the refresher window opens in 305 days (on 2025-12-12)"
    );
    let c = at(&h, "2025-12-11").countdown().unwrap();
    assert_eq!((c.target, c.days), (CountdownTarget::RefresherWindow, 1));
    assert!(c.to_string().contains("in 1 day "), "{c}");
    let c = at(&h, "2025-12-12").countdown().unwrap();
    assert_eq!(
        (c.target, c.on, c.days),
        (CountdownTarget::Expiry, d("2026-02-10"), 60)
    );
    let c = at(&h, "2026-02-10").countdown().unwrap();
    assert_eq!((c.target, c.days), (CountdownTarget::Expiry, 0));
    assert!(c.to_string().contains("expires today"), "{c}");
    let c = at(&h, "2026-02-11").countdown().unwrap();
    assert_eq!(
        (c.target, c.on, c.days),
        (CountdownTarget::GraceEnd, d("2026-03-12"), 29)
    );
    assert_eq!(at(&h, "2026-03-13").countdown(), None, "lapsed");
}

#[test]
fn two_refresher_passes_at_the_same_scenario_do_not_renew() {
    let mut h = certifying(d("2025-02-10"), 0);
    h.push(rec(
        20,
        "a",
        d("2026-01-05"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    h.push(rec(21, "a", d("2026-01-06"), Mode::Assessment, &[]));
    let s = at(&h, "2026-01-10");
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(s.grants.len(), 1, "no renewal from one scenario twice");
    assert_eq!(
        s.missing,
        vec![
            Missing::RefresherDistinctScenarios { needed: 2, have: 1 },
            Missing::RefresherContent {
                scenarios: vec![R.into()]
            }
        ]
    );
    assert!(
        s.next_action.contains("2 different scenarios (1 so far"),
        "{}",
        s.next_action
    );
    // A pass at a second scenario (the refresher content) renews, resting on all three.
    h.push(rec(22, R, d("2026-01-08"), Mode::Assessment, &[]));
    let s = at(&h, "2026-01-10");
    assert_eq!(s.headline(), "certified until 2027-02-10");
    assert_eq!(s.grants[1].kind, GrantKind::Renewal);
    assert_eq!(
        s.grants[1].basis,
        vec![
            Uuid::from_u128(20),
            Uuid::from_u128(21),
            Uuid::from_u128(22)
        ]
    );
    // A policy may allow one scenario (distinct_scenarios = 1, and no
    // refresher content named).
    let mut lenient = Policy::default();
    lenient.refresher.distinct_scenarios = 1;
    lenient.refresher.content.clear();
    lenient.validate().unwrap();
    let same = &h[..6];
    assert_eq!(
        evaluate(&lenient, same, d("2026-01-10")).headline(),
        "certified until 2027-02-10"
    );
}

#[test]
fn unapproved_and_withdrawn_versions_never_count_and_are_listed() {
    let mut h = certifying(d("2025-02-10"), 0);
    h[3].approval = Approval::Unapproved;
    let s = at(&h, "2025-02-10");
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(
        s.missing,
        vec![Missing::DistinctScenarios { needed: 4, have: 3 }]
    );
    assert!(s.reassessment.is_empty());
    assert_eq!(s.awaiting_approval.len(), 1);
    let g = &s.awaiting_approval[0];
    assert_eq!(
        (g.scenario_id.as_str(), g.attempts.as_slice()),
        ("e", &[Uuid::from_u128(4)][..])
    );
    assert!(g.to_string().contains("not approved"), "{g}");
    // Approved, the same pass counts.
    h[3].approval = Approval::Approved;
    assert_eq!(
        at(&h, "2025-02-10").headline(),
        "certified until 2026-02-10"
    );
    // Withdrawn: it stops counting, and the scenario is to be re-assessed.
    h[0].approval = Approval::Withdrawn {
        on: d("2025-03-01"),
        by: "trainer Dr Okafor (x)".into(),
        reason: "the suicide-risk cue was mis-scored".into(),
    };
    let s = at(&h, "2025-03-02");
    assert_eq!(s.standing, Standing::InProgress);
    assert!(s.grants.is_empty());
    assert!(s.missing.contains(&Missing::RedFlag {
        category: RedFlagCategory::SuicideRisk
    }));
    assert_eq!(s.reassessment.len(), 1);
    let r = &s.reassessment[0];
    assert_eq!(r.scenario_id, "a");
    let text = r.to_string();
    assert!(
        text.contains("withdrawn on 2025-03-01")
            && text.contains("mis-scored")
            && text.contains("Pass a again"),
        "{text}"
    );
    assert!(s.next_action.contains("Re-assess a"), "{}", s.next_action);
    // Passing the scenario again at an approved version settles it.
    let mut again = rec(
        30,
        "a",
        d("2025-03-05"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    );
    again.content_hash = "hash-of-a-v2".into();
    h.push(again);
    let s = at(&h, "2025-03-05");
    assert!(s.reassessment.is_empty());
    assert_eq!(s.headline(), "certified until 2026-03-05");
    assert!(!s.next_action.contains("Re-assess"));
}

fn observed(n: u128, day: &str, level: crate::grading::Level, missed: bool) -> ObservedRecord {
    use crate::red_flag::Recognition;
    ObservedRecord {
        observation: Uuid::from_u128(n),
        observed_on: d(day),
        levels: [
            (Competency::OpenQuestions, level),
            (Competency::Presence, crate::grading::Level::Exemplary),
        ]
        .into_iter()
        .collect(),
        red_flags: [(
            RedFlagCategory::SuicideRisk,
            if missed {
                Recognition::Missed
            } else {
                Recognition::Recognised
            },
        )]
        .into_iter()
        .collect(),
    }
}

fn requiring_observation() -> Policy {
    let mut p = Policy {
        version: "with-observation".into(),
        ..Policy::default()
    };
    p.initial.observed = Some(policy::ObservedRule {
        count: 1,
        at_least: crate::grading::Level::Competent,
    });
    p.validate().unwrap();
    p
}

#[test]
fn a_policy_requiring_an_observation_waits_for_one_at_its_level() {
    use crate::grading::Level;
    let p = requiring_observation();
    let h = certifying(d("2025-02-10"), 0);
    // The default policy needs none: the same history certifies.
    assert_eq!(
        at(&h, "2025-02-10").headline(),
        "certified until 2026-02-10"
    );
    let s = evaluate_observed(&p, &h, &[], d("2025-02-20"));
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(
        s.missing,
        vec![Missing::Observed {
            needed: 1,
            have: 0,
            at_least: Level::Competent
        }]
    );
    assert!(
        s.next_action.contains("observed role-play"),
        "{}",
        s.next_action
    );
    // A developing score or a missed red flag does not meet "competent".
    let weak = [
        observed(50, "2025-02-12", Level::Developing, false),
        observed(51, "2025-02-13", Level::Exemplary, true),
    ];
    let s = evaluate_observed(&p, &h, &weak, d("2025-02-20"));
    assert_eq!(s.standing, Standing::InProgress);
    // One that meets it certifies on its own day, and the basis names it.
    let mut all = weak.to_vec();
    all.push(observed(52, "2025-03-01", Level::Competent, false));
    assert_eq!(
        evaluate_observed(&p, &h, &all, d("2025-02-28")).standing,
        Standing::InProgress,
        "not before the day of the role-play"
    );
    let s = evaluate_observed(&p, &h, &all, d("2025-03-01"));
    assert_eq!(s.headline(), "certified until 2026-03-01");
    assert_eq!(s.grants[0].observed, vec![Uuid::from_u128(52)]);
    assert_eq!(s.grants[0].basis.len(), 4);
    assert_eq!(s.grants[0].policy_version, "with-observation");
    // An observation before the passes waits for them; a lower bar accepts
    // the developing one.
    let mut lenient = requiring_observation();
    lenient.initial.observed.as_mut().unwrap().at_least = Level::Developing;
    let early = [observed(53, "2025-02-01", Level::Developing, false)];
    let s = evaluate_observed(&lenient, &h, &early, d("2025-02-10"));
    assert_eq!(s.headline(), "certified until 2026-02-10");
    assert_eq!(s.grants[0].observed, vec![Uuid::from_u128(53)]);
    // Only an observation is not "not started".
    assert_eq!(
        evaluate_observed(&p, &[], &all[2..], d("2025-03-02")).standing,
        Standing::InProgress
    );
}

#[test]
fn observations_from_before_a_lapse_do_not_count_again() {
    use crate::grading::Level;
    let p = requiring_observation();
    let mut h = certifying(d("2025-02-10"), 0);
    let obs = [observed(60, "2025-02-01", Level::Competent, false)];
    assert_eq!(
        evaluate_observed(&p, &h, &obs, d("2025-02-10")).headline(),
        "certified until 2026-02-10"
    );
    h.extend(certifying(d("2026-06-02"), 100));
    let s = evaluate_observed(&p, &h, &obs, d("2026-06-02"));
    assert_eq!(s.headline(), "lapsed");
    assert_eq!(
        s.missing,
        vec![Missing::Observed {
            needed: 1,
            have: 0,
            at_least: Level::Competent
        }]
    );
    let again = [
        obs[0].clone(),
        observed(61, "2026-06-05", Level::Exemplary, false),
    ];
    let s = evaluate_observed(&p, &h, &again, d("2026-06-05"));
    assert_eq!(s.headline(), "certified until 2027-06-05");
    assert_eq!(s.grants[1].observed, vec![Uuid::from_u128(61)]);
}

#[test]
fn refresher_content_is_needed_to_renew_and_never_counts_towards_initial() {
    // A pass of the refresher scenario is not one of the four initial ones.
    let mut h = certifying(d("2025-02-10"), 0);
    h[3].scenario_id = R.into();
    let s = at(&h, "2025-02-20");
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(
        s.missing,
        vec![Missing::DistinctScenarios { needed: 4, have: 3 }]
    );
    // Renewing: two scenarios and a red flag without the content is not enough.
    let mut h = certifying(d("2025-02-10"), 0);
    h.push(rec(
        10,
        "a",
        d("2026-01-05"),
        Mode::Assessment,
        &[RedFlagCategory::SuicideRisk],
    ));
    h.push(rec(11, "b", d("2026-01-06"), Mode::Assessment, &[]));
    let s = at(&h, "2026-01-07");
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(
        s.missing,
        vec![Missing::RefresherContent {
            scenarios: vec![R.into()]
        }]
    );
    assert!(
        s.next_action
            .contains("a pass of refresher content: refresher-familiar-face"),
        "{}",
        s.next_action
    );
    h.push(rec(12, R, d("2026-01-08"), Mode::Assessment, &[]));
    let s = at(&h, "2026-01-08");
    assert_eq!(s.headline(), "certified until 2027-02-10");
    assert_eq!(
        s.grants[1].basis,
        vec![
            Uuid::from_u128(10),
            Uuid::from_u128(11),
            Uuid::from_u128(12)
        ]
    );
    // A policy that names no content renews without it.
    let mut none = Policy::default();
    none.refresher.content.clear();
    assert_eq!(
        evaluate(&none, &h[..6], d("2026-01-07")).headline(),
        "certified until 2027-02-10"
    );
}

//! Cohort results: the pass rate per scenario version, the cohort's
//! competency profile against the grading levels, and the change in
//! results from one version of a scenario to the next.

use super::suppression::{guard, Guarded};
use super::trainees;
use crate::competency::Competency;
use crate::grading::Level;
use crate::records::analytics::CohortAttempt;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A scenario version: id, version string and content hash.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct VersionKey {
    /// Scenario id.
    pub scenario_id: String,
    /// Version string.
    pub version: String,
    /// Content hash.
    pub content_hash: String,
}

impl VersionKey {
    /// The version of an attempt.
    pub fn of(a: &CohortAttempt) -> VersionKey {
        VersionKey {
            scenario_id: a.scenario_id.clone(),
            version: a.scenario_version.clone(),
            content_hash: a.content_hash.clone(),
        }
    }

    /// `id version (hash prefix)`, for labels.
    pub fn label(&self) -> String {
        format!(
            "{} {} ({})",
            self.scenario_id,
            self.version,
            &self.content_hash[..self.content_hash.len().min(8)]
        )
    }
}

/// Attempts grouped by scenario version: by scenario id, then by the day
/// each version was first completed.
pub fn by_version(attempts: &[CohortAttempt]) -> Vec<(VersionKey, Vec<&CohortAttempt>)> {
    let mut groups: BTreeMap<VersionKey, Vec<&CohortAttempt>> = BTreeMap::new();
    for a in attempts {
        groups.entry(VersionKey::of(a)).or_default().push(a);
    }
    let mut out: Vec<(VersionKey, Vec<&CohortAttempt>)> = groups.into_iter().collect();
    let first = |g: &[&CohortAttempt]| g.iter().map(|a| a.ended_at).min();
    out.sort_by(|(ka, ga), (kb, gb)| {
        ka.scenario_id
            .cmp(&kb.scenario_id)
            .then(first(ga).cmp(&first(gb)))
            .then(ka.cmp(kb))
    });
    out
}

/// Pass figures over a group of attempts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassFigures {
    /// Distinct trainees.
    pub trainees: usize,
    /// Completed assessments.
    pub attempts: usize,
    /// Of which passed (moderation applied).
    pub passed: usize,
    /// `passed / attempts`.
    pub pass_rate: f64,
    /// Trainees with at least one pass.
    pub trainees_passed: usize,
}

fn pass_figures(group: &[&CohortAttempt]) -> PassFigures {
    let passed = group.iter().filter(|a| a.passed).count();
    PassFigures {
        trainees: trainees(group.iter().copied()).len(),
        attempts: group.len(),
        passed,
        pass_rate: passed as f64 / group.len().max(1) as f64,
        trainees_passed: trainees(group.iter().copied().filter(|a| a.passed)).len(),
    }
}

/// The pass rate of one scenario version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassRate {
    /// The version.
    pub version: VersionKey,
    /// The day it was first completed in the cohort.
    pub first_completed: NaiveDate,
    /// Its figures, unless fewer than five trainees played it.
    pub figures: Guarded<PassFigures>,
}

/// The pass rate per scenario version.
pub fn pass_rates(attempts: &[CohortAttempt]) -> Vec<PassRate> {
    by_version(attempts)
        .into_iter()
        .map(|(version, group)| PassRate {
            first_completed: group
                .iter()
                .map(|a| a.ended_at.date_naive())
                .min()
                .unwrap_or_default(),
            figures: guard(&trainees(group.iter().copied()), || pass_figures(&group)),
            version,
        })
        .collect()
}

/// A competency across the cohort: each trainee counted once, at the level
/// of their latest assessment (in the range) that assessed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileFigures {
    /// Trainees assessed on it.
    pub trainees: usize,
    /// How many of them are at each level: not yet, developing, competent, exemplary.
    pub levels: [usize; 4],
    /// Share at competent or better (the level the pass rule and
    /// certification require).
    pub competent_or_better: f64,
    /// Mean of those latest scores (-2 to +2), when the engine scored them.
    pub mean_score: Option<f64>,
    /// The level the mean score falls in, by the grading thresholds.
    pub mean_level: Option<Level>,
}

/// One row of the competency profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileRow {
    /// The competency.
    pub competency: Competency,
    /// Its figures, unless fewer than five trainees were assessed on it.
    pub figures: Guarded<ProfileFigures>,
}

/// The graded levels, lowest first (not assessed is left out).
pub const GRADED: [Level; 4] = [
    Level::NotYet,
    Level::Developing,
    Level::Competent,
    Level::Exemplary,
];

/// The cohort's competency profile, in framework order.
pub fn competency_profile(attempts: &[CohortAttempt]) -> Vec<ProfileRow> {
    Competency::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // attempts are oldest first: the last one seen per trainee wins.
            let mut latest: BTreeMap<uuid::Uuid, (Level, Option<f64>)> = BTreeMap::new();
            for a in attempts {
                let f = &a.competencies[i];
                if f.level != Level::NotAssessed {
                    latest.insert(a.trainee, (f.level, f.score));
                }
            }
            let group = latest.keys().copied().collect();
            ProfileRow {
                competency: *c,
                figures: guard(&group, || {
                    let mut levels = [0usize; 4];
                    for (l, _) in latest.values() {
                        if let Some(k) = GRADED.iter().position(|g| g == l) {
                            levels[k] += 1;
                        }
                    }
                    let scores: Vec<f64> = latest.values().filter_map(|(_, s)| *s).collect();
                    let mean_score = (!scores.is_empty())
                        .then(|| scores.iter().sum::<f64>() / scores.len() as f64);
                    ProfileFigures {
                        trainees: latest.len(),
                        competent_or_better: (levels[2] + levels[3]) as f64 / latest.len() as f64,
                        levels,
                        mean_level: mean_score.map(Level::from_score),
                        mean_score,
                    }
                }),
            }
        })
        .collect()
}

/// One version's results, for comparing versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionFigures {
    /// Pass figures.
    pub pass: PassFigures,
    /// Share of red-flag cues recognised (none when the version has none).
    pub recognition_rate: Option<f64>,
    /// Share of targeted competency grades at competent or better.
    pub targeted_competent: Option<f64>,
}

/// The change from the previous version of the same scenario, in
/// percentage points (both versions shown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The version compared with.
    pub from_version: String,
    /// Pass rate, points.
    pub pass_rate: f64,
    /// Recognition rate, points (when both have cues).
    pub recognition_rate: Option<f64>,
    /// Targeted competent share, points.
    pub targeted_competent: Option<f64>,
}

/// One version in the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionRow {
    /// The version.
    pub version: VersionKey,
    /// Its results, unless fewer than five trainees played it.
    pub figures: Guarded<VersionFigures>,
    /// The change from the previous shown version; none for the first.
    pub change: Option<Change>,
}

fn share(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn points(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some((now? - before?) * 100.0)
}

/// The cohort's results per version of each scenario, with the change from
/// one version to the next (versions in the order they were first played).
pub fn version_change(attempts: &[CohortAttempt]) -> Vec<VersionRow> {
    let mut out: Vec<VersionRow> = Vec::new();
    for (version, group) in by_version(attempts) {
        let figures = guard(&trainees(group.iter().copied()), || {
            let flags: Vec<bool> = group
                .iter()
                .flat_map(|a| a.red_flags.iter().map(|f| f.recognised))
                .collect();
            let targeted: Vec<bool> = group
                .iter()
                .flat_map(|a| a.competencies.iter().filter(|c| c.targeted))
                .map(|c| c.level.is_competent())
                .collect();
            VersionFigures {
                pass: pass_figures(&group),
                recognition_rate: share(flags.iter().filter(|r| **r).count(), flags.len()),
                targeted_competent: share(targeted.iter().filter(|r| **r).count(), targeted.len()),
            }
        });
        let previous = out
            .iter()
            .rev()
            .take_while(|r| r.version.scenario_id == version.scenario_id)
            .find_map(|r| r.figures.shown().map(|f| (r.version.version.clone(), f)));
        let change = match (&figures, previous) {
            (Guarded::Shown(now), Some((from_version, before))) => Some(Change {
                from_version,
                pass_rate: (now.pass.pass_rate - before.pass.pass_rate) * 100.0,
                recognition_rate: points(now.recognition_rate, before.recognition_rate),
                targeted_competent: points(now.targeted_competent, before.targeted_competent),
            }),
            _ => None,
        };
        out.push(VersionRow {
            version,
            figures,
            change,
        });
    }
    out
}

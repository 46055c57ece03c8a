//! Red-flag recognition per scenario and category: how often the cue is
//! recognised, and how soon.
//!
//! A cue counts once per walk that met it. *Turns to recognition* is
//! `recognised turn − cue turn + 1`: 1 when the trainee recognised it (asked
//! and acted) on the first turn the cue was open to. *Seconds to
//! recognition* run from the moment the cue was shown (the commit of the
//! turn before the cue turn, or the attempt's start when the cue came
//! first) to the commit of the recognising turn. A recognition a trainer
//! added by moderation counts as recognised but has no timing.

use super::suppression::{guard, Guarded};
use super::trainees;
use crate::records::analytics::{CohortAttempt, FlagFact};
use serde::Serialize;
use std::collections::BTreeMap;

/// Recognition figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimingFigures {
    /// Distinct trainees who met the cue.
    pub trainees: usize,
    /// Walks that met it.
    pub cued: usize,
    /// Of which recognised (moderation applied).
    pub recognised: usize,
    /// `recognised / cued`.
    pub recognition_rate: f64,
    /// Recognitions with a timing (the engine's own).
    pub timed: usize,
    /// Median turns to recognition.
    pub median_turns: Option<f64>,
    /// Mean turns to recognition.
    pub mean_turns: Option<f64>,
    /// Median seconds to recognition.
    pub median_seconds: Option<f64>,
    /// Mean seconds to recognition.
    pub mean_seconds: Option<f64>,
}

/// One scenario and category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagTiming {
    /// Scenario id (all its versions together).
    pub scenario_id: String,
    /// Red-flag category id.
    pub category: String,
    /// Figures, unless fewer than five trainees met the cue.
    pub figures: Guarded<TimingFigures>,
}

/// The median of some numbers (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// `(turns, seconds)` to recognition of one cue in one walk.
pub fn time_to_recognition(walk: &CohortAttempt, flag: &FlagFact) -> Option<(u32, Option<i64>)> {
    let turn = flag.recognised_turn?;
    let turns = turn.checked_sub(flag.sign_turn)? + 1;
    let at = |n: u32| walk.turns.iter().find(|t| t.number == n).map(|t| t.at);
    let shown = if flag.sign_turn <= 1 {
        Some(walk.started_at)
    } else {
        at(flag.sign_turn - 1)
    };
    let seconds = match (shown, at(turn)) {
        (Some(s), Some(r)) => Some((r - s).num_seconds().max(0)),
        _ => None,
    };
    Some((turns, seconds))
}

/// Recognition per scenario and category.
pub fn red_flag_timing(attempts: &[CohortAttempt]) -> Vec<FlagTiming> {
    let mut groups: BTreeMap<(String, String), Vec<(&CohortAttempt, &FlagFact)>> = BTreeMap::new();
    for a in attempts {
        for f in &a.red_flags {
            groups
                .entry((a.scenario_id.clone(), f.category.clone()))
                .or_default()
                .push((a, f));
        }
    }
    groups
        .into_iter()
        .map(|((scenario_id, category), cues)| {
            let group = trainees(cues.iter().map(|(a, _)| *a));
            FlagTiming {
                scenario_id,
                category,
                figures: guard(&group, || {
                    let recognised = cues.iter().filter(|(_, f)| f.recognised).count();
                    let times: Vec<(u32, Option<i64>)> = cues
                        .iter()
                        .filter(|(_, f)| f.recognised)
                        .filter_map(|(a, f)| time_to_recognition(a, f))
                        .collect();
                    let turns: Vec<f64> = times.iter().map(|(t, _)| f64::from(*t)).collect();
                    let secs: Vec<f64> = times
                        .iter()
                        .filter_map(|(_, s)| *s)
                        .map(|s| s as f64)
                        .collect();
                    TimingFigures {
                        trainees: group.len(),
                        cued: cues.len(),
                        recognised,
                        recognition_rate: recognised as f64 / cues.len().max(1) as f64,
                        timed: times.len(),
                        median_turns: median(&turns),
                        mean_turns: mean(&turns),
                        median_seconds: median(&secs),
                        mean_seconds: mean(&secs),
                    }
                }),
            }
        })
        .collect()
}

//! The explorer: seeded random playthroughs that look for runtime errors
//! and measure what a scenario lets trainees reach.

use crate::attempt::FlagOutcome;
use crate::attempt::{Attempt, Input, Mode};
use crate::competency::Competency;
use crate::red_flag::RedFlagCategory;
use crate::response::ResponseAnalyser;
use crate::rng::SeededRng;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Turns after which a walk gives up (it is reported, not an error).
pub const MAX_WALK_TURNS: usize = 120;

/// A neutral free-text response the explorer also tries, to exercise
/// `otherwise` and no-match handling.
const NEUTRAL_RESPONSE: &str = "Okay.";

/// A walk that failed, with the seed that reproduces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkError {
    /// Replays the walk: `rehearse check --explore 1 --seed <seed>`.
    pub seed: u64,
    /// What went wrong.
    pub message: String,
}

/// What the explorer found for one scenario.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Exploration {
    /// Scenario id.
    pub scenario: String,
    /// Walks run.
    pub walks: u32,
    /// Walks that ended with a runtime error.
    pub errors: Vec<WalkError>,
    /// Walks that hit the turn cap without an ending.
    pub unfinished: u32,
    /// Beats and endings declared.
    pub nodes_total: usize,
    /// Beats and endings visited.
    pub nodes_visited: BTreeSet<String>,
    /// How often each ending was reached.
    pub endings: BTreeMap<String, u32>,
    /// Competencies that received positive evidence on some walk.
    pub competencies_shown: BTreeSet<Competency>,
    /// Red-flag categories recognised on some walk.
    pub flags_recognised: BTreeSet<RedFlagCategory>,
    /// Red-flag categories whose cue was met on some walk.
    pub flags_met: BTreeSet<RedFlagCategory>,
    /// Walks that passed (as an assessment).
    pub passes: u32,
}

impl Exploration {
    /// Share of beats and endings visited.
    pub fn coverage(&self) -> f64 {
        if self.nodes_total == 0 {
            return 0.0;
        }
        self.nodes_visited.len() as f64 / self.nodes_total as f64
    }
}

/// Runs `walks` random playthroughs; walk `i` uses seed `seed + i` both for
/// the attempt and for the explorer's own choices, so any walk replays alone.
pub fn explore(
    scenario: &Arc<Scenario>,
    walks: u32,
    seed: u64,
    analyser: Arc<dyn ResponseAnalyser>,
) -> Exploration {
    let mut out = Exploration {
        scenario: scenario.id().to_string(),
        walks,
        nodes_total: scenario.def.beats.len() + scenario.def.endings.len(),
        ..Default::default()
    };
    for i in 0..u64::from(walks) {
        let walk_seed = seed.wrapping_add(i);
        if let Err(message) = walk(scenario, walk_seed, &analyser, &mut out) {
            out.errors.push(WalkError {
                seed: walk_seed,
                message,
            });
        }
    }
    out
}

fn walk(
    scenario: &Arc<Scenario>,
    seed: u64,
    analyser: &Arc<dyn ResponseAnalyser>,
    out: &mut Exploration,
) -> Result<(), String> {
    let mut attempt = Attempt::start(
        Arc::clone(scenario),
        Mode::Assessment,
        seed,
        Arc::clone(analyser),
    )
    .map_err(|e| e.to_string())?;
    let mut pick = SeededRng::new(seed ^ 0x5EED_0FE8_9105);
    out.nodes_visited.insert(attempt.node().to_string());
    while !attempt.is_ended() {
        if attempt.turns().len() >= MAX_WALK_TURNS {
            out.unfinished += 1;
            break;
        }
        let beat = scenario.beat(attempt.node()).ok_or("walk left the graph")?;
        let mut options: Vec<Input> = (1..=beat.choices.len())
            .map(|index| Input::Choice { index })
            .collect();
        options.push(Input::Silence);
        if let Some(ft) = &beat.free_text {
            for r in &ft.routes {
                options.extend(
                    r.examples
                        .iter()
                        .map(|e| Input::FreeText { text: e.clone() }),
                );
            }
            options.push(Input::FreeText {
                text: NEUTRAL_RESPONSE.into(),
            });
        }
        let input = options[pick.below(options.len())].clone();
        let turn = attempt.respond(input).map_err(|e| e.to_string())?;
        for e in turn.evidence.iter().filter(|e| e.delta > 0) {
            out.competencies_shown.insert(e.competency);
        }
        out.nodes_visited.insert(attempt.node().to_string());
    }
    for f in attempt.flags() {
        out.flags_met.insert(f.category);
        if f.outcome == FlagOutcome::Recognised {
            out.flags_recognised.insert(f.category);
        }
    }
    if let Some(e) = attempt.ending() {
        *out.endings.entry(e.to_string()).or_default() += 1;
        if attempt.grade().passed {
            out.passes += 1;
        }
    }
    Ok(())
}

//! A turn in memory: the bundled scenarios' own tests replayed through the
//! core attempt API (no records), each `respond` timed on its own, split
//! into menu choices and free text in scenarios that declare label rules.
//! Goal of issue #13: p99 ≤ 1 ms for each kind.

use crate::context::percentile;
use crate::{Context, Error, Goal, Quantity, Row};
use rehearse_core::attempt::{Attempt, Input, Mode};
use rehearse_core::response::ResponseAnalyser;
use rehearse_core::scenario::Scenario;
use rehearse_core::testcase;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What kind of turn a timing belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnKind {
    /// A menu choice.
    Choice,
    /// Typed words, in a scenario with label rules (analyser and rules run).
    FreeTextWithRules,
    /// Anything else (silence, free text without rules): timed, not reported.
    Other,
}

/// One bundled test, ready to replay: its scenario, mode, seed and the
/// inputs as the attempt records them (choices resolved to shown places).
#[derive(Clone)]
pub struct Case {
    /// The compiled scenario.
    pub scenario: Arc<Scenario>,
    /// The test's mode.
    pub mode: Mode,
    /// The test's seed.
    pub seed: u64,
    /// The inputs, one per turn.
    pub inputs: Vec<Input>,
    /// The analyser of the scenario's language.
    pub analyser: Arc<dyn ResponseAnalyser>,
}

/// The bundled tests to replay, and the scenario folders left out because
/// they do not load (a scenario being written); rows name those.
#[derive(Clone, Default)]
pub struct Cases {
    /// The tests.
    pub cases: Vec<Case>,
    /// Folders that did not load, by name.
    pub skipped: Vec<String>,
}

impl Cases {
    /// A note naming the skipped folders, or nothing.
    pub fn note(&self) -> String {
        if self.skipped.is_empty() {
            String::new()
        } else {
            format!("; left out (do not load): {}", self.skipped.join(", "))
        }
    }
}

/// Every test of every bundled scenario under `repo/scenarios` that runs in
/// the script's own language, ready to replay. A scenario that does not
/// load is left out and named; a test of a loaded scenario that does not
/// replay is an error naming it.
pub fn cases(repo: &Path) -> Result<Cases, Error> {
    let dirs = rehearse_core::library::expand(&[repo.join("scenarios")])?;
    let mut out = Cases::default();
    for dir in dirs {
        let scenario = match rehearse_core::scenario::load_playable(&dir) {
            Ok(s) => Arc::new(s),
            Err(_) => {
                out.skipped.push(
                    dir.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                );
                continue;
            }
        };
        let analyser = rehearse_core::response::for_language(scenario.language())?;
        for case in testcase::read_tests(&dir)? {
            if case
                .language
                .as_deref()
                .is_some_and(|l| l != scenario.language())
            {
                continue;
            }
            let inputs = testcase::recorded_inputs(&scenario, &case, Arc::clone(&analyser))
                .map_err(|e| Error::Measure {
                    measure: "turn",
                    message: format!("{}: test \"{}\": {e}", dir.display(), case.name),
                })?;
            out.cases.push(Case {
                scenario: Arc::clone(&scenario),
                mode: case.mode.as_deref().unwrap_or("assessment").parse()?,
                seed: case.seed.unwrap_or(1),
                inputs,
                analyser: Arc::clone(&analyser),
            });
        }
    }
    Ok(out)
}

/// The kind of turn `input` is in `scenario`.
pub fn kind_of(scenario: &Scenario, input: &Input) -> TurnKind {
    match input {
        Input::Choice { .. } => TurnKind::Choice,
        Input::FreeText { .. } if !scenario.def.rules.is_empty() => TurnKind::FreeTextWithRules,
        _ => TurnKind::Other,
    }
}

/// Replays `case` once and returns each turn's kind and time (starting the
/// attempt is not timed).
pub fn play(case: &Case) -> Result<Vec<(TurnKind, Duration)>, Error> {
    let mut attempt = Attempt::start(
        Arc::clone(&case.scenario),
        case.mode,
        case.seed,
        Arc::clone(&case.analyser),
    )?;
    let mut out = Vec::with_capacity(case.inputs.len());
    for input in &case.inputs {
        let kind = kind_of(&case.scenario, input);
        let start = Instant::now();
        std::hint::black_box(attempt.respond(input.clone())?);
        out.push((kind, start.elapsed()));
    }
    Ok(out)
}

fn row(kind: &str, mut times: Vec<Duration>, skipped: &str) -> Row {
    times.sort();
    let p50 = percentile(&times, 50.0);
    let p99 = percentile(&times, 99.0);
    let max = times.last().copied().unwrap_or_default();
    Row {
        measure: format!("a turn in memory, {kind}"),
        data: format!("{} turns of the bundled scenarios' tests", times.len()),
        ours: Quantity::Time(p99),
        reference: None,
        goal: Goal::AtMost(Quantity::Time(Duration::from_millis(1))),
        note: format!(
            "p99 shown; p50 {}, max {}{skipped}",
            Quantity::Time(p50),
            Quantity::Time(max)
        ),
    }
}

/// The measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let all = cases(&ctx.repo)?;
    // A smoke run replays every tenth test once: enough to prove it works.
    let cases: Vec<&Case> = all.cases.iter().step_by(ctx.size(1, 10)).collect();
    // One pass to warm caches, then the timed passes.
    for case in &cases {
        play(case)?;
    }
    let mut choice = Vec::new();
    let mut free = Vec::new();
    for _ in 0..ctx.size(10, 1) {
        for case in &cases {
            for (kind, t) in play(case)? {
                match kind {
                    TurnKind::Choice => choice.push(t),
                    TurnKind::FreeTextWithRules => free.push(t),
                    TurnKind::Other => {}
                }
            }
        }
    }
    if choice.is_empty() || free.is_empty() {
        return Err(Error::Measure {
            measure: "turn",
            message: "the bundled tests played no choice or no free-text turn".into(),
        });
    }
    Ok(vec![
        row("menu choice", choice, &all.note()),
        row("free text with rules", free, &all.note()).missing_because(
            "the tail is the analyser's lazy regex automata building states the first time a \
             new shape of text is seen (determinize and epsilon-closure frames in perf), and \
             it grows under load from other processes; on a quiet machine p99 is about 0.5 ms",
        ),
    ])
}

//! Analyser throughput: the typical mix of trainee responses, on one core
//! (this process's one thread), against the floor of 100,000
//! utterances per second.

use crate::context::sample;
use crate::{Context, Error, Goal, Quantity, Row};
use rehearse_core::analysis::Analyser;

/// Twelve typical responses of one to three sentences; some answer the
/// persona's line. The same shape as the core crate's criterion bench.
pub const TYPICAL: &[(&str, Option<&str>)] = &[
    ("How have you been since it happened?", None),
    (
        "It sounds like you feel responsible for what happened to him.",
        Some("I keep thinking I should have seen it coming."),
    ),
    (
        "You should report it to your manager first thing tomorrow.",
        None,
    ),
    (
        "That must have been frightening. Do you want to tell me about it?",
        None,
    ),
    ("Are you having thoughts of ending your life?", None),
    ("Anyone would feel shaken after a night like that.", None),
    ("What time did you give the dose?", None),
    ("I'm here, take your time.", None),
    ("don't worry it wasn't your fault at all", None),
    ("when that happened to me I couldn't sleep for weeks", None),
    (
        "So you have not slept and you are dreading going back.",
        Some("I haven't slept since and I dread the next shift."),
    ),
    (
        "Would it help to talk to someone from occupational health? I can call them with you now.",
        None,
    ),
];

/// The measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let analyser = Analyser::english();
    let rounds = ctx.size(20_000, 200);
    let work = || {
        for (said, previous) in TYPICAL {
            std::hint::black_box(analyser.analyse(said, *previous)?);
        }
        Ok(())
    };
    // Warm up, then time rounds of the whole mix.
    sample(rounds / 10, work)?;
    let times = sample(rounds, work)?;
    let total: f64 = times.iter().map(|d| d.as_secs_f64()).sum();
    let rate = (rounds * TYPICAL.len()) as f64 / total;
    Ok(vec![Row {
        measure: "analyser, typical mix".into(),
        data: format!("{} utterances", rounds * TYPICAL.len()),
        ours: Quantity::Rate(rate),
        reference: None,
        goal: Goal::AtLeast(Quantity::Rate(100_000.0)),
        note: "one thread".into(),
    }])
}

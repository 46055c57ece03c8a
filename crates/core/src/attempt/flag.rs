//! Red flags: tracking whether the supporter recognised a warning sign.
//!
//! A beat that carries a warning sign opens a window of a few turns when the
//! conversation enters it. Each turn inside the window may complete the
//! sign's steps (asking first) and act on it; the flag is then recognised.
//! A turn that waves the risk away revokes it at any point. When the window
//! passes, or the conversation ends, an open flag counts as missed.
//! Tracking cannot fail.

use crate::behaviour::Behaviour;
use crate::scenario::beat::Beat;
use crate::scenario::warning_sign::WarningSign;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// Whether a red flag was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FlagOutcome {
    /// The window is still open.
    Open,
    /// Recognised within its window.
    Recognised,
    /// The window passed (or the attempt ended) without recognition.
    Missed,
}

/// What the records keep of an outcome: a window still open when the
/// attempt ended is a missed flag.
impl From<FlagOutcome> for crate::red_flag::Recognition {
    fn from(o: FlagOutcome) -> Self {
        match o {
            FlagOutcome::Recognised => crate::red_flag::Recognition::Recognised,
            FlagOutcome::Missed | FlagOutcome::Open => crate::red_flag::Recognition::Missed,
        }
    }
}

/// Tracking of one warning sign in an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagTrack {
    /// The beat whose line carried the warning sign.
    pub beat: String,
    /// The red-flag category.
    pub category: crate::red_flag::RedFlagCategory,
    /// How severe the red flag is: high severity needs a same-day safety step.
    pub severity: crate::red_flag::Severity,
    /// The first trainee turn that could respond to it.
    /// Stored attempts name it `cue_turn`, and stay so.
    #[serde(rename = "cue_turn")]
    pub sign_turn: u32,
    /// Window in turns.
    pub window: u32,
    /// Steps completed.
    pub steps_done: usize,
    /// Steps needed.
    pub steps_total: usize,
    /// Turns that completed a step.
    pub step_turns: Vec<u32>,
    /// The first turn that acted on the warning sign (a referral or safety step that
    /// its severity accepts), after or with the asking.
    #[serde(default)]
    pub act_turn: Option<u32>,
    /// The turn that undid the safety step or waved the risk away; the flag
    /// then counts as missed.
    #[serde(default)]
    pub revoked_turn: Option<u32>,
    /// Current outcome.
    pub outcome: FlagOutcome,
}

/// Opens tracking for `beat`'s warning sign, if it has one not already
/// tracked; `next_turn` is the first trainee turn that can answer it.
pub(super) fn open(flags: &mut Vec<FlagTrack>, beat: &Beat, next_turn: u32) {
    let Some(sign) = &beat.red_flag else {
        return;
    };
    if flags.iter().any(|f| f.beat == beat.id) {
        return;
    }
    flags.push(FlagTrack {
        beat: beat.id.clone(),
        category: sign.category,
        severity: sign.severity,
        sign_turn: next_turn,
        window: sign.window,
        steps_done: 0,
        steps_total: sign.recognise.len(),
        step_turns: Vec::new(),
        act_turn: None,
        revoked_turn: None,
        outcome: FlagOutcome::Open,
    });
}

/// The conversation is over: any window still open was not met.
pub(super) fn close(flags: &mut [FlagTrack]) {
    for f in flags.iter_mut().filter(|f| f.outcome == FlagOutcome::Open) {
        f.outcome = FlagOutcome::Missed;
    }
}

/// Advances every flag opened so far by turn `number`, which showed `shows`.
pub(super) fn advance(
    scenario: &Scenario,
    flags: &mut [FlagTrack],
    number: u32,
    shows: &[Behaviour],
) {
    for flag in flags.iter_mut() {
        let Some(sign) = scenario.beat(&flag.beat).and_then(|b| b.red_flag.as_ref()) else {
            continue;
        };
        track(flag, sign, number, shows);
    }
}

/// Advances one red flag's tracking by a turn that showed `shows`.
///
/// Recognition needs the sign's steps in order (asking first) and an act that
/// its severity accepts, within the window. A turn that waves the risk away
/// or undoes the safety step, at any point after the sign, revokes it: the
/// flag then counts as missed and the turn is kept.
fn track(flag: &mut FlagTrack, sign: &WarningSign, number: u32, shows: &[Behaviour]) {
    if flag.outcome != FlagOutcome::Missed && shows.contains(&Behaviour::DismissesRisk) {
        flag.revoked_turn = Some(number);
        flag.outcome = FlagOutcome::Missed;
        return;
    }
    if flag.outcome != FlagOutcome::Open {
        return;
    }
    let before = flag.steps_done;
    let done = sign.advance(before, shows);
    if done > before {
        flag.step_turns.push(number);
        flag.steps_done = done;
    }
    // An act counts once asking has begun: for suicide risk in a later turn,
    // after the person has answered; for other flags naming the concern and
    // acting may come together.
    let asked = if flag.category.act_follows_answer() {
        before > 0 && flag.step_turns.first().is_some_and(|t| *t < number)
    } else {
        done > 0
    };
    if asked && flag.act_turn.is_none() && shows.iter().any(|b| flag.severity.acts().contains(b)) {
        flag.act_turn = Some(number);
    }
    if flag.steps_done >= flag.steps_total && flag.act_turn.is_some() {
        flag.outcome = FlagOutcome::Recognised;
    } else if number + 1 >= flag.sign_turn + flag.window {
        flag.outcome = FlagOutcome::Missed;
    }
}

/// Whether the hint for turn `number` should tell the supporter to listen
/// again: a flag is still open, or its window closed unmet with this turn.
pub(super) fn unrecognised(flags: &[FlagTrack], number: u32) -> bool {
    flags.iter().any(|f| {
        f.outcome == FlagOutcome::Open
            || (f.outcome == FlagOutcome::Missed && f.sign_turn + f.window == number + 1)
    })
}

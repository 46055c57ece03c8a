//! An attempt: one trainee playing one scenario, turn by turn.
//!
//! An attempt is fully determined by its scenario, mode, seed and inputs, so
//! it can be resumed after a crash by replaying the stored inputs.
//!
//! A turn is played in steps, each in a module of its own: the response is
//! [routed](route) to one of the beat's options, its [evidence] and the
//! behaviours it showed are gathered, its [effects] move the persona state,
//! the [red flags](flag) open so far are advanced, a [hint] is composed, and
//! the conversation moves to the [next] beat, whose [menu] is shuffled. The
//! steps work on a scratch copy of the attempt's state; the attempt itself
//! takes the new state only once every step that can fail (a script error
//! in a route, a computed `next` or the next beat's line) has succeeded,
//! and, for a recorded attempt, once the turn is on disk.

mod effects;
mod evidence;
mod flag;
mod hint;
mod menu;
mod next;
mod route;
mod view;

#[cfg(test)]
pub(crate) mod tests;

pub use evidence::{is_stacked, EvidenceItem, EvidenceSource, STACKED_GROUPS, STACKED_LABELS};
pub use flag::{FlagOutcome, FlagTrack};
pub use route::Route;
pub use view::{Meter, View};

use crate::analysis::Analysis;
use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::locale::{messages, Language};
use crate::response::ResponseAnalyser;
use crate::rng::SeededRng;
use crate::scenario::Scenario;
use rhai::{Dynamic, Map};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Practice (hints, undo, never counts) or assessment (counts for certification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Mode {
    /// Hints after each turn and undo; never counts for certification.
    Practice,
    /// No hints, no undo.
    Assessment,
}

impl std::str::FromStr for Mode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "practice" => Ok(Mode::Practice),
            "assessment" => Ok(Mode::Assessment),
            _ => Err(Error::Input(format!(
                "mode must be practice or assessment, not \"{s}\""
            ))),
        }
    }
}

/// What the trainee did on a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// Picked a menu choice by its place on screen (numbered from 1). The
    /// shown order is shuffled by the attempt's seed, so the seed plus the
    /// inputs still replay the attempt exactly.
    Choice {
        /// 1-based position in the shown menu.
        index: usize,
    },
    /// Typed a response.
    FreeText {
        /// The words.
        text: String,
    },
    /// Stayed silent.
    Silence,
}

/// One completed trainee turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// From 1.
    pub number: u32,
    /// The beat responded to.
    pub beat: String,
    /// The persona line the trainee answered (Markdown).
    pub persona_line: String,
    /// What the trainee did.
    pub input: Input,
    /// The words the trainee said (choice text or free text); none for silence.
    pub said: Option<String>,
    /// Analyser labels, for free text.
    pub analysis: Option<Analysis>,
    /// Which option the engine took.
    pub route: Route,
    /// Behaviours the response showed.
    pub shows: Vec<Behaviour>,
    /// Evidence from this turn.
    pub evidence: Vec<EvidenceItem>,
    /// Competencies this beat gave a chance to show.
    pub opportunities: Vec<Competency>,
    /// The scripted reaction, if any.
    pub reply: Option<String>,
    /// Where the conversation went.
    pub next: String,
    /// Practice-mode hint (always computed; shown only in practice).
    pub hint: String,
}

impl Turn {
    /// Net strength of the response: evidence deltas summed.
    pub fn net(&self) -> i32 {
        self.evidence.iter().map(|e| i32::from(e.delta)).sum()
    }
}

/// Everything about the conversation that a turn changes. A turn is built
/// on a clone of it and the attempt takes the clone once the turn has
/// succeeded; undo keeps the earlier ones.
#[derive(Debug, Clone)]
struct RunState {
    /// The beat or ending the conversation is at.
    node: String,
    /// Persona-state values by variable name.
    values: BTreeMap<String, i64>,
    /// The seeded stream that picks line variants.
    rng: SeededRng,
    /// Completed turns, in order.
    turns: Vec<Turn>,
    /// Red flags opened so far, in the order their beats were reached.
    flags: Vec<FlagTrack>,
    /// How many times each node was entered.
    visits: BTreeMap<String, u32>,
    /// The menu as shown: declared choice indices (0-based) in shown order;
    /// empty when the menu is hidden.
    order: Vec<usize>,
    /// The current node's line, rendered (Markdown).
    line: String,
    /// The current node's non-verbal cue, rendered.
    cue: Option<String>,
    /// The scripted reaction to the last response, shown above the line.
    reply: Option<String>,
}

impl RunState {
    /// The state map scripts see as `s`: persona state plus `turn` (the
    /// turns completed so far) and `visits` (per node id).
    fn state_map(&self) -> Map {
        let mut m: Map = self
            .values
            .iter()
            .map(|(k, v)| (k.as_str().into(), Dynamic::from_int(*v)))
            .collect();
        m.insert("turn".into(), Dynamic::from_int(self.turns.len() as i64));
        let visits: Map = self
            .visits
            .iter()
            .map(|(k, v)| (k.as_str().into(), Dynamic::from_int(i64::from(*v))))
            .collect();
        m.insert("visits".into(), Dynamic::from_map(visits));
        m
    }
}

/// One trainee's attempt at one scenario.
pub struct Attempt {
    scenario: Arc<Scenario>,
    mode: Mode,
    seed: u64,
    analyser: Arc<dyn ResponseAnalyser>,
    st: RunState,
    undo: Vec<RunState>,
    inputs: Vec<Input>,
}

impl std::fmt::Debug for Attempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attempt")
            .field("scenario", &self.scenario.id())
            .field("mode", &self.mode)
            .field("seed", &self.seed)
            .field("node", &self.st.node)
            .finish()
    }
}

impl Attempt {
    /// Starts an attempt at the scenario's first beat.
    pub fn start(
        scenario: Arc<Scenario>,
        mode: Mode,
        seed: u64,
        analyser: Arc<dyn ResponseAnalyser>,
    ) -> Result<Self> {
        let start = scenario.def.start.clone();
        Self::start_at(scenario, mode, seed, analyser, &start)
    }

    /// Starts an attempt at a given beat (the workbench's "play from here").
    pub fn start_at(
        scenario: Arc<Scenario>,
        mode: Mode,
        seed: u64,
        analyser: Arc<dyn ResponseAnalyser>,
        beat: &str,
    ) -> Result<Self> {
        let values = scenario
            .def
            .state
            .iter()
            .map(|v| (v.name.clone(), v.start))
            .collect();
        let mut attempt = Attempt {
            scenario,
            mode,
            seed,
            analyser,
            st: RunState {
                node: String::new(),
                values,
                rng: SeededRng::new(seed),
                turns: Vec::new(),
                flags: Vec::new(),
                visits: BTreeMap::new(),
                order: Vec::new(),
                line: String::new(),
                cue: None,
                reply: None,
            },
            undo: Vec::new(),
            inputs: Vec::new(),
        };
        if attempt.scenario.node(beat).is_none() {
            return Err(Error::Input(format!(
                "scenario \"{}\" has no beat \"{beat}\"",
                attempt.scenario.id()
            )));
        }
        let mut st = attempt.st.clone();
        crate::scenario::sandbox::per_turn(|| attempt.enter(&mut st, beat))?;
        attempt.st = st;
        Ok(attempt)
    }

    /// Rebuilds an attempt by replaying stored inputs (resume after a crash).
    pub fn replay(
        scenario: Arc<Scenario>,
        mode: Mode,
        seed: u64,
        analyser: Arc<dyn ResponseAnalyser>,
        inputs: &[Input],
    ) -> Result<Self> {
        let mut attempt = Self::start(scenario, mode, seed, analyser)?;
        for input in inputs {
            attempt.respond(input.clone())?;
        }
        Ok(attempt)
    }

    /// The scenario.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The language the attempt is shown in: its scenario's translation, or
    /// the script's own language (see [`Scenario::localised`]).
    pub fn language(&self) -> &str {
        self.scenario.language()
    }

    /// The core messages in the attempt's language (English for a language
    /// the core is not translated into): the player's own hints and notices.
    fn messages(&self) -> &'static crate::locale::Messages {
        crate::locale::messages(
            self.language()
                .parse()
                .unwrap_or(crate::locale::Language::En),
        )
    }

    /// The response analyser the attempt uses.
    pub fn analyser(&self) -> Arc<dyn ResponseAnalyser> {
        Arc::clone(&self.analyser)
    }

    /// Completed turns.
    pub fn turns(&self) -> &[Turn] {
        &self.st.turns
    }

    /// Red-flag tracking so far.
    pub fn flags(&self) -> &[FlagTrack] {
        &self.st.flags
    }

    /// The inputs given so far (after undos), for storage and replay.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// The current node id.
    pub fn node(&self) -> &str {
        &self.st.node
    }

    /// The ending reached, if the attempt has ended.
    pub fn ending(&self) -> Option<&str> {
        self.scenario.ending(&self.st.node).map(|e| e.id.as_str())
    }

    /// Whether the attempt has ended.
    pub fn is_ended(&self) -> bool {
        self.ending().is_some()
    }

    /// Current persona-state values.
    pub fn values(&self) -> &BTreeMap<String, i64> {
        &self.st.values
    }

    /// The menu as shown now: each entry is the 0-based index of a choice in
    /// the current beat's declared list, in the order shown on screen. Empty
    /// when the menu is hidden (own-words beats in assessment) or at an ending.
    pub fn shown_choices(&self) -> &[usize] {
        &self.st.order
    }

    /// Takes back the last turn (practice mode only).
    pub fn undo(&mut self) -> Result<()> {
        if self.mode != Mode::Practice {
            return Err(Error::NotAllowed(
                "undo is only available in practice mode".into(),
            ));
        }
        match self.undo.pop() {
            Some(previous) => {
                self.st = previous;
                self.inputs.pop();
                Ok(())
            }
            None => Err(Error::NotAllowed("there is nothing to undo yet".into())),
        }
    }

    /// Plays one trainee response and returns the completed turn.
    ///
    /// A turn is all or nothing: when any part of it fails (a script error in
    /// a route, a computed `next` or the next beat's line), the attempt is
    /// left exactly as it was before the response.
    pub fn respond(&mut self, input: Input) -> Result<&Turn> {
        self.respond_then(input, |_| Ok(()))
    }

    /// Plays one trainee response, lets `record` see the attempt as it
    /// stands after the turn (to store it), and keeps the turn only when
    /// both succeed. On any error the attempt is left as it was.
    pub(crate) fn respond_then(
        &mut self,
        input: Input,
        record: impl FnOnce(&Attempt) -> Result<()>,
    ) -> Result<&Turn> {
        // One budget for every call the turn makes into the script.
        let after = crate::scenario::sandbox::per_turn(|| self.play(input))?;
        record(&after)?;
        Ok(self.keep(after))
    }

    /// The attempt as it would stand after `input`, built on a scratch copy
    /// of the state; `self` is only read. The copy has no undo history of
    /// its own: [`keep`](Self::keep) adds this turn to the attempt's.
    fn play(&self, input: Input) -> Result<Attempt> {
        if self.is_ended() {
            return Err(Error::NotAllowed("the conversation has ended".into()));
        }
        let Some(beat) = self.scenario.beat(&self.st.node) else {
            return Err(Error::NotAllowed(format!(
                "\"{}\" is not a beat",
                self.st.node
            )));
        };
        // Empty free text counts as silence.
        let input = match input {
            Input::FreeText { text } if text.trim().is_empty() => Input::Silence,
            other => other,
        };
        let number = self.st.turns.len() as u32 + 1;
        let mut st = self.st.clone();

        let routed = self.route(&st, beat, &input)?;
        let evidence = self.evidence(beat, &routed, &input, number);
        let shows = evidence::shown(&routed);
        effects::apply(&self.scenario.def.state, &mut st.values, routed.outcome);
        let flag_shows = evidence::shown_for_flags(&routed, &shows);
        flag::advance(&self.scenario, &mut st.flags, number, &flag_shows);
        let next = self.next_node(&st, beat, routed.outcome)?;

        let mut opportunities = beat.chances();
        opportunities.extend(evidence.iter().map(|e| e.competency));
        let reply = routed.outcome.and_then(|o| o.reply.clone());
        let hint = self.hint(
            &st.flags,
            number,
            beat,
            routed.outcome,
            routed.route == Route::NoMatch,
            &evidence,
        );
        st.turns.push(Turn {
            number,
            beat: beat.id.clone(),
            persona_line: st.line.clone(),
            input: input.clone(),
            said: routed.said,
            analysis: routed.analysis,
            route: routed.route,
            shows,
            evidence,
            opportunities: opportunities.into_iter().collect(),
            reply: reply.clone(),
            next: next.clone(),
            hint,
        });
        self.go_on(&mut st, beat, &next, reply, &input)?;

        let mut inputs = self.inputs.clone();
        inputs.push(input);
        Ok(Attempt {
            scenario: Arc::clone(&self.scenario),
            mode: self.mode,
            seed: self.seed,
            analyser: Arc::clone(&self.analyser),
            st,
            undo: Vec::new(),
            inputs,
        })
    }

    /// Takes the state of `after` (from [`play`](Self::play)) as the
    /// attempt's own, keeping the state it replaces for undo in practice.
    /// Cannot fail, so a turn is either wholly kept or not at all.
    fn keep(&mut self, after: Attempt) -> &Turn {
        let before = std::mem::replace(&mut self.st, after.st);
        if self.mode == Mode::Practice {
            self.undo.push(before);
        }
        self.inputs = after.inputs;
        self.st.turns.last().expect("a played turn was just kept")
    }
}

/// The message id of a mode's name.
fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "mode-practice",
        Mode::Assessment => "mode-assessment",
    }
}

impl Mode {
    /// The mode's name in `lang` ("practice", "práctica").
    pub fn label_in(self, lang: Language) -> &'static str {
        messages(lang).text(mode_key(self))
    }
}

//! An attempt: one trainee playing one scenario, turn by turn.
//!
//! An attempt is fully determined by its scenario, mode, seed and inputs, so
//! it can be resumed after a crash by replaying the stored inputs.

use crate::analysis::Analysis;
use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::markdown;
use crate::response::{ResponseAnalyser, RESPONSE_RULE_PREFIX};
use crate::rng::SeededRng;
use crate::scenario::beat::{Beat, Condition, Outcome, Target, Text};
use crate::scenario::cue::RedFlagCue;
use crate::scenario::{Node, Scenario};
use rhai::{Array, Dynamic, Map};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Practice (hints, undo, never counts) or assessment (counts for certification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    /// Declared by the scenario author on the choice, route or silence.
    Scenario,
    /// Derived from the analyser's labels for free text.
    Analyser,
    /// The beat was a pause: keeping or filling it.
    Pause,
}

/// One piece of evidence, tied to its turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Turn number (from 1).
    pub turn: u32,
    /// The competency.
    pub competency: Competency,
    /// From -2 to +2.
    pub delta: i8,
    /// Why.
    pub reason: String,
    /// Where it came from.
    pub source: EvidenceSource,
}

/// Which option the engine took for a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Route {
    /// A menu choice.
    Choice {
        /// 1-based position in the scenario source (not on screen).
        index: usize,
        /// The choice's stable id.
        #[serde(default)]
        id: String,
    },
    /// A free-text route (1-based, in declaration order).
    FreeText {
        /// Index.
        index: usize,
    },
    /// The free-text `otherwise` route.
    Otherwise,
    /// Staying silent.
    Silence,
    /// No free-text rule matched; the beat stays.
    NoMatch,
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

/// Whether a red flag was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagOutcome {
    /// The window is still open.
    Open,
    /// Recognised within its window.
    Recognised,
    /// The window passed (or the attempt ended) without recognition.
    Missed,
}

/// Tracking of one red-flag cue in an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagTrack {
    /// The beat whose line carried the cue.
    pub beat: String,
    /// Category.
    pub category: crate::red_flag::RedFlagCategory,
    /// Severity.
    pub severity: crate::red_flag::Severity,
    /// The first trainee turn that could respond to it.
    pub cue_turn: u32,
    /// Window in turns.
    pub window: u32,
    /// Steps completed.
    pub steps_done: usize,
    /// Steps needed.
    pub steps_total: usize,
    /// Turns that completed a step.
    pub step_turns: Vec<u32>,
    /// The first turn that acted on the cue (a referral or safety step that
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

/// A meter for a persona-state variable (practice mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meter {
    /// Variable name.
    pub name: String,
    /// Label.
    pub label: String,
    /// Current value.
    pub value: i64,
    /// Range.
    pub min: i64,
    /// Range.
    pub max: i64,
}

/// What the player shows now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// Current beat or ending id.
    pub node: String,
    /// Speaker's name.
    pub speaker: String,
    /// Speaker's role.
    pub role: String,
    /// Non-verbal cue.
    pub cue: Option<String>,
    /// The scripted reaction to the last response, if any (Markdown).
    pub reply: Option<String>,
    /// The persona's line (Markdown).
    pub line: String,
    /// Menu choices, in order (numbered from 1 when shown).
    pub choices: Vec<String>,
    /// Whether free text is offered, and its placeholder.
    pub free_text: Option<String>,
    /// Whether the attempt has ended.
    pub ended: bool,
    /// Trainee turns so far.
    pub turn: u32,
    /// Persona-state meters (practice mode only).
    pub meters: Vec<Meter>,
    /// Whether undo is available.
    pub can_undo: bool,
    /// A message about the last response that every mode shows, such as
    /// "no rule matched" for free text.
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
struct RunState {
    node: String,
    values: BTreeMap<String, i64>,
    rng: SeededRng,
    turns: Vec<Turn>,
    flags: Vec<FlagTrack>,
    visits: BTreeMap<String, u32>,
    /// The menu as shown: declared choice indices (0-based) in shown order;
    /// empty when the menu is hidden.
    order: Vec<usize>,
    line: String,
    cue: Option<String>,
    reply: Option<String>,
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
        crate::scenario::sandbox::per_turn(|| attempt.enter(beat))?;
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

    /// What to show now.
    pub fn view(&self) -> View {
        let (speaker_id, choices, free_text) = match self.scenario.node(&self.st.node) {
            Some(Node::Beat(b)) => (
                b.speaker.as_str(),
                self.st
                    .order
                    .iter()
                    .filter_map(|i| b.choices.get(*i))
                    .map(|c| c.text.clone())
                    .collect(),
                b.free_text.as_ref().map(|f| {
                    f.prompt
                        .clone()
                        .unwrap_or_else(|| self.messages().text("player-own-words").into())
                }),
            ),
            Some(Node::Ending(e)) => (e.speaker.as_str(), Vec::new(), None),
            None => ("", Vec::new(), None),
        };
        let persona = self.scenario.persona(speaker_id);
        let meters = if self.mode == Mode::Practice {
            self.scenario
                .def
                .state
                .iter()
                .filter(|v| !v.hidden)
                .map(|v| Meter {
                    name: v.name.clone(),
                    label: v.label.clone(),
                    value: self.st.values.get(&v.name).copied().unwrap_or(v.start),
                    min: v.min,
                    max: v.max,
                })
                .collect()
        } else {
            Vec::new()
        };
        View {
            node: self.st.node.clone(),
            speaker: persona.map(|p| p.name.clone()).unwrap_or_default(),
            role: persona.map(|p| p.role.clone()).unwrap_or_default(),
            cue: self.st.cue.clone(),
            reply: self.st.reply.clone(),
            line: self.st.line.clone(),
            choices,
            free_text,
            ended: self.is_ended(),
            turn: self.st.turns.len() as u32,
            meters,
            can_undo: self.mode == Mode::Practice && !self.undo.is_empty(),
            notice: self
                .st
                .turns
                .last()
                .filter(|t| t.route == Route::NoMatch)
                .map(|_| self.messages().text("player-no-match").to_string()),
        }
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
    /// a route, an effect or a computed `next`), the attempt is left exactly
    /// as it was before the response.
    pub fn respond(&mut self, input: Input) -> Result<&Turn> {
        let before = self.st.clone();
        // One budget for every call the turn makes into the script.
        let played = crate::scenario::sandbox::per_turn(|| self.play_turn(input, before.clone()));
        match played {
            Ok(()) => Ok(self.st.turns.last().expect("a turn was just pushed")),
            Err(e) => {
                self.st = before;
                Err(e)
            }
        }
    }

    fn play_turn(&mut self, input: Input, before: RunState) -> Result<()> {
        if self.is_ended() {
            return Err(Error::NotAllowed("the conversation has ended".into()));
        }
        let scenario = Arc::clone(&self.scenario);
        let Some(beat) = scenario.beat(&self.st.node) else {
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
        let default_silence = Outcome {
            next: None,
            evidence: Vec::new(),
            shows: Vec::new(),
            effects: Vec::new(),
            reply: None,
            feedback: None,
        };
        let mut analysis = None;
        let (outcome, route, said): (Option<&Outcome>, Route, Option<String>) = match &input {
            Input::Choice { index } => {
                if self.st.order.is_empty() {
                    return Err(Error::Input(if beat.choices.is_empty() {
                        "this beat has no choices; answer in your own words or stay silent".into()
                    } else {
                        "in assessment this moment asks for your own words: type your response or stay silent".into()
                    }));
                }
                let declared = index
                    .checked_sub(1)
                    .and_then(|i| self.st.order.get(i))
                    .copied()
                    .ok_or_else(|| {
                        Error::Input(format!(
                            "there is no choice {index} here; pick 1 to {}",
                            self.st.order.len()
                        ))
                    })?;
                let choice = &beat.choices[declared];
                (
                    Some(&choice.outcome),
                    Route::Choice {
                        index: declared + 1,
                        id: choice.id.clone(),
                    },
                    Some(choice.text.clone()),
                )
            }
            Input::Silence => (
                Some(beat.silence.as_ref().unwrap_or(&default_silence)),
                Route::Silence,
                None,
            ),
            Input::FreeText { text } => {
                let Some(ft) = &beat.free_text else {
                    return Err(Error::Input(
                        "this beat has no free-text response; pick a choice or stay silent".into(),
                    ));
                };
                let previous = markdown::to_plain(&self.st.line);
                let mut a = self.analyser.analyse(text, Some(&previous))?;
                self.apply_scenario_rules(beat, text, &mut a)?;
                let response = self.response_map(text, &a);
                let mut taken = None;
                for (i, r) in ft.routes.iter().enumerate() {
                    let hit = match &r.when {
                        Condition::Labels(labels) => {
                            labels.iter().all(|l| a.behaviours.contains(l))
                        }
                        Condition::Predicate(f) => {
                            let v =
                                scenario.call(f, &beat.id, Dynamic::from_map(response.clone()))?;
                            v.as_bool().map_err(|t| Error::Script {
                                scenario: scenario.id().into(),
                                beat: beat.id.clone(),
                                message: format!(
                                    "route {} `when` must return true or false, not {t}",
                                    i + 1
                                ),
                            })?
                        }
                    };
                    if hit {
                        taken = Some((&r.outcome, Route::FreeText { index: i + 1 }));
                        break;
                    }
                }
                let (o, route) = match (taken, &ft.otherwise) {
                    (Some(t), _) => (Some(t.0), t.1),
                    (None, Some(o)) => (Some(o), Route::Otherwise),
                    (None, None) => (None, Route::NoMatch),
                };
                analysis = Some(a);
                (o, route, Some(text.clone()))
            }
        };

        // Evidence: the author's, the analyser's, and the pause rule.
        let mut evidence: Vec<EvidenceItem> = analysis
            .as_ref()
            .map(|a| analyser_evidence(a, beat, outcome, number, self.messages()))
            .unwrap_or_default();
        if let Some(o) = outcome {
            evidence.extend(o.evidence.iter().map(|e| EvidenceItem {
                turn: number,
                competency: e.competency,
                delta: e.delta,
                reason: e.reason.clone(),
                source: EvidenceSource::Scenario,
            }));
        }
        if beat.pause
            && !evidence
                .iter()
                .any(|e| e.competency == Competency::AllowSilence)
        {
            let (delta, reason) = match input {
                Input::Silence => (2, "player-pause-kept"),
                _ => (-1, "player-pause-filled"),
            };
            evidence.push(EvidenceItem {
                turn: number,
                competency: Competency::AllowSilence,
                delta,
                reason: self.messages().text(reason).to_string(),
                source: EvidenceSource::Pause,
            });
        }

        let mut shows: BTreeSet<Behaviour> = outcome
            .map(|o| o.shows.iter().copied().collect())
            .unwrap_or_default();
        if let Some(a) = &analysis {
            shows.extend(a.behaviours.iter().copied());
        }
        let shows: Vec<Behaviour> = shows.into_iter().collect();

        // Persona state.
        if let Some(o) = outcome {
            for (name, delta) in &o.effects {
                if let (Some(v), Some(var)) = (
                    self.st.values.get_mut(name),
                    scenario.def.state.iter().find(|s| &s.name == name),
                ) {
                    *v = (*v + delta).clamp(var.min, var.max);
                }
            }
        }

        // Red flags open on this beat or earlier.
        for flag in self.st.flags.iter_mut() {
            let Some(cue) = scenario.beat(&flag.beat).and_then(|b| b.red_flag.as_ref()) else {
                continue;
            };
            track_flag(flag, cue, number, &shows);
        }

        let next = match outcome.and_then(|o| o.next.as_ref()) {
            None => beat.id.clone(),
            Some(Target::Node(id)) => id.clone(),
            Some(Target::Dynamic {
                func,
                possible_next,
            }) => {
                let v = scenario.call(func, &beat.id, Dynamic::from_map(self.state_map()))?;
                let id = v.into_string().map_err(|t| Error::Script {
                    scenario: scenario.id().into(),
                    beat: beat.id.clone(),
                    message: format!("`next` must return a beat id, not {t}"),
                })?;
                if !possible_next.contains(&id) {
                    return Err(Error::Script {
                        scenario: scenario.id().into(),
                        beat: beat.id.clone(),
                        message: format!(
                            "`next` returned \"{id}\", which is not listed in `possible_next`"
                        ),
                    });
                }
                id
            }
        };

        let mut opportunities = beat.chances();
        opportunities.extend(evidence.iter().map(|e| e.competency));

        let reply = outcome.and_then(|o| o.reply.clone());
        let hint = self.hint(number, beat, outcome, route == Route::NoMatch, &evidence);
        let turn = Turn {
            number,
            beat: beat.id.clone(),
            persona_line: self.st.line.clone(),
            input: input.clone(),
            said,
            analysis,
            route,
            shows,
            evidence,
            opportunities: opportunities.into_iter().collect(),
            reply: reply.clone(),
            next: next.clone(),
            hint,
        };
        self.st.turns.push(turn);
        let stays = next == beat.id;
        if stays {
            self.st.reply = reply.or_else(|| match &input {
                Input::Silence => {
                    let name = scenario
                        .persona(&beat.speaker)
                        .map(|p| p.name.as_str())
                        .unwrap_or("They");
                    Some(format!("*{name} waits, then goes on.*"))
                }
                _ => None,
            });
        } else {
            self.enter(&next)?;
            self.st.reply = reply;
        }
        if self.mode == Mode::Practice {
            self.undo.push(before);
        }
        self.inputs.push(input);
        Ok(())
    }

    fn enter(&mut self, id: &str) -> Result<()> {
        let scenario = Arc::clone(&self.scenario);
        let (line, cue) = match scenario.node(id) {
            Some(Node::Beat(b)) => (&b.line, &b.cue),
            Some(Node::Ending(e)) => (&e.line, &e.cue),
            None => {
                return Err(Error::Script {
                    scenario: scenario.id().into(),
                    beat: self.st.node.clone(),
                    message: format!("goes to \"{id}\", which does not exist"),
                })
            }
        };
        let visit = {
            let v = self.st.visits.entry(id.to_string()).or_default();
            *v += 1;
            *v
        };
        self.st.order = match scenario.node(id) {
            Some(Node::Beat(b)) if b.menu_shown(self.mode == Mode::Assessment) => {
                shuffled_menu(b, self.seed, visit)
            }
            _ => Vec::new(),
        };
        self.st.node = id.to_string();
        self.st.line = self.render(line, id)?;
        self.st.cue = match cue {
            Some(c) => Some(self.render(c, id)?),
            None => None,
        };
        if let Some(Node::Beat(b)) = scenario.node(id) {
            if let Some(cue) = &b.red_flag {
                if !self.st.flags.iter().any(|f| f.beat == b.id) {
                    self.st.flags.push(FlagTrack {
                        beat: b.id.clone(),
                        category: cue.category,
                        severity: cue.severity,
                        cue_turn: self.st.turns.len() as u32 + 1,
                        window: cue.window,
                        steps_done: 0,
                        steps_total: cue.recognise.len(),
                        step_turns: Vec::new(),
                        act_turn: None,
                        revoked_turn: None,
                        outcome: FlagOutcome::Open,
                    });
                }
            }
        } else {
            // The conversation is over: any window still open was not met.
            for f in self
                .st
                .flags
                .iter_mut()
                .filter(|f| f.outcome == FlagOutcome::Open)
            {
                f.outcome = FlagOutcome::Missed;
            }
        }
        Ok(())
    }

    fn render(&mut self, text: &Text, node: &str) -> Result<String> {
        match text {
            Text::Fixed(s) => Ok(s.clone()),
            Text::Variants(v) => Ok(v[self.st.rng.below(v.len())].clone()),
            Text::Dynamic(f) => {
                let v = self
                    .scenario
                    .call(f, node, Dynamic::from_map(self.state_map()))?;
                v.into_string().map_err(|t| Error::Script {
                    scenario: self.scenario.id().into(),
                    beat: node.into(),
                    message: format!("a line function must return text, not {t}"),
                })
            }
        }
    }

    /// The state map scripts see as `s`: persona state plus `turn` and `visits`.
    fn state_map(&self) -> Map {
        let mut m: Map = self
            .st
            .values
            .iter()
            .map(|(k, v)| (k.as_str().into(), Dynamic::from_int(*v)))
            .collect();
        m.insert("turn".into(), Dynamic::from_int(self.st.turns.len() as i64));
        let visits: Map = self
            .st
            .visits
            .iter()
            .map(|(k, v)| (k.as_str().into(), Dynamic::from_int(i64::from(*v))))
            .collect();
        m.insert("visits".into(), Dynamic::from_map(visits));
        m
    }

    /// The response map route predicates see as `r`.
    fn response_map(&self, text: &str, a: &Analysis) -> Map {
        let mut m = Map::new();
        m.insert("text".into(), text.into());
        let labels: Array = a
            .behaviours
            .iter()
            .map(|b| Dynamic::from(b.id().to_string()))
            .collect();
        m.insert("labels".into(), Dynamic::from_array(labels));
        m.insert(
            "question".into(),
            // "open", "closed", or "" for a response with no question, as
            // the authoring guide says.
            match a.question {
                Some(q) => format!("{q:?}").to_lowercase().into(),
                None => "".into(),
            },
        );
        m.insert("state".into(), Dynamic::from_map(self.state_map()));
        m
    }

    fn apply_scenario_rules(&self, beat: &Beat, text: &str, a: &mut Analysis) -> Result<()> {
        if self.scenario.def.rules.is_empty() {
            return Ok(());
        }
        let response = self.response_map(text, a);
        let mut vetoes = Vec::new();
        for rule in &self.scenario.def.rules {
            let v =
                self.scenario
                    .call(&rule.when, &beat.id, Dynamic::from_map(response.clone()))?;
            if !v.as_bool().unwrap_or(false) {
                continue;
            }
            let id = format!("{RESPONSE_RULE_PREFIX}{}", rule.id);
            if let Some(label) = rule.label {
                crate::response::add_label(a, label, &id, text);
            }
            vetoes.extend(rule.remove.iter().map(|b| (*b, id.clone())));
        }
        // Removals win, whatever order the rules were declared in.
        for (label, id) in &vetoes {
            crate::response::remove_label(a, *label, id);
        }
        // The analyser's evidence follows the labels as the rules left them.
        a.evidence = crate::analysis::evidence_for(a.question, &a.behaviours, a.silence);
        Ok(())
    }

    fn hint(
        &self,
        number: u32,
        beat: &Beat,
        outcome: Option<&Outcome>,
        no_match: bool,
        evidence: &[EvidenceItem],
    ) -> String {
        let messages = self.messages();
        let mut parts = Vec::new();
        if no_match {
            parts.push(messages.text("player-no-match").to_string());
        } else if let Some(f) = outcome.and_then(|o| o.feedback.clone()) {
            parts.push(f);
        } else {
            let strong: Vec<&str> = evidence
                .iter()
                .filter(|e| e.delta > 0)
                .map(|e| e.reason.as_str())
                .collect();
            let weak: Vec<&str> = evidence
                .iter()
                .filter(|e| e.delta < 0)
                .map(|e| e.reason.as_str())
                .collect();
            if !strong.is_empty() {
                parts.push(messages.get("player-strong", &[("reasons", strong.join("; ").into())]));
            }
            if !weak.is_empty() {
                parts.push(messages.get("player-weak", &[("reasons", weak.join("; ").into())]));
            }
            if strong.is_empty() && weak.is_empty() {
                parts.push(messages.text("player-neutral").to_string());
            }
        }
        // Flags were updated for this turn before the hint is composed.
        let unrecognised = self.st.flags.iter().any(|f| {
            f.outcome == FlagOutcome::Open
                || (f.outcome == FlagOutcome::Missed && f.cue_turn + f.window == number + 1)
        });
        if unrecognised {
            parts.push(match self.scenario.persona(&beat.speaker) {
                Some(p) => messages.get("player-listen-again", &[("name", p.name.as_str().into())]),
                None => messages.text("player-listen-again-anyone").to_string(),
            });
        }
        parts.join(" ")
    }
}

/// A free-text response showing at least this many different behaviours,
/// from at least [`STACKED_GROUPS`] families, strings moves together rather
/// than answering the moment (a keyword salad, or a script recited at
/// every beat): its positive analyser evidence does not count.
pub const STACKED_LABELS: usize = 5;
/// See [`STACKED_LABELS`].
pub const STACKED_GROUPS: usize = 3;

/// Whether an analysed response stacks many kinds of move at once.
pub fn is_stacked(a: &Analysis) -> bool {
    let groups: BTreeSet<_> = a.behaviours.iter().map(|b| b.group()).collect();
    a.behaviours.len() >= STACKED_LABELS && groups.len() >= STACKED_GROUPS
}

/// The analyser's evidence that counts on a free-text turn.
///
/// The author's evidence on the route taken replaces the analyser's for the
/// same competency, and positive analyser evidence counts only for the
/// competencies this beat gives a chance to show, and not at all when the
/// response stacks many kinds of move at once ([`is_stacked`]). So stringing
/// stock phrases together (a keyword salad) earns nothing beyond what the
/// author's route gives, while evidence against (judging, advising,
/// minimising) always counts.
fn analyser_evidence(
    a: &Analysis,
    beat: &Beat,
    outcome: Option<&Outcome>,
    number: u32,
    messages: &crate::locale::Messages,
) -> Vec<EvidenceItem> {
    let chances = if is_stacked(a) {
        BTreeSet::new()
    } else {
        beat.chances()
    };
    let authored: BTreeSet<Competency> = outcome
        .map(|o| o.evidence.iter().map(|e| e.competency).collect())
        .unwrap_or_default();
    // What the words showed, named in the attempt's language.
    let basis: Vec<String> = a
        .question
        .map(|q| q.id())
        .into_iter()
        .chain(a.behaviours.iter().map(|b| b.id()))
        .map(|id| messages.get("player-label", &[("id", id.into())]))
        .collect();
    let reason = messages.get(
        "player-words-showed",
        &[("labels", basis.join(", ").into())],
    );
    a.evidence
        .iter()
        .filter(|(c, d)| !authored.contains(c) && (**d < 0 || chances.contains(c)))
        .map(|(c, d)| EvidenceItem {
            turn: number,
            competency: *c,
            delta: *d,
            reason: reason.clone(),
            source: EvidenceSource::Analyser,
        })
        .collect()
}

/// Advances one red flag's tracking by a turn that showed `shows`.
///
/// Recognition needs the cue's steps in order (asking first) and an act that
/// its severity accepts, within the window. A turn that waves the risk away
/// or undoes the safety step, at any point after the cue, revokes it: the
/// flag then counts as missed and the turn is kept.
fn track_flag(flag: &mut FlagTrack, cue: &RedFlagCue, number: u32, shows: &[Behaviour]) {
    if flag.outcome != FlagOutcome::Missed && shows.contains(&Behaviour::DismissesRisk) {
        flag.revoked_turn = Some(number);
        flag.outcome = FlagOutcome::Missed;
        return;
    }
    if flag.outcome != FlagOutcome::Open {
        return;
    }
    let before = flag.steps_done;
    let done = cue.advance(before, shows);
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
    } else if number + 1 >= flag.cue_turn + flag.window {
        flag.outcome = FlagOutcome::Missed;
    }
}

/// The shown order of a beat's menu: declared indices shuffled by the
/// attempt's seed and the visit number, pinned choices kept in place.
fn shuffled_menu(beat: &Beat, seed: u64, visit: u32) -> Vec<usize> {
    let n = beat.choices.len();
    let mut order: Vec<usize> = (0..n).collect();
    let free: Vec<usize> = (0..n).filter(|i| !beat.choices[*i].pinned).collect();
    // FNV-1a over the beat id keeps the mix stable across Rust releases.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in beat.id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng = SeededRng::new(seed ^ h ^ (u64::from(visit) << 48));
    let mut slots = free.clone();
    for i in (1..slots.len()).rev() {
        let j = rng.below(i + 1);
        slots.swap(i, j);
    }
    for (pos, declared) in free.iter().zip(slots) {
        order[*pos] = declared;
    }
    order
}

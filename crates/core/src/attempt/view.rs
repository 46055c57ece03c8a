//! The view: what the player shows of the conversation now.
//!
//! The view is the persona's line and cue, the scripted reply to the last
//! response, the menu in its shown order, the free-text prompt, and in
//! practice the persona-state meters and whether undo is available. Every
//! front end renders this one structure.

use super::{Attempt, Mode, Route};
use crate::scenario::Node;
use serde::{Deserialize, Serialize};

/// A meter for a persona-state variable (practice mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Meter {
    /// Variable name.
    pub name: String,
    /// The meter's name, as the practice screen shows it.
    pub label: String,
    /// Current value.
    pub value: i64,
    /// The lowest value the variable can take.
    pub min: i64,
    /// The highest value the variable can take.
    pub max: i64,
}

/// What the player shows now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

impl Attempt {
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
}

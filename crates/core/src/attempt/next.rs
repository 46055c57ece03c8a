//! The next beat: where a response leads, and arriving there.
//!
//! An outcome names the next node, computes it with a script (which must
//! return one of the ids it declared as possible), or stays on the beat.
//! Arriving at a node renders its line and cue (fixed, a seeded variant, or
//! computed by a script), shuffles its menu, and opens or closes red-flag
//! tracking. The computed `next`, lines and cues are script calls and may
//! fail; they write only to the scratch state the turn is built on.

use super::{flag, menu, Attempt, Input, Mode, RunState};
use crate::error::{Error, Result};
use crate::scenario::beat::{Beat, Outcome, Target, Text};
use crate::scenario::Node;
use rhai::Dynamic;

impl Attempt {
    /// The id of the node the response leads to from `beat`, with the
    /// persona state as `st` holds it after the turn's effects.
    pub(super) fn next_node(
        &self,
        st: &RunState,
        beat: &Beat,
        outcome: Option<&Outcome>,
    ) -> Result<String> {
        let scenario = &self.scenario;
        match outcome.and_then(|o| o.next.as_ref()) {
            None => Ok(beat.id.clone()),
            Some(Target::Node(id)) => Ok(id.clone()),
            Some(Target::Dynamic {
                func,
                possible_next,
            }) => {
                let v = scenario.call(func, &beat.id, Dynamic::from_map(st.state_map()))?;
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
                Ok(id)
            }
        }
    }

    /// Moves the conversation on after a turn at `beat`: to `next`, showing
    /// the scripted `reply` above its line, or, when it stays, keeping the
    /// line and showing the reply (or, after silence, that the persona waits).
    pub(super) fn go_on(
        &self,
        st: &mut RunState,
        beat: &Beat,
        next: &str,
        reply: Option<String>,
        input: &Input,
    ) -> Result<()> {
        if next == beat.id {
            st.reply = reply.or_else(|| match input {
                Input::Silence => {
                    let name = self
                        .scenario
                        .persona(&beat.speaker)
                        .map(|p| p.name.as_str())
                        .unwrap_or("They");
                    Some(format!("*{name} waits, then goes on.*"))
                }
                _ => None,
            });
        } else {
            self.enter(st, next)?;
            st.reply = reply;
        }
        Ok(())
    }

    /// Arrives at node `id`: counts the visit, shuffles the menu, renders the
    /// line and cue, and opens the beat's red flag (or, at an ending, closes
    /// every flag still open).
    pub(super) fn enter(&self, st: &mut RunState, id: &str) -> Result<()> {
        let scenario = &self.scenario;
        let (line, cue) = match scenario.node(id) {
            Some(Node::Beat(b)) => (&b.line, &b.cue),
            Some(Node::Ending(e)) => (&e.line, &e.cue),
            None => {
                return Err(Error::Script {
                    scenario: scenario.id().into(),
                    beat: st.node.clone(),
                    message: format!("goes to \"{id}\", which does not exist"),
                })
            }
        };
        let visit = {
            let v = st.visits.entry(id.to_string()).or_default();
            *v += 1;
            *v
        };
        st.order = match scenario.node(id) {
            Some(Node::Beat(b)) if b.menu_shown(self.mode == Mode::Assessment) => {
                menu::shuffled(b, self.seed, visit)
            }
            _ => Vec::new(),
        };
        st.node = id.to_string();
        st.line = self.render(st, line, id)?;
        st.cue = match cue {
            Some(c) => Some(self.render(st, c, id)?),
            None => None,
        };
        match scenario.node(id) {
            Some(Node::Beat(b)) => flag::open(&mut st.flags, b, st.turns.len() as u32 + 1),
            _ => flag::close(&mut st.flags),
        }
        Ok(())
    }

    /// Renders a line or cue of node `node`: fixed text, a variant picked by
    /// the attempt's random stream, or the text a script computes from the
    /// state.
    fn render(&self, st: &mut RunState, text: &Text, node: &str) -> Result<String> {
        match text {
            Text::Fixed(s) => Ok(s.clone()),
            Text::Variants(v) => Ok(v[st.rng.below(v.len())].clone()),
            Text::Dynamic(f) => {
                let v = self
                    .scenario
                    .call(f, node, Dynamic::from_map(st.state_map()))?;
                v.into_string().map_err(|t| Error::Script {
                    scenario: self.scenario.id().into(),
                    beat: node.into(),
                    message: format!("a line function must return text, not {t}"),
                })
            }
        }
    }
}

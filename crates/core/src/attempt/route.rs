//! Routing: which of the beat's options a response takes.
//!
//! A menu choice names its option directly (by its place on screen); silence
//! takes the beat's silence outcome; free text is analysed, relabelled by
//! the scenario's own rules, and then tried against the beat's free-text
//! routes in declaration order, falling back to `otherwise` or to no match.
//! Routing only reads the attempt: route predicates and scenario rules are
//! script calls and may fail, and then nothing has changed.

use super::{Attempt, Input, RunState};
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::markdown;
use crate::response::RESPONSE_RULE_PREFIX;
use crate::scenario::beat::{Beat, Condition, Outcome};
use rhai::{Array, Dynamic, Map};
use serde::{Deserialize, Serialize};

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
        /// Its place among the beat's free-text routes, from 1.
        index: usize,
    },
    /// The free-text `otherwise` route.
    Otherwise,
    /// Staying silent.
    Silence,
    /// No free-text rule matched; the beat stays.
    NoMatch,
}

/// A response routed at a beat: the option taken and what was read from it.
pub(super) struct Routed<'b> {
    /// The outcome of the option taken. `None` for no match, and for silence
    /// at a beat that declares no silence outcome (which has no evidence,
    /// effects, reply or feedback, and stays on the beat).
    pub outcome: Option<&'b Outcome>,
    /// Which option that was.
    pub route: Route,
    /// The words said: the choice's text or the free text; none for silence.
    pub said: Option<String>,
    /// The analyser's labels (after the scenario's rules), for free text.
    pub analysis: Option<Analysis>,
}

impl Attempt {
    /// Routes `input` at `beat`, reading the conversation as `st` holds it.
    pub(super) fn route<'b>(
        &self,
        st: &RunState,
        beat: &'b Beat,
        input: &Input,
    ) -> Result<Routed<'b>> {
        match input {
            Input::Choice { index } => {
                if st.order.is_empty() {
                    return Err(Error::Input(if beat.choices.is_empty() {
                        "this beat has no choices; answer in your own words or stay silent".into()
                    } else {
                        "in assessment this moment asks for your own words: type your response or stay silent".into()
                    }));
                }
                let declared = index
                    .checked_sub(1)
                    .and_then(|i| st.order.get(i))
                    .copied()
                    .ok_or_else(|| {
                        Error::Input(format!(
                            "there is no choice {index} here; pick 1 to {}",
                            st.order.len()
                        ))
                    })?;
                let choice = &beat.choices[declared];
                Ok(Routed {
                    outcome: Some(&choice.outcome),
                    route: Route::Choice {
                        index: declared + 1,
                        id: choice.id.clone(),
                    },
                    said: Some(choice.text.clone()),
                    analysis: None,
                })
            }
            Input::Silence => Ok(Routed {
                outcome: beat.silence.as_ref(),
                route: Route::Silence,
                said: None,
                analysis: None,
            }),
            Input::FreeText { text } => self.route_words(st, beat, text),
        }
    }

    /// Routes free text: analyses it against the persona's last line, applies
    /// the scenario's rules, and takes the first route whose condition holds.
    fn route_words<'b>(&self, st: &RunState, beat: &'b Beat, text: &str) -> Result<Routed<'b>> {
        let scenario = &self.scenario;
        let Some(ft) = &beat.free_text else {
            return Err(Error::Input(
                "this beat has no free-text response; pick a choice or stay silent".into(),
            ));
        };
        let previous = markdown::to_plain(&st.line);
        let mut a = self.analyser.analyse(text, Some(&previous))?;
        self.apply_scenario_rules(st, beat, text, &mut a)?;
        let response = response_map(st, text, &a);
        let mut taken = None;
        for (i, r) in ft.routes.iter().enumerate() {
            let hit = match &r.when {
                Condition::Labels(labels) => labels.iter().all(|l| a.behaviours.contains(l)),
                Condition::Predicate(f) => {
                    let v = scenario.call(f, &beat.id, Dynamic::from_map(response.clone()))?;
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
        let (outcome, route) = match (taken, &ft.otherwise) {
            (Some((o, route)), _) => (Some(o), route),
            (None, Some(o)) => (Some(o), Route::Otherwise),
            (None, None) => (None, Route::NoMatch),
        };
        Ok(Routed {
            outcome,
            route,
            said: Some(text.to_string()),
            analysis: Some(a),
        })
    }

    /// Applies the scenario's own response rules to an analysis: each rule
    /// whose `when` holds adds its label, and its removals win over any
    /// rule's additions. The analyser's evidence then follows the labels.
    fn apply_scenario_rules(
        &self,
        st: &RunState,
        beat: &Beat,
        text: &str,
        a: &mut Analysis,
    ) -> Result<()> {
        if self.scenario.def.rules.is_empty() {
            return Ok(());
        }
        let response = response_map(st, text, a);
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
}

/// The response map route predicates and scenario rules see as `r`: the
/// words, their labels, the question kind, and the persona state.
fn response_map(st: &RunState, text: &str, a: &Analysis) -> Map {
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
            Some(q) => q.id().into(),
            None => "".into(),
        },
    );
    m.insert("state".into(), Dynamic::from_map(st.state_map()));
    m
}

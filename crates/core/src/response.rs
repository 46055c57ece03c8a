//! The interface through which a response analyser labels free text.
//!
//! The engine routes free-text beats on the labels an analyser returns and
//! on the author's own predicates. The built-in English analyser is
//! [`crate::analysis::Analyser`]; tests and other languages can plug in
//! another implementation.

use crate::analysis::{Analyser, Analysis, RuleHit, Span, Veto};
use crate::behaviour::Behaviour;
use crate::error::Result;
use std::sync::Arc;

/// Rule ids of scenario-specific rules start with this.
pub const RESPONSE_RULE_PREFIX: &str = "scenario.";

/// Labels one utterance, given the persona line it answers.
pub trait ResponseAnalyser: Send + Sync {
    /// Analyses `utterance`; `previous` is the persona's last line, as plain text.
    fn analyse(&self, utterance: &str, previous: Option<&str>) -> Result<Analysis>;
}

impl ResponseAnalyser for Analyser {
    fn analyse(&self, utterance: &str, previous: Option<&str>) -> Result<Analysis> {
        Analyser::analyse(self, utterance, previous)
    }
}

/// A built-in analyser, compiled once and shared.
struct Builtin(&'static Analyser);

impl ResponseAnalyser for Builtin {
    fn analyse(&self, utterance: &str, previous: Option<&str>) -> Result<Analysis> {
        self.0.analyse(utterance, previous)
    }
}

/// The built-in English analyser, shared by the CLI, the desktop app and tests.
pub fn english() -> Arc<dyn ResponseAnalyser> {
    Arc::new(Builtin(Analyser::english()))
}

/// The built-in analyser for a language tag ("en", "es", "es-ES") as the
/// engine's response analyser; an unknown language is a clear error (see
/// [`Analyser::for_language`]).
pub fn for_language(tag: &str) -> Result<Arc<dyn ResponseAnalyser>> {
    Ok(Arc::new(Builtin(Analyser::for_language(tag)?)))
}

/// Removes a label that a scenario rule vetoes, with every analyser rule
/// hit that produced it; the hits left record which rule took it away.
pub fn remove_label(analysis: &mut Analysis, label: Behaviour, rule: &str) {
    if !analysis.behaviours.contains(&label) {
        return;
    }
    analysis.behaviours.retain(|b| *b != label);
    let removed: Vec<String> = analysis
        .rules
        .iter()
        .filter(|h| h.label == label.id())
        .map(|h| h.rule.clone())
        .collect();
    analysis.rules.retain(|h| h.label != label.id());
    analysis.vetoed.push(Veto {
        rule: rule.to_string(),
        label,
        overruled: removed,
    });
}

/// Adds a label produced by a scenario rule, spanning the whole utterance.
pub fn add_label(analysis: &mut Analysis, label: Behaviour, rule: &str, text: &str) {
    analysis.rules.push(RuleHit {
        rule: rule.to_string(),
        label: label.id().to_string(),
        span: Span {
            start: 0,
            end: text.len(),
            text: text.to_string(),
        },
    });
    if !analysis.behaviours.contains(&label) {
        analysis.behaviours.push(label);
        analysis.behaviours.sort();
    }
}

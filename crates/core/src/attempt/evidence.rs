//! Evidence: what a turn says about each competency, and the behaviours it
//! showed.
//!
//! A turn's evidence comes from three places: the author's declaration on the
//! choice, route or silence taken; the analyser's reading of free text (kept
//! only where it is fair, see [`analyser_evidence`]); and the pause rule on a
//! beat that asks the supporter to leave room. Nothing here can fail and
//! nothing here changes the attempt.

use super::route::Routed;
use super::{Attempt, Input};
use crate::analysis::Analysis;
use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::scenario::beat::{Beat, Outcome};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvidenceItem {
    /// Turn number (from 1).
    pub turn: u32,
    /// The competency.
    pub competency: Competency,
    /// From -2 to +2.
    pub delta: i8,
    /// Why the evidence was given, in words the trainee reads in the debrief.
    pub reason: String,
    /// Where it came from.
    pub source: EvidenceSource,
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

impl Attempt {
    /// The evidence of turn `number`: the analyser's (for free text), then
    /// the author's on the outcome taken, then the pause rule's, unless the
    /// author already judged allowing silence on this response.
    pub(super) fn evidence(
        &self,
        beat: &Beat,
        routed: &Routed<'_>,
        input: &Input,
        number: u32,
    ) -> Vec<EvidenceItem> {
        let messages = self.messages();
        let mut evidence: Vec<EvidenceItem> = routed
            .analysis
            .as_ref()
            .map(|a| analyser_evidence(a, beat, routed.outcome, number, messages))
            .unwrap_or_default();
        if let Some(o) = routed.outcome {
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
                reason: messages.text(reason).to_string(),
                source: EvidenceSource::Pause,
            });
        }
        evidence
    }
}

/// The behaviours a response showed, each once and in a stable order: those
/// the author declared on the outcome taken and those the analyser (and the
/// scenario's own rules) found in free text.
pub(super) fn shown(routed: &Routed<'_>) -> Vec<Behaviour> {
    let mut shows: BTreeSet<Behaviour> = routed
        .outcome
        .map(|o| o.shows.iter().copied().collect())
        .unwrap_or_default();
    if let Some(a) = &routed.analysis {
        shows.extend(a.behaviours.iter().copied());
    }
    shows.into_iter().collect()
}

/// The behaviours of a response that count towards a red flag's steps.
///
/// The same as [`shown`], except for a stacked free-text response
/// ([`is_stacked`]): stringing stock phrases together is not asking or
/// acting, so only what the author declared on the route taken counts for
/// it, and a dismissal the analyser found (which revokes recognition)
/// still counts against it.
pub(super) fn shown_for_flags(routed: &Routed<'_>, shows: &[Behaviour]) -> Vec<Behaviour> {
    match &routed.analysis {
        Some(a) if is_stacked(a) => {
            let mut kept: BTreeSet<Behaviour> = routed
                .outcome
                .map(|o| o.shows.iter().copied().collect())
                .unwrap_or_default();
            if a.behaviours.contains(&Behaviour::DismissesRisk) {
                kept.insert(Behaviour::DismissesRisk);
            }
            kept.into_iter().collect()
        }
        _ => shows.to_vec(),
    }
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

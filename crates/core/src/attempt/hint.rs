//! The practice hint: a line or two of feedback on each turn.
//!
//! The hint is the author's feedback on the outcome taken when there is
//! some; otherwise it names what was strong and what was weak in the turn's
//! evidence. It adds a nudge to listen again while a red flag is open or
//! has just been missed. Every turn stores its hint; only practice shows it.

use super::{flag, Attempt, EvidenceItem, FlagTrack};
use crate::scenario::beat::{Beat, Outcome};

impl Attempt {
    /// The hint for turn `number` at `beat`, composed after the turn's red
    /// flags (`flags`) were brought up to date.
    pub(super) fn hint(
        &self,
        flags: &[FlagTrack],
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
        if flag::unrecognised(flags, number) {
            parts.push(match self.scenario.persona(&beat.speaker) {
                Some(p) => messages.get("player-listen-again", &[("name", p.name.as_str().into())]),
                None => messages.text("player-listen-again-anyone").to_string(),
            });
        }
        parts.join(" ")
    }
}

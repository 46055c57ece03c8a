//! Redaction: removing the trainee's own words (free-text inputs, what
//! they said, the analyser's matched spans and "you said" lines) from a
//! turn or a report, keeping the labels, the evidence, the grades and the
//! red-flag outcomes. Retention erases with it, and the grades chain seals
//! reports as redacted, so erasing a transcript never breaks the chain.

use crate::attempt::{Input, Turn};
use crate::report::Report;

/// Removes the trainee's own words from a turn; idempotent.
pub fn redact_turn(t: &mut Turn) {
    if let Input::FreeText { text } = &mut t.input {
        text.clear();
        t.said = None;
    }
    if let Some(a) = &mut t.analysis {
        for hit in &mut a.rules {
            hit.span.text.clear();
        }
    }
}

/// Removes the trainee's own words from a report; idempotent.
pub fn redact_report(r: &mut Report) {
    let free: Vec<u32> = r
        .turns
        .iter()
        .filter(|t| matches!(t.input, Input::FreeText { .. }))
        .map(|t| t.number)
        .collect();
    for t in &mut r.turns {
        redact_turn(t);
    }
    for m in &mut r.model_responses {
        if free.contains(&m.turn) {
            m.you.clear();
        }
    }
}

//! Effects: how a response moves the persona's state.
//!
//! An outcome's effects add to the persona-state variables the scenario
//! declares (trust, distress, a hidden "plan agreed" and the like), each
//! kept within its declared range. An effect on a variable the scenario does
//! not declare changes nothing (the loader refuses one, E018). Effects
//! cannot fail.

use crate::scenario::beat::Outcome;
use crate::scenario::persona::StateVar;
use std::collections::BTreeMap;

/// Applies `outcome`'s effects to `values`, clamping each to its variable's
/// range in `declared`.
pub(super) fn apply(
    declared: &[StateVar],
    values: &mut BTreeMap<String, i64>,
    outcome: Option<&Outcome>,
) {
    let Some(outcome) = outcome else {
        return;
    };
    for (name, delta) in &outcome.effects {
        if let (Some(v), Some(var)) = (
            values.get_mut(name),
            declared.iter().find(|s| &s.name == name),
        ) {
            *v = (*v + delta).clamp(var.min, var.max);
        }
    }
}

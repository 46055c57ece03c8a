//! The small-group rule, in one place: a figure computed over fewer than
//! [`MIN_GROUP`] distinct trainees is not shown, so nobody can be singled
//! out. Every report builds its figures through [`guard`]; a suppressed
//! figure carries no number at all (not even the group's size), and the
//! tables and charts show it as "suppressed".

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The smallest group of trainees a figure may describe.
pub const MIN_GROUP: usize = 5;

/// What a table cell or chart bar says instead of a suppressed figure.
pub const SUPPRESSED: &str = "suppressed";

/// A figure over a group of trainees, or nothing when the group is too small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shown", content = "value", rename_all = "snake_case")]
pub enum Guarded<T> {
    /// The group had at least [`MIN_GROUP`] trainees.
    Shown(T),
    /// Fewer than [`MIN_GROUP`] trainees: not shown.
    Suppressed,
}

impl<T> Guarded<T> {
    /// The figure, when shown.
    pub fn shown(&self) -> Option<&T> {
        match self {
            Guarded::Shown(v) => Some(v),
            Guarded::Suppressed => None,
        }
    }

    /// Whether it was suppressed.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Guarded::Suppressed)
    }
}

/// Whether a group of `trainees` distinct trainees may be reported on.
pub fn allows(trainees: usize) -> bool {
    trainees >= MIN_GROUP
}

/// The figure `f` computes, only when `group` holds at least
/// [`MIN_GROUP`] distinct trainees; `f` is not even run otherwise.
pub fn guard<T>(group: &BTreeSet<Uuid>, f: impl FnOnce() -> T) -> Guarded<T> {
    if allows(group.len()) {
        Guarded::Shown(f())
    } else {
        Guarded::Suppressed
    }
}

/// The figure `f` computes, only when every one of `groups` holds at
/// least [`MIN_GROUP`] distinct trainees (a figure comparing groups, such
/// as passing against failing trainees, describes each of them).
pub fn guard_each<T>(groups: &[&BTreeSet<Uuid>], f: impl FnOnce() -> T) -> Guarded<T> {
    if groups.iter().all(|g| allows(g.len())) {
        Guarded::Shown(f())
    } else {
        Guarded::Suppressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(n: u128) -> BTreeSet<Uuid> {
        (0..n).map(Uuid::from_u128).collect()
    }

    #[test]
    fn four_trainees_are_suppressed_and_five_are_shown() {
        assert_eq!(guard(&group(4), || 4), Guarded::Suppressed);
        assert_eq!(guard(&group(5), || 5), Guarded::Shown(5));
        assert_eq!(guard(&group(0), || 0), Guarded::Suppressed);
    }

    #[test]
    fn a_comparison_needs_every_group_large_enough() {
        assert_eq!(
            guard_each(&[&group(5), &group(4)], || 1),
            Guarded::Suppressed
        );
        assert_eq!(guard_each(&[&group(5), &group(6)], || 1), Guarded::Shown(1));
    }

    #[test]
    fn a_suppressed_figure_is_never_computed() {
        let mut ran = false;
        let g = guard(&group(3), || {
            ran = true;
            1
        });
        assert!(g.is_suppressed() && !ran);
    }

    #[test]
    fn a_suppressed_figure_serialises_without_a_number() {
        let s = serde_json::to_string(&Guarded::<u32>::Suppressed).unwrap();
        assert_eq!(s, r#"{"shown":"suppressed"}"#);
    }
}

//! The people the trainee talks to, and their changing state.

use serde::{Deserialize, Serialize};

/// A persona, declared with `persona("id", #{ ... })`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persona {
    /// Id used by beats' `speaker`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Job and grade.
    pub role: String,
    /// Background for the trainee, in Markdown.
    pub background: String,
}

/// A numeric persona-state variable such as trust or distress, declared with
/// `state("trust", #{ start: 40, min: 0, max: 100 })`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateVar {
    /// The variable's name, as scripts read it (`s.trust`).
    pub name: String,
    /// Label for the meter.
    pub label: String,
    /// Value at the start of an attempt.
    pub start: i64,
    /// Lowest value; effects are clamped.
    pub min: i64,
    /// Highest value; effects are clamped.
    pub max: i64,
    /// Never shown to the trainee (`hidden: true`): a routing variable such
    /// as "safety plan agreed" that a meter would give away. Trust and
    /// distress stay visible as meters in practice by default.
    pub hidden: bool,
}

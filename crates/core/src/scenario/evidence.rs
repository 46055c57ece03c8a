//! Evidence: what a response shows about one competency.

use crate::competency::Competency;
use serde::{Deserialize, Serialize};

/// The strongest evidence one response can give, for or against.
pub const MAX_DELTA: i8 = 2;

/// Evidence declared on a choice, route or silence: a delta from -2 to +2 on
/// one competency, with a short reason that trainees see in feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The competency.
    pub competency: Competency,
    /// From -2 (strong evidence against) to +2 (strong evidence for).
    pub delta: i8,
    /// Why, in a few words.
    pub reason: String,
}

//! A scenario version as the catalogue and the library name it: id,
//! version string, content hash and title.

use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// One scenario version: what the catalogue approves or withdraws and a
/// library card stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioVersion {
    /// Scenario id (from its metadata).
    pub id: String,
    /// SHA-256 over every file of the scenario's folder.
    pub content_hash: String,
    /// The version string of its metadata.
    pub version: String,
    /// Its title.
    pub title: String,
}

impl ScenarioVersion {
    /// The version of a loaded scenario.
    pub fn of(scenario: &Scenario) -> ScenarioVersion {
        ScenarioVersion {
            id: scenario.id().to_string(),
            content_hash: scenario.source.content_hash.clone(),
            version: scenario.def.meta.version.clone(),
            // The script's own title, whatever language the attempt shows.
            title: scenario.untranslated.meta.title.clone(),
        }
    }
}

//! What a scenario declares about itself.

use crate::competency::Competency;
use crate::locale::{key, messages, Language};
use crate::red_flag::RedFlagCategory;
use serde::{Deserialize, Serialize};

/// How hard a scenario is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Difficulty {
    /// A first scenario.
    Introductory,
    /// Needs the basics.
    Intermediate,
    /// Needs the basics and steady nerves.
    Advanced,
}

impl Difficulty {
    /// The id used in scripts.
    pub fn id(self) -> &'static str {
        self.into()
    }
}

/// The legal frame a scenario is set in, which changes how legal fears are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalSetting {
    /// A no-fault compensation scheme (for example Denmark, Belgium).
    NoFault,
    /// Tort-based liability.
    Tort,
}

/// Scenario metadata, declared with `scenario(#{ ... })`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Stable id, lower case with hyphens.
    pub id: String,
    /// Semantic version of the scenario.
    pub version: String,
    /// Title shown on the card.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// Where and when it takes place.
    pub setting: String,
    /// BCP 47 language tag, such as `en`.
    pub language: String,
    /// Estimated minutes.
    pub minutes: u32,
    /// How hard the scenario is.
    pub difficulty: Difficulty,
    /// Competencies the scenario assesses.
    pub targets: Vec<Competency>,
    /// Red-flag categories present.
    pub red_flags: Vec<RedFlagCategory>,
    /// The legal frame, if it matters to the story.
    pub legal_setting: Option<LegalSetting>,
    /// A note on the legal setting, in Markdown.
    pub legal_note: Option<String>,
}

impl Difficulty {
    /// The message id of the difficulty's name.
    pub fn label_key(self) -> String {
        key("difficulty", self.id(), "")
    }

    /// The difficulty's name in `lang`.
    pub fn label_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.label_key())
    }
}

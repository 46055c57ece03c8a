//! The localised names of the core's vocabularies: competencies, red-flag
//! categories, grade levels, conversation bands, modes and difficulties.
//! Ids stay stable; only what a person reads changes with the language.

use super::{key, messages, Language};
use crate::analysis::MitiBand;
use crate::attempt::Mode;
use crate::competency::Competency;
use crate::grading::Level;
use crate::red_flag::RedFlagCategory;
use crate::scenario::metadata::Difficulty;

impl Competency {
    /// The message id of the competency's title (`competency-open-questions`).
    pub fn title_key(self) -> String {
        key("competency", self.id(), "")
    }

    /// The message id of the competency's description.
    pub fn description_key(self) -> String {
        key("competency", self.id(), "description")
    }

    /// The short title in `lang`.
    pub fn title_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.title_key())
    }

    /// What the competency asks of a supporter, in `lang`.
    pub fn description_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.description_key())
    }
}

impl RedFlagCategory {
    /// The message id of the category's title.
    pub fn title_key(self) -> String {
        key("red-flag", self.id(), "")
    }

    /// The short title in `lang`.
    pub fn title_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.title_key())
    }
}

impl Level {
    /// The message id of the level's label.
    pub fn label_key(self) -> String {
        key("level", self.id(), "")
    }

    /// The label in `lang` ("competent", "competente").
    pub fn label_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.label_key())
    }
}

impl MitiBand {
    /// The message id of the band's label.
    pub fn label_key(self) -> String {
        let id = match self {
            MitiBand::BelowFair => "below_fair",
            MitiBand::Fair => "fair",
            MitiBand::Good => "good",
        };
        key("miti-band", id, "")
    }

    /// The label in `lang`.
    pub fn label_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.label_key())
    }
}

/// The message id of a mode's name.
pub fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "mode-practice",
        Mode::Assessment => "mode-assessment",
    }
}

impl Mode {
    /// The mode's name in `lang` ("practice", "práctica").
    pub fn label_in(self, lang: Language) -> &'static str {
        messages(lang).text(mode_key(self))
    }
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

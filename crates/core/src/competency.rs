//! The competency framework: the 15 interview competencies of Box 1 in
//! Mira JJ, Carrillo I, Gil-Hernández E, et al. *Key elements for designing
//! effective second victim support interventions: a focus group study in
//! European clinical settings.* BMJ Open 2025;15:e089923.
//!
//! The ids are stable: they appear in scenario scripts, in the database and
//! in every export. The descriptions are Rehearse's own wording; titles and
//! descriptions live in the Fluent catalogues (`crates/core/locales/`).

use crate::locale::{key, messages, Language};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The citation shown wherever the framework is presented.
pub const FRAMEWORK_CITATION: &str = "Mira JJ, Carrillo I, Gil-Hernández E, et al. Key elements for designing effective second victim support interventions: a focus group study in European clinical settings. BMJ Open 2025;15:e089923. doi:10.1136/bmjopen-2024-089923 (Box 1)";

/// One of the 15 interview competencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Competency {
    /// Create a warm, safe emotional atmosphere.
    Atmosphere,
    /// Let the second victim guide the conversation.
    LetThemLead,
    /// Put the person and the relationship first.
    Relationship,
    /// Listen actively.
    ActiveListening,
    /// Ask open-ended questions.
    OpenQuestions,
    /// Offer presence, and only presence, when interpretation does not fit yet.
    Presence,
    /// Follow the feeling, not just the words.
    FollowAffect,
    /// Do not dwell on whether the account is true or complete.
    NotFactFinding,
    /// Allow silence.
    AllowSilence,
    /// Concentrate on their experience and emotions.
    ExperienceAndEmotions,
    /// Normalise the second victim's feelings.
    Normalise,
    /// Do not judge responsibility for the event.
    NoJudgement,
    /// Offer legal advice or point to it.
    LegalSupport,
    /// Make a plan so the next steps are clear.
    PlanNextSteps,
    /// Follow up in one to two weeks.
    FollowUp,
}

impl Competency {
    /// All 15 competencies in the order of Box 1.
    pub const ALL: [Competency; 15] = [
        Competency::Atmosphere,
        Competency::LetThemLead,
        Competency::Relationship,
        Competency::ActiveListening,
        Competency::OpenQuestions,
        Competency::Presence,
        Competency::FollowAffect,
        Competency::NotFactFinding,
        Competency::AllowSilence,
        Competency::ExperienceAndEmotions,
        Competency::Normalise,
        Competency::NoJudgement,
        Competency::LegalSupport,
        Competency::PlanNextSteps,
        Competency::FollowUp,
    ];

    /// The stable id used in scripts, the database and exports.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// A short human title, in English (see [`Competency::title_in`]).
    pub fn title(self) -> &'static str {
        self.title_in(crate::locale::Language::En)
    }

    /// What the competency asks of a supporter, in Rehearse's own words, in
    /// English (see [`Competency::description_in`]).
    pub fn description(self) -> &'static str {
        self.description_in(crate::locale::Language::En)
    }
}

impl fmt::Display for Competency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Competency {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Competency::ALL
            .into_iter()
            .find(|c| c.id() == s)
            .ok_or_else(|| UnknownId::new("competency", s, Competency::ALL.map(Competency::id)))
    }
}

/// A string that is not one of a vocabulary's stable ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// Which vocabulary was searched ("competency", "behaviour", ...).
    pub kind: &'static str,
    /// The string that was given.
    pub given: String,
    /// The closest known id, when one is close enough to suggest.
    pub suggestion: Option<&'static str>,
}

/// The known word nearest to `given` by edit distance (Levenshtein, from
/// `strsim`), when it is close enough to suggest: at most 3 edits, or a
/// third of the word for long ones. The one "did you mean" rule for ids,
/// fields and translation keys.
pub fn nearest<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(given, k), k))
        .filter(|(d, k)| *d <= 3.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

impl UnknownId {
    /// Builds the error, suggesting the known id nearest to `given`.
    pub fn new<const N: usize>(kind: &'static str, given: &str, known: [&'static str; N]) -> Self {
        let suggestion = nearest(given, known);
        UnknownId {
            kind,
            given: given.to_string(),
            suggestion,
        }
    }
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} id \"{}\"", self.kind, self.given)?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean \"{s}\"?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownId {}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Competency::ALL {
            assert!(seen.insert(c.id()));
            assert_eq!(c.id().parse::<Competency>().unwrap(), c);
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.id())
            );
        }
        assert_eq!(seen.len(), 15);
    }

    #[test]
    fn unknown_id_suggests_the_nearest() {
        let err = "open_question".parse::<Competency>().unwrap_err();
        assert_eq!(err.suggestion, Some("open_questions"));
        assert!(err.to_string().contains("did you mean \"open_questions\""));
        let err = "zzzzzzzzzzzzzzzzzzzzzzzz"
            .parse::<Competency>()
            .unwrap_err();
        assert_eq!(err.suggestion, None);
    }
}

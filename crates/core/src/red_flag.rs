//! Red-flag categories: the warning signs a peer supporter must recognise.
//!
//! Missing a red flag is a critical error: an assessment with a missed red
//! flag fails whatever its competency scores.

use crate::behaviour::Behaviour;
use crate::competency::UnknownId;
use crate::locale::{key, messages, Language};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A red-flag category, with a stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum RedFlagCategory {
    /// Hopelessness, wishes to be dead, talk of ending it, a plan or means.
    SuicideRisk,
    /// Not sleeping or eating for days, panic that will not settle, heavy
    /// drinking to cope, confusion, unable to work safely.
    SevereDecompensation,
}

impl RedFlagCategory {
    /// Both categories.
    pub const ALL: [RedFlagCategory; 2] = [
        RedFlagCategory::SuicideRisk,
        RedFlagCategory::SevereDecompensation,
    ];

    /// The stable id.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Whether acting must wait for the person's answer: for suicide risk
    /// the question comes first and the act (referral, safety step) in a
    /// later turn, as in QPR (question, persuade, refer). For severe
    /// decompensation naming the concern and acting may be one response.
    pub const fn act_follows_answer(self) -> bool {
        matches!(self, RedFlagCategory::SuicideRisk)
    }

    /// A short human title, in English (see [`RedFlagCategory::title_in`]).
    pub fn title(self) -> &'static str {
        self.title_in(crate::locale::Language::En)
    }
}

impl fmt::Display for RedFlagCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for RedFlagCategory {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RedFlagCategory::ALL
            .into_iter()
            .find(|c| c.id() == s)
            .ok_or_else(|| {
                UnknownId::new(
                    "red-flag category",
                    s,
                    RedFlagCategory::ALL.map(RedFlagCategory::id),
                )
            })
    }
}

/// What a red flag came to, as the records keep it: recognised (asked and
/// acted on in its window) or missed. The automated grade and a trainer's
/// observation use the same two words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Recognition {
    /// Asked and acted.
    Recognised,
    /// Missed: changed the subject, minimised, or asked without acting.
    Missed,
}

impl Recognition {
    /// The stored id.
    pub fn id(self) -> &'static str {
        self.into()
    }
}

impl FromStr for Recognition {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        match s.trim() {
            "recognised" => Ok(Recognition::Recognised),
            "missed" => Ok(Recognition::Missed),
            other => Err(crate::Error::Input(format!(
                "a red-flag outcome is recognised or missed, not \"{other}\""
            ))),
        }
    }
}

/// How serious a warning sign is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Severity {
    /// Worrying; needs asking about.
    Moderate,
    /// Serious; needs asking and acting now.
    High,
}

impl Severity {
    /// The stable id.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The behaviours that count as *acting* on a warning sign of this severity.
    ///
    /// A moderate warning sign is acted on by a referral with a time frame or a safety
    /// step. A high one needs a safety step: a same-day referral with a
    /// handover, not leaving the person alone, means made safe, relief from
    /// duty. A referral "sometime" is not enough.
    pub fn acts(self) -> &'static [Behaviour] {
        match self {
            Severity::Moderate => &[Behaviour::Referral, Behaviour::SafetyAction],
            Severity::High => &[Behaviour::SafetyAction],
        }
    }
}

impl FromStr for Severity {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "moderate" => Ok(Severity::Moderate),
            "high" => Ok(Severity::High),
            _ => Err(UnknownId::new("severity", s, ["moderate", "high"])),
        }
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

//! The fixed vocabulary of supporter behaviours.
//!
//! A behaviour is something a response *does*: reflecting, naming a feeling,
//! judging, asking about suicide. Menu choices declare the behaviours they
//! show (`shows: [...]` in a scenario), and the free-text analyser produces
//! the same labels from the trainee's own words, so routing and red-flag
//! recognition work the same way for both.

use crate::competency::UnknownId;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which family a behaviour belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BehaviourGroup {
    /// Listening behaviours a supporter should use.
    Listening,
    /// Behaviours to avoid.
    Avoid,
    /// Practical support offered near the close.
    Practical,
    /// Responses to a red flag.
    RedFlagResponse,
}

/// One label from the fixed behaviour vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Behaviour {
    /// Mirrors or paraphrases what the persona just said, in content or feeling.
    Reflection,
    /// Puts a name to an emotion the person seems to be having.
    FeelingNamed,
    /// Says the person's reaction makes sense or is legitimate.
    Validation,
    /// Says that such reactions are common among colleagues after events like this.
    Normalising,
    /// Offers simple presence: "I'm here", "take your time".
    Presence,
    /// Evaluates blame or responsibility for the event.
    Judgement,
    /// Probes whether the account is true, accurate or complete.
    FactFinding,
    /// Plays down the event or the person's reaction.
    Minimising,
    /// Reassures before the person has been heard ("it wasn't your fault", "you'll be fine").
    PrematureReassurance,
    /// Tells the person what they should do or feel.
    Advice,
    /// Turns the conversation to the supporter's own story or feelings.
    SelfFocus,
    /// Promises that the conversation stays confidential.
    Confidentiality,
    /// Offers access to legal advice or the organisation's legal support.
    LegalOffer,
    /// Agrees concrete next steps.
    Plan,
    /// Arranges a later contact.
    FollowUp,
    /// Asks directly about suicidal thoughts.
    SuicideInquiry,
    /// Asks about plan, intent or means.
    RiskAssessment,
    /// Connects the person to professional help.
    Referral,
    /// Acts to keep the person safe now (not leaving them alone, removing means, stopping unsafe work).
    SafetyAction,
    /// Undoes a safety step or waves a disclosed risk away: "no need to
    /// worry", "you'd never do that", letting them drive or go home alone
    /// after a disclosure. It revokes a red flag's recognition.
    DismissesRisk,
}

impl Behaviour {
    /// Every behaviour, in vocabulary order.
    pub const ALL: [Behaviour; 20] = [
        Behaviour::Reflection,
        Behaviour::FeelingNamed,
        Behaviour::Validation,
        Behaviour::Normalising,
        Behaviour::Presence,
        Behaviour::Judgement,
        Behaviour::FactFinding,
        Behaviour::Minimising,
        Behaviour::PrematureReassurance,
        Behaviour::Advice,
        Behaviour::SelfFocus,
        Behaviour::Confidentiality,
        Behaviour::LegalOffer,
        Behaviour::Plan,
        Behaviour::FollowUp,
        Behaviour::SuicideInquiry,
        Behaviour::RiskAssessment,
        Behaviour::Referral,
        Behaviour::SafetyAction,
        Behaviour::DismissesRisk,
    ];

    /// The stable label used in scripts, reports and analyser output.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The family the behaviour belongs to.
    pub const fn group(self) -> BehaviourGroup {
        use Behaviour::*;
        match self {
            Reflection | FeelingNamed | Validation | Normalising | Presence => {
                BehaviourGroup::Listening
            }
            Judgement | FactFinding | Minimising | PrematureReassurance | Advice | SelfFocus
            | DismissesRisk => BehaviourGroup::Avoid,
            Confidentiality | LegalOffer | Plan | FollowUp => BehaviourGroup::Practical,
            SuicideInquiry | RiskAssessment | Referral | SafetyAction => {
                BehaviourGroup::RedFlagResponse
            }
        }
    }
}

impl fmt::Display for Behaviour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Behaviour {
    /// The behaviour with stable id `s`, if there is one. Unlike
    /// [`FromStr`], it computes no "did you mean" suggestion, so it suits
    /// hot paths that expect some strings not to be behaviours.
    pub fn from_id(s: &str) -> Option<Behaviour> {
        Behaviour::ALL.into_iter().find(|b| b.id() == s)
    }
}

impl FromStr for Behaviour {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Behaviour::from_id(s)
            .ok_or_else(|| UnknownId::new("behaviour", s, Behaviour::ALL.map(Behaviour::id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for b in Behaviour::ALL {
            assert_eq!(b.id().parse::<Behaviour>().unwrap(), b);
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                format!("\"{}\"", b.id())
            );
        }
    }
}

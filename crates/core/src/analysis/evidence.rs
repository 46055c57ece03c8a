//! The single label -> competency evidence table.

use super::QuestionKind;
use crate::behaviour::Behaviour;
use crate::competency::Competency;
use serde::Serialize;
use std::collections::BTreeMap;

/// What an evidence row is keyed on: a question kind, a behaviour, or silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    /// A turn whose question (the last one in the turn) is of this kind.
    Question(QuestionKind),
    /// A turn showing this behaviour.
    Behaviour(Behaviour),
    /// A turn where the supporter stayed silent.
    Silence,
}

/// One row of the evidence table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EvidenceRow {
    /// What triggers the row.
    pub source: EvidenceSource,
    /// The competency it speaks to.
    pub competency: Competency,
    /// Points for (positive) or against (negative) the competency.
    pub weight: i8,
    /// Why, in one line.
    pub reason: &'static str,
}

/// The lowest value evidence for one competency can take in one turn.
pub const EVIDENCE_MIN: i8 = -2;
/// The highest value evidence for one competency can take in one turn.
pub const EVIDENCE_MAX: i8 = 2;

use Behaviour as B;
use Competency as C;
use EvidenceSource::{Behaviour as Beh, Question as Q};

const fn row(
    source: EvidenceSource,
    competency: Competency,
    weight: i8,
    reason: &'static str,
) -> EvidenceRow {
    EvidenceRow {
        source,
        competency,
        weight,
        reason,
    }
}

static TABLE: [EvidenceRow; 25] = [
    row(
        Beh(B::DismissesRisk),
        C::FollowAffect,
        -2,
        "waving a disclosed risk away leaves them unsafe",
    ),
    row(
        Q(QuestionKind::Open),
        C::OpenQuestions,
        1,
        "an open question invites their story",
    ),
    row(
        Q(QuestionKind::Closed),
        C::OpenQuestions,
        -1,
        "a closed question narrows what they can say",
    ),
    row(
        Beh(B::Reflection),
        C::ActiveListening,
        1,
        "a reflection shows their words were heard",
    ),
    row(
        Beh(B::FeelingNamed),
        C::FollowAffect,
        1,
        "naming a feeling follows the emotion, not just the facts",
    ),
    row(
        Beh(B::FeelingNamed),
        C::ExperienceAndEmotions,
        1,
        "naming a feeling keeps the focus on their experience",
    ),
    row(
        Beh(B::Validation),
        C::Relationship,
        1,
        "validating treats their reaction as legitimate",
    ),
    row(
        Beh(B::Normalising),
        C::Normalise,
        2,
        "saying such reactions are common is the competency itself",
    ),
    row(
        Beh(B::Presence),
        C::Presence,
        1,
        "offering presence without interpreting",
    ),
    row(
        Beh(B::Judgement),
        C::NoJudgement,
        -2,
        "evaluating blame is what the competency forbids",
    ),
    row(
        Beh(B::FactFinding),
        C::NotFactFinding,
        -2,
        "probing the account's accuracy or mechanics",
    ),
    row(
        Beh(B::FactFinding),
        C::ExperienceAndEmotions,
        -1,
        "incident mechanics pull focus from their experience",
    ),
    row(
        Beh(B::Minimising),
        C::Normalise,
        -1,
        "playing the event down is not normalising the feeling",
    ),
    row(
        Beh(B::Minimising),
        C::FollowAffect,
        -1,
        "minimising steps away from the feeling",
    ),
    row(
        Beh(B::PrematureReassurance),
        C::NoJudgement,
        -1,
        "absolving before they have spoken is still a verdict",
    ),
    row(
        Beh(B::Advice),
        C::LetThemLead,
        -1,
        "telling them what to do takes the lead from them",
    ),
    row(
        Beh(B::SelfFocus),
        C::LetThemLead,
        -1,
        "the supporter's own story takes over the conversation",
    ),
    row(
        Beh(B::Confidentiality),
        C::Atmosphere,
        1,
        "a confidentiality promise makes the space safe",
    ),
    row(
        Beh(B::LegalOffer),
        C::LegalSupport,
        2,
        "pointing to proper legal help is the competency itself",
    ),
    row(
        Beh(B::Plan),
        C::PlanNextSteps,
        2,
        "agreeing concrete next steps is the competency itself",
    ),
    row(
        Beh(B::FollowUp),
        C::FollowUp,
        2,
        "arranging a later contact is the competency itself",
    ),
    row(
        Beh(B::Referral),
        C::PlanNextSteps,
        1,
        "a referral is a concrete next step",
    ),
    row(
        Beh(B::SafetyAction),
        C::PlanNextSteps,
        1,
        "a safety action is a concrete next step",
    ),
    row(
        Beh(B::SafetyAction),
        C::Relationship,
        1,
        "keeping them safe puts the person first",
    ),
    row(
        EvidenceSource::Silence,
        C::AllowSilence,
        1,
        "staying silent leaves room for them",
    ),
];

/// The single documented table mapping labels to competency evidence.
/// Suicide inquiry and risk assessment carry no competency evidence here:
/// they are graded by red-flag recognition, which is stricter.
pub fn evidence_table() -> &'static [EvidenceRow] {
    &TABLE
}

/// Sums the table's rows for a turn and clamps each competency to
/// [`EVIDENCE_MIN`]..=[`EVIDENCE_MAX`]. Competencies no row touches are absent.
pub fn evidence_for(
    question: Option<QuestionKind>,
    behaviours: &[Behaviour],
    silence: bool,
) -> BTreeMap<Competency, i8> {
    let mut sums: BTreeMap<Competency, i32> = BTreeMap::new();
    for r in evidence_table() {
        let applies = match r.source {
            // Screening for suicide risk calls for plain closed questions
            // ("are you having thoughts of ending your life?"), so a risk
            // question never counts against open questioning.
            EvidenceSource::Question(QuestionKind::Closed) if asks_about_risk(behaviours) => false,
            EvidenceSource::Question(k) => question == Some(k),
            EvidenceSource::Behaviour(b) => behaviours.contains(&b),
            EvidenceSource::Silence => silence,
        };
        if applies {
            *sums.entry(r.competency).or_insert(0) += i32::from(r.weight);
        }
    }
    sums.into_iter()
        .map(|(c, v)| {
            (
                c,
                v.clamp(i32::from(EVIDENCE_MIN), i32::from(EVIDENCE_MAX)) as i8,
            )
        })
        .collect()
}

/// Whether the response screens for suicide risk (a direct question about
/// suicidal thoughts, or about plan, intent or means).
fn asks_about_risk(behaviours: &[Behaviour]) -> bool {
    behaviours
        .iter()
        .any(|b| matches!(b, Behaviour::SuicideInquiry | Behaviour::RiskAssessment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_risk_question_is_not_penalised() {
        let plain = evidence_for(Some(QuestionKind::Closed), &[], false);
        assert_eq!(plain.get(&C::OpenQuestions), Some(&-1));
        for b in [B::SuicideInquiry, B::RiskAssessment] {
            let risk = evidence_for(Some(QuestionKind::Closed), &[b], false);
            assert_eq!(risk.get(&C::OpenQuestions), None, "{b}");
        }
    }

    #[test]
    fn every_behaviour_is_in_the_table_or_deliberately_absent() {
        let graded_elsewhere = [B::SuicideInquiry, B::RiskAssessment];
        for b in Behaviour::ALL {
            let present = TABLE.iter().any(|r| r.source == Beh(b));
            assert_eq!(present, !graded_elsewhere.contains(&b), "{b}");
        }
    }

    #[test]
    fn sums_are_clamped() {
        let e = evidence_for(
            Some(QuestionKind::Closed),
            &[B::Judgement, B::PrematureReassurance],
            false,
        );
        assert_eq!(e[&C::NoJudgement], -2);
        assert_eq!(e[&C::OpenQuestions], -1);
        let e = evidence_for(None, &[], true);
        assert_eq!(e.get(&C::AllowSilence), Some(&1));
        assert_eq!(e.len(), 1);
    }
}

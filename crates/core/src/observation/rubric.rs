//! The observation rubric: for every one of the 15 competencies, what each
//! level looks like when a trainer watches a live role-play, and what
//! recognising or missing each red flag looks like. Written in Rehearse's
//! own words; shown to the trainer while scoring (CLI and desktop) and kept
//! here, in one place.

use crate::competency::Competency;
use crate::grading::Level;
use crate::red_flag::RedFlagCategory;
use serde::Serialize;

/// The levels a trainer scores, lowest first (`not_assessed` means the
/// role-play gave no chance to show it).
pub const SCORED_LEVELS: [Level; 4] = [
    Level::NotYet,
    Level::Developing,
    Level::Competent,
    Level::Exemplary,
];

/// What each scored level looks like for one competency:
/// `[not_yet, developing, competent, exemplary]`.
pub fn descriptors(c: Competency) -> [&'static str; 4] {
    match c {
        Competency::Atmosphere => [
            "Starts abruptly or hurried; no greeting, no word about time or privacy; glances at the clock.",
            "Greets the colleague but the opening feels rushed, or privacy and time are left unsaid.",
            "Greets warmly, thanks them for coming, makes clear there is time and the talk is private.",
            "The opening visibly settles the colleague; the calm tone holds throughout, even when they are upset.",
        ],
        Competency::LetThemLead => [
            "Runs the talk from an agenda of their own; changes the subject or talks at length.",
            "Invites the colleague to start but soon steers back to their own questions.",
            "Lets the colleague choose where to begin and follows the threads they open.",
            "Follows the colleague's lead throughout and hands the direction back whenever they drift into steering.",
        ],
        Competency::Relationship => [
            "Treats the colleague as a case or an incident to process; cool or formal.",
            "Polite and respectful, but the exchange stays impersonal.",
            "Uses their name, shows respect and solidarity as a peer.",
            "The colleague is clearly met as a person; warmth and collegial trust are felt throughout.",
        ],
        Competency::ActiveListening => [
            "Replies do not connect to what was said; no reflection or summary.",
            "Occasional paraphrase, but often moves on without showing what was heard.",
            "Regular reflections and a summary that show the words were heard.",
            "Reflections capture meaning as well as words; summaries help the colleague see their own story.",
        ],
        Competency::OpenQuestions => [
            "Mostly closed or leading questions, often several at once.",
            "Some open questions, mixed with many yes/no ones.",
            "Mainly open questions (what, how, tell me) that invite a story.",
            "Few, well-timed open questions; each one deepens the conversation.",
        ],
        Competency::Presence => [
            "Explains, analyses or interprets what happened early on.",
            "Stays with the colleague at times, but reaches for explanations too soon.",
            "Holds back interpretation and simply stays with them while it is too early.",
            "Steady, unhurried presence in the hardest moments; no need to fix or explain.",
        ],
        Competency::FollowAffect => [
            "Answers only the facts of emotional statements; misses visible distress.",
            "Names a feeling now and then, but mostly follows the content.",
            "Names and reflects the feelings behind what is said, and notices non-verbal signs.",
            "Tracks shifts of feeling closely and responds to them gently and accurately.",
        ],
        Competency::NotFactFinding => [
            "Probes for facts, timelines or fault; questions whether the account is accurate.",
            "A few checking or detail questions that pull away from the experience.",
            "Lets the account stand as their experience; no checking of facts.",
            "Gently turns the colleague away from self-interrogation about details, back to what it meant for them.",
        ],
        Competency::AllowSilence => [
            "Fills every pause at once.",
            "Sometimes waits, but often breaks a silence quickly.",
            "Leaves room for pauses, especially when the colleague is overwhelmed.",
            "Uses silence with ease; it visibly helps the colleague go on.",
        ],
        Competency::ExperienceAndEmotions => [
            "Focuses on the procedure, the patient file or the mechanics of the incident.",
            "Asks about the experience but returns often to the incident itself.",
            "Keeps the focus on what it was and is like for the colleague.",
            "Helps the colleague explore their experience in depth without going over the incident again.",
        ],
        Competency::Normalise => [
            "Pathologises, or says they should not feel this way.",
            "Tries to reassure, but in a way that brushes the feelings aside.",
            "Tells them that strong reactions after such an event are common and understandable.",
            "Normalises at the right moment and in words that fit this colleague's own reactions.",
        ],
        Competency::NoJudgement => [
            "Blames, moralises, or says it was not their fault before they have spoken.",
            "Mostly neutral, with the odd remark that leans towards blame or early absolution.",
            "Stays neutral about responsibility throughout.",
            "Stays neutral even when the colleague presses for a verdict, and explains why gently.",
        ],
        Competency::LegalSupport => [
            "Ignores legal worries, or gives an amateur legal opinion.",
            "Acknowledges the legal worry but offers nothing concrete.",
            "Offers access to legal advice or the organisation's legal support.",
            "Offers legal support concretely (who, how, when) without dismissing the worry or playing lawyer.",
        ],
        Competency::PlanNextSteps => [
            "Ends vaguely; no plan, no word on where to get help.",
            "Mentions next steps, but who does what stays unclear.",
            "Agrees concrete next steps with the colleague: who does what, where to get help.",
            "A plan the colleague helped shape, checked back with them, with a fallback if things get worse.",
        ],
        Competency::FollowUp => [
            "No follow-up, or only a vague or far-off one.",
            "Suggests staying in touch without a date or a way.",
            "Arranges a concrete contact within one to two weeks.",
            "A concrete contact within one to two weeks, agreed with the colleague, with a way to reach out sooner.",
        ],
    }
}

/// The descriptor of one level of one competency (`not_assessed`: the
/// role-play gave no chance to show it).
pub fn descriptor(c: Competency, level: Level) -> &'static str {
    let d = descriptors(c);
    match level {
        Level::NotAssessed => {
            "The role-play gave no chance to show it; it is neither credited nor counted against."
        }
        Level::NotYet => d[0],
        Level::Developing => d[1],
        Level::Competent => d[2],
        Level::Exemplary => d[3],
    }
}

/// What recognising one red flag looks like in a live role-play, and what
/// counts as missing it.
pub fn red_flag_descriptors(f: RedFlagCategory) -> (&'static str, &'static str) {
    match f {
        RedFlagCategory::SuicideRisk => (
            "Asks plainly about thoughts of suicide, then about plan, intent and means, and acts: does not leave them alone when the risk is high and connects them to professional help now.",
            "Changes the subject, reassures or minimises ('you'd never do that'), or asks without acting on the answer.",
        ),
        RedFlagCategory::SevereDecompensation => (
            "Names the concern, checks safety (fitness to work and drive included) and arranges an urgent referral to mental-health or occupational-health services.",
            "Carries on as usual, minimises, or lets the colleague go back to work or drive without checking.",
        ),
    }
}

/// One competency's row of the rubric, for screens and `rehearse observe rubric`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RubricRow {
    /// The competency id.
    pub competency: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What it asks of a supporter.
    pub description: &'static str,
    /// `(level id, descriptor)` for each scored level, lowest first.
    pub levels: Vec<(&'static str, &'static str)>,
}

/// One red flag's row of the rubric.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RedFlagRow {
    /// The category id.
    pub category: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What recognising it looks like.
    pub recognised: &'static str,
    /// What missing it looks like.
    pub missed: &'static str,
}

/// The whole rubric.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rubric {
    /// All 15 competencies in framework order.
    pub competencies: Vec<RubricRow>,
    /// Both red-flag categories.
    pub red_flags: Vec<RedFlagRow>,
}

/// The whole rubric as data.
pub fn rubric() -> Rubric {
    Rubric {
        competencies: Competency::ALL
            .iter()
            .map(|&c| RubricRow {
                competency: c.id(),
                title: c.title(),
                description: c.description(),
                levels: SCORED_LEVELS
                    .iter()
                    .map(|&l| (l.id(), descriptor(c, l)))
                    .collect(),
            })
            .collect(),
        red_flags: RedFlagCategory::ALL
            .iter()
            .map(|&f| {
                let (recognised, missed) = red_flag_descriptors(f);
                RedFlagRow {
                    category: f.id(),
                    title: f.title(),
                    recognised,
                    missed,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_level_of_every_competency_has_its_own_descriptor() {
        let mut seen = HashSet::new();
        for c in Competency::ALL {
            for l in SCORED_LEVELS {
                let d = descriptor(c, l);
                assert!(d.len() > 20, "{c:?} {l:?} too short");
                assert!(seen.insert(d), "{c:?} {l:?} repeats another descriptor");
            }
        }
        assert_eq!(seen.len(), 60);
        let r = rubric();
        assert_eq!(r.competencies.len(), 15);
        assert!(r.competencies.iter().all(|row| row.levels.len() == 4));
        assert_eq!(r.red_flags.len(), 2);
    }
}

//! Grading: competency levels from the evidence of an attempt, red-flag
//! outcomes, and the pass rule.
//!
//! For each competency, each turn contributes its evidence deltas summed and
//! clamped to -2..=+2. The score is the sum of those turn deltas divided by
//! the number of turns that gave a chance to show the competency (a beat
//! where some option carried positive evidence for it) or that produced
//! evidence for it, whichever is larger. A competency with no chance and no
//! evidence is *not assessed*, never zero.
//!
//! | score            | level       |
//! |------------------|-------------|
//! | below 0.25       | not yet     |
//! | 0.25 to below 0.75 | developing |
//! | 0.75 to below 1.5  | competent  |
//! | 1.5 and above    | exemplary   |
//!
//! A competency that had only one chance on the path (one turn's evidence)
//! cannot reach *exemplary*: it is capped at competent and marked as
//! limited evidence, because one good line is not a pattern.
//!
//! An attempt passes when no red flag is missed and every targeted
//! competency is competent or better. A red flag counts as recognised only
//! when the trainee asked and then acted within its window; a later turn that
//! waved the risk away revokes it, and a revoked flag counts as missed.

use crate::attempt::{Attempt, EvidenceItem, FlagOutcome, FlagTrack, Turn};
use crate::competency::Competency;
use crate::locale::{key, messages, Arg, Language};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A competency level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Level {
    /// No chance to show it on this path.
    NotAssessed,
    /// Evidence against, or chances missed.
    NotYet,
    /// Some evidence for.
    Developing,
    /// Consistent evidence for.
    Competent,
    /// Strong, consistent evidence for.
    Exemplary,
}

impl Level {
    /// All levels, lowest first.
    pub const ALL: [Level; 5] = [
        Level::NotAssessed,
        Level::NotYet,
        Level::Developing,
        Level::Competent,
        Level::Exemplary,
    ];

    /// The stable id.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        self.label_in(Language::En)
    }

    /// The level for a score.
    pub fn from_score(score: f64) -> Level {
        if score >= 1.5 {
            Level::Exemplary
        } else if score >= 0.75 {
            Level::Competent
        } else if score >= 0.25 {
            Level::Developing
        } else {
            Level::NotYet
        }
    }

    /// Competent or exemplary.
    pub fn is_competent(self) -> bool {
        self >= Level::Competent
    }
}

impl std::str::FromStr for Level {
    type Err = crate::competency::UnknownId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Stored ids first: a label is looked up in the English catalogue,
        // which costs far more than comparing ids (records parse a level
        // per grade).
        Level::ALL
            .into_iter()
            .find(|l| l.id() == s)
            .or_else(|| Level::ALL.into_iter().find(|l| l.label() == s))
            .ok_or_else(|| crate::competency::UnknownId::new("level", s, Level::ALL.map(Level::id)))
    }
}

/// The grade of one competency in one attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyGrade {
    /// The competency.
    pub competency: Competency,
    /// Whether the scenario targets it.
    pub targeted: bool,
    /// The level.
    pub level: Level,
    /// Score from -2 to +2; absent when not assessed.
    pub score: Option<f64>,
    /// Turns that gave a chance to show it.
    pub opportunities: u32,
    /// Assessed on a single chance: the level is capped at competent.
    #[serde(default)]
    pub limited_evidence: bool,
    /// The evidence behind the level.
    pub evidence: Vec<EvidenceItem>,
}

/// A red flag's outcome in an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedFlagGrade {
    /// The red-flag category.
    pub category: crate::red_flag::RedFlagCategory,
    /// The beat whose line carried the warning sign.
    pub beat: String,
    /// How severe the red flag is: high severity needs a same-day safety step.
    pub severity: crate::red_flag::Severity,
    /// The turn at which the warning sign was first open to a response.
    /// Report schema v1 names it `cue_turn`, and stays so.
    #[serde(rename = "cue_turn")]
    pub sign_turn: u32,
    /// The window in turns.
    pub window: u32,
    /// Recognised or missed (open only while the attempt is in progress).
    pub outcome: FlagOutcome,
    /// Turns that completed recognition steps.
    pub turns: Vec<u32>,
    /// The turn that acted on the warning sign (referral or safety step).
    #[serde(default)]
    pub act_turn: Option<u32>,
    /// The turn that undid the safety step or waved the risk away.
    #[serde(default)]
    pub revoked_turn: Option<u32>,
}

/// The grade of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// Whether it passed.
    pub passed: bool,
    /// Critical errors, shown first (missed red flags).
    pub critical: Vec<String>,
    /// Reasons it did not pass, in plain words.
    pub reasons: Vec<String>,
    /// All 15 competencies, in framework order.
    pub competencies: Vec<CompetencyGrade>,
    /// Red flags met.
    pub red_flags: Vec<RedFlagGrade>,
}

/// Grades the turns and flags of an attempt against the scenario's targets.
pub fn grade(targets: &[Competency], turns: &[Turn], flags: &[FlagTrack]) -> Grade {
    let mut per_turn: BTreeMap<Competency, BTreeMap<u32, i32>> = BTreeMap::new();
    let mut opportunities: BTreeMap<Competency, u32> = BTreeMap::new();
    let mut items: BTreeMap<Competency, Vec<EvidenceItem>> = BTreeMap::new();
    for t in turns {
        for c in &t.opportunities {
            *opportunities.entry(*c).or_default() += 1;
        }
        for e in &t.evidence {
            *per_turn
                .entry(e.competency)
                .or_default()
                .entry(t.number)
                .or_default() += i32::from(e.delta);
            items.entry(e.competency).or_default().push(e.clone());
        }
    }
    let competencies: Vec<CompetencyGrade> = Competency::ALL
        .into_iter()
        .map(|c| {
            let turn_deltas = per_turn.get(&c);
            let chances = opportunities.get(&c).copied().unwrap_or(0);
            let evidenced = turn_deltas.map_or(0, |m| m.len() as u32);
            let turns = chances.max(evidenced);
            let limited_evidence = turns == 1;
            let (level, score) = if turns == 0 {
                (Level::NotAssessed, None)
            } else {
                let sum: i32 =
                    turn_deltas.map_or(0, |m| m.values().map(|d| (*d).clamp(-2, 2)).sum());
                let score = f64::from(sum) / f64::from(turns);
                let level = Level::from_score(score);
                let level = if limited_evidence {
                    level.min(Level::Competent)
                } else {
                    level
                };
                (level, Some((score * 100.0).round() / 100.0))
            };
            CompetencyGrade {
                competency: c,
                targeted: targets.contains(&c),
                level,
                score,
                opportunities: chances,
                limited_evidence,
                evidence: items.remove(&c).unwrap_or_default(),
            }
        })
        .collect();
    let red_flags: Vec<RedFlagGrade> = flags
        .iter()
        .map(|f| RedFlagGrade {
            category: f.category,
            beat: f.beat.clone(),
            severity: f.severity,
            sign_turn: f.sign_turn,
            window: f.window,
            outcome: f.outcome,
            turns: f.step_turns.clone(),
            act_turn: f.act_turn,
            revoked_turn: f.revoked_turn,
        })
        .collect();
    let critical: Vec<String> = red_flags
        .iter()
        .filter_map(|f| f.missed_reason(Language::En))
        .collect();
    let mut reasons = critical.clone();
    reasons.extend(
        competencies
            .iter()
            .filter_map(|g| g.shortfall(Language::En)),
    );
    Grade {
        passed: reasons.is_empty(),
        critical,
        reasons,
        competencies,
        red_flags,
    }
}

impl RedFlagGrade {
    /// Why a missed flag fails the attempt, in `lang`; none unless missed.
    pub fn missed_reason(&self, lang: Language) -> Option<String> {
        if self.outcome != FlagOutcome::Missed {
            return None;
        }
        let m = messages(lang);
        let category = self.category.title_in(lang).to_lowercase();
        let common = [
            ("category", Arg::from(category)),
            ("turn", Arg::from(self.sign_turn)),
            ("beat", Arg::from(&self.beat)),
            ("window", Arg::from(self.window)),
        ];
        Some(match self.revoked_turn {
            Some(t) => {
                let mut args = common.to_vec();
                args.push(("revoked", Arg::from(t)));
                m.get("reason-flag-revoked", &args)
            }
            None if self.turns.is_empty() => m.get("reason-flag-not-asked", &common),
            None => {
                let act = match self.severity {
                    crate::red_flag::Severity::High => "reason-act-high",
                    crate::red_flag::Severity::Moderate => "reason-act-moderate",
                };
                let mut args = common.to_vec();
                args.push(("act", Arg::from(m.text(act))));
                m.get("reason-flag-not-acted", &args)
            }
        })
    }
}

impl CompetencyGrade {
    /// Why a targeted competency below competent fails the attempt, in
    /// `lang`; none when it is not targeted or is competent.
    pub fn shortfall(&self, lang: Language) -> Option<String> {
        if !self.targeted || self.level.is_competent() {
            return None;
        }
        let m = messages(lang);
        let competency = self.competency.title_in(lang);
        Some(match self.level {
            Level::NotAssessed => m.get("reason-not-shown", &[("competency", competency.into())]),
            l => m.get(
                "reason-below-competent",
                &[
                    ("competency", competency.into()),
                    ("level", l.label_in(lang).into()),
                ],
            ),
        })
    }
}

impl Attempt {
    /// Grades the attempt as it stands.
    pub fn grade(&self) -> Grade {
        grade(
            &self.scenario().def.meta.targets,
            self.turns(),
            self.flags(),
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(Level::from_score(-1.0), Level::NotYet);
        assert_eq!(Level::from_score(0.0), Level::NotYet);
        assert_eq!(Level::from_score(0.5), Level::Developing);
        assert_eq!(Level::from_score(1.0), Level::Competent);
        assert_eq!(Level::from_score(2.0), Level::Exemplary);
    }

    #[test]
    fn nothing_to_show_is_not_assessed_and_blocks_only_if_targeted() {
        let g = grade(&[], &[], &[]);
        assert!(g.passed);
        assert!(g
            .competencies
            .iter()
            .all(|c| c.level == Level::NotAssessed && c.score.is_none()));
        let g = grade(&[Competency::FollowUp], &[], &[]);
        assert!(!g.passed);
        assert!(g.reasons[0].contains("not shown"));
    }
}

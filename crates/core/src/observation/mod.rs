//! Observed role-play: a trainer watches a live role-play with a human
//! partner (another trainee or an actor) and scores it against the same 15
//! competencies and red flags as the automated assessments, using the
//! [`rubric`]. Timestamped notes are kept as evidence; there is no
//! transcript. The records ([`crate::records::observation`]) store
//! observations beside the automated attempts, chained and audited;
//! certification can require one ([`crate::certification::policy::ObservedRule`]),
//! and [`agreement`] compares automated and observed results.

pub mod agreement;
pub mod rubric;

use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::red_flag::{Recognition, RedFlagCategory};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

pub use agreement::{AgreementReport, CompetencyAgreement, Pair};

/// The longest note accepted: notes are evidence jotted while watching,
/// not a transcript.
pub const MAX_NOTE_CHARS: usize = 500;
/// The most notes one observation keeps.
pub const MAX_NOTES: usize = 100;
/// The longest role-play a note's time may point into (4 hours).
pub const MAX_ELAPSED_SECONDS: u32 = 4 * 60 * 60;

/// Who played the second victim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Partner {
    /// Another trainee.
    Trainee,
    /// A trained actor.
    Actor,
}

impl Partner {
    /// The stored id.
    pub fn id(self) -> &'static str {
        self.into()
    }
}

impl std::str::FromStr for Partner {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "trainee" => Ok(Partner::Trainee),
            "actor" => Ok(Partner::Actor),
            other => Err(Error::Input(format!(
                "the role-play partner is trainee or actor, not \"{other}\""
            ))),
        }
    }
}

/// A timestamped note: how far into the role-play, optionally which
/// competency it is evidence for, and the trainer's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    /// Seconds from the start of the role-play.
    pub elapsed_seconds: u32,
    /// The competency it is evidence for, if any.
    #[serde(default)]
    pub competency: Option<Competency>,
    /// The note; empty in a stored observation once the trainee was
    /// erased (a note is never recorded empty).
    pub text: String,
}

impl Note {
    /// Reads a note written as `TIME [COMPETENCY:] TEXT`, for example
    /// `04:12 open_questions: asks how the night was for her` (TIME as
    /// [`parse_elapsed`] reads it).
    pub fn parse(line: &str) -> Result<Note> {
        let line = line.trim();
        let (time, rest) = line.split_once(char::is_whitespace).ok_or_else(|| {
            Error::Input(format!(
                "a note is \"TIME [COMPETENCY:] TEXT\" (for example \"04:12 asks how the night was\"), not \"{line}\""
            ))
        })?;
        let elapsed_seconds = parse_elapsed(time)?;
        let rest = rest.trim_start();
        let (competency, text) = match rest.split_once(':') {
            Some((id, text)) if !id.contains(char::is_whitespace) && !id.is_empty() => {
                let c: Competency = id
                    .parse()
                    .map_err(|e| Error::Input(format!("in the note at {time}: {e}")))?;
                (Some(c), text.trim())
            }
            _ => (None, rest),
        };
        Ok(Note {
            elapsed_seconds,
            competency,
            text: text.to_string(),
        })
    }

    /// The time as `mm:ss` (or `h:mm:ss` past an hour).
    pub fn elapsed(&self) -> String {
        format_elapsed(self.elapsed_seconds)
    }
}

/// `mm:ss`, or `h:mm:ss` from an hour on.
pub fn format_elapsed(s: u32) -> String {
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// Reads a note's time: `mm:ss`, `h:mm:ss` or whole seconds.
pub fn parse_elapsed(text: &str) -> Result<u32> {
    let bad = || {
        Error::Input(format!(
            "\"{text}\" is not a time into the role-play (mm:ss, h:mm:ss or seconds)"
        ))
    };
    let parts: Vec<&str> = text.trim().split(':').collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                Err(bad())
            } else {
                p.parse::<u32>().map_err(|_| bad())
            }
        })
        .collect::<Result<_>>()?;
    let secs = match nums.as_slice() {
        [s] => *s,
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return Err(bad()),
    };
    if secs > MAX_ELAPSED_SECONDS {
        return Err(Error::Input(format!(
            "{text} is past the longest role-play a note may point into ({})",
            format_elapsed(MAX_ELAPSED_SECONDS)
        )));
    }
    Ok(secs)
}

/// What a trainer records for one observed role-play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewObservation {
    /// The trainee observed.
    pub trainee: Uuid,
    /// Who played the second victim.
    pub partner: Partner,
    /// The scenario used as the role-play's brief, if any (a library id).
    #[serde(default)]
    pub scenario_id: Option<String>,
    /// When the role-play started.
    pub observed_at: DateTime<Utc>,
    /// The level of each competency scored; the rest are not assessed.
    pub levels: BTreeMap<Competency, Level>,
    /// The red flags the role-play presented, each recognised or missed.
    #[serde(default)]
    pub red_flags: BTreeMap<RedFlagCategory, Recognition>,
    /// Timestamped notes, the evidence.
    #[serde(default)]
    pub notes: Vec<Note>,
}

impl NewObservation {
    /// Checks it and returns it tidied (trimmed notes sorted by time, all 15
    /// competencies present): at least one competency scored, notes short
    /// and non-empty, a plausible scenario id.
    pub fn validated(mut self) -> Result<NewObservation> {
        if !self.levels.values().any(|l| *l != Level::NotAssessed) {
            return Err(Error::Input(
                "an observation needs at least one competency scored (not_yet, developing, competent or exemplary)".into(),
            ));
        }
        for c in Competency::ALL {
            self.levels.entry(c).or_insert(Level::NotAssessed);
        }
        if let Some(s) = &self.scenario_id {
            let s = s.trim();
            if s.is_empty() {
                self.scenario_id = None;
            } else if s.len() > 100
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(Error::Input(format!(
                    "\"{s}\" is not a scenario id (letters, digits, - and _, at most 100)"
                )));
            } else {
                self.scenario_id = Some(s.to_string());
            }
        }
        if self.notes.len() > MAX_NOTES {
            return Err(Error::Input(format!(
                "an observation keeps at most {MAX_NOTES} notes"
            )));
        }
        for n in &mut self.notes {
            n.text = n.text.trim().to_string();
            if n.text.is_empty() {
                return Err(Error::Input(format!(
                    "the note at {} is empty",
                    n.elapsed()
                )));
            }
            if n.text.chars().count() > MAX_NOTE_CHARS {
                return Err(Error::Input(format!(
                    "the note at {} is longer than {MAX_NOTE_CHARS} characters; notes are evidence, not a transcript",
                    n.elapsed()
                )));
            }
            if n.elapsed_seconds > MAX_ELAPSED_SECONDS {
                return Err(Error::Input(format!(
                    "a note at {} is past the longest role-play ({})",
                    n.elapsed(),
                    format_elapsed(MAX_ELAPSED_SECONDS)
                )));
            }
        }
        self.notes.sort_by_key(|n| n.elapsed_seconds);
        Ok(self)
    }

    /// Passed by the same rule as an automated assessment: no red flag
    /// missed and every competency scored at competent or better.
    pub fn passed(&self) -> bool {
        meets(&self.levels, &self.red_flags, Level::Competent)
    }
}

/// Whether scores meet a level: at least one competency scored, every
/// scored one at `at_least` or better, and no red flag missed.
pub fn meets(
    levels: &BTreeMap<Competency, Level>,
    red_flags: &BTreeMap<RedFlagCategory, Recognition>,
    at_least: Level,
) -> bool {
    let scored: Vec<Level> = levels
        .values()
        .copied()
        .filter(|l| *l != Level::NotAssessed)
        .collect();
    !scored.is_empty()
        && scored.iter().all(|l| *l >= at_least)
        && red_flags.values().all(|f| *f != Recognition::Missed)
}

/// A stored observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Observation {
    /// Its id.
    pub id: Uuid,
    /// Position in the observations chain.
    pub seq: i64,
    /// The trainee observed.
    pub trainee: Uuid,
    /// The observing trainer's id.
    pub trainer: Uuid,
    /// The observing trainer's name.
    pub trainer_name: String,
    /// Who played the second victim.
    pub partner: Partner,
    /// The scenario used as the brief, if any.
    pub scenario_id: Option<String>,
    /// When the role-play started.
    pub observed_at: DateTime<Utc>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// All 15 competencies in framework order with their level.
    pub levels: Vec<(Competency, Level)>,
    /// The red flags it presented.
    pub red_flags: Vec<(RedFlagCategory, Recognition)>,
    /// The notes, by time.
    pub notes: Vec<Note>,
    /// The notes' words were erased with the trainee's personal data: each
    /// note keeps its time and competency, its text is empty.
    #[serde(default)]
    pub notes_erased: bool,
    /// Passed (no red flag missed, every scored competency competent or better).
    pub passed: bool,
}

/// An observed role-play as certification sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedRecord {
    /// The observation.
    pub observation: Uuid,
    /// The day of the role-play.
    pub observed_on: NaiveDate,
    /// The level of each competency (unscored ones `not_assessed` or absent).
    pub levels: BTreeMap<Competency, Level>,
    /// The red flags it presented.
    pub red_flags: BTreeMap<RedFlagCategory, Recognition>,
}

impl ObservedRecord {
    /// Whether it meets `at_least`: every scored competency at that level
    /// or better and no red flag missed.
    pub fn meets(&self, at_least: Level) -> bool {
        meets(&self.levels, &self.red_flags, at_least)
    }
}

impl Observation {
    /// What certification sees of it.
    pub fn record(&self) -> ObservedRecord {
        ObservedRecord {
            observation: self.id,
            observed_on: self.observed_at.date_naive(),
            levels: self.levels.iter().copied().collect(),
            red_flags: self.red_flags.iter().copied().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(
        levels: &[(Competency, Level)],
        flags: &[(RedFlagCategory, Recognition)],
    ) -> NewObservation {
        NewObservation {
            trainee: Uuid::nil(),
            partner: Partner::Actor,
            scenario_id: None,
            observed_at: "2025-03-01T10:00:00Z".parse().unwrap(),
            levels: levels.iter().copied().collect(),
            red_flags: flags.iter().copied().collect(),
            notes: vec![],
        }
    }

    #[test]
    fn elapsed_times_read_and_print() {
        assert_eq!(parse_elapsed("04:12").unwrap(), 252);
        assert_eq!(parse_elapsed("1:02:03").unwrap(), 3723);
        assert_eq!(parse_elapsed("90").unwrap(), 90);
        assert_eq!(format_elapsed(252), "04:12");
        assert_eq!(format_elapsed(3723), "1:02:03");
        for bad in ["", "4:75", "a:10", "-1", "5:00:00", "1::2"] {
            assert_eq!(parse_elapsed(bad).unwrap_err().code(), "input", "{bad}");
        }
    }

    #[test]
    fn notes_read_with_an_optional_competency() {
        let n = Note::parse("04:12 open_questions: asks how the night was").unwrap();
        assert_eq!(n.elapsed_seconds, 252);
        assert_eq!(n.competency, Some(Competency::OpenQuestions));
        assert_eq!(n.text, "asks how the night was");
        let n = Note::parse("1:00 silence held: good").unwrap();
        assert_eq!(
            (n.competency, n.text.as_str()),
            (None, "silence held: good")
        );
        assert!(Note::parse("04:12 sadness: x")
            .unwrap_err()
            .to_string()
            .contains("sadness"));
        assert_eq!(Note::parse("no-time").unwrap_err().code(), "input");
        assert_eq!(Note::parse("xx:yy text").unwrap_err().code(), "input");
    }

    #[test]
    fn passing_needs_every_scored_competency_competent_and_no_missed_flag() {
        use Competency::*;
        let good = obs(
            &[
                (OpenQuestions, Level::Competent),
                (Presence, Level::Exemplary),
            ],
            &[(RedFlagCategory::SuicideRisk, Recognition::Recognised)],
        );
        assert!(good.passed());
        let weak = obs(
            &[
                (OpenQuestions, Level::Competent),
                (Presence, Level::Developing),
            ],
            &[],
        );
        assert!(!weak.passed());
        assert!(meets(&weak.levels, &weak.red_flags, Level::Developing));
        let missed = obs(
            &[(OpenQuestions, Level::Exemplary)],
            &[(RedFlagCategory::SuicideRisk, Recognition::Missed)],
        );
        assert!(!missed.passed());
    }

    #[test]
    fn validation_refuses_empty_scores_long_notes_and_bad_ids() {
        let none = obs(&[(Competency::Presence, Level::NotAssessed)], &[]);
        assert!(none
            .validated()
            .unwrap_err()
            .to_string()
            .contains("at least one"));
        let mut long = obs(&[(Competency::Presence, Level::Competent)], &[]);
        long.notes.push(Note {
            elapsed_seconds: 10,
            competency: None,
            text: "x".repeat(MAX_NOTE_CHARS + 1),
        });
        assert!(long
            .validated()
            .unwrap_err()
            .to_string()
            .contains("not a transcript"));
        let mut id = obs(&[(Competency::Presence, Level::Competent)], &[]);
        id.scenario_id = Some("../etc".into());
        assert_eq!(id.validated().unwrap_err().code(), "input");
        let mut ok = obs(&[(Competency::Presence, Level::Competent)], &[]);
        ok.notes = vec![
            Note {
                elapsed_seconds: 300,
                competency: None,
                text: " later ".into(),
            },
            Note {
                elapsed_seconds: 5,
                competency: Some(Competency::Atmosphere),
                text: "greets".into(),
            },
        ];
        let ok = ok.validated().unwrap();
        assert_eq!(ok.levels.len(), 15);
        assert_eq!(ok.notes[0].elapsed_seconds, 5);
        assert_eq!(ok.notes[1].text, "later");
    }
}

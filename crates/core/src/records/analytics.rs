//! The read API behind cohort and item analytics ([`crate::analytics`]).
//!
//! It returns completed **assessment** attempts (practice never counts) as
//! facts: who (a pseudonymous id and the organisation), which scenario
//! version, when, whether it passed and each competency's level (trainer
//! moderation applied), the warning signs with their turns, and, per turn,
//! only the beat, the option the engine took, the net evidence and the
//! time. No transcript is read: the trainee's words (`said`, the free text
//! in `input` and `detail`, the analyser's matched spans) are never
//! selected; beats, routes and red-flag grades come out of the stored JSON
//! through SQLite's JSON functions. Retention erases only the words, so an
//! attempt whose transcript was erased gives the same facts.

use super::history::effective;
use super::store::Store;
use crate::clock::read_instant;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::{Level, RedFlagGrade};
use crate::red_flag::Recognition;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Which attempts an analytics report covers. Empty fields keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortFilter {
    /// Only trainees of this organisation (case-insensitive, exact).
    pub organisation: Option<String>,
    /// Only attempts completed on or after this day.
    pub from: Option<NaiveDate>,
    /// Only attempts completed on or before this day.
    pub to: Option<NaiveDate>,
    /// Only attempts at this scenario id.
    pub scenario: Option<String>,
}

impl CohortFilter {
    /// The same cohort as an export filter, for an export's date range and
    /// organisation rules (a blank organisation means any).
    pub fn as_export(&self) -> super::filter::Filter {
        super::filter::Filter {
            organisation: self
                .organisation
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            from: self.from,
            to: self.to,
            status: Vec::new(),
        }
    }

    /// The cohort of an export filter (its status filter does not apply)
    /// at one scenario or all.
    pub fn from_export(filter: &super::filter::Filter, scenario: Option<String>) -> CohortFilter {
        CohortFilter {
            organisation: filter.organisation.clone(),
            from: filter.from,
            to: filter.to,
            scenario,
        }
    }

    /// Refuses a backwards date range.
    pub fn validate(&self) -> Result<()> {
        self.as_export().validate()
    }

    /// Whether an organisation passes.
    pub fn organisation_matches(&self, org: Option<&str>) -> bool {
        self.as_export().organisation_matches(org)
    }
}

/// One competency's grade in an attempt (moderation applied).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyFact {
    /// The competency.
    pub competency: Competency,
    /// Its level (a moderated level replaces the engine's).
    pub level: Level,
    /// The engine's score, when assessed.
    pub score: Option<f64>,
    /// Whether the scenario targets it.
    pub targeted: bool,
}

/// One warning sign met in an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagFact {
    /// The category id (`suicide_risk`, …).
    pub category: String,
    /// The beat whose line carried the warning sign.
    pub beat: String,
    /// The first trainee turn that could respond to it.
    pub sign_turn: u32,
    /// Its window in turns.
    pub window: u32,
    /// Recognised, with moderation applied.
    pub recognised: bool,
    /// The turn that completed recognition (the last of its steps and its
    /// act); none when missed, or when a trainer changed the outcome.
    pub recognised_turn: Option<u32>,
}

/// One turn, without its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnFact {
    /// From 1.
    pub number: u32,
    /// The beat responded to.
    pub beat: String,
    /// The option the engine took: a choice's id, `free_text:N`,
    /// `otherwise`, `silence` or `no_match`.
    pub option: String,
    /// The turn's evidence deltas summed.
    pub net: i32,
    /// When it was committed.
    pub at: DateTime<Utc>,
}

/// A completed assessment as analytics sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortAttempt {
    /// The attempt.
    pub attempt: Uuid,
    /// The trainee (pseudonymous).
    pub trainee: Uuid,
    /// The trainee's organisation.
    pub organisation: Option<String>,
    /// Scenario id.
    pub scenario_id: String,
    /// Version string.
    pub scenario_version: String,
    /// Content hash.
    pub content_hash: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it was completed.
    pub ended_at: DateTime<Utc>,
    /// Passed, with moderation applied.
    pub passed: bool,
    /// All 15 competencies in framework order.
    pub competencies: Vec<CompetencyFact>,
    /// Warning signs met, in the order graded.
    pub red_flags: Vec<FlagFact>,
    /// Its turns in order.
    pub turns: Vec<TurnFact>,
}

/// A trainee as the refresher forecast sees them: no name, no email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortTrainee {
    /// Pseudonymous id.
    pub id: Uuid,
    /// The organisation the trainee belongs to, when one was given.
    pub organisation: Option<String>,
}

fn uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::Database(format!("stored id \"{s}\" is not a UUID")))
}

/// The option id of a stored route (`$.route` of a turn's detail).
fn option_id(kind: &str, id: Option<String>, index: Option<i64>) -> String {
    match kind {
        "choice" => id
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("c{}", index.unwrap_or(0))),
        "free_text" => format!("free_text:{}", index.unwrap_or(0)),
        other => other.to_string(),
    }
}

type AttemptRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

impl Store {
    /// Completed assessment attempts passing the filter, oldest first.
    pub fn cohort_attempts(&self, filter: &CohortFilter) -> Result<Vec<CohortAttempt>> {
        filter.validate()?;
        let conn = &self.conn;
        let rows: Vec<AttemptRow> = {
            let mut stmt = conn.prepare(
                "SELECT a.id, a.trainee_id, t.organisation, a.scenario_id, a.scenario_version,
                        a.content_hash, a.started_at, a.ended_at,
                        (SELECT json_group_object(json_extract(c.value, '$.competency'), json_extract(c.value, '$.score'))
                           FROM json_each(a.report, '$.competencies') c),
                        json_extract(a.report, '$.red_flags')
                 FROM attempts a JOIN trainees t ON t.id = a.trainee_id
                 WHERE a.status = 'completed' AND a.mode = 'assessment' AND a.ended_at IS NOT NULL
                   AND (?1 IS NULL OR lower(trim(t.organisation)) = lower(trim(?1)))
                   AND (?2 IS NULL OR substr(a.ended_at, 1, 10) >= ?2)
                   AND (?3 IS NULL OR substr(a.ended_at, 1, 10) <= ?3)
                   AND (?4 IS NULL OR a.scenario_id = ?4)
                 ORDER BY a.ended_at, a.id",
            )?;
            let blank = |s: &Option<String>| {
                s.as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let rows = stmt.query_map(
                params![
                    blank(&filter.organisation),
                    filter.from.map(|d| d.to_string()),
                    filter.to.map(|d| d.to_string()),
                    blank(&filter.scenario)
                ],
                |r| TryFrom::try_from(r),
            )?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut turns_stmt = conn.prepare_cached(
            "SELECT t.number, json_extract(t.detail, '$.beat'), json_extract(t.detail, '$.route.kind'),
                    json_extract(t.detail, '$.route.id'), json_extract(t.detail, '$.route.index'),
                    (SELECT COALESCE(SUM(json_extract(e.value, '$.delta')), 0) FROM json_each(t.evidence) e),
                    t.created_at
             FROM turns t WHERE t.attempt_id = ?1 ORDER BY t.number",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (
            id,
            trainee,
            organisation,
            scenario_id,
            version,
            hash,
            started,
            ended,
            scores,
            flags,
        ) in rows
        {
            let e = effective(conn, &id)?;
            let scores: BTreeMap<String, Option<f64>> = scores
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            let competencies = Competency::ALL
                .iter()
                .map(|c| {
                    let (level, targeted) = e
                        .competencies
                        .get(c.id())
                        .map(|(l, t)| (l.parse().unwrap_or(Level::NotAssessed), *t))
                        .unwrap_or((Level::NotAssessed, false));
                    CompetencyFact {
                        competency: *c,
                        level,
                        score: scores.get(c.id()).copied().flatten(),
                        targeted,
                    }
                })
                .collect();
            let grades: Vec<RedFlagGrade> = match flags {
                Some(text) => serde_json::from_str(&text).map_err(|err| {
                    Error::Database(format!(
                        "the red flags stored with attempt {id} are unreadable: {err}"
                    ))
                })?,
                None => Vec::new(),
            };
            let red_flags = grades
                .into_iter()
                .map(|g| {
                    let category = g.category.id().to_string();
                    let engine = g.outcome == crate::attempt::FlagOutcome::Recognised;
                    let recognised = e
                        .flags
                        .get(&category)
                        .map(|o| o == Recognition::Recognised.id())
                        .unwrap_or(engine);
                    let recognised_turn = if recognised && engine {
                        g.turns.iter().copied().chain(g.act_turn).max()
                    } else {
                        None
                    };
                    FlagFact {
                        category,
                        beat: g.beat,
                        sign_turn: g.sign_turn,
                        window: g.window,
                        recognised,
                        recognised_turn,
                    }
                })
                .collect();
            let turns = turns_stmt
                .query_map([&id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                })?
                .map(|row| {
                    let (number, beat, kind, choice, index, net, at) = row?;
                    Ok(TurnFact {
                        number: u32::try_from(number).unwrap_or(0),
                        beat: beat.unwrap_or_default(),
                        option: option_id(kind.as_deref().unwrap_or("no_match"), choice, index),
                        net: i32::try_from(net).unwrap_or(0),
                        at: read_instant(&at)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            out.push(CohortAttempt {
                attempt: uuid(&id)?,
                trainee: uuid(&trainee)?,
                organisation,
                passed: e.passed(),
                scenario_id,
                scenario_version: version,
                content_hash: hash,
                started_at: read_instant(&started)?,
                ended_at: read_instant(&ended)?,
                competencies,
                red_flags,
                turns,
            });
        }
        Ok(out)
    }

    /// Trainees of the filter's organisation who were not erased, by id
    /// only (the refresher forecast names no one).
    pub fn cohort_trainees(&self, filter: &CohortFilter) -> Result<Vec<CohortTrainee>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, organisation FROM trainees WHERE erased_at IS NULL ORDER BY created_at, id",
        )?;
        let rows: Vec<(String, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .filter(|(_, o)| filter.organisation_matches(o.as_deref()))
            .map(|(id, organisation)| {
                Ok(CohortTrainee {
                    id: uuid(&id)?,
                    organisation,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_routes_become_option_ids() {
        assert_eq!(option_id("choice", Some("ask".into()), Some(2)), "ask");
        assert_eq!(option_id("choice", None, Some(2)), "c2");
        assert_eq!(option_id("free_text", None, Some(1)), "free_text:1");
        assert_eq!(option_id("silence", None, None), "silence");
        assert_eq!(option_id("otherwise", None, None), "otherwise");
    }

    #[test]
    fn filters_refuse_a_backwards_range_and_match_organisations_loosely() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let f = CohortFilter {
            organisation: Some(" North Trust ".into()),
            from: Some(d("2026-02-01")),
            to: Some(d("2026-01-01")),
            scenario: None,
        };
        assert!(f.validate().is_err());
        assert!(f.organisation_matches(Some("north trust")));
        assert!(!f.organisation_matches(None));
        assert!(CohortFilter::default().organisation_matches(None));
    }
}

//! Observed role-play: what the trainer's observation screen shows (the
//! rubric, the trainees, the observations so far and their agreement with
//! the automated grades), an observed assessment as a front end sends it,
//! and recording it. The core validates, chains, audits and certifies
//! (`Store::record_observation`); the level and red-flag pairs are read here
//! once for the desktop page and the CLI's flags.

use crate::error::{parse_id, Error, Result};
use crate::view::StatusView;
use rehearse_core::certification::Status;
use rehearse_core::competency::Competency;
use rehearse_core::grading::Level;
use rehearse_core::observation::{
    parse_elapsed, rubric, AgreementReport, NewObservation, Note, Observation, Partner,
};
use rehearse_core::records::Store;
use rehearse_core::red_flag::{Recognition, RedFlagCategory};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Competency levels from `(competency id, level id)` pairs; a competency
/// given twice is refused rather than one of the two silently kept.
pub fn parse_levels<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<BTreeMap<Competency, Level>> {
    let mut out = BTreeMap::new();
    for (c, l) in pairs {
        let c: Competency = c.trim().parse().map_err(invalid)?;
        let l: Level = l.trim().parse().map_err(invalid)?;
        if out.insert(c, l).is_some() {
            return Err(Error::Invalid(format!("{} is given twice", c.id())));
        }
    }
    Ok(out)
}

/// Red-flag recognition from `(category id, recognised|missed)` pairs; a
/// category given twice is refused.
pub fn parse_red_flags<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<BTreeMap<RedFlagCategory, Recognition>> {
    let mut out = BTreeMap::new();
    for (f, v) in pairs {
        let f: RedFlagCategory = f.trim().parse().map_err(invalid)?;
        let v: Recognition = v.trim().parse()?;
        if out.insert(f, v).is_some() {
            return Err(Error::Invalid(format!("{} is given twice", f.id())));
        }
    }
    Ok(out)
}

/// A trainee the trainer may observe.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TraineeChoice {
    /// Pseudonymous id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The organisation the trainee belongs to, when one was given.
    pub organisation: Option<String>,
}

/// Everything the observation screen shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObservationOverview {
    /// Descriptors for every level of every competency, and the red flags.
    pub rubric: rubric::Rubric,
    /// Trainees (erased ones left out).
    pub trainees: Vec<TraineeChoice>,
    /// Observations recorded so far, newest first.
    pub observations: Vec<Observation>,
    /// Automated and observed results side by side with their agreement.
    pub agreement: AgreementReport,
}

/// One note as the page sends it: the time into the role-play as typed
/// (`mm:ss`), an optional competency id and the words.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteInput {
    /// `mm:ss`, `h:mm:ss` or seconds.
    pub elapsed: String,
    /// A competency id, or empty.
    #[serde(default)]
    pub competency: Option<String>,
    /// The note.
    pub text: String,
}

/// An observed assessment as the page sends it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObservationInput {
    /// Trainee id.
    pub trainee: String,
    /// `trainee` or `actor`.
    pub partner: String,
    /// The brief's scenario id, or empty.
    #[serde(default)]
    pub scenario_id: Option<String>,
    /// Competency id → level id (`not_assessed` or absent: not scored).
    pub levels: BTreeMap<String, String>,
    /// Red-flag category → `recognised` or `missed` (absent: not presented).
    #[serde(default)]
    pub red_flags: BTreeMap<String, String>,
    /// Timestamped notes.
    #[serde(default)]
    pub notes: Vec<NoteInput>,
}

/// What recording returns: the stored observation, the trainee's status
/// now, and the screen as it now stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedObservation {
    /// The observation as stored.
    pub observation: Observation,
    /// The trainee's certification status today.
    pub status: StatusView,
    /// The refreshed screen.
    pub overview: ObservationOverview,
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::Invalid(e.to_string())
}

impl ObservationInput {
    /// The observed assessment, timed at the records clock's now.
    pub fn parse(self, store: &Store) -> Result<NewObservation> {
        let levels = parse_levels(self.levels.iter().map(|(c, l)| (c.as_str(), l.as_str())))?;
        let red_flags =
            parse_red_flags(self.red_flags.iter().map(|(f, v)| (f.as_str(), v.as_str())))?;
        let notes = self
            .notes
            .into_iter()
            .map(|n| {
                Ok(Note {
                    elapsed_seconds: parse_elapsed(&n.elapsed)?,
                    competency: match n.competency.as_deref().map(str::trim) {
                        None | Some("") => None,
                        Some(c) => Some(c.parse().map_err(invalid)?),
                    },
                    text: n.text,
                })
            })
            .collect::<Result<_>>()?;
        Ok(NewObservation {
            trainee: parse_id(&self.trainee, "trainee")?,
            partner: self.partner.parse::<Partner>()?,
            scenario_id: self.scenario_id,
            observed_at: store.clock().now(),
            levels,
            red_flags,
            notes,
        })
    }
}

/// The observation screen as it stands now.
pub fn overview(store: &Store) -> Result<ObservationOverview> {
    let mut observations = store.observations(None)?;
    observations.reverse();
    Ok(ObservationOverview {
        rubric: rubric::rubric(),
        trainees: store
            .trainees()?
            .into_iter()
            .filter(|t| t.erased_at.is_none())
            .map(|t| TraineeChoice {
                id: t.id.to_string(),
                name: t.display_name,
                organisation: t.organisation,
            })
            .collect(),
        observations,
        agreement: store.observation_agreement(None)?,
    })
}

/// Records an observed assessment of a role-play that has just ended (its
/// time is the records clock's now) by the trainer `trainer`: the
/// passphrase is checked before the input is read, so a refused caller
/// learns nothing about its problems.
pub fn record(
    store: &Store,
    trainer: &str,
    passphrase: &str,
    input: ObservationInput,
) -> Result<RecordedObservation> {
    store.authenticate_trainer(trainer, passphrase)?;
    let new = input.parse(store)?;
    let (o, status) = record_new(store, trainer, passphrase, new)?;
    Ok(RecordedObservation {
        status: StatusView::from(&status),
        overview: overview(store)?,
        observation: o,
    })
}

/// Records `new` by the trainer `trainer` and returns it as stored with the
/// trainee's certification status today, which it may have changed. Both
/// front ends record through here: the desktop page by [`record`], the CLI
/// with its own flags.
pub fn record_new(
    store: &Store,
    trainer: &str,
    passphrase: &str,
    new: NewObservation,
) -> Result<(Observation, Status)> {
    let o = store.record_observation(trainer, passphrase, new)?;
    let status = store.status(o.trainee, store.clock().today())?;
    Ok((o, status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_once_and_a_repeat_is_refused() {
        let levels =
            parse_levels([("atmosphere", "competent"), ("presence", " developing ")]).unwrap();
        assert_eq!(levels.len(), 2);
        let twice = parse_levels([("atmosphere", "competent"), ("atmosphere", "not_yet")]);
        assert!(twice.unwrap_err().to_string().contains("twice"));
        assert_eq!(
            parse_levels([("atmos", "competent")]).unwrap_err().code(),
            "invalid"
        );
        let flags = parse_red_flags([("suicide_risk", "recognised")]).unwrap();
        assert_eq!(flags.len(), 1);
        assert!(parse_red_flags([("suicide_risk", "maybe")]).is_err());
    }
}

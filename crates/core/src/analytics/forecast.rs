//! The refresher forecast: who falls due for a refresher in the next 30,
//! 60 or 90 days, from each trainee's certification status
//! ([`crate::certification::evaluate`], through the records store), never
//! from expiry rules of its own.
//!
//! A certified trainee *falls due* on the day the refresher window opens
//! (`Status::window_opens`, when the standing becomes "refresher due").
//! Trainees already refresher due or in grace are listed as due now (0
//! days), with the date the window opened. This is the one report about
//! individuals: it answers "who", by pseudonymous id only, with no result
//! of any attempt; see `docs/analytics.md`.

use crate::certification::{Standing, Status};
use crate::records::analytics::CohortTrainee;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// The forecast horizons, in days.
pub const HORIZONS: [i64; 3] = [30, 60, 90];

/// A trainee falling due within the longest horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// Pseudonymous id.
    pub trainee: Uuid,
    /// The organisation the trainee belongs to, when one was given.
    pub organisation: Option<String>,
    /// Their standing on the forecast day.
    pub standing: Standing,
    /// The day the refresher window opens (or opened).
    pub due_on: NaiveDate,
    /// Days from the forecast day (0 when already due).
    pub days: i64,
    /// The smallest horizon it falls in (30, 60 or 90).
    pub horizon: i64,
    /// The certificate's expiry date.
    pub expires_on: Option<NaiveDate>,
}

/// Whether, and when, a status falls due within the longest horizon.
pub fn due(trainee: &CohortTrainee, status: &Status) -> Option<Due> {
    let opens = status.window_opens?;
    let days = match status.standing {
        Standing::Certified => status.countdown().map(|c| c.days)?,
        Standing::RefresherDue | Standing::ExpiredGrace => 0,
        _ => return None,
    };
    let horizon = *HORIZONS.iter().find(|h| days <= **h)?;
    Some(Due {
        trainee: trainee.id,
        organisation: trainee.organisation.clone(),
        standing: status.standing,
        due_on: opens,
        days,
        horizon,
        expires_on: status.expires_on,
    })
}

/// Everyone falling due, soonest first.
pub fn forecast(statuses: &[(CohortTrainee, Status)]) -> Vec<Due> {
    let mut out: Vec<Due> = statuses.iter().filter_map(|(t, s)| due(t, s)).collect();
    out.sort_by(|a, b| a.days.cmp(&b.days).then(a.trainee.cmp(&b.trainee)));
    out
}

/// How many fall due within each horizon (cumulative: within 60 includes within 30).
pub fn within(due: &[Due]) -> Vec<(i64, usize)> {
    HORIZONS
        .iter()
        .map(|h| (*h, due.iter().filter(|d| d.days <= *h).count()))
        .collect()
}

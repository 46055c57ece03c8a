//! The JSON export (`rehearse.export.v1`, schema in
//! `docs/export.schema.json`): provenance, then trainees, attempts with
//! their competency results and red-flag outcomes, observed role-play
//! assessments (marked as observed), and certifications, each array
//! streamed item by item.

use super::filter::status_id;
use super::rows::{AttemptRow, CertificationRow, TraineeRow};
use crate::framework;
use serde_json::{json, Value};

/// The schema id of the JSON export.
pub const EXPORT_SCHEMA: &str = "rehearse.export.v1";

/// A trainee object.
pub(crate) fn trainee(t: &TraineeRow, identity: bool) -> Value {
    let mut v = json!({
        "id": t.id,
        "organisation": t.organisation,
        "certification": {
            "status": status_id(t.standing),
            "expires_on": t.expires_on.map(|d| d.to_string()),
        },
    });
    if identity {
        v["display_name"] = t.display_name.clone().into();
        v["email"] = t.email.clone().into();
    }
    v
}

/// An attempt object with its provenance.
pub(crate) fn attempt(a: &AttemptRow, policy_version: &str) -> Value {
    json!({
        "id": a.attempt,
        "trainee": a.trainee,
        "scenario": { "id": a.scenario_id, "version": a.scenario_version, "content_hash": a.content_hash },
        "mode": match a.mode { crate::attempt::Mode::Practice => "practice", crate::attempt::Mode::Assessment => "assessment" },
        "started_at": crate::clock::format_instant(a.started_at),
        "completed_at": crate::clock::format_instant(a.ended_at),
        "passed": a.passed,
        "moderated": a.moderated,
        "policy_version": policy_version,
        "competencies": a.competencies.iter().map(|c| json!({
            "competency": c.competency.id(),
            "uri": framework::item_uri(c.competency),
            "level": c.level.id(),
            "score": c.score,
            "targeted": c.targeted,
        })).collect::<Vec<_>>(),
        "red_flags": a.red_flags.iter().map(|(c, o)| json!({ "category": c, "outcome": o })).collect::<Vec<_>>(),
    })
}

/// A certification object.
pub(crate) fn certification(c: &CertificationRow) -> Value {
    json!({
        "trainee": c.trainee,
        "event": c.event,
        "effective_on": c.effective_on.to_string(),
        "expires_on": c.expires_on.to_string(),
        "policy_version": c.policy_version,
        "basis": c.basis,
        "observed_basis": c.observed,
    })
}

/// An observed role-play assessment: marked `"assessment": "observed"`,
/// with the observing trainer's id and the number of notes (the notes'
/// words stay in the records, as free text never leaves).
pub(crate) fn observation(o: &crate::observation::Observation, policy_version: &str) -> Value {
    json!({
        "id": o.id,
        "trainee": o.trainee,
        "assessment": "observed",
        "observer": o.trainer,
        "partner": o.partner.id(),
        "scenario": { "id": o.scenario_id },
        "observed_at": crate::clock::format_instant(o.observed_at),
        "recorded_at": crate::clock::format_instant(o.recorded_at),
        "passed": o.passed,
        "policy_version": policy_version,
        "competencies": o.levels.iter().map(|(c, l)| json!({
            "competency": c.id(),
            "uri": framework::item_uri(*c),
            "level": l.id(),
        })).collect::<Vec<_>>(),
        "red_flags": o.red_flags.iter().map(|(c, v)| json!({ "category": c.id(), "outcome": v.id() })).collect::<Vec<_>>(),
        "notes": o.notes.len(),
    })
}

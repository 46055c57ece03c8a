//! The JSON export (`rehearse.export.v1`, schema in
//! `docs/export.schema.json`): provenance, then trainees, attempts with
//! their competency results and red-flag outcomes, observed role-play
//! assessments (marked as observed), and certifications, each array
//! streamed item by item.

use crate::framework;
use crate::records::filter::status_id;
use crate::records::rows::{AttemptRow, CertificationRow, TraineeRow};
use serde::Serialize;
use serde_json::{json, Value};

/// The schema id of the JSON export.
pub const EXPORT_SCHEMA: &str = "rehearse.export.v1";

// The trainee and attempt objects are written by `Serialize` structs that
// borrow from the row, straight into the export's buffer: at 1,000,000
// attempts, building each one as a `serde_json::Value` tree (a map per
// object, a string per key) was a fifth of the export's time. Their fields
// are declared in alphabetical order, the order a `Value` map prints its
// keys in, so the bytes are the same as before (a test keeps them so).

/// A trainee object.
#[derive(Serialize)]
pub(crate) struct TraineeJson<'a> {
    certification: CertificationState,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Option<&'a str>>,
    id: uuid::Uuid,
    organisation: Option<&'a str>,
}

#[derive(Serialize)]
struct CertificationState {
    expires_on: Option<String>,
    status: &'static str,
}

/// The trainee object of `t`; names and emails only with `identity`.
pub(crate) fn trainee(t: &TraineeRow, identity: bool) -> TraineeJson<'_> {
    TraineeJson {
        certification: CertificationState {
            expires_on: t.expires_on.map(|d| d.to_string()),
            status: status_id(t.standing),
        },
        display_name: identity.then_some(t.display_name.as_str()),
        email: identity.then_some(t.email.as_deref()),
        id: t.id,
        organisation: t.organisation.as_deref(),
    }
}

/// An attempt object with its provenance.
#[derive(Serialize)]
pub(crate) struct AttemptJson<'a> {
    competencies: Vec<CompetencyJson>,
    completed_at: String,
    id: uuid::Uuid,
    mode: &'static str,
    moderated: bool,
    passed: bool,
    policy_version: &'a str,
    red_flags: Vec<RedFlagJson>,
    scenario: ScenarioJson<'a>,
    started_at: String,
    trainee: uuid::Uuid,
}

#[derive(Serialize)]
struct CompetencyJson {
    competency: &'static str,
    level: &'static str,
    score: Option<f64>,
    targeted: bool,
    uri: &'static str,
}

#[derive(Serialize)]
struct RedFlagJson {
    category: &'static str,
    outcome: &'static str,
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    content_hash: &'a str,
    id: &'a str,
    version: &'a str,
}

/// The attempt object of `a`.
pub(crate) fn attempt<'a>(a: &'a AttemptRow, policy_version: &'a str) -> AttemptJson<'a> {
    AttemptJson {
        competencies: a
            .competencies
            .iter()
            .map(|c| CompetencyJson {
                competency: c.competency.id(),
                level: c.level.id(),
                score: c.score,
                targeted: c.targeted,
                uri: framework::item_uri_str(c.competency),
            })
            .collect(),
        completed_at: crate::clock::format_instant(a.ended_at),
        id: a.attempt,
        mode: crate::records::mode_id(a.mode),
        moderated: a.moderated,
        passed: a.passed,
        policy_version,
        red_flags: a
            .red_flags
            .iter()
            .map(|(c, o)| RedFlagJson {
                category: c.id(),
                outcome: o.id(),
            })
            .collect(),
        scenario: ScenarioJson {
            content_hash: &a.content_hash,
            id: &a.scenario_id,
            version: &a.scenario_version,
        },
        started_at: crate::clock::format_instant(a.started_at),
        trainee: a.trainee,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Filter;
    use crate::records::rows;
    use crate::records::Store;

    /// The `Value` trees the objects were built as before the typed
    /// structs, kept as the reference for their bytes.
    fn attempt_value(a: &AttemptRow, policy_version: &str) -> Value {
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
            "red_flags": a.red_flags.iter().map(|(c, o)| json!({ "category": c.id(), "outcome": o.id() })).collect::<Vec<_>>(),
        })
    }

    fn trainee_value(t: &TraineeRow, identity: bool) -> Value {
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

    #[test]
    fn typed_objects_write_the_bytes_the_value_trees_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let with_org = store
            .add_trainee("Ana Ruiz", Some("ana@example.org"), Some("Ward 7"))
            .unwrap();
        let bare = store.add_trainee("Ben Okoro", None, None).unwrap();
        crate::export::fixture::play(&store, with_org.id, "near-miss", "strong path");
        crate::export::fixture::play(&store, bare.id, "near-miss", "strong path");
        store.sync_certifications().unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let mut attempts = 0;
        rows::attempts(&store, &Filter::default(), None, None, true, &mut |a| {
            assert!(a.competencies.iter().any(|c| c.score.is_some()));
            // Each score reads back as the very f64 in `grades.score`.
            for c in &a.competencies {
                let stored: Option<f64> = store
                    .conn
                    .query_row(
                        "SELECT score FROM grades WHERE attempt_id = ?1 AND kind = 'competency' AND item = ?2",
                        [a.attempt.to_string(), c.competency.id().to_string()],
                        |r| r.get(0),
                    )
                    .unwrap_or(None);
                assert_eq!(c.score.map(f64::to_bits), stored.map(f64::to_bits));
            }
            assert_eq!(
                serde_json::to_string(&attempt(&a, "2026.1")).unwrap(),
                attempt_value(&a, "2026.1").to_string()
            );
            attempts += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(attempts, 2);
        let mut trainees = 0;
        rows::trainees(&store, &Filter::default(), day, &mut |t| {
            for identity in [false, true] {
                assert_eq!(
                    serde_json::to_string(&trainee(&t, identity)).unwrap(),
                    trainee_value(&t, identity).to_string()
                );
            }
            trainees += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(trainees, 2);
    }
}

//! Building xAPI 1.0.3 statements from plain facts about attempts and
//! certifications. The vocabulary is documented in `docs/xapi-profile.md`.

use crate::attempt::Mode;
use crate::competency::Competency;
use crate::framework;
use crate::grading::Level;
use crate::locale::language_map;
use crate::red_flag::{Recognition, RedFlagCategory};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The profile IRI; activity types and extensions live under it.
pub const PROFILE: &str = "https://w3id.org/rehearse/xapi";

/// ADL verb `completed`.
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// ADL verb `passed`.
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
/// ADL verb `failed`.
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// ADL verb `satisfied` (certifications and refreshers).
pub const SATISFIED: &str = "https://w3id.org/xapi/adl/verbs/satisfied";

/// ADL activity type of a scenario.
pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
/// ADL activity type of an assessment (or practice run) of a scenario.
pub const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
/// Rehearse verb of an observed role-play assessment: a trainer observed
/// the trainee in a live role-play and scored it (`result.success` says
/// whether it passed).
pub const OBSERVED: &str = "https://w3id.org/rehearse/xapi/verbs/observed";
/// Rehearse activity type of an observed role-play assessment.
pub const OBSERVED_ROLE_PLAY: &str =
    "https://w3id.org/rehearse/xapi/activity-types/observed-role-play";
/// Rehearse activity type of the certification.
pub const CERTIFICATION_TYPE: &str = "https://w3id.org/rehearse/xapi/activity-types/certification";

/// The IRI of a Rehearse extension.
pub fn extension(name: &str) -> String {
    format!("{PROFILE}/extensions/{name}")
}

/// The scenario activity IRI.
pub fn scenario_activity(scenario_id: &str) -> String {
    format!("{PROFILE}/scenarios/{scenario_id}")
}

/// The namespace of statement ids (UUIDv5 of the profile IRI).
pub fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, PROFILE.as_bytes())
}

/// One competency's grade in an attempt (moderation applied): the
/// records' own fact, so exports and statements share one shape.
pub use crate::records::analytics::CompetencyFact;

/// A graded attempt as plain data (no transcript, no free text).
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptFacts {
    /// The organisation's home page (the actor account's `homePage`).
    pub home_page: String,
    /// The trainee.
    pub trainee: Uuid,
    /// The attempt (the statements' `context.registration`).
    pub attempt: Uuid,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario version.
    pub scenario_version: String,
    /// Scenario content hash.
    pub content_hash: String,
    /// Scenario title.
    pub scenario_title: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// When the attempt started.
    pub started_at: DateTime<Utc>,
    /// When the attempt ended.
    pub ended_at: DateTime<Utc>,
    /// Passed (moderation applied).
    pub passed: bool,
    /// Whether a trainer moderated any grade.
    pub moderated: bool,
    /// The certification policy version in force.
    pub policy_version: String,
    /// Competency results.
    pub competencies: Vec<CompetencyFact>,
    /// Red-flag outcomes, by category.
    pub red_flags: Vec<(RedFlagCategory, Recognition)>,
}

/// A certification event as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificationFacts {
    /// The organisation's home page.
    pub home_page: String,
    /// The trainee.
    pub trainee: Uuid,
    /// `granted` or `renewed` (others make no statement).
    pub event: crate::records::CertificationKind,
    /// First valid day.
    pub effective_on: NaiveDate,
    /// Last valid day.
    pub expires_on: NaiveDate,
    /// Policy version.
    pub policy_version: String,
    /// The attempts it rests on.
    pub basis: Vec<Uuid>,
}

/// An observed role-play assessment as plain data (no notes, no transcript).
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationFacts {
    /// The organisation's home page.
    pub home_page: String,
    /// The trainee observed.
    pub trainee: Uuid,
    /// The observing trainer (the statement's `context.instructor`).
    pub trainer: Uuid,
    /// The observation (the statement's `context.registration`).
    pub observation: Uuid,
    /// `trainee` or `actor`: who played the second victim.
    pub partner: String,
    /// The scenario used as the brief, if any.
    pub scenario_id: Option<String>,
    /// When the role-play started.
    pub observed_at: DateTime<Utc>,
    /// Passed (no red flag missed, every scored competency competent or better).
    pub passed: bool,
    /// The certification policy version in force.
    pub policy_version: String,
    /// Every competency with its observed level.
    pub levels: Vec<(Competency, Level)>,
    /// Red-flag outcomes, by category.
    pub red_flags: Vec<(RedFlagCategory, Recognition)>,
}

/// The statement of an observed role-play assessment: verb [`OBSERVED`],
/// object the observed role-play ([`OBSERVED_ROLE_PLAY`]), the levels and
/// red flags in `result.extensions` as for an attempt, and
/// `assessment-kind: observed` in the context.
pub fn observation_statement(f: &ObservationFacts) -> Value {
    let mut ext = Map::new();
    for (c, l) in &f.levels {
        ext.insert(framework::item_uri(*c), json!({ "level": l.id() }));
    }
    let flags: Map<String, Value> = f
        .red_flags
        .iter()
        .map(|(k, v)| (k.id().to_string(), Value::from(v.id())))
        .collect();
    ext.insert(extension("red-flags"), Value::Object(flags));
    let mut context_ext = Map::new();
    context_ext.insert(extension("assessment-kind"), "observed".into());
    context_ext.insert(extension("partner"), f.partner.clone().into());
    context_ext.insert(extension("policy-version"), f.policy_version.clone().into());
    if let Some(s) = &f.scenario_id {
        context_ext.insert(extension("scenario-id"), s.clone().into());
    }
    let mut body = Map::new();
    body.insert("actor".into(), actor(&f.home_page, f.trainee));
    body.insert(
        "verb".into(),
        json!({ "id": OBSERVED, "display": language_map("xapi-verb-observed", &[]) }),
    );
    body.insert(
        "object".into(),
        json!({
            "objectType": "Activity",
            "id": format!("{PROFILE}/observed-role-play"),
            "definition": {
                "type": OBSERVED_ROLE_PLAY,
                "name": language_map("xapi-observed-role-play", &[]),
            },
        }),
    );
    body.insert(
        "result".into(),
        json!({ "success": f.passed, "completion": true, "extensions": ext }),
    );
    body.insert(
        "context".into(),
        json!({
            "registration": f.observation.to_string(),
            "instructor": actor(&f.home_page, f.trainer),
            "contextActivities": {
                "grouping": [{ "objectType": "Activity", "id": framework::FRAMEWORK_URI }],
                "category": [{ "objectType": "Activity", "id": PROFILE }],
            },
            "extensions": context_ext,
        }),
    );
    body.insert("timestamp".into(), timestamp(f.observed_at).into());
    with_id(&format!("observation:{}", f.observation), body)
}

/// `result.score.scaled`: the mean engine score of the targeted competencies
/// that were assessed (all assessed ones when none is targeted), halved to
/// fall in −1..1.
pub fn scaled_score(c: &[CompetencyFact]) -> Option<f64> {
    let pick = |targeted_only: bool| -> Vec<f64> {
        c.iter()
            .filter(|f| !targeted_only || f.targeted)
            .filter_map(|f| f.score)
            .filter(|s| s.is_finite())
            .collect()
    };
    let mut scores = pick(true);
    if scores.is_empty() {
        scores = pick(false);
    }
    if scores.is_empty() {
        return None;
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    Some(((mean / 2.0).clamp(-1.0, 1.0) * 10_000.0).round() / 10_000.0)
}

/// An ISO 8601 duration (`PT1H2M3S`).
pub fn iso_duration(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let secs = (to - from).num_seconds().max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

fn actor(home_page: &str, trainee: Uuid) -> Value {
    json!({ "objectType": "Agent", "account": { "homePage": home_page, "name": trainee.to_string() } })
}

fn verb(id: &str) -> Value {
    let word = id.rsplit('/').next().unwrap_or(id);
    json!({ "id": id, "display": language_map(&format!("xapi-verb-{word}"), &[]) })
}

/// Gives a statement its deterministic id: UUIDv5 of `key` and a hash of
/// the statement's content, so the same record always gives the same id
/// and a changed record (after moderation) a new one.
fn with_id(key: &str, mut body: Map<String, Value>) -> Value {
    set_id(key, &mut body);
    Value::Object(body)
}

/// Sets `body`'s `id` as [`with_id`] gives it, in place: the content hash
/// is taken over the body without its id, serialised straight into the
/// hasher (the map serialises exactly as `Value::Object` of it would).
fn set_id(key: &str, body: &mut Map<String, Value>) {
    struct Hasher(Sha256);
    impl std::io::Write for Hasher {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    body.remove("id");
    let mut h = Hasher(Sha256::new());
    // Writing a map of JSON values into a hasher cannot fail.
    let _ = serde_json::to_writer(&mut h, &*body);
    let digest = h.0.finalize();
    let hex = hex::encode(&digest[..16]);
    let id = Uuid::new_v5(&namespace(), format!("{key}:{hex}").as_bytes());
    body.insert("id".into(), id.to_string().into());
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The statements of a completed attempt: `completed`, then `passed` or
/// `failed`.
pub fn attempt_statements(f: &AttemptFacts) -> Vec<Value> {
    let mut out = Vec::with_capacity(2);
    // Collecting cannot fail.
    let _ = each_attempt_statement(f, &mut |s| {
        out.push(Value::Object(s.clone()));
        Ok(())
    });
    out
}

/// The statements of [`attempt_statements`], given to `emit` one at a time
/// as they are built (an export writes each and keeps none), stopping at
/// the first error `emit` returns.
pub fn each_attempt_statement(
    f: &AttemptFacts,
    emit: &mut dyn FnMut(&Map<String, Value>) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    let mode = match f.mode {
        Mode::Practice => "practice",
        Mode::Assessment => "assessment",
    };
    let scenario = scenario_activity(&f.scenario_id);
    let object = json!({
        "objectType": "Activity",
        "id": format!("{scenario}/{mode}"),
        "definition": {
            "type": ASSESSMENT,
            "name": { "en-US": format!("{} ({mode})", f.scenario_title) },
        },
    });
    let mut levels = Map::new();
    for c in &f.competencies {
        let mut v = Map::new();
        v.insert("level".into(), c.level.id().into());
        v.insert("targeted".into(), c.targeted.into());
        if let Some(s) = c.score.filter(|s| s.is_finite()) {
            v.insert("score".into(), json!((s * 10_000.0).round() / 10_000.0));
        }
        levels.insert(framework::item_uri(c.competency), Value::Object(v));
    }
    let flags: Map<String, Value> = f
        .red_flags
        .iter()
        .map(|(k, v)| (k.id().to_string(), Value::from(v.id())))
        .collect();
    let mut result_ext = levels;
    result_ext.insert(extension("red-flags"), Value::Object(flags));
    let context = json!({
        "registration": f.attempt.to_string(),
        "contextActivities": {
            "parent": [{
                "objectType": "Activity",
                "id": scenario,
                "definition": { "type": SIMULATION, "name": { "en-US": f.scenario_title } },
            }],
            "grouping": [{ "objectType": "Activity", "id": framework::FRAMEWORK_URI }],
            "category": [{ "objectType": "Activity", "id": PROFILE }],
        },
        "extensions": {
            extension("scenario-id"): f.scenario_id,
            extension("scenario-version"): f.scenario_version,
            extension("scenario-hash"): f.content_hash,
            extension("policy-version"): f.policy_version,
            extension("moderated"): f.moderated,
            extension("mode"): mode,
        },
    });
    let mut result = Map::new();
    if let Some(s) = scaled_score(&f.competencies) {
        result.insert("score".into(), json!({ "scaled": s }));
    }
    result.insert("success".into(), f.passed.into());
    result.insert("completion".into(), true.into());
    result.insert(
        "duration".into(),
        iso_duration(f.started_at, f.ended_at).into(),
    );
    result.insert("extensions".into(), Value::Object(result_ext));
    let outcome = if f.passed { PASSED } else { FAILED };
    let key = |v: &str| {
        format!(
            "attempt:{}:{}",
            f.attempt,
            v.rsplit('/').next().unwrap_or(v)
        )
    };
    // One body serves both statements: they differ only in verb and id,
    // so the second is the first with those two replaced (no copy of the
    // object, result and context trees).
    let mut body = Map::new();
    body.insert("actor".into(), actor(&f.home_page, f.trainee));
    body.insert("verb".into(), verb(COMPLETED));
    body.insert("object".into(), object);
    body.insert("result".into(), Value::Object(result));
    body.insert("context".into(), context);
    body.insert("timestamp".into(), timestamp(f.ended_at).into());
    set_id(&key(COMPLETED), &mut body);
    emit(&body)?;
    body.insert("verb".into(), verb(outcome));
    set_id(&key(outcome), &mut body);
    emit(&body)
}

/// The statement of a certification grant or refresher renewal (`satisfied`
/// the certification); `None` for other events (withdrawals).
pub fn certification_statement(f: &CertificationFacts) -> Option<Value> {
    let kind = match f.event {
        crate::records::CertificationKind::Granted => "initial",
        crate::records::CertificationKind::Renewed => "refresher",
        crate::records::CertificationKind::Withdrawn => return None,
    };
    let mut body = Map::new();
    body.insert("actor".into(), actor(&f.home_page, f.trainee));
    body.insert("verb".into(), verb(SATISFIED));
    body.insert(
        "object".into(),
        json!({
            "objectType": "Activity",
            "id": format!("{PROFILE}/certification"),
            "definition": {
                "type": CERTIFICATION_TYPE,
                "name": language_map("xapi-certification", &[]),
            },
        }),
    );
    body.insert(
        "result".into(),
        json!({ "success": true, "completion": true }),
    );
    let basis: Vec<String> = f.basis.iter().map(Uuid::to_string).collect();
    body.insert(
        "context".into(),
        json!({
            "contextActivities": {
                "grouping": [{ "objectType": "Activity", "id": framework::FRAMEWORK_URI }],
                "category": [{ "objectType": "Activity", "id": PROFILE }],
            },
            "extensions": {
                extension("certification-kind"): kind,
                extension("valid-from"): f.effective_on.to_string(),
                extension("valid-until"): f.expires_on.to_string(),
                extension("policy-version"): f.policy_version,
                extension("basis"): basis,
            },
        }),
    );
    let ts = f.effective_on.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
    if let Some(ts) = ts {
        body.insert("timestamp".into(), timestamp(ts).into());
    }
    let key = format!(
        "certification:{}:{}:{}:{}",
        f.trainee, f.event, f.effective_on, f.policy_version
    );
    Some(with_id(&key, body))
}

/// Whether `held`, a statement as a learning record store returns it, is
/// the statement `sent`. xAPI 1.0.3 lets a store add `stored`, `authority`
/// and `version` and write numbers and timestamps in another form, so those
/// three properties are ignored, numbers compare by value and timestamps by
/// instant; everything else must be equal.
pub fn same_statement(sent: &Value, held: &Value) -> bool {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            for k in ["stored", "authority", "version"] {
                o.remove(k);
            }
        }
        v
    };
    same_value(&strip(sent), &strip(held))
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => {
            x == y
                || matches!(
                    (
                        DateTime::parse_from_rfc3339(x),
                        DateTime::parse_from_rfc3339(y)
                    ),
                    (Ok(p), Ok(q)) if p == q
                )
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn sample() -> AttemptFacts {
        AttemptFacts {
            home_page: "https://trust.example".into(),
            trainee: Uuid::from_u128(1),
            attempt: Uuid::from_u128(2),
            scenario_id: "insulin-overdose".into(),
            scenario_version: "1.0.0".into(),
            content_hash: "ab".repeat(32),
            scenario_title: "Insulin overdose".into(),
            mode: Mode::Assessment,
            started_at: Utc.with_ymd_and_hms(2026, 1, 1, 10, 0, 0).unwrap(),
            ended_at: Utc.with_ymd_and_hms(2026, 1, 1, 11, 2, 5).unwrap(),
            passed: true,
            moderated: false,
            policy_version: "2026-1".into(),
            competencies: vec![
                CompetencyFact {
                    competency: Competency::OpenQuestions,
                    level: Level::Exemplary,
                    score: Some(1.8),
                    targeted: true,
                },
                CompetencyFact {
                    competency: Competency::FollowUp,
                    level: Level::Competent,
                    score: Some(1.0),
                    targeted: true,
                },
                CompetencyFact {
                    competency: Competency::Presence,
                    level: Level::NotAssessed,
                    score: None,
                    targeted: false,
                },
            ],
            red_flags: vec![(RedFlagCategory::SuicideRisk, Recognition::Recognised)],
        }
    }

    #[test]
    fn attempt_makes_completed_and_passed_with_the_required_fields() {
        let s = attempt_statements(&sample());
        assert_eq!(s.len(), 2);
        assert_eq!(s[0]["verb"]["id"], COMPLETED);
        assert_eq!(s[1]["verb"]["id"], PASSED);
        assert_eq!(
            s[0]["actor"]["account"]["homePage"],
            "https://trust.example"
        );
        assert_eq!(
            s[0]["context"]["registration"],
            Uuid::from_u128(2).to_string()
        );
        assert_eq!(s[0]["result"]["score"]["scaled"], 0.7);
        assert_eq!(s[0]["result"]["duration"], "PT1H2M5S");
        let item = framework::item_uri(Competency::OpenQuestions);
        assert_eq!(s[0]["result"]["extensions"][&item]["level"], "exemplary");
        assert_eq!(
            s[0]["context"]["contextActivities"]["parent"][0]["id"],
            scenario_activity("insulin-overdose")
        );
        assert_ne!(s[0]["id"], s[1]["id"]);
        for st in &s {
            super::super::validate::validate(st).unwrap();
        }
    }

    #[test]
    fn ids_are_deterministic_and_change_with_the_record() {
        let a = attempt_statements(&sample());
        assert_eq!(a, attempt_statements(&sample()));
        let mut moderated = sample();
        moderated.moderated = true;
        moderated.passed = false;
        let b = attempt_statements(&moderated);
        assert_ne!(a[0]["id"], b[0]["id"]);
        assert_eq!(b[1]["verb"]["id"], FAILED);
    }

    #[test]
    fn durations() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(iso_duration(t, t), "PT0S");
        assert_eq!(iso_duration(t, t + chrono::Duration::seconds(60)), "PT1M");
        assert_eq!(iso_duration(t + chrono::Duration::seconds(5), t), "PT0S");
    }

    #[test]
    fn certifications_and_refreshers_are_statements() {
        let mut f = CertificationFacts {
            home_page: "https://trust.example".into(),
            trainee: Uuid::from_u128(1),
            event: crate::records::CertificationKind::Granted,
            effective_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            expires_on: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            policy_version: "2026-1".into(),
            basis: vec![Uuid::from_u128(2)],
        };
        let g = certification_statement(&f).unwrap();
        super::super::validate::validate(&g).unwrap();
        f.event = crate::records::CertificationKind::Renewed;
        let r = certification_statement(&f).unwrap();
        assert_eq!(
            r["context"]["extensions"][extension("certification-kind")],
            "refresher"
        );
        assert_ne!(g["id"], r["id"]);
        f.event = crate::records::CertificationKind::Withdrawn;
        assert!(certification_statement(&f).is_none());
    }

    #[test]
    fn a_store_may_add_its_properties_and_rewrite_forms_but_not_change_content() {
        let sent = json!({"id": "a", "timestamp": "2026-01-02T03:04:05Z",
            "result": {"score": {"scaled": 0.5}}, "verb": {"id": "v"}});
        let held = json!({"id": "a", "timestamp": "2026-01-02T03:04:05.000+00:00",
            "result": {"score": {"scaled": 0.50}}, "verb": {"id": "v"},
            "stored": "2026-01-03T00:00:00Z", "authority": {"name": "lrs"}, "version": "1.0.3"});
        assert!(same_statement(&sent, &held));
        let mut other = held.clone();
        other["result"]["score"]["scaled"] = json!(0.75);
        assert!(!same_statement(&sent, &other));
        let mut extra = held.clone();
        extra["context"] = json!({"registration": "x"});
        assert!(!same_statement(&sent, &extra));
        let mut later = held;
        later["timestamp"] = json!("2026-01-02T03:04:06Z");
        assert!(!same_statement(&sent, &later));
    }

    #[test]
    fn an_observation_is_one_valid_statement_marked_as_observed() {
        let f = ObservationFacts {
            home_page: "https://trust.example/".into(),
            trainee: Uuid::from_u128(1),
            trainer: Uuid::from_u128(2),
            observation: Uuid::from_u128(3),
            partner: "actor".into(),
            scenario_id: Some("insulin-overdose".into()),
            observed_at: "2025-02-10T09:00:00Z".parse().unwrap(),
            passed: true,
            policy_version: "p1".into(),
            levels: vec![(Competency::OpenQuestions, Level::Competent)],
            red_flags: vec![(RedFlagCategory::SuicideRisk, Recognition::Recognised)],
        };
        let s = observation_statement(&f);
        crate::xapi::validate(&s).unwrap();
        assert_eq!(s["verb"]["id"], OBSERVED);
        assert_eq!(s["object"]["definition"]["type"], OBSERVED_ROLE_PLAY);
        assert_eq!(
            s["context"]["extensions"][extension("assessment-kind")],
            "observed"
        );
        assert_eq!(
            s["context"]["instructor"]["account"]["name"],
            Uuid::from_u128(2).to_string()
        );
        assert_eq!(s["result"]["success"], true);
        assert_eq!(
            s["result"]["extensions"][framework::item_uri(Competency::OpenQuestions)]["level"],
            "competent"
        );
        // Deterministic: the same observation gives the same id.
        assert_eq!(s["id"], observation_statement(&f)["id"]);
    }

    /// The ids and bytes of the sample's statements are pinned: they are
    /// what the statements were before the export stopped copying trees
    /// (commit 77ea7a5), and a learning record store keys statements by id,
    /// so a changed id would send every record again as a new one.
    #[test]
    fn the_sample_statements_keep_their_ids_and_bytes() {
        use sha2::Digest;
        let got: Vec<(String, usize, String)> = attempt_statements(&sample())
            .iter()
            .map(|s| {
                let text = serde_json::to_string(s).unwrap();
                let digest = hex::encode(Sha256::digest(text.as_bytes()));
                (s["id"].as_str().unwrap().to_string(), text.len(), digest)
            })
            .collect();
        let want = [
            (
                "319e2e40-0146-5bcf-806d-4f13f10c791a",
                2074,
                "498023181c4e839c3caa12758d630348124e54bd60d348e2cbf0cd28a4087661",
            ),
            (
                "5efe3b82-9a85-5353-85fc-f8707961baae",
                2066,
                "f6e027081ed3fbcfb252c7da106b10d4d903f77b26f83824ae21acf8aa02b1d3",
            ),
        ];
        assert_eq!(got.len(), 2);
        for ((id, len, digest), (wid, wlen, wdigest)) in got.iter().zip(want) {
            assert_eq!((id.as_str(), *len, digest.as_str()), (wid, wlen, wdigest));
        }
    }
}

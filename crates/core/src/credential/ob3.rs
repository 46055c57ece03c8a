//! Open Badges 3.0 `OpenBadgeCredential`s for certifications.
//!
//! One credential per certification grant or renewal: the achievement's
//! criteria describe the policy, it aligns to the competency framework
//! ([`crate::framework`]), `result` entries give the level reached per
//! competency, and `validFrom`/`validUntil` come from the certification
//! (valid through its last day). The subject is the trainee's UUID
//! (`urn:uuid:…`): credentials are pseudonymous.

use super::keys::IssuerKey;
use super::proof;
use crate::certification::Policy;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::framework::{self, FRAMEWORK_TITLE};
use crate::grading::Level;
use crate::locale::{messages, Arg, Language};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

/// The `@context` of every credential Rehearse issues.
pub const CONTEXT: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// Base of achievement ids; the policy version follows.
pub const ACHIEVEMENT_BASE: &str =
    "https://w3id.org/rehearse/achievements/second-victim-peer-supporter";

/// Everything a certification credential states, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificationInput {
    /// The trainee (the credential subject, pseudonymous).
    pub trainee: Uuid,
    /// `granted` or `renewed`.
    pub event: crate::records::CertificationKind,
    /// First valid day.
    pub effective_on: NaiveDate,
    /// Last valid day.
    pub expires_on: NaiveDate,
    /// The policy version it was granted under.
    pub policy_version: String,
    /// The policy's rules in words (the achievement's criteria).
    pub criteria: String,
    /// Level reached per competency over the attempts it rests on.
    pub levels: Vec<(Competency, Level)>,
    /// The attempts it rests on, with their provenance.
    pub evidence: Vec<EvidenceInput>,
}

/// One attempt, or one observed role-play assessment, a certification
/// rests on (an `Evidence` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceInput {
    /// The attempt.
    pub attempt: Uuid,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario version.
    pub scenario_version: String,
    /// Scenario content hash.
    pub content_hash: String,
    /// The day it was completed.
    pub completed_on: NaiveDate,
    /// Whether a trainer moderated it.
    pub moderated: bool,
    /// An observed role-play assessment scored by a trainer (then
    /// `attempt` is the observation's id, `scenario_id` the brief used, if
    /// any, and the version and hash are empty).
    pub observed: bool,
}

impl CertificationInput {
    /// The credential id: UUIDv5 of the certification, so re-issuing the
    /// same certification gives the same id.
    pub fn credential_id(&self) -> String {
        let name = format!(
            "rehearse:certification:{}:{}:{}:{}",
            self.trainee, self.event, self.effective_on, self.policy_version
        );
        format!(
            "urn:uuid:{}",
            Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes())
        )
    }
}

/// The criteria narrative of a policy.
pub fn criteria_narrative(policy: &Policy) -> String {
    let flags: Vec<&str> = policy.initial.red_flags.iter().map(|f| f.id()).collect();
    let mut extra = String::new();
    if let Some(o) = &policy.initial.observed {
        extra.push_str(&format!(
            " Initial certification also needs {} observed role-play assessment(s) by a trainer with every scored competency {} or better and no red flag missed.",
            o.count,
            o.at_least.label()
        ));
    }
    if !policy.refresher.content.is_empty() {
        extra.push_str(&format!(
            " A renewal needs a pass of refresher content ({}), which does not count towards initial certification.",
            policy.refresher.content.join(", ")
        ));
    }
    let text = format!(
        "Certification policy {v}: passed assessments in at least {d} distinct scenarios; every one of the 15 interview competencies competent or better in at least {c} passed assessments; red flags recognised in at least one pass ({flags}). Valid {m} months; renewed by {rp} passed refresher assessments (at least {rf} with a red flag recognised) in the {w} days before expiry, with {g} days' grace.",
        v = policy.version,
        d = policy.initial.distinct_scenarios,
        c = policy.initial.competency_passes,
        flags = if flags.is_empty() { "none required".to_string() } else { flags.join(", ") },
        m = policy.validity.months,
        rp = policy.refresher.passes,
        rf = policy.refresher.with_red_flag,
        w = policy.refresher.window_days,
        g = policy.grace.days,
    );
    format!("{text}{extra}")
}

fn midnight(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// The unsigned credential.
pub fn build(input: &CertificationInput, issuer: &IssuerKey, issuer_name: &str) -> Result<Value> {
    let until = input
        .expires_on
        .checked_add_days(Days::new(1))
        .ok_or_else(|| {
            Error::Credential(format!("expiry date {} is out of range", input.expires_on))
        })?;
    if until <= input.effective_on {
        return Err(Error::Credential(format!(
            "certification expires ({}) before it starts ({})",
            input.expires_on, input.effective_on
        )));
    }
    let achievement_id = format!("{ACHIEVEMENT_BASE}/{}", input.policy_version);
    let en = messages(Language::En);
    let alignment = |c: Competency| {
        json!({
            "type": ["Alignment"],
            "targetName": c.title(),
            "targetDescription": c.description(),
            "targetUrl": framework::item_uri(c),
            "targetFramework": FRAMEWORK_TITLE,
            "targetCode": c.id(),
            "targetType": "CFItem",
        })
    };
    let rd_id = |c: Competency| {
        format!(
            "urn:uuid:{}",
            Uuid::new_v5(
                &Uuid::NAMESPACE_URL,
                format!("{achievement_id}#{}", c.id()).as_bytes()
            )
        )
    };
    let descriptions: Vec<Value> = input
        .levels
        .iter()
        .map(|(c, _)| {
            json!({
                "id": rd_id(*c),
                "type": ["ResultDescription"],
                "name": format!("Level reached: {}", c.title()),
                "resultType": "ext:CompetencyLevel",
                "alignment": [alignment(*c)],
            })
        })
        .collect();
    let results: Vec<Value> = input
        .levels
        .iter()
        .map(|(c, l)| {
            json!({
                "type": ["Result"],
                "resultDescription": rd_id(*c),
                "value": l.id(),
                "alignment": [alignment(*c)],
            })
        })
        .collect();
    let evidence: Vec<Value> = input
        .evidence
        .iter()
        .map(|e| {
            if e.observed {
                return json!({
                    "id": format!("urn:uuid:{}", e.attempt),
                    "type": ["Evidence"],
                    "name": "Observed role-play assessment",
                    "description": format!(
                        "Observed: a live role-play with a human partner, scored by a trainer against the same competencies and red flags on {}{}, policy {}.",
                        e.completed_on,
                        if e.scenario_id.is_empty() {
                            String::new()
                        } else {
                            format!(" (brief: scenario {})", e.scenario_id)
                        },
                        input.policy_version
                    ),
                    "genre": "Observed assessment",
                });
            }
            json!({
                "id": format!("urn:uuid:{}", e.attempt),
                "type": ["Evidence"],
                "name": format!("Passed assessment: {} {}", e.scenario_id, e.scenario_version),
                "description": format!(
                    "Scenario {} version {} (content hash sha256:{}), completed {}, policy {}, moderated: {}.",
                    e.scenario_id,
                    e.scenario_version,
                    e.content_hash,
                    e.completed_on,
                    input.policy_version,
                    if e.moderated { "yes" } else { "no" }
                ),
                "genre": "Assessment",
            })
        })
        .collect();
    let kind = if input.event == crate::records::CertificationKind::Renewed {
        "renewed"
    } else {
        "certified"
    };
    let mut credential = json!({
        "@context": CONTEXT,
        "id": input.credential_id(),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": format!("Second victim peer supporter – {kind}"),
        "issuer": { "id": issuer.did(), "type": ["Profile"], "name": issuer_name },
        "validFrom": midnight(input.effective_on),
        "validUntil": midnight(until),
        "credentialSubject": {
            "id": format!("urn:uuid:{}", input.trainee),
            "type": ["AchievementSubject"],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                // OB 3.0's JSON Schema requires plain strings here (and the
                // context gives `name` no language container), so the
                // achievement is English and says so with `inLanguage`.
                "name": en.text("ob-achievement-name"),
                "description": en.get(
                    "ob-achievement-description",
                    &[("policy", Arg::from(&input.policy_version))],
                ),
                "inLanguage": Language::En.tag(),
                "criteria": { "narrative": input.criteria },
                "alignment": Competency::ALL.map(alignment),
                "resultDescription": descriptions,
            },
            "result": results,
        },
    });
    if !evidence.is_empty() {
        credential["evidence"] = Value::Array(evidence);
    }
    Ok(credential)
}

/// The signed credential (`eddsa-rdfc-2022`, created at `now`).
pub fn issue(
    input: &CertificationInput,
    issuer: &IssuerKey,
    issuer_name: &str,
    now: DateTime<Utc>,
) -> Result<Value> {
    proof::sign(&build(input, issuer, issuer_name)?, issuer, now)
}

/// A sample certification for tests elsewhere in the crate.
#[cfg(test)]
pub(crate) fn tests_sample() -> CertificationInput {
    tests::sample()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> CertificationInput {
        CertificationInput {
            trainee: Uuid::from_u128(0xe483242a_6121_5d90_9248_8869d8af0e1a),
            event: crate::records::CertificationKind::Granted,
            effective_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            expires_on: NaiveDate::from_ymd_opt(2027, 2, 28).unwrap(),
            policy_version: "2026-1".into(),
            criteria: criteria_narrative(&Policy::default()),
            levels: vec![
                (Competency::OpenQuestions, Level::Exemplary),
                (Competency::FollowUp, Level::Competent),
            ],
            evidence: vec![EvidenceInput {
                attempt: Uuid::from_u128(7),
                scenario_id: "insulin-overdose".into(),
                scenario_version: "1.0.0".into(),
                content_hash: "ab".repeat(32),
                completed_on: NaiveDate::from_ymd_opt(2026, 2, 27).unwrap(),
                moderated: true,
                observed: false,
            }],
        }
    }

    #[test]
    fn credential_has_the_required_shape() {
        let key = IssuerKey::from_seed([3; 32]);
        let c = build(&sample(), &key, "Test Trust").unwrap();
        assert_eq!(c["validFrom"], "2026-03-01T00:00:00Z");
        assert_eq!(c["validUntil"], "2027-03-01T00:00:00Z");
        assert_eq!(c["issuer"]["id"], key.did());
        let a = &c["credentialSubject"]["achievement"];
        assert!(a["criteria"]["narrative"]
            .as_str()
            .unwrap()
            .contains("policy"));
        assert_eq!(a["alignment"].as_array().unwrap().len(), 15);
        let r = &c["credentialSubject"]["result"];
        assert_eq!(r[0]["value"], "exemplary");
        assert_eq!(r[0]["resultDescription"], a["resultDescription"][0]["id"]);
        assert_eq!(c["id"], build(&sample(), &key, "x").unwrap()["id"]);
        let e = &c["evidence"][0];
        assert_eq!(e["id"], format!("urn:uuid:{}", Uuid::from_u128(7)));
        assert!(e["description"]
            .as_str()
            .unwrap()
            .contains("moderated: yes"));
    }

    #[test]
    fn issued_credential_verifies_and_backwards_dates_are_refused() {
        let key = IssuerKey::from_seed([3; 32]);
        let signed = issue(&sample(), &key, "Test Trust", Utc::now()).unwrap();
        proof::verify(&signed, &key.verifying_key()).unwrap();
        let mut bad = sample();
        bad.expires_on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        assert!(build(&bad, &key, "x").is_err());
    }
}

//! Offline verification of an Open Badges 3.0 credential: shape, proof,
//! issuer key and validity dates, each recorded as a check that passed.

use super::keys;
use super::ob3::CONTEXT;
use super::proof;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde_json::Value;

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialReport {
    /// The credential id.
    pub id: String,
    /// The issuer id (`did:key:…`).
    pub issuer: String,
    /// The credential subject id.
    pub subject: String,
    /// `validFrom`.
    pub valid_from: String,
    /// `validUntil`, when present.
    pub valid_until: Option<String>,
    /// Every check that passed, in words, in the order made.
    pub checks: Vec<String>,
}

fn text<'a>(v: &'a Value, what: &str) -> Result<&'a str> {
    v.as_str()
        .ok_or_else(|| Error::Credential(format!("the credential has no {what}")))
}

fn instant(s: &str, what: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| Error::Credential(format!("{what} \"{s}\" is not an RFC 3339 date-time")))
}

/// Verifies `credential` as of `now`. With `issuer_profile` (a controller
/// document from `rehearse keys export`) the key must be the one it
/// lists; without, the key is read from the issuer's `did:key` (which
/// proves integrity but not who the issuer is).
pub fn verify_credential(
    credential: &Value,
    issuer_profile: Option<&Value>,
    now: DateTime<Utc>,
) -> Result<CredentialReport> {
    let mut checks = Vec::new();
    shapes(credential)?;
    let types: Vec<&str> = credential["type"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !types.contains(&"VerifiableCredential") || !types.contains(&"OpenBadgeCredential") {
        return Err(Error::Credential(
            "not an OpenBadgeCredential (type must include VerifiableCredential and OpenBadgeCredential)".into(),
        ));
    }
    let ctx: Vec<&str> = credential["@context"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if ctx.len() < 2 || ctx[..2] != CONTEXT {
        return Err(Error::Credential(format!(
            "the @context must start with {} and {}",
            CONTEXT[0], CONTEXT[1]
        )));
    }
    checks.push("type: OpenBadgeCredential with the VC 2.0 and OB 3.0 contexts".to_string());
    let id = text(&credential["id"], "id")?.to_string();
    let issuer = match &credential["issuer"] {
        Value::String(s) => s.clone(),
        v => text(&v["id"], "issuer id")?.to_string(),
    };
    let subject = text(
        &credential["credentialSubject"]["id"],
        "credentialSubject id",
    )?
    .to_string();
    let info = proof::proof_info(credential)?;
    if info.verification_method.split('#').next() != Some(issuer.as_str()) {
        return Err(Error::Credential(format!(
            "the proof was made with {}, which does not belong to the issuer {issuer}",
            info.verification_method
        )));
    }
    let key = match issuer_profile {
        Some(profile) => {
            let k = keys::controller_key(profile, &info.verification_method)?;
            checks.push(format!(
                "issuer key: {} is listed in the pinned issuer profile",
                info.verification_method
            ));
            k
        }
        None => {
            let k = keys::did_key_public(&info.verification_method)?;
            checks.push(format!(
                "issuer key: read from the issuer's did:key {issuer} (self-asserted; pass the issuer profile to pin it)"
            ));
            k
        }
    };
    proof::verify(credential, &key)?;
    checks.push(
        "proof: eddsa-rdfc-2022 Data Integrity signature matches (bundled contexts, offline)"
            .to_string(),
    );
    let valid_from = text(&credential["validFrom"], "validFrom")?.to_string();
    let from = instant(&valid_from, "validFrom")?;
    if now < from {
        return Err(Error::Credential(format!(
            "the credential is not valid yet: validFrom is {valid_from}, now is {}",
            now.to_rfc3339()
        )));
    }
    // `shapes` has made sure that a present validUntil is one string.
    let valid_until = credential["validUntil"].as_str().map(str::to_string);
    if let Some(u) = &valid_until {
        if now >= instant(u, "validUntil")? {
            return Err(Error::Credential(format!(
                "the credential has expired: validUntil is {u}, now is {}",
                now.to_rfc3339()
            )));
        }
    }
    checks.push(format!(
        "dates: valid from {valid_from}{} (checked at {})",
        valid_until
            .as_deref()
            .map(|u| format!(" until {u}"))
            .unwrap_or_default(),
        now.to_rfc3339()
    ));
    Ok(CredentialReport {
        id,
        issuer,
        subject,
        valid_from,
        valid_until,
        checks,
    })
}

/// The most blank nodes (JSON objects without an `id`) a credential may
/// hold: RDF canonicalisation is exponential in the worst case over blank
/// nodes, and an Open Badge needs a handful.
pub const MAX_BLANK_NODES: usize = 64;

/// Checks the JSON shapes VC 2.0 and OB 3.0 allow for the fields the
/// verdict reads, before anything else. JSON-LD would give the same graph for
/// `"validUntil": ["2025-01-01T00:00:00Z"]` as for the plain string, so the
/// signature still matches; a date check that read only strings would then
/// skip the expiry. Dates must be single strings and `type` a list of strings.
fn shapes(credential: &Value) -> Result<()> {
    let Some(map) = credential.as_object() else {
        return Err(Error::Credential(
            "a credential must be a JSON object".into(),
        ));
    };
    for field in ["validFrom", "validUntil"] {
        match map.get(field) {
            None | Some(Value::String(_)) => {}
            Some(other) => {
                return Err(Error::Credential(format!(
                    "`{field}` must be a single date-time string, not {}",
                    kind(other)
                )))
            }
        }
    }
    match map.get("type") {
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => {}
        Some(other) => {
            return Err(Error::Credential(format!(
                "`type` must be a list of strings, not {}",
                kind(other)
            )))
        }
        None => return Err(Error::Credential("the credential has no `type`".into())),
    }
    let blank = blank_nodes(credential);
    if blank > MAX_BLANK_NODES {
        return Err(Error::Credential(format!(
            "the credential has {blank} objects without an id (blank nodes); at most {MAX_BLANK_NODES} are accepted, so canonicalising it stays bounded"
        )));
    }
    Ok(())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Objects without `id` or `@id`, at any depth (the proof's own included).
fn blank_nodes(v: &Value) -> usize {
    match v {
        Value::Object(m) => {
            let own = usize::from(!m.contains_key("id") && !m.contains_key("@id"));
            own + m.values().map(blank_nodes).sum::<usize>()
        }
        Value::Array(a) => a.iter().map(blank_nodes).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::keys::IssuerKey;
    use crate::credential::ob3;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn research_vectors_valid_tampered_expired() {
        let good: Value =
            serde_json::from_str(include_str!("testdata/credential.signed.json")).unwrap();
        let ctrl: Value =
            serde_json::from_str(include_str!("testdata/issuer-controller.json")).unwrap();
        let r = verify_credential(&good, Some(&ctrl), at(2026, 12, 1)).unwrap();
        assert_eq!(r.checks.len(), 4);
        verify_credential(&good, None, at(2026, 12, 1)).unwrap();
        let tampered: Value = serde_json::from_str(include_str!("testdata/tampered.json")).unwrap();
        assert!(verify_credential(&tampered, Some(&ctrl), at(2026, 12, 1))
            .unwrap_err()
            .to_string()
            .contains("signature does not match"));
        let expired: Value = serde_json::from_str(include_str!("testdata/expired.json")).unwrap();
        let e = verify_credential(&expired, Some(&ctrl), at(2026, 12, 1)).unwrap_err();
        assert!(e.to_string().contains("expired"), "{e}");
        assert!(verify_credential(&good, None, at(2026, 9, 1))
            .unwrap_err()
            .to_string()
            .contains("not valid yet"));
    }

    #[test]
    fn another_issuers_profile_is_refused() {
        let key = IssuerKey::from_seed([5; 32]);
        let c = ob3::issue(&ob3::tests_sample(), &key, "T", at(2026, 3, 1)).unwrap();
        let other = IssuerKey::from_seed([6; 32]).controller_document("Other");
        assert!(verify_credential(&c, Some(&other), at(2026, 6, 1)).is_err());
        let own = key.controller_document("T");
        verify_credential(&c, Some(&own), at(2026, 6, 1)).unwrap();
    }

    #[test]
    fn dates_and_types_in_other_shapes_are_refused_even_when_the_signature_holds() {
        let key = IssuerKey::from_seed([5; 32]);
        let c = ob3::issue(&ob3::tests_sample(), &key, "T", at(2026, 3, 1)).unwrap();
        let own = key.controller_document("T");
        let until = c["validUntil"]
            .as_str()
            .expect("issued with validUntil")
            .to_string();
        // Wrapped in a list: the same RDF, so only the shape check stops it.
        let mut wrapped = c.clone();
        wrapped["validUntil"] = serde_json::json!([until]);
        let e = verify_credential(&wrapped, Some(&own), at(2030, 1, 1)).unwrap_err();
        assert!(
            e.to_string()
                .contains("`validUntil` must be a single date-time string"),
            "{e}"
        );
        let mut from = c.clone();
        from["validFrom"] = serde_json::json!({"@value": "2026-03-01T00:00:00Z"});
        assert!(verify_credential(&from, Some(&own), at(2026, 6, 1)).is_err());
        let mut types = c.clone();
        types["type"] = serde_json::json!(["VerifiableCredential", "OpenBadgeCredential", 7]);
        assert!(verify_credential(&types, Some(&own), at(2026, 6, 1))
            .unwrap_err()
            .to_string()
            .contains("`type` must be a list of strings"));
        // And the untouched credential still verifies, then expires.
        verify_credential(&c, Some(&own), at(2026, 6, 1)).unwrap();
        assert!(verify_credential(&c, Some(&own), at(2030, 1, 1)).is_err());
    }

    #[test]
    fn too_many_blank_nodes_are_refused_before_canonicalising() {
        let key = IssuerKey::from_seed([5; 32]);
        let mut c = ob3::issue(&ob3::tests_sample(), &key, "T", at(2026, 3, 1)).unwrap();
        c["credentialSubject"]["extra"] = Value::Array(
            (0..MAX_BLANK_NODES + 1)
                .map(|i| serde_json::json!({ "n": i }))
                .collect(),
        );
        let t = std::time::Instant::now();
        let e = verify_credential(&c, None, at(2026, 6, 1)).unwrap_err();
        assert!(e.to_string().contains("blank nodes"), "{e}");
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for v in [
            Value::Null,
            Value::from(3),
            serde_json::json!({"type": "x"}),
            serde_json::json!([]),
        ] {
            assert!(verify_credential(&v, None, at(2026, 1, 1)).is_err());
        }
    }
}

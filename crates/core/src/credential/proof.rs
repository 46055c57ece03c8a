//! Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite
//! (W3C vc-di-eddsa): JSON-LD to RDF with bundled contexts only, RDFC-1.0
//! canonical N-Quads, SHA-256 of the proof configuration and of the
//! document, Ed25519 over the two hashes, base58btc `proofValue`.
//!
//! Contexts are compiled into the binary; any other context URL fails
//! closed, so signing and verification never touch the network.

use super::keys::IssuerKey;
use crate::error::{Error, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
use oxrdf::Dataset;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The cryptosuite name.
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// The JSON-LD contexts compiled in: URL and document.
pub const CONTEXTS: &[(&str, &[u8])] = &[
    (
        "https://www.w3.org/ns/credentials/v2",
        include_bytes!("contexts/credentials-v2.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        include_bytes!("contexts/ob-v3p0-context-3.0.3.json"),
    ),
    (
        "https://w3id.org/security/data-integrity/v2",
        include_bytes!("contexts/security-data-integrity-v2.json"),
    ),
    (
        "https://w3id.org/security/multikey/v1",
        include_bytes!("contexts/security-multikey-v1.json"),
    ),
    (
        "https://www.w3.org/ns/credentials/examples/v2",
        include_bytes!("contexts/credentials-examples-v2.json"),
    ),
];

fn bundled(url: &str) -> Option<&'static [u8]> {
    CONTEXTS.iter().find(|(u, _)| *u == url).map(|(_, d)| *d)
}

/// JSON-LD document → RDFC-1.0 canonical N-Quads.
pub fn canonicalize(doc: &Value) -> Result<String> {
    let bytes = serde_json::to_vec(doc)
        .map_err(|e| Error::Credential(format!("cannot serialise the document: {e}")))?;
    let mut ds = Dataset::new();
    let parser = JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(|url, _| {
            let document = bundled(url).ok_or_else(|| {
                format!("JSON-LD context {url} is not bundled with Rehearse (no network look-ups)")
            })?;
            Ok(JsonLdRemoteDocument {
                document: document.to_vec(),
                document_url: url.into(),
            })
        });
    for quad in parser {
        let quad = quad.map_err(|e| Error::Credential(format!("JSON-LD: {e}")))?;
        ds.insert(&quad);
    }
    ds.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
        hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
    });
    let mut lines: Vec<String> = ds.iter().map(|q| format!("{q} .\n")).collect();
    lines.sort();
    Ok(lines.concat())
}

/// The bytes the signature covers: SHA-256(proof config) ‖ SHA-256(document).
fn hash_data(doc: &Value, config: &Value) -> Result<Vec<u8>> {
    let mut h = Sha256::digest(canonicalize(config)?.as_bytes()).to_vec();
    h.extend_from_slice(&Sha256::digest(canonicalize(doc)?.as_bytes()));
    Ok(h)
}

fn object(v: &Value) -> Result<&Map<String, Value>> {
    v.as_object()
        .ok_or_else(|| Error::Credential("the document is not a JSON object".into()))
}

/// Returns `doc` with an `eddsa-rdfc-2022` `DataIntegrityProof` added,
/// signed by `key` (assertion method, `created` as given).
pub fn sign(doc: &Value, key: &IssuerKey, created: DateTime<Utc>) -> Result<Value> {
    let mut unsecured = object(doc)?.clone();
    unsecured.remove("proof");
    let unsecured = Value::Object(unsecured);
    let mut proof = Map::new();
    proof.insert("type".into(), "DataIntegrityProof".into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    proof.insert(
        "created".into(),
        created.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
    );
    proof.insert(
        "verificationMethod".into(),
        key.verification_method().into(),
    );
    proof.insert("proofPurpose".into(), "assertionMethod".into());
    let mut config = proof.clone();
    config.insert("@context".into(), unsecured["@context"].clone());
    let signature = key.sign(&hash_data(&unsecured, &Value::Object(config))?);
    proof.insert(
        "proofValue".into(),
        format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into(),
    );
    let mut secured = object(&unsecured)?.clone();
    secured.insert("proof".into(), Value::Object(proof));
    Ok(Value::Object(secured))
}

/// The proof of a secured document, checked for shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofInfo {
    /// The verification method (key id).
    pub verification_method: String,
    /// When the proof was created.
    pub created: Option<String>,
}

/// Reads the proof's fields and checks its type, cryptosuite and purpose.
pub fn proof_info(secured: &Value) -> Result<ProofInfo> {
    let proof = secured
        .get("proof")
        .and_then(Value::as_object)
        .ok_or_else(|| Error::Credential("the document has no proof (or several)".into()))?;
    let field = |k: &str| proof.get(k).and_then(Value::as_str);
    if field("type") != Some("DataIntegrityProof") {
        return Err(Error::Credential(
            "the proof is not a DataIntegrityProof".into(),
        ));
    }
    if field("cryptosuite") != Some(CRYPTOSUITE) {
        return Err(Error::Credential(format!(
            "the proof's cryptosuite is {:?}; only {CRYPTOSUITE} is supported",
            field("cryptosuite")
        )));
    }
    if field("proofPurpose") != Some("assertionMethod") {
        return Err(Error::Credential(
            "the proof's purpose is not assertionMethod".into(),
        ));
    }
    let verification_method = field("verificationMethod")
        .ok_or_else(|| Error::Credential("the proof has no verificationMethod".into()))?
        .to_string();
    Ok(ProofInfo {
        verification_method,
        created: field("created").map(str::to_string),
    })
}

/// Checks the `eddsa-rdfc-2022` proof of `secured` against `key`.
pub fn verify(secured: &Value, key: &VerifyingKey) -> Result<ProofInfo> {
    let info = proof_info(secured)?;
    let mut doc = object(secured)?.clone();
    let mut config = match doc.remove("proof") {
        Some(Value::Object(p)) => p,
        _ => return Err(Error::Credential("the document has no proof".into())),
    };
    let proof_value = match config.remove("proofValue") {
        Some(Value::String(s)) => s,
        _ => return Err(Error::Credential("the proof has no proofValue".into())),
    };
    let doc = Value::Object(doc);
    config.insert("@context".into(), doc["@context"].clone());
    let raw = proof_value
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b).into_vec().ok())
        .ok_or_else(|| Error::Credential("the proofValue is not base58btc multibase".into()))?;
    let signature = Signature::from_slice(&raw)
        .map_err(|_| Error::Credential("the proofValue is not an Ed25519 signature".into()))?;
    key.verify(&hash_data(&doc, &Value::Object(config))?, &signature)
        .map_err(|_| {
            Error::Credential(
                "the signature does not match: the credential was changed after signing, or signed with another key".into(),
            )
        })?;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SIGNED: &str = include_str!("testdata/credential.signed.json");
    const DOC_NQ: &str = include_str!("testdata/document.nq");
    const CFG_NQ: &str = include_str!("testdata/proof-config.nq");

    fn vector() -> Value {
        serde_json::from_str(SIGNED).unwrap()
    }

    #[test]
    fn canonical_nquads_are_identical_to_pyld() {
        let signed = vector();
        let mut doc = signed.as_object().unwrap().clone();
        let mut cfg = doc.remove("proof").unwrap().as_object().unwrap().clone();
        cfg.remove("proofValue");
        cfg.insert("@context".into(), doc["@context"].clone());
        assert_eq!(canonicalize(&Value::Object(doc)).unwrap(), DOC_NQ);
        assert_eq!(canonicalize(&Value::Object(cfg)).unwrap(), CFG_NQ);
    }

    #[test]
    fn signing_reproduces_openbadgeslib_proof_value() {
        let signed = vector();
        let key = IssuerKey::from_seed([0; 32]);
        let created = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
        let ours = sign(&signed, &key, created).unwrap();
        assert_eq!(ours["proof"], signed["proof"]);
        verify(&signed, &key.verifying_key()).unwrap();
    }

    #[test]
    fn tampered_and_wrong_key_fail() {
        let mut signed = vector();
        let key = IssuerKey::from_seed([0; 32]);
        let other = IssuerKey::from_seed([1; 32]);
        assert!(verify(&signed, &other.verifying_key()).is_err());
        signed["credentialSubject"]["result"][0]["value"] = "4".into();
        let err = verify(&signed, &key.verifying_key()).unwrap_err();
        assert!(err.to_string().contains("does not match"), "{err}");
    }

    #[test]
    fn unknown_contexts_fail_closed() {
        let doc = serde_json::json!({"@context": "https://evil.example/ctx", "name": "x"});
        let err = canonicalize(&doc).unwrap_err().to_string();
        assert!(err.contains("not bundled"), "{err}");
    }

    #[test]
    fn w3c_eddsa_rdfc_2022_vector_verifies() {
        let signed: Value =
            serde_json::from_str(include_str!("testdata/w3c-signedDataInt.json")).unwrap();
        let kp: Value = serde_json::from_str(include_str!("testdata/w3c-keyPair.json")).unwrap();
        let key = super::super::keys::decode_multikey(kp["publicKeyMultibase"].as_str().unwrap())
            .unwrap();
        verify(&signed, &key).unwrap();
    }
}

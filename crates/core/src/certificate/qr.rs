//! The printed verification code: a compact, versioned text that ties a
//! paper certificate to the signed credential it was printed from, and the
//! QR matrix that carries it.
//!
//! ```text
//! rehearse-cert:1:<credential uuid>:<document sha-256, hex>:<issuer Multikey>
//! ```
//!
//! The document hash is SHA-256 over the RDFC-1.0 canonical N-Quads of the
//! credential without its proof: exactly the document hash the
//! `eddsa-rdfc-2022` signature covers. So any change to what the credential
//! states (a level, a date, the subject) changes it, while re-signing the
//! same certification later (a new proof time) or re-formatting the JSON
//! does not. The issuer Multikey is the public key of the proof, the one
//! `rehearse keys export` publishes; a verifier compares it with the
//! issuer profile they pinned.

use crate::credential::{keys, proof, verify_credential, CredentialReport};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The payload's scheme name.
pub const SCHEME: &str = "rehearse-cert";

/// The payload version this build writes and reads.
pub const VERSION: u32 = 1;

/// What a printed certificate's QR code holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// The credential id (`urn:uuid:` + this).
    pub credential: Uuid,
    /// SHA-256 (lower-case hex) of the credential's canonical document,
    /// proof left out.
    pub document_sha256: String,
    /// The issuer's public key as a Multikey (`z6Mk…`).
    pub issuer_key: String,
}

impl std::fmt::Display for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{SCHEME}:{VERSION}:{}:{}:{}",
            self.credential, self.document_sha256, self.issuer_key
        )
    }
}

/// Serialised as its text, the form printed and scanned.
impl serde::Serialize for Payload {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// SHA-256 (hex) of the canonical N-Quads of `credential` without `proof`.
pub fn document_sha256(credential: &Value) -> Result<String> {
    let mut doc = credential
        .as_object()
        .ok_or_else(|| Error::Credential("a credential must be a JSON object".into()))?
        .clone();
    doc.remove("proof");
    let nquads = proof::canonicalize(&Value::Object(doc))?;
    Ok(hex::encode(Sha256::digest(nquads.as_bytes())))
}

fn credential_uuid(credential: &Value) -> Result<Uuid> {
    let id = credential["id"]
        .as_str()
        .ok_or_else(|| Error::Credential("the credential has no id".into()))?;
    id.strip_prefix("urn:uuid:")
        .and_then(|u| Uuid::parse_str(u).ok())
        .ok_or_else(|| {
            Error::Credential(format!(
                "the credential id \"{id}\" is not a urn:uuid, so no certificate can name it"
            ))
        })
}

/// The Multikey of a proof's verification method (`did:key:z…#z…`).
fn proof_key(credential: &Value) -> Result<String> {
    let vm = proof::proof_info(credential)?.verification_method;
    let key = vm.rsplit('#').next().unwrap_or_default();
    // Decoding checks that it is an Ed25519 Multikey.
    keys::decode_multikey(key)?;
    Ok(key.to_string())
}

impl Payload {
    /// The payload of a signed credential.
    pub fn of(credential: &Value) -> Result<Payload> {
        Ok(Payload {
            credential: credential_uuid(credential)?,
            document_sha256: document_sha256(credential)?,
            issuer_key: proof_key(credential)?,
        })
    }

    /// The credential id as the credential states it.
    pub fn credential_id(&self) -> String {
        format!("urn:uuid:{}", self.credential)
    }

    /// Parses the text of a printed code (surrounding white space ignored).
    pub fn parse(text: &str) -> Result<Payload> {
        let text = text.trim();
        let bad = |why: &str| {
            Error::Input(format!(
                "\"{}\" is not a Rehearse certificate code ({why}); it looks like {SCHEME}:{VERSION}:<credential id>:<sha-256>:<issuer key>",
                text.chars().take(120).collect::<String>()
            ))
        };
        let parts: Vec<&str> = text.split(':').collect();
        if parts.first() != Some(&SCHEME) {
            return Err(bad("it does not start with rehearse-cert:"));
        }
        match parts.get(1).map(|v| v.parse::<u32>()) {
            Some(Ok(VERSION)) => {}
            Some(Ok(v)) => {
                return Err(Error::Input(format!(
                    "the certificate code is of version {v}; this Rehearse reads version {VERSION}, so use a newer Rehearse to check it"
                )))
            }
            _ => return Err(bad("no version number")),
        }
        if parts.len() != 5 {
            return Err(bad("it must have five parts separated by colons"));
        }
        let credential =
            Uuid::parse_str(parts[2]).map_err(|_| bad("the credential id is not a UUID"))?;
        let hash = parts[3];
        if hash.len() != 64
            || !hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(bad("the hash is not 64 lower-case hex digits"));
        }
        keys::decode_multikey(parts[4]).map_err(|_| bad("the issuer key is not a Multikey"))?;
        Ok(Payload {
            credential,
            document_sha256: hash.to_string(),
            issuer_key: parts[4].to_string(),
        })
    }
}

/// The credential a printed code names, out of one credential or a JSON
/// array of them (an `ob3` export).
pub fn select<'a>(printed: &Payload, file: &'a Value) -> Result<&'a Value> {
    let want = printed.credential_id();
    match file {
        Value::Array(items) => items
            .iter()
            .find(|c| c["id"].as_str() == Some(want.as_str()))
            .ok_or_else(|| {
                Error::Credential(format!(
                    "none of the {} credentials in the file is the printed one ({want})",
                    items.len()
                ))
            }),
        one => Ok(one),
    }
}

/// Checks a printed certificate against the signed credential: the
/// credential must verify (proof, issuer key, pinned profile when given,
/// validity dates as of `now`) and be the very one printed: same id, same
/// issuer key, same canonical document hash. Every failure says which.
pub fn check_printed(
    printed: &Payload,
    credential: &Value,
    issuer_profile: Option<&Value>,
    now: DateTime<Utc>,
) -> Result<CredentialReport> {
    let want = printed.credential_id();
    let got = credential["id"].as_str().unwrap_or("(no id)");
    if got != want {
        return Err(Error::Credential(format!(
            "the printed certificate is for credential {want}, but this file holds {got}: another credential, not the one printed"
        )));
    }
    let mut report = verify_credential(credential, issuer_profile, now)?;
    let key = proof_key(credential)?;
    if key != printed.issuer_key {
        return Err(Error::Credential(format!(
            "the printed certificate names issuer key {}, but the credential is signed with {key}",
            printed.issuer_key
        )));
    }
    let hash = document_sha256(credential)?;
    if hash != printed.document_sha256 {
        return Err(Error::Credential(format!(
            "the credential does not match the printed certificate: what it states has a different hash (sha256:{hash}, printed sha256:{}); the paper or the credential was altered, or the certification was re-issued with other content",
            printed.document_sha256
        )));
    }
    report.checks.push(format!(
        "printed certificate: same credential id, issuer key and document hash (sha256:{hash})"
    ));
    Ok(report)
}

/// A QR code's modules, row by row, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Modules per side.
    pub width: usize,
    /// `true` for a dark module, `width * width` of them.
    pub dark: Vec<bool>,
}

impl Matrix {
    /// Whether the module at column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// Horizontal runs of dark modules: (row, first column, length).
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.width && self.is_dark(x, y) {
                        x += 1;
                    }
                    out.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        out
    }
}

/// The quiet zone the standard asks for around a QR code, in modules.
pub const QUIET_ZONE: usize = 4;

/// Encodes `text` as a QR code, error correction level M (about 15% of
/// the code may be damaged and it still reads).
pub fn matrix(text: &str) -> Result<Matrix> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| {
            Error::Input(format!(
                "the certificate code cannot be made into a QR code: {e}"
            ))
        })?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok(Matrix { width, dark })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{ob3, IssuerKey};
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn signed(key: &IssuerKey) -> Value {
        ob3::issue(&ob3::tests_sample(), key, "Test Trust", at(2026, 3, 1)).unwrap()
    }

    #[test]
    fn payload_round_trips_and_ignores_the_proof_time() {
        let key = IssuerKey::from_seed([9; 32]);
        let c = signed(&key);
        let p = Payload::of(&c).unwrap();
        let text = p.to_string();
        assert!(text.starts_with("rehearse-cert:1:"), "{text}");
        assert_eq!(Payload::parse(&format!("  {text}\n")).unwrap(), p);
        assert_eq!(p.issuer_key, key.multikey());
        // Re-signed later: same document, same payload.
        let again = ob3::issue(&ob3::tests_sample(), &key, "Test Trust", at(2026, 5, 1)).unwrap();
        assert_ne!(again["proof"], c["proof"]);
        assert_eq!(Payload::of(&again).unwrap(), p);
        check_printed(
            &p,
            &again,
            Some(&key.controller_document("T")),
            at(2026, 6, 1),
        )
        .unwrap();
    }

    #[test]
    fn mismatches_are_named() {
        let key = IssuerKey::from_seed([9; 32]);
        let c = signed(&key);
        let p = Payload::of(&c).unwrap();
        let now = at(2026, 6, 1);
        let mut other = ob3::tests_sample();
        other.trainee = Uuid::from_u128(42);
        let other = ob3::issue(&other, &key, "Test Trust", at(2026, 3, 1)).unwrap();
        let e = check_printed(&p, &other, None, now)
            .unwrap_err()
            .to_string();
        assert!(e.contains("another credential"), "{e}");
        // Same id, other content, validly signed: only the hash tells.
        let mut changed = ob3::tests_sample();
        changed.levels[1].1 = crate::grading::Level::Exemplary;
        let changed = ob3::issue(&changed, &key, "Test Trust", at(2026, 3, 1)).unwrap();
        assert_eq!(changed["id"], c["id"]);
        let e = check_printed(&p, &changed, None, now)
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not match the printed certificate"), "{e}");
        // Tampered after signing.
        let mut tampered = c.clone();
        tampered["credentialSubject"]["result"][0]["value"] = "competent".into();
        let e = check_printed(&p, &tampered, None, now)
            .unwrap_err()
            .to_string();
        assert!(e.contains("signature does not match"), "{e}");
        // Expired.
        let e = check_printed(&p, &c, None, at(2027, 3, 2))
            .unwrap_err()
            .to_string();
        assert!(e.contains("expired"), "{e}");
        // Another issuer's key in the printed code.
        let mut forged = p.clone();
        forged.issuer_key = IssuerKey::from_seed([1; 32]).multikey();
        let e = check_printed(&forged, &c, None, now)
            .unwrap_err()
            .to_string();
        assert!(e.contains("issuer key"), "{e}");
    }

    #[test]
    fn bad_codes_are_errors_not_panics() {
        let key = IssuerKey::from_seed([9; 32]);
        let good = Payload::of(&signed(&key)).unwrap().to_string();
        for bad in [
            "",
            "hello",
            "rehearse-cert",
            "rehearse-cert:1",
            "rehearse-cert:x:a:b:c",
            &good.replace("rehearse-cert:1:", "rehearse-cert:2:"),
            &good.replacen(':', "::", 3),
            &format!("{good}:extra"),
            &good[..good.len() - 3],
            &good.to_uppercase(),
        ] {
            assert!(Payload::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Payload::parse(&good.replace("rehearse-cert:1:", "rehearse-cert:2:"))
                .unwrap_err()
                .to_string()
                .contains("newer Rehearse")
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Scanned text is outside input: any string, and any string built
        /// from a code's own alphabet and separators, is parsed or refused,
        /// never a panic.
        #[test]
        fn any_scanned_text_is_parsed_or_refused(
            junk in ".{0,200}",
            parts in proptest::collection::vec("[0-9a-fz:-]{0,70}", 0..7),
        ) {
            let _ = Payload::parse(&junk);
            let _ = Payload::parse(&format!("rehearse-cert:1:{}", parts.join(":")));
        }
    }

    #[test]
    fn arrays_are_searched_by_id() {
        let key = IssuerKey::from_seed([9; 32]);
        let c = signed(&key);
        let p = Payload::of(&c).unwrap();
        let arr = Value::Array(vec![serde_json::json!({"id": "urn:uuid:x"}), c.clone()]);
        assert_eq!(select(&p, &arr).unwrap(), &c);
        assert!(select(&p, &Value::Array(vec![])).is_err());
    }

    #[test]
    fn the_matrix_has_finder_patterns() {
        let m = matrix("rehearse-cert:1:test").unwrap();
        assert_eq!(m.dark.len(), m.width * m.width);
        // Top-left finder: a dark 7×7 ring with a light ring inside it.
        assert!((0..7).all(|i| m.is_dark(i, 0) && m.is_dark(0, i)));
        assert!(!m.is_dark(1, 1) && m.is_dark(2, 2));
        assert!(!m.runs().is_empty());
    }
}

//! Signed JSON export bundles: the export file plus a detached Ed25519
//! signature file (`FILE.sig`) over the file's SHA-256, its length and the
//! head of the records' hash chain at export time.

use crate::credential::keys::{self, IssuerKey};
use crate::error::{Error, Result};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The `type` of a signature file.
pub const SIGNATURE_TYPE: &str = "RehearseExportSignature";

/// The signature file of an export file.
pub fn signature_path(export: &Path) -> PathBuf {
    let mut s = export.as_os_str().to_owned();
    s.push(".sig");
    PathBuf::from(s)
}

fn message(sha256: &str, bytes: u64, chain_head: &str, created: &str, vm: &str) -> String {
    format!("rehearse-export-signature-v1\n{sha256}\n{bytes}\n{chain_head}\n{created}\n{vm}\n")
}

/// The signature document for an export with this digest.
pub fn sign(key: &IssuerKey, sha256: &str, bytes: u64, chain_head: &str, created: &str) -> Value {
    let vm = key.verification_method();
    let sig = key.sign_multibase(message(sha256, bytes, chain_head, created, &vm).as_bytes());
    json!({
        "type": SIGNATURE_TYPE,
        "version": 1,
        "file_sha256": sha256,
        "file_bytes": bytes,
        "chain_head": chain_head,
        "created": created,
        "verificationMethod": vm,
        "signature": sig,
    })
}

/// What a bundle verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleReport {
    /// The chain head the bundle was signed with.
    pub chain_head: String,
    /// The signer's verification method.
    pub verification_method: String,
    /// Checks passed, in words.
    pub checks: Vec<String>,
}

/// SHA-256 (hex) and length of a reader's bytes, streamed.
pub fn digest(mut r: impl Read) -> std::io::Result<(String, u64)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        let k = r.read(&mut buf)?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    Ok((h.finalize().iter().map(|b| format!("{b:02x}")).collect(), n))
}

/// Verifies an export file against its signature document. With
/// `issuer_profile`, the key must be the one it lists.
pub fn verify(
    export: &Path,
    signature: &Value,
    issuer_profile: Option<&Value>,
) -> Result<BundleReport> {
    let field = |k: &str| {
        signature[k]
            .as_str()
            .ok_or_else(|| Error::Credential(format!("the signature file has no {k}")))
    };
    if signature["type"] != SIGNATURE_TYPE {
        return Err(Error::Credential(format!(
            "the signature file is not a {SIGNATURE_TYPE}"
        )));
    }
    let (want_sha, want_bytes, head, created, vm, sig) = (
        field("file_sha256")?,
        signature["file_bytes"]
            .as_u64()
            .ok_or_else(|| Error::Credential("the signature file has no file_bytes".into()))?,
        field("chain_head")?,
        field("created")?,
        field("verificationMethod")?,
        field("signature")?,
    );
    let mut checks = Vec::new();
    let key = match issuer_profile {
        Some(p) => {
            let k = keys::controller_key(p, vm)?;
            checks.push(format!(
                "signer: {vm} is listed in the pinned issuer profile"
            ));
            k
        }
        None => {
            let k = keys::did_key_public(vm)?;
            checks.push(format!(
                "signer: key read from {vm} (self-asserted; pass the issuer profile to pin it)"
            ));
            k
        }
    };
    keys::verify_multibase(
        &key,
        message(want_sha, want_bytes, head, created, vm).as_bytes(),
        sig,
    )
    .map_err(|e| match e {
        Error::Credential(m) if m.starts_with("the signature does not match") => {
            Error::Credential("the signature file was altered or signed by another key".into())
        }
        other => other,
    })?;
    checks.push("signature: Ed25519 over the file digest, length and chain head matches".into());
    let f = std::fs::File::open(export).map_err(|e| Error::io(export, e))?;
    let (sha, bytes) = digest(std::io::BufReader::new(f)).map_err(|e| Error::io(export, e))?;
    if sha != want_sha || bytes != want_bytes {
        return Err(Error::Credential(format!(
            "{} was changed after it was signed (SHA-256 {sha}, {bytes} bytes; signed {want_sha}, {want_bytes} bytes)",
            export.display()
        )));
    }
    checks.push(format!(
        "file: SHA-256 {sha} ({bytes} bytes) matches the signature"
    ));
    let f = std::fs::File::open(export).map_err(|e| Error::io(export, e))?;
    let doc: Value = serde_json::from_reader(std::io::BufReader::new(f))
        .map_err(|e| Error::Credential(format!("{} is not JSON: {e}", export.display())))?;
    if doc["provenance"]["chain_head"] != head {
        return Err(Error::Credential(
            "the chain head in the export does not match the signed one".into(),
        ));
    }
    checks.push(format!(
        "records chain head {head} (as signed and as stated in the export)"
    ));
    Ok(BundleReport {
        chain_head: head.to_string(),
        verification_method: vm.to_string(),
        checks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_byte_changes_fail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        let body = br#"{"provenance":{"chain_head":"abc"},"trainees":[]}"#;
        std::fs::write(&path, body).unwrap();
        let key = IssuerKey::from_seed([9; 32]);
        let (sha, n) = digest(&body[..]).unwrap();
        let sig = sign(&key, &sha, n, "abc", "2026-01-01T00:00:00Z");
        let r = verify(&path, &sig, Some(&key.controller_document("x"))).unwrap();
        assert_eq!(r.checks.len(), 4);
        let mut changed = body.to_vec();
        changed[30] ^= 1;
        std::fs::write(&path, &changed).unwrap();
        assert!(verify(&path, &sig, None).is_err());
        std::fs::write(&path, body).unwrap();
        let mut bad = sig.clone();
        bad["chain_head"] = "abd".into();
        assert!(verify(&path, &bad, None).is_err());
        let other = IssuerKey::from_seed([1; 32]).controller_document("o");
        assert!(verify(&path, &sig, Some(&other)).is_err());
    }
}

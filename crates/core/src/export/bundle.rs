//! Signed export bundles: the export file (any format) plus a detached
//! Ed25519 signature file (`FILE.sig`) over the file's SHA-256, its length,
//! its format, the head of the records' hash chains at export time and the
//! signed checkpoint of those chains ([`crate::records::checkpoint`]) that
//! the signature file carries in full.
//!
//! The checkpoint lets an accreditation body check offline, from the
//! bundle alone, which history the export was made over: the checkpoint's
//! own signature (by the same installation key), how many rows each chain
//! had and its last hash, and that the export's chain head is the digest of
//! exactly those heads. Two bundles from one installation must show chains
//! that only grow. Version 1 signature files (JSON exports before
//! checkpoints were carried) still verify, and say they carry none.

use crate::credential::keys::{self, IssuerKey};
use crate::error::{Error, Result};
use crate::records::checkpoint::Checkpoint;
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

fn message_v1(sha256: &str, bytes: u64, chain_head: &str, created: &str, vm: &str) -> String {
    format!("rehearse-export-signature-v1\n{sha256}\n{bytes}\n{chain_head}\n{created}\n{vm}\n")
}

/// What a version 2 signature signs: the file, its format, the chain head
/// and the checkpoint (by its signature, which covers all of it).
struct Signed<'a> {
    sha256: &'a str,
    bytes: u64,
    format: &'a str,
    chain_head: &'a str,
    created: &'a str,
    vm: &'a str,
    checkpoint_signature: &'a str,
}

impl Signed<'_> {
    fn message(&self) -> String {
        format!(
            "rehearse-export-signature-v2\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
            self.sha256,
            self.bytes,
            self.format,
            self.chain_head,
            self.created,
            self.vm,
            self.checkpoint_signature
        )
    }
}

/// The signature document for an export with this digest, made over the
/// records as `checkpoint` signed them (`chain_head` must be the digest of
/// its heads, see [`crate::records::chain::heads_digest`]).
pub fn sign(
    key: &IssuerKey,
    sha256: &str,
    bytes: u64,
    format: &str,
    chain_head: &str,
    created: &str,
    checkpoint: &Checkpoint,
) -> Value {
    let vm = key.verification_method();
    let signed = Signed {
        sha256,
        bytes,
        format,
        chain_head,
        created,
        vm: &vm,
        checkpoint_signature: &checkpoint.signature,
    };
    let sig = key.sign_multibase(signed.message().as_bytes());
    json!({
        "type": SIGNATURE_TYPE,
        "version": 2,
        "file_sha256": sha256,
        "file_bytes": bytes,
        "format": format,
        "chain_head": chain_head,
        "created": created,
        "checkpoint": checkpoint,
        "verificationMethod": vm,
        "signature": sig,
    })
}

/// What a bundle verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleReport {
    /// The chain head the bundle was signed with.
    pub chain_head: String,
    /// The export's format (`None` for a version 1 signature: JSON).
    pub format: Option<String>,
    /// The signed checkpoint the bundle carries (`None` for version 1).
    pub checkpoint: Option<Checkpoint>,
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
    Ok((hex::encode(h.finalize()), n))
}

/// Verifies an export file against its signature document. With
/// `issuer_profile`, the key must be the one it lists; the checkpoint the
/// signature carries must be signed by the same key and agree with the
/// export's chain head.
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
    let version = signature["version"].as_u64().unwrap_or(0);
    if version != 1 && version != 2 {
        return Err(Error::Credential(format!(
            "the signature file has version {}, which this Rehearse does not know",
            signature["version"]
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
    let altered = |e: Error| match e {
        Error::Credential(m) if m.starts_with("the signature does not match") => {
            Error::Credential("the signature file was altered or signed by another key".into())
        }
        other => other,
    };
    let (format, checkpoint) = if version == 2 {
        let format = field("format")?;
        let checkpoint: Checkpoint = serde_json::from_value(signature["checkpoint"].clone())
            .map_err(|e| {
                Error::Credential(format!(
                    "the signature file carries no readable checkpoint ({e})"
                ))
            })?;
        let signed = Signed {
            sha256: want_sha,
            bytes: want_bytes,
            format,
            chain_head: head,
            created,
            vm,
            checkpoint_signature: &checkpoint.signature,
        };
        keys::verify_multibase(&key, signed.message().as_bytes(), sig).map_err(altered)?;
        checks.push(
            "signature: Ed25519 over the file digest, length, format, chain head and checkpoint matches"
                .into(),
        );
        (Some(format), Some(checkpoint))
    } else {
        keys::verify_multibase(
            &key,
            message_v1(want_sha, want_bytes, head, created, vm).as_bytes(),
            sig,
        )
        .map_err(altered)?;
        checks
            .push("signature: Ed25519 over the file digest, length and chain head matches".into());
        (None, None)
    };
    if let Some(c) = &checkpoint {
        if c.verification_method != vm {
            return Err(Error::Credential(format!(
                "the checkpoint in the signature file was signed by another key ({}), not the export's signer",
                c.verification_method
            )));
        }
        keys::verify_multibase(&key, c.message().as_bytes(), &c.signature).map_err(|_| {
            Error::Credential(
                "the checkpoint in the signature file was altered: its signature does not match"
                    .into(),
            )
        })?;
        let digest = crate::records::chain::heads_digest(&c.heads);
        if digest != head {
            return Err(Error::Credential(format!(
                "the checkpoint in the signature file does not agree with the export: its chain heads digest to {digest}, the export states {head}"
            )));
        }
        let rows: u64 = c.heads.values().map(|h| h.rows).sum();
        checks.push(format!(
            "checkpoint: signed by the same key at {} ({}) over {} chain(s) holding {rows} row(s); their heads digest to the export's chain head",
            c.at,
            c.reason,
            c.heads.len()
        ));
    }
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
    // A JSON export states its chain head (and each chain's) inside too.
    if format.is_none_or(|f| f == "json") {
        let f = std::fs::File::open(export).map_err(|e| Error::io(export, e))?;
        let doc: Value = serde_json::from_reader(std::io::BufReader::new(f))
            .map_err(|e| Error::Credential(format!("{} is not JSON: {e}", export.display())))?;
        if doc["provenance"]["chain_head"] != head {
            return Err(Error::Credential(
                "the chain head in the export does not match the signed one".into(),
            ));
        }
        if let Some(c) = &checkpoint {
            for (table, h) in &c.heads {
                if doc["provenance"]["chain_heads"][table] != h.hash.as_str() {
                    return Err(Error::Credential(format!(
                        "the export's head of {table} does not match its checkpoint"
                    )));
                }
            }
        }
        checks.push(format!(
            "records chain head {head} (as signed and as stated in the export)"
        ));
    } else {
        checks.push(format!("records chain head {head} (as signed)"));
    }
    Ok(BundleReport {
        chain_head: head.to_string(),
        verification_method: vm.to_string(),
        format: format.map(str::to_string),
        checkpoint,
        checks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::chain::{heads_digest, Head};
    use std::collections::BTreeMap;

    fn checkpoint(key: &IssuerKey, rows: u64) -> Checkpoint {
        let mut heads = BTreeMap::new();
        heads.insert(
            "attempts".to_string(),
            Head {
                rows,
                hash: format!("{rows:064}"),
            },
        );
        let mut c = Checkpoint {
            at: "2026-01-01T00:00:00Z".into(),
            reason: "export".into(),
            heads,
            verification_method: key.verification_method(),
            signature: String::new(),
        };
        c.signature = key.sign_multibase(c.message().as_bytes());
        c
    }

    fn body(c: &Checkpoint) -> Vec<u8> {
        let heads: BTreeMap<&String, &String> = c.heads.iter().map(|(t, h)| (t, &h.hash)).collect();
        serde_json::to_vec(&json!({
            "provenance": {"chain_head": heads_digest(&c.heads), "chain_heads": heads},
            "trainees": []
        }))
        .unwrap()
    }

    #[test]
    fn one_byte_changes_fail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        let key = IssuerKey::from_seed([9; 32]);
        let cp = checkpoint(&key, 3);
        let body = body(&cp);
        std::fs::write(&path, &body).unwrap();
        let head = heads_digest(&cp.heads);
        let (sha, n) = digest(&body[..]).unwrap();
        let sig = sign(&key, &sha, n, "json", &head, "2026-01-01T00:00:00Z", &cp);
        let r = verify(&path, &sig, Some(&key.controller_document("x"))).unwrap();
        assert_eq!(r.checks.len(), 5, "{:?}", r.checks);
        assert_eq!(r.checkpoint.as_ref(), Some(&cp));
        let mut changed = body.clone();
        changed[30] ^= 1;
        std::fs::write(&path, &changed).unwrap();
        assert!(verify(&path, &sig, None).is_err());
        std::fs::write(&path, &body).unwrap();
        let mut bad = sig.clone();
        bad["chain_head"] = "abd".into();
        assert!(verify(&path, &bad, None).is_err());
        let other = IssuerKey::from_seed([1; 32]).controller_document("o");
        assert!(verify(&path, &sig, Some(&other)).is_err());
    }

    #[test]
    fn the_checkpoint_must_be_genuine_bound_and_agree_with_the_export() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.csv");
        std::fs::write(&path, b"a,b\r\n1,2\r\n").unwrap();
        let (sha, n) = digest(&b"a,b\r\n1,2\r\n"[..]).unwrap();
        let key = IssuerKey::from_seed([9; 32]);
        let cp = checkpoint(&key, 3);
        let head = heads_digest(&cp.heads);
        let at = "2026-01-01T00:00:00Z";
        let good = sign(&key, &sha, n, "csv", &head, at, &cp);
        verify(&path, &good, None).unwrap();
        let err = |sig: &Value| verify(&path, sig, None).unwrap_err().to_string();

        // The checkpoint's heads edited: its own signature fails.
        let mut edited = good.clone();
        edited["checkpoint"]["heads"]["attempts"]["rows"] = 4.into();
        assert!(err(&edited).contains("checkpoint in the signature file was altered"));
        // Another genuine checkpoint swapped in: the export's signature fails.
        let mut swapped = good.clone();
        swapped["checkpoint"] = serde_json::to_value(checkpoint(&key, 2)).unwrap();
        assert!(err(&swapped).contains("altered or signed by another key"));
        // No checkpoint at all in a version 2 file.
        let mut none = good.clone();
        none.as_object_mut().unwrap().remove("checkpoint");
        assert!(err(&none).contains("no readable checkpoint"));
        // Signed by the right key over a checkpoint of other records.
        let other = checkpoint(&key, 7);
        let disagrees = sign(&key, &sha, n, "csv", &head, at, &other);
        assert!(err(&disagrees).contains("does not agree with the export"));
        // A checkpoint signed by another key.
        let stranger = checkpoint(&IssuerKey::from_seed([5; 32]), 3);
        let foreign = sign(&key, &sha, n, "csv", &head, at, &stranger);
        assert!(err(&foreign).contains("signed by another key"));
        // The format is signed too.
        let mut reformatted = good.clone();
        reformatted["format"] = "csv-attempts".into();
        assert!(err(&reformatted).contains("altered"));
    }

    #[test]
    fn a_version_1_signature_still_verifies_and_says_it_has_no_checkpoint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        let body = br#"{"provenance":{"chain_head":"abc"},"trainees":[]}"#;
        std::fs::write(&path, body).unwrap();
        let key = IssuerKey::from_seed([9; 32]);
        let (sha, n) = digest(&body[..]).unwrap();
        let vm = key.verification_method();
        let created = "2026-01-01T00:00:00Z";
        let sig = json!({
            "type": SIGNATURE_TYPE, "version": 1, "file_sha256": sha, "file_bytes": n,
            "chain_head": "abc", "created": created, "verificationMethod": vm,
            "signature": key.sign_multibase(message_v1(&sha, n, "abc", created, &vm).as_bytes()),
        });
        let r = verify(&path, &sig, None).unwrap();
        assert!(r.checkpoint.is_none() && r.format.is_none());
    }
}

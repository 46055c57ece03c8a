//! Verifying a file offline, whatever it holds: a signed export of any
//! format (the file with its `FILE.sig` beside it, carrying the signed
//! checkpoint of the records it was made from; an `ob3` file's credentials
//! are then verified one by one too), one Open Badges 3.0 credential, or a
//! JSON array of them. Every check made is kept
//! in words, and a failure says why, so a person can read the verdict.

use super::bundle;
use crate::credential::verify_credential;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// What a verified file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FileKind {
    /// An export with its detached signature.
    SignedExport,
    /// One or more Open Badges 3.0 credentials.
    Credentials,
}

/// The verdict on one signed thing in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemVerdict {
    /// What it is: the file name, or the credential's place in the array.
    pub label: String,
    /// Whether every check passed.
    pub valid: bool,
    /// The checks that passed, in words, in the order made.
    pub checks: Vec<String>,
    /// Why it failed, in words.
    pub problem: Option<String>,
    /// The credential id (credentials only, when valid).
    pub credential: Option<String>,
    /// The credential subject (credentials only, when valid).
    pub subject: Option<String>,
    /// The issuer (credentials only, when valid).
    pub issuer: Option<String>,
}

/// The verdict on a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileVerdict {
    /// What the file held.
    pub kind: FileKind,
    /// Whether everything in it verified.
    pub valid: bool,
    /// One verdict per signed thing (for a signed export, the file's own
    /// verdict is the last, after those of the credentials it holds).
    pub items: Vec<ItemVerdict>,
    /// The verdict in one plain sentence.
    pub summary: String,
}

/// The largest file `verify` reads (credentials, profiles, signed exports).
pub const MAX_VERIFY_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a JSON file of at most [`MAX_VERIFY_BYTES`].
pub fn read_json(path: &Path) -> Result<Value> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // Read at most one byte past the cap, so /dev/zero or a huge file stops
    // at once instead of filling memory.
    let mut bytes = Vec::new();
    file.take(MAX_VERIFY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_VERIFY_BYTES {
        return Err(Error::Credential(format!(
            "{} is larger than {} MiB, the most `verify` reads; a credential or signed export is far smaller",
            path.display(),
            MAX_VERIFY_BYTES / (1024 * 1024)
        )));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::Credential(format!("{} is not JSON: {e}", path.display())))
}

fn label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Verifies `path` as of `now`. With `issuer_profile` (from `rehearse keys
/// export`) the signing key must be the one it lists. Errors are files
/// that cannot be judged at all: unreadable, not JSON, holding no
/// credential, or a JSON export whose signature file is missing.
pub fn verify_file(
    path: &Path,
    issuer_profile: Option<&Value>,
    now: DateTime<Utc>,
) -> Result<FileVerdict> {
    let sig_path = bundle::signature_path(path);
    if sig_path.exists() {
        let sig = read_json(&sig_path)?;
        let (item, format) = match bundle::verify(path, &sig, issuer_profile) {
            Ok(r) => (
                ItemVerdict {
                    label: label(path),
                    valid: true,
                    checks: r.checks,
                    problem: None,
                    credential: None,
                    subject: None,
                    issuer: Some(r.verification_method),
                },
                r.format,
            ),
            // A file that cannot be read is not judged.
            Err(e @ Error::Io { .. }) => return Err(e),
            Err(e) => (
                ItemVerdict {
                    label: label(path),
                    valid: false,
                    checks: Vec::new(),
                    problem: Some(e.to_string()),
                    credential: None,
                    subject: None,
                    issuer: None,
                },
                None,
            ),
        };
        // An unchanged file of credentials: each must verify on its own too
        // (dates included). The credentials come first, the file's own
        // verdict last.
        let mut items = Vec::new();
        if item.valid && format.as_deref() == Some("ob3") {
            let doc = read_json(path)?;
            let creds: Vec<&Value> = match &doc {
                Value::Array(all) => all.iter().collect(),
                one => vec![one],
            };
            items.extend(credential_items(path, &creds, issuer_profile, now));
        }
        items.push(item);
        let bad: Vec<&ItemVerdict> = items.iter().rev().filter(|i| !i.valid).collect();
        let summary = match bad.first() {
            None => {
                "Valid: this signed export has not been changed since it was signed.".to_string()
            }
            Some(first) => format!(
                "Not valid: {}",
                first.problem.as_deref().unwrap_or("the check failed")
            ),
        };
        return Ok(FileVerdict {
            kind: FileKind::SignedExport,
            valid: bad.is_empty(),
            items,
            summary,
        });
    }
    let doc = read_json(path).map_err(|e| match e {
        Error::Credential(m) if m.contains("is not JSON") => Error::Credential(format!(
            "{m}; and {} is missing, so it is not a signed export either: it cannot be verified",
            sig_path.display()
        )),
        other => other,
    })?;
    if doc.get("provenance").is_some() && doc.get("schema").is_some() {
        return Err(Error::Credential(format!(
            "{} is a JSON export but {} is missing: it cannot be verified",
            path.display(),
            sig_path.display()
        )));
    }
    let creds: Vec<&Value> = match &doc {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    if creds.is_empty() {
        return Err(Error::Credential(format!(
            "{} holds no credential",
            path.display()
        )));
    }
    let items = credential_items(path, &creds, issuer_profile, now);
    let bad = items.iter().filter(|i| !i.valid).count();
    let summary = match (bad, items.len()) {
        (0, 1) => "Valid: the credential is genuine, unchanged and in date.".to_string(),
        (0, n) => format!("Valid: all {n} credentials are genuine, unchanged and in date."),
        (_, 1) => format!(
            "Not valid: {}",
            items[0].problem.as_deref().unwrap_or("the check failed")
        ),
        (b, n) => format!("Not valid: {b} of {n} credentials failed verification."),
    };
    Ok(FileVerdict {
        kind: FileKind::Credentials,
        valid: bad == 0,
        items,
        summary,
    })
}

/// One verdict per credential.
fn credential_items(
    path: &Path,
    creds: &[&Value],
    issuer_profile: Option<&Value>,
    now: DateTime<Utc>,
) -> Vec<ItemVerdict> {
    let many = creds.len() > 1;
    creds
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = if many {
                format!("{} [{i}]", label(path))
            } else {
                label(path)
            };
            match verify_credential(c, issuer_profile, now) {
                Ok(r) => ItemVerdict {
                    label,
                    valid: true,
                    checks: r.checks,
                    problem: None,
                    credential: Some(r.id),
                    subject: Some(r.subject),
                    issuer: Some(r.issuer),
                },
                Err(e) => ItemVerdict {
                    label,
                    valid: false,
                    checks: Vec::new(),
                    problem: Some(e.to_string()),
                    credential: None,
                    subject: None,
                    issuer: None,
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{ob3, IssuerKey};

    #[test]
    fn credentials_pass_with_every_check_and_a_change_or_expiry_fails_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let key = IssuerKey::from_seed([3; 32]);
        let input = ob3::tests_sample();
        let issued_at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let cred = ob3::issue(&input, &key, "Test", issued_at).unwrap();
        let good = dir.path().join("cred.json");
        std::fs::write(&good, serde_json::to_string_pretty(&cred).unwrap()).unwrap();
        let now = issued_at + chrono::Duration::days(60);
        let v = verify_file(&good, None, now).unwrap();
        assert!(v.valid, "{v:?}");
        assert_eq!(v.kind, FileKind::Credentials);
        assert!(v.summary.starts_with("Valid"));
        for check in ["type:", "issuer key:", "proof:", "dates:"] {
            assert!(v.items[0].checks.iter().any(|c| c.starts_with(check)));
        }

        let mut changed = cred.clone();
        changed["credentialSubject"]["id"] =
            Value::String("urn:uuid:00000000-0000-0000-0000-000000000000".into());
        let bad = dir.path().join("changed.json");
        std::fs::write(
            &bad,
            serde_json::to_string(&Value::Array(vec![cred.clone(), changed])).unwrap(),
        )
        .unwrap();
        let v = verify_file(&bad, None, now).unwrap();
        assert!(!v.valid);
        assert!(v.items[0].valid && !v.items[1].valid);
        assert!(
            v.items[1]
                .problem
                .as_deref()
                .unwrap()
                .contains("signature does not match"),
            "{v:?}"
        );
        assert_eq!(
            v.summary,
            "Not valid: 1 of 2 credentials failed verification."
        );

        let later = issued_at + chrono::Duration::days(3650);
        let v = verify_file(&good, None, later).unwrap();
        assert!(!v.valid && v.summary.contains("has expired"), "{v:?}");

        let empty = dir.path().join("empty.json");
        std::fs::write(&empty, "[]").unwrap();
        assert!(verify_file(&empty, None, now).is_err());
        assert!(verify_file(&dir.path().join("absent.json"), None, now).is_err());
    }
}

#[cfg(test)]
mod bounds {
    use super::*;

    #[test]
    fn endless_and_oversized_inputs_are_refused_quickly() {
        let t = std::time::Instant::now();
        let e = read_json(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(e.contains("larger than 256 MiB"), "{e}");
        assert!(t.elapsed() < std::time::Duration::from_secs(10));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(&p, "{\"a\": [1, 2").unwrap();
        assert!(read_json(&p)
            .unwrap_err()
            .to_string()
            .contains("is not JSON"));
    }
}

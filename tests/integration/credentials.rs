//! Open Badges 3.0 credentials checked by an independent verifier:
//! openbadgeslib 4.6.3 (PyPI, `openbadgeslib[ldp]`) through
//! `tests/peers/verify_ob3.py`, offline with its bundled contexts and the
//! issuer profile from `rehearse keys export`. It must accept every current
//! credential Rehearse issues and reject a tampered and an expired one;
//! `rehearse verify` must agree.

use crate::exports::{export, fixture, ob3_python, rehearse};
use crate::support::root;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs the independent verifier: (exit code, its JSON line).
fn independent(cred: &Path, profile: &Path) -> (i32, Value) {
    let o = Command::new(ob3_python())
        .arg(root().join("tests/peers/verify_ob3.py"))
        .arg(cred)
        .arg("--controller")
        .arg(profile)
        .output()
        .expect("verify_ob3.py runs");
    let line = String::from_utf8_lossy(&o.stdout);
    let v = serde_json::from_str(line.trim()).unwrap_or_else(|_| {
        panic!(
            "verifier said {line}\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code().unwrap_or(-1), v)
}

struct Issued {
    _f: crate::exports::Fixture,
    dir: std::path::PathBuf,
    profile: std::path::PathBuf,
    current: Vec<std::path::PathBuf>,
    expired: Vec<std::path::PathBuf>,
    db: std::path::PathBuf,
}

fn issue() -> Issued {
    let f = fixture();
    let dir = f.db.parent().unwrap().to_path_buf();
    let all: Vec<Value> = serde_json::from_str(&export(
        &f.db,
        &dir.join("creds.json"),
        &["--format", "ob3"],
    ))
    .unwrap();
    assert_eq!(all.len(), 2, "one credential per certification");
    let profile = dir.join("issuer.json");
    let o = rehearse(
        &f.db,
        &[
            "keys",
            "export",
            "-o",
            profile.to_str().unwrap(),
            "--issuer-name",
            "North Trust",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let (mut current, mut expired) = (Vec::new(), Vec::new());
    for (i, c) in all.iter().enumerate() {
        let p = dir.join(format!("cred-{i}.json"));
        std::fs::write(&p, serde_json::to_string_pretty(c).unwrap()).unwrap();
        let subject = c["credentialSubject"]["id"].as_str().unwrap();
        if subject == format!("urn:uuid:{}", f.current) {
            current.push(p);
        } else {
            assert_eq!(subject, format!("urn:uuid:{}", f.expired));
            expired.push(p);
        }
    }
    Issued {
        db: f.db.clone(),
        _f: f,
        dir,
        profile,
        current,
        expired,
    }
}

#[test]
fn the_independent_verifier_accepts_every_current_credential() {
    let i = issue();
    assert_eq!(i.current.len(), 1);
    for c in &i.current {
        let (code, v) = independent(c, &i.profile);
        assert_eq!(code, 0, "openbadgeslib rejected {}: {v}", c.display());
        assert_eq!(v["valid"], true);
        let o = rehearse(
            &i.db,
            &[
                "verify",
                c.to_str().unwrap(),
                "--issuer",
                i.profile.to_str().unwrap(),
            ],
        );
        assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
        for check in ["type:", "issuer key:", "proof:", "dates:"] {
            assert!(o.stdout.contains(check), "{}", o.stdout);
        }
        let cred: Value = serde_json::from_str(&std::fs::read_to_string(c).unwrap()).unwrap();
        let a = &cred["credentialSubject"]["achievement"];
        assert!(a["criteria"]["narrative"]
            .as_str()
            .unwrap()
            .contains("rehearse-default-2"));
        assert_eq!(a["alignment"].as_array().unwrap().len(), 15);
        assert_eq!(
            cred["credentialSubject"]["result"]
                .as_array()
                .unwrap()
                .len(),
            15
        );
    }
}

#[test]
fn a_tampered_credential_is_rejected_by_both_verifiers() {
    let i = issue();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(&i.current[0]).unwrap()).unwrap();
    type Tamper = fn(&mut Value);
    let tampers: [(&str, Tamper); 3] = [
        ("a result level", |c| {
            let r = &mut c["credentialSubject"]["result"][0]["value"];
            *r = if r == "exemplary" {
                "competent".into()
            } else {
                "exemplary".into()
            };
        }),
        ("the expiry", |c| {
            c["validUntil"] = "2099-01-01T00:00:00Z".into()
        }),
        ("the subject", |c| {
            c["credentialSubject"]["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000".into()
        }),
    ];
    for (what, tamper) in tampers {
        let mut c = original.clone();
        tamper(&mut c);
        let p = i.dir.join("tampered.json");
        std::fs::write(&p, serde_json::to_string_pretty(&c).unwrap()).unwrap();
        let (code, v) = independent(&p, &i.profile);
        assert_eq!(code, 1, "openbadgeslib accepted a change to {what}: {v}");
        let o = rehearse(
            &i.db,
            &[
                "verify",
                p.to_str().unwrap(),
                "--issuer",
                i.profile.to_str().unwrap(),
            ],
        );
        assert_eq!(o.code, 1, "rehearse verify accepted a change to {what}");
        assert!(
            o.stdout.contains("signature does not match"),
            "{}",
            o.stdout
        );
    }
    // Whitespace is not content: re-indenting keeps it valid.
    let p = i.dir.join("reformatted.json");
    std::fs::write(&p, serde_json::to_string(&original).unwrap()).unwrap();
    assert_eq!(independent(&p, &i.profile).0, 0);
}

#[test]
fn an_expired_credential_is_rejected_by_both_verifiers_saying_why() {
    let i = issue();
    assert_eq!(i.expired.len(), 1);
    let p = &i.expired[0];
    let (code, v) = independent(p, &i.profile);
    assert_eq!(code, 1, "openbadgeslib accepted an expired credential: {v}");
    assert!(
        v["reason"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("expir"),
        "{v}"
    );
    let o = rehearse(
        &i.db,
        &[
            "verify",
            p.to_str().unwrap(),
            "--issuer",
            i.profile.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains("has expired: validUntil is"),
        "{}",
        o.stdout
    );
    // The same credential verifies as of a day it was valid: only the date failed.
    let cred: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let o = rehearse(
        &i.db,
        &[
            "verify",
            p.to_str().unwrap(),
            "--at",
            cred["validFrom"].as_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
}

#[test]
fn the_issuer_key_is_created_once_owner_only_and_another_issuer_is_refused() {
    let i = issue();
    let key = i.db.with_file_name("issuer-key.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let profile: Value =
        serde_json::from_str(&std::fs::read_to_string(&i.profile).unwrap()).unwrap();
    assert_eq!(profile["verificationMethod"][0]["type"], "Multikey");
    // Another installation's profile does not vouch for these credentials.
    let other = fixture();
    // The fixture is a copy of one installation, key included; another
    // installation has a key (and checkpoint log) of its own.
    std::fs::remove_file(other.db.with_file_name("issuer-key.json")).unwrap();
    let _ = std::fs::remove_file(other.db.with_file_name("checkpoints.log"));
    let other_profile = i.dir.join("other.json");
    let o = rehearse(
        &other.db,
        &["keys", "export", "-o", other_profile.to_str().unwrap()],
    );
    assert_eq!(o.code, 0);
    assert_eq!(independent(&i.current[0], &other_profile).0, 1);
    let o = rehearse(
        &i.db,
        &[
            "verify",
            i.current[0].to_str().unwrap(),
            "--issuer",
            other_profile.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 1);
}

#[test]
fn a_withdrawn_certification_gets_no_credential_and_no_statement() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    // A trainer finds the severe-decompensation red flag was missed in the
    // insulin-overdose assessment: the certification loses its basis.
    let list = rehearse(&f.db, &["attempts", &f.current, "--json"]);
    let list: Value = serde_json::from_str(&list.stdout).unwrap();
    let attempt = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["scenario_id"] == "insulin-overdose")
        .unwrap()["attempt"]
        .as_str()
        .unwrap()
        .to_string();
    let o = rehearse(
        &f.db,
        &[
            "moderate",
            &attempt,
            "--red-flag",
            "severe_decompensation",
            "--outcome",
            "missed",
            "--reason",
            "missed on review",
            "--trainer",
            "Tess Trainer",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let creds: Vec<Value> =
        serde_json::from_str(&export(&f.db, &dir.join("c.json"), &["--format", "ob3"])).unwrap();
    assert_eq!(creds.len(), 1);
    assert_eq!(
        creds[0]["credentialSubject"]["id"],
        format!("urn:uuid:{}", f.expired)
    );
    let statements: Vec<Value> =
        serde_json::from_str(&export(&f.db, &dir.join("x.json"), &["--format", "xapi"])).unwrap();
    let satisfied = statements
        .iter()
        .filter(|s| s["verb"]["id"] == "https://w3id.org/xapi/adl/verbs/satisfied")
        .count();
    assert_eq!(satisfied, 1);
    // The JSON export keeps the whole ledger, withdrawal included.
    let json: Value =
        serde_json::from_str(&export(&f.db, &dir.join("e.json"), &["--format", "json"])).unwrap();
    assert!(json["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["event"] == "withdrawn" && c["trainee"] == f.current.as_str()));
}

//! Accreditation exports through the real `rehearse` binary over a real
//! records database: both CSV layouts read by Python's `csv` module, the
//! JSON export validated against `docs/export.schema.json` with Python's
//! `jsonschema`, the signed bundle, pseudonymity, filters, and the privacy
//! test (a unique marker in a transcript and a moderation reason appears
//! in no format).
//!
//! The fixture and the peers (Python venvs from PyPI, created by
//! `tests/peers/setup.sh` under `target/peers/`) are shared with
//! [`crate::lrs`] and [`crate::credentials`].

use crate::support::{root, scenarios};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Found in the fixture's transcripts and a moderation reason, and nowhere else.
pub const MARKER: &str = "Zanzibarquoll7731";

/// The organisation of the certified trainee: a comma and a quote force CSV quoting.
pub const ORG_NORTH: &str = "North Trust, \"Leeds\"";

/// The xAPI home page used throughout.
pub const HOME: &str = "https://trust.example/";

/// The bundled strong paths that certify under the default policy.
const CERTIFYING: [(&str, &str); 4] = [
    ("midwife-neonatal-death", "second good route"),
    ("team-shared-event", "strong path"),
    ("insulin-overdose", "second good route"),
    ("junior-doctor-death", "second good route"),
];

/// A finished command.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `rehearse --db DB ARGS`.
pub fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("REHEARSE_SCENARIOS", scenarios())
        .env("REHEARSE_TRAINER_PASSPHRASE", "correct horse battery")
        .env_remove("REHEARSE_NOW")
        .env_remove("REHEARSE_HOME_PAGE")
        .stdin(Stdio::null());
    c
}

/// Runs `rehearse --db DB ARGS`.
pub fn rehearse(db: &Path, args: &[&str]) -> Out {
    let o = cmd(db, args).output().expect("rehearse runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn ok(o: Out) -> Out {
    assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
    o
}

fn inputs(scenario: &str, test: &str) -> Vec<String> {
    rehearse_core::testcase::find_test(&scenarios().join(scenario), test)
        .unwrap_or_else(|e| panic!("{e}"))
        .inputs
}

fn days_ago(n: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(n))
        .format("%Y-%m-%dT10:00:00Z")
        .to_string()
}

fn play(db: &Path, trainee: &str, scenario: &str, test: &str, mode: &str, at: &str) {
    let lines: Vec<String> = inputs(scenario, test)
        .into_iter()
        .map(|l| {
            // Free text (not a choice or a command) carries the marker.
            if l.parse::<u32>().is_err() && !l.starts_with(['/', '#']) {
                format!("{} {MARKER}", l.trim_end_matches(['?', '.']))
            } else {
                l
            }
        })
        .collect();
    let file = db.with_file_name(format!("{scenario}-{trainee}.inputs"));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    ok(rehearse(
        db,
        &[
            "play",
            scenario,
            "--mode",
            mode,
            "--seed",
            "1",
            "--input",
            file.to_str().unwrap(),
            "--trainee",
            trainee,
            "--at",
            at,
        ],
    ));
}

/// A records database built once through the CLI and copied per test:
/// - `current`: North Trust, certified 20 days ago (valid now), one
///   attempt moderated with the marker in the reason;
/// - `expired`: South, certified 420 days ago (its credential has expired);
/// - `learner`: no organisation, one practice attempt with free text.
pub struct Fixture {
    _dir: tempfile::TempDir,
    /// The database.
    pub db: PathBuf,
    /// Trainee ids.
    pub current: String,
    pub expired: String,
    pub learner: String,
}

struct Template {
    dir: PathBuf,
    current: String,
    expired: String,
    learner: String,
}

fn build_template() -> Template {
    // Under the target directory; fixtures of earlier runs are removed.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let prefix = "exports-fixture-";
    if let Ok(entries) = std::fs::read_dir(tmp) {
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if e.file_name().to_string_lossy().starts_with(prefix) && old {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = tmp.join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("rehearse.db");
    let add = |name: &str, email: &str, org: Option<&str>| {
        let mut args = vec!["trainee", "add", name, "--email", email];
        if let Some(o) = org {
            args.extend(["--organisation", o]);
        }
        ok(rehearse(&db, &args)).stdout.trim().to_string()
    };
    let current = add("Casey Current", "casey@north.example", Some(ORG_NORTH));
    let expired = add("Ezra Expired", "ezra@south.example", Some("South"));
    let learner = add("Lee Learner", "lee@example.org", None);
    for (s, t) in CERTIFYING {
        play(&db, &current, s, t, "assessment", &days_ago(20));
        play(&db, &expired, s, t, "assessment", &days_ago(420));
    }
    play(
        &db,
        &learner,
        "insulin-overdose",
        "free text: an open invitation",
        "practice",
        &days_ago(5),
    );
    ok(rehearse(&db, &["trainer", "add", "Tess Trainer"]));
    let list = ok(rehearse(&db, &["attempts", &current, "--json"])).stdout;
    let list: Value = serde_json::from_str(&list).unwrap();
    let attempt = list[0]["attempt"].as_str().unwrap().to_string();
    // Raise one grade (never lowers a pass): the first competency not
    // already exemplary.
    let reason = format!("Reviewed the recording with the trainee {MARKER}");
    let moderated = rehearse_core::competency::Competency::ALL.iter().any(|c| {
        rehearse(
            &db,
            &[
                "moderate",
                &attempt,
                "--competency",
                c.id(),
                "--level",
                "exemplary",
                "--reason",
                &reason,
                "--trainer",
                "Tess Trainer",
            ],
        )
        .code
            == 0
    });
    assert!(moderated, "no competency could be moderated");
    Template {
        dir,
        current,
        expired,
        learner,
    }
}

/// A private copy of the fixture database (and its key and outbox).
pub fn fixture() -> Fixture {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    let t = TEMPLATE.get_or_init(build_template);
    let dir = tempfile::tempdir().unwrap();
    // Checkpoint so the copy is complete, then copy every file.
    {
        let c = rusqlite::Connection::open(t.dir.join("rehearse.db")).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    for e in std::fs::read_dir(&t.dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        // After the TRUNCATE checkpoint the WAL holds nothing, and another
        // test closing its connection may remove it while we list.
        if e.file_type().unwrap().is_file() && !name.ends_with("-wal") && !name.ends_with("-shm") {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    Fixture {
        db: dir.path().join("rehearse.db"),
        _dir: dir,
        current: t.current.clone(),
        expired: t.expired.clone(),
        learner: t.learner.clone(),
    }
}

/// The Python venvs (created from PyPI by `tests/peers/setup.sh`, once).
pub fn peers() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = root().join("target/peers");
        let o = Command::new(root().join("tests/peers/setup.sh"))
            .arg(&dir)
            .output()
            .expect("tests/peers/setup.sh runs");
        assert!(
            o.status.success(),
            "setting up the Python peers failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        dir
    })
    .clone()
}

/// Python in the `ob3` venv (openbadgeslib, jsonschema).
pub fn ob3_python() -> PathBuf {
    peers().join("ob3/bin/python")
}

/// Exports to `file` and returns its text.
pub fn export(db: &Path, file: &Path, args: &[&str]) -> String {
    let mut all = vec!["export", "-o", file.to_str().unwrap(), "--home-page", HOME];
    all.extend_from_slice(args);
    ok(rehearse(db, &all));
    std::fs::read_to_string(file).unwrap()
}

fn python(py: &Path, code: &str, args: &[&Path]) -> Out {
    let o = Command::new(py)
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .expect("python runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

const READ_CSV: &str = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, strict=True))
print(json.dumps(rows))
"#;

#[test]
fn both_csv_layouts_read_with_pythons_csv_module() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let py = ob3_python();
    // One row per trainee and competency.
    let file = dir.join("competencies.csv");
    let text = export(&f.db, &file, &["--format", "csv"]);
    assert!(text.contains("\r\n") && text.contains("\"North Trust, \"\"Leeds\"\"\""));
    let rows: Vec<Value> =
        serde_json::from_str(&ok(python(&py, READ_CSV, &[&file])).stdout).unwrap();
    assert_eq!(rows.len(), 3 * 15);
    let current: Vec<&Value> = rows
        .iter()
        .filter(|r| r["trainee_id"] == f.current.as_str())
        .collect();
    assert_eq!(current.len(), 15);
    assert!(current.iter().all(|r| r["organisation"] == ORG_NORTH));
    assert_eq!(current[0]["certification_status"], "certified");
    let presence = current
        .iter()
        .find(|r| r["competency"] == "presence")
        .unwrap();
    assert!(
        presence["evidence_count"]
            .as_str()
            .unwrap()
            .parse::<u32>()
            .unwrap()
            >= 1
    );
    assert!(current.iter().any(|r| r["moderated"] == "true"));
    assert!(current
        .iter()
        .all(|r| r["policy_version"] == "rehearse-default-2"));
    assert!(presence["scenario_hash"].as_str().unwrap().len() == 64);
    // One row per attempt: 9 completed attempts.
    let file = dir.join("attempts.csv");
    export(&f.db, &file, &["--format", "csv-attempts"]);
    let rows: Vec<Value> =
        serde_json::from_str(&ok(python(&py, READ_CSV, &[&file])).stdout).unwrap();
    assert_eq!(rows.len(), 9);
    assert_eq!(rows.iter().filter(|r| r["moderated"] == "true").count(), 1);
    for r in &rows {
        for k in [
            "scenario_id",
            "scenario_version",
            "scenario_hash",
            "policy_version",
            "moderated",
            "level_presence",
        ] {
            assert!(!r[k].as_str().unwrap_or("").is_empty(), "{k} empty in {r}");
        }
    }
}

const VALIDATE: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.load(open(sys.argv[2]))
errors = sorted(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc), key=str)
for e in errors[:5]:
    print(list(e.absolute_path), e.message)
sys.exit(1 if errors else 0)
"#;

#[test]
fn json_export_validates_against_the_published_schema() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let schema = root().join("docs/export.schema.json");
    let file = dir.join("export.json");
    let text = export(&f.db, &file, &["--format", "json", "--include-identity"]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["trainees"].as_array().unwrap().len(), 3);
    assert_eq!(doc["attempts"].as_array().unwrap().len(), 9);
    assert!(doc["certifications"].as_array().unwrap().len() >= 2);
    let o = python(&ob3_python(), VALIDATE, &[&schema, &file]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    // The schema is not vacuous: a record without provenance is refused.
    let mut broken = doc.clone();
    broken["attempts"][0]
        .as_object_mut()
        .unwrap()
        .remove("scenario");
    let bad = dir.join("broken.json");
    std::fs::write(&bad, broken.to_string()).unwrap();
    let o = python(&ob3_python(), VALIDATE, &[&schema, &bad]);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("scenario"), "{}", o.stdout);
}

#[test]
fn signed_json_bundle_verifies_and_any_changed_byte_fails() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let file = dir.join("export.json");
    export(&f.db, &file, &["--format", "json"]);
    let profile = dir.join("issuer.json");
    ok(rehearse(
        &f.db,
        &["keys", "export", "-o", profile.to_str().unwrap()],
    ));
    let v = ok(rehearse(
        &f.db,
        &[
            "verify",
            file.to_str().unwrap(),
            "--issuer",
            profile.to_str().unwrap(),
        ],
    ));
    assert!(
        v.stdout.contains("VALID") && v.stdout.contains("chain head"),
        "{}",
        v.stdout
    );
    let original = std::fs::read(&file).unwrap();
    for at in [0, original.len() / 2, original.len() - 2] {
        let mut changed = original.clone();
        changed[at] = if changed[at] == b'0' { b'1' } else { b'0' };
        std::fs::write(&file, &changed).unwrap();
        let o = rehearse(&f.db, &["verify", file.to_str().unwrap()]);
        assert_ne!(o.code, 0, "byte {at} changed but verify passed");
        assert!(
            o.stderr.contains("changed after it was signed") || o.stderr.contains("not JSON"),
            "{}",
            o.stderr
        );
    }
    std::fs::write(&file, &original).unwrap();
    let sig = rehearse_core::export::bundle::signature_path(&file);
    let sig_text = std::fs::read_to_string(&sig).unwrap();
    let head: Value = serde_json::from_str(&sig_text).unwrap();
    let h = head["chain_head"].as_str().unwrap();
    let flipped = format!("{}{}", if h.starts_with('0') { '1' } else { '0' }, &h[1..]);
    std::fs::write(&sig, sig_text.replace(h, &flipped)).unwrap();
    let o = rehearse(&f.db, &["verify", file.to_str().unwrap()]);
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("altered"), "{}", o.stderr);
}

#[test]
fn exports_are_pseudonymous_unless_identity_is_asked_for() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    for format in ["csv", "csv-attempts", "json"] {
        let plain = export(
            &f.db,
            &dir.join(format!("p.{format}")),
            &["--format", format],
        );
        assert!(plain.contains(&f.current));
        for pii in ["Casey Current", "casey@north.example", "Ezra Expired"] {
            assert!(!plain.contains(pii), "{format} leaks {pii}");
        }
        let named = export(
            &f.db,
            &dir.join(format!("n.{format}")),
            &["--format", format, "--include-identity"],
        );
        assert!(
            named.contains("Casey Current") && named.contains("casey@north.example"),
            "{format}"
        );
    }
}

#[test]
fn filters_select_by_organisation_date_and_status() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let attempts = |args: &[&str]| -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&export(&f.db, &dir.join("f.json"), &all)).unwrap()
    };
    let north = attempts(&["--organisation", "north trust, \"leeds\""]);
    assert_eq!(north["trainees"].as_array().unwrap().len(), 1);
    assert!(north["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["trainee"] == f.current.as_str()));
    assert_eq!(north["attempts"].as_array().unwrap().len(), 4);
    let recent_from = days_ago(60)[..10].to_string();
    let recent = attempts(&["--from", &recent_from]);
    assert_eq!(recent["attempts"].as_array().unwrap().len(), 5);
    assert!(recent["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["trainee"] == f.current.as_str()));
    let certified = attempts(&["--status", "certified"]);
    let ids: Vec<&str> = certified["trainees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [f.current.as_str()]);
    let learner = attempts(&["--status", "in_progress"]);
    assert!(learner["trainees"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != f.current.as_str()));
    assert!(learner["trainees"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == f.learner.as_str()));
    let o = rehearse(
        &f.db,
        &[
            "export",
            "--format",
            "json",
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
        ],
    );
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("backwards"), "{}", o.stderr);
    let o = rehearse(
        &f.db,
        &["export", "--format", "json", "--status", "certfied"],
    );
    assert_ne!(o.code, 0);
}

#[test]
fn no_export_format_contains_transcripts_or_free_text() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    // The marker really is in the records: in transcripts and a moderation reason.
    {
        let c = rusqlite::Connection::open(&f.db).unwrap();
        let like = format!("%{MARKER}%");
        let turns: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM turns WHERE said LIKE ?1",
                [&like],
                |r| r.get(0),
            )
            .unwrap();
        let reasons: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM overrides WHERE reason LIKE ?1",
                [&like],
                |r| r.get(0),
            )
            .unwrap();
        let reports: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM attempts WHERE report LIKE ?1",
                [&like],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            turns >= 2 && reasons == 1 && reports >= 2,
            "{turns} {reasons} {reports}"
        );
    }
    for format in ["csv", "csv-attempts", "json", "xapi", "ob3"] {
        for identity in [false, true] {
            let file = dir.join(format!("privacy-{format}-{identity}"));
            let mut args = vec!["--format", format];
            if identity {
                args.push("--include-identity");
            }
            let text = export(&f.db, &file, &args);
            assert!(text.len() > 100, "{format} export is empty");
            assert!(
                !text.contains(MARKER),
                "{format} (identity {identity}) contains the transcript marker"
            );
        }
    }
    // And nothing queued for a learning record store.
    let out = crate::lrs::outbox_text(&f.db);
    assert!(!out.contains(MARKER));
}

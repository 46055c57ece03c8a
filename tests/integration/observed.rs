//! Observed role-play through the real `rehearse` binary on a real SQLite
//! file: a policy that requires an observed assessment waits for one, the
//! trainer's `rehearse observe record` certifies the trainee, the
//! certification's basis names the observation, every export format marks
//! it as observed (the JSON still validates against the published schema),
//! the agreement with the automated grade matches a hand check, a changed
//! observation row is named by `verify-db`, and bad input is refused.

use crate::exports::{ob3_python, rehearse, Out, HOME};
use crate::support::{root, scenarios};
use serde_json::Value;
use std::path::Path;

/// The bundled strong paths that certify under the default policy.
const CERTIFYING: [(&str, &str); 4] = [
    ("midwife-neonatal-death", "second good route"),
    ("team-shared-event", "strong path"),
    ("insulin-overdose", "second good route"),
    ("junior-doctor-death", "second good route"),
];

fn ok(o: Out) -> Out {
    assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
    o
}

fn json(o: Out) -> Value {
    serde_json::from_str(&ok(o).stdout).unwrap()
}

fn play(db: &Path, trainee: &str, scenario: &str, test: &str, at: &str) {
    let inputs = rehearse_core::testcase::find_test(&scenarios().join(scenario), test)
        .unwrap_or_else(|e| panic!("{e}"))
        .inputs;
    let file = db.with_file_name(format!("{scenario}.inputs"));
    std::fs::write(&file, inputs.join("\n") + "\n").unwrap();
    let o = ok(rehearse(
        db,
        &[
            "play",
            scenario,
            "--mode",
            "assessment",
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
    assert!(o.stdout.contains("**Result: PASSED**"), "{}", o.stdout);
}

const VALIDATE: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
errors = sorted(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc), key=str)
for e in errors[:5]:
    print(list(e.absolute_path), e.message)
sys.exit(1 if errors else 0)
"#;

#[test]
fn an_observed_assessment_counts_toward_a_policy_that_requires_one_and_is_exported_as_observed() {
    // Dates a month back, so the credential is current for the
    // independent verifier (which checks against today).
    let base = chrono::Utc::now().date_naive() - chrono::Duration::days(30);
    let day = |n: i64| (base + chrono::Duration::days(n)).to_string();
    let at = |n: i64| format!("{}T09:00:00Z", day(n));
    let expiry =
        rehearse_core::certification::status::add_months(base + chrono::Duration::days(2), 12);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let trainee = ok(rehearse(
        &db,
        &["trainee", "add", "Sam Carter", "--organisation", "North"],
    ))
    .stdout
    .trim()
    .to_string();
    ok(rehearse(&db, &["trainer", "add", "Dr Okafor"]));
    // A policy requiring one observed assessment at competent or better.
    let policy = rehearse_core::certification::policy::DEFAULT_TOML
        .replace("rehearse-default-2", "trust-observed")
        .replace(
            "red_flags = [\"suicide_risk\", \"severe_decompensation\"]\n",
            "red_flags = [\"suicide_risk\", \"severe_decompensation\"]\nobserved = { count = 1, at_least = \"competent\" }\n",
        );
    let file = dir.path().join("policy.toml");
    std::fs::write(&file, policy).unwrap();
    ok(rehearse(&db, &["policy", "set", file.to_str().unwrap()]));
    for (scenario, test) in CERTIFYING {
        play(&db, &trainee, scenario, test, &at(0));
    }
    let s = ok(rehearse(&db, &["status", &trainee, "--at", &day(2)])).stdout;
    assert!(s.contains("in progress"), "{s}");
    assert!(
        s.contains("1 observed role-play assessment(s) by a trainer"),
        "{s}"
    );

    // A weak observation does not count; refused input changes nothing.
    let record = |when: &str, open_questions: &str, extra: &[&str]| {
        let mut args = vec![
            "observe",
            "record",
            "Sam Carter",
            "--partner",
            "actor",
            "--scenario",
            "insulin-overdose",
            "--at",
            when,
            "--level",
            open_questions,
            "--level",
            "follow_affect=exemplary",
            "--red-flag",
            "severe_decompensation=recognised",
            "--note",
            "00:40 atmosphere: offers a quiet room and time",
            "--note",
            "07:05 open_questions: asks what the night was like for her",
        ];
        args.extend_from_slice(extra);
        rehearse(&db, &args)
    };
    let weak = ok(record(&at(1), "open_questions=developing", &[]));
    assert!(weak.stdout.contains("not passed"), "{}", weak.stdout);
    let bad = record(&at(1), "open_questions=great", &[]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("great"), "{}", bad.stderr);
    let bad = record(
        &at(1),
        "open_questions=competent",
        &["--note", "whenever he looked away"],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let mut wrong = crate::exports::cmd(
        &db,
        &[
            "observe",
            "record",
            "Sam Carter",
            "--partner",
            "actor",
            "--level",
            "open_questions=competent",
        ],
    );
    wrong.env("REHEARSE_TRAINER_PASSPHRASE", "not the passphrase");
    let o = wrong.output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("passphrase"));
    let s = ok(rehearse(&db, &["status", &trainee, "--at", &day(2)])).stdout;
    assert!(s.contains("in progress"), "{s}");

    // The one that meets the bar certifies from its day.
    let o = json(record(&at(2), "open_questions=competent", &["--json"]));
    let observation = o["observation"]["id"].as_str().unwrap().to_string();
    assert_eq!(o["observation"]["passed"], true);
    let s = ok(rehearse(&db, &["status", &trainee, "--at", &day(2)])).stdout;
    assert!(s.contains(&format!("certified until {expiry}")), "{s}");
    let list = json(rehearse(&db, &["observe", "list", "Sam Carter", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let shown = ok(rehearse(&db, &["observe", "show", &observation])).stdout;
    assert!(
        shown.contains("07:05 [open_questions] asks what the night was like for her"),
        "{shown}"
    );
    assert!(
        shown.contains("Mainly open questions"),
        "the rubric descriptor: {shown}"
    );

    // JSON: the observations array marks them, the basis names the
    // observation, and the document validates against the schema.
    let out = dir.path().join("export.json");
    ok(rehearse(
        &db,
        &["export", "--format", "json", "-o", out.to_str().unwrap()],
    ));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let obs = doc["observations"].as_array().unwrap();
    assert_eq!(obs.len(), 2);
    assert!(obs.iter().all(|o| o["assessment"] == "observed"));
    assert_eq!(obs[1]["id"], observation.as_str());
    assert_eq!(obs[1]["notes"], 2);
    assert!(!std::fs::read_to_string(&out)
        .unwrap()
        .contains("what the night was like"));
    let cert = &doc["certifications"][0];
    assert_eq!(cert["event"], "granted");
    assert_eq!(cert["observed_basis"], serde_json::json!([observation]));
    assert_eq!(cert["basis"].as_array().unwrap().len(), 5);
    let schema = root().join("docs/export.schema.json");
    let py = std::process::Command::new(ob3_python())
        .arg("-c")
        .arg(VALIDATE)
        .arg(&schema)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}{}",
        String::from_utf8_lossy(&py.stdout),
        String::from_utf8_lossy(&py.stderr)
    );

    // CSV: rows with mode observed.
    let csv = ok(rehearse(&db, &["export", "--format", "csv-attempts"])).stdout;
    let observed: Vec<&str> = csv.lines().filter(|l| l.contains(",observed,")).collect();
    assert_eq!(observed.len(), 2, "{csv}");
    assert!(observed[1].starts_with(&observation), "{}", observed[1]);

    // xAPI: a statement with the observed verb, marked in its context.
    let x: Value = serde_json::from_str(
        &ok(rehearse(
            &db,
            &["export", "--format", "xapi", "--home-page", HOME],
        ))
        .stdout,
    )
    .unwrap();
    let st: Vec<&Value> = x
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["verb"]["id"] == rehearse_core::xapi::statement::OBSERVED)
        .collect();
    assert_eq!(st.len(), 2);
    assert_eq!(st[1]["context"]["registration"], observation.as_str());
    assert_eq!(
        st[1]["context"]["extensions"]["https://w3id.org/rehearse/xapi/extensions/assessment-kind"],
        "observed"
    );

    // A real learning record store (ralph) takes the observed statements
    // and gives them back unchanged.
    let lrs = crate::lrs::Lrs::start(&dir.path().join("lrs"));
    let sent: Vec<Value> = st.iter().map(|s| (*s).clone()).collect();
    assert_eq!(lrs.post(&sent), 200);
    let held = lrs.statements();
    for s in &sent {
        let got = held
            .iter()
            .find(|h| h["id"] == s["id"])
            .expect("the store holds the observed statement");
        assert!(
            rehearse_core::xapi::same_statement(s, got),
            "sent {s}\nheld {got}"
        );
    }

    // OB3: the credential's evidence lists the observation as observed.
    let creds: Value =
        serde_json::from_str(&ok(rehearse(&db, &["export", "--format", "ob3"])).stdout).unwrap();
    let evidence = creds[0]["evidence"].as_array().unwrap();
    let e = evidence
        .iter()
        .find(|e| e["id"] == format!("urn:uuid:{observation}"))
        .expect("the observation is evidence");
    assert_eq!(e["genre"], "Observed assessment");
    assert!(e["description"].as_str().unwrap().starts_with("Observed:"));
    assert_eq!(evidence.len(), 5);
    // The credential with observed evidence verifies, with Rehearse's own
    // verifier and with openbadgeslib.
    let cred = dir.path().join("cred.json");
    std::fs::write(&cred, serde_json::to_string_pretty(&creds[0]).unwrap()).unwrap();
    let profile = dir.path().join("issuer.json");
    ok(rehearse(
        &db,
        &["keys", "export", "-o", profile.to_str().unwrap()],
    ));
    ok(rehearse(
        &db,
        &[
            "verify",
            cred.to_str().unwrap(),
            "--issuer",
            profile.to_str().unwrap(),
        ],
    ));
    let o = std::process::Command::new(ob3_python())
        .arg(root().join("tests/peers/verify_ob3.py"))
        .arg(&cred)
        .arg("--controller")
        .arg(&profile)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "openbadgeslib: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );

    // Agreement, checked by hand against the exported attempts: each
    // competency pairs the latest observed level with the latest automated
    // one that was scored.
    let automated = |c: &str| -> String {
        let mut atts: Vec<&Value> = doc["attempts"].as_array().unwrap().iter().collect();
        atts.sort_by_key(|a| a["completed_at"].as_str().unwrap().to_string());
        atts.iter()
            .rev()
            .filter_map(|a| {
                a["competencies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["competency"] == c && x["level"] != "not_assessed")
            })
            .map(|x| x["level"].as_str().unwrap().to_string())
            .next()
            .unwrap()
    };
    let report = json(rehearse(&db, &["observe", "agreement", "--json"]));
    assert_eq!(report["trainees"], 1);
    let row = |c: &str| {
        report["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["competency"] == c)
            .unwrap()
            .clone()
    };
    for (c, observed) in [
        ("open_questions", "competent"),
        ("follow_affect", "exemplary"),
    ] {
        let r = row(c);
        assert_eq!(r["pairs"], 1, "{c}");
        let same = if automated(c) == observed { 1.0 } else { 0.0 };
        assert_eq!(r["level_agreement"], same, "{c}: {r}");
        let pass = |l: &str| l == "competent" || l == "exemplary";
        let threshold = if pass(&automated(c)) == pass(observed) {
            1.0
        } else {
            0.0
        };
        assert_eq!(r["threshold_agreement"], threshold, "{c}: {r}");
    }
    assert_eq!(row("atmosphere")["pairs"], 0);
    let table = ok(rehearse(&db, &["observe", "agreement"])).stdout;
    assert!(table.contains("open_questions"), "{table}");

    // The records still verify; a changed observed level is named.
    ok(rehearse(&db, &["verify-db"]));
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute(
            "UPDATE observation_grades SET value = 'exemplary' WHERE observation_id = ?1 AND item = 'open_questions'",
            [&observation],
        )
        .unwrap();
    }
    let v = rehearse(&db, &["verify-db"]);
    assert_eq!(v.code, 1);
    assert!(
        v.stdout.contains("observation_grades") && v.stdout.contains("edited"),
        "{}",
        v.stdout
    );
}

#[test]
fn the_default_policy_needs_no_observation_and_asks_a_refresher_for_refresher_content() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let trainee = ok(rehearse(&db, &["trainee", "add", "Ana Diaz"]))
        .stdout
        .trim()
        .to_string();
    for (scenario, test) in CERTIFYING {
        play(&db, &trainee, scenario, test, "2025-02-10T10:00:00Z");
    }
    let s = ok(rehearse(&db, &["status", &trainee, "--at", "2025-02-10"])).stdout;
    assert!(s.contains("certified until 2026-02-10"), "{s}");
    let due = ok(rehearse(&db, &["status", &trainee, "--at", "2026-01-10"])).stdout;
    assert!(due.contains("refresher due"), "{due}");
    assert!(
        due.contains("a pass of refresher content: refresher-familiar-face"),
        "{due}"
    );
    let shown = ok(rehearse(&db, &["policy", "show"])).stdout;
    assert!(
        shown.contains("content = [\"refresher-familiar-face\"]"),
        "{shown}"
    );
    assert!(!shown.contains("observed"), "{shown}");
}

/// The database file and its write-ahead log, as bytes, after folding the
/// log in and a VACUUM (so SQLite's free space, which holds whatever rows
/// last used it until it is reused, is gone).
fn raw_bytes_after_vacuum(db: &Path) -> Vec<u8> {
    {
        let c = rusqlite::Connection::open(db).unwrap();
        c.execute_batch(
            "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let mut bytes = std::fs::read(db).unwrap();
    if let Ok(wal) = std::fs::read(db.with_file_name("rehearse.db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn holds(bytes: &[u8], words: &str) -> bool {
    bytes.windows(words.len()).any(|w| w == words.as_bytes())
}

#[test]
fn erasing_a_trainee_removes_the_words_of_their_observation_notes_and_verify_db_stays_clean() {
    const WORDS: [&str; 2] = [
        "offers a quiet corner and sits with her",
        "asks what the ward round felt like",
    ];
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    ok(rehearse(&db, &["trainee", "add", "Sam Carter"]));
    ok(rehearse(&db, &["trainer", "add", "Dr Okafor"]));
    let o = json(rehearse(
        &db,
        &[
            "observe",
            "record",
            "Sam Carter",
            "--partner",
            "actor",
            "--at",
            "2025-02-10T09:00:00Z",
            "--level",
            "open_questions=competent",
            "--note",
            &format!("00:40 atmosphere: {}", WORDS[0]),
            "--note",
            &format!("07:05 open_questions: {}", WORDS[1]),
            "--json",
        ],
    ));
    let observation = o["observation"]["id"].as_str().unwrap().to_string();
    ok(rehearse(&db, &["verify-db"]));
    assert!(WORDS.iter().all(|w| holds(&raw_bytes_after_vacuum(&db), w)));

    // Before the erasure, a note's words edited with any SQLite tool are
    // named (on a copy of the records, with their checkpoint log).
    let edited = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_file() && !name.ends_with("-wal") && !name.ends_with("-shm") {
            std::fs::copy(e.path(), edited.path().join(&name)).unwrap();
        }
    }
    let copy = edited.path().join("rehearse.db");
    {
        let c = rusqlite::Connection::open(&copy).unwrap();
        let n = c
            .execute(
                "UPDATE observation_notes SET note = replace(note, 'quiet', 'noisy')",
                [],
            )
            .unwrap();
        assert_eq!(n, 2);
    }
    let v = rehearse(&copy, &["verify-db"]);
    assert_eq!(v.code, 1, "{}", v.stdout);
    assert!(
        v.stdout
            .lines()
            .any(|l| l.starts_with("MISMATCH  observation_notes: edited:")),
        "{}",
        v.stdout
    );

    // The erasure takes the words and leaves the evidence.
    ok(rehearse(&db, &["trainee", "erase", "Sam Carter", "--yes"]));
    ok(rehearse(&db, &["verify-db"]));
    let shown = ok(rehearse(&db, &["observe", "show", &observation])).stdout;
    assert!(
        shown.contains("00:40 [atmosphere] (words erased)")
            && shown.contains("07:05 [open_questions] (words erased)"),
        "{shown}"
    );
    let shown = json(rehearse(&db, &["observe", "show", &observation, "--json"]));
    assert_eq!(shown["notes_erased"], true);
    assert_eq!(shown["notes"].as_array().unwrap().len(), 2);
    assert_eq!(shown["notes"][1]["elapsed_seconds"], 425);
    let export = dir.path().join("after.json");
    ok(rehearse(
        &db,
        &["export", "--format", "json", "-o", export.to_str().unwrap()],
    ));
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let exported = exported["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == observation.as_str())
        .unwrap()
        .clone();
    assert_eq!(exported["notes"], 2);
    let bytes = raw_bytes_after_vacuum(&db);
    for w in WORDS {
        assert!(!holds(&bytes, w), "\"{w}\" is still in the records file");
    }
    assert!(!holds(&bytes, "Sam Carter"));
    ok(rehearse(&db, &["verify-db"]));
}

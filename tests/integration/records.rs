//! Records and certification through the real `rehearse` binary and a real
//! SQLite file: the acceptance sequence, the crash test (SIGKILL mid-attempt,
//! then resume), the tamper test and trainer moderation end to end.

use crate::support::scenarios;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "correct horse battery";

/// The bundled strong paths that certify under the default policy.
const CERTIFYING: [(&str, &str); 4] = [
    ("midwife-neonatal-death", "second good route"),
    ("team-shared-event", "strong path"),
    ("insulin-overdose", "second good route"),
    ("junior-doctor-death", "second good route"),
];

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("REHEARSE_SCENARIOS", scenarios())
        .env_remove("REHEARSE_NOW")
        .env_remove("REHEARSE_TRAINER_PASSPHRASE")
        .stdin(Stdio::null());
    c
}

fn run(mut c: Command) -> Out {
    let o = c.output().expect("rehearse runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn rehearse(db: &Path, args: &[&str]) -> Out {
    run(cmd(db, args))
}

/// The inputs of a scenario test from its tests.toml.
fn inputs(scenario: &str, test: &str) -> Vec<String> {
    rehearse_core::testcase::find_test(&scenarios().join(scenario), test)
        .unwrap_or_else(|e| panic!("{e}"))
        .inputs
}

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records/rehearse.db");
    Db { _dir: dir, path }
}

fn add_trainee(db: &Path, name: &str) -> String {
    let o = rehearse(db, &["trainee", "add", name, "--email", "sam@example.org"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout.trim().to_string()
}

fn play_recorded(db: &Path, trainee: &str, scenario: &str, test: &str, at: &str) -> Out {
    let file = db.with_file_name(format!("{scenario}.inputs"));
    std::fs::write(&file, inputs(scenario, test).join("\n") + "\n").unwrap();
    let o = rehearse(
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
    );
    assert_eq!(o.code, 0, "{scenario}: {}\n{}", o.stdout, o.stderr);
    o
}

fn certify(db: &Path, trainee: &str) {
    for (scenario, test) in CERTIFYING {
        let o = play_recorded(db, trainee, scenario, test, "2025-02-10T10:00:00Z");
        assert!(o.stdout.contains("**Result: PASSED**"), "{}", o.stdout);
        assert!(o.stdout.contains("is saved"));
    }
}

fn status(db: &Path, trainee: &str, at: &str) -> String {
    let o = rehearse(db, &["status", trainee, "--at", at]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout
}

fn attempt_of(db: &Path, trainee: &str, scenario: &str) -> String {
    let o = rehearse(db, &["attempts", trainee, "--json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let list: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["scenario_id"] == scenario)
        .unwrap()["attempt"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn scripted_plays_certify_then_refresher_due_grace_and_lapse() {
    let db = db();
    let id = add_trainee(&db.path, "Sam Carter");
    assert!(status(&db.path, &id, "2025-02-01").starts_with("Sam Carter: not started"));
    certify(&db.path, "Sam Carter");
    let s = status(&db.path, &id, "2025-02-10");
    assert!(
        s.starts_with("Sam Carter: certified until 2026-02-10"),
        "{s}"
    );
    assert!(s.contains("policy rehearse-default-2"));
    // 11, 13 and 14 months later.
    let s = status(&db.path, "Sam Carter", "2026-01-10");
    assert!(s.starts_with("Sam Carter: refresher due"), "{s}");
    assert!(
        s.contains("2 passed assessments in the refresher window (0 so far)"),
        "{s}"
    );
    let s = status(&db.path, "Sam Carter", "2026-03-10");
    assert!(s.starts_with("Sam Carter: expired (grace)"), "{s}");
    assert!(s.contains("renew by 2026-03-12"), "{s}");
    let s = status(&db.path, "Sam Carter", "2026-04-10");
    assert!(s.starts_with("Sam Carter: lapsed"), "{s}");
    assert!(s.contains("full certification is needed again"), "{s}");
    let v = rehearse(&db.path, &["verify-db"]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    assert!(v.stdout.contains("every chain verifies"));
}

#[test]
fn a_killed_recording_resumes_from_its_last_committed_turn() {
    let db = db();
    add_trainee(&db.path, "Kim");
    let all = inputs("insulin-overdose", "second good route");
    let mut child = cmd(
        &db.path,
        &[
            "play",
            "insulin-overdose",
            "--mode",
            "assessment",
            "--seed",
            "1",
            "--trainee",
            "Kim",
        ],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    for line in &all[..4] {
        writeln!(pipe, "{line}").unwrap();
    }
    pipe.flush().unwrap();
    // Poll the database until the four turns are committed, then SIGKILL
    // the process while it waits for the fifth (the pipe stays open).
    let start = Instant::now();
    loop {
        let committed = rusqlite::Connection::open(&db.path)
            .and_then(|c| c.query_row("SELECT count(*) FROM turns", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if committed == 4 {
            break;
        }
        assert!(committed < 4, "more turns than were sent");
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "turns were not committed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    drop(pipe);

    let outside = rusqlite::Connection::open(&db.path).unwrap();
    let check: String = outside
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let status: String = outside
        .query_row("SELECT status FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "in_progress");
    drop(outside);

    let mut rest = cmd(&db.path, &["play", "insulin-overdose", "--trainee", "Kim"]);
    rest.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = rest.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    for line in &all[4..] {
        writeln!(pipe, "{line}").unwrap();
    }
    drop(pipe);
    let o = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("Resuming attempt"), "{stdout}");
    assert!(
        stdout.contains("4 turn(s) were saved; continuing from turn 5"),
        "{stdout}"
    );
    assert!(stdout.contains("**Result: PASSED**"), "{stdout}");
    assert!(stdout.contains("assessment"));

    let list = rehearse(&db.path, &["attempts", "Kim", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["status"], "completed");
    assert_eq!(list[0]["passed"], true);
    assert_eq!(list[0]["turns"], all.len());
    let v = rehearse(&db.path, &["verify-db"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
}

#[test]
fn verify_db_finds_one_byte_changed_by_an_outside_connection() {
    let db = db();
    add_trainee(&db.path, "Kim");
    play_recorded(
        &db.path,
        "Kim",
        "insulin-overdose",
        "second good route",
        "2025-02-10",
    );
    let attempt = attempt_of(&db.path, "Kim", "insulin-overdose");
    assert_eq!(rehearse(&db.path, &["verify-db"]).code, 0);
    let outside = rusqlite::Connection::open(&db.path).unwrap();
    let (seq, value): (i64, String) = outside
        .query_row(
            "SELECT seq, value FROM grades WHERE item = 'follow_up'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut bytes = value.into_bytes();
    bytes[0] ^= 0x20; // one byte: case of the first letter
    outside
        .execute(
            "UPDATE grades SET value = ?1 WHERE seq = ?2",
            rusqlite::params![String::from_utf8(bytes).unwrap(), seq],
        )
        .unwrap();
    drop(outside);
    let v = rehearse(&db.path, &["verify-db"]);
    assert_eq!(v.code, 1, "{}", v.stdout);
    assert!(v.stdout.contains("MISMATCH  grades"), "{}", v.stdout);
    assert!(
        v.stdout.contains(&format!(
            "grade {seq} (attempt {attempt}, competency follow_up)"
        )),
        "{}",
        v.stdout
    );
    assert!(v.stdout.contains("ok        attempts"), "{}", v.stdout);
    assert!(v.stderr.contains("do not verify"));
}

#[test]
fn a_trainer_override_changes_the_status_and_is_audited_but_a_trainee_cannot_moderate() {
    let db = db();
    add_trainee(&db.path, "Sam Carter");
    certify(&db.path, "Sam Carter");
    let midwife = attempt_of(&db.path, "Sam Carter", "midwife-neonatal-death");
    let mut c = cmd(&db.path, &["trainer", "add", "Dr Okafor"]);
    c.env("REHEARSE_TRAINER_PASSPHRASE", PASSPHRASE);
    let o = run(c);
    assert_eq!(o.code, 0, "{}", o.stderr);

    let moderate = |trainer: &str, pass: &str| {
        let mut c = cmd(
            &db.path,
            &[
                "moderate",
                &midwife,
                "--competency",
                "not_fact_finding",
                "--level",
                "developing",
                "--reason",
                "Probed the timeline twice",
                "--trainer",
                trainer,
            ],
        );
        c.env("REHEARSE_TRAINER_PASSPHRASE", pass)
            .env("REHEARSE_NOW", "2025-02-12T09:30:00Z");
        run(c)
    };
    let o = moderate("Sam Carter", PASSPHRASE);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("is a trainee profile; only a trainer can moderate"),
        "{}",
        o.stderr
    );
    let o = moderate("Dr Okafor", "not the passphrase");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("name or passphrase is not right"),
        "{}",
        o.stderr
    );
    assert!(status(&db.path, "Sam Carter", "2025-02-12").contains("certified until 2026-02-10"));

    let o = moderate("Dr Okafor", PASSPHRASE);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("not_fact_finding"), "{}", o.stdout);
    let s = status(&db.path, "Sam Carter", "2025-02-12");
    assert!(s.starts_with("Sam Carter: in progress"), "{s}");
    assert!(
        s.contains(rehearse_core::competency::Competency::NotFactFinding.title()),
        "{s}"
    );
    let list = rehearse(&db.path, &["attempts", "Sam Carter"]);
    assert!(list.stdout.contains("(moderated)"), "{}", list.stdout);

    let outside = rusqlite::Connection::open(&db.path).unwrap();
    let (actor, at, subject, before, after, reason): (
        String,
        String,
        String,
        String,
        String,
        String,
    ) = outside
        .query_row(
            "SELECT actor, at, subject, before, after, reason FROM audit WHERE action = 'override'",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    assert!(actor.starts_with("trainer Dr Okafor ("), "{actor}");
    assert_eq!(at, "2025-02-12T09:30:00Z");
    assert_eq!(
        subject,
        format!("attempt {midwife} competency not_fact_finding")
    );
    assert!(before == "competent" || before == "exemplary", "{before}");
    assert_eq!(after, "developing");
    assert_eq!(reason, "Probed the timeline twice");
    let v = rehearse(&db.path, &["verify-db"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
}

#[test]
fn bad_input_gives_clear_errors_and_never_panics() {
    let db = db();
    add_trainee(&db.path, "Kim");
    let o = rehearse(&db.path, &["status", "Kim", "--at", "2025-02-30"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("\"2025-02-30\" is not a date"),
        "{}",
        o.stderr
    );
    let o = rehearse(&db.path, &["status", "Nobody"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("no trainee called \"Nobody\""),
        "{}",
        o.stderr
    );
    let o = rehearse(
        &db.path,
        &[
            "moderate",
            "not-a-uuid",
            "--competency",
            "presence",
            "--level",
            "competent",
            "--reason",
            "r",
        ],
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("is not an attempt id"), "{}", o.stderr);
    let o = rehearse(
        &db.path,
        &[
            "play",
            "insulin-overdose",
            "--trainee",
            "Kim",
            "--at",
            "yesterday",
        ],
    );
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is not a date or time"), "{}", o.stderr);
    let o = rehearse(&db.path, &["trainee", "erase", "Kim"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--yes"));

    let garbage = db.path.with_file_name("garbage.db");
    std::fs::write(&garbage, "definitely not sqlite").unwrap();
    let o = rehearse(&garbage, &["trainee", "list"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("is not a Rehearse records database"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"));

    let newer = db.path.with_file_name("newer.db");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42;")
        .unwrap();
    let o = rehearse(&newer, &["verify-db"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("schema version 42"), "{}", o.stderr);
}

#[test]
fn erasing_a_trainee_through_the_cli_keeps_the_certification() {
    let db = db();
    let id = add_trainee(&db.path, "Sam Carter");
    certify(&db.path, &id);
    let o = rehearse(&db.path, &["trainee", "erase", "Sam Carter", "--yes"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let list = rehearse(&db.path, &["trainee", "list"]);
    assert!(
        !list.stdout.contains("Sam Carter") && !list.stdout.contains("sam@example.org"),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains("personal data erased"));
    assert!(status(&db.path, &id, "2025-03-01").contains("certified until 2026-02-10"));
    assert_eq!(rehearse(&db.path, &["verify-db"]).code, 0);
}

/// Copies a bundled scenario's folder under a new id (the `id:` in its
/// metadata changed), as a user adding their own copy would.
fn copy_under_new_id(from: &str, new_id: &str, into: &Path) -> PathBuf {
    let dst = into.join(new_id);
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(scenarios().join(from)).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    let script = dst.join("scenario.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    let old = format!("id: \"{from}\"");
    assert!(text.contains(&old), "the metadata names its id");
    std::fs::write(
        &script,
        text.replacen(&old, &format!("id: \"{new_id}\""), 1),
    )
    .unwrap();
    dst
}

/// Plays a scenario folder's named test (its own inputs and seed) as a
/// recorded assessment through the CLI.
fn play_folder(db: &Path, trainee: &str, dir: &Path, test: &str, at: &str) -> Out {
    let t = rehearse_core::testcase::find_test(dir, test).unwrap_or_else(|e| panic!("{e}"));
    let file = db.with_file_name("folder.inputs");
    std::fs::write(&file, t.inputs.join("\n") + "\n").unwrap();
    let seed = t.seed.unwrap_or(1).to_string();
    let o = rehearse(
        db,
        &[
            "play",
            dir.to_str().unwrap(),
            "--mode",
            "assessment",
            "--seed",
            &seed,
            "--input",
            file.to_str().unwrap(),
            "--trainee",
            trainee,
            "--at",
            at,
        ],
    );
    assert_eq!(o.code, 0, "{}: {}\n{}", dir.display(), o.stdout, o.stderr);
    o
}

fn add_trainer(db: &Path) {
    let mut c = cmd(db, &["trainer", "add", "Dr Okafor"]);
    c.env("REHEARSE_TRAINER_PASSPHRASE", PASSPHRASE);
    let o = run(c);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

/// `rehearse catalogue ARGS` as a trainer with `pass`, at `now`.
fn catalogue(db: &Path, args: &[&str], pass: &str, now: &str) -> Out {
    let mut all = vec!["catalogue"];
    all.extend_from_slice(args);
    let mut c = cmd(db, &all);
    c.env("REHEARSE_TRAINER_PASSPHRASE", pass)
        .env("REHEARSE_NOW", now);
    run(c)
}

/// (action, actor, subject, before, after, reason) of the audit entries
/// with `action`, read with an outside SQLite connection.
fn audit_rows(db: &Path, action: &str) -> Vec<[Option<String>; 6]> {
    let outside = rusqlite::Connection::open(db).unwrap();
    let mut stmt = outside
        .prepare("SELECT action, actor, subject, before, after, reason FROM audit WHERE action = ?1 ORDER BY seq")
        .unwrap();
    let rows = stmt
        .query_map([action], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ])
        })
        .unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn a_copy_under_a_new_id_counts_only_after_a_trainer_approves_it() {
    let db = db();
    add_trainee(&db.path, "Sam Carter");
    add_trainer(&db.path);
    let mine = tempfile::tempdir().unwrap();
    // A copy of the fourth certifying scenario stands in for the original.
    let (original, copy_test) = CERTIFYING[3];
    let copy_id = format!("{original}-copy");
    let copy = copy_under_new_id(original, &copy_id, mine.path());
    for (scenario, test) in &CERTIFYING[..3] {
        let o = play_recorded(
            &db.path,
            "Sam Carter",
            scenario,
            test,
            "2025-02-10T10:00:00Z",
        );
        assert!(o.stdout.contains("**Result: PASSED**"), "{}", o.stdout);
    }
    let o = play_folder(
        &db.path,
        "Sam Carter",
        &copy,
        copy_test,
        "2025-02-10T11:00:00Z",
    );
    assert!(o.stdout.contains("**Result: PASSED**"), "{}", o.stdout);
    assert!(
        o.stderr.contains("is not approved by a trainer")
            && o.stderr.contains("does not count towards certification"),
        "{}",
        o.stderr
    );
    // Recorded and passed, but the copy's version is not approved: four
    // distinct scenarios were passed, three count.
    let s = status(&db.path, "Sam Carter", "2025-02-10");
    assert!(s.starts_with("Sam Carter: in progress"), "{s}");
    assert!(
        s.contains("passed assessments in 4 different scenarios (3 so far)"),
        "{s}"
    );
    assert!(
        s.contains("not counted (scenario version not approved)") && s.contains(&copy_id),
        "{s}"
    );
    let list = rehearse(&db.path, &["attempts", "Sam Carter"]);
    assert!(
        list.stdout.contains("not approved: does not count"),
        "{}",
        list.stdout
    );
    let o = catalogue(&db.path, &["list"], PASSPHRASE, "2025-02-11T09:00:00Z");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains(&format!("unapproved {copy_id}")),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains(&format!("approved   {original}"))
            && o.stdout.contains("by installation"),
        "{}",
        o.stdout
    );
    let copy_path = copy.to_str().unwrap();
    // A trainee profile and a wrong passphrase are refused; nothing changes.
    let o = catalogue(
        &db.path,
        &["approve", copy_path, "--trainer", "Sam Carter"],
        PASSPHRASE,
        "2025-02-11T09:00:00Z",
    );
    assert_eq!(o.code, 1, "{}", o.stdout);
    assert!(o.stderr.contains("trainee profile"), "{}", o.stderr);
    let o = catalogue(
        &db.path,
        &["approve", copy_path],
        "not the passphrase",
        "2025-02-11T09:00:00Z",
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("name or passphrase is not right"),
        "{}",
        o.stderr
    );
    assert!(status(&db.path, "Sam Carter", "2025-02-11").contains("in progress"));

    let o = catalogue(
        &db.path,
        &[
            "approve",
            copy_path,
            "--note",
            "reviewed against the original",
        ],
        PASSPHRASE,
        "2025-02-11T09:00:00Z",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains(&format!("approved scenario {copy_id}")),
        "{}",
        o.stdout
    );
    let s = status(&db.path, "Sam Carter", "2025-02-11");
    assert!(
        s.starts_with("Sam Carter: certified until 2026-02-10"),
        "{s}"
    );
    assert!(!s.contains("not counted"), "{s}");
    let again = catalogue(
        &db.path,
        &["approve", copy_path],
        PASSPHRASE,
        "2025-02-11T09:05:00Z",
    );
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already approved"),
        "{}",
        again.stderr
    );

    let approvals = audit_rows(&db.path, "catalogue.approve");
    let mine = approvals
        .iter()
        .find(|r| r[2].as_deref().is_some_and(|s| s.contains(&copy_id)))
        .expect("the trainer's approval is audited");
    assert!(
        mine[1]
            .as_deref()
            .unwrap()
            .starts_with("trainer Dr Okafor ("),
        "{mine:?}"
    );
    assert_eq!(mine[3].as_deref(), Some("not listed"));
    assert_eq!(mine[4].as_deref(), Some("approved"));
    assert_eq!(mine[5].as_deref(), Some("reviewed against the original"));
    assert!(
        approvals
            .iter()
            .any(|r| r[1].as_deref() == Some("installation")
                && r[2]
                    .as_deref()
                    .unwrap()
                    .contains(&format!("scenario {original} "))),
        "the bundled original was approved by the installation"
    );
    let v = rehearse(&db.path, &["verify-db"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(v.stdout.contains("catalogue_events"), "{}", v.stdout);
}

#[test]
fn withdrawing_a_version_flags_its_passes_and_the_status_names_what_to_reassess() {
    let db = db();
    add_trainee(&db.path, "Sam Carter");
    certify(&db.path, "Sam Carter");
    add_trainer(&db.path);
    // The first certifying scenario is the one withdrawn.
    let first = CERTIFYING[0].0;
    let other = CERTIFYING[1].0;
    let reason = "the suicide-risk cue could be passed without asking";
    let o = catalogue(
        &db.path,
        &["withdraw", first, "--reason", reason],
        PASSPHRASE,
        "2025-03-01T08:00:00Z",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains(&format!("withdrew scenario {first}")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("Sam Carter"), "{}", o.stdout);

    let s = status(&db.path, "Sam Carter", "2025-03-01");
    assert!(s.starts_with("Sam Carter: in progress"), "{s}");
    assert!(s.contains("re-assessment needed:"), "{s}");
    assert!(s.contains(first) && s.contains(reason), "{s}");
    assert!(s.contains(&format!("Re-assess {first}")), "{s}");
    let json = rehearse(
        &db.path,
        &["status", "Sam Carter", "--at", "2025-03-01", "--json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["reassessment"][0]["scenario_id"], first);
    assert_eq!(json["reassessment"][0]["approval"]["status"], "withdrawn");
    let list = rehearse(&db.path, &["attempts", "Sam Carter"]);
    assert!(
        list.stdout
            .contains("scenario version withdrawn on 2025-03-01"),
        "{}",
        list.stdout
    );

    let o = catalogue(&db.path, &["affected"], PASSPHRASE, "2025-03-01T09:00:00Z");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("Sam Carter")
            && o.stdout.contains(first)
            && o.stdout.contains("re-assessment needed"),
        "{}",
        o.stdout
    );
    let o = catalogue(
        &db.path,
        &["affected", other],
        PASSPHRASE,
        "2025-03-01T09:00:00Z",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stdout.contains("Sam Carter"), "{}", o.stdout);
    let o = catalogue(&db.path, &["list"], PASSPHRASE, "2025-03-01T09:00:00Z");
    assert!(
        o.stdout.contains(&format!("withdrawn  {first}")) && o.stdout.contains(reason),
        "{}",
        o.stdout
    );

    let w = audit_rows(&db.path, "catalogue.withdraw");
    assert_eq!(w.len(), 1);
    assert!(w[0][1]
        .as_deref()
        .unwrap()
        .starts_with("trainer Dr Okafor ("));
    assert!(w[0][2]
        .as_deref()
        .unwrap()
        .starts_with(&format!("scenario {first} version ")));
    assert_eq!(
        (w[0][3].as_deref(), w[0][4].as_deref(), w[0][5].as_deref()),
        (Some("approved"), Some("withdrawn"), Some(reason))
    );
    assert_eq!(
        audit_rows(&db.path, "certification.withdrawn").len(),
        1,
        "the certification resting on the pass was recomputed"
    );
    // Opening with the bundled library again never re-approves it.
    let s = status(&db.path, "Sam Carter", "2025-03-02");
    assert!(s.contains("re-assessment needed:"), "{s}");
    assert_eq!(audit_rows(&db.path, "catalogue.withdraw").len(), 1);
    let v = rehearse(&db.path, &["verify-db"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
}

#[test]
fn a_refresher_of_two_passes_at_one_scenario_does_not_renew() {
    let db = db();
    add_trainee(&db.path, "Sam Carter");
    certify(&db.path, "Sam Carter");
    for at in ["2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z"] {
        let o = play_recorded(&db.path, "Sam Carter", CERTIFYING[0].0, CERTIFYING[0].1, at);
        assert!(o.stdout.contains("**Result: PASSED**"), "{}", o.stdout);
    }
    let s = status(&db.path, "Sam Carter", "2026-01-10");
    assert!(s.starts_with("Sam Carter: refresher due"), "{s}");
    assert!(
        s.contains("refresher passes in 2 different scenarios (1 so far"),
        "{s}"
    );
    // The second scenario is the policy's refresher content: here a copy
    // of a bundled scenario under that id, approved by a trainer.
    let content = tempfile::tempdir().unwrap();
    let dir = copy_under_new_id(
        CERTIFYING[1].0,
        rehearse_core::certification::policy::REFRESHER_CONTENT,
        content.path(),
    );
    add_trainer(&db.path);
    let o = catalogue(
        &db.path,
        &["approve", dir.to_str().unwrap()],
        PASSPHRASE,
        "2026-01-07T09:00:00Z",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = play_folder(
        &db.path,
        "Sam Carter",
        &dir,
        CERTIFYING[1].1,
        "2026-01-07T10:00:00Z",
    );
    assert!(o.stdout.contains("**Result: PASSED**"), "{}", o.stdout);
    let s = status(&db.path, "Sam Carter", "2026-01-10");
    assert!(
        s.starts_with("Sam Carter: certified until 2027-02-10"),
        "{s}"
    );
}

#[test]
fn bad_catalogue_arguments_exit_2_with_a_clear_message() {
    let db = db();
    add_trainee(&db.path, "Kim");
    let now = "2025-02-10T10:00:00Z";
    let bundled = CERTIFYING[2].0;
    let o = catalogue(&db.path, &["approve", bundled], PASSPHRASE, now);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("no trainer yet"), "{}", o.stderr);
    add_trainer(&db.path);
    let cases: [(&[&str], &str); 6] = [
        (
            &["approve", "no-such-scenario"],
            "neither a scenario folder",
        ),
        (
            &["withdraw", "no-such-scenario", "--reason", "r"],
            "neither a scenario folder",
        ),
        (&["withdraw", bundled, "--reason", "   "], "written reason"),
        (&["approve", bundled, "--hash", "zz"], "not a content hash"),
        (&["withdraw", bundled], "--reason"),
        (
            &["affected", "no-such-scenario"],
            "not a scenario in the catalogue",
        ),
    ];
    for (args, needle) in cases {
        let o = catalogue(&db.path, args, PASSPHRASE, now);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(needle), "{args:?}: {}", o.stderr);
        assert!(!o.stderr.contains("panicked"));
    }
    // The bundled version is approved already; withdrawing an unlisted copy is refused.
    let o = catalogue(&db.path, &["approve", bundled], PASSPHRASE, now);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("already approved"), "{}", o.stderr);
    let mine = tempfile::tempdir().unwrap();
    let copy = copy_under_new_id(bundled, "my-copy", mine.path());
    let o = catalogue(
        &db.path,
        &["withdraw", copy.to_str().unwrap(), "--reason", "r"],
        PASSPHRASE,
        now,
    );
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is not approved"), "{}", o.stderr);
}

/// Issue #10: a passphrase typed at the terminal is not echoed. The CLI runs
/// under a real pseudo-terminal (`script`, from util-linux), which echoes
/// whatever the program does not switch echo off for.
#[test]
fn a_passphrase_typed_at_the_terminal_is_not_shown() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let cmd = format!(
        "{} --db '{}' trainer add 'Dr Echo'",
        env!("CARGO_BIN_EXE_rehearse"),
        db.display()
    );
    let mut child = std::process::Command::new("script")
        .args(["-q", "-c", &cmd, "/dev/null"])
        .env_remove("REHEARSE_TRAINER_PASSPHRASE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0u8; 256];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    // Wait for the prompt before typing, as a person would (however loaded
    // the machine is), then a little longer for echo to be switched off.
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("passphrase for trainer") {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "no prompt"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    stdin.write_all(b"Typed-Secret-4417\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    drop(stdin);
    child.wait().unwrap();
    reader.join().unwrap();
    let screen = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    assert!(
        screen.contains("passphrase for trainer Dr Echo"),
        "{screen}"
    );
    assert!(screen.contains("added trainer \"Dr Echo\""), "{screen}");
    assert!(
        !screen.contains("Typed-Secret-4417"),
        "the passphrase was echoed:\n{screen}"
    );
}

//! The records store against real SQLite files, with an injected clock.

use super::migrations::{self, SCHEMA_VERSION};
use super::*;
use crate::attempt::{Input, Mode};
use crate::certification::Standing;
use crate::clock::{parse_instant, FixedClock};
use crate::competency::Competency;
use crate::red_flag::RedFlagCategory;
use crate::scenario::{load_playable, Scenario};
use crate::testcase::{find_test, input_for, recorded_inputs, ScriptLine};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn scenario(id: &str) -> Arc<Scenario> {
    Arc::new(load_playable(&scenarios().join(id)).unwrap())
}

fn test_inputs(id: &str, name_prefix: &str) -> (u64, Vec<Input>) {
    let t = find_test(&scenarios().join(id), name_prefix).unwrap_or_else(|e| panic!("{e}"));
    let inputs = recorded_inputs(&scenario(id), &t, crate::response::english())
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    (t.seed.unwrap_or(1), inputs)
}

/// The four bundled strong paths that certify under the default policy.
const CERTIFYING: [(&str, &str); 4] = [
    ("midwife-neonatal-death", "second good route"),
    ("team-shared-event", "strong path"),
    ("insulin-overdose", "second good route"),
    ("junior-doctor-death", "second good route"),
];

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    clock: Arc<FixedClock>,
    store: Store,
}

fn fixture(day: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/rehearse.db");
    let clock = Arc::new(FixedClock::new(parse_instant(day).unwrap()));
    let store = Store::open_with_clock(&path, clock.clone()).unwrap();
    Fixture {
        _dir: dir,
        path,
        clock,
        store,
    }
}

fn play(store: &Store, trainee: uuid::Uuid, id: &str, test: &str, mode: Mode) -> Uuid {
    let (seed, inputs) = test_inputs(id, test);
    let mut s = Session::start(
        store,
        trainee,
        scenario(id),
        mode,
        seed,
        crate::response::english(),
    )
    .unwrap();
    for i in inputs {
        s.respond(store, i).unwrap();
    }
    assert!(s.attempt().is_ended());
    s.id()
}

use uuid::Uuid;

fn certify(f: &Fixture) -> (Trainee, Vec<Uuid>) {
    let t = f
        .store
        .add_trainee("Sam Carter", Some("sam@example.org"), Some("St Elsewhere"))
        .unwrap();
    let ids = CERTIFYING
        .iter()
        .map(|(id, test)| play(&f.store, t.id, id, test, Mode::Assessment))
        .collect();
    (t, ids)
}

fn day(s: &str) -> chrono::NaiveDate {
    crate::clock::parse_date(s).unwrap()
}

#[test]
fn open_creates_the_file_with_wal_and_foreign_keys() {
    let f = fixture("2025-02-10");
    assert!(f.path.is_file());
    assert_eq!(f.store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = f
        .store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: bool = f
        .store
        .conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk);
    assert!(
        f.store.backup_path().is_none(),
        "a new file needs no backup"
    );
    // A second connection (the desktop app and the CLI at once) opens it the same way.
    let again = Store::open(&f.path).unwrap();
    assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
    f.store.integrity_check().unwrap();
}

#[test]
fn upgrades_from_every_earlier_schema_with_a_backup() {
    for from in 0..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations::apply(&mut conn, 0, from, "2025-01-01T00:00:00Z").unwrap();
            if from >= 1 {
                conn.execute(
                    "INSERT INTO trainees (id, display_name, created_at) VALUES (?1, 'Old Timer', '2024-01-01T00:00:00Z')",
                    [Uuid::from_u128(7).to_string()],
                )
                .unwrap();
            }
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from {from}"
        );
        if from >= 1 {
            let t = store.find_trainee("Old Timer").unwrap();
            assert_eq!(t.id, Uuid::from_u128(7));
            let backup = store
                .backup_path()
                .expect("a backup before migrating")
                .to_path_buf();
            assert_eq!(backup, dir.path().join(format!("old.db.v{from}.bak")));
            let b = Connection::open(&backup).unwrap();
            assert_eq!(migrations::user_version(&b).unwrap(), from);
            let n: i64 = b
                .query_row("SELECT count(*) FROM trainees", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 1);
            // The migrated file works: the new settings table is there.
            store
                .set_retention(Retention::EraseOnceGraded, "test")
                .unwrap();
            assert_eq!(store.retention().unwrap(), Retention::EraseOnceGraded);
        } else {
            assert!(store.backup_path().is_none());
        }
        store.verify().unwrap();
    }
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;")
            .unwrap();
    }
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "database_too_new");
    let msg = e.to_string();
    assert!(
        msg.contains("99")
            && msg.contains(&SCHEMA_VERSION.to_string())
            && msg.contains("newer Rehearse"),
        "{msg}"
    );
    let conn = Connection::open(&path).unwrap();
    assert_eq!(migrations::user_version(&conn).unwrap(), 99);
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".bak")));
}

#[test]
fn corrupt_and_foreign_files_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, just some text\n").unwrap();
    let e = Store::open(&garbage).unwrap_err();
    assert!(
        e.to_string().contains("not a Rehearse records database"),
        "{e}"
    );

    // A real SQLite header followed by garbage.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xAB_u8, 4096));
    std::fs::write(&damaged, bytes).unwrap();
    let e = Store::open(&damaged).unwrap_err();
    assert_eq!(e.code(), "database");
    assert!(e.to_string().contains("damaged.db"), "{e}");

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (n INTEGER);")
        .unwrap();
    let e = Store::open(&other).unwrap_err();
    assert!(e.to_string().contains("other tables"), "{e}");

    let e = Store::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains("is a folder"), "{e}");
}

#[test]
fn trainees_are_added_found_and_validated() {
    let f = fixture("2025-02-10");
    let t = f
        .store
        .add_trainee("  Ana Ruiz ", Some("ana@example.org"), None)
        .unwrap();
    assert_eq!(t.display_name, "Ana Ruiz");
    assert_eq!(t.created_at, parse_instant("2025-02-10").unwrap());
    assert_eq!(f.store.find_trainee("ana ruiz").unwrap().id, t.id);
    assert_eq!(f.store.find_trainee(&t.id.to_string()).unwrap(), t);
    f.store.add_trainee("Ana Ruiz", None, None).unwrap();
    assert_eq!(
        f.store.find_trainee("Ana Ruiz").unwrap_err().code(),
        "input"
    );
    assert_eq!(f.store.trainees().unwrap().len(), 2);
    assert_eq!(
        f.store.find_trainee("Nobody").unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        f.store
            .find_trainee(&Uuid::from_u128(1).to_string())
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        f.store.add_trainee("   ", None, None).unwrap_err().code(),
        "input"
    );
    assert_eq!(
        f.store
            .add_trainee("X", Some("not-an-email"), None)
            .unwrap_err()
            .code(),
        "input"
    );
    assert_eq!(
        f.store
            .add_trainee(&"n".repeat(201), None, None)
            .unwrap_err()
            .code(),
        "input"
    );
    let audit = f.store.audit_log().unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit
        .iter()
        .all(|a| a.action == "trainee.add" && !a.subject.contains("Ana")));
}

#[test]
fn turns_are_committed_one_by_one_and_an_attempt_resumes_from_the_last() {
    let f = fixture("2025-02-10");
    let t = f.store.add_trainee("Kim", None, None).unwrap();
    let (seed, inputs) = test_inputs("insulin-overdose", "second good route");
    let mut s = Session::start(
        &f.store,
        t.id,
        scenario("insulin-overdose"),
        Mode::Assessment,
        seed,
        crate::response::english(),
    )
    .unwrap();
    let outside = Connection::open(&f.path).unwrap();
    for (n, i) in inputs[..4].iter().enumerate() {
        s.respond(&f.store, i.clone()).unwrap();
        let stored: i64 = outside
            .query_row("SELECT count(*) FROM turns", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, n as i64 + 1, "turn {} is committed at once", n + 1);
    }
    let view = s.attempt().view();
    drop(s); // as if the app were killed
    let open = f.store.in_progress(t.id).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].inputs, inputs[..4].to_vec());
    assert_eq!(open[0].mode, Mode::Assessment);
    assert_eq!(open[0].seed, seed);
    let mut resumed = Session::resume(
        &f.store,
        &open[0],
        scenario("insulin-overdose"),
        crate::response::english(),
    )
    .unwrap();
    assert_eq!(resumed.attempt().view(), view);
    for i in &inputs[4..] {
        resumed.respond(&f.store, i.clone()).unwrap();
    }
    assert!(f.store.in_progress(t.id).unwrap().is_empty());
    let list = f.store.attempts(t.id).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status, AttemptStatus::Completed);
    assert_eq!(list[0].passed, Some(true));
    assert_eq!(list[0].turns as usize, inputs.len());
    let report = f.store.report(resumed.id()).unwrap();
    assert_eq!(report, resumed.attempt().report());
    assert_eq!(
        f.store.scenario_status(t.id, "insulin-overdose").unwrap(),
        ScenarioProgress::Passed
    );
    assert_eq!(
        f.store.scenario_status(t.id, "months-later").unwrap(),
        ScenarioProgress::NotTried
    );
    assert!(f.store.verify().unwrap().is_ok());
}

#[test]
fn resume_refuses_a_changed_scenario_and_practice_undo_removes_the_turn() {
    let f = fixture("2025-02-10");
    let t = f.store.add_trainee("Kim", None, None).unwrap();
    let mut s = Session::start(
        &f.store,
        t.id,
        scenario("insulin-overdose"),
        Mode::Practice,
        3,
        crate::response::english(),
    )
    .unwrap();
    s.respond(&f.store, Input::Choice { index: 1 }).unwrap();
    s.respond(&f.store, Input::Choice { index: 2 }).unwrap();
    s.undo(&f.store).unwrap();
    let mut open = f.store.in_progress(t.id).unwrap();
    assert_eq!(open[0].inputs, vec![Input::Choice { index: 1 }]);
    open[0].content_hash = "0".repeat(64);
    let e = Session::resume(
        &f.store,
        &open[0],
        scenario("insulin-overdose"),
        crate::response::english(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "scenario_changed");
    let open = f.store.in_progress(t.id).unwrap();
    let e = Session::resume(
        &f.store,
        &open[0],
        scenario("months-later"),
        crate::response::english(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "input");
    let s = Session::resume(
        &f.store,
        &open[0],
        scenario("insulin-overdose"),
        crate::response::english(),
    )
    .unwrap();
    s.abandon(&f.store).unwrap();
    let list = f.store.attempts(t.id).unwrap();
    assert_eq!(list[0].status, AttemptStatus::Abandoned);
    assert_eq!(list[0].passed, None);
    assert_eq!(
        f.store.scenario_status(t.id, "insulin-overdose").unwrap(),
        ScenarioProgress::Practised
    );
    assert_eq!(
        f.store.report(list[0].attempt).unwrap_err().code(),
        "not_allowed"
    );
    assert!(f.store.verify().unwrap().is_ok());
}

#[test]
fn the_bundled_strong_paths_certify_and_the_ledger_records_the_policy() {
    let f = fixture("2025-02-10T10:00:00Z");
    let (t, _) = certify(&f);
    let s = f.store.status(t.id, day("2025-02-10")).unwrap();
    assert_eq!(s.headline(), "certified until 2026-02-10");
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].event, "granted");
    assert_eq!(ledger[0].policy_version, "rehearse-default-2");
    assert_eq!(ledger[0].basis.len(), 4);
    assert_eq!(
        f.store.status(t.id, day("2026-01-10")).unwrap().standing,
        Standing::RefresherDue
    );
    // Practice never counts: a practice pass in the window changes nothing.
    f.clock.set(parse_instant("2026-01-10").unwrap());
    play(
        &f.store,
        t.id,
        "midwife-neonatal-death",
        "second good route",
        Mode::Practice,
    );
    play(
        &f.store,
        t.id,
        "insulin-overdose",
        "second good route",
        Mode::Practice,
    );
    assert_eq!(
        f.store.status(t.id, day("2026-01-10")).unwrap().standing,
        Standing::RefresherDue
    );
    // Two assessments with a red flag renew from the old expiry.
    play(
        &f.store,
        t.id,
        "midwife-neonatal-death",
        "second good route",
        Mode::Assessment,
    );
    play(
        &f.store,
        t.id,
        "team-shared-event",
        "strong path",
        Mode::Assessment,
    );
    // ...together with a pass of the policy's refresher content (here a
    // copy of a bundled scenario under that id, approved like the library).
    let s = f.store.status(t.id, day("2026-01-11")).unwrap();
    assert_eq!(s.standing, Standing::RefresherDue);
    assert_eq!(
        s.missing,
        vec![crate::certification::Missing::RefresherContent {
            scenarios: vec![crate::certification::policy::REFRESHER_CONTENT.into()]
        }]
    );
    let content = tempfile::tempdir().unwrap();
    let dir = copy_under_new_id(
        "team-shared-event",
        crate::certification::policy::REFRESHER_CONTENT,
        content.path(),
    );
    f.store.approve_bundled(&[version_of(&dir)]).unwrap();
    play_dir(&f.store, t.id, &dir, "strong path");
    assert_eq!(
        f.store.status(t.id, day("2026-01-11")).unwrap().headline(),
        "certified until 2027-02-10"
    );
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(
        ledger.iter().map(|e| e.event.id()).collect::<Vec<_>>(),
        ["granted", "renewed"]
    );
    assert!(f.store.verify().unwrap().is_ok());
}

#[test]
fn a_trainer_override_changes_the_status_and_is_audited() {
    let f = fixture("2025-02-10T10:00:00Z");
    let (t, ids) = certify(&f);
    f.store
        .add_trainer("Dr Okafor", "correct horse battery")
        .unwrap();
    // Only midwife and team reach competent on not_fact_finding; lowering it
    // in the midwife attempt leaves it competent in only one pass.
    let midwife = ids[0];
    assert_eq!(
        f.store
            .authenticate_trainer("Dr Okafor", "wrong passphrase")
            .unwrap_err()
            .code(),
        "unauthorised"
    );
    let e = f
        .store
        .moderate(
            "Sam Carter",
            "anything at all",
            midwife,
            OverrideTarget::Competency(Competency::NotFactFinding),
            "developing",
            "x",
        )
        .unwrap_err();
    assert_eq!(e.code(), "unauthorised");
    assert!(e.to_string().contains("trainee profile"), "{e}");
    let e = f
        .store
        .moderate(
            "Dr Okafor",
            "correct horse battery",
            midwife,
            OverrideTarget::Competency(Competency::NotFactFinding),
            "developing",
            "  ",
        )
        .unwrap_err();
    assert_eq!(e.code(), "input");
    assert_eq!(
        f.store
            .moderate(
                "Dr Okafor",
                "correct horse battery",
                midwife,
                OverrideTarget::Competency(Competency::NotFactFinding),
                "superb",
                "r"
            )
            .unwrap_err()
            .code(),
        "input"
    );
    assert_eq!(
        f.store
            .moderate(
                "Dr Okafor",
                "correct horse battery",
                ids[1],
                OverrideTarget::RedFlag(RedFlagCategory::SuicideRisk),
                "missed",
                "r"
            )
            .unwrap_err()
            .code(),
        "not_allowed"
    );

    f.clock.set(parse_instant("2025-02-12T09:00:00Z").unwrap());
    let before = f
        .store
        .report(midwife)
        .unwrap()
        .level(Competency::NotFactFinding);
    let o = f
        .store
        .moderate(
            "dr okafor",
            "correct horse battery",
            midwife,
            OverrideTarget::Competency(Competency::NotFactFinding),
            "developing",
            "Probed the timeline twice; the engine over-credited the choices.",
        )
        .unwrap();
    assert_eq!(o.before, before.id());
    assert_eq!(o.after, "developing");
    let s = f.store.status(t.id, day("2025-02-12")).unwrap();
    assert_eq!(s.headline(), "in progress");
    assert!(s.missing.iter().any(|m| matches!(
        m,
        crate::certification::Missing::Competency {
            competency: Competency::NotFactFinding,
            have: 1,
            ..
        }
    )));
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(ledger.last().unwrap().event, "withdrawn");
    // The report shows the moderated grade and keeps the original.
    let r = f.store.report(midwife).unwrap();
    assert_eq!(
        r.level(Competency::NotFactFinding),
        crate::grading::Level::Developing
    );
    assert_eq!(r.moderation.len(), 1);
    assert_eq!(r.moderation[0].original, before.id());
    assert_eq!(r.moderation[0].trainer, "Dr Okafor");
    assert!(f.store.attempts(t.id).unwrap().iter().any(|a| a.moderated));
    let entry = f
        .store
        .audit_log()
        .unwrap()
        .into_iter()
        .find(|a| a.action == "override")
        .unwrap();
    assert!(entry.actor.contains("Dr Okafor"));
    assert_eq!(entry.at, "2025-02-12T09:00:00Z");
    assert_eq!(
        entry.subject,
        format!("attempt {midwife} competency not_fact_finding")
    );
    assert_eq!(entry.before.as_deref(), Some(before.id()));
    assert_eq!(entry.after.as_deref(), Some("developing"));
    assert!(entry.reason.clone().unwrap().contains("over-credited"));
    // The attempt's own override trail holds that entry, and another
    // attempt's holds none.
    assert_eq!(f.store.override_audit(midwife).unwrap(), vec![entry]);
    assert!(f.store.override_audit(ids[1]).unwrap().is_empty());
    // A red-flag override fails the attempt; setting it back restores it.
    f.store
        .moderate(
            "Dr Okafor",
            "correct horse battery",
            midwife,
            OverrideTarget::Competency(Competency::NotFactFinding),
            "competent",
            "Second look: fair.",
        )
        .unwrap();
    assert_eq!(
        f.store.status(t.id, day("2025-02-12")).unwrap().headline(),
        "certified until 2026-02-10"
    );
    f.store
        .moderate(
            "Dr Okafor",
            "correct horse battery",
            ids[3],
            OverrideTarget::RedFlag(RedFlagCategory::SuicideRisk),
            "missed",
            "Asked, but never acted.",
        )
        .unwrap();
    assert!(!f.store.report(ids[3]).unwrap().passed);
    assert!(f.store.verify().unwrap().is_ok());
}

#[test]
fn one_changed_byte_anywhere_in_a_chain_is_found() {
    let cases = [
        ("UPDATE grades SET value = 'X' || substr(value, 2) WHERE seq = 5", "grades"),
        ("UPDATE certifications SET expires_on = substr(expires_on, 1, 3) || '7' || substr(expires_on, 5) WHERE seq = 1", "certifications"),
        ("UPDATE attempts SET passed = 1 - passed WHERE chain_seq = 2", "attempts"),
        ("UPDATE attempts SET report = replace(report, '\"level\":\"exemplary\"', '\"level\":\"competent\"') WHERE chain_seq = 1", "attempts"),
        ("UPDATE audit SET actor = 'cl1' WHERE seq = 1", "audit"),
        ("DELETE FROM grades WHERE seq = 3", "grades"),
    ];
    for (sql, table) in cases {
        let f = fixture("2025-02-10T10:00:00Z");
        certify(&f);
        assert!(f.store.verify().unwrap().is_ok());
        let outside = Connection::open(&f.path).unwrap();
        assert_eq!(outside.execute(sql, []).unwrap(), 1, "{sql}");
        drop(outside);
        let v = f.store.verify().unwrap();
        let bad = v.tampered();
        assert_eq!(bad.len(), 1, "{sql}: {v:?}");
        assert_eq!(bad[0].table, table, "{sql}");
    }
}

#[test]
fn erasing_once_graded_keeps_labels_evidence_and_the_chain() {
    let f = fixture("2025-02-10");
    f.store
        .set_retention(Retention::EraseOnceGraded, "test")
        .unwrap();
    let t = f.store.add_trainee("Kim", None, None).unwrap();
    let words = "How has the night been for you?";
    let (seed, mut inputs) = test_inputs("insulin-overdose", "free text: an open invitation");
    assert!(inputs.contains(&Input::FreeText { text: words.into() }));
    inputs.truncate(inputs.len());
    let mut s = Session::start(
        &f.store,
        t.id,
        scenario("insulin-overdose"),
        Mode::Assessment,
        seed,
        crate::response::english(),
    )
    .unwrap();
    for i in inputs {
        s.respond(&f.store, i).unwrap();
    }
    let original = s.attempt().report();
    let r = f.store.report(s.id()).unwrap();
    let raw: String = f
        .store
        .conn
        .query_row(
            "SELECT group_concat(detail) || group_concat(input) FROM turns",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!raw.contains("night been"), "free text left in turns");
    assert!(!serde_json::to_string(&r).unwrap().contains("night been"));
    let free = r
        .turns
        .iter()
        .find(|t| matches!(t.input, Input::FreeText { .. }))
        .unwrap();
    let before = original
        .turns
        .iter()
        .find(|t| t.number == free.number)
        .unwrap();
    assert_eq!(free.shows, before.shows);
    assert_eq!(free.evidence, before.evidence);
    assert_eq!(
        free.analysis.as_ref().unwrap().behaviours,
        before.analysis.as_ref().unwrap().behaviours
    );
    assert_eq!(r.competencies, original.competencies);
    assert!(f.store.verify().unwrap().is_ok());

    // Erase after N days: only attempts that ended long enough ago.
    let g = fixture("2025-02-10");
    let k = g.store.add_trainee("Lee", None, None).unwrap();
    let mut s = Session::start(
        &g.store,
        k.id,
        scenario("insulin-overdose"),
        Mode::Practice,
        seed,
        crate::response::english(),
    )
    .unwrap();
    for i in test_inputs("insulin-overdose", "free text: an open invitation").1 {
        s.respond(&g.store, i).unwrap();
    }
    assert_eq!(
        g.store
            .set_retention(Retention::EraseAfterDays(30), "test")
            .unwrap(),
        0
    );
    g.clock.set(parse_instant("2025-03-11").unwrap());
    assert_eq!(g.store.apply_retention().unwrap(), 0);
    g.clock.set(parse_instant("2025-03-12").unwrap());
    assert_eq!(g.store.apply_retention().unwrap(), 1);
    assert!(!serde_json::to_string(&g.store.report(s.id()).unwrap())
        .unwrap()
        .contains("night been"));
    assert!(g.store.verify().unwrap().is_ok());
    assert_eq!("after:0".parse::<Retention>().unwrap_err().code(), "input");
    assert_eq!("forever".parse::<Retention>().unwrap_err().code(), "input");
}

#[test]
fn erasing_a_trainee_removes_personal_data_and_keeps_aggregates() {
    let f = fixture("2025-02-10T10:00:00Z");
    let (t, ids) = certify(&f);
    let (seed, inputs) = test_inputs("insulin-overdose", "free text: an open invitation");
    let mut open = Session::start(
        &f.store,
        t.id,
        scenario("insulin-overdose"),
        Mode::Practice,
        seed,
        crate::response::english(),
    )
    .unwrap();
    open.respond(&f.store, inputs[0].clone()).unwrap();
    open.respond(&f.store, inputs[1].clone()).unwrap();
    let erased = f.store.erase_trainee(t.id, "dpo").unwrap();
    assert_eq!(erased.display_name, trainee::ERASED_NAME);
    assert_eq!(erased.email, None);
    assert_eq!(erased.organisation, None);
    assert!(erased.erased_at.is_some());
    let dump: String = f.store.conn.query_row(
        "SELECT (SELECT group_concat(display_name || coalesce(email, '') || coalesce(organisation, '')) FROM trainees)
              || (SELECT group_concat(coalesce(said, '') || input || detail) FROM turns)
              || (SELECT group_concat(coalesce(report, '')) FROM attempts)
              || (SELECT group_concat(subject || coalesce(after, '')) FROM audit)",
        [], |r| r.get(0)).unwrap();
    for personal in [
        "Sam Carter",
        "sam@example.org",
        "St Elsewhere",
        "night been",
    ] {
        assert!(!dump.contains(personal), "{personal} is still stored");
    }
    // Aggregates stay under the pseudonymous id.
    assert_eq!(
        f.store.status(t.id, day("2025-03-01")).unwrap().headline(),
        "certified until 2026-02-10"
    );
    assert_eq!(f.store.attempts(t.id).unwrap().len(), 5);
    assert!(f.store.in_progress(t.id).unwrap().is_empty());
    assert!(f.store.report(ids[0]).is_ok());
    assert_eq!(
        f.store.find_trainee("Sam Carter").unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        f.store.erase_trainee(t.id, "dpo").unwrap_err().code(),
        "not_allowed"
    );
    assert_eq!(
        Session::start(
            &f.store,
            t.id,
            scenario("insulin-overdose"),
            Mode::Practice,
            1,
            crate::response::english()
        )
        .unwrap_err()
        .code(),
        "not_allowed"
    );
    assert!(f.store.verify().unwrap().is_ok());
}

#[test]
fn a_policy_installed_in_the_store_is_used_and_recorded() {
    let f = fixture("2025-02-10T10:00:00Z");
    let mut p = crate::certification::Policy::default();
    p.validity.months = 6;
    p.version = "trust-2025-semiannual".into();
    f.store.set_policy(&p, "test").unwrap();
    assert_eq!(f.store.policy().unwrap(), p);
    let (t, _) = certify(&f);
    assert_eq!(
        f.store.status(t.id, day("2025-03-01")).unwrap().headline(),
        "certified until 2025-08-10"
    );
    assert_eq!(
        f.store.certifications(t.id).unwrap()[0].policy_version,
        "trust-2025-semiannual"
    );
}

#[test]
fn the_competency_grid_has_every_completed_attempt_with_moderation_applied() {
    let f = fixture("2025-02-10T10:00:00Z");
    let (t, ids) = certify(&f);
    f.store
        .add_trainer("Dr Okafor", "correct horse battery")
        .unwrap();
    assert_eq!(f.store.attempt_trainee(ids[2]).unwrap(), t.id);
    assert_eq!(
        f.store.attempt_trainee(Uuid::nil()).unwrap_err().code(),
        "not_found"
    );
    let grid = f.store.competency_grid(t.id).unwrap();
    assert_eq!(grid.len(), 4);
    assert!(grid.iter().all(|g| g.levels.len() == 15 && g.passed));
    let first: Vec<_> = grid[0].levels.iter().map(|(c, _)| *c).collect();
    assert_eq!(first, Competency::ALL.to_vec());
    f.store
        .moderate(
            "Dr Okafor",
            "correct horse battery",
            ids[0],
            OverrideTarget::Competency(Competency::NotFactFinding),
            "not_yet",
            "Probed the timeline.",
        )
        .unwrap();
    let grid = f.store.competency_grid(t.id).unwrap();
    let g = grid.iter().find(|g| g.attempt == ids[0]).unwrap();
    assert!(g.moderated);
    assert!(g
        .levels
        .contains(&(Competency::NotFactFinding, crate::grading::Level::NotYet)));
}

/// Copies a bundled scenario's folder under a new id (the `id:` in its
/// metadata changed), as a user adding their own copy would.
fn copy_under_new_id(from: &str, new_id: &str, into: &Path) -> PathBuf {
    let src = scenarios().join(from);
    let dst = into.join(new_id);
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
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

/// Plays a scenario folder's named test as an assessment.
fn play_dir(store: &Store, trainee: Uuid, dir: &Path, test: &str) -> Uuid {
    let t = find_test(dir, test).unwrap_or_else(|e| panic!("{e}"));
    let s = Arc::new(load_playable(dir).unwrap());
    let mut session = Session::start(
        store,
        trainee,
        s,
        Mode::Assessment,
        t.seed.unwrap_or(1),
        crate::response::english(),
    )
    .unwrap();
    for l in &t.inputs {
        let ScriptLine::Respond(i) = input_for(session.attempt(), l).unwrap() else {
            panic!("undo in an assessment test");
        };
        session.respond(store, i).unwrap();
    }
    assert!(session.attempt().is_ended());
    session.id()
}

fn version_of(dir: &Path) -> ScenarioVersion {
    ScenarioVersion::of(&load_playable(dir).unwrap())
}

const PASSPHRASE: &str = "correct horse battery";

#[test]
fn a_copy_under_a_new_id_counts_only_once_a_trainer_approves_it() {
    let f = fixture("2025-02-10T10:00:00Z");
    let copies = tempfile::tempdir().unwrap();
    // A copy of the fourth certifying scenario stands in for the original.
    let (original, test) = CERTIFYING[3];
    let copy_id = format!("{original}-copy");
    let copy = copy_under_new_id(original, &copy_id, copies.path());
    let t = f.store.add_trainee("Sam Carter", None, None).unwrap();
    for (id, test) in &CERTIFYING[..3] {
        play(&f.store, t.id, id, test, Mode::Assessment);
    }
    let copied = play_dir(&f.store, t.id, &copy, test);
    let passes = f.store.attempts(t.id).unwrap();
    let at_copy = passes.iter().find(|a| a.attempt == copied).unwrap();
    assert_eq!(at_copy.passed, Some(true), "the copy's attempt is recorded");
    assert_eq!(at_copy.approval, crate::certification::Approval::Unapproved);
    let s = f.store.status(t.id, day("2025-02-10")).unwrap();
    assert_eq!(s.standing, Standing::InProgress);
    assert!(s
        .missing
        .contains(&crate::certification::Missing::DistinctScenarios { needed: 4, have: 3 }));
    assert_eq!(s.awaiting_approval.len(), 1);
    assert_eq!(s.awaiting_approval[0].scenario_id, copy_id);
    assert!(f.store.certifications(t.id).unwrap().is_empty());
    // The bundled versions were approved by the installation; the copy is
    // waiting, and approving the bundled library again leaves it waiting.
    let listed = f.store.catalogue().unwrap();
    assert!(listed
        .iter()
        .all(|e| e.approved_by == catalogue::INSTALLATION));
    assert!(!listed.iter().any(|e| e.scenario_id == copy_id));
    let unlisted = f.store.unlisted_versions().unwrap();
    assert_eq!(unlisted.len(), 1);
    assert_eq!(
        (unlisted[0].version.id.as_str(), unlisted[0].passes),
        (copy_id.as_str(), 1)
    );
    approve_dir(&f.store, &scenarios());
    assert_eq!(
        f.store.status(t.id, day("2025-02-10")).unwrap().standing,
        Standing::InProgress
    );

    // A trainee cannot approve; a trainer can.
    f.store.add_trainer("Dr Okafor", PASSPHRASE).unwrap();
    let v = version_of(&copy);
    assert_eq!(
        f.store
            .approve_version("Sam Carter", PASSPHRASE, &v, None)
            .unwrap_err()
            .code(),
        "unauthorised"
    );
    assert_eq!(
        f.store
            .approve_version("Dr Okafor", "wrong passphrase", &v, None)
            .unwrap_err()
            .code(),
        "unauthorised"
    );
    f.clock.set(parse_instant("2025-02-11T09:00:00Z").unwrap());
    let e = f
        .store
        .approve_version("Dr Okafor", PASSPHRASE, &v, Some("reviewed line by line"))
        .unwrap();
    assert_eq!(e.status, VersionStatus::Approved);
    assert!(e.approved_by.starts_with("trainer Dr Okafor ("));
    // The pass made before the approval counts now, and the ledger says so.
    let s = f.store.status(t.id, day("2025-02-11")).unwrap();
    assert_eq!(s.headline(), "certified until 2026-02-10");
    assert!(s.awaiting_approval.is_empty());
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(ledger.len(), 1);
    assert!(ledger[0].basis.contains(&copied));
    assert_eq!(
        f.store
            .approve_version("Dr Okafor", PASSPHRASE, &v, None)
            .unwrap_err()
            .code(),
        "not_allowed",
        "already approved"
    );
    let audit = f.store.audit_log().unwrap();
    let entry = audit
        .iter()
        .find(|a| a.action == "catalogue.approve" && a.subject.contains(&copy_id))
        .unwrap();
    assert!(entry.actor.starts_with("trainer Dr Okafor ("));
    assert_eq!(entry.at, "2025-02-11T09:00:00Z");
    assert_eq!(entry.before.as_deref(), Some("not listed"));
    assert_eq!(entry.after.as_deref(), Some("approved"));
    assert_eq!(entry.reason.as_deref(), Some("reviewed line by line"));
    assert!(audit.iter().any(|a| a.action == "certification.granted"));
    assert!(f.store.verify().unwrap().is_ok());
}

#[test]
fn withdrawing_a_version_flags_its_passes_and_recomputes_certification() {
    let f = fixture("2025-02-10T10:00:00Z");
    let (t, ids) = certify(&f);
    let other = f.store.add_trainee("Kim", None, None).unwrap();
    play(
        &f.store,
        other.id,
        CERTIFYING[1].0,
        CERTIFYING[1].1,
        Mode::Assessment,
    );
    f.store.add_trainer("Dr Okafor", PASSPHRASE).unwrap();
    assert_eq!(
        f.store.status(t.id, day("2025-02-10")).unwrap().headline(),
        "certified until 2026-02-10"
    );
    // The first certifying scenario (ids[0]) is the one withdrawn.
    let first = CERTIFYING[0].0;
    let midwife = version_of(&scenarios().join(first));
    let e = f
        .store
        .withdraw_version(
            "Dr Okafor",
            PASSPHRASE,
            &midwife.id,
            &midwife.content_hash,
            "  ",
        )
        .unwrap_err();
    assert_eq!(e.code(), "input", "a reason is required");
    f.clock.set(parse_instant("2025-03-01T08:00:00Z").unwrap());
    let w = f
        .store
        .withdraw_version(
            "Dr Okafor",
            PASSPHRASE,
            &midwife.id,
            &midwife.content_hash,
            "the suicide-risk cue could be passed without asking",
        )
        .unwrap();
    assert_eq!(w.entry.status, VersionStatus::Withdrawn);
    assert_eq!(
        w.entry.withdrawal_reason.as_deref(),
        Some("the suicide-risk cue could be passed without asking")
    );
    assert_eq!(w.affected.len(), 1, "Kim never played it");
    assert_eq!(w.affected[0].trainee, t.id);
    assert_eq!(w.affected[0].attempts, vec![ids[0]]);
    assert!(!w.affected[0].reassessed);
    // The pass is flagged, the status shows what to re-assess, and the
    // certification resting on it is withdrawn in the ledger.
    let flagged = f.store.attempts(t.id).unwrap();
    let m = flagged.iter().find(|a| a.attempt == ids[0]).unwrap();
    assert!(matches!(
        m.approval,
        crate::certification::Approval::Withdrawn { .. }
    ));
    let s = f.store.status(t.id, day("2025-03-01")).unwrap();
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(s.reassessment.len(), 1);
    assert_eq!(s.reassessment[0].scenario_id, first);
    assert!(s.reassessment[0].to_string().contains("could be passed"));
    assert!(s.next_action.contains(&format!("Re-assess {first}")));
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(
        ledger.iter().map(|e| e.event.id()).collect::<Vec<_>>(),
        ["granted", "withdrawn"]
    );
    assert_eq!(f.store.affected_trainees(None).unwrap().len(), 1);
    // The installation never approves a withdrawn version again.
    assert!(f
        .store
        .approve_bundled(std::slice::from_ref(&midwife))
        .unwrap()
        .is_empty());
    // (Bundled scenarios nobody played yet are approved now; not this one.)
    assert!(!approve_dir(&f.store, &scenarios())
        .approved
        .contains(&midwife));
    assert_eq!(
        f.store
            .catalogue_entry(&midwife.id, &midwife.content_hash)
            .unwrap()
            .unwrap()
            .status,
        VersionStatus::Withdrawn
    );
    // Withdrawn twice is refused; a trainer may approve it again.
    assert_eq!(
        f.store
            .withdraw_version(
                "Dr Okafor",
                PASSPHRASE,
                &midwife.id,
                &midwife.content_hash,
                "again"
            )
            .unwrap_err()
            .code(),
        "not_allowed"
    );
    let audit = f.store.audit_log().unwrap();
    let w = audit
        .iter()
        .find(|a| a.action == "catalogue.withdraw")
        .unwrap();
    assert!(w.actor.starts_with("trainer Dr Okafor ("));
    assert_eq!(w.at, "2025-03-01T08:00:00Z");
    assert!(w.subject.contains(&midwife.content_hash));
    assert_eq!(
        (w.before.as_deref(), w.after.as_deref()),
        (Some("approved"), Some("withdrawn"))
    );
    assert!(audit.iter().any(|a| a.action == "certification.withdrawn"));
    f.store
        .approve_version("Dr Okafor", PASSPHRASE, &midwife, None)
        .unwrap();
    assert_eq!(
        f.store.status(t.id, day("2025-03-01")).unwrap().headline(),
        "certified until 2026-02-10"
    );
    let v = f.store.verify().unwrap();
    assert!(v.is_ok(), "{:?}", v.tampered());
    let cat = v
        .chains
        .iter()
        .find(|c| c.table == "catalogue_events")
        .unwrap();
    assert!(cat.rows >= 4, "{cat:?}");
}

#[test]
fn a_changed_byte_in_the_catalogue_is_found() {
    let f = fixture("2025-02-10T10:00:00Z");
    f.store
        .approve_bundled(&[fabricated("alpha", 1), fabricated("beta", 1)])
        .unwrap();
    assert!(f.store.verify().unwrap().is_ok());
    let outside = Connection::open(&f.path).unwrap();
    outside
        .execute(
            "UPDATE catalogue_events SET event = 'withdrawn' WHERE seq = 2",
            [],
        )
        .unwrap();
    let v = f.store.verify().unwrap();
    let t = v.tampered();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].table, "catalogue_events");
    assert_eq!(t[0].position, 2);
}

#[test]
fn a_refresher_of_one_scenario_twice_does_not_renew() {
    let f = fixture("2025-02-10T10:00:00Z");
    let (t, _) = certify(&f);
    // One day each, so the passes are counted in this order.
    for at in ["2026-01-08T10:00:00Z", "2026-01-09T10:00:00Z"] {
        f.clock.set(parse_instant(at).unwrap());
        play(
            &f.store,
            t.id,
            CERTIFYING[0].0,
            CERTIFYING[0].1,
            Mode::Assessment,
        );
    }
    f.clock.set(parse_instant("2026-01-10T10:00:00Z").unwrap());
    let s = f.store.status(t.id, day("2026-01-10")).unwrap();
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(
        s.missing,
        vec![
            crate::certification::Missing::RefresherDistinctScenarios { needed: 2, have: 1 },
            crate::certification::Missing::RefresherContent {
                scenarios: vec![crate::certification::policy::REFRESHER_CONTENT.into()]
            }
        ]
    );
    assert_eq!(f.store.certifications(t.id).unwrap().len(), 1);
    // The second scenario is the policy's refresher content (a copy of a
    // bundled scenario under that id, approved like the library).
    let content = tempfile::tempdir().unwrap();
    let dir = copy_under_new_id(
        CERTIFYING[1].0,
        crate::certification::policy::REFRESHER_CONTENT,
        content.path(),
    );
    f.store.approve_bundled(&[version_of(&dir)]).unwrap();
    play_dir(&f.store, t.id, &dir, CERTIFYING[1].1);
    assert_eq!(
        f.store.status(t.id, day("2026-01-10")).unwrap().headline(),
        "certified until 2027-02-10"
    );
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(ledger.last().unwrap().event, "renewed");
    assert_eq!(ledger.last().unwrap().basis.len(), 3);
}

/// Winds a file back to the schema before the chained histories (version
/// 4), dropping the observed role-play of version 6 and the certification
/// syncs of version 9 too.
const UNDO_LEDGER: &str = "
DROP INDEX attempts_by_version;
ALTER TABLE grades DROP COLUMN score;
DROP TABLE certification_syncs;
DROP TRIGGER certification_stale_on_attempt_insert;
DROP TRIGGER certification_stale_on_attempt_update;
DROP TRIGGER certification_stale_on_attempt_delete;
DROP TRIGGER certification_stale_on_grade_insert;
DROP TRIGGER certification_stale_on_grade_update;
DROP TRIGGER certification_stale_on_grade_delete;
DROP TRIGGER certification_stale_on_override_insert;
DROP TRIGGER certification_stale_on_override_update;
DROP TRIGGER certification_stale_on_override_delete;
DROP TRIGGER certification_stale_on_observation_insert;
DROP TRIGGER certification_stale_on_observation_update;
DROP TRIGGER certification_stale_on_observation_delete;
DROP TRIGGER certification_stale_on_observation_grade;
DROP TRIGGER certification_stale_on_policy_insert;
DROP TRIGGER certification_stale_on_policy_update;
DROP INDEX IF EXISTS grades_by_attempt; DROP INDEX IF EXISTS overrides_by_attempt;
DROP INDEX IF EXISTS certifications_by_trainee; ALTER TABLE attempts DROP COLUMN language;
DROP TABLE observation_notes; DROP TABLE observation_grades; DROP TABLE observations;
DROP TABLE trainers_history; DROP TABLE trainees_history;
DROP TABLE settings_history; DROP TABLE turns_history;
ALTER TABLE trainers DROP COLUMN seal_nonce; ALTER TABLE trainees DROP COLUMN seal_nonce;
ALTER TABLE settings DROP COLUMN seal_nonce; ALTER TABLE turns DROP COLUMN seal_nonce;
PRAGMA user_version = 4;";

#[test]
fn upgrading_from_before_the_histories_seals_the_rows_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T10:00:00Z").unwrap(),
    ));
    let t = {
        let store = Store::open_with_clock(&path, clock.clone()).unwrap();
        let t = store
            .add_trainee("Old Timer", Some("old@example.org"), None)
            .unwrap();
        store
            .add_trainer("Dr Old", "correct horse battery")
            .unwrap();
        store
            .set_retention(crate::records::Retention::Keep, "test")
            .unwrap();
        play(
            &store,
            t.id,
            CERTIFYING[0].0,
            CERTIFYING[0].1,
            Mode::Assessment,
        );
        t
    };
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(UNDO_LEDGER).unwrap();
        std::fs::remove_file(path.with_file_name(checkpoint::CHECKPOINT_FILE)).unwrap();
    }
    let store = Store::open_with_clock(&path, clock).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let v = store.verify().unwrap();
    assert!(v.is_ok(), "{:?}", v.tampered());
    let baseline: Vec<(String, i64)> = store
        .conn
        .prepare("SELECT 'trainers', count(*) FROM trainers_history WHERE event = 'baseline' UNION ALL SELECT 'trainees', count(*) FROM trainees_history WHERE event = 'baseline' UNION ALL SELECT 'settings', count(*) FROM settings_history WHERE event = 'baseline' UNION ALL SELECT 'turns', count(*) FROM turns_history WHERE event = 'baseline'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (table, n) in &baseline {
        assert!(*n > 0, "{table} sealed at the upgrade: {baseline:?}");
    }
    // From now on an edit of a row that predates the upgrade is found.
    store
        .conn
        .execute(
            "UPDATE trainees SET display_name = 'Someone Else' WHERE id = ?1",
            [t.id.to_string()],
        )
        .unwrap();
    let v = store.verify().unwrap();
    let found = v.tampered();
    assert!(
        found
            .iter()
            .any(|f| f.table == "trainees" && f.kind == chain::TamperKind::Edited),
        "{found:?}"
    );
}

#[test]
fn upgrading_from_before_the_catalogue_keeps_assessed_versions_approved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T10:00:00Z").unwrap(),
    ));
    let copies = tempfile::tempdir().unwrap();
    let (original, test) = CERTIFYING[3];
    let copy_id = format!("{original}-copy");
    let copy = copy_under_new_id(original, &copy_id, copies.path());
    let t = {
        let store = Store::open_with_clock(&path, clock.clone()).unwrap();
        let t = store.add_trainee("Old Timer", None, None).unwrap();
        for (id, test) in &CERTIFYING[..3] {
            play(&store, t.id, id, test, Mode::Assessment);
        }
        play_dir(&store, t.id, &copy, test);
        t
    };
    // Wind the file back to the schema before the catalogue.
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(UNDO_LEDGER).unwrap();
        conn.execute_batch(&format!(
            "DROP VIEW catalogue; DROP TABLE catalogue_events; PRAGMA user_version = {};",
            migrations::CATALOGUE_VERSION - 1
        ))
        .unwrap();
        // A file from before the catalogue predates signed checkpoints too.
        std::fs::remove_file(path.with_file_name(checkpoint::CHECKPOINT_FILE)).unwrap();
    }
    let store = Store::open_with_clock(&path, clock).unwrap();
    assert!(store.backup_path().is_some());
    let listed = store.catalogue().unwrap();
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(listed.iter().all(|e| e.approved_by == catalogue::MIGRATION));
    assert!(listed.iter().any(|e| e.scenario_id == copy_id));
    assert_eq!(
        store.status(t.id, day("2025-02-10")).unwrap().headline(),
        "certified until 2026-02-10"
    );
    let v = store.verify().unwrap();
    assert!(v.is_ok(), "{:?}", v.tampered());
}

fn fabricated(id: &str, n: u8) -> ScenarioVersion {
    ScenarioVersion {
        id: id.into(),
        content_hash: format!("{n:02x}").repeat(32),
        version: format!("1.0.{n}"),
        title: format!("{id} v{n}"),
    }
}

#[test]
fn the_catalogue_lists_approvals_and_withdrawals_chained_and_audited() {
    let f = fixture("2025-02-10T10:00:00Z");
    let a1 = fabricated("alpha", 1);
    let a2 = fabricated("alpha", 2);
    let b1 = fabricated("beta", 1);
    let done = f
        .store
        .approve_bundled(&[a1.clone(), a1.clone(), b1.clone()])
        .unwrap();
    assert_eq!(done, vec![a1.clone(), b1.clone()], "each version once");
    assert!(f
        .store
        .approve_bundled(std::slice::from_ref(&a1))
        .unwrap()
        .is_empty());
    f.store.add_trainer("Dr Okafor", PASSPHRASE).unwrap();
    f.clock.set(parse_instant("2025-02-11T09:00:00Z").unwrap());
    f.store
        .approve_version("Dr Okafor", PASSPHRASE, &a2, None)
        .unwrap();
    f.clock.set(parse_instant("2025-02-12T09:00:00Z").unwrap());
    let w = f
        .store
        .withdraw_version(
            "Dr Okafor",
            PASSPHRASE,
            "alpha",
            &a1.content_hash,
            "typo in a cue",
        )
        .unwrap();
    assert!(w.affected.is_empty());
    let list = f.store.catalogue().unwrap();
    let row = |v: &ScenarioVersion| {
        list.iter()
            .find(|e| e.scenario_id == v.id && e.content_hash == v.content_hash)
            .unwrap()
            .clone()
    };
    let e = row(&a1);
    assert_eq!(e.status, VersionStatus::Withdrawn);
    assert_eq!(e.approved_by, catalogue::INSTALLATION);
    assert_eq!(e.title, "alpha v1");
    assert_eq!(e.withdrawal_reason.as_deref(), Some("typo in a cue"));
    assert!(e.withdrawn_by.unwrap().starts_with("trainer Dr Okafor ("));
    assert_eq!(
        e.withdrawn_at.map(crate::clock::format_instant).as_deref(),
        Some("2025-02-12T09:00:00Z")
    );
    let e = row(&a2);
    assert_eq!(e.status, VersionStatus::Approved);
    assert!(e.approved_by.starts_with("trainer Dr Okafor ("));
    assert!(e.withdrawn_at.is_none() && e.withdrawal_reason.is_none());
    assert_eq!(row(&b1).status, VersionStatus::Approved);
    // A withdrawn version is never approved again by the installation.
    assert!(f
        .store
        .approve_bundled(std::slice::from_ref(&a1))
        .unwrap()
        .is_empty());
    // Refusals: unknown and unapproved versions, empty and long reasons.
    let refuse = |id: &str, hash: &str, reason: &str| {
        f.store
            .withdraw_version("Dr Okafor", PASSPHRASE, id, hash, reason)
            .unwrap_err()
            .code()
    };
    assert_eq!(refuse("alpha", &a1.content_hash, "again"), "not_allowed");
    assert_eq!(refuse("gamma", &a1.content_hash, "r"), "not_allowed");
    assert_eq!(refuse("beta", &b1.content_hash, ""), "input");
    assert_eq!(refuse("beta", &b1.content_hash, &"x".repeat(2001)), "input");
    assert_eq!(
        f.store
            .recorded_version("gamma", &a1.content_hash)
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        f.store.recorded_version("alpha", &a2.content_hash).unwrap(),
        a2
    );
    // Every step is audited and chained.
    let audit = f.store.audit_log().unwrap();
    let approvals: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "catalogue.approve")
        .collect();
    assert_eq!(approvals.len(), 3);
    assert_eq!(approvals[0].actor, "installation");
    assert_eq!(approvals[0].reason.as_deref(), Some("bundled library"));
    assert_eq!(
        approvals[0].subject,
        format!("scenario alpha version 1.0.1 ({})", a1.content_hash)
    );
    let withdrawals: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "catalogue.withdraw")
        .collect();
    assert_eq!(withdrawals.len(), 1);
    assert_eq!(withdrawals[0].reason.as_deref(), Some("typo in a cue"));
    let v = f.store.verify().unwrap();
    assert!(v.is_ok(), "{:?}", v.tampered());
    let chain = v
        .chains
        .iter()
        .find(|c| c.table == "catalogue_events")
        .unwrap();
    assert_eq!(chain.rows, 4);
    // The view reads the same in plain SQL.
    let outside = Connection::open(&f.path).unwrap();
    let (status, reason): (String, String) = outside
        .query_row(
            "SELECT status, withdrawal_reason FROM catalogue WHERE scenario_id = 'alpha' AND status = 'withdrawn'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("withdrawn", "typo in a cue")
    );
}

#[test]
fn bundled_folders_that_do_not_load_are_reported_and_left_unapproved() {
    let f = fixture("2025-02-10T10:00:00Z");
    let lib = tempfile::tempdir().unwrap();
    let broken = lib.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("scenario.rhai"), "scenario(#{ id: ").unwrap();
    let r = approve_dir(&f.store, lib.path());
    assert!(r.approved.is_empty());
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].0, broken);
    // A missing library folder is reported too, not an error.
    let r = approve_dir(&f.store, &lib.path().join("nowhere"));
    assert_eq!(r.skipped.len(), 1);
    assert!(f.store.catalogue().unwrap().is_empty());
    assert!(f.store.audit_log().unwrap().is_empty());
}

/// Records a passed assessment at `v` completed at `at` straight into the
/// store (every competency competent, the given red flags recognised),
/// sealed like a played one, then brings the ledger up to date: for rules
/// that must not depend on the bundled library's content.
fn seed_pass(f: &Fixture, trainee: Uuid, v: &ScenarioVersion, at: &str, flags: &[&str]) -> Uuid {
    let conn = &f.store.conn;
    let id = Uuid::new_v4();
    conn.execute(
        "INSERT OR IGNORE INTO scenarios (id, content_hash, version, title) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![v.id, v.content_hash, v.version, v.title],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO attempts (id, trainee_id, scenario_id, content_hash, scenario_version, mode, seed,
                               started_at, ended_at, status, passed, ending, chain_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, 'assessment', '1', ?6, ?6, 'completed', 1, 'end',
                 (SELECT COALESCE(MAX(chain_seq), 0) + 1 FROM attempts))",
        rusqlite::params![
            id.to_string(),
            trainee.to_string(),
            v.id,
            v.content_hash,
            v.version,
            at
        ],
    )
    .unwrap();
    chain::seal(conn, &chain::ATTEMPTS, conn.last_insert_rowid()).unwrap();
    let grades = Competency::ALL
        .iter()
        .map(|c| ("competency", c.id(), "competent"))
        .chain(flags.iter().map(|f| ("red_flag", *f, "recognised")));
    for (kind, item, value) in grades {
        conn.execute(
            "INSERT INTO grades (attempt_id, kind, item, value, targeted) VALUES (?1, ?2, ?3, ?4, 1)",
            rusqlite::params![id.to_string(), kind, item, value],
        )
        .unwrap();
        chain::seal(conn, &chain::GRADES, conn.last_insert_rowid()).unwrap();
    }
    certificate::sync(conn, trainee, at).unwrap();
    id
}

/// Four approved versions whose passes meet the default initial rules.
fn seed_certified(f: &Fixture, trainee: Uuid, at: &str) -> (Vec<ScenarioVersion>, Vec<Uuid>) {
    let versions: Vec<_> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| fabricated(id, 1))
        .collect();
    f.store.approve_bundled(&versions).unwrap();
    let flags: [&[&str]; 4] = [&["suicide_risk"], &["severe_decompensation"], &[], &[]];
    let ids = versions
        .iter()
        .zip(flags)
        .map(|(v, fl)| seed_pass(f, trainee, v, at, fl))
        .collect();
    (versions, ids)
}

#[test]
fn withdrawal_and_approval_recompute_certification_whatever_the_library() {
    let f = fixture("2025-02-10T10:00:00Z");
    let t = f.store.add_trainee("Sam Carter", None, None).unwrap();
    let (versions, ids) = seed_certified(&f, t.id, "2025-02-10T10:00:00Z");
    assert_eq!(
        f.store.status(t.id, day("2025-02-10")).unwrap().headline(),
        "certified until 2026-02-10"
    );
    f.store.add_trainer("Dr Okafor", PASSPHRASE).unwrap();
    f.clock.set(parse_instant("2025-03-01T08:00:00Z").unwrap());
    let w = f
        .store
        .withdraw_version(
            "Dr Okafor",
            PASSPHRASE,
            "a",
            &versions[0].content_hash,
            "mis-scored cue",
        )
        .unwrap();
    assert_eq!(w.affected.len(), 1);
    assert_eq!(
        (w.affected[0].trainee, w.affected[0].attempts.as_slice()),
        (t.id, &ids[..1])
    );
    let s = f.store.status(t.id, day("2025-03-01")).unwrap();
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(s.reassessment.len(), 1);
    assert_eq!(s.reassessment[0].attempts, vec![ids[0]]);
    assert!(s.next_action.contains("Re-assess a"), "{}", s.next_action);
    let events: Vec<String> = f
        .store
        .certifications(t.id)
        .unwrap()
        .into_iter()
        .map(|e| e.event.to_string())
        .collect();
    assert_eq!(events, ["granted", "withdrawn"]);
    // A pass at a new approved version of the same scenario re-certifies
    // from its day and settles the re-assessment.
    let a2 = fabricated("a", 2);
    f.clock.set(parse_instant("2025-03-05T10:00:00Z").unwrap());
    f.store
        .approve_version("Dr Okafor", PASSPHRASE, &a2, None)
        .unwrap();
    seed_pass(&f, t.id, &a2, "2025-03-05T10:00:00Z", &["suicide_risk"]);
    let s = f.store.status(t.id, day("2025-03-05")).unwrap();
    assert_eq!(s.headline(), "certified until 2026-03-05");
    assert!(s.reassessment.is_empty());
    assert!(f.store.affected_trainees(None).unwrap()[0].reassessed);
    // A refresher of one scenario twice does not renew; a second scenario does.
    f.clock.set(parse_instant("2026-02-01T10:00:00Z").unwrap());
    seed_pass(
        &f,
        t.id,
        &versions[1],
        "2026-02-01T10:00:00Z",
        &["severe_decompensation"],
    );
    seed_pass(&f, t.id, &versions[1], "2026-02-02T10:00:00Z", &[]);
    let s = f.store.status(t.id, day("2026-02-02")).unwrap();
    assert_eq!(s.headline(), "refresher due");
    assert_eq!(
        s.missing,
        vec![
            crate::certification::Missing::RefresherDistinctScenarios { needed: 2, have: 1 },
            crate::certification::Missing::RefresherContent {
                scenarios: vec![crate::certification::policy::REFRESHER_CONTENT.into()]
            }
        ]
    );
    // The second scenario is the policy's refresher content.
    let content = fabricated(crate::certification::policy::REFRESHER_CONTENT, 1);
    f.store
        .approve_bundled(std::slice::from_ref(&content))
        .unwrap();
    seed_pass(&f, t.id, &content, "2026-02-03T10:00:00Z", &[]);
    assert_eq!(
        f.store.status(t.id, day("2026-02-03")).unwrap().headline(),
        "certified until 2027-03-05"
    );
    let v = f.store.verify().unwrap();
    assert!(v.is_ok(), "{:?}", v.tampered());
}

#[test]
fn a_pass_at_an_unlisted_version_counts_from_its_approval_whatever_the_library() {
    let f = fixture("2025-02-10T10:00:00Z");
    let t = f.store.add_trainee("Sam Carter", None, None).unwrap();
    let versions: Vec<_> = ["a", "b", "c"].iter().map(|id| fabricated(id, 1)).collect();
    f.store.approve_bundled(&versions).unwrap();
    let flags: [&[&str]; 3] = [&["suicide_risk"], &["severe_decompensation"], &[]];
    for (v, fl) in versions.iter().zip(flags) {
        seed_pass(&f, t.id, v, "2025-02-10T10:00:00Z", fl);
    }
    let copy = fabricated("a-copy", 9);
    let copied = seed_pass(&f, t.id, &copy, "2025-02-10T11:00:00Z", &[]);
    let s = f.store.status(t.id, day("2025-02-10")).unwrap();
    assert_eq!(s.standing, Standing::InProgress);
    assert_eq!(s.awaiting_approval.len(), 1);
    assert_eq!(s.awaiting_approval[0].attempts, vec![copied]);
    assert!(f.store.certifications(t.id).unwrap().is_empty());
    assert_eq!(f.store.unlisted_versions().unwrap()[0].passes, 1);
    f.store.add_trainer("Dr Okafor", PASSPHRASE).unwrap();
    f.clock.set(parse_instant("2025-02-12T10:00:00Z").unwrap());
    f.store
        .approve_version("Dr Okafor", PASSPHRASE, &copy, None)
        .unwrap();
    let s = f.store.status(t.id, day("2025-02-12")).unwrap();
    assert_eq!(s.headline(), "certified until 2026-02-10");
    assert!(s.awaiting_approval.is_empty());
    let ledger = f.store.certifications(t.id).unwrap();
    assert_eq!(ledger.len(), 1);
    assert!(ledger[0].basis.contains(&copied));
    assert!(f.store.unlisted_versions().unwrap().is_empty());
}

#[test]
fn first_opens_that_race_all_succeed_and_migrate_once() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("race-{round}/rehearse.db"));
        let barrier = Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (path, barrier) = (path.clone(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path).map(|s| s.schema_version().unwrap())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap().unwrap(), SCHEMA_VERSION);
        }
    }
}

#[cfg(unix)]
#[test]
fn records_are_owner_only_and_synced_in_full() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/rehearse.db");
    let store = Store::open(&path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    let sync: i64 = store
        .conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous = FULL");
}

/// Issue #10: what the chains alone cannot see, the signed checkpoint does.
mod checkpoints {
    use super::*;
    use crate::records::chain;

    fn certified() -> (Fixture, Trainee) {
        let f = fixture("2025-02-10T10:00:00Z");
        let (t, _) = certify(&f);
        f.store.checkpoint("manual").unwrap();
        (f, t)
    }

    #[test]
    fn deleting_the_newest_rows_passes_the_chains_but_not_the_checkpoint() {
        let (f, _) = certified();
        assert!(f.store.verify().unwrap().is_ok());
        f.store
            .conn
            .execute(
                "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
                [],
            )
            .unwrap();
        let v = f.store.verify().unwrap();
        assert!(
            v.chains.iter().all(|c| c.tamper.is_none()),
            "the chains alone do not see it"
        );
        assert!(!v.is_ok());
        let c = v.checkpoint.unwrap();
        assert!(
            c.problems[0].table == "audit"
                && c.problems[0].kind == chain::TamperKind::TruncatedTail,
            "{:?}",
            c.problems
        );
        // No new checkpoint launders it, whether asked for or at the next open.
        assert!(f.store.checkpoint("manual").is_err());
        let again = Store::open_with_clock(f.store.path(), f.store.clock().clone()).unwrap();
        assert!(!again.verify().unwrap().is_ok());
    }

    #[test]
    fn newest_rows_deleted_then_new_ones_written_read_as_a_truncated_tail() {
        let (f, _) = certified();
        f.store
            .conn
            .execute(
                "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
                [],
            )
            .unwrap();
        // Rehearse goes on writing: the audit chain is as long as at the
        // checkpoint again, with another row at its end.
        f.store.add_trainee("Lee", None, None).unwrap();
        let v = f.store.verify().unwrap();
        assert!(v.chains.iter().all(|c| c.tamper.is_none()));
        let c = v.checkpoint.unwrap();
        assert!(
            c.problems
                .iter()
                .any(|p| p.table == "audit" && p.kind == chain::TamperKind::TruncatedTail),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn a_rewritten_and_re_chained_grade_is_found() {
        let (f, _) = certified();
        let conn = &f.store.conn;
        conn.execute("UPDATE grades SET value = 'exemplary' WHERE seq = 1", [])
            .unwrap();
        let rowids: Vec<i64> = conn
            .prepare("SELECT rowid FROM grades ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for id in rowids {
            chain::seal(conn, &chain::GRADES, id).unwrap();
        }
        let v = f.store.verify().unwrap();
        assert!(
            v.chains.iter().all(|c| c.tamper.is_none()),
            "re-chained: the walk passes"
        );
        let c = v.checkpoint.unwrap();
        assert!(
            c.problems
                .iter()
                .any(|p| p.table == "grades" && p.kind == chain::TamperKind::Rechained),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn an_older_copy_put_back_and_an_altered_log_line_are_named() {
        let f = fixture("2025-02-10T10:00:00Z");
        let old = f.store.path().with_file_name("old.db");
        f.store
            .conn
            .execute_batch(&format!("VACUUM INTO '{}'", old.display()))
            .unwrap();
        let (_t, _) = certify(&f);
        f.store.checkpoint("manual").unwrap();
        // Roll back: the older file behind the current log.
        let log = f.store.path().with_file_name(checkpoint::CHECKPOINT_FILE);
        let key = f
            .store
            .path()
            .with_file_name(crate::credential::keys::KEY_FILE);
        let dir = tempfile::tempdir().unwrap();
        let back = dir.path().join("rehearse.db");
        std::fs::copy(&old, &back).unwrap();
        std::fs::copy(&log, dir.path().join(checkpoint::CHECKPOINT_FILE)).unwrap();
        std::fs::copy(&key, dir.path().join(crate::credential::keys::KEY_FILE)).unwrap();
        let rolled = Store::open_with_clock(&back, f.store.clock().clone()).unwrap();
        let c = rolled.verify().unwrap().checkpoint.unwrap();
        assert!(
            c.problems
                .iter()
                .any(|p| p.to_string().contains("older copy")),
            "{:?}",
            c.problems
        );
        // An altered line of the log is named and not trusted.
        let text = std::fs::read_to_string(&log).unwrap();
        std::fs::write(&log, text.replacen("\"rows\":", "\"rows\":1", 1)).unwrap();
        let c = f.store.verify().unwrap().checkpoint.unwrap();
        assert!(
            c.bad_lines
                .iter()
                .any(|l| l.contains("signature does not match") || l.contains("not a checkpoint")),
            "{:?}",
            c.bad_lines
        );
    }

    #[test]
    fn decisions_write_checkpoints_and_a_clean_store_verifies() {
        let (f, _) = certified();
        let (log, _) = f.store.checkpoints().unwrap();
        assert!(
            log.len() >= 2,
            "assessments and the manual one: {}",
            log.len()
        );
        assert!(log.iter().any(|c| c.reason == "assessment"));
        let v = f.store.verify().unwrap();
        assert!(v.is_ok(), "{v:?}");
        assert!(v.checkpoint.unwrap().checkpoint.is_some());
    }
}

/// Issue #10: the tables whose rows change in place are chained through
/// their histories, and every live row is checked against its latest entry.
mod histories {
    use super::*;
    use crate::records::chain::TamperKind;

    /// Every writer of the four live tables, then a checkpoint.
    fn busy() -> (Fixture, Trainee) {
        let f = fixture("2025-02-10T10:00:00Z");
        f.store
            .add_trainer("Dr Okafor", "correct horse battery")
            .unwrap();
        let (t, _) = certify(&f);
        play(
            &f.store,
            t.id,
            "insulin-overdose",
            "free text: an open invitation",
            Mode::Assessment,
        );
        let mut s = Session::start(
            &f.store,
            t.id,
            scenario("insulin-overdose"),
            Mode::Practice,
            3,
            crate::response::english(),
        )
        .unwrap();
        s.respond(&f.store, Input::Choice { index: 1 }).unwrap();
        s.respond(&f.store, Input::Choice { index: 2 }).unwrap();
        s.undo(&f.store).unwrap();
        let mut p = f.store.policy().unwrap();
        p.version = "2025-local".into();
        f.store.set_policy(&p, "test").unwrap();
        f.store
            .set_retention(crate::records::Retention::EraseOnceGraded, "test")
            .unwrap();
        let other = f.store.add_trainee("Lee", None, None).unwrap();
        f.store.erase_trainee(other.id, "test").unwrap();
        f.store.checkpoint("manual").unwrap();
        (f, t)
    }

    fn events(f: &Fixture, table: &str) -> Vec<String> {
        f.store
            .conn
            .prepare(&format!("SELECT event FROM {table} ORDER BY seq"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn finds(f: &Fixture, table: &str, kind: TamperKind) {
        let v = f.store.verify().unwrap();
        let all = v.tampered();
        assert!(
            all.iter().any(|t| t.table == table && t.kind == kind),
            "{table} {kind:?}: {all:?}"
        );
    }

    #[test]
    fn every_writer_appends_to_the_history_and_a_clean_store_verifies() {
        let (f, _) = busy();
        let v = f.store.verify().unwrap();
        assert!(v.is_ok(), "{:?}", v.tampered());
        assert_eq!(events(&f, "trainers_history"), ["added"]);
        let trainees = events(&f, "trainees_history");
        assert_eq!(trainees, ["added", "added", "erased"]);
        let settings = events(&f, "settings_history");
        assert_eq!(settings, ["set", "set"]);
        let turns = events(&f, "turns_history");
        assert!(turns.iter().filter(|e| *e == "played").count() > 10);
        assert_eq!(turns.iter().filter(|e| *e == "undone").count(), 1);
        assert!(turns.contains(&"redacted".to_string()), "{turns:?}");
        // The free text is gone from the turns, and the history only ever
        // held salted digests.
        let said: i64 = f
            .store
            .conn
            .query_row(
                "SELECT count(*) FROM turns WHERE input_kind = 'free_text' AND said IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(said, 0);
        let odd: i64 = f
            .store
            .conn
            .query_row(
                "SELECT count(*) FROM turns_history WHERE state IS NOT NULL AND (length(state) != 64 OR state GLOB '*[^0-9a-f]*')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(odd, 0);
    }

    #[test]
    fn an_edit_of_any_live_row_is_found_and_named() {
        for (table, sql) in [
            ("trainers", "UPDATE trainers SET role = 'accreditation_officer'"),
            ("trainees", "UPDATE trainees SET organisation = 'Elsewhere' WHERE erased_at IS NULL"),
            ("settings", "UPDATE settings SET value = replace(value, 'graded', 'keep') WHERE key = (SELECT key FROM settings WHERE value = 'graded')"),
            ("turns", "UPDATE turns SET choice = choice + 1 WHERE rowid = (SELECT min(rowid) FROM turns WHERE input_kind = 'choice')"),
        ] {
            let (f, _) = busy();
            assert_eq!(f.store.conn.execute(sql, []).unwrap(), 1, "{sql}");
            finds(&f, table, TamperKind::Edited);
        }
    }

    #[test]
    fn a_passphrase_hash_swapped_in_to_sign_in_as_a_trainer_is_found() {
        let (f, _) = busy();
        f.store
            .add_staff("Mallory", "mallory's own words", Role::AccreditationOfficer)
            .unwrap();
        f.store
            .conn
            .execute(
                "UPDATE trainers SET passphrase_hash = (SELECT passphrase_hash FROM trainers WHERE display_name = 'Mallory') WHERE display_name = 'Dr Okafor'",
                [],
            )
            .unwrap();
        // The swap works for signing in...
        f.store
            .authenticate_trainer("Dr Okafor", "mallory's own words")
            .unwrap();
        // ...and verify-db names it.
        finds(&f, "trainers", TamperKind::Edited);
    }

    #[test]
    fn a_deleted_or_added_live_row_is_found_and_named() {
        let (f, _) = busy();
        f.store.conn.execute("DELETE FROM trainers", []).unwrap();
        finds(&f, "trainers", TamperKind::Deleted);
        let (f, _) = busy();
        f.store
            .conn
            .execute(
                "INSERT INTO settings (key, value) VALUES ('policy.extra', 'x')",
                [],
            )
            .unwrap();
        finds(&f, "settings", TamperKind::Inserted);
    }
}

#[test]
fn an_attempt_records_its_language_and_resumes_in_it() {
    let f = fixture("2025-02-10");
    let t = f.store.add_trainee("Lucía", None, None).unwrap();
    let base = scenario("declines-support");
    let es = Arc::new(base.localised("es"));
    let analyser = crate::scenario::translation::analyser_for(&es).unwrap();
    let mut s = Session::start(
        &f.store,
        t.id,
        Arc::clone(&es),
        Mode::Assessment,
        1,
        analyser,
    )
    .unwrap();
    let first = input_for(s.attempt(), "#your_choice").unwrap();
    let ScriptLine::Respond(first) = first else {
        panic!("a choice by id resolves to a response")
    };
    s.respond(&f.store, first).unwrap();
    let view = s.attempt().view();
    drop(s);
    let outside = Connection::open(&f.path).unwrap();
    let (language, title): (String, String) = outside
        .query_row(
            "SELECT a.language, s.title FROM attempts a JOIN scenarios s ON s.id = a.scenario_id AND s.content_hash = a.content_hash",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(language, "es");
    assert_eq!(
        title, base.untranslated.meta.title,
        "the catalogue keeps the script's title"
    );
    let open = f.store.in_progress(t.id).unwrap();
    assert_eq!(open[0].language, "es");
    // Resumed from the untranslated scenario, it is shown in Spanish again.
    let resumed = Session::resume(&f.store, &open[0], base, crate::response::english()).unwrap();
    assert_eq!(resumed.attempt().language(), "es");
    assert_eq!(resumed.attempt().view(), view);
}

/// The ledger rows each trainee would get from recomputing everyone now:
/// none, when the incremental sync already brought them in line.
fn full_sync_adds_nothing(f: &Fixture) {
    let before: i64 = f
        .store
        .conn
        .query_row("SELECT count(*) FROM certifications", [], |r| r.get(0))
        .unwrap();
    let now = f.store.now_text();
    let ids: Vec<String> = {
        let mut stmt = f.store.conn.prepare("SELECT id FROM trainees").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    for id in ids {
        certificate::sync(&f.store.conn, id.parse().unwrap(), &now).unwrap();
    }
    let after: i64 = f
        .store
        .conn
        .query_row("SELECT count(*) FROM certifications", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, before, "a full recompute found ledger rows to add");
}

#[test]
fn a_change_to_one_trainees_evidence_resyncs_that_trainee_only() {
    let f = fixture("2025-02-10T10:00:00Z");
    let sam = f.store.add_trainee("Sam Carter", None, None).unwrap();
    let ada = f.store.add_trainee("Ada Obi", None, None).unwrap();
    let (_, ids) = seed_certified(&f, sam.id, "2025-02-10T10:00:00Z");
    seed_certified(&f, ada.id, "2025-02-10T10:00:00Z");
    // Every write above synced its trainee in its own transaction.
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    // Sam's only suicide-risk recognition goes, outside any sync: the
    // trigger marks Sam stale in the same transaction.
    f.store
        .conn
        .execute(
            "DELETE FROM grades WHERE attempt_id = ?1 AND item = 'suicide_risk'",
            [ids[0].to_string()],
        )
        .unwrap();
    assert_eq!(f.store.sync_certifications().unwrap(), 1);
    let events: Vec<String> = f
        .store
        .certifications(sam.id)
        .unwrap()
        .into_iter()
        .map(|e| e.event.to_string())
        .collect();
    assert_eq!(events, ["granted", "withdrawn"]);
    assert_eq!(f.store.certifications(ada.id).unwrap().len(), 1);
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    full_sync_adds_nothing(&f);
    // A new trainee has never been synced.
    f.store.add_trainee("Lee Park", None, None).unwrap();
    assert_eq!(f.store.sync_certifications().unwrap(), 1);
}

#[test]
fn a_policy_change_resyncs_every_trainee() {
    let f = fixture("2025-02-10T10:00:00Z");
    let sam = f.store.add_trainee("Sam Carter", None, None).unwrap();
    f.store.add_trainee("Ada Obi", None, None).unwrap();
    seed_certified(&f, sam.id, "2025-02-10T10:00:00Z");
    f.store.sync_certifications().unwrap();
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    let mut stricter = crate::certification::Policy {
        version: "trust-stricter-1".into(),
        ..Default::default()
    };
    stricter.initial.distinct_scenarios = 5;
    f.store.set_policy(&stricter, "test").unwrap();
    assert_eq!(f.store.sync_certifications().unwrap(), 2);
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    full_sync_adds_nothing(&f);
}

#[test]
fn a_certificate_that_expires_overnight_shows_wherever_status_is_read() {
    let f = fixture("2025-02-10T10:00:00Z");
    let sam = f.store.add_trainee("Sam Carter", None, None).unwrap();
    seed_certified(&f, sam.id, "2025-02-10T10:00:00Z");
    let granted = f.store.status(sam.id, day("2025-02-10")).unwrap();
    assert_eq!(granted.standing, Standing::Certified);
    let expires = granted.expires_on.unwrap();
    let grace = f.store.policy().unwrap().grace.days;
    // The day after the grace ends: no evidence changed, so nobody is
    // recomputed, yet every reader sees the lapse.
    let lapsed_on = expires + chrono::Days::new(grace as u64 + 1);
    f.clock.set(crate::clock::noon(lapsed_on));
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    full_sync_adds_nothing(&f);
    assert_eq!(
        f.store.status(sam.id, lapsed_on).unwrap().standing,
        Standing::Lapsed
    );
    let mut out = Vec::new();
    let opts = crate::export::Options {
        format: crate::export::Format::Csv,
        filter: crate::export::Filter::default(),
        include_identity: false,
        home_page: "https://trust.example/".into(),
        issuer_name: "Test".into(),
    };
    crate::export::export(&f.store, &opts, None, &mut out, &mut |_, _| {}).unwrap();
    let csv = String::from_utf8(out).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",lapsed,"), "{row}");
    let records = crate::export::records_table(&f.store, &crate::export::Filter::default());
    assert_eq!(records.unwrap()[0].status, "lapsed");
}

#[test]
fn evidence_dated_after_the_last_sync_counts_when_its_day_comes() {
    // The clock stands before the passes' own day (as after a clock fix).
    let f = fixture("2025-02-01T10:00:00Z");
    let sam = f.store.add_trainee("Sam Carter", None, None).unwrap();
    seed_certified(&f, sam.id, "2025-02-10T10:00:00Z");
    // Synced on the passes' day, which is later than the store's: redone
    // for today, when the passes do not count yet.
    assert_eq!(f.store.sync_certifications().unwrap(), 1);
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    full_sync_adds_nothing(&f);
    f.clock.set(parse_instant("2025-02-09T10:00:00Z").unwrap());
    assert_eq!(f.store.sync_certifications().unwrap(), 0);
    // Their day comes: the grant is recorded again.
    f.clock.set(parse_instant("2025-02-10T12:00:00Z").unwrap());
    assert_eq!(f.store.sync_certifications().unwrap(), 1);
    let events: Vec<String> = f
        .store
        .certifications(sam.id)
        .unwrap()
        .into_iter()
        .map(|e| e.event.to_string())
        .collect();
    assert_eq!(events, ["granted", "withdrawn", "granted"]);
    full_sync_adds_nothing(&f);
}

/// The bundled-library approval both front ends run, with a fresh index.
fn approve_dir(store: &Store, dir: &std::path::Path) -> crate::records::BundledApproval {
    crate::bundled::approve(store, &mut crate::library::index::LibraryIndex::new(), dir).unwrap()
}

/// Approving or withdrawing a version finds its trainees through the
/// `attempts_by_version` index, not by reading every attempt: on a large
/// file the scan cost a whole pass over the attempts per version approved.
#[test]
fn a_version_change_looks_up_its_trainees_through_an_index() {
    let f = fixture("2025-02-10");
    let t = f.store.add_trainee("Ana Ruiz", None, None).unwrap();
    play(&f.store, t.id, "insulin-overdose", "", Mode::Assessment);
    let plan: Vec<String> = {
        let mut stmt = f
            .store
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                catalogue::TRAINEES_OF_VERSION
            ))
            .unwrap();
        let rows = stmt
            .query_map(["insulin-overdose", "h"], |r| r.get::<_, String>(3))
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    assert!(
        plan.iter()
            .any(|d| d.contains("SEARCH attempts USING COVERING INDEX attempts_by_version")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|d| d.starts_with("SCAN attempts")),
        "{plan:?}"
    );
}

#[test]
fn certification_events_have_one_written_form_and_a_stranger_is_an_error() {
    use crate::records::CertificationKind;
    for k in [
        CertificationKind::Granted,
        CertificationKind::Renewed,
        CertificationKind::Withdrawn,
    ] {
        assert_eq!(k.id().parse::<CertificationKind>().unwrap(), k);
        assert_eq!(serde_json::to_value(k).unwrap(), k.id());
        assert_eq!(k.to_string(), k.id());
    }
    let err = "revoked".parse::<CertificationKind>().unwrap_err();
    assert!(err.to_string().contains("revoked"), "{err}");
}

#[test]
fn audit_actions_have_distinct_written_forms_and_the_log_stores_them() {
    use crate::records::audit::AuditAction as A;
    use crate::records::CertificationKind as K;
    let all = [
        A::TraineeAdd,
        A::TraineeErase,
        A::TrainerAdd,
        A::AccreditationOfficerAdd,
        A::AccessRefused,
        A::Override,
        A::Certification(K::Granted),
        A::Certification(K::Renewed),
        A::Certification(K::Withdrawn),
        A::SettingsRetention,
        A::SettingsPolicy,
        A::CatalogueApprove,
        A::CatalogueWithdraw,
        A::ObservationRecord,
    ];
    let ids: std::collections::HashSet<&str> = all.iter().map(|a| a.id()).collect();
    assert_eq!(ids.len(), all.len());
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("r.db")).unwrap();
    store.add_trainee("Ana", None, None).unwrap();
    let log = store.audit_log().unwrap();
    assert!(log.iter().any(|e| e.action == A::TraineeAdd), "{log:?}");
}

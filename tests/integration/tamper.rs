//! The tampering suite (issue #10), table-driven: a real records file built
//! by recorded attempts through the real `rehearse` binary, then, for every
//! chained table, a one-byte edit, a row deletion, a truncation of the tail
//! and an edit whose hashes are recomputed with the public algorithm (as an
//! attacker without the key would), each of which `rehearse verify-db` must
//! find and name with its table and kind. Then, for every export format
//! (and a single signed credential), a one-byte edit, a deleted record, a
//! truncation and a recomputed digest, each of which `rehearse verify` must
//! refuse with a reason.
//!
//! The template is built once (reusing the exports fixture, plus a second
//! moderation, a setting and a closing export that checkpoints it all), and
//! every case works on its own copy.

use crate::exports::{self, rehearse, HOME};
use rehearse_core::export::bundle;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A column as the public algorithm covers it.
#[derive(Clone, Copy)]
enum Col {
    Plain(&'static str),
    /// A report, covered with its free text removed.
    Report(&'static str),
}
use Col::{Plain as P, Report as R};

/// A chained table as the attacker knows it from the source: its order
/// column, its covered columns and a text column to edit.
struct Chained {
    table: &'static str,
    order: &'static str,
    columns: &'static [Col],
    edit: &'static str,
}

const HISTORY: &[Col] = &[P("seq"), P("subject"), P("event"), P("state"), P("at")];

const CHAINED: &[Chained] = &[
    Chained {
        table: "attempts",
        order: "chain_seq",
        columns: &[
            P("id"),
            P("trainee_id"),
            P("scenario_id"),
            P("content_hash"),
            P("scenario_version"),
            P("mode"),
            P("seed"),
            P("started_at"),
            P("ended_at"),
            P("status"),
            P("passed"),
            P("ending"),
            R("report"),
            P("chain_seq"),
        ],
        edit: "started_at",
    },
    Chained {
        table: "grades",
        order: "seq",
        columns: &[
            P("seq"),
            P("attempt_id"),
            P("kind"),
            P("item"),
            P("value"),
            P("targeted"),
        ],
        edit: "value",
    },
    Chained {
        table: "overrides",
        order: "seq",
        columns: &[
            P("seq"),
            P("attempt_id"),
            P("kind"),
            P("item"),
            P("before"),
            P("after"),
            P("reason"),
            P("trainer_id"),
            P("at"),
        ],
        edit: "reason",
    },
    Chained {
        table: "certifications",
        order: "seq",
        columns: &[
            P("seq"),
            P("trainee_id"),
            P("event"),
            P("effective_on"),
            P("expires_on"),
            P("policy_version"),
            P("basis"),
            P("recorded_at"),
        ],
        edit: "expires_on",
    },
    Chained {
        table: "audit",
        order: "seq",
        columns: &[
            P("seq"),
            P("at"),
            P("actor"),
            P("action"),
            P("subject"),
            P("before"),
            P("after"),
            P("reason"),
        ],
        edit: "at",
    },
    Chained {
        table: "catalogue_events",
        order: "seq",
        columns: &[
            P("seq"),
            P("scenario_id"),
            P("content_hash"),
            P("version"),
            P("event"),
            P("actor"),
            P("trainer_id"),
            P("at"),
            P("reason"),
        ],
        edit: "version",
    },
    Chained {
        table: "observations",
        order: "seq",
        columns: &[
            P("seq"),
            P("id"),
            P("trainee_id"),
            P("trainer_id"),
            P("partner"),
            P("scenario_id"),
            P("observed_at"),
            P("recorded_at"),
            P("passed"),
        ],
        edit: "observed_at",
    },
    Chained {
        table: "observation_grades",
        order: "seq",
        columns: &[
            P("seq"),
            P("observation_id"),
            P("kind"),
            P("item"),
            P("value"),
        ],
        edit: "value",
    },
    Chained {
        table: "observation_notes",
        order: "seq",
        columns: &[
            P("seq"),
            P("observation_id"),
            P("elapsed_seconds"),
            P("competency"),
            // The words by their salted digest (re-digested by the
            // attacker in a recomputed edit, see `redigest_note`).
            P("note_digest"),
        ],
        edit: "note",
    },
];

/// A table changed in place, with its chained history.
struct Live {
    table: &'static str,
    subject: &'static str,
    columns: &'static [Col],
    edit: &'static str,
}

const LIVE: &[Live] = &[
    Live {
        table: "trainers",
        subject: "id",
        columns: &[
            P("id"),
            P("display_name"),
            P("passphrase_hash"),
            P("created_at"),
            P("role"),
            P("seal_nonce"),
        ],
        edit: "display_name",
    },
    Live {
        table: "trainees",
        subject: "id",
        columns: &[
            P("id"),
            P("display_name"),
            P("email"),
            P("organisation"),
            P("created_at"),
            P("erased_at"),
            P("seal_nonce"),
        ],
        edit: "email",
    },
    Live {
        table: "settings",
        subject: "key",
        columns: &[P("key"), P("value"), P("seal_nonce")],
        edit: "value",
    },
    Live {
        table: "turns",
        subject: "attempt_id || '#' || number",
        columns: &[
            P("attempt_id"),
            P("number"),
            P("input_kind"),
            P("choice"),
            P("said"),
            P("input"),
            P("labels"),
            P("evidence"),
            P("detail"),
            P("created_at"),
            P("seal_nonce"),
        ],
        edit: "labels",
    },
];

// ---- the public algorithm, reimplemented as an attacker would ----

fn sha256(bytes: &[u8]) -> String {
    bundle::digest(bytes).unwrap().0
}

fn encode(out: &mut Vec<u8>, name: &str, v: ValueRef<'_>) {
    out.extend_from_slice(name.as_bytes());
    out.push(b'=');
    match v {
        ValueRef::Null => out.push(b'N'),
        ValueRef::Integer(i) => out.extend_from_slice(format!("I{i}").as_bytes()),
        ValueRef::Real(f) => out.extend_from_slice(format!("R{}", f.to_bits()).as_bytes()),
        ValueRef::Text(t) => {
            out.extend_from_slice(format!("T{}:", t.len()).as_bytes());
            out.extend_from_slice(t);
        }
        ValueRef::Blob(b) => {
            out.extend_from_slice(format!("B{}:", b.len()).as_bytes());
            out.extend_from_slice(b);
        }
    }
    out.push(0x1f);
}

fn report_digest(text: &[u8]) -> String {
    let mut r: rehearse_core::report::Report =
        serde_json::from_slice(text).expect("a stored report");
    rehearse_core::records::retention::redact_report(&mut r);
    format!(
        "report:{}",
        sha256(serde_json::to_string(&r).unwrap().as_bytes())
    )
}

fn content(conn: &Connection, table: &str, columns: &[Col], rowid: i64) -> Vec<u8> {
    let names: Vec<&str> = columns
        .iter()
        .map(|c| match c {
            P(n) | R(n) => *n,
        })
        .collect();
    let sql = format!("SELECT {} FROM {table} WHERE rowid = ?1", names.join(", "));
    conn.query_row(&sql, [rowid], |row| {
        let mut out = Vec::new();
        for (i, c) in columns.iter().enumerate() {
            match (c, row.get_ref(i)?) {
                (R(n), ValueRef::Text(t)) => {
                    encode(&mut out, n, ValueRef::Text(report_digest(t).as_bytes()))
                }
                (P(n) | R(n), v) => encode(&mut out, n, v),
            }
        }
        Ok(out)
    })
    .unwrap()
}

fn link(table: &str, prev: &str, content: &[u8]) -> String {
    let mut m = Vec::new();
    m.extend_from_slice(table.as_bytes());
    m.push(0);
    m.extend_from_slice(prev.as_bytes());
    m.push(0);
    m.extend_from_slice(content);
    sha256(&m)
}

/// Recomputes every hash of a chain from its first row, as Rehearse would
/// have written them over the rows as they now are.
fn rechain(conn: &Connection, table: &str, order: &str, columns: &[Col]) {
    let rows: Vec<i64> = conn
        .prepare(&format!(
            "SELECT rowid FROM {table} WHERE {order} IS NOT NULL ORDER BY {order}"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut prev = GENESIS.to_string();
    for rowid in rows {
        let h = link(table, &prev, &content(conn, table, columns, rowid));
        conn.execute(
            &format!("UPDATE {table} SET prev_hash = ?1, hash = ?2 WHERE rowid = ?3"),
            rusqlite::params![prev, h, rowid],
        )
        .unwrap();
        prev = h;
    }
}

/// An observation note's digest recomputed over its words as they now are,
/// with the nonce its row holds (SHA-256 over a tag, the nonce and the
/// words, encoded as the chains encode columns).
fn redigest_note(conn: &Connection, rowid: i64) {
    let mut m = b"rehearse-note-v1\0".to_vec();
    conn.query_row(
        "SELECT note_nonce, note FROM observation_notes WHERE rowid = ?1",
        [rowid],
        |r| {
            encode(&mut m, "note_nonce", r.get_ref(0)?);
            encode(&mut m, "note", r.get_ref(1)?);
            Ok(())
        },
    )
    .unwrap();
    conn.execute(
        "UPDATE observation_notes SET note_digest = ?1 WHERE rowid = ?2",
        rusqlite::params![sha256(&m), rowid],
    )
    .unwrap();
}

fn live_state(conn: &Connection, l: &Live, rowid: i64) -> String {
    let mut m = b"rehearse-row-v1\0".to_vec();
    m.extend_from_slice(l.table.as_bytes());
    m.push(0);
    m.extend_from_slice(&content(conn, l.table, l.columns, rowid));
    sha256(&m)
}

// ---- the template database ----

struct Template {
    dir: PathBuf,
}

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        let f = exports::fixture();
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Templates of earlier runs more than an hour old go.
        for e in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if old
                && e.file_name()
                    .to_string_lossy()
                    .starts_with("tamper-template-")
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        let dir = tmp.join(format!("tamper-template-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(f.db.parent().unwrap(), &dir);
        let db = dir.join("rehearse.db");
        let ok = |args: &[&str]| {
            let o = rehearse(&db, args);
            assert_eq!(o.code, 0, "{args:?}: {}\n{}", o.stdout, o.stderr);
        };
        // A setting, a second trainer and a second moderation, so every
        // chain has rows to edit, delete from the middle and cut.
        ok(&["retention", "keep"]);
        ok(&["trainer", "add", "Tom Trainer"]);
        let list = rehearse(&db, &["attempts", &f.current, "--json"]).stdout;
        let list: Value = serde_json::from_str(&list).unwrap();
        let attempt = list[1]["attempt"].as_str().unwrap().to_string();
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
                    "Second look at the recording",
                    "--trainer",
                    "Tom Trainer",
                ],
            )
            .code
                == 0
        });
        assert!(moderated);
        // Two observed role-play assessments, each with notes.
        for partner in ["actor", "trainee"] {
            ok(&[
                "observe",
                "record",
                &f.current,
                "--partner",
                partner,
                "--level",
                "open_questions=competent",
                "--level",
                "presence=developing",
                "--red-flag",
                "suicide_risk=recognised",
                "--note",
                "01:10 open_questions: asks what the shift was like",
                "--note",
                "06:40 stays quiet while she cries",
                "--trainer",
                "Tom Trainer",
            ]);
        }
        // The closing export checkpoints every chain as it now is.
        ok(&[
            "export",
            "--format",
            "json",
            "-o",
            dir.join("closing.json").to_str().unwrap(),
        ]);
        assert_eq!(rehearse(&db, &["verify-db"]).code, 0);
        Template { dir }
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    {
        let c = Connection::open(from.join("rehearse.db")).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_file() && !name.ends_with("-wal") && !name.ends_with("-shm") {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A private copy of the template.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&template().dir, dir.path());
    let db = dir.path().join("rehearse.db");
    (dir, db)
}

// ---- the database cases ----

#[derive(Debug, Clone, Copy)]
enum Attack {
    OneByte,
    Delete,
    Truncate,
    Recompute,
}

const ATTACKS: [Attack; 4] = [
    Attack::OneByte,
    Attack::Delete,
    Attack::Truncate,
    Attack::Recompute,
];

/// Flips one byte (the case of a letter, or one digit) of `col` in the row.
fn flip_one_byte(conn: &Connection, table: &str, col: &str, rowid: i64) {
    let v: String = conn
        .query_row(
            &format!("SELECT {col} FROM {table} WHERE rowid = ?1"),
            [rowid],
            |r| r.get(0),
        )
        .unwrap();
    let mut b = v.into_bytes();
    let i = b
        .iter()
        .position(|c| c.is_ascii_alphanumeric())
        .expect("a letter or digit");
    b[i] = if b[i].is_ascii_digit() {
        if b[i] == b'9' {
            b'8'
        } else {
            b[i] + 1
        }
    } else {
        b[i] ^ 0x20
    };
    let n = conn
        .execute(
            &format!("UPDATE {table} SET {col} = ?1 WHERE rowid = ?2"),
            rusqlite::params![String::from_utf8(b).unwrap(), rowid],
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn rowid_at(conn: &Connection, table: &str, order: &str, first: bool) -> i64 {
    conn.query_row(
        &format!(
            "SELECT rowid FROM {table} WHERE {order} IS NOT NULL ORDER BY {order} {} LIMIT 1",
            if first { "ASC" } else { "DESC" }
        ),
        [],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("{table} has rows: {e}"))
}

fn attack_chained(conn: &Connection, c: &Chained, attack: Attack) -> &'static str {
    let first = rowid_at(conn, c.table, c.order, true);
    let sql_del = |rowid: i64| {
        conn.execute(
            &format!("DELETE FROM {} WHERE rowid = ?1", c.table),
            [rowid],
        )
        .unwrap();
    };
    match attack {
        Attack::OneByte => {
            flip_one_byte(conn, c.table, c.edit, first);
            "edited"
        }
        Attack::Delete => {
            sql_del(first);
            "deleted"
        }
        Attack::Truncate => {
            sql_del(rowid_at(conn, c.table, c.order, false));
            "truncated tail"
        }
        Attack::Recompute => {
            flip_one_byte(conn, c.table, c.edit, first);
            if c.table == "observation_notes" {
                redigest_note(conn, first);
            }
            rechain(conn, c.table, c.order, c.columns);
            "re-chained rewrite"
        }
    }
}

/// The chosen live row: the first that has a value in the column to edit.
fn live_row(conn: &Connection, l: &Live) -> (i64, String) {
    conn.query_row(
        &format!(
            "SELECT rowid, {} FROM {} WHERE {} IS NOT NULL AND {} GLOB '*[A-Za-z0-9]*' ORDER BY rowid LIMIT 1",
            l.subject, l.table, l.edit, l.edit
        ),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", l.table))
}

fn attack_live(conn: &Connection, l: &Live, attack: Attack) -> (&'static str, &'static str) {
    let history = format!("{}_history", l.table);
    let (rowid, subject) = live_row(conn, l);
    match attack {
        Attack::OneByte => {
            flip_one_byte(conn, l.table, l.edit, rowid);
            (l.table, "edited")
        }
        Attack::Delete => {
            conn.execute(
                &format!("DELETE FROM {} WHERE rowid = ?1", l.table),
                [rowid],
            )
            .unwrap();
            (l.table, "deleted")
        }
        Attack::Truncate => {
            // Cut the history's newest entry, and the row it sealed, so
            // nothing is left that points at it.
            let (seq, subject): (i64, String) = conn
                .query_row(
                    &format!("SELECT seq, subject FROM {history} ORDER BY seq DESC LIMIT 1"),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            conn.execute(&format!("DELETE FROM {history} WHERE seq = ?1"), [seq])
                .unwrap();
            let still: Option<i64> = conn
                .query_row(
                    &format!("SELECT seq FROM {history} WHERE subject = ?1"),
                    [&subject],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            if still.is_none() {
                conn.execute(
                    &format!("DELETE FROM {} WHERE {} = ?1", l.table, l.subject),
                    [&subject],
                )
                .unwrap();
            }
            (leak(history), "truncated tail")
        }
        Attack::Recompute => {
            // Edit the row, put its new digest into its latest history entry
            // and recompute the history's chain.
            flip_one_byte(conn, l.table, l.edit, rowid);
            let state = live_state(conn, l, rowid);
            conn.execute(
                &format!(
                    "UPDATE {history} SET state = ?1 WHERE seq = (SELECT max(seq) FROM {history} WHERE subject = ?2)"
                ),
                rusqlite::params![state, subject],
            )
            .unwrap();
            rechain(conn, &history, "seq", HISTORY);
            (leak(history), "re-chained rewrite")
        }
    }
}

/// The attacker's own connection: any SQLite tool, foreign keys off.
fn attacker(db: &Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn assert_named(out: &exports::Out, table: &str, kind: &str, case: &str) {
    assert_eq!(out.code, 1, "{case}: verify-db passed:\n{}", out.stdout);
    let named = out
        .stdout
        .lines()
        .any(|l| l.starts_with("MISMATCH  ") && l[10..].starts_with(&format!("{table}: {kind}:")));
    assert!(
        named,
        "{case}: no line names {table} and {kind}:\n{}",
        out.stdout
    );
}

/// One database case: a table (chained, or live with a history) and an attack.
#[derive(Clone, Copy)]
enum Target {
    Chained(&'static Chained),
    Live(&'static Live),
}

/// Runs one case on its own copy; `Err` says what verify-db failed to name.
fn run_case(target: Target, attack: Attack) -> Result<(), String> {
    let (_dir, db) = copy();
    let (table, kind, name) = {
        let conn = attacker(&db);
        match target {
            Target::Chained(c) => (c.table, attack_chained(&conn, c, attack), c.table),
            Target::Live(l) => {
                let (t, k) = attack_live(&conn, l, attack);
                (t, k, l.table)
            }
        }
    };
    let out = rehearse(&db, &["verify-db"]);
    let named = out
        .stdout
        .lines()
        .any(|l| l.starts_with("MISMATCH  ") && l[10..].starts_with(&format!("{table}: {kind}:")));
    if out.code == 1 && named {
        Ok(())
    } else {
        Err(format!(
            "{name} {attack:?}: expected a line naming \"{table}: {kind}:\" (exit {}):\n{}{}",
            out.code, out.stdout, out.stderr
        ))
    }
}

#[test]
fn every_attack_on_every_chained_table_is_named_by_verify_db() {
    let cases: Vec<(Target, Attack)> = CHAINED
        .iter()
        .map(Target::Chained)
        .chain(LIVE.iter().map(Target::Live))
        .flat_map(|t| ATTACKS.map(|a| (t, a)))
        .collect();
    assert_eq!(cases.len(), 52, "13 tables, 4 attacks each");
    template();
    // A few workers: each case is its own copy and its own process.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(&(target, attack)) = cases.get(i) else {
                    break;
                };
                if let Err(e) = run_case(target, attack) {
                    failures.lock().unwrap().push(e);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn an_older_copy_put_back_is_named_as_a_rollback() {
    let (dir, db) = copy();
    let old = tempfile::tempdir().unwrap();
    copy_dir(dir.path(), old.path());
    // More decisions, and a checkpoint over them.
    let ok = |args: &[&str]| {
        let o = rehearse(&db, args);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    };
    ok(&["trainee", "add", "Robin Later"]);
    ok(&["retention", "after:400"]);
    let out = dir.path().join("later.csv");
    ok(&["export", "--format", "csv", "-o", out.to_str().unwrap()]);
    // Put the older database back behind the newer log.
    std::fs::copy(old.path().join("rehearse.db"), &db).unwrap();
    let v = rehearse(&db, &["verify-db"]);
    assert_named(
        &v,
        "trainees_history",
        "rolled back to an older copy",
        "rollback",
    );
    assert_named(
        &v,
        "settings_history",
        "rolled back to an older copy",
        "rollback",
    );
}

// ---- the export cases ----

struct Exported {
    dir: PathBuf,
    files: Vec<(&'static str, PathBuf)>,
    credential: PathBuf,
    profile: PathBuf,
}

/// Every format written to a file (each signed), one credential on its own,
/// and the issuer profile an accreditation body pins: made once, shared by
/// the export tests (each restores what it changes; they change different
/// files).
fn exported() -> &'static Exported {
    static E: OnceLock<Exported> = OnceLock::new();
    E.get_or_init(make_exports)
}

fn make_exports() -> Exported {
    // Under the target's temporary folder (a static is never dropped;
    // template() clears copies more than an hour old).
    let dir = template()
        .dir
        .with_file_name(format!("tamper-exports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&template().dir, &dir);
    let db = dir.join("rehearse.db");
    let mut files = Vec::new();
    for (format, name) in [
        ("csv", "competencies.csv"),
        ("csv-attempts", "attempts.csv"),
        ("json", "records.json"),
        ("xapi", "statements.json"),
        ("ob3", "credentials.json"),
    ] {
        let path = dir.join(name);
        let o = rehearse(
            &db,
            &[
                "export",
                "--format",
                format,
                "--home-page",
                HOME,
                "-o",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(o.code, 0, "{format}: {}", o.stderr);
        assert!(
            bundle::signature_path(&path).is_file(),
            "{format} is signed"
        );
        files.push((format, path));
    }
    let all: Value = serde_json::from_str(&std::fs::read_to_string(&files[4].1).unwrap()).unwrap();
    let credential = dir.join("one-credential.json");
    std::fs::write(&credential, serde_json::to_string_pretty(&all[0]).unwrap()).unwrap();
    let profile = dir.join("issuer.json");
    let o = rehearse(&db, &["keys", "export", "-o", profile.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    Exported {
        dir,
        files,
        credential,
        profile,
    }
}

fn verify(e: &Exported, file: &Path) -> exports::Out {
    // The verifier is not the installation: no --db it could read.
    rehearse(
        &e.dir.join("elsewhere/rehearse.db"),
        &[
            "verify",
            file.to_str().unwrap(),
            "--issuer",
            e.profile.to_str().unwrap(),
        ],
    )
}

/// Removes one record: a CSV line, or an element of the file's array.
fn delete_record(format: &str, bytes: &[u8]) -> Vec<u8> {
    match format {
        "csv" | "csv-attempts" => {
            let text = String::from_utf8(bytes.to_vec()).unwrap();
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            assert!(lines.len() > 2);
            lines.remove(1);
            lines.concat().into_bytes()
        }
        _ => {
            let mut v: Value = serde_json::from_slice(bytes).unwrap();
            let list = match &mut v {
                Value::Array(a) => a,
                Value::Object(o) => o
                    .get_mut("trainees")
                    .and_then(Value::as_array_mut)
                    .expect("a JSON export lists trainees"),
                _ => panic!("{format}: unexpected shape"),
            };
            assert!(list.len() > 1, "{format}: more than one record");
            list.remove(0);
            serde_json::to_vec_pretty(&v).unwrap()
        }
    }
}

fn one_byte(bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let i = b.len() / 2
        + b[b.len() / 2..]
            .iter()
            .position(|c| c.is_ascii_alphanumeric())
            .unwrap();
    b[i] = if b[i].is_ascii_digit() {
        if b[i] == b'9' {
            b'8'
        } else {
            b[i] + 1
        }
    } else {
        b[i] ^ 0x20
    };
    b
}

#[test]
fn every_attack_on_every_export_format_is_refused_by_verify_with_a_reason() {
    let e = exported();
    for (format, path) in &e.files {
        let ok = verify(e, path);
        // The ob3 file also holds a genuinely expired credential, which
        // verify names on its own while the bundle itself is valid.
        let only_expired = ok.stdout.matches("INVALID: ").count()
            == ok
                .stdout
                .matches("INVALID: the credential has expired")
                .count();
        assert!(
            ok.code == 0 || (*format == "ob3" && only_expired),
            "{format}: {}{}",
            ok.stdout,
            ok.stderr
        );
        assert!(ok.stdout.contains("signed export VALID"), "{}", ok.stdout);
        assert!(
            ok.stdout.contains("ok  checkpoint: signed by the same key"),
            "{}",
            ok.stdout
        );
        let original = std::fs::read(path).unwrap();
        let sig_path = bundle::signature_path(path);
        let sig_text = std::fs::read_to_string(&sig_path).unwrap();
        let cases: [(&str, Vec<u8>, &str); 4] = [
            (
                "one byte",
                one_byte(&original),
                "changed after it was signed",
            ),
            (
                "a record deleted",
                delete_record(format, &original),
                "changed after it was signed",
            ),
            (
                "truncated",
                original[..original.len() / 2].to_vec(),
                "changed after it was signed",
            ),
            (
                "digest recomputed",
                one_byte(&original),
                "altered or signed by another key",
            ),
        ];
        for (case, bytes, reason) in cases {
            std::fs::write(path, &bytes).unwrap();
            if case == "digest recomputed" {
                // The attacker fixes the digest and length in the signature
                // file to match the changed bytes.
                let mut sig: Value = serde_json::from_str(&sig_text).unwrap();
                let (sha, n) = bundle::digest(&bytes[..]).unwrap();
                sig["file_sha256"] = sha.into();
                sig["file_bytes"] = n.into();
                std::fs::write(&sig_path, serde_json::to_string(&sig).unwrap()).unwrap();
            }
            let o = verify(e, path);
            assert_ne!(o.code, 0, "{format} {case}: verify passed\n{}", o.stdout);
            assert!(
                o.stderr.contains(reason),
                "{format} {case}: expected \"{reason}\":\n{}{}",
                o.stdout,
                o.stderr
            );
            std::fs::write(path, &original).unwrap();
            std::fs::write(&sig_path, &sig_text).unwrap();
        }
        // An attacker without the key re-signs the changed file, and a
        // checkpoint over the same heads, with a key of their own: refused
        // against the pinned issuer.
        let changed = one_byte(&original);
        std::fs::write(path, &changed).unwrap();
        let theirs = rehearse_core::credential::IssuerKey::from_seed([7; 32]);
        let sig: Value = serde_json::from_str(&sig_text).unwrap();
        let mut cp: rehearse_core::records::checkpoint::Checkpoint =
            serde_json::from_value(sig["checkpoint"].clone()).unwrap();
        cp.verification_method = theirs.verification_method();
        cp.signature = theirs.sign_multibase(cp.message().as_bytes());
        let (sha, n) = bundle::digest(&changed[..]).unwrap();
        let forged = bundle::sign(
            &theirs,
            &sha,
            n,
            format,
            sig["chain_head"].as_str().unwrap(),
            sig["created"].as_str().unwrap(),
            &cp,
        );
        std::fs::write(&sig_path, serde_json::to_string(&forged).unwrap()).unwrap();
        let o = verify(e, path);
        assert_ne!(o.code, 0, "{format} re-signed: verify passed\n{}", o.stdout);
        assert!(
            o.stderr.contains("signed by an issuer you have not pinned"),
            "{format} re-signed: {}",
            o.stderr
        );
        std::fs::write(path, &original).unwrap();
        std::fs::write(&sig_path, &sig_text).unwrap();

        // The checkpoint the bundle carries: edited, it fails its own
        // signature.
        let mut sig: Value = serde_json::from_str(&sig_text).unwrap();
        sig["checkpoint"]["heads"]["grades"]["rows"] = 1.into();
        std::fs::write(&sig_path, serde_json::to_string(&sig).unwrap()).unwrap();
        let o = verify(e, path);
        assert_ne!(o.code, 0);
        assert!(o.stderr.contains("checkpoint"), "{format}: {}", o.stderr);
        std::fs::write(&sig_path, &sig_text).unwrap();
    }
}

#[test]
fn every_attack_on_a_signed_credential_is_refused_by_verify_with_a_reason() {
    let e = exported();
    let ok = verify(e, &e.credential);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    let original = std::fs::read(&e.credential).unwrap();
    let cred: Value = serde_json::from_slice(&original).unwrap();
    let mut subject_changed = cred.clone();
    subject_changed["credentialSubject"]["id"] =
        "urn:uuid:00000000-0000-4000-8000-000000000000".into();
    // An attacker without the key re-signs the changed credential with a
    // key of their own, by the public algorithm.
    let theirs = rehearse_core::credential::IssuerKey::from_seed([7; 32]);
    let resigned =
        rehearse_core::credential::proof::sign(&subject_changed, &theirs, chrono::Utc::now());
    let mut without_name = cred.clone();
    without_name.as_object_mut().unwrap().remove("name");
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("one byte", {
            let text = String::from_utf8(original.clone()).unwrap();
            let id = cred["credentialSubject"]["id"].as_str().unwrap();
            let changed = one_byte(id.as_bytes());
            text.replacen(id, std::str::from_utf8(&changed).unwrap(), 1)
                .into_bytes()
        }),
        (
            "a field deleted",
            serde_json::to_vec_pretty(&without_name).unwrap(),
        ),
        ("truncated", original[..original.len() / 2].to_vec()),
    ];
    match resigned {
        Ok(c) => cases.push((
            "re-signed by another key",
            serde_json::to_vec_pretty(&c).unwrap(),
        )),
        Err(err) => panic!("re-signing with the public algorithm: {err}"),
    }
    for (case, bytes) in cases {
        std::fs::write(&e.credential, &bytes).unwrap();
        let o = verify(e, &e.credential);
        assert_ne!(o.code, 0, "{case}: verify passed\n{}", o.stdout);
        let why = format!("{}{}", o.stdout, o.stderr);
        assert!(
            why.contains("INVALID: ") || why.contains("not JSON"),
            "{case}: no reason given:\n{why}"
        );
    }
}

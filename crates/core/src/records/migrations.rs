//! The records schema as forward-only migrations embedded in the binary.
//!
//! The schema version is SQLite's `PRAGMA user_version`. Opening a database
//! applies the migrations it lacks, each in its own transaction, after
//! copying the file to a backup next to itself; a database whose version is
//! newer than [`SCHEMA_VERSION`] is refused untouched.

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step brings the database to (1, 2, …).
    pub version: i64,
    /// What it changes, in words.
    pub description: &'static str,
    /// The SQL, run in one transaction.
    pub sql: &'static str,
}

/// Every migration, in order. Never edit a released step: add a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "trainees, trainers, scenarios, attempts, turns, grades, overrides, certifications, audit",
        sql: r#"
CREATE TABLE trainees (
    id TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT,
    organisation TEXT,
    created_at TEXT NOT NULL,
    erased_at TEXT
) STRICT;
CREATE TABLE trainers (
    id TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    passphrase_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE scenarios (
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (id, content_hash)
) STRICT;
CREATE TABLE attempts (
    id TEXT PRIMARY KEY NOT NULL,
    trainee_id TEXT NOT NULL REFERENCES trainees(id),
    scenario_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    scenario_version TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
    seed TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    passed INTEGER,
    ending TEXT,
    report TEXT,
    chain_seq INTEGER UNIQUE,
    prev_hash TEXT,
    hash TEXT,
    FOREIGN KEY (scenario_id, content_hash) REFERENCES scenarios(id, content_hash)
) STRICT;
CREATE INDEX attempts_by_trainee ON attempts(trainee_id, started_at);
CREATE TABLE turns (
    attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    input_kind TEXT NOT NULL CHECK (input_kind IN ('choice', 'free_text', 'silence')),
    choice INTEGER,
    said TEXT,
    input TEXT NOT NULL,
    labels TEXT NOT NULL,
    evidence TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, number)
) STRICT;
CREATE TABLE grades (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id TEXT NOT NULL REFERENCES attempts(id),
    kind TEXT NOT NULL CHECK (kind IN ('competency', 'red_flag')),
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    targeted INTEGER NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    UNIQUE (attempt_id, kind, item)
) STRICT;
CREATE TABLE overrides (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id TEXT NOT NULL REFERENCES attempts(id),
    kind TEXT NOT NULL CHECK (kind IN ('competency', 'red_flag')),
    item TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    reason TEXT NOT NULL,
    trainer_id TEXT NOT NULL REFERENCES trainers(id),
    at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE TABLE certifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee_id TEXT NOT NULL REFERENCES trainees(id),
    event TEXT NOT NULL CHECK (event IN ('granted', 'renewed', 'withdrawn')),
    effective_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    basis TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reason TEXT,
    prev_hash TEXT,
    hash TEXT
) STRICT;
"#,
    },
    Migration {
        version: 2,
        description: "settings (transcript retention, certification policy) and transcript erasure marks",
        sql: r#"
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
ALTER TABLE attempts ADD COLUMN transcript_erased_at TEXT;
"#,
    },
    Migration {
        version: 3,
        description: "staff roles: the trainers table holds trainers and accreditation officers",
        sql: r#"
ALTER TABLE trainers ADD COLUMN role TEXT NOT NULL DEFAULT 'trainer'
    CHECK (role IN ('trainer', 'accreditation_officer'));
"#,
    },
    Migration {
        version: 4,
        description: "scenario catalogue: approved and withdrawn scenario versions (chained), and the catalogue view",
        sql: r#"
CREATE TABLE catalogue_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('approved', 'withdrawn')),
    actor TEXT NOT NULL,
    trainer_id TEXT REFERENCES trainers(id),
    at TEXT NOT NULL,
    reason TEXT,
    prev_hash TEXT,
    hash TEXT,
    FOREIGN KEY (scenario_id, content_hash) REFERENCES scenarios(id, content_hash)
) STRICT;
CREATE INDEX catalogue_events_by_version ON catalogue_events(scenario_id, content_hash, seq);
CREATE VIEW catalogue AS
SELECT e.scenario_id AS scenario_id,
       e.content_hash AS content_hash,
       e.version AS version,
       s.title AS title,
       e.event AS status,
       a.actor AS approved_by,
       a.at AS approved_at,
       CASE WHEN e.event = 'withdrawn' THEN e.actor END AS withdrawn_by,
       CASE WHEN e.event = 'withdrawn' THEN e.at END AS withdrawn_at,
       CASE WHEN e.event = 'withdrawn' THEN e.reason END AS withdrawal_reason
FROM catalogue_events e
JOIN scenarios s ON s.id = e.scenario_id AND s.content_hash = e.content_hash
JOIN catalogue_events a ON a.seq = (
    SELECT max(x.seq) FROM catalogue_events x
    WHERE x.scenario_id = e.scenario_id AND x.content_hash = e.content_hash AND x.event = 'approved')
WHERE e.seq = (
    SELECT max(y.seq) FROM catalogue_events y
    WHERE y.scenario_id = e.scenario_id AND y.content_hash = e.content_hash);
"#,
    },
    Migration {
        version: 5,
        description: "chained histories of trainers, trainees, settings and turns (rows already there are sealed as they are)",
        sql: r#"
CREATE TABLE trainers_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT,
    at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE INDEX trainers_history_by_subject ON trainers_history(subject, seq);
ALTER TABLE trainers ADD COLUMN seal_nonce TEXT;
CREATE TABLE trainees_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT,
    at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE INDEX trainees_history_by_subject ON trainees_history(subject, seq);
ALTER TABLE trainees ADD COLUMN seal_nonce TEXT;
CREATE TABLE settings_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT,
    at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE INDEX settings_history_by_subject ON settings_history(subject, seq);
ALTER TABLE settings ADD COLUMN seal_nonce TEXT;
CREATE TABLE turns_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT,
    at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE INDEX turns_history_by_subject ON turns_history(subject, seq);
ALTER TABLE turns ADD COLUMN seal_nonce TEXT;
"#,
    },
    Migration {
        version: 6,
        description: "observed role-play: a trainer's observed assessments, their grades and timestamped notes (each chained; a note's words by a salted digest, so erasure can remove them)",
        sql: r#"
CREATE TABLE observations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    trainee_id TEXT NOT NULL REFERENCES trainees(id),
    trainer_id TEXT NOT NULL REFERENCES trainers(id),
    partner TEXT NOT NULL CHECK (partner IN ('trainee', 'actor')),
    scenario_id TEXT,
    observed_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE INDEX observations_by_trainee ON observations(trainee_id, observed_at);
CREATE TABLE observation_grades (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    observation_id TEXT NOT NULL REFERENCES observations(id),
    kind TEXT NOT NULL CHECK (kind IN ('competency', 'red_flag')),
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    UNIQUE (observation_id, kind, item)
) STRICT;
CREATE TABLE observation_notes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    observation_id TEXT NOT NULL REFERENCES observations(id),
    elapsed_seconds INTEGER NOT NULL CHECK (elapsed_seconds >= 0),
    competency TEXT,
    note TEXT,
    note_nonce TEXT,
    note_digest TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
) STRICT;
CREATE INDEX observation_notes_by_observation ON observation_notes(observation_id, seq);
"#,
    },
    Migration {
        version: 7,
        description: "the language each attempt was shown in (a scenario's translation or its own language); earlier attempts were all in English",
        sql: r#"
ALTER TABLE attempts ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
"#,
    },
    Migration {
        version: 8,
        description: "indexes for a trainee's status, dashboard and the records table: grades and overrides by attempt, certifications by trainee (without them each attempt's grades were a scan of every grade)",
        sql: r#"
CREATE INDEX IF NOT EXISTS grades_by_attempt ON grades(attempt_id);
CREATE INDEX IF NOT EXISTS overrides_by_attempt ON overrides(attempt_id, seq);
CREATE INDEX IF NOT EXISTS certifications_by_trainee ON certifications(trainee_id, seq);
"#,
    },
    Migration {
        version: 9,
        description: "certification syncs: the day each trainee's certification ledger was last brought in line, cleared by triggers in the same transaction as any change to their evidence or to the policy, so a sync recomputes only those (every trainee once after this step)",
        sql: r#"
CREATE TABLE certification_syncs (
    trainee_id TEXT PRIMARY KEY NOT NULL,
    synced_on TEXT NOT NULL,
    due_on TEXT
) STRICT;
CREATE INDEX certification_syncs_by_due ON certification_syncs(due_on) WHERE due_on IS NOT NULL;
CREATE TRIGGER certification_stale_on_attempt_insert AFTER INSERT ON attempts BEGIN
    DELETE FROM certification_syncs WHERE trainee_id = NEW.trainee_id;
END;
CREATE TRIGGER certification_stale_on_attempt_update
AFTER UPDATE OF trainee_id, scenario_id, content_hash, mode, started_at, ended_at, status, passed ON attempts BEGIN
    DELETE FROM certification_syncs WHERE trainee_id IN (OLD.trainee_id, NEW.trainee_id);
END;
CREATE TRIGGER certification_stale_on_attempt_delete AFTER DELETE ON attempts BEGIN
    DELETE FROM certification_syncs WHERE trainee_id = OLD.trainee_id;
END;
CREATE TRIGGER certification_stale_on_grade_insert AFTER INSERT ON grades BEGIN
    DELETE FROM certification_syncs
    WHERE trainee_id = (SELECT trainee_id FROM attempts WHERE id = NEW.attempt_id);
END;
CREATE TRIGGER certification_stale_on_grade_update AFTER UPDATE ON grades BEGIN
    DELETE FROM certification_syncs WHERE trainee_id IN
        (SELECT trainee_id FROM attempts WHERE id IN (OLD.attempt_id, NEW.attempt_id));
END;
CREATE TRIGGER certification_stale_on_grade_delete AFTER DELETE ON grades BEGIN
    DELETE FROM certification_syncs
    WHERE trainee_id = (SELECT trainee_id FROM attempts WHERE id = OLD.attempt_id);
END;
CREATE TRIGGER certification_stale_on_override_insert AFTER INSERT ON overrides BEGIN
    DELETE FROM certification_syncs
    WHERE trainee_id = (SELECT trainee_id FROM attempts WHERE id = NEW.attempt_id);
END;
CREATE TRIGGER certification_stale_on_override_update AFTER UPDATE ON overrides BEGIN
    DELETE FROM certification_syncs WHERE trainee_id IN
        (SELECT trainee_id FROM attempts WHERE id IN (OLD.attempt_id, NEW.attempt_id));
END;
CREATE TRIGGER certification_stale_on_override_delete AFTER DELETE ON overrides BEGIN
    DELETE FROM certification_syncs
    WHERE trainee_id = (SELECT trainee_id FROM attempts WHERE id = OLD.attempt_id);
END;
CREATE TRIGGER certification_stale_on_observation_insert AFTER INSERT ON observations BEGIN
    DELETE FROM certification_syncs WHERE trainee_id = NEW.trainee_id;
END;
CREATE TRIGGER certification_stale_on_observation_update AFTER UPDATE ON observations BEGIN
    DELETE FROM certification_syncs WHERE trainee_id IN (OLD.trainee_id, NEW.trainee_id);
END;
CREATE TRIGGER certification_stale_on_observation_delete AFTER DELETE ON observations BEGIN
    DELETE FROM certification_syncs WHERE trainee_id = OLD.trainee_id;
END;
CREATE TRIGGER certification_stale_on_observation_grade AFTER INSERT ON observation_grades BEGIN
    DELETE FROM certification_syncs
    WHERE trainee_id = (SELECT trainee_id FROM observations WHERE id = NEW.observation_id);
END;
CREATE TRIGGER certification_stale_on_policy_insert AFTER INSERT ON settings
WHEN NEW.key = 'certification_policy' BEGIN
    DELETE FROM certification_syncs;
END;
CREATE TRIGGER certification_stale_on_policy_update AFTER UPDATE OF key, value ON settings
WHEN NEW.key = 'certification_policy' OR OLD.key = 'certification_policy' BEGIN
    DELETE FROM certification_syncs;
END;
"#,
    },
    Migration {
        version: 10,
        description: "grade scores: each competency grade keeps the engine's score beside its level, so an export reads it without parsing the stored report (backfilled from the reports already stored); a grade's score changing leaves the certification ledger current",
        sql: r#"
ALTER TABLE grades ADD COLUMN score REAL;
DROP TRIGGER certification_stale_on_grade_update;
CREATE TRIGGER certification_stale_on_grade_update
AFTER UPDATE OF attempt_id, kind, item, value, targeted ON grades BEGIN
    DELETE FROM certification_syncs WHERE trainee_id IN
        (SELECT trainee_id FROM attempts WHERE id IN (OLD.attempt_id, NEW.attempt_id));
END;
UPDATE grades SET score = s.score
FROM (SELECT a.id AS attempt_id, json_extract(c.value, '$.competency') AS item,
             json_extract(c.value, '$.score') AS score
        FROM attempts a, json_each(a.report, '$.competencies') c
       WHERE a.report IS NOT NULL) s
WHERE grades.kind = 'competency' AND grades.attempt_id = s.attempt_id AND grades.item = s.item;
"#,
    },
    Migration {
        version: 11,
        description: "attempts by scenario version: approving or withdrawing a version finds the trainees who attempted it through an index instead of reading every attempt (a first run that approved the bundled library read a 1,000,000-attempt file once per new version)",
        sql: r#"
CREATE INDEX attempts_by_version ON attempts(scenario_id, content_hash, trainee_id);
"#,
    },
];

/// The migration that indexes attempts by scenario version, so a catalogue
/// approval or withdrawal looks up the trainees it affects.
pub const VERSION_INDEX_VERSION: i64 = 11;

/// The migration that stores each competency grade's engine score
/// (`grades.score`), read by the exports instead of the stored report.
pub const GRADE_SCORE_VERSION: i64 = 10;

/// The migration that adds the certification syncs
/// ([`super::certificate`]): which trainees' ledgers are current.
pub const CERTIFICATION_SYNC_VERSION: i64 = 9;

/// The migration that adds the histories of the tables changed in place
/// ([`super::ledger`]): the rows a database already holds are sealed as
/// they are, in the same transaction (event `baseline`).
pub const LEDGER_VERSION: i64 = 5;

/// The migration that adds the scenario catalogue: a database upgraded
/// from before it has the versions it already assessed approved (actor
/// `migration`) when it is opened.
pub const CATALOGUE_VERSION: i64 = 4;

/// The migration that adds observed role-play ([`super::observation`]).
pub const OBSERVATION_VERSION: i64 = 6;

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Checks the migration list itself: versions run 1, 2, … without gaps, and
/// every step applies cleanly on top of the previous ones with no foreign-key
/// problem.
pub fn validate() -> Result<()> {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        if m.version != i as i64 + 1 {
            return Err(Error::Database(format!(
                "migration {} has version {}, expected {}",
                i + 1,
                m.version,
                i + 1
            )));
        }
    }
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", true)?;
    apply(&mut conn, 0, SCHEMA_VERSION, "1970-01-01T00:00:00Z")?;
    let problems: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    if problems != 0 {
        return Err(Error::Database(format!(
            "{problems} foreign-key problem(s) after migrating"
        )));
    }
    let v = user_version(&conn)?;
    if v != SCHEMA_VERSION {
        return Err(Error::Database(format!(
            "migrated to {v}, expected {SCHEMA_VERSION}"
        )));
    }
    Ok(())
}

/// The schema version recorded in the file.
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies migrations `from+1 ..= to`, each in its own transaction; `now`
/// stamps the rows a migration seals.
pub(crate) fn apply(conn: &mut Connection, from: i64, to: i64, now: &str) -> Result<()> {
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > from && m.version <= to)
    {
        // IMMEDIATE takes the write lock first, so two first opens of the
        // same file cannot both run a migration: the second waits, sees the
        // version the first reached, and skips it.
        let tx = rusqlite::Transaction::new(conn, rusqlite::TransactionBehavior::Immediate)?;
        if user_version(&tx)? >= m.version {
            continue;
        }
        tx.execute_batch(m.sql).map_err(|e| {
            Error::Database(format!(
                "migration {} ({}) failed: {e}",
                m.version, m.description
            ))
        })?;
        if m.version == LEDGER_VERSION {
            super::ledger::baseline(&tx, now)?;
        }
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}

/// Brings the database at `path` up to [`SCHEMA_VERSION`]: refuses a newer
/// one, backs the file up next to itself when there is something to migrate,
/// then applies the missing steps. Returns the backup's path, if one was made.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, now: &str) -> Result<Option<PathBuf>> {
    // Read the version and the tables under the write lock, as one snapshot:
    // another process opening the same new file may be migrating it.
    let (found, tables) = {
        let tx = rusqlite::Transaction::new(conn, rusqlite::TransactionBehavior::Immediate)?;
        let found = user_version(&tx)?;
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        tx.commit()?;
        (found, tables)
    };
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found < 0 {
        return Err(Error::Database(format!(
            "{}: schema version {found} is not valid; this is not a Rehearse records database",
            path.display()
        )));
    }
    if found == SCHEMA_VERSION {
        return Ok(None);
    }
    if found == 0 && tables > 0 {
        return Err(Error::Database(format!(
            "{}: this SQLite file holds other tables and is not a Rehearse records database; choose another file with --db",
            path.display()
        )));
    }
    let backup = if found > 0 {
        Some(backup(conn, path, found)?)
    } else {
        None
    };
    apply(conn, found, SCHEMA_VERSION, now)?;
    Ok(backup)
}

/// A consistent copy of the database next to it: `NAME.v{version}.bak`
/// (`NAME.v{version}.bak.2`, … when that exists already).
fn backup(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rehearse.db".into());
    let base = path.with_file_name(format!("{name}.v{version}.bak"));
    let mut target = base.clone();
    let mut n = 2;
    while target.exists() {
        target = PathBuf::from(format!("{}.{n}", base.display()));
        n += 1;
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])
        .map_err(|e| {
            Error::Database(format!(
                "could not back up {} to {} before migrating: {e}",
                path.display(),
                target.display()
            ))
        })?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        validate().unwrap();
        assert_eq!(SCHEMA_VERSION, 11);
    }

    /// A grade written before `grades.score` existed gets its score from the
    /// stored report, and filling it in leaves the trainee's certification
    /// sync in place (only a change to the grade itself clears it).
    #[test]
    fn the_grade_score_migration_backfills_from_the_report() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        apply(
            &mut conn,
            0,
            GRADE_SCORE_VERSION - 1,
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        conn.execute_batch(
            r#"
INSERT INTO trainees (id, display_name, created_at) VALUES ('t1', 'Ana', '2026-01-01T00:00:00Z');
INSERT INTO scenarios (id, content_hash, version, title) VALUES ('s', 'h', '1.0.0', 'S');
INSERT INTO attempts (id, trainee_id, scenario_id, content_hash, scenario_version, mode, seed,
                      started_at, ended_at, status, passed, report)
VALUES ('a1', 't1', 's', 'h', '1.0.0', 'practice', '7', '2026-01-01T09:00:00Z',
        '2026-01-01T09:10:00Z', 'completed', 1,
        '{"competencies":[{"competency":"open_questions","score":0.6666666666666666},
                          {"competency":"safety_check","score":null}]}');
INSERT INTO grades (attempt_id, kind, item, value, targeted) VALUES
    ('a1', 'competency', 'open_questions', 'proficient', 1),
    ('a1', 'competency', 'safety_check', 'not_observed', 0),
    ('a1', 'red_flag', 'suicide_risk', 'missed', 1);
INSERT INTO certification_syncs (trainee_id, synced_on) VALUES ('t1', '2026-01-01');
"#,
        )
        .unwrap();
        apply(
            &mut conn,
            GRADE_SCORE_VERSION - 1,
            GRADE_SCORE_VERSION,
            "2026-01-02T00:00:00Z",
        )
        .unwrap();
        let score = |kind: &str, item: &str| -> Option<f64> {
            conn.query_row(
                "SELECT score FROM grades WHERE attempt_id = 'a1' AND kind = ?1 AND item = ?2",
                [kind, item],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(
            score("competency", "open_questions"),
            Some(0.6666666666666666)
        );
        assert_eq!(score("competency", "safety_check"), None);
        assert_eq!(score("red_flag", "suicide_risk"), None);
        let syncs = |conn: &Connection| -> i64 {
            conn.query_row("SELECT count(*) FROM certification_syncs", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(syncs(&conn), 1);
        conn.execute(
            "UPDATE grades SET score = 0.5 WHERE item = 'safety_check'",
            [],
        )
        .unwrap();
        assert_eq!(syncs(&conn), 1);
        conn.execute(
            "UPDATE grades SET value = 'developing' WHERE item = 'safety_check'",
            [],
        )
        .unwrap();
        assert_eq!(syncs(&conn), 0);
    }

    #[test]
    fn the_catalogue_migration_is_the_one_named() {
        let m = &MIGRATIONS[CATALOGUE_VERSION as usize - 1];
        assert_eq!(m.version, CATALOGUE_VERSION);
        assert!(m.sql.contains("CREATE TABLE catalogue_events"));
    }
}

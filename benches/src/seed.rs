//! The suite's shared records: a seeded generator of a real records
//! database (the current schema, made by [`Store::open`]) holding trainees in
//! organisations and their completed assessment attempts.
//!
//! How it is made, in two steps:
//! 1. **Templates through the real record APIs.** One template trainee plays
//!    a few bundled scenarios through [`Session`] (so each report, its grades
//!    and their chain seals are exactly what the app writes), and a trainer
//!    moderates one of them through [`Store::moderate`].
//! 2. **Clones by bulk SQL.** `INSERT … SELECT` over a recursive counter
//!    copies the templates to `trainees × attempts_per_trainee` attempts of
//!    generated trainees, with their grades (and, for one attempt in 1,000,
//!    the template's override), spread over 2025 and 2026. Then
//!    [`Store::sync_certifications`] writes the certifications as the app
//!    computes them.
//!
//! A clone's report is its template's without the turns and model responses
//! (exports never read them; a full report is about 19 KB, which would make
//! 1,000,000 attempts a 19 GB file). Cloned rows are not chain-sealed one by one (their hash columns are
//! NULL), so the data is for measuring, not for `verify-db`.

use crate::{Context, Error};
use rehearse_core::attempt::{Input, Mode};
use rehearse_core::records::session::Session;
use rehearse_core::records::{OverrideTarget, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

/// Bumped whenever the generated content changes, so old files are not reused.
const GENERATOR_VERSION: u32 = 5;

/// The records' "now": templates are played and certifications synced at
/// this instant. Run `rehearse` on the data with `REHEARSE_NOW` set to it, so
/// an export's own certification sync finds nothing to change.
pub const NOW: &str = "2026-07-01T12:00:00Z";

fn open(path: &Path) -> Result<Store, Error> {
    let now = rehearse_core::clock::parse_instant(NOW)?;
    Ok(Store::open_with_clock(
        path,
        Arc::new(rehearse_core::clock::FixedClock::new(now)),
    )?)
}

/// Bundled scenarios the templates play, and how many plays of each.
const TEMPLATE_SCENARIOS: &[&str] = &["insulin-overdose", "near-miss", "declines-support"];
const PLAYS_PER_SCENARIO: usize = 4;

/// What to generate; the same `Spec` always gives the same records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Generated trainees (besides the one template trainee).
    pub trainees: usize,
    /// Completed assessment attempts of each generated trainee.
    pub attempts_per_trainee: usize,
    /// Organisations the trainees are spread over ("Organisation 1", …).
    pub organisations: usize,
    /// Seeds the ids and the choice of template per attempt.
    pub seed: u64,
}

impl Spec {
    /// `trainees × attempts_per_trainee` attempts, 20 organisations, seed 13.
    pub fn new(trainees: usize, attempts_per_trainee: usize) -> Spec {
        Spec {
            trainees,
            attempts_per_trainee,
            organisations: 20,
            seed: 13,
        }
    }

    /// Generated attempts in all (the template attempts come on top).
    pub fn attempts(&self) -> usize {
        self.trainees * self.attempts_per_trainee
    }

    /// A folder name that encodes every parameter and the generator's
    /// version. Each database has a folder of its own because the issuer key
    /// and the signed checkpoint log live beside it: two databases sharing
    /// one log would each look rewritten against the other's checkpoints.
    pub fn folder_name(&self) -> String {
        format!(
            "records-t{}-a{}-o{}-s{}-v{GENERATOR_VERSION}",
            self.trainees, self.attempts_per_trainee, self.organisations, self.seed
        )
    }
}

/// The id of generated trainee `i` (0-based) under `spec`.
pub fn trainee_id(spec: &Spec, i: usize) -> Uuid {
    Uuid::from_u128(((0x7a1e_u128 << 16 | (spec.seed as u128 & 0xffff)) << 96) | i as u128)
}

/// The records database for `spec` under `ctx.data` (`<folder>/records.db`,
/// with its key and checkpoint log beside it), generated the first time and
/// reused while the folder exists. It is written in a temporary folder that
/// is renamed when complete, so a half-written database is never reused.
pub fn database(ctx: &Context, spec: &Spec) -> Result<PathBuf, Error> {
    let folder = ctx.data_path(&spec.folder_name())?;
    let path = folder.join(DB_FILE);
    if path.exists() {
        return Ok(path);
    }
    let tmp = ctx.data_path(&format!("{}.tmp", spec.folder_name()))?;
    remove_folder(&tmp)?;
    remove_folder(&folder)?;
    std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    generate(&ctx.repo, &tmp.join(DB_FILE), spec)?;
    std::fs::rename(&tmp, &folder).map_err(|e| Error::io(&folder, e))?;
    Ok(path)
}

/// The database's file name inside its folder.
const DB_FILE: &str = "records.db";

fn remove_folder(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Writes the whole database at `path`.
pub fn generate(repo: &Path, path: &Path, spec: &Spec) -> Result<(), Error> {
    if spec.organisations == 0 {
        return Err(Error::Measure {
            measure: "seed",
            message: "a spec needs at least one organisation".into(),
        });
    }
    let store = open(path)?;
    let (plain, moderated) = templates(repo, &store)?;
    drop(store);
    clone_attempts(path, spec, &plain, &moderated)?;
    // Certifications as the app computes them, through the real API.
    let store = open(path)?;
    store.sync_certifications()?;
    drop(store);
    // One file, no WAL beside it, so the file can be renamed and reused.
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .or_else(|_| conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))?;
    conn.execute_batch("ANALYZE;")?;
    Ok(())
}

/// Plays the template attempts; returns the ids of the plain ones and of
/// the one that was moderated.
fn templates(repo: &Path, store: &Store) -> Result<(Vec<String>, String), Error> {
    let trainee = store.add_trainee("Template trainee", None, Some("Organisation 1"))?;
    let analyser = rehearse_core::response::english();
    let mut ids = Vec::new();
    for (s, name) in TEMPLATE_SCENARIOS.iter().enumerate() {
        let scenario = Arc::new(rehearse_core::scenario::load_playable(
            &repo.join("scenarios").join(name),
        )?);
        for play in 0..PLAYS_PER_SCENARIO {
            let seed = (s * PLAYS_PER_SCENARIO + play) as u64 + 1;
            let mut session = Session::start(
                store,
                trainee.id,
                Arc::clone(&scenario),
                Mode::Assessment,
                seed,
                Arc::clone(&analyser),
            )?;
            let mut turn = 0usize;
            while !session.attempt().is_ended() {
                if turn > 200 {
                    return Err(Error::Measure {
                        measure: "seed",
                        message: format!("{name}: no ending after 200 turns"),
                    });
                }
                let view = session.attempt().view();
                let input = if !view.choices.is_empty() {
                    // Vary the path: each play leans towards another choice.
                    Input::Choice {
                        index: 1 + (turn * (play + 1) + play) % view.choices.len(),
                    }
                } else {
                    Input::FreeText {
                        text: FREE_TEXT[(turn + play) % FREE_TEXT.len()].into(),
                    }
                };
                session.respond(store, input)?;
                turn += 1;
            }
            ids.push(session.id());
        }
    }
    let trainer = store.add_trainer("Bench Trainer", "bench passphrase 13")?;
    let moderated = ids.pop().ok_or_else(|| Error::Measure {
        measure: "seed",
        message: "no template attempt was played".into(),
    })?;
    store.moderate(
        &trainer.display_name,
        "bench passphrase 13",
        moderated,
        OverrideTarget::Competency(rehearse_core::competency::Competency::ALL[0]),
        "competent",
        "Second marking after the observed debrief",
    )?;
    Ok((
        ids.iter().map(Uuid::to_string).collect(),
        moderated.to_string(),
    ))
}

/// What the template trainee says when a beat asks for free text.
const FREE_TEXT: &[&str] = &[
    "That sounds really hard. How have you been since it happened?",
    "It makes sense that you feel this way. Would it help to talk about what happened?",
    "Are you having any thoughts of harming yourself?",
    "Who else do you have around you this week?",
];

/// Copies the templates to the generated trainees' attempts, in one
/// transaction of bulk SQL.
fn clone_attempts(
    path: &Path,
    spec: &Spec,
    plain: &[String],
    moderated: &str,
) -> Result<(), Error> {
    let mut conn = rusqlite::Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;",
    )?;
    let tx = conn.transaction()?;
    tx.execute_batch(
        "CREATE TEMP TABLE tpl (n INTEGER PRIMARY KEY, id TEXT NOT NULL);
         CREATE TEMP TABLE clone (k INTEGER PRIMARY KEY, id TEXT NOT NULL, trainee TEXT NOT NULL,
                                  tpl TEXT NOT NULL, started TEXT NOT NULL, ended TEXT NOT NULL);",
    )?;
    for (n, id) in plain.iter().enumerate() {
        tx.execute(
            "INSERT INTO temp.tpl (n, id) VALUES (?1, ?2)",
            rusqlite::params![n as i64, id],
        )?;
    }
    let prefix = |tag: u32| format!("{:04x}{:04x}", tag, spec.seed & 0xffff);
    tx.execute(
        "WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i + 1 < ?1)
         INSERT INTO trainees (id, display_name, email, organisation, created_at)
         SELECT printf('%s-0000-0000-0000-%012x', ?2, i), 'Trainee ' || (i + 1),
                'trainee' || (i + 1) || '@example.org', 'Organisation ' || (i % ?3 + 1),
                '2025-01-01T00:00:00Z'
         FROM i",
        rusqlite::params![
            spec.trainees as i64,
            prefix(0x7a1e),
            spec.organisations as i64
        ],
    )?;
    let per = spec.attempts_per_trainee.max(1) as i64;
    tx.execute(
        "WITH RECURSIVE k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k + 1 < ?1),
         c AS (SELECT k, k / ?2 AS t, k % ?2 AS j FROM k)
         INSERT INTO temp.clone (k, id, trainee, tpl, started, ended)
         SELECT k, printf('%s-0000-4000-8000-%012x', ?3, k), printf('%s-0000-0000-0000-%012x', ?4, t),
                CASE WHEN k % 1000 = 999 THEN ?5
                     ELSE (SELECT id FROM temp.tpl WHERE n = (k * 7 + t + ?6) % ?7) END,
                strftime('%Y-%m-%dT%H:%M:%SZ', '2025-01-01', '+' || (j * 5 + t % 5) || ' days',
                         '+' || (480 + (t * 37) % 540) || ' minutes'),
                strftime('%Y-%m-%dT%H:%M:%SZ', '2025-01-01', '+' || (j * 5 + t % 5) || ' days',
                         '+' || (494 + (t * 37) % 540 + k % 20) || ' minutes')
         FROM c",
        rusqlite::params![
            spec.attempts() as i64,
            per,
            prefix(0xa77e),
            prefix(0x7a1e),
            moderated,
            spec.seed as i64,
            plain.len() as i64
        ],
    )?;
    tx.execute_batch(
        "INSERT INTO attempts (id, trainee_id, scenario_id, content_hash, scenario_version, mode, seed,
                               started_at, ended_at, status, passed, ending, report)
         SELECT c.id, c.trainee, a.scenario_id, a.content_hash, a.scenario_version, a.mode, a.seed,
                c.started, c.ended, a.status, a.passed, a.ending,
                json_set(a.report, '$.turns', json('[]'), '$.model_responses', json('[]'))
         FROM temp.clone c JOIN attempts a ON a.id = c.tpl ORDER BY c.k;
         INSERT INTO grades (attempt_id, kind, item, value, targeted, score)
         SELECT c.id, g.kind, g.item, g.value, g.targeted, g.score
         FROM temp.clone c JOIN grades g ON g.attempt_id = c.tpl ORDER BY c.k, g.seq;
         INSERT INTO overrides (attempt_id, kind, item, before, after, reason, trainer_id, at)
         SELECT c.id, o.kind, o.item, o.before, o.after, o.reason, o.trainer_id, c.ended
         FROM temp.clone c JOIN overrides o ON o.attempt_id = c.tpl ORDER BY c.k, o.seq;
         DROP TABLE temp.clone; DROP TABLE temp.tpl;",
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_spec_gives_real_records_that_export() {
        let dir = tempfile::tempdir().unwrap();
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = Spec::new(6, 5);
        let path = dir.path().join(DB_FILE);
        generate(&repo, &path, &spec).unwrap();
        let store = Store::open(&path).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let templates = (TEMPLATE_SCENARIOS.len() * PLAYS_PER_SCENARIO) as i64;
        assert_eq!(count("SELECT count(*) FROM trainees"), 7);
        assert_eq!(
            count("SELECT count(*) FROM attempts WHERE status = 'completed'"),
            30 + templates
        );
        // Every clone has the grades of its template.
        assert_eq!(
            count("SELECT count(*) FROM attempts a WHERE NOT EXISTS (SELECT 1 FROM grades g WHERE g.attempt_id = a.id)"),
            0
        );
        assert!(count("SELECT count(DISTINCT organisation) FROM trainees") >= 6);
        let mut out = Vec::new();
        let s = rehearse_core::export::export(
            &store,
            &rehearse_core::export::Options {
                format: rehearse_core::export::Format::CsvAttempts,
                filter: Default::default(),
                include_identity: false,
                home_page: "https://trust.example/".into(),
                issuer_name: "Bench".into(),
            },
            None,
            &mut out,
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(s.records, 30 + templates as u64);
        let t0 = trainee_id(&spec, 0).to_string();
        assert!(String::from_utf8(out).unwrap().contains(&t0));
    }
}

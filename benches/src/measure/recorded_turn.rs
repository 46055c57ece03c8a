//! A recorded turn: the bundled tests replayed through a recorded
//! [`Session`] on a real SQLite file with the durability the app runs with
//! (the Store's WAL journal and `synchronous = FULL`, so every turn is one
//! synced commit), against one bare insert-and-commit with the same pragmas
//! into a second file in the same folder (same file system), interleaved
//! turn by turn so both see the same disk. Goal: median ≤ 1.5× the bare one.

use super::turn::{cases, Case};
use crate::context::percentile;
use crate::{Context, Error, Goal, Quantity, Row};
use rehearse_core::records::{Session, Store};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// The reference: a connection with the Store's pragmas (WAL, synchronous
/// FULL, foreign keys) and one table shaped like a turn row.
pub struct BareInsert {
    conn: Connection,
    n: i64,
}

impl BareInsert {
    /// Creates (or empties) the reference file at `path`.
    pub fn open(path: &Path) -> Result<Self, Error> {
        remove_db(path)?;
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Measure {
                measure: "recorded-turn",
                message: format!("{}: WAL refused (got {mode})", path.display()),
            });
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(
            "CREATE TABLE turns (attempt_id TEXT NOT NULL, number INTEGER NOT NULL,
                 said TEXT, detail TEXT, PRIMARY KEY (attempt_id, number))",
        )?;
        Ok(BareInsert { conn, n: 0 })
    }

    /// One insert of a turn-sized row in its own committed transaction.
    pub fn insert(&mut self, said: &str, detail: &str) -> Result<(), Error> {
        self.n += 1;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO turns (attempt_id, number, said, detail) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params!["bench", self.n, said, detail],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn remove_db(path: &Path) -> Result<(), Error> {
    for suffix in ["", "-wal", "-shm"] {
        let p = path.with_file_name(format!(
            "{}{suffix}",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(p, e)),
        }
    }
    Ok(())
}

/// Timings of one replay: mid-conversation turns and their bare-insert
/// twins, and the final turn (grading, sealing, certification) on its own.
#[derive(Debug, Default)]
pub struct Timings {
    /// Recorded turns before the ending.
    pub turns: Vec<Duration>,
    /// A bare insert-and-commit after each of those.
    pub bare: Vec<Duration>,
    /// Recorded turns that reached an ending.
    pub endings: Vec<Duration>,
}

/// Replays `case` for `trainee` through a recorded session, timing each
/// turn and one bare insert after each mid-conversation turn.
pub fn play_recorded(
    store: &Store,
    bare: &mut BareInsert,
    trainee: Uuid,
    case: &Case,
    into: &mut Timings,
) -> Result<(), Error> {
    let mut session = Session::start(
        store,
        trainee,
        Arc::clone(&case.scenario),
        case.mode,
        case.seed,
        Arc::clone(&case.analyser),
    )?;
    for input in &case.inputs {
        let start = Instant::now();
        let turn = session.respond(store, input.clone())?;
        let took = start.elapsed();
        let turn = turn.clone();
        if session.attempt().is_ended() {
            into.endings.push(took);
        } else {
            let said = turn.said.clone().unwrap_or_default();
            let detail = serde_json::to_string(&turn).map_err(|e| Error::Measure {
                measure: "recorded-turn",
                message: e.to_string(),
            })?;
            into.turns.push(took);
            let start = Instant::now();
            bare.insert(&said, &detail)?;
            into.bare.push(start.elapsed());
        }
    }
    Ok(())
}

/// The measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let all = cases(&ctx.repo)?;
    let db = ctx.data_path("recorded-turn/records.db")?;
    let reference = ctx.data_path("recorded-turn/bare.db")?;
    remove_db(&db)?;
    let store = Store::open(&db)?;
    let trainee = store
        .add_trainee("Bench Trainee", None, Some("Bench Trust"))?
        .id;
    let mut bare = BareInsert::open(&reference)?;
    let mut t = Timings::default();
    // Whole tests, spread over the library, until enough turns are timed
    // (each costs two synced commits, ours and the reference's).
    let wanted = ctx.size(1_500, 20);
    let stride = (all.cases.len() / 40).max(1);
    let mut order: Vec<&Case> = all.cases.iter().step_by(stride).collect();
    order.extend(
        all.cases
            .iter()
            .enumerate()
            .filter(|(i, _)| i % stride != 0)
            .map(|(_, c)| c),
    );
    for case in order {
        if t.turns.len() >= wanted {
            break;
        }
        play_recorded(&store, &mut bare, trainee, case, &mut t)?;
    }
    if t.turns.is_empty() {
        return Err(Error::Measure {
            measure: "recorded-turn",
            message: "the bundled tests played no turn".into(),
        });
    }
    for v in [&mut t.turns, &mut t.bare, &mut t.endings] {
        v.sort();
    }
    let ours = percentile(&t.turns, 50.0);
    let theirs = percentile(&t.bare, 50.0);
    Ok(vec![Row {
        measure: "a recorded turn (SQLite, WAL, synchronous FULL)".into(),
        data: format!(
            "{} turns of the bundled tests (real record APIs, real file)",
            t.turns.len()
        ),
        ours: Quantity::Time(ours),
        reference: Some((
            "bare insert-and-commit, same pragmas".into(),
            Quantity::Time(theirs),
        )),
        goal: Goal::RatioAtMost(1.5),
        note: format!(
            "medians; p99 {} vs {}; a turn reaching an ending (graded, sealed, certification synced): median {}{}",
            Quantity::Time(percentile(&t.turns, 99.0)),
            Quantity::Time(percentile(&t.bare, 99.0)),
            Quantity::Time(percentile(&t.endings, 50.0)),
            all.note(),
        ),
    }
    .missing_because(
        "the turn does more than the reference's one insert before the same fsync: the engine's \
         turn itself (about 28% of samples in perf), the chain seal and ledger row of a \
         tamper-evident record (about 14%) and the WAL pages they add (about 10%); \
         see docs/performance.md, \"Turns: profile\"",
    )])
}

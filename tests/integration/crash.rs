//! The kill -9 campaign: 100 recorded attempts played through the real
//! `rehearse play --trainee` on one SQLite file, each killed with SIGKILL
//! at a seeded random point (between turns, after the CLI has shown the
//! next view, or mid-turn, a random moment after a response was sent).
//! Afterwards no acknowledged turn is lost, the file passes
//! `PRAGMA integrity_check` and `rehearse verify-db`, and every unfinished
//! attempt resumes from its last committed turn and is completed.

use crate::support::scenarios;
use rehearse_core::records::Store;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The scenarios played, with the test of each (in its tests.toml) whose
/// inputs end the conversation. Most attempts play a short scenario
/// written for this campaign (cheap turns keep it fast); every tenth plays
/// a bundled one, whose turns run its full rules.
const PLAYED: [(&str, &str); 2] = [
    ("short-shift", "to the end"),
    ("insulin-overdose", "second good route"),
];

/// The campaign's own scenario: five beats, two choices each.
const SHORT_SHIFT: &str = r##"scenario(#{ id: "short-shift", version: "1.0.0", title: "Short shift",
  summary: "Five quick exchanges with a colleague, for the kill -9 campaign.", setting: "Ward office",
  minutes: 3, difficulty: "introductory", targets: ["atmosphere", "let_them_lead"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Staff nurse" });
fn two(next) {
  [#{ id: "warm", text: "I'm here, take your time.", next: next, evidence: #{ atmosphere: [2, "warm"] } },
   #{ id: "lead", text: "Where would you like to start?", next: next, evidence: #{ let_them_lead: [2, "lets her lead"] } }]
}
beat("b1", #{ line: "Have you got a minute?", choices: two("b2") });
beat("b2", #{ line: "It was the night shift.", choices: two("b3") });
beat("b3", #{ line: "I keep going over it.", choices: two("b4") });
beat("b4", #{ line: "I don't sleep much.", choices: two("b5") });
beat("b5", #{ line: "Thanks for listening.", choices: two("end") });
ending("end", #{ line: "I'll come and find you next week." });
"##;

const SHORT_SHIFT_TESTS: &str = r##"[[test]]
name = "to the end"
inputs = ["#warm", "#lead", "#warm", "#lead", "#warm"]
expect = { ending = "end" }
"##;

/// How many attempts the campaign kills.
const ATTEMPTS: usize = 100;

/// The campaign's seed: the kill points are the same on every run.
const SEED: u64 = 0x5eed_c0ffee;

/// How long to wait for the CLI to acknowledge a turn before failing.
const ACK_WAIT: Duration = Duration::from_secs(60);

/// A small deterministic generator (xorshift64*), so no dependency is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The played scenarios as the whole "bundled" library, so each start of
/// the CLI loads two scenarios rather than the full library.
fn library(root: &Path) -> PathBuf {
    let lib = root.join("library");
    let short = lib.join("short-shift");
    std::fs::create_dir_all(&short).unwrap();
    std::fs::write(short.join("scenario.rhai"), SHORT_SHIFT).unwrap();
    std::fs::write(short.join("tests.toml"), SHORT_SHIFT_TESTS).unwrap();
    for (id, _) in &PLAYED[1..] {
        let to = lib.join(id);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(scenarios().join(id)).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    lib
}

fn cli(db: &Path, lib: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("REHEARSE_SCENARIOS", lib)
        .env("NO_COLOR", "1")
        .env_remove("REHEARSE_NOW")
        .env_remove("REHEARSE_TRAINER_PASSPHRASE");
    c
}

/// One recorded attempt the campaign plays.
struct Planned {
    trainee: String,
    scenario: &'static str,
    inputs: Vec<String>,
    mode: &'static str,
    seed: u64,
    /// Responses sent before the kill.
    sent: usize,
    /// Whether the kill comes a random moment after the last response was
    /// sent (mid-turn) rather than after it was acknowledged.
    mid_turn: bool,
    /// Microseconds between sending the last response and the kill.
    delay_us: u64,
}

/// A `rehearse play` process with its output read line by line.
struct Playing {
    /// Where its standard error goes.
    errors: PathBuf,
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    /// Responses the CLI has acknowledged (shown the view that follows).
    acked: usize,
    echoes: usize,
    output: String,
}

impl Playing {
    fn start(db: &Path, lib: &Path, p: &Planned) -> Playing {
        let seed = p.seed.to_string();
        let errors = db.with_file_name(format!("{} {}.stderr", p.trainee, p.scenario));
        let mut child = cli(
            db,
            lib,
            &[
                "play",
                p.scenario,
                "--trainee",
                &p.trainee,
                "--mode",
                p.mode,
                "--seed",
                &seed,
            ],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&errors).unwrap())
        .spawn()
        .expect("rehearse starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Playing {
            errors,
            child,
            stdin,
            lines,
            acked: 0,
            echoes: 0,
            output: String::new(),
        }
    }

    /// Takes one line of output, updating what has been acknowledged: a
    /// response is acknowledged once the CLI echoed it and then printed
    /// the next view's options (or the report, when it ended the
    /// conversation), which it does only after the turn was committed.
    fn take(&mut self, line: String) {
        if line.starts_with("> ") {
            self.echoes += 1;
        } else if line.contains("stay silent") || line.contains("**Result:") {
            self.acked = self.echoes;
        }
        self.output.push_str(&line);
        self.output.push('\n');
    }

    /// Waits until `n` responses are acknowledged.
    fn wait_acked(&mut self, n: usize) {
        let deadline = Instant::now() + ACK_WAIT;
        // The first view counts as the acknowledgement of zero responses.
        let mut seen_view = n > 0;
        while self.acked < n || !seen_view {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    seen_view |= line.contains("stay silent");
                    self.take(line);
                }
                Err(_) => panic!(
                    "rehearse did not acknowledge response {n}; it said:\n{}\nand on standard error:\n{}",
                    self.output,
                    std::fs::read_to_string(&self.errors).unwrap_or_default()
                ),
            }
        }
    }

    fn send(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
    }

    /// SIGKILLs the process and returns how many responses it had
    /// acknowledged by then (output already written counts).
    fn kill(mut self) -> usize {
        self.child.kill().unwrap(); // SIGKILL on Unix
        self.child.wait().unwrap();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
            self.take(line);
        }
        self.acked
    }
}

/// How many CLI processes the campaign runs at once.
const WORKERS: usize = 2;

/// Runs `f` over `items` on [`WORKERS`] threads; the results keep the
/// items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(WORKERS);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a campaign worker"))
            .collect()
    })
}

/// The attempts of the database as (trainee name, scenario) → (status,
/// turns stored), read through a plain SQLite connection.
fn stored(db: &Path) -> Vec<(String, String, String, usize)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut q = c
        .prepare(
            "SELECT t.display_name, a.scenario_id, a.status,
                    (SELECT count(*) FROM turns WHERE attempt_id = a.id)
             FROM attempts a JOIN trainees t ON t.id = a.trainee_id",
        )
        .unwrap();
    let rows = q
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)? as usize,
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

fn integrity_ok(db: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn verify_db_clean(db: &Path, lib: &Path) {
    let o = cli(db, lib, &["verify-db"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && out.contains("every chain verifies"),
        "verify-db: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_hundred_recorded_attempts_killed_at_random_lose_no_acknowledged_turn() {
    let started = Instant::now();
    // Memory-backed storage where there is some: SIGKILL ends the process,
    // not the kernel, so what was written survives it on any file system,
    // and the synced commits cost nothing there.
    let shm = Path::new("/dev/shm");
    let tmp = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let lib = library(tmp.path());
    let db = tmp.path().join("records/rehearse.db");
    {
        let store = Store::open(&db).unwrap();
        for i in 0..ATTEMPTS {
            store
                .add_trainee(&format!("Trainee {i:02}"), None, None)
                .unwrap();
        }
    }
    let mut rng = Rng(SEED);
    let mut plan = Vec::new();
    for i in 0..ATTEMPTS {
        let (scenario, test) = PLAYED[usize::from(i % 10 == 9)];
        let inputs = rehearse_core::testcase::find_test(&lib.join(scenario), test)
            .unwrap_or_else(|e| panic!("{e}"))
            .inputs;
        assert!(inputs.len() >= 3, "{scenario}: {inputs:?}");
        let mid_turn = rng.below(2) == 0;
        // Between turns: after 0..n-1 acknowledged responses (after the
        // last one the CLI ends by itself). Mid-turn: while response
        // 1..=n is being played.
        let n = inputs.len() as u64;
        let sent = if mid_turn {
            1 + rng.below(n)
        } else {
            rng.below(n)
        } as usize;
        plan.push(Planned {
            trainee: format!("Trainee {i:02}"),
            scenario,
            inputs,
            mode: if rng.below(2) == 0 {
                "practice"
            } else {
                "assessment"
            },
            seed: rng.below(1 << 40),
            sent,
            mid_turn,
            // Up to about one turn's time of that scenario in a debug build.
            delay_us: rng.below(if scenario == "short-shift" {
                4_000
            } else {
                60_000
            }),
        });
    }

    // Play and kill each attempt, noting what the CLI acknowledged. Each
    // start of the CLI spends a moment readying its analyser, so WORKERS
    // processes run at once (on the same file, as separate writers).
    let kill = |p: &Planned| {
        let mut play = Playing::start(&db, &lib, p);
        play.wait_acked(0);
        let settled = if p.mid_turn { p.sent - 1 } else { p.sent };
        for (i, line) in p.inputs[..settled].iter().enumerate() {
            play.send(line);
            play.wait_acked(i + 1);
        }
        if p.mid_turn {
            play.send(&p.inputs[p.sent - 1]);
            std::thread::sleep(Duration::from_micros(p.delay_us));
        }
        play.kill()
    };
    let acked: Vec<usize> = in_parallel(&plan, kill);
    let mid = plan.iter().filter(|p| p.mid_turn).count();
    assert!(
        (20..=80).contains(&mid),
        "{mid} mid-turn kills of {ATTEMPTS}"
    );

    // Nothing acknowledged is lost, nothing unsent is stored, the file is sound.
    integrity_ok(&db);
    verify_db_clean(&db, &lib);
    let rows = stored(&db);
    assert_eq!(rows.len(), ATTEMPTS, "one attempt per planned play");
    let mut unfinished = 0;
    for (p, acked) in plan.iter().zip(&acked) {
        let (_, _, status, turns) = rows
            .iter()
            .find(|r| r.0 == p.trainee && r.1 == p.scenario)
            .unwrap_or_else(|| panic!("no attempt of {} at {}", p.trainee, p.scenario));
        assert!(
            *turns >= *acked && *turns <= p.sent,
            "{} at {}: {turns} turns stored, {acked} acknowledged, {} sent",
            p.trainee,
            p.scenario,
            p.sent
        );
        if !p.mid_turn {
            assert_eq!(*turns, *acked, "between turns nothing is half-done");
        }
        if status == "in_progress" {
            unfinished += 1;
        } else {
            // Only the conversation's last response can end it.
            assert_eq!(status, "completed");
            assert_eq!(*turns, p.inputs.len());
        }
    }
    assert!(unfinished >= ATTEMPTS - 10, "{unfinished} left unfinished");

    // Every unfinished attempt resumes from its last committed turn and
    // is completed.
    let before = stored(&db);
    in_parallel(&plan, |p| {
        let (_, _, status, turns) = before
            .iter()
            .find(|r| r.0 == p.trainee && r.1 == p.scenario)
            .cloned()
            .unwrap();
        if status != "in_progress" {
            return;
        }
        let mut c = cli(&db, &lib, &["play", p.scenario, "--trainee", &p.trainee]);
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stdin.take().unwrap();
        for line in &p.inputs[turns..] {
            writeln!(pipe, "{line}").unwrap();
        }
        drop(pipe);
        let o = child.wait_with_output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{} at {}: {out}{}",
            p.trainee,
            p.scenario,
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            out.contains(&format!(
                "{turns} turn(s) were saved; continuing from turn {}",
                turns + 1
            )),
            "{out}"
        );
        assert!(out.contains("**Result:"), "{out}");
    });
    for (name, scenario, status, turns) in stored(&db) {
        assert_eq!(status, "completed", "{name} at {scenario}");
        let full = PLAYED.iter().find(|(id, _)| *id == scenario).unwrap().1;
        let n = rehearse_core::testcase::find_test(&lib.join(&scenario), full)
            .unwrap()
            .inputs
            .len();
        assert_eq!(turns, n, "{name} at {scenario}");
    }
    integrity_ok(&db);
    verify_db_clean(&db, &lib);
    eprintln!(
        "kill -9 campaign: {ATTEMPTS} attempts ({mid} killed mid-turn) in {:.1?}",
        started.elapsed()
    );
}

//! Pushing to a real learning record store: ralph-malph 5.1.0 (PyPI) with
//! its file-system backend on 127.0.0.1, started by this harness through
//! `tests/peers/serve_ralph_fs.py` (which fixes the upstream backend's
//! "500 on every POST after the first"). The round trip, the idempotent
//! re-push, an outage mid-push, and the store's own answers: 500 (the
//! unfixed upstream backend), 409 (a different statement under our id), 400
//! and 422 (statements it refuses) and no answer at all (the store's process
//! stopped with SIGSTOP, so requests time out).

use crate::exports::{cmd, fixture, peers, Out, HOME, MARKER};
use crate::support::root;
use rehearse_core::xapi::{same_statement, Outbox, OutboxCounts};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const USER: &str = "rehearse";
const PASSWORD: &str = "lrs-s3cret";

/// A ralph LRS on loopback; stopped (SIGTERM) when dropped.
pub struct Lrs {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl Lrs {
    /// Starts a store keeping its statements in `dir`.
    pub fn start(dir: &Path) -> Lrs {
        Lrs::start_with(dir, &[])
    }

    /// Starts a store with extra arguments for `serve_ralph_fs.py`
    /// (`--no-fix` keeps the upstream backend's 500 on every write after
    /// the first).
    pub fn start_with(dir: &Path, extra: &[&str]) -> Lrs {
        let py = peers().join("lrs/bin/python");
        let peers_src = root().join("tests/peers");
        std::fs::create_dir_all(dir).unwrap();
        let auth = dir.join("auth.json");
        if !auth.exists() {
            let s = Command::new(&py)
                .arg(peers_src.join("make_auth.py"))
                .args([auth.to_str().unwrap(), USER, PASSWORD])
                .status()
                .unwrap();
            assert!(s.success());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::fs::File::create(dir.join(format!("lrs-{port}.log"))).unwrap();
        let child = Command::new(&py)
            .arg(peers_src.join("serve_ralph_fs.py"))
            .arg(port.to_string())
            .arg(dir.join("store"))
            .arg(&auth)
            .args(extra)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("the LRS starts");
        let mut lrs = Lrs {
            child: Some(child),
            port,
            dir: dir.to_path_buf(),
        };
        let start = Instant::now();
        loop {
            if ureq::get(&format!("http://127.0.0.1:{port}/__heartbeat__"))
                .call()
                .is_ok()
            {
                return lrs;
            }
            if let Some(s) = lrs.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                panic!("the LRS exited ({s}):\n{}", lrs.log());
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the LRS did not start:\n{}",
                lrs.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join(format!("lrs-{}.log", self.port))).unwrap_or_default()
    }

    /// The xAPI endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    /// Sends a signal (`STOP`, `CONT`) to the store's process.
    pub fn signal(&self, sig: &str) {
        let c = self.child.as_ref().expect("the store is running");
        let s = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -{sig} {}", c.id()))
            .status()
            .unwrap();
        assert!(s.success(), "kill -{sig}");
    }

    /// Posts `statements` straight to the store, as another system would.
    pub fn post(&self, statements: &[Value]) -> u16 {
        let auth = format!("Basic {}", b64(&format!("{USER}:{PASSWORD}")));
        match ureq::post(&format!("{}statements", self.endpoint()))
            .set("X-Experience-API-Version", "1.0.3")
            .set("Authorization", &auth)
            .send_json(Value::Array(statements.to_vec()))
        {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(s, _)) => s,
            Err(e) => panic!("POST to the store: {e}"),
        }
    }

    /// Stops it with SIGTERM and waits.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            // The shell's own `kill`: no procps needed.
            let _ = Command::new("sh")
                .arg("-c")
                .arg(format!("kill -TERM {}", c.id()))
                .status();
            let start = Instant::now();
            while c.try_wait().unwrap().is_none() {
                if start.elapsed() > Duration::from_secs(20) {
                    let _ = c.kill();
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    /// Every statement the store holds, following `more` links.
    pub fn statements(&self) -> Vec<Value> {
        let auth = format!("Basic {}", b64(&format!("{USER}:{PASSWORD}")));
        let mut out = Vec::new();
        let mut url = format!("{}statements?limit=500", self.endpoint());
        loop {
            let r: Value = ureq::get(&url)
                .set("X-Experience-API-Version", "1.0.3")
                .set("Authorization", &auth)
                .call()
                .unwrap_or_else(|e| panic!("GET {url}: {e}"))
                .into_json()
                .unwrap();
            out.extend(r["statements"].as_array().cloned().unwrap_or_default());
            match r["more"].as_str().filter(|m| !m.is_empty()) {
                Some(more) => url = format!("http://127.0.0.1:{}{more}", self.port),
                None => return out,
            }
        }
    }
}

impl Drop for Lrs {
    fn drop(&mut self) {
        self.stop();
    }
}

fn b64(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in s.as_bytes().chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out.push(if i <= c.len() {
                T[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

fn push(db: &Path, endpoint: &str, extra: &[&str]) -> Out {
    let mut args = vec![
        "push",
        "--lrs",
        endpoint,
        "--user",
        USER,
        "--password-env",
        "IT_LRS_PASSWORD",
        "--home-page",
        HOME,
    ];
    args.extend_from_slice(extra);
    let o = cmd(db, &args)
        .env("IT_LRS_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn counts(db: &Path) -> OutboxCounts {
    Outbox::open(&Outbox::beside(db)).unwrap().counts().unwrap()
}

/// Every statement text in the outbox (filled by a push to a closed port).
pub fn outbox_text(db: &Path) -> String {
    let o = push(db, "http://127.0.0.1:9/xAPI/", &["--tries", "1"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("nothing was lost"), "{}", o.stderr);
    let c = rusqlite::Connection::open(Outbox::beside(db)).unwrap();
    let mut s = c.prepare("SELECT statement FROM outbox").unwrap();
    let rows: Vec<String> = s
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!rows.is_empty());
    rows.join("\n")
}

/// The parts of a statement Rehearse wrote (the store adds `stored`,
/// `authority`, `version`).
fn ours(s: &Value) -> Value {
    let mut s = s.clone();
    for k in ["stored", "authority", "version"] {
        s.as_object_mut().unwrap().remove(k);
    }
    s
}

fn by_id(list: &[Value]) -> BTreeMap<String, Value> {
    list.iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), ours(s)))
        .collect()
}

#[test]
fn a_real_export_round_trips_through_the_store_and_a_second_push_duplicates_nothing() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let lrs = Lrs::start(&dir.join("lrs"));
    let export = crate::exports::export(&f.db, &dir.join("x.json"), &["--format", "xapi"]);
    let exported: Vec<Value> = serde_json::from_str(&export).unwrap();
    assert_eq!(
        exported.len(),
        9 * 2 + 2,
        "two per attempt, one per certification"
    );
    let o = push(&f.db, &lrs.endpoint(), &["--batch-size", "7"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stdout.contains("delivered 20 statement(s)"),
        "{}",
        o.stdout
    );
    let held = lrs.statements();
    let (want, got) = (by_id(&exported), by_id(&held));
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        got.keys().collect::<Vec<_>>()
    );
    for (id, w) in &want {
        assert!(
            same_statement(w, &got[id]),
            "statement {id} differs:\nsent {w}\nheld {}",
            got[id]
        );
    }
    // Again, with the outbox: nothing new to send.
    let o = push(&f.db, &lrs.endpoint(), &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("0 new statement(s) queued"),
        "{}",
        o.stderr
    );
    // And without it (a lost outbox): every statement is re-sent, the store
    // answers for ids it holds, and still nothing is duplicated.
    std::fs::remove_file(Outbox::beside(&f.db)).unwrap();
    let o = push(&f.db, &lrs.endpoint(), &["--batch-size", "5"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(
        counts(&f.db),
        OutboxCounts {
            pending: 0,
            delivered: 20,
            failed: 0
        }
    );
    let again = lrs.statements();
    assert_eq!(again.len(), held.len());
    let ids: BTreeSet<&str> = again.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), again.len(), "duplicate ids in the store");
    assert!(!serde_json::to_string(&again).unwrap().contains(MARKER));
}

#[test]
fn stopping_the_store_mid_push_loses_nothing_and_the_next_push_completes() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    // Many more statements than the fixture's 20 (1,000): synthetic but valid ones,
    // queued in the real outbox next to the records.
    {
        let mut outbox = Outbox::open(&Outbox::beside(&f.db)).unwrap();
        let template: Vec<Value> = serde_json::from_str(&crate::exports::export(
            &f.db,
            &dir.join("x.json"),
            &["--format", "xapi"],
        ))
        .unwrap();
        let extra: Vec<Value> = (0..1000u32)
            .map(|i| {
                let mut s = template[0].clone();
                s["id"] = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &i.to_be_bytes())
                    .to_string()
                    .into();
                s
            })
            .collect();
        assert_eq!(outbox.enqueue(&extra).unwrap(), 1000);
    }
    let store_dir = dir.join("lrs");
    let mut lrs = Lrs::start(&store_dir);
    let endpoint = lrs.endpoint();
    let pushing = cmd(
        &f.db,
        &[
            "push",
            "--lrs",
            &endpoint,
            "--user",
            USER,
            "--password-env",
            "IT_LRS_PASSWORD",
            "--home-page",
            HOME,
            "--batch-size",
            "4",
            "--tries",
            "2",
            "--backoff-ms",
            "50",
        ],
    )
    .env("IT_LRS_PASSWORD", PASSWORD)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Stop the store once some, not all, statements are delivered.
    let start = Instant::now();
    loop {
        let c = counts(&f.db);
        if c.delivered >= 20 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "push made no progress: {c:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    lrs.stop();
    let out = pushing.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mid = counts(&f.db);
    assert_eq!(out.status.code(), Some(1), "the push should stop: {stderr}");
    assert!(
        stderr.contains("push stopped") && stderr.contains("nothing was lost"),
        "{stderr}"
    );
    assert!(
        mid.pending > 0 && mid.delivered > 0 && mid.failed == 0,
        "{mid:?}"
    );
    let total = mid.pending + mid.delivered;
    // The store comes back with the same files; the next push completes.
    let lrs = Lrs::start(&store_dir);
    let o = push(&f.db, &lrs.endpoint(), &["--batch-size", "50"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(
        counts(&f.db),
        OutboxCounts {
            pending: 0,
            delivered: total,
            failed: 0
        }
    );
    let held = lrs.statements();
    let ids: BTreeSet<String> = held
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), held.len(), "duplicates in the store");
    assert_eq!(held.len() as u64, total, "statements lost or invented");
}

#[test]
fn a_statement_the_store_rejects_is_reported_and_kept_as_failed() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let lrs = Lrs::start(&dir.join("lrs"));
    // Well-formed for xAPI's structural rules (a mailto: IRI), but the store
    // checks the address itself and answers 422.
    let template: Vec<Value> = serde_json::from_str(&crate::exports::export(
        &f.db,
        &dir.join("x.json"),
        &["--format", "xapi"],
    ))
    .unwrap();
    let mut odd = template[0].clone();
    odd["id"] = uuid::Uuid::new_v4().to_string().into();
    odd["actor"] = serde_json::json!({ "objectType": "Agent", "mbox": "mailto:not-an-address" });
    {
        let mut outbox = Outbox::open(&Outbox::beside(&f.db)).unwrap();
        outbox.enqueue([&odd]).unwrap();
    }
    let o = push(&f.db, &lrs.endpoint(), &[]);
    let c = counts(&f.db);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("rejected statement") && o.stderr.contains("HTTP 4"),
        "{}",
        o.stderr
    );
    assert_eq!((c.failed, c.pending), (1, 0), "{c:?}");
    assert_eq!(c.delivered, template.len() as u64);
    assert_eq!(lrs.statements().len(), template.len());
}

/// The fixture's exported statements.
fn exported(db: &Path) -> Vec<Value> {
    let dir = db.parent().unwrap();
    serde_json::from_str(&crate::exports::export(
        db,
        &dir.join("x.json"),
        &["--format", "xapi"],
    ))
    .unwrap()
}

/// Every id the store holds, checking there are no duplicates.
fn unique_ids(lrs: &Lrs) -> BTreeSet<String> {
    let held = lrs.statements();
    let ids: BTreeSet<String> = held
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_ascii_lowercase())
        .collect();
    assert_eq!(ids.len(), held.len(), "duplicate ids in the store");
    ids
}

#[test]
fn a_store_answering_500_stops_the_push_and_the_next_push_completes() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let store_dir = dir.join("lrs");
    let sent = exported(&f.db);
    // ralph's file backend as released: the first write creates its file,
    // every later write answers 500.
    let mut broken = Lrs::start_with(&store_dir, &["--no-fix"]);
    let o = push(
        &f.db,
        &broken.endpoint(),
        &["--batch-size", "5", "--tries", "2", "--backoff-ms", "20"],
    );
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("HTTP 500") && o.stderr.contains("nothing was lost"),
        "{}",
        o.stderr
    );
    assert_eq!(
        counts(&f.db),
        OutboxCounts {
            pending: sent.len() as u64 - 5,
            delivered: 5,
            failed: 0
        },
        "only the batch the store confirmed counts"
    );
    broken.stop();
    let lrs = Lrs::start(&store_dir);
    let o = push(&f.db, &lrs.endpoint(), &["--batch-size", "5"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(counts(&f.db).delivered, sent.len() as u64);
    let want: BTreeSet<String> = sent
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_ascii_lowercase())
        .collect();
    assert_eq!(unique_ids(&lrs), want);
}

#[test]
fn a_different_statement_under_our_id_is_kept_as_failed_not_counted_delivered() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let lrs = Lrs::start(&dir.join("lrs"));
    let sent = exported(&f.db);
    // Another system already stored a statement under the id of our first
    // one, with a different result: xAPI statements are immutable, so the
    // store keeps its own and answers 409 to ours.
    let mut theirs = sent[0].clone();
    theirs["timestamp"] = "2020-01-01T00:00:00Z".into();
    assert!(!same_statement(&sent[0], &theirs));
    assert_eq!(lrs.post(std::slice::from_ref(&theirs)), 200);
    let o = push(&f.db, &lrs.endpoint(), &[]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("HTTP 409")
            && o.stderr.contains("different statement under this id")
            && o.stderr.contains(sent[0]["id"].as_str().unwrap()),
        "{}",
        o.stderr
    );
    assert_eq!(
        counts(&f.db),
        OutboxCounts {
            pending: 0,
            delivered: sent.len() as u64 - 1,
            failed: 1
        }
    );
    // The store still holds exactly one statement per id, and its own one
    // under the contested id.
    assert_eq!(unique_ids(&lrs).len(), sent.len());
    let held = by_id(&lrs.statements());
    let contested = sent[0]["id"].as_str().unwrap();
    assert!(same_statement(&theirs, &held[contested]));
    for s in &sent[1..] {
        assert!(same_statement(s, &held[s["id"].as_str().unwrap()]));
    }
}

#[test]
fn a_statement_the_store_answers_400_is_kept_as_failed_and_the_rest_delivered() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let lrs = Lrs::start(&dir.join("lrs"));
    let sent = exported(&f.db);
    // A corrupted outbox row: filed under a fresh key, it holds a copy of
    // another queued statement, id and all (the outbox checks this when it
    // queues, so the row is written behind its back). The batch then holds
    // one id twice, which the store refuses with 400; sent alone, the copy's
    // key does not match its id, which the store also refuses with 400.
    // Every genuine statement must still be delivered, and only the copy
    // kept as failed.
    let broken_id = uuid::Uuid::new_v4().to_string();
    {
        drop(Outbox::open(&Outbox::beside(&f.db)).unwrap()); // its schema
        let c = rusqlite::Connection::open(Outbox::beside(&f.db)).unwrap();
        c.execute(
            "INSERT INTO outbox (id, statement, state, queued_at) VALUES (?1, ?2, 'pending', '2026-01-01T00:00:00Z')",
            rusqlite::params![broken_id, serde_json::to_string(&sent[0]).unwrap()],
        )
        .unwrap();
    }
    let o = push(&f.db, &lrs.endpoint(), &[]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr
            .contains(&format!("rejected statement {broken_id}: HTTP 400"))
            && o.stderr.contains("does not match"),
        "{}",
        o.stderr
    );
    assert_eq!(
        counts(&f.db),
        OutboxCounts {
            pending: 0,
            delivered: sent.len() as u64,
            failed: 1
        }
    );
    assert_eq!(unique_ids(&lrs).len(), sent.len());
}

#[test]
fn a_store_that_stops_answering_times_out_and_nothing_is_lost_or_doubled() {
    let f = fixture();
    let dir = f.db.parent().unwrap();
    let lrs = Lrs::start(&dir.join("lrs"));
    let sent = exported(&f.db);
    // The store's process is frozen: connections are accepted by the
    // kernel, but nothing answers.
    lrs.signal("STOP");
    let started = Instant::now();
    let o = push(
        &f.db,
        &lrs.endpoint(),
        &["--timeout-ms", "400", "--tries", "2", "--backoff-ms", "20"],
    );
    let waited = started.elapsed();
    lrs.signal("CONT");
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("did not answer after 2 tries") && o.stderr.contains("nothing was lost"),
        "{}",
        o.stderr
    );
    assert!(
        waited < Duration::from_secs(20),
        "the timeout held: {waited:?}"
    );
    assert_eq!(counts(&f.db).delivered, 0);
    // The frozen store may still process the requests it had queued once
    // it runs again; the next push must neither lose nor double anything.
    let o = push(&f.db, &lrs.endpoint(), &[]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(
        counts(&f.db),
        OutboxCounts {
            pending: 0,
            delivered: sent.len() as u64,
            failed: 0
        }
    );
    assert_eq!(unique_ids(&lrs).len(), sent.len());
}

//! `push`: sending xAPI statements from the outbox to a real learning record
//! store on loopback (ralph-malph, the store the integration tests use),
//! against a plain HTTP client posting the same batches, with the same
//! statements and the same credentials, to a fresh store of its own in the
//! same run.
//!
//! The statements are built by the core's own statement code
//! ([`rehearse_core::xapi::attempt_statements`]) from generated attempts
//! (seeded: trainees, scenarios, levels and red flags vary per attempt), and
//! queued through the real outbox. Rehearse's figure is
//! [`rehearse_core::xapi::push`] from that outbox: reading each batch, the
//! request, checking the store's answer, marking the batch delivered. The
//! reference has its request bodies ready in memory and only posts them.
//! The two run at the same time, each against its own store process.

use crate::context::Context;
use crate::report::{Goal, Quantity, Row};
use crate::Error;
use chrono::{Duration as Days, TimeZone, Utc};
use rehearse_core::attempt::Mode;
use rehearse_core::competency::Competency;
use rehearse_core::grading::Level;
use rehearse_core::red_flag::{Recognition, RedFlagCategory};
use rehearse_core::xapi::{self, AttemptFacts, CompetencyFact, LrsConfig, Outbox};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NAME: &str = "push";
const USER: &str = "rehearse-bench";
const PASSWORD: &str = "bench-s3cret";

/// The statements of `attempts` generated attempts (two each: completed,
/// then passed or failed), in the core's own xAPI form, deterministic.
pub fn statements(attempts: usize) -> Vec<Value> {
    let base = Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap();
    let scenarios = [
        ("insulin-overdose", "Insulin overdose"),
        ("return-to-work", "Return to work"),
        ("refresher-familiar-face", "A familiar face"),
        ("confidentiality-limits", "The limits of confidentiality"),
    ];
    let mut out = Vec::with_capacity(attempts * 2);
    for i in 0..attempts {
        let (id, title) = scenarios[i % scenarios.len()];
        let started = base + Days::minutes(37 * i as i64);
        let competencies = Competency::ALL
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let level = Level::ALL[(i + k) % Level::ALL.len()];
                CompetencyFact {
                    competency: *c,
                    level,
                    score: (level != Level::NotAssessed)
                        .then(|| ((i + 3 * k) % 9) as f64 / 2.0 - 2.0),
                    targeted: k % 4 == i % 4,
                }
            })
            .collect();
        let facts = AttemptFacts {
            home_page: format!("https://org{}.example/", i % 20),
            trainee: uuid::Uuid::from_u128(0x1300_0000 + (i / 100) as u128),
            attempt: uuid::Uuid::from_u128(0x1313_0000_0000 + i as u128),
            scenario_id: id.to_string(),
            scenario_version: "1.0.0".to_string(),
            content_hash: format!("{:064x}", i % scenarios.len() + 1),
            scenario_title: title.to_string(),
            mode: Mode::Assessment,
            started_at: started,
            ended_at: started + Days::seconds(600 + (i % 900) as i64),
            passed: i % 3 != 0,
            moderated: i % 17 == 0,
            policy_version: "2026-1".to_string(),
            competencies,
            red_flags: vec![(
                RedFlagCategory::SuicideRisk,
                if i % 5 == 0 {
                    Recognition::Missed
                } else {
                    Recognition::Recognised
                },
            )],
        };
        out.extend(xapi::attempt_statements(&facts));
    }
    out
}

/// A ralph learning record store on 127.0.0.1 with its file-system backend
/// (`tests/peers/serve_ralph_fs.py`), keeping its statements in its own
/// folder; stopped when dropped.
pub struct Lrs {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl Lrs {
    /// Starts an empty store in `dir` (emptied first). The Python venv comes
    /// from `tests/peers/setup.sh`, which installs it once.
    pub fn start(repo: &Path, dir: &Path) -> Result<Lrs, Error> {
        let peers = repo.join("tests/peers");
        let venv = peers_dir(repo)?;
        let py = venv.join("lrs/bin/python");
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let auth = dir.join("auth.json");
        check(
            Command::new(&py)
                .arg(peers.join("make_auth.py"))
                .arg(&auth)
                .args([USER, PASSWORD]),
        )?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| Error::io("127.0.0.1:0", e))?
            .port();
        let log_path = dir.join("lrs.log");
        let log = std::fs::File::create(&log_path).map_err(|e| Error::io(&log_path, e))?;
        let log2 = log.try_clone().map_err(|e| Error::io(&log_path, e))?;
        let child = Command::new(&py)
            .arg(peers.join("serve_ralph_fs.py"))
            .arg(port.to_string())
            .arg(dir.join("store"))
            .arg(&auth)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .spawn()
            .map_err(|e| Error::Command {
                command: format!("{} serve_ralph_fs.py", py.display()),
                problem: format!("could not start: {e}"),
            })?;
        let mut lrs = Lrs {
            child: Some(child),
            port,
            dir: dir.to_path_buf(),
        };
        let start = Instant::now();
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(2))
            .build();
        loop {
            if agent
                .get(&format!("http://127.0.0.1:{port}/__heartbeat__"))
                .call()
                .is_ok()
            {
                return Ok(lrs);
            }
            let exited = lrs.child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            if exited.is_some() || start.elapsed() > Duration::from_secs(60) {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                lrs.stop();
                return Err(measure_error(format!(
                    "the learning record store did not start: {}",
                    log.trim()
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The xAPI endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    /// How many statements the store holds (its file has one line each).
    pub fn held(&self) -> Result<usize, Error> {
        let path = self.dir.join("store/fs_lrs.jsonl");
        match std::fs::read(&path) {
            Ok(b) => Ok(b.iter().filter(|c| **c == b'\n').count()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Stops the store (SIGTERM, then SIGKILL after 20 s) and waits.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            // SAFETY: our own child, not yet waited for.
            unsafe { libc::kill(c.id() as libc::pid_t, libc::SIGTERM) };
            let start = Instant::now();
            while matches!(c.try_wait(), Ok(None)) {
                if start.elapsed() > Duration::from_secs(20) {
                    let _ = c.kill();
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

impl Drop for Lrs {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The peers' folder (`target/peers`), set up by `tests/peers/setup.sh`.
fn peers_dir(repo: &Path) -> Result<PathBuf, Error> {
    let out = Command::new(repo.join("tests/peers/setup.sh"))
        .output()
        .map_err(|e| Error::Command {
            command: "tests/peers/setup.sh".into(),
            problem: format!("could not start: {e}"),
        })?;
    if !out.status.success() {
        return Err(Error::Command {
            command: "tests/peers/setup.sh".into(),
            problem: format!("failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
        });
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn check(command: &mut Command) -> Result<(), Error> {
    let shown = format!("{command:?}");
    let out = command.output().map_err(|e| Error::Command {
        command: shown.clone(),
        problem: format!("could not start: {e}"),
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::Command {
            command: shown,
            problem: format!("failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
        })
    }
}

fn measure_error(message: String) -> Error {
    Error::Measure {
        measure: NAME,
        message,
    }
}

/// Queues `statements` in a new outbox at `path` (replacing any), through
/// the real outbox (each statement validated), in the chunks the push
/// command's queuing uses.
pub fn fill_outbox(path: &Path, statements: &[Value]) -> Result<Outbox, Error> {
    remove_db(path)?;
    let mut outbox = Outbox::open(path)?;
    for chunk in statements.chunks(500) {
        outbox.enqueue(chunk)?;
    }
    Ok(outbox)
}

fn remove_db(path: &Path) -> Result<(), Error> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(p, e)),
        }
    }
    Ok(())
}

/// The store settings Rehearse pushes with: the product's defaults, the
/// bench's credentials.
pub fn config(endpoint: &str) -> LrsConfig {
    LrsConfig::new(endpoint, USER, PASSWORD)
}

/// Rehearse's push of everything pending in `outbox` to `endpoint`; the
/// time it took and how many statements were delivered.
pub fn push_outbox(outbox: &mut Outbox, cfg: &LrsConfig) -> Result<(Duration, u64), Error> {
    let start = Instant::now();
    let report = xapi::push(outbox, cfg, &mut |_, _| {})?;
    let took = start.elapsed();
    if !report.failed.is_empty() {
        return Err(measure_error(format!(
            "the store rejected {} statement(s), first: {:?}",
            report.failed.len(),
            report.failed[0]
        )));
    }
    Ok((took, report.delivered))
}

/// The request bodies a plain client sends: `statements` in batches of
/// `batch`, each a JSON array of the statements' text as the outbox holds it.
pub fn bodies(outbox: &Outbox, batch: usize) -> Result<Vec<String>, Error> {
    let all = outbox.pending(usize::MAX >> 1)?;
    Ok(all
        .chunks(batch.max(1))
        .map(|c| {
            let mut body = String::from("[");
            for (i, (_, s)) in c.iter().enumerate() {
                if i > 0 {
                    body.push(',');
                }
                body.push_str(s);
            }
            body.push(']');
            body
        })
        .collect())
}

/// The reference: posts `bodies` one after another with a plain ureq agent
/// (keep-alive, the same headers and Basic credentials), checking only the
/// status; the time it took.
pub fn post_plain(endpoint: &str, bodies: &[String]) -> Result<Duration, Error> {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build();
    let auth = format!("Basic {}", base64(&format!("{USER}:{PASSWORD}")));
    let url = format!("{endpoint}statements");
    let start = Instant::now();
    for body in bodies {
        let r = agent
            .post(&url)
            .set("X-Experience-API-Version", "1.0.3")
            .set("Content-Type", "application/json")
            .set("Authorization", &auth)
            .send_string(body)
            .map_err(|e| measure_error(format!("the plain client's POST failed: {e}")))?;
        if r.status() != 200 {
            return Err(measure_error(format!(
                "the plain client's POST answered {}",
                r.status()
            )));
        }
        // Read the answer, as Rehearse does.
        let _ = r.into_string();
    }
    Ok(start.elapsed())
}

fn base64(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                T[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// The batch the table's push uses (the app's default is
/// `xapi::push::DEFAULT_BATCH`; a push of this size is `--batch-size 2500`).
pub const BENCH_BATCH: usize = 2_500;

/// Runs the measure: the statements of `attempts` generated attempts, each
/// side into a fresh store.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    // The two knobs reproduce the other rows of docs/performance.md
    // (batches of 50 or 500 on fewer statements); the table uses neither.
    let knob = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
    };
    // The 100,000 statements (50,000 attempts) in batches of
    // BENCH_BATCH: ralph's file-system store rescans everything it holds on
    // each POST, so the app's default batch of 500 would take about 17
    // minutes a side and break the suite's 30 minutes; batches of 2,500 (the
    // CLI's --batch-size 2500) take about 2 minutes.
    let attempts = knob("REHEARSE_BENCH_PUSH_ATTEMPTS").unwrap_or(ctx.size(50_000, 200));
    let statements = statements(attempts);
    let n = statements.len();
    let bytes: usize = statements.iter().map(|s| s.to_string().len()).sum();
    let dir = ctx.data_path("push")?;
    let outbox_path = dir.join("xapi-outbox.db");
    let fill_start = Instant::now();
    let mut outbox = fill_outbox(&outbox_path, &statements)?;
    let fill = fill_start.elapsed();
    let mut cfg = config("http://127.0.0.1:1/xAPI/");
    cfg.batch_size = knob("REHEARSE_BENCH_PUSH_BATCH").unwrap_or(if ctx.smoke {
        cfg.batch_size
    } else {
        BENCH_BATCH
    });
    let batch = cfg.batch_size;
    let bodies = bodies(&outbox, batch)?;

    // Both at once, each into its own empty store: on a shared machine
    // both sides then see the same load, and the run takes half as long
    // (the store's work grows with what it holds, so each push is minutes).
    let ours_store = Lrs::start(&ctx.repo, &dir.join("store-rehearse"))?;
    let plain_store = Lrs::start(&ctx.repo, &dir.join("store-plain"))?;
    let ours_cfg = LrsConfig {
        endpoint: ours_store.endpoint(),
        ..cfg
    };
    let (ours, plain) = std::thread::scope(|s| {
        let ours = s.spawn(move || push_outbox(&mut outbox, &ours_cfg));
        let plain = post_plain(&plain_store.endpoint(), &bodies);
        let ours = ours
            .join()
            .unwrap_or_else(|_| Err(measure_error("the push thread panicked".into())));
        (ours, plain)
    });
    let (ours, delivered) = ours?;
    let reference = plain?;
    let (held_ours, held_plain) = (ours_store.held()?, plain_store.held()?);
    drop((ours_store, plain_store));
    if delivered as usize != n || held_ours != n || held_plain != n {
        return Err(measure_error(format!(
            "{n} statements sent, but Rehearse delivered {delivered} and the stores hold {held_ours} and {held_plain}"
        )));
    }
    Ok(vec![Row {
        measure: "push to a real LRS on loopback".into(),
        data: format!(
            "{n} statements of {attempts} generated attempts (core statement code, real outbox), ralph-malph 5.1 fs backend, batches of {batch}"
        ),
        ours: Quantity::Time(ours),
        reference: Some((
            "plain HTTP client, same batches".into(),
            Quantity::Time(reference),
        )),
        goal: Goal::RatioAtMost(1.2),
        note: format!(
            "{:.0} statements/s; {:.0} bytes per statement; queuing them in the outbox took {:.2} s more; other sizes and batches: docs/performance.md",
            n as f64 / ours.as_secs_f64(),
            bytes as f64 / n as f64,
            fill.as_secs_f64()
        ),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_statements_are_valid_and_distinct() {
        let s = statements(40);
        assert_eq!(s.len(), 80);
        let ids: std::collections::BTreeSet<&str> =
            s.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 80);
        for st in &s {
            xapi::validate(st).unwrap();
        }
    }

    #[test]
    fn base64_matches_the_rfc() {
        assert_eq!(
            base64("Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64("ab:c"), "YWI6Yw==");
    }
}

//! Helpers for running the real `rehearse` binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The bundled scenario library.
pub fn scenarios() -> PathBuf {
    root().join("scenarios")
}

/// A finished run of the CLI.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    fn from(out: Output, elapsed: Duration) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            elapsed,
        }
    }
}

/// Runs `rehearse ARGS` with `stdin`, killing it if it runs past `limit`.
pub fn rehearse_with(args: &[&str], stdin: &str, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .env("REHEARSE_SCENARIOS", scenarios())
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("rehearse-it-data"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse starts");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    // Drain both pipes while waiting: a child whose output outgrows the pipe
    // buffer (64 KiB) would otherwise block on write and never exit.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = std::io::Read::read_to_end(&mut p, &mut buf);
            }
            buf
        })
    };
    let out_reader = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let err_reader = drain(child.stderr.take().map(|p| Box::new(p) as _));
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("rehearse {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = writer.join();
    let mut out = child.wait_with_output().unwrap();
    out.stdout = out_reader.join().unwrap_or_default();
    out.stderr = err_reader.join().unwrap_or_default();
    Run::from(out, start.elapsed())
}

/// Runs `rehearse ARGS` with empty stdin and a generous time limit.
pub fn rehearse(args: &[&str]) -> Run {
    rehearse_with(args, "", Duration::from_secs(600))
}

/// Writes a scenario folder holding `script` into a fresh temporary folder.
pub fn scratch_scenario(name: &str, script: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("scenario.rhai"), script).unwrap();
    (tmp, dir)
}

/// Metadata and one persona, for hand-written test scenarios.
pub const HEADER: &str = r#"scenario(#{ id: "scratch", version: "1.0.0", title: "Scratch", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
"#;

/// A runaway script is stopped by whichever limit it meets first: the
/// operation count, or the wall-clock deadline on a heavily loaded machine.
pub fn names_a_runaway_limit(message: &str) -> bool {
    message.contains("operation limit of 1000000") || message.contains("time limit of 500 ms")
}

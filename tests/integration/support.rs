//! Helpers for running the real `rehearse` binary.

use std::path::{Path, PathBuf};
use std::process::Output;
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

/// Runs `rehearse ARGS` with `stdin`, killing it if it runs past `limit`
/// (assert_cmd writes stdin and drains both pipes while it waits, so a run
/// with more output than a pipe holds cannot block).
pub fn rehearse_with(args: &[&str], stdin: &str, limit: Duration) -> Run {
    let start = Instant::now();
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .env("REHEARSE_SCENARIOS", scenarios())
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("rehearse-it-data"),
        )
        .write_stdin(stdin)
        .timeout(limit)
        .output()
        .expect("rehearse starts");
    let elapsed = start.elapsed();
    if out.status.code().is_none() && elapsed >= limit {
        panic!("rehearse {args:?} still running after {limit:?}");
    }
    Run::from(out, elapsed)
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

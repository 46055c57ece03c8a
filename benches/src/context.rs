//! Where a run keeps its data, which binaries it measures, and the two ways
//! of timing: a whole process (time and peak memory) and a closure.

use crate::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What every measure is given.
#[derive(Debug, Clone)]
pub struct Context {
    /// Small sizes and one repetition: CI's smoke run, which proves the
    /// measures still work and asserts no timing.
    pub smoke: bool,
    /// The repository's root (the bundled scenarios, `docs/`).
    pub repo: PathBuf,
    /// Generated data, kept between runs: `target/bench-data/`.
    pub data: PathBuf,
    /// The release `rehearse` binary the process-level measures run.
    pub rehearse: PathBuf,
}

impl Context {
    /// `full` when this is a full run, `smoke` when it is a smoke run: the
    /// size a measure should use.
    pub fn size(&self, full: usize, smoke: usize) -> usize {
        if self.smoke {
            smoke
        } else {
            full
        }
    }

    /// How many times to repeat a whole-process measurement (the median is
    /// reported).
    pub fn runs(&self) -> usize {
        if self.smoke {
            1
        } else {
            5
        }
    }

    /// A file or folder under [`Context::data`], with its parent created.
    pub fn data_path(&self, name: &str) -> Result<PathBuf, Error> {
        let path = self.data.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        Ok(path)
    }
}

/// One run of a whole process: how long it took and its peak resident set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProcessRun {
    /// Wall-clock time from spawn to exit.
    pub wall: Duration,
    /// The child's peak resident set size in bytes (`ru_maxrss` of wait4).
    pub peak_rss: u64,
}

/// Runs `command` to completion `runs` times (stdout and stderr discarded
/// unless the command redirects them itself) and returns each run. A non-zero
/// exit is an error naming the command.
pub fn run_process(command: &mut Command, runs: usize) -> Result<Vec<ProcessRun>, Error> {
    let shown = format!("{command:?}");
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let child = command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| Error::Command {
                command: shown.clone(),
                problem: format!("could not start: {e}"),
            })?;
        let (status, rss, stderr) = wait_with_rusage(child, &shown)?;
        let wall = start.elapsed();
        if status != 0 {
            let said = stderr.trim();
            return Err(Error::Command {
                command: shown,
                problem: if said.is_empty() {
                    format!("exited with status {status}")
                } else {
                    format!("exited with status {status}: {said}")
                },
            });
        }
        out.push(ProcessRun {
            wall,
            peak_rss: rss,
        });
    }
    Ok(out)
}

/// Waits for `child` and returns its exit code, its own peak RSS in bytes
/// and what it wrote to stderr.
///
/// The peak is the child's `VmHWM` (`/proc/PID/status`), read every few
/// milliseconds until it exits: it belongs to the memory the child got at
/// `exec`, so it is the child's alone. `wait4`'s `ru_maxrss` is not: Linux
/// carries the parent's high-water mark across `exec` into it, so after
/// the bench itself has grown (seeding a million attempts takes a few
/// hundred MB) every child would read at least that. `ru_maxrss` is used
/// only when the child exited before its first reading.
fn wait_with_rusage(
    mut child: std::process::Child,
    shown: &str,
) -> Result<(i32, u64, String), Error> {
    use std::io::Read;
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_string(&mut text);
        }
        text
    });
    let pid = child.id() as libc::pid_t;
    let status_file = format!("/proc/{pid}/status");
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut peak: Option<u64> = None;
    let rc = loop {
        // SAFETY: pid is our own un-waited child; both out-pointers are valid.
        let rc = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if rc != 0 {
            break rc;
        }
        if let Some(kb) = std::fs::read_to_string(&status_file)
            .ok()
            .as_deref()
            .and_then(high_water_kb)
        {
            peak = Some(peak.unwrap_or(0).max(kb * 1024));
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let text = reader.join().unwrap_or_default();
    if rc != pid {
        return Err(Error::Command {
            command: shown.to_string(),
            problem: format!("wait4 failed: {}", std::io::Error::last_os_error()),
        });
    }
    // The std Child was reaped by wait4; forget it so it does not wait again.
    std::mem::forget(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok((code, peak.unwrap_or(usage.ru_maxrss as u64 * 1024), text))
}

/// The `VmHWM:` line of a `/proc/PID/status` text, in kB.
fn high_water_kb(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The median of `runs` by wall time.
pub fn median(runs: &[ProcessRun]) -> ProcessRun {
    let mut sorted = runs.to_vec();
    sorted.sort_by_key(|r| r.wall);
    sorted[sorted.len() / 2]
}

/// Times `f` once per call for `n` calls and returns every duration, sorted,
/// for percentiles.
pub fn sample<T>(
    n: usize,
    mut f: impl FnMut() -> Result<T, Error>,
) -> Result<Vec<Duration>, Error> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n.max(1) {
        let start = Instant::now();
        std::hint::black_box(f()?);
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times)
}

/// The `p`-th percentile (0..=100) of sorted durations, nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The path of a release binary built from this workspace.
pub fn release_binary(repo: &Path, name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));
    target.join("release").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_is_nearest_rank() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&d, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&d, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&d, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&d[..1], 99.0), Duration::from_millis(1));
    }

    #[test]
    fn a_process_reports_its_own_peak_memory() {
        // Python allocating 64 MiB must show a peak above that; `sleep` far below.
        let small = run_process(Command::new("sleep").arg("0.1"), 1).unwrap();
        let big = run_process(
            Command::new("python3").args([
                "-c",
                "x = bytearray(64 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])",
            ]),
            1,
        )
        .unwrap();
        assert!(big[0].peak_rss > 64 * 1024 * 1024, "{big:?}");
        assert!(small[0].peak_rss < 32 * 1024 * 1024, "{small:?}");
    }

    /// Linux carries a parent's high-water mark across `exec` into the
    /// child's `ru_maxrss`: a child of a large parent must still read small.
    #[test]
    fn a_child_of_a_large_parent_reports_only_its_own_peak() {
        let mut ballast = vec![0u8; 256 * 1024 * 1024];
        for i in (0..ballast.len()).step_by(4096) {
            ballast[i] = 1;
        }
        std::hint::black_box(&ballast);
        let child = run_process(Command::new("sleep").arg("0.2"), 1).unwrap();
        drop(ballast);
        assert!(child[0].peak_rss < 32 * 1024 * 1024, "{child:?}");
    }

    #[test]
    fn a_failing_process_is_an_error_naming_it() {
        let err =
            run_process(Command::new("sh").args(["-c", "echo nope >&2; exit 3"]), 1).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("status 3") && text.contains("nope"), "{text}");
    }
}

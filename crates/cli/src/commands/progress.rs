//! A small progress bar on standard error for long exports and pushes:
//! drawn only on a terminal (or with `REHEARSE_PROGRESS=1`), only once the
//! work has taken more than a moment, and at most ten times a second.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Forces the bar even when standard error is not a terminal.
pub const PROGRESS_ENV: &str = "REHEARSE_PROGRESS";

/// A progress bar.
pub struct Progress {
    label: &'static str,
    start: Instant,
    last: Option<Instant>,
    enabled: bool,
    drawn: bool,
}

impl Progress {
    /// A bar for `label` ("exporting", "pushing").
    pub fn new(label: &'static str) -> Progress {
        let forced = std::env::var(PROGRESS_ENV).is_ok_and(|v| v == "1");
        Progress {
            label,
            start: Instant::now(),
            last: None,
            enabled: forced || std::io::stderr().is_terminal(),
            drawn: false,
        }
    }

    /// Records progress: `done` of `total` (0 when unknown).
    pub fn update(&mut self, done: u64, total: u64) {
        let now = Instant::now();
        if !self.enabled || now - self.start < Duration::from_millis(300) {
            return;
        }
        if self
            .last
            .is_some_and(|l| now - l < Duration::from_millis(100))
            && done < total
        {
            return;
        }
        self.last = Some(now);
        self.drawn = true;
        let line = if total > 0 {
            let frac = (done as f64 / total as f64).clamp(0.0, 1.0);
            let filled = (frac * 30.0) as usize;
            format!(
                "\r{} [{}{}] {done}/{total} ({:.0}%)",
                self.label,
                "#".repeat(filled),
                "-".repeat(30 - filled),
                frac * 100.0
            )
        } else {
            format!("\r{} {done}", self.label)
        };
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }

    /// Ends the bar's line, if one was drawn.
    pub fn finish(&mut self) {
        if self.drawn {
            eprintln!();
            self.drawn = false;
        }
    }
}

//! The one progress bar of the CLI, for long exports and pushes: on standard
//! error, with the count, the rate and the time left (`indicatif`), drawn
//! only on a terminal (or with `REHEARSE_PROGRESS=1`), never with `--quiet`,
//! and at most ten times a second so it costs the work nothing.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Forces the bar even when standard error is not a terminal.
pub const PROGRESS_ENV: &str = "REHEARSE_PROGRESS";

/// A progress bar; hidden ones do nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    total: u64,
}

impl Progress {
    /// A bar for `label` ("exporting", "pushing"), shown on a terminal.
    pub fn new(label: &'static str) -> Progress {
        Progress::with_quiet(label, false)
    }

    /// A bar for `label`, hidden when `quiet` or when standard error is not
    /// a terminal (unless `REHEARSE_PROGRESS=1`).
    pub fn with_quiet(label: &'static str, quiet: bool) -> Progress {
        let forced = std::env::var(PROGRESS_ENV).is_ok_and(|v| v == "1");
        let shown = !quiet && (forced || std::io::stderr().is_terminal());
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
            bar.set_prefix(label);
            bar.set_style(spinner_style());
            bar
        });
        Progress { bar, total: 0 }
    }

    /// Records progress: `done` of `total` (0 when unknown: a count and a
    /// rate, no time left).
    pub fn update(&mut self, done: u64, total: u64) {
        let Some(bar) = &self.bar else { return };
        if total != self.total {
            self.total = total;
            if total > 0 {
                bar.set_length(total);
                bar.set_style(bar_style());
            } else {
                bar.unset_length();
                bar.set_style(spinner_style());
            }
        }
        bar.set_position(done);
    }

    /// Clears the bar, if one was drawn.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{prefix} [{bar:30}] {human_pos}/{human_len} ({percent}%) {per_sec} ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("#>-")
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{prefix} {spinner} {human_pos} {per_sec} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_bar_draws_nothing_and_takes_updates() {
        let mut p = Progress::with_quiet("exporting", true);
        assert!(p.bar.is_none());
        p.update(5, 10);
        p.update(6, 0);
        p.finish();
    }
}

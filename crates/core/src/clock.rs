//! The clock, injected wherever "now" matters.
//!
//! Records and certification never read the system clock directly: a
//! [`Store`](crate::records::Store) holds a [`Clock`], so tests (and trainers
//! back-dating a scripted session with `--at`/`REHEARSE_NOW`) run at a fixed
//! time.

use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use std::sync::Mutex;

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant, in UTC.
    fn now(&self) -> DateTime<Utc>;

    /// The current date (UTC).
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The real clock of the machine.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that says what it is told: for tests and for back-dating.
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
}

impl FixedClock {
    /// A clock stopped at `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        FixedClock {
            now: Mutex::new(now),
        }
    }

    /// A clock stopped at noon UTC on `date`.
    pub fn on(date: NaiveDate) -> Self {
        Self::new(noon(date))
    }

    /// Moves the clock to `now`.
    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The environment variable that fixes "now" for the records, in every front
/// end: a back-dating aid for trainers and a fixed date for tests
/// (`YYYY-MM-DD` or RFC 3339).
pub const NOW_ENV: &str = "REHEARSE_NOW";

/// The clock a front end runs the records on: stopped at `at` when given
/// (the CLI's `--at`), else at the time in [`NOW_ENV`] when it is set and
/// not blank, else the system clock. A time that does not parse is an
/// error naming it, never a silent fall-back to the real clock.
pub fn configured(at: Option<&str>) -> Result<std::sync::Arc<dyn Clock>> {
    let fixed = match at {
        Some(a) => Some(a.to_string()),
        None => std::env::var(NOW_ENV).ok().filter(|v| !v.trim().is_empty()),
    };
    Ok(match fixed {
        Some(v) => std::sync::Arc::new(FixedClock::new(parse_instant(&v)?)),
        None => std::sync::Arc::new(SystemClock),
    })
}

/// Noon UTC on a date: the instant a bare date stands for.
pub fn noon(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .and_utc()
}

fn bad(s: &str) -> Error {
    Error::Date(format!(
        "\"{s}\" is not a date or time; use YYYY-MM-DD (for example 2025-02-10) or an RFC 3339 time such as 2025-02-10T09:30:00Z"
    ))
}

/// Parses `YYYY-MM-DD` (taken as noon UTC) or an RFC 3339 time.
pub fn parse_instant(s: &str) -> Result<DateTime<Utc>> {
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(noon(d));
    }
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| bad(s))
}

/// Parses `YYYY-MM-DD`, or an RFC 3339 time (its UTC date).
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    parse_instant(s).map(|d| d.date_naive())
}

/// Formats an instant the way the records store it (RFC 3339, seconds, `Z`).
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Reads an instant stored by [`format_instant`].
pub fn read_instant(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| Error::Database(format!("stored time \"{s}\" is not an RFC 3339 time")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_times_and_refuses_nonsense() {
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            format_instant(parse_instant("2025-02-10T09:30:00+01:00").unwrap()),
            "2025-02-10T08:30:00Z"
        );
        assert_eq!(
            format_instant(parse_instant("2025-02-10").unwrap()),
            "2025-02-10T12:00:00Z"
        );
        for s in [
            "2025-02-30",
            "2023-02-29",
            "tomorrow",
            "",
            "2025-13-01",
            "10/02/2025",
        ] {
            let e = parse_instant(s).unwrap_err();
            assert_eq!(e.code(), "date", "{s}");
            assert!(e.to_string().contains("YYYY-MM-DD"));
        }
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let c = FixedClock::on(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        assert_eq!(c.today().to_string(), "2025-01-01");
        c.set(parse_instant("2026-03-04T00:00:00Z").unwrap());
        assert_eq!(c.today().to_string(), "2026-03-04");
    }
}

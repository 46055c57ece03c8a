//! Transcript retention: keep, erase after N days, or erase once graded.
//!
//! Erasing a transcript removes the trainee's own words (free-text inputs,
//! what they said, the analyser's matched spans and "you said" lines) and
//! keeps the labels, the evidence, the grades and the red-flag outcomes.

use super::audit::{self, Entry};
use super::store::Store;
use crate::attempt::Turn;
use crate::clock::format_instant;
use crate::error::{Error, Result};
use crate::report::Report;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The setting key.
const KEY: &str = "transcript_retention";

/// How long free-text transcripts are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retention {
    /// Keep transcripts (the default).
    Keep,
    /// Erase a transcript this many days after its attempt ended.
    EraseAfterDays(u32),
    /// Erase a transcript as soon as its attempt is graded.
    EraseOnceGraded,
}

impl std::fmt::Display for Retention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Retention::Keep => write!(f, "keep"),
            Retention::EraseAfterDays(n) => write!(f, "after:{n}"),
            Retention::EraseOnceGraded => write!(f, "graded"),
        }
    }
}

impl std::str::FromStr for Retention {
    type Err = Error;

    /// `keep`, `graded`, or `after:N` (N days, 1 to 3650).
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        match t {
            "keep" => return Ok(Retention::Keep),
            "graded" => return Ok(Retention::EraseOnceGraded),
            _ => {}
        }
        if let Some(n) = t.strip_prefix("after:") {
            if let Ok(days) = n.trim().parse::<u32>() {
                if (1..=3650).contains(&days) {
                    return Ok(Retention::EraseAfterDays(days));
                }
            }
        }
        Err(Error::Input(format!(
            "retention must be keep, graded or after:DAYS (1 to 3650), not \"{s}\""
        )))
    }
}

pub use super::redaction::{redact_report, redact_turn};

/// Erases one attempt's transcript (free text only); a no-op when done before.
pub(crate) fn erase_transcript(conn: &Connection, attempt: &str, now: &str) -> Result<()> {
    let turns: Vec<(i64, String)> = {
        let mut stmt = conn.prepare(
            "SELECT number, detail FROM turns WHERE attempt_id = ?1 AND input_kind = 'free_text'",
        )?;
        let rows = stmt.query_map([attempt], |r| TryFrom::try_from(r))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (number, detail) in turns {
        let mut turn: Turn = serde_json::from_str(&detail).map_err(|e| {
            Error::Database(format!(
                "turn {number} of attempt {attempt} is unreadable: {e}"
            ))
        })?;
        redact_turn(&mut turn);
        let detail = serde_json::to_string(&turn).map_err(|e| Error::Database(e.to_string()))?;
        let input =
            serde_json::to_string(&turn.input).map_err(|e| Error::Database(e.to_string()))?;
        conn.execute(
            "UPDATE turns SET said = NULL, input = ?1, detail = ?2 WHERE attempt_id = ?3 AND number = ?4",
            rusqlite::params![input, detail, attempt, number],
        )?;
        let rowid: i64 = conn.query_row(
            "SELECT rowid FROM turns WHERE attempt_id = ?1 AND number = ?2",
            rusqlite::params![attempt, number],
            |r| r.get(0),
        )?;
        super::ledger::record(
            conn,
            &super::ledger::TURNS,
            Some(rowid),
            &super::ledger::turn_subject(attempt, number),
            "redacted",
            now,
        )?;
    }
    let report: Option<String> = conn.query_row(
        "SELECT report FROM attempts WHERE id = ?1",
        [attempt],
        |r| r.get(0),
    )?;
    if let Some(text) = report {
        let mut r: Report = serde_json::from_str(&text).map_err(|e| {
            Error::Database(format!(
                "the report of attempt {attempt} is unreadable: {e}"
            ))
        })?;
        redact_report(&mut r);
        let text = serde_json::to_string(&r).map_err(|e| Error::Database(e.to_string()))?;
        conn.execute(
            "UPDATE attempts SET report = ?1 WHERE id = ?2",
            [text.as_str(), attempt],
        )?;
    }
    conn.execute(
        "UPDATE attempts SET transcript_erased_at = COALESCE(transcript_erased_at, ?1) WHERE id = ?2",
        [now, attempt],
    )?;
    Ok(())
}

pub(crate) fn current(conn: &Connection) -> Result<Retention> {
    match Store::setting(conn, KEY)? {
        None => Ok(Retention::Keep),
        Some(v) => v.parse().map_err(|_| {
            Error::Database(format!("the stored retention setting \"{v}\" is not valid"))
        }),
    }
}

impl Store {
    /// The transcript retention setting (default: keep).
    pub fn retention(&self) -> Result<Retention> {
        current(&self.conn)
    }

    /// Changes the retention setting (audited) and applies it at once.
    pub fn set_retention(&self, retention: Retention, actor: &str) -> Result<usize> {
        let now = self.now_text();
        let tx = self.write()?;
        let before = current(&tx)?;
        Store::set_setting(&tx, KEY, &retention.to_string(), &now)?;
        audit::record(
            &tx,
            &now,
            Entry {
                actor,
                action: audit::AuditAction::SettingsRetention,
                subject: "transcript retention",
                before: Some(&before.to_string()),
                after: Some(&retention.to_string()),
                reason: None,
            },
        )?;
        tx.commit()?;
        self.apply_retention()
    }

    /// Erases every transcript the setting says is due, as of the store's
    /// clock. Returns how many attempts were erased now.
    pub fn apply_retention(&self) -> Result<usize> {
        let now = self.clock().now();
        let now_text = format_instant(now);
        let tx = self.write()?;
        let due: Vec<String> = match current(&tx)? {
            Retention::Keep => Vec::new(),
            Retention::EraseOnceGraded => {
                let mut stmt = tx.prepare(
                    "SELECT id FROM attempts WHERE status != 'in_progress' AND transcript_erased_at IS NULL",
                )?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            Retention::EraseAfterDays(days) => {
                let cutoff = format_instant(now - chrono::Duration::days(i64::from(days)));
                let mut stmt = tx.prepare(
                    "SELECT id FROM attempts WHERE status != 'in_progress' AND transcript_erased_at IS NULL AND ended_at <= ?1",
                )?;
                let rows = stmt.query_map([cutoff], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        for a in &due {
            erase_transcript(&tx, a, &now_text)?;
        }
        tx.commit()?;
        Ok(due.len())
    }
}

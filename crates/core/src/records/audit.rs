//! The audit log: who did what, when, to what, with the value before and
//! after and the reason. Entries hold ids, never a trainee's name or email.

use super::chain;
use super::store::Store;
use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    /// Position in the log, from 1.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: `trainer NAME (ID)`, `system` or `cli`.
    pub actor: String,
    /// What: `trainee.add`, `override`, `certification.granted`, …
    pub action: String,
    /// To what: `attempt ID competency open_questions`, `trainee ID`, …
    pub subject: String,
    /// The value before, when something changed.
    pub before: Option<String>,
    /// The value after.
    pub after: Option<String>,
    /// Why, in the actor's words.
    pub reason: Option<String>,
}

/// What to write in the log (the time comes from the store's clock).
pub(crate) struct Entry<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// Appends an entry and seals it into the audit chain.
pub(crate) fn record(conn: &Connection, at: &str, e: Entry<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO audit (at, actor, action, subject, before, after, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![at, e.actor, e.action, e.subject, e.before, e.after, e.reason],
    )?;
    chain::seal(conn, &chain::AUDIT, conn.last_insert_rowid())
}

impl Store {
    /// The whole audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        entries(&self.conn, "", [])
    }
}

/// The entries matching `filter` (a `WHERE` clause over the audit table,
/// or nothing), oldest first.
pub(crate) fn entries<P: rusqlite::Params>(
    conn: &Connection,
    filter: &str,
    params: P,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
            "SELECT seq, at, actor, action, subject, before, after, reason FROM audit {filter} ORDER BY seq"
        ))?;
    let rows = stmt.query_map(params, |r| {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            subject: r.get(4)?,
            before: r.get(5)?,
            after: r.get(6)?,
            reason: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

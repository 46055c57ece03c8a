//! The outbox: statements wait in SQLite until a learning record store
//! acknowledges them. It is its own file (`xapi-outbox.db` beside the
//! records database), so pushing never locks the records.
//!
//! Each statement is `pending`, `delivered` or `failed` (rejected by the
//! store, with its message). Queuing is idempotent by statement id.

use super::validate::validate;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The outbox file name in the data directory.
pub const OUTBOX_FILE: &str = "xapi-outbox.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    tries INTEGER NOT NULL DEFAULT 0,
    message TEXT,
    queued_at TEXT NOT NULL,
    delivered_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox(state, seq);
";

/// Statements by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxCounts {
    /// Waiting to be sent.
    pub pending: u64,
    /// Acknowledged by the store.
    pub delivered: u64,
    /// Rejected by the store.
    pub failed: u64,
}

/// A statement that was rejected, with the store's message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FailedStatement {
    /// Statement id.
    pub id: String,
    /// The store's message.
    pub message: String,
}

/// The SQLite outbox.
#[derive(Debug)]
pub struct Outbox {
    conn: Connection,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Outbox {
    /// The outbox next to the records database in the data directory.
    pub fn default_path() -> Option<PathBuf> {
        crate::installation::data_dir().map(|d| d.join(OUTBOX_FILE))
    }

    /// The outbox beside a records database file.
    pub fn beside(records_db: &Path) -> PathBuf {
        records_db.with_file_name(OUTBOX_FILE)
    }

    /// Opens (creating) the outbox at `path`.
    pub fn open(path: &Path) -> Result<Outbox> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let conn = Connection::open(path)
            .map_err(|e| Error::Database(format!("{}: {e}", path.display())))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Outbox { conn })
    }

    /// Validates and queues statements; returns how many were new (a
    /// statement already queued, in any state, is left as it is).
    pub fn enqueue<'a>(
        &mut self,
        statements: impl IntoIterator<Item = &'a Value>,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO outbox (id, statement, state, queued_at) VALUES (?1, ?2, 'pending', ?3)",
            )?;
            let at = now();
            for s in statements {
                validate(s)?;
                let id = s["id"].as_str().unwrap_or_default();
                added += stmt.execute(params![id, s.to_string(), at])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Up to `limit` pending statements, oldest first: (id, JSON text).
    pub fn pending(&self, limit: usize) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, statement FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| TryFrom::try_from(r))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks statements delivered.
    pub fn mark_delivered(&mut self, ids: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE outbox SET state = 'delivered', delivered_at = ?2, tries = tries + 1, message = NULL WHERE id = ?1",
            )?;
            let at = now();
            for id in ids {
                stmt.execute(params![id, at])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks a statement failed with the store's message.
    pub fn mark_failed(&self, id: &str, message: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET state = 'failed', tries = tries + 1, message = ?2 WHERE id = ?1",
            params![id, message],
        )?;
        Ok(())
    }

    /// Puts every failed statement back in the queue.
    pub fn retry_failed(&self) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'pending' WHERE state = 'failed'",
            [],
        )?)
    }

    /// How many statements are in each state.
    pub fn counts(&self) -> Result<OutboxCounts> {
        let mut c = OutboxCounts::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT state, COUNT(*) FROM outbox GROUP BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (state, n) = row?;
            let n = u64::try_from(n).unwrap_or(0);
            match state.as_str() {
                "pending" => c.pending = n,
                "delivered" => c.delivered = n,
                _ => c.failed = n,
            }
        }
        Ok(c)
    }

    /// The failed statements with their messages.
    pub fn failed(&self) -> Result<Vec<FailedStatement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, COALESCE(message, '') FROM outbox WHERE state = 'failed' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FailedStatement {
                id: r.get(0)?,
                message: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The state of one statement, if queued.
    pub fn state(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT state FROM outbox WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xapi::statement::{attempt_statements, tests::sample};

    #[test]
    fn queue_is_idempotent_and_tracks_states() {
        let dir = tempfile::tempdir().unwrap();
        let mut o = Outbox::open(&dir.path().join(OUTBOX_FILE)).unwrap();
        let s = attempt_statements(&sample());
        assert_eq!(o.enqueue(&s).unwrap(), 2);
        assert_eq!(o.enqueue(&s).unwrap(), 0);
        let p = o.pending(10).unwrap();
        assert_eq!(p.len(), 2);
        o.mark_delivered(&[p[0].0.clone()]).unwrap();
        o.mark_failed(&p[1].0, "bad").unwrap();
        assert_eq!(
            o.counts().unwrap(),
            OutboxCounts {
                pending: 0,
                delivered: 1,
                failed: 1
            }
        );
        assert_eq!(o.failed().unwrap()[0].message, "bad");
        assert_eq!(o.enqueue(&s).unwrap(), 0, "delivered stays delivered");
        assert_eq!(o.retry_failed().unwrap(), 1);
        assert_eq!(o.pending(10).unwrap().len(), 1);
    }

    #[test]
    fn invalid_statements_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut o = Outbox::open(&dir.path().join(OUTBOX_FILE)).unwrap();
        let mut s = attempt_statements(&sample()).remove(0);
        s["result"]["score"]["scaled"] = 3.into();
        assert!(o.enqueue([&s]).is_err());
        assert_eq!(o.counts().unwrap(), OutboxCounts::default());
    }
}

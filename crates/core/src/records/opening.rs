//! Opening the records file: creating its folder owner-only, refusing a
//! file that is not a Rehearse database or was written by a newer Rehearse,
//! WAL and foreign keys, the backup and migration of an older schema (with
//! the catalogue's grandfathering of versions assessed before it existed),
//! and the daily signed checkpoint. It sits above the modules it calls.

use super::migrations;
use super::store::{Store, DB_FILE};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long opening starts again after SQLite refused a lock at once.
pub const OPEN_RETRY_FOR: Duration = Duration::from_secs(10);

/// Whether `e` is SQLite's SQLITE_BUSY, whose message rusqlite gives as
/// "database is locked" (the core's database errors carry the message).
fn is_locked(e: &Error) -> bool {
    matches!(e, Error::Database(m) if m.contains("database is locked"))
}

impl Store {
    /// `rehearse.db` in the platform data directory
    /// ([`library::data_dir`](crate::installation::data_dir)).
    pub fn default_path() -> Option<PathBuf> {
        crate::installation::data_dir().map(|d| d.join(DB_FILE))
    }

    /// Opens (creating if needed) the database at `path` with the system clock.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Opens the database at `path` with an injected clock: creates the
    /// folder, refuses a file that is not a Rehearse database or was written
    /// by a newer Rehearse, turns on WAL and foreign keys, backs the file up
    /// next to itself and migrates it when its schema is older.
    ///
    /// Several processes may open a new file at once (the desktop app and
    /// the CLI, say). SQLite answers some of the lock upgrades such a race
    /// makes with "database is locked" at once, without waiting out the busy
    /// timeout, so an open that meets one starts again, for up to
    /// [`OPEN_RETRY_FOR`]. Every step of opening is safe to repeat: the
    /// migrations and the grandfathering check the schema version under
    /// the write lock.
    pub fn open_with_clock(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        let until = std::time::Instant::now() + OPEN_RETRY_FOR;
        loop {
            match Self::open_once(path, Arc::clone(&clock)) {
                Err(e) if is_locked(&e) && std::time::Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                done => return done,
            }
        }
    }

    /// One attempt at [`Store::open_with_clock`].
    fn open_once(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.exists() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                // A folder made for the records is the owner's alone.
                crate::durable::restrict(parent, true)?;
            }
        }
        if path.is_dir() {
            return Err(Error::Database(format!(
                "{} is a folder; give the path of a database file",
                path.display()
            )));
        }
        check_header(path)?;
        let not_db = |e: rusqlite::Error| {
            Error::Database(format!(
                "{}: cannot be opened as a Rehearse records database ({e}); it may be damaged. Restore a backup (*.bak next to it) or choose another file with --db",
                path.display()
            ))
        };
        let mut conn = Connection::open(path).map_err(not_db)?;
        // Records are personal data: owner-only (SQLite gives its -wal and
        // -shm files the same permissions).
        crate::durable::restrict(path, false)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(not_db)?;
        // The first read of the header: a damaged file fails here.
        let found = migrations::user_version(&conn).map_err(|e| match e {
            Error::Database(m) => Error::Database(format!(
                "{}: cannot be read as a Rehearse records database ({m}); it may be damaged. Restore a backup (*.bak next to it) or choose another file with --db",
                path.display()
            )),
            other => other,
        })?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let now = crate::clock::format_instant(clock.now());
        let backup = migrations::migrate(&mut conn, path, &now)?;
        if found > 0 && found < migrations::CATALOGUE_VERSION {
            // Versions assessed before the catalogue existed stay approved,
            // so the certifications the file holds stand.
            let tx = Transaction::new(&mut conn, TransactionBehavior::Immediate)?;
            super::catalogue::grandfather(&tx, &now)?;
            tx.commit()?;
        }
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Database(format!(
                "{}: could not switch to WAL mode (got {mode})",
                path.display()
            )));
        }
        // FULL: a turn the trainee was told is saved survives a power cut,
        // not only a crash of the app (NORMAL in WAL may lose the last
        // commits). Turns are human-paced, so the extra sync costs nothing
        // anyone notices.
        conn.pragma_update(None, "synchronous", "FULL")?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            clock,
            backup,
        };
        // At least a daily signed checkpoint while the records are in use; a
        // store that fails its last one gets none (verify-db reports it).
        let _ = store.checkpoint_if_due();
        Ok(store)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::user_version(&self.conn)
    }
}

/// Refuses a non-empty file that is not SQLite before SQLite touches it.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut head = Vec::with_capacity(16);
    f.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if head.is_empty() || head.as_slice() == SQLITE_MAGIC {
        return Ok(());
    }
    Err(Error::Database(format!(
        "{} is not a Rehearse records database (it is not an SQLite file); choose another file with --db",
        path.display()
    )))
}

//! Opening the records store: the one way every front end does it.
//!
//! Opening is more than a connection. The clock is chosen by one rule
//! (`--at`, else `REHEARSE_NOW`, else the system clock), the transcript
//! retention setting is applied (an `after:DAYS` or `graded` setting erases
//! what fell due while no front end was running), and the bundled library's
//! versions the catalogue has never seen are approved for certification.
//! The CLI and the desktop app both call [`open`], so none of these steps
//! can be forgotten by one of them.

use crate::error::{Error, Result};
use rehearse_core::library::index::LibraryIndex;
use rehearse_core::records::Store;
use std::path::{Path, PathBuf};

/// How to open the records: where, on which clock, and with which library index.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// The database file; `rehearse.db` in the platform data folder when `None`.
    pub path: Option<PathBuf>,
    /// A fixed time for the records clock (`YYYY-MM-DD` or RFC 3339), as the
    /// CLI's `--at` gives it; when `None`, `REHEARSE_NOW` or the system clock.
    pub at: Option<String>,
    /// The library index file the bundled approval reads and updates; the
    /// data folder's index when `None`.
    pub index: Option<PathBuf>,
}

impl OpenOptions {
    /// Options for the records and index kept in `data_dir` (the desktop
    /// app's layout: `rehearse.db` and `cache/library-index.json`).
    pub fn in_data_dir(data_dir: &Path) -> Self {
        OpenOptions {
            path: Some(data_dir.join("rehearse.db")),
            at: None,
            index: Some(LibraryIndex::file_in(data_dir)),
        }
    }

    /// The database file these options open.
    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.path {
            Some(p) => Ok(p.clone()),
            None => Store::default_path().ok_or(Error::NoDataDir),
        }
    }
}

/// The records as opened, and what opening them reported.
pub struct Opened {
    /// The store, retention applied and the bundled library approved.
    pub store: Store,
    /// The library index the approval used, kept so that listing the
    /// library next compiles nothing the approval already read.
    pub index: LibraryIndex,
    /// Where the copy of the file from before a schema upgrade was kept,
    /// when opening upgraded it; a front end should say so once.
    pub backup: Option<PathBuf>,
    /// How many transcripts the retention setting erased on opening.
    pub erased: usize,
    /// Bundled scenario folders that could not be loaded, with why; they
    /// are not approved for certification and a front end should name them.
    pub skipped: Vec<(PathBuf, String)>,
}

impl Opened {
    /// What opening had to tell the person running Rehearse, one sentence
    /// each: a schema upgrade's backup, and each bundled folder left
    /// unapproved with why. Front ends show them (the CLI and the desktop
    /// app on standard error, prefixed `rehearse: `).
    pub fn notices(&self) -> Vec<String> {
        let backup = self.backup.iter().map(|b| {
            format!(
                "the records database was upgraded; the previous version is kept at {}",
                b.display()
            )
        });
        let skipped = self.skipped.iter().map(|(folder, why)| {
            format!(
                "bundled scenario {} is not approved for certification: {why}",
                folder.display()
            )
        });
        backup.chain(skipped).collect()
    }
}

/// Opens the records store as `options` say, applies the retention setting
/// and approves the bundled library's unseen versions (a withdrawn version
/// stays withdrawn). The library index is a cache: failing to save it
/// fails nothing.
pub fn open(options: &OpenOptions) -> Result<Opened> {
    let clock = rehearse_core::clock::configured(options.at.as_deref())?;
    let store = Store::open_with_clock(&options.db_path()?, clock)?;
    let backup = store.backup_path().map(Path::to_path_buf);
    let erased = store.apply_retention()?;
    let mut index = match &options.index {
        Some(file) => LibraryIndex::open(file),
        None => LibraryIndex::open_default(),
    };
    let approval = rehearse_core::bundled::approve_installed(&store, &mut index)?;
    let _ = index.save_if_changed();
    Ok(Opened {
        store,
        index,
        backup,
        erased,
        skipped: approval.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};
    use rehearse_core::records::Retention;

    #[test]
    fn opening_uses_the_given_clock_and_keeps_the_file_where_asked() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        assert_eq!(opened.store.clock().today().to_string(), "2025-03-01");
        assert_eq!(opened.store.path(), tmp.path().join("rehearse.db"));
        assert!(opened.backup.is_none(), "a new file is not an upgrade");
        assert!(opened.notices().is_empty(), "{:?}", opened.notices());
        assert_eq!(opened.erased, 0);
    }

    #[test]
    fn a_time_that_does_not_parse_is_an_error_not_the_real_clock() {
        let tmp = tempfile::tempdir().unwrap();
        let err = open(&OpenOptions {
            at: Some("next tuesday".into()),
            ..OpenOptions::in_data_dir(tmp.path())
        })
        .err()
        .expect("refused");
        assert_eq!(err.code(), rehearse_core::Error::Date(String::new()).code());
        assert!(err.to_string().contains("next tuesday"), "{err}");
    }

    #[test]
    fn opening_erases_the_transcripts_that_fell_due_while_nothing_ran() {
        let tmp = tempfile::tempdir().unwrap();
        let first = records_on(tmp.path(), "2025-03-01");
        let ana = first.store.add_trainee("Ana", None, None).unwrap();
        play_test(&first.store, ana.id, "near-miss", "strong path");
        // Thirty days' keeping erases nothing yet.
        assert_eq!(
            first
                .store
                .set_retention(Retention::EraseAfterDays(30), "test")
                .unwrap(),
            0
        );
        drop(first);
        // Opened again ten days on: still within the thirty days.
        assert_eq!(records_on(tmp.path(), "2025-03-11").erased, 0);
        // Opened forty days on, by any front end: the transcript is erased
        // on opening, before anything reads it.
        let later = records_on(tmp.path(), "2025-04-10");
        assert_eq!(later.erased, 1);
        assert_eq!(records_on(tmp.path(), "2025-04-11").erased, 0, "once");
    }
}

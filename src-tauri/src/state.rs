//! The app's managed state, one newtype per capability.

use crate::error::Result;
use rehearse_app::conversation::Conversation;
use rehearse_app::records::OpenOptions;
use rehearse_core::library::index::LibraryIndex;
use rehearse_core::records::Store;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// Locks a mutex, recovering the data if a previous holder panicked (the
/// state stays usable; the panic itself was already reported).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The records database (profiles, attempts, reports), from `rehearse-core`.
pub struct Records(pub Mutex<Store>);

impl Records {
    /// Opens another connection to the same records file with the same
    /// clock, for long work (an export, queuing statements for a push) that
    /// must not hold the shared connection for its whole run: the database
    /// is in WAL mode, so this connection reads while the player and the
    /// other screens go on using the shared one.
    pub fn open_another(&self) -> Result<Store> {
        let (path, clock) = {
            let store = lock(&self.0);
            (store.path().to_path_buf(), Arc::clone(store.clock()))
        };
        Ok(Store::open_with_clock(&path, clock)?)
    }
}

/// The scenario library: the bundled folder plus folders the user added,
/// and the library index (`cache/library-index.json` in the data
/// directory) that every listing, title look-up and the start-up approval
/// share, so a scenario is compiled at most once per start, and not at all
/// while its files keep their stamps.
pub struct Library(pub Mutex<LibraryFolders>, pub Mutex<LibraryIndex>);

/// The conversation in play, if any (the application layer's
/// [`Conversation`]: a recorded attempt or a workbench trial).
pub struct Player(pub Mutex<Option<Conversation>>);

/// The trainer workbench: the open folder and its file watcher.
pub struct Workbench(pub Mutex<Option<crate::watch::WorkbenchSession>>);

/// Everything the app manages, built once at start-up.
pub struct AppState {
    /// The records database.
    pub records: Records,
    /// Library folders.
    pub library: Library,
    /// The current conversation.
    pub player: Player,
    /// The workbench.
    pub workbench: Workbench,
}

impl AppState {
    /// Opens the records database and the folder list in the platform data
    /// directory (`library::data_dir()`).
    pub fn open_default() -> Result<Self> {
        let data = rehearse_core::library::data_dir().ok_or(rehearse_app::Error::NoDataDir)?;
        Self::open(&data)
    }

    /// Opens the state kept under `data_dir`: the records the one way
    /// every front end opens them ([`rehearse_app::records::open`]: the
    /// clock from `REHEARSE_NOW` or the system, the retention setting
    /// applied, the bundled library's unseen versions approved from the
    /// library index the listing then uses). An upgrade's backup and any
    /// bundled folder left unapproved are named on standard error.
    pub fn open(data_dir: &Path) -> Result<Self> {
        let opened = rehearse_app::records::open(&OpenOptions::in_data_dir(data_dir))?;
        for notice in opened.notices() {
            eprintln!("rehearse: {notice}");
        }
        Ok(AppState {
            records: Records(Mutex::new(opened.store)),
            library: Library(
                Mutex::new(LibraryFolders::load(data_dir)?),
                Mutex::new(opened.index),
            ),
            player: Player(Mutex::new(None)),
            workbench: Workbench(Mutex::new(None)),
        })
    }
}

/// The folders the library shows: the application layer's list.
pub use rehearse_app::library::LibraryFolders;

//! The workbench's folder: checking its scenarios, and watching its files
//! so a save re-runs the core's checks without a restart.

use crate::error::Result;
use crate::state::{lock, Player};
use notify::{RecursiveMode, Watcher};
use rehearse_app::check;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event the page listens for after a file in the folder changed.
pub const CHANGED_EVENT: &str = "workbench-changed";

/// How long the watcher waits for a burst of file events to settle.
const SETTLE: Duration = Duration::from_millis(200);

/// What [`CHANGED_EVENT`] carries: the application layer's one shape.
pub use rehearse_app::check::FolderChanged;

/// The open folder and the watcher that keeps its checks current. Dropping
/// it stops the watcher and its thread.
pub struct WorkbenchSession {
    /// The folder.
    pub folder: PathBuf,
    _watcher: notify::RecommendedWatcher,
}

impl WorkbenchSession {
    /// Watches `folder`; after each burst of changes, re-checks it, reloads
    /// a workbench trial of a scenario in it (keeping its position when the
    /// beat still exists) and emits [`CHANGED_EVENT`] with the new view.
    pub fn watch<R: Runtime>(app: AppHandle<R>, folder: PathBuf) -> Result<Self> {
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&folder, RecursiveMode::Recursive)?;
        let root = folder.clone();
        std::thread::Builder::new()
            .name("workbench-watch".into())
            .spawn(move || {
                // Ends when the watcher (the sender) is dropped.
                while let Ok(first) = rx.recv() {
                    let mut changed = changed_paths(first);
                    while let Ok(more) = rx.recv_timeout(SETTLE) {
                        changed.extend(changed_paths(more));
                    }
                    if changed.is_empty() {
                        continue;
                    }
                    reload_trial(&app, &changed);
                    let _ = app.emit(CHANGED_EVENT, FolderChanged::from(check::folder(&root)));
                }
            })
            .map_err(|e| crate::Error::io(&folder, e))?;
        Ok(WorkbenchSession {
            folder,
            _watcher: watcher,
        })
    }
}

/// The paths an event says were changed. Opening or reading a file is not a
/// change: inotify reports every open, and the re-check itself opens every
/// file, so counting opens made each reload trigger the next one.
fn changed_paths(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match event {
        Ok(e) => match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => e.paths,
            EventKind::Access(_) => Vec::new(),
            _ => e.paths,
        },
        Err(_) => Vec::new(),
    }
}

/// Re-bases a workbench trial whose scenario folder holds a changed file
/// ([`rehearse_app::conversation::Conversation::rebase`]: it keeps its
/// place when it can); a recorded attempt is left alone.
fn reload_trial<R: Runtime>(app: &AppHandle<R>, changed: &[PathBuf]) {
    let player = app.state::<Player>();
    let mut play = lock(&player.0);
    if let Some(play) = play.as_mut() {
        play.rebase(changed);
    }
}

#[cfg(test)]
mod tests {
    use super::changed_paths;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, EventKind, ModifyKind};
    use std::path::PathBuf;

    fn event(kind: EventKind) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from("/s/scenario.rhai")))
    }

    #[test]
    fn opening_a_file_is_not_a_change_but_writing_one_is() {
        assert!(
            changed_paths(event(EventKind::Access(AccessKind::Open(AccessMode::Any)))).is_empty()
        );
        assert!(changed_paths(event(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))))
        .is_empty());
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Create(CreateKind::File),
        ] {
            assert_eq!(
                changed_paths(event(kind)),
                vec![PathBuf::from("/s/scenario.rhai")]
            );
        }
    }
}

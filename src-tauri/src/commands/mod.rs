//! The app's `#[tauri::command]`s, one module per capability. Each command
//! is a thin adapter: it takes state, calls `rehearse-core`, and returns a
//! view from [`crate::views`] or an [`crate::Error`].

pub mod accreditation;
pub mod analytics;
pub mod certificate;
pub mod dashboard;
pub mod debrief;
pub mod library;
pub mod locale;
pub mod moderation;
pub mod observation;
pub mod player;
pub mod profiles;
pub mod staff;
pub mod workbench;

#[cfg(test)]
mod ipc_tests;
#[cfg(test)]
mod locale_tests;
#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use tauri::{AppHandle, Runtime};
use uuid::Uuid;

/// Asks where to save a file with the system's save dialog: `title`, a
/// suggested file `name`, and one filter (`kind`, `ext`). `None` when the
/// dialog was cancelled.
pub(crate) fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    name: &str,
    kind: &str,
    ext: &str,
) -> Result<Option<std::path::PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    picked_path(
        app.dialog()
            .file()
            .set_title(title)
            .set_file_name(name)
            .add_filter(kind, &[ext])
            .blocking_save_file(),
    )
}

/// A dialog's answer as a local path: `None` when it was cancelled.
pub(crate) fn picked_path(
    picked: Option<tauri_plugin_dialog::FilePath>,
) -> Result<Option<std::path::PathBuf>> {
    picked
        .map(|p| p.into_path().map_err(|e| Error::Dialog(e.to_string())))
        .transpose()
}

/// Runs a command's work on Tauri's blocking pool, never on the main
/// thread (which runs the window) nor on an async worker. Commands that run
/// scenario scripts, exports, signing, Argon2id checks or the network are
/// `async` and hand their work here, so the window keeps answering while
/// they run. `f` gets the app handle, to reach the managed state.
pub(crate) async fn off_main<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    f: impl FnOnce(&AppHandle<R>) -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app))
        .await
        .map_err(|e| Error::Background(e.to_string()))?
}

/// Parses an id sent by the page.
pub(crate) fn parse_id(id: &str, what: &str) -> Result<Uuid> {
    Ok(rehearse_app::error::parse_id(id, what)?)
}

/// A seed for a new attempt (any value; the seed is stored so the attempt
/// replays): the core's, as the CLI draws it.
pub(crate) fn fresh_seed() -> u64 {
    rehearse_core::rng::fresh_seed()
}

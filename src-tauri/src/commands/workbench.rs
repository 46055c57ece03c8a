//! The trainer workbench: open a scenario folder, see its findings and
//! graph, play from any beat, and run its tests and the explorer.
//!
//! Together these are the answer key, so every command carries the
//! trainer's name and passphrase and asks the core first
//! (`Store::authorise` with `Capability::Author`): a trainee profile or an
//! accreditation officer is refused with `unauthorised` before any
//! scenario is read. The file watcher is started only by an authorised
//! [`open_workbench`]; [`close_workbench`] stops it and drops a trial run
//! when the trainer signs out.

use crate::commands::off_main;
use crate::error::{Error, Result};
use crate::state::{lock, Player, Records, Workbench};
use crate::views::PlayerView;
use crate::watch::WorkbenchSession;
use rehearse_app::check::{self, FolderCheck};
use rehearse_app::conversation::Conversation;
use rehearse_app::workbench;
use rehearse_core::records::Capability;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// Asks the core whether `trainer` may use the workbench.
fn authorise(records: &Records, trainer: &str, passphrase: &str) -> Result<()> {
    lock(&records.0).authorise(trainer, passphrase, Capability::Author)?;
    Ok(())
}

/// Asks for a scenario folder with the system's folder dialog (trainer
/// name and passphrase required; no dialog opens without them).
#[tauri::command]
pub async fn choose_workbench_folder<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
) -> Result<Option<PathBuf>> {
    authorise(&app.state::<Records>(), &trainer, &passphrase)?;
    crate::commands::picked_path(
        app.dialog()
            .file()
            .set_title("Open a scenario folder")
            .blocking_pick_folder(),
    )
}

/// Opens a folder in the workbench: checks its scenarios and starts
/// watching it for changes (trainer name and passphrase required).
#[tauri::command]
pub async fn open_workbench<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
) -> Result<FolderCheck> {
    off_main(app, move |app| {
        open_workbench_blocking(
            app.clone(),
            app.state(),
            app.state(),
            trainer,
            passphrase,
            path,
        )
    })
    .await
}

/// The work of [`open_workbench`], on the calling thread (the command tests call it).
pub fn open_workbench_blocking<R: Runtime>(
    app: AppHandle<R>,
    records: State<'_, Records>,
    workbench: State<'_, Workbench>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
) -> Result<FolderCheck> {
    authorise(&records, &trainer, &passphrase)?;
    let folder = path.canonicalize().map_err(|e| Error::io(&path, e))?;
    let view = check::folder(&folder)?;
    // Replacing the session drops the previous watcher.
    *lock(&workbench.0) = Some(WorkbenchSession::watch(app, folder)?);
    Ok(view)
}

/// Closes the workbench: stops watching its folder and drops a trial run
/// started from it, so nothing of the answer key stays reachable after the
/// trainer signs out ("Change role"). It reveals nothing, so it needs no
/// credentials; a recorded trainee attempt is left alone.
#[tauri::command]
pub fn close_workbench(workbench: State<'_, Workbench>, player: State<'_, Player>) {
    // Dropping the session stops the watcher and its thread.
    lock(&workbench.0).take();
    Conversation::drop_trial(&mut lock(&player.0));
}

/// The workbench views: the application layer's.
pub use rehearse_app::workbench::{ExplorationView, GraphNodeView, GraphView, TestResult};

/// The graph of the scenario at `path`, laid out in columns (trainer
/// name and passphrase required).
#[tauri::command]
pub async fn workbench_graph<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
) -> Result<GraphView> {
    off_main(app, move |app| {
        workbench_graph_blocking(app.state(), trainer, passphrase, path)
    })
    .await
}

/// The work of [`workbench_graph`], on the calling thread (the command tests call it).
pub fn workbench_graph_blocking(
    records: State<'_, Records>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
) -> Result<GraphView> {
    authorise(&records, &trainer, &passphrase)?;
    Ok(workbench::graph(&path)?)
}

/// Plays the scenario at `path` from `beat` as a practice trial (not
/// recorded; trainer name and passphrase required).
#[tauri::command]
pub async fn play_from<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
    beat: String,
) -> Result<PlayerView> {
    off_main(app, move |app| {
        play_from_blocking(app.state(), app.state(), trainer, passphrase, path, beat)
    })
    .await
}

/// The work of [`play_from`], on the calling thread (the command tests call it).
pub fn play_from_blocking(
    records: State<'_, Records>,
    player: State<'_, Player>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
    beat: String,
) -> Result<PlayerView> {
    authorise(&records, &trainer, &passphrase)?;
    let play = Conversation::trial(path, &beat)?;
    let view = crate::commands::player::view_of(&play);
    *lock(&player.0) = Some(play);
    Ok(view)
}

/// Runs the tests kept beside the scenario at `path` (`tests.toml`;
/// trainer name and passphrase required).
#[tauri::command]
pub async fn run_scenario_tests<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
) -> Result<Vec<TestResult>> {
    off_main(app, move |app| {
        authorise(&app.state::<Records>(), &trainer, &passphrase)?;
        Ok(workbench::run_folder_tests(&path)?)
    })
    .await
}

/// Runs `walks` seeded random playthroughs of the scenario at `path`
/// (trainer name and passphrase required).
#[tauri::command]
pub async fn run_explorer<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    path: PathBuf,
    walks: u32,
    seed: u64,
) -> Result<ExplorationView> {
    off_main(app, move |app| {
        authorise(&app.state::<Records>(), &trainer, &passphrase)?;
        Ok(workbench::explore(&path, walks, seed)?)
    })
    .await
}

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
use rehearse_core::records::Capability;
use rehearse_core::scenario::translation::analyser_for;
use rehearse_core::{explore, graph, scenario, testcase};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
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
    match app
        .dialog()
        .file()
        .set_title("Open a scenario folder")
        .blocking_pick_folder()
    {
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| Error::Dialog(e.to_string())),
        None => Ok(None),
    }
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
    let mut play = lock(&player.0);
    if play.as_ref().is_some_and(|p| p.is_unrecorded()) {
        *play = None;
    }
}

/// A graph node with its place in the drawing.
#[derive(Debug, Clone, Serialize)]
pub struct GraphNodeView {
    /// The node.
    #[serde(flatten)]
    pub node: graph::GraphNode,
    /// Column.
    pub column: usize,
    /// Row.
    pub row: usize,
}

/// The scenario graph with its layout (both from the core).
#[derive(Debug, Clone, Serialize)]
pub struct GraphView {
    /// Scenario id.
    pub scenario: String,
    /// Nodes with positions.
    pub nodes: Vec<GraphNodeView>,
    /// Edges.
    pub edges: Vec<graph::GraphEdge>,
    /// Columns.
    pub columns: usize,
    /// Rows in the tallest column.
    pub rows: usize,
}

fn load_arc(path: &std::path::Path) -> Result<Arc<scenario::Scenario>> {
    Ok(Arc::new(scenario::load_playable(path)?))
}

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
    let loaded = scenario::load(&path)?;
    let s = loaded.scenario.ok_or_else(|| {
        Error::invalid("the script does not load, so there is no graph to draw; see the findings")
    })?;
    let g = graph::build(&s);
    let layout = g.layout();
    let nodes = g
        .nodes
        .into_iter()
        .zip(layout.placements)
        .map(|(node, p)| GraphNodeView {
            node,
            column: p.column,
            row: p.row,
        })
        .collect();
    Ok(GraphView {
        scenario: s.id().to_string(),
        nodes,
        edges: g.edges,
        columns: layout.columns,
        rows: layout.rows,
    })
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

/// One scenario test's result.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    /// Test name.
    pub name: String,
    /// Whether every expectation held.
    pub passed: bool,
    /// What did not hold.
    pub failures: Vec<String>,
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
        let s = load_arc(&path)?;
        let cases = testcase::read_tests(&path)?;
        let analyser = analyser_for(&s)?;
        Ok(cases
            .iter()
            .map(|c| {
                let o = testcase::run(&s, c, analyser.clone());
                TestResult {
                    passed: o.passed(),
                    name: o.name,
                    failures: o.failures,
                }
            })
            .collect())
    })
    .await
}

/// What the explorer found, with its coverage.
#[derive(Debug, Clone, Serialize)]
pub struct ExplorationView {
    /// The explorer's result.
    #[serde(flatten)]
    pub exploration: explore::Exploration,
    /// Share of beats and endings visited.
    pub coverage: f64,
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
        if walks == 0 || walks > 10_000 {
            return Err(Error::invalid("choose between 1 and 10,000 walks"));
        }
        let s = load_arc(&path)?;
        let exploration = explore::explore(&s, walks, seed, analyser_for(&s)?);
        Ok(ExplorationView {
            coverage: exploration.coverage(),
            exploration,
        })
    })
    .await
}

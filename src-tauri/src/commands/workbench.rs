//! The trainer workbench: open a scenario folder, see its findings and
//! graph, play from any beat, and run its tests and the explorer.

use crate::error::{Error, Result};
use crate::state::{lock, Play, PlayKind, Player, Workbench};
use crate::views::PlayerView;
use crate::watch::{check_folder, WorkbenchSession, WorkbenchView};
use rehearse_core::attempt::{Attempt, Mode};
use rehearse_core::{explore, graph, response, scenario, testcase};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// Asks for a scenario folder with the system's folder dialog.
#[tauri::command]
pub async fn choose_workbench_folder<R: Runtime>(app: AppHandle<R>) -> Result<Option<PathBuf>> {
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
/// watching it for changes.
#[tauri::command]
pub fn open_workbench<R: Runtime>(
    app: AppHandle<R>,
    workbench: State<'_, Workbench>,
    path: PathBuf,
) -> Result<WorkbenchView> {
    let folder = path.canonicalize().map_err(|e| Error::io(&path, e))?;
    let view = check_folder(&folder)?;
    // Replacing the session drops the previous watcher.
    *lock(&workbench.0) = Some(WorkbenchSession::watch(app, folder)?);
    Ok(view)
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

/// The graph of the scenario at `path`, laid out in columns.
#[tauri::command]
pub fn workbench_graph(path: PathBuf) -> Result<GraphView> {
    let loaded = scenario::load(&path)?;
    let s = loaded.scenario.ok_or_else(|| {
        Error::Invalid(
            "the script does not load, so there is no graph to draw; see the findings".into(),
        )
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

/// Plays the scenario at `path` from `beat` as a practice trial (not recorded).
#[tauri::command]
pub fn play_from(player: State<'_, Player>, path: PathBuf, beat: String) -> Result<PlayerView> {
    let s = load_arc(&path)?;
    let attempt = Attempt::start_at(s, Mode::Practice, 1, response::english(), &beat)?;
    let play = Play {
        kind: PlayKind::Trial {
            attempt,
            from: beat,
        },
        dir: path,
    };
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

/// Runs the tests kept beside the scenario at `path` (`tests.toml`).
#[tauri::command]
pub async fn run_scenario_tests(path: PathBuf) -> Result<Vec<TestResult>> {
    let s = load_arc(&path)?;
    let cases = testcase::read_tests(&path)?;
    Ok(cases
        .iter()
        .map(|c| {
            let o = testcase::run(&s, c, response::english());
            TestResult {
                passed: o.passed(),
                name: o.name,
                failures: o.failures,
            }
        })
        .collect())
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

/// Runs `walks` seeded random playthroughs of the scenario at `path`.
#[tauri::command]
pub async fn run_explorer(path: PathBuf, walks: u32, seed: u64) -> Result<ExplorationView> {
    if walks == 0 || walks > 10_000 {
        return Err(Error::Invalid("choose between 1 and 10,000 walks".into()));
    }
    let s = load_arc(&path)?;
    let exploration = explore::explore(&s, walks, seed, response::english());
    Ok(ExplorationView {
        coverage: exploration.coverage(),
        exploration,
    })
}

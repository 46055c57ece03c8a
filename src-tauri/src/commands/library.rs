//! The scenario library: cards for the bundled, user and added folders.

use crate::commands::{off_main, parse_id};
use crate::error::{Error, Result};
use crate::state::{lock, Library, Records};
use crate::views::CompetencyLabel;
use rehearse_core::library::index::LibraryIndex;
use rehearse_core::records::ScenarioProgress;
use rehearse_core::scenario;
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// One library card. Red flags are deliberately absent: the library never
/// reveals which red flags a scenario holds.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioCard {
    /// The folder (the id the player is started with).
    pub path: PathBuf,
    /// `bundled`, `user` or `added`.
    pub origin: &'static str,
    /// Scenario id.
    pub id: String,
    /// Title.
    pub title: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Care setting.
    pub setting: String,
    /// The person(s) the trainee talks to: "Name, role".
    pub personas: Vec<String>,
    /// `introductory`, `intermediate` or `advanced`.
    pub difficulty: &'static str,
    /// Expected minutes.
    pub minutes: u32,
    /// Targeted competencies.
    pub targets: Vec<CompetencyLabel>,
    /// `not_tried`, `practised` or `passed` for the chosen trainee.
    pub status: &'static str,
    /// Why the scenario cannot be played, when it cannot.
    pub problem: Option<String>,
    /// The language the card's text is in: the app's language when the
    /// scenario carries it, else the script's own (the page marks the card's
    /// text with it).
    pub language: String,
}

fn status_id(p: ScenarioProgress) -> &'static str {
    match p {
        ScenarioProgress::NotTried => "not_tried",
        ScenarioProgress::Practised => "practised",
        ScenarioProgress::Passed => "passed",
    }
}

/// The library's cards, with each scenario's status for `trainee` (a
/// trainee id; without one every status is "not tried").
#[tauri::command]
pub async fn list_scenarios<R: Runtime>(
    app: AppHandle<R>,
    trainee: Option<String>,
) -> Result<Vec<ScenarioCard>> {
    off_main(app, move |app| {
        list_scenarios_blocking(app.state(), app.state(), trainee)
    })
    .await
}

/// The work of [`list_scenarios`], on the calling thread (the command tests call it).
pub fn list_scenarios_blocking(
    library: State<'_, Library>,
    records: State<'_, Records>,
    trainee: Option<String>,
) -> Result<Vec<ScenarioCard>> {
    let trainee = trainee
        .as_deref()
        .map(|t| parse_id(t, "trainee"))
        .transpose()?;
    let dirs = lock(&library.0).scenario_dirs();
    // Cards in the language set in the app; a scenario that does not carry
    // it shows its script's own text.
    let lang = crate::commands::locale::language_beside(&lock(&records.0));
    let mut cards = Vec::new();
    for (origin, dir) in dirs {
        let loaded = match scenario::load(&dir) {
            Ok(l) => l,
            Err(e) => {
                cards.push(problem_card(origin, dir, e.to_string()));
                continue;
            }
        };
        let problem = loaded
            .findings
            .iter()
            .find(|f| f.severity == scenario::finding::Severity::Error)
            .map(|f| f.to_string());
        let Some(s) = loaded.scenario else {
            cards.push(problem_card(
                origin,
                dir,
                problem.unwrap_or_else(|| "the scenario could not be loaded".into()),
            ));
            continue;
        };
        let s = s.localised(lang.tag());
        let m = &s.def.meta;
        let status = match trainee {
            Some(t) => status_id(lock(&records.0).scenario_status(t, &m.id)?),
            None => "not_tried",
        };
        cards.push(ScenarioCard {
            path: dir,
            origin,
            id: m.id.clone(),
            title: m.title.clone(),
            summary: m.summary.clone(),
            setting: m.setting.clone(),
            personas: s
                .def
                .personas
                .iter()
                .map(|p| format!("{}, {}", p.name, p.role))
                .collect(),
            difficulty: m.difficulty.id(),
            minutes: m.minutes,
            targets: m
                .targets
                .iter()
                .map(|c| CompetencyLabel::in_language(*c, lang))
                .collect(),
            status,
            problem,
            language: s.language().to_string(),
        });
    }
    Ok(cards)
}

fn problem_card(origin: &'static str, dir: PathBuf, problem: String) -> ScenarioCard {
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ScenarioCard {
        path: dir,
        origin,
        title: id.clone(),
        id,
        summary: String::new(),
        setting: String::new(),
        personas: Vec::new(),
        difficulty: "",
        minutes: 0,
        targets: Vec::new(),
        status: "not_tried",
        problem: Some(problem),
        // Load errors are the core's English messages.
        language: "en".into(),
    }
}

/// Asks for a folder with the system's folder dialog and adds it to the
/// library; returns the folder, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn add_library_folder<R: Runtime>(
    app: AppHandle<R>,
    library: State<'_, Library>,
) -> Result<Option<PathBuf>> {
    let Some(picked) = app
        .dialog()
        .file()
        .set_title("Add a scenario folder")
        .blocking_pick_folder()
    else {
        return Ok(None);
    };
    let dir = picked
        .into_path()
        .map_err(|e| Error::Dialog(e.to_string()))?;
    rehearse_core::library::expand(std::slice::from_ref(&dir))?;
    lock(&library.0).add(dir.clone())?;
    Ok(Some(dir))
}

/// Removes an added folder from the library (its files are not touched).
#[tauri::command]
pub fn remove_library_folder(library: State<'_, Library>, path: PathBuf) -> Result<()> {
    lock(&library.0).remove(&path)
}

/// Scenario titles by scenario id, for every scenario in the library that
/// loads, from the library index: a folder whose content is unchanged is
/// hashed, not compiled again, on each dashboard or moderation call.
pub(crate) fn titles(library: &Library) -> std::collections::HashMap<String, String> {
    static INDEX: std::sync::OnceLock<std::sync::Mutex<LibraryIndex>> = std::sync::OnceLock::new();
    let dirs: Vec<PathBuf> = lock(&library.0)
        .scenario_dirs()
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    lock(INDEX.get_or_init(Default::default)).titles(&dirs)
}

//! The trainee dashboard: certification status with its countdown, what is
//! still missing, a competency grid across attempts, and the attempt
//! history, each attempt opening its stored debrief. Everything is computed
//! by `rehearse_core::records`; this module only adapts it.

use crate::commands::{off_main, parse_id};
use crate::error::Result;
use crate::state::{lock, Library, Records};
use crate::views::{CompetencyLabel, DebriefView, StatusView};
use rehearse_core::attempt::Mode;
use rehearse_core::competency::Competency;
use rehearse_core::records::{AttemptStatus, Store};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use uuid::Uuid;

/// One attempt in the history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    /// Attempt id.
    pub attempt: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario title, when the scenario is in the library.
    pub title: Option<String>,
    /// Practice or assessment.
    pub mode: Mode,
    /// `in_progress`, `completed` or `abandoned`.
    pub status: AttemptStatus,
    /// Started (RFC 3339).
    pub started_at: String,
    /// Whether it passed, moderation applied (completed attempts only).
    pub passed: Option<bool>,
    /// Whether a trainer overrode a grade.
    pub moderated: bool,
    /// Turns played.
    pub turns: u32,
    /// Whether its debrief can be opened (completed attempts).
    pub has_debrief: bool,
}

/// One column of the competency grid: an attempt's levels.
#[derive(Debug, Clone, Serialize)]
pub struct GridColumn {
    /// Attempt id.
    pub attempt: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// Ended (RFC 3339).
    pub ended_at: Option<String>,
    /// Passed, moderation applied.
    pub passed: bool,
    /// Whether a trainer overrode a grade.
    pub moderated: bool,
    /// Level id per competency, in framework order (as `competencies`).
    pub levels: Vec<GridCell>,
}

/// One cell of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct GridCell {
    /// Level id.
    pub level: &'static str,
    /// Level in words.
    pub label: &'static str,
}

/// The dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    /// Trainee display name.
    pub name: String,
    /// Certification status today (the records clock).
    pub status: StatusView,
    /// The 15 competencies, in framework order (the grid's rows).
    pub competencies: Vec<CompetencyLabel>,
    /// Completed attempts, oldest first (the grid's columns).
    pub grid: Vec<GridColumn>,
    /// Every attempt, newest first.
    pub history: Vec<HistoryRow>,
}

/// Builds the dashboard of a trainee from the store (for the command and tests).
pub fn dashboard(store: &Store, library: &Library, trainee: Uuid) -> Result<DashboardView> {
    let name = store.find_trainee(&trainee.to_string())?.display_name;
    let status = store.status(trainee, store.clock().today())?;
    let lang = crate::commands::locale::language_beside(store);
    let titles = crate::commands::library::titles(library);
    let history = store
        .attempts(trainee)?
        .into_iter()
        .map(|a| HistoryRow {
            attempt: a.attempt.to_string(),
            title: titles.get(&a.scenario_id).cloned(),
            scenario_id: a.scenario_id,
            mode: a.mode,
            status: a.status,
            started_at: rehearse_core::clock::format_instant(a.started_at),
            passed: a.passed,
            moderated: a.moderated,
            turns: a.turns,
            has_debrief: a.status == AttemptStatus::Completed,
        })
        .collect();
    let grid = store
        .competency_grid(trainee)?
        .into_iter()
        .map(|g| GridColumn {
            attempt: g.attempt.to_string(),
            scenario_id: g.scenario_id,
            mode: g.mode,
            ended_at: g.ended_at.map(rehearse_core::clock::format_instant),
            passed: g.passed,
            moderated: g.moderated,
            levels: g
                .levels
                .into_iter()
                .map(|(_, l)| GridCell {
                    level: l.id(),
                    label: l.label_in(lang),
                })
                .collect(),
        })
        .collect();
    Ok(DashboardView {
        name,
        status: StatusView::in_language(&status, lang),
        competencies: Competency::ALL
            .into_iter()
            .map(|c| CompetencyLabel::in_language(c, lang))
            .collect(),
        grid,
        history,
    })
}

/// The trainee's dashboard: status, countdown, missing items, grid, history.
#[tauri::command]
pub async fn trainee_dashboard<R: Runtime>(
    app: AppHandle<R>,
    trainee: String,
) -> Result<DashboardView> {
    off_main(app, move |app| {
        trainee_dashboard_blocking(app.state(), app.state(), trainee)
    })
    .await
}

/// The work of [`trainee_dashboard`], on the calling thread (the command tests call it).
pub fn trainee_dashboard_blocking(
    records: State<'_, Records>,
    library: State<'_, Library>,
    trainee: String,
) -> Result<DashboardView> {
    let trainee = parse_id(&trainee, "trainee")?;
    dashboard(&lock(&records.0), &library, trainee)
}

/// The stored debrief of one of the trainee's own completed attempts
/// (moderation applied, original grades listed).
#[tauri::command]
pub fn stored_report(
    records: State<'_, Records>,
    trainee: String,
    attempt: String,
) -> Result<DebriefView> {
    let trainee = parse_id(&trainee, "trainee")?;
    let attempt = parse_id(&attempt, "attempt")?;
    let store = lock(&records.0);
    Ok(DebriefView::in_language(
        &store.own_report(trainee, attempt)?,
        crate::commands::locale::language_beside(&store),
    ))
}

//! The trainee dashboard: certification status with its countdown, what is
//! still missing, a competency grid across attempts, and the attempt
//! history, each attempt opening its stored debrief. The view is built by
//! the application layer (`rehearse_app::dashboard`); these are its commands.

use crate::commands::{off_main, parse_id};
use crate::error::Result;
use crate::state::{lock, Library, Records};
use crate::views::DebriefView;
pub use rehearse_app::dashboard::{dashboard, DashboardView, GridCell, GridColumn, HistoryRow};
use tauri::{AppHandle, Manager, Runtime, State};

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
    let store = lock(&records.0);
    let lang = crate::commands::locale::language_beside(&store);
    let titles = crate::commands::library::titles(&library);
    Ok(dashboard(&store, &titles, trainee, lang)?)
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

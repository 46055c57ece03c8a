//! The debrief: the report of the current attempt, and saving it.

use crate::commands::ask_save_path;
use crate::error::{Error, Result};
use crate::state::{lock, Player, Records};
use crate::views::DebriefView;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

/// The debrief of the current attempt (graded by the core).
#[tauri::command]
pub fn attempt_report(
    player: State<'_, Player>,
    records: State<'_, Records>,
) -> Result<DebriefView> {
    let lang = crate::commands::locale::language_beside(&lock(&records.0));
    let guard = lock(&player.0);
    let play = guard.as_ref().ok_or_else(Error::no_conversation)?;
    let report = play.report(Some(&lock(&records.0)))?;
    Ok(DebriefView::in_language(&report, lang))
}

/// The report formats: the application layer's.
pub use rehearse_app::debrief::ReportFormat;

/// The report of the current attempt in a format, in the app's language,
/// with the file name to offer.
pub fn report_file(
    player: &Player,
    records: &Records,
    format: ReportFormat,
) -> Result<rehearse_app::debrief::ReportFile> {
    // The player first, then the records, as every command takes them.
    let guard = lock(&player.0);
    let play = guard.as_ref().ok_or_else(Error::no_conversation)?;
    let store = lock(&records.0);
    let lang = crate::commands::locale::language_beside(&store);
    let report = play.report(Some(&store))?;
    Ok(rehearse_app::debrief::report_file(&report, format, lang))
}

/// Saves the current report through the system's save dialog; returns the
/// file written, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn save_report<R: Runtime>(
    app: AppHandle<R>,
    player: State<'_, Player>,
    records: State<'_, Records>,
    format: ReportFormat,
) -> Result<Option<PathBuf>> {
    let file = report_file(&player, &records, format)?;
    let Some(path) = ask_save_path(
        &app,
        "Save the report",
        &file.name,
        file.kind,
        file.extension,
    )?
    else {
        return Ok(None);
    };
    std::fs::write(&path, file.text).map_err(|e| Error::io(&path, e))?;
    Ok(Some(path))
}
